"""Python callables as I/O, host name and key log callbacks."""

from __future__ import annotations

import os
import socket
import threading

import pytest

import s2n
import s2ntest


class Boom(Exception):
    """Raised inside callbacks by the tests."""


def test_callback_pair_non_blocking(client_cfg, server_cfg):
    """Our client and our server in one thread, over a socketpair, through
    Python send/recv callbacks (non-blocking: negotiate in turn)."""
    client, server, (a, b) = s2ntest.pair(client_cfg, server_cfg)
    s2ntest.negotiate_pair(client, server)
    assert client.protocol_version == server.protocol_version == s2n.ProtocolVersion.TLS13
    assert client.cipher == server.cipher
    assert server.server_name == "localhost"

    for size in (1, 100, 16384, 70000):
        data = os.urandom(size)
        sent = 0
        got = bytearray()
        while len(got) < size:
            if sent < size:
                try:
                    sent += client.send(data[sent:])
                except s2n.BlockedError:
                    pass
            try:
                got += server.recv(size - len(got))
            except s2n.BlockedError:
                pass
        assert bytes(got) == data

    client.shutdown_send()
    assert server.recv(10) == b""  # close_notify
    server.shutdown_send()
    assert client.recv(10) == b""
    a.close()
    b.close()


def test_callback_pair_blocking_threads(client_cfg, server_cfg):
    """The same over blocking sockets: one thread per side.  Both threads
    block inside s2n (without the interpreter lock) and re-enter Python in
    the callbacks."""
    a, b = socket.socketpair()
    s2ntest.bound_blocking(a)
    s2ntest.bound_blocking(b)
    calls = {"send": 0, "recv": 0}

    def counting(fn, key):
        def wrapper(arg):
            calls[key] += 1
            return fn(arg)
        return wrapper

    server = s2n.Connection(s2n.Mode.SERVER, server_cfg, blinding=s2n.Blinding.SELF_SERVICE)
    server.set_io(counting(b.send, "send"), counting(b.recv, "recv"))
    errors = []

    def serve():
        try:
            server.negotiate()
            while True:
                data = server.recv(4096)
                if not data:
                    break
                server.sendall(data[::-1])
            server.shutdown()
        except BaseException as e:
            errors.append(e)

    t = threading.Thread(target=serve)
    t.start()
    client = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost")
    client.set_io(a.send, a.recv)
    client.negotiate()
    for msg in (b"abc", b"hello world", os.urandom(3000)):
        client.sendall(msg)
        got = b""
        while len(got) < len(msg):
            got += client.recv(4096)
        assert got == msg[::-1]
    client.shutdown()
    t.join(s2ntest.TIMEOUT)
    assert not errors, errors
    assert calls["send"] > 0 and calls["recv"] > 0
    a.close()
    b.close()


def test_exception_in_send_callback_propagates(client_cfg):
    def send(data):
        raise Boom("from send")

    conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost", blinding=s2n.Blinding.SELF_SERVICE)
    conn.set_io(send, lambda n: None)
    with pytest.raises(Boom, match="from send"):
        conn.negotiate()


def test_exception_in_recv_callback_propagates(client_cfg):
    sent = []

    def recv(n):
        raise Boom("from recv")

    conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost", blinding=s2n.Blinding.SELF_SERVICE)
    conn.set_io(lambda d: sent.append(d) or len(d), recv)
    with pytest.raises(Boom, match="from recv") as info:
        conn.negotiate()
    assert sent, "the ClientHello was written through the send callback"
    assert info.value.__traceback__ is not None


def test_callback_contract_violations(client_cfg):
    conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost", blinding=s2n.Blinding.SELF_SERVICE)
    conn.set_io(lambda d: len(d) + 1, lambda n: None)  # claims to have sent more than asked
    with pytest.raises(ValueError, match="send callback returned"):
        conn.negotiate()

    conn2 = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost", blinding=s2n.Blinding.SELF_SERVICE)
    conn2.set_io(lambda d: len(d), lambda n: b"x" * (n + 1))  # returns too much
    with pytest.raises(ValueError, match="recv callback returned"):
        conn2.negotiate()

    conn3 = s2n.Connection(s2n.Mode.CLIENT, client_cfg)
    with pytest.raises(TypeError):
        conn3.set_io(42, lambda n: b"")  # type: ignore[arg-type]


def test_would_block_and_eof_from_callbacks(client_cfg):
    conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost", blinding=s2n.Blinding.SELF_SERVICE)

    def send_blocked(data):
        raise BlockingIOError

    conn.set_io(send_blocked, lambda n: None)
    with pytest.raises(s2n.BlockedError) as info:
        conn.negotiate()
    assert info.value.blocked == s2n.BlockedStatus.BLOCKED_ON_WRITE

    conn.set_io(lambda d: len(d), lambda n: None)
    with pytest.raises(s2n.BlockedError) as info:
        conn.negotiate()
    assert info.value.blocked == s2n.BlockedStatus.BLOCKED_ON_READ

    conn.set_io(lambda d: len(d), lambda n: b"")  # end of stream mid-handshake
    with pytest.raises(s2n.ClosedError) as info:
        conn.negotiate()
    assert info.value.name == "S2N_ERR_CLOSED"


def test_verify_host_callback(server_cfg):
    names = []

    def accept_example(name):
        names.append(name)
        return name == "*.example.com"

    cfg = s2ntest.client_config()
    cfg.verify_host = accept_example
    assert cfg.verify_host is accept_example
    client, server, socks = s2ntest.pair(cfg, server_cfg, server_name="www.example.com")
    s2ntest.negotiate_pair(client, server)
    assert "*.example.com" in names or "localhost" in names

    cfg2 = s2ntest.client_config()
    cfg2.verify_host = lambda name: False
    client, server, socks = s2ntest.pair(cfg2, server_cfg, server_name="localhost")
    with pytest.raises(s2n.ProtocolError) as info:
        s2ntest.negotiate_pair(client, server)
    assert info.value.name == "S2N_ERR_CERT_UNTRUSTED"

    cfg2.verify_host = None  # back to the default check of the server name
    client, server, socks = s2ntest.pair(cfg2, server_cfg, server_name="localhost")
    s2ntest.negotiate_pair(client, server)
    client, server, socks = s2ntest.pair(cfg2, server_cfg, server_name="other.test")
    with pytest.raises(s2n.ProtocolError):
        s2ntest.negotiate_pair(client, server)
    with pytest.raises(TypeError):
        cfg2.verify_host = "not callable"  # type: ignore[assignment]


def test_verify_host_callback_that_raises(server_cfg):
    def verify(name):
        raise Boom(f"rejecting {name}")

    cfg = s2ntest.client_config()
    cfg.verify_host = verify
    client, server, socks = s2ntest.pair(cfg, server_cfg, server_name="localhost")
    with pytest.raises(Boom, match="rejecting"):
        s2ntest.negotiate_pair(client, server)
    # Nothing is left behind: the next call on this thread is unaffected.
    assert s2n.strerror_name(0) == "S2N_ERR_OK"


def test_verify_host_callback_against_s2nd(s2nd):
    server = s2nd("--max-conns=1")
    seen = []
    cfg = s2ntest.client_config()
    cfg.verify_host = lambda name: seen.append(name) or name == "127.0.0.1"
    with s2n.wrap_socket(s2ntest.connect(server.port), config=cfg, server_hostname="not-in-cert.test") as tls:
        tls.unwrap()
    assert "127.0.0.1" in seen


def test_key_log_callback(client_cfg, server_cfg):
    lines = []
    client_cfg.key_log = lines.append
    client, server, socks = s2ntest.pair(client_cfg, server_cfg)
    s2ntest.negotiate_pair(client, server)
    labels = {line.split(b" ")[0] for line in lines}
    assert b"CLIENT_HANDSHAKE_TRAFFIC_SECRET" in labels
    assert b"SERVER_TRAFFIC_SECRET_0" in labels
    assert all(isinstance(line, bytes) and not line.endswith(b"\n") for line in lines)
    client_cfg.key_log = None
