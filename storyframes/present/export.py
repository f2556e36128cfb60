"""Downloads: each table exactly as filtered, the whole package as a zip, and a chart as the
PNG or SVG image a reader takes into a worksheet (rendered offline by vl-convert)."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from storyframes.core.csvtext import csv_text, safe_csv_file
from storyframes.core.data import DATA_DIR, StoryData
from storyframes.core.filters import Filters
from storyframes.core.filters import principle_mask

# How each table is narrowed by the filters: by outlet, by passage (outlet and principle), or not.
_BY_PASSAGE = ("passages", "passage_codes", "passage_principles", "passage_people", "second_coding")
_BY_OUTLET = ("outlets", "articles", "coverage", "headline_codes", "lexicon", "coverage_people")


def filtered_tables(data: StoryData, filters: Filters) -> dict[str, pd.DataFrame]:
    """Every table of the package as the reader's filters narrow it (furniture kept and marked)."""
    tables = dict(data.tables)
    outlets = set(filters.outlets)
    articles = data.articles[data.articles["outlet_id"].isin(outlets)]
    passages = data.passages[data.passages["article_id"].isin(articles["article_id"])]
    chosen = frozenset(filters.principles)
    passages = passages[principle_mask(passages, data.passage_principles, chosen)]
    ids = set(passages["passage_id"])
    coverage = data.coverage[data.coverage["outlet_id"].isin(outlets)]
    tables["outlets"] = data.outlets[data.outlets["outlet_id"].isin(outlets)]
    tables["articles"] = articles
    tables["passages"] = passages
    for name in ("passage_codes", "passage_people", "second_coding"):
        tables[name] = data.tables[name][data.tables[name]["passage_id"].isin(ids)]
    pp = data.passage_principles
    tables["passage_principles"] = pp[pp["passage_id"].isin(ids) & pp["principle_id"].isin(chosen)]
    tables["principles"] = data.principles[data.principles["principle_id"].isin(chosen)]
    tables["lexicon"] = data.lexicon[data.lexicon["article_id"].isin(articles["article_id"])]
    tables["coverage"] = coverage
    tables["headline_codes"] = data.headline_codes[data.headline_codes["coverage_id"].isin(coverage["coverage_id"])]
    tables["coverage_people"] = data.coverage_people[data.coverage_people["coverage_id"].isin(coverage["coverage_id"])]
    return {name: frame.reset_index(drop=True) for name, frame in tables.items()}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV in the package's own conventions (dates as YYYY-MM-DD, blanks as empty cells), safe
    to open in a spreadsheet (storyframes.core.csvtext: no cell runs as a formula)."""
    return csv_text(frame).encode("utf-8")


def csv_file_name(table: str) -> str:
    """A download's file name from a table's name in datapackage.json: letters, digits, "-", "_"
    and "." only, so no name from the data can point into a folder or hide its extension."""
    return (re.sub(r"[^A-Za-z0-9_.-]+", "_", table).strip("._") or "table") + ".csv"


def data_package_zip(data_dir: Path = DATA_DIR) -> bytes:
    """The whole data package (tables, raw captures, shapes, datapackage.json, codebook) as a zip:
    every file byte for byte, except that a CSV with a cell a spreadsheet would run as a formula
    is written again with that cell neutralised (`storyframes.core.csvtext.safe_csv_file`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(data_dir.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                content = path.read_bytes()
                if path.suffix.lower() == ".csv":
                    content = safe_csv_file(content)
                archive.writestr(str(Path("same-story-different-frames-data") / path.relative_to(data_dir)), content)
    return buffer.getvalue()


def sources_table(data: StoryData) -> pd.DataFrame:
    """Every source address the package cites, what it supports and how sure it is."""
    rows = []
    for a in data.articles.itertuples():
        rows.append({"source": f"{a.outlet}: “{a.headline}”", "url": a.url, "supports": "full text (sentences, codes)", "confidence": a.headline_confidence})
    for c in data.coverage.itertuples():
        if not c.article_id:
            rows.append({"source": f"{c.outlet}: “{c.headline}”", "url": c.url, "supports": "coverage index (headline, date, angle)", "confidence": c.headline_confidence})
    for p in data.principles.itertuples():
        rows.append({"source": "Law Enforcement Leaders, priority issues", "url": p.wording_source_url, "supports": f"principle {p.principle_id} heading and wording", "confidence": "high"})
    for f in data.facts.itertuples():
        rows.append({"source": f.source, "url": f.source_url, "supports": f"fact: {f.fact_id}", "confidence": f.confidence})
    for m in data.members.itertuples():
        rows.append({"source": f"membership evidence: {m.name}", "url": m.source_url, "supports": f"member {m.member_id}", "confidence": m.confidence})
    frame = pd.DataFrame(rows)
    return (
        frame.groupby("url", as_index=False, sort=False)
        .agg(source=("source", "first"), supports=("supports", lambda s: "; ".join(dict.fromkeys(s))), confidence=("confidence", lambda s: ", ".join(sorted(set(s)))))
        [["source", "url", "supports", "confidence"]]
    )


# --- a chart as an image ------------------------------------------------------------------------

EXPORT_WIDTH = 720  # px of plot for a chart drawn "container"-wide on the page
# The page's hints about clicking and tapping: "Tap a mark, or open the table below, for its numbers.",
# "(click a bar …)", "Click a bar … double-click to clear."
_INTERACTION = re.compile(r"\s*\((?:hover|click|tap)[^)]*\)|\s*Click [^.]*double-click to clear\.|\s*Tap a mark[^.]*\.", re.IGNORECASE)


def chart_spec_for_export(spec: dict) -> dict:
    """A copy of a view's chart spec made for a file: a fixed width instead of the page's
    container, and the subtitle without the page's "click a bar…" hint (a file cannot be clicked).
    The view's own spec is shared by every reader and never changed."""
    out = copy.deepcopy(spec)
    if out.get("width") == "container":
        out["width"] = EXPORT_WIDTH
    title = out.get("title")
    if isinstance(title, dict) and title.get("subtitle"):
        lines = title["subtitle"] if isinstance(title["subtitle"], list) else [title["subtitle"]]
        kept = _INTERACTION.sub("", " ".join(lines)).strip()
        title["subtitle"] = [kept] if kept else []
    return out


def chart_image(spec: dict, kind: str) -> bytes:
    """The chart as an SVG or PNG file, rendered here by vl-convert (no browser, no network)."""
    import vl_convert  # imported when a reader asks for an image, not by every page

    ready = chart_spec_for_export(spec)
    if kind == "svg":
        return vl_convert.vegalite_to_svg(ready).encode("utf-8")
    if kind == "png":
        return vl_convert.vegalite_to_png(ready, scale=2)
    raise ValueError(f"a chart is exported as svg or png, not {kind!r}")
