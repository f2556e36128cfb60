"""What Streamlit 1.67's Markdown does with text, as far as the tests need it (read in its bundle,
static/js/StreamlitMarkdown.*.js, and checked in Chromium).

Two stages. The parser: a backslash keeps any ASCII punctuation character literal. Then
transforms on each text node, after escapes are resolved, so escaping cannot stop them: GFM
autolinks, Streamlit's icons, logo, emoji and typographic arrows. `text.TEXT_BREAK` (an empty
directive) ends a text node. The patterns below are the bundle's.
"""

from __future__ import annotations

import re

from storyframes.core.text import TEXT_BREAK

NODE_TRANSFORMS = {
    "autolink": re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.I | re.A),
    "e-mail": re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.A),
    "icon": re.compile(r":material_(\w+):", re.A),
    "logo": re.compile(r":streamlit:"),
    "emoji": re.compile(r":\+1:|:-1:|:[\w-]+:", re.A),
    "arrow": re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),
}
# What starts markup: emphasis, code, links, images, HTML, entities, maths, headings, lists, quotes,
# tables, strikethrough, directives, and ":material/" (which Streamlit rewrites before parsing).
MARKUP = set("\\`*_{}[]()#+-.!|>~<$:&/=")
_OUR_LINK_DESTINATION = re.compile(r"(?<!\\)\]\((?:[^()\\\s]|\\.)*\)")


def unescaped(raw: str) -> re.Pattern[str]:
    """Finds `raw` in Markdown with its markup characters not escaped, i.e. still markup."""
    return re.compile("".join(r"(?<!\\)" + re.escape(c) if c in MARKUP else re.escape(c) for c in raw))


def text_nodes(markdown: str) -> list[str]:
    """The text of each node, roughly: cut at TEXT_BREAK, our own link addresses left out, escapes
    resolved. (Our own markup stays in; it matches none of NODE_TRANSFORMS.)"""
    return [re.sub(r"\\(.)", r"\1", _OUR_LINK_DESTINATION.sub("]", piece)) for piece in markdown.split(TEXT_BREAK)]


def problems(markdown: str, payload_markup: list[str]) -> list[str]:
    """What of the payloads would become markup, an image, an icon or a link in `markdown`."""
    text = _OUR_LINK_DESTINATION.sub("]", markdown.replace(TEXT_BREAK, ""))  # an address is no Markdown; `link_address` checks it
    found = [f"unescaped {raw!r}" for raw in payload_markup if unescaped(raw).search(text)]
    for node in text_nodes(markdown):
        found += [f"{name}: {m.group(0)!r}" for name, pattern in NODE_TRANSFORMS.items() for m in pattern.finditer(node)]
    return found
