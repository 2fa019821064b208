/* Allocation through the s2n_mem_set_callbacks() hooks.
 * Every block is freed with the size it was allocated with, because the free
 * hook receives it. */
#ifndef S2N_MEM_H
#define S2N_MEM_H

#include <stdint.h>
#include "utils/s2n_safety.h"

/* Allocate @size zeroed bytes into *p. */
S2N_RESULT s2n_alloc(void **p, uint32_t size);
/* Resize a block from *size to new_size bytes (contents kept, new bytes
 * zeroed).  With secret set, the old block is cleansed before it is freed. */
S2N_RESULT s2n_realloc(void **p, uint32_t *size, uint32_t new_size, int secret);
/* Free a block of @size bytes (NULL is fine). */
void s2n_free(void *p, uint32_t size);
/* Cleanse, then free. */
void s2n_free_secret(void *p, uint32_t size);

/* Typed helpers: s2n_new(&ptr) allocates sizeof(*ptr) zeroed bytes. */
#define s2n_new(pp) s2n_alloc((void **) (pp), sizeof(**(pp)))
#define s2n_delete(p) s2n_free((p), sizeof(*(p)))

/* Duplicate a string / bytes. */
S2N_RESULT s2n_strdup(char **out, const char *s, uint32_t len);

/* Called by s2n_init / s2n_cleanup_final. */
S2N_RESULT s2n_mem_init(void);
S2N_RESULT s2n_mem_cleanup(void);
int s2n_mem_is_initialized(void);

#endif
