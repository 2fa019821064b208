/* Bad input from a scripted hostile peer, against our TLS 1.3 client and
 * server: truncated, oversized, bit-flipped, dropped, replayed and reordered
 * records, malformed and out-of-order handshake messages, bad post-handshake
 * messages and a KeyUpdate flood.  Every case must end with
 * s2n_negotiate/s2n_recv returning -1 with the expected s2n_errno (never a
 * BLOCKED one), with the expected fatal alert put on the wire by our side
 * (read back from the socket, and decrypted with the sender's own traffic
 * secret once records are protected), in bounded time (non-blocking
 * sockets, poll timeouts and an alarm per case), without a crash or a leak.
 *
 * The scripted peer works on raw bytes: ClientHellos are rebuilt from what
 * our own client sends, with every length field reachable for off-by-one
 * mutations; ServerHellos answer the ClientHello read from the socket.  Once
 * our side has handshake keys the script borrows the matching traffic secret
 * from the connection under test to protect its records.  Bit flips, drops,
 * replays and swaps use a relay between our real client and server. */
#include <sys/socket.h>

#include "s2n_hostile.h"
#include "s2n_testlib.h"
#include "tls/s2n_handshake.h"

static struct s2n_config *server_config;
static struct s2n_config *client_config;
static struct s2n_cert_chain_and_key *server_chain;

/* A connection of ours with the test's config, the script on the other end. */
static void side_new(struct hostile_side *s, s2n_mode mode)
{
    hostile_side_new(s, mode, mode == S2N_SERVER ? server_config : client_config, NULL);
}

static void nonce_for(const struct s2n_record_keys *keys, uint64_t seq, uint8_t nonce[S2N_AEAD_NONCE_LEN])
{
    memcpy(nonce, keys->iv, S2N_AEAD_NONCE_LEN);
    for (int i = 0; i < 8; i++) {
        nonce[S2N_AEAD_NONCE_LEN - 1 - i] ^= (uint8_t) (seq >> (8 * i));
    }
}

/* Keys of one direction derived from a traffic secret, outside any live
 * connection (a scratch connection holds them). */
struct keyset {
    struct s2n_connection *tmp;
    struct s2n_record_keys *keys;
};

static void keyset_new(struct keyset *k, const struct s2n_cipher_suite *suite, const uint8_t *secret, int for_write)
{
    k->tmp = s2n_connection_new(S2N_CLIENT);
    REQUIRE(k->tmp != NULL);
    k->tmp->cipher_suite = suite;
    REQUIRE(s2n_record_set_keys(k->tmp, for_write, secret) == 0);
    k->keys = for_write ? &k->tmp->write_keys : &k->tmp->read_keys;
}

static void keyset_free(struct keyset *k)
{
    if (k->tmp) {
        REQUIRE(s2n_connection_free(k->tmp) == 0);
    }
    memset(k, 0, sizeof(*k));
}

/* Protect a record by hand with @keys (whose sequence number advances).  The
 * inner plaintext is data || inner_type || pad zero bytes; inner_type < 0
 * leaves the content type byte out. */
static size_t seal_record(struct s2n_record_keys *keys, int inner_type, const uint8_t *data, uint32_t len, uint32_t pad,
        uint8_t *out)
{
    uint32_t plain = len + (inner_type >= 0 ? 1 : 0) + pad;
    uint32_t body = plain + S2N_AEAD_TAG_LEN;
    REQUIRE(body <= 0xffff);
    out[0] = S2N_CT_APPLICATION_DATA;
    out[1] = 3;
    out[2] = 3;
    out[3] = (uint8_t) (body >> 8);
    out[4] = (uint8_t) body;
    if (len) {
        memcpy(out + 5, data, len);
    }
    if (inner_type >= 0) {
        out[5 + len] = (uint8_t) inner_type;
    }
    memset(out + 5 + len + (inner_type >= 0 ? 1 : 0), 0, pad);
    uint8_t nonce[S2N_AEAD_NONCE_LEN];
    nonce_for(keys, keys->seq, nonce);
    REQUIRE(s2n_aead_seal(&keys->aead, nonce, out, 5, out + 5, plain, out + 5) == 0);
    keys->seq++;
    return 5 + body;
}

/* Decrypt the last record @sender wrote, trying the secrets it may have
 * protected it with.  Returns 0 and the inner type and plaintext. */
static int open_sent_record(struct s2n_connection *sender, const uint8_t *raw, uint16_t len, uint8_t *type, uint8_t *plain,
        uint32_t *plain_len)
{
    const uint8_t *candidates[2];
    int n = 0;
    if (sender->hs) {
        candidates[n++] = sender->mode == S2N_SERVER ? sender->hs->server_hs_secret : sender->hs->client_hs_secret;
    }
    candidates[n++] = sender->write_secret;
    if (len < 1 + S2N_AEAD_TAG_LEN || sender->write_keys.seq == 0) {
        return -1;
    }
    for (int i = 0; i < n; i++) {
        struct keyset k;
        keyset_new(&k, sender->cipher_suite, candidates[i], 0);
        uint8_t nonce[S2N_AEAD_NONCE_LEN];
        nonce_for(k.keys, sender->write_keys.seq - 1, nonce);
        uint8_t body[WIRE_MAX];
        memcpy(body, raw + 5, len);
        int rc = s2n_aead_open(&k.keys->aead, nonce, raw, 5, body, len, body);
        keyset_free(&k);
        s2n_errno = 0;
        if (rc != 0) {
            continue;
        }
        uint32_t p = len - S2N_AEAD_TAG_LEN;
        while (p > 0 && body[p - 1] == 0) {
            p--;
        }
        if (p == 0) {
            return -1;
        }
        *type = body[p - 1];
        *plain_len = p - 1;
        memcpy(plain, body, p - 1);
        return 0;
    }
    return -1;
}

/* After our side failed: exactly one record must be waiting on the wire,
 * the fatal alert @desc, in plaintext (encrypted == 0) or protected. */
static void expect_alert_on_wire(struct hostile_side *s, uint8_t desc, int encrypted)
{
    uint8_t buf[WIRE_MAX];
    size_t n = hostile_peer_read(s->peer, buf, sizeof(buf), WAIT_MS);
    struct hostile_rec r[8];
    size_t leftover = 0;
    int k = hostile_split_records(buf, n, r, 8, &leftover);
    char h[80];
    hostile_hex(buf, n < 24 ? n : 24, h, sizeof(h));
    if (!encrypted) {
        static const uint8_t prefix[5] = { S2N_CT_ALERT, 3, 3, 0, 2 };
        CHECK(k == 1 && leftover == 0 && memcmp(r[0].raw, prefix, 5) == 0 && r[0].raw[5] == 2 && r[0].raw[6] == desc,
                "sent the plaintext fatal alert %u (15 03 03 00 02 02 %02x); wire has %zu bytes: %s", desc, desc, n, h);
        return;
    }
    uint8_t type = 0, plain[WIRE_MAX];
    uint32_t plain_len = 0;
    int ok = k == 1 && leftover == 0 && r[0].type == S2N_CT_APPLICATION_DATA
            && open_sent_record(s->conn, r[0].raw, r[0].len, &type, plain, &plain_len) == 0;
    CHECK(ok && type == S2N_CT_ALERT && plain_len == 2 && plain[0] == 2 && plain[1] == desc,
            "sent the protected fatal alert %u; wire has %zu bytes (%s), decrypted %s type %u [%u %u]", desc, n, h,
            ok ? "ok" : "FAILED", type, plain_len > 0 ? plain[0] : 0, plain_len > 1 ? plain[1] : 0);
}

/* A plaintext handshake record holding one message with a filler body. */
static size_t plain_hs_record(uint8_t *out, uint8_t hs_type, uint32_t body_len, uint8_t filler)
{
    memset(out + 9, filler, body_len);
    return hostile_hs_record_header(out, 3, hs_type, body_len);
}

/* ---- building messages with reachable length fields --------------------------- */

/* A byte writer whose length prefixes are numbered, so any one of them can
 * be built off by @mut_delta. */
struct wr {
    uint8_t buf[WIRE_MAX];
    size_t n;
    int field;
    int mut_field;
    int mut_delta;
    char names[128][48];
    size_t stack_pos[16];
    uint8_t stack_width[16];
    int stack_id[16];
    int depth;
};

static void w_init(struct wr *w, int mut_field, int mut_delta)
{
    w->n = 0;
    w->field = 0;
    w->depth = 0;
    w->mut_field = mut_field;
    w->mut_delta = mut_delta;
}

static void w_bytes(struct wr *w, const void *p, size_t n)
{
    REQUIRE(w->n + n <= sizeof(w->buf));
    if (n) {
        memcpy(w->buf + w->n, p, n);
    }
    w->n += n;
}

static void w_u8(struct wr *w, unsigned v)
{
    uint8_t b = (uint8_t) v;
    w_bytes(w, &b, 1);
}

static void w_u16(struct wr *w, unsigned v)
{
    uint8_t b[2] = { (uint8_t) (v >> 8), (uint8_t) v };
    w_bytes(w, b, 2);
}

static void w_begin(struct wr *w, int width, const char *name)
{
    REQUIRE(w->depth < 16 && w->field < 128);
    int id = w->field++;
    snprintf(w->names[id], sizeof(w->names[id]), "%s", name);
    w->stack_pos[w->depth] = w->n;
    w->stack_width[w->depth] = (uint8_t) width;
    w->stack_id[w->depth] = id;
    w->depth++;
    uint8_t zeros[3] = { 0 };
    w_bytes(w, zeros, (size_t) width);
}

static void w_end(struct wr *w)
{
    REQUIRE(w->depth > 0);
    w->depth--;
    size_t pos = w->stack_pos[w->depth];
    int width = w->stack_width[w->depth];
    uint32_t len = (uint32_t) (w->n - pos - (size_t) width);
    if (w->stack_id[w->depth] == w->mut_field) {
        len += (uint32_t) w->mut_delta; /* wraps like the wire field would */
    }
    for (int i = 0; i < width; i++) {
        w->buf[pos + (size_t) i] = (uint8_t) (len >> (8 * (width - 1 - i)));
    }
}

/* A ClientHello (or ServerHello) in parsed form. */
#define MAX_EXT 20
struct ext {
    uint16_t type;
    uint16_t len;
    uint8_t raw; /* write data as is, without reaching inside */
    uint8_t data[700];
};

struct hello {
    uint16_t version;
    uint8_t random[32];
    uint8_t sid_len;
    uint8_t sid[32];
    uint16_t suites_len;
    uint8_t suites[64];
    uint8_t comp_len;
    uint8_t comp[8];
    int n_ext;
    struct ext ext[MAX_EXT];
};

static struct ext *hello_find(struct hello *h, uint16_t type)
{
    for (int i = 0; i < h->n_ext; i++) {
        if (h->ext[i].type == type) {
            return &h->ext[i];
        }
    }
    return NULL;
}

static void hello_remove(struct hello *h, uint16_t type)
{
    for (int i = 0; i < h->n_ext; i++) {
        if (h->ext[i].type == type) {
            memmove(&h->ext[i], &h->ext[i + 1], sizeof(struct ext) * (size_t) (h->n_ext - i - 1));
            h->n_ext--;
            i--;
        }
    }
}

static struct ext *hello_add(struct hello *h, uint16_t type, const void *data, size_t len, int raw)
{
    REQUIRE(h->n_ext < MAX_EXT && len <= sizeof(h->ext[0].data));
    struct ext *e = &h->ext[h->n_ext++];
    e->type = type;
    e->len = (uint16_t) len;
    e->raw = (uint8_t) raw;
    if (len) {
        memcpy(e->data, data, len);
    }
    return e;
}

static void hello_set(struct hello *h, uint16_t type, const void *data, size_t len)
{
    struct ext *e = hello_find(h, type);
    REQUIRE(e != NULL && len <= sizeof(e->data));
    e->len = (uint16_t) len;
    e->raw = 0;
    memcpy(e->data, data, len);
}

/* Extension bodies of a ClientHello, written with their inner vectors as
 * numbered length fields. */
static void w_ch_ext_body(struct wr *w, const struct ext *e)
{
    const uint8_t *p = e->data;
    char name[48];
    if (e->raw) {
        w_bytes(w, p, e->len);
        return;
    }
    switch (e->type) {
        case 0: { /* server_name: vec16 of { u8 type, vec16 name } */
            w_begin(w, 2, "server_name list");
            size_t i = 2, end = 2 + hostile_get16(p);
            while (i + 3 <= end) {
                uint16_t nl = hostile_get16(p + i + 1);
                w_u8(w, p[i]);
                w_begin(w, 2, "server_name host_name");
                w_bytes(w, p + i + 3, nl);
                w_end(w);
                i += 3u + nl;
            }
            w_end(w);
            return;
        }
        case 43: /* supported_versions: vec8 */
            w_begin(w, 1, "supported_versions list");
            w_bytes(w, p + 1, p[0]);
            w_end(w);
            return;
        case 10:
        case 13:
            snprintf(name, sizeof(name), "%s list", e->type == 10 ? "supported_groups" : "signature_algorithms");
            w_begin(w, 2, name);
            w_bytes(w, p + 2, hostile_get16(p));
            w_end(w);
            return;
        case 51: { /* key_share: vec16 of { u16 group, vec16 key_exchange } */
            w_begin(w, 2, "key_share client_shares");
            size_t i = 2, end = 2 + hostile_get16(p);
            while (i + 4 <= end) {
                uint16_t kl = hostile_get16(p + i + 2);
                w_u16(w, hostile_get16(p + i));
                w_begin(w, 2, "key_share key_exchange");
                w_bytes(w, p + i + 4, kl);
                w_end(w);
                i += 4u + kl;
            }
            w_end(w);
            return;
        }
        default:
            w_bytes(w, p, e->len);
            return;
    }
}

/* One record holding the ClientHello (plus @trailer inside the same record). */
static void w_client_hello(struct wr *w, const struct hello *h, const uint8_t *trailer, size_t trailer_len)
{
    w_u8(w, S2N_CT_HANDSHAKE);
    w_u16(w, 0x0301);
    w_begin(w, 2, "record length");
    w_u8(w, S2N_HS_CLIENT_HELLO);
    w_begin(w, 3, "handshake message length");
    w_u16(w, h->version);
    w_bytes(w, h->random, 32);
    w_begin(w, 1, "legacy_session_id");
    w_bytes(w, h->sid, h->sid_len);
    w_end(w);
    w_begin(w, 2, "cipher_suites");
    w_bytes(w, h->suites, h->suites_len);
    w_end(w);
    w_begin(w, 1, "legacy_compression_methods");
    w_bytes(w, h->comp, h->comp_len);
    w_end(w);
    w_begin(w, 2, "extensions block");
    for (int i = 0; i < h->n_ext; i++) {
        char name[48];
        snprintf(name, sizeof(name), "extension %u length", h->ext[i].type);
        w_u16(w, h->ext[i].type);
        w_begin(w, 2, name);
        w_ch_ext_body(w, &h->ext[i]);
        w_end(w);
    }
    w_end(w);
    w_end(w);
    w_bytes(w, trailer, trailer_len);
    w_end(w);
}

static void parse_hello_body(const uint8_t *p, size_t len, struct hello *h, int server_hello)
{
    memset(h, 0, sizeof(*h));
    size_t i = 0;
    REQUIRE(len >= 35);
    h->version = hostile_get16(p);
    memcpy(h->random, p + 2, 32);
    i = 34;
    h->sid_len = p[i++];
    REQUIRE(h->sid_len <= 32 && i + h->sid_len <= len);
    memcpy(h->sid, p + i, h->sid_len);
    i += h->sid_len;
    if (server_hello) {
        REQUIRE(i + 3 <= len);
        h->suites_len = 2;
        memcpy(h->suites, p + i, 2);
        h->comp_len = 1;
        h->comp[0] = p[i + 2];
        i += 3;
    } else {
        REQUIRE(i + 2 <= len);
        h->suites_len = hostile_get16(p + i);
        REQUIRE(h->suites_len <= sizeof(h->suites) && i + 2 + h->suites_len < len);
        memcpy(h->suites, p + i + 2, h->suites_len);
        i += 2u + h->suites_len;
        h->comp_len = p[i++];
        REQUIRE(h->comp_len <= sizeof(h->comp) && i + h->comp_len <= len);
        memcpy(h->comp, p + i, h->comp_len);
        i += h->comp_len;
    }
    REQUIRE(i + 2 <= len);
    size_t end = i + 2 + hostile_get16(p + i);
    REQUIRE(end == len);
    i += 2;
    while (i + 4 <= end) {
        uint16_t el = hostile_get16(p + i + 2);
        REQUIRE(i + 4 + el <= end);
        hello_add(h, hostile_get16(p + i), p + i + 4, el, 0);
        i += 4u + el;
    }
    REQUIRE(i == end);
}

/* ---- the ClientHello template ---------------------------------------------------- */

static struct hello ch_template;
static uint16_t ch_share_group;

/* Our own client's ClientHello, made deterministic (fixed random and
 * session id, so that off-by-one mutations always land on the same bytes). */
static void capture_client_hello(void)
{
    hostile_case_begin("capture our client's ClientHello");
    struct hostile_side s;
    side_new(&s, S2N_CLIENT);
    uint8_t body[WIRE_MAX];
    size_t n = hostile_capture_client_hello(&s, body, sizeof(body));
    parse_hello_body(body, n, &ch_template, 0);
    memset(ch_template.random, 0x5a, 32);
    memset(ch_template.sid, 0x11, ch_template.sid_len);
    REQUIRE(ch_template.sid_len == 32);
    struct ext *ks = hello_find(&ch_template, 51);
    REQUIRE(ks != NULL && ks->len > 6);
    ch_share_group = hostile_get16(ks->data + 2);
    CHECK(hello_find(&ch_template, 43) && hello_find(&ch_template, 10) && hello_find(&ch_template, 13)
                    && hello_find(&ch_template, 0),
            "ClientHello has supported_versions, supported_groups, signature_algorithms, server_name");
    hostile_side_free(&s);
    hostile_case_end();
}

/* A key_share extension body (ClientHello form) with the given entries. */
static size_t key_share_ch_body(uint8_t *out, const uint16_t *groups, const uint8_t *const *keys, const uint16_t *key_lens,
        int n)
{
    size_t i = 2;
    for (int j = 0; j < n; j++) {
        out[i] = (uint8_t) (groups[j] >> 8);
        out[i + 1] = (uint8_t) groups[j];
        out[i + 2] = (uint8_t) (key_lens[j] >> 8);
        out[i + 3] = (uint8_t) key_lens[j];
        memcpy(out + i + 4, keys[j], key_lens[j]);
        i += 4u + key_lens[j];
    }
    out[0] = (uint8_t) ((i - 2) >> 8);
    out[1] = (uint8_t) (i - 2);
    return i;
}

/* A fresh public key for a group. */
static uint16_t public_key(uint16_t group, uint8_t *out)
{
    struct s2n_ecdhe_key key;
    memset(&key, 0, sizeof(key));
    REQUIRE(s2n_ecdhe_generate(&key, group) == 0);
    uint16_t size = s2n_ecdhe_public_size(group);
    REQUIRE(s2n_ecdhe_write_public(&key, out, size) == 0);
    s2n_ecdhe_free(&key);
    return size;
}

/* Our side's drive came to @rc, @got: expect failure with @err and the
 * alert, in plaintext or @encrypted (alert < 0: nothing may be sent, as for
 * a transport close or an alert received). */
static void expect_refusal(struct hostile_side *s, int rc, int got, int err, int alert, int encrypted)
{
    hostile_expect_failure(NULL, rc, got, err);
    if (alert >= 0) {
        expect_alert_on_wire(s, (uint8_t) alert, encrypted);
    } else {
        hostile_expect_wire_empty(s->peer,
                err == S2N_ERR_ALERT ? "no alert answers an alert" : "no alert after a transport failure");
    }
    if (err != S2N_ERR_ALERT) {
        hostile_expect_no_alert_received(NULL, s->conn);
    }
}

/* Feed @wire to one of our sides, which must refuse it (see expect_refusal). */
static void feed_case(struct hostile_side *s, const uint8_t *wire, size_t n, int err, int alert, int encrypted)
{
    hostile_peer_write(s->peer, wire, n);
    int got = 0;
    int rc = hostile_drive(s->conn, s->fd, &got);
    expect_refusal(s, rc, got, err, alert, encrypted);
}

/* A fatal alert @desc instead of the next message: our side fails with
 * S2N_ERR_ALERT, reports @desc, and sends nothing back. */
static void alert_case(struct hostile_side *s, uint8_t desc)
{
    const uint8_t alert[] = { S2N_CT_ALERT, 3, 3, 0, 2, 2, desc };
    feed_case(s, alert, sizeof(alert), S2N_ERR_ALERT, -1, 0);
    CHECK(s2n_connection_get_alert(s->conn) == desc, "s2n_connection_get_alert is %u (got %d)", desc,
            s2n_connection_get_alert(s->conn));
}

/* Our side waits for the rest of @part, then fails cleanly on EOF.
 * Returns the error. */
static int eof_case(struct hostile_side *s, const uint8_t *part, size_t n)
{
    hostile_peer_write(s->peer, part, n);
    int err = 0;
    int rc = hostile_drive(s->conn, s->fd, &err);
    CHECK(rc == DRIVE_BLOCKED, "waits for the rest (%s %s)", hostile_drive_name(rc), s2n_strerror_name(err));
    shutdown(s->peer, SHUT_WR);
    rc = hostile_drive(s->conn, s->fd, &err);
    hostile_expect_failure(NULL, rc, err, S2N_ERR_CLOSED);
    hostile_expect_wire_empty(s->peer, "the peer is gone");
    return err;
}

/* ---- server under test ----------------------------------------------------------- */

static void server_case(const uint8_t *wire, size_t n, int err, int alert)
{
    struct hostile_side s;
    side_new(&s, S2N_SERVER);
    feed_case(&s, wire, n, err, alert, 0);
    hostile_side_free(&s);
}

/* A fresh server fed the ClientHello @h (built in @w, with the mutation
 * w_init gave it).  Returns the server's drive result. */
static int server_fed_hello(struct hostile_side *s, struct wr *w, const struct hello *h, int *err)
{
    w_client_hello(w, h, NULL, 0);
    side_new(s, S2N_SERVER);
    hostile_peer_write(s->peer, w->buf, w->n);
    return hostile_drive(s->conn, s->fd, err);
}

static void server_hello_case(const char *name, const struct hello *h, int err, int alert)
{
    hostile_case_begin("server: %s", name);
    struct wr *w = malloc(sizeof(*w));
    w_init(w, -1, 0);
    w_client_hello(w, h, NULL, 0);
    server_case(w->buf, w->n, err, alert);
    free(w);
    hostile_case_end();
}

static void server_raw_case(const char *name, const uint8_t *wire, size_t n, int err, int alert)
{
    hostile_case_begin("server: %s", name);
    server_case(wire, n, err, alert);
    hostile_case_end();
}

/* The template ClientHello, answered in full: the builder is sound. */
static void test_server_controls(void)
{
    struct wr *w = malloc(sizeof(*w));

    hostile_case_begin("server: control: template ClientHello is answered");
    {
        w_init(w, -1, 0);
        struct hostile_side s;
        int err = 0;
        int rc = server_fed_hello(&s, w, &ch_template, &err);
        CHECK(rc == DRIVE_BLOCKED, "server sends its flight and waits for the client Finished (%s %s)", hostile_drive_name(rc),
                s2n_strerror_name(err));
        uint8_t buf[WIRE_MAX];
        size_t n = hostile_peer_read(s.peer, buf, sizeof(buf), WAIT_MS);
        struct hostile_rec r[16];
        int k = hostile_split_records(buf, n, r, 16, NULL);
        CHECK(k >= 3 && r[0].type == S2N_CT_HANDSHAKE && r[0].raw[5] == S2N_HS_SERVER_HELLO
                        && r[1].type == S2N_CT_CHANGE_CIPHER_SPEC && r[2].type == S2N_CT_APPLICATION_DATA,
                "ServerHello, CCS, then protected records (%d records)", k);
        hostile_side_free(&s);
    }
    hostile_case_end();

    /* A ClientHello fragmented into 1-byte records is still a ClientHello. */
    hostile_case_begin("server: control: ClientHello in one-byte records");
    {
        w_init(w, -1, 0);
        w_client_hello(w, &ch_template, NULL, 0);
        uint8_t *frag = malloc(w->n * 6);
        size_t m = 0;
        for (size_t i = 5; i < w->n; i++) {
            frag[m++] = S2N_CT_HANDSHAKE;
            frag[m++] = 3;
            frag[m++] = 3;
            frag[m++] = 0;
            frag[m++] = 1;
            frag[m++] = w->buf[i];
        }
        struct hostile_side s;
        side_new(&s, S2N_SERVER);
        hostile_peer_write(s.peer, frag, m);
        int err = 0;
        int rc = hostile_drive(s.conn, s.fd, &err);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "server answers and waits (%s %s)", hostile_drive_name(rc),
                s2n_strerror_name(err));
        free(frag);
        hostile_side_free(&s);
    }
    hostile_case_end();
    free(w);
}

/* Every length field of the ClientHello, off by one in each direction. */
static void test_server_client_hello_lengths(void)
{
    struct wr *w = malloc(sizeof(*w));
    w_init(w, -1, 0);
    w_client_hello(w, &ch_template, NULL, 0);
    int fields = w->field;
    char names[128][48];
    memcpy(names, w->names, sizeof(names));
    CHECK(fields >= 14, "ClientHello has %d length fields", fields);

    for (int f = 0; f < fields; f++) {
        for (int d = -1; d <= 1; d += 2) {
            hostile_case_begin("server: ClientHello %s %+d", names[f], d);
            w_init(w, f, d);
            struct hostile_side s;
            int err = 0;
            int rc = server_fed_hello(&s, w, &ch_template, &err);
            if (f == 0 || (f == 1 && d > 0)) {
                /* The record (or message) now promises more bytes than come:
                 * the server must wait, and fail cleanly when we give up. */
                CHECK(rc == DRIVE_BLOCKED, "waits for the missing byte (%s %s)", hostile_drive_name(rc), s2n_strerror_name(err));
                if (f == 1) {
                    /* Deliver one more handshake byte: trailing garbage. */
                    static const uint8_t extra[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 1, 0 };
                    feed_case(&s, extra, sizeof(extra), S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR, 0);
                } else {
                    shutdown(s.peer, SHUT_WR);
                    rc = hostile_drive(s.conn, s.fd, &err);
                    expect_refusal(&s, rc, err, S2N_ERR_CLOSED, -1, 0);
                }
            } else {
                expect_refusal(&s, rc, err, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR, 0);
            }
            hostile_side_free(&s);
            hostile_case_end();
        }
    }

    /* A handshake length far beyond anything reasonable. */
    hostile_case_begin("server: ClientHello length 0xffffff");
    w_init(w, -1, 0);
    w_client_hello(w, &ch_template, NULL, 0);
    w->buf[6] = w->buf[7] = w->buf[8] = 0xff;
    server_case(w->buf, w->n, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    hostile_case_end();
    free(w);
}

/* Duplicate, missing, empty and unusable lists in the ClientHello. */
static void test_server_client_hello_contents(void)
{
    struct hello *h = malloc(sizeof(*h));
    const struct ext *ks = hello_find(&ch_template, 51);
    uint8_t body[700];

    /* Duplicate extensions. */
    static const uint16_t dups[] = { 10, 51, 43, 13, 0 };
    for (size_t i = 0; i < S2N_ARRAY_LEN(dups); i++) {
        char name[64];
        snprintf(name, sizeof(name), "duplicate extension %u", dups[i]);
        *h = ch_template;
        const struct ext *e = hello_find(h, dups[i]);
        hello_add(h, e->type, e->data, e->len, 0);
        server_hello_case(name, h, S2N_ERR_DUPLICATE_EXTENSION, S2N_ALERT_ILLEGAL_PARAMETER);
    }
    *h = ch_template;
    hello_add(h, 0x3a3a, "\x00", 1, 1);
    hello_add(h, 0x3a3a, "\x00", 1, 1);
    server_hello_case("duplicate unknown extension", h, S2N_ERR_DUPLICATE_EXTENSION, S2N_ALERT_ILLEGAL_PARAMETER);

    /* Two key shares for one group (RFC 8446 4.2.8: illegal_parameter). */
    {
        *h = ch_template;
        uint16_t g[2] = { ch_share_group, ch_share_group };
        const uint8_t *k[2] = { ks->data + 6, ks->data + 6 };
        uint16_t kl[2] = { hostile_get16(ks->data + 4), hostile_get16(ks->data + 4) };
        size_t n = key_share_ch_body(body, g, k, kl, 2);
        hello_set(h, 51, body, n);
        server_hello_case("two key shares for one group", h, S2N_ERR_BAD_KEY_SHARE, S2N_ALERT_ILLEGAL_PARAMETER);
    }

    /* Only unknown groups. */
    {
        *h = ch_template;
        static const uint8_t groups[] = { 0, 4, 0x12, 0x34, 0x01, 0x00 };
        hello_set(h, 10, groups, sizeof(groups));
        uint8_t junk[32];
        memset(junk, 7, sizeof(junk));
        uint16_t g[1] = { 0x1234 };
        const uint8_t *k[1] = { junk };
        uint16_t kl[1] = { 32 };
        size_t n = key_share_ch_body(body, g, k, kl, 1);
        hello_set(h, 51, body, n);
        server_hello_case("unknown groups only, with a share", h, S2N_ERR_NO_SUPPORTED_GROUP, S2N_ALERT_HANDSHAKE_FAILURE);
        n = key_share_ch_body(body, g, k, kl, 0);
        hello_set(h, 51, body, n);
        server_hello_case("unknown groups only, no share", h, S2N_ERR_NO_SUPPORTED_GROUP, S2N_ALERT_HANDSHAKE_FAILURE);
    }

    /* Empty lists: the vectors have minimum lengths (decode_error). */
    *h = ch_template;
    h->suites_len = 0;
    server_hello_case("empty cipher_suites", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    *h = ch_template;
    hello_set(h, 10, "\x00\x00", 2);
    server_hello_case("empty supported_groups", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    *h = ch_template;
    hello_set(h, 13, "\x00\x00", 2);
    server_hello_case("empty signature_algorithms", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    *h = ch_template;
    hello_set(h, 43, "\x00", 1);
    server_hello_case("empty supported_versions", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    *h = ch_template;
    hello_set(h, 0, "\x00\x00", 2);
    server_hello_case("empty server_name list", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    *h = ch_template;
    h->comp_len = 0;
    server_hello_case("empty compression_methods", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    {
        *h = ch_template;
        uint16_t g[1] = { ch_share_group };
        const uint8_t *k[1] = { ks->data };
        uint16_t kl[1] = { 0 };
        size_t n = key_share_ch_body(body, g, k, kl, 1);
        hello_set(h, 51, body, n);
        server_hello_case("empty key_exchange", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    }

    /* Lists with nothing usable in them. */
    *h = ch_template;
    memcpy(h->suites, "\xc0\x2b\x00\xff\x13\x05", 6);
    h->suites_len = 6;
    server_hello_case("no TLS 1.3 cipher suite we support", h, S2N_ERR_CIPHER_NOT_SUPPORTED, S2N_ALERT_HANDSHAKE_FAILURE);
    *h = ch_template;
    hello_set(h, 13, "\x00\x04\xfe\xfe\x02\x01", 6);
    server_hello_case("no signature scheme we can use", h, S2N_ERR_NO_VALID_SIGNATURE_SCHEME, S2N_ALERT_HANDSHAKE_FAILURE);
    *h = ch_template;
    hello_set(h, 43, "\x04\x03\x02\x03\x01", 5);
    server_hello_case("supported_versions offering only TLS 1.1 and 1.0", h, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED,
            S2N_ALERT_PROTOCOL_VERSION);

    /* RFC 8446 4.1.2: a TLS 1.3 ClientHello has exactly one compression
     * method, null; anything else is illegal_parameter. */
    *h = ch_template;
    h->comp[0] = 1;
    server_hello_case("compression_methods {1}", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_ILLEGAL_PARAMETER);
    *h = ch_template;
    h->comp[0] = 0;
    h->comp[1] = 1;
    h->comp_len = 2;
    server_hello_case("compression_methods {0, 1}", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_ILLEGAL_PARAMETER);

    /* Missing extensions (RFC 8446 9.2: missing_extension). */
    *h = ch_template;
    hello_remove(h, 51);
    server_hello_case("missing key_share", h, S2N_ERR_MISSING_EXTENSION, S2N_ALERT_MISSING_EXTENSION);
    *h = ch_template;
    hello_remove(h, 10);
    server_hello_case("missing supported_groups", h, S2N_ERR_MISSING_EXTENSION, S2N_ALERT_MISSING_EXTENSION);
    *h = ch_template;
    hello_remove(h, 13);
    server_hello_case("missing signature_algorithms", h, S2N_ERR_MISSING_EXTENSION, S2N_ALERT_MISSING_EXTENSION);

    /* Bad key shares. */
    {
        uint16_t g[1] = { S2N_GROUP_SECP256R1 };
        uint8_t pt[65];
        memset(pt, 0x42, sizeof(pt));
        pt[0] = 4;
        const uint8_t *k[1] = { pt };
        uint16_t kl[1] = { 65 };
        *h = ch_template;
        size_t n = key_share_ch_body(body, g, k, kl, 1);
        hello_set(h, 51, body, n);
        server_hello_case("P-256 share not on the curve", h, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER);
        kl[0] = 64;
        n = key_share_ch_body(body, g, k, kl, 1);
        hello_set(h, 51, body, n);
        server_hello_case("P-256 share one byte short", h, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER);
        uint8_t zero[32] = { 0 };
        g[0] = S2N_GROUP_X25519;
        k[0] = zero;
        kl[0] = 32;
        n = key_share_ch_body(body, g, k, kl, 1);
        hello_set(h, 51, body, n);
        server_hello_case("x25519 share of zero", h, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER);
    }

    /* A bad server name. */
    *h = ch_template;
    hello_set(h, 0, "\x00\x06\x00\x00\x03\x61\x00\x62", 8);
    server_hello_case("server name with a NUL", h, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    free(h);
}

/* Record-layer abuse before any keys. */
static void test_server_records(void)
{
    struct wr *w = malloc(sizeof(*w));
    w_init(w, -1, 0);
    w_client_hello(w, &ch_template, NULL, 0);

    /* Truncated: the peer closes in the middle of the record (or header). */
    static const size_t cuts[] = { 3, 5, 50 };
    for (size_t i = 0; i < S2N_ARRAY_LEN(cuts); i++) {
        hostile_case_begin("server: truncated ClientHello record (%zu bytes) then EOF", cuts[i]);
        struct hostile_side s;
        side_new(&s, S2N_SERVER);
        int err = eof_case(&s, w->buf, cuts[i]);
        CHECK(s2n_error_get_type(err) == S2N_ERR_T_CLOSED, "error type is CLOSED");
        hostile_side_free(&s);
        hostile_case_end();
    }

    static const uint8_t oversized[] = { S2N_CT_HANDSHAKE, 3, 3, 0x40, 0x01, S2N_HS_CLIENT_HELLO, 0, 0x3f, 0xfd };
    server_raw_case("plaintext record of 2^14+1 bytes", oversized, sizeof(oversized), S2N_ERR_RECORD_TOO_LARGE,
            S2N_ALERT_RECORD_OVERFLOW);
    static const uint8_t oversized2[] = { S2N_CT_HANDSHAKE, 3, 3, 0xff, 0xff };
    server_raw_case("plaintext record of 65535 bytes", oversized2, sizeof(oversized2), S2N_ERR_RECORD_TOO_LARGE,
            S2N_ALERT_RECORD_OVERFLOW);

    /* RFC 8446 5: an unexpected record type is unexpected_message. */
    static const uint8_t unknown[] = { 0x19, 3, 3, 0, 2, 1, 2 };
    server_raw_case("unknown content type 25", unknown, sizeof(unknown), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t heartbeat[] = { 0x18, 3, 3, 0, 3, 1, 0, 0 };
    server_raw_case("heartbeat content type 24", heartbeat, sizeof(heartbeat), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);

    static const uint8_t empty_hs[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 0 };
    server_raw_case("zero-length handshake record", empty_hs, sizeof(empty_hs), S2N_ERR_EMPTY_RECORD,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t empty_alert[] = { S2N_CT_ALERT, 3, 3, 0, 0 };
    server_raw_case("zero-length alert record", empty_alert, sizeof(empty_alert), S2N_ERR_EMPTY_RECORD,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t appdata[] = { S2N_CT_APPLICATION_DATA, 3, 3, 0, 5, 'h', 'e', 'l', 'l', 'o' };
    server_raw_case("application data before the handshake", appdata, sizeof(appdata), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);

    /* change_cipher_spec: one byte, value 1, and never before the ClientHello. */
    uint8_t buf[WIRE_MAX];
    static const uint8_t ccs2[] = { S2N_CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 2 };
    static const uint8_t ccs_long[] = { S2N_CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 2, 1, 1 };
    static const uint8_t ccs1[] = { S2N_CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1 };
    server_raw_case("CCS value 2", ccs2, sizeof(ccs2), S2N_ERR_CCS_NOT_ALLOWED, S2N_ALERT_UNEXPECTED_MESSAGE);
    server_raw_case("CCS of two bytes", ccs_long, sizeof(ccs_long), S2N_ERR_CCS_NOT_ALLOWED, S2N_ALERT_UNEXPECTED_MESSAGE);
    memcpy(buf, ccs1, sizeof(ccs1));
    memcpy(buf + sizeof(ccs1), w->buf, w->n);
    server_raw_case("CCS before the first ClientHello", buf, sizeof(ccs1) + w->n, S2N_ERR_CCS_NOT_ALLOWED,
            S2N_ALERT_UNEXPECTED_MESSAGE);

    /* Alerts from the peer instead of a ClientHello. */
    hostile_case_begin("server: fatal alert instead of a ClientHello");
    {
        struct hostile_side s;
        side_new(&s, S2N_SERVER);
        alert_case(&s, S2N_ALERT_HANDSHAKE_FAILURE);
        hostile_side_free(&s);
    }
    hostile_case_end();
    static const uint8_t alert3[] = { S2N_CT_ALERT, 3, 3, 0, 3, 2, 40, 0 };
    server_raw_case("alert of three bytes", alert3, sizeof(alert3), S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
    free(w);
}

/* Handshake messages out of order, before and after the keys change. */
static void test_server_order(void)
{
    struct wr *w = malloc(sizeof(*w));
    uint8_t buf[WIRE_MAX];

    size_t fn = plain_hs_record(buf, S2N_HS_FINISHED, 32, 0xab);
    server_raw_case("Finished instead of ClientHello", buf, fn, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t key_update[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 5, S2N_HS_KEY_UPDATE, 0, 0, 1, 0 };
    server_raw_case("KeyUpdate instead of ClientHello", key_update, sizeof(key_update), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t ee[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 6, S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2, 0, 0 };
    server_raw_case("EncryptedExtensions instead of ClientHello", ee, sizeof(ee), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);

    /* A ServerHello sent to the server (the ClientHello bytes, retyped). */
    w_init(w, -1, 0);
    w_client_hello(w, &ch_template, NULL, 0);
    memcpy(buf, w->buf, w->n);
    buf[5] = S2N_HS_SERVER_HELLO;
    server_raw_case("ServerHello sent to the server", buf, w->n, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE);

    /* A second ClientHello in the same record: nothing may follow the
     * ClientHello before the keys change. */
    {
        w_init(w, -1, 0);
        w_client_hello(w, &ch_template, NULL, 0);
        size_t n = w->n;
        memcpy(buf, w->buf, n);
        w_init(w, -1, 0);
        w_client_hello(w, &ch_template, buf + 5, n - 5);
        server_raw_case("two ClientHellos in one record", w->buf, w->n, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE);
        w_init(w, -1, 0);
        w_client_hello(w, &ch_template, (const uint8_t *) "\x14\x00", 2);
        server_raw_case("ClientHello and a partial message in one record", w->buf, w->n, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE);
    }

    /* After the server's flight: a second plaintext ClientHello, and
     * protected messages out of order (protected with the client handshake
     * traffic secret the server derived). */
    enum { SECOND_CH, CERTIFICATE, APPDATA, KEY_UPDATE, EMPTY_HS, BAD_FINISHED, SHORT_FINISHED, FLIPPED, COUNT };
    static const char *names[COUNT] = {
        "second ClientHello (plaintext) after the server flight",
        "client Certificate without CertificateRequest",
        "application data before the client Finished",
        "KeyUpdate before the client Finished",
        "protected zero-length handshake record",
        "client Finished with a wrong MAC",
        "client Finished one byte short",
        "client Finished with a flipped tag bit",
    };
    static const int errs[COUNT] = { S2N_ERR_UNEXPECTED_MESSAGE, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ERR_UNEXPECTED_MESSAGE,
        S2N_ERR_UNEXPECTED_MESSAGE, S2N_ERR_EMPTY_RECORD, S2N_ERR_FINISHED_VERIFY, S2N_ERR_BAD_MESSAGE, S2N_ERR_DECRYPT };
    static const uint8_t alerts[COUNT] = { S2N_ALERT_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE,
        S2N_ALERT_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE, S2N_ALERT_DECRYPT_ERROR,
        S2N_ALERT_DECODE_ERROR, S2N_ALERT_BAD_RECORD_MAC };
    for (int c = 0; c < COUNT; c++) {
        hostile_case_begin("server: %s", names[c]);
        w_init(w, -1, 0);
        struct hostile_side s;
        int err = 0;
        REQUIRE(server_fed_hello(&s, w, &ch_template, &err) == DRIVE_BLOCKED);
        (void) hostile_peer_read(s.peer, buf, sizeof(buf), WAIT_MS);
        struct keyset k;
        keyset_new(&k, s.conn->cipher_suite, s.conn->hs->client_hs_secret, 1);
        uint8_t out[WIRE_MAX], msg[64];
        size_t n = 0;
        uint8_t flen = s.conn->hs->transcript_hash_len;
        switch (c) {
            case SECOND_CH:
                memcpy(out, w->buf, w->n);
                n = w->n;
                break;
            case CERTIFICATE: {
                static const uint8_t cert[] = { S2N_HS_CERTIFICATE, 0, 0, 4, 0, 0, 0, 0 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, cert, sizeof(cert), 0, out);
                break;
            }
            case APPDATA:
                n = seal_record(k.keys, S2N_CT_APPLICATION_DATA, (const uint8_t *) "data", 4, 0, out);
                break;
            case KEY_UPDATE: {
                static const uint8_t ku[] = { S2N_HS_KEY_UPDATE, 0, 0, 1, 0 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, ku, sizeof(ku), 0, out);
                break;
            }
            case EMPTY_HS:
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, NULL, 0, 0, out);
                break;
            case BAD_FINISHED:
            case SHORT_FINISHED:
            case FLIPPED:
                msg[0] = S2N_HS_FINISHED;
                msg[1] = msg[2] = 0;
                msg[3] = (uint8_t) (c == SHORT_FINISHED ? flen - 1 : flen);
                memset(msg + 4, 0x33, flen);
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, msg, 4u + msg[3], 0, out);
                if (c == FLIPPED) {
                    out[n - 1] ^= 0x01;
                }
                break;
        }
        feed_case(&s, out, n, errs[c], alerts[c], 1);
        keyset_free(&k);
        hostile_side_free(&s);
        hostile_case_end();
    }

    /* HelloRetryRequest, then a second ClientHello that still has no usable share. */
    hostile_case_begin("server: second ClientHello without the requested key share");
    {
        struct hello *h = malloc(sizeof(*h));
        *h = ch_template;
        hello_set(h, 51, "\x00\x00", 2);
        w_init(w, -1, 0);
        struct hostile_side s;
        int err = 0;
        int rc = server_fed_hello(&s, w, h, &err);
        CHECK(rc == DRIVE_BLOCKED, "empty key_share: server sends a HelloRetryRequest and waits (%s %s)", hostile_drive_name(rc),
                s2n_strerror_name(err));
        size_t n = hostile_peer_read(s.peer, buf, sizeof(buf), WAIT_MS);
        struct hostile_rec r[4];
        int k = hostile_split_records(buf, n, r, 4, NULL);
        CHECK(k >= 1 && r[0].type == S2N_CT_HANDSHAKE && r[0].raw[5] == S2N_HS_SERVER_HELLO, "HelloRetryRequest sent");
        hostile_peer_write(s.peer, w->buf, w->n);
        rc = hostile_drive(s.conn, s.fd, &err);
        hostile_expect_failure(NULL, rc, err, S2N_ERR_BAD_KEY_SHARE);
        expect_alert_on_wire(&s, S2N_ALERT_ILLEGAL_PARAMETER, 0);
        hostile_side_free(&s);
        free(h);
    }
    hostile_case_end();
    free(w);
}

/* ---- client under test -------------------------------------------------------------- */

struct sh_opts {
    uint16_t suite;          /* 0: TLS_AES_128_GCM_SHA256 */
    uint16_t legacy_version; /* 0: 0x0303 */
    int hrr;                 /* HelloRetryRequest random */
    int bad_sid;             /* echo a different session id */
    int no_versions;
    int no_key_share;
    uint16_t version;        /* supported_versions (0: 0x0304) */
    uint16_t ks_group;       /* 0: the group of the client's share */
    int ks_mode;             /* 1: not on the curve / zero, 2: one byte short */
    int dup_versions;
    int extra;               /* add the extension extra_type */
    uint16_t extra_type;
    const char *extra_data;
    uint16_t extra_len;
    int mut_field;           /* 1 + the length field to build off by mut_delta (0: none) */
    int mut_delta;
    const uint8_t *trailer;  /* more bytes in the same record */
    size_t trailer_len;
};

static const uint8_t hrr_random[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
};

/* A ServerHello (or HelloRetryRequest) answering @ch. */
static void w_server_hello(struct wr *w, const struct hello *ch, const struct sh_opts *o)
{
    const struct ext *ks = NULL;
    for (int i = 0; i < ch->n_ext; i++) {
        if (ch->ext[i].type == 51) {
            ks = &ch->ext[i];
        }
    }
    uint16_t client_group = ks && ks->len >= 4 ? hostile_get16(ks->data + 2) : S2N_GROUP_SECP256R1;
    w_init(w, o->mut_field - 1, o->mut_delta);
    w_u8(w, S2N_CT_HANDSHAKE);
    w_u16(w, 0x0303);
    w_begin(w, 2, "record length");
    w_u8(w, S2N_HS_SERVER_HELLO);
    w_begin(w, 3, "handshake message length");
    w_u16(w, o->legacy_version ? o->legacy_version : 0x0303);
    if (o->hrr) {
        w_bytes(w, hrr_random, 32);
    } else {
        uint8_t random[32];
        memset(random, 0x77, sizeof(random));
        w_bytes(w, random, 32);
    }
    w_begin(w, 1, "legacy_session_id_echo");
    for (int i = 0; i < ch->sid_len; i++) {
        w_u8(w, ch->sid[i] ^ (o->bad_sid && i == 0 ? 1 : 0));
    }
    w_end(w);
    w_u16(w, o->suite ? o->suite : 0x1301);
    w_u8(w, 0);
    w_begin(w, 2, "extensions block");
    for (int rep = 0; rep < (o->dup_versions ? 2 : 1) && !o->no_versions; rep++) {
        w_u16(w, 43);
        w_begin(w, 2, "supported_versions length");
        w_u16(w, o->version ? o->version : 0x0304);
        w_end(w);
    }
    if (!o->no_key_share) {
        w_u16(w, 51);
        w_begin(w, 2, "key_share length");
        uint16_t group = o->ks_group ? o->ks_group : client_group;
        w_u16(w, group);
        if (!o->hrr) {
            uint8_t pub[200];
            uint16_t len = 0;
            if (s2n_ecdhe_group_supported(group)) {
                len = public_key(group, pub);
            } else {
                len = 32;
                memset(pub, 9, len);
            }
            if (o->ks_mode == 1) {
                memset(pub + 1, group == S2N_GROUP_X25519 ? 0 : 0x42, len - 1u);
                if (group == S2N_GROUP_X25519) {
                    pub[0] = 0;
                }
            } else if (o->ks_mode == 2) {
                len--;
            }
            w_begin(w, 2, "key_share key_exchange");
            w_bytes(w, pub, len);
            w_end(w);
        }
        w_end(w);
    }
    if (o->extra) {
        w_u16(w, o->extra_type);
        w_begin(w, 2, "extra extension length");
        w_bytes(w, o->extra_data, o->extra_len);
        w_end(w);
    }
    w_end(w);
    w_end(w);
    w_bytes(w, o->trailer, o->trailer_len);
    w_end(w);
}

/* Read the client's next ClientHello from the wire (skipping the CCS that
 * follows a HelloRetryRequest). */
static void client_read_hello(struct hostile_side *s, struct hello *ch)
{
    uint8_t buf[WIRE_MAX];
    size_t n = hostile_peer_read(s->peer, buf, sizeof(buf), WAIT_MS);
    struct hostile_rec r[4];
    int k = hostile_split_records(buf, n, r, 4, NULL);
    int found = 0;
    for (int i = 0; i < k; i++) {
        if (r[i].type == S2N_CT_HANDSHAKE && r[i].raw[5] == S2N_HS_CLIENT_HELLO) {
            parse_hello_body(r[i].raw + 9, r[i].len - 4u, ch, 0);
            found = 1;
        }
    }
    REQUIRE(found);
}

/* Start a client, read its ClientHello from the wire. */
static void client_start(struct hostile_side *s, struct hello *ch)
{
    side_new(s, S2N_CLIENT);
    int err = 0;
    REQUIRE(hostile_drive(s->conn, s->fd, &err) == DRIVE_BLOCKED);
    client_read_hello(s, ch);
}

/* Start a client and answer its ClientHello (parsed into @ch) with the
 * ServerHello @o describes, then a CCS if @ccs.  Returns the client's drive
 * result. */
static int client_fed_server_hello(struct hostile_side *s, struct hello *ch, const struct sh_opts *o, int ccs, int *err)
{
    static const uint8_t ccs_record[] = { S2N_CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1 };
    struct wr *w = malloc(sizeof(*w));
    client_start(s, ch);
    w_server_hello(w, ch, o);
    hostile_peer_write(s->peer, w->buf, w->n);
    free(w);
    if (ccs) {
        hostile_peer_write(s->peer, ccs_record, sizeof(ccs_record));
    }
    return hostile_drive(s->conn, s->fd, err);
}

/* A client that took a good ServerHello and the CCS, and the server
 * handshake traffic keys (borrowed from it) for the script's records. */
static void client_in_handshake(struct hostile_side *s, struct keyset *k)
{
    struct hello *ch = malloc(sizeof(*ch));
    struct sh_opts o = { 0 };
    int err = 0;
    REQUIRE(client_fed_server_hello(s, ch, &o, 1, &err) == DRIVE_BLOCKED && s->conn->hs != NULL);
    keyset_new(k, s->conn->cipher_suite, s->conn->hs->server_hs_secret, 1);
    free(ch);
}

static void client_sh_case(const char *name, const struct sh_opts *o, int err, int alert)
{
    hostile_case_begin("client: %s", name);
    struct hostile_side s;
    struct hello *ch = malloc(sizeof(*ch));
    int got = 0;
    int rc = client_fed_server_hello(&s, ch, o, 0, &got);
    expect_refusal(&s, rc, got, err, alert, 0);
    hostile_side_free(&s);
    free(ch);
    hostile_case_end();
}

static void client_raw_case(const char *name, const uint8_t *wire, size_t n, int err, int alert)
{
    hostile_case_begin("client: %s", name);
    struct hostile_side s;
    struct hello *ch = malloc(sizeof(*ch));
    client_start(&s, ch);
    feed_case(&s, wire, n, err, alert, 0);
    hostile_side_free(&s);
    free(ch);
    hostile_case_end();
}

static void test_client_server_hello(void)
{
    /* Control: a good ServerHello is accepted. */
    hostile_case_begin("client: control: scripted ServerHello accepted");
    {
        struct hostile_side s;
        struct hello *ch = malloc(sizeof(*ch));
        struct sh_opts o = { 0 };
        int err = 0;
        int rc = client_fed_server_hello(&s, ch, &o, 0, &err);
        CHECK(rc == DRIVE_BLOCKED && s.conn->read_keys.aead.keyed, "client takes the ServerHello and waits (%s %s)",
                hostile_drive_name(rc), s2n_strerror_name(err));
        hostile_expect_wire_empty(s.peer, "the client has nothing to say yet");
        hostile_side_free(&s);
        free(ch);
    }
    hostile_case_end();

    struct sh_opts o;
#define OPTS(...) (o = (struct sh_opts){ __VA_ARGS__ }, &o)
    /* RFC 8446 4.1.3: both are illegal_parameter. */
    client_sh_case("ServerHello with a suite we did not offer", OPTS(.suite = 0x1305), S2N_ERR_CIPHER_NOT_SUPPORTED,
            S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("ServerHello with a TLS 1.2 suite", OPTS(.suite = 0xc02b), S2N_ERR_CIPHER_NOT_SUPPORTED,
            S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("ServerHello with a wrong session id echo", OPTS(.bad_sid = 1), S2N_ERR_BAD_MESSAGE,
            S2N_ALERT_ILLEGAL_PARAMETER);

    client_sh_case("ServerHello with an unknown extension",
            OPTS(.extra = 1, .extra_type = 0x1234, .extra_data = "ab", .extra_len = 2), S2N_ERR_UNSUPPORTED_EXTENSION,
            S2N_ALERT_UNSUPPORTED_EXTENSION);
    client_sh_case("ServerHello with ALPN we did not offer",
            OPTS(.extra = 1, .extra_type = 16, .extra_data = "\x00\x03\x02h2", .extra_len = 5), S2N_ERR_UNSUPPORTED_EXTENSION,
            S2N_ALERT_UNSUPPORTED_EXTENSION);
    /* RFC 8446 4.2: a known extension in the wrong message is illegal_parameter. */
    client_sh_case("ServerHello with server_name (an EncryptedExtensions extension)",
            OPTS(.extra = 1, .extra_type = 0, .extra_data = "", .extra_len = 0), S2N_ERR_UNSUPPORTED_EXTENSION,
            S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("ServerHello with duplicate supported_versions", OPTS(.dup_versions = 1), S2N_ERR_DUPLICATE_EXTENSION,
            S2N_ALERT_ILLEGAL_PARAMETER);

    client_sh_case("ServerHello key share for another group", OPTS(.ks_group = S2N_GROUP_SECP384R1), S2N_ERR_BAD_KEY_SHARE,
            S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("ServerHello key share for an unknown group", OPTS(.ks_group = 0x1234), S2N_ERR_BAD_KEY_SHARE,
            S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("ServerHello key share not on the curve", OPTS(.ks_mode = 1), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
            S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("ServerHello key share one byte short", OPTS(.ks_mode = 2), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
            S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("ServerHello without key_share", OPTS(.no_key_share = 1), S2N_ERR_MISSING_EXTENSION,
            S2N_ALERT_MISSING_EXTENSION);
    /* Without supported_versions this is a TLS 1.2 ServerHello, whose suite
     * cannot be a TLS 1.3 one (RFC 8446 4.1.3 again). */
    client_sh_case("TLS 1.2 ServerHello choosing a TLS 1.3 suite", OPTS(.no_versions = 1), S2N_ERR_CIPHER_NOT_SUPPORTED,
            S2N_ALERT_ILLEGAL_PARAMETER);
    /* RFC 8446 4.2.1: a version prior to TLS 1.3 in supported_versions is illegal_parameter. */
    client_sh_case("ServerHello supported_versions selecting TLS 1.2", OPTS(.version = 0x0303),
            S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED, S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("ServerHello legacy_version 0x0302", OPTS(.legacy_version = 0x0302), S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED,
            S2N_ALERT_PROTOCOL_VERSION);
    static const uint8_t ee[] = { S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2, 0, 0 };
    client_sh_case("ServerHello and EncryptedExtensions in one record", OPTS(.trailer = ee, .trailer_len = sizeof(ee)),
            S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE);

    /* Off-by-one length fields (all but the record and message lengths). */
    {
        struct wr *w = malloc(sizeof(*w));
        struct hello *ch = malloc(sizeof(*ch));
        *ch = ch_template;
        w_server_hello(w, ch, OPTS(.mut_field = 0));
        int fields = w->field;
        char names[128][48];
        memcpy(names, w->names, sizeof(names));
        for (int f = 2; f < fields; f++) {
            for (int d = -1; d <= 1; d += 2) {
                char name[96];
                snprintf(name, sizeof(name), "ServerHello %s %+d", names[f], d);
                if (strcmp(names[f], "key_share key_exchange") == 0 && d < 0) {
                    /* The shortened point is checked (and refused) before
                     * the leftover byte is noticed: either alert is fair. */
                    client_sh_case(name, OPTS(.mut_field = f + 1, .mut_delta = d), S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                            S2N_ALERT_ILLEGAL_PARAMETER);
                    continue;
                }
                client_sh_case(name, OPTS(.mut_field = f + 1, .mut_delta = d), S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR);
            }
        }
        free(ch);
        free(w);
    }

    /* Out of order, and records that are not a ServerHello. */
    uint8_t finished[64];
    size_t fn = plain_hs_record(finished, S2N_HS_FINISHED, 32, 0xab);
    client_raw_case("Finished instead of ServerHello", finished, fn, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t ee_rec[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 6, S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2, 0, 0 };
    client_raw_case("EncryptedExtensions instead of ServerHello", ee_rec, sizeof(ee_rec), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    {
        struct wr *w = malloc(sizeof(*w));
        w_init(w, -1, 0);
        w_client_hello(w, &ch_template, NULL, 0);
        client_raw_case("ClientHello sent to the client", w->buf, w->n, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE);
        free(w);
    }
    static const uint8_t nst[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 18, S2N_HS_NEW_SESSION_TICKET, 0, 0, 14, 0, 0, 0, 1, 0, 0, 0,
        0, 0, 0, 1, 0x55, 0, 0 };
    client_raw_case("NewSessionTicket instead of ServerHello", nst, sizeof(nst), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t appdata[] = { S2N_CT_APPLICATION_DATA, 3, 3, 0, 5, 'h', 'e', 'l', 'l', 'o' };
    client_raw_case("application data instead of ServerHello", appdata, sizeof(appdata), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t empty_hs[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 0 };
    client_raw_case("zero-length handshake record", empty_hs, sizeof(empty_hs), S2N_ERR_EMPTY_RECORD,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t oversized[] = { S2N_CT_HANDSHAKE, 3, 3, 0x40, 0x01 };
    client_raw_case("plaintext record of 2^14+1 bytes", oversized, sizeof(oversized), S2N_ERR_RECORD_TOO_LARGE,
            S2N_ALERT_RECORD_OVERFLOW);
    static const uint8_t unknown[] = { 0x19, 3, 3, 0, 2, 1, 2 };
    client_raw_case("unknown content type 25", unknown, sizeof(unknown), S2N_ERR_UNEXPECTED_MESSAGE,
            S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t ccs0[] = { S2N_CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 0 };
    client_raw_case("CCS value 0", ccs0, sizeof(ccs0), S2N_ERR_CCS_NOT_ALLOWED, S2N_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t half[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 80, S2N_HS_SERVER_HELLO, 0, 0, 76, 3, 3 };
    hostile_case_begin("client: truncated ServerHello record then EOF");
    {
        struct hostile_side s;
        struct hello *ch = malloc(sizeof(*ch));
        client_start(&s, ch);
        (void) eof_case(&s, half, sizeof(half));
        hostile_side_free(&s);
        free(ch);
    }
    hostile_case_end();
    hostile_case_begin("client: fatal alert instead of ServerHello");
    {
        struct hostile_side s;
        struct hello *ch = malloc(sizeof(*ch));
        client_start(&s, ch);
        alert_case(&s, S2N_ALERT_PROTOCOL_VERSION);
        hostile_side_free(&s);
        free(ch);
    }
    hostile_case_end();
}

/* HelloRetryRequest abuse. */
static void test_client_hello_retry(void)
{
    struct sh_opts o;
    /* The client's first share is P-256 (default_tls13 order); asking for it again is illegal. */
    client_sh_case("HelloRetryRequest for the group already shared", OPTS(.hrr = 1), S2N_ERR_INVALID_HELLO_RETRY,
            S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("HelloRetryRequest for a group we did not offer", OPTS(.hrr = 1, .ks_group = 0x1234),
            S2N_ERR_INVALID_HELLO_RETRY, S2N_ALERT_ILLEGAL_PARAMETER);
    client_sh_case("HelloRetryRequest that changes nothing", OPTS(.hrr = 1, .no_key_share = 1), S2N_ERR_INVALID_HELLO_RETRY,
            S2N_ALERT_ILLEGAL_PARAMETER);

    /* A valid HRR, then: a second HRR; a ServerHello with another suite;
     * a ServerHello with a share for a group other than the one asked for. */
    enum { SECOND_HRR, OTHER_SUITE, OTHER_GROUP, COUNT };
    static const char *names[COUNT] = { "second HelloRetryRequest", "ServerHello after HRR changes the suite",
        "ServerHello after HRR with a share for another group" };
    static const int errs[COUNT] = { S2N_ERR_UNEXPECTED_MESSAGE, S2N_ERR_BAD_MESSAGE, S2N_ERR_BAD_KEY_SHARE };
    static const uint8_t alerts[COUNT] = { S2N_ALERT_UNEXPECTED_MESSAGE, S2N_ALERT_ILLEGAL_PARAMETER,
        S2N_ALERT_ILLEGAL_PARAMETER };
    for (int c = 0; c < COUNT; c++) {
        hostile_case_begin("client: %s", names[c]);
        struct hostile_side s;
        struct hello *ch = malloc(sizeof(*ch));
        struct wr *w = malloc(sizeof(*w));
        int err = 0;
        int rc = client_fed_server_hello(&s, ch, OPTS(.hrr = 1, .ks_group = S2N_GROUP_X25519), 0, &err);
        CHECK(rc == DRIVE_BLOCKED, "client answers the HelloRetryRequest (%s %s)", hostile_drive_name(rc),
                s2n_strerror_name(err));
        client_read_hello(&s, ch);
        const struct ext *ks = hello_find(ch, 51);
        CHECK(ks && ks->len >= 4 && hostile_get16(ks->data + 2) == S2N_GROUP_X25519, "second ClientHello shares x25519");
        if (c == SECOND_HRR) {
            w_server_hello(w, ch, OPTS(.hrr = 1, .ks_group = S2N_GROUP_SECP384R1));
        } else if (c == OTHER_SUITE) {
            w_server_hello(w, ch, OPTS(.suite = 0x1302));
        } else {
            w_server_hello(w, ch, OPTS(.ks_group = S2N_GROUP_SECP256R1));
        }
        hostile_peer_write(s.peer, w->buf, w->n);
        rc = hostile_drive(s.conn, s.fd, &err);
        hostile_expect_failure(NULL, rc, err, errs[c]);
        expect_alert_on_wire(&s, alerts[c], 0);
        hostile_side_free(&s);
        free(w);
        free(ch);
        hostile_case_end();
    }
#undef OPTS
}

/* After a good ServerHello, the script protects its records with the server
 * handshake traffic secret (borrowed from the client under test). */
static void test_client_encrypted(void)
{
    enum {
        CONTROL_EE,
        CONTROL_PADDED,
        CERT_FIRST,
        FINISHED_FIRST,
        NST,
        KEY_UPDATE,
        APPDATA,
        EE_ALPN,
        EE_KEY_SHARE,
        EE_DUP,
        EE_LONG,
        EMPTY_HS,
        NO_TYPE,
        UNKNOWN_TYPE,
        PROTECTED_CCS,
        PLAIN_HS,
        TOO_LONG,
        INNER_TOO_LONG,
        FLIP,
        TRUNCATED,
        COUNT
    };
    static const struct {
        const char *name;
        int err;
        int alert;
    } cases[COUNT] = {
        [CONTROL_EE] = { "control: protected EncryptedExtensions accepted", 0, 0 },
        [CONTROL_PADDED] = { "control: EncryptedExtensions padded to 2^14+256 accepted", 0, 0 },
        [CERT_FIRST] = { "Certificate instead of EncryptedExtensions", S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [FINISHED_FIRST] = { "Finished instead of EncryptedExtensions", S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [NST] = { "NewSessionTicket during the handshake", S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [KEY_UPDATE] = { "KeyUpdate during the handshake", S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [APPDATA] = { "application data during the handshake", S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [EE_ALPN] = { "EncryptedExtensions with ALPN we did not offer", S2N_ERR_UNSUPPORTED_EXTENSION,
                S2N_ALERT_UNSUPPORTED_EXTENSION },
        [EE_KEY_SHARE] = { "EncryptedExtensions with key_share", S2N_ERR_UNSUPPORTED_EXTENSION,
                S2N_ALERT_ILLEGAL_PARAMETER },
        [EE_DUP] = { "EncryptedExtensions with a duplicate extension", S2N_ERR_DUPLICATE_EXTENSION,
                S2N_ALERT_ILLEGAL_PARAMETER },
        [EE_LONG] = { "EncryptedExtensions extensions block +1", S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        [EMPTY_HS] = { "protected zero-length handshake record", S2N_ERR_EMPTY_RECORD, S2N_ALERT_UNEXPECTED_MESSAGE },
        [NO_TYPE] = { "protected record of padding only", S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [UNKNOWN_TYPE] = { "protected record with inner type 25", S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [PROTECTED_CCS] = { "protected change_cipher_spec", S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [PLAIN_HS] = { "plaintext EncryptedExtensions after the keys changed", S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [TOO_LONG] = { "protected record of 2^14+257 bytes", S2N_ERR_RECORD_TOO_LARGE, S2N_ALERT_RECORD_OVERFLOW },
        [INNER_TOO_LONG] = { "inner plaintext of 2^14+1 bytes", S2N_ERR_MAX_INNER_PLAINTEXT_SIZE,
                S2N_ALERT_RECORD_OVERFLOW },
        [FLIP] = { "EncryptedExtensions with a flipped bit", S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
        [TRUNCATED] = { "truncated protected record then EOF", S2N_ERR_CLOSED, -1 },
    };
    static const uint8_t ee[] = { S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2, 0, 0 };
    for (int c = 0; c < COUNT; c++) {
        hostile_case_begin("client: %s", cases[c].name);
        struct hostile_side s;
        struct keyset k;
        client_in_handshake(&s, &k);
        int err = 0;
        int rc = 0;
        uint8_t *out = malloc(WIRE_MAX);
        uint8_t *big = calloc(1, WIRE_MAX);
        size_t n = 0;
        switch (c) {
            case CONTROL_EE:
            case FLIP:
            case TRUNCATED:
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, ee, sizeof(ee), 0, out);
                if (c == FLIP) {
                    out[5 + 2] ^= 0x10;
                } else if (c == TRUNCATED) {
                    n -= 3;
                }
                break;
            case CONTROL_PADDED:
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, ee, sizeof(ee),
                        S2N_TLS13_MAX_CIPHERTEXT - S2N_AEAD_TAG_LEN - 1 - (uint32_t) sizeof(ee), out);
                break;
            case CERT_FIRST: {
                static const uint8_t cert[] = { S2N_HS_CERTIFICATE, 0, 0, 4, 0, 0, 0, 0 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, cert, sizeof(cert), 0, out);
                break;
            }
            case FINISHED_FIRST: {
                uint8_t fin[4 + 32] = { S2N_HS_FINISHED, 0, 0, 32 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, fin, sizeof(fin), 0, out);
                break;
            }
            case NST: {
                static const uint8_t nst[] = { S2N_HS_NEW_SESSION_TICKET, 0, 0, 14, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x55,
                    0, 0 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, nst, sizeof(nst), 0, out);
                break;
            }
            case KEY_UPDATE: {
                static const uint8_t ku[] = { S2N_HS_KEY_UPDATE, 0, 0, 1, 0 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, ku, sizeof(ku), 0, out);
                break;
            }
            case APPDATA:
                n = seal_record(k.keys, S2N_CT_APPLICATION_DATA, (const uint8_t *) "early", 5, 0, out);
                break;
            case EE_ALPN: {
                static const uint8_t m[] = { S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 11, 0, 9, 0, 16, 0, 5, 0, 3, 2, 'h', '2' };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case EE_KEY_SHARE: {
                static const uint8_t m[] = { S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 8, 0, 6, 0, 51, 0, 2, 0, 23 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case EE_DUP: {
                static const uint8_t m[] = { S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 10, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case EE_LONG: {
                static const uint8_t m[] = { S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 6, 0, 5, 0, 0, 0, 0 };
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case EMPTY_HS:
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, NULL, 0, 0, out);
                break;
            case NO_TYPE:
                n = seal_record(k.keys, -1, NULL, 0, 20, out);
                break;
            case UNKNOWN_TYPE:
                n = seal_record(k.keys, 25, ee, sizeof(ee), 0, out);
                break;
            case PROTECTED_CCS:
                n = seal_record(k.keys, S2N_CT_CHANGE_CIPHER_SPEC, (const uint8_t *) "\x01", 1, 0, out);
                break;
            case PLAIN_HS:
                out[0] = S2N_CT_HANDSHAKE;
                out[1] = out[2] = 3;
                out[3] = 0;
                out[4] = sizeof(ee);
                memcpy(out + 5, ee, sizeof(ee));
                n = 5 + sizeof(ee);
                break;
            case TOO_LONG:
                out[0] = S2N_CT_APPLICATION_DATA;
                out[1] = out[2] = 3;
                out[3] = (uint8_t) ((S2N_TLS13_MAX_CIPHERTEXT + 1) >> 8);
                out[4] = (uint8_t) (S2N_TLS13_MAX_CIPHERTEXT + 1);
                n = 5;
                break;
            case INNER_TOO_LONG:
                memcpy(big, ee, sizeof(ee));
                n = seal_record(k.keys, S2N_CT_HANDSHAKE, big, S2N_TLS_MAX_FRAGMENT + 1, 0, out);
                break;
        }
        hostile_peer_write(s.peer, out, n);
        if (c == TRUNCATED) {
            rc = hostile_drive(s.conn, s.fd, &err);
            CHECK(rc == DRIVE_BLOCKED, "waits for the rest of the record (%s)", hostile_drive_name(rc));
            shutdown(s.peer, SHUT_WR);
        }
        rc = hostile_drive(s.conn, s.fd, &err);
        if (cases[c].err == 0) {
            CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "accepted; the client waits for the Certificate (%s %s)",
                    hostile_drive_name(rc), s2n_strerror_name(err));
            hostile_expect_wire_empty(s.peer, "no alert");
        } else {
            expect_refusal(&s, rc, err, cases[c].err, cases[c].alert, 1);
        }
        free(big);
        free(out);
        keyset_free(&k);
        hostile_side_free(&s);
        hostile_case_end();
    }
}

/* The scripted server's Certificate message (our test chain), with its
 * length fields numbered for off-by-one mutations. */
static void w_certificate(struct wr *w)
{
    w_u8(w, S2N_HS_CERTIFICATE);
    w_begin(w, 3, "handshake message length");
    w_begin(w, 1, "certificate_request_context");
    w_end(w);
    w_begin(w, 3, "certificate_list");
    for (uint32_t i = 0; i < server_chain->cert_count; i++) {
        char name[48];
        snprintf(name, sizeof(name), "cert_data %u", i);
        w_begin(w, 3, name);
        w_bytes(w, server_chain->certs[i].data, server_chain->certs[i].len);
        w_end(w);
        snprintf(name, sizeof(name), "certificate %u extensions", i);
        w_begin(w, 2, name);
        w_end(w);
    }
    w_end(w);
    w_end(w);
}

/* Every length field of the server's Certificate (the vec24s), off by one. */
static void test_client_certificate_lengths(void)
{
    static const uint8_t ee[] = { S2N_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2, 0, 0 };
    struct wr *w = malloc(sizeof(*w));
    w_init(w, -1, 0);
    w_certificate(w);
    int fields = w->field;
    char names[128][48];
    memcpy(names, w->names, sizeof(names));
    for (int f = -1; f < fields; f++) {
        for (int d = -1; d <= 1; d += 2) {
            if (f < 0 && d > 0) {
                continue;
            }
            if (f < 0) {
                hostile_case_begin("client: control: scripted Certificate accepted");
            } else {
                hostile_case_begin("client: Certificate %s %+d", names[f], d);
            }
            struct hostile_side s;
            struct keyset k;
            client_in_handshake(&s, &k);
            int err = 0;
            uint8_t *out = malloc(WIRE_MAX);
            size_t n = seal_record(k.keys, S2N_CT_HANDSHAKE, ee, sizeof(ee), 0, out);
            w_init(w, f, d);
            w_certificate(w);
            n += seal_record(k.keys, S2N_CT_HANDSHAKE, w->buf, (uint32_t) w->n, 0, out + n);
            hostile_peer_write(s.peer, out, n);
            int rc = hostile_drive(s.conn, s.fd, &err);
            if (f < 0) {
                CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED,
                        "the chain is verified; the client waits for CertificateVerify (%s %s)", hostile_drive_name(rc),
                        s2n_strerror_name(err));
                hostile_expect_wire_empty(s.peer, "no alert");
            } else {
                if (f == 0 && d > 0) {
                    CHECK(rc == DRIVE_BLOCKED, "waits for the promised byte (%s %s)", hostile_drive_name(rc),
                            s2n_strerror_name(err));
                    n = seal_record(k.keys, S2N_CT_HANDSHAKE, (const uint8_t *) "\0", 1, 0, out);
                    hostile_peer_write(s.peer, out, n);
                    rc = hostile_drive(s.conn, s.fd, &err);
                }
                expect_refusal(&s, rc, err, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR, 1);
            }
            free(out);
            keyset_free(&k);
            hostile_side_free(&s);
            hostile_case_end();
        }
    }
    free(w);
}

/* ---- after the handshake ------------------------------------------------------------ */

static void pair_start(struct s2n_test_pair *pair)
{
    s2n_test_pair_connect(pair, client_config, server_config, NULL, 1);
}

/* @victim reads the two bytes of data its peer sent ("ok"). */
static void expect_data_arrives(struct s2n_connection *victim, int fd)
{
    int err = 0;
    ssize_t got = 0;
    int rc = hostile_drive_recv(victim, fd, &err, &got, NULL, 0);
    CHECK(rc == DRIVE_OK && got == 2, "the data arrives (%s %s, %zd bytes)", hostile_drive_name(rc), s2n_strerror_name(err), got);
}

/* @writer (a real connection of ours, used as the hostile peer) puts @wire
 * on the socket; @victim's s2n_recv must fail with @err; then @writer must
 * receive the protected fatal alert @alert (alert < 0: none may come). */
static void post_case(struct s2n_test_pair *pair, int victim_is_server, const uint8_t *wire, size_t n, int err, int alert)
{
    struct s2n_connection *victim = victim_is_server ? pair->server : pair->client;
    struct s2n_connection *writer = victim_is_server ? pair->client : pair->server;
    int victim_fd = victim_is_server ? pair->server_fd : pair->client_fd;
    int writer_fd = victim_is_server ? pair->client_fd : pair->server_fd;
    hostile_peer_write(writer_fd, wire, n);
    int got = 0;
    ssize_t bytes = 0;
    int rc = hostile_drive_recv(victim, victim_fd, &got, &bytes, NULL, 0);
    hostile_expect_failure(NULL, rc, got, err);
    if (err != S2N_ERR_ALERT) {
        hostile_expect_no_alert_received(NULL, victim);
    }
    shutdown(victim_fd, SHUT_WR);
    rc = hostile_drive_recv(writer, writer_fd, &got, &bytes, NULL, 0);
    if (alert >= 0) {
        int a = s2n_connection_get_alert(writer);
        CHECK(rc == DRIVE_FAILED && got == S2N_ERR_ALERT && a == alert,
                "the peer receives the fatal alert %d (got %s %s, alert %d)", alert, hostile_drive_name(rc),
                s2n_strerror_name(got), a);
    } else {
        CHECK(rc == DRIVE_FAILED && got == S2N_ERR_CLOSED, "the peer sees only EOF (got %s %s)", hostile_drive_name(rc),
                s2n_strerror_name(got));
    }
}

static void test_post_handshake(void)
{
    enum {
        CTRL_EMPTY_APPDATA,
        CTRL_PADDED,
        CTRL_KEY_UPDATE,
        KU_VALUE,
        KU_LONG,
        KU_TRAILING,
        KU_TO_CLIENT,
        NST_TO_SERVER,
        NST_EMPTY_TICKET,
        CH_AFTER,
        CERT_REQ,
        FINISHED_AFTER,
        NST_INTERLEAVED,
        PLAIN_CCS,
        CCS_TO_CLIENT,
        PROTECTED_CCS,
        UNKNOWN_INNER,
        NO_TYPE,
        EMPTY_HS,
        EMPTY_ALERT,
        UNKNOWN_OUTER,
        PLAIN_HS,
        PLAIN_ALERT,
        TOO_LONG,
        INNER_TOO_LONG,
        FLIP,
        TRUNCATED,
        ALERT_FROM_PEER,
        COUNT
    };
    static const struct {
        const char *name;
        int to_server;
        int err;
        int alert;
    } cases[COUNT] = {
        [CTRL_EMPTY_APPDATA] = { "control: zero-length application data, then data", 1, 0, 0 },
        [CTRL_PADDED] = { "control: application data padded to 2^14+256", 1, 0, 0 },
        [CTRL_KEY_UPDATE] = { "control: KeyUpdate, then data under the new key", 1, 0, 0 },
        [KU_VALUE] = { "KeyUpdate with request value 2", 1, S2N_ERR_BAD_KEY_UPDATE, S2N_ALERT_ILLEGAL_PARAMETER },
        [KU_LONG] = { "KeyUpdate of two bytes", 1, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        [KU_TRAILING] = { "KeyUpdate followed by a message in the same record", 1, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [KU_TO_CLIENT] = { "KeyUpdate with request value 255 to the client", 0, S2N_ERR_BAD_KEY_UPDATE,
                S2N_ALERT_ILLEGAL_PARAMETER },
        [NST_TO_SERVER] = { "NewSessionTicket sent to the server", 1, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [NST_EMPTY_TICKET] = { "NewSessionTicket with an empty ticket", 0, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        [CH_AFTER] = { "ClientHello after the handshake", 1, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [CERT_REQ] = { "CertificateRequest after the handshake (no post_handshake_auth)", 0, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [FINISHED_AFTER] = { "Finished after the handshake", 0, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [NST_INTERLEAVED] = { "NewSessionTicket split around application data", 0, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [PLAIN_CCS] = { "CCS after the handshake", 1, S2N_ERR_CCS_NOT_ALLOWED, S2N_ALERT_UNEXPECTED_MESSAGE },
        [CCS_TO_CLIENT] = { "CCS to the client after the handshake", 0, S2N_ERR_CCS_NOT_ALLOWED,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [PROTECTED_CCS] = { "protected change_cipher_spec", 1, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [UNKNOWN_INNER] = { "protected record with inner type 24", 1, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [NO_TYPE] = { "protected record of padding only", 1, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE },
        [EMPTY_HS] = { "protected zero-length handshake record", 1, S2N_ERR_EMPTY_RECORD, S2N_ALERT_UNEXPECTED_MESSAGE },
        [EMPTY_ALERT] = { "protected zero-length alert record", 0, S2N_ERR_EMPTY_RECORD, S2N_ALERT_UNEXPECTED_MESSAGE },
        [UNKNOWN_OUTER] = { "record with unknown content type 25", 1, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [PLAIN_HS] = { "plaintext handshake record after the handshake", 1, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [PLAIN_ALERT] = { "plaintext alert record after the handshake", 0, S2N_ERR_UNEXPECTED_MESSAGE,
                S2N_ALERT_UNEXPECTED_MESSAGE },
        [TOO_LONG] = { "protected record of 2^14+257 bytes", 1, S2N_ERR_RECORD_TOO_LARGE, S2N_ALERT_RECORD_OVERFLOW },
        [INNER_TOO_LONG] = { "inner plaintext of 2^14+1 bytes", 0, S2N_ERR_MAX_INNER_PLAINTEXT_SIZE,
                S2N_ALERT_RECORD_OVERFLOW },
        [FLIP] = { "application data with a flipped bit", 1, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
        [TRUNCATED] = { "truncated protected record then EOF", 1, S2N_ERR_CLOSED, -1 },
        [ALERT_FROM_PEER] = { "fatal alert from the peer", 1, S2N_ERR_ALERT, -1 },
    };
    for (int c = 0; c < COUNT; c++) {
        hostile_case_begin("post-handshake: %s", cases[c].name);
        struct s2n_test_pair pair;
        pair_start(&pair);
        struct s2n_connection *writer = cases[c].to_server ? pair.client : pair.server;
        struct s2n_record_keys *keys = &writer->write_keys;
        uint8_t *out = malloc(WIRE_MAX);
        uint8_t *big = calloc(1, WIRE_MAX);
        size_t n = 0;
        static const uint8_t nst[] = { S2N_HS_NEW_SESSION_TICKET, 0, 0, 14, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x55, 0, 0 };
        switch (c) {
            case CTRL_EMPTY_APPDATA:
                n = seal_record(keys, S2N_CT_APPLICATION_DATA, NULL, 0, 0, out);
                n += seal_record(keys, S2N_CT_APPLICATION_DATA, (const uint8_t *) "ok", 2, 0, out + n);
                break;
            case CTRL_PADDED:
                n = seal_record(keys, S2N_CT_APPLICATION_DATA, (const uint8_t *) "ok", 2,
                        S2N_TLS13_MAX_CIPHERTEXT - S2N_AEAD_TAG_LEN - 1 - 2, out);
                break;
            case CTRL_KEY_UPDATE: {
                REQUIRE(s2n_connection_request_key_update(writer, S2N_KEY_UPDATE_NOT_REQUESTED) == 0);
                s2n_blocked_status blocked;
                REQUIRE(s2n_send(writer, "ok", 2, &blocked) == 2);
                break;
            }
            case KU_VALUE: {
                static const uint8_t m[] = { S2N_HS_KEY_UPDATE, 0, 0, 1, 2 };
                n = seal_record(keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case KU_TO_CLIENT: {
                static const uint8_t m[] = { S2N_HS_KEY_UPDATE, 0, 0, 1, 255 };
                n = seal_record(keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case KU_LONG: {
                static const uint8_t m[] = { S2N_HS_KEY_UPDATE, 0, 0, 2, 0, 0 };
                n = seal_record(keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case KU_TRAILING: {
                static const uint8_t m[] = { S2N_HS_KEY_UPDATE, 0, 0, 1, 0, S2N_HS_KEY_UPDATE, 0, 0, 1, 0 };
                n = seal_record(keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case NST_TO_SERVER:
                n = seal_record(keys, S2N_CT_HANDSHAKE, nst, sizeof(nst), 0, out);
                break;
            case NST_EMPTY_TICKET: {
                static const uint8_t m[] = { S2N_HS_NEW_SESSION_TICKET, 0, 0, 13, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
                n = seal_record(keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case CH_AFTER: {
                struct wr *w = malloc(sizeof(*w));
                w_init(w, -1, 0);
                w_client_hello(w, &ch_template, NULL, 0);
                n = seal_record(keys, S2N_CT_HANDSHAKE, w->buf + 5, (uint32_t) w->n - 5, 0, out);
                free(w);
                break;
            }
            case CERT_REQ: {
                static const uint8_t m[] = { S2N_HS_CERTIFICATE_REQUEST, 0, 0, 12, 1, 7, 0, 8, 0, 13, 0, 4, 0, 2, 4, 3 };
                n = seal_record(keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out);
                break;
            }
            case FINISHED_AFTER: {
                uint8_t fin[4 + 32] = { S2N_HS_FINISHED, 0, 0, 32 };
                n = seal_record(keys, S2N_CT_HANDSHAKE, fin, sizeof(fin), 0, out);
                break;
            }
            case NST_INTERLEAVED:
                n = seal_record(keys, S2N_CT_HANDSHAKE, nst, 6, 0, out);
                n += seal_record(keys, S2N_CT_APPLICATION_DATA, (const uint8_t *) "x", 1, 0, out + n);
                n += seal_record(keys, S2N_CT_HANDSHAKE, nst + 6, sizeof(nst) - 6, 0, out + n);
                break;
            case PLAIN_CCS:
            case CCS_TO_CLIENT:
                memcpy(out, "\x14\x03\x03\x00\x01\x01", 6);
                n = 6;
                break;
            case PROTECTED_CCS:
                n = seal_record(keys, S2N_CT_CHANGE_CIPHER_SPEC, (const uint8_t *) "\x01", 1, 0, out);
                break;
            case UNKNOWN_INNER:
                n = seal_record(keys, 24, (const uint8_t *) "\x01\x00\x00", 3, 0, out);
                break;
            case NO_TYPE:
                n = seal_record(keys, -1, NULL, 0, 7, out);
                break;
            case EMPTY_HS:
                n = seal_record(keys, S2N_CT_HANDSHAKE, NULL, 0, 0, out);
                break;
            case EMPTY_ALERT:
                n = seal_record(keys, S2N_CT_ALERT, NULL, 0, 3, out);
                break;
            case UNKNOWN_OUTER:
                n = seal_record(keys, S2N_CT_APPLICATION_DATA, (const uint8_t *) "x", 1, 0, out);
                out[0] = 25;
                break;
            case PLAIN_HS: {
                static const uint8_t m[] = { S2N_CT_HANDSHAKE, 3, 3, 0, 5, S2N_HS_KEY_UPDATE, 0, 0, 1, 0 };
                memcpy(out, m, sizeof(m));
                n = sizeof(m);
                break;
            }
            case PLAIN_ALERT: {
                static const uint8_t m[] = { S2N_CT_ALERT, 3, 3, 0, 2, 2, 40 };
                memcpy(out, m, sizeof(m));
                n = sizeof(m);
                break;
            }
            case TOO_LONG:
                memcpy(out, "\x17\x03\x03\x41\x01", 5);
                n = 5;
                break;
            case INNER_TOO_LONG:
                n = seal_record(keys, S2N_CT_APPLICATION_DATA, big, S2N_TLS_MAX_FRAGMENT + 1, 0, out);
                break;
            case FLIP:
            case TRUNCATED:
                n = seal_record(keys, S2N_CT_APPLICATION_DATA, (const uint8_t *) "hello", 5, 0, out);
                if (c == FLIP) {
                    out[5 + 3] ^= 0x80;
                } else {
                    n -= 4;
                }
                break;
            case ALERT_FROM_PEER: {
                static const uint8_t a[] = { 2, S2N_ALERT_INTERNAL_ERROR };
                n = seal_record(keys, S2N_CT_ALERT, a, 2, 0, out);
                break;
            }
        }
        struct s2n_connection *victim = cases[c].to_server ? pair.server : pair.client;
        int victim_fd = cases[c].to_server ? pair.server_fd : pair.client_fd;
        int writer_fd = cases[c].to_server ? pair.client_fd : pair.server_fd;
        if (cases[c].err == 0) {
            hostile_peer_write(writer_fd, out, n);
            expect_data_arrives(victim, victim_fd);
            EXPECT_SUCCESS(s2n_test_transfer(pair.client, pair.server, 3000));
            EXPECT_SUCCESS(s2n_test_transfer(pair.server, pair.client, 3000));
        } else if (c == TRUNCATED) {
            hostile_peer_write(writer_fd, out, n);
            int err = 0;
            ssize_t got = 0;
            int rc = hostile_drive_recv(victim, victim_fd, &err, &got, NULL, 0);
            CHECK(rc == DRIVE_BLOCKED, "waits for the rest of the record (%s)", hostile_drive_name(rc));
            shutdown(writer_fd, SHUT_WR);
            post_case(&pair, cases[c].to_server, NULL, 0, cases[c].err, cases[c].alert);
        } else {
            post_case(&pair, cases[c].to_server, out, n, cases[c].err, cases[c].alert);
            if (c == ALERT_FROM_PEER) {
                CHECK(s2n_connection_get_alert(victim) == S2N_ALERT_INTERNAL_ERROR, "s2n_connection_get_alert is 80 (got %d)",
                        s2n_connection_get_alert(victim));
            }
        }
        free(big);
        free(out);
        s2n_test_pair_free(&pair);
        hostile_case_end();
    }
}

/* A KeyUpdate flood: FLOOD_COUNT KeyUpdates, each in its own record under
 * the key the one before installed, alternately asking for an update in
 * return.  The victim must follow every step (data under the last key
 * arrives), stay bounded in time, and answer with one KeyUpdate of its own,
 * not one per request (RFC 8446 section 4.6.3).  (Several KeyUpdates in one
 * record are refused: "KeyUpdate followed by a message in the same record".) */
#define FLOOD_COUNT 20000
#define FLOOD_BATCH 2000

static void test_key_update_flood(void)
{
    for (int to_server = 1; to_server >= 0; to_server--) {
        hostile_case_begin("post-handshake: %d KeyUpdates in a row to the %s", FLOOD_COUNT, to_server ? "server" : "client");
        struct s2n_test_pair pair;
        pair_start(&pair);
        struct s2n_connection *writer = to_server ? pair.client : pair.server;
        struct s2n_connection *victim = to_server ? pair.server : pair.client;
        int writer_fd = to_server ? pair.client_fd : pair.server_fd;
        int victim_fd = to_server ? pair.server_fd : pair.client_fd;
        uint8_t *out = malloc(FLOOD_BATCH * 64);
        int followed = 1;
        for (int sent = 0; sent < FLOOD_COUNT && followed; sent += FLOOD_BATCH) {
            size_t n = 0;
            for (int i = 0; i < FLOOD_BATCH; i++) {
                const uint8_t m[] = { S2N_HS_KEY_UPDATE, 0, 0, 1, (uint8_t) ((sent + i) % 2) };
                n += seal_record(&writer->write_keys, S2N_CT_HANDSHAKE, m, sizeof(m), 0, out + n);
                REQUIRE(s2n_tls13_key_update_secret(writer, 1) == 0);
            }
            hostile_peer_write(writer_fd, out, n);
            int err = 0;
            ssize_t got = 0;
            int rc = hostile_drive_recv(victim, victim_fd, &err, &got, NULL, 0);
            followed = rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED;
            CHECK(followed, "%d KeyUpdates read, waiting for more (got %s %s)", sent + FLOOD_BATCH, hostile_drive_name(rc),
                    s2n_strerror_name(err));
        }
        /* Data under the writer's latest key. */
        s2n_blocked_status blocked;
        CHECK(s2n_send(writer, "ok", 2, &blocked) == 2, "the peer sends data after the flood");
        expect_data_arrives(victim, victim_fd);
        /* The victim's next write: one KeyUpdate, then the data. */
        CHECK(s2n_send(victim, "back", 4, &blocked) == 4, "the victim answers");
        uint8_t raw[4096];
        size_t raw_len = hostile_peer_read(writer_fd, raw, sizeof(raw), 2000);
        struct hostile_rec recs[8];
        size_t leftover = 0;
        int nrec = hostile_split_records(raw, raw_len, recs, 8, &leftover);
        CHECK(nrec == 2 && leftover == 0, "one KeyUpdate record and one data record come back (got %d records, %zu bytes)",
                nrec, raw_len);
        free(out);
        s2n_test_pair_free(&pair);
        hostile_case_end();
    }
}

/* ---- a relay between our real client and server ------------------------------------- */

enum { TAMPER_NONE, TAMPER_FLIP, TAMPER_DROP, TAMPER_REPLAY, TAMPER_SWAP };

/* What to do to one record. */
struct tamper {
    int kind;
    int from_server;
    int index;  /* the how-manieth record from that side */
    int offset; /* FLIP: byte of the whole record (header included); negative: from the end */
};

static int edit_tamper(struct hostile_relay *r, int from_server, uint8_t *rec, size_t *len)
{
    const struct tamper *t = r->ctx;
    if (t->kind == TAMPER_NONE || t->from_server != from_server || t->index != r->count[from_server] - 1) {
        return RELAY_FORWARD;
    }
    r->edited = 1;
    switch (t->kind) {
        case TAMPER_FLIP: {
            size_t off = t->offset >= 0 ? (size_t) t->offset : *len - (size_t) (-t->offset);
            REQUIRE(off < *len);
            rec[off] ^= 0x04;
            return RELAY_FORWARD;
        }
        case TAMPER_DROP:
            return RELAY_DROP;
        case TAMPER_REPLAY:
            return RELAY_REPLAY;
        default:
            return RELAY_HOLD; /* SWAP: after the next record */
    }
}

static struct hostile_relay *relay_new(struct tamper *t)
{
    struct hostile_relay *r = hostile_relay_new(client_config, server_config);
    r->edit = edit_tamper;
    r->ctx = t;
    return r;
}

static void test_relay(void)
{
    /* Control: an untouched relay works. */
    hostile_case_begin("relay: control: untouched handshake");
    {
        struct tamper t = { TAMPER_NONE, 0, -1, 0 };
        struct hostile_relay *r = relay_new(&t);
        struct hostile_relay_result res;
        hostile_relay_handshake(r, &res);
        hostile_relay_expect_completed(&res);
        CHECK(r->count[1] == 3 && r->count[0] == 3, "records: SH, CCS, protected flight / CH, CCS, Finished (%d / %d)",
                r->count[1], r->count[0]);
        hostile_relay_free(r);
    }
    hostile_case_end();

    /* During the handshake.  Server->client records: 0 ServerHello, 1 CCS,
     * 2 the protected rest of the flight (EncryptedExtensions to Finished,
     * coalesced).  Client->server: 0 ClientHello, 1 CCS, 2 Finished.  The
     * side that reads the tampered record fails; the other one must receive
     * its alert. */
    static const struct {
        const char *name;
        struct tamper t;
        int err, alert;
        int other_err;
    } cases[] = {
        { "bit flip in the server's first ciphertext byte", { TAMPER_FLIP, 1, 2, 5 }, S2N_ERR_DECRYPT,
                S2N_ALERT_BAD_RECORD_MAC, S2N_ERR_ALERT },
        { "bit flip in the middle of the server's protected flight", { TAMPER_FLIP, 1, 2, 105 }, S2N_ERR_DECRYPT,
                S2N_ALERT_BAD_RECORD_MAC, S2N_ERR_ALERT },
        { "bit flip in the server's last tag byte", { TAMPER_FLIP, 1, 2, -1 }, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC,
                S2N_ERR_ALERT },
        { "bit flip in a protected record header (version)", { TAMPER_FLIP, 1, 2, 2 }, S2N_ERR_DECRYPT,
                S2N_ALERT_BAD_RECORD_MAC, S2N_ERR_ALERT },
        { "bit flip turns the server CCS into value 5", { TAMPER_FLIP, 1, 1, 5 }, S2N_ERR_CCS_NOT_ALLOWED,
                S2N_ALERT_UNEXPECTED_MESSAGE, S2N_ERR_ALERT },
        { "server's protected flight replayed", { TAMPER_REPLAY, 1, 2, 0 }, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC,
                S2N_ERR_ALERT },
        { "bit flip in the client Finished", { TAMPER_FLIP, 0, 2, 10 }, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC,
                S2N_ERR_ALERT },
        { "client Finished replayed", { TAMPER_REPLAY, 0, 2, 0 }, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC,
                S2N_ERR_ALERT },
        { "client CCS moved after the client Finished", { TAMPER_SWAP, 0, 1, 0 }, S2N_ERR_CCS_NOT_ALLOWED,
                S2N_ALERT_UNEXPECTED_MESSAGE, S2N_ERR_ALERT },
        /* The server derives other keys than the client: the client cannot
         * decrypt the server's flight, and the server cannot decrypt the
         * client's alert (it fails too, with the same error). */
        { "bit flip in the ClientHello random", { TAMPER_FLIP, 0, 0, 20 }, S2N_ERR_DECRYPT, -1, S2N_ERR_DECRYPT },
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
        hostile_case_begin("relay: %s", cases[i].name);
        struct tamper t = cases[i].t;
        struct hostile_relay *r = relay_new(&t);
        struct hostile_relay_result res;
        hostile_relay_handshake(r, &res);
        /* The reader of the tampered record (for a ClientHello flip, the
         * client: the server derives other keys and the client cannot
         * decrypt its EncryptedExtensions). */
        int victim = t.from_server || t.index == 0 ? 0 : 1;
        hostile_relay_victim_fails(r, &res, victim, cases[i].err);
        hostile_relay_other_fails(r, &res, victim, cases[i].other_err, cases[i].alert);
        hostile_relay_free(r);
        hostile_case_end();
    }

    /* After the handshake: application data tampered with in flight. */
    static const struct {
        const char *name;
        int tamper, from_server, offset;
    } post[] = {
        { "client application data with a flipped bit", TAMPER_FLIP, 0, 5 },
        { "server application data with a flipped tag bit", TAMPER_FLIP, 1, -1 },
        { "client application data replayed", TAMPER_REPLAY, 0, 0 },
        { "client application records swapped", TAMPER_SWAP, 0, 0 },
        { "server application record dropped", TAMPER_DROP, 1, 0 },
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(post); i++) {
        hostile_case_begin("relay: %s", post[i].name);
        struct hostile_relay *r = hostile_relay_establish(hostile_relay_new(client_config, server_config));
        int from_server = post[i].from_server;
        struct tamper t = { post[i].tamper, from_server, r->count[from_server], post[i].offset };
        r->edit = edit_tamper;
        r->ctx = &t;
        struct s2n_connection *sender = from_server ? r->server : r->client;
        s2n_blocked_status blocked;
        REQUIRE(s2n_send(sender, "first", 5, &blocked) == 5);
        REQUIRE(s2n_send(sender, "second", 6, &blocked) == 6);
        hostile_relay_pump(r, from_server);
        if (post[i].tamper == TAMPER_REPLAY) {
            int err = 0;
            ssize_t got = 0;
            int rc = hostile_drive_recv(from_server ? r->client : r->server, from_server ? r->cfd : r->sfd, &err, &got,
                    NULL, 0);
            CHECK(rc == DRIVE_OK && got == 5, "the genuine copy arrives (%s, %zd bytes)", hostile_drive_name(rc), got);
        }
        /* The receiver fails, and its alert reaches the sender. */
        hostile_relay_victim_fails(r, NULL, !from_server, S2N_ERR_DECRYPT);
        hostile_relay_other_fails(r, NULL, !from_server, S2N_ERR_ALERT, S2N_ALERT_BAD_RECORD_MAC);
        hostile_relay_free(r);
        hostile_case_end();
    }
}

int main(void)
{
    BEGIN_TEST_INIT();
    hostile_init();

    struct s2n_cert_chain_and_key *ck = NULL;
    server_config = s2n_test_server_config("default_tls13", "server-ecdsa-p256-chain.pem", "server-ecdsa-p256-key.pem", &ck);
    server_chain = ck;
    client_config = s2n_test_client_config("default_tls13", "ca-ecdsa-cert.pem");

    capture_client_hello();
    test_server_controls();
    test_server_client_hello_lengths();
    test_server_client_hello_contents();
    test_server_records();
    test_server_order();
    test_client_server_hello();
    test_client_hello_retry();
    test_client_encrypted();
    test_client_certificate_lengths();
    test_post_handshake();
    test_key_update_flood();
    test_relay();

    printf("# %d bad-input cases\n", hostile_case_count());
    EXPECT_SUCCESS(s2n_config_free(server_config));
    EXPECT_SUCCESS(s2n_config_free(client_config));
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ck));
    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
