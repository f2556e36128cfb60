"""The sidebar every page shares: the page links, the outlet and principle filters, and
projector mode. The filters and projector mode are widget-held (the pills and the toggle hold
the choice) and written to the address through `storyframes.app.address` on every run.

Each filter has multi-select pills (a tap adds or removes one), an "Only" row of single-select
pills above them (a tap narrows the filter to that one; the outlets' rows are split into full
texts and headlines, as `vocab.full_text_ids` says) and buttons for all, none, the full texts and
the headlines. The "Only" pills and the buttons act through callbacks that set the filter pills,
as a link does; a tap on a filter pill is the browser's own and is never assigned back.
"""

from __future__ import annotations

import streamlit as st

from storyframes.app import address, site
from storyframes.app.render import literal, literal_options
from storyframes.core import filters as flt, palette
from storyframes.core.data import StoryData
from storyframes.core.vocab import NO_PRINCIPLE
from storyframes.present import projector

_PAGE_KEY = "story_filters_page"  # the page whose pills the session drew last: tells a page switch
OUTLET_WIDGET, PRINCIPLE_WIDGET = "outlet_filter", "principle_filter"
_WIDGET_KEYS = {flt.OUTLET_PARAM: OUTLET_WIDGET, flt.PRINCIPLE_PARAM: PRINCIPLE_WIDGET}


def arrived(page: site.Page) -> bool:
    """True on the session's first run of `page` since another page (or ever): read before the
    filters record the page."""
    return st.session_state.get(_PAGE_KEY) != page.key


def last_page() -> str | None:
    """The page whose filters the session drew last (read before this page's are drawn)."""
    return st.session_state.get(_PAGE_KEY)


def navigation(here: site.Page) -> None:
    """The sidebar's page links from the page registry: the story's pages, then the classroom group
    (open by itself on a classroom page, so the reader always sees where they are)."""
    for p in site.PAGES:
        if p.group == site.STORY:
            st.page_link(p.file, label=p.title, icon=p.icon)
    with st.expander(site.CLASSROOM_GROUP, icon=":material/school:", expanded=here.group == site.CLASSROOM):
        for p in site.PAGES:
            if p.group == site.CLASSROOM:
                st.page_link(p.file, label=p.title, icon=p.icon)
    st.divider()



def default_filters(data: StoryData) -> flt.Filters:
    from storyframes.views.common import default_filters as everything

    return everything(data.vocab)


def _write_address(chosen: flt.Filters, default: flt.Filters) -> None:
    wanted = flt.to_address(chosen, default)
    address.write({param: wanted.get(param) for param in (flt.OUTLET_PARAM, flt.PRINCIPLE_PARAM)})



def _widget_choice(outlet_ids, principle_ids) -> flt.Filters | None:
    """The pills' values as a choice in the dashboard's order, or None before they exist."""
    keys = _WIDGET_KEYS[flt.OUTLET_PARAM], _WIDGET_KEYS[flt.PRINCIPLE_PARAM]
    if not all(k in st.session_state for k in keys):
        return None
    outlets, principles = (set(st.session_state[k] or ()) for k in keys)
    return flt.Filters(tuple(o for o in outlet_ids if o in outlets), tuple(p for p in principle_ids if p in principles))


def _seed(choice: flt.Filters, current: flt.Filters | None) -> None:
    """Set the pills to a choice made outside them (a link, Back/Forward, a filter button), or to
    the session's choice on a page's new pills (`current=None`: assign both). Otherwise only a
    pill whose value truly changes is assigned: an assigned value is sent to the browser and
    overwrites what it holds there, so an equal one would undo clicks made since."""
    for param, wanted in ((flt.OUTLET_PARAM, choice.outlets), (flt.PRINCIPLE_PARAM, choice.principles)):
        had = None if current is None else (current.outlets if param == flt.OUTLET_PARAM else current.principles)
        if had != wanted:
            st.session_state[_WIDGET_KEYS[param]] = list(wanted)


def _reset(default: flt.Filters, outlet_ids, principle_ids) -> None:
    _seed(default, _widget_choice(outlet_ids, principle_ids))


def _choose(param: str, values, outlet_ids, principle_ids) -> None:
    """A filter button's callback: one filter set to `values` (all, none, the full texts, the
    headlines), the other left as it is."""
    current = _widget_choice(outlet_ids, principle_ids)
    if current is not None:
        _seed(_with(current, param, tuple(values)), current)


def _only(param: str, only_key: str, outlet_ids, principle_ids) -> None:
    """An "Only" pill's callback: its filter narrowed to the one value tapped, in one tap; the
    "Only" pill itself is cleared (it is an action, not a state)."""
    value = st.session_state.get(only_key)
    st.session_state[only_key] = None
    current = _widget_choice(outlet_ids, principle_ids)
    if value is not None and current is not None:
        _seed(_with(current, param, (value,)), current)


def _with(current: flt.Filters, param: str, values: tuple[str, ...]) -> flt.Filters:
    return flt.Filters(values, current.principles) if param == flt.OUTLET_PARAM else flt.Filters(current.outlets, values)


# The "Only" rows' keys: one for the principles, two for the outlets (full texts, headlines only).
ONLY_PRINCIPLE, ONLY_FULL_TEXT, ONLY_HEADLINE = "only_principle", "only_full_text", "only_headline"

# Our own static CSS for the filter pills (no data in it): a chosen pill is filled with the accent
# and starts with a check mark, an unchosen one is white with a grey outline and no mark, so the
# two differ by shape and text as well as by colour (7.4:1 between their fills, measured in
# Chromium: tests/browser/test_filters.py). The "Only" pills are small actions with a dashed outline.
FILTER_STYLE = """
<style>
.st-key-outlet_filter button[aria-pressed="true"], .st-key-principle_filter button[aria-pressed="true"] {
  background-color: FILTER_ON !important; border-color: FILTER_ON !important; color: FILTER_ON_TEXT !important; }
.st-key-outlet_filter button[aria-pressed="true"] p, .st-key-principle_filter button[aria-pressed="true"] p { color: FILTER_ON_TEXT !important; }
.st-key-outlet_filter button[aria-pressed="true"]::before, .st-key-principle_filter button[aria-pressed="true"]::before {
  content: "\\2713"; font-weight: 700; margin-right: 0.35em; color: FILTER_ON_TEXT !important; }
.st-key-outlet_filter button[aria-pressed="false"], .st-key-principle_filter button[aria-pressed="false"] {
  background-color: FILTER_OFF !important; border-color: FILTER_OFF_BORDER !important; color: FILTER_OFF_TEXT !important; }
.st-key-outlet_filter button[aria-pressed="false"] p, .st-key-principle_filter button[aria-pressed="false"] p { color: FILTER_OFF_TEXT !important; }
[class*="st-key-only_"] button[data-variant="pills"] { min-height: 1.9rem; padding: 0 0.5rem; border: 1px dashed FILTER_OFF_BORDER !important; }
[class*="st-key-only_"] button[data-variant="pills"] p { font-size: 0.85rem; }
[class*="st-key-filter_tools"] button { min-height: 1.9rem; padding: 0.1rem 0.6rem; }
[class*="st-key-filter_tools"] button p { font-size: 0.85rem; }
</style>
""".replace("FILTER_ON_TEXT", palette.FILTER_ON_TEXT).replace("FILTER_OFF_TEXT", palette.FILTER_OFF_TEXT) \
   .replace("FILTER_OFF_BORDER", palette.FILTER_OFF_BORDER).replace("FILTER_ON", palette.FILTER_ON).replace("FILTER_OFF", palette.FILTER_OFF)


def _only_row(label: str, options, param: str, key: str, ids, short, help: str) -> None:
    st.pills(label, options, selection_mode="single", format_func=literal_options(short), key=key,
             on_change=_only, args=(param, key, *ids), help=help)


def _tools(key: str, buttons, ids) -> None:
    """A row of small filter buttons: (label, param, values)."""
    with st.container(horizontal=True, gap="small", key=key):
        for i, (label, param, values) in enumerate(buttons):
            st.button(label, key=f"{key}_{i}", on_click=_choose, args=(param, values, *ids))


def filters(data: StoryData, page: site.Page) -> tuple[flt.Filters, flt.Filters]:
    """Draw the outlet and principle filters on `page`; return (choice, default).

    One writer: the pills hold the choice, and the address is written from them on every run.
    The app sets the pills only where the reader chose outside them: the first run of a session
    (a shared link, a reload: the address, else the default), Back/Forward (what the address
    names), a filter button, and a page switch. Streamlit puts the page in a widget's identity,
    so each page has its own pills: `persist_state="session"` keeps their value under the key
    across the switch, and the new page's pills are set to it (or to what a link names) once.

    Never on an ordinary run: an assigned value is sent to the browser and overwrites what it
    holds, so on a slow page it undid clicks made meanwhile (rapid clicks ended in a state the
    reader never chose). Nor is an address arriving with an ordinary rerun read back: the
    browser sends the address it shows, which lags behind the pills while a run is writing it."""
    vocab = data.vocab
    outlet_ids, principle_ids = list(vocab.outlet_ids), [*vocab.principle_ids, NO_PRINCIPLE]
    default = default_filters(data)
    current = _widget_choice(outlet_ids, principle_ids)
    arrived = st.session_state.get(_PAGE_KEY) != page.key  # also true on a session's first run
    if current is None or arrived or address.history_navigation():
        raw = {p: address.asked(p) for p in (flt.OUTLET_PARAM, flt.PRINCIPLE_PARAM)}
        parsed = flt.parse_address(raw, outlet_ids, principle_ids)
        _seed(flt.resolve(current, parsed, default), None if arrived else current)
        for notice in parsed.notices:
            address.notice(notice)
    full_texts = tuple(o for o in outlet_ids if o in vocab.full_text_ids)
    headlines = tuple(o for o in outlet_ids if o not in vocab.full_text_ids)
    ids = (outlet_ids, principle_ids)
    P, O = flt.PRINCIPLE_PARAM, flt.OUTLET_PARAM

    def short(value: str) -> str:  # the "Only" pills: 'P4', 'No principle', an outlet's short name
        return vocab.filter_label(value) if value == NO_PRINCIPLE or value in vocab.outlet_short else value

    with st.sidebar:
        st.markdown("### Filters")
        st.button("Reset filters", on_click=_reset, args=(default, *ids), width="stretch")
        # Pills, not a multiselect: every choice stays visible, on (filled, with a check mark) or
        # off at a glance, and each is a large target on a projector. A tap adds or removes one;
        # the "Only" pills (dashed) narrow a filter to one value in one tap, and sit just above the
        # pills they set, so the teacher's "P4 only, Gawker and CBS" is three taps close together.
        # Principles first: five short pills, so both filters start above the fold at 1280x720.
        _only_row("Only one principle", principle_ids, P, ONLY_PRINCIPLE, ids, short,
                  "Tap one to show only that principle; then tap the pills below to add others.")
        st.pills("Principles", principle_ids, selection_mode="multi", format_func=literal_options(vocab.filter_label),
                 key=PRINCIPLE_WIDGET, persist_state="session",
                 help="A sentence is shown when it refers to a chosen principle; 'No principle' keeps the sentences that refer to none.")
        _tools("filter_tools_principles", (("All principles", P, principle_ids), ("No principles", P, ())), ids)
        _only_row("Only one full text", full_texts, O, ONLY_FULL_TEXT, ids, short,
                  "Outlets whose whole article is coded sentence by sentence. Tap one to show only that outlet.")
        st.pills("Outlets", outlet_ids, selection_mode="multi", format_func=literal_options(vocab.filter_label),
                 key=OUTLET_WIDGET, persist_state="session",
                 help=literal(", ".join(vocab.short(o) for o in full_texts)) + " have full texts, coded sentence by sentence; the others are compared by headline.")
        _only_row("Only one headline", headlines, O, ONLY_HEADLINE, ids, short,
                  "Outlets compared by their headline only. Tap one to show only that outlet.")
        _tools("filter_tools_outlets", (("All outlets", O, outlet_ids), ("No outlets", O, ()),
                                        ("Full texts only", O, full_texts), ("Headlines only", O, headlines)), ids)
        st.caption("The filters live in the page's address: copy it to share exactly this view.")
    st.session_state[_PAGE_KEY] = page.key  # once this page's pills are drawn
    chosen = _widget_choice(outlet_ids, principle_ids)
    _write_address(chosen, default)
    return chosen, default


_PROJECTOR_PAGE_KEY = "story_projector_page"  # the page whose toggle the session drew last: tells a page switch
PROJECTOR_KEY = "projector_mode"  # the toggle's key


def projector_toggle(page: site.Page) -> bool:
    """The "Projector mode" switch under the filters, kept in the address as `?projector=1` and
    across pages for the session (`projector.SESSION_KEY`, which `render.vega_lite` reads), as
    the filters are: a page's new toggle (Streamlit puts the page in a widget's identity) is set
    from what the address names, else from the session, on the page's first run and on
    Back/Forward; an ordinary run assigns nothing (an assignment would undo a click made since).
    A value in the address other than 1 or 0 gives a notice, and projector mode is off."""
    arrived = st.session_state.get(_PROJECTOR_PAGE_KEY) != page.key or PROJECTOR_KEY not in st.session_state
    if arrived or address.history_navigation():
        asked, notice = projector.parse(address.asked(projector.PARAM))
        if notice:
            address.notice(notice)
        wanted = bool(st.session_state.get(projector.SESSION_KEY, False)) if asked is None else asked
        if arrived or st.session_state.get(PROJECTOR_KEY) != wanted:
            st.session_state[PROJECTOR_KEY] = wanted
        st.session_state[_PROJECTOR_PAGE_KEY] = page.key
    with st.sidebar:
        on = st.toggle("Projector mode", key=PROJECTOR_KEY,
                       help="Larger text and charts with larger labels and thicker marks, to read from the back of a room. "
                            "Kept in the address (projector=1) and on every page.")
    st.session_state[projector.SESSION_KEY] = bool(on)
    address.write({projector.PARAM: [projector.ON] if on else None})
    if on:
        st.html(projector.STYLE)
    return bool(on)
