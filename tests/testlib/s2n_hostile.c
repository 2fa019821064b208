/* Machinery shared by the hostile-peer tests: cases bounded in time, raw
 * sockets, driving our connections, splitting records, and a relay between
 * a real client and server (see s2n_hostile.h). */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <unistd.h>

#include "s2n_hostile.h"
#include "tls/s2n_connection.h"
#include "utils/s2n_errors.h"

#define CASE_TIMEOUT_SECONDS 60

static char current_case[200];
static int case_count;

/* ---- cases ---------------------------------------------------------------- */

static void on_alarm(int sig)
{
    (void) sig;
    static const char msg[] = "Bail out! a bad-input case hung: ";
    ssize_t rc = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
    rc = write(STDOUT_FILENO, current_case, strlen(current_case));
    rc = write(STDOUT_FILENO, "\n", 1);
    (void) rc;
    _exit(2);
}

void hostile_init(void)
{
    signal(SIGALRM, on_alarm);
    signal(SIGPIPE, SIG_IGN);
}

void hostile_case_begin(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(current_case, sizeof(current_case), fmt, ap);
    va_end(ap);
    case_count++;
    if (getenv("S2N_TEST_LIST_CASES")) {
        printf("# case %d: %s\n", case_count, current_case);
    }
    alarm(CASE_TIMEOUT_SECONDS);
}

void hostile_case_end(void)
{
    alarm(0);
}

int hostile_case_count(void)
{
    return case_count;
}

void hostile_check(int ok, const char *file, int line, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    s2n_test_reportf(ok, file, line, "[%s] %s", current_case, msg);
}

const char *hostile_drive_name(int rc)
{
    return rc == DRIVE_OK ? "success" : rc == DRIVE_BLOCKED ? "blocked" : "failure";
}

void hostile_hex(const uint8_t *p, size_t n, char *out, size_t cap)
{
    size_t pos = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && pos + 3 < cap; i++) {
        pos += (size_t) snprintf(out + pos, cap - pos, "%02x", p[i]);
    }
}

uint16_t hostile_get16(const uint8_t *p)
{
    return (uint16_t) (p[0] << 8 | p[1]);
}

void hostile_put16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t) (v >> 8);
    p[1] = (uint8_t) v;
}

void hostile_put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t) (v >> 16);
    p[1] = (uint8_t) (v >> 8);
    p[2] = (uint8_t) v;
}

size_t hostile_hs_record_header(uint8_t *out, uint8_t minor, uint8_t hs_type, size_t body_len)
{
    out[0] = S2N_CT_HANDSHAKE;
    out[1] = 3;
    out[2] = minor;
    hostile_put16(out + 3, body_len + 4);
    out[5] = hs_type;
    hostile_put24(out + 6, body_len);
    return 9 + body_len;
}

/* ---- sockets ---------------------------------------------------------------- */

void hostile_set_nonblocking(int fd)
{
    REQUIRE(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0);
}

void hostile_peer_write(int fd, const uint8_t *p, size_t n)
{
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, p + off, n - off);
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pfd = { fd, POLLOUT, 0 };
            REQUIRE(poll(&pfd, 1, 2000) == 1);
            continue;
        }
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return; /* the other side is gone: what it did before is what counts */
        }
        off += (size_t) w;
    }
}

size_t hostile_peer_read(int fd, uint8_t *buf, size_t cap, int ms)
{
    size_t n = 0;
    struct pollfd pfd = { fd, POLLIN, 0 };
    if (poll(&pfd, 1, ms) <= 0) {
        return 0;
    }
    while (n < cap) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break;
        }
        n += (size_t) r;
    }
    return n;
}

void hostile_expect_wire_empty(int fd, const char *why)
{
    uint8_t buf[WIRE_MAX];
    size_t n = hostile_peer_read(fd, buf, sizeof(buf), 20);
    char h[80];
    hostile_hex(buf, n < 24 ? n : 24, h, sizeof(h));
    CHECK(n == 0, "nothing on the wire (%s); got %zu bytes: %s", why, n, h);
}

static void socket_pair(int fds[2])
{
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    hostile_set_nonblocking(fds[0]);
    hostile_set_nonblocking(fds[1]);
}

/* A connection with @config on @fd (a client asks for "localhost"). */
static struct s2n_connection *connection_on(s2n_mode mode, struct s2n_config *config, int fd)
{
    struct s2n_connection *conn = s2n_connection_new(mode);
    REQUIRE(conn != NULL);
    REQUIRE(s2n_connection_set_config(conn, config) == 0);
    REQUIRE(s2n_connection_set_fd(conn, fd) == 0);
    if (mode == S2N_CLIENT) {
        REQUIRE(s2n_set_server_name(conn, "localhost") == 0);
    }
    return conn;
}

void hostile_side_new(struct hostile_side *s, s2n_mode mode, struct s2n_config *config,
        const struct s2n_security_policy *policy)
{
    int fds[2];
    socket_pair(fds);
    s->fd = fds[0];
    s->peer = fds[1];
    s->conn = connection_on(mode, config, s->fd);
    s->conn->policy_override = policy;
}

void hostile_side_free(struct hostile_side *s)
{
    REQUIRE(s2n_connection_free(s->conn) == 0);
    close(s->fd);
    close(s->peer);
    memset(s, 0, sizeof(*s));
}

/* ---- driving our connections ------------------------------------------------- */

int hostile_drive(struct s2n_connection *conn, int fd, int *err)
{
    *err = 0;
    for (int i = 0; i < 1000; i++) {
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        s2n_errno = 0;
        if (s2n_negotiate(conn, &blocked) == 0) {
            return DRIVE_OK;
        }
        int e = s2n_errno;
        if (s2n_error_get_type(e) != S2N_ERR_T_BLOCKED) {
            *err = e;
            return DRIVE_FAILED;
        }
        if (blocked != S2N_BLOCKED_ON_READ && blocked != S2N_BLOCKED_ON_WRITE) {
            CHECK(0, "a blocked s2n_negotiate sets *blocked (got %d)", (int) blocked);
        }
        struct pollfd pfd = { fd, blocked == S2N_BLOCKED_ON_WRITE ? POLLOUT : POLLIN, 0 };
        if (poll(&pfd, 1, WAIT_MS) <= 0) {
            *err = e;
            return DRIVE_BLOCKED;
        }
    }
    *err = S2N_ERR_IO_BLOCKED;
    return DRIVE_BLOCKED;
}

int hostile_drive_recv(struct s2n_connection *conn, int fd, int *err, ssize_t *got, uint8_t *out, size_t cap)
{
    uint8_t buf[S2N_TLS_MAX_FRAGMENT];
    *err = 0;
    *got = 0;
    for (int i = 0; i < 1000; i++) {
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        s2n_errno = 0;
        ssize_t r = s2n_recv(conn, buf, sizeof(buf), &blocked);
        if (r >= 0) {
            *got = r;
            if (out && r > 0) {
                memcpy(out, buf, (size_t) r < cap ? (size_t) r : cap);
            }
            return DRIVE_OK;
        }
        int e = s2n_errno;
        if (s2n_error_get_type(e) != S2N_ERR_T_BLOCKED) {
            *err = e;
            return DRIVE_FAILED;
        }
        struct pollfd pfd = { fd, POLLIN, 0 };
        if (poll(&pfd, 1, WAIT_MS) <= 0) {
            *err = e;
            return DRIVE_BLOCKED;
        }
    }
    *err = S2N_ERR_IO_BLOCKED;
    return DRIVE_BLOCKED;
}

void hostile_expect_failure(const char *who, int rc, int err, int expected)
{
    CHECK(rc == DRIVE_FAILED && err == expected && s2n_error_get_type(err) != S2N_ERR_T_BLOCKED,
            "%s%sfails with %s (got %s, %s)", who ? who : "", who ? " " : "", s2n_strerror_name(expected),
            hostile_drive_name(rc), s2n_strerror_name(err));
}

void hostile_expect_no_alert_received(const char *who, struct s2n_connection *conn)
{
    s2n_errno = 0;
    int a = s2n_connection_get_alert(conn);
    CHECK(a == -1 && s2n_errno == S2N_ERR_NO_ALERT, "%s received no alert (got %d)", who ? who : "our side", a);
}

/* ---- records ------------------------------------------------------------------ */

int hostile_split_records(const uint8_t *buf, size_t n, struct hostile_rec *out, int max, size_t *leftover)
{
    int k = 0;
    size_t off = 0;
    while (off + 5 <= n && k < max) {
        uint16_t len = hostile_get16(buf + off + 3);
        if (off + 5 + len > n) {
            break;
        }
        out[k].type = buf[off];
        out[k].len = len;
        out[k].raw = buf + off;
        k++;
        off += 5 + len;
    }
    if (leftover) {
        *leftover = n - off;
    }
    return k;
}

size_t hostile_capture_client_hello(struct hostile_side *s, uint8_t *body, size_t cap)
{
    int err = 0;
    int rc = hostile_drive(s->conn, s->fd, &err);
    CHECK(rc == DRIVE_BLOCKED, "client waits for the ServerHello (%s)", hostile_drive_name(rc));
    uint8_t buf[WIRE_MAX];
    size_t n = hostile_peer_read(s->peer, buf, sizeof(buf), WAIT_MS);
    struct hostile_rec r[4];
    int k = hostile_split_records(buf, n, r, 4, NULL);
    REQUIRE(k == 1 && r[0].type == S2N_CT_HANDSHAKE && r[0].raw[5] == S2N_HS_CLIENT_HELLO && r[0].len - 4u <= cap);
    memcpy(body, r[0].raw + 9, r[0].len - 4u);
    return r[0].len - 4u;
}

/* ---- the relay ------------------------------------------------------------------ */

struct hostile_relay *hostile_relay_new(struct s2n_config *client_config, struct s2n_config *server_config)
{
    struct hostile_relay *r = calloc(1, sizeof(*r));
    REQUIRE(r != NULL);
    int a[2], b[2];
    socket_pair(a);
    socket_pair(b);
    r->cfd = a[0];
    r->cpeer = a[1];
    r->sfd = b[0];
    r->speer = b[1];
    r->client = connection_on(S2N_CLIENT, client_config, r->cfd);
    r->server = connection_on(S2N_SERVER, server_config, r->sfd);
    return r;
}

void hostile_relay_free(struct hostile_relay *r)
{
    REQUIRE(s2n_connection_free(r->client) == 0);
    REQUIRE(s2n_connection_free(r->server) == 0);
    close(r->cfd);
    close(r->cpeer);
    close(r->sfd);
    close(r->speer);
    free(r);
}

static size_t deliver(struct hostile_relay *r, int from_server, int out, const uint8_t *rec, size_t len)
{
    memcpy(r->last[from_server], rec, len);
    r->last_len[from_server] = len;
    hostile_peer_write(out, rec, len);
    return len;
}

size_t hostile_relay_pump(struct hostile_relay *r, int from_server)
{
    int in = from_server ? r->speer : r->cpeer;
    int out = from_server ? r->cpeer : r->speer;
    uint8_t *p = r->pending[from_server];
    size_t *len = &r->pending_len[from_server];
    size_t moved = 0;
    *len += hostile_peer_read(in, p + *len, WIRE_MAX - *len, 0);
    static uint8_t rec[WIRE_MAX];
    while (*len >= 5) {
        size_t rl = 5u + hostile_get16(p + 3);
        if (*len < rl) {
            break;
        }
        memcpy(rec, p, rl);
        memmove(p, p + rl, *len - rl);
        *len -= rl;
        r->count[from_server]++;
        if (!from_server && r->client_hello_len == 0 && rec[0] == S2N_CT_HANDSHAKE && rec[5] == S2N_HS_CLIENT_HELLO) {
            memcpy(r->client_hello, rec + 5, rl - 5);
            r->client_hello_len = rl - 5;
        }
        int action = r->edit ? r->edit(r, from_server, rec, &rl) : RELAY_FORWARD;
        if (rec[0] == S2N_CT_CHANGE_CIPHER_SPEC) {
            r->after_ccs[from_server] = 1;
        }
        if (action == RELAY_DROP) {
            continue;
        }
        if (action == RELAY_HOLD) {
            memcpy(r->held, rec, rl);
            r->held_len = rl;
            r->held_from_server = from_server;
            continue;
        }
        moved += deliver(r, from_server, out, rec, rl);
        if (action == RELAY_REPLAY) {
            moved += deliver(r, from_server, out, rec, rl);
        }
        if (r->held_len && r->held_from_server == from_server) {
            moved += deliver(r, from_server, out, r->held, r->held_len);
            r->held_len = 0;
        }
    }
    return moved;
}

/* One non-blocking s2n_negotiate; returns 1 when the side finished or failed. */
static int step(struct s2n_connection *conn, int *rc, int *err)
{
    if (*rc != DRIVE_BLOCKED) {
        return 0;
    }
    s2n_blocked_status blocked;
    s2n_errno = 0;
    if (s2n_negotiate(conn, &blocked) == 0) {
        *rc = DRIVE_OK;
        return 1;
    }
    if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
        *rc = DRIVE_FAILED;
        *err = s2n_errno;
        return 1;
    }
    return 0;
}

void hostile_relay_handshake(struct hostile_relay *r, struct hostile_relay_result *res)
{
    res->rc[0] = res->rc[1] = DRIVE_BLOCKED;
    res->err[0] = res->err[1] = 0;
    for (int round = 0; round < 100; round++) {
        size_t progress = 0;
        progress += (size_t) step(r->client, &res->rc[0], &res->err[0]);
        progress += hostile_relay_pump(r, 0);
        progress += (size_t) step(r->server, &res->rc[1], &res->err[1]);
        progress += hostile_relay_pump(r, 1);
        if (progress == 0) {
            break;
        }
    }
}

struct hostile_relay *hostile_relay_establish(struct hostile_relay *r)
{
    struct hostile_relay_result res;
    hostile_relay_handshake(r, &res);
    REQUIRE(res.rc[0] == DRIVE_OK && res.rc[1] == DRIVE_OK);
    return r;
}

void hostile_relay_expect_completed(const struct hostile_relay_result *res)
{
    CHECK(res->rc[0] == DRIVE_OK && res->rc[1] == DRIVE_OK, "both sides complete (client %s %s, server %s %s)",
            hostile_drive_name(res->rc[0]), s2n_strerror_name(res->err[0]), hostile_drive_name(res->rc[1]),
            s2n_strerror_name(res->err[1]));
}

int hostile_relay_settle(struct hostile_relay *r, int server, int rc, int *err)
{
    struct s2n_connection *conn = server ? r->server : r->client;
    int fd = server ? r->sfd : r->cfd;
    ssize_t got = 0;
    if (rc == DRIVE_FAILED) {
        return rc;
    }
    if (rc == DRIVE_OK) {
        return hostile_drive_recv(conn, fd, err, &got, NULL, 0);
    }
    return hostile_drive(conn, fd, err);
}

static const char *side_name(int server)
{
    return server ? "server" : "client";
}

/* How both handshakes came out (NULL: both completed). */
static const struct hostile_relay_result *result_or_done(const struct hostile_relay_result *res)
{
    static const struct hostile_relay_result done = { { DRIVE_OK, DRIVE_OK }, { 0, 0 } };
    return res ? res : &done;
}

void hostile_relay_victim_fails(struct hostile_relay *r, const struct hostile_relay_result *res, int victim, int err)
{
    res = result_or_done(res);
    CHECK(r->edited, "the relay edited a record");
    int verr = res->err[victim];
    int vrc = hostile_relay_settle(r, victim, res->rc[victim], &verr);
    hostile_expect_failure(side_name(victim), vrc, verr, err);
    hostile_expect_no_alert_received(side_name(victim), victim ? r->server : r->client);
    hostile_relay_pump(r, victim);
}

void hostile_relay_other_fails(struct hostile_relay *r, const struct hostile_relay_result *res, int victim, int err, int alert)
{
    res = result_or_done(res);
    int oerr = res->err[!victim];
    int orc = hostile_relay_settle(r, !victim, res->rc[!victim], &oerr);
    int a = s2n_connection_get_alert(victim ? r->client : r->server);
    CHECK(orc == DRIVE_FAILED && oerr == err && a == alert, "the %s then fails with %s, alert %d (got %s %s, alert %d)",
            side_name(!victim), s2n_strerror_name(err), alert, hostile_drive_name(orc), s2n_strerror_name(oerr), a);
}

int hostile_relay_exchange(struct hostile_relay *r, int from_server, const char *text)
{
    struct s2n_connection *sender = from_server ? r->server : r->client;
    struct s2n_connection *receiver = from_server ? r->client : r->server;
    int fd = from_server ? r->cfd : r->sfd;
    s2n_blocked_status blocked;
    ssize_t n = (ssize_t) strlen(text);
    if (s2n_send(sender, text, n, &blocked) != n) {
        return -1;
    }
    hostile_relay_pump(r, from_server);
    uint8_t got[256];
    ssize_t len = 0;
    int err = 0;
    int rc = hostile_drive_recv(receiver, fd, &err, &len, got, sizeof(got));
    return rc == DRIVE_OK && len == n && memcmp(got, text, (size_t) n) == 0 ? 0 : -1;
}
