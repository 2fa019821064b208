/* Randomness from libcrypto's DRBG. */
#include <openssl/rand.h>
#include "crypto/s2n_crypto_internal.h"

S2N_RESULT s2n_random_bytes(uint8_t *out, uint32_t n)
{
    if (n == 0) {
        return S2N_SUCCESS;
    }
    ENSURE_REF(out);
    ENSURE(n <= INT32_MAX, S2N_ERR_DRBG_REQUEST_SIZE);
    GUARD_OSSL(RAND_bytes(out, (int) n), S2N_ERR_DRBG);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_random_below(uint64_t bound, uint64_t *out)
{
    ENSURE_REF(out);
    ENSURE(bound > 0, S2N_ERR_SAFETY);
    /* Rejection sampling: draw from the largest multiple of bound that fits
     * in 64 bits, so every residue is equally likely. */
    const uint64_t limit = UINT64_MAX - (UINT64_MAX % bound + 1) % bound;
    for (;;) {
        uint64_t r;
        GUARD(s2n_random_bytes((uint8_t *) &r, sizeof(r)));
        if (r <= limit) {
            *out = r % bound;
            return S2N_SUCCESS;
        }
    }
}
