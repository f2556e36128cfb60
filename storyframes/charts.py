"""Altair charts: each a short function of a tidy DataFrame prepared elsewhere.

Charts take their finding-stating title from the caller (computed from the data), carry
tooltips, and name their selection after what it selects, so `st.altair_chart(on_select=...)`
reports real column values. Fonts are sized for a projector.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from storyframes.palette import (
    OUTLET_COLOURS,
    PRINCIPLE_COLOURS,
    ROLE_COLOURS,
    STATUS_COLOURS,
    TONE_COLOURS,
    outlet_colour,
)

FONT_SIZE = 14
TITLE_SIZE = 17


def _style(chart: alt.TopLevelMixin, title: str, subtitle: str = "") -> alt.TopLevelMixin:
    """Projector-friendly fonts and a title that states the finding."""
    heading = alt.TitleParams(text=title, subtitle=subtitle or alt.Undefined, fontSize=TITLE_SIZE, subtitleFontSize=FONT_SIZE - 1, anchor="start")
    return (
        chart.properties(title=heading)
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=260)
        .configure_legend(labelFontSize=FONT_SIZE - 1, titleFontSize=FONT_SIZE, labelLimit=260, orient="bottom", direction="horizontal", columns=4)
        .configure_view(strokeWidth=0)
    )


def outlet_scale(outlet_ids: list[str]) -> alt.Scale:
    return alt.Scale(domain=list(outlet_ids), range=[outlet_colour(o) for o in outlet_ids])


def timeline_chart(timeline: pd.DataFrame, title: str) -> alt.Chart:
    """Launch week: events and publications on one date axis; ranges drawn as bars."""
    frame = timeline.assign(
        start_t=pd.to_datetime(timeline["start"], format="ISO8601"),
        end_t=pd.to_datetime(timeline["end"].where(timeline["end"] != "", timeline["start"]), format="ISO8601"),
        kind_label=timeline["kind"].map({"event": "Event", "press": "Publication"}),
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=alt.EncodingSortField("start_t"), title=None, axis=alt.Axis(labelLimit=420)),
        color=alt.Color("kind_label:N", title="Kind", scale=alt.Scale(domain=["Event", "Publication"], range=["#0072B2", "#C26A00"])),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("start:N", title="When"), alt.Tooltip("end:N", title="Until"),
                 alt.Tooltip("confidence:N", title="How sure"), alt.Tooltip("source:N", title="Source")],
    )
    points = base.mark_point(size=160, filled=True).encode(
        x=alt.X("start_t:T", title=None, axis=alt.Axis(format="%a %b %d", tickCount="day", labelAngle=0)),
        shape=alt.Shape("precision:N", title="Precision", scale=alt.Scale(domain=["datetime", "day", "range"], range=["diamond", "circle", "square"])),
    )
    ranges = base.transform_filter(alt.datum.precision == "range").mark_bar(height=10, opacity=0.5).encode(x="start_t:T", x2="end_t:T")
    return _style(alt.layer(ranges, points).properties(height=alt.Step(34), width="container"), title)


def principle_matrix_chart(coverage: pd.DataFrame, outlet_order: list[str], title: str) -> alt.Chart:
    """Outlet × principle: quoted, paraphrased or omitted, with the number of sentences."""
    frame = coverage.assign(cell_text=coverage["n_sentences"].map(lambda n: f"{n} sentence{'s' if n != 1 else ''}" if n else "omitted"))
    pick = alt.selection_point(name="cell", fields=["outlet_id", "principle_id"], on="click", clear="dblclick")
    base = alt.Chart(frame).encode(
        x=alt.X("principle_label:N", title=None, sort=None, axis=alt.Axis(labelAngle=0, orient="top", labelLimit=200)),
        y=alt.Y("outlet:N", title=None, sort=outlet_order),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=3).encode(
        color=alt.Color("status:N", title="How the outlet reported it", scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("principle_label:N", title="Principle"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("n_sentences:Q", title="Sentences"), alt.Tooltip("share_pct:Q", title="Share of the article's words (%)", format=".0f"),
                 alt.Tooltip("position_label:N", title="First mention")],
    ).add_params(pick)
    labels = base.mark_text(fontSize=FONT_SIZE, fontWeight="bold").encode(
        text="cell_text:N",
        color=alt.condition(alt.datum.status == "quoted", alt.value("white"), alt.value("#1a1a1a")),
    )
    return _style(alt.layer(cells, labels).properties(height=alt.Step(64), width="container"), title,
                  "Click a cell to read the sentences behind it; double-click to clear.")


def members_map(geo: dict, places: pd.DataFrame, cities: pd.DataFrame, title: str) -> alt.LayerChart:
    """Member places on U.S. state shapes shipped in data/ (no tiles, no network)."""
    states = alt.Chart(alt.Data(values=geo, format=alt.DataFormat(type="topojson", feature="states"))).mark_geoshape(
        fill="#F2F2F2", stroke="#9A9A9A", strokeWidth=0.6
    )
    pick = alt.selection_point(name="place", fields=["place_id"], on="click", clear="dblclick")
    role_domain = [*ROLE_COLOURS, "mixed"]
    members_layer = alt.Chart(places).mark_point(filled=True, opacity=0.85, stroke="white", strokeWidth=1).encode(
        longitude="longitude:Q",
        latitude="latitude:Q",
        size=alt.Size("n_members:Q", title="Members", scale=alt.Scale(range=[120, 900]), legend=alt.Legend(values=[1, 2, 3])),
        color=alt.Color("role_type:N", title="Role", scale=alt.Scale(domain=role_domain, range=[*ROLE_COLOURS.values(), "#000000"])),
        shape=alt.Shape("evidence_label:N", title="Evidence", scale=alt.Scale(
            domain=["Launch-era evidence (Oct 2015)", "Later or uncertain evidence", "Named by coverage, member not named"],
            range=["circle", "triangle-up", "diamond"])),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.35)),
        tooltip=[alt.Tooltip("place_id:N", title="Place"), alt.Tooltip("n_members:Q", title="Members"), alt.Tooltip("names:N", title="Who"),
                 alt.Tooltip("evidence_label:N", title="Evidence"), alt.Tooltip("place_basis:N", title="Place basis")],
    ).add_params(pick)
    city_frame = cities.assign(place_id=cities["city"] + ", " + cities["state"], evidence_label="Named by coverage, member not named")
    cities_layer = alt.Chart(city_frame).mark_point(filled=False, size=260, strokeWidth=2.5, color="#1a1a1a").encode(
        longitude="longitude:Q",
        latitude="latitude:Q",
        shape=alt.Shape("evidence_label:N"),
        tooltip=[alt.Tooltip("place_id:N", title="City"), alt.Tooltip("evidence:N", title="What coverage says"), alt.Tooltip("source:N", title="Source")],
    )
    chart = alt.layer(states, cities_layer, members_layer).project(type="albersUsa").properties(height=470, width="container")
    return _style(chart, title, "Click a place for its members and local coverage; double-click to clear.")


def frame_profile_chart(profile: pd.DataFrame, outlet_order: list[str], title: str) -> alt.Chart:
    """Share of each outlet's sentences per frame, grouped bars; click a bar for its sentences."""
    pick = alt.selection_point(name="frame_bar", fields=["outlet_id", "frame"], on="click", clear="dblclick")
    chart = alt.Chart(profile).mark_bar().encode(
        y=alt.Y("frame_label:N", title=None, sort=alt.EncodingSortField("share", op="max", order="descending")),
        yOffset=alt.YOffset("outlet_id:N", sort=outlet_order),
        x=alt.X("share:Q", title="Share of the outlet's sentences", axis=alt.Axis(format="%")),
        color=alt.Color("outlet_id:N", title="Outlet", scale=outlet_scale(outlet_order), legend=alt.Legend(labelExpr=_outlet_label_expr(profile))),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("frame_label:N", title="Frame"), alt.Tooltip("n:Q", title="Sentences"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    ).add_params(pick)
    return _style(chart.properties(width="container", height=alt.Step(16)), title, "Click a bar to read its sentences; double-click to clear.")


def _outlet_label_expr(frame: pd.DataFrame) -> str:
    """Legend labels show outlet names while the colour scale stays keyed by outlet id."""
    pairs = frame[["outlet_id", "outlet"]].drop_duplicates()
    cases = " : ".join(f"datum.label == '{o}' ? '{n.replace(chr(39), '')}'" for o, n in zip(pairs["outlet_id"], pairs["outlet"]))
    return f"{cases} : datum.label" if cases else "datum.label"


def tone_chart(tone: pd.DataFrame, outlet_order: list[str], title: str) -> alt.Chart:
    """Hand-coded tone toward law enforcement along each article, one row per outlet."""
    pick = alt.selection_point(name="tone_point", fields=["passage_id"], on="click", clear="dblclick")
    frame = tone[tone["tone_police"] != "not_applicable"]
    chart = alt.Chart(frame).mark_point(filled=True, size=170).encode(
        x=alt.X("position:Q", title="Position in the article (0 = first sentence, 1 = last)", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("outlet:N", title=None, sort=[o for o in outlet_order]),
        color=alt.Color("tone_police:N", title="Tone toward law enforcement (hand-coded)",
                        scale=alt.Scale(domain=[k for k in TONE_COLOURS if k != "not_applicable"], range=[v for k, v in TONE_COLOURS.items() if k != "not_applicable"])),
        shape=alt.Shape("stance_reform:N", title="Stance toward the reform", scale=alt.Scale(domain=["supportive", "neutral", "sceptical", "not_applicable"],
                                                                                           range=["triangle-up", "circle", "triangle-down", "square"])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("sentence:Q", title="Sentence"), alt.Tooltip("tone_police:N", title="Tone"),
                 alt.Tooltip("stance_reform:N", title="Stance"), alt.Tooltip("text_short:N", title="Text")],
    ).add_params(pick)
    return _style(chart.properties(width="container", height=alt.Step(60)), title, "Click a point to read the sentence; double-click to clear.")


def headline_dates_chart(coverage: pd.DataFrame, title: str) -> alt.Chart:
    """When each headline appeared, by kind of outlet; full texts in their outlet colours."""
    frame = coverage.assign(colour_key=coverage["outlet_id"].where(coverage["outlet_id"].isin(OUTLET_COLOURS), "other"))
    domain = [*OUTLET_COLOURS, "other"]
    chart = alt.Chart(frame).mark_point(filled=True, size=150).encode(
        x=alt.X("published_earliest:T", title="Published (earliest possible date)", axis=alt.Axis(format="%b %d", tickCount="day", labelAngle=0)),
        y=alt.Y("outlet:N", title=None, sort=alt.EncodingSortField("published_earliest")),
        color=alt.Color("colour_key:N", title="Outlet", scale=alt.Scale(domain=domain, range=[outlet_colour(d) for d in domain]),
                        legend=alt.Legend(labelExpr="datum.label == 'other' ? 'headline only' : datum.label == 'cbs' ? 'CBS News (The Crime Report)' : datum.label == 'dabs' ? 'Dabs Magazine' : 'Gawker'")),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("headline:N", title="Headline"), alt.Tooltip("published:N", title="Published"),
                 alt.Tooltip("headline_confidence:N", title="Headline confidence")],
    )
    return _style(chart.properties(width="container", height=alt.Step(22)), title)


PRINCIPLE_SCALE = alt.Scale(domain=list(PRINCIPLE_COLOURS), range=list(PRINCIPLE_COLOURS.values()))
