"""The Compare outlets page: the chosen full texts side by side, then the wider coverage by headline."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from storyframes.analysis import measures

from storyframes.present import charts

from storyframes.present import findings

from storyframes.core import palette
from storyframes.present.handout import Handout
from storyframes.present.handout import for_selection as handout_for
from storyframes.core.data import StoryData
from storyframes.present import prompts as _prompts
from storyframes.present.handout import to_html as _handout_html
from storyframes.core.filters import Filters
from storyframes.views import Chart, Scope, framing
from storyframes.views.common import Selection, no_full_text, select

WAYS = {1: "one way", 2: "two ways", 3: "three ways", 4: "four ways", 5: "five ways"}


@dataclass(frozen=True)
class OutletCard:
    outlet_id: str
    outlet: str
    headline: str
    byline: str
    words: int  # prose words of the whole article
    sentences: int  # prose sentences of the whole article
    selected: int  # of them, the sentences that match the principle filter
    quotes_per_100: str
    quoted: str
    principles: str


@dataclass(frozen=True)
class CompareView:
    selection: Selection
    title: str
    describe: str
    cards: tuple[OutletCard, ...]
    lexicon: framing.LexiconSection | None
    frames: framing.FramesSection | None
    tone: framing.ToneAlong | None  # the tone chart, and on request the same with the disputed sentences ringed
    headline_dates: Chart | None
    headlines: pd.DataFrame
    undated_note: str
    headline_scope: str
    empty_reason: str

    @cached_property
    def cards_frame(self) -> pd.DataFrame:
        """`cards_table(self.cards)`, made once per view: the page draws it on every run (the
        view is cached per filter and shared read-only, so this is too)."""
        return cards_table(self.cards)


def title(n_outlets: int) -> str:
    """'One event, told three ways' — the heading follows how many full texts are chosen."""
    if n_outlets == 0:
        return "One event: choose full texts to compare"
    return f"One event, told {WAYS.get(n_outlets, f'{n_outlets} ways')}" if n_outlets > 1 else "One event, one outlet's telling"


def cards(sel: Selection) -> tuple[OutletCard, ...]:
    """Per chosen full text: headline, byline, length (prose), the selected share, who is quoted."""
    data = sel.data
    whole = measures.prose(data.passages, sel.articles)
    read = measures.quotes_per_100_words(data.passages, sel.articles, data.passage_people).set_index("outlet_id")
    voices = measures.voices(data.passages, sel.articles, data.passage_people)
    coverage = measures.principle_matrix(sel.data, sel.outlet_ids, sel.principles["principle_id"])
    # Lookups made once, not a scan of every table per article: a corpus of thousands of articles
    # made this loop quadratic (a minute at 3,000 articles).
    length = whole.groupby("article_id", sort=False)["words"].agg(["sum", "size"])
    selected = sel.passages["article_id"].value_counts()
    quoted_by = {o: grp.sort_values("quote_words", ascending=False) for o, grp in voices[voices["n_quoted"] > 0].groupby("outlet_id", sort=False)}
    said_by = {o: "; ".join(f"{p.person} ({p.quote_words} words, via {sel.vocab.code('quote_channel', p.channels) if ', ' not in p.channels else p.channels.replace('_', ' ')}"
                            + (f": {p.channel_outlets}" if p.channel_outlets else "") + ")" for p in grp.itertuples()) for o, grp in quoted_by.items()}
    no_individual = set(measures.who_is_quoted(voices, sel.articles).query("no_individual")["outlet_id"])
    said_by = {o: f"no one person, only {said}" if o in no_individual else said for o, said in said_by.items()}
    principles_by = {o: " · ".join(f"{r.principle_id} {r.status}" for r in grp.itertuples()) for o, grp in coverage.groupby("outlet_id", sort=False)}
    out = []
    for art in sel.articles.itertuples():
        words, n = (int(length.loc[art.article_id, "sum"]), int(length.loc[art.article_id, "size"])) if art.article_id in length.index else (0, 0)
        date = findings.display_date(art.published) + ("" if art.published_confidence == "high" else f" ({art.published_confidence} confidence)")
        out.append(OutletCard(
            art.outlet_id, art.outlet, art.headline, f"{art.author or 'Author unknown'} · {date}",
            words, n, int(selected.get(art.article_id, 0)),
            f"{read.loc[art.outlet_id, 'quotes_per_100_words']:.1f}", said_by.get(art.outlet_id) or "nobody",
            principles_by.get(art.outlet_id) or "no principle selected",
        ))
    return tuple(out)


CARD_COLUMNS = {"outlet": "Outlet", "headline": "Headline", "byline": "Byline", "words": "Words", "sentences": "Sentences",
                "selected": "Match the principle filter", "quotes_per_100": "Quotes per 100 words", "quoted": "Quoted", "principles": "Principles"}


def cards_table(cards: tuple[OutletCard, ...]) -> pd.DataFrame:
    """The cards as one table (a corpus with more full texts than a page can show as cards)."""
    return pd.DataFrame([{col: getattr(c, col) for col in CARD_COLUMNS} for c in cards], columns=list(CARD_COLUMNS))


def headline_dates(data: StoryData, coverage: pd.DataFrame) -> Chart | None:
    v = data.vocab
    dated = coverage[(coverage["published_latest"] - coverage["published_earliest"]).dt.days <= 7]
    if dated.empty:
        return None
    dated = dated.assign(colour_key=dated["outlet_id"].map(lambda o: v.outlet(o) if o in v.full_text_ids else "headline only"))
    keys = [v.outlet(o) for o in v.full_text_ids] + ["headline only"]
    scale = (keys, [v.outlet_colour(o) for o in v.full_text_ids] + [palette.OTHER_OUTLET])
    launch = pd.Timestamp(findings.fact_value(data.facts, "launch_date"))
    title = findings.headline_dates_title(coverage, launch)
    return Chart("headline_dates", charts.spec(charts.headline_dates_chart(dated, title, scale)), findings.headline_dates_alt_text(coverage))


def build(data: StoryData, filters: Filters) -> CompareView:
    sel = select(data, filters)
    coverage = filters.coverage(data.coverage)
    labels = dict(data.vocab.code_labels.get("frame", {}))
    headlines = findings.headline_table(coverage, data.headline_codes, labels)
    scope = Scope(principles=False, why="Headlines have no principle codes.").note
    common = dict(selection=sel, title=title(len(sel.articles)), describe=sel.describe(), headline_dates=headline_dates(data, coverage),
                  headlines=headlines, undated_note=findings.undated_note(coverage), headline_scope=scope)
    if sel.articles.empty:
        return CompareView(cards=(), lexicon=None, frames=None, tone=None,
                           empty_reason=no_full_text(data.vocab), **common)
    if sel.passages.empty:
        return CompareView(cards=cards(sel), lexicon=None, frames=None, tone=None,
                           empty_reason="no sentence of the selected outlets matches the principle filter", **common)
    return CompareView(cards=cards(sel), lexicon=framing.lexicon(sel), frames=framing.frames(sel),
                       tone=framing.tone_along(sel), empty_reason="", **common)


# The handout's numbers: what a class compares at a glance (the cards' other lines are long text).
HANDOUT_COLUMNS = ("outlet", "words", "sentences", "selected", "quotes_per_100", "principles")


def handout(view: CompareView, address: str = "") -> Handout:
    """The page as a printable handout: the cards' numbers, the selected sentences that refer to a
    chosen principle (reading order), the full texts' sources, and the address of this view."""
    sel = view.selection
    numbers = view.cards_frame[list(HANDOUT_COLUMNS)].rename(columns=CARD_COLUMNS) if view.cards else pd.DataFrame()
    about = set(sel.data.passage_principles["passage_id"]) & sel.passage_ids
    return handout_for(view.title, sel, numbers, about, address)


def discussion(view) -> tuple[str, ...]:
    """The page's prompts for a class discussion, from this View (`present.prompts`)."""
    return _prompts.compare(view)


def handout_html(view, address: str = "") -> bytes:
    """The printable handout of this View, with the page's address and its QR code, as HTML."""
    return _handout_html(handout(view, address)).encode("utf-8")
