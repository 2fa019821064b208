#!/bin/sh
# Writes debian/libs2n1.symbols from the exports of a built libs2n.so.1.
#
#   update-symbols.sh LIBRARY SYMBOLS_FILE UPSTREAM_VERSION
#
# One line per dynamic symbol, NAME@VERSION_NODE (the version node itself,
# S2N_1.0@S2N_1.0, included, as dpkg-gensymbols lists it), with the
# upstream version that first shipped it: symbols already in SYMBOLS_FILE keep
# theirs, new ones get UPSTREAM_VERSION.  A symbol of SYMBOLS_FILE that the
# library no longer exports is an ABI break: the file is left alone and the
# script fails.  Run through `make update-symbols`.
set -eu
LC_ALL=C
export LC_ALL

[ $# -eq 3 ] || { echo "usage: update-symbols.sh LIBRARY SYMBOLS_FILE UPSTREAM_VERSION" >&2; exit 2; }
lib=$1
file=$2
version=$3
NM=${NM:-nm}
OBJDUMP=${OBJDUMP:-objdump}

soname=$("$OBJDUMP" -p "$lib" | awk '$1 == "SONAME" { print $2 }')
case $soname in
libs2n.so.[0-9]*) package=libs2n${soname#libs2n.so.} ;;
*) echo "update-symbols.sh: unexpected SONAME '$soname' of $lib" >&2; exit 1 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/s2n-symbols.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# nm -D prints "ADDR T name@@NODE" for a default-version definition and
# "0000 A NODE" (or "NODE@@NODE") for the version node itself.
$NM -D --defined-only "$lib" | awk '
    NF >= 3 {
        name = $3
        if (index(name, "@@") > 0) { split(name, p, "@@"); print p[1] "@" p[2] }
        else if (index(name, "@") == 0 && $2 == "A") print name "@" name
    }' | sort -u > "$tmp/exported"

# Existing entries: " NAME@NODE VERSION".
: > "$tmp/known"
if [ -f "$file" ]; then
    awk '/^ / { print $1, $2 }' "$file" | sort -u > "$tmp/known"
fi
cut -d' ' -f1 "$tmp/known" | comm -23 - "$tmp/exported" > "$tmp/gone"
if [ -s "$tmp/gone" ]; then
    echo "update-symbols.sh: $lib no longer exports (an ABI break, see README.md \"ABI policy\"):" >&2
    sed -e 's/^/  /' "$tmp/gone" >&2
    exit 1
fi

{
    echo "$soname $package #MINVER#"
    echo "* Build-Depends-Package: libs2n-dev"
    while read -r sym; do
        v=$(awk -v s="$sym" '$1 == s { print $2 }' "$tmp/known")
        echo " $sym ${v:-$version}"
    done < "$tmp/exported"
} > "$tmp/new"

if [ -f "$file" ] && cmp -s "$tmp/new" "$file"; then
    echo "$file is up to date ($(grep -c '^ ' "$file") symbols)"
else
    cp "$tmp/new" "$file"
    echo "wrote $file: $(grep -c '^ ' "$file") symbols, $(cut -d' ' -f1 "$tmp/known" | comm -13 - "$tmp/exported" | wc -l) new"
fi
