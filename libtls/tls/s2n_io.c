/* Transport I/O: file descriptors or application callbacks. */
#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tls/s2n_record.h"
#include "utils/s2n_mem.h"

static int s2n_transport_recv(struct s2n_connection *conn, uint8_t *buf, uint32_t len)
{
    if (conn->managed_recv) {
        ssize_t r;
        do {
            r = read(conn->read_fd, buf, len);
        } while (r < 0 && errno == EINTR);
        return (int) r;
    }
    return conn->recv(conn->recv_ctx, buf, len);
}

static int s2n_transport_send(struct s2n_connection *conn, const uint8_t *buf, uint32_t len)
{
    if (conn->managed_send) {
        ssize_t r;
        do {
            r = write(conn->write_fd, buf, len);
        } while (r < 0 && errno == EINTR);
        return (int) r;
    }
    return conn->send(conn->send_ctx, buf, len);
}

/* One transport read into the unfilled part of @parts, of which @got bytes
 * are already in: a file descriptor takes every remaining piece in one
 * readv() (a record's ciphertext and its tail cost one system call, not
 * two); a callback is handed the current piece. */
static int s2n_transport_recv_parts(struct s2n_connection *conn, const struct iovec *parts, int count, uint32_t got)
{
    int i = 0;
    while (i < count && got >= parts[i].iov_len) {
        got -= (uint32_t) parts[i].iov_len;
        i++;
    }
    uint8_t *first = (uint8_t *) parts[i].iov_base + got;
    size_t first_len = parts[i].iov_len - got;
    if (!conn->managed_recv || i == count - 1) {
        return s2n_transport_recv(conn, first, (uint32_t) first_len);
    }
    struct iovec rest[S2N_IO_MAX_PARTS];
    int n = 0;
    rest[n++] = (struct iovec) { .iov_base = first, .iov_len = first_len };
    for (int j = i + 1; j < count; j++) {
        rest[n++] = parts[j];
    }
    ssize_t r;
    do {
        r = readv(conn->read_fd, rest, n);
    } while (r < 0 && errno == EINTR);
    return (int) r;
}

/* One transport read into @parts (@len bytes in all) after the @got bytes
 * already there; adds what arrived to *got.  Fails with S2N_ERR_IO_BLOCKED,
 * S2N_ERR_CLOSED (end of stream) or S2N_ERR_IO. */
static S2N_RESULT s2n_io_read_some(struct s2n_connection *conn, const struct iovec *parts, int count, uint32_t len,
        uint32_t *got)
{
    errno = 0;
    int r = s2n_transport_recv_parts(conn, parts, count, *got);
    if (r < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            conn->io_blocked = S2N_BLOCKED_ON_READ;
            BAIL(S2N_ERR_IO_BLOCKED);
        }
        BAIL(S2N_ERR_IO);
    }
    if (r == 0) {
        BAIL(S2N_ERR_CLOSED);
    }
    ENSURE((uint32_t) r <= len - *got, S2N_ERR_SAFETY);
    *got += (uint32_t) r;
    conn->wire_bytes_in += (uint32_t) r;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_io_read_parts(struct s2n_connection *conn, const struct iovec *parts, int count, uint32_t *got)
{
    ENSURE(conn->managed_recv || conn->recv, S2N_ERR_INVALID_STATE);
    ENSURE(count > 0 && count <= S2N_IO_MAX_PARTS, S2N_ERR_SAFETY);
    uint32_t len = 0;
    for (int i = 0; i < count; i++) {
        ENSURE(parts[i].iov_len <= UINT32_MAX - len, S2N_ERR_SAFETY);
        len += (uint32_t) parts[i].iov_len;
    }
    while (*got < len) {
        GUARD(s2n_io_read_some(conn, parts, count, len, got));
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_io_read_fully(struct s2n_connection *conn, uint8_t *dst, uint32_t len, uint32_t *got)
{
    const struct iovec part = { .iov_base = dst, .iov_len = len };
    return s2n_io_read_parts(conn, &part, 1, got);
}

/* Recv buffering: conn->in holds at least a whole record of the largest size
 * and every read asks for as much as fits, so one read may bring several
 * records (or a header and its record).  What is left of the last read moves
 * to the front of the buffer first: at most one partial record. */
static S2N_RESULT s2n_io_fill_buffered(struct s2n_connection *conn, uint32_t want)
{
    struct s2n_cursor *in = &conn->in;
    s2n_cursor_compact(in);
    const uint32_t size = S2N_MAX((uint32_t) S2N_TLS_MAX_RECORD, want);
    if (in->size < size) {
        GUARD(s2n_cursor_reserve_exact(in, size - in->wpos));
    }
    while (s2n_cursor_remaining(in) < want) {
        const struct iovec part = { .iov_base = in->data + in->wpos, .iov_len = in->size - in->wpos };
        uint32_t got = 0;
        int rc = s2n_io_read_some(conn, &part, 1, (uint32_t) part.iov_len, &got);
        in->wpos += got;
        GUARD(rc);
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_io_fill(struct s2n_connection *conn, uint32_t want)
{
    struct s2n_cursor *in = &conn->in;
    if (s2n_cursor_remaining(in) >= want) {
        return S2N_SUCCESS;
    }
    ENSURE(conn->managed_recv || conn->recv, S2N_ERR_INVALID_STATE);
    if (conn->recv_buffering) {
        return s2n_io_fill_buffered(conn, want);
    }
    if (in->rpos > 0 && s2n_cursor_remaining(in) == 0) {
        s2n_cursor_reset(in);
    }
    /* The input buffer holds one record: it grows to the size of the
     * largest record received so far, in 1 KiB steps (a small handshake
     * record does not cost a 16 KiB buffer), never past S2N_TLS_MAX_RECORD. */
    uint32_t total = in->wpos + (want - s2n_cursor_remaining(in));
    uint32_t rounded = S2N_MIN((total + 1023u) & ~1023u, (uint32_t) S2N_TLS_MAX_RECORD);
    GUARD(s2n_cursor_reserve_exact(in, S2N_MAX(rounded, total) - in->wpos));
    uint32_t got = 0;
    int rc = s2n_io_read_fully(conn, in->data + in->wpos, want - s2n_cursor_remaining(in), &got);
    in->wpos += got;
    return rc;
}

S2N_RESULT s2n_io_flush(struct s2n_connection *conn)
{
    struct s2n_cursor *out = &conn->out;
    while (s2n_cursor_remaining(out) > 0) {
        ENSURE(conn->managed_send || conn->send, S2N_ERR_INVALID_STATE);
        errno = 0;
        int w = s2n_transport_send(conn, s2n_cursor_read_ptr_unchecked(out), s2n_cursor_remaining(out));
        if (w < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                conn->io_blocked = S2N_BLOCKED_ON_WRITE;
                BAIL(S2N_ERR_IO_BLOCKED);
            }
            BAIL(S2N_ERR_IO);
        }
        ENSURE((uint32_t) w <= s2n_cursor_remaining(out), S2N_ERR_SAFETY);
        if (w == 0) {
            conn->io_blocked = S2N_BLOCKED_ON_WRITE;
            BAIL(S2N_ERR_IO_BLOCKED);
        }
        out->rpos += (uint32_t) w;
        conn->wire_bytes_out += (uint32_t) w;
    }
    s2n_cursor_reset(out);
    return S2N_SUCCESS;
}
