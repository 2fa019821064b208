#include "tls/s2n_tls.h"

S2N_RESULT s2n_tls_init(void)
{
    return S2N_SUCCESS;
}

void s2n_tls_cleanup(void)
{
}
