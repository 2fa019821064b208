/* Certificate keys: parsing (PEM private keys, public keys of DER
 * certificates), key/certificate matching, signing and verification with
 * RSASSA-PKCS1-v1_5, RSASSA-PSS, ECDSA and Ed25519. */
#include <string.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include "crypto/s2n_crypto_internal.h"

/* Never let libcrypto prompt for a pass phrase. */
static int s2n_no_password(char *buf, int size, int rwflag, void *u)
{
    (void) buf;
    (void) size;
    (void) rwflag;
    (void) u;
    return -1;
}

static uint16_t s2n_curve_iana(const EVP_PKEY *evp)
{
    char name[64];
    size_t n = 0;
    if (EVP_PKEY_get_utf8_string_param(evp, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof(name), &n) != 1) {
        return 0;
    }
    switch (OBJ_txt2nid(name)) {
    case NID_X9_62_prime256v1:
        return S2N_GROUP_SECP256R1;
    case NID_secp384r1:
        return S2N_GROUP_SECP384R1;
    case NID_secp521r1:
        return S2N_GROUP_SECP521R1;
    default:
        return 0;
    }
}

/* Fill in type, curve and bits; takes ownership of @evp. */
S2N_RESULT s2n_pkey_set_evp(struct s2n_pkey *key, EVP_PKEY *evp, int err)
{
    uint8_t type = S2N_PKEY_NONE;
    switch (EVP_PKEY_get_base_id(evp)) {
    case EVP_PKEY_RSA:
        type = S2N_PKEY_RSA;
        break;
    case EVP_PKEY_RSA_PSS:
        type = S2N_PKEY_RSA_PSS;
        break;
    case EVP_PKEY_EC:
        type = S2N_PKEY_ECDSA;
        break;
    case EVP_PKEY_ED25519:
        type = S2N_PKEY_ED25519;
        break;
    default:
        EVP_PKEY_free(evp);
        BAIL(err);
    }
    s2n_pkey_free(key);
    key->evp = evp;
    key->type = type;
    key->curve = type == S2N_PKEY_ECDSA ? s2n_curve_iana(evp) : 0;
    key->bits = (uint32_t) S2N_MAX(EVP_PKEY_get_bits(evp), 0);
    return S2N_SUCCESS;
}

S2N_RESULT s2n_pkey_from_private_pem(struct s2n_pkey *key, const uint8_t *pem, uint32_t len)
{
    ENSURE_REF(key);
    ENSURE_REF(pem);
    ENSURE(len > 0 && len <= INT32_MAX, S2N_ERR_DECODE_PRIVATE_KEY);
    BIO *bio = BIO_new_mem_buf(pem, (int) len);
    ENSURE(bio != NULL, S2N_ERR_ALLOC);
    EVP_PKEY *evp = PEM_read_bio_PrivateKey_ex(bio, NULL, s2n_no_password, NULL, NULL, NULL);
    BIO_free(bio);
    if (evp == NULL) {
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_DECODE_PRIVATE_KEY);
    }
    GUARD(s2n_pkey_set_evp(key, evp, S2N_ERR_DECODE_PRIVATE_KEY));
    return S2N_SUCCESS;
}

S2N_RESULT s2n_pkey_from_cert_der(struct s2n_pkey *key, const uint8_t *der, uint32_t len)
{
    ENSURE_REF(key);
    ENSURE_REF(der);
    ENSURE(len > 0 && len <= INT32_MAX, S2N_ERR_DECODE_CERTIFICATE);
    const struct s2n_der cert = { der, len };
    struct s2n_x509_chain chain;
    s2n_x509_chain_init(&chain, NULL, &cert, 1);
    int rc = s2n_x509_chain_leaf_key(&chain, key);
    s2n_x509_chain_free(&chain);
    return rc;
}

S2N_RESULT s2n_pkey_check_match(const struct s2n_pkey *priv, const struct s2n_pkey *pub)
{
    ENSURE_REF(priv);
    ENSURE_REF(pub);
    ENSURE(priv->evp != NULL && pub->evp != NULL, S2N_ERR_KEY_MISMATCH);
    ENSURE(priv->type == pub->type, S2N_ERR_KEY_MISMATCH);
    int eq = EVP_PKEY_eq(priv->evp, pub->evp);
    s2n_crypto_clear_errors();
    ENSURE(eq == 1, S2N_ERR_KEY_MISMATCH);
    return S2N_SUCCESS;
}

uint32_t s2n_pkey_max_signature_size(const struct s2n_pkey *key)
{
    if (key == NULL || key->evp == NULL) {
        return 0;
    }
    int n = EVP_PKEY_get_size(key->evp);
    return n > 0 ? (uint32_t) n : 0;
}

/* Check that @pad suits the key and @hash, and configure the signature
 * context's padding parameters. */
static S2N_RESULT s2n_pkey_check_padding(const struct s2n_pkey *key, s2n_sig_padding pad, s2n_hash_alg hash, int err)
{
    switch (pad) {
    case S2N_SIG_PKCS1:
        ENSURE(key->type == S2N_PKEY_RSA, err);
        break;
    case S2N_SIG_PSS:
        ENSURE(key->type == S2N_PKEY_RSA || key->type == S2N_PKEY_RSA_PSS, err);
        ENSURE(hash != S2N_HASH_MD5_SHA1, err);
        break;
    case S2N_SIG_ECDSA:
        ENSURE(key->type == S2N_PKEY_ECDSA, err);
        break;
    case S2N_SIG_ED25519:
        ENSURE(key->type == S2N_PKEY_ED25519, err);
        ENSURE(hash == S2N_HASH_NONE, err);
        return S2N_SUCCESS;
    default:
        BAIL(err);
    }
    ENSURE(s2n_hash_evp_md(hash) != NULL, err);
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_pkey_setup_pss(EVP_PKEY_CTX *pctx, s2n_sig_padding pad, int err)
{
    if (pad == S2N_SIG_PKCS1) {
        GUARD_OSSL(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING), err);
    } else if (pad == S2N_SIG_PSS) {
        /* Salt as long as the digest; MGF1 defaults to the signing digest. */
        GUARD_OSSL(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), err);
        GUARD_OSSL(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST), err);
    }
    return S2N_SUCCESS;
}

/* The digest fetched at init (NULL for pure Ed25519): handing libcrypto
 * the EVP_MD rather than its name saves a fetch per signature. */
static const EVP_MD *s2n_sig_md(s2n_sig_padding pad, s2n_hash_alg hash)
{
    if (pad == S2N_SIG_ED25519) {
        return NULL;
    }
    return s2n_hash_evp_md(hash);
}

S2N_RESULT s2n_pkey_sign(const struct s2n_pkey *key, s2n_sig_padding pad, s2n_hash_alg hash, const uint8_t *data,
        uint32_t len, uint8_t *sig, uint32_t *sig_len)
{
    ENSURE_REF(key);
    ENSURE_REF(sig);
    ENSURE_REF(sig_len);
    ENSURE(data != NULL || len == 0, S2N_ERR_NULL);
    ENSURE(key->evp != NULL, S2N_ERR_NO_PRIVATE_KEY);
    GUARD(s2n_pkey_check_padding(key, pad, hash, S2N_ERR_SIGN));
    ENSURE(*sig_len >= s2n_pkey_max_signature_size(key), S2N_ERR_SIGN);

    static const uint8_t empty = 0;
    int rc = S2N_FAILURE;
    size_t n = *sig_len;
    EVP_PKEY_CTX *pctx = NULL;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ENSURE(ctx != NULL, S2N_ERR_ALLOC);
    GUARD_OSSL_GOTO(EVP_DigestSignInit(ctx, &pctx, s2n_sig_md(pad, hash), NULL, key->evp), S2N_ERR_SIGN,
            done);
    GUARD_GOTO(s2n_pkey_setup_pss(pctx, pad, S2N_ERR_SIGN), done);
    GUARD_OSSL_GOTO(EVP_DigestSign(ctx, sig, &n, len ? data : &empty, len), S2N_ERR_SIGN, done);
    *sig_len = (uint32_t) n;
    rc = S2N_SUCCESS;
done:
    if (rc < 0) {
        s2n_crypto_clear_errors();
    }
    EVP_MD_CTX_free(ctx);
    return rc;
}

S2N_RESULT s2n_pkey_verify(const struct s2n_pkey *key, s2n_sig_padding pad, s2n_hash_alg hash, const uint8_t *data,
        uint32_t len, const uint8_t *sig, uint32_t sig_len)
{
    ENSURE_REF(key);
    ENSURE(data != NULL || len == 0, S2N_ERR_NULL);
    ENSURE(sig != NULL || sig_len == 0, S2N_ERR_NULL);
    ENSURE(key->evp != NULL, S2N_ERR_VERIFY_SIGNATURE);
    GUARD(s2n_pkey_check_padding(key, pad, hash, S2N_ERR_VERIFY_SIGNATURE));
    ENSURE(sig_len > 0, S2N_ERR_VERIFY_SIGNATURE);

    static const uint8_t empty = 0;
    int rc = S2N_FAILURE;
    EVP_PKEY_CTX *pctx = NULL;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ENSURE(ctx != NULL, S2N_ERR_ALLOC);
    GUARD_OSSL_GOTO(EVP_DigestVerifyInit(ctx, &pctx, s2n_sig_md(pad, hash), NULL, key->evp),
            S2N_ERR_VERIFY_SIGNATURE, done);
    GUARD_GOTO(s2n_pkey_setup_pss(pctx, pad, S2N_ERR_VERIFY_SIGNATURE), done);
    GUARD_OSSL_GOTO(EVP_DigestVerify(ctx, sig, sig_len, len ? data : &empty, len), S2N_ERR_VERIFY_SIGNATURE, done);
    rc = S2N_SUCCESS;
done:
    if (rc < 0) {
        s2n_crypto_clear_errors();
    }
    EVP_MD_CTX_free(ctx);
    return rc;
}

void s2n_pkey_free(struct s2n_pkey *key)
{
    if (key == NULL) {
        return;
    }
    EVP_PKEY_free(key->evp);
    key->evp = NULL;
    key->type = S2N_PKEY_NONE;
    key->curve = 0;
    key->bits = 0;
}
