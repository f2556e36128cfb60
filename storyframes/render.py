"""Drawing a View's pieces with Streamlit: the one sentence renderer, charts with the sentences
behind their marks, literal text, tables, notes and empty states. Pages call these; nothing here
computes a number."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from storyframes.evidence import evidence_key, picked, sentences_for
from storyframes.text import escape_markdown
from storyframes.views import Chart


def literal(text: str) -> str:
    """Markdown that shows `text` exactly as written: no emphasis, links, HTML, maths or icons."""
    return escape_markdown(str(text))


def sentences(rows: pd.DataFrame, heading: str = "", *, border: bool = True) -> None:
    """Verbatim sentences, each with its outlet and place ('¶3 · sentence 8 of 16')."""
    if rows.empty:
        return
    with st.container(border=border):
        if heading:
            st.markdown(f"**{literal(heading)}** ({len(rows)} sentence{'s' if len(rows) != 1 else ''})")
        for r in rows.itertuples():
            st.markdown(f"{literal(r.text)}  \n:gray[{literal(r.outlet)} · {literal(r.where)}]")


def chart(view: Chart, index: pd.DataFrame, *, table_label: str = "Show the numbers as a table") -> None:
    """A chart, its table alternative, and — right under it, where the reader is looking — the
    sentences behind the mark they clicked."""
    st.vega_lite_chart(view.spec, key=view.key, on_select="rerun" if view.clickable else "ignore", alt=view.alt)
    if view.clickable:
        for row in picked(st.session_state.get(view.key), view.selection)[:1]:
            key = evidence_key(row, view.fields)
            ids = view.evidence.get(key, ())
            heading = view.headings.get(key, "The sentences behind the mark")
            if ids:
                sentences(sentences_for(index, ids), heading)
            else:
                st.info(f"{literal(heading)}: no sentence in this selection stands behind this mark.", icon=":material/info:")
    if view.table is not None and not view.table.empty:
        table_alternative(view.table, table_label)


def table_alternative(frame: pd.DataFrame, label: str = "Show the numbers as a table") -> None:
    """Every chart has a data-table alternative, for screen readers and for checking."""
    with st.expander(label):
        table(frame)


def table(frame: pd.DataFrame, **column_config) -> None:
    """A table whose cells show text literally (st.dataframe never renders Markdown); long text
    wraps within a taller row, and every cell opens in full when clicked."""
    st.dataframe(frame, hide_index=True, width="stretch", column_config=column_config or None)


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


def footer() -> None:
    st.divider()
    st.caption(
        "Data: curated extracts in `data/` (see Sources & method). Articles are © their publishers and "
        "kept as short sentence-level extracts for teaching and commentary. Map shapes: us-atlas 3.0.1, "
        "ISC licence, from U.S. Census Bureau boundaries."
    )
