"""What "hand-coded" and "frame-coded" mean (storyframes.core.data.StoryData): one name each.

hand_coded_articles: the articles whose codes a person made (id without the "auto-" prefix), what the
automatic coder is measured against. frame_coded_articles: the articles with a passage_codes row,
what the frame and tone views can compare. They differ when a person gives an auto-coded article
frame codes, or when a hand-coded article has none.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from storyframes.core.data import AUTO_ID_PREFIX, DATA_DIR, load_package

AUTO = AUTO_ID_PREFIX + "0123456789"


@pytest.fixture(scope="module")
def data():
    return load_package()


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def with_tables(data, **tables):
    return dataclasses.replace(data, tables={**data.tables, **tables})


def copy_of(data, article_id: str, new_id: str, *, frame_codes: bool):
    """The package plus a copy of `article_id` under `new_id` (its passages too; its passage_codes if asked)."""
    arts, pas, codes = data.articles, data.passages, data.passage_codes
    art = arts[arts["article_id"] == article_id].assign(article_id=new_id)
    mine = pas[pas["article_id"] == article_id]
    renamed = dict(zip(mine["passage_id"], new_id + "-" + mine["passage_id"]))
    new_pas = mine.assign(article_id=new_id, passage_id=mine["passage_id"].map(renamed))
    tables = {"articles": pd.concat([arts, art], ignore_index=True), "passages": pd.concat([pas, new_pas], ignore_index=True)}
    if frame_codes:
        new_codes = codes[codes["passage_id"].isin(set(renamed))].assign(passage_id=lambda f: f["passage_id"].map(renamed))
        tables["passage_codes"] = pd.concat([codes, new_codes], ignore_index=True)
    return with_tables(data, **tables)


def test_on_the_package_both_are_recounted_from_the_csv_files(data):
    articles = csv("articles")["article_id"].tolist()
    coded_passages = set(csv("passage_codes")["passage_id"])
    passages = csv("passages")
    with_codes = set(passages.loc[passages["passage_id"].isin(coded_passages), "article_id"])
    assert data.hand_coded_articles == tuple(a for a in articles if not a.startswith("auto-"))
    assert data.frame_coded_articles == tuple(a for a in articles if a in with_codes)
    assert len(data.hand_coded_articles) >= 3  # the three curated full texts at least: the check above compares something


def test_an_auto_coded_article_without_frame_codes_is_neither(data):
    other = copy_of(data, "gawker", AUTO, frame_codes=False)
    assert AUTO in set(other.articles["article_id"])
    assert AUTO not in other.hand_coded_articles
    assert AUTO not in other.frame_coded_articles
    assert other.hand_coded_articles == data.hand_coded_articles


def test_an_auto_coded_article_given_frame_codes_by_hand_is_frame_coded_not_hand_coded(data):
    other = copy_of(data, "gawker", AUTO, frame_codes=True)
    assert AUTO not in other.hand_coded_articles  # its principles and people were still coded by machine
    assert other.frame_coded_articles == (*data.frame_coded_articles, AUTO)  # its frames can be compared


def test_a_hand_coded_article_without_frame_codes_is_hand_coded_not_frame_coded(data):
    other = copy_of(data, "gawker", "gawker-copy", frame_codes=False)
    assert "gawker-copy" in other.hand_coded_articles
    assert "gawker-copy" not in other.frame_coded_articles


def test_the_answers_are_kept_on_the_package_and_not_shared_with_a_changed_copy(data):
    assert data.frame_coded_articles is data.frame_coded_articles  # computed once per package (views ask often)
    other = copy_of(data, "gawker", "gawker-copy", frame_codes=True)
    assert "gawker-copy" in other.frame_coded_articles and "gawker-copy" not in data.frame_coded_articles
