"""The generated module s2n.capi and the package as a whole."""

from __future__ import annotations

import enum
import inspect
import os
import re
import subprocess
import sys
import textwrap

import pytest

import s2n
import s2ntest
from s2n import capi


def _header_functions():
    text = (s2ntest.TOP_SRCDIR / "libtls" / "include" / "s2n.h").read_text()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    names = re.findall(r"S2N_API\s+extern\s+[^;(]*?\b(s2n_\w+)\s*\(", text)
    assert len(names) > 50
    return names


def test_every_header_function_is_wrapped():
    missing = [name for name in _header_functions() if not callable(getattr(capi, name, None))]
    assert not missing, missing


def test_header_docs_become_docstrings():
    assert "Drive the handshake" in (capi.s2n_negotiate.__doc__ or "")
    for obj in (s2n.Config, s2n.Connection, s2n.TLSSocket, s2n.wrap_socket, s2n.Error, s2n.BlockedError,
                s2n.Connection.negotiate, s2n.Config.load_cert_chain, s2n.Connection.protocol_version):
        assert (obj.__doc__ or "").strip(), obj


def test_type_hints_are_present():
    hints = inspect.signature(s2n.wrap_socket).parameters
    assert hints["server_side"].kind is inspect.Parameter.KEYWORD_ONLY
    assert "Optional" in str(inspect.signature(s2n.Connection.__init__))
    pkg = os.path.dirname(s2n.__file__)
    assert os.path.exists(os.path.join(pkg, "py.typed"))


def test_enums_match_the_c_constants():
    for cls in (s2n.Mode, s2n.ErrorType, s2n.BlockedStatus, s2n.ProtocolVersion, s2n.Blinding,
                s2n.PeerKeyUpdate, s2n.FipsMode, s2n.SignatureAlgorithm, s2n.HashAlgorithm):
        assert issubclass(cls, enum.IntEnum)
    assert s2n.ProtocolVersion.TLS13 == capi.S2N_TLS13 == 34
    assert s2n.ProtocolVersion.TLS12 == 33
    assert s2n.Mode.SERVER == capi.S2N_SERVER == 0 and s2n.Mode.CLIENT == capi.S2N_CLIENT == 1
    assert s2n.BlockedStatus.BLOCKED_ON_WRITE == capi.S2N_BLOCKED_ON_WRITE == 2
    assert [int(t) for t in s2n.ErrorType] == list(range(8))
    assert s2n.SignatureAlgorithm.RSA_PSS_PSS == 225 and s2n.HashAlgorithm.MD5_SHA1 == 224
    assert capi.S2N_SUCCESS == 0 and capi.S2N_FAILURE == -1 and capi.S2N_CALLBACK_BLOCKED == -2


def test_library_is_initialized_once():
    with pytest.raises(s2n.Error) as info:
        capi.s2n_init()
    assert info.value.name == "S2N_ERR_INITIALIZED"
    assert s2n.openssl_version() >= 0x30000000


def test_in_tree_package_is_used():
    # The tests must exercise the build tree, not an installed copy.
    assert str(s2ntest.TOP_BUILDDIR) in os.path.realpath(s2n.__file__)
    assert os.path.realpath(capi._s2n.__file__).startswith(os.path.dirname(os.path.realpath(s2n.__file__)))


def test_objects_alive_at_exit_are_freed_cleanly():
    """Connections and configs still referenced when the interpreter exits
    are freed before s2n_cleanup_final, without a crash."""
    script = textwrap.dedent(f"""
        import s2n, socket
        cfg = s2n.Config(minimal=True)
        cfg.load_cert_chain({str(s2ntest.SERVER_CHAIN)!r}, {str(s2ntest.SERVER_KEY)!r})
        conns = [s2n.Connection(s2n.Mode.SERVER, cfg) for _ in range(3)]
        a, b = socket.socketpair()
        conns[0].set_io(a.send, a.recv)
        cycle = [conns]
        cycle.append(cycle)
        print("ok")
    """)
    result = s2ntest.run([sys.executable, "-c", script])
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"ok\n"
    assert result.stderr == b""


def test_config_outlives_its_connections():
    cfg = s2ntest.client_config()
    conn = s2n.Connection(s2n.Mode.CLIENT, cfg)
    del cfg  # the connection keeps it
    assert conn.config is not None
    with pytest.raises(s2n.Error):
        conn.config.close()  # still in use by conn
    conn.close()
    assert conn.config is None


def test_extension_links_with_no_undefined_symbols(tmp_path):
    """Relink the extension's object with -Wl,--no-undefined against libs2n
    and libpython: every symbol it uses must resolve (a misspelt or missing
    libs2n function would otherwise only fail at import)."""
    import sysconfig

    libs = s2ntest.TOP_BUILDDIR / "bindings" / "python" / ".libs"
    objects = sorted(libs.glob("*s2n_wrap.o"))
    assert objects, f"no wrapper object in {libs}"
    libdir = sysconfig.get_config_var("LIBDIR")
    ldlibrary = sysconfig.get_config_var("LDLIBRARY") or ""
    if not ldlibrary.endswith(".so"):
        pytest.fail(f"no shared libpython to link against ({ldlibrary})")
    cc = os.environ.get("CC", "cc").split()
    argv = cc + ["-shared", "-o", str(tmp_path / "_s2n_check.so"), *map(str, objects),
                 f"-L{s2ntest.TOP_BUILDDIR / 'libtls' / '.libs'}", "-ls2n",
                 f"-L{libdir}", "-l" + ldlibrary[3:-3], "-Wl,--no-undefined"]
    if "libasan" in os.environ.get("LD_PRELOAD", ""):  # sanitizer build (run-pytest.sh)
        argv.insert(1, "-fsanitize=address,undefined")
    result = s2ntest.run(argv, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
