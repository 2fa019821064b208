"""Our client (the bindings) against tools/s2nd, the C reference server."""

from __future__ import annotations

import hashlib
import os
import threading

import pytest

import s2n
import s2ntest


def _echo_roundtrip(tls, payload: bytes) -> bytes:
    """Send ``payload`` from a thread while reading the echo here."""
    errors = []

    def writer():
        try:
            tls.sendall(payload)
        except BaseException as e:  # reported below
            errors.append(e)

    t = threading.Thread(target=writer)
    t.start()
    got = bytearray()
    while len(got) < len(payload):
        chunk = tls.recv(65536)
        assert chunk, "connection closed before the echo was complete"
        got += chunk
    t.join(s2ntest.TIMEOUT)
    assert not errors, errors
    return bytes(got)


def test_handshake_1mib_echo_clean_close_and_getters(s2nd, client_cfg):
    server = s2nd("--max-conns=1")
    sock = s2ntest.connect(server.port)
    tls = s2n.wrap_socket(sock, config=client_cfg, server_hostname="localhost")
    conn = tls.connection

    payload = os.urandom(1 << 20)
    got = _echo_roundtrip(tls, payload)
    assert hashlib.sha256(got).digest() == hashlib.sha256(payload).digest()

    # Every getter agrees with what s2nd printed about the same connection.
    info = server.wait_ready()
    assert int(info["Actual protocol version"]) == conn.protocol_version == s2n.ProtocolVersion.TLS13
    assert int(info["Client protocol version"]) == conn.client_protocol_version
    assert int(info["Server protocol version"]) == conn.server_protocol_version
    assert int(info["Client hello version"]) == conn.client_hello_version
    assert info["Cipher negotiated"] == conn.cipher == tls.cipher()
    assert info["Curve"] == conn.curve
    assert info["Server name"] == conn.server_name == "localhost"
    assert info["Handshake"] == conn.handshake_type
    assert "Application protocol" not in info and conn.alpn_protocol is None
    sig, _, digest = info["Server signature negotiated"].partition("+")
    assert conn.signature_algorithm.name == sig
    assert conn.digest_algorithm.name == digest
    assert conn.cipher_iana == (0x13, {"TLS_AES_128_GCM_SHA256": 1, "TLS_AES_256_GCM_SHA384": 2,
                                       "TLS_CHACHA20_POLY1305_SHA256": 3}[conn.cipher])

    # Clean close: close_notify both ways, s2nd sees it and exits 0 (-X 1).
    raw = tls.unwrap()
    raw.close()
    assert server.wait_exit() == 0, server.stderr
    assert server.stderr == ""


def test_alpn_negotiated(s2nd):
    server = s2nd("--max-conns=1", "--alpn", "h2,http/1.1")
    cfg = s2ntest.client_config(alpn_protocols=["http/1.1", "spdy/3"])
    with s2n.wrap_socket(s2ntest.connect(server.port), config=cfg, server_hostname="localhost") as tls:
        assert tls.selected_alpn_protocol() == "http/1.1"
        assert server.wait_ready()["Application protocol"] == "http/1.1"
        tls.unwrap()


def test_policy_restricts_cipher(s2nd):
    server = s2nd("--max-conns=1", "-c", "default_tls13")
    cfg = s2ntest.client_config(policy="default_tls13")
    with s2n.wrap_socket(s2ntest.connect(server.port), config=cfg, server_hostname="localhost") as tls:
        assert tls.version() == s2n.ProtocolVersion.TLS13
        assert tls.cipher().startswith("TLS_")
        tls.unwrap()


def test_verification_with_ca_directory_and_pem_data(s2nd, tmp_path):
    server = s2nd("--max-conns=2")
    # CA from PEM data.
    cfg = s2n.Config(minimal=True)
    cfg.load_verify_locations(cadata=s2ntest.CA.read_bytes())
    with s2n.wrap_socket(s2ntest.connect(server.port), config=cfg, server_hostname="localhost") as tls:
        tls.unwrap()
    # The server certificate's IP address name also verifies.
    cfg2 = s2ntest.client_config()
    with s2n.wrap_socket(s2ntest.connect(server.port), config=cfg2, server_hostname="127.0.0.1") as tls:
        tls.unwrap()


def test_wrong_host_name_fails(s2nd, client_cfg):
    server = s2nd()
    sock = s2ntest.connect(server.port)
    with pytest.raises(s2n.ProtocolError) as info:
        s2n.wrap_socket(sock, config=client_cfg, server_hostname="wrong.example.org",
                        blinding=s2n.Blinding.SELF_SERVICE)
    sock.close()
    assert info.value.type == s2n.ErrorType.PROTO
    assert info.value.name in ("S2N_ERR_CERT_UNTRUSTED", "S2N_ERR_HOST_NAME_MISMATCH")
    assert info.value.message == s2n.strerror(info.value.errno)


def test_untrusted_certificate_fails(s2nd, client_cfg):
    server = s2nd(cert=s2ntest.UNTRUSTED_CHAIN, key=s2ntest.UNTRUSTED_KEY)
    sock = s2ntest.connect(server.port)
    with pytest.raises(s2n.ProtocolError) as info:
        s2n.wrap_socket(sock, config=client_cfg, server_hostname="localhost", blinding=s2n.Blinding.SELF_SERVICE)
    sock.close()
    assert info.value.name == "S2N_ERR_CERT_UNTRUSTED"
    assert "untrusted" in info.value.message.lower()
    assert info.value.debug  # where in libs2n


def test_disable_verification_accepts_untrusted(s2nd):
    server = s2nd("--max-conns=1", cert=s2ntest.UNTRUSTED_CHAIN, key=s2ntest.UNTRUSTED_KEY)
    cfg = s2n.Config(minimal=True)
    cfg.disable_verification()
    with s2n.wrap_socket(s2ntest.connect(server.port), config=cfg, server_hostname="localhost") as tls:
        assert tls.version() == s2n.ProtocolVersion.TLS13
        tls.unwrap()


def test_peer_closing_mid_handshake(s2nd, client_cfg):
    # A "server" that accepts and closes at once: the client sees the
    # transport close during the handshake.
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve():
        conn, _ = listener.accept()
        conn.recv(10)  # part of the ClientHello
        conn.close()

    t = threading.Thread(target=serve)
    t.start()
    sock = s2ntest.connect(port)
    with pytest.raises((s2n.ClosedError, s2n.IOError)) as info:
        s2n.wrap_socket(sock, config=client_cfg, server_hostname="localhost", blinding=s2n.Blinding.SELF_SERVICE)
    t.join(s2ntest.TIMEOUT)
    sock.close()
    listener.close()
    assert info.value.name in ("S2N_ERR_CLOSED", "S2N_ERR_IO")
    if isinstance(info.value, s2n.IOError):
        assert isinstance(info.value, OSError)
