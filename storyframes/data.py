"""Load and validate the curated data package in `data/`.

`datapackage.json` is the one schema: the loader reads field types, allowed values, primary and
foreign keys from it, so the file that `frictionless validate` checks is the file the app obeys.
Every problem becomes one `DataPackageError` naming the file, the line and the column, so the app
can show a readable message instead of a traceback.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from storyframes import vocab as vocabulary
from storyframes.vocab import Vocabulary

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}


class DataPackageError(Exception):
    """A broken data package: what is wrong, and where (file, line, column)."""

    def __init__(self, message: str, *, file: str, line: int | None = None, column: str | None = None):
        self.file, self.line, self.column, self.detail = file, line, column, message
        where = file + (f", line {line}" if line is not None else "") + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class StoryData:
    """Every table of the package as a typed DataFrame, keyed by resource name."""

    tables: dict[str, pd.DataFrame]
    descriptor: dict = field(repr=False)
    geo: dict = field(repr=False)
    # A digest of every file read: views are cached per (version, filters), so a changed or
    # extended package can never be served a view built from another one.
    version: str = ""

    def memo(self, name: str, build):
        """Something derived from this package alone (no filter), computed once and kept on it.
        The package is shared read-only by every reader, so what is kept must not be mutated."""
        key = f"_memo_{name}"
        if key not in self.__dict__:
            object.__setattr__(self, key, build(self))
        return self.__dict__[key]

    @property
    def vocab(self) -> Vocabulary:
        """Names, labels and colours of this package."""
        return self.memo("vocab", lambda d: vocabulary.build(d.tables["outlets"], d.tables["principles"], d.tables["codebook"]))

    def __getattr__(self, name: str) -> pd.DataFrame:
        # Only called for names that are not real attributes; guard the dataclass's own fields
        # so unpickling (st.cache_data hands out copies) cannot recurse.
        if name.startswith("_") or name in ("tables", "descriptor", "geo", "version"):
            raise AttributeError(name)
        try:
            return self.__dict__["tables"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


def _read_text(path: Path, rel: str) -> str:
    if not path.exists():
        raise DataPackageError("file is missing", file=rel)
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise DataPackageError("file is binary (it holds NUL bytes), not UTF-8 text", file=rel)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataPackageError(f"not UTF-8 text (byte {exc.start} cannot be decoded)", file=rel, line=line) from exc


def _read_csv(path: Path, rel: str) -> pd.DataFrame:
    text = _read_text(path, rel)
    if not text.strip():
        raise DataPackageError("file is empty", file=rel)
    from io import StringIO

    try:
        return pd.read_csv(StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DataPackageError(f"not a well-formed CSV ({exc})", file=rel, line=int(match.group(1)) if match else None) from exc


def _line(index: int) -> int:
    """CSV line of a DataFrame row: line 1 is the header."""
    return int(index) + 2


def _convert(frame: pd.DataFrame, fld: dict, rel: str) -> pd.Series:
    """Check one column against its field schema and return it typed."""
    name, kind = fld["name"], fld.get("type", "string")
    col = frame[name].str.strip() if kind != "string" else frame[name]
    cons = fld.get("constraints", {})
    blank = col == ""
    if cons.get("required"):
        bad = frame.index[blank]
        if len(bad):
            raise DataPackageError("a value is required here but the cell is empty", file=rel, line=_line(bad[0]), column=name)
    if "enum" in cons:
        allowed = set(cons["enum"])
        bad = frame.index[~blank & ~col.isin(allowed)]
        if len(bad):
            value = col[bad[0]]
            raise DataPackageError(
                f"unknown code {value!r}; allowed: {', '.join(sorted(allowed))} (see data/README.md)",
                file=rel, line=_line(bad[0]), column=name,
            )
    if "pattern" in cons:
        ok = col.str.fullmatch(cons["pattern"]) | blank
        bad = frame.index[~ok]
        if len(bad):
            raise DataPackageError(f"{col[bad[0]]!r} does not match the pattern {cons['pattern']}", file=rel, line=_line(bad[0]), column=name)
    if kind == "integer":
        out = pd.to_numeric(col.where(~blank), errors="coerce")
        bad = frame.index[~blank & (out.isna() | (out % 1 != 0))]
        if len(bad):
            raise DataPackageError(f"{col[bad[0]]!r} is not a whole number", file=rel, line=_line(bad[0]), column=name)
        out = out.astype("Int64")
    elif kind == "number":
        out = pd.to_numeric(col.where(~blank), errors="coerce")
        bad = frame.index[~blank & out.isna()]
        if len(bad):
            raise DataPackageError(f"{col[bad[0]]!r} is not a number", file=rel, line=_line(bad[0]), column=name)
        out = out.astype("Float64")
    elif kind == "boolean":
        bad = frame.index[~blank & ~col.isin(_TRUE | _FALSE)]
        if len(bad):
            raise DataPackageError(f"{col[bad[0]]!r} is not true or false", file=rel, line=_line(bad[0]), column=name)
        out = col.isin(_TRUE)
    elif kind == "date":
        out = pd.to_datetime(col.where(~blank), format="%Y-%m-%d", errors="coerce")
        bad = frame.index[~blank & out.isna()]
        if len(bad):
            raise DataPackageError(f"{col[bad[0]]!r} is not a date (YYYY-MM-DD)", file=rel, line=_line(bad[0]), column=name)
    else:
        out = col.astype(str)
    if "minimum" in cons or "maximum" in cons:
        num = pd.to_numeric(out, errors="coerce")
        lo, hi = cons.get("minimum", float("-inf")), cons.get("maximum", float("inf"))
        bad = frame.index[num.notna() & ((num < lo) | (num > hi))]
        if len(bad):
            raise DataPackageError(f"{col[bad[0]]} is outside {lo}..{hi}", file=rel, line=_line(bad[0]), column=name)
    return out


def _load_resource(resource: dict, data_dir: Path) -> pd.DataFrame:
    rel = resource["path"]
    frame = _read_csv(data_dir / rel, rel)
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise DataPackageError(f"column {missing[0]!r} is missing (the header must hold: {', '.join(names)})", file=rel, line=1, column=missing[0])
    extra = [c for c in frame.columns if c not in names]
    if extra:
        raise DataPackageError(f"column {extra[0]!r} is not described in datapackage.json", file=rel, line=1, column=extra[0])
    typed = pd.DataFrame({f["name"]: _convert(frame, f, rel) for f in fields}, index=frame.index)
    for f in fields:
        if f.get("constraints", {}).get("unique"):
            dup = frame.index[frame[f["name"]].duplicated() & (frame[f["name"]] != "")]
            if len(dup):
                raise DataPackageError(f"{frame[f['name']][dup[0]]!r} appears twice; it must be unique", file=rel, line=_line(dup[0]), column=f["name"])
    pk = resource["schema"].get("primaryKey")
    if pk:
        keys = [pk] if isinstance(pk, str) else pk
        dup = frame.index[frame.duplicated(subset=keys)]
        if len(dup):
            value = " / ".join(frame.loc[dup[0], keys])
            raise DataPackageError(f"primary key {value!r} appears twice", file=rel, line=_line(dup[0]), column=", ".join(keys))
    return typed.reset_index(drop=True)


def _check_foreign_keys(resource: dict, tables: dict[str, pd.DataFrame]) -> None:
    rel = resource["path"]
    frame = tables[resource["name"]]
    for fk in resource["schema"].get("foreignKeys", []):
        cols = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        ref = fk["reference"]
        ref_cols = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
        target = tables[ref["resource"]]
        known = set(map(tuple, target[ref_cols].astype(str).to_numpy()))
        for i, row in frame[cols].astype(str).iterrows():
            values = tuple(row)
            if all(v in ("", "<NA>") for v in values):
                continue  # a blank foreign key means "none" (e.g. a person who is not a member)
            if values not in known:
                raise DataPackageError(
                    f"{' / '.join(values)!r} is not a known {', '.join(ref_cols)} of {ref['resource']}",
                    file=rel, line=_line(i), column=", ".join(cols),
                )


def _check_raw_articles(tables: dict[str, pd.DataFrame], data_dir: Path) -> dict[str, str]:
    """Each article's raw file matches its recorded hash; each passage is verbatim at its offsets."""
    texts: dict[str, str] = {}
    for i, art in tables["articles"].iterrows():
        rel = art["raw_file"]
        text = _read_text(data_dir / rel, rel)
        digest = hashlib.sha256((data_dir / rel).read_bytes()).hexdigest()
        if digest != art["raw_sha256"]:
            raise DataPackageError(
                f"{rel} has changed since it was captured (sha256 {digest[:12]}…, recorded {art['raw_sha256'][:12]}…)",
                file="articles.csv", line=_line(i), column="raw_sha256",
            )
        texts[art["article_id"]] = text
    for i, p in tables["passages"].iterrows():
        source = texts[p["article_id"]]
        start, end = int(p["char_start"]), int(p["char_end"])
        if source[start:end] != p["text"]:
            raise DataPackageError(
                f"passage {p['passage_id']} is not verbatim in its source at characters {start}-{end}",
                file="passages.csv", line=_line(i), column="text",
            )
    return texts


def _check_substrings(tables: dict[str, pd.DataFrame]) -> None:
    """Fragments quoted from a passage (names, quotes, terms, examples) must be in that passage."""
    text_of = dict(zip(tables["passages"]["passage_id"], tables["passages"]["text"]))
    checks = [
        ("passage_people", "passage_people.csv", "passage_id", ["name_in_source", "quote_text"]),
        ("lexicon", "lexicon.csv", "first_passage_id", ["term"]),
        ("codebook", "codebook.csv", "example_passage_id", ["example_text"]),
    ]
    for name, rel, key, cols in checks:
        if name not in tables:
            continue
        for i, row in tables[name].iterrows():
            passage = text_of.get(row[key], "")
            for col in cols:
                if row[col] and row[col] not in passage:
                    raise DataPackageError(
                        f"{row[col]!r} is not verbatim in passage {row[key]}", file=rel, line=_line(i), column=col
                    )


def load_package(data_dir: Path | str = DATA_DIR) -> StoryData:
    """Read, type and validate every table; raise DataPackageError at the first problem."""
    data_dir = Path(data_dir)
    descriptor_text = _read_text(data_dir / "datapackage.json", "datapackage.json")
    try:
        descriptor = json.loads(descriptor_text)
    except json.JSONDecodeError as exc:
        raise DataPackageError(f"not valid JSON ({exc.msg})", file="datapackage.json", line=exc.lineno) from exc
    tabular = [r for r in descriptor["resources"] if "schema" in r]
    tables = {r["name"]: _load_resource(r, data_dir) for r in tabular}
    for resource in tabular:
        _check_foreign_keys(resource, tables)
    _check_raw_articles(tables, data_dir)
    _check_substrings(tables)
    geo_res = next(r for r in descriptor["resources"] if r["name"] == "us_states")
    geo_text = _read_text(data_dir / geo_res["path"], geo_res["path"])
    try:
        geo = json.loads(geo_text)
    except json.JSONDecodeError as exc:
        raise DataPackageError(f"not valid JSON ({exc.msg})", file=geo_res["path"], line=exc.lineno) from exc
    digest = hashlib.sha256(descriptor_text.encode("utf-8"))
    for resource in descriptor["resources"]:
        path = data_dir / resource["path"]
        digest.update(resource["path"].encode("utf-8") + b"\0" + path.read_bytes())
    return StoryData(tables=tables, descriptor=descriptor, geo=geo, version=digest.hexdigest()[:16])
