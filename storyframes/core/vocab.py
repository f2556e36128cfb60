"""One vocabulary: codes, labels, outlet names and colours, read from the data package once.

Every label a reader sees for an outlet, a principle or a code comes from here, built from
`outlets.csv`, `principles.csv`, `codebook.csv` and `palette.py`; nothing of it is typed in a
page, a chart or a view (a test greps for stray colours and hand-built labels).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from storyframes.core import glossary, palette

NO_PRINCIPLE = "none"  # sentences that refer to no principle (context, colour, quotes)
NO_PRINCIPLE_LABEL = "No principle"
# On the name of every outlet a reader added (storyframes.core.data.StoryData.with_added): every table,
# axis and legend that names it says it was coded by machine, not curated (not colour alone).
AUTO_CODED_SUFFIX = "(auto-coded)"

# A curator's note inside a data value: "[Sheriff, Las Vegas - agency name not given in source]".
_CURATOR_NOTE = re.compile(r"\s*\[([^\]]*)\]\s*")


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Vocabulary:
    """Names, labels and colours for one data package (the curated one, or one with added articles)."""

    outlet_ids: tuple[str, ...]  # the dashboard's order: full texts first, then as in outlets.csv
    full_text_ids: tuple[str, ...]
    principle_ids: tuple[str, ...]  # P1… as in principles.csv (without "none")
    outlet_names: Mapping[str, str]
    outlet_short: Mapping[str, str]
    principle_short: Mapping[str, str]
    code_labels: Mapping[str, Mapping[str, str]]  # field -> code -> label
    outlet_colours: Mapping[str, str]
    principle_colours: Mapping[str, str]

    # --- labels ----------------------------------------------------------------------------
    def outlet(self, outlet_id: str) -> str:
        return self.outlet_names.get(outlet_id, outlet_id)

    def short(self, outlet_id: str) -> str:
        return self.outlet_short.get(outlet_id, outlet_id)

    def principle(self, principle_id: str) -> str:
        """'P1 · Alternatives to arrest'; 'No principle' for sentences that refer to none."""
        if principle_id == NO_PRINCIPLE:
            return NO_PRINCIPLE_LABEL
        short = self.principle_short.get(principle_id)
        return f"{principle_id} · {short}" if short else principle_id

    def code(self, field: str, code: str) -> str:
        """The codebook's label for a code ('tone_police', 'mocking' → 'Mocking'); a frame's with its
        plain name beside it ('capacity_resources' → 'Capacity and resources (having the means)')."""
        return self.code_labels.get(field, {}).get(code, code.replace("_", " "))

    def codes(self, field: str) -> tuple[str, ...]:
        """The codebook's codes of one field, in the codebook's order."""
        return tuple(self.code_labels.get(field, {}))

    def filter_label(self, value: str) -> str:
        """Pill label for a filter value: outlet short name, or 'P1 Alternatives to arrest'."""
        if value in self.outlet_short:
            return self.outlet_short[value]
        return self.principle(value).replace(" · ", " ")

    # --- colours ---------------------------------------------------------------------------
    def outlet_colour(self, outlet_id: str) -> str:
        return self.outlet_colours.get(outlet_id, palette.OTHER_OUTLET)

    def outlet_scale(self, outlet_ids) -> tuple[list[str], list[str]]:
        """(domain, range) for an Altair colour scale over these outlets, in this order."""
        ids = list(outlet_ids)
        return ids, [self.outlet_colour(o) for o in ids]

    def principle_scale(self) -> tuple[list[str], list[str]]:
        ids = [*self.principle_ids, NO_PRINCIPLE]
        return [self.principle(p) for p in ids], [self.principle_colours.get(p, palette.NO_PRINCIPLE) for p in ids]

    def code_scale(self, field: str, colours: Mapping[str, str]) -> tuple[list[str], list[str]]:
        """(labels, colours) for a coded field, in the codebook's order: fixed whatever the filter
        leaves, so a colour keeps its meaning from one selection to the next."""
        codes = [c for c in self.codes(field) if c in colours] or list(colours)
        return [self.code(field, c) for c in codes], [colours[c] for c in codes]


def build(outlets: pd.DataFrame, principles: pd.DataFrame, codebook: pd.DataFrame) -> Vocabulary:
    """The vocabulary of a package's tables."""
    full = outlets[outlets["has_full_text"].astype(bool)]["outlet_id"].tolist()
    order = full + [o for o in outlets["outlet_id"] if o not in full]
    series = palette.OUTLET_SERIES
    labels: dict[str, dict[str, str]] = {}
    for field, code, label in zip(codebook["field"], codebook["code"], codebook["label"]):
        labels.setdefault(field, {})[code] = glossary.frame_name(code, label) if field == "frame" else label
    pids = principles["principle_id"].tolist()
    return Vocabulary(
        outlet_ids=tuple(order),
        full_text_ids=tuple(full),
        principle_ids=tuple(pids),
        outlet_names=_frozen(zip(outlets["outlet_id"], outlets["outlet"])),
        outlet_short=_frozen(zip(outlets["outlet_id"], outlets["short_name"])),
        principle_short=_frozen(zip(pids, principles["short_label"])),
        code_labels=_frozen({f: _frozen(c) for f, c in labels.items()}),
        outlet_colours=_frozen({o: series[i % len(series)] for i, o in enumerate(full)}),
        principle_colours=_frozen({p: palette.PRINCIPLE_SERIES[i % len(palette.PRINCIPLE_SERIES)] for i, p in enumerate(pids)}),
    )


def split_curator_note(value: str) -> tuple[str, str]:
    """A data value without the curator's bracketed note, and the note itself.

    '[Sheriff, Las Vegas - agency name not given in source]' → ('', 'Sheriff, Las Vegas - agency
    name not given in source'); 'Gloucester Police Department [Township inferred]' →
    ('Gloucester Police Department', 'Township inferred'). Notes are shown as notes, never as data.
    """
    notes = _CURATOR_NOTE.findall(value or "")
    clean = _CURATOR_NOTE.sub(" ", value or "").strip()
    return clean, "; ".join(n.strip() for n in notes if n.strip())
