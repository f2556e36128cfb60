"""CSV as the app and the command line give it out: one writer, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage
return) as a formula: an outlet called `=HYPERLINK("http://…","Click")` becomes a live link, and
worse. Every CSV this package writes (the Sources page's downloads, an added article's rows, the
command line's folders, the accuracy counts) goes through `csv_text`, which writes such a text
cell with a leading apostrophe, the mark spreadsheets read as "text, not a formula" and do not
show. Numbers stay numbers: a numeric column is written as pandas writes it (-3 is -3), and a
text cell that is only a number ("-3", "+1.5", "-2e3") is left as it is, since a spreadsheet
reads it as that number and runs nothing.

The apostrophe is undone exactly by `restore_cell` (`merge_into` does it before rows join data/,
so the package keeps every extract verbatim): a text that itself starts with apostrophes before
one of those characters gets one more, so every cell round-trips.
"""

from __future__ import annotations

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


def csv_text(frame: pd.DataFrame) -> str:
    """`frame` as UTF-8-ready CSV text in the package's conventions (no index, "\\n" line ends,
    dates as YYYY-MM-DD, blanks as empty cells), every text cell through `safe_cell`."""
    out = {}
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_datetime64_any_dtype(values):
            values = values.dt.strftime("%Y-%m-%d")
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            values = pd.Series([safe_cell(v) if isinstance(v, str) else v for v in values], index=frame.index, dtype=object)
        out[col] = values
    return pd.DataFrame(out, index=frame.index, columns=frame.columns).to_csv(index=False, lineterminator="\n")
