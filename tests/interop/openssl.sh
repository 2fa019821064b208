#!/bin/bash
# tests/interop/openssl.sh: s2nc and s2nd against OpenSSL's s_server and
# s_client (TAP).  Suite x group x certificate matrix both ways, 1 MiB each
# direction byte for byte, ALPN and SNI, KeyUpdate started by OpenSSL,
# HelloRetryRequest forced by the peer's groups, clean close_notify, and a
# server that survives garbage.
. "$(dirname "$0")/lib.sh"

[ "$OPENSSL" != no ] && [ -x "$OPENSSL" ] || skip_all "openssl not found"
require_tools

SUITES="TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256"
GROUPS_LIST="X25519 P-256 P-384"
# name:key-and-chain-prefix:ca
CERTS="ecdsa:server-ecdsa-p256:ca-ecdsa-cert.pem rsa:server-rsa-2048:ca-rsa-cert.pem"

s2n_group_name() {
    case $1 in
    X25519) echo x25519 ;;
    P-256) echo secp256r1 ;;
    P-384) echo secp384r1 ;;
    esac
}

# How s_client names the group in "Server Temp Key:".
ossl_temp_key() {
    case $1 in
    X25519) echo 'X25519' ;;
    P-256) echo 'ECDH, prime256v1' ;;
    P-384) echo 'ECDH, secp384r1' ;;
    esac
}

# Expected "Server signature negotiated:" prefix for a certificate type.
s2n_sig_prefix() {
    case $1 in
    ecdsa) echo 'ECDSA\+SHA256' ;;
    rsa) echo 'RSA-PSS-(RSAE|PSS)\+SHA' ;;
    esac
}

run_s2nc() { # OUTNAME STDIN ARGS... : run s2nc to completion (bounded), rc in $rc
    local name=$1 input=$2
    shift 2
    timeout -k 2 20 "$S2NC" "$@" < "$input" > "$WORK/$name.out" 2> "$WORK/$name.err"
    rc=$?
}

ECDSA_CA=$PKI/ca-ecdsa-cert.pem

# ---------------------------------------------------------------------------
# 1. s2nc -> openssl s_server: suite x group x certificate
# ---------------------------------------------------------------------------
for c in $CERTS; do
    IFS=: read -r ctype cprefix ca <<< "$c"
    for g in $GROUPS_LIST; do
        for s in $SUITES; do
            desc="s2nc -> s_server $s $g $ctype"
            if ! start_s_server srv hold -tls1_3 -naccept 1 -ciphersuites "$s" -groups "$g" \
                -cert "$PKI/$cprefix-chain.pem" -key "$PKI/$cprefix-key.pem"; then
                not_ok "$desc (s_server did not start)"
                diag_file "$WORK/srv.err"
                stop srv
                continue
            fi
            run_s2nc cli /dev/null -f "$PKI/$ca" -n localhost 127.0.0.1 "$port"
            if [ "$rc" = 0 ] && has_line "$WORK/cli.out" "^Cipher negotiated: $s\$" \
                && has_line "$WORK/cli.out" "^Curve: $(s2n_group_name "$g")\$" \
                && has_line "$WORK/cli.out" "^Actual protocol version: 34\$" \
                && has_line "$WORK/cli.out" "^Server signature negotiated: $(s2n_sig_prefix "$ctype")" \
                && has_line "$WORK/cli.out" '^s2n is ready$' \
                && [ ! -s "$WORK/cli.err" ]; then
                ok "$desc"
            else
                not_ok "$desc"
                diag "s2nc exit status $rc"
                diag_file "$WORK/cli.out"
                diag_file "$WORK/cli.err"
                diag_file "$WORK/srv.err" 5
                diag "reproduce: openssl s_server -tls1_3 -accept 127.0.0.1:4433 -ciphersuites $s -groups $g" \
                    "-cert tests/pki/$cprefix-chain.pem -key tests/pki/$cprefix-key.pem;" \
                    "tools/s2nc -f tests/pki/$ca -n localhost 127.0.0.1 4433 </dev/null"
            fi
            stop srv
        done
    done
done

# ---------------------------------------------------------------------------
# 2. openssl s_client -> s2nd: suite x group x certificate, one s2nd per cert
# ---------------------------------------------------------------------------
for c in $CERTS; do
    IFS=: read -r ctype cprefix ca <<< "$c"
    if ! start_s2nd srv /dev/null --cert "$PKI/$cprefix-chain.pem" --key "$PKI/$cprefix-key.pem"; then
        not_ok "s2nd with the $ctype certificate starts"
        diag_file "$WORK/srv.err"
        stop srv
        continue
    fi
    n=0
    for g in $GROUPS_LIST; do
        for s in $SUITES; do
            desc="s_client -> s2nd $s $g $ctype"
            n=$((n + 1))
            printf 'matrix %s %s %s\n' "$ctype" "$s" "$g" > "$WORK/line.txt"
            timeout -k 2 15 "$OPENSSL" s_client -connect "127.0.0.1:$port" -tls1_3 -ciphersuites "$s" -groups "$g" \
                -CAfile "$PKI/$ca" -servername localhost -verify_return_error -verify_hostname localhost \
                < "$WORK/line.txt" > "$WORK/cli.out" 2> "$WORK/cli.err"
            rc=$?
            if [ "$rc" = 0 ] && has_line "$WORK/cli.out" "Cipher is $s\$" \
                && has_line "$WORK/cli.out" '^Verify return code: 0 \(ok\)' \
                && has_line "$WORK/cli.out" "^Server Temp Key: $(ossl_temp_key "$g")," \
                && wait_for srv "^matrix $ctype $s $g\$" 5; then
                ok "$desc"
            else
                not_ok "$desc"
                diag "s_client exit status $rc"
                diag_file "$WORK/cli.out" 25
                diag_file "$WORK/cli.err"
                diag_file "$WORK/srv.out" 12
                diag_file "$WORK/srv.err"
                diag "reproduce: tools/s2nd --cert tests/pki/$cprefix-chain.pem --key tests/pki/$cprefix-key.pem 127.0.0.1 4433;" \
                    "openssl s_client -connect 127.0.0.1:4433 -tls1_3 -ciphersuites $s -groups $g -CAfile tests/pki/$ca -servername localhost"
            fi
        done
    done
    # s2nd reported every connection, and is still serving.
    got=$(grep -c '^Cipher negotiated: ' "$WORK/srv.out")
    if [ "$got" = "$n" ] && alive srv; then
        ok "s2nd ($ctype) reported $n connections and keeps serving"
    else
        not_ok "s2nd ($ctype) reported $n connections and keeps serving"
        diag "Cipher negotiated lines: $got; alive: $(alive srv && echo yes || echo no)"
        diag_file "$WORK/srv.err"
    fi

    if [ "$ctype" = ecdsa ]; then
        # A connection that sends garbage fails, and the next one works.
        exec 3<> "/dev/tcp/127.0.0.1/$port" && printf 'GET / HTTP/1.0\r\n\r\n' >&3
        timeout 5 cat <&3 > /dev/null 2>&1
        exec 3>&-
        echo | timeout -k 2 15 "$OPENSSL" s_client -connect "127.0.0.1:$port" -tls1_3 -CAfile "$PKI/$ca" \
            -servername localhost -verify_return_error > "$WORK/cli.out" 2> "$WORK/cli.err"
        rc=$?
        if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^Verify return code: 0 \(ok\)' && alive srv; then
            ok "s2nd survives a plaintext HTTP request and serves the next client"
        else
            not_ok "s2nd survives a plaintext HTTP request and serves the next client"
            diag_file "$WORK/cli.out"
            diag_file "$WORK/srv.err"
        fi
    fi
    stop srv
done

# ---------------------------------------------------------------------------
# 3. 1 MiB each way, byte for byte
# ---------------------------------------------------------------------------
make_data "$WORK/up.bin" 1048576
make_data "$WORK/down.bin" 1048576

# free_listen_port: start a quiet s_server (which does not print its port) on a probed port.
start_quiet_s_server() { # NAME STDIN ARGS...
    local name=$1 input=$2 tries=0
    shift 2
    while [ "$tries" -lt 5 ]; do
        port=$(free_port)
        start "$name" "$input" "$OPENSSL" s_server -quiet -accept "127.0.0.1:$port" "$@"
        # Listening once the port shows up in LISTEN state (no probe connection: -naccept counts it).
        local i=0 hex
        hex=$(printf '%04X' "$port")
        while [ "$i" -lt 100 ] && alive "$name"; do
            if grep -q ":$hex 00000000:0000 0A" /proc/net/tcp 2>/dev/null; then
                return 0
            fi
            sleep 0.05
            i=$((i + 1))
        done
        stop "$name"
        tries=$((tries + 1))
    done
    return 1
}

# 3a. s2nc uploads to s_server
if start_quiet_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    run_s2nc cli "$WORK/up.bin" -e -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    finish srv 10
    check "s2nc -e uploads 1 MiB to s_server and exits 0" [ "$rc" = 0 ] || { diag_file "$WORK/cli.err"; }
    same_data "s_server received s2nc's 1 MiB intact" "$WORK/up.bin" "$WORK/srv.out"
else
    not_ok "s_server -quiet starts"
fi
stop srv

# 3b. s_server sends 1 MiB to s2nc, then closes
if start_quiet_s_server srv "$WORK/down.bin" -tls1_3 -naccept 1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    start cli hold "$S2NC" -e -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    if finish cli 20 && [ "$rc" = 0 ]; then
        ok "s2nc receives 1 MiB from s_server and exits 0 when it closes"
    else
        not_ok "s2nc receives 1 MiB from s_server and exits 0 when it closes"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.err"
    fi
    check "s2nc reports the server's close_notify" has_line "$WORK/cli.out" '^Connection closed by peer$'
    payload_after "$WORK/cli.out" "s2n is ready" "$WORK/cli.data"
    same_data "s2nc received s_server's 1 MiB intact" "$WORK/down.bin" "$WORK/cli.data"
else
    not_ok "s_server -quiet starts"
fi
stop srv
stop cli

# 3c. s_client uploads to s2nd
if start_s2nd srv /dev/null -X --cert "$PKI/server-ecdsa-p256-chain.pem" --key "$PKI/server-ecdsa-p256-key.pem"; then
    timeout -k 2 20 "$OPENSSL" s_client -quiet -no_ign_eof -connect "127.0.0.1:$port" -CAfile "$ECDSA_CA" \
        < "$WORK/up.bin" > "$WORK/cli.out" 2> "$WORK/cli.err"
    cli_rc=$?
    if finish srv 10 && [ "$rc" = 0 ] && [ "$cli_rc" = 0 ]; then
        ok "s_client uploads 1 MiB to s2nd -X, both exit 0"
    else
        not_ok "s_client uploads 1 MiB to s2nd -X, both exit 0"
        diag "s2nd exit status $rc, s_client $cli_rc"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.err"
    fi
    check "s2nd reports the client's close_notify" has_line "$WORK/srv.out" '^Connection closed by peer$'
    payload_after "$WORK/srv.out" "s2n is ready" "$WORK/srv.data"
    same_data "s2nd received s_client's 1 MiB intact" "$WORK/up.bin" "$WORK/srv.data"
else
    not_ok "s2nd -X starts"
    diag_file "$WORK/srv.err"
fi
stop srv

# 3d. s2nd sends 1 MiB (its stdin) to s_client
if start_s2nd srv "$WORK/down.bin" -X --cert "$PKI/server-ecdsa-p256-chain.pem" --key "$PKI/server-ecdsa-p256-key.pem"; then
    start cli hold "$OPENSSL" s_client -quiet -no_ign_eof -connect "127.0.0.1:$port" -CAfile "$ECDSA_CA"
    wait_size "$WORK/cli.out" 1048576 20 cli
    release cli
    finish cli 10
    cli_rc=$rc
    finish srv 10
    if [ "$rc" = 0 ] && [ "$cli_rc" = 0 ]; then
        ok "s2nd sends 1 MiB to s_client, both exit 0 after the client's close_notify"
    else
        not_ok "s2nd sends 1 MiB to s_client, both exit 0 after the client's close_notify"
        diag "s2nd exit status $rc, s_client $cli_rc"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.err"
    fi
    same_data "s_client received s2nd's 1 MiB intact" "$WORK/down.bin" "$WORK/cli.out"
else
    not_ok "s2nd -X starts"
    diag_file "$WORK/srv.err"
fi
stop srv
stop cli

# ---------------------------------------------------------------------------
# 4. ALPN and SNI
# ---------------------------------------------------------------------------
if start_s_server srv hold -tls1_3 -naccept 1 -alpn http/1.1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    run_s2nc cli /dev/null -a h2,http/1.1 -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^Application protocol: http/1.1$' \
        && has_line "$WORK/cli.out" '^Server name: localhost$' \
        && wait_for srv '^ALPN protocols advertised by the client: h2, http/1.1$' 5; then
        ok "s2nc offers ALPN h2,http/1.1 and SNI localhost; s_server picks http/1.1"
    else
        not_ok "s2nc offers ALPN h2,http/1.1 and SNI localhost; s_server picks http/1.1"
        diag_file "$WORK/cli.out"
        diag_file "$WORK/cli.err"
        diag_file "$WORK/srv.out"
    fi
else
    not_ok "s_server -alpn starts"
fi
stop srv

if start_s2nd srv /dev/null -X -A http/1.1,h2 --cert "$PKI/server-ecdsa-p256-chain.pem" --key "$PKI/server-ecdsa-p256-key.pem"; then
    timeout -k 2 15 "$OPENSSL" s_client -connect "127.0.0.1:$port" -tls1_3 -alpn h2,http/1.1 -servername localhost \
        -CAfile "$ECDSA_CA" < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    finish srv 10
    if has_line "$WORK/cli.out" '^ALPN protocol: (h2|http/1.1)$' \
        && has_line "$WORK/srv.out" '^Application protocol: (h2|http/1.1)$' \
        && has_line "$WORK/srv.out" '^Server name: localhost$'; then
        ok "s_client offers ALPN and SNI; s2nd selects and reports them"
    else
        not_ok "s_client offers ALPN and SNI; s2nd selects and reports them"
        diag_file "$WORK/cli.out" 25
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
    fi
else
    not_ok "s2nd -A starts"
fi
stop srv

# ---------------------------------------------------------------------------
# 5. KeyUpdate started by OpenSSL ('k': not requested, 'K': update requested)
# ---------------------------------------------------------------------------
# 5a. s_server updates its keys while talking to s2nc
if start_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    start cli hold "$S2NC" -e -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    ku_ok=yes
    wait_for cli '^s2n is ready$' 10 || ku_ok="no (handshake)"
    for cmd in k K; do
        [ "$ku_ok" = yes ] || break
        feed cli "client-before-$cmd\n"
        wait_for srv "^client-before-$cmd\$" 5 || { ku_ok="no (data before $cmd)"; break; }
        feed srv "$cmd\n"
        sleep 0.3
        feed srv "server-after-$cmd\n"
        wait_for cli "^server-after-$cmd\$" 5 || { ku_ok="no (s2nc did not read data after $cmd)"; break; }
        feed cli "client-after-$cmd\n"
        wait_for srv "^client-after-$cmd\$" 5 || { ku_ok="no (s_server did not read data after $cmd)"; break; }
    done
    release cli
    finish cli 10
    if [ "$ku_ok" = yes ] && [ "$rc" = 0 ] && [ ! -s "$WORK/cli.err" ]; then
        ok "s2nc follows s_server's KeyUpdates (k and K) both ways"
    else
        not_ok "s2nc follows s_server's KeyUpdates (k and K) both ways"
        diag "result: $ku_ok, s2nc exit status $rc"
        diag_file "$WORK/cli.out"
        diag_file "$WORK/cli.err"
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
    fi
else
    not_ok "s_server starts"
fi
stop srv
stop cli

# 5b. s_client updates its keys while talking to s2nd
if start_s2nd srv hold -X --cert "$PKI/server-ecdsa-p256-chain.pem" --key "$PKI/server-ecdsa-p256-key.pem"; then
    start cli hold "$OPENSSL" s_client -quiet -no_ign_eof -connect "127.0.0.1:$port" -CAfile "$ECDSA_CA"
    ku_ok=yes
    wait_for srv '^s2n is ready$' 10 || ku_ok="no (handshake)"
    for cmd in k K; do
        [ "$ku_ok" = yes ] || break
        feed cli "client-before-$cmd\n"
        wait_for srv "^client-before-$cmd\$" 5 || { ku_ok="no (data before $cmd)"; break; }
        feed cli "$cmd\n"
        sleep 0.2
        feed cli "client-after-$cmd\n"
        wait_for srv "^client-after-$cmd\$" 5 || { ku_ok="no (s2nd did not read data after $cmd)"; break; }
        feed srv "server-after-$cmd\n"
        wait_for cli "^server-after-$cmd\$" 5 || { ku_ok="no (s_client did not read data after $cmd)"; break; }
    done
    release cli
    finish cli 10
    finish srv 10
    if [ "$ku_ok" = yes ] && [ "$rc" = 0 ] && [ ! -s "$WORK/srv.err" ]; then
        ok "s2nd follows s_client's KeyUpdates (k and K) both ways"
    else
        not_ok "s2nd follows s_client's KeyUpdates (k and K) both ways"
        diag "result: $ku_ok, s2nd exit status $rc"
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.out"
        diag_file "$WORK/cli.err"
    fi
else
    not_ok "s2nd starts"
fi
stop srv
stop cli

# ---------------------------------------------------------------------------
# 6. HelloRetryRequest
# ---------------------------------------------------------------------------
# 6a. s_client offers a P-384 key share first; s2nd's default policy prefers another group.
if start_s2nd srv /dev/null -X --cert "$PKI/server-ecdsa-p256-chain.pem" --key "$PKI/server-ecdsa-p256-key.pem"; then
    timeout -k 2 15 "$OPENSSL" s_client -connect "127.0.0.1:$port" -tls1_3 -groups P-384:X25519 -servername localhost \
        -CAfile "$ECDSA_CA" -verify_return_error < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    cli_rc=$?
    finish srv 10
    if [ "$cli_rc" = 0 ] && has_line "$WORK/srv.out" '^Handshake: .*HELLO_RETRY_REQUEST' \
        && has_line "$WORK/cli.out" '^Verify return code: 0 \(ok\)'; then
        ok "s2nd answers s_client -groups P-384:X25519 with a HelloRetryRequest"
    else
        not_ok "s2nd answers s_client -groups P-384:X25519 with a HelloRetryRequest"
        diag "s_client exit status $cli_rc"
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.out" 25
    fi
else
    not_ok "s2nd starts"
fi
stop srv

# 6b. s_server accepts only P-384: s2nc must retry its ClientHello.
if start_s_server srv hold -tls1_3 -naccept 1 -groups P-384 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    run_s2nc cli /dev/null -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^Handshake: .*HELLO_RETRY_REQUEST' \
        && has_line "$WORK/cli.out" '^Curve: secp384r1$'; then
        ok "s2nc retries after s_server -groups P-384 sends a HelloRetryRequest"
    else
        not_ok "s2nc retries after s_server -groups P-384 sends a HelloRetryRequest"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.out"
        diag_file "$WORK/cli.err"
    fi
else
    not_ok "s_server starts"
fi
stop srv

# ---------------------------------------------------------------------------
# 7. Clean close_notify
# ---------------------------------------------------------------------------
# 7a. s2nc closes (stdin EOF): s_server sees a close_notify, not a truncation.
if start_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    printf 'goodbye\n' > "$WORK/line.txt"
    run_s2nc cli "$WORK/line.txt" -e -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    finish srv 10
    if [ "$rc" = 0 ] && has_line "$WORK/srv.out" '^goodbye$' && has_line "$WORK/srv.out" '^CONNECTION CLOSED$' \
        && lacks_line "$WORK/srv.out" '^ERROR' && lacks_line "$WORK/srv.err" 'unexpected eof|error' \
        && [ ! -s "$WORK/cli.err" ]; then
        ok "s2nc ends with a close_notify that s_server accepts"
    else
        not_ok "s2nc ends with a close_notify that s_server accepts"
        diag_file "$WORK/cli.err"
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
    fi
else
    not_ok "s_server starts"
fi
stop srv

# 7b. s_client closes: s2nd reports it, answers with its close_notify, and keeps serving.
if start_s2nd srv /dev/null --cert "$PKI/server-ecdsa-p256-chain.pem" --key "$PKI/server-ecdsa-p256-key.pem"; then
    printf 'goodbye\n' > "$WORK/line.txt"
    timeout -k 2 15 "$OPENSSL" s_client -quiet -no_ign_eof -connect "127.0.0.1:$port" -CAfile "$ECDSA_CA" \
        < "$WORK/line.txt" > "$WORK/cli.out" 2> "$WORK/cli.err"
    cli_rc=$?
    if [ "$cli_rc" = 0 ] && wait_for srv '^Connection closed by peer$' 5 && has_line "$WORK/srv.out" '^goodbye$' \
        && sleep 0.2 && alive srv && [ ! -s "$WORK/srv.err" ]; then
        ok "s2nd reports s_client's close_notify and keeps serving"
    else
        not_ok "s2nd reports s_client's close_notify and keeps serving"
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.err"
    fi
else
    not_ok "s2nd starts"
fi
stop srv

done_testing
