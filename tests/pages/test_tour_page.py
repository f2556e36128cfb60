"""The guided tour under AppTest: every step renders for the default, a narrow and an empty
filter; the step lives in the address; Next and Back move it; a tampered step gives a notice.
And every page has its discussion prompts."""

from __future__ import annotations

import pytest

from storyframes.classroom import tour
from storyframes.app.site import PAGES as SITE_PAGES
from tests.pages.conftest import assert_clean, open_page, plain_text

TOUR = "pages/6_Guided_tour.py"


@pytest.mark.parametrize("key", tour.KEYS)
@pytest.mark.parametrize("filters", [{}, {"outlet": "gawker", "principle": "P4"}, {"outlet": "", "principle": ""}],
                         ids=["default", "narrow", "empty"])
def test_every_step_renders(key, filters):
    at = open_page(TOUR, step=key, **filters)
    assert_clean(at)
    assert at.query_params.get("step") == key
    step = tour.STEPS[tour.KEYS.index(key)]
    assert at.header[0].value == f"{tour.KEYS.index(key) + 1}. {step.title}"
    assert "Ask the class" in plain_text(at)


def test_live_pieces_are_the_pages_own_views():
    """A step shows what its page shows: the matrix of the Principles page, the voices chart."""
    import json

    at = open_page(TOUR, step="omitted")
    here = [json.loads(c.proto.spec)["title"] for c in at.get("vega_lite_chart")]
    page = open_page("pages/1_Principles.py")
    there = [json.loads(c.proto.spec)["title"] for c in page.get("vega_lite_chart")]
    assert here and here[0] == there[0]


def test_next_and_back_move_the_step_in_the_address():
    at = open_page(TOUR)
    assert at.query_params.get("step") == "event"
    assert at.button(key="tour_back").disabled
    at.button(key="tour_next").click().run()
    at.button(key="tour_next").click().run()
    assert at.query_params.get("step") == "members" and at.header[0].value.startswith("3.")
    at.button(key="tour_back").click().run()
    assert at.query_params.get("step") == "principles"
    while not at.button(key="tour_next").disabled:
        at.button(key="tour_next").click().run()
    assert at.query_params.get("step") == "your-turn" and at.button(key="tour_next").disabled


@pytest.mark.parametrize("raw", ["99", "nonsense", "<script>x</script>"])
def test_a_tampered_step_gives_a_notice_and_the_first_step(raw):
    at = open_page(TOUR, step=raw)
    assert_clean(at)
    assert any("does not have" in w.value for w in at.warning)
    assert at.query_params.get("step") == "event"
    assert "<script>" not in plain_text(at)


# Home and pages 1-5; the classroom pages (6-9) carry their own, and adding an article (10) is no story page
STORY_PAGES = [p for p in [q.file for q in SITE_PAGES] if p == "dashboard.py" or int(p.split("/")[1].split("_")[0]) <= 5]


@pytest.mark.parametrize("path", STORY_PAGES)
def test_every_story_page_has_discussion_prompts(path):
    at = open_page(path)
    assert_clean(at)
    boxes = [e for e in at.expander if e.label == "For discussion in class"]
    assert len(boxes) == 1
    assert boxes[0].markdown and boxes[0].markdown[0].value.startswith("1. ")
