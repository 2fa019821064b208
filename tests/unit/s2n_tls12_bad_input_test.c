/* Bad input from a scripted or tampering peer, against our TLS 1.2 client
 * and server: the TLS 1.3 downgrade sentinel in a TLS 1.2 ServerHello,
 * ServerKeyExchange with a bad signature or a bad point (re-signed with the
 * server's own key, so the point check itself is reached), ClientKeyExchange
 * with a point not on the curve, short, long and wrong Finished messages,
 * bit-flipped records after the ChangeCipherSpec and after the handshake,
 * renegotiation attempts in both directions, and ClientHellos that offer
 * only suites or versions we do not implement.
 *
 * Every failing case must end with s2n_negotiate/s2n_recv returning -1 with
 * the expected s2n_errno (never a BLOCKED one), with the expected fatal alert
 * as the last record our side put on the wire (read back in plaintext, or
 * decrypted with the sender's own TLS 1.2 keys), and with the peer receiving
 * that alert; in bounded time (non-blocking sockets, poll timeouts and an
 * alarm per case), without a crash or a leak.
 *
 * Scripted peers work on raw bytes over a socketpair.  Tampering uses a relay
 * between our real client and server that can rewrite any record: plaintext
 * handshake messages are edited with their lengths fixed up; protected
 * records are opened and resealed with the keys the sender installed
 * (borrowed from the connection under test). */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <unistd.h>

#include "s2n_testlib.h"
#include "tls/s2n_handshake.h"

#define CASE_TIMEOUT_SECONDS 60
#define WAIT_MS 100 /* how long a side may wait for input before we call it blocked */
#define WIRE_MAX 70000

enum { DRIVE_OK = 0, DRIVE_FAILED = -1, DRIVE_BLOCKED = 1 };

static struct s2n_config *ecdsa_server_config, *rsa_server_config;
static struct s2n_config *ecdsa_client_config, *rsa_client_config;
static struct s2n_cert_chain_and_key *ecdsa_chain, *rsa_chain;
static const struct s2n_security_policy *policy_tls12_only; /* "20240501" */
static char current_case[200];
static int case_count;

static const uint8_t tls11_sentinel[8] = { 0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00 };

/* ---- reporting and time bounds ------------------------------------------ */

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

static void case_begin(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void case_begin(const char *fmt, ...)
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

static void case_end(void)
{
    alarm(0);
}

static void case_check(int ok, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void case_check(int ok, int line, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    s2n_test_reportf(ok, __FILE__, line, "[%s] %s", current_case, msg);
}
#define CHECK(cond, ...) case_check(!!(cond), __LINE__, __VA_ARGS__)

static const char *drive_name(int rc)
{
    return rc == DRIVE_OK ? "success" : rc == DRIVE_BLOCKED ? "blocked" : "failure";
}

static void hex(const uint8_t *p, size_t n, char *out, size_t cap)
{
    size_t pos = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && pos + 3 < cap; i++) {
        pos += (size_t) snprintf(out + pos, cap - pos, "%02x", p[i]);
    }
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t) (p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t) (v >> 8);
    p[1] = (uint8_t) v;
}

static void put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t) (v >> 16);
    p[1] = (uint8_t) (v >> 8);
    p[2] = (uint8_t) v;
}

/* ---- sockets ----------------------------------------------------------------- */

static void set_nonblocking(int fd)
{
    REQUIRE(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0);
}

static void peer_write(int fd, const uint8_t *p, size_t n)
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

/* Everything readable now (waiting up to @ms for the first byte). */
static size_t peer_read(int fd, uint8_t *buf, size_t cap, int ms)
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

/* s2n_negotiate until it completes, fails, or waits WAIT_MS for input in vain. */
static int drive(struct s2n_connection *conn, int fd, int *err)
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
        struct pollfd pfd = { fd, blocked == S2N_BLOCKED_ON_WRITE ? POLLOUT : POLLIN, 0 };
        if (poll(&pfd, 1, WAIT_MS) <= 0) {
            *err = e;
            return DRIVE_BLOCKED;
        }
    }
    *err = S2N_ERR_IO_BLOCKED;
    return DRIVE_BLOCKED;
}

/* s2n_recv until data arrives, it fails, or it waits WAIT_MS in vain. */
static int drive_recv(struct s2n_connection *conn, int fd, int *err, ssize_t *got, uint8_t *out, size_t cap)
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

static void expect_failure(const char *who, int rc, int err, int expected)
{
    CHECK(rc == DRIVE_FAILED && err == expected && s2n_error_get_type(err) != S2N_ERR_T_BLOCKED,
            "%s fails with %s (got %s, %s)", who, s2n_strerror_name(expected), drive_name(rc), s2n_strerror_name(err));
}

/* Our side received no alert (the bad input was not an alert). */
static void expect_no_alert_received(const char *who, struct s2n_connection *conn)
{
    s2n_errno = 0;
    int a = s2n_connection_get_alert(conn);
    CHECK(a == -1 && s2n_errno == S2N_ERR_NO_ALERT, "%s received no alert (got %d)", who, a);
}

/* ---- records ----------------------------------------------------------------- */

struct rec {
    uint8_t type;
    uint16_t len;
    const uint8_t *raw; /* header + body */
};

static int split_records(const uint8_t *buf, size_t n, struct rec *out, int max, size_t *leftover)
{
    int k = 0;
    size_t off = 0;
    while (off + 5 <= n && k < max) {
        uint16_t len = get16(buf + off + 3);
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

/* TLS 1.2 AEAD protection done by hand (RFC 5288 / RFC 7905), with keys
 * copied from one direction of a connection under test. */
struct k12 {
    struct s2n_aead aead;
    uint8_t iv[S2N_AEAD_NONCE_LEN];
    int explicit_nonce;
    uint64_t seq;
};

static void k12_from(struct k12 *k, const struct s2n_connection *conn, const struct s2n_record_keys *src, int encrypt,
        uint64_t seq)
{
    memset(k, 0, sizeof(*k));
    REQUIRE(src->active && src->tls12 && conn->cipher_suite != NULL);
    REQUIRE(s2n_aead_set_key(&k->aead, (s2n_aead_alg) conn->cipher_suite->aead, encrypt, src->key) == 0);
    memcpy(k->iv, src->iv, S2N_AEAD_NONCE_LEN);
    k->explicit_nonce = src->explicit_nonce;
    k->seq = seq;
}

static void k12_free(struct k12 *k)
{
    s2n_aead_free(&k->aead);
}

static void k12_nonce(const struct k12 *k, uint8_t nonce[S2N_AEAD_NONCE_LEN])
{
    if (k->explicit_nonce) {
        memcpy(nonce, k->iv, 4);
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (uint8_t) (k->seq >> (56 - 8 * i));
        }
        return;
    }
    memcpy(nonce, k->iv, S2N_AEAD_NONCE_LEN);
    for (int i = 0; i < 8; i++) {
        nonce[S2N_AEAD_NONCE_LEN - 1 - i] ^= (uint8_t) (k->seq >> (8 * i));
    }
}

static void k12_aad(uint64_t seq, uint8_t type, uint32_t len, uint8_t aad[13])
{
    for (int i = 0; i < 8; i++) {
        aad[i] = (uint8_t) (seq >> (56 - 8 * i));
    }
    aad[8] = type;
    aad[9] = 3;
    aad[10] = 3;
    put16(aad + 11, len);
}

static size_t seal12(struct k12 *k, uint8_t type, const uint8_t *data, uint32_t len, uint8_t *out)
{
    uint32_t ex = k->explicit_nonce ? 8 : 0;
    uint32_t body = ex + len + S2N_AEAD_TAG_LEN;
    out[0] = type;
    out[1] = 3;
    out[2] = 3;
    put16(out + 3, body);
    uint8_t nonce[S2N_AEAD_NONCE_LEN], aad[13];
    k12_nonce(k, nonce);
    memcpy(out + 5, nonce + 4, ex);
    k12_aad(k->seq, type, len, aad);
    REQUIRE(s2n_aead_seal(&k->aead, nonce, aad, sizeof(aad), data, len, out + 5 + ex) == 0);
    k->seq++;
    return 5 + body;
}

/* 0 and the plaintext, or -1 if the record does not open. */
static int open12(struct k12 *k, const uint8_t *rec, uint8_t *plain, uint32_t *plain_len)
{
    uint16_t len = get16(rec + 3);
    uint32_t ex = k->explicit_nonce ? 8 : 0;
    if (len < ex + S2N_AEAD_TAG_LEN) {
        return -1;
    }
    uint8_t nonce[S2N_AEAD_NONCE_LEN], aad[13];
    k12_nonce(k, nonce);
    memcpy(nonce + 4, rec + 5, ex);
    uint32_t p = len - ex - S2N_AEAD_TAG_LEN;
    k12_aad(k->seq, rec[0], p, aad);
    int rc = s2n_aead_open(&k->aead, nonce, aad, sizeof(aad), rec + 5 + ex, len - ex, plain);
    s2n_errno = 0;
    if (rc != 0) {
        return -1;
    }
    k->seq++;
    *plain_len = p;
    return 0;
}

/* @raw must be the fatal alert @desc sent by @sender: in plaintext, or
 * protected with the sender's write keys as its last record. */
static void expect_alert_record(const char *who, struct s2n_connection *sender, const uint8_t *raw, size_t n, uint8_t desc,
        int encrypted)
{
    char h[80];
    hex(raw, n < 24 ? n : 24, h, sizeof(h));
    if (!encrypted) {
        static const uint8_t prefix[5] = { S2N_CT_ALERT, 3, 3, 0, 2 };
        CHECK(n == 7 && memcmp(raw, prefix, 5) == 0 && raw[5] == 2 && raw[6] == desc,
                "%s sent the plaintext fatal alert %u (15 03 03 00 02 02 %02x); last record: %s", who, desc, desc, h);
        return;
    }
    uint8_t plain[WIRE_MAX];
    uint32_t plain_len = 0;
    int ok = 0;
    if (n >= 5 && raw[0] == S2N_CT_ALERT && sender->write_keys.active && sender->write_keys.seq > 0) {
        struct k12 k;
        k12_from(&k, sender, &sender->write_keys, 0, sender->write_keys.seq - 1);
        ok = open12(&k, raw, plain, &plain_len) == 0;
        k12_free(&k);
    }
    CHECK(ok && plain_len == 2 && plain[0] == 2 && plain[1] == desc,
            "%s sent the protected fatal alert %u; last record %s, decrypted %s [%u %u]", who, desc, h, ok ? "ok" : "FAILED",
            plain_len > 0 ? plain[0] : 0, plain_len > 1 ? plain[1] : 0);
}

/* ---- handshake messages inside a plaintext record ---------------------------------- */

/* Offset (from the record start) of the first handshake message of @type,
 * and its body length; -1 if absent. */
static long msg_find(const uint8_t *rec, size_t rec_len, uint8_t type, size_t *body_len)
{
    size_t off = 5;
    while (off + 4 <= rec_len) {
        size_t len = (size_t) rec[off + 1] << 16 | (size_t) rec[off + 2] << 8 | rec[off + 3];
        if (off + 4 + len > rec_len) {
            return -1;
        }
        if (rec[off] == type) {
            *body_len = len;
            return (long) off;
        }
        off += 4 + len;
    }
    return -1;
}

/* Replace the body of the message at @off, fixing its length and the record's. */
static void msg_replace(uint8_t *rec, size_t *rec_len, size_t off, size_t old_len, const uint8_t *body, size_t new_len)
{
    size_t tail = *rec_len - (off + 4 + old_len);
    REQUIRE(*rec_len - old_len + new_len <= WIRE_MAX);
    memmove(rec + off + 4 + new_len, rec + off + 4 + old_len, tail);
    memcpy(rec + off + 4, body, new_len);
    put24(rec + off + 1, new_len);
    *rec_len = *rec_len - old_len + new_len;
    put16(rec + 3, *rec_len - 5);
}

/* ---- a relay between our real client and server ------------------------------------- */

struct relay;
enum { FORWARD = 0, DROP = 1 };
/* May rewrite a record in place (WIRE_MAX bytes of room); returns FORWARD or DROP. */
typedef int (*edit_fn)(struct relay *r, int from_server, uint8_t *rec, size_t *len);

struct relay {
    struct s2n_connection *client, *server;
    int cfd, cpeer, sfd, speer;
    struct s2n_security_policy server_policy;
    const struct s2n_cipher_suite *suite;
    uint16_t group;
    struct s2n_cert_chain_and_key *server_chain;
    uint8_t pending[2][WIRE_MAX];
    size_t pending_len[2];
    int count[2];     /* records relayed, [0] client->server, [1] server->client */
    int after_ccs[2]; /* that side has sent its ChangeCipherSpec */
    uint8_t last[2][WIRE_MAX]; /* the last record each side sent (after editing) */
    size_t last_len[2];
    uint8_t client_hello[WIRE_MAX]; /* the ClientHello message (header + body) */
    size_t client_hello_len;
    edit_fn edit;
    int mutation;
    int edited;
};

struct relay_opts {
    int rsa;           /* RSA certificate (else ECDSA P-256) */
    uint8_t suite[2];  /* the only suite the server accepts (0: ECDHE-ECDSA/RSA-AES128-GCM) */
    uint16_t group;    /* the only group the server accepts (0: secp256r1) */
    int server_tls13;  /* keep the server's own policy (default_tls13): it can do TLS 1.3 */
};

static struct relay *relay_new(const struct relay_opts *o)
{
    struct relay *r = calloc(1, sizeof(*r));
    REQUIRE(r != NULL);
    int a[2], b[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, a) == 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, b) == 0);
    set_nonblocking(a[0]);
    set_nonblocking(a[1]);
    set_nonblocking(b[0]);
    set_nonblocking(b[1]);
    r->cfd = a[0];
    r->cpeer = a[1];
    r->sfd = b[0];
    r->speer = b[1];
    uint8_t default_suite[2] = { 0xC0, o->rsa ? 0x2F : 0x2B };
    r->suite = s2n_cipher_suite_from_iana(o->suite[0] || o->suite[1] ? o->suite : default_suite);
    REQUIRE(r->suite != NULL);
    r->group = o->group ? o->group : S2N_GROUP_SECP256R1;
    /* A server policy with one TLS 1.2 suite cannot do TLS 1.3: our client
     * (default_tls13, offering TLS 1.3 and 1.2) lands on TLS 1.2 without
     * the downgrade sentinel. */
    s2n_test_policy_narrow(&r->server_policy, "default_tls13", &r->suite, &r->group);
    r->server_chain = o->rsa ? rsa_chain : ecdsa_chain;
    r->client = s2n_connection_new(S2N_CLIENT);
    r->server = s2n_connection_new(S2N_SERVER);
    REQUIRE(r->client && r->server);
    REQUIRE(s2n_connection_set_config(r->client, o->rsa ? rsa_client_config : ecdsa_client_config) == 0);
    REQUIRE(s2n_connection_set_config(r->server, o->rsa ? rsa_server_config : ecdsa_server_config) == 0);
    if (!o->server_tls13) {
        r->server->policy_override = &r->server_policy;
    }
    REQUIRE(s2n_connection_set_fd(r->client, r->cfd) == 0 && s2n_connection_set_fd(r->server, r->sfd) == 0);
    REQUIRE(s2n_set_server_name(r->client, "localhost") == 0);
    return r;
}

static void relay_free(struct relay *r)
{
    REQUIRE(s2n_connection_free(r->client) == 0);
    REQUIRE(s2n_connection_free(r->server) == 0);
    close(r->cfd);
    close(r->cpeer);
    close(r->sfd);
    close(r->speer);
    free(r);
}

/* Move whole records from one side to the other, editing as configured.
 * Returns the number of bytes moved. */
static size_t relay_pump(struct relay *r, int from_server)
{
    int in = from_server ? r->speer : r->cpeer;
    int out = from_server ? r->cpeer : r->speer;
    uint8_t *p = r->pending[from_server];
    size_t *len = &r->pending_len[from_server];
    size_t moved = 0;
    *len += peer_read(in, p + *len, WIRE_MAX - *len, 0);
    static uint8_t rec[WIRE_MAX];
    while (*len >= 5) {
        size_t rl = 5u + get16(p + 3);
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
        int action = r->edit ? r->edit(r, from_server, rec, &rl) : FORWARD;
        if (rec[0] == S2N_CT_CHANGE_CIPHER_SPEC) {
            r->after_ccs[from_server] = 1;
        }
        if (action == DROP) {
            continue;
        }
        memcpy(r->last[from_server], rec, rl);
        r->last_len[from_server] = rl;
        peer_write(out, rec, rl);
        moved += rl;
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

struct relay_result {
    int rc[2]; /* [0] client, [1] server */
    int err[2];
};

/* Handshake through the relay until nothing moves any more. */
static void relay_handshake(struct relay *r, struct relay_result *res)
{
    res->rc[0] = res->rc[1] = DRIVE_BLOCKED;
    res->err[0] = res->err[1] = 0;
    for (int round = 0; round < 100; round++) {
        size_t progress = 0;
        progress += (size_t) step(r->client, &res->rc[0], &res->err[0]);
        progress += relay_pump(r, 0);
        progress += (size_t) step(r->server, &res->rc[1], &res->err[1]);
        progress += relay_pump(r, 1);
        if (progress == 0) {
            break;
        }
    }
}

/* Let one side read what is waiting for it: s2n_negotiate if its handshake
 * is still running, s2n_recv once it finished. */
static int relay_settle(struct relay *r, int server, int rc, int *err)
{
    struct s2n_connection *conn = server ? r->server : r->client;
    int fd = server ? r->sfd : r->cfd;
    ssize_t got = 0;
    if (rc == DRIVE_FAILED) {
        return rc;
    }
    if (rc == DRIVE_OK) {
        return drive_recv(conn, fd, err, &got, NULL, 0);
    }
    return drive(conn, fd, err);
}

/* After a relayed handshake in which @victim (0 client, 1 server) must fail
 * on what it received: its error, its alert as the last record it sent,
 * and the other side failing with that alert. */
static void relay_expect(struct relay *r, struct relay_result *res, int victim, int err, uint8_t alert, int encrypted)
{
    const char *vname = victim ? "server" : "client";
    const char *oname = victim ? "client" : "server";
    struct s2n_connection *vconn = victim ? r->server : r->client;
    struct s2n_connection *oconn = victim ? r->client : r->server;
    CHECK(r->edited, "the relay edited a record");
    int verr = res->err[victim];
    int vrc = relay_settle(r, victim, res->rc[victim], &verr);
    expect_failure(vname, vrc, verr, err);
    expect_no_alert_received(vname, vconn);
    relay_pump(r, victim);
    expect_alert_record(vname, vconn, r->last[victim], r->last_len[victim], alert, encrypted);
    int oerr = res->err[!victim];
    int orc = relay_settle(r, !victim, res->rc[!victim], &oerr);
    int a = s2n_connection_get_alert(oconn);
    CHECK(orc == DRIVE_FAILED && oerr == S2N_ERR_ALERT && a == alert,
            "the %s then fails with S2N_ERR_ALERT, alert %u (got %s %s, alert %d)", oname, alert, drive_name(orc),
            s2n_strerror_name(oerr), a);
}

/* Data both ways through the relay. */
static int relay_exchange(struct relay *r, int from_server, const char *text)
{
    struct s2n_connection *sender = from_server ? r->server : r->client;
    struct s2n_connection *receiver = from_server ? r->client : r->server;
    int fd = from_server ? r->cfd : r->sfd;
    s2n_blocked_status blocked;
    ssize_t n = (ssize_t) strlen(text);
    if (s2n_send(sender, text, n, &blocked) != n) {
        return -1;
    }
    relay_pump(r, from_server);
    uint8_t got[256];
    ssize_t len = 0;
    int err = 0;
    int rc = drive_recv(receiver, fd, &err, &len, got, sizeof(got));
    return rc == DRIVE_OK && len == n && memcmp(got, text, (size_t) n) == 0 ? 0 : -1;
}

/* ---- the relay's edits ----------------------------------------------------------------- */

enum {
    SKE_FLIP_SIGNATURE,
    SKE_FLIP_POINT,           /* not re-signed: the signature check fails first */
    SKE_RESIGN_ONLY,          /* control: re-signed, same point */
    SKE_RESIGN_OFF_CURVE,     /* y flipped, re-signed */
    SKE_RESIGN_BAD_PREFIX,    /* 0x05 instead of 0x04, re-signed */
    SKE_RESIGN_SHORT_POINT,   /* one byte short, re-signed */
    SKE_RESIGN_ZERO_X25519,   /* the all-zero x25519 point, re-signed */
    SKE_UNKNOWN_CURVE,        /* named curve secp256k1 (22) */
    SKE_EXPLICIT_CURVE,       /* curve_type explicit_prime (1) */
    SKE_SCHEME_MISMATCH,      /* a scheme that does not fit the certificate's key */
    SKE_TRUNCATED,            /* one byte short: the signature vector overruns */
    SKE_TRAILING_BYTE,
};

/* Sign ServerKeyExchange params again with the server's own key. */
static void ske_resign(struct relay *r, uint8_t *body, size_t *body_len)
{
    size_t params_len = 4u + body[3];
    uint16_t iana = get16(body + params_len);
    const struct s2n_signature_scheme *s = s2n_signature_scheme_from_iana(iana);
    REQUIRE(s != NULL && r->client->hs != NULL && r->server->hs != NULL);
    uint8_t content[64 + 4 + 255];
    REQUIRE(params_len <= 4 + 255);
    memcpy(content, r->client->hs->client_random, 32);
    memcpy(content + 32, r->server->hs->server_random, 32);
    memcpy(content + 64, body, params_len);
    const struct s2n_pkey *key = &r->server_chain->private_key;
    uint32_t sig_len = s2n_pkey_max_signature_size(key);
    REQUIRE(params_len + 4 + sig_len <= 2048);
    REQUIRE(s2n_pkey_sign(key, (s2n_sig_padding) s->padding, (s2n_hash_alg) s->hash, content, (uint32_t) (64 + params_len),
                    body + params_len + 4, &sig_len)
            == 0);
    put16(body + params_len + 2, sig_len);
    *body_len = params_len + 4 + sig_len;
}

static int edit_ske(struct relay *r, int from_server, uint8_t *rec, size_t *len)
{
    size_t blen = 0;
    long off = from_server && rec[0] == S2N_CT_HANDSHAKE ? msg_find(rec, *len, S2N_HS_SERVER_KEY_EXCHANGE, &blen) : -1;
    if (off < 0) {
        return FORWARD;
    }
    uint8_t body[2048];
    REQUIRE(blen <= sizeof(body) - 64);
    memcpy(body, rec + off + 4, blen);
    size_t n = blen;
    uint8_t *point = body + 4;
    size_t point_len = body[3];
    size_t params_len = 4 + point_len;
    switch (r->mutation) {
        case SKE_FLIP_SIGNATURE:
            body[n - 1] ^= 0x01;
            break;
        case SKE_FLIP_POINT:
            point[point_len - 1] ^= 0x01;
            break;
        case SKE_RESIGN_ONLY:
            ske_resign(r, body, &n);
            break;
        case SKE_RESIGN_OFF_CURVE:
            point[point_len - 1] ^= 0x01;
            ske_resign(r, body, &n);
            break;
        case SKE_RESIGN_BAD_PREFIX:
            point[0] = 0x05;
            ske_resign(r, body, &n);
            break;
        case SKE_RESIGN_SHORT_POINT:
            memmove(body + params_len - 1, body + params_len, n - params_len);
            body[3]--;
            n--;
            ske_resign(r, body, &n);
            break;
        case SKE_RESIGN_ZERO_X25519:
            REQUIRE(get16(body + 1) == S2N_GROUP_X25519);
            memset(point, 0, point_len);
            ske_resign(r, body, &n);
            break;
        case SKE_UNKNOWN_CURVE:
            put16(body + 1, 22);
            break;
        case SKE_EXPLICIT_CURVE:
            body[0] = 1;
            break;
        case SKE_SCHEME_MISMATCH:
            /* rsa_pss_rsae_sha256 for an ECDSA key, ecdsa_secp256r1_sha256 for an RSA key */
            put16(body + params_len, r->server_chain->private_key.type == S2N_PKEY_ECDSA ? 0x0804 : 0x0403);
            break;
        case SKE_TRUNCATED:
            n--;
            break;
        case SKE_TRAILING_BYTE:
            body[n++] = 0;
            break;
        default:
            REQUIRE(0);
    }
    msg_replace(rec, len, (size_t) off, blen, body, n);
    r->edited = 1;
    return FORWARD;
}

enum {
    CKE_OFF_CURVE,   /* last byte of y flipped */
    CKE_BAD_PREFIX,  /* 0x05 */
    CKE_COMPRESSED,  /* 0x02 || x: the compressed form, never negotiated */
    CKE_SHORT_POINT, /* one byte short */
    CKE_EMPTY,       /* an empty point */
    CKE_ZERO_X25519, /* the all-zero x25519 point */
    CKE_TRAILING_BYTE,
};

static int edit_cke(struct relay *r, int from_server, uint8_t *rec, size_t *len)
{
    size_t blen = 0;
    long off = !from_server && rec[0] == S2N_CT_HANDSHAKE && !r->after_ccs[0]
            ? msg_find(rec, *len, S2N_HS_CLIENT_KEY_EXCHANGE, &blen)
            : -1;
    if (off < 0) {
        return FORWARD;
    }
    uint8_t body[600];
    REQUIRE(blen <= sizeof(body) - 8 && blen >= 2);
    memcpy(body, rec + off + 4, blen);
    size_t n = blen;
    uint8_t *point = body + 1;
    size_t point_len = body[0];
    switch (r->mutation) {
        case CKE_OFF_CURVE:
            point[point_len - 1] ^= 0x01;
            break;
        case CKE_BAD_PREFIX:
            point[0] = 0x05;
            break;
        case CKE_COMPRESSED:
            point[0] = 0x02;
            body[0] = (uint8_t) (1 + (point_len - 1) / 2);
            n = 1u + body[0];
            break;
        case CKE_SHORT_POINT:
            body[0]--;
            n--;
            break;
        case CKE_EMPTY:
            body[0] = 0;
            n = 1;
            break;
        case CKE_ZERO_X25519:
            REQUIRE(point_len == 32);
            memset(point, 0, point_len);
            break;
        case CKE_TRAILING_BYTE:
            body[n++] = 0;
            break;
        default:
            REQUIRE(0);
    }
    msg_replace(rec, len, (size_t) off, blen, body, n);
    r->edited = 1;
    return FORWARD;
}

enum {
    FIN_SHORT,      /* 11 bytes of verify_data */
    FIN_LONG,       /* 13 bytes */
    FIN_EMPTY,      /* none */
    FIN_WRONG,      /* 12 bytes, one bit flipped */
    FIN_FLIP_NONCE, /* a bit flipped in the record's first body byte (explicit nonce for AES-GCM) */
    FIN_FLIP_BODY,  /* in the middle of the ciphertext */
    FIN_FLIP_TAG,   /* in the last tag byte */
    FIN_TYPE_ALERT, /* the record's content type changed to alert (authenticated data) */
};

/* The side whose Finished (its first record after its ChangeCipherSpec) or
 * ChangeCipherSpec is rewritten: 0 client, 1 server. */
static int fin_side;

static int edit_finished(struct relay *r, int from_server, uint8_t *rec, size_t *len)
{
    if (from_server != fin_side || !r->after_ccs[from_server] || rec[0] != S2N_CT_HANDSHAKE || r->edited) {
        return FORWARD;
    }
    struct s2n_connection *sender = from_server ? r->server : r->client;
    r->edited = 1;
    switch (r->mutation) {
        case FIN_FLIP_NONCE:
            rec[5] ^= 0x01;
            return FORWARD;
        case FIN_FLIP_BODY:
            rec[5 + (*len - 5) / 2] ^= 0x01;
            return FORWARD;
        case FIN_FLIP_TAG:
            rec[*len - 1] ^= 0x01;
            return FORWARD;
        case FIN_TYPE_ALERT:
            rec[0] = S2N_CT_ALERT;
            return FORWARD;
        default:
            break;
    }
    /* Open the genuine Finished (the first record under the new keys). */
    uint8_t plain[WIRE_MAX];
    uint32_t plain_len = 0;
    struct k12 k;
    k12_from(&k, sender, &sender->write_keys, 0, 0);
    int opened = open12(&k, rec, plain, &plain_len);
    k12_free(&k);
    CHECK(opened == 0 && plain_len == 16 && plain[0] == S2N_HS_FINISHED, "the genuine Finished opens (%d, %u bytes)", opened,
            plain_len);
    if (opened != 0) {
        return FORWARD;
    }
    switch (r->mutation) {
        case FIN_SHORT:
            plain_len = 4 + 11;
            break;
        case FIN_LONG:
            plain[plain_len++] = 0x55;
            break;
        case FIN_EMPTY:
            plain_len = 4;
            break;
        case FIN_WRONG:
            plain[10] ^= 0x01;
            break;
        default:
            REQUIRE(0);
    }
    put24(plain + 1, plain_len - 4);
    k12_from(&k, sender, &sender->write_keys, 1, 0);
    *len = seal12(&k, S2N_CT_HANDSHAKE, plain, plain_len, rec);
    k12_free(&k);
    return FORWARD;
}

static int edit_ccs(struct relay *r, int from_server, uint8_t *rec, size_t *len)
{
    (void) len;
    if (from_server != fin_side || rec[0] != S2N_CT_CHANGE_CIPHER_SPEC) {
        return FORWARD;
    }
    rec[5] = (uint8_t) r->mutation;
    r->edited = 1;
    return FORWARD;
}

/* An attacker removes supported_versions from our client's ClientHello. */
static int edit_strip_supported_versions(struct relay *r, int from_server, uint8_t *rec, size_t *len)
{
    size_t blen = 0;
    long off = !from_server && rec[0] == S2N_CT_HANDSHAKE ? msg_find(rec, *len, S2N_HS_CLIENT_HELLO, &blen) : -1;
    if (off < 0 || r->edited) {
        return FORWARD;
    }
    static uint8_t body[WIRE_MAX];
    const uint8_t *in = rec + off + 4;
    size_t i = 35u + in[34];         /* version, random, session id */
    i += 2u + get16(in + i);         /* cipher suites */
    i += 1u + in[i];                 /* compression methods */
    memcpy(body, in, i);
    size_t n = i + 2, end = i + 2 + get16(in + i);
    REQUIRE(end == blen);
    for (size_t e = i + 2; e + 4 <= end; e += 4u + get16(in + e + 2)) {
        if (get16(in + e) != 43) {
            memcpy(body + n, in + e, 4u + get16(in + e + 2));
            n += 4u + get16(in + e + 2);
        }
    }
    put16(body + i, n - i - 2);
    CHECK(n < blen, "supported_versions removed from the ClientHello");
    msg_replace(rec, len, (size_t) off, blen, body, n);
    r->edited = 1;
    return FORWARD;
}

/* ---- the client under test: scripted ServerHello ------------------------------------- */

struct side {
    struct s2n_connection *conn;
    int fd;
    int peer;
};

static void side_new(struct side *s, s2n_mode mode, struct s2n_config *config, const struct s2n_security_policy *policy)
{
    int fds[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    set_nonblocking(fds[0]);
    set_nonblocking(fds[1]);
    s->fd = fds[0];
    s->peer = fds[1];
    s->conn = s2n_connection_new(mode);
    REQUIRE(s->conn != NULL);
    REQUIRE(s2n_connection_set_config(s->conn, config) == 0);
    s->conn->policy_override = policy;
    REQUIRE(s2n_connection_set_fd(s->conn, s->fd) == 0);
    if (mode == S2N_CLIENT) {
        REQUIRE(s2n_set_server_name(s->conn, "localhost") == 0);
    }
}

static void side_free(struct side *s)
{
    REQUIRE(s2n_connection_free(s->conn) == 0);
    close(s->fd);
    close(s->peer);
    memset(s, 0, sizeof(*s));
}

/* The only record waiting on the wire must be the plaintext fatal alert @desc. */
static void expect_plain_alert_on_wire(struct side *s, const char *who, uint8_t desc)
{
    uint8_t buf[WIRE_MAX];
    size_t n = peer_read(s->peer, buf, sizeof(buf), WAIT_MS);
    expect_alert_record(who, s->conn, buf, n, desc, 0);
}

static void expect_wire_empty(int fd, const char *why)
{
    uint8_t buf[WIRE_MAX];
    size_t n = peer_read(fd, buf, sizeof(buf), 20);
    char h[80];
    hex(buf, n < 24 ? n : 24, h, sizeof(h));
    CHECK(n == 0, "nothing on the wire (%s); got %zu bytes: %s", why, n, h);
}

/* A TLS 1.2 ServerHello record: version, random ending in @tail (NULL:
 * random bytes only), @suite, EMS and renegotiation_info. */
static size_t server_hello12(uint8_t *out, uint16_t version, const uint8_t *tail, const uint8_t suite[2])
{
    uint8_t *b = out + 9;
    size_t n = 0;
    put16(b, version);
    n += 2;
    for (int i = 0; i < 32; i++) {
        b[n + (size_t) i] = (uint8_t) (0x30 + i);
    }
    if (tail) {
        memcpy(b + n + 24, tail, 8);
    }
    n += 32;
    b[n++] = 0; /* session id */
    b[n++] = suite[0];
    b[n++] = suite[1];
    b[n++] = 0; /* compression */
    static const uint8_t exts[] = { 0x00, 0x17, 0x00, 0x00, 0xff, 0x01, 0x00, 0x01, 0x00 };
    put16(b + n, sizeof(exts));
    n += 2;
    memcpy(b + n, exts, sizeof(exts));
    n += sizeof(exts);
    out[0] = S2N_CT_HANDSHAKE;
    out[1] = 3;
    out[2] = 3;
    put16(out + 3, n + 4);
    out[5] = S2N_HS_SERVER_HELLO;
    put24(out + 6, n);
    return 9 + n;
}

/* Our client sends its ClientHello; the script answers with @sh.  Returns
 * the client's result after reading it. */
static int client_vs_server_hello(struct side *s, const uint8_t *sh, size_t sh_len, int *err)
{
    int rc = drive(s->conn, s->fd, err);
    CHECK(rc == DRIVE_BLOCKED, "the client sends its ClientHello and waits (%s)", drive_name(rc));
    uint8_t buf[WIRE_MAX];
    size_t n = peer_read(s->peer, buf, sizeof(buf), WAIT_MS);
    CHECK(n > 9 && buf[0] == S2N_CT_HANDSHAKE && buf[5] == S2N_HS_CLIENT_HELLO, "a ClientHello is on the wire (%zu bytes)", n);
    peer_write(s->peer, sh, sh_len);
    return drive(s->conn, s->fd, err);
}

static void test_client_server_hello(void)
{
    static const uint8_t suite[2] = { 0xC0, 0x2B };
    uint8_t sh[512];
    struct side s;
    int err = 0, rc;

    case_begin("client: control: TLS 1.2 ServerHello without a sentinel");
    side_new(&s, S2N_CLIENT, ecdsa_client_config, NULL);
    rc = client_vs_server_hello(&s, sh, server_hello12(sh, 0x0303, NULL, suite), &err);
    CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the client accepts it and waits for the Certificate (%s %s)",
            drive_name(rc), s2n_strerror_name(err));
    CHECK(s2n_connection_get_actual_protocol_version(s.conn) == S2N_TLS12, "actual protocol version 33 (got %d)",
            s2n_connection_get_actual_protocol_version(s.conn));
    expect_wire_empty(s.peer, "the client waits");
    side_free(&s);
    case_end();

    case_begin("client: TLS 1.2 ServerHello with the TLS 1.2 downgrade sentinel (offered TLS 1.3)");
    side_new(&s, S2N_CLIENT, ecdsa_client_config, NULL);
    rc = client_vs_server_hello(&s, sh, server_hello12(sh, 0x0303, s2n_tls12_downgrade_sentinel, suite), &err);
    expect_failure("client", rc, err, S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED);
    expect_plain_alert_on_wire(&s, "client", S2N_ALERT_ILLEGAL_PARAMETER);
    expect_no_alert_received("client", s.conn);
    side_free(&s);
    case_end();

    /* RFC 8446 4.1.3: a TLS 1.3 client receiving a ServerHello for TLS 1.2
     * or below MUST check for either value. */
    case_begin("client: TLS 1.2 ServerHello with the TLS 1.1 downgrade sentinel (offered TLS 1.3)");
    side_new(&s, S2N_CLIENT, ecdsa_client_config, NULL);
    rc = client_vs_server_hello(&s, sh, server_hello12(sh, 0x0303, tls11_sentinel, suite), &err);
    expect_failure("client", rc, err, S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED);
    expect_plain_alert_on_wire(&s, "client", S2N_ALERT_ILLEGAL_PARAMETER);
    side_free(&s);
    case_end();

    /* A client that did not offer TLS 1.3 was not downgraded. */
    case_begin("client: TLS 1.2-only client accepts a ServerHello with the TLS 1.2 sentinel");
    side_new(&s, S2N_CLIENT, ecdsa_client_config, policy_tls12_only);
    rc = client_vs_server_hello(&s, sh, server_hello12(sh, 0x0303, s2n_tls12_downgrade_sentinel, suite), &err);
    CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the client accepts it and waits for the Certificate (%s %s)",
            drive_name(rc), s2n_strerror_name(err));
    expect_wire_empty(s.peer, "the client waits");
    side_free(&s);
    case_end();

    case_begin("client: TLS 1.2 ServerHello choosing static RSA (002F), never offered");
    side_new(&s, S2N_CLIENT, ecdsa_client_config, NULL);
    rc = client_vs_server_hello(&s, sh, server_hello12(sh, 0x0303, NULL, (const uint8_t[]) { 0x00, 0x2F }), &err);
    expect_failure("client", rc, err, S2N_ERR_CIPHER_NOT_SUPPORTED);
    expect_plain_alert_on_wire(&s, "client", S2N_ALERT_ILLEGAL_PARAMETER);
    side_free(&s);
    case_end();

    case_begin("client: ServerHello for TLS 1.1 (0302)");
    side_new(&s, S2N_CLIENT, ecdsa_client_config, NULL);
    rc = client_vs_server_hello(&s, sh, server_hello12(sh, 0x0302, NULL, suite), &err);
    expect_failure("client", rc, err, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
    expect_plain_alert_on_wire(&s, "client", S2N_ALERT_PROTOCOL_VERSION);
    side_free(&s);
    case_end();
}

/* ---- the server under test: scripted ClientHello ------------------------------------- */

static uint8_t ch12[WIRE_MAX]; /* our TLS 1.2-only client's ClientHello body */
static size_t ch12_len;

static void capture_tls12_client_hello(void)
{
    case_begin("capture our TLS 1.2-only client's ClientHello");
    struct side s;
    side_new(&s, S2N_CLIENT, ecdsa_client_config, policy_tls12_only);
    int err = 0;
    int rc = drive(s.conn, s.fd, &err);
    CHECK(rc == DRIVE_BLOCKED, "client waits for the ServerHello (%s)", drive_name(rc));
    uint8_t buf[WIRE_MAX];
    size_t n = peer_read(s.peer, buf, sizeof(buf), WAIT_MS);
    struct rec r[4];
    int k = split_records(buf, n, r, 4, NULL);
    REQUIRE(k == 1 && r[0].type == S2N_CT_HANDSHAKE && r[0].raw[5] == S2N_HS_CLIENT_HELLO);
    ch12_len = r[0].len - 4u;
    memcpy(ch12, r[0].raw + 9, ch12_len);
    REQUIRE(get16(ch12) == 0x0303);
    side_free(&s);
    case_end();
}

/* A ClientHello record from the captured one with another legacy version
 * and cipher suite list. */
static size_t client_hello12(uint8_t *out, uint16_t version, const uint8_t *suites, size_t suites_len)
{
    size_t sid_end = 35u + ch12[34];
    size_t old_suites = get16(ch12 + sid_end);
    size_t rest = sid_end + 2 + old_suites;
    uint8_t *b = out + 9;
    memcpy(b, ch12, sid_end);
    put16(b, version);
    put16(b + sid_end, suites_len);
    memcpy(b + sid_end + 2, suites, suites_len);
    memcpy(b + sid_end + 2 + suites_len, ch12 + rest, ch12_len - rest);
    size_t n = sid_end + 2 + suites_len + ch12_len - rest;
    out[0] = S2N_CT_HANDSHAKE;
    out[1] = 3;
    out[2] = 1;
    put16(out + 3, n + 4);
    out[5] = S2N_HS_CLIENT_HELLO;
    put24(out + 6, n);
    return 9 + n;
}

static void test_server_client_hello(void)
{
    static uint8_t wire[WIRE_MAX];
    size_t sid_end = 35u + ch12[34];
    const uint8_t *our_suites = ch12 + sid_end + 2;
    size_t our_suites_len = get16(ch12 + sid_end);
    struct side s;
    int err = 0, rc;

    /* Controls: our server answers the TLS 1.2 ClientHello, and marks its
     * ServerHello with the sentinel only when it could have done TLS 1.3. */
    for (int tls13_capable = 1; tls13_capable >= 0; tls13_capable--) {
        case_begin("server: control: TLS 1.2 ClientHello answered by a %s server",
                tls13_capable ? "TLS 1.3-capable" : "TLS 1.2-only");
        side_new(&s, S2N_SERVER, ecdsa_server_config, tls13_capable ? NULL : policy_tls12_only);
        peer_write(s.peer, wire, client_hello12(wire, 0x0303, our_suites, our_suites_len));
        rc = drive(s.conn, s.fd, &err);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED,
                "the server sends its flight and waits for the ClientKeyExchange (%s %s)", drive_name(rc),
                s2n_strerror_name(err));
        uint8_t buf[WIRE_MAX];
        size_t n = peer_read(s.peer, buf, sizeof(buf), WAIT_MS);
        size_t blen = 0;
        size_t first = n > 5 ? 5u + get16(buf + 3) : 0; /* the flight fits one record */
        first = first < n ? first : n;
        long sh = n > 9 && buf[0] == S2N_CT_HANDSHAKE ? msg_find(buf, first, S2N_HS_SERVER_HELLO, &blen) : -1;
        long done = n > 9 && buf[0] == S2N_CT_HANDSHAKE ? msg_find(buf, first, S2N_HS_SERVER_HELLO_DONE, &blen) : -1;
        CHECK(sh == 5 && done > 0, "ServerHello ... ServerHelloDone on the wire (%zu bytes)", n);
        if (sh == 5) {
            const uint8_t *tail = buf + 9 + 2 + 24;
            int marked = memcmp(tail, s2n_tls12_downgrade_sentinel, 8) == 0;
            CHECK(marked == tls13_capable && get16(buf + 9) == 0x0303, "ServerHello version 0303, random %s the sentinel",
                    tls13_capable ? "ends with" : "does not end with");
        }
        side_free(&s);
        case_end();
    }

    /* Only suites libs2n does not implement. */
    static const struct {
        const char *name;
        uint8_t suites[8];
        size_t len;
    } unusable[] = {
        { "static RSA AES128-SHA (002F) only", { 0x00, 0x2F }, 2 },
        { "static RSA (002F) and the renegotiation SCSV", { 0x00, 0x2F, 0x00, 0xFF }, 4 },
        { "static RSA AES-GCM (009C, 009D) only", { 0x00, 0x9C, 0x00, 0x9D }, 4 },
        { "DHE-RSA-AES128-GCM (009E) only", { 0x00, 0x9E }, 2 },
        { "ECDHE-ECDSA-AES128-SHA (C009, CBC) only", { 0xC0, 0x09 }, 2 },
        { "3DES (000A) only", { 0x00, 0x0A }, 2 },
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(unusable); i++) {
        case_begin("server: TLS 1.2 ClientHello offering %s", unusable[i].name);
        side_new(&s, S2N_SERVER, ecdsa_server_config, NULL);
        peer_write(s.peer, wire, client_hello12(wire, 0x0303, unusable[i].suites, unusable[i].len));
        rc = drive(s.conn, s.fd, &err);
        expect_failure("server", rc, err, S2N_ERR_CIPHER_NOT_SUPPORTED);
        expect_plain_alert_on_wire(&s, "server", S2N_ALERT_HANDSHAKE_FAILURE);
        expect_no_alert_received("server", s.conn);
        side_free(&s);
        case_end();
    }

    /* A suite of the policy we do not implement (ECDHE-ECDSA-AES128-SHA256, CBC). */
    case_begin("server: TLS 1.2 ClientHello offering ECDHE-ECDSA-AES128-SHA256 (C023, CBC) only");
    side_new(&s, S2N_SERVER, ecdsa_server_config, policy_tls12_only);
    peer_write(s.peer, wire, client_hello12(wire, 0x0303, (const uint8_t[]) { 0xC0, 0x23 }, 2));
    rc = drive(s.conn, s.fd, &err);
    expect_failure("server", rc, err, S2N_ERR_CIPHER_NOT_SUPPORTED);
    expect_plain_alert_on_wire(&s, "server", S2N_ALERT_HANDSHAKE_FAILURE);
    side_free(&s);
    case_end();

    case_begin("server: ClientHello whose highest version is TLS 1.1 (0302)");
    side_new(&s, S2N_SERVER, ecdsa_server_config, NULL);
    peer_write(s.peer, wire, client_hello12(wire, 0x0302, our_suites, our_suites_len));
    rc = drive(s.conn, s.fd, &err);
    expect_failure("server", rc, err, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
    expect_plain_alert_on_wire(&s, "server", S2N_ALERT_PROTOCOL_VERSION);
    side_free(&s);
    case_end();

    /* RFC 7507: TLS_FALLBACK_SCSV from a TLS 1.2 client to a TLS 1.3-capable server. */
    {
        uint8_t suites[128];
        REQUIRE(our_suites_len + 2 <= sizeof(suites));
        memcpy(suites, our_suites, our_suites_len);
        suites[our_suites_len] = 0x56;
        suites[our_suites_len + 1] = 0x00;
        case_begin("server: TLS 1.2 ClientHello with TLS_FALLBACK_SCSV, TLS 1.3-capable server");
        side_new(&s, S2N_SERVER, ecdsa_server_config, NULL);
        peer_write(s.peer, wire, client_hello12(wire, 0x0303, suites, our_suites_len + 2));
        rc = drive(s.conn, s.fd, &err);
        expect_failure("server", rc, err, S2N_ERR_FALLBACK_DETECTED);
        expect_plain_alert_on_wire(&s, "server", S2N_ALERT_INAPPROPRIATE_FALLBACK);
        side_free(&s);
        case_end();

        case_begin("server: TLS 1.2 ClientHello with TLS_FALLBACK_SCSV, TLS 1.2-only server (no fallback)");
        side_new(&s, S2N_SERVER, ecdsa_server_config, policy_tls12_only);
        peer_write(s.peer, wire, client_hello12(wire, 0x0303, suites, our_suites_len + 2));
        rc = drive(s.conn, s.fd, &err);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the server answers and waits (%s %s)", drive_name(rc),
                s2n_strerror_name(err));
        side_free(&s);
        case_end();
    }
}

/* ---- relayed handshakes --------------------------------------------------------------- */

static const char *cert_name(int rsa)
{
    return rsa ? "RSA" : "ECDSA";
}

static void test_relay_control(void)
{
    for (int rsa = 0; rsa < 2; rsa++) {
        case_begin("relay: control: untouched TLS 1.2 handshake (%s)", cert_name(rsa));
        struct relay_opts o = { .rsa = rsa };
        struct relay *r = relay_new(&o);
        struct relay_result res;
        relay_handshake(r, &res);
        CHECK(res.rc[0] == DRIVE_OK && res.rc[1] == DRIVE_OK, "both sides complete (client %s %s, server %s %s)",
                drive_name(res.rc[0]), s2n_strerror_name(res.err[0]), drive_name(res.rc[1]), s2n_strerror_name(res.err[1]));
        CHECK(s2n_connection_get_actual_protocol_version(r->client) == S2N_TLS12 && r->client->hs && r->client->hs->ems,
                "TLS 1.2 with the extended master secret");
        CHECK(r->count[0] == 4 && r->count[1] == 3,
                "records: CH, CKE, CCS, Finished / SH..SHD, CCS, Finished (%d / %d)", r->count[0], r->count[1]);
        CHECK(relay_exchange(r, 0, "hello") == 0 && relay_exchange(r, 1, "world") == 0, "data flows both ways");
        relay_free(r);
        case_end();
    }
}

/* The downgrade attack the sentinel is for: without supported_versions our
 * TLS 1.3-capable server negotiates TLS 1.2 and marks its random; our
 * client, which offered TLS 1.3, must notice. */
static void test_relay_downgrade(void)
{
    case_begin("relay: control: TLS 1.3-capable server and client, untouched");
    {
        struct relay_opts o = { .server_tls13 = 1 };
        struct relay *r = relay_new(&o);
        struct relay_result res;
        relay_handshake(r, &res);
        int v = s2n_connection_get_actual_protocol_version(r->client);
        CHECK(res.rc[0] == DRIVE_OK && res.rc[1] == DRIVE_OK && v == S2N_TLS13, "TLS 1.3 (client %s %s, server %s %s)",
                drive_name(res.rc[0]), s2n_strerror_name(res.err[0]), drive_name(res.rc[1]), s2n_strerror_name(res.err[1]));
        relay_free(r);
    }
    case_end();

    for (int rsa = 0; rsa < 2; rsa++) {
        case_begin("relay: supported_versions stripped from the ClientHello: downgrade detected (%s)", cert_name(rsa));
        struct relay_opts o = { .server_tls13 = 1, .rsa = rsa };
        struct relay *r = relay_new(&o);
        r->edit = edit_strip_supported_versions;
        struct relay_result res;
        relay_handshake(r, &res);
        CHECK(s2n_connection_get_actual_protocol_version(r->server) == S2N_TLS12, "the server negotiated TLS 1.2 (%d)",
                s2n_connection_get_actual_protocol_version(r->server));
        relay_expect(r, &res, 0, S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED, S2N_ALERT_ILLEGAL_PARAMETER, 0);
        relay_free(r);
        case_end();
    }
}

static void test_relay_server_key_exchange(void)
{
    static const struct {
        const char *name;
        int mutation;
        uint16_t group;
        int err;
        uint8_t alert;
    } cases[] = {
        { "signature bit flipped", SKE_FLIP_SIGNATURE, 0, S2N_ERR_VERIFY_SIGNATURE, S2N_ALERT_DECRYPT_ERROR },
        /* The point is signed: changing it without re-signing is caught by the signature. */
        { "point off the curve, not re-signed", SKE_FLIP_POINT, 0, S2N_ERR_VERIFY_SIGNATURE, S2N_ALERT_DECRYPT_ERROR },
        { "point off the curve (P-256), re-signed", SKE_RESIGN_OFF_CURVE, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point off the curve (P-384), re-signed", SKE_RESIGN_OFF_CURVE, S2N_GROUP_SECP384R1,
                S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "point off the curve (P-521), re-signed", SKE_RESIGN_OFF_CURVE, S2N_GROUP_SECP521R1,
                S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "point with prefix 05, re-signed", SKE_RESIGN_BAD_PREFIX, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point one byte short, re-signed", SKE_RESIGN_SHORT_POINT, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "all-zero x25519 point, re-signed", SKE_RESIGN_ZERO_X25519, S2N_GROUP_X25519, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "named curve secp256k1 (22)", SKE_UNKNOWN_CURVE, 0, S2N_ERR_ECDHE_UNSUPPORTED_CURVE, S2N_ALERT_ILLEGAL_PARAMETER },
        { "curve_type explicit_prime (1)", SKE_EXPLICIT_CURVE, 0, S2N_ERR_ECDHE_UNSUPPORTED_CURVE,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "signature scheme that does not fit the certificate", SKE_SCHEME_MISMATCH, 0, S2N_ERR_INVALID_SIGNATURE_SCHEME,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "one byte short", SKE_TRUNCATED, 0, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        { "one trailing byte", SKE_TRAILING_BYTE, 0, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
    };
    for (int rsa = 0; rsa < 2; rsa++) {
        for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
            case_begin("relay: ServerKeyExchange %s (%s)", cases[i].name, cert_name(rsa));
            struct relay_opts o = { .rsa = rsa, .group = cases[i].group };
            struct relay *r = relay_new(&o);
            r->edit = edit_ske;
            r->mutation = cases[i].mutation;
            struct relay_result res;
            relay_handshake(r, &res);
            /* The client reads the bad SKE before it has any keys: plaintext alert. */
            relay_expect(r, &res, 0, cases[i].err, cases[i].alert, 0);
            relay_free(r);
            case_end();
        }

        /* Control for the re-signing: the client accepts a re-signed SKE.  The
         * two transcripts now differ, so (with the extended master secret)
         * the keys differ too, and the server cannot open the client Finished. */
        case_begin("relay: control: ServerKeyExchange re-signed unchanged (%s)", cert_name(rsa));
        {
            struct relay_opts o = { .rsa = rsa };
            struct relay *r = relay_new(&o);
            r->edit = edit_ske;
            r->mutation = SKE_RESIGN_ONLY;
            struct relay_result res;
            relay_handshake(r, &res);
            CHECK(r->edited && r->count[0] == 4, "the client accepted the re-signed SKE and sent its whole flight (%d records)",
                    r->count[0]);
            relay_expect(r, &res, 1, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC, 0);
            relay_free(r);
        }
        case_end();
    }
}

static void test_relay_client_key_exchange(void)
{
    static const struct {
        const char *name;
        int mutation;
        uint16_t group;
        int err;
        uint8_t alert;
    } cases[] = {
        { "point off the curve (P-256)", CKE_OFF_CURVE, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "point off the curve (P-384)", CKE_OFF_CURVE, S2N_GROUP_SECP384R1, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point off the curve (P-521)", CKE_OFF_CURVE, S2N_GROUP_SECP521R1, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point with prefix 05", CKE_BAD_PREFIX, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "compressed point (never negotiated)", CKE_COMPRESSED, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point one byte short", CKE_SHORT_POINT, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "empty point", CKE_EMPTY, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "all-zero x25519 point", CKE_ZERO_X25519, S2N_GROUP_X25519, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "one trailing byte", CKE_TRAILING_BYTE, 0, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
        case_begin("relay: ClientKeyExchange %s", cases[i].name);
        struct relay_opts o = { .group = cases[i].group };
        struct relay *r = relay_new(&o);
        r->edit = edit_cke;
        r->mutation = cases[i].mutation;
        struct relay_result res;
        relay_handshake(r, &res);
        /* The server has no write keys yet: plaintext alert. */
        relay_expect(r, &res, 1, cases[i].err, cases[i].alert, 0);
        relay_free(r);
        case_end();
    }
}

static void test_relay_finished(void)
{
    static const struct {
        const char *name;
        int mutation;
        int err;
        uint8_t alert;
    } cases[] = {
        { "short Finished (11 bytes)", FIN_SHORT, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        { "long Finished (13 bytes)", FIN_LONG, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        { "empty Finished", FIN_EMPTY, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        { "Finished with a wrong verify_data bit", FIN_WRONG, S2N_ERR_FINISHED_VERIFY, S2N_ALERT_DECRYPT_ERROR },
        { "Finished record: bit flipped in its first body byte", FIN_FLIP_NONCE, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
        { "Finished record: bit flipped in the ciphertext", FIN_FLIP_BODY, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
        { "Finished record: bit flipped in the tag", FIN_FLIP_TAG, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
        { "Finished record: content type changed to alert", FIN_TYPE_ALERT, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
    };
    static const uint8_t suites[][2] = { { 0xC0, 0x2B }, { 0xCC, 0xA9 } }; /* AES-GCM (explicit nonce), ChaCha20 */
    for (size_t sx = 0; sx < S2N_ARRAY_LEN(suites); sx++) {
        for (int side = 0; side < 2; side++) {
            for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
                struct relay_opts o = { .suite = { suites[sx][0], suites[sx][1] } };
                struct relay *r = relay_new(&o);
                case_begin("relay: %s %s (%s)", side ? "server" : "client", cases[i].name, r->suite->name);
                r->edit = edit_finished;
                r->mutation = cases[i].mutation;
                fin_side = side;
                struct relay_result res;
                relay_handshake(r, &res);
                /* The reader of the bad Finished is the other side.  The
                 * server reads the client's before it has write keys (its
                 * alert is in plaintext); the client reads the server's
                 * after its own ChangeCipherSpec (protected alert). */
                relay_expect(r, &res, !side, cases[i].err, cases[i].alert, side);
                relay_free(r);
                case_end();
            }
        }
    }

    /* The ChangeCipherSpec itself. */
    for (int side = 0; side < 2; side++) {
        case_begin("relay: %s ChangeCipherSpec with value 5", side ? "server" : "client");
        struct relay_opts o = { 0 };
        struct relay *r = relay_new(&o);
        r->edit = edit_ccs;
        r->mutation = 5;
        fin_side = side;
        struct relay_result res;
        relay_handshake(r, &res);
        relay_expect(r, &res, !side, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE, side);
        relay_free(r);
        case_end();
    }
}

/* ---- after the handshake ---------------------------------------------------------------- */

static int post_flip_side;
static int post_flip_offset;

static int edit_flip_next(struct relay *r, int from_server, uint8_t *rec, size_t *len)
{
    if (from_server != post_flip_side || r->edited) {
        return FORWARD;
    }
    size_t off = post_flip_offset >= 0 ? (size_t) post_flip_offset : *len - (size_t) (-post_flip_offset);
    REQUIRE(off < *len);
    rec[off] ^= 0x01;
    r->edited = 1;
    return FORWARD;
}

static struct relay *relay_established(const struct relay_opts *o)
{
    struct relay *r = relay_new(o);
    struct relay_result res;
    relay_handshake(r, &res);
    REQUIRE(res.rc[0] == DRIVE_OK && res.rc[1] == DRIVE_OK);
    return r;
}

static void test_post_handshake_records(void)
{
    static const uint8_t suites[][2] = { { 0xC0, 0x2B }, { 0xC0, 0x30 }, { 0xCC, 0xA9 } };
    static const struct {
        const char *name;
        int offset;
    } flips[] = {
        { "first body byte", 5 },
        { "middle of the record", -12 - S2N_AEAD_TAG_LEN },
        { "last tag byte", -1 },
        { "record header version", 2 },
    };
    for (size_t sx = 0; sx < S2N_ARRAY_LEN(suites); sx++) {
        for (int side = 0; side < 2; side++) {
            for (size_t f = 0; f < S2N_ARRAY_LEN(flips); f++) {
                struct relay_opts o = { .suite = { suites[sx][0], suites[sx][1] }, .rsa = suites[sx][1] == 0x30 };
                struct relay *r = relay_established(&o);
                case_begin("relay: %s application data, bit flipped in the %s (%s)", side ? "server" : "client",
                        flips[f].name, r->suite->name);
                struct s2n_connection *sender = side ? r->server : r->client;
                struct s2n_connection *receiver = side ? r->client : r->server;
                int receiver_fd = side ? r->cfd : r->sfd;
                int sender_fd = side ? r->sfd : r->cfd;
                r->edit = edit_flip_next;
                post_flip_side = side;
                post_flip_offset = flips[f].offset;
                s2n_blocked_status blocked;
                REQUIRE(s2n_send(sender, "a record of application data", 28, &blocked) == 28);
                relay_pump(r, side);
                CHECK(r->edited, "the record was tampered with");
                int err = 0;
                ssize_t got = 0;
                int rc = drive_recv(receiver, receiver_fd, &err, &got, NULL, 0);
                if (flips[f].offset == 2) {
                    /* 03 03 became 03 02.  The record version is part of the
                     * TLS 1.2 AEAD additional data (RFC 5246 6.2.3.3:
                     * TLSCompressed.version), and after the handshake a
                     * record must carry the negotiated version: either way
                     * the record is refused with a fatal alert (s2n-tls
                     * refuses it as a bad message, OpenSSL with
                     * protocol_version). */
                    CHECK(rc == DRIVE_FAILED && s2n_error_get_type(err) != S2N_ERR_T_BLOCKED && err != S2N_ERR_ALERT,
                            "the receiver refuses a record whose version is 03 02 (got %s %s)", drive_name(rc),
                            s2n_strerror_name(err));
                    relay_pump(r, !side);
                    rc = drive_recv(sender, sender_fd, &err, &got, NULL, 0);
                    CHECK(rc == DRIVE_FAILED && err == S2N_ERR_ALERT, "the sender receives a fatal alert (got %s %s, alert %d)",
                            drive_name(rc), s2n_strerror_name(err), s2n_connection_get_alert(sender));
                    relay_free(r);
                    case_end();
                    continue;
                }
                expect_failure(side ? "client" : "server", rc, err, S2N_ERR_DECRYPT);
                expect_no_alert_received("receiver", receiver);
                relay_pump(r, !side);
                expect_alert_record("receiver", receiver, r->last[!side], r->last_len[!side], S2N_ALERT_BAD_RECORD_MAC, 1);
                rc = drive_recv(sender, sender_fd, &err, &got, NULL, 0);
                int a = s2n_connection_get_alert(sender);
                CHECK(rc == DRIVE_FAILED && err == S2N_ERR_ALERT && a == S2N_ALERT_BAD_RECORD_MAC,
                        "the sender receives bad_record_mac (got %s %s, alert %d)", drive_name(rc), s2n_strerror_name(err), a);
                relay_free(r);
                case_end();
            }
        }
    }
}

/* Seal a handshake message with @sender's write keys, as its next record,
 * and keep @sender in step. */
static size_t forge_handshake(struct s2n_connection *sender, const uint8_t *msg, size_t len, uint8_t *out)
{
    struct k12 k;
    k12_from(&k, sender, &sender->write_keys, 1, sender->write_keys.seq);
    size_t n = seal12(&k, S2N_CT_HANDSHAKE, msg, (uint32_t) len, out);
    k12_free(&k);
    sender->write_keys.seq++;
    return n;
}

static void test_renegotiation(void)
{
    static uint8_t out[WIRE_MAX];
    static uint8_t buf[WIRE_MAX];
    static const uint8_t hello_request[4] = { 0, 0, 0, 0 };

    /* A peer client asks to renegotiate with a new ClientHello: our server
     * answers with a no_renegotiation warning and the connection goes on.
     * (Our client never renegotiates: the ClientHello is forged with its
     * keys, and the warning taken off the wire for it.) */
    for (int rsa = 0; rsa < 2; rsa++) {
        case_begin("relay: ClientHello after the handshake (renegotiation) to our server (%s)", cert_name(rsa));
        struct relay_opts o = { .rsa = rsa };
        struct relay *r = relay_established(&o);
        REQUIRE(r->client_hello_len > 4);
        peer_write(r->speer, out, forge_handshake(r->client, r->client_hello, r->client_hello_len, out));
        int err = 0;
        ssize_t got = 0;
        int rc = drive_recv(r->server, r->sfd, &err, &got, NULL, 0);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the server does not fail (%s %s)", drive_name(rc),
                s2n_strerror_name(err));
        size_t n = peer_read(r->speer, buf, sizeof(buf), WAIT_MS);
        uint8_t plain[WIRE_MAX];
        uint32_t plain_len = 0;
        int opened = -1;
        if (n >= 5 && n == 5u + get16(buf + 3) && buf[0] == S2N_CT_ALERT && r->server->write_keys.seq > 0) {
            struct k12 k;
            k12_from(&k, r->server, &r->server->write_keys, 0, r->server->write_keys.seq - 1);
            opened = open12(&k, buf, plain, &plain_len);
            k12_free(&k);
        }
        CHECK(opened == 0 && plain_len == 2 && plain[0] == 1 && plain[1] == S2N_ALERT_NO_RENEGOTIATION,
                "the server sent one protected warning no_renegotiation (1, 100): %zu bytes, %s [%u %u]", n,
                opened == 0 ? "opened" : "NOT opened", plain_len > 0 ? plain[0] : 0, plain_len > 1 ? plain[1] : 0);
        r->client->read_keys.seq++; /* the warning was for the forged ClientHello's sender */
        CHECK(relay_exchange(r, 0, "still there?") == 0 && relay_exchange(r, 1, "yes") == 0,
                "the connection stays usable both ways");
        relay_free(r);
        case_end();
    }

    case_begin("relay: HelloRequest to our client is ignored");
    {
        struct relay_opts o = { 0 };
        struct relay *r = relay_established(&o);
        peer_write(r->cpeer, out, forge_handshake(r->server, hello_request, sizeof(hello_request), out));
        int err = 0;
        ssize_t got = 0;
        int rc = drive_recv(r->client, r->cfd, &err, &got, NULL, 0);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the client does not fail (%s %s)", drive_name(rc),
                s2n_strerror_name(err));
        expect_wire_empty(r->cpeer, "the client answers a HelloRequest with nothing");
        CHECK(relay_exchange(r, 1, "after the HelloRequest") == 0 && relay_exchange(r, 0, "fine") == 0,
                "the connection stays usable both ways");
        relay_free(r);
    }
    case_end();

    case_begin("relay: HelloRequest and application data in one flight to our client");
    {
        struct relay_opts o = { .suite = { 0xCC, 0xA9 } };
        struct relay *r = relay_established(&o);
        peer_write(r->cpeer, out, forge_handshake(r->server, hello_request, sizeof(hello_request), out));
        CHECK(relay_exchange(r, 1, "data right behind it") == 0, "the client skips the HelloRequest and reads the data");
        relay_free(r);
    }
    case_end();

    /* Messages that make no sense after a TLS 1.2 handshake. */
    case_begin("relay: ClientHello sent to our client after the handshake");
    {
        struct relay_opts o = { 0 };
        struct relay *r = relay_established(&o);
        peer_write(r->cpeer, out, forge_handshake(r->server, r->client_hello, r->client_hello_len, out));
        int err = 0;
        ssize_t got = 0;
        int rc = drive_recv(r->client, r->cfd, &err, &got, NULL, 0);
        expect_failure("client", rc, err, S2N_ERR_UNEXPECTED_MESSAGE);
        relay_pump(r, 0);
        expect_alert_record("client", r->client, r->last[0], r->last_len[0], S2N_ALERT_UNEXPECTED_MESSAGE, 1);
        relay_free(r);
    }
    case_end();

    case_begin("relay: HelloRequest sent to our server");
    {
        struct relay_opts o = { 0 };
        struct relay *r = relay_established(&o);
        peer_write(r->speer, out, forge_handshake(r->client, hello_request, sizeof(hello_request), out));
        int err = 0;
        ssize_t got = 0;
        int rc = drive_recv(r->server, r->sfd, &err, &got, NULL, 0);
        expect_failure("server", rc, err, S2N_ERR_UNEXPECTED_MESSAGE);
        relay_pump(r, 1);
        expect_alert_record("server", r->server, r->last[1], r->last_len[1], S2N_ALERT_UNEXPECTED_MESSAGE, 1);
        relay_free(r);
    }
    case_end();
}

int main(void)
{
    BEGIN_TEST_INIT();
    signal(SIGALRM, on_alarm);
    signal(SIGPIPE, SIG_IGN);

    REQUIRE(s2n_security_policy_find("20240501", &policy_tls12_only) == 0);
    ecdsa_server_config = s2n_test_server_config("default_tls13", "server-ecdsa-p256-chain.pem", "server-ecdsa-p256-key.pem",
            &ecdsa_chain);
    rsa_server_config = s2n_test_server_config("default_tls13", "server-rsa-2048-chain.pem", "server-rsa-2048-key.pem",
            &rsa_chain);
    ecdsa_client_config = s2n_test_client_config("default_tls13", "ca-ecdsa-cert.pem");
    rsa_client_config = s2n_test_client_config("default_tls13", "ca-rsa-cert.pem");
    REQUIRE(ecdsa_server_config && rsa_server_config && ecdsa_client_config && rsa_client_config);

    test_client_server_hello();
    capture_tls12_client_hello();
    test_server_client_hello();
    test_relay_control();
    test_relay_downgrade();
    test_relay_server_key_exchange();
    test_relay_client_key_exchange();
    test_relay_finished();
    test_post_handshake_records();
    test_renegotiation();

    printf("# %d bad-input cases\n", case_count);
    EXPECT_SUCCESS(s2n_config_free(ecdsa_server_config));
    EXPECT_SUCCESS(s2n_config_free(rsa_server_config));
    EXPECT_SUCCESS(s2n_config_free(ecdsa_client_config));
    EXPECT_SUCCESS(s2n_config_free(rsa_client_config));
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ecdsa_chain));
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(rsa_chain));
    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
