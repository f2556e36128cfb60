"""Web addresses from the data: one rule, used by the loader (to reject) and the pages (to link).

A source address in the package is shown to readers as a link. `safe_url` decides whether a
value is a plain web page address a reader may be sent to; the loader refuses a package with any
address that fails it (file, line and column named), and a page that links an address can call it
again and show the value as text when it returns None.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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


def safe_url(value: object) -> str | None:
    """`value` itself if it is a plain http(s) address of a named web host, else None.

    Accepted: `http://` or `https://`, then a host name with at least one dot and a letter-only
    (or punycode) top-level domain, an optional port, then a path, query or fragment in the
    characters above. Refused: other schemes (javascript:, data:, file:, mailto:), no host
    (`http://`, `https:///path`), user names or passwords before the host (`https://a@b.org`), IP
    addresses and single-label hosts (localhost), unbalanced brackets, surrounding whitespace and
    anything over 2,000 characters.
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
    return value
