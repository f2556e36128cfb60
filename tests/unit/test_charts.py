"""Altair charts (storyframes.present.charts) and colours (storyframes.core.palette).

Every chart function is called on a small hand-made tidy frame, with the columns a view prepares,
and a colour `Scale` (domain, range) of its own. Its Vega-Lite spec is then built with Altair's
full schema validation (`to_dict(validate=True)`; the app skips it, so these tests are where a
chart that would not render fails). The checks: the title and subtitle passed in, tooltips on
real fields, the selection the page reads (name and fields, and the fields are columns of the
chart's data), every colour scale in the spec equal to the scale passed in, no colour typed in
outside `palette`, and the members map fully offline. Then the palette's contrast on white."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from storyframes.present import charts

from storyframes.core import palette
from storyframes.core.data import load_package

TITLE = "A finding stated as a title, long enough that it has to wrap onto a second line of the chart heading"

# Colour scales made up for the tests: each chart must hand exactly these to Vega-Lite.
OUTLETS = (["Outlet A", "Outlet B"], ["#AD5E00", "#0072B2"])
STATUSES = charts.scale_of({"quoted": "#0072B2", "paraphrased": "#56B4E9", "omitted": "#E8E8E8"})
KINDS = (["Event", "Publication"], ["#0072B2", "#AD5E00"])
ROLES = (["Police", "Sheriff", "Mixed"], ["#0072B2", "#009E73", "#000000"])
EVIDENCE = ["Launch-era evidence (Oct 2015)", "Later or uncertain evidence", "Named by coverage, member not named"]
TONES = (["Mocking", "Neutral", "Favourable"], ["#D55E00", "#8C8C8C", "#009E73"])
LEANS = (["Outlet A", "Outlet B", "equal"], ["#AD5E00", "#0072B2", "#BDBDBD"])
CHANNELS = (["Own words", "Statement", "Several"], ["#3B3B3B", "#44AA99", "#6B6B6B"])
REGISTERS = (["Formal", "Slang", "Pejorative"], ["#3B3B3B", "#DDCC77", "#CC3311"])
HEADLINES = (["Outlet A", "Outlet B", "headline only"], ["#AD5E00", "#0072B2", "#6B6B6B"])
WORD_COLOUR = "#A0467F"


# --- small tidy frames, with the columns the views give each chart ---------------------------------


def timeline_frame():
    return pd.DataFrame({
        "start": ["2015-10-21", "2015-10-21T09:30", "2015-10-26"], "end": ["", "", "2015-10-30"],
        "precision": ["day", "datetime", "range"], "short_label": ["Launch", "First report", "Magazine piece"],
        "label": ["The launch", "The first report", "A magazine piece"], "kind_label": ["Event", "Publication", "Publication"],
        "confidence": ["high", "high", "low"], "source": ["s1", "s2", "s3"],
    })


def coverage_frame():
    rows = [("a", "Outlet A", "A", "P1", "P1 · Alternatives", "quoted", 2, 12.5, 0.0, "lede", "2 sentences"),
            ("a", "Outlet A", "A", "P2", "P2 · Balance", "omitted", 0, 0.0, None, "—", "omitted"),
            ("b", "Outlet B", "B", "P1", "P1 · Alternatives", "paraphrased", 1, 4.0, 0.5, "body", "1 sentence"),
            ("b", "Outlet B", "B", "P2", "P2 · Balance", "quoted", 3, 20.0, 1.0, "closing", "3 sentences")]
    return pd.DataFrame(rows, columns=["outlet_id", "outlet", "short_name", "principle_id", "principle_label", "status", "n_sentences",
                                       "share_pct", "first_position", "position_label", "cell_text"])


def geo_frame():
    """A two-state TopoJSON, made up (the real one is checked in its own test)."""
    return {"type": "Topology", "arcs": [[[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]], [[2, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]],
            "objects": {"states": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0]], "id": "01"}, {"type": "Polygon", "arcs": [[1]], "id": "02"}]}}}


def places_frame():
    return pd.DataFrame({
        "place_id": ["Springfield, IL", "Shelbyville, IN"], "longitude": [-89.6, -85.8], "latitude": [39.8, 39.5],
        "n_members": [2, 1], "role_label": ["Mixed", "Police"],
        "evidence_label": ["Launch-era evidence (Oct 2015)", "Later or uncertain evidence"],
        "names": ["Ann A; Bob B", "Di D"], "place_basis": ["city_in_source", "county_seat"],
    })


def cities_frame():
    return pd.DataFrame({
        "place_id": ["Capital City, OR"], "longitude": [-123.0], "latitude": [44.9],
        "evidence_label": ["Named by coverage, member not named"], "evidence": ["its chief joined"], "source": ["A paper"],
    })


def profile_frame():
    return pd.DataFrame({"outlet_id": ["a", "a", "b"], "outlet": ["Outlet A", "Outlet A", "Outlet B"],
                         "frame": ["policy", "political", "policy"],
                         "frame_label": ["Policy", "Political", "Policy"], "n": [3, 1, 2], "share": [0.6, 0.2, 0.5]})


def tone_frame():
    return pd.DataFrame({
        "passage_id": ["a-01", "a-02", "b-01"], "outlet": ["Outlet A", "Outlet A", "Outlet B"], "position": [0.0, 1.0, 0.5],
        "tone_label": ["Mocking", "Neutral", "Favourable"], "stance_label": ["Supportive", "Neutral", "Sceptical"],
        "where": ["¶1 · sentence 1 of 2", "¶2 · sentence 2 of 2", "¶1 · sentence 1 of 1"], "text_short": ["x", "y", "z"],
        "vader_compound": [0.4, 0.0, -0.3],
        "agreement": ["hand code and VADER disagree", "agree or no tone", "hand code and VADER disagree"],
    })


def headlines_frame():
    return pd.DataFrame({
        "outlet": ["Outlet A", "Outlet B", "Paper C"], "colour_key": ["Outlet A", "Outlet B", "headline only"],
        "published_earliest": pd.to_datetime(["2015-10-21", "2015-10-22", "2015-10-21"]),
        "published": ["2015-10-21", "2015-10-22", "2015-10-21"],
        "headline": ["h1", "h2", "h3"], "headline_confidence": ["high", "high", "medium"],
    })


def words_frame():
    return pd.DataFrame({"outlet_id": ["a", "a"], "outlet": ["Outlet A", "Outlet A"], "term": ["cops", "pigs"], "z": [2.5, 1.1],
                         "count": [4, 2], "count_others": [0, 0], "count_label": ["4 vs 0", "2 vs 0 · few"],
                         "evidence": ["enough occurrences", "few occurrences: weak evidence"]})


def diff_frame():
    return pd.DataFrame({"frame": ["policy", "political"], "frame_label": ["Policy", "Political"], "n_a": [3, 1], "n_b": [2, 0],
                         "share_a": [0.6, 0.2], "share_b": [0.5, 0.0], "diff": [0.1, 0.2], "leans": ["Outlet A", "Outlet A"]})


def voices_frame():
    return pd.DataFrame({"outlet_id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"], "person": ["Jo Smith", "The Group"],
                         "speaker": ["Jo Smith · A", "The group itself · B"], "n_quoted": [1, 2], "quote_words": [3, 8],
                         "channel_label": ["Own words", "Statement"], "channel_outlets": ["", ""]})


def register_frame():
    return pd.DataFrame({"outlet_id": ["a", "a", "b"], "outlet": ["Outlet A", "Outlet A", "Outlet B"],
                         "register": ["slang", "pejorative", "formal"],
                         "register_label": ["Slang", "Pejorative", "Formal"], "register_rank": [2, 3, 0], "terms": [2, 1, 1]})


def readability_frame():
    return pd.DataFrame({"outlet_id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"], "words": [25, 15], "sentences": [5, 3],
                         "avg_sentence_length": [5.0, 5.0], "flesch_kincaid_grade": [4.2, 6.1], "flesch_reading_ease": [80.0, 70.0]})


# name -> (build(title), selection name or None, selection fields, the colour scales passed in)
def build(name: str, title: str = TITLE):
    order = OUTLETS[0]
    return {
        "timeline": lambda: charts.timeline_chart(timeline_frame(), title, KINDS),
        "principle_matrix": lambda: charts.principle_matrix_chart(coverage_frame(), ["A", "B"], title, STATUSES),
        "members_map": lambda: charts.members_map(geo_frame(), places_frame(), cities_frame(), title, ROLES, EVIDENCE),
        "frame_profile": lambda: charts.frame_profile_chart(profile_frame(), OUTLETS, title),
        "tone": lambda: charts.tone_chart(tone_frame(), order, title, TONES),
        "tone_disputes": lambda: charts.tone_chart(tone_frame().assign(disputed=["tone: Neutral", "", ""]), order, title, TONES, disputes=True),
        "frame_profile_disputes": lambda: charts.frame_profile_chart(
            profile_frame().assign(n_disputed=[1, 0, 0], disputed_share=[0.2, 0.0, 0.0]), OUTLETS, title, disputes=True),
        "headline_dates": lambda: charts.headline_dates_chart(headlines_frame(), title, HEADLINES),
        "distinctive_words": lambda: charts.distinctive_words_chart(words_frame(), WORD_COLOUR, title),
        "frame_difference": lambda: charts.frame_difference_chart(diff_frame(), LEANS, title, "Outlet A", "Outlet B"),
        "principle_position": lambda: charts.principle_position_chart(coverage_frame(), OUTLETS, title),
        "voices": lambda: charts.voices_chart(voices_frame(), title, CHANNELS),
        "register": lambda: charts.register_chart(register_frame(), order, title, REGISTERS),
        "tone_vs_vader": lambda: charts.tone_vs_vader_chart(tone_frame(), title, TONES),
        "readability": lambda: charts.readability_chart(readability_frame(), OUTLETS, title),
    }[name]()


SELECTIONS = {
    "timeline": None,
    "principle_matrix": ("cell", ["outlet_id", "principle_id"]),
    "members_map": ("place", ["place_id"]),
    "frame_profile": ("frame_bar", ["outlet_id", "frame"]),
    "tone": ("tone_point", ["passage_id"]),
    "tone_disputes": ("tone_point", ["passage_id"]),
    "frame_profile_disputes": ("frame_bar", ["outlet_id", "frame"]),
    "headline_dates": None,
    "distinctive_words": ("word", ["outlet_id", "term"]),
    "frame_difference": ("frame_gap", ["frame"]),
    "principle_position": ("mention", ["outlet_id", "principle_id"]),
    "voices": ("voice", ["outlet_id", "person"]),
    "register": ("register", ["outlet_id", "register"]),
    "tone_vs_vader": ("sentence", ["passage_id"]),
    "readability": None,
}

SCALES = {
    "timeline": [KINDS],
    "principle_matrix": [STATUSES],
    "members_map": [ROLES],
    "frame_profile": [OUTLETS],
    "tone": [TONES],
    "tone_disputes": [TONES],
    "frame_profile_disputes": [OUTLETS],
    "headline_dates": [HEADLINES],
    "distinctive_words": [],  # one colour, the outlet's, on the bars
    "frame_difference": [LEANS],
    "principle_position": [OUTLETS],
    "voices": [CHANNELS],
    "register": [REGISTERS],
    "tone_vs_vader": [TONES],
    "readability": [OUTLETS],
}

# Colours a chart may type in itself: palette's chart furniture, and white.
FURNITURE_COLOURS = {palette.INK, palette.RULE, palette.MAP_LAND, palette.MAP_BORDER, palette.DISPUTE_STROKE, palette.DISPUTE_VEIL}


@pytest.fixture(scope="module")
def built():
    return {name: build(name) for name in SELECTIONS}


@pytest.fixture(scope="module")
def specs(built):
    # to_dict(validate=True) checks the whole spec against the Vega-Lite schema and raises if it is invalid
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


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def params(spec):
    return [d for d in walk(spec) if "select" in d and "name" in d]


def tooltips(spec):
    return [d["tooltip"] for d in walk(spec) if isinstance(d.get("tooltip"), list)]


def columns(spec):
    cols = set()
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            cols |= set(row)
    return cols


def colour_scales(spec):
    """The scales of every colour encoding, as (domain, range)."""
    found = []
    for d in walk(spec):
        enc = d.get("encoding")
        if isinstance(enc, dict):
            for channel in ("color", "fill", "stroke"):
                scale = enc.get(channel, {}).get("scale") if isinstance(enc.get(channel), dict) else None
                if isinstance(scale, dict):
                    found.append((scale.get("domain"), scale.get("range")))
    return found


# --- every chart ----------------------------------------------------------------------------------


def test_validation_is_really_on_in_these_tests():
    """charts.py switches Altair's build-time checks off; to_dict(validate=True) must still check."""
    bad = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a:Q")
    bad["width"] = "very wide"  # set after building, so only to_dict can catch it
    bad.to_dict(validate=False)
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        bad.to_dict(validate=True)


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_is_valid_vega_lite(name, built, specs):
    assert isinstance(built[name], alt.TopLevelMixin)
    spec = specs[name]
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    json.dumps(spec)  # serialisable for st.vega_lite_chart


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_spec_is_what_the_app_stores(name, built, specs):
    """charts.spec skips validation only: the spec is the validated one."""
    assert charts.spec(built[name]) == specs[name]


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_title_is_the_one_passed_and_wraps(name, specs):
    title = specs[name]["title"]
    lines = title["text"]
    assert isinstance(lines, list) and len(lines) >= 2  # wrapped, not cut off
    assert " ".join(lines) == TITLE
    assert all(len(line) <= 72 for line in lines)


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_subtitle_says_what_a_click_does(name, specs):
    subtitle = " ".join(specs[name]["title"]["subtitle"])
    assert all(len(line) <= 100 for line in specs[name]["title"]["subtitle"])
    if SELECTIONS[name] is None:
        assert subtitle == charts.NO_EVIDENCE
    else:
        assert "click" in subtitle.lower() and "double-click to clear" in subtitle


def test_subtitles_of_clickable_charts_name_the_mark():
    assert " ".join(build("principle_matrix").to_dict()["title"]["subtitle"]) == charts.CLICK_HINT.format("cell")
    assert " ".join(build("frame_profile").to_dict()["title"]["subtitle"]) == charts.CLICK_HINT.format("bar")
    assert " ".join(build("register").to_dict()["title"]["subtitle"]) == charts.CLICK_HINT.format("segment")


def test_short_title_stays_one_line():
    assert build("readability", "Short").to_dict()["title"]["text"] == ["Short"]


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_has_tooltips_on_real_fields(name, specs):
    found = tooltips(specs[name])
    assert found, f"{name} has no tooltip"
    cols = columns(specs[name])
    for tips in found:
        for tip in tips:
            assert tip.get("field") in cols, (name, tip)


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


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_colour_scales_are_the_ones_passed(name, specs):
    """Every colour encoding's scale is a scale passed in, and every scale passed in is used."""
    expected = {(tuple(d), tuple(r)) for d, r in SCALES[name]}
    found = {(tuple(d), tuple(r)) for d, r in colour_scales(specs[name])}
    assert found == expected


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_no_colour_is_typed_in_a_chart(name, specs):
    """Hex colours in a spec come from the scales passed in, or from palette's chart furniture."""
    allowed = {c.upper() for _, r in SCALES[name] for c in r} | {c.upper() for c in FURNITURE_COLOURS}
    if name == "distinctive_words":
        allowed.add(WORD_COLOUR)
    used = {s.upper() for s in strings(specs[name]) if re.fullmatch(r"#[0-9a-fA-F]{3,8}", s)}
    assert used <= allowed, used - allowed


def test_colour_scale_follows_the_caller():
    """The same chart with another scale hands Vega-Lite the other scale: nothing is looked up by id."""
    other = (["Outlet B", "Outlet A"], ["#111111", "#222222"])
    spec = charts.frame_profile_chart(profile_frame(), other, TITLE).to_dict()
    assert colour_scales(spec) == [(["Outlet B", "Outlet A"], ["#111111", "#222222"])]


def test_distinctive_words_bars_in_the_colour_passed(specs):
    marks = [d["mark"] for d in walk(specs["distinctive_words"]) if isinstance(d.get("mark"), dict) and d["mark"].get("type") == "bar"]
    assert [m["color"] for m in marks] == [WORD_COLOUR]


def test_matrix_labels_are_white_on_quoted_and_ink_elsewhere(specs):
    conditions = [d["encoding"]["color"] for d in walk(specs["principle_matrix"])
                  if isinstance(d.get("encoding"), dict) and "text" in d["encoding"]]
    assert len(conditions) == 1
    colour = conditions[0]
    assert colour["condition"]["value"] == "white" and "quoted" in colour["condition"]["test"]
    assert colour["value"] == palette.INK


def test_register_legend_follows_the_scale_order(specs):
    colour = next(d["encoding"]["color"] for d in walk(specs["register"])
                  if isinstance(d.get("encoding"), dict) and "color" in d["encoding"])
    assert colour["sort"] == REGISTERS[0]


def test_scale_of_keeps_the_mapping_order():
    assert charts.scale_of({"b": "#222222", "a": "#111111"}) == (["b", "a"], ["#222222", "#111111"])
    assert charts.scale_of(palette.STATUS) == (list(palette.STATUS), list(palette.STATUS.values()))
    assert charts.scale_of({}) == ([], [])


@pytest.mark.parametrize("make, chart", [
    (timeline_frame, lambda f: charts.timeline_chart(f, TITLE, KINDS)),
    (coverage_frame, lambda f: charts.principle_position_chart(f, OUTLETS, TITLE)),
    (tone_frame, lambda f: charts.tone_vs_vader_chart(f, TITLE, TONES)),
])
def test_chart_does_not_change_the_callers_frame(make, chart):
    """The views reuse cached tables: building a chart must leave them as they were."""
    frame = make()
    before = frame.copy()
    chart(frame).to_dict()
    pd.testing.assert_frame_equal(frame, before)


def test_principle_position_leaves_omitted_principles_out(specs):
    rows = [row for rows in specs["principle_position"]["datasets"].values() for row in rows if "status" in row]
    assert {r["status"] for r in rows} == {"quoted", "paraphrased"}
    assert len(rows) == 3


def test_empty_words_chart_still_validates():
    spec = charts.distinctive_words_chart(words_frame().iloc[0:0], WORD_COLOUR, TITLE).to_dict(validate=True)
    assert params(spec)[0]["name"] == "word"


# --- members map: offline -------------------------------------------------------------------------


def test_members_map_is_offline_with_inline_topojson(specs):
    spec = specs["members_map"]
    text = json.dumps(spec)
    assert '"url"' not in text
    text = json.dumps({k: v for k, v in spec.items() if k != "$schema"})  # $schema is metadata: nothing is fetched from it
    assert not re.search(r'"(https?:)?//[^"]*\.(json|csv|topojson)"', text)
    inline = [d for d in walk(spec) if isinstance(d.get("data"), dict) and "values" in d["data"]]
    assert len(inline) == 1
    shapes = inline[0]["data"]
    assert shapes["format"] == {"type": "topojson", "feature": "states"}
    assert shapes["values"] == geo_frame()


def test_members_map_uses_albers_usa(specs):
    projections = [d["projection"] for d in walk(specs["members_map"]) if isinstance(d.get("projection"), dict)]
    assert projections and all(p["type"] == "albersUsa" for p in projections)


def test_members_map_marks_every_place_and_coverage_city(specs):
    rows = [row for rows in specs["members_map"]["datasets"].values() for row in rows]
    assert {r["place_id"] for r in rows if "n_members" in r} == set(places_frame()["place_id"])
    assert {r["place_id"] for r in rows if r.get("evidence_label") == "Named by coverage, member not named"} == {"Capital City, OR"}


def test_members_map_with_the_real_shapes():
    """The shapes shipped in data/ go into the spec inline. (The spec's structure is validated on the
    tiny shapes above; validating 140 kB of inline TopoJSON against the schema only costs seconds.)"""
    data = load_package()
    assert "states" in data.geo["objects"]
    spec = charts.spec(charts.members_map(data.geo, places_frame(), cities_frame(), TITLE, ROLES, EVIDENCE))
    assert '"url"' not in json.dumps(spec)
    assert [d["data"]["values"] for d in walk(spec) if isinstance(d.get("data"), dict) and "values" in d["data"]] == [data.geo]


# --- colours --------------------------------------------------------------------------------------


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    h = hex_colour.lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}", h), hex_colour
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str = "#FFFFFF") -> float:
    hi, lo = sorted([relative_luminance(a), relative_luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def contrast_on_white(hex_colour: str) -> float:
    return contrast(hex_colour, "#FFFFFF")


def test_contrast_formula_on_known_values():
    assert contrast_on_white("#FFFFFF") == pytest.approx(1.0)
    assert contrast_on_white("#000000") == pytest.approx(21.0)
    assert contrast_on_white("#767676") == pytest.approx(4.54, abs=0.01)  # the classic lightest AA grey on white
    assert contrast("#FFFFFF", "#767676") == contrast("#767676", "#FFFFFF")


def test_outlet_colours_are_distinct():
    colours = [c.upper() for c in palette.OUTLET_SERIES] + [palette.OTHER_OUTLET.upper()]
    assert len(set(colours)) == len(colours)


def test_principle_colours_are_distinct():
    colours = [c.upper() for c in palette.PRINCIPLE_SERIES] + [palette.NO_PRINCIPLE.upper()]
    assert len(set(colours)) == len(colours)


def all_palette_colours():
    for name in dir(palette):
        value = getattr(palette, name)
        if not name.isupper():
            continue
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, tuple):
            yield from ((f"{name}[{i}]", c) for i, c in enumerate(value))
        elif isinstance(value, dict) and name != "HIGHLIGHT":  # HIGHLIGHT holds Streamlit's colour names
            yield from ((f"{name}[{k}]", c) for k, c in value.items())


def test_every_palette_colour_is_a_six_digit_hex():
    found = dict(all_palette_colours())
    assert {"INK", "RULE", "OTHER_OUTLET", "OUTLET_SERIES[0]", "STATUS[quoted]", "REGISTER[slang]"} <= set(found)
    for name, colour in found.items():
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", colour), (name, colour)


# Colours used for text (labels, outlet names, principle names) and the outlets' marks keep the old
# rule: at least 4.5:1 on white (WCAG AA for normal text).
TEXT_COLOURS = [
    *[pytest.param(f"OUTLET_SERIES[{i}]", c, id=f"outlet-{i}") for i, c in enumerate(palette.OUTLET_SERIES)],
    pytest.param("OTHER_OUTLET", palette.OTHER_OUTLET, id="other-outlet"),
    *[pytest.param(f"PRINCIPLE_SERIES[{i}]", c, id=f"principle-{i}") for i, c in enumerate(palette.PRINCIPLE_SERIES)],
    pytest.param("NO_PRINCIPLE", palette.NO_PRINCIPLE, id="no-principle"),
    pytest.param("INK", palette.INK, id="ink"),
]


@pytest.mark.parametrize("key, colour", TEXT_COLOURS)
def test_text_colours_have_aa_contrast_on_white(key, colour):
    assert contrast_on_white(colour) >= 4.5, f"{key} {colour}: {contrast_on_white(colour):.2f}:1"


def test_the_colours_a_real_package_hands_out_have_aa_contrast():
    """Whatever the series' tail, the colours the curated package actually uses pass the text rule."""
    v = load_package().vocab
    used = [*v.outlet_colours.values(), *v.principle_colours.values(), *v.principle_scale()[1], v.outlet_colour("nyt")]
    assert used
    for colour in used:
        assert contrast_on_white(colour) >= 4.5, colour


def test_matrix_cell_labels_are_legible():
    """Cell labels: white on a quoted cell, INK on the others (text at least 4.5:1 against its cell)."""
    assert contrast("#FFFFFF", palette.STATUS["quoted"]) >= 4.5
    for status in ("paraphrased", "omitted"):
        assert contrast(palette.INK, palette.STATUS[status]) >= 4.5, status


def test_reference_lines_and_map_borders_are_visible_on_white():
    """Reference lines (RULE) are non-text graphics: WCAG asks 3:1. The map's land and borders are
    decoration (aria=False): they only have to differ from white."""
    assert contrast_on_white(palette.RULE) >= 3.0
    assert contrast_on_white(palette.MAP_BORDER) > contrast_on_white(palette.MAP_LAND) > 1.0


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_chart_text_follows_the_width_it_is_drawn_at(name, specs):
    """On a phone a chart draws smaller titles and shorter axis labels, so it fits the screen: the
    spec carries both sizes (charts.by_width), and the wide one is the size the app always had."""
    spec = specs[name]
    title = spec["title"]
    assert title["fontSize"] == charts.by_width(charts.PHONE_TITLE_SIZE, charts.TITLE_SIZE)
    assert charts.wide_value(title["fontSize"]) == charts.TITLE_SIZE
    axis = spec["config"]["axis"]
    assert charts.wide_value(axis["labelLimit"]) == charts.AXIS_LABEL_LIMIT
    assert charts.wide_value(axis["labelFontSize"]) == charts.FONT_SIZE
    assert charts.PHONE_AXIS_LABEL_LIMIT < charts.AXIS_LABEL_LIMIT and charts.PHONE_TITLE_SIZE < charts.TITLE_SIZE


def test_a_width_dependent_value_picks_by_the_drawn_width():
    value = charts.by_width(120, 250)
    assert value == {"expr": f"containerSize()[0] > 0 && containerSize()[0] < {charts.NARROW_PX} ? 120 : 250"}
    assert charts.wide_value(value) == 250
    assert charts.wide_value(17) == 17 and charts.wide_value({"expr": "width / 2"}) == {"expr": "width / 2"}
