"""200 sessions opened and closed leave the server's memory flat once Streamlit has dropped them.

A reader's session (filters, widget values, the elements sent) lives in the server process while
its websocket is open, and then, kept for a reconnect, until `server.disconnectedSessionTTL` has
passed. So one server of the app with a 2-second TTL is warmed, then 200 readers open the home
page (`/`, through Streamlit's own websocket protocol: benchmarks/load_client.py) 25 at a time and
close it; after the TTL one more session is opened and closed, because Streamlit drops expired
sessions only when it stores another (streamlit/runtime/caching/ttl_cache.py), and the server's
resident memory (VmRSS) is read. Then the same 200 again, twice. Whatever a session leaves behind
shows in every step from one reading to the next (50 KB per session would be 10 MB a step), so the
smaller of the two steps must stay under TOLERANCE_MB; noise moves one step, rarely both.

Measured here (2 cores): readings after successive waves of 200 moved by -2.3 to +2.8 MB (two runs,
seven waves; the largest step from the first to the second); the home page made to keep 50 KB per
run added 9.0 MB a wave, and this test failed. One CI run of a5fbe9c's check of a single step read
+5.3 MB (194.6, 198.1, 203.4 MB); the same test here on b88abd2 read -0.2 MB (193.7, 197.6, 197.4):
hence the second step. TOLERANCE_MB sits between the two. The server runs
with MALLOC_ARENA_MAX=2: with glibc's default (up to 16 arenas on 2 cores, one per busy session
thread) and 50-100 readers at once, the same waves differed by up to 8 MB, which would hide such a
leak. About 125-140 s (142 s for the leaking copy above), nearly all of it the 600 page runs.

It runs beside other tests (it is not marked `alone`): what it reads is one server's own memory,
which other processes on the machine do not change, and its server keeps one of the two cores
busy at most, so holding the other idle for two minutes cost CI a minute. Two runs beside other
test runs and three helpers' work (load average 5-7) read steps of -4.5, +0.3 and +0.3, +0.2 MB.
"""

from __future__ import annotations

import re
import time
import urllib.request

import pytest

from benchmarks.load_client import Visit, rss_bytes, run_round
from benchmarks.replicas import streamlit_servers
from benchmarks.replicas_browser import page_title

SESSIONS = 200
BATCH = 25  # readers at once: fewer at once keeps the allocator's high-water mark, and the noise, low
TTL_S = 2
TOLERANCE_MB = 5.0  # 25 KB per session
HOME = Visit("/", page_title("dashboard.py"))


def session_metrics(url: str) -> dict[str, int]:
    """Streamlit's own counters from /_stcore/metrics: sessions connected now, and connects and
    disconnects so far."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics?families=session_events&families=active_sessions", timeout=10) as resp:
        text = resp.read().decode()
    found = {kind: int(float(n)) for kind, n in re.findall(r'^session_events_total\{type="(\w+)"\} (\S+)$', text, re.MULTILINE)}
    for n in re.findall(r"^active_sessions (\S+)$", text, re.MULTILINE):
        found["active"] = int(float(n))
    assert {"connect", "disconnect", "active"} <= set(found), f"/_stcore/metrics no longer reports sessions:\n{text[:500]}"
    return found


def wait_all_closed(url: str, connects: int, timeout_s: float = 30) -> dict[str, int]:
    """Poll until the server has seen `connects` sessions in all, and has none open."""
    deadline = time.monotonic() + timeout_s
    while True:
        seen = session_metrics(url)
        if seen["connect"] >= connects and seen["active"] == 0 and seen["disconnect"] == seen["connect"]:
            return seen
        assert time.monotonic() < deadline, f"after {timeout_s:g} s the server still counts sessions as open: {seen}"
        time.sleep(0.1)


def open_and_close(url: str, sessions: int, batch: int = BATCH) -> None:
    for start in range(0, sessions, batch):
        n = min(batch, sessions - start)
        result = run_round(url, n, [HOME], timeout_s=120)
        assert result.all_finished() == n, f"readers {start}-{start + n - 1}: {dict(result.errors())}"


def settled_rss(server, connects: int) -> int:
    """The server's memory once every session so far is closed and dropped."""
    wait_all_closed(server.url, connects)
    # Stored sessions expire TTL_S after their close; nothing can be polled for that, so wait it out.
    time.sleep(TTL_S + 0.5)
    open_and_close(server.url, 1)  # storing this one reaps the expired ones
    wait_all_closed(server.url, connects + 1)
    rss = rss_bytes([server.pid])
    assert rss is not None, "the server's memory could not be read from /proc"
    return rss


@pytest.mark.slow
def test_memory_is_flat_after_three_waves_of_200_sessions(monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "2")  # read by the server's allocator at its start
    with streamlit_servers(["dashboard.py"], options=["--server.disconnectedSessionTTL", str(TTL_S)]) as (server,):
        open_and_close(server.url, BATCH)  # warm: imports, the package, the views, the allocator
        connects = BATCH
        warm = settled_rss(server, connects)
        connects += 1
        readings = []
        for _wave in range(3):
            open_and_close(server.url, SESSIONS)
            connects += SESSIONS
            readings.append(settled_rss(server, connects))
            connects += 1
    mb = [r / 2**20 for r in readings]
    steps = [b - a for a, b in zip(mb, mb[1:])]
    story = (f"server RSS: {warm / 2**20:.1f} MB warm, then after each wave of {SESSIONS} sessions "
             + ", ".join(f"{m:.1f}" for m in mb) + " MB (steps " + ", ".join(f"{d:+.1f}" for d in steps) + " MB)")
    print(story)
    assert min(steps) <= TOLERANCE_MB, (
        f"{story}: every step over {TOLERANCE_MB} MB (at least {min(steps) * 2**10 / SESSIONS:.0f} KB per session): "
        "closed sessions are not all freed")
