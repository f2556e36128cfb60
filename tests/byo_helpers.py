"""A hand-made auto-coded article for the "bring your own article" tests: a curated article's rows
copied under a new id and outlet, shaped as `storyframes.autocode.AutoCoded` is (the tests of the
page use the real pipeline; these test the data and the views without it)."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

import pandas as pd

from storyframes.core.data import StoryData


@dataclass(frozen=True)
class FakeCoded:
    article_id: str
    tables: Mapping[str, pd.DataFrame]
    found: Mapping[str, int]


def fake_coded(data: StoryData, source: str = "gawker", article_id: str = "auto-0123456789", outlet: str = "The Test Ledger",
               headline: str = "Police chiefs call for fewer arrests") -> FakeCoded:
    """`source`'s rows under `article_id`, as if the pipeline had coded them (no passage_codes)."""
    t = data.tables
    art = t["articles"][t["articles"]["article_id"] == source].copy()
    art["article_id"], art["outlet_id"], art["outlet"], art["headline"] = article_id, article_id, outlet, headline
    ps = t["passages"][t["passages"]["article_id"] == source].copy()
    rename = {p: f"{article_id}-{i + 1:02d}" for i, p in enumerate(ps["passage_id"])}
    ps["passage_id"], ps["article_id"] = ps["passage_id"].map(rename), article_id
    pp = t["passage_principles"][t["passage_principles"]["passage_id"].isin(rename)].copy()
    pp["passage_id"] = pp["passage_id"].map(rename)
    people = t["passage_people"][t["passage_people"]["passage_id"].isin(rename)].copy()
    people["passage_id"] = people["passage_id"].map(rename)
    lex = t["lexicon"][t["lexicon"]["article_id"] == source].copy()
    lex["article_id"], lex["first_passage_id"] = article_id, lex["first_passage_id"].map(rename)
    tables = {"articles": art, "passages": ps, "passage_principles": pp, "passage_people": people, "lexicon": lex}
    tables = {k: v.reset_index(drop=True) for k, v in tables.items()}
    found = {"sentences": int((~ps["is_furniture"]).sum()), "principle_refs": len(pp), "people": people["person"].nunique(),
             "terms": len(lex)}
    return FakeCoded(article_id, MappingProxyType(tables), MappingProxyType(found))
