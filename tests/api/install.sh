#!/bin/sh
# Installation test (TAP).
#
# Runs `make install DESTDIR=<tmp>`, checks what was installed (header,
# libs2n.so.1 with SONAME libs2n.so.1, libs2n.a, s2n.pc, the tools, no libssl
# dependency), then compiles a small program with nothing but
# `pkg-config --cflags --libs s2n` and runs it against the installed library.
# PKG_CONFIG_SYSROOT_DIR maps the .pc file's paths into the DESTDIR staging
# tree, exactly as when cross-building against a staged install.
set -u
LC_ALL=C
export LC_ALL

: "${top_srcdir:?}" "${top_builddir:?}"
MAKE=${MAKE:-make}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
OBJDUMP=${OBJDUMP:-objdump}
NM=${NM:-nm}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/s2n-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - # SKIP $*"; }
check() { # check "description" command...
    what=$1
    shift
    if "$@"; then ok "$what"; else not_ok "$what"; fi
}
show() { sed -e 's/^/# /' "$@"; }

echo "1..11"

# The parent make's jobserver is not passed to tests; run the install
# sequentially and quietly.
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$MAKE" -C "$top_builddir" install DESTDIR="$root" \
        > "$tmp/install.log" 2>&1; then
    ok "make install DESTDIR=<tmp>"
else
    not_ok "make install DESTDIR=<tmp>"
    tail -n 30 "$tmp/install.log" | show
    echo "Bail out! installation failed"
    exit 1
fi

pc=$(find "$root" -name s2n.pc -path '*/pkgconfig/*' | head -n 1)
if [ -z "$pc" ]; then
    echo "Bail out! no s2n.pc installed"
    exit 1
fi
pcdir=$(dirname "$pc")
pcvar() { PKG_CONFIG_PATH=$pcdir "$PKG_CONFIG" --variable="$1" s2n; }
libdir=$root$(pcvar libdir)
includedir=$root$(pcvar includedir)
bindir=$(dirname "$(find "$root" -name s2nd -type f | head -n 1)")

check "s2n.h installed in includedir" test -f "$includedir/s2n.h"

soname=$("$OBJDUMP" -p "$libdir/libs2n.so.1" 2>/dev/null | awk '$1 == "SONAME" { print $2 }')
if [ -f "$libdir/libs2n.so.1" ] && [ -e "$libdir/libs2n.so" ] && [ "$soname" = "libs2n.so.1" ]; then
    ok "libs2n.so.1 and libs2n.so installed, SONAME libs2n.so.1"
else
    not_ok "libs2n.so.1 and libs2n.so installed, SONAME libs2n.so.1 (got '$soname')"
    ls -l "$libdir" 2>&1 | show
fi

check "libs2n.a installed" test -f "$libdir/libs2n.a"

if grep -q '^Requires.private:.*libcrypto' "$pc"; then
    ok "s2n.pc installed, libcrypto under Requires.private"
else
    not_ok "s2n.pc installed, libcrypto under Requires.private"
    show "$pc"
fi

"$OBJDUMP" -p "$libdir/libs2n.so.1" | awk '$1 == "NEEDED" { print $2 }' > "$tmp/needed"
if grep -q '^libcrypto\.so' "$tmp/needed" && ! grep -q '^libssl' "$tmp/needed"; then
    ok "libs2n.so.1 needs libcrypto and not libssl"
else
    not_ok "libs2n.so.1 needs libcrypto and not libssl"
    show "$tmp/needed"
fi

check "s2nd and s2nc installed" test -x "$bindir/s2nd" -a -x "$bindir/s2nc"

# The program.  Config and connection are only exercised once the installed
# library exports them (other parts of the tree may still be adding them).
have_conn=no
if $NM -D --defined-only "$libdir/libs2n.so.1" | grep -q ' s2n_config_new_minimal@' &&
        $NM -D --defined-only "$libdir/libs2n.so.1" | grep -q ' s2n_connection_new@'; then
    have_conn=yes
fi
{
    cat <<'EOF'
/* Built by tests/api/install.sh against the installed libs2n. */
#include <s2n.h>
#include <stdio.h>
#include <string.h>

static int fail(const char *what)
{
    fprintf(stderr, "%s failed: %s (%s)\n", what, s2n_strerror(s2n_errno, "EN"), s2n_strerror_name(s2n_errno));
    return 1;
}

int main(void)
{
    if (s2n_init() != S2N_SUCCESS) {
        return fail("s2n_init");
    }
EOF
    if [ $have_conn = yes ]; then
        cat <<'EOF'
    struct s2n_config *config = s2n_config_new_minimal();
    if (config == NULL) {
        return fail("s2n_config_new_minimal");
    }
    struct s2n_connection *conn = s2n_connection_new(S2N_CLIENT);
    if (conn == NULL) {
        return fail("s2n_connection_new");
    }
    if (s2n_connection_set_config(conn, config) != S2N_SUCCESS) {
        return fail("s2n_connection_set_config");
    }
    if (s2n_connection_free(conn) != S2N_SUCCESS) {
        return fail("s2n_connection_free");
    }
    if (s2n_config_free(config) != S2N_SUCCESS) {
        return fail("s2n_config_free");
    }
EOF
    fi
    cat <<'EOF'
    /* A second s2n_init fails: the error API reports it. */
    if (s2n_init() == S2N_SUCCESS) {
        fprintf(stderr, "second s2n_init succeeded\n");
        return 1;
    }
    printf("error: %s: %s\n", s2n_strerror_name(s2n_errno), s2n_strerror(s2n_errno, "EN"));
    if (strcmp(s2n_strerror_name(s2n_errno), "S2N_ERR_INITIALIZED") != 0) {
        return 1;
    }
    if (s2n_cleanup_final() != S2N_SUCCESS) {
        return fail("s2n_cleanup_final");
    }
    printf("libs2n install test: ok\n");
    return 0;
}
EOF
} > "$tmp/prog.c"

flags=$(PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$root "$PKG_CONFIG" --cflags --libs s2n)
echo "# pkg-config --cflags --libs s2n: $flags"
# A sanitizer build of the library needs the sanitizer runtime in the program.
san=
if grep -q '^libasan' "$tmp/needed"; then
    san="-fsanitize=address,undefined"
fi
# shellcheck disable=SC2086 # flags are words on purpose
if $CC $san -Wall -Wextra -Werror -o "$tmp/prog" "$tmp/prog.c" $flags > "$tmp/cc.log" 2>&1; then
    ok "compile and link with pkg-config --cflags --libs s2n only"
else
    not_ok "compile and link with pkg-config --cflags --libs s2n only"
    show "$tmp/cc.log"
fi

if [ -x "$tmp/prog" ] && LD_LIBRARY_PATH=$libdir "$tmp/prog" > "$tmp/run.log" 2>&1 &&
        grep -q '^libs2n install test: ok$' "$tmp/run.log"; then
    if [ $have_conn = yes ]; then
        ok "program runs against the installed library"
    else
        ok "program runs against the installed library (config/connection not exported yet: not exercised)"
    fi
else
    not_ok "program runs against the installed library"
    show "$tmp/run.log"
fi

CXX=${CXX:-c++}
if command -v "$CXX" > /dev/null 2>&1; then
    # shellcheck disable=SC2086
    if "$CXX" $san -Wall -Werror -x c++ -o "$tmp/prog-cxx" "$tmp/prog.c" -x none $flags > "$tmp/cxx.log" 2>&1 &&
            LD_LIBRARY_PATH=$libdir "$tmp/prog-cxx" > /dev/null 2>&1; then
        ok "s2n.h also works from C++ (extern \"C\")"
    else
        not_ok "s2n.h also works from C++ (extern \"C\")"
        show "$tmp/cxx.log"
    fi
else
    skip "no C++ compiler"
fi

if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$MAKE" -C "$top_builddir" uninstall DESTDIR="$root" \
        > "$tmp/uninstall.log" 2>&1 && [ -z "$(find "$root" -type f)" ]; then
    ok "make uninstall DESTDIR=<tmp> removes every installed file"
else
    not_ok "make uninstall DESTDIR=<tmp> removes every installed file"
    find "$root" -type f | show
fi

exit 0
