/* Global protocol state: the built-in default config. */
#include "tls/s2n_tls.h"
#include "tls/s2n_config.h"

S2N_RESULT s2n_tls_init(void)
{
    return s2n_config_defaults_init();
}

void s2n_tls_cleanup(void)
{
    s2n_config_defaults_cleanup();
}
