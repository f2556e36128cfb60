"""One corpus, measured in a fresh process: its cold load, its memory, and every page's script times.

Usage (bench_pages.py runs it once per corpus size):
    python benchmarks/scale_timing.py CORPUS_DIR --runs N [--page pages/...py ...]

Prints one JSON object on its last line:
  load_ms        storyframes.core.data.load_package(CORPUS_DIR), the first call in this process (its
                 modules imported beforehand, so the figure is the reading and checking alone);
  rss_mb         VmRSS before and after that load, and after every page has run (views cached);
  tables_mb      the tables' own size (pandas memory_usage(deep=True)), summed;
  first_ms       each page's first run under AppTest (builds its view for the default filters);
  warm_ms        each page's re-run times (the view cached, as for every reader after the first);
  floor_ms       the floor page's re-run times, in the same interleaved rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load_client import rss_bytes
from benchmarks.script_timing import Script, time_scripts

APP, FLOOR = ROOT / "dashboard.py", ROOT / "benchmarks" / "apps" / "floor.py"


def _rss_mb() -> float:
    return rss_bytes([os.getpid()]) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", action="append", default=[], help="a page file (default: every page of the app)")
    args = parser.parse_args(argv)
    os.environ["STORYFRAMES_DATA_DIR"] = str(args.corpus.resolve())  # what the pages read (storyframes.app.package.data_dir)

    import pandas as pd  # noqa: F401 - imported before the clock starts, as the app has it at hand

    from storyframes.core.data import load_package
    from storyframes.app.site import PAGES as SITE_PAGES

    result: dict = {"rss_mb": {"before_load": _rss_mb()}}
    t0 = time.perf_counter()
    data = load_package(args.corpus)
    result["load_ms"] = (time.perf_counter() - t0) * 1000
    result["rss_mb"]["after_load"] = _rss_mb()
    result["tables_mb"] = sum(t.memory_usage(deep=True).sum() for t in data.tables.values()) / 2**20
    result["rows"] = {name: len(t) for name, t in data.tables.items()}
    del data  # the pages load their own copy, through the app's cache

    pages = args.page or [p.file for p in SITE_PAGES]
    scripts = [Script("floor", FLOOR)] + [Script(p, APP, None if p == APP.name else p) for p in pages]
    first: dict[str, float] = {}
    timed = time_scripts(scripts, args.runs, log=lambda m: print(m, file=sys.stderr, flush=True), first=first)
    result["rss_mb"]["after_pages"] = _rss_mb()
    result["first_ms"] = first
    result["warm_ms"] = {name: s.times_ms for name, s in timed.items() if name != "floor"}
    result["floor_ms"] = timed["floor"].times_ms
    result["errors"] = {name: s.error for name, s in timed.items() if s.error}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
