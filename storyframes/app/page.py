"""The Streamlit glue every page shares: page config, cached data, sidebar filters, footer.

Pages call `setup_page()` first. It is the only place that touches the data loader and the
address, so every page behaves the same way when the data is broken or the link is odd.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

import streamlit as st

from storyframes.core import filters as flt
from storyframes.present import projector
from storyframes.core.data import DATA_DIR, DataPackageError, StoryData, load_package
from storyframes.app.render import literal, literal_options
from storyframes.core.vocab import NO_PRINCIPLE, Vocabulary

log = logging.getLogger(__name__)

T = TypeVar("T")

APP_TITLE = "Same Story, Different Frames"
ICON = Path(__file__).resolve().parent / "assets" / "icon.png"
_ADDRESS_SENT_KEY = "story_address_sent"  # the address this session last sent to the browser
_PAGE_KEY = "story_filters_page"  # the page whose pills the session drew last: tells a page switch
_WIDGET_KEYS = {flt.OUTLET_PARAM: "outlet_filter", flt.PRINCIPLE_PARAM: "principle_filter"}
# Our own navigation (the automatic one would call the home page "dashboard").
NAV = (
    ("dashboard.py", "Home", ":material/newspaper:"),
    ("pages/1_Principles.py", "Principles", ":material/gavel:"),
    ("pages/2_Members_and_cities.py", "Members & cities", ":material/map:"),
    ("pages/3_Compare_outlets.py", "Compare outlets", ":material/compare:"),
    ("pages/4_Framing_analysis.py", "Framing analysis", ":material/text_compare:"),
    ("pages/5_Sources_and_method.py", "Sources & method", ":material/menu_book:"),
    ("pages/6_Guided_tour.py", "Guided tour", ":material/tour:"),
    ("pages/7_Guess_the_outlet.py", "Guess the outlet", ":material/quiz:"),
    ("pages/8_Code_it_yourself.py", "Code it yourself", ":material/edit_note:"),
    ("pages/9_Lesson_link.py", "Lesson link", ":material/qr_code_2:"),
    ("pages/10_Add_an_article.py", "Add an article", ":material/post_add:"),
)
# The pages made for a lesson sit in one collapsible group, so that on a 720-pixel-high projector
# the filters still start above the fold under the story's own pages; the group opens by itself
# on a classroom page, so the reader always sees where they are.
CLASSROOM_PAGES = frozenset({
    "pages/6_Guided_tour.py", "pages/7_Guess_the_outlet.py", "pages/8_Code_it_yourself.py", "pages/9_Lesson_link.py",
})
CLASSROOM_GROUP = "In class: tour, quiz, lesson link"


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
</style>
"""


_DISPUTES_WANTED_KEY = "story_show_disputes"  # the reader's last choice of the disputes toggle, on any page
_DISPUTES_PAGE_KEY = "story_disputes_page"  # the page whose toggle the session drew last: tells a page switch


def _remember_disputes() -> None:
    st.session_state[_DISPUTES_WANTED_KEY] = bool(st.session_state.get(PageContext.DISPUTES_KEY))


@dataclass(frozen=True)
class PageContext:
    data: StoryData
    filters: flt.Filters
    default: flt.Filters
    page: str = ""  # the page's title: tells a page switch to widgets kept across pages
    arrived: bool = False  # this run is the session's first on this page since another page (or ever)

    @property
    def address_is_news(self) -> bool:
        """True when the address is the reader's wish on this run, as for the filters: the page's
        first run since another page (a shared link, a reload) or Back/Forward. On other runs the
        browser may still show an address an earlier run of this session wrote."""
        return self.arrived or _history_navigation()

    def write_params(self, params: dict[str, str | None]) -> None:
        """Write a page's own address parameters (None removes one), sent like the filters'."""
        sent = False
        for key, value in params.items():
            if value is None:
                sent = st.query_params.pop(key, None) is not None or sent
            elif st.query_params.get_all(key) != [value]:  # once, even if a link repeats it
                st.query_params[key] = value
                sent = True
        _resend_if_stale(sent)

    def address_of(self, page_file: str, params: dict[str, str] | None = None) -> str:
        """The absolute address of `page_file` with the reader's filters (and `params`), at the host
        the browser reached this app by; "" when the request does not say (see storyframes.classroom.lesson)."""
        from storyframes.classroom import lesson

        origin = lesson.served_origin(st.context.url, st.context.headers.get("Host"))
        return lesson.build(origin, page_file, self.filters, self.default, params) if origin else ""

    def kept_choice(self, state_key: str, param: str, parse: Callable[[str | None], tuple[int, str]],
                    name_of: Callable[[int], str]) -> int:
        """A page's own choice (a tour step, say), kept for the session and named in the address
        (`?param=name`). The address is read when it is news (see address_is_news); `parse` turns
        it into a choice and a notice for a value it does not know (shown, never raised). Buttons
        change the choice in `st.session_state[state_key]` (in their callbacks)."""
        if self.address_is_news or state_key not in st.session_state:
            chosen, notice = parse(st.query_params.get(param))
            if notice:
                st.warning(literal(notice), icon=":material/link_off:")
            st.session_state[state_key] = chosen
        chosen = st.session_state[state_key]
        self.write_params({param: name_of(chosen)})
        return chosen
    projector: bool = False  # projector mode (larger text and charts) is on

    @property
    def vocab(self) -> Vocabulary:
        return self.data.vocab

    def view(self, builder: Callable[[StoryData, flt.Filters], T]) -> T:
        """The page's View for the reader's filters, built once per (data version, filters) and
        shared read-only by every reader who asks for the same selection. With articles the reader
        added, the data is theirs (`reader_data`) and so is its version: see `_cached_view_added`."""
        cached = _cached_view_added if self.data.auto_coded else _cached_view
        return cached(_name(builder), "", self.data.version, self.filters, _build=builder, _data=self.data)

    def section(self, builder: Callable[[StoryData, flt.Filters, str], T], section: str, *, full_texts_only: bool = False) -> T:
        """One section of a sectioned page's View (lazy tabs build only the open one). A section
        that reads only the full texts is keyed by the chosen full texts alone, so choosing or
        dropping a headline-only outlet does not rebuild it."""
        key = self.filters.keep_outlets(self.vocab.full_text_ids) if full_texts_only else self.filters
        cached = _cached_view_added if self.data.auto_coded else _cached_view
        return cached(_name(builder), section, self.data.version, key, _build=lambda d, f: builder(d, f, section), _data=self.data)

    DISPUTES_KEY = "show_disputes"

    def disputes_toggle(self) -> bool:
        """The reader's "mark where the coders differ" switch, one for every chart that offers it,
        kept across pages for the session. Each page has its own toggle (Streamlit puts the page in
        a widget's identity): the session remembers the reader's choice, and a page's new toggle is
        set to it; an ordinary run assigns nothing (an assignment would undo a click made since)."""
        if st.session_state.get(_DISPUTES_PAGE_KEY) != self.page or self.DISPUTES_KEY not in st.session_state:
            st.session_state[self.DISPUTES_KEY] = bool(st.session_state.get(_DISPUTES_WANTED_KEY, False))
            st.session_state[_DISPUTES_PAGE_KEY] = self.page
        return st.toggle("Mark where the second coder differs", key=self.DISPUTES_KEY, on_change=_remember_disputes,
                         help="An independent second coder coded every sentence from the codebook alone. Switch on to mark the "
                              "sentences coded differently, to see how much of a finding rests on close calls. Agreement "
                              "figures and every disagreement: Sources & method.")

    SECTION_KEY = "framing_section"
    SECTION_PARAM = "section"

    def section_choice(self, sections: tuple[str, ...]) -> str:
        """Which section (tab) is open: the tab's own state (key SECTION_KEY), else the address
        (`?section=Tone`), else the first; the choice is written to the address. An unknown value
        in the address gets a notice. As with the filters, the address is read into the tabs only
        on the first run of the page (tab state does not outlive a page switch) and on
        Back/Forward, and the tabs are assigned only a real change: an assignment is sent to the
        browser and would close a tab clicked since. Draw the tabs with `st.tabs(sections,
        key=SECTION_KEY, on_change="rerun")` and no `default=`: a default is part of the tabs'
        identity, so one that follows the open tab makes new tabs (and loses clicks) on every change."""
        current = st.session_state.get(self.SECTION_KEY)
        if current not in sections or _history_navigation():
            asked = st.query_params.get(self.SECTION_PARAM)
            by_name = {s.casefold(): s for s in sections}
            wanted = by_name.get((asked or "").strip().casefold(), sections[0])  # no section named: the first
            if asked and asked.strip().casefold() not in by_name:
                st.warning(f"The address names an unknown section ({flt.safe_preview(asked)}); showing “{wanted}” instead.",
                           icon=":material/link_off:")
            if wanted != (current if current in sections else sections[0]):
                st.session_state[self.SECTION_KEY] = wanted
            current = wanted
        sent = False
        if current == sections[0]:
            sent = st.query_params.pop(self.SECTION_PARAM, None) is not None
        elif st.query_params.get(self.SECTION_PARAM) != current:
            st.query_params[self.SECTION_PARAM] = current
            sent = True
        _resend_if_stale(sent)
        return current


# --- the shared package ---------------------------------------------------------------------------
# Which folder: $STORYFRAMES_DATA_DIR if set (read at every call, so tests and the benchmark can
# point the app at another package), else data/.
DATA_DIR_ENV = "STORYFRAMES_DATA_DIR"
# The folder's files are stat-ed at most once a second per folder (and per process), not on every
# page run: a fixed or changed package is picked up within a second, without a server restart.
FINGERPRINT_MAX_AGE = 1.0
_fingerprints: dict[str, tuple[float, str]] = {}
_fingerprint_lock = threading.Lock()


def data_dir() -> Path:
    """The package folder the app reads."""
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(value) if value else DATA_DIR


def scan_fingerprint(directory: Path) -> str:
    """A digest of (path, size, mtime_ns) of every file under `directory`: it changes when any
    file is added, removed, replaced or rewritten. Reads no file's content (3,000 files: ~20 ms here)."""
    entries: list[str] = []
    pending = [""]
    root = str(directory)
    while pending:
        rel = pending.pop()
        try:
            with os.scandir(os.path.join(root, rel) if rel else root) as listing:
                for entry in listing:
                    name = f"{rel}/{entry.name}" if rel else entry.name
                    try:
                        if entry.is_dir():
                            pending.append(name)
                        else:
                            info = entry.stat()
                            entries.append(f"{name}\0{info.st_size}\0{info.st_mtime_ns}")
                    except OSError:
                        entries.append(f"{name}\0unreadable")
        except OSError as exc:
            entries.append(f"{rel}/\0{exc.errno}")
    entries.sort()
    return hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()


def package_fingerprint(directory: Path) -> str:
    """`scan_fingerprint(directory)`, scanned at most once per FINGERPRINT_MAX_AGE seconds."""
    key, now = str(directory), time.monotonic()
    with _fingerprint_lock:
        seen = _fingerprints.get(key)
    if seen is not None and now - seen[0] < FINGERPRINT_MAX_AGE:
        return seen[1]
    fingerprint = scan_fingerprint(directory)
    with _fingerprint_lock:
        _fingerprints[key] = (now, fingerprint)
    return fingerprint


@st.cache_resource(show_spinner="Loading the data package…", max_entries=2)
def _package_outcome(directory: str, fingerprint: str) -> StoryData | DataPackageError:
    """The outcome of loading one version of the package: the package or its error. A failure is
    kept too (st.cache_resource would not keep a raised exception), so a broken package is read
    once per version of its files, not once per page run."""
    try:
        return load_package(directory)
    except DataPackageError as error:
        log.warning("data package %s: %s", directory, error)
        return error
    except Exception:  # a bug or a problem no check foresaw: readers get one sentence, the log the rest
        log.exception("loading the data package in %s failed unexpectedly", directory)
        return DataPackageError("the loader stopped on an unexpected problem; the server log has the details", file="")


def cached_package() -> StoryData:
    """The package of `data_dir()`, loaded once per version of its files and shared read-only by
    every reader; raises its DataPackageError (a fresh copy each time) when it is broken."""
    directory = data_dir()
    outcome = _package_outcome(str(directory), package_fingerprint(directory))
    if isinstance(outcome, DataPackageError):
        raise outcome.copy()
    return outcome


@st.cache_resource(show_spinner=False, max_entries=1)
def _package_zip(directory: str, fingerprint: str) -> bytes:
    from storyframes.present import export

    return export.package_zip(Path(directory))


def package_zip() -> bytes:
    """The whole package as a zip, built once per version of its files."""
    directory = data_dir()
    return _package_zip(str(directory), package_fingerprint(directory))


def _name(builder: Callable) -> str:
    """A builder's full name: two builders of one module must not share cached views."""
    return f"{builder.__module__}.{builder.__qualname__}"


@st.cache_resource(show_spinner=False, max_entries=512)
def _cached_view(builder: str, section: str, version: str, filters: flt.Filters, *, _build, _data):
    # Keyed by builder, section, data version and filters; the builder function and the data are
    # not hashed (the version stands for the data). Views are frozen and never mutated by a page.
    return _build(_data, filters)


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_view_added(builder: str, section: str, version: str, filters: flt.Filters, *, _build, _data):
    # Views of a reader's data (the package plus the articles they added), kept apart from the
    # curated views so readers' additions never evict those, and bounded (64 views in all).
    # The key's version digests every added row (StoryData.with_added): one reader can be handed
    # another's cached view only if both added the very same article (same text, hence the same
    # id and rows, under the same outlet name and headline) with the same filters, and then the
    # view is the same either way. A view never holds anything else of a session.
    return _build(_data, filters)


# --- the reader's own articles (pages/10_Add_an_article.py) ---------------------------------------
# Kept in st.session_state only: private to the session, gone when it ends, never written to disk.
ADDED_KEY = "byo_added"  # the AutoCoded articles of this session, in the order added
_READER_DATA_KEY = "byo_reader_data"  # (key, StoryData): the package with them, built once per change


def added_articles() -> tuple:
    """The articles this reader added in this session (storyframes.autocode.AutoCoded)."""
    return tuple(st.session_state.get(ADDED_KEY, ()))


def reader_data(base: StoryData) -> StoryData:
    """The package as this reader sees it: the curated one plus the articles they added."""
    added = added_articles()
    if not added:
        return base
    key = (base.version, tuple(a.article_id for a in added))
    kept = st.session_state.get(_READER_DATA_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    data = base.with_added(added)
    st.session_state[_READER_DATA_KEY] = (key, data)
    return data


def add_article(coded) -> None:
    """Add an auto-coded article to this session, and to the chosen outlets (a callback's work)."""
    if any(a.article_id == coded.article_id for a in added_articles()):
        return
    st.session_state[ADDED_KEY] = (*added_articles(), coded)
    pills = _WIDGET_KEYS[flt.OUTLET_PARAM]
    if pills in st.session_state:
        st.session_state[pills] = [*(st.session_state[pills] or []), coded.article_id]


def remove_article(article_id: str) -> None:
    """Take an added article out of this session (and out of the chosen outlets)."""
    st.session_state[ADDED_KEY] = tuple(a for a in added_articles() if a.article_id != article_id)
    pills = _WIDGET_KEYS[flt.OUTLET_PARAM]
    if pills in st.session_state:
        st.session_state[pills] = [o for o in (st.session_state[pills] or []) if o != article_id]


def default_filters(data: StoryData) -> flt.Filters:
    from storyframes.views.common import default_filters as everything

    return everything(data.vocab)


def _write_address(chosen: flt.Filters, default: flt.Filters) -> None:
    wanted = flt.to_address(chosen, default)
    sent = False
    for param in (flt.OUTLET_PARAM, flt.PRINCIPLE_PARAM):
        current = st.query_params.get_all(param)
        if param in wanted:
            if current != wanted[param]:
                st.query_params[param] = wanted[param]
                sent = True
        elif param in st.query_params:
            del st.query_params[param]
            sent = True
    _resend_if_stale(sent)


def _resend_if_stale(sent: bool) -> None:
    """Send the address again when the browser may show another one than this run's.

    The server's copy of the address is the one the browser sent with this run's request, so
    writing only what differs from it can leave the browser on an address that an earlier run
    wrote after the request had left (rapid tab clicks ended with `?section=` naming a tab that
    was not open). So the session remembers the last address it sent, and a run whose address
    differs from it sends its own, even when the copy already agreed. The record is made after a
    send returns: a run stopped for a newer one stops inside the send and records nothing."""
    address = urlencode([(key, value) for key in st.query_params for value in st.query_params.get_all(key)])
    if not sent and st.session_state.get(_ADDRESS_SENT_KEY) != address:
        st.query_params.update()  # sends the whole address
        sent = True
    if sent:
        st.session_state[_ADDRESS_SENT_KEY] = address


def _history_navigation() -> bool:
    """True when this run comes from the browser's Back or Forward button (the address is then the
    reader's wish, as for Streamlit's own address-bound widgets). Not in Streamlit's public API:
    read defensively, and False where it is missing (AppTest, an older or newer release)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))
    except Exception:  # noqa: BLE001 - an internal that moved: treat the run as an ordinary one
        return False


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


def sidebar_filters(data: StoryData, page: str) -> tuple[flt.Filters, flt.Filters]:
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
    arrived = st.session_state.get(_PAGE_KEY) != page  # also true on a session's first run
    if current is None or arrived or _history_navigation():
        raw = {p: st.query_params.get_all(p) for p in (flt.OUTLET_PARAM, flt.PRINCIPLE_PARAM)}
        parsed = flt.parse_address(raw, outlet_ids, principle_ids)
        _seed(flt.resolve(current, parsed, default), None if arrived else current)
        for notice in parsed.notices:
            st.warning(notice, icon=":material/link_off:")
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
    st.session_state[_PAGE_KEY] = page  # once this page's pills are drawn
    chosen = _widget_choice(outlet_ids, principle_ids)
    _write_address(chosen, default)
    return chosen, default


_PROJECTOR_PAGE_KEY = "story_projector_page"  # the page whose toggle the session drew last: tells a page switch
PROJECTOR_KEY = "projector_mode"  # the toggle's key


def projector_toggle(page: str) -> bool:
    """The "Projector mode" switch under the filters, kept in the address as `?projector=1` and
    across pages for the session (`projector.SESSION_KEY`, which `render.vega_lite` reads), as
    the filters are: a page's new toggle (Streamlit puts the page in a widget's identity) is set
    from what the address names, else from the session, on the page's first run and on
    Back/Forward; an ordinary run assigns nothing (an assignment would undo a click made since).
    A value in the address other than 1 or 0 gives a notice, and projector mode is off."""
    arrived = st.session_state.get(_PROJECTOR_PAGE_KEY) != page or PROJECTOR_KEY not in st.session_state
    if arrived or _history_navigation():
        asked, notice = projector.parse(st.query_params.get_all(projector.PARAM))
        if notice:
            st.warning(notice, icon=":material/link_off:")
        wanted = bool(st.session_state.get(projector.SESSION_KEY, False)) if asked is None else asked
        if arrived or st.session_state.get(PROJECTOR_KEY) != wanted:
            st.session_state[PROJECTOR_KEY] = wanted
        st.session_state[_PROJECTOR_PAGE_KEY] = page
    with st.sidebar:
        on = st.toggle("Projector mode", key=PROJECTOR_KEY,
                       help="Larger text and charts with larger labels and thicker marks, to read from the back of a room. "
                            "Kept in the address (projector=1) and on every page.")
    st.session_state[projector.SESSION_KEY] = bool(on)
    sent = False
    if on and st.query_params.get_all(projector.PARAM) != [projector.ON]:
        st.query_params[projector.PARAM] = projector.ON
        sent = True
    elif not on and projector.PARAM in st.query_params:
        del st.query_params[projector.PARAM]
        sent = True
    _resend_if_stale(sent)
    if on:
        st.html(projector.STYLE)
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


def navigation(title: str) -> None:
    """The sidebar's page links: the story's pages, then the classroom group (see CLASSROOM_PAGES)."""
    labels = {label: path for path, label, _icon in NAV}
    here = labels.get(title, "")
    for path, label, nav_icon in NAV:
        if path not in CLASSROOM_PAGES:
            st.page_link(path, label=label, icon=nav_icon)
    with st.expander(CLASSROOM_GROUP, icon=":material/school:", expanded=here in CLASSROOM_PAGES):
        for path, label, nav_icon in NAV:
            if path in CLASSROOM_PAGES:
                st.page_link(path, label=label, icon=nav_icon)
    st.divider()


def setup_page(title: str, icon: str) -> PageContext:
    """Page config, data and filters; stops the page with a readable message if the data is broken."""
    # The tab icon is a file we ship: a Material icon name here makes the browser fetch an SVG
    # from a font host on every page, which a closed classroom network would block.
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=str(ICON), layout="wide")
    st.html(_STYLE)
    try:
        data = reader_data(cached_package())
    except DataPackageError as error:
        st.title(title)
        show_data_error(error)
        st.stop()
    with st.sidebar:
        navigation(title)
    arrived = st.session_state.get(_PAGE_KEY) != title  # read before the filters record this page
    chosen, default = sidebar_filters(data, title)
    on = projector_toggle(title)
    return PageContext(data=data, filters=chosen, default=default, page=title, arrived=arrived, projector=on)
