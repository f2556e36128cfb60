"""Render the column tables and the codebook into data/README.md from their sources of truth.

Usage:  python scripts/render_codebook.py [--check]

The text between the GENERATED markers in data/README.md is rebuilt from data/datapackage.json
(every column of every table) and data/codebook.csv (every code with definition, example and
edge rule), so the codebook a teacher reads is the one the data is validated against.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[1] / "data"
README = DATA / "README.md"
BEGIN, END = "<!-- BEGIN GENERATED: do not edit by hand; run scripts/render_codebook.py -->", "<!-- END GENERATED -->"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def render(descriptor: dict, codebook: pd.DataFrame) -> str:
    lines = ["## Tables and columns", ""]
    for res in descriptor["resources"]:
        if "schema" not in res:
            continue
        schema = res["schema"]
        pk = schema.get("primaryKey")
        keys = ", ".join(pk) if isinstance(pk, list) else (pk or "—")
        lines += [f"### `{res['path']}` — {res['title']}", "", _cell(res["description"]), "", f"Primary key: `{keys}`."]
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            lines.append(f"`{fk['fields']}` refers to `{ref['resource']}.{ref['fields']}`.")
        lines += ["", "| Column | Type | Definition | Allowed values |", "| --- | --- | --- | --- |"]
        for fld in schema["fields"]:
            cons = fld.get("constraints", {})
            allowed = ", ".join(f"`{v}`" for v in cons.get("enum", [])) or ("required" if cons.get("required") else "")
            lines.append(f"| `{fld['name']}` | {fld.get('type', 'string')} | {_cell(fld.get('description', ''))} | {allowed} |")
        lines.append("")
    lines += ["## Codebook", "", "Every code of every coded field, with its definition, one example from the texts "
              "(passage id and verbatim words) and the rule for edge cases.", ""]
    for field, rows in codebook.groupby("field", sort=False):
        lines += [f"### `{field}`", "", "| Code | Label | Definition | Example | Edge rule |", "| --- | --- | --- | --- | --- |"]
        for r in rows.itertuples():
            example = f"{r.example_passage_id}: “{_cell(r.example_text)}”" if r.example_passage_id else "—"
            lines.append(f"| `{r.code}` | {_cell(r.label)} | {_cell(r.definition)} | {example} | {_cell(r.edge_rule)} |")
        lines.append("")
    return "\n".join(lines)


def updated_readme() -> str:
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    codebook = pd.read_csv(DATA / "codebook.csv", dtype=str, keep_default_na=False)
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    if not rest:
        raise SystemExit(f"{README} has no {BEGIN!r} marker")
    return f"{head}{BEGIN}\n\n{render(descriptor, codebook)}\n{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail if out of date")
    args = parser.parse_args()
    new = updated_readme()
    if args.check:
        ok = new == README.read_text(encoding="utf-8")
        print("up to date" if ok else "data/README.md is out of date: run python scripts/render_codebook.py")
        return 0 if ok else 1
    README.write_text(new, encoding="utf-8")
    print(f"wrote {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
