/* libFuzzer harness: post-handshake messages (TLS 1.3 KeyUpdate and
 * NewSessionTicket; TLS 1.2 HelloRequest and renegotiation attempts) as
 * parsed by either side after a complete handshake.
 * Input: selector(1) messages.  Bit 0 of the selector picks the side under
 * test (0 client, 1 server), the rest a scenario.  The messages (each a
 * 4-byte handshake header and its body, split by their declared lengths)
 * are sent one per record, protected with the current traffic keys, after
 * the captured handshake. */
#include <string.h>
#include "s2n_fuzz.h"
#include "tls/s2n_handshake.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    s2n_fuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    s2n_mode side = (data[0] & 1) ? S2N_SERVER : S2N_CLIENT;
    unsigned scenarios[32], count = 0;
    for (unsigned i = 0; i < s2n_fuzz_scenario_count && count < 32; i++) {
        if (s2n_fuzz_transcript_get(i)) {
            scenarios[count++] = i;
        }
    }
    if (count == 0) {
        return 0;
    }
    unsigned scenario = scenarios[(data[0] >> 1) % count];
    const struct s2n_fuzz_flow *flow = s2n_fuzz_flow_to(s2n_fuzz_transcript_get(scenario), side);
    int finished = s2n_fuzz_flow_find(flow, S2N_HS_FINISHED, 0);
    if (finished < 0) {
        return 0;
    }

    struct s2n_fuzz_buf script = { 0 };
    for (int i = 0; i <= finished; i++) {
        const struct s2n_fuzz_entry *e = &flow->entries[i];
        s2n_fuzz_buf_entry(&script, e->flags, e->type, e->data, e->len);
    }
    size_t pos = 1;
    while (pos < size) {
        size_t n = size - pos;
        if (n >= 4) {
            n = S2N_MIN(n, 4 + ((size_t) data[pos + 1] << 16 | (size_t) data[pos + 2] << 8 | data[pos + 3]));
        }
        for (size_t off = 0; off < n; off += S2N_TLS_MAX_FRAGMENT) {
            s2n_fuzz_buf_entry(&script, 0, S2N_CT_HANDSHAKE, data + pos + off, S2N_MIN(n - off, (size_t) S2N_TLS_MAX_FRAGMENT));
        }
        pos += n;
    }
    static const uint8_t app[] = "ping";
    s2n_fuzz_buf_entry(&script, 0, S2N_CT_APPLICATION_DATA, app, sizeof(app) - 1);
    s2n_fuzz_run(side, scenario, script.data, script.len);
    s2n_fuzz_buf_free(&script);
    return 0;
}
