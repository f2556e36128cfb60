"""What a reader sees, on every page of the app at 800x900 (a laptop window beside notes) and at
1280x720 (the projector view):

1. nothing sticks out to the right: no horizontal scrolling of the document or of the main area,
   no element of the main area past the viewport's right edge; and no chart shape cut off at the
   edge of its plot (a map's coast);
2. no word in a heading or a bordered card is broken in the middle onto two lines;
3. no table cell is cut off without a way to read it (st.dataframe: measured against its column,
   and a cut-off cell must open its full text when clicked; st.table: measured in the DOM); and a
   grid given rows tall enough for two lines really wraps its text into them;
4. every request the page makes while loading goes to the app's own server;
5. a full-page screenshot per page and viewport: artifacts/screenshots/layout-<page>-<w>x<h>.png
   (and layout-<page>-<section>-<w>x<h>.png for each section of a page drawn in sections, whose other
   tabs get checks 1, 2 and 4 in test_every_tab_fits).

Each (page, viewport) is opened once (tests/browser/conftest.py: `shown`, shared with the page
checks of test_browser.py), and every check reads that one page; the table and tab checks open
expanders, click cells and tabs (`shown_to_change`), so they run last.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    SCREENSHOTS_WANTED,
    shot,
    BROKEN_WORDS_JS,
    PAST_THE_WINDOW_JS,
    QUIET_JS,
    ROOT,
    SCREENSHOTS,
    VIEWPORTS,
    page_cases,
    run_count,
    wait_ready,
    wait_settled,
    SECTION_BUTTONS,
)

MAIN = "[data-testid='stMain']"
MAX_SCREENS = 6  # a page a reader scrolls through on a projector: at most about six screens at 1280x720


# ---------------------------------------------------------------------------------------------
# The pages: storyframes.app.site.PAGES, addressed as Streamlit addresses them


def _nav_scripts() -> list[str]:
    """The scripts in the app's own navigation list, storyframes.app.site.PAGES."""
    from storyframes.app.site import PAGES as SITE_PAGES

    return [p.file for p in SITE_PAGES]


def page_url(script: str) -> str:
    """URL path of a page script, as Streamlit derives it: dashboard.py -> '/', pages/1_Principles.py
    -> '/Principles' (streamlit.source_util.page_icon_and_name strips the number and the '.py')."""
    if "/" not in script:
        return "/"
    from streamlit.source_util import page_icon_and_name

    return "/" + page_icon_and_name(Path(script))[1]


PAGES = [page_url(s) for s in _nav_scripts()]
# Pages drawn in sections (PageContext.section_choice): a reader sees each section, so each is checked.
TABBED = [page_url(s) for s in _nav_scripts() if "section_choice(" in (ROOT / s).read_text(encoding="utf-8")]
assert TABBED, "no page is drawn in sections: the per-section layout checks would check nothing"
EVERY_PAGE = pytest.mark.parametrize("shown", page_cases(PAGES, VIEWPORTS), indirect=True)


# ---------------------------------------------------------------------------------------------
# 4. Network: only the app's own server


def _own(url: str, port: int) -> bool:
    if url.startswith(("data:", "blob:")):
        return True
    parts = urlsplit(url)
    return parts.hostname in ("127.0.0.1", "localhost", "::1") and parts.port == port


# Known causes, named in the failure message.
_CAUSES = {
    "fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/": (
        "Streamlit's frontend turns st.set_page_config(page_icon=':material/<name>:') into a favicon "
        "fetched from this address; a local image file (or an emoji, which becomes a data: URL) stays offline"
    ),
}


def _what(url: str, rtype: str, favicon: str) -> str:
    path = urlsplit(url).path.lower()
    if url == favicon:
        kind = "favicon (<link rel='shortcut icon'>, set from st.set_page_config(page_icon=...))"
    elif rtype == "font" or re.search(r"\.(woff2?|ttf|otf)$", path) or "fonts.googleapis" in url:
        kind = "font"
    elif re.search(r"\.(svg|png|ico|gif|jpe?g|webp)$", path) or rtype == "image":
        kind = "image/icon"
    elif rtype == "stylesheet":
        kind = "stylesheet"
    elif rtype == "script":
        kind = "script"
    else:
        kind = rtype
    if "materialsymbols" in path:
        kind += ", a Material Symbols icon"
    for pattern, cause in _CAUSES.items():
        if pattern in url:
            kind += f"; cause: {cause}"
    return kind


@EVERY_PAGE
def test_requests_stay_on_the_app_server(shown, app_server):
    assert shown.requests, f"{shown.where}: no request was recorded at all (the recorder is broken)"
    favicon = shown.pg.evaluate("() => (document.querySelector(\"link[rel~='icon']\") || {}).href || ''")
    external = [r for r in shown.requests if not _own(r["url"], app_server.port)]
    lines = [f"  {urlsplit(r['url']).hostname}: {r['url']}  [{_what(r['url'], r['type'], favicon)}]" for r in external]
    if lines:
        print(f"{shown.where}: external requests:\n" + "\n".join(lines))
    assert not external, (
        f"{shown.where}: {len(external)} request(s) left the app's own server (127.0.0.1:{app_server.port}); "
        f"a classroom without internet (or a privacy-minded reader) gets a broken resource:\n" + "\n".join(lines)
    )


# ---------------------------------------------------------------------------------------------
# 5. Screenshots (before the table check opens expanders: this is the page as a reader first sees it)


# The length is measured at the projector's size; the other sizes are here only for their screenshots.
@pytest.mark.parametrize("shown", page_cases(PAGES, VIEWPORTS if SCREENSHOTS_WANTED else ["1280x720"]), indirect=True)
def test_full_page_screenshot_and_length(shown):
    """A screenshot to look at (when screenshots are wanted); and at the projector's 1280x720 no page
    (nor any tab of a tabbed page, see test_every_tab_fits) is longer than about six screens: past
    that a class loses the thread."""
    if shown.viewport == "1280x720":
        height = shown.pg.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")
        assert height <= MAX_SCREENS * 720, f"{shown.where}: {height} px long, {height / 720:.1f} screens (at most {MAX_SCREENS})"
    if SCREENSHOTS_WANTED:
        path = SCREENSHOTS / f"layout-{shown.name}-{shown.viewport}.png"
        shot(shown.pg, path, full_page=True)
        shown.pg.evaluate(QUIET_JS, [300, 5_000])  # the viewport went back: let the layout settle again
        assert path.exists() and path.stat().st_size > 10_000, f"{shown.where}: screenshot {path} missing or empty"




# ---------------------------------------------------------------------------------------------
# 1. Horizontal overflow




# A chart's title and axis texts past its frame's right edge: on a phone, the chart would have to be scrolled to read them.


_CHART_PARTS_PAST_FRAME_JS = """
() => [...document.querySelectorAll("[data-testid='stMain'] .vega-embed")].flatMap((embed, i) => {
  const frame = embed.closest("[data-testid='stElementContainer']").getBoundingClientRect();
  const past = [];
  // every text drawn in a title or an axis (labels Vega hides for overlap have opacity 0: not drawn)
  for (const text of embed.querySelectorAll('svg .role-title text, svg .role-axis text')) {
    if (text.closest('[opacity="0"]') || getComputedStyle(text).opacity === '0') continue;
    const r = text.getBoundingClientRect();
    if (r.width && r.right > frame.right + 1)
      past.push(`chart ${i + 1}: ${text.closest('.role-title') ? 'title' : 'axis'} text "${(text.textContent || '').slice(0, 60)}" ends at ${Math.round(r.right)}px, past its frame's ${Math.round(frame.right)}px`);
  }
  return past;
})
"""


@EVERY_PAGE
def test_no_horizontal_overflow(shown):
    """Nothing is wider than the window; and every chart's title and axes are read without
    scrolling the chart sideways (on a phone charts.by_width draws them smaller; only a second
    legend may need its chart's frame scrolled)."""
    offenders = shown.pg.evaluate(PAST_THE_WINDOW_JS) + shown.pg.evaluate(_CHART_PARTS_PAST_FRAME_JS)
    assert not offenders, f"{shown.where}: content wider than the window:\n" + "\n".join(f"  - {o}" for o in offenders)


_CHART_CLIP_JS = """
() => {
  // Vega draws a chart's marks in groups clipped to the plot (clip: true, or a map's fit): a shape
  // that extends past that clip rectangle is drawn cut off (a state's coast, a bar's end).
  const out = [];
  document.querySelectorAll("[data-testid='stMain'] .vega-embed svg").forEach((svg, i) => {
    if (!svg.getClientRects().length) return;
    const chart = svg.closest('[class*="st-key-"]');
    const title = (svg.querySelector('[aria-roledescription="title"]') || {}).textContent
      || (chart ? [...chart.classList].find(c => c.startsWith('st-key-')) : '') || `#${i + 1}`;
    for (const g of svg.querySelectorAll('[clip-path]')) {
      const id = (g.getAttribute('clip-path').match(/url\\(["']?#([^"')]+)/) || [])[1];
      const rect = id && svg.querySelector(`clipPath#${CSS.escape(id)} rect`);
      if (!rect) continue;
      const m = g.getScreenCTM();
      const x = +rect.getAttribute('x'), y = +rect.getAttribute('y'), w = +rect.getAttribute('width'), h = +rect.getAttribute('height');
      const a = new DOMPoint(x, y).matrixTransform(m), b = new DOMPoint(x + w, y + h).matrixTransform(m);
      const clip = {left: a.x, top: a.y, right: b.x, bottom: b.y};
      for (const el of g.querySelectorAll('path, rect, circle, line, text, image')) {
        if (el.closest('clipPath')) continue;
        const r = el.getBoundingClientRect();
        if (!r.width && !r.height) continue;
        const over = {left: clip.left - r.left, top: clip.top - r.top, right: r.right - clip.right, bottom: r.bottom - clip.bottom};
        const sides = Object.entries(over).filter(([, v]) => v > 1).map(([k, v]) => `${k} ${Math.round(v)}px`);
        if (!sides.length) continue;
        const d = el.__data__ && el.__data__.datum;  // Vega keeps the scenegraph item on the element
        const what = ((d && d.properties && d.properties.name) || el.getAttribute('aria-label')
                      || (d && JSON.stringify(d)) || el.tagName).slice(0, 90);
        out.push(`chart "${title}": ${what} cut off (${sides.join(', ')} past the plot's edge)`);
      }
    }
  });
  return out;
}
"""


@EVERY_PAGE
def test_no_chart_shape_cut_off(shown):
    cut = shown.pg.evaluate(_CHART_CLIP_JS)
    listed = "\n".join(f"  - {c}" for c in cut[:25]) + (f"\n  ... and {len(cut) - 25} more" if len(cut) > 25 else "")
    assert not cut, f"{shown.where}: {len(cut)} chart shape(s) drawn past their plot and cut off:\n" + listed


# ---------------------------------------------------------------------------------------------
# 2. Words broken mid-word in headings and bordered cards




@EVERY_PAGE
def test_no_word_broken_across_lines(shown):
    found = shown.pg.evaluate(BROKEN_WORDS_JS)
    assert found["headings"] > 0, f"{shown.where}: no visible heading found (the check would be empty)"
    broken = found["broken"]
    assert not broken, (
        f"{shown.where}: {len(broken)} word(s) split in the middle onto two lines "
        f"(checked {found['headings']} headings and {found['cards']} bordered cards; '|' marks the cut):\n"
        + "\n".join(f"  - {b}" for b in broken)
    )


# ---------------------------------------------------------------------------------------------
# 3. Truncated table cells


_OPEN_EXPANDERS_JS = """
() => {
  const closed = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stExpander'] details:not([open])")]
    .filter(d => d.getClientRects().length);
  closed.forEach(d => d.querySelector('summary').click());
  return closed.length;
}
"""

# st.dataframe draws with glide-data-grid on a <canvas>. Its accessible <table> holds only the rows
# in view (and, for link columns, the address rather than the label shown), so it cannot say what
# is cut off. What is drawn is known exactly from the grid component's own props, which React keeps
# on the canvas: the column widths after stretching (`columns[i].width`), the cells the grid draws
# (`getCellContent([col, row])`: kind, displayData, allowWrapping, allowOverlay) and the theme (font,
# padding, line height). A cell is measured with canvas measureText in the grid's own font, the way
# glide-data-grid does it:
#   - not wrapping: glide draws the first line only, at the cell's left padding, clipped at the
#     cell's edge. It is cut off if text width + 2 x padding > column width (glide's own measure of
#     the width a cell needs), or if the text has more than one line;
#   - wrapping (Streamlit allows it only when row_height > 4rem): lines wrap at width - 2 x padding,
#     and the cell is cut off when the lines need more height than the row has.
_GRID_CELLS_JS = """
async (df) => {
  const canvas = df.querySelector("canvas[data-testid='data-grid-canvas']");
  if (!canvas) return {error: 'the grid has no canvas[data-testid=data-grid-canvas]'};
  const key = Object.keys(canvas).find(k => k.startsWith('__reactFiber$'));
  let f = key ? canvas[key] : null, props = null;
  for (let d = 0; f && d < 40 && !props; d++, f = f.return) {
    const p = f.memoizedProps;
    if (p && Array.isArray(p.columns) && typeof p.getCellContent === 'function' && p.theme && typeof p.rows === 'number') props = p;
  }
  if (!props) return {error: "the grid's props (columns, getCellContent, theme) were not found on the canvas's "
                             + "React fiber: update this helper for the new Streamlit"};
  const t = props.theme;
  const font = t.baseFontFull || `${t.baseFontStyle} ${t.fontFamily}`;
  await document.fonts.load(font);
  await document.fonts.ready;
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = font;
  const measure = (s) => ctx.measureText(s).width;
  const pad = t.cellHorizontalPadding, vpad = t.cellVerticalPadding;
  const mm = ctx.measureText('ABCi09jgqpy');
  const lineBox = mm.actualBoundingBoxAscent + mm.actualBoundingBoxDescent;
  const rowHeight = (r) => typeof props.rowHeight === 'function' ? props.rowHeight(r) : props.rowHeight;
  const textOf = (cell) => {
    if (['text', 'uri', 'number', 'markdown', 'rowid'].includes(cell.kind)) {
      const s = cell.displayData ?? cell.data;
      return s == null ? null : String(s);
    }
    if (cell.kind === 'custom' && typeof cell.copyData === 'string') return cell.copyData;
    return null;  // checkboxes, images, charts, bubbles: no text to cut
  };
  const wrappedLines = (s, width) => {
    let lines = 0;
    for (const para of s.split(/\\r?\\n/)) {
      let line = '';
      lines += 1;
      for (const word of para.split(/\\s+/).filter(Boolean)) {
        const next = line ? line + ' ' + word : word;
        if (measure(next) <= width || !line) {
          line = next;
          if (!line.includes(' ') && measure(line) > width) lines += Math.ceil(measure(line) / width) - 1;  // a word longer than the line
        } else { lines += 1; line = word; if (measure(word) > width) lines += Math.ceil(measure(word) / width) - 1; }
      }
    }
    return lines;
  };
  // Where is the grid? Its expander's label, else the nearest heading before it.
  let label = '';
  const exp = df.closest("[data-testid='stExpander']");
  const clean = (s) => s.replace(/keyboard_arrow_\\w+/g, '').replace(/\\s+/g, ' ').trim();  // minus the icon's ligature
  if (exp) label = 'expander "' + clean(exp.querySelector('summary').innerText) + '"';
  else {
    const hs = [...document.querySelectorAll(['h1', 'h2', 'h3', 'h4'].map(h => `[data-testid='stMain'] ${h}`).join(', '))];
    const before = hs.filter(h => h.compareDocumentPosition(df) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    label = before ? 'after heading "' + before.innerText.trim() + '"' : 'grid';
  }
  const columns = props.columns.map(c => ({title: c.title, width: c.width}));
  let x = 0;
  columns.forEach(c => { c.x = x; x += c.width; });
  const cut = [];
  let measured = 0;
  for (let ci = 0; ci < columns.length; ci++) {
    const col = columns[ci];
    for (let r = 0; r < props.rows; r++) {
      const cell = props.getCellContent([ci, r]);
      const s = textOf(cell);
      if (!s) continue;
      measured += 1;
      let why = null, need = null;
      if (cell.allowWrapping) {
        const lines = wrappedLines(s, col.width - 2 * pad);
        const height = lineBox + t.lineHeight * lineBox * (lines - 1);
        if (height + vpad > rowHeight(r)) why = `${lines} wrapped lines need ${Math.ceil(height + vpad)}px in a ${rowHeight(r)}px row`;
      } else {
        const first = s.split(/\\r?\\n/, 1)[0];
        need = Math.ceil(measure(first) + 2 * pad);
        if (first !== s) why = 'only its first line is shown';
        else if (need > col.width) why = `needs ${need}px in a ${col.width}px column`;
      }
      if (why) cut.push({col: ci, row: r, title: col.title, x: col.x, width: col.width, kind: cell.kind,
                         allowOverlay: cell.allowOverlay === true, text: s, why});
    }
  }
  // How many lines of text a row has room for, with the cell's vertical padding above and below
  // (n lines take lineBox + lineHeight * lineBox * (n - 1), as glide lays them out). Streamlit's
  // default row has room for one.
  const linesFit = Math.max(1, Math.floor((rowHeight(0) - 2 * vpad - lineBox) / (t.lineHeight * lineBox)) + 1);
  return {label, columns, rows: props.rows, rowHeight: rowHeight(0), headerHeight: props.headerHeight, linesFit, lineBox,
          wrapping: props.columns.length ? !!(props.getCellContent([0, 0]) || {}).allowWrapping : false, measured, cut, font};
}
"""

_ST_TABLE_JS = """
() => {
  const out = [], scrolling = [];
  document.querySelectorAll("[data-testid='stMain'] [data-testid='stTable']").forEach((t, i) => {
    if (!t.getClientRects().length) return;
    for (const c of t.querySelectorAll('th, td')) {
      if (!c.getClientRects().length) continue;
      const inner = [c, ...c.querySelectorAll('*')].find(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0);
      if (inner)
        out.push(`st.table #${i + 1}: cell "${c.innerText.trim().slice(0, 70)}" is ${inner.scrollWidth}px of content`
          + ` in ${inner.clientWidth}px`);
    }
    // A table wider than its box: fine if the nearest box that limits it scrolls (Streamlit wraps
    // st.table in an overflow-x: auto div), cut off if that box clips.
    const table = t.querySelector('table');
    if (!table) return;
    let box = table.parentElement;
    for (; box && box !== t.parentElement; box = box.parentElement) if (getComputedStyle(box).overflowX !== 'visible') break;
    if (!box || box === t.parentElement) return;
    const tw = table.getBoundingClientRect(), bw = box.getBoundingClientRect(), ox = getComputedStyle(box).overflowX;
    if (tw.right <= bw.right + 1) return;
    const size = `${Math.round(tw.width)}px wide in a ${Math.round(bw.width)}px box`;
    if (['auto', 'scroll'].includes(ox)) scrolling.push(`st.table #${i + 1}: ${size}, scrolls sideways`);
    else out.push(`st.table #${i + 1}: the table is ${size} that cuts it off (overflow-x: ${ox})`);
  });
  return {out, scrolling};
}
"""

_OVERLAY = "[id^='gdg-overlay-']"


def _overlay_text(pg, df, grid: dict, cell: dict) -> tuple[str | None, str]:
    """Scroll the grid to the cell, click it twice as a reader would (the first click selects it,
    the second opens glide's overlay), and return the overlay's text. Clicks land in the cell's
    left padding, off a link's text, so a link cell selects instead of opening the link."""
    scroller = df.locator(".dvn-scroller")
    left, top = scroller.evaluate(
        "(s, [x, y]) => { s.scrollLeft = x; s.scrollTop = y; return [s.scrollLeft, s.scrollTop]; }",
        [cell["x"], cell["row"] * grid["rowHeight"]],
    )
    # Centred in the window: at the top edge Streamlit's fixed header would take the click.
    df.evaluate("d => d.scrollIntoView({block: 'center', inline: 'nearest'})")
    pg.wait_for_timeout(300)
    box = df.locator("canvas[data-testid='data-grid-canvas']").bounding_box()
    x = box["x"] + cell["x"] - left + 3
    y = box["y"] + grid["headerHeight"] + cell["row"] * grid["rowHeight"] - top + 4
    hit = pg.evaluate("([d, x, y]) => d.contains(document.elementFromPoint(x, y))", [df.element_handle(), x, y])
    assert hit, f"the test cannot reach cell {cell['col']},{cell['row']} of {grid['name']} at ({x:.0f}, {y:.0f}): something covers it"
    # A reader clicks the cell until it is highlighted (coming from another grid, the first click
    # only gives this grid the focus), then clicks it once more. Clicks 700 ms apart, so the
    # browser does not take two of them for a double-click.
    selected = f"td#glide-cell-{cell['col']}-{cell['row']}[aria-selected='true']"
    clicks = 0
    while clicks < 2 and not df.locator(selected).count():
        pg.mouse.click(x, y)
        clicks += 1
        pg.wait_for_timeout(700)
    if not df.locator(selected).count():
        return None, f"clicked {clicks} times: the cell was never selected"
    pg.mouse.click(x, y)
    how = f"selected with {clicks} click(s), then clicked again"
    try:
        pg.wait_for_selector(_OVERLAY, timeout=2_000)
    except Exception:  # noqa: BLE001 - no overlay: the reader has no way to read the cell by clicking
        return None, how
    text = pg.locator(_OVERLAY).first.evaluate(
        "o => [...o.querySelectorAll('textarea, input')].map(e => e.value).join(' ') || o.innerText"
    )
    pg.keyboard.press("Escape")
    try:
        pg.wait_for_selector(_OVERLAY, state="detached", timeout=2_000)
    except Exception:  # noqa: BLE001 - a left-over overlay does not change the measurement
        pass
    return text, how


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def _grids(pg) -> list[tuple[object, dict]]:
    """Every visible st.dataframe in the main area, measured (collapsed expanders opened first: a
    reader can open them)."""
    if pg.evaluate(_OPEN_EXPANDERS_JS):
        pg.evaluate(QUIET_JS, [500, 8_000])
    out = []
    grids = pg.locator(f"{MAIN} [data-testid='stDataFrame']")
    for i in range(grids.count()):
        df = grids.nth(i)
        if not df.is_visible():
            continue
        df.scroll_into_view_if_needed()
        grid = df.evaluate(_GRID_CELLS_JS)
        grid["name"] = f"dataframe #{i + 1}" + (f" ({grid['label']})" if "label" in grid else "")
        out.append((df, grid))
    return out


@pytest.mark.parametrize("shown_to_change", page_cases(PAGES, VIEWPORTS), indirect=True)
def test_no_truncated_cell_without_a_way_to_read_it(shown_to_change):
    """A cell cut off by its column is acceptable only if the reader can read it another way: the
    text wraps and fits the row (then it is not cut off), or clicking the cell opens an overlay with
    the full text. The overlay is verified by clicking the first cut-off cell of each kind in each
    grid and reading it; cells that do not allow an overlay, or a grid whose overlay did not show
    the full text, fail. Collapsed expanders are opened first: a reader can open them."""
    shown = shown_to_change
    pg = shown.pg
    problems: list[str] = []
    readable_only_by_click = 0
    for df, grid in _grids(pg):
        name = grid["name"]
        if "error" in grid:
            problems.append(f"{name}: cannot measure its cells: {grid['error']}")
            continue
        verified: dict[str, tuple[bool, str]] = {}
        for cell in grid["cut"]:
            if not cell["allowOverlay"]:
                continue
            if cell["kind"] not in verified:
                text, how = _overlay_text(pg, df, grid, cell)
                ok = text is not None and _norm(cell["text"]) in _norm(text)
                if text is None:
                    verified[cell["kind"]] = (False, f"{how}: no overlay opened")
                else:
                    verified[cell["kind"]] = (ok, f"{how}: the overlay {'shows' if ok else 'does not show'} the full text"
                                              + ("" if ok else f" (it shows {text[:80]!r})"))
        for cell in grid["cut"]:
            ok, how = verified.get(cell["kind"], (False, ""))
            if cell["allowOverlay"] and ok:
                readable_only_by_click += 1
                continue
            reason = "the cell opens no overlay" if not cell["allowOverlay"] else f"clicking it gives no full text ({how})"
            problems.append(
                f'{name}, column "{cell["title"]}", row {cell["row"] + 1}: "{cell["text"][:90]}" {cell["why"]}; {reason}'
            )
        if grid["cut"]:
            print(f"{shown.where}: {name}: {len(grid['cut'])} of {grid['measured']} cells cut off by their column "
                  f"(row height {grid['rowHeight']}px, wrapping {'on' if grid['wrapping'] else 'off'}); overlay check: "
                  + json.dumps({k: v[1] for k, v in verified.items()}))
    tables = pg.evaluate(_ST_TABLE_JS)
    problems += tables["out"]
    if tables["scrolling"]:
        print(f"{shown.where}: " + "; ".join(tables["scrolling"]))
    if readable_only_by_click:
        print(f"{shown.where}: {readable_only_by_click} cut-off cell(s) readable only by clicking them (overlay verified)")
    listed = "\n".join(f"  - {p}" for p in problems[:30]) + (f"\n  ... and {len(problems) - 30} more" if len(problems) > 30 else "")
    assert not problems, f"{shown.where}: {len(problems)} table cell(s) cut off with no way to read them:\n" + listed


@pytest.mark.parametrize("shown_to_change", page_cases(PAGES, VIEWPORTS), indirect=True)
def test_tall_rows_wrap_their_text(shown_to_change):
    """A grid given rows tall enough for two or more lines (row_height) must use them: its long
    texts should wrap instead of being cut off on one line with the extra height left empty.
    Streamlit 1.67 lets text wrap only when row_height > 4rem (the page's root font size x 4)."""
    problems = []
    for _df, grid in _grids(shown_to_change.pg):
        if "error" in grid:
            problems.append(f"{grid['name']}: cannot measure its cells: {grid['error']}")
            continue
        if grid["linesFit"] >= 2 and not grid["wrapping"] and grid["cut"]:
            cols = sorted({c["title"] for c in grid["cut"]})
            problems.append(
                f"{grid['name']}: rows are {grid['rowHeight']}px, room for {grid['linesFit']} lines, but text does not wrap: "
                f"{len(grid['cut'])} cells are cut off on one line (columns {', '.join(cols)})"
            )
    assert not problems, f"{shown_to_change.where}: tall rows that do not wrap their text:\n" + "\n".join(f"  - {p}" for p in problems)


# ---------------------------------------------------------------------------------------------
# Tabs: the checks above see only the tab a page opens on; each other tab is opened as a reader
# would (a click) and checked for overflow, cut chart shapes, broken words and requests elsewhere.


_TAB = SECTION_BUTTONS


@pytest.mark.parametrize("shown_to_change", page_cases(TABBED, VIEWPORTS), indirect=True)
def test_every_tab_fits(shown_to_change, app_server):
    shown = shown_to_change
    pg = shown.pg
    labels = pg.locator(_TAB).all_inner_texts()
    assert labels, f"{shown.where}: the page's script draws sections but no section button was found in the page"
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    problems: list[str] = []
    for i, label in enumerate(labels):
        tab = pg.locator(_TAB).nth(i)
        if tab.get_attribute("aria-checked") != "true":
            before = run_count(pg)
            tab.click()
            wait_ready(pg, runs_before=before)
            wait_settled(pg)
        name = re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_")
        shot(pg, SCREENSHOTS / f"layout-{shown.name}-{name}-{shown.viewport}.png", full_page=True)
        pg.evaluate(QUIET_JS, [300, 5_000])
        problems += [f'tab "{label}": {o}' for o in pg.evaluate(PAST_THE_WINDOW_JS)]
        problems += [f'tab "{label}": {c}' for c in pg.evaluate(_CHART_CLIP_JS)]
        problems += [f'tab "{label}": {b}' for b in pg.evaluate(BROKEN_WORDS_JS)["broken"]]
        if shown.viewport == "1280x720":
            height = pg.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")
            if height > MAX_SCREENS * 720:
                problems.append(f'tab "{label}": {height} px long, {height / 720:.1f} screens (at most {MAX_SCREENS})')
    problems += [f"request to another host while opening the tabs: {u}" for u in requests if not _own(u, app_server.port)]
    listed = "\n".join(f"  - {p}" for p in problems[:40]) + (f"\n  ... and {len(problems) - 40} more" if len(problems) > 40 else "")
    assert not problems, f"{shown.where}: {len(problems)} problem(s) in its {len(labels)} tabs:\n" + listed

