"""The lesson link's address builder: page paths as Streamlit serves them, the filters encoded as
the app writes them, the pages' own parameters checked, and the host parsed strictly."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.source_util import page_icon_and_name

from storyframes.classroom import lesson
from storyframes.core.filters import Filters, to_address
from storyframes.classroom.lesson import HostError, Origin, parse_host
from storyframes.app import params
from storyframes.app.site import PAGES as SITE_PAGES
from storyframes.views.framing import SECTIONS

DEFAULT = Filters(("dabs", "gawker", "cbs", "nyt"), ("P1", "P2", "P3", "P4", "none"))
ORIGIN = Origin("http", "192.168.1.20", 8501)


# --- page paths ---------------------------------------------------------------------------------

def test_url_paths_are_the_ones_streamlit_serves():
    assert lesson.url_path("dashboard.py") == "/"
    assert lesson.url_path("pages/2_Members_and_cities.py") == "/Members_and_cities"
    assert lesson.url_path("pages/9_Lesson_link.py") == "/Lesson_link"
    for path in [p.file for p in SITE_PAGES][1:]:  # Streamlit's own rule agrees for every page
        assert lesson.url_path(path) == "/" + page_icon_and_name(Path(path))[1]


def test_the_browser_tests_know_every_page_path():
    from tests.browser.test_browser import PAGES

    assert {lesson.url_path(p.file) for p in SITE_PAGES} == set(PAGES)


def test_page_file_for_inverts_url_path():
    files = [p.file for p in SITE_PAGES]
    for f in files:
        assert lesson.page_file_for(lesson.url_path(f), files) == f
    assert lesson.page_file_for("/nowhere", files) is None


# --- the filters -------------------------------------------------------------------------------

def test_default_filters_leave_the_query_empty():
    assert lesson.build(ORIGIN, "dashboard.py", DEFAULT, DEFAULT) == "http://192.168.1.20:8501/"


def test_filters_are_encoded_as_the_app_writes_them():
    chosen = Filters(("gawker", "cbs"), ("P4",))
    address = lesson.build(ORIGIN, "pages/3_Compare_outlets.py", chosen, DEFAULT)
    assert address == "http://192.168.1.20:8501/Compare_outlets?outlet=gawker&outlet=cbs&principle=P4"
    assert parse_qs(urlsplit(address).query) == to_address(chosen, DEFAULT)


def test_an_empty_choice_is_kept_as_an_empty_value():
    address = lesson.build(ORIGIN, "pages/1_Principles.py", Filters((), DEFAULT.principles), DEFAULT)
    assert address.endswith("/Principles?outlet=")
    assert parse_qs(urlsplit(address).query, keep_blank_values=True) == {"outlet": [""]}


def test_a_base_path_goes_before_the_page():
    assert lesson.build(ORIGIN, "pages/1_Principles.py", DEFAULT, DEFAULT, prefix="/class") == "http://192.168.1.20:8501/class/Principles"
    assert lesson.base_path("class/") == "/class"
    assert lesson.base_path("") == ""
    assert lesson.base_path("a b") == "" and lesson.base_path("x?y") == "" and lesson.base_path("//evil.com") == "/evil.com"


# --- the pages' own parameters -----------------------------------------------------------------

def test_framing_section_is_checked_and_encoded():
    kept, problems = params.check("pages/4_Framing_analysis.py", {"section": "headlines & READABILITY"})
    assert kept == {"section": "Headlines & readability"} and problems == ()
    address = lesson.build(ORIGIN, "pages/4_Framing_analysis.py", DEFAULT, DEFAULT, kept)
    assert parse_qs(urlsplit(address).query) == {"section": ["Headlines & readability"]}
    assert "&" not in urlsplit(address).query  # the "&" of the tab's name is percent-encoded
    assert [p.choices for p in params.fields_for_file("pages/4_Framing_analysis.py")] == [SECTIONS]


def test_quiz_and_code_pages_read_their_seeds():
    kept, problems = params.check("pages/7_Guess_the_outlet.py", {"quiz": " 0042 ", "level": "Hard"})
    assert kept == {"quiz": "42", "level": "hard"} and problems == ()
    kept, problems = params.check("pages/8_Code_it_yourself.py", {"set": "7"})
    assert kept == {"set": "7"} and problems == ()
    address = lesson.build(ORIGIN, "pages/7_Guess_the_outlet.py", Filters(("gawker",), DEFAULT.principles), DEFAULT, {"quiz": "42", "level": "hard"})
    assert address == "http://192.168.1.20:8501/Guess_the_outlet?outlet=gawker&quiz=42&level=hard"


@pytest.mark.parametrize("page,values", [
    ("pages/7_Guess_the_outlet.py", {"quiz": "-1"}),
    ("pages/7_Guess_the_outlet.py", {"quiz": "1e3"}),
    ("pages/7_Guess_the_outlet.py", {"quiz": "１２"}),  # full-width digits
    ("pages/7_Guess_the_outlet.py", {"quiz": "1234567890"}),
    ("pages/7_Guess_the_outlet.py", {"quiz": "1000000"}),  # past the quiz's own range (quiz.MAX_SEED)
    ("pages/8_Code_it_yourself.py", {"set": "0"}),  # the exercise's sets start at 1
    ("pages/8_Code_it_yourself.py", {"set": "10000"}),
    ("pages/7_Guess_the_outlet.py", {"level": "medium"}),
    ("pages/8_Code_it_yourself.py", {"set": "1&outlet=x"}),
    ("pages/4_Framing_analysis.py", {"section": "<script>"}),
    ("pages/1_Principles.py", {"section": "Tone"}),  # a page that reads no parameter
])
def test_bad_page_parameters_are_left_out_with_a_reason(page, values):
    kept, problems = params.check(page, values)
    assert kept == {} and len(problems) == 1


def test_empty_fields_are_left_out():
    assert params.check("pages/7_Guess_the_outlet.py", {"quiz": "", "level": ""}) == ({}, ())


# --- the host ----------------------------------------------------------------------------------

@pytest.mark.parametrize("typed,expected", [
    ("192.168.1.20:8501", Origin("http", "192.168.1.20", 8501)),
    ("  192.168.1.20:8501  ", Origin("http", "192.168.1.20", 8501)),
    ("classroom-pc.local", Origin("http", "classroom-pc.local", None)),
    ("Classroom-PC", Origin("http", "classroom-pc", None)),
    ("http://10.0.0.5:8501/", Origin("http", "10.0.0.5", 8501)),
    ("HTTPS://stories.example.org", Origin("https", "stories.example.org", None)),
    ("localhost:8501", Origin("http", "localhost", 8501)),
])
def test_good_hosts(typed, expected):
    assert parse_host(typed) == expected


@pytest.mark.parametrize("typed", [
    "", "   ", "evil.com/@x", "evil.com@x", "user@192.168.1.20", "javascript:alert(1)", "javascript://x",
    "data:text/html,<b>", "192.168.1.20 :8501", "192.168 .1.20", "class room", "a\tb", "ho\nst", "host\x00", "host\u200b",
    "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "host:0", "host:65536", "host:08501", "host:", ":8501", "host:80:80",
    "-host", "host-", "host..local", "host.", "ex_ample.org", "[::1]:8501", "::1", "hôst.fr", "host?x=1", "host#x",
    "http://", "ftp://host", "http:///host", "//host", "host/path", "http://host/path", "a" * 64 + ".org",
    ".".join(["a" * 60] * 5),
])
def test_hostile_or_malformed_hosts_are_refused(typed):
    with pytest.raises(HostError):
        parse_host(typed)


def test_only_http_or_https():
    with pytest.raises(HostError):
        parse_host("host", scheme="javascript")


def test_the_address_holds_exactly_the_typed_host():
    origin = parse_host("192.168.1.20:8501")
    parts = urlsplit(lesson.build(origin, "pages/1_Principles.py", DEFAULT, DEFAULT))
    assert (parts.scheme, parts.hostname, parts.port, parts.path, parts.username) == ("http", "192.168.1.20", 8501, "/Principles", None)


def test_served_origin_from_the_browser_url_else_the_host_header():
    assert lesson.served_origin("http://192.168.1.20:8501/Lesson_link", None) == Origin("http", "192.168.1.20", 8501)
    assert lesson.served_origin("https://stories.example.org/Lesson_link", "x") == Origin("https", "stories.example.org", None)
    assert lesson.served_origin(None, "10.0.0.5:8501") == Origin("http", "10.0.0.5", 8501)
    assert lesson.served_origin("http://evil.com@10.0.0.5/", "10.0.0.6") == Origin("http", "10.0.0.6", None)
    assert lesson.served_origin("javascript:alert(1)", "evil.com/@x") is None
    assert lesson.served_origin(None, None) is None


def test_local_addresses_are_marked():
    assert parse_host("localhost:8501").is_local and parse_host("127.0.0.1").is_local
    assert not parse_host("192.168.1.20").is_local


# --- the QR code -------------------------------------------------------------------------------

def test_qr_png_holds_the_address_and_is_large():
    import zxingcpp
    from PIL import Image

    address = "http://192.168.1.20:8501/Framing_analysis?outlet=gawker&outlet=cbs&section=Headlines+%26+readability"
    png = lesson.qr_png(address)
    assert png.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(png))
    assert image.width >= 600 and image.width == image.height
    found = zxingcpp.read_barcodes(image.convert("L"))
    assert [r.text for r in found] == [address]


def test_a_tour_step_is_offered_and_checked():
    from storyframes.classroom import tour

    assert [p.choices for p in params.fields_for_file("pages/6_Guided_tour.py")] == [tour.KEYS]
    assert params.check("pages/6_Guided_tour.py", {"step": "Words"}) == ({"step": "words"}, ())
    kept, problems = params.check("pages/6_Guided_tour.py", {"step": "nowhere"})
    assert kept == {} and problems


# --- the share link: the page's own parameters as the reader sees them -----------------------------

def test_view_params_take_the_address_then_the_kept_choices_in_the_registry_order():
    own = ["quiz", "level"]
    pairs = [("outlet", "cbs"), ("level", "hard"), ("quiz", "11"), ("quiz", "12"), ("section", "Tone")]
    assert lesson.view_params(own, pairs) == {"quiz": "11", "level": "hard"}  # another page's and the filters left out
    assert lesson.view_params(own, [("level", "hard")], {"quiz": ["274765"], "level": ["easy"]}) == {"quiz": "274765", "level": "easy"}
    assert lesson.view_params(["set", "sentences"], [("set", "12")], {"set": None, "sentences": ["a,b"]}) == {"sentences": "a,b"}


@pytest.mark.parametrize("page_key, seeds", [("quiz", {"quiz"}), ("code", {"set", "sentences"})])
def test_a_quiz_or_coding_link_carries_its_seed_even_before_the_address_shows_it(page_key, seeds):
    from storyframes.app import share, site
    from storyframes.classroom import coding_exercise, quiz

    kept = {quiz.SEED_PARAM: ["4321"], quiz.LEVEL_PARAM: ["easy"], coding_exercise.SET_PARAM: ["77"], coding_exercise.SENTENCES_PARAM: None}
    link = share.link_for(site.page(page_key), DEFAULT, DEFAULT, [], kept, ORIGIN)
    query = parse_qs(urlsplit(link).query)
    assert seeds & set(query), link
    assert query.get("quiz", query.get("set")) in (["4321"], ["77"])


@pytest.mark.parametrize("page_key, pairs, expected", [
    ("framing", [("section", "Tone"), ("find", "Jordan"), ("outlet", "cbs")], "/Framing_analysis?outlet=cbs&section=Tone&find=Jordan"),
    ("members", [("place", "Chicago, IL"), ("projector", "1")], "/Members_and_cities?projector=1&place=Chicago%2C+IL"),
    ("tour", [("step", "words")], "/Guided_tour?step=words"),
    ("home", [("section", "Tone")], "/"),  # a parameter of another page is not this page's
])
def test_the_share_link_carries_the_page_own_state(page_key, pairs, expected):
    from storyframes.app import share, site

    chosen = Filters(("cbs",), DEFAULT.principles) if ("outlet", "cbs") in pairs else DEFAULT
    assert share.link_for(site.page(page_key), chosen, DEFAULT, pairs, {}, ORIGIN) == f"{ORIGIN}{expected}"


def test_the_lesson_form_starts_from_the_page_the_teacher_came_from():
    assert params.lesson_start("quiz", [("quiz", "42"), ("level", "HARD"), ("outlet", "cbs")]) == (
        "pages/7_Guess_the_outlet.py", {"quiz": "42", "level": "hard"})
    assert params.lesson_start("framing", [("section", "nowhere")]) == ("pages/4_Framing_analysis.py", {})
    assert params.lesson_start("members", [("place", "Chicago, IL")]) == ("pages/2_Members_and_cities.py", {})
    assert params.lesson_start("lesson", []) is None and params.lesson_start("no-such-page", []) is None


def test_a_lesson_link_to_the_quiz_or_the_exercise_always_names_its_round():
    quiz_file, code_file = "pages/7_Guess_the_outlet.py", "pages/8_Code_it_yourself.py"
    assert params.with_seeds(quiz_file, {"level": "hard"}, {"quiz": 31}) == {"quiz": "31", "level": "hard"}
    assert params.with_seeds(quiz_file, {"quiz": "42"}, {"quiz": 31}) == {"quiz": "42"}  # the teacher's own number wins
    assert params.with_seeds(code_file, {}, {"set": 77}) == {"set": "77"}
    assert params.with_seeds("pages/4_Framing_analysis.py", {"section": "Tone"}, {}) == {"section": "Tone"}
