#!/usr/bin/env bash
# Build libs2n and pass every test: the command CI runs (.ci/run).
#
#   ./scripts/test.sh [configure arguments...]
#
# Builds in ./_build (see build.sh), then runs `make -j2 check` (unit tests,
# symbol and install checks, interop tests against OpenSSL and GnuTLS, the
# Python tests) and `make -j2 distcheck` (the release tarball builds and
# passes the same tests from a read-only source tree).  On a failure the
# logs of the failing tests are printed.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${S2N_BUILD_DIR:-$top/_build}

"$top/scripts/build.sh" "$@"
cd "$build"

if ! make -j2 check; then
    echo "=== make check failed; logs of the failing tests follow ==="
    cat test-suite.log || true
    exit 1
fi

if ! make -j2 distcheck DISTCHECK_CONFIGURE_FLAGS="PYTHON=/usr/bin/python3"; then
    echo "=== make distcheck failed; logs of the failing tests follow ==="
    find . -path './libs2n-*/_build/*' -name test-suite.log -exec cat {} + 2>/dev/null || true
    exit 1
fi
echo "All tests passed."
