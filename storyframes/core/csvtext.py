"""CSV as the app and the command line give it out: one writer, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage
return) as a formula: an outlet called `=HYPERLINK("http://…","Click")` becomes a live link, and
worse. Every CSV this package writes (the Sources page's downloads, an added article's rows, the
command line's folders, the accuracy counts) goes through `csv_text` (the package's own files, in
the Sources page's zip, through `safe_csv_file`), which writes such a text
cell with a leading apostrophe, the mark spreadsheets read as "text, not a formula" and do not
show. Numbers stay numbers: a numeric column is written as pandas writes it (-3 is -3), and a
text cell that is only a number ("-3", "+1.5", "-2e3") is left as it is, since a spreadsheet
reads it as that number and runs nothing.

The apostrophe is undone exactly by `restore_cell` (`merge_into` does it before rows join data/,
so the package keeps every extract verbatim): a text that itself starts with apostrophes before
one of those characters gets one more, so every cell round-trips.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_RISKY = re.compile(r"'*[=+\-@\t\r]")  # what is written with one more leading apostrophe
_MARKED = re.compile(r"'+[=+\-@\t\r]")  # what `restore_cell` takes one apostrophe off
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: str) -> str:
    """`value` as a CSV cell no spreadsheet runs: an apostrophe in front when it would start a
    formula (or starts with apostrophes before such a character); a plain number unchanged."""
    if _RISKY.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def restore_cell(cell: str) -> str:
    """The text `safe_cell` was given: its cell with the added apostrophe taken off."""
    return cell[1:] if _MARKED.match(cell) else cell


def _blank(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def csv_text(frame: pd.DataFrame) -> str:
    """`frame` as UTF-8-ready CSV text in the package's conventions (no index, "\\n" line ends,
    dates as YYYY-MM-DD, blanks as empty cells, numbers as pandas writes them), every text cell
    through `safe_cell`. Written with the csv module over plain lists: what pandas' to_csv writes,
    at a tenth of its fixed cost on the few rows of one article."""
    columns = []
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_datetime64_any_dtype(values):
            cells = values.dt.strftime("%Y-%m-%d").tolist()
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            cells = [safe_cell(v) if isinstance(v, str) else v for v in values.tolist()]
        else:
            cells = values.tolist()
        columns.append(cells)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(c) for c in frame.columns])
    writer.writerows(["" if _blank(v) else v for v in row] for row in zip(*columns))
    return out.getvalue()


def safe_csv_file(content: bytes) -> bytes:
    """A CSV file of the package (UTF-8) as a download gives it: byte for byte when no cell would
    start a formula, otherwise every row written again with `safe_cell` (so `restore_cell` gives
    back each verbatim cell). The curated package has four such cells, the bullets
    "- reforming mandatory minimums" … of data/dev_texts/hand_codes.csv, which a spreadsheet
    would show as #NAME? errors."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    if all(safe_cell(cell) == cell for row in rows for cell in row):
        return content
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8")
