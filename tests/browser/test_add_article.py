"""Add an article in a real browser: paste an article, add it, open Compare outlets in the same
session and see it marked auto-coded; upload a saved page (set_input_files) whose scripts must
never run; on a 1280x720 projector and a 390x844 phone (no sideways scrolling). Screenshots in
artifacts/screenshots/add_article/."""

from __future__ import annotations

from tests.browser.conftest import shot, PAST_THE_WINDOW_JS, SCREENSHOTS, close_page, new_page, open_page, run_count, wait_ready
from tests.browser.test_browser import click_and_wait
from tests.pages.test_add_article import ARTICLE, FIXTURE

MAIN = "[data-testid='stMain']"
SHOTS = SCREENSHOTS / "add_article"
SUFFIX = "(auto-coded)"
PHONE = {"width": 390, "height": 844}


def no_exception(page, where: str) -> None:
    assert not page.locator("[data-testid='stException']").count(), f"an exception is shown on {where}"
    assert not page.dialogs, f"a script ran on {where}: {page.dialogs}"


def commit_text(page, locator, value: str, *, key: str = "Enter") -> None:
    """Type into a Streamlit text field and commit it (Enter; Ctrl+Enter in a text area), waiting for the run."""
    before = run_count(page)
    locator.fill(value)
    locator.press(key)
    wait_ready(page, runs_before=before)


def paste_and_add(page, outlet: str) -> None:
    commit_text(page, page.get_by_role("textbox", name="The article's text"), ARTICLE, key="Control+Enter")
    commit_text(page, page.get_by_role("textbox", name="Outlet (required)"), outlet)
    click_and_wait(page, page.get_by_role("button", name="Add to the comparison"))
    no_exception(page, "Add an article after adding")


def to_compare(page) -> None:
    """The page link under the message: the same session (a new address would be a new session)."""
    click_and_wait(page, page.locator(MAIN).get_by_role("link", name="Compare outlets"))
    no_exception(page, "Compare outlets")


def scroll_to(page, text: str) -> None:
    page.locator(f"{MAIN} h2", has_text=text).first.evaluate("h => h.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)


def test_paste_add_and_compare_at_1280(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, "/Add_an_article")
    no_exception(page, "Add an article")
    shot(page, SHOTS / "add-empty-1280.png")
    paste_and_add(page, "NPR")
    text = page.locator(MAIN).inner_text()
    assert f"Added NPR {SUFFIX}" in text and "Principle references:" in text, text[:800]
    page.get_by_text(f"Added NPR {SUFFIX}").evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    shot(page, SHOTS / "added-1280.png")
    to_compare(page)
    text = page.locator(MAIN).inner_text()
    assert f"NPR {SUFFIX}" in text, "the card names the added outlet auto-coded"
    assert "not coded" in text, "frames and tone say 'not coded' for it"
    shot(page, SHOTS / "compare-cards-1280.png")
    scroll_to(page, "Words for the police")
    shot(page, SHOTS / "compare-words-1280.png")
    scroll_to(page, "How each outlet framed it")
    shot(page, SHOTS / "compare-frames-1280.png")
    scroll_to(page, "The wider coverage")
    shot(page, SHOTS / "compare-headlines-1280.png")
    # the sidebar's outlet pills offer it, chosen
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert f"NPR {SUFFIX}" in sidebar


def test_upload_a_saved_page(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, "/Add_an_article")
    click_and_wait(page, page.locator(MAIN).get_by_text("Upload a file"))
    before = run_count(page)
    page.locator(f"{MAIN} input[type=file]").set_input_files(str(FIXTURE))
    wait_ready(page, runs_before=before)
    no_exception(page, "Add an article after the upload")
    outlet = page.get_by_role("textbox", name="Outlet (required)").input_value()
    headline = page.get_by_role("textbox", name="Headline").input_value()
    assert "Police Chiefs" in headline, headline  # filled from the page's own title
    if not outlet:
        commit_text(page, page.get_by_role("textbox", name="Outlet (required)"), "The Riverside Courier")
        outlet = "The Riverside Courier"
    shot(page, SHOTS / "upload-filled-1280.png")
    click_and_wait(page, page.get_by_role("button", name="Add to the comparison"))
    no_exception(page, "Add an article after adding the upload")
    text = page.locator(MAIN).inner_text()
    assert f"Added {outlet} {SUFFIX}" in text, text[:800]
    for leaked in ("this must never run", "reader42", "Subscribe today"):
        assert leaked not in text
    to_compare(page)
    assert f"{outlet} {SUFFIX}" in page.locator(MAIN).inner_text()
    scroll_to(page, "The wider coverage")  # dated by the page itself: a point on the headline chart, outlined
    shot(page, SHOTS / "upload-headline-dates-1280.png")
    # Framing analysis, its Principles tab: the added outlet's points with a dashed outline, the note in the subtitle
    click_and_wait(page, page.locator("[data-testid='stSidebar']").get_by_role("link", name="Framing analysis"))
    click_and_wait(page, page.locator(MAIN).get_by_role("radio", name="Principles", exact=True))
    no_exception(page, "Framing analysis, Principles")
    labels = page.locator(f"{MAIN} .vega-embed").first.inner_html()
    assert SUFFIX in labels, "the chart names the added outlet auto-coded"
    page.locator(f"{MAIN} .vega-embed").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(400)
    shot(page, SHOTS / "framing-principles-1280.png")


HEADLINE = "**Bold** _under_ <b>Tag</b> [link](javascript:alert(1)) `code` <img src=x onerror=alert(2)>"


def test_markup_in_a_readers_headline_is_shown_as_text(page):
    """The headline a reader typed is drawn on the article's card as the characters typed: no
    bold, italics, code, HTML element, image or link made from it, and no script run."""
    open_page(page, "/Add_an_article")
    commit_text(page, page.get_by_role("textbox", name="Headline"), HEADLINE)
    paste_and_add(page, "Markup Test Paper")
    card = page.locator(f"{MAIN} [data-testid='stVerticalBlock']", has_text="Markup Test Paper").filter(
        has=page.get_by_role("button", name="Remove")).last
    assert card.count(), "the article's card under “Your added articles”"
    shown = card.inner_text()
    assert HEADLINE in shown, f"the headline is not shown as typed: {shown!r}"
    # (the card's own <strong> is the outlet's name)
    for made, words in (("strong", "Bold"), ("em", "under"), ("code", "code"), ("b", "Tag"), ("a", "link")):
        assert not card.locator(made, has_text=words).count(), f"the headline made a <{made}>: {card.inner_html()[:900]}"
    assert not card.locator("img").count() and not card.locator("a[href^='javascript']").count(), card.inner_html()[:900]
    no_exception(page, "Add an article with markup in the headline")


def test_on_a_phone(browser, app_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(browser, app_server.url, viewport=PHONE)
    try:
        open_page(page, "/Add_an_article")
        no_exception(page, "Add an article on a phone")
        assert not page.evaluate(PAST_THE_WINDOW_JS)
        shot(page, SHOTS / "add-empty-390.png")
        paste_and_add(page, "NPR")
        assert not page.evaluate(PAST_THE_WINDOW_JS), page.evaluate(PAST_THE_WINDOW_JS)
        page.get_by_text(f"Added NPR {SUFFIX}").evaluate("e => e.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)
        shot(page, SHOTS / "added-390.png")
        to_compare(page)
        assert f"NPR {SUFFIX}" in page.locator(MAIN).inner_text()
        assert not page.evaluate(PAST_THE_WINDOW_JS), page.evaluate(PAST_THE_WINDOW_JS)
        shot(page, SHOTS / "compare-cards-390.png")
        scroll_to(page, "How each outlet framed it")
        shot(page, SHOTS / "compare-frames-390.png")
    finally:
        close_page(page)
