/* Extension blocks: which extensions each message carries, sending them,
 * and parsing received blocks (duplicates, unknown and unsolicited ones). */
#include "tls/s2n_handshake.h"

static const struct s2n_extension *const s2n_ch_exts[] = {
    &s2n_ext_server_name, &s2n_ext_supported_versions, &s2n_ext_supported_groups, &s2n_ext_key_share,
    &s2n_ext_signature_algorithms, &s2n_ext_alpn, &s2n_ext_cookie, &s2n_ext_ec_point_formats, &s2n_ext_ems,
    &s2n_ext_renegotiation_info,
};
static const struct s2n_extension *const s2n_sh12_exts[] = {
    &s2n_ext_server_name, &s2n_ext_alpn, &s2n_ext_ec_point_formats, &s2n_ext_ems, &s2n_ext_renegotiation_info,
};
static const struct s2n_extension *const s2n_sh_exts[] = { &s2n_ext_supported_versions, &s2n_ext_key_share };
static const struct s2n_extension *const s2n_hrr_exts[] = { &s2n_ext_supported_versions, &s2n_ext_key_share, &s2n_ext_cookie };
static const struct s2n_extension *const s2n_ee_exts[] = { &s2n_ext_server_name, &s2n_ext_supported_groups, &s2n_ext_alpn };
static const struct s2n_extension *const s2n_cr_exts[] = { &s2n_ext_signature_algorithms };

static const struct s2n_extension *const *s2n_ext_list(s2n_ext_msg msg, uint8_t *count)
{
    switch (msg) {
        case S2N_EXT_MSG_CH:
            *count = S2N_ARRAY_LEN(s2n_ch_exts);
            return s2n_ch_exts;
        case S2N_EXT_MSG_SH:
            *count = S2N_ARRAY_LEN(s2n_sh_exts);
            return s2n_sh_exts;
        case S2N_EXT_MSG_HRR:
            *count = S2N_ARRAY_LEN(s2n_hrr_exts);
            return s2n_hrr_exts;
        case S2N_EXT_MSG_EE:
            *count = S2N_ARRAY_LEN(s2n_ee_exts);
            return s2n_ee_exts;
        case S2N_EXT_MSG_CR:
            *count = S2N_ARRAY_LEN(s2n_cr_exts);
            return s2n_cr_exts;
        case S2N_EXT_MSG_SH12:
            *count = S2N_ARRAY_LEN(s2n_sh12_exts);
            return s2n_sh12_exts;
    }
    *count = 0;
    return NULL;
}

static const struct s2n_extension *s2n_extension_known(uint16_t type)
{
    for (size_t i = 0; i < S2N_ARRAY_LEN(s2n_ch_exts); i++) {
        if (s2n_ch_exts[i]->iana == type) {
            return s2n_ch_exts[i];
        }
    }
    return NULL;
}

S2N_RESULT s2n_extensions_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out)
{
    uint8_t count = 0;
    const struct s2n_extension *const *list = s2n_ext_list(msg, &count);
    struct s2n_vec_mark all;
    GUARD(s2n_cursor_begin_vec(out, 2, &all));
    for (uint8_t i = 0; i < count; i++) {
        const struct s2n_extension *ext = list[i];
        if (!ext->send || (ext->should_send && !ext->should_send(conn, msg))) {
            continue;
        }
        struct s2n_vec_mark one;
        GUARD(s2n_cursor_write_u16(out, ext->iana));
        GUARD(s2n_cursor_begin_vec(out, 2, &one));
        GUARD(ext->send(conn, msg, out));
        GUARD(s2n_cursor_end_vec(out, &one));
    }
    return s2n_cursor_end_vec(out, &all);
}

/* Whether we sent this extension in our ClientHello (responses to anything
 * else are refused). */
static int s2n_client_sent(struct s2n_connection *conn, s2n_ext_msg msg, const struct s2n_extension *ext)
{
    if (msg == S2N_EXT_MSG_HRR && ext == &s2n_ext_cookie) {
        return 1; /* the server starts the cookie exchange */
    }
    return !ext->should_send || ext->should_send(conn, S2N_EXT_MSG_CH);
}

S2N_RESULT s2n_extensions_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in)
{
    uint8_t count = 0;
    const struct s2n_extension *const *list = s2n_ext_list(msg, &count);
    uint8_t seen[16] = { 0 };
    uint16_t seen_ids[S2N_MAX_PEER_LIST];
    uint32_t seen_count = 0;

    struct s2n_cursor block;
    if (s2n_cursor_remaining(in) == 0 && msg == S2N_EXT_MSG_CH) {
        /* A ClientHello without extensions (a pre-TLS 1.3 client). */
        GUARD(s2n_cursor_init_read(&block, NULL, 0));
    } else {
        GUARD(s2n_cursor_read_vec16(in, &block));
    }
    while (s2n_cursor_remaining(&block) > 0) {
        uint16_t type = 0;
        struct s2n_cursor data;
        GUARD(s2n_cursor_read_u16(&block, &type));
        GUARD(s2n_cursor_read_vec16(&block, &data));
        for (uint32_t i = 0; i < seen_count; i++) {
            ENSURE(seen_ids[i] != type, S2N_ERR_DUPLICATE_EXTENSION);
        }
        ENSURE(seen_count < S2N_ARRAY_LEN(seen_ids), S2N_ERR_BAD_MESSAGE);
        seen_ids[seen_count++] = type;

        const struct s2n_extension *ext = NULL;
        uint8_t index = 0;
        for (uint8_t i = 0; i < count; i++) {
            if (list[i]->iana == type) {
                ext = list[i];
                index = i;
            }
        }
        if (ext == NULL || ext->recv == NULL) {
            /* Unknown extensions are ignored in a ClientHello and a
             * CertificateRequest; a server may only answer what we sent,
             * and a known extension in the wrong message is illegal
             * (RFC 8446 4.2). */
            if (msg == S2N_EXT_MSG_CH || msg == S2N_EXT_MSG_CR) {
                continue;
            }
            const struct s2n_extension *known = s2n_extension_known(type);
            if (known && s2n_client_sent(conn, S2N_EXT_MSG_CH, known)) {
                conn->fail_alert = S2N_ALERT_ILLEGAL_PARAMETER;
            }
            BAIL(S2N_ERR_UNSUPPORTED_EXTENSION);
        }
        if (msg != S2N_EXT_MSG_CH && msg != S2N_EXT_MSG_CR) {
            ENSURE(s2n_client_sent(conn, msg, ext), S2N_ERR_UNSUPPORTED_EXTENSION);
        }
        seen[index] = 1;
        GUARD(ext->recv(conn, msg, &data));
        ENSURE(s2n_cursor_remaining(&data) == 0, S2N_ERR_BAD_MESSAGE);
    }
    for (uint8_t i = 0; i < count; i++) {
        if (!seen[i] && list[i]->if_missing) {
            GUARD(list[i]->if_missing(conn, msg));
        }
    }
    return S2N_SUCCESS;
}

int s2n_extensions_block_has(struct s2n_cursor in, uint16_t iana)
{
    struct s2n_cursor block;
    if (s2n_cursor_read_vec16(&in, &block) < 0 || s2n_cursor_remaining(&in) != 0) {
        return -1;
    }
    while (s2n_cursor_remaining(&block) > 0) {
        uint16_t type = 0;
        struct s2n_cursor data;
        if (s2n_cursor_read_u16(&block, &type) < 0 || s2n_cursor_read_vec16(&block, &data) < 0) {
            return -1;
        }
        if (type == iana) {
            return 1;
        }
    }
    return 0;
}
