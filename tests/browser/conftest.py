"""Browser test set-up: one real Streamlit server and one headless Chromium per test session.

Playwright cannot download browsers here, so the tests drive Debian's Chromium. Without it the
browser tests are skipped with a reason, unless STORYFRAMES_REQUIRE_BROWSER=1 (CI), where a
missing browser is a failure. The server log goes to artifacts/browser/, screenshots to
artifacts/screenshots/ (artifacts/ is git-ignored).
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.local_app import CHROMIUM_ARGS, chromium_path, free_port, health

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
# Screenshots are for a person to look at (artifacts/). CI's machine is thrown away after the run
# and nobody looks there, so .ci/run sets STORYFRAMES_SCREENSHOTS=0 and `shot` takes none; a
# failure's screenshot is always taken.
SCREENSHOTS_WANTED = os.environ.get("STORYFRAMES_SCREENSHOTS", "1") != "0"
BROWSER_ARTIFACTS = ARTIFACTS / "browser"
VIEWPORT = {"width": 1280, "height": 720}
SERVER_START_TIMEOUT_S = 60
RUN_TIMEOUT_MS = 30_000

# Counts the script runs the page has started, so a wait after a click cannot mistake the
# previous run's "notRunning" for the end of the rerun the click caused.
_RUN_COUNTER_JS = """
(() => {
  window.__sfRuns = 0;
  const watch = () => new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.target.getAttribute && m.target.getAttribute('data-test-script-state') === 'running') window.__sfRuns += 1;
    }
  }).observe(document.documentElement, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
  if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
})();
"""

# The Framing page's sections: a row of buttons (a segmented control labelled "Section"), one
# pressed (aria-checked), drawn by storyframes.app.shell.PageContext.section_choice.
SECTION_BUTTONS = "[data-testid='stMain'] [role='radiogroup'][aria-label='Section'] [role='radio']"
OPEN_SECTION = SECTION_BUTTONS + "[aria-checked='true']"

_BUSY_SELECTOR = "[data-testid='stSpinner'], [data-testid='stSkeleton'], [data-testid='stAppSkeleton']"


def worker_file_name(name: str) -> str:
    """`name`, or under pytest-xdist `name` with the worker's id before its suffix
    (streamlit-server-gw1.log): each worker runs its own servers and must not write over another's log."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return name
    path = Path(name)
    return f"{path.stem}-{worker}{path.suffix}"


def _require_browser() -> bool:
    return os.environ.get("STORYFRAMES_REQUIRE_BROWSER") == "1"


def _missing(reason: str) -> None:
    if _require_browser():
        pytest.fail(f"{reason} (STORYFRAMES_REQUIRE_BROWSER=1, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = chromium_path()
    if path is None:
        _missing("Chromium not found (/usr/bin/chromium or `chromium` on PATH): browser tests need Debian's chromium package")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("the playwright package is not installed (pip install -r requirements-dev.txt)")
    return path


_LAUNCH_WITH_THREAD_DUMPS = (
    "import faulthandler, runpy, signal, sys; faulthandler.register(signal.SIGUSR1, all_threads=True); "
    "sys.argv[0] = 'streamlit'; runpy.run_module('streamlit', run_name='__main__')"
)


class AppServer:
    """`python -m streamlit run dashboard.py` on a free local port, logging to artifacts/browser/."""

    def __init__(self, script: str = "dashboard.py", log_name: str = "streamlit-server.log", env: dict[str, str] | None = None) -> None:
        self.script = script
        self.env = dict(env or {})  # e.g. STORYFRAMES_DATA_DIR, to serve another data package
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.restarts = 0
        self.log_path = BROWSER_ARTIFACTS / worker_file_name(log_name)
        self._log = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> None:
        BROWSER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **self.env}
        last_error = ""
        for _attempt in range(3):  # another process may take the port between choosing and binding it
            port = self.port or free_port()
            self._log = self.log_path.open("a" if self.restarts else "w", encoding="utf-8")
            self._log.write(f"==== starting streamlit on port {port} ====\n")
            self._log.flush()
            start_at = self.log_path.stat().st_size
            cmd = [
                # `python -m streamlit`, with every thread's stack written to the log on SIGUSR1
                # (dump_threads): what a run that never ends is waiting for.
                sys.executable, "-c", _LAUNCH_WITH_THREAD_DUMPS, "run", self.script,
                "--server.headless", "true",
                "--server.port", str(port),
                "--browser.gatherUsageStats", "false",
                # Readers get no tracebacks (.streamlit/config.toml); the tests want to see them.
                "--client.showErrorDetails", "full",
                # Others edit files while tests run: no reruns or "source changed" banners mid-test.
                "--server.fileWatcherType", "none",
            ]  # fmt: skip
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
            deadline = time.monotonic() + SERVER_START_TIMEOUT_S
            while time.monotonic() < deadline and self.alive():
                # "ok" alone could come from someone else's server on that port: also require our
                # process alive and its own log naming the port.
                own_log = self.log_path.read_text(errors="replace")[start_at:]
                if f":{port}" in own_log and health(f"http://127.0.0.1:{port}/_stcore/health") == "ok" and self.alive():
                    self.port = port
                    return
                time.sleep(0.25)
            self.stop()
            tail = _log_tail(self.log_path)
            last_error = f"streamlit did not become healthy on port {port} within {SERVER_START_TIMEOUT_S}s; log tail:\n{tail}"
            if "is not available" not in tail:
                break
            self.port = None  # the port was taken meanwhile: choose another
        pytest.fail(last_error, pytrace=False)

    def dump_threads(self) -> str:
        """Every server thread's Python stack, as faulthandler writes it to the log on SIGUSR1."""
        if not self.alive():
            return "(the server is not running)"
        start_at = self.log_path.stat().st_size
        os.kill(self.proc.pid, signal.SIGUSR1)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.2)
            dump = self.log_path.read_text(errors="replace")[start_at:]
            if "Thread 0x" in dump and dump.endswith("\n\n"):
                break
        return self.log_path.read_text(errors="replace")[start_at:]

    def ensure_running(self) -> None:
        """Restart the server (same port) if something outside the tests stopped it."""
        if self.alive():
            return
        code = self.proc.returncode if self.proc else None
        self.restarts += 1
        warnings.warn(
            f"the Streamlit server stopped during the browser tests (exit code {code}; 'Stopping...' in "
            f"{self.log_path} means a SIGTERM from outside the tests): restarted on port {self.port}",
            stacklevel=2,
        )
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self._log is not None:
            self._log.close()
            self._log = None


@pytest.fixture(scope="session")
def app_server(chromium_executable: str):
    """The app under test, started once per session and stopped at the end."""
    server = AppServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _server_running(request):
    """Before each browser test the server must be up: restart it if it was killed from outside."""
    if "app_server" in request.fixturenames:
        request.getfixturevalue("app_server").ensure_running()


@pytest.fixture(scope="session")
def browser(chromium_executable: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def new_page(browser, app_url: str, viewport: dict | None = None, *, own_context: bool = False):
    """A fresh page, 1280x720 (the projector view) unless `viewport` is given, collecting page errors
    and dialogs for the checks. Close it with `close_page(page)`.

    Its Streamlit session is its own (one per page, as in a tab), but its browser context (cookies,
    storage, HTTP cache) is shared with the other pages of the same server: in a new context the
    browser fetches and compiles the app's scripts again. Measured on the 2-core machine (CPU
    seconds of the server and browser processes, from /proc, for a warm load of Principles and of
    Lesson link): 4.5 s in a new context, 3.3 s in the shared one. A test of readers who must share
    nothing, cookies included, asks for `own_context=True`."""
    if own_context:
        context = _new_context(browser, app_url)
    else:
        contexts = browser.__dict__.setdefault("_storyframes_contexts", {})
        if app_url not in contexts:
            contexts[app_url] = _new_context(browser, app_url)
        context = contexts[app_url]
    pg = context.new_page()
    pg.own_context = own_context
    if viewport and viewport != VIEWPORT:
        pg.set_viewport_size(viewport)
    pg.set_default_timeout(RUN_TIMEOUT_MS)
    pg.page_errors = []  # uncaught JavaScript errors
    pg.dialogs = []  # alert()/confirm() calls: an injected script would show up here
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))

    def _dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", _dialog)
    return pg


# Streamlit keeps some of the page's state in the browser's localStorage, which a shared context
# shares: the sidebar's open or closed state above all (`stSidebarCollapsed-…`), so a phone test that
# opened the drawer left it open over the next test's page. A new page starts with it empty, as in a
# new context; sessionStorage (one per tab) marks a page already started, so a reload keeps it.
_FRESH_STORAGE_JS = """
(() => {
  try {
    if (!window.sessionStorage.getItem('__sfStarted')) {
      window.localStorage.clear();
      window.sessionStorage.setItem('__sfStarted', '1');
    }
  } catch (e) { /* a page without storage (about:blank, a file) */ }
})();
"""


def _new_context(browser, app_url: str):
    context = browser.new_context(viewport=VIEWPORT, base_url=app_url)
    context.add_init_script(_FRESH_STORAGE_JS)
    context.add_init_script(_RUN_COUNTER_JS)
    return context


def close_page(pg) -> None:
    """Close a page from `new_page` (and its context, if it had its own)."""
    if getattr(pg, "own_context", False):
        pg.context.close()
    else:
        pg.close()


def save_failure_screenshot(pg, request) -> None:
    rep = getattr(request.node, "rep_call", None)
    if rep is None or not rep.failed:
        return
    (BROWSER_ARTIFACTS / "failures").mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
    try:
        pg.screenshot(path=str(BROWSER_ARTIFACTS / "failures" / f"{name}.png"))
    except Exception:  # noqa: BLE001 - a failure screenshot is best effort
        pass


@pytest.fixture()
def page(browser, app_server, request):
    """A fresh 1280x720 page for one test; a screenshot is kept in artifacts/browser/failures/ if it fails."""
    pg = new_page(browser, app_server.url)
    yield pg
    save_failure_screenshot(pg, request)
    close_page(pg)


# ---------------------------------------------------------------------------------------------
# Waiting on the app's own state (as Streamlit's e2e tests do)


def run_count(page) -> int:
    """How many script runs this page has started so far (see _RUN_COUNTER_JS)."""
    return page.evaluate("() => window.__sfRuns || 0")


def wait_ready(page, *, runs_before: int | None = None, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until the app has finished the run in progress and drawn its output.

    After `goto`/`reload` (runs_before=None) wait for the first run to start and end. After an
    action, pass `run_count(page)` taken *before* it: the wait then needs a newer run to start
    (bounded: an action that causes no rerun just moves on) and to end. Then no spinner or
    skeleton may be visible and every Vega chart must have drawn (bounded; the tests check it).
    """
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout_ms)
    since = 0 if runs_before is None else runs_before
    try:
        page.wait_for_function(f"() => (window.__sfRuns || 0) > {since}", timeout=timeout_ms if runs_before is None else 5_000)
    except Exception:  # noqa: BLE001 - the run may have ended before the counter was installed
        if runs_before is None:
            page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms)
    page.wait_for_function(
        """(sel) => [...document.querySelectorAll(sel)].every(e => !(e.offsetWidth || e.offsetHeight || e.getClientRects().length))""",
        arg=_BUSY_SELECTOR,
        timeout=timeout_ms,
    )
    try:
        page.wait_for_function(
            """() => [...document.querySelectorAll('.vega-embed')].every(e => {
                 if (e.querySelector('canvas')) return true;
                 const svg = e.querySelector('svg');
                 return svg && svg.querySelector('g[class*="mark-"]');
               })""",
            timeout=10_000,
        )
    except Exception:  # noqa: BLE001 - an undrawn chart is reported by the tests, not here
        pass
    page.wait_for_timeout(150)  # settle: layout and fonts after the last delta


def open_page(page, path: str) -> None:
    page.goto(path)
    wait_ready(page)


_SIDEBAR_PAGE_LINKS = "[data-testid='stSidebar'] a[data-testid='stPageLink-NavLink']"


def go_to_page(page, path: str) -> None:
    """Open another page as a reader does, by its link in the sidebar (its group opened first if it
    is closed), and wait for the run: the session, and so projector mode and the filters, go along.
    One page switch costs the browser and server about half the CPU of a fresh load (no new
    scripts to compile, no new session)."""
    links = page.locator(_SIDEBAR_PAGE_LINKS)
    paths = links.evaluate_all("els => els.map(a => new URL(a.href).pathname)")
    assert path in paths, f"no sidebar link to {path}: {paths}"
    link = links.nth(paths.index(path))
    if not link.is_visible():  # in a closed expander of the sidebar (the Classroom group)
        link.locator("xpath=ancestor::details[1]/summary").click()
        link.wait_for(state="visible")
    before = run_count(page)
    link.click()
    page.wait_for_url(lambda url: urlsplit(url).path == path)
    wait_ready(page, runs_before=before)


# A button at rest: no animation runs on it or on a box around it, and its box has kept its place
# for three frames. An expander opens by animating its height with its content clipped; a click in
# that time made Playwright scroll the clipped box to show the button, and the growing box then
# slid the button back down under the pointer between the press and the release, so the click
# event went to the prompts above it and no download started (tests/browser/download_clicks.py).
_AT_REST_JS = """(b) => new Promise((resolve) => {
  const deadline = performance.now() + 10000;
  let last = '', frames = 0;
  const step = () => {
    const r = b.getBoundingClientRect();
    const box = [r.x, r.y, r.width, r.height].join();
    const moving = document.getAnimations().some(a => a.playState === 'running' && a.effect
      && a.effect.target instanceof Node && a.effect.target.contains(b));
    frames = !moving && box === last ? frames + 1 : 0;
    last = box;
    if (frames >= 3) resolve(true);
    else if (performance.now() > deadline) resolve(false);
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})"""

# What the pointer's press, release and click landed on: said when a click gave no file.
_POINTER_TRACE_JS = """(b) => {
  if (window.__sfTraceListener) for (const t of ['pointerdown', 'pointerup', 'click']) document.removeEventListener(t, window.__sfTraceListener, true);
  const trace = window.__sfClickTrace = [];
  const where = (t) => b.contains(t) ? 'the button' : ((t.closest && t.closest('[data-testid]')) || {dataset: {testid: t.nodeName}}).dataset.testid;
  window.__sfTraceListener = (e) => trace.push(`${e.type} on ${where(e.target)}`);
  for (const t of ['pointerdown', 'pointerup', 'click']) document.addEventListener(t, window.__sfTraceListener, true);
}"""


def download(page, button, server: AppServer | None = None, timeout_ms: int = 20_000):
    """Click a download button once and return Playwright's Download.

    First the app must be idle (a button made from a callable is registered again on every run,
    so a click on a button that a run is replacing can ask for a file the server has already
    dropped) and the button at rest (see _AT_REST_JS: not inside an expander still opening).
    One click must give the file. If it does not, the failure says what the button showed (its
    label, and the error Streamlit shows under it for 5 s when the server could not make the file),
    where the pointer's press, release and click landed, the app's state and the server log's tail."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=RUN_TIMEOUT_MS)
    if not button.evaluate(_AT_REST_JS):
        raise AssertionError(f"the download button {button.inner_text()!r} did not come to rest within 10 s")
    button.evaluate(_POINTER_TRACE_JS)
    error = button.locator("xpath=ancestor::*[@data-testid='stDownloadButton'][1]").locator("[data-testid='stDownloadButtonError']")
    got: list = []

    def on_download(download) -> None:  # a Python function: Playwright cannot wrap a builtin's bound method
        got.append(download)

    page.on("download", on_download)
    shown_error = ""
    try:
        button.click()
        deadline = time.monotonic() + timeout_ms / 1000
        while not got and time.monotonic() < deadline:
            if error.count():
                shown_error = error.first.inner_text()
                break
            page.wait_for_timeout(100)
    finally:
        page.remove_listener("download", on_download)
    if got:
        return got[0]
    shown = button.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]").inner_text(timeout=5_000)
    trace = page.evaluate("() => window.__sfClickTrace || []")
    state = page.locator("[data-testid='stApp']").evaluate("a => [a.dataset.testScriptState, a.dataset.testConnectionState]")
    log = _log_tail(server.log_path) if server is not None else "(no server given)"
    raise AssertionError(
        f"no download after one click on {shown!r} ({f'it showed the error {shown_error!r}' if shown_error else 'no error shown'}; "
        f"pointer: {', '.join(trace) or 'no event'}; script, connection: {state}); server log:\n{log}"
    )


# --- handouts: printed by Chromium, their QR codes read back -------------------------------------
HANDOUT_SHOTS = SCREENSHOTS / "handout"
A4 = {"width": 794, "height": 1123}


def pdf_pages(printer, html_uri: str) -> int:
    printer.goto(html_uri)
    pdf = printer.pdf(format="A4", print_background=True)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def print_and_shoot(page, path, shot: str) -> None:
    """Printed by Chromium: one or two A4 pages; and a screenshot of it at A4 size to look at."""
    HANDOUT_SHOTS.mkdir(parents=True, exist_ok=True)
    printer = page.context.new_page()
    try:
        pages = pdf_pages(printer, path.as_uri())
        assert 1 <= pages <= 2, f"{path.name} prints on {pages} pages"
        if SCREENSHOTS_WANTED:
            printer.set_viewport_size(A4)  # on screen the handout keeps the printed page's width (182 mm)
            printer.screenshot(path=str(HANDOUT_SHOTS / shot), full_page=True)
    finally:
        printer.close()


def read_qr(page, path) -> list[str]:
    """What the handout's QR code says, read back by zxing-cpp from a large drawing of it (it prints at 32 mm)."""
    reader = page.context.new_page()
    try:
        reader.goto(path.as_uri())
        reader.locator(".link svg").evaluate("s => { s.style.width = '400px'; s.style.height = '400px'; }")
        qr = reader.locator(".link svg").screenshot()
    finally:
        reader.close()
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in requirements-dev.txt")
    from PIL import Image

    return [f.text for f in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr)).convert("L"))]


def shot(page, path: Path, *, full_page: bool = False) -> None:
    """A screenshot to look at, saved at `path` (the whole page with `full_page`), unless
    screenshots are not wanted (STORYFRAMES_SCREENSHOTS=0, as in CI)."""
    if not SCREENSHOTS_WANTED:
        return
    if full_page:
        full_page_screenshot(page, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))


def full_page_screenshot(page, path: Path) -> None:
    """Use `shot(page, path, full_page=True)`. Streamlit scrolls inside [data-testid='stMain'], so `full_page=True` alone captures one
    screen: grow the viewport to the content's height for the shot, then restore it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size or VIEWPORT  # restored afterwards (the layout tests use other sizes)
    height = page.evaluate(
        """() => Math.max(window.innerHeight,
             ...['stMain', 'stSidebarContent'].map(t => (document.querySelector(`[data-testid='${t}']`) || {}).scrollHeight || 0))"""
    )
    page.set_viewport_size({"width": viewport["width"], "height": min(int(height) + 40, 16_000)})
    try:
        page.wait_for_timeout(300)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
        page.wait_for_timeout(300)


# --- One loaded page per (page, viewport), shared by the checks that read it ---------------------
# Loading a page is most of a page check's time. The checks of one page and viewport in every module
# (test_browser.py, test_layout.py) are run together (pytest_collection_modifyitems below) on one
# open page; a check that changes the page (clicks, opens expanders or tabs) asks for it with
# `shown_to_change`, and a check that only reads it after that gets a freshly loaded one. The
# pages of one viewport form one xdist_group (one worker) and are visited in turn in one browser
# page, each reached from the one before by its sidebar link (`SharedPages._switch`), as a reader
# moves on; the first of them is loaded afresh.

VIEWPORTS = {"800x900": {"width": 800, "height": 900}, "1280x720": VIEWPORT,
             "390x844": {"width": 390, "height": 844}}  # a laptop window beside notes, the projector, a phone
SHARED_PAGE_FIXTURES = ("shown", "shown_to_change")

QUIET_JS = """
async ([quietMs, timeoutMs]) => {
  // Resolve once the document has not changed for quietMs (bounded by timeoutMs): Streamlit can
  // report 'notRunning' before charts, maps and grids have finished drawing.
  let last = performance.now();
  const obs = new MutationObserver(() => { last = performance.now(); });
  obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  const start = performance.now();
  while (performance.now() - last < quietMs && performance.now() - start < timeoutMs)
    await new Promise(r => setTimeout(r, 100));
  obs.disconnect();
  await document.fonts.ready;
  return performance.now() - last >= quietMs;
}
"""


def wait_settled(pg, quiet_ms: int = 600, timeout_ms: int = 10_000) -> None:
    """After wait_ready: no pending network and no DOM change for a moment."""
    try:
        pg.wait_for_load_state("networkidle", timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - the network check reports what was requested
        pass
    pg.evaluate(QUIET_JS, [quiet_ms, timeout_ms])


def page_name(path: str) -> str:
    """The name a page's screenshots carry: '/' -> 'home', '/Principles' -> 'Principles'."""
    return "home" if path == "/" else path.strip("/")


def page_cases(paths, viewports=("1280x720",)) -> list:
    """Parameters for `shown` / `shown_to_change` (indirect): each (path, viewport), in its viewport's xdist_group."""
    return [pytest.param((path, vp), id=f"{page_name(path)}-{vp}", marks=pytest.mark.xdist_group(f"pages at {vp}"))
            for path in paths for vp in viewports]


class Shown:
    """A page opened at a viewport and waited on until finished, with the requests it made until then."""

    def __init__(self, pg, path: str, viewport: str) -> None:
        self.pg, self.path, self.viewport = pg, path, viewport
        self.name = page_name(path)
        self.requests: list[dict] = []  # every request made from navigation until the page settled
        self.changed = False  # a check clicked or opened something on it
        self.switched = False  # reached from the page before by its sidebar link, not loaded afresh

    @property
    def where(self) -> str:
        return f"{self.path} at {self.viewport}"


class SharedPages:
    """The one page open at a time: kept while the next check asks for the same page and viewport,
    moved on by its sidebar link to the next page of the same viewport, loaded afresh otherwise."""

    def __init__(self, browser, server: AppServer) -> None:
        self.browser, self.server = browser, server
        self.current: Shown | None = None
        self.restarts = server.restarts
        self.loads = 0
        self.switches = 0

    def get(self, path: str, viewport: str, *, to_change: bool) -> Shown:
        current = self.current
        stale = self.server.restarts != self.restarts  # the pages of a stopped server are dead
        if stale or current is None or current.viewport != viewport or (current.path == path and current.changed and not to_change):
            self.close()
            self.restarts = self.server.restarts
            self.current = current = self._load(path, viewport)
        elif current.path != path:
            self.current = current = self._switch(current, path) or self._reload(path, viewport)
        current.changed |= to_change
        return current

    def _reload(self, path: str, viewport: str) -> Shown:
        self.close()
        return self._load(path, viewport)

    def _recorded(self, shown: Shown, action) -> None:
        """Run `action` (a navigation) with every request it makes recorded in `shown`, until the
        page has settled."""
        def _record(req):
            shown.requests.append({"url": req.url, "type": req.resource_type})

        shown.pg.on("request", _record)
        try:
            action()
            wait_settled(shown.pg)
        finally:
            shown.pg.remove_listener("request", _record)

    def _load(self, path: str, viewport: str) -> Shown:
        pg = new_page(self.browser, self.server.url, viewport=VIEWPORTS[viewport])
        shown = Shown(pg, path, viewport)
        self._recorded(shown, lambda: open_page(pg, path))  # the listener is on before navigation: the first requests count
        self.loads += 1
        return shown

    def _switch(self, current: Shown, path: str) -> Shown | None:
        """The next page of the same viewport, opened from the open one by its link in the sidebar,
        as a reader moves on: about half the CPU of a fresh load (no scripts compiled again, no new
        session). The link is clicked in the page's script (on a phone the sidebar is a closed
        drawer; opening it is the navigation tests' business). None if the page has no such link."""
        pg = current.pg
        links = pg.locator(_SIDEBAR_PAGE_LINKS)
        paths = links.evaluate_all("els => els.map(a => new URL(a.href).pathname)")
        if path not in paths:
            return None
        shown = Shown(pg, path, current.viewport)
        shown.switched = True

        def click():
            before = run_count(pg)
            links.nth(paths.index(path)).evaluate("a => a.click()")
            pg.wait_for_url(lambda url: urlsplit(url).path == path)
            wait_ready(pg, runs_before=before)

        self._recorded(shown, click)
        self.switches += 1
        return shown

    def close(self) -> None:
        if self.current is not None:
            close_page(self.current.pg)
            self.current = None


@pytest.fixture(scope="session")
def shared_pages(browser, app_server):
    pages = SharedPages(browser, app_server)
    yield pages
    pages.close()
    print(f"\nshared pages: {pages.loads} loaded, {pages.switches} reached by their sidebar link")


@pytest.fixture()
def shown(request, shared_pages) -> Shown:
    """The loaded page of (path, viewport) = request.param, for a check that only reads it (a
    screenshot that resizes the window and puts it back counts as reading)."""
    return shared_pages.get(*request.param, to_change=False)


@pytest.fixture()
def shown_to_change(request, shared_pages) -> Shown:
    """The loaded page of (path, viewport), for a check that clicks or opens things on it; the checks
    that change it share it (run after the ones that only read it, in file order)."""
    return shared_pages.get(*request.param, to_change=True)


def _shared_page(item):
    params = getattr(getattr(item, "callspec", None), "params", {})
    return next((params[name] for name in SHARED_PAGE_FIXTURES if name in params), None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The checks of one shared page run one after another, at the place of the first of them,
    each module's in file order: one load per page and viewport (pytest does the same for a
    parametrised session fixture, but keyed by the parameter's position in each module's list)."""
    by_page: dict[tuple, list] = {}
    for item in items:
        key = _shared_page(item)
        if key is not None:
            by_page.setdefault(key, []).append(item)
    if not by_page:
        return
    ordered, placed = [], set()
    for item in items:
        key = _shared_page(item)
        if key is None:
            ordered.append(item)
        elif key not in placed:
            placed.add(key)
            ordered.extend(by_page[key])
    items[:] = ordered


# --- Checks that several modules run in the page -------------------------------------------------

# Everything in the main area that reaches past the window's right edge (outside a box that scrolls
# sideways), and a document or main area that scrolls sideways: a list of what, and where.
PAST_THE_WINDOW_JS = """
() => {
  const main = document.querySelector("[data-testid='stMain']");
  const se = document.scrollingElement;
  const right = document.documentElement.clientWidth;  // the viewport's right edge, scrollbar excluded
  const shown = (el) => {
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none' || cs.opacity === '0') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const describe = (el) => {
    const own = el.getAttribute('data-testid');
    const tid = el.closest('[data-testid]');
    const key = el.closest('[class*="st-key-"]');
    const text = (el.innerText || el.textContent || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim().slice(0, 70);
    return `<${el.tagName.toLowerCase()}> ${own ? '' : 'in '}${tid ? tid.getAttribute('data-testid') : '?'}`
      + (key ? ` (${[...key.classList].find(c => c.startsWith('st-key-'))})` : '') + (text ? ` "${text}"` : '');
  };
  const out = [];
  if (se.scrollWidth > se.clientWidth + 1)
    out.push(`the document scrolls sideways: ${se.scrollWidth}px wide in a ${se.clientWidth}px window`);
  if (main.scrollWidth > main.clientWidth + 1)
    out.push(`the main area scrolls sideways: content ${main.scrollWidth}px wide in ${main.clientWidth}px`);
  for (const el of main.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right <= right + 1) continue;
    // Ignored: content inside a container built to scroll sideways (overflow-x auto/scroll), such as
    // st.dataframe's grid scroller or a wide code block: the reader scrolls that box, and the box
    // itself is checked like any other element. (Content cut off by overflow: hidden/clip is NOT
    // ignored: the reader cannot reach it at all.)
    let p = el.parentElement, inScroller = false;
    for (; p && p !== main; p = p.parentElement) if (scrolls(p)) { inScroller = true; break; }
    if (inScroller) continue;
    // Report the outermost element that crosses the edge; its descendants come with it.
    const parent = el.parentElement;
    if (parent && parent !== main && shown(parent) && parent.getBoundingClientRect().right > right + 1) continue;
    // Inside a box that clips (overflow hidden/clip, e.g. a chart's <svg>): what crosses the edge is cut off.
    let clipper = el.parentElement;
    for (; clipper && clipper !== main; clipper = clipper.parentElement) if (getComputedStyle(clipper).overflowX !== 'visible') break;
    const cut = clipper && clipper !== main
      ? `; cut off at ${Math.round(clipper.getBoundingClientRect().right)}px by its <${clipper.tagName.toLowerCase()}>`
        + ` (overflow ${getComputedStyle(clipper).overflowX})`
      : '';
    out.push(`${describe(el)}: right edge at ${Math.round(r.right)}px, past the viewport's ${right}px`
      + ` (${Math.round(r.width)}px wide)${cut}`);
  }
  return out;
}
"""

# Words broken mid-word onto two lines in headings and bordered cards: {cards, headings, broken}.
BROKEN_WORDS_JS = """
() => {
  const main = document.querySelector("[data-testid='stMain']");
  const shown = (el) => el && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
  // st.container(border=True): Streamlit 1.67 draws the border on the stVerticalBlock itself (older
  // versions wrapped it in stVerticalBlockBorderWrapper); plain vertical blocks have no border.
  const bordered = (el) => {
    const cs = getComputedStyle(el);
    return ['Top', 'Right', 'Bottom', 'Left'].every(s => cs[`border${s}Style`] !== 'none' && parseFloat(cs[`border${s}Width`]) > 0);
  };
  const cards = [...main.querySelectorAll("[data-testid='stVerticalBlockBorderWrapper'], [data-testid='stVerticalBlock']")]
    .filter(e => shown(e) && bordered(e));
  const headings = [...main.querySelectorAll('h1, h2, h3, h4')].filter(shown);
  // Breaking right after a hyphen or dash (or at a soft hyphen, which shows one) is ordinary
  // line breaking, not a word cut in two.
  const BREAKABLE_AFTER = new Set(['-', '\\u2010', '\\u2011', '\\u2012', '\\u2013', '\\u2014', '\\u00ad']);
  // An em dash may also start a line (Unicode line breaking, UAX #14, class B2: a break before or after).
  const BREAKABLE_BEFORE = new Set(['\\u2014']);
  const lineOf = (rects) => {  // distinct lines among rects (same line: tops within half a line)
    const lines = [];
    for (const r of rects) if (!lines.some(t => Math.abs(t.top - r.top) < r.height / 2)) lines.push(r);
    return lines.length;
  };
  const out = [], seen = new Set();
  const scan = (root, what) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen.has(node) || !shown(node.parentElement) || node.parentElement.closest('svg, canvas')) continue;
      seen.add(node);
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0);
        if (lineOf(rects) < 2) continue;
        // Where does the word change line? Allowed only right after a hyphen or dash.
        const cuts = [];
        let prevTop = null;
        for (let i = 0; i < m[0].length; i++) {
          const cr = document.createRange();
          cr.setStart(node, m.index + i);
          cr.setEnd(node, m.index + i + 1);
          const r = [...cr.getClientRects()].find(x => x.width > 0);
          if (!r) continue;
          if (prevTop !== null && Math.abs(r.top - prevTop) >= r.height / 2 && !BREAKABLE_AFTER.has(m[0][i - 1])
              && !BREAKABLE_BEFORE.has(m[0][i]))
            cuts.push(i);
          prevTop = r.top;
        }
        if (!cuts.length) continue;
        const shownAs = cuts.reduceRight((w, i) => w.slice(0, i) + '|' + w.slice(i), m[0]);
        const ctx = (root.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
        out.push(`"${m[0]}" broken as "${shownAs}" in ${what} "${ctx}" (${Math.round(root.getBoundingClientRect().width)}px wide)`);
      }
    }
  };
  headings.forEach(h => scan(h, h.tagName.toLowerCase()));
  cards.forEach(c => scan(c, 'card'));
  return {cards: cards.length, headings: headings.length, broken: out};
}
"""
