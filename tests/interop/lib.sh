# tests/interop/lib.sh: shared helpers of the interop test scripts (sourced).
#
# TAP output (ok / not ok / skip, plan printed at the end), background peers
# started under `timeout` with their output in a scratch directory and
# always killed on exit, readiness waits bounded in time, ports picked at
# run time (our s2nd and openssl s_server bind port 0 and print the real
# one; other peers get a port probed free just before they start).
#
# Environment (set by `make check`; defaults allow running by hand from the
# source tree): top_srcdir, top_builddir, OPENSSL, GNUTLS_SERV, GNUTLS_CLI,
# PYTHON.  INTEROP_TIMEOUT bounds the life of every peer (seconds, default 30).
# KEEP_WORK=1 keeps the scratch directory for inspection.

set -u

here_dir=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here_dir/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${OPENSSL:=$(command -v openssl || echo no)}"
: "${GNUTLS_SERV:=$(command -v gnutls-serv || echo no)}"
: "${GNUTLS_CLI:=$(command -v gnutls-cli || echo no)}"
: "${PYTHON:=$(command -v python3 || echo no)}"
: "${INTEROP_TIMEOUT:=30}"

PKI=$top_srcdir/tests/pki
S2NC=${S2NC:-$top_builddir/tools/s2nc}
S2ND=${S2ND:-$top_builddir/tools/s2nd}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/s2n-interop.XXXXXX")

declare -A _pid=()     # peer name -> pid of its `timeout` process
declare -A _holder=()  # peer name -> pid of the process holding its stdin fifo open
_tests=0
_failures=0

_cleanup() {
    local name
    for name in "${!_holder[@]}"; do
        kill "${_holder[$name]}" 2>/dev/null
    done
    for name in "${!_pid[@]}"; do
        kill "${_pid[$name]}" 2>/dev/null
    done
    wait 2>/dev/null
    if [ "${KEEP_WORK:-0}" = 1 ]; then
        echo "# scratch directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap _cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---- TAP ----

ok() {
    _tests=$((_tests + 1))
    echo "ok $_tests - $*"
}

not_ok() {
    _tests=$((_tests + 1))
    _failures=$((_failures + 1))
    echo "not ok $_tests - $*"
}

skip() {
    _tests=$((_tests + 1))
    echo "ok $_tests - # SKIP $*"
}

diag() {
    local line
    printf '%s\n' "$*" | while IFS= read -r line; do echo "# $line"; done
}

# diag_file FILE [LINES]: show the tail of a file as TAP comments.
diag_file() {
    [ -f "$1" ] || return 0
    echo "# --- $(basename "$1") ---"
    tail -n "${2:-15}" "$1" | sed 's/^/#   /'
}

# check DESCRIPTION COMMAND...: one test point from a command's status.
check() {
    local desc=$1
    shift
    if "$@"; then
        ok "$desc"
    else
        not_ok "$desc"
        return 1
    fi
}

skip_all() {
    echo "1..0 # SKIP $*"
    exit 0
}

done_testing() {
    echo "1..$_tests"
    if [ "$_failures" -ne 0 ]; then
        exit 1
    fi
    exit 0
}

# require_tools: skip the whole script when our tools were not built.
require_tools() {
    [ -x "$S2NC" ] && [ -x "$S2ND" ] || skip_all "tools/s2nc or tools/s2nd not built"
    [ -d "$PKI" ] || skip_all "no test PKI in $PKI"
}

# ---- peers ----

# start NAME STDIN COMMAND...: run COMMAND in the background under timeout,
# stdout in $WORK/NAME.out and stderr in $WORK/NAME.err.  STDIN is a file,
# or "hold": a fifo ($WORK/NAME.in) kept open until `release NAME`, so the
# peer sees no end of input; feed it with `feed NAME TEXT`.
start() {
    local name=$1 input=$2
    shift 2
    rm -f "$WORK/$name.out" "$WORK/$name.err"
    : > "$WORK/$name.out"
    : > "$WORK/$name.err"
    if [ "$input" = hold ]; then
        input=$WORK/$name.in
        rm -f "$input"
        mkfifo "$input"
        # Opening a fifo for writing waits for the reader: do it in the background.
        sleep "$INTEROP_TIMEOUT" > "$input" &
        _holder[$name]=$!
    fi
    timeout -k 2 "$INTEROP_TIMEOUT" "$@" < "$input" > "$WORK/$name.out" 2> "$WORK/$name.err" &
    _pid[$name]=$!
}

# feed NAME TEXT: write TEXT (printf %b) to a held stdin.
feed() {
    # Bounded: opening the fifo would wait forever if the peer is gone.
    printf '%b' "$2" | timeout 5 tee "$WORK/$1.in" > /dev/null
}

# feed_file NAME FILE: write a file to a held stdin.
feed_file() {
    timeout "$INTEROP_TIMEOUT" tee "$WORK/$1.in" < "$2" > /dev/null
}

# release NAME: close a held stdin (the peer reads end of file).
release() {
    local h=${_holder[$1]:-}
    if [ -n "$h" ]; then
        kill "$h" 2>/dev/null
        wait "$h" 2>/dev/null
        unset "_holder[$1]"
    fi
}

alive() {
    local p=${_pid[$1]:-}
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null
}

# where_stuck NAME PID: append to NAME's stderr file where the peer run by
# `timeout` PID waits (kernel wait channel and system call), so that a peer
# that has to be killed says whether it slept, polled or read.
where_stuck() {
    local child
    for child in $(cat "/proc/$2/task/$2/children" 2>/dev/null); do
        {
            printf '(still running when killed: %s, wait channel %s, system call %s)\n' \
                "$(tr '\0' ' ' < "/proc/$child/cmdline" 2>/dev/null | cut -c1-60)" \
                "$(cat "/proc/$child/wchan" 2>/dev/null)" "$(cut -d' ' -f1 "/proc/$child/syscall" 2>/dev/null)"
        } >> "$WORK/$1.err" 2>/dev/null
    done
}

# finish NAME [SECS]: wait (bounded) for the peer to exit; sets $rc to its
# exit status (124/137: it had to be killed).  Returns 0 if it exited by itself.
finish() {
    local name=$1 limit=${2:-10} p=${_pid[$1]:-} waited=0
    rc=255
    [ -n "$p" ] || return 1
    while kill -0 "$p" 2>/dev/null; do
        if [ "$waited" -ge $((limit * 20)) ]; then
            where_stuck "$name" "$p"
            kill "$p" 2>/dev/null
            wait "$p" 2>/dev/null
            rc=$?
            unset "_pid[$name]"
            release "$name"
            return 1
        fi
        sleep 0.05
        waited=$((waited + 1))
    done
    wait "$p" 2>/dev/null
    rc=$?
    unset "_pid[$name]"
    release "$name"
    return 0
}

# stop NAME: kill the peer (if still running) and reap it.
stop() {
    local p=${_pid[$1]:-}
    if [ -n "$p" ]; then
        kill "$p" 2>/dev/null
        wait "$p" 2>/dev/null
        unset "_pid[$1]"
    fi
    release "$1"
}

# wait_for NAME REGEX [SECS] [FILE]: wait until the peer's stdout (or FILE)
# has a line matching the extended REGEX.  Fails early if the peer exits
# without printing it.
wait_for() {
    local name=$1 re=$2 limit=${3:-10} file=${4:-$WORK/$1.out} i=0
    while [ "$i" -lt $((limit * 20)) ]; do
        if grep -Eq -- "$re" "$file" 2>/dev/null; then
            return 0
        fi
        if ! alive "$name"; then
            grep -Eq -- "$re" "$file" 2>/dev/null
            return
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# wait_size FILE BYTES [SECS] [NAME]: wait until FILE holds at least BYTES.
wait_size() {
    local file=$1 want=$2 limit=${3:-10} name=${4:-} i=0 have
    while [ "$i" -lt $((limit * 20)) ]; do
        have=$(stat -c %s "$file" 2>/dev/null || echo 0)
        [ "$have" -ge "$want" ] && return 0
        if [ -n "$name" ] && ! alive "$name"; then
            have=$(stat -c %s "$file" 2>/dev/null || echo 0)
            [ "$have" -ge "$want" ]
            return
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# start_s2nd NAME STDIN ARGS...: start our server on 127.0.0.1, a free
# port; sets $port.  Fails if it does not come up.
start_s2nd() {
    local name=$1 input=$2
    shift 2
    start "$name" "$input" "$S2ND" "$@" 127.0.0.1 0
    port=
    wait_for "$name" '^Listening on ' 10 || return 1
    port=$(sed -n 's/^Listening on .*:\([0-9][0-9]*\)$/\1/p' "$WORK/$name.out" | head -n 1)
    [ -n "$port" ]
}

# start_s_server NAME STDIN ARGS...: openssl s_server on 127.0.0.1, a free
# port; sets $port.
start_s_server() {
    local name=$1 input=$2
    shift 2
    start "$name" "$input" "$OPENSSL" s_server -accept 127.0.0.1:0 "$@"
    port=
    wait_for "$name" '^ACCEPT' 10 || return 1
    port=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' "$WORK/$name.out" | head -n 1)
    [ -n "$port" ]
}

# free_port: print a loopback TCP port that was free a moment ago.
free_port() {
    "$PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# wait_port PORT [SECS]: wait until something accepts on 127.0.0.1:PORT.
wait_port() {
    local p=$1 limit=${2:-10} i=0
    while [ "$i" -lt $((limit * 20)) ]; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            return 0
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# ---- data ----

# make_data FILE BYTES: random decimal digits ending in a newline (no
# letters, so openssl's stdin command letters never trigger).
make_data() {
    "$PYTHON" - "$1" "$2" <<'EOF'
import os, sys
path, n = sys.argv[1], int(sys.argv[2])
raw = os.urandom(n - 1)
with open(path, "wb") as f:
    f.write(bytes(48 + b % 10 for b in raw) + b"\n")
EOF
}

sha() {
    sha256sum "$1" | cut -d' ' -f1
}

# payload_after FILE MARKER OUT: the bytes of FILE after the first line equal
# to MARKER, minus a trailing "Connection closed by peer" line (s2nc/s2nd
# stdout: report lines, then the received data).
payload_after() {
    "$PYTHON" - "$1" "$2" "$3" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
marker = sys.argv[2].encode() + b"\n"
i = data.find(marker)
data = data[i + len(marker):] if i >= 0 else b""
tail = b"Connection closed by peer\n"
if data.endswith(tail):
    data = data[:-len(tail)]
open(sys.argv[3], "wb").write(data)
EOF
}

# same_data DESCRIPTION EXPECTED_FILE GOT_FILE: one test point comparing
# two files byte for byte (by SHA-256).
same_data() {
    local want got
    want=$(sha "$2")
    got=$(sha "$3" 2>/dev/null || echo missing)
    if [ "$want" = "$got" ]; then
        ok "$1"
    else
        not_ok "$1"
        diag "expected $(stat -c %s "$2") bytes sha256 $want, got $(stat -c %s "$3" 2>/dev/null || echo 0) bytes sha256 $got"
        return 1
    fi
}

# has_line FILE REGEX: grep -Eq wrapper usable with check.
has_line() {
    grep -Eq -- "$2" "$1"
}

lacks_line() {
    ! grep -Eq -- "$2" "$1"
}
