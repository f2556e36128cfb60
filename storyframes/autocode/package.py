"""The auto-coded rows as files in the data package's format, for review and commit to data/.

`write_package_rows(coded, folder)` writes, in `folder`:
- `articles.csv`, `passages.csv`, `passage_principles.csv`, `passage_people.csv`, `lexicon.csv`
  (and `outlets.csv` when the outlet is new): the new article's rows only, with the curated
  files' header, column order and formatting, so a reviewer appends them to `data/`'s files;
- `raw/articles/<article_id>.txt`: the text the passages' offsets point into (its SHA-256 is the
  article row's `raw_sha256`), to copy to `data/raw/articles/`;
- `datapackage.json`: the curated descriptor restricted to the files written, with the foreign keys
  to tables not written (outlets, members, principles) left out, so `frictionless validate
  FOLDER/datapackage.json` checks the rows on their own. Whether they fit the curated tables
  (known members and principles, an outlet row) is checked by appending them to a copy of data/
  and validating that: data/README.md ("Adding an article") gives both commands.
Used by the command line and by the page's download (as a zip of the same files).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from storyframes.autocode.coding import TABLES, AutoCoded
from storyframes.core.csvtext import csv_text, restore_cell
from storyframes.core.data import DATA_DIR, DESCRIPTOR


# How each curated file spells its booleans (passages.csv was written by pandas, outlets.csv by hand).
_BOOLEANS = {"outlets": ("true", "false")}


def _csv(frame: pd.DataFrame, name: str = "") -> str:
    """A table's rows as the curated file writes them, through the package's one CSV writer (no
    cell a spreadsheet would run as a formula: `merge_into` takes the mark off again)."""
    if name in _BOOLEANS:
        frame = frame.assign(**{col: frame[col].map({True: _BOOLEANS[name][0], False: _BOOLEANS[name][1]})
                                for col in frame.columns if frame[col].dtype == bool})
    return csv_text(frame)


def package_files(coded: AutoCoded, descriptor: dict | None = None) -> dict[str, bytes]:
    """Every file `write_package_rows` writes, by relative path, as bytes (the page zips these)."""
    if descriptor is None:
        descriptor = json.loads((DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8"))
    names = [n for n in TABLES] + (["outlets"] if len(coded.tables.get("outlets", ())) else [])
    files: dict[str, bytes] = {}
    resources = []
    for res in descriptor["resources"]:
        if res["name"] not in names:
            continue
        res = copy.deepcopy(res)
        schema = res.get("schema", {})
        keys = [fk for fk in schema.get("foreignKeys", []) if fk["reference"]["resource"] in names]
        if keys:
            schema["foreignKeys"] = keys
        else:
            schema.pop("foreignKeys", None)
        resources.append(res)
        files[res["path"]] = _csv(coded.tables[res["name"]], res["name"]).encode("utf-8")
    raw_file = coded.tables["articles"]["raw_file"].iloc[0]
    files[raw_file] = coded.text.encode("utf-8")
    art = coded.tables["articles"].iloc[0]
    resources.append({"name": f"raw_{coded.article_id}".replace("-", "_"), "path": raw_file,
                      "title": f"{art['outlet']} text (added by a reader, auto-coded)",
                      "description": "The article text as added (UTF-8, paragraphs separated by a blank line), which the passages' "
                                     "offsets point into. © its publisher; kept for teaching and commentary.",
                      "format": "txt", "mediatype": "text/plain", "encoding": "utf-8",
                      "hash": "sha256:" + art["raw_sha256"]})
    desc = {k: v for k, v in descriptor.items() if k != "resources"}
    desc["name"] = f"auto-coded-{coded.article_id}"
    desc["description"] = (f"One article coded automatically by storyframes.autocode (not curated): {coded.article_id}. "
                           "The rows to append to data/ after review; foreign keys to tables not included (members, "
                           "principles, outlets) are checked once appended (data/README.md, 'Adding an article').")
    desc["resources"] = resources
    files[DESCRIPTOR] = (json.dumps(desc, indent=2, ensure_ascii=True) + "\n").encode("utf-8")
    return files


def write_package_rows(coded: AutoCoded, folder: Path, descriptor: dict | None = None) -> list[Path]:
    """Write the article's rows (and its text and a restricted descriptor) into `folder`; return the
    paths written. `descriptor`: the package's, when the caller has it loaded (else read from data/)."""
    folder = Path(folder)
    written = []
    for rel, content in package_files(coded, descriptor).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def added_article_zip(coded: AutoCoded) -> bytes:
    """The added article's files (`package_files`: its rows, its text and a restricted descriptor)
    as one zip archive, the page's download, under a folder named after the article."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, content in package_files(coded).items():
            zf.writestr(f"{coded.article_id}/{rel}", content)
    return buf.getvalue()


def _restored(rows: str) -> str:
    """CSV rows as written by `_csv`, each cell back to its text (`restore_cell`: a spreadsheet's
    apostrophe taken off), so the curated files keep every extract verbatim."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([restore_cell(c) for c in row] for row in csv.reader(io.StringIO(rows)))
    return buf.getvalue()


def merge_into(folder: Path, data_dir: Path) -> list[str]:
    """Append the rows written by `write_package_rows` in `folder` to the package in `data_dir`:
    each table's rows after its own (same header required), the text copied to its raw_file, and
    the text's resource added to data_dir's datapackage.json. What a reviewer does to commit an
    added article to data/; run it on a copy first and validate that (data/README.md). Returns the
    files changed. ValueError when the folder does not fit the package (a header differs, the
    article is already there)."""
    folder, data_dir = Path(folder), Path(data_dir)
    theirs = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    ours_path = data_dir / DESCRIPTOR
    ours = json.loads(ours_path.read_text(encoding="utf-8"))
    known = {r["name"]: r for r in ours["resources"]}
    changed = []
    for res in theirs["resources"]:
        if res["name"] in known and res.get("format") == "csv":
            target = data_dir / known[res["name"]]["path"]
            head, _, rows = (folder / res["path"]).read_text(encoding="utf-8").partition("\n")
            current = target.read_text(encoding="utf-8")
            if current.partition("\n")[0] != head:
                raise ValueError(f"{res['path']}: its header differs from {target.name}'s; the rows do not fit this package")
            if rows:
                target.write_text(current + ("" if current.endswith("\n") else "\n") + _restored(rows), encoding="utf-8")
                changed.append(str(target))
        elif res["name"] in known:
            raise ValueError(f"{res['name']} is already in the package: this article was added before")
        else:
            target = data_dir / res["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((folder / res["path"]).read_bytes())
            ours["resources"].append(res)
            changed.append(str(target))
    ours_path.write_text(json.dumps(ours, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")
    changed.append(str(ours_path))
    return changed
