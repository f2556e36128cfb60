"""Finding words in Chromium: on a phone (390x844) and at 1280x720 a student types "Michael Jordan"
into the search box at the top of Home (and of Framing analysis), presses Enter, and reads the
Gawker sentence with its place label and the words highlighted; the address carries the words, and
the page does not scroll sideways, and axe-core finds no serious problem. Screenshots in artifacts/screenshots/search/."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from storyframes.core.data import load_package
from storyframes.views import search
from storyframes.views.common import default_filters
from tests.browser.conftest import shot, SCREENSHOTS, VIEWPORT, open_page, run_count, wait_ready
from tests.browser.test_browser import AXE_EXCLUDED_RULES

PHONE = {"width": 390, "height": 844}
BOX = "Find words in the articles"
MATCHES = "[data-testid='stMain'] .st-key-found_matches"
_SIDEWAYS_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector("[data-testid='stMain']");
  return document.documentElement.scrollWidth > width + 1 || main.scrollWidth > main.clientWidth + 1;
}
"""


@pytest.mark.parametrize("path", ["/", "/Framing_analysis"], ids=["home", "framing"])
@pytest.mark.parametrize("viewport", [PHONE, VIEWPORT], ids=["390x844", "1280x720"])
def test_michael_jordan_leads_to_gawker_in_one_step(page, viewport, path):
    from axe_playwright_python.sync_playwright import Axe

    data = load_package()
    hit = search.build(data, default_filters(data.vocab), "Michael Jordan").hits.iloc[0]
    page.set_viewport_size(viewport)
    open_page(page, path)
    box = page.get_by_label(BOX, exact=True)
    assert box.is_visible()
    top = box.bounding_box()
    assert top is not None and top["y"] + top["height"] <= viewport["height"], "the search box is not on the first screen"
    box.fill("Michael Jordan")
    before = run_count(page)
    box.press("Enter")
    wait_ready(page, runs_before=before)
    assert not page.locator("[data-testid='stException']").count()
    matches = page.locator(MATCHES)
    matches.wait_for()
    text = matches.inner_text()
    assert hit["text"] in text and f"{hit['outlet']} · {hit['where']}" in text, text
    marked = matches.locator("span", has_text="Michael Jordan").filter(has_not_text="Bratton")
    assert marked.count() >= 1
    colour = marked.last.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour
    assert parse_qs(urlsplit(page.url).query).get("find") == ["Michael Jordan"]
    assert not page.evaluate(_SIDEWAYS_JS), "the page scrolls sideways"
    violations = Axe().run(page).response.get("violations", [])  # the highlight's contrast too
    bad = [(v["id"], [n.get("html", "")[:100] for n in v.get("nodes", [])[:3]]) for v in violations
           if v.get("impact") in ("serious", "critical") and v["id"] not in AXE_EXCLUDED_RULES]
    assert not bad, bad
    shots = SCREENSHOTS / "search"
    shots.mkdir(parents=True, exist_ok=True)
    name = "home" if path == "/" else "framing"
    shot(page, shots / f"{name}-michael-jordan-{viewport['width']}x{viewport['height']}.png")
