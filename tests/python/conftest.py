"""pytest configuration of the Python binding tests.

- Fixtures: ``s2nd`` starts tools/s2nd (always stopped at the end of the
  test), ``client_cfg`` / ``server_cfg`` give configs with the test PKI.
- A watchdog dumps the stacks and exits if one test runs for more than
  60 seconds, so that a hang cannot stall ``make check``.
- When S2N_TEST_TAP names a file, one TAP line per test is written to it
  (run-pytest.sh turns them into the automake test's result).
"""

from __future__ import annotations

import faulthandler
import os
from typing import Callable, Dict, List

import pytest

import s2n
import s2ntest

TEST_TIME_LIMIT = 60


@pytest.fixture(autouse=True)
def _watchdog():
    faulthandler.dump_traceback_later(TEST_TIME_LIMIT, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()
    while s2ntest.OPEN_SOCKETS:
        s2ntest.OPEN_SOCKETS.pop().close()


@pytest.fixture
def s2nd() -> Callable[..., s2ntest.S2nd]:
    """Factory: ``s2nd(*options, echo=True, cert=..., key=...)`` starts
    tools/s2nd on a free port and returns the :class:`s2ntest.S2nd`."""
    started: List[s2ntest.S2nd] = []

    def start(*args: str, **kwargs) -> s2ntest.S2nd:
        server = s2ntest.S2nd(*args, **kwargs)
        started.append(server)
        return server

    if not s2ntest.S2ND.exists():
        pytest.fail(f"{s2ntest.S2ND} is not built")
    yield start
    for server in started:
        server.stop()


@pytest.fixture
def client_cfg() -> s2n.Config:
    cfg = s2ntest.client_config()
    yield cfg


@pytest.fixture
def server_cfg() -> s2n.Config:
    cfg = s2ntest.server_config()
    yield cfg


# ---- TAP output --------------------------------------------------------------
_tap_path = os.environ.get("S2N_TEST_TAP")
_tap_count = 0
_reports: Dict[str, list] = {}


def pytest_runtest_logreport(report) -> None:
    _reports.setdefault(report.nodeid, []).append(report)


def pytest_runtest_logfinish(nodeid: str, location) -> None:
    global _tap_count
    if not _tap_path:
        return
    reports = _reports.pop(nodeid, [])
    _tap_count += 1
    name = nodeid.replace("#", "")
    failed = [r for r in reports if r.failed]
    skipped = [r for r in reports if r.skipped]
    if failed:
        line = f"not ok {_tap_count} - {name} ({failed[0].when} failed)"
    elif skipped:
        reason = skipped[0].longrepr[2] if isinstance(skipped[0].longrepr, tuple) else "skipped"
        line = f"ok {_tap_count} - {name} # SKIP {reason}"
    else:
        line = f"ok {_tap_count} - {name}"
    with open(_tap_path, "a", encoding="utf-8") as f:
        f.write(line.replace("\n", " ") + "\n")
