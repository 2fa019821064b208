/* The one table of error codes: X(NAME, "English text"), grouped by type.
 *
 * A code is (type << 26) | index, index being the entry's position within its
 * group.  The PROTO, INTERNAL and USAGE groups start with s2n-tls's own codes
 * in s2n-tls's order, so the numeric values and s2n_strerror_name() agree
 * with s2n-tls; then come codes s2n-tls added later (their s2n-tls position
 * is not verified, so their values may differ), then codes only libs2n has.
 * The texts are libs2n's own, except those that API.md quotes, which are
 * exact.  Append new codes at the END of a group so shipped codes keep their
 * values. */
#ifndef S2N_ERROR_TABLE_H
#define S2N_ERROR_TABLE_H

#define S2N_ERRORS_OK(X) \
    X(S2N_ERR_OK, "no error")

#define S2N_ERRORS_IO(X) \
    X(S2N_ERR_IO, "underlying I/O operation failed, check system errno")

#define S2N_ERRORS_CLOSED(X) \
    X(S2N_ERR_CLOSED, "connection is closed")

#define S2N_ERRORS_BLOCKED(X) \
    X(S2N_ERR_IO_BLOCKED, "underlying I/O operation would block") \
    X(S2N_ERR_ASYNC_BLOCKED, "waiting for an asynchronous callback to complete") \
    X(S2N_ERR_EARLY_DATA_BLOCKED, "waiting for the application to handle early data") \
    X(S2N_ERR_APP_DATA_BLOCKED, "application data arrived while a handshake was in progress")

#define S2N_ERRORS_ALERT(X) \
    X(S2N_ERR_ALERT, "TLS alert received")

#define S2N_ERRORS_PROTO(X) \
    X(S2N_ERR_ENCRYPT, "record encryption failed") \
    X(S2N_ERR_DECRYPT, "record decryption or authentication failed") \
    X(S2N_ERR_BAD_MESSAGE, "Bad message encountered") \
    X(S2N_ERR_UNEXPECTED_CERT_REQUEST, "server requested a client certificate but this client does not authenticate") \
    X(S2N_ERR_MISSING_CERT_REQUEST, "client authentication is required but the server sent no CertificateRequest") \
    X(S2N_ERR_MISSING_CLIENT_CERT, "a client certificate is required but the client sent none") \
    X(S2N_ERR_KEY_INIT, "could not set up an encryption key") \
    X(S2N_ERR_KEY_DESTROY, "could not release an encryption key") \
    X(S2N_ERR_DH_SERIALIZING, "could not encode Diffie-Hellman parameters") \
    X(S2N_ERR_DH_SHARED_SECRET, "could not compute the Diffie-Hellman shared secret") \
    X(S2N_ERR_DH_WRITING_PUBLIC_KEY, "could not write the Diffie-Hellman public value") \
    X(S2N_ERR_DH_FAILED_SIGNING, "could not sign the Diffie-Hellman parameters") \
    X(S2N_ERR_DH_COPYING_PARAMETERS, "could not duplicate Diffie-Hellman parameters") \
    X(S2N_ERR_DH_GENERATING_PARAMETERS, "could not generate a Diffie-Hellman key pair") \
    X(S2N_ERR_CIPHER_NOT_SUPPORTED, "no cipher suite in common with the peer") \
    X(S2N_ERR_NO_APPLICATION_PROTOCOL, "no application protocol (ALPN) in common with the peer") \
    X(S2N_ERR_FALLBACK_DETECTED, "peer signalled an inappropriate version fallback") \
    X(S2N_ERR_HASH_DIGEST_FAILED, "could not finish a hash computation") \
    X(S2N_ERR_HASH_INIT_FAILED, "could not start a hash computation") \
    X(S2N_ERR_HASH_UPDATE_FAILED, "could not feed data to a hash computation") \
    X(S2N_ERR_HASH_COPY_FAILED, "could not duplicate a hash state") \
    X(S2N_ERR_HASH_WIPE_FAILED, "could not reset a hash state") \
    X(S2N_ERR_HASH_NOT_READY, "hash state is not ready for this operation") \
    X(S2N_ERR_ALLOW_MD5_FOR_FIPS_FAILED, "could not permit MD5 for the TLS PRF in FIPS mode") \
    X(S2N_ERR_DECODE_CERTIFICATE, "could not parse a certificate") \
    X(S2N_ERR_DECODE_PRIVATE_KEY, "could not parse a private key") \
    X(S2N_ERR_INVALID_HELLO_RETRY, "HelloRetryRequest is not valid here") \
    X(S2N_ERR_INVALID_SIGNATURE_ALGORITHM, "signature algorithm not acceptable") \
    X(S2N_ERR_INVALID_SIGNATURE_SCHEME, "signature scheme not acceptable") \
    X(S2N_ERR_NO_VALID_SIGNATURE_SCHEME, "no signature scheme in common with the peer") \
    X(S2N_ERR_CBC_VERIFY, "CBC padding or MAC check failed") \
    X(S2N_ERR_DH_COPYING_PUBLIC_KEY, "could not duplicate a Diffie-Hellman public value") \
    X(S2N_ERR_SIGN, "signing failed") \
    X(S2N_ERR_VERIFY_SIGNATURE, "signature did not verify") \
    X(S2N_ERR_ECDHE_GEN_KEY, "could not generate an ephemeral key share") \
    X(S2N_ERR_ECDHE_SHARED_SECRET, "could not compute the key exchange shared secret") \
    X(S2N_ERR_ECDHE_UNSUPPORTED_CURVE, "key exchange group not supported") \
    X(S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, "peer's key share is not a valid point") \
    X(S2N_ERR_ECDHE_INVALID_PUBLIC_KEY_FIPS, "peer's key share failed the FIPS point checks") \
    X(S2N_ERR_ECDSA_UNSUPPORTED_CURVE, "ECDSA curve not supported for this signature scheme") \
    X(S2N_ERR_ECDHE_SERIALIZING, "could not encode an ephemeral public key") \
    X(S2N_ERR_KEM_UNSUPPORTED_PARAMS, "KEM parameters not supported") \
    X(S2N_ERR_SHUTDOWN_RECORD_TYPE, "expected an alert during shutdown but received another record type") \
    X(S2N_ERR_SHUTDOWN_CLOSED, "peer closed the transport without sending close_notify") \
    X(S2N_ERR_NON_EMPTY_RENEGOTIATION_INFO, "renegotiation_info extension must be empty here") \
    X(S2N_ERR_RECORD_LIMIT, "record count limit for the current keys reached") \
    X(S2N_ERR_CERT_UNTRUSTED, "Certificate is untrusted") \
    X(S2N_ERR_CERT_REVOKED, "certificate was revoked by its issuer") \
    X(S2N_ERR_CERT_NOT_YET_VALID, "certificate validity period has not started") \
    X(S2N_ERR_CERT_EXPIRED, "certificate validity period has ended") \
    X(S2N_ERR_CERT_TYPE_UNSUPPORTED, "certificate key type not supported") \
    X(S2N_ERR_CERT_INVALID, "certificate is malformed or not valid") \
    X(S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED, "certificate chain is longer than allowed") \
    X(S2N_ERR_CERT_REJECTED, "certificate rejected by the application's validation callback") \
    X(S2N_ERR_CRL_LOOKUP_FAILED, "no CRL available for a certificate in the chain") \
    X(S2N_ERR_CRL_SIGNATURE, "CRL signature did not verify") \
    X(S2N_ERR_CRL_ISSUER, "could not find the issuer of a CRL") \
    X(S2N_ERR_CRL_UNHANDLED_CRITICAL_EXTENSION, "CRL has a critical extension that is not understood") \
    X(S2N_ERR_CRL_INVALID_THIS_UPDATE, "CRL thisUpdate field is not valid") \
    X(S2N_ERR_CRL_INVALID_NEXT_UPDATE, "CRL nextUpdate field is not valid") \
    X(S2N_ERR_CRL_NOT_YET_VALID, "CRL is not valid yet") \
    X(S2N_ERR_CRL_EXPIRED, "CRL is out of date") \
    X(S2N_ERR_INVALID_MAX_FRAG_LEN, "max_fragment_length value not valid") \
    X(S2N_ERR_MAX_FRAG_LEN_MISMATCH, "server's max_fragment_length differs from the one the client asked for") \
    X(S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED, "protocol version not allowed by the security policy") \
    X(S2N_ERR_BAD_KEY_SHARE, "key share not valid") \
    X(S2N_ERR_CANCELLED, "handshake cancelled") \
    X(S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED, "server random shows a protocol downgrade") \
    X(S2N_ERR_MAX_INNER_PLAINTEXT_SIZE, "decrypted record is larger than allowed") \
    X(S2N_ERR_RECORD_STUFFER_SIZE, "not enough room in the record buffer") \
    X(S2N_ERR_FRAGMENT_LENGTH_TOO_LARGE, "fragment length above the maximum") \
    X(S2N_ERR_FRAGMENT_LENGTH_TOO_SMALL, "fragment length below the minimum") \
    X(S2N_ERR_RECORD_STUFFER_NEEDS_DRAINING, "record buffer must be emptied first") \
    X(S2N_ERR_MISSING_EXTENSION, "a required extension is missing") \
    X(S2N_ERR_UNSUPPORTED_EXTENSION, "extension not allowed in this message") \
    X(S2N_ERR_DUPLICATE_EXTENSION, "same extension appears more than once") \
    X(S2N_ERR_MAX_EARLY_DATA_SIZE, "more early data than allowed") \
    X(S2N_ERR_EARLY_DATA_TRIAL_DECRYPT, "could not skip rejected early data") \
    X(S2N_ERR_NO_RENEGOTIATION, "renegotiation is only supported when server-initiated and secure") \
    X(S2N_ERR_KTLS_KEYUPDATE, "peer updated its keys but the kernel TLS offload cannot") \
    /* codes s2n-tls added later (order unverified) */ \
    X(S2N_ERR_CERT_INTENT_INVALID, "certificate key usage does not allow this purpose") \
    /* libs2n only */ \
    X(S2N_ERR_UNSUPPORTED_EXTENSION_TYPE, "extension type not supported") \
    X(S2N_ERR_BAD_KEY_UPDATE, "KeyUpdate carries an invalid request value") \
    X(S2N_ERR_UNEXPECTED_MESSAGE, "handshake message not expected in this state") \
    X(S2N_ERR_RECORD_TOO_LARGE, "record longer than the protocol allows") \
    X(S2N_ERR_EMPTY_RECORD, "empty record where content is required") \
    X(S2N_ERR_CCS_NOT_ALLOWED, "change_cipher_spec not allowed here") \
    X(S2N_ERR_NO_SUPPORTED_GROUP, "no key exchange group in common with the peer") \
    X(S2N_ERR_NO_SUPPORTED_VERSION, "no protocol version in common with the peer") \
    X(S2N_ERR_HOST_NAME_MISMATCH, "certificate is not valid for the expected host name") \
    X(S2N_ERR_FINISHED_VERIFY, "Finished message did not verify") \
    X(S2N_ERR_RENEGOTIATION_REFUSED, "renegotiation refused")

#define S2N_ERRORS_INTERNAL(X) \
    X(S2N_ERR_MADVISE, "madvise failed") \
    X(S2N_ERR_ALLOC, "memory allocation failed") \
    X(S2N_ERR_MLOCK, "mlock failed (check the locked-memory limit)") \
    X(S2N_ERR_MUNLOCK, "munlock failed") \
    X(S2N_ERR_FSTAT, "fstat failed") \
    X(S2N_ERR_OPEN, "open failed") \
    X(S2N_ERR_MMAP, "mmap failed") \
    X(S2N_ERR_ATEXIT, "could not register the atexit handler") \
    X(S2N_ERR_NOMEM, "out of memory") \
    X(S2N_ERR_NULL, "unexpected NULL pointer") \
    X(S2N_ERR_SAFETY, "internal safety check failed") \
    X(S2N_ERR_INITIALIZED, "library is already initialized") \
    X(S2N_ERR_NOT_INITIALIZED, "library is not initialized") \
    X(S2N_ERR_RANDOM_UNINITIALIZED, "random number generator is not initialized") \
    X(S2N_ERR_OPEN_RANDOM, "could not open the system random source") \
    X(S2N_ERR_RESIZE_STATIC_STUFFER, "a fixed-size buffer cannot grow") \
    X(S2N_ERR_RESIZE_TAINTED_STUFFER, "a buffer with outstanding borrowed pointers cannot grow") \
    X(S2N_ERR_STUFFER_OUT_OF_DATA, "not enough data left to read") \
    X(S2N_ERR_STUFFER_IS_FULL, "no space left to write") \
    X(S2N_ERR_STUFFER_NOT_FOUND, "expected bytes not found in buffer") \
    X(S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA, "buffer still holds unread data") \
    X(S2N_ERR_HASH_INVALID_ALGORITHM, "hash algorithm not valid") \
    X(S2N_ERR_PRF_INVALID_ALGORITHM, "PRF hash algorithm not valid") \
    X(S2N_ERR_PRF_INVALID_SEED, "PRF seed not valid") \
    X(S2N_ERR_PRF_DERIVE, "PRF derivation failed") \
    X(S2N_ERR_P_HASH_INVALID_ALGORITHM, "P_hash algorithm not valid") \
    X(S2N_ERR_P_HASH_INIT_FAILED, "could not start P_hash") \
    X(S2N_ERR_P_HASH_UPDATE_FAILED, "could not feed data to P_hash") \
    X(S2N_ERR_P_HASH_FINAL_FAILED, "could not finish P_hash") \
    X(S2N_ERR_P_HASH_WIPE_FAILED, "could not reset P_hash") \
    X(S2N_ERR_HMAC_INVALID_ALGORITHM, "HMAC algorithm not valid") \
    X(S2N_ERR_HKDF_OUTPUT_SIZE, "HKDF output length not valid") \
    X(S2N_ERR_HKDF, "HKDF computation failed") \
    X(S2N_ERR_ALERT_PRESENT, "an alert is already queued") \
    X(S2N_ERR_HANDSHAKE_STATE, "handshake state machine is in an invalid state") \
    X(S2N_ERR_SHUTDOWN_PAUSED, "shutdown called while the connection is paused") \
    X(S2N_ERR_SIZE_MISMATCH, "sizes do not match") \
    X(S2N_ERR_DRBG, "random bit generator failed") \
    X(S2N_ERR_DRBG_REQUEST_SIZE, "too many random bytes requested at once") \
    X(S2N_ERR_KEY_CHECK, "key failed its consistency check") \
    X(S2N_ERR_CIPHER_TYPE, "unknown cipher type") \
    X(S2N_ERR_MAP_DUPLICATE, "key already present in map") \
    X(S2N_ERR_MAP_IMMUTABLE, "map is read-only") \
    X(S2N_ERR_MAP_MUTABLE, "map must be made read-only before lookups") \
    X(S2N_ERR_MAP_INVALID_MAP_SIZE, "map capacity must be non-zero") \
    X(S2N_ERR_INITIAL_HMAC, "could not set the MAC key of a composite cipher") \
    X(S2N_ERR_INVALID_NONCE_TYPE, "AEAD nonce type not valid") \
    X(S2N_ERR_UNIMPLEMENTED, "not implemented") \
    X(S2N_ERR_HANDSHAKE_UNREACHABLE, "handshake handler reached that should never run") \
    X(S2N_ERR_READ, "read failed") \
    X(S2N_ERR_WRITE, "write failed") \
    X(S2N_ERR_BAD_FD, "file descriptor not valid") \
    X(S2N_ERR_RDRAND_FAILED, "RDRAND instruction failed") \
    X(S2N_ERR_FAILED_CACHE_RETRIEVAL, "session cache lookup failed") \
    X(S2N_ERR_X509_TRUST_STORE, "could not set up the trust store") \
    X(S2N_ERR_UNKNOWN_PROTOCOL_VERSION, "could not determine the protocol version") \
    X(S2N_ERR_NULL_CN_NAME, "could not read certificate common names") \
    X(S2N_ERR_NULL_SANS, "could not read certificate subject alternative names") \
    X(S2N_ERR_CLIENT_HELLO_VERSION, "client hello version not available") \
    X(S2N_ERR_CLIENT_PROTOCOL_VERSION, "client protocol version not available") \
    X(S2N_ERR_SERVER_PROTOCOL_VERSION, "server protocol version not available") \
    X(S2N_ERR_ACTUAL_PROTOCOL_VERSION, "negotiated protocol version not available") \
    X(S2N_ERR_POLLING_FROM_SOCKET, "poll on the socket failed") \
    X(S2N_ERR_RECV_STUFFER_FROM_CONN, "could not read from the connection into a buffer") \
    X(S2N_ERR_SEND_STUFFER_TO_CONN, "could not write a buffer to the connection") \
    X(S2N_ERR_PRECONDITION_VIOLATION, "precondition not met") \
    X(S2N_ERR_POSTCONDITION_VIOLATION, "postcondition not met") \
    X(S2N_ERR_INTEGER_OVERFLOW, "integer overflow") \
    X(S2N_ERR_ARRAY_INDEX_OOB, "array index out of range") \
    X(S2N_ERR_FREE_STATIC_BLOB, "a borrowed buffer cannot be freed") \
    X(S2N_ERR_RESIZE_STATIC_BLOB, "a borrowed buffer cannot be resized") \
    X(S2N_ERR_RECORD_LENGTH_TOO_LARGE, "record length above what the protocol version allows") \
    X(S2N_ERR_SET_DUPLICATE_VALUE, "value already present in set") \
    X(S2N_ERR_INVALID_PARSED_EXTENSIONS, "parsed extension data not valid") \
    X(S2N_ERR_ASYNC_CALLBACK_FAILED, "asynchronous private key callback failed") \
    X(S2N_ERR_ASYNC_MORE_THAN_ONE, "another asynchronous operation is already in progress") \
    X(S2N_ERR_PQ_CRYPTO, "post-quantum primitive failed") \
    X(S2N_ERR_INVALID_CERT_STATE, "certificate validation reached an invalid state") \
    X(S2N_ERR_INVALID_EARLY_DATA_STATE, "early data state not valid") \
    X(S2N_ERR_PKEY_CTX_INIT, "could not create a libcrypto key context") \
    X(S2N_ERR_FORK_DETECTION_INIT, "could not set up fork detection") \
    X(S2N_ERR_RETRIEVE_FORK_GENERATION_NUMBER, "could not read the fork generation number") \
    X(S2N_ERR_LIBCRYPTO_VERSION_NUMBER_MISMATCH, "libcrypto major version at run time differs from build time") \
    X(S2N_ERR_LIBCRYPTO_VERSION_NAME_MISMATCH, "libcrypto name at run time differs from build time") \
    X(S2N_ERR_INTERNAL_LIBCRYPTO_ERROR, "libcrypto reported an internal error") \
    X(S2N_ERR_OSSL_PROVIDER, "could not load or unload an OpenSSL provider") \
    X(S2N_ERR_BAD_HEX, "hex string is malformed") \
    X(S2N_ERR_TEST_ASSERTION, "test assertion failed") \
    X(S2N_ERR_CONFIG_NULL_BEFORE_CH_CALLBACK, "config was cleared before the client hello callback ran") \
    /* libs2n only */ \
    X(S2N_ERR_NO_SUPPORTED_LIBCRYPTO_API, "libcrypto does not provide the needed function") \
    X(S2N_ERR_OPENSSL, "libcrypto call failed")

#define S2N_ERRORS_USAGE(X) \
    X(S2N_ERR_NO_ALERT, "no alert has been received") \
    X(S2N_ERR_SERVER_MODE, "not allowed on a server connection") \
    X(S2N_ERR_CLIENT_MODE, "not allowed on a client connection") \
    X(S2N_ERR_CLIENT_MODE_DISABLED, "client connections are disabled for this config") \
    X(S2N_ERR_TOO_MANY_CERTIFICATES, "a client may only have one certificate chain") \
    X(S2N_ERR_TOO_MANY_SIGNATURE_SCHEMES, "signature scheme list is longer than supported") \
    X(S2N_ERR_CLIENT_AUTH_NOT_SUPPORTED_IN_FIPS_MODE, "client authentication is not available in FIPS mode") \
    X(S2N_ERR_INVALID_BASE64, "base64 data not valid") \
    X(S2N_ERR_INVALID_HEX, "hex data not valid") \
    X(S2N_ERR_INVALID_PEM, "PEM data not valid") \
    X(S2N_ERR_DH_PARAMS_CREATE, "could not create Diffie-Hellman parameters") \
    X(S2N_ERR_DH_TOO_SMALL, "Diffie-Hellman group is too small") \
    X(S2N_ERR_DH_PARAMETER_CHECK, "Diffie-Hellman parameters failed validation") \
    X(S2N_ERR_INVALID_PKCS3, "PKCS#3 data not valid") \
    X(S2N_ERR_NO_CERTIFICATE_IN_PEM, "PEM data contains no certificate") \
    X(S2N_ERR_SERVER_NAME_TOO_LONG, "server name is too long") \
    X(S2N_ERR_NUM_DEFAULT_CERTIFICATES, "wrong number of default certificates") \
    X(S2N_ERR_MULTIPLE_DEFAULT_CERTIFICATES_PER_AUTH_TYPE, "only one default certificate per authentication type is allowed") \
    X(S2N_ERR_INVALID_CIPHER_PREFERENCES, "unknown cipher preferences") \
    X(S2N_ERR_INVALID_APPLICATION_PROTOCOL, "application protocol name not valid") \
    X(S2N_ERR_KEY_MISMATCH, "private key does not match the certificate's public key") \
    X(S2N_ERR_SEND_SIZE, "a retried send must pass at least the data of the blocked call") \
    X(S2N_ERR_CORK_SET_ON_UNMANAGED, "cannot manage corking when the application owns the I/O") \
    X(S2N_ERR_UNRECOGNIZED_EXTENSION, "extension type not recognized") \
    X(S2N_ERR_EXTENSION_NOT_RECEIVED, "extension was not received") \
    X(S2N_ERR_INVALID_SCT_LIST, "SCT list not valid") \
    X(S2N_ERR_INVALID_OCSP_RESPONSE, "OCSP response not valid") \
    X(S2N_ERR_UPDATING_EXTENSION, "could not update extension data") \
    X(S2N_ERR_INVALID_SERIALIZED_SESSION_STATE, "serialized session state is malformed") \
    X(S2N_ERR_SERIALIZED_SESSION_STATE_TOO_LONG, "serialized session state is too long") \
    X(S2N_ERR_SESSION_ID_TOO_LONG, "session ID is too long") \
    X(S2N_ERR_CLIENT_AUTH_NOT_SUPPORTED_IN_SESSION_RESUMPTION_MODE, "client auth cannot be combined with session resumption") \
    X(S2N_ERR_INVALID_TICKET_KEY_LENGTH, "session ticket key must not be empty") \
    X(S2N_ERR_INVALID_TICKET_KEY_NAME_OR_NAME_LENGTH, "session ticket key name must be non-empty and unique") \
    X(S2N_ERR_TICKET_KEY_NOT_UNIQUE, "session ticket key was already added") \
    X(S2N_ERR_TICKET_KEY_LIMIT, "too many session ticket keys") \
    X(S2N_ERR_NO_TICKET_ENCRYPT_DECRYPT_KEY, "no session ticket key is currently usable for encryption") \
    X(S2N_ERR_ENCRYPT_DECRYPT_KEY_SELECTION_FAILED, "could not choose a session ticket key") \
    X(S2N_ERR_KEY_USED_IN_SESSION_TICKET_NOT_FOUND, "the key that encrypted this session ticket is unknown") \
    X(S2N_ERR_SENDING_NST, "session ticket cannot be sent in the current state") \
    X(S2N_ERR_INVALID_DYNAMIC_THRESHOLD, "dynamic record size threshold not valid") \
    X(S2N_ERR_INVALID_ARGUMENT, "invalid argument") \
    X(S2N_ERR_NOT_IN_UNIT_TEST, "only allowed in unit tests") \
    X(S2N_ERR_NOT_IN_TEST, "only allowed in tests") \
    X(S2N_ERR_UNSUPPORTED_CPU, "CPU architecture not supported") \
    X(S2N_ERR_SESSION_ID_TOO_SHORT, "session ID is too short") \
    X(S2N_ERR_CONNECTION_CACHING_DISALLOWED, "this connection may not be cached") \
    X(S2N_ERR_SESSION_TICKET_NOT_SUPPORTED, "session tickets are not available on this connection") \
    X(S2N_ERR_OCSP_NOT_SUPPORTED, "OCSP stapling requested but not available") \
    X(S2N_ERR_INVALID_SIGNATURE_ALGORITHMS_PREFERENCES, "unknown signature preferences") \
    X(S2N_ERR_RSA_PSS_NOT_SUPPORTED, "libcrypto cannot do RSA-PSS") \
    X(S2N_ERR_INVALID_ECC_PREFERENCES, "unknown group preferences") \
    X(S2N_ERR_INVALID_SECURITY_POLICY, "unknown security policy") \
    X(S2N_ERR_INVALID_KEM_PREFERENCES, "unknown KEM preferences") \
    X(S2N_ERR_ASYNC_ALREADY_PERFORMED, "asynchronous operation was already performed") \
    X(S2N_ERR_ASYNC_NOT_PERFORMED, "asynchronous operation has not been performed yet") \
    X(S2N_ERR_ASYNC_WRONG_CONNECTION, "asynchronous operation belongs to another connection") \
    X(S2N_ERR_ASYNC_ALREADY_APPLIED, "asynchronous operation was already applied") \
    X(S2N_ERR_UNSUPPORTED_WITH_QUIC, "not available when QUIC support is on") \
    X(S2N_ERR_DUPLICATE_PSK_IDENTITIES, "two pre-shared keys have the same identity") \
    X(S2N_ERR_OFFERED_PSKS_TOO_LONG, "offered pre-shared keys do not fit in a ClientHello") \
    X(S2N_ERR_INVALID_SESSION_TICKET, "session ticket not valid") \
    X(S2N_ERR_REENTRANCY, "called again before the previous call finished") \
    X(S2N_ERR_INVALID_STATE, "operation not allowed in the current state") \
    X(S2N_ERR_EARLY_DATA_NOT_ALLOWED, "early data not allowed on this connection") \
    X(S2N_ERR_NO_CERT_FOUND, "no certificate found") \
    X(S2N_ERR_CERT_NOT_VALIDATED, "certificate has not been validated") \
    X(S2N_ERR_NO_PRIVATE_KEY, "certificate has no private key") \
    X(S2N_ERR_PSK_MODE, "resumption and external pre-shared keys cannot be mixed") \
    X(S2N_ERR_X509_EXTENSION_VALUE_NOT_FOUND, "certificate extension not present") \
    X(S2N_ERR_INVALID_X509_EXTENSION_TYPE, "certificate extension type not valid") \
    X(S2N_ERR_INSUFFICIENT_MEM_SIZE, "output buffer is too small") \
    X(S2N_ERR_KEYING_MATERIAL_EXPIRED, "connection keys are past their lifetime; a new full handshake is needed") \
    X(S2N_ERR_SECRET_SCHEDULE_STATE, "secret needed for this step is not available") \
    X(S2N_ERR_CERT_OWNERSHIP, "operation not allowed with this certificate chain ownership") \
    X(S2N_ERR_HANDSHAKE_NOT_COMPLETE, "handshake has not completed") \
    X(S2N_ERR_KTLS_MANAGED_IO, "kernel TLS cannot be used with application-provided I/O") \
    X(S2N_ERR_KTLS_UNSUPPORTED_PLATFORM, "kernel TLS not available on this platform") \
    X(S2N_ERR_KTLS_UNSUPPORTED_CONN, "kernel TLS not available for this connection") \
    X(S2N_ERR_KTLS_ENABLE, "could not enable kernel TLS on the socket") \
    X(S2N_ERR_KTLS_BAD_CMSG, "control message not valid") \
    X(S2N_ERR_KTLS_RENEG, "renegotiation is not possible with kernel TLS") \
    X(S2N_ERR_ATOMIC, "atomic operations would need a lock here") \
    X(S2N_ERR_KTLS_KEY_LIMIT, "key usage limit reached and the kernel cannot update keys") \
    X(S2N_ERR_SECURITY_POLICY_INCOMPATIBLE_CERT, "certificate not allowed by the security policy") \
    X(S2N_ERR_INVALID_SERIALIZED_CONNECTION, "serialized connection not valid") \
    X(S2N_ERR_TOO_MANY_CAS, "too many certificate authorities") \
    X(S2N_ERR_API_UNSUPPORTED_BY_LIBCRYPTO, "this function needs a libcrypto feature that is missing") \
    /* codes s2n-tls added later (order unverified) */ \
    X(S2N_ERR_DEPRECATED_SECURITY_POLICY, "security policy is deprecated; choose another") \
    X(S2N_ERR_FIPS_MODE_UNSUPPORTED, "FIPS mode not available with this libcrypto") \
    /* libs2n only */ \
    X(S2N_ERR_CONFIG_IN_USE, "config is still used by a connection")

#endif
