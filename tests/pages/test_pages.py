"""Every page under AppTest: default state, each filter changed, empty selections, bad addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyframes.app import share

from .conftest import PAGES, assert_clean, open_page, plain_text, text_of

OUTLETS_KEY, PRINCIPLES_KEY = "outlet_filter", "principle_filter"


def address_values(at, key: str) -> list[str]:
    """AppTest gives a repeated parameter as a list and a single one as a string."""
    got = at.query_params.get(key)
    return [] if got is None else [got] if isinstance(got, str) else list(got)


def test_default_state(page):
    at = open_page(page)
    assert_clean(at)
    assert at.title, "every page has a title"
    first = at.sidebar.children[0]  # Share this view: the same control, first in the sidebar, on every page
    assert first.type == "button" and first.key == share.BUTTON_KEY and first.label == share.LABEL, first
    assert at.pills(key=OUTLETS_KEY).value and at.pills(key=PRINCIPLES_KEY).value


@pytest.mark.parametrize("outlets", [["gawker"], ["dabs", "nyt"], ["startribune"]])
def test_outlet_filter_changed(page, outlets):
    at = open_page(page)
    at.pills(key=OUTLETS_KEY).set_value(outlets).run()
    assert_clean(at)
    assert address_values(at, "outlet") == outlets


@pytest.mark.parametrize("principles", [["P4"], ["P1", "none"], ["none"]])
def test_principle_filter_changed(page, principles):
    at = open_page(page)
    at.pills(key=PRINCIPLES_KEY).set_value(principles).run()
    assert_clean(at)


def test_empty_outlet_selection_gives_an_empty_state(page):
    at = open_page(page, outlet="")
    assert_clean(at)
    assert at.pills(key=OUTLETS_KEY).value == []
    if page == "pages/7_Guess_the_outlet.py":  # the quiz falls back to every full text, and says so
        assert "no full text is chosen in the sidebar: it uses all" in plain_text(at)
    # Pages that also show what no outlet filter touches (the event's facts, the map, the method;
    # the tour opens on the event; the exercise's set is chosen by its number; adding an article
    # uses no filter) have no empty state.
    elif page not in ("dashboard.py", "pages/2_Members_and_cities.py", "pages/5_Sources_and_method.py", "pages/6_Guided_tour.py",
                      "pages/8_Code_it_yourself.py", "pages/10_Add_an_article.py"):
        assert "Nothing to show" in text_of(at)


def test_empty_principle_selection(page):
    at = open_page(page, principle="")
    assert_clean(at)
    assert at.pills(key=PRINCIPLES_KEY).value == []


# Hostile address values. Every page reads the filters from the address through one shared sidebar
# (storyframes.app.shell), so every value goes through it once, on the home page; then every other
# page gets one of them, in turn (each value meets one more page), for a page that reads the
# address itself.
BAD_ADDRESSES = {
    "unknown-outlet": {"outlet": "nope"},
    "script-principle": {"principle": "<script>alert(1)</script>"},
    "repeated-with-unknown": {"outlet": ["dabs", "nope", "dabs"]},
    "too-many": {"principle": ["P1"] * 80},
    "huge": {"outlet": "x" * 5000},
    "nul": {"outlet": "gawker\x00"},
    "rtl-override": {"principle": "\u202eP4"},
    "emoji": {"outlet": "\U0001F642"},
    "javascript": {"outlet": "javascript:alert(1)"},
    "broken-percent-encoding": {"principle": "\ufffd%A"},  # what broken percent-encoding (%E0%A4%A) decodes to
}
ONE_PER_PAGE = [(page, list(BAD_ADDRESSES)[i % len(BAD_ADDRESSES)]) for i, page in enumerate(PAGES[1:])]


def assert_falls_back_with_a_notice(at) -> None:
    assert_clean(at)
    assert at.warning, "a short notice explains the fallback"
    assert all(len(w.value) < 400 for w in at.warning)
    assert all(ch.isprintable() for w in at.warning for ch in w.value), "no NUL or bidi control reaches the page"
    assert len(at.pills(key=OUTLETS_KEY).value) == len(at.pills(key=OUTLETS_KEY).options)
    assert len(at.pills(key=PRINCIPLES_KEY).value) == len(at.pills(key=PRINCIPLES_KEY).options)


@pytest.mark.parametrize("case", list(BAD_ADDRESSES))
def test_bad_address_values_fall_back_with_a_notice(case):
    assert_falls_back_with_a_notice(open_page("dashboard.py", **BAD_ADDRESSES[case]))


@pytest.mark.parametrize(("page", "case"), ONE_PER_PAGE, ids=[f"{Path(p).stem}-{c}" for p, c in ONE_PER_PAGE])
def test_every_page_falls_back_from_a_bad_address_value(page, case):
    assert_falls_back_with_a_notice(open_page(page, **BAD_ADDRESSES[case]))


def test_repeated_known_values_are_deduplicated():
    at = open_page("pages/3_Compare_outlets.py", outlet=["gawker", "gawker", "GAWKER"])
    assert_clean(at)
    assert not at.warning
    assert at.pills(key=OUTLETS_KEY).value == ["gawker"]


def test_filter_survives_a_page_switch_and_is_written_to_the_address():
    at = open_page("dashboard.py")
    at.pills(key=OUTLETS_KEY).set_value(["gawker", "cbs"]).run()
    at.pills(key=PRINCIPLES_KEY).set_value(["P4"]).run()
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert_clean(at)
        assert at.pills(key=OUTLETS_KEY).value == ["gawker", "cbs"], page
        assert at.pills(key=PRINCIPLES_KEY).value == ["P4"], page
        assert address_values(at, "outlet") == ["gawker", "cbs"] and address_values(at, "principle") == ["P4"], page


def test_shared_link_restores_the_view():
    at = open_page("pages/3_Compare_outlets.py", outlet=["gawker"], principle=["P3"])
    assert_clean(at)
    assert at.pills(key=OUTLETS_KEY).value == ["gawker"]
    assert at.pills(key=PRINCIPLES_KEY).value == ["P3"]


def test_reset_button_restores_defaults():
    at = open_page("pages/1_Principles.py", outlet="gawker")
    reset = next(b for b in at.button if b.label == "Reset filters")
    reset.click().run()
    assert len(at.pills(key=OUTLETS_KEY).value) == len(at.pills(key=OUTLETS_KEY).options)
    assert "outlet" not in at.query_params
