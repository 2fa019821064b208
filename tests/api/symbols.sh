#!/bin/sh
# Exported symbols of libs2n.so.1 against the declarations of s2n.h (TAP).
#
# Every function declared `S2N_API extern ... name(...)` in
# libtls/include/s2n.h, plus the variable s2n_errno, must be a defined dynamic
# symbol of the built library, and the library must export nothing else (the
# version node S2N_1.0 aside).  Differences in either direction are printed.
set -u
LC_ALL=C
export LC_ALL

: "${top_srcdir:?}" "${top_builddir:?}"
NM=${NM:-nm}
header=$top_srcdir/libtls/include/s2n.h
lib=$top_builddir/libtls/.libs/libs2n.so.1

if [ ! -f "$lib" ]; then
    echo "1..0 # SKIP $lib not built (shared libraries disabled?)"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/s2n-symbols.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Declarations: strip comments and preprocessor lines, join everything into
# statements ended by ';', keep those containing "S2N_API extern" and take the
# identifier before the first '(' (functions) or before the ';' (variables).
sed -e 's/^[[:space:]]*#.*$//' "$header" | tr '\n' ' ' |
    sed -e 's:/\*:\n&:g' | sed -e 's:^/\*.*\*/::' |
    tr '\n' ' ' | tr ';' '\n' |
    awk '
        {
            i = index($0, "S2N_API extern")
            if (i == 0) next
            s = substr($0, i + length("S2N_API extern"))
            p = index(s, "(")
            if (p > 0) s = substr(s, 1, p - 1)
            sub(/[[:space:]]+$/, "", s)
            if (match(s, /[A-Za-z_][A-Za-z0-9_]*$/)) print substr(s, RSTART, RLENGTH)
        }' | sort -u > "$tmp/declared"

$NM -D --defined-only "$lib" | awk 'NF >= 2 { print $NF }' | sed -e 's/@.*$//' |
    grep -v -x -e 'S2N_1\.0' | sort -u > "$tmp/exported"

ndecl=$(wc -l < "$tmp/declared")
nexp=$(wc -l < "$tmp/exported")
echo "1..4"
echo "# $ndecl declarations in s2n.h, $nexp dynamic symbols in libs2n.so.1"

# Sanity: the parser found the error API and the variable.
if grep -q -x s2n_errno "$tmp/declared" && grep -q -x s2n_init "$tmp/declared" &&
        grep -q -x s2n_strerror "$tmp/declared"; then
    echo "ok 1 - s2n.h declarations parsed (s2n_errno, s2n_init, s2n_strerror found)"
else
    echo "not ok 1 - s2n.h declarations parsed"
fi

missing=$(comm -23 "$tmp/declared" "$tmp/exported")
extra=$(comm -13 "$tmp/declared" "$tmp/exported")

if [ -z "$missing" ]; then
    echo "ok 2 - every function declared in s2n.h is exported"
else
    echo "not ok 2 - every function declared in s2n.h is exported"
    echo "$missing" | sed -e 's/^/# declared but not exported: /'
fi

if [ -z "$extra" ]; then
    echo "ok 3 - nothing beyond s2n.h is exported"
else
    echo "not ok 3 - nothing beyond s2n.h is exported"
    echo "$extra" | sed -e 's/^/# exported but not declared: /'
fi

# Every export carries the S2N_1.0 version node.
unversioned=$($NM -D --defined-only "$lib" | awk 'NF >= 2 { print $NF }' |
    grep -v -x -e 'S2N_1\.0' | grep -v '@@S2N_1\.0$' || true)
if [ -z "$unversioned" ]; then
    echo "ok 4 - every export is in version node S2N_1.0"
else
    echo "not ok 4 - every export is in version node S2N_1.0"
    echo "$unversioned" | sed -e 's/^/# not in S2N_1.0: /'
fi
