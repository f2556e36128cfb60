"""The Principles page: the Statement's four priorities, who reported which, and the sentences."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from storyframes.present import charts

from storyframes.present import findings

from storyframes.core import palette
from storyframes.analysis import measures
from storyframes.core.data import StoryData
from storyframes.present import prompts as _prompts
from storyframes.present.handout import to_html as _handout_html
from storyframes.analysis.evidence import ids_by, sentences_for  # noqa: F401 - sentences_for: what the page draws with
from storyframes.core.filters import Filters
from storyframes.present.handout import Handout
from storyframes.present.handout import for_selection as handout_for
from storyframes.core.urls import link_address
from storyframes.views import Chart, Scope, frozen
from storyframes.views.common import Selection, left_out, no_full_text, select


@dataclass(frozen=True)
class PrincipleCard:
    principle_id: str
    label: str
    heading: str
    wording: str
    source_url: str  # the source's address as `link_address` gives it (encoded), or "" when it may not be linked
    source_note: str


@dataclass(frozen=True)
class PrinciplesView:
    selection: Selection
    cards: tuple[PrincipleCard, ...]
    coverage: pd.DataFrame  # one row per chosen outlet × chosen principle
    matrix: Chart | None
    # principle id -> outlet id -> the outlet's prose sentences about it (reading order)
    side_by_side: dict[str, dict[str, tuple[str, ...]]]
    captions: dict[str, str]
    scope_note: str
    empty_reason: str
    left_out: str = ""  # each chosen outlet that leaves a chosen principle out, by name (common.left_out): the matrix's caption


def principle_cards(sel: Selection) -> tuple[PrincipleCard, ...]:
    return tuple(PrincipleCard(r.principle_id, sel.vocab.principle(r.principle_id), r.heading, r.launch_wording,
                               link_address(r.wording_source_url) or "", r.wording_source_note) for r in sel.principles.itertuples())


def build(data: StoryData, filters: Filters) -> PrinciplesView:
    sel = select(data, filters)
    coverage = measures.principle_matrix(sel.data, sel.outlet_ids, sel.principles["principle_id"])
    matrix = None
    if not coverage.empty:
        chart = charts.principle_matrix_chart(coverage, sel.short_names, findings.matrix_title(coverage),
                                              charts.scale_of(palette.STATUS))
        matrix = Chart("principle_matrix", charts.spec(chart), findings.matrix_alt_text(coverage), findings.matrix_table(coverage),
                       "cell", ("outlet_id", "principle_id"), frozen(ids_by(coverage, ["outlet_id", "principle_id"])),
                       frozen({(r.outlet_id, r.principle_id): f"{r.outlet} on {r.principle_label}" for r in coverage.itertuples()}))
    side = {pid: {r.outlet_id: tuple(p for p in r.passage_ids.split(", ") if p) for r in coverage[coverage["principle_id"] == pid].itertuples()}
            for pid in sel.principles["principle_id"]}
    captions = {pid: findings.side_by_side_caption(coverage, pid) for pid in sel.principles["principle_id"]}
    scope = Scope(principles=True, outlets=True)
    return PrinciplesView(sel, principle_cards(sel), coverage, matrix, side, captions,
                          scope.note or "Only the full texts are read sentence by sentence; 'No principle' has no Statement wording, so it has no row.",
                          "" if len(sel.articles) else no_full_text(data.vocab), left_out(sel))


HANDOUT_TITLE = "Who reported which principle"


def handout(view: PrinciplesView, address: str = "") -> Handout:
    """The page as a printable handout: who leaves which chosen principle out (the matrix's
    caption), each chosen outlet against each chosen principle (quoted, paraphrased or omitted,
    with its sentences), the sentences in turn from each outlet, the
    sources and the address of this view."""
    sel = view.selection
    cov = view.coverage
    if cov.empty:
        numbers = pd.DataFrame()
    else:
        cells = cov.assign(cell=[f"{s} ({n})" if n else s for s, n in zip(cov["status"], cov["n_sentences"])])
        numbers = (cells.pivot(index="outlet", columns="principle_label", values="cell")
                   .reindex(index=sel.outlet_names).reset_index().rename(columns={"outlet": "Outlet"}))
        numbers.columns.name = None
    ids = [p for pid in view.side_by_side for o in sel.outlet_ids for p in view.side_by_side[pid].get(o, ())]
    made = handout_for(HANDOUT_TITLE, sel, numbers, ids, address)
    return replace(made, lead=(view.left_out,)) if view.left_out else made


def discussion(view) -> tuple[str, ...]:
    """The page's prompts for a class discussion, from this View (`present.prompts`)."""
    return _prompts.principles(view)


def handout_html(view, address: str = "") -> bytes:
    """The printable handout of this View, with the page's address and its QR code, as HTML."""
    return _handout_html(handout(view, address)).encode("utf-8")
