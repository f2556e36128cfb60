"""The one way data reaches Markdown (storyframes.app.render): literal text, links and option labels."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes.app import render
from tests.unit.test_text import HOSTILE_TEXTS, assert_literal

LINK = re.compile(r"^\[(?P<text>.*)\]\((?P<url>[^()\s<>]*)\)$", re.S)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_literal_shows_any_text_as_written(text):
    assert_literal(text, render.literal(text))


def test_literal_takes_any_value():
    assert render.literal(130) == "130"
    assert render.literal(None) == "None"


@pytest.mark.parametrize("url", [
    "https://www.lawenforcementleaders.org/priority-issues/",
    "https://x.org/?q=&lt;img&gt;&amp;r=1",
    "https://x.org/:material/warning:",
    "https://x.org/a_(b)/!(P1X)*x*?q=$y$&r=:red",
])
@pytest.mark.parametrize("text", ["Source", "**B0LD** <img src=x> [x](javascript:alert(1)) www.example.com"])
def test_link_to_a_web_address_is_one_link_with_literal_text(text, url):
    markup = render.link(text, url)
    match = LINK.match(markup)
    assert match, markup
    assert_literal(text, match["text"])
    destination = match["url"]
    assert destination.startswith("https://x.org/") or destination.startswith("https://www.lawenforcementleaders.org/")
    # Markdown decodes "&lt;"-style references in a link's address: each "&" there is escaped
    assert re.search(r"(?<!\\)&", destination) is None, destination


@pytest.mark.parametrize("url", ["javascript:window.__pwned=1", "data:text/html,<script>alert(1)</script>", "https://?q=1",
                                 "https://trusted.org@evil.example/", "", "not a url", "https:// x.org/",
                                 "https://x.org/a)![p](http://127.0.0.1:9/p.png)", "https://x.org/a) ![D9](http://127.0.0.1:8636/D9.png",
                                 "https://x.org/?q=&lt;img src=x&gt;"])
def test_link_to_anything_else_is_the_text_alone(url):
    text = "Source [x](javascript:alert(1))"
    markup = render.link(text, url)
    assert markup == render.literal(text)
    assert_literal(text, markup)


def test_literal_options_escapes_each_label():
    labels = {"a": "**B0LD** :red[R3D]", "b": "Plain"}
    fmt = render.literal_options(labels.get)
    assert fmt("b") == "Plain"
    assert_literal(labels["a"], fmt("a"))


# --- what a page derives from a cached view, once per object (render.derived_once) ----------------

def _spec(rows: int) -> dict:
    return {"mark": "point", "data": {"name": "d"}, "encoding": {"x": {"field": "x", "type": "quantitative"}},
            "datasets": {"d": [{"x": i, "label": f"s{i}"} for i in range(rows)], "shapes": {"type": "Topology", "objects": {}}}}


def test_a_large_dataset_becomes_the_arrow_bytes_streamlit_would_make_once_per_spec():
    from streamlit import dataframe_util

    spec = _spec(render.DERIVE_ONCE_ROWS)
    rows = spec["datasets"]["d"]
    out = render.arrow_datasets(spec)
    assert out["datasets"]["d"] == dataframe_util.convert_anything_to_arrow_bytes(rows)
    assert out["datasets"]["shapes"] is spec["datasets"]["shapes"]  # TopoJSON is left to Vega-Lite
    assert spec["datasets"]["d"] is rows and isinstance(rows, list)  # the shared spec is unchanged
    assert render.arrow_datasets(spec) is out  # the same object again: not converted again
    assert render.arrow_datasets(_spec(render.DERIVE_ONCE_ROWS)) is not out  # an equal but new spec is its own


def test_a_small_dataset_is_left_to_streamlit():
    spec = _spec(render.DERIVE_ONCE_ROWS - 1)
    assert render.arrow_datasets(spec) is spec


def test_derived_values_are_kept_for_the_newest_objects_only(monkeypatch):
    monkeypatch.setattr(render, "_derived", type(render._derived)())
    made = []
    sources = [object() for _ in range(render.KEPT_DERIVED + 1)]
    for s in sources:
        render.derived_once(s, ("t",), lambda s=s: made.append(s) or len(made))
    assert len(render._derived) == render.KEPT_DERIVED
    assert render.derived_once(sources[-1], ("t",), lambda: "again") == render.KEPT_DERIVED + 1  # kept
    assert render.derived_once(sources[0], ("t",), lambda: "again") == "again"  # the oldest was let go
    assert render.derived_once(sources[-1], ("other",), lambda: "other") == "other"  # another thing of the same object


def test_a_tables_layout_is_measured_once_per_frame_object(monkeypatch):
    """Even a small table: a cached view hands every run the same frame, and measuring its cells
    on every run was a third of the home page's server time with 30 readers."""
    monkeypatch.setattr(render, "_derived", type(render._derived)())
    measured = []
    real = render._table_layout
    monkeypatch.setattr(render, "_table_layout", lambda *a: measured.append(a[0]) or real(*a))
    frame = pd.DataFrame({"outlet": ["Gawker", "CBS News"], "sentences": [15, 19]})
    render.table(frame)
    render.table(frame)
    assert len(measured) == 1, "the same frame was measured again"
    render.table(frame.copy())  # an equal frame, but a new object: measured for itself
    render.table(frame, labels={"outlet": "Outlet"})  # the same frame shown another way
    assert len(measured) == 3
