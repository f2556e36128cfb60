"""In-process timings: the cold data-package load and each page's warm script run (AppTest).

A page is opened as a reader opens it (the app's entry file, then `switch_page`), run once to
warm the caches, then re-run N times. Pages and the floor are re-run in interleaved rounds, so
a burst of noise on the machine touches all of them alike.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import Samples

APPTEST_TIMEOUT_S = 120


@dataclass(frozen=True)
class Script:
    """A page to run: the entry file, and the page to switch to (None: the entry page itself)."""

    name: str
    entry: Path
    page: str | None = None


def time_package_load() -> Samples:
    """`storyframes.core.data.load_package()` once, uncached: the first call in this process."""
    try:
        from storyframes.core.data import load_package

        t0 = time.perf_counter()
        load_package()
        return Samples([(time.perf_counter() - t0) * 1000])
    except Exception as exc:  # noqa: BLE001 - a broken package is a result to report, not a crash
        return Samples(error=f"{type(exc).__name__}: {exc}")


def _exception(at) -> str | None:
    if at.exception:
        return f"the script raised: {at.exception[0].value}"
    return None


def time_scripts(scripts: Sequence[Script], runs: int, log=print, first: dict[str, float] | None = None) -> dict[str, Samples]:
    """Median-ready warm re-run times (ms) per script, measured in interleaved rounds. `first`,
    if given, receives each script's first (warm-up) run time."""
    from streamlit.testing.v1 import AppTest

    results: dict[str, Samples] = {s.name: Samples() for s in scripts}
    tests = {}
    for script in scripts:
        try:
            at = AppTest.from_file(str(script.entry), default_timeout=APPTEST_TIMEOUT_S)
            if script.page is not None:
                at.switch_page(script.page)
            t0 = time.perf_counter()
            at.run()  # warm-up: imports, cache fill
            elapsed = (time.perf_counter() - t0) * 1000
            if first is not None:
                first[script.name] = elapsed
            log(f"  {script.name}: first run {elapsed:.0f} ms")
            results[script.name].error = _exception(at)
        except Exception as exc:  # noqa: BLE001 - e.g. a timeout: report it, go on with the others
            results[script.name].error = f"{type(exc).__name__}: {exc}"
        if results[script.name].error is None:
            tests[script.name] = at
        else:
            log(f"  {script.name}: {results[script.name].error}")
    for _round in range(runs):
        for name, at in list(tests.items()):
            try:
                t0 = time.perf_counter()
                at.run()
                elapsed = (time.perf_counter() - t0) * 1000
                results[name].error = _exception(at)
            except Exception as exc:  # noqa: BLE001
                results[name].error = f"{type(exc).__name__}: {exc}"
            if results[name].error is None:
                results[name].times_ms.append(elapsed)
            else:
                del tests[name]
    return results
