"""The Home page: the event at a glance, the principles, the timeline, and the sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from storyframes.present import charts

from storyframes.present import findings

from storyframes.core import palette
from storyframes.analysis import measures
from storyframes.core.data import StoryData
from storyframes.present import prompts as _prompts
from storyframes.present.handout import to_html as _handout_html
from storyframes.present.handout import SOURCE_COLUMNS, Handout, plain
from storyframes.core.filters import Filters
from storyframes.views import Chart, Scope
from storyframes.views.common import Selection, left_out, select
from storyframes.views.principles import PrincipleCard, principle_cards


@dataclass(frozen=True)
class Card:
    label: str
    headline: str
    detail: str


@dataclass(frozen=True)
class HomeView:
    selection: Selection
    glance: tuple[Card, ...]
    counts_sentence: str
    counts_table: pd.DataFrame
    principles: tuple[PrincipleCard, ...]
    reach: dict[str, str]  # principle id -> how many of the chosen full texts reported it
    timeline: Chart
    sources: pd.DataFrame  # the chosen full texts: outlet, headline, date, address
    scopes: dict[str, str]
    left_out: str = ""  # each chosen outlet that leaves a chosen principle out (common.left_out)


def reach(coverage: pd.DataFrame, n_chosen: int) -> dict[str, str]:
    """Per principle: how many of the chosen full-text outlets reported it, and how (plain text)."""
    out = {}
    for pid, rows in coverage.groupby("principle_id", sort=False):
        reported = rows[rows["status"] != "omitted"]
        how = ", ".join(f"{r.outlet} ({r.status})" for r in reported.itertuples()) or "nobody"
        out[pid] = f"Reported by {len(reported)} of the {n_chosen} full text{'s' if n_chosen != 1 else ''} chosen: {how}."
    return out


def build(data: StoryData, filters: Filters) -> HomeView:
    sel = select(data, filters)
    counts = findings.member_counts(data.facts)
    timeline = data.timeline.assign(kind_label=data.timeline["kind"].map({"event": "Event", "press": "Publication"}))
    kinds = (["Event", "Publication"], [palette.TIMELINE_KIND["event"], palette.TIMELINE_KIND["press"]])
    chart = charts.timeline_chart(timeline, findings.timeline_title(timeline, data.articles), kinds)
    table = timeline[["start", "end", "label", "kind", "confidence", "source"]]
    sources = sel.articles.assign(date=sel.articles["published"].map(findings.display_date))[["outlet", "headline", "date", "url"]]
    no_filter = Scope(outlets=False, principles=False, why="These are facts about the event, not about how it was told.").note
    return HomeView(
        selection=sel,
        glance=tuple(Card(**c) for c in findings.at_a_glance(data.facts, data.members)),
        counts_sentence=findings.member_counts_sentence(counts, findings.fact_value(data.facts, "member_count_announced"), findings.member_growth(data.facts)),
        counts_table=counts,
        principles=principle_cards(sel),
        reach=reach(measures.principle_matrix(sel.data, sel.outlet_ids, sel.principles["principle_id"]), len(sel.articles)),
        timeline=Chart("timeline", charts.spec(chart), findings.timeline_alt_text(timeline), table),
        sources=sources,
        scopes={"glance": no_filter, "timeline": no_filter,
                "principles": "" if len(sel.articles) else "None of the selected outlets has a full text, so no reporting is counted."},
        left_out=left_out(sel),
    )


HANDOUT_TITLE = "Same Story, Different Frames: the event at a glance"
TIMELINE_COLUMNS = {"start": "Date", "label": "What happened", "kind": "Kind"}


def handout(view: HomeView, address: str = "") -> Handout:
    """The page as a printable handout: the event at a glance, how many members each source
    counted, each principle and who among the chosen full texts reported it, the timeline, the
    chosen full texts and the address of this view. The page quotes no sentence, so neither does
    the handout (its sentences are on Principles, Compare and Framing, each with its handout)."""
    glance = pd.DataFrame({"": [c.label for c in view.glance], "At a glance": [c.headline for c in view.glance],
                           "Detail": [c.detail for c in view.glance]})
    counts = view.counts_table.rename(columns={"source": "Source", "value": "Count", "confidence": "How sure"})[["Source", "Count", "How sure"]]
    principles = pd.DataFrame({"Principle": [c.label for c in view.principles], "Wording": [c.heading for c in view.principles],
                               "Reported": [view.reach.get(c.principle_id, "") for c in view.principles]})
    timeline = view.timeline.table.assign(start=view.timeline.table["start"].map(findings.display_date))
    timeline = timeline[list(TIMELINE_COLUMNS)].rename(columns=TIMELINE_COLUMNS)
    sources = view.sources.rename(columns=SOURCE_COLUMNS | {"date": "Published"})
    tables = (("How many members? The press counted differently", counts),
              *((("The four principles", principles),) if len(principles) else ()),
              ("Timeline", timeline))
    return Handout(HANDOUT_TITLE, view.selection.describe(), glance, pd.DataFrame(columns=["outlet", "where", "text"]), sources, address,
                   lead=(plain(view.counts_sentence), *((view.left_out,) if view.left_out else ())), numbers_heading="The event", tables=tables, sentences_heading="")


def discussion(view) -> tuple[str, ...]:
    """The page's prompts for a class discussion, from this View (`present.prompts`)."""
    return _prompts.home(view)


def handout_html(view, address: str = "") -> bytes:
    """The printable handout of this View, with the page's address and its QR code, as HTML."""
    return _handout_html(handout(view, address)).encode("utf-8")
