/* struct s2n_config and struct s2n_cert_chain_and_key. */
#ifndef S2N_CONFIG_H
#define S2N_CONFIG_H

#include "s2n.h"
#include "utils/s2n_safety.h"
#include "crypto/s2n_crypto.h"
#include "tls/s2n_security_policy.h"

#define S2N_MAX_CERT_CHAIN_LEN 16
#define S2N_MAX_CERTS_PER_CONFIG 50
#define S2N_DEFAULT_MAX_BLINDING_SECONDS 30

/* A certificate chain (DER, leaf first) with its private key. */
struct s2n_cert_chain_and_key {
    struct s2n_der certs[S2N_MAX_CERT_CHAIN_LEN]; /* owned copies */
    uint32_t cert_count;
    struct s2n_pkey private_key;
    struct s2n_pkey public_key; /* of the leaf */
    /* The leaf's names for SNI matching (subjectAltName dNSNames and
     * iPAddresses, else the subject CNs), extracted once at load: a
     * sequence of <2-byte big-endian length, name> (s2n_alloc'd). */
    uint8_t *sni_names;
    uint32_t sni_names_len;
    uint32_t config_refs;       /* configs holding it */
    void *ctx;
};

/* The ALPN list in wire form: a sequence of <1-byte length, name>. */
struct s2n_alpn_list {
    uint8_t *data;
    uint16_t len;
};

struct s2n_config {
    const struct s2n_security_policy *policy;
    struct s2n_cert_chain_and_key *certs[S2N_MAX_CERTS_PER_CONFIG];
    uint32_t cert_count;
    struct s2n_trust_store trust_store;
    struct s2n_alpn_list alpn;
    s2n_verify_host_fn verify_host;
    void *verify_host_data;
    s2n_key_log_fn key_log;
    void *key_log_ctx;
    void *ctx;
    uint32_t max_blinding_seconds;
    uint32_t conn_refs; /* connections using it */
    uint16_t max_chain_depth;
    uint8_t disable_x509_verification;
    uint8_t session_tickets;
    uint8_t is_builtin; /* the default config: never freed by users */
};

/* Load a PEM chain (leaf first) and its private key (S2N_ERR_KEY_MISMATCH
 * when they do not belong together); free a chain object. */
S2N_RESULT s2n_chain_load(struct s2n_cert_chain_and_key *chain, const uint8_t *chain_pem, uint32_t chain_len,
        const uint8_t *key_pem, uint32_t key_len);
void s2n_chain_free(struct s2n_cert_chain_and_key *chain);

S2N_RESULT s2n_config_init(struct s2n_config *config, int load_system_certs);
void s2n_config_release(struct s2n_config *config);
/* The built-in config used by new connections before s2n_connection_set_config. */
struct s2n_config *s2n_config_get_default(void);
S2N_RESULT s2n_config_defaults_init(void);
/* The built-in config loads the system trust store on first verification. */
S2N_RESULT s2n_config_trust_store_ready(struct s2n_config *config);
void s2n_config_defaults_cleanup(void);
/* Replace an ALPN list from an array of C strings. */
S2N_RESULT s2n_alpn_list_set(struct s2n_alpn_list *list, const char *const *protocols, int count);
void s2n_alpn_list_free(struct s2n_alpn_list *list);

#endif
