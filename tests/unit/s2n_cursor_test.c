/* Unit tests of the bounds-checked cursor (utils/s2n_cursor.c).
 *
 * Every read past the data and every write past the space of a fixed buffer
 * is refused with S2N_ERR_STUFFER_OUT_OF_DATA / S2N_ERR_STUFFER_IS_FULL and
 * leaves both positions unchanged; integers round-trip big-endian; growable
 * buffers grow through the allocator hooks (and cleanse secrets on the way);
 * nested length-prefixed vectors read back, and an overrun at any level is
 * refused without touching the bytes beyond it. */
#include <stdint.h>
#include <string.h>

#include "s2n_test.h"
#include "utils/s2n_cursor.h"
#include "utils/s2n_mem.h"

/* Allocator hooks that count calls and live bytes, and check that every
 * block is freed with the size it was allocated with. */
#define MAX_BLOCKS 256
static struct {
    void *p;
    uint32_t size;
} blocks[MAX_BLOCKS];
static int mallocs, frees, size_mismatches, fail_next_malloc, nonzero_secret_frees;
static long live_bytes;
static const uint8_t *secret_watch; /* a block whose contents must be zero when freed */

static int count_init(void)
{
    return S2N_SUCCESS;
}

static int count_cleanup(void)
{
    return S2N_SUCCESS;
}

static int count_malloc(void **ptr, uint32_t requested, uint32_t *allocated)
{
    if (fail_next_malloc) {
        fail_next_malloc = 0;
        return S2N_FAILURE;
    }
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
    for (int i = 0; i < MAX_BLOCKS; i++) {
        if (blocks[i].p == ptr) {
            if (blocks[i].size != size) {
                size_mismatches++;
            }
            blocks[i].p = NULL;
            break;
        }
    }
    if (ptr == secret_watch) {
        for (uint32_t i = 0; i < size; i++) {
            if (((const uint8_t *) ptr)[i] != 0) {
                nonzero_secret_frees++;
                break;
            }
        }
    }
    frees++;
    live_bytes -= size;
    free(ptr);
    return S2N_SUCCESS;
}

/* Positions of a cursor, to check that a refused operation changed nothing. */
struct pos {
    uint32_t rpos, wpos, size;
    const uint8_t *data;
};
static struct pos pos_of(const struct s2n_cursor *c)
{
    return (struct pos) { c->rpos, c->wpos, c->size, c->data };
}
static int pos_same(struct pos a, struct pos b)
{
    return a.rpos == b.rpos && a.wpos == b.wpos && a.size == b.size && a.data == b.data;
}

/* Try every read kind on a cursor holding @avail unread bytes (taken from the
 * middle of a larger buffer so that bytes exist beyond the cursor's end). */
static void test_reads_refused(void)
{
    uint8_t backing[64];
    for (int i = 0; i < (int) sizeof(backing); i++) {
        backing[i] = (uint8_t) (0xA0 + i);
    }
    for (uint32_t avail = 0; avail <= 8; avail++) {
        struct s2n_cursor c;
        EXPECT_SUCCESS(s2n_cursor_init_read(&c, backing + 8, avail));
        struct pos before = pos_of(&c);
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
        uint8_t buf[16];
        const uint8_t *ptr = NULL;

        if (avail < 1) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u8(&c, &u8), S2N_ERR_STUFFER_OUT_OF_DATA);
        }
        if (avail < 2) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u16(&c, &u16), S2N_ERR_STUFFER_OUT_OF_DATA);
        }
        if (avail < 3) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u24(&c, &u32), S2N_ERR_STUFFER_OUT_OF_DATA);
        }
        if (avail < 4) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u32(&c, &u32), S2N_ERR_STUFFER_OUT_OF_DATA);
        }
        if (avail < 8) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u64(&c, &u64), S2N_ERR_STUFFER_OUT_OF_DATA);
        }
        /* Byte reads, skips and borrowed pointers one past what is there. */
        memset(buf, 0x55, sizeof(buf));
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_bytes(&c, buf, avail + 1), S2N_ERR_STUFFER_OUT_OF_DATA);
        EXPECT_EQUAL(buf[0], 0x55); /* nothing was copied */
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_skip(&c, avail + 1), S2N_ERR_STUFFER_OUT_OF_DATA);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_ptr(&c, avail + 1, &ptr), S2N_ERR_STUFFER_OUT_OF_DATA);
        EXPECT_NULL(ptr);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_bytes(&c, buf, UINT32_MAX), S2N_ERR_STUFFER_OUT_OF_DATA);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_skip(&c, UINT32_MAX), S2N_ERR_STUFFER_OUT_OF_DATA);
        EXPECT_TRUE(pos_same(before, pos_of(&c)));

        /* Exactly what is there succeeds and consumes it all. */
        EXPECT_SUCCESS(s2n_cursor_read_bytes(&c, buf, avail));
        EXPECT_BYTES_EQUAL(buf, backing + 8, avail);
        EXPECT_EQUAL(s2n_cursor_remaining(&c), 0);
        EXPECT_EQUAL(c.rpos, avail);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u8(&c, &u8), S2N_ERR_STUFFER_OUT_OF_DATA);
        EXPECT_EQUAL(c.rpos, avail);
    }
}

/* Every write kind on a fixed buffer with @space free bytes left. */
static void test_writes_refused(void)
{
    for (uint32_t space = 0; space <= 8; space++) {
        uint8_t backing[24];
        memset(backing, 0xEE, sizeof(backing));
        struct s2n_cursor c;
        /* The cursor covers backing[0..4+space); four bytes are already used. */
        EXPECT_SUCCESS(s2n_cursor_init_write(&c, backing, 4 + space));
        EXPECT_SUCCESS(s2n_cursor_write_u32(&c, 0x01020304));
        EXPECT_EQUAL(s2n_cursor_space(&c), space);
        struct pos before = pos_of(&c);
        uint8_t *claimed = NULL;
        static const uint8_t src[16] = { 0 };
        struct s2n_vec_mark mark;

        if (space < 1) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u8(&c, 1), S2N_ERR_STUFFER_IS_FULL);
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_begin_vec(&c, 1, &mark), S2N_ERR_STUFFER_IS_FULL);
        }
        if (space < 2) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u16(&c, 1), S2N_ERR_STUFFER_IS_FULL);
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_begin_vec(&c, 2, &mark), S2N_ERR_STUFFER_IS_FULL);
        }
        if (space < 3) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u24(&c, 1), S2N_ERR_STUFFER_IS_FULL);
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_begin_vec(&c, 3, &mark), S2N_ERR_STUFFER_IS_FULL);
        }
        if (space < 4) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u32(&c, 1), S2N_ERR_STUFFER_IS_FULL);
        }
        if (space < 8) {
            EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u64(&c, 1), S2N_ERR_STUFFER_IS_FULL);
        }
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_bytes(&c, src, space + 1), S2N_ERR_STUFFER_IS_FULL);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_zeros(&c, space + 1), S2N_ERR_STUFFER_IS_FULL);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_claim(&c, space + 1, &claimed), S2N_ERR_STUFFER_IS_FULL);
        EXPECT_NULL(claimed);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_reserve_space(&c, space + 1), S2N_ERR_STUFFER_IS_FULL);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_zeros(&c, UINT32_MAX), S2N_ERR_STUFFER_IS_FULL);
        EXPECT_TRUE(pos_same(before, pos_of(&c)));
        /* Nothing was written past the used bytes, nor past the cursor. */
        for (uint32_t i = 4; i < sizeof(backing); i++) {
            if (backing[i] != 0xEE) {
                EXPECT_EQUAL(backing[i], 0xEE);
            }
        }

        /* Exactly the space left succeeds; then even one byte fails. */
        EXPECT_SUCCESS(s2n_cursor_write_bytes(&c, src, space));
        EXPECT_EQUAL(s2n_cursor_space(&c), 0);
        EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u8(&c, 1), S2N_ERR_STUFFER_IS_FULL);
        EXPECT_EQUAL(c.wpos, 4 + space);
        EXPECT_EQUAL(backing[4 + space], 0xEE);
    }

    /* A 24-bit field cannot hold 2^24. */
    uint8_t buf[8];
    struct s2n_cursor c;
    EXPECT_SUCCESS(s2n_cursor_init_write(&c, buf, sizeof(buf)));
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u24(&c, 1u << 24), S2N_ERR_SIZE_MISMATCH);
    EXPECT_EQUAL(c.wpos, 0);
    EXPECT_SUCCESS(s2n_cursor_write_u24(&c, (1u << 24) - 1));
    EXPECT_EQUAL(c.wpos, 3);
}

static void test_round_trips(void)
{
    uint8_t buf[64];
    struct s2n_cursor w;
    EXPECT_SUCCESS(s2n_cursor_init_write(&w, buf, sizeof(buf)));
    EXPECT_SUCCESS(s2n_cursor_write_u8(&w, 0x00));
    EXPECT_SUCCESS(s2n_cursor_write_u8(&w, 0xFF));
    EXPECT_SUCCESS(s2n_cursor_write_u16(&w, 0x0102));
    EXPECT_SUCCESS(s2n_cursor_write_u16(&w, 0xFFFF));
    EXPECT_SUCCESS(s2n_cursor_write_u24(&w, 0x030405));
    EXPECT_SUCCESS(s2n_cursor_write_u24(&w, 0xFFFFFF));
    EXPECT_SUCCESS(s2n_cursor_write_u32(&w, 0x06070809));
    EXPECT_SUCCESS(s2n_cursor_write_u32(&w, 0xFFFFFFFF));
    EXPECT_SUCCESS(s2n_cursor_write_u64(&w, 0x0A0B0C0D0E0F1011ULL));
    EXPECT_SUCCESS(s2n_cursor_write_u64(&w, UINT64_MAX));
    EXPECT_SUCCESS(s2n_cursor_write_u64(&w, 0));
    EXPECT_EQUAL(w.wpos, 2 + 4 + 6 + 8 + 24);

    /* Network byte order on the wire. */
    static const uint8_t expect[] = {
        0x00, 0xFF, 0x01, 0x02, 0xFF, 0xFF, 0x03, 0x04, 0x05, 0xFF, 0xFF, 0xFF,
        0x06, 0x07, 0x08, 0x09, 0xFF, 0xFF, 0xFF, 0xFF,
        0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0, 0, 0, 0, 0, 0, 0, 0,
    };
    EXPECT_EQUAL(sizeof(expect), w.wpos);
    EXPECT_BYTES_EQUAL(buf, expect, sizeof(expect));

    struct s2n_cursor r;
    EXPECT_SUCCESS(s2n_cursor_init_read(&r, buf, w.wpos));
    uint8_t u8 = 1;
    uint16_t u16 = 1;
    uint32_t u32 = 1;
    uint64_t u64 = 1;
    EXPECT_SUCCESS(s2n_cursor_read_u8(&r, &u8));
    EXPECT_EQUAL(u8, 0x00);
    EXPECT_SUCCESS(s2n_cursor_read_u8(&r, &u8));
    EXPECT_EQUAL(u8, 0xFF);
    EXPECT_SUCCESS(s2n_cursor_read_u16(&r, &u16));
    EXPECT_EQUAL(u16, 0x0102);
    EXPECT_SUCCESS(s2n_cursor_read_u16(&r, &u16));
    EXPECT_EQUAL(u16, 0xFFFF);
    EXPECT_SUCCESS(s2n_cursor_read_u24(&r, &u32));
    EXPECT_EQUAL(u32, 0x030405);
    EXPECT_SUCCESS(s2n_cursor_read_u24(&r, &u32));
    EXPECT_EQUAL(u32, 0xFFFFFF);
    EXPECT_SUCCESS(s2n_cursor_read_u32(&r, &u32));
    EXPECT_EQUAL(u32, 0x06070809);
    EXPECT_SUCCESS(s2n_cursor_read_u32(&r, &u32));
    EXPECT_TRUE(u32 == 0xFFFFFFFFu);
    EXPECT_SUCCESS(s2n_cursor_read_u64(&r, &u64));
    EXPECT_TRUE(u64 == 0x0A0B0C0D0E0F1011ULL);
    EXPECT_SUCCESS(s2n_cursor_read_u64(&r, &u64));
    EXPECT_TRUE(u64 == UINT64_MAX);
    EXPECT_SUCCESS(s2n_cursor_read_u64(&r, &u64));
    EXPECT_TRUE(u64 == 0);
    EXPECT_EQUAL(s2n_cursor_remaining(&r), 0);

    /* Every single-bit value of each width. */
    for (int width = 1; width <= 8; width *= 2) {
        for (int bit = 0; bit < 8 * width; bit++) {
            uint64_t v = 1ULL << bit;
            uint8_t b[8];
            struct s2n_cursor c;
            EXPECT_SUCCESS(s2n_cursor_init_write(&c, b, sizeof(b)));
            uint64_t got = 0;
            if (width == 1) {
                EXPECT_SUCCESS(s2n_cursor_write_u8(&c, (uint8_t) v));
                uint8_t x;
                EXPECT_SUCCESS(s2n_cursor_read_u8(&c, &x));
                got = x;
            } else if (width == 2) {
                EXPECT_SUCCESS(s2n_cursor_write_u16(&c, (uint16_t) v));
                uint16_t x;
                EXPECT_SUCCESS(s2n_cursor_read_u16(&c, &x));
                got = x;
            } else if (width == 4) {
                EXPECT_SUCCESS(s2n_cursor_write_u32(&c, (uint32_t) v));
                uint32_t x;
                EXPECT_SUCCESS(s2n_cursor_read_u32(&c, &x));
                got = x;
            } else {
                EXPECT_SUCCESS(s2n_cursor_write_u64(&c, v));
                EXPECT_SUCCESS(s2n_cursor_read_u64(&c, &got));
            }
            if (got != v) {
                EXPECT_TRUE(got == v);
            }
        }
    }
    /* u24: every single-bit value. */
    for (int bit = 0; bit < 24; bit++) {
        uint8_t b[3];
        struct s2n_cursor c;
        uint32_t x = 0;
        EXPECT_SUCCESS(s2n_cursor_init_write(&c, b, sizeof(b)));
        EXPECT_SUCCESS(s2n_cursor_write_u24(&c, 1u << bit));
        EXPECT_SUCCESS(s2n_cursor_read_u24(&c, &x));
        if (x != 1u << bit) {
            EXPECT_EQUAL(x, 1u << bit);
        }
    }

    /* Bytes, borrowed pointers and skips. */
    static const uint8_t hello[] = "hello, world";
    struct s2n_cursor c;
    EXPECT_SUCCESS(s2n_cursor_init_read(&c, hello, sizeof(hello)));
    const uint8_t *p = NULL;
    EXPECT_SUCCESS(s2n_cursor_read_ptr(&c, 5, &p));
    EXPECT_TRUE(p == hello); /* borrowed, not copied */
    EXPECT_SUCCESS(s2n_cursor_skip(&c, 2));
    uint8_t out[6] = { 0 };
    EXPECT_SUCCESS(s2n_cursor_read_bytes(&c, out, 5));
    EXPECT_BYTES_EQUAL(out, "world", 5);
    EXPECT_SUCCESS(s2n_cursor_read_bytes(&c, out, 0));
    EXPECT_SUCCESS(s2n_cursor_skip(&c, 0));
    EXPECT_EQUAL(s2n_cursor_remaining(&c), 1);
}

static void test_null_and_empty(void)
{
    struct s2n_cursor c;
    uint8_t u8;
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_init_read(NULL, (const uint8_t *) "x", 1), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_init_read(&c, NULL, 1), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_init_write(&c, NULL, 1), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u8(NULL, &u8), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u8(NULL, 1), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_alloc(NULL, 8), S2N_ERR_NULL);

    /* An empty view is fine; reading from it is not. */
    EXPECT_SUCCESS(s2n_cursor_init_read(&c, NULL, 0));
    EXPECT_EQUAL(s2n_cursor_remaining(&c), 0);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u8(&c, &u8), S2N_ERR_STUFFER_OUT_OF_DATA);
    EXPECT_SUCCESS(s2n_cursor_init_write(&c, NULL, 0));
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u8(&c, 1), S2N_ERR_STUFFER_IS_FULL);

    struct s2n_cursor sub;
    uint8_t two[2] = { 0, 0 };
    EXPECT_SUCCESS(s2n_cursor_init_read(&c, two, 2));
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_vec(&c, 2, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_vec(&c, 0, &sub), S2N_ERR_SAFETY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_vec(&c, 4, &sub), S2N_ERR_SAFETY);
    EXPECT_EQUAL(c.rpos, 0);
    /* A zero-length vector is an empty sub-cursor. */
    EXPECT_SUCCESS(s2n_cursor_read_vec16(&c, &sub));
    EXPECT_EQUAL(s2n_cursor_remaining(&sub), 0);
    EXPECT_EQUAL(c.rpos, 2);
}

/* Growable buffers allocate through the hooks. */
static void test_growable(void)
{
    struct s2n_cursor c;
    int m0 = mallocs, f0 = frees;
    long live0 = live_bytes;

    EXPECT_SUCCESS(s2n_cursor_alloc(&c, 0));
    EXPECT_EQUAL(mallocs, m0); /* nothing allocated yet */
    EXPECT_TRUE(c.growable);
    for (uint32_t i = 0; i < 1000; i++) {
        EXPECT_SUCCESS(s2n_cursor_write_u16(&c, (uint16_t) i));
    }
    EXPECT_EQUAL(c.wpos, 2000);
    EXPECT_TRUE(c.size >= 2000);
    EXPECT_TRUE(mallocs > m0);
    EXPECT_EQUAL(live_bytes - live0, (long) c.size); /* old blocks were freed */
    for (uint32_t i = 0; i < 1000; i++) {
        uint16_t v;
        EXPECT_SUCCESS(s2n_cursor_read_u16(&c, &v));
        if (v != i) {
            EXPECT_EQUAL(v, i);
        }
    }
    /* Compact moves unread bytes to the front. */
    EXPECT_SUCCESS(s2n_cursor_write_bytes(&c, (const uint8_t *) "tail", 4));
    EXPECT_SUCCESS(s2n_cursor_skip(&c, 1));
    s2n_cursor_compact(&c);
    EXPECT_EQUAL(c.rpos, 0);
    EXPECT_EQUAL(c.wpos, 3);
    EXPECT_BYTES_EQUAL(c.data, "ail", 3);
    s2n_cursor_reset(&c);
    EXPECT_EQUAL(s2n_cursor_remaining(&c), 0);
    EXPECT_EQUAL(c.wpos, 0);
    s2n_cursor_free(&c);
    EXPECT_EQUAL(live_bytes, live0);
    EXPECT_EQUAL(mallocs - m0, frees - f0);
    EXPECT_NULL(c.data);
    EXPECT_EQUAL(c.size, 0);

    /* Initial capacity: one allocation of that size. */
    m0 = mallocs;
    EXPECT_SUCCESS(s2n_cursor_alloc(&c, 100));
    EXPECT_EQUAL(mallocs, m0 + 1);
    EXPECT_EQUAL(c.size, 100);
    EXPECT_SUCCESS(s2n_cursor_write_zeros(&c, 100));
    EXPECT_EQUAL(mallocs, m0 + 1); /* fits: no growth */
    s2n_cursor_free(&c);
    EXPECT_EQUAL(live_bytes, live0);

    /* A failing allocator: the write is refused and the cursor keeps its data. */
    EXPECT_SUCCESS(s2n_cursor_alloc(&c, 8));
    EXPECT_SUCCESS(s2n_cursor_write_bytes(&c, (const uint8_t *) "12345678", 8));
    struct pos before = pos_of(&c);
    fail_next_malloc = 1;
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u8(&c, 9), S2N_ERR_ALLOC);
    EXPECT_TRUE(pos_same(before, pos_of(&c)));
    EXPECT_BYTES_EQUAL(c.data, "12345678", 8);
    EXPECT_SUCCESS(s2n_cursor_write_u8(&c, 9)); /* next time it works */
    EXPECT_EQUAL(c.wpos, 9);
    s2n_cursor_free(&c);
    EXPECT_EQUAL(live_bytes, live0);

    /* Secrets: the old block is cleansed before it goes back to the allocator. */
    EXPECT_SUCCESS(s2n_cursor_alloc(&c, 16));
    c.secret = 1;
    EXPECT_SUCCESS(s2n_cursor_write_bytes(&c, (const uint8_t *) "0123456789abcdef", 16));
    secret_watch = c.data;
    nonzero_secret_frees = 0;
    int frees_before = frees;
    EXPECT_SUCCESS(s2n_cursor_write_u8(&c, 0x42)); /* forces growth */
    EXPECT_TRUE(frees > frees_before);
    EXPECT_EQUAL(nonzero_secret_frees, 0);
    EXPECT_BYTES_EQUAL(c.data, "0123456789abcdef\x42", 17);
    secret_watch = c.data;
    s2n_cursor_free(&c);
    EXPECT_EQUAL(nonzero_secret_frees, 0);
    secret_watch = NULL;
    EXPECT_EQUAL(live_bytes, live0);

    /* Wipe cleanses the whole buffer and keeps the memory. */
    EXPECT_SUCCESS(s2n_cursor_alloc(&c, 8));
    EXPECT_SUCCESS(s2n_cursor_write_bytes(&c, (const uint8_t *) "secret!!", 8));
    uint8_t *data = c.data;
    s2n_cursor_wipe(&c);
    EXPECT_TRUE(c.data == data);
    static const uint8_t zeros[8] = { 0 };
    EXPECT_BYTES_EQUAL(c.data, zeros, 8);
    EXPECT_EQUAL(c.wpos, 0);
    s2n_cursor_free(&c);

    /* s2n_cursor_free on a view frees nothing. */
    uint8_t buf[4];
    int f1 = frees;
    EXPECT_SUCCESS(s2n_cursor_init_write(&c, buf, sizeof(buf)));
    s2n_cursor_free(&c);
    EXPECT_EQUAL(frees, f1);
    s2n_cursor_free(NULL);

    EXPECT_EQUAL(size_mismatches, 0);
}

/* Parse vec24 { vec16 { vec8... }, u8 } from @len bytes.  Returns 0 when it
 * parses, else the level whose read failed (24, 16, 8, or 1 for the u8),
 * after checking that the failure was S2N_ERR_STUFFER_OUT_OF_DATA, that the
 * failing cursor did not move and that no sub-cursor reached past @len. */
static int parse_nested(const uint8_t *data, uint32_t len)
{
    struct s2n_cursor r, v24, v16, v8;
    uint8_t u8;
    int level = 0;
    uint32_t at = 0;
    const struct s2n_cursor *failing = NULL;

    EXPECT_SUCCESS(s2n_cursor_init_read(&r, data, len));
    s2n_errno = 0;
    if (s2n_cursor_read_vec24(&r, &v24) < 0) {
        level = 24, failing = &r;
        goto failed;
    }
    EXPECT_TRUE(v24.data + v24.size <= data + len);
    if (s2n_cursor_read_vec16(&v24, &v16) < 0) {
        level = 16, failing = &v24;
        goto failed;
    }
    EXPECT_TRUE(v16.data + v16.size <= v24.data + v24.size);
    while (s2n_cursor_remaining(&v16) > 0) {
        at = v16.rpos;
        if (s2n_cursor_read_vec8(&v16, &v8) < 0) {
            level = 8, failing = &v16;
            goto failed;
        }
        EXPECT_TRUE(v8.data + v8.size <= v16.data + v16.size);
    }
    at = v24.rpos;
    if (s2n_cursor_read_u8(&v24, &u8) < 0) {
        level = 1, failing = &v24;
        goto failed;
    }
    return 0;

failed:
    EXPECT_EQUAL(s2n_errno, S2N_ERR_STUFFER_OUT_OF_DATA);
    EXPECT_EQUAL(failing->rpos, at);
    return level;
}

/* vec24 { vec16 { vec8 "abc", vec8 "", vec8 "de" }, u8 0x7F }, written with
 * begin_vec/end_vec, then read back. */
static void test_nested_vectors(void)
{
    uint8_t buf[64];
    struct s2n_cursor w;
    struct s2n_vec_mark m24, m16, m8;
    EXPECT_SUCCESS(s2n_cursor_init_write(&w, buf, sizeof(buf)));
    EXPECT_SUCCESS(s2n_cursor_begin_vec(&w, 3, &m24));
    EXPECT_SUCCESS(s2n_cursor_begin_vec(&w, 2, &m16));
    EXPECT_SUCCESS(s2n_cursor_begin_vec(&w, 1, &m8));
    EXPECT_SUCCESS(s2n_cursor_write_bytes(&w, (const uint8_t *) "abc", 3));
    EXPECT_SUCCESS(s2n_cursor_end_vec(&w, &m8));
    EXPECT_SUCCESS(s2n_cursor_write_vec(&w, 1, NULL, 0));
    EXPECT_SUCCESS(s2n_cursor_write_vec(&w, 1, (const uint8_t *) "de", 2));
    EXPECT_SUCCESS(s2n_cursor_end_vec(&w, &m16));
    EXPECT_SUCCESS(s2n_cursor_write_u8(&w, 0x7F));
    EXPECT_SUCCESS(s2n_cursor_end_vec(&w, &m24));
    EXPECT_SUCCESS(s2n_cursor_write_u8(&w, 0xEE)); /* trailer after the vector */

    static const uint8_t expect[] = {
        0x00, 0x00, 0x0B,             /* vec24: 11 bytes */
        0x00, 0x08,                   /* vec16: 8 bytes */
        0x03, 'a', 'b', 'c', 0x00, 0x02, 'd', 'e',
        0x7F,
        0xEE,
    };
    EXPECT_EQUAL(w.wpos, sizeof(expect));
    EXPECT_BYTES_EQUAL(buf, expect, sizeof(expect));

    /* Read back. */
    struct s2n_cursor r, v24, v16, v8;
    uint8_t u8;
    EXPECT_SUCCESS(s2n_cursor_init_read(&r, buf, w.wpos));
    EXPECT_SUCCESS(s2n_cursor_read_vec24(&r, &v24));
    EXPECT_EQUAL(s2n_cursor_remaining(&v24), 11);
    EXPECT_TRUE(v24.data == buf + 3); /* borrowed, not copied */
    EXPECT_SUCCESS(s2n_cursor_read_vec16(&v24, &v16));
    EXPECT_EQUAL(s2n_cursor_remaining(&v16), 8);
    EXPECT_SUCCESS(s2n_cursor_read_vec8(&v16, &v8));
    EXPECT_EQUAL(s2n_cursor_remaining(&v8), 3);
    EXPECT_BYTES_EQUAL(s2n_cursor_read_ptr_unchecked(&v8), "abc", 3);
    EXPECT_SUCCESS(s2n_cursor_read_vec8(&v16, &v8));
    EXPECT_EQUAL(s2n_cursor_remaining(&v8), 0);
    EXPECT_SUCCESS(s2n_cursor_read_vec8(&v16, &v8));
    EXPECT_EQUAL(s2n_cursor_remaining(&v8), 2);
    EXPECT_BYTES_EQUAL(s2n_cursor_read_ptr_unchecked(&v8), "de", 2);
    EXPECT_EQUAL(s2n_cursor_remaining(&v16), 0);
    EXPECT_SUCCESS(s2n_cursor_read_u8(&v24, &u8));
    EXPECT_EQUAL(u8, 0x7F);
    EXPECT_EQUAL(s2n_cursor_remaining(&v24), 0);
    EXPECT_SUCCESS(s2n_cursor_read_u8(&r, &u8));
    EXPECT_EQUAL(u8, 0xEE);

    /* A sub-cursor ends at its vector even though more bytes follow. */
    EXPECT_SUCCESS(s2n_cursor_init_read(&r, buf, w.wpos));
    EXPECT_SUCCESS(s2n_cursor_read_vec24(&r, &v24));
    EXPECT_SUCCESS(s2n_cursor_read_vec16(&v24, &v16));
    EXPECT_SUCCESS(s2n_cursor_read_vec8(&v16, &v8));
    uint8_t four[4];
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_bytes(&v8, four, 4), S2N_ERR_STUFFER_OUT_OF_DATA);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_u8(&v8, 0), S2N_ERR_STUFFER_IS_FULL); /* views are not growable */
    EXPECT_SUCCESS(s2n_cursor_skip(&v16, 4));
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u8(&v16, &u8), S2N_ERR_STUFFER_OUT_OF_DATA);
    EXPECT_SUCCESS(s2n_cursor_read_u8(&v24, &u8));
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_read_u8(&v24, &u8), S2N_ERR_STUFFER_OUT_OF_DATA);

    /* Overruns at each level: corrupt one length prefix at a time.  Bytes
     * exist beyond every corrupted vector (its parent's remaining bytes, then
     * 0xAA guard bytes outside the read cursor), so only the cursors' bounds
     * stop the read. */
    struct {
        uint32_t offset; /* of the byte to corrupt */
        uint8_t value;
        int level;       /* 24, 16 or 8: the read that must fail */
    } cases[] = {
        { 2, 0x0D, 24 }, /* vec24 claims 13; 12 bytes follow its prefix */
        { 2, 0xFF, 24 },
        { 0, 0x01, 24 },
        { 4, 0x0A, 16 }, /* vec16 claims 10; vec24 has 9 after the prefix */
        { 4, 0xFF, 16 },
        { 3, 0x01, 16 },
        { 5, 0x08, 8 },  /* first vec8 claims 8; vec16 has 7 after it */
        { 5, 0xFF, 8 },
        { 10, 0x03, 8 }, /* last vec8 claims 3; 2 are left in vec16 */
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
        uint8_t bad[sizeof(expect) + 8];
        memcpy(bad, expect, sizeof(expect));
        memset(bad + sizeof(expect), 0xAA, 8);
        bad[cases[i].offset] = cases[i].value;
        EXPECT_EQUAL(parse_nested(bad, sizeof(expect)), cases[i].level);
    }
    EXPECT_EQUAL(parse_nested(expect, sizeof(expect)), 0);
}

static void test_begin_end_vec(void)
{
    /* Backfill of each prefix width. */
    for (uint8_t width = 1; width <= 3; width++) {
        uint8_t buf[16];
        memset(buf, 0xCC, sizeof(buf));
        struct s2n_cursor c;
        struct s2n_vec_mark mark;
        EXPECT_SUCCESS(s2n_cursor_init_write(&c, buf, sizeof(buf)));
        EXPECT_SUCCESS(s2n_cursor_write_u8(&c, 0x11));
        EXPECT_SUCCESS(s2n_cursor_begin_vec(&c, width, &mark));
        EXPECT_EQUAL(mark.pos, 1);
        EXPECT_EQUAL(mark.width, width);
        EXPECT_EQUAL(c.wpos, 1u + width);
        EXPECT_SUCCESS(s2n_cursor_write_bytes(&c, (const uint8_t *) "xyz", 3));
        EXPECT_SUCCESS(s2n_cursor_end_vec(&c, &mark));
        for (uint8_t i = 0; i + 1 < width; i++) {
            EXPECT_EQUAL(buf[1 + i], 0);
        }
        EXPECT_EQUAL(buf[width], 3);
        EXPECT_BYTES_EQUAL(buf + 1 + width, "xyz", 3);
        EXPECT_EQUAL(buf[4 + width], 0xCC);
    }

    /* A 1-byte prefix holds 255 but not 256. */
    struct s2n_cursor c;
    struct s2n_vec_mark mark;
    EXPECT_SUCCESS(s2n_cursor_alloc(&c, 0));
    EXPECT_SUCCESS(s2n_cursor_begin_vec(&c, 1, &mark));
    EXPECT_SUCCESS(s2n_cursor_write_zeros(&c, 255));
    EXPECT_SUCCESS(s2n_cursor_end_vec(&c, &mark));
    EXPECT_EQUAL(c.data[0], 255);
    EXPECT_SUCCESS(s2n_cursor_write_u8(&c, 0));
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_end_vec(&c, &mark), S2N_ERR_SIZE_MISMATCH);
    EXPECT_EQUAL(c.data[0], 255); /* prefix untouched */
    static const uint8_t many[256] = { 0 };
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_write_vec(&c, 1, many, 256), S2N_ERR_SIZE_MISMATCH);
    EXPECT_SUCCESS(s2n_cursor_write_vec(&c, 1, many, 255));
    s2n_cursor_free(&c);

    /* A 2-byte prefix holds 65535 but not 65536. */
    EXPECT_SUCCESS(s2n_cursor_alloc(&c, 0));
    EXPECT_SUCCESS(s2n_cursor_begin_vec(&c, 2, &mark));
    EXPECT_SUCCESS(s2n_cursor_write_zeros(&c, 65535));
    EXPECT_SUCCESS(s2n_cursor_end_vec(&c, &mark));
    EXPECT_EQUAL(c.data[0], 0xFF);
    EXPECT_EQUAL(c.data[1], 0xFF);
    EXPECT_SUCCESS(s2n_cursor_write_u8(&c, 0));
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_end_vec(&c, &mark), S2N_ERR_SIZE_MISMATCH);
    s2n_cursor_free(&c);

    /* Bad marks are refused. */
    uint8_t buf[8];
    EXPECT_SUCCESS(s2n_cursor_init_write(&c, buf, sizeof(buf)));
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_begin_vec(&c, 0, &mark), S2N_ERR_SAFETY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_begin_vec(&c, 4, &mark), S2N_ERR_SAFETY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_begin_vec(&c, 1, NULL), S2N_ERR_NULL);
    EXPECT_EQUAL(c.wpos, 0);
    struct s2n_vec_mark bad = { .pos = 6, .width = 2 };
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_end_vec(&c, &bad), S2N_ERR_SAFETY); /* beyond wpos */
    bad = (struct s2n_vec_mark) { .pos = 0, .width = 5 };
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_end_vec(&c, &bad), S2N_ERR_SAFETY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cursor_end_vec(&c, NULL), S2N_ERR_NULL);
}

int main(void)
{
    BEGIN_TEST();

    EXPECT_SUCCESS(s2n_mem_set_callbacks(count_init, count_cleanup, count_malloc, count_free));
    EXPECT_SUCCESS(s2n_mem_init());

    test_reads_refused();
    test_writes_refused();
    test_round_trips();
    test_null_and_empty();
    test_growable();
    test_nested_vectors();
    test_begin_end_vec();

    EXPECT_EQUAL(live_bytes, 0);
    EXPECT_EQUAL(mallocs, frees);
    EXPECT_EQUAL(size_mismatches, 0);
    EXPECT_SUCCESS(s2n_mem_cleanup());

    END_TEST();
}
