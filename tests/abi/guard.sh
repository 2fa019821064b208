#!/bin/sh
# Proves that the ABI guard (tests/abi/abi.sh compare, behind `make
# check-abi`) fails on an incompatible change (TAP).
#
# Takes the ABI of the freshly built libs2n.so.1 as the baseline, then links
# scratch copies of the library from the same PIC objects (listed by make in
# tests/abi/guard.env) and compares each against it:
#   - relinked unchanged                              -> the guard passes
#   - one function added                              -> passes (compatible)
#   - s2n_error_get_type(int) changed to (long): a copy of s2n.h with that
#     prototype changed and the defining source file recompiled with it
#                                                     -> the guard FAILS
#   - s2n_error_get_type no longer exported           -> the guard FAILS
# Skips when abigail-tools, the shared library or its debug information are
# missing.  Nothing is written outside a temporary directory.
#
# abi_cc, abi_cflags, abi_link_flags, abi_libs and abi_objects come from
# tests/abi/guard.env:
# shellcheck disable=SC2154
set -u
LC_ALL=C
export LC_ALL

: "${top_srcdir:?}" "${top_builddir:?}"
env_file=$top_builddir/tests/abi/guard.env
lib=$top_builddir/libtls/.libs/libs2n.so.1
abi_sh=$top_srcdir/tests/abi/abi.sh
func=s2n_error_get_type

skip_all() { echo "1..0 # SKIP $*"; exit 0; }
[ -f "$env_file" ] || skip_all "$env_file not made"
# shellcheck disable=SC1090
. "$env_file"
ABIDW=${ABIDW:-no}
ABIDIFF=${ABIDIFF:-no}
export ABIDW ABIDIFF
if [ "$ABIDW" = no ] || [ "$ABIDIFF" = no ]; then
    skip_all "abigail-tools not installed (apt-get install abigail-tools, then rerun configure)"
fi
[ -f "$lib" ] || skip_all "no shared library (configured with --disable-shared?)"
"${OBJDUMP:-objdump}" -h "$lib" 2>/dev/null | grep -q '\.debug_info' || skip_all "$lib has no debug information (CFLAGS without -g)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/s2n-abi-guard.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
show() { sed -e 's/^/# /' "$@"; }
bail() { echo "Bail out! $*"; exit 1; }

echo "1..6"

# The PIC objects of libs2n.so.1, in link order, relative to top_builddir.
objects=
for o in $abi_objects; do
    [ -f "$top_builddir/$o" ] || bail "object $o missing: run make first"
    objects="$objects $top_builddir/$o"
done
[ -n "$objects" ] || bail "no objects listed in $env_file"

# link OUT VERSION_SCRIPT [extra objects...]: the objects as libtool links them.
link() {
    out=$1
    vers=$2
    shift 2
    # shellcheck disable=SC2086 # lists of words on purpose
    $abi_cc -shared -fPIC -o "$out" -Wl,-soname,libs2n.so.1 -Wl,--version-script="$vers" \
        -Wl,--no-undefined "$@" $abi_link_flags $abi_libs
}

if "$abi_sh" dump "$lib" "$top_srcdir/libtls/include" "$tmp/baseline.abi" > "$tmp/dump.log" 2>&1; then
    ok "abidw: ABI of the built libs2n.so.1 as the baseline"
else
    not_ok "abidw: ABI of the built libs2n.so.1 as the baseline"
    show "$tmp/dump.log"
    bail "no baseline"
fi

# guard NAME EXPECTED(0|1) LIBRARY HEADERS: run the guard, check its verdict.
guard() {
    what=$1
    want=$2
    "$abi_sh" compare "$tmp/baseline.abi" "$3" "$4" > "$tmp/$what.log" 2>&1
    got=$?
    case $want in
    0) verdict="passes" ;;
    *) verdict="FAILS" ;;
    esac
    if [ "$got" -eq "$want" ]; then
        ok "guard $verdict: $what"
    else
        not_ok "guard $verdict: $what (abi.sh compare exited $got)"
    fi
    show "$tmp/$what.log"
}

# 1. The same objects relinked: no false alarm from the scratch build itself.
# shellcheck disable=SC2086
if link "$tmp/same.so" "$top_srcdir/libtls/libs2n.vers" $objects > "$tmp/link.log" 2>&1; then
    guard "relinked unchanged" 0 "$tmp/same.so" "$top_srcdir/libtls/include"
else
    not_ok "guard passes: relinked unchanged (link failed)"
    show "$tmp/link.log"
fi

# 2. A function added: compatible.
mkdir -p "$tmp/added-include"
cp "$top_srcdir/libtls/include/s2n.h" "$tmp/added-include/s2n.h"
cat >> "$tmp/added-include/s2n.h" <<'EOH'
/** Added by tests/abi/guard.sh. @param x a number @return x + 1 */
extern int s2n_abi_guard_added(int x);
EOH
cat > "$tmp/added.c" <<'EOC'
#include <s2n.h>
__attribute__((visibility("default"))) int s2n_abi_guard_added(int x)
{
    return x + 1;
}
EOC
# shellcheck disable=SC2086
if $abi_cc -g -O2 -fPIC -I"$tmp/added-include" -c -o "$tmp/added.o" "$tmp/added.c" > "$tmp/cc.log" 2>&1 &&
        link "$tmp/added.so" "$top_srcdir/libtls/libs2n.vers" $objects "$tmp/added.o" > "$tmp/link.log" 2>&1; then
    guard "one function added" 0 "$tmp/added.so" "$tmp/added-include"
else
    not_ok "guard passes: one function added (build failed)"
    show "$tmp/cc.log" "$tmp/link.log"
fi

# 3. A changed signature: s2n_error_get_type(int error) -> (long error) in a
# copy of s2n.h and in a copy of the source file that defines it, which is
# recompiled with the library's flags and linked in place of its object.
change='s/\(s2n_error_get_type[[:space:]]*([[:space:]]*\)int\([[:space:]]\)/\1long\2/'
mkdir -p "$tmp/changed-include"
sed -e "$change" "$top_srcdir/libtls/include/s2n.h" > "$tmp/changed-include/s2n.h"
defining=
for o in $objects; do
    if ${NM:-nm} --defined-only "$o" 2>/dev/null | grep -q " T $func\$"; then
        defining=$o
    fi
done
# Automake names a PIC object DIR/.libs/LIBRARY_la-BASE.o for DIR/BASE.c.
src=
if [ -n "$defining" ]; then
    dir=${defining%/.libs/*}
    dir=${dir#"$top_builddir"/}
    base=${defining##*/}
    base=${base#*-}
    src=$top_srcdir/$dir/${base%.o}.c
fi
if [ -z "$src" ] || [ ! -f "$src" ]; then
    not_ok "guard FAILS: $func(int) changed to $func(long) (no source found for $func: '$defining')"
else
    sed -e "$change" "$src" > "$tmp/changed.c"
    if ! grep -q "$func(long" "$tmp/changed-include/s2n.h" || ! grep -q "$func(long" "$tmp/changed.c"; then
        not_ok "guard FAILS: $func(int) changed to $func(long) (the prototype was not found to change)"
    else
        changed_objects=
        for o in $objects; do
            if [ "$o" = "$defining" ]; then o=$tmp/changed.o; fi
            changed_objects="$changed_objects $o"
        done
        # shellcheck disable=SC2086
        if $abi_cc -fPIC -DPIC $abi_cflags -D_GNU_SOURCE \
                "-DS2N_API=__attribute__((visibility(\"default\")))" -fvisibility=hidden -pthread \
                -I"$tmp/changed-include" -I"$top_srcdir/libtls/include" -I"$top_srcdir/libtls" \
                -I"$(dirname "$src")" -c -o "$tmp/changed.o" "$tmp/changed.c" > "$tmp/cc.log" 2>&1 &&
                link "$tmp/changed.so" "$top_srcdir/libtls/libs2n.vers" $changed_objects > "$tmp/link.log" 2>&1; then
            guard "$func(int) changed to $func(long)" 1 "$tmp/changed.so" "$tmp/changed-include"
            grep -q "$func" "$tmp/$func(int) changed to $func(long).log" ||
                echo "# (the report above does not name $func)"
        else
            not_ok "guard FAILS: $func(int) changed to $func(long) (build failed)"
            show "$tmp/cc.log" "$tmp/link.log"
        fi
    fi
fi

# 4. A removed function: the same objects, the symbol made local.
sed -e "s/^\([[:space:]]*\)local:/\1local: $func;/" "$top_srcdir/libtls/libs2n.vers" > "$tmp/removed.vers"
# shellcheck disable=SC2086
if grep -q "local: $func;" "$tmp/removed.vers" &&
        link "$tmp/removed.so" "$tmp/removed.vers" $objects > "$tmp/link.log" 2>&1 &&
        ! ${NM:-nm} -D --defined-only "$tmp/removed.so" | grep -q " $func@"; then
    guard "$func no longer exported" 1 "$tmp/removed.so" "$top_srcdir/libtls/include"
else
    not_ok "guard FAILS: $func no longer exported (could not build the scratch library)"
    show "$tmp/link.log"
fi

# 5. The guard's own failure path is the one make check-abi takes.
if grep -q 'ABI CHECK FAILED' "$tmp/$func no longer exported.log" 2>/dev/null; then
    ok "the failure message names the policy (ABI CHECK FAILED)"
else
    not_ok "the failure message names the policy (ABI CHECK FAILED)"
fi
exit 0
