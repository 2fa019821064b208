/* Cipher suites, signature schemes, named groups and the named security
 * policies (API.md sections 2.7 and 4), all as const data, plus the lookups
 * the engine uses to reach them.
 *
 * Policies are looked up by name, case-insensitively.  The tables below hold
 * every policy whose full contents API.md section 4 spells out, plus
 * "20190801" and "AWS-CRT-SDK-TLSv1.3", which API.md lists among the policies
 * needed first but without contents: theirs are transcribed from the s2n-tls
 * preference tables (cipher_preferences_20190801 / _aws_crt_sdk_tls_13,
 * signature preferences 20200207, ECC preferences 20200310).
 *
 * The other accepted names of API.md section 4 (ELBSecurityPolicy-*,
 * CloudFront-*, KMS-*, most dated policies, ...) have no contents here yet,
 * so for now they are unknown names (S2N_ERR_INVALID_SECURITY_POLICY). */
#include "tls/s2n_security_policy.h"

#include <string.h>
#include <strings.h>

#include "s2n.h"

/* ---- cipher suites (API.md 2.7) ------------------------------------------ */

/* record_alg is not AEAD: aead holds this out-of-range marker. */
#define S2N_NO_AEAD S2N_AEAD_ALG_COUNT

#define S2N_SUITE(var, nm, b0, b1, minv, avail, kx_, auth_, rec_, aead_, prf_) \
    static const struct s2n_cipher_suite var = { \
        .name = (nm), \
        .iana = { (b0), (b1) }, \
        .min_version = (minv), \
        .available = (avail), \
        .kx = (kx_), \
        .auth = (auth_), \
        .record_alg = (rec_), \
        .aead = (aead_), \
        .prf_hash = (prf_), \
    }

/* Static RSA key exchange. */
S2N_SUITE(suite_rsa_rc4_md5, "RC4-MD5", 0x00, 0x04, S2N_SSLv3, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_RC4, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_rsa_rc4_sha, "RC4-SHA", 0x00, 0x05, S2N_SSLv3, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_RC4, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_rsa_3des_sha, "DES-CBC3-SHA", 0x00, 0x0A, S2N_SSLv3, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_3DES, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_rsa_aes128_sha, "AES128-SHA", 0x00, 0x2F, S2N_SSLv3, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_rsa_aes256_sha, "AES256-SHA", 0x00, 0x35, S2N_SSLv3, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_rsa_aes128_sha256, "AES128-SHA256", 0x00, 0x3C, S2N_TLS12, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA256, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_rsa_aes256_sha256, "AES256-SHA256", 0x00, 0x3D, S2N_TLS12, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA256, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_rsa_aes128_gcm, "AES128-GCM-SHA256", 0x00, 0x9C, S2N_TLS12, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_AEAD, S2N_AEAD_AES_128_GCM, S2N_HASH_SHA256);
S2N_SUITE(suite_rsa_aes256_gcm, "AES256-GCM-SHA384", 0x00, 0x9D, S2N_TLS12, 0,
        S2N_KX_RSA, S2N_AUTH_RSA, S2N_RECORD_AEAD, S2N_AEAD_AES_256_GCM, S2N_HASH_SHA384);

/* Finite-field DHE with RSA certificates. */
S2N_SUITE(suite_dhe_rsa_3des_sha, "DHE-RSA-DES-CBC3-SHA", 0x00, 0x16, S2N_SSLv3, 0,
        S2N_KX_DHE, S2N_AUTH_RSA, S2N_RECORD_3DES, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_dhe_rsa_aes128_sha, "DHE-RSA-AES128-SHA", 0x00, 0x33, S2N_SSLv3, 0,
        S2N_KX_DHE, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_dhe_rsa_aes256_sha, "DHE-RSA-AES256-SHA", 0x00, 0x39, S2N_SSLv3, 0,
        S2N_KX_DHE, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_dhe_rsa_aes128_sha256, "DHE-RSA-AES128-SHA256", 0x00, 0x67, S2N_TLS12, 0,
        S2N_KX_DHE, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA256, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_dhe_rsa_aes256_sha256, "DHE-RSA-AES256-SHA256", 0x00, 0x6B, S2N_TLS12, 0,
        S2N_KX_DHE, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA256, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_dhe_rsa_aes128_gcm, "DHE-RSA-AES128-GCM-SHA256", 0x00, 0x9E, S2N_TLS12, 0,
        S2N_KX_DHE, S2N_AUTH_RSA, S2N_RECORD_AEAD, S2N_AEAD_AES_128_GCM, S2N_HASH_SHA256);
S2N_SUITE(suite_dhe_rsa_aes256_gcm, "DHE-RSA-AES256-GCM-SHA384", 0x00, 0x9F, S2N_TLS12, 0,
        S2N_KX_DHE, S2N_AUTH_RSA, S2N_RECORD_AEAD, S2N_AEAD_AES_256_GCM, S2N_HASH_SHA384);
S2N_SUITE(suite_dhe_rsa_chacha20, "DHE-RSA-CHACHA20-POLY1305", 0xCC, 0xAA, S2N_TLS12, 0,
        S2N_KX_DHE, S2N_AUTH_RSA, S2N_RECORD_AEAD, S2N_AEAD_CHACHA20_POLY1305, S2N_HASH_SHA256);

/* ECDHE with ECDSA certificates. */
S2N_SUITE(suite_ecdhe_ecdsa_aes128_sha, "ECDHE-ECDSA-AES128-SHA", 0xC0, 0x09, S2N_SSLv3, 0,
        S2N_KX_ECDHE, S2N_AUTH_ECDSA, S2N_RECORD_CBC_SHA, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_ecdsa_aes256_sha, "ECDHE-ECDSA-AES256-SHA", 0xC0, 0x0A, S2N_SSLv3, 0,
        S2N_KX_ECDHE, S2N_AUTH_ECDSA, S2N_RECORD_CBC_SHA, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_ecdsa_aes128_sha256, "ECDHE-ECDSA-AES128-SHA256", 0xC0, 0x23, S2N_TLS12, 0,
        S2N_KX_ECDHE, S2N_AUTH_ECDSA, S2N_RECORD_CBC_SHA256, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_ecdsa_aes256_sha384, "ECDHE-ECDSA-AES256-SHA384", 0xC0, 0x24, S2N_TLS12, 0,
        S2N_KX_ECDHE, S2N_AUTH_ECDSA, S2N_RECORD_CBC_SHA384, S2N_NO_AEAD, S2N_HASH_SHA384);
S2N_SUITE(suite_ecdhe_ecdsa_aes128_gcm, "ECDHE-ECDSA-AES128-GCM-SHA256", 0xC0, 0x2B, S2N_TLS12, 1,
        S2N_KX_ECDHE, S2N_AUTH_ECDSA, S2N_RECORD_AEAD, S2N_AEAD_AES_128_GCM, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_ecdsa_aes256_gcm, "ECDHE-ECDSA-AES256-GCM-SHA384", 0xC0, 0x2C, S2N_TLS12, 1,
        S2N_KX_ECDHE, S2N_AUTH_ECDSA, S2N_RECORD_AEAD, S2N_AEAD_AES_256_GCM, S2N_HASH_SHA384);
S2N_SUITE(suite_ecdhe_ecdsa_chacha20, "ECDHE-ECDSA-CHACHA20-POLY1305", 0xCC, 0xA9, S2N_TLS12, 1,
        S2N_KX_ECDHE, S2N_AUTH_ECDSA, S2N_RECORD_AEAD, S2N_AEAD_CHACHA20_POLY1305, S2N_HASH_SHA256);

/* ECDHE with RSA certificates. */
S2N_SUITE(suite_ecdhe_rsa_rc4_sha, "ECDHE-RSA-RC4-SHA", 0xC0, 0x11, S2N_SSLv3, 0,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_RC4, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_rsa_3des_sha, "ECDHE-RSA-DES-CBC3-SHA", 0xC0, 0x12, S2N_SSLv3, 0,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_3DES, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_rsa_aes128_sha, "ECDHE-RSA-AES128-SHA", 0xC0, 0x13, S2N_SSLv3, 0,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_rsa_aes256_sha, "ECDHE-RSA-AES256-SHA", 0xC0, 0x14, S2N_SSLv3, 0,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_rsa_aes128_sha256, "ECDHE-RSA-AES128-SHA256", 0xC0, 0x27, S2N_TLS12, 0,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA256, S2N_NO_AEAD, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_rsa_aes256_sha384, "ECDHE-RSA-AES256-SHA384", 0xC0, 0x28, S2N_TLS12, 0,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_CBC_SHA384, S2N_NO_AEAD, S2N_HASH_SHA384);
S2N_SUITE(suite_ecdhe_rsa_aes128_gcm, "ECDHE-RSA-AES128-GCM-SHA256", 0xC0, 0x2F, S2N_TLS12, 1,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_AEAD, S2N_AEAD_AES_128_GCM, S2N_HASH_SHA256);
S2N_SUITE(suite_ecdhe_rsa_aes256_gcm, "ECDHE-RSA-AES256-GCM-SHA384", 0xC0, 0x30, S2N_TLS12, 1,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_AEAD, S2N_AEAD_AES_256_GCM, S2N_HASH_SHA384);
S2N_SUITE(suite_ecdhe_rsa_chacha20, "ECDHE-RSA-CHACHA20-POLY1305", 0xCC, 0xA8, S2N_TLS12, 1,
        S2N_KX_ECDHE, S2N_AUTH_RSA, S2N_RECORD_AEAD, S2N_AEAD_CHACHA20_POLY1305, S2N_HASH_SHA256);

/* TLS 1.3: key exchange and authentication are negotiated separately. */
S2N_SUITE(suite_tls13_aes128_gcm, "TLS_AES_128_GCM_SHA256", 0x13, 0x01, S2N_TLS13, 1,
        S2N_KX_TLS13, S2N_AUTH_ANY, S2N_RECORD_AEAD, S2N_AEAD_AES_128_GCM, S2N_HASH_SHA256);
S2N_SUITE(suite_tls13_aes256_gcm, "TLS_AES_256_GCM_SHA384", 0x13, 0x02, S2N_TLS13, 1,
        S2N_KX_TLS13, S2N_AUTH_ANY, S2N_RECORD_AEAD, S2N_AEAD_AES_256_GCM, S2N_HASH_SHA384);
S2N_SUITE(suite_tls13_chacha20, "TLS_CHACHA20_POLY1305_SHA256", 0x13, 0x03, S2N_TLS13, 1,
        S2N_KX_TLS13, S2N_AUTH_ANY, S2N_RECORD_AEAD, S2N_AEAD_CHACHA20_POLY1305, S2N_HASH_SHA256);

/* Reported before a suite is negotiated; never negotiable itself. */
const struct s2n_cipher_suite s2n_null_cipher_suite = {
    .name = "TLS_NULL_WITH_NULL_NULL",
    .iana = { 0x00, 0x00 },
    .min_version = S2N_SSLv3,
    .available = 0,
    .kx = S2N_KX_NULL,
    .auth = S2N_AUTH_NONE,
    .record_alg = S2N_RECORD_NULL,
    .aead = S2N_NO_AEAD,
    .prf_hash = S2N_HASH_SHA256,
};

/* Every suite known, for the IANA lookup. */
static const struct s2n_cipher_suite *const all_suites[] = {
    &s2n_null_cipher_suite,
    &suite_rsa_rc4_md5,
    &suite_rsa_rc4_sha,
    &suite_rsa_3des_sha,
    &suite_dhe_rsa_3des_sha,
    &suite_rsa_aes128_sha,
    &suite_dhe_rsa_aes128_sha,
    &suite_rsa_aes256_sha,
    &suite_dhe_rsa_aes256_sha,
    &suite_rsa_aes128_sha256,
    &suite_rsa_aes256_sha256,
    &suite_dhe_rsa_aes128_sha256,
    &suite_dhe_rsa_aes256_sha256,
    &suite_rsa_aes128_gcm,
    &suite_rsa_aes256_gcm,
    &suite_dhe_rsa_aes128_gcm,
    &suite_dhe_rsa_aes256_gcm,
    &suite_tls13_aes128_gcm,
    &suite_tls13_aes256_gcm,
    &suite_tls13_chacha20,
    &suite_ecdhe_ecdsa_aes128_sha,
    &suite_ecdhe_ecdsa_aes256_sha,
    &suite_ecdhe_rsa_rc4_sha,
    &suite_ecdhe_rsa_3des_sha,
    &suite_ecdhe_rsa_aes128_sha,
    &suite_ecdhe_rsa_aes256_sha,
    &suite_ecdhe_ecdsa_aes128_sha256,
    &suite_ecdhe_ecdsa_aes256_sha384,
    &suite_ecdhe_rsa_aes128_sha256,
    &suite_ecdhe_rsa_aes256_sha384,
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_ecdhe_rsa_chacha20,
    &suite_ecdhe_ecdsa_chacha20,
    &suite_dhe_rsa_chacha20,
};

const struct s2n_cipher_suite *s2n_cipher_suite_from_iana(const uint8_t iana[2])
{
    if (iana == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < S2N_ARRAY_LEN(all_suites); i++) {
        if (all_suites[i]->iana[0] == iana[0] && all_suites[i]->iana[1] == iana[1]) {
            return all_suites[i];
        }
    }
    return NULL;
}

/* ---- signature schemes ----------------------------------------------------- */

#define S2N_SCHEME(var, code, nm, alg, hash_, pkey, pad, curve, minv, maxv) \
    static const struct s2n_signature_scheme var = { \
        .iana = (code), \
        .name = (nm), \
        .sig_alg = (alg), \
        .hash = (hash_), \
        .pkey_type = (pkey), \
        .padding = (pad), \
        .tls13_curve = (curve), \
        .min_version = (minv), \
        .max_version = (maxv), \
    }

/* TLS <= 1.1 has no signature_algorithms: RSA signs MD5||SHA-1 implicitly.
 * Exported (s2n_security_policy.h) because it has no code point to look up. */
const struct s2n_signature_scheme s2n_legacy_rsa_md5_sha1 = {
    .iana = 0,
    .name = "legacy_rsa_md5_sha1",
    .sig_alg = S2N_TLS_SIGNATURE_RSA,
    .hash = S2N_HASH_MD5_SHA1,
    .pkey_type = S2N_PKEY_RSA,
    .padding = S2N_SIG_PKCS1,
    .tls13_curve = 0,
    .min_version = S2N_SSLv3,
    .max_version = S2N_TLS12,
};

/* RSASSA-PKCS1-v1_5: never in TLS 1.3 (RFC 8446 section 4.2.3). */
S2N_SCHEME(sig_rsa_pkcs1_sha1, 0x0201, "rsa_pkcs1_sha1", S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA1,
        S2N_PKEY_RSA, S2N_SIG_PKCS1, 0, S2N_SSLv3, S2N_TLS12);
S2N_SCHEME(sig_rsa_pkcs1_sha224, 0x0301, "legacy_rsa_sha224", S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA224,
        S2N_PKEY_RSA, S2N_SIG_PKCS1, 0, S2N_SSLv3, S2N_TLS12);
S2N_SCHEME(sig_rsa_pkcs1_sha256, 0x0401, "rsa_pkcs1_sha256", S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA256,
        S2N_PKEY_RSA, S2N_SIG_PKCS1, 0, S2N_SSLv3, S2N_TLS12);
S2N_SCHEME(sig_rsa_pkcs1_sha384, 0x0501, "rsa_pkcs1_sha384", S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA384,
        S2N_PKEY_RSA, S2N_SIG_PKCS1, 0, S2N_SSLv3, S2N_TLS12);
S2N_SCHEME(sig_rsa_pkcs1_sha512, 0x0601, "rsa_pkcs1_sha512", S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA512,
        S2N_PKEY_RSA, S2N_SIG_PKCS1, 0, S2N_SSLv3, S2N_TLS12);

/* ECDSA.  SHA-1 and SHA-224 only up to TLS 1.2; the others are bound to a
 * curve in TLS 1.3 (ecdsa_secp256r1_sha256 ...) and take the curve from
 * supported_groups in TLS 1.2. */
S2N_SCHEME(sig_ecdsa_sha1, 0x0203, "ecdsa_sha1", S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA1,
        S2N_PKEY_ECDSA, S2N_SIG_ECDSA, 0, S2N_SSLv3, S2N_TLS12);
S2N_SCHEME(sig_ecdsa_sha224, 0x0303, "legacy_ecdsa_sha224", S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA224,
        S2N_PKEY_ECDSA, S2N_SIG_ECDSA, 0, S2N_SSLv3, S2N_TLS12);
S2N_SCHEME(sig_ecdsa_sha256, 0x0403, "ecdsa_secp256r1_sha256", S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA256,
        S2N_PKEY_ECDSA, S2N_SIG_ECDSA, S2N_GROUP_SECP256R1, S2N_SSLv3, S2N_TLS13);
S2N_SCHEME(sig_ecdsa_sha384, 0x0503, "ecdsa_secp384r1_sha384", S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA384,
        S2N_PKEY_ECDSA, S2N_SIG_ECDSA, S2N_GROUP_SECP384R1, S2N_SSLv3, S2N_TLS13);
S2N_SCHEME(sig_ecdsa_sha512, 0x0603, "ecdsa_secp521r1_sha512", S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA512,
        S2N_PKEY_ECDSA, S2N_SIG_ECDSA, S2N_GROUP_SECP521R1, S2N_SSLv3, S2N_TLS13);

/* RSASSA-PSS with an rsaEncryption key. */
S2N_SCHEME(sig_rsa_pss_rsae_sha256, 0x0804, "rsa_pss_rsae_sha256", S2N_TLS_SIGNATURE_RSA_PSS_RSAE, S2N_HASH_SHA256,
        S2N_PKEY_RSA, S2N_SIG_PSS, 0, S2N_SSLv3, S2N_TLS13);
S2N_SCHEME(sig_rsa_pss_rsae_sha384, 0x0805, "rsa_pss_rsae_sha384", S2N_TLS_SIGNATURE_RSA_PSS_RSAE, S2N_HASH_SHA384,
        S2N_PKEY_RSA, S2N_SIG_PSS, 0, S2N_SSLv3, S2N_TLS13);
S2N_SCHEME(sig_rsa_pss_rsae_sha512, 0x0806, "rsa_pss_rsae_sha512", S2N_TLS_SIGNATURE_RSA_PSS_RSAE, S2N_HASH_SHA512,
        S2N_PKEY_RSA, S2N_SIG_PSS, 0, S2N_SSLv3, S2N_TLS13);

/* Ed25519 (RFC 8422 / RFC 8446).  No policy lists it; s2n.h has no
 * s2n_tls_signature_algorithm value for it, so sig_alg is ANONYMOUS. */
S2N_SCHEME(sig_ed25519, 0x0807, "ed25519", S2N_TLS_SIGNATURE_ANONYMOUS, S2N_HASH_NONE,
        S2N_PKEY_ED25519, S2N_SIG_ED25519, 0, S2N_TLS12, S2N_TLS13);

/* RSASSA-PSS with an id-RSASSA-PSS key: TLS 1.2 and up. */
S2N_SCHEME(sig_rsa_pss_pss_sha256, 0x0809, "rsa_pss_pss_sha256", S2N_TLS_SIGNATURE_RSA_PSS_PSS, S2N_HASH_SHA256,
        S2N_PKEY_RSA_PSS, S2N_SIG_PSS, 0, S2N_TLS12, S2N_TLS13);
S2N_SCHEME(sig_rsa_pss_pss_sha384, 0x080A, "rsa_pss_pss_sha384", S2N_TLS_SIGNATURE_RSA_PSS_PSS, S2N_HASH_SHA384,
        S2N_PKEY_RSA_PSS, S2N_SIG_PSS, 0, S2N_TLS12, S2N_TLS13);
S2N_SCHEME(sig_rsa_pss_pss_sha512, 0x080B, "rsa_pss_pss_sha512", S2N_TLS_SIGNATURE_RSA_PSS_PSS, S2N_HASH_SHA512,
        S2N_PKEY_RSA_PSS, S2N_SIG_PSS, 0, S2N_TLS12, S2N_TLS13);

/* ML-DSA (TLS 1.3 only).  OpenSSL 3.0 has no ML-DSA: pkey_type NONE means no
 * key ever matches, so these are listed but never usable. */
S2N_SCHEME(sig_mldsa44, 0x0904, "mldsa44", S2N_TLS_SIGNATURE_MLDSA, S2N_HASH_NONE,
        S2N_PKEY_NONE, S2N_SIG_PKCS1, 0, S2N_TLS13, S2N_TLS13);
S2N_SCHEME(sig_mldsa65, 0x0905, "mldsa65", S2N_TLS_SIGNATURE_MLDSA, S2N_HASH_NONE,
        S2N_PKEY_NONE, S2N_SIG_PKCS1, 0, S2N_TLS13, S2N_TLS13);
S2N_SCHEME(sig_mldsa87, 0x0906, "mldsa87", S2N_TLS_SIGNATURE_MLDSA, S2N_HASH_NONE,
        S2N_PKEY_NONE, S2N_SIG_PKCS1, 0, S2N_TLS13, S2N_TLS13);

static const struct s2n_signature_scheme *const all_schemes[] = {
    &sig_rsa_pkcs1_sha1,
    &sig_ecdsa_sha1,
    &sig_rsa_pkcs1_sha224,
    &sig_ecdsa_sha224,
    &sig_rsa_pkcs1_sha256,
    &sig_ecdsa_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_ecdsa_sha384,
    &sig_rsa_pkcs1_sha512,
    &sig_ecdsa_sha512,
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_ed25519,
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
    &sig_mldsa44,
    &sig_mldsa65,
    &sig_mldsa87,
};

const struct s2n_signature_scheme *s2n_signature_scheme_from_iana(uint16_t iana)
{
    /* 0 is no code point (legacy_rsa_md5_sha1 has none; see the header). */
    if (iana == 0) {
        return NULL;
    }
    for (size_t i = 0; i < S2N_ARRAY_LEN(all_schemes); i++) {
        if (all_schemes[i]->iana == iana) {
            return all_schemes[i];
        }
    }
    return NULL;
}

/* ---- named groups -------------------------------------------------------- */

#define S2N_GROUP_SECP256R1MLKEM768 0x11EB
#define S2N_GROUP_X25519MLKEM768 0x11EC
#define S2N_GROUP_SECP384R1MLKEM1024 0x11ED
#define S2N_GROUP_MLKEM1024 0x0202

static const struct {
    uint16_t iana;
    const char *name;
} all_groups[] = {
    { S2N_GROUP_SECP256R1, "secp256r1" },
    { S2N_GROUP_SECP384R1, "secp384r1" },
    { S2N_GROUP_SECP521R1, "secp521r1" },
    { S2N_GROUP_X25519, "x25519" },
    /* Post-quantum hybrids: need ML-KEM, which OpenSSL 3.0 lacks. */
    { S2N_GROUP_SECP256R1MLKEM768, "SecP256r1MLKEM768" },
    { S2N_GROUP_X25519MLKEM768, "X25519MLKEM768" },
    { S2N_GROUP_SECP384R1MLKEM1024, "SecP384r1MLKEM1024" },
    { S2N_GROUP_MLKEM1024, "MLKEM1024" },
};

static int s2n_cipher_suite_is_chacha20(const struct s2n_cipher_suite *s)
{
    return s->record_alg == S2N_RECORD_AEAD && s->aead == S2N_AEAD_CHACHA20_POLY1305;
}

const struct s2n_cipher_suite *const *s2n_security_policy_server_order(const struct s2n_security_policy *p,
        const uint8_t *client_suites, uint32_t len, const struct s2n_cipher_suite **scratch)
{
    const struct s2n_cipher_suite *first = p->chacha20_boosting && len >= 2 ? s2n_cipher_suite_from_iana(client_suites) : NULL;
    if (first == NULL || !s2n_cipher_suite_is_chacha20(first)) {
        return p->suites;
    }
    uint8_t n = 0;
    for (int chacha = 1; chacha >= 0; chacha--) {
        for (uint8_t i = 0; i < p->suite_count; i++) {
            if (s2n_cipher_suite_is_chacha20(p->suites[i]) == chacha) {
                scratch[n++] = p->suites[i];
            }
        }
    }
    return scratch;
}

const char *s2n_group_name(uint16_t iana)
{
    for (size_t i = 0; i < S2N_ARRAY_LEN(all_groups); i++) {
        if (all_groups[i].iana == iana) {
            return all_groups[i].name;
        }
    }
    return NULL;
}

/* ---- preference lists ---------------------------------------------------- */

/* Suites. */

/* 20251014 ("default"). */
static const struct s2n_cipher_suite *const suites_20251014[] = {
    &suite_tls13_aes128_gcm,
    &suite_tls13_aes256_gcm,
    &suite_tls13_chacha20,
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
};

/* 20240503 ("default_tls13") and 20250721 ("default_pq"). */
static const struct s2n_cipher_suite *const suites_20240503[] = {
    &suite_tls13_aes128_gcm,
    &suite_tls13_aes256_gcm,
    &suite_tls13_chacha20,
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_ecdhe_ecdsa_chacha20,
    &suite_ecdhe_rsa_chacha20,
    &suite_ecdhe_ecdsa_aes256_sha384,
    &suite_ecdhe_rsa_aes256_sha384,
    &suite_ecdhe_ecdsa_aes128_sha256,
    &suite_ecdhe_rsa_aes128_sha256,
};

/* 20251015 ("default_fips"). */
static const struct s2n_cipher_suite *const suites_20251015[] = {
    &suite_tls13_aes128_gcm,
    &suite_tls13_aes256_gcm,
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
};

/* 20240501 (TLS 1.2 only). */
static const struct s2n_cipher_suite *const suites_20240501[] = {
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_ecdsa_aes128_sha256,
    &suite_ecdhe_ecdsa_aes256_sha384,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_ecdhe_rsa_aes128_sha256,
    &suite_ecdhe_rsa_aes256_sha384,
};

/* 20230317: 20240501 plus the two AES-GCM TLS 1.3 suites, last. */
static const struct s2n_cipher_suite *const suites_20230317[] = {
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_ecdsa_aes128_sha256,
    &suite_ecdhe_ecdsa_aes256_sha384,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_ecdhe_rsa_aes128_sha256,
    &suite_ecdhe_rsa_aes256_sha384,
    &suite_tls13_aes128_gcm,
    &suite_tls13_aes256_gcm,
};

/* 20251013 ("rfc9151", CNSA). */
static const struct s2n_cipher_suite *const suites_20251013[] = {
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_tls13_aes256_gcm,
};

/* 20190801 (from s2n's cipher_preferences_20190801). */
static const struct s2n_cipher_suite *const suites_20190801[] = {
    &suite_tls13_aes256_gcm,
    &suite_tls13_aes128_gcm,
    &suite_tls13_chacha20,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_ecdhe_rsa_chacha20,
    &suite_ecdhe_rsa_aes128_sha,
    &suite_ecdhe_rsa_aes128_sha256,
    &suite_ecdhe_rsa_aes256_sha,
    &suite_rsa_aes128_gcm,
    &suite_rsa_aes128_sha256,
    &suite_rsa_aes128_sha,
};

/* CloudFront-TLS-1-2-2021 and its ChaCha20-boosted twin (from s2n's tables). */
static const struct s2n_cipher_suite *const suites_cloudfront_2021[] = {
    &suite_tls13_aes128_gcm,
    &suite_tls13_aes256_gcm,
    &suite_tls13_chacha20,
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_ecdhe_ecdsa_chacha20,
    &suite_ecdhe_rsa_chacha20,
};

/* AWS-CRT-SDK-TLSv1.3 and test_all_tls13. */
static const struct s2n_cipher_suite *const suites_tls13_only[] = {
    &suite_tls13_aes128_gcm,
    &suite_tls13_aes256_gcm,
    &suite_tls13_chacha20,
};

/* test_all: every suite known. */
static const struct s2n_cipher_suite *const suites_test_all[] = {
    &suite_rsa_rc4_md5,
    &suite_rsa_rc4_sha,
    &suite_rsa_3des_sha,
    &suite_dhe_rsa_3des_sha,
    &suite_rsa_aes128_sha,
    &suite_dhe_rsa_aes128_sha,
    &suite_rsa_aes256_sha,
    &suite_dhe_rsa_aes256_sha,
    &suite_rsa_aes128_sha256,
    &suite_rsa_aes256_sha256,
    &suite_dhe_rsa_aes128_sha256,
    &suite_dhe_rsa_aes256_sha256,
    &suite_rsa_aes128_gcm,
    &suite_rsa_aes256_gcm,
    &suite_dhe_rsa_aes128_gcm,
    &suite_dhe_rsa_aes256_gcm,
    &suite_tls13_aes128_gcm,
    &suite_tls13_aes256_gcm,
    &suite_tls13_chacha20,
    &suite_ecdhe_ecdsa_aes128_sha,
    &suite_ecdhe_ecdsa_aes256_sha,
    &suite_ecdhe_rsa_rc4_sha,
    &suite_ecdhe_rsa_3des_sha,
    &suite_ecdhe_rsa_aes128_sha,
    &suite_ecdhe_rsa_aes256_sha,
    &suite_ecdhe_ecdsa_aes128_sha256,
    &suite_ecdhe_ecdsa_aes256_sha384,
    &suite_ecdhe_rsa_aes128_sha256,
    &suite_ecdhe_rsa_aes256_sha384,
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_ecdhe_rsa_chacha20,
    &suite_ecdhe_ecdsa_chacha20,
    &suite_dhe_rsa_chacha20,
};

/* test_all_tls12: test_all without the TLS 1.3 suites. */
static const struct s2n_cipher_suite *const suites_test_all_tls12[] = {
    &suite_rsa_rc4_md5,
    &suite_rsa_rc4_sha,
    &suite_rsa_3des_sha,
    &suite_dhe_rsa_3des_sha,
    &suite_rsa_aes128_sha,
    &suite_dhe_rsa_aes128_sha,
    &suite_rsa_aes256_sha,
    &suite_dhe_rsa_aes256_sha,
    &suite_rsa_aes128_sha256,
    &suite_rsa_aes256_sha256,
    &suite_dhe_rsa_aes128_sha256,
    &suite_dhe_rsa_aes256_sha256,
    &suite_rsa_aes128_gcm,
    &suite_rsa_aes256_gcm,
    &suite_dhe_rsa_aes128_gcm,
    &suite_dhe_rsa_aes256_gcm,
    &suite_ecdhe_ecdsa_aes128_sha,
    &suite_ecdhe_ecdsa_aes256_sha,
    &suite_ecdhe_rsa_rc4_sha,
    &suite_ecdhe_rsa_3des_sha,
    &suite_ecdhe_rsa_aes128_sha,
    &suite_ecdhe_rsa_aes256_sha,
    &suite_ecdhe_ecdsa_aes128_sha256,
    &suite_ecdhe_ecdsa_aes256_sha384,
    &suite_ecdhe_rsa_aes128_sha256,
    &suite_ecdhe_rsa_aes256_sha384,
    &suite_ecdhe_ecdsa_aes128_gcm,
    &suite_ecdhe_ecdsa_aes256_gcm,
    &suite_ecdhe_rsa_aes128_gcm,
    &suite_ecdhe_rsa_aes256_gcm,
    &suite_ecdhe_rsa_chacha20,
    &suite_ecdhe_ecdsa_chacha20,
    &suite_dhe_rsa_chacha20,
};

static const struct s2n_cipher_suite *const suites_null[] = {
    &s2n_null_cipher_suite,
};

/* Signature schemes. */

/* 20240501: signatures of 20251014, 20240503, 20251015, 20240501. */
static const struct s2n_signature_scheme *const sigs_20240501[] = {
    &sig_ecdsa_sha256,
    &sig_ecdsa_sha384,
    &sig_ecdsa_sha512,
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_rsa_pkcs1_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_rsa_pkcs1_sha512,
};

/* 20201110: certificate-chain signatures of 20240503 and 20251015. */
static const struct s2n_signature_scheme *const cert_sigs_20201110[] = {
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_rsa_pkcs1_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_rsa_pkcs1_sha512,
    &sig_rsa_pkcs1_sha224,
    &sig_ecdsa_sha256,
    &sig_ecdsa_sha384,
    &sig_ecdsa_sha512,
    &sig_ecdsa_sha224,
};

/* 20250512: signatures of 20250721 (20240501 with ML-DSA first). */
static const struct s2n_signature_scheme *const sigs_20250512[] = {
    &sig_mldsa44,
    &sig_mldsa65,
    &sig_mldsa87,
    &sig_ecdsa_sha256,
    &sig_ecdsa_sha384,
    &sig_ecdsa_sha512,
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_rsa_pkcs1_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_rsa_pkcs1_sha512,
};

/* Certificate-chain signatures of 20250721. */
static const struct s2n_signature_scheme *const cert_sigs_20250512[] = {
    &sig_mldsa44,
    &sig_mldsa65,
    &sig_mldsa87,
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_rsa_pkcs1_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_rsa_pkcs1_sha512,
    &sig_rsa_pkcs1_sha224,
    &sig_ecdsa_sha256,
    &sig_ecdsa_sha384,
    &sig_ecdsa_sha512,
    &sig_ecdsa_sha224,
};

/* 20230317 (FIPS): both handshake and certificate-chain signatures. */
static const struct s2n_signature_scheme *const sigs_20230317[] = {
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_rsa_pkcs1_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_rsa_pkcs1_sha512,
    &sig_ecdsa_sha256,
    &sig_ecdsa_sha384,
    &sig_ecdsa_sha512,
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
};

/* rfc9151: SHA-384 only. */
static const struct s2n_signature_scheme *const sigs_rfc9151[] = {
    &sig_ecdsa_sha384,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pkcs1_sha384,
};

static const struct s2n_signature_scheme *const cert_sigs_rfc9151[] = {
    &sig_ecdsa_sha384,
    &sig_rsa_pkcs1_sha384,
};

/* 20200207: signatures of 20190801 and AWS-CRT-SDK-TLSv1.3 (s2n's
 * s2n_signature_preferences_20200207). */
static const struct s2n_signature_scheme *const sigs_20200207[] = {
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_rsa_pkcs1_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_rsa_pkcs1_sha512,
    &sig_rsa_pkcs1_sha224,
    &sig_ecdsa_sha256,
    &sig_ecdsa_sha384,
    &sig_ecdsa_sha512,
    &sig_ecdsa_sha224,
    &sig_rsa_pkcs1_sha1,
    &sig_ecdsa_sha1,
};

/* test_all and test_all_tls13: everything, legacy first. */
static const struct s2n_signature_scheme *const sigs_test_all[] = {
    &s2n_legacy_rsa_md5_sha1,
    &sig_rsa_pkcs1_sha1,
    &sig_rsa_pkcs1_sha224,
    &sig_rsa_pkcs1_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_rsa_pkcs1_sha512,
    &sig_ecdsa_sha1,
    &sig_ecdsa_sha224,
    &sig_ecdsa_sha256,
    &sig_ecdsa_sha384,
    &sig_ecdsa_sha512,
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
    &sig_mldsa44,
    &sig_mldsa65,
    &sig_mldsa87,
};

static const struct s2n_signature_scheme *const sigs_test_all_tls12[] = {
    &sig_rsa_pss_pss_sha256,
    &sig_rsa_pss_pss_sha384,
    &sig_rsa_pss_pss_sha512,
    &sig_rsa_pss_rsae_sha256,
    &sig_rsa_pss_rsae_sha384,
    &sig_rsa_pss_rsae_sha512,
    &sig_rsa_pkcs1_sha256,
    &sig_rsa_pkcs1_sha384,
    &sig_rsa_pkcs1_sha512,
    &sig_rsa_pkcs1_sha224,
    &sig_ecdsa_sha256,
    &sig_ecdsa_sha384,
    &sig_ecdsa_sha512,
    &sig_ecdsa_sha224,
    &sig_rsa_pkcs1_sha1,
    &sig_ecdsa_sha1,
};

/* Groups (IANA ids, preference order). */
static const uint16_t ecc_20240501[] = { S2N_GROUP_SECP256R1, S2N_GROUP_X25519, S2N_GROUP_SECP384R1, S2N_GROUP_SECP521R1 };
static const uint16_t ecc_fips[] = { S2N_GROUP_SECP256R1, S2N_GROUP_SECP384R1, S2N_GROUP_SECP521R1 };
static const uint16_t ecc_p384[] = { S2N_GROUP_SECP384R1 };
static const uint16_t ecc_20200310[] = { S2N_GROUP_X25519, S2N_GROUP_SECP256R1, S2N_GROUP_SECP384R1 };
static const uint16_t ecc_test_all[] = { S2N_GROUP_X25519, S2N_GROUP_SECP256R1, S2N_GROUP_SECP384R1, S2N_GROUP_SECP521R1 };

static const uint16_t pq_2025_07[] = { S2N_GROUP_X25519MLKEM768, S2N_GROUP_SECP256R1MLKEM768, S2N_GROUP_SECP384R1MLKEM1024 };
static const uint16_t pq_test_all[] = { S2N_GROUP_X25519MLKEM768, S2N_GROUP_SECP256R1MLKEM768, S2N_GROUP_SECP384R1MLKEM1024,
    S2N_GROUP_MLKEM1024 };


/* ---- policies (API.md section 4) ----------------------------------------- */

#define S2N_SUITES(a) .suites = (a), .suite_count = (uint8_t) S2N_ARRAY_LEN(a)
#define S2N_SIGS(a) .sig_schemes = (a), .sig_scheme_count = (uint8_t) S2N_ARRAY_LEN(a)
#define S2N_CERT_SIGS(a) .cert_sig_schemes = (a), .cert_sig_scheme_count = (uint8_t) S2N_ARRAY_LEN(a)
#define S2N_ECC(a) .ecc_groups = (a), .ecc_group_count = (uint8_t) S2N_ARRAY_LEN(a)
#define S2N_PQ(a) .pq_groups = (a), .pq_group_count = (uint8_t) S2N_ARRAY_LEN(a)

/* "default" */
static const struct s2n_security_policy policy_20251014 = {
    .name = "20251014",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_20251014),
    S2N_SIGS(sigs_20240501),
    S2N_ECC(ecc_20240501),
    S2N_PQ(pq_2025_07),
    .rule_pfs = 1,
};

/* "default_tls13" */
static const struct s2n_security_policy policy_20240503 = {
    .name = "20240503",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_20240503),
    S2N_SIGS(sigs_20240501),
    S2N_CERT_SIGS(cert_sigs_20201110),
    S2N_ECC(ecc_20240501),
    .rule_pfs = 1,
};

/* "default_fips" */
static const struct s2n_security_policy policy_20251015 = {
    .name = "20251015",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_20251015),
    S2N_SIGS(sigs_20240501),
    S2N_CERT_SIGS(cert_sigs_20201110),
    S2N_ECC(ecc_fips),
    S2N_PQ(pq_2025_07),
    .rule_pfs = 1,
    .rule_fips = 1,
};

/* "default_pq" */
static const struct s2n_security_policy policy_20250721 = {
    .name = "20250721",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_20240503),
    S2N_SIGS(sigs_20250512),
    S2N_CERT_SIGS(cert_sigs_20250512),
    S2N_ECC(ecc_20240501),
    S2N_PQ(pq_2025_07),
    .rule_pfs = 1,
};

static const struct s2n_security_policy policy_20240501 = {
    .name = "20240501",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_20240501),
    S2N_SIGS(sigs_20240501),
    S2N_ECC(ecc_20240501),
    .rule_pfs = 1,
};

static const struct s2n_security_policy policy_20230317 = {
    .name = "20230317",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_20230317),
    S2N_SIGS(sigs_20230317),
    S2N_CERT_SIGS(sigs_20230317),
    S2N_ECC(ecc_fips),
    .rule_pfs = 1,
    .rule_fips = 1,
};

/* "rfc9151" */
static const struct s2n_security_policy policy_20251013 = {
    .name = "20251013",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_20251013),
    S2N_SIGS(sigs_rfc9151),
    S2N_CERT_SIGS(cert_sigs_rfc9151),
    S2N_ECC(ecc_p384),
    .rule_pfs = 1,
    .rule_fips = 1,
};

/* Contents from s2n's tables (API.md names it but does not spell it out). */
static const struct s2n_security_policy policy_20190801 = {
    .name = "20190801",
    .min_version = S2N_TLS10,
    S2N_SUITES(suites_20190801),
    S2N_SIGS(sigs_20200207),
    S2N_ECC(ecc_20200310),
};

/* Contents from s2n's tables (API.md names them but does not spell them out). */
static const struct s2n_security_policy policy_cloudfront_tls12_2021 = {
    .name = "CloudFront-TLS-1-2-2021",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_cloudfront_2021),
    S2N_SIGS(sigs_20200207),
    S2N_ECC(ecc_20200310),
    .rule_pfs = 1,
};

static const struct s2n_security_policy policy_cloudfront_tls12_2021_chacha20_boosted = {
    .name = "CloudFront-TLS-1-2-2021-Chacha20-Boosted",
    .min_version = S2N_TLS12,
    S2N_SUITES(suites_cloudfront_2021),
    S2N_SIGS(sigs_20200207),
    S2N_ECC(ecc_20200310),
    .rule_pfs = 1,
    .chacha20_boosting = 1,
};

static const struct s2n_security_policy policy_aws_crt_sdk_tls13 = {
    .name = "AWS-CRT-SDK-TLSv1.3",
    .min_version = S2N_TLS13,
    S2N_SUITES(suites_tls13_only),
    S2N_SIGS(sigs_20200207),
    S2N_ECC(ecc_20200310),
    .rule_pfs = 1,
};

static const struct s2n_security_policy policy_test_all = {
    .name = "test_all",
    .min_version = S2N_SSLv3,
    S2N_SUITES(suites_test_all),
    S2N_SIGS(sigs_test_all),
    S2N_ECC(ecc_test_all),
    S2N_PQ(pq_test_all),
};

static const struct s2n_security_policy policy_test_all_tls12 = {
    .name = "test_all_tls12",
    .min_version = S2N_SSLv3,
    S2N_SUITES(suites_test_all_tls12),
    S2N_SIGS(sigs_test_all_tls12),
    S2N_ECC(ecc_fips),
};

static const struct s2n_security_policy policy_test_all_tls13 = {
    .name = "test_all_tls13",
    .min_version = S2N_SSLv3,
    S2N_SUITES(suites_tls13_only),
    S2N_SIGS(sigs_test_all),
    S2N_ECC(ecc_test_all),
    .rule_pfs = 1,
};

/* No signature schemes and no groups: only for tests of the null suite. */
static const struct s2n_security_policy policy_null = {
    .name = "null",
    .min_version = S2N_TLS10,
    S2N_SUITES(suites_null),
};

/* Every accepted name, aliases included. */
static const struct {
    const char *name;
    const struct s2n_security_policy *policy;
} policy_names[] = {
    { "default", &policy_20251014 },
    { "default_tls13", &policy_20240503 },
    { "default_fips", &policy_20251015 },
    { "default_pq", &policy_20250721 },
    { "rfc9151", &policy_20251013 },
    { "20251014", &policy_20251014 },
    { "20240503", &policy_20240503 },
    { "20251015", &policy_20251015 },
    { "20250721", &policy_20250721 },
    { "20251013", &policy_20251013 },
    { "20240501", &policy_20240501 },
    { "20230317", &policy_20230317 },
    { "20190801", &policy_20190801 },
    { "AWS-CRT-SDK-TLSv1.3", &policy_aws_crt_sdk_tls13 },
    { "CloudFront-TLS-1-2-2021", &policy_cloudfront_tls12_2021 },
    { "CloudFront-TLS-1-2-2021-Chacha20-Boosted", &policy_cloudfront_tls12_2021_chacha20_boosted },
    { "test_all", &policy_test_all },
    { "test_all_tls12", &policy_test_all_tls12 },
    { "test_all_tls13", &policy_test_all_tls13 },
    { "null", &policy_null },
};

/* Retired names: old post-quantum drafts and the 20240730 PQ default
 * (the names s2n-tls rejects with S2N_ERR_DEPRECATED_SECURITY_POLICY). */
static const char *const deprecated_names[] = {
    "KMS-PQ-TLS-1-0-2019-06",
    "KMS-PQ-TLS-1-0-2020-02",
    "KMS-PQ-TLS-1-0-2020-07",
    "PQ-SIKE-TEST-TLS-1-0-2019-11",
    "PQ-SIKE-TEST-TLS-1-0-2020-02",
    "PQ-TLS-1-0-2020-12",
    "PQ-TLS-1-1-2021-05-17",
    "PQ-TLS-1-0-2021-05-18",
    "PQ-TLS-1-0-2021-05-19",
    "PQ-TLS-1-0-2021-05-20",
    "PQ-TLS-1-1-2021-05-21",
    "PQ-TLS-1-0-2021-05-22",
    "PQ-TLS-1-0-2021-05-23",
    "PQ-TLS-1-0-2021-05-24",
    "PQ-TLS-1-0-2021-05-25",
    "PQ-TLS-1-0-2021-05-26",
    "PQ-TLS-1-0-2023-01-24",
    "PQ-TLS-1-2-2023-04-07",
    "PQ-TLS-1-2-2023-04-08",
    "PQ-TLS-1-2-2023-04-09",
    "PQ-TLS-1-2-2023-04-10",
    "PQ-TLS-1-3-2023-06-01",
    "PQ-TLS-1-2-2023-10-07",
    "PQ-TLS-1-2-2023-10-08",
    "PQ-TLS-1-2-2023-10-09",
    "PQ-TLS-1-2-2023-10-10",
    "PQ-TLS-1-2-2023-12-13",
    "PQ-TLS-1-2-2023-12-14",
    "PQ-TLS-1-2-2023-12-15",
    "20240730",
};

S2N_RESULT s2n_security_policy_find(const char *name, const struct s2n_security_policy **out)
{
    ENSURE_REF(name);
    ENSURE_REF(out);

    for (size_t i = 0; i < S2N_ARRAY_LEN(policy_names); i++) {
        if (strcasecmp(name, policy_names[i].name) == 0) {
            *out = policy_names[i].policy;
            return S2N_SUCCESS;
        }
    }
    for (size_t i = 0; i < S2N_ARRAY_LEN(deprecated_names); i++) {
        ENSURE(strcasecmp(name, deprecated_names[i]) != 0, S2N_ERR_DEPRECATED_SECURITY_POLICY);
    }
    BAIL(S2N_ERR_INVALID_SECURITY_POLICY);
}

uint8_t s2n_security_policy_max_version(const struct s2n_security_policy *p)
{
    if (p == NULL) {
        return S2N_TLS12;
    }
    for (uint8_t i = 0; i < p->suite_count; i++) {
        if (p->suites[i]->min_version >= S2N_TLS13 && p->suites[i]->available) {
            return S2N_TLS13;
        }
    }
    return S2N_TLS12;
}
