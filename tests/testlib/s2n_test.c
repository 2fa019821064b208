/* TAP reporting, hex decoding and file reading shared by every test (no TLS). */
#include <stdarg.h>
#include <ctype.h>
#include "s2n_testlib.h"

int s2n_test_count;
int s2n_test_failed;

void s2n_test_report(int ok, const char *file, int line, const char *what)
{
    s2n_test_reportf(ok, file, line, "%s", what);
}

/* TAP output: every failed check is its own "not ok" line (with file, line
 * and message); the passed checks are summed up in one "ok" line at the end,
 * so a log shows what failed without thousands of lines of what passed.
 * S2N_TEST_VERBOSE=1 prints a line for every check. */
static int s2n_test_passed;
static int s2n_test_lines;

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
        printf("not ok %d - %s:%d: %s\n", ++s2n_test_lines, base, line, buf);
    } else if (getenv("S2N_TEST_VERBOSE")) {
        printf("ok %d - %s:%d: %s\n", ++s2n_test_lines, base, line, buf);
    } else {
        s2n_test_passed++;
    }
}

int s2n_test_finish(void)
{
    if (s2n_test_passed > 0 || s2n_test_lines == 0) {
        printf("ok %d - %d checks passed\n", ++s2n_test_lines, s2n_test_passed);
    }
    printf("1..%d\n", s2n_test_lines);
    return s2n_test_failed ? 1 : 0;
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

