/* Ephemeral (EC)DH for TLS key exchange: secp256r1, secp384r1, secp521r1
 * and x25519.
 *
 * s2n_crypto_init() builds one template EVP_PKEY per group (the curve
 * parameters for the NIST curves, a throw-away key for X25519), so key
 * generation and peer-key import start from the template's key manager and
 * never look an algorithm up by name. */
#include <string.h>
#include <openssl/core_names.h>
#include "crypto/s2n_crypto_internal.h"

struct s2n_group_info {
    uint16_t iana;
    uint16_t public_size;
    uint16_t shared_size;
    const char *keytype;    /* "EC" or "X25519" */
    const char *group_name; /* NIST curve name, NULL for X25519 */
};

static const struct s2n_group_info s2n_groups[S2N_ECDHE_GROUP_COUNT] = {
    { S2N_GROUP_SECP256R1, 65, 32, "EC", "P-256" },
    { S2N_GROUP_SECP384R1, 97, 48, "EC", "P-384" },
    { S2N_GROUP_SECP521R1, 133, 66, "EC", "P-521" },
    { S2N_GROUP_X25519, 32, 32, "X25519", NULL },
};

static int s2n_group_index(uint16_t iana)
{
    for (int i = 0; i < S2N_ECDHE_GROUP_COUNT; i++) {
        if (s2n_groups[i].iana == iana) {
            return i;
        }
    }
    return -1;
}

static EVP_PKEY *s2n_make_template(const struct s2n_group_info *g)
{
    EVP_PKEY *tmpl = NULL;
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name(NULL, g->keytype, NULL);
    if (pctx == NULL) {
        return NULL;
    }
    if (g->group_name != NULL) {
        OSSL_PARAM params[2];
        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *) g->group_name, 0);
        params[1] = OSSL_PARAM_construct_end();
        if (EVP_PKEY_paramgen_init(pctx) != 1 || EVP_PKEY_CTX_set_params(pctx, params) != 1
                || EVP_PKEY_paramgen(pctx, &tmpl) != 1) {
            tmpl = NULL;
        }
    } else {
        if (EVP_PKEY_keygen_init(pctx) != 1 || EVP_PKEY_generate(pctx, &tmpl) != 1) {
            tmpl = NULL;
        }
    }
    EVP_PKEY_CTX_free(pctx);
    return tmpl;
}

S2N_RESULT s2n_ecdhe_templates_init(void)
{
    for (int i = 0; i < S2N_ECDHE_GROUP_COUNT; i++) {
        /* A group libcrypto lacks is simply unsupported. */
        s2n_crypto_state.group_tmpl[i] = s2n_make_template(&s2n_groups[i]);
    }
    s2n_crypto_clear_errors();
    ENSURE(s2n_crypto_state.group_tmpl[0] != NULL, S2N_ERR_ECDHE_UNSUPPORTED_CURVE);
    return S2N_SUCCESS;
}

void s2n_ecdhe_templates_cleanup(void)
{
    for (int i = 0; i < S2N_ECDHE_GROUP_COUNT; i++) {
        EVP_PKEY_free(s2n_crypto_state.group_tmpl[i]);
        s2n_crypto_state.group_tmpl[i] = NULL;
    }
}

int s2n_ecdhe_group_supported(uint16_t iana)
{
    int i = s2n_group_index(iana);
    return i >= 0 && s2n_crypto_state.group_tmpl[i] != NULL;
}

uint16_t s2n_ecdhe_public_size(uint16_t iana)
{
    int i = s2n_group_index(iana);
    return i < 0 ? 0 : s2n_groups[i].public_size;
}

static S2N_RESULT s2n_group_template(uint16_t iana, int *index)
{
    int i = s2n_group_index(iana);
    ENSURE(i >= 0 && s2n_crypto_state.group_tmpl[i] != NULL, S2N_ERR_ECDHE_UNSUPPORTED_CURVE);
    *index = i;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_ecdhe_generate(struct s2n_ecdhe_key *key, uint16_t iana)
{
    ENSURE_REF(key);
    int i = 0;
    GUARD(s2n_group_template(iana, &i));
    s2n_ecdhe_free(key);

    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_pkey(NULL, s2n_crypto_state.group_tmpl[i], NULL);
    ENSURE(pctx != NULL, S2N_ERR_ECDHE_GEN_KEY);
    int ok = EVP_PKEY_keygen_init(pctx) == 1 && EVP_PKEY_generate(pctx, &pkey) == 1;
    EVP_PKEY_CTX_free(pctx);
    if (!ok) {
        EVP_PKEY_free(pkey);
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_ECDHE_GEN_KEY);
    }
    key->pkey = pkey;
    key->iana = iana;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_ecdhe_set_private_raw(struct s2n_ecdhe_key *key, uint16_t iana, const uint8_t *priv, uint32_t len)
{
    ENSURE_REF(key);
    ENSURE_REF(priv);
    ENSURE(iana == S2N_GROUP_X25519, S2N_ERR_ECDHE_UNSUPPORTED_CURVE);
    int i = 0;
    GUARD(s2n_group_template(iana, &i));
    ENSURE(len == 32, S2N_ERR_ECDHE_GEN_KEY);
    s2n_ecdhe_free(key);
    EVP_PKEY *pkey = EVP_PKEY_new_raw_private_key_ex(NULL, "X25519", NULL, priv, len);
    ENSURE(pkey != NULL, S2N_ERR_ECDHE_GEN_KEY);
    key->pkey = pkey;
    key->iana = iana;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_ecdhe_write_public(const struct s2n_ecdhe_key *key, uint8_t *out, uint32_t out_len)
{
    ENSURE_REF(key);
    ENSURE_REF(out);
    ENSURE(key->pkey != NULL, S2N_ERR_ECDHE_SERIALIZING);
    const uint16_t want = s2n_ecdhe_public_size(key->iana);
    ENSURE(want > 0, S2N_ERR_ECDHE_UNSUPPORTED_CURVE);
    ENSURE(out_len >= want, S2N_ERR_ECDHE_SERIALIZING);
    size_t n = 0;
    GUARD_OSSL(EVP_PKEY_get_octet_string_param(key->pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out, out_len, &n),
            S2N_ERR_ECDHE_SERIALIZING);
    ENSURE(n == want, S2N_ERR_ECDHE_SERIALIZING);
    return S2N_SUCCESS;
}

/* Import the peer's public value as a key of the same group.  For the NIST
 * curves only the uncompressed form is allowed (RFC 8446 section 4.2.8.2),
 * and libcrypto's decoding rejects points that are not on the curve. */
static S2N_RESULT s2n_ecdhe_import_peer(int i, const uint8_t *peer, uint32_t peer_len, EVP_PKEY **out)
{
    const struct s2n_group_info *g = &s2n_groups[i];
    ENSURE(peer_len == g->public_size, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
    if (g->group_name != NULL) {
        ENSURE(peer[0] == 0x04, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
    }

    OSSL_PARAM params[3];
    int p = 0;
    if (g->group_name != NULL) {
        params[p++] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *) g->group_name, 0);
    }
    params[p++] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *) peer, peer_len);
    params[p] = OSSL_PARAM_construct_end();

    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_pkey(NULL, s2n_crypto_state.group_tmpl[i], NULL);
    ENSURE(pctx != NULL, S2N_ERR_ECDHE_SHARED_SECRET);
    EVP_PKEY *pkey = NULL;
    int ok = EVP_PKEY_fromdata_init(pctx) == 1 && EVP_PKEY_fromdata(pctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1;
    EVP_PKEY_CTX_free(pctx);
    if (!ok) {
        EVP_PKEY_free(pkey);
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
    }
    *out = pkey;
    return S2N_SUCCESS;
}

static int s2n_all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t k = 0; k < n; k++) {
        acc |= p[k];
    }
    return acc == 0;
}

S2N_RESULT s2n_ecdhe_compute_shared(const struct s2n_ecdhe_key *key, const uint8_t *peer, uint32_t peer_len, uint8_t *out,
        uint32_t *out_len)
{
    ENSURE_REF(key);
    ENSURE_REF(peer);
    ENSURE_REF(out);
    ENSURE_REF(out_len);
    ENSURE(key->pkey != NULL, S2N_ERR_ECDHE_SHARED_SECRET);
    int i = 0;
    GUARD(s2n_group_template(key->iana, &i));
    const size_t want = s2n_groups[i].shared_size;
    ENSURE(*out_len >= want, S2N_ERR_ECDHE_SHARED_SECRET);

    EVP_PKEY *peer_key = NULL;
    GUARD(s2n_ecdhe_import_peer(i, peer, peer_len, &peer_key));

    int rc = S2N_FAILURE;
    size_t n = want;
    EVP_PKEY_CTX *dctx = EVP_PKEY_CTX_new_from_pkey(NULL, key->pkey, NULL);
    ENSURE_GOTO(dctx != NULL, S2N_ERR_ECDHE_SHARED_SECRET, done);
    GUARD_OSSL_GOTO(EVP_PKEY_derive_init(dctx), S2N_ERR_ECDHE_SHARED_SECRET, done);
    /* The peer point was validated on import (on the curve; the NIST curves
     * have cofactor 1), so skip libcrypto's full, costly re-check. */
    GUARD_OSSL_GOTO(EVP_PKEY_derive_set_peer_ex(dctx, peer_key, 0), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, done);
    if (EVP_PKEY_derive(dctx, out, &n) != 1) {
        /* For X25519 libcrypto refuses an all-zero result, which only a
         * small-order peer value produces. */
        S2N_ERROR_SET(key->iana == S2N_GROUP_X25519 ? S2N_ERR_ECDHE_INVALID_PUBLIC_KEY : S2N_ERR_ECDHE_SHARED_SECRET);
        goto done;
    }
    ENSURE_GOTO(n == want, S2N_ERR_ECDHE_SHARED_SECRET, done);
    if (key->iana == S2N_GROUP_X25519 && s2n_all_zero(out, n)) {
        s2n_cleanse(out, n);
        S2N_ERROR_SET(S2N_ERR_ECDHE_INVALID_PUBLIC_KEY);
        goto done;
    }
    *out_len = (uint32_t) n;
    rc = S2N_SUCCESS;
done:
    if (rc < 0) {
        s2n_crypto_clear_errors();
    }
    EVP_PKEY_CTX_free(dctx);
    EVP_PKEY_free(peer_key);
    return rc;
}

void s2n_ecdhe_free(struct s2n_ecdhe_key *key)
{
    if (key == NULL) {
        return;
    }
    EVP_PKEY_free(key->pkey);
    key->pkey = NULL;
}
