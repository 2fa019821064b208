/* Record protection with AES-GCM and ChaCha20-Poly1305.
 *
 * One EVP_CIPHER_CTX per direction: allocated and keyed by the first
 * s2n_aead_set_key(), rekeyed in place by later ones.  Sealing or opening a
 * record sets only the nonce and runs a single pass over the payload. */
#include <openssl/core_names.h>
#include "crypto/s2n_crypto_internal.h"

static const uint8_t s2n_aead_key_sizes[S2N_AEAD_ALG_COUNT] = {
    [S2N_AEAD_AES_128_GCM] = 16,
    [S2N_AEAD_AES_256_GCM] = 32,
    [S2N_AEAD_CHACHA20_POLY1305] = 32,
};

uint8_t s2n_aead_key_size(s2n_aead_alg alg)
{
    if ((unsigned) alg >= S2N_AEAD_ALG_COUNT) {
        return 0;
    }
    return s2n_aead_key_sizes[alg];
}

S2N_RESULT s2n_aead_set_key(struct s2n_aead *a, s2n_aead_alg alg, int encrypt, const uint8_t *key)
{
    ENSURE_REF(a);
    ENSURE_REF(key);
    ENSURE((unsigned) alg < S2N_AEAD_ALG_COUNT, S2N_ERR_CIPHER_NOT_SUPPORTED);
    const EVP_CIPHER *cipher = s2n_crypto_state.aead[alg];
    ENSURE(cipher != NULL, S2N_ERR_CIPHER_NOT_SUPPORTED);

    if (a->ctx == NULL) {
        a->ctx = EVP_CIPHER_CTX_new();
        ENSURE(a->ctx != NULL, S2N_ERR_ALLOC);
        a->keyed = 0;
    }
    encrypt = encrypt ? 1 : 0;
    /* Same cipher and direction: only the key changes. */
    const int same = a->keyed && a->alg == alg && a->encrypt == encrypt;
    a->keyed = 0;
    GUARD_OSSL(EVP_CipherInit_ex2(a->ctx, same ? NULL : cipher, key, NULL, encrypt, NULL), S2N_ERR_KEY_INIT);
    a->alg = (uint8_t) alg;
    a->encrypt = (uint8_t) encrypt;
    a->keyed = 1;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_aead_seal2(struct s2n_aead *a, const uint8_t nonce[S2N_AEAD_NONCE_LEN], const uint8_t *aad, uint32_t aad_len,
        const uint8_t *in, uint32_t in_len, const uint8_t *trailer, uint32_t trailer_len, uint8_t *out)
{
    ENSURE_REF(a);
    ENSURE_REF(nonce);
    ENSURE_REF(out);
    ENSURE(aad != NULL || aad_len == 0, S2N_ERR_NULL);
    ENSURE(in != NULL || in_len == 0, S2N_ERR_NULL);
    ENSURE(trailer != NULL || trailer_len == 0, S2N_ERR_NULL);
    ENSURE(a->keyed && a->encrypt, S2N_ERR_KEY_INIT);
    ENSURE(trailer_len <= INT32_MAX - S2N_AEAD_TAG_LEN && in_len <= INT32_MAX - S2N_AEAD_TAG_LEN - trailer_len,
            S2N_ERR_ENCRYPT);
    ENSURE(aad_len <= INT32_MAX, S2N_ERR_ENCRYPT);
    const uint32_t body_len = in_len + trailer_len;

    EVP_CIPHER_CTX *ctx = a->ctx;
    int n = 0;
    GUARD_OSSL(EVP_CipherInit_ex2(ctx, NULL, NULL, nonce, -1, NULL), S2N_ERR_ENCRYPT);
    if (aad_len > 0) {
        GUARD_OSSL(EVP_EncryptUpdate(ctx, NULL, &n, aad, (int) aad_len), S2N_ERR_ENCRYPT);
    }
    int total = 0;
    if (in_len > 0) {
        GUARD_OSSL(EVP_EncryptUpdate(ctx, out, &n, in, (int) in_len), S2N_ERR_ENCRYPT);
        total = n;
    }
    if (trailer_len > 0) {
        GUARD_OSSL(EVP_EncryptUpdate(ctx, out + total, &n, trailer, (int) trailer_len), S2N_ERR_ENCRYPT);
        total += n;
    }
    GUARD_OSSL(EVP_EncryptFinal_ex(ctx, out + total, &n), S2N_ERR_ENCRYPT);
    total += n;
    ENSURE(total == (int) body_len, S2N_ERR_ENCRYPT);
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, out + body_len, S2N_AEAD_TAG_LEN);
    params[1] = OSSL_PARAM_construct_end();
    GUARD_OSSL(EVP_CIPHER_CTX_get_params(ctx, params), S2N_ERR_ENCRYPT);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_aead_seal(struct s2n_aead *a, const uint8_t nonce[S2N_AEAD_NONCE_LEN], const uint8_t *aad, uint32_t aad_len,
        const uint8_t *in, uint32_t in_len, uint8_t *out)
{
    return s2n_aead_seal2(a, nonce, aad, aad_len, in, in_len, NULL, 0, out);
}

S2N_RESULT s2n_aead_open(struct s2n_aead *a, const uint8_t nonce[S2N_AEAD_NONCE_LEN], const uint8_t *aad, uint32_t aad_len,
        const uint8_t *in, uint32_t in_len, uint8_t *out)
{
    ENSURE_REF(in);
    ENSURE(in_len >= S2N_AEAD_TAG_LEN, S2N_ERR_DECRYPT);
    const uint32_t body_len = in_len - S2N_AEAD_TAG_LEN;
    return s2n_aead_open_pieces(a, nonce, aad, aad_len, in, out, body_len, NULL, NULL, 0, in + body_len);
}

S2N_RESULT s2n_aead_open_pieces(struct s2n_aead *a, const uint8_t nonce[S2N_AEAD_NONCE_LEN], const uint8_t *aad,
        uint32_t aad_len, const uint8_t *in1, uint8_t *out1, uint32_t len1, const uint8_t *in2, uint8_t *out2, uint32_t len2,
        const uint8_t tag[S2N_AEAD_TAG_LEN])
{
    ENSURE_REF(a);
    ENSURE_REF(nonce);
    ENSURE_REF(tag);
    ENSURE(aad != NULL || aad_len == 0, S2N_ERR_NULL);
    ENSURE((in1 != NULL && out1 != NULL) || len1 == 0, S2N_ERR_NULL);
    ENSURE((in2 != NULL && out2 != NULL) || len2 == 0, S2N_ERR_NULL);
    ENSURE(a->keyed && !a->encrypt, S2N_ERR_KEY_INIT);
    ENSURE(aad_len <= INT32_MAX && len1 <= INT32_MAX && len2 <= INT32_MAX - len1, S2N_ERR_DECRYPT);

    EVP_CIPHER_CTX *ctx = a->ctx;
    int n = 0;
    GUARD_OSSL(EVP_CipherInit_ex2(ctx, NULL, NULL, nonce, -1, NULL), S2N_ERR_DECRYPT);
    OSSL_PARAM params[2];
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, (void *) (uintptr_t) tag, S2N_AEAD_TAG_LEN);
    params[1] = OSSL_PARAM_construct_end();
    GUARD_OSSL(EVP_CIPHER_CTX_set_params(ctx, params), S2N_ERR_DECRYPT);
    if (aad_len > 0) {
        GUARD_OSSL(EVP_DecryptUpdate(ctx, NULL, &n, aad, (int) aad_len), S2N_ERR_DECRYPT);
    }
    int total = 0;
    if (len1 > 0) {
        GUARD_OSSL(EVP_DecryptUpdate(ctx, out1, &n, in1, (int) len1), S2N_ERR_DECRYPT);
        total = n;
    }
    if (len2 > 0) {
        GUARD_OSSL(EVP_DecryptUpdate(ctx, out2, &n, in2, (int) len2), S2N_ERR_DECRYPT);
        total += n;
    }
    uint8_t scratch[1];
    if (EVP_DecryptFinal_ex(ctx, scratch, &n) != 1 || n != 0) {
        s2n_crypto_clear_errors();
        /* Do not hand out unauthenticated plaintext. */
        if (len1 > 0) {
            s2n_cleanse(out1, len1);
        }
        if (len2 > 0) {
            s2n_cleanse(out2, len2);
        }
        BAIL(S2N_ERR_DECRYPT);
    }
    ENSURE(total == (int) (len1 + len2), S2N_ERR_DECRYPT);
    return S2N_SUCCESS;
}

void s2n_aead_free(struct s2n_aead *a)
{
    if (a == NULL) {
        return;
    }
    EVP_CIPHER_CTX_free(a->ctx); /* cleanses the key schedule */
    a->ctx = NULL;
    a->keyed = 0;
}
