"""Every page with a broken data package: exactly one readable message naming the file, no
traceback, no server path; a failure is remembered until the files change; and the pages run on
the least the app's contract allows.

Each broken package is built once for the module (STORYFRAMES_DATA_DIR points the app at it);
the remembered outcomes are cleared before each kind, so each kind is really loaded."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import storyframes.app.package as page_module
from storyframes.core.data import APP_CONTRACT, DATA_DIR, MiB, StoryData, load_package
from storyframes.views.framing import SECTIONS

from .conftest import PAGES, ROOT, assert_clean, open_page, plain_text


def _descriptor(change: Callable[[dict], object]) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / "datapackage.json"
        new = change(json.loads(path.read_text(encoding="utf-8")))
        path.write_text(json.dumps(new, indent=2), encoding="utf-8")
    return mutate


def _without_resource(name: str) -> Callable[[Path], None]:
    def change(d: dict) -> dict:
        d["resources"] = [r for r in d["resources"] if r["name"] != name]
        return d
    return _descriptor(change)


def _resource(d: dict, name: str) -> dict:
    return next(r for r in d["resources"] if r["name"] == name)


def _no_path(d: dict) -> dict:
    del _resource(d, "principles")["path"]
    return d


def _fields_not_a_list(d: dict) -> dict:
    _resource(d, "principles")["schema"]["fields"] = {"name": "principle_id"}
    return d


def _missing_field(folder: Path) -> None:
    def change(d: dict) -> dict:
        res = _resource(d, "passage_codes")
        res["schema"]["fields"] = [f for f in res["schema"]["fields"] if f["name"] != "tone_police"]
        return d
    _descriptor(change)(folder)
    frame = pd.read_csv(folder / "passage_codes.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["tone_police"]).to_csv(folder / "passage_codes.csv", index=False)


def _header_only(name: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")
    return mutate


def _cut_in_quoted_field(folder: Path) -> None:
    path = folder / "passages.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i in range(20, len(lines)) if ',"' in lines[i])
    path.write_text("".join(lines[:n]) + lines[n][: lines[n].index(',"') + 12], encoding="utf-8")


def _ragged(folder: Path) -> None:
    path = folder / "facts.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = lines[6].rstrip("\n") + ",one too many\n"
    path.write_text("".join(lines), encoding="utf-8")


def _hostile_url(folder: Path) -> None:
    frame = pd.read_csv(folder / "coverage.csv", dtype=str, keep_default_na=False)
    frame.loc[3, "url"] = "https://x.org/a) ![D9](http://127.0.0.1:8636/D9.png"
    frame.to_csv(folder / "coverage.csv", index=False)


def _passages_50_mib(folder: Path) -> None:
    """passages.csv repeated to 50 MiB, as in the issue (on main it loaded for ~44 s)."""
    head, body = (DATA_DIR / "passages.csv").read_bytes().split(b"\n", 1)
    with (folder / "passages.csv").open("wb") as out:
        out.write(head + b"\n")
        while out.tell() < 50 * MiB:
            out.write(body)


# kind -> (how to break a copy of data/, the file the message must name)
BROKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "descriptor-without-resources": (_descriptor(lambda d: {"name": "x"}), "datapackage.json"),
    "descriptor-empty-list": (_descriptor(lambda d: []), "datapackage.json"),
    "descriptor-string": (_descriptor(lambda d: "text"), "datapackage.json"),
    "descriptor-not-json": (lambda f: (f / "datapackage.json").write_text("{ not json", encoding="utf-8"), "datapackage.json"),
    "resource-without-path": (_descriptor(_no_path), "datapackage.json"),
    "fields-not-a-list": (_descriptor(_fields_not_a_list), "datapackage.json"),
    "no-us-states": (_without_resource("us_states"), "datapackage.json"),
    "no-lexicon": (_without_resource("lexicon"), "datapackage.json"),
    "missing-field": (_missing_field, "datapackage.json"),
    "missing-file": (lambda f: (f / "members.csv").unlink(), "members.csv"),
    "header-only-passages": (_header_only("passages.csv"), "passages.csv"),
    "header-only-facts": (_header_only("facts.csv"), "facts.csv"),
    "cut-in-quoted-field": (_cut_in_quoted_field, "passages.csv"),
    "ragged-row": (_ragged, "facts.csv"),
    "hostile-url": (_hostile_url, "coverage.csv"),
    "passages-50MiB": (_passages_50_mib, "passages.csv"),
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("broken")
    built = {}
    for kind, (mutate, _file) in BROKEN.items():
        folder = base / kind / "data"
        shutil.copytree(DATA_DIR, folder)
        mutate(folder)
        built[kind] = folder
    yield built
    shutil.rmtree(base, ignore_errors=True)  # 50 MiB is not worth keeping


@pytest.fixture
def use_package(monkeypatch):
    """Point the app at a folder, with no outcome remembered from an earlier test."""
    def use(folder: Path) -> None:
        monkeypatch.setenv(page_module.DATA_DIR_ENV, str(folder))
        page_module._package_outcome.clear()
    yield use
    page_module._package_outcome.clear()


def every_string(at) -> str:
    """Every element the run produced, main area and sidebar, as protobuf text."""
    out = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(out)


def assert_one_readable_error(at, file: str | None, folder: Path) -> str:
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1, [e.value for e in at.error]
    message = plain_text(at)
    assert "The data package could not be loaded." in message
    error = re.sub(r"\\(.)", r"\1", at.error[0].value)
    if file is not None:
        assert f"In the data package: file {file}" in error, error
    assert at.title, "the page still says where the reader is"
    assert "](" not in at.error[0].value, "no Markdown link or image from the data"
    everything = every_string(at)
    assert "could not be loaded" in everything  # the walk sees the message, so it would see a path
    for server_path in (str(folder), str(ROOT), "/work/", "/tmp/", "Traceback"):
        assert server_path not in everything, server_path
    return error


# Every page stops on the one message through the shared set-up (storyframes.app.shell), so each kind
# is shown on the home page and on one other page, in turn: every page meets at least one kind.
BROKEN_ON = {kind: ("dashboard.py", PAGES[1 + i % (len(PAGES) - 1)]) for i, kind in enumerate(BROKEN)}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_every_page_shows_the_one_message(kind, packages, use_package):
    _mutate, file = BROKEN[kind]
    use_package(packages[kind])
    messages = {assert_one_readable_error(open_page(page), file, packages[kind]) for page in BROKEN_ON[kind]}
    assert len(messages) == 1, f"{BROKEN_ON[kind]} say the same thing"


def test_every_page_has_a_kind_of_broken_package():
    assert {page for pages in BROKEN_ON.values() for page in pages} == set(PAGES)


def test_an_unexpected_failure_is_one_readable_message_too(monkeypatch, use_package, tmp_path):
    def explode(directory):
        raise RuntimeError(f"a bug with a server path in it: {directory}/x")

    monkeypatch.setattr(page_module, "load_package", explode)
    use_package(tmp_path)
    for page in PAGES:
        message = assert_one_readable_error(open_page(page), None, tmp_path)
        assert "unexpected problem" in message and "bug" not in message


def test_a_failed_load_is_remembered_until_the_files_change(monkeypatch, use_package, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    BROKEN["descriptor-without-resources"][0](folder)
    calls = []
    monkeypatch.setattr(page_module, "load_package", lambda directory: calls.append(directory) or load_package(directory))
    # The folder is re-scanned on every run here, so only a real change of its files may reload it.
    monkeypatch.setattr(page_module, "FINGERPRINT_MAX_AGE", 0.0)
    use_package(folder)
    for page in ("dashboard.py", "pages/3_Compare_outlets.py", "dashboard.py"):
        assert_one_readable_error(open_page(page), "datapackage.json", folder)
    assert len(calls) == 1, "two page runs, unchanged files: one load"
    shutil.copyfile(DATA_DIR / "datapackage.json", folder / "datapackage.json")  # fixed, no restart
    at = open_page("dashboard.py")
    assert_clean(at)
    assert len(calls) == 2
    open_page("pages/1_Principles.py")
    assert len(calls) == 2, "the fixed package is shared, not reloaded"


def test_the_fingerprint_follows_every_file(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    first = page_module.scan_fingerprint(folder)
    assert page_module.scan_fingerprint(folder) == first
    raw = next((folder / "raw" / "articles").glob("*.txt"))
    raw.write_bytes(raw.read_bytes() + b" ")
    second = page_module.scan_fingerprint(folder)
    assert second != first
    (folder / "geo" / "extra.json").write_text("{}", encoding="utf-8")
    assert page_module.scan_fingerprint(folder) not in (first, second)


def test_pages_run_on_the_least_the_contract_allows(monkeypatch, use_package):
    """Only the contract's fields, and every table it lets be empty emptied: every page and every
    Framing section runs without an error. A page reading a field or needing rows the contract
    does not list fails here, and the contract must grow."""
    full = load_package()
    tables = {name: frame[list(APP_CONTRACT[name].fields)] if name in APP_CONTRACT else frame for name, frame in full.tables.items()}
    tables = {name: frame.iloc[0:0] if name in APP_CONTRACT and not APP_CONTRACT[name].rows else frame for name, frame in tables.items()}
    least = StoryData(tables=tables, descriptor=full.descriptor, geo=full.geo, version="least-the-contract-allows")
    monkeypatch.setattr(page_module, "load_package", lambda directory: least)
    use_package(DATA_DIR)
    runs = [(page, {}) for page in PAGES if "Framing" not in page]
    runs += [("pages/4_Framing_analysis.py", {"section": section}) for section in SECTIONS]
    runs += [("pages/3_Compare_outlets.py", {"outlet": ["gawker", "nyt"], "principle": ["P4", "none"]})]
    for page, params in runs:
        at = open_page(page, **params)
        assert_clean(at)
