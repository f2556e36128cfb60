"""The Sources & method page: the codebook, how far two coders agree, every source, the limits,
and "download what I see"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from storyframes.present import export

from storyframes.analysis import reliability
from storyframes.autocode import accuracy
from storyframes.core.data import StoryData
from storyframes.present import prompts as _prompts
from storyframes.present.handout import to_html as _handout_html
from storyframes.present.handout import SOURCE_COLUMNS, Handout
from storyframes.core.filters import Filters
from storyframes.views import Lazy, Scope
from storyframes.analysis.reliability import deciding_rule as _deciding_rule
from storyframes.views.common import Selection, coder_pairs, select

CONTEXT_SENTENCES = 1  # sentences shown before and after a disputed one

# The agreement table's columns, as the reader sees them.
AGREEMENT_COLUMNS = {"label": "Coded", "compared": "Compared", "agreed": "Coded alike", "percent_text": "Agreement",
                     "kappa_text": "Cohen's kappa", "meaning": "What it means"}
DISAGREEMENT_COLUMNS = {"where_label": "Sentence", "what": "Coded", "first_label": "Curated", "second_label": "Second coder",
                        "note": "Second coder's note", "rule": "Deciding edge rule"}


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
    agreement: pd.DataFrame  # one row per coded field: compared, agreed, per cent, kappa, meaning (AGREEMENT_COLUMNS)
    n_second_coded: int  # sentences the second coder coded
    disagreements: pd.DataFrame  # the selection's disputed items, both codes, note and rules (DISAGREEMENT_COLUMNS and more)
    n_disagreements: int  # in the whole coding, whatever the filters
    disagreement_scope: str
    contexts: Mapping[str, pd.DataFrame]  # passage_id -> the sentences around it (`focus` marks it), built when asked for
    reliability_summary: str  # the limits' one line on the coding's reliability, from the figures
    autocode_accuracy: pd.DataFrame  # the automatic coding against the hand codes (accuracy.DISPLAY_COLUMNS)
    autocode_summary: str  # its overall figures in words, in-sample and out-of-sample
    autocode_samples: pd.DataFrame  # in-sample and out-of-sample side by side, with sentences (accuracy.SAMPLE_COLUMNS)


def agreement_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """The agreement figures, worded for a reader (numbers from reliability.figures)."""
    fig = reliability.figures(pairs)
    return fig.assign(
        label=fig["field"].map(reliability.LABELS),
        compared=[f"{n} {reliability.UNITS[f]}" for f, n in zip(fig["field"], fig["n"])],
        percent_text=fig["percent"].map(lambda p: "—" if pd.isna(p) else f"{p:.1f}%"),
        kappa_text=fig["kappa"].map(lambda k: "undefined" if pd.isna(k) else f"{k:.2f}"),
    )


def reliability_summary(agreement: pd.DataFrame, n_sentences: int) -> str:
    """One sentence for the limits: what the second coding measured, field by field."""
    if n_sentences == 0:
        return "The codes are one coder's reading: this package has no second coding to measure agreement against."
    parts = [f"{r.label.lower()} {r.percent_text} (kappa {r.kappa_text})" for r in agreement.itertuples()]
    return (f"An independent second coding of the {n_sentences} prose sentences agrees with the curated codes on "
            + ", ".join(parts[:-1]) + f" and {parts[-1]}. The headline codes and the other tables were coded once.")


def _rules(book: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {(f, c): r for f, c, r in zip(book["field"], book["code"], book["edge_rule"]) if r}


def disagreement_table(data: StoryData, pairs: pd.DataFrame, index: pd.DataFrame) -> pd.DataFrame:
    """Every disputed item with both codes (labels), the second coder's note, the deciding edge
    rule and both codes' rules, the sentence and where it is; in field then reading order."""
    v = data.vocab
    rules = _rules(data.codebook)
    notes = dict(zip(data.second_coding["passage_id"], data.second_coding["note"]))
    curated_refs = {(p, q): r for p, q, r in data.passage_principles[["passage_id", "principle_id", "reference"]].itertuples(index=False)}
    second_refs = {(p, q): r for p, cell in zip(data.second_coding["passage_id"], data.second_coding["principles"])
                   for q, r in reliability.parse_principles(cell).items()}
    rows = []
    for r in reliability.disagreements(pairs).itertuples():
        if r.field == reliability.PRINCIPLE:
            # present/absent: the rule is the reference code's (quoted or paraphrased) of whoever found the principle
            ref = curated_refs.get((r.passage_id, r.item)) or second_refs.get((r.passage_id, r.item), "")
            first_label, second_label = (f"{v.code('reference', ref)}" if r.first == reliability.PRESENT else "not referred to",
                                         f"{v.code('reference', ref)}" if r.second == reliability.PRESENT else "not referred to")
            rule = rules.get(("reference", ref), "")
            first_rule, second_rule = (rule if r.first == reliability.PRESENT else ""), (rule if r.second == reliability.PRESENT else "")
        else:
            field = r.field
            first_label, second_label = v.code(field, r.first), v.code(field, r.second)
            rule = _deciding_rule(field, r.first, r.second, rules, v.code)
            first_rule, second_rule = rules.get((field, r.first), ""), rules.get((field, r.second), "")
        what = reliability.LABELS[r.field] + (f": {v.principle(r.item)}" if r.item else "")
        rows.append({"passage_id": r.passage_id, "field": r.field, "item": r.item, "what": what, "first": r.first, "second": r.second,
                     "first_label": first_label, "second_label": second_label, "note": notes.get(r.passage_id, ""), "rule": rule,
                     "first_rule": first_rule, "second_rule": second_rule})
    frame = pd.DataFrame(rows, columns=["passage_id", "field", "item", "what", "first", "second", "first_label", "second_label", "note",
                                        "rule", "first_rule", "second_rule"])
    placed = index.reindex(frame["passage_id"])
    return frame.assign(key=frame["passage_id"] + "/" + frame["field"] + "/" + frame["item"],  # stable across filters
                        outlet=placed["outlet"].fillna("").to_numpy(), where=placed["where"].fillna("").to_numpy(),
                        text=placed["text"].fillna("").to_numpy(),
                        where_label=[f"{v.short(o) if o else ''} · {w}" for o, w in zip(placed["outlet_id"].fillna(""), placed["where"].fillna(""))])


def context(index: pd.DataFrame, passage_id: str, around: int = CONTEXT_SENTENCES) -> pd.DataFrame:
    """The sentence with `around` sentences of its article before and after, in reading order;
    `focus` marks it."""
    if passage_id not in index.index:
        return index.iloc[0:0].assign(focus=pd.Series(dtype=bool))
    article = index.loc[passage_id, "article_id"]
    mine = index[index["article_id"] == article].reset_index(drop=True)
    at = int(mine.index[mine["passage_id"] == passage_id][0])
    part = mine.iloc[max(0, at - around): at + around + 1]
    return part.assign(focus=part["passage_id"] == passage_id).reset_index(drop=True)


def build(data: StoryData, filters: Filters) -> SourcesView:
    sel = select(data, filters)
    book = data.codebook
    fields = tuple(book["field"].drop_duplicates())
    downloads = export.filtered_tables(data, filters)
    pairs = coder_pairs(data)
    every = data.memo("disagreement_table", lambda d: disagreement_table(d, pairs, sel.index))
    mine = every[every["passage_id"].isin(sel.passage_ids)].reset_index(drop=True)
    return SourcesView(
        selection=sel, describe=sel.describe(), fields=fields,
        codebook={f: book[book["field"] == f].reset_index(drop=True) for f in fields},
        sources=data.memo("sources", export.sources_table),
        downloads=downloads, csv={name: export.csv_bytes(frame) for name, frame in downloads.items()},
        file_names={name: export.csv_file_name(name) for name in downloads},
        n_full_texts=len(data.articles), n_headline_only=int((data.coverage["article_id"] == "").sum()),
        version=str(data.descriptor.get("version", "")),
        scope=Scope(outlets=False, principles=False, why="The codebook, the figures, the limits and the sources cover "
                    "all the data. The disagreements and the downloads below do use both filters.").note,
        agreement=data.memo("agreement_table", lambda d: agreement_table(pairs)),
        n_second_coded=len(data.second_coding),
        disagreements=mine, n_disagreements=len(every),
        disagreement_scope=f"{len(mine)} of the {len(every)} disagreements are in the sentences the filters select.",
        reliability_summary=data.memo("reliability_summary", lambda d: reliability_summary(agreement_table(pairs), len(d.second_coding))),
        contexts=Lazy(dict.fromkeys(mine["passage_id"]), lambda pid: context(sel.index, pid)),
        autocode_accuracy=data.memo("autocode_accuracy", lambda d: accuracy.display_table(accuracy.stored(d), d)),
        autocode_summary=data.memo("autocode_summary", lambda d: accuracy.summary(accuracy.stored(d))),
        autocode_samples=data.memo("autocode_samples", lambda d: accuracy.samples_table(accuracy.stored(d))),
    )


# What Cohen's kappa means, said under the agreement table on the page and in the handout.
AGREEMENT_NOTE = (
    "Agreement: the share of items both coders coded alike. Cohen's kappa takes out the agreement two coders would reach by chance, "
    "from how often each used each code. 1 is perfect agreement; 0 is no better than chance. Content analysts usually ask for 0.8 "
    "before relying on a code, and accept 0.667 to 0.8 for tentative conclusions only (Krippendorff 2004). Kappa is undefined when "
    "both coders used one code throughout. Computed from the two files each time the data loads."
)


def limits(view: SourcesView) -> tuple[tuple[str, str], ...]:
    """The limits of the coding: each a short title and the plain text after it (the page shows
    them as a list, the handout prints them). The first carries the second coding's figures."""
    return (
        ("Two coders, not a panel.", f" {view.reliability_summary} Treat the codes as one argued reading, which the rationale "
                                     "column lets you check. The disagreements show the close calls."),
        ("One primary frame per sentence.", " Many sentences carry two frames; the codebook's edge rules say which wins."),
        ("Few full texts.", " The other outlets are compared by headline only; a headline is not the story."),
        ("Members.", " We could not get the full list of about 130 names offline. The members table holds those "
                     "that sources tie to the group, with evidence and date. Map places that were inferred (a county seat, "
                     "an office) are marked."),
        ("Machine tone scores", " (VADER) sit beside the hand codes only to show where a word list gets sarcasm wrong."),
    )


HANDOUT_TITLE = "Sources & method: how reliable are the codes?"


def handout(view: SourcesView, address: str = "") -> Handout:
    """The page as a printable handout for a class discussing the method: how far two coders
    agree (per cent and kappa, field by field, and what kappa means), the disagreements in the
    selected sentences (each with both codes), the limits of the coding, the chosen full texts as
    sources and the address of this view."""
    agreement = view.agreement[list(AGREEMENT_COLUMNS)].rename(columns=AGREEMENT_COLUMNS)
    dis = view.disagreements
    sentences = pd.DataFrame({"outlet": dis["outlet"], "where": dis["where"], "text": dis["text"],
                              "note": [f"{w}: curated “{a}”, second coder “{b}”" for w, a, b in zip(dis["what"], dis["first_label"], dis["second_label"])]})
    sel = view.selection
    sources = sel.articles[list(SOURCE_COLUMNS)].rename(columns=SOURCE_COLUMNS).reset_index(drop=True)
    return Handout(HANDOUT_TITLE, view.describe, agreement, sentences.reset_index(drop=True), sources, address,
                   lead=(AGREEMENT_NOTE,), numbers_heading=f"How far two coders agree ({view.n_second_coded} sentences coded twice)",
                   sentences_heading=f"Every disagreement, for discussion: {view.disagreement_scope}",
                   notes_heading="Limits of the coding", notes=tuple(title + rest for title, rest in limits(view)),
                   sentences_shown=6)  # each with both codes, then the limits: what fits on two pages


def discussion(view) -> tuple[str, ...]:
    """The page's prompts for a class discussion, from this View (`present.prompts`)."""
    return _prompts.sources(view)


def handout_html(view, address: str = "") -> bytes:
    """The printable handout of this View, with the page's address and its QR code, as HTML."""
    return _handout_html(handout(view, address)).encode("utf-8")


SAMPLE_COLUMNS = accuracy.SAMPLE_COLUMNS  # in-sample and out-of-sample, as the page labels them
ACCURACY_COLUMNS = accuracy.DISPLAY_COLUMNS  # the auto-coding accuracy table's columns, as the page labels them
