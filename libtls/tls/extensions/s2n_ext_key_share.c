/* key_share (RFC 8446 section 4.2.8). */
#include <string.h>
#include "tls/s2n_handshake.h"

static int s2n_key_share_should_send(struct s2n_connection *conn, s2n_ext_msg msg)
{
    if (msg == S2N_EXT_MSG_CH) {
        return s2n_security_policy_max_version(s2n_connection_policy(conn)) >= S2N_TLS13;
    }
    return msg == S2N_EXT_MSG_SH || msg == S2N_EXT_MSG_HRR;
}

static S2N_RESULT s2n_key_share_write_entry(struct s2n_connection *conn, struct s2n_cursor *out)
{
    struct s2n_ecdhe_key *key = &conn->hs->key;
    uint16_t size = s2n_ecdhe_public_size(key->iana);
    uint8_t *p = NULL;
    GUARD(s2n_cursor_write_u16(out, key->iana));
    GUARD(s2n_cursor_write_u16(out, size));
    GUARD(s2n_cursor_claim(out, size, &p));
    return s2n_ecdhe_write_public(key, p, size);
}

static S2N_RESULT s2n_key_share_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    struct s2n_handshake *hs = conn->hs;
    if (msg == S2N_EXT_MSG_HRR) {
        return s2n_cursor_write_u16(out, hs->hrr_group);
    }
    if (msg == S2N_EXT_MSG_SH) {
        return s2n_key_share_write_entry(conn, out);
    }
    /* ClientHello: one share, for the group the server asked for or our first. */
    uint16_t group = hs->hrr_group;
    if (group == 0) {
        const struct s2n_security_policy *p = s2n_connection_policy(conn);
        for (uint8_t i = 0; i < p->ecc_group_count && group == 0; i++) {
            if (s2n_ecdhe_group_supported(p->ecc_groups[i])) {
                group = p->ecc_groups[i];
            }
        }
    }
    ENSURE(group != 0, S2N_ERR_NO_SUPPORTED_GROUP);
    s2n_ecdhe_free(&hs->key);
    GUARD(s2n_ecdhe_generate(&hs->key, group));
    struct s2n_vec_mark list;
    GUARD(s2n_cursor_begin_vec(out, 2, &list));
    GUARD(s2n_key_share_write_entry(conn, out));
    return s2n_cursor_end_vec(out, &list);
}

static S2N_RESULT s2n_key_share_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    struct s2n_handshake *hs = conn->hs;
    if (msg == S2N_EXT_MSG_HRR) {
        uint16_t group = 0;
        GUARD(s2n_cursor_read_u16(in, &group));
        /* It must be a group we offered, and not the one we sent a share for. */
        ENSURE(s2n_policy_has_group(s2n_connection_policy(conn), group) && s2n_ecdhe_group_supported(group),
                S2N_ERR_INVALID_HELLO_RETRY);
        ENSURE(group != hs->key.iana, S2N_ERR_INVALID_HELLO_RETRY);
        hs->hrr_group = group;
        return S2N_SUCCESS;
    }
    if (msg == S2N_EXT_MSG_SH) {
        uint16_t group = 0;
        struct s2n_cursor pub;
        GUARD(s2n_cursor_read_u16(in, &group));
        GUARD(s2n_cursor_read_vec16(in, &pub));
        ENSURE(group == hs->key.iana, S2N_ERR_BAD_KEY_SHARE);
        uint32_t shared_len = sizeof(hs->shared_secret);
        GUARD(s2n_ecdhe_compute_shared(&hs->key, s2n_cursor_read_ptr_unchecked(&pub), s2n_cursor_remaining(&pub),
                hs->shared_secret, &shared_len));
        hs->shared_secret_len = (uint8_t) shared_len;
        conn->group = group;
        return S2N_SUCCESS;
    }
    /* ClientHello: remember every share; the server picks after parsing. */
    hs->peer_sent_key_share = 1;
    struct s2n_cursor list;
    GUARD(s2n_cursor_read_vec16(in, &list));
    hs->peer_share_count = 0;
    while (s2n_cursor_remaining(&list) > 0) {
        uint16_t group = 0;
        struct s2n_cursor pub;
        GUARD(s2n_cursor_read_u16(&list, &group));
        GUARD(s2n_cursor_read_vec16(&list, &pub));
        ENSURE(s2n_cursor_remaining(&pub) > 0, S2N_ERR_BAD_MESSAGE);
        for (uint8_t i = 0; i < hs->peer_share_count; i++) {
            ENSURE(hs->peer_share_groups[i] != group, S2N_ERR_BAD_KEY_SHARE);
        }
        if (hs->peer_share_count < S2N_MAX_KEY_SHARES) {
            hs->peer_share_groups[hs->peer_share_count] = group;
            hs->peer_shares[hs->peer_share_count].data = s2n_cursor_read_ptr_unchecked(&pub);
            hs->peer_shares[hs->peer_share_count].len = s2n_cursor_remaining(&pub);
            hs->peer_share_count++;
        }
    }
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_key_share_missing(struct s2n_connection *conn, s2n_ext_msg msg)
{
    ENSURE(msg != S2N_EXT_MSG_SH, S2N_ERR_MISSING_EXTENSION);
    return S2N_SUCCESS;
}

const struct s2n_extension s2n_ext_key_share = {
    .iana = 51,
    .should_send = s2n_key_share_should_send,
    .send = s2n_key_share_send,
    .recv = s2n_key_share_recv,
    .if_missing = s2n_key_share_missing,
};
