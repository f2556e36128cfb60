"""The Lesson link page and projector mode under AppTest.

The lesson link round-trips: the QR code the page sends to the browser is decoded, and the
address it holds is opened as a student would (its page and parameters): the filters and the
page's own setting arrive. Projector mode comes from `?projector=1`, survives a page switch and
reaches the charts; a tampered value gives a notice and leaves it off."""

from __future__ import annotations

import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image
from streamlit.testing.v1 import AppTest

from storyframes.classroom import lesson
from storyframes.present.charts import wide_value
from storyframes.app import params
from storyframes.app.shell import SECTION_KEY
from storyframes.app.sidebar import PROJECTOR_KEY

from .conftest import PAGES, ROOT, assert_clean, open_page
from .test_pages import OUTLETS_KEY, PRINCIPLES_KEY, address_values

LESSON = "pages/9_Lesson_link.py"
FRAMING = "pages/4_Framing_analysis.py"



def shown_qr(at: AppTest, sent: dict[str, bytes]) -> str:
    """The text of the QR code image the page shows (decoded from the PNG bytes it sent)."""
    images = at.get("image")
    assert len(images) == 1, "one QR code"
    url = images[0].proto.imgs[0].url
    assert url.endswith(".png"), f"the QR code is sent as a PNG, not {url}"  # a JPEG would blur the modules
    text = decoded(sent[url.rsplit("/", 1)[-1]], 450)
    download = at.get("download_button")[0].proto.url
    assert download.endswith(".png") and decoded(sent[download.rsplit("/", 1)[-1]], 800) == text, "the download holds the same link"
    return text


def decoded(png: bytes, min_width: int) -> str:
    image = Image.open(io.BytesIO(png))
    assert image.width >= min_width, f"the QR code is only {image.width} px wide"
    found = zxingcpp.read_barcodes(image.convert("L"))
    assert len(found) == 1, "exactly one readable QR code"
    return found[0].text


def test_the_lesson_link_round_trips(sent_media):
    at = open_page(LESSON, outlet=["gawker", "cbs"], principle=["P4"])
    assert_clean(at)
    at.selectbox(key="lesson_page").set_value(FRAMING).run()
    at.selectbox(key="lesson_Framing_analysis_section").set_value("Tone").run()
    at.text_input(key="lesson_host").input("192.168.1.20:8501").run()
    assert_clean(at)
    address = shown_qr(at, sent_media)
    assert [c.value for c in at.code] == [address], "the address is shown as text too"

    parts = urlsplit(address)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "192.168.1.20:8501", "/Framing_analysis")
    params = parse_qs(parts.query, keep_blank_values=True)
    assert params == {"outlet": ["gawker", "cbs"], "principle": ["P4"], "section": ["Tone"]}

    page = lesson.page_file_for(parts.path, PAGES)
    student = open_page(page, **params)
    assert_clean(student)
    assert not student.warning
    assert student.pills(key=OUTLETS_KEY).value == ["gawker", "cbs"]
    assert student.pills(key=PRINCIPLES_KEY).value == ["P4"]
    assert student.session_state[SECTION_KEY] == "Tone"


def test_an_empty_filter_and_the_home_page_round_trip(sent_media):
    at = open_page(LESSON, outlet="")
    at.text_input(key="lesson_host").input("classroom-pc.local").run()
    address = shown_qr(at, sent_media)
    assert address == "http://classroom-pc.local/?outlet="
    student = open_page(lesson.page_file_for(urlsplit(address).path, PAGES), **parse_qs(urlsplit(address).query, keep_blank_values=True))
    assert_clean(student)
    assert student.pills(key=OUTLETS_KEY).value == []


def test_the_served_host_is_the_default(sent_media):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page(LESSON)
    at.context = {"url": "http://10.0.0.7:8501/Lesson_link"}
    at.query_params["principle"] = ["P1"]
    at.run()
    assert_clean(at)
    assert shown_qr(at, sent_media) == "http://10.0.0.7:8501/?principle=P1"


def test_localhost_gets_a_hint_and_no_host_asks_for_one(monkeypatch, sent_media):
    from streamlit import config

    from storyframes.classroom import network

    config.set_option("server.address", "127.0.0.1")  # listening on loopback only
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.switch_page(LESSON)
        at.context = {"url": "http://localhost:8501/Lesson_link"}
        at.run()
    finally:
        config.set_option("server.address", None)
    assert any("cannot reach it" in i.value and network.LOOPBACK_ONLY in i.value for i in at.info)
    # listening beyond loopback: the link takes this computer's network address by itself
    monkeypatch.setattr(network, "find_lan_address", lambda: "192.168.1.20")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page(LESSON)
    at.context = {"url": "http://localhost:8501/Lesson_link"}
    at.run()
    assert shown_qr(at, sent_media) == "http://192.168.1.20:8501/" and not at.info
    at = open_page(LESSON)  # AppTest sends no URL: nothing to default to
    assert not at.get("image") and any("Type this computer's address" in i.value for i in at.info)


@pytest.mark.parametrize("typed", ["evil.com/@x", "javascript:alert(1)", "192.168.1.20 :8501", "user@10.0.0.1", "<b>x</b>"])
def test_a_bad_host_is_refused_with_a_notice(typed):
    at = open_page(LESSON)
    at.text_input(key="lesson_host").input(typed).run()
    assert_clean(at)
    assert not at.get("image") and not at.code
    assert any("cannot be used" in w.value for w in at.warning)


def test_no_page_setting_chosen_leaves_the_page_default():
    at = open_page(LESSON)
    at.selectbox(key="lesson_page").set_value(FRAMING).run()
    at.text_input(key="lesson_host").input("10.0.0.1").run()
    assert_clean(at)
    assert at.code[0].value == "http://10.0.0.1/Framing_analysis"


# --- projector mode ------------------------------------------------------------------------------

def chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_projector_from_the_address_survives_a_page_switch():
    at = open_page("pages/3_Compare_outlets.py", projector="1")
    assert_clean(at)
    assert at.toggle(key=PROJECTOR_KEY).value is True
    assert address_values(at, "projector") == ["1"]
    specs = chart_specs(at)
    assert specs and all(s["config"]["axis"]["labelFontSize"] >= 20 for s in specs)
    assert any("1.6rem" in h.proto.body for h in at.get("html")), "the projector style is on the page"
    at.switch_page("pages/1_Principles.py").run()
    assert_clean(at)
    assert at.toggle(key=PROJECTOR_KEY).value is True
    assert address_values(at, "projector") == ["1"]
    at.toggle(key=PROJECTOR_KEY).set_value(False).run()
    assert "projector" not in at.query_params
    at.switch_page("pages/3_Compare_outlets.py").run()
    assert at.toggle(key=PROJECTOR_KEY).value is False
    assert all(wide_value(s["config"]["axis"]["labelFontSize"]) < 20 for s in chart_specs(at))  # the app's own sizes (charts.by_width)
    assert not any("1.6rem" in h.proto.body for h in at.get("html"))


def test_the_toggle_writes_the_address():
    at = open_page("dashboard.py")
    assert at.toggle(key=PROJECTOR_KEY).value is False and "projector" not in at.query_params
    at.toggle(key=PROJECTOR_KEY).set_value(True).run()
    assert address_values(at, "projector") == ["1"]
    at.switch_page(LESSON).run()
    assert at.toggle(key=PROJECTOR_KEY).value is True and address_values(at, "projector") == ["1"]


@pytest.mark.parametrize("value", ["yes", "2", "", "<script>alert(1)</script>", ["1", "0"]])
def test_a_tampered_projector_value_gives_a_notice_and_is_off(value):
    at = open_page("pages/3_Compare_outlets.py", projector=value)
    assert_clean(at)
    assert any("projector mode is off" in w.value for w in at.warning)
    assert at.toggle(key=PROJECTOR_KEY).value is False
    assert "projector" not in at.query_params


@pytest.mark.parametrize("page_file, values", [("pages/7_Guess_the_outlet.py", {"quiz": "999999", "level": "hard"}),
                                               ("pages/8_Code_it_yourself.py", {"set": "9999"}),
                                               ("pages/6_Guided_tour.py", {"step": "voices"})])
def test_a_lesson_link_to_a_classroom_page_is_one_that_page_accepts(page_file, values):
    """The largest seed the lesson link allows opens the quiz or the exercise with no notice."""
    from urllib.parse import parse_qs, urlsplit

    from storyframes.classroom import lesson

    kept, problems = params.check(page_file, values)
    assert kept == values and problems == ()
    query = {k: v[0] for k, v in parse_qs(urlsplit(lesson.build(lesson.parse_host("10.0.0.2:8501"), page_file, *filters_default(), kept)).query).items()}
    at = open_page(page_file, **query)
    assert_clean(at)
    assert not at.warning, [w.value for w in at.warning]
    assert all(at.query_params.get(k) == v for k, v in values.items())


def filters_default():
    from storyframes.core.data import load_package
    from storyframes.views.common import default_filters

    default = default_filters(load_package().vocab)
    return default, default


def test_a_quiz_link_without_a_typed_seed_takes_the_one_the_field_shows():
    at = open_page(LESSON)
    quiz_file = "pages/7_Guess_the_outlet.py"
    at.selectbox(key="lesson_page").set_value(quiz_file).run()
    at.text_input(key="lesson_host").input("10.0.0.1").run()
    assert_clean(at)
    field = at.text_input(key="lesson_Guess_the_outlet_quiz")
    shown = field.placeholder.split()[0]
    assert field.value == "" and shown.isdigit()
    assert at.code[0].value == f"http://10.0.0.1/Guess_the_outlet?quiz={shown}"
    at.text_input(key="lesson_host").input("10.0.0.2").run()  # another rerun: the same round
    assert at.code[0].value == f"http://10.0.0.2/Guess_the_outlet?quiz={shown}"
