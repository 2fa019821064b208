/* In-process TLS 1.2 handshakes between our client and our server: every
 * TLS 1.2 suite x certificate type x group, blocking and non-blocking, with
 * data both ways; version negotiation between TLS 1.2 and TLS 1.3 policies. */
#include "s2n_testlib.h"
#include "tls/s2n_connection.h"
#include "tls/s2n_security_policy.h"

static const struct {
    const char *chain, *key, *ca;
    int ecdsa;
} certs[] = {
    { "server-ecdsa-p256-chain.pem", "server-ecdsa-p256-key.pem", "ca-ecdsa-cert.pem", 1 },
    { "server-ecdsa-p384-chain.pem", "server-ecdsa-p384-key.pem", "ca-ecdsa-cert.pem", 1 },
    { "server-rsa-2048-chain.pem", "server-rsa-2048-key.pem", "ca-rsa-cert.pem", 0 },
    { "server-rsa-pss-2048-chain.pem", "server-rsa-pss-2048-key.pem", "ca-rsa-cert.pem", 0 },
};

static const uint8_t suite_ids[][2] = {
    { 0xC0, 0x2B }, { 0xC0, 0x2C }, { 0xCC, 0xA9 }, /* ECDHE-ECDSA */
    { 0xC0, 0x2F }, { 0xC0, 0x30 }, { 0xCC, 0xA8 }, /* ECDHE-RSA */
};
static const uint16_t groups[] = { 29, 23, 24, 25 };

static struct s2n_security_policy narrow(const char *base, const struct s2n_cipher_suite **suite, uint16_t *group)
{
    struct s2n_security_policy copy;
    s2n_test_policy_narrow(&copy, base, suite, group);
    return copy;
}

static int handshake(struct s2n_config *client_config, struct s2n_config *server_config,
        const struct s2n_security_policy *client_policy, const struct s2n_security_policy *server_policy, int nonblocking,
        struct s2n_test_pair *pair, int *cerr, int *serr)
{
    REQUIRE(s2n_test_pair_new(pair, client_config, server_config, nonblocking) == 0);
    pair->client->policy_override = client_policy;
    pair->server->policy_override = server_policy;
    REQUIRE(s2n_set_server_name(pair->client, "localhost") == 0);
    return s2n_test_negotiate(pair, cerr, serr);
}

int main(void)
{
    BEGIN_TEST_INIT();

    for (size_t c = 0; c < S2N_ARRAY_LEN(certs); c++) {
        struct s2n_cert_chain_and_key *ck = NULL;
        struct s2n_config *server_config = s2n_test_server_config("test_all", certs[c].chain, certs[c].key, &ck);
        struct s2n_config *client_config = s2n_test_client_config("test_all_tls12", certs[c].ca);
        for (size_t s = 0; s < S2N_ARRAY_LEN(suite_ids); s++) {
            const struct s2n_cipher_suite *suite = s2n_cipher_suite_from_iana(suite_ids[s]);
            if ((suite->auth == S2N_AUTH_ECDSA) != certs[c].ecdsa) {
                continue;
            }
            for (size_t g = 0; g < S2N_ARRAY_LEN(groups); g++) {
                for (int nonblocking = 0; nonblocking < 2; nonblocking++) {
                    uint16_t group = groups[g];
                    struct s2n_security_policy policy = narrow("test_all_tls12", &suite, &group);
                    struct s2n_test_pair pair;
                    int cerr = 0, serr = 0;
                    int rc = handshake(client_config, server_config, &policy, NULL, nonblocking, &pair, &cerr, &serr);
                    s2n_test_reportf(rc == 0, __FILE__, __LINE__, "TLS 1.2 handshake %s %s %s %s: client %s server %s",
                            certs[c].chain, suite->name, s2n_group_name(group), nonblocking ? "nonblocking" : "blocking",
                            s2n_strerror_name(cerr), s2n_strerror_name(serr));
                    if (rc == 0) {
                        EXPECT_STRING_EQUAL(s2n_connection_get_cipher(pair.client), suite->name);
                        EXPECT_STRING_EQUAL(s2n_connection_get_cipher(pair.server), suite->name);
                        EXPECT_STRING_EQUAL(s2n_connection_get_curve(pair.server), s2n_group_name(group));
                        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.client), S2N_TLS12);
                        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.server), S2N_TLS12);
                        EXPECT_STRING_EQUAL(s2n_connection_get_handshake_type_name(pair.client),
                                "NEGOTIATED|FULL_HANDSHAKE|TLS12_PERFECT_FORWARD_SECRECY");
                        EXPECT_TRUE(pair.client->hs->ems && pair.server->hs->ems);
                        EXPECT_SUCCESS(s2n_test_transfer(pair.client, pair.server, 70000));
                        EXPECT_SUCCESS(s2n_test_transfer(pair.server, pair.client, 70000));
                    }
                    s2n_test_pair_free(&pair);
                }
            }
        }
        EXPECT_SUCCESS(s2n_config_free(server_config));
        EXPECT_SUCCESS(s2n_config_free(client_config));
        EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    }

    /* Version negotiation and reporting (API.md 7.5). */
    {
        struct s2n_cert_chain_and_key *ck = NULL;
        struct s2n_config *server_config = s2n_test_server_config("default", certs[0].chain, certs[0].key, &ck);
        struct s2n_config *client_config = s2n_test_client_config("default", certs[0].ca);
        const struct s2n_security_policy *tls12_only = NULL, *tls13 = NULL;
        REQUIRE(s2n_security_policy_find("20240501", &tls12_only) == 0);
        REQUIRE(s2n_security_policy_find("default", &tls13) == 0);
        struct s2n_test_pair pair;
        int cerr = 0, serr = 0;

        /* TLS 1.2-only client, TLS 1.3 server. */
        EXPECT_SUCCESS(handshake(client_config, server_config, tls12_only, tls13, 1, &pair, &cerr, &serr));
        EXPECT_EQUAL(s2n_connection_get_client_protocol_version(pair.client), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_server_protocol_version(pair.client), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.client), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_client_hello_version(pair.client), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_client_protocol_version(pair.server), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_server_protocol_version(pair.server), S2N_TLS13);
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.server), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_client_hello_version(pair.server), S2N_TLS12);
        s2n_test_pair_free(&pair);

        /* TLS 1.3 client, TLS 1.2-only server: no downgrade alarm (the server can't do 1.3). */
        EXPECT_SUCCESS(handshake(client_config, server_config, tls13, tls12_only, 1, &pair, &cerr, &serr));
        EXPECT_EQUAL(s2n_connection_get_client_protocol_version(pair.client), S2N_TLS13);
        EXPECT_EQUAL(s2n_connection_get_server_protocol_version(pair.client), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.client), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_client_protocol_version(pair.server), S2N_TLS13);
        EXPECT_EQUAL(s2n_connection_get_server_protocol_version(pair.server), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.server), S2N_TLS12);
        s2n_test_pair_free(&pair);

        /* Both TLS 1.3. */
        EXPECT_SUCCESS(handshake(client_config, server_config, tls13, tls13, 1, &pair, &cerr, &serr));
        EXPECT_EQUAL(s2n_connection_get_server_protocol_version(pair.client), S2N_TLS13);
        EXPECT_EQUAL(s2n_connection_get_client_hello_version(pair.server), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.server), S2N_TLS13);
        s2n_test_pair_free(&pair);

        /* test_all_tls12 on both ends lands on TLS 1.2. */
        const struct s2n_security_policy *all12 = NULL;
        REQUIRE(s2n_security_policy_find("test_all_tls12", &all12) == 0);
        EXPECT_SUCCESS(handshake(client_config, server_config, all12, all12, 1, &pair, &cerr, &serr));
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.client), S2N_TLS12);
        EXPECT_EQUAL(s2n_connection_get_actual_protocol_version(pair.server), S2N_TLS12);
        s2n_test_pair_free(&pair);

        /* A TLS 1.3-only server refuses a TLS 1.2-only client with protocol_version. */
        const struct s2n_security_policy *only13 = NULL;
        REQUIRE(s2n_security_policy_find("AWS-CRT-SDK-TLSv1.3", &only13) == 0);
        EXPECT_FAILURE(handshake(client_config, server_config, tls12_only, only13, 1, &pair, &cerr, &serr));
        EXPECT_EQUAL(serr, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED);
        EXPECT_EQUAL(cerr, S2N_ERR_ALERT);
        EXPECT_EQUAL(s2n_connection_get_alert(pair.client), 70);
        s2n_test_pair_free(&pair);

        EXPECT_SUCCESS(s2n_config_free(server_config));
        EXPECT_SUCCESS(s2n_config_free(client_config));
        EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    }

    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
