/* libFuzzer harness: DER certificates.  The input is parsed as an X.509
 * certificate (public key, subjectAltName/CN names), verified as a leaf
 * alone and under the test root, and added as a trust anchor that then
 * verifies a real chain. */
#include <stdlib.h>
#include <string.h>
#include "s2n_fuzz.h"
#include "crypto/s2n_crypto.h"

static struct s2n_trust_store s2n_fuzz_roots;
static struct s2n_der s2n_fuzz_ders[3]; /* leaf, its root, the RSA root */
static uint32_t s2n_fuzz_der_count;

static int s2n_fuzz_keep_der(void *ctx, const uint8_t *der, uint32_t len)
{
    if (s2n_fuzz_der_count < 3) {
        uint8_t *copy = malloc(len);
        if (copy == NULL) {
            s2n_fuzz_die("out of memory");
        }
        memcpy(copy, der, len);
        s2n_fuzz_ders[s2n_fuzz_der_count].data = copy;
        s2n_fuzz_ders[s2n_fuzz_der_count].len = len;
        s2n_fuzz_der_count++;
    }
    return 0;
}

static void s2n_fuzz_load_ders(const char *file)
{
    size_t len = 0;
    char *pem = s2n_fuzz_read_file(s2n_fuzz_pki(file), &len);
    if (pem == NULL || s2n_pem_for_each_cert((const uint8_t *) pem, (uint32_t) len, 0, s2n_fuzz_keep_der, NULL) < 0) {
        s2n_fuzz_die(file);
    }
    free(pem);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    s2n_fuzz_init();
    s2n_fuzz_load_ders("server-ecdsa-p256-chain.pem"); /* leaf + ECDSA root */
    s2n_fuzz_load_ders("ca-rsa-cert.pem");
    if (s2n_fuzz_der_count != 3) {
        s2n_fuzz_die("unexpected test PKI");
    }
    for (uint32_t i = 1; i < 3; i++) {
        if (s2n_trust_store_add_der(&s2n_fuzz_roots, s2n_fuzz_ders[i].data, s2n_fuzz_ders[i].len) < 0) {
            s2n_fuzz_die("trust store");
        }
    }
    return 0;
}

static int s2n_fuzz_name(void *ctx, const char *name, size_t len)
{
    return len == 9 && memcmp(name, "localhost", 9) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20) {
        return 0;
    }
    struct s2n_pkey key = { 0 };
    if (s2n_pkey_from_cert_der(&key, data, (uint32_t) size) == 0) {
        s2n_pkey_free(&key);
    }
    int matched = 0;
    S2N_IGNORE(s2n_x509_for_each_name(data, (uint32_t) size, s2n_fuzz_name, NULL, &matched));

    struct s2n_x509_verify_params params = { .max_depth = 7, .check_time = 1, .check_intent = 1, .peer_is_server = 1 };
    struct s2n_der chain[2] = { { data, (uint32_t) size }, s2n_fuzz_ders[1] };
    S2N_IGNORE(s2n_x509_verify_chain(&s2n_fuzz_roots, chain, 1, &params));
    S2N_IGNORE(s2n_x509_verify_chain(&s2n_fuzz_roots, chain, 2, &params));
    /* as an intermediate under the root, above the real leaf */
    struct s2n_der chain3[3] = { s2n_fuzz_ders[0], { data, (uint32_t) size }, s2n_fuzz_ders[1] };
    params.peer_is_server = 0;
    S2N_IGNORE(s2n_x509_verify_chain(&s2n_fuzz_roots, chain3, 3, &params));

    struct s2n_trust_store anchor = { 0 };
    if (s2n_trust_store_add_der(&anchor, data, (uint32_t) size) == 0) {
        params.peer_is_server = 1;
        S2N_IGNORE(s2n_x509_verify_chain(&anchor, s2n_fuzz_ders, 1, &params));
    }
    s2n_trust_store_free(&anchor);
    return 0;
}
