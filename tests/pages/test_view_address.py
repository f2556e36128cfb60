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
    assert {"place", "read", "field", "group", "compare", "with"} <= declared
