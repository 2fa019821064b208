#!/usr/bin/env bash
# The one-minute demo: build libs2n, start s2nd with its built-in ephemeral
# certificate on a free loopback port, connect to it with s2nc and show what
# was negotiated, then stop s2nd.
#
#   ./scripts/demo.sh [s2nc options...]      e.g. ./scripts/demo.sh -c default_tls13
#
# s2nc runs with --insecure: s2nd's certificate is self-signed and made fresh
# at start-up, so there is no CA file s2nc could verify it against.  s2nd
# prints the certificate's SHA-256 fingerprint instead.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${S2N_BUILD_DIR:-$top/_build}

if [ ! -f "$build/Makefile" ]; then
    "$top/scripts/build.sh"
else
    make -C "$build" -j2
fi

s2nd=$build/tools/s2nd
s2nc=$build/tools/s2nc
tmp=$(mktemp -d "${TMPDIR:-/tmp}/s2n-demo.XXXXXX")
server_pid=
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# Port 0: the kernel picks a free port and s2nd reports it.
"$s2nd" --max-conns=1 127.0.0.1 0 > "$tmp/s2nd.out" 2>&1 &
server_pid=$!

port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/^Listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$tmp/s2nd.out")
    [ -n "$port" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "s2nd did not start:" >&2
    cat "$tmp/s2nd.out" >&2
    exit 1
fi

echo "== s2nd"
cat "$tmp/s2nd.out"
echo
echo "== s2nc -i -n localhost${*:+ $*} 127.0.0.1 $port"
rc=0
"$s2nc" -i -n localhost "$@" 127.0.0.1 "$port" < /dev/null || rc=$?

# s2nd serves one connection (--max-conns=1) and exits; give it a moment.
for _ in $(seq 1 50); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
echo
echo "== s2nd after the connection"
sed -n '/^Listening on /,$p' "$tmp/s2nd.out" | tail -n +2

if [ "$rc" -eq 0 ]; then
    echo "== demo: handshake succeeded"
else
    echo "== demo: s2nc failed (exit status $rc)" >&2
fi
exit "$rc"
