/* libFuzzer harness: the signature_algorithms extension (RFC 8446 4.2.3) as parsed in
 * every message that may carry it, by the side that receives that message.
 * Input: selector(1) extension-data; the selector picks the message and a
 * scenario whose transcript holds it (tests/fuzz/README.md). */
#include "s2n_fuzz.h"

static const struct s2n_fuzz_target s2n_fuzz_targets[] = {
    { S2N_SERVER, 1, 0, 0, 0 },
    { S2N_CLIENT, 13, 0, 13, 11 },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    s2n_fuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    s2n_fuzz_run_extension(13, s2n_fuzz_targets, sizeof(s2n_fuzz_targets) / sizeof(s2n_fuzz_targets[0]), data, size);
    return 0;
}
