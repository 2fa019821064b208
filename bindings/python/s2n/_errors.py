"""s2n._errors: the exceptions raised by the s2n bindings.

Every failed libs2n call raises an instance of a subclass of :class:`Error`
chosen by the error's type (``s2n_error_get_type``).  The extension builds
them through :func:`from_c`, which the package hands to the C side once at
import.
"""

from __future__ import annotations

import os
from typing import Optional

__all__ = [
    "Error",
    "IOError",
    "ClosedError",
    "BlockedError",
    "AlertError",
    "ProtocolError",
    "InternalError",
    "UsageError",
    "from_c",
]

# s2n_error_type values (s2n.h).  Repeated here so that this module does not
# depend on the extension; s2n.ErrorType has the same values.
_T_OK, _T_IO, _T_CLOSED, _T_BLOCKED, _T_ALERT, _T_PROTO, _T_INTERNAL, _T_USAGE = range(8)


class Error(Exception):
    """A libs2n call failed.

    Attributes:
        errno: the s2n error code (``s2n_errno``), such as 0x1C000021.
        type: its category, an :class:`s2n.ErrorType` value.
        name: its symbolic name, such as ``"S2N_ERR_INVALID_SECURITY_POLICY"``.
        message: its English text (``s2n_strerror``).
        debug: where in libs2n it was raised (``s2n_strerror_debug``).
    """

    errno: int
    type: int
    name: str
    message: str
    debug: str

    def __init__(self, message: str = "", *, errno: int = 0, type: int = _T_OK, name: str = "",
                 debug: str = "") -> None:
        Exception.__init__(self, f"{name}: {message}" if name else message)
        self._set(errno, type, name, message, debug)

    def _set(self, errno: int, type: int, name: str, message: str, debug: str) -> None:
        self.errno = errno
        self.type = type
        self.name = name
        self.message = message
        self.debug = debug

    def __str__(self) -> str:
        text = f"{self.name}: {self.message}" if self.name else self.message
        return f"{text} ({self.debug})" if self.debug else text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, {self.message!r})"

    def __reduce__(self):  # picklable: rebuilt from its fields
        return (_rebuild, (type(self), self.errno, self.type, self.name, self.message, self.debug,
                           getattr(self, "os_errno", 0), getattr(self, "blocked", 0),
                           getattr(self, "alert", None)))


class IOError(Error, OSError):  # noqa: A001 - s2n.IOError, deliberately an OSError too
    """The transport failed (S2N_ERR_T_IO).

    Also an :class:`OSError`: ``strerror`` and ``os_errno`` describe the system
    error that made the transport fail (``errno`` stays the s2n code, as for
    every :class:`Error`).
    """

    os_errno: int

    def __init__(self, message: str = "", *, errno: int = 0, type: int = _T_IO, name: str = "",
                 debug: str = "", os_errno: int = 0) -> None:
        OSError.__init__(self, os_errno, os.strerror(os_errno) if os_errno else message)
        Error.__init__(self, message, errno=errno, type=type, name=name, debug=debug)
        self.os_errno = os_errno
        self.strerror = os.strerror(os_errno) if os_errno else message

    def __str__(self) -> str:
        text = Error.__str__(self)
        return f"{text}: {os.strerror(self.os_errno)}" if self.os_errno else text


class ClosedError(Error):
    """The connection is closed (S2N_ERR_T_CLOSED): the peer closed the
    transport without a close_notify, or the connection was shut down."""


class BlockedError(Error):
    """The call would block (S2N_ERR_T_BLOCKED): retry it when the transport
    is ready.

    Attributes:
        blocked: what the call waits for, an :class:`s2n.BlockedStatus`
            (``BLOCKED_ON_READ`` or ``BLOCKED_ON_WRITE`` for socket I/O).
    """

    blocked: int

    def __init__(self, message: str = "", *, errno: int = 0, type: int = _T_BLOCKED, name: str = "",
                 debug: str = "", blocked: int = 0) -> None:
        super().__init__(message, errno=errno, type=type, name=name, debug=debug)
        self.blocked = blocked


class AlertError(Error):
    """The peer sent a fatal alert (S2N_ERR_T_ALERT).

    Attributes:
        alert: the alert description number (RFC 8446 6.2), or None if unknown.
    """

    alert: Optional[int]

    def __init__(self, message: str = "", *, errno: int = 0, type: int = _T_ALERT, name: str = "",
                 debug: str = "", alert: Optional[int] = None) -> None:
        super().__init__(message, errno=errno, type=type, name=name, debug=debug)
        self.alert = alert

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text} [alert {self.alert}]" if self.alert is not None else text


class ProtocolError(Error):
    """The peer broke the protocol, or its certificate was rejected
    (S2N_ERR_T_PROTO)."""


class InternalError(Error):
    """An internal or libcrypto failure (S2N_ERR_T_INTERNAL)."""


class UsageError(Error):
    """The API was misused (S2N_ERR_T_USAGE), such as an unknown security
    policy or a call in the wrong state."""


_BY_TYPE = {
    _T_IO: IOError,
    _T_CLOSED: ClosedError,
    _T_BLOCKED: BlockedError,
    _T_ALERT: AlertError,
    _T_PROTO: ProtocolError,
    _T_INTERNAL: InternalError,
    _T_USAGE: UsageError,
}


def from_c(code: int, type: int, name: Optional[str], message: Optional[str], debug: Optional[str],
           sys_errno: int, blocked: int, alert: int) -> Error:
    """Build the exception for a failed call (called by the extension)."""
    cls = _BY_TYPE.get(type, Error)
    kwargs = dict(errno=code, type=type, name=name or "", debug=debug or "")
    if cls is IOError:
        kwargs["os_errno"] = sys_errno
    elif cls is BlockedError:
        kwargs["blocked"] = blocked
    elif cls is AlertError:
        kwargs["alert"] = alert if alert >= 0 else None
    return cls(message or "", **kwargs)


def _rebuild(cls, errno, type, name, message, debug, os_errno, blocked, alert):
    exc = from_c(errno, type, name, message, debug, os_errno, blocked, -1 if alert is None else alert)
    if not isinstance(exc, cls):  # a user subclass
        exc = cls.__new__(cls)
        Error._set(exc, errno, type, name, message, debug)
    return exc
