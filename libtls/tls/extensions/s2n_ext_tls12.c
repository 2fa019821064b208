/* The TLS 1.2 extensions: extended_master_secret (RFC 7627),
 * renegotiation_info (RFC 5746) and ec_point_formats (RFC 8422). */
#include "tls/s2n_handshake.h"

static int s2n_tls12_ext_should_send(struct s2n_connection *conn, s2n_ext_msg msg, uint8_t peer_sent)
{
    if (msg == S2N_EXT_MSG_CH) {
        return conn->mode == S2N_CLIENT && s2n_client_offers_tls12(conn);
    }
    return msg == S2N_EXT_MSG_SH12 && peer_sent;
}

/* ---- extended_master_secret: always offered, honoured when offered ---------- */

static int s2n_ems_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    return s2n_tls12_ext_should_send(conn, msg, conn->hs->peer_sent_ems);
}

static S2N_RESULT s2n_ems_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    return S2N_SUCCESS; /* empty */
}

static S2N_RESULT s2n_ems_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    ENSURE(s2n_cursor_remaining(in) == 0, S2N_ERR_BAD_MESSAGE);
    if (msg == S2N_EXT_MSG_CH) {
        conn->hs->peer_sent_ems = 1;
    } else {
        conn->hs->ems = 1;
    }
    return S2N_SUCCESS;
}

const struct s2n_extension s2n_ext_ems = {
    .iana = 23,
    .should_send = s2n_ems_should_send,
    .send = s2n_ems_send,
    .recv = s2n_ems_recv,
};

/* ---- renegotiation_info: secure renegotiation indication only -------------- */

static int s2n_reneg_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    return s2n_tls12_ext_should_send(conn, msg, conn->hs->peer_sent_reneg_info);
}

static S2N_RESULT s2n_reneg_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    return s2n_cursor_write_u8(out, 0); /* empty renegotiated_connection */
}

static S2N_RESULT s2n_reneg_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    struct s2n_cursor renegotiated;
    GUARD(s2n_cursor_read_vec8(in, &renegotiated));
    /* This is always an initial handshake: libs2n never renegotiates. */
    ENSURE(s2n_cursor_remaining(&renegotiated) == 0, S2N_ERR_NON_EMPTY_RENEGOTIATION_INFO);
    if (msg == S2N_EXT_MSG_CH) {
        conn->hs->peer_sent_reneg_info = 1;
    }
    return S2N_SUCCESS;
}

const struct s2n_extension s2n_ext_renegotiation_info = {
    .iana = 0xff01,
    .should_send = s2n_reneg_should_send,
    .send = s2n_reneg_send,
    .recv = s2n_reneg_recv,
};

/* ---- ec_point_formats: uncompressed points only --------------------------- */

static int s2n_point_formats_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    return s2n_tls12_ext_should_send(conn, msg, conn->hs->peer_sent_point_formats);
}

static S2N_RESULT s2n_point_formats_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    GUARD(s2n_cursor_write_u8(out, 1));
    return s2n_cursor_write_u8(out, 0); /* uncompressed */
}

static S2N_RESULT s2n_point_formats_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    struct s2n_cursor formats;
    GUARD(s2n_cursor_read_vec8(in, &formats));
    ENSURE(s2n_cursor_remaining(&formats) > 0, S2N_ERR_BAD_MESSAGE);
    int uncompressed = 0;
    while (s2n_cursor_remaining(&formats) > 0) {
        uint8_t f = 0;
        GUARD(s2n_cursor_read_u8(&formats, &f));
        uncompressed |= f == 0;
    }
    /* RFC 8422 5.1.2: uncompressed must be supported. */
    ENSURE(uncompressed, S2N_ERR_BAD_MESSAGE);
    if (msg == S2N_EXT_MSG_CH) {
        conn->hs->peer_sent_point_formats = 1;
    }
    return S2N_SUCCESS;
}

const struct s2n_extension s2n_ext_ec_point_formats = {
    .iana = 11,
    .should_send = s2n_point_formats_should_send,
    .send = s2n_point_formats_send,
    .recv = s2n_point_formats_recv,
};
