/* Server certificate selection by SNI: the names a chain's leaf offers are
 * extracted once when the chain is loaded (SAN dNSNames and iPAddresses,
 * else the subject CNs) and matched without decoding the certificate again;
 * the verdicts equal a walk over the certificate itself.  Handshakes with
 * one and with two certificates, SNI matching or not. */
#include "s2n_testlib.h"
#include "tls/s2n_connection.h"
#include "tls/s2n_handshake.h"

int s2n_host_matches_cert_name(const char *pattern, size_t plen, const char *host, size_t hlen);

static char *read_pki(const char *name)
{
    size_t len = 0;
    return s2n_test_read_file(s2n_test_pki(name), &len);
}

static struct s2n_cert_chain_and_key *load(const char *chain, const char *key)
{
    char *c = read_pki(chain), *k = read_pki(key);
    REQUIRE(c != NULL && k != NULL);
    struct s2n_cert_chain_and_key *ck = s2n_cert_chain_and_key_new();
    REQUIRE(ck != NULL);
    REQUIRE(s2n_cert_chain_and_key_load_pem(ck, c, k) == 0);
    free(c);
    free(k);
    return ck;
}

struct walk {
    const char *host;
};

static int walk_cb(void *ctx, const char *name, size_t len)
{
    const struct walk *w = ctx;
    return s2n_host_matches_cert_name(name, len, w->host, strlen(w->host));
}

/* The verdict of a walk over the leaf certificate itself. */
static int walk_matches(const struct s2n_cert_chain_and_key *ck, const char *host)
{
    struct walk w = { host };
    int matched = 0;
    if (s2n_x509_for_each_name(ck->certs[0].data, ck->certs[0].len, walk_cb, &w, &matched) < 0) {
        return 0;
    }
    return matched;
}

static int sni_matches(struct s2n_cert_chain_and_key *ck, const char *host)
{
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    REQUIRE(conn != NULL);
    REQUIRE(s2n_set_server_name(conn, host) == 0);
    int m = s2n_cert_matches_sni(conn, ck);
    REQUIRE(s2n_connection_free(conn) == 0);
    return m;
}

static int handshake(struct s2n_config *client_config, struct s2n_config *server_config, const char *host)
{
    struct s2n_test_pair pair;
    int cerr = 0, serr = 0;
    REQUIRE(s2n_test_pair_new(&pair, client_config, server_config, 1) == 0);
    REQUIRE(s2n_set_server_name(pair.client, host) == 0);
    int rc = s2n_test_negotiate(&pair, &cerr, &serr);
    s2n_test_pair_free(&pair);
    return rc;
}

int main(void)
{
    BEGIN_TEST_INIT();

    static const char *const hosts[] = { "localhost", "LOCALHOST", "www.example.com", "WWW.Example.COM", "example.com",
        "a.b.example.com", ".example.com", "127.0.0.1", "127.0.0.2", "other", "localhost.", "libs2n test ECDSA root",
        "x" };

    /* A leaf with DNS and IP subjectAltNames: exactly those, in order. */
    struct s2n_cert_chain_and_key *ecdsa = load("server-ecdsa-p256-chain.pem", "server-ecdsa-p256-key.pem");
    static const uint8_t want[] = "\x00\x09localhost\x00\x0d*.example.com\x00\x09" "127.0.0.1";
    EXPECT_EQUAL(ecdsa->sni_names_len, sizeof(want) - 1);
    EXPECT_BYTES_EQUAL(ecdsa->sni_names, want, sizeof(want) - 1);
    for (size_t i = 0; i < S2N_ARRAY_LEN(hosts); i++) {
        EXPECT_EQUAL(sni_matches(ecdsa, hosts[i]), walk_matches(ecdsa, hosts[i]));
    }
    EXPECT_TRUE(sni_matches(ecdsa, "localhost"));
    EXPECT_TRUE(sni_matches(ecdsa, "www.example.com"));
    EXPECT_TRUE(sni_matches(ecdsa, "127.0.0.1"));
    EXPECT_FALSE(sni_matches(ecdsa, "example.com"));
    EXPECT_FALSE(sni_matches(ecdsa, "a.b.example.com"));
    EXPECT_FALSE(sni_matches(ecdsa, "other"));

    /* A leaf without subjectAltName (the CA certificate used as a leaf):
     * its common name. */
    struct s2n_cert_chain_and_key *root = load("ca-ecdsa-cert.pem", "ca-ecdsa-key.pem");
    static const uint8_t want_cn[] = "\x00\x16libs2n test ECDSA root";
    EXPECT_EQUAL(root->sni_names_len, sizeof(want_cn) - 1);
    EXPECT_BYTES_EQUAL(root->sni_names, want_cn, sizeof(want_cn) - 1);
    for (size_t i = 0; i < S2N_ARRAY_LEN(hosts); i++) {
        EXPECT_EQUAL(sni_matches(root, hosts[i]), walk_matches(root, hosts[i]));
    }
    EXPECT_TRUE(sni_matches(root, "libs2n test ECDSA root"));
    EXPECT_FALSE(sni_matches(root, "localhost"));

    /* Reloading a chain replaces its names; a failed load leaves none. */
    char *c = read_pki("server-ecdsa-p256-chain.pem"), *k = read_pki("server-ecdsa-p256-key.pem");
    char *rk = read_pki("ca-ecdsa-key.pem");
    REQUIRE(c != NULL && k != NULL && rk != NULL);
    EXPECT_SUCCESS(s2n_cert_chain_and_key_load_pem(root, c, k));
    EXPECT_EQUAL(root->sni_names_len, sizeof(want) - 1);
    EXPECT_TRUE(sni_matches(root, "localhost"));
    EXPECT_FAILURE(s2n_cert_chain_and_key_load_pem(root, c, rk));
    EXPECT_NULL(root->sni_names);
    EXPECT_EQUAL(root->sni_names_len, 0);
    EXPECT_FALSE(sni_matches(root, "localhost"));
    free(c);
    free(k);
    free(rk);
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(root));

    /* Handshakes: one certificate (the SNI pass is skipped) and two of
     * different key types (the SNI pass runs), SNI matching or not; TLS
     * 1.3 and TLS 1.2. */
    struct s2n_cert_chain_and_key *rsa = load("server-rsa-2048-chain.pem", "server-rsa-2048-key.pem");
    static const char *const policies[][2] = { { "default_tls13", "default_tls13" }, { "test_all_tls12", "test_all" } };
    for (size_t p = 0; p < S2N_ARRAY_LEN(policies); p++) {
        struct s2n_config *one = s2n_config_new();
        struct s2n_config *two = s2n_config_new();
        REQUIRE(one != NULL && two != NULL);
        EXPECT_SUCCESS(s2n_config_set_cipher_preferences(one, policies[p][1]));
        EXPECT_SUCCESS(s2n_config_set_cipher_preferences(two, policies[p][1]));
        EXPECT_SUCCESS(s2n_config_add_cert_chain_and_key_to_store(one, ecdsa));
        EXPECT_SUCCESS(s2n_config_add_cert_chain_and_key_to_store(two, rsa));
        EXPECT_SUCCESS(s2n_config_add_cert_chain_and_key_to_store(two, ecdsa));
        struct s2n_config *client_ecdsa = s2n_test_client_config(policies[p][0], "ca-ecdsa-cert.pem");
        struct s2n_config *client_rsa = s2n_test_client_config(policies[p][0], "ca-rsa-cert.pem");
        REQUIRE(client_ecdsa != NULL && client_rsa != NULL);
        EXPECT_SUCCESS(s2n_config_disable_x509_verification(client_ecdsa));
        EXPECT_SUCCESS(s2n_config_disable_x509_verification(client_rsa));
        EXPECT_SUCCESS(s2n_config_set_max_blinding_delay(one, 0));
        EXPECT_SUCCESS(s2n_config_set_max_blinding_delay(two, 0));

        EXPECT_SUCCESS(handshake(client_ecdsa, one, "localhost"));
        EXPECT_SUCCESS(handshake(client_ecdsa, one, "no-match.invalid"));
        EXPECT_SUCCESS(handshake(client_ecdsa, two, "localhost"));
        EXPECT_SUCCESS(handshake(client_ecdsa, two, "no-match.invalid"));
        EXPECT_SUCCESS(handshake(client_rsa, two, "www.example.com"));

        EXPECT_SUCCESS(s2n_config_free(one));
        EXPECT_SUCCESS(s2n_config_free(two));
        EXPECT_SUCCESS(s2n_config_free(client_ecdsa));
        EXPECT_SUCCESS(s2n_config_free(client_rsa));
    }

    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ecdsa));
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(rsa));
    END_TEST();
}
