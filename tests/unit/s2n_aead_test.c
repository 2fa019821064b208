/* Unit tests of libtls/crypto/s2n_aead.c: AES-128-GCM and AES-256-GCM
 * (GCM specification test cases 4 and 16), ChaCha20-Poly1305 (RFC 8439
 * section 2.8.2), in-place operation, rekeying and tag failures. */
#include "s2n_testlib.h"
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

struct aead_case {
    s2n_aead_alg alg;
    const char *key, *nonce, *aad, *plain, *cipher, *tag;
};

#define GCM_P "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525" \
            "b16aedf5aa0de657ba637b39"
#define GCM_A "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define GCM_IV "cafebabefacedbaddecaf888"

static const struct aead_case cases[] = {
    { S2N_AEAD_AES_128_GCM, "feffe9928665731c6d6a8f9467308308", GCM_IV, GCM_A, GCM_P,
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
            "1ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47" },
    { S2N_AEAD_AES_256_GCM, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", GCM_IV, GCM_A, GCM_P,
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
            "c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b" },
    { S2N_AEAD_CHACHA20_POLY1305, "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "070000004041424344454647",
            "50515253c0c1c2c3c4c5c6c7",
            /* "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,
             * sunscreen would be it." */
            "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a20496620492063"
            "6f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
            "637265656e20776f756c642062652069742e",
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
            "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            "3ff4def08e4b7a9de576d26586cec64b6116",
            "1ae10b594f09e26a7e902ecbd0600691" },
};

int main(void)
{
    BEGIN_TEST();
    EXPECT_SUCCESS(s2n_mem_init());
    EXPECT_SUCCESS(s2n_crypto_init());

    EXPECT_EQUAL(s2n_aead_key_size(S2N_AEAD_AES_128_GCM), 16);
    EXPECT_EQUAL(s2n_aead_key_size(S2N_AEAD_AES_256_GCM), 32);
    EXPECT_EQUAL(s2n_aead_key_size(S2N_AEAD_CHACHA20_POLY1305), 32);
    EXPECT_EQUAL(s2n_aead_key_size(S2N_AEAD_ALG_COUNT), 0);

    uint8_t key[32], nonce[12], aad[32], plain[256], want[256 + 16], buf[256 + 16], out[256 + 16];
    for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
        const struct aead_case *t = &cases[i];
        s2n_test_hex_to_bytes(t->key, key, sizeof(key));
        s2n_test_hex_to_bytes(t->nonce, nonce, sizeof(nonce));
        size_t aad_len = s2n_test_hex_to_bytes(t->aad, aad, sizeof(aad));
        size_t len = s2n_test_hex_to_bytes(t->plain, plain, sizeof(plain));
        EXPECT_EQUAL(s2n_test_hex_to_bytes(t->cipher, want, sizeof(want)), len);
        s2n_test_hex_to_bytes(t->tag, want + len, 16);

        struct s2n_aead enc = { 0 }, dec = { 0 };
        EXPECT_SUCCESS(s2n_aead_set_key(&enc, t->alg, 1, key));
        EXPECT_SUCCESS(s2n_aead_set_key(&dec, t->alg, 0, key));

        /* Separate buffers. */
        EXPECT_SUCCESS(s2n_aead_seal(&enc, nonce, aad, aad_len, plain, len, out));
        EXPECT_BYTES_EQUAL(out, want, len + 16);
        memset(buf, 0, sizeof(buf));
        EXPECT_SUCCESS(s2n_aead_open(&dec, nonce, aad, aad_len, out, len + 16, buf));
        EXPECT_BYTES_EQUAL(buf, plain, len);

        /* In place, twice with the same context (only the nonce is reset). */
        for (int round = 0; round < 2; round++) {
            memcpy(buf, plain, len);
            EXPECT_SUCCESS(s2n_aead_seal(&enc, nonce, aad, aad_len, buf, len, buf));
            EXPECT_BYTES_EQUAL(buf, want, len + 16);
            EXPECT_SUCCESS(s2n_aead_open(&dec, nonce, aad, aad_len, buf, len + 16, buf));
            EXPECT_BYTES_EQUAL(buf, plain, len);
        }

        /* Two input pieces (the record layer's content || type): the same
         * bytes as one piece, at every split point, with or without aliasing
         * the first piece and the output. */
        for (size_t split = 0; split <= len; split += (split < 20 || split + 20 > len) ? 1 : 7) {
            memset(out, 0, sizeof(out));
            EXPECT_SUCCESS(s2n_aead_seal2(&enc, nonce, aad, aad_len, plain, split, plain + split, len - split, out));
            EXPECT_BYTES_EQUAL(out, want, len + 16);
            memcpy(buf, plain, split);
            EXPECT_SUCCESS(s2n_aead_seal2(&enc, nonce, aad, aad_len, buf, split, plain + split, len - split, buf));
            EXPECT_BYTES_EQUAL(buf, want, len + 16);
        }
        EXPECT_SUCCESS(s2n_aead_seal2(&enc, nonce, aad, aad_len, NULL, 0, NULL, 0, out));
        EXPECT_SUCCESS(s2n_aead_open(&dec, nonce, aad, aad_len, out, 16, NULL));
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_seal2(&enc, nonce, aad, aad_len, plain, len, NULL, 1, out), S2N_ERR_NULL);
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_seal2(&dec, nonce, aad, aad_len, plain, 1, plain + 1, 1, out), S2N_ERR_KEY_INIT);

        /* Flipped bits in the tag, the ciphertext or the AAD: S2N_ERR_DECRYPT,
         * and the output is wiped. */
        memcpy(buf, want, len + 16);
        buf[len + 3] ^= 0x01;
        memset(out, 0x55, sizeof(out));
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_open(&dec, nonce, aad, aad_len, buf, len + 16, out), S2N_ERR_DECRYPT);
        EXPECT_EQUAL(out[0], 0);
        memcpy(buf, want, len + 16);
        buf[5] ^= 0x80;
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_open(&dec, nonce, aad, aad_len, buf, len + 16, buf), S2N_ERR_DECRYPT);
        memcpy(buf, want, len + 16);
        aad[0] ^= 1;
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_open(&dec, nonce, aad, aad_len, buf, len + 16, out), S2N_ERR_DECRYPT);
        aad[0] ^= 1;
        /* A wrong nonce. */
        nonce[11] ^= 1;
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_open(&dec, nonce, aad, aad_len, buf, len + 16, out), S2N_ERR_DECRYPT);
        nonce[11] ^= 1;
        /* The context still works after failures. */
        EXPECT_SUCCESS(s2n_aead_open(&dec, nonce, aad, aad_len, buf, len + 16, out));
        EXPECT_BYTES_EQUAL(out, plain, len);
        /* Too short to hold a tag. */
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_open(&dec, nonce, aad, aad_len, buf, 15, out), S2N_ERR_DECRYPT);
        /* Wrong direction. */
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_seal(&dec, nonce, aad, aad_len, plain, len, out), S2N_ERR_KEY_INIT);
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_open(&enc, nonce, aad, aad_len, buf, len + 16, out), S2N_ERR_KEY_INIT);

        /* Empty plaintext and no AAD: just a tag, which must verify. */
        EXPECT_SUCCESS(s2n_aead_seal(&enc, nonce, NULL, 0, NULL, 0, out));
        EXPECT_SUCCESS(s2n_aead_open(&dec, nonce, NULL, 0, out, 16, NULL));
        out[0] ^= 1;
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_open(&dec, nonce, NULL, 0, out, 16, NULL), S2N_ERR_DECRYPT);

        /* Rekeying in place: a different key changes the output, the old
         * key comes back; the context is not reallocated. */
        void *ctx = enc.ctx;
        uint8_t key2[32];
        memcpy(key2, key, sizeof(key2));
        key2[0] ^= 0xff;
        EXPECT_SUCCESS(s2n_aead_set_key(&enc, t->alg, 1, key2));
        EXPECT_TRUE(enc.ctx == ctx);
        EXPECT_SUCCESS(s2n_aead_seal(&enc, nonce, aad, aad_len, plain, len, out));
        EXPECT_TRUE(memcmp(out, want, len + 16) != 0);
        EXPECT_FAILURE_WITH_ERRNO(s2n_aead_open(&dec, nonce, aad, aad_len, out, len + 16, buf), S2N_ERR_DECRYPT);
        EXPECT_SUCCESS(s2n_aead_set_key(&enc, t->alg, 1, key));
        EXPECT_SUCCESS(s2n_aead_seal(&enc, nonce, aad, aad_len, plain, len, out));
        EXPECT_BYTES_EQUAL(out, want, len + 16);

        s2n_aead_free(&enc);
        s2n_aead_free(&dec);
        EXPECT_NULL(enc.ctx);
    }

    /* Switching algorithm and direction on one context. */
    struct s2n_aead a = { 0 };
    s2n_test_hex_to_bytes(cases[0].key, key, 16);
    EXPECT_SUCCESS(s2n_aead_set_key(&a, S2N_AEAD_AES_128_GCM, 1, key));
    s2n_test_hex_to_bytes(cases[2].key, key, 32);
    EXPECT_SUCCESS(s2n_aead_set_key(&a, S2N_AEAD_CHACHA20_POLY1305, 0, key));
    size_t len = s2n_test_hex_to_bytes(cases[2].cipher, buf, sizeof(buf));
    s2n_test_hex_to_bytes(cases[2].tag, buf + len, 16);
    s2n_test_hex_to_bytes(cases[2].nonce, nonce, 12);
    size_t aad_len = s2n_test_hex_to_bytes(cases[2].aad, aad, sizeof(aad));
    EXPECT_SUCCESS(s2n_aead_open(&a, nonce, aad, aad_len, buf, len + 16, buf));
    EXPECT_BYTES_EQUAL(buf, "Ladies and Gentlemen", 20);
    EXPECT_FAILURE_WITH_ERRNO(s2n_aead_set_key(&a, S2N_AEAD_ALG_COUNT, 0, key), S2N_ERR_CIPHER_NOT_SUPPORTED);
    s2n_aead_free(&a);
    s2n_aead_free(NULL);

    /* Not keyed yet. */
    struct s2n_aead none = { 0 };
    EXPECT_FAILURE_WITH_ERRNO(s2n_aead_seal(&none, nonce, NULL, 0, plain, 4, out), S2N_ERR_KEY_INIT);

    s2n_crypto_cleanup();
    END_TEST();
}
