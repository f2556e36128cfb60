"""Reliability in a real browser: the agreement table and every disagreement on Sources & method,
a disputed sentence opened in its place, and the disputes marked on the Compare page's charts
(screenshots in artifacts/screenshots/reliability/, at 1280x720 and on a narrow screen)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import shot, SCREENSHOTS, VIEWPORT, open_page, run_count, wait_ready
from tests.browser.test_browser import click_and_wait

MAIN = "[data-testid='stMain']"
SHOTS = SCREENSHOTS / "reliability"


def no_exception(page, where: str) -> None:
    assert not page.locator("[data-testid='stException']").count(), f"an exception is shown on {where}"


def scroll_to_heading(page, text: str) -> None:
    page.locator(f"{MAIN} h2", has_text=text).first.scroll_into_view_if_needed()
    page.locator(f"{MAIN} h2", has_text=text).first.evaluate("h => h.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("width", [VIEWPORT["width"], 800])
def test_sources_page_shows_agreement_and_disagreements(page, width):
    page.set_viewport_size({"width": width, "height": VIEWPORT["height"]})
    try:
        open_page(page, "/Sources_and_method")
        no_exception(page, "Sources & method")
        text = page.locator(MAIN).inner_text()
        assert "How reliable are the codes?" in text and "Every disagreement, for discussion" in text
        assert "11 of the 11 disagreements" in text
        assert re.search(r"frame 86\.0% \(kappa 0\.81\)", text), "the limits do not state the measured agreement"
        SHOTS.mkdir(parents=True, exist_ok=True)
        scroll_to_heading(page, "How reliable are the codes?")
        shot(page, SHOTS / f"sources-agreement-{width}.png")
        # every column header of the agreement table is inside the main column (none cut off)
        grids = page.locator(f"{MAIN} [data-testid='stDataFrame']")
        main_box = page.locator(MAIN).bounding_box()
        for i in range(grids.count()):
            box = grids.nth(i).bounding_box()
            if box:
                assert box["x"] + box["width"] <= main_box["x"] + main_box["width"] + 1, f"table {i} overflows the main column"
        page.locator(f"{MAIN} h3", has_text="Every disagreement").first.evaluate("h => h.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        shot(page, SHOTS / f"sources-disagreements-{width}.png")
    finally:
        page.set_viewport_size(VIEWPORT)


def test_a_disputed_sentence_opens_in_its_place(page):
    open_page(page, "/Sources_and_method")
    box = page.locator(f"{MAIN} [data-testid='stSelectbox']", has_text="Read a disputed sentence in its place")
    before = run_count(page)
    box.locator("input").click()
    box.locator("input").fill("Gawker")  # the list shows a few options at a time: narrow it as a reader would
    page.get_by_role("option", name=re.compile(r"^Gawker · .* — Tone toward police$")).first.click()
    wait_ready(page, runs_before=before)
    no_exception(page, "Sources & method after choosing a disputed sentence")
    page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text="The sentence in its place").click()
    page.wait_for_timeout(400)
    text = page.locator(MAIN).inner_text()
    assert "Curated code (shown in the app):" in text and "Second coder:" in text
    from storyframes.core.data import load_package

    sentence = load_package().passages.set_index("passage_id").loc["gawker-05", "text"]  # Gawker's first tone dispute
    bold = page.locator(f"{MAIN} [data-testid='stMarkdownContainer'] strong").all_inner_texts()
    assert sentence in bold, f"the disputed sentence is not set apart in bold: {bold}"
    page.locator(f"{MAIN} [data-testid='stSelectbox']", has_text="Read a disputed sentence").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    shot(page, SHOTS / "sources-in-context.png")


def test_compare_marks_the_disputes_when_asked(page):
    open_page(page, "/Compare_outlets")
    rings = f"{MAIN} .vega-embed path[aria-roledescription='point']"
    n_points = page.locator(rings).count()
    toggle = page.locator(f"{MAIN} [data-testid='stCheckbox']", has_text="Mark where the second coder differs")
    assert toggle.count() == 1
    click_and_wait(page, toggle.locator("label").first)
    no_exception(page, "Compare outlets with the disputes marked")
    page.wait_for_function("() => document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length >= 3", timeout=30_000)
    page.wait_for_timeout(500)
    # the tone chart draws one more point per disputed sentence (its ring)
    assert page.locator(rings).count() == n_points + 3
    heading = page.locator(f"{MAIN} h2", has_text="How each outlet framed it").first
    heading.evaluate("h => h.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, SHOTS / "compare-frames-disputes.png")
    page.locator(f"{MAIN} h2", has_text="Tone and stance").first.evaluate("h => h.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)
    shot(page, SHOTS / "compare-tone-disputes.png")
