#!/bin/bash
# tests/interop/gnutls.sh: s2nc and s2nd against GnuTLS's gnutls-serv and
# gnutls-cli (TAP).  Suite x group x certificate both ways, 1 MiB through
# the echo server and each way with gnutls-cli, ALPN, a KeyUpdate requested
# by gnutls-cli (^rekey1^), and a server that asks for a client certificate.
. "$(dirname "$0")/lib.sh"

[ "$GNUTLS_SERV" != no ] && [ -x "$GNUTLS_SERV" ] || skip_all "gnutls-serv not found"
[ "$GNUTLS_CLI" != no ] && [ -x "$GNUTLS_CLI" ] || skip_all "gnutls-cli not found"
[ "$PYTHON" != no ] || skip_all "python3 not found"
require_tools

SUITES="TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256"
GROUPS_LIST="X25519 P-256 P-384"
CERTS="ecdsa:server-ecdsa-p256:ca-ecdsa-cert.pem rsa:server-rsa-2048:ca-rsa-cert.pem"
ECDSA_CHAIN=$PKI/server-ecdsa-p256-chain.pem
ECDSA_KEY=$PKI/server-ecdsa-p256-key.pem
ECDSA_CA=$PKI/ca-ecdsa-cert.pem
TLS13="NORMAL:-VERS-ALL:+VERS-TLS1.3"

gnutls_cipher() {
    case $1 in
    TLS_AES_128_GCM_SHA256) echo AES-128-GCM ;;
    TLS_AES_256_GCM_SHA384) echo AES-256-GCM ;;
    TLS_CHACHA20_POLY1305_SHA256) echo CHACHA20-POLY1305 ;;
    esac
}

gnutls_group() {
    case $1 in
    X25519) echo X25519 ;;
    P-256) echo SECP256R1 ;;
    P-384) echo SECP384R1 ;;
    esac
}

s2n_group_name() {
    case $1 in
    X25519) echo x25519 ;;
    P-256) echo secp256r1 ;;
    P-384) echo secp384r1 ;;
    esac
}

priority_for() { # SUITE GROUP
    echo "$TLS13:-CIPHER-ALL:+$(gnutls_cipher "$1"):-GROUP-ALL:+GROUP-$(gnutls_group "$2")"
}

# start_gnutls_serv NAME ARGS...: echo server on a probed free port; sets $port.
start_gnutls_serv() {
    local name=$1 tries=0
    shift
    while [ "$tries" -lt 5 ]; do
        port=$(free_port)
        start "$name" /dev/null "$GNUTLS_SERV" --echo -p "$port" "$@"
        if wait_for "$name" "listening on IPv4 .* port $port\\.\\.\\.done" 10 "$WORK/$name.err"; then
            return 0
        fi
        stop "$name"
        tries=$((tries + 1))
    done
    return 1
}

run_s2nc() { # OUTNAME STDIN ARGS...
    local name=$1 input=$2
    shift 2
    timeout -k 2 20 "$S2NC" "$@" < "$input" > "$WORK/$name.out" 2> "$WORK/$name.err"
    rc=$?
}

run_gnutls_cli() { # STDIN PORT ARGS...
    local input=$1 p=$2
    shift 2
    rm -f "$WORK/cli.log"
    timeout -k 2 20 "$GNUTLS_CLI" --logfile="$WORK/cli.log" --sni-hostname localhost --verify-hostname localhost \
        -p "$p" "$@" 127.0.0.1 < "$input" > "$WORK/cli.out" 2> "$WORK/cli.err"
    rc=$?
}

# ---------------------------------------------------------------------------
# 1. s2nc -> gnutls-serv --echo
# ---------------------------------------------------------------------------
for c in $CERTS; do
    IFS=: read -r ctype cprefix ca <<< "$c"
    for g in $GROUPS_LIST; do
        for s in $SUITES; do
            desc="s2nc -> gnutls-serv $s $g $ctype"
            if ! start_gnutls_serv srv -a --x509certfile "$PKI/$cprefix-chain.pem" --x509keyfile "$PKI/$cprefix-key.pem" \
                --priority "$(priority_for "$s" "$g")"; then
                not_ok "$desc (gnutls-serv did not start)"
                diag_file "$WORK/srv.err"
                continue
            fi
            printf 'echo %s %s %s\n' "$ctype" "$s" "$g" > "$WORK/line.txt"
            run_s2nc cli "$WORK/line.txt" -e -f "$PKI/$ca" -n localhost 127.0.0.1 "$port"
            if [ "$rc" = 0 ] && has_line "$WORK/cli.out" "^Cipher negotiated: $s\$" \
                && has_line "$WORK/cli.out" "^Curve: $(s2n_group_name "$g")\$" \
                && has_line "$WORK/cli.out" "^echo $ctype $s $g\$" \
                && [ ! -s "$WORK/cli.err" ]; then
                ok "$desc"
            else
                not_ok "$desc"
                diag "s2nc exit status $rc"
                diag_file "$WORK/cli.out"
                diag_file "$WORK/cli.err"
                diag_file "$WORK/srv.out" 8
                diag "reproduce: gnutls-serv --echo -a -p 4433 --x509certfile tests/pki/$cprefix-chain.pem" \
                    "--x509keyfile tests/pki/$cprefix-key.pem --priority '$(priority_for "$s" "$g")';" \
                    "echo hi | tools/s2nc -e -f tests/pki/$ca -n localhost 127.0.0.1 4433"
            fi
            stop srv
        done
    done
done

# ---------------------------------------------------------------------------
# 2. gnutls-cli -> s2nd
# ---------------------------------------------------------------------------
for c in $CERTS; do
    IFS=: read -r ctype cprefix ca <<< "$c"
    if ! start_s2nd srv /dev/null --cert "$PKI/$cprefix-chain.pem" --key "$PKI/$cprefix-key.pem"; then
        not_ok "s2nd with the $ctype certificate starts"
        diag_file "$WORK/srv.err"
        stop srv
        continue
    fi
    for g in $GROUPS_LIST; do
        for s in $SUITES; do
            desc="gnutls-cli -> s2nd $s $g $ctype"
            printf 'matrix %s %s %s\n' "$ctype" "$s" "$g" > "$WORK/line.txt"
            run_gnutls_cli "$WORK/line.txt" "$port" --x509cafile "$PKI/$ca" --priority "$(priority_for "$s" "$g")"
            want="(ECDHE-$(gnutls_group "$g"))-.*-($(gnutls_cipher "$s"))"
            if [ "$rc" = 0 ] && grep -Fq -- '- Status: The certificate is trusted.' "$WORK/cli.log" \
                && grep -q -- "^- Description: (TLS1.3-X.509)-$want" "$WORK/cli.log" \
                && wait_for srv "^matrix $ctype $s $g\$" 5; then
                ok "$desc"
            else
                not_ok "$desc"
                diag "gnutls-cli exit status $rc"
                diag_file "$WORK/cli.log" 8
                diag_file "$WORK/cli.err"
                diag_file "$WORK/srv.out" 12
                diag_file "$WORK/srv.err"
                diag "reproduce: tools/s2nd --cert tests/pki/$cprefix-chain.pem --key tests/pki/$cprefix-key.pem" \
                    "127.0.0.1 4433;" \
                    "gnutls-cli --x509cafile tests/pki/$ca -p 4433 --priority '$(priority_for "$s" "$g")' localhost"
            fi
        done
    done
    check "s2nd ($ctype) is still serving after the gnutls-cli matrix" alive srv || diag_file "$WORK/srv.err"
    stop srv
done

# ---------------------------------------------------------------------------
# 3. 1 MiB
# ---------------------------------------------------------------------------
make_data "$WORK/up.bin" 1048576
make_data "$WORK/down.bin" 1048576

# 3a. through the echo server: s2nc sends 1 MiB, half-closes, and reads the echo back.
if start_gnutls_serv srv -a --x509certfile "$ECDSA_CHAIN" --x509keyfile "$ECDSA_KEY" --priority "$TLS13"; then
    run_s2nc cli "$WORK/up.bin" -e -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    check "s2nc -e sends 1 MiB through gnutls-serv --echo and exits 0" [ "$rc" = 0 ] || diag_file "$WORK/cli.err"
    payload_after "$WORK/cli.out" "s2n is ready" "$WORK/cli.data"
    same_data "the 1 MiB echoed by gnutls-serv came back intact" "$WORK/up.bin" "$WORK/cli.data"
else
    not_ok "gnutls-serv starts"
fi
stop srv

# 3b. gnutls-cli uploads to s2nd
if start_s2nd srv /dev/null -X --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    run_gnutls_cli "$WORK/up.bin" "$port" --x509cafile "$ECDSA_CA"
    cli_rc=$rc
    if finish srv 10 && [ "$rc" = 0 ] && [ "$cli_rc" = 0 ]; then
        ok "gnutls-cli uploads 1 MiB to s2nd -X, both exit 0"
    else
        not_ok "gnutls-cli uploads 1 MiB to s2nd -X, both exit 0"
        diag "s2nd exit status $rc, gnutls-cli $cli_rc"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.log" 5
    fi
    payload_after "$WORK/srv.out" "s2n is ready" "$WORK/srv.data"
    same_data "s2nd received gnutls-cli's 1 MiB intact" "$WORK/up.bin" "$WORK/srv.data"
else
    not_ok "s2nd -X starts"
fi
stop srv

# 3c. s2nd sends 1 MiB to gnutls-cli
if start_s2nd srv "$WORK/down.bin" -X --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    start cli hold "$GNUTLS_CLI" --logfile="$WORK/cli.log" --x509cafile "$ECDSA_CA" --sni-hostname localhost \
        --verify-hostname localhost -p "$port" 127.0.0.1
    wait_size "$WORK/cli.out" 1048576 20 cli
    release cli
    finish cli 10
    cli_rc=$rc
    finish srv 10
    if [ "$rc" = 0 ] && [ "$cli_rc" = 0 ]; then
        ok "s2nd sends 1 MiB to gnutls-cli, both exit 0"
    else
        not_ok "s2nd sends 1 MiB to gnutls-cli, both exit 0"
        diag "s2nd exit status $rc, gnutls-cli $cli_rc"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.log" 5
    fi
    same_data "gnutls-cli received s2nd's 1 MiB intact" "$WORK/down.bin" "$WORK/cli.out"
else
    not_ok "s2nd -X starts"
fi
stop srv
stop cli

# ---------------------------------------------------------------------------
# 4. ALPN
# ---------------------------------------------------------------------------
if start_gnutls_serv srv -a --alpn http/1.1 --x509certfile "$ECDSA_CHAIN" --x509keyfile "$ECDSA_KEY" --priority "$TLS13"; then
    run_s2nc cli /dev/null -a h2,http/1.1 -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^Application protocol: http/1.1$'; then
        ok "s2nc negotiates ALPN http/1.1 with gnutls-serv"
    else
        not_ok "s2nc negotiates ALPN http/1.1 with gnutls-serv"
        diag_file "$WORK/cli.out"
        diag_file "$WORK/cli.err"
    fi
else
    not_ok "gnutls-serv --alpn starts"
fi
stop srv

if start_s2nd srv /dev/null -X -A http/1.1 --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    run_gnutls_cli /dev/null "$port" --x509cafile "$ECDSA_CA" --alpn h2 --alpn http/1.1
    finish srv 10
    if has_line "$WORK/srv.out" '^Application protocol: http/1.1$' && has_line "$WORK/srv.out" '^Server name: localhost$' \
        && grep -q -- '^- Application protocol: http/1.1' "$WORK/cli.log"; then
        ok "gnutls-cli negotiates ALPN http/1.1 and SNI localhost with s2nd"
    else
        not_ok "gnutls-cli negotiates ALPN http/1.1 and SNI localhost with s2nd"
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.log" 10
    fi
else
    not_ok "s2nd -A starts"
fi
stop srv

# ---------------------------------------------------------------------------
# 5. KeyUpdate requested by gnutls-cli (^rekey1^: update and ask s2nd to update too)
# ---------------------------------------------------------------------------
if start_s2nd srv hold -X --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    start cli hold "$GNUTLS_CLI" --inline-commands --logfile="$WORK/cli.log" --x509cafile "$ECDSA_CA" \
        --sni-hostname localhost --verify-hostname localhost -p "$port" 127.0.0.1
    ku_ok=yes
    wait_for srv '^s2n is ready$' 10 || ku_ok="no (handshake)"
    for round in 1 2; do
        [ "$ku_ok" = yes ] || break
        feed cli "before-$round\n"
        wait_for srv "^before-$round\$" 5 || { ku_ok="no (data before rekey $round)"; break; }
        feed cli "^rekey1^\n"
        sleep 0.3
        feed srv "server-after-$round\n"
        wait_for cli "^server-after-$round\$" 5 || { ku_ok="no (gnutls-cli did not read s2nd's data after rekey $round)"; break; }
        feed cli "client-after-$round\n"
        wait_for srv "^client-after-$round\$" 5 || { ku_ok="no (s2nd did not read data after rekey $round)"; break; }
    done
    release cli
    finish cli 10
    finish srv 10
    if [ "$ku_ok" = yes ] && [ "$rc" = 0 ] && grep -q 'Rekey was completed' "$WORK/cli.log"; then
        ok "s2nd handles gnutls-cli's KeyUpdate (update_requested) both ways"
    else
        not_ok "s2nd handles gnutls-cli's KeyUpdate (update_requested) both ways"
        diag "result: $ku_ok, s2nd exit status $rc"
        diag_file "$WORK/srv.out"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.log" 8
    fi
else
    not_ok "s2nd starts"
fi
stop srv
stop cli

# ---------------------------------------------------------------------------
# 6. gnutls-serv asks for a client certificate: s2nc answers without one
# ---------------------------------------------------------------------------
if start_gnutls_serv srv --x509certfile "$ECDSA_CHAIN" --x509keyfile "$ECDSA_KEY" --priority "$TLS13"; then
    printf 'no client cert\n' > "$WORK/line.txt"
    run_s2nc cli "$WORK/line.txt" -e -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port"
    if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^no client cert$'; then
        ok "s2nc completes a handshake with a CertificateRequest by sending no certificate"
    else
        not_ok "s2nc completes a handshake with a CertificateRequest by sending no certificate"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.out"
        diag_file "$WORK/cli.err"
        diag_file "$WORK/srv.out" 8
    fi
else
    not_ok "gnutls-serv starts"
fi
stop srv

done_testing
