#!/bin/bash
# tests/interop/tls12.sh: TLS 1.2 interop (TAP).  Each TLS 1.2 suite libs2n
# implements, with its certificate type, both ways against OpenSSL
# (s_server/s_client -tls1_2) and GnuTLS (gnutls-serv/gnutls-cli restricted
# to TLS 1.2): the peer's own output must say that the extended master
# secret was negotiated, and 1 MiB must arrive intact in each direction.
# Then mixed versions (our TLS 1.3-capable tools against TLS 1.2-only
# OpenSSL peers, with the version lines of API.md 7.5) and the fallback
# SCSV (RFC 7507) refused by s2nd with inappropriate_fallback.
. "$(dirname "$0")/lib.sh"

[ "$PYTHON" != no ] || skip_all "python3 not found"
require_tools
have_openssl=no
[ "$OPENSSL" != no ] && [ -x "$OPENSSL" ] && have_openssl=yes
have_gnutls=no
[ "$GNUTLS_SERV" != no ] && [ -x "$GNUTLS_SERV" ] && [ "$GNUTLS_CLI" != no ] && [ -x "$GNUTLS_CLI" ] && have_gnutls=yes
[ "$have_openssl" = yes ] || [ "$have_gnutls" = yes ] || skip_all "neither openssl nor gnutls-cli/gnutls-serv found"

# suite (OpenSSL and s2n name) : certificate prefix : CA : GnuTLS kx : GnuTLS cipher
SUITES="ECDHE-ECDSA-AES128-GCM-SHA256:server-ecdsa-p256:ca-ecdsa-cert.pem:ECDHE-ECDSA:AES-128-GCM
ECDHE-ECDSA-AES256-GCM-SHA384:server-ecdsa-p256:ca-ecdsa-cert.pem:ECDHE-ECDSA:AES-256-GCM
ECDHE-ECDSA-CHACHA20-POLY1305:server-ecdsa-p256:ca-ecdsa-cert.pem:ECDHE-ECDSA:CHACHA20-POLY1305
ECDHE-RSA-AES128-GCM-SHA256:server-rsa-2048:ca-rsa-cert.pem:ECDHE-RSA:AES-128-GCM
ECDHE-RSA-AES256-GCM-SHA384:server-rsa-2048:ca-rsa-cert.pem:ECDHE-RSA:AES-256-GCM
ECDHE-RSA-CHACHA20-POLY1305:server-rsa-2048:ca-rsa-cert.pem:ECDHE-RSA:CHACHA20-POLY1305"

MIB=1048576
make_data "$WORK/up.bin" "$MIB"
make_data "$WORK/down.bin" "$MIB"

# The "default" policy has only the AES-GCM TLS 1.2 suites; default_tls13
# adds ChaCha20-Poly1305.
policy_for() {
    case $1 in
    *CHACHA20*) echo default_tls13 ;;
    *) echo default ;;
    esac
}

gnutls_priority() { # KX CIPHER
    echo "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+$2:-KX-ALL:+$1:-MAC-ALL:+AEAD"
}

# payload FILE OUT: the test data found in a peer's stdout.  The data is one
# long line of digits, which no report line of any tool looks like.
payload() {
    grep -aE '^[0-9]{200,}$' "$1" > "$2" 2> /dev/null
    return 0
}

# wait_payload NAME FILE [SECS]: wait (bounded) until FILE holds the whole
# 1 MiB line, or the peer NAME exits.
wait_payload() {
    local name=$1 file=$2 limit=${3:-15} i=0 have
    while [ "$i" -lt $((limit * 10)) ]; do
        payload "$file" "$WORK/wait.data"
        have=$(stat -c %s "$WORK/wait.data")
        [ "$have" -ge "$MIB" ] && return 0
        alive "$name" || return 1
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# start_gnutls_serv NAME ARGS...: echo server on a probed free port; sets $port.
start_gnutls_serv() {
    local name=$1 tries=0
    shift
    while [ "$tries" -lt 5 ]; do
        port=$(free_port)
        start "$name" /dev/null "$GNUTLS_SERV" --echo -a -p "$port" "$@"
        if wait_for "$name" "listening on IPv4 .* port $port\\.\\.\\.done" 10 "$WORK/$name.err"; then
            return 0
        fi
        stop "$name"
        tries=$((tries + 1))
    done
    return 1
}

# ems_in_openssl_session FILE: decode the session PEM that s_server printed
# and ask OpenSSL whether the extended master secret was used.
ems_in_openssl_session() {
    sed -n '/-----BEGIN SSL SESSION PARAMETERS-----/,/-----END SSL SESSION PARAMETERS-----/p' "$1" > "$WORK/sess.pem"
    [ -s "$WORK/sess.pem" ] || return 1
    "$OPENSSL" sess_id -noout -text -in "$WORK/sess.pem" > "$WORK/sess.txt" 2>&1 || return 1
    grep -q '^ *Extended master secret: yes$' "$WORK/sess.txt" && grep -q '^ *Protocol *: TLSv1.2$' "$WORK/sess.txt"
}

# s2n_reports FILE SUITE: our tool's report lines for a TLS 1.2 connection.
s2n_reports() {
    has_line "$1" "^Cipher negotiated: $2\$" && has_line "$1" '^Actual protocol version: 33$'
}

# verdict DESC PROBLEMS...: one test point; the diagnostics follow on failure.
results=()
note() { results+=("$*"); }

verdict() {
    local desc=$1
    if [ "${#results[@]}" -eq 0 ]; then
        ok "$desc"
        return 0
    fi
    not_ok "$desc"
    local r
    for r in "${results[@]}"; do
        diag "$r"
    done
    return 1
}

data_check() { # DESC EXPECTED GOT
    local want got
    want=$(sha "$2")
    got=$(sha "$3" 2> /dev/null || echo missing)
    [ "$want" = "$got" ] || note "$1: expected $(stat -c %s "$2") bytes, got $(stat -c %s "$3" 2> /dev/null || echo 0)"
}

# ---------------------------------------------------------------------------
# 1. s2nc -> openssl s_server -tls1_2 -cipher X
# ---------------------------------------------------------------------------
s2nc_vs_s_server() { # SUITE PREFIX CA
    local s=$1 cprefix=$2 ca=$3 policy
    policy=$(policy_for "$s")
    local desc="s2nc -c $policy -> s_server -tls1_2 -cipher $s"
    results=()
    if ! start_s_server srv hold -tls1_2 -naccept 1 -cipher "$s" -cert "$PKI/$cprefix-chain.pem" \
        -key "$PKI/$cprefix-key.pem"; then
        not_ok "$desc (s_server did not start)"
        diag_file "$WORK/srv.err"
        stop srv
        return
    fi
    start cli hold "$S2NC" -e -c "$policy" -f "$PKI/$ca" -n localhost 127.0.0.1 "$port"
    if wait_for cli '^s2n is ready$' 10; then
        feed_file cli "$WORK/up.bin"
        wait_payload srv "$WORK/srv.out" || note "s_server did not receive 1 MiB"
        feed_file srv "$WORK/down.bin"
        wait_payload cli "$WORK/cli.out" || note "s2nc did not receive 1 MiB"
        release cli # s2nc sends its close_notify, s_server answers with its own
        finish cli 10 || note "s2nc did not exit after closing"
        [ "$rc" = 0 ] || note "s2nc exit status $rc"
        finish srv 5 || note "s_server did not exit after the connection closed"
    else
        note "handshake: s2nc never printed 's2n is ready'"
    fi
    s2n_reports "$WORK/cli.out" "$s" || note "s2nc did not report $s at version 33"
    ems_in_openssl_session "$WORK/srv.out" || note "s_server's session does not say 'Extended master secret: yes' (TLSv1.2)"
    payload "$WORK/srv.out" "$WORK/srv.data"
    data_check "s2nc -> s_server data" "$WORK/up.bin" "$WORK/srv.data"
    payload "$WORK/cli.out" "$WORK/cli.data"
    data_check "s_server -> s2nc data" "$WORK/down.bin" "$WORK/cli.data"
    [ ! -s "$WORK/cli.err" ] || note "s2nc wrote to stderr"
    if ! verdict "$desc: EMS, 1 MiB each way"; then
        diag_file "$WORK/cli.err"
        diag_file "$WORK/srv.err" 5
        diag_file "$WORK/sess.txt" 5
        diag "reproduce: openssl s_server -accept 127.0.0.1:4433 -tls1_2 -cipher $s -cert tests/pki/$cprefix-chain.pem" \
            "-key tests/pki/$cprefix-key.pem;  tools/s2nc -e -c $policy -f tests/pki/$ca -n localhost 127.0.0.1 4433"
    fi
    stop cli
    stop srv
}

# ---------------------------------------------------------------------------
# 2. openssl s_client -tls1_2 -cipher X -> s2nd
# ---------------------------------------------------------------------------
s_client_vs_s2nd() { # SUITE PREFIX CA
    local s=$1 cprefix=$2 ca=$3 policy cli_rc
    policy=$(policy_for "$s")
    local desc="s_client -tls1_2 -cipher $s -> s2nd -c $policy"
    results=()
    if ! start_s2nd srv hold -X -c "$policy" --cert "$PKI/$cprefix-chain.pem" --key "$PKI/$cprefix-key.pem"; then
        not_ok "$desc (s2nd did not start)"
        diag_file "$WORK/srv.err"
        stop srv
        return
    fi
    start cli hold "$OPENSSL" s_client -nocommands -connect "127.0.0.1:$port" -tls1_2 -cipher "$s" -CAfile "$PKI/$ca" \
        -servername localhost -verify_return_error
    if wait_for srv '^s2n is ready$' 10 && wait_for cli '^ *Extended master secret: ' 10; then
        feed_file cli "$WORK/up.bin"
        wait_payload srv "$WORK/srv.out" || note "s2nd did not receive 1 MiB"
        feed_file srv "$WORK/down.bin"
        wait_payload cli "$WORK/cli.out" || note "s_client did not receive 1 MiB"
        release cli # s_client closes at the end of its input
        finish cli 10
        cli_rc=$rc
        finish srv 10 || note "s2nd -X did not exit after s_client closed"
        [ "$rc" = 0 ] || note "s2nd exit status $rc"
        [ "$cli_rc" = 0 ] || note "s_client exit status $cli_rc"
    else
        note "handshake did not complete"
    fi
    s2n_reports "$WORK/srv.out" "$s" || note "s2nd did not report $s at version 33"
    has_line "$WORK/cli.out" '^ *Extended master secret: yes$' || note "s_client does not say 'Extended master secret: yes'"
    has_line "$WORK/cli.out" "^New, TLSv1.2, Cipher is $s\$" || note "s_client did not negotiate TLSv1.2 $s"
    has_line "$WORK/cli.out" '^ *Verify return code: 0 \(ok\)' || note "s_client did not verify s2nd's certificate"
    payload "$WORK/srv.out" "$WORK/srv.data"
    data_check "s_client -> s2nd data" "$WORK/up.bin" "$WORK/srv.data"
    payload "$WORK/cli.out" "$WORK/cli.data"
    data_check "s2nd -> s_client data" "$WORK/down.bin" "$WORK/cli.data"
    if ! verdict "$desc: EMS, 1 MiB each way"; then
        grep -av '^[0-9]\{200,\}$' "$WORK/srv.out" > "$WORK/srv.report"
        diag_file "$WORK/srv.report"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.err" 5
        diag "reproduce: tools/s2nd -c $policy --cert tests/pki/$cprefix-chain.pem --key tests/pki/$cprefix-key.pem" \
            "127.0.0.1 4433;  openssl s_client -connect 127.0.0.1:4433 -tls1_2 -cipher $s -CAfile tests/pki/$ca" \
            "-servername localhost"
    fi
    stop cli
    stop srv
}

# ---------------------------------------------------------------------------
# 3. s2nc -> gnutls-serv --echo (TLS 1.2 only, one suite)
# ---------------------------------------------------------------------------
s2nc_vs_gnutls_serv() { # SUITE PREFIX CA KX CIPHER
    local s=$1 cprefix=$2 ca=$3 prio policy
    prio=$(gnutls_priority "$4" "$5")
    policy=$(policy_for "$s")
    local desc="s2nc -c $policy -> gnutls-serv $4 $5 TLS1.2"
    results=()
    if ! start_gnutls_serv srv --x509certfile "$PKI/$cprefix-chain.pem" --x509keyfile "$PKI/$cprefix-key.pem" \
        --priority "$prio"; then
        not_ok "$desc (gnutls-serv did not start)"
        diag_file "$WORK/srv.err"
        return
    fi
    # s2nc sends 1 MiB, half-closes at the end of its input, and reads the
    # echo (1 MiB sent by gnutls-serv) until gnutls-serv closes.
    timeout -k 2 20 "$S2NC" -e -c "$policy" -f "$PKI/$ca" -n localhost 127.0.0.1 "$port" \
        < "$WORK/up.bin" > "$WORK/cli.out" 2> "$WORK/cli.err"
    rc=$?
    [ "$rc" = 0 ] || note "s2nc exit status $rc"
    sleep 0.1
    s2n_reports "$WORK/cli.out" "$s" || note "s2nc did not report $s at version 33"
    grep -q '^- Version: TLS1.2$' "$WORK/srv.out" || note "gnutls-serv did not report TLS1.2"
    grep -q "^- Cipher: $5\$" "$WORK/srv.out" || note "gnutls-serv did not report cipher $5"
    grep -q '^- Options: .*extended master secret' "$WORK/srv.out" || note "gnutls-serv does not report 'extended master secret'"
    payload "$WORK/cli.out" "$WORK/cli.data"
    data_check "s2nc -> gnutls-serv -> s2nc echo" "$WORK/up.bin" "$WORK/cli.data"
    [ ! -s "$WORK/cli.err" ] || note "s2nc wrote to stderr"
    if ! verdict "$desc: EMS, 1 MiB each way (echo)"; then
        grep -av '^[0-9]\{200,\}$' "$WORK/cli.out" > "$WORK/cli.report"
        diag_file "$WORK/cli.report"
        diag_file "$WORK/cli.err"
        diag_file "$WORK/srv.out" 16
        diag "reproduce: gnutls-serv --echo -a -p 4433 --x509certfile tests/pki/$cprefix-chain.pem" \
            "--x509keyfile tests/pki/$cprefix-key.pem --priority '$prio';" \
            "tools/s2nc -e -c $policy -f tests/pki/$ca -n localhost 127.0.0.1 4433"
    fi
    stop srv
}

# ---------------------------------------------------------------------------
# 4. gnutls-cli (TLS 1.2 only, one suite) -> s2nd
# ---------------------------------------------------------------------------
gnutls_cli_vs_s2nd() { # SUITE PREFIX CA KX CIPHER
    local s=$1 cprefix=$2 ca=$3 prio policy cli_rc
    prio=$(gnutls_priority "$4" "$5")
    policy=$(policy_for "$s")
    local desc="gnutls-cli $4 $5 TLS1.2 -> s2nd -c $policy"
    results=()
    if ! start_s2nd srv hold -X -c "$policy" --cert "$PKI/$cprefix-chain.pem" --key "$PKI/$cprefix-key.pem"; then
        not_ok "$desc (s2nd did not start)"
        diag_file "$WORK/srv.err"
        stop srv
        return
    fi
    rm -f "$WORK/cli.log"
    start cli hold "$GNUTLS_CLI" --logfile="$WORK/cli.log" --x509cafile "$PKI/$ca" --sni-hostname localhost \
        --verify-hostname localhost --priority "$prio" -p "$port" 127.0.0.1
    if wait_for srv '^s2n is ready$' 10; then
        feed_file cli "$WORK/up.bin"
        wait_payload srv "$WORK/srv.out" || note "s2nd did not receive 1 MiB"
        feed_file srv "$WORK/down.bin"
        wait_payload cli "$WORK/cli.out" || note "gnutls-cli did not receive 1 MiB"
        release cli # gnutls-cli closes at the end of its input
        finish cli 10
        cli_rc=$rc
        finish srv 10 || note "s2nd -X did not exit after gnutls-cli closed"
        [ "$rc" = 0 ] || note "s2nd exit status $rc"
        [ "$cli_rc" = 0 ] || note "gnutls-cli exit status $cli_rc"
    else
        note "handshake did not complete"
    fi
    s2n_reports "$WORK/srv.out" "$s" || note "s2nd did not report $s at version 33"
    grep -q "^- Description: (TLS1.2-X.509)-(ECDHE-[^)]*)-([^)]*)-($5)" "$WORK/cli.log" 2> /dev/null \
        || note "gnutls-cli did not report TLS1.2 with $5"
    grep -Fq -- '- Status: The certificate is trusted.' "$WORK/cli.log" 2> /dev/null \
        || note "gnutls-cli did not trust s2nd's certificate"
    grep -q '^- Options: .*extended master secret' "$WORK/cli.log" 2> /dev/null \
        || note "gnutls-cli does not report 'extended master secret'"
    payload "$WORK/srv.out" "$WORK/srv.data"
    data_check "gnutls-cli -> s2nd data" "$WORK/up.bin" "$WORK/srv.data"
    payload "$WORK/cli.out" "$WORK/cli.data"
    data_check "s2nd -> gnutls-cli data" "$WORK/down.bin" "$WORK/cli.data"
    if ! verdict "$desc: EMS, 1 MiB each way"; then
        grep -av '^[0-9]\{200,\}$' "$WORK/srv.out" > "$WORK/srv.report"
        diag_file "$WORK/srv.report"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/cli.log" 16
        diag_file "$WORK/cli.err" 5
        diag "reproduce: tools/s2nd -c $policy --cert tests/pki/$cprefix-chain.pem --key tests/pki/$cprefix-key.pem" \
            "127.0.0.1 4433;  gnutls-cli --x509cafile tests/pki/$ca -p 4433 --priority '$prio' localhost"
    fi
    stop cli
    stop srv
}

while IFS=: read -r s cprefix ca kx cipher; do
    if [ "$have_openssl" = yes ]; then
        s2nc_vs_s_server "$s" "$cprefix" "$ca"
        s_client_vs_s2nd "$s" "$cprefix" "$ca"
    else
        skip "s2nc -> s_server -tls1_2 $s: no openssl"
        skip "s_client -tls1_2 $s -> s2nd: no openssl"
    fi
    if [ "$have_gnutls" = yes ]; then
        s2nc_vs_gnutls_serv "$s" "$cprefix" "$ca" "$kx" "$cipher"
        gnutls_cli_vs_s2nd "$s" "$cprefix" "$ca" "$kx" "$cipher"
    else
        skip "s2nc -> gnutls-serv TLS1.2 $s: no gnutls"
        skip "gnutls-cli TLS1.2 $s -> s2nd: no gnutls"
    fi
done <<< "$SUITES"

if [ "$have_openssl" != yes ]; then
    skip "mixed versions and fallback SCSV: no openssl"
    done_testing
fi

ECDSA_CHAIN=$PKI/server-ecdsa-p256-chain.pem
ECDSA_KEY=$PKI/server-ecdsa-p256-key.pem
ECDSA_CA=$PKI/ca-ecdsa-cert.pem

# expect_versions FILE CLIENT SERVER ACTUAL HELLO: the version lines of TOOLS.md.
expect_versions() {
    local f=$1
    has_line "$f" "^Client protocol version: $2\$" || note "expected 'Client protocol version: $2'"
    has_line "$f" "^Server protocol version: $3\$" || note "expected 'Server protocol version: $3'"
    has_line "$f" "^Actual protocol version: $4\$" || note "expected 'Actual protocol version: $4'"
    has_line "$f" "^Client hello version: $5\$" || note "expected 'Client hello version: $5'"
}

# ---------------------------------------------------------------------------
# 5. Mixed versions: TLS 1.3-capable s2nc (default policy) against a
#    TLS 1.2-only s_server, and a TLS 1.2-only s_client against s2nd.
# ---------------------------------------------------------------------------
results=()
desc="s2nc (default, TLS 1.3-capable) -> s_server -tls1_2: TLS 1.2, version lines 34/33/33/33"
if start_s_server srv hold -tls1_2 -naccept 1 -cert "$ECDSA_CHAIN" -key "$ECDSA_KEY"; then
    printf 'mixed versions\n' > "$WORK/line.txt"
    timeout -k 2 15 "$S2NC" -e -f "$ECDSA_CA" -n localhost 127.0.0.1 "$port" < "$WORK/line.txt" \
        > "$WORK/cli.out" 2> "$WORK/cli.err"
    cli_rc=$?
    wait_for srv '^mixed versions$' 5 || note "s_server did not receive the data line"
    release srv
    finish srv 5
    [ "$cli_rc" = 0 ] || note "s2nc exit status $cli_rc"
    [ ! -s "$WORK/cli.err" ] || note "s2nc wrote to stderr"
    expect_versions "$WORK/cli.out" 34 33 33 33
    ems_in_openssl_session "$WORK/srv.out" || note "s_server's session is not TLSv1.2 with EMS"
    verdict "$desc" || { diag_file "$WORK/cli.out"; diag_file "$WORK/cli.err"; diag_file "$WORK/sess.txt" 6; }
else
    not_ok "$desc (s_server did not start)"
fi
stop srv

results=()
desc="s_client -tls1_2 -> s2nd (default, TLS 1.3-capable): TLS 1.2, version lines 33/34/33/33"
if start_s2nd srv /dev/null -X --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    printf 'mixed versions\n' > "$WORK/line.txt"
    timeout -k 2 15 "$OPENSSL" s_client -nocommands -connect "127.0.0.1:$port" -tls1_2 -CAfile "$ECDSA_CA" \
        -servername localhost -verify_return_error < "$WORK/line.txt" > "$WORK/cli.out" 2> "$WORK/cli.err"
    cli_rc=$?
    finish srv 10
    [ "$cli_rc" = 0 ] || note "s_client exit status $cli_rc"
    [ "$rc" = 0 ] || note "s2nd exit status $rc"
    has_line "$WORK/cli.out" '^ *Protocol *: TLSv1.2$' || note "s_client did not negotiate TLSv1.2"
    has_line "$WORK/srv.out" '^mixed versions$' || note "s2nd did not receive the data line"
    expect_versions "$WORK/srv.out" 33 34 33 33
    verdict "$desc" || { diag_file "$WORK/srv.out"; diag_file "$WORK/srv.err"; diag_file "$WORK/cli.err" 5; }
else
    not_ok "$desc (s2nd did not start)"
fi
stop srv

# ---------------------------------------------------------------------------
# 6. Fallback SCSV (RFC 7507): s2nd supports TLS 1.3, so a TLS 1.2 hello that
#    says it is a fallback gets inappropriate_fallback (86).
# ---------------------------------------------------------------------------
results=()
desc="s_client -tls1_2 -fallback_scsv -> s2nd: refused with inappropriate_fallback (86)"
if start_s2nd srv /dev/null --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    timeout -k 2 15 "$OPENSSL" s_client -nocommands -connect "127.0.0.1:$port" -tls1_2 -fallback_scsv -CAfile "$ECDSA_CA" \
        -servername localhost < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    cli_rc=$?
    [ "$cli_rc" != 0 ] || note "s_client exit status 0"
    grep -q 'alert inappropriate fallback.*SSL alert number 86' "$WORK/cli.err" \
        || note "s_client does not report 'alert inappropriate fallback ... SSL alert number 86'"
    wait_for srv 'Failed to negotiate' 5 "$WORK/srv.err" || note "s2nd did not report the failure"
    lacks_line "$WORK/srv.out" '^s2n is ready$' || note "s2nd completed the handshake"
    # s2nd keeps serving: a normal TLS 1.2 client still gets through.
    timeout -k 2 15 "$OPENSSL" s_client -nocommands -connect "127.0.0.1:$port" -tls1_2 -CAfile "$ECDSA_CA" \
        -servername localhost -verify_return_error < /dev/null > "$WORK/cli2.out" 2> "$WORK/cli2.err" \
        || note "s2nd refused the next (non-fallback) TLS 1.2 client"
    verdict "$desc" || { diag_file "$WORK/cli.err"; diag_file "$WORK/srv.out"; diag_file "$WORK/srv.err"; }
else
    not_ok "$desc (s2nd did not start)"
fi
stop srv

done_testing
