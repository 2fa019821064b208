/* Walk every handshake sequence the state machine can select (every flag
 * combination, TLS 1.3 and TLS 1.2) and check it against RFC 8446 Appendix A
 * and RFC 5246 section 7.3: it starts with ClientHello, reaches
 * APPLICATION_DATA, has each peer's Finished exactly once and in order, and
 * uses only message names API.md lists. */
#include "s2n_testlib.h"
#include "tls/s2n_handshake.h"

static int index_of(const uint8_t *seq, uint8_t n, uint8_t id)
{
    for (uint8_t i = 0; i < n; i++) {
        if (seq[i] == id) {
            return i;
        }
    }
    return -1;
}

static int count_of(const uint8_t *seq, uint8_t n, uint8_t id)
{
    int c = 0;
    for (uint8_t i = 0; i < n; i++) {
        c += seq[i] == id;
    }
    return c;
}

int main(void)
{
    BEGIN_TEST_INIT();
    static const char *const names[] = { "CLIENT_HELLO", "SERVER_HELLO", "ENCRYPTED_EXTENSIONS", "SERVER_CERT",
        "SERVER_CERT_VERIFY", "SERVER_KEY", "SERVER_CERT_REQ", "SERVER_HELLO_DONE", "CLIENT_CERT", "CLIENT_KEY",
        "CLIENT_CERT_VERIFY", "CLIENT_CHANGE_CIPHER_SPEC", "CLIENT_FINISHED", "SERVER_CHANGE_CIPHER_SPEC",
        "SERVER_FINISHED", "HELLO_RETRY_MSG", "APPLICATION_DATA" };
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    REQUIRE(conn);

    for (int tls12 = 0; tls12 < 2; tls12++) {
        for (int flags = 0; flags < 64; flags++) {
            uint8_t seq[S2N_MAX_SEQUENCE];
            uint8_t n = s2n_handshake_sequence((uint8_t) flags, tls12, seq);
            EXPECT_TRUE(n >= 8 && n <= S2N_MAX_SEQUENCE);
            EXPECT_EQUAL(seq[0], S2N_MSG_CLIENT_HELLO);
            EXPECT_EQUAL(seq[n - 1], S2N_MSG_APPLICATION_DATA);
            EXPECT_EQUAL(count_of(seq, n, S2N_MSG_APPLICATION_DATA), 1);
            EXPECT_EQUAL(count_of(seq, n, S2N_MSG_SERVER_FINISHED), 1);
            EXPECT_EQUAL(count_of(seq, n, S2N_MSG_CLIENT_FINISHED), 1);
            EXPECT_EQUAL(count_of(seq, n, S2N_MSG_SERVER_CERT), 1);
            int sf = index_of(seq, n, S2N_MSG_SERVER_FINISHED), cf = index_of(seq, n, S2N_MSG_CLIENT_FINISHED);
            int auth = flags & S2N_HT_CLIENT_AUTH;
            EXPECT_EQUAL(count_of(seq, n, S2N_MSG_SERVER_CERT_REQ), auth ? 1 : 0);
            EXPECT_EQUAL(count_of(seq, n, S2N_MSG_CLIENT_CERT), auth ? 1 : 0);
            EXPECT_EQUAL(count_of(seq, n, S2N_MSG_CLIENT_CERT_VERIFY), auth && !(flags & S2N_HT_NO_CLIENT_CERT) ? 1 : 0);
            if (tls12) {
                /* RFC 5246 7.3: the client finishes first in a full handshake. */
                EXPECT_TRUE(cf < sf);
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_SERVER_KEY), 1);
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_CLIENT_KEY), 1);
                EXPECT_TRUE(index_of(seq, n, S2N_MSG_SERVER_HELLO_DONE) < index_of(seq, n, S2N_MSG_CLIENT_KEY));
                EXPECT_TRUE(index_of(seq, n, S2N_MSG_CLIENT_CCS) + 1 == cf);
                EXPECT_TRUE(index_of(seq, n, S2N_MSG_SERVER_CCS) + 1 == sf);
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_ENCRYPTED_EXTENSIONS), 0);
            } else {
                /* RFC 8446 A.1/A.2: the server finishes first. */
                EXPECT_TRUE(sf < cf);
                int hrr = flags & S2N_HT_HELLO_RETRY_REQUEST;
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_CLIENT_HELLO), hrr ? 2 : 1);
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_HELLO_RETRY), hrr ? 1 : 0);
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_ENCRYPTED_EXTENSIONS), 1);
                EXPECT_TRUE(index_of(seq, n, S2N_MSG_SERVER_CERT) < index_of(seq, n, S2N_MSG_SERVER_CERT_VERIFY));
                EXPECT_TRUE(index_of(seq, n, S2N_MSG_SERVER_CERT_VERIFY) + 1 == sf);
                int compat = flags & S2N_HT_MIDDLEBOX_COMPAT;
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_SERVER_CCS), compat ? 1 : 0);
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_CLIENT_CCS), compat ? 1 : 0);
                EXPECT_EQUAL(count_of(seq, n, S2N_MSG_SERVER_KEY), 0);
            }
            /* Every message has a descriptor and an API.md name. */
            conn->actual_protocol_version = tls12 ? S2N_TLS12 : S2N_TLS13;
            conn->handshake_type = (uint8_t) (flags | S2N_HT_NEGOTIATED);
            for (uint8_t i = 0; i < n; i++) {
                const struct s2n_message_desc *d = s2n_message_desc(conn, seq[i]);
                int known = 0;
                for (size_t k = 0; d && d->name && k < S2N_ARRAY_LEN(names); k++) {
                    known |= strcmp(d->name, names[k]) == 0;
                }
                s2n_test_reportf(known, __FILE__, __LINE__, "tls12=%d flags=%d message %u has a known name", tls12, flags, seq[i]);
                /* The writer of each message alternates sensibly: it is set. */
                EXPECT_TRUE(seq[i] == S2N_MSG_APPLICATION_DATA || d->writer == S2N_SERVER || d->writer == S2N_CLIENT);
            }
        }
    }
    EXPECT_SUCCESS(s2n_connection_free(conn));
    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
