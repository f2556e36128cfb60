"""The guided tour's steps and address, and the discussion prompts: each prompt names what its
page shows for the filters (read from the page's View)."""

from __future__ import annotations

import pytest

from storyframes.present import prompts

from storyframes.classroom import tour
from storyframes.core.data import load_package
from storyframes.core.filters import Filters
from storyframes.views import compare, framing, home, members, principles, sources
from storyframes.views.common import default_filters


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.mark.parametrize("raw, index", [(None, 0), ("", 0), ("event", 0), ("words", 4), ("WORDS ", 4), ("3", 2), ("8", 7)])
def test_the_address_names_a_step_by_key_or_number(raw, index):
    assert tour.parse_step(raw) == tour.StepChoice(index, "")


@pytest.mark.parametrize("raw", ["0", "9", "-1", "1e3", "words;drop", "<b>x</b>", "２"])
def test_an_unknown_step_starts_at_the_first_with_a_notice(raw):
    choice = tour.parse_step(raw)
    assert choice.index == 0 and "does not have" in choice.notice


def test_eight_steps_with_distinct_keys_and_a_question_each():
    assert len(tour.STEPS) == 8 and len(set(tour.KEYS)) == 8
    assert all(s.ask.endswith("?") and s.look for s in tour.STEPS)
    assert tour.progress(4) == "Step 5 of 8"


def test_principles_prompt_names_an_omission_the_matrix_shows(data):
    view = principles.build(data, default_filters(data.vocab))
    said = prompts.principles(view)
    omitted = view.coverage[view.coverage["status"] == "omitted"]
    assert any(f"{r.outlet} never mentions {r.principle_label}" in said[0] for r in omitted.itertuples())


def test_principles_prompt_follows_the_filter(data):
    view = principles.build(data, Filters(("cbs",), ("P1", "P2", "P3", "P4")))
    assert not any("never mentions" in p for p in prompts.principles(view))  # CBS reports all four


def test_compare_prompt_quotes_a_loaded_word_the_outlet_really_uses(data):
    view = compare.build(data, default_filters(data.vocab))
    said = prompts.compare(view)[0]
    terms = view.lexicon.terms[view.lexicon.terms["register"].isin(["slang", "pejorative"])]
    hit = [r for r in terms.itertuples() if f"{r.outlet} uses “{r.term}”" in said]
    assert hit
    text = " ".join(data.passages.loc[data.passages["article_id"] == hit[0].article_id, "text"])
    assert hit[0].term in text


def test_home_prompt_lists_the_counts_the_page_shows(data):
    view = home.build(data, default_filters(data.vocab))
    said = prompts.home(view)[0]
    assert all(v in said for v in view.counts_table["value"])


def test_framing_prompt_quotes_the_first_claim_as_plain_text(data):
    sel = framing.build_selection(data, default_filters(data.vocab))
    claims = framing.summary(sel)
    said = prompts.framing(claims)[0]
    assert "**" not in said and "\\" not in said and said.startswith("Is this claim fair")


def test_sources_prompt_names_the_field_with_the_lowest_kappa(data):
    view = sources.build(data, default_filters(data.vocab))
    low = view.agreement.sort_values("kappa").iloc[0]
    assert f"“{low.label.lower()}” (kappa {low.kappa_text})" in prompts.sources(view)[0]


def test_members_prompt_counts_the_places_on_the_map(data):
    view = members.build(data, default_filters(data.vocab))
    assert f"{len(view.places)} places" in prompts.members(view)[0]
