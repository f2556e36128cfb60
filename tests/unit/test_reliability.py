"""Agreement between two coders: hand-worked tables, a cross-check against scikit-learn, and the
figures for the real files recounted with plain pandas."""

from __future__ import annotations

import math
import random
import warnings

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score  # requirements-dev.txt: the independent implementation we check against

from storyframes.analysis import reliability as rel
from storyframes.core.data import load_package
from storyframes.views.common import coder_pairs


# --- hand-worked tables ---------------------------------------------------------------------------


def test_a_two_by_two_table_worked_by_hand():
    """20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o = 35/50 = 0.7; coder A says yes 25/50, B 30/50,
    so p_e = 0.5*0.6 + 0.5*0.4 = 0.5 and kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    result = rel.agreement(a, b)
    assert (result.n, result.agreed) == (50, 35)
    assert result.observed == pytest.approx(0.7) and result.expected == pytest.approx(0.5)
    assert result.kappa == pytest.approx(0.4) and result.percent == pytest.approx(70.0)


def test_three_codes_worked_by_hand():
    """A: x x y y z z; B: x y y y z x. Alike: 1, 3, 4, 5 -> p_o = 4/6. A uses x, y, z 2 each; B uses
    x 2, y 3, z 1: p_e = (2*2 + 2*3 + 2*1) / 36 = 12/36 = 1/3; kappa = (2/3 - 1/3) / (2/3) = 0.5."""
    result = rel.agreement(list("xxyyzz"), list("xyyyzx"))
    assert result.agreed == 4
    assert result.expected == pytest.approx(1 / 3) and result.kappa == pytest.approx(0.5)


def test_perfect_agreement_is_one():
    result = rel.agreement(["a", "b", "c", "a"], ["a", "b", "c", "a"])
    assert result.kappa == pytest.approx(1.0) and result.percent == 100.0


def test_a_constant_coder_agrees_no_better_than_chance():
    """A always says 'a'; B says a, b, a, b: half alike, and p_e = 1 * 0.5 = 0.5, so kappa = 0."""
    result = rel.agreement(["a"] * 4, ["a", "b", "a", "b"])
    assert result.percent == 50.0 and result.kappa == pytest.approx(0.0)


def test_a_field_with_one_category_has_no_kappa():
    """Both coders used one same code for every item: p_e = 1 and kappa is 0/0, undefined (None), while
    agreement is 100%; the sentence for a reader says so."""
    result = rel.agreement(["neutral"] * 5, ["neutral"] * 5)
    assert result.kappa is None and result.percent == 100.0 and result.expected == 1.0
    assert "undefined" in rel.meaning(result)


def test_systematic_disagreement_is_below_zero():
    result = rel.agreement(["a", "b"] * 3, ["b", "a"] * 3)
    assert result.kappa == pytest.approx(-1.0)
    assert "chance" in rel.meaning(result)


def test_no_items_and_unequal_lengths():
    empty = rel.agreement([], [])
    assert (empty.n, empty.percent, empty.kappa) == (0, None, None)
    assert rel.meaning(empty) == "Nothing to compare"
    with pytest.raises(ValueError, match="same items"):
        rel.agreement(["a", "b"], ["a"])


@pytest.mark.parametrize("kappa, words", [(0.81, "Meets the usual 0.8 bar"), (0.8, "Meets the usual 0.8 bar"), (0.7, "Tentative only"), (0.5, "below 0.667"),
                                          (0.0, "No better than chance")])
def test_meaning_follows_the_usual_bars(kappa, words):
    assert words in rel.meaning(rel.Agreement(10, 9, 0.9, 0.5, kappa))


def test_shortcuts_give_the_same_figures():
    a, b = list("xxyyzz"), list("xyyyzx")
    assert rel.cohen_kappa(a, b) == rel.agreement(a, b).kappa
    assert rel.percent_agreement(a, b) == pytest.approx(400 / 6)


# --- the same as scikit-learn -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(25))
def test_kappa_equals_scikit_learn(seed):
    rng = random.Random(seed)
    codes = ["mocking", "critical", "neutral", "favourable", "not_applicable"][: rng.randint(2, 5)]
    n = rng.randint(2, 80)
    a = [rng.choice(codes) for _ in range(n)]
    b = [x if rng.random() < 0.6 else rng.choice(codes) for x in a]  # correlated, as two coders are
    ours = rel.cohen_kappa(a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a draw where both coders used one code: undefined for both
        theirs = cohen_kappa_score(a, b)
    if ours is None:
        assert math.isnan(theirs)
    else:
        assert ours == pytest.approx(theirs, abs=1e-12)


def test_undefined_kappa_is_what_scikit_learn_cannot_compute():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-learn warns that the score is undefined, as it is
        assert math.isnan(cohen_kappa_score(["a"] * 3, ["a"] * 3))
    assert rel.cohen_kappa(["a"] * 3, ["a"] * 3) is None


# --- pairing the two codings --------------------------------------------------------------------------


def test_parse_principles():
    assert rel.parse_principles("P1:quoted;P3:paraphrased") == {"P1": "quoted", "P3": "paraphrased"}
    assert rel.parse_principles("") == {}


def test_pairs_of_a_tiny_coding():
    codes = pd.DataFrame({"passage_id": ["s1", "s2", "s3"], "frame": ["policy", "political", "policy"],
                          "tone_police": ["neutral"] * 3, "stance_reform": ["neutral"] * 3})
    found = pd.DataFrame({"passage_id": ["s1", "s2"], "principle_id": ["P1", "P2"], "reference": ["quoted", "paraphrased"]})
    second = pd.DataFrame({"passage_id": ["s1", "s2"], "principles": ["P1:paraphrased", "P1:quoted"], "frame": ["policy", "policy"],
                           "tone_police": ["neutral", "critical"], "stance_reform": ["neutral", "neutral"], "note": ["", ""]})
    pairs = rel.paired_codes(codes, found, second, ["P1", "P2"])
    assert list(pairs.columns) == rel.PAIR_COLUMNS
    # s3 has no second coding: not compared. Principles: 2 sentences x 2 principles.
    assert pairs.groupby("field").size().to_dict() == {"frame": 2, "tone_police": 2, "stance_reform": 2, "principle": 4, "reference": 1}
    dis = rel.disagreements(pairs)
    assert set(zip(dis["field"], dis["passage_id"], dis["item"])) == {
        ("frame", "s2", ""), ("tone_police", "s2", ""), ("principle", "s2", "P1"), ("principle", "s2", "P2"), ("reference", "s1", "P1")}
    figures = rel.figures(pairs).set_index("field")
    assert figures.loc["reference", "n"] == 1 and figures.loc["reference", "percent"] == 0.0
    assert pd.isna(figures.loc["stance_reform", "kappa"])  # one code throughout: undefined
    assert "undefined" in figures.loc["stance_reform", "meaning"]


# --- the real files, recounted ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    return load_package()


def plain_kappa(a: pd.Series, b: pd.Series) -> tuple[float, float]:
    """Per cent agreement and kappa from a contingency table, with pandas alone."""
    table = pd.crosstab(a.reset_index(drop=True), b.reset_index(drop=True))
    codes = table.index.union(table.columns)
    table = table.reindex(index=codes, columns=codes, fill_value=0)
    n = table.to_numpy().sum()
    p_o = sum(table.loc[c, c] for c in codes) / n
    p_e = sum(table.loc[c].sum() * table[c].sum() for c in codes) / n**2
    return 100 * p_o, (p_o - p_e) / (1 - p_e)


def test_the_real_figures_equal_a_plain_pandas_recount(data):
    second = data.second_coding
    curated = data.passage_codes.set_index("passage_id").loc[second["passage_id"]].reset_index()
    expected = {f: plain_kappa(curated[f], second[f]) for f in ("frame", "tone_police", "stance_reform")}
    # principle present/absent: every second-coded sentence x every principle
    grid = pd.MultiIndex.from_product([second["passage_id"], data.principles["principle_id"]], names=["passage_id", "principle_id"])
    mine = set(map(tuple, data.passage_principles[["passage_id", "principle_id"]].to_numpy()))
    long = second.assign(principles=second["principles"].str.split(";")).explode("principles")
    long = long[long["principles"].fillna("") != ""]
    long[["principle_id", "reference"]] = long["principles"].str.split(":", expand=True)
    theirs = set(zip(long["passage_id"], long["principle_id"]))
    expected["principle"] = plain_kappa(pd.Series([k in mine for k in grid]), pd.Series([k in theirs for k in grid]))
    both = data.passage_principles.merge(long[["passage_id", "principle_id", "reference"]], on=["passage_id", "principle_id"])
    expected["reference"] = plain_kappa(both["reference_x"], both["reference_y"]) if both["reference_x"].nunique() > 1 else None

    figures = rel.figures(coder_pairs(data)).set_index("field")
    assert figures.loc["frame", "n"] == len(second) and figures.loc["principle", "n"] == len(grid)
    assert figures.loc["reference", "n"] == len(both)
    for field, (percent, kappa) in expected.items():
        assert figures.loc[field, "percent"] == pytest.approx(percent), field
        assert figures.loc[field, "kappa"] == pytest.approx(kappa), field


def test_the_real_disagreements_are_the_rows_that_differ(data):
    pairs = coder_pairs(data)
    dis = rel.disagreements(pairs)
    assert (dis["first"] != dis["second"]).all()
    recount = sum((data.passage_codes.set_index("passage_id").loc[data.second_coding["passage_id"], f].to_numpy()
                   != data.second_coding[f].to_numpy()).sum() for f in ("frame", "tone_police", "stance_reform"))
    assert (dis["field"].isin(rel.CODE_FIELDS)).sum() == recount
