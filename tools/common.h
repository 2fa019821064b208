/*
 * tools/common.h: helpers shared by the reference tools s2nd and s2nc.
 *
 * Everything here sits on the public API (<s2n.h>) and plain POSIX: the
 * handshake and shutdown loops, the stdout report of a negotiated
 * connection, the stdin <-> connection echo loop, key logging and small
 * file / option helpers.
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

/* Per-process setup: line-buffered stdout, SIGPIPE ignored. */
void tools_setup_process(void);

/*
 * Report an option this build cannot honour (its API is not in libs2n yet)
 * on stderr.  Returns the exit code to use (1).
 */
int tools_unsupported_option(const char *prog, const char *option);

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
