"""Web addresses from the data or a reader: the one rule of what may be shown as a link.

A source address in the package, or the address a reader gives for an article, is shown to
readers as a link. `link_address` is the only judge: the loader refuses a package with any address
it returns None for (file, line and column named), the added-article form leaves such an address
out, and the renderer (`storyframes.app.render`: `link` and the tables' link columns) links exactly
what it returns and shows anything else as text.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

MAX_URL_LENGTH = 2000
# Only ASCII letters, digits and the characters RFC 3986 gives a meaning in an address, minus the
# ones that break out of Markdown, HTML or quoted text: no whitespace or control characters, no
# < > " ' ` \ { } | ^ [ ] and nothing outside ASCII (percent-encode it). Round brackets are
# allowed, balanced, because real addresses carry them (Wikipedia, Ballotpedia: "..._(2014)").
_ALLOWED = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&*+,;=%()]+")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_NETLOC = re.compile(r"(?P<host>[a-z0-9.-]+)(?::(?P<port>[0-9]{1,5}))?")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
# What stays as written after the host when an address is linked: every character the rule allows
# except ":" (Streamlit turns ":material/…:" into an icon before Markdown is parsed) and the round
# brackets (one of them can end a Markdown link's address), which are percent-encoded.
_LINK_SAFE = "/?#!$&*+,;=@~%"


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def link_address(value: object) -> str | None:
    """The address to link for `value`, or None when `value` may not be shown as a link.

    Accepted: `http://` or `https://`, then a host name with at least one dot and a letter-only
    (or punycode) top-level domain, an optional port, then a path, query or fragment in the
    characters above. Refused: other schemes (javascript:, data:, file:, mailto:), no host
    (`http://`, `https:///path`), user names or passwords before the host (`https://a@b.org`), IP
    addresses and single-label hosts (localhost), unbalanced brackets, surrounding whitespace and
    anything over 2,000 characters.

    Returned for an accepted address: the same address with its scheme and host in lower case and,
    after the host, ":", "(" and ")" percent-encoded, so that it cannot end a Markdown link or
    spell a Streamlit icon; nothing else needs encoding (the rule leaves no space, quote, bracket,
    backslash or non-ASCII character). Percent escapes stay as written: nothing is encoded twice.
    """
    if not isinstance(value, str) or not value or len(value) > MAX_URL_LENGTH:
        return None
    if not _ALLOWED.fullmatch(value) or _BAD_PERCENT.search(value) or not _balanced(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not value[: len(parts.scheme) + 3].lower().endswith("://"):
        return None
    netloc = _NETLOC.fullmatch(parts.netloc.lower())
    if netloc is None:
        return None
    labels = netloc["host"].split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or not _TOP_LEVEL.fullmatch(labels[-1]):
        return None
    if netloc["port"] is not None and not 0 < int(netloc["port"]) < 65536:
        return None
    rest = value[len(parts.scheme) + 3 + len(parts.netloc):]  # the path, query and fragment as written
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{quote(rest, safe=_LINK_SAFE)}"
