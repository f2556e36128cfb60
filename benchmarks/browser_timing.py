"""Real-server, real-browser timings: page loads, cold starts and sidebar filter clicks.

"Finished" means what a reader sees: the app root reports `data-test-script-state="notRunning"`
(after the run we are waiting for has started) AND the DOM has not changed for a quiet window.
The finish time is the time of the LAST DOM mutation, taken by a MutationObserver installed
before the page's own scripts; the quiet window itself is not counted. Times are read from the
page's own clock (`performance.now()`), from navigation start or from the click's pointerdown.

Only 127.0.0.1 is contacted; every server is started on a free port and stopped in `finally`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import Samples
from tests.browser.local_app import CHROMIUM_ARGS, chromium_path, free_port, health

CHROMIUM = chromium_path() or "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 720}  # the projector view the app is designed for
QUIET_MS = 500
LOAD_TIMEOUT_MS = 90_000
ACTION_TIMEOUT_MS = 30_000
SERVER_START_TIMEOUT_S = 90

# Installed before any page script runs (add_init_script). Counts script runs that start
# (transitions of data-test-script-state to "running", batched records included), notes the
# time and place of the last DOM mutation, and the time of the last pointerdown/keydown.
_OBSERVER_JS = """
(() => {
  const b = window.__bench = {runs: 0, last: 0, mutations: 0, lastWhere: '', actionAt: null};
  const STATE = 'data-test-script-state';
  const where = (node) => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    const tagged = el && el.closest('[data-testid]');
    return tagged ? tagged.getAttribute('data-testid') : (el ? el.tagName.toLowerCase() : '?');
  };
  new MutationObserver((records) => {
    b.last = performance.now();
    b.mutations += records.length;
    b.lastWhere = where(records[records.length - 1].target);
    records.forEach((r, i) => {
      if (r.type === 'childList') {
        for (const n of r.addedNodes)
          if (n.nodeType === 1 && n.getAttribute('data-testid') === 'stApp' && n.getAttribute(STATE) === 'running') b.runs += 1;
        return;
      }
      if (r.type !== 'attributes' || r.attributeName !== STATE) return;
      const next = records.slice(i + 1).find((n) => n.target === r.target && n.attributeName === STATE);
      const value = next ? next.oldValue : r.target.getAttribute(STATE);
      if (value === 'running' && r.oldValue !== 'running') b.runs += 1;
    });
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true});
  for (const type of ['pointerdown', 'keydown']) addEventListener(type, () => { b.actionAt = performance.now(); }, true);
})();
"""

_FINISHED_JS = """
([minRuns, quietMs]) => {
  const b = window.__bench, app = document.querySelector("[data-testid='stApp']");
  return !!(b && app) && b.runs >= minRuns && app.getAttribute('data-test-script-state') === 'notRunning'
    && performance.now() - b.last >= quietMs;
}
"""

_STATE_JS = """
() => {
  const b = window.__bench || {}, app = document.querySelector("[data-testid='stApp']");
  return {runs: b.runs, last: b.last, now: performance.now(), mutations: b.mutations, lastWhere: b.lastWhere,
          actionAt: b.actionAt, timeOrigin: performance.timeOrigin,
          state: app ? app.getAttribute('data-test-script-state') : null,
          exception: [...document.querySelectorAll("[data-testid='stException']")].map(e => e.innerText.slice(0, 300))};
}
"""


class BenchError(RuntimeError):
    """A measurement that could not be taken; the message says why, for the results file."""


# ---------------------------------------------------------------------------------------------
# Servers


@dataclass
class Server:
    """`python -m streamlit run SCRIPT` on a free port, cwd = the repository root."""

    root: Path
    script: str  # relative to root
    started_at: float = 0.0  # time.time() just before the process was started
    port: int = 0
    proc: subprocess.Popen | None = None
    log_path: Path | None = None  # a temporary file, removed on stop unless the server failed to start
    keep_log: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self, port: int) -> list[str]:
        return [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.headless", "true",
            "--server.port", str(port),
            "--browser.gatherUsageStats", "false",
            # Others edit the files while we measure: no reruns or "source changed" banners.
            "--server.fileWatcherType", "none",
        ]  # fmt: skip

    def start(self) -> Server:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        fd, name = tempfile.mkstemp(prefix="bench-streamlit-", suffix=".log")
        os.close(fd)
        self.log_path = Path(name)
        for _attempt in range(3):  # another process may take the port between choosing and binding it
            port = free_port()
            with self.log_path.open("a", encoding="utf-8") as log:
                log.write(f"==== {self.script} on port {port} ====\n")
                log.flush()
                offset = self.log_path.stat().st_size
                self.started_at = time.time()
                self.proc = subprocess.Popen(self.command(port), cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, start_new_session=True)
            deadline = time.monotonic() + SERVER_START_TIMEOUT_S
            while time.monotonic() < deadline and self.proc.poll() is None:
                # "ok" alone could come from someone else's server: also require our log to name the port.
                if health(f"http://127.0.0.1:{port}/_stcore/health") == "ok" and f":{port}" in self._log_since(offset):
                    self.port = port
                    return self
                time.sleep(0.025)
            self._terminate()
            if "is not available" not in self._log_since(offset):
                break
        self.keep_log = True
        raise BenchError(f"{self.script}: streamlit did not become healthy within {SERVER_START_TIMEOUT_S} s (log: {self.log_path})")

    def _log_since(self, offset: int) -> str:
        with self.log_path.open(encoding="utf-8", errors="replace") as log:
            log.seek(offset)
            return log.read()

    def stop(self) -> None:
        self._terminate()
        if self.log_path is not None and not self.keep_log:
            self.log_path.unlink(missing_ok=True)
            self.log_path = None

    def _terminate(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None


@contextmanager
def running(root: Path, script: str) -> Iterator[Server]:
    server = Server(root, script)
    try:
        yield server.start()
    finally:
        server.stop()


# ---------------------------------------------------------------------------------------------
# Browser


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def fresh_page(browser) -> Iterator[object]:
    """A new page in its own browser context (no cache, no session), with the observer installed."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(_OBSERVER_JS)
        page = context.new_page()
        page.set_default_timeout(ACTION_TIMEOUT_MS)
        yield page
    finally:
        context.close()


def wait_finished(page, min_runs: int, timeout_ms: int) -> dict:
    """Wait until `min_runs` runs have started, the script has stopped and the DOM is quiet."""
    try:
        page.wait_for_function(_FINISHED_JS, arg=[min_runs, QUIET_MS], timeout=timeout_ms, polling=50)
    except Exception as exc:  # noqa: BLE001 - Playwright's TimeoutError: say what the page was doing
        s = page.evaluate(_STATE_JS)
        busy = f"last DOM change {s['now'] - s['last']:.0f} ms ago in [data-testid={s['lastWhere']}]" if s["last"] else "no DOM change"
        raise BenchError(
            f"not finished after {timeout_ms / 1000:.0f} s: script state {s['state']!r}, {s['runs']} run(s) started "
            f"(waiting for {min_runs}), {busy}, {s['mutations']} mutations ({type(exc).__name__})"
        ) from None
    state = page.evaluate(_STATE_JS)
    if state["exception"]:
        raise BenchError(f"the page shows an exception: {state['exception'][0].strip().splitlines()[0]!r}")
    return state


def open_finished(page, url: str) -> dict:
    """Navigate to `url` and wait until its first run has finished (see `wait_finished`)."""
    try:
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    except Exception as exc:  # noqa: BLE001 - Playwright's errors: one line for the results file
        raise BenchError(f"could not open {url}: {_first_line(exc)}") from None
    return wait_finished(page, 1, LOAD_TIMEOUT_MS)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"


def load_ms(browser, url: str) -> tuple[float, float]:
    """Open `url` in a fresh context: (ms from navigation start to finished, finish time as epoch ms)."""
    with fresh_page(browser) as page:
        s = open_finished(page, url)
        return s["last"], s["timeOrigin"] + s["last"]


def timed_action(page, action: Callable[[], None]) -> float:
    """Do `action` (a click or key press) and return ms from its pointerdown/keydown to finished."""
    before = page.evaluate("() => { window.__bench.actionAt = null; return window.__bench.runs; }")
    action()
    s = wait_finished(page, before + 1, ACTION_TIMEOUT_MS)
    if s["actionAt"] is None:
        raise BenchError("the action sent no pointerdown/keydown event to the page")
    return s["last"] - s["actionAt"]


def _record(samples: Samples, measure: Callable[[], float]) -> None:
    if samples.error is not None:
        return
    try:
        samples.times_ms.append(measure())
    except BenchError as exc:
        samples.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - e.g. a Playwright timeout: a result, not a crash
        samples.error = _first_line(exc)


# ---------------------------------------------------------------------------------------------
# What the benchmark measures


def time_loads(browser, urls: dict[str, str], runs: int, log=print) -> dict[str, Samples]:
    """Per name: a warm-up load of its url, then `runs` loads (fresh context each) in interleaved rounds."""
    results = {name: Samples() for name in urls}
    for name, url in urls.items():
        warm = Samples()
        _record(warm, lambda url=url: load_ms(browser, url)[0])
        results[name].error = warm.error
        log(f"  {name}: warm-up {'error' if warm.error else f'{warm.times_ms[0]:.0f} ms'}")
    for _round in range(runs):
        for name, url in urls.items():
            _record(results[name], lambda url=url: load_ms(browser, url)[0])
    return results


def time_cold_starts(browser, root: Path, scripts: dict[str, tuple[str, str]], runs: int) -> dict[str, Samples]:
    """Per name (script, url path): process start to the first finished page, a new server each time."""
    results = {name: Samples() for name in scripts}

    def cold(script: str, path: str) -> float:
        with running(root, script) as server:
            _ms, finished_epoch_ms = load_ms(browser, server.url + path)
            return finished_epoch_ms - server.started_at * 1000

    for _round in range(runs):
        for name, (script, path) in scripts.items():
            _record(results[name], lambda: cold(script, path))
    return results


# -- the sidebar pills ----------------------------------------------------------------------------


def _pill_group(page, label: str):
    """The sidebar's pill group (st.pills) labelled `label`; a clear error if there is not exactly one."""
    sidebar = page.locator("[data-testid='stSidebar']")
    groups = sidebar.locator("[data-testid='stButtonGroup']").filter(
        has=page.locator("[data-testid='stWidgetLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )
    if groups.count() != 1:
        labels = [t.strip() for t in sidebar.locator("[data-testid='stWidgetLabel']").all_inner_texts()]
        raise BenchError(
            f"expected one st.pills group labelled {label!r} in [data-testid='stSidebar'] ([data-testid='stButtonGroup'] "
            f"with a [data-testid='stWidgetLabel']), found {groups.count()}; sidebar widget labels: {labels}"
        )
    return groups


def pills_pressed(page, label: str) -> dict[str, bool]:
    """Each pill's visible text → pressed?, in the order shown."""
    state = _pill_group(page, label).locator("button[aria-pressed]").evaluate_all(
        "bs => bs.map(b => [b.innerText.trim(), b.getAttribute('aria-pressed') === 'true'])"
    )
    if not state:
        raise BenchError(f"the {label!r} group has no pill buttons (button[aria-pressed])")
    return dict(state)


def click_pill(page, label: str, text: str) -> None:
    pill = _pill_group(page, label).locator("button[aria-pressed]", has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    if pill.count() != 1:
        raise BenchError(f"expected one pill {text!r} in the sidebar group {label!r}, found {pill.count()}")
    pill.click()


@dataclass
class FilterResult:
    new: Samples
    seen: Samples
    toggled: list[str]
    notes: list[str]


def time_filter_changes(browser, url: str, label: str, runs: int, avoid: Sequence[str] = ()) -> FilterResult:
    """Click pills of the sidebar group `label` on the page at `url`, timing each click to finished.

    (a) "new": each click makes a set of pressed pills never seen in this server process (the
    server is fresh for this and nothing else clicks its pills). (b) "seen": one pill toggled off
    and on again, after one unmeasured round trip, so both states are seen before. Pills named in
    `avoid` (e.g. the outlets whose full texts the page analyses) are not clicked unless no other
    pill exists, so every click keeps the page's heaviest content.
    """
    new, seen_samples, notes = Samples(), Samples(), []
    toggled: list[str] = []
    with fresh_page(browser) as page:
        try:
            open_finished(page, url)
            pressed = pills_pressed(page, label)
        except BenchError as exc:
            return FilterResult(Samples(error=str(exc)), Samples(error=str(exc)), [], [])
        candidates = [t for t in pressed if t not in set(avoid)] or list(pressed)
        state = frozenset(t for t, on in pressed.items() if on)
        seen = {state}
        addresses: dict[frozenset, set[str]] = {state: {page.url}}
        cursor = 0

        def click(text: str, expect_new: bool) -> float:
            nonlocal state
            target = state ^ {text}
            if expect_new != (target not in seen):
                raise BenchError(f"internal: the combination after toggling {text!r} is {'not ' if expect_new else ''}new")
            elapsed = timed_action(page, lambda: click_pill(page, label, text))
            now = pills_pressed(page, label)
            state = frozenset(t for t, on in now.items() if on)
            if state != target:
                raise BenchError(f"clicking the pill {text!r} did not toggle it (pressed now: {sorted(state)})")
            seen.add(state)
            addresses.setdefault(state, set()).add(page.url)
            toggled.append(text)
            return elapsed

        def next_new() -> float:
            nonlocal cursor
            for step in range(len(candidates)):
                text = candidates[(cursor + step) % len(candidates)]
                if state ^ {text} not in seen:
                    cursor = (cursor + step + 1) % len(candidates)
                    return click(text, expect_new=True)
            raise BenchError(f"no pill toggle left that makes a new combination (after {len(seen)} combinations)")

        warm = Samples()
        _record(warm, next_new)  # warm-up: the first click on a page
        new.error = warm.error
        for _ in range(runs):
            _record(new, next_new)

        pill = candidates[0]
        if new.error is None:
            warm = Samples()
            for _ in range(2):  # one unmeasured off-and-on (new or not): both combinations are then seen
                _record(warm, lambda: click(pill, expect_new=state ^ {pill} not in seen))
            seen_samples.error = warm.error
            for _ in range(runs):
                _record(seen_samples, lambda: click(pill, expect_new=False))
        else:
            seen_samples.error = "not measured: the new-combination clicks failed"
    for combo, urls in addresses.items():
        if len(urls) > 1:
            notes.append(
                f"The same pressed pills gave {len(urls)} different addresses ({' vs '.join(sorted(u.split('?', 1)[-1] for u in urls))}): "
                "the filter's value (and so any cache key built from it) depends on the order of clicks."
            )
            break
    return FilterResult(new, seen_samples, toggled, notes)


def time_reruns(browser, url: str, runs: int) -> Samples:
    """The floor of a filter click: press "r" (Streamlit's rerun key) on the page, time to finished."""
    samples = Samples()
    with fresh_page(browser) as page:
        try:
            open_finished(page, url)
        except BenchError as exc:
            return Samples(error=str(exc))

        def rerun() -> None:
            page.locator("[data-testid='stApp']").press("r")

        warm = Samples()
        _record(warm, lambda: timed_action(page, rerun))
        samples.error = warm.error
        for _ in range(runs):
            _record(samples, lambda: timed_action(page, rerun))
    return samples
