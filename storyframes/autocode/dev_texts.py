"""The invented development texts (data/dev_texts/): coded by the same pipeline as a reader's pasted
article, unit by unit against their hand codes, for the out-of-sample figures.

The texts were written and hand-coded before the rules were tuned (data/dev_texts/README.md). They
are split once into two halves by the SHA-256 of their id (`halves`): the rules were tuned reading
the errors of the tuning half only; the untouched half measures the coder out of sample.

A hand-coded unit (a sentence, a bullet, a line of furniture) is found in the text the reader's
pipeline makes of the file (`reading.read_text`: paragraphs as a pasted text gets them); its
automatic codes are those of every passage that overlaps it. So a cut that merges four bullets
into one passage gives each bullet the four bullets' codes, and is counted wrong three times.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from storyframes.autocode.coding import code_passages, known_people
from storyframes.autocode.reading import read_text

TUNING, UNTOUCHED = "tuning half", "untouched half"
GROUP = "group"  # the key of the event's group as a speaker in hand_codes.csv


def folder(data_dir: Path) -> Path:
    return Path(data_dir) / "dev_texts"


def load(data_dir: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """(hand_codes.csv as strings, {text_id: text}); an empty table when the package has none."""
    base = folder(data_dir)
    path = base / "hand_codes.csv"
    if not path.exists():
        return pd.DataFrame(), {}
    units = pd.read_csv(path, dtype=str, keep_default_na=False)
    texts = {t: (base / "texts" / f"{t}.txt").read_text(encoding="utf-8") for t in dict.fromkeys(units["text_id"])}
    return units, texts


def halves(text_ids) -> dict[str, str]:
    """Each text's half: sorted by the SHA-256 hex digest of its id, the first half (rounded up) is
    the tuning half, the rest the untouched half."""
    ids = sorted(set(text_ids), key=lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())
    cut = (len(ids) + 1) // 2
    return {t: (TUNING if i < cut else UNTOUCHED) for i, t in enumerate(ids)}


def _locate(text: str, units: list[str]) -> list[tuple[int, int]]:
    """Where each unit is in `text`, in order (white space may differ)."""
    spans, pos = [], 0
    for unit in units:
        pattern = r"\s+".join(re.escape(w) for w in unit.split())
        m = re.compile(pattern).search(text, pos)
        if m is None:
            raise ValueError(f"unit not found in the text as read: {unit!r}")
        spans.append((m.start(), m.end()))
        pos = m.end()
    return spans


@dataclass(frozen=True)
class UnitCodes:
    principles: frozenset[str]
    members: frozenset[str]
    speakers: dict  # who -> channel


def hand_codes(row) -> UnitCodes:
    speakers = {}
    for item in filter(None, row["speakers"].split(";")):
        who, _, channel = item.partition(":")
        speakers[who] = channel.split(":")[0]
    return UnitCodes(frozenset(filter(None, row["principles"].split(";"))), frozenset(filter(None, row["members"].split(";"))),
                     speakers)


def auto_codes(text_id: str, text: str, units: list[str], data, known=None) -> list[UnitCodes]:
    """The automatic codes of each unit of one text, coded as a pasted article is."""
    body = read_text(text).text
    coded = code_passages(f"dev-{text_id}", body, "", data, known=known)
    spans = _locate(body, units)
    group_name = data.facts.loc[data.facts["fact_id"] == "group_name", "value"]
    group_name = group_name.iloc[0] if len(group_name) else ""
    out = []
    for a, b in spans:
        ids = {p["passage_id"] for p in coded["passages"] if p["char_start"] < b and p["char_end"] > a}
        principles = frozenset(r["principle_id"] for r in coded["passage_principles"] if r["passage_id"] in ids)
        people = [r for r in coded["passage_people"] if r["passage_id"] in ids]
        members = frozenset(r["member_id"] for r in people if r["member_id"])
        speakers = {}
        for r in people:
            if r["mention"] != "quoted":
                continue
            who = r["member_id"] or (GROUP if r["person"] == group_name else r["person"])
            speakers.setdefault(who, r["quote_channel"])
        out.append(UnitCodes(principles, members, speakers))
    return out


def coded_units(data, data_dir: Path) -> pd.DataFrame:
    """One row per hand-coded unit: text_id, half, unit, furniture, and the hand and automatic codes
    (UnitCodes). Empty when the package has no development texts."""
    units, texts = load(data_dir)
    if units.empty:
        return pd.DataFrame(columns=["text_id", "half", "unit", "furniture", "text", "hand", "auto"])
    half = halves(texts)
    known = known_people(data)
    rows = []
    for text_id, group in units.groupby("text_id", sort=False):
        group = group.sort_values("unit", key=lambda s: s.astype(int))
        autos = auto_codes(text_id, texts[text_id], list(group["text"]), data, known)
        for (_, row), auto in zip(group.iterrows(), autos):
            rows.append({"text_id": text_id, "half": half[text_id], "unit": int(row["unit"]), "furniture": row["furniture"] == "yes",
                         "text": row["text"], "hand": hand_codes(row), "auto": auto})
    return pd.DataFrame(rows)
