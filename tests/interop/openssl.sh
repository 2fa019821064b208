#!/bin/bash
# tests/interop/openssl.sh: s2nc and s2nd against OpenSSL's s_server and
# s_client (TAP).  Suite x group x certificate matrix both ways, 1 MiB each
# direction byte for byte, ALPN and SNI, KeyUpdate started by OpenSSL,
# HelloRetryRequest forced by the peer's groups, clean close_notify, a
# server that survives garbage, s2nc's options, and TLS 1.2 both ways.
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
                diag "reproduce: tools/s2nd --cert tests/pki/$cprefix-chain.pem --key tests/pki/$cprefix-key.pem" \
                    "127.0.0.1 4433;" \
                    "openssl s_client -connect 127.0.0.1:4433 -tls1_3 -ciphersuites $s -groups $g" \
                    "-CAfile tests/pki/$ca -servername localhost"
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
        exec 3<> "/dev/tcp/127.0.0.1/$port" && printf 'GET / HTTP/1.0\r\n\r\n' >&3 2> /dev/null
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

# 3b. s_server sends 1 MiB to s2nc, then closes.  s_server gets its input only
# once the handshake is done: with stdin readable earlier it writes during the
# handshake and then blocks in a read of its own.
if start_quiet_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    start cli hold "$S2NC" -e -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    wait_for cli '^s2n is ready$' 10
    feed_file srv "$WORK/down.bin"
    release srv
    if finish cli 20 && [ "$rc" = 0 ]; then
        ok "s2nc receives 1 MiB from s_server and exits 0 when it closes"
    else
        not_ok "s2nc receives 1 MiB from s_server and exits 0 when it closes"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.err"
        diag_file "$WORK/srv.err"
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

if start_s2nd srv /dev/null -X -A http/1.1,h2 --cert "$PKI/server-ecdsa-p256-chain.pem" \
    --key "$PKI/server-ecdsa-p256-key.pem"; then
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
# 6a. s_client's only key share is for X448, which s2nd does not implement:
# s2nd must ask for P-256 with a HelloRetryRequest.
if start_s2nd srv /dev/null -X --cert "$PKI/server-ecdsa-p256-chain.pem" --key "$PKI/server-ecdsa-p256-key.pem"; then
    timeout -k 2 15 "$OPENSSL" s_client -connect "127.0.0.1:$port" -tls1_3 -groups X448:P-256 -servername localhost \
        -CAfile "$ECDSA_CA" -verify_return_error < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    cli_rc=$?
    finish srv 10
    if [ "$cli_rc" = 0 ] && has_line "$WORK/srv.out" '^Handshake: .*HELLO_RETRY_REQUEST' \
        && has_line "$WORK/srv.out" '^Curve: secp256r1$' \
        && has_line "$WORK/cli.out" '^Verify return code: 0 \(ok\)'; then
        ok "s2nd answers s_client -groups X448:P-256 with a HelloRetryRequest for P-256"
    else
        not_ok "s2nd answers s_client -groups X448:P-256 with a HelloRetryRequest for P-256"
        diag "s_client exit status $cli_rc"
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.out" 25
    fi
else
    not_ok "s2nd starts"
fi
stop srv

# 6a'. s_client -groups P-384:X25519 sends a P-384 key share.  s2nd may accept it
# (as s2n-tls does: any supported share avoids the retry) or ask for x25519
# with a HelloRetryRequest; either way the handshake and the report must agree.
if start_s2nd srv /dev/null -X --cert "$PKI/server-ecdsa-p256-chain.pem" --key "$PKI/server-ecdsa-p256-key.pem"; then
    timeout -k 2 15 "$OPENSSL" s_client -connect "127.0.0.1:$port" -tls1_3 -groups P-384:X25519 -servername localhost \
        -CAfile "$ECDSA_CA" -verify_return_error < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    cli_rc=$?
    finish srv 10
    if has_line "$WORK/srv.out" '^Handshake: .*HELLO_RETRY_REQUEST'; then
        hrr="with a HelloRetryRequest"
        want_curve=x25519
        want_key='X25519'
    else
        hrr="without a HelloRetryRequest"
        want_curve=secp384r1
        want_key='ECDH, secp384r1'
    fi
    if [ "$cli_rc" = 0 ] && has_line "$WORK/srv.out" "^Curve: $want_curve\$" \
        && has_line "$WORK/cli.out" "^Server Temp Key: $want_key," ; then
        ok "s_client -groups P-384:X25519 -> s2nd: $want_curve, $hrr"
    else
        not_ok "s_client -groups P-384:X25519 -> s2nd: consistent group ($hrr)"
        diag "s_client exit status $cli_rc"
        diag_file "$WORK/srv.out"
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

# ---------------------------------------------------------------------------
# 8. s2nc options: -B (non-blocking), -L (key log), --send-file, --prefer-*, -t
# ---------------------------------------------------------------------------
for variant in "-B --prefer-low-latency" "--prefer-throughput -T"; do
    rm -f "$WORK/s2nc.keys" "$WORK/ossl.keys"
    if start_quiet_s_server srv hold -tls1_3 -naccept 1 -keylogfile "$WORK/ossl.keys" \
        -cert "$PKI/server-rsa-2048-chain.pem" -key "$PKI/server-rsa-2048-key.pem"; then
        # shellcheck disable=SC2086
        run_s2nc cli /dev/null $variant -L "$WORK/s2nc.keys" --send-file "$WORK/up.bin" -e \
            -f "$PKI/ca-rsa-cert.pem" -n localhost 127.0.0.1 "$port"
        cli_rc=$rc
        finish srv 10
        if [ "$cli_rc" = 0 ] && [ ! -s "$WORK/cli.err" ]; then
            ok "s2nc $variant --send-file -e against s_server exits 0"
        else
            not_ok "s2nc $variant --send-file -e against s_server exits 0"
            diag "s2nc exit status $cli_rc"
            diag_file "$WORK/cli.err"
        fi
        same_data "s_server received the --send-file contents ($variant)" "$WORK/up.bin" "$WORK/srv.out"
        grep -v '^#' "$WORK/ossl.keys" 2> /dev/null | sort > "$WORK/ossl.sorted"
        sort "$WORK/s2nc.keys" 2> /dev/null > "$WORK/s2nc.sorted"
        if [ -s "$WORK/s2nc.sorted" ] && cmp -s "$WORK/ossl.sorted" "$WORK/s2nc.sorted"; then
            ok "s2nc -L logs the same $(wc -l < "$WORK/s2nc.sorted") secrets as s_server -keylogfile ($variant)"
        else
            not_ok "s2nc -L logs the same secrets as s_server -keylogfile ($variant)"
            diag_file "$WORK/s2nc.keys"
            diag_file "$WORK/ossl.keys"
        fi
    else
        not_ok "s_server -quiet -keylogfile starts"
    fi
    stop srv
done

# -t: a server that accepts the TCP connection but never answers.
port=$(free_port)
start silent /dev/null "$PYTHON" -c 'import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(5)
print("ready", flush=True)
c, _ = s.accept()
time.sleep(30)' "$port"
if wait_for silent '^ready$' 10; then
    t0=$(date +%s)
    run_s2nc cli /dev/null -t 1 -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    elapsed=$(($(date +%s) - t0))
    if [ "$rc" = 1 ] && [ "$elapsed" -le 5 ] && grep -q '^Failed to negotiate: .*timed out' "$WORK/cli.err"; then
        ok "s2nc -t 1 gives up on a silent server (${elapsed}s)"
    else
        not_ok "s2nc -t 1 gives up on a silent server"
        diag "s2nc exit status $rc after ${elapsed}s"
        diag_file "$WORK/cli.err"
    fi
else
    not_ok "silent test server starts"
fi
stop silent

# ---------------------------------------------------------------------------
# 9. TLS 1.2 (ECDHE + AEAD) both ways, with data and close_notify
# ---------------------------------------------------------------------------
for c in ecdsa:server-ecdsa-p256:ca-ecdsa-cert.pem:ECDHE-ECDSA-AES128-GCM-SHA256 \
    rsa:server-rsa-2048:ca-rsa-cert.pem:ECDHE-RSA-AES256-GCM-SHA384; do
    IFS=: read -r ctype cprefix ca s <<< "$c"
    desc="s2nc -> s_server -tls1_2 $s"
    if start_s_server srv hold -tls1_2 -naccept 1 -cipher "$s" -cert "$PKI/$cprefix-chain.pem" \
        -key "$PKI/$cprefix-key.pem"; then
        printf 'tls12 %s\n' "$s" > "$WORK/line.txt"
        run_s2nc cli "$WORK/line.txt" -e -f "$PKI/$ca" -n localhost 127.0.0.1 "$port"
        cli_rc=$rc
        finish srv 10
        if [ "$cli_rc" = 0 ] && has_line "$WORK/cli.out" "^Cipher negotiated: $s\$" \
            && has_line "$WORK/cli.out" '^Actual protocol version: 33$' \
            && has_line "$WORK/cli.out" '^Server protocol version: 33$' \
            && has_line "$WORK/srv.out" "^tls12 $s\$" && lacks_line "$WORK/srv.out" '^ERROR' \
            && [ ! -s "$WORK/cli.err" ]; then
            ok "$desc"
        else
            not_ok "$desc"
            diag "s2nc exit status $cli_rc"
            diag_file "$WORK/cli.out"
            diag_file "$WORK/cli.err"
            diag_file "$WORK/srv.err"
        fi
    else
        not_ok "s_server -tls1_2 starts"
    fi
    stop srv

    desc="s_client -tls1_2 -> s2nd $s"
    if start_s2nd srv /dev/null -X --cert "$PKI/$cprefix-chain.pem" --key "$PKI/$cprefix-key.pem"; then
        printf 'tls12 %s\n' "$s" > "$WORK/line.txt"
        timeout -k 2 15 "$OPENSSL" s_client -connect "127.0.0.1:$port" -tls1_2 -cipher "$s" -CAfile "$PKI/$ca" \
            -servername localhost -verify_return_error < "$WORK/line.txt" > "$WORK/cli.out" 2> "$WORK/cli.err"
        cli_rc=$?
        finish srv 10
        if [ "$cli_rc" = 0 ] && [ "$rc" = 0 ] && has_line "$WORK/cli.out" "Cipher is $s\$" \
            && has_line "$WORK/cli.out" '^ *Verify return code: 0 \(ok\)' \
            && has_line "$WORK/srv.out" '^Actual protocol version: 33$' \
            && has_line "$WORK/srv.out" '^Server protocol version: 34$' \
            && has_line "$WORK/srv.out" "^tls12 $s\$" && has_line "$WORK/srv.out" '^Connection closed by peer$'; then
            ok "$desc"
        else
            not_ok "$desc"
            diag "s_client exit status $cli_rc, s2nd $rc"
            diag_file "$WORK/srv.out"
            diag_file "$WORK/srv.err"
            diag_file "$WORK/cli.out" 20
        fi
    else
        not_ok "s2nd -X starts"
    fi
    stop srv
done

# ---------------------------------------------------------------------------
# ChaCha20 boosting: a server with CloudFront-TLS-1-2-2021-Chacha20-Boosted
# picks ChaCha20-Poly1305 when the client lists it first, and its own order
# (AES-GCM first) otherwise; the same policy without boosting never does.
# ---------------------------------------------------------------------------
boost_case() { # POLICY VERSION-FLAGS CLIENT-SUITE-FLAGS EXPECTED-CIPHER DESCRIPTION
    local policy=$1 vflags=$2 sflags=$3 want=$4 desc=$5
    if ! start_s2nd srv /dev/null -X -c "$policy" --cert "$PKI/server-ecdsa-p256-chain.pem" \
            --key "$PKI/server-ecdsa-p256-key.pem"; then
        not_ok "$desc (s2nd -c $policy starts)"
        diag_file "$WORK/srv.err"
        stop srv
        return
    fi
    # shellcheck disable=SC2086
    echo boost | timeout -k 2 15 "$OPENSSL" s_client -connect "127.0.0.1:$port" $vflags $sflags \
        -CAfile "$PKI/ca-ecdsa-cert.pem" -servername localhost -verify_return_error > "$WORK/cli.out" 2> "$WORK/cli.err"
    local cli_rc=$?
    finish srv 10
    if [ "$cli_rc" = 0 ] && has_line "$WORK/cli.out" "Cipher is $want\$" \
            && has_line "$WORK/srv.out" "^Cipher negotiated: $want\$"; then
        ok "$desc"
    else
        not_ok "$desc"
        diag "s_client exit status $cli_rc; want $want"
        diag_file "$WORK/cli.out" 20
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
    fi
    stop srv
}
boosted=CloudFront-TLS-1-2-2021-Chacha20-Boosted
chacha_first="-ciphersuites TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"
aes_first="-ciphersuites TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256"
boost_case "$boosted" -tls1_3 "$chacha_first" TLS_CHACHA20_POLY1305_SHA256 \
    "boosted policy, TLS 1.3 client listing ChaCha20 first: ChaCha20"
boost_case "$boosted" -tls1_3 "$aes_first" TLS_AES_128_GCM_SHA256 \
    "boosted policy, TLS 1.3 client listing AES first: the server's order"
boost_case CloudFront-TLS-1-2-2021 -tls1_3 "$chacha_first" TLS_AES_128_GCM_SHA256 \
    "same policy without boosting, ChaCha20 first: the server's order"
boost_case "$boosted" -tls1_2 "-cipher ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256" \
    ECDHE-ECDSA-CHACHA20-POLY1305 "boosted policy, TLS 1.2 client listing ChaCha20 first: ChaCha20"
boost_case "$boosted" -tls1_2 "-cipher ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305" \
    ECDHE-ECDSA-AES128-GCM-SHA256 "boosted policy, TLS 1.2 client listing AES first: the server's order"

done_testing
