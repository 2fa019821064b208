/* Unit tests of libtls/crypto/s2n_ecdhe.c: X25519 known answer (RFC 7748
 * section 6.1), round trips on every group, and rejection of bad peer
 * values. */
#include "s2n_testlib.h"
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

static const uint16_t groups[] = { S2N_GROUP_SECP256R1, S2N_GROUP_SECP384R1, S2N_GROUP_SECP521R1, S2N_GROUP_X25519 };

int main(void)
{
    BEGIN_TEST();
    EXPECT_SUCCESS(s2n_mem_init());
    EXPECT_SUCCESS(s2n_crypto_init());

    EXPECT_EQUAL(s2n_ecdhe_public_size(S2N_GROUP_SECP256R1), 65);
    EXPECT_EQUAL(s2n_ecdhe_public_size(S2N_GROUP_SECP384R1), 97);
    EXPECT_EQUAL(s2n_ecdhe_public_size(S2N_GROUP_SECP521R1), 133);
    EXPECT_EQUAL(s2n_ecdhe_public_size(S2N_GROUP_X25519), 32);
    EXPECT_EQUAL(s2n_ecdhe_public_size(30), 0);
    EXPECT_FALSE(s2n_ecdhe_group_supported(30));
    EXPECT_FALSE(s2n_ecdhe_group_supported(0));

    /* RFC 7748 section 6.1. */
    uint8_t a_priv[32], a_pub[32], b_priv[32], b_pub[32], shared[32], pub[32], out[S2N_ECDHE_MAX_SHARED_LEN];
    s2n_test_hex_to_bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a_priv, 32);
    s2n_test_hex_to_bytes("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", a_pub, 32);
    s2n_test_hex_to_bytes("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b_priv, 32);
    s2n_test_hex_to_bytes("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", b_pub, 32);
    s2n_test_hex_to_bytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", shared, 32);
    struct s2n_ecdhe_key alice = { 0 }, bob = { 0 };
    EXPECT_SUCCESS(s2n_ecdhe_set_private_raw(&alice, S2N_GROUP_X25519, a_priv, 32));
    EXPECT_SUCCESS(s2n_ecdhe_set_private_raw(&bob, S2N_GROUP_X25519, b_priv, 32));
    EXPECT_SUCCESS(s2n_ecdhe_write_public(&alice, pub, sizeof(pub)));
    EXPECT_BYTES_EQUAL(pub, a_pub, 32);
    EXPECT_SUCCESS(s2n_ecdhe_write_public(&bob, pub, sizeof(pub)));
    EXPECT_BYTES_EQUAL(pub, b_pub, 32);
    uint32_t out_len = sizeof(out);
    EXPECT_SUCCESS(s2n_ecdhe_compute_shared(&alice, b_pub, 32, out, &out_len));
    EXPECT_EQUAL(out_len, 32);
    EXPECT_BYTES_EQUAL(out, shared, 32);
    out_len = sizeof(out);
    EXPECT_SUCCESS(s2n_ecdhe_compute_shared(&bob, a_pub, 32, out, &out_len));
    EXPECT_BYTES_EQUAL(out, shared, 32);
    EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_set_private_raw(&alice, S2N_GROUP_X25519, a_priv, 31), S2N_ERR_ECDHE_GEN_KEY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_set_private_raw(&alice, S2N_GROUP_SECP256R1, a_priv, 32),
            S2N_ERR_ECDHE_UNSUPPORTED_CURVE);

    /* X25519 peer values that give an all-zero secret (u = 0, u = 1). */
    uint8_t small[32] = { 0 };
    out_len = sizeof(out);
    EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&bob, small, 32, out, &out_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
    small[0] = 1;
    out_len = sizeof(out);
    EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&bob, small, 32, out, &out_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
    out_len = sizeof(out);
    EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&bob, a_pub, 31, out, &out_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
    s2n_ecdhe_free(&alice);
    s2n_ecdhe_free(&bob);

    /* Round trips. */
    for (size_t g = 0; g < S2N_ARRAY_LEN(groups); g++) {
        const uint16_t iana = groups[g];
        const uint16_t size = s2n_ecdhe_public_size(iana);
        EXPECT_TRUE(s2n_ecdhe_group_supported(iana));
        struct s2n_ecdhe_key c = { 0 }, s = { 0 };
        uint8_t cpub[S2N_ECDHE_MAX_PUBLIC_LEN], spub[S2N_ECDHE_MAX_PUBLIC_LEN], bad[S2N_ECDHE_MAX_PUBLIC_LEN + 1];
        uint8_t k1[S2N_ECDHE_MAX_SHARED_LEN], k2[S2N_ECDHE_MAX_SHARED_LEN];
        uint32_t k1_len = sizeof(k1), k2_len = sizeof(k2);
        EXPECT_SUCCESS(s2n_ecdhe_generate(&c, iana));
        EXPECT_SUCCESS(s2n_ecdhe_generate(&s, iana));
        EXPECT_EQUAL(c.iana, iana);
        EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_write_public(&c, cpub, size - 1), S2N_ERR_ECDHE_SERIALIZING);
        EXPECT_SUCCESS(s2n_ecdhe_write_public(&c, cpub, size));
        EXPECT_SUCCESS(s2n_ecdhe_write_public(&s, spub, sizeof(spub)));
        if (iana != S2N_GROUP_X25519) {
            EXPECT_EQUAL(cpub[0], 0x04);
        }
        EXPECT_TRUE(memcmp(cpub, spub, size) != 0);
        EXPECT_SUCCESS(s2n_ecdhe_compute_shared(&c, spub, size, k1, &k1_len));
        EXPECT_SUCCESS(s2n_ecdhe_compute_shared(&s, cpub, size, k2, &k2_len));
        EXPECT_EQUAL(k1_len, k2_len);
        EXPECT_EQUAL(k1_len, iana == S2N_GROUP_SECP384R1 ? 48 : iana == S2N_GROUP_SECP521R1 ? 66 : 32);
        EXPECT_BYTES_EQUAL(k1, k2, k1_len);

        /* Regenerating replaces the key (and frees the old one). */
        EXPECT_SUCCESS(s2n_ecdhe_generate(&c, iana));
        uint8_t cpub2[S2N_ECDHE_MAX_PUBLIC_LEN];
        EXPECT_SUCCESS(s2n_ecdhe_write_public(&c, cpub2, size));
        EXPECT_TRUE(memcmp(cpub, cpub2, size) != 0);

        /* Wrong lengths. */
        k1_len = sizeof(k1);
        EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&c, spub, size - 1, k1, &k1_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
        memcpy(bad, spub, size);
        bad[size] = 0;
        k1_len = sizeof(k1);
        EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&c, bad, size + 1, k1, &k1_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
        /* Output buffer too small. */
        k1_len = 16;
        EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&c, spub, size, k1, &k1_len), S2N_ERR_ECDHE_SHARED_SECRET);

        if (iana != S2N_GROUP_X25519) {
            /* A point off the curve. */
            memcpy(bad, spub, size);
            bad[size - 1] ^= 0x01;
            k1_len = sizeof(k1);
            EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&c, bad, size, k1, &k1_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
            /* Not the uncompressed form. */
            memcpy(bad, spub, size);
            bad[0] = 0x02;
            k1_len = sizeof(k1);
            EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&c, bad, size, k1, &k1_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
            /* All zeros after the prefix: not a point. */
            memset(bad, 0, size);
            bad[0] = 0x04;
            k1_len = sizeof(k1);
            EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&c, bad, size, k1, &k1_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
        }
        s2n_ecdhe_free(&c);
        s2n_ecdhe_free(&s);
        EXPECT_NULL(c.pkey);
    }

    /* Mismatched group: a P-256 value given to a P-384 key. */
    struct s2n_ecdhe_key p256 = { 0 }, p384 = { 0 };
    uint8_t pub256[65], k[S2N_ECDHE_MAX_SHARED_LEN];
    uint32_t k_len = sizeof(k);
    EXPECT_SUCCESS(s2n_ecdhe_generate(&p256, S2N_GROUP_SECP256R1));
    EXPECT_SUCCESS(s2n_ecdhe_generate(&p384, S2N_GROUP_SECP384R1));
    EXPECT_SUCCESS(s2n_ecdhe_write_public(&p256, pub256, sizeof(pub256)));
    EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_compute_shared(&p384, pub256, 65, k, &k_len), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
    s2n_ecdhe_free(&p256);
    s2n_ecdhe_free(&p384);

    /* Unknown groups and empty keys. */
    struct s2n_ecdhe_key none = { 0 };
    EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_generate(&none, 30), S2N_ERR_ECDHE_UNSUPPORTED_CURVE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_ecdhe_write_public(&none, pub256, sizeof(pub256)), S2N_ERR_ECDHE_SERIALIZING);
    s2n_ecdhe_free(&none);
    s2n_ecdhe_free(NULL);

    s2n_crypto_cleanup();
    END_TEST();
}
