/* Private to libtls/crypto/: the algorithm objects fetched once by
 * s2n_crypto_init() and the helpers the crypto sources share.  This header
 * includes OpenSSL, so nothing outside this directory may include it. */
#ifndef S2N_CRYPTO_INTERNAL_H
#define S2N_CRYPTO_INTERNAL_H

#include <openssl/evp.h>
#include "crypto/s2n_crypto.h"

#define S2N_ECDHE_GROUP_COUNT 4

struct s2n_crypto_state {
    int initialized;
    EVP_MD *md[S2N_HASH_ALG_COUNT];               /* NULL for NONE or when unavailable */
    EVP_CIPHER *aead[S2N_AEAD_ALG_COUNT];
    EVP_PKEY *group_tmpl[S2N_ECDHE_GROUP_COUNT];  /* EC parameters / an X25519 key, per group */
};

extern struct s2n_crypto_state s2n_crypto_state;

/* The fetched digest of @alg, or NULL. */
const EVP_MD *s2n_hash_evp_md(s2n_hash_alg alg);

/* Per-group templates, created by s2n_crypto_init(). */
S2N_RESULT s2n_ecdhe_templates_init(void);
void s2n_ecdhe_templates_cleanup(void);

/* Fill in an s2n_pkey from @evp (type, curve, bits), taking ownership of
 * @evp; fails with @err (and frees @evp) for an unsupported key type. */
S2N_RESULT s2n_pkey_set_evp(struct s2n_pkey *key, EVP_PKEY *evp, int err);

/* Drop whatever libcrypto left on this thread's error queue after a failure
 * we have already translated into an s2n error. */
void s2n_crypto_clear_errors(void);

#endif
