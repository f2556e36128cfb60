"""The quiz's per-reader state: which round is open (seed and level, kept in the address so a
class can share it) and each round's answers (kept in `st.session_state`, so one reader's answers
never reach another). The rules live in `storyframes.classroom.quiz`; this is the Streamlit glue.

The address is read when the page is opened (a shared link, a reload, a page switch) and on
Back/Forward; on an ordinary run the session's round holds and is written to the address. A
round's progress is keyed by seed, level and outlets: changing any of them opens another round,
and going back to one finds its answers again.
"""

from __future__ import annotations

import streamlit as st

from storyframes.classroom import quiz
from storyframes.app.page import PageContext

ROUND_KEY = "quiz_round"  # (seed, level) the session has open
PROGRESS_KEY = "quiz_progress"  # round_key -> quiz.Progress


def current_round(ctx: PageContext) -> tuple[int, str, tuple[str, ...]]:
    """(seed, level, notices) for this run; writes the round to the address."""
    held = st.session_state.get(ROUND_KEY)
    notices: list[str] = []
    if held is None or ctx.address_is_news:
        raw_seed, raw_level = st.query_params.get(quiz.SEED_PARAM), st.query_params.get(quiz.LEVEL_PARAM)
        if raw_seed is None and raw_level is None and held is not None:
            seed, level = held  # a page switch clears the address: the session's round stays open
        else:
            seed, seed_notice = quiz.parse_seed(raw_seed)
            level, level_notice = quiz.parse_level(raw_level)
            notices += [n for n in (seed_notice, level_notice) if n]
            if seed is None:
                seed = quiz.fresh_seed()
        st.session_state[ROUND_KEY] = (seed, level)
    else:
        seed, level = held
    ctx.write_params({quiz.SEED_PARAM: str(seed), quiz.LEVEL_PARAM: level})
    return seed, level, tuple(notices)


def progress(key: str) -> quiz.Progress:
    return st.session_state.get(PROGRESS_KEY, {}).get(key, quiz.Progress())


def _store(key: str, value: quiz.Progress) -> None:
    st.session_state[PROGRESS_KEY] = {**st.session_state.get(PROGRESS_KEY, {}), key: value}


# Callbacks (run before the script, so the page drawn next shows the click).

def on_answer(key: str, index: int, outlet_id: str) -> None:
    _store(key, quiz.answer(progress(key), index, outlet_id))


def on_next(key: str, index: int) -> None:
    _store(key, quiz.advance(progress(key), index))


def on_replay(key: str) -> None:
    _store(key, quiz.Progress())


def on_new_round(level: str) -> None:
    held = st.session_state.get(ROUND_KEY)
    st.session_state[ROUND_KEY] = (quiz.fresh_seed(avoid=held[0] if held else None), level)


def on_level(level: str) -> None:
    held = st.session_state.get(ROUND_KEY)
    st.session_state[ROUND_KEY] = (held[0] if held else quiz.fresh_seed(), level)
