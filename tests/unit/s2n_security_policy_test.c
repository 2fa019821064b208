/* Unit test of the cipher-suite, signature-scheme, group and security-policy
 * tables (libtls/tls/s2n_security_policy.c) against API.md sections 2.7 and 4. */
#include <ctype.h>

#include "s2n_test.h"
#include "tls/s2n_security_policy.h"

/* A policy's suite list must be exactly this IANA sequence. */
static int suites_are(const struct s2n_security_policy *p, const uint16_t *expected, size_t n)
{
    if (p->suite_count != n) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint16_t got = (uint16_t) ((p->suites[i]->iana[0] << 8) | p->suites[i]->iana[1]);
        if (got != expected[i]) {
            return 0;
        }
    }
    return 1;
}

static int sigs_are(const struct s2n_signature_scheme *const *list, uint8_t count, const uint16_t *expected, size_t n)
{
    if (count != n) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (list[i]->iana != expected[i]) {
            return 0;
        }
    }
    return 1;
}

static int groups_are(const uint16_t *list, uint8_t count, const uint16_t *expected, size_t n)
{
    return count == n && (n == 0 || memcmp(list, expected, n * sizeof(uint16_t)) == 0);
}

static void case_variant(const char *in, char *out, size_t out_len, int upper)
{
    size_t i = 0;
    for (; in[i] && i + 1 < out_len; i++) {
        out[i] = (char) (upper ? toupper((unsigned char) in[i]) : tolower((unsigned char) in[i]));
    }
    out[i] = '\0';
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

int main(void)
{
    BEGIN_TEST();

    /* ---- every cipher suite of API.md 2.7 ---- */
    static const struct {
        const char *name;
        uint16_t iana;
        uint8_t min_version;
        uint8_t available;
    } suites[] = {
        { "RC4-MD5", 0x0004, S2N_SSLv3, 0 },
        { "RC4-SHA", 0x0005, S2N_SSLv3, 0 },
        { "DES-CBC3-SHA", 0x000A, S2N_SSLv3, 0 },
        { "DHE-RSA-DES-CBC3-SHA", 0x0016, S2N_SSLv3, 0 },
        { "AES128-SHA", 0x002F, S2N_SSLv3, 0 },
        { "DHE-RSA-AES128-SHA", 0x0033, S2N_SSLv3, 0 },
        { "AES256-SHA", 0x0035, S2N_SSLv3, 0 },
        { "DHE-RSA-AES256-SHA", 0x0039, S2N_SSLv3, 0 },
        { "AES128-SHA256", 0x003C, S2N_TLS12, 0 },
        { "AES256-SHA256", 0x003D, S2N_TLS12, 0 },
        { "DHE-RSA-AES128-SHA256", 0x0067, S2N_TLS12, 0 },
        { "DHE-RSA-AES256-SHA256", 0x006B, S2N_TLS12, 0 },
        { "AES128-GCM-SHA256", 0x009C, S2N_TLS12, 0 },
        { "AES256-GCM-SHA384", 0x009D, S2N_TLS12, 0 },
        { "DHE-RSA-AES128-GCM-SHA256", 0x009E, S2N_TLS12, 0 },
        { "DHE-RSA-AES256-GCM-SHA384", 0x009F, S2N_TLS12, 0 },
        { "ECDHE-ECDSA-AES128-SHA", 0xC009, S2N_SSLv3, 0 },
        { "ECDHE-ECDSA-AES256-SHA", 0xC00A, S2N_SSLv3, 0 },
        { "ECDHE-RSA-RC4-SHA", 0xC011, S2N_SSLv3, 0 },
        { "ECDHE-RSA-DES-CBC3-SHA", 0xC012, S2N_SSLv3, 0 },
        { "ECDHE-RSA-AES128-SHA", 0xC013, S2N_SSLv3, 0 },
        { "ECDHE-RSA-AES256-SHA", 0xC014, S2N_SSLv3, 0 },
        { "ECDHE-ECDSA-AES128-SHA256", 0xC023, S2N_TLS12, 0 },
        { "ECDHE-ECDSA-AES256-SHA384", 0xC024, S2N_TLS12, 0 },
        { "ECDHE-RSA-AES128-SHA256", 0xC027, S2N_TLS12, 0 },
        { "ECDHE-RSA-AES256-SHA384", 0xC028, S2N_TLS12, 0 },
        { "ECDHE-ECDSA-AES128-GCM-SHA256", 0xC02B, S2N_TLS12, 1 },
        { "ECDHE-ECDSA-AES256-GCM-SHA384", 0xC02C, S2N_TLS12, 1 },
        { "ECDHE-RSA-AES128-GCM-SHA256", 0xC02F, S2N_TLS12, 1 },
        { "ECDHE-RSA-AES256-GCM-SHA384", 0xC030, S2N_TLS12, 1 },
        { "ECDHE-RSA-CHACHA20-POLY1305", 0xCCA8, S2N_TLS12, 1 },
        { "ECDHE-ECDSA-CHACHA20-POLY1305", 0xCCA9, S2N_TLS12, 1 },
        { "DHE-RSA-CHACHA20-POLY1305", 0xCCAA, S2N_TLS12, 0 },
        { "TLS_AES_128_GCM_SHA256", 0x1301, S2N_TLS13, 1 },
        { "TLS_AES_256_GCM_SHA384", 0x1302, S2N_TLS13, 1 },
        { "TLS_CHACHA20_POLY1305_SHA256", 0x1303, S2N_TLS13, 1 },
    };
    for (size_t i = 0; i < N(suites); i++) {
        const uint8_t iana[2] = { (uint8_t) (suites[i].iana >> 8), (uint8_t) suites[i].iana };
        const struct s2n_cipher_suite *s = s2n_cipher_suite_from_iana(iana);
        EXPECT_NOT_NULL(s);
        if (s == NULL) {
            continue;
        }
        EXPECT_STRING_EQUAL(s->name, suites[i].name);
        EXPECT_BYTES_EQUAL(s->iana, iana, 2);
        EXPECT_EQUAL(s->min_version, suites[i].min_version);
        EXPECT_EQUAL(s->available, suites[i].available);

        /* PRF hash: SHA-384 exactly for the *SHA384 suites. */
        size_t len = strlen(s->name);
        int sha384 = len > 6 && strcmp(s->name + len - 6, "SHA384") == 0;
        EXPECT_EQUAL(s->prf_hash, sha384 ? S2N_HASH_SHA384 : S2N_HASH_SHA256);

        /* Record protection agrees with the name. */
        int gcm = strstr(s->name, "GCM") != NULL;
        int chacha = strstr(s->name, "CHACHA20") != NULL;
        if (gcm || chacha) {
            EXPECT_EQUAL(s->record_alg, S2N_RECORD_AEAD);
            s2n_aead_alg want = chacha ? S2N_AEAD_CHACHA20_POLY1305
                    : (strstr(s->name, "256") && !strstr(s->name, "128")) ? S2N_AEAD_AES_256_GCM : S2N_AEAD_AES_128_GCM;
            EXPECT_EQUAL(s->aead, want);
        } else {
            EXPECT_NOT_EQUAL(s->record_alg, S2N_RECORD_AEAD);
        }

        /* Key exchange and authentication agree with the name. */
        if (s->min_version == S2N_TLS13) {
            EXPECT_EQUAL(s->kx, S2N_KX_TLS13);
            EXPECT_EQUAL(s->auth, S2N_AUTH_ANY);
        } else if (strncmp(s->name, "ECDHE-ECDSA-", 12) == 0) {
            EXPECT_EQUAL(s->kx, S2N_KX_ECDHE);
            EXPECT_EQUAL(s->auth, S2N_AUTH_ECDSA);
        } else if (strncmp(s->name, "ECDHE-RSA-", 10) == 0) {
            EXPECT_EQUAL(s->kx, S2N_KX_ECDHE);
            EXPECT_EQUAL(s->auth, S2N_AUTH_RSA);
        } else if (strncmp(s->name, "DHE-RSA-", 8) == 0) {
            EXPECT_EQUAL(s->kx, S2N_KX_DHE);
            EXPECT_EQUAL(s->auth, S2N_AUTH_RSA);
        } else {
            EXPECT_EQUAL(s->kx, S2N_KX_RSA);
            EXPECT_EQUAL(s->auth, S2N_AUTH_RSA);
        }
        /* Only ECDHE or TLS 1.3 AEAD suites are implemented. */
        if (s->available) {
            EXPECT_EQUAL(s->record_alg, S2N_RECORD_AEAD);
            EXPECT_TRUE(s->kx == S2N_KX_ECDHE || s->kx == S2N_KX_TLS13);
        }
    }
    {
        const uint8_t unknown[2] = { 0xC0, 0x99 };
        EXPECT_NULL(s2n_cipher_suite_from_iana(unknown));
        EXPECT_NULL(s2n_cipher_suite_from_iana(NULL));
        EXPECT_STRING_EQUAL(s2n_null_cipher_suite.name, "TLS_NULL_WITH_NULL_NULL");
        EXPECT_EQUAL(s2n_null_cipher_suite.iana[0], 0);
        EXPECT_EQUAL(s2n_null_cipher_suite.iana[1], 0);
        EXPECT_EQUAL(s2n_null_cipher_suite.available, 0);
        EXPECT_EQUAL(s2n_null_cipher_suite.kx, S2N_KX_NULL);
    }

    /* ---- signature schemes ---- */
    {
        const struct {
            uint16_t iana;
            uint8_t sig_alg;
            uint8_t hash;
            uint8_t pkey;
            uint16_t curve;
            uint8_t min_version;
            uint8_t max_version;
        } schemes[] = {
            { 0x0201, S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA1, S2N_PKEY_RSA, 0, S2N_SSLv3, S2N_TLS12 },
            { 0x0203, S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA1, S2N_PKEY_ECDSA, 0, S2N_SSLv3, S2N_TLS12 },
            { 0x0301, S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA224, S2N_PKEY_RSA, 0, S2N_SSLv3, S2N_TLS12 },
            { 0x0303, S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA224, S2N_PKEY_ECDSA, 0, S2N_SSLv3, S2N_TLS12 },
            { 0x0401, S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA256, S2N_PKEY_RSA, 0, S2N_SSLv3, S2N_TLS12 },
            { 0x0501, S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA384, S2N_PKEY_RSA, 0, S2N_SSLv3, S2N_TLS12 },
            { 0x0601, S2N_TLS_SIGNATURE_RSA, S2N_HASH_SHA512, S2N_PKEY_RSA, 0, S2N_SSLv3, S2N_TLS12 },
            { 0x0403, S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA256, S2N_PKEY_ECDSA, 23, S2N_SSLv3, S2N_TLS13 },
            { 0x0503, S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA384, S2N_PKEY_ECDSA, 24, S2N_SSLv3, S2N_TLS13 },
            { 0x0603, S2N_TLS_SIGNATURE_ECDSA, S2N_HASH_SHA512, S2N_PKEY_ECDSA, 25, S2N_SSLv3, S2N_TLS13 },
            { 0x0804, S2N_TLS_SIGNATURE_RSA_PSS_RSAE, S2N_HASH_SHA256, S2N_PKEY_RSA, 0, S2N_SSLv3, S2N_TLS13 },
            { 0x0805, S2N_TLS_SIGNATURE_RSA_PSS_RSAE, S2N_HASH_SHA384, S2N_PKEY_RSA, 0, S2N_SSLv3, S2N_TLS13 },
            { 0x0806, S2N_TLS_SIGNATURE_RSA_PSS_RSAE, S2N_HASH_SHA512, S2N_PKEY_RSA, 0, S2N_SSLv3, S2N_TLS13 },
            { 0x0809, S2N_TLS_SIGNATURE_RSA_PSS_PSS, S2N_HASH_SHA256, S2N_PKEY_RSA_PSS, 0, S2N_TLS12, S2N_TLS13 },
            { 0x080A, S2N_TLS_SIGNATURE_RSA_PSS_PSS, S2N_HASH_SHA384, S2N_PKEY_RSA_PSS, 0, S2N_TLS12, S2N_TLS13 },
            { 0x080B, S2N_TLS_SIGNATURE_RSA_PSS_PSS, S2N_HASH_SHA512, S2N_PKEY_RSA_PSS, 0, S2N_TLS12, S2N_TLS13 },
            { 0x0807, S2N_TLS_SIGNATURE_ANONYMOUS, S2N_HASH_NONE, S2N_PKEY_ED25519, 0, S2N_TLS12, S2N_TLS13 },
            /* ML-DSA: listed, but no key type can ever make one. */
            { 0x0904, S2N_TLS_SIGNATURE_MLDSA, S2N_HASH_NONE, S2N_PKEY_NONE, 0, S2N_TLS13, S2N_TLS13 },
            { 0x0905, S2N_TLS_SIGNATURE_MLDSA, S2N_HASH_NONE, S2N_PKEY_NONE, 0, S2N_TLS13, S2N_TLS13 },
            { 0x0906, S2N_TLS_SIGNATURE_MLDSA, S2N_HASH_NONE, S2N_PKEY_NONE, 0, S2N_TLS13, S2N_TLS13 },
        };
        for (size_t i = 0; i < N(schemes); i++) {
            const struct s2n_signature_scheme *s = s2n_signature_scheme_from_iana(schemes[i].iana);
            EXPECT_NOT_NULL(s);
            if (s == NULL) {
                continue;
            }
            EXPECT_EQUAL(s->iana, schemes[i].iana);
            EXPECT_NOT_NULL(s->name);
            EXPECT_EQUAL(s->sig_alg, schemes[i].sig_alg);
            EXPECT_EQUAL(s->hash, schemes[i].hash);
            EXPECT_EQUAL(s->pkey_type, schemes[i].pkey);
            EXPECT_EQUAL(s->tls13_curve, schemes[i].curve);
            EXPECT_EQUAL(s->min_version, schemes[i].min_version);
            EXPECT_EQUAL(s->max_version, schemes[i].max_version);
            if (s->pkey_type == S2N_PKEY_ECDSA) {
                EXPECT_EQUAL(s->padding, S2N_SIG_ECDSA);
            } else if (s->sig_alg == S2N_TLS_SIGNATURE_RSA_PSS_RSAE || s->sig_alg == S2N_TLS_SIGNATURE_RSA_PSS_PSS) {
                EXPECT_EQUAL(s->padding, S2N_SIG_PSS);
            } else if (s->sig_alg == S2N_TLS_SIGNATURE_RSA) {
                EXPECT_EQUAL(s->padding, S2N_SIG_PKCS1);
            }
        }
        EXPECT_STRING_EQUAL(s2n_signature_scheme_from_iana(0x0403)->name, "ecdsa_secp256r1_sha256");
        EXPECT_STRING_EQUAL(s2n_signature_scheme_from_iana(0x0804)->name, "rsa_pss_rsae_sha256");
        EXPECT_STRING_EQUAL(s2n_signature_scheme_from_iana(0x0401)->name, "rsa_pkcs1_sha256");
        EXPECT_NULL(s2n_signature_scheme_from_iana(0));
        EXPECT_NULL(s2n_signature_scheme_from_iana(0x0808));
        EXPECT_NULL(s2n_signature_scheme_from_iana(0xFFFF));
        EXPECT_STRING_EQUAL(s2n_legacy_rsa_md5_sha1.name, "legacy_rsa_md5_sha1");
        EXPECT_EQUAL(s2n_legacy_rsa_md5_sha1.iana, 0);
        EXPECT_EQUAL(s2n_legacy_rsa_md5_sha1.hash, S2N_HASH_MD5_SHA1);
        EXPECT_EQUAL(s2n_legacy_rsa_md5_sha1.pkey_type, S2N_PKEY_RSA);
        EXPECT_EQUAL(s2n_legacy_rsa_md5_sha1.max_version, S2N_TLS12);
    }

    /* ---- groups ---- */
    EXPECT_STRING_EQUAL(s2n_group_name(23), "secp256r1");
    EXPECT_STRING_EQUAL(s2n_group_name(24), "secp384r1");
    EXPECT_STRING_EQUAL(s2n_group_name(25), "secp521r1");
    EXPECT_STRING_EQUAL(s2n_group_name(29), "x25519");
    EXPECT_STRING_EQUAL(s2n_group_name(0x11EB), "SecP256r1MLKEM768");
    EXPECT_STRING_EQUAL(s2n_group_name(0x11EC), "X25519MLKEM768");
    EXPECT_STRING_EQUAL(s2n_group_name(0x11ED), "SecP384r1MLKEM1024");
    EXPECT_STRING_EQUAL(s2n_group_name(0x0202), "MLKEM1024");
    EXPECT_NULL(s2n_group_name(0));
    EXPECT_NULL(s2n_group_name(30));

    /* ---- policy lookup ---- */
    static const struct {
        const char *name;
        const char *canonical;
        uint8_t min_version;
        uint8_t max_version;
    } policies[] = {
        { "default", "20251014", S2N_TLS12, S2N_TLS13 },
        { "20251014", "20251014", S2N_TLS12, S2N_TLS13 },
        { "default_tls13", "20240503", S2N_TLS12, S2N_TLS13 },
        { "20240503", "20240503", S2N_TLS12, S2N_TLS13 },
        { "default_fips", "20251015", S2N_TLS12, S2N_TLS13 },
        { "20251015", "20251015", S2N_TLS12, S2N_TLS13 },
        { "default_pq", "20250721", S2N_TLS12, S2N_TLS13 },
        { "20250721", "20250721", S2N_TLS12, S2N_TLS13 },
        { "rfc9151", "20251013", S2N_TLS12, S2N_TLS13 },
        { "20251013", "20251013", S2N_TLS12, S2N_TLS13 },
        { "20240501", "20240501", S2N_TLS12, S2N_TLS12 },
        { "20230317", "20230317", S2N_TLS12, S2N_TLS13 },
        { "20190801", "20190801", S2N_TLS10, S2N_TLS13 },
        { "AWS-CRT-SDK-TLSv1.3", "AWS-CRT-SDK-TLSv1.3", S2N_TLS13, S2N_TLS13 },
        { "CloudFront-TLS-1-2-2021", "CloudFront-TLS-1-2-2021", S2N_TLS12, S2N_TLS13 },
        { "cloudfront-tls-1-2-2021-chacha20-boosted", "CloudFront-TLS-1-2-2021-Chacha20-Boosted", S2N_TLS12, S2N_TLS13 },
        { "test_all", "test_all", S2N_SSLv3, S2N_TLS13 },
        { "test_all_tls12", "test_all_tls12", S2N_SSLv3, S2N_TLS12 },
        { "test_all_tls13", "test_all_tls13", S2N_SSLv3, S2N_TLS13 },
        { "null", "null", S2N_TLS10, S2N_TLS12 },
    };
    for (size_t i = 0; i < N(policies); i++) {
        const struct s2n_security_policy *p = NULL;
        EXPECT_SUCCESS(s2n_security_policy_find(policies[i].name, &p));
        REQUIRE(p != NULL);
        EXPECT_STRING_EQUAL(p->name, policies[i].canonical);
        EXPECT_EQUAL(p->min_version, policies[i].min_version);
        EXPECT_EQUAL(s2n_security_policy_max_version(p), policies[i].max_version);

        /* Same policy whatever the letter case. */
        char buf[64];
        const struct s2n_security_policy *q = NULL;
        case_variant(policies[i].name, buf, sizeof(buf), 1);
        EXPECT_SUCCESS(s2n_security_policy_find(buf, &q));
        EXPECT_TRUE(q == p);
        q = NULL;
        case_variant(policies[i].name, buf, sizeof(buf), 0);
        EXPECT_SUCCESS(s2n_security_policy_find(buf, &q));
        EXPECT_TRUE(q == p);

        /* Every entry resolves through the global tables. */
        int ok = 1;
        for (uint8_t j = 0; j < p->suite_count; j++) {
            ok &= s2n_cipher_suite_from_iana(p->suites[j]->iana) == p->suites[j];
        }
        for (uint8_t j = 0; j < p->sig_scheme_count; j++) {
            const struct s2n_signature_scheme *s = p->sig_schemes[j];
            ok &= s == &s2n_legacy_rsa_md5_sha1 || s2n_signature_scheme_from_iana(s->iana) == s;
        }
        for (uint8_t j = 0; j < p->cert_sig_scheme_count; j++) {
            const struct s2n_signature_scheme *s = p->cert_sig_schemes[j];
            ok &= s != &s2n_legacy_rsa_md5_sha1 && s2n_signature_scheme_from_iana(s->iana) == s;
        }
        ok &= (p->cert_sig_schemes == NULL) == (p->cert_sig_scheme_count == 0);
        for (uint8_t j = 0; j < p->ecc_group_count; j++) {
            ok &= s2n_group_name(p->ecc_groups[j]) != NULL && p->ecc_groups[j] < 0x100;
        }
        for (uint8_t j = 0; j < p->pq_group_count; j++) {
            ok &= s2n_group_name(p->pq_groups[j]) != NULL && p->pq_groups[j] >= 0x200;
        }
        EXPECT_TRUE(ok);
        /* A PFS policy has no static-RSA suite. */
        if (p->rule_pfs) {
            int pfs = 1;
            for (uint8_t j = 0; j < p->suite_count; j++) {
                pfs &= p->suites[j]->kx == S2N_KX_ECDHE || p->suites[j]->kx == S2N_KX_DHE || p->suites[j]->kx == S2N_KX_TLS13;
            }
            EXPECT_TRUE(pfs);
        }
    }
    {
        const struct s2n_security_policy *a = NULL, *b = NULL;
        EXPECT_SUCCESS(s2n_security_policy_find("default", &a));
        EXPECT_SUCCESS(s2n_security_policy_find("20251014", &b));
        EXPECT_TRUE(a == b);
        EXPECT_SUCCESS(s2n_security_policy_find("DeFaUlT_TLS13", &a));
        EXPECT_SUCCESS(s2n_security_policy_find("20240503", &b));
        EXPECT_TRUE(a == b);
        EXPECT_SUCCESS(s2n_security_policy_find("aws-crt-sdk-tlsv1.3", &a));
        EXPECT_STRING_EQUAL(a->name, "AWS-CRT-SDK-TLSv1.3");
    }

    /* Unknown and deprecated names. */
    {
        const struct s2n_security_policy *p = NULL;
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("no-such-policy", &p), S2N_ERR_INVALID_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("", &p), S2N_ERR_INVALID_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("default ", &p), S2N_ERR_INVALID_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("defaul", &p), S2N_ERR_INVALID_SECURITY_POLICY);
        /* Accepted by s2n but without contents here yet. */
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("ELBSecurityPolicy-2016-08", &p), S2N_ERR_INVALID_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("PQ-TLS-1-0-2023-01-24", &p), S2N_ERR_DEPRECATED_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("PQ-TLS-1-3-2023-06-01", &p), S2N_ERR_DEPRECATED_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("20240730", &p), S2N_ERR_DEPRECATED_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("pq-tls-1-3-2023-06-01", &p), S2N_ERR_DEPRECATED_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("KMS-PQ-TLS-1-0-2019-06", &p), S2N_ERR_DEPRECATED_SECURITY_POLICY);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find(NULL, &p), S2N_ERR_NULL);
        EXPECT_FAILURE_WITH_ERRNO(s2n_security_policy_find("default", NULL), S2N_ERR_NULL);
        EXPECT_NULL(p);
        EXPECT_EQUAL(s2n_security_policy_max_version(NULL), S2N_TLS12);
    }

    /* ---- exact contents from API.md section 4 ---- */
    const struct s2n_security_policy *p = NULL;
    static const uint16_t sigs_20240501[] = { 0x0403, 0x0503, 0x0603, 0x0809, 0x080A, 0x080B, 0x0804, 0x0805, 0x0806,
        0x0401, 0x0501, 0x0601 };
    static const uint16_t cert_sigs_20201110[] = { 0x0809, 0x080A, 0x080B, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
        0x0301, 0x0403, 0x0503, 0x0603, 0x0303 };
    static const uint16_t ecc_default[] = { 23, 29, 24, 25 };
    static const uint16_t ecc_fips[] = { 23, 24, 25 };
    static const uint16_t pq_default[] = { 0x11EC, 0x11EB, 0x11ED };

    /* default = 20251014 */
    {
        static const uint16_t want[] = { 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02C, 0xC02F, 0xC030 };
        EXPECT_SUCCESS(s2n_security_policy_find("default", &p));
        EXPECT_TRUE(suites_are(p, want, N(want)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs_20240501, N(sigs_20240501)));
        EXPECT_NULL(p->cert_sig_schemes);
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_default, N(ecc_default)));
        EXPECT_TRUE(groups_are(p->pq_groups, p->pq_group_count, pq_default, N(pq_default)));
        EXPECT_EQUAL(p->rule_pfs, 1);
        EXPECT_EQUAL(p->rule_fips, 0);
    }
    /* default_tls13 = 20240503 */
    {
        static const uint16_t want[] = { 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC024,
            0xC028, 0xC023, 0xC027 };
        EXPECT_SUCCESS(s2n_security_policy_find("default_tls13", &p));
        EXPECT_TRUE(suites_are(p, want, N(want)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs_20240501, N(sigs_20240501)));
        EXPECT_TRUE(sigs_are(p->cert_sig_schemes, p->cert_sig_scheme_count, cert_sigs_20201110, N(cert_sigs_20201110)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_default, N(ecc_default)));
        EXPECT_EQUAL(p->pq_group_count, 0);
        EXPECT_EQUAL(p->rule_pfs, 1);
    }
    /* default_fips = 20251015 */
    {
        static const uint16_t want[] = { 0x1301, 0x1302, 0xC02B, 0xC02C, 0xC02F, 0xC030 };
        EXPECT_SUCCESS(s2n_security_policy_find("default_fips", &p));
        EXPECT_TRUE(suites_are(p, want, N(want)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs_20240501, N(sigs_20240501)));
        EXPECT_TRUE(sigs_are(p->cert_sig_schemes, p->cert_sig_scheme_count, cert_sigs_20201110, N(cert_sigs_20201110)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_fips, N(ecc_fips)));
        EXPECT_TRUE(groups_are(p->pq_groups, p->pq_group_count, pq_default, N(pq_default)));
        EXPECT_EQUAL(p->rule_pfs, 1);
        EXPECT_EQUAL(p->rule_fips, 1);
    }
    /* default_pq = 20250721 */
    {
        static const uint16_t want[] = { 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC024,
            0xC028, 0xC023, 0xC027 };
        static const uint16_t sigs[] = { 0x0904, 0x0905, 0x0906, 0x0403, 0x0503, 0x0603, 0x0809, 0x080A, 0x080B, 0x0804,
            0x0805, 0x0806, 0x0401, 0x0501, 0x0601 };
        static const uint16_t cert_sigs[] = { 0x0904, 0x0905, 0x0906, 0x0809, 0x080A, 0x080B, 0x0804, 0x0805, 0x0806, 0x0401,
            0x0501, 0x0601, 0x0301, 0x0403, 0x0503, 0x0603, 0x0303 };
        EXPECT_SUCCESS(s2n_security_policy_find("default_pq", &p));
        EXPECT_TRUE(suites_are(p, want, N(want)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs, N(sigs)));
        EXPECT_TRUE(sigs_are(p->cert_sig_schemes, p->cert_sig_scheme_count, cert_sigs, N(cert_sigs)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_default, N(ecc_default)));
        EXPECT_TRUE(groups_are(p->pq_groups, p->pq_group_count, pq_default, N(pq_default)));
    }
    /* 20240501 */
    {
        static const uint16_t want[] = { 0xC02B, 0xC02C, 0xC023, 0xC024, 0xC02F, 0xC030, 0xC027, 0xC028 };
        EXPECT_SUCCESS(s2n_security_policy_find("20240501", &p));
        EXPECT_TRUE(suites_are(p, want, N(want)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs_20240501, N(sigs_20240501)));
        EXPECT_NULL(p->cert_sig_schemes);
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_default, N(ecc_default)));
        EXPECT_EQUAL(p->rule_pfs, 1);
    }
    /* 20230317 */
    {
        static const uint16_t want[] = { 0xC02B, 0xC02C, 0xC023, 0xC024, 0xC02F, 0xC030, 0xC027, 0xC028, 0x1301, 0x1302 };
        static const uint16_t sigs[] = { 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0809,
            0x080A, 0x080B };
        EXPECT_SUCCESS(s2n_security_policy_find("20230317", &p));
        EXPECT_TRUE(suites_are(p, want, N(want)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs, N(sigs)));
        EXPECT_TRUE(sigs_are(p->cert_sig_schemes, p->cert_sig_scheme_count, sigs, N(sigs)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_fips, N(ecc_fips)));
        EXPECT_EQUAL(p->rule_fips, 1);
    }
    /* rfc9151 = 20251013 */
    {
        static const uint16_t want[] = { 0xC02C, 0xC030, 0x1302 };
        static const uint16_t sigs[] = { 0x0503, 0x080A, 0x0805, 0x0501 };
        static const uint16_t cert_sigs[] = { 0x0503, 0x0501 };
        static const uint16_t ecc[] = { 24 };
        EXPECT_SUCCESS(s2n_security_policy_find("rfc9151", &p));
        EXPECT_TRUE(suites_are(p, want, N(want)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs, N(sigs)));
        EXPECT_TRUE(sigs_are(p->cert_sig_schemes, p->cert_sig_scheme_count, cert_sigs, N(cert_sigs)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc, N(ecc)));
        EXPECT_EQUAL(p->rule_pfs, 1);
        EXPECT_EQUAL(p->rule_fips, 1);
    }
    /* 20190801 and AWS-CRT-SDK-TLSv1.3 (s2n tables) */
    {
        static const uint16_t want[] = { 0x1302, 0x1301, 0x1303, 0xC02F, 0xC030, 0xCCA8, 0xC013, 0xC027, 0xC014, 0x009C,
            0x003C, 0x002F };
        static const uint16_t sigs[] = { 0x0809, 0x080A, 0x080B, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301,
            0x0403, 0x0503, 0x0603, 0x0303, 0x0201, 0x0203 };
        static const uint16_t ecc[] = { 29, 23, 24 };
        static const uint16_t tls13[] = { 0x1301, 0x1302, 0x1303 };
        EXPECT_SUCCESS(s2n_security_policy_find("20190801", &p));
        EXPECT_TRUE(suites_are(p, want, N(want)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs, N(sigs)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc, N(ecc)));
        EXPECT_EQUAL(p->rule_pfs, 0);
        EXPECT_SUCCESS(s2n_security_policy_find("AWS-CRT-SDK-TLSv1.3", &p));
        EXPECT_TRUE(suites_are(p, tls13, N(tls13)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs, N(sigs)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc, N(ecc)));
        EXPECT_EQUAL(p->rule_pfs, 1);
    }
    /* CloudFront-TLS-1-2-2021 and -Chacha20-Boosted (s2n tables), and the
     * order a boosting server tries its suites in. */
    {
        static const uint16_t want[] = { 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8 };
        static const uint16_t boosted[] = { 0x1303, 0xCCA9, 0xCCA8, 0x1301, 0x1302, 0xC02B, 0xC02F, 0xC02C, 0xC030 };
        static const uint16_t sigs[] = { 0x0809, 0x080A, 0x080B, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301,
            0x0403, 0x0503, 0x0603, 0x0303, 0x0201, 0x0203 };
        static const uint16_t ecc[] = { 29, 23, 24 };
        const struct s2n_security_policy *plain = NULL, *boost = NULL;
        EXPECT_SUCCESS(s2n_security_policy_find("CloudFront-TLS-1-2-2021", &plain));
        EXPECT_SUCCESS(s2n_security_policy_find("CloudFront-TLS-1-2-2021-Chacha20-Boosted", &boost));
        const struct s2n_security_policy *both[2] = { plain, boost };
        for (int i = 0; i < 2; i++) {
            EXPECT_TRUE(suites_are(both[i], want, N(want)));
            EXPECT_TRUE(sigs_are(both[i]->sig_schemes, both[i]->sig_scheme_count, sigs, N(sigs)));
            EXPECT_TRUE(groups_are(both[i]->ecc_groups, both[i]->ecc_group_count, ecc, N(ecc)));
            EXPECT_EQUAL(both[i]->rule_pfs, 1);
            EXPECT_EQUAL(both[i]->chacha20_boosting, i);
        }
        static const uint8_t chacha_first[] = { 0x13, 0x03, 0x13, 0x01 }, aes_first[] = { 0x13, 0x01, 0x13, 0x03 },
                         chacha12_first[] = { 0xCC, 0xA9, 0xC0, 0x2B }, grease_first[] = { 0x0A, 0x0A, 0x13, 0x03 };
        const struct s2n_cipher_suite *scratch[UINT8_MAX];
        uint16_t got[UINT8_MAX];
        struct {
            const struct s2n_security_policy *p;
            const uint8_t *client;
            const uint16_t *expect;
        } orders[] = {
            { boost, chacha_first, boosted },
            { boost, chacha12_first, boosted },
            { boost, aes_first, want },
            { boost, grease_first, want },
            { plain, chacha_first, want },
        };
        for (size_t k = 0; k < N(orders); k++) {
            const struct s2n_cipher_suite *const *order = s2n_security_policy_server_order(orders[k].p, orders[k].client, 4,
                    scratch);
            for (uint8_t i = 0; i < orders[k].p->suite_count; i++) {
                got[i] = (uint16_t) (order[i]->iana[0] << 8 | order[i]->iana[1]);
            }
            s2n_test_reportf(memcmp(got, orders[k].expect, sizeof(want)) == 0, __FILE__, __LINE__,
                    "server suite order %zu (boosting %d, client's first %02x%02x)", k, orders[k].p->chacha20_boosting,
                    orders[k].client[0], orders[k].client[1]);
        }
    }
    /* test_all, test_all_tls12, test_all_tls13, null */
    {
        static const uint16_t all[] = { 0x0004, 0x0005, 0x000A, 0x0016, 0x002F, 0x0033, 0x0035, 0x0039, 0x003C, 0x003D,
            0x0067, 0x006B, 0x009C, 0x009D, 0x009E, 0x009F, 0x1301, 0x1302, 0x1303, 0xC009, 0xC00A, 0xC011, 0xC012, 0xC013,
            0xC014, 0xC023, 0xC024, 0xC027, 0xC028, 0xC02B, 0xC02C, 0xC02F, 0xC030, 0xCCA8, 0xCCA9, 0xCCAA };
        static const uint16_t all12[] = { 0x0004, 0x0005, 0x000A, 0x0016, 0x002F, 0x0033, 0x0035, 0x0039, 0x003C, 0x003D,
            0x0067, 0x006B, 0x009C, 0x009D, 0x009E, 0x009F, 0xC009, 0xC00A, 0xC011, 0xC012, 0xC013, 0xC014, 0xC023, 0xC024,
            0xC027, 0xC028, 0xC02B, 0xC02C, 0xC02F, 0xC030, 0xCCA8, 0xCCA9, 0xCCAA };
        static const uint16_t tls13[] = { 0x1301, 0x1302, 0x1303 };
        /* legacy_rsa_md5_sha1 (no code point) first, then these. */
        static const uint16_t sigs_all[] = { 0, 0x0201, 0x0301, 0x0401, 0x0501, 0x0601, 0x0203, 0x0303, 0x0403, 0x0503,
            0x0603, 0x0804, 0x0805, 0x0806, 0x0809, 0x080A, 0x080B, 0x0904, 0x0905, 0x0906 };
        static const uint16_t sigs12[] = { 0x0809, 0x080A, 0x080B, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0301,
            0x0403, 0x0503, 0x0603, 0x0303, 0x0201, 0x0203 };
        static const uint16_t ecc_all[] = { 29, 23, 24, 25 };
        static const uint16_t pq_all[] = { 0x11EC, 0x11EB, 0x11ED, 0x0202 };

        EXPECT_SUCCESS(s2n_security_policy_find("test_all", &p));
        EXPECT_TRUE(suites_are(p, all, N(all)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs_all, N(sigs_all)));
        EXPECT_TRUE(p->sig_schemes[0] == &s2n_legacy_rsa_md5_sha1);
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_all, N(ecc_all)));
        EXPECT_TRUE(groups_are(p->pq_groups, p->pq_group_count, pq_all, N(pq_all)));
        EXPECT_EQUAL(p->rule_pfs, 0);

        EXPECT_SUCCESS(s2n_security_policy_find("test_all_tls12", &p));
        EXPECT_TRUE(suites_are(p, all12, N(all12)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs12, N(sigs12)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_fips, N(ecc_fips)));
        EXPECT_EQUAL(p->pq_group_count, 0);

        EXPECT_SUCCESS(s2n_security_policy_find("test_all_tls13", &p));
        EXPECT_TRUE(suites_are(p, tls13, N(tls13)));
        EXPECT_TRUE(sigs_are(p->sig_schemes, p->sig_scheme_count, sigs_all, N(sigs_all)));
        EXPECT_TRUE(groups_are(p->ecc_groups, p->ecc_group_count, ecc_all, N(ecc_all)));
        EXPECT_EQUAL(p->pq_group_count, 0);
        EXPECT_EQUAL(p->rule_pfs, 1);

        EXPECT_SUCCESS(s2n_security_policy_find("null", &p));
        EXPECT_EQUAL(p->suite_count, 1);
        EXPECT_TRUE(p->suites[0] == &s2n_null_cipher_suite);
        EXPECT_EQUAL(p->sig_scheme_count, 0);
        EXPECT_EQUAL(p->ecc_group_count, 0);
        EXPECT_EQUAL(p->pq_group_count, 0);
    }

    END_TEST();
}
