"""The sidebar every page shares: the page links, the outlet and principle filters, and
projector mode. The filters and projector mode are widget-held (the pills and the toggle hold
the choice) and written to the address through `storyframes.app.address` on every run.
"""

from __future__ import annotations

import streamlit as st

from storyframes.app import address, site
from storyframes.app.render import literal, literal_options
from storyframes.core import filters as flt
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


def _full_texts_only(full_text_ids: tuple[str, ...], outlet_ids, principle_ids) -> None:
    current = _widget_choice(outlet_ids, principle_ids)
    if current is not None:
        _seed(flt.Filters(tuple(full_text_ids), current.principles), current)


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
    full_texts = vocab.full_text_ids
    pills = (  # principles first: five short pills, so both filters start above the fold at 1280x720
        ("Principles", principle_ids, flt.PRINCIPLE_PARAM,
         "A sentence is shown when it refers to a chosen principle; 'No principle' keeps the sentences that refer to none."),
        ("Outlets", outlet_ids, flt.OUTLET_PARAM,
         literal(", ".join(vocab.short(o) for o in full_texts)) + " have full texts, coded sentence by sentence; the others are compared by headline."),
    )
    ids = (outlet_ids, principle_ids)
    with st.sidebar:
        st.markdown("### Filters")
        left, right = st.columns(2)
        left.button("Full texts only", on_click=_full_texts_only, args=(full_texts, *ids), width="stretch")
        right.button("Reset filters", on_click=_reset, args=(default, *ids), width="stretch")
        # Pills, not a multiselect: with 22 outlets every choice stays visible, on or off at a
        # glance, and each is a large target on a projector.
        for label, options, param, explanation in pills:
            st.pills(label, options, selection_mode="multi", format_func=literal_options(vocab.filter_label), key=_WIDGET_KEYS[param],
                     persist_state="session", help=explanation)
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
