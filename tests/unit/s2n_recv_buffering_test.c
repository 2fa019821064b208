/* Recv buffering (s2n_connection_set_recv_buffering, s2n_peek_buffered):
 * with it, one transport read brings every record the socket holds and
 * s2n_recv hands them out one per call without reading again until they are
 * gone; without it, libs2n reads record by record and never past one.
 * Checked on a real socketpair (the reads counted by a callback that reads
 * the socket): many small records in one read, a KeyUpdate and data under
 * the new key in one read, data followed by close_notify in one read,
 * release_buffers refusing while records wait, peek_buffered, buffering
 * switched off while records wait, and wipe switching it off.  Partial records and every cut of a record are
 * covered by s2n_record_read_test's buffering rounds. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "s2n_testlib.h"
#include "tls/s2n_connection.h"
#include "utils/s2n_errors.h"

static int transport_reads;

/* The server's transport: its socket, read by us so the reads are counted. */
static int counting_recv(void *ctx, uint8_t *buf, uint32_t len)
{
    transport_reads++;
    ssize_t r = read(*(int *) ctx, buf, len);
    return (int) r;
}

static uint8_t data[20000];

static int send_records(struct s2n_connection *c, int count, size_t len)
{
    s2n_blocked_status blocked;
    for (int i = 0; i < count; i++) {
        if (s2n_send(c, data + i, (ssize_t) len, &blocked) != (ssize_t) len) {
            return -1;
        }
    }
    return 0;
}

/* Receive @count records of @len bytes, the first being record @first of
 * send_records() (record i starts at data[i]); returns how many s2n_recv
 * calls returned data, or -1 on a mismatch or failure. */
static int recv_records(struct s2n_connection *s, int first, int count, size_t len)
{
    static uint8_t buf[20000];
    int calls = 0;
    for (int i = 0; i < count; i++) {
        s2n_blocked_status blocked;
        ssize_t r = s2n_recv(s, buf, sizeof(buf), &blocked);
        if (r != (ssize_t) len || memcmp(buf, data + first + i, len) != 0) {
            return -1;
        }
        calls++;
    }
    return calls;
}

/* The server (the reader) on a non-blocking socket through counting_recv. */
static void pair_setup(struct s2n_test_pair *pair, struct s2n_config *cc, struct s2n_config *sc, int buffering)
{
    s2n_test_pair_connect(pair, cc, sc, NULL, 1);
    EXPECT_SUCCESS(s2n_connection_set_recv_cb(pair->server, counting_recv));
    EXPECT_SUCCESS(s2n_connection_set_recv_ctx(pair->server, &pair->server_fd));
    EXPECT_SUCCESS(s2n_connection_set_recv_buffering(pair->server, buffering));
    transport_reads = 0;
}

static void blocked_and_empty(struct s2n_connection *s, const char *what)
{
    uint8_t buf[16];
    s2n_blocked_status blocked;
    ssize_t r = s2n_recv(s, buf, sizeof(buf), &blocked);
    s2n_test_reportf(r < 0 && s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED && blocked == S2N_BLOCKED_ON_READ,
            __FILE__, __LINE__, "%s: drained, s2n_recv blocks on read", what);
    EXPECT_EQUAL(s2n_peek_buffered(s), 0);
}

/* @overhead: bytes a record adds to 100 bytes of data (header, explicit
 * nonce or content type, tag). */
static void run(const char *policy, uint32_t overhead)
{
    struct s2n_cert_chain_and_key *ck = NULL;
    struct s2n_config *sc = s2n_test_server_config(policy, "server-ecdsa-p256-chain.pem", "server-ecdsa-p256-key.pem", &ck);
    struct s2n_config *cc = s2n_test_client_config(policy, "ca-ecdsa-cert.pem");
    struct s2n_test_pair pair;

    /* 40 records of 100 bytes waiting in the socket: one read with
     * buffering, then 40 s2n_recv calls and no further read. */
    pair_setup(&pair, cc, sc, 1);
    EXPECT_SUCCESS(send_records(pair.client, 40, 100));
    EXPECT_EQUAL(recv_records(pair.server, 0, 1, 100), 1);
    EXPECT_EQUAL(transport_reads, 1);
    EXPECT_EQUAL(s2n_peek_buffered(pair.server), 39 * (100 + overhead));
    /* ... and nothing may be released while they wait */
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_release_buffers(pair.server), S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA);
    EXPECT_EQUAL(recv_records(pair.server, 1, 39, 100), 39);
    EXPECT_EQUAL(transport_reads, 1);
    blocked_and_empty(pair.server, policy);
    EXPECT_SUCCESS(s2n_connection_release_buffers(pair.server));
    EXPECT_EQUAL(pair.server->in.size, 0);
    s2n_test_pair_free(&pair);

    /* Without it: record by record (a read for the header, then the rest),
     * never past a record. */
    pair_setup(&pair, cc, sc, 0);
    EXPECT_SUCCESS(send_records(pair.client, 40, 100));
    EXPECT_EQUAL(recv_records(pair.server, 0, 1, 100), 1);
    EXPECT_EQUAL(s2n_peek_buffered(pair.server), 0);
    EXPECT_EQUAL(recv_records(pair.server, 1, 39, 100), 39);
    s2n_test_reportf(transport_reads >= 80, __FILE__, __LINE__, "%s: without buffering, 40 records in %d reads", policy,
            transport_reads);
    s2n_test_pair_free(&pair);

    /* Full records: each read brings the rest of one and the start of the
     * next (one read per 16 KiB record instead of two or more). */
    pair_setup(&pair, cc, sc, 1);
    EXPECT_SUCCESS(s2n_connection_prefer_throughput(pair.client));
    EXPECT_SUCCESS(send_records(pair.client, 8, 16384));
    EXPECT_EQUAL(recv_records(pair.server, 0, 8, 16384), 8);
    s2n_test_reportf(transport_reads <= 9, __FILE__, __LINE__, "%s: 8 records of 16 KiB in %d reads", policy,
            transport_reads);
    blocked_and_empty(pair.server, policy);
    s2n_test_pair_free(&pair);

    if (strcmp(policy, "default_tls13") == 0) {
        /* A KeyUpdate and records under the new key, all in one read. */
        pair_setup(&pair, cc, sc, 1);
        EXPECT_SUCCESS(send_records(pair.client, 1, 100));
        EXPECT_SUCCESS(s2n_connection_request_key_update(pair.client, S2N_KEY_UPDATE_NOT_REQUESTED));
        EXPECT_SUCCESS(send_records(pair.client, 3, 100));
        EXPECT_EQUAL(recv_records(pair.server, 0, 1, 100), 1);
        EXPECT_EQUAL(recv_records(pair.server, 0, 3, 100), 3);
        EXPECT_EQUAL(transport_reads, 1);
        blocked_and_empty(pair.server, "after a KeyUpdate");
        s2n_test_pair_free(&pair);
    }

    /* Data and close_notify in one read: the data, then end of stream. */
    pair_setup(&pair, cc, sc, 1);
    EXPECT_SUCCESS(send_records(pair.client, 2, 100));
    s2n_blocked_status blocked;
    EXPECT_SUCCESS(s2n_shutdown_send(pair.client, &blocked));
    EXPECT_EQUAL(recv_records(pair.server, 0, 2, 100), 2);
    uint8_t buf[64];
    EXPECT_EQUAL(s2n_recv(pair.server, buf, sizeof(buf), &blocked), 0);
    EXPECT_EQUAL(transport_reads, 1);
    s2n_test_pair_free(&pair);

    /* Switched off while records wait: they are still received, and later
     * records are read one at a time again. */
    pair_setup(&pair, cc, sc, 1);
    EXPECT_SUCCESS(send_records(pair.client, 10, 100));
    EXPECT_EQUAL(recv_records(pair.server, 0, 1, 100), 1);
    EXPECT_SUCCESS(s2n_connection_set_recv_buffering(pair.server, false));
    EXPECT_EQUAL(recv_records(pair.server, 1, 9, 100), 9);
    EXPECT_EQUAL(transport_reads, 1);
    EXPECT_SUCCESS(send_records(pair.client, 5, 100));
    EXPECT_EQUAL(recv_records(pair.server, 0, 5, 100), 5);
    EXPECT_EQUAL(s2n_peek_buffered(pair.server), 0);
    blocked_and_empty(pair.server, "after switching buffering off");
    s2n_test_pair_free(&pair);

    /* Wipe switches it off. */
    pair_setup(&pair, cc, sc, 1);
    EXPECT_EQUAL(pair.server->recv_buffering, 1);
    EXPECT_SUCCESS(s2n_connection_wipe(pair.server));
    EXPECT_EQUAL(pair.server->recv_buffering, 0);
    s2n_test_pair_free(&pair);

    s2n_config_free(cc);
    s2n_config_free(sc);
    s2n_cert_chain_and_key_free(ck);
}

int main(void)
{
    BEGIN_TEST_INIT();
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t) (i * 13 + 5);
    }
    EXPECT_EQUAL(s2n_peek_buffered(NULL), 0);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_recv_buffering(NULL, true), S2N_ERR_NULL);
    run("default_tls13", 5 + 1 + 16);
    run("20240501", 5 + 8 + 16); /* TLS 1.2, AES-GCM */
    END_TEST();
}
