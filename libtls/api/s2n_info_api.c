/* Public getters: versions, cipher, group, signatures, alerts, state names. */
#include <string.h>

#include "api/s2n_api.h"
#include "tls/s2n_handshake.h"

S2N_API int s2n_connection_get_client_protocol_version(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    return conn->client_protocol_version;
}

S2N_API int s2n_connection_get_server_protocol_version(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    return conn->server_protocol_version;
}

S2N_API int s2n_connection_get_actual_protocol_version(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    return conn->actual_protocol_version;
}

S2N_API int s2n_connection_get_client_hello_version(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    return conn->client_hello_version;
}

S2N_API const char *s2n_connection_get_cipher(struct s2n_connection *conn)
{
    ENSURE_REF_PTR(conn);
    return conn->cipher_suite->name;
}

S2N_API int s2n_connection_get_cipher_iana_value(struct s2n_connection *conn, uint8_t *first, uint8_t *second)
{
    ENSURE_REF(conn);
    ENSURE_REF(first);
    ENSURE_REF(second);
    ENSURE(conn->cipher_suite != &s2n_null_cipher_suite, S2N_ERR_INVALID_STATE);
    *first = conn->cipher_suite->iana[0];
    *second = conn->cipher_suite->iana[1];
    return S2N_SUCCESS;
}

S2N_API const char *s2n_connection_get_curve(struct s2n_connection *conn)
{
    ENSURE_REF_PTR(conn);
    const char *name = conn->group ? s2n_group_name(conn->group) : NULL;
    return name ? name : "NONE";
}

S2N_API const char *s2n_connection_get_kem_group_name(struct s2n_connection *conn)
{
    ENSURE_REF_PTR(conn);
    return "NONE";
}

S2N_API int s2n_connection_get_key_exchange_group(struct s2n_connection *conn, const char **group_name)
{
    ENSURE_REF(conn);
    ENSURE_REF(group_name);
    const char *name = conn->group ? s2n_group_name(conn->group) : NULL;
    ENSURE(name != NULL, S2N_ERR_INVALID_STATE);
    *group_name = name;
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_get_alert(struct s2n_connection *conn)
{
    ENSURE_REF(conn);
    ENSURE(conn->alert_received >= 0, S2N_ERR_NO_ALERT);
    return conn->alert_received;
}

S2N_API const char *s2n_connection_get_handshake_type_name(struct s2n_connection *conn)
{
    ENSURE_REF_PTR(conn);
    /* The label set is chosen by the negotiated version (API.md 2.8). */
    static const char *const tls13_labels[] = {
        "NEGOTIATED", "FULL_HANDSHAKE", "CLIENT_AUTH", "NO_CLIENT_CERT", "HELLO_RETRY_REQUEST", "MIDDLEBOX_COMPAT",
    };
    static const char *const tls12_labels[] = {
        "NEGOTIATED", "FULL_HANDSHAKE", "CLIENT_AUTH", "NO_CLIENT_CERT", "TLS12_PERFECT_FORWARD_SECRECY", "OCSP_STATUS",
    };
    /* Every combination of the six flags, built once per thread on demand. */
    static __thread char names[2][64][128];
    uint8_t type = conn->handshake_type & 0x3f;
    if (type == 0) {
        return "INITIAL";
    }
    int tls12 = s2n_connection_is_tls12(conn);
    const char *const *labels = tls12 ? tls12_labels : tls13_labels;
    char *out = names[tls12][type];
    if (out[0] == '\0') {
        size_t pos = 0;
        for (int bit = 0; bit < 6; bit++) {
            if (type & (1 << bit)) {
                size_t len = strlen(labels[bit]);
                if (pos) {
                    out[pos++] = '|';
                }
                memcpy(out + pos, labels[bit], len);
                pos += len;
            }
        }
        out[pos] = '\0';
    }
    return out;
}

S2N_API const char *s2n_connection_get_last_message_name(struct s2n_connection *conn)
{
    ENSURE_REF_PTR(conn);
    return s2n_message_desc(conn, s2n_current_message(conn))->name;
}

static void s2n_sig_getters(uint16_t iana, s2n_tls_signature_algorithm *alg, s2n_tls_hash_algorithm *hash)
{
    const struct s2n_signature_scheme *s = iana ? s2n_signature_scheme_from_iana(iana) : NULL;
    if (alg) {
        *alg = s ? (s2n_tls_signature_algorithm) s->sig_alg : S2N_TLS_SIGNATURE_ANONYMOUS;
    }
    if (hash) {
        static const s2n_tls_hash_algorithm map[S2N_HASH_ALG_COUNT] = {
            [S2N_HASH_NONE] = S2N_TLS_HASH_NONE, [S2N_HASH_MD5] = S2N_TLS_HASH_MD5, [S2N_HASH_SHA1] = S2N_TLS_HASH_SHA1,
            [S2N_HASH_SHA224] = S2N_TLS_HASH_SHA224, [S2N_HASH_SHA256] = S2N_TLS_HASH_SHA256,
            [S2N_HASH_SHA384] = S2N_TLS_HASH_SHA384, [S2N_HASH_SHA512] = S2N_TLS_HASH_SHA512,
            [S2N_HASH_MD5_SHA1] = S2N_TLS_HASH_MD5_SHA1,
        };
        *hash = s && s->hash < S2N_HASH_ALG_COUNT ? map[s->hash] : S2N_TLS_HASH_NONE;
    }
}

S2N_API int s2n_connection_get_selected_signature_algorithm(struct s2n_connection *conn, s2n_tls_signature_algorithm *chosen_alg)
{
    ENSURE_REF(conn);
    ENSURE_REF(chosen_alg);
    s2n_sig_getters(conn->server_sig_scheme, chosen_alg, NULL);
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_get_selected_digest_algorithm(struct s2n_connection *conn, s2n_tls_hash_algorithm *chosen_alg)
{
    ENSURE_REF(conn);
    ENSURE_REF(chosen_alg);
    s2n_sig_getters(conn->server_sig_scheme, NULL, chosen_alg);
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_get_selected_client_cert_signature_algorithm(struct s2n_connection *conn,
        s2n_tls_signature_algorithm *chosen_alg)
{
    ENSURE_REF(conn);
    ENSURE_REF(chosen_alg);
    s2n_sig_getters(conn->client_sig_scheme, chosen_alg, NULL);
    return S2N_SUCCESS;
}

S2N_API int s2n_connection_get_selected_client_cert_digest_algorithm(struct s2n_connection *conn,
        s2n_tls_hash_algorithm *chosen_alg)
{
    ENSURE_REF(conn);
    ENSURE_REF(chosen_alg);
    s2n_sig_getters(conn->client_sig_scheme, NULL, chosen_alg);
    return S2N_SUCCESS;
}
