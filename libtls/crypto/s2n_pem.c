/* A PEM scanner for certificate chains: finds the CERTIFICATE blocks,
 * base64-decodes each and hands the DER to a callback.  Strict mode (the
 * s2n trust-store and chain parser) refuses anything else in the input but
 * blank lines; lenient mode skips other text and other block types. */
#include <string.h>
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

struct s2n_pem_line {
    const uint8_t *p; /* trimmed */
    size_t n;
};

static int s2n_pem_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Next line at or after *pos; 0 at the end of input. */
static int s2n_pem_next_line(const uint8_t *pem, size_t len, size_t *pos, struct s2n_pem_line *line)
{
    if (*pos >= len) {
        return 0;
    }
    size_t start = *pos;
    const uint8_t *nl = memchr(pem + start, '\n', len - start);
    size_t end = nl ? (size_t) (nl - pem) : len;
    *pos = nl ? end + 1 : len;
    while (start < end && s2n_pem_space(pem[start])) {
        start++;
    }
    while (end > start && s2n_pem_space(pem[end - 1])) {
        end--;
    }
    line->p = pem + start;
    line->n = end - start;
    return 1;
}

#define S2N_PEM_DASHES "-----"
#define S2N_PEM_BEGIN "-----BEGIN "
#define S2N_PEM_END "-----END "
#define S2N_PEM_CERT_LABEL "CERTIFICATE"

/* If @line is "<prefix>LABEL-----", point *label at LABEL. */
static int s2n_pem_boundary(const struct s2n_pem_line *line, const char *prefix, const uint8_t **label, size_t *label_len)
{
    const size_t plen = strlen(prefix);
    const size_t dlen = sizeof(S2N_PEM_DASHES) - 1;
    if (line->n < plen + dlen || memcmp(line->p, prefix, plen) != 0
            || memcmp(line->p + line->n - dlen, S2N_PEM_DASHES, dlen) != 0) {
        return 0;
    }
    *label = line->p + plen;
    *label_len = line->n - plen - dlen;
    return 1;
}

static int s2n_pem_label_is(const uint8_t *label, size_t n, const char *want)
{
    return n == strlen(want) && memcmp(label, want, n) == 0;
}

static int s2n_b64_value(uint8_t c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

/* Decode the base64 text in @in (whitespace ignored) into @out, which has
 * room for in_len / 4 * 3 + 3 bytes. */
static S2N_RESULT s2n_pem_base64_decode(const uint8_t *in, size_t in_len, uint8_t *out, uint32_t *out_len)
{
    uint32_t acc = 0;
    int quad = 0;     /* characters in the current group of four */
    int pad = 0;      /* '=' seen in the current group */
    int finished = 0; /* a padded group ended the data */
    uint32_t o = 0;
    for (size_t i = 0; i < in_len; i++) {
        const uint8_t c = in[i];
        if (s2n_pem_space(c)) {
            continue;
        }
        ENSURE(!finished, S2N_ERR_INVALID_PEM);
        int v;
        if (c == '=') {
            ENSURE(quad >= 2, S2N_ERR_INVALID_PEM);
            pad++;
            v = 0;
        } else {
            ENSURE(pad == 0, S2N_ERR_INVALID_PEM);
            v = s2n_b64_value(c);
            ENSURE(v >= 0, S2N_ERR_INVALID_PEM);
        }
        acc = (acc << 6) | (uint32_t) v;
        if (++quad == 4) {
            out[o++] = (uint8_t) (acc >> 16);
            if (pad < 2) {
                out[o++] = (uint8_t) (acc >> 8);
            }
            if (pad < 1) {
                out[o++] = (uint8_t) acc;
            }
            finished = pad > 0;
            quad = 0;
            acc = 0;
        }
    }
    ENSURE(quad == 0, S2N_ERR_INVALID_PEM);
    ENSURE(o > 0, S2N_ERR_INVALID_PEM);
    *out_len = o;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_pem_emit(const uint8_t *body, size_t body_len, s2n_der_cb fn, void *ctx)
{
    ENSURE(body_len <= UINT32_MAX / 2, S2N_ERR_INVALID_PEM);
    const uint32_t room = (uint32_t) (body_len / 4 * 3 + 3);
    uint8_t *der = NULL;
    GUARD(s2n_alloc((void **) &der, room));
    uint32_t der_len = 0;
    int rc = s2n_pem_base64_decode(body, body_len, der, &der_len);
    if (rc == S2N_SUCCESS && fn(ctx, der, der_len) < 0) {
        rc = S2N_FAILURE;
    }
    s2n_free(der, room);
    return rc;
}

S2N_RESULT s2n_pem_for_each_cert(const uint8_t *pem, uint32_t len, int strict, s2n_der_cb fn, void *ctx)
{
    ENSURE_REF(fn);
    ENSURE(pem != NULL || len == 0, S2N_ERR_NULL);
    /* Tolerate a C string's terminator(s) counted in the length. */
    while (len > 0 && pem[len - 1] == '\0') {
        len--;
    }
    size_t pos = 0;
    uint32_t count = 0;
    struct s2n_pem_line line;
    const uint8_t *label;
    size_t label_len;

    while (s2n_pem_next_line(pem, len, &pos, &line)) {
        if (line.n == 0) {
            continue;
        }
        if (!s2n_pem_boundary(&line, S2N_PEM_BEGIN, &label, &label_len)) {
            /* Stray text between blocks. */
            ENSURE(!strict, S2N_ERR_INVALID_PEM);
            continue;
        }
        if (!s2n_pem_label_is(label, label_len, S2N_PEM_CERT_LABEL)) {
            /* Another kind of block: refuse it, or skip to its END line. */
            ENSURE(!strict, S2N_ERR_INVALID_PEM);
            const uint8_t *other = label;
            const size_t other_len = label_len;
            while (s2n_pem_next_line(pem, len, &pos, &line)) {
                if (s2n_pem_boundary(&line, S2N_PEM_END, &label, &label_len) && label_len == other_len
                        && memcmp(label, other, other_len) == 0) {
                    break;
                }
            }
            continue;
        }

        /* A certificate: its body runs up to the END line. */
        const size_t body_start = pos;
        size_t body_end = 0;
        int ended = 0;
        while (s2n_pem_next_line(pem, len, &pos, &line)) {
            if (s2n_pem_boundary(&line, S2N_PEM_END, &label, &label_len)) {
                ENSURE(s2n_pem_label_is(label, label_len, S2N_PEM_CERT_LABEL), S2N_ERR_INVALID_PEM);
                body_end = (size_t) (line.p - pem);
                ended = 1;
                break;
            }
            ENSURE(!s2n_pem_boundary(&line, S2N_PEM_BEGIN, &label, &label_len), S2N_ERR_INVALID_PEM);
        }
        ENSURE(ended, S2N_ERR_INVALID_PEM);
        GUARD(s2n_pem_emit(pem + body_start, body_end - body_start, fn, ctx));
        count++;
    }
    ENSURE(count > 0, S2N_ERR_NO_CERTIFICATE_IN_PEM);
    return S2N_SUCCESS;
}
