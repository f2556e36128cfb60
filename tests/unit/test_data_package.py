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

from storyframes.core.data import DATA_DIR, DataPackageError, load_package
from storyframes.core.text import split_paragraphs

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


# --- broken packages: shape before content (issue 8) -----------------------------------------------

import json  # noqa: E402  (kept with the tests that use it)
import os  # noqa: E402

import jsonschema  # noqa: E402

from storyframes.core import data as loader  # noqa: E402
from storyframes.core.data import APP_CONTRACT, DESCRIPTOR_SCHEMA, MAX_ROWS, MiB  # noqa: E402


def load_error(folder: Path) -> DataPackageError:
    """The loader's one error for `folder`; it never names a server path."""
    with pytest.raises(DataPackageError) as err:
        load_package(folder)
    message = str(err.value)
    for path in (str(folder), str(folder.parent), str(ROOT), "/tmp/", "/work/"):
        assert path not in message, message
    assert not os.path.isabs(err.value.file or "relative")
    return err.value


def descriptor_of(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(folder: Path, descriptor) -> str:
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    return text


def resource(descriptor: dict, name: str) -> tuple[int, dict]:
    return next((i, r) for i, r in enumerate(descriptor["resources"]) if r["name"] == name)


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """1-based line of the nth line of `text` containing `needle`."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return hits[nth]


def test_our_descriptor_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(DESCRIPTOR_SCHEMA)
    assert not list(jsonschema.Draft202012Validator(DESCRIPTOR_SCHEMA).iter_errors(json.loads((DATA_DIR / "datapackage.json").read_text())))


@pytest.mark.parametrize("descriptor, found", [({"name": "x"}, "has no 'resources'"), ([], "not a list"), ("text", "not a string"),
                                                ({"resources": []}, "it is empty")],
                         ids=["object-without-resources", "empty-list", "string", "no-resources"])
def test_descriptor_of_the_wrong_shape(broken, descriptor, found):
    write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert (err.file, err.line) == ("datapackage.json", 1 if descriptor != {"resources": []} else 2)
    assert found in err.detail and "resources" in err.detail


def test_resource_without_path(broken):
    descriptor = descriptor_of(broken)
    i, res = resource(descriptor, "principles")
    del res["path"]
    text = write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert err.file == "datapackage.json" and f"resources[{i}] has no 'path'" in err.detail
    assert err.line == line_of(text, '"name": "principles"') - 1  # the line of the resource's "{"


def test_resource_whose_fields_are_not_a_list(broken):
    descriptor = descriptor_of(broken)
    i, res = resource(descriptor, "principles")
    res["schema"]["fields"] = {"name": "principle_id"}
    text = write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert f"resources[{i}].schema.fields must be a non-empty list of field objects, not an object" in err.detail
    assert err.line == line_of(text, '"fields": {')


def test_field_of_a_type_the_loader_does_not_know(broken):
    descriptor = descriptor_of(broken)
    i, res = resource(descriptor, "passages")
    res["schema"]["fields"][2]["type"] = "datetime"
    text = write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert err.detail.startswith(f"resources[{i}].schema.fields[2].type is \"datetime\"")
    assert err.line == line_of(text, '"type": "datetime"')


@pytest.mark.parametrize("constraints", [{"minLength": 3}, {"required": "yes"}, {"enum": "P1"}, {"pattern": "("}],
                         ids=["unknown-constraint", "required-not-boolean", "enum-not-a-list", "bad-regex"])
def test_constraints_the_loader_cannot_obey(broken, constraints):
    descriptor = descriptor_of(broken)
    i, res = resource(descriptor, "principles")
    res["schema"]["fields"][1]["constraints"] = constraints
    write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert err.file == "datapackage.json" and f"resources[{i}].schema.fields[1].constraints" in err.detail


def test_foreign_key_to_a_resource_that_is_not_there(broken):
    descriptor = descriptor_of(broken)
    i, res = resource(descriptor, "articles")
    res["schema"]["foreignKeys"][0]["reference"]["resource"] = "newsrooms"
    write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert f"resources[{i}].schema.foreignKeys[0].reference.resource" in err.detail and "newsrooms" in err.detail


@pytest.mark.parametrize("path", ["/etc/passwd", "../data/principles.csv", "raw/../principles.csv", "https://x.org/p.csv", ".hidden.csv"])
def test_resource_path_outside_the_package(broken, path):
    descriptor = descriptor_of(broken)
    _i, res = resource(descriptor, "principles")
    res["path"] = path
    write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert err.file == "datapackage.json" and "relative path inside the package" in err.detail


def test_raw_file_outside_the_package(broken):
    """articles.csv names files too: a path out of the folder is refused where it is written."""
    descriptor = descriptor_of(broken)
    _i, res = resource(descriptor, "articles")
    field = next(f for f in res["schema"]["fields"] if f["name"] == "raw_file")
    field["constraints"].pop("pattern")  # a descriptor that does not guard the column itself
    write_descriptor(broken, descriptor)
    rewrite(broken / "articles.csv", "raw/articles/001_", "../../../../etc/")
    err = load_error(broken)
    assert (err.file, err.line, err.column) == ("articles.csv", 3, "raw_file")


def test_link_to_a_file_outside_the_package(broken, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    shutil.copy(broken / "principles.csv", outside)
    (broken / "principles.csv").unlink()
    (broken / "principles.csv").symlink_to(outside)
    err = load_error(broken)
    assert err.file == "principles.csv" and "outside the package" in err.detail


# --- the app's contract ---------------------------------------------------------------------------------


def test_the_shipped_descriptor_satisfies_the_contract():
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in descriptor["resources"]}
    for name, need in APP_CONTRACT.items():
        assert name in by_name, name
        if need.kind == "table":
            types = {f["name"]: f.get("type", "string") for f in by_name[name]["schema"]["fields"]}
            for fname in need.fields:
                assert types.get(fname) == need.descriptor_type(fname), (name, fname)
        else:
            assert "schema" not in by_name[name]
    assert {n for n, r in by_name.items() if "schema" in r} == {n for n, need in APP_CONTRACT.items() if need.kind == "table"}


def test_contract_names_every_table_and_the_map():
    """Every table of data/datapackage.json is one the app reads, and the contract says why."""
    import json

    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    tables = sorted(r["name"] for r in descriptor["resources"] if "schema" in r)
    assert sorted(n for n, need in APP_CONTRACT.items() if need.kind == "table") == tables
    assert len(tables) == 18
    assert APP_CONTRACT["us_states"].kind == "topojson"


@pytest.mark.parametrize("name", ["us_states", "lexicon", "passages"])
def test_missing_resource(broken, name):
    descriptor = descriptor_of(broken)
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != name]
    write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert err.file == "datapackage.json"
    assert err.detail == f"resource {name!r} is missing; the app needs it for {APP_CONTRACT[name].purpose}"


def test_missing_field_the_app_needs(broken):
    """Dropped from the descriptor and the file alike: the header check cannot see it."""
    descriptor = descriptor_of(broken)
    i, res = resource(descriptor, "passage_codes")
    res["schema"]["fields"] = [f for f in res["schema"]["fields"] if f["name"] != "tone_police"]
    write_descriptor(broken, descriptor)
    frame = pd.read_csv(broken / "passage_codes.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["tone_police"]).to_csv(broken / "passage_codes.csv", index=False)
    err = load_error(broken)
    assert err.file == "datapackage.json" and "has no field 'tone_police' (string); the app needs it for" in err.detail


def test_field_the_app_reads_as_another_type(broken):
    descriptor = descriptor_of(broken)
    _i, res = resource(descriptor, "passages")
    next(f for f in res["schema"]["fields"] if f["name"] == "sentence")["type"] = "string"
    write_descriptor(broken, descriptor)
    err = load_error(broken)
    assert "field 'sentence' of 'passages' is string; the app reads it as integer" in err.detail


def test_a_fact_the_pages_look_up_is_missing(broken):
    rewrite(broken / "facts.csv", "\nwh_panel_date,", "\nwh_panel_day,")
    err = load_error(broken)
    assert (err.file, err.column) == ("facts.csv", "fact_id") and "'wh_panel_date' is missing" in err.detail


def test_timeline_date_the_chart_cannot_read(broken):
    descriptor = descriptor_of(broken)
    _i, res = resource(descriptor, "timeline")
    next(f for f in res["schema"]["fields"] if f["name"] == "start")["constraints"].pop("pattern")
    write_descriptor(broken, descriptor)
    rewrite(broken / "timeline.csv", "2015-10-21T09:36", "the morning after")
    err = load_error(broken)
    assert (err.file, err.line, err.column) == ("timeline.csv", 5, "start")


@pytest.mark.parametrize("name", [n for n, need in APP_CONTRACT.items() if need.kind == "table" and need.rows])
def test_header_only_table_that_needs_rows(broken, name):
    path = broken / f"{name}.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    err = load_error(broken)
    assert (err.file, err.line) == (f"{name}.csv", 2) and "a header but no rows" in err.detail


def test_tables_that_may_be_empty_load_empty(broken):
    """The coded tables every page handles empty (tests/pages/test_broken_package.py runs them)."""
    empty = [n for n, need in APP_CONTRACT.items() if need.kind == "table" and not need.rows]
    assert set(empty) == {"passage_principles", "passage_people", "lexicon", "coverage_cities", "coverage_people", "second_coding"}
    for name in empty:
        path = broken / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    data = load_package(broken)
    for name in empty:
        assert data.tables[name].empty and list(data.tables[name].columns) == list(load_package().tables[name].columns)


# --- CSV: the file's own line numbers -----------------------------------------------------------------


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_csv_cut_inside_a_quoted_field(broken):
    path = broken / "passages.csv"
    lines = lines_of(path)
    n = next(i for i in range(20, len(lines)) if ',"' in lines[i]) + 1  # a file line with a quoted cell, past line 20
    cut = lines[n - 1].index(',"') + 12
    path.write_text("".join(lines[: n - 1]) + lines[n - 1][:cut], encoding="utf-8")
    err = load_error(broken)
    assert (err.file, err.line) == ("passages.csv", n)
    assert f"a quoted field that starts on line {n} is never closed" in err.detail


def test_quote_opened_and_never_closed_mid_file(broken):
    """The quote opens on line 8 and swallows the rest of the file (outlets.csv has no quote after
    line 6): line 8 is named, not the end of the file where the csv module notices."""
    path = broken / "outlets.csv"
    lines = lines_of(path)
    assert '"' not in "".join(lines[6:]) and len(lines) > 12
    lines[7] = lines[7].replace(",", ',"', 1)
    path.write_text("".join(lines), encoding="utf-8")
    err = load_error(broken)
    assert (err.file, err.line) == ("outlets.csv", 8) and "starts on line 8 is never closed" in err.detail


def test_unclosed_quote_after_a_closed_multi_line_cell():
    """The record starts on line 2, its first quoted cell closes on line 3, and a quote opened
    later on line 3 never closes: line 3 is named, not the record's first line nor the last."""
    text = 'a,b,c\n"one\ntwo",x,"never\nclosed\nat all\n'
    with pytest.raises(DataPackageError) as err:
        loader.parse_csv(text, "t.csv")
    assert err.value.line == 3 and "starts on line 3 is never closed" in err.value.detail


def test_ragged_row(broken):
    path = broken / "principles.csv"
    lines = lines_of(path)
    lines[3] = lines[3].rstrip("\n") + ",one too many\n"
    path.write_text("".join(lines), encoding="utf-8")
    err = load_error(broken)
    assert (err.file, err.line) == ("principles.csv", 4) and "the header (line 1) has 6" in err.detail


def test_short_row(broken):
    path = broken / "outlets.csv"
    lines = lines_of(path)
    lines[9] = "nyt,The New York Times\n"
    path.write_text("".join(lines), encoding="utf-8")
    err = load_error(broken)
    assert (err.file, err.line) == ("outlets.csv", 10)


def test_multi_line_cell_then_an_error(broken):
    """A line break inside a quoted cell on line 3 makes that record two file lines: an error in
    the record that was on line 10 is reported on line 11, where it is in the file."""
    path = broken / "codebook.csv"
    lines = lines_of(path)
    assert lines[2].count('"') >= 2
    quoted = lines[2].index('"') + 5
    lines[2] = lines[2][:quoted] + "\n" + lines[2][quoted:]  # inside the quoted definition
    code = lines[9].split(",")[1]
    lines[9] = lines[9].replace(f",{code},", ",", 1)  # one cell short
    path.write_text("".join(lines), encoding="utf-8")
    err = load_error(broken)
    assert (err.file, err.line) == ("codebook.csv", 11)


def rewrite_records(path: Path, change) -> None:
    """Read a CSV with the csv module, let `change(records)` edit it, write it back (minimal quoting)."""
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    change(records)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)


def test_multi_line_cell_then_a_bad_value(broken):
    """Later checks (here an unknown code) report file lines too, not row index + 2: the record
    of line 2 now spans lines 2-3, so the record that was on line 8 is on line 9."""
    def change(records):
        records[1][-1] = "two\nlines: " + records[1][-1]
        records[7][1] = "vibes"
    rewrite_records(broken / "passage_codes.csv", change)
    err = load_error(broken)
    assert (err.file, err.line, err.column) == ("passage_codes.csv", 9, "frame")


def test_foreign_key_error_after_a_multi_line_cell(broken):
    def change(records):
        records[1][-1] = records[1][-1] + "\nand more"
        records[4][0] = "gawker-99"
    rewrite_records(broken / "passage_principles.csv", change)
    err = load_error(broken)
    assert (err.file, err.line, err.column) == ("passage_principles.csv", 6, "passage_id")


def test_verbatim_error_after_a_multi_line_cell(broken):
    """The evidence checks name file lines too: a person's name on record 1 spans lines 2-3, so
    the record that was on line 6 is on line 7."""
    def change(records):
        assert records[0][:3] == ["passage_id", "name_in_source", "person"]
        records[1][2] = records[1][2] + "\n(line break)"
        records[5][1] = "Nobody Atall"
    rewrite_records(broken / "passage_people.csv", change)
    err = load_error(broken)
    assert (err.file, err.line, err.column) == ("passage_people.csv", 7, "name_in_source")


def test_parse_csv_records_the_starting_line_of_each_record():
    header, records, lines, header_line = loader.parse_csv('a,b\n1,"x\ny"\n\n2,3\r\n4,"5"\n', "t.csv")
    assert header == ["a", "b"] and header_line == 1
    assert records == [["1", "x\ny"], ["2", "3"], ["4", "5"]]
    assert lines == [2, 5, 6]


def test_parse_csv_gives_what_pandas_gave_for_every_shipped_table():
    from io import StringIO

    for path in sorted(DATA_DIR.glob("*.csv")):
        header, records, _lines, _h = loader.parse_csv(path.read_text(encoding="utf-8"), path.name)
        ours = pd.DataFrame(records, columns=header, dtype=str)
        theirs = pd.read_csv(StringIO(path.read_text(encoding="utf-8")), dtype=str, keep_default_na=False, na_filter=False)
        pd.testing.assert_frame_equal(ours, theirs, obj=path.name)


# --- limits ---------------------------------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_unread(broken, monkeypatch):
    """A 21 MiB passages.csv (sparse: its bytes are NULs, which would be refused as binary if it
    were read) is refused by its size alone; the reader never opens it."""
    path = broken / "passages.csv"
    with path.open("r+b") as handle:
        handle.truncate(21 * MiB)
    opened: list[str] = []
    real = loader._Reader.read_bytes
    monkeypatch.setattr(loader._Reader, "read_bytes", lambda self, rel, **kw: opened.append(rel) or real(self, rel, **kw))
    err = load_error(broken)
    assert err.file == "passages.csv" and "21.0 MiB; the limit is 20 MiB per file" in err.detail
    assert opened == ["datapackage.json"]  # only the descriptor was read: every file is sized first


def test_package_over_the_total_limit(broken, monkeypatch):
    limit = (broken / "datapackage.json").stat().st_size + 1_500  # the descriptor and a file or two fit, not all
    monkeypatch.setattr(loader, "MAX_PACKAGE_BYTES", limit)
    err = load_error(broken)
    assert "passes 0 MiB, its limit" in err.detail or "its limit" in err.detail
    sizes = [(broken / "datapackage.json").stat().st_size]
    for res in descriptor_of(broken)["resources"]:
        sizes.append((broken / res["path"]).stat().st_size)
        if sum(sizes) > limit:
            assert err.file == res["path"]
            break


def test_too_many_rows_stops_the_parse(broken):
    """MAX_ROWS + 1 rows of codebook.csv: the parse stops there; the rest of the file (a cut
    quoted field, which would be another error) is never reached."""
    path = broken / "codebook.csv"
    header = lines_of(path)[0]
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        out.write("frame,x,y,z,,,r\n" * (MAX_ROWS + 1))
        out.write('frame,x,"never closed')
    err = load_error(broken)
    assert (err.file, err.line) == ("codebook.csv", MAX_ROWS + 2)
    assert f"more than {MAX_ROWS:,} rows" in err.detail


def test_row_limit_counts_records_not_lines():
    text = 'a,b\n1,"x\ny\nz"\n2,3\n'
    assert len(loader.parse_csv(text, "t.csv", max_rows=2)[1]) == 2
    with pytest.raises(DataPackageError) as err:
        loader.parse_csv(text, "t.csv", max_rows=1)
    assert err.value.line == 5


# --- web addresses --------------------------------------------------------------------------------------

HOSTILE_URLS = [
    "javascript:alert(1)",
    "https://x.org/a) ![D9](http://127.0.0.1:8636/D9.png",
    "http://",
    "https:///path",
    " https://x.org",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "https://x.org/a)",
    "https://user:pass@x.org/",
    "http://127.0.0.1:8636/",
    "https://x.org/\u202egnp.exe",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_address_is_refused_even_when_the_descriptor_allows_it(broken, url):
    """The loader's own rule (storyframes.core.urls.link_address), not only the descriptor's pattern."""
    descriptor = descriptor_of(broken)
    _i, res = resource(descriptor, "articles")
    next(f for f in res["schema"]["fields"] if f["name"] == "url")["constraints"]["pattern"] = "[^\\n]*"
    write_descriptor(broken, descriptor)
    frame = pd.read_csv(broken / "articles.csv", dtype=str, keep_default_na=False)
    frame.loc[1, "url"] = url
    frame.to_csv(broken / "articles.csv", index=False)
    err = load_error(broken)
    assert (err.file, err.line, err.column) == ("articles.csv", 3, "url")
    assert "not a plain http(s) web address" in err.detail


@pytest.mark.parametrize("url", HOSTILE_URLS[:4])
def test_hostile_address_is_refused_by_the_shipped_descriptor_too(broken, url):
    frame = pd.read_csv(broken / "coverage.csv", dtype=str, keep_default_na=False)
    frame.loc[7, "url"] = url
    frame.to_csv(broken / "coverage.csv", index=False)
    err = load_error(broken)
    assert (err.file, err.line, err.column) == ("coverage.csv", 9, "url")


# --- the descriptor's own errors ---------------------------------------------------------------------


def test_json_line_finds_the_value_at_a_path():
    text = '{\n  "a": [\n    {"b": 1},\n    {\n      "b": [1,\n 2]\n    }\n  ],\n  "a2": "x",\n  "a": [0]\n}'
    assert loader.json_line(text, ["a2"]) == 9
    assert loader.json_line(text, ["a"]) == 10  # the last duplicate wins, as in json.loads
    assert loader.json_path(["resources", 3, "schema", "fields", 2]) == "resources[3].schema.fields[2]"


def test_deeply_nested_descriptor(broken):
    (broken / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    err = load_error(broken)
    assert err.file == "datapackage.json"


# --- the second coding (reliability) ----------------------------------------------------------------

SHARED_SECOND_CODING = ROOT.parent / "shared" / "reference" / "second_coding" / "second_coding.csv"


def test_second_coding_is_the_file_the_descriptor_records():
    """The descriptor records the shared file's SHA-256 (frictionless checks it too); this runs everywhere."""
    recorded = next(r for r in descriptor_of(DATA_DIR)["resources"] if r["name"] == "second_coding")["hash"]
    assert recorded == "sha256:" + hashlib.sha256((DATA_DIR / "second_coding.csv").read_bytes()).hexdigest()


def test_second_coding_is_the_shared_file_byte_for_byte():
    if not SHARED_SECOND_CODING.exists():
        pytest.skip("the shared reference is not beside this checkout (it is on the project's machine, not in CI's clone)")
    assert (DATA_DIR / "second_coding.csv").read_bytes() == SHARED_SECOND_CODING.read_bytes()


def test_second_coding_covers_every_prose_sentence_once(data):
    """The 50 prose sentences of the full texts, each once; no furniture (the second coder never saw it)."""
    prose = data.passages.loc[~data.passages["is_furniture"], "passage_id"]
    assert sorted(data.second_coding["passage_id"]) == sorted(prose)
    assert data.second_coding["passage_id"].is_unique


def _second_coding_error(broken: Path, row: int, column: str, value: str) -> DataPackageError:
    frame = pd.read_csv(broken / "second_coding.csv", dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(broken / "second_coding.csv", index=False)
    err = load_error(broken)
    assert (err.file, err.column, err.line) == ("second_coding.csv", column, row + 2), str(err)
    return err


def test_second_coding_with_an_unknown_code(broken):
    assert "unknown code 'vibes'" in str(_second_coding_error(broken, 3, "tone_police", "vibes"))


def test_second_coding_of_an_unknown_passage(broken):
    assert "'dabs-99' is not a known passage_id of passages" in str(_second_coding_error(broken, 0, "passage_id", "dabs-99"))


@pytest.mark.parametrize("cell", ["P1", "P1:maybe", "P1:quoted,P2:quoted", "P1:quoted;", "<b>P1:quoted</b>"])
def test_second_coding_with_malformed_principles(broken, cell):
    assert "does not match the pattern" in str(_second_coding_error(broken, 5, "principles", cell))


def test_second_coding_naming_an_unknown_principle(broken):
    err = _second_coding_error(broken, 5, "principles", "P1:quoted;P9:paraphrased")
    assert "'P9' is not a known principle_id" in str(err)


def test_second_coding_with_a_principle_twice(broken):
    assert "coded twice" in str(_second_coding_error(broken, 5, "principles", "P2:quoted;P2:paraphrased"))


# --- StoryData.typed_rows: rows made elsewhere (an added article's) typed as the loader types them ---


def test_typed_rows_gives_the_loaders_columns_and_dtypes(data):
    rows = data.passages.head(3).to_dict("records")
    typed = data.typed_rows("passages", rows)
    assert list(typed.columns) == list(data.passages.columns)
    assert typed.dtypes.to_dict() == data.passages.dtypes.to_dict()
    pd.testing.assert_frame_equal(typed, data.passages.head(3).reset_index(drop=True))
    empty = data.typed_rows("passages", [])
    assert empty.empty and empty.dtypes.to_dict() == data.passages.dtypes.to_dict()


def test_typed_rows_checks_each_value_as_the_loader_does(data):
    rows = data.passages.head(2).to_dict("records")
    rows[1] = {**rows[1], "word_count": "many"}
    with pytest.raises(DataPackageError) as caught:
        data.typed_rows("passages", rows)
    assert (caught.value.file, caught.value.line, caught.value.column) == ("passages.csv", 3, "word_count")
