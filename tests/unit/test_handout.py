"""The printable handout: built from the Compare view for the reader's filters, every string from
the data escaped (it is an HTML file), the QR code of the view's address, a bounded length."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes.present import handout
from storyframes.core.data import load_package
from storyframes.core.filters import Filters
from storyframes.views import compare
from storyframes.views.common import default_filters


@pytest.fixture(scope="module")
def data():
    return load_package()


def test_handout_of_the_compare_view_follows_the_filters(data):
    view = compare.build(data, Filters(("gawker", "cbs"), ("P1", "P2", "P3", "P4", "none")))
    made = compare.handout(view, "http://10.0.0.2:8501/Compare_outlets?outlet=gawker&outlet=cbs")
    assert made.numbers["Outlet"].tolist() == ["Gawker", "CBS News (The Crime Report)"]
    assert set(made.sentences["outlet"]) == {"Gawker", "CBS News (The Crime Report)"}
    assert made.sources["Outlet"].tolist() == ["Gawker", "CBS News (The Crime Report)"]
    # taken in turn from each outlet: the first two sentences are from two outlets
    assert made.sentences["outlet"].head(2).nunique() == 2
    out = handout.to_html(made)
    assert "Dabs Magazine" not in out and "<svg" in out and "10.0.0.2:8501/Compare_outlets?outlet=gawker&amp;outlet=cbs" in out
    assert len(re.findall(r"<li>", out)) == min(handout.SENTENCES_IN_HANDOUT, len(made.sentences))
    assert "<script" not in out and "http://" not in out.split("<body>")[0]  # nothing fetched: no external file


def test_every_string_from_the_data_is_escaped():
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>**bold** [x](javascript:alert(3))'
    made = handout.Handout(payload, payload, pd.DataFrame({"Outlet": [payload]}),
                           pd.DataFrame({"outlet": [payload], "where": [payload], "text": [payload]}),
                           pd.DataFrame({"Outlet": [payload], "Address": [payload]}), "")
    out = handout.to_html(made)
    assert "<img" not in out and "<script" not in out and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out
    assert "<svg" not in out  # no address, no QR code


def test_no_sentence_says_so(data):
    view = compare.build(data, Filters(("gawker",), ("none",)))
    out = handout.to_html(compare.handout(view))
    if compare.handout(view).sentences.empty:
        assert "No sentence matches these filters." in out


def test_default_handout_quotes_every_full_text(data):
    made = compare.handout(compare.build(data, default_filters(data.vocab)))
    first = made.sentences.head(handout.SENTENCES_IN_HANDOUT)
    assert set(first["outlet"]) == set(made.numbers["Outlet"])


def test_principles_handout_is_the_matrix_the_page_shows(data):
    from storyframes.views import principles

    view = principles.build(data, default_filters(data.vocab))
    made = principles.handout(view, "http://10.0.0.2:8501/Principles")
    cov = view.coverage
    assert made.numbers["Outlet"].tolist() == view.selection.outlet_names
    for r in cov.itertuples():
        cell = made.numbers.set_index("Outlet").at[r.outlet, r.principle_label]
        assert cell.startswith(r.status) and (f"({r.n_sentences})" in cell) == bool(r.n_sentences)
    assert set(made.sentences["outlet"].head(3)) == set(view.selection.outlet_names)  # in turn from each outlet


def test_principles_handout_of_an_omission_says_there_is_no_sentence(data):
    from storyframes.views import principles

    made = principles.handout(principles.build(data, Filters(("gawker",), ("P4",))))
    assert made.numbers.to_dict("records") == [{"Outlet": "Gawker", "P4 · Community ties": "omitted"}]
    assert "No sentence matches these filters." in handout.to_html(made)


@pytest.mark.parametrize("page", ["pages/3_Compare_outlets.py", "pages/1_Principles.py"])
def test_the_pages_offer_their_handout(page):
    from tests.pages.conftest import assert_clean, open_page

    at = open_page(page)
    assert_clean(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith("Handout of this view") for label in labels), labels
