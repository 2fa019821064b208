/* Public I/O: s2n_negotiate, s2n_send*, s2n_recv, s2n_peek*, s2n_shutdown*.
 * Blocking rules follow API.md 7.2, closing rules 7.3. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <time.h>

#include "api/s2n_api.h"
#include "tls/s2n_handshake.h"

/* Records under one key before TLS 1.3 keys are updated automatically;
 * well below the AES-GCM limit of 2^24.5 full-size records (RFC 8446 5.5). */
#define S2N_KEY_UPDATE_RECORD_LIMIT (1ull << 24)

static int s2n_error_is_benign(int err)
{
    return err == S2N_ERR_CLOSED || err == S2N_ERR_CANCELLED || err == S2N_ERR_CIPHER_NOT_SUPPORTED
            || err == S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED;
}

/* After a failed call: blocked calls just report the direction; anything
 * else closes the connection, sends the alert the error calls for and
 * applies blinding.  Returns -1 with s2n_errno and errno preserved. */
static int s2n_call_failed(struct s2n_connection *conn, s2n_blocked_status *blocked)
{
    int err = s2n_errno;
    if (s2n_error_get_type(err) == S2N_ERR_T_BLOCKED) {
        *blocked = conn->io_blocked ? (s2n_blocked_status) conn->io_blocked : S2N_BLOCKED_ON_READ;
        return S2N_FAILURE;
    }
    *blocked = S2N_NOT_BLOCKED;
    s2n_connection_fail(conn, err);
    uint32_t max = conn->config->max_blinding_seconds;
    if (max > 0 && !s2n_error_is_benign(err)) {
        /* A random delay between a third of the maximum and the maximum. */
        struct s2n_error_state saved;
        int saved_errno = errno;
        s2n_error_save(&saved);
        uint64_t max_ns = (uint64_t) max * 1000000000ull, min_ns = max_ns / 3, extra = 0;
        if (s2n_random_below(max_ns - min_ns + 1, &extra) < 0) {
            extra = 0;
        }
        uint64_t delay = min_ns + extra;
        if (conn->blinding == S2N_SELF_SERVICE_BLINDING) {
            conn->delay_until_ns = s2n_now_ns() + delay;
        } else {
            struct timespec ts = { (time_t) (delay / 1000000000ull), (long) (delay % 1000000000ull) };
            while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
            }
        }
        s2n_error_restore(&saved);
        errno = saved_errno;
    }
    return S2N_FAILURE;
}

S2N_API int s2n_negotiate(struct s2n_connection *conn, s2n_blocked_status *blocked)
{
    ENSURE_REF(conn);
    ENSURE_REF(blocked);
    *blocked = S2N_NOT_BLOCKED;
    ENSURE(!conn->in_negotiate, S2N_ERR_REENTRANCY);
    if (conn->handshake_complete) {
        return S2N_SUCCESS;
    }
    ENSURE(!conn->read_closed && !conn->write_closed, S2N_ERR_CLOSED);
    s2n_errno = S2N_ERR_OK;
    errno = 0;
    GUARD(s2n_connection_handshake_alloc(conn));

    conn->in_negotiate = 1;
    int rc = s2n_handshake_negotiate(conn);
    conn->in_negotiate = 0;
    if (rc < 0) {
        return s2n_call_failed(conn, blocked);
    }
    s2n_connection_release_empty_buffers(conn);
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_send_records(struct s2n_connection *conn, const struct iovec *bufs, ssize_t count, size_t offs,
        size_t total, ssize_t *written_out)
{
    ENSURE(total >= conn->send_queued, S2N_ERR_SEND_SIZE);
    GUARD(s2n_io_flush(conn));
    size_t written = conn->send_queued;
    conn->send_queued = 0;
    *written_out = (ssize_t) written;

    /* Walk the iovecs from offs + written. */
    ssize_t vi = 0;
    size_t skip = offs + written;
    while (vi < count && skip >= bufs[vi].iov_len) {
        skip -= bufs[vi].iov_len;
        vi++;
    }
    uint8_t record[S2N_TLS_MAX_FRAGMENT];
    if (conn->dynamic_threshold) {
        /* Dynamic record sizes: after an idle period the connection starts
         * over with small records (a slow start of its own). */
        uint64_t now = s2n_now_ns();
        if (conn->dynamic_timeout && conn->last_write_ns
                && now - conn->last_write_ns >= (uint64_t) conn->dynamic_timeout * 1000000000ull) {
            conn->dynamic_sent = 0;
        }
        conn->last_write_ns = now;
    }
    while (written < total) {
        if (!conn->write_keys.tls12 && (conn->key_update_pending || conn->write_keys.seq >= S2N_KEY_UPDATE_RECORD_LIMIT)) {
            GUARD(s2n_key_update_send(conn));
        }
        size_t fragment = conn->max_fragment;
        if (conn->dynamic_sent < conn->dynamic_threshold) {
            fragment = S2N_MIN(fragment, (size_t) S2N_SMALL_FRAGMENT);
        }
        size_t chunk = S2N_MIN(total - written, fragment);
        const uint8_t *data;
        if (vi < count && bufs[vi].iov_len - skip >= chunk) {
            data = (const uint8_t *) bufs[vi].iov_base + skip;
            skip += chunk;
        } else {
            /* Gather a record that spans iovecs. */
            size_t got = 0;
            while (got < chunk) {
                ENSURE(vi < count, S2N_ERR_SAFETY);
                size_t n = S2N_MIN(chunk - got, bufs[vi].iov_len - skip);
                memcpy(record + got, (const uint8_t *) bufs[vi].iov_base + skip, n);
                got += n;
                skip += n;
                if (skip == bufs[vi].iov_len) {
                    vi++;
                    skip = 0;
                }
            }
            data = record;
        }
        if (vi < count && skip == bufs[vi].iov_len) {
            vi++;
            skip = 0;
        }
        GUARD(s2n_record_write(conn, S2N_CT_APPLICATION_DATA, data, (uint32_t) chunk));
        conn->send_queued = (uint32_t) chunk;
        GUARD(s2n_io_flush(conn));
        conn->send_queued = 0;
        written += chunk;
        if (conn->dynamic_sent < conn->dynamic_threshold) {
            conn->dynamic_sent += (uint32_t) chunk;
        }
        *written_out = (ssize_t) written;
    }
    return S2N_SUCCESS;
}

S2N_API ssize_t s2n_sendv_with_offset(struct s2n_connection *conn, const struct iovec *bufs, ssize_t count, ssize_t offs,
        s2n_blocked_status *blocked)
{
    ENSURE_REF(conn);
    ENSURE_REF(blocked);
    *blocked = S2N_BLOCKED_ON_WRITE;
    ENSURE(count >= 0 && offs >= 0, S2N_ERR_INVALID_ARGUMENT);
    ENSURE(bufs != NULL || count == 0, S2N_ERR_NULL);
    ENSURE(!conn->in_send, S2N_ERR_REENTRANCY);
    ENSURE(conn->handshake_complete, S2N_ERR_INVALID_STATE);
    ENSURE(!conn->write_closed, S2N_ERR_CLOSED);

    size_t total = 0;
    for (ssize_t i = 0; i < count; i++) {
        ENSURE(bufs[i].iov_base != NULL || bufs[i].iov_len == 0, S2N_ERR_NULL);
        total += bufs[i].iov_len;
    }
    ENSURE((size_t) offs <= total, S2N_ERR_INVALID_ARGUMENT);
    total -= (size_t) offs;
    ENSURE(total <= SSIZE_MAX, S2N_ERR_INVALID_ARGUMENT);

    conn->in_send = 1;
    ssize_t written = 0;
    int rc = s2n_send_records(conn, bufs, count, (size_t) offs, total, &written);
    conn->in_send = 0;
    if (rc < 0) {
        if (s2n_errno == S2N_ERR_IO_BLOCKED && written > 0) {
            return written; /* part was sent; the queued record stays */
        }
        return s2n_call_failed(conn, blocked);
    }
    *blocked = S2N_NOT_BLOCKED;
    s2n_connection_release_empty_buffers(conn);
    return written;
}

S2N_API ssize_t s2n_sendv(struct s2n_connection *conn, const struct iovec *bufs, ssize_t count, s2n_blocked_status *blocked)
{
    return s2n_sendv_with_offset(conn, bufs, count, 0, blocked);
}

S2N_API ssize_t s2n_send(struct s2n_connection *conn, const void *buf, ssize_t size, s2n_blocked_status *blocked)
{
    ENSURE(size >= 0, S2N_ERR_INVALID_ARGUMENT);
    ENSURE(buf != NULL || size == 0, S2N_ERR_NULL);
    struct iovec iov = { .iov_base = (void *) (uintptr_t) buf, .iov_len = (size_t) size };
    return s2n_sendv_with_offset(conn, &iov, 1, 0, blocked);
}

/* Copy decrypted application data out of the current record. */
static size_t s2n_recv_copy(struct s2n_connection *conn, uint8_t *out, size_t size)
{
    size_t avail = conn->in_plain_end - conn->in_plain_start;
    size_t n = S2N_MIN(avail, size);
    memcpy(out, conn->in.data + conn->in_plain_start, n);
    conn->in_plain_start += (uint32_t) n;
    if (conn->in_plain_start == conn->in_plain_end) {
        s2n_record_consumed(conn);
    }
    return n;
}

static S2N_RESULT s2n_recv_records(struct s2n_connection *conn, uint8_t *buf, size_t size, size_t *copied)
{
    for (;;) {
        if (conn->in_record_ready && conn->in_content_type == S2N_CT_APPLICATION_DATA) {
            *copied += s2n_recv_copy(conn, buf + *copied, size - *copied);
            if (*copied > 0 || size == 0) {
                return S2N_SUCCESS; /* one record per call */
            }
            continue;
        }
        /* Decrypt straight into the caller's buffer when it can, unless a
         * post-handshake message is half-read (data may not interleave). */
        uint32_t direct = UINT32_MAX;
        int can_direct = s2n_cursor_remaining(&conn->post_hs) == 0 && size > *copied;
        GUARD(s2n_record_read_into(conn, can_direct ? buf + *copied : NULL,
                (uint32_t) S2N_MIN(size - *copied, (size_t) UINT32_MAX), can_direct ? &direct : NULL));
        if (direct != UINT32_MAX) {
            *copied += direct;
            if (*copied > 0) {
                return S2N_SUCCESS; /* one record per call */
            }
            continue;
        }
        const uint8_t *data = conn->in.data + conn->in_plain_start;
        uint32_t len = conn->in_plain_end - conn->in_plain_start;
        switch (conn->in_content_type) {
            case S2N_CT_APPLICATION_DATA:
                /* A post-handshake message may not be interleaved with data (RFC 8446 5.1). */
                ENSURE(s2n_cursor_remaining(&conn->post_hs) == 0, S2N_ERR_UNEXPECTED_MESSAGE);
                if (len == 0) {
                    s2n_record_consumed(conn);
                }
                break;
            case S2N_CT_HANDSHAKE: {
                int rc = s2n_post_handshake_recv(conn, data, len);
                s2n_record_consumed(conn);
                GUARD(rc);
                break;
            }
            case S2N_CT_ALERT: {
                int rc = s2n_alert_process(conn, data, len);
                s2n_record_consumed(conn);
                GUARD(rc);
                if (conn->close_notify_received) {
                    return S2N_SUCCESS;
                }
                break;
            }
            default:
                BAIL(S2N_ERR_UNEXPECTED_MESSAGE);
        }
    }
}

S2N_API ssize_t s2n_recv(struct s2n_connection *conn, void *buf, ssize_t size, s2n_blocked_status *blocked)
{
    ENSURE_REF(conn);
    ENSURE_REF(blocked);
    *blocked = S2N_BLOCKED_ON_READ;
    ENSURE(size >= 0, S2N_ERR_INVALID_ARGUMENT);
    ENSURE(buf != NULL || size == 0, S2N_ERR_NULL);
    ENSURE(!conn->in_recv, S2N_ERR_REENTRANCY);
    ENSURE(conn->handshake_complete, S2N_ERR_INVALID_STATE);
    if (conn->close_notify_received) {
        *blocked = S2N_NOT_BLOCKED;
        return 0;
    }
    ENSURE(!conn->read_closed, S2N_ERR_CLOSED);

    conn->in_recv = 1;
    size_t copied = 0;
    int rc = s2n_recv_records(conn, buf, (size_t) size, &copied);
    conn->in_recv = 0;
    if (rc < 0) {
        if (copied > 0) {
            return (ssize_t) copied;
        }
        return s2n_call_failed(conn, blocked);
    }
    if (s2n_peek(conn) == 0) {
        *blocked = S2N_NOT_BLOCKED;
        s2n_connection_release_empty_buffers(conn);
    }
    return (ssize_t) copied;
}

S2N_API uint32_t s2n_peek(struct s2n_connection *conn)
{
    if (conn == NULL || !conn->in_record_ready || conn->in_content_type != S2N_CT_APPLICATION_DATA) {
        return 0;
    }
    return conn->in_plain_end - conn->in_plain_start;
}

S2N_API uint32_t s2n_peek_buffered(struct s2n_connection *conn)
{
    return conn == NULL ? 0 : s2n_cursor_remaining(&conn->in);
}

static S2N_RESULT s2n_shutdown_check_delay(struct s2n_connection *conn)
{
    ENSURE(conn->delay_until_ns == 0 || s2n_now_ns() >= conn->delay_until_ns, S2N_ERR_SHUTDOWN_PAUSED);
    return S2N_SUCCESS;
}

S2N_API int s2n_shutdown_send(struct s2n_connection *conn, s2n_blocked_status *blocked)
{
    ENSURE_REF(conn);
    ENSURE_REF(blocked);
    *blocked = S2N_NOT_BLOCKED;
    GUARD(s2n_shutdown_check_delay(conn));
    if (!conn->managed_send && conn->send == NULL) {
        return S2N_SUCCESS; /* a wiped connection */
    }
    if (!conn->alert_sent && conn->alert_received < 0) {
        GUARD(s2n_alert_queue(conn, 1, S2N_ALERT_CLOSE_NOTIFY));
    }
    conn->write_closed = 1;
    if (s2n_io_flush(conn) < 0) {
        *blocked = S2N_BLOCKED_ON_WRITE;
        return S2N_FAILURE;
    }
    return S2N_SUCCESS;
}

S2N_API int s2n_shutdown(struct s2n_connection *conn, s2n_blocked_status *blocked)
{
    GUARD(s2n_shutdown_send(conn, blocked));
    if (!conn->handshake_complete || conn->close_notify_received || conn->alert_received >= 0
            || (conn->alert_sent && !conn->close_notify_sent) || conn->delay_until_ns) {
        return S2N_SUCCESS;
    }
    /* Read and discard until the peer's close_notify. */
    while (!conn->close_notify_received) {
        if (s2n_record_read(conn) < 0) {
            if (s2n_errno == S2N_ERR_IO_BLOCKED) {
                *blocked = S2N_BLOCKED_ON_READ;
            }
            return S2N_FAILURE;
        }
        const uint8_t *data = conn->in.data + conn->in_plain_start;
        uint32_t len = conn->in_plain_end - conn->in_plain_start;
        int rc = S2N_SUCCESS;
        if (conn->in_content_type == S2N_CT_ALERT) {
            rc = s2n_alert_process(conn, data, len);
        }
        s2n_record_consumed(conn);
        GUARD(rc);
    }
    return S2N_SUCCESS;
}
