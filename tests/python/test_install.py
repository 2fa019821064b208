"""After `make install DESTDIR=...`, a script outside the tree imports the
installed package and completes a handshake with s2nd."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

import s2ntest


def _buildinfo():
    path = s2ntest.TOP_BUILDDIR / "bindings" / "python" / "stage" / "buildinfo"
    if not path.exists():
        pytest.fail(f"{path} is missing: build the bindings with make first")
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def test_destdir_install_then_import_and_handshake(s2nd, tmp_path):
    info = _buildinfo()
    root = tmp_path / "root"
    make = os.environ.get("MAKE", "make")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run([make, "-C", str(s2ntest.TOP_BUILDDIR), "install", f"DESTDIR={root}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=180)
    assert result.returncode == 0, result.stdout.decode(errors="replace")[-3000:]

    pkg = root / info["pys2ndir"].lstrip("/")
    for name in ("__init__.py", "capi.py", "_s2n.so", "_connection.py", "py.typed"):
        assert (pkg / name).exists(), f"{name} not installed in {pkg}"
    libdir = root / info["libdir"].lstrip("/")
    assert (libdir / "libs2n.so.1").exists()
    # The installed extension no longer points into the build tree.
    dyn = subprocess.run(["readelf", "-d", str(pkg / "_s2n.so")], stdout=subprocess.PIPE, timeout=30)
    if dyn.returncode == 0:
        assert str(s2ntest.TOP_BUILDDIR).encode() not in dyn.stdout

    server = s2nd("--max-conns=1")
    script = tmp_path / "outside" / "client.py"
    script.parent.mkdir()
    script.write_text(textwrap.dedent(f"""
        import socket, s2n
        assert s2n.__file__.startswith({str(root)!r}), s2n.__file__
        cfg = s2n.Config(minimal=True)
        cfg.load_verify_locations(cafile={str(s2ntest.CA)!r})
        with socket.create_connection(("127.0.0.1", {server.port}), timeout=10) as raw:
            with s2n.wrap_socket(raw, config=cfg, server_hostname="localhost") as tls:
                tls.sendall(b"installed\\n")
                assert tls.recv(100) == b"installed\\n"
                print(tls.version().name, tls.cipher())
                tls.unwrap()
    """))
    run_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LD_LIBRARY_PATH")}
    run_env["PYTHONPATH"] = str(root / info["pyexecdir"].lstrip("/"))
    run_env["LD_LIBRARY_PATH"] = str(libdir)
    run = subprocess.run([sys.executable, str(script)], cwd=str(script.parent), env=run_env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    assert run.stdout.startswith(b"TLS13 TLS_")
    assert server.wait_exit() == 0
    shutil.rmtree(root, ignore_errors=True)
