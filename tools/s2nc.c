/*
 * tools/s2nc.c: the reference TLS client of libs2n.
 *
 *   s2nc [options] host [port]
 *
 * Connects, negotiates, prints what was negotiated (TOOLS.md), then
 * optionally sends a file and/or echoes stdin <-> connection, and closes
 * with close_notify.  Uses only the public API (<s2n.h>).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <s2n.h>

#include "common.h"

static const char *prog = "s2nc";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: s2nc [options] host [port]\n"
            " host: hostname or IP address to connect to\n"
            " port: port to connect to (default 443)\n"
            "\n"
            "Options:\n"
            "  -a, --alpn LIST          comma-separated ALPN protocols to offer\n"
            "  -c, --ciphers POLICY     security policy name (default: default)\n"
            "  -e, --echo               after the handshake copy stdin to the connection and the\n"
            "                           connection to stdout until stdin closes or the peer closes\n"
            "      --send-file PATH     send a file's contents after the handshake\n"
            "  -n, --name NAME          SNI server name, also checked against the certificate (default: host)\n"
            "  -f, --ca-file PATH       PEM file of trusted CA certificates\n"
            "  -d, --ca-dir DIR         hashed directory of trusted CA certificates\n"
            "  -i, --insecure           do not verify the server's certificate\n"
            "  -T, --no-session-ticket  disable session tickets\n"
            "  -t, --timeout SECS       give up on the handshake after SECS seconds\n"
            "  -B, --non-blocking       non-blocking socket with a poll loop\n"
            "  -L, --key-log PATH       append NSS key log lines to PATH\n"
            "      --prefer-low-latency    send records that fit one packet\n"
            "      --prefer-throughput     send records of up to 16 KiB\n"
            "  -D, --dynamic BYTES      send the first BYTES (and again after 1 s idle) in one-packet records\n"
            "      --tls13              accepted and ignored\n"
            "  -h, --help               this text\n"
            "\n"
            "Not yet available in this build (rejected): -s/--status, -m/--mfl, -l/--cert, -k/--key,\n"
            "  -r/--reconnect, --ticket-out, --ticket-in, -C/--corked-io, -P/--psk,\n"
            "  -E/--early-data, --serialize-out, --deserialize-in, --renegotiation, --npn, --buffered-send\n");
}

enum {
    OPT_SEND_FILE = 1000,
    OPT_PREFER_LOW_LATENCY,
    OPT_PREFER_THROUGHPUT,
    OPT_TLS13,
    OPT_TICKET_OUT,
    OPT_TICKET_IN,
    OPT_SERIALIZE_OUT,
    OPT_DESERIALIZE_IN,
    OPT_RENEGOTIATION,
    OPT_NPN,
    OPT_BUFFERED_SEND,
};

struct client_options {
    const char *alpn;
    const char *policy;
    bool echo;
    const char *send_file;
    const char *server_name;
    const char *ca_file;
    const char *ca_dir;
    bool insecure;
    bool no_tickets;
    int timeout_ms;
    bool non_blocking;
    const char *key_log;
    bool prefer_low_latency;
    bool prefer_throughput;
    long dynamic_threshold; /* -D: -1 when not given */
    const char *host;
    const char *port;
};

/* Returns 0 to go on, or an exit code + 1 (so 1 = exit 0, 2 = exit 1). */
static int parse_options(int argc, char **argv, struct client_options *o)
{
    static const struct option longopts[] = {
        { "alpn", required_argument, NULL, 'a' },
        { "ciphers", required_argument, NULL, 'c' },
        { "echo", no_argument, NULL, 'e' },
        { "send-file", required_argument, NULL, OPT_SEND_FILE },
        { "name", required_argument, NULL, 'n' },
        { "status", no_argument, NULL, 's' },
        { "mfl", required_argument, NULL, 'm' },
        { "ca-file", required_argument, NULL, 'f' },
        { "ca-dir", required_argument, NULL, 'd' },
        { "cert", required_argument, NULL, 'l' },
        { "key", required_argument, NULL, 'k' },
        { "insecure", no_argument, NULL, 'i' },
        { "reconnect", no_argument, NULL, 'r' },
        { "ticket-out", required_argument, NULL, OPT_TICKET_OUT },
        { "ticket-in", required_argument, NULL, OPT_TICKET_IN },
        { "no-session-ticket", no_argument, NULL, 'T' },
        { "dynamic", required_argument, NULL, 'D' },
        { "timeout", required_argument, NULL, 't' },
        { "corked-io", no_argument, NULL, 'C' },
        { "non-blocking", no_argument, NULL, 'B' },
        { "key-log", required_argument, NULL, 'L' },
        { "psk", required_argument, NULL, 'P' },
        { "early-data", required_argument, NULL, 'E' },
        { "serialize-out", required_argument, NULL, OPT_SERIALIZE_OUT },
        { "deserialize-in", required_argument, NULL, OPT_DESERIALIZE_IN },
        { "renegotiation", required_argument, NULL, OPT_RENEGOTIATION },
        { "npn", no_argument, NULL, OPT_NPN },
        { "buffered-send", required_argument, NULL, OPT_BUFFERED_SEND },
        { "prefer-low-latency", no_argument, NULL, OPT_PREFER_LOW_LATENCY },
        { "prefer-throughput", no_argument, NULL, OPT_PREFER_THROUGHPUT },
        { "tls13", no_argument, NULL, OPT_TLS13 },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    long v;
    while ((c = getopt_long(argc, argv, "a:c:en:sm:f:d:l:k:irTD:t:CBL:P:E:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'a':
            o->alpn = optarg;
            break;
        case 'c':
            o->policy = optarg;
            break;
        case 'e':
            o->echo = true;
            break;
        case OPT_SEND_FILE:
            o->send_file = optarg;
            break;
        case 'n':
            o->server_name = optarg;
            break;
        case 'f':
            o->ca_file = optarg;
            break;
        case 'd':
            o->ca_dir = optarg;
            break;
        case 'i':
            o->insecure = true;
            break;
        case 'T':
            o->no_tickets = true;
            break;
        case 't':
            v = tools_parse_uint(optarg, 86400);
            if (v <= 0) {
                fprintf(stderr, "%s: bad timeout '%s' (seconds, 1 to 86400)\n", prog, optarg);
                return 2;
            }
            o->timeout_ms = (int) v * 1000;
            break;
        case 'B':
            o->non_blocking = true;
            break;
        case 'L':
            o->key_log = optarg;
            break;
        case OPT_PREFER_LOW_LATENCY:
            o->prefer_low_latency = true;
            break;
        case OPT_PREFER_THROUGHPUT:
            o->prefer_throughput = true;
            break;
        case OPT_TLS13:
            break;
        case 's':
            return 1 + tools_unsupported_option(prog, "-s/--status (OCSP stapling)");
        case 'm':
            return 1 + tools_unsupported_option(prog, "-m/--mfl (max fragment length)");
        case 'l':
            return 1 + tools_unsupported_option(prog, "-l/--cert (client authentication)");
        case 'k':
            return 1 + tools_unsupported_option(prog, "-k/--key (client authentication)");
        case 'r':
            return 1 + tools_unsupported_option(prog, "-r/--reconnect (session resumption)");
        case OPT_TICKET_OUT:
            return 1 + tools_unsupported_option(prog, "--ticket-out (session tickets)");
        case OPT_TICKET_IN:
            return 1 + tools_unsupported_option(prog, "--ticket-in (session tickets)");
        case 'D':
            {
                char *end = NULL;
                errno = 0;
                o->dynamic_threshold = strtol(optarg, &end, 10);
                if (errno || end == optarg || *end || o->dynamic_threshold < 0 || o->dynamic_threshold > 8 * 1024 * 1024) {
                    fprintf(stderr, "%s: -D needs a byte count from 0 to 8388608\n", prog);
                    return 2;
                }
            }
            break;
        case 'C':
            return 1 + tools_unsupported_option(prog, "-C/--corked-io");
        case 'P':
            return 1 + tools_unsupported_option(prog, "-P/--psk (external PSKs)");
        case 'E':
            return 1 + tools_unsupported_option(prog, "-E/--early-data");
        case OPT_SERIALIZE_OUT:
            return 1 + tools_unsupported_option(prog, "--serialize-out (connection serialization)");
        case OPT_DESERIALIZE_IN:
            return 1 + tools_unsupported_option(prog, "--deserialize-in (connection serialization)");
        case OPT_RENEGOTIATION:
            return 1 + tools_unsupported_option(prog, "--renegotiation");
        case OPT_NPN:
            return 1 + tools_unsupported_option(prog, "--npn");
        case OPT_BUFFERED_SEND:
            return 1 + tools_unsupported_option(prog, "--buffered-send");
        case 'h':
            usage(stdout);
            return 1;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind >= argc || argc - optind > 2) {
        usage(stderr);
        return 2;
    }
    if (o->prefer_low_latency && o->prefer_throughput) {
        fprintf(stderr, "%s: --prefer-low-latency and --prefer-throughput exclude each other\n", prog);
        return 2;
    }
    o->host = argv[optind];
    o->port = optind + 1 < argc ? argv[optind + 1] : "443";
    return 0;
}

/* Connect to host:port (any address that answers).  Returns the fd or -1. */
static int connect_to(const char *host, const char *port)
{
    struct addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
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
        int r;
        do {
            r = connect(fd, ai->ai_addr, ai->ai_addrlen);
        } while (r < 0 && errno == EINTR);
        if (r == 0) {
            break;
        }
        last_errno = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot connect to %s:%s: %s\n", prog, host, port, strerror(last_errno));
    }
    return fd;
}

static struct s2n_config *make_config(const struct client_options *o, struct tools_key_log *key_log)
{
    bool own_anchors = o->ca_file != NULL || o->ca_dir != NULL;
    struct s2n_config *config = (own_anchors || o->insecure) ? s2n_config_new_minimal() : s2n_config_new();
    if (config == NULL) {
        tools_print_s2n_error(NULL, "Error creating config");
        return NULL;
    }
    if (s2n_config_set_cipher_preferences(config, o->policy) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error setting cipher preferences");
        goto fail;
    }
    if (s2n_config_set_max_blinding_delay(config, 0) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error setting blinding delay");
        goto fail;
    }
    if (own_anchors && s2n_config_set_verification_ca_location(config, o->ca_file, o->ca_dir) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error setting CA file for trust store");
        goto fail;
    }
    if (o->insecure && s2n_config_disable_x509_verification(config) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error disabling X.509 validation");
        goto fail;
    }
    if (o->alpn != NULL) {
        char *storage = NULL;
        const char *protos[TOOLS_MAX_ALPN];
        int n = tools_parse_alpn(prog, o->alpn, &storage, protos);
        if (n < 0) {
            goto fail;
        }
        int rc = s2n_config_set_protocol_preferences(config, protos, n);
        free(storage);
        if (rc != S2N_SUCCESS) {
            tools_print_s2n_error(NULL, "Error setting ALPN preferences");
            goto fail;
        }
    }
    if (o->no_tickets && s2n_config_set_session_tickets_onoff(config, 0) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error disabling session tickets");
        goto fail;
    }
    if (o->key_log != NULL && tools_key_log_open(prog, key_log, o->key_log, config) < 0) {
        goto fail;
    }
    return config;

fail:
    s2n_config_free(config);
    return NULL;
}

/* After a failed handshake: flush the alert the library queued, quietly. */
static void close_after_failure(struct s2n_connection *conn, int fd)
{
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

int main(int argc, char **argv)
{
    tools_setup_process();

    struct client_options o;
    memset(&o, 0, sizeof(o));
    o.dynamic_threshold = -1;
    o.policy = "default";
    o.timeout_ms = -1;
    int p = parse_options(argc, argv, &o);
    if (p != 0) {
        return p - 1;
    }

    if (s2n_init() != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error initializing libs2n");
        return 1;
    }

    int exit_code = 1;
    int fd = -1;
    struct s2n_connection *conn = NULL;
    struct tools_key_log key_log = { 0 };
    struct s2n_config *config = make_config(&o, &key_log);
    if (config == NULL) {
        goto out;
    }

    fd = connect_to(o.host, o.port);
    if (fd < 0) {
        goto out;
    }
    printf("Connected to %s:%s\n", o.host, o.port);

    conn = s2n_connection_new(S2N_CLIENT);
    if (conn == NULL) {
        tools_print_s2n_error(NULL, "Error creating connection");
        goto out;
    }
    if (s2n_connection_set_config(conn, config) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting configuration");
        goto out;
    }
    if (s2n_connection_set_fd(conn, fd) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting file descriptor");
        goto out;
    }
    const char *server_name = o.server_name != NULL ? o.server_name : o.host;
    if (s2n_set_server_name(conn, server_name) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting server name");
        goto out;
    }
    if (o.prefer_low_latency && s2n_connection_prefer_low_latency(conn) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting low latency");
        goto out;
    }
    if (o.prefer_throughput && s2n_connection_prefer_throughput(conn) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting throughput");
        goto out;
    }
    if (o.dynamic_threshold >= 0
            && s2n_connection_set_dynamic_record_threshold(conn, (uint32_t) o.dynamic_threshold, 1) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting the dynamic record threshold");
        goto out;
    }
    if (o.non_blocking && tools_set_nonblocking(fd, true) < 0) {
        fprintf(stderr, "%s: cannot make the socket non-blocking: %s\n", prog, strerror(errno));
        goto out;
    }

    if (tools_negotiate(conn, fd, o.timeout_ms) != TOOLS_OK) {
        close_after_failure(conn, fd);
        goto out;
    }
    tools_print_connection_info(conn);
    printf("s2n is ready\n");
    fflush(stdout);

    if (o.send_file != NULL && tools_send_file(prog, conn, fd, o.send_file) != TOOLS_OK) {
        goto out;
    }
    if (o.echo) {
        bool stdin_eof = false;
        struct tools_echo_config echo_cfg = { .close_on_stdin_eof = true, .stdin_eof = &stdin_eof };
        if (tools_echo(conn, fd, &echo_cfg) != TOOLS_OK) {
            goto out;
        }
    } else if (tools_shutdown(conn, fd) != TOOLS_OK) {
        goto out;
    }
    exit_code = 0;

out:
    fflush(stdout);
    if (conn != NULL && s2n_connection_free(conn) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error freeing connection");
        exit_code = 1;
    }
    if (fd >= 0) {
        close(fd);
    }
    if (config != NULL && s2n_config_free(config) != S2N_SUCCESS) {
        tools_print_s2n_error(NULL, "Error freeing configuration");
        exit_code = 1;
    }
    tools_key_log_close(&key_log);
    s2n_cleanup_final();
    return exit_code;
}
