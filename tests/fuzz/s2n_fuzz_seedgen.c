/* Seed corpora for the harnesses in tests/fuzz, from real handshakes.
 *
 *   s2n_fuzz_seedgen ours CORPUS_DIR
 *       in-process handshakes of our client and server, every scenario
 *   s2n_fuzz_seedgen client SCENARIO HOST PORT CORPUS_DIR TAG
 *       our client (SCENARIO's client config) against a real server
 *   s2n_fuzz_seedgen server SCENARIO PORT CORPUS_DIR TAG
 *       our server (SCENARIO's server config) accepts one real client
 *
 * Seeds go to CORPUS_DIR/<harness>/<tag>-<scenario>-<what>.  Randomness is
 * the harnesses' deterministic one, so a captured exchange replays in full
 * when the harness runs the same side with the same configuration (see
 * tests/fuzz/README.md); tests/fuzz/capture-peers.sh drives the external
 * modes with OpenSSL and GnuTLS.  The target tables below mirror the
 * harness sources. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "s2n_fuzz.h"
#include "tls/s2n_handshake.h"

#define CH { S2N_SERVER, 1, 0, 0, 0 }
#define SH { S2N_CLIENT, 2, 2, 13, 0 }
#define HRR { S2N_CLIENT, 2, 1, 13, 0 }
#define SH12 { S2N_CLIENT, 2, 0, 12, 0 }
#define EE { S2N_CLIENT, 8, 0, 13, 0 }
#define CR13 { S2N_CLIENT, 13, 0, 13, 11 }

struct seed_harness {
    const char *name;
    uint16_t ext; /* extension harnesses: IANA id; 0xffff: message harness */
    struct s2n_fuzz_target targets[3];
    unsigned ntargets;
};

#define MSG 0xffff
static const struct seed_harness harnesses[] = {
    { "client_hello", MSG, { CH }, 1 },
    { "server_hello", MSG, { { S2N_CLIENT, 2, 2, 0, 0 }, { S2N_CLIENT, 2, 1, 0, 0 } }, 2 },
    { "encrypted_extensions", MSG, { EE }, 1 },
    { "certificate", MSG, { { S2N_CLIENT, 11, 0, 0, 0 } }, 1 },
    { "certificate_request", MSG, { CR13, { S2N_CLIENT, 13, 0, 12, 14 } }, 2 },
    { "certificate_verify", MSG, { { S2N_CLIENT, 15, 0, 13, 0 } }, 1 },
    { "finished", MSG, { { S2N_CLIENT, 20, 0, 0, 0 } }, 1 },
    { "server_key_exchange", MSG, { { S2N_CLIENT, 12, 0, 12, 0 } }, 1 },
    { "client_key_exchange", MSG, { { S2N_SERVER, 16, 0, 12, 0 } }, 1 },
    { "ext_server_name", 0, { CH, EE, SH12 }, 3 },
    { "ext_supported_groups", 10, { CH, EE }, 2 },
    { "ext_ec_point_formats", 11, { CH, SH12 }, 2 },
    { "ext_signature_algorithms", 13, { CH, CR13 }, 2 },
    { "ext_alpn", 16, { CH, EE, SH12 }, 3 },
    { "ext_extended_master_secret", 23, { CH, SH12 }, 2 },
    { "ext_supported_versions", 43, { CH, SH, HRR }, 3 },
    { "ext_cookie", 44, { CH, HRR }, 2 },
    { "ext_key_share", 51, { CH, SH, HRR }, 3 },
    { "ext_renegotiation_info", 0xff01, { CH, SH12 }, 2 },
};

/* Extension data to seed with when a message lacks the extension. */
static const struct {
    uint16_t ext;
    uint8_t hs_type;
    const char *hex;
} default_ext_data[] = {
    { 0, 1, "000c0000096c6f63616c686f7374" },
    { 0, 8, "" },
    { 0, 2, "" },
    { 10, 8, "0004001d0017" },
    { 16, 8, "000908687474702f312e31" },
    { 16, 2, "000908687474702f312e31" },
    { 16, 1, "000c02683208687474702f312e31" },
    { 11, 2, "0100" },
    { 23, 2, "" },
    { 0xff01, 2, "00" },
    { 44, 1, "0004c0ffee00" },
    { 44, 2, "0004c0ffee00" },
};

static const char *corpus;
static unsigned written;

static void seed_write(const char *harness, const char *tag, const char *what, uint8_t selector, const uint8_t *data,
        size_t len)
{
    char dir[1024], path[1200];
    snprintf(dir, sizeof(dir), "%s/%s", corpus, harness);
    mkdir(dir, 0755);
    snprintf(path, sizeof(path), "%s/%s-%s", dir, tag, what);
    struct s2n_fuzz_buf b = { 0 };
    s2n_fuzz_buf_u8(&b, selector);
    s2n_fuzz_buf_append(&b, data, len);
    if (s2n_fuzz_write_file(path, b.data, b.len) < 0) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        exit(1);
    }
    written++;
    s2n_fuzz_buf_free(&b);
}

static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
    size_t n = 0;
    for (; hex[0] && hex[1] && n < max; hex += 2) {
        unsigned v;
        sscanf(hex, "%2x", &v);
        out[n++] = (uint8_t) v;
    }
    return n;
}

/* Message and extension seeds from a received flow (external peers: the
 * bodies are theirs, the prefix the harness replays is ours). */
static void seeds_from_flow(const struct s2n_fuzz_flow *flow, s2n_mode receiver, const char *tag, unsigned scenario,
        int ours)
{
    for (size_t h = 0; h < S2N_ARRAY_LEN(harnesses); h++) {
        const struct seed_harness *sh = &harnesses[h];
        struct s2n_fuzz_match matches[64];
        unsigned n = s2n_fuzz_matches(sh->targets, sh->ntargets, matches, 64);
        for (unsigned i = 0; i < n; i++) {
            const struct s2n_fuzz_match *m = &matches[i];
            const struct s2n_fuzz_target *t = m->target;
            if (t->receiver != receiver || (ours && m->scenario != scenario)) {
                continue;
            }
            if (!ours) {
                /* One seed per target: the match of the capture's scenario,
                 * else the target's first. */
                unsigned pick = n;
                for (unsigned j = 0; j < n && pick == n; j++) {
                    pick = matches[j].target == t && matches[j].scenario == scenario ? j : n;
                }
                for (unsigned j = 0; j < n && pick == n; j++) {
                    pick = matches[j].target == t ? j : n;
                }
                if (pick != i) {
                    continue;
                }
            }
            /* The same message in @flow (ours: the match's own entry). */
            const struct s2n_fuzz_entry *e = NULL;
            struct s2n_fuzz_buf body = { 0 };
            if (t->insert_before) {
                if (!ours) {
                    continue;
                }
                s2n_fuzz_default_body(t, &body);
            } else {
                if (ours) {
                    e = s2n_fuzz_match_entry(m);
                } else {
                    for (unsigned nth = 0; nth < 4 && e == NULL; nth++) {
                        int idx = s2n_fuzz_flow_find(flow, t->hs_type, nth);
                        if (idx < 0) {
                            break;
                        }
                        const struct s2n_fuzz_entry *c = &flow->entries[idx];
                        int hrr = s2n_fuzz_is_hrr(c->data + 4, c->len - 4);
                        if (t->hs_type != S2N_HS_SERVER_HELLO || t->hrr == 0 || (t->hrr == 1) == !!hrr) {
                            e = c;
                        }
                    }
                }
                if (e == NULL) {
                    continue;
                }
                s2n_fuzz_buf_append(&body, e->data + 4, e->len - 4);
            }
            char what[256];
            snprintf(what, sizeof(what), "%u-%u", scenario, i);
            if (sh->ext == MSG) {
                seed_write(sh->name, tag, what, (uint8_t) i, body.data, body.len);
            } else {
                size_t dlen = 0;
                const uint8_t *d = s2n_fuzz_find_extension(t->hs_type, body.data, body.len, sh->ext, &dlen);
                uint8_t def[256];
                if (d == NULL && ours) {
                    for (size_t k = 0; k < S2N_ARRAY_LEN(default_ext_data); k++) {
                        if (default_ext_data[k].ext == sh->ext && default_ext_data[k].hs_type == t->hs_type) {
                            dlen = unhex(default_ext_data[k].hex, def, sizeof(def));
                            d = def;
                        }
                    }
                }
                if (d != NULL) {
                    seed_write(sh->name, tag, what, (uint8_t) i, d, dlen);
                }
            }
            s2n_fuzz_buf_free(&body);
        }
    }
}

/* Post-handshake seeds: the handshake messages received after Finished. */
/* The post-handshake harness's selector for @scenario and @receiver. */
static int post_handshake_selector(unsigned scenario, s2n_mode receiver)
{
    unsigned k = 0;
    if (s2n_fuzz_transcript_get(scenario) == NULL) {
        return -1;
    }
    for (unsigned i = 0; i < scenario; i++) {
        k += s2n_fuzz_transcript_get(i) != NULL;
    }
    return (int) (k << 1 | (receiver == S2N_SERVER));
}

/* Post-handshake seeds: the handshake messages received after Finished. */
static void seeds_post_handshake(const struct s2n_fuzz_flow *flow, s2n_mode receiver, const char *tag, unsigned scenario)
{
    int selector = post_handshake_selector(scenario, receiver);
    int fin = s2n_fuzz_flow_find(flow, S2N_HS_FINISHED, 0);
    if (selector < 0 || fin < 0) {
        return;
    }
    struct s2n_fuzz_buf msgs = { 0 };
    for (size_t i = (size_t) fin + 1; i < flow->count; i++) {
        const struct s2n_fuzz_entry *e = &flow->entries[i];
        if (e->type == S2N_CT_HANDSHAKE && !(e->flags & S2N_FUZZ_REC_RAW)) {
            s2n_fuzz_buf_append(&msgs, e->data, e->len);
        }
    }
    if (msgs.len > 0) {
        char what[64];
        snprintf(what, sizeof(what), "%u-%s-post", scenario, receiver == S2N_CLIENT ? "client" : "server");
        seed_write("post_handshake", tag, what, (uint8_t) selector, msgs.data, msgs.len);
    }
    s2n_fuzz_buf_free(&msgs);
}

static void seeds_record(const struct s2n_fuzz_flow *flow, s2n_mode receiver, const char *tag, unsigned scenario)
{
    struct s2n_fuzz_buf script = { 0 };
    s2n_fuzz_flow_script(&script, flow);
    char what[64];
    snprintf(what, sizeof(what), "%u-%s", scenario, s2n_fuzz_scenarios[scenario].name);
    seed_write(receiver == S2N_CLIENT ? "record_client" : "record_server", tag, what, (uint8_t) scenario, script.data,
            script.len);
    s2n_fuzz_buf_free(&script);
}

static void seeds_ours(void)
{
    for (unsigned sc = 0; sc < s2n_fuzz_scenario_count; sc++) {
        const struct s2n_fuzz_transcript *t = s2n_fuzz_transcript_get(sc);
        if (t == NULL) {
            continue;
        }
        for (int side = 0; side < 2; side++) {
            s2n_mode mode = side ? S2N_SERVER : S2N_CLIENT;
            const struct s2n_fuzz_flow *flow = s2n_fuzz_flow_to(t, mode);
            seeds_record(flow, mode, "ours", sc);
            seeds_from_flow(flow, mode, "ours", sc, 1);
            seeds_post_handshake(flow, mode, "ours", sc);
        }
    }
    /* Post-handshake messages nobody in our pairs sends: for the first TLS 1.3
     * and the first TLS 1.2 scenario. */
    static const struct {
        uint8_t tls12;
        s2n_mode receiver;
        const char *what;
        const char *hex;
    } extra[] = {
        { 0, S2N_CLIENT, "key-update-requested", "1800000101" },
        { 0, S2N_CLIENT, "key-update-twice", "18000001001800000101" },
        { 0, S2N_CLIENT, "new-session-ticket",
                "04000019" "00015180" "01020304" "04" "0a0b0c0d" "0008" "7469636b65742121" "0000" },
        { 0, S2N_SERVER, "key-update-requested", "1800000101" },
        { 1, S2N_CLIENT, "hello-request", "00000000" },
        { 1, S2N_SERVER, "renegotiation-client-hello", "" },
    };
    for (size_t i = 0; i < S2N_ARRAY_LEN(extra); i++) {
        for (unsigned sc = 0; sc < s2n_fuzz_scenario_count; sc++) {
            const struct s2n_fuzz_transcript *t = s2n_fuzz_transcript_get(sc);
            if (t == NULL || t->tls12 != extra[i].tls12) {
                continue;
            }
            uint8_t buf[1024];
            size_t n = unhex(extra[i].hex, buf, sizeof(buf));
            if (n == 0) {
                /* the scenario's own ClientHello, again */
                const struct s2n_fuzz_flow *flow = s2n_fuzz_flow_to(t, S2N_SERVER);
                int ch = s2n_fuzz_flow_find(flow, S2N_HS_CLIENT_HELLO, 0);
                if (ch < 0 || flow->entries[ch].len > sizeof(buf)) {
                    break;
                }
                n = flow->entries[ch].len;
                memcpy(buf, flow->entries[ch].data, n);
            }
            seed_write("post_handshake", "synthetic", extra[i].what, (uint8_t) post_handshake_selector(sc, extra[i].receiver),
                    buf, n);
            break;
        }
    }
}

static int tcp_connect(const char *host, int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t) port) };
    if (fd < 0 || inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        return -1;
    }
    for (int tries = 0; tries < 50; tries++) {
        if (connect(fd, (struct sockaddr *) &sa, sizeof(sa)) == 0) {
            return fd;
        }
        usleep(100000);
    }
    close(fd);
    return -1;
}

static int tcp_accept_one(int port)
{
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t) port) };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0
            || bind(lfd, (struct sockaddr *) &sa, sizeof(sa)) < 0 || listen(lfd, 1) < 0) {
        return -1;
    }
    printf("listening on %d\n", port);
    fflush(stdout);
    int fd = accept(lfd, NULL, NULL);
    close(lfd);
    return fd;
}

static void set_timeout(int fd)
{
    struct timeval tv = { 3, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static void seeds_external(s2n_mode mode, unsigned scenario, int fd, const char *tag)
{
    set_timeout(fd);
    struct s2n_fuzz_flow flow = { 0 };
    int rc = s2n_fuzz_capture_external(mode, scenario, fd, &flow);
    close(fd);
    fprintf(stderr, "%s: %zu records received, handshake %s\n", tag, flow.count, rc == 0 ? "complete" : "failed");
    if (flow.count > 0) {
        seeds_record(&flow, mode, tag, scenario);
        seeds_from_flow(&flow, mode, tag, scenario, 0);
        if (rc == 0) {
            seeds_post_handshake(&flow, mode, tag, scenario);
        }
    }
    s2n_fuzz_flow_free(&flow);
}

int main(int argc, char **argv)
{
    s2n_fuzz_init();
    if (argc == 3 && strcmp(argv[1], "ours") == 0) {
        corpus = argv[2];
        mkdir(corpus, 0755);
        seeds_ours();
    } else if (argc == 7 && strcmp(argv[1], "client") == 0) {
        corpus = argv[5];
        int fd = tcp_connect(argv[3], atoi(argv[4]));
        if (fd < 0) {
            fprintf(stderr, "cannot connect to %s:%s\n", argv[3], argv[4]);
            return 1;
        }
        seeds_external(S2N_CLIENT, (unsigned) atoi(argv[2]), fd, argv[6]);
    } else if (argc == 6 && strcmp(argv[1], "server") == 0) {
        corpus = argv[4];
        int fd = tcp_accept_one(atoi(argv[3]));
        if (fd < 0) {
            fprintf(stderr, "cannot accept on port %s\n", argv[3]);
            return 1;
        }
        seeds_external(S2N_SERVER, (unsigned) atoi(argv[2]), fd, argv[5]);
    } else {
        fprintf(stderr, "usage: %s ours DIR | client SCENARIO HOST PORT DIR TAG | server SCENARIO PORT DIR TAG\n", argv[0]);
        return 2;
    }
    printf("%u seeds written\n", written);
    s2n_cleanup();
    return 0;
}
