"""Apply the reader's filters to the tables: pure functions, DataFrame in, DataFrame out.

Principle filter rule: a sentence is kept when any principle it refers to is chosen, or when it
refers to none and "none" is chosen. So the default (all four + none) keeps every sentence, and
choosing only P4 keeps exactly the sentences about P4.
"""

from __future__ import annotations

import pandas as pd

from storyframes.filters import NO_PRINCIPLE, Filters


def chosen_articles(articles: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Full-text articles of the chosen outlets, in the dashboard's outlet order."""
    order = {o: i for i, o in enumerate(filters.outlets)}
    kept = articles[articles["outlet_id"].isin(order)]
    return kept.assign(_o=kept["outlet_id"].map(order)).sort_values("_o").drop(columns="_o")


def principles_of(passages: pd.DataFrame, passage_principles: pd.DataFrame) -> pd.Series:
    """Per passage id, the set of principles it refers to ({"none"} when it refers to none)."""
    grouped = passage_principles.groupby("passage_id")["principle_id"].agg(frozenset)
    return passages["passage_id"].map(grouped).apply(lambda s: s if isinstance(s, frozenset) else frozenset({NO_PRINCIPLE}))


def principle_mask(passages: pd.DataFrame, passage_principles: pd.DataFrame, principles) -> pd.Series:
    """True for passages that match the principle filter (a boolean Series, empty-safe)."""
    chosen = frozenset(principles)
    refs = principles_of(passages, passage_principles)
    return pd.Series([bool(s & chosen) for s in refs], index=passages.index, dtype=bool)


def chosen_passages(
    passages: pd.DataFrame,
    articles: pd.DataFrame,
    passage_principles: pd.DataFrame,
    filters: Filters,
    *,
    include_furniture: bool = False,
) -> pd.DataFrame:
    """Sentences of the chosen outlets that match the principle filter (passages' own columns)."""
    kept = passages[passages["article_id"].isin(chosen_articles(articles, filters)["article_id"])]
    if not include_furniture:
        kept = kept[~kept["is_furniture"]]
    return kept[principle_mask(kept, passage_principles, filters.principles)].reset_index(drop=True)


def chosen_coverage(coverage: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Headlines of the chosen outlets (the principle filter does not apply to headlines)."""
    kept = coverage[coverage["outlet_id"].isin(filters.outlets)]
    return kept.sort_values(["published_earliest", "outlet"]).reset_index(drop=True)


def chosen_principles(principles: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return principles[principles["principle_id"].isin(filters.principles)].reset_index(drop=True)


def describe(filters: Filters, default: Filters, outlet_names: dict[str, str]) -> str:
    """One line saying what the current view shows, for captions and downloads."""
    if tuple(filters.outlets) == tuple(default.outlets):
        outlets = f"all {len(default.outlets)} outlets"
    else:
        outlets = ", ".join(outlet_names.get(o, o) for o in filters.outlets) or "no outlet"
    if tuple(filters.principles) == tuple(default.principles):
        principles = "all principles"
    else:
        principles = (", ".join("sentences about no principle" if p == NO_PRINCIPLE else p for p in filters.principles)
                      or "no principle selected")
    return f"Showing {outlets}; {principles}."
