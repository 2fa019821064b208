/* X.509: trust stores, chain verification with X509_verify_cert(), and the
 * subject-name iterator used for host name checks. */
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include "crypto/s2n_crypto_internal.h"

#define S2N_DEFAULT_MAX_CHAIN_DEPTH 7

/* Parse exactly @len bytes of DER. */
static S2N_RESULT s2n_x509_parse(const uint8_t *der, uint32_t len, X509 **out)
{
    ENSURE(der != NULL && len > 0 && len <= INT32_MAX, S2N_ERR_DECODE_CERTIFICATE);
    const unsigned char *p = der;
    X509 *cert = d2i_X509(NULL, &p, (long) len);
    if (cert == NULL || p != der + len) {
        X509_free(cert);
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_DECODE_CERTIFICATE);
    }
    *out = cert;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_trust_store_ensure(struct s2n_trust_store *ts)
{
    if (ts->store == NULL) {
        ts->store = X509_STORE_new();
        ENSURE(ts->store != NULL, S2N_ERR_X509_TRUST_STORE);
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_trust_store_add_der(struct s2n_trust_store *ts, const uint8_t *der, uint32_t len)
{
    ENSURE_REF(ts);
    X509 *cert = NULL;
    GUARD(s2n_x509_parse(der, len, &cert));
    if (s2n_trust_store_ensure(ts) < 0) {
        X509_free(cert);
        return S2N_FAILURE;
    }
    /* The store takes its own reference; adding a duplicate is harmless. */
    int ok = X509_STORE_add_cert(ts->store, cert);
    X509_free(cert);
    if (ok != 1) {
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_X509_TRUST_STORE);
    }
    ts->count++;
    return S2N_SUCCESS;
}

static int s2n_trust_store_add_cb(void *ctx, const uint8_t *der, uint32_t len)
{
    return s2n_trust_store_add_der(ctx, der, len);
}

S2N_RESULT s2n_trust_store_add_pem(struct s2n_trust_store *ts, const char *pem)
{
    ENSURE_REF(ts);
    ENSURE_REF(pem);
    size_t len = strlen(pem);
    ENSURE(len <= UINT32_MAX, S2N_ERR_INVALID_PEM);
    GUARD(s2n_pem_for_each_cert((const uint8_t *) pem, (uint32_t) len, 1, s2n_trust_store_add_cb, ts));
    return S2N_SUCCESS;
}

S2N_RESULT s2n_trust_store_load_locations(struct s2n_trust_store *ts, const char *file, const char *dir)
{
    ENSURE_REF(ts);
    ENSURE(file != NULL || dir != NULL, S2N_ERR_X509_TRUST_STORE);
    GUARD(s2n_trust_store_ensure(ts));
    if (file != NULL && X509_STORE_load_file(ts->store, file) != 1) {
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_X509_TRUST_STORE);
    }
    if (dir != NULL && X509_STORE_load_path(ts->store, dir) != 1) {
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_X509_TRUST_STORE);
    }
    /* A hashed directory is read lazily, so the number of anchors is not
     * known; count each location once so the store is not "empty". */
    ts->count++;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_trust_store_load_system(struct s2n_trust_store *ts)
{
    ENSURE_REF(ts);
    if (ts->system_loaded) {
        return S2N_SUCCESS;
    }
    GUARD(s2n_trust_store_ensure(ts));
    if (X509_STORE_set_default_paths(ts->store) != 1) {
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_X509_TRUST_STORE);
    }
    ts->system_loaded = 1;
    return S2N_SUCCESS;
}

int s2n_trust_store_is_empty(const struct s2n_trust_store *ts)
{
    return ts == NULL || ts->store == NULL || (ts->count == 0 && !ts->system_loaded);
}

void s2n_trust_store_free(struct s2n_trust_store *ts)
{
    if (ts == NULL) {
        return;
    }
    X509_STORE_free(ts->store);
    ts->store = NULL;
    ts->count = 0;
    ts->system_loaded = 0;
}

/* Translate X509_verify_cert()'s verdict. */
static int s2n_x509_error(int verify_err)
{
    switch (verify_err) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return S2N_ERR_CERT_EXPIRED;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return S2N_ERR_CERT_NOT_YET_VALID;
    case X509_V_ERR_CERT_REVOKED:
        return S2N_ERR_CERT_REVOKED;
    case X509_V_ERR_CERT_CHAIN_TOO_LONG:
        return S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_REJECTED:
        return S2N_ERR_CERT_UNTRUSTED;
    default:
        return S2N_ERR_CERT_INVALID;
    }
}

S2N_RESULT s2n_x509_verify_chain(struct s2n_trust_store *ts, const struct s2n_der *certs, uint32_t count,
        const struct s2n_x509_verify_params *params)
{
    ENSURE_REF(ts);
    ENSURE_REF(params);
    ENSURE(certs != NULL && count > 0, S2N_ERR_DECODE_CERTIFICATE);
    const uint32_t max_depth = params->max_depth ? params->max_depth : S2N_DEFAULT_MAX_CHAIN_DEPTH;
    ENSURE(count <= max_depth, S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED);
    ENSURE(ts->store != NULL, S2N_ERR_CERT_UNTRUSTED);

    int rc = S2N_FAILURE;
    X509 *leaf = NULL;
    X509_STORE_CTX *ctx = NULL;
    STACK_OF(X509) *chain = sk_X509_new_null();
    ENSURE(chain != NULL, S2N_ERR_ALLOC);

    GUARD_GOTO(s2n_x509_parse(certs[0].data, certs[0].len, &leaf), done);
    for (uint32_t i = 1; i < count; i++) {
        X509 *c = NULL;
        GUARD_GOTO(s2n_x509_parse(certs[i].data, certs[i].len, &c), done);
        if (!sk_X509_push(chain, c)) {
            X509_free(c);
            S2N_ERROR_SET(S2N_ERR_ALLOC);
            goto done;
        }
    }

    ctx = X509_STORE_CTX_new();
    ENSURE_GOTO(ctx != NULL, S2N_ERR_ALLOC, done);
    GUARD_OSSL_GOTO(X509_STORE_CTX_init(ctx, ts->store, leaf, chain), S2N_ERR_X509_TRUST_STORE, done);
    X509_VERIFY_PARAM *vp = X509_STORE_CTX_get0_param(ctx);
    /* max_depth counts the certificates up to, not including, the trust
     * anchor; libcrypto's depth counts the intermediates only. */
    X509_VERIFY_PARAM_set_depth(vp, (int) max_depth - 1);
    if (!params->check_time) {
        X509_VERIFY_PARAM_set_flags(vp, X509_V_FLAG_NO_CHECK_TIME);
    } else if (params->now_seconds != 0) {
        X509_VERIFY_PARAM_set_time(vp, (time_t) params->now_seconds);
    }
    if (params->check_intent) {
        GUARD_OSSL_GOTO(X509_VERIFY_PARAM_set_purpose(vp, params->peer_is_server ? X509_PURPOSE_SSL_SERVER
                : X509_PURPOSE_SSL_CLIENT), S2N_ERR_X509_TRUST_STORE, done);
    }
    if (X509_verify_cert(ctx) != 1) {
        S2N_ERROR_SET(s2n_x509_error(X509_STORE_CTX_get_error(ctx)));
        goto done;
    }
    rc = S2N_SUCCESS;
done:
    if (rc < 0) {
        s2n_crypto_clear_errors();
    }
    X509_STORE_CTX_free(ctx);
    X509_free(leaf);
    sk_X509_pop_free(chain, X509_free);
    return rc;
}

/* Call @fn with one name; sets *stop when it matched (returned 1). */
static S2N_RESULT s2n_x509_name(s2n_name_cb fn, void *ctx, const char *name, size_t len, int *stop)
{
    /* A name with an embedded NUL is forged: never offer it for matching. */
    if (len == 0 || memchr(name, '\0', len) != NULL) {
        return S2N_SUCCESS;
    }
    int r = fn(ctx, name, len);
    ENSURE(r >= 0, S2N_ERR_CERT_INVALID);
    *stop = r == 1;
    return S2N_SUCCESS;
}

static S2N_RESULT s2n_x509_san_names(X509 *cert, s2n_name_cb fn, void *ctx, int *stop, int *has_dns)
{
    GENERAL_NAMES *names = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    if (names == NULL) {
        return S2N_SUCCESS;
    }
    int rc = S2N_SUCCESS;
    for (int i = 0; i < sk_GENERAL_NAME_num(names) && !*stop; i++) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(names, i);
        if (gn->type == GEN_DNS) {
            *has_dns = 1;
            const ASN1_STRING *s = gn->d.dNSName;
            rc = s2n_x509_name(fn, ctx, (const char *) ASN1_STRING_get0_data(s), (size_t) ASN1_STRING_length(s), stop);
        } else if (gn->type == GEN_IPADD) {
            const ASN1_STRING *s = gn->d.iPAddress;
            char text[INET6_ADDRSTRLEN];
            int family = ASN1_STRING_length(s) == 4 ? AF_INET : ASN1_STRING_length(s) == 16 ? AF_INET6 : 0;
            if (family && inet_ntop(family, ASN1_STRING_get0_data(s), text, sizeof(text)) != NULL) {
                rc = s2n_x509_name(fn, ctx, text, strlen(text), stop);
            }
        }
        if (rc < 0) {
            break;
        }
    }
    GENERAL_NAMES_free(names);
    return rc;
}

static S2N_RESULT s2n_x509_cn_names(X509 *cert, s2n_name_cb fn, void *ctx, int *stop)
{
    const X509_NAME *subject = X509_get_subject_name(cert);
    int idx = -1;
    while (!*stop && (idx = X509_NAME_get_index_by_NID(subject, NID_commonName, idx)) >= 0) {
        const X509_NAME_ENTRY *entry = X509_NAME_get_entry(subject, idx);
        unsigned char *utf8 = NULL;
        int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
        if (n < 0) {
            s2n_crypto_clear_errors();
            continue;
        }
        int rc = s2n_x509_name(fn, ctx, (const char *) utf8, (size_t) n, stop);
        OPENSSL_free(utf8);
        GUARD(rc);
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_x509_for_each_name(const uint8_t *der, uint32_t len, s2n_name_cb fn, void *ctx, int *matched)
{
    ENSURE_REF(fn);
    ENSURE_REF(matched);
    *matched = 0;
    X509 *cert = NULL;
    GUARD(s2n_x509_parse(der, len, &cert));
    int stop = 0;
    int has_dns = 0;
    int rc = s2n_x509_san_names(cert, fn, ctx, &stop, &has_dns);
    if (rc == S2N_SUCCESS && !stop && !has_dns) {
        rc = s2n_x509_cn_names(cert, fn, ctx, &stop);
    }
    X509_free(cert);
    GUARD(rc);
    *matched = stop;
    return S2N_SUCCESS;
}
