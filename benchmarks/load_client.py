"""A class of simulated readers, speaking Streamlit's own websocket protocol to a running server.

Each reader does what a browser tab does after it has loaded the page's HTML and JavaScript:

1. opens a websocket on `/_stcore/stream` (subprotocols `streamlit` plus the browser's
   placeholder token, an `Origin` matching the server, and a sticky-session cookie that a load
   balancer may use; a plain server ignores it);
2. sends a `BackMsg` whose `rerun_script` `ClientState` names the page the way the browser does
   on a first load: `page_name` = the address path without slashes ("" for the home page,
   "Framing_analysis" for /Framing_analysis), no `page_script_hash`, the query string, no widget
   states, and a `context_info` (timezone, locale, url, colour scheme);
3. reads `ForwardMsg`s (`new_session`, `navigation` with the page list, `delta`s, ...) until
   `script_finished`;
4. then, as a reader who follows a link (`st.page_link`) would, sends a second `rerun_script` in
   the same session with that page's `page_script_hash` (from the `navigation` message) and
   waits for its `script_finished` again.

A page counts as finished only if its run ended with `FINISHED_SUCCESSFULLY`, the run was the
page asked for (`new_session.page_script_hash`), no `exception` element arrived, and, when the
visit names one, a heading with the expected text arrived (proof that this page's script ran).
Times: the first page from the websocket connect, later pages from sending their request.

All readers of a round connect at the same moment (one event releases them), keep their
sessions open until every reader is done (so the server's memory can be read with N live
sessions), then disconnect. Memory is the resident set (VmRSS, from /proc) of the given server
processes and their children.

Usage (against a server you started):
    python benchmarks/load_client.py --url http://127.0.0.1:8501 --readers 5 \
        --page / --page /Framing_analysis --pid <server pid>
"""

from __future__ import annotations

import argparse
import asyncio
import math
import secrets
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

STREAM_PATH = "/_stcore/stream"
# The cookie deploy/nginx.conf hashes on to keep a browser on one replica (tests check they agree).
STICKY_COOKIE = "sf_replica"
# What the browser sends as the websocket's second subprotocol when it has no XSRF cookie yet.
PLACEHOLDER_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
DEFAULT_TIMEOUT_S = 120.0


class ReaderError(Exception):
    """A page that did not finish as it should; the message says why, in one line."""


@dataclass(frozen=True)
class Visit:
    """One page a reader opens: its address path, and a heading that proves it ran (optional)."""

    path: str  # "/" or "/Framing_analysis"
    expect: str | None = None

    @property
    def url_pathname(self) -> str:
        return self.path.strip("/")


@dataclass
class PageTiming:
    path: str
    ms: float | None = None  # None when it did not finish
    error: str | None = None


@dataclass
class ReaderResult:
    reader: int
    sticky_key: str
    pages: list[PageTiming] = field(default_factory=list)

    def finished(self, n_visits: int) -> bool:
        return len(self.pages) == n_visits and all(p.ms is not None for p in self.pages)


@dataclass(frozen=True)
class PageStats:
    path: str
    readers: int
    finished: int
    p50: float | None
    p95: float | None
    max: float | None


@dataclass
class RoundResult:
    """One burst of N readers: their results, and the servers' memory around it (bytes)."""

    visits: tuple[Visit, ...]
    results: list[ReaderResult]
    wall_ms: float
    rss_before: int | None = None  # just before the readers connected
    rss_loaded: int | None = None  # every reader done, all N sessions still open
    rss_after: int | None = None  # after they disconnected (Streamlit keeps sessions a while)

    @property
    def readers(self) -> int:
        return len(self.results)

    def times(self, index: int) -> list[float]:
        return [r.pages[index].ms for r in self.results if len(r.pages) > index and r.pages[index].ms is not None]

    def stats(self, index: int) -> PageStats:
        times = self.times(index)
        return PageStats(self.visits[index].path, self.readers, len(times), percentile(times, 50), percentile(times, 95),
                         max(times) if times else None)

    def all_finished(self) -> int:
        return sum(r.finished(len(self.visits)) for r in self.results)

    def errors(self) -> Counter[str]:
        return Counter(f"{p.path}: {p.error}" for r in self.results for p in r.pages if p.error)

    def mb_per_reader(self) -> float | None:
        if self.rss_before is None or self.rss_loaded is None or not self.results:
            return None
        return (self.rss_loaded - self.rss_before) / self.readers / 2**20


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100): a time some reader actually waited, never interpolated."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


# ---------------------------------------------------------------------------------------------
# Server memory, from /proc


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:  # fields after the command name: state, ppid, ...
            kids.append(int(stat.parent.name))
    return kids


def process_tree(pids: Sequence[int]) -> list[int]:
    """The given processes and all their descendants."""
    seen: list[int] = []
    todo = list(pids)
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.append(pid)
            todo.extend(_children(pid))
    return seen


def rss_bytes(pids: Sequence[int]) -> int | None:
    """Summed resident set size of the processes and their children; None if none can be read."""
    total, read = 0, False
    for pid in process_tree(pids):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    read = True
                    break
        except OSError:
            continue  # it exited meanwhile
    return total if read else None


# ---------------------------------------------------------------------------------------------
# The protocol


def _protos():
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return BackMsg, ForwardMsg


def rerun_message(base_url: str, visit: Visit, *, page_script_hash: str = "", query_string: str = "") -> bytes:
    """The BackMsg the browser sends to run a page: by address on a first load, by hash on a link."""
    BackMsg, _ = _protos()
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query_string
    if page_script_hash:
        state.page_script_hash = page_script_hash
    else:
        state.page_name = visit.url_pathname
    info = state.context_info
    info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
    info.url = base_url.rstrip("/") + visit.path + (f"?{query_string}" if query_string else "")
    info.is_embedded, info.color_scheme = False, "light"
    return msg.SerializeToString()


@dataclass
class _Session:
    """What one reader has learnt from the server so far."""

    pages: dict[str, str] = field(default_factory=dict)  # url_pathname -> page_script_hash
    main_hash: str = ""
    run_hash: str = ""  # the page the current run is for
    headings: list[str] = field(default_factory=list)
    exception: str | None = None


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0][:200]


async def _run_page(ws, session: _Session) -> None:
    """Read ForwardMsgs until this run's script_finished; raise ReaderError if it did not go well."""
    _, ForwardMsg = _protos()
    session.headings, session.exception = [], None
    while True:
        data = await ws.recv()
        msg = ForwardMsg.FromString(data)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "heading":
                session.headings.append(element.heading.body)
            elif which == "exception" and session.exception is None:
                exc = element.exception
                session.exception = f"{exc.type}: {_first_line(exc.message)}" if exc.type else _first_line(exc.message) or "exception"
        elif kind == "new_session":
            session.run_hash = msg.new_session.page_script_hash
            session.main_hash = msg.new_session.main_script_hash or session.main_hash
        elif kind == "navigation":
            session.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            # On a first load by address, new_session names the entry file; navigation the page run.
            session.run_hash = msg.navigation.page_script_hash or session.run_hash
        elif kind == "page_not_found":
            raise ReaderError("the server answered page_not_found (it ran the home page instead)")
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            raise ReaderError(f"script does not compile: {_first_line(msg.session_event.script_compilation_exception.message)}")
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the app asked for a rerun: the run that counts follows
            if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                raise ReaderError(f"script finished with status {ForwardMsg.ScriptFinishedStatus.Name(status)}")
            return


def _page_hash(session: _Session, visit: Visit) -> str:
    if visit.url_pathname in session.pages:
        return session.pages[visit.url_pathname]
    if visit.url_pathname == "" and session.main_hash:  # a one-page app sends no navigation
        return session.main_hash
    raise ReaderError(f"no page at {visit.path!r} in the app's page list {sorted(session.pages)}")


def _check_page(session: _Session, visit: Visit) -> None:
    if session.exception:
        raise ReaderError(f"the page shows an exception: {session.exception}")
    known = session.pages.get(visit.url_pathname)
    home = {session.main_hash, session.pages.get("")} if visit.url_pathname == "" else set()
    if known is not None and session.run_hash != known and session.run_hash not in home:
        raise ReaderError(f"ran page {session.run_hash[:8]}, not {visit.path} ({known[:8]})")
    if visit.expect and not any(visit.expect in h for h in session.headings):
        raise ReaderError(f"no heading {visit.expect!r} (saw {[h[:40] for h in session.headings[:4]]})")


async def _reader(index: int, base_url: str, visits: Sequence[Visit], go: asyncio.Event, release: asyncio.Event,
                  done: Callable[[], None], timeout_s: float) -> ReaderResult:
    from websockets.asyncio.client import connect

    result = ReaderResult(index, secrets.token_hex(16))
    parts = urlsplit(base_url)
    ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}"
    origin = f"{parts.scheme}://{parts.netloc}"
    await go.wait()
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            async with connect(ws_url, subprotocols=["streamlit", PLACEHOLDER_TOKEN], origin=origin,
                               additional_headers={"Cookie": f"{STICKY_COOKIE}={result.sticky_key}"},
                               max_size=None, ping_interval=None, open_timeout=timeout_s) as ws:  # fmt: skip
                session = _Session()
                for k, visit in enumerate(visits):
                    t0 = started if k == 0 else time.perf_counter()
                    timing = PageTiming(visit.path)
                    result.pages.append(timing)
                    message = rerun_message(base_url, visit) if k == 0 else rerun_message(base_url, visit, page_script_hash=_page_hash(session, visit))
                    await ws.send(message)
                    await _run_page(ws, session)
                    _check_page(session, visit)
                    timing.ms = (time.perf_counter() - t0) * 1000
                done()
                await release.wait()  # hold the session open until the servers' memory is read
    except ReaderError as exc:
        _fail(result, visits, str(exc))
    except TimeoutError:
        _fail(result, visits, f"not finished within {timeout_s:g} s")
    except Exception as exc:  # noqa: BLE001 - connection refused/closed, protocol errors: one line for the report
        _fail(result, visits, f"{type(exc).__name__}: {_first_line(str(exc))}")
    finally:
        done()
    return result


def _fail(result: ReaderResult, visits: Sequence[Visit], error: str) -> None:
    """Mark the visit in progress (or, if all were done, nothing) as failed, and the rest as not reached."""
    if result.finished(len(visits)):
        return  # the failure came while holding the session open: the pages themselves finished
    if result.pages and result.pages[-1].ms is None:
        result.pages[-1].error = error
    for visit in visits[len(result.pages):]:
        result.pages.append(PageTiming(visit.path, None, "not reached"))


async def run_round_async(base_url: str, readers: int, visits: Sequence[Visit], *, timeout_s: float = DEFAULT_TIMEOUT_S,
                          pids: Sequence[int] = (), settle_s: float = 0.5) -> RoundResult:
    """One burst: `readers` sessions released at once; memory read before, at full load, after."""
    go, release, all_done = asyncio.Event(), asyncio.Event(), asyncio.Event()
    pending = set(range(readers))

    def done_for(i: int) -> Callable[[], None]:
        def done() -> None:
            pending.discard(i)
            if not pending:
                all_done.set()
        return done

    tasks = [asyncio.create_task(_reader(i, base_url, visits, go, release, done_for(i), timeout_s)) for i in range(readers)]
    await asyncio.sleep(0)  # every reader is now waiting on `go`
    rss_before = rss_bytes(pids) if pids else None
    t0 = time.perf_counter()
    go.set()
    try:
        await asyncio.wait_for(all_done.wait(), timeout_s + 5)
    except TimeoutError:
        pass  # every reader has its own timeout; this only guards the wait itself
    wall_ms = (time.perf_counter() - t0) * 1000
    rss_loaded = rss_bytes(pids) if pids else None
    release.set()
    results = await asyncio.gather(*tasks)
    await asyncio.sleep(settle_s)
    rss_after = rss_bytes(pids) if pids else None
    return RoundResult(tuple(visits), sorted(results, key=lambda r: r.reader), wall_ms, rss_before, rss_loaded, rss_after)


def outside_running_loop(fn, *args, **kwargs):
    """`fn(*args, **kwargs)`, on a thread of its own if this one already runs an asyncio loop (e.g.
    pytest with Playwright's sync API open): asyncio.run and Playwright's sync API refuse such a thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: no event loop in this thread
        return fn(*args, **kwargs)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def run_round(base_url: str, readers: int, visits: Sequence[Visit], **kwargs) -> RoundResult:
    """`run_round_async` in its own event loop (the caller's process does nothing else meanwhile)."""
    return outside_running_loop(lambda: asyncio.run(run_round_async(base_url, readers, visits, **kwargs)))


# ---------------------------------------------------------------------------------------------
# Command line


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def _mb(value: int | None) -> str:
    return "?" if value is None else f"{value / 2**20:.1f} MB"


def describe(result: RoundResult) -> str:
    lines = [f"{result.all_finished()}/{result.readers} readers finished every page; round took {result.wall_ms:.0f} ms"]
    for i, visit in enumerate(result.visits):
        s = result.stats(i)
        lines.append(f"  {visit.path:<22} finished {s.finished}/{s.readers}  p50 {_ms(s.p50)}  p95 {_ms(s.p95)}  max {_ms(s.max)}")
    if result.rss_before is not None and result.rss_loaded is not None:
        lines.append(f"  server RSS: {_mb(result.rss_before)} before, {_mb(result.rss_loaded)} with every session open, "
                     f"{_mb(result.rss_after)} after they closed; {result.mb_per_reader():+.2f} MB per reader")
    for error, count in result.errors().most_common(5):
        lines.append(f"  {count} × {error}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the app's address, e.g. http://127.0.0.1:8501")
    parser.add_argument("--readers", type=int, default=5)
    parser.add_argument("--page", action="append", dest="pages", metavar="PATH[=HEADING]",
                        help="a page to open, in order (default: /); =HEADING: a heading the page must show")
    parser.add_argument("--pid", action="append", type=int, default=[], help="a server process to read memory from")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds per reader")
    args = parser.parse_args(argv)
    visits = [Visit(*spec.split("=", 1)) if "=" in spec else Visit(spec) for spec in (args.pages or ["/"])]
    ok = True
    for r in range(args.rounds):
        result = run_round(args.url, args.readers, visits, timeout_s=args.timeout, pids=args.pid)
        print(f"round {r + 1}: " + describe(result))
        ok &= result.all_finished() == args.readers
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
