/* Bad input from a scripted or tampering peer, against our TLS 1.2 client
 * and server: the TLS 1.3 downgrade sentinel in a TLS 1.2 ServerHello,
 * ServerKeyExchange with a bad signature or a bad point (re-signed with the
 * server's own key, so the point check itself is reached), ClientKeyExchange
 * with a point not on the curve, short, long and wrong Finished messages,
 * bit-flipped records after the ChangeCipherSpec and after the handshake,
 * renegotiation attempts in both directions, and ClientHellos that offer
 * only suites or versions we do not implement.
 *
 * Every failing case must end with s2n_negotiate/s2n_recv returning -1 with
 * the expected s2n_errno (never a BLOCKED one), with the expected fatal alert
 * as the last record our side put on the wire (read back in plaintext, or
 * decrypted with the sender's own TLS 1.2 keys), and with the peer receiving
 * that alert; in bounded time (non-blocking sockets, poll timeouts and an
 * alarm per case), without a crash or a leak.
 *
 * Scripted peers work on raw bytes over a socketpair.  Tampering uses a relay
 * between our real client and server that can rewrite any record: plaintext
 * handshake messages are edited with their lengths fixed up; protected
 * records are opened and resealed with the keys the sender installed
 * (borrowed from the connection under test). */
#include "s2n_hostile.h"
#include "s2n_testlib.h"
#include "tls/s2n_handshake.h"

static struct s2n_config *ecdsa_server_config, *rsa_server_config;
static struct s2n_config *ecdsa_client_config, *rsa_client_config;
static struct s2n_cert_chain_and_key *ecdsa_chain, *rsa_chain;
static const struct s2n_security_policy *policy_tls12_only; /* "20240501" */

static const uint8_t tls11_sentinel[8] = { 0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00 };

/* ---- records ----------------------------------------------------------------- */

/* TLS 1.2 AEAD protection done by hand (RFC 5288 / RFC 7905), with keys
 * copied from one direction of a connection under test. */
struct k12 {
    struct s2n_aead aead;
    uint8_t iv[S2N_AEAD_NONCE_LEN];
    int explicit_nonce;
    uint64_t seq;
};

static void k12_from(struct k12 *k, const struct s2n_connection *conn, const struct s2n_record_keys *src, int encrypt,
        uint64_t seq)
{
    memset(k, 0, sizeof(*k));
    REQUIRE(src->active && src->tls12 && conn->cipher_suite != NULL);
    REQUIRE(s2n_aead_set_key(&k->aead, (s2n_aead_alg) conn->cipher_suite->aead, encrypt, src->key) == 0);
    memcpy(k->iv, src->iv, S2N_AEAD_NONCE_LEN);
    k->explicit_nonce = src->explicit_nonce;
    k->seq = seq;
}

static void k12_free(struct k12 *k)
{
    s2n_aead_free(&k->aead);
}

static void k12_nonce(const struct k12 *k, uint8_t nonce[S2N_AEAD_NONCE_LEN])
{
    if (k->explicit_nonce) {
        memcpy(nonce, k->iv, 4);
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (uint8_t) (k->seq >> (56 - 8 * i));
        }
        return;
    }
    memcpy(nonce, k->iv, S2N_AEAD_NONCE_LEN);
    for (int i = 0; i < 8; i++) {
        nonce[S2N_AEAD_NONCE_LEN - 1 - i] ^= (uint8_t) (k->seq >> (8 * i));
    }
}

static void k12_aad(uint64_t seq, uint8_t type, uint32_t len, uint8_t aad[13])
{
    for (int i = 0; i < 8; i++) {
        aad[i] = (uint8_t) (seq >> (56 - 8 * i));
    }
    aad[8] = type;
    aad[9] = 3;
    aad[10] = 3;
    hostile_put16(aad + 11, len);
}

static size_t seal12(struct k12 *k, uint8_t type, const uint8_t *data, uint32_t len, uint8_t *out)
{
    uint32_t ex = k->explicit_nonce ? 8 : 0;
    uint32_t body = ex + len + S2N_AEAD_TAG_LEN;
    out[0] = type;
    out[1] = 3;
    out[2] = 3;
    hostile_put16(out + 3, body);
    uint8_t nonce[S2N_AEAD_NONCE_LEN], aad[13];
    k12_nonce(k, nonce);
    memcpy(out + 5, nonce + 4, ex);
    k12_aad(k->seq, type, len, aad);
    REQUIRE(s2n_aead_seal(&k->aead, nonce, aad, sizeof(aad), data, len, out + 5 + ex) == 0);
    k->seq++;
    return 5 + body;
}

/* 0 and the plaintext, or -1 if the record does not open. */
static int open12(struct k12 *k, const uint8_t *rec, uint8_t *plain, uint32_t *plain_len)
{
    uint16_t len = hostile_get16(rec + 3);
    uint32_t ex = k->explicit_nonce ? 8 : 0;
    if (len < ex + S2N_AEAD_TAG_LEN) {
        return -1;
    }
    uint8_t nonce[S2N_AEAD_NONCE_LEN], aad[13];
    k12_nonce(k, nonce);
    memcpy(nonce + 4, rec + 5, ex);
    uint32_t p = len - ex - S2N_AEAD_TAG_LEN;
    k12_aad(k->seq, rec[0], p, aad);
    int rc = s2n_aead_open(&k->aead, nonce, aad, sizeof(aad), rec + 5 + ex, len - ex, plain);
    s2n_errno = 0;
    if (rc != 0) {
        return -1;
    }
    k->seq++;
    *plain_len = p;
    return 0;
}

/* Open @raw, an alert record and the last one @sender protected with its
 * write keys: 0 and the plaintext, or -1. */
static int open_last_alert(struct s2n_connection *sender, const uint8_t *raw, size_t n, uint8_t *plain, uint32_t *plain_len)
{
    if (n < 5 || raw[0] != S2N_CT_ALERT || !sender->write_keys.active || sender->write_keys.seq == 0) {
        return -1;
    }
    struct k12 k;
    k12_from(&k, sender, &sender->write_keys, 0, sender->write_keys.seq - 1);
    int rc = open12(&k, raw, plain, plain_len);
    k12_free(&k);
    return rc;
}

/* @raw must be the fatal alert @desc sent by @sender: in plaintext, or
 * protected with the sender's write keys as its last record. */
static void expect_alert_record(const char *who, struct s2n_connection *sender, const uint8_t *raw, size_t n, uint8_t desc,
        int encrypted)
{
    char h[80];
    hostile_hex(raw, n < 24 ? n : 24, h, sizeof(h));
    if (!encrypted) {
        static const uint8_t prefix[5] = { S2N_CT_ALERT, 3, 3, 0, 2 };
        CHECK(n == 7 && memcmp(raw, prefix, 5) == 0 && raw[5] == 2 && raw[6] == desc,
                "%s sent the plaintext fatal alert %u (15 03 03 00 02 02 %02x); last record: %s", who, desc, desc, h);
        return;
    }
    uint8_t plain[WIRE_MAX];
    uint32_t plain_len = 0;
    int ok = open_last_alert(sender, raw, n, plain, &plain_len) == 0;
    CHECK(ok && plain_len == 2 && plain[0] == 2 && plain[1] == desc,
            "%s sent the protected fatal alert %u; last record %s, decrypted %s [%u %u]", who, desc, h, ok ? "ok" : "FAILED",
            plain_len > 0 ? plain[0] : 0, plain_len > 1 ? plain[1] : 0);
}

/* ---- handshake messages inside a plaintext record ---------------------------------- */

/* Offset (from the record start) of the first handshake message of @type,
 * and its body length; -1 if absent. */
static long msg_find(const uint8_t *rec, size_t rec_len, uint8_t type, size_t *body_len)
{
    size_t off = 5;
    while (off + 4 <= rec_len) {
        size_t len = (size_t) rec[off + 1] << 16 | (size_t) rec[off + 2] << 8 | rec[off + 3];
        if (off + 4 + len > rec_len) {
            return -1;
        }
        if (rec[off] == type) {
            *body_len = len;
            return (long) off;
        }
        off += 4 + len;
    }
    return -1;
}

/* Replace the body of the message at @off, fixing its length and the record's. */
static void msg_replace(uint8_t *rec, size_t *rec_len, size_t off, size_t old_len, const uint8_t *body, size_t new_len)
{
    size_t tail = *rec_len - (off + 4 + old_len);
    REQUIRE(*rec_len - old_len + new_len <= WIRE_MAX);
    memmove(rec + off + 4 + new_len, rec + off + 4 + old_len, tail);
    memcpy(rec + off + 4, body, new_len);
    hostile_put24(rec + off + 1, new_len);
    *rec_len = *rec_len - old_len + new_len;
    hostile_put16(rec + 3, *rec_len - 5);
}

/* Edits the body of a handshake message (@n bytes, with room to grow by 64). */
typedef void (*body_edit_fn)(struct hostile_relay *r, uint8_t *body, size_t *n);

/* A mutation any message can take (beside each edit's own, numbered from 0). */
#define TRAILING_BYTE 100 /* one zero byte appended */

/* Rewrite the first handshake message of @type in the plaintext record
 * @rec through @edit (or TRAILING_BYTE), fixing the lengths; returns what
 * the relay does. */
static int edit_message(struct hostile_relay *r, uint8_t *rec, size_t *len, uint8_t type, body_edit_fn edit)
{
    size_t blen = 0;
    long off = rec[0] == S2N_CT_HANDSHAKE ? msg_find(rec, *len, type, &blen) : -1;
    if (off < 0) {
        return RELAY_FORWARD;
    }
    static uint8_t body[WIRE_MAX];
    REQUIRE(blen + 64 <= sizeof(body));
    memcpy(body, rec + off + 4, blen);
    size_t n = blen;
    if (r->mutation == TRAILING_BYTE) {
        body[n++] = 0;
    } else {
        edit(r, body, &n);
    }
    msg_replace(rec, len, (size_t) off, blen, body, n);
    r->edited = 1;
    return RELAY_FORWARD;
}

/* ---- a relay between our real client and server ------------------------------------- */

struct relay_opts {
    int rsa;           /* RSA certificate (else ECDSA P-256) */
    uint8_t suite[2];  /* the only suite the server accepts (0: ECDHE-ECDSA/RSA-AES128-GCM) */
    uint16_t group;    /* the only group the server accepts (0: secp256r1) */
    int server_tls13;  /* keep the server's own policy (default_tls13): it can do TLS 1.3 */
};

/* What this test's relays hold beside the shared relay (its ctx). */
struct relay_setup {
    struct s2n_security_policy server_policy; /* points at suite and group */
    const struct s2n_cipher_suite *suite;
    uint16_t group;
    struct s2n_cert_chain_and_key *server_chain;
};

static struct relay_setup *setup_of(const struct hostile_relay *r)
{
    return r->ctx;
}

static struct hostile_relay *relay_new(const struct relay_opts *o)
{
    struct relay_setup *x = calloc(1, sizeof(*x));
    REQUIRE(x != NULL);
    uint8_t default_suite[2] = { 0xC0, o->rsa ? 0x2F : 0x2B };
    x->suite = s2n_cipher_suite_from_iana(o->suite[0] || o->suite[1] ? o->suite : default_suite);
    REQUIRE(x->suite != NULL);
    x->group = o->group ? o->group : S2N_GROUP_SECP256R1;
    /* A server policy with one TLS 1.2 suite cannot do TLS 1.3: our client
     * (default_tls13, offering TLS 1.3 and 1.2) lands on TLS 1.2 without
     * the downgrade sentinel. */
    s2n_test_policy_narrow(&x->server_policy, "default_tls13", &x->suite, &x->group);
    x->server_chain = o->rsa ? rsa_chain : ecdsa_chain;
    struct hostile_relay *r = hostile_relay_new(o->rsa ? rsa_client_config : ecdsa_client_config,
            o->rsa ? rsa_server_config : ecdsa_server_config);
    if (!o->server_tls13) {
        r->server->policy_override = &x->server_policy;
    }
    r->ctx = x;
    return r;
}

static void relay_free(struct hostile_relay *r)
{
    free(setup_of(r));
    hostile_relay_free(r);
}

/* After a relayed handshake (res NULL: after the handshake) in which
 * @victim (0 client, 1 server) must fail on what it received: its error,
 * its alert as the last record it sent, and the other side failing with
 * that alert. */
static void relay_expect(struct hostile_relay *r, const struct hostile_relay_result *res, int victim, int err, uint8_t alert,
        int encrypted)
{
    hostile_relay_victim_fails(r, res, victim, err);
    expect_alert_record(victim ? "server" : "client", victim ? r->server : r->client, r->last[victim], r->last_len[victim],
            alert, encrypted);
    hostile_relay_other_fails(r, res, victim, S2N_ERR_ALERT, alert);
}

/* A relayed handshake in which @edit makes @mutation, and @victim must
 * fail as relay_expect says. */
static void relay_case(const struct relay_opts *o, hostile_edit_fn edit, int mutation, int victim, int err, uint8_t alert,
        int encrypted)
{
    struct hostile_relay *r = relay_new(o);
    r->edit = edit;
    r->mutation = mutation;
    struct hostile_relay_result res;
    hostile_relay_handshake(r, &res);
    relay_expect(r, &res, victim, err, alert, encrypted);
    relay_free(r);
}

/* ---- the relay's edits ----------------------------------------------------------------- */

enum {
    SKE_FLIP_SIGNATURE,
    SKE_FLIP_POINT,           /* not re-signed: the signature check fails first */
    SKE_RESIGN_ONLY,          /* control: re-signed, same point */
    SKE_RESIGN_OFF_CURVE,     /* y flipped, re-signed */
    SKE_RESIGN_BAD_PREFIX,    /* 0x05 instead of 0x04, re-signed */
    SKE_RESIGN_SHORT_POINT,   /* one byte short, re-signed */
    SKE_RESIGN_ZERO_X25519,   /* the all-zero x25519 point, re-signed */
    SKE_UNKNOWN_CURVE,        /* named curve secp256k1 (22) */
    SKE_EXPLICIT_CURVE,       /* curve_type explicit_prime (1) */
    SKE_SCHEME_MISMATCH,      /* a scheme that does not fit the certificate's key */
    SKE_TRUNCATED,            /* one byte short: the signature vector overruns */
};

/* Sign ServerKeyExchange params again with the server's own key. */
static void ske_resign(struct hostile_relay *r, uint8_t *body, size_t *body_len)
{
    size_t params_len = 4u + body[3];
    uint16_t iana = hostile_get16(body + params_len);
    const struct s2n_signature_scheme *s = s2n_signature_scheme_from_iana(iana);
    REQUIRE(s != NULL && r->client->hs != NULL && r->server->hs != NULL);
    uint8_t content[64 + 4 + 255];
    REQUIRE(params_len <= 4 + 255);
    memcpy(content, r->client->hs->client_random, 32);
    memcpy(content + 32, r->server->hs->server_random, 32);
    memcpy(content + 64, body, params_len);
    const struct s2n_pkey *key = &setup_of(r)->server_chain->private_key;
    uint32_t sig_len = s2n_pkey_max_signature_size(key);
    REQUIRE(params_len + 4 + sig_len <= 2048);
    REQUIRE(s2n_pkey_sign(key, (s2n_sig_padding) s->padding, (s2n_hash_alg) s->hash, content, (uint32_t) (64 + params_len),
                    body + params_len + 4, &sig_len)
            == 0);
    hostile_put16(body + params_len + 2, sig_len);
    *body_len = params_len + 4 + sig_len;
}

static void mutate_ske(struct hostile_relay *r, uint8_t *body, size_t *body_len)
{
    size_t n = *body_len;
    uint8_t *point = body + 4;
    size_t point_len = body[3];
    size_t params_len = 4 + point_len;
    switch (r->mutation) {
        case SKE_FLIP_SIGNATURE:
            body[n - 1] ^= 0x01;
            break;
        case SKE_FLIP_POINT:
            point[point_len - 1] ^= 0x01;
            break;
        case SKE_RESIGN_ONLY:
            ske_resign(r, body, &n);
            break;
        case SKE_RESIGN_OFF_CURVE:
            point[point_len - 1] ^= 0x01;
            ske_resign(r, body, &n);
            break;
        case SKE_RESIGN_BAD_PREFIX:
            point[0] = 0x05;
            ske_resign(r, body, &n);
            break;
        case SKE_RESIGN_SHORT_POINT:
            memmove(body + params_len - 1, body + params_len, n - params_len);
            body[3]--;
            n--;
            ske_resign(r, body, &n);
            break;
        case SKE_RESIGN_ZERO_X25519:
            REQUIRE(hostile_get16(body + 1) == S2N_GROUP_X25519);
            memset(point, 0, point_len);
            ske_resign(r, body, &n);
            break;
        case SKE_UNKNOWN_CURVE:
            hostile_put16(body + 1, 22);
            break;
        case SKE_EXPLICIT_CURVE:
            body[0] = 1;
            break;
        case SKE_SCHEME_MISMATCH:
            /* rsa_pss_rsae_sha256 for an ECDSA key, ecdsa_secp256r1_sha256 for an RSA key */
            hostile_put16(body + params_len,
                    setup_of(r)->server_chain->private_key.type == S2N_PKEY_ECDSA ? 0x0804 : 0x0403);
            break;
        case SKE_TRUNCATED:
            n--;
            break;
        default:
            REQUIRE(0);
    }
    *body_len = n;
}

static int edit_ske(struct hostile_relay *r, int from_server, uint8_t *rec, size_t *len)
{
    return from_server ? edit_message(r, rec, len, S2N_HS_SERVER_KEY_EXCHANGE, mutate_ske) : RELAY_FORWARD;
}

enum {
    CKE_OFF_CURVE,   /* last byte of y flipped */
    CKE_BAD_PREFIX,  /* 0x05 */
    CKE_COMPRESSED,  /* 0x02 || x: the compressed form, never negotiated */
    CKE_SHORT_POINT, /* one byte short */
    CKE_EMPTY,       /* an empty point */
    CKE_ZERO_X25519, /* the all-zero x25519 point */
};

static void mutate_cke(struct hostile_relay *r, uint8_t *body, size_t *body_len)
{
    size_t n = *body_len;
    REQUIRE(n >= 2);
    uint8_t *point = body + 1;
    size_t point_len = body[0];
    switch (r->mutation) {
        case CKE_OFF_CURVE:
            point[point_len - 1] ^= 0x01;
            break;
        case CKE_BAD_PREFIX:
            point[0] = 0x05;
            break;
        case CKE_COMPRESSED:
            point[0] = 0x02;
            body[0] = (uint8_t) (1 + (point_len - 1) / 2);
            n = 1u + body[0];
            break;
        case CKE_SHORT_POINT:
            body[0]--;
            n--;
            break;
        case CKE_EMPTY:
            body[0] = 0;
            n = 1;
            break;
        case CKE_ZERO_X25519:
            REQUIRE(point_len == 32);
            memset(point, 0, point_len);
            break;
        default:
            REQUIRE(0);
    }
    *body_len = n;
}

static int edit_cke(struct hostile_relay *r, int from_server, uint8_t *rec, size_t *len)
{
    return !from_server && !r->after_ccs[0] ? edit_message(r, rec, len, S2N_HS_CLIENT_KEY_EXCHANGE, mutate_cke)
                                            : RELAY_FORWARD;
}

enum {
    FIN_SHORT,      /* 11 bytes of verify_data */
    FIN_LONG,       /* 13 bytes */
    FIN_EMPTY,      /* none */
    FIN_WRONG,      /* 12 bytes, one bit flipped */
    FIN_FLIP_NONCE, /* a bit flipped in the record's first body byte (explicit nonce for AES-GCM) */
    FIN_FLIP_BODY,  /* in the middle of the ciphertext */
    FIN_FLIP_TAG,   /* in the last tag byte */
    FIN_TYPE_ALERT, /* the record's content type changed to alert (authenticated data) */
};

/* The side whose Finished (its first record after its ChangeCipherSpec) or
 * ChangeCipherSpec is rewritten: 0 client, 1 server. */
static int fin_side;

static int edit_finished(struct hostile_relay *r, int from_server, uint8_t *rec, size_t *len)
{
    if (from_server != fin_side || !r->after_ccs[from_server] || rec[0] != S2N_CT_HANDSHAKE || r->edited) {
        return RELAY_FORWARD;
    }
    struct s2n_connection *sender = from_server ? r->server : r->client;
    r->edited = 1;
    switch (r->mutation) {
        case FIN_FLIP_NONCE:
            rec[5] ^= 0x01;
            return RELAY_FORWARD;
        case FIN_FLIP_BODY:
            rec[5 + (*len - 5) / 2] ^= 0x01;
            return RELAY_FORWARD;
        case FIN_FLIP_TAG:
            rec[*len - 1] ^= 0x01;
            return RELAY_FORWARD;
        case FIN_TYPE_ALERT:
            rec[0] = S2N_CT_ALERT;
            return RELAY_FORWARD;
        default:
            break;
    }
    /* Open the genuine Finished (the first record under the new keys). */
    uint8_t plain[WIRE_MAX];
    uint32_t plain_len = 0;
    struct k12 k;
    k12_from(&k, sender, &sender->write_keys, 0, 0);
    int opened = open12(&k, rec, plain, &plain_len);
    k12_free(&k);
    CHECK(opened == 0 && plain_len == 16 && plain[0] == S2N_HS_FINISHED, "the genuine Finished opens (%d, %u bytes)", opened,
            plain_len);
    if (opened != 0) {
        return RELAY_FORWARD;
    }
    switch (r->mutation) {
        case FIN_SHORT:
            plain_len = 4 + 11;
            break;
        case FIN_LONG:
            plain[plain_len++] = 0x55;
            break;
        case FIN_EMPTY:
            plain_len = 4;
            break;
        case FIN_WRONG:
            plain[10] ^= 0x01;
            break;
        default:
            REQUIRE(0);
    }
    hostile_put24(plain + 1, plain_len - 4);
    k12_from(&k, sender, &sender->write_keys, 1, 0);
    *len = seal12(&k, S2N_CT_HANDSHAKE, plain, plain_len, rec);
    k12_free(&k);
    return RELAY_FORWARD;
}

static int edit_ccs(struct hostile_relay *r, int from_server, uint8_t *rec, size_t *len)
{
    (void) len;
    if (from_server != fin_side || rec[0] != S2N_CT_CHANGE_CIPHER_SPEC) {
        return RELAY_FORWARD;
    }
    rec[5] = (uint8_t) r->mutation;
    r->edited = 1;
    return RELAY_FORWARD;
}

/* An attacker removes supported_versions from our client's ClientHello. */
static void remove_supported_versions(struct hostile_relay *r, uint8_t *body, size_t *body_len)
{
    (void) r;
    size_t i = 35u + body[34];            /* version, random, session id */
    i += 2u + hostile_get16(body + i);    /* cipher suites */
    i += 1u + body[i];                    /* compression methods */
    size_t end = i + 2 + hostile_get16(body + i);
    REQUIRE(end == *body_len);
    for (size_t e = i + 2; e + 4 <= end;) {
        size_t ext_len = 4u + hostile_get16(body + e + 2);
        if (hostile_get16(body + e) == 43) {
            memmove(body + e, body + e + ext_len, end - e - ext_len);
            end -= ext_len;
        } else {
            e += ext_len;
        }
    }
    hostile_put16(body + i, end - i - 2);
    CHECK(end < *body_len, "supported_versions removed from the ClientHello");
    *body_len = end;
}

static int edit_strip_supported_versions(struct hostile_relay *r, int from_server, uint8_t *rec, size_t *len)
{
    return !from_server && !r->edited ? edit_message(r, rec, len, S2N_HS_CLIENT_HELLO, remove_supported_versions)
                                      : RELAY_FORWARD;
}

/* ---- the client under test: scripted ServerHello ------------------------------------- */

/* The only record waiting on the wire must be the plaintext fatal alert @desc. */
static void expect_plain_alert_on_wire(struct hostile_side *s, const char *who, uint8_t desc)
{
    uint8_t buf[WIRE_MAX];
    size_t n = hostile_peer_read(s->peer, buf, sizeof(buf), WAIT_MS);
    expect_alert_record(who, s->conn, buf, n, desc, 0);
}

/* Our side's drive came to @rc, @got: it failed with @err and sent the plaintext fatal alert @alert. */
static void expect_refused(struct hostile_side *s, const char *who, int rc, int got, int err, uint8_t alert)
{
    hostile_expect_failure(who, rc, got, err);
    expect_plain_alert_on_wire(s, who, alert);
}

/* A TLS 1.2 ServerHello record: version, random ending in @tail (NULL:
 * random bytes only), @suite, EMS and renegotiation_info. */
static size_t server_hello12(uint8_t *out, uint16_t version, const uint8_t *tail, const uint8_t suite[2])
{
    uint8_t *b = out + 9;
    size_t n = 0;
    hostile_put16(b, version);
    n += 2;
    for (int i = 0; i < 32; i++) {
        b[n + (size_t) i] = (uint8_t) (0x30 + i);
    }
    if (tail) {
        memcpy(b + n + 24, tail, 8);
    }
    n += 32;
    b[n++] = 0; /* session id */
    b[n++] = suite[0];
    b[n++] = suite[1];
    b[n++] = 0; /* compression */
    static const uint8_t exts[] = { 0x00, 0x17, 0x00, 0x00, 0xff, 0x01, 0x00, 0x01, 0x00 };
    hostile_put16(b + n, sizeof(exts));
    n += 2;
    memcpy(b + n, exts, sizeof(exts));
    n += sizeof(exts);
    return hostile_hs_record_header(out, 3, S2N_HS_SERVER_HELLO, n);
}

/* Our client (@policy: its override) sends its ClientHello; the script
 * answers with @sh.  Returns the client's result after reading it. */
static int client_vs_server_hello(struct hostile_side *s, const struct s2n_security_policy *policy, const uint8_t *sh,
        size_t sh_len, int *err)
{
    hostile_side_new(s, S2N_CLIENT, ecdsa_client_config, policy);
    int rc = hostile_drive(s->conn, s->fd, err);
    CHECK(rc == DRIVE_BLOCKED, "the client sends its ClientHello and waits (%s)", hostile_drive_name(rc));
    uint8_t buf[WIRE_MAX];
    size_t n = hostile_peer_read(s->peer, buf, sizeof(buf), WAIT_MS);
    CHECK(n > 9 && buf[0] == S2N_CT_HANDSHAKE && buf[5] == S2N_HS_CLIENT_HELLO, "a ClientHello is on the wire (%zu bytes)", n);
    hostile_peer_write(s->peer, sh, sh_len);
    return hostile_drive(s->conn, s->fd, err);
}

static void test_client_server_hello(void)
{
    static const uint8_t suite[2] = { 0xC0, 0x2B };
    uint8_t sh[512];
    struct hostile_side s;
    int err = 0, rc;

    hostile_case_begin("client: control: TLS 1.2 ServerHello without a sentinel");
    rc = client_vs_server_hello(&s, NULL, sh, server_hello12(sh, 0x0303, NULL, suite), &err);
    CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the client accepts it and waits for the Certificate (%s %s)",
            hostile_drive_name(rc), s2n_strerror_name(err));
    CHECK(s2n_connection_get_actual_protocol_version(s.conn) == S2N_TLS12, "actual protocol version 33 (got %d)",
            s2n_connection_get_actual_protocol_version(s.conn));
    hostile_expect_wire_empty(s.peer, "the client waits");
    hostile_side_free(&s);
    hostile_case_end();

    hostile_case_begin("client: TLS 1.2 ServerHello with the TLS 1.2 downgrade sentinel (offered TLS 1.3)");
    rc = client_vs_server_hello(&s, NULL, sh, server_hello12(sh, 0x0303, s2n_tls12_downgrade_sentinel, suite), &err);
    expect_refused(&s, "client", rc, err, S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED, S2N_ALERT_ILLEGAL_PARAMETER);
    hostile_expect_no_alert_received("client", s.conn);
    hostile_side_free(&s);
    hostile_case_end();

    /* RFC 8446 4.1.3: a TLS 1.3 client receiving a ServerHello for TLS 1.2
     * or below MUST check for either value. */
    hostile_case_begin("client: TLS 1.2 ServerHello with the TLS 1.1 downgrade sentinel (offered TLS 1.3)");
    rc = client_vs_server_hello(&s, NULL, sh, server_hello12(sh, 0x0303, tls11_sentinel, suite), &err);
    expect_refused(&s, "client", rc, err, S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED, S2N_ALERT_ILLEGAL_PARAMETER);
    hostile_side_free(&s);
    hostile_case_end();

    /* A client that did not offer TLS 1.3 was not downgraded. */
    hostile_case_begin("client: TLS 1.2-only client accepts a ServerHello with the TLS 1.2 sentinel");
    rc = client_vs_server_hello(&s, policy_tls12_only, sh, server_hello12(sh, 0x0303, s2n_tls12_downgrade_sentinel, suite), &err);
    CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the client accepts it and waits for the Certificate (%s %s)",
            hostile_drive_name(rc), s2n_strerror_name(err));
    hostile_expect_wire_empty(s.peer, "the client waits");
    hostile_side_free(&s);
    hostile_case_end();

    hostile_case_begin("client: TLS 1.2 ServerHello choosing static RSA (002F), never offered");
    rc = client_vs_server_hello(&s, NULL, sh, server_hello12(sh, 0x0303, NULL, (const uint8_t[]) { 0x00, 0x2F }), &err);
    expect_refused(&s, "client", rc, err, S2N_ERR_CIPHER_NOT_SUPPORTED, S2N_ALERT_ILLEGAL_PARAMETER);
    hostile_side_free(&s);
    hostile_case_end();

    hostile_case_begin("client: ServerHello for TLS 1.1 (0302)");
    rc = client_vs_server_hello(&s, NULL, sh, server_hello12(sh, 0x0302, NULL, suite), &err);
    expect_refused(&s, "client", rc, err, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED, S2N_ALERT_PROTOCOL_VERSION);
    hostile_side_free(&s);
    hostile_case_end();
}

/* ---- the server under test: scripted ClientHello ------------------------------------- */

static uint8_t ch12[WIRE_MAX]; /* our TLS 1.2-only client's ClientHello body */
static size_t ch12_len;

static void capture_tls12_client_hello(void)
{
    hostile_case_begin("capture our TLS 1.2-only client's ClientHello");
    struct hostile_side s;
    hostile_side_new(&s, S2N_CLIENT, ecdsa_client_config, policy_tls12_only);
    ch12_len = hostile_capture_client_hello(&s, ch12, sizeof(ch12));
    REQUIRE(hostile_get16(ch12) == 0x0303);
    hostile_side_free(&s);
    hostile_case_end();
}

/* A ClientHello record from the captured one with another legacy version
 * and cipher suite list. */
static size_t client_hello12(uint8_t *out, uint16_t version, const uint8_t *suites, size_t suites_len)
{
    size_t sid_end = 35u + ch12[34];
    size_t old_suites = hostile_get16(ch12 + sid_end);
    size_t rest = sid_end + 2 + old_suites;
    uint8_t *b = out + 9;
    memcpy(b, ch12, sid_end);
    hostile_put16(b, version);
    hostile_put16(b + sid_end, suites_len);
    memcpy(b + sid_end + 2, suites, suites_len);
    memcpy(b + sid_end + 2 + suites_len, ch12 + rest, ch12_len - rest);
    return hostile_hs_record_header(out, 1, S2N_HS_CLIENT_HELLO, sid_end + 2 + suites_len + ch12_len - rest);
}

/* Our server (@policy: its override) reads the ClientHello @wire.  Returns its result. */
static int server_vs_client_hello(struct hostile_side *s, const struct s2n_security_policy *policy, const uint8_t *wire,
        size_t n, int *err)
{
    hostile_side_new(s, S2N_SERVER, ecdsa_server_config, policy);
    hostile_peer_write(s->peer, wire, n);
    return hostile_drive(s->conn, s->fd, err);
}

static void test_server_client_hello(void)
{
    static uint8_t wire[WIRE_MAX];
    size_t sid_end = 35u + ch12[34];
    const uint8_t *our_suites = ch12 + sid_end + 2;
    size_t our_suites_len = hostile_get16(ch12 + sid_end);
    struct hostile_side s;
    int err = 0, rc;

    /* Controls: our server answers the TLS 1.2 ClientHello, and marks its
     * ServerHello with the sentinel only when it could have done TLS 1.3. */
    for (int tls13_capable = 1; tls13_capable >= 0; tls13_capable--) {
        hostile_case_begin("server: control: TLS 1.2 ClientHello answered by a %s server",
                tls13_capable ? "TLS 1.3-capable" : "TLS 1.2-only");
        size_t ch_len = client_hello12(wire, 0x0303, our_suites, our_suites_len);
        rc = server_vs_client_hello(&s, tls13_capable ? NULL : policy_tls12_only, wire, ch_len, &err);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED,
                "the server sends its flight and waits for the ClientKeyExchange (%s %s)", hostile_drive_name(rc),
                s2n_strerror_name(err));
        uint8_t buf[WIRE_MAX];
        size_t n = hostile_peer_read(s.peer, buf, sizeof(buf), WAIT_MS);
        size_t blen = 0;
        size_t first = n > 5 ? 5u + hostile_get16(buf + 3) : 0; /* the flight fits one record */
        first = first < n ? first : n;
        long sh = n > 9 && buf[0] == S2N_CT_HANDSHAKE ? msg_find(buf, first, S2N_HS_SERVER_HELLO, &blen) : -1;
        long done = n > 9 && buf[0] == S2N_CT_HANDSHAKE ? msg_find(buf, first, S2N_HS_SERVER_HELLO_DONE, &blen) : -1;
        CHECK(sh == 5 && done > 0, "ServerHello ... ServerHelloDone on the wire (%zu bytes)", n);
        if (sh == 5) {
            const uint8_t *tail = buf + 9 + 2 + 24;
            int marked = memcmp(tail, s2n_tls12_downgrade_sentinel, 8) == 0;
            CHECK(marked == tls13_capable && hostile_get16(buf + 9) == 0x0303, "ServerHello version 0303, random %s the sentinel",
                    tls13_capable ? "ends with" : "does not end with");
        }
        hostile_side_free(&s);
        hostile_case_end();
    }

    /* Only suites libs2n does not implement. */
    static const struct {
        const char *name;
        uint8_t suites[8];
        size_t len;
    } unusable[] = {
        { "static RSA AES128-SHA (002F) only", { 0x00, 0x2F }, 2 },
        { "static RSA (002F) and the renegotiation SCSV", { 0x00, 0x2F, 0x00, 0xFF }, 4 },
        { "static RSA AES-GCM (009C, 009D) only", { 0x00, 0x9C, 0x00, 0x9D }, 4 },
        { "DHE-RSA-AES128-GCM (009E) only", { 0x00, 0x9E }, 2 },
        { "ECDHE-ECDSA-AES128-SHA (C009, CBC) only", { 0xC0, 0x09 }, 2 },
        { "3DES (000A) only", { 0x00, 0x0A }, 2 },
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(unusable); i++) {
        hostile_case_begin("server: TLS 1.2 ClientHello offering %s", unusable[i].name);
        rc = server_vs_client_hello(&s, NULL, wire, client_hello12(wire, 0x0303, unusable[i].suites, unusable[i].len), &err);
        expect_refused(&s, "server", rc, err, S2N_ERR_CIPHER_NOT_SUPPORTED, S2N_ALERT_HANDSHAKE_FAILURE);
        hostile_expect_no_alert_received("server", s.conn);
        hostile_side_free(&s);
        hostile_case_end();
    }

    /* A suite of the policy we do not implement (ECDHE-ECDSA-AES128-SHA256, CBC). */
    hostile_case_begin("server: TLS 1.2 ClientHello offering ECDHE-ECDSA-AES128-SHA256 (C023, CBC) only");
    size_t ch_len = client_hello12(wire, 0x0303, (const uint8_t[]) { 0xC0, 0x23 }, 2);
    rc = server_vs_client_hello(&s, policy_tls12_only, wire, ch_len, &err);
    expect_refused(&s, "server", rc, err, S2N_ERR_CIPHER_NOT_SUPPORTED, S2N_ALERT_HANDSHAKE_FAILURE);
    hostile_side_free(&s);
    hostile_case_end();

    hostile_case_begin("server: ClientHello whose highest version is TLS 1.1 (0302)");
    rc = server_vs_client_hello(&s, NULL, wire, client_hello12(wire, 0x0302, our_suites, our_suites_len), &err);
    expect_refused(&s, "server", rc, err, S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED, S2N_ALERT_PROTOCOL_VERSION);
    hostile_side_free(&s);
    hostile_case_end();

    /* RFC 7507: TLS_FALLBACK_SCSV from a TLS 1.2 client to a TLS 1.3-capable server. */
    {
        uint8_t suites[128];
        REQUIRE(our_suites_len + 2 <= sizeof(suites));
        memcpy(suites, our_suites, our_suites_len);
        suites[our_suites_len] = 0x56;
        suites[our_suites_len + 1] = 0x00;
        hostile_case_begin("server: TLS 1.2 ClientHello with TLS_FALLBACK_SCSV, TLS 1.3-capable server");
        rc = server_vs_client_hello(&s, NULL, wire, client_hello12(wire, 0x0303, suites, our_suites_len + 2), &err);
        expect_refused(&s, "server", rc, err, S2N_ERR_FALLBACK_DETECTED, S2N_ALERT_INAPPROPRIATE_FALLBACK);
        hostile_side_free(&s);
        hostile_case_end();

        hostile_case_begin("server: TLS 1.2 ClientHello with TLS_FALLBACK_SCSV, TLS 1.2-only server (no fallback)");
        rc = server_vs_client_hello(&s, policy_tls12_only, wire, client_hello12(wire, 0x0303, suites, our_suites_len + 2), &err);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the server answers and waits (%s %s)", hostile_drive_name(rc),
                s2n_strerror_name(err));
        hostile_side_free(&s);
        hostile_case_end();
    }
}

/* ---- relayed handshakes --------------------------------------------------------------- */

static const char *cert_name(int rsa)
{
    return rsa ? "RSA" : "ECDSA";
}

static void test_relay_control(void)
{
    for (int rsa = 0; rsa < 2; rsa++) {
        hostile_case_begin("relay: control: untouched TLS 1.2 handshake (%s)", cert_name(rsa));
        struct relay_opts o = { .rsa = rsa };
        struct hostile_relay *r = relay_new(&o);
        struct hostile_relay_result res;
        hostile_relay_handshake(r, &res);
        hostile_relay_expect_completed(&res);
        CHECK(s2n_connection_get_actual_protocol_version(r->client) == S2N_TLS12 && r->client->hs && r->client->hs->ems,
                "TLS 1.2 with the extended master secret");
        CHECK(r->count[0] == 4 && r->count[1] == 3,
                "records: CH, CKE, CCS, Finished / SH..SHD, CCS, Finished (%d / %d)", r->count[0], r->count[1]);
        CHECK(hostile_relay_exchange(r, 0, "hello") == 0 && hostile_relay_exchange(r, 1, "world") == 0, "data flows both ways");
        relay_free(r);
        hostile_case_end();
    }
}

/* The downgrade attack the sentinel is for: without supported_versions our
 * TLS 1.3-capable server negotiates TLS 1.2 and marks its random; our
 * client, which offered TLS 1.3, must notice. */
static void test_relay_downgrade(void)
{
    hostile_case_begin("relay: control: TLS 1.3-capable server and client, untouched");
    {
        struct relay_opts o = { .server_tls13 = 1 };
        struct hostile_relay *r = relay_new(&o);
        struct hostile_relay_result res;
        hostile_relay_handshake(r, &res);
        int v = s2n_connection_get_actual_protocol_version(r->client);
        CHECK(res.rc[0] == DRIVE_OK && res.rc[1] == DRIVE_OK && v == S2N_TLS13, "TLS 1.3 (client %s %s, server %s %s)",
                hostile_drive_name(res.rc[0]), s2n_strerror_name(res.err[0]), hostile_drive_name(res.rc[1]),
                s2n_strerror_name(res.err[1]));
        relay_free(r);
    }
    hostile_case_end();

    for (int rsa = 0; rsa < 2; rsa++) {
        hostile_case_begin("relay: supported_versions stripped from the ClientHello: downgrade detected (%s)", cert_name(rsa));
        struct relay_opts o = { .server_tls13 = 1, .rsa = rsa };
        struct hostile_relay *r = relay_new(&o);
        r->edit = edit_strip_supported_versions;
        struct hostile_relay_result res;
        hostile_relay_handshake(r, &res);
        CHECK(s2n_connection_get_actual_protocol_version(r->server) == S2N_TLS12, "the server negotiated TLS 1.2 (%d)",
                s2n_connection_get_actual_protocol_version(r->server));
        relay_expect(r, &res, 0, S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED, S2N_ALERT_ILLEGAL_PARAMETER, 0);
        relay_free(r);
        hostile_case_end();
    }
}

/* A relayed handshake case: the edit, the only group the server accepts
 * (0: secp256r1), and how the reader of the edited message must fail. */
struct edit_case {
    const char *name;
    int mutation;
    uint16_t group;
    int err;
    uint8_t alert;
};

static void test_relay_server_key_exchange(void)
{
    static const struct edit_case cases[] = {
        { "signature bit flipped", SKE_FLIP_SIGNATURE, 0, S2N_ERR_VERIFY_SIGNATURE, S2N_ALERT_DECRYPT_ERROR },
        /* The point is signed: changing it without re-signing is caught by the signature. */
        { "point off the curve, not re-signed", SKE_FLIP_POINT, 0, S2N_ERR_VERIFY_SIGNATURE, S2N_ALERT_DECRYPT_ERROR },
        { "point off the curve (P-256), re-signed", SKE_RESIGN_OFF_CURVE, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point off the curve (P-384), re-signed", SKE_RESIGN_OFF_CURVE, S2N_GROUP_SECP384R1,
                S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "point off the curve (P-521), re-signed", SKE_RESIGN_OFF_CURVE, S2N_GROUP_SECP521R1,
                S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "point with prefix 05, re-signed", SKE_RESIGN_BAD_PREFIX, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point one byte short, re-signed", SKE_RESIGN_SHORT_POINT, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "all-zero x25519 point, re-signed", SKE_RESIGN_ZERO_X25519, S2N_GROUP_X25519, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "named curve secp256k1 (22)", SKE_UNKNOWN_CURVE, 0, S2N_ERR_ECDHE_UNSUPPORTED_CURVE, S2N_ALERT_ILLEGAL_PARAMETER },
        { "curve_type explicit_prime (1)", SKE_EXPLICIT_CURVE, 0, S2N_ERR_ECDHE_UNSUPPORTED_CURVE,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "signature scheme that does not fit the certificate", SKE_SCHEME_MISMATCH, 0, S2N_ERR_INVALID_SIGNATURE_SCHEME,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "one byte short", SKE_TRUNCATED, 0, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        { "one trailing byte", TRAILING_BYTE, 0, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
    };
    for (int rsa = 0; rsa < 2; rsa++) {
        for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
            hostile_case_begin("relay: ServerKeyExchange %s (%s)", cases[i].name, cert_name(rsa));
            struct relay_opts o = { .rsa = rsa, .group = cases[i].group };
            /* The client reads the bad SKE before it has any keys: plaintext alert. */
            relay_case(&o, edit_ske, cases[i].mutation, 0, cases[i].err, cases[i].alert, 0);
            hostile_case_end();
        }

        /* Control for the re-signing: the client accepts a re-signed SKE.  The
         * two transcripts now differ, so (with the extended master secret)
         * the keys differ too, and the server cannot open the client Finished. */
        hostile_case_begin("relay: control: ServerKeyExchange re-signed unchanged (%s)", cert_name(rsa));
        {
            struct relay_opts o = { .rsa = rsa };
            struct hostile_relay *r = relay_new(&o);
            r->edit = edit_ske;
            r->mutation = SKE_RESIGN_ONLY;
            struct hostile_relay_result res;
            hostile_relay_handshake(r, &res);
            CHECK(r->edited && r->count[0] == 4, "the client accepted the re-signed SKE and sent its whole flight (%d records)",
                    r->count[0]);
            relay_expect(r, &res, 1, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC, 0);
            relay_free(r);
        }
        hostile_case_end();
    }
}

static void test_relay_client_key_exchange(void)
{
    static const struct edit_case cases[] = {
        { "point off the curve (P-256)", CKE_OFF_CURVE, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "point off the curve (P-384)", CKE_OFF_CURVE, S2N_GROUP_SECP384R1, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point off the curve (P-521)", CKE_OFF_CURVE, S2N_GROUP_SECP521R1, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point with prefix 05", CKE_BAD_PREFIX, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "compressed point (never negotiated)", CKE_COMPRESSED, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "point one byte short", CKE_SHORT_POINT, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "empty point", CKE_EMPTY, 0, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY, S2N_ALERT_ILLEGAL_PARAMETER },
        { "all-zero x25519 point", CKE_ZERO_X25519, S2N_GROUP_X25519, S2N_ERR_ECDHE_INVALID_PUBLIC_KEY,
                S2N_ALERT_ILLEGAL_PARAMETER },
        { "one trailing byte", TRAILING_BYTE, 0, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
        hostile_case_begin("relay: ClientKeyExchange %s", cases[i].name);
        struct relay_opts o = { .group = cases[i].group };
        /* The server has no write keys yet: plaintext alert. */
        relay_case(&o, edit_cke, cases[i].mutation, 1, cases[i].err, cases[i].alert, 0);
        hostile_case_end();
    }
}

static void test_relay_finished(void)
{
    static const struct {
        const char *name;
        int mutation;
        int err;
        uint8_t alert;
    } cases[] = {
        { "short Finished (11 bytes)", FIN_SHORT, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        { "long Finished (13 bytes)", FIN_LONG, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        { "empty Finished", FIN_EMPTY, S2N_ERR_BAD_MESSAGE, S2N_ALERT_DECODE_ERROR },
        { "Finished with a wrong verify_data bit", FIN_WRONG, S2N_ERR_FINISHED_VERIFY, S2N_ALERT_DECRYPT_ERROR },
        { "Finished record: bit flipped in its first body byte", FIN_FLIP_NONCE, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
        { "Finished record: bit flipped in the ciphertext", FIN_FLIP_BODY, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
        { "Finished record: bit flipped in the tag", FIN_FLIP_TAG, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
        { "Finished record: content type changed to alert", FIN_TYPE_ALERT, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC },
    };
    static const uint8_t suites[][2] = { { 0xC0, 0x2B }, { 0xCC, 0xA9 } }; /* AES-GCM (explicit nonce), ChaCha20 */
    for (size_t sx = 0; sx < S2N_ARRAY_LEN(suites); sx++) {
        for (int side = 0; side < 2; side++) {
            for (size_t i = 0; i < S2N_ARRAY_LEN(cases); i++) {
                struct relay_opts o = { .suite = { suites[sx][0], suites[sx][1] } };
                hostile_case_begin("relay: %s %s (%s)", side ? "server" : "client", cases[i].name,
                        s2n_cipher_suite_from_iana(suites[sx])->name);
                fin_side = side;
                /* The reader of the bad Finished is the other side.  The
                 * server reads the client's before it has write keys (its
                 * alert is in plaintext); the client reads the server's
                 * after its own ChangeCipherSpec (protected alert). */
                relay_case(&o, edit_finished, cases[i].mutation, !side, cases[i].err, cases[i].alert, side);
                hostile_case_end();
            }
        }
    }

    /* The ChangeCipherSpec itself. */
    for (int side = 0; side < 2; side++) {
        hostile_case_begin("relay: %s ChangeCipherSpec with value 5", side ? "server" : "client");
        struct relay_opts o = { 0 };
        fin_side = side;
        relay_case(&o, edit_ccs, 5, !side, S2N_ERR_UNEXPECTED_MESSAGE, S2N_ALERT_UNEXPECTED_MESSAGE, side);
        hostile_case_end();
    }
}

/* ---- after the handshake ---------------------------------------------------------------- */

static int post_flip_side;
static int post_flip_offset;

static int edit_flip_next(struct hostile_relay *r, int from_server, uint8_t *rec, size_t *len)
{
    if (from_server != post_flip_side || r->edited) {
        return RELAY_FORWARD;
    }
    size_t off = post_flip_offset >= 0 ? (size_t) post_flip_offset : *len - (size_t) (-post_flip_offset);
    REQUIRE(off < *len);
    rec[off] ^= 0x01;
    r->edited = 1;
    return RELAY_FORWARD;
}


static void test_post_handshake_records(void)
{
    static const uint8_t suites[][2] = { { 0xC0, 0x2B }, { 0xC0, 0x30 }, { 0xCC, 0xA9 } };
    static const struct {
        const char *name;
        int offset;
    } flips[] = {
        { "first body byte", 5 },
        { "middle of the record", -12 - S2N_AEAD_TAG_LEN },
        { "last tag byte", -1 },
        { "record header version", 2 },
    };
    for (size_t sx = 0; sx < S2N_ARRAY_LEN(suites); sx++) {
        for (int side = 0; side < 2; side++) {
            for (size_t f = 0; f < S2N_ARRAY_LEN(flips); f++) {
                struct relay_opts o = { .suite = { suites[sx][0], suites[sx][1] }, .rsa = suites[sx][1] == 0x30 };
                struct hostile_relay *r = hostile_relay_establish(relay_new(&o));
                hostile_case_begin("relay: %s application data, bit flipped in the %s (%s)", side ? "server" : "client",
                        flips[f].name, setup_of(r)->suite->name);
                struct s2n_connection *sender = side ? r->server : r->client;
                r->edit = edit_flip_next;
                post_flip_side = side;
                post_flip_offset = flips[f].offset;
                s2n_blocked_status blocked;
                REQUIRE(s2n_send(sender, "a record of application data", 28, &blocked) == 28);
                hostile_relay_pump(r, side);
                if (flips[f].offset == 2) {
                    /* 03 03 became 03 02.  The record version is part of the
                     * TLS 1.2 AEAD additional data (RFC 5246 6.2.3.3:
                     * TLSCompressed.version), and after the handshake a
                     * record must carry the negotiated version: either way
                     * the record is refused with a fatal alert (s2n-tls
                     * refuses it as a bad message, OpenSSL with
                     * protocol_version). */
                    CHECK(r->edited, "the record was tampered with");
                    int err = 0;
                    ssize_t got = 0;
                    int rc = hostile_drive_recv(side ? r->client : r->server, side ? r->cfd : r->sfd, &err, &got, NULL, 0);
                    CHECK(rc == DRIVE_FAILED && s2n_error_get_type(err) != S2N_ERR_T_BLOCKED && err != S2N_ERR_ALERT,
                            "the receiver refuses a record whose version is 03 02 (got %s %s)", hostile_drive_name(rc),
                            s2n_strerror_name(err));
                    hostile_relay_pump(r, !side);
                    rc = hostile_drive_recv(sender, side ? r->sfd : r->cfd, &err, &got, NULL, 0);
                    CHECK(rc == DRIVE_FAILED && err == S2N_ERR_ALERT, "the sender receives a fatal alert (got %s %s, alert %d)",
                            hostile_drive_name(rc), s2n_strerror_name(err), s2n_connection_get_alert(sender));
                    relay_free(r);
                    hostile_case_end();
                    continue;
                }
                /* The receiver fails, and its alert reaches the sender. */
                relay_expect(r, NULL, !side, S2N_ERR_DECRYPT, S2N_ALERT_BAD_RECORD_MAC, 1);
                relay_free(r);
                hostile_case_end();
            }
        }
    }
}

/* Seal a handshake message with @sender's write keys, as its next record,
 * and keep @sender in step. */
static size_t forge_handshake(struct s2n_connection *sender, const uint8_t *msg, size_t len, uint8_t *out)
{
    struct k12 k;
    k12_from(&k, sender, &sender->write_keys, 1, sender->write_keys.seq);
    size_t n = seal12(&k, S2N_CT_HANDSHAKE, msg, (uint32_t) len, out);
    k12_free(&k);
    sender->write_keys.seq++;
    return n;
}

/* @msg as the next handshake record to our client (@to_server 0) or
 * server, forged with its peer's keys.  Returns how our side's s2n_recv
 * came out (its error in *err). */
static int forged_to(struct hostile_relay *r, int to_server, const uint8_t *msg, size_t len, int *err)
{
    static uint8_t out[WIRE_MAX];
    struct s2n_connection *forger = to_server ? r->client : r->server;
    hostile_peer_write(to_server ? r->speer : r->cpeer, out, forge_handshake(forger, msg, len, out));
    ssize_t got = 0;
    return hostile_drive_recv(to_server ? r->server : r->client, to_server ? r->sfd : r->cfd, err, &got, NULL, 0);
}

/* A forged @msg that our side must refuse with a protected unexpected_message. */
static void forged_refused(int to_server, const uint8_t *msg, size_t len)
{
    struct relay_opts o = { 0 };
    struct hostile_relay *r = hostile_relay_establish(relay_new(&o));
    const char *who = to_server ? "server" : "client";
    int err = 0;
    int rc = forged_to(r, to_server, msg ? msg : r->client_hello, msg ? len : r->client_hello_len, &err);
    hostile_expect_failure(who, rc, err, S2N_ERR_UNEXPECTED_MESSAGE);
    hostile_relay_pump(r, to_server);
    expect_alert_record(who, to_server ? r->server : r->client, r->last[to_server], r->last_len[to_server],
            S2N_ALERT_UNEXPECTED_MESSAGE, 1);
    relay_free(r);
}

static void test_renegotiation(void)
{
    static uint8_t out[WIRE_MAX];
    static uint8_t buf[WIRE_MAX];
    static const uint8_t hello_request[4] = { 0, 0, 0, 0 };

    /* A peer client asks to renegotiate with a new ClientHello: our server
     * answers with a no_renegotiation warning and the connection goes on.
     * (Our client never renegotiates: the ClientHello is forged with its
     * keys, and the warning taken off the wire for it.) */
    for (int rsa = 0; rsa < 2; rsa++) {
        hostile_case_begin("relay: ClientHello after the handshake (renegotiation) to our server (%s)", cert_name(rsa));
        struct relay_opts o = { .rsa = rsa };
        struct hostile_relay *r = hostile_relay_establish(relay_new(&o));
        REQUIRE(r->client_hello_len > 4);
        int err = 0;
        int rc = forged_to(r, 1, r->client_hello, r->client_hello_len, &err);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the server does not fail (%s %s)", hostile_drive_name(rc),
                s2n_strerror_name(err));
        size_t n = hostile_peer_read(r->speer, buf, sizeof(buf), WAIT_MS);
        uint8_t plain[WIRE_MAX];
        uint32_t plain_len = 0;
        int opened = n >= 5 && n == 5u + hostile_get16(buf + 3) ? open_last_alert(r->server, buf, n, plain, &plain_len) : -1;
        CHECK(opened == 0 && plain_len == 2 && plain[0] == 1 && plain[1] == S2N_ALERT_NO_RENEGOTIATION,
                "the server sent one protected warning no_renegotiation (1, 100): %zu bytes, %s [%u %u]", n,
                opened == 0 ? "opened" : "NOT opened", plain_len > 0 ? plain[0] : 0, plain_len > 1 ? plain[1] : 0);
        r->client->read_keys.seq++; /* the warning was for the forged ClientHello's sender */
        CHECK(hostile_relay_exchange(r, 0, "still there?") == 0 && hostile_relay_exchange(r, 1, "yes") == 0,
                "the connection stays usable both ways");
        relay_free(r);
        hostile_case_end();
    }

    hostile_case_begin("relay: HelloRequest to our client is ignored");
    {
        struct relay_opts o = { 0 };
        struct hostile_relay *r = hostile_relay_establish(relay_new(&o));
        int err = 0;
        int rc = forged_to(r, 0, hello_request, sizeof(hello_request), &err);
        CHECK(rc == DRIVE_BLOCKED && err == S2N_ERR_IO_BLOCKED, "the client does not fail (%s %s)", hostile_drive_name(rc),
                s2n_strerror_name(err));
        hostile_expect_wire_empty(r->cpeer, "the client answers a HelloRequest with nothing");
        CHECK(hostile_relay_exchange(r, 1, "after the HelloRequest") == 0 && hostile_relay_exchange(r, 0, "fine") == 0,
                "the connection stays usable both ways");
        relay_free(r);
    }
    hostile_case_end();

    hostile_case_begin("relay: HelloRequest and application data in one flight to our client");
    {
        struct relay_opts o = { .suite = { 0xCC, 0xA9 } };
        struct hostile_relay *r = hostile_relay_establish(relay_new(&o));
        hostile_peer_write(r->cpeer, out, forge_handshake(r->server, hello_request, sizeof(hello_request), out));
        CHECK(hostile_relay_exchange(r, 1, "data right behind it") == 0, "the client skips the HelloRequest and reads the data");
        relay_free(r);
    }
    hostile_case_end();

    /* Messages that make no sense after a TLS 1.2 handshake. */
    hostile_case_begin("relay: ClientHello sent to our client after the handshake");
    forged_refused(0, NULL, 0);
    hostile_case_end();

    hostile_case_begin("relay: HelloRequest sent to our server");
    forged_refused(1, hello_request, sizeof(hello_request));
    hostile_case_end();
}

int main(void)
{
    BEGIN_TEST_INIT();
    hostile_init();

    REQUIRE(s2n_security_policy_find("20240501", &policy_tls12_only) == 0);
    ecdsa_server_config = s2n_test_server_config("default_tls13", "server-ecdsa-p256-chain.pem", "server-ecdsa-p256-key.pem",
            &ecdsa_chain);
    rsa_server_config = s2n_test_server_config("default_tls13", "server-rsa-2048-chain.pem", "server-rsa-2048-key.pem",
            &rsa_chain);
    ecdsa_client_config = s2n_test_client_config("default_tls13", "ca-ecdsa-cert.pem");
    rsa_client_config = s2n_test_client_config("default_tls13", "ca-rsa-cert.pem");
    REQUIRE(ecdsa_server_config && rsa_server_config && ecdsa_client_config && rsa_client_config);

    test_client_server_hello();
    capture_tls12_client_hello();
    test_server_client_hello();
    test_relay_control();
    test_relay_downgrade();
    test_relay_server_key_exchange();
    test_relay_client_key_exchange();
    test_relay_finished();
    test_post_handshake_records();
    test_renegotiation();

    printf("# %d bad-input cases\n", hostile_case_count());
    EXPECT_SUCCESS(s2n_config_free(ecdsa_server_config));
    EXPECT_SUCCESS(s2n_config_free(rsa_server_config));
    EXPECT_SUCCESS(s2n_config_free(ecdsa_client_config));
    EXPECT_SUCCESS(s2n_config_free(rsa_client_config));
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(ecdsa_chain));
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(rsa_chain));
    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
