"""No storyframes module uses another's private names.

A name with one leading underscore is its module's own business: it may change or go without
notice. What two modules share is public, with a docstring, where it belongs. Every module under
storyframes/ is read with `ast` (nothing is imported), and these are refused when they name a
private name of another storyframes module:
- `from storyframes.x import _y` (also `as z`, also relative: `from .x import _y`, `from . import _x`),
- `import storyframes._x` or `from storyframes import _x` (a private module),
- `m._y` where `m` is bound to a storyframes module (`import storyframes.x as m`, `from storyframes import x`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "storyframes"


def private(name: str) -> bool:
    """One leading underscore (or a mangled "__x"); "__init__"-style names are not private."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def absolute(node: ast.ImportFrom, here: str, here_is_package: bool) -> str:
    """The module an ImportFrom reads from, made absolute (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = here.split(".") if here_is_package else here.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def ours(module: str) -> bool:
    return module == "storyframes" or module.startswith("storyframes.")


def private_uses(source: str, here: str, here_is_package: bool = False) -> list[str]:
    """Each use in `source` (the module `here`) of another storyframes module's private name."""
    found: list[str] = []
    modules: dict[str, str] = {}  # local name -> the storyframes module it is bound to
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not ours(alias.name):
                    continue
                if any(private(part) for part in alias.name.split(".")):
                    found.append(f"line {node.lineno}: import {alias.name}")
                if alias.asname:
                    modules[alias.asname] = alias.name
                else:
                    modules.setdefault(alias.name.split(".")[0], alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            source_module = absolute(node, here, here_is_package)
            if not ours(source_module):
                continue
            if any(private(part) for part in source_module.split(".")):
                found.append(f"line {node.lineno}: from {source_module} import ...")
            for alias in node.names:
                if source_module == here:
                    continue
                if private(alias.name):
                    found.append(f"line {node.lineno}: from {source_module} import {alias.name}")
                elif f"{source_module}.{alias.name}" in MODULES:
                    modules[alias.asname or alias.name] = f"{source_module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and private(node.attr):
            chain, value = [node.attr], node.value
            while isinstance(value, ast.Attribute):
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in modules:
                dotted = ".".join([value.id, *reversed(chain)])
                if modules[value.id] != here:
                    found.append(f"line {node.lineno}: {dotted}")
    return found


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_uses_no_private_name_of_another(name):
    path = MODULES[name]
    found = private_uses(path.read_text(encoding="utf-8"), name, is_package(path))
    assert found == [], f"{path.relative_to(ROOT)} uses private names of other storyframes modules: {found}"


def test_the_package_is_read_whole():
    assert len(MODULES) >= 40 and "storyframes.core.data" in MODULES and "storyframes.app.shell" in MODULES


@pytest.mark.parametrize(("source", "here", "expected"), [
    ("from storyframes.core.data import _convert\n", "storyframes.autocode.coding", ["line 1: from storyframes.core.data import _convert"]),
    ("def f():\n    from storyframes.analysis.measures import _as_bool as b, prose\n", "storyframes.analysis.evidence",
     ["line 2: from storyframes.analysis.measures import _as_bool"]),
    ("from .measures import _as_bool\n", "storyframes.analysis.evidence", ["line 1: from storyframes.analysis.measures import _as_bool"]),
    ("from . import _x\n", "storyframes.analysis.evidence", ["line 1: from storyframes.analysis import _x"]),
    ("import storyframes.core.data as d\nd._convert(1)\n", "storyframes.autocode.coding", ["line 2: d._convert"]),
    ("from storyframes.core import data\ndata._TRUE\n", "storyframes.analysis.measures", ["line 2: data._TRUE"]),
    ("import storyframes.core.data\nstoryframes.core.data._convert\n", "storyframes.x", ["line 2: storyframes.core.data._convert"]),
    ("import storyframes._private\n", "storyframes.x", ["line 1: import storyframes._private"]),
])
def test_each_kind_of_private_use_is_found(source, here, expected):
    assert private_uses(source, here) == expected


@pytest.mark.parametrize("source", [
    "from storyframes.core.text import escape_markdown as _md\n",  # a public name under a private alias
    "from storyframes.core.data import StoryData\nStoryData.__name__\n",
    "import pandas as pd\npd._libs\n",  # not ours
    "from storyframes.core import data\ndef _own():\n    return data.StoryData\n_own()\n",
    "from storyframes.core import data\nx = object()\nx._anything\n",
    "from storyframes.core.data import __doc__\n",
])
def test_public_names_and_other_packages_pass(source):
    assert private_uses(source, "storyframes.views.home") == []
