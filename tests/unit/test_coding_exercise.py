"""Code it yourself: the set from a seed or a list, and a reader's answers scored against the
curated codes, with figures worked out by hand below (the curated codes they rest on are
asserted first, so a change in the data shows here as a changed premise, not a wrong sum)."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

from storyframes.classroom import coding_exercise as ce
from storyframes.analysis import reliability
from storyframes.core.data import load_package
from storyframes.views.common import coder_pairs, sentence_index

# Eight sentences: three Gawker, three Dabs, two CBS/TCR; three refer to principles.
IDS = ("gawker-06", "gawker-13", "gawker-03", "dabs-16", "dabs-01", "cbs-10", "cbs-22", "dabs-15")


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def cands(data):
    return ce.candidates(sentence_index(data), data.passage_principles)


def curated(data, field):
    return data.passage_codes.set_index("passage_id").loc[list(IDS), field].tolist()


def run(data, answers, ids=IDS):
    return ce.compare(answers, ids, data.passage_codes, data.passage_principles, data.codebook, data.vocab)


# --- the set --------------------------------------------------------------------------------------

def test_candidates_are_the_prose_sentences_of_the_full_texts(data, cands):
    prose = data.passages[~data.passages["is_furniture"]]
    assert sorted(cands["passage_id"]) == sorted(prose["passage_id"]) and len(cands) == 50
    assert not set(cands["passage_id"]) & set(data.passages.loc[data.passages["is_furniture"], "passage_id"])
    assert cands.set_index("passage_id").at["dabs-15", "principles"] == ("P1", "P2", "P3")
    assert cands.set_index("passage_id").at["dabs-01", "principles"] == ()


@pytest.mark.parametrize("seed", [1, 2, 42, 777, 9999])
def test_a_set_is_spread_over_outlets_with_and_without_principles(cands, seed):
    ids = ce.choose_set(cands, seed)
    rows = cands.set_index("passage_id").loc[list(ids)]
    assert len(ids) == ce.SET_SIZE == len(set(ids))
    counts = rows["outlet_id"].value_counts()
    assert set(counts.index) == set(cands["outlet_id"]) and counts.max() - counts.min() <= 1  # 3, 3, 2
    with_principle = sum(bool(p) for p in rows["principles"])
    assert with_principle >= ce.MIN_WITH_PRINCIPLE and ce.SET_SIZE - with_principle >= ce.MIN_WITHOUT_PRINCIPLE


def test_every_seed_gives_a_full_spread_set(cands):
    for seed in range(ce.SEED_MIN, ce.SEED_MAX + 1, 37):
        ids = ce.choose_set(cands, seed)
        rows = cands.set_index("passage_id").loc[list(ids)]
        assert len(ids) == 8 and rows["outlet_id"].value_counts().min() >= 2
        assert 3 <= sum(bool(p) for p in rows["principles"]) <= 5, seed


def test_the_same_seed_gives_the_same_set_in_the_same_order(cands):
    # Ranks are SHA-256 digests, not `random`: the set is the same in every process and Python version.
    assert ce.choose_set(cands, 42) == ce.choose_set(cands.sample(frac=1, random_state=3), 42) == IDS
    assert ce.choose_set(cands, 43) != IDS
    assert len({ce.choose_set(cands, s) for s in range(1, 60)}) > 50


def test_a_small_package_gives_what_it_has(cands):
    few = cands.head(5)
    assert sorted(ce.choose_set(few, 3)) == sorted(few["passage_id"])
    assert ce.choose_set(cands.iloc[0:0], 3) == ()


# --- the address ----------------------------------------------------------------------------------

def test_a_valid_set_number_is_used_without_a_notice(cands):
    choice = ce.resolve_address(["42"], [], cands, 7)
    assert (choice.ids, choice.seed, choice.notices) == (IDS, 42, ())
    assert choice.address == {"set": "42", "sentences": None}
    assert ce.resolve_address(["0042 "], [], cands, 7).seed == 42


def test_no_address_takes_the_fallback_seed(cands):
    assert ce.resolve_address([], [], cands, 42) == ce.SetChoice(IDS, 42, ())


@pytest.mark.parametrize("bad", ["abc", "-3", "0", "10000", "1e3", "４２", "4 2", "", "x" * 500])
def test_a_tampered_set_number_falls_back_with_a_notice(cands, bad):
    choice = ce.resolve_address([bad], [], cands, 42)
    assert choice.ids == IDS and choice.seed == 42
    assert len(choice.notices) == 1 and "showing set 42 instead" in choice.notices[0]
    assert len(choice.notices[0]) < 400 and all(ch.isprintable() for ch in choice.notices[0])


def test_a_listed_set_keeps_its_order_and_names_what_it_ignores(cands):
    listed = "dabs-04,gawker-06, CBS-07,cbs-01,nope,dabs-04,cbs-10,dabs-15,gawker-13"
    choice = ce.resolve_address([], [listed], cands, 42)
    assert choice.ids == ("dabs-04", "gawker-06", "cbs-07", "cbs-10", "dabs-15", "gawker-13") and choice.seed is None
    assert choice.notices == ("Not a prose sentence of the full texts, ignored: `cbs-01`, `nope`.",
                              "Listed twice, the repeat ignored: `dabs-04`.")
    assert choice.address == {"set": None, "sentences": "dabs-04,gawker-06,cbs-07,cbs-10,dabs-15,gawker-13"}


def test_too_few_listed_falls_back_to_a_set(cands):
    choice = ce.resolve_address(["42"], ["dabs-04,gawker-06"], cands, 7)
    assert choice.ids == IDS and choice.seed == 42  # the address's own set number is the fallback
    assert any("needs 6 to 10 known sentences and the address gives 2; showing set 42" in n for n in choice.notices)
    assert any("both a sentence list and a set number" in n for n in choice.notices)


def test_too_many_listed_keeps_the_first_ten(cands):
    ids = [f"dabs-{i:02d}" for i in range(1, 13)]
    choice = ce.resolve_address([], [",".join(ids)], cands, 7)
    assert choice.ids == tuple(ids[:10])
    assert choice.notices == ("A set holds at most 10 sentences; the ones after the 10th are ignored: `dabs-11`, `dabs-12`.",)


def test_a_huge_list_is_not_read(cands):
    choice = ce.resolve_address([], [",".join(["dabs-01"] * 2000)], cands, 42)
    assert choice.ids == IDS and "too long" in choice.notices[0]


# --- scoring -------------------------------------------------------------------------------------

def test_every_frame_right_and_every_tone_neutral_hand_worked(data):
    """Frames all as curated, tones all 'neutral', principles all 'none'."""
    tones = curated(data, "tone_police")
    frames = curated(data, "frame")
    assert tones == ["mocking", "critical", "critical", "neutral", "not_applicable", "neutral", "neutral", "neutral"]
    assert frames == ["political", "political", "political", "political", "crime_punishment", "policy", "policy", "policy"]
    answers = {pid: ce.Answer(principles=(), tone_police="neutral", frame=f) for pid, f in zip(IDS, frames)}
    result = run(data, answers)

    # Tone: 4 of 8 alike. The reader used 'neutral' 8/8 times, the curated codes 4/8, so
    # p_e = 4/8 × 8/8 = 1/2 and kappa = (1/2 − 1/2) / (1 − 1/2) = 0: no better than chance.
    tone = result.figure("tone_police")
    assert (tone.n, tone.agreed, tone.percent, tone.expected, tone.kappa) == (8, 4, 50.0, 0.5, 0.0)
    # Frame: 8 of 8. Both used political 4, crime_punishment 1, policy 3 times, so
    # p_e = (16 + 1 + 9) / 64 = 26/64 and kappa = (1 − 26/64) / (1 − 26/64) = 1.
    frame = result.figure("frame")
    assert (frame.n, frame.agreed, frame.percent, frame.expected, frame.kappa) == (8, 8, 100.0, 26 / 64, 1.0)
    # Principles: 8 sentences × 4 principles = 32 items; the curated codes find 5 (cbs-10 P1,
    # cbs-22 P4, dabs-15 P1 P2 P3), the reader none: 27 alike, p_e = 27/32 × 32/32, kappa 0.
    principle = result.figure("principle")
    assert (principle.n, principle.agreed, principle.percent, principle.kappa) == (32, 27, 100 * 27 / 32, 0.0)
    # (here "None of the four" is the reader's explicit answer for all eight: that is what scores 27 of 32)

    figures = result.figures.set_index("field")
    assert list(figures.index) == ["principle", "tone_police", "frame"]
    assert figures.at["tone_police", "kappa"] == 0.0 and figures.at["frame", "kappa"] == 1.0
    assert figures.at["tone_police", "meaning"] == reliability.meaning(tone) == "No better than chance"
    assert figures.at["frame", "meaning"].startswith("Meets the usual 0.8 bar")
    # the same figures as the one implementation gives on the same codes
    assert reliability.agreement(tones, ["neutral"] * 8) == tone
    assert result.sentences["same_frame"].all() and result.sentences["same_tone_police"].tolist() == [t == "neutral" for t in tones]


def test_principles_as_present_or_absent_hand_worked(data):
    """Curated present: cbs-10 P1, cbs-22 P4, dabs-15 P1 P2 P3 (5 of 32). The reader marks
    cbs-10 P1, cbs-22 P4, dabs-15 P1 and gawker-06 P2 (4 of 32): 3 both present, 2 only curated,
    1 only the reader, 26 both absent."""
    assert sorted(map(tuple, data.passage_principles[data.passage_principles["passage_id"].isin(IDS)][["passage_id", "principle_id"]].values)) == [
        ("cbs-10", "P1"), ("cbs-22", "P4"), ("dabs-15", "P1"), ("dabs-15", "P2"), ("dabs-15", "P3")]
    marked = {"cbs-10": ("P1",), "cbs-22": ("P4",), "dabs-15": ("P1",), "gawker-06": ("P2",)}
    answers = {pid: ce.Answer(principles=marked.get(pid, ())) for pid in IDS}
    result = run(data, answers)
    fig = result.figure("principle")
    # p_o = 29/32; p_e = 5/32 × 4/32 + 27/32 × 28/32 = 776/1024; kappa = (928 − 776) / (1024 − 776) = 152/248 = 19/31
    assert (fig.n, fig.agreed) == (32, 29)
    assert fig.observed == pytest.approx(29 / 32) and fig.expected == pytest.approx(776 / 1024)
    assert Fraction(fig.kappa).limit_denominator(100) == Fraction(19, 31)
    # tone and frame were not coded: nothing compared, said so
    assert result.figure("tone_police").n == 0 and result.coded == {"principle": 8, "tone_police": 0, "frame": 0}
    assert result.figures.set_index("field").at["frame", "meaning"] == "Nothing to compare"

    dis = result.disagreements
    assert dis[["passage_id", "item", "yours", "curated"]].values.tolist() == [
        ["gawker-06", "P2", "present", "absent"], ["dabs-15", "P2", "absent", "present"], ["dabs-15", "P3", "absent", "present"]]
    rules = dict(zip(data.codebook["code"] + "/" + data.codebook["field"], data.codebook["edge_rule"]))
    extra, missed = dis.iloc[0], dis.iloc[1]
    assert missed["why"] == "'reclassifying non-violent felonies'" and missed["rule"] == rules["paraphrased/reference"]
    assert extra["why"].startswith("The curated codes find no reference to P2") and extra["rule"] == rules["paraphrased/reference"]
    assert missed["curated_label"] == "refers to P2 · Balance in criminal laws (paraphrased)"


def test_a_disagreement_carries_the_rationale_and_the_deciding_rule(data):
    answers = {"gawker-06": ce.Answer(tone_police="neutral", frame="policy")}
    result = run(data, answers)
    dis = result.disagreements.set_index("field")
    codes = data.passage_codes.set_index("passage_id")
    book = data.codebook.set_index(["field", "code"])
    assert dis.at["tone_police", "why"] == codes.at["gawker-06", "rationale"]
    # the mocking rule names 'neutral' (slang without ridicule): it is the one that decides
    assert dis.at["tone_police", "rule"] == book.at[("tone_police", "mocking"), "edge_rule"]
    assert (dis.at["tone_police", "yours_label"], dis.at["tone_police", "curated_label"]) == ("Neutral", "Mocking")
    assert dis.at["frame", "rule"] == reliability.deciding_rule("frame", "political", "policy",
                                                                {(f, c): r for (f, c), r in book["edge_rule"].items()}, data.vocab.code)
    # only the one coded sentence is compared; the rest are "not coded"
    assert result.figure("tone_police").n == 1 and result.figure("principle").n == 0
    assert result.sentences.set_index("passage_id").at["dabs-01", "yours_tone_police"] == "not coded"


def test_the_answer_in_the_second_codings_shape():
    coding = ce.as_coding({"a": ce.Answer(("P1", "P3"), "neutral", "policy"), "b": ce.Answer((), None, None)}, ["a", "b", "c"])
    assert coding.to_dict("records") == [
        {"passage_id": "a", "principles": "P1;P3", "frame": "policy", "tone_police": "neutral", "stance_reform": ""},
        {"passage_id": "b", "principles": "", "frame": "", "tone_police": "", "stance_reform": ""},
        {"passage_id": "c", "principles": "", "frame": "", "tone_police": "", "stance_reform": ""}]
    assert reliability.parse_principles(coding.at[0, "principles"]) == {"P1": "", "P3": ""}


@pytest.mark.parametrize(("pills", "answer"), [([], None), (None, None), (["none"], ()), (["P2", "none"], ("P2",)), (["P1", "P4"], ("P1", "P4"))])
def test_the_principle_pills_as_an_answer(pills, answer):
    assert ce.principle_answer(pills) == answer


@pytest.mark.parametrize(("pills", "told"), [(["P2", "none"], True), (["none", "P1", "P3"], True), (["none"], False), (["P2"], False), ([], False), (None, False)])
def test_none_of_the_four_beside_a_principle_is_explained(pills, told):
    labels = {"none": "None of the four", "P1": "P1", "P2": "P2", "P3": "P3"}
    note = ce.none_beside_principle_note(pills, labels)
    assert bool(note) is told, f"{pills}: {note!r}"
    if told:
        assert "“None of the four”" in note and "the principle counts" in note


def test_a_blank_is_unanswered_never_does_not_refer_hand_worked(data):
    """The reader answers "None of the four" for the first six sentences and leaves cbs-22 and
    dabs-15 blank; tone "neutral" for the same six. Blanks are left out, not read as "does not refer"."""
    answers = {pid: ce.Answer(principles=(), tone_police="neutral") for pid in IDS[:6]}
    result = run(data, answers)
    assert result.coded == {"principle": 6, "tone_police": 6, "frame": 0}
    # Principles: 6 sentences × 4 principles = 24 items; of the curated references only cbs-10 P1
    # is among them (cbs-22 P4 and dabs-15 P1 P2 P3 are in the blank sentences). The reader marks
    # none present: 23 of 24 alike (95.8%); p_e = 23/24 × 24/24 = 23/24, kappa = (23/24 − 23/24) / (1 − 23/24) = 0.
    # Had the two blanks counted as "does not refer", it would be 27 of 32 (84.4%) with 2 sentences never coded.
    principle = result.figure("principle")
    assert (principle.n, principle.agreed, principle.kappa) == (24, 23, 0.0)
    assert ce.percent_text(principle) == "95.8%"
    assert set(result.pairs.loc[result.pairs["field"] == "principle", "passage_id"]) == set(IDS[:6])
    # Tone: curated mocking, critical, critical, neutral, not_applicable, neutral for the six: 2 of 6 alike;
    # p_e = 2/6 × 6/6 = 1/3, kappa = (1/3 − 1/3) / (1 − 1/3) = 0.
    tone = result.figure("tone_police")
    assert (tone.n, tone.agreed, tone.kappa) == (6, 2, 0.0) and ce.percent_text(tone) == "33.3%"
    assert result.figure("frame").n == 0
    rows = result.sentences.set_index("passage_id")
    assert rows.at["cbs-22", "yours_principle"] == "not coded" and rows.at["cbs-22", "same_principle"] is None
    assert rows.at["dabs-01", "yours_principle"] == "None of the four" and rows.at["dabs-01", "same_principle"]
    # no disagreement is made up for a blank
    assert not result.disagreements["passage_id"].isin(["cbs-22", "dabs-15"]).any()


def test_nothing_coded_gives_no_score(data):
    result = run(data, {})
    assert ce.nothing_coded(result.coded) and result.pairs.empty
    assert all(result.figure(f).n == 0 for f in ce.FIELDS)
    assert ce.second_coder_line(result, coder_pairs(data)) == ""  # no figure of the reader's to set beside the second coder's
    assert not ce.nothing_coded({"principle": 0, "tone_police": 1, "frame": 0})


def test_the_coded_line_states_every_denominator():
    assert ce.coded_line({"principle": 6, "tone_police": 8, "frame": 5}, 8) == \
        "Sentences coded: principles 6 of 8, tone 8 of 8, frame 5 of 8."
    assert ce.coded_line({"principle": 6, "tone_police": 6, "frame": 6}, 8) == "6 of 8 sentences coded in each field."


def test_none_of_the_four_is_named_as_a_choice():
    assert ce.none_of_label(4) == "None of the four" and ce.none_of_label(12) == "None of the 12"


def test_the_plain_words_read_at_grade_8_or_below():
    """What kappa means, and what to do when nothing is coded: Flesch-Kincaid grade 8 or below."""
    import textstat

    for sentence in (ce.KAPPA_MEANING, ce.NOTHING_CODED):
        assert textstat.flesch_kincaid_grade(sentence) <= 8, sentence
    assert ce.KAPPA_MEANING.count(". ") == 0 and ce.KAPPA_MEANING.startswith("Kappa ")  # one sentence


def test_the_second_coder_line_and_the_prompts(data):
    frames = curated(data, "frame")
    answers = {pid: ce.Answer(principles=(), tone_police="neutral", frame=f) for pid, f in zip(IDS, frames)}
    result = run(data, answers)
    line = ce.second_coder_line(result, coder_pairs(data))
    assert "tone 50.0% (kappa 0.00) against 94.0% (kappa 0.88)" in line and "frame 100.0% (kappa 1.00) against 86.0% (kappa 0.81)" in line
    assert ce.second_coder_line(result, coder_pairs(data).iloc[0:0]) == ""
    rules = {(f, c): r for f, c, r in zip(data.codebook["field"], data.codebook["code"], data.codebook["edge_rule"]) if r}
    prompts = ce.discussion(result, {"gawker-06": "Gawker · ¶3"}, rules)
    assert 2 <= len(prompts) <= 3
    assert prompts[0].startswith("You and the curated coder differ on 9 codes. Take sentence 1 (Gawker · ¶3): you said Neutral, "
                                 "the curated code is Mocking.")
    assert "lowest agreement was on tone toward police (50.0%)" in prompts[1]
    assert rules[("reference", "paraphrased")] in prompts[2]


def test_a_perfect_round_has_no_disagreement(data):
    codes = data.passage_codes.set_index("passage_id")
    refs = data.passage_principles.groupby("passage_id")["principle_id"].agg(tuple)
    answers = {pid: ce.Answer(tuple(refs.get(pid, ())), codes.at[pid, "tone_police"], codes.at[pid, "frame"]) for pid in IDS}
    result = run(data, answers)
    assert result.disagreements.empty and (result.figures["percent"] == 100).all()
    assert pd.Series([result.figure(f).kappa for f in ce.FIELDS]).eq(1.0).all()
