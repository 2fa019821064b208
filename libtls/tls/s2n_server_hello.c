/* ServerHello and HelloRetryRequest (RFC 8446 sections 4.1.3 and 4.1.4). */
#include <string.h>

#include "tls/s2n_handshake.h"

/* SHA-256("HelloRetryRequest"): the random of a HelloRetryRequest. */
static const uint8_t s2n_hrr_random[S2N_RANDOM_LEN] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
};

static S2N_RESULT s2n_server_hello_write(struct s2n_connection *conn, struct s2n_cursor *out, const uint8_t *random,
        s2n_ext_msg msg)
{
    struct s2n_handshake *hs = conn->hs;
    GUARD(s2n_cursor_write_u16(out, 0x0303));
    GUARD(s2n_cursor_write_bytes(out, random, S2N_RANDOM_LEN));
    GUARD(s2n_cursor_write_vec(out, 1, hs->session_id, hs->session_id_len));
    GUARD(s2n_cursor_write_bytes(out, conn->cipher_suite->iana, 2));
    GUARD(s2n_cursor_write_u8(out, 0));
    return s2n_extensions_send(conn, msg, out);
}

S2N_RESULT s2n_server_hello_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    GUARD(s2n_random_bytes(conn->hs->server_random, S2N_RANDOM_LEN));
    return s2n_server_hello_write(conn, out, conn->hs->server_random, S2N_EXT_MSG_SH);
}

S2N_RESULT s2n_hello_retry_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    /* The transcript now starts with message_hash(ClientHello1). */
    GUARD(s2n_transcript_hrr_rewrite(conn));
    return s2n_server_hello_write(conn, out, s2n_hrr_random, S2N_EXT_MSG_HRR);
}

/* Client: a ServerHello (or HelloRetryRequest).  Its supported_versions
 * extension says whether the server chose TLS 1.3; without it the server
 * speaks TLS 1.2 or older. */
S2N_RESULT s2n_server_hello_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    struct s2n_handshake *hs = conn->hs;
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    uint16_t legacy_version = 0;
    uint8_t random[S2N_RANDOM_LEN];
    struct s2n_cursor session_id;
    uint8_t suite[2], compression = 0;

    GUARD(s2n_cursor_read_u16(in, &legacy_version));
    GUARD(s2n_cursor_read_bytes(in, random, S2N_RANDOM_LEN));
    GUARD(s2n_cursor_read_vec8(in, &session_id));
    ENSURE(s2n_cursor_remaining(&session_id) <= 32, S2N_ERR_BAD_MESSAGE);
    GUARD(s2n_cursor_read_bytes(in, suite, 2));
    GUARD(s2n_cursor_read_u8(in, &compression));
    ENSURE(compression == 0, S2N_ERR_BAD_MESSAGE);

    conn->server_protocol_version = (uint8_t) ((legacy_version >> 8) * 10 + S2N_MIN(legacy_version & 0xff, 3));
    int tls13 = 0;
    if (s2n_cursor_remaining(in) > 0) {
        tls13 = s2n_extensions_block_has(*in, 43);
        ENSURE(tls13 >= 0, S2N_ERR_BAD_MESSAGE);
    }
    ENSURE(legacy_version == 0x0303, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
    ENSURE(tls13 ? hs->offered_tls13 : s2n_client_offers_tls12(conn), S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);

    const struct s2n_cipher_suite *chosen = NULL;
    for (uint8_t i = 0; i < p->suite_count; i++) {
        const struct s2n_cipher_suite *s = p->suites[i];
        int usable = tls13 ? s2n_tls13_suite_usable(s) : s2n_tls12_suite_usable(s);
        if (usable && memcmp(s->iana, suite, 2) == 0) {
            chosen = s;
        }
    }
    /* RFC 8446 4.1.3/4.1.4: a suite we did not offer, or one that differs
     * from the HelloRetryRequest's, is an illegal_parameter. */
    if (chosen == NULL || (conn->cipher_suite != &s2n_null_cipher_suite && conn->cipher_suite != chosen)) {
        conn->fail_alert = S2N_ALERT_ILLEGAL_PARAMETER;
        BAIL(chosen == NULL ? S2N_ERR_CIPHER_NOT_SUPPORTED : S2N_ERR_BAD_MESSAGE);
    }
    conn->cipher_suite = chosen;
    if (!hs->hash_known) {
        GUARD(s2n_transcript_set_hash(conn, (s2n_hash_alg) chosen->prf_hash));
    }
    if (!tls13) {
        memcpy(hs->server_random, random, S2N_RANDOM_LEN);
        return s2n_tls12_server_hello_recv(conn, in);
    }
    if (s2n_cursor_remaining(&session_id) != hs->session_id_len
            || memcmp(s2n_cursor_read_ptr_unchecked(&session_id), hs->session_id, hs->session_id_len) != 0) {
        conn->fail_alert = S2N_ALERT_ILLEGAL_PARAMETER;
        BAIL(S2N_ERR_BAD_MESSAGE);
    }

    int is_hrr = memcmp(random, s2n_hrr_random, S2N_RANDOM_LEN) == 0;
    if (is_hrr) {
        ENSURE(!(conn->handshake_type & S2N_HT_HELLO_RETRY_REQUEST), S2N_ERR_UNEXPECTED_MESSAGE);
        uint16_t before = hs->hrr_group;
        size_t cookie_before = s2n_cursor_remaining(&hs->cookie);
        GUARD(s2n_extensions_recv(conn, S2N_EXT_MSG_HRR, in));
        /* A HelloRetryRequest must ask for something. */
        ENSURE(hs->hrr_group != before || s2n_cursor_remaining(&hs->cookie) != cookie_before, S2N_ERR_INVALID_HELLO_RETRY);
        GUARD(s2n_transcript_hrr_rewrite(conn));
        conn->handshake_type |= S2N_HT_HELLO_RETRY_REQUEST | S2N_HT_NEGOTIATED | S2N_HT_FULL_HANDSHAKE;
        return S2N_SUCCESS;
    }
    memcpy(hs->server_random, random, S2N_RANDOM_LEN);
    GUARD(s2n_extensions_recv(conn, S2N_EXT_MSG_SH, in));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    ENSURE(hs->shared_secret_len > 0, S2N_ERR_MISSING_EXTENSION);
    conn->handshake_type |= S2N_HT_NEGOTIATED | S2N_HT_FULL_HANDSHAKE;
    return S2N_SUCCESS;
}

/* Both sides, once the ServerHello is in the transcript. */
S2N_RESULT s2n_server_hello_after(struct s2n_connection *conn)
{
    struct s2n_handshake *hs = conn->hs;
    GUARD(s2n_tls13_handshake_secrets(conn, hs->shared_secret, hs->shared_secret_len));
    s2n_cleanse(hs->shared_secret, sizeof(hs->shared_secret));
    return S2N_SUCCESS;
}

S2N_RESULT s2n_encrypted_extensions_send(struct s2n_connection *conn, struct s2n_cursor *out)
{
    return s2n_extensions_send(conn, S2N_EXT_MSG_EE, out);
}

S2N_RESULT s2n_encrypted_extensions_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    GUARD(s2n_extensions_recv(conn, S2N_EXT_MSG_EE, in));
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    return S2N_SUCCESS;
}
