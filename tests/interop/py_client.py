"""tests/interop/py_client.py: a TLS 1.3 client on Python's ssl module, for
python_ssl.sh.  Connects to 127.0.0.1:PORT, verifies the server (test CA or
a pinned SHA-256 fingerprint), optionally sends a file while reading an
expected number of bytes, and prints what it saw as `key: value` lines.
Exit status 0 when everything worked, 1 otherwise (reason on stderr)."""

import argparse
import hashlib
import selectors
import socket
import ssl
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ca", help="PEM file of trusted CAs")
    ap.add_argument("--pin", help="expected SHA-256 fingerprint AB:CD:... (no CA check)")
    ap.add_argument("--hostname", default="localhost")
    ap.add_argument("--alpn", help="comma-separated ALPN list")
    ap.add_argument("--keylog", help="NSS key log file to write")
    ap.add_argument("--send", help="file to send after the handshake")
    ap.add_argument("--expect", type=int, default=0, help="bytes to read before closing")
    ap.add_argument("--out", help="where to write the bytes read")
    ap.add_argument("--http", action="store_true", help="send a GET request and print the response")
    ap.add_argument("--expect-close", action="store_true", help="read until the server's close_notify")
    ap.add_argument("--der-out", help="write the server's certificate (DER) here")
    ap.add_argument("--timeout", type=float, default=15.0)
    args = ap.parse_args()

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    if args.pin:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    else:
        ctx.load_verify_locations(cafile=args.ca)
    if args.alpn:
        ctx.set_alpn_protocols(args.alpn.split(","))
    if args.keylog:
        ctx.keylog_filename = args.keylog

    raw = socket.create_connection(("127.0.0.1", args.port), timeout=args.timeout)
    tls = ctx.wrap_socket(raw, server_hostname=args.hostname)
    print("version: %s" % tls.version())
    print("cipher: %s" % tls.cipher()[0])
    print("alpn: %s" % tls.selected_alpn_protocol())
    der = tls.getpeercert(binary_form=True)
    fp = ":".join("%02X" % b for b in hashlib.sha256(der).digest())
    print("fingerprint: %s" % fp)
    if args.der_out:
        with open(args.der_out, "wb") as f:
            f.write(der)
    if args.pin and fp != args.pin.upper():
        print("fingerprint mismatch: got %s, want %s" % (fp, args.pin), file=sys.stderr)
        return 1
    sys.stdout.flush()

    if args.http:
        tls.sendall(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        response = b""
        while True:
            try:
                chunk = tls.recv(65536)
            except ssl.SSLEOFError:
                print("server closed without close_notify", file=sys.stderr)
                return 1
            if not chunk:
                break
            response += chunk
        sys.stdout.write(response.decode("latin-1"))
        print()
        tls.close()
        return 0

    out = bytearray()
    payload = open(args.send, "rb").read() if args.send else b""
    sent = 0
    tls.setblocking(False)
    sel = selectors.DefaultSelector()
    sel.register(tls, selectors.EVENT_READ | (selectors.EVENT_WRITE if payload else 0))
    peer_closed = False
    while sent < len(payload) or len(out) < args.expect or (args.expect_close and not peer_closed):
        if tls.pending() == 0 and not sel.select(timeout=args.timeout):
            print("timed out: sent %d/%d, read %d/%d" % (sent, len(payload), len(out), args.expect), file=sys.stderr)
            return 1
        if sent < len(payload):
            try:
                sent += tls.send(payload[sent:sent + 65536])
            except (ssl.SSLWantWriteError, ssl.SSLWantReadError):
                pass
            if sent == len(payload):
                sel.modify(tls, selectors.EVENT_READ)
        try:
            while True:
                chunk = tls.recv(65536)
                if not chunk:
                    peer_closed = True
                    break
                out += chunk
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
            pass
        except ssl.SSLEOFError:
            print("server closed without close_notify", file=sys.stderr)
            return 1
        if peer_closed and (len(out) < args.expect or sent < len(payload)):
            print("server closed early: sent %d/%d, read %d/%d" % (sent, len(payload), len(out), args.expect),
                  file=sys.stderr)
            return 1
    if args.out:
        with open(args.out, "wb") as f:
            f.write(out)
    print("sent: %d" % sent)
    print("received: %d" % len(out))
    print("peer closed: %s" % ("yes" if peer_closed else "no"))
    # Our close_notify; then wait (bounded) for the server's.
    tls.setblocking(True)
    tls.settimeout(args.timeout)
    try:
        tls.unwrap()
    except (ssl.SSLError, OSError) as e:
        if not peer_closed:
            print("close failed: %s" % e, file=sys.stderr)
            return 1
    print("closed: clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
