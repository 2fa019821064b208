"""s2n._connection: Connection (``struct s2n_connection``)."""

from __future__ import annotations

import selectors
import socket
import threading
from typing import Any, Callable, Iterable, Optional, Tuple, Union

from . import _lifecycle, capi
from ._config import Config
from ._enums import Blinding, BlockedStatus, Mode, PeerKeyUpdate, ProtocolVersion, SignatureAlgorithm, HashAlgorithm
from ._errors import BlockedError, Error

__all__ = ["Connection", "Buffer"]

#: Anything with the buffer protocol: bytes, bytearray, memoryview, array, mmap ...
Buffer = Union[bytes, bytearray, memoryview]

SendCallback = Callable[[bytes], Optional[int]]
RecvCallback = Callable[[int], Optional[Buffer]]


def _version(value: int) -> Union[ProtocolVersion, int]:
    try:
        return ProtocolVersion(value)
    except ValueError:
        return value


class Connection:
    """One TLS connection (``struct s2n_connection``).

    Give it a transport (:meth:`set_socket`, :meth:`set_fd` or
    :meth:`set_io`), then call :meth:`negotiate`, :meth:`send` / :meth:`recv`
    and :meth:`shutdown`.  On a blocking transport each call blocks (without
    holding the interpreter lock); on a non-blocking one a call that would
    block raises :class:`s2n.BlockedError`, whose ``blocked`` says whether
    to wait for the transport to become readable or writable.

    A Connection is a context manager: leaving the ``with`` block frees it
    (it does not shut the TLS session down; call :meth:`shutdown` first for a
    clean close).

    Example::

        with s2n.Connection(s2n.Mode.CLIENT, config, server_name="localhost") as conn:
            conn.set_socket(sock)
            conn.negotiate()
            conn.sendall(b"hello")
            print(conn.recv(4096))
            conn.shutdown()
    """

    _close_order = 0  # closed first at exit

    def __init__(self, mode: Union[Mode, int], config: Optional[Config] = None, *,
                 server_name: Optional[str] = None, blinding: Optional[Union[Blinding, int]] = None,
                 policy: Optional[str] = None, alpn_protocols: Optional[Iterable[Union[str, bytes]]] = None) -> None:
        """Create a connection for ``mode`` (:attr:`s2n.Mode.CLIENT` or
        :attr:`s2n.Mode.SERVER`) using ``config`` (None: the library's
        built-in default config).

        Keyword arguments: ``server_name`` (client: the SNI name, also the
        name the certificate is checked against), ``blinding``
        (:class:`s2n.Blinding`), ``policy`` and ``alpn_protocols``
        (per-connection overrides of the config's).
        """
        self._ptr: Any = None
        self._config: Optional[Config] = None
        self._io: Tuple[Any, ...] = ()
        self._sock: Optional[socket.socket] = None
        self._blinding: Optional[Blinding] = None
        # Calls in progress without the interpreter lock; close() during one
        # (from another thread) defers the free until it returns.
        self._lock = threading.Lock()
        self._busy = 0
        self._close_pending = False
        self._mode = Mode(mode)
        self._ptr = capi.s2n_connection_new(int(self._mode))
        _lifecycle.track(self)
        if config is not None:
            self.config = config
        if server_name is not None:
            self.server_name = server_name
        if blinding is not None:
            self.blinding = blinding
        if policy is not None:
            capi.s2n_connection_set_cipher_preferences(self._ptr, policy)
        if alpn_protocols is not None:
            names = [p.decode("ascii") if isinstance(p, (bytes, bytearray)) else str(p) for p in alpn_protocols]
            capi.s2n_connection_set_protocol_preferences(self._ptr, names)

    # -- lifetime -----------------------------------------------------------
    @property
    def ptr(self) -> Any:
        """The underlying ``struct s2n_connection *`` for s2n.capi calls."""
        if self._ptr is None:
            raise ValueError("the connection is closed")
        return self._ptr

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` freed the connection."""
        return self._ptr is None

    def close(self) -> None:
        """Free the connection (wiping its secrets).  The transport is not
        closed.  Idempotent.  Called while another thread is inside
        negotiate/send/recv/shutdown on this connection, the free happens
        when that call returns."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            if self._busy:
                self._close_pending = True
                return
            ptr, self._ptr = self._ptr, None
        if ptr is None:
            return
        if _lifecycle.alive():
            capi.s2n_connection_free(ptr)
        self._io = ()
        self._sock = None
        self._config = None

    def _blocking_call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a capi call that releases the interpreter lock, keeping the
        connection alive until it returns."""
        with self._lock:
            ptr = self.ptr
            self._busy += 1
        try:
            return fn(ptr, *args)
        finally:
            with self._lock:
                self._busy -= 1
                close_now = self._busy == 0 and self._close_pending
                self._close_pending = False if close_now else self._close_pending
            if close_now:
                self.close()

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        state = "closed" if self._ptr is None else capi.s2n_connection_get_last_message_name(self._ptr)
        return f"<s2n.Connection {self._mode.name} {state}>"

    # -- configuration ------------------------------------------------------
    @property
    def mode(self) -> Mode:
        """:attr:`s2n.Mode.CLIENT` or :attr:`s2n.Mode.SERVER`."""
        return self._mode

    @property
    def config(self) -> Optional[Config]:
        """The :class:`s2n.Config` in use (None: the built-in default)."""
        return self._config

    @config.setter
    def config(self, config: Config) -> None:
        if not isinstance(config, Config):
            raise TypeError(f"expected an s2n.Config, not {type(config).__name__}")
        capi.s2n_connection_set_config(self.ptr, config.ptr)
        self._config = config

    @property
    def server_name(self) -> Optional[str]:
        """The SNI name: the one received (server) or set (client)."""
        return capi.s2n_get_server_name(self.ptr)

    @server_name.setter
    def server_name(self, name: str) -> None:
        capi.s2n_set_server_name(self.ptr, name)

    @property
    def blinding(self) -> Optional[Blinding]:
        """Who waits out the delay after a failure (:class:`s2n.Blinding`;
        None: the library default, built-in blinding, which sleeps 10-30 s
        inside the failing call)."""
        return self._blinding

    @blinding.setter
    def blinding(self, value: Union[Blinding, int]) -> None:
        capi.s2n_connection_set_blinding(self.ptr, int(value))
        self._blinding = Blinding(value)

    @property
    def delay(self) -> int:
        """Nanoseconds of blinding delay still to wait (self-service blinding)."""
        return int(capi.s2n_connection_get_delay(self.ptr))

    def prefer_throughput(self) -> None:
        """Send records of up to 16 KiB."""
        capi.s2n_connection_prefer_throughput(self.ptr)

    def prefer_low_latency(self) -> None:
        """Send records that fit one packet."""
        capi.s2n_connection_prefer_low_latency(self.ptr)

    def request_key_update(self, peer_request: Union[PeerKeyUpdate, int] = PeerKeyUpdate.NOT_REQUESTED) -> None:
        """Schedule a TLS 1.3 KeyUpdate, sent with the next :meth:`send`."""
        capi.s2n_connection_request_key_update(self.ptr, int(peer_request))

    # -- transport ----------------------------------------------------------
    def set_socket(self, sock: socket.socket) -> None:
        """Read and write on ``sock`` (kept referenced; not closed by
        :meth:`close`).  The socket's blocking mode decides whether calls
        block or raise :class:`s2n.BlockedError`."""
        capi.s2n_connection_set_fd(self.ptr, sock.fileno())
        self._io = ()
        self._sock = sock

    def set_fd(self, fd: int, write_fd: Optional[int] = None) -> None:
        """Read and write on file descriptor ``fd`` (or read ``fd`` and
        write ``write_fd``)."""
        if write_fd is None:
            capi.s2n_connection_set_fd(self.ptr, int(fd))
        else:
            capi.s2n_connection_set_read_fd(self.ptr, int(fd))
            capi.s2n_connection_set_write_fd(self.ptr, int(write_fd))
        self._io = ()
        self._sock = None

    def set_io(self, send: SendCallback, recv: RecvCallback) -> None:
        """Read and write through Python callables instead of a descriptor.

        ``send(data: bytes) -> int`` writes some of ``data`` and returns how
        much; ``recv(n: int) -> bytes`` returns at most ``n`` bytes (``b""``
        at the end of the stream).  Either signals "would block" by returning
        None or raising :class:`BlockingIOError` (so a non-blocking socket's
        ``send``/``recv`` can be passed directly).  Any other exception is
        raised again from the s2n call that needed the I/O.
        """
        capi.s2n_py_connection_set_send_callback(self.ptr, send)
        capi.s2n_py_connection_set_recv_callback(self.ptr, recv)
        self._io = (send, recv)
        self._sock = None

    def fileno(self) -> int:
        """The file descriptor read from (s2n.Error when callbacks are used)."""
        return int(capi.s2n_connection_get_read_fd(self.ptr))

    # -- the TLS session ----------------------------------------------------
    def negotiate(self) -> None:
        """Run (or continue) the handshake until it is complete.

        Raises:
            s2n.BlockedError: non-blocking transport, call again when ready.
            s2n.Error: the handshake failed (a subclass says how).
        """
        self._blocking_call(capi.s2n_negotiate)

    def send(self, data: Buffer) -> int:
        """Encrypt and send some of ``data`` (any bytes-like object).

        Returns:
            how many bytes were accepted (maybe fewer than ``len(data)``).
        Raises:
            s2n.BlockedError: nothing could be sent yet (non-blocking).
        """
        return int(self._blocking_call(capi.s2n_send, data))

    def sendall(self, data: Buffer) -> None:
        """Send all of ``data``.  On a non-blocking socket (set with
        :meth:`set_socket`), waits for it to become writable as needed;
        with callbacks a :class:`s2n.BlockedError` is raised."""
        view = memoryview(data).cast("B")
        sent = 0
        while sent < len(view):
            try:
                sent += self.send(view[sent:])
            except BlockedError as e:
                if self._sock is None:
                    raise
                self._wait(e.blocked, None)

    def sendv(self, buffers: Iterable[Buffer]) -> int:
        """Send from several buffers at once (``s2n_sendv``).

        Returns:
            how many bytes were accepted.
        """
        return int(self._blocking_call(capi.s2n_sendv, list(buffers)))

    def recv(self, size: int) -> bytes:
        """Receive at most ``size`` bytes of application data (at most one
        record's worth per call).

        Returns:
            the data, or ``b""`` once the peer has sent close_notify.
        Raises:
            s2n.BlockedError: no data yet (non-blocking).
            s2n.ClosedError: the transport closed without close_notify.
        """
        return self._blocking_call(capi.s2n_recv, int(size))

    def recv_into(self, buffer: Buffer, nbytes: int = 0) -> int:
        """Like :meth:`recv`, into a writable buffer.  Returns the count."""
        view = memoryview(buffer).cast("B")
        if nbytes:
            view = view[:nbytes]
        return int(self._blocking_call(capi.s2n_recv, view))

    def pending(self) -> int:
        """Bytes of decrypted application data waiting to be received."""
        return int(capi.s2n_peek(self.ptr))

    def set_recv_buffering(self, enabled: bool = True) -> None:
        """Read as much as the transport has per read (records ahead
        included) instead of one record at a time: fewer system calls.
        Records may then wait inside the connection while the socket has
        nothing to read, so before selecting on the socket again call
        :meth:`recv` until it raises :class:`s2n.BlockedError` (or
        :meth:`buffered` is 0).  Off by default; :meth:`wipe` resets it."""
        capi.s2n_connection_set_recv_buffering(self.ptr, bool(enabled))

    def buffered(self) -> int:
        """Bytes read from the transport and not yet decrypted (with recv
        buffering: records waiting for :meth:`recv`)."""
        return int(capi.s2n_peek_buffered(self.ptr))

    def shutdown(self) -> None:
        """Close the TLS session cleanly: send close_notify and wait for the
        peer's.  The transport stays open."""
        self._blocking_call(capi.s2n_shutdown)

    def shutdown_send(self) -> None:
        """Send close_notify without waiting; reading stays possible."""
        self._blocking_call(capi.s2n_shutdown_send)

    def _wait(self, blocked: int, timeout: Optional[float]) -> bool:
        """Wait until the socket set with set_socket is ready for what a
        BlockedError said (``blocked``).  Returns False on timeout."""
        assert self._sock is not None
        events = selectors.EVENT_WRITE if blocked == BlockedStatus.BLOCKED_ON_WRITE else selectors.EVENT_READ
        with selectors.DefaultSelector() as sel:
            sel.register(self._sock.fileno(), events)
            return bool(sel.select(timeout))

    # -- memory -------------------------------------------------------------
    def free_handshake(self) -> None:
        """Free what only the handshake needed; the getters keep working."""
        capi.s2n_connection_free_handshake(self.ptr)

    def release_buffers(self) -> None:
        """Free the record buffers of an idle connection (reallocated when
        needed).  s2n.Error while unsent or unread data remains."""
        capi.s2n_connection_release_buffers(self.ptr)

    def wipe(self) -> None:
        """Reset to a new connection of the same mode and config, keeping
        its allocations.  The transport must be set again."""
        capi.s2n_connection_wipe(self.ptr)
        # Callables given to set_io stay referenced: C may still hold them.
        self._sock = None
        self._blinding = None

    # -- what was negotiated ------------------------------------------------
    @property
    def protocol_version(self) -> Union[ProtocolVersion, int]:
        """The negotiated protocol version (:class:`s2n.ProtocolVersion`)."""
        return _version(capi.s2n_connection_get_actual_protocol_version(self.ptr))

    @property
    def client_protocol_version(self) -> Union[ProtocolVersion, int]:
        """The highest version the client offered."""
        return _version(capi.s2n_connection_get_client_protocol_version(self.ptr))

    @property
    def server_protocol_version(self) -> Union[ProtocolVersion, int]:
        """The server's highest version (server) or the version it chose (client)."""
        return _version(capi.s2n_connection_get_server_protocol_version(self.ptr))

    @property
    def client_hello_version(self) -> Union[ProtocolVersion, int]:
        """The version of the ClientHello record (at most TLS 1.2)."""
        return _version(capi.s2n_connection_get_client_hello_version(self.ptr))

    @property
    def cipher(self) -> str:
        """The negotiated cipher suite, such as ``"TLS_AES_128_GCM_SHA256"``."""
        return capi.s2n_connection_get_cipher(self.ptr)

    @property
    def cipher_iana(self) -> Tuple[int, int]:
        """The negotiated cipher suite's two IANA bytes."""
        return tuple(capi.s2n_connection_get_cipher_iana_value(self.ptr))  # type: ignore[return-value]

    @property
    def curve(self) -> str:
        """The ECDHE group, such as ``"x25519"`` (``"NONE"`` before)."""
        return capi.s2n_connection_get_curve(self.ptr)

    @property
    def key_exchange_group(self) -> Optional[str]:
        """The negotiated key exchange group, or None."""
        try:
            return capi.s2n_connection_get_key_exchange_group(self.ptr)
        except Error:
            return None

    @property
    def alpn_protocol(self) -> Optional[str]:
        """The negotiated ALPN protocol, or None."""
        return capi.s2n_get_application_protocol(self.ptr)

    @property
    def handshake_type(self) -> str:
        """The handshake's flags, such as ``"NEGOTIATED|FULL_HANDSHAKE"``."""
        return capi.s2n_connection_get_handshake_type_name(self.ptr)

    @property
    def last_message(self) -> str:
        """The name of the current handshake message."""
        return capi.s2n_connection_get_last_message_name(self.ptr)

    @property
    def alert(self) -> Optional[int]:
        """The alert the peer sent, or None."""
        try:
            return int(capi.s2n_connection_get_alert(self.ptr))
        except Error:
            return None

    @property
    def signature_algorithm(self) -> Union[SignatureAlgorithm, int]:
        """The server's signature algorithm."""
        value = capi.s2n_connection_get_selected_signature_algorithm(self.ptr)
        try:
            return SignatureAlgorithm(value)
        except ValueError:
            return value

    @property
    def digest_algorithm(self) -> Union[HashAlgorithm, int]:
        """The hash of the server's signature."""
        value = capi.s2n_connection_get_selected_digest_algorithm(self.ptr)
        try:
            return HashAlgorithm(value)
        except ValueError:
            return value

