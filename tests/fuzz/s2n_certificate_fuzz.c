/* libFuzzer harness: the server's Certificate (TLS 1.3 and TLS 1.2) as parsed by the
 * client, chain validation included.
 * Input: selector(1) message-body; the selector picks a scenario whose
 * captured transcript holds the message (tests/fuzz/README.md). */
#include "s2n_fuzz.h"

static const struct s2n_fuzz_target s2n_fuzz_targets[] = {
    { S2N_CLIENT, 11, 0, 0, 0 },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    s2n_fuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    s2n_fuzz_run_message(s2n_fuzz_targets, sizeof(s2n_fuzz_targets) / sizeof(s2n_fuzz_targets[0]), data, size);
    return 0;
}
