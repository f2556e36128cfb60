"""Shared filter state: outlets and principles, kept across pages and in the page's address.

Why not `bind="query-params"`: in Streamlit 1.67 a bound widget puts its *label* in the address,
drops unknown values silently and (checked in a browser) loses the choice on a page switch. So
the choice lives in the sidebar pills (their keys, kept across pages with
`persist_state="session"`), the address carries short codes (`?outlet=gawker&principle=P4`)
written from them on every run, and a link someone shares wins over the session when it names a
value. The address is read back only on a session's first run, Back/Forward and a page switch,
never re-assigned to the pills on an ordinary run (see `page.sidebar_filters`: that lost clicks).
Parsing is pure and unit-tested; `page.py` is the glue.

`Filters` owns the three things a filter does (as Datasette's `filters.py` does): it is parsed
from the address, it applies itself to the tables (every view narrows its data through these
methods, never by hand), and it describes itself in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from storyframes.core.vocab import NO_PRINCIPLE

OUTLET_PARAM = "outlet"
PRINCIPLE_PARAM = "principle"
MAX_VALUES = 50  # more repeated values than any real link holds: treat the address as malformed
MAX_VALUE_LENGTH = 40


@dataclass(frozen=True)
class Filters:
    """What the reader chose. Empty tuples are a real (empty) choice, not "everything"."""

    outlets: tuple[str, ...]
    principles: tuple[str, ...]

    # -- applying ------------------------------------------------------------------------------
    def articles(self, articles: pd.DataFrame) -> pd.DataFrame:
        """Full-text articles of the chosen outlets, in the reader's (dashboard's) outlet order."""
        order = {o: i for i, o in enumerate(self.outlets)}
        kept = articles[articles["outlet_id"].isin(order)]
        return kept.assign(_o=kept["outlet_id"].map(order)).sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)

    def passages(self, passages: pd.DataFrame, articles: pd.DataFrame, passage_principles: pd.DataFrame, *,
                 include_furniture: bool = False) -> pd.DataFrame:
        """Sentences of the chosen outlets that match the principle filter (passages' own columns).
        Page furniture (navigation, credits) is not the outlet's prose and is left out unless asked for."""
        kept = passages[passages["article_id"].isin(self.articles(articles)["article_id"])]
        if not include_furniture:
            kept = kept[~kept["is_furniture"].astype(bool)]
        return kept[principle_mask(kept, passage_principles, self.principles)].reset_index(drop=True)

    def references(self, passage_principles: pd.DataFrame) -> pd.DataFrame:
        """Principle references to the chosen principles."""
        return passage_principles[passage_principles["principle_id"].isin(self.principles)].reset_index(drop=True)

    def coverage(self, coverage: pd.DataFrame) -> pd.DataFrame:
        """Headlines of the chosen outlets by date, then name (no principle is coded on a headline)."""
        kept = coverage[coverage["outlet_id"].isin(self.outlets)]
        return kept.sort_values(["published_earliest", "outlet"], kind="stable").reset_index(drop=True)

    def principle_rows(self, principles: pd.DataFrame) -> pd.DataFrame:
        """The chosen principles' rows ("none" has no row), in the table's order."""
        return principles[principles["principle_id"].isin(self.principles)].reset_index(drop=True)

    def keep_outlets(self, outlet_ids) -> "Filters":
        """The same choice with only these outlets kept (e.g. the full texts), in the same order."""
        wanted = set(outlet_ids)
        return Filters(tuple(o for o in self.outlets if o in wanted), self.principles)

    # -- describing ----------------------------------------------------------------------------
    def describe(self, default: "Filters", outlet_names: Mapping[str, str], principle_labels: Mapping[str, str] | None = None) -> str:
        """One line saying what the current view shows, for captions, handouts and downloads."""
        if tuple(self.outlets) == tuple(default.outlets):
            outlets = f"all {len(default.outlets)} outlets"
        else:
            outlets = ", ".join(outlet_names.get(o, o) for o in self.outlets) or "no outlet"
        labels = principle_labels or {}
        if tuple(self.principles) == tuple(default.principles):
            principles = "all principles"
        else:
            principles = (", ".join("sentences about no principle" if p == NO_PRINCIPLE else labels.get(p, p) for p in self.principles)
                          or "no principle selected")
        return f"Showing {outlets}; {principles}."


@dataclass(frozen=True)
class ParsedAddress:
    """What the address asked for: None where it did not name the filter, plus notices to show."""

    outlets: tuple[str, ...] | None
    principles: tuple[str, ...] | None
    notices: tuple[str, ...]


def safe_preview(value: str) -> str:
    """A short, harmless rendering of a value from the address (shown as code, never as HTML)."""
    printable = "".join(ch if ch.isprintable() and ch not in "`\\" else "?" for ch in value)
    return "`" + printable[:MAX_VALUE_LENGTH] + ("…" if len(printable) > MAX_VALUE_LENGTH else "") + "`"


def parse_flag(values: Sequence[str]) -> tuple[bool | None, str]:
    """An on/off choice in the address (`?projector=1`, `?disputes=0`): (True or False, "") for
    "1" or "0"; (None, "") when not named; (None, the values as a safe preview) for anything else
    or the parameter repeated, for the caller's notice."""
    if not values:
        return None, ""
    if len(values) == 1 and values[0].strip() in ("1", "0"):
        return values[0].strip() == "1", ""
    return None, ", ".join(safe_preview(v) for v in values[:3])


def _parse_one(values: Sequence[str], known: Sequence[str], what: str, fallback: str) -> tuple[tuple[str, ...] | None, str | None]:
    """Parse one repeated parameter. Returns (choice or None to fall back, notice or None)."""
    if len(values) > MAX_VALUES:
        return None, f"The address repeats '{what}' {len(values)} times; {fallback}."
    cleaned = [v.strip() for v in values]
    if cleaned == [""]:
        return (), None  # `?outlet=` is an explicit empty choice
    canonical = {k.casefold(): k for k in known}
    if any(v.casefold() == "all" for v in cleaned) and len(set(map(str.casefold, cleaned))) == 1:
        return tuple(known), None
    unknown = [v for v in cleaned if v.casefold() not in canonical]
    if unknown:
        shown = ", ".join(safe_preview(v) for v in unknown[:3]) + (" …" if len(unknown) > 3 else "")
        return None, f"The address names {len(unknown)} unknown {what} value(s) ({shown}); {fallback}."
    chosen = {canonical[v.casefold()] for v in cleaned if v}
    return tuple(k for k in known if k in chosen), None  # dedupe, keep the dashboard's order


def parse_address(params: Mapping[str, Sequence[str]], outlet_ids: Sequence[str], principle_ids: Sequence[str]) -> ParsedAddress:
    """Read outlet/principle choices from query parameters; unknown values fall back to defaults."""
    notices = []
    outlets = principles = None
    if params.get(OUTLET_PARAM):
        outlets, notice = _parse_one(params[OUTLET_PARAM], outlet_ids, "outlet", "showing all outlets instead")
        if notice:
            notices.append(notice)
    if params.get(PRINCIPLE_PARAM):
        principles, notice = _parse_one(params[PRINCIPLE_PARAM], principle_ids, "principle", "showing all principles instead")
        if notice:
            notices.append(notice)
    return ParsedAddress(outlets, principles, tuple(notices))


def to_address(filters: Filters, default: Filters) -> dict[str, list[str]]:
    """Query parameters for a choice; a filter left at its default is left out of the address."""
    params: dict[str, list[str]] = {}
    for param, chosen, base in (
        (OUTLET_PARAM, filters.outlets, default.outlets),
        (PRINCIPLE_PARAM, filters.principles, default.principles),
    ):
        if tuple(chosen) != tuple(base):
            params[param] = list(chosen) if chosen else [""]
    return params


def resolve(session: Filters | None, address: ParsedAddress, default: Filters) -> Filters:
    """Which choice holds: the address where it names a filter (a shared link or a reload),
    else the session's (a page switch clears the address), else the default."""
    base = session or default
    return Filters(
        outlets=address.outlets if address.outlets is not None else base.outlets,
        principles=address.principles if address.principles is not None else base.principles,
    )


# --- applying the choice to the tables --------------------------------------------------------

def principles_of(passages: pd.DataFrame, passage_principles: pd.DataFrame) -> pd.Series:
    """Per passage, the set of principles it refers to ({"none"} when it refers to none)."""
    grouped = passage_principles.groupby("passage_id")["principle_id"].agg(frozenset)
    return passages["passage_id"].map(grouped).apply(lambda s: s if isinstance(s, frozenset) else frozenset({NO_PRINCIPLE}))


def principle_mask(passages: pd.DataFrame, passage_principles: pd.DataFrame, principles) -> pd.Series:
    """True for passages that match the principle filter (a boolean Series, empty-safe).

    The rule: a sentence is kept when any principle it refers to is chosen, or when it refers to
    none and "none" is chosen. So the default keeps every sentence, and P4 alone keeps exactly
    the sentences about P4.
    """
    chosen = frozenset(principles)
    refs = principles_of(passages, passage_principles)
    return pd.Series([bool(s & chosen) for s in refs], index=passages.index, dtype=bool)
