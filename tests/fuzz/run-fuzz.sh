#!/bin/sh
# Run the libFuzzer harnesses (make fuzz / make fuzz-regressions).
#
#   run-fuzz.sh fuzz|replay SRCDIR SECONDS TIMEOUT 'EXTRA LIBFUZZER ARGS' HARNESS...
#
# For each harness (tests/fuzz/s2n_<name>_fuzz in the build tree): replay
# every committed regression input and seed, then (fuzz) fuzz for SECONDS
# with tests/fuzz/work/<name> as the growing corpus and the committed seeds
# as a read-only one.  Crash inputs land in tests/fuzz/artifacts/, logs in
# tests/fuzz/logs/.  Exits 1 if any harness crashed, leaked, timed out or
# tripped a sanitizer; prints one summary line per harness (executions,
# exec/s, coverage).
set -u
mode=$1 srcdir=$2 seconds=$3 timeout=$4 extra=$5
shift 5

: "${ASAN_OPTIONS:=detect_leaks=1}"
: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS UBSAN_OPTIONS

mkdir -p tests/fuzz/work tests/fuzz/artifacts tests/fuzz/logs
failed=""
summary=""
for h in "$@"; do
    bin=./tests/fuzz/s2n_${h}_fuzz
    seeds=$srcdir/tests/fuzz/corpus/$h
    regress=$srcdir/tests/fuzz/regressions/$h
    log=tests/fuzz/logs/$h.log
    if [ ! -x "$bin" ]; then
        echo "missing $bin" >&2
        failed="$failed $h"
        continue
    fi
    : > "$log"
    ok=1
    # Replay: every regression input and seed once (files, not directories,
    # so libFuzzer runs exactly these).
    inputs=$(find "$regress" "$seeds" -type f ! -name '.*' 2>/dev/null | sort)
    if [ -n "$inputs" ]; then
        # shellcheck disable=SC2086
        if ! $bin -timeout="$timeout" -artifact_prefix="tests/fuzz/artifacts/$h-" $extra $inputs >>"$log" 2>&1; then
            ok=0
        fi
    fi
    stats=""
    if [ "$ok" = 1 ] && [ "$mode" = fuzz ] && [ "$seconds" -gt 0 ]; then
        mkdir -p "tests/fuzz/work/$h"
        dirs="tests/fuzz/work/$h"
        [ -d "$seeds" ] && dirs="$dirs $seeds"
        # shellcheck disable=SC2086
        if ! $bin -max_total_time="$seconds" -timeout="$timeout" -print_final_stats=1 \
                -artifact_prefix="tests/fuzz/artifacts/$h-" $extra $dirs >>"$log" 2>&1; then
            ok=0
        fi
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
        eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
        cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p')
        stats="runs ${runs:-?} exec/s ${eps:-?} ${cov:-}"
    fi
    if [ "$ok" = 1 ]; then
        line="PASS $h $stats"
    else
        line="FAIL $h (see $log; inputs in tests/fuzz/artifacts/)"
        failed="$failed $h"
        grep -E 'ERROR: |SUMMARY: |runtime error|==[0-9]+==' "$log" | head -n 5 >&2
    fi
    echo "$line"
    summary="$summary
$line"
done
echo "---- fuzz summary ($mode) ----$summary"
if [ -n "$failed" ]; then
    echo "failed:$failed" >&2
    exit 1
fi
exit 0
