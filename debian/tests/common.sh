# debian/tests/common.sh: shared by the autopkgtests (sourced, POSIX sh).
# Makes a CA and a "localhost" server certificate in $work, and starts the
# installed s2nd on a free loopback port for one HTTPS-style connection
# (-X -w): $port is its port, $s2nd_pid its process, $work/s2nd.out its
# output.  stop_s2nd waits for it to exit and returns its status.

work=${AUTOPKGTEST_TMP:-}
if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

make_pki() {
    cat > "$work/ca.cnf" <<'EOC'
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
EOC
    cat > "$work/server.cnf" <<'EOC'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
EOC
    {
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
            -keyout "$work/ca.key" -subj /CN=autopkgtest-ca -out "$work/ca.csr"
        openssl x509 -req -in "$work/ca.csr" -signkey "$work/ca.key" -days 2 \
            -extfile "$work/ca.cnf" -out "$work/ca.pem"
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
            -keyout "$work/server.key" -subj /CN=localhost -out "$work/server.csr"
        openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
            -CAcreateserial -days 2 -extfile "$work/server.cnf" -out "$work/server.pem"
    } 2> "$work/openssl.log"
}

start_s2nd() {
    : > "$work/s2nd.out"
    s2nd -X -w --cert "$work/server.pem" --key "$work/server.key" 127.0.0.1 0 \
        > "$work/s2nd.out" 2> "$work/s2nd.err" < /dev/null &
    s2nd_pid=$!
    port=
    i=0
    while [ $i -lt 100 ]; do
        port=$(sed -n 's/^Listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$work/s2nd.out" || true)
        [ -n "$port" ] && break
        kill -0 "$s2nd_pid" 2> /dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    if [ -z "$port" ]; then
        echo "s2nd did not start:" >&2
        cat "$work/s2nd.out" "$work/s2nd.err" >&2
        exit 1
    fi
    echo "s2nd listening on 127.0.0.1:$port"
}

stop_s2nd() {
    i=0
    while kill -0 "$s2nd_pid" 2> /dev/null && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill "$s2nd_pid" 2> /dev/null || true
    wait "$s2nd_pid"
}
