/* Configs, certificate chains with keys, ALPN lists, the built-in default config. */
#include <string.h>
#include <pthread.h>

#include "tls/s2n_config.h"
#include "utils/s2n_mem.h"

/* ---- certificate chain and key ------------------------------------------------ */

static int s2n_chain_add_der(void *ctx, const uint8_t *der, uint32_t len)
{
    struct s2n_cert_chain_and_key *chain = ctx;
    ENSURE(chain->cert_count < S2N_MAX_CERT_CHAIN_LEN, S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED);
    void *copy = NULL;
    GUARD(s2n_alloc(&copy, len));
    memcpy(copy, der, len);
    chain->certs[chain->cert_count].data = copy;
    chain->certs[chain->cert_count].len = len;
    chain->cert_count++;
    return S2N_SUCCESS;
}

static void s2n_chain_clear(struct s2n_cert_chain_and_key *chain)
{
    for (uint32_t i = 0; i < chain->cert_count; i++) {
        s2n_free((void *) (uintptr_t) chain->certs[i].data, chain->certs[i].len);
        chain->certs[i].data = NULL;
        chain->certs[i].len = 0;
    }
    chain->cert_count = 0;
    s2n_pkey_free(&chain->private_key);
    s2n_pkey_free(&chain->public_key);
    s2n_free(chain->sni_names, chain->sni_names_len);
    chain->sni_names = NULL;
    chain->sni_names_len = 0;
}

struct s2n_chain_names {
    struct s2n_cert_chain_and_key *chain;
    int alloc_failed;
};

/* Append one name of the leaf to chain->sni_names. */
static int s2n_chain_add_name(void *ctx, const char *name, size_t len)
{
    struct s2n_chain_names *names = ctx;
    struct s2n_cert_chain_and_key *chain = names->chain;
    if (len > UINT16_MAX) {
        return 0; /* longer than any SNI can be: it could never match */
    }
    uint32_t at = chain->sni_names_len;
    void *p = chain->sni_names;
    if (s2n_realloc(&p, &chain->sni_names_len, at + 2 + (uint32_t) len, 0) < 0) {
        names->alloc_failed = 1;
        return -1;
    }
    chain->sni_names = p;
    chain->sni_names[at] = (uint8_t) (len >> 8);
    chain->sni_names[at + 1] = (uint8_t) len;
    memcpy(chain->sni_names + at + 2, name, len);
    return 0; /* keep going: collect every name */
}

/* Extract the leaf's names once, so that choosing a certificate for a
 * ClientHello's SNI never decodes the certificate again.  A leaf whose
 * names cannot be read simply matches no SNI, as before. */
static S2N_RESULT s2n_chain_load_names(struct s2n_cert_chain_and_key *chain)
{
    struct s2n_chain_names names = { chain, 0 };
    int matched = 0;
    if (s2n_x509_for_each_name(chain->certs[0].data, chain->certs[0].len, s2n_chain_add_name, &names, &matched) < 0) {
        s2n_free(chain->sni_names, chain->sni_names_len);
        chain->sni_names = NULL;
        chain->sni_names_len = 0;
        ENSURE(!names.alloc_failed, S2N_ERR_ALLOC);
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_chain_load(struct s2n_cert_chain_and_key *chain, const uint8_t *chain_pem, uint32_t chain_len,
        const uint8_t *key_pem, uint32_t key_len)
{
    ENSURE_REF(chain);
    ENSURE_REF(chain_pem);
    ENSURE_REF(key_pem);
    ENSURE(chain->config_refs == 0, S2N_ERR_INVALID_STATE);
    s2n_chain_clear(chain);
    GUARD_GOTO(s2n_pem_for_each_cert(chain_pem, chain_len, 0, s2n_chain_add_der, chain), fail);
    GUARD_GOTO(s2n_pkey_from_cert_der(&chain->public_key, chain->certs[0].data, chain->certs[0].len), fail);
    GUARD_GOTO(s2n_pkey_from_private_pem(&chain->private_key, key_pem, key_len), fail);
    GUARD_GOTO(s2n_pkey_check_match(&chain->private_key, &chain->public_key), fail);
    GUARD_GOTO(s2n_chain_load_names(chain), fail);
    return S2N_SUCCESS;
fail:
    s2n_chain_clear(chain);
    return S2N_FAILURE;
}

void s2n_chain_free(struct s2n_cert_chain_and_key *chain)
{
    s2n_chain_clear(chain);
    s2n_delete(chain);
}

/* ---- ALPN --------------------------------------------------------------------- */

void s2n_alpn_list_free(struct s2n_alpn_list *list)
{
    s2n_free(list->data, list->len);
    list->data = NULL;
    list->len = 0;
}

S2N_RESULT s2n_alpn_list_set(struct s2n_alpn_list *list, const char *const *protocols, int count)
{
    ENSURE(count >= 0, S2N_ERR_INVALID_ARGUMENT);
    ENSURE(protocols != NULL || count == 0, S2N_ERR_NULL);
    uint32_t total = 0;
    for (int i = 0; i < count; i++) {
        ENSURE_REF(protocols[i]);
        size_t len = strlen(protocols[i]);
        ENSURE(len >= 1 && len <= 255, S2N_ERR_INVALID_APPLICATION_PROTOCOL);
        total += 1 + (uint32_t) len;
    }
    /* The whole list must fit the extension's 16-bit vector. */
    ENSURE(total <= 0xffff - 2, S2N_ERR_INVALID_APPLICATION_PROTOCOL);
    uint8_t *data = NULL;
    if (total) {
        GUARD(s2n_alloc((void **) &data, total));
        uint32_t pos = 0;
        for (int i = 0; i < count; i++) {
            size_t len = strlen(protocols[i]);
            data[pos++] = (uint8_t) len;
            memcpy(data + pos, protocols[i], len);
            pos += (uint32_t) len;
        }
    }
    s2n_alpn_list_free(list);
    list->data = data;
    list->len = (uint16_t) total;
    return S2N_SUCCESS;
}

/* ---- config ----------------------------------------------------------------------- */

S2N_RESULT s2n_config_init(struct s2n_config *config, int load_system_certs)
{
    memset(config, 0, sizeof(*config));
    GUARD(s2n_security_policy_find("default", &config->policy));
    config->max_blinding_seconds = S2N_DEFAULT_MAX_BLINDING_SECONDS;
    config->max_chain_depth = 7;
    config->session_tickets = 0;
    if (load_system_certs) {
        GUARD(s2n_trust_store_load_system(&config->trust_store));
    }
    return S2N_SUCCESS;
}

void s2n_config_release(struct s2n_config *config)
{
    for (uint32_t i = 0; i < config->cert_count; i++) {
        config->certs[i]->config_refs--;
    }
    config->cert_count = 0;
    s2n_trust_store_free(&config->trust_store);
    s2n_alpn_list_free(&config->alpn);
}

/* The built-in default config: policy "default", system trust store loaded
 * on first use (a client that never verifies never pays for it). */
static struct s2n_config s2n_default_config;
static int s2n_default_config_ready;

S2N_RESULT s2n_config_defaults_init(void)
{
    GUARD(s2n_config_init(&s2n_default_config, 0));
    s2n_default_config.is_builtin = 1;
    s2n_default_config_ready = 1;
    return S2N_SUCCESS;
}

void s2n_config_defaults_cleanup(void)
{
    if (s2n_default_config_ready) {
        s2n_config_release(&s2n_default_config);
        s2n_default_config_ready = 0;
    }
}

static pthread_mutex_t s2n_default_lock = PTHREAD_MUTEX_INITIALIZER;

struct s2n_config *s2n_config_get_default(void)
{
    return &s2n_default_config;
}

S2N_RESULT s2n_config_trust_store_ready(struct s2n_config *config)
{
    if (!config->is_builtin) {
        return S2N_SUCCESS;
    }
    pthread_mutex_lock(&s2n_default_lock);
    int rc = S2N_SUCCESS;
    if (!config->trust_store.system_loaded) {
        rc = s2n_trust_store_load_system(&config->trust_store);
    }
    pthread_mutex_unlock(&s2n_default_lock);
    return rc;
}
