/* Internal return convention and guard macros.
 *
 * Every fallible internal function is declared S2N_RESULT: it returns
 * S2N_SUCCESS (0) or S2N_FAILURE (-1), and the compiler warns when a caller
 * ignores it.  On failure s2n_errno and the debug location are already set by
 * whichever macro detected the problem; callers just propagate with GUARD(). */
#ifndef S2N_SAFETY_H
#define S2N_SAFETY_H

#include <stddef.h>
#include <stdint.h>
#include "utils/s2n_errors.h"

#define S2N_RESULT __attribute__((warn_unused_result)) int

#define S2N_STR_(x) #x
#define S2N_STR(x) S2N_STR_(x)
#define S2N_LOCATION "Error encountered in " __FILE__ ":" S2N_STR(__LINE__)

/* Record an error (s2n_errno + debug location).  Never touches errno. */
#define S2N_ERROR_SET(err) s2n_error_record((err), S2N_LOCATION)

#define BAIL(err) do { S2N_ERROR_SET(err); return -1; } while (0)
#define ENSURE(cond, err) do { if (!(cond)) { BAIL(err); } } while (0)
#define ENSURE_REF(p) ENSURE((p) != NULL, S2N_ERR_NULL)
#define GUARD(x) do { if ((x) < 0) { return -1; } } while (0)
/* libcrypto's convention: 1 is success, anything else failure. */
#define GUARD_OSSL(x, err) do { if ((x) != 1) { BAIL(err); } } while (0)

/* Same, for functions returning a pointer (NULL on failure). */
#define BAIL_PTR(err) do { S2N_ERROR_SET(err); return NULL; } while (0)
#define ENSURE_PTR(cond, err) do { if (!(cond)) { BAIL_PTR(err); } } while (0)
#define ENSURE_REF_PTR(p) ENSURE_PTR((p) != NULL, S2N_ERR_NULL)
#define GUARD_PTR(x) do { if ((x) < 0) { return NULL; } } while (0)

/* Variants that jump to a cleanup label instead of returning. */
#define ENSURE_GOTO(cond, err, label) do { if (!(cond)) { S2N_ERROR_SET(err); goto label; } } while (0)
#define GUARD_GOTO(x, label) do { if ((x) < 0) { goto label; } } while (0)
#define GUARD_OSSL_GOTO(x, err, label) ENSURE_GOTO((x) == 1, err, label)

/* Deliberately ignore a result (a plain (void) cast does not silence GCC). */
#define S2N_IGNORE(x) do { if ((x) < 0) { /* ignored */ } } while (0)

#define S2N_MIN(a, b) ((a) < (b) ? (a) : (b))
#define S2N_MAX(a, b) ((a) > (b) ? (a) : (b))
#define S2N_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Constant-time comparison of secrets (CRYPTO_memcmp underneath). */
int s2n_constant_time_equals(const uint8_t *a, const uint8_t *b, uint32_t len);
/* Zeroize memory in a way the compiler cannot elide. */
void s2n_cleanse(void *p, size_t len);

#endif
