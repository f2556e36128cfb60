"""Finding words in the articles, on the pages that have the box (Home and Framing analysis): typed
or opened from a link, the matches shown with their outlet and place, the words in the address,
the filters' hidden matches counted, a hostile query kept as text, and a reader's added article
searched with the rest."""

from __future__ import annotations

import pytest

from storyframes.app import site
from storyframes.app.render import FOUND_SHOWN, literal
from storyframes.app.shell import FIND_KEY
from storyframes.core.filters import Filters
from storyframes.core.data import load_package
from storyframes.views import search
from storyframes.views.common import default_filters

from .conftest import assert_clean, open_page, plain_text

PAGES = [site.page("home").file, site.page("framing").file]
DATA = load_package()
JORDAN = search.build(DATA, default_filters(DATA.vocab), "Michael Jordan")


def hits(at) -> list[str]:
    """The matches the page shows: each a sentence with our highlight, then its outlet and place."""
    return [m.value for m in at.markdown if ":yellow-background[" in m.value]


@pytest.mark.parametrize("path", PAGES)
def test_typed_words_show_their_sentence_and_go_into_the_address(path):
    at = open_page(path)
    assert_clean(at)
    assert "Type a word or a phrase" in plain_text(at) and not hits(at)
    assert "find" not in at.query_params
    at.text_input(key=FIND_KEY).input("Michael Jordan").run()
    assert_clean(at)
    shown = hits(at)
    assert len(shown) == 1 and len(JORDAN.hits) == 1
    hit = JORDAN.hits.iloc[0]
    assert ":yellow-background[Michael Jordan]" in shown[0]
    assert shown[0].endswith(f":gray[{hit['outlet']} · {hit['where']}]") and hit["where"].startswith("¶5 ")
    assert JORDAN.summary in plain_text(at)
    assert at.query_params["find"] in ("Michael Jordan", ["Michael Jordan"])
    at.text_input(key=FIND_KEY).input("   ").run()
    assert_clean(at)
    assert "find" not in at.query_params and not hits(at)


@pytest.mark.parametrize("path", PAGES)
def test_a_link_opens_the_search(path):
    at = open_page(path, find="top BRASS")
    assert_clean(at)
    assert at.text_input(key=FIND_KEY).value == "top BRASS"
    view = search.build(DATA, default_filters(DATA.vocab), "top brass")
    assert len(hits(at)) == len(view.hits) >= 1
    assert all(":yellow-background[top brass]" in h for h in hits(at))


def test_no_match_gets_a_plain_sentence():
    at = open_page(site.page("framing").file, find="athlete")
    assert_clean(at)
    assert not hits(at)
    assert "No sentence or headline has “athlete”. Try a shorter phrase or another word." in plain_text(at)


def test_the_filters_apply_to_the_matches_and_the_hidden_ones_are_counted():
    at = open_page(site.page("framing").file, find="Michael Jordan", outlet=["dabs", "cbs"])
    assert_clean(at)
    assert not hits(at)
    text = plain_text(at)
    assert "No sentence or headline the filters show has “Michael Jordan”." in text
    assert "1 more match hidden by the filters (Gawker 1)" in text
    at = open_page(site.page("home").file, find="police", principle="P4")
    assert_clean(at)
    view = search.build(DATA, Filters(DATA.vocab.outlet_ids, ("P4",)), "police")
    assert FOUND_SHOWN < len(view.hits) and 0 < len(view.hidden)
    assert f"{len(view.hidden)} more matches hidden by the filters" in plain_text(at)
    assert len(hits(at)) == len(view.hits)  # the first ones at once, the rest in an expander below them
    assert [e.label for e in at.expander if e.label.startswith("The other")] == [f"The other {len(view.hits) - FOUND_SHOWN} matches"]


def test_a_hostile_query_is_cut_and_shown_as_text():
    typed = "**B0LD** <script>alert(1)</script> [x](javascript:1) $x$" + "y" * 300 + "\x00"
    at = open_page(site.page("framing").file, find=typed)
    assert_clean(at)
    value = at.text_input(key=FIND_KEY).value
    assert value.startswith("**B0LD** <script>") and len(value) == 100 and "\x00" not in value
    said = [m.value for m in at.markdown if "No sentence or headline has" in m.value]
    assert len(said) == 1
    assert "\\*\\*B0LD\\*\\* \\<script\\>" in said[0] and "<script>" not in said[0] and "**B0LD**" not in said[0]


def test_a_readers_added_article_is_searched_with_the_rest():
    from .test_add_article import ARTICLE, FRAMING, SUFFIX, paste

    at = open_page(site.page("add").file)
    paste(at, ARTICLE, outlet="The Riverside Courier")
    assert_clean(at)
    at.switch_page(FRAMING).run()
    at.text_input(key=FIND_KEY).input("cannot arrest our way").run()
    assert_clean(at)
    shown = hits(at)
    assert len(shown) == 1, shown
    assert ":yellow-background[cannot arrest our way]" in shown[0]
    assert f":gray[{literal(f'The Riverside Courier {SUFFIX}')} · ¶3 · sentence " in shown[0]  # its outlet, marked auto-coded, and place
