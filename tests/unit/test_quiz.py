"""Guess the outlet: rounds from a seed, the two levels' pools recounted on the real data with
plain pandas, the cues of known sentences, answering, scoring and the address's round number."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from storyframes.analysis import measures as analysis

from storyframes.classroom import quiz
from storyframes.core.data import load_package

STRONG = {"slang", "pejorative", "figurative"}


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def full(data):
    return data.vocab.full_text_ids


def recount(data, level: str, outlets) -> set[str]:
    """The level's definition, counted again without the quiz module: plain lower-case substring
    search of each article's lexicon terms, the tone from passage_codes."""
    p = data.passages[~data.passages["is_furniture"].astype(bool)].merge(data.articles[["article_id", "outlet_id"]], on="article_id")
    p = p[p["outlet_id"].isin(outlets)].merge(data.passage_codes[["passage_id", "tone_police"]], on="passage_id")
    chosen = set()
    for row in p.itertuples():
        lex = data.lexicon[data.lexicon["article_id"] == row.article_id]
        strong_term = any(t.lower() in row.text.lower() for t in lex.loc[lex["register"].isin(STRONG), "term"])
        if level == "easy" and (strong_term or row.tone_police in {"mocking", "critical"}):
            chosen.add(row.passage_id)
        if level == "hard" and not strong_term and row.tone_police in {"neutral", "not_applicable"}:
            chosen.add(row.passage_id)
    return chosen


# --- pools -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("level", quiz.LEVELS)
def test_pools_match_their_definition_on_the_real_data(data, full, level):
    got = quiz.pool(data, full, level)
    assert set(got["passage_id"]) == recount(data, level, full)
    assert len(got) >= quiz.ROUND_SIZE, "the real data has a full round at each level"
    assert not got["passage_id"].duplicated().any()


def test_easy_and_hard_pools_do_not_overlap_and_hold_no_furniture(data, full):
    easy, hard = (set(quiz.pool(data, full, lv)["passage_id"]) for lv in quiz.LEVELS)
    assert not easy & hard
    furniture = set(data.passages.loc[data.passages["is_furniture"].astype(bool), "passage_id"])
    assert furniture and not (easy | hard) & furniture
    # every hard sentence is neutral by its codes; every easy one has a strong cue
    tone = dict(zip(data.passage_codes["passage_id"], data.passage_codes["tone_police"]))
    assert {tone[p] for p in hard} <= {"neutral", "not_applicable"}
    for pid in easy:
        assert quiz.cues(data, pid).strong, pid


def test_the_known_sentences_fall_in_the_right_level(data, full):
    easy, hard = (set(quiz.pool(data, full, lv)["passage_id"]) for lv in quiz.LEVELS)
    assert "dabs-13" in easy  # 'top brass pigs', mocking
    assert "dabs-04" in easy  # 'dudes in blue': slang, although the tone is neutral
    assert "cbs-04" in hard  # formal titles, neutral tone


def test_a_pool_keeps_only_the_candidate_outlets(data, full):
    two = full[:2]
    for level in quiz.LEVELS:
        got = quiz.pool(data, two, level)
        assert set(got["outlet_id"]) <= set(two)
        assert set(got["passage_id"]) == recount(data, level, two)


def test_fewer_than_two_chosen_full_texts_means_all_of_them(full):
    assert quiz.candidate_outlets(full, [full[0]]) == full
    assert quiz.candidate_outlets(full, []) == full
    assert quiz.candidate_outlets(full, ["a-headline-only-outlet", full[1]]) == full
    assert quiz.candidate_outlets(full, [full[2], full[0]]) == (full[0], full[2])  # the dashboard's order


def test_an_unknown_level_is_refused(data, full):
    with pytest.raises(ValueError):
        quiz.pool(data, full, "medium")


# --- rounds ----------------------------------------------------------------------------------------

def test_the_same_seed_gives_the_same_questions(data, full):
    pool = quiz.pool(data, full, "easy")
    first = quiz.round_questions(pool, 123, options=full)
    assert first == quiz.round_questions(pool, 123, options=full)
    assert first == quiz.round_questions(quiz.pool(load_package(), full, "easy"), 123, options=full), "a fresh load, the same round"
    assert len(first) == quiz.ROUND_SIZE


def test_different_seeds_give_different_rounds(data, full):
    pool = quiz.pool(data, full, "hard")
    rounds = {tuple(q.passage_id for q in quiz.round_questions(pool, seed)) for seed in range(20)}
    assert len(rounds) == 20


@pytest.mark.parametrize("seed", [0, 1, 42, 123, 999_999])
@pytest.mark.parametrize("level", quiz.LEVELS)
def test_no_sentence_twice_in_a_round(data, full, seed, level):
    questions = quiz.round_questions(quiz.pool(data, full, level), seed, options=full)
    ids = [q.passage_id for q in questions]
    assert len(ids) == len(set(ids)) == quiz.ROUND_SIZE
    passages = data.passages.set_index("passage_id")
    outlet = dict(zip(data.articles["article_id"], data.articles["outlet_id"]))
    for q in questions:
        assert q.text == passages.at[q.passage_id, "text"]
        assert q.answer == outlet[passages.at[q.passage_id, "article_id"]]
        assert q.options == full and q.answer in q.options


def test_a_small_pool_gives_a_shorter_round_of_all_its_sentences():
    pool = pd.DataFrame({"passage_id": ["a-1", "b-1", "a-2"], "outlet_id": ["a", "b", "a"], "text": ["x", "y", "z"]})
    questions = quiz.round_questions(pool, 7)
    assert sorted(q.passage_id for q in questions) == ["a-1", "a-2", "b-1"]
    assert all(q.options == ("a", "b") for q in questions)
    assert quiz.round_questions(pool.iloc[:0], 7) == ()


def test_the_round_is_the_random_module_sampling_without_replacement():
    pool = pd.DataFrame({"passage_id": [f"p{i}" for i in range(30)], "outlet_id": ["a", "b"] * 15, "text": ["t"] * 30})
    picks = random.Random(5).sample(range(30), k=8)
    assert [q.passage_id for q in quiz.round_questions(pool, 5)] == [f"p{i}" for i in picks]


# --- cues ------------------------------------------------------------------------------------------

def test_cues_of_the_slur_sentence(data):
    """dabs-13: 'Like McCarthy, these top brass pigs want to … stop arresting people for crimes no one
    cares about.' The lexicon has 'top brass pigs' (pejorative) and 'crimes no one cares about'
    (neutral); coded crime_punishment and mocking; McCarthy is named."""
    c = quiz.cues(data, "dabs-13")
    assert [(t.term, t.register, t.register_label) for t in c.terms] == [
        ("top brass pigs", "pejorative", "Pejorative"), ("crimes no one cares about", "neutral", "Neutral")]
    assert [(t.target, t.target_label) for t in c.terms] == [("police", "Police"), ("offenders", "Offenders")]
    assert [t.term for t in c.strong_terms] == ["top brass pigs"] and c.strong
    assert (c.frame, c.frame_label, c.tone, c.tone_label) == ("crime_punishment", "Crime and punishment", "mocking", "Mocking")
    assert [(p.name, p.person, p.mention_label) for p in c.people] == [("McCarthy", "Garry F. McCarthy", "Named")]


def test_cues_find_terms_first_coded_in_another_sentence(data):
    """A term is a cue wherever it occurs in its article, not only in the sentence it was first
    coded in: 'police chiefs' is coded at dabs-11 (and in every article)."""
    text = data.passages.set_index("passage_id").at["dabs-11", "text"]
    assert "police chiefs" in text.lower()
    assert "police chiefs" in [t.term for t in quiz.cues(data, "dabs-11").terms]


def test_cues_of_a_quoted_sentence(data):
    c = quiz.cues(data, "dabs-08")
    assert ("Garry F. McCarthy", "Quoted") in [(p.person, p.mention_label) for p in c.people]


def test_a_neutral_sentence_has_no_strong_cue(data, full):
    for pid in quiz.pool(data, full, "hard")["passage_id"]:
        c = quiz.cues(data, pid)
        assert not c.strong_terms and c.tone in quiz.NEUTRAL_TONES, pid


def test_term_spans_mark_whole_words_in_any_case():
    text = "Cops and cops, but not copsicles; The Happening."
    assert analysis.term_spans(text, ["cops", "the happening"]) == [(0, 4), (9, 13), (34, 47)]


def test_term_spans_follow_the_counting_rule():
    """Highlights and counts agree: curly and straight quotes alike, any whitespace inside a term,
    positions those of the text itself."""
    text = "They’re “top  brass” pigs"
    spans = analysis.term_spans(text, ["they're", "top brass"])
    assert [text[a:b] for a, b in spans] == ["They’re", "top  brass"]
    assert all(analysis.count_term(t, text) == 1 for t in ("they're", "top brass"))


def test_the_cues_are_the_terms_word_choice_finds(data):
    """The quiz reads the package's one list of term matches (analysis.term_hits), as the
    word-choice views do: every cue of every sentence is there, and nothing else."""
    hits = analysis.term_hits(data)
    for pid in quiz.sentences(data)["passage_id"]:
        expected = set(hits.loc[hits["passage_id"] == pid, "term"])
        assert {t.term for t in quiz.cues(data, pid).terms} == expected, pid


# --- answering, scoring ----------------------------------------------------------------------------

def _questions(answers):
    return tuple(quiz.Question(f"p{i}", "t", a, ("a", "b")) for i, a in enumerate(answers))


def test_score_counts_right_answers_and_not_missing_ones():
    qs = _questions("aabba")
    assert quiz.score(qs, "aabba") == 5
    assert quiz.score(qs, "babbb") == 3
    assert quiz.score(qs, "aa") == 2
    assert quiz.score(qs, "") == 0


def test_answer_and_advance_step_through_a_round_once():
    p = quiz.Progress()
    p = quiz.answer(p, 0, "a")
    assert p == quiz.Progress(("a",), 0)
    assert quiz.answer(p, 0, "b") == p, "a second click on the same question changes nothing"
    assert quiz.answer(p, 1, "b") == p, "a stale button of another question changes nothing"
    p = quiz.advance(p, 0)
    assert p == quiz.Progress(("a",), 1)
    assert quiz.advance(p, 0) == p and quiz.advance(p, 1) == p, "next only once, and only after an answer"
    qs = _questions("ab")
    p = quiz.advance(quiz.answer(p, 1, "a"), 1)
    assert quiz.finished(p, qs) and quiz.score(qs, p.answers) == 1


def test_review_lists_every_question():
    qs = _questions("ab")
    table = quiz.review(qs, ["a", "a"], {"a": "Outlet A", "b": "Outlet B"}.get)
    assert table["yours"].tolist() == ["Outlet A", "Outlet A"]
    assert table["right_outlet"].tolist() == ["Outlet A", "Outlet B"]
    assert table["result"].tolist() == ["Right", "Wrong"]


# --- the address -----------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, seed", [("123", 123), (" 7 ", 7), ("0", 0), ("999999", 999_999), ("000042", 42)])
def test_seeds_in_range_are_read(raw, seed):
    assert quiz.parse_seed(raw) == (seed, None)


@pytest.mark.parametrize("raw", ["abc", "-1", "1000000", "12.5", "1e3", "", "١٢٣", "9" * 400, "<script>", "12\x00"])
def test_tampered_seeds_give_a_notice_and_no_seed(raw):
    seed, notice = quiz.parse_seed(raw)
    assert seed is None and notice and len(notice) < 400
    assert all(ch.isprintable() for ch in notice)


def test_no_seed_is_no_notice():
    assert quiz.parse_seed(None) == (None, None)


def test_levels_are_read_and_unknown_ones_fall_back_to_easy():
    assert quiz.parse_level(None) == ("easy", None)
    assert quiz.parse_level("HARD") == ("hard", None)
    level, notice = quiz.parse_level("impossible")
    assert level == "easy" and "impossible" in notice


def test_a_fresh_seed_is_in_range_and_new():
    rng = random.Random(1)
    seeds = [quiz.fresh_seed(rng) for _ in range(200)]
    assert all(0 <= s <= quiz.MAX_SEED for s in seeds)
    first = random.Random(3).randint(0, quiz.MAX_SEED)
    assert quiz.fresh_seed(random.Random(3), avoid=first) != first
