"""The package's layers, read from the code's own imports (ast), so a change that crosses a layer
fails here instead of in a reviewer's head. The rules (also in the README, "Where things live"):

- `core` (data, vocabulary, filters, text, the URL rule) imports no other layer;
- `analysis` imports `core`; `present` imports `core` and `analysis`;
- `classroom` and `autocode` import `core`, `analysis` and `present`, not each other;
- `views` import any of those, never `app`;
- `app` is the only code that imports Streamlit;
- the pages (`dashboard.py`, `pages/*.py`) import Streamlit, `storyframes.app` and `storyframes.views` only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "storyframes"
LAYERS = ("core", "analysis", "present", "classroom", "autocode", "views", "app")
MAY_IMPORT = {
    "core": {"core"},
    "analysis": {"core", "analysis"},
    "present": {"core", "analysis", "present"},
    "classroom": {"core", "analysis", "present", "classroom"},
    "autocode": {"core", "analysis", "present", "autocode"},
    "views": {"core", "analysis", "present", "classroom", "autocode", "views"},
    "app": set(LAYERS),
}
PAGE_MAY_IMPORT = {"app", "views"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module `path` imports, by its full dotted name, with the line (top level or inside a
    function: a lazy import is an import too). `from storyframes import x` names storyframes.x."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "storyframes":
                found += [(node.lineno, f"storyframes.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "storyframes" and parts[1] in LAYERS else None


def violations(files: dict[str, Path]) -> list[str]:
    """The imports that break the rules, as "file:line imports module (why)"."""
    found = []
    for name, path in files.items():
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        is_page = name == "page"
        own = None if is_page else name
        for line, module in imported_modules(path):
            target = layer_of(module)
            if module.split(".")[0] == "streamlit" and own != "app" and not is_page:
                found.append(f"{rel}:{line} imports {module} (only storyframes.app may import Streamlit)")
            elif module.startswith("storyframes") and is_page and target not in PAGE_MAY_IMPORT:
                found.append(f"{rel}:{line} imports {module} (a page imports storyframes.app and storyframes.views only)")
            elif module.startswith("storyframes") and not is_page and target is not None and target not in MAY_IMPORT[own]:
                found.append(f"{rel}:{line} imports {module} ({own} may import {', '.join(sorted(MAY_IMPORT[own]))})")
            elif module.startswith("storyframes") and not is_page and target is None and module != "storyframes":
                found.append(f"{rel}:{line} imports {module} (a module outside the layers)")
    return found


def package_files() -> dict[str, Path]:
    """Every module of the package under its layer; pages under "page"."""
    files: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if len(rel.parts) == 1:
            assert rel.name == "__init__.py", f"storyframes/{rel} sits outside the layers: put it in one of {LAYERS}"
            continue
        assert rel.parts[0] in LAYERS, f"storyframes/{rel.parts[0]}/ is not a layer: add it to the rules or move {rel}"
        files[str(rel)] = path
    return files


def test_the_package_has_only_its_layers():
    assert {p.relative_to(PACKAGE).parts[0] for p in package_files().values()} == set(LAYERS)


def test_every_module_imports_only_what_its_layer_may():
    broken = []
    for path in package_files().values():
        layer = path.relative_to(PACKAGE).parts[0]
        broken += violations({layer: path})
    assert not broken, "imports across the layers' rules:\n" + "\n".join(broken)


def test_pages_import_only_the_app_layer_and_views():
    pages = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]
    broken = []
    for path in pages:
        broken += violations({"page": path})
    assert not broken, "pages importing past the app layer:\n" + "\n".join(broken)


@pytest.mark.parametrize("layer, line, why", [
    ("core", "from storyframes.views import framing", "core may import core"),
    ("views", "from storyframes.app import render", "views may import"),
    ("analysis", "import streamlit as st", "only storyframes.app may import Streamlit"),
    ("present", "from storyframes import classroom", "present may import"),
    ("page", "from storyframes.core import palette", "a page imports storyframes.app and storyframes.views only"),
])
def test_a_crossing_import_is_caught(tmp_path, layer, line, why):
    """The rules can fail: each of these imports, added to a module of its layer, is reported."""
    module = tmp_path / "example.py"
    module.write_text(f'"""An example module."""\n\n{line}\n', encoding="utf-8")
    (report,) = violations({layer: module})
    assert why in report and ":3 imports" in report
