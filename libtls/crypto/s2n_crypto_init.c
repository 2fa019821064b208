/* s2n_crypto_init / s2n_crypto_cleanup: fetch every libcrypto algorithm the
 * library uses, once, and release them at cleanup. */
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <string.h>
#include "crypto/s2n_crypto_internal.h"

struct s2n_crypto_state s2n_crypto_state;

/* Provider names of the digests, by s2n_hash_alg. */
static const char *const s2n_md_names[S2N_HASH_ALG_COUNT] = {
    [S2N_HASH_NONE] = NULL,
    [S2N_HASH_MD5] = "MD5",
    [S2N_HASH_SHA1] = "SHA1",
    [S2N_HASH_SHA224] = "SHA2-224",
    [S2N_HASH_SHA256] = "SHA2-256",
    [S2N_HASH_SHA384] = "SHA2-384",
    [S2N_HASH_SHA512] = "SHA2-512",
    [S2N_HASH_MD5_SHA1] = "MD5-SHA1",
};

static const char *const s2n_aead_names[S2N_AEAD_ALG_COUNT] = {
    [S2N_AEAD_AES_128_GCM] = "AES-128-GCM",
    [S2N_AEAD_AES_256_GCM] = "AES-256-GCM",
    [S2N_AEAD_CHACHA20_POLY1305] = "ChaCha20-Poly1305",
};

void s2n_crypto_clear_errors(void)
{
    ERR_clear_error();
}

/* MD5 and MD5-SHA1 may be missing (FIPS configurations); everything else
 * is required. */
static int s2n_md_optional(s2n_hash_alg alg)
{
    return alg == S2N_HASH_MD5 || alg == S2N_HASH_MD5_SHA1;
}

static S2N_RESULT s2n_crypto_fetch_all(void)
{
    for (int alg = S2N_HASH_NONE + 1; alg < S2N_HASH_ALG_COUNT; alg++) {
        s2n_crypto_state.md[alg] = EVP_MD_fetch(NULL, s2n_md_names[alg], NULL);
        ENSURE(s2n_crypto_state.md[alg] != NULL || s2n_md_optional(alg), S2N_ERR_HASH_INIT_FAILED);
    }

    for (int alg = 0; alg < S2N_AEAD_ALG_COUNT; alg++) {
        s2n_crypto_state.aead[alg] = EVP_CIPHER_fetch(NULL, s2n_aead_names[alg], NULL);
        ENSURE(s2n_crypto_state.aead[alg] != NULL, S2N_ERR_CIPHER_NOT_SUPPORTED);
    }

    GUARD(s2n_ecdhe_templates_init());
    return S2N_SUCCESS;
}

S2N_RESULT s2n_crypto_init(void)
{
    if (s2n_crypto_state.initialized) {
        return S2N_SUCCESS;
    }
    if (s2n_crypto_fetch_all() < 0) {
        s2n_crypto_cleanup();
        s2n_crypto_clear_errors();
        return S2N_FAILURE;
    }
    s2n_crypto_state.initialized = 1;
    return S2N_SUCCESS;
}

void s2n_crypto_cleanup(void)
{
    s2n_ecdhe_templates_cleanup();
    for (int alg = 0; alg < S2N_HASH_ALG_COUNT; alg++) {
        EVP_MD_free(s2n_crypto_state.md[alg]);
    }
    for (int alg = 0; alg < S2N_AEAD_ALG_COUNT; alg++) {
        EVP_CIPHER_free(s2n_crypto_state.aead[alg]);
    }
    memset(&s2n_crypto_state, 0, sizeof(s2n_crypto_state));
}

unsigned long s2n_crypto_openssl_version(void)
{
    return OPENSSL_VERSION_NUMBER;
}
