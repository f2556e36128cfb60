"""The Code it yourself page: the sentences a set may hold, what each code means (definition and
one example from the codebook), and the second coder's agreement to set a class's beside. Which
sentences a reader codes (their set) and what they answer are the reader's own: the page keeps
them in the session and compares with `storyframes.classroom.coding_exercise`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from storyframes.analysis import reliability
from storyframes.classroom import coding_exercise as ce
from storyframes.classroom.coding_exercise import (  # noqa: F401 - the page's
    KAPPA_MEANING, NOTHING_CODED, Answer, coded_line, compare, discussion, none_beside_principle_note, nothing_coded, principle_answer,
    second_coder_line)
from storyframes.core.data import StoryData
from storyframes.core.filters import Filters
from storyframes.views import Scope, frozen
from storyframes.views.common import coder_pairs, sentence_index
from storyframes.views.sources import AGREEMENT_COLUMNS, agreement_table

OPTION_COLUMNS = ["code", "label", "definition", "example_passage_id", "example_text", "edge_rule"]


@dataclass(frozen=True)
class CodeItView:
    candidates: pd.DataFrame  # coding_exercise.CANDIDATE_COLUMNS: the sentences a set may hold
    where: Mapping[str, str]  # passage_id -> "Gawker · ¶2 · sentence 5 of 15"
    options: Mapping[str, pd.DataFrame]  # field -> its codes with definition, example and edge rule (OPTION_COLUMNS)
    principle_labels: Mapping[str, str]  # the principle field's choices: each principle, then "None of the four"
    rules: Mapping[tuple[str, str], str]  # (field, code) -> the codebook's edge rule
    codes: pd.DataFrame  # the curated codes (passage_codes)
    principles_coded: pd.DataFrame  # the curated principle references (passage_principles)
    coder_pairs: pd.DataFrame  # the curated codes beside the second coder's (for the comparison line)
    scope: str


def principle_options(data: StoryData) -> pd.DataFrame:
    """The principle field's choices in the codebook's shape: each principle with its heading and
    the Statement's wording as the definition, and the first sentence that refers to it as the
    example; then 'None of the four', an answer of its own (a blank is no answer)."""
    v = data.vocab
    index = sentence_index(data)
    refs = data.passage_principles
    rules = {c: r for f, c, r in zip(data.codebook["field"], data.codebook["code"], data.codebook["edge_rule"]) if f == "reference"}
    rows = []
    for pid, heading, wording in data.principles[["principle_id", "heading", "launch_wording"]].itertuples(index=False):
        found = refs[refs["principle_id"] == pid]
        example = next((p for p in found["passage_id"] if p in index.index), "")
        reference = found.set_index("passage_id")["reference"].get(example, "") if example else ""
        rows.append({"code": pid, "label": v.principle(pid), "definition": f"{heading}. The Statement: “{wording}”",
                     "example_passage_id": example, "example_text": index.at[example, "text"] if example else "",
                     "edge_rule": rules.get(reference, "")})
    rows.append({"code": ce.NO_PRINCIPLE, "label": ce.none_of_label(len(v.principle_ids)),
                 "definition": "The sentence neither quotes the Statement's wording for a principle nor gives a principle's specific content "
                               "in its own words.",
                 "example_passage_id": "", "example_text": "", "edge_rule": rules.get(ce.THRESHOLD_REFERENCE, "")})
    return pd.DataFrame(rows, columns=OPTION_COLUMNS)


def code_options(data: StoryData, field: str) -> pd.DataFrame:
    book = data.codebook
    return book[book["field"] == field][OPTION_COLUMNS].reset_index(drop=True)


def _build(data: StoryData) -> CodeItView:
    index = sentence_index(data)
    cands = ce.candidates(index, data.passage_principles)
    v = data.vocab
    book = data.codebook
    return CodeItView(
        candidates=cands,
        where=frozen({p: f"{v.short(o)} · {w}" for p, o, w in zip(cands["passage_id"], cands["outlet_id"], cands["where"])}),
        options=frozen({ce.PRINCIPLE: principle_options(data), **{f: code_options(data, f) for f in ce.CODE_FIELDS}}),
        principle_labels=frozen({**{p: v.filter_label(p) for p in v.principle_ids}, ce.NO_PRINCIPLE: ce.none_of_label(len(v.principle_ids))}),
        rules=frozen({(f, c): r for f, c, r in zip(book["field"], book["code"], book["edge_rule"]) if r}),
        codes=data.passage_codes, principles_coded=data.passage_principles, coder_pairs=coder_pairs(data),
        scope=Scope(outlets=False, principles=False,
                    why="A set is chosen by its number. So a class that opens one link codes the same sentences, from all the full texts.").note,
    )


def build(data: StoryData, filters: Filters) -> CodeItView:
    """One view for every filter choice: the exercise does not follow the filters (see `scope`)."""
    return data.memo("code_it_view", _build)


FIELDS, PRINCIPLE, NO_PRINCIPLE = ce.FIELDS, ce.PRINCIPLE, ce.NO_PRINCIPLE
FIELD_NAMES = {ce.PRINCIPLE: "principle", "tone_police": "tone", "frame": "frame"}  # short names, in widget keys and notes
FIELD_LABELS = {f: "Principles" if f == ce.PRINCIPLE else reliability.LABELS[f] for f in ce.FIELDS}
FIGURE_COLUMNS = ["label", "percent_text", "kappa_text", "meaning", "alike"]
FIGURE_LABELS = {**{c: AGREEMENT_COLUMNS[c] for c in FIGURE_COLUMNS[:-1]}, "alike": AGREEMENT_COLUMNS["agreed"]}
NOT_SCORED = "Not scored: you coded no sentence's"
SENTENCE_LABELS = {"number": "#", "where": "Sentence", f"{ce.PRINCIPLE}_cell": "Principles", "tone_police_cell": "Tone",
                   "frame_cell": "Frame"}


def figures(result: ce.Comparison) -> pd.DataFrame:
    """The reader's agreement with the curated codes, one row per field in the order they code
    them: per cent and kappa over the sentences they coded (`ce.coded_line` says how many, above
    the table), what it means, and how many alike (the figures first, so a phone shows them
    without scrolling the table sideways). A field coded for no sentence is not scored."""
    table = agreement_table(result.pairs)
    table = table[table["field"].isin(ce.FIELDS)].set_index("field").loc[list(ce.FIELDS)].reset_index()
    blank = table["n"] == 0
    table = table.assign(
        alike=[f"{a} of {n} {reliability.UNITS[f]}" for a, n, f in zip(table["agreed"], table["n"], table["field"])],
        percent_text=table["percent_text"].where(~blank, "—"), kappa_text=table["kappa_text"].where(~blank, "—"),
        meaning=table["meaning"].where(~blank, [f"{NOT_SCORED} {ce.FIELD_WORDS[f]}" for f in table["field"]]),
    )
    table.loc[blank, "alike"] = "—"
    return table[FIGURE_COLUMNS]


def sentence_overview(result: ce.Comparison, where: Mapping[str, str]) -> pd.DataFrame:
    """Sentence by sentence: "✓ code" where the reader gave the curated code, else both codes."""
    rows = result.sentences
    cells = {f"{f}_cell": [f"✓ {c}" if same else (y if same is None else f"you: {y} · curated: {c}")
                           for y, c, same in zip(rows[f"yours_{f}"], rows[f"curated_{f}"], rows[f"same_{f}"])]
             for f in ce.FIELDS}
    return rows.assign(where=rows["passage_id"].map(where), **cells)[list(SENTENCE_LABELS)]

