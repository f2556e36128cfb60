"""A reader's added articles (the Add an article page): kept in `st.session_state` only, so they
are private to the session, gone when it ends and never written to the server's disk; the package
as this reader sees it; and the page's callbacks (reading an upload, adding, removing).

The pure work — reading a text or a saved page, coding it, checking what the reader typed —
is `storyframes.autocode`; this is its Streamlit glue.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from storyframes import autocode
from storyframes.app import package
from storyframes.app.sidebar import OUTLET_WIDGET
from storyframes.autocode import added
from storyframes.core.data import StoryData

ADDED_KEY = "added_articles"  # the AutoCoded articles of this session, in the order added
_DATA_KEY = "added_data"  # (key, StoryData): the package with them, built once per change
PASTE, UPLOAD = "Paste the text", "Upload a file"
HOW_KEY, TEXT_KEY, FILE_KEY = "added_how", "added_text", "added_file"
FIELDS = {"outlet": "added_outlet", "headline": "added_headline", "published": "added_date", "url": "added_url"}
MESSAGE_KEY, ADDED_NOW_KEY, READ_KEY = "added_message", "added_now", "added_read"


def articles() -> tuple:
    """The articles this reader added in this session (storyframes.autocode.AutoCoded)."""
    return tuple(st.session_state.get(ADDED_KEY, ()))


def data_with_added(base: StoryData) -> StoryData:
    """The package as this reader sees it: the curated one plus the articles they added."""
    mine = articles()
    if not mine:
        return base
    key = (base.version, tuple(a.article_id for a in mine))
    kept = st.session_state.get(_DATA_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    data = base.with_added(mine)
    st.session_state[_DATA_KEY] = (key, data)
    return data


def add(coded) -> None:
    """Add an auto-coded article to this session, and to the chosen outlets (a callback's work)."""
    if any(a.article_id == coded.article_id for a in articles()):
        return
    st.session_state[ADDED_KEY] = (*articles(), coded)
    if OUTLET_WIDGET in st.session_state:
        st.session_state[OUTLET_WIDGET] = [*(st.session_state[OUTLET_WIDGET] or []), coded.article_id]


def remove(article_id: str) -> None:
    """Take an added article out of this session (and out of the chosen outlets)."""
    st.session_state[ADDED_KEY] = tuple(a for a in articles() if a.article_id != article_id)
    if OUTLET_WIDGET in st.session_state:
        st.session_state[OUTLET_WIDGET] = [o for o in (st.session_state[OUTLET_WIDGET] or []) if o != article_id]
    st.session_state.pop(MESSAGE_KEY, None)
    if st.session_state.get(ADDED_NOW_KEY) == article_id:
        st.session_state.pop(ADDED_NOW_KEY)


# --- the page's callbacks (run before the script, so the page drawn next shows their result) ----

def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


def message() -> tuple[str, str] | None:
    """The outcome of the last add or upload: ("error" or "warning", text), or None."""
    return st.session_state.get(MESSAGE_KEY)


def read_upload() -> None:
    """A new file: read it once and fill the fields from its own metadata (title, date, address, site)."""
    st.session_state.pop(MESSAGE_KEY, None)
    st.session_state.pop(READ_KEY, None)
    upload = st.session_state.get(FILE_KEY)
    if upload is None:
        return
    try:
        extracted = autocode.read_file(upload.name, upload.getvalue())
    except autocode.InputError as error:
        _say("error", str(error))
        return
    st.session_state[READ_KEY] = (upload.file_id, extracted)
    meta = extracted.meta
    for name, key in FIELDS.items():
        value = getattr(meta, name, "")
        if name == "published":
            value = added.parse_date(value)
        if value:
            st.session_state[key] = value


def upload_read():
    """What was read from the uploaded file (autocode.Extracted), or None."""
    read = st.session_state.get(READ_KEY)
    return read[1] if read is not None else None


def _extracted():
    """The text to code: the pasted text, or the uploaded file (read when it arrived)."""
    if st.session_state.get(HOW_KEY, PASTE) == PASTE:
        return autocode.read_text(st.session_state.get(TEXT_KEY, ""))
    upload = st.session_state.get(FILE_KEY)
    if upload is None:
        raise autocode.InputError("No file is chosen yet. Choose a .txt, .md, .html or .htm file (a page saved from the browser).")
    read = st.session_state.get(READ_KEY)
    if read is not None and read[0] == upload.file_id:
        return read[1]
    return autocode.read_file(upload.name, upload.getvalue())


def add_from_fields() -> None:
    """The Add button: code the pasted or uploaded text with the fields' meta, and add it."""
    st.session_state.pop(MESSAGE_KEY, None)
    try:
        extracted = _extracted()
        outlet = (st.session_state.get(FIELDS["outlet"]) or "").strip()
        if not outlet:
            raise autocode.InputError("Give the outlet's name (for example NPR or The New York Times): the comparison shows it on every view.")
        url, notice = added.check_url(st.session_state.get(FIELDS["url"], ""))
        date = st.session_state.get(FIELDS["published"])
        meta = autocode.ArticleMeta(outlet=outlet, headline=(st.session_state.get(FIELDS["headline"]) or "").strip(),
                                    published=date.isoformat() if isinstance(date, dt.date) else "", url=url)
        # Coded against the curated package plus this reader's articles: a second copy of one they added is refused too.
        coded = autocode.code_article(extracted.text, meta, added.coding_data(package.cached_package(), articles()))
    except autocode.InputError as error:
        _say("error", str(error))
        return
    add(coded)
    st.session_state[ADDED_NOW_KEY] = coded.article_id
    if notice:
        _say("warning", notice)


def just_added() -> str | None:
    """The id of the article added by the last click, if any."""
    return st.session_state.get(ADDED_NOW_KEY)
