#include <stdarg.h>
#include <ctype.h>
#include "s2n_testlib.h"

int s2n_test_count;
int s2n_test_failed;

void s2n_test_report(int ok, const char *file, int line, const char *what)
{
    s2n_test_reportf(ok, file, line, "%s", what);
}

void s2n_test_reportf(int ok, const char *file, int line, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    for (char *p = buf; *p; p++) {
        if (*p == '\n' || *p == '#') {
            *p = ' ';
        }
    }
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    s2n_test_count++;
    if (!ok) {
        s2n_test_failed++;
    }
    printf("%sok %d - %s:%d: %s\n", ok ? "" : "not ", s2n_test_count, base, line, buf);
}

size_t s2n_test_hex_to_bytes(const char *hex, uint8_t *out, size_t max)
{
    size_t n = 0;
    int hi = -1;
    for (const char *p = hex; *p; p++) {
        if (isspace((unsigned char) *p)) {
            continue;
        }
        int v = isdigit((unsigned char) *p) ? *p - '0' : (tolower((unsigned char) *p) - 'a' + 10);
        if (v < 0 || v > 15) {
            abort();
        }
        if (hi < 0) {
            hi = v;
        } else {
            if (n >= max) {
                abort();
            }
            out[n++] = (uint8_t) (hi << 4 | v);
            hi = -1;
        }
    }
    return n;
}

char *s2n_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t) size + 1);
    if (buf && fread(buf, 1, (size_t) size, f) != (size_t) size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[size] = '\0';
        if (len) {
            *len = (size_t) size;
        }
    }
    return buf;
}
