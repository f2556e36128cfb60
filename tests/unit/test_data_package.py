"""The curated data package: evidence checks on the real data, and the loader's error for each
kind of broken package (made as broken copies in a temporary folder; the real data is never touched)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from storyframes.data import DATA_DIR, DataPackageError, load_package
from storyframes.text import split_paragraphs

ROOT = DATA_DIR.parent


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A full copy of data/ to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def raw_text(article_id: str, data) -> str:
    row = data.articles.set_index("article_id").loc[article_id]
    return (DATA_DIR / row["raw_file"]).read_text(encoding="utf-8")


# --- evidence ---------------------------------------------------------------------------------


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in requirements-dev.txt")
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors] + [e.message for e in report.errors]
    assert report.valid, "\n".join(errors[:20])


def test_frictionless_command_line_passes():
    """The exact command the README gives."""
    exe = shutil.which("frictionless")
    if exe is None:
        pytest.skip("the frictionless command is installed by requirements-dev.txt")
    run = subprocess.run([exe, "validate", "data/datapackage.json"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_every_passage_is_verbatim_in_its_source(data):
    for p in data.passages.itertuples():
        raw = raw_text(p.article_id, data)
        assert raw[p.char_start : p.char_end] == p.text, p.passage_id
        assert p.text in raw


def test_passages_in_order_reconstruct_each_article(data):
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 - whitespace aside
    for art in data.articles.itertuples():
        rows = data.passages[data.passages["article_id"] == art.article_id].sort_values("sentence")
        assert squash("".join(rows["text"])) == squash(raw_text(art.article_id, data)), art.article_id
        assert rows["sentence"].tolist() == list(range(1, len(rows) + 1))


def test_paragraph_numbers_match_the_capture(data):
    for art in data.articles.itertuples():
        paras = split_paragraphs(raw_text(art.article_id, data))
        rows = data.passages[data.passages["article_id"] == art.article_id]
        for p in rows.itertuples():
            para = paras[p.paragraph - 1]
            assert para.start <= p.char_start and p.char_end <= para.end, p.passage_id


def test_raw_captures_match_the_reference_copies_when_present(data):
    """data/raw holds the captures byte for byte (the recorded hash is checked by the loader)."""
    for art in data.articles.itertuples():
        digest = hashlib.sha256((DATA_DIR / art.raw_file).read_bytes()).hexdigest()
        assert digest == art.raw_sha256
        reference = ROOT.parent / "shared" / "reference" / "articles" / art.source_file
        if reference.exists():
            assert reference.read_bytes() == (DATA_DIR / art.raw_file).read_bytes()


def test_passages_file_is_up_to_date_with_the_build_script():
    run = subprocess.run([sys.executable, "scripts/build_passages.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_furniture_is_kept_and_marked(data):
    furniture = data.passages[data.passages["is_furniture"]]
    texts = set(furniture["text"])
    assert {"Watch CBSN Live", "View CBS News In", "Image via AP.", "Contact the author at"} <= texts
    assert (furniture["furniture_kind"] != "").all()
    assert (data.passages[~data.passages["is_furniture"]]["furniture_kind"] == "").all()


def test_every_passage_has_exactly_one_row_of_codes(data):
    assert sorted(data.passage_codes["passage_id"]) == sorted(data.passages["passage_id"])


def test_every_code_in_use_is_in_the_codebook(data):
    book = set(zip(data.codebook["field"], data.codebook["code"]))
    used = [
        ("frame", data.passage_codes["frame"]),
        ("tone_police", data.passage_codes["tone_police"]),
        ("stance_reform", data.passage_codes["stance_reform"]),
        ("reference", data.passage_principles["reference"]),
        ("person_kind", data.passage_people["person_kind"]),
        ("mention", data.passage_people["mention"]),
        ("quote_channel", data.passage_people["quote_channel"]),
        ("target", data.lexicon["target"]),
        ("register", data.lexicon["register"]),
        ("furniture_kind", data.passages["furniture_kind"]),
        ("frame", data.headline_codes["frame"]),
        ("stance_reform", data.headline_codes["headline_stance"]),
        ("role_type", data.members["role_type"]),
        ("launch_era", data.members["launch_era"]),
        ("place_basis", data.members["place_basis"]),
        ("confidence", data.members["confidence"]),
        ("confidence", data.facts["confidence"]),
        ("confidence", data.coverage["headline_confidence"]),
        ("status", data.coverage_cities["status"]),
    ]
    missing = {(f, c) for f, col in used for c in set(col) if c and (f, c) not in book}
    assert not missing, f"codes used but not defined in codebook.csv: {sorted(missing)}"


def test_codebook_and_datapackage_allow_the_same_codes(data):
    """The codebook is for people, datapackage.json for machines: they must agree."""
    for res in data.descriptor["resources"]:
        for fld in res.get("schema", {}).get("fields", []):
            enum = fld.get("constraints", {}).get("enum")
            name = {"headline_stance": "stance_reform"}.get(fld["name"], fld["name"])
            defined = set(data.codebook[data.codebook["field"] == name]["code"])
            if enum and defined:
                assert set(enum) == defined, (res["name"], fld["name"], set(enum) ^ defined)


def test_codebook_examples_carry_their_code(data):
    per_passage = {
        "frame": data.passage_codes.set_index("passage_id")["frame"],
        "tone_police": data.passage_codes.set_index("passage_id")["tone_police"],
        "stance_reform": data.passage_codes.set_index("passage_id")["stance_reform"],
    }
    for row in data.codebook.itertuples():
        if row.field in per_passage and row.example_passage_id:
            assert per_passage[row.field][row.example_passage_id] == row.code, (row.field, row.code, row.example_passage_id)
        if row.example_passage_id:
            assert row.example_text, (row.field, row.code)


def test_codebook_defines_every_code_with_an_example_or_says_why_not(data):
    for row in data.codebook.itertuples():
        assert row.definition.strip() and row.edge_rule.strip(), (row.field, row.code)
        if not row.example_passage_id and row.field in {"frame", "tone_police", "stance_reform", "target", "register", "reference"}:
            assert "not used" in row.edge_rule.lower(), (row.field, row.code)


def test_no_member_or_fact_lacks_a_source(data):
    for name in ("members", "facts", "timeline"):
        urls = data.tables[name]["source_url"]
        assert urls.str.match(r"https?://").all(), name
    assert (data.coverage_cities["source"] != "").all()
    assert (data.principles["wording_source_url"] != "").all()


def test_unverified_markers_survive(data):
    batts = data.members[data.members["name"] == "Anthony Batts"].iloc[0]
    assert "UNVERIFIED" in batts["agency"] and batts["confidence"] == "unverified"
    assert (data.articles.set_index("article_id").loc["dabs", "published_confidence"]) == "low"


def test_launch_era_count_matches_the_evidence(data):
    evidence = pd.read_csv(DATA_DIR / "sources" / "members_evidence.csv", dtype=str, keep_default_na=False)
    assert len(data.members) == len(evidence)
    assert int((data.members["launch_era"] == "yes").sum()) == int((evidence["launch_era_oct2015"] == "yes").sum())


def test_cities_without_named_members_are_kept_apart(data):
    assert set(data.coverage_cities["city"]) == {"Seattle", "Philadelphia", "Boston", "Denver"}
    assert not set(data.coverage_cities["city"]) & set(data.members["place_name"])


def test_misspelling_is_kept_and_mapped(data):
    mccarty = data.passage_people[data.passage_people["name_in_source"] == "McCarty"]
    assert len(mccarty) >= 1 and set(mccarty["member_id"]) == {"mccarthy-garry"}


def test_coverage_has_twenty_plus_other_outlets(data):
    assert (data.coverage["article_id"] == "").sum() >= 19
    assert len(data.coverage) == len(pd.read_csv(DATA_DIR / "sources" / "coverage_index.csv"))


# --- the loader's errors on broken copies -------------------------------------------------------


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_real_package_loads(data):
    assert len(data.passages) > 50 and set(data.tables) >= {"articles", "passages", "members", "codebook"}


def test_missing_file(broken):
    (broken / "members.csv").unlink()
    with pytest.raises(DataPackageError) as err:
        load_package(broken)
    assert err.value.file == "members.csv" and "missing" in str(err.value)


def test_missing_column(broken):
    frame = pd.read_csv(broken / "passage_codes.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["tone_police"]).to_csv(broken / "passage_codes.csv", index=False)
    with pytest.raises(DataPackageError) as err:
        load_package(broken)
    assert (err.value.file, err.value.column, err.value.line) == ("passage_codes.csv", "tone_police", 1)


def test_unknown_code(broken):
    frame = pd.read_csv(broken / "passage_codes.csv", dtype=str, keep_default_na=False)
    frame.loc[4, "frame"] = "vibes"
    frame.to_csv(broken / "passage_codes.csv", index=False)
    with pytest.raises(DataPackageError) as err:
        load_package(broken)
    assert (err.value.file, err.value.column, err.value.line) == ("passage_codes.csv", "frame", 6)
    assert "vibes" in str(err.value)


def test_dangling_key(broken):
    frame = pd.read_csv(broken / "passage_principles.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "passage_id"] = "gawker-99"
    frame.to_csv(broken / "passage_principles.csv", index=False)
    with pytest.raises(DataPackageError) as err:
        load_package(broken)
    assert (err.value.file, err.value.column, err.value.line) == ("passage_principles.csv", "passage_id", 2)
    assert "gawker-99" in str(err.value)


def test_wrong_encoding(broken):
    path = broken / "lexicon.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-8") + "café".encode("latin-1"))
    with pytest.raises(DataPackageError) as err:
        load_package(broken)
    assert err.value.file == "lexicon.csv" and "UTF-8" in str(err.value) and err.value.line is not None


def test_binary_file(broken):
    (broken / "facts.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(DataPackageError, match="binary"):
        load_package(broken)


def test_passage_not_in_its_source(broken):
    frame = pd.read_csv(broken / "passages.csv", dtype=str, keep_default_na=False)
    frame.loc[10, "text"] = frame.loc[10, "text"].replace("the", "teh", 1)
    frame.to_csv(broken / "passages.csv", index=False)
    with pytest.raises(DataPackageError) as err:
        load_package(broken)
    assert (err.value.file, err.value.column, err.value.line) == ("passages.csv", "text", 12)
    assert "not verbatim" in str(err.value)


def test_changed_capture(broken):
    raw = next((broken / "raw" / "articles").glob("001_*.txt"))
    raw.write_text(raw.read_text(encoding="utf-8").replace("McCarty", "McCarthy"), encoding="utf-8")
    with pytest.raises(DataPackageError, match="changed since it was captured"):
        load_package(broken)


def test_quote_not_in_its_passage(broken):
    frame = pd.read_csv(broken / "passage_people.csv", dtype=str, keep_default_na=False)
    i = frame.index[frame["quote_text"] != ""][0]
    frame.loc[i, "quote_text"] = "words nobody said"
    frame.to_csv(broken / "passage_people.csv", index=False)
    with pytest.raises(DataPackageError) as err:
        load_package(broken)
    assert (err.value.file, err.value.column, err.value.line) == ("passage_people.csv", "quote_text", i + 2)


def test_duplicate_primary_key(broken):
    rewrite(broken / "principles.csv", "P4,", "P3,")
    with pytest.raises(DataPackageError, match="P3"):
        load_package(broken)


def test_malformed_descriptor(broken):
    (broken / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(DataPackageError) as err:
        load_package(broken)
    assert err.value.file == "datapackage.json"
