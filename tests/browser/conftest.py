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

import pytest

from tests.browser.local_app import CHROMIUM_ARGS, chromium_path, free_port, health

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
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
        self.log_path = BROWSER_ARTIFACTS / log_name
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


def new_page(browser, app_url: str, viewport: dict | None = None):
    """A fresh page in its own context, 1280x720 (the projector view) unless `viewport` is given,
    collecting page errors and dialogs for the checks. Close it with `page.context.close()`."""
    context = browser.new_context(viewport=viewport or VIEWPORT, base_url=app_url)
    context.add_init_script(_RUN_COUNTER_JS)
    pg = context.new_page()
    pg.set_default_timeout(RUN_TIMEOUT_MS)
    pg.page_errors = []  # uncaught JavaScript errors
    pg.dialogs = []  # alert()/confirm() calls: an injected script would show up here
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))

    def _dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", _dialog)
    return pg


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
    pg.context.close()


@pytest.fixture(scope="module")
def loaded_pages(browser, app_server):
    """Each page opened once per module, for the read-only checks (render, axe, text fit):
    `loaded_pages(path)` opens and waits on first use, then hands back the same page."""
    opened: dict[str, object] = {}
    seen = {"restarts": app_server.restarts}

    def get(path: str):
        if app_server.restarts != seen["restarts"]:  # pages of a stopped server are stale
            for pg in opened.values():
                pg.context.close()
            opened.clear()
            seen["restarts"] = app_server.restarts
        if path not in opened:
            pg = new_page(browser, app_server.url)
            open_page(pg, path)
            opened[path] = pg
        return opened[path]

    yield get
    for pg in opened.values():
        pg.context.close()


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


def full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside [data-testid='stMain'], so `full_page=True` alone captures one
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
