/* Shared support for the libFuzzer harnesses: scenarios and configs, the
 * peer record layer (protecting fuzz input with the receiver's keys),
 * the driver, and transcripts captured from in-process pairs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "s2n_fuzz.h"
#include "tls/s2n_handshake.h"

/* ---- scenarios ---------------------------------------------------------------- */

const struct s2n_fuzz_scenario s2n_fuzz_scenarios[] = {
    { "tls13-ecdsa", "test_all", 1, 1, "default_tls13", { "server-ecdsa-p256", "server-rsa-2048" }, 1 },
    { "tls13-rsa", "default_tls13", 1, 0, "default_tls13", { "server-rsa-2048", NULL }, 0 },
    { "tls13-hrr-p384", "test_all", 1, 0, "rfc9151", { "server-ecdsa-p384", NULL }, 0 },
    { "tls12-ecdsa", "test_all", 1, 1, "20240501", { "server-ecdsa-p256", NULL }, 1 },
    { "tls12-rsa", "default", 1, 0, "20240501", { "server-rsa-2048", NULL }, 0 },
    { "tls13-p521", "test_all", 1, 0, "test_all", { "server-ecdsa-p521", NULL }, 0 },
    { "tls12-client-nosni", "20240501", 0, 0, "test_all", { "server-ecdsa-p384", "server-rsa-2048" }, 0 },
    { "tls13-rsa-pss", "test_all_tls13", 1, 0, "test_all", { "server-rsa-pss-2048", NULL }, 0 },
    { "tls13-chain3", "default_tls13", 1, 1, "default_tls13", { "server-intermediate-ecdsa", NULL }, 1 },
};
const unsigned s2n_fuzz_scenario_count = S2N_ARRAY_LEN(s2n_fuzz_scenarios);
#define S2N_FUZZ_SCENARIOS S2N_ARRAY_LEN(s2n_fuzz_scenarios)

/* ---- small helpers ---------------------------------------------------------------- */

void s2n_fuzz_die(const char *what)
{
    fprintf(stderr, "s2n fuzz harness setup failed: %s (%s)\n", what, s2n_strerror_debug(s2n_errno, NULL));
    abort();
}

void s2n_fuzz_buf_append(struct s2n_fuzz_buf *b, const void *data, size_t len)
{
    if (len == 0) {
        return;
    }
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + len) {
            cap *= 2;
        }
        uint8_t *p = realloc(b->data, cap);
        if (p == NULL) {
            s2n_fuzz_die("out of memory");
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

void s2n_fuzz_buf_u8(struct s2n_fuzz_buf *b, uint8_t v)
{
    s2n_fuzz_buf_append(b, &v, 1);
}

void s2n_fuzz_buf_u16(struct s2n_fuzz_buf *b, uint16_t v)
{
    uint8_t x[2] = { (uint8_t) (v >> 8), (uint8_t) v };
    s2n_fuzz_buf_append(b, x, 2);
}

void s2n_fuzz_buf_u24(struct s2n_fuzz_buf *b, uint32_t v)
{
    uint8_t x[3] = { (uint8_t) (v >> 16), (uint8_t) (v >> 8), (uint8_t) v };
    s2n_fuzz_buf_append(b, x, 3);
}

void s2n_fuzz_buf_entry(struct s2n_fuzz_buf *b, uint8_t flags, uint8_t type, const uint8_t *data, size_t len)
{
    if (len > 0xffff) {
        len = 0xffff;
    }
    s2n_fuzz_buf_u8(b, flags);
    s2n_fuzz_buf_u8(b, type);
    s2n_fuzz_buf_u16(b, (uint16_t) len);
    s2n_fuzz_buf_append(b, data, len);
}

void s2n_fuzz_buf_handshake(struct s2n_fuzz_buf *b, uint8_t flags, uint8_t hs_type, const uint8_t *body, size_t len)
{
    struct s2n_fuzz_buf msg = { 0 };
    s2n_fuzz_buf_u8(&msg, hs_type);
    s2n_fuzz_buf_u24(&msg, (uint32_t) (len & 0xffffff));
    s2n_fuzz_buf_append(&msg, body, len);
    for (size_t off = 0; off < msg.len; off += S2N_TLS_MAX_FRAGMENT) {
        size_t n = S2N_MIN(msg.len - off, (size_t) S2N_TLS_MAX_FRAGMENT);
        s2n_fuzz_buf_entry(b, flags, S2N_CT_HANDSHAKE, msg.data + off, n);
    }
    s2n_fuzz_buf_free(&msg);
}

void s2n_fuzz_buf_free(struct s2n_fuzz_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

char *s2n_fuzz_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    struct s2n_fuzz_buf b = { 0 };
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        s2n_fuzz_buf_append(&b, chunk, n);
    }
    fclose(f);
    s2n_fuzz_buf_u8(&b, 0);
    if (len) {
        *len = b.len - 1;
    }
    return (char *) b.data;
}

int s2n_fuzz_write_file(const char *path, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        return -1;
    }
    int ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok ? 0 : -1;
}

const char *s2n_fuzz_pki(const char *name)
{
    static char path[4][1024];
    static int slot;
    const char *dir = getenv("S2N_FUZZ_PKI");
    slot = (slot + 1) % 4;
    if (dir) {
        snprintf(path[slot], sizeof(path[slot]), "%s/%s", dir, name);
    } else {
        snprintf(path[slot], sizeof(path[slot]), "%s/pki/%s", TEST_SRCDIR, name);
    }
    return path[slot];
}

/* ---- configurations ------------------------------------------------------------------ */

struct s2n_fuzz_pem {
    const char *name;
    char *chain;
    char *key;
};
static struct s2n_fuzz_pem s2n_fuzz_pems[16];
static char *s2n_fuzz_ca_pem[2];
static struct s2n_config *s2n_fuzz_client_configs[S2N_FUZZ_SCENARIOS];
static int s2n_fuzz_initialized;

static const struct s2n_fuzz_pem *s2n_fuzz_pem_get(const char *name)
{
    for (size_t i = 0; i < S2N_ARRAY_LEN(s2n_fuzz_pems); i++) {
        struct s2n_fuzz_pem *p = &s2n_fuzz_pems[i];
        if (p->name && strcmp(p->name, name) == 0) {
            return p;
        }
        if (p->name == NULL) {
            char file[256];
            snprintf(file, sizeof(file), "%s-chain.pem", name);
            p->chain = s2n_fuzz_read_file(s2n_fuzz_pki(file), NULL);
            snprintf(file, sizeof(file), "%s-key.pem", name);
            p->key = s2n_fuzz_read_file(s2n_fuzz_pki(file), NULL);
            if (p->chain == NULL || p->key == NULL) {
                s2n_fuzz_die(name);
            }
            p->name = name;
            return p;
        }
    }
    s2n_fuzz_die("too many certificates");
}

void s2n_fuzz_init(void)
{
    if (s2n_fuzz_initialized) {
        return;
    }
    s2n_fuzz_random_seed(S2N_FUZZ_SEED);
    if (s2n_init() < 0) {
        s2n_fuzz_die("s2n_init");
    }
    s2n_fuzz_ca_pem[0] = s2n_fuzz_read_file(s2n_fuzz_pki("ca-ecdsa-cert.pem"), NULL);
    s2n_fuzz_ca_pem[1] = s2n_fuzz_read_file(s2n_fuzz_pki("ca-rsa-cert.pem"), NULL);
    if (!s2n_fuzz_ca_pem[0] || !s2n_fuzz_ca_pem[1]) {
        s2n_fuzz_die("cannot read tests/pki (set S2N_FUZZ_PKI to its directory)");
    }
    s2n_fuzz_initialized = 1;
}

static uint8_t s2n_fuzz_accept_host(const char *host, size_t len, void *data)
{
    return 1;
}

static const char *const s2n_fuzz_client_alpn[] = { "h2", "http/1.1" };
static const char *const s2n_fuzz_server_alpn[] = { "http/1.1" };

/* Client configs hold no private key and draw no randomness: one per
 * scenario, kept for the whole run. */
static struct s2n_config *s2n_fuzz_client_config(unsigned scenario)
{
    if (s2n_fuzz_client_configs[scenario]) {
        return s2n_fuzz_client_configs[scenario];
    }
    const struct s2n_fuzz_scenario *sc = &s2n_fuzz_scenarios[scenario];
    struct s2n_config *config = s2n_config_new_minimal();
    if (config == NULL || s2n_config_set_cipher_preferences(config, sc->client_policy) < 0
            || s2n_config_set_max_blinding_delay(config, 0) < 0
            || s2n_config_add_pem_to_trust_store(config, s2n_fuzz_ca_pem[0]) < 0
            || s2n_config_add_pem_to_trust_store(config, s2n_fuzz_ca_pem[1]) < 0
            || (sc->client_alpn && s2n_config_set_protocol_preferences(config, s2n_fuzz_client_alpn, 2) < 0)
            || (!sc->client_sni && s2n_config_set_verify_host_callback(config, s2n_fuzz_accept_host, NULL) < 0)) {
        s2n_fuzz_die("client config");
    }
    s2n_fuzz_client_configs[scenario] = config;
    return config;
}

struct s2n_fuzz_server_config {
    struct s2n_config *config;
    struct s2n_cert_chain_and_key *certs[S2N_FUZZ_MAX_CERTS];
};

/* Server configs are built per connection: a fresh private key has no
 * libcrypto state (RSA blinding) left over from earlier connections, so
 * its signatures draw the same randomness every time. */
static void s2n_fuzz_server_config_new(unsigned scenario, struct s2n_fuzz_server_config *out)
{
    const struct s2n_fuzz_scenario *sc = &s2n_fuzz_scenarios[scenario];
    memset(out, 0, sizeof(*out));
    out->config = s2n_config_new_minimal();
    if (out->config == NULL || s2n_config_set_cipher_preferences(out->config, sc->server_policy) < 0
            || s2n_config_set_max_blinding_delay(out->config, 0) < 0
            || (sc->server_alpn && s2n_config_set_protocol_preferences(out->config, s2n_fuzz_server_alpn, 1) < 0)) {
        s2n_fuzz_die("server config");
    }
    for (int i = 0; i < S2N_FUZZ_MAX_CERTS && sc->server_certs[i]; i++) {
        const struct s2n_fuzz_pem *pem = s2n_fuzz_pem_get(sc->server_certs[i]);
        out->certs[i] = s2n_cert_chain_and_key_new();
        if (out->certs[i] == NULL || s2n_cert_chain_and_key_load_pem(out->certs[i], pem->chain, pem->key) < 0
                || s2n_config_add_cert_chain_and_key_to_store(out->config, out->certs[i]) < 0) {
            s2n_fuzz_die(sc->server_certs[i]);
        }
    }
}

static void s2n_fuzz_server_config_free(struct s2n_fuzz_server_config *sc)
{
    s2n_config_free(sc->config);
    for (int i = 0; i < S2N_FUZZ_MAX_CERTS; i++) {
        if (sc->certs[i]) {
            s2n_cert_chain_and_key_free(sc->certs[i]);
        }
    }
    memset(sc, 0, sizeof(*sc));
}

static struct s2n_connection *s2n_fuzz_conn_new(s2n_mode mode, unsigned scenario, struct s2n_config *config)
{
    struct s2n_connection *conn = s2n_connection_new(mode);
    if (conn == NULL || s2n_connection_set_config(conn, config) < 0
            || s2n_connection_set_blinding(conn, S2N_SELF_SERVICE_BLINDING) < 0
            || (mode == S2N_CLIENT && s2n_fuzz_scenarios[scenario].client_sni && s2n_set_server_name(conn, "localhost") < 0)) {
        s2n_fuzz_die("connection");
    }
    return conn;
}

/* ---- the peer's record protection ------------------------------------------------ *
 * A mirror of the receiver's read keys: the same AEAD key and IV, found by
 * deriving them from the receiver's candidate secrets and matching the IV
 * it installed.  Used to seal fuzz input and to open captured records. */

struct s2n_fuzz_mirror {
    struct s2n_aead aead;
    uint8_t iv[S2N_AEAD_NONCE_LEN];
    uint8_t valid;
    uint8_t tls12;
    uint8_t explicit_nonce;
    uint8_t alg;
    uint8_t seal;
};

static int s2n_fuzz_mirror_sync(struct s2n_fuzz_mirror *m, struct s2n_connection *conn)
{
    const struct s2n_record_keys *k = &conn->read_keys;
    const struct s2n_cipher_suite *suite = conn->cipher_suite;
    if (!k->aead.keyed || suite == NULL) {
        return -1;
    }
    if (m->valid && m->tls12 == k->tls12 && m->alg == suite->aead && memcmp(m->iv, k->iv, sizeof(m->iv)) == 0) {
        return 0;
    }
    uint8_t key[S2N_AEAD_MAX_KEY_LEN], iv[S2N_AEAD_NONCE_LEN];
    uint8_t key_len = s2n_aead_key_size(suite->aead);
    int found = 0;
    if (key_len == 0) {
        return -1;
    }
    if (k->tls12) {
        if (conn->hs == NULL) {
            return -1;
        }
        uint8_t iv_len = suite->aead == S2N_AEAD_CHACHA20_POLY1305 ? 12 : 4;
        int peer_is_client = conn->mode == S2N_SERVER;
        memset(iv, 0, sizeof(iv));
        memcpy(key, conn->hs->key_block + (peer_is_client ? 0 : key_len), key_len);
        memcpy(iv, conn->hs->key_block + 2 * key_len + (peer_is_client ? 0 : iv_len), iv_len);
        found = memcmp(iv, k->iv, sizeof(iv)) == 0;
    } else {
        const uint8_t *candidates[2] = { conn->read_secret, NULL };
        if (conn->hs) {
            candidates[1] = conn->mode == S2N_CLIENT ? conn->hs->server_hs_secret : conn->hs->client_hs_secret;
        }
        s2n_hash_alg hash = (s2n_hash_alg) suite->prf_hash;
        uint8_t hlen = s2n_hash_digest_size(hash);
        for (int i = 0; i < 2 && !found; i++) {
            if (candidates[i] == NULL || s2n_hkdf_expand_label(hash, candidates[i], hlen, "iv", NULL, 0, iv, sizeof(iv)) < 0
                    || memcmp(iv, k->iv, sizeof(iv)) != 0) {
                continue;
            }
            found = s2n_hkdf_expand_label(hash, candidates[i], hlen, "key", NULL, 0, key, key_len) == 0;
        }
    }
    if (!found || s2n_aead_set_key(&m->aead, (s2n_aead_alg) suite->aead, m->seal, key) < 0) {
        return -1;
    }
    memcpy(m->iv, iv, sizeof(iv));
    m->valid = 1;
    m->tls12 = k->tls12;
    m->explicit_nonce = k->explicit_nonce;
    m->alg = suite->aead;
    return 0;
}

static void s2n_fuzz_nonce(const struct s2n_fuzz_mirror *m, uint64_t seq, uint8_t nonce[S2N_AEAD_NONCE_LEN])
{
    memcpy(nonce, m->iv, S2N_AEAD_NONCE_LEN);
    for (int i = 0; i < 8; i++) {
        uint8_t b = (uint8_t) (seq >> (56 - 8 * i));
        if (m->tls12 && m->explicit_nonce) {
            nonce[4 + i] = b;
        } else {
            nonce[4 + i] ^= b;
        }
    }
}

static void s2n_fuzz_tls12_aad(uint64_t seq, uint8_t type, uint32_t len, uint8_t aad[13])
{
    for (int i = 0; i < 8; i++) {
        aad[i] = (uint8_t) (seq >> (56 - 8 * i));
    }
    aad[8] = type;
    aad[9] = 3;
    aad[10] = 3;
    aad[11] = (uint8_t) (len >> 8);
    aad[12] = (uint8_t) len;
}

/* Append a protected record to @wire; -1 if the keys cannot be mirrored. */
static int s2n_fuzz_seal(struct s2n_fuzz_mirror *m, struct s2n_connection *conn, uint8_t flags, uint8_t type,
        const uint8_t *data, size_t len, struct s2n_fuzz_buf *wire)
{
    if (s2n_fuzz_mirror_sync(m, conn) < 0) {
        return -1;
    }
    uint64_t seq = conn->read_keys.seq;
    uint8_t nonce[S2N_AEAD_NONCE_LEN];
    s2n_fuzz_nonce(m, seq, nonce);
    if (m->tls12) {
        uint32_t explicit_len = m->explicit_nonce ? 8 : 0;
        len = S2N_MIN(len, (size_t) (0xffff - explicit_len - S2N_AEAD_TAG_LEN));
        uint32_t body = explicit_len + (uint32_t) len + S2N_AEAD_TAG_LEN;
        uint8_t header[5] = { type, 3, 3, (uint8_t) (body >> 8), (uint8_t) body };
        uint8_t aad[13];
        s2n_fuzz_tls12_aad(seq, type, (uint32_t) len, aad);
        uint8_t *out = malloc(body);
        if (out == NULL) {
            s2n_fuzz_die("out of memory");
        }
        memcpy(out, nonce + 4, explicit_len);
        int rc = s2n_aead_seal(&m->aead, nonce, aad, sizeof(aad), data, (uint32_t) len, out + explicit_len);
        if (rc == 0) {
            s2n_fuzz_buf_append(wire, header, sizeof(header));
            s2n_fuzz_buf_append(wire, out, body);
        }
        free(out);
        return rc;
    }
    struct s2n_fuzz_buf inner = { 0 };
    s2n_fuzz_buf_append(&inner, data, S2N_MIN(len, (size_t) (0xffff - 1 - S2N_AEAD_TAG_LEN)));
    if (!(flags & S2N_FUZZ_REC_INNER)) {
        s2n_fuzz_buf_u8(&inner, type);
    }
    uint32_t body = (uint32_t) inner.len + S2N_AEAD_TAG_LEN;
    uint8_t header[5] = { S2N_CT_APPLICATION_DATA, 3, 3, (uint8_t) (body >> 8), (uint8_t) body };
    uint8_t *out = malloc(body);
    if (out == NULL) {
        s2n_fuzz_die("out of memory");
    }
    int rc = s2n_aead_seal(&m->aead, nonce, header, sizeof(header), inner.data, (uint32_t) inner.len, out);
    if (rc == 0) {
        s2n_fuzz_buf_append(wire, header, sizeof(header));
        s2n_fuzz_buf_append(wire, out, body);
    }
    free(out);
    s2n_fuzz_buf_free(&inner);
    return rc;
}

/* ---- the fuzz driver --------------------------------------------------------------- */

struct s2n_fuzz_peer {
    struct s2n_connection *conn; /* the receiver, under test */
    const uint8_t *script;
    size_t len;
    size_t pos;
    struct s2n_fuzz_buf wire; /* the current record on the wire */
    size_t wire_pos;
    struct s2n_fuzz_mirror seal;
};

/* Put the next script entry on the wire; 0 at the end of the script. */
static int s2n_fuzz_peer_next(struct s2n_fuzz_peer *p)
{
    p->wire.len = 0;
    p->wire_pos = 0;
    while (p->wire.len == 0) {
        size_t left = p->len - p->pos;
        if (left == 0) {
            return 0;
        }
        const uint8_t *e = p->script + p->pos;
        if (left < S2N_FUZZ_ENTRY_HEADER) {
            s2n_fuzz_buf_append(&p->wire, e, left);
            p->pos = p->len;
            break;
        }
        uint8_t flags = e[0], type = e[1];
        size_t n = (size_t) e[2] << 8 | e[3];
        n = S2N_MIN(n, left - S2N_FUZZ_ENTRY_HEADER);
        const uint8_t *data = e + S2N_FUZZ_ENTRY_HEADER;
        p->pos += S2N_FUZZ_ENTRY_HEADER + n;
        if (flags & S2N_FUZZ_REC_RAW) {
            s2n_fuzz_buf_append(&p->wire, data, n);
            continue;
        }
        if (p->conn->read_keys.aead.keyed && !(flags & S2N_FUZZ_REC_PLAIN)
                && s2n_fuzz_seal(&p->seal, p->conn, flags, type, data, n, &p->wire) == 0) {
            continue;
        }
        uint8_t header[5] = { type, 3, 3, (uint8_t) (n >> 8), (uint8_t) n };
        s2n_fuzz_buf_append(&p->wire, header, sizeof(header));
        s2n_fuzz_buf_append(&p->wire, data, n);
    }
    return 1;
}

static int s2n_fuzz_peer_recv(void *ctx, uint8_t *buf, uint32_t len)
{
    struct s2n_fuzz_peer *p = ctx;
    if (p->wire_pos == p->wire.len && !s2n_fuzz_peer_next(p)) {
        return 0; /* EOF */
    }
    size_t n = S2N_MIN((size_t) len, p->wire.len - p->wire_pos);
    memcpy(buf, p->wire.data + p->wire_pos, n);
    p->wire_pos += n;
    return (int) n;
}

static int s2n_fuzz_discard(void *ctx, const uint8_t *buf, uint32_t len)
{
    (void) ctx;
    (void) buf;
    return (int) len;
}

void s2n_fuzz_run(s2n_mode mode, unsigned scenario, const uint8_t *script, size_t len)
{
    scenario %= S2N_FUZZ_SCENARIOS;
    struct s2n_fuzz_server_config server = { 0 };
    struct s2n_config *config;
    if (mode == S2N_SERVER) {
        s2n_fuzz_server_config_new(scenario, &server);
        config = server.config;
    } else {
        config = s2n_fuzz_client_config(scenario);
    }
    s2n_fuzz_random_seed(S2N_FUZZ_SEED);
    s2n_fuzz_random_stream(mode == S2N_CLIENT ? S2N_FUZZ_STREAM_CLIENT : S2N_FUZZ_STREAM_SERVER);

    struct s2n_fuzz_peer peer = { 0 };
    peer.conn = s2n_fuzz_conn_new(mode, scenario, config);
    peer.script = script;
    peer.len = len;
    peer.seal.seal = 1;
    if (s2n_connection_set_recv_cb(peer.conn, s2n_fuzz_peer_recv) < 0 || s2n_connection_set_recv_ctx(peer.conn, &peer) < 0
            || s2n_connection_set_send_cb(peer.conn, s2n_fuzz_discard) < 0) {
        s2n_fuzz_die("callbacks");
    }

    s2n_blocked_status blocked;
    int negotiated = s2n_negotiate(peer.conn, &blocked) == 0;
    int err = negotiated ? 0 : s2n_errno, reads = 0;
    if (negotiated) {
        /* Application phase: read until EOF or failure, answering each
         * read (which sends any KeyUpdate the peer asked for). */
        uint8_t buf[1024];
        for (; reads < 100000; reads++) {
            ssize_t r = s2n_recv(peer.conn, buf, sizeof(buf), &blocked);
            if (r <= 0) {
                err = r < 0 ? s2n_errno : 0;
                break;
            }
            if (s2n_send(peer.conn, "ok", 2, &blocked) < 0) {
                break;
            }
        }
        S2N_IGNORE(s2n_shutdown_send(peer.conn, &blocked));
    }
    if (getenv("S2N_FUZZ_DEBUG")) {
        fprintf(stderr, "s2n fuzz: %s %s: handshake %s, %d application reads, ended with %s\n",
                s2n_fuzz_scenarios[scenario].name, mode == S2N_CLIENT ? "client" : "server",
                negotiated ? "complete" : "failed", reads, err ? s2n_strerror_debug(err, NULL) : "close_notify");
    }
    s2n_connection_free(peer.conn);
    s2n_aead_free(&peer.seal.aead);
    s2n_fuzz_buf_free(&peer.wire);
    if (mode == S2N_SERVER) {
        s2n_fuzz_server_config_free(&server);
    }
}

/* ---- capturing transcripts ----------------------------------------------------------- */

/* One direction of a captured connection: bytes the sender wrote, handed to
 * the receiver record by record; each record is decrypted and logged when
 * the receiver starts reading it (its read keys are then the right ones). */
struct s2n_fuzz_link {
    struct s2n_connection *receiver;
    struct s2n_fuzz_buf wire;
    size_t pos;        /* delivered so far */
    size_t record_end; /* end of the record being delivered */
    int fd;            /* external peer: read more from here (-1: in-process) */
    int eof;
    struct s2n_fuzz_mirror open;
    struct s2n_fuzz_flow *log;
};

static void s2n_fuzz_flow_add(struct s2n_fuzz_flow *flow, uint8_t flags, uint8_t type, const uint8_t *data, size_t len)
{
    struct s2n_fuzz_entry *e = realloc(flow->entries, (flow->count + 1) * sizeof(*e));
    if (e == NULL) {
        s2n_fuzz_die("out of memory");
    }
    flow->entries = e;
    e = &flow->entries[flow->count++];
    memset(e, 0, sizeof(*e));
    e->flags = flags;
    e->type = type;
    e->len = (uint32_t) len;
    e->data = malloc(len ? len : 1);
    if (e->data == NULL) {
        s2n_fuzz_die("out of memory");
    }
    if (len) {
        memcpy(e->data, data, len);
    }
    if (type == S2N_CT_HANDSHAKE && !(flags & S2N_FUZZ_REC_RAW) && len > 0) {
        e->hs_type = data[0];
    }
}

void s2n_fuzz_flow_free(struct s2n_fuzz_flow *flow)
{
    for (size_t i = 0; i < flow->count; i++) {
        free(flow->entries[i].data);
    }
    free(flow->entries);
    memset(flow, 0, sizeof(*flow));
}

/* Log one whole record (header included) as its plaintext entry. */
static void s2n_fuzz_link_log(struct s2n_fuzz_link *l, const uint8_t *rec, size_t n)
{
    struct s2n_connection *conn = l->receiver;
    uint8_t type = rec[0];
    const uint8_t *body = rec + 5;
    size_t len = n - 5;
    const struct s2n_record_keys *k = &conn->read_keys;
    if (!k->aead.keyed) {
        s2n_fuzz_flow_add(l->log, 0, type, body, len);
        return;
    }
    if (!k->tls12 && type != S2N_CT_APPLICATION_DATA) {
        s2n_fuzz_flow_add(l->log, S2N_FUZZ_REC_PLAIN, type, body, len);
        return;
    }
    if (s2n_fuzz_mirror_sync(&l->open, conn) < 0 || len < S2N_AEAD_TAG_LEN) {
        s2n_fuzz_flow_add(l->log, S2N_FUZZ_REC_RAW, type, rec, n);
        return;
    }
    uint8_t nonce[S2N_AEAD_NONCE_LEN];
    uint8_t *plain = malloc(len);
    if (plain == NULL) {
        s2n_fuzz_die("out of memory");
    }
    int rc = -1;
    size_t plain_len = 0;
    if (l->open.tls12) {
        size_t explicit_len = l->open.explicit_nonce ? 8 : 0;
        if (len >= explicit_len + S2N_AEAD_TAG_LEN) {
            s2n_fuzz_nonce(&l->open, k->seq, nonce);
            memcpy(nonce + 4, body, explicit_len);
            plain_len = len - explicit_len - S2N_AEAD_TAG_LEN;
            uint8_t aad[13];
            s2n_fuzz_tls12_aad(k->seq, type, (uint32_t) plain_len, aad);
            rc = s2n_aead_open(&l->open.aead, nonce, aad, sizeof(aad), body + explicit_len, (uint32_t) (len - explicit_len),
                    plain);
        }
        if (rc == 0) {
            s2n_fuzz_flow_add(l->log, 0, type, plain, plain_len);
        }
    } else {
        s2n_fuzz_nonce(&l->open, k->seq, nonce);
        plain_len = len - S2N_AEAD_TAG_LEN;
        rc = s2n_aead_open(&l->open.aead, nonce, rec, 5, body, (uint32_t) len, plain);
        if (rc == 0) {
            size_t end = plain_len;
            while (end > 0 && plain[end - 1] == 0) {
                end--;
            }
            if (end > 0 && end == plain_len) {
                s2n_fuzz_flow_add(l->log, 0, plain[end - 1], plain, end - 1);
            } else {
                /* padded (or empty): keep the inner plaintext as it was */
                s2n_fuzz_flow_add(l->log, S2N_FUZZ_REC_INNER, end ? plain[end - 1] : 0, plain, plain_len);
            }
        }
    }
    if (rc != 0) {
        s2n_fuzz_flow_add(l->log, S2N_FUZZ_REC_RAW, type, rec, n);
    }
    free(plain);
}

static int s2n_fuzz_link_recv(void *ctx, uint8_t *buf, uint32_t len)
{
    struct s2n_fuzz_link *l = ctx;
    if (l->pos == l->record_end) {
        /* At a record boundary: wait for the whole next record. */
        for (;;) {
            size_t have = l->wire.len - l->pos;
            if (have >= 5 && have >= 5 + ((size_t) l->wire.data[l->pos + 3] << 8 | l->wire.data[l->pos + 4])) {
                break;
            }
            if (l->fd < 0 || l->eof) {
                if (have > 0 && l->eof) {
                    /* a truncated last record */
                    s2n_fuzz_flow_add(l->log, S2N_FUZZ_REC_RAW, 0, l->wire.data + l->pos, have);
                    l->record_end = l->wire.len;
                    goto deliver;
                }
                if (l->eof) {
                    return 0;
                }
                errno = EAGAIN;
                return -1;
            }
            uint8_t chunk[4096];
            ssize_t r = read(l->fd, chunk, sizeof(chunk));
            if (r < 0 && errno == EINTR) {
                continue;
            }
            if (r <= 0) {
                l->eof = 1;
                continue;
            }
            s2n_fuzz_buf_append(&l->wire, chunk, (size_t) r);
        }
        size_t rlen = 5 + ((size_t) l->wire.data[l->pos + 3] << 8 | l->wire.data[l->pos + 4]);
        s2n_fuzz_link_log(l, l->wire.data + l->pos, rlen);
        l->record_end = l->pos + rlen;
    }
deliver:;
    size_t n = S2N_MIN((size_t) len, l->record_end - l->pos);
    memcpy(buf, l->wire.data + l->pos, n);
    l->pos += n;
    return (int) n;
}

static int s2n_fuzz_link_send(void *ctx, const uint8_t *buf, uint32_t len)
{
    struct s2n_fuzz_link *l = ctx; /* the link toward the peer */
    s2n_fuzz_buf_append(&l->wire, buf, len);
    return (int) len;
}

static int s2n_fuzz_fd_send(void *ctx, const uint8_t *buf, uint32_t len)
{
    int fd = *(int *) ctx;
    ssize_t w;
    do {
        w = write(fd, buf, len);
    } while (w < 0 && errno == EINTR);
    return (int) w;
}

/* Re-split handshake records into one message per entry (records that
 * coalesce several messages, or fragment one, become one entry per
 * message; messages never span a change of keys). */
static void s2n_fuzz_flow_split(struct s2n_fuzz_flow *flow)
{
    struct s2n_fuzz_flow out = { 0 };
    struct s2n_fuzz_buf acc = { 0 };
    uint8_t acc_flags = 0;
    for (size_t i = 0; i < flow->count; i++) {
        struct s2n_fuzz_entry *e = &flow->entries[i];
        int hs = e->type == S2N_CT_HANDSHAKE && !(e->flags & (S2N_FUZZ_REC_RAW | S2N_FUZZ_REC_INNER));
        if (acc.len > 0 && (!hs || e->flags != acc_flags)) {
            s2n_fuzz_flow_add(&out, acc_flags, S2N_CT_HANDSHAKE, acc.data, acc.len);
            acc.len = 0;
        }
        if (!hs) {
            s2n_fuzz_flow_add(&out, e->flags, e->type, e->data, e->len);
            continue;
        }
        acc_flags = e->flags;
        s2n_fuzz_buf_append(&acc, e->data, e->len);
        while (acc.len >= 4) {
            size_t mlen = 4 + ((size_t) acc.data[1] << 16 | (size_t) acc.data[2] << 8 | acc.data[3]);
            if (acc.len < mlen) {
                break;
            }
            s2n_fuzz_flow_add(&out, acc_flags, S2N_CT_HANDSHAKE, acc.data, mlen);
            memmove(acc.data, acc.data + mlen, acc.len - mlen);
            acc.len -= mlen;
        }
    }
    if (acc.len > 0) {
        s2n_fuzz_flow_add(&out, acc_flags, S2N_CT_HANDSHAKE, acc.data, acc.len);
    }
    s2n_fuzz_buf_free(&acc);
    s2n_fuzz_flow_free(flow);
    *flow = out;
}

static int s2n_fuzz_blocked(int rc)
{
    return rc < 0 && s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED;
}

static void s2n_fuzz_use(struct s2n_connection *conn)
{
    s2n_fuzz_random_stream(s2n_connection_get_mode(conn) == S2N_CLIENT ? S2N_FUZZ_STREAM_CLIENT : S2N_FUZZ_STREAM_SERVER);
}

static void s2n_fuzz_send_text(struct s2n_connection *conn, const char *text)
{
    s2n_blocked_status blocked;
    s2n_fuzz_use(conn);
    S2N_IGNORE(s2n_send(conn, text, (ssize_t) strlen(text), &blocked));
}

static void s2n_fuzz_recv_all(struct s2n_connection *conn)
{
    s2n_blocked_status blocked;
    uint8_t buf[1024];
    s2n_fuzz_use(conn);
    while (s2n_recv(conn, buf, sizeof(buf), &blocked) > 0) {
    }
}

static int s2n_fuzz_capture_pair(unsigned scenario, struct s2n_fuzz_transcript *t)
{
    struct s2n_fuzz_server_config server = { 0 };
    s2n_fuzz_server_config_new(scenario, &server);
    s2n_fuzz_random_seed(S2N_FUZZ_SEED);
    struct s2n_connection *client = s2n_fuzz_conn_new(S2N_CLIENT, scenario, s2n_fuzz_client_config(scenario));
    struct s2n_connection *srv = s2n_fuzz_conn_new(S2N_SERVER, scenario, server.config);
    struct s2n_fuzz_link to_server = { .receiver = srv, .fd = -1, .log = &t->to_server };
    struct s2n_fuzz_link to_client = { .receiver = client, .fd = -1, .log = &t->to_client };
    if (s2n_connection_set_recv_cb(client, s2n_fuzz_link_recv) < 0 || s2n_connection_set_recv_ctx(client, &to_client) < 0
            || s2n_connection_set_send_cb(client, s2n_fuzz_link_send) < 0
            || s2n_connection_set_send_ctx(client, &to_server) < 0
            || s2n_connection_set_recv_cb(srv, s2n_fuzz_link_recv) < 0 || s2n_connection_set_recv_ctx(srv, &to_server) < 0
            || s2n_connection_set_send_cb(srv, s2n_fuzz_link_send) < 0 || s2n_connection_set_send_ctx(srv, &to_client) < 0) {
        s2n_fuzz_die("callbacks");
    }
    int client_done = 0, server_done = 0, failed = 0;
    for (int round = 0; round < 64 && !failed && !(client_done && server_done); round++) {
        s2n_blocked_status blocked;
        if (!client_done) {
            s2n_fuzz_use(client);
            int rc = s2n_negotiate(client, &blocked);
            client_done = rc == 0;
            failed |= rc < 0 && !s2n_fuzz_blocked(rc);
        }
        if (!server_done && !failed) {
            s2n_fuzz_use(srv);
            int rc = s2n_negotiate(srv, &blocked);
            server_done = rc == 0;
            failed |= rc < 0 && !s2n_fuzz_blocked(rc);
        }
    }
    if (failed && getenv("S2N_FUZZ_DEBUG")) {
        fprintf(stderr, "scenario %s: handshake failed: %s\n", s2n_fuzz_scenarios[scenario].name,
                s2n_strerror_debug(s2n_errno, NULL));
    }
    t->complete = client_done && server_done;
    t->tls12 = s2n_connection_get_actual_protocol_version(client) == S2N_TLS12;
    if (t->complete) {
        s2n_blocked_status blocked;
        s2n_fuzz_send_text(client, "GET / HTTP/1.0\r\n\r\n");
        s2n_fuzz_recv_all(srv);
        if (!t->tls12) {
            S2N_IGNORE(s2n_connection_request_key_update(srv, S2N_KEY_UPDATE_NOT_REQUESTED));
        }
        s2n_fuzz_send_text(srv, "HTTP/1.0 200 OK\r\n\r\nhello");
        s2n_fuzz_recv_all(client);
        if (!t->tls12) {
            S2N_IGNORE(s2n_connection_request_key_update(client, S2N_KEY_UPDATE_NOT_REQUESTED));
        }
        s2n_fuzz_send_text(client, "bye");
        s2n_fuzz_recv_all(srv);
        s2n_fuzz_use(client);
        S2N_IGNORE(s2n_shutdown_send(client, &blocked));
        s2n_fuzz_recv_all(srv);
        s2n_fuzz_use(srv);
        S2N_IGNORE(s2n_shutdown_send(srv, &blocked));
        s2n_fuzz_recv_all(client);
    }
    s2n_connection_free(client);
    s2n_connection_free(srv);
    s2n_aead_free(&to_server.open.aead);
    s2n_aead_free(&to_client.open.aead);
    s2n_fuzz_buf_free(&to_server.wire);
    s2n_fuzz_buf_free(&to_client.wire);
    s2n_fuzz_server_config_free(&server);
    s2n_fuzz_flow_split(&t->to_client);
    s2n_fuzz_flow_split(&t->to_server);
    return t->complete ? 0 : -1;
}

static struct s2n_fuzz_transcript s2n_fuzz_transcripts[S2N_FUZZ_SCENARIOS];
static uint8_t s2n_fuzz_transcript_state[S2N_FUZZ_SCENARIOS]; /* 0 unknown, 1 ok, 2 failed */

const struct s2n_fuzz_transcript *s2n_fuzz_transcript_get(unsigned scenario)
{
    scenario %= S2N_FUZZ_SCENARIOS;
    if (s2n_fuzz_transcript_state[scenario] == 0) {
        int rc = s2n_fuzz_capture_pair(scenario, &s2n_fuzz_transcripts[scenario]);
        s2n_fuzz_transcript_state[scenario] = rc == 0 ? 1 : 2;
        if (rc < 0) {
            fprintf(stderr, "s2n fuzz: scenario %s does not complete a handshake; skipped\n", s2n_fuzz_scenarios[scenario].name);
        }
    }
    return s2n_fuzz_transcript_state[scenario] == 1 ? &s2n_fuzz_transcripts[scenario] : NULL;
}

const struct s2n_fuzz_flow *s2n_fuzz_flow_to(const struct s2n_fuzz_transcript *t, s2n_mode receiver)
{
    return receiver == S2N_CLIENT ? &t->to_client : &t->to_server;
}

int s2n_fuzz_capture_external(s2n_mode mode, unsigned scenario, int fd, struct s2n_fuzz_flow *received)
{
    scenario %= S2N_FUZZ_SCENARIOS;
    struct s2n_fuzz_server_config server = { 0 };
    struct s2n_config *config;
    if (mode == S2N_SERVER) {
        s2n_fuzz_server_config_new(scenario, &server);
        config = server.config;
    } else {
        config = s2n_fuzz_client_config(scenario);
    }
    s2n_fuzz_random_seed(S2N_FUZZ_SEED);
    struct s2n_connection *conn = s2n_fuzz_conn_new(mode, scenario, config);
    struct s2n_fuzz_link link = { .receiver = conn, .fd = fd, .log = received };
    int wfd = fd;
    if (s2n_connection_set_recv_cb(conn, s2n_fuzz_link_recv) < 0 || s2n_connection_set_recv_ctx(conn, &link) < 0
            || s2n_connection_set_send_cb(conn, s2n_fuzz_fd_send) < 0 || s2n_connection_set_send_ctx(conn, &wfd) < 0) {
        s2n_fuzz_die("callbacks");
    }
    s2n_fuzz_use(conn);
    s2n_blocked_status blocked;
    int rc = s2n_negotiate(conn, &blocked);
    if (rc < 0) {
        fprintf(stderr, "s2n fuzz: handshake with the external peer failed: %s\n", s2n_strerror_debug(s2n_errno, NULL));
    } else {
        if (mode == S2N_CLIENT) {
            s2n_fuzz_send_text(conn, "GET / HTTP/1.0\r\n\r\n");
        }
        uint8_t buf[4096];
        ssize_t r;
        while ((r = s2n_recv(conn, buf, sizeof(buf), &blocked)) > 0) {
            if (mode == S2N_SERVER) {
                S2N_IGNORE(s2n_send(conn, buf, r, &blocked));
            }
        }
        S2N_IGNORE(s2n_shutdown_send(conn, &blocked));
    }
    s2n_connection_free(conn);
    s2n_aead_free(&link.open.aead);
    s2n_fuzz_buf_free(&link.wire);
    if (mode == S2N_SERVER) {
        s2n_fuzz_server_config_free(&server);
    }
    s2n_fuzz_flow_split(received);
    return rc;
}

/* ---- building scripts ------------------------------------------------------------------ */

void s2n_fuzz_flow_script(struct s2n_fuzz_buf *out, const struct s2n_fuzz_flow *flow)
{
    s2n_fuzz_flow_script_with(out, flow, -1, 0, 0, NULL, 0);
}

int s2n_fuzz_flow_find(const struct s2n_fuzz_flow *flow, uint8_t hs_type, unsigned nth)
{
    for (size_t i = 0; i < flow->count; i++) {
        const struct s2n_fuzz_entry *e = &flow->entries[i];
        if (e->type == S2N_CT_HANDSHAKE && !(e->flags & S2N_FUZZ_REC_RAW) && e->len >= 4 && e->hs_type == hs_type
                && nth-- == 0) {
            return (int) i;
        }
    }
    return -1;
}

int s2n_fuzz_is_hrr(const uint8_t *body, size_t len)
{
    static const uint8_t hrr_random[32] = {
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    };
    return len >= 34 && memcmp(body + 2, hrr_random, 32) == 0;
}

void s2n_fuzz_flow_script_with(struct s2n_fuzz_buf *out, const struct s2n_fuzz_flow *flow, int index, int insert,
        uint8_t hs_type, const uint8_t *body, size_t len)
{
    for (size_t i = 0; i < flow->count; i++) {
        const struct s2n_fuzz_entry *e = &flow->entries[i];
        if ((int) i == index) {
            s2n_fuzz_buf_handshake(out, e->flags & ~S2N_FUZZ_REC_RAW, hs_type, body, len);
            if (!insert) {
                continue;
            }
        }
        s2n_fuzz_buf_entry(out, e->flags, e->type, e->data, e->len);
    }
}

/* ---- extensions ------------------------------------------------------------------------ */

static int s2n_fuzz_skip(const uint8_t *body, size_t len, size_t *pos, size_t n)
{
    if (*pos + n > len) {
        return -1;
    }
    *pos += n;
    return 0;
}

static int s2n_fuzz_skip_vec(const uint8_t *body, size_t len, size_t *pos, int width)
{
    if (*pos + (size_t) width > len) {
        return -1;
    }
    size_t n = 0;
    for (int i = 0; i < width; i++) {
        n = n << 8 | body[*pos + (size_t) i];
    }
    return s2n_fuzz_skip(body, len, pos, (size_t) width + n);
}

long s2n_fuzz_ext_block_offset(uint8_t hs_type, const uint8_t *body, size_t len)
{
    size_t pos = 0;
    switch (hs_type) {
        case S2N_HS_CLIENT_HELLO:
            if (s2n_fuzz_skip(body, len, &pos, 34) < 0 || s2n_fuzz_skip_vec(body, len, &pos, 1) < 0
                    || s2n_fuzz_skip_vec(body, len, &pos, 2) < 0 || s2n_fuzz_skip_vec(body, len, &pos, 1) < 0) {
                return -1;
            }
            break;
        case S2N_HS_SERVER_HELLO:
            if (s2n_fuzz_skip(body, len, &pos, 34) < 0 || s2n_fuzz_skip_vec(body, len, &pos, 1) < 0
                    || s2n_fuzz_skip(body, len, &pos, 3) < 0) {
                return -1;
            }
            break;
        case S2N_HS_ENCRYPTED_EXTENSIONS:
            break;
        case S2N_HS_CERTIFICATE_REQUEST:
            if (s2n_fuzz_skip_vec(body, len, &pos, 1) < 0) {
                return -1;
            }
            break;
        default:
            return -1;
    }
    return (long) pos;
}

/* Walk the extension block: calls fn for each extension; stops on 1. */
static int s2n_fuzz_ext_walk(const uint8_t *block, size_t block_len, uint16_t want, size_t *off, size_t *n)
{
    size_t pos = 0;
    while (pos + 4 <= block_len) {
        uint16_t type = (uint16_t) (block[pos] << 8 | block[pos + 1]);
        size_t dlen = (size_t) block[pos + 2] << 8 | block[pos + 3];
        if (pos + 4 + dlen > block_len) {
            return 0;
        }
        if (type == want) {
            *off = pos;
            *n = dlen;
            return 1;
        }
        pos += 4 + dlen;
    }
    return 0;
}

const uint8_t *s2n_fuzz_find_extension(uint8_t hs_type, const uint8_t *body, size_t len, uint16_t ext_type, size_t *data_len)
{
    long off = s2n_fuzz_ext_block_offset(hs_type, body, len);
    if (off < 0 || (size_t) off + 2 > len) {
        return NULL;
    }
    size_t block_len = S2N_MIN((size_t) body[off] << 8 | body[off + 1], len - (size_t) off - 2);
    const uint8_t *block = body + off + 2;
    size_t pos = 0, n = 0;
    if (!s2n_fuzz_ext_walk(block, block_len, ext_type, &pos, &n)) {
        return NULL;
    }
    *data_len = n;
    return block + pos + 4;
}

int s2n_fuzz_replace_extension(struct s2n_fuzz_buf *out, uint8_t hs_type, const uint8_t *body, size_t len, uint16_t ext_type,
        const uint8_t *data, size_t data_len)
{
    long off = s2n_fuzz_ext_block_offset(hs_type, body, len);
    if (off < 0) {
        return -1;
    }
    data_len = S2N_MIN(data_len, (size_t) 0xffff);
    size_t block_len = 0;
    const uint8_t *block = body + off + 2;
    if ((size_t) off + 2 <= len) {
        block_len = S2N_MIN((size_t) body[off] << 8 | body[off + 1], len - (size_t) off - 2);
    } else {
        block = NULL;
    }
    size_t pos = 0, n = 0;
    int found = block && s2n_fuzz_ext_walk(block, block_len, ext_type, &pos, &n);
    struct s2n_fuzz_buf exts = { 0 };
    if (found) {
        s2n_fuzz_buf_append(&exts, block, pos);
    } else if (block) {
        s2n_fuzz_buf_append(&exts, block, block_len);
    }
    s2n_fuzz_buf_u16(&exts, ext_type);
    s2n_fuzz_buf_u16(&exts, (uint16_t) data_len);
    s2n_fuzz_buf_append(&exts, data, data_len);
    if (found) {
        s2n_fuzz_buf_append(&exts, block + pos + 4 + n, block_len - pos - 4 - n);
    }
    s2n_fuzz_buf_append(out, body, (size_t) off);
    s2n_fuzz_buf_u16(out, (uint16_t) S2N_MIN(exts.len, (size_t) 0xffff));
    s2n_fuzz_buf_append(out, exts.data, exts.len);
    s2n_fuzz_buf_free(&exts);
    return 0;
}

/* ---- message and extension harnesses ---------------------------------------------------- */

#define S2N_FUZZ_MAX_MATCHES 64

unsigned s2n_fuzz_matches(const struct s2n_fuzz_target *targets, unsigned ntargets, struct s2n_fuzz_match *out, unsigned max)
{
    unsigned n = 0;
    for (unsigned t = 0; t < ntargets; t++) {
        const struct s2n_fuzz_target *target = &targets[t];
        for (unsigned sc = 0; sc < S2N_FUZZ_SCENARIOS && n < max; sc++) {
            const struct s2n_fuzz_transcript *tr = s2n_fuzz_transcript_get(sc);
            if (tr == NULL || (target->version == 12 && !tr->tls12) || (target->version == 13 && tr->tls12)) {
                continue;
            }
            const struct s2n_fuzz_flow *flow = s2n_fuzz_flow_to(tr, target->receiver);
            int index = -1;
            if (target->insert_before) {
                index = s2n_fuzz_flow_find(flow, target->insert_before, 0);
            } else {
                for (unsigned nth = 0; nth < 4; nth++) {
                    index = s2n_fuzz_flow_find(flow, target->hs_type, nth);
                    if (index < 0 || target->hs_type != S2N_HS_SERVER_HELLO || target->hrr == 0) {
                        break;
                    }
                    const struct s2n_fuzz_entry *e = &flow->entries[index];
                    if ((target->hrr == 1) == !!s2n_fuzz_is_hrr(e->data + 4, e->len - 4)) {
                        break;
                    }
                    index = -1;
                }
            }
            if (index < 0) {
                continue;
            }
            out[n].target = target;
            out[n].scenario = sc;
            out[n].index = index;
            n++;
        }
    }
    return n;
}

const struct s2n_fuzz_entry *s2n_fuzz_match_entry(const struct s2n_fuzz_match *m)
{
    if (m->target->insert_before) {
        return NULL;
    }
    const struct s2n_fuzz_transcript *tr = s2n_fuzz_transcript_get(m->scenario);
    return &s2n_fuzz_flow_to(tr, m->target->receiver)->entries[m->index];
}

void s2n_fuzz_default_body(const struct s2n_fuzz_target *target, struct s2n_fuzz_buf *out)
{
    static const uint8_t sigalgs[] = { 0x00, 0x08, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03 };
    if (target->hs_type == S2N_HS_CERTIFICATE_REQUEST && target->version == 12) {
        /* certificate_types (rsa_sign, ecdsa_sign), signature algorithms, no authorities */
        static const uint8_t types[] = { 0x02, 0x01, 0x40 };
        s2n_fuzz_buf_append(out, types, sizeof(types));
        s2n_fuzz_buf_append(out, sigalgs, sizeof(sigalgs));
        s2n_fuzz_buf_u16(out, 0);
    } else if (target->hs_type == S2N_HS_CERTIFICATE_REQUEST) {
        s2n_fuzz_buf_u8(out, 0); /* empty certificate_request_context */
        s2n_fuzz_buf_u16(out, 4 + sizeof(sigalgs));
        s2n_fuzz_buf_u16(out, 13);
        s2n_fuzz_buf_u16(out, sizeof(sigalgs));
        s2n_fuzz_buf_append(out, sigalgs, sizeof(sigalgs));
    }
}

static void s2n_fuzz_run_match(const struct s2n_fuzz_match *m, const uint8_t *body, size_t len)
{
    const struct s2n_fuzz_transcript *tr = s2n_fuzz_transcript_get(m->scenario);
    const struct s2n_fuzz_target *target = m->target;
    struct s2n_fuzz_buf script = { 0 };
    s2n_fuzz_flow_script_with(&script, s2n_fuzz_flow_to(tr, target->receiver), m->index, target->insert_before != 0,
            target->hs_type, body, len);
    s2n_fuzz_run(target->receiver, m->scenario, script.data, script.len);
    s2n_fuzz_buf_free(&script);
}

void s2n_fuzz_run_message(const struct s2n_fuzz_target *targets, unsigned ntargets, const uint8_t *data, size_t size)
{
    struct s2n_fuzz_match matches[S2N_FUZZ_MAX_MATCHES];
    unsigned n = s2n_fuzz_matches(targets, ntargets, matches, S2N_FUZZ_MAX_MATCHES);
    if (size < 1 || n == 0) {
        return;
    }
    s2n_fuzz_run_match(&matches[data[0] % n], data + 1, size - 1);
}

void s2n_fuzz_run_extension(uint16_t ext_type, const struct s2n_fuzz_target *targets, unsigned ntargets, const uint8_t *data,
        size_t size)
{
    struct s2n_fuzz_match matches[S2N_FUZZ_MAX_MATCHES];
    unsigned n = s2n_fuzz_matches(targets, ntargets, matches, S2N_FUZZ_MAX_MATCHES);
    if (size < 1 || n == 0) {
        return;
    }
    const struct s2n_fuzz_match *m = &matches[data[0] % n];
    struct s2n_fuzz_buf base = { 0 }, body = { 0 };
    const struct s2n_fuzz_entry *e = s2n_fuzz_match_entry(m);
    if (e) {
        s2n_fuzz_buf_append(&base, e->data + 4, e->len - 4);
    } else {
        s2n_fuzz_default_body(m->target, &base);
    }
    if (s2n_fuzz_replace_extension(&body, m->target->hs_type, base.data, base.len, ext_type, data + 1, size - 1) == 0) {
        s2n_fuzz_run_match(m, body.data, body.len);
    }
    s2n_fuzz_buf_free(&base);
    s2n_fuzz_buf_free(&body);
}
