"""What every view starts from: the reader's selection of the data, computed one way."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


from storyframes.analysis import evidence

from storyframes.analysis import measures, reliability
from storyframes.core.data import StoryData
from storyframes.core.filters import Filters
from storyframes.core.vocab import Vocabulary
from storyframes.present import findings


@dataclass(frozen=True)
class Selection:
    """The data narrowed by the filters, once: every section of every view reads from here."""

    data: StoryData
    filters: Filters
    vocab: Vocabulary
    articles: pd.DataFrame  # the chosen full texts, in the reader's outlet order
    passages: pd.DataFrame  # their prose sentences that match the principle filter
    principles: pd.DataFrame  # the chosen principles' rows ("none" has no row)
    index: pd.DataFrame  # every sentence of the package with its outlet and place label

    @property
    def outlet_ids(self) -> list[str]:
        """The chosen outlets with a full text, each once (an outlet may have several articles)."""
        return list(dict.fromkeys(self.articles["outlet_id"]))

    @property
    def outlet_names(self) -> list[str]:
        return [self.vocab.outlet(o) for o in self.outlet_ids]

    @property
    def short_names(self) -> list[str]:
        return [self.vocab.short(o) for o in self.outlet_ids]

    @property
    def passage_ids(self) -> set[str]:
        return set(self.passages["passage_id"])

    def default(self) -> Filters:
        return default_filters(self.vocab)

    def describe(self) -> str:
        v = self.vocab
        return self.filters.describe(self.default(), v.outlet_names, {p: v.principle(p) for p in v.principle_ids})


def left_out(sel: Selection) -> str:
    """The one sentence that names each chosen outlet leaving a chosen principle out ("Left out —
    Gawker: no sentence on P4"), read from the principle matrix (whole articles), so a principle
    filter never hides the contrast: In short, the matrix's caption, the tour and the handouts all
    say this sentence."""
    coverage = measures.principle_matrix(sel.data, sel.outlet_ids, sel.principles["principle_id"])
    return findings.left_out_sentence(measures.omissions(coverage), len(coverage))


def default_filters(vocab: Vocabulary) -> Filters:
    """Everything chosen: every outlet, every principle and the sentences about none."""
    from storyframes.core.vocab import NO_PRINCIPLE

    return Filters(vocab.outlet_ids, (*vocab.principle_ids, NO_PRINCIPLE))


def no_full_text(vocab: Vocabulary) -> str:
    """The empty state's reason when no chosen outlet has a full text, naming the ones that do."""
    names = [vocab.short(o) for o in vocab.full_text_ids]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"none of the selected outlets has a full text (choose {listed})"


def sentence_index(data: StoryData) -> pd.DataFrame:
    """Every sentence of the package with its place label, once per package."""
    return data.memo("sentence_index", lambda d: evidence.sentence_index(d.passages, d.articles))



def coder_pairs(data: StoryData) -> pd.DataFrame:
    """The curated codes beside the second coder's, item by item, once per package."""
    return data.memo("coder_pairs", lambda d: reliability.paired_codes(d.passage_codes, d.passage_principles, d.second_coding,
                                                                        d.principles["principle_id"].tolist()))


def second_codes(sel: Selection, fields: tuple[str, ...]) -> dict[str, str]:
    """passage_id -> what the second coder coded differently there, among `fields` (e.g.
    'tone: Neutral; stance: Sceptical'), for the sentences of the selection."""
    pairs = coder_pairs(sel.data)
    dis = reliability.disagreements(pairs)
    dis = dis[dis["field"].isin(fields) & dis["passage_id"].isin(sel.passage_ids)]
    said: dict[str, list[str]] = {}
    for r in dis.itertuples():
        said.setdefault(r.passage_id, []).append(f"{reliability.SHORT_LABELS[r.field]}: {sel.vocab.code(r.field, r.second)}")
    return {pid: "; ".join(items) for pid, items in said.items()}


def not_frame_coded(sel: Selection) -> list[str]:
    """The chosen outlets with no frame-coded article (`StoryData.frame_coded_articles`): an article
    a reader added and the machine coded. Their frames and tone are "not coded", never zero."""
    ids = set(sel.articles.loc[sel.articles["article_id"].isin(sel.data.frame_coded_articles), "outlet_id"])
    return [o for o in sel.outlet_ids if o not in ids]


def not_coded_note(sel: Selection, what: str) -> str:
    """'Not coded: X (auto-coded). Frames are coded by hand only; …' or "" when every outlet is coded."""
    missing = not_frame_coded(sel)
    if not missing:
        return ""
    names = ", ".join(sel.vocab.outlet(o) for o in missing)
    return (f"{what} not coded for {names}: {what.lower()} are coded by hand only, and an article added here is coded by "
            "machine (principles, people, terms, VADER). It is left out of this chart: not coded, not zero.")


def select(data: StoryData, filters: Filters) -> Selection:
    articles = filters.articles(data.articles)
    return Selection(
        data=data, filters=filters, vocab=data.vocab, articles=articles,
        passages=filters.passages(data.passages, articles, data.passage_principles),
        principles=filters.principle_rows(data.principles),
        index=sentence_index(data),
    )

