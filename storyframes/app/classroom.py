"""The classroom pages' per-reader state, through the one address registry: the tour's step, the
quiz's round (seed and level) with each round's answers, and the coding exercise's set of
sentences with the reader's codes. The rules live in `storyframes.classroom`; this is their
Streamlit glue. Each choice is kept for the session and named in the address
(`storyframes.app.address.kept`): a link or a reload opens it, Back/Forward returns to it, and
a page switch (whose address has none of it) keeps it. Answers and codes stay in the session.
"""

from __future__ import annotations

import secrets

import streamlit as st

from storyframes.app import address
from storyframes.app.shell import PageContext
from storyframes.classroom import coding_exercise as ce
from storyframes.classroom import quiz, tour
from storyframes.views.code_it import FIELD_NAMES

# --- the guided tour ----------------------------------------------------------------------------
_STEP = (tour.STEP_PARAM,)


def tour_step(ctx: PageContext) -> int:
    """The open step's index, from the address when it is news, else the session's."""
    def parse(raw, _held):
        choice = tour.parse_step(raw[tour.STEP_PARAM][0] if raw[tour.STEP_PARAM] else None)
        return choice.index, [choice.notice] if choice.notice else []

    return ctx.kept(_STEP, parse, lambda index: {tour.STEP_PARAM: [tour.STEPS[index].key]})


def go_to_step(index: int) -> None:
    """The Back and Next buttons' callback."""
    address.keep(_STEP, max(0, min(len(tour.STEPS) - 1, index)))


# --- guess the outlet ---------------------------------------------------------------------------
_ROUND = (quiz.SEED_PARAM, quiz.LEVEL_PARAM)
_PROGRESS_KEY = "quiz_progress"  # round_key -> quiz.Progress


def quiz_round(ctx: PageContext) -> tuple[int, str]:
    """(seed, level) of the open round; a link without a seed gets a new one, written to the
    address, so the address always names the round a reader sees."""
    def parse(raw, held):
        raw_seed = raw[quiz.SEED_PARAM][0] if raw[quiz.SEED_PARAM] else None
        raw_level = raw[quiz.LEVEL_PARAM][0] if raw[quiz.LEVEL_PARAM] else None
        if raw_seed is None and raw_level is None and held is not None:
            return held, []  # a page switch clears the address: the session's round stays open
        seed, seed_notice = quiz.parse_seed(raw_seed)
        level, level_notice = quiz.parse_level(raw_level)
        return (quiz.fresh_seed() if seed is None else seed, level), [n for n in (seed_notice, level_notice) if n]

    return ctx.kept(_ROUND, parse, lambda held: {quiz.SEED_PARAM: [str(held[0])], quiz.LEVEL_PARAM: [held[1]]})


def quiz_progress(key: str) -> quiz.Progress:
    return st.session_state.get(_PROGRESS_KEY, {}).get(key, quiz.Progress())


def _store(key: str, value: quiz.Progress) -> None:
    st.session_state[_PROGRESS_KEY] = {**st.session_state.get(_PROGRESS_KEY, {}), key: value}


# Callbacks (run before the script, so the page drawn next shows the click).

def on_answer(key: str, index: int, outlet_id: str) -> None:
    _store(key, quiz.answer(quiz_progress(key), index, outlet_id))


def on_next(key: str, index: int) -> None:
    _store(key, quiz.advance(quiz_progress(key), index))


def on_replay(key: str) -> None:
    _store(key, quiz.Progress())


def on_new_round(level: str) -> None:
    held = address.held(_ROUND)
    address.keep(_ROUND, (quiz.fresh_seed(avoid=held[0] if held else None), level))


def on_level(level: str) -> None:
    held = address.held(_ROUND)
    address.keep(_ROUND, (held[0] if held else quiz.fresh_seed(), level))


# --- code it yourself ---------------------------------------------------------------------------
_SET = (ce.SET_PARAM, ce.SENTENCES_PARAM)
_COMPARED_KEY = "codeit_compared"  # the set whose codes the reader submitted (its score is shown)


def _new_seed() -> int:
    return ce.SEED_MIN + secrets.randbelow(ce.SEED_MAX - ce.SEED_MIN + 1)


def code_key(pid: str, field: str) -> str:
    """The widget key of one sentence's field."""
    return f"codeit_{pid}_{FIELD_NAMES[field]}"


def coding_set(ctx: PageContext, candidates) -> ce.SetChoice:
    """The set of sentences to code: the address's (a set number or a list) when it is news, else
    the session's; coming back from another page (no set in the address) keeps the same set."""
    def parse(raw, held):
        if held is not None and not any(raw.values()):
            return held, []
        fallback = held.seed if held is not None and held.seed is not None else _new_seed()
        choice = ce.resolve_address(raw[ce.SET_PARAM], raw[ce.SENTENCES_PARAM], candidates, fallback)
        return ce.SetChoice(choice.ids, choice.seed), choice.notices  # notices are said once

    return ctx.kept(_SET, parse, lambda choice: {k: None if v is None else [v] for k, v in choice.address.items()})


def choose_new_set(candidates) -> None:
    address.keep(_SET, ce.from_seed(candidates, _new_seed()))
    st.session_state.pop(_COMPARED_KEY, None)


def compared(ids: tuple[str, ...]) -> bool:
    """True once the reader has submitted their codes for this set: the score is shown. The codes
    are widgets of one form, so the values the page reads are the ones last submitted."""
    return st.session_state.get(_COMPARED_KEY) == ids and bool(ids)


def compare_now(ids: tuple[str, ...]) -> None:
    """The form's submit button's callback."""
    st.session_state[_COMPARED_KEY] = ids


def clear_codes(ids: tuple[str, ...]) -> None:
    for pid in ids:
        for field in ce.FIELDS:
            st.session_state[code_key(pid, field)] = [] if field == ce.PRINCIPLE else None
    st.session_state.pop(_COMPARED_KEY, None)
