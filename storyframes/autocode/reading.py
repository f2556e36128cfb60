"""Reading a reader's article: pasted text or an uploaded file, down to plain paragraphs.

Everything here is a pure function of its input: nothing is fetched, nothing written. Each refusal
is an `InputError` whose message says what was wrong and what to do, in plain sentences the page
shows literally and the command line prints.

- Size: one limit, `MAX_BYTES`, on what the reader gave: the bytes of the file, or of the pasted
  text in UTF-8, checked once, before anything is decoded (`check_size`; the command line checks a
  file's size with it before reading it). What is cut and coded afterwards is never measured again
  (a text of one-line paragraphs grows by a line break per paragraph, a UTF-16 file shrinks).
  It is Streamlit's upload limit (`server.maxUploadSize`, whole megabytes, 1 at least) in bytes,
  so nothing the app would refuse reaches the server's memory as an upload.
- Encodings: UTF-16 or UTF-32 with a byte-order mark, UTF-16 without one (its every other byte is
  NUL), UTF-8 (with or without a byte-order mark), else Windows-1252 when the bytes decode as that
  and read as text; anything else with NUL bytes, undecodable, or mostly control characters is
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

# The size limit of one article's input (a file, or a pasted text in UTF-8): what the file uploader
# and the server let through (.streamlit/config.toml: server.maxUploadSize), in megabytes, Streamlit's
# unit (1 is its least), so the browser refuses a bigger file before sending it and the server
# before holding it; and the same limit in bytes, the one the app, the page and the command line apply.
MAX_UPLOAD_MB = 1
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024  # 1,048,576 bytes (Streamlit counts a megabyte as 1024 × 1024 bytes)
ACCEPTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
ACCEPTED_ENCODINGS = "UTF-8 (with or without a byte-order mark), UTF-16 or Windows-1252"
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


LIMIT_TEXT = f"{MAX_UPLOAD_MB} MB ({MAX_BYTES:,} bytes)"  # the limit as the page and the messages state it
# A page nested deeper than this is refused (a saved article page is nested a few dozen levels). Up
# to it, a page deeper than lxml's default of 255 levels is read with lxml's `huge_tree` parser.
MAX_DEPTH = 1000
_LXML_DEPTH = 255  # lxml's default parser stops below this depth and drops the rest of the page


def check_size(n_bytes: int, what: str) -> None:
    """InputError when `n_bytes` (of a file, or of a pasted text in UTF-8) is over `MAX_BYTES`: the
    one place the limit is applied."""
    if n_bytes > MAX_BYTES:
        raise InputError(f"The {what} is {n_bytes:,} bytes; the limit is {LIMIT_TEXT}. Add one article at a time, "
                         "without images or attachments.")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / len(text)


def _binary(name: str) -> InputError:
    return InputError(f"{name} is not a text file (it looks binary). Accepted: a text, Markdown or saved web page "
                      f"(.txt, .md, .html, .htm) in {ACCEPTED_ENCODINGS}.")


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be"))


def _utf16_without_bom(raw: bytes) -> str:
    """The codec of a UTF-16 text without a byte-order mark ("utf-16-le" or "-be"), or "": mostly
    Latin text in UTF-16 has a NUL as every other byte, and bytes that are not text do not."""
    if len(raw) < 2 or len(raw) % 2:
        return ""
    even, odd = raw[0::2], raw[1::2]
    half = len(raw) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) <= 0.1 * half:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) <= 0.1 * half:
        return "utf-16-be"
    return ""


def _wide(raw: bytes) -> str:
    """The UTF-16 or UTF-32 codec `raw` is written in (by its byte-order mark, or UTF-16's NULs), or ""."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    return _utf16_without_bom(raw) if b"\x00" in raw else ""


def decode(raw: bytes, name: str = "The file") -> str:
    """The text of `raw`: UTF-16 or UTF-32 (by its byte-order mark, or UTF-16's every other byte
    NUL), UTF-8 (a byte-order mark is dropped), else Windows-1252 if it reads as text. Other bytes
    with NULs are binary."""
    wide = _wide(raw)
    if wide:
        try:
            text = raw.decode(wide).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise _binary(name) from None
        if _control_share(text) > MAX_CONTROL_SHARE or "\x00" in text:
            raise _binary(name)
        return text
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
    check_size(len(pasted.encode("utf-8", "surrogatepass")), "pasted text")
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
    check_size(len(raw), f"file {shown}")
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


def _extract(page):
    """trafilatura's reading of `page` (the page's text, or an lxml tree of it), or None."""
    import trafilatura  # lazily: only a reader who adds a web page pays for loading it

    try:
        return trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False,
                                           include_images=False, include_links=False, include_formatting=False,
                                           deduplicate=False,
                                           # only a date the page states (meta tags, structured data), never a guess
                                           # from a copyright line or the address
                                           date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # trafilatura on a malformed page: treat as no body
        return None


def _has_body(text: str) -> bool:
    """A body has at least one paragraph of MIN_BODY_WORDS words: a page of menus and links alone
    gives trafilatura's fallback only short lines ("Home", "News", "Sports")."""
    return any(len(line.split()) >= MIN_BODY_WORDS for line in text.split("\n"))


def _depth(html: str):
    """(how many levels deep the page's elements are nested, the page parsed by lxml's deep parser
    with trafilatura's options), as far as the deep parser reads (it too stops, past 2,000 levels)."""
    import lxml.html

    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True,
                                  huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except Exception:  # an unparseable page has no depth to speak of
        return 0, None
    deepest, stack = 0, [(tree, 1)]
    while stack:
        el, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in el)
    return deepest, tree


def reduce_html(html: str, name: str = "The page") -> Extracted:
    """The article body of a saved web page as plain paragraphs, and the page's own metadata.

    trafilatura (imported here: loading it costs a second or two, which no other page should pay)
    parses the page with lxml and keeps the main text; nothing is fetched (it is given the page,
    never an address). InputError when the page holds no article body, saying whether it was
    scripts only.
    """
    if not html.strip():
        raise InputError(f"{name} is empty. Save the article's page from the browser (“Save page as…”, web page) and add that file.")
    doc = _extract(html)
    text = _clean(getattr(doc, "text", "") or "") if doc is not None else ""
    if not _has_body(text):
        # lxml's default parser stops 255 levels down and drops the rest of the page: measure the
        # page with its deep parser, read it again that way, or say why it cannot be read
        depth, tree = _depth(html)
        if depth > MAX_DEPTH:
            raise InputError(f"{name} is nested more than {MAX_DEPTH:,} levels deep (elements inside elements), too deep to "
                             "read; a saved article page is nested a few dozen levels. Paste the article's text instead.")
        if depth >= _LXML_DEPTH and tree is not None:
            doc = _extract(tree)
            text = _clean(getattr(doc, "text", "") or "") if doc is not None else ""
    if not _has_body(text):
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
