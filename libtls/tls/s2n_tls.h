/* The protocol engine's entry points for api/. */
#ifndef S2N_TLS_H
#define S2N_TLS_H

#include "utils/s2n_safety.h"

/* Global protocol tables and the built-in default configs. */
S2N_RESULT s2n_tls_init(void);
void s2n_tls_cleanup(void);

#endif
