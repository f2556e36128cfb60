"""The Framing analysis page: how each outlet told the story, sentence by sentence, with the proof.

The page is split into sections (only the open one is built), so the view names them; every
section uses both filters or says why not. Each section's builder is here and calls the analysis
that counts its numbers (`storyframes.analysis`) directly. The Compare outlets page shows three
of these sections for its outlets (word choice, frames, tone along the article): it takes them
from here, so both pages show the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from storyframes.analysis import measures

from storyframes.present import charts

from storyframes.present import findings
from storyframes.analysis.evidence import reading_markup, sentences_for  # noqa: F401 - what the page draws with
from storyframes.core.data import StoryData
from storyframes.present import prompts as _prompts
from storyframes.present.handout import to_html as _handout_html
from storyframes.present.handout import Handout, plain
from storyframes.present.handout import for_selection as handout_for
from storyframes.core.filters import Filters
from storyframes.core import palette
from storyframes.analysis.evidence import ids_by
from storyframes.core.text import escape_markdown, tokenize
from storyframes.views import Chart, Claim, Deferred, Lazy, Scope, frozen
from storyframes.views.common import Selection, left_out, no_full_text, not_coded_note, not_frame_coded, second_codes, select
from storyframes.core.vocab import NO_PRINCIPLE

SECTIONS = ("In short", "Words", "Frames", "Principles", "Voices", "Tone", "Headlines & readability", "Parallel reading")
READS_HEADLINES = frozenset({"Headlines & readability"})  # every other section reads only the full texts
NO_PRINCIPLE_GROUP = "No principle: context, people and colour"


TEXT_PREVIEW = 110  # characters of a sentence shown in a chart tooltip


def _outlet_scale(sel: Selection) -> charts.Scale:
    return sel.outlet_names, [sel.vocab.outlet_colour(o) for o in sel.outlet_ids]


def _join(ids) -> str:
    return ", ".join(ids)


# --- frames -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FramesSection:
    profile: pd.DataFrame
    chart: Chart
    differences: Mapping[tuple[str, str], Chart]  # (outlet a, outlet b) -> a minus b, built when first asked for
    disputes: Deferred  # .get(): the chart with the sentences the second coder framed differently marked
    not_coded: str = ""  # which chosen outlets have no hand-coded frame (an added article): "not coded", never zero


def frames(sel: Selection) -> FramesSection:
    v = sel.vocab
    prof = measures.frame_profile(sel.passages, sel.articles, sel.data.passage_codes)
    codes = sel.data.passage_codes[["passage_id", "frame"]]
    coded = sel.passages[["passage_id", "article_id"]].merge(codes, on="passage_id").merge(sel.articles[["article_id", "outlet_id"]], on="article_id")
    ids = coded.groupby(["outlet_id", "frame"])["passage_id"].agg(_join).rename("passage_ids")
    prof = prof.assign(frame_label=prof["frame"].map(lambda f: v.code("frame", f))).join(ids, on=["outlet_id", "frame"])
    prof["passage_ids"] = prof["passage_ids"].fillna("")
    chart = charts.frame_profile_chart(prof, _outlet_scale(sel), findings.frame_title(prof))
    table = prof[["outlet", "frame_label", "n", "n_prose", "share"]].rename(
        columns={"outlet": "Outlet", "frame_label": "Frame", "n": "Sentences", "n_prose": "Of the outlet's selected sentences", "share": "Share"})
    main = Chart("frames_chart", charts.spec(chart), findings.frame_alt_text(prof), table, "frame_bar", ("outlet_id", "frame"),
                 frozen(ids_by(prof, ["outlet_id", "frame"])),
                 frozen({(r.outlet_id, r.frame): f"{r.outlet}: {r.frame_label}" for r in prof.itertuples()}))
    coded_ids = [o for o in sel.outlet_ids if o not in set(not_frame_coded(sel))]  # a "not coded" outlet is no zero to compare
    pairs = [(a, b) for a in coded_ids for b in coded_ids if a != b]
    return FramesSection(prof, main, Lazy(pairs, lambda pair: _difference(sel, prof, *pair)), Deferred(lambda: _frames_disputed(sel, prof, main)),
                         not_coded_note(sel, "Frames"))


def _frames_disputed(sel: Selection, prof: pd.DataFrame, main: Chart) -> Chart:
    """The frame chart with the part of each bar the second coder framed differently marked."""
    disputed = set(second_codes(sel, ("frame",)))
    n_disputed = prof["passage_ids"].map(lambda ids: sum(p in disputed for p in ids.split(", ") if p))
    marked = prof.assign(n_disputed=n_disputed, disputed_share=n_disputed / prof["n_prose"])
    chart = charts.frame_profile_chart(marked, _outlet_scale(sel), findings.frame_title(prof), disputes=True)
    table = main.table.assign(**{"Framed differently by the second coder": n_disputed.to_numpy()})
    return Chart("frames_chart_disputes", charts.spec(chart), f"{main.alt} {disputed_alt(int(n_disputed.sum()), 'framed')}", table,
                 main.selection, main.fields, main.evidence, main.headings)


def disputed_alt(n: int, what: str) -> str:
    return f"{n} of these sentences the second coder {what} differently; they are marked."


def _difference(sel: Selection, prof: pd.DataFrame, a: str, b: str) -> Chart:
    v = sel.vocab
    name_a, name_b = v.outlet(a), v.outlet(b)
    diff = measures.frame_difference(prof, a, b)
    diff = diff.assign(frame_label=diff["frame"].map(lambda f: v.code("frame", f)),
                       leans=diff["diff"].map(lambda d: name_a if d > 0 else name_b if d < 0 else "equal"))
    title = findings.frame_difference_title(diff, name_a, name_b)
    leans = ([name_a, name_b, "equal"], [v.outlet_colour(a), v.outlet_colour(b), palette.AGREEMENT["equal"]])
    mine = prof[prof["outlet_id"].isin([a, b])]
    evidence = {(f,): tuple(p for s in mine.loc[mine["frame"] == f, "passage_ids"] for p in s.split(", ") if p) for f in diff["frame"]}
    headings = {(r.frame,): f"{r.frame_label}: {name_a} and {name_b}" for r in diff.itertuples()}
    return Chart(f"frame_gap_{a}_{b}", charts.spec(charts.frame_difference_chart(diff, leans, title, name_a, name_b)), title,
                 diff[["frame_label", "n_a", "n_b", "share_a", "share_b", "diff"]], "frame_gap", ("frame",), frozen(evidence), frozen(headings))


# --- tone -------------------------------------------------------------------------------------

def vader(data: StoryData) -> pd.DataFrame:
    """VADER's automated score for every sentence, once per package."""
    return data.memo("vader", lambda d: measures.vader_scores(d.passages))


def tone_table(sel: Selection) -> pd.DataFrame:
    """Hand-coded tone and stance (and VADER) of each selected sentence, with its place label."""
    v = sel.vocab
    tone = measures.tone_along(sel.passages, sel.data.passage_codes, sentiment=vader(sel.data), articles=sel.articles)
    where = sel.index["where"]
    return tone.assign(
        where=tone["passage_id"].map(where).fillna(""),
        tone_label=tone["tone_police"].map(lambda c: v.code("tone_police", c) if c else "Not coded"),
        stance_label=tone["stance_reform"].map(lambda c: v.code("stance_reform", c) if c else "Not coded"),
        text_short=tone["text"].str.slice(0, TEXT_PREVIEW),
        agreement=tone["disagreement"].map({True: "hand code and VADER disagree", False: "agree or no tone"}),
    )


def _tone_scale(sel: Selection, include_na: bool) -> charts.Scale:
    colours = {k: c for k, c in palette.TONE.items() if include_na or k != "not_applicable"}
    return sel.vocab.code_scale("tone_police", colours)


def _sentence_evidence(tone: pd.DataFrame) -> tuple[dict, dict]:
    evidence = {(p,): (p,) for p in tone["passage_id"]}
    headings = {(r.passage_id,): f"{r.outlet} · {r.where}" for r in tone.itertuples()}
    return frozen(evidence), frozen(headings)


def tone_chart(sel: Selection, tone: pd.DataFrame) -> Chart:
    """Tone and stance along each article (the sentences with a law-enforcement actor)."""
    toned = tone[tone["tone_police"].isin(["mocking", "critical", "neutral", "favourable"])]
    chart = charts.tone_chart(toned, sel.outlet_names, findings.tone_title(tone), _tone_scale(sel, include_na=False))
    evidence, headings = _sentence_evidence(toned)
    table = toned[["outlet", "where", "tone_label", "stance_label", "text"]].rename(
        columns={"outlet": "Outlet", "where": "Where", "tone_label": "Tone", "stance_label": "Stance on reform", "text": "Sentence"})
    return Chart("tone_chart", charts.spec(chart), findings.tone_alt_text(tone), table, "tone_point", ("passage_id",), evidence, headings)


def tone_chart_disputed(sel: Selection, tone: pd.DataFrame, main: Chart) -> Chart:
    """The tone chart with the sentences whose tone or stance the second coder coded differently ringed."""
    said = second_codes(sel, ("tone_police", "stance_reform"))
    toned = tone[tone["tone_police"].isin(["mocking", "critical", "neutral", "favourable"])]
    marked = toned.assign(disputed=toned["passage_id"].map(said).fillna(""))
    chart = charts.tone_chart(marked, sel.outlet_names, findings.tone_title(tone), _tone_scale(sel, include_na=False), disputes=True)
    table = main.table.assign(**{"Second coder": marked["disputed"].to_numpy()})
    n = int((marked["disputed"] != "").sum())
    return Chart("tone_chart_disputes", charts.spec(chart), f"{main.alt} {disputed_alt(n, 'coded')}", table,
                 main.selection, main.fields, main.evidence, main.headings)


@dataclass(frozen=True)
class ToneAlong:
    chart: Chart
    disputes: Deferred  # .get(): the chart with the disputed sentences ringed
    not_coded: str = ""  # which chosen outlets have no hand-coded tone (an added article)


def tone_along(sel: Selection) -> ToneAlong:
    tone = tone_table(sel)
    main = tone_chart(sel, tone)
    return ToneAlong(main, Deferred(lambda: tone_chart_disputed(sel, tone, main)), not_coded_note(sel, "Tone and stance"))


@dataclass(frozen=True)
class ToneSection:
    title: str  # VADER's automated score against the hand codes: said second, labelled as automatic
    charts: dict[str, Chart]  # one per outlet, in the reader's order
    disagreements: pd.DataFrame  # the sentences where the hand code and VADER disagree
    not_coded: str = ""  # which chosen outlets have no hand-coded tone (an added article): VADER alone, below
    vader_only: dict[str, Chart] = field(default_factory=dict)  # their VADER scores, one chart each (no hand code to compare)
    hand_coded: tuple[str, ...] = ()  # the hand-coded tone finding and its counts per outlet: what the tab leads with


def tone_vader(sel: Selection, tone: pd.DataFrame) -> ToneSection:
    """Hand-coded tone beside VADER's automated score, sentence by sentence, one chart per outlet."""
    coded = tone[tone["tone_police"] != ""]
    scale = _tone_scale(sel, include_na=True)
    out = {}
    for oid, name in zip(sel.outlet_ids, sel.outlet_names):
        mine = coded[coded["outlet_id"] == oid]
        evidence, headings = _sentence_evidence(mine)
        out[oid] = Chart(f"tone_vader_{oid}", charts.spec(charts.tone_vs_vader_chart(mine, name, scale)),
                         findings.tone_alt_text(tone[tone["outlet_id"] == oid]), None, "sentence", ("passage_id",), evidence, headings)
    dis = measures.tone_disagreements(tone)
    table = dis[["outlet", "where", "tone_label", "vader_compound", "text"]].rename(
        columns={"outlet": "Outlet", "where": "Where", "tone_label": "Hand-coded tone", "vader_compound": "VADER", "text": "Sentence"})
    missing = set(not_frame_coded(sel))
    vader_only = {}
    for oid in [o for o in sel.outlet_ids if o in missing]:
        mine = tone[tone["outlet_id"] == oid].assign(tone_label="Not coded")
        evidence, headings = _sentence_evidence(mine)
        vader_only[oid] = Chart(f"vader_only_{oid}", charts.spec(charts.vader_only_chart(mine, sel.vocab.outlet(oid), sel.vocab.outlet_colour(oid))),
                                findings.vader_only_alt_text(mine, sel.vocab.outlet(oid)), None, "sentence", ("passage_id",), evidence, headings)
    out = {o: c for o, c in out.items() if o not in missing}
    hand = tuple(t for t in (findings.tone_title(coded), findings.tone_counts_sentence(tone, sel.outlet_names)) if t)
    return ToneSection(findings.tone_vader_title(tone), out, table, not_coded_note(sel, "Tone and stance"), vader_only, hand)


# --- word choice (the hand-made lexicon) ------------------------------------------------------

@dataclass(frozen=True)
class LexiconSection:
    terms: pd.DataFrame  # one row per term used in the selected sentences, with passage_ids
    side_by_side: pd.DataFrame
    chart: Chart
    title: str


def lexicon_terms(sel: Selection) -> pd.DataFrame:
    """The lexicon's terms that occur in the selected sentences (so the principle filter applies),
    one row per term with its labels and the ', '-joined ids of the sentences it occurs in."""
    v = sel.vocab
    keys = ["article_id", "term", "target", "register"]
    hits = measures.term_hits(sel.data)
    hits = hits[hits["passage_id"].isin(sel.passage_ids)]
    found = hits.groupby(keys, as_index=False, sort=False).agg(count=("passage_id", "size"), passage_ids=("passage_id", _join))
    lex = sel.data.lexicon[sel.data.lexicon["article_id"].isin(sel.articles["article_id"])]
    table = measures.lexicon_table(lex, sel.articles).merge(found, on=keys)
    return table.assign(register_label=table["register"].map(lambda r: v.code("register", r)),
                        target_label=table["target"].map(lambda t: v.code("target", t)))


def lexicon(sel: Selection) -> LexiconSection:
    """Word choice: the terms of the selected sentences by register, as a chart and side by side."""
    v = sel.vocab
    table = lexicon_terms(sel)
    counts = table.groupby(["outlet_id", "outlet", "register", "register_label"], as_index=False).agg(
        terms=("term", "size"), passage_ids=("passage_ids", lambda s: _join(dict.fromkeys(p for x in s for p in x.split(", ") if p))))
    rank = {r: i for i, r in enumerate(v.codes("register"))}
    counts["register_rank"] = counts["register"].map(rank)
    title = findings.register_title(table)
    chart = charts.register_chart(counts, sel.outlet_names, title, sel.vocab.code_scale("register", palette.REGISTER))
    headings = {(r.outlet_id, r.register): f"{r.register_label} terms in {r.outlet}: " + ", ".join(
        f"“{t}”" for t in table.loc[(table["outlet_id"] == r.outlet_id) & (table["register"] == r.register), "term"]) for r in counts.itertuples()}
    chart_view = Chart("register_chart", charts.spec(chart), findings.register_alt_text(counts), None, "register", ("outlet_id", "register"),
                       frozen(ids_by(counts, ["outlet_id", "register"])), frozen(headings))
    side = findings.lexicon_side_by_side(table, sel.outlet_names)
    return LexiconSection(table, side, chart_view, title)


# --- voices -----------------------------------------------------------------------------------

SEVERAL_CHANNELS = "Several"


def voices(sel: Selection) -> tuple[pd.DataFrame, Chart]:
    """Who is quoted in the selected sentences, how much, and through whom."""
    v = sel.vocab
    people = measures.voices(sel.passages, sel.articles, sel.data.passage_people)
    group = findings.fact_value(sel.data.facts, "group_name")
    people = people.assign(
        speaker=people["person"].where(people["person"] != group, "The group itself") + " · " + people["outlet_id"].map(v.short),
        channel_label=people["channels"].map(lambda c: SEVERAL_CHANNELS if ", " in c else (v.code("quote_channel", c) if c else "")),
    )
    pp = sel.data.passage_people
    quoted = pp[(pp["mention"] == "quoted") & pp["passage_id"].isin(sel.passage_ids)].merge(
        sel.passages[["passage_id", "article_id"]], on="passage_id").merge(sel.articles[["article_id", "outlet_id"]], on="article_id")
    quoted = quoted.assign(person=quoted["person"].where(quoted["person"] != "", quoted["name_in_source"]))
    quoted_ids = quoted.groupby(["outlet_id", "person"])["passage_id"].agg(lambda s: _join(dict.fromkeys(s))).rename("quoted_ids")
    people = people.join(quoted_ids, on=["outlet_id", "person"])
    people["quoted_ids"] = people["quoted_ids"].fillna("")
    speaking = people[people["n_quoted"] > 0]
    labels, colours = v.code_scale("quote_channel", palette.QUOTE_CHANNEL)
    scale = ([*labels, SEVERAL_CHANNELS], [*colours, palette.OTHER_OUTLET])
    title = findings.voices_title(people)
    chart = charts.voices_chart(speaking, title, scale)
    headings = {(r.outlet_id, r.person): f"Quotes of {r.person} in {r.outlet}" for r in speaking.itertuples()}
    table = people[["outlet", "person", "person_kind", "n_named", "n_quoted", "quote_words", "channel_label", "channel_outlets"]].rename(
        columns={"outlet": "Outlet", "person": "Person", "person_kind": "Kind", "n_named": "Sentences naming", "n_quoted": "Sentences quoting",
                 "quote_words": "Quoted words", "channel_label": "Through", "channel_outlets": "Via outlet"})
    return people, Chart("voices_chart", charts.spec(chart), findings.voices_alt_text(speaking) or title, table, "voice", ("outlet_id", "person"),
                         frozen(ids_by(speaking, ["outlet_id", "person"], "quoted_ids")), frozen(headings))


@dataclass(frozen=True)
class WhoIsQuoted:
    """Whom each chosen outlet quotes in the selected sentences, as a table and in words (an outlet
    that quotes no individual says so, rather than leaving the reader to notice a missing bar)."""

    table: pd.DataFrame  # measures.who_is_quoted
    lines: tuple[str, ...]  # one plain sentence per outlet (shown literally)


def who_is_quoted(data: StoryData, filters: Filters) -> WhoIsQuoted:
    sel = select(data, filters)
    table = measures.who_is_quoted(measures.voices(sel.passages, sel.articles, data.passage_people), sel.articles)
    group = findings.fact_value(data.facts, "group_name")
    return WhoIsQuoted(table, findings.who_is_quoted_lines(table, group, dict(sel.vocab.code_labels.get("quote_channel", {}))))


# --- principles ---------------------------------------------------------------------------------

def principle_position(sel: Selection) -> tuple[pd.DataFrame, Chart | None]:
    coverage = measures.principle_matrix(sel.data, sel.outlet_ids, sel.principles["principle_id"])
    if coverage.empty:
        return coverage, None
    chart = charts.principle_position_chart(coverage, _outlet_scale(sel), findings.position_title(coverage))
    headings = {(r.outlet_id, r.principle_id): f"{r.outlet} on {r.principle_label}" for r in coverage.itertuples()}
    return coverage, Chart("position_chart", charts.spec(chart), findings.matrix_alt_text(coverage), findings.matrix_table(coverage), "mention",
                           ("outlet_id", "principle_id"), frozen(ids_by(coverage, ["outlet_id", "principle_id"])), frozen(headings))


# --- distinctive words --------------------------------------------------------------------------

def distinctive_words(sel: Selection, top: int = 8) -> tuple[pd.DataFrame, dict[str, Chart]]:
    """Fightin' Words among the selected sentences: each outlet's top terms (z > 0), one chart each."""
    words = measures.fightin_words(sel.passages, sel.articles)
    words = words[words["z"] > 0].sort_values("z", ascending=False, kind="stable").groupby("outlet_id", sort=False).head(top)
    words = words.assign(count_label=words["count"].astype(str) + " vs " + words["count_others"].astype(str) + words["low_count"].map({True: " · few", False: ""}),
                         evidence=words["low_count"].map({True: "few occurrences: weak evidence", False: "enough occurrences"})).reset_index(drop=True)
    tokens = {pid: set(tokenize(t)) for pid, t in zip(sel.passages["passage_id"], sel.passages["text"])}
    outlet_of = dict(zip(sel.passages["passage_id"], sel.passages["article_id"].map(dict(zip(sel.articles["article_id"], sel.articles["outlet_id"])))))
    out: dict[str, Chart] = {}
    for oid in sel.outlet_ids:
        mine = words[words["outlet_id"] == oid]
        evidence = {(oid, t): tuple(p for p, toks in tokens.items() if outlet_of[p] == oid and t in toks) for t in mine["term"]}
        headings = {(oid, t): f"Sentences of {sel.vocab.outlet(oid)} with “{t}”" for t in mine["term"]}
        chart = charts.distinctive_words_chart(mine, sel.vocab.outlet_colour(oid), sel.vocab.outlet(oid))
        out[oid] = Chart(f"words_{oid}", charts.spec(chart), findings.words_alt_text(mine, sel.vocab.outlet(oid)),
                         mine[["outlet", "term", "count", "count_others", "z", "low_count"]], "word", ("outlet_id", "term"), frozen(evidence), frozen(headings))
    return words, out


# --- summary --------------------------------------------------------------------------------------

def summary(sel: Selection) -> tuple[Claim, ...]:
    """The page's plain-language summary: one claim a line, each with the sentences behind it,
    computed on the selected sentences (both filters apply), except the principle claim and the
    "Left out" line, which read the chosen outlets' whole articles (the principle matrix), so that
    a filter never hides an outlet's omission."""
    coverage = measures.principle_matrix(sel.data, sel.outlet_ids, sel.principles["principle_id"])
    rarest = findings.least_reported_principle(coverage)
    used = lexicon_terms(sel)[list(sel.data.lexicon.columns)]  # only terms that occur in the selected sentences
    facts = measures.summary_facts(sel.passages, sel.articles, sel.data.passage_codes, sel.data.passage_principles,
                                   sel.data.passage_people, used, principle_id=rarest or "", coverage=coverage)
    label = sel.vocab.principle(rarest) if rarest else ""
    if label and coverage["principle_id"].nunique() > 1:
        label += ", the one reported least"
    shown = sel.passage_ids
    claims = [Claim(text, tuple(p for p in ids if p in shown)) for text, ids in findings.summary_claims(facts, label)]
    left = left_out(sel)
    if left:  # right after the principle claim: who leaves which chosen principle out (no sentence stands behind an omission)
        claims.insert(3 if label else 2, Claim(escape_markdown(left)))
    return tuple(claims)


# --- parallel reading ---------------------------------------------------------------------------

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
    lexicon: LexiconSection


@dataclass(frozen=True)
class PrinciplesSection:
    coverage: pd.DataFrame
    chart: Chart | None
    left_out: str = ""  # each chosen outlet that leaves a chosen principle out (common.left_out): the chart's caption


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
    read = measures.readability(sel.passages, sel.articles, sel.data.passage_people)
    if read.empty:
        return None, read
    title = findings.readability_title(read)
    chart = charts.readability_chart(read, (sel.outlet_names, [sel.vocab.outlet_colour(o) for o in sel.outlet_ids]), title)
    table = findings.readability_table(read)
    return Chart("readability_chart", charts.spec(chart), title, table), table


def _headlines(data: StoryData, filters: Filters) -> tuple[pd.DataFrame, str]:
    """Headline against the whole body (a headline has no principle, so only the outlet filter applies)."""
    v = data.vocab
    profile = data.memo("frame_profile_all", lambda d: measures.frame_profile(d.passages, d.articles, d.passage_codes))
    hvb = measures.headline_vs_body(filters.coverage(data.coverage), data.headline_codes, profile)
    labels = dict(v.code_labels.get("frame", {}))
    return findings.headline_body_table(hvb, labels), findings.headline_agreement_sentence(hvb)


def _words(sel: Selection) -> WordsSection:
    if len(sel.outlet_ids) < 2:
        return WordsSection(pd.DataFrame(), {}, "", lexicon(sel))
    words, word_charts = distinctive_words(sel)
    return WordsSection(words, word_charts, findings.distinctive_words_title(words), lexicon(sel))


def _principles(sel: Selection) -> PrinciplesSection:
    coverage, chart = principle_position(sel)
    return PrinciplesSection(coverage, chart, left_out(sel))


def _headlines_section(sel: Selection) -> HeadlinesSection:
    headlines, sentence = _headlines(sel.data, sel.filters)
    chart, table = _readability(sel)
    return HeadlinesSection(headlines, sentence, chart, table)


SECTION_BUILDERS = {
    "In short": summary,
    "Words": _words,
    "Frames": frames,
    "Principles": _principles,
    "Voices": lambda sel: voices(sel)[1],
    "Tone": lambda sel: tone_vader(sel, tone_table(sel)),
    "Headlines & readability": _headlines_section,
    "Parallel reading": parallel_reading,
}
assert tuple(SECTION_BUILDERS) == SECTIONS


def scopes(sel: Selection) -> dict[str, str]:
    return {
        "Headlines & readability": Scope(principles=False, why="A headline has no principle codes. (Readability uses both filters.)").note,
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
        lead = (part.left_out,) if part.left_out else ()
        numbers = part.chart.table if part.chart is not None else empty
        heading, ids = "Where each principle comes in the article", _evidence(part.chart)
    elif section == "Voices":  # whom each outlet quotes, in words ("no one person"), as the tab says it
        lead = who_is_quoted(sel.data, sel.filters).lines
        numbers, heading, ids, said = part.table, "Who gets to speak", _evidence(part), "Sentences that name or quote them"
    elif section == "Tone":  # the hand codes first, the automatic score second (as the tab)
        lead = (*(f"Hand-coded: {t}" for t in part.hand_coded), f"Automatic score (VADER): {part.title}")
        numbers, heading = part.disagreements, "Where hand codes and VADER disagree"
        ids = _evidence(*part.charts.values())
    elif section == "Headlines & readability":
        lead, numbers, heading = (part.sentence,), part.readability_table, "How hard the sentences are to read"
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
