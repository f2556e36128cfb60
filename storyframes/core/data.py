"""Load and validate the curated data package in `data/`.

`datapackage.json` is the one schema: the loader reads field types, allowed values, primary and
foreign keys from it, so the file that `frictionless validate` checks is the file the app obeys.
Every problem becomes one `DataPackageError` naming the file, the line and the column, so the app
can show a readable message instead of a traceback.

The checks run in this order, each before anything that relies on it:

1. the descriptor's size, then its JSON, then its *shape* (`DESCRIPTOR_SCHEMA`, a JSON Schema of
   the parts of the Data Package and Table Schema structure this loader reads), then the
   references inside it (keys name real fields and resources);
2. the app's contract (`APP_CONTRACT`): every resource and field the pages rely on, with its type;
3. the size of every file, from the file system before any file is read (`MAX_FILE_BYTES`,
   `MAX_PACKAGE_BYTES`);
4. each table, parsed with the `csv` module so every record keeps the file line it starts on
   (`MAX_ROWS` stops the parse); then types, allowed values, patterns, web addresses, keys;
5. the evidence: raw captures by hash, passages verbatim at their offsets, quoted fragments.

The limits are explained in data/README.md ("Limits").
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import jsonschema
import numpy as np
import pandas as pd

from storyframes.core import vocab as vocabulary
from storyframes.core.urls import link_address
from storyframes.core.vocab import AUTO_CODED_SUFFIX, Vocabulary

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DESCRIPTOR = "datapackage.json"
# Every article coded by machine has an id that starts so (`storyframes.autocode.coding.article_id_for`):
# a reader's, added in a session, and one `scripts/add_article.py` appended to a package.
AUTO_ID_PREFIX = "auto-"

# --- limits (data/README.md, "Limits") ----------------------------------------------------------
MiB = 1024 * 1024
MAX_FILE_BYTES = 20 * MiB  # any one file, checked with stat before it is read
MAX_ROWS = 100_000  # rows of any one table, counted while parsing
MAX_PACKAGE_BYTES = 150 * MiB  # every file the loader reads, together
MAX_FIELD_CHARS = 131_072  # one CSV cell (the csv module's own default limit)

_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}
# A path inside the package: POSIX, relative, no "..", no hidden or absolute parts, no URL.
_SAFE_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")
_LARGEST_EXACT_INTEGER = 2**53


class DataPackageError(Exception):
    """A broken data package: what is wrong, and where (file, line, column).

    `file` is always relative to the package folder (or "" for the package as a whole): the
    message is shown to readers and never names a server path."""

    def __init__(self, message: str, *, file: str, line: int | None = None, column: str | None = None):
        self.file, self.line, self.column, self.detail = file, line, column, message
        where = (file or "the data package") + (f", line {line}" if line is not None else "") + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {message}")

    def copy(self) -> "DataPackageError":
        """A fresh exception with the same message (a remembered failure is raised anew each time)."""
        return DataPackageError(self.detail, file=self.file, line=self.line, column=self.column)


@dataclass(frozen=True)
class StoryData:
    """Every table of the package as a typed DataFrame, keyed by resource name."""

    tables: dict[str, pd.DataFrame]
    descriptor: dict = field(repr=False)
    geo: dict = field(repr=False)
    # A digest of every file read: views are cached per (version, filters), so a changed or
    # extended package can never be served a view built from another one.
    version: str = ""
    # The articles a reader added in their session (storyframes.autocode): coded by machine, not
    # curated. Empty for the curated package. See `with_added`.
    auto_coded: frozenset[str] = frozenset()

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
        if name.startswith("_") or name in ("tables", "descriptor", "geo", "version", "auto_coded"):
            raise AttributeError(name)
        try:
            return self.__dict__["tables"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


    def typed_rows(self, name: str, rows: list[dict]) -> pd.DataFrame:
        """`rows` (one dict per row, by column name) typed as the loader types resource `name`:
        the descriptor's columns in its order, each checked and converted by the loader's own
        function, so the dtypes and the checks are the loader's (a value that fails raises its
        DataPackageError, naming `name`.csv and the row as line 2 onwards). A missing key is an
        empty cell, None too; True and False are "true" and "false"."""
        fields = next(r for r in self.descriptor["resources"] if r["name"] == name)["schema"]["fields"]
        index = pd.RangeIndex(len(rows))
        lines = list(range(2, len(rows) + 2))
        return pd.DataFrame({f["name"]: _convert(np.array([_cell_text(r.get(f["name"], "")) for r in rows], dtype=object), index,
                                                 f, f"{name}.csv", lines) for f in fields}, index=index)

    @property
    def hand_coded_articles(self) -> tuple[str, ...]:
        """The hand-coded articles: those whose codes a person made, in the order of `articles`.
        Every article but the auto-coded ones, whose ids start with AUTO_ID_PREFIX (a reader's
        added in a session, or one `scripts/add_article.py` appended): their principle and people
        codes were made by machine, even when a reviewer checked them afterwards or gave the
        article frame codes by hand. What the automatic coder is measured against
        (`storyframes.autocode.accuracy`): measured on its own output it would only agree with itself.

        Not the same as `frame_coded_articles`, which asks whether frame, tone and stance were coded."""
        return self.memo("hand_coded_articles", lambda d: tuple(
            a for a in d.tables["articles"]["article_id"] if not a.startswith(AUTO_ID_PREFIX)))

    @property
    def frame_coded_articles(self) -> tuple[str, ...]:
        """The articles with a frame, tone and stance code (a passage_codes row) on at least one
        sentence, in the order of `articles`. Those codes are made by hand only, so an article
        without them is "not coded" in the frame and tone views, never zero. An auto-coded article
        has none unless a person gave it frame codes (data/README.md, "Adding an auto-coded
        article"), and a hand-coded one may lack them."""
        def build(d: "StoryData") -> tuple[str, ...]:
            passages = d.tables["passages"]
            coded = set(passages.loc[passages["passage_id"].isin(set(d.tables["passage_codes"]["passage_id"])), "article_id"])
            return tuple(a for a in d.tables["articles"]["article_id"] if a in coded)

        return self.memo("frame_coded_articles", build)  # once per package: a view asks up to 12 times

    @property
    def auto_outlets(self) -> frozenset[str]:
        """The outlet ids of the added (auto-coded) articles."""
        arts = self.tables["articles"]
        return frozenset(arts.loc[arts["article_id"].isin(self.auto_coded), "outlet_id"])

    def with_added(self, coded: tuple) -> "StoryData":
        """This package plus a reader's auto-coded articles (`storyframes.autocode.AutoCoded`),
        appended to the tables every view reads; nothing else of a view is special-cased.

        Each added article is its own outlet in the comparison (outlet id = its article id, so a
        second article from an outlet already shown, curated or added, stays apart), named after
        the outlet the reader gave with AUTO_CODED_SUFFIX, so every table, axis and legend that
        names it says it was coded by machine. It gets an outlets row (a full text) and a coverage
        row (its headline joins the headline list, with no hand-coded headline frame). No
        passage_codes rows: frame, tone and stance are hand codes only ("not coded").

        The new `version` digests the base version and every added row, so views cached by
        version are built from exactly these articles: the same text under another outlet name
        or headline is another version."""
        if not coded:
            return self
        tables = dict(self.tables)
        names = set(tables["outlets"]["outlet"])
        digest = hashlib.sha256(self.version.encode())
        new_rows: dict[str, list[pd.DataFrame]] = {}
        ids: list[str] = []
        for item in coded:
            aid = item.article_id
            if aid in ids or aid in set(tables["articles"]["article_id"]):
                continue  # the same text twice: once is enough (autocode refuses a curated duplicate)
            ids.append(aid)
            art = item.tables["articles"].copy()
            given = str(art["outlet"].iloc[0]).strip() or "Added article"
            name, n = f"{given} {AUTO_CODED_SUFFIX}", 2
            while name in names:
                name, n = f"{given} {n} {AUTO_CODED_SUFFIX}", n + 1  # the suffix always last and whole (charts test for it)
            names.add(name)
            art["outlet_id"], art["outlet"] = aid, name
            kind = str(art["outlet_kind"].iloc[0]) or "added by a reader"
            new_rows.setdefault("articles", []).append(art)
            new_rows.setdefault("outlets", []).append(pd.DataFrame({
                "outlet_id": [aid], "outlet": [name], "short_name": [name], "outlet_kind": [kind],
                "has_full_text": [True], "home_city": [""], "home_state": [""]}))
            new_rows.setdefault("coverage", []).append(pd.DataFrame({
                "coverage_id": [aid], "outlet_id": [aid], "outlet": [name], "outlet_kind": [kind],
                "headline": art["headline"].tolist(), "published": art["published"].tolist(),
                "published_earliest": art["published_earliest"].tolist(), "published_latest": art["published_latest"].tolist(),
                "author": art["author"].tolist(), "url": art["url"].tolist(), "headline_confidence": ["unverified"],
                "headline_confidence_note": ["as given by the reader or the page's own metadata"],
                "angle_note": ["auto-coded, not curated"], "article_id": [aid]}))
            for key in ("passages", "passage_principles", "passage_people", "lexicon"):
                if key in item.tables:
                    new_rows.setdefault(key, []).append(item.tables[key])
            for key in ("articles", "passages", "passage_principles", "passage_people", "lexicon"):
                if key in item.tables:
                    digest.update(key.encode() + b"\0" + item.tables[key].to_csv(index=False).encode())
            digest.update(name.encode())
        if not ids:
            return self
        for key, frames in new_rows.items():
            base = tables[key]
            tables[key] = pd.concat([base, *[f[list(base.columns)].astype(base.dtypes.to_dict()) for f in frames]],
                                    ignore_index=True)
        return StoryData(tables=tables, descriptor=self.descriptor, geo=self.geo, version="auto-" + digest.hexdigest()[:16],
                         auto_coded=self.auto_coded | frozenset(ids))


# --- 1. the descriptor's shape --------------------------------------------------------------------

_FIELD_TYPES = ("string", "integer", "number", "boolean", "date")  # the Table Schema types this loader types
_NAMES = {"oneOf": [{"type": "string", "minLength": 1},
                    {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}],
          "errorMessage": "must be a field name or a non-empty list of field names"}

# Written for this loader from the Data Package and Table Schema specifications: only the parts
# the loader reads, each in the form it can obey. Anything else a descriptor may carry (title,
# description, licences, sources, custom properties) is allowed and ignored, except inside
# `constraints`, where a constraint the loader would not check is refused rather than ignored.
DESCRIPTOR_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "The parts of a Data Package descriptor that storyframes.core.data reads",
    "type": "object",
    "errorMessage": "must be a JSON object (a Data Package descriptor) with a list of resources",
    "required": ["resources"],
    "properties": {
        "name": {"type": "string"},
        "version": {"type": "string"},
        "resources": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/resource"},
                      "errorMessage": "must be a non-empty list of resources"},
    },
    "$defs": {
        "resource": {
            "type": "object",
            "errorMessage": "must be an object with at least a name and a path",
            "required": ["name", "path"],
            "properties": {
                "name": {"type": "string", "pattern": "^[a-z0-9._-]+$",
                         "errorMessage": "must be a name in lower-case letters, digits, '.', '-' or '_'"},
                "path": {"type": "string", "pattern": "^" + _SAFE_PATH.pattern + "$",
                         "errorMessage": "must be one relative path inside the package folder (letters, digits, '.', '-', "
                                         "'_' and '/'; no '..', no leading '/' or '.', no web address)"},
                "format": {"type": "string"},
                "encoding": {"enum": ["utf-8", "UTF-8"], "errorMessage": "must be utf-8 (the loader reads UTF-8 only)"},
                "dialect": {"$ref": "#/$defs/dialect"},
                "schema": {"$ref": "#/$defs/tableSchema"},
            },
        },
        "dialect": {
            "type": "object",
            "errorMessage": "must describe a plain comma-separated file with a header (the only kind the loader reads)",
            "properties": {
                "delimiter": {"const": ","}, "quoteChar": {"const": '"'}, "doubleQuote": {"const": True},
                "header": {"const": True}, "escapeChar": False, "skipInitialSpace": {"const": False},
            },
        },
        "tableSchema": {
            "type": "object",
            "errorMessage": "must be a Table Schema: an object with a list of fields",
            "required": ["fields"],
            "properties": {
                "fields": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/field"},
                           "errorMessage": "must be a non-empty list of field objects"},
                "primaryKey": _NAMES,
                "foreignKeys": {"type": "array", "items": {"$ref": "#/$defs/foreignKey"},
                                "errorMessage": "must be a list of foreign keys"},
                "missingValues": {"const": [""], "errorMessage": "must be [\"\"] (a blank cell is the only missing value)"},
            },
        },
        "field": {
            "type": "object",
            "errorMessage": "must be a field object with a name",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "minLength": 1, "errorMessage": "must be a non-empty string"},
                "type": {"enum": list(_FIELD_TYPES), "errorMessage": "must be one of " + ", ".join(_FIELD_TYPES)},
                "format": {"const": "default", "errorMessage": "must be 'default' (the loader reads no other format)"},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "constraints": {"$ref": "#/$defs/constraints"},
            },
        },
        "constraints": {
            "type": "object",
            "errorMessage": "must be an object of the constraints the loader checks: "
                            "required, unique, enum, pattern, minimum, maximum",
            "additionalProperties": False,
            "properties": {
                "required": {"type": "boolean"},
                "unique": {"type": "boolean"},
                "enum": {"type": "array", "minItems": 1, "items": {"type": "string"},
                         "errorMessage": "must be a non-empty list of strings"},
                "pattern": {"type": "string", "minLength": 1},
                "minimum": {"type": "number"},
                "maximum": {"type": "number"},
            },
        },
        "foreignKey": {
            "type": "object",
            "errorMessage": "must be an object with fields and a reference (resource and fields)",
            "required": ["fields", "reference"],
            "properties": {
                "fields": _NAMES,
                "reference": {
                    "type": "object",
                    "errorMessage": "must be an object with a resource and fields",
                    "required": ["resource", "fields"],
                    "properties": {"resource": {"type": "string", "minLength": 1}, "fields": _NAMES},
                },
            },
        },
    },
}

_VALIDATOR = jsonschema.Draft202012Validator(DESCRIPTOR_SCHEMA)


def json_path(path) -> str:
    """['resources', 3, 'schema', 'fields', 2] → 'resources[3].schema.fields[2]'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_WS = re.compile(r"[ \t\n\r]*")


def json_line(text: str, path) -> int | None:
    """The line of `text` (a JSON document) where the value at `path` starts, or None.

    Walks the text along the path only, skipping sibling values with the json module's own
    decoder, so it costs one partial parse and runs only when there is an error to report."""
    decoder, pos = json.JSONDecoder(), _WS.match(text, 0).end()
    try:
        for part in path:
            if isinstance(part, int):
                if text[pos] != "[":
                    return None
                pos = _WS.match(text, pos + 1).end()
                for _ in range(part):
                    pos = _WS.match(text, decoder.raw_decode(text, pos)[1]).end()
                    if text[pos] != ",":
                        return None
                    pos = _WS.match(text, pos + 1).end()
            else:
                if text[pos] != "{":
                    return None
                pos, found = _WS.match(text, pos + 1).end(), None
                while text[pos] == '"':
                    name, pos = json.decoder.scanstring(text, pos + 1)
                    pos = _WS.match(text, pos).end()
                    pos = _WS.match(text, pos + 1).end()  # past ':'
                    if name == part:
                        found = pos  # the last one wins, as in json.loads
                    pos = _WS.match(text, decoder.raw_decode(text, pos)[1]).end()
                    if text[pos] != ",":
                        break
                    pos = _WS.match(text, pos + 1).end()
                if found is None:
                    return None
                pos = found
        return text.count("\n", 0, pos) + 1
    except (ValueError, IndexError):
        return None


def _preview(value, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_type(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def _schema_error_message(error: jsonschema.ValidationError) -> str:
    """One sentence a curator can act on, from the most relevant schema error."""
    kind, instance, schema = error.validator, error.instance, error.schema
    subject = json_path(error.absolute_path) or "the descriptor"
    hint = schema.get("errorMessage", "")
    if kind == "required":
        missing = next((p for p in error.validator_value if isinstance(instance, dict) and p not in instance), "?")
        return f"{subject} has no {missing!r}" + (f"; it {hint}" if hint else "")
    if kind == "additionalProperties":
        extra = sorted(set(instance) - set(schema.get("properties", {})))
        return f"{subject} has {', '.join(map(repr, extra))}, which the loader does not check" + (f"; it {hint}" if hint else "")
    if kind == "type":
        return f"{subject} {hint or 'has the wrong type'}, not {_json_type(instance)}"
    if hint and isinstance(instance, (dict, list)):
        return f"{subject} {hint}" + (" (it is empty)" if not instance else "")
    if hint:
        return f"{subject} is {_preview(instance)}; it {hint}"
    message = error.message if len(error.message) < 160 else error.message[:159] + "…"
    return f"{subject}: {message}"


def _check_shape(descriptor, text: str) -> None:
    """The descriptor against DESCRIPTOR_SCHEMA: the first (most relevant) error only."""
    error = jsonschema.exceptions.best_match(_VALIDATOR.iter_errors(descriptor))
    if error is None:
        return
    # Inside oneOf/anyOf, say what the alternatives want together (their errorMessage) or,
    # failing that, report the alternative that got furthest.
    while error.context and "errorMessage" not in error.schema:
        error = jsonschema.exceptions.best_match(error.context)
    raise DataPackageError(_schema_error_message(error), file=DESCRIPTOR, line=json_line(text, list(error.absolute_path)) or 1)


def _descriptor_error(message: str, text: str, path) -> DataPackageError:
    """An error found in the descriptor at `path`: its JSON path and line."""
    return DataPackageError(f"{json_path(path)}: {message}", file=DESCRIPTOR, line=json_line(text, list(path)) or 1)


def _names(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _check_references(descriptor: dict, text: str) -> None:
    """What JSON Schema cannot say: unique names, keys that name real fields and resources,
    patterns that compile, minimum/maximum only on numbers."""
    resources = descriptor["resources"]
    seen: set[str] = set()
    for i, res in enumerate(resources):
        if res["name"] in seen:
            raise _descriptor_error(f"a second resource is called {res['name']!r}; names must be unique", text, ["resources", i, "name"])
        seen.add(res["name"])
    tabular = {r["name"]: r for r in resources if "schema" in r}
    for i, res in enumerate(resources):
        if "schema" not in res:
            continue
        base = ["resources", i, "schema"]
        fields = res["schema"]["fields"]
        names = [f["name"] for f in fields]
        for j, fld in enumerate(fields):
            if fld["name"] in names[:j]:
                raise _descriptor_error(f"a second field is called {fld['name']!r}; field names must be unique", text, [*base, "fields", j, "name"])
            cons = fld.get("constraints", {})
            if "pattern" in cons:
                try:
                    re.compile(cons["pattern"])
                except re.error as exc:
                    raise _descriptor_error(f"the pattern is not a valid regular expression ({exc.msg})", text,
                                            [*base, "fields", j, "constraints", "pattern"]) from None
            if ("minimum" in cons or "maximum" in cons) and fld.get("type", "string") not in ("integer", "number"):
                raise _descriptor_error("minimum and maximum apply to integer and number fields only", text, [*base, "fields", j, "constraints"])
        pk = res["schema"].get("primaryKey")
        for name in _names(pk) if pk else ():
            if name not in names:
                raise _descriptor_error(f"the primary key names {name!r}, which is not a field of {res['name']!r}", text, [*base, "primaryKey"])
        for k, fk in enumerate(res["schema"].get("foreignKeys", [])):
            where = [*base, "foreignKeys", k]
            own, ref = _names(fk["fields"]), fk["reference"]
            target = tabular.get(ref["resource"])
            if target is None:
                raise _descriptor_error(f"the foreign key refers to {ref['resource']!r}, which is not a table of the package", text, [*where, "reference", "resource"])
            target_names = [f["name"] for f in target["schema"]["fields"]]
            for name in own:
                if name not in names:
                    raise _descriptor_error(f"the foreign key names {name!r}, which is not a field of {res['name']!r}", text, [*where, "fields"])
            for name in _names(ref["fields"]):
                if name not in target_names:
                    raise _descriptor_error(f"the foreign key refers to {ref['resource']}.{name}, which is not a field", text, [*where, "reference", "fields"])
            if len(own) != len(_names(ref["fields"])):
                raise _descriptor_error("the foreign key has a different number of fields on each side", text, where)


# --- 2. the app's contract ------------------------------------------------------------------------

@dataclass(frozen=True)
class Need:
    """What the app needs of one resource: why (the pages that use it), the fields it reads with
    their types, whether it needs rows, and (for facts) the keys it looks up.

    Types are Table Schema types, plus "url" (a string every value of which passes
    `storyframes.core.urls.link_address`) and "iso8601" (a string every value of which is an ISO 8601
    date or date-time, as the timeline chart parses it)."""

    purpose: str
    fields: Mapping[str, str] = field(default_factory=dict)
    rows: bool = True
    kind: str = "table"  # or "topojson"
    keys: Mapping[str, str] = field(default_factory=dict)  # key value -> "text" or "date" (facts only)
    key_field: str = ""

    def descriptor_type(self, name: str) -> str:
        return {"url": "string", "iso8601": "string"}.get(self.fields[name], self.fields[name])


def _needs(**fields: str) -> Mapping[str, str]:
    return MappingProxyType(fields)


S, I, B, D, N, URL, ISO = "string", "integer", "boolean", "date", "number", "url", "iso8601"

# Every resource the pages (and the loader's own evidence checks) read, and the fields they read
# with the types the code relies on. Derived from the code (storyframes/ and pages/), column by
# column; tests/pages/test_broken_package.py runs every page and every Framing section on only
# these fields, with the tables marked rows=False emptied, so a page that starts reading another
# field (or needing rows) fails there. The raw article texts are not listed: articles.csv names
# them (raw_file) and the loader checks each against its recorded hash.
APP_CONTRACT: Mapping[str, Need] = MappingProxyType({
    "outlets": Need("outlet names, short labels and colours, and the outlet filter, on every page",
                    _needs(outlet_id=S, outlet=S, short_name=S, has_full_text=B, home_state=S)),
    "articles": Need("the full texts: outlet cards, sources and sentence places (every page)",
                     _needs(article_id=S, outlet_id=S, outlet=S, headline=S, headline_confidence=S, author=S, published=S, published_earliest=D,
                            published_confidence=S, url=URL, raw_file=S, raw_sha256=S)),
    "passages": Need("every sentence the pages quote and count (Principles, Compare outlets, Framing analysis)",
                     _needs(passage_id=S, article_id=S, paragraph=I, sentence=I, char_start=I, char_end=I, text=S, is_furniture=B, syllables=I,
                            vader_compound=N)),
    "principles": Need("the principle filter on every page and the Principles page",
                       _needs(principle_id=S, heading=S, short_label=S, launch_wording=S, wording_source_url=URL, wording_source_note=S)),
    "passage_principles": Need("which sentences refer to which principle (the principle filter, Principles, Framing analysis)",
                               _needs(passage_id=S, principle_id=S, reference=S, reason=S), rows=False),
    "passage_codes": Need("frames and tone (Compare outlets, Framing analysis) and the rationale a class compares with (Code it yourself)",
                          _needs(passage_id=S, frame=S, tone_police=S, stance_reform=S, rationale=S)),
    "second_coding": Need("the coders' agreement and disagreements (Sources & method) and the disputed sentences (Framing analysis)",
                          _needs(passage_id=S, principles=S, frame=S, tone_police=S, stance_reform=S, note=S), rows=False),
    "passage_people": Need("who is named and quoted (Compare outlets, Framing analysis, Members & cities)",
                           _needs(passage_id=S, name_in_source=S, person=S, person_kind=S, member_id=S, mention=S,
                                  quote_channel=S, channel_outlet=S, quote_text=S), rows=False),
    "lexicon": Need("word choice (Compare outlets, Framing analysis)",
                    _needs(article_id=S, term=S, target=S, register=S, first_passage_id=S, note=S), rows=False),
    "members": Need("the members map and list (Home, Members & cities)",
                    _needs(member_id=S, name=S, title=S, agency=S, city=S, state=S, place_name=S, place_state=S, place_basis=S,
                           latitude=N, longitude=N, role_type=S, evidence=S, launch_era=S, source_url=URL, confidence=S)),
    "coverage_cities": Need("cities coverage names without naming a member, on the map (Members & cities)",
                            _needs(city=S, state=S, latitude=N, longitude=N, status=S, evidence=S, source=S), rows=False),
    "coverage": Need("every outlet's headline (Home, Compare outlets, Members & cities, Framing analysis, Sources & method)",
                     _needs(coverage_id=S, outlet_id=S, outlet=S, outlet_kind=S, headline=S, published=S, published_earliest=D,
                            published_latest=D, url=URL, headline_confidence=S, article_id=S)),
    "coverage_people": Need("which coverage names which member (Members & cities)",
                            _needs(coverage_id=S, member_id=S, evidence=S), rows=False),
    "headline_codes": Need("how each headline frames the story (Compare outlets, Framing analysis)",
                           _needs(coverage_id=S, frame=S, key_terms=S, headline_stance=S)),
    "facts": Need("the event's facts (Home, Compare outlets, Framing analysis, Sources & method)",
                  _needs(fact_id=S, topic=S, fact=S, value=S, source=S, source_url=URL, confidence=S),
                  key_field="fact_id",
                  keys=MappingProxyType({"launch_date": "date", "wh_panel_date": "date", "member_count_announced": "text",
                                         "group_name": "text", "group_parent": "text", "launch_venue": "text",
                                         "launch_crime_report_wording": "text"})),
    "timeline": Need("the timeline (Home)",
                     _needs(start=ISO, end=ISO, precision=S, short_label=S, label=S, kind=S, source=S, source_url=URL, confidence=S)),
    "codebook": Need("code labels on every page and the codebook (Sources & method)",
                     _needs(field=S, code=S, label=S, definition=S, example_passage_id=S, example_text=S, edge_rule=S)),
    "autocode_accuracy": Need("how well the automatic coding agrees with the hand codes (Sources & method)",
                              _needs(sample=S, measure=S, scope=S, sentences=I, hand=I, auto=I, agree=I, alike=I)),
    "us_states": Need("the state shapes under the members map (Members & cities)", kind="topojson"),
})


def _check_contract(descriptor: dict, text: str) -> None:
    index = {r["name"]: i for i, r in enumerate(descriptor["resources"])}
    for name, need in APP_CONTRACT.items():
        if name not in index:
            raise DataPackageError(f"resource {name!r} is missing; the app needs it for {need.purpose}", file=DESCRIPTOR, line=json_line(text, ["resources"]))
        i = index[name]
        res = descriptor["resources"][i]
        if need.kind == "table":
            if "schema" not in res:
                raise _descriptor_error(f"resource {name!r} has no schema; the app reads it as a table for {need.purpose}", text, ["resources", i])
            fields = {f["name"]: (j, f.get("type", "string")) for j, f in enumerate(res["schema"]["fields"])}
            for fname in need.fields:
                wanted = need.descriptor_type(fname)
                if fname not in fields:
                    raise _descriptor_error(f"resource {name!r} has no field {fname!r} ({wanted}); the app needs it for {need.purpose}",
                                            text, ["resources", i, "schema", "fields"])
                j, kind = fields[fname]
                if kind != wanted:
                    raise _descriptor_error(f"field {fname!r} of {name!r} is {kind}; the app reads it as {wanted}",
                                            text, ["resources", i, "schema", "fields", j])
        elif "schema" in res:
            raise _descriptor_error(f"resource {name!r} is {need.kind}, not a table", text, ["resources", i])


# --- 3. files: where they are, how large, read once ------------------------------------------------

class _Reader:
    """Every file the loader reads goes through here: its path is checked to stay inside the
    package, its size is checked with stat before a byte is read, every byte counts toward the
    package limit, and every byte read goes into the package's version digest."""

    def __init__(self, root: Path):
        self.root = root
        self.total = 0
        self.sized: dict[str, int] = {}
        self.digest = hashlib.sha256()
        self._real_root = root.resolve()
        self._folders: dict[Path, bool] = {}

    def _inside(self, path: Path) -> bool:
        """Whether `path` (free of '..' already) is inside the package folder once links are
        followed. Each folder is resolved once; a file only when it is itself a link."""
        ok = self._folders.get(path.parent)
        if ok is None:
            ok = self._folders[path.parent] = path.parent.resolve().is_relative_to(self._real_root)
        if ok and path.is_symlink():
            ok = path.resolve().is_relative_to(self._real_root)
        return ok

    def locate(self, rel: str, *, named_in: str = "", line: int | None = None, column: str | None = None) -> Path:
        """The file `rel` inside the package, with its size checked and counted (once per file).
        `named_in`/`line`/`column` say where `rel` itself was written, for a path that is unsafe."""
        if not isinstance(rel, str) or not _SAFE_PATH.fullmatch(rel):
            raise DataPackageError(f"{rel!r} is not a relative path inside the package folder (no '..', no leading '/')",
                                   file=named_in or DESCRIPTOR, line=line, column=column)
        path = self.root / rel
        if rel in self.sized:
            return path
        try:
            info = path.stat()
            inside = self._inside(path)
        except FileNotFoundError:
            raise DataPackageError("file is missing" + (f" ({named_in} names it)" if named_in else ""), file=rel) from None
        except OSError as exc:
            raise DataPackageError(f"file cannot be read ({exc.strerror or type(exc).__name__})", file=rel) from None
        if not inside:
            raise DataPackageError("file is a link to somewhere outside the package folder", file=rel)
        if not stat.S_ISREG(info.st_mode):
            raise DataPackageError("is not a plain file", file=rel)
        if info.st_size > MAX_FILE_BYTES:
            raise DataPackageError(f"file is {info.st_size / MiB:.1f} MiB; the limit is {MAX_FILE_BYTES // MiB} MiB per file "
                                   "(data/README.md, Limits)", file=rel)
        if self.total + info.st_size > MAX_PACKAGE_BYTES:
            raise DataPackageError(f"with this file the package passes {MAX_PACKAGE_BYTES // MiB} MiB, its limit "
                                   "(data/README.md, Limits)", file=rel)
        self.total += info.st_size
        self.sized[rel] = info.st_size
        return path

    def read_bytes(self, rel: str, **where) -> bytes:
        path = self.locate(rel, **where)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise DataPackageError(f"file cannot be read ({exc.strerror or type(exc).__name__})", file=rel) from None
        if len(raw) > MAX_FILE_BYTES:  # it grew after stat
            raise DataPackageError(f"file is over the limit of {MAX_FILE_BYTES // MiB} MiB per file (data/README.md, Limits)", file=rel)
        self.digest.update(rel.encode("utf-8") + b"\0" + raw)
        return raw

    def read_text(self, rel: str, **where) -> tuple[str, bytes]:
        raw = self.read_bytes(rel, **where)
        if b"\x00" in raw:
            raise DataPackageError("file is binary (it holds NUL bytes), not UTF-8 text", file=rel)
        try:
            return raw.decode("utf-8"), raw
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise DataPackageError(f"not UTF-8 text (byte {exc.start} cannot be decoded)", file=rel, line=line) from None


# --- 4. tables ------------------------------------------------------------------------------------

_QUOTED_FIELD = re.compile(r'"[^"]*(?:""[^"]*)*"')
_UNQUOTED_FIELD = re.compile(r"[^,\r\n]*")


def _line_count(text: str, end: int, start: int = 0) -> int:
    """Line breaks in text[start:end] (\\n, \\r\\n or a lone \\r each count once)."""
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)


def _unclosed_quote_line(text: str, record_line: int) -> int:
    """The line where the quoted field that is never closed starts, scanning the record that
    starts on `record_line` (the csv module only says the data ended inside quotes)."""
    pos = 0
    for _ in range(record_line - 1):  # to the record's first character
        nl = min((i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0), default=-1)
        if nl < 0:
            break
        pos = nl + (2 if text.startswith("\r\n", nl) else 1)
    start = pos
    while pos < len(text):
        if text[pos] == '"':
            match = _QUOTED_FIELD.match(text, pos)
            if match is None:
                return record_line + _line_count(text, pos, start)
            pos = match.end()
        else:
            pos = _UNQUOTED_FIELD.match(text, pos).end()
        pos += 2 if text.startswith("\r\n", pos) else 1
    return record_line


def parse_csv(text: str, rel: str, max_rows: int | None = None) -> tuple[list[str], list[list[str]], list[int], int]:
    """(header, records, the file line each record starts on, the header's line), with Python's
    csv module in strict mode. Blank lines are skipped (as pandas does); line 1 is the first line
    of the file, and a record holding a line break in a quoted cell spans several lines.
    Parsing stops at the first record past `max_rows` (default MAX_ROWS)."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise DataPackageError("file is empty", file=rel)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    header_line = 1
    records: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            if not record:  # a blank line
                start = reader.line_num + 1
                continue
            if header is None:
                header, header_line = record, start
            elif len(record) != len(header):
                where = f"line {start}" if reader.line_num == start else f"the record on lines {start}-{reader.line_num}"
                raise DataPackageError(f"{where} has {len(record)} cells; the header (line {header_line}) has {len(header)}",
                                       file=rel, line=start)
            elif len(records) >= max_rows:
                raise DataPackageError(f"the table has more than {max_rows:,} rows, its limit (data/README.md, Limits); "
                                       "the rest of the file was not read", file=rel, line=start)
            else:
                records.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        message = str(exc)
        if "unexpected end of data" in message:
            quote = _unclosed_quote_line(text, start)
            raise DataPackageError(f'a quoted field that starts on line {quote} is never closed (a missing " or a cut file)',
                                   file=rel, line=quote) from None
        if "field larger than field limit" in message:
            raise DataPackageError(f"a cell is longer than {MAX_FIELD_CHARS:,} characters, the limit for one cell",
                                   file=rel, line=start) from None
        if "expected after" in message:
            message = 'a quoted field must be followed by a comma or the end of the line (a stray " inside a cell must be doubled: "")'
        raise DataPackageError(f"not a well-formed CSV record ({message})", file=rel, line=max(start, reader.line_num)) from None
    assert header is not None
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise DataPackageError(f"column {name!r} appears twice in the header", file=rel, line=header_line, column=name)
        seen.add(name)
    return header, records, lines, header_line


def _cell_text(value) -> str:
    """A value as the text of a CSV cell (for `StoryData.typed_rows`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _convert(cells: np.ndarray, index: pd.Index, fld: dict, rel: str, lines) -> pd.Series:
    """Check one column (`cells`: its cells' text, one str per row) against its field schema and
    return it typed, as a Series on `index`. `lines[i]` is the file line of row i.

    The checks run over the column's values as a plain array, not as a pandas column: each
    pandas operation on a string column costs a fixed ~0.2 ms, which made typing the few rows of
    one auto-coded article (`StoryData.typed_rows`, six tables) take ~150 ms, most of the command
    line's time per article; over a whole package's columns the arrays are as quick."""
    name, kind = fld["name"], fld.get("type", "string")
    vals = np.array([v.strip() for v in cells], dtype=object) if kind != "string" else cells
    cons = fld.get("constraints", {})
    blank = np.array([v == "" for v in vals], dtype=bool)

    def fail(mask, message_of):
        bad = np.flatnonzero(mask)
        if len(bad):
            raise DataPackageError(message_of(vals[bad[0]]), file=rel, line=int(lines[bad[0]]), column=name)

    if cons.get("required"):
        fail(blank, lambda v: "a value is required here but the cell is empty")
    if "enum" in cons:
        allowed = set(cons["enum"])
        fail(~blank & np.array([v not in allowed for v in vals], dtype=bool),
             lambda v: f"unknown code {v!r}; allowed: {', '.join(sorted(allowed))} (see data/README.md)")
    if "pattern" in cons:
        pattern = re.compile(cons["pattern"])
        fail(~blank & np.array([pattern.fullmatch(v) is None for v in vals], dtype=bool),
             lambda v: f"{v!r} does not match the pattern {cons['pattern']}")
    if kind in ("integer", "number"):
        num = np.asarray(pd.to_numeric(np.where(blank, None, vals), errors="coerce"), dtype=float)
        if kind == "integer":
            fail(~blank & (np.isnan(num) | (num % 1 != 0)), lambda v: f"{v!r} is not a whole number")
            fail(~blank & (np.abs(num) > _LARGEST_EXACT_INTEGER), lambda v: f"{v!r} is too large a number")
        else:
            fail(~blank & np.isnan(num), lambda v: f"{v!r} is not a number")
        out = pd.Series(num, index=index).astype("Int64" if kind == "integer" else "Float64")
    elif kind == "boolean":
        fail(~blank & np.array([v not in _TRUE and v not in _FALSE for v in vals], dtype=bool),
             lambda v: f"{v!r} is not true or false")
        out = pd.Series(np.array([v in _TRUE for v in vals], dtype=bool), index=index)
    elif kind == "date":
        out = pd.to_datetime(pd.Series(np.where(blank, None, vals), index=index, dtype=object), format="%Y-%m-%d",
                             errors="coerce")
        fail(~blank & out.isna().to_numpy(), lambda v: f"{v!r} is not a date (YYYY-MM-DD)")
    else:
        out = pd.Series(cells, index=index, dtype=str)
    if "minimum" in cons or "maximum" in cons:
        num = pd.to_numeric(out, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        lo, hi = cons.get("minimum", float("-inf")), cons.get("maximum", float("inf"))
        fail(~np.isnan(num) & ((num < lo) | (num > hi)), lambda v: f"{v} is outside {lo}..{hi}")
    return out


def _check_contract_values(frame: pd.DataFrame, need: Need | None, rel: str, lines) -> None:
    """The contract's own value checks: web addresses, ISO dates, rows, looked-up keys."""
    if need is None:
        return
    if need.rows and frame.empty:
        raise DataPackageError(f"the table has a header but no rows; the app needs its rows for {need.purpose}", file=rel, line=2)
    for name, kind in need.fields.items():
        if kind == URL:
            for i, value in enumerate(frame[name].tolist()):
                if value and link_address(value) is None:
                    raise DataPackageError(f"{value[:80]!r} is not a plain http(s) web address a reader can be sent to "
                                           "(see storyframes/core/urls.py)", file=rel, line=int(lines[i]), column=name)
        elif kind == ISO:
            values = frame[name]
            parsed = pd.to_datetime(values.where(values != ""), format="ISO8601", errors="coerce")
            bad = np.flatnonzero((values != "").to_numpy() & parsed.isna().to_numpy())
            if len(bad):
                raise DataPackageError(f"{values.iloc[bad[0]][:40]!r} is not an ISO 8601 date or date-time",
                                       file=rel, line=int(lines[bad[0]]), column=name)
    if need.keys:
        by_key = {k: i for i, k in enumerate(frame[need.key_field].tolist())}
        for key, kind in need.keys.items():
            if key not in by_key:
                raise DataPackageError(f"the row {need.key_field} = {key!r} is missing; the app needs it for {need.purpose}",
                                       file=rel, column=need.key_field)
            value = frame["value"].iloc[by_key[key]]
            if kind == "date" and pd.isna(pd.to_datetime(value, format="%Y-%m-%d", errors="coerce")):
                raise DataPackageError(f"the value of {key!r} must be a date (YYYY-MM-DD), not {value[:40]!r}",
                                       file=rel, line=int(lines[by_key[key]]), column="value")


def _load_resource(resource: dict, reader: _Reader) -> tuple[pd.DataFrame, np.ndarray]:
    """The resource's table typed by its schema, and the file line of each row."""
    rel = resource["path"]
    text, _raw = reader.read_text(rel)
    header, records, line_list, header_line = parse_csv(text, rel)
    lines = np.asarray(line_list, dtype=np.int64)
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise DataPackageError(f"column {missing[0]!r} is missing (the header must hold: {', '.join(names)})", file=rel, line=header_line, column=missing[0])
    extra = [c for c in header if c not in names]
    if extra:
        raise DataPackageError(f"column {extra[0]!r} is not described in datapackage.json", file=rel, line=header_line, column=extra[0])
    frame = pd.DataFrame(records, columns=header, dtype=str) if records else pd.DataFrame({c: pd.Series([], dtype=str) for c in header})
    typed = pd.DataFrame({f["name"]: _convert(frame[f["name"]].to_numpy(dtype=object), frame.index, f, rel, lines) for f in fields},
                         index=frame.index)
    for f in fields:
        if f.get("constraints", {}).get("unique"):
            dup = frame.index[frame[f["name"]].duplicated() & (frame[f["name"]] != "")]
            if len(dup):
                raise DataPackageError(f"{frame[f['name']][dup[0]]!r} appears twice; it must be unique", file=rel, line=int(lines[dup[0]]), column=f["name"])
    pk = resource["schema"].get("primaryKey")
    if pk:
        keys = _names(pk)
        dup = frame.index[frame.duplicated(subset=keys)]
        if len(dup):
            value = " / ".join(frame.loc[dup[0], keys])
            raise DataPackageError(f"primary key {value!r} appears twice", file=rel, line=int(lines[dup[0]]), column=", ".join(keys))
    typed = typed.reset_index(drop=True)
    _check_contract_values(typed, APP_CONTRACT.get(resource["name"]), rel, lines)
    return typed, lines


def _check_foreign_keys(resource: dict, tables: dict[str, pd.DataFrame], lines: dict[str, np.ndarray]) -> None:
    rel = resource["path"]
    frame = tables[resource["name"]]
    for fk in resource["schema"].get("foreignKeys", []):
        cols, ref = _names(fk["fields"]), fk["reference"]
        ref_cols = _names(ref["fields"])
        target = tables[ref["resource"]]
        known = set(zip(*(target[c].astype(str).tolist() for c in ref_cols)))
        for i, values in enumerate(zip(*(frame[c].astype(str).tolist() for c in cols))):
            if values in known or all(v in ("", "<NA>") for v in values):
                continue  # a blank foreign key means "none" (e.g. a person who is not a member)
            raise DataPackageError(
                f"{' / '.join(values)!r} is not a known {', '.join(ref_cols)} of {ref['resource']}",
                file=rel, line=int(lines[resource["name"]][i]), column=", ".join(cols),
            )


# --- 5. evidence ----------------------------------------------------------------------------------

def _columns(frame: pd.DataFrame, *names: str) -> list[list]:
    """Columns as plain Python lists: iterating a Series of strings one value at a time is slow."""
    return [frame[name].tolist() for name in names]


def _check_raw_articles(tables: dict[str, pd.DataFrame], lines: dict[str, np.ndarray], reader: _Reader, paths: dict[str, str]) -> dict[str, str]:
    """Each article's raw file matches its recorded hash; each passage is verbatim at its offsets."""
    texts: dict[str, str] = {}
    arts = tables["articles"]
    for i, (article_id, rel, recorded) in enumerate(zip(*_columns(arts, "article_id", "raw_file", "raw_sha256"))):
        where = dict(named_in=paths["articles"], line=int(lines["articles"][i]), column="raw_file")
        text, raw = reader.read_text(rel, **where)
        digest = hashlib.sha256(raw).hexdigest()
        if digest != recorded:
            raise DataPackageError(
                f"{rel} has changed since it was captured (sha256 {digest[:12]}…, recorded {recorded[:12]}…)",
                file=paths["articles"], line=int(lines["articles"][i]), column="raw_sha256",
            )
        texts[article_id] = text
    ps = tables["passages"]
    for i, (pid, article_id, start, end, sentence) in enumerate(zip(*_columns(ps, "passage_id", "article_id", "char_start", "char_end", "text"))):
        source = texts.get(article_id)
        if source is None:
            raise DataPackageError(f"article {article_id!r} has no row in articles.csv, so no raw text",
                                   file=paths["passages"], line=int(lines["passages"][i]), column="article_id")
        if source[int(start):int(end)] != sentence:
            raise DataPackageError(
                f"passage {pid} is not verbatim in its source at characters {start}-{end}",
                file=paths["passages"], line=int(lines["passages"][i]), column="text",
            )
    return texts


def _check_substrings(tables: dict[str, pd.DataFrame], lines: dict[str, np.ndarray], paths: dict[str, str]) -> None:
    """Fragments quoted from a passage (names, quotes, terms, examples) must be in that passage."""
    text_of = dict(zip(tables["passages"]["passage_id"], tables["passages"]["text"]))
    checks = [
        ("passage_people", "passage_id", ["name_in_source", "quote_text"]),
        ("lexicon", "first_passage_id", ["term"]),
        ("codebook", "example_passage_id", ["example_text"]),
    ]
    for name, key, cols in checks:
        table = tables[name]
        for i, row in enumerate(zip(*_columns(table, key, *cols))):
            passage = text_of.get(row[0], "")
            for col, value in zip(cols, row[1:]):
                if value and value not in passage:
                    raise DataPackageError(f"{value!r} is not verbatim in passage {row[0]}", file=paths[name], line=int(lines[name][i]), column=col)


def _check_second_coding(tables: dict[str, pd.DataFrame], lines: dict[str, np.ndarray], paths: dict[str, str]) -> None:
    """The second coder's principles name known principles, each once (the pattern checked the form)."""
    known = set(tables["principles"]["principle_id"])
    for i, cell in enumerate(tables["second_coding"]["principles"].tolist()):
        ids = [item.split(":", 1)[0] for item in cell.split(";")] if cell else []
        unknown = [p for p in ids if p not in known]
        where = dict(file=paths["second_coding"], line=int(lines["second_coding"][i]), column="principles")
        if unknown:
            raise DataPackageError(f"{unknown[0]!r} is not a known principle_id of principles (known: {', '.join(sorted(known))})", **where)
        if len(set(ids)) != len(ids):
            raise DataPackageError(f"a principle is coded twice in {cell!r}", **where)


def _load_geo(resource: dict, reader: _Reader) -> dict:
    rel = resource["path"]
    text, _raw = reader.read_text(rel)
    try:
        geo = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise DataPackageError(f"not valid JSON ({exc.msg})", file=rel, line=exc.lineno) from None
    except (RecursionError, ValueError) as exc:
        raise DataPackageError(f"not valid JSON ({exc})", file=rel) from None
    if not (isinstance(geo, dict) and geo.get("type") == "Topology" and isinstance(geo.get("objects"), dict)
            and isinstance(geo["objects"].get("states"), dict)):
        raise DataPackageError("not TopoJSON with an object called 'states' (the map draws the states from it)", file=rel, line=1)
    return geo


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


# --- the whole package ----------------------------------------------------------------------------

def read_descriptor(reader: _Reader) -> tuple[dict, str]:
    """The descriptor, checked for size, JSON, shape, internal references and the app's contract."""
    text, _raw = reader.read_text(DESCRIPTOR)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        descriptor = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise DataPackageError(f"not valid JSON ({exc.msg})", file=DESCRIPTOR, line=exc.lineno) from None
    except RecursionError:
        raise DataPackageError("not usable JSON (nested too deeply)", file=DESCRIPTOR) from None
    except ValueError as exc:
        raise DataPackageError(f"not valid JSON ({exc})", file=DESCRIPTOR) from None
    _check_shape(descriptor, text)
    _check_contract(descriptor, text)  # before the references: a missing resource is named as such
    _check_references(descriptor, text)
    return descriptor, text


def load_package(data_dir: Path | str = DATA_DIR) -> StoryData:
    """Read, type and validate every table; raise DataPackageError at the first problem."""
    reader = _Reader(Path(data_dir))
    descriptor, _text = read_descriptor(reader)
    resources = descriptor["resources"]
    for res in resources:  # every listed file is sized before any is read
        reader.locate(res["path"])
    tabular = [r for r in resources if "schema" in r]
    paths = {r["name"]: r["path"] for r in tabular}
    tables: dict[str, pd.DataFrame] = {}
    lines: dict[str, np.ndarray] = {}
    for res in tabular:
        tables[res["name"]], lines[res["name"]] = _load_resource(res, reader)
    for res in tabular:
        _check_foreign_keys(res, tables, lines)
    _check_raw_articles(tables, lines, reader, paths)
    _check_substrings(tables, lines, paths)
    _check_second_coding(tables, lines, paths)
    geo = _load_geo(next(r for r in resources if r["name"] == "us_states"), reader)
    return StoryData(tables=tables, descriptor=descriptor, geo=geo, version=reader.digest.hexdigest()[:16])
