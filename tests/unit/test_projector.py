"""Projector mode's pure parts: the address value and the chart transform (a copy, never the
shared spec changed)."""

from __future__ import annotations

import copy

import pytest

from storyframes.present import projector
from storyframes.present.charts import wide_value
from storyframes.core.data import load_package
from storyframes.core.palette import INK
from storyframes.views import compare, common


@pytest.mark.parametrize("values,expected", [
    ([], (None, False)), (["1"], (True, False)), (["0"], (False, False)), ([" 1 "], (True, False)),
    (["yes"], (False, True)), (["true"], (False, True)), (["1", "1"], (False, True)), ([""], (False, True)),
    (["<script>alert(1)</script>"], (False, True)),
])
def test_parse(values, expected):
    on, notice = projector.parse(values)
    assert (on, notice is not None) == expected
    if notice:
        assert "`" + values[0][:10] in notice  # the value is shown as code (literal), cut short


@pytest.fixture(scope="module")
def real_spec():
    data = load_package()
    view = compare.build(data, common.default_filters(data.vocab))
    charts = [v for v in vars(view).values() if hasattr(v, "spec") and isinstance(v.spec, dict)]
    assert charts, "the Compare view has charts"
    return charts[0].spec


def test_the_transform_returns_a_copy_and_leaves_its_input_alone(real_spec):
    before = copy.deepcopy(real_spec)
    shown = projector.spec(real_spec)
    assert real_spec == before
    assert shown is not real_spec and shown["config"] is not real_spec.get("config")
    for key in ("axis", "legend", "title"):
        if key in real_spec.get("config", {}):
            assert shown["config"][key] is not real_spec["config"][key]
    assert shown["data"] is real_spec.get("data") or "data" not in real_spec  # the data is shared, not copied


def test_chart_text_is_larger_marks_thicker_and_ink_dark(real_spec):
    shown = projector.spec(real_spec)
    axis = real_spec["config"]["axis"]
    # sizes that follow the chart's width (charts.by_width) are scaled from their wide value
    assert shown["config"]["axis"]["labelFontSize"] >= max(projector.MIN_FONT, 1.5 * wide_value(axis["labelFontSize"]) - 0.5)
    assert shown["config"]["axis"]["labelLimit"] >= 1.5 * wide_value(axis["labelLimit"]) - 0.5
    assert shown["config"]["axis"]["labelColor"] == INK and shown["config"]["axis"]["domainColor"] == INK
    assert shown["config"]["legend"]["labelFontSize"] >= projector.MIN_FONT
    assert shown["config"]["line"]["strokeWidth"] > 2 and shown["config"]["rule"]["strokeWidth"] >= 3
    if isinstance(real_spec.get("title"), dict):
        assert shown["title"]["fontSize"] >= 1.5 * wide_value(real_spec["title"]["fontSize"]) - 0.5
    # settings the chart already had are kept (only the projector's are set over them)
    for key, value in real_spec["config"].get("legend", {}).items():
        if key not in ("labelFontSize", "titleFontSize", "labelColor", "titleColor", "symbolSize", "symbolStrokeWidth", "labelLimit"):
            assert shown["config"]["legend"][key] == value


def test_a_bare_spec_gets_readable_defaults():
    bare = {"mark": "bar", "data": {"values": []}}
    shown = projector.spec(bare)
    assert bare == {"mark": "bar", "data": {"values": []}}
    assert shown["config"]["axis"]["labelFontSize"] >= projector.MIN_FONT and shown["config"]["text"]["fontSize"] >= projector.MIN_FONT
