"""s2n.wrap_socket: blocking, timeouts, non-blocking with selectors, makefile()."""

from __future__ import annotations

import os
import selectors
import socket
import threading
import time

import pytest

import s2n
import s2ntest


def test_blocking_socket_like_api(s2nd, client_cfg):
    server = s2nd("--max-conns=1")
    sock = s2ntest.connect(server.port)
    with s2n.wrap_socket(sock, config=client_cfg, server_hostname="localhost") as tls:
        assert tls.fileno() == sock.fileno()
        assert tls.getpeername() == ("127.0.0.1", server.port)
        assert tls.family == socket.AF_INET and tls.type == socket.SOCK_STREAM
        assert tls.version() == s2n.ProtocolVersion.TLS13
        assert tls.send(b"ping") == 4
        assert tls.recv(100) == b"ping"
        buf = bytearray(16)
        tls.sendall(memoryview(b"0123456789"))
        got = 0
        while got < 10:
            got += tls.recv_into(memoryview(buf)[got:])
        assert bytes(buf[:10]) == b"0123456789"
        assert tls.pending() == 0
        raw = tls.unwrap()
        assert raw is sock
        assert server.wait_exit() == 0


def test_socket_timeout_is_honoured(client_cfg):
    # A server that accepts and never answers: the handshake times out.
    listener = socket.create_server(("127.0.0.1", 0))
    sock = socket.create_connection(listener.getsockname(), timeout=0.3)
    start = time.monotonic()
    with pytest.raises(socket.timeout):
        s2n.wrap_socket(sock, config=client_cfg, server_hostname="localhost")
    assert 0.25 < time.monotonic() - start < 5
    sock.close()
    listener.close()


def _wait(sel: selectors.BaseSelector, tls: s2n.TLSSocket, blocked: int) -> None:
    events = selectors.EVENT_WRITE if blocked == s2n.BlockedStatus.BLOCKED_ON_WRITE else selectors.EVENT_READ
    sel.modify(tls, events)
    assert sel.select(s2ntest.TIMEOUT), "timed out waiting in the selector"


def test_non_blocking_with_selectors(s2nd, client_cfg):
    server = s2nd("--max-conns=1")
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=s2ntest.TIMEOUT)
    sock.setblocking(False)
    tls = s2n.wrap_socket(sock, config=client_cfg, server_hostname="localhost")  # no handshake yet
    sel = selectors.DefaultSelector()
    sel.register(tls, selectors.EVENT_READ)

    blocked_seen = set()
    while True:
        try:
            tls.do_handshake()
            break
        except s2n.BlockedError as e:
            blocked_seen.add(s2n.BlockedStatus(e.blocked))
            _wait(sel, tls, e.blocked)
    assert tls.version() == s2n.ProtocolVersion.TLS13

    payload = os.urandom(300_000)
    sent = 0
    received = bytearray()
    while len(received) < len(payload):
        if sent < len(payload):
            try:
                sent += tls.send(payload[sent:sent + 50_000])
            except s2n.BlockedError:
                pass
        try:
            while len(received) < len(payload):
                chunk = tls.recv(65536)
                assert chunk
                received += chunk
        except s2n.BlockedError as e:
            blocked_seen.add(s2n.BlockedStatus(e.blocked))
            if sent < len(payload):
                sel.modify(tls, selectors.EVENT_READ | selectors.EVENT_WRITE)
                assert sel.select(s2ntest.TIMEOUT)
            else:
                assert tls.pending() == 0
                _wait(sel, tls, e.blocked)
    assert bytes(received) == payload
    assert s2n.BlockedStatus.BLOCKED_ON_READ in blocked_seen

    # Non-blocking clean close: close_notify out, then the peer's.
    while True:
        try:
            tls.connection.shutdown()
            break
        except s2n.BlockedError as e:
            _wait(sel, tls, e.blocked)
    sel.close()
    tls.close()
    assert server.wait_exit() == 0


def test_makefile_line_io(s2nd, client_cfg):
    server = s2nd("--max-conns=1")
    tls = s2n.wrap_socket(s2ntest.connect(server.port), config=client_cfg, server_hostname="localhost")
    reader = tls.makefile("r", encoding="utf-8", newline="\n")
    writer = tls.makefile("w", encoding="utf-8")
    lines = [f"line {i}: {'x' * i}\n" for i in range(200)]
    writer.writelines(lines)
    writer.flush()
    assert [reader.readline() for _ in lines] == lines

    binary = tls.makefile("rwb")
    binary.write(b"binary line\n")
    binary.flush()
    assert binary.readline() == b"binary line\n"

    # Closing the socket waits for the files.
    tls.close()
    assert not tls.connection.closed
    writer.close()
    binary.close()
    assert not tls.connection.closed
    reader.close()
    assert tls.connection.closed


def test_python_server_and_client_threads(server_cfg, client_cfg):
    """Our server (wrap_socket server_side) and our client, one thread each."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    result = {}

    def serve():
        conn, _ = listener.accept()
        s2ntest.bound_blocking(conn)
        with s2n.wrap_socket(conn, server_side=True, config=server_cfg, blinding=s2n.Blinding.SELF_SERVICE) as tls:
            result["server_name"] = tls.connection.server_name
            f = tls.makefile("rwb")
            for line in f:
                f.write(line.upper())
                f.flush()
            f.close()
            tls.connection.shutdown()

    t = threading.Thread(target=serve)
    t.start()
    with s2n.wrap_socket(s2ntest.connect(port), config=client_cfg, server_hostname="localhost") as tls:
        f = tls.makefile("rwb")
        f.write(b"hello\n")
        f.flush()
        assert f.readline() == b"HELLO\n"
        f.close()
        tls.unwrap()
    t.join(s2ntest.TIMEOUT)
    listener.close()
    assert result["server_name"] == "localhost"
