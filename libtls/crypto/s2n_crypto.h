/* The crypto layer: the only part of libs2n that knows OpenSSL.
 *
 * Everything here is a thin, allocation-conscious wrapper over libcrypto.
 * Algorithm objects (EVP_MD, EVP_CIPHER, EVP_MAC, ...) are fetched once by
 * s2n_crypto_init() and reused; nothing here fetches per handshake or per
 * record.  Handles hold libcrypto objects behind void pointers so that no
 * OpenSSL header leaks out of this directory. */
#ifndef S2N_CRYPTO_H
#define S2N_CRYPTO_H

#include <stdint.h>
#include <stddef.h>
#include "utils/s2n_safety.h"

/* Fetch algorithms; called once from s2n_init(). */
S2N_RESULT s2n_crypto_init(void);
/* Release what s2n_crypto_init() fetched. */
void s2n_crypto_cleanup(void);

/* ---- randomness ---------------------------------------------------------- */
S2N_RESULT s2n_random_bytes(uint8_t *out, uint32_t n);
/* Uniform in [0, bound), bound > 0. */
S2N_RESULT s2n_random_below(uint64_t bound, uint64_t *out);

/* ---- hashes -------------------------------------------------------------- */
typedef enum {
    S2N_HASH_NONE = 0,
    S2N_HASH_MD5,
    S2N_HASH_SHA1,
    S2N_HASH_SHA224,
    S2N_HASH_SHA256,
    S2N_HASH_SHA384,
    S2N_HASH_SHA512,
    S2N_HASH_MD5_SHA1,
    S2N_HASH_ALG_COUNT
} s2n_hash_alg;

#define S2N_MAX_DIGEST_LEN 64

/* Digest length in bytes (0 for NONE or unknown). */
uint8_t s2n_hash_digest_size(s2n_hash_alg alg);

/* A running hash.  A zeroed struct is a valid empty state. */
struct s2n_hash {
    void *ctx; /* EVP_MD_CTX, allocated on first init, reused by later inits */
    s2n_hash_alg alg;
};

S2N_RESULT s2n_hash_init(struct s2n_hash *h, s2n_hash_alg alg);
S2N_RESULT s2n_hash_update(struct s2n_hash *h, const void *data, uint32_t len);
/* Digest of everything so far, leaving the running state untouched. */
S2N_RESULT s2n_hash_peek(const struct s2n_hash *h, uint8_t *out);
/* Copy a running hash (dst is (re)initialised). */
S2N_RESULT s2n_hash_copy(struct s2n_hash *dst, const struct s2n_hash *src);
void s2n_hash_free(struct s2n_hash *h);
S2N_RESULT s2n_hash_oneshot(s2n_hash_alg alg, const void *data, uint32_t len, uint8_t *out);

/* ---- HMAC and HKDF (RFC 2104, RFC 5869, RFC 8446 section 7.1) ----------- */
S2N_RESULT s2n_hmac(s2n_hash_alg alg, const uint8_t *key, uint32_t key_len, const uint8_t *data, uint32_t len, uint8_t *out);
/* TLS 1.2's P_hash (RFC 5246 section 5): out_len bytes of
 * HMAC(secret, A(1) + seed) || HMAC(secret, A(2) + seed) || ... with
 * A(0) = seed, A(i) = HMAC(secret, A(i-1)), on one keyed HMAC context.
 * The TLS 1.2 PRF is P_hash(secret, label + seed). */
S2N_RESULT s2n_hmac_p_hash(s2n_hash_alg alg, const uint8_t *secret, uint32_t secret_len, const uint8_t *seed, uint32_t seed_len,
        uint8_t *out, uint32_t out_len);
/* PRK = HMAC(salt, ikm); writes s2n_hash_digest_size(alg) bytes.  A NULL
 * salt means a string of zeros of the hash length. */
S2N_RESULT s2n_hkdf_extract(s2n_hash_alg alg, const uint8_t *salt, uint32_t salt_len, const uint8_t *ikm, uint32_t ikm_len,
        uint8_t *prk);
S2N_RESULT s2n_hkdf_expand(s2n_hash_alg alg, const uint8_t *prk, uint32_t prk_len, const uint8_t *info, uint32_t info_len,
        uint8_t *out, uint32_t out_len);
/* HKDF-Expand-Label(secret, "tls13 " + label, context, out_len). */
S2N_RESULT s2n_hkdf_expand_label(s2n_hash_alg alg, const uint8_t *secret, uint32_t secret_len, const char *label,
        const uint8_t *context, uint32_t context_len, uint8_t *out, uint32_t out_len);

/* ---- AEAD ---------------------------------------------------------------- */
typedef enum {
    S2N_AEAD_AES_128_GCM = 0,
    S2N_AEAD_AES_256_GCM,
    S2N_AEAD_CHACHA20_POLY1305,
    S2N_AEAD_ALG_COUNT
} s2n_aead_alg;

#define S2N_AEAD_NONCE_LEN 12
#define S2N_AEAD_TAG_LEN 16
#define S2N_AEAD_MAX_KEY_LEN 32

uint8_t s2n_aead_key_size(s2n_aead_alg alg);

/* One direction of record protection.  The cipher context is allocated on
 * the first s2n_aead_set_key() and rekeyed in place afterwards; sealing and
 * opening a record only sets the nonce. */
struct s2n_aead {
    void *ctx; /* EVP_CIPHER_CTX */
    uint8_t alg;
    uint8_t encrypt;
    uint8_t keyed;
};

S2N_RESULT s2n_aead_set_key(struct s2n_aead *a, s2n_aead_alg alg, int encrypt, const uint8_t *key);
/* out receives in_len ciphertext bytes followed by the 16-byte tag; in and
 * out may be the same buffer. */
S2N_RESULT s2n_aead_seal(struct s2n_aead *a, const uint8_t nonce[S2N_AEAD_NONCE_LEN], const uint8_t *aad, uint32_t aad_len,
        const uint8_t *in, uint32_t in_len, uint8_t *out);
/* As s2n_aead_seal() over the concatenation in || trailer, without
 * copying it: out receives in_len + trailer_len ciphertext bytes and the
 * tag.  in may equal out; trailer must not overlap out. */
S2N_RESULT s2n_aead_seal2(struct s2n_aead *a, const uint8_t nonce[S2N_AEAD_NONCE_LEN], const uint8_t *aad, uint32_t aad_len,
        const uint8_t *in, uint32_t in_len, const uint8_t *trailer, uint32_t trailer_len, uint8_t *out);
/* in holds ciphertext followed by the tag (in_len includes the tag); out
 * receives in_len - 16 plaintext bytes; in and out may be the same buffer.
 * A bad tag fails with S2N_ERR_DECRYPT. */
S2N_RESULT s2n_aead_open(struct s2n_aead *a, const uint8_t nonce[S2N_AEAD_NONCE_LEN], const uint8_t *aad, uint32_t aad_len,
        const uint8_t *in, uint32_t in_len, uint8_t *out);
/* The general open: the ciphertext in two pieces (either may be empty),
 * each decrypted to its own destination (in place allowed), the tag apart.
 * A bad tag cleanses both destinations and fails with S2N_ERR_DECRYPT. */
S2N_RESULT s2n_aead_open_pieces(struct s2n_aead *a, const uint8_t nonce[S2N_AEAD_NONCE_LEN], const uint8_t *aad,
        uint32_t aad_len, const uint8_t *in1, uint8_t *out1, uint32_t len1, const uint8_t *in2, uint8_t *out2, uint32_t len2,
        const uint8_t tag[S2N_AEAD_TAG_LEN]);
void s2n_aead_free(struct s2n_aead *a);

/* ---- ECDHE --------------------------------------------------------------- */
#define S2N_GROUP_SECP256R1 23
#define S2N_GROUP_SECP384R1 24
#define S2N_GROUP_SECP521R1 25
#define S2N_GROUP_X25519 29

#define S2N_ECDHE_MAX_PUBLIC_LEN 133 /* uncompressed P-521 point */
#define S2N_ECDHE_MAX_SHARED_LEN 66

/* Whether libcrypto can do this group (by IANA id). */
int s2n_ecdhe_group_supported(uint16_t iana);
/* Size of the public value on the wire: 32, 65, 97 or 133; 0 if unknown. */
uint16_t s2n_ecdhe_public_size(uint16_t iana);

struct s2n_ecdhe_key {
    void *pkey; /* EVP_PKEY */
    uint16_t iana;
};

S2N_RESULT s2n_ecdhe_generate(struct s2n_ecdhe_key *key, uint16_t iana);
/* Writes exactly s2n_ecdhe_public_size(key->iana) bytes. */
S2N_RESULT s2n_ecdhe_write_public(const struct s2n_ecdhe_key *key, uint8_t *out, uint32_t out_len);
/* Validates the peer's value (S2N_ERR_ECDHE_INVALID_PUBLIC_KEY), then derives
 * the shared secret (x-coordinate for NIST curves). */
S2N_RESULT s2n_ecdhe_compute_shared(const struct s2n_ecdhe_key *key, const uint8_t *peer, uint32_t peer_len, uint8_t *out,
        uint32_t *out_len);
void s2n_ecdhe_free(struct s2n_ecdhe_key *key);

/* For tests only (known-answer tests): load a fixed private key instead of
 * generating one.  Only S2N_GROUP_X25519 (32-byte scalar) is supported. */
S2N_RESULT s2n_ecdhe_set_private_raw(struct s2n_ecdhe_key *key, uint16_t iana, const uint8_t *priv, uint32_t len);

/* ---- keys and signatures ------------------------------------------------- */
typedef enum {
    S2N_PKEY_NONE = 0,
    S2N_PKEY_RSA,     /* rsaEncryption */
    S2N_PKEY_RSA_PSS, /* id-RSASSA-PSS */
    S2N_PKEY_ECDSA,
    S2N_PKEY_ED25519,
} s2n_pkey_type;

typedef enum {
    S2N_SIG_PKCS1 = 0, /* RSASSA-PKCS1-v1_5 */
    S2N_SIG_PSS,       /* RSASSA-PSS, salt length = hash length, MGF1 with the same hash */
    S2N_SIG_ECDSA,     /* DER-encoded ECDSA-Sig-Value */
    S2N_SIG_ED25519,   /* pure Ed25519 (hash must be NONE) */
} s2n_sig_padding;

/* A public or private key (the public API's s2n_cert_public_key /
 * s2n_cert_private_key). */
struct s2n_pkey {
    void *evp; /* EVP_PKEY */
    uint8_t type; /* s2n_pkey_type */
    uint16_t curve; /* IANA group of an ECDSA key, else 0 */
    uint32_t bits;
};

/* Parse a PEM private key (PKCS#8, traditional RSA or EC). */
S2N_RESULT s2n_pkey_from_private_pem(struct s2n_pkey *key, const uint8_t *pem, uint32_t len);
/* The public key of a DER certificate. */
S2N_RESULT s2n_pkey_from_cert_der(struct s2n_pkey *key, const uint8_t *der, uint32_t len);
/* S2N_ERR_KEY_MISMATCH unless the private key belongs to the public key. */
S2N_RESULT s2n_pkey_check_match(const struct s2n_pkey *priv, const struct s2n_pkey *pub);
/* Largest signature this key can produce. */
uint32_t s2n_pkey_max_signature_size(const struct s2n_pkey *key);
/* Sign @data (the whole message: hashing happens here).  *sig_len holds the
 * room in sig on entry and the signature length on return. */
S2N_RESULT s2n_pkey_sign(const struct s2n_pkey *key, s2n_sig_padding pad, s2n_hash_alg hash, const uint8_t *data,
        uint32_t len, uint8_t *sig, uint32_t *sig_len);
/* S2N_ERR_VERIFY_SIGNATURE if the signature is wrong. */
S2N_RESULT s2n_pkey_verify(const struct s2n_pkey *key, s2n_sig_padding pad, s2n_hash_alg hash, const uint8_t *data,
        uint32_t len, const uint8_t *sig, uint32_t sig_len);
void s2n_pkey_free(struct s2n_pkey *key);

/* ---- PEM ------------------------------------------------------------------ */
/* Calls @fn with the DER bytes of each CERTIFICATE block in @pem, in order.
 * strict: any text outside the blocks, or any other block type, fails with
 * S2N_ERR_INVALID_PEM; otherwise such text is skipped.  No certificate at
 * all fails with S2N_ERR_NO_CERTIFICATE_IN_PEM. */
typedef int (*s2n_der_cb)(void *ctx, const uint8_t *der, uint32_t len);
S2N_RESULT s2n_pem_for_each_cert(const uint8_t *pem, uint32_t len, int strict, s2n_der_cb fn, void *ctx);

/* ---- X.509 ----------------------------------------------------------------- */
struct s2n_trust_store {
    void *store; /* X509_STORE, created on first use */
    void *cache; /* parsed peer certificates (s2n_x509.c), created with the store */
    uint8_t system_loaded;
    uint32_t count; /* anchors added */
};

S2N_RESULT s2n_trust_store_add_der(struct s2n_trust_store *ts, const uint8_t *der, uint32_t len);
/* Strict PEM: S2N_ERR_INVALID_PEM / S2N_ERR_DECODE_CERTIFICATE on junk. */
S2N_RESULT s2n_trust_store_add_pem(struct s2n_trust_store *ts, const char *pem);
S2N_RESULT s2n_trust_store_load_locations(struct s2n_trust_store *ts, const char *file, const char *dir);
S2N_RESULT s2n_trust_store_load_system(struct s2n_trust_store *ts);
int s2n_trust_store_is_empty(const struct s2n_trust_store *ts);
void s2n_trust_store_free(struct s2n_trust_store *ts);

struct s2n_x509_verify_params {
    uint16_t max_depth;    /* certificates in the chain, leaf included; default 7 */
    uint8_t check_time;    /* notBefore / notAfter */
    uint8_t check_intent;  /* key usage / extended key usage */
    uint8_t peer_is_server; /* purpose: TLS server (1) or TLS client (0) */
    uint64_t now_seconds;  /* 0: the current time */
};

/* Verify a chain (certs[0] is the leaf) against the trust store.  Errors:
 * S2N_ERR_CERT_UNTRUSTED, S2N_ERR_CERT_EXPIRED, S2N_ERR_CERT_NOT_YET_VALID,
 * S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED, S2N_ERR_CERT_INVALID,
 * S2N_ERR_DECODE_CERTIFICATE. */
struct s2n_der {
    const uint8_t *data;
    uint32_t len;
};
S2N_RESULT s2n_x509_verify_chain(struct s2n_trust_store *ts, const struct s2n_der *certs, uint32_t count,
        const struct s2n_x509_verify_params *params);

/* Calls @fn with each dNSName and iPAddress (as text) of a DER
 * certificate's subjectAltName; when the certificate has no DNS name there,
 * with its subject common name(s) instead.  Stops early when @fn returns 1;
 * *matched tells whether it did. */
typedef int (*s2n_name_cb)(void *ctx, const char *name, size_t len);
S2N_RESULT s2n_x509_for_each_name(const uint8_t *der, uint32_t len, s2n_name_cb fn, void *ctx, int *matched);

/* A peer chain parsed at most once for key extraction, verification and the
 * host name walk.  Certificates are parsed on demand; with a trust store
 * given, parsed certificates are looked up in (and added to) its small
 * cache keyed by the DER bytes, so a server's chain seen before is not
 * decoded again (verification itself still runs every time).  @certs must
 * outlive the object.  A zeroed object is valid to free. */
struct s2n_x509_chain {
    struct s2n_trust_store *ts; /* NULL: no cache */
    const struct s2n_der *der;
    uint32_t count;
    void *leaf; /* X509 *, once parsed */
};

void s2n_x509_chain_init(struct s2n_x509_chain *c, struct s2n_trust_store *ts, const struct s2n_der *certs, uint32_t count);
/* The leaf's public key, as s2n_pkey_from_cert_der() gives it. */
S2N_RESULT s2n_x509_chain_leaf_key(struct s2n_x509_chain *c, struct s2n_pkey *key);
/* As s2n_x509_verify_chain() against c->ts. */
S2N_RESULT s2n_x509_chain_verify(struct s2n_x509_chain *c, const struct s2n_x509_verify_params *params);
/* As s2n_x509_for_each_name() on the leaf. */
S2N_RESULT s2n_x509_chain_for_each_name(struct s2n_x509_chain *c, s2n_name_cb fn, void *ctx, int *matched);
void s2n_x509_chain_free(struct s2n_x509_chain *c);

/* ---- misc ------------------------------------------------------------------ */
unsigned long s2n_crypto_openssl_version(void);

#endif
