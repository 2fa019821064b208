/* Unit tests of the library lifecycle (api/s2n_init.c) and allocator hooks.
 *
 * Linked against the shared libs2n.so.1, so only exported functions are
 * reachable.  Functions that other parts of the tree are still adding
 * (config, connection) are looked up at run time and their checks are
 * skipped while they are missing. */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/opensslv.h>

#include "s2n_test.h"

/* The internal error enum is not public: errors are checked by name. */
static int is_error(const char *name)
{
    return strcmp(s2n_strerror_name(s2n_errno), name) == 0;
}
#define EXPECT_FAILURE_NAMED(call, name) do { s2n_errno = 0; int rc_ = (int) (call); \
    s2n_test_reportf(rc_ < 0 && is_error(name), __FILE__, __LINE__, "%s fails with %s (got %d, %s)", #call, name, rc_, \
            s2n_strerror_name(s2n_errno)); } while (0)
#define EXPECT_NULL_NAMED(call, name) do { s2n_errno = 0; const void *p_ = (call); \
    s2n_test_reportf(p_ == NULL && is_error(name), __FILE__, __LINE__, "%s is NULL with %s (got %s)", #call, name, \
            s2n_strerror_name(s2n_errno)); } while (0)

/* Counting allocator hooks: calls, live bytes, size checks on free. */
#define MAX_BLOCKS 4096
static struct {
    void *p;
    uint32_t size;
} blocks[MAX_BLOCKS];
static int init_calls, cleanup_calls, mallocs, frees, size_mismatches, unknown_frees;
static long live_bytes;

static int count_init(void)
{
    init_calls++;
    return S2N_SUCCESS;
}

static int count_cleanup(void)
{
    cleanup_calls++;
    return S2N_SUCCESS;
}

static int count_malloc(void **ptr, uint32_t requested, uint32_t *allocated)
{
    *ptr = malloc(requested ? requested : 1);
    if (*ptr == NULL) {
        return S2N_FAILURE;
    }
    *allocated = requested;
    for (int i = 0; i < MAX_BLOCKS; i++) {
        if (blocks[i].p == NULL) {
            blocks[i].p = *ptr;
            blocks[i].size = requested;
            break;
        }
    }
    mallocs++;
    live_bytes += requested;
    return S2N_SUCCESS;
}

static int count_free(void *ptr, uint32_t size)
{
    int found = 0;
    for (int i = 0; i < MAX_BLOCKS; i++) {
        if (blocks[i].p == ptr) {
            if (blocks[i].size != size) {
                size_mismatches++;
            }
            blocks[i].p = NULL;
            found = 1;
            break;
        }
    }
    if (!found) {
        unknown_frees++;
    }
    frees++;
    live_bytes -= size;
    free(ptr);
    return S2N_SUCCESS;
}

/* Config and connection functions, when the library has them. */
static struct s2n_config *(*p_config_new_minimal)(void);
static struct s2n_config *(*p_config_new)(void);
static int (*p_config_free)(struct s2n_config *);
static struct s2n_connection *(*p_connection_new)(s2n_mode);
static int (*p_connection_free)(struct s2n_connection *);
static int (*p_connection_set_config)(struct s2n_connection *, struct s2n_config *);

static void lookup_optional(void)
{
    *(void **) &p_config_new_minimal = dlsym(RTLD_DEFAULT, "s2n_config_new_minimal");
    *(void **) &p_config_new = dlsym(RTLD_DEFAULT, "s2n_config_new");
    *(void **) &p_config_free = dlsym(RTLD_DEFAULT, "s2n_config_free");
    *(void **) &p_connection_new = dlsym(RTLD_DEFAULT, "s2n_connection_new");
    *(void **) &p_connection_free = dlsym(RTLD_DEFAULT, "s2n_connection_free");
    *(void **) &p_connection_set_config = dlsym(RTLD_DEFAULT, "s2n_connection_set_config");
}

static int have_config(void)
{
    return p_config_new_minimal && p_config_new && p_config_free;
}

static int have_connection(void)
{
    return have_config() && p_connection_new && p_connection_free && p_connection_set_config;
}

int main(void)
{
    BEGIN_TEST();
    lookup_optional();
    if (!have_config()) {
        printf("# s2n_config_* not exported yet: config checks skipped\n");
    }
    if (!have_connection()) {
        printf("# s2n_connection_* not exported yet: connection checks skipped\n");
    }

    /* Before s2n_init. */
    EXPECT_FAILURE_NAMED(s2n_cleanup_final(), "S2N_ERR_NOT_INITIALIZED");
    if (have_config()) {
        EXPECT_NULL_NAMED(p_config_new_minimal(), "S2N_ERR_NOT_INITIALIZED");
        EXPECT_NULL_NAMED(p_config_new(), "S2N_ERR_NOT_INITIALIZED");
    }
    if (have_connection()) {
        EXPECT_NULL_NAMED(p_connection_new(S2N_CLIENT), "S2N_ERR_NOT_INITIALIZED");
    }

    /* Allocator hooks: all four are required. */
    EXPECT_FAILURE_NAMED(s2n_mem_set_callbacks(NULL, count_cleanup, count_malloc, count_free), "S2N_ERR_NULL");
    EXPECT_FAILURE_NAMED(s2n_mem_set_callbacks(count_init, NULL, count_malloc, count_free), "S2N_ERR_NULL");
    EXPECT_FAILURE_NAMED(s2n_mem_set_callbacks(count_init, count_cleanup, NULL, count_free), "S2N_ERR_NULL");
    EXPECT_FAILURE_NAMED(s2n_mem_set_callbacks(count_init, count_cleanup, count_malloc, NULL), "S2N_ERR_NULL");
    EXPECT_SUCCESS(s2n_mem_set_callbacks(count_init, count_cleanup, count_malloc, count_free));
    EXPECT_EQUAL(init_calls, 0);

    /* Deprecated custom RNG hooks: accepted and ignored. */
    EXPECT_SUCCESS(s2n_rand_set_callbacks(NULL, NULL, NULL, NULL));

    /* s2n_init, twice. */
    EXPECT_SUCCESS(s2n_init());
    EXPECT_EQUAL(init_calls, 1);
    EXPECT_FAILURE_NAMED(s2n_init(), "S2N_ERR_INITIALIZED");
    EXPECT_EQUAL(s2n_error_get_type(s2n_errno), S2N_ERR_T_INTERNAL);
    EXPECT_EQUAL(init_calls, 1);
    /* The hooks cannot change while initialized. */
    EXPECT_FAILURE_NAMED(s2n_mem_set_callbacks(count_init, count_cleanup, count_malloc, count_free), "S2N_ERR_INITIALIZED");
    EXPECT_SUCCESS(s2n_cleanup()); /* deprecated per-thread cleanup: a no-op */

    /* Allocations go through the hooks, and come back with their size. */
    if (have_config()) {
        int m0 = mallocs;
        long live0 = live_bytes;
        struct s2n_config *config = p_config_new_minimal();
        EXPECT_NOT_NULL(config);
        EXPECT_TRUE(mallocs > m0);
        EXPECT_TRUE(live_bytes > live0);
        if (have_connection() && config) {
            int m1 = mallocs;
            struct s2n_connection *conn = p_connection_new(S2N_SERVER);
            EXPECT_NOT_NULL(conn);
            EXPECT_TRUE(mallocs > m1);
            if (conn) {
                EXPECT_SUCCESS(p_connection_set_config(conn, config));
                EXPECT_SUCCESS(p_connection_free(conn));
            }
        }
        if (config) {
            EXPECT_SUCCESS(p_config_free(config));
        }
        EXPECT_EQUAL(live_bytes, live0);
    }

    /* Version and FIPS mode. */
    unsigned long version = s2n_get_openssl_version();
    printf("# s2n_get_openssl_version: 0x%lx, run time 0x%lx\n", version, (unsigned long) OpenSSL_version_num());
    EXPECT_EQUAL(version, (unsigned long) OPENSSL_VERSION_NUMBER);
    EXPECT_EQUAL(version >> 28, 3);
    EXPECT_EQUAL(OpenSSL_version_num() >> 28, version >> 28);
    s2n_fips_mode fips = S2N_FIPS_MODE_ENABLED;
    EXPECT_SUCCESS(s2n_get_fips_mode(&fips));
    EXPECT_EQUAL(fips, S2N_FIPS_MODE_DISABLED); /* plain OpenSSL */
    EXPECT_FAILURE_NAMED(s2n_get_fips_mode(NULL), "S2N_ERR_NULL");

    /* Stack traces are a documented no-op. */
    EXPECT_SUCCESS(s2n_calculate_stacktrace());

    /* Full teardown returns every block, then the library starts again. */
    EXPECT_SUCCESS(s2n_cleanup_final());
    EXPECT_EQUAL(cleanup_calls, 1);
    EXPECT_EQUAL(live_bytes, 0);
    EXPECT_EQUAL(mallocs, frees);
    EXPECT_FAILURE_NAMED(s2n_cleanup_final(), "S2N_ERR_NOT_INITIALIZED");
    if (have_config()) {
        EXPECT_NULL_NAMED(p_config_new_minimal(), "S2N_ERR_NOT_INITIALIZED");
    }

    EXPECT_SUCCESS(s2n_init());
    EXPECT_EQUAL(init_calls, 2);
    EXPECT_FAILURE_NAMED(s2n_init(), "S2N_ERR_INITIALIZED");
    if (have_config()) {
        struct s2n_config *config = p_config_new();
        EXPECT_NOT_NULL(config);
        if (config) {
            EXPECT_SUCCESS(p_config_free(config));
        }
    }
    EXPECT_SUCCESS(s2n_cleanup_final());
    EXPECT_EQUAL(cleanup_calls, 2);
    EXPECT_EQUAL(live_bytes, 0);

    /* Hooks may be replaced between lifetimes. */
    EXPECT_SUCCESS(s2n_mem_set_callbacks(count_init, count_cleanup, count_malloc, count_free));
    EXPECT_SUCCESS(s2n_init());
    EXPECT_SUCCESS(s2n_cleanup_final());

    EXPECT_EQUAL(size_mismatches, 0);
    EXPECT_EQUAL(unknown_frees, 0);
    printf("# %d allocations through the hooks\n", mallocs);

    END_TEST();
}
