/* Unit tests of libtls/crypto/s2n_hash.c: known answers (FIPS 180-2
 * "abc"), running hashes, peek and copy. */
#include "s2n_testlib.h"
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

int main(void)
{
    BEGIN_TEST();
    EXPECT_SUCCESS(s2n_mem_init());
    EXPECT_SUCCESS(s2n_crypto_init());

    uint8_t want256[32], want384[48], want1[20], got[S2N_MAX_DIGEST_LEN];
    s2n_test_hex_to_bytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", want256, sizeof(want256));
    s2n_test_hex_to_bytes("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                          "8086072ba1e7cc2358baeca134c825a7", want384, sizeof(want384));
    s2n_test_hex_to_bytes("a9993e364706816aba3e25717850c26c9cd0d89d", want1, sizeof(want1));

    EXPECT_EQUAL(s2n_hash_digest_size(S2N_HASH_NONE), 0);
    EXPECT_EQUAL(s2n_hash_digest_size(S2N_HASH_SHA1), 20);
    EXPECT_EQUAL(s2n_hash_digest_size(S2N_HASH_SHA256), 32);
    EXPECT_EQUAL(s2n_hash_digest_size(S2N_HASH_SHA384), 48);
    EXPECT_EQUAL(s2n_hash_digest_size(S2N_HASH_SHA512), 64);
    EXPECT_EQUAL(s2n_hash_digest_size(S2N_HASH_MD5_SHA1), 36);
    EXPECT_EQUAL(s2n_hash_digest_size(S2N_HASH_ALG_COUNT), 0);

    /* One-shot. */
    EXPECT_SUCCESS(s2n_hash_oneshot(S2N_HASH_SHA256, "abc", 3, got));
    EXPECT_BYTES_EQUAL(got, want256, 32);
    EXPECT_SUCCESS(s2n_hash_oneshot(S2N_HASH_SHA384, "abc", 3, got));
    EXPECT_BYTES_EQUAL(got, want384, 48);
    EXPECT_SUCCESS(s2n_hash_oneshot(S2N_HASH_SHA1, "abc", 3, got));
    EXPECT_BYTES_EQUAL(got, want1, 20);
    EXPECT_FAILURE_WITH_ERRNO(s2n_hash_oneshot(S2N_HASH_NONE, "abc", 3, got), S2N_ERR_HASH_INVALID_ALGORITHM);

    /* SHA-256 of the empty string. */
    uint8_t empty256[32];
    s2n_test_hex_to_bytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty256, 32);
    EXPECT_SUCCESS(s2n_hash_oneshot(S2N_HASH_SHA256, NULL, 0, got));
    EXPECT_BYTES_EQUAL(got, empty256, 32);

    /* A zeroed struct is an empty state: update/peek refuse it. */
    struct s2n_hash h = { 0 };
    EXPECT_FAILURE_WITH_ERRNO(s2n_hash_update(&h, "a", 1), S2N_ERR_HASH_NOT_READY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_hash_peek(&h, got), S2N_ERR_HASH_NOT_READY);

    /* Running hash fed in pieces; peek leaves it running. */
    EXPECT_SUCCESS(s2n_hash_init(&h, S2N_HASH_SHA256));
    EXPECT_SUCCESS(s2n_hash_peek(&h, got));
    EXPECT_BYTES_EQUAL(got, empty256, 32);
    EXPECT_SUCCESS(s2n_hash_update(&h, "a", 1));
    EXPECT_SUCCESS(s2n_hash_update(&h, "", 0));
    EXPECT_SUCCESS(s2n_hash_update(&h, "b", 1));
    uint8_t ab[32];
    EXPECT_SUCCESS(s2n_hash_oneshot(S2N_HASH_SHA256, "ab", 2, ab));
    EXPECT_SUCCESS(s2n_hash_peek(&h, got));
    EXPECT_BYTES_EQUAL(got, ab, 32);
    EXPECT_SUCCESS(s2n_hash_peek(&h, got));
    EXPECT_BYTES_EQUAL(got, ab, 32);

    /* Copy: both continue independently. */
    struct s2n_hash c = { 0 };
    EXPECT_SUCCESS(s2n_hash_copy(&c, &h));
    EXPECT_EQUAL(c.alg, S2N_HASH_SHA256);
    EXPECT_SUCCESS(s2n_hash_update(&h, "c", 1));
    EXPECT_SUCCESS(s2n_hash_peek(&h, got));
    EXPECT_BYTES_EQUAL(got, want256, 32);
    EXPECT_SUCCESS(s2n_hash_peek(&c, got));
    EXPECT_BYTES_EQUAL(got, ab, 32);
    EXPECT_SUCCESS(s2n_hash_update(&c, "c", 1));
    EXPECT_SUCCESS(s2n_hash_peek(&c, got));
    EXPECT_BYTES_EQUAL(got, want256, 32);

    /* Copy into an existing state of another algorithm. */
    struct s2n_hash d = { 0 };
    EXPECT_SUCCESS(s2n_hash_init(&d, S2N_HASH_SHA384));
    EXPECT_SUCCESS(s2n_hash_copy(&d, &h));
    EXPECT_EQUAL(d.alg, S2N_HASH_SHA256);
    EXPECT_SUCCESS(s2n_hash_peek(&d, got));
    EXPECT_BYTES_EQUAL(got, want256, 32);

    /* Re-init reuses the context and switches algorithm. */
    void *ctx_before = h.ctx;
    EXPECT_SUCCESS(s2n_hash_init(&h, S2N_HASH_SHA384));
    EXPECT_TRUE(h.ctx == ctx_before);
    EXPECT_SUCCESS(s2n_hash_update(&h, "abc", 3));
    EXPECT_SUCCESS(s2n_hash_peek(&h, got));
    EXPECT_BYTES_EQUAL(got, want384, 48);

    /* Peeks interleaved with updates across algorithm switches: each sees
     * exactly the running state. */
    {
        struct s2n_hash t = { 0 };
        uint8_t step[48];
        for (int round = 0; round < 3; round++) {
            s2n_hash_alg alg = round == 1 ? S2N_HASH_SHA384 : S2N_HASH_SHA256;
            uint8_t dlen = s2n_hash_digest_size(alg);
            EXPECT_SUCCESS(s2n_hash_init(&t, alg));
            char text[16] = "abcdefghijklmno";
            for (uint32_t i = 1; i <= 15; i++) {
                EXPECT_SUCCESS(s2n_hash_update(&t, text + i - 1, 1));
                EXPECT_SUCCESS(s2n_hash_peek(&t, got));
                EXPECT_SUCCESS(s2n_hash_oneshot(alg, text, i, step));
                EXPECT_BYTES_EQUAL(got, step, dlen);
            }
        }
        s2n_hash_free(&t);
        EXPECT_NULL(t.ctx);
    }

    /* Copying an empty state empties the destination. */
    struct s2n_hash e = { 0 };
    EXPECT_SUCCESS(s2n_hash_copy(&d, &e));
    EXPECT_EQUAL(d.alg, S2N_HASH_NONE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_hash_update(&d, "a", 1), S2N_ERR_HASH_NOT_READY);

    /* MD5+SHA1 (TLS 1.0/1.1 signatures) is the concatenation. */
    uint8_t md5[16];
    s2n_test_hex_to_bytes("900150983cd24fb0d6963f7d28e17f72", md5, sizeof(md5));
    if (s2n_hash_oneshot(S2N_HASH_MD5_SHA1, "abc", 3, got) == 0) {
        EXPECT_BYTES_EQUAL(got, md5, 16);
        EXPECT_BYTES_EQUAL(got + 16, want1, 20);
    }

    s2n_hash_free(&h);
    s2n_hash_free(&c);
    s2n_hash_free(&d);
    s2n_hash_free(&e);
    EXPECT_NULL(h.ctx);
    s2n_hash_free(NULL);
    s2n_crypto_cleanup();
    END_TEST();
}
