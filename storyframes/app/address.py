"""The one reader and writer of the page's address (`st.query_params`) and of the session's copy
of a view's state. What may be written is declared in `storyframes.app.params`.

When the address is the reader's wish: on the first run of a page since another page (a shared
link, a reload, a page switch) and on Back/Forward ("news"). On any other run the browser may
still show an address an earlier run of this session wrote, so the session's copy holds and is
written back. A value the address names that the page does not know gets a plain notice, never
an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

import streamlit as st

from storyframes.app import params as registry

T = TypeVar("T")
_SENT_KEY = "story_address_sent"  # the address this session last sent to the browser
_KEPT_PREFIX = "story_kept:"  # the session's copy of a page's own choice, by parameter name(s)
_SHOWN_KEY = "story_kept_shown"  # every kept choice as its parameters, as the last run that drew it wrote them


def asked(name: str) -> list[str]:
    """Every value the address gives for `name` (a parameter the registry declares)."""
    registry.param(name)
    return st.query_params.get_all(name)


def first(name: str) -> str | None:
    values = asked(name)
    return values[0] if values else None


def write(values: Mapping[str, Sequence[str] | None]) -> None:
    """Write parameters to the address: a list of values, or None to remove one. Only what differs
    is assigned (every assignment is a message to the browser); then `_resend_if_stale`."""
    sent = False
    for name, wanted in values.items():
        registry.param(name)
        if wanted is None or not list(wanted) and registry.param(name).kind != "filter":
            sent = st.query_params.pop(name, None) is not None or sent
        elif st.query_params.get_all(name) != list(wanted):
            st.query_params[name] = list(wanted) if len(wanted) != 1 else wanted[0]
            sent = True
    _resend_if_stale(sent)


def current() -> list[tuple[str, str]]:
    """The address's query as this run leaves it, as (name, value) pairs: what a share link carries."""
    return [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]


def _resend_if_stale(sent: bool) -> None:
    """Send the address again when the browser may show another one than this run's.

    The server's copy of the address is the one the browser sent with this run's request, so
    writing only what differs from it can leave the browser on an address that an earlier run
    wrote after the request had left. So the session remembers the last address it sent, and a
    run whose address differs from it sends its own, even when the copy already agreed. The
    record is made after a send returns: a run stopped for a newer one records nothing."""
    address = urlencode(current())
    if not sent and st.session_state.get(_SENT_KEY) != address:
        st.query_params.update()  # sends the whole address
        sent = True
    if sent:
        st.session_state[_SENT_KEY] = address


def history_navigation() -> bool:
    """True when this run comes from the browser's Back or Forward button (the address is then the
    reader's wish, as for Streamlit's own address-bound widgets). Not in Streamlit's public API:
    read defensively, and False where it is missing (AppTest, an older or newer release)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        return bool(getattr(get_script_run_ctx(), "is_history_navigation", False))
    except Exception:  # noqa: BLE001 - an internal that moved: treat the run as an ordinary one
        return False


def notice(text: str) -> None:
    """A value in the address the page cannot use, said in plain words. The words are the app's
    own; a value from the address appears in them only through `filters.safe_preview` (a code
    span that can hold no backtick or backslash), so it shows as text."""
    st.warning(text, icon=":material/link_off:")


def kept(names: Sequence[str], news: bool, parse: Callable[[dict[str, list[str]], Any], tuple[T, Sequence[str]]],
         encode: Callable[[T], Mapping[str, Sequence[str] | None]]) -> T:
    """A page's own choice (a tour step, a quiz round, a set of sentences, a place), kept for the
    session and named in the address by the parameters `names`. When the address is news, or the
    session holds nothing yet, `parse(raw, held)` turns the address (and what the session held)
    into the choice and its notices (shown once); otherwise the session's choice holds. Either
    way the choice is written to the address (`encode`). Callbacks change it with `keep`."""
    key = _KEPT_PREFIX + "+".join(names)
    held = st.session_state.get(key)
    if held is None or news:
        value, notices = parse({name: asked(name) for name in names}, held)
        for text in notices:
            notice(text)
        st.session_state[key] = value
    value = st.session_state[key]
    encoded = encode(value)
    st.session_state[_SHOWN_KEY] = {**st.session_state.get(_SHOWN_KEY, {}),
                                    **{name: None if v is None else list(v) for name, v in encoded.items()}}
    write(encoded)
    return value


def kept_shown() -> dict[str, list[str] | None]:
    """The kept choices as the reader last saw them drawn, by parameter (None: removed), whether
    or not the address shows them yet: what a share link must carry (a quiz's seed, a coding set)."""
    return dict(st.session_state.get(_SHOWN_KEY, {}))


def last_sent() -> list[tuple[str, str]]:
    """The address this session last sent to the browser, as (name, value) pairs: on a page's
    first run, before it writes anything, the last page's view as the reader left it."""
    return parse_qsl(st.session_state.get(_SENT_KEY, ""), keep_blank_values=True)


def held(names: Sequence[str]) -> Any:
    """The session's copy of a kept choice (None before the page set it)."""
    return st.session_state.get(_KEPT_PREFIX + "+".join(names))


def keep(names: Sequence[str], value: Any) -> None:
    """Change a kept choice (from a button's callback: the run that follows draws it)."""
    st.session_state[_KEPT_PREFIX + "+".join(names)] = value
