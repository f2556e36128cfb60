"""Shared filter state: outlets and principles, kept across pages and in the page's address.

Why not `bind="query-params"`: in Streamlit 1.67 a bound widget puts its *label* in the address,
drops unknown values silently and (checked in a browser) loses the choice on a page switch. So
the choice lives in `st.session_state` under one key, the address carries short codes
(`?outlet=gawker&principle=P4`) written on every run, and a link someone shares wins over the
session when it names a value. Parsing is pure and unit-tested; `sidebar_filters` is the glue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

OUTLET_PARAM = "outlet"
PRINCIPLE_PARAM = "principle"
NO_PRINCIPLE = "none"  # sentences that refer to no principle (context, colour, quotes)
MAX_VALUES = 50  # more repeated values than any real link holds: treat the address as malformed
MAX_VALUE_LENGTH = 40


@dataclass(frozen=True)
class Filters:
    """What the reader chose. Empty tuples are a real (empty) choice, not "everything"."""

    outlets: tuple[str, ...]
    principles: tuple[str, ...]


@dataclass(frozen=True)
class ParsedAddress:
    """What the address asked for: None where it did not name the filter, plus notices to show."""

    outlets: tuple[str, ...] | None
    principles: tuple[str, ...] | None
    notices: tuple[str, ...]


def _safe_preview(value: str) -> str:
    """A short, harmless rendering of a value from the address (shown as code, never as HTML)."""
    printable = "".join(ch if ch.isprintable() and ch not in "`\\" else "?" for ch in value)
    return printable[:MAX_VALUE_LENGTH] + ("…" if len(printable) > MAX_VALUE_LENGTH else "")


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
        shown = ", ".join(f"`{_safe_preview(v)}`" for v in unknown[:3]) + (" …" if len(unknown) > 3 else "")
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
