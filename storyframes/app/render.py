"""Drawing a View's pieces with Streamlit: the one sentence renderer, charts with the sentences
behind their marks, literal text, tables, notes and empty states. Pages call these; nothing here
computes a number."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from storyframes.present import projector
from storyframes.analysis.evidence import evidence_key, mark_choices, picked, sentences_for
from storyframes.core.glossary import explain  # noqa: F401  (pages give a term's plain sentence as its help: render.explain)
from storyframes.core.text import escape_markdown
from storyframes.core.urls import link_address
from storyframes.views import Chart


def literal(text: object) -> str:
    """Markdown that shows `text` exactly as written: no emphasis, links, images, HTML, maths,
    icons or autolinked addresses. Every string from the data, an article or a reader goes through
    this before it reaches Markdown: bodies, captions, alerts, and the labels, options (pills,
    radio) and help tooltips that Streamlit renders as Markdown. (Select boxes, tables and charts
    show text as text: they take it unescaped.)"""
    return escape_markdown(str(text))


def link(text: object, url: str) -> str:
    """A Markdown link showing `text` literally, if `url` may be linked (`urls.link_address`, the
    loader's own rule); otherwise the text alone. In a link's address Markdown still decodes "&amp;"
    style references, so "&" is escaped there too."""
    address = link_address(url)
    if not address:
        return literal(text)
    destination = address.replace("&", "\\&")
    return f"[{literal(text)}]({destination})"


def literal_options(format_func):
    """A `format_func` for pills and radio buttons, whose option labels are Markdown: each label
    shown literally."""
    return lambda value: literal(format_func(value))


SENTENCES_SHOWN = 30  # one element per sentence: past this, a larger corpus would draw thousands


def sentences(rows: pd.DataFrame, heading: str = "", *, border: bool = True, limit: int = SENTENCES_SHOWN) -> None:
    """Verbatim sentences, each with its outlet and place ('¶3 · sentence 8 of 16'). Past `limit`,
    the first ones are shown and all of them are in a table below (one element, however many)."""
    if rows.empty:
        return
    with st.container(border=border):
        if heading:
            st.markdown(f"**{literal(heading)}** ({len(rows):,} sentence{'s' if len(rows) != 1 else ''})")
        for r in rows.head(limit).itertuples():
            st.markdown(f"{literal(r.text)}  \n:gray[{literal(r.outlet)} · {literal(r.where)}]")
        if len(rows) > limit:
            st.caption(f"The first {limit} of {len(rows):,} sentences, in reading order; all of them are in the table below.")
            with st.expander(f"All {len(rows):,} sentences as a table"):
                table(rows[["outlet", "where", "text"]], labels={"outlet": "Outlet", "where": "Where", "text": "Sentence"})


FOUND_SHOWN = 8  # matches shown at once; the rest open below them


def found(view) -> None:
    """A search's outcome (`views.search.SearchView`): its sentence, then each match with its words
    highlighted (`SearchView.markup`: the text shown literally, our markup only around it) and its
    outlet and place, then how many matches the filters hide."""
    if not view.query:
        st.caption(literal(view.summary))
        return
    st.markdown(literal(view.summary))
    hits = view.hits
    if not hits.empty:
        with st.container(border=True, key="found_matches"):
            _matches(view, hits.head(FOUND_SHOWN))
            if len(hits) > FOUND_SHOWN:
                with st.expander(f"The other {len(hits) - FOUND_SHOWN:,} matches"):
                    _matches(view, hits.iloc[FOUND_SHOWN:SENTENCES_SHOWN])
                    if len(hits) > SENTENCES_SHOWN:
                        st.caption(f"All {len(hits):,} matches, as a table:")
                        table(hits[["outlet", "where", "text"]],
                              labels={"outlet": "Outlet", "where": "Where", "text": "Sentence or headline"})
    if view.hidden_note:
        st.caption(f":material/filter_alt: {literal(view.hidden_note)}")


def _matches(view, rows: pd.DataFrame) -> None:
    for r in rows.itertuples():
        st.markdown(f"{view.markup(r)}  \n:gray[{literal(r.outlet)} · {literal(r.where)}]")


def lines(items, heading: str = "") -> None:
    """Plain sentences from the data as a bulleted list under a bold heading of ours, each shown literally."""
    if items:
        st.markdown((f"**{heading}**\n\n" if heading else "") + "\n".join(f"- {literal(line)}" for line in items))


def in_context(rows: pd.DataFrame) -> None:
    """A few sentences in reading order, the one in question (`focus`) set apart in bold; each
    shown literally, with its outlet and place."""
    if rows.empty:
        return
    with st.container(border=True):
        for r in rows.itertuples():
            text = f"**{literal(r.text)}**" if r.focus else f":gray[{literal(r.text)}]"
            st.markdown(f"{text}  \n:gray[{literal(r.outlet)} · {literal(r.where)}]")


MARKS_LISTED = 1000  # marks a chart's keyboard list offers; past this (a large corpus) its table holds them


def chart(view: Chart, index: pd.DataFrame, *, table_label: str = "Show the numbers as a table", downloads: bool = True,
          caption: str = "") -> None:
    """A chart, its table alternative, and — right under it, where the reader is looking — the
    sentences behind the mark they chose: by a click on the chart, or by keyboard in the select box
    of the chart's marks under it (`marks`: a click chooses the mark there too, so both ways show
    the same sentences, from one place). `caption`: a sentence about the chart, said right under it."""
    with st.container(gap="xsmall"):  # the chart and what belongs to it, a little closer together than the page's parts
        _chart(view, index, table_label, downloads, caption)


def _chart(view: Chart, index: pd.DataFrame, table_label: str, downloads: bool, caption: str) -> None:
    if not view.clickable:
        vega_lite(view.spec, key=view.key, on_select="ignore", alt=view.alt)
        if caption:
            st.markdown(literal(caption))
    else:
        choices = mark_choices(view.evidence, view.headings) if len(view.evidence) <= MARKS_LISTED else {}
        vega_lite(view.spec, key=view.key, on_select=_mark_clicked(view, choices) if choices else "rerun", alt=view.alt)
        if caption:
            st.markdown(literal(caption))
        key = marks(view, choices)
        if key is not None:
            ids = view.evidence.get(key, ())
            heading = view.headings.get(key, "The sentences behind the mark")
            if ids:
                sentences(sentences_for(index, ids), heading)
            else:
                st.info(f"{literal(heading)}: no sentence in this selection stands behind this mark.", icon=":material/info:")
    if view.table is not None and not view.table.empty:
        table_alternative(view.table, table_label, chart=view if downloads else None)
    elif downloads:  # (a page may offer them elsewhere: downloads=False, then chart_downloads where it fits)
        with st.expander("Save this chart as an image"):
            chart_downloads(view)


def marks_key(view: Chart) -> str:
    """The session key of a chart's list of marks (its select box)."""
    return f"{view.key}__mark"


def _mark_clicked(view: Chart, choices: dict[str, tuple[str, ...]]):
    """The chart's `on_select` callback: the clicked mark becomes the chosen one in the chart's list
    of marks (a click on no mark clears it), so a click and the keyboard choose the same way."""
    label_of = {key: label for label, key in choices.items()}

    def callback() -> None:
        rows = picked(st.session_state.get(view.key), view.selection)[:1]
        st.session_state[marks_key(view)] = label_of.get(evidence_key(rows[0], view.fields)) if rows else None

    return callback


def marks(view: Chart, choices: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The chart's marks in a select box under it — a widget reached with Tab, opened with the
    arrow keys or Enter, searched by typing — and the key of the one chosen (by it or by a click)."""
    if not choices:  # too many to list (or none): the click alone chooses
        if view.evidence:
            st.caption(f"{len(view.evidence):,} marks: too many to list here; the table below holds what they show.")
        rows = picked(st.session_state.get(view.key), view.selection)[:1]
        return evidence_key(rows[0], view.fields) if rows else None
    # the label is read out (the input's aria-label) but not drawn: the placeholder says the same, in one line less
    label = st.selectbox("Read the sentences behind a mark", list(choices), index=None, key=marks_key(view),
                         placeholder="Choose a mark to read its sentences",
                         label_visibility="collapsed")
    return choices.get(label) if label is not None else None


def chart_downloads(view: Chart) -> None:
    """The chart as PNG and SVG files, made only when a reader clicks (vl-convert takes a few
    hundred milliseconds a chart: no page pays it for readers who do not ask)."""
    from storyframes.present import export

    row = st.container(horizontal=True)
    for kind in ("png", "svg"):
        row.download_button(f"Chart as {kind.upper()}", data=lambda kind=kind: export.chart_image(view.spec, kind),
                            file_name=f"{view.key}.{kind}", mime="image/png" if kind == "png" else "image/svg+xml",
                            key=f"{view.key}_{kind}", icon=":material/image:", on_click="ignore")


def vega_lite(spec: dict, **kwargs):
    """Draw a Vega-Lite spec; in projector mode a copy with larger text and thicker marks (the
    view's spec is shared and never changed). Every chart of the app is drawn through here."""
    spec = arrow_datasets(spec)
    shown = projector.spec(spec) if st.session_state.get(projector.SESSION_KEY) else spec
    return st.vega_lite_chart(shown, **kwargs)


# What a page draws on every run is, for most runs, the very objects of a cached view
# (storyframes.app.package caches views per filter; they are shared read-only). What Streamlit or
# this module derives from them is kept beside them by identity: the newest KEPT_DERIVED, each
# holding its source object so that a new object at a reused address is never taken for it.
# A table's layout is kept for every table: measuring its cells' lengths with pandas was a third of
# the home page's server time with 30 readers at once (py-spy: render.table 34% of the samples,
# st.dataframe itself 5%). A chart's datasets are kept only from DERIVE_ONCE_ROWS rows on: below
# that, Streamlit's own conversion is cheap.
DERIVE_ONCE_ROWS = 1000
KEPT_DERIVED = 256
_derived: OrderedDict[tuple, tuple[object, object]] = OrderedDict()
_derived_lock = threading.Lock()


def derived_once(source: object, what: tuple, make):
    """`make()`, computed once per (`source` object, `what`) while it is among the newest kept."""
    key = (id(source), *what)
    with _derived_lock:
        kept = _derived.get(key)
        if kept is not None and kept[0] is source:
            _derived.move_to_end(key)
            return kept[1]
    value = make()
    with _derived_lock:
        _derived[key] = (source, value)
        while len(_derived) > KEPT_DERIVED:
            _derived.popitem(last=False)
    return value


def arrow_datasets(spec: Mapping) -> Mapping:
    """`spec` with each large tabular dataset as the Arrow IPC bytes Streamlit would make of it
    (with its own function), made once per spec object; a new top-level dict, nothing of `spec`
    changed. Streamlit otherwise turns each dataset (a list of rows) into a DataFrame and then Arrow
    on every run that draws the chart: on a 3,000-article corpus the tone chart's 56,000 rows cost
    about 250 ms a run. It takes bytes as they are. GeoJSON/TopoJSON datasets (objects, not lists
    of rows) and small datasets stay as they are."""
    datasets = spec.get("datasets")
    big = lambda rows: isinstance(rows, list) and len(rows) >= DERIVE_ONCE_ROWS  # noqa: E731
    if not isinstance(datasets, Mapping) or not any(big(rows) for rows in datasets.values()):
        return spec

    def make() -> dict:
        from streamlit import dataframe_util

        return {**spec, "datasets": {name: dataframe_util.convert_anything_to_arrow_bytes(rows) if big(rows) else rows
                                     for name, rows in datasets.items()}}

    return derived_once(spec, ("arrow",), make)


def table_alternative(frame: pd.DataFrame, label: str = "Show the numbers as a table", *, chart: Chart | None = None) -> None:
    """Every chart has a data-table alternative, for screen readers and for checking (and, under
    it, the chart as an image to save)."""
    with st.expander(label):
        table(frame)
        if chart is not None:
            chart_downloads(chart)


TABLE_WIDTH = 780  # px: the main column at 1280x720 with the sidebar open; columns are fitted into it
CHAR_WIDTH = 7.4  # px per character of the table font, on average (measured on our longest cells)
LINE_HEIGHT, CELL_PADDING, MAX_LINES, MIN_TEXT_WIDTH = 21, 14, 4, 80
HEADER_HEIGHT, MAX_TABLE_HEIGHT, ONE_LINE_ROW, WRAP_MIN_ROW = 38, 560, 35, 70


def column_widths(frame: pd.DataFrame, fixed: dict[str, int] | None = None, total: int = TABLE_WIDTH,
                  labels: dict[str, str] | None = None) -> dict[str, int]:
    """Pixel widths that fit the table into `total`: numbers and short codes get what they need,
    long text shares the rest in proportion to its mean length. A column is at least as wide as
    its header (its label, if renamed for the reader), so no header is cut off."""
    fixed = dict(fixed or {})
    labels = labels or {}
    need, floor = {}, {}
    for col in frame.columns:
        if col in fixed:
            continue
        text = frame[col].astype(str)
        header = len(str(labels.get(col, col))) + 2  # the header's font is bolder than the cells'
        longest = max([header, *text.str.len().tolist()]) if len(text) else header
        typical = float(text.str.len().mean()) if len(text) else 0.0  # the mean: a column of long cells gets room
        need[col] = (longest, max(typical, header))
        floor[col] = max(MIN_TEXT_WIDTH, int(header * CHAR_WIDTH) + CELL_PADDING)  # the header whole
    short = {c: int(longest * CHAR_WIDTH) + CELL_PADDING + 6 for c, (longest, _) in need.items() if longest * CHAR_WIDTH + CELL_PADDING + 6 <= 150}
    rest = {c: typical for c, (_, typical) in need.items() if c not in short}
    left = total - sum(fixed.values()) - sum(short.values())
    weight = sum(rest.values()) or 1.0
    widths = {**fixed, **short, **{c: max(floor[c], int(left * t / weight)) for c, t in rest.items()}}
    over = sum(widths.values()) - total
    if over > 0 and rest:  # the minimums pushed past the width: take it back from the widest text columns
        for c in sorted(rest, key=lambda c: -widths[c]):
            give = max(0, min(over, widths[c] - floor[c]))
            widths[c] -= give
            over -= give
    return {c: widths[c] for c in frame.columns}


def row_height(frame: pd.DataFrame, widths: dict[str, int]) -> int:
    """A row tall enough for the longest cell to wrap onto its lines (up to MAX_LINES)."""
    lines = 1
    for col, width in widths.items():
        if col in frame.columns and len(frame):
            longest = frame[col].astype(str).str.len().max()
            longest = 0 if pd.isna(longest) else int(longest)  # a column of missing values only (pandas' str dtype keeps them missing)
            lines = max(lines, -(-int(longest * CHAR_WIDTH) // max(1, width - CELL_PADDING)))
    if lines == 1:
        return ONE_LINE_ROW
    # Streamlit wraps cell text only in rows taller than 4rem (68 px at our 17 px base font).
    return max(WRAP_MIN_ROW, CELL_PADDING + LINE_HEIGHT * min(lines, MAX_LINES))


def table(frame: pd.DataFrame, *, widths: dict[str, int] | None = None, links: dict[str, str] | None = None, labels: dict[str, str] | None = None) -> None:
    """A table whose cells show text literally (st.dataframe never renders Markdown), fitted to
    the main column with long text wrapped in taller rows; a cell still too long opens in full
    when clicked. `links` turns URL columns into links with the given display text, `labels`
    renames columns for the reader."""
    links, labels = links or {}, labels or {}
    what = ("table", *(tuple(sorted(d.items())) for d in (widths or {}, links, labels)))
    frame, fitted, row = derived_once(frame, what, lambda: _table_layout(frame, widths, links, labels))  # once per frame object
    config = {}
    for col, width in fitted.items():
        label = labels.get(col, col)
        if col in links:
            config[col] = st.column_config.LinkColumn(label, width=width, display_text=links[col])
        else:
            config[col] = st.column_config.Column(label, width=width)
    # Tall enough for the rows (the grid scrolls past MAX_TABLE_HEIGHT), so wrapped rows are not cut to two.
    height = min(HEADER_HEIGHT + row * len(frame) + 2, max(MAX_TABLE_HEIGHT, HEADER_HEIGHT + 2 * row + 2))
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, row_height=row, height=height)


def _table_layout(frame: pd.DataFrame, widths: dict[str, int] | None, links: dict[str, str], labels: dict[str, str]):
    """The frame as shown (link columns checked), its column widths and its row height."""
    fitted = column_widths(frame, {c: 70 for c in links} | (widths or {}), labels=labels)
    # A link column opens only the addresses `link_address` accepts (as it encodes them); any other
    # value is left blank rather than offered as a link.
    shown = frame.assign(**{col: frame[col].map(lambda v: link_address(v) or "") for col in links}) if links else frame
    return shown, fitted, row_height(shown.drop(columns=list(links)), fitted)


def card_row(key: str, n: int, *, border: bool = True) -> list:
    """`n` cards (or columns) side by side that wrap onto more rows on a narrow screen (see the
    card-row rule in page.py's style) rather than squeezing their words."""
    row = st.container(horizontal=True, gap="small", key=f"cards_{key}")
    return [row.container(border=border, height="stretch") for _ in range(n)]


def scope(note: str) -> None:
    """The one line a section says when a filter does not apply to it."""
    if note:
        st.caption(f":material/filter_alt_off: {literal(note)}")


def empty_state(what: str) -> None:
    """A helpful message where a filter leaves nothing to show."""
    st.info(f"Nothing to show: {literal(what)}. Choose at least one in the sidebar, or use **Reset filters**.",
            icon=":material/filter_alt_off:")


def discussion(prompts: tuple[str, ...], *, handout=None, handout_name: str = "handout.html") -> None:
    """A page's discussion prompts for a class, in one short expander, each shown literally; and,
    where the page offers one, its printable handout (`handout`: a callable making the HTML,
    called only when a teacher clicks)."""
    if prompts or handout is not None:
        with st.expander("For discussion in class", icon=":material/forum:"):
            if prompts:
                st.markdown("\n".join(f"{i}. {literal(p)}" for i, p in enumerate(prompts, 1)))
            if handout is not None:
                st.download_button("Handout of this view (HTML: prints on one or two pages)", data=handout, file_name=handout_name,
                                   mime="text/html", icon=":material/print:", key="handout", on_click="ignore")


def footer() -> None:
    st.divider()
    st.caption(
        "Data: short extracts in `data/` (see Sources & method). The articles are © their publishers. We keep short "
        "extracts, one sentence at a time, to teach and to comment. Map shapes: us-atlas 3.0.1, "
        "ISC licence, from U.S. Census Bureau boundaries."
    )
