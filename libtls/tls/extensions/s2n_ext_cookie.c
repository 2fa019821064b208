/* cookie (RFC 8446 section 4.2.2): a client echoes the HRR's cookie. */
#include "tls/s2n_handshake.h"

static int s2n_cookie_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    return msg == S2N_EXT_MSG_CH && conn->hs && s2n_cursor_remaining(&conn->hs->cookie) > 0;
}

static S2N_RESULT s2n_cookie_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    struct s2n_cursor *cookie = &conn->hs->cookie;
    return s2n_cursor_write_vec(out, 2, s2n_cursor_read_ptr_unchecked(cookie), s2n_cursor_remaining(cookie));
}

static S2N_RESULT s2n_cookie_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    struct s2n_cursor cookie;
    GUARD(s2n_cursor_read_vec16(in, &cookie));
    ENSURE(s2n_cursor_remaining(&cookie) > 0, S2N_ERR_BAD_MESSAGE);
    if (msg != S2N_EXT_MSG_HRR) {
        return S2N_SUCCESS; /* libs2n servers never send cookies */
    }
    s2n_cursor_reset(&conn->hs->cookie);
    return s2n_cursor_write_bytes(&conn->hs->cookie, s2n_cursor_read_ptr_unchecked(&cookie), s2n_cursor_remaining(&cookie));
}

const struct s2n_extension s2n_ext_cookie = {
    .iana = 44,
    .should_send = s2n_cookie_should_send,
    .send = s2n_cookie_send,
    .recv = s2n_cookie_recv,
};
