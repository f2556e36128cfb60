"""The page registry (storyframes.app.site) and the registry of address parameters
(storyframes.app.params): each page and each parameter declared once, and nothing typed twice."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from streamlit.source_util import page_icon_and_name

from storyframes.app import params, site
from storyframes.classroom import lesson

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_file_is_registered_once_and_every_registered_file_exists():
    files = ["dashboard.py", *sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))]
    assert sorted(p.file for p in site.PAGES) == sorted(files)
    assert len({p.key for p in site.PAGES}) == len(site.PAGES)
    assert len({p.title for p in site.PAGES}) == len(site.PAGES)


def test_a_page_is_served_where_streamlit_serves_its_file():
    for page in site.PAGES[1:]:
        _icon, name = page_icon_and_name(Path(page.file))
        assert page.url_path == "/" + name, page.file
    assert site.page("home").url_path == "/"


def test_every_parameter_is_declared_once_for_pages_that_exist():
    names = [p.name for p in params.PARAMS]
    assert len(names) == len(set(names))
    keys = {p.key for p in site.PAGES}
    for p in params.PARAMS:
        assert all(k == params.EVERY_PAGE or k in keys for k in p.pages), p
        assert p.kind in {"filter", "flag", "choice", "seed", "list", "text"}, p
        if p.kind == "seed":
            assert p.low < p.high and len(str(p.high)) <= lesson.MAX_SEED_DIGITS, p
    # the sidebar's parameters belong to every page; a page's own only to that page
    assert {p.name for p in params.for_page("principles")} == {"outlet", "principle", "projector", "read"}
    assert {p.name for p in params.for_page("home")} == {"outlet", "principle", "projector", "find"}
    assert [p.name for p in params.own("framing")] == ["section", "group", "compare", "with", "disputes", "tags", "quotes", "terms", "find"]
    assert [p.name for p in params.own("members")] == ["place", "search"]
    assert [p.name for p in params.own("quiz")] == ["quiz", "level"]


def test_the_lesson_form_offers_what_the_page_reads():
    assert [p.name for p in params.fields_for_file(site.page("framing").file)] == ["section"]
    assert params.fields_for_file(site.page("members").file) == ()  # a place comes from the data: chosen on the page
    assert params.check(site.page("quiz").file, {"quiz": "42", "level": "HARD"}) == ({"quiz": "42", "level": "hard"}, ())
    kept, problems = params.check(site.page("framing").file, {"step": "words"})
    assert kept == {} and problems == ("/Framing_analysis reads no parameter `step`",)


def _string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_page_path_is_typed_outside_the_page_registry():
    """A page's file is named in site.py only: every other place asks the registry by key."""
    page_file = re.compile(r"(?:^|/)(?:pages/\d+_\w+\.py|dashboard\.py)$")
    found = []
    for path in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "storyframes").rglob("*.py")]:
        if path == ROOT / "storyframes" / "app" / "site.py":
            continue
        found += [f"{path.relative_to(ROOT)}:{line}: {value!r}" for line, value in _string_constants(path) if page_file.search(value)]
    assert not found, "page paths typed outside storyframes/app/site.py:\n" + "\n".join(found)


def test_only_the_address_module_touches_the_address():
    """st.query_params is read and written in storyframes/app/address.py alone."""
    users = sorted(str(p.relative_to(ROOT)) for p in [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "storyframes").rglob("*.py")]
                   if "query_params" in p.read_text(encoding="utf-8"))
    assert users == ["storyframes/app/address.py"]
