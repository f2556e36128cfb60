"""The auto-coded rows as files (storyframes.autocode.package): validated with frictionless on their
own and appended to a copy of data/, where frictionless and the app's own loader accept them."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from storyframes.autocode import ArticleMeta, code_article, read_file, write_package_rows
from storyframes.autocode.package import added_article_zip, merge_into
from storyframes.core.data import DATA_DIR, load_package

frictionless = pytest.importorskip("frictionless", reason="frictionless is in requirements-dev.txt")

ROOT = Path(__file__).resolve().parents[2]
PAGE = """<html><head><title>Police chiefs: stop filling prisons</title><meta property="og:site_name" content="Example Herald">
<link rel="canonical" href="https://herald.example.com/chiefs"><meta property="article:published_time" content="2015-10-23">
<script>alert(1)</script></head><body><article>
<p>More than 130 police chiefs and prosecutors met in Washington on Wednesday to call for fewer arrests.</p>
<p>“We arrest too many people for low-level offenses,” Chicago Police Superintendent Garry McCarthy said in a statement.</p>
<p>The group wants mental health and drug treatment instead of arrests, and an end to mandatory minimums.</p>
<p>It also wants officers trained in procedural justice, the group said.</p>
</article></body></html>"""


def _errors(report) -> list[str]:
    return [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors] + [e.message for e in report.errors]


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module", params=["known outlet", "new outlet"])
def coded(request, data):
    got = read_file("herald.html", PAGE.encode())
    outlet = "NPR" if request.param == "known outlet" else got.meta.outlet
    return code_article(got.text, ArticleMeta(outlet=outlet, headline=got.meta.headline, published=got.meta.published, url=got.meta.url), data)


def test_written_files(coded, tmp_path):
    paths = write_package_rows(coded, tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in paths)
    expected = ["articles.csv", "datapackage.json", "lexicon.csv", "passage_people.csv", "passage_principles.csv", "passages.csv",
                f"raw/articles/{coded.article_id}.txt"] + (["outlets.csv"] if len(coded.tables["outlets"]) else [])
    assert names == sorted(expected)
    for name in ("articles", "passages", "passage_principles", "passage_people", "lexicon"):
        header = (DATA_DIR / f"{name}.csv").read_text(encoding="utf-8").partition("\n")[0]
        written = (tmp_path / f"{name}.csv").read_text(encoding="utf-8")
        assert written.partition("\n")[0] == header and written.endswith("\n") and "\r" not in written
        back = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(back) == len(coded.tables[name])
    assert (tmp_path / "raw/articles" / f"{coded.article_id}.txt").read_text(encoding="utf-8") == coded.text


def test_written_rows_validate_with_frictionless_on_their_own(coded, tmp_path):
    write_package_rows(coded, tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, "\n".join(_errors(report)[:20])
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    kept = {r["name"] for r in descriptor["resources"]}
    for res in descriptor["resources"]:  # no foreign key to a table the folder does not hold
        for fk in res.get("schema", {}).get("foreignKeys", []):
            assert fk["reference"]["resource"] in kept


def test_frictionless_catches_a_broken_written_row(coded, tmp_path):
    """The validation can fail: a row that breaks the schema is reported."""
    write_package_rows(coded, tmp_path)
    path = tmp_path / "passage_principles.csv"
    path.write_text(path.read_text(encoding="utf-8") + f"{coded.article_id}-01,P9,maybe,x\n", encoding="utf-8")
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_rows_appended_to_a_copy_of_data_validate_and_load(coded, tmp_path, data):
    """What data/README.md tells a reviewer to do before committing: append, validate, load."""
    folder, copy = tmp_path / "coded", tmp_path / "data"
    write_package_rows(coded, folder)
    shutil.copytree(DATA_DIR, copy)
    merge_into(folder, copy)
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert report.valid, "\n".join(_errors(report)[:20])
    merged = load_package(copy)  # foreign keys to members, principles and outlets; hashes; verbatim passages, names, terms
    assert coded.article_id in set(merged.articles["article_id"])
    assert len(merged.passages) == len(data.passages) + len(coded.tables["passages"])
    mine = merged.passage_principles[merged.passage_principles["passage_id"].str.startswith(coded.article_id)]
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), coded.tables["passage_principles"])
    for name in ("articles", "passages", "passage_people", "lexicon"):  # the same rows and types as the loader reads back
        back = merged.tables[name].iloc[len(data.tables[name]):].reset_index(drop=True)
        pd.testing.assert_frame_equal(back, coded.tables[name], check_dtype=True)
    with pytest.raises(ValueError, match="already"):  # the same folder twice
        merge_into(folder, copy)


def test_add_article_script(coded, tmp_path):
    folder, copy = tmp_path / "coded", tmp_path / "data"
    write_package_rows(coded, folder)
    shutil.copytree(DATA_DIR, copy)
    run = subprocess.run([sys.executable, "scripts/add_article.py", str(folder), "--data", str(copy)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "loads" in run.stdout
    again = subprocess.run([sys.executable, "scripts/add_article.py", str(folder), "--data", str(copy)], cwd=ROOT, capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 1 and again.stderr.startswith("error: ") and "Traceback" not in again.stderr


def test_the_zip_holds_the_same_files(coded, tmp_path):
    write_package_rows(coded, tmp_path)
    with zipfile.ZipFile(io.BytesIO(added_article_zip(coded))) as zf:
        for name in zf.namelist():
            assert name.startswith(coded.article_id + "/")
            assert zf.read(name) == (tmp_path / name.split("/", 1)[1]).read_bytes()
