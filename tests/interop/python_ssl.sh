#!/bin/bash
# tests/interop/python_ssl.sh: Python's ssl module (OpenSSL underneath, but
# another application stack) as a TLS 1.3 client of s2nd (TAP): verification
# on with the test CA and server_hostname localhost, ALPN, 1 MiB both ways
# at once, the ephemeral certificate, -w, -n, --non-blocking and the key log.
. "$(dirname "$0")/lib.sh"

[ "$PYTHON" != no ] && [ -x "$PYTHON" ] || skip_all "python3 not found"
"$PYTHON" -c 'import ssl; ssl.TLSVersion.TLSv1_3' 2> /dev/null || skip_all "python ssl without TLS 1.3"
require_tools

PYCLIENT="$here_dir/py_client.py"
ECDSA_CHAIN=$PKI/server-ecdsa-p256-chain.pem
ECDSA_KEY=$PKI/server-ecdsa-p256-key.pem
ECDSA_CA=$PKI/ca-ecdsa-cert.pem

py_client() { # PORT ARGS... : output in $WORK/py.out / py.err, status in $rc
    local p=$1
    shift
    timeout -k 2 30 "$PYTHON" "$PYCLIENT" --port "$p" "$@" > "$WORK/py.out" 2> "$WORK/py.err"
    rc=$?
}

py_value() { # KEY
    sed -n "s/^$1: //p" "$WORK/py.out" | head -n 1
}

fail_diag() {
    diag "python client exit status $rc"
    diag_file "$WORK/py.out"
    diag_file "$WORK/py.err"
    diag_file "$WORK/srv.out"
    diag_file "$WORK/srv.err"
}

printf 'hello from python\n' > "$WORK/line.txt"

# 1-2. verification with the test CAs, one long-running s2nd per certificate
for c in ecdsa:server-ecdsa-p256:ca-ecdsa-cert.pem rsa:server-rsa-2048:ca-rsa-cert.pem; do
    IFS=: read -r ctype cprefix ca <<< "$c"
    if ! start_s2nd srv /dev/null --cert "$PKI/$cprefix-chain.pem" --key "$PKI/$cprefix-key.pem"; then
        not_ok "s2nd ($ctype) starts"
        diag_file "$WORK/srv.err"
        stop srv
        continue
    fi
    py_client "$port" --ca "$PKI/$ca" --send "$WORK/line.txt"
    cipher=$(py_value cipher)
    if [ "$rc" = 0 ] && [ "$(py_value version)" = TLSv1.3 ] && [ -n "$cipher" ] \
        && wait_for srv '^Connection closed by peer$' 5 \
        && has_line "$WORK/srv.out" "^Cipher negotiated: $cipher\$" \
        && has_line "$WORK/srv.out" '^hello from python$' \
        && has_line "$WORK/srv.out" '^Server name: localhost$' \
        && [ "$(py_value closed)" = clean ]; then
        ok "python ssl verifies s2nd's $ctype certificate and talks TLS 1.3 ($cipher)"
    else
        not_ok "python ssl verifies s2nd's $ctype certificate and talks TLS 1.3"
        fail_diag
    fi
    # A second client on the same server (wiped connection reused).
    py_client "$port" --ca "$PKI/$ca" --send "$WORK/line.txt"
    if [ "$rc" = 0 ] && [ "$(grep -c '^hello from python$' "$WORK/srv.out")" = 2 ] && alive srv; then
        ok "s2nd ($ctype) serves a second python client"
    else
        not_ok "s2nd ($ctype) serves a second python client"
        fail_diag
    fi
    stop srv
done

# 3. ALPN
if start_s2nd srv /dev/null -X -A http/1.1 --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    py_client "$port" --ca "$ECDSA_CA" --alpn h2,http/1.1
    finish srv 10
    if [ "$(py_value alpn)" = http/1.1 ] && has_line "$WORK/srv.out" '^Application protocol: http/1.1$'; then
        ok "ALPN: python offers h2,http/1.1, s2nd -A http/1.1 selects http/1.1"
    else
        not_ok "ALPN: python offers h2,http/1.1, s2nd -A http/1.1 selects http/1.1"
        fail_diag
    fi
else
    not_ok "s2nd -A starts"
fi
stop srv

# 4. 1 MiB each way at the same time (blocking and non-blocking s2nd)
make_data "$WORK/up.bin" 1048576
make_data "$WORK/down.bin" 1048576
for variant in "" "--non-blocking --prefer-low-latency" "--prefer-throughput"; do
    label=${variant:-default}
    # shellcheck disable=SC2086
    if start_s2nd srv "$WORK/down.bin" -X $variant --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
        py_client "$port" --ca "$ECDSA_CA" --send "$WORK/up.bin" --expect 1048576 --out "$WORK/py.data"
        py_rc=$rc
        finish srv 15
        if [ "$py_rc" = 0 ] && [ "$rc" = 0 ]; then
            ok "1 MiB each way between python and s2nd ($label), both exit 0"
        else
            not_ok "1 MiB each way between python and s2nd ($label), both exit 0"
            diag "s2nd exit status $rc"
            rc=$py_rc
            fail_diag
        fi
        payload_after "$WORK/srv.out" "s2n is ready" "$WORK/srv.data"
        same_data "s2nd received python's 1 MiB intact ($label)" "$WORK/up.bin" "$WORK/srv.data"
        same_data "python received s2nd's 1 MiB intact ($label)" "$WORK/down.bin" "$WORK/py.data"
    else
        not_ok "s2nd -X $label starts"
        diag_file "$WORK/srv.err"
    fi
    stop srv
done

# 5. The ephemeral certificate (no --cert): fingerprint printed before "Listening on"
if start_s2nd srv /dev/null -X; then
    fp=$(sed -n 's/^Ephemeral certificate SHA-256 fingerprint: //p' "$WORK/srv.out")
    first=$(head -n 1 "$WORK/srv.out")
    py_client "$port" --pin "$fp" --der-out "$WORK/eph.der"
    finish srv 10
    if [ "$rc" = 0 ] && [ -n "$fp" ] && [ "${first#Ephemeral certificate SHA-256 fingerprint: }" != "$first" ]; then
        ok "ephemeral certificate: the printed SHA-256 fingerprint matches what python received"
    else
        not_ok "ephemeral certificate: the printed SHA-256 fingerprint matches what python received"
        fail_diag
    fi
    if [ "$OPENSSL" != no ] && [ -s "$WORK/eph.der" ]; then
        "$OPENSSL" x509 -inform DER -in "$WORK/eph.der" -out "$WORK/eph.pem"
        "$OPENSSL" x509 -in "$WORK/eph.pem" -noout -text > "$WORK/eph.txt" 2>&1
        if grep -q 'DNS:localhost' "$WORK/eph.txt" && grep -q 'IP Address:127.0.0.1' "$WORK/eph.txt" \
            && grep -q 'ASN1 OID: prime256v1' "$WORK/eph.txt" \
            && "$OPENSSL" verify -CAfile "$WORK/eph.pem" -verify_hostname localhost -verify_ip 127.0.0.1 \
                "$WORK/eph.pem" > "$WORK/eph.verify" 2>&1; then
            ok "ephemeral certificate: self-signed ECDSA P-256 for localhost and 127.0.0.1"
        else
            not_ok "ephemeral certificate: self-signed ECDSA P-256 for localhost and 127.0.0.1"
            diag_file "$WORK/eph.txt" 40
            diag_file "$WORK/eph.verify"
        fi
    else
        skip "ephemeral certificate contents (no openssl or no certificate)"
    fi
else
    not_ok "s2nd without --cert starts"
    diag_file "$WORK/srv.err"
fi
stop srv

# 6. -w: one HTTP/1.0 page
if start_s2nd srv /dev/null -X -w --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    py_client "$port" --ca "$ECDSA_CA" --http
    finish srv 10
    if [ "$rc" = 0 ] && has_line "$WORK/py.out" '^HTTP/1.0 200 OK' && grep -q 'libs2n' "$WORK/py.out"; then
        ok "s2nd -w answers a GET with an HTTP/1.0 page and closes"
    else
        not_ok "s2nd -w answers a GET with an HTTP/1.0 page and closes"
        fail_diag
    fi
else
    not_ok "s2nd -w starts"
fi
stop srv

# 7. -n: handshake only, then s2nd closes
if start_s2nd srv /dev/null -X -n --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    py_client "$port" --ca "$ECDSA_CA" --expect-close
    py_rc=$rc
    finish srv 10
    if [ "$py_rc" = 0 ] && [ "$(py_value "peer closed")" = yes ] && [ "$rc" = 0 ]; then
        ok "s2nd -n closes with close_notify right after the handshake"
    else
        not_ok "s2nd -n closes with close_notify right after the handshake"
        diag "s2nd exit status $rc"
        rc=$py_rc
        fail_diag
    fi
else
    not_ok "s2nd -n starts"
fi
stop srv

# 8. Key log: s2nd's lines are the secrets python logged too
if start_s2nd srv /dev/null -X -L "$WORK/s2nd.keys" --cert "$ECDSA_CHAIN" --key "$ECDSA_KEY"; then
    py_client "$port" --ca "$ECDSA_CA" --keylog "$WORK/py.keys"
    finish srv 10
    secret_re='^[A-Z0-9_]+_SECRET(_[0-9]+)? [0-9a-f]{64} [0-9a-f]+$'
    n_s2n=$(grep -cE "$secret_re" "$WORK/s2nd.keys" 2>/dev/null)
    missing=$(grep -vxF -f "$WORK/py.keys" "$WORK/s2nd.keys" 2>/dev/null | wc -l)
    labels=$(cut -d' ' -f1 "$WORK/s2nd.keys" 2>/dev/null | sort -u | tr '\n' ' ')
    if [ "$n_s2n" -ge 4 ] && [ "$missing" = 0 ] \
        && grep -q '^CLIENT_HANDSHAKE_TRAFFIC_SECRET ' "$WORK/s2nd.keys" \
        && grep -q '^SERVER_TRAFFIC_SECRET_0 ' "$WORK/s2nd.keys"; then
        ok "s2nd -L writes NSS key log lines identical to python's ($labels)"
    else
        not_ok "s2nd -L writes NSS key log lines identical to python's"
        diag "s2nd lines: $n_s2n, not in python's log: $missing, labels: $labels"
        diag_file "$WORK/s2nd.keys"
        diag_file "$WORK/py.keys"
        fail_diag
    fi
else
    not_ok "s2nd -L starts"
fi
stop srv

done_testing
