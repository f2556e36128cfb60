"""Take-home materials in Chromium: the Compare page's handout, a chart as PNG and SVG, each
downloaded by clicking, non-empty and matching the filters; the handout printed to PDF by Chromium
fits on two pages, and its QR code opens this very view."""

from __future__ import annotations

import io
import re

import pytest

from tests.browser.conftest import SCREENSHOTS, download, open_page

pytestmark = pytest.mark.browser

MAIN = "[data-testid='stMain']"
SHOTS = SCREENSHOTS / "handout"


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
    printer = page.context.new_page()
    try:
        printer.goto(html.as_uri())
        pdf = printer.pdf(format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 2, f"the handout prints on {pages} pages"
        printer.set_viewport_size({"width": 794, "height": 1123})
        printer.screenshot(path=str(SHOTS / "handout.png"), full_page=True)
        # drawn large on screen to be read back (it prints at 32 mm)
        printer.locator(".link svg").evaluate("s => { s.style.width = '400px'; s.style.height = '400px'; }")
        qr = printer.locator(".link svg").screenshot()
    finally:
        printer.close()
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in requirements-dev.txt")
    from PIL import Image

    found = [f.text for f in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr)).convert("L"))]
    assert len(found) == 1 and found[0].startswith(app_server.url) and found[0].endswith("/Compare_outlets?outlet=gawker&outlet=cbs")
