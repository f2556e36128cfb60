"""Bring your own article: what the Add an article page shows and hands out, as pure functions.

The pipeline (reading, splitting, coding) is `storyframes.autocode`; the session's articles and
the data built from them are in `storyframes.app.page` (`add_article`, `reader_data`). Here: the
meta a reader typed, checked; what the coding found, in words; and the rows to take home, as a
zip made in memory (the rows are written by `autocode.write_package_rows` into a temporary folder
that is removed at once: nothing is left on the server's disk).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from storyframes.core.data import StoryData
from storyframes.core.urls import link_address
from storyframes.core.vocab import Vocabulary

EARLIEST = dt.date(2015, 1, 1)  # the launch was in October 2015: a date field from the start of that year


def coding_data(base: StoryData, added) -> StoryData:
    """What a new article is coded against: the curated package, with the reader's added articles
    and their sentences appended (so a second copy of one of them is refused as a duplicate) but
    the outlets left curated, so an outlet is matched to a curated one or made new with its own
    outlets row, never to another added article (the rows downloaded stay complete on their own)."""
    if not added:
        return base
    tables = dict(base.tables)
    for key in ("articles", "passages"):
        rows = [c.tables[key][list(base.tables[key].columns)] for c in added]
        tables[key] = pd.concat([base.tables[key], *rows], ignore_index=True)
    return StoryData(tables=tables, descriptor=base.descriptor, geo=base.geo, version=f"{base.version}+coding")


def parse_date(value: str) -> dt.date | None:
    """A file's ISO date ('2015-10-21' or a date-time) as a date for the date field, or None."""
    try:
        return dt.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def check_url(value: str) -> tuple[str, str]:
    """(the address to keep, a notice): "" and a notice when it is not a plain http(s) address."""
    value = (value or "").strip()
    if not value:
        return "", ""
    if link_address(value) is None:
        return "", ("The address is not a plain http(s) web address (for example https://www.npr.org/…), so it is left out; "
                    "the article is added without it.")
    return value, ""


def found_lines(coded, vocab: Vocabulary) -> list[str]:
    """What the automatic coding found, one plain line each (shown literally)."""
    t = coded.tables
    refs = t["passage_principles"]
    lines = [f"Sentences: {coded.found.get('sentences', 0)}"]
    if len(refs):
        by = refs.groupby("principle_id")["reference"].agg(lambda s: ", ".join(f"{n} {k}" for k, n in s.value_counts().items()))
        lines.append(f"Principle references: {len(refs)} — " + "; ".join(f"{vocab.principle(p)} ({how})" for p, how in by.items()))
    else:
        lines.append("Principle references: none")
    people = t["passage_people"]
    if len(people):
        names = people.assign(who=people["person"].where(people["person"] != "", people["name_in_source"]))
        quoted = set(names.loc[names["mention"] == "quoted", "who"])
        listed = list(dict.fromkeys(names["who"]))
        lines.append(f"People: {len(listed)} — " + "; ".join(f"{n} ({'quoted' if n in quoted else 'named'})" for n in listed))
    else:
        lines.append("People: none")
    terms = list(dict.fromkeys(t["lexicon"]["term"]))
    lines.append(f"Terms: {len(terms)}" + (" — " + ", ".join(f"“{x}”" for x in terms) if terms else ""))
    return lines


def added_table(added, vocab: Vocabulary) -> pd.DataFrame:
    """The session's added articles, one row each (outlet as shown, headline, date, sentences)."""
    rows = []
    for coded in added:
        art = coded.tables["articles"].iloc[0]
        rows.append({"Outlet": vocab.outlet(coded.article_id), "Headline": art["headline"], "Published": art["published"],
                     "Sentences": coded.found.get("sentences", 0)})
    return pd.DataFrame(rows, columns=["Outlet", "Headline", "Published", "Sentences"])
