/* Caller misuse of the public API gets the documented error, never a crash:
 * NULL arguments to every function, use before s2n_init, s2n_init twice,
 * unknown and deprecated policies, freeing a config still in use, calls in
 * the wrong mode or state. */
#include "s2n_testlib.h"
#include "utils/s2n_errors.h"

int main(void)
{
    BEGIN_TEST();
    s2n_blocked_status blocked;

    /* Before s2n_init. */
    EXPECT_NULL_WITH_ERRNO(s2n_config_new(), S2N_ERR_NOT_INITIALIZED);
    EXPECT_NULL_WITH_ERRNO(s2n_config_new_minimal(), S2N_ERR_NOT_INITIALIZED);
    EXPECT_NULL_WITH_ERRNO(s2n_connection_new(S2N_CLIENT), S2N_ERR_NOT_INITIALIZED);
    EXPECT_NULL_WITH_ERRNO(s2n_cert_chain_and_key_new(), S2N_ERR_NOT_INITIALIZED);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cleanup_final(), S2N_ERR_NOT_INITIALIZED);

    EXPECT_SUCCESS(s2n_init());
    EXPECT_FAILURE_WITH_ERRNO(s2n_init(), S2N_ERR_INITIALIZED);
    EXPECT_FAILURE_WITH_ERRNO(s2n_mem_set_callbacks(NULL, NULL, NULL, NULL), S2N_ERR_INITIALIZED);
    EXPECT_FAILURE_WITH_ERRNO(s2n_get_fips_mode(NULL), S2N_ERR_NULL);
    EXPECT_NULL_WITH_ERRNO(s2n_connection_new((s2n_mode) 7), S2N_ERR_INVALID_ARGUMENT);

    /* NULL config. */
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_free(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_ctx(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_get_ctx(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_cipher_preferences(NULL, "default"), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_add_cert_chain_and_key_to_store(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_verification_ca_location(NULL, "x", NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_add_pem_to_trust_store(NULL, "x"), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_wipe_trust_store(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_load_system_certs(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_verify_host_callback(NULL, NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_disable_x509_verification(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_max_blinding_delay(NULL, 0), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_protocol_preferences(NULL, NULL, 0), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_session_tickets_onoff(NULL, 1), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_key_log_cb(NULL, NULL, NULL), S2N_ERR_NULL);

    /* NULL certificate objects. */
    EXPECT_FAILURE_WITH_ERRNO(s2n_cert_chain_and_key_load_pem(NULL, "", ""), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_cert_chain_and_key_load_pem_bytes(NULL, NULL, 0, NULL, 0), S2N_ERR_NULL);
    EXPECT_SUCCESS(s2n_cert_chain_and_key_free(NULL));

    /* NULL connection. */
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_free(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_wipe(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_config(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_ctx(NULL, NULL), S2N_ERR_NULL);
    EXPECT_NULL(s2n_connection_get_ctx(NULL));
    EXPECT_EQUAL((int) s2n_connection_get_mode(NULL), -1);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_fd(NULL, 0), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_read_fd(NULL, 0), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_write_fd(NULL, 0), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_read_fd(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_write_fd(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_recv_cb(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_send_cb(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_recv_ctx(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_send_ctx(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_cipher_preferences(NULL, "default"), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_protocol_preferences(NULL, NULL, 0), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_set_server_name(NULL, "x"), S2N_ERR_NULL);
    EXPECT_NULL_WITH_ERRNO(s2n_get_server_name(NULL), S2N_ERR_NULL);
    EXPECT_NULL_WITH_ERRNO(s2n_get_application_protocol(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_blinding(NULL, S2N_BUILT_IN_BLINDING), S2N_ERR_NULL);
    EXPECT_EQUAL(s2n_connection_get_delay(NULL), UINT64_MAX);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_prefer_throughput(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_prefer_low_latency(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_request_key_update(NULL, S2N_KEY_UPDATE_NOT_REQUESTED), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_free_handshake(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_release_buffers(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_negotiate(NULL, &blocked), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_send(NULL, "x", 1, &blocked), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_sendv(NULL, NULL, 0, &blocked), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_sendv_with_offset(NULL, NULL, 0, 0, &blocked), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_recv(NULL, NULL, 0, &blocked), S2N_ERR_NULL);
    EXPECT_EQUAL(s2n_peek(NULL), 0);
    EXPECT_FAILURE_WITH_ERRNO(s2n_shutdown(NULL, &blocked), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_shutdown_send(NULL, &blocked), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_client_protocol_version(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_server_protocol_version(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_actual_protocol_version(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_client_hello_version(NULL), S2N_ERR_NULL);
    EXPECT_NULL_WITH_ERRNO(s2n_connection_get_cipher(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_cipher_iana_value(NULL, NULL, NULL), S2N_ERR_NULL);
    EXPECT_NULL_WITH_ERRNO(s2n_connection_get_curve(NULL), S2N_ERR_NULL);
    EXPECT_NULL_WITH_ERRNO(s2n_connection_get_kem_group_name(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_key_exchange_group(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_alert(NULL), S2N_ERR_NULL);
    EXPECT_NULL_WITH_ERRNO(s2n_connection_get_handshake_type_name(NULL), S2N_ERR_NULL);
    EXPECT_NULL_WITH_ERRNO(s2n_connection_get_last_message_name(NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_selected_signature_algorithm(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_selected_digest_algorithm(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_selected_client_cert_signature_algorithm(NULL, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_selected_client_cert_digest_algorithm(NULL, NULL), S2N_ERR_NULL);

    /* Real objects, wrong use. */
    struct s2n_config *config = s2n_config_new_minimal();
    struct s2n_connection *client = s2n_connection_new(S2N_CLIENT);
    struct s2n_connection *server = s2n_connection_new(S2N_SERVER);
    REQUIRE(config && client && server);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_cipher_preferences(config, "no-such-policy"), S2N_ERR_INVALID_SECURITY_POLICY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_cipher_preferences(config, "PQ-TLS-1-0-2023-01-24"), S2N_ERR_DEPRECATED_SECURITY_POLICY);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_cipher_preferences(client, "nope"), S2N_ERR_INVALID_SECURITY_POLICY);
    EXPECT_SUCCESS(s2n_config_set_cipher_preferences(config, "DEFAULT_TLS13"));
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_get_ctx(config, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_cipher_preferences(config, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_set_server_name(server, "example.com"), S2N_ERR_CLIENT_MODE);
    char long_name[300];
    memset(long_name, 'a', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    EXPECT_FAILURE_WITH_ERRNO(s2n_set_server_name(client, long_name), S2N_ERR_SERVER_NAME_TOO_LONG);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_request_key_update(client, S2N_KEY_UPDATE_REQUESTED), S2N_ERR_INVALID_ARGUMENT);
    const char *empty_proto[] = { "" };
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_set_protocol_preferences(config, empty_proto, 1), S2N_ERR_INVALID_APPLICATION_PROTOCOL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_negotiate(client, NULL), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_send(client, "x", 1, &blocked), S2N_ERR_INVALID_STATE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_recv(client, long_name, 1, &blocked), S2N_ERR_INVALID_STATE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_send(client, NULL, 1, &blocked), S2N_ERR_NULL);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_cipher_iana_value(client, (uint8_t *) long_name, (uint8_t *) long_name + 1),
            S2N_ERR_INVALID_STATE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_alert(client), S2N_ERR_NO_ALERT);
    EXPECT_STRING_EQUAL(s2n_connection_get_cipher(client), "TLS_NULL_WITH_NULL_NULL");
    EXPECT_STRING_EQUAL(s2n_connection_get_curve(client), "NONE");
    /* No transport yet: negotiate fails cleanly. */
    EXPECT_FAILURE_WITH_ERRNO(s2n_negotiate(client, &blocked), S2N_ERR_INVALID_STATE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_get_read_fd(server, (int *) long_name), S2N_ERR_INVALID_STATE);
    EXPECT_FAILURE_WITH_ERRNO(s2n_connection_set_fd(server, -1), S2N_ERR_BAD_FD);

    /* A config in use cannot be freed; once the connection lets go it can. */
    EXPECT_SUCCESS(s2n_connection_set_config(server, config));
    EXPECT_FAILURE_WITH_ERRNO(s2n_config_free(config), S2N_ERR_CONFIG_IN_USE);
    EXPECT_SUCCESS(s2n_connection_free(server));
    EXPECT_SUCCESS(s2n_connection_free(client));
    EXPECT_SUCCESS(s2n_config_free(config));

    EXPECT_SUCCESS(s2n_cleanup_final());
    END_TEST();
}
