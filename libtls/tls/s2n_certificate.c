/* Certificate, CertificateRequest, CertificateVerify and Finished in TLS 1.3
 * (RFC 8446 sections 4.3.2, 4.4), with peer chain validation. */
#include <string.h>

#include "tls/s2n_handshake.h"
#include "utils/s2n_mem.h"

int s2n_sig_scheme_usable(const struct s2n_signature_scheme *s, uint8_t version)
{
    return s->iana != 0 && s->pkey_type != S2N_PKEY_NONE && s->min_version <= version && s->max_version >= version;
}

int s2n_sig_scheme_usable_tls13(const struct s2n_signature_scheme *s)
{
    return s2n_sig_scheme_usable(s, S2N_TLS13);
}

/* TLS 1.3 binds ECDSA schemes to a curve; TLS 1.2 does not. */
int s2n_sig_scheme_fits_key(const struct s2n_signature_scheme *s, const struct s2n_pkey *key, uint8_t version)
{
    if (s->pkey_type != key->type) {
        return 0;
    }
    return key->type != S2N_PKEY_ECDSA || version < S2N_TLS13 || s->tls13_curve == key->curve;
}

static int s2n_peer_offered(const struct s2n_handshake *hs, uint16_t iana)
{
    for (uint8_t i = 0; i < hs->peer_sig_scheme_count; i++) {
        if (hs->peer_sig_schemes[i] == iana) {
            return 1;
        }
    }
    return 0;
}

S2N_RESULT s2n_choose_sig_scheme(struct s2n_connection *conn, const struct s2n_pkey *key, uint8_t version, uint16_t *out)
{
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    for (uint8_t i = 0; i < p->sig_scheme_count; i++) {
        const struct s2n_signature_scheme *s = p->sig_schemes[i];
        if (s2n_sig_scheme_usable(s, version) && s2n_sig_scheme_fits_key(s, key, version) && s2n_peer_offered(conn->hs, s->iana)) {
            *out = s->iana;
            return S2N_SUCCESS;
        }
    }
    BAIL(S2N_ERR_NO_VALID_SIGNATURE_SCHEME);
}

/* ---- Certificate ------------------------------------------------------------ */

static S2N_RESULT s2n_cert_list_write(struct s2n_cursor *out, const struct s2n_cert_chain_and_key *chain)
{
    GUARD(s2n_cursor_write_u8(out, 0)); /* certificate_request_context */
    struct s2n_vec_mark list;
    GUARD(s2n_cursor_begin_vec(out, 3, &list));
    for (uint32_t i = 0; chain && i < chain->cert_count; i++) {
        GUARD(s2n_cursor_write_vec(out, 3, chain->certs[i].data, chain->certs[i].len));
        GUARD(s2n_cursor_write_u16(out, 0)); /* no per-certificate extensions */
    }
    return s2n_cursor_end_vec(out, &list);
}

S2N_RESULT s2n_server_cert_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    return s2n_cert_list_write(out, conn->hs->cert);
}

S2N_RESULT s2n_client_cert_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    /* Client authentication is not implemented yet: an empty Certificate
     * (allowed when the client has no suitable certificate). */
    struct s2n_handshake *hs = conn->hs;
    GUARD(s2n_cursor_write_vec(out, 1, hs->cert_request_context, hs->cert_request_context_len));
    return s2n_cursor_write_u24(out, 0);
}

struct s2n_host_check {
    struct s2n_connection *conn;
};


static int s2n_host_check_cb(void *ctx, const char *name, size_t len)
{
    struct s2n_connection *conn = ctx;
    struct s2n_config *config = conn->config;
    if (config->verify_host) {
        return config->verify_host(name, len, config->verify_host_data) == 1;
    }
    if (conn->server_name == NULL) {
        return 0;
    }
    return s2n_host_matches_cert_name(name, len, conn->server_name, conn->server_name_len);
}

S2N_RESULT s2n_verify_peer_chain(struct s2n_connection *conn, const struct s2n_der *certs, uint32_t count,
        struct s2n_pkey *leaf_key)
{
    struct s2n_config *config = conn->config;
    ENSURE(count > 0, S2N_ERR_CERT_UNTRUSTED);
    const int verify = !config->disable_x509_verification;
    /* The built-in config loads its trust store lazily; do that before the
     * store (and its cache of parsed certificates) is looked at. */
    if (verify) {
        GUARD(s2n_config_trust_store_ready(config));
    }
    /* Each certificate is parsed at most once (and not at all when the
     * trust store has it cached): key, chain and names share the objects. */
    struct s2n_x509_chain chain;
    s2n_x509_chain_init(&chain, &config->trust_store, certs, count);
    int matched = 0;
    GUARD_GOTO(s2n_x509_chain_leaf_key(&chain, leaf_key), fail);
    if (!verify) {
        s2n_x509_chain_free(&chain);
        return S2N_SUCCESS;
    }
    struct s2n_x509_verify_params params = {
        .max_depth = config->max_chain_depth,
        .check_time = 1,
        .check_intent = 1,
        .peer_is_server = conn->mode == S2N_CLIENT,
    };
    GUARD_GOTO(s2n_x509_chain_verify(&chain, &params), fail);
    GUARD_GOTO(s2n_x509_chain_for_each_name(&chain, s2n_host_check_cb, conn, &matched), fail);
    s2n_x509_chain_free(&chain);
    if (!matched) {
        conn->fail_alert = S2N_ALERT_BAD_CERTIFICATE;
        BAIL(S2N_ERR_CERT_UNTRUSTED);
    }
    return S2N_SUCCESS;
fail:
    s2n_x509_chain_free(&chain);
    return S2N_FAILURE;
}

S2N_RESULT s2n_server_cert_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_cursor context, list;
    GUARD(s2n_cursor_read_vec8(in, &context));
    ENSURE(s2n_cursor_remaining(&context) == 0, S2N_ERR_BAD_MESSAGE);
    GUARD(s2n_cursor_read_vec24(in, &list));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);

    return s2n_peer_cert_list_recv(conn, &list, 1);
}

/* A received certificate_list (TLS 1.3 entries carry extensions, TLS 1.2
 * ones do not): at least one certificate, then the chain is verified and
 * the leaf's key kept for the signature that follows. */
S2N_RESULT s2n_peer_cert_list_recv(struct s2n_connection *conn, struct s2n_cursor *list, int with_extensions)
{
    struct s2n_der certs[S2N_MAX_CERT_CHAIN_LEN];
    uint32_t count = 0;
    while (s2n_cursor_remaining(list) > 0) {
        struct s2n_cursor cert, exts;
        GUARD(s2n_cursor_read_vec24(list, &cert));
        if (with_extensions) {
            GUARD(s2n_cursor_read_vec16(list, &exts));
        }
        ENSURE(s2n_cursor_remaining(&cert) > 0, S2N_ERR_BAD_MESSAGE);
        ENSURE(count < S2N_MAX_CERT_CHAIN_LEN, S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED);
        certs[count].data = s2n_cursor_read_ptr_unchecked(&cert);
        certs[count].len = s2n_cursor_remaining(&cert);
        count++;
    }
    ENSURE(count > 0, S2N_ERR_BAD_MESSAGE);
    s2n_pkey_free(&conn->hs->peer_key);
    return s2n_verify_peer_chain(conn, certs, count, &conn->hs->peer_key);
}

S2N_RESULT s2n_cert_req_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_handshake *hs = conn->hs;
    struct s2n_cursor context;
    GUARD(s2n_cursor_read_vec8(in, &context));
    hs->cert_request_context_len = (uint8_t) s2n_cursor_remaining(&context);
    GUARD(s2n_cursor_read_bytes(&context, hs->cert_request_context, hs->cert_request_context_len));
    /* The server's signature_algorithms replace nothing we need: the
     * ClientHello lists were ours; keep the peer list out of the way. */
    uint8_t saved_count = hs->peer_sig_scheme_count;
    GUARD(s2n_extensions_recv(conn, S2N_EXT_MSG_CR, in));
    hs->peer_sig_scheme_count = saved_count;
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    hs->cert_requested = 1;
    return S2N_SUCCESS;
}

/* ---- CertificateVerify -------------------------------------------------------- */

#define S2N_CV_PREFIX_LEN 64
static const char s2n_cv_server_context[] = "TLS 1.3, server CertificateVerify";
static const char s2n_cv_client_context[] = "TLS 1.3, client CertificateVerify";

/* 64 spaces, the context string, a zero byte, then the transcript hash. */
static S2N_RESULT s2n_cv_content(struct s2n_connection *conn, int by_server, uint8_t *out, uint32_t *len)
{
    const char *context = by_server ? s2n_cv_server_context : s2n_cv_client_context;
    uint32_t clen = sizeof(s2n_cv_server_context); /* includes the zero byte */
    memset(out, 0x20, S2N_CV_PREFIX_LEN);
    memcpy(out + S2N_CV_PREFIX_LEN, context, clen);
    GUARD(s2n_transcript_digest(conn, out + S2N_CV_PREFIX_LEN + clen));
    *len = S2N_CV_PREFIX_LEN + clen + conn->hs->transcript_hash_len;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cert_verify_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    struct s2n_handshake *hs = conn->hs;
    const struct s2n_signature_scheme *s = s2n_signature_scheme_from_iana(hs->sig_scheme);
    ENSURE_REF(s);
    uint8_t content[S2N_CV_PREFIX_LEN + 64 + S2N_MAX_DIGEST_LEN];
    uint32_t content_len = 0;
    GUARD(s2n_cv_content(conn, conn->mode == S2N_SERVER, content, &content_len));

    const struct s2n_pkey *key = &hs->cert->private_key;
    uint32_t sig_len = s2n_pkey_max_signature_size(key);
    uint8_t *sig = NULL;
    GUARD(s2n_cursor_write_u16(out, s->iana));
    struct s2n_vec_mark mark;
    GUARD(s2n_cursor_begin_vec(out, 2, &mark));
    GUARD(s2n_cursor_reserve_space(out, sig_len));
    sig = out->data + out->wpos;
    GUARD(s2n_pkey_sign(key, (s2n_sig_padding) s->padding, (s2n_hash_alg) s->hash, content, content_len, sig, &sig_len));
    out->wpos += sig_len;
    return s2n_cursor_end_vec(out, &mark);
}

S2N_RESULT s2n_cert_verify_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_handshake *hs = conn->hs;
    uint16_t iana = 0;
    struct s2n_cursor sig;
    GUARD(s2n_cursor_read_u16(in, &iana));
    GUARD(s2n_cursor_read_vec16(in, &sig));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);

    /* The scheme must be one we offered and must fit the certificate's key. */
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    const struct s2n_signature_scheme *s = NULL;
    for (uint8_t i = 0; i < p->sig_scheme_count; i++) {
        if (p->sig_schemes[i]->iana == iana && s2n_sig_scheme_usable_tls13(p->sig_schemes[i])) {
            s = p->sig_schemes[i];
        }
    }
    ENSURE(s != NULL && s2n_sig_scheme_fits_key(s, &hs->peer_key, S2N_TLS13), S2N_ERR_INVALID_SIGNATURE_SCHEME);

    uint8_t content[S2N_CV_PREFIX_LEN + 64 + S2N_MAX_DIGEST_LEN];
    uint32_t content_len = 0;
    GUARD(s2n_cv_content(conn, conn->mode == S2N_CLIENT, content, &content_len));
    GUARD(s2n_pkey_verify(&hs->peer_key, (s2n_sig_padding) s->padding, (s2n_hash_alg) s->hash, content, content_len,
            s2n_cursor_read_ptr_unchecked(&sig), s2n_cursor_remaining(&sig)));
    if (conn->mode == S2N_CLIENT) {
        conn->server_sig_scheme = iana;
    } else {
        conn->client_sig_scheme = iana;
    }
    return S2N_SUCCESS;
}

/* ---- Finished ------------------------------------------------------------------ */

static const uint8_t *s2n_finished_base(struct s2n_connection *conn, int by_server)
{
    return by_server ? conn->hs->server_hs_secret : conn->hs->client_hs_secret;
}

S2N_RESULT s2n_finished_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    uint8_t mac[S2N_MAX_DIGEST_LEN];
    GUARD(s2n_tls13_finished_mac(conn, s2n_finished_base(conn, conn->mode == S2N_SERVER), mac));
    GUARD(s2n_cursor_write_bytes(out, mac, conn->hs->transcript_hash_len));
    s2n_cleanse(mac, sizeof(mac));
    return S2N_SUCCESS;
}

S2N_RESULT s2n_finished_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    uint8_t mac[S2N_MAX_DIGEST_LEN];
    uint8_t len = conn->hs->transcript_hash_len;
    ENSURE(s2n_cursor_remaining(in) == len, S2N_ERR_BAD_MESSAGE);
    GUARD(s2n_tls13_finished_mac(conn, s2n_finished_base(conn, conn->mode == S2N_CLIENT), mac));
    int ok = s2n_constant_time_equals(mac, s2n_cursor_read_ptr_unchecked(in), len);
    s2n_cleanse(mac, sizeof(mac));
    ENSURE(ok, S2N_ERR_FINISHED_VERIFY);
    in->rpos += len;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_server_finished_after(struct s2n_connection *conn)
{
    GUARD(s2n_tls13_application_secrets(conn));
    /* The server writes, and the client reads, with application keys from now on. */
    if (conn->mode == S2N_SERVER) {
        return s2n_record_set_keys(conn, 1, conn->write_secret);
    }
    return s2n_record_set_keys(conn, 0, conn->read_secret);
}

S2N_RESULT s2n_client_finished_after(struct s2n_connection *conn)
{
    if (conn->mode == S2N_SERVER) {
        return s2n_record_set_keys(conn, 0, conn->read_secret);
    }
    return s2n_record_set_keys(conn, 1, conn->write_secret);
}
