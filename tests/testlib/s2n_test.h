/* Minimal TAP test macros for libs2n unit tests.
 *
 *   BEGIN_TEST();                  plan comes at the end ("1..N")
 *   EXPECT_SUCCESS(call);          call returns >= 0 (or S2N_SUCCESS)
 *   EXPECT_FAILURE_WITH_ERRNO(call, S2N_ERR_X);
 *   EXPECT_EQUAL(a, b); EXPECT_NOT_EQUAL(a, b); EXPECT_TRUE(x);
 *   EXPECT_NULL(p); EXPECT_NOT_NULL(p); EXPECT_BYTES_EQUAL(a, b, n);
 *   END_TEST();                    prints the plan, exits 1 if anything failed
 *
 * Each EXPECT prints one "ok N - ..." or "not ok N - ..." line. */
#ifndef S2N_TEST_H
#define S2N_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "s2n.h"

extern int s2n_test_count;
extern int s2n_test_failed;

int s2n_test_finish(void);
void s2n_test_report(int ok, const char *file, int line, const char *what);
void s2n_test_reportf(int ok, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#define BEGIN_TEST() do { s2n_test_count = 0; s2n_test_failed = 0; setvbuf(stdout, NULL, _IOLBF, 0); } while (0)
#define BEGIN_TEST_INIT() do { BEGIN_TEST(); EXPECT_SUCCESS(s2n_init()); } while (0)
#define END_TEST() do { return s2n_test_finish(); } while (0)

#define S2N_T_CHECK(cond, what) s2n_test_report(!!(cond), __FILE__, __LINE__, what)

#define EXPECT_TRUE(x) S2N_T_CHECK((x), #x)
#define EXPECT_FALSE(x) S2N_T_CHECK(!(x), "!(" #x ")")
#define EXPECT_EQUAL(a, b) do { long long s2n_t_a = (long long) (a), s2n_t_b = (long long) (b); \
    s2n_test_reportf(s2n_t_a == s2n_t_b, __FILE__, __LINE__, "%s == %s (%lld vs %lld)", #a, #b, s2n_t_a, s2n_t_b); } while (0)
#define EXPECT_NOT_EQUAL(a, b) do { long long s2n_t_a = (long long) (a), s2n_t_b = (long long) (b); \
    s2n_test_reportf(s2n_t_a != s2n_t_b, __FILE__, __LINE__, "%s != %s (%lld)", #a, #b, s2n_t_a); } while (0)
#define EXPECT_NULL(p) S2N_T_CHECK((p) == NULL, #p " is NULL")
#define EXPECT_NOT_NULL(p) S2N_T_CHECK((p) != NULL, #p " is not NULL")
#define EXPECT_STRING_EQUAL(a, b) do { const char *s2n_t_a = (a), *s2n_t_b = (b); \
    s2n_test_reportf(s2n_t_a && s2n_t_b && strcmp(s2n_t_a, s2n_t_b) == 0, __FILE__, __LINE__, "%s == \"%s\" (got \"%s\")", #a, s2n_t_b ? s2n_t_b : "(null)", s2n_t_a ? s2n_t_a : "(null)"); } while (0)
#define EXPECT_BYTES_EQUAL(a, b, n) S2N_T_CHECK(memcmp((a), (b), (n)) == 0, #a " bytes == " #b)
#define EXPECT_SUCCESS(call) do { s2n_errno = 0; int s2n_t_rc = (int) (call); \
    s2n_test_reportf(s2n_t_rc >= 0, __FILE__, __LINE__, "%s succeeds%s%s", #call, s2n_t_rc >= 0 ? "" : ": ", s2n_t_rc >= 0 ? "" : s2n_strerror_name(s2n_errno)); } while (0)
#define EXPECT_FAILURE(call) do { int s2n_t_rc = (int) (call); S2N_T_CHECK(s2n_t_rc < 0, #call " fails"); } while (0)
#define EXPECT_FAILURE_WITH_ERRNO(call, err) do { s2n_errno = 0; int s2n_t_rc = (int) (call); \
    s2n_test_reportf(s2n_t_rc < 0 && s2n_errno == (int) (err), __FILE__, __LINE__, "%s fails with %s (got rc=%d %s)", #call, #err, s2n_t_rc, s2n_strerror_name(s2n_errno)); } while (0)
#define EXPECT_NULL_WITH_ERRNO(call, err) do { s2n_errno = 0; const void *s2n_t_p = (call); \
    s2n_test_reportf(s2n_t_p == NULL && s2n_errno == (int) (err), __FILE__, __LINE__, "%s is NULL with %s (got %s)", #call, #err, s2n_strerror_name(s2n_errno)); } while (0)
/* Abort the whole test program (for setup that later checks depend on). */
#define REQUIRE(x) do { if (!(x)) { s2n_test_report(0, __FILE__, __LINE__, "REQUIRE " #x); printf("Bail out! %s:%d\n", __FILE__, __LINE__); exit(1); } } while (0)

/* Hex helpers for known-answer tests: returns number of bytes decoded. */
size_t s2n_test_hex_to_bytes(const char *hex, uint8_t *out, size_t max);

#endif
