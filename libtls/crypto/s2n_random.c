/* Randomness from libcrypto's DRBG. */
#ifdef S2N_FUZZING
#define OPENSSL_SUPPRESS_DEPRECATED /* RAND_METHOD, for the fuzz-only hook at the end */
#endif
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

#ifdef S2N_FUZZING
/* ============================================================================
 * FUZZ BUILDS ONLY (configure --enable-fuzz compiles the library with
 * -DS2N_FUZZING; a normal build contains none of this).
 *
 * Deterministic "randomness", so a libFuzzer harness can replay a whole
 * handshake: with the same seed, a connection draws the same client/server
 * random, ephemeral keys, ECDSA nonces, PSS salts and RSA blinding values,
 * so a transcript captured once still verifies (Finished, CertificateVerify)
 * when replayed.  s2n_fuzz_random_seed() replaces libcrypto's generator
 * (RAND_set_rand_method) by a SplitMix64 stream: every RAND_bytes and
 * RAND_priv_bytes, libcrypto's internal ones included, and thus
 * s2n_random_bytes() above, read from it.  It is NOT random.
 *
 * Several independent streams let an in-process client and server draw
 * the same values whether they run together or alone: the harness selects
 * the stream of the side that is about to run (s2n_fuzz_random_stream()).
 * Declared here and in tests/fuzz/s2n_fuzz.h only.
 * ========================================================================== */
#define S2N_FUZZ_RANDOM_STREAMS 4

void s2n_fuzz_random_seed(uint64_t seed);
void s2n_fuzz_random_stream(unsigned stream);

static uint64_t s2n_fuzz_state[S2N_FUZZ_RANDOM_STREAMS];
static unsigned s2n_fuzz_current;

static uint64_t s2n_fuzz_next(void)
{
    uint64_t z = (s2n_fuzz_state[s2n_fuzz_current] += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int s2n_fuzz_rand_bytes(unsigned char *buf, int num)
{
    for (int i = 0; i < num; i += 8) {
        uint64_t r = s2n_fuzz_next();
        for (int j = 0; j < 8 && i + j < num; j++) {
            buf[i + j] = (unsigned char) (r >> (8 * j));
        }
    }
    return 1;
}

static int s2n_fuzz_rand_seed(const void *buf, int num)
{
    (void) buf;
    (void) num;
    return 1;
}

static int s2n_fuzz_rand_add(const void *buf, int num, double entropy)
{
    (void) buf;
    (void) num;
    (void) entropy;
    return 1;
}

static int s2n_fuzz_rand_status(void)
{
    return 1;
}

static const RAND_METHOD s2n_fuzz_rand_method = {
    .seed = s2n_fuzz_rand_seed,
    .bytes = s2n_fuzz_rand_bytes,
    .cleanup = NULL,
    .add = s2n_fuzz_rand_add,
    .pseudorand = s2n_fuzz_rand_bytes,
    .status = s2n_fuzz_rand_status,
};

/* Restart every stream from @seed and select stream 0. */
void s2n_fuzz_random_seed(uint64_t seed)
{
    if (RAND_get_rand_method() != &s2n_fuzz_rand_method) {
        RAND_set_rand_method(&s2n_fuzz_rand_method);
    }
    for (unsigned i = 0; i < S2N_FUZZ_RANDOM_STREAMS; i++) {
        s2n_fuzz_state[i] = seed ^ (0xD1B54A32D192ED03ull * (i + 1));
    }
    s2n_fuzz_current = 0;
}

void s2n_fuzz_random_stream(unsigned stream)
{
    s2n_fuzz_current = stream % S2N_FUZZ_RANDOM_STREAMS;
}
#endif /* S2N_FUZZING */
