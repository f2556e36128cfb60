"""One source for names, labels and colours: nothing of the vocabulary is typed twice.

Colours live in `storyframes/core/palette.py`; outlet names, principle labels ('P1 · short label') and
code labels come from the data through `storyframes/core/vocab.py`. These tests read the code as text
and fail on a colour, a hand-built principle label, a principle or outlet id, or a full-text
outlet's name typed anywhere else in the app.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
APP_FILES = sorted([ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "storyframes").rglob("*.py")])
CODE = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in APP_FILES}
DATA = ROOT / "data"


def code_lines(name: str):
    """(line number, line) of a file's code, docstrings and comments left out."""
    in_doc = False
    for i, line in enumerate(CODE[name].splitlines(), 1):
        stripped = line.strip()
        quotes = stripped.count('"""')
        if in_doc:
            if quotes:
                in_doc = False
            continue
        if stripped.startswith('"""'):
            in_doc = quotes == 1
            continue
        yield i, line.split("  #")[0]


def offenders(pattern: str, *, skip: tuple[str, ...] = ()) -> list[str]:
    found = []
    for name in CODE:
        if name in skip:
            continue
        for i, line in code_lines(name):
            if re.search(pattern, line):
                found.append(f"{name}:{i}: {line.strip()}")
    return found


def test_colours_are_defined_only_in_the_palette():
    assert offenders(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b(?![\w-])", skip=("storyframes/core/palette.py",)) == []


def test_principle_labels_are_built_only_by_the_vocabulary():
    """'P1 · Alternatives to arrest' is made in one place: no code joins an id and a label with ' · '."""
    pattern = r"principle_id[^\n]{0,40}[\"'] · [\"']|\{[^}]*principle_id[^}]*\} · |principles?\[[\"']short_label|\.short_label\b"
    assert offenders(pattern, skip=("storyframes/core/vocab.py",)) == []
    assert re.search(pattern, 'd.principles["principle_id"] + " · " + d.principles["short_label"]')


@pytest.mark.parametrize("kind", ["principle", "outlet"])
def test_no_principle_or_outlet_id_is_typed_in_the_app(kind):
    if kind == "principle":
        ids = pd.read_csv(DATA / "principles.csv", dtype=str)["principle_id"]
    else:
        ids = pd.read_csv(DATA / "outlets.csv", dtype=str)["outlet_id"]
    pattern = r"[\"'](?:" + "|".join(re.escape(i) for i in ids) + r")[\"']"
    assert offenders(pattern) == []


def test_full_text_outlets_are_not_named_in_prose():
    """Pages name the full-text outlets through the vocabulary, so an added article is named too."""
    outlets = pd.read_csv(DATA / "outlets.csv", dtype=str, keep_default_na=False)
    full = outlets[outlets["has_full_text"] == "true"]
    names = [*full["outlet"], *full["short_name"]]
    pattern = r"[\"'][^\"']*\b(?:" + "|".join(re.escape(n) for n in names) + r")\b[^\"']*[\"']"
    # The furniture patterns match lines captured from one site's page (they are text, not names).
    assert offenders(pattern, skip=("storyframes/core/text.py",)) == []


def test_the_checks_read_the_app_and_can_fail():
    """The scan covers every page and module, and a typed colour or label in them would be found."""
    assert {"dashboard.py", "storyframes/core/vocab.py", "storyframes/core/palette.py"} <= set(CODE)
    assert any(name.startswith("pages/") for name in CODE)
    assert re.search(r"#[0-9A-Fa-f]{6}\b", 'color="#AD5E00"')
    assert offenders(r"#[0-9A-Fa-f]{6}\b")  # the palette itself holds colours
