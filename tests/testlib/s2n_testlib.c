/* In-process client/server pairs over socketpairs, and test configs. */
#include <stdarg.h>
#include "s2n_testlib.h"
#include "tls/s2n_connection.h"
#include "tls/s2n_security_policy.h"

/* ---- in-process pairs ------------------------------------------------------- */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

const char *s2n_test_pki(const char *name)
{
    static __thread char path[4][512];
    static __thread int slot;
    slot = (slot + 1) % 4;
    snprintf(path[slot], sizeof(path[slot]), "%s/pki/%s", TEST_SRCDIR, name);
    return path[slot];
}

struct s2n_config *s2n_test_server_config(const char *policy, const char *chain, const char *key,
        struct s2n_cert_chain_and_key **chain_out)
{
    struct s2n_config *config = s2n_config_new_minimal();
    char *chain_pem = s2n_test_read_file(s2n_test_pki(chain), NULL);
    char *key_pem = s2n_test_read_file(s2n_test_pki(key), NULL);
    struct s2n_cert_chain_and_key *ck = s2n_cert_chain_and_key_new();
    if (!config || !chain_pem || !key_pem || !ck || s2n_cert_chain_and_key_load_pem(ck, chain_pem, key_pem) < 0
            || s2n_config_add_cert_chain_and_key_to_store(config, ck) < 0
            || (policy && s2n_config_set_cipher_preferences(config, policy) < 0)
            || s2n_config_set_max_blinding_delay(config, 0) < 0) {
        fprintf(stderr, "server config failed: %s\n", s2n_strerror_name(s2n_errno));
        abort();
    }
    free(chain_pem);
    free(key_pem);
    *chain_out = ck;
    return config;
}

struct s2n_config *s2n_test_client_config(const char *policy, const char *ca)
{
    struct s2n_config *config = s2n_config_new_minimal();
    if (!config || (ca && s2n_config_set_verification_ca_location(config, s2n_test_pki(ca), NULL) < 0)
            || (policy && s2n_config_set_cipher_preferences(config, policy) < 0)
            || s2n_config_set_max_blinding_delay(config, 0) < 0) {
        fprintf(stderr, "client config failed: %s\n", s2n_strerror_name(s2n_errno));
        abort();
    }
    return config;
}

int s2n_test_pair_new(struct s2n_test_pair *pair, struct s2n_config *client_config, struct s2n_config *server_config,
        int nonblocking)
{
    int fds[2];
    memset(pair, 0, sizeof(*pair));
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) < 0) {
        return -1;
    }
    if (nonblocking) {
        fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
        fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
    }
    pair->client_fd = fds[0];
    pair->server_fd = fds[1];
    pair->client = s2n_connection_new(S2N_CLIENT);
    pair->server = s2n_connection_new(S2N_SERVER);
    if (!pair->client || !pair->server || s2n_connection_set_config(pair->client, client_config) < 0
            || s2n_connection_set_config(pair->server, server_config) < 0
            || s2n_connection_set_fd(pair->client, fds[0]) < 0 || s2n_connection_set_fd(pair->server, fds[1]) < 0) {
        return -1;
    }
    return 0;
}

void s2n_test_pair_free(struct s2n_test_pair *pair)
{
    if (pair->client) {
        s2n_connection_free(pair->client);
    }
    if (pair->server) {
        s2n_connection_free(pair->server);
    }
    if (pair->client_fd > 0) {
        close(pair->client_fd);
    }
    if (pair->server_fd > 0) {
        close(pair->server_fd);
    }
    memset(pair, 0, sizeof(*pair));
}

struct s2n_test_thread {
    struct s2n_connection *conn;
    int rc;
    int err;
};

static void *s2n_test_negotiate_thread(void *arg)
{
    struct s2n_test_thread *t = arg;
    s2n_blocked_status blocked;
    t->rc = s2n_negotiate(t->conn, &blocked);
    t->err = t->rc < 0 ? s2n_errno : 0;
    if (t->rc < 0) {
        /* Let the peer see EOF instead of waiting forever. */
        int fd = -1;
        if (s2n_connection_get_write_fd(t->conn, &fd) == 0) {
            shutdown(fd, SHUT_RDWR);
        }
    }
    return NULL;
}

void s2n_test_pair_connect(struct s2n_test_pair *pair, struct s2n_config *client_config, struct s2n_config *server_config,
        const struct s2n_security_policy *policy, int nonblocking)
{
    int client_err = 0, server_err = 0;
    REQUIRE(s2n_test_pair_new(pair, client_config, server_config, nonblocking) == 0);
    if (policy != NULL) {
        pair->client->policy_override = policy;
        pair->server->policy_override = policy;
    }
    REQUIRE(s2n_set_server_name(pair->client, "localhost") == 0);
    REQUIRE(s2n_test_negotiate(pair, &client_err, &server_err) == 0);
}

int s2n_test_negotiate(struct s2n_test_pair *pair, int *client_err, int *server_err)
{
    int flags = fcntl(pair->client_fd, F_GETFL);
    *client_err = *server_err = 0;
    if (!(flags & O_NONBLOCK)) {
        pthread_t tid;
        struct s2n_test_thread server = { pair->server, 0, 0 }, client = { pair->client, 0, 0 };
        pthread_create(&tid, NULL, s2n_test_negotiate_thread, &server);
        s2n_test_negotiate_thread(&client);
        pthread_join(tid, NULL);
        *client_err = client.err;
        *server_err = server.err;
        return client.rc < 0 || server.rc < 0 ? -1 : 0;
    }
    int client_done = 0, server_done = 0;
    for (int rounds = 0; rounds < 10000 && !(client_done && server_done); rounds++) {
        s2n_blocked_status blocked;
        if (!client_done) {
            if (s2n_negotiate(pair->client, &blocked) == 0) {
                client_done = 1;
            } else if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
                *client_err = s2n_errno;
                if (getenv("S2N_TEST_DEBUG")) {
                    fprintf(stderr, "client: %s\n", s2n_strerror_debug(s2n_errno, NULL));
                }
                /* give the server a chance to read our alert */
                s2n_negotiate(pair->server, &blocked);
                *server_err = server_done ? 0 : s2n_errno;
                return -1;
            }
        }
        if (!server_done) {
            if (s2n_negotiate(pair->server, &blocked) == 0) {
                server_done = 1;
            } else if (s2n_error_get_type(s2n_errno) != S2N_ERR_T_BLOCKED) {
                *server_err = s2n_errno;
                if (getenv("S2N_TEST_DEBUG")) {
                    fprintf(stderr, "server: %s\n", s2n_strerror_debug(s2n_errno, NULL));
                }
                s2n_negotiate(pair->client, &blocked);
                *client_err = client_done ? 0 : s2n_errno;
                return -1;
            }
        }
    }
    return client_done && server_done ? 0 : -1;
}

struct s2n_test_sender {
    struct s2n_connection *conn;
    const uint8_t *data;
    size_t len;
    int ok;
};

static void *s2n_test_send_thread(void *arg)
{
    struct s2n_test_sender *s = arg;
    size_t off = 0;
    s->ok = 0;
    while (off < s->len) {
        s2n_blocked_status blocked;
        ssize_t w = s2n_send(s->conn, s->data + off, (ssize_t) (s->len - off), &blocked);
        if (w < 0) {
            if (s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED) {
                int fd = -1;
                s2n_connection_get_write_fd(s->conn, &fd);
                struct pollfd p = { fd, POLLOUT, 0 };
                poll(&p, 1, 1000);
                continue;
            }
            return NULL;
        }
        off += (size_t) w;
    }
    s->ok = 1;
    return NULL;
}

int s2n_test_transfer(struct s2n_connection *from, struct s2n_connection *to, size_t len)
{
    uint8_t *data = malloc(len ? len : 1), *got = malloc(len ? len : 1);
    for (size_t i = 0; i < len; i++) {
        data[i] = (uint8_t) (i * 7 + (i >> 8));
    }
    struct s2n_test_sender sender = { from, data, len, 0 };
    pthread_t tid;
    pthread_create(&tid, NULL, s2n_test_send_thread, &sender);
    size_t off = 0;
    int ok = 1;
    while (off < len) {
        s2n_blocked_status blocked;
        ssize_t r = s2n_recv(to, got + off, (ssize_t) (len - off), &blocked);
        if (r < 0 && s2n_error_get_type(s2n_errno) == S2N_ERR_T_BLOCKED) {
            int fd = -1;
            s2n_connection_get_read_fd(to, &fd);
            struct pollfd p = { fd, POLLIN, 0 };
            poll(&p, 1, 1000);
            continue;
        }
        if (r <= 0) {
            ok = 0;
            break;
        }
        off += (size_t) r;
    }
    pthread_join(tid, NULL);
    ok = ok && sender.ok && memcmp(data, got, len) == 0;
    free(data);
    free(got);
    return ok ? 0 : -1;
}

void s2n_test_policy_narrow(struct s2n_security_policy *out, const char *base, const struct s2n_cipher_suite **suite,
        const uint16_t *group)
{
    const struct s2n_security_policy *p = NULL;
    if (s2n_security_policy_find(base, &p) < 0) {
        abort();
    }
    *out = *p;
    if (suite) {
        out->suites = suite;
        out->suite_count = 1;
    }
    if (group) {
        out->ecc_groups = group;
        out->ecc_group_count = 1;
    }
}
