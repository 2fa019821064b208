"""s2ntest: helpers of the Python binding tests (tests/python).

- paths of the source and build trees, the test PKI and the tools;
- S2nd: tools/s2nd run on a free loopback port, its stdout parsed, and (in
  echo mode) the data it prints relayed back to its stdin, so that it
  echoes what a client sends;
- in-process pairs of our own client and server;
- small socket utilities with bounded waits.
"""

from __future__ import annotations

import os
import queue
import re
import select
import socket
import struct
import subprocess
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import s2n

HERE = Path(__file__).resolve().parent
TOP_SRCDIR = Path(os.environ.get("top_srcdir", HERE.parent.parent)).resolve()
TOP_BUILDDIR = Path(os.environ.get("top_builddir", os.getcwd())).resolve()
PKI = TOP_SRCDIR / "tests" / "pki"
S2ND = TOP_BUILDDIR / "tools" / "s2nd"
S2NC = TOP_BUILDDIR / "tools" / "s2nc"
OPENSSL = os.environ.get("OPENSSL", "openssl")

CA = PKI / "ca-ecdsa-cert.pem"
SERVER_CHAIN = PKI / "server-ecdsa-p256-chain.pem"
SERVER_KEY = PKI / "server-ecdsa-p256-key.pem"
UNTRUSTED_CHAIN = PKI / "server-untrusted-ecdsa-chain.pem"
UNTRUSTED_KEY = PKI / "server-untrusted-ecdsa-key.pem"

#: Upper bound of any single wait in the tests, in seconds.
TIMEOUT = 10.0


def bound_blocking(sock: socket.socket, seconds: float = TIMEOUT) -> socket.socket:
    """Keep ``sock`` blocking for Python and s2n, but make the kernel give
    up any single read or write after ``seconds`` (SO_RCVTIMEO/SO_SNDTIMEO),
    so that a broken test fails instead of hanging."""
    sock.settimeout(None)
    tv = struct.pack("ll", int(seconds), int((seconds % 1) * 1e6))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, tv)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, tv)
    return sock


def connect(port: int, host: str = "127.0.0.1") -> socket.socket:
    """A blocking (bounded) TCP connection to host:port."""
    sock = socket.create_connection((host, port), timeout=TIMEOUT)
    return bound_blocking(sock)


def client_config(**kwargs) -> s2n.Config:
    """A client config trusting the test CA only."""
    config = s2n.Config(minimal=True, **kwargs)
    config.load_verify_locations(cafile=CA)
    return config


def server_config(chain: Path = SERVER_CHAIN, key: Path = SERVER_KEY, **kwargs) -> s2n.Config:
    """A server config with the test server certificate."""
    config = s2n.Config(minimal=True, **kwargs)
    config.load_cert_chain(chain, key)
    return config


class S2nd:
    """tools/s2nd on 127.0.0.1, a free port.

    Its stdout is read by a thread: lines until "s2n is ready" are kept per
    connection in :attr:`connections` (a dict per connection of the
    "Key: value" lines); in echo mode the application data it prints after
    that line is written back to its stdin, so it echoes the client.
    """

    def __init__(self, *args: str, echo: bool = True, cert: Optional[Path] = SERVER_CHAIN,
                 key: Optional[Path] = SERVER_KEY) -> None:
        argv: List[str] = [str(S2ND), "--self-service-blinding"]
        if cert is not None and key is not None:
            argv += ["--cert", str(cert), "--key", str(key)]
        argv += list(args) + ["127.0.0.1", "0"]
        self.argv = argv
        self.echo = echo
        self.connections: List[Dict[str, str]] = []
        self.data = bytearray()
        self._cond = threading.Condition()
        self._eof = False
        self.port = 0
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._stderr = bytearray()
        # Data to echo goes through a queue to a writer thread, so that the
        # reader never blocks on s2nd's stdin while s2nd blocks on stdout.
        self._echo_queue: "queue.Queue[Optional[bytes]]" = queue.Queue()
        self._threads = [threading.Thread(target=self._read_stdout, daemon=True),
                         threading.Thread(target=self._read_stderr, daemon=True),
                         threading.Thread(target=self._write_stdin, daemon=True)]
        for t in self._threads:
            t.start()
        try:
            self._wait_for(lambda: self.port != 0, "Listening on")
        except BaseException:
            self.stop()
            raise

    # -- reading s2nd ---------------------------------------------------------
    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for chunk in iter(lambda: self.proc.stderr.read1(65536), b""):  # type: ignore[union-attr]
            with self._cond:
                self._stderr += chunk

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        pending = b""
        in_data = False
        try:
            while True:
                chunk = self.proc.stdout.read1(65536)  # type: ignore[union-attr]
                if not chunk:
                    break
                if in_data:
                    self._got_data(chunk)
                    continue
                pending += chunk
                while not in_data and b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    in_data = self._got_line(line.decode("utf-8", "replace"))
                if in_data and pending:
                    self._got_data(pending)
                    pending = b""
        finally:
            with self._cond:
                self._eof = True
                self._cond.notify_all()
            self._echo_queue.put(None)

    def _got_line(self, line: str) -> bool:
        """Handle a header line; True once application data follows."""
        with self._cond:
            m = re.match(r"Listening on (.*):(\d+)$", line)
            if m:
                self.port = int(m.group(2))
            elif line == "CONNECTED:":
                self.connections.append({})
            elif line == "s2n is ready":
                if self.connections:
                    self.connections[-1]["ready"] = "yes"
                self._cond.notify_all()
                return self.echo
            elif ": " in line and self.connections:
                key, value = line.split(": ", 1)
                self.connections[-1][key] = value
            self._cond.notify_all()
        return False

    def _got_data(self, data: bytes) -> None:
        with self._cond:
            self.data += data
            self._cond.notify_all()
        if self.echo:
            self._echo_queue.put(data)

    def _write_stdin(self) -> None:
        assert self.proc.stdin is not None
        while True:
            data = self._echo_queue.get()
            if data is None:
                return
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                pass

    def _wait_for(self, predicate, what: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if self._eof or self.proc.poll() is not None:
                    if predicate():
                        return
                    raise AssertionError(f"s2nd exited before {what!r}: {self.stderr}")
                if remaining <= 0:
                    raise AssertionError(f"timed out waiting for {what!r} from s2nd: {self.stderr}")
                self._cond.wait(min(remaining, 0.2))

    def wait_ready(self, count: int = 1) -> Dict[str, str]:
        """Wait until ``count`` connections printed "s2n is ready"; returns
        the last one's info lines."""
        self._wait_for(lambda: sum(1 for c in self.connections if "ready" in c) >= count, "s2n is ready")
        return self.connections[count - 1]

    def wait_data(self, size: int) -> bytes:
        """Wait until s2nd printed ``size`` bytes of application data."""
        self._wait_for(lambda: len(self.data) >= size, f"{size} bytes of data")
        return bytes(self.data)

    @property
    def stderr(self) -> str:
        return bytes(self._stderr).decode("utf-8", "replace")

    def stop(self) -> int:
        """Stop s2nd (bounded) and return its exit status."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._echo_queue.put(None)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        for t in self._threads:
            t.join(5)
        return self.proc.returncode

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """Wait for s2nd to exit by itself (-X) and return its status."""
        return self.proc.wait(timeout)


#: Sockets made by pair(track=True): closed after each test by conftest.py.
OPEN_SOCKETS: List[socket.socket] = []


def pair(client_cfg: s2n.Config, server_cfg: s2n.Config, *, server_name: str = "localhost", track: bool = True):
    """Our client and our server, connected by a socketpair through Python
    send/recv callbacks (non-blocking).  Returns (client, server, sockets);
    with ``track`` the sockets are closed at the end of the test."""
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    if track:
        OPEN_SOCKETS.extend((a, b))
    client = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name=server_name,
                            blinding=s2n.Blinding.SELF_SERVICE)
    server = s2n.Connection(s2n.Mode.SERVER, server_cfg, blinding=s2n.Blinding.SELF_SERVICE)
    client.set_io(a.send, a.recv)
    server.set_io(b.send, b.recv)
    return client, server, (a, b)


def negotiate_pair(client: s2n.Connection, server: s2n.Connection, rounds: int = 200) -> None:
    """Drive both handshakes in turn until both complete (non-blocking I/O)."""
    done = [False, False]
    for _ in range(rounds):
        for i, conn in enumerate((client, server)):
            if done[i]:
                continue
            try:
                conn.negotiate()
                done[i] = True
            except s2n.BlockedError:
                pass
        if all(done):
            return
    raise AssertionError("handshake did not complete")


def wait_fd(fd: int, write: bool, timeout: float = TIMEOUT) -> None:
    """Wait until ``fd`` is readable (or writable); AssertionError on timeout."""
    r, w, _ = select.select([] if write else [fd], [fd] if write else [], [], timeout)
    if not r and not w:
        raise AssertionError("timed out waiting for the socket")


def run(argv: Sequence[str], *, input: Optional[bytes] = None, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """Run a program with a bounded time, capturing its output."""
    return subprocess.run(list(argv), input=input, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
