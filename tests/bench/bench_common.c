/* tests/bench/bench_common.c: fatal errors, the test PKI and the in-memory
 * pipe transport (libs2n callbacks, libssl BIO) shared by s2n_bench and
 * s2n_membench; see bench_common.h. */
#include "bench_common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#ifndef BENCH_PKI_DIR
#define BENCH_PKI_DIR "tests/pki"
#endif

/* ---- small helpers ------------------------------------------------------------ */

void bench_die(const char *what, const char *detail)
{
    fprintf(stderr, "%s: %s%s%s\n", bench_prog, what, detail ? ": " : "", detail ? detail : "");
    ERR_print_errors_fp(stderr);
    exit(2);
}

void bench_die_s2n(const char *what)
{
    bench_die(what, s2n_strerror_debug(s2n_errno, "EN"));
}

const char *bench_pki_path(const char *name)
{
    static char buf[4][1024];
    static int slot;
    const char *dir = getenv("BENCH_PKI") ? getenv("BENCH_PKI") : BENCH_PKI_DIR;
    slot = (slot + 1) % 4;
    snprintf(buf[slot], sizeof(buf[slot]), "%s/%s", dir, name);
    return buf[slot];
}

char *bench_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        bench_die("cannot open", path);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t) len + 1);
    if (buf == NULL || fread(buf, 1, (size_t) len, f) != (size_t) len) {
        bench_die("cannot read", path);
    }
    buf[len] = '\0';
    fclose(f);
    return buf;
}

struct s2n_cert_chain_and_key *bench_s2n_chain(const char *chain, const char *key)
{
    char *chain_pem = bench_read_file(bench_pki_path(chain));
    char *key_pem = bench_read_file(bench_pki_path(key));
    struct s2n_cert_chain_and_key *ck = s2n_cert_chain_and_key_new();
    if (ck == NULL || s2n_cert_chain_and_key_load_pem(ck, chain_pem, key_pem) < 0) {
        bench_die_s2n("libs2n certificate");
    }
    free(chain_pem);
    free(key_pem);
    return ck;
}

/* ---- memory pipes ---------------------------------------------------------------- */

void bench_pipe_init(struct bench_pipe *p, uint8_t *storage, size_t cap)
{
    memset(p, 0, sizeof(*p));
    p->buf = storage;
    p->cap = cap;
}

void bench_pipe_reset(struct bench_pipe *p)
{
    p->r = p->w = 0;
    p->lent = NULL;
    p->lent_len = p->taken = 0;
}

/* The count of bytes taken; 0 means "would block". */
static int pipe_write(struct bench_pipe *p, const uint8_t *data, size_t len)
{
    if (p->rendezvous) {
        if (p->lent != NULL && p->taken > 0) {
            if (data != p->lent) {
                bench_die("rendezvous pipe: a retried write moved its bytes", NULL);
            }
            int n = (int) p->taken;
            p->lent = NULL;
            p->lent_len = p->taken = 0;
            return n;
        }
        p->lent = data;
        p->lent_len = len;
        return 0;
    }
    if (p->r == p->w) {
        p->r = p->w = 0;
    } else if (p->cap - p->w < len && p->r > 0) {
        memmove(p->buf, p->buf + p->r, p->w - p->r);
        p->w -= p->r;
        p->r = 0;
    }
    size_t n = p->cap - p->w < len ? p->cap - p->w : len;
    if (n == 0) {
        return 0;
    }
    memcpy(p->buf + p->w, data, n);
    p->w += n;
    return (int) n;
}

/* The count of bytes read; 0 means "would block". */
static int pipe_read(struct bench_pipe *p, uint8_t *out, size_t len)
{
    const uint8_t *src = p->buf + p->r;
    size_t avail = p->w - p->r;
    if (avail == 0 && p->lent != NULL) {
        src = p->lent + p->taken;
        avail = p->lent_len - p->taken;
    }
    size_t n = avail < len ? avail : len;
    if (n == 0) {
        return 0;
    }
    memcpy(out, src, n);
    if (src == p->buf + p->r) {
        p->r += n;
        if (p->r == p->w) {
            p->r = p->w = 0;
        }
    } else {
        p->taken += n;
    }
    return (int) n;
}

/* ---- libs2n ---------------------------------------------------------------------- */

int bench_s2n_send(void *ctx, const uint8_t *buf, uint32_t len)
{
    int n = pipe_write(ctx, buf, len);
    if (n == 0) {
        errno = EAGAIN;
        return -1;
    }
    return n;
}

int bench_s2n_recv(void *ctx, uint8_t *buf, uint32_t len)
{
    int n = pipe_read(ctx, buf, len);
    if (n == 0) {
        errno = EAGAIN;
        return -1;
    }
    return n;
}

int bench_s2n_attach(struct s2n_connection *conn, struct s2n_config *config, struct bench_pipe *in, struct bench_pipe *out,
        int client)
{
    if (s2n_connection_set_config(conn, config) < 0 || s2n_connection_set_recv_cb(conn, bench_s2n_recv) < 0
            || s2n_connection_set_send_cb(conn, bench_s2n_send) < 0 || s2n_connection_set_recv_ctx(conn, in) < 0
            || s2n_connection_set_send_ctx(conn, out) < 0 || (client && s2n_set_server_name(conn, BENCH_HOST) < 0)) {
        return -1;
    }
    return 0;
}

/* ---- libssl ---------------------------------------------------------------------- */

static int bio_pipe_write(BIO *b, const char *buf, int len)
{
    struct bench_ends *e = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    int n = len > 0 ? pipe_write(e->out, (const uint8_t *) buf, (size_t) len) : 0;
    if (n == 0) {
        BIO_set_retry_write(b);
        return -1;
    }
    return n;
}

static int bio_pipe_read(BIO *b, char *buf, int len)
{
    struct bench_ends *e = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    int n = len > 0 ? pipe_read(e->in, (uint8_t *) buf, (size_t) len) : 0;
    if (n == 0) {
        BIO_set_retry_read(b);
        return -1;
    }
    return n;
}

static long bio_pipe_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void) b;
    (void) num;
    (void) ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int bio_pipe_create(BIO *b)
{
    BIO_set_init(b, 1);
    return 1;
}

static BIO_METHOD *bio_pipe_method;

void bench_bio_init(const char *name)
{
    bio_pipe_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, name);
    if (bio_pipe_method == NULL || !BIO_meth_set_write(bio_pipe_method, bio_pipe_write)
            || !BIO_meth_set_read(bio_pipe_method, bio_pipe_read) || !BIO_meth_set_ctrl(bio_pipe_method, bio_pipe_ctrl)
            || !BIO_meth_set_create(bio_pipe_method, bio_pipe_create)) {
        bench_die("BIO_meth_new", NULL);
    }
}

void bench_bio_cleanup(void)
{
    BIO_meth_free(bio_pipe_method);
    bio_pipe_method = NULL;
}

void bench_ssl_attach(SSL *ssl, struct bench_ends *ends, int client)
{
    BIO *b = BIO_new(bio_pipe_method);
    if (b == NULL) {
        bench_die("BIO_new", NULL);
    }
    BIO_set_data(b, ends);
    SSL_set_bio(ssl, b, b);
    if (!client) {
        SSL_set_accept_state(ssl);
        return;
    }
    SSL_set_connect_state(ssl);
    if (!SSL_set_tlsext_host_name(ssl, BENCH_HOST) || !SSL_set1_host(ssl, BENCH_HOST)) {
        bench_die("SSL_set1_host", NULL);
    }
}
