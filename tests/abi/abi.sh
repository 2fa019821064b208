#!/bin/sh
# The ABI guard of libs2n.so.1 (abigail-tools' abidw and abidiff).
#
#   abi.sh dump LIBRARY HEADERS_DIR OUT.abi
#       Write LIBRARY's ABI as abixml: the exported functions and variables
#       and the types reachable from them, with the types not defined in
#       HEADERS_DIR (the installed header) dropped, so internal structures
#       behind the opaque handles are not part of it.  No paths, no source
#       locations: the file only changes when the ABI does.
#   abi.sh compare BASELINE.abi LIBRARY HEADERS_DIR
#       Compare LIBRARY against BASELINE.abi.  Exit 0 when the ABI is the same
#       or only grew compatibly (added functions or variables, enumerators
#       appended to an enum: reported, not fatal); exit 1 on anything else
#       (a removed symbol, a changed parameter or return type, a changed enum
#       value, a changed public type...), with abidiff's report; exit 2 when
#       the comparison could not be made.
#
# ABIDW and ABIDIFF name the programs (default: abidw, abidiff from PATH).
# Used by `make check-abi`, `make abi-baseline`, tests/abi/baseline.sh and
# tests/abi/guard.sh.  Policy: README.md, section "ABI policy".
set -u
LC_ALL=C
export LC_ALL

ABIDW=${ABIDW:-abidw}
ABIDIFF=${ABIDIFF:-abidiff}

die() {
    echo "abi.sh: $*" >&2
    exit 2
}

have_tools() {
    command -v "$ABIDW" > /dev/null 2>&1 && command -v "$ABIDIFF" > /dev/null 2>&1
}

dump() { # dump LIBRARY HEADERS_DIR OUT
    [ -f "$1" ] || die "no library $1"
    [ -d "$2" ] || die "no header directory $2"
    have_tools || die "abidw/abidiff not found (apt-get install abigail-tools)"
    # Without DWARF, abidw only sees symbol names and no signature change
    # could be detected: refuse rather than pass vacuously.
    if ! LC_ALL=C "${OBJDUMP:-objdump}" -h "$1" 2>/dev/null | grep -q '\.debug_info'; then
        die "$1 has no debug information: build with -g (the default CFLAGS are -g -O2)"
    fi
    "$ABIDW" --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash \
        --exported-interfaces-only --headers-dir "$2" --drop-private-types \
        --out-file "$3" "$1" || die "abidw failed on $1"
}

compare() { # compare BASELINE LIBRARY HEADERS_DIR
    base=$1
    [ -f "$base" ] || die "no baseline $base"
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/s2n-abi.XXXXXX") || die "mktemp failed"
    trap 'rm -rf "$tmp"' EXIT
    dump "$2" "$3" "$tmp/current.abi"

    # The baseline is one architecture's (x86-64): sizes differ elsewhere.
    arch_base=$(sed -n "1s/.*architecture='\([^']*\)'.*/\1/p" "$base")
    arch_cur=$(sed -n "1s/.*architecture='\([^']*\)'.*/\1/p" "$tmp/current.abi")
    if [ "$arch_base" != "$arch_cur" ]; then
        echo "ABI check skipped: $base describes $arch_base, $2 is $arch_cur."
        return 0
    fi

    # Everything except additions: any report at all is a failure.  Bits of
    # abidiff's status: 1 error, 2 usage error, 4 ABI change, 8 incompatible.
    "$ABIDIFF" --no-added-syms "$base" "$tmp/current.abi" > "$tmp/changes" 2>&1
    rc=$?
    if [ $((rc & 3)) -ne 0 ]; then
        cat "$tmp/changes" >&2
        die "abidiff could not compare $base with $2 (status $rc)"
    fi
    if [ "$rc" -ne 0 ]; then
        cat "$tmp/changes"
        if [ $((rc & 8)) -ne 0 ]; then
            what="symbols were removed or changed"
        else
            what="exported interfaces changed"
        fi
        echo "ABI CHECK FAILED: $what in $2 against $base."
        echo "This breaks programs linked against libs2n.so.1.  Undo the change; an"
        echo "intended break needs a new SONAME (README.md, \"ABI policy\")."
        return 1
    fi

    "$ABIDIFF" "$base" "$tmp/current.abi" > "$tmp/all" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then
        echo "ABI check passed: $2 has the ABI of $base."
    else
        cat "$tmp/all"
        echo "ABI check passed: $2 only adds to the ABI of $base (compatible)."
        echo "Before the next release: -version-info CURRENT+1:0:AGE+1 in configure.ac, the"
        echo "new symbols in debian/libs2n1.symbols (make update-symbols), and a new"
        echo "baseline (make abi-baseline) (README.md, \"ABI policy\")."
    fi
    return 0
}

[ $# -ge 1 ] || die "usage: abi.sh dump LIBRARY HEADERS_DIR OUT | compare BASELINE LIBRARY HEADERS_DIR"
cmd=$1
shift
case $cmd in
dump)
    [ $# -eq 3 ] || die "usage: abi.sh dump LIBRARY HEADERS_DIR OUT"
    dump "$@"
    ;;
compare)
    [ $# -eq 3 ] || die "usage: abi.sh compare BASELINE LIBRARY HEADERS_DIR"
    compare "$@"
    ;;
*)
    die "unknown command $cmd"
    ;;
esac
