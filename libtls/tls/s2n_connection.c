/* Connection lifecycle: reset, the handshake object, failure handling. */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "tls/s2n_connection.h"
#include "tls/s2n_record.h"
#include "utils/s2n_mem.h"

const struct s2n_security_policy *s2n_connection_policy(const struct s2n_connection *conn)
{
    return conn->policy_override ? conn->policy_override : conn->config->policy;
}

const struct s2n_alpn_list *s2n_connection_alpn_list(const struct s2n_connection *conn)
{
    return conn->alpn_override.data ? &conn->alpn_override : &conn->config->alpn;
}

uint64_t s2n_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static void s2n_handshake_wipe(struct s2n_handshake *hs)
{
    /* Keep the reusable allocations; wipe everything else. */
    struct s2n_hash transcript = hs->transcript;
    struct s2n_cursor transcript_buf = hs->transcript_buf, msg = hs->msg, scratch = hs->scratch, cookie = hs->cookie;
    struct s2n_cursor pending = hs->pending;
    s2n_ecdhe_free(&hs->key);
    s2n_pkey_free(&hs->peer_key);
    s2n_cursor_wipe(&transcript_buf);
    s2n_cursor_wipe(&msg);
    s2n_cursor_wipe(&scratch);
    s2n_cursor_wipe(&cookie);
    s2n_cursor_wipe(&pending);
    s2n_cleanse(hs, sizeof(*hs));
    hs->transcript = transcript;
    hs->transcript_buf = transcript_buf;
    hs->msg = msg;
    hs->scratch = scratch;
    hs->cookie = cookie;
    hs->pending = pending;
}

S2N_RESULT s2n_connection_handshake_alloc(struct s2n_connection *conn)
{
    if (conn->hs) {
        return S2N_SUCCESS;
    }
    struct s2n_handshake *hs = NULL;
    GUARD(s2n_new(&hs));
    GUARD_GOTO(s2n_cursor_alloc(&hs->transcript_buf, 0), fail);
    GUARD_GOTO(s2n_cursor_alloc(&hs->msg, 0), fail);
    GUARD_GOTO(s2n_cursor_alloc(&hs->scratch, 0), fail);
    GUARD_GOTO(s2n_cursor_alloc(&hs->cookie, 0), fail);
    GUARD_GOTO(s2n_cursor_alloc(&hs->pending, 0), fail);
    hs->pending.secret = 1;
    hs->msg.secret = 1;
    hs->scratch.secret = 1;
    hs->transcript_buf.secret = 1;
    conn->hs = hs;
    return S2N_SUCCESS;
fail:
    s2n_delete(hs);
    return S2N_FAILURE;
}

void s2n_connection_handshake_free(struct s2n_connection *conn)
{
    struct s2n_handshake *hs = conn->hs;
    if (hs == NULL) {
        return;
    }
    s2n_hash_free(&hs->transcript);
    s2n_ecdhe_free(&hs->key);
    s2n_pkey_free(&hs->peer_key);
    s2n_cursor_free(&hs->transcript_buf);
    s2n_cursor_free(&hs->msg);
    s2n_cursor_free(&hs->scratch);
    s2n_cursor_free(&hs->cookie);
    s2n_cursor_free(&hs->pending);
    s2n_cleanse(hs, sizeof(*hs));
    s2n_delete(hs);
    conn->hs = NULL;
}

S2N_RESULT s2n_connection_reset(struct s2n_connection *conn)
{
    /* Survivors: mode, config, buffers (wiped), the handshake object (wiped),
     * cipher contexts (rekeyed on next use). */
    uint8_t mode = conn->mode;
    struct s2n_config *config = conn->config;
    struct s2n_cursor in = conn->in, out = conn->out, post_hs = conn->post_hs;
    struct s2n_aead read_aead = conn->read_keys.aead, write_aead = conn->write_keys.aead;
    struct s2n_handshake *hs = conn->hs;

    s2n_free(conn->server_name, conn->server_name_len + 1u);
    s2n_free(conn->alpn, conn->alpn_len + 1u);
    s2n_alpn_list_free(&conn->alpn_override);
    s2n_cursor_wipe(&in);
    s2n_cursor_wipe(&out);
    s2n_cursor_wipe(&post_hs);
    if (hs) {
        s2n_handshake_wipe(hs);
    }

    s2n_cleanse(conn, sizeof(*conn));
    conn->mode = mode;
    conn->config = config;
    conn->in = in;
    conn->out = out;
    conn->post_hs = post_hs;
    conn->read_keys.aead = read_aead;
    conn->write_keys.aead = write_aead;
    conn->read_keys.aead.keyed = 0;
    conn->write_keys.aead.keyed = 0;
    conn->hs = hs;
    conn->read_fd = -1;
    conn->write_fd = -1;
    conn->alert_received = -1;
    conn->blinding = S2N_BUILT_IN_BLINDING;
    conn->max_fragment = S2N_DEFAULT_FRAGMENT;
    conn->cipher_suite = &s2n_null_cipher_suite;
    /* API.md 7.5: versions of a new connection. */
    if (mode == S2N_CLIENT) {
        conn->client_protocol_version = S2N_TLS13;
        conn->actual_protocol_version = S2N_TLS13;
    } else {
        conn->server_protocol_version = S2N_TLS13;
    }
    return S2N_SUCCESS;
}

void s2n_connection_release_empty_buffers(struct s2n_connection *conn)
{
    if (!conn->dynamic_buffers || !conn->handshake_complete) {
        return;
    }
    if (s2n_cursor_remaining(&conn->out) == 0) {
        s2n_cursor_free(&conn->out);
    }
    if (s2n_cursor_remaining(&conn->in) == 0 && !conn->in_record_ready) {
        s2n_cursor_free(&conn->in);
    }
    if (s2n_cursor_remaining(&conn->post_hs) == 0) {
        s2n_cursor_free(&conn->post_hs);
    }
}

void s2n_connection_fail(struct s2n_connection *conn, int err)
{
    uint8_t alert = conn->fail_alert ? conn->fail_alert : s2n_alert_for_error(err);
    if (alert && !conn->alert_sent && conn->alert_received < 0 && !conn->write_closed) {
        /* Best effort: the alert is flushed now if the transport allows,
         * else by s2n_shutdown. */
        struct s2n_error_state saved;
        int saved_errno = errno;
        s2n_error_save(&saved);
        if (s2n_alert_queue(conn, 2, alert) == 0) {
            S2N_IGNORE(s2n_io_flush(conn));
        }
        s2n_error_restore(&saved);
        errno = saved_errno;
    }
    conn->read_closed = 1;
    conn->write_closed = 1;
}
