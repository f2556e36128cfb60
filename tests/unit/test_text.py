"""Sentence splitting, furniture, tokens and escaping (storyframes.text)."""

import pytest

from storyframes.text import (
    count_words,
    escape_markdown,
    furniture_kind,
    split_paragraphs,
    split_sentences,
    tokenize,
)


def texts(paragraph: str) -> list[str]:
    return [s.text for s in split_sentences(paragraph)]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # abbreviations do not end sentences
        ("He met Dr. Smith in Washington, D.C. on Monday. Then he left.",
         ["He met Dr. Smith in Washington, D.C. on Monday.", "Then he left."]),
        ("The U.S.’s prison population is large. It grew.", ["The U.S.’s prison population is large.", "It grew."]),
        ("Cyrus R. Vance Jr. spoke. It was short.", ["Cyrus R. Vance Jr. spoke.", "It was short."]),
        # brackets inside a quotation stay whole
        ("Ideas like “adopt[ing] policies that prioritize treatment,” and more. Next.",
         ["Ideas like “adopt[ing] policies that prioritize treatment,” and more.", "Next."]),
        # a multi-sentence quotation is split into its sentences; the opening mark moves along
        ("He said so. “We act. We learn.” Done.", ["He said so.", "“We act.", "We learn.”", "Done."]),
        # a quote stays with its attribution
        ("“I ask, ‘What is a crime?’” Chief X told the Times. Then he left.",
         ["“I ask, ‘What is a crime?’” Chief X told the Times.", "Then he left."]),
        ("“What is a crime?” he asked. Then he left.", ["“What is a crime?” he asked.", "Then he left."]),
        ('"Straight quotes work," the group said. "Twice."', ['"Straight quotes work," the group said.', '"Twice."']),
        ("Watch CBSN Live", ["Watch CBSN Live"]),
        ("   ", []),
    ],
)
def test_split_sentences(paragraph, expected):
    assert texts(paragraph) == expected


def test_sentence_offsets_point_into_the_paragraph():
    para = "One. “Two three.” Four five six."
    for span in split_sentences(para):
        assert para[span.start : span.end] == span.text


def test_split_paragraphs_keeps_offsets_and_skips_blank_lines():
    raw = "First line.\n\n  Second line.  \nThird"
    spans = split_paragraphs(raw)
    assert [s.text for s in spans] == ["First line.", "Second line.", "Third"]
    assert all(raw[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Watch CBSN Live", "navigation"),
        ("View CBS News In", "navigation"),
        ("Image via AP.", "credit"),
        ("Contact the author at", "credit"),
        ("This article was originally published by The Crime Report.", "republication note"),
        ("The group issued a statement.", ""),
        ("Image of a police car appeared.", ""),
    ],
)
def test_furniture_kind(sentence, kind):
    assert furniture_kind(sentence) == kind


def test_headline_line_is_furniture():
    assert furniture_kind("Police chiefs advocate", headline="Police Chiefs Advocate") == "headline"
    assert furniture_kind("Police chiefs advocate more", headline="Police chiefs advocate") == ""


def test_tokenize_keeps_multiword_terms_and_drops_stopwords():
    tokens = tokenize("The end of Mass Incarceration and mandatory minimums, said the police chiefs.")
    assert tokens == ["end", "mass incarceration", "mandatory minimums", "said", "police chiefs"]


def test_tokenize_normalises_curly_apostrophes():
    assert tokenize("the country’s rate") == tokenize("the country's rate") == ["country's", "rate"]


def test_count_words():
    assert count_words("Low-level offenses — narcotics — I’m not sure.") == 6  # low-level, offenses, narcotics, i’m, not, sure


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "$x$ *bold* _it_ [link](http://e.x)", "`code` # h :red[x]"])
def test_escape_markdown_leaves_no_unescaped_markup(hostile):
    escaped = escape_markdown(hostile)
    for ch in "<>$*_[]()`#:":
        # every special character that survives is preceded by a backslash
        for i, c in enumerate(escaped):
            if c == ch:
                assert escaped[i - 1] == "\\", (ch, escaped)
