#!/bin/sh
# Callgrind instruction counts per handshake for libs2n, OpenSSL libssl and
# the bare libcrypto operations (part of make bench).  Each count is
# (Ir of warm-up + N handshakes - Ir of warm-up + 0 handshakes) / N, so
# setup (library init, configs, PEM parsing, the policy probe) cancels out.
# Instruction counts are deterministic enough to compare across machines.
#   usage: callgrind.sh PROGRAM        BENCH_CALLGRIND_N=20 (0 skips)
prog=$1
n=${BENCH_CALLGRIND_N:-20}
test "$n" -gt 0 2>/dev/null || { echo "callgrind counts skipped (BENCH_CALLGRIND_N=$n)"; exit 0; }
if ! command -v valgrind >/dev/null 2>&1; then
    echo "callgrind counts skipped: valgrind not found"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/s2n-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# ir LIB TARGET COUNT: total instructions of one run, or nothing on failure.
ir() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$prog" count "$1" "$2" "$3" \
        >"$tmp/log" 2>&1 || { sed 's/^/    /' "$tmp/log" | tail -5 >&2; return 1; }
    sed -n -e 's/^summary: *\([0-9]*\).*/\1/p' -e 's/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg.out" | head -n 1
}

per_handshake() {
    base=$(ir "$1" "$2" 0) && full=$(ir "$1" "$2" "$n") && test -n "$base" && test -n "$full" \
        && echo $(( (full - base) / n ))
}

echo
echo "callgrind: instructions per handshake (N=$n, setup subtracted)"
printf '%-30s %12s %12s %12s %12s %14s\n' "" libs2n OpenSSL ceiling OpenSSL/s2n s2n-ceiling
for target in tls13-ecdsa tls13-rsa tls12-ecdsa; do
    s=$(per_handshake s2n $target) || s=
    o=$(per_handshake openssl $target) || o=
    c=$(per_handshake crypto $target) || c=
    if test -n "$s" && test -n "$o" && test -n "$c"; then
        ratio=$(awk -v s="$s" -v o="$o" 'BEGIN { printf "%.2fx", o / s }')
        printf '%-30s %12s %12s %12s %12s %14s\n' "$target" "$s" "$o" "$c" "$ratio" $((s - c))
    else
        printf '%-30s %s\n' "$target" "failed (libs2n='$s' OpenSSL='$o' ceiling='$c')"
    fi
done
echo "(OpenSSL/s2n above 1 means libs2n executes fewer instructions per handshake;"
echo " s2n-ceiling is what libs2n executes beyond the bare asymmetric operations)"
