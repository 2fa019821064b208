/* tests/bench/bench_common.h: what the benchmarks s2n_bench and s2n_membench
 * share: fatal errors, the test PKI, and the in-memory pipe that a client and
 * a server of either library talk over in one process (send/recv callbacks
 * for libs2n, a custom BIO for libssl). */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <s2n.h>

/* The host name every client sends and verifies (tests/pki's server certificates name it). */
#define BENCH_HOST "localhost"

/* The program's name at the start of its error messages; each program defines it. */
extern const char *const bench_prog;

/* Print "<prog>: WHAT[: DETAIL]" and libcrypto's error queue, then exit(2). */
void bench_die(const char *what, const char *detail);

/* bench_die() with libs2n's debug text for the last error. */
void bench_die_s2n(const char *what);

/* Path of a tests/pki file ($BENCH_PKI overrides the directory); four results stay valid at once. */
const char *bench_pki_path(const char *name);

/* A whole file, NUL-terminated, in a new malloc()ed buffer; dies on failure. */
char *bench_read_file(const char *path);

/* A chain and key from the PEM files tests/pki names chain and key; dies on failure. */
struct s2n_cert_chain_and_key *bench_s2n_chain(const char *chain, const char *key);

/* One direction of a connection: bytes written by one end and not yet read by the other.
 *
 * Buffered (the default): a write copies the writer's bytes into buf and a
 * read copies them out again, two copies per byte as through a kernel socket;
 * a full pipe takes what fits and then reports "would block".
 *
 * Rendezvous (rendezvous != 0; s2n_bench's bulk transfers): a write lends the
 * writer's bytes to the pipe and reports "would block"; the reader copies
 * straight out of the writer's buffer, and the writer's retry (both libraries
 * retry with the same bytes, as their APIs require) then completes with the
 * count taken.  One copy per byte. */
struct bench_pipe {
    uint8_t *buf; /* the buffered mode's storage, cap bytes */
    size_t cap;
    size_t r, w;
    int rendezvous;
    const uint8_t *lent; /* rendezvous: the writer's pending bytes */
    size_t lent_len, taken;
};

/* A buffered pipe over a byte array (static storage, not the heap). */
#define BENCH_PIPE(storage) { .buf = (storage), .cap = sizeof(storage) }

/* The same for a pipe set up at run time. */
void bench_pipe_init(struct bench_pipe *p, uint8_t *storage, size_t cap);

/* Empty the pipe and forget any lent bytes; its storage and mode stay. */
void bench_pipe_reset(struct bench_pipe *p);

/* libs2n: the send and recv callbacks; their context is the pipe. */
int bench_s2n_send(void *ctx, const uint8_t *buf, uint32_t len);
int bench_s2n_recv(void *ctx, uint8_t *buf, uint32_t len);

/* Give a new libs2n connection its config, the pipes it reads (in) and
 * writes (out), and, for a client, the host name.  0, or -1 with s2n_errno set. */
int bench_s2n_attach(struct s2n_connection *conn, struct s2n_config *config, struct bench_pipe *in, struct bench_pipe *out,
        int client);

/* libssl: a BIO's data, the pipes its SSL reads and writes. */
struct bench_ends {
    struct bench_pipe *in, *out;
};

/* Create the pipe BIO method (named name); dies on failure. */
void bench_bio_init(const char *name);

/* Free it (after every BIO made from it). */
void bench_bio_cleanup(void);

/* Give a new SSL a pipe BIO over ends, put it in the client's or the
 * server's state, and have a client send and verify BENCH_HOST; dies on failure. */
void bench_ssl_attach(SSL *ssl, struct bench_ends *ends, int client);

#endif /* BENCH_COMMON_H */
