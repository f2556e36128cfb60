"""Take-home materials in Chromium: the Compare page's handout, a chart as PNG and SVG, each
downloaded by clicking, non-empty and matching the filters; the handout printed to PDF by Chromium
fits on two pages, and its QR code opens this very view."""

from __future__ import annotations

from tests.browser.conftest import HANDOUT_SHOTS, download, open_page, print_and_shoot, read_qr

MAIN = "[data-testid='stMain']"
SHOTS = HANDOUT_SHOTS


def test_handout_png_and_svg_follow_the_filters(page, app_server, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, "/Compare_outlets?outlet=gawker&outlet=cbs")
    page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text="For discussion in class").click()
    got = download(page, page.locator(f"{MAIN} [data-testid='stDownloadButton'] button", has_text="Handout of this view"), app_server)
    html = (tmp_path / "handout.html")
    got.save_as(html)
    text = html.read_text(encoding="utf-8")
    assert "Gawker" in text and "CBS News" in text and "Dabs Magazine" not in text
    assert "/Compare_outlets?outlet=gawker&amp;outlet=cbs" in text

    # the frame chart's image, from under its table
    page.locator(f"{MAIN} [data-testid='stExpander'] summary", has_text="Show the numbers as a table").first.click()
    for kind in ("png", "svg"):
        got = download(page, page.locator(f"{MAIN} [data-testid='stDownloadButton'] button", has_text=f"Chart as {kind.upper()}").first, app_server)
        path = tmp_path / f"chart.{kind}"
        got.save_as(path)
        body = path.read_bytes()
        if kind == "png":
            assert body[:8] == b"\x89PNG\r\n\x1a\n" and len(body) > 10_000
        else:
            svg = body.decode("utf-8")
            assert svg.startswith("<svg") and "Gawker" in svg and "Dabs Magazine" not in svg

    # printed by Chromium: at most two A4 pages; its QR code opens the view
    print_and_shoot(page, html, "handout.png")
    found = read_qr(page, html)
    assert len(found) == 1 and found[0].startswith(app_server.url) and found[0].endswith("/Compare_outlets?outlet=gawker&outlet=cbs")
