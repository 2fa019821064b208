/* Record layer (RFC 8446 section 5) and transport I/O. */
#ifndef S2N_RECORD_H
#define S2N_RECORD_H

#include <sys/uio.h>

#include "tls/s2n_connection.h"

/* Make sure conn->in holds @want unread bytes, reading from the transport.
 * Fails with S2N_ERR_IO_BLOCKED, S2N_ERR_CLOSED (EOF) or S2N_ERR_IO. */
S2N_RESULT s2n_io_fill(struct s2n_connection *conn, uint32_t want);
/* Write all of conn->out.  Fails with S2N_ERR_IO_BLOCKED or S2N_ERR_IO. */
S2N_RESULT s2n_io_flush(struct s2n_connection *conn);
/* Read exactly @len bytes into @dst, however many transport reads it takes;
 * *got counts the bytes that arrived, also when it fails (blocked, closed,
 * I/O error). */
S2N_RESULT s2n_io_read_fully(struct s2n_connection *conn, uint8_t *dst, uint32_t len, uint32_t *got);
/* The same for @count (at most S2N_IO_MAX_PARTS) pieces filled in order:
 * *got counts the bytes that arrived across all of them. */
#define S2N_IO_MAX_PARTS 3
S2N_RESULT s2n_io_read_parts(struct s2n_connection *conn, const struct iovec *parts, int count, uint32_t *got);

/* Read (if needed) and unprotect the next record.  On success
 * conn->in_content_type and conn->in_plain_start/end describe its plaintext;
 * the caller consumes it and calls s2n_record_consumed().  CCS records
 * allowed during a TLS 1.3 handshake are dropped here. */
S2N_RESULT s2n_record_read(struct s2n_connection *conn);
void s2n_record_consumed(struct s2n_connection *conn);
/* s2n_record_read(), except that a TLS 1.3 application-data record that fits
 * in @room bytes is decrypted straight into @dest: then *direct_len is set to
 * its length and no record is left ready (it is left untouched otherwise). */
S2N_RESULT s2n_record_read_into(struct s2n_connection *conn, uint8_t *dest, uint32_t room, uint32_t *direct_len);

/* Protect @len (<= 16384) bytes as one record of @type and queue it in conn->out. */
S2N_RESULT s2n_record_write(struct s2n_connection *conn, uint8_t type, const uint8_t *data, uint32_t len);

/* Install keys for one direction: key and IV derived from a traffic secret. */
S2N_RESULT s2n_record_set_keys(struct s2n_connection *conn, int for_write, const uint8_t *secret);

/* Install TLS 1.2 keys for one direction (key and IV from the key block). */
S2N_RESULT s2n_record_set_tls12_keys(struct s2n_connection *conn, int for_write, const uint8_t *key, const uint8_t *iv);

/* Free both cipher contexts of an idle connection (they are rebuilt from
 * the stored keys on the next record). */
void s2n_record_release_contexts(struct s2n_connection *conn);

/* Queue an alert record (level 2 = fatal, 1 = warning). */
S2N_RESULT s2n_alert_queue(struct s2n_connection *conn, uint8_t level, uint8_t description);
/* Handle a received alert record's plaintext. */
S2N_RESULT s2n_alert_process(struct s2n_connection *conn, const uint8_t *data, uint32_t len);
/* The alert that reports an error code to the peer (0 if none should be sent). */
uint8_t s2n_alert_for_error(int err);

#define S2N_ALERT_CLOSE_NOTIFY 0
#define S2N_ALERT_UNEXPECTED_MESSAGE 10
#define S2N_ALERT_BAD_RECORD_MAC 20
#define S2N_ALERT_RECORD_OVERFLOW 22
#define S2N_ALERT_HANDSHAKE_FAILURE 40
#define S2N_ALERT_BAD_CERTIFICATE 42
#define S2N_ALERT_CERTIFICATE_EXPIRED 45
#define S2N_ALERT_CERTIFICATE_UNKNOWN 46
#define S2N_ALERT_ILLEGAL_PARAMETER 47
#define S2N_ALERT_UNKNOWN_CA 48
#define S2N_ALERT_DECODE_ERROR 50
#define S2N_ALERT_DECRYPT_ERROR 51
#define S2N_ALERT_PROTOCOL_VERSION 70
#define S2N_ALERT_INAPPROPRIATE_FALLBACK 86
#define S2N_ALERT_NO_RENEGOTIATION 100
#define S2N_ALERT_INTERNAL_ERROR 80
#define S2N_ALERT_INSUFFICIENT_SECURITY 71
#define S2N_ALERT_USER_CANCELED 90
#define S2N_ALERT_MISSING_EXTENSION 109
#define S2N_ALERT_UNSUPPORTED_EXTENSION 110
#define S2N_ALERT_UNRECOGNIZED_NAME 112
#define S2N_ALERT_NO_APPLICATION_PROTOCOL 120

#endif
