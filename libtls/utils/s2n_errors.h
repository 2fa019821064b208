/* Internal error codes.
 *
 * One X-macro table (s2n_error_table.h) holds every code with its name and
 * English text.  A code is (type << 26) | index, where index is the entry's
 * position within its type, so codes of a type are contiguous and
 * s2n_error_get_type(code) == code >> 26. */
#ifndef S2N_ERRORS_H
#define S2N_ERRORS_H

#include "s2n.h"
#include "utils/s2n_error_table.h"

#define S2N_ERR_NUM_VALUE_BITS 26

#define S2N_ERR_ENUM_ENTRY(name, text) name,
typedef enum {
    S2N_ERR_T_OK_BASE = (S2N_ERR_T_OK << S2N_ERR_NUM_VALUE_BITS) - 1,
    S2N_ERRORS_OK(S2N_ERR_ENUM_ENTRY)
    S2N_ERR_T_OK_END,
    S2N_ERR_T_IO_BASE = (S2N_ERR_T_IO << S2N_ERR_NUM_VALUE_BITS) - 1,
    S2N_ERRORS_IO(S2N_ERR_ENUM_ENTRY)
    S2N_ERR_T_IO_END,
    S2N_ERR_T_CLOSED_BASE = (S2N_ERR_T_CLOSED << S2N_ERR_NUM_VALUE_BITS) - 1,
    S2N_ERRORS_CLOSED(S2N_ERR_ENUM_ENTRY)
    S2N_ERR_T_CLOSED_END,
    S2N_ERR_T_BLOCKED_BASE = (S2N_ERR_T_BLOCKED << S2N_ERR_NUM_VALUE_BITS) - 1,
    S2N_ERRORS_BLOCKED(S2N_ERR_ENUM_ENTRY)
    S2N_ERR_T_BLOCKED_END,
    S2N_ERR_T_ALERT_BASE = (S2N_ERR_T_ALERT << S2N_ERR_NUM_VALUE_BITS) - 1,
    S2N_ERRORS_ALERT(S2N_ERR_ENUM_ENTRY)
    S2N_ERR_T_ALERT_END,
    S2N_ERR_T_PROTO_BASE = (S2N_ERR_T_PROTO << S2N_ERR_NUM_VALUE_BITS) - 1,
    S2N_ERRORS_PROTO(S2N_ERR_ENUM_ENTRY)
    S2N_ERR_T_PROTO_END,
    S2N_ERR_T_INTERNAL_BASE = (S2N_ERR_T_INTERNAL << S2N_ERR_NUM_VALUE_BITS) - 1,
    S2N_ERRORS_INTERNAL(S2N_ERR_ENUM_ENTRY)
    S2N_ERR_T_INTERNAL_END,
    S2N_ERR_T_USAGE_BASE = (S2N_ERR_T_USAGE << S2N_ERR_NUM_VALUE_BITS) - 1,
    S2N_ERRORS_USAGE(S2N_ERR_ENUM_ENTRY)
    S2N_ERR_T_USAGE_END,
} s2n_error;
#undef S2N_ERR_ENUM_ENTRY

/* Set s2n_errno and the thread's debug location.  errno is preserved. */
void s2n_error_record(int err, const char *debug_location);

/* Save and restore the thread's error state around best-effort work. */
struct s2n_error_state {
    int err;
    const char *location;
};
void s2n_error_save(struct s2n_error_state *state);
void s2n_error_restore(const struct s2n_error_state *state);

/* True for codes of type S2N_ERR_T_BLOCKED. */
#define S2N_ERROR_IS_BLOCKING(err) (s2n_error_get_type(err) == S2N_ERR_T_BLOCKED)

#endif
