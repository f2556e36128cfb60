"""The README's promise that a number is two hops from its page, checked row by row.

README.md ("Where is a number computed?") lists numbers a reader sees with the page that draws
them, the View function that fills them and the analysis function that counts them. Each row must
stay true: the page imports that View's module, the View function exists there and calls the
analysis function itself (not through another helper), and the analysis function exists in
`storyframes/analysis/`. A renamed or moved function, or a new helper in between, fails here.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "storyframes"


def _rows() -> list[tuple[str, str, str, str, str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- two-hops:.*?-->(.*?)<!-- /two-hops -->", text, re.S)
    assert block, "README.md has no two-hops table"
    rows = []
    for line in block.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        page, number, view, measure = cells
        view_file, view_fn = view.strip("`").split(": ")
        measure_file, measure_fn = measure.strip("`").split(": ")
        rows.append((page.strip("`"), number, view_file, view_fn, measure_file, measure_fn))
    return rows


ROWS = _rows()


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _function(path: Path, name: str) -> ast.FunctionDef:
    for node in _tree(path).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    raise AssertionError(f"{path.relative_to(ROOT)} defines no top-level function {name}")


def _called_names(fn: ast.FunctionDef) -> set[str]:
    """Names this function calls: f(...), module.f(...), and f passed to a call (memo(..., f))."""
    names = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call):
            for target in (node.func, *node.args):
                if isinstance(target, ast.Attribute):
                    names.add(target.attr)
                elif isinstance(target, ast.Name):
                    names.add(target.id)
    return names


def _imported_view_modules(page: Path) -> set[str]:
    out = set()
    for node in ast.walk(_tree(page)):
        if isinstance(node, ast.ImportFrom) and node.module == "storyframes.views":
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storyframes.views."):
            out.add(node.module.rsplit(".", 1)[1])
    return out


def test_the_table_lists_every_view_page_once_or_more():
    assert len(ROWS) >= 10
    assert {r[0] for r in ROWS} >= {"dashboard.py", "pages/1_Principles.py", "pages/2_Members_and_cities.py", "pages/3_Compare_outlets.py",
                                     "pages/4_Framing_analysis.py", "pages/5_Sources_and_method.py"}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}:{r[3]}" for r in ROWS])
def test_a_number_is_two_hops_from_its_page(row):
    page, number, view_file, view_fn, measure_file, measure_fn = row
    module = Path(view_file).stem
    assert module in _imported_view_modules(ROOT / page), f"{page} does not import storyframes.views.{module} ({number})"
    fn = _function(PACKAGE / view_file, view_fn)
    _function(PACKAGE / measure_file, measure_fn)
    assert measure_fn in _called_names(fn), (f"{view_file}: {view_fn} does not call {measure_fn} itself, so "
                                             f"“{number}” is more than two hops from {page}")
