"""Code it yourself under AppTest: a round with known answers gives the figures worked out by hand;
a link's set number gives every reader the same sentences; a tampered address gives a notice and a
set, never an exception; two readers never share answers."""

from __future__ import annotations

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
    if principles is not None:
        at.pills(key=key(pid, "principle")).set_value(list(principles)).run()
    if tone is not None:
        at.pills(key=key(pid, "tone")).set_value(tone).run()
    if frame is not None:
        at.selectbox(key=key(pid, "frame")).set_value(frame).run()
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
    for pid in IDS:  # every frame as curated, every tone neutral, no principle anywhere
        code(at, pid, principles=["none"], tone="neutral", frame=curated.at[pid, "frame"])
    assert "You have coded all three fields of 8 of 8 sentences" in plain_text(at)
    at.button(key="codeit_compare").click().run()
    assert_clean(at)
    table = agreement(at)
    # Tone: curated mocking, critical, critical, neutral, n/a, neutral, neutral, neutral: 4 of 8 alike;
    # p_e = 4/8 × 8/8 = 1/2, kappa = (1/2 − 1/2)/(1 − 1/2) = 0.
    assert (table.at["tone_police", "alike"], table.at["tone_police", "percent_text"], table.at["tone_police", "kappa_text"]) == ("4 of 8 sentences", "50.0%", "0.00")
    # Frame: 8 of 8 alike, p_e = (4² + 1² + 3²)/8² = 26/64, kappa = 1.
    assert (table.at["frame", "alike"], table.at["frame", "percent_text"], table.at["frame", "kappa_text"]) == ("8 of 8 sentences", "100.0%", "1.00")
    # Principles: 32 sentence × principle items, 5 present in the curated codes, none in the reader's:
    # 27 alike (84.375%), p_e = 27/32 × 32/32, kappa 0.
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
    # the codes are locked while the comparison shows; "Change my codes" unlocks them
    assert at.selectbox(key=key("dabs-01", "frame")).disabled and at.pills(key=key("dabs-01", "tone")).disabled
    at.button(key="codeit_change").click().run()
    assert not at.selectbox(key=key("dabs-01", "frame")).disabled
    assert at.selectbox(key=key("dabs-01", "frame")).value == "crime_punishment"  # kept
    assert not any("kappa_text" in df.value.columns for df in at.dataframe)


def test_a_partly_coded_set_compares_what_was_coded():
    at = open_page(PAGE, set="42")
    assert at.button(key="codeit_compare").disabled  # nothing coded yet
    code(at, "gawker-06", tone="mocking")
    code(at, "dabs-01", tone="neutral")
    at.button(key="codeit_compare").click().run()
    assert_clean(at)
    table = agreement(at)
    assert (table.at["tone_police", "alike"], table.at["tone_police", "percent_text"]) == ("1 of 2 sentences", "50.0%")
    assert table.at["frame", "meaning"] == "Nothing to compare"
    assert "Only the sentences you coded are compared: principle (0 of 8), tone (2 of 8), frame (0 of 8)." in plain_text(at)


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
    first.button(key="codeit_compare").click().run()
    second.run()
    assert second.pills(key=key("dabs-01", "principle")).value == []
    assert second.pills(key=key("dabs-01", "tone")).value is None
    assert second.selectbox(key=key("dabs-01", "frame")).value is None
    assert not any("kappa_text" in df.value.columns for df in second.dataframe)
    code(second, "dabs-01", tone="neutral")
    first.run()
    assert first.pills(key=key("dabs-01", "tone")).value == "critical"


def test_codes_and_set_survive_a_visit_to_another_page():
    at = open_page(PAGE, set="42")
    code(at, "dabs-01", tone="not_applicable", frame="crime_punishment")
    at.switch_page("pages/1_Principles.py").run()
    assert_clean(at)
    at.switch_page(PAGE).run()  # arrives without ?set= (a page switch clears it): the same set, the same codes
    assert_clean(at)
    assert shown_ids(at) == IDS and at.query_params["set"] == "42"
    assert at.pills(key=key("dabs-01", "tone")).value == "not_applicable"
    assert at.selectbox(key=key("dabs-01", "frame")).value == "crime_punishment"


def test_new_set_and_clear(data):
    at = open_page(PAGE, set="42")
    code(at, "dabs-01", tone="neutral")
    at.button(key="codeit_new_set").click().run()
    assert_clean(at)
    assert shown_ids(at) != IDS and at.query_params["set"] != "42"
    at.button(key="codeit_clear").click().run()
    assert_clean(at)
    assert all(at.pills(key=key(pid, "tone")).value is None for pid in shown_ids(at))


def test_each_choice_shows_its_definition_and_example_literally(data):
    at = open_page(PAGE, set="42")
    code(at, "dabs-01", tone="mocking", frame="quality_of_life")
    book = data.codebook.set_index(["field", "code"])
    captions = [c.value.replace("\\", "") for c in at.caption]
    mocking = book.loc[("tone_police", "mocking")]
    assert any("**Mocking**: " in c and "Example (gawker-15)" in c for c in captions)
    text = plain_text(at)
    assert mocking["definition"] in text and f"“{mocking['example_text']}”" in text
    assert book.loc[("frame", "quality_of_life"), "definition"] in text
