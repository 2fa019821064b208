#!/bin/bash
# tests/interop/cert_failures.sh: s2nc must refuse bad server certificates
# presented by openssl s_server (TAP): untrusted CA, expired, not yet valid,
# wrong host name, and no trust anchor at all.  Each failure exits 1 with
# "Failed to negotiate: '<reason>'." on stderr, and s_server must have
# received the alert s2nc sent (a certificate alert, or at least a fatal
# one).  -i (insecure) accepts the same untrusted certificate.
. "$(dirname "$0")/lib.sh"

[ "$OPENSSL" != no ] && [ -x "$OPENSSL" ] || skip_all "openssl not found"
require_tools

ECDSA_CA=$PKI/ca-ecdsa-cert.pem

# Alert names as OpenSSL reports them, by description number.
alert_name() {
    case $1 in
    40) echo handshake_failure ;;
    42) echo bad_certificate ;;
    43) echo unsupported_certificate ;;
    44) echo certificate_revoked ;;
    45) echo certificate_expired ;;
    46) echo certificate_unknown ;;
    48) echo unknown_ca ;;
    80) echo internal_error ;;
    *) echo "alert $1" ;;
    esac
}

# case NAME CERT-PREFIX REASON-REGEX [S2NC ARGS...]
cert_case() {
    local name=$1 cprefix=$2 reason=$3
    shift 3
    if ! start_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/$cprefix-chain.pem" -key "$PKI/$cprefix-key.pem"; then
        not_ok "$name: s_server starts"
        stop srv
        return
    fi
    timeout -k 2 15 "$S2NC" "$@" 127.0.0.1 "$port" < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    local cli_rc=$?
    finish srv 5 || stop srv
    rc=$cli_rc
    if [ "$rc" = 1 ] && grep -Eq "^Failed to negotiate: '($reason)'\. " "$WORK/cli.err" \
        && lacks_line "$WORK/cli.out" '^s2n is ready$'; then
        ok "$name: s2nc exits 1 with \"$(sed -n "s/^Failed to negotiate: '\([^']*\)'.*/\1/p" "$WORK/cli.err" | head -n 1)\""
    else
        not_ok "$name: s2nc exits 1 with '$reason'"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.out"
        diag_file "$WORK/cli.err"
        diag "reproduce: openssl s_server -tls1_3 -accept 127.0.0.1:4433 -cert tests/pki/$cprefix-chain.pem" \
            "-key tests/pki/$cprefix-key.pem; tools/s2nc $* 127.0.0.1 4433"
    fi
    local num
    num=$(sed -n 's/.*SSL alert number \([0-9][0-9]*\).*/\1/p' "$WORK/srv.err" | head -n 1)
    case $num in
    42 | 43 | 44 | 45 | 46 | 48)
        ok "$name: s_server received the $(alert_name "$num") alert ($num)"
        ;;
    "")
        not_ok "$name: s_server received a certificate alert"
        diag "s_server reported no alert"
        diag_file "$WORK/srv.err"
        diag_file "$WORK/srv.out" 6
        ;;
    *)
        not_ok "$name: s_server received a certificate alert"
        diag "s_server received $(alert_name "$num") ($num) instead of a certificate alert"
        diag_file "$WORK/srv.err"
        ;;
    esac
}

cert_case "untrusted CA" server-untrusted-ecdsa 'Certificate is untrusted' \
    -f "$ECDSA_CA" -n localhost
cert_case "expired certificate" server-expired-ecdsa 'certificate validity period has ended|Certificate is untrusted' \
    -f "$ECDSA_CA" -n localhost
cert_case "not yet valid certificate" server-notyetvalid-ecdsa \
    'certificate validity period has not started|Certificate is untrusted' -f "$ECDSA_CA" -n localhost
cert_case "wrong host name" server-ecdsa-p256 \
    'certificate is not valid for the expected host name|Certificate is untrusted' -f "$ECDSA_CA" -n wrong.example.org
cert_case "trust anchor of the other key type" server-rsa-2048 'Certificate is untrusted' \
    -f "$ECDSA_CA" -n localhost

# Positive controls: the same servers are fine with -i, or with the right name.
if start_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/server-untrusted-ecdsa-chain.pem" \
    -key "$PKI/server-untrusted-ecdsa-key.pem"; then
    timeout -k 2 15 "$S2NC" -i -n localhost 127.0.0.1 "$port" < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    rc=$?
    if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^s2n is ready$' && [ ! -s "$WORK/cli.err" ]; then
        ok "s2nc -i accepts the untrusted certificate"
    else
        not_ok "s2nc -i accepts the untrusted certificate"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.out"
        diag_file "$WORK/cli.err"
    fi
fi
stop srv

if start_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    timeout -k 2 15 "$S2NC" -f "$ECDSA_CA" -n foo.example.com 127.0.0.1 "$port" < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    rc=$?
    if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^s2n is ready$'; then
        ok "s2nc accepts foo.example.com against the *.example.com wildcard"
    else
        not_ok "s2nc accepts foo.example.com against the *.example.com wildcard"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.err"
    fi
fi
stop srv

# 127.0.0.1 as the name: matched against the certificate's IP address entry.
if start_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
    -key "$PKI/server-ecdsa-p256-key.pem"; then
    timeout -k 2 15 "$S2NC" -f "$ECDSA_CA" 127.0.0.1 "$port" < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    rc=$?
    if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^s2n is ready$'; then
        ok "s2nc 127.0.0.1 (default name = host) accepts the certificate's IP:127.0.0.1"
    else
        not_ok "s2nc 127.0.0.1 (default name = host) accepts the certificate's IP:127.0.0.1"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.err"
    fi
fi
stop srv

# -d: a hashed CA directory instead of a file.
mkdir -p "$WORK/cadir"
cp "$ECDSA_CA" "$WORK/cadir/"
if "$OPENSSL" rehash "$WORK/cadir" > /dev/null 2>&1 \
    && start_s_server srv hold -tls1_3 -naccept 1 -cert "$PKI/server-ecdsa-p256-chain.pem" \
        -key "$PKI/server-ecdsa-p256-key.pem"; then
    timeout -k 2 15 "$S2NC" -d "$WORK/cadir" -n localhost 127.0.0.1 "$port" < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    rc=$?
    if [ "$rc" = 0 ] && has_line "$WORK/cli.out" '^s2n is ready$'; then
        ok "s2nc -d trusts a hashed CA directory"
    else
        not_ok "s2nc -d trusts a hashed CA directory"
        diag "s2nc exit status $rc"
        diag_file "$WORK/cli.err"
    fi
else
    skip "s2nc -d (openssl rehash unavailable)"
fi
stop srv

# Unsupported options are refused, not ignored.
for opt in "-s" "-m 512" "-r" "--npn" "-P id,00,SHA256"; do
    # shellcheck disable=SC2086
    timeout 5 "$S2NC" $opt 127.0.0.1 1 < /dev/null > "$WORK/cli.out" 2> "$WORK/cli.err"
    rc=$?
    if [ "$rc" = 1 ] && grep -q 'not supported by this build' "$WORK/cli.err"; then
        ok "s2nc $opt is refused as not supported"
    else
        not_ok "s2nc $opt is refused as not supported"
        diag "exit status $rc"
        diag_file "$WORK/cli.err"
    fi
done
for opt in "-m" "--ocsp x" "-P id,00,SHA256" "--enable-mfl"; do
    # shellcheck disable=SC2086
    timeout 5 "$S2ND" $opt 127.0.0.1 0 < /dev/null > "$WORK/srv.out" 2> "$WORK/srv.err"
    rc=$?
    if [ "$rc" = 1 ] && grep -q 'not supported by this build' "$WORK/srv.err"; then
        ok "s2nd $opt is refused as not supported"
    else
        not_ok "s2nd $opt is refused as not supported"
        diag "exit status $rc"
        diag_file "$WORK/srv.err"
    fi
done

# A key that does not match its certificate: s2nd refuses to start with
# S2N_ERR_KEY_MISMATCH's text instead of serving a certificate it cannot sign for.
timeout 5 "$S2ND" --cert "$PKI/server-mismatch-ecdsa-chain.pem" --key "$PKI/server-mismatch-ecdsa-key.pem" 127.0.0.1 0 \
    < /dev/null > "$WORK/srv.out" 2> "$WORK/srv.err"
rc=$?
if [ "$rc" != 0 ] && grep -q 'private key does not match' "$WORK/srv.err" && lacks_line "$WORK/srv.out" '^Listening on'; then
    ok "s2nd refuses a key that does not match its certificate"
else
    not_ok "s2nd refuses a key that does not match its certificate"
    diag "exit status $rc"
    diag_file "$WORK/srv.err"
fi

done_testing
