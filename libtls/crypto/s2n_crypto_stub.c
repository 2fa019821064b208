/* TEMPORARY until the crypto layer lands. */
#include "crypto/s2n_crypto.h"
#include <openssl/opensslv.h>
S2N_RESULT s2n_crypto_init(void) { return S2N_SUCCESS; }
void s2n_crypto_cleanup(void) {}
unsigned long s2n_crypto_openssl_version(void) { return OPENSSL_VERSION_NUMBER; }
