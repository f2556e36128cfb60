"""The page shell every page starts with: page config, the reader's data (the shared package plus
their added articles), the sidebar, and the page's context (`PageContext`) through which a page
asks for its View and its own choices. A broken data package stops every page with one message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from storyframes.app import added_articles, address, package, params, share, sidebar, site
from storyframes.analysis.search import clean_query
from storyframes.app.render import literal
from storyframes.classroom import lesson
from storyframes.core import filters as flt
from storyframes.core import palette
from storyframes.core.data import DataPackageError, StoryData
from storyframes.core.vocab import Vocabulary

T = TypeVar("T")

APP_TITLE = "Same Story, Different Frames"
ICON = Path(__file__).resolve().parent / "assets" / "icon.png"
_DISPUTES_WANTED_KEY = "story_show_disputes"  # the reader's last choice of the disputes toggle, on any page
_DISPUTES_PAGE_KEY = "story_disputes_page"  # the page whose toggle the session drew last: tells a page switch
DISPUTES_KEY = "show_disputes"
SECTION_KEY = "framing_section"  # the section chooser's widget key
FIND_KEY = "find_words"  # the search box's widget key (Home and Framing analysis)



# Our own static CSS (no article or user text ever goes here): less empty space above the title
# on a 720-pixel-high projector, and room at line ends for the padding of highlighted words.
_STYLE = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
[data-testid="stMarkdownContainer"] p { padding-right: 0.4rem; }
/* Card rows (render.card_row): each card at least 13rem wide (10.5rem in a "narrow" row), so on
   a narrow screen they wrap to the next line instead of squeezing words until they break mid-word. */
[class*="st-key-cards"] > [data-testid="stLayoutWrapper"] { flex: 1 1 13rem; min-width: min(13rem, 100%); }
[class*="st-key-cards_narrow"] > [data-testid="stLayoutWrapper"] { flex: 1 1 10.5rem; min-width: min(10.5rem, 100%); }
h1, h2, h3, h4, h5 { overflow-wrap: normal; word-break: normal; hyphens: manual; }
/* A button's label (a file name such as "autocode_accuracy.csv · 10 rows" in the download grid)
   wraps inside the button, at a space or, for one long name, anywhere, instead of running past it. */
[data-testid="stDownloadButton"] [data-testid="stMarkdownContainer"] p { white-space: normal; overflow-wrap: anywhere; }
/* On a phone a chart fits the screen (charts.by_width: smaller titles, shorter labels); where two
   legends side by side are still wider, the chart scrolls sideways inside its own frame, never the page. */
@media (max-width: 520px) {
  [data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"]) { overflow-x: auto; }
}
/* The search's matches (render.found): a yellow strong enough to find at a glance, and no side
   padding, which would show as a space that is not in the sentence ("Police ,"). */
.st-key-found_matches .stMarkdownColoredBackground { background-color: SEARCH_MATCH !important; padding: 0.1em 0 !important; }
/* Share this view's address: large enough to type from the back of the room (a phone keeps its size). */
@media (min-width: 640px) { .st-key-share_link code { font-size: 1.2rem; } }
</style>
""".replace("SEARCH_MATCH", palette.SEARCH_MATCH)


def pick_from_chart(chart_key: str, selection: str, field: str, widget_key: str):
    """A chart's `on_select` callback that puts the clicked mark's `field` (of its selection
    `selection`) into the widget
    `widget_key` (a click on the map chooses the place in the place list, and so in the address)."""
    from storyframes.analysis.evidence import picked

    def callback() -> None:
        clicked = picked(st.session_state.get(chart_key), selection)
        if clicked and clicked[0].get(field) is not None:
            st.session_state[widget_key] = clicked[0][field]

    return callback


def _remember_disputes() -> None:
    st.session_state[_DISPUTES_WANTED_KEY] = bool(st.session_state.get(DISPUTES_KEY))


@dataclass(frozen=True)
class PageContext:
    data: StoryData
    filters: flt.Filters
    default: flt.Filters
    page: site.Page
    arrived: bool = False  # this run is the session's first on this page since another page (or ever)
    projector: bool = False  # projector mode (larger text and charts) is on

    @property
    def vocab(self) -> Vocabulary:
        return self.data.vocab

    @property
    def address_is_news(self) -> bool:
        """True when the address is the reader's wish on this run: the page's first run since
        another page (a shared link, a reload) or Back/Forward. On other runs the browser may
        still show an address an earlier run of this session wrote."""
        return self.arrived or address.history_navigation()

    # -- the page's View, cached per (data version, filters) -----------------------------------
    def view(self, builder: Callable[[StoryData, flt.Filters], T]) -> T:
        """The page's View for the reader's filters (see `storyframes.app.package.view`)."""
        return package.view(self.data, self.filters, builder)

    def section(self, builder: Callable[[StoryData, flt.Filters, str], T], section: str, *, full_texts_only: bool = False) -> T:
        """One section of a sectioned page's View (see `storyframes.app.package.section`)."""
        return package.section(self.data, self.filters, builder, section, full_texts_only=full_texts_only)

    # -- the page's own choices, kept for the session and named in the address -----------------
    def kept(self, names: Sequence[str], parse: Callable[[dict[str, list[str]], Any], tuple[T, Sequence[str]]],
             encode: Callable[[T], Mapping[str, Sequence[str] | None]]) -> T:
        """A choice of this page's (see `storyframes.app.address.kept`); `names` are parameters the
        registry declares for this page."""
        return address.kept(names, self.address_is_news, parse, encode)

    def address_choice(self, name: str, options: Sequence[str], key: str, *, default: str | None = None, what: str = "") -> None:
        """Set the widget `key` from the address's `?name=` when the address is news (a link, a
        reload, Back/Forward) or the widget holds nothing the page offers; otherwise leave it alone
        (an assignment would undo a click made since). Matched in any letter case; a value the page
        does not offer gets a notice and `default`. Draw the widget with `key`, then `wrote`."""
        held = st.session_state.get(key)
        if self.address_is_news or (held not in options and held != default):
            asked = address.first(name)
            by_fold = {str(o).casefold(): o for o in options}
            wanted = by_fold.get((asked or "").strip().casefold(), default)
            if asked and asked.strip().casefold() not in by_fold:
                instead = f"showing “{wanted}” instead" if wanted is not None else "none is chosen"
                address.notice(f"The address names an unknown {what or name} ({flt.safe_preview(asked)}); {instead}.")
            if held != wanted or key not in st.session_state:
                st.session_state[key] = wanted

    def address_text(self, name: str, key: str) -> int:
        """Set the text box `key` from the address's `?name=` when the address is news (a link, a
        reload, Back/Forward) or the box is new; otherwise leave it alone. The words are cut to the
        parameter's length and stripped of control characters: a box shows them as typed text, and
        what the page does with them (a search) treats them as text, never as a pattern or markup.
        Returns the length limit, for the box's `max_chars`."""
        limit = params.param(name).high
        if self.address_is_news or key not in st.session_state:
            asked = address.first(name) or ""
            st.session_state[key] = "".join(ch for ch in asked if ch.isprintable())[:limit]
        return limit

    def find_box(self) -> str:
        """The box that finds a word or phrase in the articles, at the top of the page, named in the
        address while it holds words (`?find=Michael+Jordan`): a link opens the search, and what
        the reader types is written back. Returns the words, cleaned as the search takes them."""
        limit = self.address_text(params.FIND, FIND_KEY)
        typed = st.text_input("Find words in the articles", max_chars=limit, key=FIND_KEY, icon=":material/search:",
                              placeholder="e.g. Michael Jordan, top brass, mandatory minimum",
                              help="Finds a word or phrase in every sentence of the full texts and in every headline. "
                                   "It ignores capital letters and the kind of quote marks. The filters apply to what it finds.")
        query = clean_query(typed)
        self.wrote(params.FIND, query or None)
        return query

    def search(self, builder: Callable[[StoryData, flt.Filters, str], T]) -> T:
        """The find box, and what `builder` finds for its words (see `storyframes.app.package.search`)."""
        return package.search(self.data, self.filters, self.find_box(), builder)

    def address_toggle(self, where, label: str, name: str, key: str, *, what: str, default: bool = True, help: str | None = None) -> bool:
        """A switch of the page's, drawn in `where` (a column), named in the address while it is
        not at its default (`?quotes=0`): set from the address when the address is news or the
        switch is new (Streamlit drops a switch's state while it is not drawn), else left alone.
        A value other than 1 or 0 gets a notice and the default."""
        if self.address_is_news or key not in st.session_state:
            on, unknown = flt.parse_flag(address.asked(name))
            if unknown:
                address.notice(f"The address asks for an unknown {what} switch ({unknown}); it takes 1 (on) or 0 (off).")
            st.session_state[key] = default if on is None else on
        value = bool(where.toggle(label, key=key, help=help))
        self.wrote(name, "1" if value else "0", default="1" if default else "0")
        return value

    def wrote(self, name: str, value: str | None, default: str | None = None) -> None:
        """Name in the address the choice this run drew (none at its default)."""
        address.write({name: None if value is None or value == default else [value]})

    def section_choice(self, sections: tuple[str, ...]) -> str:
        """Which section is open: a row of buttons, one per section (the reader's click is the one
        writer), set from the address (`?section=Tone`) only when the address is news. Unlike
        st.tabs, whose every run sends its open tab back to the browser, the buttons' state is the
        browser's: a run that started before a later click cannot reopen an older section. The
        page draws the chosen section only, then names it in the address (`wrote`), so the address
        is written only by the run that drew that section."""
        self.address_choice(params.SECTION, sections, SECTION_KEY, default=sections[0], what="section")
        chosen = st.segmented_control("Section", sections, key=SECTION_KEY, label_visibility="collapsed", required=True)
        return chosen if chosen in sections else sections[0]

    def wrote_section(self, sections: tuple[str, ...], drawn: str) -> None:
        self.wrote(params.SECTION, drawn, default=sections[0])

    # -- links ---------------------------------------------------------------------------------
    def address_of(self, page_key: str | None = None, page_params: Mapping[str, str] | None = None) -> str:
        """The absolute address of a page (this one by default) with the reader's filters and
        `page_params` (for this page: its own parameters as the address holds them now), at the
        host the browser reached this app by; "" when the request does not say."""
        target = site.page(page_key) if page_key else self.page
        origin = lesson.served_origin(st.context.url, st.context.headers.get("Host"))
        if not origin:
            return ""
        if page_params is None and target == self.page:
            own = {p.name for p in params.own(target.key)}
            page_params = {name: value for name, value in address.current() if name in own}
        return lesson.build(origin, target.file, self.filters, self.default, page_params)

    @staticmethod
    def page_title(page_key: str) -> str:
        return site.page(page_key).title

    def link(self, page_key: str, label: str | None = None, icon: str | None = None) -> None:
        """A link to another page of the app, from the page registry."""
        target = site.page(page_key)
        st.page_link(target.file, label=label or target.title, icon=icon or target.icon)

    def disputes_toggle(self) -> bool:
        """The reader's "mark where the coders differ" switch, one for every chart that offers it,
        named in the address while it is on (`?disputes=1`) and kept across pages for the session.
        Each page has its own toggle (Streamlit puts the page in a widget's identity). When the
        address is news (a link, a reload, Back/Forward) and names the mark, the address decides;
        otherwise a page's new toggle takes the session's last choice, so the mark set on Compare
        outlets is still on when the reader opens Framing from the sidebar, whose links carry only
        the filters. An ordinary run assigns nothing (an assignment would undo a click made since).
        A value other than 1 or 0 gets a notice and leaves the mark as the session had it."""
        asked = address.asked(params.DISPUTES) if self.address_is_news else []
        on, unknown = flt.parse_flag(asked)
        if on is not None:
            st.session_state[_DISPUTES_WANTED_KEY] = on
        elif unknown:
            address.notice(f"The address asks for an unknown disputes mark ({unknown}); it takes 1 (on) or 0 (off).")
        if asked or st.session_state.get(_DISPUTES_PAGE_KEY) != self.page.key or DISPUTES_KEY not in st.session_state:
            # Assigned even when the key holds the same value: on a page switch it may still hold
            # the last page's toggle, which Streamlit drops when this page's toggle is drawn.
            st.session_state[DISPUTES_KEY] = bool(st.session_state.get(_DISPUTES_WANTED_KEY, False))
            st.session_state[_DISPUTES_PAGE_KEY] = self.page.key
        on = st.toggle("Mark where the second coder differs", key=DISPUTES_KEY, on_change=_remember_disputes,
                       help="Then a second person coded each sentence again, with just the codebook to guide them. Switch this on to "
                            "mark the sentences they coded differently. It shows how much of a finding rests on close calls. "
                            "All the figures, and every case where they differ, are on Sources & method.")
        address.write({params.DISPUTES: ["1"] if on else None})
        return bool(on)


def show_data_error(error: DataPackageError) -> None:
    """The one message a reader sees for a broken package: what and where, by the file's name
    inside the package (never a server path), shown literally (no Markdown from the data)."""
    where = []
    if error.file:
        where.append(f"file {literal(error.file)}")
    if error.line is not None:
        where.append(f"line {error.line}")
    if error.column:
        where.append(f"column {literal(error.column)}")
    st.error(
        f"**The data package could not be loaded.** {literal(error.detail)}\n\n"
        + (f"In the data package: {', '.join(where)}.\n\n" if where else "")
        + "Run `python -m pytest tests/unit/test_data_package.py` to see every check, and see `data/README.md`.",
        icon=":material/error:",
    )



def setup_page(page_key: str) -> PageContext:
    """Page config, data and sidebar for the page registered as `page_key`; stops the page with
    a readable message if the data is broken."""
    page = site.page(page_key)
    # The tab icon is a file we ship: a Material icon name here makes the browser fetch an SVG
    # from a font host on every page, which a closed classroom network would block.
    st.set_page_config(page_title=f"{page.title} · {APP_TITLE}", page_icon=str(ICON), layout="wide")
    st.html(_STYLE + sidebar.FILTER_STYLE)
    try:
        data = added_articles.data_with_added(package.cached_package())
    except DataPackageError as error:
        st.title(page.title)
        show_data_error(error)
        st.stop()
    with st.sidebar:
        share_clicked = share.button()  # at the top of the sidebar: the same place on every page
        sidebar.navigation(page)
    arrived = sidebar.arrived(page)  # read before the filters record this page
    if arrived:
        share.remember_came_from(page, sidebar.last_page())
    chosen, default = sidebar.filters(data, page)
    on = sidebar.projector_toggle(page)
    ctx = PageContext(data=data, filters=chosen, default=default, page=page, arrived=arrived, projector=on)
    if share_clicked:  # after the filters and projector mode: the dialog shows them as drawn
        from storyframes.views import lesson as lesson_view

        share.offer(page, chosen, default, ctx.view(lesson_view.build).describe)
    return ctx
