"""“Guess the outlet”: a classroom quiz over the full texts' prose sentences, as pure functions.

A round is eight sentences drawn without replacement by `random.Random(seed)` from a level's pool,
so a class opening the same link (`?quiz=123&level=easy`) gets the same questions in the same
order. After each answer the reader sees the cues that give the outlet away, all from the codes:
the lexicon's terms in the sentence (with their register), the hand-coded frame and tone, and who
is quoted or named. Nothing here touches Streamlit; `storyframes/app/quiz_session.py` keeps a reader's
progress in their session.

Levels:
- easy: sentences with a strong cue: a lexicon term of register slang, pejorative or figurative,
  or a mocking or critical tone toward the police;
- hard: neutral sentences: no such term, tone neutral or not applicable.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from storyframes.analysis.measures import term_hits, term_spans
from storyframes.core.filters import safe_preview

LEVELS = ("easy", "hard")
DEFAULT_LEVEL = "easy"
ROUND_SIZE = 8
MAX_SEED = 999_999
SEED_PARAM, LEVEL_PARAM = "quiz", "level"
STRONG_REGISTERS = ("slang", "pejorative", "figurative")
STRONG_TONES = ("mocking", "critical")
NEUTRAL_TONES = ("neutral", "not_applicable")
LEVEL_LABELS = {"easy": "Easy", "hard": "Hard"}
LEVEL_HELP = {
    "easy": "Sentences with a strong clue: slang, an insult or a figure of speech, or a harsh or mocking tone to police.",
    "hard": "Neutral sentences: no slang, insult or figure of speech, and a neutral tone (or none) toward the police.",
}
_SEED_TEXT = re.compile(r"[0-9]{1,6}")


@dataclass(frozen=True)
class Question:
    passage_id: str
    text: str
    answer: str  # the outlet_id that published the sentence
    options: tuple[str, ...]  # the outlet_ids offered, in the dashboard's order


@dataclass(frozen=True)
class Term:
    term: str
    register: str
    register_label: str
    target: str  # what the words name: police, offenders, reform…
    target_label: str


@dataclass(frozen=True)
class Person:
    name: str  # as the sentence names them
    person: str  # the full name
    kind_label: str
    mention: str
    mention_label: str


@dataclass(frozen=True)
class Cues:
    """What gives a sentence's outlet away, from the codes."""

    passage_id: str
    terms: tuple[Term, ...]
    frame: str
    frame_label: str
    tone: str
    tone_label: str
    people: tuple[Person, ...]

    @property
    def strong_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.register in STRONG_REGISTERS)

    @property
    def strong(self) -> bool:
        return bool(self.strong_terms) or self.tone in STRONG_TONES


@dataclass(frozen=True)
class Progress:
    """One reader's way through one round: the outlets they picked, and which question is open."""

    answers: tuple[str, ...] = ()
    at: int = 0

    def answered(self, index: int) -> bool:
        return len(self.answers) > index


# --- the round from the address ------------------------------------------------------------------

def parse_seed(raw: str | None) -> tuple[int | None, str | None]:
    """(seed, notice): None and no notice when the address names no seed; None and a notice when
    it names one that is not a whole number from 0 to MAX_SEED."""
    if raw is None:
        return None, None
    value = str(raw).strip()
    if _SEED_TEXT.fullmatch(value) and int(value) <= MAX_SEED:
        return int(value), None
    return None, (f"The address names a quiz round that does not exist ({safe_preview(str(raw))}): a round is a number "
                  f"from 0 to {MAX_SEED:,}. Here is a new round instead.")


def parse_level(raw: str | None) -> tuple[str, str | None]:
    """(level, notice): the default level, with a notice, for an unknown one."""
    if raw is None:
        return DEFAULT_LEVEL, None
    value = str(raw).strip().casefold()
    if value in LEVELS:
        return value, None
    return DEFAULT_LEVEL, (f"The address names an unknown quiz level ({safe_preview(str(raw))}); the levels are "
                           f"{' and '.join(LEVELS)}. Showing the {DEFAULT_LEVEL} level instead.")


def fresh_seed(rng: random.Random | None = None, *, avoid: int | None = None) -> int:
    """A new round number, other than `avoid` (the round just played)."""
    rng = rng or random.SystemRandom()
    while True:
        seed = rng.randint(0, MAX_SEED)
        if seed != avoid:
            return seed


def round_key(seed: int, level: str, options: Sequence[str]) -> str:
    """Where a round's progress is kept in a session: a new seed, level or set of outlets is a new round."""
    return f"{level}:{seed}:{','.join(options)}"


# --- the pool and the round ----------------------------------------------------------------------

def candidate_outlets(full_text_ids: Sequence[str], chosen: Sequence[str]) -> tuple[str, ...]:
    """The outlets to guess between: the chosen full texts if at least two, else every full text."""
    wanted = set(chosen)
    picked = tuple(o for o in full_text_ids if o in wanted)
    return picked if len(picked) >= 2 else tuple(full_text_ids)


def sentences(data) -> pd.DataFrame:
    """Every prose sentence of the full texts with its outlet, tone and whether it has a strong
    term: passage_id, article_id, outlet_id, text, tone, strong_term. Once per package."""
    def build(d) -> pd.DataFrame:
        prose = d.passages[~d.passages["is_furniture"].astype(bool)]
        outlet = dict(zip(d.articles["article_id"], d.articles["outlet_id"]))
        tone = dict(zip(d.passage_codes["passage_id"], d.passage_codes["tone_police"]))
        terms = term_hits(d)  # word choice's own matches: the quiz's cues are the terms that page shows
        strong = set(terms.loc[terms["register"].isin(STRONG_REGISTERS), "passage_id"])
        return pd.DataFrame({
            "passage_id": prose["passage_id"].to_numpy(),
            "article_id": prose["article_id"].to_numpy(),
            "outlet_id": prose["article_id"].map(outlet).to_numpy(),
            "text": prose["text"].to_numpy(),
            "tone": prose["passage_id"].map(tone).fillna("").to_numpy(),
            "strong_term": prose["passage_id"].isin(strong).to_numpy(),
        })
    return data.memo("quiz_sentences", build)


def pool(data, outlet_ids: Sequence[str], level: str) -> pd.DataFrame:
    """The sentences a round of `level` is drawn from, of the candidate outlets for `outlet_ids`
    (see `candidate_outlets`), in reading order."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    every = sentences(data)
    options = candidate_outlets(data.vocab.full_text_ids, outlet_ids)
    kept = every[every["outlet_id"].isin(options)]
    strong = kept["strong_term"] | kept["tone"].isin(STRONG_TONES)
    if level == "easy":
        kept = kept[strong]
    else:
        kept = kept[~kept["strong_term"] & kept["tone"].isin(NEUTRAL_TONES)]
    return kept.reset_index(drop=True)


def round_questions(pool: pd.DataFrame, seed: int, n: int = ROUND_SIZE, *, options: Sequence[str] | None = None) -> tuple[Question, ...]:
    """`n` questions (fewer if the pool is smaller), drawn without replacement by `Random(seed)`:
    the same pool and seed give the same questions in the same order. `options` are the outlets
    offered (by default, those of the pool in order of appearance)."""
    offered = tuple(options) if options is not None else tuple(dict.fromkeys(pool["outlet_id"]))
    picks = random.Random(seed).sample(range(len(pool)), k=min(n, len(pool)))
    return tuple(Question(str(pool.at[i, "passage_id"]), str(pool.at[i, "text"]), str(pool.at[i, "outlet_id"]), offered) for i in picks)


def cues(data, passage_id: str) -> Cues:
    """The codes behind one sentence, with the codebook's labels."""
    vocab = data.vocab
    terms = term_hits(data)
    terms = terms[terms["passage_id"] == passage_id]
    text = " ".join(data.passages.loc[data.passages["passage_id"] == passage_id, "text"].astype(str))
    first = {t: (term_spans(text, [t]) or [(len(text), 0)])[0][0] for t in terms["term"]}
    terms = terms.iloc[sorted(range(len(terms)), key=lambda i: first[terms["term"].iat[i]])]  # in reading order
    codes = data.passage_codes[data.passage_codes["passage_id"] == passage_id]
    frame = str(codes["frame"].iloc[0]) if len(codes) else ""
    tone = str(codes["tone_police"].iloc[0]) if len(codes) else ""
    people = data.passage_people[data.passage_people["passage_id"] == passage_id]
    return Cues(
        passage_id=passage_id,
        terms=tuple(Term(t, r, vocab.code("register", r), g, vocab.code("target", g)) for t, r, g in zip(terms["term"], terms["register"], terms["target"])),
        frame=frame, frame_label=vocab.code("frame", frame) if frame else "",
        tone=tone, tone_label=vocab.code("tone_police", tone) if tone else "",
        people=tuple(Person(str(n), str(p), vocab.code("person_kind", str(k)), str(m), vocab.code("mention", str(m)))
                     for n, p, k, m in zip(people["name_in_source"], people["person"], people["person_kind"], people["mention"])),
    )


# --- answering and scoring -----------------------------------------------------------------------

def answer(progress: Progress, index: int, outlet_id: str) -> Progress:
    """The reader picked `outlet_id` for question `index`: kept only if that question is the open
    one and still unanswered (a double click or a stale button changes nothing)."""
    if index != progress.at or progress.answered(index):
        return progress
    return Progress(progress.answers + (outlet_id,), progress.at)


def advance(progress: Progress, index: int) -> Progress:
    """'Next question' under question `index`: only once it is answered, and only once."""
    if index != progress.at or not progress.answered(index):
        return progress
    return Progress(progress.answers, progress.at + 1)


def finished(progress: Progress, questions: Sequence[Question]) -> bool:
    return progress.at >= len(questions)


def score(questions: Sequence[Question], answers: Sequence[str]) -> int:
    """How many questions were answered with the right outlet (an unanswered one is not)."""
    return sum(1 for q, a in zip(questions, answers) if a == q.answer)


def review(questions: Sequence[Question], answers: Sequence[str], outlet_name) -> pd.DataFrame:
    """One row per question: n, sentence, yours (your answer), right_outlet, result (Right/Wrong)."""
    given = list(answers) + [""] * (len(questions) - len(answers))
    return pd.DataFrame({
        "n": range(1, len(questions) + 1),
        "sentence": [q.text for q in questions],
        "yours": [outlet_name(a) if a else "" for a in given[:len(questions)]],
        "right_outlet": [outlet_name(q.answer) for q in questions],
        "result": ["Right" if a == q.answer else "Wrong" for q, a in zip(questions, given)],
    })
