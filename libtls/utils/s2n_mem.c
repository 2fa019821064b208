#include <stdlib.h>
#include <string.h>

#include "utils/s2n_mem.h"

static int s2n_default_mem_init(void)
{
    return S2N_SUCCESS;
}

static int s2n_default_mem_cleanup(void)
{
    return S2N_SUCCESS;
}

static int s2n_default_malloc(void **ptr, uint32_t requested, uint32_t *allocated)
{
    *ptr = malloc(requested ? requested : 1);
    if (*ptr == NULL) {
        return S2N_FAILURE;
    }
    *allocated = requested;
    return S2N_SUCCESS;
}

static int s2n_default_free(void *ptr, uint32_t size)
{
    free(ptr);
    return S2N_SUCCESS;
}

static s2n_mem_init_callback s2n_mem_init_cb = s2n_default_mem_init;
static s2n_mem_cleanup_callback s2n_mem_cleanup_cb = s2n_default_mem_cleanup;
static s2n_mem_malloc_callback s2n_mem_malloc_cb = s2n_default_malloc;
static s2n_mem_free_callback s2n_mem_free_cb = s2n_default_free;
static int s2n_mem_initialized;

int s2n_mem_is_initialized(void)
{
    return s2n_mem_initialized;
}

S2N_RESULT s2n_mem_init(void)
{
    ENSURE(s2n_mem_init_cb() >= 0, S2N_ERR_ALLOC);
    s2n_mem_initialized = 1;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_mem_cleanup(void)
{
    s2n_mem_initialized = 0;
    ENSURE(s2n_mem_cleanup_cb() >= 0, S2N_ERR_ALLOC);
    return S2N_SUCCESS;
}

S2N_API int s2n_mem_set_callbacks(s2n_mem_init_callback mem_init_callback, s2n_mem_cleanup_callback mem_cleanup_callback,
        s2n_mem_malloc_callback mem_malloc_callback, s2n_mem_free_callback mem_free_callback)
{
    ENSURE(!s2n_mem_initialized, S2N_ERR_INITIALIZED);
    ENSURE_REF(mem_init_callback);
    ENSURE_REF(mem_cleanup_callback);
    ENSURE_REF(mem_malloc_callback);
    ENSURE_REF(mem_free_callback);
    s2n_mem_init_cb = mem_init_callback;
    s2n_mem_cleanup_cb = mem_cleanup_callback;
    s2n_mem_malloc_cb = mem_malloc_callback;
    s2n_mem_free_cb = mem_free_callback;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_alloc(void **p, uint32_t size)
{
    ENSURE_REF(p);
    *p = NULL;
    void *block = NULL;
    uint32_t allocated = 0;
    ENSURE(s2n_mem_malloc_cb(&block, size, &allocated) >= 0 && block != NULL, S2N_ERR_ALLOC);
    ENSURE(allocated >= size, S2N_ERR_ALLOC);
    memset(block, 0, size);
    *p = block;
    return S2N_SUCCESS;
}

void s2n_free(void *p, uint32_t size)
{
    if (p != NULL) {
        (void) s2n_mem_free_cb(p, size);
    }
}

void s2n_free_secret(void *p, uint32_t size)
{
    if (p != NULL) {
        s2n_cleanse(p, size);
        s2n_free(p, size);
    }
}

S2N_RESULT s2n_realloc(void **p, uint32_t *size, uint32_t new_size, int secret)
{
    ENSURE_REF(p);
    ENSURE_REF(size);
    void *block = NULL;
    GUARD(s2n_alloc(&block, new_size));
    if (*p) {
        memcpy(block, *p, S2N_MIN(*size, new_size));
        if (secret) {
            s2n_free_secret(*p, *size);
        } else {
            s2n_free(*p, *size);
        }
    }
    *p = block;
    *size = new_size;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_strdup(char **out, const char *s, uint32_t len)
{
    ENSURE_REF(out);
    ENSURE_REF(s);
    ENSURE(len < UINT32_MAX, S2N_ERR_SAFETY);
    GUARD(s2n_alloc((void **) out, len + 1));
    memcpy(*out, s, len);
    (*out)[len] = '\0';
    return S2N_SUCCESS;
}
