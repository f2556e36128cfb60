"""Page furniture in a reader's article, recognised by its form, not by any one site's strings.

A line (or a sentence standing alone as its paragraph) that a page carries around an article but
that is not the article's prose: the byline, a photo credit, sharing buttons, navigation, a reading
time, an archive's header fields, a date line, a sign-off, a transcript's speaker label standing
alone, a headline or subheading. Such a passage is kept and marked (`is_furniture`), never coded.

`kind(line)` says which, or "" for prose. The patterns are generic: what bylines, credits and
widgets look like on any site (data/dev_texts/ has pages from many voices to measure them on).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE = rf"{_DAY}(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)"
_TIME = r"\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s*(?:[ECMP][SD]?T|ET|GMT|UTC))?"

# (kind, pattern): searched in the stripped line (most are anchored at its start)
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(p, _I)) for kind, p in (
    # "By Dana Whitfield, Staff Reporter", "By The Associated Press", "Posted by jfreeman on …"
    # (no closing full stop: "By Wednesday, the group had 130 members." is a sentence)
    ("byline", r"^(?:(?:posted|written|reported|words)\s+)?by\s+(?!the\s+(?:time|end|way)\b)(?:\S+\s+){0,9}\S+(?<![.!?;])$"),
    ("byline", r"^by\s+[^.!?;]{2,60}\|.*$"),
    ("credit", r"\|\s*license\s+photo\s*$"),
    ("credit", r"^(?:\(?\s*)?(?:photo|image|illustration|video|graphic|picture)s?\s*(?:by|via|credit|courtesy(?:\s+of)?|:|\|)"),
    ("republication note", r"^this\s+(?:article|story|post|piece)\s+(?:was\s+|is\s+)?(?:originally|first)\s+(?:published|appeared|ran)\b.*$"),
    ("credit", r"\b(?:getty\s+images|ap\s+photo|file\s+photo|photo\s+credit|courtesy\s+photo)\b.{0,60}$"),
    ("credit", r"^(?:copyright|©|\(c\))\s|\ball\s+rights\s+reserved\.?$"),
    ("sharing", r"^(?:(?:share|tweet|email|e-mail|print|save|pin|like)(?:\s+(?:this|the|on|with|via|to)\b)?\s*(?:article|story|page|post)?\s*"
                r"(?:facebook|twitter|linkedin|whatsapp|reddit|email|e-mail|pinterest)?\s*[|,·•]?\s*)+$"),
    ("sharing", r"^(?:.{0,40}\b)?share\s+(?:with|on|via)\s+(?:facebook|twitter|linkedin|email|whatsapp).*$"),
    ("navigation", r"^skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|search)$"),
    ("navigation", r"^(?:menu|home|search|subscribe|sign\s+in|log\s+in|sign\s+up|advertisement|sponsored|watch\s+live|live|text\s+size|"
                   r"next|previous|more|close|top\s+stories|trending|most\s+read|transcript)$"),
    ("navigation", r"^(?:view|show|read|hide)\s+(?:all\s+)?(?:\d+\s+)?comments?$|^\(?\d+\)?\s+comments?$|^comments?\s*\(\d+\)$"),
    ("navigation", r"^(?:related|see\s+also|more\s+on\s+this|read\s+more|continue\s+reading|click\s+here|tags?|filed\s+under|"
                   r"in\s+this\s+issue|topics?)\b\s*[:|]?.*$"),
    ("navigation", r"^(?:unsubscribe|subscribe\s+to|sign\s+up\s+for|follow\s+us|update\s+your\s+preferences)\b.*$"),
    ("navigation", r"^\(?(?:soundbite|music|applause|laughter|crosstalk|commercial\s+break|end\s+of\s+video)[^)]*\)?$"),
    ("reading time", r"^(?:(?:estimated\s+)?reading\s+time\s*:?\s*)?\d+\s*(?:-\s*)?min(?:ute)?s?\.?(?:\s+read)?$"),
    ("reading time", r"^reading\s+time\s*:?\s*\d+\s*min(?:ute)?s?$"),
    ("archive header", r"^(?:source|pubdate|pub\s+date|date|published|posted|updated|author|section|edition|page|contact|byline|headline|"
                       r"url|length|dateline|website|location|note|e-?mail|phone|fax|press\s+contact)\s*:.*$"),
    ("date", rf"^(?:posted|published|updated|last\s+updated)?\s*:?\s*{_DATE}(?:\s*(?:at|,|\|)?\s*{_TIME})?(?:\s*\|.*)?$"),
    ("date", rf"^(?:posted|published|updated)\s*:?\s*(?:{_TIME},?\s*)?{_DATE}.*$"),
    ("sign-off", r"^(?:#{3}|-\s*30\s*-|end|ends|\(?(?:AP|AFP|UPI|Reuters)\)?|for\s+immediate\s+release)$"),
    ("sign-off", r"^\((?:reporting|editing|writing|additional\s+reporting)\s+by\b.*\)$"),
    ("sign-off", r"^(?:reach|contact|email|e-mail|follow)\s+(?:the\s+)?(?:reporter|writer|author|us|him|her|[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,2})\s+(?:at|on|via)\b.*$"),
    ("sign-off", r"^the\s+(?:writer|author)\s+is\b.*$"),
    # a transcript's speaker label on its own line: "STEVE INSKEEP, HOST:"
    ("transcript label", r"(?-i:^[A-Z][A-Z .,'’-]{1,60}:$)"),
))

_BULLET = re.compile(r"^\s*(?:[•·▪◦‣●○■□–—*+-]|\d{1,2}[.)])\s+\S")
_END = re.compile(r"[.!?:;,…\"”'’)\]]$")
HEADING_MAX_WORDS = 14
# Furniture is a line, a caption at most: a longer passage is prose, and is not searched (each
# pattern then costs a bounded time: a 1 MB one-line paragraph had made one of them quadratic).
FURNITURE_MAX_CHARS = 600


def is_bullet(line: str) -> bool:
    """A list item: a line opened by a bullet mark or a number ("• …", "- …", "1. …")."""
    return bool(_BULLET.match(line))


def kind(line: str, *, alone: bool = True) -> str:
    """The kind of furniture `line` is, or "" for prose. `alone`: the line is a paragraph of its own
    (only then can it be a headline or subheading: a short line with no closing punctuation)."""
    s = " ".join(line.split())
    if not s or len(s) > FURNITURE_MAX_CHARS:
        return ""
    for name, pattern in PATTERNS:
        if pattern.search(s):
            return name
    if alone and not is_bullet(s) and not _END.search(s) and len(s.split()) <= HEADING_MAX_WORDS and not s[:1].islower():
        return "headline"
    return ""


def mark(passages: list[dict]) -> list[dict]:
    """The passages of a reader's article (`text.passages_for`'s rows), with the furniture found
    here marked: a sentence that is furniture, or every sentence of a paragraph that is (a caption
    ending "| License Photo"). A passage already marked keeps its kind. The rows are changed in place
    and returned."""
    by_par: dict[int, list[dict]] = {}
    for p in passages:
        by_par.setdefault(p["paragraph"], []).append(p)
    for rows in by_par.values():
        whole = kind(" ".join(p["text"] for p in rows), alone=len(rows) == 1)
        for p in rows:
            if p["is_furniture"]:
                continue
            k = whole or kind(p["text"], alone=len(rows) == 1)
            if k:
                p["is_furniture"], p["furniture_kind"] = True, k
    return passages
