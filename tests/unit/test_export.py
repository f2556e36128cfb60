"""Downloads (storyframes.present.export): the filtered tables checked against an independent filtering of
the CSV files, CSV bytes that load back, and the zip of the whole package byte for byte."""

from __future__ import annotations

import csv as csvlib
import io
import shutil
import zipfile

import pandas as pd
import pytest

from storyframes.present import export
from storyframes.core.csvtext import restore_cell, safe_cell
from storyframes.core.data import DATA_DIR, load_package
from storyframes.core.filters import NO_PRINCIPLE, Filters

ZIP_ROOT = "same-story-different-frames-data"


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def csv(data):
    names = [r["path"][:-4] for r in data.descriptor["resources"] if r["path"].endswith(".csv")]
    return {n: pd.read_csv(DATA_DIR / f"{n}.csv", dtype=str, keep_default_na=False) for n in names}


@pytest.fixture(scope="module")
def default(data):
    outlets = tuple(data.outlets["outlet_id"])
    return Filters(outlets, tuple(data.principles["principle_id"]) + (NO_PRINCIPLE,))


def expected_masks(csv, filters: Filters) -> dict[str, pd.Series]:
    """Which rows of each CSV a download for `filters` must hold, worked out from the files alone."""
    outlets, chosen = set(filters.outlets), set(filters.principles)
    arts = csv["articles"]["outlet_id"].isin(outlets)
    article_ids = set(csv["articles"][arts]["article_id"])
    pp = csv["passage_principles"]
    refs = pp.groupby("passage_id")["principle_id"].agg(set).to_dict()
    p = csv["passages"]
    keep = [a in article_ids and (bool(refs.get(pid, set()) & chosen) if pid in refs else NO_PRINCIPLE in chosen)
            for pid, a in zip(p["passage_id"], p["article_id"])]
    passage_ids = set(p[keep]["passage_id"])
    cov = csv["coverage"]["outlet_id"].isin(outlets)
    coverage_ids = set(csv["coverage"][cov]["coverage_id"])
    masks = {
        "outlets": csv["outlets"]["outlet_id"].isin(outlets),
        "articles": arts,
        "passages": pd.Series(keep, index=p.index),
        "passage_codes": csv["passage_codes"]["passage_id"].isin(passage_ids),
        "passage_people": csv["passage_people"]["passage_id"].isin(passage_ids),
        "second_coding": csv["second_coding"]["passage_id"].isin(passage_ids),
        "passage_principles": pp["passage_id"].isin(passage_ids) & pp["principle_id"].isin(chosen),
        "principles": csv["principles"]["principle_id"].isin(chosen),
        "lexicon": csv["lexicon"]["article_id"].isin(article_ids),
        "coverage": cov,
        "headline_codes": csv["headline_codes"]["coverage_id"].isin(coverage_ids),
        "coverage_people": csv["coverage_people"]["coverage_id"].isin(coverage_ids),
    }
    for name, frame in csv.items():
        masks.setdefault(name, pd.Series(True, index=frame.index))  # members, facts, timeline, codebook…: unfiltered
    return masks


def check_filtered(data, csv, filters):
    got = export.filtered_tables(data, filters)
    assert set(got) == set(data.tables)
    for name, mask in expected_masks(csv, filters).items():
        expected = data.tables[name][mask.to_numpy()].reset_index(drop=True)
        pd.testing.assert_frame_equal(got[name], expected, obj=name)
    return got


def test_default_filters_return_every_row_of_every_table(data, csv, default):
    got = export.filtered_tables(data, default)
    for name, frame in data.tables.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)
        assert len(got[name]) == len(csv[name])


def test_gawker_and_p4(data, csv):
    got = check_filtered(data, csv, Filters(("gawker",), ("P4",)))
    # Gawker never refers to P4 (the summary's finding), so nothing of its text is left
    assert got["passages"].empty and got["passage_codes"].empty and got["passage_principles"].empty
    assert got["principles"]["principle_id"].tolist() == ["P4"]
    assert got["coverage"]["outlet_id"].tolist() == ["gawker"]
    assert got["articles"]["outlet_id"].tolist() == ["gawker"]
    assert set(got["headline_codes"]["coverage_id"]) == {"gawker"}
    assert len(got["members"]) == len(data.members)


def test_gawker_and_cbs_with_p4(data, csv):
    got = check_filtered(data, csv, Filters(("gawker", "cbs"), ("P4",)))
    pp = csv["passage_principles"]
    p4_cbs = sorted(pp[(pp["principle_id"] == "P4") & pp["passage_id"].str.startswith("cbs-")]["passage_id"])
    assert sorted(got["passages"]["passage_id"]) == p4_cbs and p4_cbs
    assert set(got["passage_codes"]["passage_id"]) == set(p4_cbs)
    assert set(got["passage_principles"]["principle_id"]) == {"P4"}
    assert set(got["coverage"]["outlet_id"]) == {"gawker", "cbs"}


def test_gawker_with_p1_and_none_keeps_furniture(data, csv):
    got = check_filtered(data, csv, Filters(("gawker",), ("P1", NO_PRINCIPLE)))
    assert got["passages"]["is_furniture"].any()  # "Image via AP." refers to no principle: kept and marked
    assert set(got["passages"]["article_id"]) == {"gawker"}
    assert set(got["passage_principles"]["principle_id"]) <= {"P1"}


def test_nothing_chosen(data, csv):
    got = check_filtered(data, csv, Filters((), ()))
    for name in ("outlets", "articles", "passages", "principles", "coverage", "lexicon", "passage_people", "second_coding"):
        assert got[name].empty, name
        assert list(got[name].columns) == list(data.tables[name].columns)


def test_filtered_tables_do_not_touch_the_package(data, csv):
    before = {n: f.copy() for n, f in data.tables.items()}
    export.filtered_tables(data, Filters(("dabs",), ("P2",)))
    for name, frame in before.items():
        pd.testing.assert_frame_equal(data.tables[name], frame, obj=name)


# --- csv_bytes ------------------------------------------------------------------------------------


def test_csv_bytes_round_trips_a_tiny_frame():
    frame = pd.DataFrame({
        "id": ["a", "b"],
        "day": pd.to_datetime(["2015-10-21", None]),
        "n": pd.array([3, None], dtype="Int64"),
        "flag": [True, False],
        "text": ['He said, "cut it"\nthen left', "“curly” — é"],
    })
    raw = export.csv_bytes(frame)
    assert raw.decode("utf-8").splitlines()[0] == "id,day,n,flag,text"
    back = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    assert back["day"].tolist() == ["2015-10-21", ""]  # YYYY-MM-DD, blank stays blank
    assert back["n"].tolist() == ["3", ""]
    assert back["text"].tolist() == frame["text"].tolist()
    assert back["flag"].tolist() == ["True", "False"]
    assert b"\r\n" not in raw
    assert frame["day"].dtype.kind == "M"  # the caller's frame is not changed


def test_csv_bytes_dates_are_days(data, csv):
    back = pd.read_csv(io.BytesIO(export.csv_bytes(data.articles)), dtype=str, keep_default_na=False)
    for col in ("published_earliest", "published_latest"):
        assert back[col].tolist() == csv["articles"][col].tolist()
        assert back[col].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_csv_bytes_of_every_table_load_back_as_the_same_package(data, tmp_path):
    """Write every table through csv_bytes into a copy of data/: the validating loader reads it back equal."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    for name, frame in data.tables.items():
        (target / f"{name}.csv").write_bytes(export.csv_bytes(frame))
    again = load_package(target)
    for name, frame in data.tables.items():
        pd.testing.assert_frame_equal(again.tables[name], frame, obj=name)


# --- data_package_zip -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive():
    return zipfile.ZipFile(io.BytesIO(export.data_package_zip()))


def csv_cells(content: bytes) -> list[list[str]]:
    return list(csvlib.reader(io.StringIO(content.decode("utf-8"), newline="")))


def test_data_package_zip_holds_every_file_of_data_byte_for_byte_but_formula_cells(archive):
    """Every file of data/ is in the zip; each is byte for byte the same, except a CSV with a cell
    a spreadsheet would run as a formula: there each cell is the verbatim one, neutralised by
    `safe_cell` (undone exactly by `restore_cell`), and no cell of the zip starts a formula."""
    files = sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    names = sorted(archive.namelist())
    assert names == sorted(f"{ZIP_ROOT}/{p.relative_to(DATA_DIR).as_posix()}" for p in files)
    rewritten = []
    for path in files:
        zipped = archive.read(f"{ZIP_ROOT}/{path.relative_to(DATA_DIR).as_posix()}")
        if zipped == path.read_bytes():
            continue
        assert path.suffix == ".csv", f"{path}: only a CSV is ever written again"
        rewritten.append(path.relative_to(DATA_DIR).as_posix())
        given, original = csv_cells(zipped), csv_cells(path.read_bytes())
        assert [[restore_cell(c) for c in row] for row in given] == original, f"{path}: a cell is not the verbatim one"
        assert any(safe_cell(c) != c for row in original for c in row), f"{path} was rewritten with no formula cell in it"
    for name in names:
        if name.endswith(".csv"):
            risky = [c for row in csv_cells(archive.read(name)) for c in row if safe_cell(c) != c and not c.startswith("'")]
            assert not risky, f"{name}: cells a spreadsheet would run as formulas: {risky[:3]}"
    # The curated package: the four bullets of the development texts' hand codes.
    assert rewritten == ["dev_texts/hand_codes.csv"], rewritten
    assert archive.testzip() is None


def test_a_formula_cell_is_neutralised_in_the_zip_and_comes_back_verbatim(tmp_path):
    (tmp_path / "t.csv").write_bytes('id,text\n1,"=HYPERLINK(""http://x"",""Click"")"\n2,-3\n3,"- a bullet, with a comma"\n'.encode())
    (tmp_path / "n.txt").write_bytes(b"=1+1\n")  # not a CSV: as it is
    z = zipfile.ZipFile(io.BytesIO(export.data_package_zip(tmp_path)))
    rows = csv_cells(z.read(f"{ZIP_ROOT}/t.csv"))
    assert rows == [["id", "text"], ["1", "\'=HYPERLINK(\"http://x\",\"Click\")"], ["2", "-3"], ["3", "\'- a bullet, with a comma"]]
    assert z.read(f"{ZIP_ROOT}/n.txt") == b"=1+1\n"


def test_data_package_zip_has_the_descriptor_readme_csvs_and_raw_articles(archive, data):
    names = set(archive.namelist())
    assert f"{ZIP_ROOT}/datapackage.json" in names
    assert f"{ZIP_ROOT}/README.md" in names
    for resource in data.descriptor["resources"]:
        assert f"{ZIP_ROOT}/{resource['path']}" in names, resource["path"]
    for raw_file in data.articles["raw_file"]:
        assert f"{ZIP_ROOT}/{raw_file}" in names
    assert any(n.endswith(".csv") for n in names) and len([n for n in names if n.endswith(".csv")]) >= 16


def test_data_package_zip_of_another_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.csv").write_bytes(b"x\n1\n")
    (tmp_path / "sub" / "b.txt").write_bytes("é\n".encode())
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "junk.pyc").write_bytes(b"\x00")
    z = zipfile.ZipFile(io.BytesIO(export.data_package_zip(tmp_path)))
    assert sorted(z.namelist()) == [f"{ZIP_ROOT}/a.csv", f"{ZIP_ROOT}/sub/b.txt"]
    assert z.read(f"{ZIP_ROOT}/sub/b.txt") == "é\n".encode()


# --- sources_table --------------------------------------------------------------------------------


def test_sources_table_one_row_per_url(data):
    table = export.sources_table(data)
    assert list(table.columns) == ["source", "url", "supports", "confidence"]
    assert table["url"].is_unique
    assert table["url"].str.startswith("http").all()
    assert (table["source"] != "").all() and (table["supports"] != "").all()


def test_sources_table_cites_every_address_in_the_package(data, csv):
    table = export.sources_table(data)
    cited = set()
    for frame in csv.values():
        for col in frame.columns:
            cited |= {v for v in frame[col] if v.startswith(("http://", "https://"))}
    assert set(table["url"]) == cited


def test_sources_table_supports_and_confidence(data, csv):
    table = export.sources_table(data).set_index("url")
    for r in csv["members"].itertuples():
        assert f"member {r.member_id}" in table.loc[r.source_url, "supports"]
        assert r.confidence in table.loc[r.source_url, "confidence"].split(", ")
    for r in csv["facts"].itertuples():
        assert f"fact: {r.fact_id}" in table.loc[r.source_url, "supports"]
    for r in csv["articles"].itertuples():
        assert "full text (sentences, codes)" in table.loc[r.url, "supports"]


# --- a chart as an image ------------------------------------------------------------------------


def _frames_chart(filters=None):
    from storyframes.core.data import load_package
    from storyframes.views import compare
    from storyframes.views.common import default_filters

    data = load_package()
    return compare.build(data, filters or default_filters(data.vocab)).frames.chart


def test_export_spec_is_a_fixed_width_copy_without_click_hints():
    import copy

    from storyframes.present import export

    chart = _frames_chart()
    before = copy.deepcopy(chart.spec)
    out = export.chart_spec_for_export(chart.spec)
    assert chart.spec == before, "the shared view's spec was changed"
    assert out["width"] == export.EXPORT_WIDTH and chart.spec["width"] == "container"
    assert "click" not in " ".join(out["title"].get("subtitle", [])).lower()
    assert out["title"]["text"] == chart.spec["title"]["text"]


def test_summary_subtitle_loses_only_its_tap_hint():
    from storyframes.present import charts
    from storyframes.present import export

    spec = {"title": {"text": ["T"], "subtitle": [charts.NO_EVIDENCE]}, "width": "container"}
    assert export.chart_spec_for_export(spec)["title"]["subtitle"] == ["A summary figure: no single sentence stands behind a mark."]


def test_chart_as_svg_and_png_follow_the_filters():
    from storyframes.present import export
    from storyframes.core.filters import Filters

    chart = _frames_chart(Filters(("gawker",), ("P1", "P2", "P3", "P4", "none")))
    svg = export.chart_image(chart.spec, "svg").decode("utf-8")
    assert svg.startswith("<svg") and "Gawker" in svg and "Dabs Magazine" not in svg
    png = export.chart_image(chart.spec, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    with pytest.raises(ValueError):
        export.chart_image(chart.spec, "gif")
