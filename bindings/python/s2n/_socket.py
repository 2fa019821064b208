"""s2n._socket: wrap_socket() and TLSSocket, a socket-like TLS stream."""

from __future__ import annotations

import io
import socket
import time
from typing import Any, Callable, Optional, TypeVar, Union

from ._config import Config
from ._connection import Buffer, Connection
from ._enums import Blinding, Mode, ProtocolVersion
from ._errors import BlockedError

__all__ = ["TLSSocket", "wrap_socket"]

_T = TypeVar("_T")


class TLSSocket:
    """A TLS stream over a connected socket, used like the socket itself.

    Made by :func:`s2n.wrap_socket`.  ``send``/``sendall``/``recv``/
    ``recv_into`` carry application data; :meth:`makefile` gives file
    objects; the object has a ``fileno()`` so it can be registered with
    :mod:`selectors`.  The socket's timeout is honoured:

    - blocking (``None``): calls block (without holding the interpreter lock);
    - a timeout: calls wait at most that long, then raise :class:`TimeoutError`;
    - non-blocking (``0.0``): a call that cannot complete raises
      :class:`s2n.BlockedError`; wait for the event its ``blocked`` names
      (readable or writable) and call again.  Decrypted data may wait inside
      the connection without the socket being readable: check
      :meth:`pending` before waiting to read.
    """

    def __init__(self, sock: socket.socket, connection: Connection) -> None:
        self._sock = sock
        self._conn = connection
        self._io_refs = 0
        self._closed = False
        connection.set_socket(sock)

    # -- socket-like attributes --------------------------------------------
    @property
    def connection(self) -> Connection:
        """The underlying :class:`s2n.Connection` (for its getters)."""
        return self._conn

    @property
    def family(self) -> int:
        return self._sock.family

    @property
    def type(self) -> int:
        return self._sock.type

    @property
    def proto(self) -> int:
        return self._sock.proto

    def fileno(self) -> int:
        """The socket's file descriptor."""
        return self._sock.fileno()

    def getpeername(self) -> Any:
        return self._sock.getpeername()

    def getsockname(self) -> Any:
        return self._sock.getsockname()

    def gettimeout(self) -> Optional[float]:
        return self._sock.gettimeout()

    def settimeout(self, value: Optional[float]) -> None:
        self._sock.settimeout(value)

    def setblocking(self, flag: bool) -> None:
        self._sock.setblocking(flag)

    def getblocking(self) -> bool:
        return self._sock.getblocking()

    def setsockopt(self, *args: Any) -> None:
        self._sock.setsockopt(*args)

    def getsockopt(self, *args: Any) -> Any:
        return self._sock.getsockopt(*args)

    # -- what was negotiated ------------------------------------------------
    def version(self) -> Union[ProtocolVersion, int]:
        """The negotiated protocol version."""
        return self._conn.protocol_version

    def cipher(self) -> str:
        """The negotiated cipher suite name."""
        return self._conn.cipher

    def selected_alpn_protocol(self) -> Optional[str]:
        """The negotiated ALPN protocol, or None."""
        return self._conn.alpn_protocol

    def pending(self) -> int:
        """Decrypted bytes ready to be received without touching the socket."""
        return self._conn.pending()

    # -- I/O ------------------------------------------------------------------
    def _call(self, fn: Callable[[], _T]) -> _T:
        timeout = self._sock.gettimeout()
        if timeout is None:
            return fn()
        deadline = time.monotonic() + timeout
        while True:
            try:
                return fn()
            except BlockedError as e:
                if timeout == 0.0:
                    raise
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._conn._wait(e.blocked, remaining):
                    raise socket.timeout("timed out") from None

    def do_handshake(self) -> None:
        """Run the TLS handshake (again, after a BlockedError)."""
        self._call(self._conn.negotiate)

    def send(self, data: Buffer, flags: int = 0) -> int:
        """Send some of ``data``; returns how many bytes were accepted."""
        if flags:
            raise ValueError("flags are not supported on a TLS socket")
        return self._call(lambda: self._conn.send(data))

    def sendall(self, data: Buffer, flags: int = 0) -> None:
        """Send all of ``data`` (on a non-blocking socket, waits as needed)."""
        if flags:
            raise ValueError("flags are not supported on a TLS socket")
        view = memoryview(data).cast("B")
        sent = 0
        timeout = self._sock.gettimeout()
        while sent < len(view):
            try:
                sent += self._call(lambda: self._conn.send(view[sent:]))
            except BlockedError as e:
                if timeout != 0.0:
                    raise
                self._conn._wait(e.blocked, None)

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        """Receive at most ``bufsize`` bytes; ``b""`` once the peer closed."""
        if flags:
            raise ValueError("flags are not supported on a TLS socket")
        return self._call(lambda: self._conn.recv(bufsize))

    def recv_into(self, buffer: Buffer, nbytes: int = 0, flags: int = 0) -> int:
        """Receive into ``buffer``; returns the count (0 once the peer closed)."""
        if flags:
            raise ValueError("flags are not supported on a TLS socket")
        return self._call(lambda: self._conn.recv_into(buffer, nbytes))

    def makefile(self, mode: str = "r", buffering: Optional[int] = None, *, encoding: Optional[str] = None,
                 errors: Optional[str] = None, newline: Optional[str] = None) -> Any:
        """A file object over the TLS stream, as :meth:`socket.socket.makefile`.

        Closing the TLS socket while files are open defers the close until
        the last file is closed.
        """
        if not set(mode) <= {"r", "w", "b"}:
            raise ValueError(f"invalid mode {mode!r} (only r, w, b allowed)")
        writing = "w" in mode
        reading = "r" in mode or not writing
        binary = "b" in mode
        rawmode = ("r" if reading else "") + ("w" if writing else "")
        raw = _TLSRawIO(self, rawmode)
        self._io_refs += 1
        if buffering is None:
            buffering = -1
        if buffering < 0:
            buffering = io.DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if not binary:
                raise ValueError("unbuffered streams must be binary")
            return raw
        buffer: io.BufferedIOBase
        if reading and writing:
            buffer = io.BufferedRWPair(raw, raw, buffering)
        elif reading:
            buffer = io.BufferedReader(raw, buffering)
        else:
            buffer = io.BufferedWriter(raw, buffering)
        if binary:
            return buffer
        text = io.TextIOWrapper(buffer, encoding, errors, newline)
        text.mode = mode  # type: ignore[misc]
        return text

    def _decref_socketio(self) -> None:
        if self._io_refs > 0:
            self._io_refs -= 1
        if self._closed:
            self.close()

    # -- closing ----------------------------------------------------------------
    def shutdown(self, how: int = socket.SHUT_RDWR) -> None:
        """Send close_notify (for SHUT_WR / SHUT_RDWR), then shut the socket
        down as :meth:`socket.socket.shutdown`."""
        if how in (socket.SHUT_WR, socket.SHUT_RDWR) and not self._conn.closed:
            self._call(self._conn.shutdown_send)
        self._sock.shutdown(how)

    def unwrap(self) -> socket.socket:
        """Close the TLS session cleanly (close_notify both ways) and return
        the plain socket."""
        self._call(self._conn.shutdown)
        self._conn.close()
        return self._sock

    def close(self) -> None:
        """Free the connection and close the socket (once no file made by
        :meth:`makefile` is open)."""
        self._closed = True
        if self._io_refs <= 0:
            self._conn.close()
            self._sock.close()

    def __enter__(self) -> "TLSSocket":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<s2n.TLSSocket fd={self._sock.fileno()} {self._conn!r}>"


class _TLSRawIO(io.RawIOBase):
    """Raw file over a TLSSocket (what makefile() buffers)."""

    def __init__(self, tsock: TLSSocket, mode: str) -> None:
        super().__init__()
        self._tsock: Optional[TLSSocket] = tsock
        self._reading = "r" in mode
        self._writing = "w" in mode
        self._timeout_occurred = False
        self.mode = mode + "b"  # type: ignore[misc]

    def readinto(self, b: Any) -> Optional[int]:
        self._checkClosed()  # type: ignore[attr-defined]
        if not self._reading:
            raise io.UnsupportedOperation("not readable")
        if self._timeout_occurred:
            raise OSError("cannot read from timed out object")
        assert self._tsock is not None
        try:
            return self._tsock.recv_into(b)
        except socket.timeout:
            self._timeout_occurred = True
            raise
        except BlockedError:
            return None

    def write(self, b: Any) -> Optional[int]:
        self._checkClosed()  # type: ignore[attr-defined]
        if not self._writing:
            raise io.UnsupportedOperation("not writable")
        assert self._tsock is not None
        try:
            return self._tsock.send(b)
        except BlockedError:
            return None

    def readable(self) -> bool:
        return self._reading

    def writable(self) -> bool:
        return self._writing

    def fileno(self) -> int:
        assert self._tsock is not None
        return self._tsock.fileno()

    def close(self) -> None:
        if self.closed:
            return
        super().close()
        tsock, self._tsock = self._tsock, None
        if tsock is not None:
            tsock._decref_socketio()


def wrap_socket(sock: socket.socket, *, server_side: bool = False, config: Optional[Config] = None,
                server_hostname: Optional[str] = None, do_handshake_on_connect: bool = True,
                blinding: Optional[Union[Blinding, int]] = None) -> TLSSocket:
    """Run TLS over a connected socket.

    Args:
        sock: a connected stream socket.  The returned object uses it from
            now on (closing the TLSSocket closes it).
        server_side: True to be the server (``config`` must then hold a
            certificate, see :meth:`s2n.Config.load_cert_chain`).
        config: the :class:`s2n.Config` (None: the built-in default).
        server_hostname: client: the SNI name, and the name the server's
            certificate must be valid for.
        do_handshake_on_connect: run the handshake now (blocking sockets and
            sockets with a timeout only; call :meth:`TLSSocket.do_handshake`
            yourself on a non-blocking socket).
        blinding: :class:`s2n.Blinding` for the connection.

    Returns:
        the :class:`TLSSocket`.
    """
    mode = Mode.SERVER if server_side else Mode.CLIENT
    conn = Connection(mode, config, server_name=server_hostname, blinding=blinding)
    tsock = TLSSocket(sock, conn)
    if do_handshake_on_connect and sock.gettimeout() != 0.0:
        try:
            tsock.do_handshake()
        except BaseException:
            conn.close()
            raise
    return tsock
