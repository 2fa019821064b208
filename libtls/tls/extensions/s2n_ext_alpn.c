/* application_layer_protocol_negotiation (RFC 7301). */
#include <string.h>
#include "tls/s2n_handshake.h"
#include "utils/s2n_mem.h"

static int s2n_alpn_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    if (msg == S2N_EXT_MSG_CH) {
        return conn->mode == S2N_CLIENT && s2n_connection_alpn_list(conn)->len > 0;
    }
    return conn->alpn != NULL;
}

static S2N_RESULT s2n_alpn_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    struct s2n_vec_mark list;
    GUARD(s2n_cursor_begin_vec(out, 2, &list));
    if (msg == S2N_EXT_MSG_CH) {
        const struct s2n_alpn_list *alpn = s2n_connection_alpn_list(conn);
        GUARD(s2n_cursor_write_bytes(out, alpn->data, alpn->len));
    } else {
        GUARD(s2n_cursor_write_vec(out, 1, (const uint8_t *) conn->alpn, conn->alpn_len));
    }
    return s2n_cursor_end_vec(out, &list);
}

/* Validate a ProtocolNameList: non-empty, no empty names. */
static S2N_RESULT s2n_alpn_check_list(struct s2n_cursor list)
{
    ENSURE(s2n_cursor_remaining(&list) > 0, S2N_ERR_BAD_MESSAGE);
    while (s2n_cursor_remaining(&list) > 0) {
        struct s2n_cursor name;
        GUARD(s2n_cursor_read_vec8(&list, &name));
        ENSURE(s2n_cursor_remaining(&name) > 0, S2N_ERR_BAD_MESSAGE);
    }
    return S2N_SUCCESS;
}

/* Whether a wire-form list contains @name. */
static int s2n_alpn_list_contains(const uint8_t *list, uint32_t list_len, const uint8_t *name, uint8_t len)
{
    uint32_t pos = 0;
    while (pos < list_len) {
        uint8_t n = list[pos];
        if (pos + 1 + n > list_len) {
            return 0;
        }
        if (n == len && memcmp(list + pos + 1, name, len) == 0) {
            return 1;
        }
        pos += 1 + n;
    }
    return 0;
}

static S2N_RESULT s2n_alpn_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    struct s2n_cursor list;
    GUARD(s2n_cursor_read_vec16(in, &list));
    GUARD(s2n_alpn_check_list(list));
    if (msg == S2N_EXT_MSG_CH) {
        /* Server: choose the first of our protocols the client offered. */
        const struct s2n_alpn_list *ours = s2n_connection_alpn_list(conn);
        uint32_t pos = 0;
        while (pos < ours->len) {
            uint8_t n = ours->data[pos];
            if (s2n_alpn_list_contains(s2n_cursor_read_ptr_unchecked(&list), s2n_cursor_remaining(&list), ours->data + pos + 1, n)) {
                GUARD(s2n_strdup(&conn->alpn, (const char *) ours->data + pos + 1, n));
                conn->alpn_len = n;
                break;
            }
            pos += 1 + n;
        }
        return S2N_SUCCESS;
    }
    /* Client: exactly one protocol, one we offered. */
    struct s2n_cursor name;
    GUARD(s2n_cursor_read_vec8(&list, &name));
    ENSURE(s2n_cursor_remaining(&list) == 0, S2N_ERR_BAD_MESSAGE);
    uint8_t len = (uint8_t) s2n_cursor_remaining(&name);
    const struct s2n_alpn_list *ours = s2n_connection_alpn_list(conn);
    ENSURE(s2n_alpn_list_contains(ours->data, ours->len, s2n_cursor_read_ptr_unchecked(&name), len),
            S2N_ERR_NO_APPLICATION_PROTOCOL);
    GUARD(s2n_strdup(&conn->alpn, (const char *) s2n_cursor_read_ptr_unchecked(&name), len));
    conn->alpn_len = len;
    return S2N_SUCCESS;
}

const struct s2n_extension s2n_ext_alpn = {
    .iana = 16,
    .should_send = s2n_alpn_should_send,
    .send = s2n_alpn_send,
    .recv = s2n_alpn_recv,
};
