/* Machinery shared by the hostile-peer tests (s2n_tls12_bad_input_test,
 * s2n_tls13_bad_input_test): named cases, each bounded by an alarm, with
 * their checks reported under the case name; non-blocking sockets written
 * and read on the raw side; s2n_negotiate / s2n_recv driven until they
 * finish, fail, or wait in vain; records split off the wire; and a relay
 * between a real client and server that hands every record to the test's
 * own edit function (the record protection of each TLS version stays in its
 * test).
 *
 * Functions and types are prefixed hostile_; the macros and constants the
 * cases use on almost every line (CHECK, DRIVE_*, WAIT_MS, WIRE_MAX) are not. */
#ifndef S2N_HOSTILE_H
#define S2N_HOSTILE_H

#include <stdint.h>
#include <sys/types.h>

#include "s2n_test.h"

struct s2n_security_policy;

#define WAIT_MS 100 /* how long a side may wait for input before we call it blocked */
#define WIRE_MAX 70000

/* What driving a connection came to. */
enum { DRIVE_OK = 0, DRIVE_FAILED = -1, DRIVE_BLOCKED = 1 };

/* ---- cases ---------------------------------------------------------------- */

/* Catch a hung case (SIGALRM bails out naming it) and a closed peer (SIGPIPE ignored). */
void hostile_init(void);
/* Start a named case: counted, listed when S2N_TEST_LIST_CASES is set, and
 * bounded by an alarm until hostile_case_end. */
void hostile_case_begin(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void hostile_case_end(void);
/* How many cases began. */
int hostile_case_count(void);
/* One check, reported with the current case's name. */
void hostile_check(int ok, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
#define CHECK(cond, ...) hostile_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* "success", "blocked" or "failure". */
const char *hostile_drive_name(int rc);
/* The first bytes of @p as hex into @out (always NUL-terminated). */
void hostile_hex(const uint8_t *p, size_t n, char *out, size_t cap);
uint16_t hostile_get16(const uint8_t *p);
void hostile_put16(uint8_t *p, size_t v);
void hostile_put24(uint8_t *p, size_t v);
/* The 9 bytes before a handshake message of @body_len bytes alone in a
 * plaintext record (version 3.@minor).  Returns the record's length. */
size_t hostile_hs_record_header(uint8_t *out, uint8_t minor, uint8_t hs_type, size_t body_len);

/* ---- sockets ---------------------------------------------------------------- */

void hostile_set_nonblocking(int fd);
/* All of @p (waiting while the socket is full); stops quietly if the other side is gone. */
void hostile_peer_write(int fd, const uint8_t *p, size_t n);
/* Everything readable now (waiting up to @ms for the first byte). */
size_t hostile_peer_read(int fd, uint8_t *buf, size_t cap, int ms);
/* Nothing is waiting on @fd (checked for 20 ms). */
void hostile_expect_wire_empty(int fd, const char *why);

/* One of our connections on one end of a socketpair; the script on the other. */
struct hostile_side {
    struct s2n_connection *conn;
    int fd;
    int peer;
};

/* A connection with @config (and @policy as its override, NULL: none); a
 * client asks for "localhost". */
void hostile_side_new(struct hostile_side *s, s2n_mode mode, struct s2n_config *config,
        const struct s2n_security_policy *policy);
void hostile_side_free(struct hostile_side *s);

/* ---- driving our connections ------------------------------------------------- */

/* s2n_negotiate until it completes, fails, or waits WAIT_MS for input in
 * vain; *err is the failure's (or the last block's) s2n_errno. */
int hostile_drive(struct s2n_connection *conn, int fd, int *err);
/* s2n_recv likewise, until data arrives: *got bytes, the first @cap of them
 * copied to @out (which may be NULL). */
int hostile_drive_recv(struct s2n_connection *conn, int fd, int *err, ssize_t *got, uint8_t *out, size_t cap);
/* The drive failed (not blocked) with @expected; @who (NULL: none) names the side. */
void hostile_expect_failure(const char *who, int rc, int err, int expected);
/* @conn received no alert (the bad input was not an alert). */
void hostile_expect_no_alert_received(const char *who, struct s2n_connection *conn);

/* ---- records ------------------------------------------------------------------ */

struct hostile_rec {
    uint8_t type;
    uint16_t len;
    const uint8_t *raw; /* header + body */
};

/* The whole records at the start of @buf (at most @max); *leftover (if
 * asked) is what follows them. */
int hostile_split_records(const uint8_t *buf, size_t n, struct hostile_rec *out, int max, size_t *leftover);

/* Our client @s sends its ClientHello, in one record, and waits for the
 * ServerHello (a check).  The message body (after its 4-byte header) goes to
 * @body; returns its length. */
size_t hostile_capture_client_hello(struct hostile_side *s, uint8_t *body, size_t cap);

/* ---- a relay between our real client and server --------------------------------- */

struct hostile_relay;
/* What the relay does with a record after the edit function saw it. */
enum {
    RELAY_FORWARD = 0, /* pass it on */
    RELAY_DROP,        /* never deliver it */
    RELAY_REPLAY,      /* deliver it twice */
    RELAY_HOLD,        /* deliver it after the next record from the same side */
};
/* May rewrite a record in place (WIRE_MAX bytes of room); returns a RELAY_* action. */
typedef int (*hostile_edit_fn)(struct hostile_relay *r, int from_server, uint8_t *rec, size_t *len);

struct hostile_relay {
    struct s2n_connection *client, *server;
    int cfd, cpeer, sfd, speer; /* our client's socket and the relay's end of it; the same for our server */
    uint8_t pending[2][WIRE_MAX];
    size_t pending_len[2];
    int count[2];              /* records relayed, [0] client->server, [1] server->client */
    int after_ccs[2];          /* that side has sent its ChangeCipherSpec */
    uint8_t last[2][WIRE_MAX]; /* the last record delivered from each side (after editing) */
    size_t last_len[2];
    uint8_t client_hello[WIRE_MAX]; /* the first ClientHello message (header + body) */
    size_t client_hello_len;
    uint8_t held[WIRE_MAX]; /* a RELAY_HOLD record */
    size_t held_len;
    int held_from_server;
    hostile_edit_fn edit; /* NULL: forward everything */
    void *ctx;            /* the test's own state, for its edit function */
    int mutation;         /* which edit to make (the edit function's own numbering) */
    int edited;           /* set by the edit function once it did something */
};

/* A client (asking for "localhost") and a server, each on a socketpair
 * whose other end the relay holds. */
struct hostile_relay *hostile_relay_new(struct s2n_config *client_config, struct s2n_config *server_config);
void hostile_relay_free(struct hostile_relay *r);
/* Move whole records from one side to the other through r->edit.  Returns
 * the number of bytes moved. */
size_t hostile_relay_pump(struct hostile_relay *r, int from_server);

struct hostile_relay_result {
    int rc[2]; /* [0] client, [1] server */
    int err[2];
};

/* Handshake through the relay until nothing moves any more. */
void hostile_relay_handshake(struct hostile_relay *r, struct hostile_relay_result *res);
/* Complete the handshake through @r (a REQUIRE); returns @r. */
struct hostile_relay *hostile_relay_establish(struct hostile_relay *r);
/* Both sides completed the handshake (a check). */
void hostile_relay_expect_completed(const struct hostile_relay_result *res);
/* Let one side (0 client, 1 server) read what is waiting for it:
 * s2n_negotiate if its handshake is still running (@rc DRIVE_BLOCKED),
 * s2n_recv once it finished. */
int hostile_relay_settle(struct hostile_relay *r, int server, int rc, int *err);
/* After a relayed handshake that came to @res (NULL: both sides completed
 * it, and the bad record came after) in which @victim must fail on what it
 * received: the relay edited a record, the victim fails with @err and
 * received no alert, and what it sent in return is moved on (left in
 * r->last[victim]). */
void hostile_relay_victim_fails(struct hostile_relay *r, const struct hostile_relay_result *res, int victim, int err);
/* Then the other side of @victim fails with @err, having received @alert (-1: none). */
void hostile_relay_other_fails(struct hostile_relay *r, const struct hostile_relay_result *res, int victim, int err, int alert);
/* @text from one side, read whole by the other.  Returns 0 or -1. */
int hostile_relay_exchange(struct hostile_relay *r, int from_server, const char *text);

#endif
