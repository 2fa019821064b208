/* Outgoing record sizes (API.md 3.6, 7.6): about 8 KiB by default (8087
 * bytes of data), 16 KiB with s2n_connection_prefer_throughput, 1435 bytes
 * with s2n_connection_prefer_low_latency, and small records for the first
 * bytes (and again after an idle period) with dynamic record sizes. */
#include <unistd.h>

#include "s2n_testlib.h"
#include "utils/s2n_errors.h"

/* The client's writes pass through here: each call is one record (libs2n
 * flushes a record at a time), whose payload size is remembered. */
static int sizes[64];
static int nsizes;

static int record_send(void *ctx, const uint8_t *buf, uint32_t len)
{
    int fd = *(int *) ctx;
    if (len >= 5 && buf[0] == 23 && nsizes < 64) {
        /* TLS 1.3: ciphertext = data + 1 content-type byte + 16 tag bytes */
        sizes[nsizes++] = ((buf[3] << 8) | buf[4]) - 17;
    }
    return (int) write(fd, buf, len);
}

static void send_and_drain(struct s2n_test_pair *pair, size_t len)
{
    nsizes = 0;
    REQUIRE(s2n_test_transfer(pair->client, pair->server, len) == 0);
}

int main(void)
{
    BEGIN_TEST_INIT();
    struct s2n_cert_chain_and_key *ck = NULL;
    struct s2n_config *server_config = s2n_test_server_config("default", "server-ecdsa-p256-chain.pem",
            "server-ecdsa-p256-key.pem", &ck);
    struct s2n_config *client_config = s2n_test_client_config("default", "ca-ecdsa-cert.pem");
    struct s2n_test_pair pair;
    s2n_test_pair_connect(&pair, client_config, server_config, NULL, 0);
    EXPECT_SUCCESS(s2n_connection_set_send_cb(pair.client, record_send));
    EXPECT_SUCCESS(s2n_connection_set_send_ctx(pair.client, &pair.client_fd));

    send_and_drain(&pair, 20000);
    EXPECT_EQUAL(nsizes, 3);
    EXPECT_EQUAL(sizes[0], 8087);
    EXPECT_EQUAL(sizes[1], 8087);
    EXPECT_EQUAL(sizes[2], 20000 - 2 * 8087);

    EXPECT_SUCCESS(s2n_connection_prefer_throughput(pair.client));
    send_and_drain(&pair, 40000);
    EXPECT_EQUAL(sizes[0], 16384);
    EXPECT_EQUAL(sizes[1], 16384);

    EXPECT_SUCCESS(s2n_connection_prefer_low_latency(pair.client));
    send_and_drain(&pair, 5000);
    EXPECT_EQUAL(sizes[0], 1435);
    EXPECT_EQUAL(nsizes, 4);

    /* Dynamic: 3000 bytes in small records, then the preferred size. */
    EXPECT_SUCCESS(s2n_connection_prefer_throughput(pair.client));
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_dynamic_record_threshold(pair.client, 8 * 1024 * 1024 + 1, 1),
            S2N_ERR_INVALID_DYNAMIC_THRESHOLD);
    EXPECT_SUCCESS(s2n_connection_set_dynamic_record_threshold(pair.client, 3000, 1));
    send_and_drain(&pair, 40000);
    EXPECT_EQUAL(sizes[0], 1435);
    EXPECT_EQUAL(sizes[1], 1435);
    EXPECT_EQUAL(sizes[2], 1435);
    EXPECT_EQUAL(sizes[3], 16384);
    /* Still busy: large records. */
    send_and_drain(&pair, 20000);
    EXPECT_EQUAL(sizes[0], 16384);
    /* After the idle timeout: small records again. */
    sleep(2);
    send_and_drain(&pair, 20000);
    EXPECT_EQUAL(sizes[0], 1435);

    s2n_test_pair_free(&pair);
    EXPECT_SUCCESS(s2n_config_free(server_config));
    EXPECT_SUCCESS(s2n_config_free(client_config));
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
