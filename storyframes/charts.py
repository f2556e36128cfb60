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


def _lines(text: str, width: int = 72) -> list[str]:
    """Long titles wrap onto several lines instead of being cut off with an ellipsis."""
    import textwrap

    return textwrap.wrap(text, width=width) or [""]


def _style(chart: alt.TopLevelMixin, title: str, subtitle: str = "") -> alt.TopLevelMixin:
    """Projector-friendly fonts and a title that states the finding."""
    heading = alt.TitleParams(text=_lines(title), subtitle=_lines(subtitle, 100) if subtitle else alt.Undefined, fontSize=TITLE_SIZE, subtitleFontSize=FONT_SIZE - 1, anchor="start")
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
        y=alt.Y("short_label:N", sort=alt.EncodingSortField("start_t"), title=None, axis=alt.Axis(labelLimit=420)),
        color=alt.Color("kind_label:N", title="Kind", scale=alt.Scale(domain=["Event", "Publication"], range=["#0072B2", "#AD5E00"])),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("start:N", title="When"), alt.Tooltip("end:N", title="Until"),
                 alt.Tooltip("confidence:N", title="How sure"), alt.Tooltip("source:N", title="Source")],
    )
    points = base.mark_point(size=160, filled=True).encode(
        x=alt.X("start_t:T", title=None, axis=alt.Axis(format="%a %b %d", tickCount="day", labelAngle=0),
                scale=alt.Scale(domain=[(frame["start_t"].min() - pd.Timedelta(days=1)).isoformat(), (frame["end_t"].max() + pd.Timedelta(days=1)).isoformat()])),
        shape=alt.Shape("precision:N", title="Precision", scale=alt.Scale(domain=["datetime", "day", "range"], range=["diamond", "circle", "square"])),
    )
    ranges = base.transform_filter(alt.datum.precision == "range").mark_bar(height=10, opacity=0.5).encode(x="start_t:T", x2="end_t:T")
    return _style(alt.layer(ranges, points).properties(height=alt.Step(34), width="container"), title)


def principle_matrix_chart(coverage: pd.DataFrame, outlet_order: list[str], title: str) -> alt.Chart:
    """Principle × outlet: quoted, paraphrased or omitted, with the number of sentences.

    Principles run down the side (their labels are long), outlets across the top by short name.
    `outlet_order` lists short names."""
    frame = coverage.assign(cell_text=coverage["n_sentences"].map(lambda n: f"{n} sentence{'s' if n != 1 else ''}" if n else "omitted"))
    pick = alt.selection_point(name="cell", fields=["outlet_id", "principle_id"], on="click", clear="dblclick")
    base = alt.Chart(frame).encode(
        x=alt.X("short_name:N", title=None, sort=outlet_order, axis=alt.Axis(labelAngle=0, orient="top", labelFontWeight="bold")),
        y=alt.Y("principle_label:N", title=None, sort=None, axis=alt.Axis(labelLimit=300)),
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
    return _style(alt.layer(cells, labels).properties(height=alt.Step(56), width="container"), title,
                  "Click a cell to read the sentences behind it; double-click to clear.")


def members_map(geo: dict, places: pd.DataFrame, cities: pd.DataFrame, title: str) -> alt.LayerChart:
    """Member places on U.S. state shapes shipped in data/ (no tiles, no network)."""
    states = alt.Chart(alt.Data(values=geo, format=alt.DataFormat(type="topojson", feature="states"))).mark_geoshape(
        fill="#F2F2F2", stroke="#9A9A9A", strokeWidth=0.6, aria=False  # decoration: the alt text describes the map
    )
    pick = alt.selection_point(name="place", fields=["place_id"], on="click", clear="dblclick")
    role_domain = [*ROLE_COLOURS, "mixed"]
    members_layer = alt.Chart(places).mark_point(filled=True, opacity=0.85, stroke="white", strokeWidth=1).encode(
        longitude="longitude:Q",
        latitude="latitude:Q",
        size=alt.Size("n_members:Q", title="Members", scale=alt.Scale(range=[120, 900]), legend=None),
        color=alt.Color("role_type:N", title="Role", scale=alt.Scale(domain=role_domain, range=[*ROLE_COLOURS.values(), "#000000"]),
                        legend=alt.Legend(labelExpr="replace(datum.label, '_', ' ')")),
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
    # A fixed size with the projection fitted to it: albersUsa does not scale itself to a container.
    chart = alt.layer(states, cities_layer, members_layer).project(type="albersUsa", scale=660, translate=[255, 190]).properties(width=510, height=430)
    return _style(chart, title, "Mark size = members at the place. Click a place for its members and local coverage; double-click to clear.").configure_legend(
        orient="right", direction="vertical", columns=1, labelFontSize=FONT_SIZE - 1, titleFontSize=FONT_SIZE, labelLimit=260)


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
    return _label_expr(dict(zip(pairs["outlet_id"], pairs["outlet"])))


def _label_expr(labels: dict[str, str]) -> str:
    """A Vega label expression mapping codes to display names (quotes stripped from names)."""
    cases = " : ".join(f"datum.label == '{code}' ? '{name.replace(chr(39), '')}'" for code, name in labels.items())
    return f"{cases} : datum.label" if cases else "datum.label"


def tone_chart(tone: pd.DataFrame, outlet_order: list[str], title: str) -> alt.Chart:
    """Hand-coded tone toward law enforcement along each article, one row per outlet."""
    pick = alt.selection_point(name="tone_point", fields=["passage_id"], on="click", clear="dblclick")
    frame = tone[tone["tone_police"] != "not_applicable"]
    chart = alt.Chart(frame).mark_point(filled=True, size=170).encode(
        x=alt.X("position:Q", title="Position in the article (0 = first sentence, 1 = last)", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("outlet:N", title=None, sort=[o for o in outlet_order]),
        color=alt.Color("tone_police:N", title="Hand-coded tone", legend=alt.Legend(labelExpr="replace(datum.label, '_', ' ')", columns=2),
                        scale=alt.Scale(domain=[k for k in TONE_COLOURS if k != "not_applicable"], range=[v for k, v in TONE_COLOURS.items() if k != "not_applicable"])),
        shape=alt.Shape("stance_reform:N", title="Stance on reform", legend=alt.Legend(labelExpr="replace(datum.label, '_', ' ')", columns=2), scale=alt.Scale(domain=["supportive", "neutral", "sceptical", "not_applicable"],
                                                                                           range=["triangle-up", "circle", "triangle-down", "square"])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("sentence:Q", title="Sentence"), alt.Tooltip("tone_police:N", title="Tone"),
                 alt.Tooltip("stance_reform:N", title="Stance"), alt.Tooltip("text_short:N", title="Text")],
    ).add_params(pick)
    return _style(chart.properties(width="container", height=alt.Step(60)), title, "Click a point to read the sentence; double-click to clear.")


def headline_dates_chart(coverage: pd.DataFrame, title: str, outlet_names: dict[str, str] | None = None) -> alt.Chart:
    """When each headline appeared; full texts in their outlet colours. Only pieces dated to the
    day are plotted (a month-only date would sit misleadingly on the 1st); ranges become bars."""
    coverage = coverage[(coverage["published_latest"] - coverage["published_earliest"]).dt.days <= 7]
    frame = coverage.assign(colour_key=coverage["outlet_id"].where(coverage["outlet_id"].isin(OUTLET_COLOURS), "other"))
    domain = [*OUTLET_COLOURS, "other"]
    chart = alt.Chart(frame).mark_point(filled=True, size=150).encode(
        x=alt.X("published_earliest:T", title="Published (earliest possible date)", axis=alt.Axis(format="%b %d", tickCount="day", labelAngle=0)),
        y=alt.Y("outlet:N", title=None, sort=alt.EncodingSortField("published_earliest")),
        color=alt.Color("colour_key:N", title="Outlet", scale=alt.Scale(domain=domain, range=[outlet_colour(d) for d in domain]),
                        legend=alt.Legend(labelExpr=_label_expr({**(outlet_names or dict(zip(frame["outlet_id"], frame["outlet"]))), "other": "headline only"}))),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("headline:N", title="Headline"), alt.Tooltip("published:N", title="Published"),
                 alt.Tooltip("headline_confidence:N", title="Headline confidence")],
    )
    return _style(chart.properties(width="container", height=alt.Step(22)), title)


# Registers and quote channels avoid the outlet colours, so colour keeps one meaning per chart family.
REGISTER_RANGE = ["#3B3B3B", "#9E9E9E", "#44AA99", "#DDCC77", "#CC3311"]  # formal, neutral, figurative, slang, pejorative
CHANNEL_RANGE = ["#3B3B3B", "#44AA99", "#DDCC77", "#9E9E9E"]

PRINCIPLE_SCALE = alt.Scale(domain=list(PRINCIPLE_COLOURS), range=list(PRINCIPLE_COLOURS.values()))


def distinctive_words_chart(words: pd.DataFrame, outlet_id: str, title: str) -> alt.Chart:
    """One outlet's most distinctive terms (Fightin' Words z); raw counts printed beside each bar."""
    pick = alt.selection_point(name="word", fields=["outlet_id", "term"], on="click", clear="dblclick")
    frame = words.assign(count_label=words["count"].astype(str) + " vs " + words["count_others"].astype(str)
                         + words["low_count"].map({True: " · few", False: ""}),
                         evidence=words["low_count"].map({True: "few occurrences: weak evidence", False: "enough occurrences"}))
    base = alt.Chart(frame).encode(y=alt.Y("term:N", title=None, sort=alt.EncodingSortField("z", order="descending")))
    bars = base.mark_bar(color=outlet_colour(outlet_id)).encode(
        x=alt.X("z:Q", title="z-score", scale=alt.Scale(domainMax=float(max(2.0, frame["z"].max() * 1.6 if len(frame) else 2.0)))),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
        fillOpacity=alt.FillOpacity("evidence:N", legend=None, scale=alt.Scale(domain=["enough occurrences", "few occurrences: weak evidence"], range=[1.0, 0.45])),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("term:N", title="Term"), alt.Tooltip("count:Q", title="Times in this outlet"),
                 alt.Tooltip("count_others:Q", title="Times in the others"), alt.Tooltip("z:Q", format=".2f"), alt.Tooltip("evidence:N", title="Evidence")],
    ).add_params(pick)
    text = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE - 2, color="#1a1a1a").encode(x="z:Q", text="count_label:N")
    return _style(alt.layer(bars, text).properties(width="container", height=alt.Step(24)), title)


def frame_difference_chart(diff: pd.DataFrame, name_a: str, name_b: str, title: str, id_a: str = "", id_b: str = "") -> alt.Chart:
    """Share of sentences per frame, outlet A minus outlet B: right means A uses it more."""
    frame = diff.assign(leans=diff["diff"].map(lambda d: name_a if d > 0 else name_b if d < 0 else "equal"))
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("frame_label:N", title=None, sort=alt.EncodingSortField("diff", order="descending")),
        x=alt.X("diff:Q", title=f"← more in {name_b}   |   more in {name_a} →", axis=alt.Axis(format="+.0%")),
        color=alt.Color("leans:N", title="Used more by", scale=alt.Scale(domain=[name_a, name_b, "equal"], range=[outlet_colour(id_a), outlet_colour(id_b), "#BDBDBD"])),
        tooltip=[alt.Tooltip("frame_label:N", title="Frame"), alt.Tooltip("n_a:Q", title=f"{name_a}: sentences"), alt.Tooltip("share_a:Q", title=f"{name_a}: share", format=".0%"),
                 alt.Tooltip("n_b:Q", title=f"{name_b}: sentences"), alt.Tooltip("share_b:Q", title=f"{name_b}: share", format=".0%"), alt.Tooltip("diff:Q", title="Difference", format="+.0%")],
    )
    return _style(chart.properties(width="container", height=alt.Step(26)), title)


def principle_position_chart(coverage: pd.DataFrame, outlet_order: list[str], title: str) -> alt.Chart:
    """Where each outlet first mentions each principle: lede (left) to closing line (right)."""
    pick = alt.selection_point(name="mention", fields=["outlet_id", "principle_id"], on="click", clear="dblclick")
    mentioned = coverage[coverage["status"] != "omitted"]
    chart = alt.Chart(mentioned).mark_point(filled=True, size=260).encode(
        x=alt.X("first_position:Q", title="First mention: 0 = first sentence (lede), 1 = last", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("principle_label:N", title=None),
        color=alt.Color("outlet_id:N", title="Outlet", scale=outlet_scale(outlet_order), legend=alt.Legend(labelExpr=_outlet_label_expr(coverage))),
        shape=alt.Shape("status:N", title="How", scale=alt.Scale(domain=["quoted", "paraphrased"], range=["diamond", "circle"])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("principle_label:N", title="Principle"), alt.Tooltip("status:N", title="How"),
                 alt.Tooltip("n_sentences:Q", title="Sentences"), alt.Tooltip("share_pct:Q", title="Share of words (%)"),
                 alt.Tooltip("first_sentence:Q", title="First sentence no."), alt.Tooltip("position_label:N", title="Where")],
    ).add_params(pick)
    rules = alt.Chart(pd.DataFrame({"x": [0.2, 0.8]})).mark_rule(strokeDash=[4, 4], color="#8C8C8C", aria=False).encode(x="x:Q")
    return _style(alt.layer(rules, chart).properties(width="container", height=alt.Step(48)), title,
                  "Dashed lines mark the lede (first fifth) and the closing (last fifth). Omitted principles have no point. Click a point for its sentences.")


def voices_chart(voices: pd.DataFrame, title: str) -> alt.Chart:
    """Words of quotation each speaker gets, per outlet, coloured by who the quote comes through."""
    pick = alt.selection_point(name="voice", fields=["outlet_id", "person"], on="click", clear="dblclick")
    frame = voices[voices["n_quoted"] > 0].assign(channel=lambda f: f["channels"].str.replace("_", " "),
                                                   speaker=lambda f: f["speaker_label"] + " · " + f["outlet_short"])
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("speaker:N", title=None, sort=alt.EncodingSortField("quote_words", order="descending"), axis=alt.Axis(labelLimit=460)),
        x=alt.X("quote_words:Q", title="Words of quotation"),
        color=alt.Color("channel:N", title="Quote comes through", scale=alt.Scale(range=CHANNEL_RANGE), legend=alt.Legend(columns=2)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("person:N", title="Speaker"), alt.Tooltip("n_quoted:Q", title="Quoted sentences"),
                 alt.Tooltip("quote_words:Q", title="Words"), alt.Tooltip("channel:N", title="Through"), alt.Tooltip("channel_outlets:N", title="Via outlet")],
    ).add_params(pick)
    return _style(chart.properties(width="container", height=alt.Step(30)), title, "Click a bar for the quoted sentences.")


def register_chart(lexicon: pd.DataFrame, outlet_order_names: list[str], title: str) -> alt.Chart:
    """How many of each outlet's terms are formal, neutral, slang, pejorative or figurative."""
    pick = alt.selection_point(name="register", fields=["outlet", "register"], on="click", clear="dblclick")
    counts = lexicon.groupby(["outlet", "register"], as_index=False).size().rename(columns={"size": "terms"})
    registers = ["formal", "neutral", "figurative", "slang", "pejorative"]
    chart = alt.Chart(counts).mark_bar().encode(
        y=alt.Y("outlet:N", title=None, sort=outlet_order_names),
        x=alt.X("terms:Q", title="Terms in the lexicon", stack="zero"),
        color=alt.Color("register:N", title="Register", scale=alt.Scale(domain=registers, range=REGISTER_RANGE),
                        sort=registers),
        order=alt.Order("register_rank:Q"),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("register:N", title="Register"), alt.Tooltip("terms:Q", title="Terms")],
    ).transform_calculate(register_rank=f"indexof({registers!r}, datum.register)").add_params(pick)
    return _style(chart.properties(width="container", height=alt.Step(44)), title, "Click a segment for its terms and where they appear.")


def tone_vs_vader_chart(tone: pd.DataFrame, outlet_order_names: list[str], title: str) -> alt.Chart:
    """Each sentence placed by the automated VADER score, coloured by the hand-coded tone."""
    pick = alt.selection_point(name="sentence", fields=["passage_id"], on="click", clear="dblclick")
    frame = tone[tone["tone_police"] != ""].assign(
        agreement=tone["disagreement"].map({True: "hand code and VADER disagree", False: "agree or no tone"}),
        text_short=tone["text"].str.slice(0, 110))
    points = alt.Chart(frame).mark_point(filled=True, size=150).encode(
        x=alt.X("position:Q", title="Position in the article (0 = first sentence, 1 = last)", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("vader_compound:Q", title="VADER compound (automated)", scale=alt.Scale(domain=[-1, 1])),
        color=alt.Color("tone_police:N", title="Hand-coded tone", scale=alt.Scale(domain=list(TONE_COLOURS), range=list(TONE_COLOURS.values())),
                        legend=alt.Legend(labelExpr="replace(datum.label, '_', ' ')")),
        shape=alt.Shape("agreement:N", title=None, scale=alt.Scale(domain=["hand code and VADER disagree", "agree or no tone"], range=["cross", "circle"])),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("sentence:Q", title="Sentence"), alt.Tooltip("tone_police:N", title="Hand tone"),
                 alt.Tooltip("vader_compound:Q", title="VADER", format="+.2f"), alt.Tooltip("text_short:N", title="Text")],
    ).add_params(pick)
    zero = alt.Chart(frame).mark_rule(color="#8C8C8C", aria=False).encode(y=alt.datum(0))
    chart = alt.layer(zero, points).properties(width=680, height=140).facet(
        row=alt.Row("outlet:N", title=None, sort=outlet_order_names, header=alt.Header(labelFontSize=FONT_SIZE, labelAngle=0, labelAlign="left", labelOrient="top")))
    return _style(chart, title, "Height = automated score; colour = hand code; × = they disagree. Click a point to read the sentence.")


def readability_chart(read: pd.DataFrame, outlet_order: list[str], title: str) -> alt.Chart:
    chart = alt.Chart(read).mark_bar().encode(
        y=alt.Y("outlet:N", title=None, sort=None),
        x=alt.X("flesch_kincaid_grade:Q", title="Flesch–Kincaid grade (U.S. school year)"),
        color=alt.Color("outlet_id:N", scale=outlet_scale(outlet_order), legend=None),
        tooltip=[alt.Tooltip("outlet:N", title="Outlet"), alt.Tooltip("words:Q", title="Words"), alt.Tooltip("sentences:Q", title="Sentences"),
                 alt.Tooltip("avg_sentence_length:Q", title="Words per sentence", format=".1f"),
                 alt.Tooltip("flesch_kincaid_grade:Q", title="Grade", format=".1f"), alt.Tooltip("flesch_reading_ease:Q", title="Reading ease", format=".0f")],
    )
    return _style(chart.properties(width="container", height=alt.Step(40)), title)
