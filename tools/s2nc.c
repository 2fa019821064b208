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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    OPT_SEND_FILE = TOOLS_OPT_NEXT,
    OPT_TICKET_OUT,
    OPT_TICKET_IN,
    OPT_RENEGOTIATION,
    OPT_NPN,
};

/* s2nc's own rejected options (tools_getopt() knows the shared ones). */
static const struct tools_unsupported unsupported[] = {
    { 's', "-s/--status (OCSP stapling)" },
    { 'm', "-m/--mfl (max fragment length)" },
    { 'l', "-l/--cert (client authentication)" },
    { 'k', "-k/--key (client authentication)" },
    { 'r', "-r/--reconnect (session resumption)" },
    { OPT_TICKET_OUT, "--ticket-out (session tickets)" },
    { OPT_TICKET_IN, "--ticket-in (session tickets)" },
    { 'E', "-E/--early-data" },
    { OPT_RENEGOTIATION, "--renegotiation" },
    { OPT_NPN, "--npn" },
    { 0, NULL },
};

struct client_options {
    struct tools_options common;
    bool echo;
    const char *send_file;
    const char *server_name;
    int timeout_ms;
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
        { "serialize-out", required_argument, NULL, TOOLS_OPT_SERIALIZE_OUT },
        { "deserialize-in", required_argument, NULL, TOOLS_OPT_DESERIALIZE_IN },
        { "renegotiation", required_argument, NULL, OPT_RENEGOTIATION },
        { "npn", no_argument, NULL, OPT_NPN },
        { "buffered-send", required_argument, NULL, TOOLS_OPT_BUFFERED_SEND },
        { "prefer-low-latency", no_argument, NULL, TOOLS_OPT_PREFER_LOW_LATENCY },
        { "prefer-throughput", no_argument, NULL, TOOLS_OPT_PREFER_THROUGHPUT },
        { "tls13", no_argument, NULL, TOOLS_OPT_TLS13 },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    long v;
    while ((c = tools_getopt(prog, argc, argv, "a:c:en:sm:f:d:l:k:irTD:t:CBL:P:E:h", longopts, &o->common, unsupported)) != -1) {
        switch (c) {
        case TOOLS_OPT_REJECTED:
            return 2;
        case 'a':
            o->common.alpn = optarg;
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
            o->common.ca_file = optarg;
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
            o->common.non_blocking = true;
            break;
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
    int checked = tools_check_options(prog, &o->common);
    if (checked != 0) {
        return checked;
    }
    o->host = argv[optind];
    o->port = optind + 1 < argc ? argv[optind + 1] : "443";
    return 0;
}

static struct s2n_config *make_config(const struct tools_options *o, struct tools_key_log *key_log)
{
    bool own_anchors = o->ca_file != NULL || o->ca_dir != NULL;
    struct s2n_config *config = (own_anchors || o->insecure) ? s2n_config_new_minimal() : s2n_config_new();
    if (config == NULL) {
        tools_print_s2n_error(NULL, "Error creating config");
        return NULL;
    }
    if (tools_config_set_policy(config, o->policy) < 0 || tools_config_apply(prog, config, o, key_log) < 0) {
        s2n_config_free(config);
        return NULL;
    }
    return config;
}

int main(int argc, char **argv)
{
    tools_setup_process();

    struct client_options o;
    memset(&o, 0, sizeof(o));
    o.dynamic_threshold = -1;
    o.common.policy = "default";
    o.timeout_ms = -1;
    int early_exit = tools_start(parse_options(argc, argv, &o));
    if (early_exit >= 0) {
        return early_exit;
    }

    int exit_code = 1;
    int fd = -1;
    struct s2n_connection *conn = NULL;
    struct tools_key_log key_log = { 0 };
    struct s2n_config *config = make_config(&o.common, &key_log);
    if (config == NULL) {
        goto out;
    }

    fd = tools_open_socket(prog, o.host, o.port, TOOLS_CONNECT);
    if (fd < 0) {
        goto out;
    }
    printf("Connected to %s:%s\n", o.host, o.port);

    conn = s2n_connection_new(S2N_CLIENT);
    if (conn == NULL) {
        tools_print_s2n_error(NULL, "Error creating connection");
        goto out;
    }
    if (tools_connection_attach(conn, config, fd) != TOOLS_OK) {
        goto out;
    }
    const char *server_name = o.server_name != NULL ? o.server_name : o.host;
    if (s2n_set_server_name(conn, server_name) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting server name");
        goto out;
    }
    if (o.dynamic_threshold >= 0
            && s2n_connection_set_dynamic_record_threshold(conn, (uint32_t) o.dynamic_threshold, 1) != S2N_SUCCESS) {
        tools_print_s2n_error(conn, "Error setting the dynamic record threshold");
        goto out;
    }
    if (tools_connection_tune(prog, conn, fd, &o.common) != TOOLS_OK) {
        goto out;
    }
    if (tools_handshake(conn, fd, o.timeout_ms, false) != TOOLS_OK) {
        goto out;
    }

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
