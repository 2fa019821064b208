/* supported_versions (RFC 8446 section 4.2.1). */
#include "tls/s2n_handshake.h"

static S2N_RESULT s2n_supported_versions_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    if (msg == S2N_EXT_MSG_CH) {
        /* libs2n speaks TLS 1.3 only (for now). */
        GUARD(s2n_cursor_write_u8(out, 2));
        return s2n_cursor_write_u16(out, 0x0304);
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
    ENSURE(v == 0x0304, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
    conn->server_protocol_version = S2N_TLS13;
    conn->actual_protocol_version = S2N_TLS13;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_supported_versions_missing(struct s2n_connection *conn, s2n_ext_msg msg)
{
    /* A peer that does not offer TLS 1.3: TLS 1.2 and older are not
     * implemented by libs2n yet. */
    BAIL(S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
}

static int s2n_supported_versions_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    return msg == S2N_EXT_MSG_CH || msg == S2N_EXT_MSG_SH || msg == S2N_EXT_MSG_HRR;
}

const struct s2n_extension s2n_ext_supported_versions = {
    .iana = 43,
    .should_send = s2n_supported_versions_should_send,
    .send = s2n_supported_versions_send,
    .recv = s2n_supported_versions_recv,
    .if_missing = s2n_supported_versions_missing,
};
