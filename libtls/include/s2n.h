/**
 * @file s2n.h
 * @brief libs2n: the s2n-tls C API, implemented on OpenSSL libcrypto.
 *
 * This is the one installed header of libs2n.  It declares exactly the
 * functions that libs2n implements; their names, signatures, enum values and
 * error codes are those of s2n-tls, so programs written for s2n-tls compile
 * and run unchanged against the subset declared here.
 *
 * Conventions: functions returning int return #S2N_SUCCESS (0) or
 * #S2N_FAILURE (-1) and set #s2n_errno on failure; functions returning a
 * pointer return NULL on failure.  All handles are opaque.
 *
 * Protocol scope: TLS 1.3 (RFC 8446) with TLS_AES_128_GCM_SHA256,
 * TLS_AES_256_GCM_SHA384 and TLS_CHACHA20_POLY1305_SHA256, and TLS 1.2
 * (RFC 5246) with ECDHE-ECDSA and ECDHE-RSA key exchange and AES-GCM or
 * ChaCha20-Poly1305 records, always with the extended master secret
 * (RFC 7627); key exchange over x25519, secp256r1, secp384r1 and secp521r1.
 * Static-RSA and DHE key exchange, CBC, RC4 and 3DES suites, SSLv3, TLS 1.0
 * and TLS 1.1 are not implemented: a security policy that lists them still
 * loads, and libs2n offers and accepts only what it implements.
 * Renegotiation is refused.
 */
#ifndef S2N_H
#define S2N_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/uio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks exported functions; empty unless the library itself is being built. */
#ifndef S2N_API
#define S2N_API
#endif

/** Return value of a successful call. */
#define S2N_SUCCESS 0
/** Return value of a failed call; #s2n_errno tells why. */
#define S2N_FAILURE -1
/** Callback return value meaning "not ready yet, call again later". */
#define S2N_CALLBACK_BLOCKED -2

/** Lowest record-layer major version libs2n parses. */
#define S2N_MINIMUM_SUPPORTED_TLS_RECORD_MAJOR_VERSION 2
/** Highest record-layer major version libs2n parses. */
#define S2N_MAXIMUM_SUPPORTED_TLS_RECORD_MAJOR_VERSION 3
/** SSL 2.0 (only ever reported for an SSLv2-format ClientHello). */
#define S2N_SSLv2 20
/** SSL 3.0. */
#define S2N_SSLv3 30
/** TLS 1.0. */
#define S2N_TLS10 31
/** TLS 1.1. */
#define S2N_TLS11 32
/** TLS 1.2. */
#define S2N_TLS12 33
/** TLS 1.3. */
#define S2N_TLS13 34
/** No version known yet. */
#define S2N_UNKNOWN_PROTOCOL_VERSION 0

/**
 * Code of the last error on the calling thread (0 when none).  Successful
 * calls do not clear it; applications may reset it themselves.
 */
S2N_API extern __thread int s2n_errno;

/** @return the address of the calling thread's #s2n_errno (for FFI). */
S2N_API extern int *s2n_errno_location(void);

/** Categories of error codes: s2n_error_get_type(code) == code >> 26. */
typedef enum {
    S2N_ERR_T_OK = 0,       /**< No error. */
    S2N_ERR_T_IO,           /**< The transport failed; see the system errno. */
    S2N_ERR_T_CLOSED,       /**< The connection is closed. */
    S2N_ERR_T_BLOCKED,      /**< Would block: retry when the transport is ready. */
    S2N_ERR_T_ALERT,        /**< The peer sent a fatal alert. */
    S2N_ERR_T_PROTO,        /**< The peer broke the protocol. */
    S2N_ERR_T_INTERNAL,     /**< An internal or libcrypto failure. */
    S2N_ERR_T_USAGE,        /**< The caller misused the API. */
} s2n_error_type;

/**
 * @param error an error code
 * @return its #s2n_error_type (never fails)
 */
S2N_API extern int s2n_error_get_type(int error);

/** Which end of a connection this is. */
typedef enum {
    S2N_SERVER, /**< Server side. */
    S2N_CLIENT, /**< Client side. */
} s2n_mode;

/** Whether a FIPS-validated libcrypto is in use. */
typedef enum {
    S2N_FIPS_MODE_DISABLED = 0, /**< Not in FIPS mode (always, with OpenSSL). */
    S2N_FIPS_MODE_ENABLED,      /**< FIPS mode. */
} s2n_fips_mode;

/** Opaque configuration shared by connections. */
struct s2n_config;
/** Opaque connection. */
struct s2n_connection;
/** Opaque certificate chain with its private key. */
struct s2n_cert_chain_and_key;
/** Opaque certificate inside a chain. */
struct s2n_cert;
/** Opaque key. */
struct s2n_pkey;
/** Public key of a certificate. */
typedef struct s2n_pkey s2n_cert_public_key;
/** Private key of a certificate. */
typedef struct s2n_pkey s2n_cert_private_key;
/** Opaque parsed ClientHello. */
struct s2n_client_hello;
/** Opaque session ticket handed to the ticket callback. */
struct s2n_session_ticket;
/** Opaque stack trace (not captured by libs2n). */
struct s2n_stacktrace;

/** Allocator hook: set up the allocator. @return 0 or -1. */
typedef int (*s2n_mem_init_callback)(void);
/** Allocator hook: tear down the allocator. @return 0 or -1. */
typedef int (*s2n_mem_cleanup_callback)(void);
/** Allocator hook: allocate at least @p requested bytes into @p *ptr and report the real size in @p *allocated. */
typedef int (*s2n_mem_malloc_callback)(void **ptr, uint32_t requested, uint32_t *allocated);
/** Allocator hook: free @p ptr, a block of @p size bytes. */
typedef int (*s2n_mem_free_callback)(void *ptr, uint32_t size);
/** Random hook (deprecated, ignored): init. */
typedef int (*s2n_rand_init_callback)(void);
/** Random hook (deprecated, ignored): cleanup. */
typedef int (*s2n_rand_cleanup_callback)(void);
/** Random hook (deprecated, ignored): seed. */
typedef int (*s2n_rand_seed_callback)(void *data, uint32_t size);
/** Random hook (deprecated, ignored): mix. */
typedef int (*s2n_rand_mix_callback)(void *data, uint32_t size);

/**
 * Initialize the library once per process: fetches libcrypto algorithms and
 * builds the built-in default configurations.
 * @return #S2N_SUCCESS, or #S2N_FAILURE (S2N_ERR_INITIALIZED if already initialized).
 */
S2N_API extern int s2n_init(void);

/**
 * Deprecated per-thread cleanup: a no-op kept for compatibility.
 * @return #S2N_SUCCESS
 */
S2N_API extern int s2n_cleanup(void);

/**
 * Tear the library down; s2n_init() may be called again afterwards.
 * @return #S2N_SUCCESS, or #S2N_FAILURE if the library was not initialized.
 */
S2N_API extern int s2n_cleanup_final(void);

/**
 * Route every allocation of libs2n through the given hooks.  Must be called
 * before s2n_init().
 * @param mem_init_callback called by s2n_init()
 * @param mem_cleanup_callback called by s2n_cleanup_final()
 * @param mem_malloc_callback allocates memory
 * @param mem_free_callback frees memory
 * @return #S2N_SUCCESS, or #S2N_FAILURE (S2N_ERR_NULL, S2N_ERR_INITIALIZED).
 */
S2N_API extern int s2n_mem_set_callbacks(s2n_mem_init_callback mem_init_callback, s2n_mem_cleanup_callback mem_cleanup_callback,
        s2n_mem_malloc_callback mem_malloc_callback, s2n_mem_free_callback mem_free_callback);

/**
 * Deprecated: custom random generators are not supported.  The callbacks are
 * ignored; libcrypto's generator is always used.
 * @param rand_init_callback ignored
 * @param rand_cleanup_callback ignored
 * @param rand_seed_callback ignored
 * @param rand_mix_callback ignored
 * @return #S2N_SUCCESS
 */
S2N_API extern int s2n_rand_set_callbacks(s2n_rand_init_callback rand_init_callback, s2n_rand_cleanup_callback rand_cleanup_callback,
        s2n_rand_seed_callback rand_seed_callback, s2n_rand_mix_callback rand_mix_callback);

/**
 * @param error an error code
 * @param lang "EN" (any case) or NULL
 * @return the English text of @p error; "Internal s2n error" for an unknown code.
 */
S2N_API extern const char *s2n_strerror(int error, const char *lang);

/**
 * @param error an error code (only compared with 0)
 * @param lang "EN" (any case) or NULL
 * @return "Error encountered in FILE:LINE" for the last error on this thread.
 */
S2N_API extern const char *s2n_strerror_debug(int error, const char *lang);

/**
 * @param error an error code
 * @return the symbolic name of @p error, such as "S2N_ERR_IO_BLOCKED".
 */
S2N_API extern const char *s2n_strerror_name(int error);

/**
 * @param error an error code (only compared with 0)
 * @return "FILE:LINE" of the last error on this thread.
 */
S2N_API extern const char *s2n_strerror_source(int error);

/**
 * Stack traces are not captured by libs2n; this is a no-op.
 * @return #S2N_SUCCESS
 */
S2N_API extern int s2n_calculate_stacktrace(void);

/**
 * Stack traces are not captured by libs2n: prints one line saying so.
 * @param fptr where to print
 * @return #S2N_SUCCESS
 */
S2N_API extern int s2n_print_stacktrace(FILE *fptr);

/** @return OPENSSL_VERSION_NUMBER of the libcrypto libs2n was built with. */
S2N_API extern unsigned long s2n_get_openssl_version(void);

/**
 * @param[out] fips_mode always #S2N_FIPS_MODE_DISABLED with OpenSSL libcrypto
 * @return #S2N_SUCCESS, or #S2N_FAILURE on NULL.
 */
S2N_API extern int s2n_get_fips_mode(s2n_fips_mode *fips_mode);

/**
 * A new configuration: security policy "default", trust store loaded with
 * the system's CA certificates.
 * @return the config, or NULL.
 */
S2N_API extern struct s2n_config *s2n_config_new(void);

/**
 * Like s2n_config_new(), with an empty trust store.
 * @return the config, or NULL.
 */
S2N_API extern struct s2n_config *s2n_config_new_minimal(void);

/**
 * Free a configuration.  Fails with S2N_ERR_CONFIG_IN_USE while a connection
 * still uses it.
 * @param config the config
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_free(struct s2n_config *config);

/**
 * Attach an application pointer to a config.
 * @param config the config
 * @param ctx any pointer
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_set_ctx(struct s2n_config *config, void *ctx);

/**
 * Read back the pointer set with s2n_config_set_ctx().
 * @param config the config
 * @param[out] ctx the pointer
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_get_ctx(struct s2n_config *config, void **ctx);

/**
 * Select a security policy by name (case-insensitive), such as "default",
 * "default_tls13" or "20240501".
 * @param config the config
 * @param version the policy name
 * @return #S2N_SUCCESS, or #S2N_FAILURE with S2N_ERR_INVALID_SECURITY_POLICY
 *         or S2N_ERR_DEPRECATED_SECURITY_POLICY.
 */
S2N_API extern int s2n_config_set_cipher_preferences(struct s2n_config *config, const char *version);

/**
 * A new connection in @p mode, using the built-in default config.  It costs
 * one allocation of about 540 bytes: record buffers are allocated on first
 * use and handshake state when the handshake starts.
 * @param mode #S2N_SERVER or #S2N_CLIENT
 * @return the connection, or NULL.
 */
S2N_API extern struct s2n_connection *s2n_connection_new(s2n_mode mode);

/**
 * Use @p config for this connection (not copied; it must outlive the connection).
 * @param conn the connection
 * @param config the config
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_config(struct s2n_connection *conn, struct s2n_config *config);

/**
 * Attach an application pointer to a connection (cleared by wipe).
 * @param conn the connection
 * @param ctx any pointer
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_ctx(struct s2n_connection *conn, void *ctx);

/**
 * @param conn the connection
 * @return the pointer set by s2n_connection_set_ctx(), or NULL.
 */
S2N_API extern void *s2n_connection_get_ctx(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return #S2N_SERVER or #S2N_CLIENT, or -1 for NULL.
 */
S2N_API extern s2n_mode s2n_connection_get_mode(struct s2n_connection *conn);

/**
 * Reset a connection to the state of a new one with the same mode and
 * config, keeping its allocations (handshake object, record buffers, cipher
 * contexts) for reuse: the next handshake allocates less than on a new
 * connection.  Secrets are wiped.
 * @param conn the connection
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_wipe(struct s2n_connection *conn);

/**
 * Wipe secrets and free a connection.
 * @param conn the connection
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_free(struct s2n_connection *conn);

/**
 * Release the memory only the handshake needs (transcript hash, key shares,
 * handshake buffers: about 1.5 KiB plus libcrypto's state).  Call after s2n_negotiate() succeeded; every getter
 * keeps answering, and s2n_connection_wipe() makes the connection reusable.
 * Before the handshake is complete it does nothing.
 * @param conn the connection
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_free_handshake(struct s2n_connection *conn);

/**
 * Free the record buffers (sized to the largest record received and sent:
 * at most 16.3 KiB each) and the two cipher contexts (about 1.1 KiB each) of an idle
 * connection; the next I/O call allocates them again.  After
 * s2n_connection_free_handshake() and this call a connection holds about
 * 550 bytes.
 * @param conn the connection
 * @return #S2N_SUCCESS, or #S2N_FAILURE with S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA
 *         while unsent or unread data remains (nothing is lost).
 */
S2N_API extern int s2n_connection_release_buffers(struct s2n_connection *conn);

/**
 * Free the record buffers automatically whenever they are empty (after each
 * s2n_send() that wrote everything and each s2n_recv() that drained the
 * record): lower idle memory for more allocations.  Reset by
 * s2n_connection_wipe().
 * @param conn the connection
 * @param enabled true to enable
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_dynamic_buffers(struct s2n_connection *conn, bool enabled);

/**
 * Recv buffering: each read from the transport asks for as much as the input
 * buffer holds (a full record, about 16.3 KiB, which the buffer then keeps),
 * so one read may bring several records and the header of a record arrives
 * with its body.  Fewer system calls per record, most of all for small
 * records.  By default (disabled) libs2n reads exactly one record at a time
 * and never reads past it.
 *
 * When enabled, data may wait in libs2n's buffer while the socket has nothing
 * to read: after s2n_recv() returns data, call it again until it reports
 * #S2N_ERR_T_BLOCKED (or s2n_peek_buffered() is 0) before polling the
 * socket.  Bytes read past a close_notify stay in the buffer, so do not hand
 * the socket to other code after the TLS session.  May be changed at any
 * time; reset by s2n_connection_wipe().
 * @param conn the connection
 * @param enabled true to enable
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_recv_buffering(struct s2n_connection *conn, bool enabled);

/**
 * Read and write on one file descriptor.
 * @param conn the connection
 * @param fd a socket or pipe
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_fd(struct s2n_connection *conn, int fd);

/**
 * Read from this file descriptor.
 * @param conn the connection
 * @param readfd a socket or pipe
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_read_fd(struct s2n_connection *conn, int readfd);

/**
 * Write to this file descriptor.
 * @param conn the connection
 * @param writefd a socket or pipe
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_write_fd(struct s2n_connection *conn, int writefd);

/**
 * @param conn the connection
 * @param[out] readfd the file descriptor set for reading
 * @return #S2N_SUCCESS, or #S2N_FAILURE when reads go through a callback.
 */
S2N_API extern int s2n_connection_get_read_fd(struct s2n_connection *conn, int *readfd);

/**
 * @param conn the connection
 * @param[out] writefd the file descriptor set for writing
 * @return #S2N_SUCCESS, or #S2N_FAILURE when writes go through a callback.
 */
S2N_API extern int s2n_connection_get_write_fd(struct s2n_connection *conn, int *writefd);

/**
 * Transport read callback: return the number of bytes read (> 0), 0 at end
 * of stream, or -1 with errno set (EAGAIN/EWOULDBLOCK: would block).
 */
typedef int s2n_recv_fn(void *io_context, uint8_t *buf, uint32_t len);
/**
 * Transport write callback: return the number of bytes written (> 0, may be
 * partial), or -1 with errno set (EAGAIN/EWOULDBLOCK: would block).
 */
typedef int s2n_send_fn(void *io_context, const uint8_t *buf, uint32_t len);

/**
 * Read through a callback instead of a file descriptor.
 * @param conn the connection
 * @param recv the callback
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_recv_cb(struct s2n_connection *conn, s2n_recv_fn recv);

/**
 * Write through a callback instead of a file descriptor.
 * @param conn the connection
 * @param send the callback
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_send_cb(struct s2n_connection *conn, s2n_send_fn send);

/**
 * Context passed to the read callback.
 * @param conn the connection
 * @param ctx the context
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_recv_ctx(struct s2n_connection *conn, void *ctx);

/**
 * Context passed to the write callback.
 * @param conn the connection
 * @param ctx the context
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_send_ctx(struct s2n_connection *conn, void *ctx);

/** What a call that returned S2N_ERR_T_BLOCKED is waiting for. */
typedef enum {
    S2N_NOT_BLOCKED = 0,                  /**< Not blocked. */
    S2N_BLOCKED_ON_READ,                  /**< Waiting for the transport to become readable. */
    S2N_BLOCKED_ON_WRITE,                 /**< Waiting for the transport to become writable. */
    S2N_BLOCKED_ON_APPLICATION_INPUT,     /**< Waiting for the application to complete a callback. */
    S2N_BLOCKED_ON_EARLY_DATA,            /**< Waiting for early data to be handled. */
} s2n_blocked_status;

/** Who waits out the delay after a failure (see s2n_connection_set_blinding()). */
typedef enum {
    S2N_BUILT_IN_BLINDING,      /**< The failing call sleeps. */
    S2N_SELF_SERVICE_BLINDING,  /**< The application waits s2n_connection_get_delay() itself. */
} s2n_blinding;

/** Whether a KeyUpdate asks the peer to update its keys too. */
typedef enum {
    S2N_KEY_UPDATE_NOT_REQUESTED = 0, /**< update_not_requested. */
    S2N_KEY_UPDATE_REQUESTED,         /**< update_requested (not accepted by s2n_connection_request_key_update()). */
} s2n_peer_key_update;

/** Signature algorithms, as reported by the signature getters. */
typedef enum {
    S2N_TLS_SIGNATURE_ANONYMOUS = 0,     /**< No signature. */
    S2N_TLS_SIGNATURE_RSA = 1,           /**< RSASSA-PKCS1-v1_5. */
    S2N_TLS_SIGNATURE_ECDSA = 3,         /**< ECDSA. */
    S2N_TLS_SIGNATURE_MLDSA = 9,         /**< ML-DSA (not supported with OpenSSL 3.0). */
    S2N_TLS_SIGNATURE_RSA_PSS_RSAE = 224, /**< RSASSA-PSS with an rsaEncryption key. */
    S2N_TLS_SIGNATURE_RSA_PSS_PSS,        /**< RSASSA-PSS with an RSASSA-PSS key. */
} s2n_tls_signature_algorithm;

/** Hash algorithms, as reported by the digest getters. */
typedef enum {
    S2N_TLS_HASH_NONE = 0,     /**< No hash. */
    S2N_TLS_HASH_MD5 = 1,      /**< MD5. */
    S2N_TLS_HASH_SHA1 = 2,     /**< SHA-1. */
    S2N_TLS_HASH_SHA224 = 3,   /**< SHA-224. */
    S2N_TLS_HASH_SHA256 = 4,   /**< SHA-256. */
    S2N_TLS_HASH_SHA384 = 5,   /**< SHA-384. */
    S2N_TLS_HASH_SHA512 = 6,   /**< SHA-512. */
    S2N_TLS_HASH_MD5_SHA1 = 224, /**< MD5+SHA-1. */
} s2n_tls_hash_algorithm;

/**
 * Host name check: called with each DNS name (and IP address) of the peer's
 * certificate; return 1 to accept the name.
 */
typedef uint8_t (*s2n_verify_host_fn)(const char *host_name, size_t host_name_len, void *data);

/** NSS key log callback: called once per secret with a line (no newline). */
typedef int (*s2n_key_log_fn)(void *ctx, struct s2n_connection *conn, uint8_t *logline, size_t len);

/** @return a new, empty certificate chain and key, or NULL. */
S2N_API extern struct s2n_cert_chain_and_key *s2n_cert_chain_and_key_new(void);

/**
 * Load a PEM chain (leaf first) and its PEM private key.
 * @param chain_and_key the object
 * @param chain_pem NUL-terminated PEM certificates
 * @param private_key_pem NUL-terminated PEM private key
 * @return #S2N_SUCCESS, or #S2N_FAILURE (S2N_ERR_KEY_MISMATCH when the key does not match the leaf).
 */
S2N_API extern int s2n_cert_chain_and_key_load_pem(struct s2n_cert_chain_and_key *chain_and_key, const char *chain_pem, const char *private_key_pem);

/**
 * As s2n_cert_chain_and_key_load_pem(), with explicit lengths.
 * @param chain_and_key the object
 * @param chain_pem PEM certificates
 * @param chain_pem_len their length
 * @param private_key_pem PEM private key
 * @param private_key_pem_len its length
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_cert_chain_and_key_load_pem_bytes(struct s2n_cert_chain_and_key *chain_and_key, uint8_t *chain_pem, uint32_t chain_pem_len,
        uint8_t *private_key_pem, uint32_t private_key_pem_len);

/**
 * Free a certificate chain and key; no config may still use it.
 * @param cert_and_key the object
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_cert_chain_and_key_free(struct s2n_cert_chain_and_key *cert_and_key);

/**
 * Serve (or, for a client, present) this chain.  Not copied: it must outlive the config.
 * @param config the config
 * @param cert_key_pair the chain and key
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_add_cert_chain_and_key_to_store(struct s2n_config *config, struct s2n_cert_chain_and_key *cert_key_pair);

/**
 * Add trust anchors from a PEM file and/or a hashed certificate directory.
 * @param config the config
 * @param ca_pem_filename PEM file, or NULL
 * @param ca_dir directory, or NULL
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_set_verification_ca_location(struct s2n_config *config, const char *ca_pem_filename, const char *ca_dir);

/**
 * Add the PEM certificates in @p pem to the trust store (strict: any junk fails).
 * @param config the config
 * @param pem NUL-terminated PEM
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_add_pem_to_trust_store(struct s2n_config *config, const char *pem);

/**
 * Empty the trust store, system CAs included.
 * @param config the config
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_wipe_trust_store(struct s2n_config *config);

/**
 * Load the system CA certificates; fails if they are already loaded.
 * @param config the config
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_load_system_certs(struct s2n_config *config);

/**
 * Replace the default host name check.
 * @param config the config
 * @param host_fn called for each name of the peer's certificate
 * @param data passed to @p host_fn
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_set_verify_host_callback(struct s2n_config *config, s2n_verify_host_fn host_fn, void *data);

/**
 * Accept any peer certificate: no chain or host name validation.  For tests only.
 * @param config the config
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_disable_x509_verification(struct s2n_config *config);

/**
 * Upper bound of the delay after a failure (default 30 s); 0 disables blinding.
 * @param config the config
 * @param seconds the bound
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_set_max_blinding_delay(struct s2n_config *config, uint32_t seconds);

/**
 * Replace the ALPN protocol list (most preferred first).
 * @param config the config
 * @param protocols the names (1 to 255 bytes each)
 * @param protocol_count how many
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_set_protocol_preferences(struct s2n_config *config, const char *const *protocols, int protocol_count);

/**
 * Enable or disable session tickets.  With tickets off, a server sends no
 * NewSessionTicket.  (Resumption is not implemented yet.)
 * @param config the config
 * @param enabled 1 or 0
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_set_session_tickets_onoff(struct s2n_config *config, uint8_t enabled);

/**
 * Install an NSS key log callback.
 * @param config the config
 * @param callback called with each key log line
 * @param ctx passed to @p callback
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_config_set_key_log_cb(struct s2n_config *config, s2n_key_log_fn callback, void *ctx);

/**
 * Per-connection security policy override.
 * @param conn the connection
 * @param version the policy name
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_cipher_preferences(struct s2n_connection *conn, const char *version);

/**
 * Per-connection ALPN list.
 * @param conn the connection
 * @param protocols the names
 * @param protocol_count how many
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_protocol_preferences(struct s2n_connection *conn, const char *const *protocols, int protocol_count);

/**
 * Client only: the SNI host name (at most 255 bytes), also used by the
 * default host name check.
 * @param conn the connection
 * @param server_name the name
 * @return #S2N_SUCCESS or #S2N_FAILURE (S2N_ERR_CLIENT_MODE on a server).
 */
S2N_API extern int s2n_set_server_name(struct s2n_connection *conn, const char *server_name);

/**
 * @param conn the connection
 * @return the SNI name received (server) or set (client), or NULL.
 */
S2N_API extern const char *s2n_get_server_name(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return the negotiated ALPN protocol, or NULL.
 */
S2N_API extern const char *s2n_get_application_protocol(struct s2n_connection *conn);

/**
 * Choose who waits out the delay after a failure.
 * @param conn the connection
 * @param blinding #S2N_BUILT_IN_BLINDING or #S2N_SELF_SERVICE_BLINDING
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_set_blinding(struct s2n_connection *conn, s2n_blinding blinding);

/**
 * @param conn the connection
 * @return nanoseconds of blinding delay still to wait (self-service blinding).
 */
S2N_API extern uint64_t s2n_connection_get_delay(struct s2n_connection *conn);

/**
 * Send records of up to 16 KiB.
 * @param conn the connection
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_prefer_throughput(struct s2n_connection *conn);

/**
 * Send records that fit one 1500-byte packet (1435 bytes of data).
 * @param conn the connection
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_prefer_low_latency(struct s2n_connection *conn);

/**
 * Dynamic record sizes: send records that fit one 1500-byte packet for the
 * first @p resize_threshold bytes, then records of the preferred size; after
 * @p timeout_threshold seconds without a send, start small again.
 * @param conn the connection
 * @param resize_threshold bytes to send in small records (at most 8 MiB; 0 turns it off)
 * @param timeout_threshold idle seconds before the small records start again (0: never)
 * @return #S2N_SUCCESS, or #S2N_FAILURE (S2N_ERR_INVALID_DYNAMIC_THRESHOLD above 8 MiB).
 */
S2N_API extern int s2n_connection_set_dynamic_record_threshold(struct s2n_connection *conn, uint32_t resize_threshold,
        uint16_t timeout_threshold);

/**
 * Schedule a TLS 1.3 KeyUpdate, sent on the next s2n_send().
 * @param conn the connection
 * @param peer_request only #S2N_KEY_UPDATE_NOT_REQUESTED is accepted
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_request_key_update(struct s2n_connection *conn, s2n_peer_key_update peer_request);

/**
 * Drive the handshake.
 * @param conn the connection
 * @param[out] blocked what the call waits for when it returns blocked
 * @return #S2N_SUCCESS once the handshake is complete; #S2N_FAILURE with an
 *         error of type S2N_ERR_T_BLOCKED to be retried, or any other type for a fatal error.
 */
S2N_API extern int s2n_negotiate(struct s2n_connection *conn, s2n_blocked_status *blocked);

/**
 * Encrypt and send application data.
 * @param conn the connection
 * @param buf the data
 * @param size its length
 * @param[out] blocked what the call waits for
 * @return the number of bytes accepted (may be fewer than @p size), or -1.
 */
S2N_API extern ssize_t s2n_send(struct s2n_connection *conn, const void *buf, ssize_t size, s2n_blocked_status *blocked);

/**
 * s2n_send() over an array of buffers.
 * @param conn the connection
 * @param bufs the buffers
 * @param count how many
 * @param[out] blocked what the call waits for
 * @return the number of bytes accepted, or -1.
 */
S2N_API extern ssize_t s2n_sendv(struct s2n_connection *conn, const struct iovec *bufs, ssize_t count, s2n_blocked_status *blocked);

/**
 * s2n_sendv() starting @p offs bytes into the buffers.
 * @param conn the connection
 * @param bufs the buffers
 * @param count how many
 * @param offs bytes to skip
 * @param[out] blocked what the call waits for
 * @return the number of bytes accepted, or -1.
 */
S2N_API extern ssize_t s2n_sendv_with_offset(struct s2n_connection *conn, const struct iovec *bufs, ssize_t count, ssize_t offs,
        s2n_blocked_status *blocked);

/**
 * Receive application data (at most one record's worth per call).
 *
 * When @p size can hold a whole record's content, the record is read from
 * the transport into @p buf and decrypted there, without passing through the
 * connection's own buffer; so the bytes of @p buf past the returned count may
 * be overwritten (they hold nothing of a record that failed to decrypt).
 * @param conn the connection
 * @param buf where to put it
 * @param size room in @p buf
 * @param[out] blocked what the call waits for
 * @return bytes received, 0 once the peer has sent close_notify, or -1.
 */
S2N_API extern ssize_t s2n_recv(struct s2n_connection *conn, void *buf, ssize_t size, s2n_blocked_status *blocked);

/**
 * @param conn the connection
 * @return bytes of decrypted application data waiting for s2n_recv().
 */
S2N_API extern uint32_t s2n_peek(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return bytes read from the transport and not yet processed (whole records
 *         not yet decrypted, or the start of one); 0 on NULL.  With recv
 *         buffering, while it is not 0 call s2n_recv() before polling the
 *         socket.
 */
S2N_API extern uint32_t s2n_peek_buffered(struct s2n_connection *conn);

/**
 * Close gracefully: send close_notify and wait for the peer's.
 * @param conn the connection
 * @param[out] blocked what the call waits for
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_shutdown(struct s2n_connection *conn, s2n_blocked_status *blocked);

/**
 * Half-close: send close_notify without waiting; reading stays possible.
 * @param conn the connection
 * @param[out] blocked what the call waits for
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_shutdown_send(struct s2n_connection *conn, s2n_blocked_status *blocked);

/**
 * @param conn the connection
 * @return the highest version the client offered (see the version table in the README).
 */
S2N_API extern int s2n_connection_get_client_protocol_version(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return the server's highest version (server side) or the version the server chose (client side).
 */
S2N_API extern int s2n_connection_get_server_protocol_version(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return the negotiated protocol version.
 */
S2N_API extern int s2n_connection_get_actual_protocol_version(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return the version of the ClientHello, at most #S2N_TLS12; 0 before one.
 */
S2N_API extern int s2n_connection_get_client_hello_version(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return the negotiated cipher suite's name, or "TLS_NULL_WITH_NULL_NULL".
 */
S2N_API extern const char *s2n_connection_get_cipher(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @param[out] first first IANA byte of the negotiated suite
 * @param[out] second second IANA byte
 * @return #S2N_SUCCESS, or #S2N_FAILURE (S2N_ERR_INVALID_STATE before negotiation).
 */
S2N_API extern int s2n_connection_get_cipher_iana_value(struct s2n_connection *conn, uint8_t *first, uint8_t *second);

/**
 * @param conn the connection
 * @return the ECDHE curve, such as "x25519", or "NONE".
 */
S2N_API extern const char *s2n_connection_get_curve(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return the post-quantum group name: always "NONE" with OpenSSL libcrypto.
 */
S2N_API extern const char *s2n_connection_get_kem_group_name(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @param[out] group_name the negotiated key exchange group
 * @return #S2N_SUCCESS, or #S2N_FAILURE (S2N_ERR_INVALID_STATE when none).
 */
S2N_API extern int s2n_connection_get_key_exchange_group(struct s2n_connection *conn, const char **group_name);

/**
 * @param conn the connection
 * @return the description of the alert received from the peer, or -1 (S2N_ERR_NO_ALERT).
 */
S2N_API extern int s2n_connection_get_alert(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return the handshake's flags joined by '|', such as "NEGOTIATED|FULL_HANDSHAKE|MIDDLEBOX_COMPAT".
 */
S2N_API extern const char *s2n_connection_get_handshake_type_name(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @return the name of the current handshake message, such as "APPLICATION_DATA".
 */
S2N_API extern const char *s2n_connection_get_last_message_name(struct s2n_connection *conn);

/**
 * @param conn the connection
 * @param[out] chosen_alg the server's signature algorithm
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_get_selected_signature_algorithm(struct s2n_connection *conn, s2n_tls_signature_algorithm *chosen_alg);

/**
 * @param conn the connection
 * @param[out] chosen_alg the hash of the server's signature
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_get_selected_digest_algorithm(struct s2n_connection *conn, s2n_tls_hash_algorithm *chosen_alg);

/**
 * @param conn the connection
 * @param[out] chosen_alg the client's signature algorithm (anonymous: no client authentication)
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_get_selected_client_cert_signature_algorithm(struct s2n_connection *conn, s2n_tls_signature_algorithm *chosen_alg);

/**
 * @param conn the connection
 * @param[out] chosen_alg the hash of the client's signature
 * @return #S2N_SUCCESS or #S2N_FAILURE.
 */
S2N_API extern int s2n_connection_get_selected_client_cert_digest_algorithm(struct s2n_connection *conn, s2n_tls_hash_algorithm *chosen_alg);

#ifdef __cplusplus
}
#endif

#endif /* S2N_H */
