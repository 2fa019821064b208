#!/bin/bash
# debian/build-and-check.sh: build the Debian packages of libs2n from a copy
# of this tree and check them the way a user would meet them.  Run as root
# on Debian 12 (it installs and removes packages):
#
#   debian/build-and-check.sh [WORKDIR]
#
#  1. copies the tree (git's tracked and untracked, non-ignored files) to
#     WORKDIR/libs2n-VERSION (default WORKDIR: a new directory in /tmp), so
#     the build outputs land in WORKDIR and nothing is written to the tree;
#  2. apt-get build-dep ./, then dpkg-buildpackage -us -uc -b, which runs
#     make check (the test suite) during the build;
#  3. lintian on the .changes: no error and no warning allowed;
#  4. apt-get install ./*.deb, then: a C program built with
#     `pkg-config --cflags --libs s2n` alone and `import s2n` in
#     /usr/bin/python3 each complete a verified handshake with the installed
#     s2nd (debian/tests/c-handshake, debian/tests/python-handshake, the
#     autopkgtests); `man s2nd` and `man s2nc` open;
#  5. apt-get purge of the packages, after which none of their files and
#     nothing named *s2n* is left in the file system.
# Prints one "ok"/"not ok" line per step and exits non-zero on any failure.
set -uo pipefail
export LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive

top=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\].*/\1/p' "$top/configure.ac")
[ -n "$version" ] || { echo "cannot read the version from configure.ac" >&2; exit 1; }
work=${1:-$(mktemp -d /tmp/libs2n-deb.XXXXXX)}
src=$work/libs2n-$version
failed=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
step() { echo "=== $*"; }

step "copy of $top in $src"
rm -rf "$src"
mkdir -p "$src"
(cd "$top" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -C "$src" -xf - || { echo "copy failed" >&2; exit 1; }
rm -f "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo

step "build dependencies"
if (cd "$src" && apt-get build-dep -y ./ > "$work/build-dep.log" 2>&1); then
    ok "apt-get build-dep ./"
else
    not_ok "apt-get build-dep ./"
    tail -n 20 "$work/build-dep.log"
    exit 1
fi

step "dpkg-buildpackage -us -uc -b (with the test suite)"
start=$(date +%s)
if (cd "$src" && dpkg-buildpackage -us -uc -b > "$work/build.log" 2>&1); then
    ok "dpkg-buildpackage -us -uc -b ($(($(date +%s) - start))s; $(grep -c '^PASS: ' "$work/build.log") test points passed)"
else
    not_ok "dpkg-buildpackage -us -uc -b"
    grep -E '^(FAIL|ERROR): ' "$work/build.log"
    tail -n 40 "$work/build.log"
    exit 1
fi
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' "$work/build.log" | tail -n 7

step "lintian"
changes=$(ls "$work"/libs2n_"$version"-*_*.changes)
if lintian --fail-on error,warning --pedantic "$changes" > "$work/lintian.log" 2>&1; then
    ok "lintian: no errors, no warnings"
else
    not_ok "lintian"
fi
cat "$work/lintian.log"

step "install"
debs=$(ls "$work"/*.deb)
packages=$(for d in $debs; do dpkg-deb -f "$d" Package; done | tr '\n' ' ')
# shellcheck disable=SC2086 # list of files
if apt-get install -y $debs > "$work/install.log" 2>&1; then
    ok "apt-get install ./*.deb ($packages)"
else
    not_ok "apt-get install ./*.deb"
    tail -n 20 "$work/install.log"
    exit 1
fi
for p in $packages; do dpkg -L "$p"; done | sort -u > "$work/installed-files"

step "installed-package checks"
for t in c-handshake python-handshake; do
    if (cd "$src" && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin AUTOPKGTEST_TMP="$(mktemp -d)" \
            sh "debian/tests/$t") > "$work/$t.log" 2>&1; then
        ok "debian/tests/$t: $(tail -n 1 "$work/$t.log")"
    else
        not_ok "debian/tests/$t"
    fi
    sed -e 's/^/    /' "$work/$t.log"
done
if (cd /tmp && /usr/bin/python3 -c 'import s2n, sys; sys.exit(not s2n.__file__.startswith("/usr/lib/python3/dist-packages/"))'); then
    ok "/usr/bin/python3 -c 'import s2n' imports the installed module"
else
    not_ok "/usr/bin/python3 -c 'import s2n' imports the installed module"
fi
for m in s2nd s2nc; do
    if env MANPAGER=cat man "$m" 2> "$work/man.err" | grep -q "^NAME" && [ ! -s "$work/man.err" ]; then
        ok "man $m opens"
    else
        not_ok "man $m opens"
        cat "$work/man.err"
    fi
done

step "removal"
# shellcheck disable=SC2086
if apt-get purge -y $packages > "$work/purge.log" 2>&1; then
    ok "apt-get purge $packages"
else
    not_ok "apt-get purge $packages"
    tail -n 20 "$work/purge.log"
fi
left=
while read -r f; do
    # Directories shared with other packages stay; files and our own do not.
    [ "$f" = /. ] && continue
    if [ -e "$f" ] && { [ ! -d "$f" ] || [ -z "$(dpkg -S "$f" 2> /dev/null)" ]; }; then
        left="$left $f"
    fi
done < "$work/installed-files"
# Anything else named after us where packages put files.  (man-db's cache of
# formatted pages, /var/cache/man, is man-db's: its daily job expires it.)
named=$(find /usr /etc /opt /var/lib -xdev \( -path /var/lib/dpkg -o -path /var/lib/apt \) -prune \
    -o \( -name '*s2n*' -print \) 2> /dev/null || true)
# shellcheck disable=SC2086 # list of packages
if [ -z "$left" ] && [ -z "$named" ] && ! dpkg -l $packages 2> /dev/null | grep -q '^[ir]'; then
    ok "nothing left behind after the purge ($(wc -l < "$work/installed-files") paths checked)"
else
    not_ok "nothing left behind after the purge"
    for f in $left $named; do echo "    left: $f"; done
fi

echo "packages and logs in $work"
if [ "$failed" -ne 0 ]; then
    echo "$failed package check(s) failed"
    exit 1
fi
echo "all package checks passed"
