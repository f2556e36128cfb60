"""How well the automatic coding agrees with the hand codes, on the three curated articles.

    python -m storyframes.autocode.accuracy

Each curated article's raw capture (data/raw/) is coded by the same code a reader's article goes
through (`coding.code_passages`: the same cut, so the passage ids are the curated ones) and the
codes are compared with the hand codes:
- principle references: the pairs (sentence, principle) found by the rules against the pairs in
  passage_principles.csv, per principle and overall (prose sentences only: furniture is not coded);
- people named: the pairs (sentence, person) for people (person_kind "person", so the group and
  the outlets are not counted) against passage_people.csv, per article and overall. The names the
  coder knows for article A are the members plus the people the hand codes of the *other* articles
  name: an article never teaches the coder its own names.
precision = found and hand-coded / found; recall = found and hand-coded / hand-coded. The rules
were written reading these three articles and the Statement, so these figures are in-sample: an
upper bound of what to expect on a new article, not a measure of it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from storyframes.autocode.coding import code_passages, known_people

COLUMNS = ["measure", "scope", "hand", "auto", "agree", "precision", "recall"]


def _ratio(n: int, d: int) -> float:
    return n / d if d else float("nan")


def _row(measure: str, scope: str, hand: set, auto: set) -> dict:
    agree = len(hand & auto)
    return {"measure": measure, "scope": scope, "hand": len(hand), "auto": len(auto), "agree": agree,
            "precision": _ratio(agree, len(auto)), "recall": _ratio(agree, len(hand))}


def auto_codes(data) -> dict[str, dict[str, list[dict]]]:
    """The automatic codes of every curated article, by article id (its own names left out)."""
    out = {}
    for art in data.articles.itertuples(index=False):
        raw = data.raw_texts[art.article_id] if hasattr(data, "raw_texts") else _raw(data, art.raw_file)
        out[art.article_id] = code_passages(art.article_id, raw, art.headline, data, known=known_people(data, leave_out=art.article_id))
    return out


def _raw(data, rel: str) -> str:
    from storyframes.data import DATA_DIR

    root = getattr(data, "root", None) or DATA_DIR
    return (root / rel).read_bytes().decode("utf-8")


@dataclass(frozen=True)
class Accuracy:
    table: pd.DataFrame  # COLUMNS: one row per principle, per article and overall
    principle_pairs: pd.DataFrame  # every (passage, principle) pair: hand, auto, rule
    people_pairs: pd.DataFrame  # every (passage, person) pair: hand, auto

    def value(self, measure: str, scope: str, column: str) -> float:
        row = self.table[(self.table["measure"] == measure) & (self.table["scope"] == scope)]
        return float(row[column].iloc[0])


def measure(data) -> Accuracy:
    codes = auto_codes(data)
    article_of = dict(zip(data.passages["passage_id"], data.passages["article_id"]))
    prose = set(data.passages.loc[~data.passages["is_furniture"], "passage_id"])
    hand_p = {(p, q) for p, q in zip(data.passage_principles["passage_id"], data.passage_principles["principle_id"]) if p in prose}
    auto_p = {(r["passage_id"], r["principle_id"]) for c in codes.values() for r in c["passage_principles"]}
    rows = [_row("principle references", pid, {x for x in hand_p if x[1] == pid}, {x for x in auto_p if x[1] == pid})
            for pid in data.principles["principle_id"]]
    rows.append(_row("principle references", "overall", hand_p, auto_p))
    pp = data.passage_people
    # a person is their member_id when they are a member, else their name
    hand_n = {(p, m or n) for p, n, m, k in zip(pp["passage_id"], pp["person"], pp["member_id"], pp["person_kind"]) if k == "person"}
    auto_n = {(r["passage_id"], r["member_id"] or r["person"]) for c in codes.values() for r in c["passage_people"] if r["person_kind"] == "person"}
    for aid in data.articles["article_id"]:
        rows.append(_row("people named", aid, {x for x in hand_n if article_of.get(x[0]) == aid}, {x for x in auto_n if article_of.get(x[0]) == aid}))
    rows.append(_row("people named", "overall", hand_n, auto_n))
    rule_of = {(r["passage_id"], r["principle_id"]): r["reason"] for c in codes.values() for r in c["passage_principles"]}
    ppairs = pd.DataFrame([{"passage_id": p, "principle_id": q, "hand": (p, q) in hand_p, "auto": (p, q) in auto_p,
                            "reason": rule_of.get((p, q), "")} for p, q in sorted(hand_p | auto_p)])
    npairs = pd.DataFrame([{"passage_id": p, "person": n, "hand": (p, n) in hand_n, "auto": (p, n) in auto_n} for p, n in sorted(hand_n | auto_n)])
    return Accuracy(pd.DataFrame(rows, columns=COLUMNS), ppairs, npairs)


@lru_cache(maxsize=4)
def _measured(version: str, data_ref) -> Accuracy:  # pragma: no cover - thin cache
    return measure(data_ref)


def summary(acc: Accuracy) -> str:
    """One plain sentence of the overall figures."""
    def pct(x: float) -> str:
        return "n/a" if pd.isna(x) else f"{x:.0%}"
    p, n = "principle references", "people named"
    return (f"On the three curated articles, the automatic coding finds principle references with precision "
            f"{pct(acc.value(p, 'overall', 'precision'))} and recall {pct(acc.value(p, 'overall', 'recall'))}, and people named "
            f"with precision {pct(acc.value(n, 'overall', 'precision'))} and recall {pct(acc.value(n, 'overall', 'recall'))} "
            "(in-sample: the rules were written reading these articles).")


def main() -> int:
    from storyframes.data import load_package

    acc = measure(load_package())
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(acc.table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        missed = acc.principle_pairs[acc.principle_pairs["hand"] != acc.principle_pairs["auto"]]
        if len(missed):
            print("\nprinciple pairs where the coding differs:\n" + missed.to_string(index=False))
        missed = acc.people_pairs[acc.people_pairs["hand"] != acc.people_pairs["auto"]]
        if len(missed):
            print("\npeople pairs where the coding differs:\n" + missed.to_string(index=False))
    print("\n" + summary(acc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
