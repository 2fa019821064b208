/* The one table of error codes: X(NAME, "English text"), grouped by type.
 * Position within a group is the code's index; append new codes at the end
 * of a group so that shipped codes keep their values. */
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
    X(S2N_ERR_ASYNC_BLOCKED, "blocked on external async function invocation") \
    X(S2N_ERR_EARLY_DATA_BLOCKED, "blocked on early data") \
    X(S2N_ERR_APP_DATA_BLOCKED, "blocked on application data during renegotiation")

#define S2N_ERRORS_ALERT(X) \
    X(S2N_ERR_ALERT, "TLS alert received")

#define S2N_ERRORS_PROTO(X) \
    X(S2N_ERR_ENCRYPT, "error encrypting data") \
    X(S2N_ERR_DECRYPT, "error decrypting data") \
    X(S2N_ERR_BAD_MESSAGE, "Bad message encountered") \
    X(S2N_ERR_KEY_INIT, "error initializing encryption key") \
    X(S2N_ERR_KEY_DESTROY, "error destroying encryption key") \
    X(S2N_ERR_DH_SERIALIZING, "error serializing Diffie-Hellman parameters") \
    X(S2N_ERR_DH_SHARED_SECRET, "error computing Diffie-Hellman shared secret") \
    X(S2N_ERR_DH_WRITING_PUBLIC_KEY, "error writing Diffie-Hellman public key") \
    X(S2N_ERR_DH_FAILED_SIGNING, "error signing Diffie-Hellman values") \
    X(S2N_ERR_DH_COPYING_PARAMETERS, "error copying Diffie-Hellman parameters") \
    X(S2N_ERR_DH_GENERATING_PARAMETERS, "error generating Diffie-Hellman parameters") \
    X(S2N_ERR_CIPHER_NOT_SUPPORTED, "Cipher is not supported") \
    X(S2N_ERR_NO_APPLICATION_PROTOCOL, "No supported application protocol to negotiate") \
    X(S2N_ERR_FALLBACK_DETECTED, "TLS fallback detected") \
    X(S2N_ERR_HASH_DIGEST_FAILED, "failed to create hash digest") \
    X(S2N_ERR_HASH_INIT_FAILED, "error initializing hash") \
    X(S2N_ERR_HASH_UPDATE_FAILED, "error updating hash") \
    X(S2N_ERR_HASH_COPY_FAILED, "error copying hash") \
    X(S2N_ERR_HASH_WIPE_FAILED, "error wiping hash") \
    X(S2N_ERR_HASH_NOT_READY, "hash not in a valid state for the attempted operation") \
    X(S2N_ERR_ALLOW_MD5_FOR_FIPS_FAILED, "error allowing MD5 to be used when in FIPS mode") \
    X(S2N_ERR_DECODE_CERTIFICATE, "error decoding certificate") \
    X(S2N_ERR_DECODE_PRIVATE_KEY, "error decoding private key") \
    X(S2N_ERR_INVALID_HELLO_RETRY, "invalid hello retry request") \
    X(S2N_ERR_INVALID_SIGNATURE_ALGORITHM, "Invalid signature algorithm") \
    X(S2N_ERR_INVALID_SIGNATURE_SCHEME, "Invalid signature scheme") \
    X(S2N_ERR_NO_VALID_SIGNATURE_SCHEME, "Unable to negotiate a supported signature scheme") \
    X(S2N_ERR_CBC_VERIFY, "Failed CBC verification") \
    X(S2N_ERR_DH_COPYING_PUBLIC_KEY, "error copying Diffie-Hellman public key") \
    X(S2N_ERR_SIGN, "error signing data") \
    X(S2N_ERR_VERIFY_SIGNATURE, "error verifying signature") \
    X(S2N_ERR_ECDHE_GEN_KEY, "Failed to generate an ECDHE key") \
    X(S2N_ERR_ECDHE_SHARED_SECRET, "Error computing ECDHE shared secret") \
    X(S2N_ERR_ECDHE_UNSUPPORTED_CURVE, "Unsupported EC curve was presented during an ECDHE handshake") \
    X(S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, "Failed to validate the peer's point on the elliptic curve") \
    X(S2N_ERR_ECDHE_INVALID_PUBLIC_KEY_FIPS, "Failed to validate the peer's point on the elliptic curve, per FIPS requirements") \
    X(S2N_ERR_ECDSA_UNSUPPORTED_CURVE, "Unsupported EC curve was presented during an ECDSA SignatureScheme handshake") \
    X(S2N_ERR_ECDHE_SERIALIZING, "Error serializing ECDHE public") \
    X(S2N_ERR_KEM_UNSUPPORTED_PARAMS, "Unsupported KEM params was presented during a handshake that uses a KEM") \
    X(S2N_ERR_SHUTDOWN_RECORD_TYPE, "Non alert record received during s2n_shutdown()") \
    X(S2N_ERR_SHUTDOWN_CLOSED, "Peer closed before sending their close_notify") \
    X(S2N_ERR_NON_EMPTY_RENEGOTIATION_INFO, "renegotiation_info should be empty") \
    X(S2N_ERR_RECORD_LIMIT, "TLS record limit reached") \
    X(S2N_ERR_CERT_UNTRUSTED, "Certificate is untrusted") \
    X(S2N_ERR_CERT_REVOKED, "Certificate has been revoked by the CA") \
    X(S2N_ERR_CERT_NOT_YET_VALID, "Certificate is not yet valid") \
    X(S2N_ERR_CERT_EXPIRED, "Certificate has expired") \
    X(S2N_ERR_CERT_TYPE_UNSUPPORTED, "Certificate Type is unsupported") \
    X(S2N_ERR_CERT_INVALID, "Certificate is invalid") \
    X(S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED, "The maximum certificate chain depth has been exceeded") \
    X(S2N_ERR_CERT_REJECTED, "Certificate failed custom application validation") \
    X(S2N_ERR_CRL_LOOKUP_FAILED, "No CRL could be found for the corresponding certificate") \
    X(S2N_ERR_INVALID_MAX_FRAG_LEN, "invalid Maximum Fragmentation Length encountered") \
    X(S2N_ERR_MAX_FRAG_LEN_MISMATCH, "Negotiated Maximum Fragmentation Length from server does not match the requested length by client") \
    X(S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED, "TLS protocol version is not supported by configuration") \
    X(S2N_ERR_BAD_KEY_SHARE, "Bad key share received") \
    X(S2N_ERR_CANCELLED, "handshake was cancelled") \
    X(S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED, "Protocol downgrade detected by client") \
    X(S2N_ERR_MISSING_EXTENSION, "Mandatory extension not received") \
    X(S2N_ERR_UNSUPPORTED_EXTENSION, "Illegal use of a known, supported extension") \
    X(S2N_ERR_DUPLICATE_EXTENSION, "Each extension type may only be sent once") \
    X(S2N_ERR_MAX_INNER_PLAINTEXT_SIZE, "Inner plaintext size exceeds limit") \
    X(S2N_ERR_RECORD_STUFFER_SIZE, "Record stuffer out of space") \
    X(S2N_ERR_FRAGMENT_LENGTH_TOO_SMALL, "Fragment length is too small") \
    X(S2N_ERR_FRAGMENT_LENGTH_TOO_LARGE, "Fragment length is too large") \
    X(S2N_ERR_RECORD_STUFFER_NEEDS_DRAINING, "Record stuffer needs to be drained first") \
    X(S2N_ERR_UNSUPPORTED_EXTENSION_TYPE, "Unsupported extension type") \
    X(S2N_ERR_MISSING_CLIENT_CERT, "Server requires client certificate") \
    X(S2N_ERR_BAD_KEY_UPDATE, "Received KeyUpdate with an invalid value") \
    X(S2N_ERR_UNEXPECTED_CERT_REQUEST, "Client does not support mutual authentication") \
    X(S2N_ERR_UNEXPECTED_MESSAGE, "Unexpected handshake message") \
    X(S2N_ERR_RECORD_TOO_LARGE, "Record exceeds the maximum allowed size") \
    X(S2N_ERR_EMPTY_RECORD, "Empty record received where content was required") \
    X(S2N_ERR_CCS_NOT_ALLOWED, "change_cipher_spec record received where it is not allowed") \
    X(S2N_ERR_NO_SUPPORTED_GROUP, "No mutually supported key exchange group") \
    X(S2N_ERR_NO_SUPPORTED_VERSION, "No mutually supported protocol version") \
    X(S2N_ERR_HOST_NAME_MISMATCH, "Certificate does not match the expected host name") \
    X(S2N_ERR_FINISHED_VERIFY, "Finished message verification failed") \
    X(S2N_ERR_RENEGOTIATION_REFUSED, "Renegotiation is not supported")

#define S2N_ERRORS_INTERNAL(X) \
    X(S2N_ERR_MADVISE, "error calling madvise") \
    X(S2N_ERR_ALLOC, "error allocating memory") \
    X(S2N_ERR_MLOCK, "error calling mlock (Did you run prlimit?)") \
    X(S2N_ERR_MUNLOCK, "error calling munlock") \
    X(S2N_ERR_FSTAT, "error calling fstat") \
    X(S2N_ERR_OPEN, "error calling open") \
    X(S2N_ERR_MMAP, "error calling mmap") \
    X(S2N_ERR_ATEXIT, "error calling atexit") \
    X(S2N_ERR_NOMEM, "no memory") \
    X(S2N_ERR_NULL, "NULL pointer encountered") \
    X(S2N_ERR_SAFETY, "a safety check failed") \
    X(S2N_ERR_INITIALIZED, "s2n is initialized") \
    X(S2N_ERR_NOT_INITIALIZED, "s2n not initialized") \
    X(S2N_ERR_RANDOM_UNINITIALIZED, "s2n entropy not initialized") \
    X(S2N_ERR_OPEN_RANDOM, "error opening urandom") \
    X(S2N_ERR_RESIZE_STATIC_STUFFER, "cannot resize a static stuffer") \
    X(S2N_ERR_RESIZE_TAINTED_STUFFER, "cannot resize a tainted stuffer") \
    X(S2N_ERR_STUFFER_OUT_OF_DATA, "stuffer is out of data") \
    X(S2N_ERR_STUFFER_IS_FULL, "stuffer is full") \
    X(S2N_ERR_STUFFER_NOT_FOUND, "stuffer expected bytes were not found") \
    X(S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA, "Stuffer has unprocessed data") \
    X(S2N_ERR_HASH_INVALID_ALGORITHM, "invalid hash algorithm") \
    X(S2N_ERR_PRF_INVALID_ALGORITHM, "invalid prf hash algorithm") \
    X(S2N_ERR_PRF_INVALID_SEED, "invalid prf seeds provided") \
    X(S2N_ERR_P_HASH_INVALID_ALGORITHM, "invalid p_hash algorithm") \
    X(S2N_ERR_P_HASH_INIT_FAILED, "error initializing p_hash") \
    X(S2N_ERR_P_HASH_UPDATE_FAILED, "error updating p_hash") \
    X(S2N_ERR_P_HASH_FINAL_FAILED, "error creating p_hash digest") \
    X(S2N_ERR_P_HASH_WIPE_FAILED, "error wiping p_hash") \
    X(S2N_ERR_HMAC_INVALID_ALGORITHM, "invalid HMAC algorithm") \
    X(S2N_ERR_HKDF_OUTPUT_SIZE, "invalid HKDF output size") \
    X(S2N_ERR_HKDF, "error generating HKDF output") \
    X(S2N_ERR_ALERT_PRESENT, "TLS alert is already pending") \
    X(S2N_ERR_HANDSHAKE_STATE, "Invalid handshake state encountered") \
    X(S2N_ERR_SHUTDOWN_PAUSED, "s2n_shutdown() called while paused") \
    X(S2N_ERR_SIZE_MISMATCH, "size mismatch") \
    X(S2N_ERR_DRBG, "Error using Deterministic Random Bit Generator") \
    X(S2N_ERR_DRBG_REQUEST_SIZE, "Request for too much entropy") \
    X(S2N_ERR_KEY_CHECK, "Invalid key") \
    X(S2N_ERR_CIPHER_TYPE, "Unknown cipher type used") \
    X(S2N_ERR_MAP_DUPLICATE, "Duplicate map key inserted") \
    X(S2N_ERR_MAP_IMMUTABLE, "Attempt to update an immutable map") \
    X(S2N_ERR_MAP_MUTABLE, "Attempt to lookup a mutable map") \
    X(S2N_ERR_MAP_INVALID_MAP_SIZE, "Attempt to create a map with 0 capacity") \
    X(S2N_ERR_INITIAL_HMAC, "error calling EVP_CIPHER_CTX_ctrl for composite cbc cipher") \
    X(S2N_ERR_INVALID_NONCE_TYPE, "Invalid AEAD nonce type") \
    X(S2N_ERR_UNIMPLEMENTED, "Unimplemented feature") \
    X(S2N_ERR_HANDSHAKE_UNREACHABLE, "Unreachable handshake state machine handler invoked") \
    X(S2N_ERR_READ, "error calling read") \
    X(S2N_ERR_WRITE, "error calling write") \
    X(S2N_ERR_BAD_FD, "Invalid file descriptor") \
    X(S2N_ERR_RDRAND_FAILED, "Error executing rdrand instruction") \
    X(S2N_ERR_FAILED_CACHE_RETRIEVAL, "Failed cache retrieval") \
    X(S2N_ERR_X509_TRUST_STORE, "Error initializing trust store") \
    X(S2N_ERR_UNKNOWN_PROTOCOL_VERSION, "Error determining client protocol version") \
    X(S2N_ERR_NULL_CN_NAME, "Error parsing CN names") \
    X(S2N_ERR_NULL_SANS, "Error parsing SANS") \
    X(S2N_ERR_CLIENT_HELLO_VERSION, "Could not get client hello version") \
    X(S2N_ERR_CLIENT_PROTOCOL_VERSION, "Could not get client protocol version") \
    X(S2N_ERR_SERVER_PROTOCOL_VERSION, "Could not get server protocol version") \
    X(S2N_ERR_ACTUAL_PROTOCOL_VERSION, "Could not get actual protocol version") \
    X(S2N_ERR_POLLING_FROM_SOCKET, "Error polling from socket") \
    X(S2N_ERR_RECV_STUFFER_FROM_CONN, "Error receiving stuffer from connection") \
    X(S2N_ERR_SEND_STUFFER_TO_CONN, "Error sending stuffer to connection") \
    X(S2N_ERR_PRECONDITION_VIOLATION, "Precondition violation") \
    X(S2N_ERR_POSTCONDITION_VIOLATION, "Postcondition violation") \
    X(S2N_ERR_INTEGER_OVERFLOW, "Integer overflow violation") \
    X(S2N_ERR_ARRAY_INDEX_OOB, "Array index out of bounds") \
    X(S2N_ERR_FREE_STATIC_BLOB, "Cannot free a static blob") \
    X(S2N_ERR_RESIZE_STATIC_BLOB, "Cannot resize a static blob") \
    X(S2N_ERR_NO_SUPPORTED_LIBCRYPTO_API, "The libcrypto does not support the requested API") \
    X(S2N_ERR_RECORD_LENGTH_TOO_LARGE, "Record length exceeds protocol version maximum") \
    X(S2N_ERR_SECRET_SCHEDULE_STATE, "Invalid secret schedule state") \
    X(S2N_ERR_LIBCRYPTO_VERSION_NUMBER_MISMATCH, "The libcrypto major version number seen at compile-time is different from the major version number seen at run-time") \
    X(S2N_ERR_LIBCRYPTO_VERSION_NAME_MISMATCH, "The libcrypto major version name seen at compile-time is different from the major version name seen at run-time") \
    X(S2N_ERR_OSSL_PROVIDER, "Failed to load or unload an OpenSSL provider") \
    X(S2N_ERR_TEST_ASSERTION, "Test assertion failed") \
    X(S2N_ERR_OPENSSL, "libcrypto reported an error")

#define S2N_ERRORS_USAGE(X) \
    X(S2N_ERR_NO_ALERT, "No Alert present") \
    X(S2N_ERR_SERVER_MODE, "Operation not allowed in server mode") \
    X(S2N_ERR_CLIENT_MODE, "Operation not allowed in client mode") \
    X(S2N_ERR_CLIENT_MODE_DISABLED, "client connections not allowed") \
    X(S2N_ERR_TOO_MANY_CERTIFICATES, "only 1 certificate is supported in client mode") \
    X(S2N_ERR_TOO_MANY_SIGNATURE_SCHEMES, "Max supported length of SignatureAlgorithms/SignatureSchemes list is 32") \
    X(S2N_ERR_CLIENT_AUTH_NOT_SUPPORTED_IN_FIPS_MODE, "Client Auth is not supported when in FIPS mode") \
    X(S2N_ERR_INVALID_BASE64, "invalid base64 encountered") \
    X(S2N_ERR_INVALID_HEX, "invalid HEX encountered") \
    X(S2N_ERR_INVALID_PEM, "invalid PEM encountered") \
    X(S2N_ERR_DH_PARAMS_CREATE, "error creating Diffie-Hellman parameters") \
    X(S2N_ERR_DH_TOO_SMALL, "Diffie-Hellman parameters are too small") \
    X(S2N_ERR_DH_PARAMETER_CHECK, "Diffie-Hellman parameter check failed") \
    X(S2N_ERR_INVALID_PKCS3, "invalid PKCS3 encountered") \
    X(S2N_ERR_NO_CERTIFICATE_IN_PEM, "No certificate in PEM") \
    X(S2N_ERR_SERVER_NAME_TOO_LONG, "server name is too long") \
    X(S2N_ERR_NUM_DEFAULT_CERTIFICATES, "exceeded max default certificates or provided no default") \
    X(S2N_ERR_MULTIPLE_DEFAULT_CERTIFICATES_PER_AUTH_TYPE, "setting multiple default certificates per auth type is not allowed") \
    X(S2N_ERR_INVALID_CIPHER_PREFERENCES, "Invalid Cipher Preferences version") \
    X(S2N_ERR_INVALID_APPLICATION_PROTOCOL, "The supplied application protocol name is invalid") \
    X(S2N_ERR_KEY_MISMATCH, "public and private key do not match") \
    X(S2N_ERR_SEND_SIZE, "Retried s2n_send() size is invalid") \
    X(S2N_ERR_CORK_SET_ON_UNMANAGED, "Attempt to set connection cork management on unmanaged IO") \
    X(S2N_ERR_UNRECOGNIZED_EXTENSION, "TLS extension not recognized") \
    X(S2N_ERR_EXTENSION_NOT_RECEIVED, "The extension was not received") \
    X(S2N_ERR_INVALID_SCT_LIST, "SCT list is invalid") \
    X(S2N_ERR_INVALID_OCSP_RESPONSE, "OCSP response is invalid") \
    X(S2N_ERR_UPDATING_EXTENSION, "Updating extension data failed") \
    X(S2N_ERR_INVALID_SERIALIZED_SESSION_STATE, "Serialized session state is not in valid format") \
    X(S2N_ERR_SERIALIZED_SESSION_STATE_TOO_LONG, "Serialized session state is too long") \
    X(S2N_ERR_SESSION_ID_TOO_LONG, "Session id is too long") \
    X(S2N_ERR_CLIENT_AUTH_NOT_SUPPORTED_IN_SESSION_RESUMPTION_MODE, "Client Auth is not supported in session resumption mode") \
    X(S2N_ERR_INVALID_TICKET_KEY_LENGTH, "Session ticket key length cannot be zero") \
    X(S2N_ERR_INVALID_TICKET_KEY_NAME_OR_NAME_LENGTH, "Session ticket key name should be unique and the name length cannot be zero") \
    X(S2N_ERR_TICKET_KEY_NOT_UNIQUE, "Cannot add session ticket key because it was added before") \
    X(S2N_ERR_TICKET_KEY_LIMIT, "Limit reached for unexpired session ticket keys") \
    X(S2N_ERR_NO_TICKET_ENCRYPT_DECRYPT_KEY, "No key in encrypt-decrypt state is available to encrypt session ticket") \
    X(S2N_ERR_ENCRYPT_DECRYPT_KEY_SELECTION_FAILED, "Failed to select a key from keys in encrypt-decrypt state") \
    X(S2N_ERR_KEY_USED_IN_SESSION_TICKET_NOT_FOUND, "Key used in already assigned session ticket not found for decryption") \
    X(S2N_ERR_SENDING_NST, "Error in session ticket status encountered before sending NST") \
    X(S2N_ERR_INVALID_DYNAMIC_THRESHOLD, "invalid dynamic record threshold") \
    X(S2N_ERR_INVALID_ARGUMENT, "invalid argument provided into API call") \
    X(S2N_ERR_NOT_IN_UNIT_TEST, "Illegal configuration, can only be used during unit tests") \
    X(S2N_ERR_NOT_IN_TEST, "Illegal configuration, can only be used during unit tests or integration tests") \
    X(S2N_ERR_UNSUPPORTED_CPU, "Unsupported CPU architecture") \
    X(S2N_ERR_SESSION_ID_TOO_SHORT, "Session id is too short") \
    X(S2N_ERR_CONNECTION_CACHING_DISALLOWED, "This connection is not allowed to be cached") \
    X(S2N_ERR_SESSION_TICKET_NOT_SUPPORTED, "Session ticket not supported for this connection") \
    X(S2N_ERR_OCSP_NOT_SUPPORTED, "OCSP stapling was requested, but is not supported") \
    X(S2N_ERR_INVALID_SIGNATURE_ALGORITHMS_PREFERENCES, "Invalid signature algorithms preferences version") \
    X(S2N_ERR_RSA_PSS_NOT_SUPPORTED, "RSA-PSS signing not supported by underlying libcrypto implementation") \
    X(S2N_ERR_INVALID_ECC_PREFERENCES, "Invalid ecc curves preferences version") \
    X(S2N_ERR_INVALID_SECURITY_POLICY, "Invalid security policy") \
    X(S2N_ERR_DEPRECATED_SECURITY_POLICY, "Deprecated security policy. Please choose a different security policy.") \
    X(S2N_ERR_INVALID_KEM_PREFERENCES, "Invalid kem preferences version") \
    X(S2N_ERR_ASYNC_MORE_THAN_ONE, "Only one asynchronous operation can be in-progress at the same time") \
    X(S2N_ERR_NO_CERT_FOUND, "Certificate not found") \
    X(S2N_ERR_CERT_NOT_VALIDATED, "Certificate not validated") \
    X(S2N_ERR_NO_PRIVATE_KEY, "Certificate has no private key") \
    X(S2N_ERR_PSK_MODE, "Mixing resumption and external PSKs is not supported") \
    X(S2N_ERR_DUPLICATE_PSK_IDENTITIES, "The list of pre-shared keys provided contains duplicate psk identities") \
    X(S2N_ERR_REENTRANCY, "Original execution must complete before method can be called again") \
    X(S2N_ERR_INVALID_STATE, "Invalid operation in current state") \
    X(S2N_ERR_CONFIG_NULL_BEFORE_CH_CALLBACK, "Config set to NULL before client hello callback. This should not be possible outside of tests.") \
    X(S2N_ERR_FIPS_MODE_UNSUPPORTED, "FIPS mode is not supported for the libcrypto") \
    X(S2N_ERR_CONFIG_IN_USE, "The config is still referenced by a connection")

#endif
