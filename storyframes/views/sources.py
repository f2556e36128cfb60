"""The Sources & method page: the codebook, every source, the limits, and "download what I see"."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from storyframes import export
from storyframes.data import StoryData
from storyframes.filters import Filters
from storyframes.views import Scope
from storyframes.views.common import Selection, select


@dataclass(frozen=True)
class SourcesView:
    selection: Selection
    describe: str
    fields: tuple[str, ...]
    codebook: dict[str, pd.DataFrame]  # field -> its codes (label, code, definition, example, edge rule)
    sources: pd.DataFrame
    downloads: dict[str, pd.DataFrame]  # table name -> the rows the filters keep
    csv: dict[str, bytes]  # table name -> those rows as the CSV file a reader downloads
    file_names: dict[str, str]  # table name -> the downloaded file's name
    n_full_texts: int
    n_headline_only: int
    version: str
    scope: str  # the one line saying which parts the filters do not touch


def build(data: StoryData, filters: Filters) -> SourcesView:
    sel = select(data, filters)
    book = data.codebook
    fields = tuple(book["field"].drop_duplicates())
    downloads = export.filtered_tables(data, filters)
    return SourcesView(
        selection=sel, describe=sel.describe(), fields=fields,
        codebook={f: book[book["field"] == f].reset_index(drop=True) for f in fields},
        sources=data.memo("sources", export.sources_table),
        downloads=downloads, csv={name: export.csv_bytes(frame) for name, frame in downloads.items()},
        file_names={name: export.csv_file_name(name) for name in downloads},
        n_full_texts=len(data.articles), n_headline_only=int((data.coverage["article_id"] == "").sum()),
        version=str(data.descriptor.get("version", "")),
        scope=Scope(outlets=False, principles=False, why="the codebook, the limits and the sources describe the whole package; "
                    "the downloads below follow both filters.").note,
    )
