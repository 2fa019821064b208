#!/usr/bin/env python3
"""Example: fetch a page over TLS with the s2n bindings.

Start the reference server in HTTPS mode, then run this client:

    s2nd --https-server --cert tests/pki/server-ecdsa-p256-chain.pem \\
         --key tests/pki/server-ecdsa-p256-key.pem 127.0.0.1 8443
    python3 client.py --ca-file tests/pki/ca-ecdsa-cert.pem localhost 8443
"""

import argparse
import socket
import sys

import s2n


def fetch(host: str, port: int, ca_file: str = None, name: str = None, path: str = "/") -> bytes:
    """GET ``path`` from https://host:port and return the whole response."""
    config = s2n.Config(minimal=ca_file is not None)
    if ca_file:
        config.load_verify_locations(cafile=ca_file)
    config.alpn_protocols = ["http/1.1"]
    with socket.create_connection((host, port), timeout=10) as raw:
        with s2n.wrap_socket(raw, config=config, server_hostname=name or host) as tls:
            print(f"# {tls.version().name} {tls.cipher()} {tls.connection.curve}", file=sys.stderr)
            tls.sendall(f"GET {path} HTTP/1.0\r\nHost: {name or host}\r\n\r\n".encode())
            response = bytearray()
            while True:
                chunk = tls.recv(16384)
                if not chunk:  # the server's close_notify
                    break
                response += chunk
            tls.unwrap()
    return bytes(response)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int, nargs="?", default=443)
    parser.add_argument("-f", "--ca-file", help="trust these CA certificates instead of the system's")
    parser.add_argument("-n", "--name", help="server name to send and verify (default: host)")
    parser.add_argument("--path", default="/")
    args = parser.parse_args()
    try:
        sys.stdout.buffer.write(fetch(args.host, args.port, args.ca_file, args.name, args.path))
    except s2n.Error as e:
        print(f"TLS error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
