"""Guess the outlet under AppTest: whole rounds answered by clicking, the score, replay and a new
round, levels, the round in the address (shared, tampered), and two readers who never share answers."""

from __future__ import annotations

import re

import pytest

from storyframes.classroom import quiz
from storyframes.core.data import load_package

from .conftest import assert_clean, open_page, plain_text
from .test_hostile_pages import hostile  # noqa: F401 - the hostile package, as a fixture

PAGE = "pages/7_Guess_the_outlet.py"


@pytest.fixture(scope="module")
def data():
    return load_package()


def expected(data, seed: int, level: str = "easy", outlets=None) -> tuple[quiz.Question, ...]:
    full = data.vocab.full_text_ids
    return quiz.round_questions(quiz.pool(data, outlets or full, level), seed, options=quiz.candidate_outlets(full, outlets or full))


def shown_sentence(at) -> str:
    """The question's sentence as the reader reads it (the one level-4 heading of the page)."""
    heads = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert len(heads) == 1, heads
    return re.sub(r"\\(.)", r"\1", heads[0].removeprefix("#### "))


def review(at) -> list[tuple[str, str, str, str]]:
    """The score's review as the reader reads it: (sentence, Right/Wrong, your answer, the outlet)."""
    rows = []
    for m in at.markdown:
        found = re.fullmatch(r":material/\w+: \*\*\d+\.\*\* (.*)  \n:gray\[(Right|Wrong) · your answer: (.*) · the outlet: (.*)\]", m.value, re.S)
        if found:
            rows.append(tuple(re.sub(r"\\(.)", r"\1", g) for g in found.groups()))
    return rows


def heading(at) -> str:
    return " | ".join(s.value for s in at.subheader)


def pick(at, question: quiz.Question, outlet: str) -> None:
    at.button(key=f"quiz_option_{question.options.index(outlet)}").click().run()
    assert_clean(at)


def play(at, questions, answers, *, first: int = 0, total: int = quiz.ROUND_SIZE) -> list[str]:
    """Answer each question (from number `first`) with the given outlet and go on; returns the sentences shown."""
    seen = []
    for i, (q, a) in enumerate(zip(questions, answers), first):
        assert heading(at).startswith(f"Question {i + 1} of {total}")
        seen.append(shown_sentence(at))
        pick(at, q, a)
        text = plain_text(at)
        assert ("Right:" in text) == (a == q.answer)
        assert "What gives it away" in text
        at.button(key="quiz_next").click().run()
        assert_clean(at)
    return seen


def test_a_round_answered_right_scores_eight_and_replays_the_same_questions(data):
    questions = expected(data, 123)
    at = open_page(PAGE, quiz="123", level="easy")
    assert_clean(at)
    assert not at.warning
    seen = play(at, questions, [q.answer for q in questions])
    assert seen == [q.text for q in questions]
    assert heading(at) == "Your score: 8 of 8"
    rows = review(at)
    assert [r[0] for r in rows] == [q.text for q in questions]
    assert [r[1] for r in rows] == ["Right"] * 8
    at.button(key="quiz_replay").click().run()
    assert_clean(at)
    assert heading(at).startswith("Question 1 of 8")
    assert at.query_params["quiz"] == "123"
    assert play(at, questions, [q.answer for q in questions]) == seen, "a replay asks the same questions in the same order"
    assert heading(at) == "Your score: 8 of 8"


def test_wrong_answers_are_counted_and_reviewed(data):
    questions = expected(data, 77, "hard")
    wrong = {0, 3, 6}
    answers = [next(o for o in q.options if o != q.answer) if i in wrong else q.answer for i, q in enumerate(questions)]
    at = open_page(PAGE, quiz="77", level="hard")
    assert play(at, questions, answers) == [q.text for q in questions]
    assert heading(at) == "Your score: 5 of 8"
    names = data.vocab.outlet
    assert review(at) == [(q.text, "Wrong" if i in wrong else "Right", names(a), names(q.answer))
                          for i, (q, a) in enumerate(zip(questions, answers))]


def test_the_cues_of_the_slur_sentence_are_shown(data):
    """Find a round that asks dabs-13 first, answer it, and read the cues the page gives."""
    pool = quiz.pool(data, data.vocab.full_text_ids, "easy")
    seed = next(s for s in range(10_000) if quiz.round_questions(pool, s)[0].passage_id == "dabs-13")
    at = open_page(PAGE, quiz=str(seed))
    question = expected(data, seed)[0]
    pick(at, question, question.answer)
    text = plain_text(at)
    assert "**“top brass pigs”** (pejorative, about police)" in text, "a strong cue, in bold"
    assert "; “crimes no one cares about” (neutral, about offenders)" in text
    assert "Frame: Crime and punishment · Tone toward the police: Mocking" in text
    assert "McCarthy (Garry F. McCarthy), named" in text
    assert any(":orange-background[top brass pigs]" in m.value for m in at.markdown), "the term is marked in the sentence"


def test_a_second_click_and_next_before_an_answer_change_nothing(data):
    questions = expected(data, 5)
    at = open_page(PAGE, quiz="5")
    assert "quiz_next" not in [b.key for b in at.button]
    q = questions[0]
    pick(at, q, q.answer)
    assert all(at.button(key=f"quiz_option_{k}").disabled for k in range(len(q.options)))


@pytest.mark.parametrize("params, notice", [
    ({"quiz": "abc"}, "does not exist"),
    ({"quiz": "1000000"}, "does not exist"),
    ({"quiz": "-4", "level": "easy"}, "does not exist"),
    ({"quiz": "<b>1</b>"}, "does not exist"),
    ({"quiz": "12", "level": "impossible"}, "unknown quiz level"),
    ({"quiz": ["1", "2"]}, None),  # a repeated parameter: the last one, as Streamlit reads it
    ({"level": "HARD"}, None),
])
def test_a_tampered_address_gives_a_notice_and_a_sound_round(params, notice):
    at = open_page(PAGE, **params)
    assert_clean(at)
    warnings = " ".join(w.value for w in at.warning)
    if notice:
        assert notice in warnings
        assert all(len(w.value) < 400 and all(ch.isprintable() for ch in w.value) for w in at.warning)
    else:
        assert not warnings
    seed = at.query_params["quiz"]
    assert re.fullmatch(r"[0-9]{1,6}", seed), "a sound round is written to the address"
    assert at.query_params["level"] in quiz.LEVELS
    if "level" in params and str(params["level"]).lower() not in quiz.LEVELS:
        assert at.query_params["level"] == "easy"
    if notice == "does not exist":
        assert seed != str(params["quiz"])
    assert heading(at).startswith("Question 1 of 8")


def test_without_a_round_in_the_address_one_is_picked_and_kept(data):
    at = open_page(PAGE)
    assert_clean(at)
    assert not at.warning
    seed = at.query_params["quiz"]
    assert at.query_params["level"] == "easy"
    questions = expected(data, int(seed))
    assert shown_sentence(at) == questions[0].text
    play(at, questions[:2], [q.answer for q in questions[:2]])
    assert at.query_params["quiz"] == seed, "the round stays the same while it is played"
    at.switch_page("pages/1_Principles.py").run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert at.query_params["quiz"] == seed, "a page switch keeps the session's round"
    assert heading(at).startswith("Question 3 of 8"), "and its progress"


def test_level_buttons_and_new_round_open_new_rounds(data):
    at = open_page(PAGE, quiz="9", level="easy")
    easy = expected(data, 9)
    pick(at, easy[0], easy[0].answer)
    at.button(key="quiz_level_hard").click().run()
    assert_clean(at)
    assert (at.query_params["quiz"], at.query_params["level"]) == ("9", "hard")
    hard = expected(data, 9, "hard")
    assert heading(at).startswith("Question 1 of 8") and shown_sentence(at) == hard[0].text
    at.button(key="quiz_level_easy").click().run()
    assert (at.query_params["level"], heading(at)) == ("easy", "Question 1 of 8"), "back to the easy round, its answer kept"
    assert "Right:" in plain_text(at)
    play_rest = [q.answer for q in easy]
    at.button(key="quiz_next").click().run()
    play(at, easy[1:], play_rest[1:], first=1)
    at.button(key="quiz_new").click().run()
    assert_clean(at)
    assert at.query_params["quiz"] != "9" and at.query_params["level"] == "easy"
    assert heading(at).startswith("Question 1 of 8")
    assert shown_sentence(at) == expected(data, int(at.query_params["quiz"]))[0].text


def test_two_readers_never_share_answers(data):
    questions = expected(data, 31)
    first, second = open_page(PAGE, quiz="31"), open_page(PAGE, quiz="31")
    assert shown_sentence(first) == shown_sentence(second) == questions[0].text, "one link, the same question"
    wrong = next(o for o in questions[0].options if o != questions[0].answer)
    pick(first, questions[0], wrong)
    second.run()
    assert "Not this time" in plain_text(first)
    assert "Not this time" not in plain_text(second) and "Right:" not in plain_text(second)
    assert not any(b.disabled for b in second.button if (b.key or "").startswith("quiz_option_"))
    pick(second, questions[0], questions[0].answer)
    first.run()
    assert "Not this time" in plain_text(first) and "Right:" in plain_text(second)


def test_the_outlet_filter_chooses_the_outlets_to_guess_between(data):
    full = data.vocab.full_text_ids
    at = open_page(PAGE, quiz="3", outlet=list(full[:2]))
    assert_clean(at)
    labels = [b.label for b in at.button if (b.key or "").startswith("quiz_option_")]
    assert len(labels) == 2
    assert shown_sentence(at) == expected(data, 3, outlets=full[:2])[0].text
    for outlets in ([], [full[0]], ["nyt"]):  # fewer than two full texts: all of them
        at = open_page(PAGE, quiz="3", outlet=outlets or "")
        assert_clean(at)
        assert len([b for b in at.button if (b.key or "").startswith("quiz_option_")]) == len(full)
        assert f"it uses all {len(full)}" in plain_text(at)
        assert shown_sentence(at) == expected(data, 3)[0].text


def test_hostile_data_in_the_cues_and_the_review_reaches_markdown_only_escaped(hostile):
    """On the hostile copy of the package (Markdown, HTML and script payloads in every text): the
    cues after an answer and the review after a round show the payloads as text."""
    from .test_hostile_pages import assert_no_raw_payload, shows_payload

    at = open_page(PAGE, quiz="4")
    assert_clean(at)
    for _ in range(quiz.ROUND_SIZE):
        options = [b for b in at.button if (b.key or "").startswith("quiz_option_")]
        if not options:
            break
        options[0].click().run()
        assert_clean(at)
        assert "What gives it away" in plain_text(at)
        assert shows_payload(assert_no_raw_payload(at))
        at.button(key="quiz_next").click().run()
        assert_clean(at)
    assert heading(at).startswith("Your score:")
    assert shows_payload(assert_no_raw_payload(at))
