#!/usr/bin/env bash
# Every unit test program of ./_build (built by scripts/test.sh) under
# valgrind memcheck: no errors, no definite or indirect leaks.  This is the
# documented subset of `make check` that runs under valgrind: the unit tests
# cover the library's code paths (handshakes, records, parsers, bad input,
# memory calls); the interop and Python tests drive the same code through
# external processes and would multiply the run time by 20 or more.  The
# 10,000-handshake memory soak runs 200 rounds here.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${S2N_BUILD_DIR:-$top/_build}
cd "$build" || exit 1
make -j2 check TESTS= > /dev/null || exit 1
export S2N_MEMORY_ROUNDS=${S2N_MEMORY_ROUNDS:-200}
n=0
failed=0
for t in tests/unit/*_test; do
    [ -x "$t" ] || continue
    n=$((n + 1))
    log="$t.valgrind.log"
    if valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect "$t" > "$log" 2>&1; then
        echo "ok $n - valgrind $t"
    else
        echo "not ok $n - valgrind $t"
        tail -n 40 "$log"
        failed=$((failed + 1))
    fi
done
echo "1..$n"
echo "valgrind: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
