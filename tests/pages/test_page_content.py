"""The numbers and claims each page states, checked against the CSV files directly (pandas,
independently of the package's analysis code), and each page's own controls exercised."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from storyframes.core.data import DATA_DIR

from .conftest import assert_clean, open_page, plain_text, text_of


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def tables():
    names = ["passages", "articles", "passage_principles", "passage_codes", "members", "facts", "lexicon", "outlets", "coverage"]
    return {n: csv(n) for n in names}


def outlets_mentioning(tables, principle_id: str) -> set[str]:
    pp, passages, articles = tables["passage_principles"], tables["passages"], tables["articles"]
    prose = passages[passages["is_furniture"] == "False"]
    ids = set(pp[pp["principle_id"] == principle_id]["passage_id"]) & set(prose["passage_id"])
    arts = set(prose[prose["passage_id"].isin(ids)]["article_id"])
    return set(articles[articles["article_id"].isin(arts)]["outlet"])


def test_home_states_how_many_outlets_report_each_principle(tables):
    at = open_page("dashboard.py")
    assert_clean(at)
    text = plain_text(at)
    n_full = len(tables["articles"])
    for pid in ["P1", "P2", "P3", "P4"]:
        n = len(outlets_mentioning(tables, pid))
        assert f"Reported by {n} of the {n_full} full texts chosen" in text, pid


def test_home_counts_and_dates_come_from_the_facts(tables):
    at = open_page("dashboard.py")
    text = text_of(at)
    facts = tables["facts"].set_index("fact_id")["value"]
    assert f"{facts['member_count_announced']} police chiefs" in text
    launch = pd.Timestamp(facts["launch_date"])
    assert f"{launch:%a} {launch:%b} {launch.day}, {launch.year}" in text
    counts = tables["facts"][tables["facts"]["fact_id"].str.match(r"count_(?!dec2015|jan2016|later)")]
    values = pd.to_numeric(counts["value"])
    assert f"from **{values.min()}** to **{values.max()}**" in text


def test_members_page_counts_match_members_csv(tables):
    at = open_page("pages/2_Members_and_cities.py")
    assert_clean(at)
    text = text_of(at)
    members = tables["members"]
    assert f"**{len(members)} people**" in text
    assert f"**{(members['launch_era'] == 'yes').sum()}** of them" in text
    placed = (members["place_basis"] != "not_placed").sum()
    assert f"{placed} can be placed on the map" in text


def test_members_search_filters_the_table():
    at = open_page("pages/2_Members_and_cities.py")
    at.text_input[0].input("Hennepin").run()
    assert_clean(at)
    table = at.dataframe[1].value
    assert len(table) >= 2 and table["Title and agency"].str.contains("Hennepin").all()
    at.text_input[0].input("(.*").run()  # regex characters are taken literally
    assert_clean(at)
    assert "0 of" in text_of(at)


def test_members_local_angle_lists_home_outlets():
    at = open_page("pages/2_Members_and_cities.py")
    place = next(o for o in at.selectbox[0].options if o.startswith("Minneapolis"))
    at.selectbox[0].select(place).run()
    assert_clean(at)
    local = at.dataframe[1].value
    assert "Star Tribune" in set(local["outlet"])


def test_principles_page_side_by_side_shows_each_principle(tables):
    at = open_page("pages/1_Principles.py")
    for pid in ["P1", "P2", "P3", "P4"]:
        at.radio(key="principle_to_read").set_value(pid).run()
        assert_clean(at)
        text = text_of(at)
        for outlet in tables["articles"]["outlet"]:
            mentions = outlet in outlets_mentioning(tables, pid)
            assert (f"{outlet} does not mention this principle." in text) == (not mentions), (pid, outlet)


def test_compare_cards_state_the_article_lengths(tables):
    at = open_page("pages/3_Compare_outlets.py")
    assert_clean(at)
    text = text_of(at)
    for art in tables["articles"].itertuples():
        assert f"**{art.word_count}** words · **{art.sentence_count}** sentences" in text, art.outlet


def test_framing_summary_claims_match_the_codes(tables):
    at = open_page("pages/4_Framing_analysis.py")
    assert_clean(at)
    text = plain_text(at)  # the claims are Markdown, with the names from the data escaped
    # which outlets mention P4
    p4 = outlets_mentioning(tables, "P4")
    assert f"Only **{' and '.join(sorted(p4))}** mentions P4 · " in text
    # the most mocking outlet, by share of its prose sentences coded mocking
    codes = tables["passage_codes"].merge(tables["passages"], on="passage_id")
    prose = codes[codes["is_furniture"] == "False"].merge(tables["articles"][["article_id", "outlet"]], on="article_id")
    share = prose.groupby("outlet")["tone_police"].apply(lambda s: (s == "mocking").mean())
    top = share.idxmax()
    n = int((prose[prose["outlet"] == top]["tone_police"] == "mocking").sum())
    n_top = int((prose["outlet"] == top).sum())
    assert f"**{top}** is the most mocking: {n} of its {n_top} selected sentences ({share.max():.0%})" in text
    # which outlets use slang or pejorative words for the police
    lex = tables["lexicon"]
    slang = lex[(lex["target"] == "police") & lex["register"].isin(["slang", "pejorative"])]
    for term in slang["term"]:
        assert f"“{term}”" in text


def test_framing_page_controls(tables):
    at = open_page("pages/4_Framing_analysis.py", section="Frames")
    at.selectbox(key="frame_a").select("gawker").run()
    at.selectbox(key="frame_b").select("dabs").run()
    assert_clean(at)
    titles = [json.dumps(json.loads(c.proto.spec).get("title")) for c in at.get("vega_lite_chart")]
    assert any("Gawker" in t and "Dabs Magazine" in t for t in titles) or any(
        "more in Dabs Magazine" in json.dumps(json.loads(c.proto.spec)) for c in at.get("vega_lite_chart")), titles
    at = open_page("pages/4_Framing_analysis.py", section="Parallel reading")
    assert at.toggle, "the parallel reading has its highlight toggles"
    for toggle in at.toggle:
        toggle.set_value(False).run()
        assert_clean(at)


def test_framing_page_with_one_outlet_explains_why_words_are_not_compared():
    at = open_page("pages/4_Framing_analysis.py", outlet=["gawker"], section="Words")
    assert_clean(at)
    assert "at least two full-text outlets" in text_of(at)


def test_framing_page_parallel_reading_escapes_article_text(tables):
    at = open_page("pages/4_Framing_analysis.py", principle=["P1"])
    assert_clean(at)
    sentence = tables["passages"].set_index("passage_id").loc["dabs-15", "text"]  # holds “adopt[ing] …”
    rendered = [m.value for m in at.markdown if "adopt" in m.value]
    assert rendered, "the P1 sentence with brackets is shown"
    assert any("adopt\\[ing\\]" in r for r in rendered), rendered
    assert "[ing]" in sentence


def test_framing_summary_claims_open_onto_their_sentences(tables):
    """Each claim of the summary has an expander holding exactly the sentences that prove it."""
    at = open_page("pages/4_Framing_analysis.py")
    assert_clean(at)
    expanders = [e for e in at.expander if e.label.endswith(" behind this")]
    assert len(expanders) == 4
    # the fourth-principle claim: CBS's sentences coded P4, verbatim
    p4_ids = set(tables["passage_principles"].query("principle_id == 'P4'")["passage_id"])
    p4_texts = tables["passages"][tables["passages"]["passage_id"].isin(p4_ids)]["text"]
    p4_box = next(e for e in expanders if e.label == f"Show the {len(p4_ids)} sentences behind this")
    shown = "\n".join(m.value for m in p4_box.markdown)
    for text in p4_texts:
        assert text.split()[0] in shown and len(p4_box.markdown) == len(p4_ids)


def test_voices_say_in_words_whom_each_outlet_quotes(tables):
    """CBS quotes only the group (its Statement): the Voices section says "no individual", and so
    does the Compare card, instead of leaving a missing bar to be noticed."""
    people = csv("passage_people")
    quoted = people[people["passage_id"].str.startswith("cbs-") & (people["mention"] == "quoted")]
    assert set(quoted["person_kind"]) == {"organization"}
    cbs = tables["outlets"].set_index("outlet_id").loc["cbs", "outlet"]
    at = open_page("pages/4_Framing_analysis.py", section="Voices")
    assert_clean(at)
    n = quoted["passage_id"].nunique()
    assert f"{cbs} quotes no one person, only the group itself (how: Statement; {n} sentences with a quote)." in plain_text(at)
    at = open_page("pages/3_Compare_outlets.py")
    assert_clean(at)
    assert "Quoted: no one person, only " in plain_text(at).replace("**", "")
    at = open_page("pages/6_Guided_tour.py", step="voices")  # the tour's step on voices says it too
    assert_clean(at)
    assert f"{cbs} quotes no one person, only the group itself (how: Statement; {n} sentences with a quote)." in plain_text(at)


def test_tone_leads_with_the_hand_codes_and_gives_vader_second():
    at = open_page("pages/4_Framing_analysis.py", section="Tone")
    assert_clean(at)
    shown = plain_text(at)
    hand, auto = shown.find("Hand-coded tone:"), shown.find("Second, the automatic score:")
    assert 0 <= hand < auto, "the Tone tab must lead with the hand-coded finding, the automatic score after it"
    assert "Gawker is the most mocking" in shown[hand:auto] and "VADER gets the tone wrong" in shown[auto:]
