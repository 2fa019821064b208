#!/usr/bin/env python3
"""Example: a threaded TLS echo server with the s2n bindings.

    python3 echo_server.py --cert tests/pki/server-ecdsa-p256-chain.pem \\
        --key tests/pki/server-ecdsa-p256-key.pem 127.0.0.1 8443
    s2nc -e -f tests/pki/ca-ecdsa-cert.pem -n localhost 127.0.0.1 8443

Each connection gets its own thread; the threads run in parallel because
the bindings release the interpreter lock while they wait on the network.
It prints "Listening on HOST:PORT" when ready.
"""

import argparse
import socket
import sys
import threading

import s2n


def handle(raw: socket.socket, config: s2n.Config) -> None:
    """Echo everything until the client closes."""
    with raw:
        try:
            with s2n.wrap_socket(raw, server_side=True, config=config) as tls:
                while True:
                    data = tls.recv(16384)
                    if not data:  # close_notify: answer with ours
                        tls.connection.shutdown()
                        break
                    tls.sendall(data)
        except (s2n.Error, OSError) as e:
            print(f"connection failed: {e}", file=sys.stderr)


def serve(host: str, port: int, config: s2n.Config, max_conns: int = 0) -> None:
    with socket.create_server((host, port)) as listener:
        print("Listening on %s:%d" % listener.getsockname()[:2], flush=True)
        threads = []
        served = 0
        while not max_conns or served < max_conns:
            raw, _ = listener.accept()
            t = threading.Thread(target=handle, args=(raw, config), daemon=True)
            t.start()
            threads.append(t)
            served += 1
        for t in threads:
            t.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host", nargs="?", default="127.0.0.1")
    parser.add_argument("port", type=int, nargs="?", default=8443)
    parser.add_argument("--cert", required=True, help="PEM certificate chain")
    parser.add_argument("--key", required=True, help="PEM private key")
    parser.add_argument("--policy", default="default", help="security policy")
    parser.add_argument("--max-conns", type=int, default=0, help="exit after N connections")
    args = parser.parse_args()
    config = s2n.Config(policy=args.policy)
    config.load_cert_chain(args.cert, args.key)
    try:
        serve(args.host, args.port, config, args.max_conns)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
