/* In-process TLS 1.3 handshakes between our client and our server: every
 * suite x group x certificate type, blocking and non-blocking, HRR,
 * KeyUpdate both ways, and 1 MiB each way checked byte for byte. */
#include "s2n_testlib.h"
#include "tls/s2n_connection.h"
#include "tls/s2n_security_policy.h"

static const struct {
    const char *chain, *key, *ca;
} certs[] = {
    { "server-ecdsa-p256-chain.pem", "server-ecdsa-p256-key.pem", "ca-ecdsa-cert.pem" },
    { "server-ecdsa-p384-chain.pem", "server-ecdsa-p384-key.pem", "ca-ecdsa-cert.pem" },
    { "server-rsa-2048-chain.pem", "server-rsa-2048-key.pem", "ca-rsa-cert.pem" },
    { "server-rsa-pss-2048-chain.pem", "server-rsa-pss-2048-key.pem", "ca-rsa-cert.pem" },
};

static const uint8_t suite_ids[][2] = { { 0x13, 0x01 }, { 0x13, 0x02 }, { 0x13, 0x03 } };
static const uint16_t groups[] = { 29, 23, 24, 25 };

static struct s2n_security_policy narrow(const char *base, const struct s2n_cipher_suite **suite, uint16_t *group)
{
    struct s2n_security_policy copy;
    s2n_test_policy_narrow(&copy, base, suite, group);
    return copy;
}

int main(void)
{
    BEGIN_TEST_INIT();

    for (size_t c = 0; c < S2N_ARRAY_LEN(certs); c++) {
        struct s2n_cert_chain_and_key *ck = NULL;
        struct s2n_config *server_config = s2n_test_server_config("default_tls13", certs[c].chain, certs[c].key, &ck);
        struct s2n_config *client_config = s2n_test_client_config("default_tls13", certs[c].ca);
        for (size_t s = 0; s < S2N_ARRAY_LEN(suite_ids); s++) {
            for (size_t g = 0; g < S2N_ARRAY_LEN(groups); g++) {
                for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
                    const struct s2n_cipher_suite *suite = s2n_cipher_suite_from_iana(suite_ids[s]);
                    uint16_t group = groups[g];
                    struct s2n_security_policy policy = narrow("test_all_tls13", &suite, &group);
                    struct s2n_test_pair pair;
                    REQUIRE(s2n_test_pair_new(&pair, client_config, server_config, nonblocking) == 0);
                    pair.client->policy_override = &policy;
                    REQUIRE(s2n_set_server_name(pair.client, "localhost") == 0);
                    int cerr = 0, serr = 0;
                    int rc = s2n_test_negotiate(&pair, &cerr, &serr);
                    s2n_test_reportf(rc == 0, __FILE__, __LINE__, "handshake %s %s %s %s: client %s server %s",
                            certs[c].chain, suite->name, s2n_group_name(group), nonblocking ? "nonblocking" : "blocking",
                            s2n_strerror_name(cerr), s2n_strerror_name(serr));
                    if (rc == 0) {
                        EXPECT_STRING_EQUAL(s2n_connection_get_cipher(pair.client), suite->name);
                        EXPECT_STRING_EQUAL(s2n_connection_get_cipher(pair.server), suite->name);
                        EXPECT_STRING_EQUAL(s2n_connection_get_curve(pair.client), s2n_group_name(group));
                        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.client), S2N_TLS13);
                        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.server), S2N_TLS13);
                        EXPECT_SUCCESS(s2n_test_transfer(pair.client, pair.server, 20000));
                        EXPECT_SUCCESS(s2n_test_transfer(pair.server, pair.client, 20000));
                    }
                    s2n_test_pair_free(&pair);
                }
            }
        }
        EXPECT_SUCCESS(s2n_config_free(server_config));
        EXPECT_SUCCESS(s2n_config_free(client_config));
        EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    }

    /* Ed25519 certificates: no named policy lists ed25519 (0x0807), so a
     * policy copy that allows it, on both sides, every suite. */
    {
        struct s2n_cert_chain_and_key *ck = NULL;
        struct s2n_config *server_config = s2n_test_server_config("test_all_tls13", "server-ed25519-chain.pem",
                "server-ed25519-key.pem", &ck);
        struct s2n_config *client_config = s2n_test_client_config("test_all_tls13", "ca-ecdsa-cert.pem");
        const struct s2n_signature_scheme *ed25519 = s2n_signature_scheme_from_iana(0x0807);
        REQUIRE(ed25519 != NULL);
        const struct s2n_signature_scheme *schemes[] = { ed25519 };
        for (size_t s = 0; s < S2N_ARRAY_LEN(suite_ids); s++) {
            for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
                const struct s2n_cipher_suite *suite = s2n_cipher_suite_from_iana(suite_ids[s]);
                struct s2n_security_policy policy = narrow("test_all_tls13", &suite, NULL);
                policy.sig_schemes = schemes;
                policy.sig_scheme_count = 1;
                struct s2n_test_pair pair;
                REQUIRE(s2n_test_pair_new(&pair, client_config, server_config, nonblocking) == 0);
                pair.client->policy_override = &policy;
                pair.server->policy_override = &policy;
                REQUIRE(s2n_set_server_name(pair.client, "localhost") == 0);
                int cerr = 0, serr = 0;
                int rc = s2n_test_negotiate(&pair, &cerr, &serr);
                s2n_test_reportf(rc == 0, __FILE__, __LINE__, "Ed25519 handshake %s %s: client %s server %s", suite->name,
                        nonblocking ? "nonblocking" : "blocking", s2n_strerror_name(cerr), s2n_strerror_name(serr));
                if (rc == 0) {
                    EXPECT_EQUAL(pair.client->server_sig_scheme, 0x0807);
                    EXPECT_STRING_EQUAL(s2n_connection_get_cipher(pair.client), suite->name);
                    EXPECT_SUCCESS(s2n_test_transfer(pair.client, pair.server, 20000));
                    EXPECT_SUCCESS(s2n_test_transfer(pair.server, pair.client, 20000));
                }
                s2n_test_pair_free(&pair);
            }
        }
        EXPECT_SUCCESS(s2n_config_free(server_config));
        EXPECT_SUCCESS(s2n_config_free(client_config));
        EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    }

    /* HelloRetryRequest: the client's first share is x25519, the server only does P-256. */
    {
        struct s2n_cert_chain_and_key *ck = NULL;
        struct s2n_config *server_config = s2n_test_server_config("default_tls13", certs[0].chain, certs[0].key, &ck);
        struct s2n_config *client_config = s2n_test_client_config("test_all_tls13", certs[0].ca);
        for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
            uint16_t p256 = 23;
            struct s2n_security_policy server_policy = narrow("default_tls13", NULL, &p256);
            struct s2n_test_pair pair;
            REQUIRE(s2n_test_pair_new(&pair, client_config, server_config, nonblocking) == 0);
            pair.server->policy_override = &server_policy;
            REQUIRE(s2n_set_server_name(pair.client, "localhost") == 0);
            int cerr = 0, serr = 0;
            EXPECT_SUCCESS(s2n_test_negotiate(&pair, &cerr, &serr));
            EXPECT_NOT_NULL(strstr(s2n_connection_get_handshake_type_name(pair.client), "HELLO_RETRY_REQUEST"));
            EXPECT_NOT_NULL(strstr(s2n_connection_get_handshake_type_name(pair.server), "HELLO_RETRY_REQUEST"));
            EXPECT_STRING_EQUAL(s2n_connection_get_curve(pair.client), "secp256r1");
            EXPECT_STRING_EQUAL(s2n_connection_get_last_message_name(pair.client), "APPLICATION_DATA");

            /* KeyUpdate in both directions, then 1 MiB each way. */
            EXPECT_SUCCESS(s2n_connection_request_key_update(pair.client, S2N_KEY_UPDATE_NOT_REQUESTED));
            EXPECT_SUCCESS(s2n_test_transfer(pair.client, pair.server, 1000));
            EXPECT_SUCCESS(s2n_connection_request_key_update(pair.server, S2N_KEY_UPDATE_NOT_REQUESTED));
            EXPECT_SUCCESS(s2n_test_transfer(pair.server, pair.client, 1000));
            EXPECT_SUCCESS(s2n_test_transfer(pair.client, pair.server, 1 << 20));
            EXPECT_SUCCESS(s2n_test_transfer(pair.server, pair.client, 1 << 20));
            s2n_test_pair_free(&pair);
        }
        EXPECT_SUCCESS(s2n_config_free(server_config));
        EXPECT_SUCCESS(s2n_config_free(client_config));
        EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    }

    /* Memory calls: free_handshake and release_buffers keep the connection
     * usable, and a wiped pair handshakes again. */
    {
        struct s2n_cert_chain_and_key *ck = NULL;
        struct s2n_config *server_config = s2n_test_server_config("default", certs[0].chain, certs[0].key, &ck);
        struct s2n_config *client_config = s2n_test_client_config("default", certs[0].ca);
        struct s2n_test_pair pair;
        REQUIRE(s2n_test_pair_new(&pair, client_config, server_config, 1) == 0);
        for (int round = 0; round < 3; round++) {
            REQUIRE(s2n_set_server_name(pair.client, "localhost") == 0);
            int cerr = 0, serr = 0;
            EXPECT_SUCCESS(s2n_test_negotiate(&pair, &cerr, &serr));
            EXPECT_SUCCESS(s2n_connection_free_handshake(pair.client));
            EXPECT_SUCCESS(s2n_connection_free_handshake(pair.server));
            EXPECT_NULL(pair.client->hs);
            EXPECT_STRING_EQUAL(s2n_connection_get_cipher(pair.client), "TLS_AES_128_GCM_SHA256");
            EXPECT_STRING_EQUAL(s2n_get_server_name(pair.server), "localhost");
            EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.server), S2N_TLS13);
            EXPECT_SUCCESS(s2n_connection_release_buffers(pair.client));
            EXPECT_SUCCESS(s2n_connection_release_buffers(pair.server));
            EXPECT_EQUAL(pair.client->in.size + pair.client->out.size, 0);
            EXPECT_SUCCESS(s2n_test_transfer(pair.client, pair.server, 5000));
            EXPECT_SUCCESS(s2n_test_transfer(pair.server, pair.client, 5000));

            /* Unread data: release_buffers refuses and loses nothing. */
            s2n_blocked_status blocked;
            uint8_t two[2] = { 0xa5, 0x5a }, got[2] = { 0 };
            EXPECT_EQUAL(s2n_send(pair.client, two, 2, &blocked), 2);
            ssize_t r = -1;
            for (int i = 0; i < 100 && r < 0; i++) {
                r = s2n_recv(pair.server, got, 1, &blocked);
            }
            EXPECT_EQUAL(r, 1);
            EXPECT_EQUAL(s2n_peek(pair.server), 1);
            EXPECT_FAILURE_WITH_ERRNO(s2n_connection_release_buffers(pair.server), S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA);
            EXPECT_EQUAL(s2n_recv(pair.server, got + 1, 1, &blocked), 1);
            EXPECT_EQUAL(got[1], 0x5a);

            EXPECT_SUCCESS(s2n_connection_wipe(pair.client));
            EXPECT_SUCCESS(s2n_connection_wipe(pair.server));
            EXPECT_EQUAL(s2n_connection_get_client_protocol_version(pair.client), S2N_TLS13);
            EXPECT_EQUAL(s2n_connection_get_server_protocol_version(pair.client), 0);
            EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.server), 0);
            EXPECT_STRING_EQUAL(s2n_connection_get_handshake_type_name(pair.client), "INITIAL");
            REQUIRE(s2n_connection_set_fd(pair.client, pair.client_fd) == 0);
            REQUIRE(s2n_connection_set_fd(pair.server, pair.server_fd) == 0);
        }
        s2n_test_pair_free(&pair);
        EXPECT_SUCCESS(s2n_config_free(server_config));
        EXPECT_SUCCESS(s2n_config_free(client_config));
        EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    }

    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
