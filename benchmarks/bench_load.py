"""Benchmark: a whole class at once, on one process and on replicas behind nginx.

Usage:  python benchmarks/bench_load.py [--readers 30] [--rounds 5] [--replicas 2] [--quick]

Starts, on loopback, one Streamlit process for the app, one for the floor page
(benchmarks/apps/floor.py, served the same way), and K replicas of the app behind nginx
(benchmarks/replicas.py with deploy/nginx.conf). Each server is warmed up by one reader; then,
in interleaved rounds, a fresh burst of simulated readers (benchmarks/load_client.py, Streamlit's
own websocket protocol) is released at once against each of:

  the floor, one process, N readers      (two runs per reader: the page, then a rerun of it)
  the app, one process, N readers        (the home page, then a link to /Framing_analysis)
  the app, K replicas, N readers
  the app, K replicas, 2N readers

Per round and page: how many finished, p50 and p95 (nearest rank; an unfinished reader counts
as slower than any finished one), and the servers' memory (VmRSS of the server processes) with
every session open against just before the round. The report gives the median over rounds.
Targets (issue 9): N readers at once on one process all finish, with p95 at most 2x the floor's
p95 under the same load, and memory growth at most 1 MB per reader; 2N readers on K replicas all
finish with p95 no worse than one process with N. Then a real browser checks the app through
nginx (benchmarks/replicas_browser.py). Writes benchmarks/LOAD_RESULTS.md and prints it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import app_digest, commit_fact, load_average, machine_fact  # noqa: E402
from benchmarks.load_client import RoundResult, Visit, rss_bytes, run_round  # noqa: E402
from benchmarks.replicas import APP, StartError, replicas, streamlit_servers  # noqa: E402
from benchmarks.replicas_browser import BrowserCheck, check_through_nginx, page_title  # noqa: E402
from benchmarks.report import NO_TARGET, Row, Samples, Section, Target, render  # noqa: E402

RESULTS = ROOT / "benchmarks" / "LOAD_RESULTS.md"
FLOOR = "benchmarks/apps/floor.py"
HEAVY_PAGE = "pages/4_Framing_analysis.py"  # the heaviest page
HEAVY_PATH = "/Framing_analysis"

DEFAULT_READERS, DEFAULT_ROUNDS, DEFAULT_REPLICAS = 30, 5, 2
QUICK_READERS, QUICK_ROUNDS = 5, 2
DEFAULT_TIMEOUT_S = 180.0
PAUSE_S = 1.0  # between bursts: let the last one's disconnects settle

P95_TARGET = Target(ratio=2)  # one process, N readers: p95 ≤ 2× the floor's p95 under the same load
REPLICA_TARGET = Target(ratio=1)  # K replicas, 2N readers: p95 no worse than one process with N
MB_PER_READER_TARGET = 1.0

_T0 = time.monotonic()


def progress(message: str) -> None:
    print(f"[{time.monotonic() - _T0:4.0f} s] {message}", flush=True)


def app_visits() -> tuple[Visit, ...]:
    return (Visit("/", page_title(APP)), Visit(HEAVY_PATH, page_title(HEAVY_PAGE)))


# The floor's reader does the same two runs: its page, then the same page again in the session
# (as a link to itself would), so both sides run two scripts per reader under the same load.
FLOOR_VISITS = (Visit("/"), Visit("/"))


@dataclass
class Config:
    """One load to apply each round: who, at which address, how many readers."""

    name: str
    url: str
    readers: int
    visits: tuple[Visit, ...]
    pids: list[int]
    rounds: list[RoundResult] = field(default_factory=list)
    error: str | None = None  # the servers did not start or warm up: nothing measured

    def p_samples(self, page: int, q: int) -> Samples:
        """The per-round percentile `q` of page `page`, as Samples (median over rounds)."""
        if self.error:
            return Samples(error=self.error)
        samples = Samples()
        for i, rnd in enumerate(self.rounds, 1):
            value = _percentile_counting_unfinished(rnd, page, q)
            if value is None:
                unfinished = rnd.readers - rnd.stats(page).finished
                first = next(iter(rnd.errors()), "no error recorded")
                samples.error = f"round {i}: {unfinished} of {rnd.readers} readers did not finish {self.visits[page].path} ({first})"
                return samples
            samples.times_ms.append(value)
        return samples

    def min_finished(self) -> int | None:
        return min((r.all_finished() for r in self.rounds), default=None)

    def mb_per_reader(self) -> float | None:
        """The largest growth per reader over the rounds (the first round's, usually)."""
        values = [r.mb_per_reader() for r in self.rounds if r.mb_per_reader() is not None]
        return max(values) if values else None


def _percentile_counting_unfinished(rnd: RoundResult, page: int, q: int) -> float | None:
    """Nearest-rank percentile over ALL readers, the unfinished ranked last: None if it lands on one."""
    times = sorted(rnd.times(page))
    rank = max(1, -(-q * rnd.readers // 100))  # ceil(q/100 · N)
    return times[rank - 1] if rank <= len(times) else None


def warm_up(name: str, url: str, visits: Sequence[Visit], timeout_s: float) -> str | None:
    """One reader through the pages (first imports, data load, caches); the error, if any."""
    result = run_round(url, 1, visits, timeout_s=timeout_s)
    errors = result.errors()
    progress(f"  warm-up {name}: " + (f"error: {next(iter(errors))}" if errors else f"{result.wall_ms:.0f} ms"))
    return next(iter(errors)) if errors else None


def run_configs(configs: list[Config], rounds: int, timeout_s: float) -> None:
    live = [c for c in configs if c.error is None]
    for r in range(rounds):
        for config in live:
            result = run_round(config.url, config.readers, config.visits, timeout_s=timeout_s, pids=config.pids)
            config.rounds.append(result)
            pages = ", ".join(f"{v.path} p95 {_fmt(result.stats(i).p95)}" for i, v in enumerate(config.visits))
            progress(f"  round {r + 1}/{rounds} {config.name}: {result.all_finished()}/{result.readers} finished, {pages}, "
                     f"{_fmt_mb(result.mb_per_reader())} MB/reader")
            time.sleep(PAUSE_S)


def _fmt(ms: float | None) -> str:
    return "—" if ms is None else f"{ms:.0f} ms"


def _fmt_mb(mb: float | None) -> str:
    return "?" if mb is None else f"{mb:+.2f}"


# ---------------------------------------------------------------------------------------------
# The report


def one_process_section(floor: Config, app: Config) -> Section:
    rows = []
    for i, visit in enumerate(app.visits):
        how = "connect → finished" if i == 0 else "link → finished, same session"
        rows.append(Row(f"{visit.path} ({how}), p95", app.p_samples(i, 95), floor.p_samples(i, 95), P95_TARGET))
    for i, visit in enumerate(app.visits):
        rows.append(Row(f"{visit.path}, p50", app.p_samples(i, 50), floor.p_samples(i, 50), NO_TARGET))
    return Section(
        f"{app.readers} readers at once on one process",
        f"{app.readers} simulated readers released at once, each on its own websocket session: the home page from the connect "
        f"to its `script_finished`, then {HEAVY_PATH} from the request (a link followed in the same session) to its "
        f"`script_finished`. Per round the p95 (or p50) over the {app.readers} readers; the median over "
        f"{len(app.rounds)} rounds. The floor column is the floor page under the same load: {floor.readers} readers, each "
        "running it, then running it again in the same session.",
        rows,
    )


def replicas_section(single: Config, reps: list[Config], k: int) -> Section:
    rows = []
    for config in reps:
        target = REPLICA_TARGET if config.readers > single.readers else NO_TARGET
        for i, visit in enumerate(config.visits):
            rows.append(Row(f"{config.readers} readers, {visit.path}, p95", config.p_samples(i, 95), single.p_samples(i, 95), target))
    return Section(
        f"{k} replicas behind nginx",
        f"The same readers through nginx (deploy/nginx.conf: sticky sessions by cookie, websocket passed through) to {k} "
        f"Streamlit processes of the app. **Here the floor column is not the floor page: it is the app on one process "
        f"with {single.readers} readers** (the section above), the issue's yardstick: twice the class on {k} replicas "
        "should wait no longer at the 95th percentile than one class on one process.",
        rows,
    )


def _mb(value: int | None) -> str:
    return "?" if value is None else f"{value / 2**20:.0f}"


def extra_tables(configs: list[Config]) -> list[str]:
    method = (
        "Finished: readers that finished every page, in the worst round. All done: from the release of the readers to "
        "the last one finished, median over rounds. Memory: the resident set (VmRSS from /proc) of the Streamlit "
        "process(es), summed over replicas, nginx not included: in the first round just before the readers connected "
        "and when every reader had finished with all sessions still open; growth per reader is the largest over the "
        "rounds of (open − before) / readers. Streamlit keeps a closed session for `server.disconnectedSessionTTL` "
        "(120 s), so later rounds start with earlier rounds' sessions still held."
    )
    header = ("| load | readers | finished (worst round) | all done, s | RSS before, MB | RSS with sessions open, MB | "
              "growth per reader, MB | target | met? |")
    out = ["", "## Finished and memory", "", method, "", header, "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for c in configs:
        if c.error:
            out.append(f"| {c.name} | {c.readers} | error | — | — | — | — | — | — |")
            continue
        first = c.rounds[0] if c.rounds else None
        finished = c.min_finished()
        growth = c.mb_per_reader()
        is_app = c.visits != FLOOR_VISITS
        target = f"≤ {MB_PER_READER_TARGET:g} MB" if is_app else "—"
        met = "—" if not is_app or growth is None else ("yes" if growth <= MB_PER_READER_TARGET else "**no**")
        all_done = "—" if finished is None else f"{finished}/{c.readers}" + ("" if finished == c.readers else " (**not all**)")
        wall = statistics.median(r.wall_ms for r in c.rounds) / 1000 if c.rounds else None
        out.append(f"| {c.name} | {c.readers} | {all_done} | {'—' if wall is None else f'{wall:.1f}'} | "
                   f"{_mb(first and first.rss_before)} | {_mb(first and first.rss_loaded)} | "
                   f"{'?' if growth is None else f'{growth:.2f}'} | {target} | {met} |")
    return out


def sticky_lines(report, browser: BrowserCheck | None) -> list[str]:
    out = ["", "## Sticky sessions", ""]
    if report is not None:
        spread = ", ".join(f"{up}: {n}" for up, n in sorted(report.sessions_by_upstream.items())) or "none logged"
        split = report.split_keys
        out.append(f"- nginx's access log: {report.requests} requests from {len(report.upstreams_by_key)} browser keys; websocket "
                   f"sessions per replica: {spread}; keys that reached more than one replica: "
                   + (f"**{len(split)}**" if split else "none") + ".")
    if browser is not None:
        if browser.ok:
            out += [f"- Chromium through nginx: {line}." for line in browser.findings]
        else:
            out.append(f"- Chromium through nginx: **failed**: {browser.error}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, help=f"readers at once on one process (default {DEFAULT_READERS}; "
                                                    "the replicas get this and twice this)")
    parser.add_argument("--rounds", type=int, help=f"bursts per load, median reported (default {DEFAULT_ROUNDS})")
    parser.add_argument("--replicas", type=int, default=DEFAULT_REPLICAS, help=f"Streamlit processes behind nginx (default {DEFAULT_REPLICAS})")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds a reader may take for all its pages")
    parser.add_argument("--quick", action="store_true", help=f"a smoke run: {QUICK_READERS} readers, {QUICK_ROUNDS} rounds")
    parser.add_argument("--no-replicas", action="store_true", help="only the one-process section (no nginx needed)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium check through nginx")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"where to write the report (default {RESULTS.relative_to(ROOT)})")
    args = parser.parse_args()
    readers = args.readers or (QUICK_READERS if args.quick else DEFAULT_READERS)
    rounds = args.rounds or (QUICK_ROUNDS if args.quick else DEFAULT_ROUNDS)
    if readers < 1 or rounds < 1 or args.replicas < 1:
        parser.error("--readers, --rounds and --replicas must be at least 1")
    command = " ".join(["python", "benchmarks/bench_load.py", *sys.argv[1:]])
    started, load_at_start, digest_at_start = dt.datetime.now().astimezone(), load_average(), app_digest()
    notes: list[str] = []
    visits = app_visits()
    for visit in visits:
        if visit.expect is None:
            notes.append(f"No `st.title(...)` found for {visit.path}: the readers did not check that page's heading.")

    sticky, browser = None, None
    nginx_rss: int | None = None
    with ExitStack() as stack:
        progress("starting the floor and the app, one process each …")
        floor_server, app_server = stack.enter_context(streamlit_servers([FLOOR, APP]))
        floor = Config("floor page, one process", floor_server.url, readers, FLOOR_VISITS, [floor_server.pid])
        single = Config("app, one process", app_server.url, readers, visits, [app_server.pid])
        configs = [floor, single]
        reps: list[Config] = []
        cluster = None
        if not args.no_replicas:
            progress(f"starting {args.replicas} replicas behind nginx …")
            try:
                cluster = stack.enter_context(replicas(args.replicas))
            except (StartError, OSError) as exc:
                notes.append(f"The replicas did not start: {' '.join(str(exc).split())[:400]}")
            name = f"app, {args.replicas} replicas + nginx"
            for n in (readers, 2 * readers):
                reps.append(Config(name, cluster.url if cluster else "", n, visits, cluster.pids if cluster else [],
                                   error=None if cluster else "the replicas did not start"))
            configs += reps
        progress("warm-up: one reader per server …")
        for config in (floor, single):
            config.error = warm_up(config.name, config.url, config.visits, args.timeout)
        if cluster is not None:
            errors = [warm_up(f"replica {s.port}", s.url, visits, args.timeout) for s in cluster.servers]
            error = next((e for e in errors if e), None)
            for config in reps:
                config.error = error
        progress(f"{rounds} rounds × {len(configs)} loads …")
        run_configs(configs, rounds, args.timeout)
        if cluster is not None:
            nginx_rss = rss_bytes([cluster.nginx.proc.pid])
            if not args.no_browser:
                progress("Chromium through nginx …")
                browser = check_through_nginx(cluster)
            sticky = cluster.sticky_report()
        progress("stopping the servers …")

    if app_digest() != digest_at_start:
        notes.insert(0, "**The app's files changed while the benchmark ran** (someone edited them): run it again on a quiet tree.")
    for config in configs:
        errors = sum((r.errors() for r in config.rounds), Counter())
        for error, count in errors.most_common(3):
            notes.append(f"{config.name}, {config.readers} readers: {count} × {error}")
    notes.append("The load client runs on the same machine as the servers (and nginx), in one Python process: under load "
                 "it takes CPU from them; the floor and the one-process figures pay the same price.")
    notes.append("Every reader opens the default view (no filter in the address), as a class following one shared link "
                 "would; the warm-up reader has left that view in the servers' caches, as the first student would.")
    notes.append("Times are from the client's side: connect (or request) to the `script_finished` message. A browser also "
                 "has to draw the page; benchmarks/RESULTS.md times that for one reader.")
    if nginx_rss is not None:
        notes.append(f"nginx (master and workers) used {nginx_rss / 2**20:.0f} MB at the end.")

    sections = [one_process_section(floor, single)]
    if reps:
        sections.append(replicas_section(single, reps, args.replicas))
    text = render(
        "Load benchmark: a whole class at once",
        [
            ("Date", started.isoformat(timespec="seconds")),
            ("Commit", commit_fact()),
            ("Machine", machine_fact(browser.version if browser is not None else "not used")),
            ("Load average (1 min)", f"{load_at_start} at start, {load_average()} at end"),
            ("Loads", f"{readers} readers on one process (app and floor)"
                      + ("" if args.no_replicas else f"; {readers} and {2 * readers} on {args.replicas} replicas behind nginx")
                      + f"; {rounds} rounds each, interleaved, after a one-reader warm-up per server"),
            ("Command", f"`{command}`"),
            ("Took", f"{time.monotonic() - _T0:.0f} s"),
        ],
        sections,
        [],
    )
    text = text.rstrip("\n") + "\n" + "\n".join(extra_tables(configs) + sticky_lines(sticky, browser))
    text += "\n\n## Notes\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print("\n" + text)
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
