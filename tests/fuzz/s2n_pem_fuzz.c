/* libFuzzer harness: PEM loading.  The input, as text, is scanned for
 * certificates (strict and lenient), each DER found is parsed (public key,
 * names), and it is loaded as a certificate chain, as a private key, both
 * (s2n_cert_chain_and_key_load_pem[_bytes]) and into a trust store. */
#include <stdlib.h>
#include <string.h>
#include "s2n_fuzz.h"
#include "crypto/s2n_crypto.h"

static char *s2n_fuzz_chain;
static char *s2n_fuzz_key;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    s2n_fuzz_init();
    s2n_fuzz_chain = s2n_fuzz_read_file(s2n_fuzz_pki("server-ecdsa-p256-chain.pem"), NULL);
    s2n_fuzz_key = s2n_fuzz_read_file(s2n_fuzz_pki("server-ecdsa-p256-key.pem"), NULL);
    if (!s2n_fuzz_chain || !s2n_fuzz_key) {
        s2n_fuzz_die("tests/pki");
    }
    return 0;
}

static int s2n_fuzz_name(void *ctx, const char *name, size_t len)
{
    return len == 9 && memcmp(name, "localhost", 9) == 0;
}

static int s2n_fuzz_der(void *ctx, const uint8_t *der, uint32_t len)
{
    struct s2n_pkey key = { 0 };
    if (s2n_pkey_from_cert_der(&key, der, len) == 0) {
        s2n_pkey_free(&key);
    }
    int matched = 0;
    S2N_IGNORE(s2n_x509_for_each_name(der, len, s2n_fuzz_name, ctx, &matched));
    return 0;
}

static void s2n_fuzz_load(const char *chain, const char *key)
{
    struct s2n_cert_chain_and_key *ck = s2n_cert_chain_and_key_new();
    if (ck == NULL) {
        s2n_fuzz_die("s2n_cert_chain_and_key_new");
    }
    S2N_IGNORE(s2n_cert_chain_and_key_load_pem(ck, chain, key));
    s2n_cert_chain_and_key_free(ck);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20) {
        return 0;
    }
    char *text = malloc(size + 1);
    uint8_t *copy = malloc(size + 1);
    if (text == NULL || copy == NULL) {
        s2n_fuzz_die("out of memory");
    }
    memcpy(text, data, size);
    text[size] = '\0';

    S2N_IGNORE(s2n_pem_for_each_cert(data, (uint32_t) size, 1, s2n_fuzz_der, NULL));
    S2N_IGNORE(s2n_pem_for_each_cert(data, (uint32_t) size, 0, s2n_fuzz_der, NULL));

    struct s2n_pkey key = { 0 };
    if (size > 0 && s2n_pkey_from_private_pem(&key, data, (uint32_t) size) == 0) {
        s2n_pkey_free(&key);
    }

    s2n_fuzz_load(text, s2n_fuzz_key);
    s2n_fuzz_load(s2n_fuzz_chain, text);
    s2n_fuzz_load(text, text);

    struct s2n_cert_chain_and_key *ck = s2n_cert_chain_and_key_new();
    if (ck == NULL) {
        s2n_fuzz_die("s2n_cert_chain_and_key_new");
    }
    memcpy(copy, data, size);
    S2N_IGNORE(s2n_cert_chain_and_key_load_pem_bytes(ck, copy, (uint32_t) size, (uint8_t *) s2n_fuzz_key,
            (uint32_t) strlen(s2n_fuzz_key)));
    s2n_cert_chain_and_key_free(ck);

    struct s2n_trust_store ts = { 0 };
    S2N_IGNORE(s2n_trust_store_add_pem(&ts, text));
    s2n_trust_store_free(&ts);

    struct s2n_config *config = s2n_config_new_minimal();
    if (config == NULL) {
        s2n_fuzz_die("s2n_config_new_minimal");
    }
    S2N_IGNORE(s2n_config_add_pem_to_trust_store(config, text));
    s2n_config_free(config);

    free(text);
    free(copy);
    return 0;
}
