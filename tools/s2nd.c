/*
 * tools/s2nd.c: the reference TLS server of libs2n.
 *
 *   s2nd [options] [host port]      (default 127.0.0.1 8443; port 0 = any free port)
 *
 * Listens, and serves one connection after another: negotiate, print what
 * was negotiated (TOOLS.md), then echo (default), answer HTTP (-w) or just
 * close (-n).  A failed connection never stops the server.  Uses the public
 * API (<s2n.h>) only; libcrypto is used directly for one thing: without
 * --cert, an ephemeral self-signed ECDSA P-256 certificate for localhost
 * and 127.0.0.1 is made at start-up.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <s2n.h>

#include "common.h"

#define MAX_CERTS 50

static const char *prog = "s2nd";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: s2nd [options] [host port]\n"
            " host: address to listen on (default 127.0.0.1)\n"
            " port: port to listen on (default 8443; 0 picks a free port)\n"
            "\n"
            "Options:\n"
            "  -c, --ciphers POLICY        security policy name (default: default)\n"
            "      --cert PATH             PEM certificate chain (repeatable, up to 50, paired with --key)\n"
            "      --key PATH              PEM private key of the matching --cert\n"
            "                              (without --cert: an ephemeral self-signed ECDSA P-256\n"
            "                              certificate for localhost and 127.0.0.1)\n"
            "  -t, --ca-file PATH          PEM file of CAs trusted for client certificates\n"
            "  -d, --ca-dir DIR            hashed directory of CAs trusted for client certificates\n"
            "  -i, --insecure              do not verify client certificates\n"
            "  -n, --negotiate             handshake only, then close\n"
            "  -e, --echo                  echo stdin <-> connection (default)\n"
            "  -w, --https-server          answer each HTTP request with a small page\n"
            "  -s, --self-service-blinding no built-in blinding sleeps\n"
            "  -T, --no-session-ticket     disable session tickets\n"
            "  -X, --max-conns[=N]         exit after N connections (default N: 1)\n"
            "      --parallelize           one process per connection\n"
            "  -A, --alpn PROTOS           comma-separated ALPN protocols\n"
            "      --non-blocking          non-blocking sockets with a poll loop\n"
            "  -L, --key-log PATH          append NSS key log lines to PATH\n"
            "      --prefer-low-latency    send records that fit one packet\n"
            "      --prefer-throughput     send records of up to 16 KiB\n"
            "      --tls13                 accepted and ignored\n"
            "  -h, --help                  this text\n"
            "\n"
            "Not yet available in this build (rejected): -m/--mutualAuth, --ocsp, --enable-mfl,\n"
            "  --stk-file, -N/--npn, -P/--psk, -E/--max-early-data, --serialize-out, --deserialize-in,\n"
            "  --buffered-send, -C/--corked-io\n");
}

enum {
    OPT_CERT = TOOLS_OPT_NEXT,
    OPT_KEY,
    OPT_OCSP,
    OPT_ENABLE_MFL,
    OPT_STK_FILE,
    OPT_PARALLELIZE,
    OPT_NON_BLOCKING,
};

/* s2nd's own rejected options (tools_getopt() knows the shared ones). */
static const struct tools_unsupported unsupported[] = {
    { 'm', "-m/--mutualAuth (client authentication)" },
    { OPT_OCSP, "--ocsp (OCSP stapling)" },
    { OPT_ENABLE_MFL, "--enable-mfl (max fragment length)" },
    { OPT_STK_FILE, "--stk-file (session ticket keys)" },
    { 'N', "-N/--npn" },
    { 'E', "-E/--max-early-data" },
    { 0, NULL },
};

enum server_mode {
    MODE_ECHO,
    MODE_NEGOTIATE_ONLY,
    MODE_HTTPS,
};

struct server_options {
    struct tools_options common;
    const char *cert_paths[MAX_CERTS];
    int cert_count;
    const char *key_paths[MAX_CERTS];
    int key_count;
    enum server_mode mode;
    bool self_service_blinding;
    long max_conns; /* 0: unlimited */
    bool parallelize;
    const char *host;
    const char *port;
};

/* Returns 0 to go on, or an exit code + 1. */
static int parse_options(int argc, char **argv, struct server_options *o)
{
    static const struct option longopts[] = {
        { "ciphers", required_argument, NULL, 'c' },
        { "cert", required_argument, NULL, OPT_CERT },
        { "key", required_argument, NULL, OPT_KEY },
        { "mutualAuth", no_argument, NULL, 'm' },
        { "ca-file", required_argument, NULL, 't' },
        { "ca-dir", required_argument, NULL, 'd' },
        { "insecure", no_argument, NULL, 'i' },
        { "negotiate", no_argument, NULL, 'n' },
        { "echo", no_argument, NULL, 'e' },
        { "ocsp", required_argument, NULL, OPT_OCSP },
        { "enable-mfl", no_argument, NULL, OPT_ENABLE_MFL },
        { "self-service-blinding", no_argument, NULL, 's' },
        { "no-session-ticket", no_argument, NULL, 'T' },
        { "stk-file", required_argument, NULL, OPT_STK_FILE },
        { "max-conns", optional_argument, NULL, 'X' },
        { "parallelize", no_argument, NULL, OPT_PARALLELIZE },
        { "https-server", no_argument, NULL, 'w' },
        { "alpn", required_argument, NULL, 'A' },
        { "npn", no_argument, NULL, 'N' },
        { "non-blocking", no_argument, NULL, OPT_NON_BLOCKING },
        { "key-log", required_argument, NULL, 'L' },
        { "psk", required_argument, NULL, 'P' },
        { "max-early-data", required_argument, NULL, 'E' },
        { "serialize-out", required_argument, NULL, TOOLS_OPT_SERIALIZE_OUT },
        { "deserialize-in", required_argument, NULL, TOOLS_OPT_DESERIALIZE_IN },
        { "buffered-send", required_argument, NULL, TOOLS_OPT_BUFFERED_SEND },
        { "prefer-low-latency", no_argument, NULL, TOOLS_OPT_PREFER_LOW_LATENCY },
        { "prefer-throughput", no_argument, NULL, TOOLS_OPT_PREFER_THROUGHPUT },
        { "tls13", no_argument, NULL, TOOLS_OPT_TLS13 },
        { "corked-io", no_argument, NULL, 'C' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = tools_getopt(prog, argc, argv, "c:mt:d:inesTX::wA:NL:P:E:Ch", longopts, &o->common, unsupported)) != -1) {
        switch (c) {
        case TOOLS_OPT_REJECTED:
            return 2;
        case OPT_CERT:
            if (o->cert_count == MAX_CERTS) {
                fprintf(stderr, "%s: at most %d certificates\n", prog, MAX_CERTS);
                return 2;
            }
            o->cert_paths[o->cert_count++] = optarg;
            break;
        case OPT_KEY:
            if (o->key_count == MAX_CERTS) {
                fprintf(stderr, "%s: at most %d keys\n", prog, MAX_CERTS);
                return 2;
            }
            o->key_paths[o->key_count++] = optarg;
            break;
        case 't':
            o->common.ca_file = optarg;
            break;
        case 'n':
            o->mode = MODE_NEGOTIATE_ONLY;
            break;
        case 'e':
            o->mode = MODE_ECHO;
            break;
        case 'w':
            o->mode = MODE_HTTPS;
            break;
        case 's':
            o->self_service_blinding = true;
            break;
        case 'X':
            if (optarg == NULL) {
                o->max_conns = 1;
            } else {
                o->max_conns = tools_parse_uint(optarg, 1000000000L);
                if (o->max_conns <= 0) {
                    fprintf(stderr, "%s: bad --max-conns value '%s'\n", prog, optarg);
                    return 2;
                }
            }
            break;
        case OPT_PARALLELIZE:
            o->parallelize = true;
            break;
        case 'A':
            o->common.alpn = optarg;
            break;
        case OPT_NON_BLOCKING:
            o->common.non_blocking = true;
            break;
        case 'h':
            usage(stdout);
            return 1;
        default:
            usage(stderr);
            return 2;
        }
    }
    int rest = argc - optind;
    if (rest > 2) {
        usage(stderr);
        return 2;
    }
    if (rest >= 1) {
        o->host = argv[optind];
    }
    if (rest == 2) {
        o->port = argv[optind + 1];
    }
    if (o->cert_count != o->key_count) {
        fprintf(stderr, "%s: give one --key for each --cert (%d certificates, %d keys)\n", prog, o->cert_count, o->key_count);
        return 2;
    }
    return tools_check_options(prog, &o->common);
}

/* ---- the ephemeral certificate ---- */

static char *bio_to_string(BIO *bio)
{
    char *data = NULL;
    long len = BIO_get_mem_data(bio, &data);
    if (len <= 0) {
        return NULL;
    }
    char *copy = malloc((size_t) len + 1);
    if (copy != NULL) {
        memcpy(copy, data, (size_t) len);
        copy[len] = '\0';
    }
    return copy;
}

static int add_extension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    if (ext == NULL) {
        return -1;
    }
    int ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    return ok == 1 ? 0 : -1;
}

/*
 * Make a self-signed ECDSA P-256 certificate for localhost / 127.0.0.1.
 * On success *cert_pem and *key_pem are new strings and fingerprint holds
 * the SHA-256 of the DER certificate as "AB:CD:...".
 */
static int make_ephemeral_cert(char **cert_pem, char **key_pem, char fingerprint[32 * 3])
{
    int result = -1;
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *cert = X509_new();
    BIO *cert_bio = BIO_new(BIO_s_mem());
    BIO *key_bio = BIO_new(BIO_s_mem());
    ASN1_INTEGER *serial = ASN1_INTEGER_new();
    *cert_pem = NULL;
    *key_pem = NULL;
    if (key == NULL || cert == NULL || cert_bio == NULL || key_bio == NULL || serial == NULL) {
        goto out;
    }

    uint64_t serial_value = 0;
    if (RAND_bytes((unsigned char *) &serial_value, sizeof(serial_value)) != 1) {
        goto out;
    }
    serial_value = (serial_value >> 1) | 1; /* positive, non-zero */
    if (ASN1_INTEGER_set_uint64(serial, serial_value) != 1 || X509_set_serialNumber(cert, serial) != 1) {
        goto out;
    }
    if (X509_set_version(cert, 2) != 1 || X509_gmtime_adj(X509_getm_notBefore(cert), -3600) == NULL
            || X509_gmtime_adj(X509_getm_notAfter(cert), 30L * 24 * 3600) == NULL || X509_set_pubkey(cert, key) != 1) {
        goto out;
    }
    X509_NAME *name = X509_get_subject_name(cert);
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, (const unsigned char *) "libs2n s2nd ephemeral", -1, -1, 0) != 1
            || X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *) "localhost", -1, -1, 0) != 1
            || X509_set_issuer_name(cert, name) != 1) {
        goto out;
    }
    if (add_extension(cert, NID_basic_constraints, "critical,CA:FALSE") < 0
            || add_extension(cert, NID_key_usage, "critical,digitalSignature") < 0
            || add_extension(cert, NID_ext_key_usage, "serverAuth") < 0
            || add_extension(cert, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1") < 0) {
        goto out;
    }
    if (X509_sign(cert, key, EVP_sha256()) <= 0) {
        goto out;
    }

    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (X509_digest(cert, EVP_sha256(), md, &md_len) != 1 || md_len != 32) {
        goto out;
    }
    for (unsigned int i = 0; i < md_len; i++) {
        snprintf(fingerprint + 3 * i, 4, "%02X%s", md[i], i + 1 < md_len ? ":" : "");
    }

    if (PEM_write_bio_X509(cert_bio, cert) != 1 || PEM_write_bio_PrivateKey(key_bio, key, NULL, NULL, 0, NULL, NULL) != 1) {
        goto out;
    }
    *cert_pem = bio_to_string(cert_bio);
    *key_pem = bio_to_string(key_bio);
    if (*cert_pem == NULL || *key_pem == NULL) {
        free(*cert_pem);
        if (*key_pem != NULL) {
            OPENSSL_cleanse(*key_pem, strlen(*key_pem));
            free(*key_pem);
        }
        *cert_pem = NULL;
        *key_pem = NULL;
        goto out;
    }
    result = 0;

out:
    ASN1_INTEGER_free(serial);
    BIO_free(cert_bio);
    BIO_free(key_bio);
    X509_free(cert);
    EVP_PKEY_free(key);
    return result;
}

/* ---- configuration ---- */

struct server_state {
    struct s2n_config *config;
    struct s2n_cert_chain_and_key *chains[MAX_CERTS];
    int chain_count;
    struct tools_key_log key_log;
};

static int add_chain(struct server_state *st, const char *chain_pem, const char *key_pem, const char *label)
{
    struct s2n_cert_chain_and_key *chain = s2n_cert_chain_and_key_new();
    if (chain == NULL) {
        tools_print_s2n_error(NULL, "Error creating certificate chain");
        return -1;
    }
    st->chains[st->chain_count++] = chain;
    if (s2n_cert_chain_and_key_load_pem(chain, chain_pem, key_pem) != S2N_SUCCESS) {
        fprintf(stderr, "%s: cannot load certificate %s\n", prog, label);
        tools_print_s2n_error(NULL, "Error loading certificate/key");
        return -1;
    }
    if (s2n_config_add_cert_chain_and_key_to_store(st->config, chain) != S2N_SUCCESS) {
        fprintf(stderr, "%s: cannot use certificate %s\n", prog, label);
        tools_print_s2n_error(NULL, "Error adding certificate/key");
        return -1;
    }
    return 0;
}

static int setup_certificates(struct server_state *st, const struct server_options *o)
{
    if (o->cert_count == 0) {
        char *cert_pem = NULL, *key_pem = NULL;
        char fingerprint[32 * 3];
        if (make_ephemeral_cert(&cert_pem, &key_pem, fingerprint) < 0) {
            fprintf(stderr, "%s: cannot make the ephemeral certificate\n", prog);
            return -1;
        }
        int rc = add_chain(st, cert_pem, key_pem, "(ephemeral)");
        free(cert_pem);
        OPENSSL_cleanse(key_pem, strlen(key_pem));
        free(key_pem);
        if (rc == 0) {
            printf("Ephemeral certificate SHA-256 fingerprint: %s\n", fingerprint);
        }
        return rc;
    }
    for (int i = 0; i < o->cert_count; i++) {
        size_t key_len = 0;
        char *cert_pem = tools_read_file(prog, o->cert_paths[i], NULL);
        char *key_pem = cert_pem ? tools_read_file(prog, o->key_paths[i], &key_len) : NULL;
        int rc = (cert_pem && key_pem) ? add_chain(st, cert_pem, key_pem, o->cert_paths[i]) : -1;
        free(cert_pem);
        if (key_pem != NULL) {
            OPENSSL_cleanse(key_pem, key_len);
            free(key_pem);
        }
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

static int setup_config(struct server_state *st, const struct server_options *o)
{
    st->config = s2n_config_new_minimal();
    if (st->config == NULL) {
        tools_print_s2n_error(NULL, "Error creating config");
        return -1;
    }
    if (tools_config_set_policy(st->config, o->common.policy) < 0 || setup_certificates(st, o) < 0
            || tools_config_apply(prog, st->config, &o->common, &st->key_log) < 0) {
        return -1;
    }
    return 0;
}

static void free_state(struct server_state *st)
{
    if (st->config != NULL && s2n_config_free(st->config) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error freeing configuration");
    }
    for (int i = 0; i < st->chain_count; i++) {
        s2n_cert_chain_and_key_free(st->chains[i]);
    }
    tools_key_log_close(&st->key_log);
}

/* ---- listening ---- */

static int listen_on(const char *host, const char *port, unsigned *bound_port)
{
    int fd = tools_open_socket(prog, host, port, TOOLS_LISTEN);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname(fd, (struct sockaddr *) &ss, &len) == 0) {
        if (ss.ss_family == AF_INET) {
            *bound_port = ntohs(((struct sockaddr_in *) &ss)->sin_port);
        } else if (ss.ss_family == AF_INET6) {
            *bound_port = ntohs(((struct sockaddr_in6 *) &ss)->sin6_port);
        }
    }
    return fd;
}

/* ---- one connection ---- */

static bool stdin_eof = false;

/* Receive one HTTP request (up to the blank line).  0 on success. */
static int read_http_request(struct s2n_connection *conn, int fd)
{
    char req[8192];
    size_t len = 0;
    while (len < sizeof(req) - 1) {
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        ssize_t r = s2n_recv(conn, req + len, (ssize_t) (sizeof(req) - 1 - len), &blocked);
        if (r > 0) {
            len += (size_t) r;
            req[len] = '\0';
            if (strstr(req, "\r\n\r\n") != NULL || strstr(req, "\n\n") != NULL) {
                return 0;
            }
            continue;
        }
        if (r == 0) {
            printf("Connection closed by peer\n");
            return -1;
        }
        if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
            tools_print_s2n_error(conn, "Error reading from connection");
            return -1;
        }
        struct pollfd pfd = { .fd = fd, .events = blocked == S2N_BLOCKED_ON_WRITE ? POLLOUT : POLLIN };
        poll(&pfd, 1, -1);
    }
    return 0; /* an oversized request still gets the page */
}

static int serve_https(struct s2n_connection *conn, int fd)
{
    if (read_http_request(conn, fd) < 0) {
        return TOOLS_FAILED;
    }
    char body[1024];
    int body_len = snprintf(body, sizeof(body),
            "<html><head><title>libs2n</title></head><body>\n"
            "<h1>Hello from libs2n s2nd</h1>\n"
            "<p>Protocol version: %d</p>\n"
            "<p>Cipher: %s</p>\n"
            "</body></html>\n",
            s2n_connection_get_actual_protocol_version(conn), s2n_connection_get_cipher(conn));
    char page[2048];
    int page_len = snprintf(page, sizeof(page),
            "HTTP/1.0 200 OK\r\n"
            "Content-Type: text/html\r\n"
            "Content-Length: %d\r\n"
            "Connection: close\r\n"
            "\r\n"
            "%s",
            body_len, body);
    if (tools_send_all(conn, fd, (const uint8_t *) page, (size_t) page_len) != TOOLS_OK) {
        return TOOLS_FAILED;
    }
    return tools_shutdown(conn, fd);
}

static int serve_connection(struct s2n_connection *conn, struct server_state *st, const struct server_options *o, int fd)
{
    if (tools_connection_attach(conn, st->config, fd) != TOOLS_OK) {
        return TOOLS_FAILED;
    }
    if (o->self_service_blinding && s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting blinding");
        return TOOLS_FAILED;
    }
    if (tools_connection_tune(prog, conn, fd, &o->common) != TOOLS_OK
            || tools_handshake(conn, fd, -1, o->self_service_blinding) != TOOLS_OK) {
        return TOOLS_FAILED;
    }

    switch (o->mode) {
    case MODE_HTTPS:
        return serve_https(conn, fd);
    case MODE_NEGOTIATE_ONLY:
        return tools_shutdown(conn, fd);
    case MODE_ECHO:
        break;
    }
    struct tools_echo_config echo_cfg = { .close_on_stdin_eof = false, .stdin_eof = &stdin_eof };
    return tools_echo(conn, fd, &echo_cfg);
}

/* Accept one connection; -1 only on a listening-socket failure worth stopping for. */
static int accept_one(int listen_fd)
{
    for (;;) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd >= 0) {
            return fd;
        }
        if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO || errno == EMFILE || errno == ENFILE
                || errno == ENOBUFS || errno == ENOMEM) {
            if (errno != EINTR && errno != ECONNABORTED) {
                fprintf(stderr, "%s: accept: %s\n", prog, strerror(errno));
                usleep(100000);
            }
            continue;
        }
        fprintf(stderr, "%s: accept: %s\n", prog, strerror(errno));
        return -1;
    }
}

int main(int argc, char **argv)
{
    tools_setup_process();

    struct server_options o;
    memset(&o, 0, sizeof(o));
    o.common.policy = "default";
    o.host = "127.0.0.1";
    o.port = "8443";
    o.mode = MODE_ECHO;
    int early_exit = tools_start(parse_options(argc, argv, &o));
    if (early_exit >= 0) {
        return early_exit;
    }

    int exit_code = 1;
    int listen_fd = -1;
    struct s2n_connection *conn = NULL;
    struct server_state st;
    memset(&st, 0, sizeof(st));
    if (setup_config(&st, &o) < 0) {
        goto out;
    }

    unsigned bound_port = 0;
    listen_fd = listen_on(o.host, o.port, &bound_port);
    if (listen_fd < 0) {
        goto out;
    }
    if (o.parallelize) {
        /* Children are never waited for. */
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = SIG_IGN;
        sa.sa_flags = SA_NOCLDWAIT;
        sigaction(SIGCHLD, &sa, NULL);
    }
    printf("Listening on %s:%u\n", o.host, bound_port);
    fflush(stdout);

    long served = 0;
    int failures_in_a_row = 0;
    bool any_failed = false;
    while (o.max_conns == 0 || served < o.max_conns) {
        int fd = accept_one(listen_fd);
        if (fd < 0) {
            goto out;
        }
        served++;

        if (o.parallelize) {
            fflush(stdout);
            pid_t pid = fork();
            if (pid < 0) {
                fprintf(stderr, "%s: fork: %s\n", prog, strerror(errno));
                close(fd);
                continue;
            }
            if (pid > 0) {
                close(fd);
                continue;
            }
            close(listen_fd);
            listen_fd = -1;
            conn = s2n_connection_new(S2N_SERVER);
            int rc = conn ? serve_connection(conn, &st, &o, fd) : TOOLS_FAILED;
            close(fd);
            exit_code = rc == TOOLS_OK ? 0 : 1;
            goto out;
        }

        if (conn == NULL) {
            conn = s2n_connection_new(S2N_SERVER);
            if (conn == NULL) {
                tools_print_s2n_error(NULL, "Error creating connection");
                close(fd);
                if (++failures_in_a_row > 100) {
                    goto out;
                }
                continue;
            }
        }
        int rc = serve_connection(conn, &st, &o, fd);
        fflush(stdout);
        close(fd);
        failures_in_a_row = 0;
        if (s2n_connection_wipe(conn) != S2N_SUCCESS) {
            /* Start the next connection from a fresh object. */
            s2n_connection_free(conn);
            conn = NULL;
        }
        if (rc != TOOLS_OK) {
            any_failed = true; /* a failed connection never stops the server */
        }
    }
    /* Only reached with -X: report whether every connection succeeded. */
    exit_code = any_failed ? 1 : 0;

out:
    fflush(stdout);
    if (conn != NULL && s2n_connection_free(conn) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error freeing connection");
    }
    if (listen_fd >= 0) {
        close(listen_fd);
    }
    free_state(&st);
    s2n_cleanup_final();
    return exit_code;
}
