/* Public config and certificate calls. */
#include <string.h>

#include "api/s2n_api.h"
#include "tls/s2n_config.h"

static struct s2n_config *s2n_config_create(int load_system_certs)
{
    ENSURE_INITIALIZED_PTR();
    struct s2n_config *config = NULL;
    GUARD_PTR(s2n_new(&config));
    if (s2n_config_init(config, load_system_certs) < 0) {
        s2n_config_release(config);
        s2n_delete(config);
        return NULL;
    }
    return config;
}

S2N_API struct s2n_config *s2n_config_new(void)
{
    return s2n_config_create(1);
}

S2N_API struct s2n_config *s2n_config_new_minimal(void)
{
    return s2n_config_create(0);
}

S2N_API int s2n_config_free(struct s2n_config *config)
{
    ENSURE_REF(config);
    ENSURE(!config->is_builtin, S2N_ERR_INVALID_ARGUMENT);
    ENSURE(config->conn_refs == 0, S2N_ERR_CONFIG_IN_USE);
    s2n_config_release(config);
    s2n_delete(config);
    return S2N_SUCCESS;
}

S2N_API int s2n_config_set_ctx(struct s2n_config *config, void *ctx)
{
    ENSURE_REF(config);
    config->ctx = ctx;
    return S2N_SUCCESS;
}

S2N_API int s2n_config_get_ctx(struct s2n_config *config, void **ctx)
{
    ENSURE_REF(config);
    ENSURE_REF(ctx);
    *ctx = config->ctx;
    return S2N_SUCCESS;
}

S2N_API int s2n_config_set_cipher_preferences(struct s2n_config *config, const char *version)
{
    ENSURE_REF(config);
    ENSURE_REF(version);
    const struct s2n_security_policy *policy = NULL;
    GUARD(s2n_security_policy_find(version, &policy));
    config->policy = policy;
    return S2N_SUCCESS;
}

S2N_API int s2n_config_set_max_blinding_delay(struct s2n_config *config, uint32_t seconds)
{
    ENSURE_REF(config);
    config->max_blinding_seconds = seconds;
    return S2N_SUCCESS;
}

S2N_API int s2n_config_set_protocol_preferences(struct s2n_config *config, const char *const *protocols, int protocol_count)
{
    ENSURE_REF(config);
    return s2n_alpn_list_set(&config->alpn, protocols, protocol_count);
}

S2N_API int s2n_config_set_session_tickets_onoff(struct s2n_config *config, uint8_t enabled)
{
    ENSURE_REF(config);
    config->session_tickets = enabled ? 1 : 0;
    return S2N_SUCCESS;
}

S2N_API int s2n_config_set_key_log_cb(struct s2n_config *config, s2n_key_log_fn callback, void *ctx)
{
    ENSURE_REF(config);
    config->key_log = callback;
    config->key_log_ctx = ctx;
    return S2N_SUCCESS;
}

S2N_API int s2n_config_set_verify_host_callback(struct s2n_config *config, s2n_verify_host_fn host_fn, void *data)
{
    ENSURE_REF(config);
    config->verify_host = host_fn;
    config->verify_host_data = data;
    return S2N_SUCCESS;
}

S2N_API int s2n_config_disable_x509_verification(struct s2n_config *config)
{
    ENSURE_REF(config);
    config->disable_x509_verification = 1;
    return S2N_SUCCESS;
}

S2N_API int s2n_config_set_verification_ca_location(struct s2n_config *config, const char *ca_pem_filename, const char *ca_dir)
{
    ENSURE_REF(config);
    ENSURE(ca_pem_filename || ca_dir, S2N_ERR_INVALID_ARGUMENT);
    return s2n_trust_store_load_locations(&config->trust_store, ca_pem_filename, ca_dir);
}

S2N_API int s2n_config_add_pem_to_trust_store(struct s2n_config *config, const char *pem)
{
    ENSURE_REF(config);
    ENSURE_REF(pem);
    return s2n_trust_store_add_pem(&config->trust_store, pem);
}

S2N_API int s2n_config_wipe_trust_store(struct s2n_config *config)
{
    ENSURE_REF(config);
    s2n_trust_store_free(&config->trust_store);
    return S2N_SUCCESS;
}

S2N_API int s2n_config_load_system_certs(struct s2n_config *config)
{
    ENSURE_REF(config);
    ENSURE(!config->trust_store.system_loaded, S2N_ERR_X509_TRUST_STORE);
    return s2n_trust_store_load_system(&config->trust_store);
}

S2N_API int s2n_config_add_cert_chain_and_key_to_store(struct s2n_config *config, struct s2n_cert_chain_and_key *cert_key_pair)
{
    ENSURE_REF(config);
    ENSURE_REF(cert_key_pair);
    ENSURE(cert_key_pair->cert_count > 0, S2N_ERR_NO_CERT_FOUND);
    ENSURE(config->cert_count < S2N_MAX_CERTS_PER_CONFIG, S2N_ERR_TOO_MANY_CERTIFICATES);
    config->certs[config->cert_count++] = cert_key_pair;
    cert_key_pair->config_refs++;
    return S2N_SUCCESS;
}

S2N_API struct s2n_cert_chain_and_key *s2n_cert_chain_and_key_new(void)
{
    ENSURE_INITIALIZED_PTR();
    struct s2n_cert_chain_and_key *chain = NULL;
    GUARD_PTR(s2n_new(&chain));
    return chain;
}

S2N_API int s2n_cert_chain_and_key_load_pem(struct s2n_cert_chain_and_key *chain_and_key, const char *chain_pem,
        const char *private_key_pem)
{
    ENSURE_REF(chain_and_key);
    ENSURE_REF(chain_pem);
    ENSURE_REF(private_key_pem);
    return s2n_chain_load(chain_and_key, (const uint8_t *) chain_pem, (uint32_t) strlen(chain_pem),
            (const uint8_t *) private_key_pem, (uint32_t) strlen(private_key_pem));
}

S2N_API int s2n_cert_chain_and_key_load_pem_bytes(struct s2n_cert_chain_and_key *chain_and_key, uint8_t *chain_pem,
        uint32_t chain_pem_len, uint8_t *private_key_pem, uint32_t private_key_pem_len)
{
    ENSURE_REF(chain_and_key);
    return s2n_chain_load(chain_and_key, chain_pem, chain_pem_len, private_key_pem, private_key_pem_len);
}

S2N_API int s2n_cert_chain_and_key_free(struct s2n_cert_chain_and_key *cert_and_key)
{
    if (cert_and_key == NULL) {
        return S2N_SUCCESS;
    }
    ENSURE(cert_and_key->config_refs == 0, S2N_ERR_INVALID_STATE);
    s2n_chain_free(cert_and_key);
    return S2N_SUCCESS;
}
