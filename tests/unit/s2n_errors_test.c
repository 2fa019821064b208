/* Unit tests of the error API (utils/s2n_errors.c, utils/s2n_error_table.h).
 *
 * The texts and codes that API.md fixes, the type of each code, names that
 * round-trip, the language argument, unknown codes, the thread-local debug
 * location of the last error, and the shape of the table itself (contiguous,
 * unique, each group starting at type << 26). */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "s2n_test.h"
#include "utils/s2n_cursor.h"
#include "utils/s2n_errors.h"

#define NO_SUCH_ERROR "Internal s2n error"

struct entry {
    int code;
    const char *name;
    const char *text;
};

#define ENTRY(name, text) { name, #name, text },
static const struct entry ok_entries[] = { S2N_ERRORS_OK(ENTRY) };
static const struct entry io_entries[] = { S2N_ERRORS_IO(ENTRY) };
static const struct entry closed_entries[] = { S2N_ERRORS_CLOSED(ENTRY) };
static const struct entry blocked_entries[] = { S2N_ERRORS_BLOCKED(ENTRY) };
static const struct entry alert_entries[] = { S2N_ERRORS_ALERT(ENTRY) };
static const struct entry proto_entries[] = { S2N_ERRORS_PROTO(ENTRY) };
static const struct entry internal_entries[] = { S2N_ERRORS_INTERNAL(ENTRY) };
static const struct entry usage_entries[] = { S2N_ERRORS_USAGE(ENTRY) };
#undef ENTRY

static const struct {
    int type;
    const struct entry *entries;
    size_t count;
    int end;        /* the S2N_ERR_T_*_END sentinel */
    size_t minimum; /* how many codes s2n-tls has in this group (API.md 2.6) */
} groups[] = {
    { S2N_ERR_T_OK, ok_entries, S2N_ARRAY_LEN(ok_entries), S2N_ERR_T_OK_END, 1 },
    { S2N_ERR_T_IO, io_entries, S2N_ARRAY_LEN(io_entries), S2N_ERR_T_IO_END, 1 },
    { S2N_ERR_T_CLOSED, closed_entries, S2N_ARRAY_LEN(closed_entries), S2N_ERR_T_CLOSED_END, 1 },
    { S2N_ERR_T_BLOCKED, blocked_entries, S2N_ARRAY_LEN(blocked_entries), S2N_ERR_T_BLOCKED_END, 4 },
    { S2N_ERR_T_ALERT, alert_entries, S2N_ARRAY_LEN(alert_entries), S2N_ERR_T_ALERT_END, 1 },
    { S2N_ERR_T_PROTO, proto_entries, S2N_ARRAY_LEN(proto_entries), S2N_ERR_T_PROTO_END, 83 },
    { S2N_ERR_T_INTERNAL, internal_entries, S2N_ARRAY_LEN(internal_entries), S2N_ERR_T_INTERNAL_END, 88 },
    { S2N_ERR_T_USAGE, usage_entries, S2N_ARRAY_LEN(usage_entries), S2N_ERR_T_USAGE_END, 91 },
};

/* Codes that callers name (API.md 2.6): they must exist, with these types. */
static const struct {
    int code;
    int type;
} named_codes[] = {
    { S2N_ERR_CLIENT_HELLO_VERSION, S2N_ERR_T_INTERNAL },
    { S2N_ERR_CLIENT_PROTOCOL_VERSION, S2N_ERR_T_INTERNAL },
    { S2N_ERR_SERVER_PROTOCOL_VERSION, S2N_ERR_T_INTERNAL },
    { S2N_ERR_ACTUAL_PROTOCOL_VERSION, S2N_ERR_T_INTERNAL },
    { S2N_ERR_POLLING_FROM_SOCKET, S2N_ERR_T_INTERNAL },
    { S2N_ERR_MMAP, S2N_ERR_T_INTERNAL },
    { S2N_ERR_NULL, S2N_ERR_T_INTERNAL },
    { S2N_ERR_SAFETY, S2N_ERR_T_INTERNAL },
    { S2N_ERR_INITIALIZED, S2N_ERR_T_INTERNAL },
    { S2N_ERR_SHUTDOWN_PAUSED, S2N_ERR_T_INTERNAL },
    { S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA, S2N_ERR_T_INTERNAL },
    { S2N_ERR_UNIMPLEMENTED, S2N_ERR_T_INTERNAL },
    { S2N_ERR_INVALID_ARGUMENT, S2N_ERR_T_USAGE },
    { S2N_ERR_INVALID_SECURITY_POLICY, S2N_ERR_T_USAGE },
    { S2N_ERR_DEPRECATED_SECURITY_POLICY, S2N_ERR_T_USAGE },
    { S2N_ERR_NO_ALERT, S2N_ERR_T_USAGE },
    { S2N_ERR_INVALID_STATE, S2N_ERR_T_USAGE },
    { S2N_ERR_SEND_SIZE, S2N_ERR_T_USAGE },
    { S2N_ERR_REENTRANCY, S2N_ERR_T_USAGE },
    { S2N_ERR_CLIENT_MODE, S2N_ERR_T_USAGE },
    { S2N_ERR_TOO_MANY_CERTIFICATES, S2N_ERR_T_USAGE },
    { S2N_ERR_PSK_MODE, S2N_ERR_T_USAGE },
    { S2N_ERR_DUPLICATE_PSK_IDENTITIES, S2N_ERR_T_USAGE },
    { S2N_ERR_KEY_MISMATCH, S2N_ERR_T_USAGE },
    { S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED, S2N_ERR_T_PROTO },
    { S2N_ERR_CIPHER_NOT_SUPPORTED, S2N_ERR_T_PROTO },
    { S2N_ERR_CERT_EXPIRED, S2N_ERR_T_PROTO },
    { S2N_ERR_CRL_LOOKUP_FAILED, S2N_ERR_T_PROTO },
    { S2N_ERR_CERT_UNTRUSTED, S2N_ERR_T_PROTO },
    { S2N_ERR_BAD_MESSAGE, S2N_ERR_T_PROTO },
};

static void test_fixed_values(void)
{
    /* The public type enum. */
    EXPECT_EQUAL(S2N_ERR_T_OK, 0);
    EXPECT_EQUAL(S2N_ERR_T_IO, 1);
    EXPECT_EQUAL(S2N_ERR_T_CLOSED, 2);
    EXPECT_EQUAL(S2N_ERR_T_BLOCKED, 3);
    EXPECT_EQUAL(S2N_ERR_T_ALERT, 4);
    EXPECT_EQUAL(S2N_ERR_T_PROTO, 5);
    EXPECT_EQUAL(S2N_ERR_T_INTERNAL, 6);
    EXPECT_EQUAL(S2N_ERR_T_USAGE, 7);

    /* Exact codes (API.md 2.6). */
    EXPECT_EQUAL(S2N_ERR_OK, 0x0);
    EXPECT_EQUAL(S2N_ERR_IO, 0x04000000);
    EXPECT_EQUAL(S2N_ERR_CLOSED, 0x08000000);
    EXPECT_EQUAL(S2N_ERR_IO_BLOCKED, 0x0C000000);
    EXPECT_EQUAL(S2N_ERR_ASYNC_BLOCKED, 0x0C000001);
    EXPECT_EQUAL(S2N_ERR_EARLY_DATA_BLOCKED, 0x0C000002);
    EXPECT_EQUAL(S2N_ERR_APP_DATA_BLOCKED, 0x0C000003);
    EXPECT_EQUAL(S2N_ERR_ALERT, 0x10000000);
    EXPECT_EQUAL(S2N_ERR_ENCRYPT, 0x14000000);
    EXPECT_EQUAL(S2N_ERR_MADVISE, 0x18000000);
    EXPECT_EQUAL(S2N_ERR_NO_ALERT, 0x1C000000);

    /* Types: code >> 26. */
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_OK), S2N_ERR_T_OK);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_IO), S2N_ERR_T_IO);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_CLOSED), S2N_ERR_T_CLOSED);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_IO_BLOCKED), S2N_ERR_T_BLOCKED);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_ASYNC_BLOCKED), S2N_ERR_T_BLOCKED);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_EARLY_DATA_BLOCKED), S2N_ERR_T_BLOCKED);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_APP_DATA_BLOCKED), S2N_ERR_T_BLOCKED);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_ALERT), S2N_ERR_T_ALERT);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_BAD_MESSAGE), S2N_ERR_T_PROTO);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_CERT_UNTRUSTED), S2N_ERR_T_PROTO);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_NULL), S2N_ERR_T_INTERNAL);
    EXPECT_EQUAL(s2n_error_get_type(S2N_ERR_INVALID_ARGUMENT), S2N_ERR_T_USAGE);
    EXPECT_TRUE(S2N_ERROR_IS_BLOCKING(S2N_ERR_IO_BLOCKED));
    EXPECT_FALSE(S2N_ERROR_IS_BLOCKING(S2N_ERR_IO));
    for (size_t i = 0; i < S2N_ARRAY_LEN(named_codes); i++) {
        if (s2n_error_get_type(named_codes[i].code) != named_codes[i].type) {
            EXPECT_EQUAL(s2n_error_get_type(named_codes[i].code), named_codes[i].type);
            printf("# %s has the wrong type\n", s2n_strerror_name(named_codes[i].code));
        }
    }
    EXPECT_TRUE(1); /* named codes checked */

    /* Texts quoted by API.md: exact. */
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_ALERT, "EN"), "TLS alert received");
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_CERT_UNTRUSTED, "EN"), "Certificate is untrusted");
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_BAD_MESSAGE, "EN"), "Bad message encountered");
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_OK, "EN"), "no error");
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_CLOSED, "EN"), "connection is closed");
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_IO_BLOCKED, "EN"), "underlying I/O operation would block");
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_IO, "EN"), "underlying I/O operation failed, check system errno");

    /* Names. */
    EXPECT_STRING_EQUAL(s2n_strerror_name(S2N_ERR_OK), "S2N_ERR_OK");
    EXPECT_STRING_EQUAL(s2n_strerror_name(S2N_ERR_IO_BLOCKED), "S2N_ERR_IO_BLOCKED");
    EXPECT_STRING_EQUAL(s2n_strerror_name(S2N_ERR_APP_DATA_BLOCKED), "S2N_ERR_APP_DATA_BLOCKED");
    EXPECT_STRING_EQUAL(s2n_strerror_name(S2N_ERR_INVALID_SECURITY_POLICY), "S2N_ERR_INVALID_SECURITY_POLICY");
}

static void test_lang_and_unknown(void)
{
    const char *en = s2n_strerror(S2N_ERR_CLOSED, "EN");
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_CLOSED, "en"), en);
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_CLOSED, "eN"), en);
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_CLOSED, NULL), en);

    const char *unsupported = s2n_strerror(S2N_ERR_CLOSED, "FR");
    EXPECT_NOT_NULL(unsupported);
    EXPECT_TRUE(unsupported && strcmp(unsupported, en) != 0);
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_CLOSED, ""), unsupported);
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_CLOSED, "ENG"), unsupported);
    EXPECT_STRING_EQUAL(s2n_strerror(S2N_ERR_OK, "de"), unsupported);
    EXPECT_STRING_EQUAL(s2n_strerror_debug(S2N_ERR_CLOSED, "FR"), unsupported);

    /* Codes that are not in the table. */
    const int unknown[] = {
        S2N_ERR_IO + 1, S2N_ERR_T_OK_END, S2N_ERR_T_BLOCKED_END, S2N_ERR_T_PROTO_END,
        S2N_ERR_T_INTERNAL_END, S2N_ERR_T_USAGE_END, 8 << 26, 0x3FFFFFFF, -1, -2, (int) 0x80000000u,
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(unknown); i++) {
        EXPECT_STRING_EQUAL(s2n_strerror(unknown[i], "EN"), NO_SUCH_ERROR);
        EXPECT_STRING_EQUAL(s2n_strerror(unknown[i], NULL), NO_SUCH_ERROR);
        EXPECT_STRING_EQUAL(s2n_strerror_name(unknown[i]), NO_SUCH_ERROR);
    }
}

/* The whole table: group i starts at i << 26, codes are contiguous, the
 * sentinel follows the last one, names round-trip, texts are present. */
static void test_table(void)
{
    size_t total = 0;
    int bad_code = 0, bad_name = 0, bad_text = 0, bad_type = 0;
    for (size_t g = 0; g < S2N_ARRAY_LEN(groups); g++) {
        const int base = groups[g].type << S2N_ERR_NUM_VALUE_BITS;
        EXPECT_EQUAL(groups[g].end, base + (int) groups[g].count);
        EXPECT_TRUE(groups[g].count >= groups[g].minimum);
        if (groups[g].count < groups[g].minimum) {
            printf("# type %d has %zu codes, s2n-tls has %zu\n", groups[g].type, groups[g].count, groups[g].minimum);
        }
        for (size_t i = 0; i < groups[g].count; i++) {
            const struct entry *e = &groups[g].entries[i];
            total++;
            if (e->code != base + (int) i) {
                bad_code++;
                printf("# %s is 0x%08x, expected 0x%08x\n", e->name, e->code, base + (int) i);
            }
            if (s2n_error_get_type(e->code) != groups[g].type) {
                bad_type++;
            }
            if (strcmp(s2n_strerror_name(e->code), e->name) != 0 || strncmp(e->name, "S2N_ERR_", 8) != 0) {
                bad_name++;
                printf("# name of 0x%08x: %s\n", e->code, s2n_strerror_name(e->code));
            }
            const char *text = s2n_strerror(e->code, "EN");
            if (strcmp(text, e->text) != 0 || text[0] == '\0' || strcmp(text, NO_SUCH_ERROR) == 0) {
                bad_text++;
                printf("# text of %s: \"%s\"\n", e->name, text);
            }
        }
    }
    EXPECT_EQUAL(bad_code, 0);
    EXPECT_EQUAL(bad_type, 0);
    EXPECT_EQUAL(bad_name, 0);
    EXPECT_EQUAL(bad_text, 0);

    /* Names are unique across the whole table (codes are, by construction). */
    int duplicates = 0;
    for (size_t g = 0; g < S2N_ARRAY_LEN(groups); g++) {
        for (size_t i = 0; i < groups[g].count; i++) {
            for (size_t h = g; h < S2N_ARRAY_LEN(groups); h++) {
                for (size_t j = (h == g ? i + 1 : 0); j < groups[h].count; j++) {
                    if (strcmp(groups[g].entries[i].name, groups[h].entries[j].name) == 0 ||
                            groups[g].entries[i].code == groups[h].entries[j].code) {
                        duplicates++;
                    }
                }
            }
        }
    }
    EXPECT_EQUAL(duplicates, 0);
    printf("# %zu error codes (PROTO %zu, INTERNAL %zu, USAGE %zu)\n", total, S2N_ARRAY_LEN(proto_entries),
            S2N_ARRAY_LEN(internal_entries), S2N_ARRAY_LEN(usage_entries));
}

/* Debug location of the last error, per thread. */
struct thread_result {
    int errno_at_start;
    int *errno_address;
    int *location;
    const char *debug_at_start;
    const char *debug_after;
    const char *source_after;
    int errno_after;
};

static void *thread_main(void *arg)
{
    struct thread_result *res = arg;
    res->errno_at_start = s2n_errno;
    res->errno_address = &s2n_errno;
    res->location = s2n_errno_location();
    res->debug_at_start = s2n_strerror_debug(S2N_ERR_SAFETY, "EN");

    /* An error of this thread's own. */
    uint8_t byte;
    struct s2n_cursor c;
    if (s2n_cursor_init_write(&c, &byte, 0) == 0 && s2n_cursor_write_u8(&c, 1) < 0) {
        res->errno_after = s2n_errno;
        res->debug_after = s2n_strerror_debug(s2n_errno, "EN");
        res->source_after = s2n_strerror_source(s2n_errno);
    }
    return NULL;
}

static void test_debug_and_threads(void)
{
    EXPECT_TRUE(s2n_errno_location() == &s2n_errno);

    EXPECT_STRING_EQUAL(s2n_strerror_debug(S2N_ERR_OK, "EN"), "no error");
    EXPECT_STRING_EQUAL(s2n_strerror_source(S2N_ERR_OK), "no error");

    /* A failing internal call records where it failed; errno survives. */
    struct s2n_cursor c;
    uint8_t u8;
    EXPECT_SUCCESS(s2n_cursor_init_read(&c, NULL, 0));
    errno = ECONNRESET;
    s2n_errno = 0;
    int rc = s2n_cursor_read_u8(&c, &u8);
    int saved_errno = errno;
    EXPECT_EQUAL(rc, -1);
    EXPECT_EQUAL(saved_errno, ECONNRESET);
    EXPECT_EQUAL(s2n_errno, S2N_ERR_STUFFER_OUT_OF_DATA);
    const char *debug = s2n_strerror_debug(s2n_errno, "EN");
    const char *source = s2n_strerror_source(s2n_errno);
    printf("# debug: %s\n# source: %s\n", debug, source);
    EXPECT_TRUE(strncmp(debug, "Error encountered in ", 21) == 0);
    EXPECT_NOT_NULL(strstr(debug, "s2n_cursor.c:"));
    EXPECT_TRUE(strncmp(source, "s2n_cursor.c:", 13) == 0);
    EXPECT_TRUE(strlen(source) > 13 && strspn(source + 13, "0123456789") == strlen(source + 13));
    /* source is the basename:line at the end of debug. */
    EXPECT_TRUE(strlen(debug) >= strlen(source) && strcmp(debug + strlen(debug) - strlen(source), source) == 0);
    /* The code passed in does not matter (except 0): it is the last error. */
    EXPECT_STRING_EQUAL(s2n_strerror_debug(S2N_ERR_SAFETY, "EN"), debug);
    EXPECT_STRING_EQUAL(s2n_strerror_debug(S2N_ERR_SAFETY, NULL), debug);
    EXPECT_STRING_EQUAL(s2n_strerror_source(S2N_ERR_IO), source);

    /* A successful call does not clear the error state. */
    EXPECT_SUCCESS(s2n_cursor_init_read(&c, (const uint8_t *) "x", 1));
    s2n_errno = S2N_ERR_STUFFER_OUT_OF_DATA;
    EXPECT_EQUAL(s2n_cursor_read_u8(&c, &u8), 0);
    EXPECT_EQUAL(s2n_errno, S2N_ERR_STUFFER_OUT_OF_DATA);
    EXPECT_STRING_EQUAL(s2n_strerror_debug(s2n_errno, "EN"), debug);

    /* Another thread has its own s2n_errno and debug location. */
    struct thread_result res = { 0 };
    pthread_t t;
    REQUIRE(pthread_create(&t, NULL, thread_main, &res) == 0);
    REQUIRE(pthread_join(t, NULL) == 0);
    EXPECT_EQUAL(res.errno_at_start, 0);
    EXPECT_TRUE(res.errno_address != &s2n_errno);
    EXPECT_TRUE(res.location == res.errno_address);
    EXPECT_TRUE(res.debug_at_start != NULL && strcmp(res.debug_at_start, debug) != 0);
    EXPECT_EQUAL(res.errno_after, S2N_ERR_STUFFER_IS_FULL);
    EXPECT_TRUE(res.debug_after != NULL && strcmp(res.debug_after, debug) != 0);
    EXPECT_TRUE(res.source_after != NULL && strncmp(res.source_after, "s2n_cursor.c:", 13) == 0);
    /* ...and this thread's are untouched. */
    EXPECT_EQUAL(s2n_errno, S2N_ERR_STUFFER_OUT_OF_DATA);
    EXPECT_STRING_EQUAL(s2n_strerror_debug(s2n_errno, "EN"), debug);
    EXPECT_STRING_EQUAL(s2n_strerror_source(s2n_errno), source);

    /* s2n_errno is an ordinary variable callers may write. */
    s2n_errno = S2N_ERR_OK;
    EXPECT_EQUAL(*s2n_errno_location(), 0);
    *s2n_errno_location() = S2N_ERR_IO;
    EXPECT_EQUAL(s2n_errno, S2N_ERR_IO);
    s2n_errno = S2N_ERR_OK;
}

int main(void)
{
    BEGIN_TEST();

    test_fixed_values();
    test_lang_and_unknown();
    test_table();
    test_debug_and_threads();

    END_TEST();
}
