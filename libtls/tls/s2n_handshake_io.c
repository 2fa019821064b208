/* The handshake state machine: message table, sequences selected by the
 * negotiated handshake type, reading and writing handshake messages, and the
 * transcript hash. */
#include <string.h>

#include "tls/s2n_handshake.h"
#include "utils/s2n_mem.h"

#define S2N_MAX_HANDSHAKE_MESSAGE (1u << 17)

static S2N_RESULT s2n_tls12_client_ccs_after(struct s2n_connection *conn)
{
    return s2n_tls12_ccs_after(conn, conn->mode == S2N_CLIENT);
}

static S2N_RESULT s2n_tls12_server_ccs_after(struct s2n_connection *conn)
{
    return s2n_tls12_ccs_after(conn, conn->mode == S2N_SERVER);
}

static const struct s2n_message_desc s2n_tls13_messages[S2N_MSG_COUNT] = {
    [S2N_MSG_CLIENT_HELLO] = { "CLIENT_HELLO", S2N_CT_HANDSHAKE, S2N_HS_CLIENT_HELLO, S2N_CLIENT,
            s2n_client_hello_send, s2n_client_hello_recv, NULL },
    [S2N_MSG_SERVER_HELLO] = { "SERVER_HELLO", S2N_CT_HANDSHAKE, S2N_HS_SERVER_HELLO, S2N_SERVER,
            s2n_server_hello_send, s2n_server_hello_recv, s2n_server_hello_after },
    [S2N_MSG_HELLO_RETRY] = { "HELLO_RETRY_MSG", S2N_CT_HANDSHAKE, S2N_HS_SERVER_HELLO, S2N_SERVER,
            s2n_hello_retry_send, s2n_server_hello_recv, NULL },
    [S2N_MSG_SERVER_CCS] = { "SERVER_CHANGE_CIPHER_SPEC", S2N_CT_CHANGE_CIPHER_SPEC, 0, S2N_SERVER, NULL, NULL, NULL },
    [S2N_MSG_CLIENT_CCS] = { "CLIENT_CHANGE_CIPHER_SPEC", S2N_CT_CHANGE_CIPHER_SPEC, 0, S2N_CLIENT, NULL, NULL, NULL },
    [S2N_MSG_ENCRYPTED_EXTENSIONS] = { "ENCRYPTED_EXTENSIONS", S2N_CT_HANDSHAKE, S2N_HS_ENCRYPTED_EXTENSIONS, S2N_SERVER,
            s2n_encrypted_extensions_send, s2n_encrypted_extensions_recv, NULL },
    [S2N_MSG_SERVER_CERT_REQ] = { "SERVER_CERT_REQ", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE_REQUEST, S2N_SERVER,
            NULL, s2n_cert_req_recv, NULL },
    [S2N_MSG_SERVER_CERT] = { "SERVER_CERT", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE, S2N_SERVER,
            s2n_server_cert_send, s2n_server_cert_recv, NULL },
    [S2N_MSG_SERVER_CERT_VERIFY] = { "SERVER_CERT_VERIFY", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE_VERIFY, S2N_SERVER,
            s2n_cert_verify_send, s2n_cert_verify_recv, NULL },
    [S2N_MSG_SERVER_FINISHED] = { "SERVER_FINISHED", S2N_CT_HANDSHAKE, S2N_HS_FINISHED, S2N_SERVER,
            s2n_finished_send, s2n_finished_recv, s2n_server_finished_after },
    [S2N_MSG_CLIENT_CERT] = { "CLIENT_CERT", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE, S2N_CLIENT,
            s2n_client_cert_send, NULL, NULL },
    [S2N_MSG_CLIENT_CERT_VERIFY] = { "CLIENT_CERT_VERIFY", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE_VERIFY, S2N_CLIENT,
            NULL, NULL, NULL },
    [S2N_MSG_CLIENT_FINISHED] = { "CLIENT_FINISHED", S2N_CT_HANDSHAKE, S2N_HS_FINISHED, S2N_CLIENT,
            s2n_finished_send, s2n_finished_recv, s2n_client_finished_after },
    [S2N_MSG_APPLICATION_DATA] = { "APPLICATION_DATA", S2N_CT_APPLICATION_DATA, 0, 0, NULL, NULL, NULL },
};

static const struct s2n_message_desc s2n_tls12_messages[S2N_MSG_COUNT] = {
    [S2N_MSG_CLIENT_HELLO] = { "CLIENT_HELLO", S2N_CT_HANDSHAKE, S2N_HS_CLIENT_HELLO, S2N_CLIENT,
            s2n_client_hello_send, s2n_client_hello_recv, NULL },
    [S2N_MSG_SERVER_HELLO] = { "SERVER_HELLO", S2N_CT_HANDSHAKE, S2N_HS_SERVER_HELLO, S2N_SERVER,
            s2n_tls12_server_hello_send, s2n_server_hello_recv, NULL },
    [S2N_MSG_SERVER_CERT] = { "SERVER_CERT", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE, S2N_SERVER,
            s2n_tls12_cert_send, s2n_tls12_cert_recv, NULL },
    [S2N_MSG_SERVER_KEY] = { "SERVER_KEY", S2N_CT_HANDSHAKE, S2N_HS_SERVER_KEY_EXCHANGE, S2N_SERVER,
            s2n_tls12_server_key_send, s2n_tls12_server_key_recv, NULL },
    [S2N_MSG_SERVER_CERT_REQ] = { "SERVER_CERT_REQ", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE_REQUEST, S2N_SERVER,
            NULL, s2n_tls12_cert_req_recv, NULL },
    [S2N_MSG_SERVER_HELLO_DONE] = { "SERVER_HELLO_DONE", S2N_CT_HANDSHAKE, S2N_HS_SERVER_HELLO_DONE, S2N_SERVER,
            s2n_tls12_server_hello_done_send, s2n_tls12_server_hello_done_recv, NULL },
    [S2N_MSG_CLIENT_CERT] = { "CLIENT_CERT", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE, S2N_CLIENT,
            s2n_tls12_cert_send, NULL, NULL },
    [S2N_MSG_CLIENT_KEY] = { "CLIENT_KEY", S2N_CT_HANDSHAKE, S2N_HS_CLIENT_KEY_EXCHANGE, S2N_CLIENT,
            s2n_tls12_client_key_send, s2n_tls12_client_key_recv, s2n_tls12_client_key_after },
    [S2N_MSG_CLIENT_CERT_VERIFY] = { "CLIENT_CERT_VERIFY", S2N_CT_HANDSHAKE, S2N_HS_CERTIFICATE_VERIFY, S2N_CLIENT,
            NULL, NULL, NULL },
    [S2N_MSG_CLIENT_CCS] = { "CLIENT_CHANGE_CIPHER_SPEC", S2N_CT_CHANGE_CIPHER_SPEC, 0, S2N_CLIENT,
            NULL, NULL, s2n_tls12_client_ccs_after },
    [S2N_MSG_CLIENT_FINISHED] = { "CLIENT_FINISHED", S2N_CT_HANDSHAKE, S2N_HS_FINISHED, S2N_CLIENT,
            s2n_tls12_finished_send, s2n_tls12_finished_recv, NULL },
    [S2N_MSG_SERVER_CCS] = { "SERVER_CHANGE_CIPHER_SPEC", S2N_CT_CHANGE_CIPHER_SPEC, 0, S2N_SERVER,
            NULL, NULL, s2n_tls12_server_ccs_after },
    [S2N_MSG_SERVER_FINISHED] = { "SERVER_FINISHED", S2N_CT_HANDSHAKE, S2N_HS_FINISHED, S2N_SERVER,
            s2n_tls12_finished_send, s2n_tls12_finished_recv, NULL },
    [S2N_MSG_APPLICATION_DATA] = { "APPLICATION_DATA", S2N_CT_APPLICATION_DATA, 0, 0, NULL, NULL, NULL },
};

int s2n_connection_is_tls12(const struct s2n_connection *conn)
{
    return conn->actual_protocol_version <= S2N_TLS12 && (conn->handshake_type & S2N_HT_NEGOTIATED);
}

const struct s2n_message_desc *s2n_message_desc(const struct s2n_connection *conn, s2n_message_id id)
{
    if (id >= S2N_MSG_COUNT) {
        return NULL;
    }
    return s2n_connection_is_tls12(conn) ? &s2n_tls12_messages[id] : &s2n_tls13_messages[id];
}

/* Sequences are built from the flags: every combination yields a path that
 * ends in APPLICATION_DATA (a unit test walks them all). */
static uint8_t s2n_tls12_sequence(uint8_t flags, uint8_t *seq)
{
    uint8_t n = 0;
    int client_auth = flags & S2N_HT_CLIENT_AUTH;
    seq[n++] = S2N_MSG_CLIENT_HELLO;
    seq[n++] = S2N_MSG_SERVER_HELLO;
    seq[n++] = S2N_MSG_SERVER_CERT;
    seq[n++] = S2N_MSG_SERVER_KEY;
    if (client_auth) {
        seq[n++] = S2N_MSG_SERVER_CERT_REQ;
    }
    seq[n++] = S2N_MSG_SERVER_HELLO_DONE;
    if (client_auth) {
        seq[n++] = S2N_MSG_CLIENT_CERT;
    }
    seq[n++] = S2N_MSG_CLIENT_KEY;
    if (client_auth && !(flags & S2N_HT_NO_CLIENT_CERT)) {
        seq[n++] = S2N_MSG_CLIENT_CERT_VERIFY;
    }
    seq[n++] = S2N_MSG_CLIENT_CCS;
    seq[n++] = S2N_MSG_CLIENT_FINISHED;
    seq[n++] = S2N_MSG_SERVER_CCS;
    seq[n++] = S2N_MSG_SERVER_FINISHED;
    seq[n++] = S2N_MSG_APPLICATION_DATA;
    return n;
}

uint8_t s2n_handshake_sequence(uint8_t flags, int tls12, uint8_t *seq)
{
    if (tls12) {
        return s2n_tls12_sequence(flags, seq);
    }
    uint8_t n = 0;
    int compat = flags & S2N_HT_MIDDLEBOX_COMPAT;
    seq[n++] = S2N_MSG_CLIENT_HELLO;
    if (flags & S2N_HT_HELLO_RETRY_REQUEST) {
        seq[n++] = S2N_MSG_HELLO_RETRY;
        if (compat) {
            seq[n++] = S2N_MSG_SERVER_CCS;
            seq[n++] = S2N_MSG_CLIENT_CCS;
        }
        seq[n++] = S2N_MSG_CLIENT_HELLO;
        seq[n++] = S2N_MSG_SERVER_HELLO;
    } else {
        seq[n++] = S2N_MSG_SERVER_HELLO;
        if (compat) {
            seq[n++] = S2N_MSG_SERVER_CCS;
        }
    }
    seq[n++] = S2N_MSG_ENCRYPTED_EXTENSIONS;
    if (flags & S2N_HT_CLIENT_AUTH) {
        seq[n++] = S2N_MSG_SERVER_CERT_REQ;
    }
    seq[n++] = S2N_MSG_SERVER_CERT;
    seq[n++] = S2N_MSG_SERVER_CERT_VERIFY;
    seq[n++] = S2N_MSG_SERVER_FINISHED;
    if (compat && !(flags & S2N_HT_HELLO_RETRY_REQUEST)) {
        seq[n++] = S2N_MSG_CLIENT_CCS;
    }
    if (flags & S2N_HT_CLIENT_AUTH) {
        seq[n++] = S2N_MSG_CLIENT_CERT;
        if (!(flags & S2N_HT_NO_CLIENT_CERT)) {
            seq[n++] = S2N_MSG_CLIENT_CERT_VERIFY;
        }
    }
    seq[n++] = S2N_MSG_CLIENT_FINISHED;
    seq[n++] = S2N_MSG_APPLICATION_DATA;
    return n;
}

s2n_message_id s2n_current_message(const struct s2n_connection *conn)
{
    if (conn->handshake_complete) {
        return S2N_MSG_APPLICATION_DATA;
    }
    uint8_t seq[S2N_MAX_SEQUENCE];
    uint8_t n = s2n_handshake_sequence(conn->handshake_type, s2n_connection_is_tls12(conn), seq);
    return conn->message_index < n ? seq[conn->message_index] : S2N_MSG_APPLICATION_DATA;
}

/* ---- transcript ------------------------------------------------------------ */

S2N_RESULT s2n_transcript_update(struct s2n_connection *conn, const uint8_t *data, uint32_t len)
{
    struct s2n_handshake *hs = conn->hs;
    if (hs->hash_known) {
        return s2n_hash_update(&hs->transcript, data, len);
    }
    return s2n_cursor_write_bytes(&hs->transcript_buf, data, len);
}

S2N_RESULT s2n_transcript_set_hash(struct s2n_connection *conn, s2n_hash_alg alg)
{
    struct s2n_handshake *hs = conn->hs;
    ENSURE(!hs->hash_known, S2N_ERR_HANDSHAKE_STATE);
    GUARD(s2n_hash_init(&hs->transcript, alg));
    GUARD(s2n_hash_update(&hs->transcript, s2n_cursor_read_ptr_unchecked(&hs->transcript_buf),
            s2n_cursor_remaining(&hs->transcript_buf)));
    s2n_cursor_reset(&hs->transcript_buf);
    hs->hash_known = 1;
    hs->transcript_hash_len = s2n_hash_digest_size(alg);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_transcript_digest(struct s2n_connection *conn, uint8_t *out)
{
    ENSURE(conn->hs->hash_known, S2N_ERR_HANDSHAKE_STATE);
    return s2n_hash_peek(&conn->hs->transcript, out);
}

S2N_RESULT s2n_transcript_hrr_rewrite(struct s2n_connection *conn)
{
    struct s2n_handshake *hs = conn->hs;
    uint8_t digest[S2N_MAX_DIGEST_LEN];
    GUARD(s2n_transcript_digest(conn, digest));
    uint8_t header[4] = { S2N_HS_MESSAGE_HASH, 0, 0, hs->transcript_hash_len };
    GUARD(s2n_hash_init(&hs->transcript, hs->transcript.alg));
    GUARD(s2n_hash_update(&hs->transcript, header, sizeof(header)));
    GUARD(s2n_hash_update(&hs->transcript, digest, hs->transcript_hash_len));
    return S2N_SUCCESS;
}

/* ---- writing ---------------------------------------------------------------- */

S2N_RESULT s2n_handshake_write_message(struct s2n_connection *conn, uint8_t hs_type, const uint8_t *body, uint32_t len)
{
    ENSURE(len < (1u << 24), S2N_ERR_SIZE_MISMATCH);
    uint8_t header[4] = { hs_type, (uint8_t) (len >> 16), (uint8_t) (len >> 8), (uint8_t) len };
    GUARD(s2n_transcript_update(conn, header, sizeof(header)));
    GUARD(s2n_transcript_update(conn, body, len));
    /* Messages are coalesced: framed into records when the flight ends or
     * before the write keys change (s2n_handshake_emit). */
    GUARD(s2n_cursor_write_bytes(&conn->hs->pending, header, sizeof(header)));
    return s2n_cursor_write_bytes(&conn->hs->pending, body, len);
}

S2N_RESULT s2n_handshake_emit(struct s2n_connection *conn)
{
    if (conn->hs == NULL) {
        return S2N_SUCCESS;
    }
    struct s2n_cursor *pending = &conn->hs->pending;
    while (s2n_cursor_remaining(pending) > 0) {
        uint32_t n = S2N_MIN(s2n_cursor_remaining(pending), (uint32_t) S2N_TLS_MAX_FRAGMENT);
        GUARD(s2n_record_write(conn, S2N_CT_HANDSHAKE, s2n_cursor_read_ptr_unchecked(pending), n));
        pending->rpos += n;
    }
    s2n_cursor_wipe(pending);
    return S2N_SUCCESS;
}

/* ---- reading ---------------------------------------------------------------- */

/* Next complete handshake message from conn->hs->msg, reading records as
 * needed.  body borrows the reassembly buffer until the next read. */
static S2N_RESULT s2n_handshake_read_message(struct s2n_connection *conn, uint8_t *type, struct s2n_cursor *body,
        const uint8_t **raw, uint32_t *raw_len)
{
    struct s2n_cursor *msg = &conn->hs->msg;
    for (;;) {
        if (s2n_cursor_remaining(msg) >= 4) {
            const uint8_t *p = s2n_cursor_read_ptr_unchecked(msg);
            uint32_t len = (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
            ENSURE(len <= S2N_MAX_HANDSHAKE_MESSAGE, S2N_ERR_BAD_MESSAGE);
            if (s2n_cursor_remaining(msg) >= 4 + len) {
                *type = p[0];
                *raw = p;
                *raw_len = 4 + len;
                GUARD(s2n_cursor_init_read(body, p + 4, len));
                msg->rpos += 4 + len;
                return S2N_SUCCESS;
            }
        }
        GUARD(s2n_record_read(conn));
        const uint8_t *data = conn->in.data + conn->in_plain_start;
        uint32_t len = conn->in_plain_end - conn->in_plain_start;
        switch (conn->in_content_type) {
            case S2N_CT_HANDSHAKE:
                if (s2n_cursor_remaining(msg) == 0) {
                    s2n_cursor_reset(msg);
                } else {
                    s2n_cursor_compact(msg);
                }
                GUARD(s2n_cursor_write_bytes(msg, data, len));
                s2n_record_consumed(conn);
                break;
            case S2N_CT_ALERT: {
                int rc = s2n_alert_process(conn, data, len);
                s2n_record_consumed(conn);
                GUARD(rc);
                /* close_notify in the middle of a handshake */
                BAIL(S2N_ERR_CLOSED);
            }
            default:
                BAIL(S2N_ERR_UNEXPECTED_MESSAGE);
        }
    }
}

/* Messages after which the peer's keys change: nothing may follow them in
 * the same record (RFC 8446 section 5.1). */
static int s2n_message_changes_read_keys(const struct s2n_connection *conn, s2n_message_id id)
{
    if (conn->mode == S2N_CLIENT) {
        return id == S2N_MSG_SERVER_HELLO || id == S2N_MSG_SERVER_FINISHED;
    }
    return id == S2N_MSG_CLIENT_HELLO || id == S2N_MSG_CLIENT_FINISHED;
}

/* Server: an SSLv2-format ClientHello (a 2-byte header with the high bit
 * set).  Its versions are recorded for the getters (API.md 7.5), then the
 * handshake is refused: such a hello has no extensions, so it can only lead
 * to RSA key exchange, which libs2n does not implement. */
static S2N_RESULT s2n_sslv2_client_hello_check(struct s2n_connection *conn)
{
    GUARD(s2n_io_fill(conn, 2));
    const uint8_t *h = s2n_cursor_read_ptr_unchecked(&conn->in);
    if (!(h[0] & 0x80)) {
        return S2N_SUCCESS;
    }
    uint32_t len = (uint32_t) (h[0] & 0x7f) << 8 | h[1];
    ENSURE(len >= 9, S2N_ERR_BAD_MESSAGE);
    GUARD(s2n_io_fill(conn, 2 + len));
    struct s2n_cursor msg;
    uint8_t type = 0;
    uint16_t version = 0;
    GUARD(s2n_cursor_init_read(&msg, s2n_cursor_read_ptr_unchecked(&conn->in) + 2, len));
    GUARD(s2n_cursor_read_u8(&msg, &type));
    GUARD(s2n_cursor_read_u16(&msg, &version));
    ENSURE(type == S2N_HS_CLIENT_HELLO, S2N_ERR_BAD_MESSAGE);
    conn->in.rpos += 2 + len;
    conn->client_hello_version = S2N_SSLv2;
    uint8_t number = (version >> 8) == 3 ? (uint8_t) (30 + S2N_MIN(version & 0xff, 3)) : S2N_SSLv2;
    conn->client_protocol_version = number;
    conn->actual_protocol_version = number;
    BAIL(S2N_ERR_CIPHER_NOT_SUPPORTED);
}

static S2N_RESULT s2n_handshake_recv_one(struct s2n_connection *conn, s2n_message_id id)
{
    if (conn->mode == S2N_SERVER && conn->message_index == 0 && conn->client_hello_version == 0
            && s2n_cursor_remaining(&conn->hs->msg) == 0) {
        GUARD(s2n_sslv2_client_hello_check(conn));
    }

    uint8_t type = 0;
    struct s2n_cursor body;
    const uint8_t *raw = NULL;
    uint32_t raw_len = 0;
    GUARD(s2n_handshake_read_message(conn, &type, &body, &raw, &raw_len));

    /* CertificateRequest is optional: it switches the handshake to client auth. */
    if (conn->mode == S2N_CLIENT && type == S2N_HS_CERTIFICATE_REQUEST && !(conn->handshake_type & S2N_HT_CLIENT_AUTH)
            && (id == (s2n_connection_is_tls12(conn) ? S2N_MSG_SERVER_HELLO_DONE : S2N_MSG_SERVER_CERT))) {
        conn->handshake_type |= S2N_HT_CLIENT_AUTH | S2N_HT_NO_CLIENT_CERT;
        id = s2n_current_message(conn);
    }
    const struct s2n_message_desc *desc = s2n_message_desc(conn, id);
    ENSURE(type == desc->hs_type && desc->recv != NULL, S2N_ERR_UNEXPECTED_MESSAGE);

    int rc = desc->recv(conn, &body);
    if (rc < 0) {
        if (s2n_errno == S2N_ERR_STUFFER_OUT_OF_DATA) {
            BAIL(S2N_ERR_BAD_MESSAGE);
        }
        return rc;
    }
    /* The handler may have changed the handshake type (HelloRetryRequest). */
    id = s2n_current_message(conn);
    desc = s2n_message_desc(conn, id);

    GUARD(s2n_transcript_update(conn, raw, raw_len));
    if (!s2n_connection_is_tls12(conn) && (s2n_message_changes_read_keys(conn, id) || id == S2N_MSG_HELLO_RETRY)) {
        ENSURE(s2n_cursor_remaining(&conn->hs->msg) == 0, S2N_ERR_UNEXPECTED_MESSAGE);
    }
    if (desc->after) {
        GUARD(desc->after(conn));
    }
    conn->message_index++;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_handshake_send_one(struct s2n_connection *conn, s2n_message_id id)
{
    const struct s2n_message_desc *desc = s2n_message_desc(conn, id);
    if (desc->record_type == S2N_CT_CHANGE_CIPHER_SPEC) {
        static const uint8_t ccs = 1;
        GUARD(s2n_handshake_emit(conn));
        GUARD(s2n_record_write(conn, S2N_CT_CHANGE_CIPHER_SPEC, &ccs, 1));
        if (desc->after) {
            GUARD(desc->after(conn));
        }
        conn->message_index++;
        return S2N_SUCCESS;
    }
    ENSURE(desc->send != NULL, S2N_ERR_HANDSHAKE_UNREACHABLE);
    struct s2n_cursor *body = &conn->hs->scratch;
    s2n_cursor_reset(body);
    GUARD(desc->send(conn, body));
    GUARD(s2n_handshake_write_message(conn, desc->hs_type, body->data, s2n_cursor_remaining(body)));
    s2n_cursor_wipe(body);
    if (desc->after) {
        GUARD(desc->after(conn));
    }
    conn->message_index++;
    return S2N_SUCCESS;
}

/* TLS 1.2: the peer's ChangeCipherSpec, which must not interrupt a
 * handshake message. */
static S2N_RESULT s2n_tls12_ccs_recv(struct s2n_connection *conn)
{
    ENSURE(s2n_cursor_remaining(&conn->hs->msg) == 0, S2N_ERR_UNEXPECTED_MESSAGE);
    GUARD(s2n_record_read(conn));
    uint8_t type = conn->in_content_type;
    const uint8_t *data = conn->in.data + conn->in_plain_start;
    uint32_t len = conn->in_plain_end - conn->in_plain_start;
    if (type == S2N_CT_ALERT) {
        int rc = s2n_alert_process(conn, data, len);
        s2n_record_consumed(conn);
        GUARD(rc);
        BAIL(S2N_ERR_CLOSED);
    }
    int ok = type == S2N_CT_CHANGE_CIPHER_SPEC && len == 1 && data[0] == 1;
    s2n_record_consumed(conn);
    ENSURE(ok, S2N_ERR_UNEXPECTED_MESSAGE);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_handshake_negotiate(struct s2n_connection *conn)
{
    for (;;) {
        s2n_message_id id = s2n_current_message(conn);
        const struct s2n_message_desc *desc = s2n_message_desc(conn, id);
        int ours = desc->writer == conn->mode && id != S2N_MSG_APPLICATION_DATA;

        /* A flight is written out once the next message is not ours. */
        if (!ours) {
            GUARD(s2n_handshake_emit(conn));
            if (s2n_cursor_remaining(&conn->out) > 0) {
                GUARD(s2n_io_flush(conn));
            }
        }
        if (id == S2N_MSG_APPLICATION_DATA) {
            conn->handshake_complete = 1;
            /* The message buffers are done with; what the getters need
             * lives in the connection itself. */
            struct s2n_handshake *hs = conn->hs;
            s2n_cursor_free(&hs->scratch);
            s2n_cursor_free(&hs->pending);
            s2n_cursor_free(&hs->transcript_buf);
            if (s2n_cursor_remaining(&hs->msg) == 0) {
                s2n_cursor_free(&hs->msg);
            }
            return S2N_SUCCESS;
        }
        if (ours) {
            GUARD(s2n_handshake_send_one(conn, id));
        } else if (desc->record_type == S2N_CT_CHANGE_CIPHER_SPEC && !s2n_connection_is_tls12(conn)) {
            /* The peer's compatibility CCS is dropped by the record layer. */
            conn->message_index++;
        } else if (desc->record_type == S2N_CT_CHANGE_CIPHER_SPEC) {
            GUARD(s2n_tls12_ccs_recv(conn));
            GUARD(desc->after(conn));
            conn->message_index++;
        } else {
            GUARD(s2n_handshake_recv_one(conn, id));
        }
    }
}
