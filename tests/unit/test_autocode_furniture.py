"""Page furniture of any site, one-line bullets and the cut of a reader's article
(storyframes.autocode.furniture, reading.paragraphs): recognised by form, not by one page's strings."""

from __future__ import annotations

import pytest

from storyframes.autocode import furniture
from storyframes.autocode.coding import code_passages
from storyframes.autocode.reading import paragraphs, read_file, read_text
from storyframes.core.data import load_package


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.mark.parametrize("line, kind", [
    ("By Dana Whitfield, Staff Reporter", "byline"),
    ("By Staff Writer | Oct. 21, 2015 at 11:42 AM", "byline"),
    ("Posted by jfreeman on October 21, 2015", "byline"),
    ("Police chiefs stand at the National Press Club in Washington. | License Photo", "credit"),
    ("Photo: Ronal Serpas at a 2014 news conference. (File photo)", "credit"),
    ("Photo credit: Wikimedia Commons", "credit"),
    ("Copyright 2015 The Associated Press. All rights reserved.", "credit"),
    ("share with facebook share with twitter", "sharing"),
    ("Share on Facebook Share on Twitter Email", "sharing"),
    ("Skip to main content", "navigation"),
    ("View Comments", "navigation"),
    ("2 Comments", "navigation"),
    ("Related: Obama to host criminal justice panel at White House", "navigation"),
    ("2 minute read", "reading time"),
    ("3 min read", "reading time"),
    ("Reading time: 4 minutes", "reading time"),
    ("Source: The Houston Chronicle", "archive header"),
    ("Pubdate: Thursday, October 22, 2015", "archive header"),
    ("October 21, 2015 at 4:15 PM", "date"),
    ("Posted 6:38 PM, October 21, 2015, by Web Staff", "date"),
    ("(Reporting by Staff; Editing by Staff)", "sign-off"),
    ("Reach Kim Porter at 615-555-0142 or on Twitter @kimporter.", "sign-off"),
    ("STEVE INSKEEP, HOST:", "transcript label"),
    ("HOUSTON CHIEF JOINS NATIONAL REFORM GROUP", "headline"),
])
def test_furniture_of_any_site_is_recognised_by_its_form(line, kind):
    assert furniture.kind(line) == kind


@pytest.mark.parametrize("line", [
    "By Wednesday, the group had more than 130 members.",
    "Police chiefs met on Wednesday in Washington.",
    "Their wish list:",
    "• Getting rid of mandatory minimums",
    "Superintendent Garry McCarthy said the coalition also wants fewer mandatory minimums.",
    "Host: They say the country needs to lock up fewer people.",
    "Here is what they asked for:",
])
def test_prose_and_bullets_are_not_furniture(line):
    assert furniture.kind(line) == ""


def test_a_short_line_is_a_heading_only_when_it_stands_alone():
    assert furniture.kind("Reforming mandatory minimums") == "headline"
    assert furniture.kind("Reforming mandatory minimums", alone=False) == ""


BULLETS = ("Police chiefs met in Washington on Wednesday.\n\n"
           "Their wish list:\n"
           "• Alternatives to arrest, especially treatment for drugs and mental illness\n"
           "• Turning some felonies into misdemeanors\n"
           "• Getting rid of mandatory minimums\n"
           "• Better relationships with the community\n\n"
           "None of it is new.\n")


def test_one_line_bullets_stay_paragraphs_of_their_own():
    got = paragraphs(BULLETS).split("\n\n")
    assert got[1] == "Their wish list:"
    assert got[2:6] == [line for line in BULLETS.split("\n") if line.startswith("•")]


def test_wrapped_prose_is_still_joined_beside_furniture():
    text = "By Dana Whitfield\nSkip to main content\n\nPolice chiefs met on\nWednesday in Washington.\n"
    assert paragraphs(text) == "By Dana Whitfield\n\nSkip to main content\n\nPolice chiefs met on Wednesday in Washington."


def test_markdown_list_items_stay_apart():
    got = read_file("a.md", b"Their list:\n\n- treatment instead of arrest\n- fewer felonies\n").text
    assert got == "Their list:\n\n\u2022 treatment instead of arrest\n\n\u2022 fewer felonies"


def test_each_bullet_is_coded_on_its_own(data):
    body = read_text(BULLETS).text
    coded = code_passages("t", body, "", data)
    by_text = {p["text"]: p["passage_id"] for p in coded["passages"]}
    refs = {}
    for r in coded["passage_principles"]:
        refs.setdefault(r["passage_id"], set()).add(r["principle_id"])
    bullets = [p for p in by_text if p.startswith("•")]
    assert len(bullets) == 4
    assert all(len(refs.get(by_text[b], set())) <= 1 for b in bullets)
    assert refs.get(by_text[bullets[0]]) == {"P1"} and refs.get(by_text[bullets[2]]) == {"P3"}


def test_furniture_in_a_readers_article_is_marked_and_not_coded(data):
    text = ("Skip to main content\nBy Dana Whitfield, Staff Reporter\n2 minute read\n"
            "Garry McCarthy wants fewer mandatory minimums.\nView Comments\n")
    coded = code_passages("t", read_text(text).text, "", data)
    kinds = [(p["text"], p["furniture_kind"]) for p in coded["passages"]]
    assert kinds == [("Skip to main content", "navigation"), ("By Dana Whitfield, Staff Reporter", "byline"),
                     ("2 minute read", "reading time"), ("Garry McCarthy wants fewer mandatory minimums.", ""),
                     ("View Comments", "navigation")]
    assert {r["passage_id"] for r in coded["passage_principles"]} == {coded["passages"][3]["passage_id"]}
