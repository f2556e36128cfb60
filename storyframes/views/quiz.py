"""The “Guess the outlet” page's View: which outlets the reader guesses between and each level's
pool of sentences, for the reader's filter. The round itself (seed → questions) is drawn by
`storyframes.classroom.quiz.round_questions` from these pools."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from storyframes.analysis import evidence
from storyframes.analysis.measures import term_spans
from storyframes.classroom import quiz
from storyframes.classroom.quiz import Cues, cues, finished, review, round_key, round_questions, score  # noqa: F401 - the page's
from storyframes.core import palette
from storyframes.core.data import StoryData
from storyframes.core.filters import Filters
from storyframes.views import Scope, frozen


@dataclass(frozen=True)
class View:
    options: tuple[str, ...]  # the outlet_ids offered as answers, in the dashboard's order
    option_names: tuple[str, ...]  # their names, as the buttons show them
    pools: Mapping[str, pd.DataFrame]  # level -> its sentences
    outlets_note: str  # which outlets the quiz uses, and why
    scope: str  # the filter the quiz does not use


def build(data: StoryData, filters: Filters) -> View:
    vocab = data.vocab
    options = quiz.candidate_outlets(vocab.full_text_ids, filters.outlets)
    chosen = [o for o in vocab.full_text_ids if o in set(filters.outlets)]
    names = ", ".join(vocab.short(o) for o in options)
    if tuple(chosen) == options:
        note = f"The sentences come from the {len(options)} full texts chosen in the sidebar: {names}."
    else:
        picked = "no full text is" if not chosen else "only one full text is"
        note = f"The quiz needs at least two outlets with a full text, and {picked} chosen in the sidebar: it uses all {len(options)}: {names}."
    return View(
        options=options,
        option_names=tuple(vocab.outlet(o) for o in options),
        pools=frozen({level: quiz.pool(data, options, level) for level in quiz.LEVELS}),
        outlets_note=note,
        scope=Scope(principles=False, why="Any sentence of the chosen full texts can be a question.").note,
    )


# The quiz's words and rules, as the page shows them (storyframes.classroom.quiz).
LEVELS, LEVEL_LABELS, LEVEL_HELP, ROUND_SIZE = quiz.LEVELS, quiz.LEVEL_LABELS, quiz.LEVEL_HELP, quiz.ROUND_SIZE


def question_markup(text: str, found: quiz.Cues, answered: bool) -> str:
    """The question's sentence as Markdown (shown literally), with its lexicon terms highlighted
    once the reader has answered."""
    spans = term_spans(text, [t.term for t in found.terms]) if answered else []
    return evidence.highlight(text, [(s, e, palette.HIGHLIGHT["lexicon"]) for s, e in spans])
