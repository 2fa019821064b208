/* Unit tests of libtls/crypto/s2n_pkey.c with the test PKI: key parsing
 * and typing, key/certificate matching, and sign/verify round trips for
 * ECDSA (P-256/384/521), RSA PKCS#1 v1.5, RSA-PSS (rsaEncryption and
 * id-RSASSA-PSS keys) and Ed25519. */
#include "s2n_testlib.h"
#include "crypto/s2n_crypto.h"
#include "utils/s2n_mem.h"

struct leaf {
    uint8_t *der;
    uint32_t len;
};

static int first_cert(void *ctx, const uint8_t *der, uint32_t len)
{
    struct leaf *l = ctx;
    if (l->der == NULL) {
        l->der = malloc(len);
        if (l->der == NULL) {
            return -1;
        }
        memcpy(l->der, der, len);
        l->len = len;
    }
    return 0;
}

static int load_cert(const char *name, struct s2n_pkey *pub)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/pki/%s-chain.pem", TEST_SRCDIR, name);
    size_t len = 0;
    char *pem = s2n_test_read_file(path, &len);
    if (pem == NULL) {
        return -1;
    }
    struct leaf l = { 0 };
    int rc = s2n_pem_for_each_cert((const uint8_t *) pem, (uint32_t) len, 1, first_cert, &l);
    if (rc == 0) {
        rc = s2n_pkey_from_cert_der(pub, l.der, l.len);
    }
    free(l.der);
    free(pem);
    return rc;
}

static int load_key(const char *file, struct s2n_pkey *priv)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/pki/%s", TEST_SRCDIR, file);
    size_t len = 0;
    char *pem = s2n_test_read_file(path, &len);
    if (pem == NULL) {
        return -1;
    }
    int rc = s2n_pkey_from_private_pem(priv, (const uint8_t *) pem, (uint32_t) len);
    free(pem);
    return rc;
}

struct key_case {
    const char *name;
    uint8_t type;
    uint16_t curve;
    uint32_t bits;
};

static const struct key_case keys[] = {
    { "server-ecdsa-p256", S2N_PKEY_ECDSA, S2N_GROUP_SECP256R1, 256 },
    { "server-ecdsa-p384", S2N_PKEY_ECDSA, S2N_GROUP_SECP384R1, 384 },
    { "server-ecdsa-p521", S2N_PKEY_ECDSA, S2N_GROUP_SECP521R1, 521 },
    { "server-rsa-2048", S2N_PKEY_RSA, 0, 2048 },
    { "server-rsa-pss-2048", S2N_PKEY_RSA_PSS, 0, 2048 },
    { "server-ed25519", S2N_PKEY_ED25519, 0, 0 },
    { "client-ecdsa-p256", S2N_PKEY_ECDSA, S2N_GROUP_SECP256R1, 256 },
};

struct sig_case {
    const char *name;
    s2n_sig_padding pad;
    s2n_hash_alg hash;
};

static const struct sig_case sigs[] = {
    { "server-ecdsa-p256", S2N_SIG_ECDSA, S2N_HASH_SHA256 },
    { "server-ecdsa-p384", S2N_SIG_ECDSA, S2N_HASH_SHA384 },
    { "server-ecdsa-p521", S2N_SIG_ECDSA, S2N_HASH_SHA512 },
    { "server-ecdsa-p256", S2N_SIG_ECDSA, S2N_HASH_SHA1 },
    { "server-rsa-2048", S2N_SIG_PKCS1, S2N_HASH_SHA256 },
    { "server-rsa-2048", S2N_SIG_PKCS1, S2N_HASH_SHA1 },
    { "server-rsa-2048", S2N_SIG_PSS, S2N_HASH_SHA256 },
    { "server-rsa-2048", S2N_SIG_PSS, S2N_HASH_SHA384 },
    { "server-rsa-2048", S2N_SIG_PSS, S2N_HASH_SHA512 },
    { "server-rsa-pss-2048", S2N_SIG_PSS, S2N_HASH_SHA256 },
    { "server-rsa-pss-2048", S2N_SIG_PSS, S2N_HASH_SHA384 },
    { "server-ed25519", S2N_SIG_ED25519, S2N_HASH_NONE },
};

int main(void)
{
    BEGIN_TEST();
    EXPECT_SUCCESS(s2n_mem_init());
    EXPECT_SUCCESS(s2n_crypto_init());
    char file[256];

    /* Types, curves and sizes, from the certificate and from the key. */
    for (size_t i = 0; i < S2N_ARRAY_LEN(keys); i++) {
        struct s2n_pkey pub = { 0 }, priv = { 0 };
        EXPECT_SUCCESS(load_cert(keys[i].name, &pub));
        snprintf(file, sizeof(file), "%s-key.pem", keys[i].name);
        EXPECT_SUCCESS(load_key(file, &priv));
        EXPECT_EQUAL(pub.type, keys[i].type);
        EXPECT_EQUAL(priv.type, keys[i].type);
        EXPECT_EQUAL(pub.curve, keys[i].curve);
        EXPECT_EQUAL(priv.curve, keys[i].curve);
        if (keys[i].bits) {
            EXPECT_EQUAL(pub.bits, keys[i].bits);
        }
        EXPECT_EQUAL(pub.bits, priv.bits);
        EXPECT_SUCCESS(s2n_pkey_check_match(&priv, &pub));
        EXPECT_EQUAL(s2n_pkey_max_signature_size(&priv), s2n_pkey_max_signature_size(&pub));
        s2n_pkey_free(&pub);
        s2n_pkey_free(&priv);
        EXPECT_NULL(pub.evp);
    }

    /* Signature sizes. */
    struct s2n_pkey k = { 0 };
    EXPECT_SUCCESS(load_key("server-rsa-2048-key.pem", &k));
    EXPECT_EQUAL(s2n_pkey_max_signature_size(&k), 256);
    EXPECT_SUCCESS(load_key("server-ed25519-key.pem", &k)); /* replaces the previous key */
    EXPECT_EQUAL(s2n_pkey_max_signature_size(&k), 64);
    s2n_pkey_free(&k);
    EXPECT_EQUAL(s2n_pkey_max_signature_size(&k), 0);

    /* Traditional PEM formats parse to the same keys. */
    struct s2n_pkey pub = { 0 }, priv = { 0 };
    EXPECT_SUCCESS(load_cert("server-rsa-2048", &pub));
    EXPECT_SUCCESS(load_key("server-rsa-2048-key-traditional.pem", &priv));
    EXPECT_EQUAL(priv.type, S2N_PKEY_RSA);
    EXPECT_SUCCESS(s2n_pkey_check_match(&priv, &pub));
    EXPECT_SUCCESS(load_cert("server-ecdsa-p256", &pub));
    EXPECT_SUCCESS(load_key("server-ecdsa-p256-key-traditional.pem", &priv));
    EXPECT_EQUAL(priv.type, S2N_PKEY_ECDSA);
    EXPECT_EQUAL(priv.curve, S2N_GROUP_SECP256R1);
    EXPECT_SUCCESS(s2n_pkey_check_match(&priv, &pub));

    /* Mismatches: another key of the same type, and another type. */
    EXPECT_SUCCESS(load_cert("server-mismatch-ecdsa", &pub));
    EXPECT_SUCCESS(load_key("server-mismatch-ecdsa-key.pem", &priv));
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_check_match(&priv, &pub), S2N_ERR_KEY_MISMATCH);
    EXPECT_SUCCESS(load_key("server-ecdsa-p384-key.pem", &priv));
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_check_match(&priv, &pub), S2N_ERR_KEY_MISMATCH);
    EXPECT_SUCCESS(load_key("server-rsa-2048-key.pem", &priv));
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_check_match(&priv, &pub), S2N_ERR_KEY_MISMATCH);
    EXPECT_SUCCESS(load_cert("server-rsa-pss-2048", &pub));
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_check_match(&priv, &pub), S2N_ERR_KEY_MISMATCH);
    s2n_pkey_free(&pub);
    s2n_pkey_free(&priv);

    /* Bad input. */
    const char *junk = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_from_private_pem(&priv, (const uint8_t *) junk, strlen(junk)), S2N_ERR_DECODE_PRIVATE_KEY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_from_private_pem(&priv, (const uint8_t *) "hello", 5), S2N_ERR_DECODE_PRIVATE_KEY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_from_cert_der(&pub, (const uint8_t *) "hello", 5), S2N_ERR_DECODE_CERTIFICATE);
    EXPECT_NULL(priv.evp);

    /* Sign, verify, and reject tampering. */
    const char *msg = "TLS 1.3, server CertificateVerify\0 some transcript hash";
    const uint32_t msg_len = 56;
    for (size_t i = 0; i < S2N_ARRAY_LEN(sigs); i++) {
        const struct sig_case *t = &sigs[i];
        snprintf(file, sizeof(file), "%s-key.pem", t->name);
        EXPECT_SUCCESS(load_key(file, &priv));
        EXPECT_SUCCESS(load_cert(t->name, &pub));
        uint8_t sig[1024], other[1024];
        uint32_t sig_len = sizeof(sig), other_len = sizeof(other);
        EXPECT_SUCCESS(s2n_pkey_sign(&priv, t->pad, t->hash, (const uint8_t *) msg, msg_len, sig, &sig_len));
        EXPECT_TRUE(sig_len > 0 && sig_len <= s2n_pkey_max_signature_size(&priv));
        EXPECT_SUCCESS(s2n_pkey_verify(&pub, t->pad, t->hash, (const uint8_t *) msg, msg_len, sig, sig_len));
        /* The private key verifies too. */
        EXPECT_SUCCESS(s2n_pkey_verify(&priv, t->pad, t->hash, (const uint8_t *) msg, msg_len, sig, sig_len));
        /* ECDSA and PSS are randomised; PKCS#1 v1.5 and Ed25519 are not. */
        EXPECT_SUCCESS(s2n_pkey_sign(&priv, t->pad, t->hash, (const uint8_t *) msg, msg_len, other, &other_len));
        int same = sig_len == other_len && memcmp(sig, other, sig_len) == 0;
        EXPECT_EQUAL(same, t->pad == S2N_SIG_PKCS1 || t->pad == S2N_SIG_ED25519);

        char modified[64];
        memcpy(modified, msg, msg_len);
        modified[msg_len - 1] ^= 1;
        EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_verify(&pub, t->pad, t->hash, (const uint8_t *) modified, msg_len, sig, sig_len),
                S2N_ERR_VERIFY_SIGNATURE);
        sig[sig_len / 2] ^= 0x10;
        EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_verify(&pub, t->pad, t->hash, (const uint8_t *) msg, msg_len, sig, sig_len),
                S2N_ERR_VERIFY_SIGNATURE);
        sig[sig_len / 2] ^= 0x10;
        EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_verify(&pub, t->pad, t->hash, (const uint8_t *) msg, msg_len, sig, sig_len - 1),
                S2N_ERR_VERIFY_SIGNATURE);
        EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_verify(&pub, t->pad, t->hash, (const uint8_t *) msg, msg_len, sig, 0),
                S2N_ERR_VERIFY_SIGNATURE);
        if (t->pad != S2N_SIG_ED25519) {
            /* Another digest does not verify. */
            s2n_hash_alg h2 = t->hash == S2N_HASH_SHA256 ? S2N_HASH_SHA384 : S2N_HASH_SHA256;
            EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_verify(&pub, t->pad, h2, (const uint8_t *) msg, msg_len, sig, sig_len),
                    S2N_ERR_VERIFY_SIGNATURE);
        }
        /* Too little room for the signature. */
        sig_len = s2n_pkey_max_signature_size(&priv) - 1;
        EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_sign(&priv, t->pad, t->hash, (const uint8_t *) msg, msg_len, sig, &sig_len),
                S2N_ERR_SIGN);
        s2n_pkey_free(&priv);
        s2n_pkey_free(&pub);
    }

    /* Padding that does not fit the key. */
    uint8_t sig[1024];
    uint32_t sig_len = sizeof(sig);
    EXPECT_SUCCESS(load_key("server-rsa-pss-2048-key.pem", &priv));
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_sign(&priv, S2N_SIG_PKCS1, S2N_HASH_SHA256, (const uint8_t *) msg, 4, sig, &sig_len),
            S2N_ERR_SIGN);
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_verify(&priv, S2N_SIG_PKCS1, S2N_HASH_SHA256, (const uint8_t *) msg, 4, sig, 256),
            S2N_ERR_VERIFY_SIGNATURE);
    EXPECT_SUCCESS(load_key("server-ecdsa-p256-key.pem", &priv));
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_sign(&priv, S2N_SIG_PSS, S2N_HASH_SHA256, (const uint8_t *) msg, 4, sig, &sig_len),
            S2N_ERR_SIGN);
    EXPECT_SUCCESS(load_key("server-ed25519-key.pem", &priv));
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_sign(&priv, S2N_SIG_ED25519, S2N_HASH_SHA256, (const uint8_t *) msg, 4, sig, &sig_len),
            S2N_ERR_SIGN);
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_sign(&priv, S2N_SIG_ECDSA, S2N_HASH_SHA256, (const uint8_t *) msg, 4, sig, &sig_len),
            S2N_ERR_SIGN);
    EXPECT_SUCCESS(load_key("server-rsa-2048-key.pem", &priv));
    EXPECT_FAILURE_WITH_ERRNO(s2n_pkey_sign(&priv, S2N_SIG_PKCS1, S2N_HASH_NONE, (const uint8_t *) msg, 4, sig, &sig_len),
            S2N_ERR_SIGN);

    /* TLS 1.0/1.1 RSA signatures over MD5+SHA1, when libcrypto has MD5. */
    if (s2n_hash_oneshot(S2N_HASH_MD5_SHA1, "", 0, sig) == 0) {
        EXPECT_SUCCESS(load_cert("server-rsa-2048", &pub));
        sig_len = sizeof(sig);
        EXPECT_SUCCESS(s2n_pkey_sign(&priv, S2N_SIG_PKCS1, S2N_HASH_MD5_SHA1, (const uint8_t *) msg, msg_len, sig, &sig_len));
        EXPECT_SUCCESS(s2n_pkey_verify(&pub, S2N_SIG_PKCS1, S2N_HASH_MD5_SHA1, (const uint8_t *) msg, msg_len, sig, sig_len));
        s2n_pkey_free(&pub);
    }
    s2n_pkey_free(&priv);

    s2n_crypto_cleanup();
    END_TEST();
}
