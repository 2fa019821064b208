"""The examples in bindings/python/examples run as documented."""

from __future__ import annotations

import subprocess
import sys
import threading

import s2n
import s2ntest

EXAMPLES = s2ntest.TOP_SRCDIR / "bindings" / "python" / "examples"


def test_client_fetches_a_page_from_s2nd(s2nd):
    server = s2nd("--https-server", "--max-conns=1", echo=False)
    result = s2ntest.run([sys.executable, str(EXAMPLES / "client.py"), "--ca-file", str(s2ntest.CA),
                          "--name", "localhost", "127.0.0.1", str(server.port)])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"HTTP/1.0 200 OK\r\n")
    assert b"Hello from libs2n s2nd" in result.stdout
    assert b"TLS13" in result.stderr
    assert server.wait_exit() == 0


def test_threaded_echo_server(client_cfg):
    proc = subprocess.Popen([sys.executable, str(EXAMPLES / "echo_server.py"), "--cert", str(s2ntest.SERVER_CHAIN),
                             "--key", str(s2ntest.SERVER_KEY), "--max-conns", "5", "127.0.0.1", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().decode()
        assert line.startswith("Listening on 127.0.0.1:"), (line, proc.stderr.read() if proc.stderr else "")
        port = int(line.rsplit(":", 1)[1])
        errors = []

        def client(i):
            try:
                msg = f"message {i} ".encode() * 1000
                with s2n.wrap_socket(s2ntest.connect(port), config=client_cfg, server_hostname="localhost") as tls:
                    tls.sendall(msg)
                    got = b""
                    while len(got) < len(msg):
                        got += tls.recv(16384)
                    assert got == msg
                    tls.unwrap()
            except BaseException as e:
                errors.append(e)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        # And one connection from the C client.
        s2nc = s2ntest.run([str(s2ntest.S2NC), "--echo", "--ca-file", str(s2ntest.CA), "--name", "localhost",
                            "127.0.0.1", str(port)], input=b"")
        for t in threads:
            t.join(s2ntest.TIMEOUT)
        assert not errors, errors
        assert s2nc.returncode == 0, s2nc.stderr
        assert proc.wait(s2ntest.TIMEOUT) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
