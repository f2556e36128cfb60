"""The Code it yourself page: the sentences a set may hold, what each code means (definition and
one example from the codebook), and the second coder's agreement to set a class's beside. Which
sentences a reader codes (their set) and what they answer are the reader's own: the page keeps
them in the session and compares with `storyframes.classroom.coding_exercise`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from storyframes.classroom import coding_exercise as ce
from storyframes.core.data import StoryData
from storyframes.core.filters import Filters
from storyframes.views import Scope, frozen
from storyframes.views.common import coder_pairs, sentence_index

OPTION_COLUMNS = ["code", "label", "definition", "example_passage_id", "example_text", "edge_rule"]


@dataclass(frozen=True)
class CodeItView:
    candidates: pd.DataFrame  # coding_exercise.CANDIDATE_COLUMNS: the sentences a set may hold
    where: Mapping[str, str]  # passage_id -> "Gawker · ¶2 · sentence 5 of 15"
    options: Mapping[str, pd.DataFrame]  # field -> its codes with definition, example and edge rule (OPTION_COLUMNS)
    rules: Mapping[tuple[str, str], str]  # (field, code) -> the codebook's edge rule
    codes: pd.DataFrame  # the curated codes (passage_codes)
    principles_coded: pd.DataFrame  # the curated principle references (passage_principles)
    coder_pairs: pd.DataFrame  # the curated codes beside the second coder's (for the comparison line)
    scope: str


def principle_options(data: StoryData) -> pd.DataFrame:
    """The principle field's choices in the codebook's shape: each principle with its heading and
    the Statement's wording as the definition, and the first sentence that refers to it as the
    example; then 'No principle'."""
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
    rows.append({"code": ce.NO_PRINCIPLE, "label": v.principle(ce.NO_PRINCIPLE),
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
        rules=frozen({(f, c): r for f, c, r in zip(book["field"], book["code"], book["edge_rule"]) if r}),
        codes=data.passage_codes, principles_coded=data.passage_principles, coder_pairs=coder_pairs(data),
        scope=Scope(outlets=False, principles=False,
                    why="a set is chosen by its number, so a class opening one link codes the same sentences from all the full texts.").note,
    )


def build(data: StoryData, filters: Filters) -> CodeItView:
    """One view for every filter choice: the exercise does not follow the filters (see `scope`)."""
    return data.memo("code_it_view", _build)
