/* struct s2n_connection: long-lived connection state, kept small.  Everything
 * needed only while handshaking lives in struct s2n_handshake, allocated when
 * the handshake starts and released by s2n_connection_free_handshake(). */
#ifndef S2N_CONNECTION_H
#define S2N_CONNECTION_H

#include "s2n.h"
#include "utils/s2n_safety.h"
#include "utils/s2n_cursor.h"
#include "crypto/s2n_crypto.h"
#include "tls/s2n_config.h"
#include "tls/s2n_security_policy.h"

/* Record layer limits (RFC 8446 section 5). */
#define S2N_TLS_RECORD_HEADER_LEN 5
#define S2N_TLS_MAX_FRAGMENT 16384
#define S2N_TLS13_MAX_CIPHERTEXT (S2N_TLS_MAX_FRAGMENT + 256)
#define S2N_TLS_MAX_RECORD (S2N_TLS_RECORD_HEADER_LEN + S2N_TLS13_MAX_CIPHERTEXT)
#define S2N_DEFAULT_FRAGMENT 8087
#define S2N_SMALL_FRAGMENT 1435

/* Content types. */
#define S2N_CT_CHANGE_CIPHER_SPEC 20
#define S2N_CT_ALERT 21
#define S2N_CT_HANDSHAKE 22
#define S2N_CT_APPLICATION_DATA 23

/* Handshake message types. */
#define S2N_HS_CLIENT_HELLO 1
#define S2N_HS_SERVER_HELLO 2
#define S2N_HS_NEW_SESSION_TICKET 4
#define S2N_HS_END_OF_EARLY_DATA 5
#define S2N_HS_ENCRYPTED_EXTENSIONS 8
#define S2N_HS_CERTIFICATE 11
#define S2N_HS_SERVER_KEY_EXCHANGE 12
#define S2N_HS_CERTIFICATE_REQUEST 13
#define S2N_HS_SERVER_HELLO_DONE 14
#define S2N_HS_CERTIFICATE_VERIFY 15
#define S2N_HS_CLIENT_KEY_EXCHANGE 16
#define S2N_HS_FINISHED 20
#define S2N_HS_KEY_UPDATE 24
#define S2N_HS_MESSAGE_HASH 254

/* Handshake type flags (API.md 2.8). */
#define S2N_HT_NEGOTIATED 0x01
#define S2N_HT_FULL_HANDSHAKE 0x02
#define S2N_HT_CLIENT_AUTH 0x04
#define S2N_HT_NO_CLIENT_CERT 0x08
#define S2N_HT_HELLO_RETRY_REQUEST 0x10
#define S2N_HT_MIDDLEBOX_COMPAT 0x20
/* TLS 1.2 meanings of the same bits (API.md 2.8). */
#define S2N_HT_TLS12_PFS 0x10
#define S2N_HT_OCSP_STATUS 0x20

#define S2N_MAX_KEY_SHARES 8
#define S2N_MAX_PEER_LIST 64
#define S2N_RANDOM_LEN 32
#define S2N_MAX_SECRET_LEN 48 /* SHA-384 */

/* One direction of record protection. */
struct s2n_record_keys {
    struct s2n_aead aead;   /* its context is released by release_buffers and rebuilt from key */
    uint8_t key[S2N_AEAD_MAX_KEY_LEN];
    uint8_t active;         /* records in this direction are protected */
    uint8_t iv[S2N_AEAD_NONCE_LEN];
    uint8_t tls12;          /* TLS 1.2 framing (RFC 5288 / RFC 7905) */
    uint8_t explicit_nonce; /* TLS 1.2 AES-GCM: 8-byte explicit nonce per record */
    uint64_t seq;
};

/* Handshake-only state. */
struct s2n_handshake {
    struct s2n_hash transcript;
    struct s2n_cursor transcript_buf; /* client: messages before the hash is known */
    struct s2n_cursor msg;            /* reassembly of incoming handshake messages */
    struct s2n_ecdhe_key key;         /* our ephemeral key */
    uint8_t client_random[S2N_RANDOM_LEN];
    uint8_t server_random[S2N_RANDOM_LEN];
    uint8_t session_id[32];
    uint8_t session_id_len;
    uint8_t secret[S2N_MAX_SECRET_LEN];  /* current stage of the key schedule */
    uint8_t client_hs_secret[S2N_MAX_SECRET_LEN];
    uint8_t server_hs_secret[S2N_MAX_SECRET_LEN];
    uint8_t transcript_hash_len; /* digest length once the suite is known */
    uint8_t hash_known;
    /* Peer lists from the hello messages (IANA ids, peer's order). */
    uint16_t peer_sig_schemes[S2N_MAX_PEER_LIST];
    uint8_t peer_sig_scheme_count;
    uint16_t peer_groups[S2N_MAX_PEER_LIST];
    uint8_t peer_group_count;
    uint16_t peer_share_groups[S2N_MAX_KEY_SHARES];
    struct s2n_der peer_shares[S2N_MAX_KEY_SHARES]; /* point into msg */
    uint8_t peer_share_count;
    uint16_t hrr_group;          /* group the HelloRetryRequest asked for */
    struct s2n_cursor cookie;    /* client: cookie from the HRR to echo */
    struct s2n_cursor peer_alpn; /* server: client's ALPN list (wire form) */
    struct s2n_cert_chain_and_key *cert; /* server: certificate chosen */
    uint16_t sig_scheme;         /* scheme we sign with */
    uint8_t sent_session_id;     /* client offered a legacy_session_id */
    uint8_t cert_requested;      /* client: the server sent CertificateRequest */
    uint8_t cert_request_context_len;
    uint8_t cert_request_context[255];
    struct s2n_cursor scratch;   /* body of the message being written */
    struct s2n_cursor pending;   /* handshake messages not yet framed into records */
    uint8_t shared_secret[S2N_ECDHE_MAX_SHARED_LEN];
    uint8_t shared_secret_len;
    struct s2n_pkey peer_key;    /* public key of the peer's leaf certificate */
    uint8_t master_secret[48];   /* TLS 1.2 */
    uint8_t key_block[2 * 32 + 2 * 12];
    uint8_t ems;                 /* TLS 1.2: extended master secret negotiated */
    uint8_t peer_sent_ems;
    uint8_t peer_sent_reneg_info;
    uint8_t peer_sent_point_formats;
    uint8_t offered_tls13;       /* client: supported_versions listed TLS 1.3 */
    uint8_t peer_sent_key_share; /* server: the ClientHello had a key_share extension */
    uint8_t sent_alpn;           /* client offered ALPN */
    uint8_t sent_server_name;    /* client sent SNI */
};

struct s2n_connection {
    struct s2n_config *config;
    const struct s2n_security_policy *policy_override;
    void *ctx;

    /* Transport. */
    s2n_recv_fn *recv;
    s2n_send_fn *send;
    void *recv_ctx;
    void *send_ctx;
    int read_fd;
    int write_fd;
    uint8_t managed_recv;
    uint8_t managed_send;

    uint8_t mode;
    uint8_t client_protocol_version;
    uint8_t server_protocol_version;
    uint8_t actual_protocol_version;
    uint8_t client_hello_version;
    uint8_t blinding;

    /* State machine. */
    uint8_t handshake_type; /* S2N_HT_* flags */
    uint8_t message_index;  /* position in the handshake's message sequence */
    uint8_t handshake_complete;
    uint8_t io_blocked;     /* S2N_BLOCKED_ON_READ / _WRITE of the last blocked I/O */
    uint8_t in_negotiate;   /* reentrancy guards */
    uint8_t in_send;
    uint8_t in_recv;
    uint8_t dynamic_buffers; /* free the record buffers whenever they drain */
    uint8_t recv_buffering;  /* read as much as the input buffer takes, records ahead included */

    /* Negotiated facts, kept after free_handshake. */
    const struct s2n_cipher_suite *cipher_suite;
    uint16_t group;
    uint16_t server_sig_scheme;
    uint16_t client_sig_scheme;
    char *server_name; /* client: set by the app; server: received SNI */
    uint16_t server_name_len;
    char *alpn;        /* negotiated protocol */
    uint8_t alpn_len;
    struct s2n_alpn_list alpn_override;

    /* Alerts and closure. */
    int16_t alert_received;  /* description, -1 if none */
    uint8_t fail_alert;      /* alert for the current failure, when more precise than its code's */
    uint8_t alert_sent;
    uint8_t close_notify_received;
    uint8_t close_notify_sent;
    uint8_t read_closed;
    uint8_t write_closed;
    uint8_t key_update_pending; /* send a KeyUpdate before the next record */
    uint8_t key_update_request; /* ... with update_requested */
    uint16_t max_fragment;
    uint16_t dynamic_timeout;   /* seconds idle after which records start small again */
    uint32_t dynamic_threshold; /* bytes sent in small records first (0: off) */
    uint32_t dynamic_sent;      /* bytes sent since the last reset */
    uint64_t last_write_ns;

    /* Record layer. */
    struct s2n_cursor in;      /* raw bytes from the transport: header + record */
    struct s2n_cursor out;     /* protected records waiting to be written */
    struct s2n_cursor post_hs; /* reassembly of post-handshake messages */
    uint32_t in_plain_start;   /* decrypted application data: [start, end) in in */
    uint32_t in_plain_end;
    uint8_t in_record_ready;   /* a whole record was read and decrypted */
    uint8_t in_content_type;
    uint32_t send_queued;      /* caller's bytes already inside queued records */
    struct s2n_record_keys read_keys;
    struct s2n_record_keys write_keys;
    uint8_t read_secret[S2N_MAX_SECRET_LEN];  /* current application traffic secrets */
    uint8_t write_secret[S2N_MAX_SECRET_LEN];
    uint64_t wire_bytes_in;
    uint64_t wire_bytes_out;
    uint64_t delay_until_ns;   /* self-service blinding */

    struct s2n_handshake *hs;
};

/* Effective policy of a connection. */
const struct s2n_security_policy *s2n_connection_policy(const struct s2n_connection *conn);
/* Effective ALPN list. */
const struct s2n_alpn_list *s2n_connection_alpn_list(const struct s2n_connection *conn);

/* Reset everything but mode, config and reusable allocations. */
S2N_RESULT s2n_connection_reset(struct s2n_connection *conn);
/* Make sure the handshake object exists (allocated and wiped). */
S2N_RESULT s2n_connection_handshake_alloc(struct s2n_connection *conn);
void s2n_connection_handshake_free(struct s2n_connection *conn);

/* With dynamic buffers: free the record buffers that are empty. */
void s2n_connection_release_empty_buffers(struct s2n_connection *conn);

/* Record failure: remember the alert to send, close the connection. */
void s2n_connection_fail(struct s2n_connection *conn, int err);

/* Current monotonic time in ns. */
uint64_t s2n_now_ns(void);

#endif
