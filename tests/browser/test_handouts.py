"""The handouts of Home, Members & cities, Framing analysis (the open tab) and Sources & method in
Chromium: each downloaded by clicking, matching the filters (and the tab), printed to PDF by
Chromium on at most two A4 pages; the Framing handout's QR code opens that very tab. Every
handout of every page and tab, printed: at most two pages each. Screenshots of the printed pages
(794×1123, A4 at 96 dpi) in artifacts/screenshots/handout/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS_WANTED, A4, HANDOUT_SHOTS, download, open_page, pdf_pages, print_and_shoot, read_qr, run_count, wait_ready, OPEN_SECTION, SECTION_BUTTONS

MAIN = "[data-testid='stMain']"
SHOTS = HANDOUT_SHOTS


def download_handout(page, tmp_path, name: str, server=None) -> str:
    """Open "For discussion in class", then click the handout's button (conftest.download waits
    until the app is idle) and save the file."""
    page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text="For discussion in class").click()
    button = page.locator(f"{MAIN} [data-testid='stDownloadButton'] button", has_text="Handout of this view")
    button.wait_for(state="visible")
    path = tmp_path / name
    download(page, button, server).save_as(path)
    return path


CASES = [
    # (address, file, title in the handout, address the handout carries)
    ("/?outlet=gawker&outlet=cbs", "home.html", "Same Story, Different Frames: the event at a glance", "/?outlet=gawker&amp;outlet=cbs"),
    ("/Members_and_cities?outlet=gawker&outlet=cbs", "members.html", "Who was behind it, and where",
     "/Members_and_cities?outlet=gawker&amp;outlet=cbs"),
    ("/Sources_and_method?outlet=gawker&outlet=cbs", "sources.html", "Sources &amp; method: how reliable are the codes?",
     "/Sources_and_method?outlet=gawker&amp;outlet=cbs"),
]


@pytest.mark.parametrize(("address", "name", "title", "carried"), CASES, ids=[c[1].split(".")[0] for c in CASES])
def test_page_handout_downloads_and_prints(page, app_server, tmp_path, address, name, title, carried):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, address)
    path = download_handout(page, tmp_path, name, app_server)
    text = path.read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in text and carried in text and "<svg" in text
    # what follows the outlet filter names Gawker and CBS, never Dabs (Home's event facts are not filtered)
    told = text.split("<h2>Sources</h2>", 1)[1]
    assert "Gawker" in told and "CBS News" in told and "Dabs Magazine" not in told
    if name != "home.html":
        assert "Dabs Magazine" not in text
    print_and_shoot(page, path, f"{name.split('.')[0]}-printed.png")


def test_framing_handout_is_of_the_open_tab_and_its_qr_code_opens_it(page, app_server, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, "/Framing_analysis?outlet=gawker&outlet=cbs")
    before = run_count(page)
    page.locator(SECTION_BUTTONS, has_text="Voices").click()
    wait_ready(page, runs_before=before)
    assert page.locator(OPEN_SECTION).inner_text().strip() == "Voices"
    path = download_handout(page, tmp_path, "framing-voices.html", app_server)
    text = path.read_text(encoding="utf-8")
    assert "<h1>How each outlet framed the launch: Voices</h1>" in text and "<h2>Who gets to speak</h2>" in text
    assert "Gawker" in text and "CBS News" in text and "Dabs Magazine" not in text
    assert "/Framing_analysis?outlet=gawker&amp;outlet=cbs&amp;section=Voices" in text
    print_and_shoot(page, path, "framing-voices-printed.png")

    # its QR code (read back from a large drawing of it) opens the Voices tab with the same filters
    found = read_qr(page, path)
    assert len(found) == 1 and found[0] == f"{app_server.url}/Framing_analysis?outlet=gawker&outlet=cbs&section=Voices"
    page.goto(found[0])
    wait_ready(page)
    assert page.locator(OPEN_SECTION).inner_text().strip() == "Voices"
    caption = page.locator(f"{MAIN} [data-testid='stCaptionContainer']").first.inner_text()
    assert "Gawker" in caption and "Dabs" not in caption, caption


def test_every_handout_prints_on_at_most_two_pages(browser, tmp_path):
    """Every page's handout, and every Framing tab's, for the default filters and for two outlets:
    printed by Chromium, none runs over two A4 pages (a table or a sentence list not bounded would)."""
    from storyframes.present import handout
    from storyframes.core.data import load_package
    from storyframes.core.filters import Filters
    from storyframes.views import compare, framing, home, members, principles, sources
    from storyframes.views.common import default_filters

    data = load_package()
    SHOTS.mkdir(parents=True, exist_ok=True)
    address = "http://192.168.100.200:8501/Framing_analysis?outlet=gawker&outlet=cbs&principle=P1&principle=P2&section=Headlines+%26+readability"
    printed = {}
    for label, filters in (("default", default_filters(data.vocab)), ("two-outlets", Filters(("gawker", "cbs"), ("P1", "P2", "P3", "P4", "none")))):
        made = {"home": home.handout(home.build(data, filters), address),
                "members": members.handout(members.build(data, filters), address),
                "sources": sources.handout(sources.build(data, filters), address),
                "compare": compare.handout(compare.build(data, filters), address),
                "principles": principles.handout(principles.build(data, filters), address)}
        view = framing.build(data, filters)
        made |= {f"framing-{framing.SECTION_FILE_NAMES[s]}": framing.handout(view, address, s) for s in framing.SECTIONS}
        for name, h in made.items():
            path = tmp_path / f"{name}-{label}.html"
            path.write_text(handout.to_html(h), encoding="utf-8")
            printed[path.stem] = path
    printer = browser.new_page()
    try:
        pages = {name: pdf_pages(printer, path.as_uri()) for name, path in printed.items()}
        # the Framing tabs printed, to look at (the other pages' are shot by the download tests)
        printer.set_viewport_size(A4)
        for name, path in printed.items():
            if SCREENSHOTS_WANTED and name.startswith("framing-") and name.endswith("-default"):
                printer.goto(path.as_uri())
                printer.screenshot(path=str(SHOTS / f"{name}-printed.png"), full_page=True)
    finally:
        printer.close()
    assert len(pages) == 2 * (5 + 8)
    assert {n: p for n, p in pages.items() if not 1 <= p <= 2} == {}
