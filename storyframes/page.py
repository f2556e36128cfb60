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

import streamlit as st

from storyframes import filters as flt
from storyframes.data import DATA_DIR, DataPackageError, StoryData, load_package
from storyframes.render import literal, literal_options
from storyframes.vocab import NO_PRINCIPLE, Vocabulary

log = logging.getLogger(__name__)

T = TypeVar("T")

APP_TITLE = "Same Story, Different Frames"
ICON = Path(__file__).resolve().parent / "assets" / "icon.png"
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
/* Card rows (render.card_row): each card at least 13rem wide (10.5rem in a "narrow" row), so on
   a narrow screen they wrap to the next line instead of squeezing words until they break mid-word. */
[class*="st-key-cards"] > [data-testid="stLayoutWrapper"] { flex: 1 1 13rem; min-width: min(13rem, 100%); }
[class*="st-key-cards_narrow"] > [data-testid="stLayoutWrapper"] { flex: 1 1 10.5rem; min-width: min(10.5rem, 100%); }
h1, h2, h3, h4, h5 { overflow-wrap: normal; word-break: normal; hyphens: manual; }
</style>
"""


@dataclass(frozen=True)
class PageContext:
    data: StoryData
    filters: flt.Filters
    default: flt.Filters

    @property
    def vocab(self) -> Vocabulary:
        return self.data.vocab

    def view(self, builder: Callable[[StoryData, flt.Filters], T]) -> T:
        """The page's View for the reader's filters, built once per (data version, filters) and
        shared read-only by every reader who asks for the same selection."""
        return _cached_view(_name(builder), "", self.data.version, self.filters, _build=builder, _data=self.data)

    def section(self, builder: Callable[[StoryData, flt.Filters, str], T], section: str, *, full_texts_only: bool = False) -> T:
        """One section of a sectioned page's View (lazy tabs build only the open one). A section
        that reads only the full texts is keyed by the chosen full texts alone, so choosing or
        dropping a headline-only outlet does not rebuild it."""
        key = self.filters.keep_outlets(self.vocab.full_text_ids) if full_texts_only else self.filters
        return _cached_view(_name(builder), section, self.data.version, key,
                            _build=lambda d, f: builder(d, f, section), _data=self.data)

    SECTION_KEY = "framing_section"
    SECTION_PARAM = "section"

    def section_choice(self, sections: tuple[str, ...]) -> str:
        """Which section (tab) is open: the tab's own state, else the address (`?section=Tone`),
        else the first. An unknown value in the address gets a notice; the choice is written back."""
        current = st.session_state.get(self.SECTION_KEY)
        if current not in sections:
            asked = st.query_params.get(self.SECTION_PARAM)
            by_name = {s.casefold(): s for s in sections}
            current = by_name.get((asked or "").strip().casefold(), sections[0])
            if asked and asked.strip().casefold() not in by_name:
                st.warning(f"The address names an unknown section ({flt.safe_preview(asked)}); showing “{sections[0]}” instead.",
                           icon=":material/link_off:")
        if current == sections[0]:
            st.query_params.pop(self.SECTION_PARAM, None)
        elif st.query_params.get(self.SECTION_PARAM) != current:
            st.query_params[self.SECTION_PARAM] = current
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
    from storyframes import export

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


def default_filters(data: StoryData) -> flt.Filters:
    from storyframes.views.common import default_filters as everything

    return everything(data.vocab)


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
    vocab = data.vocab
    outlet_ids, principle_ids = list(vocab.outlet_ids), [*vocab.principle_ids, NO_PRINCIPLE]
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
    full_texts = vocab.full_text_ids
    pills = (  # principles first: five short pills, so both filters start above the fold at 1280x720
        ("Principles", principle_ids, flt.PRINCIPLE_PARAM,
         "A sentence is shown when it refers to a chosen principle; 'No principle' keeps the sentences that refer to none."),
        ("Outlets", outlet_ids, flt.OUTLET_PARAM,
         literal(", ".join(vocab.short(o) for o in full_texts)) + " have full texts, coded sentence by sentence; the others are compared by headline."),
    )
    with st.sidebar:
        st.markdown("### Filters")
        left, right = st.columns(2)
        left.button("Full texts only", on_click=_full_texts_only, args=(default, full_texts), width="stretch")
        right.button("Reset filters", on_click=_reset, args=(default,), width="stretch")
        # Pills, not a multiselect: with 22 outlets every choice stays visible, on or off at a
        # glance, and each is a large target on a projector.
        for label, options, param, explanation in pills:
            st.pills(label, options, selection_mode="multi", format_func=literal_options(vocab.filter_label), key=_WIDGET_KEYS[param],
                     on_change=_commit, args=(default,), help=explanation)
        st.caption("The filters live in the page's address: copy it to share exactly this view.")
    return chosen, default


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


def setup_page(title: str, icon: str) -> PageContext:
    """Page config, data and filters; stops the page with a readable message if the data is broken."""
    # The tab icon is a file we ship: a Material icon name here makes the browser fetch an SVG
    # from a font host on every page, which a closed classroom network would block.
    st.set_page_config(page_title=f"{title} · {APP_TITLE}", page_icon=str(ICON), layout="wide")
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
