#include <string.h>

#include "utils/s2n_cursor.h"
#include "utils/s2n_mem.h"

S2N_RESULT s2n_cursor_init_read(struct s2n_cursor *c, const uint8_t *data, uint32_t len)
{
    ENSURE_REF(c);
    ENSURE(data != NULL || len == 0, S2N_ERR_NULL);
    *c = (struct s2n_cursor) { .data = (uint8_t *) (uintptr_t) data, .size = len, .wpos = len };
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_init_write(struct s2n_cursor *c, uint8_t *buf, uint32_t cap)
{
    ENSURE_REF(c);
    ENSURE(buf != NULL || cap == 0, S2N_ERR_NULL);
    *c = (struct s2n_cursor) { .data = buf, .size = cap };
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_alloc(struct s2n_cursor *c, uint32_t cap)
{
    ENSURE_REF(c);
    *c = (struct s2n_cursor) { .growable = 1 };
    if (cap > 0) {
        GUARD(s2n_alloc((void **) &c->data, cap));
        c->size = cap;
    }
    return S2N_SUCCESS;
}

void s2n_cursor_free(struct s2n_cursor *c)
{
    if (c == NULL) {
        return;
    }
    if (c->growable && c->data) {
        if (c->secret) {
            s2n_free_secret(c->data, c->size);
        } else {
            s2n_free(c->data, c->size);
        }
    }
    uint8_t growable = c->growable, secret = c->secret;
    *c = (struct s2n_cursor) { .growable = growable, .secret = secret };
}

void s2n_cursor_reset(struct s2n_cursor *c)
{
    c->rpos = 0;
    c->wpos = 0;
}

void s2n_cursor_wipe(struct s2n_cursor *c)
{
    if (c->data) {
        s2n_cleanse(c->data, c->size);
    }
    s2n_cursor_reset(c);
}

void s2n_cursor_compact(struct s2n_cursor *c)
{
    if (c->rpos == 0) {
        return;
    }
    uint32_t n = s2n_cursor_remaining(c);
    if (n) {
        memmove(c->data, c->data + c->rpos, n);
    }
    c->rpos = 0;
    c->wpos = n;
}

S2N_RESULT s2n_cursor_reserve_space(struct s2n_cursor *c, uint32_t n)
{
    ENSURE_REF(c);
    if (s2n_cursor_space(c) >= n) {
        return S2N_SUCCESS;
    }
    ENSURE(c->growable, S2N_ERR_STUFFER_IS_FULL);
    ENSURE(n <= UINT32_MAX - c->wpos, S2N_ERR_INTEGER_OVERFLOW);
    /* Grow to exactly what is needed the first time, then by doubling. */
    uint32_t need = c->wpos + n;
    uint32_t new_size = c->size ? c->size : need;
    while (new_size < need) {
        new_size = new_size > UINT32_MAX / 2 ? need : new_size * 2;
    }
    void *data = c->data;
    uint32_t size = c->size;
    GUARD(s2n_realloc(&data, &size, new_size, c->secret));
    c->data = data;
    c->size = size;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_reserve_exact(struct s2n_cursor *c, uint32_t n)
{
    ENSURE_REF(c);
    if (s2n_cursor_space(c) >= n) {
        return S2N_SUCCESS;
    }
    ENSURE(c->growable, S2N_ERR_STUFFER_IS_FULL);
    ENSURE(n <= UINT32_MAX - c->wpos, S2N_ERR_INTEGER_OVERFLOW);
    void *data = c->data;
    uint32_t size = c->size;
    GUARD(s2n_realloc(&data, &size, c->wpos + n, c->secret));
    c->data = data;
    c->size = size;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_cursor_read_uint(struct s2n_cursor *c, uint8_t width, uint64_t *out)
{
    ENSURE_REF(c);
    ENSURE(s2n_cursor_remaining(c) >= width, S2N_ERR_STUFFER_OUT_OF_DATA);
    uint64_t v = 0;
    for (uint8_t i = 0; i < width; i++) {
        v = (v << 8) | c->data[c->rpos + i];
    }
    c->rpos += width;
    *out = v;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_read_u8(struct s2n_cursor *c, uint8_t *out)
{
    uint64_t v;
    GUARD(s2n_cursor_read_uint(c, 1, &v));
    *out = (uint8_t) v;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_read_u16(struct s2n_cursor *c, uint16_t *out)
{
    uint64_t v;
    GUARD(s2n_cursor_read_uint(c, 2, &v));
    *out = (uint16_t) v;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_read_u24(struct s2n_cursor *c, uint32_t *out)
{
    uint64_t v;
    GUARD(s2n_cursor_read_uint(c, 3, &v));
    *out = (uint32_t) v;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_read_u32(struct s2n_cursor *c, uint32_t *out)
{
    uint64_t v;
    GUARD(s2n_cursor_read_uint(c, 4, &v));
    *out = (uint32_t) v;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_read_u64(struct s2n_cursor *c, uint64_t *out)
{
    return s2n_cursor_read_uint(c, 8, out);
}

S2N_RESULT s2n_cursor_read_ptr(struct s2n_cursor *c, uint32_t n, const uint8_t **out)
{
    ENSURE_REF(c);
    ENSURE_REF(out);
    ENSURE(s2n_cursor_remaining(c) >= n, S2N_ERR_STUFFER_OUT_OF_DATA);
    *out = c->data + c->rpos;
    c->rpos += n;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_read_bytes(struct s2n_cursor *c, uint8_t *out, uint32_t n)
{
    const uint8_t *p = NULL;
    ENSURE(out != NULL || n == 0, S2N_ERR_NULL);
    GUARD(s2n_cursor_read_ptr(c, n, &p));
    if (n) {
        memcpy(out, p, n);
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_skip(struct s2n_cursor *c, uint32_t n)
{
    const uint8_t *p = NULL;
    return s2n_cursor_read_ptr(c, n, &p);
}

S2N_RESULT s2n_cursor_read_vec(struct s2n_cursor *c, uint8_t width, struct s2n_cursor *sub)
{
    ENSURE_REF(sub);
    ENSURE(width >= 1 && width <= 3, S2N_ERR_SAFETY);
    uint64_t len = 0;
    uint32_t start = c ? c->rpos : 0;
    GUARD(s2n_cursor_read_uint(c, width, &len));
    if (s2n_cursor_remaining(c) < len) {
        c->rpos = start;
        BAIL(S2N_ERR_STUFFER_OUT_OF_DATA);
    }
    GUARD(s2n_cursor_init_read(sub, c->data + c->rpos, (uint32_t) len));
    c->rpos += (uint32_t) len;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_claim(struct s2n_cursor *c, uint32_t n, uint8_t **out)
{
    ENSURE_REF(out);
    GUARD(s2n_cursor_reserve_space(c, n));
    *out = c->data + c->wpos;
    c->wpos += n;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_cursor_write_uint(struct s2n_cursor *c, uint8_t width, uint64_t v)
{
    uint8_t *p = NULL;
    GUARD(s2n_cursor_claim(c, width, &p));
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (uint8_t) v;
        v >>= 8;
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_write_u8(struct s2n_cursor *c, uint8_t v)
{
    return s2n_cursor_write_uint(c, 1, v);
}

S2N_RESULT s2n_cursor_write_u16(struct s2n_cursor *c, uint16_t v)
{
    return s2n_cursor_write_uint(c, 2, v);
}

S2N_RESULT s2n_cursor_write_u24(struct s2n_cursor *c, uint32_t v)
{
    ENSURE(v < (1u << 24), S2N_ERR_SIZE_MISMATCH);
    return s2n_cursor_write_uint(c, 3, v);
}

S2N_RESULT s2n_cursor_write_u32(struct s2n_cursor *c, uint32_t v)
{
    return s2n_cursor_write_uint(c, 4, v);
}

S2N_RESULT s2n_cursor_write_u64(struct s2n_cursor *c, uint64_t v)
{
    return s2n_cursor_write_uint(c, 8, v);
}

S2N_RESULT s2n_cursor_write_bytes(struct s2n_cursor *c, const uint8_t *data, uint32_t n)
{
    ENSURE(data != NULL || n == 0, S2N_ERR_NULL);
    ENSURE_REF(c);
    /* Bytes from inside this very buffer stay valid if it has to grow. */
    if (n && c->data && data >= c->data && data < c->data + c->size) {
        uintptr_t offset = (uintptr_t) (data - c->data);
        GUARD(s2n_cursor_reserve_space(c, n));
        data = c->data + offset;
    }
    uint8_t *p = NULL;
    GUARD(s2n_cursor_claim(c, n, &p));
    if (n) {
        memmove(p, data, n);
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_write_zeros(struct s2n_cursor *c, uint32_t n)
{
    uint8_t *p = NULL;
    GUARD(s2n_cursor_claim(c, n, &p));
    memset(p, 0, n);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_begin_vec(struct s2n_cursor *c, uint8_t width, struct s2n_vec_mark *mark)
{
    ENSURE_REF(c);
    ENSURE_REF(mark);
    ENSURE(width >= 1 && width <= 3, S2N_ERR_SAFETY);
    mark->pos = c->wpos;
    mark->width = width;
    return s2n_cursor_write_zeros(c, width);
}

S2N_RESULT s2n_cursor_end_vec(struct s2n_cursor *c, const struct s2n_vec_mark *mark)
{
    ENSURE_REF(c);
    ENSURE_REF(mark);
    ENSURE(mark->width >= 1 && mark->width <= 3, S2N_ERR_SAFETY);
    ENSURE(mark->pos + mark->width <= c->wpos, S2N_ERR_SAFETY);
    uint32_t len = c->wpos - mark->pos - mark->width;
    ENSURE(len < (1u << (8 * mark->width)), S2N_ERR_SIZE_MISMATCH);
    for (int i = mark->width - 1; i >= 0; i--) {
        c->data[mark->pos + i] = (uint8_t) len;
        len >>= 8;
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_cursor_write_vec(struct s2n_cursor *c, uint8_t width, const uint8_t *data, uint32_t n)
{
    struct s2n_vec_mark mark;
    GUARD(s2n_cursor_begin_vec(c, width, &mark));
    GUARD(s2n_cursor_write_bytes(c, data, n));
    return s2n_cursor_end_vec(c, &mark);
}
