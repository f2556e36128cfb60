"""Projector mode: larger body text and charts drawn for the back of a classroom.

The switch is kept in the address as `?projector=1` and across pages for the session
(`page.projector_toggle`). Pure parts here, tested without Streamlit: the address value, the
static CSS, and the chart transform, which returns a new spec with a projector `config` and never
touches the one it is given (a view's spec is shared, read-only, by every reader).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyframes.core import filters as flt
from storyframes.present.charts import wide_value
from storyframes.core.palette import INK

PARAM = "projector"
SESSION_KEY = "story_projector"  # the reader's choice, kept for the session across pages (page.projector_toggle)
ON, OFF = "1", "0"

# Body text 1.6 times the app's 17 px base (Markdown, lists, captions, alerts, code); headings a
# little larger too. Our own static markup: no text from the data or a reader goes here.
STYLE = """
<style>
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stCaptionContainer"] p,
[data-testid="stMain"] [data-testid="stAlertContentInfo"] p,
[data-testid="stMain"] [data-testid="stAlertContentWarning"] p,
[data-testid="stMain"] [data-testid="stExpander"] summary p,
[data-testid="stMain"] [data-testid="stWidgetLabel"] p { font-size: 1.6rem; line-height: 1.45; }
[data-testid="stMain"] h1 { font-size: 3.2rem; }
[data-testid="stMain"] h2 { font-size: 2.6rem; }
[data-testid="stMain"] h3 { font-size: 2.2rem; }
[data-testid="stMain"] h4, [data-testid="stMain"] h5 { font-size: 1.9rem; }
[data-testid="stMain"] [data-testid="stCode"] code { font-size: 1.4rem; }
/* Card rows (render.card_row) with 1.6 times the text need 1.6 times the width before they wrap to
   the next line, or long words would be cut in two. */
[class*="st-key-cards"] > [data-testid="stLayoutWrapper"] { flex: 1 1 21rem; min-width: min(21rem, 100%); }
[class*="st-key-cards_narrow"] > [data-testid="stLayoutWrapper"] { flex: 1 1 17rem; min-width: min(17rem, 100%); }
/* Tables are drawn on a canvas, whose font no stylesheet reaches: the whole table is zoomed
   instead (a percentage width is taken in the zoomed scale, so it fills the column it had). */
[data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) { zoom: 1.5; }
[data-testid="stMain"] [data-testid="stDataFrame"],
[data-testid="stMain"] [data-testid="stDataFrameResizable"] { width: 100% !important; max-width: 100% !important; }
</style>
"""

FONT_SCALE = 1.5  # chart text: titles, axes, legends, text marks
MIN_FONT = 20  # px: no chart text smaller than this on a projector
STROKE = 3  # px: lines, rules, axis domains and ticks, mark outlines
POINT_SIZE = 160  # px²: points and legend symbols


def parse(values: Sequence[str]) -> tuple[bool | None, str | None]:
    """The address's `?projector=` values: (on/off, or None when not named; a notice or None).
    "1" is on and "0" off; anything else (or the parameter repeated) gives a notice and off."""
    on, unknown = flt.parse_flag(values)
    if not unknown:
        return on, None
    return False, f"The address asks for projector mode with an unknown value ({unknown}); projector mode is off. Use projector=1 to switch it on."


def _bigger(value: object, default: float) -> float:
    size = value if isinstance(value, (int, float)) and not isinstance(value, bool) else default
    return max(MIN_FONT, round(size * FONT_SCALE))


def _merged(config: Mapping, key: str, **values) -> dict:
    """`config[key]` (a dict, copied) with `values` set over it."""
    current = config.get(key)
    return {**(current if isinstance(current, Mapping) else {}), **values}


def spec(original: Mapping) -> dict:
    """A copy of a Vega-Lite spec drawn for a projector: chart text FONT_SCALE times larger (at
    least MIN_FONT px), thicker lines and outlines, larger points, and axes, legends and titles in
    full ink. Only the top level, its `config` and its `title` are copied (the data, which may be
    large, is shared); nothing reachable from `original` is changed."""
    out = dict(original)
    config = dict(original.get("config") or {})
    # a projector is wide: sizes that depend on the chart's width (charts.by_width) take their wide value
    axis = {k: wide_value(v) for k, v in config["axis"].items()} if isinstance(config.get("axis"), Mapping) else {}
    legend = config.get("legend") if isinstance(config.get("legend"), Mapping) else {}
    title = config.get("title") if isinstance(config.get("title"), Mapping) else {}
    text = config.get("text") if isinstance(config.get("text"), Mapping) else {}
    limits = {name: round(value * FONT_SCALE) for name, value in (("axis", axis.get("labelLimit")), ("legend", legend.get("labelLimit")))
              if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0}
    config["axis"] = _merged(config, "axis", **({"labelLimit": limits["axis"]} if "axis" in limits else {}),
                             labelFontSize=_bigger(axis.get("labelFontSize"), 11),
                             titleFontSize=_bigger(axis.get("titleFontSize"), 11), labelColor=INK, titleColor=INK,
                             domainColor=INK, tickColor=INK, domainWidth=STROKE - 1, tickWidth=STROKE - 1)
    config["legend"] = _merged(config, "legend", **({"labelLimit": limits["legend"]} if "legend" in limits else {}),
                               labelFontSize=_bigger(legend.get("labelFontSize"), 10),
                               titleFontSize=_bigger(legend.get("titleFontSize"), 11), labelColor=INK, titleColor=INK,
                               symbolSize=POINT_SIZE, symbolStrokeWidth=STROKE)
    config["title"] = _merged(config, "title", fontSize=_bigger(title.get("fontSize"), 13),
                              subtitleFontSize=_bigger(title.get("subtitleFontSize"), 12), color=INK, subtitleColor=INK)
    config["header"] = _merged(config, "header", labelFontSize=_bigger(None, 10), titleFontSize=_bigger(None, 11),
                               labelColor=INK, titleColor=INK)
    config["text"] = _merged(config, "text", fontSize=_bigger(text.get("fontSize"), 11))
    config["line"] = _merged(config, "line", strokeWidth=STROKE + 1)
    config["rule"] = _merged(config, "rule", strokeWidth=STROKE)
    config["point"] = _merged(config, "point", size=POINT_SIZE, strokeWidth=STROKE)
    config["circle"] = _merged(config, "circle", size=POINT_SIZE, strokeWidth=STROKE)
    config["bar"] = _merged(config, "bar", stroke=INK, strokeWidth=1)
    config["geoshape"] = _merged(config, "geoshape", strokeWidth=STROKE - 1)
    out["config"] = config
    # A title set on the chart itself wins over config.title: scale its sizes too (in a copy).
    heading = original.get("title")
    if isinstance(heading, Mapping):
        out["title"] = {**heading, "fontSize": _bigger(wide_value(heading.get("fontSize")), 13),
                        **({"subtitleFontSize": _bigger(wide_value(heading.get("subtitleFontSize")), 12)} if "subtitle" in heading else {}),
                        "color": INK, "subtitleColor": INK}
    return out
