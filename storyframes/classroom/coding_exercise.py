"""Code it yourself, then compare: a class codes a set of sentences and measures itself against
the curated codes with the product's one agreement implementation (`storyframes.analysis.reliability`).

Pure functions, no Streamlit:
- `candidates`: the sentences a set may hold (prose of the full texts, never page furniture);
- `choose_set`: a set from a seed number, the same on every server and Python version (ranks are
  SHA-256 digests of seed and id, not `random`), spread over the outlets, with sentences that
  refer to a principle and sentences that refer to none;
- `resolve_address`: `?set=<seed>` or `?sentences=<ids>` from the address, with a notice for
  every value it ignores and a fallback, never an exception;
- `compare`: a reader's answers paired with the curated codes exactly as the second coder's are
  (`reliability.paired_codes`: the principle field as sentence × principle, present or absent),
  the per-field figures (`reliability.figures`), and every disagreement with the curated code's
  rationale and the deciding edge rule of the codebook.

A field a reader leaves blank is unanswered, never an answer: it is left out of that field's
agreement, whose denominator says how many sentences were coded (`coded_line`). A sentence that
refers to no principle is the explicit choice "None of the four" (`NO_PRINCIPLE`), which is an
answer: the sentence then counts as absent for every principle.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from storyframes.analysis import reliability
from storyframes.core import glossary
from storyframes.core.filters import safe_preview
from storyframes.core.vocab import NO_PRINCIPLE, Vocabulary

SET_PARAM, SENTENCES_PARAM = "set", "sentences"  # the page's own address parameters
SET_SIZE = 8
MIN_IDS, MAX_IDS = 6, 10  # a listed set
SEED_MIN, SEED_MAX = 1, 9999  # four digits: a number a teacher can read out
MIN_WITH_PRINCIPLE = 3  # a set holds at least this many sentences that refer to a principle…
MIN_WITHOUT_PRINCIPLE = 3  # …and this many that refer to none (where the package has them)
MAX_NAMED = 4  # ignored address values named in a notice; the rest are counted
MAX_LISTED_CHARS = 2000  # a longer ?sentences= value is not split at all

PRINCIPLE = reliability.PRINCIPLE
CODE_FIELDS = ("tone_police", "frame")
FIELDS = (PRINCIPLE, *CODE_FIELDS)  # in the order a reader codes them
# The weakest kind of reference: its edge rule draws the line between referring to a principle and not.
THRESHOLD_REFERENCE = "paraphrased"
CANDIDATE_COLUMNS = ["passage_id", "outlet_id", "outlet", "where", "text", "principles"]


def candidates(index: pd.DataFrame, passage_principles: pd.DataFrame) -> pd.DataFrame:
    """The prose sentences of the full texts (no furniture) in reading order, each with the
    principles the curated codes find in it (a tuple, empty for none)."""
    prose = index[~index["is_furniture"].astype(bool)]
    found: dict[str, list[str]] = {}
    for pid, principle in zip(passage_principles["passage_id"], passage_principles["principle_id"]):
        found.setdefault(pid, []).append(principle)
    return pd.DataFrame({
        "passage_id": prose["passage_id"].tolist(), "outlet_id": prose["outlet_id"].tolist(), "outlet": prose["outlet"].tolist(),
        "where": prose["where"].tolist(), "text": prose["text"].tolist(),
        "principles": [tuple(found.get(p, ())) for p in prose["passage_id"]],
    }, columns=CANDIDATE_COLUMNS)


def _rank(seed: int, key: str) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def _quotas(outlets: list[str], available: Mapping[str, int], size: int, seed: int) -> dict[str, int]:
    """How many sentences each outlet gives: as even as the set allows, the odd ones to outlets in
    the seed's order, none above what an outlet has."""
    order = sorted(outlets, key=lambda o: _rank(seed, f"outlet:{o}"))
    quota = dict.fromkeys(outlets, 0)
    left = size
    while left > 0 and any(quota[o] < available[o] for o in order):
        for o in order:
            if left and quota[o] < available[o]:
                quota[o] += 1
                left -= 1
    return quota


def choose_set(cands: pd.DataFrame, seed: int, size: int = SET_SIZE) -> tuple[str, ...]:
    """The set for a seed: `size` sentences spread evenly over the outlets, at least
    MIN_WITH_PRINCIPLE that refer to a principle and MIN_WITHOUT_PRINCIPLE that refer to none
    (where there are enough), in an order that mixes the outlets. Same seed, same data: same set."""
    if cands.empty:
        return ()
    order = sorted(cands["passage_id"], key=lambda p: _rank(seed, p))
    outlet_of = dict(zip(cands["passage_id"], cands["outlet_id"]))
    principled = {p: bool(refs) for p, refs in zip(cands["passage_id"], cands["principles"])}
    outlets = list(dict.fromkeys(cands["outlet_id"]))
    size = min(size, len(order))
    quota = _quotas(outlets, cands["outlet_id"].value_counts().to_dict(), size, seed)
    chosen: list[str] = []
    used = dict.fromkeys(outlets, 0)

    def take(wanted, limit: int) -> None:
        got = sum(1 for p in chosen if wanted(p))
        for p in order:
            if got >= limit or len(chosen) >= size:
                return
            if p not in chosen and wanted(p) and used[outlet_of[p]] < quota[outlet_of[p]]:
                chosen.append(p)
                used[outlet_of[p]] += 1
                got += 1

    take(lambda p: principled[p], MIN_WITH_PRINCIPLE)
    take(lambda p: not principled[p], MIN_WITHOUT_PRINCIPLE)
    take(lambda p: True, size)
    position = {p: i for i, p in enumerate(order)}
    return tuple(sorted(chosen, key=position.__getitem__))


@dataclass(frozen=True)
class SetChoice:
    """The sentences a reader codes: from a seed (`seed`) or listed in the address (`seed` None)."""

    ids: tuple[str, ...]
    seed: int | None
    notices: tuple[str, ...] = ()

    @property
    def address(self) -> dict[str, str | None]:
        """The page's parameters for this set (None: the parameter is removed)."""
        if self.seed is not None:
            return {SET_PARAM: str(self.seed), SENTENCES_PARAM: None}
        return {SET_PARAM: None, SENTENCES_PARAM: ",".join(self.ids)}


def parse_seed(value: str) -> int | None:
    """A set number from the address: ASCII digits only, SEED_MIN to SEED_MAX; else None."""
    text = (value or "").strip()
    if not re.fullmatch(r"[0-9]{1,6}", text):
        return None
    seed = int(text)
    return seed if SEED_MIN <= seed <= SEED_MAX else None


def _named(values: Sequence[str]) -> str:
    shown = ", ".join(safe_preview(v) for v in values[:MAX_NAMED])
    return shown + (f" and {len(values) - MAX_NAMED} more" if len(values) > MAX_NAMED else "")


def from_seed(cands: pd.DataFrame, seed: int, notices: Sequence[str] = ()) -> SetChoice:
    return SetChoice(choose_set(cands, seed), seed, tuple(notices))


def resolve_address(set_values: Sequence[str], sentence_values: Sequence[str], cands: pd.DataFrame, fallback_seed: int) -> SetChoice:
    """The set an address asks for. `?sentences=` (6 to 10 ids of prose sentences) wins over
    `?set=`; anything ignored is named in a notice, and a set that cannot be made falls back to
    the address's valid set number, else `fallback_seed`. Never raises."""
    notices: list[str] = []
    set_values = [v for v in set_values if v is not None]
    seed = None
    if set_values:
        seed = parse_seed(set_values[0])
        if len(set_values) > 1:
            notices.append(f"The address gives more than one set number; {_named(set_values[1:])} ignored.")
    listed = ",".join(v for v in sentence_values if v is not None).strip()
    if listed:
        if set_values:
            notices.append(f"The address gives both a sentence list and a set number; the set number {_named(set_values[:1])} is ignored.")
        if len(listed) > MAX_LISTED_CHARS:
            return from_seed(cands, fallback_seed, [*notices, f"The address's sentence list is too long to read; showing set {fallback_seed} instead."])
        known = {p.casefold(): p for p in cands["passage_id"]}
        ids: list[str] = []
        unknown: list[str] = []
        repeated: list[str] = []
        for raw in filter(None, (part.strip() for part in re.split(r"[,\s]+", listed))):
            pid = known.get(raw.casefold())
            if pid is None:
                unknown.append(raw)
            elif pid in ids:
                repeated.append(raw)
            else:
                ids.append(pid)
        if unknown:
            notices.append(f"Not a prose sentence of the full texts, ignored: {_named(unknown)}.")
        if repeated:
            notices.append(f"Listed twice, the repeat ignored: {_named(repeated)}.")
        if len(ids) > MAX_IDS:
            notices.append(f"A set holds at most {MAX_IDS} sentences; the ones after the {MAX_IDS}th are ignored: {_named(ids[MAX_IDS:])}.")
            ids = ids[:MAX_IDS]
        if len(ids) >= MIN_IDS:
            return SetChoice(tuple(ids), None, tuple(notices))
        instead = seed if seed is not None else fallback_seed
        notices.append(f"A listed set needs {MIN_IDS} to {MAX_IDS} known sentences and the address gives {len(ids)}; "
                       f"showing set {instead} instead.")
        return from_seed(cands, instead, notices)
    if set_values and seed is None:
        notices.append(f"The set number {_named(set_values[:1])} is not a whole number from {SEED_MIN} to {SEED_MAX}; "
                       f"showing set {fallback_seed} instead.")
        return from_seed(cands, fallback_seed, notices)
    return from_seed(cands, seed if seed is not None else fallback_seed, notices)


# --- the reader's answers -----------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """One sentence as a reader coded it; None where a field is not coded yet."""

    principles: tuple[str, ...] | None = None  # () means "refers to no principle"
    tone_police: str | None = None
    frame: str | None = None

    def get(self, field: str):
        return self.principles if field == PRINCIPLE else getattr(self, field)


def none_of_label(n_principles: int) -> str:
    """The explicit "refers to no principle" choice, named so it cannot be read as a blank:
    'None of the four'."""
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    return f"None of the {words.get(n_principles, n_principles)}"


def principle_answer(chosen: Sequence[str] | None) -> tuple[str, ...] | None:
    """The principle pills' value as an answer: nothing chosen is unanswered (None); "None of the
    four" alone is () (an answer: refers to none); with a principle beside it, "None of the four"
    gives way to the principle."""
    chosen = list(chosen or ())
    if not chosen:
        return None
    return tuple(p for p in chosen if p != NO_PRINCIPLE)


def none_beside_principle_note(chosen: Sequence[str] | None, labels: Mapping[str, str]) -> str:
    """What a reader is told when they submitted "None of the four" beside a principle (the
    principle counts: `principle_answer`); "" otherwise. Plain text, to be shown literally."""
    chosen = list(chosen or ())
    if NO_PRINCIPLE in chosen and len(chosen) > 1:
        return f"You submitted “{labels[NO_PRINCIPLE]}” beside a principle: the principle counts."
    return ""


def as_coding(answers: Mapping[str, Answer], ids: Sequence[str]) -> pd.DataFrame:
    """The answers in the second coding's shape (passage_id, principles 'P1;P3', frame,
    tone_police, stance_reform), so `reliability.paired_codes` pairs them as it pairs the second
    coder's. An uncoded field is ''; `compare` leaves those items out."""
    rows = []
    for pid in ids:
        a = answers.get(pid, Answer())
        rows.append({"passage_id": pid, "principles": ";".join(a.principles or ()), "frame": a.frame or "",
                     "tone_police": a.tone_police or "", "stance_reform": ""})
    return pd.DataFrame(rows, columns=["passage_id", "principles", "frame", "tone_police", "stance_reform"])


@dataclass(frozen=True)
class Comparison:
    pairs: pd.DataFrame  # reliability.PAIR_COLUMNS: first = curated, second = the reader; coded items only
    figures: pd.DataFrame  # reliability.figures rows for FIELDS, in FIELDS order
    sentences: pd.DataFrame  # one row per sentence: yours and curated per field, and whether they match
    disagreements: pd.DataFrame  # every item coded differently: both codes, why the curated code, the deciding rule
    coded: Mapping[str, int]  # field -> sentences the reader coded

    def figure(self, field: str) -> reliability.Agreement:
        rows = self.pairs[self.pairs["field"] == field]
        return reliability.agreement(rows["first"], rows["second"])


def _principles_label(refs: Sequence[str] | None, vocab: Vocabulary) -> str:
    if refs is None:
        return "not coded"
    return ", ".join(vocab.principle(p) for p in refs) if refs else none_of_label(len(vocab.principle_ids))


def compare(answers: Mapping[str, Answer], ids: Sequence[str], codes: pd.DataFrame, principles_coded: pd.DataFrame,
            codebook: pd.DataFrame, vocab: Vocabulary) -> Comparison:
    """The reader's answers beside the curated codes: figures per field and every disagreement."""
    ids = list(ids)
    pairs = reliability.paired_codes(codes, principles_coded, as_coding(answers, ids), list(vocab.principle_ids))
    coded = {f: {pid for pid in ids if answers.get(pid, Answer()).get(f) is not None} for f in FIELDS}
    keep = [f in coded and pid in coded[f] for f, pid in zip(pairs["field"], pairs["passage_id"])]
    pairs = pairs[keep].reset_index(drop=True)
    figures = reliability.figures(pairs).set_index("field").loc[list(FIELDS)].reset_index()

    curated = codes.set_index("passage_id")
    # (`.reason`, not a quoted column name: one outlet's id is that word, and tests/test_one_source.py bans typed outlet ids)
    refs = {(p, q): (r, why) for p, q, r, why in zip(principles_coded["passage_id"], principles_coded["principle_id"],
                                                      principles_coded["reference"], principles_coded.reason)}
    found = {pid: tuple(q for q in vocab.principle_ids if (pid, q) in refs) for pid in ids}
    rows = []
    for n, pid in enumerate(ids, 1):
        a = answers.get(pid, Answer())
        row = {"number": n, "passage_id": pid,
               "yours_principle": _principles_label(a.principles, vocab), "curated_principle": _principles_label(found[pid], vocab),
               "same_principle": None if a.principles is None else set(a.principles) == set(found[pid])}
        for f in CODE_FIELDS:
            mine = curated.at[pid, f] if pid in curated.index else ""
            row[f"yours_{f}"] = "not coded" if a.get(f) is None else vocab.code(f, a.get(f))
            row[f"curated_{f}"] = vocab.code(f, mine)
            row[f"same_{f}"] = None if a.get(f) is None else a.get(f) == mine
        rows.append(row)
    sentences = pd.DataFrame(rows)

    rules = {(f, c): r for f, c, r in zip(codebook["field"], codebook["code"], codebook["edge_rule"]) if r}
    rationale = dict(zip(codes["passage_id"], codes["rationale"]))
    out = []
    for r in reliability.disagreements(pairs).itertuples():
        if r.field == PRINCIPLE:
            label = vocab.principle(r.item)
            if r.first == reliability.PRESENT:
                ref, reason = refs[(r.passage_id, r.item)]
                curated_label, yours_label = f"refers to {label} ({vocab.code('reference', ref).lower()})", f"does not refer to {label}"
                why, rule = reason, rules.get(("reference", ref), "")
            else:
                curated_label, yours_label = f"does not refer to {label}", f"refers to {label}"
                why, rule = f"The curated codes find no reference to {label} in this sentence.", rules.get(("reference", THRESHOLD_REFERENCE), "")
        else:
            curated_label, yours_label = vocab.code(r.field, r.first), vocab.code(r.field, r.second)
            why = rationale.get(r.passage_id, "")
            rule = reliability.deciding_rule(r.field, r.first, r.second, rules, vocab.code)
        out.append({"number": ids.index(r.passage_id) + 1, "passage_id": r.passage_id, "field": r.field, "item": r.item,
                    "what": reliability.LABELS[r.field] + (f": {vocab.principle(r.item)}" if r.item else ""),
                    "yours": r.second, "curated": r.first, "yours_label": yours_label, "curated_label": curated_label,
                    "why": why, "rule": rule})
    disagreements = pd.DataFrame(out, columns=["number", "passage_id", "field", "item", "what", "yours", "curated", "yours_label",
                                               "curated_label", "why", "rule"])
    disagreements = disagreements.sort_values(["number", "field"], key=lambda s: s.map({f: i for i, f in enumerate(FIELDS)}) if s.name == "field" else s,
                                              kind="stable").reset_index(drop=True)
    return Comparison(pairs=pairs, figures=figures, sentences=sentences, disagreements=disagreements,
                      coded={f: len(coded[f]) for f in FIELDS})


# One plain sentence beside every kappa a reader sees (the glossary's; tests hold it at grade 8 or below).
KAPPA_MEANING = glossary.TERMS["kappa"]
NOTHING_CODED = ("Nothing to score yet: code at least one sentence (one field is enough), "
                 "then press “Score my codes” again.")
FIELD_WORDS = {PRINCIPLE: "principles", "tone_police": "tone", "frame": "frame"}  # as a reader says them


def nothing_coded(coded: Mapping[str, int]) -> bool:
    """True when the reader answered no field of any sentence: there is no score to show."""
    return not any(coded.values())


def coded_line(coded: Mapping[str, int], n: int) -> str:
    """How many of the `n` sentences the reader coded, field by field, in the order they code
    them: the denominator of every figure ("Sentences coded: principles 6 of 8, tone 8 of 8,
    frame 5 of 8.")."""
    if len(set(coded.values())) == 1:
        k = next(iter(coded.values()))
        return f"{k} of {n} sentences coded in each field."
    return "Sentences coded: " + ", ".join(f"{FIELD_WORDS[f]} {coded[f]} of {n}" for f in FIELDS) + "."


def percent_text(result: reliability.Agreement) -> str:
    return "—" if result.percent is None else f"{result.percent:.1f}%"


def kappa_text(result: reliability.Agreement) -> str:
    return "undefined" if result.kappa is None else f"{result.kappa:.2f}"


def second_coder_line(comparison: Comparison, coder_pairs: pd.DataFrame) -> str:
    """One sentence setting the reader's agreement beside the second coder's on the same fields
    (Sources & method), or '' when the package has no second coding."""
    if coder_pairs.empty:
        return ""
    parts = []
    for f in FIELDS:
        rows = coder_pairs[coder_pairs["field"] == f]
        theirs = reliability.agreement(rows["first"], rows["second"])
        mine = comparison.figure(f)
        if theirs.n and mine.n:  # a field the reader left blank has no figure to set beside theirs
            parts.append(f"{reliability.SHORT_LABELS[f]} {percent_text(mine)} (kappa {kappa_text(mine)}) against "
                         f"{percent_text(theirs)} (kappa {kappa_text(theirs)})")
    if not parts:
        return ""
    return ("You and the independent second coder of Sources & method, each measured against the curated codes: "
            + "; ".join(parts) + ". The second coder coded every prose sentence from the codebook alone.")


def discussion(comparison: Comparison, where: Mapping[str, str], rules: Mapping[tuple[str, str], str]) -> tuple[str, ...]:
    """Two or three prompts for a class, each tied to what this reader's comparison shows."""
    prompts = []
    dis = comparison.disagreements
    if len(dis):
        first = dis.iloc[0]
        prompts.append(f"You and the curated coder differ on {len(dis)} code{'s' if len(dis) != 1 else ''}. Take sentence "
                       f"{first['number']} ({where.get(first['passage_id'], '')}): you said {first['yours_label']}, the curated code is "
                       f"{first['curated_label']}. Read the edge rule under it. Does the rule decide this sentence, or would you word it differently?")
    else:
        prompts.append("You matched every curated code you gave. Which sentence was the closest call, and which edge rule settled it for you?")
    scored = [(f, comparison.figure(f)) for f in FIELDS if comparison.figure(f).n]
    if scored:
        field, low = min(scored, key=lambda fr: fr[1].observed)
        prompts.append(f"Your lowest agreement was on {reliability.LABELS[field].lower()} ({percent_text(low)}). What makes it harder than "
                       "the other fields: sarcasm, slang, or a sentence that does two things at once? Would two classmates agree more "
                       "with each other than with the curated codes?")
    extra = dis[(dis["field"] == PRINCIPLE) & (dis["yours"] == reliability.PRESENT)]
    rule = rules.get(("reference", THRESHOLD_REFERENCE), "")
    if len(extra):
        r = extra.iloc[0]
        prompts.append(f"In sentence {r['number']} you found {r['what'].split(': ', 1)[-1]} where the curated codes find none. "
                       f"The codebook's rule: “{rule}” Does the sentence give the principle's specific content, or only talk about reform in general?")
    elif rule:
        prompts.append(f"The codebook counts a reference to a principle only under this rule: “{rule}” Is that too strict or too loose "
                       "for a reader who wants to know whether an outlet reported the group's ideas?")
    return tuple(prompts[:3])
