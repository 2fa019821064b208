/* signature_algorithms (RFC 8446 section 4.2.3). */
#include "tls/s2n_handshake.h"

static int s2n_signature_algorithms_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    return msg == S2N_EXT_MSG_CH;
}

static S2N_RESULT s2n_signature_algorithms_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    const struct s2n_security_policy *p = s2n_connection_policy(conn);
    struct s2n_vec_mark list;
    GUARD(s2n_cursor_begin_vec(out, 2, &list));
    for (uint8_t i = 0; i < p->sig_scheme_count; i++) {
        const struct s2n_signature_scheme *s = p->sig_schemes[i];
        /* Offered for certificate chains too, so rsa_pkcs1 stays listed. */
        if (s->iana != 0 && s->pkey_type != S2N_PKEY_NONE && s->max_version >= S2N_TLS12) {
            GUARD(s2n_cursor_write_u16(out, s->iana));
        }
    }
    return s2n_cursor_end_vec(out, &list);
}

static S2N_RESULT s2n_signature_algorithms_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    struct s2n_cursor list;
    GUARD(s2n_cursor_read_vec16(in, &list));
    ENSURE(s2n_cursor_remaining(&list) >= 2 && s2n_cursor_remaining(&list) % 2 == 0, S2N_ERR_BAD_MESSAGE);
    struct s2n_handshake *hs = conn->hs;
    hs->peer_sig_scheme_count = 0;
    while (s2n_cursor_remaining(&list) > 0) {
        uint16_t s = 0;
        GUARD(s2n_cursor_read_u16(&list, &s));
        if (hs->peer_sig_scheme_count < S2N_MAX_PEER_LIST) {
            hs->peer_sig_schemes[hs->peer_sig_scheme_count++] = s;
        }
    }
    return S2N_SUCCESS;
}

const struct s2n_extension s2n_ext_signature_algorithms = {
    .iana = 13,
    .should_send = s2n_signature_algorithms_should_send,
    .send = s2n_signature_algorithms_send,
    .recv = s2n_signature_algorithms_recv,
};
