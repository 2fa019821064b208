/* libs2n benchmark (make bench; never part of make check).
 *
 * In one process and one run it measures libs2n and OpenSSL libssl side by
 * side, each driving a client and a server over in-memory pipes (send/recv
 * callbacks for libs2n, a custom BIO over the same pipes for libssl), the
 * client verifying the chain and the host name:
 *   - full handshakes per second: TLS 1.3 with an ECDSA P-256 certificate,
 *     TLS 1.3 with an RSA-2048 certificate, TLS 1.2 ECDHE-ECDSA-AES128-GCM;
 *   - bulk transfer client -> server in 16 KiB writes for each TLS 1.3 suite;
 *   - the ceilings, done directly with libcrypto: the asymmetric operations
 *     of one handshake, and an AEAD encrypt+decrypt loop over 16 KiB records;
 *     for bulk also the floor a one-copy transport leaves (aead_loop).
 * Every figure is the median of interleaved rounds; the ratios printed are
 * libs2n/OpenSSL and libs2n/ceiling.
 *
 * Environment: BENCH_MB (bulk size per transfer, default 256),
 * BENCH_ROUNDS (default 5), BENCH_SECS (seconds per handshake/ceiling
 * sample of thread CPU time, default 0.5), BENCH_ONLY=hs|bulk, BENCH_PKI
 * (tests/pki).
 *
 * "s2n_bench count LIB TARGET N" runs one warm-up handshake and then N
 * handshakes of one library (LIB = s2n, openssl or crypto for the ceiling
 * operations; TARGET = tls13-ecdsa, tls13-rsa, tls12-ecdsa), for callgrind
 * and perf; "s2n_bench count LIB bulk-SUITE MB" transfers MB MiB (LIB may
 * also be floor: the AEAD loop with one copy and the content-type byte). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>

#include <s2n.h>

#include "bench_common.h"

#define CHUNK (16 * 1024)
#define PIPE_CAP (64 * 1024)
#define MAX_ROUNDS 15

/* ---- small helpers ------------------------------------------------------------ */

const char *const bench_prog = "s2n_bench";

/* CPU time of this (the only) thread: the machines that run this are
 * shared, and time spent descheduled is not the libraries' doing. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static double env_double(const char *name, double dflt)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0') {
        return dflt;
    }
    char *end = NULL;
    double d = strtod(v, &end);
    if (end == v || d <= 0) {
        bench_die("bad value in the environment", name);
    }
    return d;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static double median(const double *v, int n)
{
    double s[MAX_ROUNDS];
    memcpy(s, v, sizeof(double) * (size_t) n);
    qsort(s, (size_t) n, sizeof(double), cmp_double);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* ---- memory pipes ---------------------------------------------------------------- */

/* Both transports of bench_common.h, used by both libraries: the buffered
 * pipe for handshakes and the "-copy" bulk targets, the rendezvous one for
 * the other bulk targets (it leaves in the figure only what the library
 * itself does per record, as a shared-memory ring whose producer writes in
 * place would). */
static uint8_t c2s_buf[PIPE_CAP], s2c_buf[PIPE_CAP];
static struct bench_pipe c2s = BENCH_PIPE(c2s_buf), s2c = BENCH_PIPE(s2c_buf);

static void pipes_reset(void)
{
    bench_pipe_reset(&c2s);
    bench_pipe_reset(&s2c);
}

static void set_rendezvous(int on)
{
    c2s.rendezvous = s2c.rendezvous = on;
}

/* libssl: a BIO whose data is {read pipe, write pipe}. */
static struct bench_ends client_ends = { &s2c, &c2s }, server_ends = { &c2s, &s2c };

/* ---- what is measured --------------------------------------------------------------- */

/* LIB_FLOOR (bulk over the rendezvous pipe only): what a one-copy transport
 * leaves of the AEAD loop with no TLS code at all, see aead_loop(). */
enum { LIB_S2N, LIB_OSSL, LIB_CEIL, LIB_FLOOR, LIB_COUNT };

/* Two libs2n endpoints never agree on ChaCha20-Poly1305 in TLS 1.3 (no
 * libs2n client policy lists it first, and servers choose in their own
 * order unless boosting), so its "libs2n" figures pair one libs2n end with
 * an OpenSSL end that offers or accepts only ChaCha20. */
enum { MIXED_NONE, MIXED_S2N_SENDS, MIXED_S2N_RECEIVES };
static const char *const lib_names[LIB_COUNT] = { "s2n", "openssl", "crypto", "floor" };

struct target {
    const char *id;      /* command-line name */
    const char *label;   /* printed name */
    int bulk;            /* bulk transfer instead of handshakes */
    int tls12;           /* TLS 1.2 instead of TLS 1.3 */
    const char *suite;   /* the suite as s2n_connection_get_cipher() names it */
    const char *ossl_suite; /* libssl's name */
    const char *aead;    /* EVP name of the record cipher (bulk ceiling) */
    int rsa;             /* RSA-2048 certificate instead of ECDSA P-256 */
    int buffered;        /* bulk over the buffered pipe instead of the rendezvous one */
    int mixed;           /* libs2n at one end only: MIXED_S2N_SENDS or MIXED_S2N_RECEIVES */

    /* Filled in by setup. */
    int skip;            /* not measured at all (BENCH_ONLY) */
    int s2n_ok;          /* libs2n negotiates it (OpenSSL and the ceiling are measured anyway) */
    const char *why_not;
    const char *client_policy, *server_policy;
    char group[32];      /* as libs2n names it: "x25519", "secp256r1", ... */
    struct s2n_config *s2n_client, *s2n_server;
    SSL_CTX *ossl_client, *ossl_server;
    /* Ceiling material. */
    EVP_PKEY_CTX *kx_gen;        /* key generation for the group */
    int kx_is_ec;
    EVP_PKEY_CTX *sign_ctx;      /* server key, CertificateVerify */
    EVP_PKEY_CTX *verify_cv_ctx; /* server public key, CertificateVerify */
    EVP_PKEY_CTX *verify_ca_ctx; /* CA public key, the leaf's signature */
    uint8_t cv_digest[32], ca_digest[32];
    uint8_t cv_sig[512], ca_sig[512];
    size_t cv_sig_len, ca_sig_len;
};

static struct target targets[] = {
    { "tls13-ecdsa", "TLS1.3 ECDSA-P256", 0, 0, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", NULL, 0 },
    { "tls13-rsa", "TLS1.3 RSA-2048", 0, 0, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", NULL, 1 },
    { "tls12-ecdsa", "TLS1.2 ECDHE-ECDSA-AES128-GCM", 0, 1, "ECDHE-ECDSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES128-GCM-SHA256", NULL, 0 },
    { "bulk-aes128", "TLS_AES_128_GCM_SHA256", 1, 0, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", "AES-128-GCM", 0, 0 },
    { "bulk-aes256", "TLS_AES_256_GCM_SHA384", 1, 0, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", "AES-256-GCM", 0, 0 },
    { "bulk-chacha20-s2n-sends", "CHACHA20 libs2n -> OpenSSL", 1, 0, "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305", 0, 0, MIXED_S2N_SENDS },
    { "bulk-chacha20-s2n-receives", "CHACHA20 OpenSSL -> libs2n", 1, 0, "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305", 0, 0, MIXED_S2N_RECEIVES },
    { "bulk-aes128-copy", "TLS_AES_128_GCM_SHA256", 1, 0, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256",
            "AES-128-GCM", 0, 1 },
    { "bulk-aes256-copy", "TLS_AES_256_GCM_SHA384", 1, 0, "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384",
            "AES-256-GCM", 0, 1 },
};
#define TARGET_COUNT (sizeof(targets) / sizeof(targets[0]))

/* libs2n cannot pick one suite or group directly: every (client, server)
 * pair of these policies is tried, diagonal first, until one negotiates
 * what the target needs (x25519 preferred for handshakes).  Names the
 * library does not know are skipped. */
static const char *const candidate_policies[] = {
    "AWS-CRT-SDK-TLSv1.3",
    "test_all_tls13",
    "20190801",
    "20240501",
    "test_all",
    "default",
    "default_tls13",
    "rfc9151",
    "test_all_tls12",
    "CloudFront-TLS-1-2-2021-Chacha20-Boosted",
    "CloudFront-TLS-1-3-2025",
    "20250721",
};
#define POLICY_COUNT (sizeof(candidate_policies) / sizeof(candidate_policies[0]))

/* ---- libs2n ---------------------------------------------------------------------------- */

static struct s2n_cert_chain_and_key *s2n_certs[2];

static struct s2n_config *s2n_server_config(int rsa, const char *policy)
{
    struct s2n_config *c = s2n_config_new_minimal();
    if (c == NULL || s2n_config_add_cert_chain_and_key_to_store(c, s2n_certs[rsa]) < 0
            || s2n_config_set_max_blinding_delay(c, 0) < 0) {
        bench_die_s2n("libs2n server config");
    }
    if (s2n_config_set_cipher_preferences(c, policy) < 0) {
        s2n_config_free(c);
        return NULL;
    }
    return c;
}

static struct s2n_config *s2n_client_config(int rsa, const char *policy)
{
    struct s2n_config *c = s2n_config_new_minimal();
    const char *ca = bench_pki_path(rsa ? "ca-rsa-cert.pem" : "ca-ecdsa-cert.pem");
    if (c == NULL || s2n_config_set_verification_ca_location(c, ca, NULL) < 0 || s2n_config_set_max_blinding_delay(c, 0) < 0) {
        bench_die_s2n("libs2n client config");
    }
    if (s2n_config_set_cipher_preferences(c, policy) < 0) {
        s2n_config_free(c);
        return NULL;
    }
    return c;
}

static struct s2n_connection *s2n_conn(s2n_mode mode, struct s2n_config *config, struct bench_pipe *in, struct bench_pipe *out)
{
    struct s2n_connection *conn = s2n_connection_new(mode);
    if (conn == NULL || bench_s2n_attach(conn, config, in, out, mode == S2N_CLIENT) < 0) {
        bench_die_s2n("libs2n connection");
    }
    return conn;
}

/* One full handshake; returns 0 or -1.  The connections are handed back
 * when @client / @server are not NULL, freed otherwise. */
static int s2n_handshake(struct s2n_config *cc, struct s2n_config *sc, struct s2n_connection **client,
        struct s2n_connection **server)
{
    pipes_reset();
    struct s2n_connection *c = s2n_conn(S2N_CLIENT, cc, &s2c, &c2s);
    struct s2n_connection *s = s2n_conn(S2N_SERVER, sc, &c2s, &s2c);
    int cdone = 0, sdone = 0, ok = 1;
    for (int i = 0; i < 64 && ok && !(cdone && sdone); i++) {
        s2n_blocked_status blocked;
        if (!cdone) {
            if (s2n_negotiate(c, &blocked) == 0) {
                cdone = 1;
            } else if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
                ok = 0;
            }
        }
        if (!sdone && ok) {
            if (s2n_negotiate(s, &blocked) == 0) {
                sdone = 1;
            } else if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
                ok = 0;
            }
        }
    }
    ok = ok && cdone && sdone;
    if (ok && client) {
        *client = c;
        *server = s;
    } else {
        s2n_connection_free(c);
        s2n_connection_free(s);
    }
    return ok ? 0 : -1;
}

static int s2n_matches(struct target *t, struct s2n_connection *c, int want_x25519)
{
    int version = s2n_connection_get_actual_protocol_version(c);
    const char *cipher = s2n_connection_get_cipher(c);
    const char *curve = s2n_connection_get_curve(c);
    if (version != (t->tls12 ? S2N_TLS12 : S2N_TLS13) || cipher == NULL || strcmp(cipher, t->suite) != 0) {
        return 0;
    }
    if (curve == NULL || (strcmp(curve, "x25519") != 0 && strcmp(curve, "secp256r1") != 0)) {
        return 0;
    }
    if (want_x25519 && strcmp(curve, "x25519") != 0) {
        return 0;
    }
    snprintf(t->group, sizeof(t->group), "%s", curve);
    return 1;
}

/* One handshake between a libs2n end and an OpenSSL end (t->mixed says
 * which is the client); returns 0 or -1, the connections handed back when
 * @conn / @ssl are not NULL, freed otherwise. */
static int mixed_handshake(struct target *t, struct s2n_connection **conn, SSL **ssl)
{
    pipes_reset();
    int s2n_is_client = t->mixed == MIXED_S2N_SENDS;
    struct s2n_connection *a = s2n_is_client ? s2n_conn(S2N_CLIENT, t->s2n_client, &s2c, &c2s)
                                             : s2n_conn(S2N_SERVER, t->s2n_server, &c2s, &s2c);
    SSL *b = SSL_new(s2n_is_client ? t->ossl_server : t->ossl_client);
    if (b == NULL) {
        bench_die("SSL_new", NULL);
    }
    bench_ssl_attach(b, s2n_is_client ? &server_ends : &client_ends, !s2n_is_client);
    int adone = 0, bdone = 0, ok = 1;
    for (int i = 0; i < 64 && ok && !(adone && bdone); i++) {
        /* The client moves first. */
        for (int turn = 0; turn < 2 && ok; turn++) {
            if ((turn == 0) == s2n_is_client) {
                s2n_blocked_status blocked;
                if (!adone && s2n_negotiate(a, &blocked) == 0) {
                    adone = 1;
                } else if (!adone && s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
                    ok = 0;
                }
            } else if (!bdone) {
                int rc = SSL_do_handshake(b);
                int e = rc == 1 ? SSL_ERROR_NONE : SSL_get_error(b, rc);
                bdone = rc == 1;
                ok = rc == 1 || e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
            }
        }
    }
    ok = ok && adone && bdone && (s2n_is_client || SSL_get_verify_result(b) == X509_V_OK);
    const char *cipher = s2n_connection_get_cipher(a);
    ok = ok && cipher != NULL && strcmp(cipher, t->suite) == 0;
    if (ok && conn) {
        *conn = a;
        *ssl = b;
    } else {
        s2n_connection_free(a);
        SSL_free(b);
    }
    return ok ? 0 : -1;
}

static void mixed_setup(struct target *t)
{
    t->s2n_client = s2n_client_config(t->rsa, "default");
    t->s2n_server = s2n_server_config(t->rsa, "default");
    t->client_policy = t->server_policy = "default";
    t->s2n_ok = mixed_handshake(t, NULL, NULL) == 0;
    t->why_not = "the libs2n/OpenSSL handshake did not negotiate it";
}

static void s2n_setup(struct target *t)
{
    if (t->mixed) {
        mixed_setup(t);
        return;
    }
    struct s2n_config *clients[POLICY_COUNT], *servers[POLICY_COUNT];
    for (size_t i = 0; i < POLICY_COUNT; i++) {
        clients[i] = s2n_client_config(t->rsa, candidate_policies[i]);
        servers[i] = s2n_server_config(t->rsa, candidate_policies[i]);
    }
    int found = 0;
    /* Bulk transfers don't care about the group. */
    for (int pass = t->bulk ? 1 : 0; pass < 2 && !found; pass++) {
        for (size_t d = 0; d < POLICY_COUNT && !found; d++) {
            for (size_t i = 0; i < POLICY_COUNT && !found; i++) {
                size_t ci = i, si = (i + d) % POLICY_COUNT;
                if (clients[ci] == NULL || servers[si] == NULL) {
                    continue;
                }
                struct s2n_connection *c = NULL, *s = NULL;
                if (s2n_handshake(clients[ci], servers[si], &c, &s) < 0) {
                    continue;
                }
                if (s2n_matches(t, c, pass == 0)) {
                    found = 1;
                    t->client_policy = candidate_policies[ci];
                    t->server_policy = candidate_policies[si];
                    t->s2n_client = clients[ci];
                    t->s2n_server = servers[si];
                    clients[ci] = servers[si] = NULL;
                }
                s2n_connection_free(c);
                s2n_connection_free(s);
            }
        }
    }
    for (size_t i = 0; i < POLICY_COUNT; i++) {
        if (clients[i]) {
            s2n_config_free(clients[i]);
        }
        if (servers[i]) {
            s2n_config_free(servers[i]);
        }
    }
    t->s2n_ok = found;
    if (!found) {
        t->why_not = "libs2n: no libs2n client policy lists ChaCha20 first";
        snprintf(t->group, sizeof(t->group), "x25519");
    }
}

/* The last piece the receiver got must be the matching part of @data:
 * every write sends data[0 .. CHUNK) (or a prefix of it). */
static int bulk_check(size_t got, size_t last, const uint8_t *data, const uint8_t *sink)
{
    size_t off = (got - last) % CHUNK;
    return last > 0 && off + last <= CHUNK && memcmp(sink, data + off, last) == 0;
}

/* One library's side of a bulk transfer. */
struct bulk_io {
    /* Send up to len bytes from data: the count sent, 0 when blocked, -1 on failure. */
    int (*send)(void *conn, const uint8_t *data, size_t len);
    /* Receive up to len bytes into buf: the count, 0 when blocked, -1 on failure or close. */
    int (*recv)(void *conn, uint8_t *buf, size_t len);
};

/* Bulk: @total bytes client @c -> server @s in CHUNK writes, over the
 * rendezvous pipe unless @buffered; returns the seconds the transfer took,
 * or -1. */
static double bulk_transfer(const struct bulk_io *io, void *c, void *s, int buffered, size_t total, const uint8_t *data,
        uint8_t *sink)
{
    size_t sent = 0, got = 0, last = 0;
    int ok = 1;
    int rendezvous = !buffered;
    set_rendezvous(rendezvous);
    double t0 = now();
    while (ok && got < total) {
        if (sent < total) {
            int w = io->send(c, data, total - sent < CHUNK ? total - sent : CHUNK);
            if (w > 0) {
                sent += (size_t) w;
                if (rendezvous) {
                    continue; /* nothing lent to read until the next send */
                }
            } else if (w < 0) {
                ok = 0;
            }
        }
        /* (Over the rendezvous pipe the record is read while the send is
         * pending: one record per pending send.) */
        while (ok && (got < sent || rendezvous)) {
            int r = io->recv(s, sink, CHUNK);
            if (r > 0) {
                got += (size_t) r;
                last = (size_t) r;
                if (rendezvous) {
                    break;
                }
            } else if (r < 0) {
                ok = 0;
            } else {
                break;
            }
        }
    }
    double el = now() - t0;
    set_rendezvous(0);
    ok = ok && bulk_check(got, last, data, sink);
    return ok ? el : -1;
}

static int s2n_bulk_send(void *conn, const uint8_t *data, size_t len)
{
    s2n_blocked_status blocked;
    ssize_t w = s2n_send(conn, data, (ssize_t) len, &blocked);
    if (w > 0) {
        return (int) w;
    }
    return s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED ? 0 : -1;
}

static int s2n_bulk_recv(void *conn, uint8_t *buf, size_t len)
{
    s2n_blocked_status blocked;
    ssize_t r = s2n_recv(conn, buf, (ssize_t) len, &blocked);
    if (r > 0) {
        return (int) r;
    }
    return r < 0 && s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED ? 0 : -1;
}

static const struct bulk_io s2n_bulk_io = { s2n_bulk_send, s2n_bulk_recv };

/* Bulk: @total bytes client -> server in CHUNK writes; returns the seconds
 * the transfer took (the handshake not included), or -1. */
static double s2n_bulk(struct target *t, size_t total, const uint8_t *data, uint8_t *sink)
{
    struct s2n_connection *c = NULL, *s = NULL;
    if (s2n_handshake(t->s2n_client, t->s2n_server, &c, &s) < 0) {
        return -1;
    }
    /* libs2n's default is smaller records; bulk senders ask for full ones. */
    if (s2n_connection_prefer_throughput(c) < 0 || s2n_connection_prefer_throughput(s) < 0) {
        bench_die_s2n("s2n_connection_prefer_throughput");
    }
    double el = bulk_transfer(&s2n_bulk_io, c, s, t->buffered, total, data, sink);
    s2n_connection_free(c);
    s2n_connection_free(s);
    return el;
}

static int ossl_bulk_send(void *conn, const uint8_t *data, size_t len);
static int ossl_bulk_recv(void *conn, uint8_t *buf, size_t len);
static const struct bulk_io mixed_s2n_sends_io = { s2n_bulk_send, ossl_bulk_recv };

static const struct bulk_io mixed_s2n_receives_io = { ossl_bulk_send, s2n_bulk_recv };

/* Bulk between a libs2n end and an OpenSSL end (one direction: client ->
 * server), over the same transport as the others. */
static double mixed_bulk(struct target *t, size_t total, const uint8_t *data, uint8_t *sink)
{
    struct s2n_connection *conn = NULL;
    SSL *ssl = NULL;
    if (mixed_handshake(t, &conn, &ssl) < 0) {
        return -1;
    }
    if (s2n_connection_prefer_throughput(conn) < 0) {
        bench_die_s2n("s2n_connection_prefer_throughput");
    }
    double el = t->mixed == MIXED_S2N_SENDS ? bulk_transfer(&mixed_s2n_sends_io, conn, ssl, t->buffered, total, data, sink)
                                            : bulk_transfer(&mixed_s2n_receives_io, ssl, conn, t->buffered, total, data, sink);
    s2n_connection_free(conn);
    SSL_free(ssl);
    return el;
}

/* ---- OpenSSL libssl ---------------------------------------------------------------------- */

/* The negotiated group first; P-256 also listed, since a TLS 1.2 server
 * only uses a P-256 certificate with clients that support the curve. */
static const char *ossl_group_list(const char *s2n_group)
{
    return strcmp(s2n_group, "x25519") == 0 ? "X25519:P-256" : "P-256";
}

static void ossl_setup(struct target *t)
{
    const char *chain = bench_pki_path(t->rsa ? "server-rsa-2048-chain.pem" : "server-ecdsa-p256-chain.pem");
    const char *key = bench_pki_path(t->rsa ? "server-rsa-2048-key.pem" : "server-ecdsa-p256-key.pem");
    const char *ca = bench_pki_path(t->rsa ? "ca-rsa-cert.pem" : "ca-ecdsa-cert.pem");
    const char *group = ossl_group_list(t->group);
    int version = t->tls12 ? TLS1_2_VERSION : TLS1_3_VERSION;

    SSL_CTX *s = SSL_CTX_new(TLS_server_method());
    SSL_CTX *c = SSL_CTX_new(TLS_client_method());
    if (s == NULL || c == NULL) {
        bench_die("SSL_CTX_new", NULL);
    }
    SSL_CTX *both[2] = { s, c };
    for (int i = 0; i < 2; i++) {
        SSL_CTX *x = both[i];
        /* Do what libs2n does: no session cache, no tickets. */
        SSL_CTX_set_session_cache_mode(x, SSL_SESS_CACHE_OFF);
        SSL_CTX_set_options(x, SSL_OP_NO_TICKET);
        if (!SSL_CTX_set_min_proto_version(x, version) || !SSL_CTX_set_max_proto_version(x, version)
                || !SSL_CTX_set1_groups_list(x, group)) {
            bench_die("libssl version/groups", t->id);
        }
        if (t->tls12 ? !SSL_CTX_set_cipher_list(x, t->ossl_suite) : !SSL_CTX_set_ciphersuites(x, t->ossl_suite)) {
            bench_die("libssl suites", t->ossl_suite);
        }
    }
    SSL_CTX_set_num_tickets(s, 0);
    if (SSL_CTX_use_certificate_chain_file(s, chain) != 1 || SSL_CTX_use_PrivateKey_file(s, key, SSL_FILETYPE_PEM) != 1
            || SSL_CTX_check_private_key(s) != 1) {
        bench_die("libssl server certificate", chain);
    }
    SSL_CTX_set_verify(c, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_load_verify_locations(c, ca, NULL) != 1) {
        bench_die("libssl trust store", ca);
    }
    t->ossl_client = c;
    t->ossl_server = s;
}

static int ossl_handshake(struct target *t, SSL **client, SSL **server)
{
    pipes_reset();
    SSL *c = SSL_new(t->ossl_client), *s = SSL_new(t->ossl_server);
    if (c == NULL || s == NULL) {
        bench_die("SSL_new", NULL);
    }
    bench_ssl_attach(c, &client_ends, 1);
    bench_ssl_attach(s, &server_ends, 0);
    int cdone = 0, sdone = 0, ok = 1;
    for (int i = 0; i < 64 && ok && !(cdone && sdone); i++) {
        if (!cdone) {
            int rc = SSL_do_handshake(c);
            if (rc == 1) {
                cdone = 1;
            } else {
                int e = SSL_get_error(c, rc);
                ok = e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
            }
        }
        if (!sdone && ok) {
            int rc = SSL_do_handshake(s);
            if (rc == 1) {
                sdone = 1;
            } else {
                int e = SSL_get_error(s, rc);
                ok = e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
            }
        }
    }
    ok = ok && cdone && sdone && SSL_get_verify_result(c) == X509_V_OK;
    if (ok && client) {
        *client = c;
        *server = s;
    } else {
        SSL_free(c);
        SSL_free(s);
    }
    return ok ? 0 : -1;
}

static void ossl_check(struct target *t)
{
    SSL *c = NULL, *s = NULL;
    if (ossl_handshake(t, &c, &s) < 0) {
        bench_die("libssl handshake failed", t->id);
    }
    const char *cipher = SSL_get_cipher_name(c);
    if (strcmp(cipher, t->ossl_suite) != 0) {
        bench_die("libssl negotiated another suite", cipher);
    }
    int nid = strcmp(t->group, "x25519") == 0 ? NID_X25519 : NID_X9_62_prime256v1;
    if (SSL_version(c) != (t->tls12 ? TLS1_2_VERSION : TLS1_3_VERSION) || SSL_get_negotiated_group(c) != nid) {
        bench_die("libssl negotiated another version or group", t->id);
    }
    SSL_free(c);
    SSL_free(s);
}

static int ossl_bulk_send(void *conn, const uint8_t *data, size_t len)
{
    int w = SSL_write(conn, data, (int) len);
    if (w > 0) {
        return w;
    }
    return SSL_get_error(conn, w) == SSL_ERROR_WANT_WRITE ? 0 : -1;
}

static int ossl_bulk_recv(void *conn, uint8_t *buf, size_t len)
{
    int r = SSL_read(conn, buf, (int) len);
    if (r > 0) {
        return r;
    }
    return SSL_get_error(conn, r) == SSL_ERROR_WANT_READ ? 0 : -1;
}

static const struct bulk_io ossl_bulk_io = { ossl_bulk_send, ossl_bulk_recv };

static double ossl_bulk(struct target *t, size_t total, const uint8_t *data, uint8_t *sink)
{
    SSL *c = NULL, *s = NULL;
    if (ossl_handshake(t, &c, &s) < 0) {
        return -1;
    }
    double el = bulk_transfer(&ossl_bulk_io, c, s, t->buffered, total, data, sink);
    SSL_free(c);
    SSL_free(s);
    return el;
}

/* ---- the ceilings, straight through libcrypto ----------------------------------------------- */

static EVP_MD *sha256;

static EVP_PKEY *load_key(const char *name)
{
    FILE *f = fopen(bench_pki_path(name), "r");
    if (f == NULL) {
        bench_die("cannot open", bench_pki_path(name));
    }
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    if (k == NULL) {
        bench_die("cannot parse", name);
    }
    return k;
}

/* A signing or verifying context set up once, reused for every operation
 * (the digest is computed separately: a TLS stack hashes the transcript or
 * the TBSCertificate anyway). */
static EVP_PKEY_CTX *sig_ctx(EVP_PKEY *key, int sign, int pss)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    if (ctx == NULL || (sign ? EVP_PKEY_sign_init(ctx) : EVP_PKEY_verify_init(ctx)) != 1
            || EVP_PKEY_CTX_set_signature_md(ctx, sha256) != 1) {
        bench_die("signature context", NULL);
    }
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA
            && (EVP_PKEY_CTX_set_rsa_padding(ctx, pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) != 1
                    || (pss && EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) != 1))) {
        bench_die("RSA padding", NULL);
    }
    return ctx;
}

static void ceiling_setup(struct target *t)
{
    int x25519 = strcmp(t->group, "x25519") == 0;
    t->kx_is_ec = !x25519;
    t->kx_gen = EVP_PKEY_CTX_new_from_name(NULL, x25519 ? "X25519" : "EC", NULL);
    if (t->kx_gen == NULL || EVP_PKEY_keygen_init(t->kx_gen) != 1
            || (!x25519 && EVP_PKEY_CTX_set_group_name(t->kx_gen, "P-256") != 1)) {
        bench_die("key generation context", t->group);
    }

    EVP_PKEY *server = load_key(t->rsa ? "server-rsa-2048-key.pem" : "server-ecdsa-p256-key.pem");
    EVP_PKEY *ca = load_key(t->rsa ? "ca-rsa-key.pem" : "ca-ecdsa-key.pem");
    static const uint8_t cv[130] = { 0x20 }, tbs[400] = { 0x30 };
    unsigned int dl = 0;
    if (EVP_Digest(cv, sizeof(cv), t->cv_digest, &dl, sha256, NULL) != 1
            || EVP_Digest(tbs, sizeof(tbs), t->ca_digest, &dl, sha256, NULL) != 1) {
        bench_die("EVP_Digest", NULL);
    }
    /* TLS 1.3 signs with RSA-PSS; the test CA signs certificates with PKCS#1 v1.5. */
    t->sign_ctx = sig_ctx(server, 1, 1);
    t->verify_cv_ctx = sig_ctx(server, 0, 1);
    t->verify_ca_ctx = sig_ctx(ca, 0, 0);
    EVP_PKEY_CTX *ca_sign = sig_ctx(ca, 1, 0);
    t->cv_sig_len = sizeof(t->cv_sig);
    t->ca_sig_len = sizeof(t->ca_sig);
    if (EVP_PKEY_sign(t->sign_ctx, t->cv_sig, &t->cv_sig_len, t->cv_digest, 32) != 1
            || EVP_PKEY_sign(ca_sign, t->ca_sig, &t->ca_sig_len, t->ca_digest, 32) != 1) {
        bench_die("EVP_PKEY_sign", NULL);
    }
    EVP_PKEY_CTX_free(ca_sign);
    EVP_PKEY_free(server);
    EVP_PKEY_free(ca);
}

static void kx_public(struct target *t, EVP_PKEY *k, uint8_t *out, size_t *len)
{
    if (EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out, 133, len) != 1) {
        bench_die("public key encoding", t->group);
    }
}

/* Import a peer's public value from its wire bytes and derive. */
static void kx_derive(struct target *t, EVP_PKEY *mine, const uint8_t *peer, size_t peer_len)
{
    EVP_PKEY *pk = NULL;
    if (t->kx_is_ec) {
        EVP_PKEY_CTX *fctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
        OSSL_PARAM params[3] = {
            OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *) "P-256", 0),
            OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *) peer, peer_len),
            OSSL_PARAM_construct_end(),
        };
        if (fctx == NULL || EVP_PKEY_fromdata_init(fctx) != 1 || EVP_PKEY_fromdata(fctx, &pk, EVP_PKEY_PUBLIC_KEY, params) != 1) {
            bench_die("EC public key import", NULL);
        }
        EVP_PKEY_CTX_free(fctx);
    } else {
        pk = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, peer, peer_len);
    }
    uint8_t secret[66];
    size_t slen = sizeof(secret);
    EVP_PKEY_CTX *d = EVP_PKEY_CTX_new_from_pkey(NULL, mine, NULL);
    if (pk == NULL || d == NULL || EVP_PKEY_derive_init(d) != 1 || EVP_PKEY_derive_set_peer(d, pk) != 1
            || EVP_PKEY_derive(d, secret, &slen) != 1) {
        bench_die("EVP_PKEY_derive", t->group);
    }
    EVP_PKEY_CTX_free(d);
    EVP_PKEY_free(pk);
}

/* The asymmetric work of one full handshake: two key generations, two
 * derivations, one signature (CertificateVerify), two verifications
 * (CertificateVerify, the leaf's signature by the CA). */
static void ceiling_handshake(struct target *t)
{
    EVP_PKEY *a = NULL, *b = NULL;
    uint8_t pa[133], pb[133];
    size_t la = 0, lb = 0;
    if (EVP_PKEY_generate(t->kx_gen, &a) != 1 || EVP_PKEY_generate(t->kx_gen, &b) != 1) {
        bench_die("EVP_PKEY_generate", t->group);
    }
    kx_public(t, a, pa, &la);
    kx_public(t, b, pb, &lb);
    kx_derive(t, b, pa, la);
    kx_derive(t, a, pb, lb);
    EVP_PKEY_free(a);
    EVP_PKEY_free(b);

    uint8_t sig[512];
    size_t sig_len = sizeof(sig);
    if (EVP_PKEY_sign(t->sign_ctx, sig, &sig_len, t->cv_digest, 32) != 1
            || EVP_PKEY_verify(t->verify_cv_ctx, t->cv_sig, t->cv_sig_len, t->cv_digest, 32) != 1
            || EVP_PKEY_verify(t->verify_ca_ctx, t->ca_sig, t->ca_sig_len, t->ca_digest, 32) != 1) {
        bench_die("sign/verify", t->id);
    }
}

/* The floor is measured for bulk over the rendezvous pipe. */
static int has_floor(const struct target *t)
{
    return t->bulk && !t->buffered;
}

/* Raw AEAD: seal @total bytes in CHUNK records, then open each one. */
static EVP_CIPHER_CTX *aead_enc, *aead_dec;

static void aead_setup(struct target *t)
{
    EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, t->aead, NULL);
    static const uint8_t key[32] = { 1 }, iv[12] = { 2 };
    aead_enc = EVP_CIPHER_CTX_new();
    aead_dec = EVP_CIPHER_CTX_new();
    if (cipher == NULL || aead_enc == NULL || aead_dec == NULL || EVP_EncryptInit_ex2(aead_enc, cipher, key, iv, NULL) != 1
            || EVP_DecryptInit_ex2(aead_dec, cipher, key, iv, NULL) != 1) {
        bench_die("AEAD setup", t->aead);
    }
    EVP_CIPHER_free(cipher);
}

static void aead_free(void)
{
    EVP_CIPHER_CTX_free(aead_enc);
    EVP_CIPHER_CTX_free(aead_dec);
    aead_enc = aead_dec = NULL;
}

/* The raw AEAD loop: seal @total bytes in CHUNK records, then open each
 * one.  With @floor, what every TLS library over a one-copy transport must
 * do besides (the floor under it): seal the TLS 1.3 inner content-type byte
 * after the content, copy the record once from the sender's buffer (after
 * its 5-byte header) into the reader's buffer (content) and a small tail
 * (type byte and tag), and open the type byte on its own (the reader's
 * buffer holds only the content).  No record layer, no bookkeeping. */
static double aead_loop(struct target *t, size_t total, const uint8_t *data, uint8_t *sink, int floor)
{
    static uint8_t record[5 + CHUNK + 1 + 16];
    uint8_t iv[12] = { 2 }, aad[5] = { 23, 3, 3, (CHUNK + 17) >> 8, (uint8_t) (CHUNK + 17) }, type = 23, tail[17], opened = 0;
    uint8_t *body = floor ? record + 5 : record;
    const int extra = floor ? 1 : 0;
    aead_setup(t);
    double t0 = now();
    for (uint64_t seq = 0; total > 0; seq++) {
        int n = (int) (total < CHUNK ? total : CHUNK), len = 0;
        memcpy(iv + 4, &seq, 8);
        if (EVP_EncryptInit_ex2(aead_enc, NULL, NULL, iv, NULL) != 1 || EVP_EncryptUpdate(aead_enc, NULL, &len, aad, 5) != 1
                || EVP_EncryptUpdate(aead_enc, body, &len, data, n) != 1
                || (floor && EVP_EncryptUpdate(aead_enc, body + n, &len, &type, 1) != 1)
                || EVP_EncryptFinal_ex(aead_enc, body + n + extra, &len) != 1
                || EVP_CIPHER_CTX_ctrl(aead_enc, EVP_CTRL_AEAD_GET_TAG, 16, body + n + extra) != 1) {
            bench_die("AEAD seal", t->aead);
        }
        const uint8_t *in = body, *tag = body + n;
        if (floor) {
            memcpy(sink, body, (size_t) n);
            memcpy(tail, body + n, sizeof(tail));
            in = sink;
            tag = tail + 1;
        }
        if (EVP_DecryptInit_ex2(aead_dec, NULL, NULL, iv, NULL) != 1
                || EVP_CIPHER_CTX_ctrl(aead_dec, EVP_CTRL_AEAD_SET_TAG, 16, (void *) (uintptr_t) tag) != 1
                || EVP_DecryptUpdate(aead_dec, NULL, &len, aad, 5) != 1 || EVP_DecryptUpdate(aead_dec, sink, &len, in, n) != 1
                || (floor && (EVP_DecryptUpdate(aead_dec, &opened, &len, tail, 1) != 1 || opened != type))
                || EVP_DecryptFinal_ex(aead_dec, sink + n, &len) != 1) {
            bench_die("AEAD open", t->aead);
        }
        total -= (size_t) n;
    }
    double el = now() - t0;
    aead_free();
    return el;
}

/* ---- measuring ------------------------------------------------------------------------------- */

static int one_handshake(struct target *t, int lib)
{
    switch (lib) {
        case LIB_S2N:
            return s2n_handshake(t->s2n_client, t->s2n_server, NULL, NULL);
        case LIB_OSSL:
            return ossl_handshake(t, NULL, NULL);
        default:
            ceiling_handshake(t);
            return 0;
    }
}

/* Handshakes (or ceiling sets) per second over about @secs seconds. */
static double rate_handshakes(struct target *t, int lib, double secs)
{
    long n = 0;
    double t0 = now(), el = 0;
    do {
        for (int k = 0; k < 4; k++, n++) {
            if (one_handshake(t, lib) < 0) {
                bench_die("handshake failed", t->id);
            }
        }
        el = now() - t0;
    } while (el < secs);
    return (double) n / el;
}

static uint8_t *bulk_data, *bulk_sink;

static double one_bulk(struct target *t, int lib, size_t total)
{
    switch (lib) {
        case LIB_S2N:
            return t->mixed ? mixed_bulk(t, total, bulk_data, bulk_sink) : s2n_bulk(t, total, bulk_data, bulk_sink);
        case LIB_OSSL:
            return ossl_bulk(t, total, bulk_data, bulk_sink);
        default:
            return aead_loop(t, total, bulk_data, bulk_sink, lib == LIB_FLOOR);
    }
}

/* MB/s (10^6 bytes) of application data. */
static double rate_bulk(struct target *t, int lib, size_t total)
{
    double el = one_bulk(t, lib, total);
    if (el < 0) {
        bench_die("bulk transfer failed", t->id);
    }
    return (double) total / el / 1e6;
}

/* ---- setup --------------------------------------------------------------------------------------- */

static void global_setup(void)
{
    if (s2n_init() < 0) {
        bench_die_s2n("s2n_init");
    }
    sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
    if (sha256 == NULL) {
        bench_die("EVP_MD_fetch", NULL);
    }
    bench_bio_init("bench pipe");
    for (int rsa = 0; rsa < 2; rsa++) {
        s2n_certs[rsa] = bench_s2n_chain(rsa ? "server-rsa-2048-chain.pem" : "server-ecdsa-p256-chain.pem",
                rsa ? "server-rsa-2048-key.pem" : "server-ecdsa-p256-key.pem");
    }
    bulk_data = malloc(CHUNK);
    bulk_sink = malloc(CHUNK + 64);
    if (bulk_data == NULL || bulk_sink == NULL) {
        bench_die("out of memory", NULL);
    }
    for (size_t i = 0; i < CHUNK; i++) {
        bulk_data[i] = (uint8_t) (i * 31 + 7);
    }
}

static void target_setup(struct target *t)
{
    if (t->mixed) {
        /* The OpenSSL end first: the mixed handshake needs it. */
        snprintf(t->group, sizeof(t->group), "x25519");
        ossl_setup(t);
        s2n_setup(t);
    } else {
        s2n_setup(t);
        ossl_setup(t);
    }
    ossl_check(t);
    if (!t->bulk) {
        ceiling_setup(t);
    }
}

/* ---- callgrind / perf mode -------------------------------------------------------------------------- */

static int count_mode(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s count s2n|openssl|crypto|floor TARGET N\n", argv[0]);
        return 2;
    }
    int lib = -1;
    for (int i = 0; i < LIB_COUNT; i++) {
        if (strcmp(argv[2], lib_names[i]) == 0) {
            lib = i;
        }
    }
    struct target *t = NULL;
    for (size_t i = 0; i < TARGET_COUNT; i++) {
        if (strcmp(argv[3], targets[i].id) == 0) {
            t = &targets[i];
        }
    }
    long n = strtol(argv[4], NULL, 10);
    if (lib < 0 || t == NULL || n < 0 || (lib == LIB_FLOOR && !has_floor(t))) {
        fprintf(stderr, "%s count: unknown library or target\n", argv[0]);
        return 2;
    }
    global_setup();
    target_setup(t);
    if (lib == LIB_S2N && !t->s2n_ok) {
        fprintf(stderr, "%s: %s\n", t->id, t->why_not);
        return 77;
    }
    if (t->bulk) {
        return one_bulk(t, lib, (size_t) n << 20) < 0;
    }
    for (long i = 0; i <= n; i++) { /* one warm-up, then n */
        if (one_handshake(t, lib) < 0) {
            bench_die("handshake failed", t->id);
        }
    }
    return 0;
}

/* ---- the report -------------------------------------------------------------------------------------- */


/* What a one-copy transport leaves (bulk over the rendezvous pipe). */
static void print_floor(int rounds, double res[][LIB_COUNT][MAX_ROUNDS])
{
    printf("floor = the AEAD loop + what every TLS 1.3 library over this pipe must also do: seal and open the\n"
           "content-type byte, copy each record once into the reader's buffer (no record layer, no bookkeeping):\n");
    printf("%-32s %10s %10s %14s %14s %14s\n", "bulk MB/s", "floor", "AEAD loop", "floor/loop", "s2n/floor",
            "OpenSSL/floor");
    for (size_t i = 0; i < TARGET_COUNT; i++) {
        struct target *t = &targets[i];
        if (!has_floor(t) || t->skip) {
            continue;
        }
        double s = median(res[i][LIB_S2N], rounds), o = median(res[i][LIB_OSSL], rounds);
        double c = median(res[i][LIB_CEIL], rounds), f = median(res[i][LIB_FLOOR], rounds);
        char vs_floor[32] = "-";
        if (t->s2n_ok) {
            snprintf(vs_floor, sizeof(vs_floor), "%.1f%%", 100 * s / f);
        }
        printf("%-32s %10.0f %10.0f %13.1f%% %14s %13.1f%%\n", t->label, f, c, 100 * f / c, vs_floor, 100 * o / f);
    }
    printf("\n");
}

/* One table: the handshake targets or the bulk ones. */
static void print_table(int bulk, int rounds, double res[][LIB_COUNT][MAX_ROUNDS])
{
    double want_ossl = 1.5, want_ceil = bulk ? 0.95 : 0.70;
    if (bulk) {
        printf("bulk over the rendezvous pipe (one copy per byte, straight from the sender's record):\n");
    }
    printf("%-32s %10s %10s %10s %14s %14s %12s\n", bulk ? "bulk MB/s (client->server)" : "handshakes/s", "libs2n",
            "OpenSSL", bulk ? "AEAD loop" : "ceiling", "s2n/OpenSSL", "s2n/ceiling", "OpenSSL/ceil");
    int buffered_seen = 0;
    for (size_t i = 0; i < TARGET_COUNT; i++) {
        struct target *t = &targets[i];
        if (t->bulk != bulk || t->skip) {
            continue;
        }
        if (t->buffered && !buffered_seen) {
            buffered_seen = 1;
            printf("the same over the buffered pipe (two copies per byte; for information, no target):\n");
        }
        double s = median(res[i][LIB_S2N], rounds), o = median(res[i][LIB_OSSL], rounds), c = median(res[i][LIB_CEIL], rounds);
        char vs_ossl[32], vs_ceil[32];
        if (t->s2n_ok) {
            /* Bulk has no target against OpenSSL. */
            snprintf(vs_ossl, sizeof(vs_ossl), "%.2fx %s", s / o, bulk ? "  " : s / o >= want_ossl ? "ok" : "NO");
            snprintf(vs_ceil, sizeof(vs_ceil), "%.1f%% %s", 100 * s / c, t->buffered || t->mixed ? "  " : s / c >= want_ceil ? "ok" : "NO");
            printf("%-32s %10.0f %10.0f %10.0f %14s %14s %11.1f%%\n", t->label, s, o, c, vs_ossl, vs_ceil, 100 * o / c);
        } else {
            printf("%-32s %10s %10.0f %10.0f %14s %14s %11.1f%%  (%s)\n", t->label, "n/a", o, c, "-", "-", 100 * o / c,
                    t->why_not);
        }
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "count") == 0) {
        return count_mode(argc, argv);
    }
    if (argc > 1) {
        fprintf(stderr, "usage: %s [count s2n|openssl|crypto|floor TARGET N]\n", argv[0]);
        return 2;
    }
    int rounds = (int) env_double("BENCH_ROUNDS", 5);
    double secs = env_double("BENCH_SECS", 0.5);
    double mb = env_double("BENCH_MB", 256);
    const char *only = getenv("BENCH_ONLY") ? getenv("BENCH_ONLY") : "";
    rounds = rounds > MAX_ROUNDS ? MAX_ROUNDS : rounds;
    size_t total = (size_t) (mb * 1024 * 1024);

    global_setup();
    printf("libs2n benchmark: libs2n vs OpenSSL libssl %s, same process, memory pipes\n", OpenSSL_version(OPENSSL_VERSION));
    printf("median of %d interleaved rounds (thread CPU time); handshakes %.2fs per sample; bulk %g MiB per transfer\n"
           "in %d-byte writes\n", rounds, secs, mb, CHUNK);
    printf("client verifies chain and host name \"%s\"; libssl: no session cache, no tickets (as libs2n)\n\n", BENCH_HOST);

    for (size_t i = 0; i < TARGET_COUNT; i++) {
        struct target *t = &targets[i];
        if ((strcmp(only, "hs") == 0 && t->bulk) || (strcmp(only, "bulk") == 0 && !t->bulk)) {
            t->skip = 1;
            continue;
        }
        target_setup(t);
        if (t->s2n_ok && t->mixed) {
            printf("  %-30s %s %s; libs2n (policy default) at one end, OpenSSL offering or accepting only it at the "
                   "other\n", t->label, t->suite, t->group);
        } else if (t->s2n_ok) {
            printf("  %-30s %s %s; libs2n policies client=%s server=%s\n", t->label, t->suite, t->group, t->client_policy,
                    t->server_policy);
        } else {
            printf("  %-30s %s %s; %s\n", t->label, t->suite, t->group, t->why_not);
        }
    }
    printf("\n");

    double res[TARGET_COUNT][LIB_COUNT][MAX_ROUNDS];
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < TARGET_COUNT; i++) {
            struct target *t = &targets[i];
            if (t->skip) {
                continue;
            }
            /* Rotate the order so that no library always runs first. */
            for (int k = 0; k < LIB_COUNT; k++) {
                int lib = (k + r) % LIB_COUNT;
                if ((lib == LIB_S2N && !t->s2n_ok) || (lib == LIB_FLOOR && !has_floor(t))) {
                    res[i][lib][r] = 0;
                    continue;
                }
                res[i][lib][r] = t->bulk ? rate_bulk(t, lib, total) : rate_handshakes(t, lib, secs);
            }
        }
        if (isatty(2)) {
            fprintf(stderr, "round %d/%d done\r", r + 1, rounds);
        }
    }

    print_table(0, rounds, res);
    print_table(1, rounds, res);
    if (strcmp(only, "hs") != 0) {
        print_floor(rounds, res);
    }
    printf("targets (issue 8): handshakes >= 1.50x OpenSSL and >= 70%% of the ceiling; bulk >= 95%% of the AEAD loop\n");
    printf("ceiling = libcrypto alone: handshake = 2 keygen + 2 derive in the group, 1 sign + 2 verify with the\n"
           "certificate's algorithm (digests precomputed); bulk = seal + open of 16 KiB records, one context each;\n"
           "ok/NO = meets the target or not; bulk excludes the handshake; libs2n sends with prefer_throughput\n"
           "CHACHA20 rows: two libs2n ends never negotiate TLS_CHACHA20_POLY1305_SHA256 (no libs2n client policy lists\n"
           "it first), so libs2n sends to or receives from OpenSSL there; the OpenSSL column is OpenSSL at both ends\n");

    s2n_cleanup();
    return 0;
}
