"""Code it yourself under AppTest: a round with known answers gives the figures worked out by hand;
choices in the form count only once submitted; a blank is unanswered; a link's set number gives
every reader the same sentences; a tampered address gives a notice and a set, never an exception;
two readers never share answers."""

from __future__ import annotations

import pandas as pd
import pytest

from storyframes.classroom import coding_exercise as ce
from storyframes.analysis import reliability
from storyframes.core.data import load_package
from storyframes.views.common import sentence_index
from tests.pages.conftest import assert_clean, open_page, plain_text

PAGE = "pages/8_Code_it_yourself.py"
# Set 42: three Gawker, three Dabs, two CBS/TCR sentences; tests/unit/test_coding_exercise.py pins it.
IDS = ("gawker-06", "gawker-13", "gawker-03", "dabs-16", "dabs-01", "cbs-10", "cbs-22", "dabs-15")


@pytest.fixture(scope="module")
def data():
    return load_package()


def key(pid: str, field: str) -> str:
    return f"codeit_{pid}_{field}"


def shown_ids(at) -> tuple[str, ...]:
    """The sentences on the page, in their order (one frame box per sentence)."""
    return tuple(box.key.removeprefix("codeit_").removesuffix("_frame") for box in at.selectbox if box.key.startswith("codeit_"))


def code(at, pid: str, principles=None, tone=None, frame=None) -> None:
    """Choose in the form, as a tap does: nothing is sent until `submit`."""
    if principles is not None:
        at.pills(key=key(pid, "principle")).set_value(list(principles))
    if tone is not None:
        at.pills(key=key(pid, "tone")).set_value(tone)
    if frame is not None:
        at.selectbox(key=key(pid, "frame")).set_value(frame)


def submit(at) -> None:
    at.button(key="codeit_submit").click().run()
    assert_clean(at)


def agreement(at):
    """The figures table, one row per field (the page shows the field's label)."""
    table = next(df.value for df in at.dataframe if "kappa_text" in df.value.columns)
    fields = {label: field for field, label in reliability.LABELS.items()}
    return table.assign(field=table["label"].map(fields)).set_index("field")


def test_a_round_with_known_answers_gives_the_hand_worked_figures(data):
    at = open_page(PAGE, set="42")
    assert_clean(at)
    assert shown_ids(at) == IDS
    curated = data.passage_codes.set_index("passage_id")
    for pid in IDS:  # every frame as curated, every tone neutral, "None of the four" everywhere
        code(at, pid, principles=["none"], tone="neutral", frame=curated.at[pid, "frame"])
    submit(at)
    assert "8 of 8 sentences coded in each field." in plain_text(at)
    table = agreement(at)
    # Tone: curated mocking, critical, critical, neutral, n/a, neutral, neutral, neutral: 4 of 8 alike;
    # p_e = 4/8 × 8/8 = 1/2, kappa = (1/2 − 1/2)/(1 − 1/2) = 0.
    assert (table.at["tone_police", "alike"], table.at["tone_police", "percent_text"], table.at["tone_police", "kappa_text"]) == ("4 of 8 sentences", "50.0%", "0.00")
    # Frame: 8 of 8 alike, p_e = (4² + 1² + 3²)/8² = 26/64, kappa = 1.
    assert (table.at["frame", "alike"], table.at["frame", "percent_text"], table.at["frame", "kappa_text"]) == ("8 of 8 sentences", "100.0%", "1.00")
    # Principles: the reader chose "None of the four" (an answer) for all 8: 32 sentence × principle
    # items, 5 present in the curated codes, none in the reader's: 27 alike (84.375%), p_e = 27/32 × 32/32, kappa 0.
    assert (table.at["principle", "alike"], table.at["principle", "percent_text"], table.at["principle", "kappa_text"]) == (
        "27 of 32 sentence × principle pairs", "84.4%", "0.00")
    assert table.at["tone_police", "meaning"] == "No better than chance"
    assert list(table.index) == ["principle", "tone_police", "frame"]

    text = plain_text(at)
    # every disagreement with the curated rationale and the deciding edge rule
    assert "Why the curated code: " + curated.at["gawker-06", "rationale"] in text
    mocking_rule = data.codebook.set_index(["field", "code"]).at[("tone_police", "mocking"), "edge_rule"]
    assert "Edge rule: " + mocking_rule in text
    reason = data.passage_principles.set_index(["passage_id", "principle_id"]).at[("dabs-15", "P2"), "reason"]
    assert "Why the curated code: " + reason in text
    assert sum("**You:**" in m.value for m in at.markdown) == 4 + 5  # four tones, five principles missed
    assert "tone 50.0% (kappa 0.00) against 94.0% (kappa 0.88)" in text  # beside the second coder's
    assert "You and the curated coder differ on 9 codes" in text  # the discussion prompts use the evidence
    assert "Kappa says how much more you agree than if you both just guessed" in text  # beside the score
    # the form stays open: a changed code counts once submitted again
    code(at, "dabs-01", tone="not_applicable")
    at.run()
    assert agreement(at).at["tone_police", "alike"] == "4 of 8 sentences"  # not sent yet
    code(at, "dabs-01", tone="not_applicable")  # (AppTest drops a staged choice on a rerun; a browser keeps showing it)
    submit(at)
    assert agreement(at).at["tone_police", "alike"] == "5 of 8 sentences"
    assert at.selectbox(key=key("dabs-01", "frame")).value == "crime_punishment"  # kept


def test_choices_count_only_once_submitted():
    at = open_page(PAGE, set="42")
    assert "Nothing is sent until you press **Score my codes**" in at.info[0].value
    code(at, "gawker-06", tone="mocking")
    at.run()  # any other rerun (a button outside the form, a reload of the script) does not send the form
    assert not any("kappa_text" in df.value.columns for df in at.dataframe)
    assert "How your codes compare" not in plain_text(at)
    assert at.session_state[key("gawker-06", "tone")] is None
    code(at, "gawker-06", tone="mocking")
    submit(at)
    assert at.session_state[key("gawker-06", "tone")] == "mocking"
    assert agreement(at).at["tone_police", "alike"] == "1 of 1 sentences"


def test_coding_nothing_gives_no_score_but_asks_for_one():
    at = open_page(PAGE, set="42")
    submit(at)
    assert not any("kappa_text" in df.value.columns for df in at.dataframe)
    assert [i.value for i in at.info][-1] == ce.NOTHING_CODED
    assert "%" not in plain_text(at).split("How your codes compare", 1)[1]


def test_a_partly_coded_set_compares_what_was_coded():
    at = open_page(PAGE, set="42")
    code(at, "gawker-06", tone="mocking")
    code(at, "dabs-01", tone="neutral")
    submit(at)
    table = agreement(at)
    # Tone over the 2 coded sentences: gawker-06 mocking (alike), dabs-01 curated not_applicable: 1 of 2.
    assert (table.at["tone_police", "alike"], table.at["tone_police", "percent_text"]) == ("1 of 2 sentences", "50.0%")
    # a field coded for no sentence is not scored: no per cent, no kappa, no "84.4%" from blanks
    assert (table.at["principle", "alike"], table.at["principle", "percent_text"], table.at["principle", "kappa_text"]) == ("—", "—", "—")
    assert table.at["frame", "meaning"] == "Not scored: you coded no sentence's frame"
    assert "Sentences coded: principles 0 of 8, tone 2 of 8, frame 0 of 8." in plain_text(at)


def test_a_blank_principle_field_is_left_out_none_of_the_four_is_an_answer():
    at = open_page(PAGE, set="42")
    for pid in IDS[:6]:  # cbs-22 and dabs-15 (both refer to principles) left blank
        code(at, pid, principles=["none"])
    submit(at)
    # 6 × 4 = 24 items, curated present only cbs-10 P1: 23 of 24 alike (95.8%), kappa 0
    # (tests/unit/test_coding_exercise.py works it out); blanks as "does not refer" would give 27 of 32.
    table = agreement(at)
    assert (table.at["principle", "alike"], table.at["principle", "percent_text"]) == ("23 of 24 sentence × principle pairs", "95.8%")
    assert "Sentences coded: principles 6 of 8, tone 0 of 8, frame 0 of 8." in plain_text(at)
    assert "None of the four" in at.pills(key=key("dabs-01", "principle")).options


def test_none_of_the_four_beside_a_principle_is_explained_once_submitted():
    at = open_page(PAGE, set="42")
    code(at, IDS[0], principles=["P2", "none"])
    code(at, IDS[1], principles=["none"])
    submit(at)
    notes = [c.value for c in at.caption if "beside a principle" in c.value]
    assert len(notes) == 1 and "the principle counts" in notes[0], f"one note, for the one sentence with both: {notes}"


def test_the_same_set_number_gives_the_same_sentences_in_the_same_order(data):
    first, second = open_page(PAGE, set="42"), open_page(PAGE, set="42")
    assert shown_ids(first) == shown_ids(second) == IDS
    other = open_page(PAGE, set="43")
    assert shown_ids(other) != IDS
    texts = sentence_index(data).loc[list(IDS), "text"].tolist()
    shown = plain_text(first)
    assert [shown.index(t) for t in texts] == sorted(shown.index(t) for t in texts)


def test_no_set_in_the_address_picks_one_and_writes_it(data):
    at = open_page(PAGE)
    assert_clean(at)
    assert not at.warning
    seed = int(at.query_params["set"])
    assert ce.SEED_MIN <= seed <= ce.SEED_MAX
    cands = ce.candidates(sentence_index(data), data.passage_principles)
    assert shown_ids(at) == ce.choose_set(cands, seed)
    assert "sentences" not in at.query_params


def test_a_listed_set_is_coded_in_the_listed_order():
    listed = "dabs-04,gawker-06,cbs-07,cbs-10,dabs-15,gawker-13"
    at = open_page(PAGE, sentences=listed)
    assert_clean(at)
    assert not at.warning
    assert shown_ids(at) == tuple(listed.split(","))
    assert at.query_params["sentences"] == listed and "set" not in at.query_params
    assert "A listed set" in plain_text(at)


@pytest.mark.parametrize(("params", "says"), [
    ({"set": "abc"}, "is not a whole number from 1 to 9999"),
    ({"set": "0"}, "is not a whole number from 1 to 9999"),
    ({"set": "123456"}, "is not a whole number from 1 to 9999"),
    ({"set": "<script>alert(1)</script>"}, "is not a whole number"),
    ({"set": "\u202e42"}, "is not a whole number"),
    ({"sentences": "nope,foo"}, "ignored: `nope`, `foo`"),
    ({"sentences": "cbs-01,cbs-02,dabs-01,dabs-02,dabs-03,dabs-04,dabs-05"}, "Not a prose sentence of the full texts, ignored: `cbs-01`, `cbs-02`"),
    ({"sentences": "dabs-01,dabs-02"}, "needs 6 to 10 known sentences and the address gives 2"),
    ({"sentences": ",".join(f"dabs-{i:02d}" for i in range(1, 15))}, "at most 10 sentences"),
    ({"sentences": "x" * 5000}, "too long to read"),
    ({"set": ["42", "43"]}, "more than one set number"),
    ({"set": "42", "sentences": "dabs-01"}, "both a sentence list and a set number"),
], ids=["letters", "zero", "too-big", "script", "rtl", "unknown-ids", "furniture", "too-few", "too-many", "huge", "two-sets", "both"])
def test_a_tampered_address_gives_a_notice_and_a_set(params, says):
    at = open_page(PAGE, **params)
    assert_clean(at)
    notices = [w.value for w in at.warning]
    assert any(says in n.replace("\\", "") for n in notices), notices
    assert all(w.icon == ":material/link_off:" for w in at.warning)
    assert all(len(n) < 400 and all(ch.isprintable() for ch in n) for n in notices)
    assert 6 <= len(shown_ids(at)) <= 10
    assert ("set" in at.query_params) != ("sentences" in at.query_params)  # the address now names the set shown
    at.run()  # said once: the next run of the page keeps the set and says nothing
    assert not at.warning


def test_two_readers_do_not_share_answers():
    first, second = open_page(PAGE, set="42"), open_page(PAGE, set="42")
    code(first, "dabs-01", principles=["P1"], tone="critical", frame="policy")
    submit(first)
    second.run()
    assert second.pills(key=key("dabs-01", "principle")).value == []
    assert second.pills(key=key("dabs-01", "tone")).value is None
    assert second.selectbox(key=key("dabs-01", "frame")).value is None
    assert not any("kappa_text" in df.value.columns for df in second.dataframe)
    code(second, "dabs-01", tone="neutral")
    submit(second)
    first.run()
    assert first.pills(key=key("dabs-01", "tone")).value == "critical"


def test_codes_and_set_survive_a_visit_to_another_page():
    at = open_page(PAGE, set="42")
    code(at, "dabs-01", tone="not_applicable", frame="crime_punishment")
    submit(at)
    at.switch_page("pages/1_Principles.py").run()
    assert_clean(at)
    at.switch_page(PAGE).run()  # arrives without ?set= (a page switch clears it): the same set, the same codes
    assert_clean(at)
    assert shown_ids(at) == IDS and at.query_params["set"] == "42"
    assert at.pills(key=key("dabs-01", "tone")).value == "not_applicable"
    assert at.selectbox(key=key("dabs-01", "frame")).value == "crime_punishment"
    assert agreement(at).at["tone_police", "alike"] == "1 of 1 sentences"  # the submitted score is shown again


def test_new_set_and_clear(data):
    at = open_page(PAGE, set="42")
    code(at, "dabs-01", tone="neutral")
    submit(at)
    at.button(key="codeit_new_set").click().run()
    assert_clean(at)
    assert shown_ids(at) != IDS and at.query_params["set"] != "42"
    at.button(key="codeit_clear").click().run()
    assert_clean(at)
    assert all(at.pills(key=key(pid, "tone")).value is None for pid in shown_ids(at))


def test_the_tone_row_wraps_and_the_codebook_holds_every_definition(data):
    """The tone pills wrap (in a column they would otherwise scroll sideways on a phone and hide
    "Not applicable"); what each code means is in the codebook, shown literally."""
    at = open_page(PAGE, set="42")
    tone = at.pills(key=key("dabs-01", "tone"))
    assert tone.proto.HasField("wrap") and tone.proto.wrap
    book = data.codebook.set_index(["field", "code"])
    shown = pd.concat([df.value for df in at.dataframe if "definition" in df.value.columns])
    mocking = book.loc[("tone_police", "mocking")]
    assert {mocking["definition"], mocking["example_text"], book.loc[("frame", "quality_of_life"), "definition"]} <= set(shown.stack())
    assert "None of the four" in set(shown["label"])
