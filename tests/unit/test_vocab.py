"""The one vocabulary of labels and colours (storyframes.core.vocab): a tiny hand-made package worked out
by hand, then the curated package checked against its CSV files."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from storyframes.core import glossary, palette
from storyframes.core import vocab as V
from storyframes.core.data import DATA_DIR, load_package

# --- a tiny package -------------------------------------------------------------------------------
#
# outlets.csv order: x (headline only), b (full text), y (headline only), a (full text).
# The dashboard's order puts the full texts first, each group in the CSV's order: b, a, x, y.


@pytest.fixture
def outlets():
    return pd.DataFrame({
        "outlet_id": ["x", "b", "y", "a"],
        "outlet": ["X Daily", "B Blog", "Y Times", "A Magazine"],
        "short_name": ["X", "B", "Y", "A"],
        "has_full_text": [False, True, False, True],
    })


@pytest.fixture
def principles():
    return pd.DataFrame({"principle_id": ["P1", "P2"], "short_label": ["Alternatives to arrest", "Balance in criminal laws"]})


@pytest.fixture
def codebook():
    rows = [
        ("tone_police", "mocking", "Mocking"),
        ("tone_police", "critical", "Critical"),
        ("tone_police", "neutral", "Neutral"),
        ("frame", "capacity_resources", "Capacity and resources"),
        ("register", "slang", "Slang"),
        ("register", "formal", "Formal"),
    ]
    return pd.DataFrame(rows, columns=["field", "code", "label"])


@pytest.fixture
def vocab(outlets, principles, codebook):
    return V.build(outlets, principles, codebook)


def test_outlet_order_full_texts_first(vocab):
    assert vocab.outlet_ids == ("b", "a", "x", "y")
    assert vocab.full_text_ids == ("b", "a")
    assert vocab.principle_ids == ("P1", "P2")


def test_outlet_names(vocab):
    assert vocab.outlet("a") == "A Magazine"
    assert vocab.short("a") == "A"
    assert vocab.outlet("nope") == "nope" and vocab.short("nope") == "nope"  # unknown ids shown as they are


def test_principle_labels(vocab):
    assert vocab.principle("P1") == "P1 · Alternatives to arrest"
    assert vocab.principle("P2") == "P2 · Balance in criminal laws"
    assert vocab.principle(V.NO_PRINCIPLE) == V.NO_PRINCIPLE_LABEL == "No principle"
    assert vocab.principle("P9") == "P9"  # no short label: the id alone


def test_code_labels_and_fallback(vocab):
    assert vocab.code("frame", "capacity_resources") == "Capacity and resources (having the means)"  # the plain name beside
    assert vocab.code("tone_police", "mocking") == "Mocking"
    assert vocab.code("tone_police", "not_applicable") == "not applicable"  # not in this codebook: the code, readable
    assert vocab.code("no_such_field", "some_code") == "some code"


def test_codes_keep_the_codebook_order(vocab):
    assert vocab.codes("tone_police") == ("mocking", "critical", "neutral")
    assert vocab.codes("register") == ("slang", "formal")
    assert vocab.codes("no_such_field") == ()


def test_filter_labels(vocab):
    assert vocab.filter_label("a") == "A"
    assert vocab.filter_label("P1") == "P1 Alternatives to arrest"
    assert vocab.filter_label(V.NO_PRINCIPLE) == "No principle"


def test_code_scale_keeps_codebook_order(vocab):
    colours = {"neutral": "#333333", "mocking": "#111111", "critical": "#222222"}  # not in the codebook's order
    assert vocab.code_scale("tone_police", colours) == (["Mocking", "Critical", "Neutral"], ["#111111", "#222222", "#333333"])


def test_code_scale_domain_is_fixed_by_the_colours_not_the_data(vocab):
    """The scale is built from the codebook and the colours only: whatever codes a filter leaves in
    the data, a code keeps its place and colour."""
    full = vocab.code_scale("tone_police", {"mocking": "#111111", "critical": "#222222", "neutral": "#333333"})
    assert full[0] == ["Mocking", "Critical", "Neutral"]
    without_critical = vocab.code_scale("tone_police", {"mocking": "#111111", "neutral": "#333333"})
    assert without_critical == (["Mocking", "Neutral"], ["#111111", "#333333"])


def test_code_scale_of_a_field_the_codebook_lacks_follows_the_colours(vocab):
    assert vocab.code_scale("kind", {"event": "#111111", "press_item": "#222222"}) == (["event", "press item"], ["#111111", "#222222"])


def test_outlet_colours_are_handed_out_in_order(vocab):
    assert vocab.outlet_colour("b") == palette.OUTLET_SERIES[0]  # first full text in outlets.csv
    assert vocab.outlet_colour("a") == palette.OUTLET_SERIES[1]
    assert dict(vocab.outlet_colours) == {"b": palette.OUTLET_SERIES[0], "a": palette.OUTLET_SERIES[1]}


def test_headline_only_and_unknown_outlets_are_grey(vocab):
    assert vocab.outlet_colour("x") == vocab.outlet_colour("y") == palette.OTHER_OUTLET
    assert vocab.outlet_colour("nope") == palette.OTHER_OUTLET


def test_outlet_scale(vocab):
    assert vocab.outlet_scale(["a", "x", "b"]) == (["a", "x", "b"],
                                                   [palette.OUTLET_SERIES[1], palette.OTHER_OUTLET, palette.OUTLET_SERIES[0]])
    assert vocab.outlet_scale(iter(["b"])) == (["b"], [palette.OUTLET_SERIES[0]])
    assert vocab.outlet_scale([]) == ([], [])


def test_principle_scale(vocab):
    assert vocab.principle_scale() == (
        ["P1 · Alternatives to arrest", "P2 · Balance in criminal laws", "No principle"],
        [palette.PRINCIPLE_SERIES[0], palette.PRINCIPLE_SERIES[1], palette.NO_PRINCIPLE],
    )


def test_an_added_full_text_gets_the_next_colour(outlets, principles, codebook):
    """A reader's added article: no outlet id is typed in palette.py, so it just takes the next colour."""
    more = pd.concat([outlets, pd.DataFrame({"outlet_id": ["new"], "outlet": ["New Post"], "short_name": ["New"],
                                             "has_full_text": [True]})], ignore_index=True)
    v = V.build(more, principles, codebook)
    assert v.full_text_ids == ("b", "a", "new")
    assert v.outlet_ids == ("b", "a", "new", "x", "y")
    assert [v.outlet_colour(o) for o in v.full_text_ids] == list(palette.OUTLET_SERIES[:3])


def test_as_many_full_texts_as_colours_get_distinct_colours(principles, codebook):
    n = len(palette.OUTLET_SERIES)
    ids = [f"o{i}" for i in range(n)]
    outlets = pd.DataFrame({"outlet_id": ids, "outlet": ids, "short_name": ids, "has_full_text": [True] * n})
    v = V.build(outlets, principles, codebook)
    assert [v.outlet_colour(o) for o in ids] == list(palette.OUTLET_SERIES)


def test_vocabulary_is_read_only(vocab):
    with pytest.raises(dataclasses.FrozenInstanceError):
        vocab.outlet_ids = ("a",)
    with pytest.raises(TypeError):
        vocab.outlet_names["a"] = "changed"
    with pytest.raises(TypeError):
        vocab.code_labels["tone_police"]["mocking"] = "changed"


def test_build_does_not_keep_a_reference_to_the_tables(outlets, principles, codebook):
    v = V.build(outlets, principles, codebook)
    outlets.loc[outlets["outlet_id"] == "a", "outlet"] = "Changed"
    codebook.loc[0, "label"] = "Changed"
    assert v.outlet("a") == "A Magazine" and v.code("tone_police", "mocking") == "Mocking"


# --- split_curator_note ---------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("[Sheriff, Las Vegas - agency name not given in source]", ("", "Sheriff, Las Vegas - agency name not given in source")),
    ("Gloucester Police Department [Township inferred]", ("Gloucester Police Department", "Township inferred")),
    ("Hennepin County Sheriff's Office", ("Hennepin County Sheriff's Office", "")),
    ("", ("", "")),
    ("Former Police Commissioner (city truncated in source)", ("Former Police Commissioner (city truncated in source)", "")),
    ("Gloucester [Township - inferred]", ("Gloucester", "Township - inferred")),
    ("A [one] B [two]", ("A B", "one; two")),
    ("Chief []", ("Chief", "")),
])
def test_split_curator_note(value, expected):
    assert V.split_curator_note(value) == expected


def test_split_curator_note_of_none():
    assert V.split_curator_note(None) == ("", "")


# --- the curated package --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    return load_package()


def read_csv(name):
    return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def test_real_outlet_order_and_colours(data):
    outlets = read_csv("outlets")
    full = outlets[outlets["has_full_text"] == "true"]["outlet_id"].tolist()
    rest = outlets[outlets["has_full_text"] != "true"]["outlet_id"].tolist()
    v = data.vocab
    assert full == ["dabs", "gawker", "cbs"]
    assert v.full_text_ids == tuple(full)
    assert v.outlet_ids == tuple(full + rest)
    assert [v.outlet_colour(o) for o in full] == list(palette.OUTLET_SERIES[:3])
    assert all(v.outlet_colour(o) == palette.OTHER_OUTLET for o in rest)
    for r in outlets.itertuples():
        assert v.outlet(r.outlet_id) == r.outlet and v.short(r.outlet_id) == r.short_name


def test_real_principle_labels(data):
    principles = read_csv("principles")
    v = data.vocab
    assert v.principle_ids == tuple(principles["principle_id"])
    for r in principles.itertuples():
        assert v.principle(r.principle_id) == f"{r.principle_id} · {r.short_label}"
    assert v.principle("P4") == "P4 · Community ties"
    labels = [f"{p} · {s}" for p, s in zip(principles["principle_id"], principles["short_label"])]
    assert v.principle_scale()[0] == [*labels, "No principle"]


def test_real_code_labels_are_the_codebooks(data):
    book = read_csv("codebook")
    v = data.vocab
    for r in book.itertuples():  # a frame's codebook name first, verbatim, and its plain name beside it if it has one
        plain = glossary.FRAME_PLAIN.get(r.code) if r.field == "frame" else None
        assert v.code(r.field, r.code) == (f"{r.label} ({plain})" if plain else r.label)
    assert v.code("frame", "crime_punishment") == "Crime and punishment"  # plain already
    for field, rows in book.groupby("field", sort=False):
        assert v.codes(field) == tuple(rows["code"])


def test_real_code_scales_cover_the_palettes_codes(data):
    """Every palette mapping keyed by codebook codes gives a scale over all its codes, labelled."""
    v = data.vocab
    for field, colours in [("tone_police", palette.TONE), ("register", palette.REGISTER), ("quote_channel", palette.QUOTE_CHANNEL)]:
        labels, range_ = v.code_scale(field, colours)
        assert len(labels) == len(colours) and sorted(range_) == sorted(colours.values()), field
        assert labels == [v.code(field, c) for c in v.codes(field) if c in colours]
        assert all("_" not in label for label in labels)


def test_real_vocabulary_is_built_once_per_package(data):
    assert data.vocab is data.vocab
    again = V.build(data.outlets, data.principles, data.codebook)
    assert again.outlet_ids == data.vocab.outlet_ids and dict(again.outlet_colours) == dict(data.vocab.outlet_colours)
