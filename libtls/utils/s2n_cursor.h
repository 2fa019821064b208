/* The bounds-checked cursor used for all wire data.
 *
 * A cursor is a view of a byte buffer with a read position and a write
 * position: bytes in [rpos, wpos) are unread data, bytes in [wpos, size) are
 * free space.  Reads past wpos fail with S2N_ERR_STUFFER_OUT_OF_DATA (a
 * decode_error on the wire); writes past size fail with
 * S2N_ERR_STUFFER_IS_FULL unless the cursor owns a growable buffer, which is
 * then enlarged through the allocator hooks.
 *
 * Length-prefixed vectors are read as sub-cursors that borrow the parent's
 * bytes (no copy), and written by reserving the prefix and filling it in
 * when the vector ends. */
#ifndef S2N_CURSOR_H
#define S2N_CURSOR_H

#include <stdint.h>
#include "utils/s2n_safety.h"

struct s2n_cursor {
    uint8_t *data;
    uint32_t size;
    uint32_t rpos;
    uint32_t wpos;
    uint8_t growable; /* owns data, allocated through the hooks */
    uint8_t secret;   /* cleanse when freed or moved */
};

/* Position of a reserved length prefix, filled in by s2n_cursor_end_vec. */
struct s2n_vec_mark {
    uint32_t pos;
    uint8_t width;
};

/* View @len readable bytes (nothing is copied or owned). */
S2N_RESULT s2n_cursor_init_read(struct s2n_cursor *c, const uint8_t *data, uint32_t len);
/* View an empty, fixed-size buffer to write into. */
S2N_RESULT s2n_cursor_init_write(struct s2n_cursor *c, uint8_t *buf, uint32_t cap);
/* An owned, growable buffer with @cap bytes allocated now (0 is allowed). */
S2N_RESULT s2n_cursor_alloc(struct s2n_cursor *c, uint32_t cap);
/* Make sure @n more bytes can be written (grows an owned buffer). */
S2N_RESULT s2n_cursor_reserve_space(struct s2n_cursor *c, uint32_t n);
/* Like s2n_cursor_reserve_space, but grows an owned buffer to exactly what
 * is needed (for buffers whose largest size is known, like a record). */
S2N_RESULT s2n_cursor_reserve_exact(struct s2n_cursor *c, uint32_t n);
/* Free an owned buffer (cleansed if secret) and zero the cursor. */
void s2n_cursor_free(struct s2n_cursor *c);
/* Forget the contents, keep the memory. */
void s2n_cursor_reset(struct s2n_cursor *c);
/* Cleanse the whole buffer, then reset. */
void s2n_cursor_wipe(struct s2n_cursor *c);
/* Move unread bytes to the front of the buffer. */
void s2n_cursor_compact(struct s2n_cursor *c);

static inline uint32_t s2n_cursor_remaining(const struct s2n_cursor *c)
{
    return c->wpos - c->rpos;
}
static inline uint32_t s2n_cursor_space(const struct s2n_cursor *c)
{
    return c->size - c->wpos;
}
static inline uint8_t *s2n_cursor_read_ptr_unchecked(const struct s2n_cursor *c)
{
    /* An empty cursor may have no buffer at all (NULL + 0 is undefined). */
    return c->data ? c->data + c->rpos : c->data;
}

S2N_RESULT s2n_cursor_read_u8(struct s2n_cursor *c, uint8_t *out);
S2N_RESULT s2n_cursor_read_u16(struct s2n_cursor *c, uint16_t *out);
S2N_RESULT s2n_cursor_read_u24(struct s2n_cursor *c, uint32_t *out);
S2N_RESULT s2n_cursor_read_u32(struct s2n_cursor *c, uint32_t *out);
S2N_RESULT s2n_cursor_read_u64(struct s2n_cursor *c, uint64_t *out);
S2N_RESULT s2n_cursor_read_bytes(struct s2n_cursor *c, uint8_t *out, uint32_t n);
/* Borrow the next @n bytes (valid while the buffer lives). */
S2N_RESULT s2n_cursor_read_ptr(struct s2n_cursor *c, uint32_t n, const uint8_t **out);
S2N_RESULT s2n_cursor_skip(struct s2n_cursor *c, uint32_t n);
/* Read a vector with a 1-, 2- or 3-byte length prefix as a sub-cursor. */
S2N_RESULT s2n_cursor_read_vec(struct s2n_cursor *c, uint8_t width, struct s2n_cursor *sub);
#define s2n_cursor_read_vec8(c, sub) s2n_cursor_read_vec((c), 1, (sub))
#define s2n_cursor_read_vec16(c, sub) s2n_cursor_read_vec((c), 2, (sub))
#define s2n_cursor_read_vec24(c, sub) s2n_cursor_read_vec((c), 3, (sub))

S2N_RESULT s2n_cursor_write_u8(struct s2n_cursor *c, uint8_t v);
S2N_RESULT s2n_cursor_write_u16(struct s2n_cursor *c, uint16_t v);
S2N_RESULT s2n_cursor_write_u24(struct s2n_cursor *c, uint32_t v);
S2N_RESULT s2n_cursor_write_u32(struct s2n_cursor *c, uint32_t v);
S2N_RESULT s2n_cursor_write_u64(struct s2n_cursor *c, uint64_t v);
S2N_RESULT s2n_cursor_write_bytes(struct s2n_cursor *c, const uint8_t *data, uint32_t n);
S2N_RESULT s2n_cursor_write_zeros(struct s2n_cursor *c, uint32_t n);
/* Claim @n bytes of space to fill in directly; *out points at them. */
S2N_RESULT s2n_cursor_claim(struct s2n_cursor *c, uint32_t n, uint8_t **out);

/* Begin a vector with a @width-byte length prefix; end it to fill the prefix
 * in (fails if the vector is longer than the prefix can express). */
S2N_RESULT s2n_cursor_begin_vec(struct s2n_cursor *c, uint8_t width, struct s2n_vec_mark *mark);
S2N_RESULT s2n_cursor_end_vec(struct s2n_cursor *c, const struct s2n_vec_mark *mark);
/* Write a whole vector: prefix then bytes. */
S2N_RESULT s2n_cursor_write_vec(struct s2n_cursor *c, uint8_t width, const uint8_t *data, uint32_t n);

#endif
