/* ClientHello (RFC 8446 section 4.1.2): written by the client, parsed by the
 * server, which then makes its choices: version, suite, group, certificate
 * and signature scheme. */
#include <string.h>

#include "tls/s2n_handshake.h"
#include "utils/s2n_mem.h"

int s2n_policy_has_group(const struct s2n_security_policy *p, uint16_t group)
{
    for (uint8_t i = 0; i < p->ecc_group_count; i++) {
        if (p->ecc_groups[i] == group) {
            return 1;
        }
    }
    return 0;
}

int s2n_tls13_suite_usable(const struct s2n_cipher_suite *s)
{
    return s->available && s->min_version == S2N_TLS13;
}

/* Client: whether this ClientHello offers TLS 1.2 (besides, or instead of, TLS 1.3). */
int s2n_client_offers_tls12(struct s2n_connection *conn)
{
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    if (p->min_version > S2N_TLS12) {
        return 0;
    }
    for (uint8_t i = 0; i < p->suite_count; i++) {
        if (s2n_tls12_suite_usable(p->suites[i])) {
            return 1;
        }
    }
    return 0;
}

S2N_RESULT s2n_client_hello_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    struct s2n_handshake *hs = conn->hs;
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    int retry = conn->handshake_type & S2N_HT_HELLO_RETRY_REQUEST;
    int tls13 = s2n_security_policy_max_version(p) >= S2N_TLS13;
    int tls12 = s2n_client_offers_tls12(conn);

    if (!retry) {
        ENSURE(tls13 || tls12, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
        GUARD(s2n_random_bytes(hs->client_random, S2N_RANDOM_LEN));
        hs->offered_tls13 = (uint8_t) tls13;
        if (tls13) {
            /* Middlebox compatibility mode: a random legacy_session_id. */
            hs->session_id_len = 32;
            GUARD(s2n_random_bytes(hs->session_id, hs->session_id_len));
            hs->sent_session_id = 1;
            conn->handshake_type |= S2N_HT_MIDDLEBOX_COMPAT;
        }
        /* API.md 7.5: a client without TLS 1.3 caps itself at TLS 1.2. */
        conn->client_protocol_version = tls13 ? S2N_TLS13 : S2N_TLS12;
        conn->actual_protocol_version = conn->client_protocol_version;
        conn->client_hello_version = S2N_TLS12;
    }

    GUARD(s2n_cursor_write_u16(out, 0x0303));
    GUARD(s2n_cursor_write_bytes(out, hs->client_random, S2N_RANDOM_LEN));
    GUARD(s2n_cursor_write_vec(out, 1, hs->session_id, hs->session_id_len));

    struct s2n_vec_mark suites;
    GUARD(s2n_cursor_begin_vec(out, 2, &suites));
    for (uint8_t i = 0; i < p->suite_count; i++) {
        const struct s2n_cipher_suite *s = p->suites[i];
        if ((tls13 && s2n_tls13_suite_usable(s)) || (tls12 && s2n_tls12_suite_usable(s))) {
            GUARD(s2n_cursor_write_bytes(out, s->iana, 2));
        }
    }
    ENSURE(out->wpos > suites.pos + 2, S2N_ERR_CIPHER_NOT_SUPPORTED);
    GUARD(s2n_cursor_end_vec(out, &suites));
    /* compression_methods: null only */
    GUARD(s2n_cursor_write_u8(out, 1));
    GUARD(s2n_cursor_write_u8(out, 0));

    hs->sent_server_name = conn->server_name != NULL && conn->server_name_len > 0;
    hs->sent_alpn = s2n_connection_alpn_list(conn)->len > 0;
    return s2n_extensions_send(conn, S2N_EXT_MSG_CH, out);
}

/* Server: the first suite of our policy (in server order) that the client offered. */
static S2N_RESULT s2n_choose_suite(struct s2n_connection *conn, struct s2n_cursor suites)
{
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    const struct s2n_cipher_suite *scratch[UINT8_MAX];
    const struct s2n_cipher_suite *const *order =
            s2n_security_policy_server_order(p, s2n_cursor_read_ptr_unchecked(&suites), s2n_cursor_remaining(&suites), scratch);
    for (uint8_t i = 0; i < p->suite_count; i++) {
        const struct s2n_cipher_suite *s = order[i];
        if (s2n_tls13_suite_usable(s) && s2n_suites_contain(suites, s->iana)) {
            ENSURE(conn->cipher_suite == &s2n_null_cipher_suite || conn->cipher_suite == s, S2N_ERR_BAD_MESSAGE);
            conn->cipher_suite = s;
            return S2N_SUCCESS;
        }
    }
    BAIL(S2N_ERR_CIPHER_NOT_SUPPORTED);
}

/* Server: use a share the client sent for a group we support (in our order
 * of preference), or ask for our most preferred mutual group. */
static S2N_RESULT s2n_choose_group(struct s2n_connection *conn)
{
    struct s2n_handshake *hs = conn->hs;
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    /* RFC 8446 9.2: supported_groups and key_share go together. */
    ENSURE(hs->peer_group_count > 0 && hs->peer_sent_key_share, S2N_ERR_MISSING_EXTENSION);

    for (uint8_t i = 0; i < p->ecc_group_count; i++) {
        uint16_t g = p->ecc_groups[i];
        if (!s2n_ecdhe_group_supported(g)) {
            continue;
        }
        for (uint8_t j = 0; j < hs->peer_share_count; j++) {
            if (hs->peer_share_groups[j] != g) {
                continue;
            }
            s2n_ecdhe_free(&hs->key);
            GUARD(s2n_ecdhe_generate(&hs->key, g));
            uint32_t len = sizeof(hs->shared_secret);
            GUARD(s2n_ecdhe_compute_shared(&hs->key, hs->peer_shares[j].data, hs->peer_shares[j].len, hs->shared_secret, &len));
            hs->shared_secret_len = (uint8_t) len;
            conn->group = g;
            return S2N_SUCCESS;
        }
    }
    /* No usable share: a second ClientHello must have brought one. */
    ENSURE(!(conn->handshake_type & S2N_HT_HELLO_RETRY_REQUEST), S2N_ERR_BAD_KEY_SHARE);
    for (uint8_t i = 0; i < p->ecc_group_count; i++) {
        uint16_t g = p->ecc_groups[i];
        if (!s2n_ecdhe_group_supported(g)) {
            continue;
        }
        for (uint8_t j = 0; j < hs->peer_group_count; j++) {
            if (hs->peer_groups[j] == g) {
                hs->hrr_group = g;
                conn->handshake_type |= S2N_HT_HELLO_RETRY_REQUEST;
                return S2N_SUCCESS;
            }
        }
    }
    BAIL(S2N_ERR_NO_SUPPORTED_GROUP);
}

int s2n_host_matches_cert_name(const char *pattern, size_t plen, const char *name, size_t nlen)
{
    if (plen == nlen && strncasecmp(pattern, name, nlen) == 0) {
        return 1;
    }
    /* A single-label wildcard: "*.example.com" matches "www.example.com". */
    if (plen > 2 && pattern[0] == '*' && pattern[1] == '.') {
        const char *dot = memchr(name, '.', nlen);
        if (dot && dot != name) {
            size_t rest = nlen - (size_t) (dot - name);
            return rest == plen - 1 && strncasecmp(pattern + 1, dot, rest) == 0;
        }
    }
    return 0;
}


int s2n_cert_matches_sni(struct s2n_connection *conn, struct s2n_cert_chain_and_key *cert)
{
    /* The names were extracted from the leaf when the chain was loaded. */
    const uint8_t *p = cert->sni_names;
    uint32_t left = cert->sni_names_len;
    while (left >= 2) {
        uint32_t len = (uint32_t) p[0] << 8 | p[1];
        if (len > left - 2) {
            break;
        }
        if (s2n_host_matches_cert_name((const char *) p + 2, len, conn->server_name, conn->server_name_len)) {
            return 1;
        }
        p += 2 + len;
        left -= 2 + len;
    }
    return 0;
}

/* Server: a certificate we can sign for with a scheme the client accepts,
 * preferring one whose names match the SNI. */
static S2N_RESULT s2n_choose_cert(struct s2n_connection *conn)
{
    struct s2n_handshake *hs = conn->hs;
    struct s2n_config *config = conn->config;
    ENSURE(hs->peer_sig_scheme_count > 0, S2N_ERR_MISSING_EXTENSION);
    ENSURE(config->cert_count > 0, S2N_ERR_NO_CERT_FOUND);
    /* With a single certificate the SNI pass cannot pick anything the
     * second pass would not: skip it. */
    for (int pass = conn->server_name && config->cert_count > 1 ? 0 : 1; pass < 2; pass++) {
        for (uint32_t i = 0; i < config->cert_count; i++) {
            struct s2n_cert_chain_and_key *cert = config->certs[i];
            if (pass == 0 && !s2n_cert_matches_sni(conn, cert)) {
                continue;
            }
            uint16_t scheme = 0;
            if (s2n_choose_sig_scheme(conn, &cert->private_key, S2N_TLS13, &scheme) == 0) {
                hs->cert = cert;
                hs->sig_scheme = scheme;
                conn->server_sig_scheme = scheme;
                return S2N_SUCCESS;
            }
        }
    }
    BAIL(S2N_ERR_NO_VALID_SIGNATURE_SCHEME);
}

static const uint8_t s2n_fallback_scsv[2] = { 0x56, 0x00 };      /* RFC 7507 */
static const uint8_t s2n_renegotiation_scsv[2] = { 0x00, 0xff }; /* RFC 5746 */

int s2n_suites_contain(struct s2n_cursor suites, const uint8_t iana[2])
{
    const uint8_t *p = s2n_cursor_read_ptr_unchecked(&suites);
    for (uint32_t i = 0; i + 1 < s2n_cursor_remaining(&suites); i += 2) {
        if (p[i] == iana[0] && p[i + 1] == iana[1]) {
            return 1;
        }
    }
    return 0;
}

S2N_RESULT s2n_client_hello_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_handshake *hs = conn->hs;
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    int retry = conn->handshake_type & S2N_HT_HELLO_RETRY_REQUEST;
    uint8_t server_max = s2n_security_policy_max_version(p);

    uint16_t legacy_version = 0;
    GUARD(s2n_cursor_read_u16(in, &legacy_version));
    ENSURE((legacy_version >> 8) == 3, S2N_ERR_BAD_MESSAGE);
    uint8_t legacy_number = (uint8_t) (30 + S2N_MIN(legacy_version & 0xff, 3));
    if (!retry) {
        conn->client_hello_version = legacy_number;
        conn->client_protocol_version = legacy_number;
        conn->server_protocol_version = server_max;
    }
    GUARD(s2n_cursor_read_bytes(in, hs->client_random, S2N_RANDOM_LEN));

    struct s2n_cursor session_id, suites, compression;
    GUARD(s2n_cursor_read_vec8(in, &session_id));
    ENSURE(s2n_cursor_remaining(&session_id) <= 32, S2N_ERR_BAD_MESSAGE);
    hs->session_id_len = (uint8_t) s2n_cursor_remaining(&session_id);
    GUARD(s2n_cursor_read_bytes(&session_id, hs->session_id, hs->session_id_len));
    GUARD(s2n_cursor_read_vec16(in, &suites));
    ENSURE(s2n_cursor_remaining(&suites) >= 2 && s2n_cursor_remaining(&suites) % 2 == 0, S2N_ERR_BAD_MESSAGE);
    GUARD(s2n_cursor_read_vec8(in, &compression));
    ENSURE(s2n_cursor_remaining(&compression) >= 1, S2N_ERR_BAD_MESSAGE);
    if (memchr(s2n_cursor_read_ptr_unchecked(&compression), 0, s2n_cursor_remaining(&compression)) == NULL) {
        conn->fail_alert = S2N_ALERT_ILLEGAL_PARAMETER; /* the null method is mandatory */
        BAIL(S2N_ERR_BAD_MESSAGE);
    }

    /* Forget what a first ClientHello said before parsing the second one. */
    hs->peer_share_count = 0;
    hs->peer_sent_key_share = 0;
    if (conn->server_name && retry) {
        s2n_free(conn->server_name, conn->server_name_len + 1);
        conn->server_name = NULL;
        conn->server_name_len = 0;
    }
    if (conn->alpn && retry) {
        s2n_free(conn->alpn, conn->alpn_len + 1);
        conn->alpn = NULL;
    }
    GUARD(s2n_extensions_recv(conn, S2N_EXT_MSG_CH, in));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    if (server_max < S2N_TLS13) {
        conn->server_protocol_version = S2N_TLS12;
    }

    /* Version: TLS 1.3 when both can, else TLS 1.2 when both can. */
    if (conn->client_protocol_version >= S2N_TLS13 && server_max >= S2N_TLS13) {
        if (s2n_cursor_remaining(&compression) != 1) {
            conn->fail_alert = S2N_ALERT_ILLEGAL_PARAMETER; /* RFC 8446 4.1.2 */
            BAIL(S2N_ERR_BAD_MESSAGE);
        }
        conn->actual_protocol_version = S2N_TLS13;
        if (hs->session_id_len > 0) {
            conn->handshake_type |= S2N_HT_MIDDLEBOX_COMPAT;
        }
        GUARD(s2n_choose_suite(conn, suites));
        if (!hs->hash_known) {
            GUARD(s2n_transcript_set_hash(conn, (s2n_hash_alg) conn->cipher_suite->prf_hash));
        }
        GUARD(s2n_choose_group(conn));
        GUARD(s2n_choose_cert(conn));
        conn->handshake_type |= S2N_HT_NEGOTIATED | S2N_HT_FULL_HANDSHAKE;
        return S2N_SUCCESS;
    }
    ENSURE(conn->client_protocol_version >= S2N_TLS12 && p->min_version <= S2N_TLS12, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
    /* RFC 7507: a fallback retry from a client that could do better. */
    ENSURE(!s2n_suites_contain(suites, s2n_fallback_scsv) || conn->client_protocol_version >= server_max,
            S2N_ERR_FALLBACK_DETECTED);
    conn->actual_protocol_version = S2N_TLS12;
    if (s2n_suites_contain(suites, s2n_renegotiation_scsv)) {
        hs->peer_sent_reneg_info = 1; /* TLS_EMPTY_RENEGOTIATION_INFO_SCSV */
    }
    GUARD(s2n_tls12_server_choose(conn, suites));
    GUARD(s2n_transcript_set_hash(conn, (s2n_hash_alg) conn->cipher_suite->prf_hash));
    conn->handshake_type = S2N_HT_NEGOTIATED | S2N_HT_FULL_HANDSHAKE | S2N_HT_TLS12_PFS;
    return S2N_SUCCESS;
}
