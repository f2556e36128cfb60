"""Text processing: paragraphs, sentences, page furniture, tokens and safe display.

Everything here is a pure function of strings. The data build (`scripts/build_passages.py`) and
the loader's checks both use it, so a sentence is cut the same way wherever it is cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

# Quote marks that pysbd treats as sentence-level units. Masking them (same length, so offsets
# hold) lets pysbd split a multi-sentence quotation into its sentences while keeping a quote
# with its attribution ("…want?'” Chicago Police Superintendent … told the New York Times.").
_QUOTE_MASK = re.compile(r"[“”\"]")
# An opening quote left at the end of a piece belongs to the next sentence.
_STRANDED_OPENER = re.compile(r"(?<=\s)[“\"‘]+\s*$")

# Page furniture: lines captured with the article that are not the article's own prose.
# Kept and marked, never dropped. Each pattern names its kind.
FURNITURE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Watch CBSN Live$"), "navigation"),
    (re.compile(r"^View CBS News In$"), "navigation"),
    (re.compile(r"^Image via [A-Z].*\.$"), "credit"),
    (re.compile(r"^Contact the author at\b.*$"), "credit"),
    (re.compile(r"^This article was originally published by .+\.$"), "republication note"),
)

# Multi-word terms that carry meaning as a unit; the tokenizer keeps each as one token.
MULTIWORD_TERMS: tuple[str, ...] = (
    "mass incarceration",
    "mandatory minimum sentences",
    "mandatory minimum sentencing",
    "mandatory minimums",
    "mandatory minimum",
    "law enforcement",
    "criminal justice",
    "public safety",
    "police chiefs",
    "police departments",
    "mental health",
    "drug treatment",
    "drug laws",
    "white house",
    "new york times",
    "statement of principles",
    "top brass",
    "dudes in blue",
    "low-level offenders",
    "low-level offenses",
    "prison population",
    "incarceration rate",
    "procedural justice",
    "police legitimacy",
    "crime control",
    "broken windows",
    "stop-and-frisk",
)

STOPWORDS: frozenset[str] = frozenset(
    """a about after all also am an and any are as at be been being both but by can could did
    do does doing for from had has have having he her here him his how i if in into is it its
    it's itself just me more most my no nor not now of off on once only or other our ours out
    over own same she should so some such than that that's the their theirs them then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours i'm we're they're you'd i've we've it’s
    that’s i’m we’re they’re you’d i’ve we’ve""".split()
)

_WORD = re.compile(r"[a-z0-9]+(?:[’'\-][a-z0-9]+)*")


@dataclass(frozen=True)
class Span:
    """A piece of a source text with its character offsets (end exclusive)."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_paragraphs(raw: str) -> list[Span]:
    """The non-blank lines of a captured article, with offsets into `raw`."""
    spans, pos = [], 0
    for line in raw.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append(Span(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return spans


def split_sentences(paragraph: str) -> list[Span]:
    """Cut one paragraph into sentences, verbatim, with offsets into the paragraph.

    pysbd handles abbreviations (D.C., U.S., Dr., initials) and brackets ("adopt[ing]"); quote
    marks are masked first so the sentences inside a long quotation are separated too.
    """
    if not paragraph.strip():
        return []
    masked = _QUOTE_MASK.sub(" ", paragraph)
    cuts = [seg.start for seg in _segmenter().segment(masked)][1:]
    bounds = [0, *[c for c in cuts if 0 < c < len(paragraph)], len(paragraph)]
    pieces = [[bounds[i], bounds[i + 1]] for i in range(len(bounds) - 1)]
    for i in range(len(pieces) - 1):
        m = _STRANDED_OPENER.search(paragraph[pieces[i][0] : pieces[i][1]])
        if m:
            moved = pieces[i][0] + m.start()
            pieces[i][1] = moved
            pieces[i + 1][0] = moved
    # A piece that starts in lower case continues the sentence before it ("“Why?” he asked.").
    merged: list[list[int]] = []
    for start, end in pieces:
        head = paragraph[start:end].lstrip(" “\"‘'")
        if merged and head[:1].islower():
            merged[-1][1] = end
        else:
            merged.append([start, end])
    spans = []
    for start, end in merged:
        piece = paragraph[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            s = start + lead
            spans.append(Span(s, s + len(piece.strip()), piece.strip()))
    return spans


def furniture_kind(sentence: str, headline: str = "") -> str:
    """The kind of page furniture a sentence is, or "" for the article's own prose.

    A line that repeats the article's headline is furniture of kind "headline": the headline is
    compared with the body, so it must not also count as body text.
    """
    if headline and sentence.strip().casefold() == headline.strip().casefold():
        return "headline"
    for pattern, kind in FURNITURE_PATTERNS:
        if pattern.match(sentence.strip()):
            return kind
    return ""


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters/digits, inner apostrophes and hyphens."""
    return len(_WORD.findall(text.lower()))


def normalise_quotes(text: str) -> str:
    """Curly quotes to straight ones, so terms match whichever the outlet typed."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def tokenize(text: str, *, drop_stopwords: bool = True) -> list[str]:
    """Lower-case word tokens, keeping MULTIWORD_TERMS as single tokens ("mass incarceration")."""
    lowered = normalise_quotes(text.lower())
    for term in MULTIWORD_TERMS:  # longest terms are listed first where they overlap
        lowered = re.sub(rf"\b{re.escape(term)}\b", term.replace(" ", "_"), lowered)
    tokens = re.findall(r"[a-z0-9_]+(?:['\-][a-z0-9_]+)*", lowered)
    tokens = [t.replace("_", " ") for t in tokens]
    if drop_stopwords:
        tokens = [t for t in tokens if t not in STOPWORDS and not t.isdigit() and len(t) > 1]
    return tokens


# Characters that Markdown (and Streamlit's directives) would interpret.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def escape_markdown(text: str) -> str:
    """Escape text so st.markdown shows it literally: no emphasis, links, HTML, maths or icons."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\n", " ")
