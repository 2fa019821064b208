#!/usr/bin/env bash
# Fuzzing smoke pass: build the libFuzzer harnesses with clang in
# ./_build-fuzz and run each for FUZZ_SECONDS (default 10) after replaying
# the committed seeds and regression inputs.  Any crash, leak, timeout or
# sanitizer report fails.  (`make fuzz` with the default 60 s, or longer,
# is the real fuzzing run; see tests/fuzz/README.md.)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
export S2N_BUILD_DIR=${S2N_BUILD_DIR:-$top/_build-fuzz}
CC=clang "$top/scripts/build.sh" --enable-fuzz --without-python3 --disable-werror "$@"
cd "$S2N_BUILD_DIR"
make -j2 fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-10}"
