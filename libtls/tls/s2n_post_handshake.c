/* Post-handshake messages in TLS 1.3: NewSessionTicket (accepted and, until
 * resumption exists, dropped) and KeyUpdate (RFC 8446 sections 4.6.1, 4.6.3). */
#include "tls/s2n_handshake.h"

#define S2N_KEY_UPDATE_NOT_REQUESTED_WIRE 0
#define S2N_KEY_UPDATE_REQUESTED_WIRE 1

static S2N_RESULT s2n_new_session_ticket_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    ENSURE(conn->mode == S2N_CLIENT, S2N_ERR_UNEXPECTED_MESSAGE);
    uint32_t lifetime = 0, age_add = 0;
    struct s2n_cursor nonce, ticket, exts;
    GUARD(s2n_cursor_read_u32(in, &lifetime));
    GUARD(s2n_cursor_read_u32(in, &age_add));
    GUARD(s2n_cursor_read_vec8(in, &nonce));
    GUARD(s2n_cursor_read_vec16(in, &ticket));
    GUARD(s2n_cursor_read_vec16(in, &exts));
    ENSURE(s2n_cursor_remaining(&ticket) > 0, S2N_ERR_BAD_MESSAGE);
    ENSURE(lifetime <= 604800, S2N_ERR_BAD_MESSAGE);
    while (s2n_cursor_remaining(&exts) > 0) {
        uint16_t type = 0;
        struct s2n_cursor data;
        GUARD(s2n_cursor_read_u16(&exts, &type));
        GUARD(s2n_cursor_read_vec16(&exts, &data));
    }
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_key_update_recv(struct s2n_connection *conn, struct s2n_cursor *in)
{
    uint8_t request = 0;
    GUARD(s2n_cursor_read_u8(in, &request));
    ENSURE(request == S2N_KEY_UPDATE_NOT_REQUESTED_WIRE || request == S2N_KEY_UPDATE_REQUESTED_WIRE, S2N_ERR_BAD_KEY_UPDATE);
    GUARD(s2n_tls13_key_update_secret(conn, 0));
    if (request == S2N_KEY_UPDATE_REQUESTED_WIRE) {
        /* Answered with our own update before our next record. */
        conn->key_update_pending = 1;
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_key_update_send(struct s2n_connection *conn)
{
    uint8_t body = S2N_KEY_UPDATE_NOT_REQUESTED_WIRE;
    uint8_t msg[5] = { S2N_HS_KEY_UPDATE, 0, 0, 1, body };
    GUARD(s2n_record_write(conn, S2N_CT_HANDSHAKE, msg, sizeof(msg)));
    GUARD(s2n_tls13_key_update_secret(conn, 1));
    conn->key_update_pending = 0;
    return S2N_SUCCESS;
}

/* Feed handshake-record plaintext received after the handshake; process
 * every complete message. */
S2N_RESULT s2n_post_handshake_recv(struct s2n_connection *conn, const uint8_t *data, uint32_t len)
{
    struct s2n_cursor *buf = &conn->post_hs;
    if (s2n_cursor_remaining(buf) == 0) {
        s2n_cursor_reset(buf);
    } else {
        s2n_cursor_compact(buf);
    }
    GUARD(s2n_cursor_write_bytes(buf, data, len));
    while (s2n_cursor_remaining(buf) >= 4) {
        const uint8_t *p = s2n_cursor_read_ptr_unchecked(buf);
        uint32_t mlen = (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
        ENSURE(mlen <= (1u << 16), S2N_ERR_BAD_MESSAGE);
        if (s2n_cursor_remaining(buf) < 4 + mlen) {
            break;
        }
        uint8_t type = p[0];
        struct s2n_cursor body;
        GUARD(s2n_cursor_init_read(&body, p + 4, mlen));
        buf->rpos += 4 + mlen;
        int rc;
        int tls12 = conn->actual_protocol_version <= S2N_TLS12;
        if (tls12) {
            /* TLS 1.2: a HelloRequest (client) or ClientHello (server) asks to
             * renegotiate, which libs2n never does: ignored by the client,
             * answered with a no_renegotiation warning by the server. */
            if (type == 0 && conn->mode == S2N_CLIENT && mlen == 0) {
                continue;
            }
            if (type == S2N_HS_CLIENT_HELLO && conn->mode == S2N_SERVER) {
                GUARD(s2n_alert_queue(conn, 1, 100));
                conn->alert_sent = 0; /* a warning does not end the connection */
                S2N_IGNORE(s2n_io_flush(conn));
                continue;
            }
            BAIL(S2N_ERR_UNEXPECTED_MESSAGE);
        }
        switch (type) {
            case S2N_HS_NEW_SESSION_TICKET:
                rc = s2n_new_session_ticket_recv(conn, &body);
                break;
            case S2N_HS_KEY_UPDATE:
                /* Keys change after this message: nothing may follow it in the record. */
                rc = s2n_key_update_recv(conn, &body);
                if (rc == 0 && s2n_cursor_remaining(buf) > 0) {
                    BAIL(S2N_ERR_UNEXPECTED_MESSAGE);
                }
                break;
            default:
                BAIL(S2N_ERR_UNEXPECTED_MESSAGE);
        }
        if (rc < 0) {
            if (s2n_errno == S2N_ERR_STUFFER_OUT_OF_DATA) {
                BAIL(S2N_ERR_BAD_MESSAGE);
            }
            return rc;
        }
        ENSURE(s2n_cursor_remaining(&body) == 0, S2N_ERR_BAD_MESSAGE);
    }
    if (s2n_cursor_remaining(buf) == 0) {
        s2n_cursor_free(buf);
    }
    return S2N_SUCCESS;
}
