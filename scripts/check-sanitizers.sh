#!/usr/bin/env bash
# The whole `make check` in an AddressSanitizer + UndefinedBehaviorSanitizer
# build (./_build-asan): any sanitizer report fails the test that triggered it
# (-fno-sanitize-recover=undefined, ASan aborts; LeakSanitizer is on by
# default for the test programs; the Python tests preload ASan into
# /usr/bin/python3 with leak detection off, since the interpreter itself
# does not free everything at exit).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
export S2N_BUILD_DIR=${S2N_BUILD_DIR:-$top/_build-asan}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$top/scripts/build.sh" --enable-sanitizers "$@"
cd "$S2N_BUILD_DIR"
if ! make -j2 check; then
    echo "=== make check (ASan+UBSan) failed; logs of the failing tests follow ==="
    cat test-suite.log || true
    exit 1
fi
echo "ASan+UBSan: all tests passed."
