"""The Lesson link page's view: what the link's filters show, in words, and their query pairs."""

from __future__ import annotations

from dataclasses import dataclass

from storyframes.core.data import StoryData
from storyframes.core.filters import Filters
from storyframes.classroom.lesson import query
from storyframes.classroom.lesson import (  # noqa: F401 - the link's rules, as the page uses them
    MAX_SEED_DIGITS, QR_DISPLAY, HostError, base_path, build as build_link, parse_host, qr_png, served_origin, url_path)
from storyframes.views.common import default_filters, select


@dataclass(frozen=True)
class View:
    describe: str  # "Showing all 22 outlets; all principles."
    filter_pairs: tuple[tuple[str, str], ...]  # the filters' (name, value) pairs in the link, as the app writes them
    nothing: str = ""  # what the filters leave out entirely ("no outlet is chosen"), for the empty-state notice


def build(data: StoryData, filters: Filters) -> View:
    sel = select(data, filters)
    missing = [what for what, chosen in (("outlet", filters.outlets), ("principle", filters.principles)) if not chosen]
    nothing = f"the filters choose no {' and no '.join(missing)}, so the link would open an empty page" if missing else ""
    return View(describe=sel.describe(), filter_pairs=tuple(query(filters, default_filters(data.vocab))), nothing=nothing)
