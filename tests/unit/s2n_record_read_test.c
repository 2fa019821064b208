/* Reading records straight into the caller's buffer (s2n_recv with
 * room for a record's content reads the ciphertext into that buffer and
 * opens it in place).  Checked over a transport that hands out at most K
 * bytes per read and says "would block" every Nth call (or never), with the
 * caller passing a different buffer on every retry: the bytes of a record
 * cut off mid-way must survive the change of buffer.  Also: records that are not
 * application data (KeyUpdate, close_notify) arriving that way, a tampered
 * record (decrypt error, nothing of it left in the caller's buffer), and
 * buffers one byte short of, equal to and larger than the record; TLS 1.3,
 * TLS 1.2 AES-GCM (explicit nonce) and TLS 1.2 ChaCha20-Poly1305.  The
 * same cuts once more with the server reading its own socket (readv of the
 * ciphertext and the tail together), fed by a thread that writes the bytes
 * K at a time, so that readv returns part of a record and goes on.  And all
 * of that again with recv buffering on. */
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "s2n_testlib.h"
#include "tls/s2n_connection.h"
#include "tls/s2n_security_policy.h"
#include "utils/s2n_errors.h"
#include "utils/s2n_safety.h"

/* client -> server bytes */
static uint8_t queue[1 << 20];
static size_t q_r, q_w;
static size_t trickle = 1;    /* most bytes per read */
static int block_every;       /* every Nth read says "would block" (0: none) */
static int reads;
static int tamper_next;       /* flip a bit in the next record sent */

static int queue_send(void *ctx, const uint8_t *buf, uint32_t len)
{
    (void) ctx;
    if (q_r == q_w) {
        q_r = q_w = 0;
    }
    REQUIRE(q_w + len <= sizeof(queue));
    memcpy(queue + q_w, buf, len);
    if (tamper_next && len > 5 + 10) {
        queue[q_w + 5 + 10] ^= 0x04;
        tamper_next = 0;
    }
    q_w += len;
    return (int) len;
}

static int queue_recv(void *ctx, uint8_t *buf, uint32_t len)
{
    (void) ctx;
    reads++;
    if ((block_every && reads % block_every == 0) || q_r == q_w) {
        errno = EAGAIN;
        return -1;
    }
    size_t n = q_w - q_r;
    n = n < len ? n : len;
    n = n < trickle ? n : trickle;
    memcpy(buf, queue + q_r, n);
    q_r += n;
    return (int) n;
}

static uint8_t data[20000];

/* File-descriptor mode: the queued bytes go to the server through a
 * socket, written by a feeder thread at most `trickle` bytes at a time. */
static int feed_fds[2] = { -1, -1 };

static void *feeder(void *arg)
{
    (void) arg;
    while (q_r < q_w) {
        size_t n = q_w - q_r < trickle ? q_w - q_r : trickle;
        ssize_t w = write(feed_fds[1], queue + q_r, n);
        if (w <= 0) {
            break;
        }
        q_r += (size_t) w;
        sched_yield();
    }
    return NULL;
}

/* Receive @n bytes on @s with buffers of @room bytes, a different one (both
 * pre-filled with 0xEE) on every call; returns 0 when they all match. */
static int receive(struct s2n_connection *s, size_t n, size_t room)
{
    static uint8_t bufs[2][20000 + 64];
    uint8_t got[20000];
    size_t have = 0;
    int calls = 0, which = 0;
    pthread_t feed;
    if (feed_fds[0] >= 0) {
        REQUIRE(pthread_create(&feed, NULL, feeder, NULL) == 0);
    }
    while (have < n && calls < 200000) {
        s2n_blocked_status blocked;
        uint8_t *b = bufs[which];
        which = !which;
        memset(b, 0xEE, room);
        ssize_t r = s2n_recv(s, b, (ssize_t) room, &blocked);
        calls++;
        if (r > 0) {
            if ((size_t) r > room || have + (size_t) r > n) {
                break;
            }
            memcpy(got + have, b, (size_t) r);
            have += (size_t) r;
        } else if (r == 0 || s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED || feed_fds[0] >= 0) {
            break; /* (the socket blocks for up to its receive timeout) */
        }
    }
    if (feed_fds[0] >= 0) {
        pthread_join(feed, NULL);
    }
    return have == n && memcmp(got, data, n) == 0 ? 0 : -1;
}

static int send_all(struct s2n_connection *c, size_t n)
{
    s2n_blocked_status blocked;
    return s2n_send(c, data, (ssize_t) n, &blocked) == (ssize_t) n ? 0 : -1;
}

/* The whole matrix, a KeyUpdate (TLS 1.3) and close_notify, on one pair. */
static void read_matrix(const char *policy, int version, const struct s2n_security_policy *narrowed)
{
    struct s2n_cert_chain_and_key *ck = NULL;
    struct s2n_config *server_config = s2n_test_server_config(policy, "server-ecdsa-p256-chain.pem",
            "server-ecdsa-p256-key.pem", &ck);
    struct s2n_config *client_config = s2n_test_client_config(policy, "ca-ecdsa-cert.pem");
    struct s2n_test_pair pair;
    s2n_test_pair_connect(&pair, client_config, server_config, narrowed, 0);
    REQUIRE(s2n_connection_get_actual_protocol_version(pair.server) == version);
    REQUIRE(narrowed == NULL || strcmp(s2n_connection_get_cipher(pair.server), narrowed->suites[0]->name) == 0);
    EXPECT_SUCCESS(s2n_connection_set_send_cb(pair.client, queue_send));
    EXPECT_SUCCESS(s2n_connection_set_recv_cb(pair.server, queue_recv));
    EXPECT_SUCCESS(s2n_connection_prefer_throughput(pair.client));
    q_r = q_w = 0;

    /* Every cut: 1 byte at a time, inside the header, at the header, inside
     * the tail (last content byte + tag), whole records. */
    const size_t cuts[] = { 1, 3, 5, 8, 16, 17, 18, 4096, 1 << 20 };
    const size_t lens[] = { 1, 100, 16384 };
    const int blocks[] = { 0, 2, 3, 5 };
    /* all of it with recv buffering too (records then pass through conn->in) */
    for (size_t round = 0; round < 2 * (S2N_ARRAY_LEN(blocks) + 1); round++) {
        size_t bi = round % (S2N_ARRAY_LEN(blocks) + 1);
        int buffering = round > S2N_ARRAY_LEN(blocks);
        EXPECT_SUCCESS(s2n_connection_set_recv_buffering(pair.server, buffering));
        /* the last round: the server reads a socket, nothing blocks */
        int fd_round = bi == S2N_ARRAY_LEN(blocks);
        block_every = fd_round ? 0 : blocks[bi];
        if (fd_round) {
            REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, feed_fds) == 0);
            /* A blocking socket, so that readv often gets part of a record
             * and waits for more; bounded, so that a lost byte fails the
             * case instead of hanging it. */
            struct timeval limit = { .tv_sec = 5 };
            REQUIRE(setsockopt(feed_fds[0], SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit)) == 0);
            EXPECT_SUCCESS(s2n_connection_set_read_fd(pair.server, feed_fds[0]));
        }
        for (size_t ci = 0; ci < S2N_ARRAY_LEN(cuts); ci++) {
            trickle = cuts[ci];
            for (size_t li = 0; li < S2N_ARRAY_LEN(lens); li++) {
                size_t n = lens[li];
                /* one byte short (the ordinary path), exact (TLS 1.3:
                 * content type in the tail), one more, plenty */
                size_t rooms[] = { n - 1, n, n + 1, 20000 };
                for (size_t ri = 0; ri < S2N_ARRAY_LEN(rooms); ri++) {
                    if (rooms[ri] == 0) {
                        continue;
                    }
                    REQUIRE(send_all(pair.client, n) == 0);
                    int ok = receive(pair.server, n, rooms[ri]) == 0;
                    s2n_test_reportf(ok, __FILE__, __LINE__,
                            "%s%s: %zu bytes, %s of %zu, blocking every %d, buffers of %zu%s", policy,
                            narrowed ? " narrowed" : "", n, fd_round ? "socket writes" : "reads", trickle, block_every,
                            rooms[ri], buffering ? ", recv buffering" : "");
                    EXPECT_EQUAL(q_r, q_w);
                }
            }
        }
        if (fd_round) {
            EXPECT_SUCCESS(s2n_connection_set_recv_cb(pair.server, queue_recv));
            close(feed_fds[0]);
            close(feed_fds[1]);
            feed_fds[0] = feed_fds[1] = -1;
        }
    }

    EXPECT_SUCCESS(s2n_connection_set_recv_buffering(pair.server, 0));

    /* Read straight into the caller's buffer when nothing blocks: full
     * records arrive without the input buffer ever growing to hold one. */
    block_every = 0;
    trickle = 1 << 20;
    EXPECT_SUCCESS(s2n_connection_release_buffers(pair.server));
    for (int i = 0; i < 4; i++) {
        REQUIRE(send_all(pair.client, 16384) == 0);
        EXPECT_SUCCESS(receive(pair.server, 16384, 16384));
    }
    s2n_test_reportf(pair.server->in.size <= 1024, __FILE__, __LINE__,
            "%s: 16 KiB records read directly, input buffer stays small (%u bytes)", policy, pair.server->in.size);
    block_every = 2;

    if (version == S2N_TLS13) {
        /* A KeyUpdate read the direct way, then data under the new keys. */
        trickle = 7;
        EXPECT_SUCCESS(s2n_connection_request_key_update(pair.client, S2N_KEY_UPDATE_NOT_REQUESTED));
        EXPECT_SUCCESS(send_all(pair.client, 16384));
        EXPECT_SUCCESS(receive(pair.server, 16384, 20000));
        trickle = 1 << 20;
        EXPECT_SUCCESS(s2n_connection_request_key_update(pair.client, S2N_KEY_UPDATE_NOT_REQUESTED));
        EXPECT_SUCCESS(send_all(pair.client, 300));
        EXPECT_SUCCESS(receive(pair.server, 300, 300));
    }

    /* close_notify read the direct way: end of stream. */
    s2n_blocked_status blocked;
    uint8_t buf[20000];
    s2n_shutdown_send(pair.client, &blocked);
    ssize_t r = -1;
    for (int i = 0; i < 100 && r < 0; i++) {
        r = s2n_recv(pair.server, buf, sizeof(buf), &blocked);
    }
    EXPECT_EQUAL(r, 0);
    s2n_test_pair_free(&pair);

    /* A tampered record opened in the caller's buffer: a decrypt error and
     * none of the record's content left there. */
    s2n_test_pair_connect(&pair, client_config, server_config, narrowed, 0);
    EXPECT_SUCCESS(s2n_connection_set_send_cb(pair.client, queue_send));
    EXPECT_SUCCESS(s2n_connection_set_recv_cb(pair.server, queue_recv));
    EXPECT_SUCCESS(s2n_connection_prefer_throughput(pair.client));
    q_r = q_w = 0;
    block_every = 0;
    tamper_next = 1;
    REQUIRE(send_all(pair.client, 16384) == 0);
    memset(buf, 0xEE, sizeof(buf));
    r = -1;
    int err = 0;
    for (int i = 0; i < 100 && r < 0; i++) {
        r = s2n_recv(pair.server, buf, sizeof(buf), &blocked);
        err = s2n_errno;
        if (r < 0 && s2n_error_get_type(err) != S2N_ERR_T_BLOCKED) {
            break;
        }
    }
    EXPECT_EQUAL(r, -1);
    EXPECT_EQUAL(err, S2N_ERR_DECRYPT);
    int clean = 1;
    for (size_t i = 0; i < 16384; i++) {
        clean &= buf[i] == 0 || buf[i] == 0xEE;
    }
    s2n_test_reportf(clean, __FILE__, __LINE__, "%s: nothing of a record that failed to open is left in the caller's buffer",
            policy);
    s2n_test_pair_free(&pair);

    s2n_config_free(client_config);
    s2n_config_free(server_config);
    s2n_cert_chain_and_key_free(ck);
}

int main(void)
{
    BEGIN_TEST_INIT();
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t) (i * 7 + 1);
    }
    read_matrix("default", S2N_TLS13, NULL);
    read_matrix("20240501", S2N_TLS12, NULL); /* TLS 1.2 only, AES-GCM (explicit nonce) */
    /* TLS 1.2 ChaCha20-Poly1305: no explicit nonce. */
    static const uint8_t chacha[2] = { 0xCC, 0xA9 };
    const struct s2n_cipher_suite *suite = s2n_cipher_suite_from_iana(chacha);
    REQUIRE(suite != NULL);
    struct s2n_security_policy narrowed;
    s2n_test_policy_narrow(&narrowed, "test_all_tls12", &suite, NULL);
    read_matrix("test_all_tls12", S2N_TLS12, &narrowed);
    END_TEST();
}
