"""The memory calls (free_handshake, release_buffers, wipe) and leaks."""

from __future__ import annotations

import gc
import select
import os
import tracemalloc

import pytest

import s2n
import s2ntest


def _rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _exchange(client: s2n.Connection, server: s2n.Connection, data: bytes) -> bytes:
    client.sendall(data)
    got = bytearray()
    for _ in range(1000):
        if len(got) >= len(data):
            break
        try:
            got += server.recv(len(data) - len(got))
        except s2n.BlockedError:
            pass
    return bytes(got)


def test_free_handshake_keeps_getters(client_cfg, server_cfg):
    client, server, socks = s2ntest.pair(client_cfg, server_cfg)
    s2ntest.negotiate_pair(client, server)
    before = {c: (c.protocol_version, c.cipher, c.curve, c.handshake_type, c.server_name) for c in (client, server)}
    client.free_handshake()
    server.free_handshake()
    client.free_handshake()  # twice is fine
    after = {c: (c.protocol_version, c.cipher, c.curve, c.handshake_type, c.server_name) for c in (client, server)}
    assert before == after
    assert _exchange(client, server, b"still works") == b"still works"


def test_release_buffers(client_cfg, server_cfg):
    client, server, socks = s2ntest.pair(client_cfg, server_cfg)
    s2ntest.negotiate_pair(client, server)
    client.release_buffers()
    server.release_buffers()
    client.sendall(b"0123456789")
    assert server.recv(4) == b"0123"
    with pytest.raises(s2n.Error) as info:  # 6 bytes not read yet: nothing is lost
        server.release_buffers()
    assert info.value.name == "S2N_ERR_STUFFER_HAS_UNPROCESSED_DATA"
    assert server.recv(100) == b"456789"
    server.release_buffers()
    assert _exchange(client, server, b"after release") == b"after release"


def test_wipe_and_reuse(client_cfg, server_cfg):
    client, server, socks = s2ntest.pair(client_cfg, server_cfg)
    s2ntest.negotiate_pair(client, server)
    assert _exchange(client, server, b"first") == b"first"
    for s in socks:
        s.close()
    for _ in range(3):
        client.wipe()
        server.wipe()
        assert client.last_message == "CLIENT_HELLO"
        _, _, (a, b) = s2ntest.pair(client_cfg, server_cfg)  # fresh transport
        client.set_io(a.send, a.recv)
        server.set_io(b.send, b.recv)
        client.server_name = "localhost"
        client.blinding = server.blinding = s2n.Blinding.SELF_SERVICE
        s2ntest.negotiate_pair(client, server)
        assert server.server_name == "localhost"
        assert _exchange(server, client, b"again") == b"again"
        a.close()
        b.close()


def test_context_managers_free(client_cfg):
    with s2n.Connection(s2n.Mode.CLIENT, client_cfg) as conn:
        assert not conn.closed
    assert conn.closed
    conn.close()  # idempotent
    with pytest.raises(ValueError):
        conn.negotiate()
    with s2n.Config() as cfg:
        pass
    with pytest.raises(ValueError):
        cfg.policy = "default"


def test_no_leaks_over_10000_connection_cycles(client_cfg, server_cfg):
    """10,000 connections (each one: config, callbacks, first handshake flight,
    a BlockedError, free) plus 1,000 complete connections (handshake, data,
    close_notify both ways, free): Python allocations and RSS stay flat."""

    def partial_cycle():
        conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost")
        conn.set_io(lambda d: len(d), lambda n: None)
        try:
            conn.negotiate()
        except s2n.BlockedError:
            pass
        conn.close()

    def full_cycle():
        client, server, (a, b) = s2ntest.pair(client_cfg, server_cfg, track=False)
        s2ntest.negotiate_pair(client, server)
        assert _exchange(client, server, b"ping") == b"ping"
        client.shutdown_send()
        assert server.recv(1) == b""
        server.shutdown_send()
        assert client.recv(1) == b""
        client.close()
        server.close()
        a.close()
        b.close()

    for _ in range(500):  # warm up caches and free lists
        partial_cycle()
    for _ in range(50):
        full_cycle()
    gc.collect()
    tracemalloc.start()
    rss0 = _rss_kib()
    snap0 = tracemalloc.take_snapshot()
    for _ in range(10_000):
        partial_cycle()
    for _ in range(1_000):
        full_cycle()
    gc.collect()
    snap1 = tracemalloc.take_snapshot()
    rss1 = _rss_kib()
    tracemalloc.stop()
    growth = sum(stat.size_diff for stat in snap1.compare_to(snap0, "filename"))
    print(f"tracemalloc growth {growth} bytes, RSS {rss0} -> {rss1} KiB")
    assert growth < 64 * 1024, snap1.compare_to(snap0, "lineno")[:10]
    if "libasan" not in os.environ.get("LD_PRELOAD", ""):  # ASan's quarantine keeps freed memory
        assert rss1 - rss0 < 2048, f"RSS grew from {rss0} to {rss1} KiB"


def test_close_while_another_thread_is_blocked(client_cfg):
    """close() from another thread while recv() waits inside s2n: the free
    waits for recv to return (no use after free)."""
    import socket
    import threading
    import time

    a, b = socket.socketpair()
    s2ntest.bound_blocking(a, 1.0)
    conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost", blinding=s2n.Blinding.SELF_SERVICE)
    conn.set_socket(a)
    outcome = []

    def negotiate():
        try:
            conn.negotiate()
        except s2n.Error as e:
            outcome.append(e)

    t = threading.Thread(target=negotiate)
    t.start()
    time.sleep(0.2)
    conn.close()  # deferred: negotiate is still inside s2n
    assert not conn.closed or not t.is_alive()
    t.join(s2ntest.TIMEOUT)
    assert conn.closed
    assert isinstance(outcome[0], s2n.BlockedError)
    a.close()
    b.close()


def test_shared_cert_chain(server_cfg):
    chain = s2n.CertChain(s2ntest.SERVER_CHAIN, s2ntest.SERVER_KEY)
    cfg1 = s2n.Config(minimal=True)
    cfg2 = s2n.Config(minimal=True)
    assert cfg1.load_cert_chain(chain) is chain
    cfg2.load_cert_chain(chain)
    with pytest.raises(ValueError):
        chain.close()  # still served by cfg1 and cfg2
    cfg1.close()
    client, server, socks = s2ntest.pair(s2ntest.client_config(), cfg2)
    s2ntest.negotiate_pair(client, server)
    client.close()
    server.close()
    cfg2.close()
    chain.close()


def test_recv_buffering_reads_ahead(client_cfg, server_cfg):
    """With recv buffering one read takes every record the socket holds;
    they are then received without the socket being readable, until
    BlockedError.  Without it, nothing is read past the current record."""
    for enabled in (True, False):
        client, server, (a, b) = s2ntest.pair(client_cfg, server_cfg)
        s2ntest.negotiate_pair(client, server)
        reads = []

        def counting_recv(n, sock=b):
            reads.append(n)
            return sock.recv(n)

        server.set_io(b.send, counting_recv)
        server.set_recv_buffering(enabled)
        for i in range(20):
            client.send(bytes([i]) * 100)
        assert server.recv(1000) == bytes([0]) * 100
        if enabled:
            assert len(reads) == 1
            assert server.buffered() == 19 * (100 + 22)  # TLS 1.3: header, type byte, tag
            # the socket itself has nothing left: everything waits in the connection
            assert not select.select([b], [], [], 0)[0]
        else:
            assert server.buffered() == 0
        for i in range(1, 20):
            assert server.recv(1000) == bytes([i]) * 100
        if enabled:
            assert len(reads) == 1
        else:
            assert len(reads) >= 40
        with pytest.raises(s2n.BlockedError):
            server.recv(1000)
        assert server.buffered() == 0
        a.close()
        b.close()
