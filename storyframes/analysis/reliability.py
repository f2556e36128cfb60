"""How far two coders agree: per cent agreement and Cohen's kappa, and where they differ.

One implementation for the whole product: the Sources & method page measures the curated codes
against the independent second coding with it, and a class coding sentences itself is scored
with the same functions. Pure functions on plain sequences and DataFrames; no Streamlit.

Cohen's kappa (Cohen 1960) is the agreement beyond what two coders would reach by chance, given
how often each used each code: kappa = (p_o - p_e) / (1 - p_e), where p_o is the share of items
coded alike and p_e the sum over codes of the product of the two coders' shares of that code.
When both coders gave every item one and the same code, p_e = 1 and kappa is undefined (0 / 0):
`Agreement.kappa` is then None, and per cent agreement says all there is to say.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

# The bars content analysts use (Krippendorff 2004, ch. 11, for alpha; commonly applied to kappa):
# 0.8 and above is relied on; 0.667 to 0.8 supports tentative conclusions only.
RELIABLE = 0.8
TENTATIVE = 0.667

CODE_FIELDS = ("frame", "tone_police", "stance_reform")  # one code per sentence, in both tables
PRINCIPLE = "principle"  # present or absent, per sentence and principle
REFERENCE = "reference"  # quoted or paraphrased, where both coders found the principle
FIELDS = (*CODE_FIELDS, PRINCIPLE, REFERENCE)
PRESENT, ABSENT = "present", "absent"
# What each field is called for a reader: in the figures, and in a disputed sentence's note.
LABELS = {"frame": "Frame", "tone_police": "Tone toward police", "stance_reform": "Stance on the reform",
          "principle": "Principle present or absent", "reference": "Principle quoted or paraphrased"}
SHORT_LABELS = {"frame": "frame", "tone_police": "tone", "stance_reform": "stance", "principle": "principle", "reference": "reference"}
UNITS = {"frame": "sentences", "tone_police": "sentences", "stance_reform": "sentences",
         "principle": "sentence × principle pairs", "reference": "pairs both found"}

PAIR_COLUMNS = ["field", "passage_id", "item", "first", "second"]


@dataclass(frozen=True)
class Agreement:
    """Two coders' agreement on n items."""

    n: int
    agreed: int
    observed: float | None  # p_o, the share coded alike (None for no items)
    expected: float | None  # p_e, the share two coders with these code frequencies would match by chance
    kappa: float | None  # None when undefined: no items, or both coders used one same code throughout

    @property
    def percent(self) -> float | None:
        return None if self.observed is None else 100 * self.observed


def agreement(first: Sequence, second: Sequence) -> Agreement:
    """Per cent agreement and Cohen's kappa of two codings of the same items, in the same order."""
    first, second = list(first), list(second)
    if len(first) != len(second):
        raise ValueError(f"the two codings have {len(first)} and {len(second)} items; they must code the same items")
    n = len(first)
    if n == 0:
        return Agreement(0, 0, None, None, None)
    agreed = sum(a == b for a, b in zip(first, second))
    count_a, count_b = Counter(first), Counter(second)
    observed = agreed / n
    expected = sum(count_a[code] * count_b[code] for code in count_a) / (n * n)
    kappa = None if expected == 1 else (observed - expected) / (1 - expected)
    return Agreement(n, agreed, observed, expected, kappa)


def cohen_kappa(first: Sequence, second: Sequence) -> float | None:
    return agreement(first, second).kappa


def percent_agreement(first: Sequence, second: Sequence) -> float | None:
    return agreement(first, second).percent


def meaning(result: Agreement) -> str:
    """A short plain phrase on what the figure means for a reader (the page's caption explains the bars)."""
    if result.n == 0:
        return "Nothing to compare"
    if result.kappa is None:
        return "Kappa undefined: one code used throughout (all agree)"
    if result.kappa >= RELIABLE:
        return f"Meets the usual {RELIABLE} bar"
    if result.kappa >= TENTATIVE:
        return f"Tentative only ({TENTATIVE} to {RELIABLE})"
    if result.kappa > 0:
        return f"Too low to rely on (below {TENTATIVE})"
    return "No better than chance"


def parse_principles(cell: str) -> dict[str, str]:
    """'P1:quoted;P3:paraphrased' -> {'P1': 'quoted', 'P3': 'paraphrased'} (the form the loader checked)."""
    out: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in (cell or "").split(";"))):
        principle, _, reference = item.partition(":")
        out[principle] = reference
    return out


def paired_codes(codes: pd.DataFrame, principles_coded: pd.DataFrame, second: pd.DataFrame, principle_ids: Sequence[str]) -> pd.DataFrame:
    """Both coders' codes side by side, one row per field and item (PAIR_COLUMNS).

    `codes` and `principles_coded` are the curated codes (passage_codes, passage_principles),
    `second` the second coding; only the sentences the second coder coded are compared. For the
    principle field each sentence is four items (one per principle, present or absent); for the
    reference field, the (sentence, principle) pairs both coders found, quoted or paraphrased."""
    ids = second["passage_id"].tolist()
    mine = codes.set_index("passage_id").reindex(ids)
    parts = []
    for fld in CODE_FIELDS:
        parts.append(pd.DataFrame({"field": fld, "passage_id": ids, "item": "",
                                   "first": mine[fld].fillna("").tolist(), "second": second[fld].tolist()}))
    curated = {(p, q): ref for p, q, ref in principles_coded[["passage_id", "principle_id", "reference"]].itertuples(index=False)}
    theirs = {(p, q): ref for p, cell in zip(ids, second["principles"]) for q, ref in parse_principles(cell).items()}
    grid = [(p, q) for p in ids for q in principle_ids]
    parts.append(pd.DataFrame({"field": PRINCIPLE, "passage_id": [p for p, _ in grid], "item": [q for _, q in grid],
                               "first": [PRESENT if k in curated else ABSENT for k in grid],
                               "second": [PRESENT if k in theirs else ABSENT for k in grid]}))
    both = [k for k in grid if k in curated and k in theirs]
    parts.append(pd.DataFrame({"field": REFERENCE, "passage_id": [p for p, _ in both], "item": [q for _, q in both],
                               "first": [curated[k] for k in both], "second": [theirs[k] for k in both]}))
    return pd.concat(parts, ignore_index=True)[PAIR_COLUMNS]


def figures(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per field: items compared, agreed, per cent agreement, kappa and what it means."""
    rows = []
    for fld in FIELDS:
        mine = pairs[pairs["field"] == fld]
        result = agreement(mine["first"], mine["second"])
        rows.append({"field": fld, "n": result.n, "agreed": result.agreed, "percent": result.percent,
                     "kappa": result.kappa, "meaning": meaning(result)})
    return pd.DataFrame(rows)


def disagreements(pairs: pd.DataFrame) -> pd.DataFrame:
    """The items the coders coded differently, in field order then sentence order."""
    return pairs[pairs["first"] != pairs["second"]].reset_index(drop=True)


def deciding_rule(field: str, first: str, second: str, rules: Mapping[tuple[str, str], str], label) -> str:
    """The edge rule that draws the line between the two codes: the one of the pair that names
    the other code (by code or label), else the curated code's, else the second's."""
    mine, theirs = rules.get((field, first), ""), rules.get((field, second), "")
    for rule, other in ((mine, second), (theirs, first)):
        if rule and (other in rule or label(field, other).casefold() in rule.casefold()):
            return rule
    return mine or theirs
