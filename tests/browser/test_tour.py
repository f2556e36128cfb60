"""The guided tour in Chromium: a reader clicks Next through all eight steps, the address follows,
every step draws without an error, and on a phone (390x844) the page does not scroll sideways and
its text and controls fit. Charts are not held to the phone width here: the timeline and matrix
draw wider than 390 px (their axis labels), which the classroom issue's phone-width work is to
fix on every page. Screenshots of every step in artifacts/screenshots/tour/."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import shot, SCREENSHOTS, VIEWPORT, open_page, run_count, wait_ready

MAIN = "[data-testid='stMain']"
PHONE = {"width": 390, "height": 844}
_PAST_THE_WINDOW_CHARTS_ASIDE_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector("[data-testid='stMain']");
  const wide = [...main.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && !e.closest("[data-testid='stDataFrame'], .vega-embed") && getComputedStyle(e).position !== 'fixed';
  }).map(e => (e.getAttribute('data-testid') || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().right));
  return {scroll: document.documentElement.scrollWidth > width + 1 || main.scrollWidth > main.clientWidth + 1, wide: wide.slice(0, 5)};
}
"""


@pytest.mark.parametrize("viewport", [VIEWPORT, PHONE], ids=["1280x720", "390x844"])
def test_click_through_every_step(page, viewport):
    from storyframes.classroom import tour

    page.set_viewport_size(viewport)
    shots = SCREENSHOTS / "tour"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        open_page(page, "/Guided_tour")
        for i, step in enumerate(tour.STEPS):
            assert not page.locator("[data-testid='stException']").count(), f"an exception on step {step.key}"
            assert parse_qs(urlsplit(page.url).query).get("step") == [step.key]
            assert page.locator(f"{MAIN} h2").first.inner_text().strip() == f"{i + 1}. {step.title}"
            shot(page, shots / f"{i + 1}-{step.key}-{viewport['width']}.png")
            found = page.evaluate(_PAST_THE_WINDOW_CHARTS_ASIDE_JS)
            assert not found["scroll"] and not found["wide"], f"step {step.key} sticks out at {viewport['width']} px: {found}"
            if i + 1 < len(tour.STEPS):
                before = run_count(page)
                page.locator(f"{MAIN} button", has_text="Next").click()
                wait_ready(page, runs_before=before)
        assert page.locator(f"{MAIN} button", has_text="Next").is_disabled()
    finally:
        page.set_viewport_size(VIEWPORT)
