"""Bring your own article, without Streamlit: the reader's data (StoryData.with_added), every view
built from it, the "not coded" frames and tone, the auto-coded marking in tables and charts, and
the rows zipped in memory. The article is hand-made (tests/byo_helpers.py: a curated article's
rows under a new id); the page tests use the real pipeline."""

from __future__ import annotations

import importlib
import json

import pandas as pd
import pytest

from storyframes.autocode import added as byo

from storyframes.present import charts
from storyframes.core.data import load_package
from storyframes.views import compare, framing
from storyframes.views.common import default_filters, not_frame_coded, select
from storyframes.core.vocab import AUTO_CODED_SUFFIX
from tests.byo_helpers import fake_coded

BASE = load_package()
CODED = fake_coded(BASE)
ADDED = BASE.with_added((CODED,))
AID = CODED.article_id
NAME = f"The Test Ledger {AUTO_CODED_SUFFIX}"


def test_the_added_article_joins_the_tables_and_nothing_of_the_curated_package_changes():
    before = {k: v.copy() for k, v in BASE.tables.items()}
    data = BASE.with_added((CODED,))
    for key in ("articles", "passages", "passage_principles", "passage_people", "lexicon"):
        assert len(data.tables[key]) == len(BASE.tables[key]) + len(CODED.tables[key]), key
        assert list(data.tables[key].columns) == list(BASE.tables[key].columns)
        assert data.tables[key].dtypes.to_dict() == BASE.tables[key].dtypes.to_dict(), key
    assert len(data.outlets) == len(BASE.outlets) + 1 and len(data.coverage) == len(BASE.coverage) + 1
    assert len(data.passage_codes) == len(BASE.passage_codes), "no hand codes are made up"
    for key, table in before.items():
        pd.testing.assert_frame_equal(BASE.tables[key], table)  # the shared package is untouched
    assert BASE.auto_coded == frozenset() and data.auto_coded == {AID}
    assert data.vocab.outlet(AID) == NAME and data.vocab.short(AID) == NAME
    assert AID in data.vocab.full_text_ids and data.vocab.outlet_colour(AID) not in {BASE.vocab.outlet_colour(o) for o in BASE.vocab.full_text_ids}


def test_the_version_names_the_added_rows():
    assert ADDED.version != BASE.version
    assert BASE.with_added((CODED,)).version == ADDED.version, "the same article gives the same version (and cached views)"
    renamed = fake_coded(BASE, outlet="Another Paper")
    assert BASE.with_added((renamed,)).version != ADDED.version, "same text under another outlet name: another version"
    two = fake_coded(BASE, source="cbs", article_id="auto-aaaaaaaaaa", outlet="NPR")
    assert BASE.with_added((CODED, two)).version != BASE.with_added((two, CODED)).version, "the order is the outlets' order"
    assert BASE.with_added(()) is BASE


def test_two_articles_under_one_outlet_name_stay_apart_and_a_repeat_is_added_once():
    second = fake_coded(BASE, source="cbs", article_id="auto-bbbbbbbbbb", outlet="The Test Ledger")
    data = BASE.with_added((CODED, second, CODED))
    assert data.auto_coded == {AID, "auto-bbbbbbbbbb"}
    names = [data.vocab.outlet(a) for a in (AID, "auto-bbbbbbbbbb")]
    assert len(set(names)) == 2 and all(n.endswith(AUTO_CODED_SUFFIX) for n in names), names
    assert data.articles["article_id"].is_unique and data.outlets["outlet_id"].is_unique


@pytest.mark.parametrize("module", ["home", "principles", "compare", "framing", "members", "sources", "code_it", "quiz", "lesson"])
def test_every_view_builds_from_the_readers_data(module):
    view = importlib.import_module(f"storyframes.views.{module}").build(ADDED, default_filters(ADDED.vocab))
    repr(view)  # builds every lazy part


def test_the_comparison_views_show_the_added_article_by_its_marked_name():
    f = default_filters(ADDED.vocab)
    view = compare.build(ADDED, f)
    assert [c.outlet for c in view.cards][-1] == NAME
    assert NAME in view.lexicon.side_by_side.to_string()
    assert any(NAME in o for o in view.headlines["Outlet"]), "the headline list"
    fv = framing.build(ADDED, f)
    assert NAME in set(fv.sections["Principles"].coverage["outlet"]), "the matrix"
    assert NAME in set(fv.sections["Words"].words["outlet"]), "distinctive words"
    assert NAME in fv.sections["Voices"].table["Outlet"].tolist(), "voices"
    assert any(AID in g.by_outlet and g.by_outlet[AID] for g in fv.sections["Parallel reading"]), "parallel reading"
    assert NAME in fv.sections["Headlines & readability"].readability_table.to_string()


def test_frames_and_tone_say_not_coded_never_zero():
    sel = select(ADDED, default_filters(ADDED.vocab))
    assert not_frame_coded(sel) == [AID]
    frames = framing.frames(sel)
    assert NAME not in set(frames.profile["outlet"]), "no bar at zero: the outlet is left out of the frame chart"
    assert "not coded" in frames.not_coded and NAME in frames.not_coded
    assert all(AID not in pair for pair in frames.differences)
    tone = framing.tone_vader(sel, framing.tone_table(sel))
    assert AID not in tone.charts and list(tone.vader_only) == [AID] and NAME in tone.not_coded
    spec = json.dumps(tone.vader_only[AID].spec)
    assert "VADER" in spec and "Not coded" in spec
    along = framing.tone_along(sel)
    assert NAME in along.not_coded
    curated = select(BASE, default_filters(BASE.vocab))
    assert framing.frames(curated).not_coded == "" and framing.tone_along(curated).not_coded == ""


def _marks_with_dash(spec) -> list[dict]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            enc = node.get("encoding", {})
            if "strokeDash" in enc and charts.AUTO_CODED in json.dumps(enc["strokeDash"]):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(spec)
    return found


def test_charts_outline_the_added_outlet_with_a_dash_and_say_so():
    fv = framing.build(ADDED, default_filters(ADDED.vocab))
    cv = compare.build(ADDED, default_filters(ADDED.vocab))
    for chart in (fv.sections["Principles"].chart, fv.sections["Words"].lexicon.chart, fv.sections["Voices"],
                  fv.sections["Words"].charts[AID], fv.sections["Headlines & readability"].readability, cv.headline_dates):
        assert _marks_with_dash(chart.spec), chart.key
        assert charts.AUTO_CODED_NOTE in _subtitle(chart.spec), chart.key
    curated = framing.build(BASE, default_filters(BASE.vocab))
    assert charts.AUTO_CODED_NOTE not in _subtitle(curated.sections["Principles"].chart.spec), "no note without an added article"


def _subtitle(spec: dict) -> str:
    lines = spec["title"].get("subtitle", [])
    return " ".join([lines] if isinstance(lines, str) else lines)


def test_meta_checks():
    assert byo.check_url("https://www.npr.org/2015/10/21/x")[0] == "https://www.npr.org/2015/10/21/x"
    kept, notice = byo.check_url("javascript:alert(1)")
    assert kept == "" and "not a plain http(s)" in notice
    assert byo.check_url("  ") == ("", "")
    assert str(byo.parse_date("2015-10-21T09:36:00Z")) == "2015-10-21" and byo.parse_date("last week") is None


def test_found_lines_say_what_was_found():
    lines = byo.found_lines(CODED, ADDED.vocab)
    assert lines[0].startswith("Sentences: ") and any(line.startswith("Principle references: ") for line in lines)
    assert any("McCarthy (quoted)" in line for line in lines)


def test_a_second_article_of_a_new_outlet_is_coded_against_the_curated_outlets():
    """Two articles from one outlet the package does not have: each carries its own outlets row (its
    download is complete on its own), and each is its own outlet in the comparison."""
    from storyframes import autocode
    from tests.pages.test_add_article import ARTICLE, SECOND

    meta = autocode.ArticleMeta(outlet="Riverside Courier")
    first = autocode.code_article(ARTICLE, meta, byo.coding_data(BASE, ()))
    second = autocode.code_article(SECOND, meta, byo.coding_data(BASE, (first,)))
    for coded in (first, second):
        assert coded.tables["articles"]["outlet_id"].iloc[0] not in set(BASE.outlets["outlet_id"]) | {first.article_id}
        assert len(coded.tables["outlets"]) == 1
    with pytest.raises(autocode.InputError):
        autocode.code_article(ARTICLE, autocode.ArticleMeta(outlet="Other"), byo.coding_data(BASE, (first,)))
    with pytest.raises(autocode.InputError):  # near-identical to one the reader added
        autocode.code_article(ARTICLE.replace("Wednesday", "Wednesday morning"), meta, byo.coding_data(BASE, (first, second)))
    data = BASE.with_added((first, second))
    names = [data.vocab.outlet(c.article_id) for c in (first, second)]
    assert names == [f"Riverside Courier {AUTO_CODED_SUFFIX}", f"Riverside Courier 2 {AUTO_CODED_SUFFIX}"]


def test_the_download_zip_is_made_in_memory(monkeypatch):
    """The page's download (autocode.package.added_article_zip) writes nothing to the server's disk."""
    import io
    import tempfile
    import zipfile
    from pathlib import Path

    from storyframes import autocode
    from storyframes.autocode.package import added_article_zip, package_files
    from tests.pages.test_add_article import ARTICLE

    coded = autocode.code_article(ARTICLE, autocode.ArticleMeta(outlet="NPR"), byo.coding_data(BASE, ()))  # coded before the disk is refused

    def refuse(*_args, **_kwargs):
        raise AssertionError("the download touched the disk")

    for name in ("mkdtemp", "mkstemp", "NamedTemporaryFile", "TemporaryDirectory"):
        monkeypatch.setattr(tempfile, name, refuse)
    for name in ("write_bytes", "write_text", "mkdir"):
        monkeypatch.setattr(Path, name, refuse)
    opened = Path.open  # reading (the descriptor) is fine; opening to write is not

    def read_only(self, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+"):
            refuse()
        return opened(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    names = zipfile.ZipFile(io.BytesIO(added_article_zip(coded))).namelist()
    assert sorted(names) == sorted(f"{coded.article_id}/{rel}" for rel in package_files(coded)) and any(n.endswith("passages.csv") for n in names)
