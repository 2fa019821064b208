"""S2N_FAILURE -> exceptions: classes, attributes, mapping of every type."""

from __future__ import annotations

import errno
import pickle
import socket

import pytest

import s2n
import s2ntest
from s2n import capi


def test_unknown_policy_is_usage_error():
    with pytest.raises(s2n.UsageError) as info:
        s2n.Config(policy="no-such-policy")
    e = info.value
    assert isinstance(e, s2n.Error)
    assert e.name == "S2N_ERR_INVALID_SECURITY_POLICY"
    assert e.type == s2n.ErrorType.USAGE == s2n.error_type(e.errno)
    assert e.errno >> 26 == s2n.ErrorType.USAGE
    assert e.message == s2n.strerror(e.errno) == "unknown security policy"
    assert s2n.strerror_name(e.errno) == e.name
    assert e.debug.startswith("Error encountered in ")
    assert "S2N_ERR_INVALID_SECURITY_POLICY" in str(e)
    assert capi.s2n_py_errno() == e.errno
    # The low-level call raises the same way.
    cfg = s2n.Config()
    with pytest.raises(s2n.UsageError):
        capi.s2n_config_set_cipher_preferences(cfg.ptr, "no-such-policy")
    cfg.policy = "default_tls13"  # and a good one still works
    assert cfg.policy == "default_tls13"


def test_misuse_recv_before_negotiate(client_cfg):
    conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg)
    with pytest.raises(s2n.UsageError) as info:
        conn.recv(10)
    assert info.value.name == "S2N_ERR_INVALID_STATE"
    with pytest.raises(s2n.UsageError):
        conn.send(b"too early")


def test_misuse_server_name_on_server():
    conn = s2n.Connection(s2n.Mode.SERVER)
    with pytest.raises(s2n.UsageError) as info:
        conn.server_name = "example.com"
    assert info.value.name == "S2N_ERR_CLIENT_MODE"


def test_blocked_error_carries_blocked_status(client_cfg):
    a, b = socket.socketpair()
    a.setblocking(False)
    conn = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost")
    conn.set_socket(a)
    with pytest.raises(s2n.BlockedError) as info:
        conn.negotiate()
    assert info.value.blocked == s2n.BlockedStatus.BLOCKED_ON_READ
    assert info.value.name == "S2N_ERR_IO_BLOCKED"
    assert info.value.type == s2n.ErrorType.BLOCKED
    assert b.recv(5)[0] == 22  # the ClientHello went out (handshake record)
    a.close()
    b.close()


def test_alert_error_carries_alert(server_cfg):
    # The client does not trust the server: it sends a fatal alert, which
    # the server reports as AlertError with the alert's number.
    client, server, socks = s2ntest.pair(s2n.Config(minimal=True), server_cfg)
    with pytest.raises(s2n.Error) as info:
        s2ntest.negotiate_pair(client, server)
    assert isinstance(info.value, s2n.ProtocolError)
    with pytest.raises(s2n.AlertError) as alert_info:
        for _ in range(10):
            try:
                server.negotiate()
            except s2n.BlockedError:
                pass
    e = alert_info.value
    assert e.name == "S2N_ERR_ALERT"
    assert e.type == s2n.ErrorType.ALERT
    assert e.alert in (42, 43, 46, 48)  # bad_certificate, unsupported, unknown, unknown_ca
    assert server.alert == e.alert
    assert f"alert {e.alert}" in str(e)


def test_closed_error_when_transport_closes_without_close_notify(client_cfg, server_cfg):
    client, server, (a, b) = s2ntest.pair(client_cfg, server_cfg)
    s2ntest.negotiate_pair(client, server)
    b.close()  # the server's transport goes away, no close_notify
    with pytest.raises(s2n.ClosedError) as info:
        for _ in range(10):
            try:
                client.recv(10)
            except s2n.BlockedError:
                pass
    assert info.value.name == "S2N_ERR_CLOSED"
    a.close()


def test_io_error_is_an_oserror(client_cfg, server_cfg):
    a, b = socket.socketpair()
    # Self-service blinding: built-in blinding would sleep 10-30 s in the
    # failing send.
    client = s2n.Connection(s2n.Mode.CLIENT, client_cfg, server_name="localhost", blinding=s2n.Blinding.SELF_SERVICE)
    server = s2n.Connection(s2n.Mode.SERVER, server_cfg, blinding=s2n.Blinding.SELF_SERVICE)
    client.set_socket(a)
    server.set_socket(b)
    a.setblocking(False)
    b.setblocking(False)
    s2ntest.negotiate_pair(client, server)
    b.close()
    with pytest.raises(OSError) as info:
        for _ in range(100):
            client.send(b"x" * 20000)
    e = info.value
    assert isinstance(e, s2n.IOError) and isinstance(e, s2n.Error)
    assert e.name == "S2N_ERR_IO"
    assert e.os_errno in (errno.EPIPE, errno.ECONNRESET)
    assert e.strerror
    a.close()


def test_every_error_type_maps_to_its_class():
    expected = {
        s2n.ErrorType.IO: s2n.IOError,
        s2n.ErrorType.CLOSED: s2n.ClosedError,
        s2n.ErrorType.BLOCKED: s2n.BlockedError,
        s2n.ErrorType.ALERT: s2n.AlertError,
        s2n.ErrorType.PROTO: s2n.ProtocolError,
        s2n.ErrorType.INTERNAL: s2n.InternalError,
        s2n.ErrorType.USAGE: s2n.UsageError,
    }
    for t, cls in expected.items():
        code = int(t) << 26
        e = s2n._from_c(code, int(t), s2n.strerror_name(code), s2n.strerror(code), "dbg", errno.EPIPE, 2, 40)
        assert type(e) is cls and isinstance(e, s2n.Error)
        assert (e.errno, e.type, e.name, e.debug) == (code, t, s2n.strerror_name(code), "dbg")
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is cls and again.errno == code and again.name == e.name
    assert s2n._from_c(int(s2n.ErrorType.BLOCKED) << 26, 3, "", "", "", 0, 2, -1).blocked == 2
    assert s2n._from_c(int(s2n.ErrorType.ALERT) << 26, 4, "", "", "", 0, 0, 40).alert == 40
    assert s2n._from_c(int(s2n.ErrorType.ALERT) << 26, 4, "", "", "", 0, 0, -1).alert is None
    assert issubclass(s2n.IOError, OSError) and not issubclass(s2n.ProtocolError, OSError)


def test_error_names_and_texts():
    assert s2n.strerror_name(0) == "S2N_ERR_OK"
    assert s2n.strerror(int(s2n.ErrorType.BLOCKED) << 26) == "underlying I/O operation would block"
    assert s2n.error_type(int(s2n.ErrorType.ALERT) << 26) == s2n.ErrorType.ALERT


def test_null_handles_and_bad_arguments_are_rejected():
    with pytest.raises(TypeError):
        capi.s2n_connection_get_cipher("not a connection")
    with pytest.raises(s2n.Error) as info:
        capi.s2n_connection_get_cipher(None)
    assert info.value.name == "S2N_ERR_NULL"
    with pytest.raises(TypeError):
        s2n.Connection(s2n.Mode.CLIENT).config = "not a config"  # type: ignore[assignment]
    with pytest.raises(ValueError):
        s2n.Connection(7)  # not a mode
