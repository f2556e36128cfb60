"""Sections that more than one page shows, built once from a Selection (frames, tone, words…).

Each returns data (tables, a Chart with its evidence, a title), never Streamlit calls, so the
Compare and Framing pages show the same numbers because they read the same section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from storyframes.analysis import measures as analysis

from storyframes.present import charts

from storyframes.present import findings

from storyframes.core import palette
from storyframes.core.data import StoryData
from storyframes.analysis.evidence import ids_by
from storyframes.core.text import tokenize
from storyframes.views import Chart, Claim, Deferred, Lazy, frozen
from storyframes.views.common import Selection, coverage_for, not_coded_note, not_frame_coded, second_codes

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
    prof = analysis.frame_profile(sel.passages, sel.articles, sel.data.passage_codes)
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
    diff = analysis.frame_difference(prof, a, b)
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
    return data.memo("vader", lambda d: analysis.vader_scores(d.passages))


def tone_table(sel: Selection) -> pd.DataFrame:
    """Hand-coded tone and stance (and VADER) of each selected sentence, with its place label."""
    v = sel.vocab
    tone = analysis.tone_along(sel.passages, sel.data.passage_codes, sentiment=vader(sel.data), articles=sel.articles)
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
    title: str
    charts: dict[str, Chart]  # one per outlet, in the reader's order
    disagreements: pd.DataFrame  # the sentences where the hand code and VADER disagree
    not_coded: str = ""  # which chosen outlets have no hand-coded tone (an added article): VADER alone, below
    vader_only: dict[str, Chart] = field(default_factory=dict)  # their VADER scores, one chart each (no hand code to compare)


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
    dis = analysis.tone_disagreements(tone)
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
    return ToneSection(findings.tone_vader_title(tone), out, table, not_coded_note(sel, "Tone and stance"), vader_only)


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
    hits = analysis.term_hits(sel.data)
    hits = hits[hits["passage_id"].isin(sel.passage_ids)]
    found = hits.groupby(keys, as_index=False, sort=False).agg(count=("passage_id", "size"), passage_ids=("passage_id", _join))
    lex = sel.data.lexicon[sel.data.lexicon["article_id"].isin(sel.articles["article_id"])]
    table = analysis.lexicon_table(lex, sel.articles).merge(found, on=keys)
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
    people = analysis.voices(sel.passages, sel.articles, sel.data.passage_people)
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


# --- principles ---------------------------------------------------------------------------------

def principle_position(sel: Selection) -> tuple[pd.DataFrame, Chart | None]:
    coverage = coverage_for(sel)
    if coverage.empty:
        return coverage, None
    chart = charts.principle_position_chart(coverage, _outlet_scale(sel), findings.position_title(coverage))
    headings = {(r.outlet_id, r.principle_id): f"{r.outlet} on {r.principle_label}" for r in coverage.itertuples()}
    return coverage, Chart("position_chart", charts.spec(chart), findings.matrix_alt_text(coverage), findings.matrix_table(coverage), "mention",
                           ("outlet_id", "principle_id"), frozen(ids_by(coverage, ["outlet_id", "principle_id"])), frozen(headings))


# --- distinctive words --------------------------------------------------------------------------

def distinctive_words(sel: Selection, top: int = 8) -> tuple[pd.DataFrame, dict[str, Chart]]:
    """Fightin' Words among the selected sentences: each outlet's top terms (z > 0), one chart each."""
    words = analysis.fightin_words(sel.passages, sel.articles)
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
    all computed on the selected sentences (both filters apply)."""
    coverage = coverage_for(sel)
    rarest = findings.least_reported_principle(coverage)
    used = lexicon_terms(sel)[list(sel.data.lexicon.columns)]  # only terms that occur in the selected sentences
    facts = analysis.summary_facts(sel.passages, sel.articles, sel.data.passage_codes, sel.data.passage_principles,
                                   sel.data.passage_people, used, principle_id=rarest or "")
    label = sel.vocab.principle(rarest) if rarest else ""
    if label and coverage["principle_id"].nunique() > 1:
        label += ", the least reported selected principle"
    shown = sel.passage_ids
    return tuple(Claim(text, tuple(p for p in ids if p in shown)) for text, ids in findings.summary_claims(facts, label))
