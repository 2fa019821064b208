/* Unit tests of libtls/crypto/s2n_x509.c with the test PKI: trust stores,
 * chain verification (trust, validity, depth, intent) and the subject-name
 * iterator. */
#include <pthread.h>
#include "s2n_testlib.h"
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

#define MAX_CERTS 4

struct chain {
    struct s2n_der certs[MAX_CERTS];
    uint32_t count;
};

static int add_cert(void *ctx, const uint8_t *der, uint32_t len)
{
    struct chain *c = ctx;
    if (c->count >= MAX_CERTS) {
        return -1;
    }
    uint8_t *copy = malloc(len);
    if (copy == NULL) {
        return -1;
    }
    memcpy(copy, der, len);
    c->certs[c->count].data = copy;
    c->certs[c->count].len = len;
    c->count++;
    return 0;
}

static char *read_pki(const char *file)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/pki/%s", TEST_SRCDIR, file);
    size_t len = 0;
    return s2n_test_read_file(path, &len);
}

static int load_chain(const char *file, struct chain *c)
{
    memset(c, 0, sizeof(*c));
    char *pem = read_pki(file);
    if (pem == NULL) {
        return -1;
    }
    int rc = s2n_pem_for_each_cert((const uint8_t *) pem, (uint32_t) strlen(pem), 1, add_cert, c);
    free(pem);
    return rc;
}

static void free_chain(struct chain *c)
{
    for (uint32_t i = 0; i < c->count; i++) {
        free((void *) c->certs[i].data);
    }
    memset(c, 0, sizeof(*c));
}

static int add_pem_file(struct s2n_trust_store *ts, const char *file)
{
    char *pem = read_pki(file);
    if (pem == NULL) {
        return -1;
    }
    int rc = s2n_trust_store_add_pem(ts, pem);
    free(pem);
    return rc;
}

struct names {
    char seen[8][64];
    int count;
    const char *stop_at;
};

static int name_cb(void *ctx, const char *name, size_t len)
{
    struct names *n = ctx;
    if (n->count < 8 && len < 64) {
        memcpy(n->seen[n->count], name, len);
        n->seen[n->count][len] = '\0';
    }
    n->count++;
    return n->stop_at != NULL && strlen(n->stop_at) == len && memcmp(n->stop_at, name, len) == 0;
}

static int verify(struct s2n_trust_store *ts, const char *file, const struct s2n_x509_verify_params *p, uint32_t use)
{
    struct chain c;
    if (load_chain(file, &c) < 0) {
        return -2;
    }
    int rc = s2n_x509_verify_chain(ts, c.certs, use ? use : c.count, p);
    int err = s2n_errno;
    free_chain(&c);
    s2n_errno = err;
    return rc;
}

struct verify_job {
    struct s2n_trust_store *ts;
    int ok;
};

/* Verify good and bad chains many times; ok = every verdict was right. */
static void *verify_thread(void *arg)
{
    struct verify_job *job = arg;
    const struct s2n_x509_verify_params server = { .max_depth = 7, .check_time = 1, .check_intent = 1, .peer_is_server = 1 };
    struct chain good, expired, untrusted;
    if (load_chain("server-ecdsa-p256-chain.pem", &good) < 0 || load_chain("server-expired-ecdsa-chain.pem", &expired) < 0
            || load_chain("server-untrusted-ecdsa-chain.pem", &untrusted) < 0) {
        return NULL;
    }
    int ok = 1;
    for (int i = 0; i < 50 && ok; i++) {
        struct s2n_x509_chain ch;
        struct s2n_pkey key = { 0 };
        s2n_x509_chain_init(&ch, job->ts, good.certs, good.count);
        ok &= s2n_x509_chain_leaf_key(&ch, &key) == 0 && key.type == S2N_PKEY_ECDSA;
        ok &= s2n_x509_chain_verify(&ch, &server) == 0;
        s2n_x509_chain_free(&ch);
        s2n_pkey_free(&key);
        ok &= s2n_x509_verify_chain(job->ts, expired.certs, expired.count, &server) < 0 && s2n_errno == S2N_ERR_CERT_EXPIRED;
        ok &= s2n_x509_verify_chain(job->ts, untrusted.certs, untrusted.count, &server) < 0
                && s2n_errno == S2N_ERR_CERT_UNTRUSTED;
    }
    free_chain(&good);
    free_chain(&expired);
    free_chain(&untrusted);
    job->ok = ok;
    return NULL;
}

int main(void)
{
    BEGIN_TEST();
    EXPECT_SUCCESS(s2n_mem_init());
    EXPECT_SUCCESS(s2n_crypto_init());

    const struct s2n_x509_verify_params server = { .max_depth = 7, .check_time = 1, .check_intent = 1, .peer_is_server = 1 };
    const struct s2n_x509_verify_params client = { .max_depth = 7, .check_time = 1, .check_intent = 1, .peer_is_server = 0 };

    /* An empty store trusts nothing. */
    struct s2n_trust_store ts = { 0 };
    EXPECT_TRUE(s2n_trust_store_is_empty(&ts));
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-ecdsa-p256-chain.pem", &server, 0), S2N_ERR_CERT_UNTRUSTED);

    EXPECT_SUCCESS(add_pem_file(&ts, "ca-ecdsa-cert.pem"));
    EXPECT_FALSE(s2n_trust_store_is_empty(&ts));
    EXPECT_EQUAL(ts.count, 1);
    /* Adding the same anchor again is harmless. */
    EXPECT_SUCCESS(add_pem_file(&ts, "ca-ecdsa-cert.pem"));

    /* Good chains, with and without the root, every key type under it. */
    EXPECT_SUCCESS(verify(&ts, "server-ecdsa-p256-chain.pem", &server, 0));
    EXPECT_SUCCESS(verify(&ts, "server-ecdsa-p256-chain.pem", &server, 1));
    EXPECT_SUCCESS(verify(&ts, "server-ecdsa-p384-chain.pem", &server, 0));
    EXPECT_SUCCESS(verify(&ts, "server-ecdsa-p521-chain.pem", &server, 0));
    EXPECT_SUCCESS(verify(&ts, "server-ed25519-chain.pem", &server, 0));
    EXPECT_SUCCESS(verify(&ts, "client-ecdsa-p256-chain.pem", &client, 0));

    /* RSA chains are untrusted until the RSA root is added. */
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-rsa-2048-chain.pem", &server, 0), S2N_ERR_CERT_UNTRUSTED);
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-rsa-2048-chain.pem", &server, 1), S2N_ERR_CERT_UNTRUSTED);
    EXPECT_SUCCESS(s2n_trust_store_load_locations(&ts, TEST_SRCDIR "/pki/ca-rsa-cert.pem", NULL));
    EXPECT_SUCCESS(verify(&ts, "server-rsa-2048-chain.pem", &server, 0));
    EXPECT_SUCCESS(verify(&ts, "server-rsa-pss-2048-chain.pem", &server, 0));
    EXPECT_FAILURE_WITH_ERRNO(s2n_trust_store_load_locations(&ts, TEST_SRCDIR "/pki/no-such-file.pem", NULL),
            S2N_ERR_X509_TRUST_STORE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_trust_store_load_locations(&ts, NULL, NULL), S2N_ERR_X509_TRUST_STORE);

    /* Untrusted issuer. */
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-untrusted-ecdsa-chain.pem", &server, 0), S2N_ERR_CERT_UNTRUSTED);
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-untrusted-ecdsa-chain.pem", &server, 1), S2N_ERR_CERT_UNTRUSTED);
    /* The untrusted root itself, as a self-signed leaf. */
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "untrusted-ca-cert.pem", &server, 0), S2N_ERR_CERT_UNTRUSTED);

    /* Validity period. */
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-expired-ecdsa-chain.pem", &server, 0), S2N_ERR_CERT_EXPIRED);
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-notyetvalid-ecdsa-chain.pem", &server, 0), S2N_ERR_CERT_NOT_YET_VALID);
    struct s2n_x509_verify_params p = server;
    p.check_time = 0;
    EXPECT_SUCCESS(verify(&ts, "server-expired-ecdsa-chain.pem", &p, 0));
    EXPECT_SUCCESS(verify(&ts, "server-notyetvalid-ecdsa-chain.pem", &p, 0));
    p = server;
    p.now_seconds = 1559347200; /* 2019-06-01: before every certificate's notBefore */
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-ecdsa-p256-chain.pem", &p, 0), S2N_ERR_CERT_NOT_YET_VALID);
    p.now_seconds = 4115491200ULL; /* 2100-06-01 */
    EXPECT_SUCCESS(verify(&ts, "server-notyetvalid-ecdsa-chain.pem", &p, 0));
    EXPECT_SUCCESS(verify(&ts, "server-ecdsa-p256-chain.pem", &p, 0));
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-expired-ecdsa-chain.pem", &p, 0), S2N_ERR_CERT_EXPIRED);

    /* Depth: leaf <- intermediate <- root. */
    p = server;
    EXPECT_SUCCESS(verify(&ts, "server-intermediate-ecdsa-chain.pem", &p, 0));
    p.max_depth = 3;
    EXPECT_SUCCESS(verify(&ts, "server-intermediate-ecdsa-chain.pem", &p, 0));
    p.max_depth = 2;
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-intermediate-ecdsa-chain.pem", &p, 0), S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED);
    EXPECT_SUCCESS(verify(&ts, "server-intermediate-ecdsa-chain.pem", &p, 2));
    p.max_depth = 1;
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-intermediate-ecdsa-chain.pem", &p, 2), S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED);
    EXPECT_SUCCESS(verify(&ts, "server-ecdsa-p256-chain.pem", &p, 1));
    /* Without the intermediate the leaf cannot be chained. */
    p = server;
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-intermediate-ecdsa-chain.pem", &p, 1), S2N_ERR_CERT_UNTRUSTED);
    /* max_depth 0 means the default (7). */
    p.max_depth = 0;
    EXPECT_SUCCESS(verify(&ts, "server-intermediate-ecdsa-chain.pem", &p, 0));

    /* Intent: a client certificate is not a server certificate and vice versa. */
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "client-ecdsa-p256-chain.pem", &server, 0), S2N_ERR_CERT_INVALID);
    EXPECT_FAILURE_WITH_ERRNO(verify(&ts, "server-ecdsa-p256-chain.pem", &client, 0), S2N_ERR_CERT_INVALID);
    p = server;
    p.check_intent = 0;
    EXPECT_SUCCESS(verify(&ts, "client-ecdsa-p256-chain.pem", &p, 0));

    /* Garbage certificates. */
    struct s2n_der junk[2] = { { (const uint8_t *) "\x30\x03\x02\x01\x01", 5 }, { NULL, 0 } };
    EXPECT_FAILURE_WITH_ERRNO(s2n_x509_verify_chain(&ts, junk, 1, &server), S2N_ERR_DECODE_CERTIFICATE);
    struct chain c;
    EXPECT_SUCCESS(load_chain("server-ecdsa-p256-chain.pem", &c));
    junk[0] = c.certs[0];
    EXPECT_FAILURE_WITH_ERRNO(s2n_x509_verify_chain(&ts, junk, 2, &server), S2N_ERR_DECODE_CERTIFICATE);
    junk[0].len--; /* truncated */
    EXPECT_FAILURE_WITH_ERRNO(s2n_x509_verify_chain(&ts, junk, 1, &server), S2N_ERR_DECODE_CERTIFICATE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_trust_store_add_der(&ts, junk[0].data, junk[0].len), S2N_ERR_DECODE_CERTIFICATE);
    /* A tampered signature. */
    uint8_t *tampered = malloc(c.certs[0].len);
    REQUIRE(tampered != NULL);
    memcpy(tampered, c.certs[0].data, c.certs[0].len);
    tampered[c.certs[0].len - 5] ^= 0x01;
    junk[0].data = tampered;
    junk[0].len = c.certs[0].len;
    EXPECT_FAILURE(s2n_x509_verify_chain(&ts, junk, 1, &server));
    free(tampered);

    /* Trust store PEM parsing is strict. */
    EXPECT_FAILURE_WITH_ERRNO(
            s2n_trust_store_add_pem(&ts, "junk\n-----BEGIN CERTIFICATE-----\naGk=\n-----END CERTIFICATE-----\n"),
            S2N_ERR_INVALID_PEM);
    EXPECT_FAILURE_WITH_ERRNO(s2n_trust_store_add_pem(&ts, "-----BEGIN CERTIFICATE-----\naGk=\n-----END CERTIFICATE-----\n"),
            S2N_ERR_DECODE_CERTIFICATE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_trust_store_add_pem(&ts, ""), S2N_ERR_NO_CERTIFICATE_IN_PEM);

    /* Names: SAN dNSName and iPAddress, in order; no CN when a DNS SAN exists. */
    struct names n;
    int matched = -1;
    memset(&n, 0, sizeof(n));
    EXPECT_SUCCESS(s2n_x509_for_each_name(c.certs[0].data, c.certs[0].len, name_cb, &n, &matched));
    EXPECT_EQUAL(matched, 0);
    EXPECT_EQUAL(n.count, 3);
    EXPECT_STRING_EQUAL(n.seen[0], "localhost");
    EXPECT_STRING_EQUAL(n.seen[1], "*.example.com");
    EXPECT_STRING_EQUAL(n.seen[2], "127.0.0.1");
    memset(&n, 0, sizeof(n));
    n.stop_at = "*.example.com";
    EXPECT_SUCCESS(s2n_x509_for_each_name(c.certs[0].data, c.certs[0].len, name_cb, &n, &matched));
    EXPECT_EQUAL(matched, 1);
    EXPECT_EQUAL(n.count, 2);
    /* The root has no SAN: its CN is offered instead. */
    memset(&n, 0, sizeof(n));
    EXPECT_SUCCESS(s2n_x509_for_each_name(c.certs[1].data, c.certs[1].len, name_cb, &n, &matched));
    EXPECT_EQUAL(n.count, 1);
    EXPECT_STRING_EQUAL(n.seen[0], "libs2n test ECDSA root");
    EXPECT_EQUAL(matched, 0);
    EXPECT_FAILURE_WITH_ERRNO(s2n_x509_for_each_name((const uint8_t *) "xx", 2, name_cb, &n, &matched),
            S2N_ERR_DECODE_CERTIFICATE);
    free_chain(&c);

    /* The parse-once chain: key, verification and names from one parse. */
    EXPECT_SUCCESS(load_chain("server-ecdsa-p256-chain.pem", &c));
    {
        struct s2n_x509_chain ch;
        struct s2n_pkey key = { 0 }, ref = { 0 };
        s2n_x509_chain_init(&ch, &ts, c.certs, c.count);
        EXPECT_SUCCESS(s2n_x509_chain_leaf_key(&ch, &key));
        EXPECT_SUCCESS(s2n_pkey_from_cert_der(&ref, c.certs[0].data, c.certs[0].len));
        EXPECT_EQUAL(key.type, S2N_PKEY_ECDSA);
        EXPECT_EQUAL(key.curve, S2N_GROUP_SECP256R1);
        EXPECT_EQUAL(key.bits, ref.bits);
        EXPECT_SUCCESS(s2n_pkey_check_match(&key, &ref));
        EXPECT_SUCCESS(s2n_x509_chain_verify(&ch, &server));
        EXPECT_FAILURE_WITH_ERRNO(s2n_x509_chain_verify(&ch, &client), S2N_ERR_CERT_INVALID);
        memset(&n, 0, sizeof(n));
        n.stop_at = "127.0.0.1";
        EXPECT_SUCCESS(s2n_x509_chain_for_each_name(&ch, name_cb, &n, &matched));
        EXPECT_EQUAL(matched, 1);
        EXPECT_EQUAL(n.count, 3);
        s2n_x509_chain_free(&ch);
        s2n_x509_chain_free(&ch);
        /* The key outlives the chain (and the cached certificate). */
        s2n_pkey_free(&ref);
        EXPECT_SUCCESS(s2n_pkey_from_cert_der(&ref, c.certs[0].data, c.certs[0].len));
        EXPECT_SUCCESS(s2n_pkey_check_match(&key, &ref));

        /* Without a trust store (no cache, nothing to verify against). */
        s2n_x509_chain_init(&ch, NULL, c.certs, 1);
        s2n_pkey_free(&key);
        EXPECT_SUCCESS(s2n_x509_chain_leaf_key(&ch, &key));
        EXPECT_SUCCESS(s2n_pkey_check_match(&key, &ref));
        EXPECT_FAILURE_WITH_ERRNO(s2n_x509_chain_verify(&ch, &server), S2N_ERR_NULL);
        s2n_x509_chain_free(&ch);

        /* Bad input. */
        s2n_x509_chain_init(&ch, &ts, c.certs, 0);
        EXPECT_FAILURE_WITH_ERRNO(s2n_x509_chain_leaf_key(&ch, &key), S2N_ERR_DECODE_CERTIFICATE);
        EXPECT_FAILURE_WITH_ERRNO(s2n_x509_chain_verify(&ch, &server), S2N_ERR_DECODE_CERTIFICATE);
        s2n_x509_chain_free(&ch);
        struct s2n_der bad = { (const uint8_t *) "\x30\x03\x02\x01\x01", 5 };
        s2n_x509_chain_init(&ch, &ts, &bad, 1);
        EXPECT_FAILURE_WITH_ERRNO(s2n_x509_chain_leaf_key(&ch, &key), S2N_ERR_DECODE_CERTIFICATE);
        EXPECT_FAILURE_WITH_ERRNO(s2n_x509_chain_for_each_name(&ch, name_cb, &n, &matched), S2N_ERR_DECODE_CERTIFICATE);
        s2n_x509_chain_free(&ch);
        struct s2n_x509_chain zero = { 0 };
        s2n_x509_chain_free(&zero);
        s2n_pkey_free(&key);
        s2n_pkey_free(&ref);
    }

    /* The cache is keyed by the exact bytes: a certificate seen (and
     * cached) before, altered in one byte of its signature, or of its
     * body, is a different certificate and fails. */
    {
        uint8_t *copy = malloc(c.certs[0].len);
        REQUIRE(copy != NULL);
        struct s2n_der alt[2] = { { copy, c.certs[0].len }, c.certs[1] };
        for (int k = 0; k < 2; k++) {
            memcpy(copy, c.certs[0].data, c.certs[0].len);
            EXPECT_SUCCESS(s2n_x509_verify_chain(&ts, alt, 2, &server));
            copy[k == 0 ? c.certs[0].len - 3 : c.certs[0].len / 2] ^= 0x04;
            EXPECT_FAILURE(s2n_x509_verify_chain(&ts, alt, 2, &server));
            EXPECT_FAILURE(s2n_x509_verify_chain(&ts, alt, 2, &server));
            memcpy(copy, c.certs[0].data, c.certs[0].len);
            EXPECT_SUCCESS(s2n_x509_verify_chain(&ts, alt, 2, &server));
        }
        free(copy);
    }
    free_chain(&c);

    /* More distinct certificates than cache slots, twice over: eviction
     * never changes a verdict. */
    {
        static const char *const files[] = { "server-ecdsa-p256-chain.pem", "server-ecdsa-p384-chain.pem",
            "server-ecdsa-p521-chain.pem", "server-ed25519-chain.pem", "server-rsa-2048-chain.pem",
            "server-rsa-pss-2048-chain.pem", "server-intermediate-ecdsa-chain.pem", "server-untrusted-ecdsa-chain.pem",
            "server-expired-ecdsa-chain.pem", "server-notyetvalid-ecdsa-chain.pem", "client-ecdsa-p256-chain.pem",
            "server-mismatch-ecdsa-chain.pem", "untrusted-ca-cert.pem" };
        int first[S2N_ARRAY_LEN(files)];
        for (int round = 0; round < 3; round++) {
            for (size_t i = 0; i < S2N_ARRAY_LEN(files); i++) {
                int rc = verify(&ts, files[i], &server, 0);
                int verdict = rc == 0 ? 0 : s2n_errno;
                if (round == 0) {
                    first[i] = verdict;
                } else {
                    EXPECT_EQUAL(verdict, first[i]);
                }
            }
        }
        EXPECT_EQUAL(first[0], 0);
        EXPECT_EQUAL(first[7], S2N_ERR_CERT_UNTRUSTED);
        EXPECT_EQUAL(first[8], S2N_ERR_CERT_EXPIRED);
        EXPECT_EQUAL(first[10], S2N_ERR_CERT_INVALID);
    }

    /* One trust store (and its cache) shared by threads. */
    {
        pthread_t th[4];
        struct verify_job jobs[4];
        for (int i = 0; i < 4; i++) {
            jobs[i].ts = &ts;
            jobs[i].ok = 0;
            REQUIRE(pthread_create(&th[i], NULL, verify_thread, &jobs[i]) == 0);
        }
        for (int i = 0; i < 4; i++) {
            REQUIRE(pthread_join(th[i], NULL) == 0);
            EXPECT_EQUAL(jobs[i].ok, 1);
        }
    }

    s2n_trust_store_free(&ts);
    EXPECT_TRUE(s2n_trust_store_is_empty(&ts));
    s2n_trust_store_free(&ts);

    /* System store. */
    struct s2n_trust_store sys = { 0 };
    EXPECT_SUCCESS(s2n_trust_store_load_system(&sys));
    EXPECT_SUCCESS(s2n_trust_store_load_system(&sys));
    EXPECT_FALSE(s2n_trust_store_is_empty(&sys));
    EXPECT_FAILURE_WITH_ERRNO(verify(&sys, "server-ecdsa-p256-chain.pem", &server, 0), S2N_ERR_CERT_UNTRUSTED);
    s2n_trust_store_free(&sys);

    s2n_crypto_cleanup();
    END_TEST();
}
