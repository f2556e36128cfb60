"""Every CSV the app or the command line writes is safe to open in a spreadsheet
(storyframes.core.csvtext): a text cell that would run as a formula gets a leading apostrophe,
numbers stay numbers, and merge_into takes the mark off so data/ keeps every extract verbatim."""

from __future__ import annotations

import ast
import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from storyframes.autocode import ArticleMeta, code_article, write_package_rows
from storyframes.autocode.package import added_article_zip, merge_into
from storyframes.core.csvtext import csv_text, restore_cell, safe_cell
from storyframes.core.data import DATA_DIR, load_package
from storyframes.present.export import csv_bytes

ROOT = Path(__file__).resolve().parents[2]
RISKY = ["=1+1", '=HYPERLINK("http://127.0.0.1:9/x","Click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "- a list item"]
SAFE = ["", "plain", "x = 1", "3", "-3", "+1.5", "-2e3", ".5", "'", "'quoted", "—an em dash"]
ARTICLE = ("Police chiefs want fewer arrests\n\n"
           "- More than 130 police chiefs and prosecutors met in Washington on Wednesday.\n\n"
           "They want mental health and drug treatment instead of arrests, said Chicago Police Superintendent Garry McCarthy.\n")


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("value", RISKY)
def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", SAFE)
def test_text_and_numbers_written_as_text_stay_as_they_are(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", RISKY + SAFE + ["'=x", "''-x", "'-3", "'@"])
def test_every_cell_round_trips(value):
    assert restore_cell(safe_cell(value)) == value


def test_csv_text_marks_text_cells_and_leaves_numbers_dates_and_booleans():
    frame = pd.DataFrame({"outlet": ["=HYPERLINK(\"x\")", "NPR", None], "score": [-3, 4, 5], "share": [-0.25, 0.5, float("nan")],
                          "flag": [True, False, True], "day": pd.to_datetime(["2015-10-21", None, "2015-10-22"]),
                          "note": pd.Series(["-3", "@me", ""], dtype=str)})
    rows = _cells(csv_text(frame))
    assert rows[0] == list(frame.columns)
    assert rows[1] == ["'=HYPERLINK(\"x\")", "-3", "-0.25", "True", "2015-10-21", "-3"]
    assert rows[2] == ["NPR", "4", "0.5", "False", "", "'@me"]
    assert rows[3] == ["", "5", "", "True", "2015-10-22", ""]
    # a spreadsheet reads the numbers back as numbers
    back = pd.read_csv(io.StringIO(csv_text(frame)))
    assert back["score"].tolist() == [-3, 4, 5] and back["share"].iloc[0] == -0.25


def test_the_sources_pages_downloads_are_safe():
    data = load_package()
    articles = data.articles.copy()
    articles.loc[0, "outlet"] = "=HYPERLINK(\"http://127.0.0.1:9/\",\"Click\")"
    rows = _cells(csv_bytes(articles).decode("utf-8"))
    column = rows[0].index("outlet")
    assert rows[1][column] == "'" + articles.loc[0, "outlet"]
    assert rows[1:] and all(not r[column].startswith(("=", "+", "@")) for r in rows[1:])


@pytest.fixture(scope="module")
def hostile_coded():
    data = load_package()
    return code_article(ARTICLE, ArticleMeta(outlet="=HYPERLINK(\"http://127.0.0.1:9/\",\"Click\")", headline="@everyone -1+1"), data)


def test_an_added_articles_rows_are_safe_in_the_folder_and_the_zip(hostile_coded, tmp_path):
    write_package_rows(hostile_coded, tmp_path)
    import zipfile
    with zipfile.ZipFile(io.BytesIO(added_article_zip(hostile_coded))) as zf:
        zipped = {Path(n).name: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".csv")}
    for name in ("articles.csv", "outlets.csv", "passages.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert zipped[name] == text
        for row in _cells(text)[1:]:
            assert not [c for c in row if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and safe_cell(c) != c)], (name, row)
    art = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False).iloc[0]
    assert (art["outlet"], art["headline"]) == ("'=HYPERLINK(\"http://127.0.0.1:9/\",\"Click\")", "'@everyone -1+1")
    texts = pd.read_csv(tmp_path / "passages.csv", dtype=str, keep_default_na=False)["text"]
    assert any(t.startswith("'- More than 130") for t in texts)


def test_merged_rows_keep_the_text_verbatim(hostile_coded, tmp_path):
    """Appended to a copy of data/, the rows lose the apostrophes: the loader checks every
    passage's text against the raw file at its offsets, and the outlet is named as given."""
    folder, copy = tmp_path / "rows", tmp_path / "data"
    write_package_rows(hostile_coded, folder)
    shutil.copytree(DATA_DIR, copy)
    merge_into(folder, copy)
    merged = load_package(copy)
    art = merged.articles[merged.articles["article_id"] == hostile_coded.article_id].iloc[0]
    assert art["outlet"] == "=HYPERLINK(\"http://127.0.0.1:9/\",\"Click\")" and art["headline"] == "@everyone -1+1"
    mine = merged.passages[merged.passages["article_id"] == hostile_coded.article_id]
    assert any(t.startswith("- More than 130") for t in mine["text"])
    for name in ("articles", "passages", "passage_principles", "passage_people", "lexicon"):
        curated = load_package().tables[name]
        assert merged.tables[name].iloc[: len(curated)].equals(curated), name  # the curated rows untouched


# Writers of CSV that are not csv_text, each with why it may write cells as they are.
ALLOWED_WRITERS = {
    ("storyframes/core/csvtext.py", "csv_text"): "the one writer",
    ("storyframes/core/csvtext.py", "safe_csv_file"): "the one writer's rule applied to a file of the package, for the zip",
    ("storyframes/core/data.py", "with_added"): "a digest of the added tables for the package's version, never a file",
    ("storyframes/autocode/package.py", "_restored"): "rows appended to data/ itself, verbatim (the package's own files)",
}


class _Writers(ast.NodeVisitor):
    """(file, innermost function) of every .to_csv(...), csv.writer(...) and csv.DictWriter(...) call."""

    def __init__(self, rel: str):
        self.rel, self.stack, self.found = rel, ["<module>"], set()

    def visit_FunctionDef(self, node):
        self.stack.append(node.name)
        self.generic_visit(node)
        self.stack.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node):
        f = node.func
        if isinstance(f, ast.Attribute) and (f.attr == "to_csv" or (f.attr in ("writer", "DictWriter") and isinstance(f.value, ast.Name)
                                                                    and f.value.id == "csv")):
            self.found.add((self.rel, self.stack[-1]))
        self.generic_visit(node)


def test_every_csv_writer_is_the_safe_one_or_says_why_not():
    found = set()
    for path in sorted([*(ROOT / "storyframes").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"]):
        visitor = _Writers(path.relative_to(ROOT).as_posix())
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found |= visitor.found
    assert found == set(ALLOWED_WRITERS), sorted(found)
