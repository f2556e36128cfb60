"""Whom each outlet quotes, in words (storyframes.analysis.measures.who_is_quoted, the Framing
view's lines and the Compare cards): recounted with plain pandas from the CSV files, for the whole
articles and for a principle filter; an outlet that quotes no individual says so."""

from __future__ import annotations

import pandas as pd
import pytest

from storyframes.analysis import measures
from storyframes.core.data import DATA_DIR, load_package
from storyframes.core.filters import Filters
from storyframes.views import compare, framing
from storyframes.views.common import default_filters

DATA = load_package()
EVERYTHING = default_filters(DATA.vocab)
PASSAGES = pd.read_csv(DATA_DIR / "passages.csv", dtype=str, keep_default_na=False)
PEOPLE = pd.read_csv(DATA_DIR / "passage_people.csv", dtype=str, keep_default_na=False)
REFS = pd.read_csv(DATA_DIR / "passage_principles.csv", dtype=str, keep_default_na=False)
ARTICLES = pd.read_csv(DATA_DIR / "articles.csv", dtype=str, keep_default_na=False)


def recount(principles: set[str] | None) -> dict[str, tuple[set[str], set[str]]]:
    """outlet_id -> (individuals quoted, other voices quoted), in its prose sentences (about one
    of `principles`, or about none when "none" is among them; every sentence when None)."""
    prose = PASSAGES[PASSAGES["is_furniture"] == "False"]
    if principles is not None:
        about = REFS.groupby("passage_id")["principle_id"].agg(set)
        prose = prose[[bool(about.get(p, {"none"}) & principles) for p in prose["passage_id"]]]
    quoted = PEOPLE[(PEOPLE["mention"] == "quoted") & PEOPLE["passage_id"].isin(prose["passage_id"])]
    quoted = quoted.assign(who=quoted["person"].where(quoted["person"] != "", quoted["name_in_source"]),
                           outlet_id=quoted["passage_id"].map(dict(zip(prose["passage_id"], prose["article_id"]))).map(
                               dict(zip(ARTICLES["article_id"], ARTICLES["outlet_id"]))))
    out = {}
    for outlet_id in ARTICLES["outlet_id"]:
        mine = quoted[quoted["outlet_id"] == outlet_id]
        out[outlet_id] = (set(mine.loc[mine["person_kind"] == "person", "who"]), set(mine.loc[mine["person_kind"] != "person", "who"]))
    return out


@pytest.mark.parametrize("principles", [None, {"P4"}, {"P2", "none"}, {"P3"}], ids=["all", "P4", "P2-none", "P3"])
def test_who_is_quoted_is_recounted_from_the_files(principles):
    filters = EVERYTHING if principles is None else Filters(EVERYTHING.outlets, tuple(sorted(principles)))
    view = framing.who_is_quoted(DATA, filters)
    table = view.table.set_index("outlet_id")
    expected = recount(principles)
    assert list(table.index) == list(ARTICLES["outlet_id"])
    for outlet_id, (people, others) in expected.items():
        row = table.loc[outlet_id]
        assert set(filter(None, row["individuals"].split(measures.VOICE_SEP))) == people, outlet_id
        assert set(filter(None, row["other_voices"].split(measures.VOICE_SEP))) == others, outlet_id
        assert (row["n_individuals"], row["n_other_voices"]) == (len(people), len(others))
        assert row["no_individual"] == (not people and bool(others))
    for line, (outlet_id, (people, others)) in zip(view.lines, expected.items()):
        said = "quotes no one person, only " in line
        assert line.startswith(DATA.vocab.outlet(outlet_id)) and said == (not people and bool(others)), line
        assert ("quotes nobody" in line) == (not people and not others), line


def test_cbs_quotes_no_individual_only_the_group_through_its_statement():
    (line,) = [line for line in framing.who_is_quoted(DATA, EVERYTHING).lines if line.startswith(DATA.vocab.outlet("cbs"))]
    quoted = PEOPLE[PEOPLE["passage_id"].str.startswith("cbs-") & (PEOPLE["mention"] == "quoted")]
    assert set(quoted["person_kind"]) == {"organization"} and set(quoted["quote_channel"]) == {"statement"}  # the data's answer
    n = quoted["passage_id"].nunique()
    assert line == f"{DATA.vocab.outlet('cbs')} quotes no one person, only the group itself (how: Statement; {n} sentences with a quote)."


def test_the_compare_card_says_no_individual_where_the_whole_article_quotes_none():
    cards = {c.outlet_id: c for c in compare.build(DATA, Filters(EVERYTHING.outlets, ("P4",))).cards}  # cards read the whole article
    for outlet_id, (people, others) in recount(None).items():
        assert cards[outlet_id].quoted.startswith("no one person, only ") == (not people and bool(others)), cards[outlet_id].quoted
