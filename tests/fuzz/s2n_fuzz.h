/* Shared support for the libFuzzer harnesses in tests/fuzz (built only with
 * configure --enable-fuzz).  See tests/fuzz/README.md for the input formats.
 *
 * The harnesses drive real connections.  The side under test reads, through
 * its recv callback, what a fuzz input says the peer sends; its own output is
 * discarded.  The input describes the peer's records in plaintext ("script"
 * format below) and the peer layer here protects each record with the keys
 * the connection under test expects, derived from its own key schedule, so
 * mutations reach the handshake parsers behind encryption.  Randomness is
 * deterministic (libtls/crypto/s2n_random.c, S2N_FUZZING), so a transcript
 * captured once from an in-process client/server pair replays exactly:
 * Finished MACs and signatures in it still verify. */
#ifndef S2N_FUZZ_H
#define S2N_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include "s2n.h"

/* The fuzz-only hook of libtls/crypto/s2n_random.c. */
void s2n_fuzz_random_seed(uint64_t seed);
void s2n_fuzz_random_stream(unsigned stream);

/* libFuzzer entry points, defined by each harness. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define S2N_FUZZ_SEED 0x6c696273326e2121ull
/* Random streams: each side draws from its own, alone or in a pair. */
#define S2N_FUZZ_STREAM_CLIENT 0
#define S2N_FUZZ_STREAM_SERVER 1

/* ---- script format: what the peer sends, record by record ------------------
 *
 *   entry := flags(1) type(1) length(2, big endian) data(length)
 *
 * flags 0: a record of content type @type holding @data, protected with the
 *          receiver's current read keys when it has any (TLS 1.3: data is
 *          the inner plaintext before the content type byte).
 * S2N_FUZZ_REC_RAW:   data goes on the wire verbatim (header included).
 * S2N_FUZZ_REC_PLAIN: never protected, even when the receiver has keys
 *                     (TLS 1.3 change_cipher_spec).
 * S2N_FUZZ_REC_INNER: TLS 1.3 only: data is the whole inner plaintext,
 *                     content type and padding included.
 * A truncated last entry sends what is there raw.  End of script = EOF. */
#define S2N_FUZZ_REC_RAW 0x01
#define S2N_FUZZ_REC_PLAIN 0x02
#define S2N_FUZZ_REC_INNER 0x04
#define S2N_FUZZ_ENTRY_HEADER 4

/* A growable malloc'd byte buffer (aborts when out of memory). */
struct s2n_fuzz_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
};
void s2n_fuzz_buf_append(struct s2n_fuzz_buf *b, const void *data, size_t len);
void s2n_fuzz_buf_u8(struct s2n_fuzz_buf *b, uint8_t v);
void s2n_fuzz_buf_u16(struct s2n_fuzz_buf *b, uint16_t v);
void s2n_fuzz_buf_u24(struct s2n_fuzz_buf *b, uint32_t v);
/* Append one script entry (data longer than 65535 bytes is cut). */
void s2n_fuzz_buf_entry(struct s2n_fuzz_buf *b, uint8_t flags, uint8_t type, const uint8_t *data, size_t len);
/* Append a handshake message (type, body) as entries of at most 16384
 * bytes each. */
void s2n_fuzz_buf_handshake(struct s2n_fuzz_buf *b, uint8_t flags, uint8_t hs_type, const uint8_t *body, size_t len);
void s2n_fuzz_buf_free(struct s2n_fuzz_buf *b);

/* ---- scenarios ---------------------------------------------------------------
 * A pair of configurations (client and server) a harness runs; the first
 * byte of most inputs selects one. */
#define S2N_FUZZ_MAX_CERTS 2
struct s2n_fuzz_scenario {
    const char *name;
    const char *client_policy;
    uint8_t client_sni;  /* server name "localhost"; otherwise a verify_host callback accepts */
    uint8_t client_alpn; /* offer h2, http/1.1 */
    const char *server_policy;
    const char *server_certs[S2N_FUZZ_MAX_CERTS]; /* tests/pki/<name>-chain.pem + -key.pem */
    uint8_t server_alpn; /* accept http/1.1 */
};
extern const struct s2n_fuzz_scenario s2n_fuzz_scenarios[];
extern const unsigned s2n_fuzz_scenario_count;

/* Once per process: deterministic randomness, s2n_init, test PKI. */
void s2n_fuzz_init(void);

/* Run one connection of @mode (the side under test) in @scenario, reading
 * @script as everything the peer sends; never fails (outcomes vary). */
void s2n_fuzz_run(s2n_mode mode, unsigned scenario, const uint8_t *script, size_t len);

/* ---- transcripts: what each side of an in-process pair received ----------- */
struct s2n_fuzz_entry {
    uint8_t flags;
    uint8_t type;    /* content type */
    uint8_t hs_type; /* handshake records: the message type (one message per entry) */
    uint8_t *data;
    uint32_t len;
};
struct s2n_fuzz_flow {
    struct s2n_fuzz_entry *entries;
    size_t count;
};
struct s2n_fuzz_transcript {
    struct s2n_fuzz_flow to_client; /* what the client received */
    struct s2n_fuzz_flow to_server;
    int complete;                   /* both handshakes finished */
    uint8_t tls12;
};
/* The transcript of @scenario's in-process handshake (plus application data,
 * KeyUpdates and close_notify), captured once and cached; NULL if it failed. */
const struct s2n_fuzz_transcript *s2n_fuzz_transcript_get(unsigned scenario);
const struct s2n_fuzz_flow *s2n_fuzz_flow_to(const struct s2n_fuzz_transcript *t, s2n_mode receiver);

/* Serialize a flow into script format (all entries). */
void s2n_fuzz_flow_script(struct s2n_fuzz_buf *out, const struct s2n_fuzz_flow *flow);

/* Index of the @nth (0-based) handshake entry of type @hs_type in @flow, or -1. */
int s2n_fuzz_flow_find(const struct s2n_fuzz_flow *flow, uint8_t hs_type, unsigned nth);

/* Whether a ServerHello body is a HelloRetryRequest. */
int s2n_fuzz_is_hrr(const uint8_t *body, size_t len);

/* Script = @flow with entry @index replaced by handshake message (@hs_type,
 * @body).  @insert: put it before entry @index instead of replacing. */
void s2n_fuzz_flow_script_with(struct s2n_fuzz_buf *out, const struct s2n_fuzz_flow *flow, int index, int insert,
        uint8_t hs_type, const uint8_t *body, size_t len);

/* Offset of the extensions block (its 2-byte length) in a handshake message
 * body, or -1 if the body is too short.  Knows ClientHello, ServerHello,
 * EncryptedExtensions and CertificateRequest (TLS 1.3). */
long s2n_fuzz_ext_block_offset(uint8_t hs_type, const uint8_t *body, size_t len);
/* @body with extension @ext_type's data replaced by @data (appended when
 * absent).  Returns 0, or -1 when the body cannot be parsed. */
int s2n_fuzz_replace_extension(struct s2n_fuzz_buf *out, uint8_t hs_type, const uint8_t *body, size_t len, uint16_t ext_type,
        const uint8_t *data, size_t data_len);
/* Data of extension @ext_type in @body (NULL if absent). */
const uint8_t *s2n_fuzz_find_extension(uint8_t hs_type, const uint8_t *body, size_t len, uint16_t ext_type, size_t *data_len);

/* ---- message and extension harnesses -------------------------------------------
 * A target is a handshake message some side receives; the harness replaces
 * it (or inserts it, for messages our peers never send) in a captured
 * transcript and replays the result. */
struct s2n_fuzz_target {
    s2n_mode receiver;
    uint8_t hs_type;
    uint8_t hrr;           /* ServerHello: 1 = HelloRetryRequest only, 2 = real ServerHello only */
    uint8_t version;       /* 12 or 13: scenarios of that version only; 0: any */
    uint8_t insert_before; /* not in transcripts: insert it before the first message of this type */
};
struct s2n_fuzz_match {
    const struct s2n_fuzz_target *target;
    unsigned scenario;
    int index; /* entry of the flow replaced, or inserted before */
};
/* Every (target, scenario) pair a harness can run; at most @max. */
unsigned s2n_fuzz_matches(const struct s2n_fuzz_target *targets, unsigned ntargets, struct s2n_fuzz_match *out, unsigned max);
/* The message a match replaces (NULL for inserted ones). */
const struct s2n_fuzz_entry *s2n_fuzz_match_entry(const struct s2n_fuzz_match *m);
/* Input: selector(1) body.  Runs the selected match with @body as the message. */
void s2n_fuzz_run_message(const struct s2n_fuzz_target *targets, unsigned ntargets, const uint8_t *data, size_t size);
/* Input: selector(1) extension data.  Runs the selected match with extension
 * @ext_type of the message replaced by (or, if absent, given) that data. */
void s2n_fuzz_run_extension(uint16_t ext_type, const struct s2n_fuzz_target *targets, unsigned ntargets, const uint8_t *data,
        size_t size);
/* Body used for an inserted message that a test does not provide. */
void s2n_fuzz_default_body(const struct s2n_fuzz_target *target, struct s2n_fuzz_buf *out);

/* ---- misc --------------------------------------------------------------- */
/* Read a whole file (NUL-terminated); NULL on error. */
char *s2n_fuzz_read_file(const char *path, size_t *len);
/* Path of a test PKI file (tests/pki, or $S2N_FUZZ_PKI). */
const char *s2n_fuzz_pki(const char *name);
/* Print and abort: for broken harness setup, never for fuzz outcomes. */
void s2n_fuzz_die(const char *what) __attribute__((noreturn));
/* Write a file (for the seed generator). */
int s2n_fuzz_write_file(const char *path, const uint8_t *data, size_t len);

/* Peer I/O for s2n_fuzz_capture_external(): our connection talks to a real
 * peer over @fd, and every record it receives is decrypted and logged. */
int s2n_fuzz_capture_external(s2n_mode mode, unsigned scenario, int fd, struct s2n_fuzz_flow *received);
void s2n_fuzz_flow_free(struct s2n_fuzz_flow *flow);

#endif
