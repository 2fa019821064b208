#!/bin/sh
# Runs the pytest suite of the Python bindings (tests/python) against the
# in-tree build and reports it as TAP: one test point per pytest test, and a
# failure when pytest fails, errors, or collects nothing (exit status 5).
#
# Environment (set by the automake test harness): top_srcdir, top_builddir,
# PYTHON (Debian's /usr/bin/python3 with python3-pytest), OPENSSL, CC.
# Extra pytest arguments may be given in PYTEST_ARGS (e.g. "-k socket").
set -u
LC_ALL=C
export LC_ALL

: "${top_srcdir:?}" "${top_builddir:?}"
PYTHON=${PYTHON:-/usr/bin/python3}
stage=$top_builddir/bindings/python/stage

if ! "$PYTHON" -c 'import pytest' > /dev/null 2>&1; then
    echo "1..0 # SKIP pytest is not installed for $PYTHON (apt-get install python3-pytest)"
    exit 77
fi
if [ ! -f "$stage/s2n/_s2n.so" ]; then
    echo "Bail out! $stage/s2n/_s2n.so is missing: build with 'make' first"
    exit 1
fi

# The in-tree package and library; no bytecode or cache files written.
PYTHONPATH=$stage${PYTHONPATH:+:$PYTHONPATH}
LD_LIBRARY_PATH=$top_builddir/libtls/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
PYTHONDONTWRITEBYTECODE=1
S2N_TEST_TAP=$(mktemp "${TMPDIR:-/tmp}/s2n-pytest-tap.XXXXXX") || exit 1
export PYTHONPATH LD_LIBRARY_PATH PYTHONDONTWRITEBYTECODE S2N_TEST_TAP
trap 'rm -f "$S2N_TEST_TAP" "$S2N_TEST_TAP.log"' EXIT

# A sanitizer build of libs2n needs the sanitizer runtime loaded first.
if command -v ldd > /dev/null 2>&1 && ldd "$top_builddir/libtls/.libs/libs2n.so" 2>/dev/null | grep -q libasan; then
    asan=$(${CC:-cc} -print-file-name=libasan.so 2>/dev/null)
    ubsan=$(${CC:-cc} -print-file-name=libubsan.so 2>/dev/null)
    LD_PRELOAD="$asan${ubsan:+:$ubsan}"
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
    export LD_PRELOAD ASAN_OPTIONS
fi

# pytest's own output goes to the log as TAP comments; conftest.py writes
# one TAP line per test to $S2N_TEST_TAP.
# shellcheck disable=SC2086 # PYTEST_ARGS are words on purpose
# conftest.py stops any single test after 60 s; timeout(1) bounds the rest.
limit=
if command -v timeout > /dev/null 2>&1; then
    limit="timeout -k 10 600"
fi
(cd "$top_srcdir/tests/python" &&
    $limit "$PYTHON" -m pytest -p no:cacheprovider -q -rfEs --durations=5 ${PYTEST_ARGS:-} .) \
    > "$S2N_TEST_TAP.log" 2>&1
rc=$?

n=$(grep -c '^\(not \)\{0,1\}ok ' "$S2N_TEST_TAP" 2>/dev/null || true)
n=${n:-0}
if [ "$n" -gt 0 ]; then
    echo "1..$((n + 1))"
    cat "$S2N_TEST_TAP"
else
    echo "1..1"
fi
sed -e 's/^/# /' "$S2N_TEST_TAP.log"
case $rc in
0) echo "ok $((n + 1)) - pytest passed" ;;
5) echo "not ok $((n + 1)) - pytest collected no tests" ;;
*) echo "not ok $((n + 1)) - pytest exited with status $rc" ;;
esac
exit 0
