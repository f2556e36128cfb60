"""The reader's filters applied to the tables (`Filters` methods in storyframes.core.filters), on tiny tables worked out by hand.

The shared fixture: three outlets, each with one article.

    a-01  article a  s1  prose      refers to P1
    a-02  article a  s2  prose      refers to P1 and P4
    a-03  article a  s3  prose      refers to none
    a-04  article a  s4  furniture  refers to none
    b-01  article b  s1  furniture  refers to none
    b-02  article b  s2  prose      refers to P2
    b-03  article b  s3  prose      refers to none
    c-01  article c  s1  prose      refers to P4

Outlets: a -> "oa" (Outlet A), b -> "ob" (Outlet B), c -> "oc" (Outlet C).
"""

import pandas as pd
import pytest

from storyframes.core.filters import NO_PRINCIPLE, Filters, principle_mask, principles_of


# The tests below read as "what is chosen from which table"; each call goes to the Filters method.
def chosen_articles(articles, filters):
    return filters.articles(articles)


def chosen_passages(passages, articles, refs, filters, **kwargs):
    return filters.passages(passages, articles, refs, **kwargs)


def chosen_coverage(coverage, filters):
    return filters.coverage(coverage)


def chosen_principles(principles, filters):
    return filters.principle_rows(principles)

ALL_PRINCIPLES = ("P1", "P2", "P3", "P4", NO_PRINCIPLE)
ALL_OUTLETS = ("oa", "ob", "oc")
DEFAULT = Filters(ALL_OUTLETS, ALL_PRINCIPLES)
PASSAGE_COLUMNS = ["passage_id", "article_id", "paragraph", "sentence", "text", "is_furniture"]


@pytest.fixture
def passages():
    rows = [
        ("a-01", "a", 1, 1, "First of A.", False),
        ("a-02", "a", 1, 2, "Second of A.", False),
        ("a-03", "a", 2, 3, "Third of A.", False),
        ("a-04", "a", 3, 4, "Image via AP.", True),
        ("b-01", "b", 1, 1, "Watch Live", True),
        ("b-02", "b", 2, 2, "Second of B.", False),
        ("b-03", "b", 2, 3, "Third of B.", False),
        ("c-01", "c", 1, 1, "Only of C.", False),
    ]
    frame = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    frame["is_furniture"] = frame["is_furniture"].astype(bool)
    return frame


@pytest.fixture
def articles():
    return pd.DataFrame({"article_id": ["a", "b", "c"], "outlet_id": ["oa", "ob", "oc"],
                         "outlet": ["Outlet A", "Outlet B", "Outlet C"]})


@pytest.fixture
def refs():
    return pd.DataFrame({"passage_id": ["a-01", "a-02", "a-02", "b-02", "c-01"],
                         "principle_id": ["P1", "P1", "P4", "P2", "P4"],
                         "reference": ["quoted", "paraphrased", "quoted", "paraphrased", "quoted"]})


def ids(frame):
    return sorted(frame["passage_id"])


# --- principle filter rule ----------------------------------------------------------------------


def test_principles_of_gives_each_passage_its_set_or_none(passages, refs):
    got = dict(zip(passages["passage_id"], principles_of(passages, refs)))
    assert got == {
        "a-01": frozenset({"P1"}), "a-02": frozenset({"P1", "P4"}), "a-03": frozenset({"none"}),
        "a-04": frozenset({"none"}), "b-01": frozenset({"none"}), "b-02": frozenset({"P2"}),
        "b-03": frozenset({"none"}), "c-01": frozenset({"P4"}),
    }


@pytest.mark.parametrize(
    "principles, expected",
    [
        (ALL_PRINCIPLES, ["a-01", "a-02", "a-03", "b-02", "b-03", "c-01"]),  # default keeps every prose sentence
        ((), []),  # an empty choice keeps none
        (("P4",), ["a-02", "c-01"]),  # exactly the sentences about P4
        (("P1",), ["a-01", "a-02"]),
        ((NO_PRINCIPLE,), ["a-03", "b-03"]),  # only the sentences about no principle
        (("P1", NO_PRINCIPLE), ["a-01", "a-02", "a-03", "b-03"]),
        (("P3",), []),  # nobody refers to P3
        (("P2", "P4"), ["a-02", "b-02", "c-01"]),  # any chosen principle is enough
    ],
)
def test_principle_filter_rule(passages, articles, refs, principles, expected):
    got = chosen_passages(passages, articles, refs, Filters(ALL_OUTLETS, principles))
    assert ids(got) == expected


def test_principle_mask_is_boolean_and_keeps_the_passages_index(passages, refs):
    shuffled = passages.set_index(pd.Index([10, 11, 12, 13, 14, 15, 16, 17]))
    mask = principle_mask(shuffled, refs, ["P4"])
    assert mask.dtype == bool
    assert list(mask.index) == [10, 11, 12, 13, 14, 15, 16, 17]
    assert list(shuffled.loc[mask, "passage_id"]) == ["a-02", "c-01"]


def test_principle_mask_on_empty_passages_is_an_empty_boolean_series(passages, refs):
    mask = principle_mask(passages.iloc[0:0], refs, ALL_PRINCIPLES)
    assert len(mask) == 0 and mask.dtype == bool


def test_no_principle_references_at_all_means_every_sentence_is_about_none(passages, articles, refs):
    no_refs = refs.iloc[0:0]
    assert ids(chosen_passages(passages, articles, no_refs, Filters(ALL_OUTLETS, ("P1", "P4")))) == []
    assert ids(chosen_passages(passages, articles, no_refs, Filters(ALL_OUTLETS, (NO_PRINCIPLE,)))) == [
        "a-01", "a-02", "a-03", "b-02", "b-03", "c-01"]


# --- outlets and furniture ----------------------------------------------------------------------


def test_chosen_articles_follow_the_filters_order_not_the_table_order(articles):
    got = chosen_articles(articles, Filters(("oc", "oa"), ALL_PRINCIPLES))
    assert got["article_id"].tolist() == ["c", "a"]
    assert list(got.columns) == list(articles.columns)  # no helper column left behind
    got = chosen_articles(articles, Filters(("ob", "oc", "oa"), ALL_PRINCIPLES))
    assert got["outlet_id"].tolist() == ["ob", "oc", "oa"]


def test_chosen_articles_ignores_outlets_without_a_full_text(articles):
    got = chosen_articles(articles, Filters(("nyt", "ob"), ALL_PRINCIPLES))
    assert got["outlet_id"].tolist() == ["ob"]


def test_chosen_passages_keeps_only_the_chosen_outlets(passages, articles, refs):
    got = chosen_passages(passages, articles, refs, Filters(("oc", "ob"), ALL_PRINCIPLES))
    assert ids(got) == ["b-02", "b-03", "c-01"]
    assert list(got.index) == list(range(len(got)))


def test_chosen_passages_keeps_reading_order_within_an_article(passages, articles, refs):
    got = chosen_passages(passages, articles, refs, DEFAULT)
    a = got[got["article_id"] == "a"]["sentence"].tolist()
    assert a == sorted(a) == [1, 2, 3]


def test_furniture_is_left_out_by_default_and_kept_on_request(passages, articles, refs):
    default = chosen_passages(passages, articles, refs, DEFAULT)
    assert not default["is_furniture"].any()
    assert "a-04" not in set(default["passage_id"]) and "b-01" not in set(default["passage_id"])
    kept = chosen_passages(passages, articles, refs, DEFAULT, include_furniture=True)
    assert ids(kept) == ids(passages)
    only_none = chosen_passages(passages, articles, refs, Filters(ALL_OUTLETS, (NO_PRINCIPLE,)), include_furniture=True)
    assert ids(only_none) == ["a-03", "a-04", "b-01", "b-03"]


def test_chosen_passages_returns_the_passages_own_columns(passages, articles, refs):
    got = chosen_passages(passages, articles, refs, DEFAULT)
    assert list(got.columns) == PASSAGE_COLUMNS


# --- empty inputs -------------------------------------------------------------------------------


def test_empty_passages_give_an_empty_frame_with_the_same_columns(passages, articles, refs):
    got = chosen_passages(passages.iloc[0:0], articles, refs, DEFAULT)
    assert got.empty and list(got.columns) == PASSAGE_COLUMNS


def test_no_outlet_chosen_gives_empty_frames_with_the_same_columns(passages, articles, refs):
    none = Filters((), ALL_PRINCIPLES)
    arts = none.articles(articles)
    assert arts.empty and list(arts.columns) == list(articles.columns)
    got = chosen_passages(passages, articles, refs, none)
    assert got.empty and list(got.columns) == PASSAGE_COLUMNS


def test_empty_articles_table_gives_empty_frames(passages, articles, refs):
    got = chosen_passages(passages, articles.iloc[0:0], refs, DEFAULT)
    assert got.empty and list(got.columns) == PASSAGE_COLUMNS


# --- coverage and principles --------------------------------------------------------------------


@pytest.fixture
def coverage():
    return pd.DataFrame({
        "coverage_id": ["x", "oa", "ob", "oc", "y"],
        "outlet_id": ["ox", "oa", "ob", "oc", "oy"],
        "outlet": ["Zeta", "Outlet A", "Outlet B", "Outlet C", "Alpha"],
        "published_earliest": pd.to_datetime(["2015-10-21", "2015-10-26", "2015-10-21", "2015-10-21", "2015-10-22"]),
    })


def test_chosen_coverage_keeps_the_chosen_outlets_by_date_then_name(coverage):
    got = chosen_coverage(coverage, Filters(("oa", "oc", "ox", "oy"), ()))
    # 21 Oct: Outlet C, Zeta (by name); 22 Oct: Alpha; 26 Oct: Outlet A. The principle filter does not apply.
    assert got["coverage_id"].tolist() == ["oc", "x", "y", "oa"]
    assert list(got.index) == [0, 1, 2, 3]


def test_chosen_coverage_with_no_outlet_is_empty_with_the_same_columns(coverage):
    got = chosen_coverage(coverage, Filters((), ALL_PRINCIPLES))
    assert got.empty and list(got.columns) == list(coverage.columns)


def test_chosen_principles_ignores_none_and_keeps_table_order():
    principles = pd.DataFrame({"principle_id": ["P1", "P2", "P3", "P4"], "short_label": ["a", "b", "c", "d"]})
    assert chosen_principles(principles, Filters((), ("P4", "P2", NO_PRINCIPLE)))["principle_id"].tolist() == ["P2", "P4"]
    assert chosen_principles(principles, Filters((), ())).empty


# --- describe -----------------------------------------------------------------------------------

NAMES = {"oa": "Outlet A", "ob": "Outlet B", "oc": "Outlet C"}


def test_describe_the_default():
    assert DEFAULT.describe(DEFAULT, NAMES) == "Showing all 3 outlets; all principles."


def test_describe_a_custom_choice_uses_names_and_ids():
    chosen = Filters(("oc", "oa"), ("P4", NO_PRINCIPLE))
    assert chosen.describe(DEFAULT, NAMES) == "Showing Outlet C, Outlet A; P4, sentences about no principle."


def test_describe_unknown_outlet_falls_back_to_its_id():
    assert Filters(("nyt",), ALL_PRINCIPLES).describe(DEFAULT, NAMES) == "Showing nyt; all principles."


def test_describe_empty_outlets():
    assert Filters((), ALL_PRINCIPLES).describe(DEFAULT, NAMES) == "Showing no outlet; all principles."


def test_describe_only_sentences_about_no_principle():
    assert Filters(ALL_OUTLETS, (NO_PRINCIPLE,)).describe(DEFAULT, NAMES) == "Showing all 3 outlets; sentences about no principle."


def test_describe_tells_an_empty_principle_choice_from_the_none_choice():
    """An empty choice shows no sentence; ('none',) shows every sentence about no principle."""
    empty = Filters(ALL_OUTLETS, ()).describe(DEFAULT, NAMES)
    only_none = Filters(ALL_OUTLETS, (NO_PRINCIPLE,)).describe(DEFAULT, NAMES)
    assert empty == "Showing all 3 outlets; no principle selected."
    assert empty != only_none


def test_describe_nothing_chosen_at_all():
    assert Filters((), ()).describe(DEFAULT, NAMES) == "Showing no outlet; no principle selected."
