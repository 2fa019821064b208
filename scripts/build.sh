#!/usr/bin/env bash
# Build libs2n out of tree in ./_build (shared by test.sh and demo.sh).
#
#   ./scripts/build.sh [configure arguments...]
#
# Runs autoreconf -fi, configures ./_build with PYTHON=/usr/bin/python3 (plus
# any arguments given) and runs make -j2.  Set S2N_BUILD_DIR to build
# somewhere else.  With CI=true in the environment, configure turns compiler
# warnings into errors.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${S2N_BUILD_DIR:-$top/_build}

cd "$top"
autoreconf -fi
mkdir -p "$build"
cd "$build"
"$top/configure" PYTHON=/usr/bin/python3 "$@"
make -j2
