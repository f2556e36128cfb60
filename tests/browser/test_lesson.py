"""Projector mode and the lesson link in a real browser (screenshots in
artifacts/screenshots/lesson/): the toggle makes body text at least 1.5 times larger and chart
labels larger, is kept in the address and across pages; the Lesson link page on a phone shows
the address and a QR code with no horizontal overflow."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import shot, BROKEN_WORDS_JS, SCREENSHOTS, VIEWPORT, go_to_page, open_page, run_count, wait_ready
from tests.browser.test_browser import PAGES, assert_healthy, chart_report, click_and_wait

MAIN = "[data-testid='stMain']"
SIDEBAR = "[data-testid='stSidebar']"
SHOTS = SCREENSHOTS / "lesson"

BODY_FONT_JS = """() => {
  const p = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stMarkdownContainer'] p")]
    .find(e => e.offsetParent && e.closest('h1,h2,h3,h4,h5,h6') === null && e.innerText.trim().length > 40);
  return p ? parseFloat(getComputedStyle(p).fontSize) : null;
}"""
AXIS_FONT_JS = """() => {
  const t = document.querySelector("[data-testid='stMain'] .vega-embed svg .role-axis-label text");
  return t ? parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) : null;
}"""


# A table is drawn on a canvas, so projector mode scales the whole table: its drawn width over its
# own CSS width is the scale, and the drawn table must still fit its column.
TABLE_SCALE_JS = """() => {
  const d = document.querySelector("[data-testid='stMain'] [data-testid='stDataFrame']");
  if (!d) return null;
  const box = d.getBoundingClientRect(), column = d.closest("[data-testid='stVerticalBlock']").getBoundingClientRect();
  return {scale: box.width / d.offsetWidth, fits: box.right <= column.right + 1};
}"""


def toggle_projector(page) -> None:
    click_and_wait(page, page.locator(f"{SIDEBAR} [data-testid='stCheckbox']", has_text="Projector mode"))


def query(page) -> dict:
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def test_projector_mode_enlarges_text_and_charts_and_follows_the_reader(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, "/Compare_outlets")
    body, axis, table = page.evaluate(BODY_FONT_JS), page.evaluate(AXIS_FONT_JS), page.evaluate(TABLE_SCALE_JS)
    assert body and axis and table, f"no body text, chart axis or table found (body {body}, axis {axis}, table {table})"
    assert table["scale"] == pytest.approx(1, abs=0.01) and table["fits"], table
    shot(page, SHOTS / "compare-1280-off.png")

    toggle_projector(page)
    assert query(page).get("projector") == ["1"], page.url
    big_body, big_axis = page.evaluate(BODY_FONT_JS), page.evaluate(AXIS_FONT_JS)
    assert big_body >= 1.5 * body, f"body text {body}px -> {big_body}px in projector mode"
    assert big_axis >= 1.4 * axis, f"chart axis labels {axis}px -> {big_axis}px in projector mode"
    big_table = page.evaluate(TABLE_SCALE_JS)
    assert big_table["scale"] >= 1.49 and big_table["fits"], f"tables in projector mode: {big_table}"
    assert not page.locator("[data-testid='stException']").count()
    shot(page, SHOTS / "compare-1280-projector.png")
    page.locator(f"{MAIN} .vega-embed").first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shot(page, SHOTS / "compare-1280-projector-chart.png")

    # another page: still on, still in the address
    before = run_count(page)
    page.locator(f"{SIDEBAR} a", has_text="Principles").first.click()
    page.wait_for_url(re.compile(r"/Principles(\?|$)"))
    wait_ready(page, runs_before=before)
    assert query(page).get("projector") == ["1"], page.url
    assert page.evaluate(BODY_FONT_JS) >= 1.5 * body
    shot(page, SHOTS / "principles-1280-projector.png")
    broken = page.evaluate(BROKEN_WORDS_JS)["broken"]
    assert not broken, f"larger text cuts words in two in projector mode: {broken}"

    # a reload of the address keeps it; switching it off takes it out of the address
    page.reload()
    wait_ready(page)
    assert page.evaluate(BODY_FONT_JS) >= 1.5 * body
    toggle_projector(page)
    assert "projector" not in query(page) and page.evaluate(BODY_FONT_JS) == pytest.approx(body)


def test_every_page_draws_in_projector_mode(page):
    """The projector config is valid Vega-Lite on every chart (the map too), and nothing overflows,
    on every page: opened at Home with projector mode in the address, then each page by its sidebar
    link, as a class follows the teacher (projector mode stays on and in the address)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for i, path in enumerate(PAGES):
        if i == 0:
            open_page(page, f"{path}?projector=1")
        else:
            go_to_page(page, path)
        try:
            assert_healthy(page, path)
        except AssertionError as e:
            problems.append(str(e))
        if query(page).get("projector") != ["1"]:
            problems.append(f"{path}: projector mode left the address: {page.url}")
        charts = chart_report(page)
        empty = [c for c in charts if not (c["canvas"] or (c["svg"] and c["marks"]))]
        if empty:
            problems.append(f"{path}: chart(s) with nothing drawn in projector mode: {empty}")
        if page.page_errors:
            problems.append(f"{path}: uncaught JavaScript errors in projector mode: {page.page_errors}")
        overflow = no_horizontal_overflow(page)
        if overflow:
            problems.append(f"{path}: horizontal overflow in projector mode: {overflow}")
        shot(page, SHOTS / f"projector-{PAGES[path]}.png")
    assert not problems, "\n".join(problems)


def test_a_tampered_projector_address_gives_a_notice(page):
    open_page(page, "/Principles?projector=yes")
    notices = page.locator(f"{MAIN} [data-testid='stAlert']").all_inner_texts()
    assert any("projector mode is off" in n for n in notices), notices
    assert "projector" not in query(page)


def no_horizontal_overflow(page) -> list[str]:
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth, out = [];
      if (document.documentElement.scrollWidth > width + 1) out.push(`document ${document.documentElement.scrollWidth} > ${width}`);
      const main = document.querySelector("[data-testid='stMain']");
      if (main.scrollWidth > main.clientWidth + 1) out.push(`main ${main.scrollWidth} > ${main.clientWidth}`);
      for (const e of main.querySelectorAll('img, pre, [data-testid="stCode"], button, input')) {
        const r = e.getBoundingClientRect();
        if (r.width && (r.right > width + 1 || r.left < -1)) out.push(`${e.tagName} ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
      return out;
    }""")


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, VIEWPORT], ids=["phone", "projector"])
def test_lesson_page_shows_the_link_and_a_qr_code(page, viewport):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    name = f"lesson-{viewport['width']}"
    try:
        open_page(page, "/Lesson_link?outlet=gawker&outlet=cbs&principle=P4")
        box = page.locator(f"{MAIN} [data-testid='stTextInput'] input").first
        before = run_count(page)
        box.fill("192.168.1.20:8501")
        box.press("Enter")
        wait_ready(page, runs_before=before)
        assert not page.locator("[data-testid='stException']").count()
        code = page.locator(f"{MAIN} [data-testid='stCode']").inner_text().strip()
        assert code == "http://192.168.1.20:8501/?outlet=gawker&outlet=cbs&principle=P4"
        img = page.locator(f"{MAIN} [data-testid='stImage'] img").first
        img.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
        shown = img.bounding_box()
        assert shown["width"] >= min(450, viewport["width"] - 60), f"the QR code is drawn only {shown['width']} px wide"
        assert shown["width"] == pytest.approx(shown["height"], abs=1)
        problems = no_horizontal_overflow(page)
        assert not problems, f"horizontal overflow at {viewport['width']} px: {problems}"
        page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollTo(0, 0)")
        page.wait_for_timeout(200)
        shot(page, SHOTS / f"{name}-top.png")
        img.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)
        shot(page, SHOTS / f"{name}-qr.png")
        if viewport == VIEWPORT:
            toggle_projector(page)
            img.evaluate("e => e.scrollIntoView({block: 'center'})")
            page.wait_for_timeout(300)
            shot(page, SHOTS / f"{name}-qr-projector.png")
            problems = no_horizontal_overflow(page)
            assert not problems, f"horizontal overflow in projector mode: {problems}"
    finally:
        page.set_viewport_size(VIEWPORT)


DIALOG = "[role='dialog']"


def qr_text(img) -> list[str]:
    """What a QR code drawn on the page says, read back by zxing-cpp from a screenshot of it."""
    import io

    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in requirements-dev.txt")
    from PIL import Image

    return [f.text for f in zxingcpp.read_barcodes(Image.open(io.BytesIO(img.screenshot())).convert("L"))]


def outside(page, selector: str, *, across_only: bool = False) -> list[str]:
    """The dialog's images, code, buttons, links and paragraphs that reach outside the window (only
    sideways with `across_only`: a phone scrolls the dialog down), or whose text is wider than its box."""
    boxes = page.evaluate("""(sel) => [...document.querySelectorAll(
        ['img', '[data-testid="stCode"]', 'button', 'a', 'p'].map(t => sel + ' ' + t).join(', '))]
      .filter(e => e.getBoundingClientRect().width)
      .map(e => { const r = e.getBoundingClientRect();
                  return {what: e.tagName + ' ' + e.innerText.slice(0, 40), left: r.left, right: r.right, top: r.top,
                          bottom: r.bottom, wider: e.tagName === 'P' && e.scrollWidth > e.clientWidth + 1}; })""", selector)
    size = page.viewport_size
    return [f"{b['what']}: {round(b['left'])},{round(b['top'])}..{round(b['right'])},{round(b['bottom'])} in {size}"
            for b in boxes if b["wider"] or b["left"] < -1 or b["right"] > size["width"] + 1
            or not across_only and (b["top"] < -1 or b["bottom"] > size["height"] + 1)]


@pytest.mark.parametrize("viewport", [VIEWPORT, {"width": 390, "height": 844}], ids=["projector", "phone"])
def test_share_this_view_gives_the_address_and_its_qr_code(page, viewport):
    """From Framing's Tone section, with two outlets (and projector mode on the projector): at
    1280x720 one click (the button first in the sidebar), on a phone two (open the sidebar, then
    the button). The dialog shows this view's address and a QR code that says the same, all of it
    inside the window (on a phone, inside its width)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    try:
        projecting = viewport == VIEWPORT  # on the projector, in projector mode (larger text)
        open_page(page, "/Framing_analysis?outlet=gawker&outlet=cbs&section=Tone" + ("&projector=1" if projecting else ""))
        if not projecting:
            page.locator("[data-testid='stExpandSidebarButton']").click()
        button = page.locator(SIDEBAR).get_by_role("button", name="Share this view")
        assert button.is_visible() and button.bounding_box()["y"] < 200, "the button is at the top of the sidebar"
        shot(page, SHOTS / f"share-{viewport['width']}-button.png")
        click_and_wait(page, button)
        dialog = page.locator(DIALOG)
        dialog.wait_for(state="visible")
        img = dialog.locator("[data-testid='stImage'] img")
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
        page.wait_for_timeout(400)  # the dialog's opening animation
        link = dialog.locator("[data-testid='stCode']").inner_text().strip()
        parts = urlsplit(link)
        expected = {"outlet": ["gawker", "cbs"], "section": ["Tone"], **({"projector": ["1"]} if projecting else {})}
        assert parts.path == "/Framing_analysis" and parse_qs(parts.query) == expected, link
        notes = dialog.locator("[data-testid='stAlert']").all_inner_texts()
        if parts.hostname == "localhost":  # the server listens on every interface: on a machine with no network address
            assert any("was not found" in n for n in notes), (link, notes)
        else:
            assert re.fullmatch(r"[0-9.]+", parts.hostname) and not parts.hostname.startswith("127."), link
            assert not notes, notes
        if projecting:  # ready to project: nothing to scroll to
            assert not outside(page, DIALOG), outside(page, DIALOG)
        else:
            img.scroll_into_view_if_needed()
            page.wait_for_timeout(200)
            assert not outside(page, DIALOG, across_only=True), outside(page, DIALOG, across_only=True)
        assert img.bounding_box()["width"] >= min(400, viewport["width"] - 100), img.bounding_box()  # the dialog keeps a margin
        shot(page, SHOTS / f"share-{viewport['width']}.png")
        assert qr_text(img) == [link]
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden")
    finally:
        page.set_viewport_size(VIEWPORT)
