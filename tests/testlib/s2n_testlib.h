/* Shared helpers for libs2n tests. */
#ifndef S2N_TESTLIB_H
#define S2N_TESTLIB_H

#include "s2n_test.h"

/* Directory with test data (tests/ in the source tree). */
#ifndef TEST_SRCDIR
#define TEST_SRCDIR "."
#endif

/* Read a whole file (NUL-terminated) into a malloc'd buffer; NULL on error. */
char *s2n_test_read_file(const char *path, size_t *len);

#endif
