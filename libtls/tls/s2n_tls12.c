/* TLS 1.2 (RFC 5246) with ECDHE (RFC 8422) and AEAD suites, the extended
 * master secret (RFC 7627): the PRF, key derivation and the messages that
 * differ from TLS 1.3. */
#include <string.h>

#include "tls/s2n_handshake.h"
#include "utils/s2n_mem.h"

const uint8_t s2n_tls12_downgrade_sentinel[8] = { 0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01 };

#define S2N_TLS12_MAX_SEED 128
#define S2N_ECC_NAMED_CURVE 3

/* PRF(secret, label, seed) = P_hash(secret, label + seed) (RFC 5246 section 5);
 * P_hash runs on one keyed HMAC context in the crypto layer. */
S2N_RESULT s2n_tls12_prf(s2n_hash_alg alg, const uint8_t *secret, uint32_t secret_len, const char *label,
        const uint8_t *seed1, uint32_t seed1_len, const uint8_t *seed2, uint32_t seed2_len, uint8_t *out, uint32_t out_len)
{
    uint8_t hlen = s2n_hash_digest_size(alg);
    size_t label_len = strlen(label);
    ENSURE(hlen > 0, S2N_ERR_PRF_INVALID_ALGORITHM);
    ENSURE(label_len + seed1_len + seed2_len <= S2N_TLS12_MAX_SEED, S2N_ERR_PRF_INVALID_SEED);

    /* P_hash's seed: label || seed1 || seed2 */
    uint8_t seed[S2N_TLS12_MAX_SEED];
    uint32_t seed_len = (uint32_t) label_len + seed1_len + seed2_len;
    memcpy(seed, label, label_len);
    if (seed1_len) {
        memcpy(seed + label_len, seed1, seed1_len);
    }
    if (seed2_len) {
        memcpy(seed + label_len + seed1_len, seed2, seed2_len);
    }
    int rc = s2n_hmac_p_hash(alg, secret, secret_len, seed, seed_len, out, out_len);
    s2n_cleanse(seed, sizeof(seed));
    return rc;
}

static s2n_hash_alg s2n_tls12_hash(const struct s2n_connection *conn)
{
    return (s2n_hash_alg) conn->cipher_suite->prf_hash;
}

int s2n_tls12_suite_usable(const struct s2n_cipher_suite *s)
{
    return s->available && s->min_version <= S2N_TLS12 && s->kx == S2N_KX_ECDHE && s->record_alg == S2N_RECORD_AEAD;
}

static int s2n_auth_fits_key(uint8_t auth, const struct s2n_pkey *key)
{
    if (auth == S2N_AUTH_ECDSA) {
        return key->type == S2N_PKEY_ECDSA;
    }
    return auth == S2N_AUTH_RSA && (key->type == S2N_PKEY_RSA || key->type == S2N_PKEY_RSA_PSS);
}

/* ---- server choices ------------------------------------------------------------ */

S2N_RESULT s2n_tls12_server_choose(struct s2n_connection *conn, struct s2n_cursor suites)
{
    struct s2n_handshake *hs = conn->hs;
    struct s2n_config *config = conn->config;
    const struct s2n_security_policy *p = s2n_connection_policy(conn);

    /* Group: our most preferred one the client supports (any, if it sent no list). */
    uint16_t group = 0;
    for (uint8_t i = 0; i < p->ecc_group_count && group == 0; i++) {
        uint16_t g = p->ecc_groups[i];
        if (!s2n_ecdhe_group_supported(g)) {
            continue;
        }
        for (uint8_t j = 0; j < hs->peer_group_count; j++) {
            if (hs->peer_groups[j] == g) {
                group = g;
            }
        }
        if (hs->peer_group_count == 0) {
            group = g;
        }
    }
    ENSURE(group != 0, S2N_ERR_NO_SUPPORTED_GROUP);

    /* Without signature_algorithms a TLS 1.2 client accepts SHA-1 (RFC 5246 7.4.1.4.1). */
    if (hs->peer_sig_scheme_count == 0) {
        hs->peer_sig_schemes[0] = 0x0201;
        hs->peer_sig_schemes[1] = 0x0203;
        hs->peer_sig_scheme_count = 2;
    }
    ENSURE(config->cert_count > 0, S2N_ERR_NO_CERT_FOUND);

    const struct s2n_cipher_suite *scratch[UINT8_MAX];
    const struct s2n_cipher_suite *const *order =
            s2n_security_policy_server_order(p, s2n_cursor_read_ptr_unchecked(&suites), s2n_cursor_remaining(&suites), scratch);
    for (uint8_t i = 0; i < p->suite_count; i++) {
        const struct s2n_cipher_suite *s = order[i];
        if (!s2n_tls12_suite_usable(s) || !s2n_suites_contain(suites, s->iana)) {
            continue;
        }
        /* One certificate: the SNI pass cannot change the choice. */
        for (int pass = conn->server_name && config->cert_count > 1 ? 0 : 1; pass < 2; pass++) {
            for (uint32_t c = 0; c < config->cert_count; c++) {
                struct s2n_cert_chain_and_key *cert = config->certs[c];
                uint16_t scheme = 0;
                if (!s2n_auth_fits_key(s->auth, &cert->private_key) || (pass == 0 && !s2n_cert_matches_sni(conn, cert))
                        || s2n_choose_sig_scheme(conn, &cert->private_key, S2N_TLS12, &scheme) < 0) {
                    continue;
                }
                conn->cipher_suite = s;
                hs->cert = cert;
                hs->sig_scheme = scheme;
                conn->server_sig_scheme = scheme;
                conn->group = group;
                return S2N_SUCCESS;
            }
        }
    }
    BAIL(S2N_ERR_CIPHER_NOT_SUPPORTED);
}

/* ---- ServerHello ------------------------------------------------------------------ */

S2N_RESULT s2n_tls12_server_hello_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    struct s2n_handshake *hs = conn->hs;
    GUARD(s2n_random_bytes(hs->server_random, S2N_RANDOM_LEN));
    /* A server able to do TLS 1.3 marks a TLS 1.2 ServerHello (RFC 8446 4.1.3). */
    if (s2n_security_policy_max_version(s2n_connection_policy(conn)) >= S2N_TLS13) {
        memcpy(hs->server_random + S2N_RANDOM_LEN - 8, s2n_tls12_downgrade_sentinel, 8);
    }
    GUARD(s2n_cursor_write_u16(out, 0x0303));
    GUARD(s2n_cursor_write_bytes(out, hs->server_random, S2N_RANDOM_LEN));
    GUARD(s2n_cursor_write_u8(out, 0)); /* no session id: sessions are not cached */
    GUARD(s2n_cursor_write_bytes(out, conn->cipher_suite->iana, 2));
    GUARD(s2n_cursor_write_u8(out, 0));
    hs->ems = hs->peer_sent_ems;
    return s2n_extensions_send(conn, S2N_EXT_MSG_SH12, out);
}

/* Client: the rest of a ServerHello that chose TLS 1.2 (fixed fields already read). */
S2N_RESULT s2n_tls12_server_hello_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_handshake *hs = conn->hs;
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    ENSURE(p->min_version <= S2N_TLS12, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
    if (hs->offered_tls13) {
        /* Either sentinel (TLS 1.2: ...01, TLS 1.1 or below: ...00) means a
         * TLS 1.3 server was pushed down (RFC 8446 4.1.3). */
        const uint8_t *tail = hs->server_random + S2N_RANDOM_LEN - 8;
        ENSURE(memcmp(tail, s2n_tls12_downgrade_sentinel, 7) != 0 || (tail[7] != 0 && tail[7] != 1),
                S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED);
    }
    conn->actual_protocol_version = S2N_TLS12;
    /* The same bits mean other things in TLS 1.2 handshake names. */
    conn->handshake_type = S2N_HT_NEGOTIATED | S2N_HT_FULL_HANDSHAKE | S2N_HT_TLS12_PFS;
    GUARD(s2n_extensions_recv(conn, S2N_EXT_MSG_SH12, in));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    /* RFC 5746: a server that doesn't confirm secure renegotiation is
     * tolerated, since libs2n never renegotiates. */
    return S2N_SUCCESS;
}

/* ---- Certificate ------------------------------------------------------------------- */

S2N_RESULT s2n_tls12_cert_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    const struct s2n_cert_chain_and_key *chain = conn->mode == S2N_SERVER ? conn->hs->cert : NULL;
    struct s2n_vec_mark list;
    GUARD(s2n_cursor_begin_vec(out, 3, &list));
    for (uint32_t i = 0; chain && i < chain->cert_count; i++) {
        GUARD(s2n_cursor_write_vec(out, 3, chain->certs[i].data, chain->certs[i].len));
    }
    return s2n_cursor_end_vec(out, &list);
}

S2N_RESULT s2n_tls12_cert_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_cursor list;
    GUARD(s2n_cursor_read_vec24(in, &list));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    const struct s2n_cipher_suite *suite = conn->cipher_suite;
    GUARD(s2n_peer_cert_list_recv(conn, &list, 0));
    /* The certificate must fit the suite's authentication. */
    ENSURE(s2n_auth_fits_key(suite->auth, &conn->hs->peer_key), S2N_ERR_CERT_TYPE_UNSUPPORTED);
    return S2N_SUCCESS;
}

/* ---- ServerKeyExchange ------------------------------------------------------------- */

static S2N_RESULT s2n_tls12_ske_signed_content(struct s2n_connection *conn, const uint8_t *params, uint32_t params_len,
        uint8_t *out, uint32_t *out_len)
{
    memcpy(out, conn->hs->client_random, S2N_RANDOM_LEN);
    memcpy(out + S2N_RANDOM_LEN, conn->hs->server_random, S2N_RANDOM_LEN);
    memcpy(out + 2 * S2N_RANDOM_LEN, params, params_len);
    *out_len = 2 * S2N_RANDOM_LEN + params_len;
    return S2N_SUCCESS;
}

#define S2N_SKE_MAX_PARAMS (4 + S2N_ECDHE_MAX_PUBLIC_LEN)

S2N_RESULT s2n_tls12_server_key_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    struct s2n_handshake *hs = conn->hs;
    s2n_ecdhe_free(&hs->key);
    GUARD(s2n_ecdhe_generate(&hs->key, conn->group));
    uint16_t pub_len = s2n_ecdhe_public_size(conn->group);
    uint32_t params_start = out->wpos;
    uint8_t *pub = NULL;
    GUARD(s2n_cursor_write_u8(out, S2N_ECC_NAMED_CURVE));
    GUARD(s2n_cursor_write_u16(out, conn->group));
    GUARD(s2n_cursor_write_u8(out, (uint8_t) pub_len));
    GUARD(s2n_cursor_claim(out, pub_len, &pub));
    GUARD(s2n_ecdhe_write_public(&hs->key, pub, pub_len));

    uint8_t content[2 * S2N_RANDOM_LEN + S2N_SKE_MAX_PARAMS];
    uint32_t content_len = 0;
    GUARD(s2n_tls12_ske_signed_content(conn, out->data + params_start, out->wpos - params_start, content, &content_len));

    const struct s2n_signature_scheme *s = s2n_signature_scheme_from_iana(hs->sig_scheme);
    ENSURE_REF(s);
    const struct s2n_pkey *key = &hs->cert->private_key;
    uint32_t sig_len = s2n_pkey_max_signature_size(key);
    GUARD(s2n_cursor_write_u16(out, s->iana));
    struct s2n_vec_mark mark;
    GUARD(s2n_cursor_begin_vec(out, 2, &mark));
    GUARD(s2n_cursor_reserve_space(out, sig_len));
    GUARD(s2n_pkey_sign(key, (s2n_sig_padding) s->padding, (s2n_hash_alg) s->hash, content, content_len,
            out->data + out->wpos, &sig_len));
    out->wpos += sig_len;
    return s2n_cursor_end_vec(out, &mark);
}

S2N_RESULT s2n_tls12_server_key_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_handshake *hs = conn->hs;
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    const uint8_t *params = s2n_cursor_read_ptr_unchecked(in);
    uint8_t curve_type = 0;
    uint16_t group = 0;
    struct s2n_cursor pub, sig;
    GUARD(s2n_cursor_read_u8(in, &curve_type));
    GUARD(s2n_cursor_read_u16(in, &group));
    GUARD(s2n_cursor_read_vec8(in, &pub));
    uint32_t params_len = (uint32_t) (s2n_cursor_read_ptr_unchecked(in) - params);
    uint16_t iana = 0;
    GUARD(s2n_cursor_read_u16(in, &iana));
    GUARD(s2n_cursor_read_vec16(in, &sig));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    ENSURE(curve_type == S2N_ECC_NAMED_CURVE, S2N_ERR_ECDHE_UNSUPPORTED_CURVE);
    ENSURE(s2n_policy_has_group(p, group) && s2n_ecdhe_group_supported(group), S2N_ERR_ECDHE_UNSUPPORTED_CURVE);

    /* The signature scheme must be one we offered and fit the server's key. */
    const struct s2n_signature_scheme *s = NULL;
    for (uint8_t i = 0; i < p->sig_scheme_count; i++) {
        if (p->sig_schemes[i]->iana == iana) {
            s = p->sig_schemes[i];
        }
    }
    ENSURE(s != NULL && s2n_sig_scheme_usable(s, S2N_TLS12) && s2n_sig_scheme_fits_key(s, &hs->peer_key, S2N_TLS12),
            S2N_ERR_INVALID_SIGNATURE_SCHEME);
    uint8_t content[2 * S2N_RANDOM_LEN + S2N_SKE_MAX_PARAMS];
    uint32_t content_len = 0;
    ENSURE(params_len <= S2N_SKE_MAX_PARAMS, S2N_ERR_BAD_MESSAGE);
    GUARD(s2n_tls12_ske_signed_content(conn, params, params_len, content, &content_len));
    GUARD(s2n_pkey_verify(&hs->peer_key, (s2n_sig_padding) s->padding, (s2n_hash_alg) s->hash, content, content_len,
            s2n_cursor_read_ptr_unchecked(&sig), s2n_cursor_remaining(&sig)));
    conn->server_sig_scheme = iana;

    s2n_ecdhe_free(&hs->key);
    GUARD(s2n_ecdhe_generate(&hs->key, group));
    uint32_t len = sizeof(hs->shared_secret);
    GUARD(s2n_ecdhe_compute_shared(&hs->key, s2n_cursor_read_ptr_unchecked(&pub), s2n_cursor_remaining(&pub),
            hs->shared_secret, &len));
    hs->shared_secret_len = (uint8_t) len;
    conn->group = group;
    return S2N_SUCCESS;
}

/* ---- CertificateRequest, ServerHelloDone ---------------------------------------------- */

S2N_RESULT s2n_tls12_cert_req_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_cursor types, schemes, authorities;
    GUARD(s2n_cursor_read_vec8(in, &types));
    GUARD(s2n_cursor_read_vec16(in, &schemes));
    GUARD(s2n_cursor_read_vec16(in, &authorities));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    conn->hs->cert_requested = 1;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_tls12_server_hello_done_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    return S2N_SUCCESS;
}

S2N_RESULT s2n_tls12_server_hello_done_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    return S2N_SUCCESS;
}

/* ---- ClientKeyExchange and the key schedule --------------------------------------------- */

S2N_RESULT s2n_tls12_client_key_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    struct s2n_handshake *hs = conn->hs;
    uint16_t pub_len = s2n_ecdhe_public_size(hs->key.iana);
    uint8_t *pub = NULL;
    GUARD(s2n_cursor_write_u8(out, (uint8_t) pub_len));
    GUARD(s2n_cursor_claim(out, pub_len, &pub));
    return s2n_ecdhe_write_public(&hs->key, pub, pub_len);
}

S2N_RESULT s2n_tls12_client_key_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_handshake *hs = conn->hs;
    struct s2n_cursor pub;
    GUARD(s2n_cursor_read_vec8(in, &pub));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    uint32_t len = sizeof(hs->shared_secret);
    GUARD(s2n_ecdhe_compute_shared(&hs->key, s2n_cursor_read_ptr_unchecked(&pub), s2n_cursor_remaining(&pub),
            hs->shared_secret, &len));
    hs->shared_secret_len = (uint8_t) len;
    return S2N_SUCCESS;
}

/* Once the ClientKeyExchange is in the transcript: the master secret (the
 * extended one when both sides asked for it) and the key block. */
S2N_RESULT s2n_tls12_client_key_after(struct s2n_connection *conn)
{
    struct s2n_handshake *hs = conn->hs;
    s2n_hash_alg alg = s2n_tls12_hash(conn);
    if (hs->ems) {
        uint8_t session_hash[S2N_MAX_DIGEST_LEN];
        GUARD(s2n_transcript_digest(conn, session_hash));
        GUARD(s2n_tls12_prf(alg, hs->shared_secret, hs->shared_secret_len, "extended master secret", session_hash,
                hs->transcript_hash_len, NULL, 0, hs->master_secret, S2N_TLS12_MASTER_SECRET_LEN));
    } else {
        GUARD(s2n_tls12_prf(alg, hs->shared_secret, hs->shared_secret_len, "master secret", hs->client_random, S2N_RANDOM_LEN,
                hs->server_random, S2N_RANDOM_LEN, hs->master_secret, S2N_TLS12_MASTER_SECRET_LEN));
    }
    s2n_cleanse(hs->shared_secret, sizeof(hs->shared_secret));
    s2n_key_log(conn, "CLIENT_RANDOM", hs->master_secret, S2N_TLS12_MASTER_SECRET_LEN);

    /* key_block = client key, server key, client IV, server IV */
    uint8_t key_len = s2n_aead_key_size(conn->cipher_suite->aead);
    uint8_t iv_len = conn->cipher_suite->aead == S2N_AEAD_CHACHA20_POLY1305 ? 12 : 4;
    GUARD(s2n_tls12_prf(alg, hs->master_secret, S2N_TLS12_MASTER_SECRET_LEN, "key expansion", hs->server_random,
            S2N_RANDOM_LEN, hs->client_random, S2N_RANDOM_LEN, hs->key_block, 2 * key_len + 2 * iv_len));
    return S2N_SUCCESS;
}

/* After a ChangeCipherSpec: that side's direction switches to the new keys. */
S2N_RESULT s2n_tls12_ccs_after(struct s2n_connection *conn, int for_write)
{
    struct s2n_handshake *hs = conn->hs;
    uint8_t key_len = s2n_aead_key_size(conn->cipher_suite->aead);
    uint8_t iv_len = conn->cipher_suite->aead == S2N_AEAD_CHACHA20_POLY1305 ? 12 : 4;
    int client_side = (conn->mode == S2N_CLIENT) == for_write;
    const uint8_t *key = hs->key_block + (client_side ? 0 : key_len);
    const uint8_t *iv = hs->key_block + 2 * key_len + (client_side ? 0 : iv_len);
    return s2n_record_set_tls12_keys(conn, for_write, key, iv);
}

/* ---- Finished ---------------------------------------------------------------------------- */

static S2N_RESULT s2n_tls12_verify_data(struct s2n_connection *conn, int by_client, uint8_t *out)
{
    uint8_t digest[S2N_MAX_DIGEST_LEN];
    GUARD(s2n_transcript_digest(conn, digest));
    return s2n_tls12_prf(s2n_tls12_hash(conn), conn->hs->master_secret, S2N_TLS12_MASTER_SECRET_LEN,
            by_client ? "client finished" : "server finished", digest, conn->hs->transcript_hash_len, NULL, 0, out,
            S2N_TLS12_FINISHED_LEN);
}

S2N_RESULT s2n_tls12_finished_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    uint8_t verify[S2N_TLS12_FINISHED_LEN];
    GUARD(s2n_tls12_verify_data(conn, conn->mode == S2N_CLIENT, verify));
    return s2n_cursor_write_bytes(out, verify, sizeof(verify));
}

S2N_RESULT s2n_tls12_finished_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    uint8_t verify[S2N_TLS12_FINISHED_LEN];
    ENSURE(s2n_cursor_remaining(in) == S2N_TLS12_FINISHED_LEN, S2N_ERR_BAD_MESSAGE);
    GUARD(s2n_tls12_verify_data(conn, conn->mode == S2N_SERVER, verify));
    ENSURE(s2n_constant_time_equals(verify, s2n_cursor_read_ptr_unchecked(in), S2N_TLS12_FINISHED_LEN), S2N_ERR_FINISHED_VERIFY);
    in->rpos += S2N_TLS12_FINISHED_LEN;
    return S2N_SUCCESS;
}
