"""Click the app's made-when-clicked downloads in Chromium, the way the browser tests do, and count
the clicks that gave no file.

    python -m tests.browser.download_clicks --clicks 40 [--animation-rate 0.1]

It walks the story pages (Home, Principles, Members & cities, Compare, Framing, Sources): opens
"For discussion in class" and clicks the handout, opens the first "Show the numbers as a table"
and clicks "Chart as PNG" and "Chart as SVG", each click through `conftest.download` (the tests'
own helper), right after the expander's summary was clicked, as the tests do. A click counts as a
miss when `download` raised, or when it warned that it needed a second click (the helper used to
click again rather than fail). For every click it also records whether the button moved between
the pointer going down and coming up: that is how a click was lost (the click event then goes to
whatever is under the pointer by then, not to the button).

`--animation-rate` slows the page's animations (Chromium's Animation.setPlaybackRate): 0.1 makes an
expander take ten times longer to open, so a click that does not wait for it lands while it moves.
The server log goes to artifacts/browser/click-loop-server.log. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

from tests.browser.conftest import AppServer, close_page, download, new_page, open_page
from tests.browser.local_app import CHROMIUM_ARGS, chromium_path

MAIN = "[data-testid='stMain']"
PAGES = ["/?outlet=gawker&outlet=cbs", "/Principles", "/Members_and_cities", "/Compare_outlets?outlet=gawker&outlet=cbs",
         "/Framing_analysis", "/Sources_and_method"]

# Where the clicked button (window.__sfTarget) was when the pointer went down and when it came up
# (capture phase, so no app handler can hide it).
_POINTER_LOG_JS = """
(() => {
  window.__sfPointer = [];
  const log = (e) => {
    const b = window.__sfTarget;
    if (b) window.__sfPointer.push({type: e.type, top: b.getBoundingClientRect().top, onButton: b.contains(e.target)});
  };
  for (const t of ['pointerdown', 'pointerup']) document.addEventListener(t, log, true);
})();
"""


def targets(page, handouts_only: bool):
    """The download buttons of the open page, each right after opening the expander it is in."""
    summary = page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text="For discussion in class")
    if summary.count():
        summary.first.click()
        yield page.locator(f"{MAIN} [data-testid='stDownloadButton'] button", has_text="Handout of this view")
    table = page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text="Show the numbers as a table")
    if table.count() and not handouts_only:
        table.first.click()
        for kind in ("PNG", "SVG"):
            yield page.locator(f"{MAIN} [data-testid='stDownloadButton'] button", has_text=f"Chart as {kind}").first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clicks", type=int, default=40)
    parser.add_argument("--animation-rate", type=float, default=1.0, help="Chromium's animation playback rate (0.1: ten times slower)")
    parser.add_argument("--handouts-only", action="store_true")
    args = parser.parse_args()
    if chromium_path() is None:
        print("no Chromium: see tests/browser/local_app.py", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    server = AppServer(log_name="click-loop-server.log")
    server.start()
    clicks = misses = moved = 0
    started = time.monotonic()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            i = 0
            while clicks < args.clicks:
                path = PAGES[i % len(PAGES)]
                i += 1
                page = new_page(browser, server.url)
                page.add_init_script(_POINTER_LOG_JS)
                if args.animation_rate != 1.0:
                    cdp = page.context.new_cdp_session(page)
                    cdp.send("Animation.enable")
                    cdp.send("Animation.setPlaybackRate", {"playbackRate": args.animation_rate})
                open_page(page, path)
                for button in targets(page, args.handouts_only):
                    if clicks >= args.clicks:
                        break
                    clicks += 1
                    button.evaluate("b => { window.__sfTarget = b; window.__sfPointer = []; }")
                    outcome = "file"
                    with warnings.catch_warnings(record=True) as warned:
                        warnings.simplefilter("always")
                        try:
                            got = download(page, button, server, timeout_ms=10_000)
                            size = len(open(got.path(), "rb").read())
                        except AssertionError as error:
                            outcome, size = f"MISS ({str(error).splitlines()[0][:160]})", 0
                    if any("second click" in str(w.message) for w in warned):
                        outcome = "MISS (a second click gave the file)"
                    if outcome.startswith("MISS"):
                        misses += 1
                    events = page.evaluate("window.__sfPointer")
                    tops = [e["top"] for e in events[:2] if e["top"] is not None]
                    shifted = len(tops) == 2 and abs(tops[0] - tops[1]) >= 0.5
                    moved += shifted
                    label = button.inner_text().strip().splitlines()[-1][:24]
                    print(f"{clicks:3d} {path[:30]:30s} {label:24s} {outcome} {size} B"
                          f"{'  (button moved %.0f px between pointer down and up)' % (tops[1] - tops[0]) if shifted else ''}", flush=True)
                close_page(page)
            browser.close()
    finally:
        server.stop()
    print(f"clicks={clicks} misses={misses} moved_during_click={moved} animation_rate={args.animation_rate} "
          f"seconds={time.monotonic() - started:.0f}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
