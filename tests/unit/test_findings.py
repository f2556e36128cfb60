"""Sentences that state findings (storyframes.present.findings): exact sentences on tiny hand-made tables,
and the page summaries on the real package, each number checked against an independent pandas
computation on the CSV files."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes.analysis import measures as analysis
from storyframes.present import findings as F
from storyframes.core.data import DATA_DIR, load_package
from storyframes.core.text import escape_markdown


def cov_frame(rows):
    """Principle coverage rows: (outlet_id, outlet, principle_id, status, n_sentences, position_label)."""
    return pd.DataFrame(rows, columns=["outlet_id", "outlet", "principle_id", "status", "n_sentences", "position_label"])


# --- matrix_title ---------------------------------------------------------------------------------


def test_matrix_title_one_full_outlet_and_the_most_omitted_principle():
    cov = cov_frame([
        ("a", "A", "P1", "quoted", 2, "lede"), ("a", "A", "P2", "paraphrased", 1, "body"),
        ("b", "B", "P1", "quoted", 1, "body"), ("b", "B", "P2", "omitted", 0, "—"),
        ("c", "C", "P1", "omitted", 0, "—"), ("c", "C", "P2", "omitted", 0, "—"),
    ])
    assert F.matrix_title(cov) == "Only A reported both selected principles; P2 was left out by 2 of 3 outlets"


def test_matrix_title_several_full_outlets_no_omission_one_principle():
    cov = cov_frame([("a", "A", "P4", "quoted", 1, "lede"), ("b", "B", "P4", "paraphrased", 3, "body")])
    assert F.matrix_title(cov) == "A and B reported P4"


def test_matrix_title_single_outlet_is_not_only():
    cov = cov_frame([("a", "A", "P1", "quoted", 1, "lede"), ("a", "A", "P2", "quoted", 1, "body")])
    assert F.matrix_title(cov) == "A reported both selected principles"


def test_matrix_title_no_full_outlet():
    cov = cov_frame([
        ("a", "A", "P1", "quoted", 1, "lede"), ("a", "A", "P2", "omitted", 0, "—"),
        ("b", "B", "P1", "omitted", 0, "—"), ("b", "B", "P2", "omitted", 0, "—"),
    ])
    assert F.matrix_title(cov) == "No outlet reported both selected principles; P2 was left out by 2 of 2 outlets"


def test_matrix_title_one_outlet_omitting():
    cov = cov_frame([("a", "A", "P1", "quoted", 1, "lede"), ("a", "A", "P2", "omitted", 0, "—")])
    assert F.matrix_title(cov) == "No outlet reported both selected principles; P2 was left out by 1 of 1 outlet"


def test_matrix_title_one_principle_is_named_not_counted():
    """Issue 20: under a one-principle filter the title read 'reported all 1 selected principle'."""
    cov = cov_frame([("a", "A", "P4", "quoted", 1, "lede"), ("b", "B", "P4", "omitted", 0, "—"), ("c", "C", "P4", "omitted", 0, "—")])
    title = F.matrix_title(cov)
    assert title == "Only A reported P4; P4 was left out by 2 of 3 outlets"
    assert "all 1" not in title and "selected principle" not in title
    assert F.matrix_title(cov_frame([("a", "A", "P4", "omitted", 0, "—")])) == "No outlet reported P4; P4 was left out by 1 of 1 outlet"


def test_matrix_title_three_or_more_principles_are_counted():
    cov = cov_frame([("a", "A", p, "quoted", 1, "lede") for p in ("P1", "P2", "P3")])
    assert F.matrix_title(cov) == "A reported all 3 selected principles"


def test_matrix_title_empty():
    assert F.matrix_title(cov_frame([])) == "No principle coverage to show"


def test_matrix_alt_text_and_side_by_side_caption():
    cov = cov_frame([("a", "A", "P1", "quoted", 2, "lede"), ("b", "B", "P1", "paraphrased", 1, "closing"),
                     ("c", "C", "P1", "omitted", 0, "—")])
    assert F.matrix_alt_text(cov) == ("Matrix of outlets by principle. A, P1: quoted in 2 sentences; B, P1: paraphrased in 1 sentences; "
                                      "C, P1: omitted.")
    assert F.side_by_side_caption(cov, "P1") == ("A: quoted (2 sentences, first in the lede). "
                                                 "B: paraphrased (1 sentence, first in the closing). C: omitted.")


# --- principle_reach ------------------------------------------------------------------------------


# --- member counts --------------------------------------------------------------------------------


def counts_frame(values):
    return pd.DataFrame({"fact": [f"f{i}" for i in range(len(values))], "value": values,
                         "source": "s", "confidence": "high", "source_url": "https://x"})


def test_member_counts_sentence_range():
    got = F.member_counts_sentence(counts_frame(["130", "120", "125"]), "130")
    assert got.startswith("The launch was announced as **130** members. But 3 sources gave counts from **120** to **130** — ")


def test_member_counts_sentence_all_equal():
    assert F.member_counts_sentence(counts_frame(["130", "130"])) == "Every source gave 130."


def test_member_counts_sentence_states_only_numbers_from_its_input():
    got = F.member_counts_sentence(counts_frame(["90", "100"]))
    numbers = set(re.findall(r"\d+", got))
    assert numbers <= {"2", "90", "100"}, got


def test_member_counts_of_launch_week_from_facts_csv(data, facts_csv):
    launch_week = facts_csv[(facts_csv["topic"] == "count")
                            & ~facts_csv["fact_id"].isin(["count_dec2015", "count_jan2016", "count_later"])]
    got = F.member_counts(data.facts)
    assert got["value"].tolist() == launch_week["value"].tolist()
    values = launch_week["value"].astype(int)
    sentence = F.member_counts_sentence(got)
    assert f"{len(launch_week)} sources gave counts from **{values.min()}** to **{values.max()}**" in sentence


# --- at_a_glance ----------------------------------------------------------------------------------


def tiny_facts():
    rows = {
        "launch_date": "2016-03-01", "wh_panel_date": "2016-03-03", "group_name": "Chiefs for Change",
        "group_parent": "Example Institute", "launch_venue": "Town Hall, Springfield, IL",
        "launch_crime_report_wording": "a gathering in Springfield", "member_count_announced": "99",
    }
    return pd.DataFrame({"fact_id": list(rows), "topic": "event", "value": list(rows.values())})


def tiny_members():
    return pd.DataFrame({
        "name": ["Ann A", "Bob B", "Cy C", "Di D"],
        "title": ["Chief; Co-Chair", "Sheriff", "Co-Chair (co-founder)", "Co-Chair"],
        "agency": ["Springfield Police Department", "County Sheriff", "Shelbyville Police Department", "Later PD"],
        "launch_era": ["yes", "yes", "yes", "no_or_uncertain"],
    })


def test_at_a_glance_from_tiny_facts():
    cards = F.at_a_glance(tiny_facts(), tiny_members())
    assert cards == [
        {"label": "What", "headline": "A law-enforcement coalition",
         "detail": "Chiefs for Change, a project of the Example Institute, published a Statement of Principles with four priorities."},
        {"label": "When", "headline": "Tue Mar 1, 2016",
         "detail": "Launch press conference. A White House panel with President Obama came next, on Thursday, March 3."},
        {"label": "Where", "headline": "Washington, D.C.",
         "detail": "Town Hall. The Crime Report calls it “a gathering in Springfield”."},
        {"label": "Who", "headline": "99 police chiefs, sheriffs, prosecutors",
         "detail": "Announced as coming “from all 50 states”. Co-chairs: Ann A (Springfield Police) and Cy C (Shelbyville Police)."},
    ]


def test_at_a_glance_missing_fact_is_a_clear_error():
    facts = tiny_facts()
    with pytest.raises(KeyError, match="wh_panel_date"):
        F.at_a_glance(facts[facts["fact_id"] != "wh_panel_date"], tiny_members())


def test_at_a_glance_real(data, facts_csv):
    value = dict(zip(facts_csv["fact_id"], facts_csv["value"]))
    launch, panel = pd.Timestamp(value["launch_date"]), pd.Timestamp(value["wh_panel_date"])
    cards = {c["label"]: c for c in F.at_a_glance(data.facts, data.members)}
    assert value["launch_date"] == "2015-10-21" and launch.day_name() == "Wednesday"
    when = f"{launch.day_name()[:3]} {launch.month_name()[:3]} {launch.day}, {launch.year}"
    assert cards["When"]["headline"] == when == "Wed Oct 21, 2015"
    assert f"came next, on {panel.day_name()}, {panel.month_name()} {panel.day}." in cards["When"]["detail"]
    assert cards["Who"]["headline"].startswith(f"{value['member_count_announced']} police chiefs")
    members = pd.read_csv(DATA_DIR / "members.csv", dtype=str, keep_default_na=False)
    chairs = members[members["title"].str.contains("Co-Chair") & (members["launch_era"] == "yes")]
    assert len(chairs) >= 1
    for name in chairs["name"]:
        assert name in cards["Who"]["detail"]
    assert value["group_name"] in cards["What"]["detail"] and value["group_parent"] in cards["What"]["detail"]
    assert value["launch_venue"].split(",")[0] in cards["Where"]["detail"]


# --- timeline_title -------------------------------------------------------------------------------


def test_timeline_title_lag_and_late_outlets():
    arts = pd.DataFrame({"outlet": ["A", "B", "C", "D"],
                         "published_earliest": pd.to_datetime(["2015-10-21", "2015-10-28", "2015-10-21", "2015-10-24"])})
    assert F.timeline_title(pd.DataFrame(), arts) == "Most coverage came on launch day; B, D followed at least 3 days later"


def test_timeline_title_all_same_day():
    arts = pd.DataFrame({"outlet": ["A", "B"], "published_earliest": pd.to_datetime(["2015-10-21", "2015-10-21"])})
    assert F.timeline_title(pd.DataFrame(), arts) == "All the coverage came on launch day"


def test_timeline_title_real(data):
    arts = pd.read_csv(DATA_DIR / "articles.csv", dtype=str, keep_default_na=False)
    first = pd.to_datetime(arts["published_earliest"]).min()
    late = arts[pd.to_datetime(arts["published_earliest"]) > first]
    lag = (pd.to_datetime(late["published_earliest"]).min() - first).days
    assert lag == 5 and late["outlet"].tolist() == ["Dabs Magazine"]
    assert F.timeline_title(data.timeline, data.articles) == (
        f"Most coverage came on launch day; {', '.join(late['outlet'])} followed at least {lag} days later")


# --- headlines ------------------------------------------------------------------------------------


def test_headline_table():
    coverage = pd.DataFrame({
        "coverage_id": ["x", "y"], "outlet": ["Outlet X", "Outlet Y"], "outlet_kind": ["paper", "blog"],
        "published": ["2015-10-21", "2015-10"], "headline": ["Chiefs act", "Cops talk"], "headline_confidence": ["high", "low"],
        "article_id": ["x", ""], "url": ["https://x", "https://y"],
    })
    codes = pd.DataFrame({"coverage_id": ["y", "x"], "frame": ["political", "policy"], "key_terms": ["cops; talk", "chiefs act"],
                          "headline_stance": ["sceptical", "neutral"]})
    got = F.headline_table(coverage, codes, {"policy": "Policy prescription", "political": "Political"})
    assert list(got.columns) == ["Outlet", "Published", "Headline", "Key words", "Frame · stance", "Address"]
    assert got.to_dict("records") == [
        {"Outlet": "Outlet X (paper)", "Published": "2015-10-21", "Headline": "Chiefs act", "Key words": "chiefs act",
         "Frame · stance": "Policy prescription · neutral", "Address": "https://x"},
        {"Outlet": "Outlet Y (blog)", "Published": "2015-10", "Headline": "Cops talk [headline low confidence]", "Key words": "cops; talk",
         "Frame · stance": "Political · sceptical", "Address": "https://y"},
    ]


def test_headline_table_real_has_every_headline(data):
    labels = dict(zip(data.codebook[data.codebook["field"] == "frame"]["code"], data.codebook[data.codebook["field"] == "frame"]["label"]))
    got = F.headline_table(data.coverage, data.headline_codes, labels)
    cov = pd.read_csv(DATA_DIR / "coverage.csv", dtype=str, keep_default_na=False)
    assert [h.split(" [headline")[0] for h in got["Headline"]] == cov["headline"].tolist()
    assert got["Frame · stance"].notna().all()


def dated(earliest, latest):
    return pd.DataFrame({"outlet": [f"O{i}" for i in range(len(earliest))], "published": earliest,
                         "published_earliest": pd.to_datetime(earliest), "published_latest": pd.to_datetime(latest)})


def test_headline_dates_title():
    cov = dated(["2015-10-22", "2015-10-21", "2015-10-21", "2015-11-02"], ["2015-10-22", "2015-10-21", "2015-10-21", "2015-11-02"])
    assert F.headline_dates_title(cov) == "2 of 4 headlines appeared on October 21, 2015"


def test_headline_dates_title_does_not_count_month_only_dates_as_the_first():
    """A piece dated only "2015-10" has earliest Oct 1: it must not make Oct 1 look like the big day."""
    cov = dated(["2015-10-01", "2015-10-01", "2015-10-21", "2015-10-21", "2015-10-21"],
                ["2015-10-31", "2015-10-31", "2015-10-21", "2015-10-21", "2015-10-21"])
    assert F.headline_dates_title(cov, pd.Timestamp("2015-10-21")) == "3 of 5 headlines appeared on October 21, 2015; 2 are dated only roughly"
    assert F.undated_note(cov).startswith("Not plotted (dated only to the month): O0 (2015-10-01), O1")


def test_headline_agreement_sentence_names_the_disagreeing():
    hvb = pd.DataFrame({"outlet": ["A", "B", "C"], "article_id": ["a", "b", ""],
                        "agrees": pd.array([True, False, pd.NA], dtype="boolean")})
    assert F.headline_agreement_sentence(hvb) == (
        "For the full texts we can check: 1 of 2 headlines share the body's dominant frame (B does not).")


def test_headline_agreement_sentence_no_full_text():
    hvb = pd.DataFrame({"outlet": ["C"], "article_id": [""], "agrees": pd.array([pd.NA], dtype="boolean")})
    assert F.headline_agreement_sentence(hvb) == ""


def test_headline_agreement_sentence_all_agree_is_a_full_sentence():
    hvb = pd.DataFrame({"outlet": ["A", "B"], "article_id": ["a", "b"], "agrees": pd.array([True, True], dtype="boolean")})
    got = F.headline_agreement_sentence(hvb)
    assert got == "For the full texts we can check: 2 of 2 headlines share the body's dominant frame."


# --- lexicon_side_by_side -------------------------------------------------------------------------


def terms_frame(rows):
    """Lexicon terms as the view passes them: (target_label, outlet, term, register_label)."""
    return pd.DataFrame(rows, columns=["target_label", "outlet", "term", "register_label"])


def test_lexicon_side_by_side():
    terms = terms_frame([
        ("Police", "Outlet A", "cops", "Slang"),
        ("Police", "Outlet A", "pigs", "Pejorative"),
        ("Police", "Outlet B", "officers", "Formal"),
        ("Reform", "Outlet A", "reform", "Neutral"),
    ])
    got = F.lexicon_side_by_side(terms, ["Outlet B", "Outlet A"])  # the reader's order
    assert list(got.columns) == ["Words for", "Outlet B", "Outlet A"]
    assert got.to_dict("records") == [
        {"Words for": "Police", "Outlet B": "officers (formal)", "Outlet A": "cops (slang); pigs (pejorative)"},
        {"Words for": "Reform", "Outlet B": "—", "Outlet A": "reform (neutral)"},
    ]


def test_lexicon_side_by_side_rows_keep_the_terms_order_and_columns_only_chosen_outlets_with_terms():
    terms = terms_frame([
        ("Reform", "Outlet B", "overhaul", "Figurative"),
        ("Police", "Outlet B", "top brass", "Slang"),
        ("Police", "Outlet Z", "ghost", "Slang"),  # an outlet not in the order: left out
    ])
    got = F.lexicon_side_by_side(terms, ["Outlet A", "Outlet B"])  # Outlet A has no term: no column
    assert list(got.columns) == ["Words for", "Outlet B"]
    assert got["Words for"].tolist() == ["Reform", "Police"]
    assert got["Outlet B"].tolist() == ["overhaul (figurative)", "top brass (slang)"]


def test_lexicon_side_by_side_of_no_terms():
    got = F.lexicon_side_by_side(terms_frame([]), ["Outlet A"])
    assert got.empty and list(got.columns) == ["Words for"]


def test_lexicon_side_by_side_real_as_the_view_builds_it(data):
    v = data.vocab
    table = analysis.lexicon_table(data.lexicon, data.articles)
    table = table.assign(register_label=table["register"].map(lambda r: v.code("register", r)),
                         target_label=table["target"].map(lambda t: v.code("target", t)))
    got = F.lexicon_side_by_side(table, data.articles["outlet"].tolist())
    assert list(got.columns) == ["Words for", *data.articles["outlet"]]
    lex = read_csv("lexicon")
    book = read_csv("codebook")
    label = {(f, c): lab for f, c, lab in zip(book["field"], book["code"], book["label"])}
    assert sorted(got["Words for"]) == sorted(label[("target", t)] for t in lex["target"].unique())
    outlet = dict(zip(read_csv("articles")["article_id"], read_csv("articles")["outlet"]))
    for r in lex.itertuples():
        cell = got.loc[got["Words for"] == label[("target", r.target)], outlet[r.article_id]].iloc[0]
        assert f"{r.term} ({label[('register', r.register)].lower()})" in cell.split("; "), (r.term, cell)


# --- other titles on tiny frames ------------------------------------------------------------------


def test_frame_title_and_alt_text():
    profile = pd.DataFrame({"outlet": ["A", "A", "B"], "frame_label": ["Policy", "Political", "Morality"],
                            "n": [3, 1, 2], "share": [0.6, 0.2, 0.5]})
    assert F.frame_title(profile) == "A: most often Policy (60%); B: most often Morality (50%)"
    assert F.frame_alt_text(profile) == ("Bar chart of the share of each outlet's sentences per frame. "
                                         "A, Policy: 3 sentences (60%); A, Political: 1 sentences (20%); B, Morality: 2 sentences (50%).")
    assert F.frame_title(profile.iloc[0:0]) == "No frames to show"


def test_tone_title():
    tone = pd.DataFrame({"outlet": ["A", "A", "A", "A", "B", "B"],
                         "tone_police": ["mocking", "neutral", "neutral", "critical", "mocking", "mocking"]})
    assert F.tone_title(tone) == "B is the most mocking: 100% of its sentences mock law enforcement"
    calm = tone.assign(tone_police="neutral")
    assert F.tone_title(calm) == "No sentence mocks law enforcement in this selection"
    assert F.tone_title(tone.iloc[0:0]) == "No sentences to show"


def test_tone_vader_title():
    tone = pd.DataFrame({"tone_police": ["mocking", "critical", "favourable", "neutral"],
                         "disagreement": [True, False, False, False]})
    assert F.tone_vader_title(tone) == "VADER gets the tone wrong in 1 of 3 sentences with a tone. It scores sarcasm as good"
    assert F.tone_vader_title(tone.assign(disagreement=False)) == "VADER and the hand codes agree on every toned sentence here"


def test_position_title():
    cov = pd.DataFrame({"outlet": ["A", "B", "C"], "principle_id": ["P1", "P2", "P3"], "status": ["quoted", "paraphrased", "omitted"],
                        "first_position": [0.5, 0.1, None], "position_label": ["body", "lede", "—"]})
    assert F.position_title(cov) == "B reaches a principle first (P2, in its lede); omitted principles have no point"
    assert F.position_title(cov[cov["status"] == "omitted"]) == "No selected outlet mentions these principles"


def test_voices_title():
    voices = pd.DataFrame({"person": ["X", "Y", "Z"], "outlet": ["A", "B", "B"], "n_quoted": [1, 2, 0],
                           "quote_words": [40, 12, 99], "channels": ["other_outlet", "own_words", ""]})
    assert F.voices_title(voices) == "X gets the most quoted words (40, in A, through other outlet)"
    assert F.voices_title(voices.assign(n_quoted=0)) == "Nobody is quoted in this selection"


def test_register_title():
    lex = pd.DataFrame({"outlet": ["A", "A", "A", "B", "B", "B"],
                        "register": ["slang", "pejorative", "formal", "formal", "formal", "neutral"]})
    assert F.register_title(lex) == "A uses the most slang and insults (2 terms); B the most formal words"
    assert F.register_title(lex[lex["outlet"] == "B"]) == "Every selected outlet keeps to formal or neutral words"
    assert F.register_title(lex.iloc[0:0]) == "No lexicon terms in this selection"


def test_readability_title():
    read = pd.DataFrame({"outlet": ["A", "B", "C"], "flesch_kincaid_grade": [9.04, 12.56, 7.0]})
    assert F.readability_title(read) == "B reads hardest (grade 12.6); C easiest (7.0)"
    assert F.readability_title(read.iloc[0:0]) == "No text to measure"


def test_distinctive_words_title():
    words = pd.DataFrame({"outlet": ["A", "A", "B"], "term": ["pigs", "cops", "statement"], "z": [1.5, 1.0, 2.5]})
    assert F.distinctive_words_title(words) == "Most distinctive words — B: “statement”; A: “pigs”"
    weak = words.assign(z=[1.5, 1.0, 0.5])
    assert F.distinctive_words_title(weak) == ("Most distinctive words — A: “pigs”; B: “statement” "
                                               "(none reaches |z| ≥ 1.96: three short articles)")
    assert F.distinctive_words_title(words.iloc[0:0]) == "Not enough outlets to compare words"


def test_frame_difference_title():
    diff = pd.DataFrame({"frame_label": ["Policy", "Political"], "diff": [-0.25, 0.1]})
    assert F.frame_difference_title(diff, "A", "B") == "The biggest gap: B gives Policy 25 percentage points more of its sentences"
    assert F.frame_difference_title(diff.iloc[0:0], "A", "B") == "No frames to compare"


def test_display_date():
    assert F.display_date("2015-10-21T09:36") == "2015-10-21, 09:36"
    assert F.display_date("2015-10-26/2015-10-30 (approx.)") == "2015-10-26/2015-10-30 (approx.)"


# --- least_reported_principle --------------------------------------------------------------------


def test_least_reported_principle():
    cov = cov_frame([
        ("a", "A", "P1", "quoted", 2, "lede"), ("a", "A", "P2", "omitted", 0, "—"), ("a", "A", "P3", "quoted", 1, "body"),
        ("b", "B", "P1", "quoted", 1, "body"), ("b", "B", "P2", "paraphrased", 1, "body"), ("b", "B", "P3", "omitted", 0, "—"),
        ("c", "C", "P1", "omitted", 0, "—"), ("c", "C", "P2", "quoted", 3, "lede"), ("c", "C", "P3", "quoted", 2, "body"),
    ])
    assert F.least_reported_principle(cov) == "P3"  # P1, P2 and P3 are each reported by 2: a tie, the later one
    cov.loc[(cov["outlet_id"] == "c") & (cov["principle_id"] == "P2"), "status"] = "omitted"
    assert F.least_reported_principle(cov) == "P2"  # now P2 alone is reported by only 1


def test_least_reported_principle_counts_reporting_outlets_not_sentences():
    cov = cov_frame([("a", "A", "P1", "quoted", 9, "lede"), ("b", "B", "P1", "omitted", 0, "—"),
                     ("a", "A", "P4", "paraphrased", 1, "body"), ("b", "B", "P4", "paraphrased", 1, "body")])
    assert F.least_reported_principle(cov) == "P1"


def test_least_reported_principle_of_nothing_and_of_one():
    assert F.least_reported_principle(cov_frame([])) == ""
    assert F.least_reported_principle(cov_frame([("a", "A", "P2", "omitted", 0, "—")])) == "P2"


# --- summary_claims on hand-made facts -------------------------------------------------------------


def facts_frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


def tiny_summary_facts():
    """Facts as analysis.summary_facts returns them, for outlets A, B and C."""
    return {
        "statement_quotes": {
            "table": facts_frame([("a", "A", 1, "a-2"), ("b", "B", 4, "b-1, b-2, b-5, b-6"), ("c", "C", 0, "")],
                                 ["outlet_id", "outlet", "n_sentences", "passage_ids"]),
            "outlet_ids": ["b"], "outlets": ["B"], "passage_ids": ["b-1", "b-2", "b-5", "b-6"], "n_sentences": 4},
        "police_slang": {
            "table": None, "outlet_ids": ["a", "c"], "outlets": ["A", "C"], "passage_ids": ["a-3", "c-1", "c-4"],
            "terms": {"a": ["cops"], "c": ["pigs", "the fuzz"]}},
        "principle_mentions": {
            "table": facts_frame([("a", "A", "omitted", ""), ("b", "B", "quoted", "b-5, b-6"), ("c", "C", "paraphrased", "c-2")],
                                 ["outlet_id", "outlet", "status", "passage_ids"]),
            "outlet_ids": ["b", "c"], "outlets": ["B", "C"], "passage_ids": ["b-5", "b-6", "c-2"], "principle_id": "P4",
            "how": {"a": "omitted", "b": "quoted", "c": "paraphrased"}},
        "mocking": {
            "table": facts_frame([("a", "A", 1, 8, 0.125, "a-3"), ("b", "B", 0, 6, 0.0, ""), ("c", "C", 3, 5, 0.6, "c-1, c-3, c-4")],
                                 ["outlet_id", "outlet", "n_mocking", "n_prose", "share_mocking", "passage_ids"]),
            "outlet_ids": ["c"], "outlets": ["C"], "passage_ids": ["c-1", "c-3", "c-4"], "share": 0.6, "n": 3},
    }


def test_summary_claims_from_hand_made_facts():
    assert F.summary_claims(tiny_summary_facts(), "P4 · Community ties") == [
        ("**B** quotes the group's Statement most: in 4 sentences (against A 1, C 0).", ["b-1", "b-2", "b-5", "b-6"]),
        ("**A and C** call the police by slang or insults — A: “cops”; C: “pigs”, “the fuzz”.", ["a-3", "c-1", "c-4"]),
        ("Only **B and C** mention P4 · Community ties (quoted, paraphrased).", ["b-5", "b-6", "c-2"]),
        ("**C** is the most mocking: 3 of its 5 selected sentences (60%) mock law enforcement.", ["c-1", "c-3", "c-4"]),
    ]


def test_summary_claims_singular_and_plural():
    facts = tiny_summary_facts()
    facts["police_slang"].update(outlet_ids=["c"], outlets=["C"], passage_ids=["c-1"], terms={"c": ["pigs"]})
    facts["principle_mentions"].update(outlet_ids=["b"], outlets=["B"], passage_ids=["b-5", "b-6"])
    facts["principle_mentions"]["table"].loc[2, "status"] = "omitted"
    lines = [text for text, _ in F.summary_claims(facts, "P4 · Community ties")]
    assert lines[1] == "**C** calls the police by slang or insults — C: “pigs”."
    assert lines[2] == "Only **B** mentions P4 · Community ties (quoted)."


def test_summary_claims_every_outlet_mentioning():
    facts = tiny_summary_facts()
    table = facts_frame([("b", "B", "quoted", "b-5"), ("c", "C", "paraphrased", "c-2")], ["outlet_id", "outlet", "status", "passage_ids"])
    facts["principle_mentions"].update(table=table, passage_ids=["b-5", "c-2"])
    assert F.summary_claims(facts, "P2 · Balance")[2] == ("Both **B and C** mention P2 · Balance (quoted, paraphrased).", ["b-5", "c-2"])
    three = facts_frame([("a", "A", "quoted", "a-1"), ("b", "B", "quoted", "b-5"), ("c", "C", "paraphrased", "c-2")],
                        ["outlet_id", "outlet", "status", "passage_ids"])
    facts["principle_mentions"].update(table=three, outlet_ids=["a", "b", "c"], outlets=["A", "B", "C"], passage_ids=["a-1", "b-5", "c-2"],
                                       how={"a": "quoted", "b": "quoted", "c": "paraphrased"})
    assert F.summary_claims(facts, "P2 · Balance")[2][0] == "All **A, B and C** mention P2 · Balance (quoted, quoted, paraphrased)."


def test_summary_claims_without_a_principle_has_no_principle_line():
    full = F.summary_claims(tiny_summary_facts(), "P4 · Community ties")
    assert F.summary_claims(tiny_summary_facts(), "") == [full[0], full[1], full[3]]


def test_summary_claims_with_nothing_to_say():
    nobody = facts_frame([("a", "A", 0, 0, 3, 0.0, "omitted", "")],
                         ["outlet_id", "outlet", "n_sentences", "n_mocking", "n_prose", "share_mocking", "status", "passage_ids"])
    facts = {
        "statement_quotes": {"table": nobody, "outlet_ids": [], "outlets": [], "passage_ids": [], "n_sentences": 0},
        "police_slang": {"table": None, "outlet_ids": [], "outlets": [], "passage_ids": [], "terms": {}},
        "principle_mentions": {"table": nobody, "outlet_ids": [], "outlets": [], "passage_ids": [], "principle_id": "P4",
                               "how": {"a": "omitted"}},
        "mocking": {"table": nobody, "outlet_ids": [], "outlets": [], "passage_ids": [], "share": 0.0, "n": 0},
    }
    assert F.summary_claims(facts, "P4 · Community ties") == [
        ("No selected sentence quotes the group's Statement.", []),
        ("No selected sentence calls the police by slang or insults.", []),
        ("No selected outlet mentions P4 · Community ties.", []),
        ("No selected sentence mocks law enforcement.", []),
    ]


def test_summary_claims_states_only_numbers_from_the_facts():
    numbers = set(re.findall(r"\d+", " ".join(text for text, _ in F.summary_claims(tiny_summary_facts(), "P4 · Community ties"))))
    assert numbers <= {"0", "1", "3", "4", "5", "60"}, numbers  # "4" also in "P4"



def test_summary_claims_mocking_tie_states_consistent_numbers():
    facts = tiny_summary_facts()
    table = facts_frame([("a", "A", 1, 2, 0.5, "a-3"), ("b", "B", 2, 4, 0.5, "b-1, b-2")],
                        ["outlet_id", "outlet", "n_mocking", "n_prose", "share_mocking", "passage_ids"])
    facts["mocking"] = {"table": table, "outlet_ids": ["a", "b"], "outlets": ["A", "B"], "passage_ids": ["a-3", "b-1", "b-2"],
                        "share": 0.5, "n": 2}  # exactly what analysis.summary_facts returns for this tie
    text = F.summary_claims(facts, "")[-1][0]
    for n, total in re.findall(r"(\d+) of (?:its |their )?(\d+)", text):
        assert round(100 * int(n) / int(total)) == 50, text



def test_summary_claims_one_outlet_is_not_all():
    facts = tiny_summary_facts()
    table = facts_frame([("b", "B", "quoted", "b-5")], ["outlet_id", "outlet", "status", "passage_ids"])
    facts["principle_mentions"].update(table=table, outlet_ids=["b"], outlets=["B"], passage_ids=["b-5"])
    text = F.summary_claims(facts, "P4 · Community ties")[2][0]
    assert not text.startswith(("All ", "Both ")), text


# --- summary_claims on analysis.summary_facts -----------------------------------------------------


def test_summary_claims_on_tiny_tables():
    """analysis.summary_facts on two made-up articles, then the claims: every figure worked out by hand."""
    passages = pd.DataFrame({
        "passage_id": ["a-1", "a-2", "a-3", "b-1", "b-2"], "article_id": ["a", "a", "a", "b", "b"],
        "paragraph": [1, 1, 2, 1, 2], "sentence": [1, 2, 3, 1, 2],
        "text": ["The cops were out.", "“Reduce incarceration,” it said.", "Nice going, cops.", "Chiefs met.", "They urged ties."],
        "is_furniture": [False, False, False, False, False],
    })
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet_id": ["a", "b"], "outlet": ["A", "B"]})
    codes = pd.DataFrame({"passage_id": ["a-1", "a-3", "b-1"], "frame": ["policy"] * 3, "tone_police": ["mocking", "mocking", "neutral"],
                          "stance_reform": ["neutral"] * 3})
    refs = pd.DataFrame({"passage_id": ["a-2", "a-3", "b-2"], "principle_id": ["P1", "P2", "P4"],
                         "reference": ["quoted", "quoted", "paraphrased"]})
    people = pd.DataFrame(columns=["passage_id", "name_in_source", "person", "person_kind", "member_id", "mention", "quote_channel",
                                   "channel_outlet", "quote_text"])
    lexicon = pd.DataFrame({"article_id": ["a"], "term": ["cops"], "target": ["police"], "register": ["slang"],
                            "first_passage_id": ["a-1"], "note": [""]})
    facts = analysis.summary_facts(passages, articles, codes, refs, people, lexicon, principle_id="P4")
    assert F.summary_claims(facts, "P4 · Community ties") == [
        ("**A** quotes the group's Statement most: in 2 sentences (against B 0).", ["a-2", "a-3"]),
        ("**A** calls the police by slang or insults — A: “cops”.", ["a-1", "a-3"]),
        ("Only **B** mentions P4 · Community ties (paraphrased).", ["b-2"]),
        ("**A** is the most mocking: 2 of its 3 selected sentences (67%) mock law enforcement.", ["a-1", "a-3"]),
    ]


# --- summary_claims on the real package ------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    return load_package()


def read_csv(name):
    return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def facts_csv():
    return read_csv("facts")


@pytest.fixture(scope="module")
def summary(data):
    facts = analysis.summary_facts(data.passages, data.articles, data.passage_codes, data.passage_principles,
                                   data.passage_people, data.lexicon, principle_id="P4")
    return F.summary_claims(facts, "P4 · Community ties")


@pytest.fixture(scope="module")
def raw():
    """Independent tables straight from the CSV files."""
    arts = read_csv("articles")
    passages = read_csv("passages")
    prose = passages[passages["is_furniture"] == "False"].merge(arts[["article_id", "outlet_id", "outlet"]], on="article_id")
    return {"articles": arts, "prose": prose, "pp": read_csv("passage_principles"), "people": read_csv("passage_people"),
            "codes": read_csv("passage_codes"), "lexicon": read_csv("lexicon")}


def names(values):
    """How a claim names outlets: joined, each escaped (a claim is Markdown)."""
    values = [escape_markdown(v) for v in values]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def test_summary_has_four_claims_each_with_its_own_prose_sentences(summary, raw):
    assert len(summary) == 4
    prose_ids = set(raw["prose"]["passage_id"])
    for text, ids in summary:
        assert ids and set(ids) <= prose_ids, text
        assert len(ids) == len(set(ids)), text


def test_summary_statement_quotes(summary, raw):
    pp, people, prose = raw["pp"], raw["people"], raw["prose"]
    quoting = set(pp[pp["reference"] == "quoted"]["passage_id"]) | set(
        people[(people["mention"] == "quoted") & (people["quote_channel"] == "statement")
               & (people["person_kind"] == "organization")]["passage_id"])
    counts = {o: int(prose[(prose["outlet"] == o)]["passage_id"].isin(quoting).sum()) for o in raw["articles"]["outlet"]}
    top = max(counts.values())
    leaders = [o for o in raw["articles"]["outlet"] if counts[o] == top]
    assert leaders == ["CBS News (The Crime Report)"]
    rest = ", ".join(f"{escape_markdown(o)} {n}" for o, n in counts.items() if o not in leaders)
    text, ids = summary[0]
    assert text == f"**{names(leaders)}** quotes the group's Statement most: in {top} sentences (against {rest})."
    assert counts["CBS News (The Crime Report)"] == 12  # the number a reader sees, pinned
    cbs = prose[prose["outlet"] == "CBS News (The Crime Report)"]
    assert ids == [p for p in cbs.assign(s=cbs["sentence"].astype(int)).sort_values("s")["passage_id"] if p in quoting]


def test_summary_police_slang(summary, raw):
    lex, arts = raw["lexicon"], raw["articles"]
    slang = lex[(lex["target"] == "police") & lex["register"].isin(["slang", "pejorative"])]
    users = [o for o in arts["outlet_id"] if o in set(slang["article_id"].map(dict(zip(arts["article_id"], arts["outlet_id"]))))]
    outlet = dict(zip(arts["outlet_id"], arts["outlet"]))
    article = dict(zip(arts["outlet_id"], arts["article_id"]))
    # the summary lists terms in lexicon_table's order: register (code order), then term case-folded
    order = {"formal": 0, "neutral": 1, "slang": 2, "pejorative": 3, "figurative": 4}

    def terms(o):
        rows = slang[slang["article_id"] == article[o]]
        rows = rows.assign(_r=rows["register"].map(order), _w=rows["term"].str.casefold()).sort_values(["_r", "_w"])
        return ", ".join(f"“{escape_markdown(t)}”" for t in rows["term"])

    said = "; ".join(f"{escape_markdown(outlet[o])}: {terms(o)}" for o in users)
    verb = "calls" if len(users) == 1 else "call"
    text, ids = summary[1]
    assert text == f"**{names(outlet[o] for o in users)}** {verb} the police by slang or insults — {said}."
    assert "CBS" not in text
    assert set(slang["first_passage_id"]) <= set(ids)


def test_summary_fourth_principle(summary, raw):
    pp, prose = raw["pp"], raw["prose"]
    p4 = pp[pp["principle_id"] == "P4"]
    mention = {}
    for o in raw["articles"]["outlet"]:
        hit = p4[p4["passage_id"].isin(prose[prose["outlet"] == o]["passage_id"])]
        mention[o] = "quoted" if (hit["reference"] == "quoted").any() else ("paraphrased" if len(hit) else "omitted")
    mentioning = [o for o, s in mention.items() if s != "omitted"]
    missing = [o for o, s in mention.items() if s == "omitted"]
    assert mentioning == ["CBS News (The Crime Report)"]
    text, ids = summary[2]
    assert text == (f"Only **{names(mentioning)}** mentions P4 · Community ties ("
                    + ", ".join(mention[o] for o in mentioning) + ").")
    assert missing  # "Only": the others leave it out (the view's "Left out" line names them: tests/test_consistency.py)
    assert set(ids) == set(p4["passage_id"]) & set(prose["passage_id"])


def test_summary_mocking_share(summary, raw):
    codes, prose = raw["codes"], raw["prose"]
    mocking = set(codes[codes["tone_police"] == "mocking"]["passage_id"])
    share = {}
    for o in raw["articles"]["outlet"]:
        ids = prose[prose["outlet"] == o]["passage_id"]
        share[o] = (int(ids.isin(mocking).sum()), len(ids))
    leader = max(share, key=lambda o: share[o][0] / share[o][1])
    n, total = share[leader]
    assert leader == "Gawker"
    text, ids = summary[3]
    assert text == (f"**Gawker** is the most mocking: {n} of its {total} selected sentences ({round(100 * n / total)}%) "
                    "mock law enforcement.")
    assert set(ids) == mocking & set(prose[prose["outlet"] == "Gawker"]["passage_id"])


def test_least_reported_principle_on_the_real_package(data, raw):
    cov = analysis.principle_coverage(data.passages, data.articles, data.passage_principles, data.principles)
    pp, prose = raw["pp"], raw["prose"]
    reach = {pid: sum(prose[prose["outlet"] == o]["passage_id"].isin(set(pp[pp["principle_id"] == pid]["passage_id"])).any()
                      for o in raw["articles"]["outlet"]) for pid in ["P1", "P2", "P3", "P4"]}
    fewest = min(reach.values())
    assert F.least_reported_principle(cov) == [p for p, n in reach.items() if n == fewest][-1] == "P4"


# --- alt texts ------------------------------------------------------------------------------------


def test_register_alt_text():
    counts = pd.DataFrame({"outlet": ["A", "A", "B"], "register_label": ["Slang", "Pejorative", "Formal"], "terms": [2, 1, 3]})
    assert F.register_alt_text(counts) == "Stacked bars of the lexicon's terms by register. A: 2 slang; A: 1 pejorative; B: 3 formal."
    empty = F.register_alt_text(counts.iloc[0:0])
    assert empty.startswith("Stacked bars of the lexicon's terms by register.") and "no terms" in empty and ":" not in empty


def test_voices_alt_text():
    voices = pd.DataFrame({"person": ["Jo Smith", "The Group"], "outlet": ["A", "B"], "quote_words": [3, 8]})
    assert F.voices_alt_text(voices) == ("Bar chart of quoted words per speaker. "
                                         "Jo Smith in A: 3 quoted words; The Group in B: 8 quoted words.")
    assert F.voices_alt_text(voices.iloc[0:0]) == ""


def test_matrix_title_and_reach_on_the_real_package(data, raw):
    cov = analysis.principle_coverage(data.passages, data.articles, data.passage_principles, data.principles)
    assert F.matrix_title(cov) == ("Only CBS News (The Crime Report) reported all 4 selected principles; "
                                   "P4 was left out by 2 of 3 outlets")
    from storyframes.views.home import reach as home_reach

    reach = home_reach(cov, 3)
    pp, prose = raw["pp"], raw["prose"]
    for pid in ["P1", "P2", "P3", "P4"]:
        ids = set(pp[pp["principle_id"] == pid]["passage_id"])
        reporting = [o for o in raw["articles"]["outlet"] if prose[prose["outlet"] == o]["passage_id"].isin(ids).any()]
        assert reach[pid].startswith(f"Reported by {len(reporting)} of the 3 full texts chosen: ")
        for o in reporting:
            assert f"{o} (" in reach[pid]


def test_markdown_claims_show_names_and_terms_from_the_data_literally():
    """The two findings returned as Markdown (with our bold) escape every value from the data."""
    facts = tiny_summary_facts()
    hostile = {"outlet": "<b>A</b> **B0LD**", "term": "[pigs](javascript:alert(1))", "label": ":red[P4] www.example.org"}
    facts["police_slang"].update(outlets=[hostile["outlet"], "C"], terms={"a": [hostile["term"]], "c": ["pigs"]})
    facts["principle_mentions"].update(outlets=[hostile["outlet"], "C"])
    claims = F.summary_claims(facts, hostile["label"])
    counts = counts_frame(["130", "120"]).assign(source=["NPR **B0LD** (x)", "AP"], value=["130", "120"])
    growth = counts_frame(["1"]).assign(fact=["Later ![p](http://127.0.0.1:9/p.png)"])
    texts = [text for text, _ in claims] + [F.member_counts_sentence(counts, "130 _it_", growth)]
    joined = "\n".join(texts)
    for raw in [*hostile.values(), "NPR **B0LD**", "130 _it_", "![p](http"]:
        assert raw not in joined
    assert escape_markdown(hostile["outlet"]) in texts[1] and escape_markdown(hostile["term"]) in texts[1]
    assert escape_markdown(hostile["label"]) in texts[2]
    assert "**" + escape_markdown("130 _it_") + "**" in texts[-1]
