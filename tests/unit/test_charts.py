"""Altair charts (storyframes.charts) and colours (storyframes.palette).

Each chart is built from the real package the way the pages build it, then turned into its
Vega-Lite spec: `to_dict()` validates against the schema, so a chart that would not render fails
here. The checks: the finding-stating title passed in, tooltips, the selection parameter the page
reads (name and fields, and the fields are real columns), the outlets' palette colours, and the
members map fully offline (inline TopoJSON, no URL)."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from storyframes import analysis, charts, findings, members, palette
from storyframes.data import load_package

TITLE = "A finding stated as a title, long enough that it has to wrap onto a second line of the chart heading"


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def frame_labels(data):
    book = data.codebook[data.codebook["field"] == "frame"]
    return dict(zip(book["code"], book["label"]))


@pytest.fixture(scope="module")
def coverage(data):
    cov = analysis.principle_coverage(data.passages, data.articles, data.passage_principles, data.principles)
    labels = dict(zip(data.principles["principle_id"], data.principles["principle_id"] + " · " + data.principles["short_label"]))
    return cov.assign(principle_label=cov["principle_id"].map(labels), share_pct=(cov["share_of_words"] * 100).round(1))


@pytest.fixture(scope="module")
def profile(data, frame_labels):
    prof = analysis.frame_profile(data.passages, data.articles, data.passage_codes)
    return prof.assign(frame_label=prof["frame"].map(frame_labels))


@pytest.fixture(scope="module")
def tone(data):
    t = analysis.tone_along(data.passages, data.passage_codes, sentiment=analysis.vader_scores(data.passages), articles=data.articles)
    return t.assign(text_short=t["text"].str.slice(0, 120))


def outlet_ids(data):
    return data.articles["outlet_id"].tolist()


def outlet_names(data):
    return data.articles["outlet"].tolist()


# Every chart of the package: (name, builder, selection name or None, selection fields).
def build(name, data, coverage, profile, tone, frame_labels, title=TITLE):
    ids, names = outlet_ids(data), outlet_names(data)
    if name == "timeline":
        return charts.timeline_chart(data.timeline, title)
    if name == "principle_matrix":
        return charts.principle_matrix_chart(coverage, names, title)
    if name == "members_map":
        return charts.members_map(data.geo, members.member_places(data.members), data.coverage_cities, title)
    if name == "frame_profile":
        return charts.frame_profile_chart(profile, ids, title)
    if name == "tone":
        return charts.tone_chart(tone, names, title)
    if name == "headline_dates":
        return charts.headline_dates_chart(data.coverage, title)
    if name == "distinctive_words":
        words = analysis.fightin_words(data.passages, data.articles)
        mine = words[(words["outlet_id"] == "gawker") & (words["z"] > 0)].head(8)
        return charts.distinctive_words_chart(mine, "gawker", title)
    if name == "frame_difference":
        diff = analysis.frame_difference(profile, "gawker", "cbs")
        diff = diff.assign(frame_label=diff["frame"].map(frame_labels))
        return charts.frame_difference_chart(diff, "Gawker", "CBS News (The Crime Report)", title, "gawker", "cbs")
    if name == "principle_position":
        return charts.principle_position_chart(coverage, ids, title)
    if name == "voices":
        voices = analysis.voices(data.passages, data.articles, data.passage_people)
        group = data.facts[data.facts["fact_id"] == "group_name"]["value"].iloc[0]
        return charts.voices_chart(findings.speaker_labels(voices, data.outlets, group), title)
    if name == "register":
        return charts.register_chart(analysis.lexicon_table(data.lexicon, data.articles), names, title)
    if name == "tone_vs_vader":
        return charts.tone_vs_vader_chart(tone, names, title)
    if name == "readability":
        return charts.readability_chart(analysis.readability(data.passages, data.articles, data.passage_people), ids, title)
    raise KeyError(name)


SELECTIONS = {
    "timeline": None,
    "principle_matrix": ("cell", ["outlet_id", "principle_id"]),
    "members_map": ("place", ["place_id"]),
    "frame_profile": ("frame_bar", ["outlet_id", "frame"]),
    "tone": ("tone_point", ["passage_id"]),
    "headline_dates": None,
    "distinctive_words": ("word", ["outlet_id", "term"]),
    "frame_difference": None,
    "principle_position": ("mention", ["outlet_id", "principle_id"]),
    "voices": ("voice", ["outlet_id", "person"]),
    "register": ("register", ["outlet", "register"]),
    "tone_vs_vader": ("sentence", ["passage_id"]),
    "readability": None,
}


@pytest.fixture(scope="module")
def built(data, coverage, profile, tone, frame_labels):
    return {name: build(name, data, coverage, profile, tone, frame_labels) for name in SELECTIONS}


@pytest.fixture(scope="module")
def specs(built):
    # to_dict(validate=True) checks the spec against the Vega-Lite schema and raises if it is invalid
    return {name: chart.to_dict(validate=True) for name, chart in built.items()}


def walk(node):
    """Every dict inside a spec."""
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


def params(spec):
    return [d for d in walk(spec) if "select" in d and "name" in d]


def tooltips(spec):
    return [d["tooltip"] for d in walk(spec) if isinstance(d.get("tooltip"), list)]


def columns(spec):
    cols = set()
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            cols |= set(row)
    for d in walk(spec):
        calc = d.get("calculate") and d.get("as")
        if calc:
            cols.add(d["as"])
    return cols


def colour_scales(spec):
    return [d["scale"] for d in walk(spec) if isinstance(d.get("scale"), dict) and "domain" in d["scale"] and "range" in d["scale"]]


# --- every chart ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_is_valid_vega_lite(name, built, specs):
    assert isinstance(built[name], alt.TopLevelMixin)
    spec = specs[name]
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    json.dumps(spec)  # serialisable for st.altair_chart / st.vega_lite_chart


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_title_is_the_one_passed(name, specs):
    title = specs[name]["title"]
    lines = title["text"]
    assert isinstance(lines, list) and len(lines) >= 2  # wrapped, not cut off
    assert " ".join(lines) == TITLE
    assert all(len(line) <= 72 for line in lines)


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_has_tooltips_on_real_fields(name, specs):
    found = tooltips(specs[name])
    assert found, f"{name} has no tooltip"
    for tips in found:
        for tip in tips:
            assert tip.get("field"), tip


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_selection_parameter(name, specs):
    expected = SELECTIONS[name]
    found = params(specs[name])
    if expected is None:
        assert found == []
        return
    pname, fields = expected
    assert [p["name"] for p in found] == [pname]
    select = found[0]["select"]
    assert select["type"] == "point" and select["fields"] == fields
    assert select["on"] == "click" and select["clear"] == "dblclick"
    # the page reads these fields back: they must be real columns of the chart's data
    missing = set(fields) - columns(specs[name])
    assert not missing, f"{name}: selection fields {missing} are not in the chart's data"


def test_title_is_computed_by_the_caller(data, coverage, profile, tone, frame_labels):
    other = build("principle_matrix", data, coverage, profile, tone, frame_labels, title=findings.matrix_title(coverage))
    assert " ".join(other.to_dict()["title"]["text"]) == findings.matrix_title(coverage)


def test_chart_data_is_not_shared_across_calls(data, coverage, profile, tone, frame_labels):
    """Building a chart must not change the caller's frame (the pages reuse cached tables)."""
    before = coverage.copy()
    build("principle_matrix", data, coverage, profile, tone, frame_labels).to_dict()
    pd.testing.assert_frame_equal(coverage, before)


# --- members map: offline -------------------------------------------------------------------------


def test_members_map_is_offline_with_inline_topojson(specs, data):
    spec = specs["members_map"]
    text = json.dumps(spec)
    assert '"url"' not in text
    assert spec["$schema"].startswith("https://vega.github.io/")  # metadata: nothing is fetched from it
    text = json.dumps({k: v for k, v in spec.items() if k != "$schema"})
    assert not re.search(r'"(https?:)?//[^"]*\.(json|csv|topojson)"', text)
    inline = [d for d in walk(spec) if isinstance(d.get("data"), dict) and "values" in d["data"]]
    assert len(inline) == 1
    shapes = inline[0]["data"]
    assert shapes["format"] == {"type": "topojson", "feature": "states"}
    assert shapes["values"] == data.geo
    assert "states" in data.geo["objects"]


def test_members_map_uses_albers_usa(specs):
    projections = [d["projection"] for d in walk(specs["members_map"]) if isinstance(d.get("projection"), dict)]
    assert projections and all(p["type"] == "albersUsa" for p in projections)


def test_members_map_marks_every_placed_member_place_and_coverage_city(specs, data):
    places = members.member_places(data.members)
    rows = [row for rows in specs["members_map"]["datasets"].values() for row in rows]
    place_ids = {r["place_id"] for r in rows if "n_members" in r}
    assert place_ids == set(places["place_id"])
    cities = {r["place_id"] for r in rows if r.get("status") == "named_by_coverage_member_not_named"}
    assert cities == set(data.coverage_cities["city"] + ", " + data.coverage_cities["state"])


# --- colours --------------------------------------------------------------------------------------


def outlet_scale_in(spec, ids):
    for scale in colour_scales(spec):
        if list(scale["domain"])[: len(ids)] == ids:
            return scale
    raise AssertionError(f"no colour scale keyed by {ids}")


@pytest.mark.parametrize("name", ["frame_profile", "principle_position", "readability"])
def test_outlet_charts_use_the_palette(name, specs, data):
    ids = outlet_ids(data)
    scale = outlet_scale_in(specs[name], ids)
    assert scale["range"] == [palette.OUTLET_COLOURS[o] for o in ids]


def test_headline_dates_full_texts_in_outlet_colours_others_grey(specs):
    scale = outlet_scale_in(specs["headline_dates"], list(palette.OUTLET_COLOURS))
    assert scale["domain"] == [*palette.OUTLET_COLOURS, "other"]
    assert scale["range"] == [*palette.OUTLET_COLOURS.values(), palette.OTHER_OUTLET_COLOUR]


def test_distinctive_words_bars_in_the_outlets_colour(specs):
    marks = [d["mark"] for d in walk(specs["distinctive_words"]) if isinstance(d.get("mark"), dict) and d["mark"].get("type") == "bar"]
    assert marks and marks[0]["color"] == palette.OUTLET_COLOURS["gawker"]


def test_frame_difference_colours_follow_the_two_outlets(specs):
    scale = next(s for s in colour_scales(specs["frame_difference"]) if "equal" in s["domain"])
    assert scale["domain"] == ["Gawker", "CBS News (The Crime Report)", "equal"]
    assert scale["range"][:2] == [palette.OUTLET_COLOURS["gawker"], palette.OUTLET_COLOURS["cbs"]]


def test_outlet_colour_and_colour_scale():
    assert palette.outlet_colour("cbs") == palette.OUTLET_COLOURS["cbs"]
    assert palette.outlet_colour("nyt") == palette.OTHER_OUTLET_COLOUR
    assert palette.colour_scale({"a": "#111111", "b": "#222222"}) == (["a", "b"], ["#111111", "#222222"])
    assert palette.colour_scale({"a": "#111111"}, ["b", "a"]) == (["b", "a"], [palette.OTHER_OUTLET_COLOUR, "#111111"])


def test_outlet_colours_are_distinct():
    colours = [c.upper() for c in palette.OUTLET_COLOURS.values()] + [palette.OTHER_OUTLET_COLOUR.upper()]
    assert len(set(colours)) == len(colours)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    h = hex_colour.lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}", h), hex_colour
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_on_white(hex_colour: str) -> float:
    return (1.0 + 0.05) / (relative_luminance(hex_colour) + 0.05)


def test_contrast_formula_on_known_values():
    assert contrast_on_white("#FFFFFF") == pytest.approx(1.0)
    assert contrast_on_white("#000000") == pytest.approx(21.0)
    assert contrast_on_white("#767676") == pytest.approx(4.54, abs=0.01)  # the classic lightest AA grey on white


TEXT_COLOURS = [
    *[pytest.param(k, v, id=f"outlet-{k}") for k, v in palette.OUTLET_COLOURS.items()],
    pytest.param("other", palette.OTHER_OUTLET_COLOUR, id="other-outlet"),
    *[pytest.param(k, v, id=f"principle-{k}") for k, v in palette.PRINCIPLE_COLOURS.items()],
]


@pytest.mark.parametrize("key, colour", TEXT_COLOURS)
def test_text_colours_have_aa_contrast_on_white(key, colour):
    assert contrast_on_white(colour) >= 4.5, f"{key} {colour}: {contrast_on_white(colour):.2f}:1"
