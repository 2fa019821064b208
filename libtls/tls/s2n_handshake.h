/* The handshake engine: message table, sequences, transcript, extensions. */
#ifndef S2N_HANDSHAKE_H
#define S2N_HANDSHAKE_H

#include "tls/s2n_connection.h"
#include "tls/s2n_record.h"

/* Messages of the state machine (names as API.md 2.8). */
typedef enum {
    S2N_MSG_CLIENT_HELLO = 0,
    S2N_MSG_SERVER_HELLO,
    S2N_MSG_HELLO_RETRY,
    S2N_MSG_SERVER_CCS,
    S2N_MSG_CLIENT_CCS,
    S2N_MSG_ENCRYPTED_EXTENSIONS,
    S2N_MSG_SERVER_CERT_REQ,
    S2N_MSG_SERVER_CERT,
    S2N_MSG_SERVER_CERT_VERIFY,
    S2N_MSG_SERVER_FINISHED,
    S2N_MSG_CLIENT_CERT,
    S2N_MSG_CLIENT_CERT_VERIFY,
    S2N_MSG_CLIENT_FINISHED,
    S2N_MSG_APPLICATION_DATA,
    /* TLS 1.2 only */
    S2N_MSG_SERVER_KEY,
    S2N_MSG_SERVER_HELLO_DONE,
    S2N_MSG_CLIENT_KEY,
    S2N_MSG_COUNT
} s2n_message_id;

typedef S2N_RESULT (*s2n_msg_send_fn)(struct s2n_connection *conn, struct s2n_cursor *body);
typedef S2N_RESULT (*s2n_msg_recv_fn)(struct s2n_connection *conn, struct s2n_cursor *body);
typedef S2N_RESULT (*s2n_msg_after_fn)(struct s2n_connection *conn);

struct s2n_message_desc {
    const char *name;
    uint8_t record_type; /* S2N_CT_HANDSHAKE or S2N_CT_CHANGE_CIPHER_SPEC */
    uint8_t hs_type;     /* S2N_HS_* */
    uint8_t writer;      /* S2N_SERVER or S2N_CLIENT */
    s2n_msg_send_fn send;
    s2n_msg_recv_fn recv;
    s2n_msg_after_fn after; /* once the transcript includes the message, both sides */
};

/* The message sequence for a handshake type (S2N_HT_* flags) of TLS 1.3 or
 * TLS 1.2, ending with S2N_MSG_APPLICATION_DATA; returns its length. */
#define S2N_MAX_SEQUENCE 20
uint8_t s2n_handshake_sequence(uint8_t handshake_type, int tls12, uint8_t *seq);
/* The descriptor of a message in the protocol version a connection speaks. */
const struct s2n_message_desc *s2n_message_desc(const struct s2n_connection *conn, s2n_message_id id);
s2n_message_id s2n_current_message(const struct s2n_connection *conn);
/* Whether the connection negotiated TLS 1.2 (the sequences and record format differ). */
int s2n_connection_is_tls12(const struct s2n_connection *conn);

/* Drive the handshake as far as the transport allows. */
S2N_RESULT s2n_handshake_negotiate(struct s2n_connection *conn);

/* Transcript (RFC 8446 section 4.4.1). */
S2N_RESULT s2n_transcript_update(struct s2n_connection *conn, const uint8_t *data, uint32_t len);
S2N_RESULT s2n_transcript_set_hash(struct s2n_connection *conn, s2n_hash_alg alg);
S2N_RESULT s2n_transcript_digest(struct s2n_connection *conn, uint8_t *out);
/* Replace ClientHello1 with its message_hash after a HelloRetryRequest. */
S2N_RESULT s2n_transcript_hrr_rewrite(struct s2n_connection *conn);

/* Write one handshake message (header + body) to the transcript and records. */
S2N_RESULT s2n_handshake_write_message(struct s2n_connection *conn, uint8_t hs_type, const uint8_t *body, uint32_t len);

/* Frame the pending handshake messages into records (before a write-key
 * change and at the end of a flight). */
S2N_RESULT s2n_handshake_emit(struct s2n_connection *conn);

/* Key schedule (RFC 8446 section 7.1). */
S2N_RESULT s2n_tls13_handshake_secrets(struct s2n_connection *conn, const uint8_t *shared, uint32_t shared_len);
S2N_RESULT s2n_tls13_application_secrets(struct s2n_connection *conn);
S2N_RESULT s2n_tls13_finished_mac(struct s2n_connection *conn, const uint8_t *base_secret, uint8_t *out);
S2N_RESULT s2n_tls13_key_update_secret(struct s2n_connection *conn, int for_write);
void s2n_key_log(struct s2n_connection *conn, const char *label, const uint8_t *secret, uint32_t len);

/* Message handlers. */
S2N_RESULT s2n_client_hello_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_client_hello_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_server_hello_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_server_hello_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_server_hello_after(struct s2n_connection *conn);
S2N_RESULT s2n_hello_retry_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_encrypted_extensions_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_encrypted_extensions_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_cert_req_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_server_cert_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_server_cert_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_client_cert_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_cert_verify_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_cert_verify_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_finished_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_finished_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_server_finished_after(struct s2n_connection *conn);
S2N_RESULT s2n_client_finished_after(struct s2n_connection *conn);

/* TLS 1.2 (RFC 5246, RFC 8422, RFC 7627): s2n_tls12.c */
#define S2N_TLS12_MASTER_SECRET_LEN 48
#define S2N_TLS12_FINISHED_LEN 12
S2N_RESULT s2n_tls12_prf(s2n_hash_alg alg, const uint8_t *secret, uint32_t secret_len, const char *label,
        const uint8_t *seed1, uint32_t seed1_len, const uint8_t *seed2, uint32_t seed2_len, uint8_t *out, uint32_t out_len);
S2N_RESULT s2n_tls12_server_hello_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_tls12_server_hello_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_tls12_cert_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_tls12_cert_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_tls12_server_key_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_tls12_server_key_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_tls12_cert_req_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_tls12_server_hello_done_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_tls12_server_hello_done_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_tls12_client_key_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_tls12_client_key_recv(struct s2n_connection *conn, struct s2n_cursor *in);
S2N_RESULT s2n_tls12_client_key_after(struct s2n_connection *conn);
S2N_RESULT s2n_tls12_ccs_after(struct s2n_connection *conn, int for_write);
S2N_RESULT s2n_tls12_finished_send(struct s2n_connection *conn, struct s2n_cursor *out);
S2N_RESULT s2n_tls12_finished_recv(struct s2n_connection *conn, struct s2n_cursor *in);
/* Server: choose suite, certificate and group for TLS 1.2. */
S2N_RESULT s2n_tls12_server_choose(struct s2n_connection *conn, struct s2n_cursor suites);
/* The downgrade sentinel in a TLS 1.2 ServerHello.random (RFC 8446 4.1.3). */
extern const uint8_t s2n_tls12_downgrade_sentinel[8];

/* Post-handshake messages (NewSessionTicket, KeyUpdate), read by s2n_recv. */
S2N_RESULT s2n_post_handshake_recv(struct s2n_connection *conn, const uint8_t *data, uint32_t len);
S2N_RESULT s2n_key_update_send(struct s2n_connection *conn);

/* ---- extensions ---------------------------------------------------------- */
typedef enum {
    S2N_EXT_MSG_CH = 0,
    S2N_EXT_MSG_SH,
    S2N_EXT_MSG_HRR,
    S2N_EXT_MSG_EE,
    S2N_EXT_MSG_CR,
    S2N_EXT_MSG_SH12, /* a TLS 1.2 ServerHello */
} s2n_ext_msg;

struct s2n_extension {
    uint16_t iana;
    /* Whether to send it in this message. */
    int (*should_send)(struct s2n_connection *conn, s2n_ext_msg msg);
    S2N_RESULT (*send)(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out);
    S2N_RESULT (*recv)(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in);
    /* Called when the extension is absent from a received message (NULL: fine). */
    S2N_RESULT (*if_missing)(struct s2n_connection *conn, s2n_ext_msg msg);
};

extern const struct s2n_extension s2n_ext_server_name;
extern const struct s2n_extension s2n_ext_supported_groups;
extern const struct s2n_extension s2n_ext_signature_algorithms;
extern const struct s2n_extension s2n_ext_alpn;
extern const struct s2n_extension s2n_ext_supported_versions;
extern const struct s2n_extension s2n_ext_cookie;
extern const struct s2n_extension s2n_ext_key_share;
extern const struct s2n_extension s2n_ext_ems;
extern const struct s2n_extension s2n_ext_renegotiation_info;
extern const struct s2n_extension s2n_ext_ec_point_formats;

/* Write the extensions block (vec16) of a message. */
S2N_RESULT s2n_extensions_send(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *out);
/* Parse an extensions block: duplicates are refused, known extensions
 * dispatched, unknown ones ignored in a ClientHello and refused elsewhere;
 * then if_missing runs for absent ones. */
S2N_RESULT s2n_extensions_recv(struct s2n_connection *conn, s2n_ext_msg msg, struct s2n_cursor *in);
/* Whether an extensions block (starting at its vec16 length, and ending the
 * message) holds @iana: 1 or 0, or -1 when the block is malformed. */
int s2n_extensions_block_has(struct s2n_cursor block, uint16_t iana);

/* Shared helpers. */
int s2n_sig_scheme_usable_tls13(const struct s2n_signature_scheme *s);
int s2n_sig_scheme_usable(const struct s2n_signature_scheme *s, uint8_t version);
int s2n_sig_scheme_fits_key(const struct s2n_signature_scheme *s, const struct s2n_pkey *key, uint8_t version);
int s2n_client_offers_tls12(struct s2n_connection *conn);
/* Suites libs2n can negotiate in TLS 1.3 / in TLS 1.2 (ECDHE with an AEAD). */
int s2n_tls13_suite_usable(const struct s2n_cipher_suite *s);
int s2n_tls12_suite_usable(const struct s2n_cipher_suite *s);
/* Whether a received cipher_suites vector lists @iana. */
int s2n_suites_contain(struct s2n_cursor suites, const uint8_t iana[2]);
/* Whether a certificate name (exact, or "*.rest" for one label) matches @host. */
int s2n_host_matches_cert_name(const char *pattern, size_t plen, const char *host, size_t hlen);
int s2n_cert_matches_sni(struct s2n_connection *conn, struct s2n_cert_chain_and_key *cert);
int s2n_policy_has_group(const struct s2n_security_policy *p, uint16_t group);
S2N_RESULT s2n_choose_sig_scheme(struct s2n_connection *conn, const struct s2n_pkey *key, uint8_t version, uint16_t *out);
S2N_RESULT s2n_peer_cert_list_recv(struct s2n_connection *conn, struct s2n_cursor *list, int with_extensions);
S2N_RESULT s2n_verify_peer_chain(struct s2n_connection *conn, const struct s2n_der *certs, uint32_t count,
        struct s2n_pkey *leaf_key);

#endif
