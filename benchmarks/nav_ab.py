"""A/B: two versions of the app, one process each, under a class at once, against the floor page.

Usage:  python benchmarks/nav_ab.py --a REV --b REV [--readers 30] [--rounds 3] [--warm 10]

Written for issue 19 (the sidebar menu by `st.navigation` against 11 `st.page_link`s), and good
for any change whose cost per page run is to be told apart from this machine's noise. Each
revision is exported with `git archive` into a temporary folder and served from there (its own
.streamlit/config.toml, pages/ and package), next to the floor page (benchmarks/apps/floor.py),
on one Streamlit process each, as benchmarks/bench_load.py serves them. After a one-reader
warm-up per server, every round runs, in an order that alternates between rounds (floor, A, B;
then floor, B, A; ...):

- a class: N readers released at once (benchmarks/load_client.py), each opening / and then
  following a link to /Framing_analysis in the same session (the floor's readers run it twice),
  as bench_load.py does; per version the p95 of / (connect to `script_finished`, nearest rank,
  an unfinished reader ranked last) and its ratio to the floor's p95 in the same round, and the
  server's CPU time over the burst (user + system, from /proc/PID/stat) per reader, which the
  other processes on the machine move far less than they move the clock; and, per run of /, the
  CPU time of the script's own thread (each server records it: see _LAUNCHER);
- one warm reader at a time, K times per version, A and B taking turns: / from the connect, then
  / again in the same session (a rerun by the page's id, as a link to it does); the median of each;
- the home page's warm script run under AppTest (benchmarks/script_timing.py of each version, in
  a process of its own started in that version's folder), M re-runs, A and B taking turns.

Prints a table per round and the medians over rounds. The machine may be shared: compare A and B
only within this run, never with figures from another run.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_load import FLOOR, FLOOR_VISITS, _percentile_counting_unfinished, app_visits, warm_up  # noqa: E402
from benchmarks.load_client import RoundResult, Visit, run_round  # noqa: E402
from benchmarks.replicas import StreamlitProcess, _die_with_parent, stop_all  # noqa: E402
from benchmarks.replicas_browser import page_title  # noqa: E402
from streamlit.util import calc_hash  # noqa: E402

APP = "dashboard.py"
HOME_ID = calc_hash("dashboard")  # Home's page id in both modes: the hash of the URL path Streamlit infers from dashboard.py
DEFAULT_TIMEOUT_S = 180.0
PAUSE_S = 1.0  # between bursts, as bench_load.py


def export(rev: str, into: Path) -> str:
    """`git archive rev` unpacked into `into`; returns the commit's short hash."""
    commit = subprocess.run(["git", "rev-parse", "--short", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return commit


# `python -m streamlit` that appends, for every script run, [page id, CPU ms of the script's thread]
# to the file named first (time.thread_time around Streamlit's own call that runs the script).
_LAUNCHER = """
import json, runpy, sys, time
from streamlit.runtime.scriptrunner import script_runner
out = open(sys.argv[1], "a", buffering=1)
sys.argv = ["streamlit", *sys.argv[2:]]
inner = script_runner.exec_func_with_error_handling
def timed(func, ctx, *args, **kwargs):
    t0 = time.thread_time()
    try:
        return inner(func, ctx, *args, **kwargs)
    finally:
        out.write(json.dumps([ctx.page_script_hash, (time.thread_time() - t0) * 1000]) + "\\n")
script_runner.exec_func_with_error_handling = timed
runpy.run_module("streamlit", run_name="__main__")
"""


@dataclass
class TreeProcess(StreamlitProcess):
    """A StreamlitProcess run from another folder (its config, pages and package), not the repository,
    recording each script run's CPU time in `runs_file` (see _LAUNCHER)."""

    cwd: Path = ROOT
    runs_file: Path | None = None

    def command(self) -> list[str]:
        base = super().command()
        assert base[1:3] == ["-m", "streamlit"], base
        return [base[0], "-c", _LAUNCHER, str(self.runs_file), *base[3:]]

    def script_runs(self, since: int) -> tuple[int, list[tuple[str, float]]]:
        """The runs recorded after byte `since` of the file: (new end, [(page id, CPU ms)])."""
        import json

        with self.runs_file.open("rb") as f:
            f.seek(since)
            data = f.read()
        end = since + data.rfind(b"\n") + 1
        return end, [tuple(json.loads(line)) for line in data[: end - since].splitlines() if line.strip()]

    def launch(self) -> None:
        from tests.browser.local_app import free_port

        self.port = self.port or free_port()
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"==== {self.script} in {self.cwd.name} on {self.address}:{self.port} ====\n")
            log.flush()
            self.proc = subprocess.Popen(self.command(), cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
                                         preexec_fn=_die_with_parent)  # noqa: PLW1509  # fmt: skip


@dataclass
class Side:
    name: str
    server: TreeProcess
    visits: tuple[Visit, ...]
    rounds: list[RoundResult] = field(default_factory=list)
    warm_first: list[float] = field(default_factory=list)  # one reader: / from the connect (ms)
    warm_rerun: list[float] = field(default_factory=list)  # one reader: / again, same session (ms)
    cpu_per_reader: list[float] = field(default_factory=list)  # per round: server CPU ms / readers
    home_cpu: list[float] = field(default_factory=list)  # class rounds: CPU ms of the script's thread per run of /
    apptest: list[float] = field(default_factory=list)  # AppTest: / re-run, warm (ms)
    apptest_cpu: list[float] = field(default_factory=list)  # the same runs: CPU time of the script's thread (ms)
    errors: list[str] = field(default_factory=list)

    def p95(self, r: int, page: int = 0) -> float | None:
        return _percentile_counting_unfinished(self.rounds[r], page, 95)


# Run in a version's own folder (its package and pages). Per warm re-run of / under AppTest: the
# wall time, and the CPU time of the script's own thread (time.thread_time around Streamlit's call
# that runs the script), which other processes on the machine hardly move.
_APPTEST = """
import json, sys, time
from pathlib import Path
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

cpu = []
inner = script_runner.exec_func_with_error_handling
def timed(*args, **kwargs):
    t0 = time.thread_time()
    try:
        return inner(*args, **kwargs)
    finally:
        cpu.append((time.thread_time() - t0) * 1000)
script_runner.exec_func_with_error_handling = timed
at = AppTest.from_file(str(Path("dashboard.py").resolve()), default_timeout=120)
at.run()
wall, error = [], None
for _ in range(int(sys.argv[1])):
    t0 = time.perf_counter()
    at.run()
    wall.append((time.perf_counter() - t0) * 1000)
    if at.exception:
        error = at.exception[0].value[:300]
        break
print(json.dumps({"wall": wall, "cpu": cpu[1:], "error": error}))
"""


def apptest_home(tree: Path, runs: int, timeout_s: float) -> tuple[list[float], list[float], str | None]:
    """Warm re-runs of the home page under AppTest, in a fresh process in `tree`: (wall ms, script CPU ms, error)."""
    import json

    done = subprocess.run([sys.executable, "-c", _APPTEST, str(runs)], cwd=tree, capture_output=True, text=True,
                          timeout=timeout_s + runs * 10, check=False)
    try:
        out = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return [], [], f"AppTest process failed: {done.stderr.strip()[-500:]}"
    return out["wall"], out["cpu"], out["error"]


def cpu_ms(pid: int) -> float:
    """User + system CPU time of process `pid` so far, in ms (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")  # utime, stime


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _ratio(value: float | None, floor: float | None) -> str:
    return "—" if value is None or not floor else f"{value / floor:.2f}×"


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, help="revision A (e.g. main)")
    parser.add_argument("--b", required=True, help="revision B (e.g. HEAD)")
    parser.add_argument("--readers", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", type=int, default=10, help="one-reader runs per version per round")
    parser.add_argument("--apptest", type=int, default=30, help="AppTest re-runs of / per version per round (0: none)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S)
    args = parser.parse_args()
    t0 = time.monotonic()

    def progress(message: str) -> None:
        print(f"[{time.monotonic() - t0:4.0f} s] {message}", flush=True)

    home = Visit("/", page_title(APP))
    with tempfile.TemporaryDirectory(prefix="nav-ab-") as tmp, ExitStack() as stack:
        tmp_path = Path(tmp)
        trees = {}
        for label, rev in (("A", args.a), ("B", args.b)):
            (tmp_path / label).mkdir()
            trees[label] = (tmp_path / label, export(rev, tmp_path / label))
        log = tmp_path / "servers.log"
        servers = [TreeProcess(script, log, cwd=trees[label][0], runs_file=tmp_path / f"runs-{n}.jsonl")
                   for n, (script, label) in enumerate(((FLOOR, "A"), (APP, "A"), (APP, "B")))]
        for server in servers:
            server.runs_file.touch()
        stack.callback(stop_all, [s.proc for s in servers])
        for s in servers:
            s.launch()
        for s in servers:
            s.ensure_healthy()
        floor = Side("floor", servers[0], FLOOR_VISITS)
        sides = {"A": Side(f"A {args.a} ({trees['A'][1]})", servers[1], app_visits()),
                 "B": Side(f"B {args.b} ({trees['B'][1]})", servers[2], app_visits())}
        progress("warm-up: one reader per server …")
        for side in (floor, *sides.values()):
            error = warm_up(side.name, side.server.url, side.visits, args.timeout)
            if error:
                print(f"{side.name} did not warm up: {error}\nlog: {log.read_text()[-3000:]}")
                return 1
        for r in range(args.rounds):
            order = [floor, sides["A"], sides["B"]] if r % 2 == 0 else [floor, sides["B"], sides["A"]]
            for side in order:
                before, since = cpu_ms(side.server.pid), side.server.runs_file.stat().st_size
                result = run_round(side.server.url, args.readers, side.visits, timeout_s=args.timeout, pids=[side.server.pid])
                side.cpu_per_reader.append((cpu_ms(side.server.pid) - before) / args.readers)
                _end, runs = side.server.script_runs(since)
                side.home_cpu += [ms for page, ms in runs if side is floor or page == HOME_ID]  # the floor has one page
                side.rounds.append(result)
                side.errors += [f"{n} × {e}" for e, n in result.errors().most_common(2)]
                progress(f"  round {r + 1} {side.name}: {result.all_finished()}/{result.readers} finished, "
                         f"/ p95 {_ms(side.p95(r))} ms, {side.visits[1].path} p95 {_ms(side.p95(r, 1))} ms, "
                         f"server CPU {_ms(side.cpu_per_reader[-1])} ms per reader")
                time.sleep(PAUSE_S)
            pair = [sides["A"], sides["B"]] if r % 2 == 0 else [sides["B"], sides["A"]]
            for _k in range(args.warm):
                for side in pair:
                    one = run_round(side.server.url, 1, (home, home), timeout_s=args.timeout)
                    times = [p.ms for p in one.results[0].pages]
                    if None in times or len(times) != 2:
                        side.errors.append(f"warm reader: {next(iter(one.errors()), 'did not finish')}")
                        continue
                    side.warm_first.append(times[0])
                    side.warm_rerun.append(times[1])
            progress(f"  round {r + 1} one warm reader: " + ", ".join(
                f"{s.name} rerun median {_ms(_median(s.warm_rerun[-args.warm:]))} ms" for s in pair))
            if args.apptest:
                for side in pair:
                    times, cpu, error = apptest_home(side.server.cwd, args.apptest, args.timeout)
                    side.apptest += times
                    side.apptest_cpu += cpu
                    if error:
                        side.errors.append(f"AppTest: {error}")
                progress(f"  round {r + 1} AppTest: " + ", ".join(
                    f"{s.name} median {_ms(_median(s.apptest[-args.apptest:]))} ms, "
                    f"CPU {_ms(_median(s.apptest_cpu[-args.apptest:]))} ms" for s in pair))

    print(f"\n{args.readers} readers at once, one process per version; p95 in ms (ratio to the floor's p95 in the same round)\n")
    print("| round | floor / | A / | B / | A /Framing_analysis | B /Framing_analysis | server CPU per reader: floor, A, B |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    a, b = sides["A"], sides["B"]
    for r in range(args.rounds):
        f = floor.p95(r)
        print(f"| {r + 1} | {_ms(f)} | {_ms(a.p95(r))} ({_ratio(a.p95(r), f)}) | {_ms(b.p95(r))} ({_ratio(b.p95(r), f)}) | "
              f"{_ms(a.p95(r, 1))} | {_ms(b.p95(r, 1))} | "
              f"{_ms(floor.cpu_per_reader[r])}, {_ms(a.cpu_per_reader[r])}, {_ms(b.cpu_per_reader[r])} |")

    def med(side: Side, page: int = 0) -> float | None:
        values = [side.p95(r, page) for r in range(args.rounds)]
        return None if None in values else statistics.median(values)

    def med_ratio(side: Side) -> str:
        ratios = [side.p95(r) / floor.p95(r) for r in range(args.rounds) if side.p95(r) and floor.p95(r)]
        return f"{statistics.median(ratios):.2f}×" if len(ratios) == args.rounds else "—"

    print(f"| median | {_ms(med(floor))} | {_ms(med(a))} ({med_ratio(a)}) | {_ms(med(b))} ({med_ratio(b)}) | "
          f"{_ms(med(a, 1))} | {_ms(med(b, 1))} | "
          + ", ".join(_ms(_median(x.cpu_per_reader)) for x in (floor, a, b)) + " |")
    print(f"\nCPU time of the script's thread per run of / during the class rounds: median ms (quartiles, runs)\n")
    for side in (floor, a, b):
        q = statistics.quantiles(side.home_cpu, n=4) if len(side.home_cpu) >= 2 else [None, None, None]
        print(f"- {side.name}: {_ms(_median(side.home_cpu))} ({_ms(q[0])}–{_ms(q[2])}, {len(side.home_cpu)} runs)")
    print(f"\nOne warm reader, {args.warm} × {args.rounds} runs per version (AppTest: {args.apptest} × {args.rounds}): "
          "median ms (and quartiles)\n")
    print("| version | / from the connect | / again, same session | AppTest re-run of / | its script's CPU time |")
    print("|---|---:|---:|---:|---:|")
    for side in (a, b):
        cells = []
        for values in (side.warm_first, side.warm_rerun, side.apptest, side.apptest_cpu):
            q = statistics.quantiles(values, n=4) if len(values) >= 2 else [None, None, None]
            cells.append(f"{_ms(_median(values))} ({_ms(q[0])}–{_ms(q[2])})")
        print(f"| {side.name} | " + " | ".join(cells) + " |")
    for side in (floor, a, b):
        for error in side.errors[:3]:
            print(f"- {side.name}: {error}")
    print(f"\nA = {args.a} ({trees['A'][1]}), B = {args.b} ({trees['B'][1]}); took {time.monotonic() - t0:.0f} s; "
          f"load average at end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
