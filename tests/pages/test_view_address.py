"""Every choice that changes what a reader sees is in the address (storyframes.app.params): a link
opens it, a change writes it, and a value the page does not know gets one plain notice. The
sidebar's filters, the Framing section, the tour step, the quiz round and the coding set have
tests of their own; these are the page choices the registry took in last."""

from __future__ import annotations

import pytest

from storyframes.app import params, site

from .conftest import assert_clean, open_page


# (page, parameter, widget key, a value the page offers, how the widget is driven, another value)
CHOICES = [
    ("members", "place", "members_place", "Chicago, IL", "selectbox", "San Diego, CA"),
    ("principles", "read", "principle_to_read", "P3", "radio", "P2"),
    ("sources", "field", "codebook_field", "tone_police", "selectbox", "stance_reform"),
]


@pytest.mark.parametrize("page_key, name, key, value, kind, other", CHOICES, ids=[c[1] for c in CHOICES])
def test_a_link_opens_the_choice_and_a_change_is_written(page_key, name, key, value, kind, other):
    page = site.page(page_key).file
    at = open_page(page, **{name: value.upper()})  # any letter case
    assert_clean(at)
    assert getattr(at, kind)(key=key).value == value
    assert at.query_params[name] in (value, [value])  # written back as the page spells it
    assert not at.warning, [w.value for w in at.warning]
    # a change by the reader is written to the address
    getattr(at, kind)(key=key).set_value(other).run()
    assert_clean(at)
    assert getattr(at, kind)(key=key).value == other
    assert at.query_params[name] in (other, [other])


@pytest.mark.parametrize("page_key, name, key, value, kind, other", CHOICES, ids=[c[1] for c in CHOICES])
def test_an_unknown_value_gets_a_notice_and_no_exception(page_key, name, key, value, kind, other):
    at = open_page(site.page(page_key).file, **{name: "<script>alert(1)</script>"})
    assert_clean(at)
    notices = [w.value for w in at.warning]
    assert any("unknown" in n and "`<script>alert(1)</script>`" in n for n in notices), notices


def test_the_frames_pair_comes_from_the_link():
    at = open_page(site.page("framing").file, section="Frames", compare="cbs", **{"with": "dabs"})
    assert_clean(at)
    assert at.selectbox(key="frame_a").value == "cbs" and at.selectbox(key="frame_b").value == "dabs"
    at.selectbox(key="frame_b").set_value("gawker").run()
    assert at.query_params["with"] in ("gawker", ["gawker"])


def test_the_registry_declares_every_parameter_these_pages_write():
    declared = {p.name for p in params.PARAMS}
    assert {"place", "read", "field", "group", "compare", "with", "disputes"} <= declared


@pytest.mark.parametrize("page_key", ["compare", "framing"])
def test_the_disputes_mark_comes_from_the_link_and_is_written(page_key):
    at = open_page(site.page(page_key).file, disputes="1", **({"section": "Frames"} if page_key == "framing" else {}))
    assert_clean(at)
    assert at.toggle(key="show_disputes").value is True
    assert at.query_params["disputes"] in ("1", ["1"])
    at.toggle(key="show_disputes").set_value(False).run()
    assert_clean(at)
    assert "disputes" not in at.query_params


def test_an_unknown_disputes_mark_gets_a_notice():
    at = open_page(site.page("compare").file, disputes="<b>yes</b>")
    assert_clean(at)
    assert at.toggle(key="show_disputes").value is False
    said = [w.value for w in at.warning if "disputes mark" in w.value]
    assert len(said) == 1 and "`<b>yes</b>`" in said[0]  # the value as a code span: shown as text, never as markup


def test_the_members_search_comes_from_the_link_and_is_written():
    at = open_page(site.page("members").file, search="sheriff")
    assert_clean(at)
    assert at.text_input(key="members_search").value == "sheriff"
    shown = [c.value for c in at.caption if "members match" in c.value]
    assert shown and not shown[0].startswith("0 of"), shown
    at.text_input(key="members_search").set_value("Hennepin").run()
    assert_clean(at)
    assert at.query_params["search"] in ("Hennepin", ["Hennepin"])
    at.text_input(key="members_search").set_value("").run()
    assert "search" not in at.query_params


def test_a_hostile_members_search_is_cut_and_shown_as_text():
    at = open_page(site.page("members").file, search="<img src=x onerror=alert(1)>" + "x" * 300 + "\x00")
    assert_clean(at)
    value = at.text_input(key="members_search").value
    assert value.startswith("<img src=x") and len(value) == 100 and "\x00" not in value
    assert [c.value for c in at.caption if c.value.startswith("0 of")]


def test_the_disputed_sentence_comes_from_the_link_and_is_written():
    from storyframes.core.data import load_package
    from storyframes.views import sources
    from storyframes.views.common import default_filters

    data = load_package()
    view = sources.build(data, default_filters(data.vocab))
    keys = list(view.disagreements["key"])
    assert len(keys) > 2
    at = open_page(site.page("sources").file, disputed=keys[2].upper())  # any letter case
    assert_clean(at)
    assert at.selectbox(key="disputed_sentence").value == keys[2]
    at.selectbox(key="disputed_sentence").set_value(keys[1]).run()
    assert at.query_params["disputed"] in (keys[1], [keys[1]])
    at.selectbox(key="disputed_sentence").set_value(keys[0]).run()
    assert "disputed" not in at.query_params  # the first is the page's own default: not written
    at = open_page(site.page("sources").file, disputed="no/such/item")
    assert_clean(at)
    assert at.selectbox(key="disputed_sentence").value == keys[0]
    assert len([w for w in at.warning if "disputed sentence" in w.value]) == 1


def test_parallel_reading_switches_come_from_the_link_and_are_written_while_off():
    at = open_page(site.page("framing").file, section="Parallel reading", quotes="0", terms="yes")
    assert_clean(at)
    assert [at.toggle(key=k).value for k in ("reading_tags", "reading_quotes", "reading_terms")] == [True, False, True]
    assert at.query_params["quotes"] in ("0", ["0"]) and "terms" not in at.query_params and "tags" not in at.query_params
    assert len([w for w in at.warning if "lexicon terms switch" in w.value]) == 1  # "yes" is not 1 or 0
    at.toggle(key="reading_tags").set_value(False).run()
    at.toggle(key="reading_quotes").set_value(True).run()
    assert_clean(at)
    assert at.query_params["tags"] in ("0", ["0"]) and "quotes" not in at.query_params
