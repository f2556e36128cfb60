"""Guess the outlet in a real browser: a whole round played by clicking, at 1280x720 (the
projector) and 390x844 (a phone, no sideways scrolling), with screenshots of a question, its cues
and the score in artifacts/screenshots/quiz/."""

from __future__ import annotations

import pytest

from storyframes.classroom import quiz
from storyframes.core.data import load_package
from tests.browser.conftest import shot, PAST_THE_WINDOW_JS, SCREENSHOTS, VIEWPORT, open_page
from tests.browser.test_browser import click_and_wait

MAIN = "[data-testid='stMain']"
SHOTS = SCREENSHOTS / "quiz"
PHONE = {"width": 390, "height": 844}
SEED = 123


@pytest.fixture(scope="module")
def questions():
    data = load_package()
    full = data.vocab.full_text_ids
    return data, quiz.round_questions(quiz.pool(data, full, "easy"), SEED, options=full)


def no_exception(page) -> None:
    assert not page.locator("[data-testid='stException']").count(), "an exception is shown"
    assert not page.page_errors, page.page_errors


def no_overflow(page, where: str) -> None:
    offenders = page.evaluate(PAST_THE_WINDOW_JS)
    assert not offenders, f"{where}: content wider than the window:\n" + "\n".join(offenders)


def sentence_shown(page) -> str:
    return page.locator(f"{MAIN} h4").first.inner_text().strip()


def button(page, name: str):
    return page.locator(MAIN).get_by_role("button", name=name, exact=True)


def answer_button(page, name: str):
    return page.locator(f"{MAIN} [class*='st-key-quiz_option_'] button", has_text=name).first


@pytest.mark.parametrize("viewport", [VIEWPORT, PHONE], ids=["1280", "390"])
def test_a_whole_round_by_clicking(page, questions, viewport):
    data, round_ = questions
    wrong_at = 2  # one wrong answer, to see the feedback and the review say so
    page.set_viewport_size(viewport)
    width = viewport["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        open_page(page, f"/Guess_the_outlet?quiz={SEED}&level=easy")
        no_exception(page)
        for i, q in enumerate(round_):
            assert f"Question {i + 1} of {len(round_)}" in page.locator(MAIN).inner_text()
            assert sentence_shown(page) == q.text, f"question {i + 1} is not the round's sentence"
            if i == 0:
                no_overflow(page, f"a question at {width}px")
                shot(page, SHOTS / f"question-{width}.png")
            outlet = q.answer if i != wrong_at else next(o for o in q.options if o != q.answer)
            click_and_wait(page, answer_button(page, data.vocab.outlet(outlet)))
            no_exception(page)
            text = page.locator(MAIN).inner_text()
            assert ("Right:" in text) == (i != wrong_at) and ("Not this time" in text) == (i == wrong_at)
            assert "What gives it away" in text and "Tone toward the police" in text
            if i in (0, wrong_at):
                no_overflow(page, f"the cues at {width}px")
                page.locator(f"{MAIN} .st-key-quiz_next").scroll_into_view_if_needed()
                shot(page, SHOTS / f"{'cues' if i == 0 else 'wrong'}-{width}.png")
            click_and_wait(page, page.locator(f"{MAIN} .st-key-quiz_next button"))
        no_exception(page)
        text = page.locator(MAIN).inner_text()
        assert f"Your score: {len(round_) - 1} of {len(round_)}" in text
        assert text.count("Right · your answer") == len(round_) - 1 and text.count("Wrong · your answer") == 1
        no_overflow(page, f"the score at {width}px")
        page.locator(f"{MAIN} h3", has_text="Your score").first.evaluate("h => h.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        shot(page, SHOTS / f"score-{width}.png")
        shot(page, SHOTS / f"score-full-{width}.png", full_page=True)
        # the same round again, from the start
        click_and_wait(page, button(page, "Replay this round"))
        assert sentence_shown(page) == round_[0].text and "Question 1 of 8" in page.locator(MAIN).inner_text()
        assert f"quiz={SEED}" in page.url and "level=easy" in page.url
        click_and_wait(page, button(page, "Hard"))
        assert "level=hard" in page.url and f"quiz={SEED}" in page.url
    finally:
        page.set_viewport_size(VIEWPORT)


def test_a_tampered_link_gets_a_notice_and_a_shareable_round(page):
    open_page(page, "/Guess_the_outlet?quiz=12abc&level=expert")
    no_exception(page)
    alerts = page.locator(f"{MAIN} [data-testid='stAlert']").all_inner_texts()
    assert any("does not exist" in a for a in alerts) and any("unknown quiz level" in a for a in alerts)
    assert "quiz=12abc" not in page.url and "level=easy" in page.url
    shot(page, SHOTS / "tampered-1280.png")
