"""s2n._lifecycle: s2n_init once at import, s2n_cleanup_final at exit.

Objects that own a libs2n handle register here, so that the exit handler can
free the ones still alive (connections, then configs, then certificate
chains) before the library is torn down, and so that finalizers running
after that do not touch the library any more.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from typing import Any

from . import capi
from ._errors import Error

_lock = threading.Lock()
_live: "weakref.WeakSet[Any]" = weakref.WeakSet()
_initialized = False
_owner = False


def init() -> None:
    """Initialize libs2n (once per process)."""
    global _initialized, _owner
    with _lock:
        if _initialized:
            return
        try:
            capi.s2n_init()
            _owner = True
        except Error as e:
            if e.name != "S2N_ERR_INITIALIZED":  # someone else in this process did it
                raise
        _initialized = True
    atexit.register(_at_exit)


def alive() -> bool:
    """Whether libs2n may still be called (False once torn down at exit)."""
    return _initialized


def track(obj: Any) -> None:
    """Register an object with a close() method and a _close_order."""
    with _lock:
        _live.add(obj)


def _at_exit() -> None:
    global _initialized
    with _lock:
        objs = sorted(list(_live), key=lambda o: o._close_order)
    busy = False
    for obj in objs:
        try:
            obj.close()
        except Exception:
            pass
        busy = busy or bool(getattr(obj, "_busy", 0))
    with _lock:
        # A daemon thread still inside s2n (a blocked recv) keeps the library:
        # tearing it down under that thread's feet could crash the exit.
        if _initialized and _owner and not busy:
            try:
                capi.s2n_cleanup_final()
            except Exception:
                pass
        _initialized = False
