"""Python figures for `make bench`: TLS 1.3 handshakes/s and bulk MB/s
through the s2n bindings, both ends in one process over a socketpair (the
server end in a thread), the client verifying the chain and the host name.
Printed beside the C figures of s2n_bench (same certificate and suite)."""
import os
import socket
import sys
import threading
import time

import s2n

PKI = sys.argv[1] if len(sys.argv) > 1 else "tests/pki"
SECONDS = float(os.environ.get("BENCH_SECS", "2"))
MEGABYTES = int(os.environ.get("BENCH_MB", "256"))


def configs():
    server = s2n.Config(policy="AWS-CRT-SDK-TLSv1.3")
    server.load_cert_chain(os.path.join(PKI, "server-ecdsa-p256-chain.pem"),
                           os.path.join(PKI, "server-ecdsa-p256-key.pem"))
    client = s2n.Config(policy="AWS-CRT-SDK-TLSv1.3", minimal=True)
    client.load_verify_locations(cafile=os.path.join(PKI, "ca-ecdsa-cert.pem"))
    return server, client


def connected_pair(server_config, client_config):
    """A server and a client over a socketpair, handshaken (the server in a
    thread); returns them with the two sockets, for close_pair()."""
    a, b = socket.socketpair()
    server = s2n.Connection(s2n.Mode.SERVER, server_config)
    client = s2n.Connection(s2n.Mode.CLIENT, client_config)
    server.set_socket(a)
    client.set_socket(b)
    client.server_name = "localhost"
    t = threading.Thread(target=server.negotiate)
    t.start()
    client.negotiate()
    t.join()
    return server, client, a, b


def close_pair(*ends):
    for end in ends:
        end.close()


def handshakes(server_config, client_config):
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        close_pair(*connected_pair(server_config, client_config))
        count += 1
    return count / (time.perf_counter() - start), client_cipher_check(server_config, client_config)


def client_cipher_check(server_config, client_config):
    server, client, a, b = connected_pair(server_config, client_config)
    info = "%s %s" % (client.cipher, client.curve)
    close_pair(server, client, a, b)
    return info


def bulk(server_config, client_config):
    server, client, a, b = connected_pair(server_config, client_config)
    client.prefer_throughput()
    total = MEGABYTES * 1024 * 1024
    chunk = b"\x5a" * 16384
    received = [0]

    def reader():
        buf = bytearray(16384)
        while received[0] < total:
            n = server.recv_into(buf)
            if n == 0:
                break
            received[0] += n

    r = threading.Thread(target=reader)
    start = time.perf_counter()
    r.start()
    sent = 0
    while sent < total:
        client.sendall(chunk)
        sent += len(chunk)
    r.join()
    elapsed = time.perf_counter() - start
    close_pair(server, client, a, b)
    assert received[0] == total
    return total / elapsed / 1e6


def main():
    server_config, client_config = configs()
    rate, info = handshakes(server_config, client_config)
    mbps = bulk(server_config, client_config)
    print("Python bindings (%s, %s): TLS1.3 ECDSA-P256 handshakes/s %.0f, bulk client->server %.0f MB/s"
          " (%d MiB in 16 KiB writes over a socketpair, server in a thread)"
          % (sys.executable, info, rate, mbps, MEGABYTES))


if __name__ == "__main__":
    main()
