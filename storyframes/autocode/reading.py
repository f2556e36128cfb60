"""Reading a reader's article: pasted text or an uploaded file, down to plain paragraphs.

Everything here is a pure function of its input: nothing is fetched, nothing written. Each refusal
is an `InputError` whose message says what was wrong and what to do, in plain sentences the page
shows literally and the command line prints.

- Size: at most `MAX_BYTES` bytes of input, checked before anything is decoded.
- Encodings: UTF-8 (with or without a byte-order mark), else Windows-1252 when the bytes decode as
  that and read as text; anything with NUL bytes, undecodable, or mostly control characters is
  refused as binary.
- Web pages (.html, .htm) are reduced to the article body by trafilatura (a maintained extractor
  for news pages: it drops navigation, comments, boilerplate, scripts, styles and frames) and never
  by regular expressions; what comes out is plain text. Links keep their words and lose their
  addresses, so a `javascript:` link is only its words. The page's own title, date, canonical
  address and site name pre-fill the metadata.
- Plain text and Markdown: paragraphs are separated by blank lines (lines wrapped inside a
  paragraph are joined); a text without blank lines has one paragraph per line, as the curated
  captures in data/raw/ do. Markdown's markup characters (headings, emphasis, link targets) are
  taken off; Markdown is text, so regular expressions are fine there.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from storyframes.core.urls import link_address

MAX_BYTES = 200_000  # the stated size limit of one article's input (pasted or uploaded), in bytes
# What the file uploader lets through, in megabytes (Streamlit's unit; 1 is its least): the browser
# refuses a bigger file before sending it, and the server (server.maxUploadSize) refuses it too.
MAX_UPLOAD_MB = 1
ACCEPTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
ACCEPTED_ENCODINGS = "UTF-8 (with or without a byte-order mark) or Windows-1252"
# A decoded text with more than this share of control characters (other than line breaks and tabs)
# is binary, whatever it decoded as.
MAX_CONTROL_SHARE = 0.05
MIN_BODY_WORDS = 5  # a web page's article body has a paragraph of at least this many words


class InputError(ValueError):
    """What was wrong with a reader's input and what to do, in one or two plain sentences
    (shown literally on the page and printed by the command line). Never a traceback."""


@dataclass(frozen=True)
class ArticleMeta:
    outlet: str  # required (non-empty after strip) when an article is coded; "" when a file does not say
    headline: str = ""
    published: str = ""  # ISO date "YYYY-MM-DD" or ""
    url: str = ""  # "" or an address that may be linked (storyframes.core.urls.link_address), as written


@dataclass(frozen=True)
class Extracted:
    text: str  # plain article text, paragraphs separated by a blank line
    meta: ArticleMeta  # what the file itself says (title, date, canonical URL, site name); fields "" if absent


def _kb(n: int) -> str:
    return f"{n / 1000:,.0f} KB" if n >= 1000 else f"{n:,} bytes"


def _check_size(n_bytes: int, what: str) -> None:
    if n_bytes > MAX_BYTES:
        raise InputError(f"The {what} is {_kb(n_bytes)} ({n_bytes:,} bytes); the limit is {_kb(MAX_BYTES)} "
                         f"({MAX_BYTES:,} bytes). Add one article at a time, without images or attachments.")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / len(text)


def _binary(name: str) -> InputError:
    return InputError(f"{name} is not a text file (it looks binary). Accepted: a text, Markdown or saved web page "
                      f"(.txt, .md, .html, .htm) in {ACCEPTED_ENCODINGS}.")


def decode(raw: bytes, name: str = "The file") -> str:
    """The text of `raw`: UTF-8 (a byte-order mark is dropped), else Windows-1252 if it reads as text."""
    if b"\x00" in raw:
        raise _binary(name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{name} is neither UTF-8 nor Windows-1252 text. Save it as {ACCEPTED_ENCODINGS} "
                             "(most editors offer UTF-8 under “Save as”) and add it again.") from None
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise _binary(name)
    return text


def _clean(text: str) -> str:
    """Line ends as "\\n", no control characters but line breaks and tabs, no byte-order mark, no
    lone surrogate (a pasted text can hold one; it cannot be written as UTF-8)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))


def paragraphs(text: str) -> str:
    """Paragraphs separated by one blank line. With blank lines in the text, the lines of a block
    are one paragraph (wrapped lines joined), except list items and lines of page furniture, which
    stay paragraphs of their own (`_own_line`); without any, each line is a paragraph."""
    text = _clean(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    if _has_blank_between(lines):
        blocks, current = [], []
        for line in lines:
            if line and current and _own_line(current[-1], line):
                blocks.append(" ".join(current))
                current = []
            if line:
                current.append(line)
            elif current:
                blocks.append(" ".join(current))
                current = []
        if current:
            blocks.append(" ".join(current))
    else:
        blocks = [line for line in lines if line]
    return "\n\n".join(blocks)


def _own_line(before: str, line: str) -> bool:
    """Whether `line` starts a paragraph of its own although no blank line comes before it: a list
    item, or the line after one, or a line of page furniture (a byline, a date line, a credit…)
    or the line after one. Wrapped lines of prose are joined; these are not."""
    from storyframes.autocode import furniture

    return (furniture.is_bullet(line) or furniture.is_bullet(before)
            or bool(furniture.kind(line, alone=False)) or bool(furniture.kind(before, alone=False)))


def _has_blank_between(lines: list[str]) -> bool:
    filled = [i for i, line in enumerate(lines) if line]
    return bool(filled) and any(not lines[i] for i in range(filled[0], filled[-1]))


_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_MD_LIST = re.compile(r"^[ \t]{0,3}(?:[*+-]|\d{1,3}[.)])[ \t]+", re.M)
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M)
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_MD_CODE = re.compile(r"`+([^`\n]*)`+")


def markdown_to_text(text: str) -> str:
    """Markdown as the words a reader sees: headings, quotes, list marks, rules, emphasis and link
    targets taken off (an image keeps its description; a list item its one mark "• "). Markup
    only; the words are untouched."""
    text = _clean(text)
    # a list item keeps one mark, "• ", so `paragraphs` keeps it a paragraph of its own
    for pattern, repl in ((_MD_RULE, ""), (_MD_HEADING, ""), (_MD_QUOTE, ""), (_MD_LIST, "• "), (_MD_IMAGE, r"\1"),
                          (_MD_LINK, r"\1"), (_MD_CODE, r"\1")):
        text = pattern.sub(repl, text)
    for _ in range(2):  # nested emphasis (***bold italic***, **_both_**)
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text


def _finish(text: str, meta: ArticleMeta, what: str) -> Extracted:
    body = paragraphs(text)
    if not body.strip():
        raise InputError(f"The {what} is empty (or only spaces and line breaks). Paste the article's text, or choose a file "
                         "that holds it.")
    return Extracted(body, meta)


def read_text(pasted: str) -> Extracted:
    """A pasted text, as paragraphs. InputError when empty, only whitespace or over `MAX_BYTES`."""
    if not isinstance(pasted, str):
        raise InputError("Paste the article as text.")
    _check_size(len(pasted.encode("utf-8", "surrogatepass")), "pasted text")
    if _control_share(pasted) > MAX_CONTROL_SHARE:
        raise InputError("The pasted text is mostly control characters, not words. Paste the article's text itself.")
    return _finish(pasted, ArticleMeta(outlet=""), "pasted text")


def read_file(name: str, raw: bytes) -> Extracted:
    """An uploaded .txt, .md, .html or .htm file, as paragraphs; a web page reduced to its article
    body, with the title, date, canonical address and site name it gives as metadata."""
    full = str(name or "").strip()
    suffix = "." + full.rsplit(".", 1)[-1].lower() if "." in full else ""
    shown = " ".join(full.split())[:120] or "the file"  # the name as said back: one line, not too long
    if suffix not in ACCEPTED_SUFFIXES:
        raise InputError(f"{shown} is not a kind of file that can be read here. Accepted: {', '.join(ACCEPTED_SUFFIXES)} "
                         "(a text, a Markdown file or a web page saved from the browser).")
    if not isinstance(raw, (bytes, bytearray)):
        raise InputError(f"{shown} could not be read as a file.")
    _check_size(len(raw), f"file {shown}")
    if not raw.strip():
        raise InputError(f"{shown} is empty (or only spaces and line breaks). Choose a file that holds the article's text.")
    text = decode(bytes(raw), shown)
    if suffix in (".html", ".htm"):
        return reduce_html(text, shown)
    if suffix == ".md":
        text = markdown_to_text(text)
    return _finish(text, ArticleMeta(outlet=""), f"file {shown}")


# --- web pages -----------------------------------------------------------------------------------

def _iso_date(value: object) -> str:
    try:
        return dt.date.fromisoformat(str(value or "")[:10]).isoformat()
    except ValueError:
        return ""


def _one_line(value: object, limit: int = 300) -> str:
    return " ".join(str(value or "").split())[:limit]


def _count_scripts(html: str) -> tuple[int, int]:
    """(script elements, characters of visible text) of a page, parsed by lxml (no regular expressions)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:  # an unparseable page has neither
        return 0, 0
    scripts = len(tree.xpath("//script"))
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return scripts, len(" ".join(tree.text_content().split()))


def reduce_html(html: str, name: str = "The page") -> Extracted:
    """The article body of a saved web page as plain paragraphs, and the page's own metadata.

    trafilatura (imported here: loading it costs a second or two, which no other page should pay)
    parses the page with lxml and keeps the main text; nothing is fetched (it is given the page,
    never an address). InputError when the page holds no article body, saying whether it was
    scripts only.
    """
    import trafilatura  # lazily: only a reader who adds a web page pays for loading it

    if not html.strip():
        raise InputError(f"{name} is empty. Save the article's page from the browser (“Save page as…”, web page) and add that file.")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                          include_images=False, include_links=False, include_formatting=False,
                                          deduplicate=False,
                                          # only a date the page states (meta tags, structured data), never a guess
                                          # from a copyright line or the address
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # trafilatura on a malformed page: treat as no body
        doc = None
    text = _clean(getattr(doc, "text", "") or "") if doc is not None else ""
    # A body has at least one paragraph of MIN_BODY_WORDS words: a page of menus and links alone
    # gives trafilatura's fallback only short lines ("Home", "News", "Sports").
    if not any(len(line.split()) >= MIN_BODY_WORDS for line in text.split("\n")):
        scripts, visible = _count_scripts(html)
        if scripts and visible < 200:
            raise InputError(f"{name} is a page of scripts with no article text in it (it builds its text in the browser). "
                             "Open the article in the browser, select its text and paste it instead.")
        raise InputError(f"No article body was found in {name}: it holds no paragraphs of text (only navigation, links or "
                         "nothing). Save the article's own page, or paste its text instead.")
    url = _one_line(getattr(doc, "url", ""), 2000)
    url = url if link_address(url) is not None else ""
    meta = ArticleMeta(outlet=_one_line(getattr(doc, "sitename", "")), headline=_one_line(getattr(doc, "title", "")),
                       published=_iso_date(getattr(doc, "date", "")), url=url)
    return _finish(text, meta, f"page {name}")
