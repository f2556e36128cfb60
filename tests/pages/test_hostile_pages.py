"""Every page under AppTest on a hostile copy of the data package (tests/hostile_package.py): no
string the app hands to Markdown — bodies, captions, alerts, headings, and the labels, options and
help texts Streamlit renders as Markdown — carries a payload unescaped. Fast and browser-free; the
browser test (tests/browser/test_hostile_data.py) checks what Chromium then draws."""

from __future__ import annotations

import os
import re

import pytest

from storyframes.app import package as app_page
from storyframes.core.text import TEXT_BREAK, escape_markdown
from storyframes.views.framing import SECTIONS
from tests import hostile_package as H
from tests.markdown_model import problems

from .conftest import PAGES, assert_clean, open_page

# Under xdist the module runs on one worker: one hostile package for all of it.
pytestmark = pytest.mark.xdist_group("hostile-package")

# The payloads' markup, which must reach Markdown escaped (bare addresses, icons, emoji and arrows
# are checked on the text nodes, see tests/markdown_model.py).
RAW = [f"**{H.BOLD}**", f"_{H.ITALIC}_", f"~~{H.STRIKE}~~", f"`{H.CODE}`", "<img", "<script", "[CL1CK](javascript", "![P1X](", f":red[{H.RED}]",
       f":material/{H.ICON}:", f"${H.MATHS}", "&lt;", "&amp;", f"# {H.HEADING}", f"- {H.ITEM}"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The app reads the hostile package for this module's tests, then the real one again."""
    package = H.build(tmp_path_factory.mktemp("hostile") / "data")
    before = os.environ.get("STORYFRAMES_DATA_DIR")
    os.environ["STORYFRAMES_DATA_DIR"] = str(package.path)
    app_page._package_outcome.clear()
    yield package
    if before is None:
        os.environ.pop("STORYFRAMES_DATA_DIR", None)
    else:
        os.environ["STORYFRAMES_DATA_DIR"] = before
    app_page._package_outcome.clear()


def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def markdown_strings(at) -> list[tuple[str, str]]:
    """(element, text) for every string of the page that Streamlit renders as Markdown."""
    found = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", type(node).__name__)
        for field in ("body", "label", "help", "placeholder"):
            value = getattr(proto, field, None)
            if isinstance(value, str) and value:
                found.append((f"{kind}.{field}", value))
        for block_field in ("expandable", "tab", "popover"):  # a Block's own label (expander, tab, popover)
            if block_field in proto.DESCRIPTOR.fields_by_name and proto.HasField(block_field):
                found.append((f"{kind}.{block_field}", getattr(proto, block_field).label))
        if kind == "radio":
            found += [("radio.option", o) for o in proto.options]
        if kind == "button_group":
            found += [("pills.option", o.content) for o in proto.options]
    return found


def assert_no_raw_payload(at) -> list[tuple[str, str]]:
    tables = [node for node in _walk(at._tree) if getattr(node, "type", "") == "table"]
    assert not tables, "st.table renders its cells as Markdown: tables go through render.table (st.dataframe)"
    strings = markdown_strings(at)
    for where, text in strings:
        found = problems(text, RAW)
        assert not found, f"{where}: {found} in {text[:300]!r}"
    return strings


def shows_payload(strings) -> bool:
    """Some string carries the payload, escaped: the page did show data from the hostile package."""
    return any(escape_markdown(f"**{H.BOLD}**") in text.replace(TEXT_BREAK, "") for _, text in strings)


@pytest.mark.parametrize("path", PAGES)
def test_hostile_data_reaches_markdown_only_escaped(hostile, path):
    at = open_page(path)
    assert_clean(at)
    strings = assert_no_raw_payload(at)
    assert shows_payload(strings), "the page shows none of the hostile data: the check proves nothing"


@pytest.mark.parametrize("section", SECTIONS[1:])
def test_every_framing_section_escapes_hostile_data(hostile, section):
    at = open_page("pages/4_Framing_analysis.py", section=section)
    assert_clean(at)
    assert shows_payload(assert_no_raw_payload(at))


def test_chosen_place_and_other_options_escape_hostile_data(hostile):
    at = open_page("pages/2_Members_and_cities.py")
    at.selectbox[0].set_value(at.selectbox[0].options[0]).run()
    assert_clean(at)
    assert shows_payload(assert_no_raw_payload(at))
    at = open_page("pages/1_Principles.py")
    at.radio(key="principle_to_read").set_value("P4").run()
    assert_clean(at)
    assert_no_raw_payload(at)
    at = open_page("pages/4_Framing_analysis.py", section="Parallel reading")
    at.radio(key="reading_group").set_value("none").run()
    assert_clean(at)
    assert_no_raw_payload(at)


def test_principle_sources_link_only_to_encoded_web_addresses(hostile):
    at = open_page("pages/1_Principles.py")
    buttons = [node.proto.url for node in _walk(at._tree) if getattr(node, "type", "") == "link_button"]
    # the loader lets only plain web addresses through (storyframes.core.urls.link_address), so each principle
    # has its source button; each button's address is encoded (no bracket, quote or space left)
    assert len(buttons) == len(at.radio(key="principle_to_read").options)
    for url in buttons:
        assert url.startswith("https://x.org/") and not re.search(r"[\s()<>\"'\\]", url), url
    # no Markdown link at all on the page: none is made from the data
    assert not [text for _, text in markdown_strings(at) if re.search(r"(?<!\\)\]\(", text)]


def test_a_broken_hostile_package_is_reported_literally(hostile, tmp_path):
    """The loader's message quotes the bad value (here an unknown frame code); the page shows it as text."""
    broken = tmp_path / "data"
    H.build(broken)
    codes = broken / "passage_codes.csv"
    text = codes.read_text(encoding="utf-8")
    assert ",crime_punishment," in text
    codes.write_text(text.replace(",crime_punishment,", f",**{H.BOLD}** <img src=x> ![P1X](http://127.0.0.1:9/p.png),", 1), encoding="utf-8")
    os.environ["STORYFRAMES_DATA_DIR"] = str(broken)
    app_page._package_outcome.clear()
    try:
        at = open_page("dashboard.py")
        assert [e.value for e in at.error], "the data error is shown"
        assert_no_raw_payload(at)
        assert escape_markdown(f"**{H.BOLD}**") in at.error[0].value
    finally:
        os.environ["STORYFRAMES_DATA_DIR"] = str(hostile.path)
        app_page._package_outcome.clear()


@pytest.mark.parametrize("path", ["dashboard.py", "pages/4_Framing_analysis.py"])
def test_a_search_shows_hostile_sentences_literally_with_the_match_marked(hostile, path):
    """The payload's marker, searched for: every sentence and headline holding it is shown, its
    markup escaped, and only our highlight around the words found."""
    query = f"<script>{H.SENTINEL}=1</script> [CL1CK](javascript"
    at = open_page(path, find=query)
    assert_clean(at)
    strings = assert_no_raw_payload(at)
    hits = [text for where, text in strings if where.startswith("markdown") and ":yellow-background[" in text]
    assert hits, "the search found none of the hostile sentences: the check proves nothing"
    assert all(f":yellow-background[{escape_markdown(query)}]" in text.replace(TEXT_BREAK, "") for text in hits)
    assert shows_payload(strings)
