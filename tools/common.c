/*
 * tools/common.c: helpers shared by the reference tools s2nd and s2nc
 * (the shared options, config / connection / socket set-up, handshake /
 * shutdown / echo loops over the public API, the stdout connection report,
 * key logging, small parsing helpers).
 */
#define _GNU_SOURCE
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

void tools_setup_process(void)
{
    /* Scripts read our stdout through pipes: one line at a time. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* A vanished peer or reader must surface as EPIPE, not kill us. */
    signal(SIGPIPE, SIG_IGN);
}

/* The options both tools reject (their APIs are not in libs2n yet). */
static const struct tools_unsupported tools_common_unsupported[] = {
    { 'P', "-P/--psk (external PSKs)" },
    { 'C', "-C/--corked-io" },
    { TOOLS_OPT_SERIALIZE_OUT, "--serialize-out (connection serialization)" },
    { TOOLS_OPT_DESERIALIZE_IN, "--deserialize-in (connection serialization)" },
    { TOOLS_OPT_BUFFERED_SEND, "--buffered-send" },
    { 0, NULL },
};

static const char *tools_find_unsupported(const struct tools_unsupported *list, int c)
{
    for (; list != NULL && list->what != NULL; list++) {
        if (list->code == c) {
            return list->what;
        }
    }
    return NULL;
}

/* tools_parse_common_option(): c is not one of the options it handles. */
#define TOOLS_OPT_UNHANDLED (-3)

/*
 * Handle one getopt result as tools_getopt() describes.  Returns
 * TOOLS_OPT_UNHANDLED when c is not one of its options, 0 when it is done
 * with it, TOOLS_OPT_REJECTED after reporting a rejected option.
 */
static int tools_parse_common_option(const char *prog, int c, const char *arg, struct tools_options *o,
        const struct tools_unsupported *unsupported)
{
    switch (c) {
    case 'c':
        o->policy = arg;
        return 0;
    case 'd':
        o->ca_dir = arg;
        return 0;
    case 'i':
        o->insecure = true;
        return 0;
    case 'T':
        o->no_tickets = true;
        return 0;
    case 'L':
        o->key_log = arg;
        return 0;
    case TOOLS_OPT_PREFER_LOW_LATENCY:
        o->prefer_low_latency = true;
        return 0;
    case TOOLS_OPT_PREFER_THROUGHPUT:
        o->prefer_throughput = true;
        return 0;
    case TOOLS_OPT_TLS13:
        return 0;
    default:
        break;
    }
    const char *what = tools_find_unsupported(tools_common_unsupported, c);
    if (what == NULL) {
        what = tools_find_unsupported(unsupported, c);
    }
    if (what == NULL) {
        return TOOLS_OPT_UNHANDLED;
    }
    fprintf(stderr, "%s: option %s is not supported by this build (libs2n does not implement it yet)\n", prog, what);
    return TOOLS_OPT_REJECTED;
}

int tools_getopt(const char *prog, int argc, char **argv, const char *shortopts, const struct option *longopts,
        struct tools_options *o, const struct tools_unsupported *unsupported)
{
    for (;;) {
        int c = getopt_long(argc, argv, shortopts, longopts, NULL);
        int handled = tools_parse_common_option(prog, c, optarg, o, unsupported);
        if (handled != 0) {
            return handled == TOOLS_OPT_UNHANDLED ? c : handled;
        }
    }
}

int tools_start(int parsed)
{
    if (parsed != 0) {
        return parsed - 1;
    }
    if (s2n_init() != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error initializing libs2n");
        return 1;
    }
    return -1;
}

int tools_check_options(const char *prog, const struct tools_options *o)
{
    if (o->prefer_low_latency && o->prefer_throughput) {
        fprintf(stderr, "%s: --prefer-low-latency and --prefer-throughput exclude each other\n", prog);
        return 2;
    }
    return 0;
}

char *tools_read_file(const char *prog, const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        if (cap - len < 2) {
            char *bigger = (cap > SIZE_MAX / 2) ? NULL : realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    if (buf == NULL || ferror(f)) {
        fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, buf == NULL ? "out of memory" : strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[len] = '\0';
    if (len_out != NULL) {
        *len_out = len;
    }
    return buf;
}

int tools_parse_alpn(const char *prog, const char *list, char **storage, const char *protos[TOOLS_MAX_ALPN])
{
    *storage = strdup(list);
    if (*storage == NULL) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return -1;
    }
    int count = 0;
    char *p = *storage;
    for (;;) {
        char *comma = strchr(p, ',');
        if (comma != NULL) {
            *comma = '\0';
        }
        size_t n = strlen(p);
        if (n == 0 || n > 255) {
            fprintf(stderr, "%s: bad ALPN list '%s': each protocol must be 1 to 255 bytes\n", prog, list);
            goto fail;
        }
        if (count == TOOLS_MAX_ALPN) {
            fprintf(stderr, "%s: bad ALPN list '%s': more than %d protocols\n", prog, list, TOOLS_MAX_ALPN);
            goto fail;
        }
        protos[count++] = p;
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    return count;

fail:
    free(*storage);
    *storage = NULL;
    return -1;
}

long tools_parse_uint(const char *text, long max)
{
    if (text == NULL || *text < '0' || *text > '9') {
        return -1;
    }
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < 0 || v > max) {
        return -1;
    }
    return v;
}

static int tools_key_log_cb(void *ctx, struct s2n_connection *conn, uint8_t *logline, size_t len)
{
    FILE *f = ctx;
    (void) conn;
    if (fwrite(logline, 1, len, f) != len || fputc('\n', f) == EOF || fflush(f) != 0) {
        return -1;
    }
    return 0;
}

int tools_key_log_open(const char *prog, struct tools_key_log *log, const char *path, struct s2n_config *config)
{
    FILE *f = fopen(path, "a");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot open key log %s: %s\n", prog, path, strerror(errno));
        return -1;
    }
    if (s2n_config_set_key_log_cb(config, tools_key_log_cb, f) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error setting key log callback");
        fclose(f);
        return -1;
    }
    log->file = f;
    return 0;
}

void tools_key_log_close(struct tools_key_log *log)
{
    if (log->file != NULL) {
        fclose(log->file);
        log->file = NULL;
    }
}

int tools_set_nonblocking(int fd, bool nonblocking)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        return -1;
    }
    int wanted = nonblocking ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    if (wanted != flags && fcntl(fd, F_SETFL, wanted) < 0) {
        return -1;
    }
    return 0;
}

int tools_open_socket(const char *prog, const char *host, const char *port, enum tools_socket_use use)
{
    struct addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = use == TOOLS_LISTEN ? AI_PASSIVE : 0;
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "%s: cannot resolve %s:%s: %s\n", prog, host, port, gai_strerror(rc));
        return -1;
    }
    int fd = -1;
    int last_errno = 0;
    for (struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            last_errno = errno;
            continue;
        }
        if (use == TOOLS_LISTEN) {
            int one = 1;
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 64) == 0) {
                break;
            }
        } else {
            int r;
            do {
                r = connect(fd, ai->ai_addr, ai->ai_addrlen);
            } while (r < 0 && errno == EINTR);
            if (r == 0) {
                break;
            }
        }
        last_errno = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot %s %s:%s: %s\n", prog, use == TOOLS_LISTEN ? "listen on" : "connect to", host, port,
                strerror(last_errno));
    }
    return fd;
}

static bool tools_is_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    return flags >= 0 && (flags & O_NONBLOCK);
}

void tools_print_s2n_error(struct s2n_connection *conn, const char *what)
{
    int saved_errno = errno;
    int err = s2n_errno;
    fprintf(stderr, "%s: '%s'. %s\n", what, s2n_strerror(err, "EN"), s2n_strerror_debug(err, "EN"));
    if (s2n_error_get_type(err) == S2N_ERR_T_IO && saved_errno != 0) {
        fprintf(stderr, "System error: %s\n", strerror(saved_errno));
    }
    if (conn != NULL) {
        int alert = s2n_connection_get_alert(conn);
        if (alert >= 0) {
            fprintf(stderr, "Alert: %d\n", alert);
        }
    }
    s2n_errno = err;
    errno = saved_errno;
}

int tools_config_set_policy(struct s2n_config *config, const char *policy)
{
    if (s2n_config_set_cipher_preferences(config, policy) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error setting cipher preferences");
        return -1;
    }
    if (s2n_config_set_max_blinding_delay(config, 0) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error setting blinding delay");
        return -1;
    }
    return 0;
}

int tools_config_apply(const char *prog, struct s2n_config *config, const struct tools_options *o,
        struct tools_key_log *key_log)
{
    if ((o->ca_file != NULL || o->ca_dir != NULL)
            && s2n_config_set_verification_ca_location(config, o->ca_file, o->ca_dir) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error setting CA file for trust store");
        return -1;
    }
    if (o->insecure && s2n_config_disable_x509_verification(config) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error disabling X.509 validation");
        return -1;
    }
    if (o->alpn != NULL) {
        char *storage = NULL;
        const char *protos[TOOLS_MAX_ALPN];
        int n = tools_parse_alpn(prog, o->alpn, &storage, protos);
        if (n < 0) {
            return -1;
        }
        int rc = s2n_config_set_protocol_preferences(config, protos, n);
        free(storage);
        if (rc != S2N_SUCCESS) {
            tools_print_s2n_error(NULL, "Error setting ALPN preferences");
            return -1;
        }
    }
    if (o->no_tickets && s2n_config_set_session_tickets_onoff(config, 0) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error disabling session tickets");
        return -1;
    }
    if (o->key_log != NULL && tools_key_log_open(prog, key_log, o->key_log, config) < 0) {
        return -1;
    }
    return 0;
}

int tools_connection_attach(struct s2n_connection *conn, struct s2n_config *config, int fd)
{
    if (s2n_connection_set_config(conn, config) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting configuration");
        return TOOLS_FAILED;
    }
    if (s2n_connection_set_fd(conn, fd) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting file descriptor");
        return TOOLS_FAILED;
    }
    return TOOLS_OK;
}

int tools_connection_tune(const char *prog, struct s2n_connection *conn, int fd, const struct tools_options *o)
{
    if (o->prefer_low_latency && s2n_connection_prefer_low_latency(conn) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting low latency");
        return TOOLS_FAILED;
    }
    if (o->prefer_throughput && s2n_connection_prefer_throughput(conn) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting throughput");
        return TOOLS_FAILED;
    }
    if (o->non_blocking && tools_set_nonblocking(fd, true) < 0) {
        fprintf(stderr, "%s: cannot make the socket non-blocking: %s\n", prog, strerror(errno));
        return TOOLS_FAILED;
    }
    return TOOLS_OK;
}

static int64_t tools_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Wait until fd is ready for what a blocked call needs.  deadline_ms < 0:
 * no limit.  Returns 0 when ready (or nothing to wait for), 1 on timeout,
 * -1 on a poll error.
 */
static int tools_wait(int fd, s2n_blocked_status blocked, int64_t deadline_ms)
{
    struct pollfd pfd = { .fd = fd, .events = 0 };
    switch (blocked) {
    case S2N_BLOCKED_ON_READ:
        pfd.events = POLLIN;
        break;
    case S2N_BLOCKED_ON_WRITE:
        pfd.events = POLLOUT;
        break;
    default:
        /* Waiting on the application (no callbacks in the tools): back off briefly. */
        poll(NULL, 0, 1);
        return 0;
    }
    for (;;) {
        int timeout = -1;
        if (deadline_ms >= 0) {
            int64_t left = deadline_ms - tools_now_ms();
            if (left <= 0) {
                return 1;
            }
            timeout = left > INT_MAX ? INT_MAX : (int) left;
        }
        int n = poll(&pfd, 1, timeout);
        if (n > 0) {
            return 0;
        }
        if (n == 0) {
            return 1;
        }
        if (errno != EINTR) {
            fprintf(stderr, "poll failed: %s\n", strerror(errno));
            return -1;
        }
    }
}

int tools_negotiate(struct s2n_connection *conn, int fd, int timeout_ms)
{
    int64_t deadline = timeout_ms < 0 ? -1 : tools_now_ms() + timeout_ms;
    /* A deadline needs a socket that never blocks inside the library. */
    bool restore_blocking = false;
    if (timeout_ms >= 0 && !tools_is_nonblocking(fd)) {
        if (tools_set_nonblocking(fd, true) < 0) {
            fprintf(stderr, "Failed to make the socket non-blocking: %s\n", strerror(errno));
            return TOOLS_FAILED;
        }
        restore_blocking = true;
    }

    int result = TOOLS_FAILED;
    for (;;) {
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        if (s2n_negotiate(conn, &blocked) == S2N_SUCCESS) {
            result = TOOLS_OK;
            break;
        }
        if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
            tools_print_s2n_error(conn, "Failed to negotiate");
            break;
        }
        int w = tools_wait(fd, blocked, deadline);
        if (w == 1) {
            fprintf(stderr, "Failed to negotiate: handshake timed out after %d ms\n", timeout_ms);
            break;
        }
        if (w < 0) {
            break;
        }
    }

    if (restore_blocking && tools_set_nonblocking(fd, false) < 0) {
        fprintf(stderr, "Failed to restore the socket's blocking mode: %s\n", strerror(errno));
        result = TOOLS_FAILED;
    }
    return result;
}

static const char *tools_sig_alg_name(s2n_tls_signature_algorithm alg)
{
    switch (alg) {
    case S2N_TLS_SIGNATURE_ANONYMOUS:
        return "None";
    case S2N_TLS_SIGNATURE_RSA:
        return "RSA";
    case S2N_TLS_SIGNATURE_ECDSA:
        return "ECDSA";
    case S2N_TLS_SIGNATURE_MLDSA:
        return "MLDSA";
    case S2N_TLS_SIGNATURE_RSA_PSS_RSAE:
        return "RSA-PSS-RSAE";
    case S2N_TLS_SIGNATURE_RSA_PSS_PSS:
        return "RSA-PSS-PSS";
    }
    return "UNKNOWN";
}

static const char *tools_hash_alg_name(s2n_tls_hash_algorithm alg)
{
    switch (alg) {
    case S2N_TLS_HASH_NONE:
        return "None";
    case S2N_TLS_HASH_MD5:
        return "MD5";
    case S2N_TLS_HASH_SHA1:
        return "SHA1";
    case S2N_TLS_HASH_SHA224:
        return "SHA224";
    case S2N_TLS_HASH_SHA256:
        return "SHA256";
    case S2N_TLS_HASH_SHA384:
        return "SHA384";
    case S2N_TLS_HASH_SHA512:
        return "SHA512";
    case S2N_TLS_HASH_MD5_SHA1:
        return "MD5_SHA1";
    }
    return "UNKNOWN";
}

void tools_print_connection_info(struct s2n_connection *conn)
{
    printf("CONNECTED:\n");
    const char *handshake = s2n_connection_get_handshake_type_name(conn);
    printf("Handshake: %s\n", handshake ? handshake : "UNKNOWN");
    printf("Client hello version: %d\n", s2n_connection_get_client_hello_version(conn));
    printf("Client protocol version: %d\n", s2n_connection_get_client_protocol_version(conn));
    printf("Server protocol version: %d\n", s2n_connection_get_server_protocol_version(conn));
    printf("Actual protocol version: %d\n", s2n_connection_get_actual_protocol_version(conn));

    const char *server_name = s2n_get_server_name(conn);
    if (server_name != NULL) {
        printf("Server name: %s\n", server_name);
    }
    const char *alpn = s2n_get_application_protocol(conn);
    if (alpn != NULL) {
        printf("Application protocol: %s\n", alpn);
    }

    const char *kem_group = s2n_connection_get_kem_group_name(conn);
    if (kem_group != NULL && strcmp(kem_group, "NONE") != 0) {
        printf("KEM Group: %s\n", kem_group);
    } else {
        const char *curve = s2n_connection_get_curve(conn);
        printf("Curve: %s\n", curve ? curve : "NONE");
    }

    const char *cipher = s2n_connection_get_cipher(conn);
    printf("Cipher negotiated: %s\n", cipher ? cipher : "TLS_NULL_WITH_NULL_NULL");

    s2n_tls_signature_algorithm sig = S2N_TLS_SIGNATURE_ANONYMOUS;
    s2n_tls_hash_algorithm hash = S2N_TLS_HASH_NONE;
    if (s2n_connection_get_selected_signature_algorithm(conn, &sig) == S2N_SUCCESS
            && s2n_connection_get_selected_digest_algorithm(conn, &hash) == S2N_SUCCESS) {
        printf("Server signature negotiated: %s+%s\n", tools_sig_alg_name(sig), tools_hash_alg_name(hash));
    }
    sig = S2N_TLS_SIGNATURE_ANONYMOUS;
    hash = S2N_TLS_HASH_NONE;
    if (s2n_connection_get_selected_client_cert_signature_algorithm(conn, &sig) == S2N_SUCCESS
            && s2n_connection_get_selected_client_cert_digest_algorithm(conn, &hash) == S2N_SUCCESS
            && sig != S2N_TLS_SIGNATURE_ANONYMOUS) {
        printf("Client signature negotiated: %s+%s\n", tools_sig_alg_name(sig), tools_hash_alg_name(hash));
    }
    fflush(stdout);
}

/* After a failed handshake: wait out self-service blinding, flush the queued alert. */
static void tools_close_after_failure(struct s2n_connection *conn, int fd, bool self_service_blinding)
{
    if (self_service_blinding) {
        uint64_t delay_ns = s2n_connection_get_delay(conn);
        if (delay_ns > 0 && delay_ns != UINT64_MAX) {
            struct timespec ts = { .tv_sec = (time_t) (delay_ns / 1000000000ULL), .tv_nsec = (long) (delay_ns % 1000000000ULL) };
            while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
            }
        }
    }
    tools_set_nonblocking(fd, true);
    for (int i = 0; i < 100; i++) {
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        if (s2n_shutdown(conn, &blocked) == S2N_SUCCESS || s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED
                || blocked != S2N_BLOCKED_ON_WRITE) {
            return;
        }
        usleep(10000);
    }
}

int tools_handshake(struct s2n_connection *conn, int fd, int timeout_ms, bool self_service_blinding)
{
    if (tools_negotiate(conn, fd, timeout_ms) != TOOLS_OK) {
        tools_close_after_failure(conn, fd, self_service_blinding);
        return TOOLS_FAILED;
    }
    tools_print_connection_info(conn);
    printf("s2n is ready\n");
    fflush(stdout);
    return TOOLS_OK;
}

int tools_send_all(struct s2n_connection *conn, int fd, const uint8_t *buf, size_t len)
{
    size_t off = 0;
    while (off < len) {
        size_t chunk = len - off;
        if (chunk > (size_t) SSIZE_MAX) {
            chunk = (size_t) SSIZE_MAX;
        }
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        ssize_t w = s2n_send(conn, buf + off, (ssize_t) chunk, &blocked);
        if (w > 0) {
            off += (size_t) w;
            continue;
        }
        if (w < 0 && s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
            tools_print_s2n_error(conn, "Error writing to connection");
            return TOOLS_FAILED;
        }
        if (tools_wait(fd, w < 0 ? blocked : S2N_BLOCKED_ON_WRITE, -1) < 0) {
            return TOOLS_FAILED;
        }
    }
    return TOOLS_OK;
}

int tools_send_file(const char *prog, struct s2n_connection *conn, int fd, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
        return TOOLS_FAILED;
    }
    uint8_t *buf = malloc(TOOLS_IO_BUFSIZE);
    int result = buf == NULL ? TOOLS_FAILED : TOOLS_OK;
    while (result == TOOLS_OK) {
        size_t got = fread(buf, 1, TOOLS_IO_BUFSIZE, f);
        if (got > 0) {
            result = tools_send_all(conn, fd, buf, got);
        }
        if (got < TOOLS_IO_BUFSIZE) {
            if (ferror(f)) {
                fprintf(stderr, "%s: cannot read %s: %s\n", prog, path, strerror(errno));
                result = TOOLS_FAILED;
            }
            break;
        }
    }
    free(buf);
    fclose(f);
    return result;
}

/* True when a failed shutdown only means the peer already went away. */
static bool tools_peer_gone(int err_type, int sys_errno)
{
    return err_type == S2N_ERR_T_CLOSED || (err_type == S2N_ERR_T_IO && (sys_errno == ECONNRESET || sys_errno == EPIPE));
}

/* s2n_shutdown() (or, send_only, s2n_shutdown_send(): our close_notify only) to completion. */
static int tools_shutdown_loop(struct s2n_connection *conn, int fd, bool send_only)
{
    for (;;) {
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        errno = 0;
        int rc = send_only ? s2n_shutdown_send(conn, &blocked) : s2n_shutdown(conn, &blocked);
        if (rc == S2N_SUCCESS) {
            return TOOLS_OK;
        }
        int sys_errno = errno;
        int type = s2n_error_get_type(s2n_errno);
        if (type == S2N_ERR_T_BLOCKED) {
            if (tools_wait(fd, blocked, -1) < 0) {
                return TOOLS_FAILED;
            }
            continue;
        }
        if (tools_peer_gone(type, sys_errno)) {
            return TOOLS_OK;
        }
        errno = sys_errno;
        tools_print_s2n_error(conn, send_only ? "Failed to send close_notify" : "Failed to shutdown");
        return TOOLS_FAILED;
    }
}

int tools_shutdown(struct s2n_connection *conn, int fd)
{
    return tools_shutdown_loop(conn, fd, false);
}

static int tools_write_stdout(const uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(STDOUT_FILENO, buf, len);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                struct pollfd pfd = { .fd = STDOUT_FILENO, .events = POLLOUT };
                poll(&pfd, 1, -1);
                continue;
            }
            fprintf(stderr, "Error writing to stdout: %s\n", strerror(errno));
            return -1;
        }
        buf += w;
        len -= (size_t) w;
    }
    return 0;
}

/* Outcome of draining the connection. */
enum tools_drain {
    TOOLS_DRAIN_BLOCKED,     /* nothing more to read now */
    TOOLS_DRAIN_PEER_CLOSED, /* close_notify received */
    TOOLS_DRAIN_EOF,         /* transport closed/reset without close_notify */
    TOOLS_DRAIN_FAILED,      /* error (already reported) */
};

/* Read everything available from the (non-blocking) connection into stdout. */
static enum tools_drain tools_drain(struct s2n_connection *conn, uint8_t *buf, bool quiet_eof)
{
    for (;;) {
        s2n_blocked_status blocked = S2N_NOT_BLOCKED;
        errno = 0;
        ssize_t r = s2n_recv(conn, buf, TOOLS_IO_BUFSIZE, &blocked);
        if (r > 0) {
            fflush(stdout);
            if (tools_write_stdout(buf, (size_t) r) < 0) {
                return TOOLS_DRAIN_FAILED;
            }
            continue;
        }
        if (r == 0) {
            return TOOLS_DRAIN_PEER_CLOSED;
        }
        int sys_errno = errno;
        int type = s2n_error_get_type(s2n_errno);
        if (type == S2N_ERR_T_BLOCKED) {
            return TOOLS_DRAIN_BLOCKED;
        }
        if (quiet_eof && tools_peer_gone(type, sys_errno)) {
            return TOOLS_DRAIN_EOF;
        }
        errno = sys_errno;
        tools_print_s2n_error(conn, "Error reading from connection");
        return TOOLS_DRAIN_FAILED;
    }
}

int tools_echo(struct s2n_connection *conn, int fd, const struct tools_echo_config *cfg)
{
    bool was_nonblocking = tools_is_nonblocking(fd);
    if (!was_nonblocking && tools_set_nonblocking(fd, true) < 0) {
        fprintf(stderr, "Failed to make the socket non-blocking: %s\n", strerror(errno));
        return TOOLS_FAILED;
    }

    uint8_t *recv_buf = malloc(TOOLS_IO_BUFSIZE);
    uint8_t *send_buf = malloc(TOOLS_IO_BUFSIZE);
    int result = TOOLS_FAILED;
    size_t pend_off = 0, pend_len = 0;
    s2n_blocked_status send_blocked = S2N_NOT_BLOCKED;
    bool sent_close = false;
    if (recv_buf == NULL || send_buf == NULL) {
        fprintf(stderr, "out of memory\n");
        goto done;
    }

    for (;;) {
        struct pollfd pfd[2];
        nfds_t nfds = 1;
        pfd[0].fd = fd;
        pfd[0].events = POLLIN;
        pfd[0].revents = 0;
        if (pend_off < pend_len && send_blocked == S2N_BLOCKED_ON_WRITE) {
            pfd[0].events |= POLLOUT;
        }
        bool want_stdin = !*cfg->stdin_eof && pend_off == pend_len && !sent_close;
        if (want_stdin) {
            pfd[1].fd = STDIN_FILENO;
            pfd[1].events = POLLIN;
            pfd[1].revents = 0;
            nfds = 2;
        }
        bool buffered = s2n_peek(conn) > 0;
        int n = poll(pfd, nfds, buffered ? 0 : -1);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fprintf(stderr, "poll failed: %s\n", strerror(errno));
            goto done;
        }

        if (buffered || (pfd[0].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
            enum tools_drain d = tools_drain(conn, recv_buf, sent_close);
            if (d == TOOLS_DRAIN_FAILED) {
                goto done;
            }
            if (d == TOOLS_DRAIN_EOF) {
                /* We already said goodbye; the peer just closed the transport. */
                result = TOOLS_OK;
                goto done;
            }
            if (d == TOOLS_DRAIN_PEER_CLOSED) {
                if (!sent_close) {
                    printf("Connection closed by peer\n");
                    fflush(stdout);
                }
                result = tools_shutdown(conn, fd);
                goto done;
            }
        }

        if (want_stdin && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
            ssize_t got = (pfd[1].revents & POLLNVAL) ? 0 : read(STDIN_FILENO, send_buf, TOOLS_IO_BUFSIZE);
            if (got > 0) {
                pend_off = 0;
                pend_len = (size_t) got;
            } else if (got == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) {
                *cfg->stdin_eof = true;
                if (cfg->close_on_stdin_eof) {
                    if (tools_shutdown_loop(conn, fd, true) != TOOLS_OK) {
                        goto done;
                    }
                    sent_close = true;
                }
            }
        }

        while (pend_off < pend_len) {
            s2n_blocked_status blocked = S2N_NOT_BLOCKED;
            ssize_t w = s2n_send(conn, send_buf + pend_off, (ssize_t) (pend_len - pend_off), &blocked);
            if (w > 0) {
                pend_off += (size_t) w;
                continue;
            }
            if (w < 0 && s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
                tools_print_s2n_error(conn, "Error writing to connection");
                goto done;
            }
            send_blocked = w < 0 ? blocked : S2N_BLOCKED_ON_WRITE;
            break;
        }
        if (pend_off == pend_len) {
            pend_off = pend_len = 0;
            send_blocked = S2N_NOT_BLOCKED;
        }
    }

done:
    free(recv_buf);
    free(send_buf);
    if (!was_nonblocking && tools_set_nonblocking(fd, false) < 0) {
        result = TOOLS_FAILED;
    }
    return result;
}
