"""The SWIG typemaps: buffers in (buffer protocol, length guard, always
released), bytes out, strings, ALPN lists, out-parameters."""

from __future__ import annotations

import array
import mmap
import pathlib
import sys

import pytest

import s2n
import s2ntest
from s2n import capi


@pytest.fixture
def connected(client_cfg, server_cfg):
    client, server, socks = s2ntest.pair(client_cfg, server_cfg)
    s2ntest.negotiate_pair(client, server)
    yield client, server
    for s in socks:
        s.close()


def _recv_exactly(conn: s2n.Connection, n: int) -> bytes:
    got = bytearray()
    for _ in range(1000):
        if len(got) >= n:
            break
        try:
            got += conn.recv(n - len(got))
        except s2n.BlockedError:
            pass
    return bytes(got)


@pytest.mark.parametrize("kind", ["bytes", "bytearray", "memoryview", "memoryview-slice", "array", "mmap"])
def test_send_accepts_any_contiguous_buffer(connected, kind):
    client, server = connected
    data = bytes(range(256)) * 4
    if kind == "bytes":
        obj = data
    elif kind == "bytearray":
        obj = bytearray(data)
    elif kind == "memoryview":
        obj = memoryview(data)
    elif kind == "memoryview-slice":
        obj = memoryview(b"xx" + data + b"yy")[2:-2]
    elif kind == "array":
        obj = array.array("B", data)
    else:
        obj = mmap.mmap(-1, len(data))
        obj.write(data)
    assert capi.s2n_send(client.ptr, obj) == len(data)
    assert _recv_exactly(server, len(data)) == data


def test_send_rejects_non_buffers_and_non_contiguous(connected):
    client, _ = connected
    with pytest.raises(TypeError):
        client.send("text is not bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        capi.s2n_send(client.ptr, 12345)
    strided = memoryview(bytearray(100))[::2]
    with pytest.raises(BufferError):
        capi.s2n_send(client.ptr, strided)


def test_recv_returns_bytes_or_fills_a_buffer(connected):
    client, server = connected
    client.sendall(b"hello world")
    out = capi.s2n_recv(server.ptr, 5)
    assert type(out) is bytes and out == b"hello"
    buf = bytearray(10)
    n = capi.s2n_recv(server.ptr, memoryview(buf)[2:])
    assert n == 6 and buf[2:8] == b" world"
    client.sendall(b"abc")
    view = bytearray(8)
    assert server.recv_into(view, 2) == 2 and view[:2] == b"ab"
    assert server.pending() == 1
    assert server.recv(100) == b"c"
    with pytest.raises(ValueError):
        capi.s2n_recv(server.ptr, -1)
    with pytest.raises(BufferError):
        capi.s2n_recv(server.ptr, b"read-only bytes")


def test_buffers_are_released_on_every_path(client_cfg):
    # A bytearray cannot be resized while exported: after each call, success
    # or failure, resizing must work again.
    conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg)
    data = bytearray(b"x" * 100)
    for _ in range(3):
        with pytest.raises(s2n.UsageError):
            capi.s2n_send(conn.ptr, data)  # fails: no handshake yet
        data.append(1)  # BufferError if still exported
        with pytest.raises(s2n.UsageError):
            capi.s2n_recv(conn.ptr, data)
        data.append(2)
    chain = capi.s2n_cert_chain_and_key_new()
    bad = bytearray(b"not a PEM")
    with pytest.raises(s2n.Error):
        capi.s2n_cert_chain_and_key_load_pem_bytes(chain, bad, bad)
    bad.append(0)
    capi.s2n_cert_chain_and_key_free(chain)
    # And no references leak.
    before = sys.getrefcount(data)
    for _ in range(100):
        try:
            capi.s2n_send(conn.ptr, data)
        except s2n.UsageError:
            pass
    assert sys.getrefcount(data) == before


def test_length_guard_on_uint32_lengths():
    # 4 GiB + 1 of address space, never touched: the guard rejects it before
    # anything reads it.
    try:
        huge = mmap.mmap(-1, (1 << 32) + 1, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_NORESERVE", 0))
    except (OSError, OverflowError, MemoryError) as e:
        pytest.fail(f"cannot map 4 GiB of address space: {e}")
    chain = capi.s2n_cert_chain_and_key_new()
    try:
        with pytest.raises(OverflowError, match="too long"):
            capi.s2n_cert_chain_and_key_load_pem_bytes(chain, huge, b"key")
        with pytest.raises(OverflowError, match="too long"):
            capi.s2n_cert_chain_and_key_load_pem_bytes(chain, b"chain", huge)
    finally:
        capi.s2n_cert_chain_and_key_free(chain)
        huge.close()  # fails with BufferError if an export was leaked


def test_load_cert_chain_from_paths_and_bytes(server_cfg):
    cfg = s2n.Config(minimal=True)
    cfg.load_cert_chain(str(s2ntest.SERVER_CHAIN), str(s2ntest.SERVER_KEY))
    cfg.load_cert_chain(pathlib.Path(s2ntest.PKI / "server-rsa-2048-chain.pem"),
                        pathlib.Path(s2ntest.PKI / "server-rsa-2048-key.pem"))
    cfg2 = s2n.Config(minimal=True)
    cfg2.load_cert_chain(s2ntest.SERVER_CHAIN.read_bytes(), bytearray(s2ntest.SERVER_KEY.read_bytes()))
    client, server, socks = s2ntest.pair(s2ntest.client_config(), cfg2)
    s2ntest.negotiate_pair(client, server)
    with pytest.raises(s2n.Error) as info:
        s2n.Config(minimal=True).load_cert_chain(s2ntest.SERVER_CHAIN, s2ntest.UNTRUSTED_KEY)
    assert info.value.name == "S2N_ERR_KEY_MISMATCH"
    with pytest.raises(TypeError):
        cfg.load_cert_chain(42)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        cfg.load_cert_chain("/nonexistent/chain.pem", "/nonexistent/key.pem")


def test_string_arguments():
    cfg = s2n.Config(minimal=True)
    capi.s2n_config_set_cipher_preferences(cfg.ptr, b"default")  # bytes
    capi.s2n_config_set_verification_ca_location(cfg.ptr, s2ntest.CA, None)  # PathLike, NULL
    with pytest.raises(ValueError, match="NUL"):
        capi.s2n_config_set_cipher_preferences(cfg.ptr, "default\0evil")
    with pytest.raises(TypeError):
        capi.s2n_config_set_cipher_preferences(cfg.ptr, 42)
    with pytest.raises(s2n.Error):
        cfg.load_verify_locations(cafile="/nonexistent/ca.pem")


def test_alpn_list_typemap():
    cfg = s2n.Config(minimal=True)
    cfg.alpn_protocols = ["h2", b"http/1.1"]
    assert cfg.alpn_protocols == ["h2", "http/1.1"]
    capi.s2n_config_set_protocol_preferences(cfg.ptr, ("a", "b"))
    capi.s2n_config_set_protocol_preferences(cfg.ptr, [])
    with pytest.raises(TypeError):
        capi.s2n_config_set_protocol_preferences(cfg.ptr, ["h2", 3])
    with pytest.raises(ValueError, match="NUL"):
        capi.s2n_config_set_protocol_preferences(cfg.ptr, ["h\x002"])
    with pytest.raises(s2n.Error):
        cfg.alpn_protocols = ["x" * 300]  # names are at most 255 bytes


def test_out_parameters(connected):
    client, server = connected
    assert capi.s2n_get_fips_mode() == s2n.FipsMode.DISABLED
    assert s2n.fips_mode() == s2n.FipsMode.DISABLED
    first, second = capi.s2n_connection_get_cipher_iana_value(client.ptr)
    assert first == 0x13 and 1 <= second <= 3
    assert capi.s2n_connection_get_key_exchange_group(client.ptr) == client.curve
    assert client.key_exchange_group == client.curve
    assert capi.s2n_connection_get_selected_signature_algorithm(client.ptr) == s2n.SignatureAlgorithm.ECDSA
    assert capi.s2n_connection_get_selected_digest_algorithm(client.ptr) == s2n.HashAlgorithm.SHA256
    with pytest.raises(s2n.Error):
        client.fileno()  # callbacks, not a descriptor
    conn = s2n.Connection(s2n.Mode.CLIENT)
    conn.set_fd(7, 8)
    assert capi.s2n_connection_get_read_fd(conn.ptr) == 7 == conn.fileno()
    assert capi.s2n_connection_get_write_fd(conn.ptr) == 8


def test_sendv_iovec_typemap(connected):
    client, server = connected
    parts = [b"one ", bytearray(b"two "), memoryview(b"three")]
    assert client.sendv(parts) == 13
    assert _recv_exactly(server, 13) == b"one two three"
    assert capi.s2n_sendv_with_offset(client.ptr, [b"abc", b"def"], 2) == 4
    assert _recv_exactly(server, 4) == b"cdef"
    with pytest.raises(TypeError):
        client.sendv([b"ok", "not bytes"])  # type: ignore[list-item]
