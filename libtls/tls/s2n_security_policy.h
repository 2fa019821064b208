/* Cipher suites, signature schemes, groups and the named security policies
 * (API.md section 4).  All of it is const data. */
#ifndef S2N_SECURITY_POLICY_H
#define S2N_SECURITY_POLICY_H

#include <stdint.h>
#include "utils/s2n_safety.h"
#include "crypto/s2n_crypto.h"

/* Key exchange of a suite. */
typedef enum {
    S2N_KX_TLS13 = 0, /* TLS 1.3: chosen by key_share, not by the suite */
    S2N_KX_ECDHE,
    S2N_KX_DHE,
    S2N_KX_RSA,
    S2N_KX_NULL,
} s2n_kx_alg;

/* Certificate type a TLS <= 1.2 suite authenticates with. */
typedef enum {
    S2N_AUTH_ANY = 0, /* TLS 1.3 suites */
    S2N_AUTH_RSA,
    S2N_AUTH_ECDSA,
    S2N_AUTH_NONE,
} s2n_auth_alg;

/* Record protection of a suite. */
typedef enum {
    S2N_RECORD_AEAD = 0,
    S2N_RECORD_CBC_SHA,
    S2N_RECORD_CBC_SHA256,
    S2N_RECORD_CBC_SHA384,
    S2N_RECORD_RC4,
    S2N_RECORD_3DES,
    S2N_RECORD_NULL,
} s2n_record_alg;

struct s2n_cipher_suite {
    const char *name;    /* as s2n_connection_get_cipher() reports it */
    uint8_t iana[2];
    uint8_t min_version; /* S2N_SSLv3 .. S2N_TLS13 */
    uint8_t available;   /* implemented by libs2n (otherwise never offered or chosen) */
    uint8_t kx;          /* s2n_kx_alg */
    uint8_t auth;        /* s2n_auth_alg */
    uint8_t record_alg;  /* s2n_record_alg */
    uint8_t aead;        /* s2n_aead_alg, when record_alg is AEAD */
    uint8_t prf_hash;    /* s2n_hash_alg of the PRF / HKDF */
};

struct s2n_signature_scheme {
    uint16_t iana;        /* 0 for legacy_rsa_md5_sha1, which has no code point */
    const char *name;     /* IANA name, e.g. "ecdsa_secp256r1_sha256" */
    uint8_t sig_alg;      /* s2n_tls_signature_algorithm */
    uint8_t hash;         /* s2n_hash_alg */
    uint8_t pkey_type;    /* s2n_pkey_type of the key that makes it */
    uint8_t padding;      /* s2n_sig_padding */
    uint16_t tls13_curve; /* ECDSA: the IANA group TLS 1.3 binds it to; else 0 */
    uint8_t min_version;  /* lowest protocol version it may be used with */
    uint8_t max_version;  /* highest (S2N_TLS12 for pkcs1/sha1/sha224 schemes) */
};

struct s2n_security_policy {
    const char *name; /* canonical name, e.g. "20251014" */
    uint8_t min_version;
    const struct s2n_cipher_suite *const *suites;
    uint8_t suite_count;
    const struct s2n_signature_scheme *const *sig_schemes;
    uint8_t sig_scheme_count;
    /* Schemes allowed inside certificate chains; NULL = same as sig_schemes. */
    const struct s2n_signature_scheme *const *cert_sig_schemes;
    uint8_t cert_sig_scheme_count;
    const uint16_t *ecc_groups; /* IANA ids, preference order */
    uint8_t ecc_group_count;
    const uint16_t *pq_groups;  /* listed for completeness: never available on OpenSSL */
    uint8_t pq_group_count;
    uint8_t rule_pfs;
    uint8_t rule_fips;
    /* A server prefers ChaCha20-Poly1305 when the client lists a ChaCha20
     * suite first (clients without AES hardware do). */
    uint8_t chacha20_boosting;
};

/* Find a policy by name (case-insensitive).  Unknown names fail with
 * S2N_ERR_INVALID_SECURITY_POLICY, deprecated ones with
 * S2N_ERR_DEPRECATED_SECURITY_POLICY. */
S2N_RESULT s2n_security_policy_find(const char *name, const struct s2n_security_policy **out);

/* Server: the order in which to try @p's suites (p->suite_count of them)
 * for a client whose cipher_suites vector body is @client_suites (@len
 * bytes): the policy's own list, except that a policy with ChaCha20
 * boosting moves its ChaCha20 suites first when the client lists a ChaCha20
 * suite first; that order is built in @scratch (room for p->suite_count). */
const struct s2n_cipher_suite *const *s2n_security_policy_server_order(const struct s2n_security_policy *p,
        const uint8_t *client_suites, uint32_t len, const struct s2n_cipher_suite **scratch);

/* S2N_TLS13 if the policy has a TLS 1.3 suite libs2n implements, else S2N_TLS12. */
uint8_t s2n_security_policy_max_version(const struct s2n_security_policy *p);

/* Lookups in the global tables (NULL when unknown). */
const struct s2n_cipher_suite *s2n_cipher_suite_from_iana(const uint8_t iana[2]);
const struct s2n_signature_scheme *s2n_signature_scheme_from_iana(uint16_t iana);
/* "secp256r1", "x25519", ... ; NULL when unknown. */
const char *s2n_group_name(uint16_t iana);

/* The cipher suite reported before negotiation: TLS_NULL_WITH_NULL_NULL. */
extern const struct s2n_cipher_suite s2n_null_cipher_suite;

/* The implicit TLS <= 1.1 RSA signature (MD5 || SHA-1, PKCS#1 v1.5).  It has
 * no code point, so s2n_signature_scheme_from_iana(0) does not return it.
 * (The implicit ECDSA one is ecdsa_sha1, IANA 0x0203.) */
extern const struct s2n_signature_scheme s2n_legacy_rsa_md5_sha1;

#endif
