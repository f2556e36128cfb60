"""Sentences that state findings, computed from the data (never typed in).

Chart titles, screen-reader descriptions and summary lines come from here, so the words on the
page change when the data or the filters do, and tests can check them against the tables.
Titles and alt texts are plain text (charts draw text as text); the few sentences returned as
Markdown (with our bold) escape every value they take from the data.
"""

from __future__ import annotations

import re

import pandas as pd

from storyframes.analysis.measures import VOICE_SEP

from storyframes.core.text import escape_markdown as _md


def _names(values) -> str:
    values = list(values)
    if not values:
        return "none"
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def matrix_title(coverage: pd.DataFrame) -> str:
    """E.g. 'Only CBS News (The Crime Report) reported all 4 selected principles; P4 was left out by 2 of 3
    outlets'. One principle is named ('Gawker and CBS News reported P4'), two are 'both'."""
    if coverage.empty:
        return "No principle coverage to show"
    principle_ids = coverage["principle_id"].unique()
    n_p = len(principle_ids)
    reported = coverage[coverage["status"] != "omitted"].groupby("outlet")["principle_id"].nunique()
    full = [o for o, n in reported.items() if n == n_p]
    omitted = coverage[coverage["status"] == "omitted"].groupby("principle_id")["outlet"].nunique().sort_values(ascending=False)
    n_out = coverage["outlet"].nunique()
    what = principle_ids[0] if n_p == 1 else "both selected principles" if n_p == 2 else f"all {n_p} selected principles"
    first = f"{'Only ' if len(full) == 1 and n_out > 1 else ''}{_names(full)} reported {what}" if full else f"No outlet reported {what}"
    if omitted.empty:
        return first
    pid, n = omitted.index[0], int(omitted.iloc[0])
    return f"{first}; {pid} was left out by {n} of {n_out} outlet{'s' if n_out > 1 else ''}"



def left_out_sentence(omitted: pd.DataFrame, n_cells: int) -> str:
    """Each chosen outlet that leaves a chosen principle out, by name (plain text), from
    `measures.omissions` of a matrix of `n_cells` cells: 'Left out — Gawker: no sentence on P4;
    Dabs Magazine: no sentence on P2 or P4.' Every cell reported: one sentence says so; no cell: ""."""
    if not n_cells:
        return ""
    if omitted.empty:
        return "Left out — none: every selected outlet has a sentence on every selected principle."
    def ids(values) -> str:
        values = list(values)
        return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]
    return "Left out — " + "; ".join(f"{r.outlet}: no sentence on {ids(r.principle_ids)}" for r in omitted.itertuples()) + "."

def matrix_alt_text(coverage: pd.DataFrame) -> str:
    """Screen-reader description of the coverage matrix: every cell in words."""
    parts = [f"{r.outlet}, {r.principle_id}: {r.status}" + (f" in {r.n_sentences} sentences" if r.n_sentences else "")
             for r in coverage.itertuples()]
    return "Matrix of outlets by principle. " + "; ".join(parts) + "."


def matrix_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """The data-table alternative to the matrix."""
    return coverage[["outlet", "principle_label", "status", "n_sentences", "share_pct", "position_label", "first_passage_id"]].rename(
        columns={"outlet": "Outlet", "principle_label": "Principle", "status": "Status", "n_sentences": "Sentences",
                 "share_pct": "Share of words (%)", "position_label": "First mention", "first_passage_id": "First passage"}
    )


def side_by_side_caption(coverage: pd.DataFrame, principle_id: str) -> str:
    rows = coverage[coverage["principle_id"] == principle_id]
    said = [f"{r.outlet}: {r.status}" + (f" ({r.n_sentences} sentence{'s' if r.n_sentences != 1 else ''}, first in the {r.position_label})" if r.n_sentences else "")
            for r in rows.itertuples()]
    return ". ".join(said) + "."


def _pct(x: float) -> str:
    return f"{x:.0%}"


def lexicon_side_by_side(terms: pd.DataFrame, outlet_order: list[str]) -> pd.DataFrame:
    """One row per target, one column per outlet: the outlet's terms with their register.
    `terms` has target_label, outlet, term and register_label (one row per term)."""
    if terms.empty:
        return pd.DataFrame({"Words for": []})
    entry = terms["term"] + " (" + terms["register_label"].str.lower() + ")"
    wide = terms.assign(entry=entry).groupby(["target_label", "outlet"], sort=False)["entry"].agg("; ".join).unstack("outlet").fillna("—")
    wide = wide.reindex(columns=[o for o in outlet_order if o in wide.columns])
    return wide.reset_index().rename(columns={"target_label": "Words for"})


def frame_title(profile: pd.DataFrame) -> str:
    """E.g. 'Gawker leans on Crime and punishment (40%); CBS News on Policy prescription (55%)'."""
    if profile.empty:
        return "No frames to show"
    top = profile.sort_values(["share", "n"], ascending=False).groupby("outlet", sort=False).head(1)
    return "; ".join(f"{r.outlet}: most often {r.frame_label} ({_pct(r.share)})" for r in top.itertuples())


def frame_alt_text(profile: pd.DataFrame) -> str:
    parts = [f"{r.outlet}, {r.frame_label}: {r.n} sentences ({_pct(r.share)})" for r in profile.itertuples()]
    return "Bar chart of the share of each outlet's sentences per frame. " + "; ".join(parts) + "."


def tone_title(tone: pd.DataFrame) -> str:
    """Which outlet is most mocking, by share of its sentences coded mocking."""
    if tone.empty:
        return "No sentences to show"
    share = tone.groupby("outlet")["tone_police"].apply(lambda s: (s == "mocking").mean()).sort_values(ascending=False)
    if share.iloc[0] == 0:
        return "No sentence mocks law enforcement in this selection"
    return f"{share.index[0]} is the most mocking: {_pct(share.iloc[0])} of its sentences mock law enforcement"


TONES = ("mocking", "critical", "neutral", "favourable")  # the hand codes with a law-enforcement actor, in the codebook's order


def tone_counts_sentence(tone: pd.DataFrame, outlets: list[str]) -> str:
    """The hand-coded tone of each outlet's selected sentences, counted (plain text): 'Gawker: 4
    mocking, 3 critical, 5 neutral of 15 sentences. …' (the sentences with no law-enforcement actor
    are the rest). An outlet with no hand codes (an added article) is left to its own note."""
    parts = []
    for outlet in outlets:
        mine = tone.loc[tone["outlet"] == outlet, "tone_police"]
        if not (mine != "").any():
            continue
        counts = [f"{int((mine == t).sum())} {t}" for t in TONES if (mine == t).any()]
        parts.append(f"{outlet}: {', '.join(counts) or 'no law-enforcement actor'} of {len(mine)} sentence{'s' if len(mine) != 1 else ''}")
    return ". ".join(parts) + "." if parts else ""  # a sentence per outlet: one long list reads at grade 12


def tone_alt_text(tone: pd.DataFrame) -> str:
    counts = tone.groupby(["outlet", "tone_police"]).size()
    parts = [f"{o}: {n} {t}" for (o, t), n in counts.items()]
    return "Dot chart of hand-coded tone toward law enforcement by position in each article. " + "; ".join(parts) + "."


def vader_only_alt_text(tone: pd.DataFrame, outlet: str) -> str:
    """Alt text of an auto-coded article's VADER chart (no hand-coded tone)."""
    counts = tone["vader_label"].value_counts()
    parts = ", ".join(f"{n} {label}" for label, n in counts.items()) or "no sentence"
    return f"Dot chart of VADER's automated score along {outlet}, which has no hand-coded tone: {parts}."


def headline_table(coverage: pd.DataFrame, headline_codes: pd.DataFrame, frame_labels: dict[str, str]) -> pd.DataFrame:
    """The headlines compared: who, when, the words that frame it and the frame (five columns fit a projector)."""
    merged = coverage.merge(headline_codes, on="coverage_id", how="left")
    return pd.DataFrame({
        "Outlet": merged["outlet"] + " (" + merged["outlet_kind"] + ")",
        "Published": merged["published"],
        "Headline": merged["headline"] + merged["headline_confidence"].map(lambda c: "" if c == "high" else f" [headline {c} confidence]"),
        "Key words": merged["key_terms"],
        "Frame · stance": merged["frame"].map(frame_labels) + " · " + merged["headline_stance"],
        "Address": merged["url"],
    })


def headline_dates_title(coverage: pd.DataFrame, launch: pd.Timestamp | None = None) -> str:
    """How many headlines appeared on launch day, counting only pieces dated to the day."""
    exact = coverage[coverage["published_earliest"] == coverage["published_latest"]]
    day = launch if launch is not None else (exact["published_earliest"].mode().iloc[0] if len(exact) else None)
    if day is None:
        return "No headline is dated to the day"
    on_day = int((exact["published_earliest"] == day).sum())
    vague = len(coverage) - len(exact)
    return (f"{on_day} of {len(coverage)} headlines appeared on {day:%B} {day.day}, {day.year}"
            + (f"; {vague} {'is' if vague == 1 else 'are'} dated only roughly" if vague else ""))


def undated_note(coverage: pd.DataFrame) -> str:
    """Which pieces the date chart leaves out, and why."""
    vague = coverage[(coverage["published_latest"] - coverage["published_earliest"]).dt.days > 7]
    if vague.empty:
        return ""
    return "Not plotted (dated only to the month): " + ", ".join(f"{r.outlet} ({r.published})" for r in vague.itertuples()) + "."


def headline_dates_alt_text(coverage: pd.DataFrame) -> str:
    parts = [f"{r.outlet}: {r.published}" for r in coverage.itertuples()]
    return "Dot chart of publication dates. " + "; ".join(parts) + "."


def _fact(facts: pd.DataFrame, fact_id: str) -> pd.Series:
    rows = facts[facts["fact_id"] == fact_id]
    if rows.empty:
        raise KeyError(f"facts.csv has no fact {fact_id!r}")
    return rows.iloc[0]


def at_a_glance(facts: pd.DataFrame, members: pd.DataFrame) -> list[dict]:
    """What, when, where, who: four cards drawn from facts.csv and members.csv."""
    launch = pd.Timestamp(_fact(facts, "launch_date")["value"])
    panel = pd.Timestamp(_fact(facts, "wh_panel_date")["value"])
    chairs = members[members["title"].str.contains("Co-Chair") & (members["launch_era"] == "yes")]
    chair_text = " and ".join(f"{r.name} ({r.agency.replace(' Department', '')})" for r in chairs.itertuples())
    count = _fact(facts, "member_count_announced")
    return [
        {"label": "What", "headline": "A law-enforcement coalition",
         "detail": f"{_fact(facts, 'group_name')['value']}, a project of the {_fact(facts, 'group_parent')['value']}, "
                   f"published a Statement of Principles with four priorities."},
        {"label": "When", "headline": f"{launch:%a} {launch:%b} {launch.day}, {launch.year}",
         "detail": f"Launch press conference. A White House panel with President Obama came next, on {panel:%A}, {panel:%B} {panel.day}."},
        {"label": "Where", "headline": "Washington, D.C.",
         "detail": f"{_fact(facts, 'launch_venue')['value'].split(',')[0]}. The Crime Report calls it “{_fact(facts, 'launch_crime_report_wording')['value']}”."},
        {"label": "Who", "headline": f"{count['value']} police chiefs, sheriffs, prosecutors",
         "detail": f"Announced as coming “from all 50 states”. Co-chairs: {chair_text}."},
    ]


_GROWTH_FACTS = ("count_dec2015", "count_jan2016", "count_later")


def member_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """How each source counted the members in launch week (the 'count' facts, later growth aside)."""
    rows = facts[(facts["topic"] == "count") & ~facts["fact_id"].isin(_GROWTH_FACTS)]
    return rows[["fact", "value", "source", "confidence", "source_url"]].reset_index(drop=True)


def member_growth(facts: pd.DataFrame) -> pd.DataFrame:
    """How the membership grew after the launch, as the facts state it."""
    rows = facts[facts["fact_id"].isin(_GROWTH_FACTS)]
    return rows[["fact", "value", "source", "confidence", "source_url"]].reset_index(drop=True)


def _source_label(source: str) -> str:
    """'NPR (Carrie Johnson), 2015-10-21' → 'NPR': the outlet, without dates or passage ids."""
    return re.split(r"[(,;]", source)[0].strip()


def member_counts_sentence(counts: pd.DataFrame, announced: str = "", growth: pd.DataFrame | None = None) -> str:
    """How the press counts differ, each number taken from the facts given (Markdown; data escaped)."""
    values = pd.to_numeric(counts["value"], errors="coerce")
    lo, hi = int(values.min()), int(values.max())
    if lo == hi:
        return f"Every source gave {lo}."
    said = "; ".join(f"{_md(_source_label(s))}: {_md(v)}" for s, v in zip(counts["source"], counts["value"]))
    lead = f"The launch was announced as **{_md(announced)}** members. But " if announced else ""
    text = f"{lead}{len(counts)} sources gave counts from **{lo}** to **{hi}** — {said}."
    if growth is not None and not growth.empty:
        text += " Later: " + " ".join(_md(f) for f in growth["fact"])
    return text


def timeline_title(timeline: pd.DataFrame, articles: pd.DataFrame) -> str:
    late = articles[articles["published_earliest"] > articles["published_earliest"].min()]
    if late.empty:
        return "All the coverage came on launch day"
    lag = (late["published_earliest"].min() - articles["published_earliest"].min()).days
    return f"Most coverage came on launch day; {', '.join(late['outlet'])} followed at least {lag} days later"


def timeline_alt_text(timeline: pd.DataFrame) -> str:
    parts = [f"{r.start}{' to ' + r.end if r.end else ''}: {r.label}" for r in timeline.itertuples()]
    return "Timeline of launch week. " + "; ".join(parts) + "."


def least_reported_principle(coverage: pd.DataFrame) -> str:
    """The chosen principle that the fewest chosen outlets report (ties: the later one); "" if none."""
    if coverage.empty:
        return ""
    reported = coverage.assign(_r=coverage["status"] != "omitted").groupby("principle_id", sort=False)["_r"].sum()
    fewest = reported[reported == reported.min()]
    return str(fewest.index[-1])


def summary_claims(facts: dict, principle_label: str) -> list[tuple[str, list[str]]]:
    """The plain-language summary: one claim a line (Markdown; every name and term from the data
    escaped), each with the passage ids that prove it.

    `facts` is `analysis.summary_facts(...)` on the selected sentences; every figure comes from
    it, nothing is typed in. `principle_label` names the principle of the "principle_mentions" fact.
    """
    def names(values) -> str:
        return _names([_md(v) for v in values])

    lines: list[tuple[str, list[str]]] = []
    principle_label = _md(principle_label)
    sq = facts["statement_quotes"]
    if sq["outlets"] and sq["n_sentences"]:
        others = sq["table"][~sq["table"]["outlet_id"].isin(sq["outlet_ids"])]
        rest = ", ".join(f"{_md(r.outlet)} {r.n_sentences}" for r in others.itertuples())
        verb = "quotes" if len(sq["outlets"]) == 1 else "quote"
        lines.append((f"**{names(sq['outlets'])}** {verb} the group's Statement most: in {sq['n_sentences']} sentence{'s' if sq['n_sentences'] != 1 else ''}"
                      + (f" (against {rest})." if rest else "."), sq["passage_ids"]))
    else:
        lines.append(("No selected sentence quotes the group's Statement.", []))
    ps = facts["police_slang"]
    if ps["outlets"]:
        said = "; ".join(f"{_md(o)}: " + ", ".join(f"“{_md(t)}”" for t in ps["terms"][oid]) for oid, o in zip(ps["outlet_ids"], ps["outlets"]))
        lines.append((f"**{names(ps['outlets'])}** call{'s' if len(ps['outlets']) == 1 else ''} the police by slang or insults — {said}.",
                      ps["passage_ids"]))
    else:
        lines.append(("No selected sentence calls the police by slang or insults.", []))
    pm = facts["principle_mentions"]
    if principle_label:
        how = pm["how"]
        n_out = len(pm["table"])
        if pm["outlets"]:
            missing = [r.outlet for r in pm["table"].itertuples() if r.status == "omitted"]
            lead = "Only " if missing else ("" if n_out == 1 else "Both " if n_out == 2 else "All ")
            verb = "mentions" if len(pm["outlets"]) == 1 else "mention"
            # which outlets leave it out is said by the view's "Left out" line (views.common.left_out), the one place that names them
            lines.append((f"{lead}**{names(pm['outlets'])}** {verb} {principle_label} ("
                          + ", ".join(_md(how[o]) for o in pm["outlet_ids"]) + ").", pm["passage_ids"]))
        else:
            lines.append((f"No selected outlet mentions {principle_label}.", []))
    mk = facts["mocking"]
    if mk["outlets"] and mk["n"]:
        leaders = mk["table"].set_index("outlet_id").loc[mk["outlet_ids"]]
        if len(leaders) == 1:
            r = leaders.iloc[0]
            said = f"is the most mocking: {int(r.n_mocking)} of its {int(r.n_prose)} selected sentences"
        else:
            said = "are the most mocking: " + " and ".join(f"{int(r.n_mocking)} of {int(r.n_prose)}" for r in leaders.itertuples()) + " of their selected sentences"
        lines.append((f"**{names(mk['outlets'])}** {said} ({_pct(mk['share'])}) mock law enforcement.", mk["passage_ids"]))
    else:
        lines.append(("No selected sentence mocks law enforcement.", []))
    return lines


def register_alt_text(counts: pd.DataFrame) -> str:
    parts = [f"{r.outlet}: {r.terms} {r.register_label.lower()}" for r in counts.itertuples()]
    return "Stacked bars of the lexicon's terms by register. " + ("; ".join(parts) or "no terms") + "."


def voices_alt_text(voices: pd.DataFrame) -> str:
    parts = [f"{r.person} in {r.outlet}: {r.quote_words} quoted words" for r in voices.itertuples()]
    return ("Bar chart of quoted words per speaker. " + "; ".join(parts) + ".") if parts else ""


def distinctive_words_title(words: pd.DataFrame) -> str:
    if words.empty:
        return "Not enough outlets to compare words"
    top = words.sort_values("z", ascending=False).groupby("outlet", sort=False).head(1)
    strong = int((words["z"].abs() >= 1.96).sum())
    lead = "; ".join(f"{r.outlet}: “{r.term}”" for r in top.itertuples())
    return f"Most distinctive words — {lead}" + ("" if strong else " (none reaches |z| ≥ 1.96: three short articles)")


def frame_difference_title(diff: pd.DataFrame, name_a: str, name_b: str) -> str:
    if diff.empty:
        return "No frames to compare"
    top = diff.iloc[0]
    who = name_a if top["diff"] > 0 else name_b
    return f"The biggest gap: {who} gives {top['frame_label']} {abs(top['diff']) * 100:.0f} percentage points more of its sentences"


def position_title(coverage: pd.DataFrame) -> str:
    mentioned = coverage[coverage["status"] != "omitted"]
    if mentioned.empty:
        return "No selected outlet mentions these principles"
    early = mentioned.sort_values("first_position").iloc[0]
    return f"{early['outlet']} reaches a principle first ({early['principle_id']}, in its {early['position_label']}); omitted principles have no point"


def voices_title(voices: pd.DataFrame) -> str:
    quoted = voices[voices["n_quoted"] > 0]
    if quoted.empty:
        return "Nobody is quoted in this selection"
    top = quoted.sort_values("quote_words", ascending=False).iloc[0]
    return f"{top['person']} gets the most quoted words ({top['quote_words']}, in {top['outlet']}, through {top['channels'].replace('_', ' ')})"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def who_is_quoted_lines(who: pd.DataFrame, group: str, channel_labels: dict[str, str]) -> tuple[str, ...]:
    """One line per outlet of a `measures.who_is_quoted` table, saying in words whom it quotes:
    the individuals by name, or "no one person" and who is quoted instead (the group as "the group
    itself"), with the channels their quotes come through, or nobody."""
    def voices(cell: str) -> list[str]:
        return ["the group itself" if name == group else name for name in cell.split(VOICE_SEP) if name]

    lines = []
    for r in who.itertuples():
        people, others = voices(r.individuals), voices(r.other_voices)
        if not people and not others:
            lines.append(f"{r.outlet} quotes nobody.")
        elif not people:
            channels = ", ".join(channel_labels.get(c, c) for c in r.other_channels.split(", ") if c)
            lines.append(f"{r.outlet} quotes no one person, only {_and_list(others)} (how: {channels}; "
                         f"{r.n_quoted} sentence{'s' if r.n_quoted != 1 else ''} with a quote).")
        else:
            besides = f", besides {_and_list(others)}" if others else ""
            lines.append(f"{r.outlet} quotes {len(people)} {'people' if len(people) != 1 else 'person'}, {_and_list(people)}{besides}.")
    return tuple(lines)


def register_title(lexicon: pd.DataFrame) -> str:
    if lexicon.empty:
        return "No lexicon terms in this selection"
    informal = lexicon[lexicon["register"].isin(["slang", "pejorative"])].groupby("outlet").size()
    formal = lexicon[lexicon["register"] == "formal"].groupby("outlet").size()
    if informal.empty:
        return "Every selected outlet keeps to formal or neutral words"
    return f"{informal.idxmax()} uses the most slang and insults ({int(informal.max())} terms); {formal.idxmax() if not formal.empty else 'none'} the most formal words"


def tone_vader_title(tone: pd.DataFrame) -> str:
    dis = tone[tone["disagreement"].fillna(False).astype(bool)]
    return (f"VADER gets the tone wrong in {len(dis)} of {int((tone['tone_police'].isin(['mocking', 'critical', 'favourable'])).sum())} "
            "sentences with a tone. It scores sarcasm as good") if len(dis) else "VADER and the hand codes agree on every toned sentence here"


def readability_title(read: pd.DataFrame) -> str:
    if read.empty:
        return "No text to measure"
    hard = read.sort_values("flesch_kincaid_grade", ascending=False).iloc[0]
    easy = read.sort_values("flesch_kincaid_grade").iloc[0]
    return f"{hard['outlet']} reads hardest (grade {hard['flesch_kincaid_grade']:.1f}); {easy['outlet']} easiest ({easy['flesch_kincaid_grade']:.1f})"


def headline_agreement_sentence(hvb: pd.DataFrame) -> str:
    full = hvb[hvb["article_id"] != ""]
    if full.empty:
        return ""
    agree = full[full["agrees"].fillna(False).astype(bool)]
    text = f"For the full texts we can check: {len(agree)} of {len(full)} headlines share the body's dominant frame"
    if len(agree) == len(full):
        return text + "."
    others = full[~full["agrees"].fillna(False).astype(bool)]["outlet"].tolist()
    return text + f" ({_names(others)} {'does' if len(others) == 1 else 'do'} not)."


def headline_body_table(hvb: pd.DataFrame, frame_labels: dict[str, str]) -> pd.DataFrame:
    """Headline frame and key terms for every headline; the body's dominant frame where we have it."""
    agrees = hvb["agrees"].map(lambda a: "—" if pd.isna(a) else ("yes" if a else "no"))
    return pd.DataFrame({
        "Outlet": hvb["outlet"],
        "Headline": hvb["headline"],
        "Key terms": hvb["key_terms"],
        "Headline frame": hvb["frame"].map(frame_labels),
        "Headline stance": hvb["headline_stance"],
        "Body's main frame": hvb["body_dominant_frame"].map(lambda f: frame_labels.get(f, "—") if f else "— (headline only)"),
        "Agree?": agrees,
    })


def words_alt_text(words: pd.DataFrame, outlet: str) -> str:
    parts = [f"{r.term}: z {r.z:.2f}, {r.count} times here and {r.count_others} in the others" for r in words.itertuples()]
    return f"Most distinctive words of {outlet}. " + "; ".join(parts) + "."


def display_date(published: str) -> str:
    """'2015-10-21T09:36' → '2015-10-21, 09:36'; other recorded forms unchanged."""
    return published.replace("T", ", ")


def readability_table(read: pd.DataFrame) -> pd.DataFrame:
    """Readability figures as a reader reads them (formatted, not 4-decimal floats)."""
    return pd.DataFrame({
        "Outlet": read["outlet"],
        "Words": read["words"].astype(str),
        "Sentences": read["sentences"].astype(str),
        "Words per sentence": read["avg_sentence_length"].map("{:.1f}".format),
        "Syllables per word": read["syllables_per_word"].map("{:.2f}".format),
        "Flesch–Kincaid grade": read["flesch_kincaid_grade"].map("{:.1f}".format),
        "Reading ease": read["flesch_reading_ease"].map("{:.0f}".format),
        "Quotes per 100 words": read["quotes_per_100_words"].map("{:.1f}".format),
    })


def fact_value(facts: pd.DataFrame, fact_id: str) -> str:
    """The value of one fact from facts.csv."""
    return str(_fact(facts, fact_id)["value"])
