/* supported_groups (RFC 8446 section 4.2.7). */
#include "tls/s2n_handshake.h"

static int s2n_supported_groups_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    return msg == S2N_EXT_MSG_CH;
}

static S2N_RESULT s2n_supported_groups_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    struct s2n_vec_mark list;
    GUARD(s2n_cursor_begin_vec(out, 2, &list));
    for (uint8_t i = 0; i < p->ecc_group_count; i++) {
        if (s2n_ecdhe_group_supported(p->ecc_groups[i])) {
            GUARD(s2n_cursor_write_u16(out, p->ecc_groups[i]));
        }
    }
    return s2n_cursor_end_vec(out, &list);
}

static S2N_RESULT s2n_supported_groups_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    struct s2n_cursor list;
    GUARD(s2n_cursor_read_vec16(in, &list));
    ENSURE(s2n_cursor_remaining(&list) >= 2 && s2n_cursor_remaining(&list) % 2 == 0, S2N_ERR_BAD_MESSAGE);
    struct s2n_handshake *hs = conn->hs;
    hs->peer_group_count = 0;
    while (s2n_cursor_remaining(&list) > 0) {
        uint16_t g = 0;
        GUARD(s2n_cursor_read_u16(&list, &g));
        if (msg == S2N_EXT_MSG_CH && hs->peer_group_count < S2N_MAX_PEER_LIST) {
            hs->peer_groups[hs->peer_group_count++] = g;
        }
    }
    return S2N_SUCCESS;
}

const struct s2n_extension s2n_ext_supported_groups = {
    .iana = 10,
    .should_send = s2n_supported_groups_should_send,
    .send = s2n_supported_groups_send,
    .recv = s2n_supported_groups_recv,
};
