"""Share this view: the same button at the top of every page's sidebar (tests/pages/test_pages.py
checks it on every page) opens the address of exactly this view, with the page's own state, and
its QR code; on localhost it names this computer's network address, on loopback one sentence."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit import config

from storyframes.app import share, site
from storyframes.classroom import lesson, network

from .conftest import assert_clean, open_page
from .test_lesson_page import decoded

LAN = "192.168.1.20"


@pytest.fixture(autouse=True)
def on_localhost(monkeypatch):
    """AppTest has no request: the browser is on localhost:8501, and this computer's network
    address is LAN (the finder itself is tested in tests/unit/test_network.py)."""
    monkeypatch.setattr(lesson, "served_origin", lambda url, host: lesson.Origin("http", "localhost", 8501))
    monkeypatch.setattr(network, "find_lan_address", lambda: LAN)


def shared(at, sent: dict[str, bytes]) -> str:
    """Click Share this view: the one link the dialog shows, which its QR code holds too."""
    at.sidebar.button(key=share.BUTTON_KEY).click().run()
    assert_clean(at)
    links = [c.value for c in at.code if c.value.startswith("http")]
    assert len(links) == 1, links
    (image,) = [i for i in at.get("image") if i.proto.imgs[0].caption == "Scan to open this view"]
    assert decoded(sent[image.proto.imgs[0].url.rsplit("/", 1)[-1]], share.QR_SHOWN - 60) == links[0]
    return links[0]


def test_framing_shares_its_section_and_filters(sent_media):
    at = open_page(site.page("framing").file, section="Tone", outlet=["cbs", "gawker"])
    assert shared(at, sent_media) == f"http://{LAN}:8501/Framing_analysis?outlet=gawker&outlet=cbs&section=Tone"
    assert not at.info, "beyond loopback: no sentence"


def test_members_shares_its_place_and_projector_mode(sent_media):
    at = open_page(site.page("members").file, place="Chicago, IL", projector="1")
    assert shared(at, sent_media) == f"http://{LAN}:8501/Members_and_cities?projector=1&place=Chicago%2C+IL"


@pytest.mark.parametrize("page_key, seed_param", [("quiz", "quiz"), ("code", "set")])
def test_a_quiz_or_coding_link_carries_the_seed_the_reader_sees(page_key, seed_param, sent_media):
    at = open_page(site.page(page_key).file)  # a link without a seed: the page makes one
    seed = at.query_params[seed_param]
    query = parse_qs(urlsplit(shared(at, sent_media)).query)
    assert query[seed_param] == [seed]


def test_on_loopback_one_sentence_says_what_to_do(sent_media):
    config.set_option("server.address", "127.0.0.1")
    try:
        at = open_page(site.page("tour").file, step="words")
        assert shared(at, sent_media) == "http://localhost:8501/Guided_tour?step=words"
    finally:
        config.set_option("server.address", None)
    assert [i.value for i in at.info] == [network.LOOPBACK_ONLY]


def test_lesson_link_starts_from_the_page_the_teacher_came_from():
    at = open_page(site.page("quiz").file, quiz="4242", level="hard")
    at.switch_page(site.page("lesson").file).run()
    assert_clean(at)
    assert at.selectbox(key=share.LESSON_PAGE_KEY).value == site.page("quiz").file
    quiz_file = site.page("quiz").file
    assert at.text_input(key=share.lesson_field_key(quiz_file, "quiz")).value == "4242"
    assert at.selectbox(key=share.lesson_field_key(quiz_file, "level")).value == "hard"
    assert any("quiz=4242" in c.value and "level=hard" in c.value for c in at.code)
