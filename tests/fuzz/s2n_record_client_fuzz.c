/* libFuzzer harness: the record layer and the whole handshake state machine
 * of a client, from its first record: everything the server sends is the
 * fuzz input, record by record, in plaintext; records are protected with the
 * keys the client expects, so mutations reach every parser behind them
 * (handshake messages, alerts, change_cipher_spec, application data,
 * post-handshake messages).
 * Input: scenario(1) script (tests/fuzz/README.md, "script format"). */
#include "s2n_fuzz.h"

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
    s2n_fuzz_run(S2N_CLIENT, data[0] % s2n_fuzz_scenario_count, data + 1, size - 1);
    return 0;
}
