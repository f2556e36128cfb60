"""The Lesson link page's view: what the link's filters show, in words, and their query pairs."""

from __future__ import annotations

from dataclasses import dataclass

from storyframes.data import StoryData
from storyframes.filters import Filters
from storyframes.lesson import query
from storyframes.views.common import default_filters, select


@dataclass(frozen=True)
class View:
    describe: str  # "Showing all 22 outlets; all principles."
    filter_pairs: tuple[tuple[str, str], ...]  # the filters' (name, value) pairs in the link, as the app writes them


def build(data: StoryData, filters: Filters) -> View:
    sel = select(data, filters)
    return View(describe=sel.describe(), filter_pairs=tuple(query(filters, default_filters(data.vocab))))
