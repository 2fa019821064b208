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

/* ---- in-process client/server pairs ---------------------------------------- */
#include <sys/types.h>

struct s2n_test_pair {
    struct s2n_connection *client;
    struct s2n_connection *server;
    int client_fd;
    int server_fd;
};

/* Path of a file in tests/pki. */
const char *s2n_test_pki(const char *name);

/* A server config with one certificate chain (files in tests/pki), blinding off. */
struct s2n_config *s2n_test_server_config(const char *policy, const char *chain, const char *key,
        struct s2n_cert_chain_and_key **chain_out);
/* A client config trusting tests/pki/<ca>, blinding off. */
struct s2n_config *s2n_test_client_config(const char *policy, const char *ca);

/* Connections over a socketpair (non-blocking when asked). */
int s2n_test_pair_new(struct s2n_test_pair *pair, struct s2n_config *client_config, struct s2n_config *server_config,
        int nonblocking);
void s2n_test_pair_free(struct s2n_test_pair *pair);
/* Drive both handshakes to completion (alternating when non-blocking, a
 * server thread when blocking).  Returns 0, or -1 with the failing side's
 * s2n_errno in *client_err / *server_err (0 when that side succeeded). */
int s2n_test_negotiate(struct s2n_test_pair *pair, int *client_err, int *server_err);
/* *out = a copy of the named policy narrowed to one suite and/or one group
 * (NULL keeps the policy's list); aborts on an unknown name. */
struct s2n_security_policy;
struct s2n_cipher_suite;
void s2n_test_policy_narrow(struct s2n_security_policy *out, const char *base, const struct s2n_cipher_suite **suite,
        const uint16_t *group);

/* s2n_test_pair_new, both ends using @policy instead of their config's
 * when it is not NULL, the client asking for "localhost", and both
 * handshakes driven to completion: the usual start of a test on an
 * established connection.  Aborts the test if any step fails. */
struct s2n_security_policy;
void s2n_test_pair_connect(struct s2n_test_pair *pair, struct s2n_config *client_config, struct s2n_config *server_config,
        const struct s2n_security_policy *policy, int nonblocking);

/* Send @len bytes from one side and receive them on the other, checking
 * them byte for byte (works blocking and non-blocking). */
int s2n_test_transfer(struct s2n_connection *from, struct s2n_connection *to, size_t len);
