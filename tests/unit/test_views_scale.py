"""What lets the views serve a corpus larger than the curated one: values built on demand, and
outlets with several articles (benchmarks/make_corpus.py makes such corpora)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from benchmarks.make_corpus import make_corpus
from benchmarks.report import Target
from storyframes.analysis import measures
from storyframes.core.data import load_package
from storyframes.views import Lazy, common, framing


def test_lazy_builds_each_value_once_and_only_when_asked():
    calls = []
    lazy = Lazy([("a", "b"), ("b", "a")], lambda key: calls.append(key) or "-".join(key))
    assert len(lazy) == 2 and list(lazy) == [("a", "b"), ("b", "a")] and calls == []
    assert lazy[("a", "b")] == "a-b" and lazy[("a", "b")] == "a-b"
    assert calls == [("a", "b")]
    with pytest.raises(KeyError):
        lazy[("a", "a")]
    assert calls == [("a", "b")]


def test_lazy_builds_once_when_readers_ask_at_the_same_moment():
    calls, start = [], threading.Barrier(8)
    lazy = Lazy(["x"], lambda key: calls.append(key) or key.upper())
    threads = [threading.Thread(target=lambda: (start.wait(), lazy["x"])) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["x"]


def test_a_target_with_a_ratio_and_a_time_needs_both():
    both = Target(ratio=20, ms=300)
    assert both.label() == "≤ 20× and ≤ 300 ms"
    assert both.met(250, 10) is True
    assert both.met(350, 10) is False and both.met(250, 25) is False
    assert both.met(250, None) is None and both.met(350, None) is False


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "c12"
    make_corpus(12, folder, outlets=2)
    return folder


def test_a_synthetic_corpus_loads_through_the_loader(corpus):
    data = load_package(corpus)
    arts = data.articles
    assert len(arts) == 12
    synthetic = arts[arts["article_id"].str.startswith("syn-")]
    assert synthetic["outlet_id"].value_counts().to_dict() == {"syn-outlet-01": 5, "syn-outlet-02": 4}
    # every synthetic sentence is a real one, with the real one's codes
    real = load_package()
    real_text = set(real.passages["text"])
    mine = data.passages[data.passages["article_id"].str.startswith("syn-")]
    assert set(mine["text"]) <= real_text
    codes = data.passage_codes.merge(data.passages[["passage_id", "text"]], on="passage_id")
    real_codes = real.passage_codes.merge(real.passages[["passage_id", "text"]], on="passage_id")
    by_text = {(t, f) for t, f in zip(real_codes["text"], real_codes["frame"])}
    assert {(t, f) for t, f in zip(codes["text"], codes["frame"])} <= by_text


def test_a_synthetic_corpus_is_a_valid_frictionless_package(corpus):
    import frictionless  # a test dependency (requirements-dev.txt)

    report = frictionless.Package(str(corpus / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_an_outlet_with_several_articles_is_one_outlet_in_every_section(corpus):
    data = load_package(corpus)
    sel = common.select(data, common.default_filters(data.vocab))
    assert sel.outlet_ids == list(dict.fromkeys(sel.outlet_ids))
    assert sel.outlet_ids[-2:] == ["syn-outlet-01", "syn-outlet-02"]
    matrix = measures.principle_matrix(sel.data, sel.outlet_ids, sel.principles["principle_id"])
    assert not matrix.duplicated(["outlet_id", "principle_id"]).any()
    words = framing.build_section(data, common.default_filters(data.vocab), "Words")
    assert list(words.charts) == sel.outlet_ids


def test_the_compare_cards_are_one_per_full_text_and_table_as_one(corpus):
    from storyframes.views import compare

    data = load_package(corpus)
    view = compare.build(data, common.default_filters(data.vocab))
    # one card per full text, in the reader's outlet order (an outlet's articles together)
    assert [c.outlet_id for c in view.cards] == view.selection.articles["outlet_id"].tolist()
    assert sorted(c.headline for c in view.cards) == sorted(data.articles["headline"])
    table = compare.cards_table(view.cards)
    assert list(table.columns) == list(compare.CARD_COLUMNS) and len(table) == len(view.cards) == 12
    assert table["words"].tolist() == [c.words for c in view.cards]
