"""Plain words (issue 20, item 4): every sentence of the interface's own text is at Flesch-Kincaid
grade 8 or below. The interface's own text is what a page shows that is not data: every page is
rendered under AppTest (the Framing page in each of its sections, the tour at each step), the text
of its headings, paragraphs, captions, notices, labels, help and placeholders is read, and what the
data package holds (article sentences, headlines, the Statement's wording, names, codebook text,
quoted extracts) is taken out by matching against the text of every CSV in data/. What is left is
cut into sentences; a sentence of fewer than MIN_WORDS words (a label, a heading, a button) is not
graded, because the grade formula means nothing for two or three words (the technical words such
labels hold are explained by the glossary instead). Run with -s to print each page's figures."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pytest
import textstat

from storyframes.classroom import tour
from storyframes.core import glossary
from storyframes.core.text import TEXT_BREAK
from storyframes.views import framing

from .conftest import ROOT, open_page

MAX_GRADE = 8.0
MIN_WORDS = 5
DATA = "X"  # what a piece of data becomes: one short word, so the sentence around it keeps its length

_FIELDS = ("body", "label", "help", "placeholder")
_SKIP = {"html", "code", "divider", "button_group", "page_link", "json", "arrow_data_frame", "vega_lite_chart"}


@lru_cache(maxsize=1)
def data_strings() -> tuple[tuple[str, ...], str]:
    """Every cell of every CSV in data/ (longest first, so a sentence goes before a name inside it),
    and all of them in one text, to recognise a quoted extract of a cell."""
    cells: set[str] = set()
    for path in sorted((ROOT / "data").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    cell = _plain(cell)
                    if len(cell) >= 3 and (" " in cell or cell[0].isupper()) and not cell.replace(".", "").isdigit():
                        cells.add(cell)
    ordered = tuple(sorted(cells, key=len, reverse=True))
    return ordered, "\n".join(ordered)


def _plain(text: str) -> str:
    """The words a reader sees: Markdown escapes, colour directives, icons and emphasis taken out."""
    text = text.replace(TEXT_BREAK, "")
    text = re.sub(r":material/[a-z_]+:", "", text)
    text = re.sub(r":[a-z-]+\[((?:\\.|[^\]\\])*)\]", r"\1", text)
    text = re.sub(r"`[^`]*`", DATA, text)  # a command or a file name, not prose
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"\*\*|__|(?<!\w)\*|\*(?!\w)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def without_data(text: str) -> str:
    """`text` with every piece of data in it replaced by one short word."""
    cells, blob = data_strings()
    for cell in cells:  # a name of several words also when a sentence puts it in lower case ("frames it as policy prescription …")
        flags = re.IGNORECASE if " " in cell else 0
        if (cell.lower() in text.lower()) if flags else (cell in text):
            text = re.sub(rf"(?<!\w){re.escape(cell)}(?!\w)", DATA, text, flags=flags)
    text = re.sub(r"\([A-Z][^()]*?\b(?:19|20)\d\d\b[^()]*\)", DATA, text)  # a reference: its authors' names and year
    quoted = r"“([^”]{3,})”|\"([^\"]{3,})\"|‘([^’]{3,})’"
    return re.sub(quoted, lambda m: DATA if (m.group(1) or m.group(2) or m.group(3)).strip(" .,…") in blob else m.group(0), text)


def sentences(text: str) -> list[str]:
    """Sentences as a reader meets them: a line, a list item or a heading is one; within a line,
    a full stop, question or exclamation mark followed by a space ends one."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*]|\d+\.|#+)\s+", "", line).strip()
        for item in line.split(" · "):  # a middle dot separates items, as in "P1 quoted · P2 omitted"
            out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(0-9])", item) if s.strip())
    return out


def gradeable(sentence: str) -> bool:
    """A sentence of at least MIN_WORDS words of our own (a piece of data does not count)."""
    return sum(w != DATA for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", sentence)) >= MIN_WORDS


def grade(sentence: str) -> float:
    return textstat.flesch_kincaid_grade(sentence)


def interface_text(at, area: str = "main") -> list[str]:
    """The strings of one area of the page (main or sidebar), each element's fields in order."""
    out: list[str] = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", "") not in _SKIP:
            for field in _FIELDS:
                value = getattr(proto, field, None)
                if isinstance(value, str) and value:
                    out.append(_plain(value))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree.children[{"main": 0, "sidebar": 1}[area]])
    return out


def _views():
    yield "Sidebar", "dashboard.py", {}, "sidebar"
    for page in sorted(p.name for p in (ROOT / "pages").glob("*.py")):
        if page == "4_Framing_analysis.py":
            for section in framing.SECTIONS:
                yield f"Framing: {section}", f"pages/{page}", {"section": section}, "main"
        elif page == "6_Guided_tour.py":
            for key in tour.KEYS:
                yield f"Tour: {key}", f"pages/{page}", {tour.STEP_PARAM: key}, "main"
        else:
            yield page[:-3].split("_", 1)[1].replace("_", " "), f"pages/{page}", {}, "main"
    yield "Home", "dashboard.py", {}, "main"


@lru_cache(maxsize=1)
def read_pages() -> tuple[dict[str, list[tuple[str, float]]], str]:
    """Each view's gradeable sentences of its own text, with their grades; and all the text read."""
    result: dict[str, list[tuple[str, float]]] = {}
    everything = []
    for name, page, params, area in _views():
        at = open_page(page, **params)
        seen: dict[str, float] = {}
        for text in interface_text(at, area):
            everything.append(text)
            for s in sentences(without_data(text)):
                if gradeable(s) and s not in seen:
                    seen[s] = grade(s)
        result[name] = list(seen.items())
    return result, "\n".join(everything)


def graded() -> dict[str, list[tuple[str, float]]]:
    return read_pages()[0]


def test_the_data_is_taken_out_and_the_interface_left():
    cells, _blob = data_strings()
    assert "Gawker" in cells and "Nobody likes to get arrested for drugs." in cells
    assert without_data("Gawker quotes “Nobody likes to get arrested for drugs.” once.") == "X quotes “X” once."
    assert without_data("Choose “the words you like” here.") == "Choose “the words you like” here."
    assert sentences("- One line. Two? Three\n## Head") == ["One line.", "Two?", "Three", "Head"]
    assert not gradeable("Reset filters") and gradeable("Choose at least two outlets now.")


def test_every_page_is_read_and_every_sentence_is_plain():
    figures = graded()
    print(f"\nFlesch-Kincaid grade of the interface's own sentences ({MIN_WORDS}+ words; data taken out):")
    print(f"{'Page':<32} {'sentences':>9} {'mean':>5} {'max':>5}")
    for name, rows in figures.items():
        grades = [g for _s, g in rows]
        print(f"{name:<32} {len(grades):>9} {sum(grades) / len(grades):>5.1f} {max(grades):>5.1f}" if grades else f"{name:<32} {0:>9}")
    assert all(figures.values()), [name for name, rows in figures.items() if not rows]
    hard = [(name, s, g) for name, rows in figures.items() for s, g in rows if g > MAX_GRADE]
    assert not hard, "\n".join(f"{name}: grade {g:.1f}: {s}" for name, s, g in hard)


def test_every_technical_term_is_one_plain_sentence_and_shown_where_it_is_used():
    for term, meaning in glossary.TERMS.items():
        assert len(sentences(meaning)) == 1 and meaning.endswith("."), term
        assert grade(meaning) <= MAX_GRADE, (term, grade(meaning))
    _figures, read = read_pages()
    assert not [term for term, meaning in glossary.TERMS.items() if meaning not in read], "a term explained on no page"
