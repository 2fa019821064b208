/* Error state and the error-text API. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "utils/s2n_safety.h"

S2N_API __thread int s2n_errno;
static __thread const char *s2n_debug_location;

struct s2n_error_info {
    const char *name;
    const char *text;
};

#define S2N_ERR_INFO_ENTRY(name, text) { #name, text },
static const struct s2n_error_info s2n_errors_ok[] = { S2N_ERRORS_OK(S2N_ERR_INFO_ENTRY) };
static const struct s2n_error_info s2n_errors_io[] = { S2N_ERRORS_IO(S2N_ERR_INFO_ENTRY) };
static const struct s2n_error_info s2n_errors_closed[] = { S2N_ERRORS_CLOSED(S2N_ERR_INFO_ENTRY) };
static const struct s2n_error_info s2n_errors_blocked[] = { S2N_ERRORS_BLOCKED(S2N_ERR_INFO_ENTRY) };
static const struct s2n_error_info s2n_errors_alert[] = { S2N_ERRORS_ALERT(S2N_ERR_INFO_ENTRY) };
static const struct s2n_error_info s2n_errors_proto[] = { S2N_ERRORS_PROTO(S2N_ERR_INFO_ENTRY) };
static const struct s2n_error_info s2n_errors_internal[] = { S2N_ERRORS_INTERNAL(S2N_ERR_INFO_ENTRY) };
static const struct s2n_error_info s2n_errors_usage[] = { S2N_ERRORS_USAGE(S2N_ERR_INFO_ENTRY) };
#undef S2N_ERR_INFO_ENTRY

static const struct {
    const struct s2n_error_info *entries;
    uint32_t count;
} s2n_error_types[] = {
    [S2N_ERR_T_OK] = { s2n_errors_ok, S2N_ARRAY_LEN(s2n_errors_ok) },
    [S2N_ERR_T_IO] = { s2n_errors_io, S2N_ARRAY_LEN(s2n_errors_io) },
    [S2N_ERR_T_CLOSED] = { s2n_errors_closed, S2N_ARRAY_LEN(s2n_errors_closed) },
    [S2N_ERR_T_BLOCKED] = { s2n_errors_blocked, S2N_ARRAY_LEN(s2n_errors_blocked) },
    [S2N_ERR_T_ALERT] = { s2n_errors_alert, S2N_ARRAY_LEN(s2n_errors_alert) },
    [S2N_ERR_T_PROTO] = { s2n_errors_proto, S2N_ARRAY_LEN(s2n_errors_proto) },
    [S2N_ERR_T_INTERNAL] = { s2n_errors_internal, S2N_ARRAY_LEN(s2n_errors_internal) },
    [S2N_ERR_T_USAGE] = { s2n_errors_usage, S2N_ARRAY_LEN(s2n_errors_usage) },
};

static const struct s2n_error_info *s2n_error_lookup(int error)
{
    if (error < 0) {
        return NULL;
    }
    uint32_t type = (uint32_t) error >> S2N_ERR_NUM_VALUE_BITS;
    uint32_t index = (uint32_t) error & ((1u << S2N_ERR_NUM_VALUE_BITS) - 1);
    if (type >= S2N_ARRAY_LEN(s2n_error_types) || index >= s2n_error_types[type].count) {
        return NULL;
    }
    return &s2n_error_types[type].entries[index];
}

void s2n_error_record(int err, const char *debug_location)
{
    /* Only plain stores: errno from a failing syscall must survive. */
    s2n_errno = err;
    s2n_debug_location = debug_location;
}

void s2n_error_save(struct s2n_error_state *state)
{
    state->err = s2n_errno;
    state->location = s2n_debug_location;
}

void s2n_error_restore(const struct s2n_error_state *state)
{
    s2n_errno = state->err;
    s2n_debug_location = state->location;
}

S2N_API int *s2n_errno_location(void)
{
    return &s2n_errno;
}

S2N_API int s2n_error_get_type(int error)
{
    /* An arithmetic shift, as s2n-tls: a negative code yields a negative type. */
    return error >> S2N_ERR_NUM_VALUE_BITS;
}

static int s2n_lang_supported(const char *lang)
{
    return lang == NULL || strcasecmp(lang, "EN") == 0;
}

static const char s2n_no_lang[] = "Language is not supported for error translation";

S2N_API const char *s2n_strerror(int error, const char *lang)
{
    if (!s2n_lang_supported(lang)) {
        return s2n_no_lang;
    }
    const struct s2n_error_info *info = s2n_error_lookup(error);
    return info ? info->text : "Internal s2n error";
}

S2N_API const char *s2n_strerror_name(int error)
{
    const struct s2n_error_info *info = s2n_error_lookup(error);
    return info ? info->name : "Internal s2n error";
}

S2N_API const char *s2n_strerror_debug(int error, const char *lang)
{
    if (!s2n_lang_supported(lang)) {
        return s2n_no_lang;
    }
    if (error == S2N_ERR_OK) {
        return "no error";
    }
    return s2n_debug_location ? s2n_debug_location : "no error";
}

S2N_API const char *s2n_strerror_source(int error)
{
    if (error == S2N_ERR_OK || s2n_debug_location == NULL) {
        return "no error";
    }
    /* "Error encountered in path/to/file.c:123" -> "file.c:123" */
    const char *slash = strrchr(s2n_debug_location, '/');
    if (slash) {
        return slash + 1;
    }
    const char *space = strrchr(s2n_debug_location, ' ');
    return space ? space + 1 : s2n_debug_location;
}

/* Stack traces are not captured by libs2n: these are documented no-ops. */
S2N_API int s2n_calculate_stacktrace(void)
{
    return S2N_SUCCESS;
}

S2N_API int s2n_print_stacktrace(FILE *fptr)
{
    if (fptr) {
        fprintf(fptr, "s2n stack traces are not supported by libs2n\n");
    }
    return S2N_SUCCESS;
}
