"""Against peers nobody here wrote, and our server against the C client:

- Python's ssl module as client (of s2nd and of our binding's server) and
  as server (of our binding's client);
- openssl s_client and tools/s2nc against our binding's server.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from typing import Callable, Dict

import pytest

import s2n
import s2ntest


def _python_ssl_client_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=str(s2ntest.CA))
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    return ctx


def test_python_ssl_client_against_s2nd(s2nd):
    server = s2nd("--max-conns=1")
    ctx = _python_ssl_client_context()
    with socket.create_connection(("127.0.0.1", server.port), timeout=s2ntest.TIMEOUT) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            assert tls.version() == "TLSv1.3"
            tls.sendall(b"hello from python ssl\n")
            got = b""
            while len(got) < 22:
                got += tls.recv(100)
            assert got == b"hello from python ssl\n"
            info = server.wait_ready()
            assert info["Cipher negotiated"] == tls.cipher()[0]
            tls.unwrap()
    assert server.wait_exit() == 0


class PythonServer:
    """Our binding as a TLS server on a thread: greets, then reads until the
    peer closes, and records what it got."""

    def __init__(self, config: s2n.Config, greeting: bytes = b"hello from s2n python\n") -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.config = config
        self.greeting = greeting
        self.received = bytearray()
        self.info: Dict[str, object] = {}
        self.error: BaseException = None  # type: ignore[assignment]
        self.thread = threading.Thread(target=self._serve)
        self.thread.start()

    def _serve(self) -> None:
        try:
            self.listener.settimeout(s2ntest.TIMEOUT)
            conn, _ = self.listener.accept()
            s2ntest.bound_blocking(conn)
            with s2n.wrap_socket(conn, server_side=True, config=self.config,
                                 blinding=s2n.Blinding.SELF_SERVICE) as tls:
                c = tls.connection
                self.info = {"version": c.protocol_version, "cipher": c.cipher, "server_name": c.server_name,
                             "alpn": c.alpn_protocol}
                tls.sendall(self.greeting)
                while True:
                    try:
                        data = tls.recv(4096)
                    except s2n.ClosedError:  # some clients just close the socket
                        self.info["close"] = "transport"
                        break
                    if not data:
                        self.info["close"] = "close_notify"
                        try:
                            c.shutdown()
                        except s2n.Error:
                            pass
                        break
                    self.received += data
        except BaseException as e:
            self.error = e
        finally:
            self.listener.close()

    def join(self) -> None:
        self.thread.join(s2ntest.TIMEOUT)
        assert not self.thread.is_alive()
        if self.error is not None:
            raise self.error


def _run_client(argv, server: PythonServer, wait_for: bytes, send: bytes) -> subprocess.CompletedProcess:
    """Run a command-line client: wait until it printed ``wait_for`` (the
    server's greeting), then give it ``send`` and end its stdin."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = bytearray()
    timer = threading.Timer(s2ntest.TIMEOUT, proc.kill)
    timer.start()
    try:
        assert proc.stdout is not None and proc.stdin is not None
        while wait_for not in out:
            chunk = proc.stdout.read1(4096)  # type: ignore[attr-defined]
            if not chunk:
                break
            out += chunk
        proc.stdin.write(send)
        proc.stdin.close()
        out += proc.stdout.read()
        err = proc.stderr.read() if proc.stderr else b""
        proc.wait(s2ntest.TIMEOUT)
    finally:
        timer.cancel()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    return subprocess.CompletedProcess(argv, proc.returncode, bytes(out), err)


def test_python_ssl_client_against_our_server(server_cfg):
    server = PythonServer(server_cfg)
    ctx = _python_ssl_client_context()
    with socket.create_connection(("127.0.0.1", server.port), timeout=s2ntest.TIMEOUT) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            f = tls.makefile("rb")
            assert f.readline() == server.greeting
            f.close()
            tls.sendall(b"ping from ssl\n")
            tls.unwrap()
    server.join()
    assert server.received == b"ping from ssl\n"
    assert server.info["version"] == s2n.ProtocolVersion.TLS13
    assert server.info["server_name"] == "localhost"
    assert server.info["close"] == "close_notify"


def test_our_client_against_python_ssl_server(client_cfg):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(s2ntest.SERVER_CHAIN), str(s2ntest.SERVER_KEY))
    ctx.set_alpn_protocols(["h2", "http/1.1"])
    listener = socket.create_server(("127.0.0.1", 0))
    result: Dict[str, object] = {}

    def serve():
        listener.settimeout(s2ntest.TIMEOUT)
        raw, _ = listener.accept()
        raw.settimeout(s2ntest.TIMEOUT)
        with ctx.wrap_socket(raw, server_side=True) as tls:
            result["alpn"] = tls.selected_alpn_protocol()
            result["sni"] = tls.server_hostname if hasattr(tls, "server_hostname") else None
            data = tls.recv(100)
            tls.sendall(data.upper())
            try:
                tls.unwrap()
            except (ssl.SSLError, OSError):
                pass

    t = threading.Thread(target=serve)
    t.start()
    client_cfg.alpn_protocols = ["http/1.1"]
    with s2n.wrap_socket(s2ntest.connect(listener.getsockname()[1]), config=client_cfg,
                         server_hostname="localhost") as tls:
        assert tls.selected_alpn_protocol() == "http/1.1"
        tls.sendall(b"shout")
        assert tls.recv(100) == b"SHOUT"
        tls.unwrap()
    t.join(s2ntest.TIMEOUT)
    listener.close()
    assert result["alpn"] == "http/1.1"


def test_s2nc_against_our_server(server_cfg):
    server = PythonServer(server_cfg)
    argv = [str(s2ntest.S2NC), "--echo", "--ca-file", str(s2ntest.CA), "--name", "localhost",
            "127.0.0.1", str(server.port)]
    result = _run_client(argv, server, server.greeting, b"ping from s2nc\n")
    server.join()
    assert result.returncode == 0, result.stderr
    assert server.greeting in result.stdout
    assert b"Cipher negotiated: " + server.info["cipher"].encode() in result.stdout  # type: ignore[union-attr]
    assert server.received == b"ping from s2nc\n"
    assert server.info["close"] == "close_notify"


def test_openssl_s_client_against_our_server(server_cfg):
    openssl = shutil.which(s2ntest.OPENSSL) if s2ntest.OPENSSL != "no" else None
    if openssl is None:
        pytest.fail("openssl is not installed (apt-get install openssl)")
    server = PythonServer(server_cfg)
    argv = [openssl, "s_client", "-connect", f"127.0.0.1:{server.port}", "-CAfile", str(s2ntest.CA),
            "-servername", "localhost", "-verify_hostname", "localhost", "-verify_return_error",
            "-tls1_3", "-quiet", "-no_ign_eof"]
    result = _run_client(argv, server, server.greeting, b"ping from openssl\n")
    server.join()
    assert result.returncode == 0, result.stderr
    assert server.greeting in result.stdout
    assert server.received == b"ping from openssl\n"
    assert server.info["server_name"] == "localhost"
