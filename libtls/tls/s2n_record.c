/* The TLS record layer: framing, AEAD protection with per-record nonces,
 * TLS 1.3 inner content types and padding. */
#include <string.h>

#include "tls/s2n_record.h"
#include "tls/s2n_handshake.h"
#include "utils/s2n_mem.h"

/* TLS 1.2 additional data: seq_num || type || version || plaintext length,
 * with the version of the record's header (RFC 5246 6.2.3.3), so a record
 * whose header was altered fails to decrypt.  (TLS 1.3 authenticates the
 * whole header as its additional data.) */
static void s2n_tls12_aad(const struct s2n_record_keys *keys, uint8_t type, uint8_t minor, uint32_t len, uint8_t aad[13])
{
    for (int i = 0; i < 8; i++) {
        aad[i] = (uint8_t) (keys->seq >> (56 - 8 * i));
    }
    aad[8] = type;
    aad[9] = 3;
    aad[10] = minor;
    aad[11] = (uint8_t) (len >> 8);
    aad[12] = (uint8_t) len;
}

/* Per-record nonce: TLS 1.3 and ChaCha20 in TLS 1.2 XOR the sequence number
 * into the IV; AES-GCM in TLS 1.2 appends it (the explicit nonce) to a
 * 4-byte salt. */
static void s2n_record_nonce(const struct s2n_record_keys *keys, uint8_t nonce[S2N_AEAD_NONCE_LEN])
{
    if (keys->explicit_nonce) {
        memcpy(nonce, keys->iv, 4);
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (uint8_t) (keys->seq >> (56 - 8 * i));
        }
        return;
    }
    memcpy(nonce, keys->iv, S2N_AEAD_NONCE_LEN);
    for (int i = 0; i < 8; i++) {
        nonce[S2N_AEAD_NONCE_LEN - 1 - i] ^= (uint8_t) (keys->seq >> (8 * i));
    }
}

/* A direction whose cipher context was released gets it back from its key. */
static S2N_RESULT s2n_record_keys_ready(struct s2n_connection *conn, struct s2n_record_keys *keys, int encrypt)
{
    if (!keys->aead.keyed) {
        GUARD(s2n_aead_set_key(&keys->aead, conn->cipher_suite->aead, encrypt, keys->key));
    }
    return S2N_SUCCESS;
}

void s2n_record_release_contexts(struct s2n_connection *conn)
{
    s2n_aead_free(&conn->read_keys.aead);
    s2n_aead_free(&conn->write_keys.aead);
}

S2N_RESULT s2n_record_set_keys(struct s2n_connection *conn, int for_write, const uint8_t *secret)
{
    const struct s2n_cipher_suite *suite = conn->cipher_suite;
    ENSURE_REF(suite);
    s2n_hash_alg hash = suite->prf_hash;
    uint8_t hash_len = s2n_hash_digest_size(hash);
    uint8_t key_len = s2n_aead_key_size(suite->aead);
    uint8_t key[S2N_AEAD_MAX_KEY_LEN];
    struct s2n_record_keys *keys = for_write ? &conn->write_keys : &conn->read_keys;
    if (for_write) {
        /* Handshake messages written so far go out under the old keys. */
        GUARD(s2n_handshake_emit(conn));
    }

    GUARD(s2n_hkdf_expand_label(hash, secret, hash_len, "key", NULL, 0, key, key_len));
    int rc = s2n_hkdf_expand_label(hash, secret, hash_len, "iv", NULL, 0, keys->iv, S2N_AEAD_NONCE_LEN);
    if (rc == 0) {
        rc = s2n_aead_set_key(&keys->aead, suite->aead, for_write, key);
    }
    memcpy(keys->key, key, key_len);
    s2n_cleanse(key, sizeof(key));
    GUARD(rc);
    keys->active = 1;
    keys->seq = 0;
    keys->tls12 = 0;
    keys->explicit_nonce = 0;
    return S2N_SUCCESS;
}

S2N_RESULT s2n_record_set_tls12_keys(struct s2n_connection *conn, int for_write, const uint8_t *key, const uint8_t *iv)
{
    const struct s2n_cipher_suite *suite = conn->cipher_suite;
    struct s2n_record_keys *keys = for_write ? &conn->write_keys : &conn->read_keys;
    if (for_write) {
        GUARD(s2n_handshake_emit(conn));
    }
    GUARD(s2n_aead_set_key(&keys->aead, suite->aead, for_write, key));
    memcpy(keys->key, key, s2n_aead_key_size(suite->aead));
    keys->active = 1;
    keys->explicit_nonce = suite->aead != S2N_AEAD_CHACHA20_POLY1305;
    memset(keys->iv, 0, sizeof(keys->iv));
    memcpy(keys->iv, iv, keys->explicit_nonce ? 4 : S2N_AEAD_NONCE_LEN);
    keys->tls12 = 1;
    keys->seq = 0;
    return S2N_SUCCESS;
}

/* Bytes of explicit nonce a TLS 1.2 record carries with these keys (8 for
 * AES-GCM, none for ChaCha20-Poly1305 and in TLS 1.3). */
static uint32_t s2n_record_explicit_len(const struct s2n_record_keys *keys)
{
    return keys->tls12 && keys->explicit_nonce ? 8 : 0;
}

S2N_RESULT s2n_record_write(struct s2n_connection *conn, uint8_t type, const uint8_t *data, uint32_t len)
{
    ENSURE(len <= S2N_TLS_MAX_FRAGMENT, S2N_ERR_RECORD_LIMIT);
    struct s2n_record_keys *keys = &conn->write_keys;
    struct s2n_cursor *out = &conn->out;
    /* change_cipher_spec is never protected in TLS 1.3 (RFC 8446 section 5). */
    int protect = keys->active && (keys->tls12 || type != S2N_CT_CHANGE_CIPHER_SPEC);
    int tls12 = protect && keys->tls12;
    uint32_t explicit_len = tls12 ? s2n_record_explicit_len(keys) : 0;

    uint32_t body = protect ? explicit_len + len + (tls12 ? 0 : 1) + S2N_AEAD_TAG_LEN : len;
    uint8_t *header = NULL;
    GUARD(s2n_cursor_reserve_space(out, S2N_TLS_RECORD_HEADER_LEN + body));
    GUARD(s2n_cursor_claim(out, S2N_TLS_RECORD_HEADER_LEN, &header));
    header[0] = protect && !tls12 ? S2N_CT_APPLICATION_DATA : type;
    header[1] = 3;
    /* The first ClientHello goes out as a TLS 1.0 record for compatibility. */
    header[2] = (type == S2N_CT_HANDSHAKE && !protect && conn->mode == S2N_CLIENT && !conn->hs->hash_known
                        && !(conn->handshake_type & S2N_HT_HELLO_RETRY_REQUEST))
            ? 1
            : 3;
    header[3] = (uint8_t) (body >> 8);
    header[4] = (uint8_t) body;

    if (!protect) {
        return s2n_cursor_write_bytes(out, data, len);
    }
    ENSURE(keys->seq < UINT64_MAX, S2N_ERR_RECORD_LIMIT);
    GUARD(s2n_record_keys_ready(conn, keys, 1));
    uint8_t *payload = NULL;
    GUARD(s2n_cursor_claim(out, body, &payload));
    uint8_t nonce[S2N_AEAD_NONCE_LEN];
    s2n_record_nonce(keys, nonce);
    if (tls12) {
        uint8_t aad[13];
        s2n_tls12_aad(keys, type, header[2], len, aad);
        memcpy(payload, nonce + 4, explicit_len);
        /* One pass from the caller's buffer into the record. */
        GUARD(s2n_aead_seal2(&keys->aead, nonce, aad, sizeof(aad), data, len, NULL, 0, payload + explicit_len));
    } else {
        /* TLSInnerPlaintext = content || type, sealed without copying content. */
        GUARD(s2n_aead_seal2(&keys->aead, nonce, header, S2N_TLS_RECORD_HEADER_LEN, data, len, &type, 1, payload));
    }
    keys->seq++;
    return S2N_SUCCESS;
}

void s2n_record_consumed(struct s2n_connection *conn)
{
    conn->in_record_ready = 0;
    conn->in_plain_start = conn->in_plain_end = 0;
    if (s2n_cursor_remaining(&conn->in) == 0) {
        s2n_cursor_reset(&conn->in);
    }
}

/* Open a TLS 1.2 AEAD record ([explicit nonce] ciphertext tag, any content
 * type) in place: @plain bytes at @in_out, the tag at @tag. */
static S2N_RESULT s2n_record_open_tls12(struct s2n_connection *conn, uint8_t type, uint8_t version_minor,
        const uint8_t *explicit_nonce, uint8_t *in_out, uint32_t plain, const uint8_t tag[S2N_AEAD_TAG_LEN])
{
    struct s2n_record_keys *keys = &conn->read_keys;
    GUARD(s2n_record_keys_ready(conn, keys, 0));
    ENSURE(keys->seq < UINT64_MAX, S2N_ERR_RECORD_LIMIT);
    ENSURE(plain <= S2N_TLS_MAX_FRAGMENT, S2N_ERR_RECORD_TOO_LARGE);
    uint8_t nonce[S2N_AEAD_NONCE_LEN];
    s2n_record_nonce(keys, nonce);
    if (explicit_nonce) {
        memcpy(nonce + 4, explicit_nonce, 8);
    }
    uint8_t aad[13];
    s2n_tls12_aad(keys, type, version_minor, plain, aad);
    GUARD(s2n_aead_open_pieces(&keys->aead, nonce, aad, sizeof(aad), in_out, in_out, plain, NULL, NULL, 0, tag));
    keys->seq++;
    ENSURE(plain > 0 || type == S2N_CT_APPLICATION_DATA, S2N_ERR_EMPTY_RECORD);
    return S2N_SUCCESS;
}

/* Open a TLS 1.3 record whose ciphertext is in two pieces: @len1 bytes at
 * @in1 decrypted to @out1 and @len2 (0 or 1) at @in2 to @trailer. */
static S2N_RESULT s2n_record_open_tls13(struct s2n_connection *conn, const uint8_t header[S2N_TLS_RECORD_HEADER_LEN],
        const uint8_t *in1, uint8_t *out1, uint32_t len1, const uint8_t *in2, uint8_t *trailer, uint32_t len2,
        const uint8_t tag[S2N_AEAD_TAG_LEN])
{
    struct s2n_record_keys *keys = &conn->read_keys;
    ENSURE(keys->seq < UINT64_MAX, S2N_ERR_RECORD_LIMIT);
    GUARD(s2n_record_keys_ready(conn, keys, 0));
    uint8_t nonce[S2N_AEAD_NONCE_LEN];
    s2n_record_nonce(keys, nonce);
    GUARD(s2n_aead_open_pieces(&keys->aead, nonce, header, S2N_TLS_RECORD_HEADER_LEN, in1, out1, len1, in2, trailer, len2,
            tag));
    keys->seq++;
    return S2N_SUCCESS;
}

/* A TLS 1.3 record was opened: @out holds @out_len plaintext bytes of the
 * @opened, and @trailer the last one when out_len < opened.  Strips the
 * padding and finds the inner content type.  When @out is the caller's
 * buffer (@direct_len set), application data stays there (*direct_len);
 * anything else moves to the record buffer, at @keep if the record is
 * there, appended otherwise, and is described by conn->in_plain_start/end. */
static S2N_RESULT s2n_record_tls13_inner(struct s2n_connection *conn, uint8_t *out, uint32_t out_len, uint32_t opened,
        uint8_t trailer, uint8_t *keep, uint32_t *direct_len)
{
    int direct = out != keep;
    uint32_t plain = out_len;
    uint8_t inner = 0;
    if (out_len < opened && trailer != 0) {
        inner = trailer;
    } else {
        while (plain > 0 && out[plain - 1] == 0) {
            plain--;
        }
        ENSURE(plain > 0, S2N_ERR_UNEXPECTED_MESSAGE);
        inner = out[plain - 1];
        plain--;
    }
    uint32_t start = 0;
    if (direct) {
        if (inner == S2N_CT_APPLICATION_DATA && plain <= S2N_TLS_MAX_FRAGMENT) {
            *direct_len = plain;
            s2n_record_consumed(conn);
            return S2N_SUCCESS;
        }
        /* Not application data: into the record buffer it goes. */
        if (keep == NULL) {
            int rc = s2n_cursor_reserve_space(&conn->in, plain);
            if (rc < 0) {
                s2n_cleanse(out, out_len);
                return rc;
            }
            keep = conn->in.data + conn->in.wpos;
            conn->in.wpos += plain;
            conn->in.rpos = conn->in.wpos;
        }
        memcpy(keep, out, plain);
        s2n_cleanse(out, out_len);
    }
    start = (uint32_t) (keep - conn->in.data);
    ENSURE(plain <= S2N_TLS_MAX_FRAGMENT, S2N_ERR_MAX_INNER_PLAINTEXT_SIZE);
    ENSURE(inner == S2N_CT_ALERT || inner == S2N_CT_HANDSHAKE || inner == S2N_CT_APPLICATION_DATA,
            S2N_ERR_UNEXPECTED_MESSAGE);
    ENSURE(plain > 0 || inner == S2N_CT_APPLICATION_DATA, S2N_ERR_EMPTY_RECORD);
    conn->in_content_type = inner;
    conn->in_plain_start = start;
    conn->in_plain_end = start + plain;
    conn->in_record_ready = 1;
    return S2N_SUCCESS;
}

/* Whether a protected record whose header is all conn->in holds can be
 * read straight into a caller's buffer of @room bytes: application data
 * whose content fits (in TLS 1.3 the inner content-type byte may spill). */
static int s2n_record_direct_fits(const struct s2n_connection *conn, uint8_t type, uint16_t len, uint32_t room)
{
    const struct s2n_record_keys *keys = &conn->read_keys;
    if (!keys->active || type != S2N_CT_APPLICATION_DATA || s2n_cursor_remaining(&conn->in) != S2N_TLS_RECORD_HEADER_LEN) {
        return 0;
    }
    if (keys->tls12) {
        uint32_t overhead = s2n_record_explicit_len(keys) + S2N_AEAD_TAG_LEN;
        return len >= overhead && len - overhead <= room && len - overhead <= S2N_TLS_MAX_FRAGMENT;
    }
    return len >= 1 + S2N_AEAD_TAG_LEN && (uint32_t) len - S2N_AEAD_TAG_LEN <= (uint64_t) room + 1;
}

/* A record s2n_record_direct_fits: its ciphertext is read from the
 * transport straight into the caller's buffer (the TLS 1.2 explicit nonce
 * into a small head; the tag, and in TLS 1.3 the last content byte, into a
 * small tail) and opened in place, so it never passes through conn->in and
 * the input buffer need not grow to a full record.  If the transport stops
 * mid-record, what arrived moves to conn->in (the next call may bring
 * another buffer) and the ordinary path goes on from there. */
static S2N_RESULT s2n_record_read_direct(struct s2n_connection *conn, uint16_t len, uint8_t *dest, uint32_t room,
        uint32_t *direct_len)
{
    uint8_t header[S2N_TLS_RECORD_HEADER_LEN];
    memcpy(header, s2n_cursor_read_ptr_unchecked(&conn->in), sizeof(header));
    const int tls12 = conn->read_keys.tls12;
    uint8_t head[8];
    const uint32_t head_len = s2n_record_explicit_len(&conn->read_keys);
    const uint32_t opened = len - head_len - S2N_AEAD_TAG_LEN;
    const uint32_t d = S2N_MIN(opened, room);
    const uint32_t tail_len = len - head_len - d;
    uint8_t tail[1 + S2N_AEAD_TAG_LEN];
    ENSURE(tail_len >= S2N_AEAD_TAG_LEN && tail_len <= sizeof(tail), S2N_ERR_SAFETY);
    const struct iovec parts[3] = {
        { .iov_base = head, .iov_len = head_len },
        { .iov_base = dest, .iov_len = d },
        { .iov_base = tail, .iov_len = tail_len },
    };
    const int first = head_len ? 0 : 1;
    uint32_t got = 0;
    int rc = s2n_io_read_parts(conn, parts + first, 3 - first, &got);
    if (rc < 0) {
        GUARD(s2n_cursor_reserve_exact(&conn->in, got));
        for (int i = first; i < 3 && got > 0; i++) {
            uint32_t n = S2N_MIN(got, (uint32_t) parts[i].iov_len);
            GUARD(s2n_cursor_write_bytes(&conn->in, parts[i].iov_base, n));
            got -= n;
        }
        return rc;
    }
    conn->in.rpos += S2N_TLS_RECORD_HEADER_LEN;
    const uint8_t *tag = tail + tail_len - S2N_AEAD_TAG_LEN;
    if (tls12) {
        GUARD(s2n_record_open_tls12(conn, S2N_CT_APPLICATION_DATA, header[2], head_len ? head : NULL, dest, d, tag));
        *direct_len = d;
        s2n_record_consumed(conn);
        return S2N_SUCCESS;
    }
    uint8_t trailer = 0;
    GUARD(s2n_record_open_tls13(conn, header, dest, dest, d, tail, &trailer, tail_len - S2N_AEAD_TAG_LEN, tag));
    return s2n_record_tls13_inner(conn, dest, d, opened, trailer, NULL, direct_len);
}

S2N_RESULT s2n_record_read(struct s2n_connection *conn)
{
    return s2n_record_read_into(conn, NULL, 0, NULL);
}

S2N_RESULT s2n_record_read_into(struct s2n_connection *conn, uint8_t *dest, uint32_t room, uint32_t *direct_len)
{
    if (conn->in_record_ready) {
        return S2N_SUCCESS;
    }
    for (;;) {
        GUARD(s2n_io_fill(conn, S2N_TLS_RECORD_HEADER_LEN));
        const uint8_t *h = s2n_cursor_read_ptr_unchecked(&conn->in);
        uint8_t type = h[0];
        uint16_t len = (uint16_t) (h[3] << 8 | h[4]);
        int protect = conn->read_keys.active;

        ENSURE(h[1] == 3, S2N_ERR_BAD_MESSAGE);
        ENSURE(type >= S2N_CT_CHANGE_CIPHER_SPEC && type <= S2N_CT_APPLICATION_DATA, S2N_ERR_UNEXPECTED_MESSAGE);
        ENSURE(len <= (protect ? S2N_TLS13_MAX_CIPHERTEXT : S2N_TLS_MAX_FRAGMENT), S2N_ERR_RECORD_TOO_LARGE);
        /* (TLS 1.2 allows 2^14+2048 of ciphertext, but an AEAD record never
         * needs more than 2^14+24, so the TLS 1.3 bound covers it.) */
        if (dest != NULL && direct_len != NULL && s2n_record_direct_fits(conn, type, len, room)) {
            return s2n_record_read_direct(conn, len, dest, room, direct_len);
        }
        GUARD(s2n_io_fill(conn, S2N_TLS_RECORD_HEADER_LEN + len));
        h = s2n_cursor_read_ptr_unchecked(&conn->in);

        uint32_t start = conn->in.rpos + S2N_TLS_RECORD_HEADER_LEN;
        conn->in.rpos += S2N_TLS_RECORD_HEADER_LEN + len;

        if (type == S2N_CT_CHANGE_CIPHER_SPEC && !s2n_connection_is_tls12(conn)) {
            /* TLS 1.3 middlebox compatibility: one unprotected byte 0x01,
             * dropped, allowed only until the handshake is complete. */
            ENSURE(!conn->handshake_complete, S2N_ERR_CCS_NOT_ALLOWED);
            /* ... and only once the first ClientHello has been seen. */
            ENSURE(conn->mode == S2N_CLIENT || conn->message_index > 0, S2N_ERR_CCS_NOT_ALLOWED);
            ENSURE(len == 1 && conn->in.data[start] == 1, S2N_ERR_CCS_NOT_ALLOWED);
            s2n_record_consumed(conn);
            continue;
        }

        if (!protect) {
            ENSURE(type != S2N_CT_APPLICATION_DATA, S2N_ERR_UNEXPECTED_MESSAGE);
            ENSURE(len > 0, S2N_ERR_EMPTY_RECORD);
            conn->in_content_type = type;
            conn->in_plain_start = start;
            conn->in_plain_end = start + len;
            conn->in_record_ready = 1;
            return S2N_SUCCESS;
        }

        if (conn->read_keys.tls12) {
            uint32_t explicit_len = s2n_record_explicit_len(&conn->read_keys);
            ENSURE(len >= explicit_len + S2N_AEAD_TAG_LEN, S2N_ERR_DECRYPT);
            uint8_t *body = conn->in.data + start;
            uint32_t plain = len - explicit_len - S2N_AEAD_TAG_LEN;
            GUARD(s2n_record_open_tls12(conn, type, h[2], explicit_len ? body : NULL, body + explicit_len, plain,
                    body + explicit_len + plain));
            conn->in_content_type = type;
            conn->in_plain_start = start + explicit_len;
            conn->in_plain_end = start + explicit_len + plain;
            conn->in_record_ready = 1;
            return S2N_SUCCESS;
        }
        /* Protected: only application_data records carry ciphertext. */
        ENSURE(type == S2N_CT_APPLICATION_DATA, S2N_ERR_UNEXPECTED_MESSAGE);
        ENSURE(len >= 1 + S2N_AEAD_TAG_LEN, S2N_ERR_DECRYPT);
        uint8_t *body = conn->in.data + start;
        uint32_t opened = len - S2N_AEAD_TAG_LEN;
        /* When the caller has room for the record's content, it is decrypted
         * straight into the caller's buffer (the inner content-type byte may
         * land in a one-byte trailer): application data then needs no copy
         * out of the record buffer. */
        uint32_t into_dest = dest && direct_len ? S2N_MIN(opened, room) : 0;
        int direct = dest && direct_len && opened - into_dest <= 1;
        uint8_t *out = direct ? dest : body;
        uint32_t out_len = direct ? into_dest : opened;
        uint8_t trailer = 0;
        GUARD(s2n_record_open_tls13(conn, h, body, out, out_len, body + out_len, &trailer, opened - out_len, body + opened));
        return s2n_record_tls13_inner(conn, out, out_len, opened, trailer, body, direct_len);
    }
}

S2N_RESULT s2n_alert_queue(struct s2n_connection *conn, uint8_t level, uint8_t description)
{
    uint8_t alert[2] = { level, description };
    GUARD(s2n_record_write(conn, S2N_CT_ALERT, alert, sizeof(alert)));
    conn->alert_sent = 1;
    if (description == S2N_ALERT_CLOSE_NOTIFY) {
        conn->close_notify_sent = 1;
    }
    return S2N_SUCCESS;
}

S2N_RESULT s2n_alert_process(struct s2n_connection *conn, const uint8_t *data, uint32_t len)
{
    /* An alert is exactly two bytes; alerts are never fragmented in TLS 1.3. */
    ENSURE(len == 2, S2N_ERR_BAD_MESSAGE);
    uint8_t level = data[0], description = data[1];
    ENSURE(level == 1 || level == 2, S2N_ERR_BAD_MESSAGE);
    if (description == S2N_ALERT_CLOSE_NOTIFY) {
        conn->close_notify_received = 1;
        conn->read_closed = 1;
        return S2N_SUCCESS;
    }
    if (description == S2N_ALERT_USER_CANCELED) {
        /* TLS 1.3: user_canceled is followed by close_notify; ignore it. */
        return S2N_SUCCESS;
    }
    conn->alert_received = description;
    conn->read_closed = 1;
    conn->write_closed = 1;
    BAIL(S2N_ERR_ALERT);
}

uint8_t s2n_alert_for_error(int err)
{
    switch (err) {
        case S2N_ERR_STUFFER_OUT_OF_DATA:
        case S2N_ERR_BAD_MESSAGE:
            return S2N_ALERT_DECODE_ERROR;
        case S2N_ERR_DECRYPT:
            return S2N_ALERT_BAD_RECORD_MAC;
        case S2N_ERR_RECORD_LIMIT:
        case S2N_ERR_RECORD_TOO_LARGE:
        case S2N_ERR_MAX_INNER_PLAINTEXT_SIZE:
            return S2N_ALERT_RECORD_OVERFLOW;
        case S2N_ERR_UNEXPECTED_MESSAGE:
        case S2N_ERR_CCS_NOT_ALLOWED:
        case S2N_ERR_EMPTY_RECORD:
        case S2N_ERR_RENEGOTIATION_REFUSED:
            return S2N_ALERT_UNEXPECTED_MESSAGE;
        case S2N_ERR_CERT_UNTRUSTED:
            return S2N_ALERT_UNKNOWN_CA;
        case S2N_ERR_CERT_EXPIRED:
        case S2N_ERR_CERT_NOT_YET_VALID:
            return S2N_ALERT_CERTIFICATE_EXPIRED;
        case S2N_ERR_CERT_INVALID:
        case S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED:
        case S2N_ERR_CERT_TYPE_UNSUPPORTED:
        case S2N_ERR_DECODE_CERTIFICATE:
        case S2N_ERR_HOST_NAME_MISMATCH:
        case S2N_ERR_CERT_REJECTED:
            return S2N_ALERT_BAD_CERTIFICATE;
        case S2N_ERR_VERIFY_SIGNATURE:
        case S2N_ERR_FINISHED_VERIFY:
            return S2N_ALERT_DECRYPT_ERROR;
        case S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED:
        case S2N_ERR_NO_SUPPORTED_VERSION:
            return S2N_ALERT_PROTOCOL_VERSION;
        case S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED:
            return S2N_ALERT_ILLEGAL_PARAMETER;
        case S2N_ERR_FALLBACK_DETECTED:
            return S2N_ALERT_INAPPROPRIATE_FALLBACK;
        case S2N_ERR_NON_EMPTY_RENEGOTIATION_INFO:
            return S2N_ALERT_HANDSHAKE_FAILURE;
        case S2N_ERR_CIPHER_NOT_SUPPORTED:
        case S2N_ERR_NO_SUPPORTED_GROUP:
        case S2N_ERR_NO_VALID_SIGNATURE_SCHEME:
        case S2N_ERR_MISSING_CLIENT_CERT:
        case S2N_ERR_NO_CERT_FOUND:
            return S2N_ALERT_HANDSHAKE_FAILURE;
        case S2N_ERR_DUPLICATE_EXTENSION:
        case S2N_ERR_BAD_KEY_SHARE:
        case S2N_ERR_ECDHE_INVALID_PUBLIC_KEY:
        case S2N_ERR_ECDHE_UNSUPPORTED_CURVE:
        case S2N_ERR_INVALID_HELLO_RETRY:
        case S2N_ERR_BAD_KEY_UPDATE:
        case S2N_ERR_INVALID_SIGNATURE_SCHEME:
            return S2N_ALERT_ILLEGAL_PARAMETER;
        case S2N_ERR_UNSUPPORTED_EXTENSION:
            return S2N_ALERT_UNSUPPORTED_EXTENSION;
        case S2N_ERR_MISSING_EXTENSION:
            return S2N_ALERT_MISSING_EXTENSION;
        case S2N_ERR_NO_APPLICATION_PROTOCOL:
            return S2N_ALERT_NO_APPLICATION_PROTOCOL;
        default:
            break;
    }
    switch (s2n_error_get_type(err)) {
        case S2N_ERR_T_PROTO:
        case S2N_ERR_T_INTERNAL:
            return S2N_ALERT_INTERNAL_ERROR;
        default:
            return 0; /* I/O, closed, blocked, received alerts, usage: none */
    }
}
