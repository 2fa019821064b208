/* supported_versions (RFC 8446 section 4.2.1). */
#include "tls/s2n_handshake.h"

static S2N_RESULT s2n_supported_versions_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    if (msg == S2N_EXT_MSG_CH) {
        int tls12 = s2n_client_offers_tls12(conn);
        GUARD(s2n_cursor_write_u8(out, tls12 ? 4 : 2));
        GUARD(s2n_cursor_write_u16(out, 0x0304));
        return tls12 ? s2n_cursor_write_u16(out, 0x0303) : S2N_SUCCESS;
    }
    return s2n_cursor_write_u16(out, 0x0304);
}

static S2N_RESULT s2n_supported_versions_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    if (msg == S2N_EXT_MSG_CH) {
        struct s2n_cursor list;
        GUARD(s2n_cursor_read_vec8(in, &list));
        ENSURE(s2n_cursor_remaining(&list) >= 2 && s2n_cursor_remaining(&list) % 2 == 0, S2N_ERR_BAD_MESSAGE);
        uint8_t highest = 0;
        while (s2n_cursor_remaining(&list) > 0) {
            uint16_t v = 0;
            GUARD(s2n_cursor_read_u16(&list, &v));
            uint8_t number = (uint8_t) ((v >> 8) * 10 + (v & 0xff));
            /* Unknown versions (GREASE, drafts) are ignored. */
            if ((v >> 8) == 3 && (v & 0xff) <= 4 && number > highest) {
                highest = number;
            }
        }
        ENSURE(highest > 0, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
        conn->client_protocol_version = highest;
        return S2N_SUCCESS;
    }
    uint16_t v = 0;
    GUARD(s2n_cursor_read_u16(in, &v));
    if (v != 0x0304) {
        /* RFC 8446 4.2.1: selecting TLS 1.2 or older here is illegal. */
        conn->fail_alert = S2N_ALERT_ILLEGAL_PARAMETER;
        BAIL(S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
    }
    conn->server_protocol_version = S2N_TLS13;
    conn->actual_protocol_version = S2N_TLS13;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_supported_versions_missing(struct s2n_connection *conn, s2n_ext_msg msg)
{
    /* A ClientHello without it comes from a client of TLS 1.2 or older (its
     * legacy_version then counts); a HelloRetryRequest must carry it. */
    ENSURE(msg != S2N_EXT_MSG_HRR, S2N_ERR_MISSING_EXTENSION);
    return S2N_SUCCESS;
}

static int s2n_supported_versions_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    if (msg == S2N_EXT_MSG_CH) {
        return s2n_security_policy_max_version(s2n_connection_policy(conn)) >= S2N_TLS13;
    }
    return msg == S2N_EXT_MSG_SH || msg == S2N_EXT_MSG_HRR;
}

const struct s2n_extension s2n_ext_supported_versions = {
    .iana = 43,
    .should_send = s2n_supported_versions_should_send,
    .send = s2n_supported_versions_send,
    .recv = s2n_supported_versions_recv,
    .if_missing = s2n_supported_versions_missing,
};
