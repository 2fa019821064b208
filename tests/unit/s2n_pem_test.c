/* Unit tests of libtls/crypto/s2n_pem.c: certificate blocks in strict and
 * lenient mode, base64 edge cases, callback failures. */
#include "s2n_testlib.h"
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

struct collect {
    int count;
    uint32_t lens[8];
    uint8_t first[64];
    int fail_at; /* return -1 on this call (1-based), 0: never */
};

static int collect_cb(void *ctx, const uint8_t *der, uint32_t len)
{
    struct collect *c = ctx;
    c->count++;
    if (c->count <= 8) {
        c->lens[c->count - 1] = len;
    }
    if (c->count == 1) {
        memcpy(c->first, der, len < sizeof(c->first) ? len : sizeof(c->first));
    }
    return c->count == c->fail_at ? -1 : 0;
}

static int run(const char *pem, int strict, struct collect *c)
{
    memset(c, 0, sizeof(*c));
    return s2n_pem_for_each_cert((const uint8_t *) pem, (uint32_t) strlen(pem), strict, collect_cb, c);
}

/* "hello world!" is aGVsbG8gd29ybGQh; "hi" is aGk= ; "abcd" is YWJjZA== */
#define CERT(b64) "-----BEGIN CERTIFICATE-----\n" b64 "\n-----END CERTIFICATE-----\n"

int main(void)
{
    BEGIN_TEST();
    EXPECT_SUCCESS(s2n_mem_init());
    struct collect c;

    /* One block, all padding variants. */
    EXPECT_SUCCESS(run(CERT("aGVsbG8gd29ybGQh"), 1, &c));
    EXPECT_EQUAL(c.count, 1);
    EXPECT_EQUAL(c.lens[0], 12);
    EXPECT_BYTES_EQUAL(c.first, "hello world!", 12);
    EXPECT_SUCCESS(run(CERT("aGk="), 1, &c));
    EXPECT_EQUAL(c.lens[0], 2);
    EXPECT_BYTES_EQUAL(c.first, "hi", 2);
    EXPECT_SUCCESS(run(CERT("YWJjZA=="), 1, &c));
    EXPECT_EQUAL(c.lens[0], 4);
    EXPECT_BYTES_EQUAL(c.first, "abcd", 4);

    /* Base64 split over lines of any length, CRLF line ends, blank lines
     * and indentation around blocks. */
    EXPECT_SUCCESS(run("\n\n  -----BEGIN CERTIFICATE-----\r\naGVs\r\nbG8gd2\r\n9ybGQh\r\n-----END CERTIFICATE-----  \r\n\n"
                       "\t\n" CERT("aGk=") "\n",
            1, &c));
    EXPECT_EQUAL(c.count, 2);
    EXPECT_EQUAL(c.lens[0], 12);
    EXPECT_EQUAL(c.lens[1], 2);
    /* No trailing newline. */
    EXPECT_SUCCESS(run("-----BEGIN CERTIFICATE-----\naGk=\n-----END CERTIFICATE-----", 1, &c));
    EXPECT_EQUAL(c.count, 1);

    /* Junk outside blocks: strict fails, lenient skips. */
    const char *junk = "subject=CN = localhost\n" CERT("aGk=") "trailing words\n";
    EXPECT_FAILURE_WITH_ERRNO(run(junk, 1, &c), S2N_ERR_INVALID_PEM);
    EXPECT_SUCCESS(run(junk, 0, &c));
    EXPECT_EQUAL(c.count, 1);
    EXPECT_FAILURE_WITH_ERRNO(run(CERT("aGk=") "x", 1, &c), S2N_ERR_INVALID_PEM);

    /* Other block types: strict fails, lenient skips the whole block. */
    const char *mixed = "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n" CERT("aGk=")
            "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n" CERT("YWJjZA==");
    EXPECT_FAILURE_WITH_ERRNO(run(mixed, 1, &c), S2N_ERR_INVALID_PEM);
    EXPECT_SUCCESS(run(mixed, 0, &c));
    EXPECT_EQUAL(c.count, 2);
    EXPECT_EQUAL(c.lens[0], 2);
    EXPECT_EQUAL(c.lens[1], 4);

    /* No certificate at all. */
    EXPECT_FAILURE_WITH_ERRNO(run("", 1, &c), S2N_ERR_NO_CERTIFICATE_IN_PEM);
    EXPECT_FAILURE_WITH_ERRNO(run("\n \n", 1, &c), S2N_ERR_NO_CERTIFICATE_IN_PEM);
    EXPECT_FAILURE_WITH_ERRNO(run("just text\n", 0, &c), S2N_ERR_NO_CERTIFICATE_IN_PEM);
    EXPECT_FAILURE_WITH_ERRNO(run("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", 0, &c),
            S2N_ERR_NO_CERTIFICATE_IN_PEM);
    EXPECT_FAILURE_WITH_ERRNO(s2n_pem_for_each_cert(NULL, 0, 1, collect_cb, &c), S2N_ERR_NO_CERTIFICATE_IN_PEM);

    /* Broken blocks fail in both modes. */
    const char *broken[] = {
        "-----BEGIN CERTIFICATE-----\naGk=\n",                                      /* no END */
        "-----BEGIN CERTIFICATE-----\naGk=\n-----END PRIVATE KEY-----\n",          /* wrong END */
        "-----BEGIN CERTIFICATE-----\naGk=\n" CERT("aGk="),                         /* nested BEGIN */
        CERT(""),                                                                  /* empty */
        CERT("aGk"),                                                               /* not a multiple of 4 */
        CERT("aG=k"),                                                              /* padding inside */
        CERT("a==="),                                                              /* too much padding */
        CERT("aGk=aGk="),                                                          /* data after padding */
        CERT("aGk*"),                                                              /* bad character */
        CERT("Proc-Type: 4,ENCRYPTED\n\naGk="),                                    /* headers */
        "-----BEGIN CERTIFICATE----\naGk=\n-----END CERTIFICATE-----\n",           /* short dashes: not a boundary */
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(broken); i++) {
        int rc_strict = run(broken[i], 1, &c);
        int err_strict = s2n_errno;
        int rc_lenient = run(broken[i], 0, &c);
        int err_lenient = s2n_errno;
        s2n_test_reportf(rc_strict < 0 && err_strict == S2N_ERR_INVALID_PEM, __FILE__, __LINE__, "broken[%zu] strict", i);
        /* Lenient mode skips the unrecognised last case as text. */
        int want_lenient = i == S2N_ARRAY_LEN(broken) - 1 ? S2N_ERR_NO_CERTIFICATE_IN_PEM : S2N_ERR_INVALID_PEM;
        s2n_test_reportf(rc_lenient < 0 && err_lenient == want_lenient, __FILE__, __LINE__, "broken[%zu] lenient", i);
    }

    /* A NUL terminator counted in the length is tolerated. */
    const char *withnul = CERT("aGk=");
    memset(&c, 0, sizeof(c));
    EXPECT_SUCCESS(s2n_pem_for_each_cert((const uint8_t *) withnul, (uint32_t) strlen(withnul) + 1, 1, collect_cb, &c));
    EXPECT_EQUAL(c.count, 1);

    /* A failing callback stops the walk and fails the call. */
    memset(&c, 0, sizeof(c));
    c.fail_at = 1;
    const char *two = CERT("aGk=") CERT("aGk=");
    EXPECT_FAILURE(s2n_pem_for_each_cert((const uint8_t *) two, (uint32_t) strlen(two), 1, collect_cb, &c));
    EXPECT_EQUAL(c.count, 1);

    /* A real chain from the test PKI: two certificates. */
    size_t len = 0;
    char *pem = s2n_test_read_file(TEST_SRCDIR "/pki/server-ecdsa-p256-chain.pem", &len);
    REQUIRE(pem != NULL);
    memset(&c, 0, sizeof(c));
    EXPECT_SUCCESS(s2n_pem_for_each_cert((const uint8_t *) pem, (uint32_t) len, 1, collect_cb, &c));
    EXPECT_EQUAL(c.count, 2);
    EXPECT_EQUAL(c.first[0], 0x30); /* DER SEQUENCE */
    free(pem);
    pem = s2n_test_read_file(TEST_SRCDIR "/pki/server-intermediate-ecdsa-chain.pem", &len);
    REQUIRE(pem != NULL);
    memset(&c, 0, sizeof(c));
    EXPECT_SUCCESS(s2n_pem_for_each_cert((const uint8_t *) pem, (uint32_t) len, 1, collect_cb, &c));
    EXPECT_EQUAL(c.count, 3);
    free(pem);

    END_TEST();
}
