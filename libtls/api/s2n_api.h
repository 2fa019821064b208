/* Shared by the public entry points in api/. */
#ifndef S2N_API_H
#define S2N_API_H

#include "s2n.h"
#include "utils/s2n_safety.h"
#include "utils/s2n_mem.h"
#include "crypto/s2n_crypto.h"
#include "tls/s2n_tls.h"

/* Whether s2n_init() has completed. */
int s2n_is_initialized(void);
#define ENSURE_INITIALIZED() ENSURE(s2n_is_initialized(), S2N_ERR_NOT_INITIALIZED)
#define ENSURE_INITIALIZED_PTR() ENSURE_PTR(s2n_is_initialized(), S2N_ERR_NOT_INITIALIZED)

#endif
