"""Benchmark: how long the data package takes to load and each page takes to run.

Usage:  python benchmarks/bench_pages.py [--runs N]

Measures, on this machine: a cold load and validation of data/ (no cache), and for each page
the first run (imports, cache fill) and the median of N re-runs under streamlit's AppTest (a
warm cache, as a reader clicking around sees it). Numbers go in issue notes, never in asserts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyframes.page import NAV  # noqa: E402

PAGES = [path for path, _label, _icon in NAV]  # the app's own page list


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="re-runs per page (median reported)")
    args = parser.parse_args()

    from storyframes.data import load_package

    t0 = time.perf_counter()
    data = load_package()
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"load_package (cold, no cache): {load_ms:.0f} ms for {sum(len(t) for t in data.tables.values())} rows in {len(data.tables)} tables")

    from streamlit.testing.v1 import AppTest

    print(f"{'page':34} {'first run':>10} {'median re-run':>14} {'max re-run':>11}")
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        if page != "dashboard.py":
            at.switch_page(page)
        t0 = time.perf_counter()
        at.run()
        first = (time.perf_counter() - t0) * 1000
        if at.exception:
            print(f"{page}: exception {at.exception[0].value}")
            return 1
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t0) * 1000)
        print(f"{page:34} {first:8.0f} ms {statistics.median(times):11.0f} ms {max(times):8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
