"""Threads: the interpreter lock is released in the calls that can block."""

from __future__ import annotations

import socket
import threading
import time

import s2n
import s2ntest


def test_gil_released_while_negotiate_blocks(client_cfg):
    """While one thread waits inside s2n_negotiate for a server that does not
    answer, another thread keeps running Python code."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def silent_server():
        conn, _ = listener.accept()
        accepted.append(conn)

    t_srv = threading.Thread(target=silent_server)
    t_srv.start()
    sock = s2ntest.connect(listener.getsockname()[1])
    s2ntest.bound_blocking(sock, 1.5)  # the blocked read gives up after 1.5 s
    outcome = []

    def client():
        try:
            s2n.wrap_socket(sock, config=client_cfg, server_hostname="localhost", blinding=s2n.Blinding.SELF_SERVICE)
            outcome.append("handshake?!")
        except s2n.Error as e:
            outcome.append(e)

    t = threading.Thread(target=client)
    t.start()
    time.sleep(0.1)  # the client is now inside s2n_negotiate, in read()
    count = 0
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        count += 1
    assert t.is_alive(), "negotiate returned early"
    t.join(s2ntest.TIMEOUT)
    t_srv.join(s2ntest.TIMEOUT)
    # With the lock held by the blocked thread, this loop could not have run.
    assert count > 10_000, count
    assert isinstance(outcome[0], s2n.BlockedError)  # SO_RCVTIMEO expired: EAGAIN
    sock.close()
    for c in accepted:
        c.close()
    listener.close()


def test_8_threads_50_connections_each(s2nd, client_cfg):
    """8 threads x 50 connections at the same time against s2nd (one process
    per connection).  All must succeed; the wall time is compared with the
    same work on one thread."""
    server = s2nd("--parallelize", "--negotiate", echo=False)

    def one_connection():
        with s2n.wrap_socket(s2ntest.connect(server.port), config=client_cfg, server_hostname="localhost") as tls:
            assert tls.version() == s2n.ProtocolVersion.TLS13
            assert tls.recv(100) == b""  # s2nd closes after the handshake
            tls.connection.shutdown()

    def worker(n, errors):
        try:
            for _ in range(n):
                one_connection()
        except BaseException as e:
            errors.append(e)

    def serial_half() -> float:
        start = time.monotonic()
        worker(25, errors)
        return time.monotonic() - start

    errors: list = []
    serial = serial_half()  # 50 serial connections, half before and half
    assert not errors, errors  # after the parallel run (the load may drift)

    threads = [threading.Thread(target=worker, args=(50, errors)) for _ in range(8)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    parallel = time.monotonic() - start
    assert not errors, errors[:3]
    serial += serial_half()
    assert not errors, errors
    assert not any(t.is_alive() for t in threads)
    ratio = parallel / (8 * serial)
    print(f"50 connections on 1 thread: {serial:.2f}s; 8x50 on 8 threads: {parallel:.2f}s (ratio {ratio:.2f})")
    # Serialized by a held lock, 8x the work would take 8x as long or more
    # (ratio >= 1; about 0.7 on 2 cores, where the server processes compete
    # for the same CPUs).  The bound is loose because the machines are
    # shared; test_gil_released_while_negotiate_blocks is the exact check.
    assert ratio < 1.5, f"8 threads took {parallel:.2f}s for 8x the work of {serial:.2f}s"
