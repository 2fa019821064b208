/* TLS 1.3 key schedule (RFC 8446 section 7.1) and the NSS key log. */
#include <string.h>
#include <stdio.h>

#include "tls/s2n_handshake.h"
#include "utils/s2n_mem.h"

static s2n_hash_alg s2n_conn_hash(const struct s2n_connection *conn)
{
    return (s2n_hash_alg) conn->cipher_suite->prf_hash;
}

/* Derive-Secret(secret, label, Hash(messages)) with the transcript so far. */
static S2N_RESULT s2n_derive_secret(struct s2n_connection *conn, const uint8_t *secret, const char *label, int with_transcript,
        uint8_t *out)
{
    s2n_hash_alg alg = s2n_conn_hash(conn);
    uint8_t len = s2n_hash_digest_size(alg);
    uint8_t digest[S2N_MAX_DIGEST_LEN];
    if (with_transcript) {
        GUARD(s2n_transcript_digest(conn, digest));
    } else {
        GUARD(s2n_hash_oneshot(alg, NULL, 0, digest));
    }
    return s2n_hkdf_expand_label(alg, secret, len, label, digest, len, out, len);
}

void s2n_key_log(struct s2n_connection *conn, const char *label, const uint8_t *secret, uint32_t len)
{
    struct s2n_config *config = conn->config;
    if (config == NULL || config->key_log == NULL || conn->hs == NULL) {
        return;
    }
    static const char hex[] = "0123456789abcdef";
    char line[64 + 1 + 2 * S2N_RANDOM_LEN + 1 + 2 * S2N_MAX_SECRET_LEN + 1];
    int n = snprintf(line, sizeof(line), "%s ", label);
    if (n < 0 || (size_t) n + 2 * S2N_RANDOM_LEN + 1 + 2 * len >= sizeof(line)) {
        return;
    }
    size_t pos = (size_t) n;
    for (int i = 0; i < S2N_RANDOM_LEN; i++) {
        line[pos++] = hex[conn->hs->client_random[i] >> 4];
        line[pos++] = hex[conn->hs->client_random[i] & 15];
    }
    line[pos++] = ' ';
    for (uint32_t i = 0; i < len; i++) {
        line[pos++] = hex[secret[i] >> 4];
        line[pos++] = hex[secret[i] & 15];
    }
    line[pos] = '\0';
    (void) config->key_log(config->key_log_ctx, conn, (uint8_t *) line, pos);
    s2n_cleanse(line, sizeof(line));
}

S2N_RESULT s2n_tls13_handshake_secrets(struct s2n_connection *conn, const uint8_t *shared, uint32_t shared_len)
{
    struct s2n_handshake *hs = conn->hs;
    s2n_hash_alg alg = s2n_conn_hash(conn);
    uint8_t len = s2n_hash_digest_size(alg);
    uint8_t zeros[S2N_MAX_SECRET_LEN] = { 0 };
    uint8_t early[S2N_MAX_SECRET_LEN], derived[S2N_MAX_SECRET_LEN];

    /* early_secret = HKDF-Extract(0, 0); no PSK. */
    GUARD(s2n_hkdf_extract(alg, NULL, 0, zeros, len, early));
    int rc = s2n_derive_secret(conn, early, "derived", 0, derived);
    if (rc == 0) {
        rc = s2n_hkdf_extract(alg, derived, len, shared, shared_len, hs->secret);
    }
    s2n_cleanse(early, sizeof(early));
    s2n_cleanse(derived, sizeof(derived));
    GUARD(rc);
    GUARD(s2n_derive_secret(conn, hs->secret, "c hs traffic", 1, hs->client_hs_secret));
    GUARD(s2n_derive_secret(conn, hs->secret, "s hs traffic", 1, hs->server_hs_secret));
    s2n_key_log(conn, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", hs->client_hs_secret, len);
    s2n_key_log(conn, "SERVER_HANDSHAKE_TRAFFIC_SECRET", hs->server_hs_secret, len);

    int server = conn->mode == S2N_SERVER;
    GUARD(s2n_record_set_keys(conn, 1, server ? hs->server_hs_secret : hs->client_hs_secret));
    GUARD(s2n_record_set_keys(conn, 0, server ? hs->client_hs_secret : hs->server_hs_secret));
    return S2N_SUCCESS;
}

/* After the server Finished: master secret and application traffic secrets.
 * The handshake keys stay in use for the client's second flight. */
S2N_RESULT s2n_tls13_application_secrets(struct s2n_connection *conn)
{
    struct s2n_handshake *hs = conn->hs;
    s2n_hash_alg alg = s2n_conn_hash(conn);
    uint8_t len = s2n_hash_digest_size(alg);
    uint8_t zeros[S2N_MAX_SECRET_LEN] = { 0 };
    uint8_t derived[S2N_MAX_SECRET_LEN], master[S2N_MAX_SECRET_LEN];
    uint8_t exporter[S2N_MAX_SECRET_LEN];

    GUARD(s2n_derive_secret(conn, hs->secret, "derived", 0, derived));
    int rc = s2n_hkdf_extract(alg, derived, len, zeros, len, master);
    s2n_cleanse(derived, sizeof(derived));
    uint8_t *client_app = conn->mode == S2N_CLIENT ? conn->write_secret : conn->read_secret;
    uint8_t *server_app = conn->mode == S2N_SERVER ? conn->write_secret : conn->read_secret;
    if (rc == 0) {
        rc = s2n_derive_secret(conn, master, "c ap traffic", 1, client_app);
    }
    if (rc == 0) {
        rc = s2n_derive_secret(conn, master, "s ap traffic", 1, server_app);
    }
    if (rc == 0) {
        rc = s2n_derive_secret(conn, master, "exp master", 1, exporter);
    }
    if (rc == 0) {
        memcpy(hs->secret, master, len);
        s2n_key_log(conn, "CLIENT_TRAFFIC_SECRET_0", client_app, len);
        s2n_key_log(conn, "SERVER_TRAFFIC_SECRET_0", server_app, len);
        s2n_key_log(conn, "EXPORTER_SECRET", exporter, len);
    }
    s2n_cleanse(master, sizeof(master));
    s2n_cleanse(exporter, sizeof(exporter));
    return rc;
}

S2N_RESULT s2n_tls13_finished_mac(struct s2n_connection *conn, const uint8_t *base_secret, uint8_t *out)
{
    s2n_hash_alg alg = s2n_conn_hash(conn);
    uint8_t len = s2n_hash_digest_size(alg);
    uint8_t finished_key[S2N_MAX_SECRET_LEN], digest[S2N_MAX_DIGEST_LEN];
    GUARD(s2n_hkdf_expand_label(alg, base_secret, len, "finished", NULL, 0, finished_key, len));
    int rc = s2n_transcript_digest(conn, digest);
    if (rc == 0) {
        rc = s2n_hmac(alg, finished_key, len, digest, len, out);
    }
    s2n_cleanse(finished_key, sizeof(finished_key));
    return rc;
}

S2N_RESULT s2n_tls13_key_update_secret(struct s2n_connection *conn, int for_write)
{
    s2n_hash_alg alg = s2n_conn_hash(conn);
    uint8_t len = s2n_hash_digest_size(alg);
    uint8_t *secret = for_write ? conn->write_secret : conn->read_secret;
    uint8_t next[S2N_MAX_SECRET_LEN];
    GUARD(s2n_hkdf_expand_label(alg, secret, len, "traffic upd", NULL, 0, next, len));
    memcpy(secret, next, len);
    s2n_cleanse(next, sizeof(next));
    return s2n_record_set_keys(conn, for_write, secret);
}
