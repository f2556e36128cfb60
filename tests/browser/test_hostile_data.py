"""Hostile data in a real browser: the app serving a copy of the package with Markdown, HTML,
directive, maths, autolink, `javascript:` and image payloads in every text and URL column
(tests/hostile_package.py), on every page and every Framing tab, in Chromium.

On each: (a) the payloads are shown as text, character for character, and nothing of them became
an element — no emphasis, code, heading, list, colour, icon, logo, emoji, maths, image, and no
link but our navigation and the data's own web addresses, encoded; (b) the browser asks no host
but the app's own, and the payloads' image address (a listener of ours) is never asked; (c) no
dialog opened and no payload script ran (`window.__pwned` stays undefined). A chart's tooltip
and a chart click show hostile names literally too.
"""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode, urlsplit

import pytest

from storyframes.core.text import TEXT_BREAK
from storyframes.core.urls import link_address
from storyframes.views.framing import SECTIONS
from tests import hostile_package as H
from tests.browser.conftest import shot, SCREENSHOTS, AppServer, close_page, new_page, run_count, wait_ready

PAGES = {"/": "home", "/Principles": "principles", "/Members_and_cities": "members", "/Compare_outlets": "compare",
         "/Framing_analysis": "framing", "/Sources_and_method": "sources", "/Guided_tour": "tour", "/Guess_the_outlet": "quiz",
         "/Code_it_yourself": "code", "/Lesson_link": "lesson"}
VISITS = [(path, "") for path in PAGES] + [("/Framing_analysis", section) for section in SECTIONS[1:]]
# Where the data's long texts show only in charts (SVG, with ARIA labels) and tables (a canvas); the
# Sources page shows them only in tables, and the package's version in the citation.
IN_CHARTS = {("/Framing_analysis", s) for s in ("Frames", "Principles", "Voices", "Tone", "Headlines & readability")}
IN_CITATION = {("/Sources_and_method", "")}
# Pages whose main area shows no text from the data (the lesson link shows our own words, the
# address and its QR code): the sidebar's pills are where the payloads must show literally.
SIDEBAR_ONLY = {("/Lesson_link", "")}
SHOTS = SCREENSHOTS / "hostile"

# Text a payload would make into an element of its own if it were read as markup.
# Under xdist the module runs on one worker: one hostile package and one server for all of it.
pytestmark = pytest.mark.xdist_group("hostile-data-server")

MARKERS = [H.BOLD, H.ITALIC, H.STRIKE, H.CODE, H.RED, H.HEADING, H.ITEM, "CL1CK", "P1X"]

_FACTS_JS = """
(markers) => {
  const own = el => (el.textContent || '').trim();
  const madeFromData = [...document.querySelectorAll('body *')]
    .filter(el => !['SCRIPT', 'STYLE'].includes(el.tagName) && el.children.length === 0 && markers.includes(own(el)))
    .map(el => `<${el.tagName.toLowerCase()} class="${el.className && el.className.baseVal === undefined ? el.className : ''}">${own(el)}`);
  return {
    text: document.body.innerText,
    marks: [...document.querySelectorAll('.vega-embed [aria-label]')].map(e => e.getAttribute('aria-label')).join(' | '),
    madeFromData,
    images: [...document.querySelectorAll('img, picture, video, audio, iframe, object, embed, svg image')]
      .map(e => e.outerHTML.slice(0, 200)),
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    icons: [...document.querySelectorAll('[data-testid=stMarkdownContainer] [role=img]')].map(e => e.textContent.trim()),
    maths: document.querySelectorAll('.katex, math').length,
    scripts: [...document.querySelectorAll('body script')].map(s => s.outerHTML.slice(0, 200)),
    pwned: typeof window.__pwned,
  };
}
"""


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class PixelListener:
    """An HTTP listener on 127.0.0.1 at the payloads' image address: any request it gets is a leak."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/pixel.png"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def pixel():
    listener = PixelListener()
    yield listener
    listener.stop()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, pixel):
    return H.build(tmp_path_factory.mktemp("hostile") / "data", pixel=pixel.url)


@pytest.fixture(scope="module")
def hostile_app(chromium_executable, hostile):
    server = AppServer("dashboard.py", "hostile-data-server.log", env={"STORYFRAMES_DATA_DIR": str(hostile.path)})
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def visit(browser, hostile_app, pixel):
    """Open a page of the hostile app with every request logged; closes it afterwards. The image
    listener's log starts empty for each test, so a leak is reported by the test that caused it."""
    pixel.hits.clear()
    opened = []

    def go(path: str, **params):
        pg = new_page(browser, hostile_app.url)
        pg.requests = []
        pg.on("request", lambda r: pg.requests.append(r.url))
        pg.goto(path + (f"?{urlencode(params)}" if params else ""))
        wait_ready(pg)
        opened.append(pg)
        return pg

    yield go
    for pg in opened:
        close_page(pg)


def allowed_link(href: str, app_url: str, data_urls: set[str]) -> bool:
    """Our own navigation (heading anchors, page links) or one of the data's web addresses, encoded."""
    if href in data_urls or href == "" or href.startswith("#"):
        return True
    parts = urlsplit(href)
    if not parts.scheme and not parts.netloc:
        return not href.startswith("//") and ":" not in href.split("/")[0]  # "Principles", "/Principles"
    return f"{parts.scheme}://{parts.netloc}" == app_url


def assert_nothing_made_of_data(pg, hostile, app_url: str, where: str, *, shown_in: str = "text") -> dict:
    facts = pg.evaluate(_FACTS_JS, MARKERS)
    text = normalise(facts["text"])
    # (a) shown literally: the short payload in the sidebar's pills on every page, the long one in the
    #     page's text (or its charts' mark labels, or the citation); no escape or break of ours is visible
    assert normalise(hostile.short) in text, f"{where}: the outlet pills do not show their names literally"
    if shown_in == "text":
        assert normalise(hostile.long) in text, f"{where}: the page does not show the data's text literally"
    elif shown_in == "charts":
        assert normalise(hostile.long) in normalise(facts["marks"]), f"{where}: the charts do not label their marks with the data's text"
    elif shown_in == "citation":
        assert f"version 1.0.0 {normalise(hostile.short)}" in text, f"{where}: the citation does not show the version literally"
    for shown_escape in (f"\\*\\*{H.BOLD}", f"\\_{H.ITALIC}", "\\<img", TEXT_BREAK):
        assert shown_escape not in text, f"{where}: an escape of ours is visible: {shown_escape!r}"
    assert not facts["madeFromData"], f"{where}: data became markup: {facts['madeFromData'][:5]}"
    # the app's own images (the lesson link's QR code) come from its media endpoint; any other is the data's
    own_media = f'src="{app_url}/media/'
    foreign = [img for img in facts["images"] if not (img.startswith("<img") and own_media in img)]
    assert not foreign, f"{where}: an image from the data: {foreign[:3]}"
    assert not {"bug_report", "home"} & set(facts["icons"]), f"{where}: an icon from the data: {facts['icons']}"
    assert facts["maths"] == 0, f"{where}: maths from the data"
    assert "😄" not in facts["text"], f"{where}: an emoji from the data"
    assert not facts["scripts"], f"{where}: a script element from the data: {facts['scripts']}"
    data_urls = {u for u in map(link_address, hostile.urls) if u}
    bad = [h for h in facts["links"] if not allowed_link(h, app_url, data_urls)]
    assert not bad, f"{where}: links that are neither ours nor the data's web addresses: {bad}"
    # (b) no request to another host, none to the payloads' image
    hosts = {f"{p.scheme}://{p.netloc}" for p in map(urlsplit, pg.requests) if p.scheme not in ("data", "blob")}
    assert hosts <= {app_url}, f"{where}: requests to other hosts: {sorted(hosts - {app_url})}"
    # (c) no script ran
    assert facts["pwned"] == "undefined", f"{where}: a payload script ran"
    assert pg.dialogs == [], f"{where}: a dialog opened: {pg.dialogs}"
    return facts


@pytest.mark.parametrize(("path", "section"), VISITS, ids=[f"{PAGES[p]}{'-' + s if s else ''}" for p, s in VISITS])
def test_hostile_page_shows_data_literally(visit, hostile, hostile_app, pixel, path, section):
    pg = visit(path, **({"section": section} if section else {}))
    where = f"{path} {section}".strip()
    assert not pg.locator("[data-testid='stException']").count(), f"{where}: an exception"
    shown_in = ("charts" if (path, section) in IN_CHARTS else "citation" if (path, section) in IN_CITATION
                else "sidebar" if (path, section) in SIDEBAR_ONLY else "text")
    assert_nothing_made_of_data(pg, hostile, hostile_app.url, where, shown_in=shown_in)
    name = PAGES[path] + (f"-{re.sub(r'[^a-z]+', '-', section.lower()).strip('-')}" if section else "")
    shot(pg, SHOTS / f"{name}.png", full_page=True)
    assert pixel.hits == [], f"the payloads' image was requested: {pixel.hits}"


def test_chart_tooltip_and_click_show_hostile_names_literally(visit, hostile, hostile_app, pixel):
    pg = visit("/Principles")
    cells = pg.locator("[data-testid='stMain'] .vega-embed path[aria-roledescription='rect mark']")
    assert cells.count() > 0, "the matrix has no cells"
    cell = next(c for c in cells.all() if "Status: omitted" not in (c.get_attribute("aria-label") or ""))
    # the tooltip: vega-tooltip escapes HTML; the names (with payloads) show as text
    cell.hover(position={"x": 8, "y": 8})
    tip = pg.locator("#vg-tooltip-element")
    tip.wait_for(state="visible")
    assert tip.evaluate("t => t.querySelectorAll('img, script, iframe, a, strong, em').length") == 0
    assert f"**{H.BOLD}** _{H.ITALIC}_" in tip.inner_text() and "<img src=x" in tip.inner_text()
    # the click: the sentences behind the cell, under a heading built from the hostile names
    before = run_count(pg)
    cell.click(position={"x": 8, "y": 8})
    wait_ready(pg, runs_before=before)
    heading = pg.locator("[data-testid='stMain'] strong", has_text=" on P")
    assert heading.count() >= 1, "no sentences shown for the clicked cell"
    assert normalise(hostile.long) in normalise(heading.first.inner_text())
    assert_nothing_made_of_data(pg, hostile, hostile_app.url, "/Principles after a cell click")
    shot(pg, SHOTS / "principles-clicked.png", full_page=True)
    assert pixel.hits == []


def test_a_chosen_place_shows_hostile_names_literally(visit, hostile, hostile_app, pixel):
    pg = visit("/Members_and_cities")
    box = pg.locator("[data-testid='stMain'] [data-testid='stSelectbox'] input").first
    box.click()
    box.press("ArrowDown")  # opens the list (a click on the input alone may only focus it)
    before = run_count(pg)
    pg.locator("[role='option']").first.click()
    wait_ready(pg, runs_before=before)
    assert pg.locator("[data-testid='stMain'] h3").filter(has_text=H.BOLD).count() >= 1, "the chosen place's heading is missing"
    assert_nothing_made_of_data(pg, hostile, hostile_app.url, "/Members_and_cities with a place chosen")
    shot(pg, SHOTS / "members-place.png", full_page=True)
    assert pixel.hits == []


@pytest.mark.parametrize("path", ["/", "/Framing_analysis"], ids=["home", "framing"])
def test_a_search_shows_hostile_sentences_literally_with_the_match_marked(visit, hostile, hostile_app, pixel, path):
    """The search box's matches: every sentence and headline holding the payload's words, shown as
    text, with only our highlight around the words found (themselves shown as typed)."""
    query = f"**{H.BOLD}** _{H.ITALIC}_ ~~{H.STRIKE}~~ `{H.CODE}` <img src=x"
    pg = visit(path, find=query)
    assert not pg.locator("[data-testid='stException']").count()
    marked = pg.locator("[data-testid='stMain'] .st-key-found_matches .stMarkdownColoredBackground")
    assert marked.count() >= 2, "the search found too few of the hostile sentences and headlines to prove anything"
    assert {normalise(t) for t in marked.all_inner_texts()} - {""} == {query}  # ("": text.TEXT_BREAK's empty span inside)
    assert_nothing_made_of_data(pg, hostile, hostile_app.url, f"{path}?find=", shown_in="text")
    assert pixel.hits == [], f"the payloads' image was requested: {pixel.hits}"
