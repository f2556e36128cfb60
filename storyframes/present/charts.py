"""Altair charts: each a short function of a tidy DataFrame prepared by a view.

Charts take their finding-stating title from the view (computed from the data), their colours as
a `Scale` (domain, range) from the vocabulary, carry tooltips, and name their selection after
what it selects, so `st.vega_lite_chart(on_select=...)` reports real column values. No colour is
typed here (they live in `palette.py`); fonts are sized for a projector.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from storyframes.core import palette
from storyframes.core.vocab import AUTO_CODED_SUFFIX

# Altair validates every schema object as it is built ("debug mode"), which is most of the cost
# of a view. The unit tests validate every chart function's full spec (`to_dict()`), so the app
# builds charts without it; the flag is process-wide and only ever switched off.
alt.utils.schemapi.disable_debug_mode()
# Sentence-level charts draw one mark per sentence: a corpus of 3,000 articles has ~44,000 prose
# sentences, past Altair's 5,000-row guard, which would raise instead of drawing (found by
# benchmarks/bench_pages.py's data-scale section). The data is ours and bounded by the loader's
# row limit (data/README.md, Limits).
alt.data_transformers.disable_max_rows()

FONT_SIZE = 14
TITLE_SIZE = 17
# Label room: whole labels at 1280x720, and still a plot beside them on the narrowest main column
# (about 480 px at 800 px wide with the sidebar open); the tooltip always has them whole.
LEGEND_LABEL_LIMIT, AXIS_LABEL_LIMIT = 260, 250
MAP_HEIGHT = 640
TONE_PANEL_HEIGHT = 480  # px for the whole map chart: title and legends, then the map in what is left
Scale = tuple[list[str], list[str]]  # (domain, range) of a colour scale

CLICK_HINT = "Click a {} to read the sentences behind it; double-click to clear."
# No "hover": a phone has none. A tap shows a mark's numbers, and the table under every chart holds them all.
NO_EVIDENCE = "A summary figure: no single sentence stands behind a mark. Tap a mark, or open the table below, for its numbers."


# Characters per title line: wrapped to fit the narrowest main column (about 480 px).
TITLE_CHARS, SUBTITLE_CHARS = 52, 66


def _lines(text: str, width: int = TITLE_CHARS) -> list[str]:
    """Long titles wrap onto several lines instead of being cut off with an ellipsis."""
    return textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]  # "double-click" stays one word


# Marks of an added (auto-coded) article: a dashed ink outline besides its colour, so "not curated"
# is told by a pattern and by the "(auto-coded)" on its name, never by colour alone.
AUTO_CODED = f"indexof(datum.outlet || '', '{AUTO_CODED_SUFFIX}') >= 0"
AUTO_CODED_NOTE = f"Dashed outline and {AUTO_CODED_SUFFIX}: added by a reader and coded by machine, not curated."


def _auto_outline(field_test: str = AUTO_CODED) -> dict:
    """Encodings that outline the marks of auto-coded outlets with a dashed ink line."""
    return dict(strokeDash=alt.condition(field_test, alt.value([5, 3]), alt.value([1, 0])),
                strokeWidth=alt.condition(field_test, alt.value(2.5), alt.value(0)))


def _with_auto_note(frame: pd.DataFrame, subtitle: str, column: str = "outlet") -> str:
    """The subtitle, with the dashed outline explained when an auto-coded outlet is drawn."""
    if column in frame and frame[column].astype(str).str.contains(AUTO_CODED_SUFFIX, regex=False).any():
        return f"{AUTO_CODED_NOTE} {subtitle}"
    return subtitle


def scale_of(colours: dict[str, str]) -> Scale:
    """A colour scale keyed by the codes themselves (e.g. the principle statuses)."""
    return list(colours), list(colours.values())


def _scale(scale: Scale) -> alt.Scale:
    return alt.Scale(domain=list(scale[0]), range=list(scale[1]))


def _pick(name: str, fields: list[str]) -> alt.Parameter:
    return alt.selection_point(name=name, fields=fields, on="click", clear="dblclick")


# On a phone (a chart narrower than NARROW_PX) the same chart draws smaller titles and shorter axis
# labels, so that it fits the screen whole instead of scrolling sideways. Vega decides when it
# draws, from the width of the element it is drawn in (containerSize(), 0 where there is none,
# e.g. an exported image, which then takes the wide values).
NARROW_PX = 440
PHONE_TITLE_SIZE, PHONE_FONT_SIZE, PHONE_AXIS_LABEL_LIMIT = 13, 12, 120


# Two lines, so the axis title fits under the narrow plot of a phone as well.
POSITION_TITLE = ["Position in the article", "(0 = first sentence, 1 = last)"]


def by_width(phone: float, wide: float) -> dict:
    """A Vega-Lite value that is `phone` in a chart narrower than NARROW_PX, else `wide`."""
    return {"expr": f"containerSize()[0] > 0 && containerSize()[0] < {NARROW_PX} ? {phone} : {wide}"}


def wide_value(value: object) -> object:
    """The value a chart takes when it is wide: `wide` of a by_width() value; any other value as it is."""
    if isinstance(value, dict) and set(value) == {"expr"} and str(value["expr"]).startswith("containerSize()[0] > 0"):
        return float(str(value["expr"]).rsplit(":", 1)[1])
    return value


def _style(chart: alt.TopLevelMixin, title: str, subtitle: str = "") -> alt.TopLevelMixin:
    """Projector-friendly fonts and a title that states the finding."""
    heading = alt.TitleParams(text=_lines(title, TITLE_CHARS), subtitle=_lines(subtitle, SUBTITLE_CHARS) if subtitle else alt.Undefined,
                              fontSize=by_width(PHONE_TITLE_SIZE, TITLE_SIZE),
                              subtitleFontSize=by_width(PHONE_FONT_SIZE - 1, FONT_SIZE - 1), anchor="start")
    return (
        chart.properties(title=heading)
        .configure_axis(labelFontSize=by_width(PHONE_FONT_SIZE, FONT_SIZE), titleFontSize=by_width(PHONE_FONT_SIZE, FONT_SIZE),
                        labelLimit=by_width(PHONE_AXIS_LABEL_LIMIT, AXIS_LABEL_LIMIT))
        # Legends sit below the plot, side by side, each one column of at most ~220 px: two of them fit
        # the narrowest main column (about 480 px at 800 px wide with the sidebar open), so a legend
        # never pushes a chart past the page's edge.
        .configure_legend(labelFontSize=FONT_SIZE - 1, titleFontSize=FONT_SIZE, labelLimit=LEGEND_LABEL_LIMIT, orient="bottom", symbolStrokeWidth=0,
                          direction="vertical", columns=1)
        # the first and last labels of a continuous x axis (dates, positions) stay within the plot,
        # instead of reaching past the chart's edge by half a label
        .configure_axisX(labelFlush=True)
        .configure_view(strokeWidth=0)
    )


def spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec a view stores. Schema validation is most of `to_dict`'s cost; the unit
    tests validate every chart function's output, so the app skips it."""
    return chart.to_dict(validate=False)


def timeline_chart(timeline: pd.DataFrame, title: str, kinds: Scale) -> alt.Chart:
    """Launch week: events and publications on one date axis; ranges drawn as bars."""
    frame = timeline.assign(
        start_t=pd.to_datetime(timeline["start"], format="ISO8601"),
        end_t=pd.to_datetime(timeline["end"].where(timeline["end"] != "", timeline["start"]), format="ISO8601"),
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("short_label:N", sort=alt.EncodingSortField("start_t"), title=None, axis=alt.Axis(labelLimit=by_width(PHONE_AXIS_LABEL_LIMIT, AXIS_LABEL_LIMIT))),
        color=alt.Color("kind_label:N", title="Kind", scale=_scale(kinds)),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("start:N", title="When"), alt.Tooltip("end:N", title="Until"),
                 alt.Tooltip("confidence:N", title="How sure"), alt.Tooltip("source:N", title="Source")],
    )
    padding = pd.Timedelta(days=1)
    points = base.mark_point(size=160, filled=True).encode(
        x=alt.X("start_t:T", title=None, axis=alt.Axis(format="%a %b %d", tickCount="day", labelAngle=0),
                scale=alt.Scale(domain=[(frame["start_t"].min() - padding).isoformat(), (frame["end_t"].max() + padding).isoformat()])),
        shape=alt.Shape("precision:N", title="Precision", scale=alt.Scale(domain=["datetime", "day", "range"], range=["diamond", "circle", "square"])),
    )
    ranges = base.transform_filter(alt.datum.precision == "range").mark_bar(height=10, opacity=0.5).encode(x="start_t:T", x2="end_t:T")
    return _style(alt.layer(ranges, points).properties(height=alt.Step(34), width="container"), title, NO_EVIDENCE)


def principle_matrix_chart(coverage: pd.DataFrame, outlet_order: list[str], title: str, statuses: Scale) -> alt.Chart:
    """Principle × outlet: quoted, paraphrased or omitted, with the number of sentences.
    Principles run down the side (their labels are long), outlets across the top by short name."""
    pick = _pick("cell", ["outlet_id", "principle_id"])
    base = alt.Chart(coverage).encode(
        x=alt.X("short_name:N", title=None, sort=outlet_order, axis=alt.Axis(labelAngle=0, orient="top", labelFontWeight="bold")),
        y=alt.Y("principle_label:N", title=None, sort=None, axis=alt.Axis(labelLimit=by_width(PHONE_AXIS_LABEL_LIMIT, AXIS_LABEL_LIMIT))),
    )
    cells = base.mark_rect(strokeWidth=3).encode(
        color=alt.Color("status:N", title="How the outlet reported it", scale=_scale(statuses)),
        stroke=alt.condition(AUTO_CODED, alt.value(palette.INK), alt.value("white")),
        strokeDash=alt.condition(AUTO_CODED, alt.value([5, 3]), alt.value([1, 0])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("principle_label:N", title="Principle"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("n_sentences:Q", title="Sentences"), alt.Tooltip("share_pct:Q", title="Share of the article's words (%)", format=".0f"),
                 alt.Tooltip("position_label:N", title="First mention")],
    ).add_params(pick)
    labels = base.mark_text(fontSize=FONT_SIZE, fontWeight="bold").encode(
        text="cell_text:N",
        color=alt.condition(alt.datum.status == "quoted", alt.value("white"), alt.value(palette.INK)),
    )
    return _style(alt.layer(cells, labels).properties(height=alt.Step(56), width="container"), title,
                  _with_auto_note(coverage, CLICK_HINT.format("cell")))


def members_map(geo: dict, places: pd.DataFrame, cities: pd.DataFrame, title: str, roles: Scale, evidence: list[str]) -> alt.LayerChart:
    """Member places on U.S. state shapes shipped in data/ (no tiles, no network)."""
    states = alt.Chart(alt.Data(values=geo, format=alt.DataFormat(type="topojson", feature="states"))).mark_geoshape(
        fill=palette.MAP_LAND, stroke=palette.MAP_BORDER, strokeWidth=0.6, aria=False  # decoration: the alt text describes the map
    )
    pick = _pick("place", ["place_id"])
    # evidence: the labels of the launch-era codes, then the label for cities named by coverage
    members_layer = alt.Chart(places).mark_point(filled=True, opacity=0.85, stroke="white", strokeWidth=1).encode(
        longitude="longitude:Q",
        latitude="latitude:Q",
        size=alt.Size("n_members:Q", title="Members", scale=alt.Scale(range=[120, 900]), legend=None),
        color=alt.Color("role_label:N", title="Role", scale=_scale(roles)),
        shape=alt.Shape("evidence_label:N", title="Evidence", scale=alt.Scale(domain=evidence, range=["circle", "triangle-up", "diamond"])),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.35)),
        tooltip=[alt.Tooltip("place_id:N", title="Place"), alt.Tooltip("n_members:Q", title="Members"), alt.Tooltip("names:N", title="Who"),
                 alt.Tooltip("evidence_label:N", title="Evidence"), alt.Tooltip("place_basis:N", title="Place basis")],
    ).add_params(pick)
    cities_layer = alt.Chart(cities).mark_point(filled=False, size=260, strokeWidth=2.5, color=palette.INK).encode(
        longitude="longitude:Q",
        latitude="latitude:Q",
        shape=alt.Shape("evidence_label:N"),
        tooltip=[alt.Tooltip("place_id:N", title="City"), alt.Tooltip("evidence:N", title="What coverage says"), alt.Tooltip("source:N", title="Source")],
    )
    # No scale or translate: Vega-Lite then fits the projection to the state shapes in the space the
    # page gives the chart (Streamlit fits title, legends and map into width x MAP_HEIGHT), so
    # Alaska, Hawaii and Florida are never cut off, at any width.
    chart = alt.layer(states, cities_layer, members_layer).project(type="albersUsa").properties(width="container", height=MAP_HEIGHT)
    return _style(chart, title, "Mark size = members at the place. Click a place for its members and local coverage; double-click to clear.").configure_legend(
        orient="bottom", direction="vertical", columns=1, labelFontSize=FONT_SIZE - 1, titleFontSize=FONT_SIZE, labelLimit=LEGEND_LABEL_LIMIT)


DISPUTE_NOTE = {
    "frame": "Dashed white part of a bar = its sentences the second coder framed differently.",
    "tone": "Ringed point = a sentence whose tone or stance the second coder coded differently.",
}


# A frame's name on two lines: the codebook's, then the plain name beside it (core.glossary), so
# neither is cut off at the axis's label width: "Policy prescription and evaluation" / "(what to do about it)".
FRAME_AXIS = alt.Axis(labelExpr="indexof(datum.label, ' (') > 0 ? [slice(datum.label, 0, indexof(datum.label, ' (')), "
                                "slice(datum.label, indexof(datum.label, ' (') + 1)] : datum.label",
                      labelOverlap=False)  # Vega would hide every other two-line label; the rows are tall enough for them


def frame_profile_chart(profile: pd.DataFrame, outlets: Scale, title: str, *, disputes: bool = False) -> alt.Chart | alt.LayerChart:
    """Share of each outlet's sentences per frame, grouped bars; click a bar for its sentences.
    With `disputes`, the part of each bar that rests on sentences the second coder framed
    differently (`disputed_share`, `n_disputed`) is veiled and outlined."""
    pick = _pick("frame_bar", ["outlet_id", "frame"])
    y = alt.Y("frame_label:N", title=None, sort=alt.EncodingSortField("share", op="max", order="descending"), axis=FRAME_AXIS)
    y_offset = alt.YOffset("outlet:N", sort=outlets[0])
    tooltip = [alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("frame_label:N", title="Frame"), alt.Tooltip("n:Q", title="Sentences"),
               alt.Tooltip("share:Q", title="Share", format=".0%")]
    if disputes:
        tooltip.append(alt.Tooltip("n_disputed:Q", title="Framed differently by the second coder"))
    chart = alt.Chart(profile).mark_bar(stroke=palette.INK).encode(
        y=y, yOffset=y_offset,
        x=alt.X("share:Q", title="Share of the outlet's selected sentences", axis=alt.Axis(format="%")),
        color=alt.Color("outlet:N", title="Outlet", scale=_scale(outlets)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=tooltip, **_auto_outline(),
    ).add_params(pick)
    subtitle = _with_auto_note(profile, CLICK_HINT.format("bar"))
    if disputes:
        veil = alt.Chart(profile).transform_filter("datum.n_disputed > 0").mark_bar(
            color=palette.DISPUTE_VEIL, opacity=0.6, stroke=palette.DISPUTE_STROKE, strokeWidth=1.5, strokeDash=[4, 2],
        ).encode(y=y, yOffset=y_offset, x=alt.X("disputed_share:Q"), tooltip=tooltip)
        chart = alt.layer(chart, veil)
        subtitle = f"{DISPUTE_NOTE['frame']} {subtitle}"
    return _style(chart.properties(width="container", height=alt.Step(14)), title, subtitle)


def tone_chart(tone: pd.DataFrame, outlet_order: list[str], title: str, tones: Scale, *, disputes: bool = False) -> alt.Chart | alt.LayerChart:
    """Hand-coded tone toward law enforcement along each article, one row per outlet. With
    `disputes`, the sentences the second coder coded differently (`disputed` not empty) are ringed."""
    pick = _pick("tone_point", ["passage_id"])
    x = alt.X("position:Q", title=POSITION_TITLE, scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("outlet:N", title=None, sort=outlet_order)
    tooltip = [alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("where:N", title="Where"), alt.Tooltip("tone_label:N", title="Tone"),
               alt.Tooltip("stance_label:N", title="Stance"), alt.Tooltip("text_short:N", title="Text")]
    if disputes:
        tooltip.append(alt.Tooltip("disputed:N", title="Second coder"))
    chart = alt.Chart(tone).mark_point(filled=True, size=170, stroke=palette.INK).encode(
        x=x, y=y,
        color=alt.Color("tone_label:N", title="Hand-coded tone", scale=_scale(tones)),
        shape=alt.Shape("stance_label:N", title="Stance on reform"),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=tooltip, **_auto_outline(),
    ).add_params(pick)
    subtitle = _with_auto_note(tone, CLICK_HINT.format("point"))
    if disputes:
        rings = alt.Chart(tone).transform_filter("datum.disputed != ''").mark_point(
            shape="circle", size=520, filled=False, stroke=palette.DISPUTE_STROKE, strokeWidth=2.5,
        ).encode(x=x, y=y, tooltip=tooltip)
        chart = alt.layer(chart, rings)
        subtitle = f"{DISPUTE_NOTE['tone']} {subtitle}"
    return _style(chart.properties(width="container", height=alt.Step(46)), title, subtitle)


def headline_dates_chart(coverage: pd.DataFrame, title: str, outlets: Scale) -> alt.Chart:
    """When each headline appeared (only pieces dated to the week); full texts in their colours."""
    chart = alt.Chart(coverage).mark_point(filled=True, size=150, stroke=palette.INK).encode(
        **_auto_outline(),
        x=alt.X("published_earliest:T", title="Published (earliest possible date)", axis=alt.Axis(format="%b %d", tickCount="day", labelAngle=0)),
        y=alt.Y("outlet:N", title=None, sort=alt.EncodingSortField("published_earliest")),
        color=alt.Color("colour_key:N", title="Outlet", scale=_scale(outlets)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("headline:N", title="Headline"), alt.Tooltip("published:N", title="Published"),
                 alt.Tooltip("headline_confidence:N", title="Headline confidence")],
    )
    return _style(chart.properties(width="container", height=alt.Step(19)), title, _with_auto_note(coverage, NO_EVIDENCE))  # 22 rows: 19 px still fits 14 px labels


def distinctive_words_chart(words: pd.DataFrame, colour: str, title: str) -> alt.Chart:
    """One outlet's most distinctive terms (Fightin' Words z); raw counts printed beside each bar."""
    pick = _pick("word", ["outlet_id", "term"])
    base = alt.Chart(words).encode(y=alt.Y("term:N", title=None, sort=alt.EncodingSortField("z", order="descending")))
    top = float(max(2.0, words["z"].max() * 1.6)) if len(words) else 2.0
    bars = base.mark_bar(color=colour, stroke=palette.INK).encode(
        **_auto_outline(),
        x=alt.X("z:Q", title="z-score", scale=alt.Scale(domainMax=top)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
        fillOpacity=alt.FillOpacity("evidence:N", legend=None, scale=alt.Scale(domain=["enough occurrences", "few occurrences: weak evidence"], range=[1.0, 0.45])),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("term:N", title="Term"), alt.Tooltip("count:Q", title="Times in this outlet"),
                 alt.Tooltip("count_others:Q", title="Times in the others"), alt.Tooltip("z:Q", format=".2f"), alt.Tooltip("evidence:N", title="Evidence")],
    ).add_params(pick)
    text = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE - 2, color=palette.INK).encode(x="z:Q", text="count_label:N")
    return _style(alt.layer(bars, text).properties(width="container", height=alt.Step(24)), title, _with_auto_note(words, CLICK_HINT.format("bar")))


def frame_difference_chart(diff: pd.DataFrame, leans: Scale, title: str, name_a: str, name_b: str) -> alt.Chart:
    """Share of sentences per frame, outlet A minus outlet B: right means A uses it more."""
    pick = _pick("frame_gap", ["frame"])
    chart = alt.Chart(diff).mark_bar().encode(
        y=alt.Y("frame_label:N", title=None, sort=alt.EncodingSortField("diff", order="descending"), axis=FRAME_AXIS),
        x=alt.X("diff:Q", title=f"← more in {name_b}   |   more in {name_a} →", axis=alt.Axis(format="+.0%")),
        color=alt.Color("leans:N", title="Used more by", scale=_scale(leans)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=[alt.Tooltip("frame_label:N", title="Frame"), alt.Tooltip("n_a:Q", title=f"{name_a}: sentences"), alt.Tooltip("share_a:Q", title=f"{name_a}: share", format=".0%"),
                 alt.Tooltip("n_b:Q", title=f"{name_b}: sentences"), alt.Tooltip("share_b:Q", title=f"{name_b}: share", format=".0%"), alt.Tooltip("diff:Q", title="Difference", format="+.0%")],
    ).add_params(pick)
    return _style(chart.properties(width="container", height=alt.Step(34)), title, CLICK_HINT.format("bar"))


def principle_position_chart(coverage: pd.DataFrame, outlets: Scale, title: str) -> alt.Chart:
    """Where each outlet first mentions each principle: lede (left) to closing line (right)."""
    pick = _pick("mention", ["outlet_id", "principle_id"])
    mentioned = coverage[coverage["status"] != "omitted"]
    chart = alt.Chart(mentioned).mark_point(filled=True, size=260, stroke=palette.INK).encode(
        **_auto_outline(),
        x=alt.X("first_position:Q", title="First mention (0 = first sentence, 1 = last)", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("principle_label:N", title=None),
        color=alt.Color("outlet:N", title="Outlet", scale=_scale(outlets)),
        # The shape's key is in the subtitle: a second legend beside the outlets' would not fit a narrow page.
        shape=alt.Shape("status:N", title="How", scale=alt.Scale(domain=["quoted", "paraphrased"], range=["diamond", "circle"]), legend=None),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("principle_label:N", title="Principle"), alt.Tooltip("status:N", title="How"),
                 alt.Tooltip("n_sentences:Q", title="Sentences"), alt.Tooltip("share_pct:Q", title="Share of words (%)"),
                 alt.Tooltip("position_label:N", title="Where")],
    ).add_params(pick)
    rules = alt.Chart(pd.DataFrame({"x": [0.2, 0.8]})).mark_rule(strokeDash=[4, 4], color=palette.RULE, aria=False).encode(x="x:Q")
    return _style(alt.layer(rules, chart).properties(width="container", height=alt.Step(48)), title,
                  ((AUTO_CODED_NOTE + " ") if _with_auto_note(mentioned, "") else "") + "◆ quotes the Statement, ● paraphrases it; omitted principles have no point. Dashed lines mark the lede "
                  "(first fifth) and the closing (last fifth). " + CLICK_HINT.format("point"))


def voices_chart(voices: pd.DataFrame, title: str, channels: Scale) -> alt.Chart:
    """Words of quotation each speaker gets, per outlet, coloured by who the quote comes through."""
    pick = _pick("voice", ["outlet_id", "person"])
    chart = alt.Chart(voices).mark_bar(stroke=palette.INK).encode(
        **_auto_outline(),
        y=alt.Y("speaker:N", title=None, sort=alt.EncodingSortField("quote_words", order="descending"), axis=alt.Axis(labelLimit=by_width(PHONE_AXIS_LABEL_LIMIT, AXIS_LABEL_LIMIT))),
        x=alt.X("quote_words:Q", title="Words of quotation"),
        color=alt.Color("channel_label:N", title="Quote comes through", scale=_scale(channels)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("person:N", title="Speaker"), alt.Tooltip("n_quoted:Q", title="Quoted sentences"),
                 alt.Tooltip("quote_words:Q", title="Words"), alt.Tooltip("channel_label:N", title="Through"), alt.Tooltip("channel_outlets:N", title="Via outlet")],
    ).add_params(pick)
    return _style(chart.properties(width="container", height=alt.Step(30)), title, _with_auto_note(voices, CLICK_HINT.format("bar")))


def register_chart(counts: pd.DataFrame, outlet_order: list[str], title: str, registers: Scale) -> alt.Chart:
    """How many of each outlet's terms are formal, neutral, figurative, slang or pejorative."""
    pick = _pick("register", ["outlet_id", "register"])
    chart = alt.Chart(counts).mark_bar(stroke=palette.INK).encode(
        **_auto_outline(),
        y=alt.Y("outlet:N", title=None, sort=outlet_order),
        x=alt.X("terms:Q", title="Terms in the selected sentences", stack="zero"),
        color=alt.Color("register_label:N", title="Register", scale=_scale(registers), sort=registers[0]),
        order=alt.Order("register_rank:Q"),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("register_label:N", title="Register"), alt.Tooltip("terms:Q", title="Terms")],
    ).add_params(pick)
    return _style(chart.properties(width="container", height=alt.Step(44)), title, _with_auto_note(counts, CLICK_HINT.format("segment")))


def tone_vs_vader_chart(tone: pd.DataFrame, title: str, tones: Scale) -> alt.Chart:
    """One outlet's sentences placed by the automated VADER score, coloured by the hand-coded tone.
    (One chart per outlet: stacked panels in one chart cannot take the page's width.)"""
    pick = _pick("sentence", ["passage_id"])
    agreement = ["hand code and VADER disagree", "agree or no tone"]
    points = alt.Chart(tone).mark_point(filled=True, size=150).encode(
        x=alt.X("position:Q", title=POSITION_TITLE, scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("vader_compound:Q", title="VADER (automated)", scale=alt.Scale(domain=[-1, 1])),
        color=alt.Color("tone_label:N", title="Hand-coded tone", scale=_scale(tones)),
        shape=alt.Shape("agreement:N", title="Hand code and VADER", scale=alt.Scale(domain=agreement, range=["cross", "circle"])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("where:N", title="Where"), alt.Tooltip("tone_label:N", title="Hand tone"),
                 alt.Tooltip("vader_compound:Q", title="VADER", format="+.2f"), alt.Tooltip("text_short:N", title="Text")],
    ).add_params(pick)
    zero = alt.Chart(tone).mark_rule(color=palette.RULE, aria=False).encode(y=alt.datum(0))
    # Streamlit fits title, legends and plot into the chart's height, so the height leaves the plot
    # room under a two-line title and above the legends.
    return _style(alt.layer(zero, points).properties(width="container", height=TONE_PANEL_HEIGHT), title,
                  "Height = automated score; colour = hand code; + = they disagree. " + CLICK_HINT.format("point"))


def readability_chart(read: pd.DataFrame, outlets: Scale, title: str) -> alt.Chart:
    chart = alt.Chart(read).mark_bar(stroke=palette.INK).encode(
        **_auto_outline(),
        y=alt.Y("outlet:N", title=None, sort=outlets[0]),
        x=alt.X("flesch_kincaid_grade:Q", title="Flesch–Kincaid grade (U.S. school year)"),
        color=alt.Color("outlet:N", scale=_scale(outlets), legend=None),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("words:Q", title="Words"), alt.Tooltip("sentences:Q", title="Sentences"),
                 alt.Tooltip("avg_sentence_length:Q", title="Words per sentence", format=".1f"),
                 alt.Tooltip("flesch_kincaid_grade:Q", title="Grade", format=".1f"), alt.Tooltip("flesch_reading_ease:Q", title="Reading ease", format=".0f")],
    )
    return _style(chart.properties(width="container", height=alt.Step(40)), title, _with_auto_note(read, NO_EVIDENCE))


def vader_only_chart(tone: pd.DataFrame, title: str, colour: str) -> alt.Chart:
    """An auto-coded article's sentences by VADER's automated score alone: it has no hand-coded
    tone to compare with, so the points are in the outlet's colour with a dashed ink outline."""
    pick = _pick("sentence", ["passage_id"])
    points = alt.Chart(tone).mark_point(filled=True, size=150, color=colour, stroke=palette.INK, strokeWidth=2, strokeDash=[5, 3]).encode(
        x=alt.X("position:Q", title="Position in the article (0 = first sentence, 1 = last)", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("vader_compound:Q", title="VADER (automated)", scale=alt.Scale(domain=[-1, 1])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("where:N", title="Where"), alt.Tooltip("tone_label:N", title="Hand tone"),
                 alt.Tooltip("vader_compound:Q", title="VADER", format="+.2f"), alt.Tooltip("text_short:N", title="Text")],
    ).add_params(pick)
    zero = alt.Chart(tone).mark_rule(color=palette.RULE, aria=False).encode(y=alt.datum(0))
    return _style(alt.layer(zero, points).properties(width="container", height=TONE_PANEL_HEIGHT // 2 + 60), title,
                  f"{AUTO_CODED_NOTE} VADER's automated score only: no hand-coded tone. " + CLICK_HINT.format("point"))
