"""A printable handout of a view: one HTML file that prints cleanly on one or two A4 or Letter
pages — the title, the filters, the key numbers, the sentences to discuss, the sources, and the
address of the view with its QR code, so a student can open exactly what the class saw.

Every string from the data is escaped with `html.escape` (the file is HTML: a name or a
sentence must stay text). The only markup is ours, and the QR code is an SVG made here by segno.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from storyframes.core.palette import PRINT
from storyframes.core.text import TEXT_BREAK

SENTENCES_IN_HANDOUT = 8  # with the numbers and the sources, what fits on two printed pages
ROWS_IN_TABLE = 16  # rows of one table in print; the rest are in the app, at the handout's address

_STYLE = """
@page {{ size: A4; margin: 14mm; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.35; color: {ink}; margin: 0; }}
h1 {{ font-size: 17pt; margin: 0 0 2mm; }}
h2 {{ font-size: 12pt; margin: 5mm 0 1.5mm; border-bottom: 0.4pt solid {rule}; }}
p.filters {{ color: {muted}; margin: 0 0 3mm; }}
p.lead {{ margin: 0 0 2mm; }}
ul.notes li {{ margin-bottom: 1mm; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9.5pt; }}
th, td {{ text-align: left; vertical-align: top; padding: 1mm 1.5mm; border-bottom: 0.3pt solid {rule}; }}
th {{ font-weight: bold; }}
ol.sentences li {{ margin-bottom: 1.5mm; }}
.where {{ color: {muted}; font-size: 9pt; }}
.link {{ display: flex; gap: 5mm; align-items: center; margin-top: 4mm; page-break-inside: avoid; }}
.link svg {{ width: 32mm; height: 32mm; flex: none; }}
.address {{ font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; word-break: break-all; }}
footer {{ margin-top: 4mm; font-size: 8.5pt; color: {muted}; }}
@media screen {{ body {{ max-width: 182mm; margin: 10mm auto; padding: 0 4mm; }} }}  /* opened in a browser: the printed page's width */
""".format(**PRINT)


@dataclass(frozen=True)
class Handout:
    title: str
    filters: str  # what the filters chose, in words
    numbers: pd.DataFrame  # the key numbers, one row per outlet (columns as the reader reads them)
    sentences: pd.DataFrame  # outlet, where, text: the sentences to discuss
    sources: pd.DataFrame  # outlet, headline, date, url
    address: str  # the view's address (empty when unknown)
    # What some views have besides (every page's handout but Compare's and Principles'):
    lead: tuple[str, ...] = ()  # the view's own summary sentences, plain text, said under the title
    numbers_heading: str = "Key numbers"
    tables: tuple[tuple[str, pd.DataFrame], ...] = ()  # further tables the view shows, each under its heading
    sentences_heading: str = "Sentences to discuss"  # "": the view shows no sentences (no such section)
    notes_heading: str = ""
    notes: tuple[str, ...] = ()  # plain-text points under notes_heading (the limits of the coding)
    # How much of the sentences and of each table is printed (the rest: in the app, at the address),
    # chosen per view so that its handout prints on two A4 pages (tests/browser/test_handouts.py prints them all).
    sentences_shown: int = SENTENCES_IN_HANDOUT
    rows_shown: int = ROWS_IN_TABLE


SOURCE_COLUMNS = {"outlet": "Outlet", "headline": "Headline", "published": "Published", "url": "Address"}


def for_selection(title: str, sel, numbers: pd.DataFrame, passage_ids, address: str = "") -> Handout:
    """A handout of a view's selection: its numbers, the given sentences taken in turn from each
    outlet (its first, then its second…, so a short handout quotes every one), the full texts'
    sources and the view's address."""
    mine = sel.index[sel.index["passage_id"].isin(set(passage_ids))]
    turn = mine.groupby("outlet_id", sort=False).cumcount()
    order = mine["outlet_id"].map({o: i for i, o in enumerate(sel.outlet_ids)})
    sentences = mine.assign(_t=turn.to_numpy(), _o=order.to_numpy()).sort_values(["_t", "_o"], kind="stable")[["outlet", "where", "text"]]
    sources = sel.articles[list(SOURCE_COLUMNS)].rename(columns=SOURCE_COLUMNS)
    return Handout(title, sel.describe(), numbers, sentences.reset_index(drop=True), sources.reset_index(drop=True), address)


def plain(markdown: str) -> str:
    """Text a view holds as Markdown (bold, escapes, the invisible break points of long words)
    as the plain text it shows: the handout escapes it as HTML instead. Data inside such a string
    was escaped by text.escape_markdown, so an asterisk or a bracket of the data comes back as itself."""
    return re.sub(r"\\(.)", r"\1", markdown.replace(TEXT_BREAK, "").replace("**", ""))


def _table(frame: pd.DataFrame, limit: int = ROWS_IN_TABLE) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in frame.head(limit).itertuples(index=False))
    more = len(frame) - limit
    note = f"<p class='where'>and {more} more row{'s' if more != 1 else ''} in the app, at the address below.</p>" if more > 0 else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{note}"


def qr_svg(address: str) -> str:
    """The address as an inline SVG QR code (segno, offline)."""
    import segno

    return segno.make(address, error="m", micro=False).svg_inline(scale=4, border=4, dark=PRINT["qr_dark"], light=PRINT["qr_light"])


def to_html(handout: Handout) -> str:
    """The handout as one self-contained HTML file (no script, no external file, no font host)."""
    e = html.escape
    noted = "note" in handout.sentences.columns  # a line about the sentence (what two coders coded differently)
    sentences = "".join(f"<li>{e(r.text)}<br><span class='where'>{e(r.outlet)} · {e(r.where)}"
                        + (f" — {e(r.note)}" if noted and r.note else "") + "</span></li>"
                        for r in handout.sentences.head(handout.sentences_shown).itertuples())
    more = len(handout.sentences) - handout.sentences_shown
    more_note = f"<p class='where'>and {more} more in the app, at the address below.</p>" if more > 0 else ""
    lead = "".join(f"<p class='lead'>{e(p)}</p>" for p in handout.lead)
    numbers = f"<h2>{e(handout.numbers_heading)}</h2>{_table(handout.numbers, handout.rows_shown)}" if len(handout.numbers.columns) else ""
    tables = "".join(f"<h2>{e(heading)}</h2>{_table(frame, handout.rows_shown)}" for heading, frame in handout.tables)
    said = ""
    if handout.sentences_heading:
        said = f"<h2>{e(handout.sentences_heading)}</h2>" + (
            f"<ol class='sentences'>{sentences}</ol>{more_note}" if sentences else "<p>No sentence matches these filters.</p>")
    notes = ""
    if handout.notes:
        notes = f"<h2>{e(handout.notes_heading)}</h2><ul class='notes'>" + "".join(f"<li>{e(n)}</li>" for n in handout.notes) + "</ul>"
    link = ""
    if handout.address:
        link = (f"<div class='link'>{qr_svg(handout.address)}<div><strong>Open this view</strong><br>"
                f"<span class='address'>{e(handout.address)}</span></div></div>")
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{e(handout.title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{e(handout.title)}</h1><p class='filters'>{e(handout.filters)}</p>{lead}{numbers}{tables}{said}{notes}"
        + (f"<h2>Sources</h2>{_table(handout.sources)}" if len(handout.sources) else "") + link +
        "<footer>Same Story, Different Frames. Articles © their publishers, quoted as short extracts for teaching; "
        "codes and tables CC BY 4.0.</footer></body></html>"
    )
