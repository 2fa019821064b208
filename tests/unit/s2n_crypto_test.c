/* Unit tests of the crypto layer's lifecycle and randomness:
 * s2n_crypto_init/cleanup, s2n_random_bytes, s2n_random_below, helpers. */
#include "s2n_testlib.h"
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

int main(void)
{
    BEGIN_TEST();
    EXPECT_SUCCESS(s2n_mem_init());

    /* init is idempotent, cleanup frees everything and init works again. */
    EXPECT_SUCCESS(s2n_crypto_init());
    EXPECT_SUCCESS(s2n_crypto_init());
    s2n_crypto_cleanup();
    s2n_crypto_cleanup();
    EXPECT_SUCCESS(s2n_crypto_init());

    EXPECT_TRUE(s2n_crypto_openssl_version() >= 0x30000000UL);

    /* Random bytes: not all zero, two draws differ. */
    uint8_t a[64] = { 0 }, b[64] = { 0 }, zero[64] = { 0 };
    EXPECT_SUCCESS(s2n_random_bytes(a, sizeof(a)));
    EXPECT_SUCCESS(s2n_random_bytes(b, sizeof(b)));
    EXPECT_TRUE(memcmp(a, zero, sizeof(a)) != 0);
    EXPECT_TRUE(memcmp(a, b, sizeof(a)) != 0);
    EXPECT_SUCCESS(s2n_random_bytes(NULL, 0));
    EXPECT_FAILURE_WITH_ERRNO(s2n_random_bytes(NULL, 1), S2N_ERR_NULL);

    /* random_below stays in range and reaches every value of a small range. */
    uint64_t v = 0;
    EXPECT_FAILURE_WITH_ERRNO(s2n_random_below(0, &v), S2N_ERR_SAFETY);
    int seen[7] = { 0 };
    int in_range = 1;
    for (int i = 0; i < 700; i++) {
        if (s2n_random_below(7, &v) < 0 || v >= 7) {
            in_range = 0;
            break;
        }
        seen[v]++;
    }
    EXPECT_TRUE(in_range);
    int all_seen = 1;
    for (int i = 0; i < 7; i++) {
        all_seen &= seen[i] > 0;
    }
    EXPECT_TRUE(all_seen);
    EXPECT_SUCCESS(s2n_random_below(1, &v));
    EXPECT_EQUAL(v, 0);
    EXPECT_SUCCESS(s2n_random_below(UINT64_MAX, &v));
    EXPECT_TRUE(v < UINT64_MAX);

    /* Constant-time helpers. */
    EXPECT_TRUE(s2n_constant_time_equals(a, a, sizeof(a)));
    EXPECT_FALSE(s2n_constant_time_equals(a, b, sizeof(a)));
    EXPECT_FALSE(s2n_constant_time_equals(NULL, b, sizeof(a)));
    s2n_cleanse(a, sizeof(a));
    EXPECT_BYTES_EQUAL(a, zero, sizeof(a));

    s2n_crypto_cleanup();
    END_TEST();
}
