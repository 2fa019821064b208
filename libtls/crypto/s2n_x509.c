/* X.509: trust stores, chain verification with X509_verify_cert(), the
 * subject-name iterator used for host name checks, and the per-trust-store
 * cache of parsed peer certificates.
 *
 * Decoding a certificate costs far more than verifying it (libcrypto 3.0
 * builds a decoder context for the public key on every d2i_X509), so a peer
 * chain is parsed at most once per handshake (struct s2n_x509_chain), and a
 * chain a trust store has seen recently is not parsed at all: its store
 * keeps the last few parsed certificates keyed by their exact DER bytes.
 * A cached X509 is immutable apart from libcrypto's own thread-safe caches
 * and is shared by reference; every check (time, trust, purpose, host name)
 * still runs on every handshake. */
#include <string.h>
#include <pthread.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include "crypto/s2n_crypto_internal.h"
#include "utils/s2n_mem.h"

#define S2N_DEFAULT_MAX_CHAIN_DEPTH 7
/* Enough for the chains of the few servers a client config typically
 * talks to; a miss only costs the parse. */
#define S2N_X509_CACHE_SLOTS 16
/* Larger certificates are parsed every time rather than copied. */
#define S2N_X509_CACHE_MAX_DER (16 * 1024)

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

/* ---- the parsed-certificate cache ---------------------------------------------- */

struct s2n_x509_cache_entry {
    uint8_t *der; /* owned copy */
    uint32_t len;
    uint64_t used; /* LRU tick */
    X509 *cert;
};

struct s2n_x509_cache {
    pthread_mutex_t lock;
    uint64_t tick;
    struct s2n_x509_cache_entry e[S2N_X509_CACHE_SLOTS];
};

static S2N_RESULT s2n_x509_cache_new(struct s2n_x509_cache **out)
{
    struct s2n_x509_cache *cache = NULL;
    GUARD(s2n_new(&cache));
    if (pthread_mutex_init(&cache->lock, NULL) != 0) {
        s2n_delete(cache);
        BAIL(S2N_ERR_X509_TRUST_STORE);
    }
    *out = cache;
    return S2N_SUCCESS;
}

static void s2n_x509_cache_free(struct s2n_x509_cache *cache)
{
    if (cache == NULL) {
        return;
    }
    for (int i = 0; i < S2N_X509_CACHE_SLOTS; i++) {
        X509_free(cache->e[i].cert);
        s2n_free(cache->e[i].der, cache->e[i].len);
    }
    pthread_mutex_destroy(&cache->lock);
    s2n_delete(cache);
}

/* A new reference to the cached certificate of exactly these bytes, or NULL. */
static X509 *s2n_x509_cache_get(struct s2n_x509_cache *cache, const uint8_t *der, uint32_t len)
{
    X509 *found = NULL;
    pthread_mutex_lock(&cache->lock);
    for (int i = 0; i < S2N_X509_CACHE_SLOTS; i++) {
        struct s2n_x509_cache_entry *e = &cache->e[i];
        if (e->cert != NULL && e->len == len && memcmp(e->der, der, len) == 0) {
            if (X509_up_ref(e->cert) == 1) {
                found = e->cert;
                e->used = ++cache->tick;
            }
            break;
        }
    }
    pthread_mutex_unlock(&cache->lock);
    return found;
}

/* Remember @cert (a reference is taken) for @der, evicting the least
 * recently used entry.  Best effort: failures leave the cache as it was. */
static void s2n_x509_cache_put(struct s2n_x509_cache *cache, const uint8_t *der, uint32_t len, X509 *cert)
{
    if (len > S2N_X509_CACHE_MAX_DER) {
        return;
    }
    void *copy = NULL;
    if (s2n_alloc(&copy, len) < 0) {
        return;
    }
    memcpy(copy, der, len);
    if (X509_up_ref(cert) != 1) {
        s2n_free(copy, len);
        return;
    }
    struct s2n_x509_cache_entry old = { 0 };
    pthread_mutex_lock(&cache->lock);
    int slot = 0;
    for (int i = 0; i < S2N_X509_CACHE_SLOTS; i++) {
        struct s2n_x509_cache_entry *e = &cache->e[i];
        if (e->cert != NULL && e->len == len && memcmp(e->der, der, len) == 0) {
            slot = -1; /* another thread was first */
            break;
        }
        if (e->used < cache->e[slot].used) {
            slot = i;
        }
    }
    if (slot >= 0) {
        old = cache->e[slot];
        cache->e[slot].der = copy;
        cache->e[slot].len = len;
        cache->e[slot].cert = cert;
        cache->e[slot].used = ++cache->tick;
    } else {
        old.der = copy;
        old.len = len;
        old.cert = cert;
    }
    pthread_mutex_unlock(&cache->lock);
    X509_free(old.cert);
    s2n_free(old.der, old.len);
}

/* Parse @der, through @ts's cache when there is one. */
static S2N_RESULT s2n_x509_parse_cached(struct s2n_trust_store *ts, const uint8_t *der, uint32_t len, X509 **out)
{
    struct s2n_x509_cache *cache = ts ? ts->cache : NULL;
    if (cache != NULL && der != NULL && len > 0) {
        X509 *cert = s2n_x509_cache_get(cache, der, len);
        if (cert != NULL) {
            *out = cert;
            return S2N_SUCCESS;
        }
    }
    GUARD(s2n_x509_parse(der, len, out));
    if (cache != NULL) {
        s2n_x509_cache_put(cache, der, len, *out);
    }
    return S2N_SUCCESS;
}

/* ---- trust stores ------------------------------------------------------------------ */

static S2N_RESULT s2n_trust_store_ensure(struct s2n_trust_store *ts)
{
    if (ts->cache == NULL) {
        struct s2n_x509_cache *cache = NULL;
        GUARD(s2n_x509_cache_new(&cache));
        ts->cache = cache;
    }
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
    s2n_x509_cache_free(ts->cache);
    ts->cache = NULL;
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

void s2n_x509_chain_init(struct s2n_x509_chain *c, struct s2n_trust_store *ts, const struct s2n_der *certs, uint32_t count)
{
    c->ts = ts;
    c->der = certs;
    c->count = certs ? count : 0;
    c->leaf = NULL;
}

void s2n_x509_chain_free(struct s2n_x509_chain *c)
{
    if (c == NULL) {
        return;
    }
    X509_free(c->leaf);
    c->leaf = NULL;
}

static S2N_RESULT s2n_x509_chain_leaf(struct s2n_x509_chain *c, X509 **out)
{
    ENSURE(c->count > 0, S2N_ERR_DECODE_CERTIFICATE);
    if (c->leaf == NULL) {
        X509 *leaf = NULL;
        GUARD(s2n_x509_parse_cached(c->ts, c->der[0].data, c->der[0].len, &leaf));
        c->leaf = leaf;
    }
    *out = c->leaf;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_x509_chain_leaf_key(struct s2n_x509_chain *c, struct s2n_pkey *key)
{
    ENSURE_REF(c);
    ENSURE_REF(key);
    X509 *leaf = NULL;
    GUARD(s2n_x509_chain_leaf(c, &leaf));
    EVP_PKEY *evp = X509_get0_pubkey(leaf);
    if (evp == NULL || EVP_PKEY_up_ref(evp) != 1) {
        s2n_crypto_clear_errors();
        BAIL(S2N_ERR_DECODE_CERTIFICATE);
    }
    GUARD(s2n_pkey_set_evp(key, evp, S2N_ERR_CERT_TYPE_UNSUPPORTED));
    return S2N_SUCCESS;
}

S2N_RESULT s2n_x509_chain_verify(struct s2n_x509_chain *c, const struct s2n_x509_verify_params *params)
{
    ENSURE_REF(c);
    struct s2n_trust_store *ts = c->ts;
    ENSURE_REF(ts);
    ENSURE_REF(params);
    ENSURE(c->count > 0, S2N_ERR_DECODE_CERTIFICATE);
    const uint32_t max_depth = params->max_depth ? params->max_depth : S2N_DEFAULT_MAX_CHAIN_DEPTH;
    ENSURE(c->count <= max_depth, S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED);
    ENSURE(ts->store != NULL, S2N_ERR_CERT_UNTRUSTED);

    int rc = S2N_FAILURE;
    X509 *leaf = NULL;
    X509_STORE_CTX *ctx = NULL;
    STACK_OF(X509) *chain = sk_X509_new_null();
    ENSURE(chain != NULL, S2N_ERR_ALLOC);

    GUARD_GOTO(s2n_x509_chain_leaf(c, &leaf), done);
    for (uint32_t i = 1; i < c->count; i++) {
        X509 *x = NULL;
        GUARD_GOTO(s2n_x509_parse_cached(ts, c->der[i].data, c->der[i].len, &x), done);
        if (!sk_X509_push(chain, x)) {
            X509_free(x);
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
    sk_X509_pop_free(chain, X509_free);
    return rc;
}

S2N_RESULT s2n_x509_verify_chain(struct s2n_trust_store *ts, const struct s2n_der *certs, uint32_t count,
        const struct s2n_x509_verify_params *params)
{
    ENSURE_REF(ts);
    ENSURE_REF(params);
    ENSURE(certs != NULL && count > 0, S2N_ERR_DECODE_CERTIFICATE);
    struct s2n_x509_chain c;
    s2n_x509_chain_init(&c, ts, certs, count);
    int rc = s2n_x509_chain_verify(&c, params);
    s2n_x509_chain_free(&c);
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

static S2N_RESULT s2n_x509_names(X509 *cert, s2n_name_cb fn, void *ctx, int *matched)
{
    int stop = 0;
    int has_dns = 0;
    GUARD(s2n_x509_san_names(cert, fn, ctx, &stop, &has_dns));
    if (!stop && !has_dns) {
        GUARD(s2n_x509_cn_names(cert, fn, ctx, &stop));
    }
    *matched = stop;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_x509_chain_for_each_name(struct s2n_x509_chain *c, s2n_name_cb fn, void *ctx, int *matched)
{
    ENSURE_REF(c);
    ENSURE_REF(fn);
    ENSURE_REF(matched);
    *matched = 0;
    X509 *leaf = NULL;
    GUARD(s2n_x509_chain_leaf(c, &leaf));
    GUARD(s2n_x509_names(leaf, fn, ctx, matched));
    return S2N_SUCCESS;
}

S2N_RESULT s2n_x509_for_each_name(const uint8_t *der, uint32_t len, s2n_name_cb fn, void *ctx, int *matched)
{
    ENSURE_REF(fn);
    ENSURE_REF(matched);
    *matched = 0;
    X509 *cert = NULL;
    GUARD(s2n_x509_parse(der, len, &cert));
    int rc = s2n_x509_names(cert, fn, ctx, matched);
    X509_free(cert);
    return rc;
}
