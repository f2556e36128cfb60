"""The sentences behind a view: lookups from a chart selection back to verbatim passages.

Also the one safe way to put article or user text on screen: `safe()` escapes Markdown so text
is shown literally (Streamlit never renders raw HTML without unsafe_allow_html, which we never
pass article text to), and `highlight()` wraps escaped fragments in Streamlit's coloured-
background directive, so our markup goes only *around* escaped text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from storyframes.text import escape_markdown

safe = escape_markdown


def picked(state: Mapping | None, selection: str) -> list[dict]:
    """The rows a reader clicked in a chart (`st.altair_chart(..., on_select="rerun")` state)."""
    if not state:
        return []
    chosen = (state.get("selection") or {}).get(selection) or []
    return [dict(row) for row in chosen if isinstance(row, Mapping)]


def where(paragraph: int, sentence: int, n_sentences: int) -> str:
    """Where a sentence sits, for a reader: '¶3 · sentence 8 of 16'."""
    return f"¶{paragraph} · sentence {sentence} of {n_sentences}"


def with_places(passages: pd.DataFrame, articles: pd.DataFrame, all_passages: pd.DataFrame | None = None) -> pd.DataFrame:
    """Passages with their outlet and a human 'where' label ("of N" counts the whole article,
    so pass `all_passages` when `passages` is a subset)."""
    arts = articles[["article_id", "outlet_id", "outlet"]]
    frame = passages.merge(arts, on="article_id", how="left", suffixes=("", "_a"))
    totals = (passages if all_passages is None else all_passages).groupby("article_id")["sentence"].max()
    frame["where"] = [
        where(p, s, int(totals[a])) for p, s, a in zip(frame["paragraph"], frame["sentence"], frame["article_id"])
    ]
    return frame


def principle_sentences(passages: pd.DataFrame, passage_principles: pd.DataFrame, article_id: str, principle_id: str) -> pd.DataFrame:
    """The sentences of one article that refer to one principle, in reading order."""
    refs = passage_principles[passage_principles["principle_id"] == principle_id][["passage_id", "reference"]]
    rows = passages[passages["article_id"] == article_id].merge(refs, on="passage_id")
    total = int(passages[passages["article_id"] == article_id]["sentence"].max() or 0)
    rows = rows.sort_values("sentence").assign(where=lambda f: [where(p, s, total) for p, s in zip(f["paragraph"], f["sentence"])])
    return rows[["passage_id", "paragraph", "sentence", "where", "reference", "text"]].reset_index(drop=True)


def sentences_by_id(passages: pd.DataFrame, articles: pd.DataFrame, passage_ids: Iterable[str]) -> pd.DataFrame:
    """Verbatim sentences for a set of passage ids, with outlet and place, in reading order."""
    ids = list(dict.fromkeys(passage_ids))
    frame = with_places(passages[passages["passage_id"].isin(ids)], articles, passages)
    return frame.sort_values(["outlet", "sentence"])[["outlet", "outlet_id", "passage_id", "where", "text"]].reset_index(drop=True)


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """Markdown for `text` with the given (start, end, colour) spans on a coloured background.

    Overlaps are resolved by taking the earliest-starting span; each piece is escaped on its
    own, so nothing in the article can open or close our markup.
    """
    out, pos = [], 0
    for start, end, colour in sorted(spans):
        if start < pos or start >= end:
            continue
        out.append(escape_markdown(text[pos:start]))
        out.append(f":{colour}-background[{escape_markdown(text[start:end])}]")
        pos = end
    out.append(escape_markdown(text[pos:]))
    return "".join(out)


def find_all(text: str, fragment: str) -> list[tuple[int, int]]:
    """Every (start, end) of `fragment` in `text`, case-sensitive, non-overlapping."""
    spans, start = [], 0
    while fragment and (i := text.find(fragment, start)) != -1:
        spans.append((i, i + len(fragment)))
        start = i + len(fragment)
    return spans


def reading_markup(text: str, quotes: list[str], terms: list[str], *, show_quotes: bool, show_terms: bool,
                   furniture: bool = False) -> str:
    """One sentence for the parallel reading: quotes and lexicon terms on coloured backgrounds,
    furniture greyed. Article text is escaped piece by piece inside our markup."""
    if furniture:
        return f":gray[{escape_markdown(text)}]"
    spans: list[tuple[int, int, str]] = []
    if show_quotes:
        spans += [(s, e, "blue") for q in quotes for s, e in find_all(text, q)]
    if show_terms:
        spans += [(s, e, "orange") for t in terms for s, e in find_all(text, t)]
    return highlight(text, spans)


def reading_groups(passages: pd.DataFrame, passage_principles: pd.DataFrame) -> pd.DataFrame:
    """Passages with the group they are aligned under: their first principle, or "none"."""
    first = passage_principles.sort_values("principle_id").groupby("passage_id")["principle_id"].first()
    refs = passage_principles.groupby("passage_id")["principle_id"].agg(lambda s: " ".join(sorted(s)))
    return passages.assign(group=passages["passage_id"].map(first).fillna("none"),
                           principles=passages["passage_id"].map(refs).fillna(""))


def passages_with_term(passages: pd.DataFrame, articles: pd.DataFrame, outlet_id: str | None, term: str | None) -> list[str]:
    """Prose passages of one outlet whose tokens include `term` (the tokenizer the word statistics use)."""
    from storyframes.text import tokenize

    arts = articles[articles["outlet_id"] == outlet_id]["article_id"]
    rows = passages[passages["article_id"].isin(arts) & ~passages["is_furniture"]]
    return [p for p, t in zip(rows["passage_id"], rows["text"]) if term in tokenize(t)]


def quoted_passages(passage_people: pd.DataFrame, passages: pd.DataFrame, articles: pd.DataFrame, outlet_id: str | None, person: str | None) -> list[str]:
    """Passages of one outlet in which `person` is quoted."""
    arts = articles[articles["outlet_id"] == outlet_id]["article_id"]
    ids = set(passages[passages["article_id"].isin(arts)]["passage_id"])
    rows = passage_people[(passage_people["person"] == person) & (passage_people["mention"] == "quoted") & passage_people["passage_id"].isin(ids)]
    return list(dict.fromkeys(rows["passage_id"]))
