#!/bin/sh
# The ABI of libs2n.so.1 and the files that describe it move together (TAP):
#   1. the built library against the committed baseline abi/libs2n.so.1.abi:
#      no incompatible change (what `make check-abi` runs; skipped without
#      abigail-tools, on other architectures than the baseline's, or without
#      debug information);
#   2. SONAME libs2n.so.(CURRENT-AGE) from configure.ac's -version-info, and
#      the runtime package of debian/control named after it;
#   3. debian/libs2n1.symbols lists exactly the library's exports, each in a
#      version node of libtls/libs2n.vers;
#   4. debian/changelog's upstream version is configure.ac's version.
# 3 and 4 are skipped when debian/ is not there (it is not in the tarball).
set -u
LC_ALL=C
export LC_ALL

: "${top_srcdir:?}" "${top_builddir:?}"
lib=$top_builddir/libtls/.libs/libs2n.so.1
baseline=$top_srcdir/abi/libs2n.so.1.abi
env_file=$top_builddir/tests/abi/guard.env
NM=${NM:-nm}
OBJDUMP=${OBJDUMP:-objdump}

if [ ! -f "$lib" ]; then
    echo "1..0 # SKIP $lib not built (shared libraries disabled?)"
    exit 0
fi
ABIDW=no
ABIDIFF=no
# shellcheck disable=SC1090
[ -f "$env_file" ] && . "$env_file"
export ABIDW ABIDIFF

tmp=$(mktemp -d "${TMPDIR:-/tmp}/s2n-abi-files.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - # SKIP $*"; }
show() { sed -e 's/^/# /' "$@"; }
makevar() { sed -n "s/^$1 = //p" "$top_builddir/Makefile" | head -n 1; }

echo "1..4"

# 1. Baseline.
if [ "$ABIDW" = no ] || [ "$ABIDIFF" = no ]; then
    skip "abigail-tools not installed: no comparison with abi/libs2n.so.1.abi"
elif ! "$OBJDUMP" -f "$lib" | grep -q 'architecture: i386:x86-64'; then
    skip "abi/libs2n.so.1.abi describes x86-64; this library is $("$OBJDUMP" -f "$lib" | sed -n 's/^architecture: //p')"
elif ! "$OBJDUMP" -h "$lib" | grep -q '\.debug_info'; then
    skip "$lib has no debug information"
else
    "$top_srcdir/tests/abi/abi.sh" compare "$baseline" "$lib" "$top_srcdir/libtls/include" > "$tmp/abi.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        ok "no incompatible change against abi/libs2n.so.1.abi"
    else
        not_ok "no incompatible change against abi/libs2n.so.1.abi (abi.sh exited $rc)"
    fi
    show "$tmp/abi.log"
fi

# 2. SONAME and package name.
current=$(makevar LIBS2N_LT_CURRENT)
age=$(makevar LIBS2N_LT_AGE)
soname=$("$OBJDUMP" -p "$lib" | awk '$1 == "SONAME" { print $2 }')
want=libs2n.so.$((current - age))
if [ "$soname" != "$want" ]; then
    not_ok "SONAME $want from -version-info $current:$(makevar LIBS2N_LT_REVISION):$age (got '$soname')"
elif [ -f "$top_srcdir/debian/control" ] &&
        ! grep -q "^Package: libs2n$((current - age))\$" "$top_srcdir/debian/control"; then
    not_ok "SONAME $want, but debian/control has no package libs2n$((current - age))"
else
    ok "SONAME $want matches -version-info $current:$(makevar LIBS2N_LT_REVISION):$age and the package name"
fi

# 3. Symbols file.
symbols=$top_srcdir/debian/libs2n$((current - age)).symbols
if [ ! -f "$symbols" ]; then
    skip "no $symbols (debian/ is not distributed)"
else
    $NM -D --defined-only "$lib" | awk '
        NF >= 3 {
            name = $3
            if (index(name, "@@") > 0) { split(name, p, "@@"); print p[1] "@" p[2] }
            else if (index(name, "@") == 0 && $2 == "A") print name "@" name
        }' | sort -u > "$tmp/exported"
    awk '/^ / { print $1 }' "$symbols" | sort -u > "$tmp/listed"
    # Version nodes of the linker script: "NAME {" at the start of a line.
    sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_.]*\)[[:space:]]*{.*/\1/p' "$top_srcdir/libtls/libs2n.vers" |
        sort -u > "$tmp/nodes"
    sed -e 's/^.*@//' "$tmp/listed" | sort -u > "$tmp/tags"
    missing=$(comm -23 "$tmp/exported" "$tmp/listed")
    extra=$(comm -13 "$tmp/exported" "$tmp/listed")
    badtags=$(comm -23 "$tmp/tags" "$tmp/nodes")
    if [ -z "$missing" ] && [ -z "$extra" ] && [ -z "$badtags" ] &&
            grep -q '^\* Build-Depends-Package: libs2n-dev$' "$symbols"; then
        ok "$(basename "$symbols") lists the $(wc -l < "$tmp/exported") exports, versioned $(tr '\n' ' ' < "$tmp/nodes" | sed -e 's/ $//')"
    else
        not_ok "$(basename "$symbols") lists exactly the exports of libs2n.so.1 (fix: make update-symbols)"
        [ -z "$missing" ] || echo "$missing" | sed -e 's/^/# exported, not in the symbols file: /'
        [ -z "$extra" ] || echo "$extra" | sed -e 's/^/# in the symbols file, not exported: /'
        [ -z "$badtags" ] || echo "$badtags" | sed -e 's/^/# version node not in libs2n.vers: /'
    fi
fi

# 4. One version: configure.ac's AC_INIT, which debian/changelog follows.
changelog=$top_srcdir/debian/changelog
if [ ! -f "$changelog" ]; then
    skip "no debian/changelog (debian/ is not distributed)"
else
    pkgversion=$(makevar PACKAGE_VERSION)
    debversion=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' "$changelog")
    upstream=${debversion#*:}
    upstream=${upstream%-*}
    if [ "$upstream" = "$pkgversion" ]; then
        ok "debian/changelog $debversion is version $pkgversion of configure.ac"
    else
        not_ok "debian/changelog $debversion is version $pkgversion of configure.ac"
    fi
fi
exit 0
