"""The load benchmark's tools, at the smallest scale: the websocket load client against a real
server (finished pages, and each way a page can fail), memory from /proc, percentiles, and the
replicas behind nginx (load client and a real browser through it, sticky to one replica).

The replica tests need nginx (Debian: apt-get install nginx-light): without it they skip, unless
STORYFRAMES_REQUIRE_NGINX=1, where a missing nginx fails them. The browser check also needs
Chromium, under the same rule as the other browser tests (STORYFRAMES_REQUIRE_BROWSER).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from benchmarks.load_client import PageTiming, ReaderResult, RoundResult, Visit, percentile, process_tree, rss_bytes, run_round
from benchmarks.replicas import nginx_path, replicas, sticky_report, streamlit_servers
from tests.browser.local_app import chromium_path

ROOT = Path(__file__).resolve().parents[1]
# Under xdist the module's servers (and its replicas) start once, on one worker.
pytestmark = pytest.mark.xdist_group("bench-tools")
FLOOR = "benchmarks/apps/floor.py"


def _require(env: str, missing: str) -> None:
    if os.environ.get(env) == "1":
        pytest.fail(f"{missing} ({env}=1, so this fails instead of skipping)", pytrace=False)
    pytest.skip(missing)


@pytest.fixture(scope="module")
def probe_app(tmp_path_factory) -> Path:
    """A two-page app with a title on its home page and an exception on its other page."""
    app = tmp_path_factory.mktemp("probe")
    (app / "pages").mkdir()
    (app / "home.py").write_text('import streamlit as st\nst.title("Probe home")\nst.write("hello")\n', encoding="utf-8")
    (app / "pages" / "1_Boom.py").write_text(
        'import streamlit as st\nst.title("Boom page")\nraise ValueError("boom on purpose")\n', encoding="utf-8"
    )
    return app / "home.py"


@pytest.fixture(scope="module")
def servers(probe_app: Path):
    """The floor page and the probe app, one Streamlit process each, started in parallel."""
    with streamlit_servers([FLOOR, str(probe_app)]) as (floor, probe):
        yield floor, probe


def test_two_readers_finish_on_the_floor_page(servers):
    floor, _ = servers
    result = run_round(floor.url, 2, [Visit("/"), Visit("/")], timeout_s=30, pids=[floor.pid])
    assert result.errors() == {}
    assert result.all_finished() == 2
    for page in range(2):
        stats = result.stats(page)
        assert stats.finished == 2 and 0 < stats.p50 <= stats.p95 <= stats.max < 30_000
    assert result.rss_before and result.rss_loaded and result.rss_after  # read from /proc for the server
    assert result.rss_before > 50 * 2**20  # a Streamlit process with pandas and altair loaded


def test_a_heading_and_a_page_change_are_checked(servers):
    _, probe = servers
    ok = run_round(probe.url, 1, [Visit("/", "Probe home")], timeout_s=30)
    assert ok.all_finished() == 1, ok.errors()
    wrong = run_round(probe.url, 1, [Visit("/", "Another title")], timeout_s=30)
    assert wrong.all_finished() == 0
    assert "no heading 'Another title'" in next(iter(wrong.errors()))


def test_an_exception_on_the_page_is_a_failure(servers):
    _, probe = servers
    # A link from home to the page that raises, and the same page opened by its address.
    for visits in ([Visit("/", "Probe home"), Visit("/Boom")], [Visit("/Boom")]):
        result = run_round(probe.url, 1, visits, timeout_s=30)
        assert result.all_finished() == 0
        assert result.results[0].pages[-1].error.startswith("the page shows an exception"), result.errors()


def test_unknown_pages_and_dead_servers_are_failures(servers):
    _, probe = servers
    by_address = run_round(probe.url, 1, [Visit("/Nowhere")], timeout_s=30)
    assert "page_not_found" in by_address.results[0].pages[0].error
    by_link = run_round(probe.url, 1, [Visit("/"), Visit("/Nowhere")], timeout_s=30)
    assert by_link.results[0].pages[0].ms is not None
    assert "no page at '/Nowhere'" in by_link.results[0].pages[1].error
    dead = run_round("http://127.0.0.1:9", 1, [Visit("/"), Visit("/Boom")], timeout_s=5)
    assert dead.results[0].pages[0].error and dead.results[0].pages[1].error == "not reached"


def test_percentile_is_nearest_rank():
    values = list(range(1, 31))  # 30 readers
    assert percentile(values, 95) == 29 and percentile(values, 50) == 15 and percentile(values, 100) == 30
    assert percentile([7.0], 95) == 7.0 and percentile([], 95) is None


def test_round_statistics_count_only_finished_readers():
    visits = (Visit("/"), Visit("/x"))
    results = [ReaderResult(0, "k0", [PageTiming("/", 100), PageTiming("/x", 200)]),
               ReaderResult(1, "k1", [PageTiming("/", None, "boom"), PageTiming("/x", None, "not reached")])]
    rnd = RoundResult(visits, results, 300, rss_before=100 * 2**20, rss_loaded=104 * 2**20)
    assert rnd.all_finished() == 1 and rnd.stats(0).finished == 1 and rnd.stats(0).p95 == 100
    assert rnd.mb_per_reader() == pytest.approx(2.0)
    assert rnd.errors() == {"/: boom": 1, "/x: not reached": 1}


def test_memory_is_read_for_a_process_and_its_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in process_tree([os.getpid()])
        assert rss_bytes([os.getpid()]) > rss_bytes([child.pid]) > 0
    finally:
        child.kill()
        child.wait()
    assert rss_bytes([2**22 + 12345]) is None  # no such process


def test_sticky_report_reads_the_access_log(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(textwrap.dedent("""\
        127.0.0.1 [22/Nov/2026:06:18:40 +0000] "GET / HTTP/1.1" 200 891 key=aaa upstream=127.0.0.1:1 rt=0.01
        127.0.0.1 [22/Nov/2026:06:18:40 +0000] "GET /_stcore/stream HTTP/1.1" 101 52555 key=aaa upstream=127.0.0.1:1 rt=1.2
        127.0.0.1 [22/Nov/2026:06:18:41 +0000] "GET /_stcore/health HTTP/1.1" 200 2 key=bbb upstream=127.0.0.1:2 rt=0.01
        127.0.0.1 [22/Nov/2026:06:18:42 +0000] "GET /_stcore/stream HTTP/1.1" 101 100 key=bbb upstream=127.0.0.1:1 rt=1.2
        127.0.0.1 [22/Nov/2026:06:18:42 +0000] "GET /x HTTP/1.1" 502 0 key=ccc upstream=- rt=0.00
        """), encoding="utf-8")  # fmt: skip
    report = sticky_report(log)
    assert report.requests == 4
    assert report.sessions_by_upstream == {"127.0.0.1:1": 2}
    assert report.split_keys == ["bbb"]


# ---------------------------------------------------------------------------------------------
# Replicas behind nginx


@pytest.fixture(scope="module")
def cluster():
    if nginx_path() is None:
        _require("STORYFRAMES_REQUIRE_NGINX", "nginx is not installed (Debian: apt-get install nginx-light)")
    with replicas(2) as running:
        yield running


@pytest.mark.slow
@pytest.mark.alone
def test_readers_through_nginx_stick_to_one_replica(cluster):
    from benchmarks.replicas_browser import page_title

    visits = [Visit("/", page_title("dashboard.py")), Visit("/Framing_analysis", page_title("pages/4_Framing_analysis.py"))]
    result = run_round(cluster.url, 4, visits, timeout_s=60, pids=cluster.pids)
    assert result.errors() == {}
    assert result.all_finished() == 4
    report = cluster.sticky_report()
    keys = {r.sticky_key for r in result.results}
    assert keys <= set(report.upstreams_by_key), "every reader's cookie is in nginx's log"
    assert report.split_keys == []
    assert sum(report.sessions_by_upstream.values()) >= 4


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.alone
def test_a_browser_through_nginx_renders_filters_and_sticks(cluster):
    if chromium_path() is None:
        _require("STORYFRAMES_REQUIRE_BROWSER", "Chromium not found: the browser check through nginx needs Debian's chromium")
    from benchmarks.replicas_browser import check_through_nginx

    check = check_through_nginx(cluster)
    assert check.ok, check.error
    assert any("one replica" in line for line in check.findings)
