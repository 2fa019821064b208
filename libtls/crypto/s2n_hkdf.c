/* HMAC (RFC 2104), HKDF (RFC 5869), TLS 1.3's HKDF-Expand-Label
 * (RFC 8446 section 7.1) and TLS 1.2's P_hash (RFC 5246 section 5).
 *
 * HMAC runs on EVP_MAC "HMAC": s2n_crypto_init() prepares one context per
 * digest with the digest already selected, and each use duplicates it and
 * sets the key, so nothing is fetched or looked up by name per call.  HKDF
 * and P_hash are built on that HMAC directly and key it once per call:
 * later blocks only re-initialise the keyed context. */
#include <string.h>
#include "crypto/s2n_crypto_internal.h"

/* A fresh HMAC context for @alg keyed with @key (an empty key is fine). */
static S2N_RESULT s2n_hmac_start(EVP_MAC_CTX **out, s2n_hash_alg alg, const uint8_t *key, uint32_t key_len)
{
    ENSURE((unsigned) alg < S2N_HASH_ALG_COUNT && s2n_crypto_state.hmac_tmpl[alg] != NULL, S2N_ERR_HMAC_INVALID_ALGORITHM);
    ENSURE(key != NULL || key_len == 0, S2N_ERR_NULL);
    static const uint8_t empty = 0;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_dup(s2n_crypto_state.hmac_tmpl[alg]);
    ENSURE(ctx != NULL, S2N_ERR_HKDF);
    /* A NULL key would mean "keep the previous key": always pass a pointer. */
    if (EVP_MAC_init(ctx, key_len ? key : &empty, key_len, NULL) != 1) {
        EVP_MAC_CTX_free(ctx);
        BAIL(S2N_ERR_HKDF);
    }
    *out = ctx;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_hmac_finish(EVP_MAC_CTX *ctx, uint8_t *out, size_t expect)
{
    size_t n = 0;
    GUARD_OSSL(EVP_MAC_final(ctx, out, &n, S2N_MAX_DIGEST_LEN), S2N_ERR_HKDF);
    ENSURE(n == expect, S2N_ERR_HKDF);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_hmac(s2n_hash_alg alg, const uint8_t *key, uint32_t key_len, const uint8_t *data, uint32_t len, uint8_t *out)
{
    ENSURE_REF(out);
    ENSURE(data != NULL || len == 0, S2N_ERR_NULL);
    EVP_MAC_CTX *ctx = NULL;
    GUARD(s2n_hmac_start(&ctx, alg, key, key_len));
    int rc = S2N_FAILURE;
    if (len > 0) {
        GUARD_OSSL_GOTO(EVP_MAC_update(ctx, data, len), S2N_ERR_HKDF, done);
    }
    GUARD_GOTO(s2n_hmac_finish(ctx, out, s2n_hash_digest_size(alg)), done);
    rc = S2N_SUCCESS;
done:
    EVP_MAC_CTX_free(ctx);
    return rc;
}

S2N_RESULT s2n_hmac_p_hash(s2n_hash_alg alg, const uint8_t *secret, uint32_t secret_len, const uint8_t *seed, uint32_t seed_len,
        uint8_t *out, uint32_t out_len)
{
    ENSURE(out != NULL || out_len == 0, S2N_ERR_NULL);
    ENSURE(seed != NULL || seed_len == 0, S2N_ERR_NULL);
    const uint32_t hlen = s2n_hash_digest_size(alg);
    ENSURE(hlen > 0, S2N_ERR_HMAC_INVALID_ALGORITHM);

    /* One keyed context for the whole sequence: every later block only
     * re-initialises it with the same key (a NULL key). */
    EVP_MAC_CTX *ctx = NULL;
    GUARD(s2n_hmac_start(&ctx, alg, secret, secret_len));
    int rc = S2N_FAILURE;
    uint8_t a[S2N_MAX_DIGEST_LEN];
    uint8_t block[S2N_MAX_DIGEST_LEN];
    /* A(1) = HMAC(secret, seed) */
    if (seed_len > 0) {
        GUARD_OSSL_GOTO(EVP_MAC_update(ctx, seed, seed_len), S2N_ERR_HKDF, done);
    }
    GUARD_GOTO(s2n_hmac_finish(ctx, a, hlen), done);
    for (uint32_t done_len = 0; done_len < out_len;) {
        /* HMAC(secret, A(i) + seed) */
        GUARD_OSSL_GOTO(EVP_MAC_init(ctx, NULL, 0, NULL), S2N_ERR_HKDF, done);
        GUARD_OSSL_GOTO(EVP_MAC_update(ctx, a, hlen), S2N_ERR_HKDF, done);
        if (seed_len > 0) {
            GUARD_OSSL_GOTO(EVP_MAC_update(ctx, seed, seed_len), S2N_ERR_HKDF, done);
        }
        GUARD_GOTO(s2n_hmac_finish(ctx, block, hlen), done);
        uint32_t n = S2N_MIN(hlen, out_len - done_len);
        memcpy(out + done_len, block, n);
        done_len += n;
        if (done_len < out_len) {
            /* A(i + 1) = HMAC(secret, A(i)) */
            GUARD_OSSL_GOTO(EVP_MAC_init(ctx, NULL, 0, NULL), S2N_ERR_HKDF, done);
            GUARD_OSSL_GOTO(EVP_MAC_update(ctx, a, hlen), S2N_ERR_HKDF, done);
            GUARD_GOTO(s2n_hmac_finish(ctx, a, hlen), done);
        }
    }
    rc = S2N_SUCCESS;
done:
    s2n_cleanse(a, sizeof(a));
    s2n_cleanse(block, sizeof(block));
    EVP_MAC_CTX_free(ctx);
    return rc;
}

S2N_RESULT s2n_hkdf_extract(s2n_hash_alg alg, const uint8_t *salt, uint32_t salt_len, const uint8_t *ikm, uint32_t ikm_len,
        uint8_t *prk)
{
    uint8_t zeros[S2N_MAX_DIGEST_LEN] = { 0 };
    if (salt == NULL) {
        salt = zeros;
        salt_len = s2n_hash_digest_size(alg);
    }
    GUARD(s2n_hmac(alg, salt, salt_len, ikm, ikm_len, prk));
    return S2N_SUCCESS;
}

S2N_RESULT s2n_hkdf_expand(s2n_hash_alg alg, const uint8_t *prk, uint32_t prk_len, const uint8_t *info, uint32_t info_len,
        uint8_t *out, uint32_t out_len)
{
    ENSURE_REF(prk);
    ENSURE(out != NULL || out_len == 0, S2N_ERR_NULL);
    ENSURE(info != NULL || info_len == 0, S2N_ERR_NULL);
    const uint32_t hlen = s2n_hash_digest_size(alg);
    ENSURE(hlen > 0, S2N_ERR_HMAC_INVALID_ALGORITHM);
    ENSURE(out_len <= 255 * hlen, S2N_ERR_HKDF_OUTPUT_SIZE);
    if (out_len == 0) {
        return S2N_SUCCESS;
    }

    EVP_MAC_CTX *ctx = NULL;
    GUARD(s2n_hmac_start(&ctx, alg, prk, prk_len));
    int rc = S2N_FAILURE;
    uint8_t t[S2N_MAX_DIGEST_LEN];
    uint32_t done_len = 0;
    for (uint8_t counter = 1; done_len < out_len; counter++) {
        /* T(i) = HMAC(PRK, T(i-1) | info | i); a NULL key re-initialises
         * the context with the same key. */
        if (counter > 1) {
            GUARD_OSSL_GOTO(EVP_MAC_init(ctx, NULL, 0, NULL), S2N_ERR_HKDF, done);
            GUARD_OSSL_GOTO(EVP_MAC_update(ctx, t, hlen), S2N_ERR_HKDF, done);
        }
        if (info_len > 0) {
            GUARD_OSSL_GOTO(EVP_MAC_update(ctx, info, info_len), S2N_ERR_HKDF, done);
        }
        GUARD_OSSL_GOTO(EVP_MAC_update(ctx, &counter, 1), S2N_ERR_HKDF, done);
        GUARD_GOTO(s2n_hmac_finish(ctx, t, hlen), done);
        uint32_t n = S2N_MIN(hlen, out_len - done_len);
        memcpy(out + done_len, t, n);
        done_len += n;
    }
    rc = S2N_SUCCESS;
done:
    s2n_cleanse(t, sizeof(t));
    EVP_MAC_CTX_free(ctx);
    return rc;
}

#define S2N_TLS13_LABEL_PREFIX "tls13 "

S2N_RESULT s2n_hkdf_expand_label(s2n_hash_alg alg, const uint8_t *secret, uint32_t secret_len, const char *label,
        const uint8_t *context, uint32_t context_len, uint8_t *out, uint32_t out_len)
{
    ENSURE_REF(label);
    ENSURE(context != NULL || context_len == 0, S2N_ERR_NULL);
    const size_t prefix_len = sizeof(S2N_TLS13_LABEL_PREFIX) - 1;
    const size_t label_len = strlen(label);
    ENSURE(prefix_len + label_len <= 255, S2N_ERR_HKDF);
    ENSURE(context_len <= 255, S2N_ERR_HKDF);
    ENSURE(out_len <= UINT16_MAX, S2N_ERR_HKDF_OUTPUT_SIZE);

    /* struct { uint16 length; opaque label<7..255>; opaque context<0..255>; } */
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t n = 0;
    info[n++] = (uint8_t) (out_len >> 8);
    info[n++] = (uint8_t) out_len;
    info[n++] = (uint8_t) (prefix_len + label_len);
    memcpy(info + n, S2N_TLS13_LABEL_PREFIX, prefix_len);
    n += prefix_len;
    memcpy(info + n, label, label_len);
    n += label_len;
    info[n++] = (uint8_t) context_len;
    if (context_len > 0) {
        memcpy(info + n, context, context_len);
        n += context_len;
    }
    GUARD(s2n_hkdf_expand(alg, secret, secret_len, info, (uint32_t) n, out, out_len));
    return S2N_SUCCESS;
}
