"""The Streamlit glue every page shares: page config, cached data, sidebar filters, footer.

Pages call `setup_page()` first. It is the only place that touches the data loader and the
address, so every page behaves the same way when the data is broken or the link is odd.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from storyframes import filters as flt
from storyframes.data import DataPackageError, StoryData, load_package

APP_TITLE = "Same Story, Different Frames"
_SESSION_KEY = "story_filters"
_WIDGET_KEYS = {flt.OUTLET_PARAM: "outlet_filter", flt.PRINCIPLE_PARAM: "principle_filter"}
# Our own navigation (the automatic one would call the home page "dashboard").
NAV = (
    ("dashboard.py", "Home", ":material/newspaper:"),
    ("pages/1_Principles.py", "Principles", ":material/gavel:"),
    ("pages/2_Members_and_cities.py", "Members & cities", ":material/map:"),
    ("pages/3_Compare_outlets.py", "Compare outlets", ":material/compare:"),
    ("pages/4_Framing_analysis.py", "Framing analysis", ":material/text_compare:"),
    ("pages/5_Sources_and_method.py", "Sources & method", ":material/menu_book:"),
)


# Our own static CSS (no article or user text ever goes here): less empty space above the title
# on a 720-pixel-high projector, and room at line ends for the padding of highlighted words.
_STYLE = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
[data-testid="stMarkdownContainer"] p { padding-right: 0.4rem; }
</style>
"""


@dataclass(frozen=True)
class PageContext:
    data: StoryData
    filters: flt.Filters
    default: flt.Filters

    @property
    def outlet_names(self) -> dict[str, str]:
        """Outlet id → display name, for captions and labels."""
        return dict(zip(self.data.outlets["outlet_id"], self.data.outlets["outlet"]))


@st.cache_data(show_spinner="Loading the data package…")
def cached_package() -> StoryData:
    """Load and validate `data/` once per process (st.cache_data hands each run a copy)."""
    return load_package()


def _options(data: StoryData) -> tuple[list[str], list[str]]:
    outlets = data.outlets.sort_values("has_full_text", ascending=False, kind="stable")["outlet_id"].tolist()
    principles = data.principles["principle_id"].tolist() + [flt.NO_PRINCIPLE]
    return outlets, principles


def default_filters(data: StoryData) -> flt.Filters:
    outlets, principles = _options(data)
    return flt.Filters(tuple(outlets), tuple(principles))


def _labels(data: StoryData) -> dict[str, str]:
    labels = dict(zip(data.outlets["outlet_id"], data.outlets["short_name"]))
    labels.update({pid: f"{pid} {lab}" for pid, lab in zip(data.principles["principle_id"], data.principles["short_label"])})
    labels[flt.NO_PRINCIPLE] = "No principle"
    return labels


def _write_address(chosen: flt.Filters, default: flt.Filters) -> None:
    wanted = flt.to_address(chosen, default)
    for param in (flt.OUTLET_PARAM, flt.PRINCIPLE_PARAM):
        current = st.query_params.get_all(param)
        if param in wanted:
            if current != wanted[param]:
                st.query_params[param] = wanted[param]
        elif param in st.query_params:
            del st.query_params[param]


def _commit(default: flt.Filters) -> None:
    """Widget callback: the widgets' values become the session's choice and the address."""
    chosen = flt.Filters(
        tuple(st.session_state[_WIDGET_KEYS[flt.OUTLET_PARAM]]),
        tuple(st.session_state[_WIDGET_KEYS[flt.PRINCIPLE_PARAM]]),
    )
    st.session_state[_SESSION_KEY] = chosen
    _write_address(chosen, default)


def _reset(default: flt.Filters) -> None:
    st.session_state[_SESSION_KEY] = default
    _write_address(default, default)


def _full_texts_only(default: flt.Filters, full_text_ids: tuple[str, ...]) -> None:
    current = st.session_state.get(_SESSION_KEY, default)
    chosen = flt.Filters(full_text_ids, current.principles)
    st.session_state[_SESSION_KEY] = chosen
    _write_address(chosen, default)


def sidebar_filters(data: StoryData) -> tuple[flt.Filters, flt.Filters]:
    """Draw the outlet and principle filters; return (choice, default)."""
    outlet_ids, principle_ids = _options(data)
    default = default_filters(data)
    raw = {p: st.query_params.get_all(p) for p in (flt.OUTLET_PARAM, flt.PRINCIPLE_PARAM)}
    parsed = flt.parse_address(raw, outlet_ids, principle_ids)
    chosen = flt.resolve(st.session_state.get(_SESSION_KEY), parsed, default)
    st.session_state[_SESSION_KEY] = chosen
    _write_address(chosen, default)
    for notice in parsed.notices:
        st.warning(notice, icon=":material/link_off:")
    # Widgets are re-seeded from the session's choice on every page (their own state is dropped
    # on a page switch); their callbacks write changes back before the next run.
    st.session_state[_WIDGET_KEYS[flt.OUTLET_PARAM]] = list(chosen.outlets)
    st.session_state[_WIDGET_KEYS[flt.PRINCIPLE_PARAM]] = list(chosen.principles)
    labels = _labels(data)
    full_texts = tuple(data.outlets[data.outlets["has_full_text"]]["outlet_id"])
    with st.sidebar:
        st.markdown("### Filters")
        # Pills, not a multiselect: with 22 outlets every choice stays visible, on or off at a
        # glance, and each is a large target on a projector.
        st.pills(
            "Outlets",
            outlet_ids,
            selection_mode="multi",
            format_func=labels.get,
            key=_WIDGET_KEYS[flt.OUTLET_PARAM],
            on_change=_commit,
            args=(default,),
            help="Dabs, Gawker and CBS/TCR have full text, coded sentence by sentence; the others are compared by headline.",
        )
        left, right = st.columns(2)
        left.button("Full texts only", on_click=_full_texts_only, args=(default, full_texts), width="stretch")
        right.button("Reset filters", on_click=_reset, args=(default,), width="stretch")
        st.pills(
            "Principles",
            principle_ids,
            selection_mode="multi",
            format_func=labels.get,
            key=_WIDGET_KEYS[flt.PRINCIPLE_PARAM],
            on_change=_commit,
            args=(default,),
            help="A sentence is shown when it refers to a chosen principle; 'No principle' keeps the sentences that refer to none.",
        )
        st.caption("The filters live in the page's address: copy it to share exactly this view.")
    return chosen, default


def show_data_error(error: DataPackageError) -> None:
    st.error(
        f"**The data package could not be loaded.** {error.detail}\n\n"
        f"File: `data/{error.file}`"
        + (f", line {error.line}" if error.line is not None else "")
        + (f", column `{error.column}`" if error.column else "")
        + ".\n\nRun `python -m pytest tests/unit/test_data_package.py` to see every check, and see `data/README.md`.",
        icon=":material/error:",
    )


def setup_page(title: str, icon: str) -> PageContext:
    """Page config, data and filters; stops the page with a readable message if the data is broken."""
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=icon, layout="wide")
    st.html(_STYLE)
    try:
        data = cached_package()
    except DataPackageError as error:
        st.title(title)
        show_data_error(error)
        st.stop()
    with st.sidebar:
        for path, label, nav_icon in NAV:
            st.page_link(path, label=label, icon=nav_icon)
        st.divider()
    chosen, default = sidebar_filters(data)
    return PageContext(data=data, filters=chosen, default=default)


def empty_state(what: str) -> None:
    """A helpful message where a filter leaves nothing to show."""
    st.info(
        f"Nothing to show: {what}. Choose at least one in the sidebar, or use **Reset filters**.",
        icon=":material/filter_alt_off:",
    )


def table_alternative(frame: pd.DataFrame, label: str = "Show the numbers as a table") -> None:
    """Every chart has a data-table alternative for screen readers and for checking."""
    with st.expander(label):
        st.dataframe(frame, hide_index=True, width="stretch")


def footer(data: StoryData) -> None:
    st.divider()
    st.caption(
        "Data: curated extracts in `data/` (see Sources & method). Articles are © their publishers and "
        "kept as short sentence-level extracts for teaching and commentary. Map shapes: us-atlas 3.0.1, "
        "ISC licence, from U.S. Census Bureau boundaries."
    )
