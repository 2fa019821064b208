/*
 * tools/common.h: helpers shared by the reference tools s2nd and s2nc.
 *
 * Everything here sits on the public API (<s2n.h>) and plain POSIX: the
 * options both tools share and their parsing, the config and connection
 * settings they apply alike, the socket set-up, the handshake and shutdown
 * loops, the stdout report of a negotiated connection, the stdin <->
 * connection echo loop, key logging and small file / option helpers.
 */
#ifndef TOOLS_COMMON_H
#define TOOLS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <s2n.h>

/* Size of the stdin / application-data buffers of the echo loop. */
#define TOOLS_IO_BUFSIZE 16384

/* Most ALPN protocols accepted on a command line. */
#define TOOLS_MAX_ALPN 32

/* Where a loop ended. */
enum tools_status {
    TOOLS_OK = 0,      /* finished cleanly */
    TOOLS_FAILED = 1,  /* failed; the reason is already on stderr */
};

/*
 * getopt codes of the long-only options both tools take; each tool numbers
 * its own long-only options from TOOLS_OPT_NEXT on.
 */
enum {
    TOOLS_OPT_PREFER_LOW_LATENCY = 1000,
    TOOLS_OPT_PREFER_THROUGHPUT,
    TOOLS_OPT_TLS13,
    TOOLS_OPT_SERIALIZE_OUT,
    TOOLS_OPT_DESERIALIZE_IN,
    TOOLS_OPT_BUFFERED_SEND,
    TOOLS_OPT_NEXT,
};

/* The settings both tools take from their command lines and apply alike. */
struct tools_options {
    const char *policy;      /* -c */
    const char *ca_file;     /* s2nc -f, s2nd -t */
    const char *ca_dir;      /* -d */
    bool insecure;           /* -i */
    bool no_tickets;         /* -T */
    const char *alpn;        /* s2nc -a, s2nd -A */
    const char *key_log;     /* -L */
    bool non_blocking;       /* s2nc -B, s2nd --non-blocking */
    bool prefer_low_latency; /* --prefer-low-latency */
    bool prefer_throughput;  /* --prefer-throughput */
};

/* An option this build rejects: its getopt code and its name on stderr. */
struct tools_unsupported {
    int code;
    const char *what;
};

struct option; /* <getopt.h> */

/* tools_getopt(): the option was rejected (already reported); exit 1. */
#define TOOLS_OPT_REJECTED (-2)

/*
 * getopt_long() over argv that handles itself the options both tools treat
 * alike: -c, -d, -i, -T, -L, --prefer-low-latency, --prefer-throughput and
 * --tls13 go into o; the options both reject (-P, -C, --serialize-out,
 * --deserialize-in, --buffered-send) and the tool's own rejected ones listed
 * in `unsupported` (ended by a { 0, NULL } entry) are reported on stderr
 * and returned as TOOLS_OPT_REJECTED.  Returns the next option for the tool
 * itself to handle ('?' for an unknown one), or -1 after the last option.
 */
int tools_getopt(const char *prog, int argc, char **argv, const char *shortopts, const struct option *longopts,
        struct tools_options *o, const struct tools_unsupported *unsupported);

/*
 * Checks of the parsed options that both tools make.  Returns 0, or the
 * exit code + 1 after printing why on stderr.
 */
int tools_check_options(const char *prog, const struct tools_options *o);

/* Per-process setup: line-buffered stdout, SIGPIPE ignored. */
void tools_setup_process(void);

/*
 * Called with what parse_options() returned (0 to go on, or the exit code
 * + 1): returns that exit code when the tool is to exit now; otherwise
 * initializes libs2n and returns -1 to go on (or 1, the exit code, when
 * s2n_init() failed, after printing why).
 */
int tools_start(int parsed);

/*
 * Read a whole file into a new NUL-terminated buffer (free() it).  On
 * failure prints "<prog>: cannot read PATH: reason" and returns NULL.
 */
char *tools_read_file(const char *prog, const char *path, size_t *len_out);

/*
 * Split a comma-separated ALPN list into protos[] (pointers into a copy
 * owned by *storage, which the caller free()s).  Returns the count, or -1
 * after printing an error (empty name, name over 255 bytes, too many).
 */
int tools_parse_alpn(const char *prog, const char *list, char **storage, const char *protos[TOOLS_MAX_ALPN]);

/* Parse a non-negative decimal integer no larger than max; -1 if invalid. */
long tools_parse_uint(const char *text, long max);

/* Key log: open PATH for appending and install it on config. */
struct tools_key_log {
    void *file; /* FILE *, NULL when key logging is off */
};
int tools_key_log_open(const char *prog, struct tools_key_log *log, const char *path, struct s2n_config *config);
void tools_key_log_close(struct tools_key_log *log);

/* Put fd in (or out of) non-blocking mode; -1 on failure. */
int tools_set_nonblocking(int fd, bool nonblocking);

/* What tools_open_socket() does with the address it resolves. */
enum tools_socket_use {
    TOOLS_CONNECT, /* connect to it (s2nc) */
    TOOLS_LISTEN,  /* bind to it with SO_REUSEADDR and listen (s2nd) */
};

/*
 * Resolve host:port and connect to, or listen on, the first address that
 * works.  Returns the socket, or -1 after printing "<prog>: cannot resolve
 * HOST:PORT: ..." or "<prog>: cannot connect to / listen on HOST:PORT: ...".
 */
int tools_open_socket(const char *prog, const char *host, const char *port, enum tools_socket_use use);

/*
 * Set the security policy and turn the library's blinding delay off (the
 * first settings of both tools' configs).  -1 after printing the error.
 */
int tools_config_set_policy(struct s2n_config *config, const char *policy);

/*
 * Apply the rest of o to config: trust anchors (-f/-t, -d), -i, the ALPN
 * list, -T, and the key log (opened into key_log).  -1 after printing the
 * error.
 */
int tools_config_apply(const char *prog, struct s2n_config *config, const struct tools_options *o,
        struct tools_key_log *key_log);

/* Give conn its config and socket.  TOOLS_OK, or TOOLS_FAILED after printing the error. */
int tools_connection_attach(struct s2n_connection *conn, struct s2n_config *config, int fd);

/*
 * Apply o's record-size preference to conn and its non-blocking mode to
 * fd.  TOOLS_OK, or TOOLS_FAILED after printing the error.
 */
int tools_connection_tune(const char *prog, struct s2n_connection *conn, int fd, const struct tools_options *o);

/*
 * Print "<what>: '<s2n_strerror>'. <s2n_strerror_debug>" and, when the peer
 * sent an alert, "Alert: N" on stderr.  Call right after the failing call.
 */
void tools_print_s2n_error(struct s2n_connection *conn, const char *what);

/*
 * Drive s2n_negotiate() to completion, polling fd when the socket is
 * non-blocking.  timeout_ms < 0 means no limit.  On failure prints
 * "Failed to negotiate: ..." (and "Alert: N") and returns TOOLS_FAILED.
 */
int tools_negotiate(struct s2n_connection *conn, int fd, int timeout_ms);

/* Print the CONNECTED: block of TOOLS.md on stdout (not "s2n is ready"). */
void tools_print_connection_info(struct s2n_connection *conn);

/*
 * The handshake as both tools run it: tools_negotiate(), then the
 * CONNECTED: block and "s2n is ready" on stdout.  After a failure it waits
 * out the connection's blinding delay when self_service_blinding is set,
 * quietly flushes the alert the library queued, and returns TOOLS_FAILED.
 */
int tools_handshake(struct s2n_connection *conn, int fd, int timeout_ms, bool self_service_blinding);

/* Send all of buf (polling fd when it would block).  TOOLS_OK or TOOLS_FAILED. */
int tools_send_all(struct s2n_connection *conn, int fd, const uint8_t *buf, size_t len);

/* Send a file's contents over the connection.  TOOLS_OK or TOOLS_FAILED. */
int tools_send_file(const char *prog, struct s2n_connection *conn, int fd, const char *path);

/*
 * s2n_shutdown() to completion.  A peer that just closes the transport
 * (S2N_ERR_T_CLOSED) or resets it (ECONNRESET) counts as success.
 */
int tools_shutdown(struct s2n_connection *conn, int fd);

/* How tools_echo() treats the end of stdin. */
struct tools_echo_config {
    /*
     * true (s2nc): at stdin EOF send close_notify, keep copying what the
     * peer still sends until its close_notify, then finish.
     * false (s2nd): at stdin EOF just stop reading stdin; keep copying the
     * peer's data to stdout until the peer closes.
     */
    bool close_on_stdin_eof;
    /* Set once stdin reached EOF; persists across calls (s2nd). */
    bool *stdin_eof;
};

/*
 * Copy stdin to the connection and the connection to stdout until the
 * exchange ends as described above.  The socket is switched to
 * non-blocking mode for the duration (restored afterwards).  When the peer
 * closes first, prints "Connection closed by peer" and answers with our own
 * close_notify.
 */
int tools_echo(struct s2n_connection *conn, int fd, const struct tools_echo_config *cfg);

#endif /* TOOLS_COMMON_H */
