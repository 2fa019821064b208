/* Unit tests of libtls/crypto/s2n_hkdf.c: HMAC (RFC 4231), HKDF (RFC 5869
 * appendix A, test cases 1-3) and HKDF-Expand-Label against the RFC 8448
 * "Simple 1-RTT Handshake" key schedule. */
#include "s2n_testlib.h"
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

struct hkdf_case {
    const char *ikm, *salt, *info, *prk, *okm;
};

static const struct hkdf_case rfc5869[] = {
    /* A.1: basic test case with SHA-256 */
    { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9",
            "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865" },
    /* A.2: longer inputs and outputs */
    { "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
      "404142434445464748494a4b4c4d4e4f",
            "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
            "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
            "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
            "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
            "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
            "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            "cc30c58179ec3e87c14c01d5c1f3434f1d87" },
    /* A.3: zero-length salt and info */
    { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
            "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8" },
};

static size_t hex(const char *h, uint8_t *out, size_t max)
{
    return s2n_test_hex_to_bytes(h, out, max);
}

int main(void)
{
    BEGIN_TEST();
    EXPECT_SUCCESS(s2n_mem_init());
    EXPECT_SUCCESS(s2n_crypto_init());

    uint8_t ikm[128], salt[128], info[128], prk[64], okm[128], want_prk[64], want_okm[128], out[256];

    for (size_t i = 0; i < S2N_ARRAY_LEN(rfc5869); i++) {
        const struct hkdf_case *t = &rfc5869[i];
        size_t ikm_len = hex(t->ikm, ikm, sizeof(ikm));
        size_t salt_len = hex(t->salt, salt, sizeof(salt));
        size_t info_len = hex(t->info, info, sizeof(info));
        hex(t->prk, want_prk, sizeof(want_prk));
        size_t okm_len = hex(t->okm, want_okm, sizeof(want_okm));
        EXPECT_SUCCESS(s2n_hkdf_extract(S2N_HASH_SHA256, salt, salt_len, ikm, ikm_len, prk));
        EXPECT_BYTES_EQUAL(prk, want_prk, 32);
        memset(okm, 0, sizeof(okm));
        EXPECT_SUCCESS(s2n_hkdf_expand(S2N_HASH_SHA256, prk, 32, info, info_len, okm, okm_len));
        EXPECT_BYTES_EQUAL(okm, want_okm, okm_len);
        /* A shorter output is a prefix. */
        memset(okm, 0, sizeof(okm));
        EXPECT_SUCCESS(s2n_hkdf_expand(S2N_HASH_SHA256, prk, 32, info, info_len, okm, 7));
        EXPECT_BYTES_EQUAL(okm, want_okm, 7);
    }

    /* A NULL salt means HashLen zeros, which for A.3 gives the same PRK as
     * the empty salt (HMAC pads keys with zeros). */
    hex(rfc5869[2].ikm, ikm, sizeof(ikm));
    hex(rfc5869[2].prk, want_prk, sizeof(want_prk));
    EXPECT_SUCCESS(s2n_hkdf_extract(S2N_HASH_SHA256, NULL, 0, ikm, 22, prk));
    EXPECT_BYTES_EQUAL(prk, want_prk, 32);

    /* Output limits: 255 * HashLen. */
    uint8_t *big = malloc(255 * 32 + 1);
    REQUIRE(big != NULL);
    EXPECT_SUCCESS(s2n_hkdf_expand(S2N_HASH_SHA256, prk, 32, NULL, 0, big, 255 * 32));
    EXPECT_FAILURE_WITH_ERRNO(s2n_hkdf_expand(S2N_HASH_SHA256, prk, 32, NULL, 0, big, 255 * 32 + 1), S2N_ERR_HKDF_OUTPUT_SIZE);
    free(big);
    EXPECT_FAILURE_WITH_ERRNO(s2n_hkdf_expand(S2N_HASH_NONE, prk, 32, NULL, 0, out, 32), S2N_ERR_HMAC_INVALID_ALGORITHM);

    /* HMAC, RFC 4231 test case 2 ("Jefe"), SHA-256 and SHA-384. */
    uint8_t mac[64], want[64];
    const char *data = "what do ya want for nothing?";
    EXPECT_SUCCESS(s2n_hmac(S2N_HASH_SHA256, (const uint8_t *) "Jefe", 4, (const uint8_t *) data, strlen(data), mac));
    hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", want, sizeof(want));
    EXPECT_BYTES_EQUAL(mac, want, 32);
    EXPECT_SUCCESS(s2n_hmac(S2N_HASH_SHA384, (const uint8_t *) "Jefe", 4, (const uint8_t *) data, strlen(data), mac));
    hex("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649", want, 48);
    EXPECT_BYTES_EQUAL(mac, want, 48);
    /* RFC 4231 test case 6: a key longer than the block size. */
    uint8_t longkey[131];
    memset(longkey, 0xaa, sizeof(longkey));
    const char *tc6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    EXPECT_SUCCESS(s2n_hmac(S2N_HASH_SHA256, longkey, sizeof(longkey), (const uint8_t *) tc6, strlen(tc6), mac));
    hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", want, 32);
    EXPECT_BYTES_EQUAL(mac, want, 32);
    EXPECT_FAILURE_WITH_ERRNO(s2n_hmac(S2N_HASH_MD5_SHA1, longkey, 4, longkey, 4, mac), S2N_ERR_HMAC_INVALID_ALGORITHM);
    EXPECT_FAILURE_WITH_ERRNO(s2n_hmac(S2N_HASH_NONE, longkey, 4, longkey, 4, mac), S2N_ERR_HMAC_INVALID_ALGORITHM);

    /* TLS 1.2 P_hash: the widely used PRF test vectors (secret, "test label"
     * + seed) for SHA-256 (100 bytes) and SHA-384 (148 bytes). */
    {
        uint8_t sec[16], seed[64], prf[160], wantp[160];
        size_t seed_len = strlen("test label");
        memcpy(seed, "test label", seed_len);
        hex("9bbe436ba940f017b17652849a71db35", sec, sizeof(sec));
        seed_len += hex("a0ba9f936cda311827a6f796ffd5198c", seed + seed_len, sizeof(seed) - seed_len);
        hex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af"
            "0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
            "87347b66", wantp, sizeof(wantp));
        EXPECT_SUCCESS(s2n_hmac_p_hash(S2N_HASH_SHA256, sec, 16, seed, seed_len, prf, 100));
        EXPECT_BYTES_EQUAL(prf, wantp, 100);
        /* Every shorter output is a prefix (block boundaries included). */
        for (uint32_t n = 0; n <= 100; n += (n % 32 == 31 || n % 32 == 0) ? 1 : 10) {
            memset(prf, 0, sizeof(prf));
            EXPECT_SUCCESS(s2n_hmac_p_hash(S2N_HASH_SHA256, sec, 16, seed, seed_len, prf, n));
            EXPECT_BYTES_EQUAL(prf, wantp, n);
            EXPECT_EQUAL(prf[n], 0);
        }
        /* It is the RFC 5246 definition written with one-shot HMACs. */
        uint8_t a[32], ab[32 + 64], block[32], ref[100];
        EXPECT_SUCCESS(s2n_hmac(S2N_HASH_SHA256, sec, 16, seed, seed_len, a));
        for (uint32_t done = 0; done < 100; done += 32) {
            memcpy(ab, a, 32);
            memcpy(ab + 32, seed, seed_len);
            EXPECT_SUCCESS(s2n_hmac(S2N_HASH_SHA256, sec, 16, ab, 32 + seed_len, block));
            memcpy(ref + done, block, done + 32 <= 100 ? 32 : 100 - done);
            EXPECT_SUCCESS(s2n_hmac(S2N_HASH_SHA256, sec, 16, a, 32, a));
        }
        EXPECT_BYTES_EQUAL(ref, wantp, 100);

        seed_len = strlen("test label");
        hex("b80b733d6ceefcdc71566ea48e5567df", sec, sizeof(sec));
        seed_len += hex("cd665cf6a8447dd6ff8b27555edb7465", seed + seed_len, sizeof(seed) - seed_len);
        hex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0"
            "e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
            "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e099070"
            "3d73e56f", wantp, sizeof(wantp));
        EXPECT_SUCCESS(s2n_hmac_p_hash(S2N_HASH_SHA384, sec, 16, seed, seed_len, prf, 148));
        EXPECT_BYTES_EQUAL(prf, wantp, 148);

        EXPECT_SUCCESS(s2n_hmac_p_hash(S2N_HASH_SHA256, sec, 16, NULL, 0, prf, 32));
        EXPECT_FAILURE_WITH_ERRNO(s2n_hmac_p_hash(S2N_HASH_NONE, sec, 16, seed, seed_len, prf, 32),
                S2N_ERR_HMAC_INVALID_ALGORITHM);
        EXPECT_FAILURE_WITH_ERRNO(s2n_hmac_p_hash(S2N_HASH_SHA256, sec, 16, seed, seed_len, NULL, 32), S2N_ERR_NULL);
    }

    /* RFC 8448 section 3 (Simple 1-RTT Handshake), TLS_AES_128_GCM_SHA256. */
    uint8_t zeros[32] = { 0 }, early[32], derived[32], hs[32], th[32], empty_hash[32], secret[32];
    EXPECT_SUCCESS(s2n_hkdf_extract(S2N_HASH_SHA256, zeros, 32, zeros, 32, early));
    hex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a", want, 32);
    EXPECT_BYTES_EQUAL(early, want, 32);

    EXPECT_SUCCESS(s2n_hash_oneshot(S2N_HASH_SHA256, NULL, 0, empty_hash));
    EXPECT_SUCCESS(s2n_hkdf_expand_label(S2N_HASH_SHA256, early, 32, "derived", empty_hash, 32, derived, 32));
    hex("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba", want, 32);
    EXPECT_BYTES_EQUAL(derived, want, 32);

    uint8_t ecdhe[32];
    hex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d", ecdhe, 32);
    EXPECT_SUCCESS(s2n_hkdf_extract(S2N_HASH_SHA256, derived, 32, ecdhe, 32, hs));
    hex("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac", want, 32);
    EXPECT_BYTES_EQUAL(hs, want, 32);

    hex("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", th, 32);
    EXPECT_SUCCESS(s2n_hkdf_expand_label(S2N_HASH_SHA256, hs, 32, "c hs traffic", th, 32, secret, 32));
    hex("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", want, 32);
    EXPECT_BYTES_EQUAL(secret, want, 32);
    EXPECT_SUCCESS(s2n_hkdf_expand_label(S2N_HASH_SHA256, hs, 32, "s hs traffic", th, 32, secret, 32));
    hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", want, 32);
    EXPECT_BYTES_EQUAL(secret, want, 32);

    /* Traffic key and IV from the server handshake traffic secret. */
    uint8_t key[16], iv[12];
    EXPECT_SUCCESS(s2n_hkdf_expand_label(S2N_HASH_SHA256, secret, 32, "key", NULL, 0, key, 16));
    hex("3fce516009c21727d0f2e4e86ee403bc", want, 16);
    EXPECT_BYTES_EQUAL(key, want, 16);
    EXPECT_SUCCESS(s2n_hkdf_expand_label(S2N_HASH_SHA256, secret, 32, "iv", NULL, 0, iv, 12));
    hex("5d313eb2671276ee13000b30", want, 12);
    EXPECT_BYTES_EQUAL(iv, want, 12);

    /* Over-long label or context. */
    char label[252];
    memset(label, 'x', sizeof(label) - 1);
    label[sizeof(label) - 1] = '\0';
    EXPECT_FAILURE_WITH_ERRNO(s2n_hkdf_expand_label(S2N_HASH_SHA256, hs, 32, label, NULL, 0, out, 32), S2N_ERR_HKDF);
    EXPECT_FAILURE_WITH_ERRNO(s2n_hkdf_expand_label(S2N_HASH_SHA256, hs, 32, "k", out, 256, out, 32), S2N_ERR_HKDF);

    s2n_crypto_cleanup();
    END_TEST();
}
