/* Library lifecycle: s2n_init, s2n_cleanup, s2n_cleanup_final. */
#include <stdlib.h>
#include <pthread.h>

#include "api/s2n_api.h"

static int s2n_initialized;
static pthread_t s2n_init_thread;

int s2n_is_initialized(void)
{
    return s2n_initialized;
}

S2N_API int s2n_init(void)
{
    ENSURE(!s2n_initialized, S2N_ERR_INITIALIZED);
    GUARD(s2n_mem_init());
    if (s2n_crypto_init() < 0) {
        S2N_IGNORE(s2n_mem_cleanup());
        return S2N_FAILURE;
    }
    if (s2n_tls_init() < 0) {
        s2n_crypto_cleanup();
        S2N_IGNORE(s2n_mem_cleanup());
        return S2N_FAILURE;
    }
    s2n_init_thread = pthread_self();
    s2n_initialized = 1;
    return S2N_SUCCESS;
}

S2N_API int s2n_cleanup(void)
{
    return S2N_SUCCESS;
}

S2N_API int s2n_cleanup_final(void)
{
    ENSURE(s2n_initialized, S2N_ERR_NOT_INITIALIZED);
    s2n_tls_cleanup();
    s2n_crypto_cleanup();
    s2n_initialized = 0;
    GUARD(s2n_mem_cleanup());
    return S2N_SUCCESS;
}

S2N_API int s2n_rand_set_callbacks(s2n_rand_init_callback rand_init_callback, s2n_rand_cleanup_callback rand_cleanup_callback,
        s2n_rand_seed_callback rand_seed_callback, s2n_rand_mix_callback rand_mix_callback)
{
    /* Deprecated in s2n-tls: libcrypto's generator is always used. */
    return S2N_SUCCESS;
}

S2N_API unsigned long s2n_get_openssl_version(void)
{
    return s2n_crypto_openssl_version();
}

S2N_API int s2n_get_fips_mode(s2n_fips_mode *fips_mode)
{
    ENSURE_REF(fips_mode);
    *fips_mode = S2N_FIPS_MODE_DISABLED;
    return S2N_SUCCESS;
}
