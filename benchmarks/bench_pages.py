"""Benchmark: every page of the app against a bare "floor" page timed in the same run.

Usage:  python benchmarks/bench_pages.py [--runs N] [--quick]

Machines are noisy, so every figure is a median reported next to the median of the floor
(benchmarks/apps/floor.py: streamlit + pandas + altair, page config, one small chart, one small
table), measured the same way in the same run, and as their ratio:

1. warm page script time under AppTest (target ≤ 5× the floor);
2. a real browser opening each page on a warm server, to a finished page (≤ 1.5×);
3. cold start: server process start to the first finished page (≤ 2×);
4. a sidebar filter click on the framing page, new and seen combinations (≤ 500 ms);
5. data scale: synthetic corpora of 30, 300 and 3,000 articles (benchmarks/make_corpus.py), each
   in a fresh process (benchmarks/scale_timing.py): cold package load (≤ 5 s), memory, and every
   page's warm script time (≤ 300 ms and ≤ 20× the floor timed in that process);
plus the cold load of the data package. Writes benchmarks/RESULTS.md and prints the same text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import browser_timing as bt
from benchmarks.bench_autocode import kept_section, with_section
from benchmarks.report import NO_TARGET, Row, Samples, Section, Target, render
from benchmarks.script_timing import Script, time_package_load, time_scripts

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
# A class at once, one process and replicas: measured by another command, reported in its own file.
LOAD_LINK = "see [LOAD_RESULTS.md](LOAD_RESULTS.md), from `python benchmarks/bench_load.py`"
APP = "dashboard.py"
FLOOR = "benchmarks/apps/floor.py"
FILTER_PAGE = "pages/4_Framing_analysis.py"  # the heaviest page
FILTER_LABEL = "Outlets"  # the sidebar st.pills clicked there
# The page keys its full-text sections by the chosen full texts, so a headline-only outlet pill
# reuses them; a principle pill changes what every section reads: the full rebuild, timed too.
REBUILD_LABEL = "Principles"
DEFAULT_RUNS = 10
QUICK_RUNS, QUICK_LOAD_RUNS = 3, 1  # a smoke run: page loads cost seconds each

SCRIPT_TARGET = Target(ratio=5)
SCALE_SIZES = (30, 300, 3000)
QUICK_SCALE_SIZES = (30, 300)
SCALE_TARGET = Target(ratio=20, ms=300)  # warm page script on a 3,000-article corpus
SCALE_LOAD_TARGET = Target(ms=5000)  # cold package load
SCALE_TIMEOUT_S = 3600
LOAD_TARGET = Target(ratio=1.5)
COLD_TARGET = Target(ratio=2)
FILTER_TARGET = Target(ms=500)


def app_pages(notes: list[str]) -> list[str]:
    """The app's pages (paths from the repository root), from its own navigation list."""
    from storyframes.app.site import PAGES as SITE_PAGES

    return [p.file for p in SITE_PAGES]


def page_url(path: str) -> str:
    """Streamlit's address for a page file: "/" for the entry page, else the stem without its number."""
    return "/" if path == APP else "/" + re.sub(r"^[0-9]+[_ -]*", "", Path(path).stem)


def full_text_labels() -> list[str]:
    """Names under which the outlets with full texts may appear on a pill (best effort)."""
    try:
        from storyframes.core.data import load_package

        outlets = load_package().outlets
        full = outlets[outlets["has_full_text"].astype(bool)]
        return [str(v) for col in ("short_name", "outlet") if col in full for v in full[col]]
    except Exception:  # noqa: BLE001 - then every pill is a candidate
        return []


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def commit_fact() -> str:
    commit = _git("rev-parse", "--short", "HEAD").strip() or "unknown (not a git checkout)"
    changed = _git("status", "--porcelain", "--", *APP_FILES, "data").splitlines()
    if changed:
        files = ", ".join(line[3:] for line in changed[:8]) + (" …" if len(changed) > 8 else "")
        commit += f" — plus uncommitted changes to {len(changed)} app file(s): {files}"
    return commit


APP_FILES = ("dashboard.py", "pages", "storyframes", ".streamlit")


def app_digest() -> str:
    """A digest of the app's source files: compared at start and end to catch edits made meanwhile."""
    digest = hashlib.sha256()
    for top in APP_FILES:
        paths = [ROOT / top] if (ROOT / top).is_file() else sorted((ROOT / top).rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def machine_fact(chromium_version: str) -> str:
    import streamlit

    return (f"nproc {_nproc()}, {platform.machine()}, Python {platform.python_version()}, "
            f"Streamlit {streamlit.__version__}, Chromium {chromium_version or 'not started'}")


def load_average() -> str:
    """The 1-minute load average: others' work on the machine shows up here (and in the floor)."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def _nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


_T0 = time.monotonic()


def progress(message: str) -> None:
    """Progress on stdout, stamped with the seconds since the benchmark started."""
    print(f"[{time.monotonic() - _T0:4.0f} s] {message}", flush=True)


def _rows(names: Sequence[str], results: dict[str, Samples], floor: Samples, target: Target) -> list[Row]:
    """One row per name, each against the floor."""
    return [Row(name, results[name], floor, target) for name in names]


@dataclass(frozen=True)
class Plan:
    """How many measured runs per figure (each after a warm-up)."""

    runs: int  # AppTest re-runs, filter clicks, floor reruns: cheap
    load_runs: int  # browser page loads per page and cold starts: seconds each

    @classmethod
    def from_args(cls, runs: int | None, quick: bool) -> Plan:
        if runs is not None:
            return cls(runs, runs)
        return cls(QUICK_RUNS, QUICK_LOAD_RUNS) if quick else cls(DEFAULT_RUNS, DEFAULT_RUNS)

    def describe(self) -> str:
        if self.runs == self.load_runs:
            return f"{self.runs} measured per figure (median)"
        return f"{self.runs} measured per figure (median), {self.load_runs} for browser page loads and cold starts"


def script_section(pages: list[str], runs: int) -> Section:
    scripts = [Script("floor", ROOT / FLOOR)] + [Script(p, ROOT / APP, None if p == APP else p) for p in pages]
    results = time_scripts(scripts, runs, log=progress)
    return Section(
        "Warm page script time (AppTest)",
        f"`AppTest.from_file` on the entry file, `switch_page` to the page, one warm-up run, then the median of {runs} "
        "re-runs (`at.run()`), pages and floor in interleaved rounds.",
        _rows(pages, results, results["floor"], SCRIPT_TARGET),
    )


def scale_section(pages: list[str], runs: int, sizes: Sequence[int]) -> tuple[Section, list[str]]:
    """Every page on synthetic corpora: one fresh process per corpus (benchmarks/scale_timing.py)."""
    from benchmarks.make_corpus import DEFAULT_OUTLETS, make_corpus

    rows, notes, facts = [], [], []
    with tempfile.TemporaryDirectory(prefix="sf-corpus-") as tmp:
        for n in sizes:
            corpus = Path(tmp) / f"corpus-{n}"
            progress(f"data scale: making a corpus of {n} articles …")
            make_corpus(n, corpus)
            size_mb = sum(f.stat().st_size for f in corpus.rglob("*") if f.is_file()) / 2**20
            progress(f"data scale: {n} articles ({size_mb:.0f} MB), load and {runs} × {len(pages) + 1} scripts in a fresh process …")
            cmd = [sys.executable, str(ROOT / "benchmarks" / "scale_timing.py"), str(corpus), "--runs", str(runs)]
            try:
                done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=SCALE_TIMEOUT_S, check=False)
                out = json.loads(done.stdout.strip().splitlines()[-1])
            except (subprocess.SubprocessError, json.JSONDecodeError, IndexError) as exc:
                tail = " ".join((getattr(exc, "stderr", None) or "").splitlines()[-3:])
                failed = Samples(error=f"{type(exc).__name__}: {exc} {tail}".strip())
                rows += [Row(f"{n} articles: load_package()", failed, None, SCALE_LOAD_TARGET)]
                rows += [Row(f"{n} articles: {p}", failed, failed, SCALE_TARGET) for p in pages]
                continue
            errors = out.get("errors", {})
            floor = Samples(out["floor_ms"], errors.get("floor"))
            rows.append(Row(f"{n} articles: load_package() (cold)", Samples([out["load_ms"]]), None, SCALE_LOAD_TARGET))
            rows += [Row(f"{n} articles: {p}", Samples(out["warm_ms"].get(p, []), errors.get(p)), floor, SCALE_TARGET) for p in pages]
            rss, rows_n = out["rss_mb"], out["rows"]
            first = ", ".join(f"{p} {ms / 1000:.1f} s" for p, ms in out["first_ms"].items() if p != "floor")
            facts.append(f"{n} articles: {size_mb:.0f} MB on disk; {rows_n['passages']:,} passages, {rows_n['passage_codes']:,} "
                         f"passage codes, {rows_n['lexicon']:,} lexicon rows; tables {out['tables_mb']:.0f} MB in pandas; "
                         f"process RSS {rss['before_load']:.0f} MB before the load, {rss['after_load']:.0f} MB after it, "
                         f"{rss['after_pages']:.0f} MB after every page ran (the package loaded again through the app's cache, "
                         f"views cached); first runs (view built): {first}.")
    notes += facts
    return Section(
        "Data scale: synthetic corpora",
        f"`benchmarks/make_corpus.py N`: the real package plus N − 3 articles resampled from its sentences (with their "
        f"codes), spread over {DEFAULT_OUTLETS} synthetic outlets, valid against its datapackage.json. For each N, a fresh "
        "process loads it once (cold) and then runs the floor and every page under AppTest with `STORYFRAMES_DATA_DIR` "
        f"pointing at it: one first run (builds the view), then the median of {runs} warm re-runs, pages and floor "
        "interleaved. The floor column is the floor page in that same process.",
        rows,
    ), notes


def browser_sections(pages: list[str], plan: Plan) -> tuple[list[Section], list[str], str]:
    """The three browser sections, notes on the filter clicks, and the Chromium version."""
    urls = [page_url(p) for p in pages]
    with bt.chromium() as browser:
        version = browser.version
        progress(f"cold starts, {plan.load_runs} × (floor, app at /, app at {page_url(FILTER_PAGE)}) …")
        cold = bt.time_cold_starts(browser, ROOT, {"floor": (FLOOR, "/"), "app": (APP, "/"),
                                                   "heavy": (APP, page_url(FILTER_PAGE))}, plan.load_runs)
        try:
            with bt.running(ROOT, APP) as app, bt.running(ROOT, FLOOR) as floor_server:
                progress(f"page loads: warm-up, then {plan.load_runs} × {len(urls) + 1} pages …")
                loads = bt.time_loads(browser, {"floor": floor_server.url + "/", **{u: app.url + u for u in urls}}, plan.load_runs,
                                      log=progress)
                progress(f"filter clicks on {page_url(FILTER_PAGE)}, 2 × {plan.runs} …")
                if FILTER_PAGE in pages:
                    clicks = bt.time_filter_changes(browser, app.url + page_url(FILTER_PAGE), FILTER_LABEL, plan.runs,
                                                    avoid=full_text_labels())
                    progress(f"principle clicks on {page_url(FILTER_PAGE)}, 2 × {plan.runs} …")
                    rebuilds = bt.time_filter_changes(browser, app.url + page_url(FILTER_PAGE), REBUILD_LABEL, plan.runs)
                else:
                    missing = Samples(error=f"{FILTER_PAGE} is not in the app's page list")
                    clicks = rebuilds = bt.FilterResult(missing, missing, [], [])
                progress(f"floor reruns, {plan.runs} …")
                reruns = bt.time_reruns(browser, floor_server.url + "/", plan.runs)
        except bt.BenchError as exc:  # a server did not start: every warm-server figure is an error
            failed = Samples(error=str(exc))
            loads, reruns = {name: failed for name in ["floor", *urls]}, failed
            clicks = rebuilds = bt.FilterResult(failed, failed, [], [])
    notes = list(clicks.notes) + list(rebuilds.notes)
    if clicks.toggled:
        notes.append(f"Filter clicks toggled these “{FILTER_LABEL}” pills, in order: {', '.join(clicks.toggled)}.")
    if rebuilds.toggled:
        notes.append(f"Rebuild clicks toggled these “{REBUILD_LABEL}” pills, in order: {', '.join(rebuilds.toggled)}.")
    finished = f"the last DOM change before {bt.QUIET_MS} ms without one, with `data-test-script-state=\"notRunning\"`"
    sections = [
        Section(
            "Browser: time to a finished page (warm server)",
            f"A fresh browser context per load, from navigation start to {finished}. One warm-up load per page, "
            f"then the median of {plan.load_runs}, pages and floor in interleaved rounds.",
            _rows(urls, loads, loads["floor"], LOAD_TARGET),
        ),
        Section(
            "Browser: cold start",
            "A new server process each time: from starting `python -m streamlit run` to the first finished page "
            f"(fresh browser context; finished = {finished}), median of {plan.load_runs}: the app's home page, and its "
            "heaviest page opened first (a shared link), each against the floor page's cold start.",
            [Row(f"{APP} at /", cold["app"], cold["floor"], COLD_TARGET),
             Row(f"{APP} at {page_url(FILTER_PAGE)}", cold["heavy"], cold["floor"], COLD_TARGET)],
        ),
        Section(
            f"Filter change on {page_url(FILTER_PAGE)}",
            f"Clicking an “{FILTER_LABEL}” pill in the sidebar, from its pointerdown to {finished} (after a new script "
            f"run started); one warm-up click, then the median of {plan.runs}. The floor is a rerun of the floor page "
            "(Streamlit's “r” key) timed the same way, from the keydown.",
            [
                Row("outlet pill, new combination (never seen by this server)", clicks.new, reruns, FILTER_TARGET),
                Row("outlet pill, combination seen before (one pill off, on)", clicks.seen, reruns, FILTER_TARGET),
                Row("principle pill, new combination (every section rebuilt)", rebuilds.new, reruns, FILTER_TARGET),
                Row("principle pill, combination seen before", rebuilds.seen, reruns, FILTER_TARGET),
            ],
        ),
    ]
    return sections, notes, version


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help=f"measured runs per figure, median reported (default {DEFAULT_RUNS})")
    parser.add_argument("--scale", type=int, nargs="*", metavar="N",
                        help=f"corpus sizes for the data-scale section (default {' '.join(map(str, SCALE_SIZES))}, with --quick "
                             f"{' '.join(map(str, QUICK_SCALE_SIZES))}; `--scale` alone skips it)")
    parser.add_argument("--quick", action="store_true",
                        help=f"a smoke run: {QUICK_RUNS} runs per figure, {QUICK_LOAD_RUNS} per browser page load and cold start")
    args = parser.parse_args()
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    plan = Plan.from_args(args.runs, args.quick)
    command = " ".join(["python", "benchmarks/bench_pages.py", *sys.argv[1:]])
    started, load_at_start, digest_at_start = dt.datetime.now().astimezone(), load_average(), app_digest()
    notes: list[str] = []

    progress("load_package (cold) …")
    package = time_package_load()  # first, before anything else has read the data
    pages = app_pages(notes)
    progress(f"AppTest: warm-up, then {plan.runs} × {len(pages) + 1} scripts …")
    sections = [script_section(pages, plan.runs)]
    browser, browser_notes, chromium_version = browser_sections(pages, plan)
    sections += browser
    notes += browser_notes
    sizes = args.scale if args.scale is not None else (QUICK_SCALE_SIZES if args.quick else SCALE_SIZES)
    if sizes:
        scale, scale_notes = scale_section(pages, plan.runs, sizes)
        sections.append(scale)
        notes += scale_notes
    sections.append(Section("Extra: cold data-package load", "`storyframes.core.data.load_package()`, first call in the benchmark process "
                            "(no cache; its modules are already imported). One measurement, no floor.",
                            [Row("load_package()", package, None, NO_TARGET)]))

    if app_digest() != digest_at_start:
        notes.insert(0, "**The app's files changed while the benchmark ran** (someone edited them): the sections may "
                        "have measured different versions of the code. Run it again on a quiet tree.")
    text = render(
        "Benchmark results: Same Story, Different Frames",
        [
            ("Date", started.isoformat(timespec="seconds")),
            ("Commit", commit_fact()),
            ("Machine", machine_fact(chromium_version)),
            ("Load average (1 min)", f"{load_at_start} at start, {load_average()} at end"),
            ("Runs", f"{plan.describe()}, each after a warm-up"),
            ("Command", f"`{command}`"),
            ("Took", f"{time.monotonic() - _T0:.0f} s"),
            ("Many readers at once", LOAD_LINK),
        ],
        sections,
        notes,
    )
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if kept_section(old):  # the command line's section (benchmarks/bench_autocode.py) is kept
        text = with_section(text, kept_section(old))
    RESULTS.write_text(text, encoding="utf-8")
    print("\n" + text)
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
