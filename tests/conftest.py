"""Shared test set-up: the repository root on sys.path, so tests import `storyframes` as the app does;
the test tiers' markers; and, when the tests run in parallel (pytest-xdist), one test at a time for
the tests marked `alone`.

Markers (registered in pyproject.toml):
- `browser`: every test under tests/browser (given here, by folder) and the browser check through
  nginx in tests/test_bench_tools.py;
- `slow`: a test that takes over about 20 s on the 2-core CI machine;
- `alone`: a test that measures memory or load, or starts replicas: under xdist no other test runs
  beside it (see `RunLock`).
The fast tier is `python -m pytest -m "not browser and not slow"` (README, "Test it").
"""

from __future__ import annotations

import fcntl
import functools
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BROWSER_TESTS = ROOT / "tests" / "browser"


def pytest_configure(config):
    # Every new AppTest scans all installed distributions for Streamlit components
    # (streamlit.components.v2.manifest_scanner, called from AppTest's first run): 0.2-0.9 s of each
    # new AppTest here, a few ms of the run that follows. The installed packages do not change
    # during a test run, so the scan is made once per process. (A Streamlit without that module
    # simply scans as it does.)
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:
        return
    scan = getattr(manifest_scanner, "scan_component_manifests", None)
    if scan is not None and not hasattr(scan, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(scan)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


class RunLock:
    """A readers-writer lock between the xdist workers of one run, on two files: every test holds
    it shared for its whole run (set-up, call, tear-down), a test marked `alone` holds it
    exclusively, so it starts once the other worker's test has ended and no test starts beside it.
    The gate, taken first, keeps an `alone` test that waits from being passed by the other worker's
    next tests."""

    def __init__(self, run_id: str) -> None:
        folder = Path(tempfile.gettempdir())
        self.gate = folder / f"storyframes-tests-{run_id}.gate"
        self.lock = folder / f"storyframes-tests-{run_id}.lock"

    @contextmanager
    def _held(self, path: Path, how: int):
        with path.open("a") as f:
            fcntl.flock(f, how)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    @contextmanager
    def shared(self):
        with self._held(self.gate, fcntl.LOCK_EX):  # waits while an `alone` test holds the gate
            pass
        with self._held(self.lock, fcntl.LOCK_SH):
            yield

    @contextmanager
    def exclusive(self):
        with self._held(self.gate, fcntl.LOCK_EX), self._held(self.lock, fcntl.LOCK_EX):
            yield

    def remove(self) -> None:
        for path in (self.gate, self.lock):
            path.unlink(missing_ok=True)


def _run_lock(config) -> RunLock | None:
    """The lock of this xdist run (None when the tests run in one process)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        return None
    if not hasattr(config, "_storyframes_run_lock"):
        config._storyframes_run_lock = RunLock(workerinput["testrunuid"])
    return config._storyframes_run_lock


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    lock = _run_lock(item.config)
    if lock is None:
        return (yield)
    with lock.exclusive() if item.get_closest_marker("alone") else lock.shared():
        return (yield)


def pytest_sessionfinish(session):
    # A worker that has finished starts no test, so its peer may recreate the files if it needs them.
    lock = _run_lock(session.config)
    if lock is not None and os.environ.get("PYTEST_XDIST_WORKER"):
        lock.remove()
