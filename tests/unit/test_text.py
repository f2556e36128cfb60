"""Sentence splitting, furniture, tokens and escaping (storyframes.core.text)."""

import random
import re

import pytest

from storyframes.core.text import (
    TEXT_BREAK,
    count_words,
    escape_markdown,
    furniture_kind,
    split_paragraphs,
    split_sentences,
    tokenize,
)
from tests.markdown_model import MARKUP, NODE_TRANSFORMS


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


# --- escape_markdown: what Streamlit 1.67's Markdown would make of the escaped text --------------
# (tests/markdown_model.py: escapes, then transforms on each text node that escapes cannot stop)

ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def shown_nodes(markup: str) -> list[str]:
    """The text nodes Streamlit's Markdown makes of escaped text; fails on any markup left open."""
    nodes = []
    for piece in markup.split(TEXT_BREAK):
        out, i = [], 0
        while i < len(piece):
            if piece[i] == "\\":
                assert i + 1 < len(piece) and piece[i + 1] in ASCII_PUNCTUATION, f"bad escape at {i} in {piece!r}"
                out.append(piece[i + 1])
                i += 2
                continue
            assert piece[i] not in MARKUP, f"unescaped {piece[i]!r} at {i} in {piece!r}"
            assert piece[i] not in "\n\r", f"line break in {piece!r}"
            out.append(piece[i])
            i += 1
        nodes.append("".join(out))
    return nodes


def assert_literal(text: str, markup: str) -> None:
    nodes = shown_nodes(markup)
    assert "".join(nodes) == re.sub(r"\r\n|[\r\n\t\v\f]", " ", text)
    for node in nodes:
        for name, pattern in NODE_TRANSFORMS.items():
            assert not pattern.search(node), (name, node, markup)


HOSTILE_TEXTS = [
    "**bold** __strong__ *em* _em_ ~~gone~~ `code` ``two``",
    "[link](http://evil.example) [ref][1] ![image](http://127.0.0.1:9/p.png) <http://auto.example>",
    "<img src=x onerror=\"window.__pwned=1\"> <script>alert(1)</script> <!-- c --> &lt;b&gt; &amp; &#60;",
    ":red[red] :blue-background[bg] :green-badge[b] :material/warning: :material_home: :streamlit: :smile: :+1: :-1:",
    "$x^2$ and $$\\int$$ cost $5, $6 and \\$7",
    "http://x.org/a https://x.org www.example.com WWW.EXAMPLE.COM me@example.com mailto:me@example.com xmpp:me@x.org",
    "C:\\path\\ \\*not* \\ a\\",
    "line one\nline two\r\nthree\tfour",
    "# heading\n- item\n1. item\n> quote\n| a | b |\n---\n===\n    code",
    "a -- b -> c <- d <-> e >= f <= g ~= h",
    "[x](javascript:alert(1)) [y](data:text/html,<script>alert(1)</script>) [z](vbscript:x)",
    "https://x.org/a)![p](http://127.0.0.1:9/p.png)",
    "[^1] footnote, - [ ] task, \\(a\\), {attr} :name[x]{#id .c}",
    "ends with www",
    "ends with :smile",
    "plain words, “curly quotes”, an em dash — and 09:30 on Oct. 21",
    "",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_escape_markdown_shows_the_text_and_nothing_else(text):
    assert_literal(text, escape_markdown(text))


def test_escape_markdown_stays_literal_next_to_our_own_text():
    """A value that ends in ':smile' or 'www' must not become an emoji or a link with the ':' or
    '.' our own sentence puts after it."""
    for value in ("ends with :smile", "ends with www", "see http"):
        for after in (": 3 sentences", ". Then", "://x.org"):
            assert_literal(value + after, escape_markdown(value) + escape_markdown(after))


def test_escape_markdown_random_punctuation_soup():
    rng = random.Random(8)
    alphabet = "".join(sorted(ASCII_PUNCTUATION)) + "ab wwW.:@/hHtTpPs1\n\t é—·“”"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert_literal(text, escape_markdown(text))


def test_escape_markdown_leaves_ordinary_words_alone():
    assert escape_markdown("Police chiefs say so") == "Police chiefs say so"
    assert escape_markdown("Gawker’s “top brass” — 130 of them") == "Gawker’s “top brass” — 130 of them"
