"""The registry of a view's state: every address parameter declared once.

A parameter has a name in the address, words for a person (the lesson link's form), the pages it
belongs to, and what values it takes; how it is parsed lives beside its meaning (a filter in
`core.filters`, a quiz round in `classroom.quiz`, ...) and is named here. `storyframes.app.address`
is the one code that reads and writes the address and the session's copy of it, and it writes
only what this registry declares for the page. The lesson link and the handouts take their
parameters from here, so a link made anywhere is one the page accepts.

Every choice that changes what a reader sees is here, so every view can be shared by its address.
No Streamlit here: plain data, tested without a server.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyframes.analysis import search as finder
from storyframes.app import site
from storyframes.classroom import coding_exercise, lesson, quiz, tour
from storyframes.core import filters as flt
from storyframes.present import projector
from storyframes.views import framing

EVERY_PAGE = "*"
SECTION, PLACE = "section", "place"
READ, GROUP, FIELD = "read", "group", "field"
COMPARE, WITH, DISPUTES = "compare", "with", "disputes"
SEARCH, DISPUTED = "search", "disputed"
FIND = "find"
TAGS, QUOTES, TERMS = "tags", "quotes", "terms"  # Parallel reading's switches, named while off


@dataclass(frozen=True)
class Param:
    """One address parameter. `kind`: "filter" (repeated values, the sidebar's), "flag" (1 or 0),
    "choice" (one of `choices`; empty choices: the page's data gives them), "seed" (a whole
    number from `low` to `high`), "list" (comma-separated ids) or "text" (a reader's words, at
    most `high` characters)."""

    name: str
    label: str
    pages: tuple[str, ...]
    kind: str
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 0
    help: str = ""

    @property
    def is_seed(self) -> bool:
        return self.kind == "seed"

    def belongs_to(self, page_key: str) -> bool:
        return EVERY_PAGE in self.pages or page_key in self.pages


PARAMS: tuple[Param, ...] = (
    Param(flt.OUTLET_PARAM, "Outlets", (EVERY_PAGE,), "filter"),
    Param(flt.PRINCIPLE_PARAM, "Principles", (EVERY_PAGE,), "filter"),
    Param(projector.PARAM, "Projector mode", (EVERY_PAGE,), "flag", (projector.ON, projector.OFF)),
    Param(SECTION, "Tab to open", ("framing",), "choice", framing.SECTIONS),
    Param(PLACE, "Place", ("members",), "choice", help="A member's place, as the map and the place list name it."),
    Param(READ, "Principle to read side by side", ("principles",), "choice"),
    Param(GROUP, "Sentences to read in parallel", ("framing",), "choice"),
    Param(FIELD, "Codebook field", ("sources",), "choice"),
    Param(COMPARE, "Frames: compare this outlet", ("framing",), "choice"),
    Param(WITH, "Frames: with this outlet", ("framing",), "choice"),
    Param(DISPUTES, "Mark where the second coder differs", ("compare", "framing"), "flag", ("1", "0")),
    Param(TAGS, "Parallel reading: principle tags", ("framing",), "flag", ("1", "0")),
    Param(QUOTES, "Parallel reading: quotes marked", ("framing",), "flag", ("1", "0")),
    Param(TERMS, "Parallel reading: lexicon terms marked", ("framing",), "flag", ("1", "0")),
    Param(SEARCH, "Search the members", ("members",), "text", high=100),
    Param(DISPUTED, "Disputed sentence to read", ("sources",), "choice"),
    Param(FIND, "Find words in the articles", ("home", "framing"), "text", high=finder.MAX_QUERY),
    Param(tour.STEP_PARAM, "Tour step", ("tour",), "choice", tour.KEYS),
    Param(quiz.SEED_PARAM, "Quiz round (seed)", ("quiz",), "seed", low=0, high=quiz.MAX_SEED,
          help="The same number gives every student the same questions; left empty, the link takes the number shown."),
    Param(quiz.LEVEL_PARAM, "Level", ("quiz",), "choice", tuple(quiz.LEVELS)),
    Param(coding_exercise.SET_PARAM, "Exercise set (seed)", ("code",), "seed", low=coding_exercise.SEED_MIN,
          high=coding_exercise.SEED_MAX,
          help="The same number gives every student the same sentences; left empty, the link takes the number shown."),
    Param(coding_exercise.SENTENCES_PARAM, "Sentences (a list of ids)", ("code",), "list"),
)
_BY_NAME = {p.name: p for p in PARAMS}


def param(name: str) -> Param:
    return _BY_NAME[name]


def for_page(page_key: str) -> tuple[Param, ...]:
    """Every parameter the page reads, the shared ones first."""
    return tuple(p for p in PARAMS if p.belongs_to(page_key))


def own(page_key: str) -> tuple[Param, ...]:
    """The page's own parameters (not the sidebar's, which every page has)."""
    return tuple(p for p in PARAMS if page_key in p.pages)


def lesson_fields(page_key: str) -> tuple[Param, ...]:
    """The page's own parameters a teacher sets in the lesson link's form: seeds and choices with
    fixed choices (a place comes from the data, a sentence list from the page itself)."""
    return tuple(p for p in own(page_key) if p.kind == "seed" or (p.kind == "choice" and p.choices))


def fields_for_file(page_file: str) -> tuple[Param, ...]:
    """`lesson_fields` of the page at `page_file` (none for a file that is no page)."""
    page = site.by_file(page_file)
    return lesson_fields(page.key) if page else ()


def check(page_file: str, values) -> tuple[dict[str, str], tuple[str, ...]]:
    """A teacher's values for the page at `page_file`, checked against its declared parameters
    (`classroom.lesson.check_params`): (kept, problems)."""
    page = site.by_file(page_file)
    return lesson.check_params(fields_for_file(page_file), values, page.url_path if page else repr(page_file))


def lesson_start(page_key: str, pairs) -> tuple[str, dict[str, str]] | None:
    """Where the lesson link's form starts when the teacher comes from `page_key`, whose address
    was `pairs`: that page's file and the values of its lesson fields there (a quiz's seed and
    level, a tour step, a section), each checked as the form checks it. None for the lesson page."""
    if page_key == "lesson" or page_key not in {p.key for p in site.PAGES}:
        return None
    page = site.page(page_key)
    names = {p.name for p in lesson_fields(page_key)}
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in names:
            values.setdefault(name, value)
    kept, _problems = check(page.file, values)
    return page.file, kept


def with_seeds(page_file: str, kept: dict[str, str], seeds: dict[str, int]) -> dict[str, str]:
    """A lesson link always names its round: each seed field of the page left empty takes
    `seeds[name]`, the one the form shows, so every student who opens the link gets the same
    questions. (A sentence list is never a lesson field, so it cannot stand in for the seed.)"""
    out = dict(kept)
    for p in fields_for_file(page_file):
        if p.is_seed and p.name not in out:
            out[p.name] = str(seeds[p.name])
    return {name: out[name] for name in [p.name for p in fields_for_file(page_file)] if name in out}
