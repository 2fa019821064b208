/* Protocol-version getters for every kind of ClientHello (API.md 7.5):
 * scripted hello bytes from TLS 1.0, 1.1, 1.2 and 1.3 clients and an
 * SSLv2-format hello, fed to our server. */
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "s2n_testlib.h"
#include "utils/s2n_errors.h"

/* A ClientHello record: @legacy_version, ECDHE suites, optional
 * supported_versions listing @sv (0 = none). */
static size_t client_hello(uint8_t *out, uint16_t record_version, uint16_t legacy_version, uint16_t sv)
{
    uint8_t body[512];
    size_t n = 0;
    body[n++] = legacy_version >> 8;
    body[n++] = legacy_version & 0xff;
    for (int i = 0; i < 32; i++) {
        body[n++] = (uint8_t) i;
    }
    body[n++] = 0; /* session id */
    const uint8_t suites[] = { 0x00, 0x06, 0xc0, 0x2b, 0xc0, 0x2f, 0x13, 0x01 };
    memcpy(body + n, suites, sizeof(suites));
    n += sizeof(suites);
    body[n++] = 1;
    body[n++] = 0; /* null compression */
    uint8_t ext[128];
    size_t e = 0;
    const uint8_t groups[] = { 0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17 };
    memcpy(ext + e, groups, sizeof(groups));
    e += sizeof(groups);
    const uint8_t sigs[] = { 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x04, 0x03 };
    memcpy(ext + e, sigs, sizeof(sigs));
    e += sizeof(sigs);
    if (sv) {
        const uint8_t versions[] = { 0x00, 0x2b, 0x00, 0x03, 0x02, (uint8_t) (sv >> 8), (uint8_t) sv };
        memcpy(ext + e, versions, sizeof(versions));
        e += sizeof(versions);
        /* an empty key_share: the server answers with a HelloRetryRequest */
        const uint8_t shares[] = { 0x00, 0x33, 0x00, 0x02, 0x00, 0x00 };
        memcpy(ext + e, shares, sizeof(shares));
        e += sizeof(shares);
    }
    body[n++] = (uint8_t) (e >> 8);
    body[n++] = (uint8_t) e;
    memcpy(body + n, ext, e);
    n += e;

    size_t r = 0;
    out[r++] = 22;
    out[r++] = record_version >> 8;
    out[r++] = record_version & 0xff;
    out[r++] = (uint8_t) ((n + 4) >> 8);
    out[r++] = (uint8_t) (n + 4);
    out[r++] = 1;
    out[r++] = 0;
    out[r++] = (uint8_t) (n >> 8);
    out[r++] = (uint8_t) n;
    memcpy(out + r, body, n);
    return r + n;
}

/* Feed @hello to a fresh server and drive it until it blocks or fails. */
static struct s2n_connection *serve(struct s2n_config *config, const uint8_t *hello, size_t len, int *rc, int *err, int *peer_fd)
{
    int fds[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    REQUIRE(write(fds[0], hello, len) == (ssize_t) len);
    struct s2n_connection *conn = s2n_connection_new(S2N_SERVER);
    REQUIRE(conn && s2n_connection_set_config(conn, config) == 0 && s2n_connection_set_fd(conn, fds[1]) == 0);
    s2n_blocked_status blocked;
    *rc = s2n_negotiate(conn, &blocked);
    *err = s2n_errno;
    *peer_fd = fds[0];
    close(fds[1]);
    return conn;
}

int main(void)
{
    BEGIN_TEST_INIT();
    struct s2n_cert_chain_and_key *ck = NULL;
    struct s2n_config *config = s2n_test_server_config("default", "server-ecdsa-p256-chain.pem", "server-ecdsa-p256-key.pem", &ck);
    uint8_t hello[600];
    int rc, err, peer;

    /* Before any ClientHello. */
    struct s2n_connection *fresh = s2n_connection_new(S2N_SERVER);
    EXPECT_EQUAL(s2n_connection_get_client_hello_version(fresh), 0);
    EXPECT_EQUAL(s2n_connection_get_client_protocol_version(fresh), 0);
    EXPECT_EQUAL(s2n_connection_get_server_protocol_version(fresh), S2N_TLS13);
    EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(fresh), 0);
    EXPECT_SUCCESS(s2n_connection_free(fresh));
    fresh = s2n_connection_new(S2N_CLIENT);
    EXPECT_EQUAL(s2n_connection_get_client_protocol_version(fresh), S2N_TLS13);
    EXPECT_EQUAL(s2n_connection_get_server_protocol_version(fresh), 0);
    EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(fresh), S2N_TLS13);
    EXPECT_EQUAL(s2n_connection_get_client_hello_version(fresh), 0);
    EXPECT_SUCCESS(s2n_connection_free(fresh));

    /* TLS 1.0 and TLS 1.1 clients: reported, then refused with protocol_version. */
    const uint16_t old_versions[] = { 0x0301, 0x0302 };
    for (size_t i = 0; i < 2; i++) {
        size_t len = client_hello(hello, 0x0301, old_versions[i], 0);
        struct s2n_connection *conn = serve(config, hello, len, &rc, &err, &peer);
        EXPECT_EQUAL(rc, -1);
        EXPECT_EQUAL(err, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
        EXPECT_EQUAL(s2n_connection_get_client_hello_version(conn), 30 + (old_versions[i] & 0xff));
        EXPECT_EQUAL(s2n_connection_get_client_protocol_version(conn), 30 + (old_versions[i] & 0xff));
        EXPECT_EQUAL(s2n_connection_get_server_protocol_version(conn), S2N_TLS13);
        uint8_t alert[7] = { 0 };
        EXPECT_EQUAL(read(peer, alert, sizeof(alert)), 7);
        EXPECT_EQUAL(alert[0], 21);
        EXPECT_EQUAL(alert[6], 70); /* protocol_version */
        close(peer);
        EXPECT_SUCCESS(s2n_connection_free(conn));
    }

    /* A TLS 1.2 client (no supported_versions): accepted; blocks waiting for CKE. */
    {
        size_t len = client_hello(hello, 0x0301, 0x0303, 0);
        struct s2n_connection *conn = serve(config, hello, len, &rc, &err, &peer);
        EXPECT_EQUAL(s2n_error_get_type(err), S2N_ERR_T_BLOCKED);
        EXPECT_EQUAL(s2n_connection_get_client_hello_version(conn), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_client_protocol_version(conn), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_server_protocol_version(conn), S2N_TLS13);
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(conn), S2N_TLS12);
        close(peer);
        EXPECT_SUCCESS(s2n_connection_free(conn));
    }

    /* A TLS 1.3 client without a key share: HelloRetryRequest, versions reported. */
    {
        size_t len = client_hello(hello, 0x0301, 0x0303, 0x0304);
        struct s2n_connection *conn = serve(config, hello, len, &rc, &err, &peer);
        s2n_test_reportf(s2n_error_get_type(err) == S2N_ERR_T_BLOCKED, __FILE__, __LINE__, "TLS 1.3 hello blocks: %s %s",
                s2n_strerror_name(err), s2n_strerror_debug(err, NULL));
        EXPECT_EQUAL(s2n_connection_get_client_hello_version(conn), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_client_protocol_version(conn), S2N_TLS13);
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(conn), S2N_TLS13);
        close(peer);
        EXPECT_SUCCESS(s2n_connection_free(conn));
    }

    /* An SSLv2-format ClientHello advertising TLS 1.0: hello version 20. */
    {
        const uint8_t sslv2[] = {
            0x80, 0x1c, 0x01, 0x03, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x2f,
            0x0f, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, 0x09, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x00,
        };
        struct s2n_connection *conn = serve(config, sslv2, sizeof(sslv2), &rc, &err, &peer);
        EXPECT_EQUAL(rc, -1);
        EXPECT_EQUAL(err, S2N_ERR_CIPHER_NOT_SUPPORTED);
        EXPECT_EQUAL(s2n_connection_get_client_hello_version(conn), S2N_SSLv2);
        EXPECT_EQUAL(s2n_connection_get_client_protocol_version(conn), S2N_TLS10);
        EXPECT_TRUE(s2n_connection_get_actual_protocol_version(conn) <= S2N_TLS12);
        close(peer);
        EXPECT_SUCCESS(s2n_connection_free(conn));
    }

    /* TLS_FALLBACK_SCSV from a TLS 1.2 client to a TLS 1.3 server: inappropriate_fallback. */
    {
        size_t len = client_hello(hello, 0x0301, 0x0303, 0);
        /* turn the 0x0004-byte suite list's first suite into the SCSV */
        hello[5 + 4 + 2 + 32 + 1 + 2] = 0x56;
        hello[5 + 4 + 2 + 32 + 1 + 3] = 0x00;
        struct s2n_connection *conn = serve(config, hello, len, &rc, &err, &peer);
        EXPECT_EQUAL(err, S2N_ERR_FALLBACK_DETECTED);
        uint8_t alert[7] = { 0 };
        EXPECT_EQUAL(read(peer, alert, sizeof(alert)), 7);
        EXPECT_EQUAL(alert[6], 86);
        close(peer);
        EXPECT_SUCCESS(s2n_connection_free(conn));
    }

    EXPECT_SUCCESS(s2n_config_free(config));
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
