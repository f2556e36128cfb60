"""The real app in headless Chromium at 1280x720 (the projector view).

Every page: renders without errors, draws every chart, passes axe-core (no serious/critical
violation), keeps its text inside its boxes, and leaves an above-the-fold screenshot in
artifacts/screenshots/ (test_layout.py, which reads the same loaded pages, shoots the whole page). Then the shared filters (sidebar -> address -> other
pages -> reload), shared links, hostile addresses, the empty state, and chart clicks.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import shot, SCREENSHOTS, go_to_page, open_page, page_cases, run_count, wait_ready

# URL path -> screenshot name. The sidebar navigation must offer exactly these pages.
PAGES = {
    "/": "home",
    "/Principles": "Principles",
    "/Members_and_cities": "Members_and_cities",
    "/Compare_outlets": "Compare_outlets",
    "/Framing_analysis": "Framing_analysis",
    "/Sources_and_method": "Sources_and_method",
    "/Guided_tour": "Guided_tour",
    "/Guess_the_outlet": "Guess_the_outlet",
    "/Code_it_yourself": "Code_it_yourself",
    "/Lesson_link": "Lesson_link",
    "/Add_an_article": "Add_an_article",
}

# axe rules excluded, each with the reason it cannot be fixed from app code or theme. Keep empty
# unless a violation is truly inside Streamlit's own chrome.
AXE_EXCLUDED_RULES: dict[str, str] = {}

MAIN = "[data-testid='stMain']"
# Each page as first loaded at 1280x720, shared with test_layout.py's checks of that page (conftest: `shown`).
EVERY_PAGE = pytest.mark.parametrize("shown", page_cases(PAGES), indirect=True)


# ---------------------------------------------------------------------------------------------
# Helpers


_FILTER_WIDGETS = "[data-testid='stMultiSelect'], [data-testid='stButtonGroup']"  # multiselect or pills


def _filter_widget(page, label: str):
    """The sidebar filter labelled `label` (the app has used both a multiselect and pills)."""
    return page.locator("[data-testid='stSidebar']").locator(_FILTER_WIDGETS).filter(
        has=page.locator("[data-testid='stWidgetLabel']", has_text=re.compile(rf"^\s*{re.escape(label)}"))
    )


def chosen(page, label: str) -> list[str]:
    """The values chosen in a sidebar filter as the reader sees them (chips or pressed pills)."""
    box = _filter_widget(page, label)
    assert box.count() == 1, f"expected one sidebar filter labelled {label!r}, found {box.count()}"
    return box.evaluate(
        """box => {
             const chips = [...box.querySelectorAll("[data-testid='stMultiSelectTagsContainer'] [data-tag]")];
             if (box.getAttribute('data-testid') === 'stMultiSelect')
               return chips.map(e => (e.querySelector('[title]') || e).textContent.trim());
             return [...box.querySelectorAll("button[aria-pressed='true']")].map(b => b.innerText.trim());
           }"""
    )


def deselect(page, label: str, value: str) -> None:
    """Take `value` out of a sidebar filter the way a reader would, and wait for the rerun."""
    box = _filter_widget(page, label)
    if box.get_attribute("data-testid") == "stMultiSelect":
        target = box.locator(f"button[aria-label='Remove {value}']")
    else:
        target = box.locator("button[aria-pressed='true']", has_text=re.compile(rf"^\s*{re.escape(value)}\s*$"))
    assert target.count() == 1, f"cannot find {value!r} to take out of {label!r}"
    click_and_wait(page, target)


def outlet_ids() -> list[str]:
    from storyframes.core.data import load_package

    return load_package().outlets["outlet_id"].tolist()


def address(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def wait_for_address(page, needle: str, timeout_ms: int = 5_000) -> None:
    """The address is rewritten by the run; give the browser a moment to show it."""
    try:
        page.wait_for_function("(n) => window.location.search.includes(n)", arg=needle, timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - the assertion that follows reports the URL
        pass


def main_text(page) -> str:
    return page.locator(MAIN).inner_text()


def visible_alerts(page, kind: str) -> list[str]:
    """Texts of visible st.<kind> boxes (kind: Error, Warning, Info, Success)."""
    return page.locator(f"[data-testid='stAlertContent{kind}']").evaluate_all(
        "els => els.filter(e => e.offsetWidth || e.offsetHeight).map(e => e.innerText.trim())"
    )


def assert_healthy(page, where: str) -> None:
    exceptions = page.locator("[data-testid='stException']").all_inner_texts()
    assert not exceptions, f"{where}: exception shown: {exceptions}"
    errors = visible_alerts(page, "Error")
    assert not errors, f"{where}: st.error shown: {errors}"
    h1 = page.locator(f"{MAIN} h1")
    assert h1.count() >= 1 and h1.first.is_visible(), f"{where}: no visible h1"


NAV_LINKS = "[data-testid='stSidebarNav'] a, [data-testid='stSidebar'] a[data-testid='stPageLink-NavLink']"


def nav_links(page) -> dict[str, str]:
    """Sidebar navigation (Streamlit's own or st.page_link): URL path -> link text."""
    pairs = page.locator(NAV_LINKS).evaluate_all("els => els.map(a => [a.href, a.innerText.trim().split('\\n').pop()])")
    return {urlsplit(href).path or "/": text for href, text in pairs}


def click_and_wait(page, locator, **click_args) -> None:
    before = run_count(page)
    locator.click(**click_args)
    wait_ready(page, runs_before=before)


def chart_report(page) -> list[dict]:
    """Per Vega chart: renderer, number of drawn mark items, size."""
    return page.locator(f"{MAIN} .vega-embed").evaluate_all(
        """els => els.map((e, i) => {
             const svg = e.querySelector('svg'), canvas = e.querySelector('canvas');
             const box = e.getBoundingClientRect();
             const title = svg ? (svg.querySelector('[aria-roledescription="title"]') || {}).ariaLabel : null;
             return {
               index: i, title: title || (svg && svg.getAttribute('aria-label')) || null,
               svg: !!svg, canvas: !!canvas,
               marks: svg ? [...svg.querySelectorAll('g.role-mark')].reduce((n, g) => n + g.childElementCount, 0) : null,
               labelled: svg ? svg.querySelectorAll('path[aria-label], g[aria-label]').length : null,
               width: Math.round(box.width), height: Math.round(box.height),
             };
           })"""
    )


# ---------------------------------------------------------------------------------------------
# Every page


@pytest.mark.parametrize("shown", page_cases(["/"]), indirect=True)
def test_sidebar_nav_lists_every_page(shown):
    page = shown.pg
    links = nav_links(page)
    assert set(links) == set(PAGES), f"sidebar navigation paths {sorted(links)} != expected {sorted(PAGES)} (labels: {links})"


@EVERY_PAGE
def test_page_renders(shown):
    page, path = shown.pg, shown.path
    name = PAGES[path]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Above the fold; the whole page is shot by test_layout.py (layout-<page>-1280x720.png).
    shot(page, SCREENSHOTS / f"{name}-fold.png")

    assert_healthy(page, path)
    charts = chart_report(page)
    empty = [c for c in charts if not (c["canvas"] or (c["svg"] and c["marks"]))]
    assert not empty, f"{path}: chart(s) with nothing drawn: {json.dumps(empty, ensure_ascii=False)}"
    tiny = [c for c in charts if c["width"] < 200 or c["height"] < 60]
    assert not tiny, f"{path}: chart(s) drawn too small to read: {json.dumps(tiny, ensure_ascii=False)}"
    assert not page.page_errors, f"{path}: uncaught JavaScript errors: {page.page_errors}"


@EVERY_PAGE
def test_page_accessibility(shown):
    from axe_playwright_python.sync_playwright import Axe

    page, path = shown.pg, shown.path
    results = Axe().run(page)
    violations = results.response.get("violations", [])
    bad = [v for v in violations if v.get("impact") in ("serious", "critical") and v["id"] not in AXE_EXCLUDED_RULES]
    lines = []
    for v in bad:
        nodes = v.get("nodes", [])
        lines.append(f"- {v['id']} ({v['impact']}, {len(nodes)} node(s)): {v.get('help')}")
        for n in nodes[:4]:
            target = " ".join(map(str, n.get("target", [])))
            summary = " ".join(n.get("failureSummary", "").split("\n")[1:2]).strip()
            lines.append(f"    {target[-110:]}\n      {n.get('html', '')[:110]}  {summary}")
    assert not bad, f"{path}: axe-core serious/critical violations:\n" + "\n".join(lines)


_TEXT_OUTSIDE_ITS_BOX_JS = """
(main) => {
  const out = [];
  const shown = (el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
  const describe = (el) => {
    const tid = el.closest('[data-testid]');
    const text = (el.innerText || el.textContent || '').trim().slice(0, 60);
    return `${el.tagName.toLowerCase()} in ${tid ? tid.getAttribute('data-testid') : '?'} "${text}"`;
  };
  // Text wider than its box (spills out or is cut off).
  for (const el of main.querySelectorAll('p, h1, h2, h3, h4, label')) {
    if (!el.clientWidth || !shown(el)) continue;  // hidden (collapsed expander) or inline
    if (el.scrollWidth > el.clientWidth + 1)
      out.push(`${describe(el)}: text ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
  }
  // Text cut short with an ellipsis (metric labels, button labels, ...).
  for (const el of main.querySelectorAll('*')) {
    if (!el.clientWidth || getComputedStyle(el).textOverflow !== 'ellipsis' || !shown(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1)
      out.push(`${describe(el)}: truncated with "…" (${el.scrollWidth}px of text in ${el.clientWidth}px)`);
  }
  // Charts: wider than their box, labels Vega truncated (labelLimit), text drawn outside the chart.
  main.querySelectorAll('.vega-embed').forEach((e, i) => {
    const inner = e.querySelector('svg, canvas');
    if (!inner) return;
    const box = e.parentElement.getBoundingClientRect(), r = inner.getBoundingClientRect();
    if (r.right > box.right + 1 || r.left < box.left - 1)
      out.push(`chart #${i + 1}: ${r.width.toFixed(0)}px wide in a ${box.width.toFixed(0)}px box`);
    if (inner.tagName.toLowerCase() !== 'svg') return;
    for (const t of inner.querySelectorAll('text')) {
      const tr = t.getBoundingClientRect();
      if (!tr.width || !t.textContent.trim()) continue;
      const axis = t.closest('[aria-roledescription="axis"]');
      if (getComputedStyle(t).opacity === '0') {  // hidden by Vega's label-overlap removal
        if (axis && /discrete scale/.test(axis.getAttribute('aria-label') || ''))
          out.push(`chart #${i + 1}: category label hidden because labels overlap: "${t.textContent}"`);
        continue;
      }
      if (t.textContent.endsWith('…')) out.push(`chart #${i + 1}: label truncated by Vega: "${t.textContent}"`);
      // 3px slack: the glyph box of a rotated axis title pokes ~2px past the edge without clipping.
      if (tr.right > r.right + 3 || tr.left < r.left - 3)
        out.push(`chart #${i + 1}: "${t.textContent}" drawn past the chart's edge (clipped)`);
    }
  });
  // Tables whose columns do not fit: the right-hand columns are off screen.
  main.querySelectorAll("[data-testid='stDataFrame'] .dvn-scroller").forEach((g, i) => {
    if (shown(g) && g.scrollWidth > g.clientWidth + 1) {
      const head = g.closest("[data-testid='stDataFrame']").getAttribute('aria-label') || '';
      out.push(`dataframe #${i + 1} ${head}: columns ${g.scrollWidth}px wide in a ${g.clientWidth}px box (right-hand columns cut off)`);
    }
  });
  return out;
}
"""


@EVERY_PAGE
def test_page_text_fits(shown):
    page, path = shown.pg, shown.path
    offenders = page.locator(MAIN).evaluate(_TEXT_OUTSIDE_ITS_BOX_JS)
    assert not offenders, f"{path}: text or charts overflow their boxes at 1280x720:\n" + "\n".join(offenders)


# ---------------------------------------------------------------------------------------------
# Filters: sidebar -> address -> other pages -> reload; shared links; hostile addresses


def test_filter_follows_the_reader_across_pages_and_reload(page):
    all_ids = outlet_ids()
    open_page(page, "/")
    before = chosen(page, "Outlets")
    assert len(before) == len(all_ids), f"by default every outlet is chosen: {before}"
    assert "outlet" not in address(page), f"the default view should keep the address clean: {page.url}"

    dropped = before[0]
    deselect(page, "Outlets", dropped)
    expected = before[1:]
    assert chosen(page, "Outlets") == expected, f"taking out {dropped!r} left {chosen(page, 'Outlets')}"
    wait_for_address(page, "outlet=")
    in_address = address(page).get("outlet", [])
    missing = set(all_ids) - set(in_address)
    assert len(in_address) == len(expected) and len(missing) == 1, f"the address should name every outlet but the one taken out: {page.url}"

    go_to_page(page, "/Principles")
    assert_healthy(page, "/Principles after the page switch")
    assert chosen(page, "Outlets") == expected, "the outlet choice was lost on the page switch"
    wait_for_address(page, "outlet=")
    assert address(page).get("outlet") == in_address, f"the address lost the filter after the page switch: {page.url}"

    page.reload()
    wait_ready(page)
    assert_healthy(page, "/Principles after reload")
    assert chosen(page, "Outlets") == expected, "the outlet choice was lost on reload"
    assert address(page).get("outlet") == in_address, f"the address changed on reload: {page.url}"


def test_reset_filters_restores_the_defaults(page):
    open_page(page, "/Compare_outlets?outlet=gawker&principle=P4")
    assert len(chosen(page, "Outlets")) == 1
    click_and_wait(page, page.locator("[data-testid='stSidebar'] button", has_text="Reset filters"))
    page.wait_for_function("() => !window.location.search.includes('outlet=')", timeout=5_000)
    assert len(chosen(page, "Outlets")) == len(outlet_ids())
    assert "outlet" not in address(page) and "principle" not in address(page), page.url


def test_shared_link_opens_exactly_that_view(page):
    open_page(page, "/Compare_outlets?outlet=gawker&principle=P4")
    assert_healthy(page, "shared link")
    outlets = chosen(page, "Outlets")
    assert len(outlets) == 1 and "gawker" in outlets[0].casefold(), f"only Gawker should be chosen: {outlets}"
    principles = chosen(page, "Principles")
    assert len(principles) == 1 and principles[0].startswith("P4"), f"only P4 should be chosen: {principles}"
    assert not visible_alerts(page, "Warning"), "a valid shared link must not warn"
    assert address(page) == {"outlet": ["gawker"], "principle": ["P4"]}, page.url


BAD_ADDRESSES = {
    "unknown-outlet": ("/?outlet=nope", True),
    "script-in-principle": ("/?principle=%3Cscript%3Ealert(1)%3C/script%3E", True),
    "repeated-outlet": ("/?outlet=dabs&outlet=dabs", False),
    "nul": ("/?outlet=gawker%00", True),
    "rtl-override": ("/Principles?principle=%E2%80%AEP4", True),
    "emoji": ("/?outlet=%F0%9F%99%82", True),
    "javascript-url": ("/Compare_outlets?outlet=javascript:alert(1)", True),
    "broken-utf8-escape": ("/?principle=%E0%A4%A", True),
    "broken-escape": ("/Framing_analysis?outlet=%ZZ", True),
}


@pytest.mark.parametrize("url,expect_warning", list(BAD_ADDRESSES.values()), ids=list(BAD_ADDRESSES))
def test_bad_address_values_are_harmless(page, url, expect_warning):
    open_page(page, url)
    assert_healthy(page, url)
    warnings = visible_alerts(page, "Warning")
    if expect_warning:
        assert any("unknown" in w for w in warnings), f"{url}: expected a notice about the unknown value, got {warnings}"
        # no NUL, bidi override or other control character reaches the page from the address
        assert all(ch.isprintable() or ch == "\n" for w in warnings for ch in w), f"{url}: {warnings!r}"
    else:
        assert not warnings, f"{url}: no notice expected, got {warnings}"
    injected = page.evaluate("() => [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(1)')).length")
    assert injected == 0, f"{url}: a <script> from the address was injected into the DOM"
    assert not page.dialogs, f"{url}: a dialog was opened: {page.dialogs}"
    outlets = chosen(page, "Outlets")
    if "dabs&outlet=dabs" in url:
        assert len(outlets) == 1 and "dabs" in outlets[0].casefold(), f"a repeated value should be chosen once: {outlets}"
    if expect_warning and "outlet=" in url:
        assert len(outlets) == len(outlet_ids()), f"an unknown outlet should fall back to all outlets: {outlets}"
    if expect_warning:
        assert "outlet" not in address(page) and "principle" not in address(page), f"{url}: the odd value should leave the address: {page.url}"


def test_empty_outlet_choice_shows_the_empty_state(page):
    open_page(page, "/Compare_outlets?outlet=")
    assert_healthy(page, "/Compare_outlets?outlet=")
    assert chosen(page, "Outlets") == []
    infos = visible_alerts(page, "Info")
    assert any("Nothing to show" in i for i in infos), f"expected the 'Nothing to show' notice, got {infos}"
    assert "outlet" in address(page), f"the explicit empty choice should stay in the address: {page.url}"


# ---------------------------------------------------------------------------------------------
# Chart clicks show the sentences behind them


def test_matrix_cell_click_shows_its_sentences_under_the_matrix(page):
    open_page(page, "/Principles")
    cells = page.locator(f"{MAIN} .vega-embed path[aria-roledescription='rect mark'][aria-label*='Principle: P']")
    assert cells.count() > 0, "the matrix has no labelled cells to click"
    target = next((c for c in cells.all() if "Status: omitted" not in c.get_attribute("aria-label")
                   and "Outlet: CBS" in c.get_attribute("aria-label")), None)
    assert target is not None, "no reported CBS cell in the matrix"
    label = target.get_attribute("aria-label")
    pid = re.search(r"Principle: (P\d)", label).group(1)
    expected = int(re.search(r"Sentences: (\d+)", label).group(1))
    before = main_text(page)

    click_and_wait(page, target, position={"x": 8, "y": 8})  # a corner: the count label sits in the middle

    assert_healthy(page, "/Principles after a cell click")
    text = main_text(page)
    assert text != before, "clicking a cell changed nothing"
    m = re.search(rf"CBS News \(The Crime Report\) on {pid} · [^\n(]+\((\d+) sentences?\)", text)
    assert m, f"no sentences shown for the clicked {pid} cell"
    assert int(m.group(1)) == expected, f"the cell says {expected} sentences, the list says {m.group(1)}"
    # the sentences appear right under the matrix, before the side-by-side reading
    assert text.index(m.group(0)) < text.index("Read the sentences side by side")
    assert len(re.findall(r"CBS News \(The Crime Report\) · ¶\d+ · sentence \d+ of 19", text.split(m.group(0))[1].split("Show the numbers")[0])) == expected


def test_frame_bar_click_shows_its_sentences(page):
    open_page(page, "/Compare_outlets")
    bars = page.locator(f"{MAIN} .vega-embed path[aria-roledescription='bar'][aria-label*='Sentences:'][aria-label*='Outlet: Gawker']")
    assert bars.count() > 0, "no Gawker bar in the frame chart"
    bar = bars.first
    label = bar.get_attribute("aria-label")
    expected = int(re.search(r"Sentences: (\d+)", label).group(1))
    frame = re.search(r"Frame: ([^;]+)", label).group(1).strip()

    click_and_wait(page, bar)

    assert_healthy(page, "/Compare_outlets after a bar click")
    text = main_text(page)
    m = re.search(rf"Gawker: {re.escape(frame)} \((\d+) sentences?\)", text)
    assert m, f"clicking the Gawker / {frame} bar did not show its sentences"
    assert int(m.group(1)) == expected, f"bar says {expected} sentences, list says {m.group(1)}"
    shown = re.findall(r"Gawker · ¶\d+ · sentence \d+ of 15", text.split(m.group(0))[1].split("Show the numbers")[0])
    assert len(shown) == expected, f"expected {expected} Gawker sentences with their places, got {shown}"


def test_keyboard_alone_reaches_a_marks_sentences(page):
    """Issue 20, item 8: without a mouse. Tab from the top of the page to the matrix's list of
    marks, open it and move with the arrow keys, choose with Enter: the sentences behind that cell
    appear under the matrix, as many as its mark says (the same ones a click shows: tests/pages/test_chart_marks.py)."""
    open_page(page, "/Principles")
    marks = f"{MAIN} .st-key-principle_matrix__mark"
    assert page.locator(marks).count() == 1, "no list of the matrix's marks under it"
    inside = f"() => !!(document.activeElement && document.activeElement.closest({json.dumps(marks)}))"
    for _ in range(250):  # the sidebar's links and filters come first
        page.keyboard.press("Tab")
        if page.evaluate(inside):
            break
    assert page.evaluate(inside), "Tab never reached the list of the matrix's marks"
    before = run_count(page)
    page.keyboard.press("ArrowDown")  # opens the list on its first mark
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_ready(page, runs_before=before)
    assert_healthy(page, "/Principles after a mark chosen by keyboard")
    label = page.locator(f"{marks} input[role='combobox']").input_value()
    m = re.fullmatch(r"(.+) on (P\d) · .+", label)
    assert m, f"no mark chosen: the list shows {label!r}"
    short = {"Dabs Magazine": "Dabs", "Gawker": "Gawker", "CBS News (The Crime Report)": "CBS"}[m.group(1)]
    cell = page.locator(f"{MAIN} .vega-embed path[aria-roledescription='rect mark'][aria-label*='Principle: {m.group(2)}']"
                        f"[aria-label*='Outlet: {short}']").first.get_attribute("aria-label")
    expected = int(re.search(r"Sentences: (\d+)", cell).group(1))
    text = main_text(page)
    if expected:
        said = re.search(rf"{re.escape(label)} \((\d+) sentences?\)", text)
        assert said and int(said.group(1)) == expected, f"the cell says {expected} sentences; under the matrix: {said}"
    else:
        assert f"{label}: no sentence in this selection stands behind this mark." in text
    shot(page, SCREENSHOTS / "keyboard_mark_1280.png")
