/* server_name (RFC 6066 section 3). */
#include <string.h>
#include "tls/s2n_handshake.h"
#include "utils/s2n_mem.h"

#define S2N_SNI_HOST_NAME 0

static int s2n_server_name_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    if (msg == S2N_EXT_MSG_CH) {
        return conn->mode == S2N_CLIENT && conn->server_name != NULL && conn->server_name_len > 0;
    }
    /* EncryptedExtensions: acknowledge the name we used to pick a certificate. */
    return conn->mode == S2N_SERVER && conn->server_name != NULL;
}

static S2N_RESULT s2n_server_name_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    if (msg != S2N_EXT_MSG_CH) {
        return S2N_SUCCESS; /* empty acknowledgement */
    }
    struct s2n_vec_mark list;
    GUARD(s2n_cursor_begin_vec(out, 2, &list));
    GUARD(s2n_cursor_write_u8(out, S2N_SNI_HOST_NAME));
    GUARD(s2n_cursor_write_vec(out, 2, (const uint8_t *) conn->server_name, conn->server_name_len));
    return s2n_cursor_end_vec(out, &list);
}

static S2N_RESULT s2n_server_name_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    if (msg != S2N_EXT_MSG_CH) {
        /* The server's acknowledgement is empty. */
        ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
        ENSURE(conn->hs->sent_server_name, S2N_ERR_UNSUPPORTED_EXTENSION);
        return S2N_SUCCESS;
    }
    struct s2n_cursor list;
    GUARD(s2n_cursor_read_vec16(in, &list));
    ENSURE(s2n_cursor_remaining(&list) > 0, S2N_ERR_BAD_MESSAGE);
    while (s2n_cursor_remaining(&list) > 0) {
        uint8_t type = 0;
        struct s2n_cursor name;
        GUARD(s2n_cursor_read_u8(&list, &type));
        GUARD(s2n_cursor_read_vec16(&list, &name));
        if (type != S2N_SNI_HOST_NAME || conn->server_name != NULL) {
            continue; /* only the first host_name counts */
        }
        uint32_t len = s2n_cursor_remaining(&name);
        ENSURE(len > 0 && len <= 255, S2N_ERR_BAD_MESSAGE);
        const uint8_t *p = s2n_cursor_read_ptr_unchecked(&name);
        ENSURE(memchr(p, 0, len) == NULL, S2N_ERR_BAD_MESSAGE);
        GUARD(s2n_strdup(&conn->server_name, (const char *) p, len));
        conn->server_name_len = (uint16_t) len;
    }
    return S2N_SUCCESS;
}

const struct s2n_extension s2n_ext_server_name = {
    .iana = 0,
    .should_send = s2n_server_name_should_send,
    .send = s2n_server_name_send,
    .recv = s2n_server_name_recv,
};
