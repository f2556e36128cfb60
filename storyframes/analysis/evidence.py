"""The sentences behind a view: one place label, and lookups from a chart element back to verbatim
passages.

Also the Markdown for the parallel reading: `highlight()` wraps escaped fragments in Streamlit's
coloured-background directive, so our markup goes only *around* escaped text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from storyframes.core.text import escape_markdown

safe = escape_markdown


def picked(state: Mapping | None, selection: str) -> list[dict]:
    """The rows a reader clicked in a chart (`st.altair_chart(..., on_select="rerun")` state)."""
    if not state:
        return []
    chosen = (state.get("selection") or {}).get(selection) or []
    return [dict(row) for row in chosen if isinstance(row, Mapping)]


SENTENCE_COLUMNS = ["passage_id", "article_id", "outlet_id", "outlet", "paragraph", "sentence", "prose_rank", "n_prose", "where", "text",
                    "is_furniture"]


def place_label(paragraph: int, prose_rank: int, n_prose: int, is_furniture: bool = False) -> str:
    """Where a sentence sits, for a reader: '¶3 · sentence 8 of 16'. Only the outlet's own prose is
    counted (the same count as the cards), so page furniture gets no number."""
    if is_furniture:
        return f"¶{paragraph} · page furniture (not counted)"
    return f"¶{paragraph} · sentence {prose_rank} of {n_prose}"


def sentence_index(passages: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Every passage of the given articles with its outlet and place label, indexed by passage id,
    in outlet order (as `articles` lists them) and reading order."""
    from storyframes.analysis.measures import as_bool, prose  # prose ranks: one definition of "sentence 8 of 16"

    arts = articles[["article_id", "outlet_id", "outlet"]].drop_duplicates("article_id")
    ranked = prose(passages, arts)[["passage_id", "prose_rank", "n_prose"]]
    frame = passages.merge(arts, on="article_id").merge(ranked, on="passage_id", how="left")
    n_prose = frame.groupby("article_id")["n_prose"].transform("max").fillna(0)
    frame = frame.assign(
        prose_rank=frame["prose_rank"].fillna(0).astype("int64"), n_prose=n_prose.astype("int64"),
        is_furniture=as_bool(frame["is_furniture"]),
        _a=frame["article_id"].map({a: i for i, a in enumerate(arts["article_id"])}), _s=pd.to_numeric(frame["sentence"]),
    )
    frame["where"] = [place_label(int(p), int(r), int(n), bool(f))
                      for p, r, n, f in zip(frame["paragraph"], frame["prose_rank"], frame["n_prose"], frame["is_furniture"])]
    frame = frame.sort_values(["_a", "_s"], kind="stable")[SENTENCE_COLUMNS]
    return frame.set_index("passage_id", drop=False)


def sentences_for(index: pd.DataFrame, passage_ids: Iterable[str]) -> pd.DataFrame:
    """The verbatim sentences behind a chart element, in outlet and reading order (unknown ids skipped)."""
    wanted = set(passage_ids)
    return index[index["passage_id"].isin(wanted)].reset_index(drop=True)


def evidence_key(row: Mapping, fields: Iterable[str]) -> tuple[str, ...]:
    """The key a clicked chart element has in a view's evidence lookup."""
    return tuple(str(row.get(f, "")) for f in fields)


def mark_choices(evidence: Mapping[tuple[str, ...], tuple[str, ...]], headings: Mapping[tuple[str, ...], str]) -> dict[str, tuple[str, ...]]:
    """A chart's marks as a list a reader can choose from by keyboard: label -> the mark's key in
    `evidence`, in the chart's order. The label is the mark's heading (what a click shows above its
    sentences), made unique ("… (2)") because a select box tells its options apart by label."""
    out: dict[str, tuple[str, ...]] = {}
    for key in evidence:
        label = headings.get(key) or " · ".join(key)
        n, unique = 1, label
        while unique in out:
            n += 1
            unique = f"{label} ({n})"
        out[unique] = key
    return out


def ids_by(frame: pd.DataFrame, fields: list[str], ids: str = "passage_ids") -> dict[tuple[str, ...], tuple[str, ...]]:
    """Evidence lookup from a table with a ', '-joined passage id column: key fields -> ids."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for values, joined in zip(frame[fields].astype(str).itertuples(index=False, name=None), frame[ids]):
        out[tuple(values)] = tuple(p for p in str(joined).split(", ") if p)
    return out


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
