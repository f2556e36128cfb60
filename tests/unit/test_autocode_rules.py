"""The principle rules as a table (storyframes/autocode/principle_rules.csv): words near words,
each rule with an example it finds, and the checks of who acts (issue 21, item 1)."""

from __future__ import annotations

import re

import pytest

from storyframes.autocode import rules
from storyframes.autocode.coding import background, principle_refs


def _found(sentence: str) -> set[str]:
    return {pid for pid, *_ in principle_refs(sentence, [])}


@pytest.mark.parametrize("rule", rules.PRINCIPLE_RULES, ids=lambda r: r.rule_id)
def test_every_rule_finds_its_example(rule):
    assert rule.example, f"{rule.rule_id} has no example"
    assert rule.pattern.search(rule.example), rule.example
    assert rule.principle_id in _found(rule.example)


def test_every_words_near_rule_is_written_readably():
    near = [r for r in rules.PRINCIPLE_RULES if r.words]
    assert len(near) >= 6
    assert all(r.near and r.within > 0 for r in near)


def test_terms_take_word_forms_and_phrases():
    p = re.compile(rules.term_pattern("reduc*, criminal law*"), re.IGNORECASE)
    assert all(p.search(x) for x in ("reduce", "reducing", "reduction", "criminal laws", "Criminal  law"))
    assert not p.search("seduce") and not p.search("criminal")


def test_near_counts_the_words_between_in_either_order():
    p = re.compile(rules.near_pattern("cut*", "felon*", 2), re.IGNORECASE)
    assert p.search("cut the number felonies") and p.search("felonies would be cut")
    assert not p.search("cut the total number of felonies")  # three words between


@pytest.mark.parametrize("sentence, principle", [
    # the misses: ordinary paraphrases
    ("They also back reducing the number of criminal laws.", "P2"),
    ("Second, cuts in the number of criminal laws, so that petty cases stop clogging the courts.", "P2"),
    ("The leaders said mandatory sentencing laws should be scaled back.", "P3"),
    ("Third, an end to overly severe sentencing laws that tie judges' hands.", "P3"),
    ("The new group wants alternatives to booking people into jail for minor drug possession.", "P1"),
    ("Its members want more mental health and drug addiction services.", "P1"),
])
def test_paraphrases_are_found(sentence, principle):
    assert principle in _found(sentence)


@pytest.mark.parametrize("sentence", [
    # the false hits: background, and another body's action
    "Mandatory minimum sentences played a vital role in increasing the prison population during the 1980s.",
    "Last year, the U.S. Sentencing Commission reduced sentences for many federal drug offenders.",
    "The Louisiana Legislature reduced penalties for marijuana possession earlier this year.",
])
def test_background_and_other_bodies_are_not_the_groups_proposal(sentence):
    assert _found(sentence) == set()


def test_who_acts_decides_background():
    s = "Last year Congress cut mandatory minimum sentences for some drug crimes."
    assert background(s) and _found(s) == set()
    assert not background("Congress should cut mandatory minimum sentences.")  # a call on another body
    assert not background("The chiefs asked Congress to cut mandatory minimum sentences.")
    assert _found("The chiefs asked Congress to cut mandatory minimum sentences.") == {"P3"}
    assert not background(s, members_named=True)  # "McCarthy said Congress should …": a member acts


def test_a_topic_rule_needs_a_sentence_that_asks_for_a_change():
    assert _found("Mandatory minimums gave prosecutors leverage to dismantle drug gangs.") == set()
    assert _found("The chiefs want fewer mandatory minimums.") == {"P3"}
