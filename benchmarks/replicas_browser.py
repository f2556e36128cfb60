"""A real browser through nginx: the page renders, a filter click works, and it stays on one replica.

Usage:  python benchmarks/replicas_browser.py [--replicas 2]

Headless Chromium (Debian's, driven by Playwright) opens the framing page through nginx, waits
until it has finished (benchmarks/browser_timing.py: script stopped, DOM quiet, no exception),
checks the page's title, clicks a sidebar "Outlets" pill and waits for the rerun to finish with
the pill toggled. Then, from nginx's access log (deploy/nginx.conf logs each request's sticky key
and the replica that answered), every request this browser made — the page, its static files,
the /_stcore/* calls and the websocket — must have gone to one and the same replica.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import browser_timing as bt  # noqa: E402
from benchmarks.load_client import STICKY_COOKIE, outside_running_loop  # noqa: E402
from benchmarks.replicas import Cluster, replicas, sticky_report  # noqa: E402

PAGE = "pages/4_Framing_analysis.py"
PAGE_PATH = "/Framing_analysis"
PILL_LABEL = "Outlets"


def page_title(script: str) -> str | None:
    """The first `st.title("...")` of a page file: the heading that proves the page ran."""
    match = re.search(r"""st\.title\(\s*(["'])(.+?)\1""", (ROOT / script).read_text(encoding="utf-8"))
    return match.group(2) if match else None


@dataclass
class BrowserCheck:
    ok: bool = False
    version: str = ""  # Chromium's
    findings: list[str] = field(default_factory=list)  # what was seen, in sentences
    error: str | None = None


def check_through_nginx(cluster: Cluster, path: str = PAGE_PATH, title: str | None = None, pill_label: str = PILL_LABEL) -> BrowserCheck:
    return outside_running_loop(_check_through_nginx, cluster, path, title, pill_label)


def _check_through_nginx(cluster: Cluster, path: str, title: str | None, pill_label: str) -> BrowserCheck:
    result = BrowserCheck()
    title = title if title is not None else page_title(PAGE)
    sockets: list[str] = []
    try:
        with bt.chromium() as browser, bt.fresh_page(browser) as page:
            result.version = browser.version
            page.on("websocket", lambda ws: sockets.append(ws.url))
            bt.open_finished(page, cluster.url + path)
            if title:
                heading = page.get_by_role("heading", name=title)
                if heading.count() < 1:
                    raise bt.BenchError(f"no heading {title!r} on {path} through nginx")
                result.findings.append(f"{path} rendered through nginx with its heading “{title}”")
            pressed = bt.pills_pressed(page, pill_label)
            pill = list(pressed)[-1]
            url_before = page.url
            runs = page.evaluate("() => window.__bench.runs")
            bt.click_pill(page, pill_label, pill)
            bt.wait_finished(page, runs + 1, bt.ACTION_TIMEOUT_MS)
            after = bt.pills_pressed(page, pill_label)
            if after.get(pill) == pressed[pill]:
                raise bt.BenchError(f"clicking the {pill_label!r} pill {pill!r} did not toggle it")
            moved = "and the address changed with it" if page.url != url_before else "(the address did not change)"
            result.findings.append(f"the “{pill_label}” pill “{pill}” toggled {'on' if after[pill] else 'off'} and the page re-ran, "
                                   f"{moved}")
            cookies = {c["name"]: c["value"] for c in page.context.cookies()}
        # The context is closed now: its websocket has ended, so nginx has logged it.
        key = cookies.get(STICKY_COOKIE)
        if not key:
            raise bt.BenchError(f"nginx set no {STICKY_COOKIE!r} cookie (cookies: {sorted(cookies)})")
        report, deadline = sticky_report(cluster.nginx.access_log), time.monotonic() + 10
        while time.monotonic() < deadline and not _stream_logged(cluster, key):
            time.sleep(0.2)
            report = sticky_report(cluster.nginx.access_log)
        upstreams = report.upstreams_by_key.get(key, set())
        requests = _requests_for(cluster, key)
        streams = sum(1 for p in requests if p.endswith("/_stcore/stream"))
        if len(sockets) != 1 or streams != 1:
            raise bt.BenchError(f"expected one websocket: the browser opened {len(sockets)}, nginx logged {streams} for its key")
        if len(upstreams) != 1:
            raise bt.BenchError(f"the browser's {len(requests)} requests reached {len(upstreams)} replicas: {sorted(upstreams)}")
        replica = next(iter(upstreams))
        result.findings.append(f"all {len(requests)} requests of that browser (key {key[:8]}…), its one websocket and "
                               f"its /_stcore/* calls included, went to one replica ({replica})")
        result.ok = True
    except bt.BenchError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a Playwright error: one line for the report
        result.error = f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[0]}"
    return result


def _requests_for(cluster: Cluster, key: str) -> list[str]:
    text = cluster.nginx.access_log.read_text(encoding="utf-8", errors="replace") if cluster.nginx.access_log.exists() else ""
    return [m.group(1).split("?")[0] for line in text.splitlines() if f" key={key} " in line
            for m in [re.search(r'"\S+ (\S+)', line)] if m]  # fmt: skip


def _stream_logged(cluster: Cluster, key: str) -> bool:
    return any(p.endswith("/_stcore/stream") for p in _requests_for(cluster, key))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    args = parser.parse_args(argv)
    with replicas(args.replicas) as cluster:
        check = check_through_nginx(cluster)
    for line in check.findings:
        print(f"- {line}")
    if not check.ok:
        print(f"FAILED: {check.error}", file=sys.stderr)
    return 0 if check.ok else 1


if __name__ == "__main__":
    sys.exit(main())
