"""Code it yourself in a real browser: a reader codes set 42 by clicking (pills and a select box) in
one form, without a rerun per tap, submits it, and reads the figures and the disagreements; at
1280x720 and on a phone (390x844) with no sideways scrolling and every tone in sight.
Screenshots in artifacts/screenshots/code_it_yourself/."""

from __future__ import annotations

import re

import pytest

from storyframes.core.data import load_package
from tests.browser.conftest import shot, PAST_THE_WINDOW_JS, SCREENSHOTS, VIEWPORT, open_page, run_count
from tests.browser.test_browser import click_and_wait

MAIN = "[data-testid='stMain']"
SHOTS = SCREENSHOTS / "code_it_yourself"
IDS = ("gawker-06", "gawker-13", "gawker-03", "dabs-16", "dabs-01", "cbs-10", "cbs-22", "dabs-15")  # set 42
PHONE = {"width": 390, "height": 844}


def card(page, pid: str):
    return page.locator(f"{MAIN} .st-key-codeit_sentence_{pid}")


def press(page, pid: str, label: str, pill: str) -> None:
    group = card(page, pid).locator("[data-testid='stButtonGroup']").filter(
        has=page.locator("[data-testid='stWidgetLabel']", has_text=label))
    button = group.locator("button", has_text=re.compile(rf"^\s*{re.escape(pill)}\s*$"))
    assert button.count() == 1, f"no pill {pill!r} under {label!r} for {pid}"
    button.click()  # inside the form: no rerun to wait for
    # multi-select pills are toggle buttons (aria-pressed), single-select ones radios (aria-checked)
    assert "true" in (button.get_attribute("aria-pressed"), button.get_attribute("aria-checked")), (pid, pill)


def choose_frame(page, pid: str, label: str) -> None:
    box = card(page, pid).locator("[data-testid='stSelectbox']")
    box.locator("input").click()
    box.locator("input").fill(label)
    page.get_by_role("option", name=label, exact=True).first.click()
    assert box.locator("input").input_value() == label, f"{pid}: the frame box does not show {label!r}"


TONES_IN_SIGHT_JS = """
els => els.map(group => {
  const row = group.getBoundingClientRect();
  const hidden = [...group.querySelectorAll('button')].filter(b => {
    const r = b.getBoundingClientRect();
    return r.left < row.left - 1 || r.right > row.right + 1 || r.right > document.documentElement.clientWidth + 1;
  }).map(b => b.innerText.trim());
  const scroller = [group, ...group.querySelectorAll('*')].find(e => e.scrollWidth > e.clientWidth + 1
    && ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX));
  return {hidden, scrolls: !!scroller};
})
"""


def tones_in_sight(page, pid: str) -> None:
    """Every tone pill of the sentence lies inside its row and the window: the row wraps, it does not
    scroll sideways (a phone hid "Not applicable" past the edge with no sign it was there)."""
    group = card(page, pid).locator("[data-testid='stButtonGroup']").filter(
        has=page.locator("[data-testid='stWidgetLabel']", has_text="Tone toward police"))
    report = group.evaluate_all(TONES_IN_SIGHT_JS)
    assert report == [{"hidden": [], "scrolls": False}], f"{pid}: {report}"


def no_overflow(page, where: str) -> None:
    offenders = page.evaluate(PAST_THE_WINDOW_JS)
    assert not offenders, f"{where}: content wider than the window:\n" + "\n".join(offenders)


def scroll_to(page, locator) -> None:
    locator.first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("viewport", [VIEWPORT, PHONE], ids=["1280x720", "390x844"])
def test_code_a_set_by_clicking_and_compare(page, viewport):
    data = load_package()
    page.set_viewport_size(viewport)
    size = f"{viewport['width']}x{viewport['height']}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, "/Code_it_yourself?set=42")
    assert not page.locator("[data-testid='stException']").count()
    text = page.locator(MAIN).inner_text()
    assert "Set 42" in text and "Nothing is sent until you press Score my codes" in text
    assert [card(page, pid).count() for pid in IDS] == [1] * 8
    shot(page, SHOTS / f"start-{size}.png")
    no_overflow(page, f"the page at {size}")
    for pid in IDS:
        tones_in_sight(page, pid)

    curated = data.passage_codes.set_index("passage_id")
    vocab = data.vocab
    runs = run_count(page)
    for pid in IDS:  # every frame as curated, every tone "Neutral", "None of the four" principles
        press(page, pid, "Which principles", "None of the four")
        press(page, pid, "Tone toward police", vocab.code("tone_police", "neutral"))
        choose_frame(page, pid, vocab.code("frame", curated.at[pid, "frame"]))
    assert run_count(page) == runs, "a tap in the form ran the script"
    assert "How your codes compare" not in page.locator(MAIN).inner_text()
    scroll_to(page, card(page, IDS[0]))
    shot(page, SHOTS / f"coded-{size}.png")
    no_overflow(page, f"the coded sentences at {size}")

    click_and_wait(page, page.locator(f"{MAIN} button", has_text="Score my codes"))
    assert run_count(page) == runs + 1, "one submit, one run"
    shot(page, SHOTS / f"submitted-{size}.png")  # where the reader is left: by the button
    assert not page.locator("[data-testid='stException']").count()
    text = page.locator(MAIN).inner_text()
    assert "How your codes compare" in text and "8 of 8 sentences coded in each field." in text
    assert "Kappa says how much more you agree than if you both just guessed" in text
    # worked out by hand in tests/unit/test_coding_exercise.py and tests/pages/test_code_it_yourself_page.py:
    # principles 27 of 32 ("None of the four" for all eight, kappa 0), tone 4 of 8 (kappa 0), frame 8 of 8 (kappa 1)
    assert "principle 84.4% (kappa 0.00) against 99.5% (kappa 0.97); tone 50.0% (kappa 0.00) against 94.0% (kappa 0.88); " \
           "frame 100.0% (kappa 1.00) against 86.0% (kappa 0.81)" in re.sub(r"\s+", " ", text)
    assert text.count("Why the curated code:") == 9
    scroll_to(page, page.locator(f"{MAIN} h2", has_text="How your codes compare"))
    shot(page, SHOTS / f"compare-{size}.png")
    no_overflow(page, f"the comparison at {size}")
    scroll_to(page, page.locator(f"{MAIN} h3", has_text="Sentence by sentence"))
    shot(page, SHOTS / f"sentences-{size}.png")
    scroll_to(page, page.locator(f"{MAIN} h3", has_text="Where you differ"))
    shot(page, SHOTS / f"differ-{size}.png")
    page.locator(f"{MAIN} [data-testid='stExpander']", has_text="For discussion").locator("summary").click()
    page.wait_for_timeout(400)
    scroll_to(page, page.locator(f"{MAIN} [data-testid='stExpander']", has_text="For discussion"))
    assert "You and the curated coder differ on 9 codes" in page.locator(MAIN).inner_text()
    shot(page, SHOTS / f"discussion-{size}.png")
    no_overflow(page, f"the discussion at {size}")


def test_a_tampered_link_shows_a_notice(page):
    page.set_viewport_size(PHONE)
    open_page(page, "/Code_it_yourself?set=%3Cscript%3E")
    assert not page.locator("[data-testid='stException']").count()
    alert = page.locator(f"{MAIN} [data-testid='stAlert']").first
    assert "is not a whole number from 1 to 9999" in alert.inner_text()
    assert not page.dialogs
    assert re.search(r"[?&]set=\d{1,4}(&|$)", page.url), page.url  # the address names the set shown
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot(page, SHOTS / "tampered-390x844.png")
    no_overflow(page, "the tampered link's notice")
