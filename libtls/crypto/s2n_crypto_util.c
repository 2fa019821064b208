/* Constant-time comparison and memory cleansing (libcrypto primitives). */
#include <openssl/crypto.h>
#include "utils/s2n_safety.h"

int s2n_constant_time_equals(const uint8_t *a, const uint8_t *b, uint32_t len)
{
    if (a == NULL || b == NULL) {
        return 0;
    }
    return CRYPTO_memcmp(a, b, len) == 0;
}

void s2n_cleanse(void *p, size_t len)
{
    if (p && len) {
        OPENSSL_cleanse(p, len);
    }
}
