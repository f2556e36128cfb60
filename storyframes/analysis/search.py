"""Finding a reader's words in the articles: every sentence of the full texts and every outlet's
headline, searched for a word or phrase.

The query is text, never a pattern: letter case does not matter, nor the kind of quote marks or
apostrophes the outlet typed (“ ” ‘ ’ or " '), nor how many spaces stand between the words. A
phrase is found whole, starting at the start of a word ("arrest" finds "arrested", "cop" does not
find "scope"). Pure functions of tables: the page shows what `find` returns.
"""

from __future__ import annotations

import re

import pandas as pd

MAX_QUERY = 100  # characters, as the address keeps them (the Members search takes as many)

# Each mark as the straight one a keyboard types; one character for one, so a match's place in the
# folded text is its place in the sentence as written.
_FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})

SEARCH_COLUMNS = {"kind": "str", "passage_id": "str", "article_id": "str", "outlet_id": "str", "outlet": "str", "where": "str",
                  "text": "str", "order": "int64"}
SENTENCE, HEADLINE = "sentence", "headline"
HEADLINE_PLACE = "headline"


def clean_query(raw: object) -> str:
    """A reader's words as the search takes them: printable characters only, cut to MAX_QUERY,
    runs of spaces as one, no space at either end (as the page's other text parameters)."""
    printable = "".join(ch for ch in str(raw or "") if ch.isprintable())[:MAX_QUERY]
    return " ".join(printable.split())


def fold(text: str) -> str:
    """`text` in lower case with curly quotes and apostrophes made straight, one character for one
    (a letter whose lower case is longer, such as "İ", is kept as it is)."""
    straight = text.translate(_FOLD)
    lower = straight.lower()
    if len(lower) == len(straight):  # lower() never shortens a character: equal lengths, one for one
        return lower
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in straight)


def pattern(query: str) -> re.Pattern[str] | None:
    """The compiled search for `query` (None for no words): its words, escaped, in order, with any
    whitespace between them; at the start of a word when it starts with a letter or digit."""
    words = fold(clean_query(query)).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile((r"(?<!\w)" if re.match(r"\w", words[0]) else "") + body)


def searchable(index: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """What the search reads, in reading order: every sentence of `index` (`evidence.sentence_index`:
    the full texts, page furniture too, with their place labels), then every headline of `coverage`
    (place "headline") that is not already a sentence of its article, with the columns of
    SEARCH_COLUMNS and `folded` (the text as `fold` makes it)."""
    columns = ["passage_id", "article_id", "outlet_id", "outlet", "where", "text"]
    sentences = pd.DataFrame({c: index[c].astype(str).to_numpy() for c in columns}).assign(kind=SENTENCE)
    article = coverage["article_id"].fillna("").astype(str)
    said = set(zip(sentences["article_id"], sentences["text"].map(fold)))
    headline = coverage["headline"].astype(str)
    kept = pd.Series([(a, h) not in said for a, h in zip(article, headline.map(fold))], index=coverage.index, dtype=bool)
    heads = coverage[kept]
    headlines = pd.DataFrame({"passage_id": "", "article_id": article[kept].to_numpy(),
                              "outlet_id": heads["outlet_id"].astype(str).to_numpy(), "outlet": heads["outlet"].astype(str).to_numpy(),
                              "where": HEADLINE_PLACE, "text": headline[kept].to_numpy(), "kind": HEADLINE})
    frame = pd.concat([sentences, headlines], ignore_index=True)
    frame["order"] = range(len(frame))
    frame = frame[list(SEARCH_COLUMNS)].astype(SEARCH_COLUMNS)
    frame["folded"] = frame["text"].map(fold)
    return frame


def find(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """The rows of `table` (a `searchable` frame) whose text holds `query`, in the table's order,
    with `spans` (each match's (start, end) in `text`) and `n_matches`; no row for no words."""
    compiled = pattern(query)
    folded = table["folded"] if "folded" in table.columns else table["text"].astype(str).map(fold)
    if compiled is None:
        return table.iloc[0:0].assign(spans=pd.Series(dtype=object), n_matches=pd.Series(dtype="int64"))
    spans = folded.map(lambda text: tuple(m.span() for m in compiled.finditer(text)))
    hit = spans.map(bool)
    found = table[hit].assign(spans=spans[hit], n_matches=spans[hit].map(len).astype("int64"))
    return found.reset_index(drop=True)
