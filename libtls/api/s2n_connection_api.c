/* Public connection lifecycle, transport setup and per-connection options. */
#include <string.h>

#include "api/s2n_api.h"
#include "tls/s2n_handshake.h"

static S2N_RESULT s2n_connection_use_config(struct s2n_connection *conn, struct s2n_config *config)
{
    if (conn->config) {
        conn->config->conn_refs--;
    }
    conn->config = config;
    config->conn_refs++;
    return S2N_SUCCESS;
}

S2N_API struct s2n_connection *s2n_connection_new(s2n_mode mode)
{
    ENSURE_INITIALIZED_PTR();
    ENSURE_PTR(mode == S2N_SERVER || mode == S2N_CLIENT, S2N_ERR_INVALID_ARGUMENT);
    struct s2n_connection *conn = NULL;
    GUARD_PTR(s2n_new(&conn));
    conn->mode = (uint8_t) mode;
    conn->config = s2n_config_get_default();
    conn->config->conn_refs++;
    conn->in.growable = 1;
    conn->out.growable = 1;
    conn->post_hs.growable = 1;
    conn->in.secret = 1;
    conn->out.secret = 1;
    conn->post_hs.secret = 1;
    if (s2n_connection_reset(conn) < 0) {
        conn->config->conn_refs--;
        s2n_delete(conn);
        return NULL;
    }
    return conn;
}

S2N_API int s2n_connection_free(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    GUARD(s2n_connection_reset(conn));
    s2n_connection_handshake_free(conn);
    s2n_cursor_free(&conn->in);
    s2n_cursor_free(&conn->out);
    s2n_cursor_free(&conn->post_hs);
    s2n_aead_free(&conn->read_keys.aead);
    s2n_aead_free(&conn->write_keys.aead);
    if (conn->config) {
        conn->config->conn_refs--;
    }
    s2n_cleanse(conn, sizeof(*conn));
    s2n_delete(conn);
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_wipe(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    return s2n_connection_reset(conn);
}

S2N_API int s2n_connection_set_config(struct s2n_connection *conn, struct s2n_config *config)
{
    ENSURE_REF(conn);
    ENSURE_REF(config);
    if (conn->mode == S2N_CLIENT) {
        ENSURE(config->cert_count <= 1, S2N_ERR_TOO_MANY_CERTIFICATES);
    }
    return s2n_connection_use_config(conn, config);
}

S2N_API int s2n_connection_set_ctx(struct s2n_connection *conn, void *ctx)
{
    ENSURE_REF(conn);
    conn->ctx = ctx;
    return S2N_SUCCESS;
}

S2N_API void *s2n_connection_get_ctx(struct s2n_connection *conn)
{
    return conn ? conn->ctx : NULL;
}

S2N_API s2n_mode s2n_connection_get_mode(struct s2n_connection *conn)
{
    if (conn == NULL) {
        S2N_ERROR_SET(S2N_ERR_NULL);
        return (s2n_mode) -1;
    }
    return (s2n_mode) conn->mode;
}

S2N_API int s2n_connection_set_read_fd(struct s2n_connection *conn, int readfd)
{
    ENSURE_REF(conn);
    ENSURE(readfd >= 0, S2N_ERR_BAD_FD);
    conn->read_fd = readfd;
    conn->managed_recv = 1;
    conn->recv = NULL;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_write_fd(struct s2n_connection *conn, int writefd)
{
    ENSURE_REF(conn);
    ENSURE(writefd >= 0, S2N_ERR_BAD_FD);
    conn->write_fd = writefd;
    conn->managed_send = 1;
    conn->send = NULL;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_fd(struct s2n_connection *conn, int fd)
{
    GUARD(s2n_connection_set_read_fd(conn, fd));
    return s2n_connection_set_write_fd(conn, fd);
}

S2N_API int s2n_connection_get_read_fd(struct s2n_connection *conn, int *readfd)
{
    ENSURE_REF(conn);
    ENSURE_REF(readfd);
    ENSURE(conn->managed_recv, S2N_ERR_INVALID_STATE);
    *readfd = conn->read_fd;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_get_write_fd(struct s2n_connection *conn, int *writefd)
{
    ENSURE_REF(conn);
    ENSURE_REF(writefd);
    ENSURE(conn->managed_send, S2N_ERR_INVALID_STATE);
    *writefd = conn->write_fd;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_recv_cb(struct s2n_connection *conn, s2n_recv_fn recv)
{
    ENSURE_REF(conn);
    ENSURE_REF(recv);
    conn->recv = recv;
    conn->managed_recv = 0;
    conn->read_fd = -1;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_send_cb(struct s2n_connection *conn, s2n_send_fn send)
{
    ENSURE_REF(conn);
    ENSURE_REF(send);
    conn->send = send;
    conn->managed_send = 0;
    conn->write_fd = -1;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_recv_ctx(struct s2n_connection *conn, void *ctx)
{
    ENSURE_REF(conn);
    conn->recv_ctx = ctx;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_send_ctx(struct s2n_connection *conn, void *ctx)
{
    ENSURE_REF(conn);
    conn->send_ctx = ctx;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_cipher_preferences(struct s2n_connection *conn, const char *version)
{
    ENSURE_REF(conn);
    ENSURE_REF(version);
    const struct s2n_security_policy *policy = NULL;
    GUARD(s2n_security_policy_find(version, &policy));
    conn->policy_override = policy;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_protocol_preferences(struct s2n_connection *conn, const char *const *protocols, int protocol_count)
{
    ENSURE_REF(conn);
    return s2n_alpn_list_set(&conn->alpn_override, protocols, protocol_count);
}

S2N_API int s2n_set_server_name(struct s2n_connection *conn, const char *server_name)
{
    ENSURE_REF(conn);
    ENSURE_REF(server_name);
    ENSURE(conn->mode == S2N_CLIENT, S2N_ERR_CLIENT_MODE);
    size_t len = strlen(server_name);
    ENSURE(len <= 255, S2N_ERR_SERVER_NAME_TOO_LONG);
    char *copy = NULL;
    GUARD(s2n_strdup(&copy, server_name, (uint32_t) len));
    s2n_free(conn->server_name, conn->server_name_len + 1u);
    conn->server_name = copy;
    conn->server_name_len = (uint16_t) len;
    return S2N_SUCCESS;
}

S2N_API const char *s2n_get_server_name(struct s2n_connection *conn)
{
    ENSURE_REF_PTR(conn);
    return conn->server_name;
}

S2N_API const char *s2n_get_application_protocol(struct s2n_connection *conn)
{
    ENSURE_REF_PTR(conn);
    return conn->alpn;
}

S2N_API int s2n_connection_set_blinding(struct s2n_connection *conn, s2n_blinding blinding)
{
    ENSURE_REF(conn);
    ENSURE(blinding == S2N_BUILT_IN_BLINDING || blinding == S2N_SELF_SERVICE_BLINDING, S2N_ERR_INVALID_ARGUMENT);
    conn->blinding = (uint8_t) blinding;
    return S2N_SUCCESS;
}

S2N_API uint64_t s2n_connection_get_delay(struct s2n_connection *conn)
{
    if (conn == NULL) {
        S2N_ERROR_SET(S2N_ERR_NULL);
        return UINT64_MAX;
    }
    uint64_t now = s2n_now_ns();
    return conn->delay_until_ns > now ? conn->delay_until_ns - now : 0;
}

S2N_API int s2n_connection_prefer_throughput(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    conn->max_fragment = S2N_TLS_MAX_FRAGMENT;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_prefer_low_latency(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    conn->max_fragment = S2N_SMALL_FRAGMENT;
    return S2N_SUCCESS;
}

#define S2N_MAX_DYNAMIC_THRESHOLD (8u * 1024 * 1024)

S2N_API int s2n_connection_set_dynamic_record_threshold(struct s2n_connection *conn, uint32_t resize_threshold,
        uint16_t timeout_threshold)
{
    ENSURE_REF(conn);
    ENSURE(resize_threshold <= S2N_MAX_DYNAMIC_THRESHOLD, S2N_ERR_INVALID_DYNAMIC_THRESHOLD);
    conn->dynamic_threshold = resize_threshold;
    conn->dynamic_timeout = timeout_threshold;
    conn->dynamic_sent = 0;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_request_key_update(struct s2n_connection *conn, s2n_peer_key_update peer_request)
{
    ENSURE_REF(conn);
    ENSURE(peer_request == S2N_KEY_UPDATE_NOT_REQUESTED, S2N_ERR_INVALID_ARGUMENT);
    ENSURE(conn->actual_protocol_version >= S2N_TLS13, S2N_ERR_INVALID_STATE);
    conn->key_update_pending = 1;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_dynamic_buffers(struct s2n_connection *conn, bool enabled)
{
    ENSURE_REF(conn);
    conn->dynamic_buffers = enabled ? 1 : 0;
    s2n_connection_release_empty_buffers(conn);
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_set_recv_buffering(struct s2n_connection *conn, bool enabled)
{
    ENSURE_REF(conn);
    conn->recv_buffering = enabled ? 1 : 0;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_free_handshake(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    if (!conn->handshake_complete) {
        return S2N_SUCCESS;
    }
    s2n_connection_handshake_free(conn);
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_release_buffers(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    ENSURE(s2n_cursor_remaining(&conn->out) == 0, S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA);
    ENSURE(s2n_cursor_remaining(&conn->in) == 0 && !conn->in_record_ready, S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA);
    ENSURE(s2n_cursor_remaining(&conn->post_hs) == 0, S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA);
    s2n_cursor_free(&conn->in);
    s2n_cursor_free(&conn->out);
    s2n_cursor_free(&conn->post_hs);
    s2n_record_release_contexts(conn);
    return S2N_SUCCESS;
}
