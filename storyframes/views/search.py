"""Find words in the articles: a reader's word or phrase in every full text's sentences and every
outlet's headline, the matches the filters keep with their outlet and place, and how many more the
filters leave out. A search took about 9 ms with no words and 11 ms for "Michael Jordan" on the
curated package, 0.3-0.7 s on the benchmark's 3,000-article corpus here; pages build it through
`PageContext.search`, once per (data, filters, words), in a cache of its own so that what readers
type never pushes the pages' views out."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from storyframes.analysis import search as finder
from storyframes.analysis.evidence import highlight
from storyframes.core import palette
from storyframes.core.data import StoryData
from storyframes.core.filters import Filters
from storyframes.views.common import sentence_index

HIGHLIGHT = palette.HIGHLIGHT["search"]  # the match's background (a Streamlit colour name)


@dataclass(frozen=True)
class SearchView:
    query: str  # the words searched for, cleaned (`search.clean_query`)
    hits: pd.DataFrame  # the matches the filters keep: kind, outlet, where, text, spans, … in reading order
    hidden: pd.DataFrame  # the matches the filters leave out
    summary: str  # one plain sentence: what was found, or that nothing was (shown literally)
    hidden_note: str  # how many matches the filters hide, and where ("" when none)

    def markup(self, row) -> str:
        """One hit's text as Markdown that shows it literally, its matches on a coloured background."""
        return highlight(row.text, [(s, e, HIGHLIGHT) for s, e in row.spans])


def corpus(data: StoryData) -> pd.DataFrame:
    """Every sentence and headline the search reads, folded once per package."""
    return data.memo("search_corpus", lambda d: finder.searchable(sentence_index(d), d.coverage))


def kept_by_filters(data: StoryData, filters: Filters, found: pd.DataFrame) -> pd.Series:
    """True for a match the filters keep: a sentence of a chosen outlet that matches the principle
    filter (page furniture refers to no principle), a headline of a chosen outlet (a headline
    carries no principle codes, so the principle filter does not apply to it)."""
    ids = set(found["passage_id"])  # only the matches' rows: a large corpus has 50,000 sentences
    refs = data.passage_principles[data.passage_principles["passage_id"].isin(ids)]
    sentences = filters.passages(data.passages[data.passages["passage_id"].isin(ids)], data.articles, refs, include_furniture=True)
    chosen = set(filters.outlets)
    is_sentence = found["kind"] == finder.SENTENCE
    return (is_sentence & found["passage_id"].isin(set(sentences["passage_id"]))) | (~is_sentence & found["outlet_id"].isin(chosen))


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


LISTED_OUTLETS = 5  # outlets named in the hidden note; the rest are counted


def _outlets_listed(frame: pd.DataFrame) -> str:
    """'Gawker 4, CBS News 6' (matches per outlet, in reading order), the first LISTED_OUTLETS named."""
    counts = frame.groupby("outlet", sort=False).size()
    named = ", ".join(f"{outlet} {n}" for outlet, n in counts.head(LISTED_OUTLETS).items())
    rest = len(counts) - LISTED_OUTLETS
    return named + (f" and {_count(rest, 'other outlet')}" if rest > 0 else "")


def summary(query: str, hits: pd.DataFrame, hidden: pd.DataFrame) -> str:
    """The sentence over the hits: for an empty query what the box does, for no match that nothing
    has the words, else how many sentences and headlines in how many outlets."""
    if not query:
        return "Type a word or a phrase. It is looked for in every sentence of the full texts and in every headline."
    quoted = f"“{query}”"
    if hits.empty and hidden.empty:
        return f"No sentence or headline has {quoted}. Try a shorter phrase or another word."
    if hits.empty:
        return f"No sentence or headline the filters show has {quoted}."
    parts = [_count(int((hits["kind"] == kind).sum()), kind) for kind in (finder.SENTENCE, finder.HEADLINE) if (hits["kind"] == kind).any()]
    n_outlets = hits["outlet_id"].nunique()
    return f"{quoted} is in {' and '.join(parts)}, from {_count(n_outlets, 'outlet')}."


def hidden_note(hidden: pd.DataFrame) -> str:
    """How many matches the filters hide, in which outlets, and how to see them ("" for none)."""
    if hidden.empty:
        return ""
    n = len(hidden)
    return (f"{n:,} more match{'es' if n != 1 else ''} hidden by the filters ({_outlets_listed(hidden)}): "
            "choose those outlets and principles in the sidebar, or Reset filters, to see "
            f"{'it' if n == 1 else 'them'}.")


def build(data: StoryData, filters: Filters, query: str) -> SearchView:
    """The search for `query` (cleaned here) in the reader's data, split by the filters."""
    query = finder.clean_query(query)
    found = finder.find(corpus(data), query)
    kept = kept_by_filters(data, filters, found)
    hits, hidden = found[kept].reset_index(drop=True), found[~kept].reset_index(drop=True)
    return SearchView(query, hits, hidden, summary(query, hits, hidden), hidden_note(hidden))
