"""The Framing analysis page: how each outlet told the story, sentence by sentence, with the proof.

The page is split into sections (lazy tabs), so the view names them; every section uses both
filters or says why not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from storyframes.analysis import measures as analysis

from storyframes.present import charts

from storyframes.present import findings
from storyframes.analysis.evidence import reading_markup, sentences_for  # noqa: F401 - what the page draws with
from storyframes.core.data import StoryData
from storyframes.present import prompts as _prompts
from storyframes.present.handout import to_html as _handout_html
from storyframes.present.handout import Handout, plain
from storyframes.present.handout import for_selection as handout_for
from storyframes.core.filters import Filters
from storyframes.views import Chart, Scope, frozen, sections
from storyframes.views.common import Selection, no_full_text, select
from storyframes.core.vocab import NO_PRINCIPLE

SECTIONS = ("In short", "Words", "Frames", "Principles", "Voices", "Tone", "Headlines & readability", "Parallel reading")
READS_HEADLINES = frozenset({"Headlines & readability"})  # every other section reads only the full texts
NO_PRINCIPLE_GROUP = "No principle: context, people and colour"


@dataclass(frozen=True)
class ReadingSentence:
    passage_id: str
    where: str
    text: str
    principles: tuple[str, ...]  # every principle the sentence is coded with
    also: tuple[str, ...]  # the others, besides the group it is listed under
    quotes: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class ReadingGroup:
    group: str  # a principle id, or "none"
    label: str
    by_outlet: dict[str, tuple[ReadingSentence, ...]]

    @property
    def n_sentences(self) -> int:
        return sum(len(rows) for rows in self.by_outlet.values())

    @property
    def choice_label(self) -> str:
        """How the group is offered to the reader: its label and how many sentences it holds."""
        return f"{self.label} ({self.n_sentences})"


@dataclass(frozen=True)
class FramingView:
    """The page's sections, each built by its own function so the page (lazy tabs) can build only
    the one the reader has open; `build` builds them all (tests, handouts)."""

    selection: Selection
    empty_reason: str
    sections: dict[str, object]
    scopes: dict[str, str]


@dataclass(frozen=True)
class WordsSection:
    words: pd.DataFrame
    charts: dict[str, Chart]  # one per outlet; empty when fewer than two outlets are chosen
    title: str
    lexicon: sections.LexiconSection


@dataclass(frozen=True)
class PrinciplesSection:
    coverage: pd.DataFrame
    chart: Chart | None


@dataclass(frozen=True)
class HeadlinesSection:
    headlines: pd.DataFrame
    sentence: str
    readability: Chart | None
    readability_table: pd.DataFrame


def parallel_reading(sel: Selection) -> tuple[ReadingGroup, ...]:
    """The selected sentences side by side, under every chosen principle they are coded with
    (a sentence about P1 and P3 appears under both, marked "also under"), so each cell holds
    exactly the sentences the principle matrix counts."""
    data, v = sel.data, sel.vocab
    refs = data.passage_principles[data.passage_principles["passage_id"].isin(sel.passage_ids)]
    coded = refs.groupby("passage_id")["principle_id"].agg(lambda s: tuple(sorted(set(s))))
    quotes = data.passage_people[data.passage_people["quote_text"] != ""].groupby("passage_id")["quote_text"].agg(tuple)
    terms = data.lexicon.groupby("article_id")["term"].agg(tuple)
    outlet_of = dict(zip(sel.articles["article_id"], sel.articles["outlet_id"]))
    groups = []
    chosen = [p for p in (*v.principle_ids, NO_PRINCIPLE) if p in sel.filters.principles]
    for group in chosen:
        rows: dict[str, list[ReadingSentence]] = {o: [] for o in sel.outlet_ids}
        for p in sel.passages.itertuples():
            mine = coded.get(p.passage_id, ())
            if (group == NO_PRINCIPLE and mine) or (group != NO_PRINCIPLE and group not in mine):
                continue
            rows[outlet_of[p.article_id]].append(ReadingSentence(
                p.passage_id, sel.index.at[p.passage_id, "where"], p.text, mine, tuple(x for x in mine if x != group),
                quotes.get(p.passage_id, ()), terms.get(p.article_id, ())))
        label = NO_PRINCIPLE_GROUP if group == NO_PRINCIPLE else v.principle(group)
        groups.append(ReadingGroup(group, label, {o: tuple(r) for o, r in rows.items()}))
    return tuple(groups)


def _readability(sel: Selection) -> tuple[Chart | None, pd.DataFrame]:
    read = analysis.readability(sel.passages, sel.articles, sel.data.passage_people)
    if read.empty:
        return None, read
    title = findings.readability_title(read)
    chart = charts.readability_chart(read, (sel.outlet_names, [sel.vocab.outlet_colour(o) for o in sel.outlet_ids]), title)
    table = findings.readability_table(read)
    return Chart("readability_chart", charts.spec(chart), title, table), table


def _headlines(data: StoryData, filters: Filters) -> tuple[pd.DataFrame, str]:
    """Headline against the whole body (a headline has no principle, so only the outlet filter applies)."""
    v = data.vocab
    profile = data.memo("frame_profile_all", lambda d: analysis.frame_profile(d.passages, d.articles, d.passage_codes))
    hvb = analysis.headline_vs_body(filters.coverage(data.coverage), data.headline_codes, profile)
    labels = dict(v.code_labels.get("frame", {}))
    return findings.headline_body_table(hvb, labels), findings.headline_agreement_sentence(hvb)


def _words(sel: Selection) -> WordsSection:
    if len(sel.outlet_ids) < 2:
        return WordsSection(pd.DataFrame(), {}, "", sections.lexicon(sel))
    words, word_charts = sections.distinctive_words(sel)
    return WordsSection(words, word_charts, findings.distinctive_words_title(words), sections.lexicon(sel))


def _principles(sel: Selection) -> PrinciplesSection:
    coverage, chart = sections.principle_position(sel)
    return PrinciplesSection(coverage, chart)


def _headlines_section(sel: Selection) -> HeadlinesSection:
    headlines, sentence = _headlines(sel.data, sel.filters)
    chart, table = _readability(sel)
    return HeadlinesSection(headlines, sentence, chart, table)


SECTION_BUILDERS = {
    "In short": sections.summary,
    "Words": _words,
    "Frames": sections.frames,
    "Principles": _principles,
    "Voices": lambda sel: sections.voices(sel)[1],
    "Tone": lambda sel: sections.tone_vader(sel, sections.tone_table(sel)),
    "Headlines & readability": _headlines_section,
    "Parallel reading": parallel_reading,
}
assert tuple(SECTION_BUILDERS) == SECTIONS


def scopes(sel: Selection) -> dict[str, str]:
    return {
        "Headlines & readability": Scope(principles=False, why="a headline has no principle codes (readability uses both filters).").note,
        "Principles": "" if len(sel.principles) else "No principle with Statement wording is selected.",
    }


def empty_reason(sel: Selection) -> str:
    if sel.articles.empty:
        return no_full_text(sel.vocab)
    if sel.passages.empty:
        return "no full-text sentence matches the principle filter"
    return ""


def build_selection(data: StoryData, filters: Filters) -> Selection:
    """The page's selection (its header and empty state need nothing more)."""
    return select(data, filters)


def build_section(data: StoryData, filters: Filters, section: str):
    """One section of the page for this selection (what a lazy tab needs)."""
    sel = select(data, filters)
    return SECTION_BUILDERS[section](sel) if not empty_reason(sel) else None


def build(data: StoryData, filters: Filters) -> FramingView:
    sel = select(data, filters)
    reason = empty_reason(sel)
    built = {} if reason else {name: fn(sel) for name, fn in SECTION_BUILDERS.items()}
    return FramingView(sel, reason, frozen(built), frozen(scopes(sel)))


# --- the handout ------------------------------------------------------------------------------
# One handout per tab, of the tab the reader has open, rather than one of the whole page: a
# teacher prints what the class is looking at, and the eight tabs together (every chart's table
# and its sentences) would run to six or more pages, which no one hands out. The tab is in the
# handout's address (`?section=`), so its QR code opens that same tab.

HANDOUT_TITLE = "How each outlet framed the launch"
SECTION_FILE_NAMES = {s: "-".join(w for w in s.lower().replace("&", " ").split()) for s in SECTIONS}  # "headlines-readability"


def _evidence(*charts: Chart | None) -> list[str]:
    """The sentences behind the charts' marks, each once, in the order the charts list them."""
    return list(dict.fromkeys(p for chart in charts if chart is not None for ids in chart.evidence.values() for p in ids))


def _distinctive(part: WordsSection) -> pd.DataFrame:
    """The distinctive words as one line per outlet ("imprisoning (4 vs 0), …"), from the charts' tables."""
    rows = [{"Outlet": t["outlet"].iloc[0], "Most distinctive words (uses here vs in the others)":
             ", ".join(f"{w} ({a} vs {b})" for w, a, b in zip(t["term"], t["count"], t["count_others"]))}
            for t in (c.table for c in part.charts.values()) if t is not None and len(t)]
    return pd.DataFrame(rows)


SHOWN_IN_HANDOUT = {"Words": {"sentences_shown": 3}, "Voices": {"rows_shown": 12, "sentences_shown": 6},
                    "Headlines & readability": {"rows_shown": 10}}


def section_handout(sel: Selection, section: str, part, address: str = "") -> Handout:
    """One tab as a printable handout: its numbers (the table of its chart), its findings in
    words, the sentences behind them (in turn from each outlet), the sources and its address.
    `part` is the tab's section exactly as the page holds it (never rebuilt here)."""
    title = f"{HANDOUT_TITLE}: {section}"
    empty = pd.DataFrame()
    lead: tuple[str, ...] = ()
    tables: tuple[tuple[str, pd.DataFrame], ...] = ()
    heading, said = "Sentences to discuss", "Sentences behind the chart"
    if part is None:  # nothing to show for these filters (the page says why; so does the handout's empty sentence list)
        numbers, ids, lead = empty, [], (f"Nothing to show: {empty_reason(sel) or 'this tab is empty'}.",)
    elif section == "In short":
        lead, numbers, ids, said = tuple(plain(c.text) for c in part), empty, [p for c in part for p in c.passage_ids], "Sentences behind these claims"
    elif section == "Words":
        lead = tuple(t for t in (part.title, part.lexicon.title) if t)
        numbers, heading = part.lexicon.side_by_side, "Word choice"
        tables = (("Distinctive words", _distinctive(part)),) if part.charts else ()
        ids, said = _evidence(part.lexicon.chart), "Sentences that use these words"
    elif section == "Frames":
        table = part.chart.table
        numbers, heading = table.assign(Share=table["Share"].map(lambda s: f"{s:.0%}")), "Frames"
        # the sentences of each outlet's most used frame: what a class compares first
        top = part.profile.sort_values("n", ascending=False, kind="stable").drop_duplicates("outlet_id")
        ids = [p for o, f in zip(top["outlet_id"], top["frame"]) for p in part.chart.evidence.get((o, f), ())]
        said = "Sentences of each outlet's most used frame"
    elif section == "Principles":
        numbers = part.chart.table if part.chart is not None else empty
        heading, ids = "Where each principle comes in the article", _evidence(part.chart)
    elif section == "Voices":
        numbers, heading, ids, said = part.table, "Who gets to speak", _evidence(part), "Sentences that name or quote them"
    elif section == "Tone":
        lead, numbers, heading = (part.title,), part.disagreements, "Where hand codes and VADER disagree"
        ids = _evidence(*part.charts.values())
    elif section == "Headlines & readability":
        lead, numbers, heading = (part.sentence,), part.readability_table, "Readability and length of the selected sentences"
        # the headlines whose body the app holds first: those are the ones a class can check against their article
        checkable = part.headlines.assign(_c=part.headlines["Agree?"] == "—").sort_values("_c", kind="stable").drop(columns="_c") \
            if "Agree?" in part.headlines.columns else part.headlines
        tables, ids, said = (("Headline versus body", checkable),), [], ""
    elif section == "Parallel reading":
        numbers = pd.DataFrame([{"Sentences about": g.label, **{name: len(g.by_outlet.get(o, ())) for o, name in zip(sel.outlet_ids, sel.outlet_names)}}
                                for g in part])
        # the sentences about a principle (what the tab sets side by side first), else the others
        about = [g for g in part if g.group != NO_PRINCIPLE and g.n_sentences] or list(part)
        ids = [r.passage_id for g in about for rows in g.by_outlet.values() for r in rows]
        heading, said = "Sentences side by side, per principle", ("Sentences about a principle, side by side" if about and about[0].group != NO_PRINCIPLE
                                                                   else "Sentences to read side by side")
    else:
        raise KeyError(section)
    mine = set(ids) & sel.passage_ids
    made = handout_for(title, sel, numbers if numbers is not None else empty, [p for p in ids if p in mine], address)
    # what fits on two A4 pages: the word-choice table is tall, so are two dozen voices or headlines
    shown = SHOWN_IN_HANDOUT.get(section, {})
    return replace(made, lead=lead, numbers_heading=heading, tables=tables, sentences_heading=said, **shown)


def handout(view: FramingView, address: str = "", section: str = SECTIONS[0]) -> Handout:
    """The handout of one tab of the page (see above for why one tab, not the whole page)."""
    return section_handout(view.selection, section, view.sections.get(section), address)


def discussion(in_short) -> tuple[str, ...]:
    """The page's prompts for a class discussion, from the In short section's claims."""
    return _prompts.framing(in_short)


def section_handout_html(sel: Selection, section: str, part, address: str = "") -> bytes:
    """The printable handout of the open section (see `section_handout`), as HTML."""
    return _handout_html(section_handout(sel, section, part, address)).encode("utf-8")
