"""Highlighting stays safe in a real browser: a sentence holding <script>, $, *, _, [ ], a
Markdown link, a colour directive, backticks, a backslash, bare addresses, shortcodes and arrows is
shown literally, character for character, with our highlight colours around it and nothing of it
interpreted: no link, no icon, no emoji."""

from __future__ import annotations

import re

import pytest

from storyframes.core.urls import link_address

from .conftest import AppServer, close_page, new_page, wait_ready

# Under xdist the module runs on one worker: one server for all of it.
pytestmark = pytest.mark.xdist_group("hostile-markup-server")

LINKED = "https://x.org/a_(b)/!(P1X)*x*/:material/home:?q=$y$&lt;b&gt;&r=:red"  # as in apps/hostile_markup.py
BREAKOUT = "https://x.org/a)![P1X](http://127.0.0.1:9/pixel.png)"
HOSTILE = ("Chiefs <script>alert('x')</script> cut $5$ of *the* _mass_ [incarceration](http://evil.example) rate :red[now] `code` \\ ok. "
           "See www.evil.example, write to me@evil.example :smile: :material_home: :streamlit: -- or -> not.")


@pytest.fixture(scope="module")
def markup_url(chromium_executable):
    server = AppServer("tests/browser/apps/hostile_markup.py", "hostile-markup-server.log")
    server.start()
    yield server.url
    server.stop()


def shown_text(pg, key: str) -> str:
    return re.sub(r"\s+", " ", pg.inner_text(f".st-key-{key} [data-testid='stMarkdownContainer']")).strip()


@pytest.mark.parametrize("key", ["reading", "safe", "furniture"])
def test_hostile_sentence_is_shown_literally(browser, markup_url, key):
    pg = new_page(browser, markup_url)
    try:
        pg.goto(markup_url)
        wait_ready(pg)
        assert shown_text(pg, key) == re.sub(r"\s+", " ", HOSTILE)
        box = f".st-key-{key} [data-testid='stMarkdownContainer']"
        # nothing of the sentence became markup (":red[now]" staying in the text above proves the colour
        # directive was not read either): no script, emphasis, code or maths
        for tag in ("script", "em", "strong", "code", ".katex"):
            assert pg.locator(f"{box} {tag}").count() == 0, tag
        # no link at all: not "[incarceration](http://…)", nor the bare addresses GFM would link
        # ("http://evil.example", "www.evil.example", "me@evil.example"); no icon, logo or emoji either
        assert pg.locator(f"{box} a").count() == 0, pg.locator(f"{box} a").evaluate_all("els => els.map(a => a.outerHTML)")
        assert pg.locator(f"{box} img, {box} [role=img]").count() == 0
        assert "😄" not in shown_text(pg, key)
        assert pg.dialogs == [], "an injected script ran"
    finally:
        close_page(pg)


def test_highlight_layers_wrap_the_right_words(browser, markup_url):
    pg = new_page(browser, markup_url)
    try:
        pg.goto(markup_url)
        wait_ready(pg)
        spans = pg.locator(".st-key-reading [data-testid='stMarkdownContainer'] span")
        texts = [spans.nth(i).inner_text() for i in range(spans.count())]
        assert "*the* _mass_ [incarceration]" in texts  # the quote layer
        assert "<script>alert('x')</script>" in texts  # the lexicon layer
    finally:
        close_page(pg)


def test_link_is_one_link_to_the_encoded_address_with_literal_text(browser, markup_url):
    """render.link with a legal address full of Markdown characters: one link, to the encoded
    address, its text literal; with an address that would end the Markdown link and add an image,
    or a javascript: address, the text alone (`link_address` refuses both)."""
    pg = new_page(browser, markup_url)
    requests = []
    pg.on("request", lambda r: requests.append(r.url))
    try:
        pg.goto(markup_url)
        wait_ready(pg)
        links = pg.locator(".st-key-link [data-testid='stMarkdownContainer'] a")
        assert links.count() == 1
        assert links.first.get_attribute("href") == link_address(LINKED) == \
            "https://x.org/a_%28b%29/!%28P1X%29*x*/%3Amaterial/home%3A?q=$y$&lt;b&gt;&r=%3Ared"
        assert re.sub(r"\s+", " ", links.first.inner_text()).strip() == re.sub(r"\s+", " ", "Source " + HOSTILE)
        for key in ("breakout", "not_web"):
            assert shown_text(pg, key) == re.sub(r"\s+", " ", "Source " + HOSTILE), key
            assert pg.locator(f".st-key-{key} a").count() == 0, key
        assert pg.locator("img").count() == 0
        assert [u for u in requests if not u.startswith(markup_url)] == [], "a request left the app"
    finally:
        close_page(pg)
