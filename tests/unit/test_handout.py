"""The printable handout: built from the Compare view for the reader's filters, every string from
the data escaped (it is an HTML file), the QR code of the view's address, a bounded length."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes import handout
from storyframes.data import load_package
from storyframes.filters import Filters
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
