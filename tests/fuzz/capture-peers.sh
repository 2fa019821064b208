#!/bin/sh
# Seeds from real peers on loopback: OpenSSL (s_server / s_client) and GnuTLS
# (gnutls-serv / gnutls-cli) talk to our client and server, and everything
# our side receives is decrypted and written as seeds (s2n_fuzz_seedgen,
# README.md).  Run from the build tree of a --enable-fuzz build:
#
#   sh ../tests/fuzz/capture-peers.sh [CORPUS_DIR]     (default: the source tree's)
#
# Each capture uses the client or server configuration of one scenario of
# tests/fuzz/s2n_fuzz.c, so the record harnesses replay it in full.
set -u
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$srcdir/tests/fuzz/corpus}
pki=$srcdir/tests/pki
gen=./tests/fuzz/s2n_fuzz_seedgen
OPENSSL=${OPENSSL:-openssl}
GNUTLS_SERV=${GNUTLS_SERV:-gnutls-serv}
GNUTLS_CLI=${GNUTLS_CLI:-gnutls-cli}
port=$((20000 + $$ % 20000))
[ -x "$gen" ] || { echo "run from a --enable-fuzz build tree (no $gen)" >&2; exit 1; }

# client_capture SCENARIO TAG SERVER-COMMAND...: our client (SCENARIO's
# config) against a server listening on $port.
client_capture() {
    scenario=$1 tag=$2
    shift 2
    "$@" >/dev/null 2>&1 &
    pid=$!
    sleep 1
    "$gen" client "$scenario" 127.0.0.1 "$port" "$corpus" "$tag" || echo "capture $tag failed" >&2
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    port=$((port + 1))
}

# server_capture SCENARIO TAG CLIENT-COMMAND...: our server on $port and a
# client fed $CLIENT_INPUT.
server_capture() {
    scenario=$1 tag=$2
    shift 2
    "$gen" server "$scenario" "$port" "$corpus" "$tag" &
    pid=$!
    sleep 1
    # one line of $CLIENT_INPUT every half second (s_client takes a line
    # "k" as a KeyUpdate command only when it arrives alone)
    printf '%b' "$CLIENT_INPUT" | while IFS= read -r line; do
        printf '%s\n' "$line"
        sleep 0.5
    done | timeout 10 "$@" >/dev/null 2>&1
    wait "$pid" || echo "capture $tag failed" >&2
    port=$((port + 1))
}

ec_chain=$pki/server-ecdsa-p256-chain.pem
tls12_only=NORMAL:-VERS-ALL:+VERS-TLS1.2
ec_key=$pki/server-ecdsa-p256-key.pem
rsa_chain=$pki/server-rsa-2048-chain.pem
rsa_key=$pki/server-rsa-2048-key.pem

if command -v "$OPENSSL" >/dev/null; then
    # Scenario 0's client (test_all, ALPN, SNI): TLS 1.3 and TLS 1.2.
    client_capture 0 openssl-tls13 sh -c "exec $OPENSSL s_server -accept $port -cert $ec_chain -key $ec_key \
        -www -naccept 1"
    client_capture 0 openssl-tls12 sh -c "exec $OPENSSL s_server -accept $port -cert $rsa_chain -key $rsa_key \
        -www -tls1_2 -naccept 1"
    # Scenario 2's client with a server that only takes P-384: HelloRetryRequest.
    client_capture 2 openssl-hrr sh -c "exec $OPENSSL s_server -accept $port -cert $ec_chain -key $ec_key \
        -www -groups P-384 -naccept 1"
    # OpenSSL clients against scenario 0's server (TLS 1.3, with a KeyUpdate)
    # and scenario 3's (TLS 1.2 only).
    CLIENT_INPUT='hello\nk\nbye\n'
    server_capture 0 openssl-tls13 "$OPENSSL" s_client -connect "127.0.0.1:$port" -servername localhost \
        -alpn http/1.1 -no_ign_eof
    CLIENT_INPUT='hello\n'
    server_capture 3 openssl-tls12 "$OPENSSL" s_client -connect "127.0.0.1:$port" -servername localhost -no_ign_eof
fi

if command -v "$GNUTLS_SERV" >/dev/null && command -v "$GNUTLS_CLI" >/dev/null; then
    client_capture 0 gnutls-tls13 sh -c "exec $GNUTLS_SERV --http -p $port --x509certfile $ec_chain \
        --x509keyfile $ec_key"
    client_capture 0 gnutls-tls12 sh -c "exec $GNUTLS_SERV --http -p $port --x509certfile $rsa_chain \
        --x509keyfile $rsa_key --priority $tls12_only"
    CLIENT_INPUT='hello\n'
    server_capture 0 gnutls-tls13 "$GNUTLS_CLI" --insecure -p "$port" 127.0.0.1
    server_capture 3 gnutls-tls12 "$GNUTLS_CLI" --insecure -p "$port" --priority "$tls12_only" 127.0.0.1
fi
