"""The sentences behind a chart's mark without a mouse (issue 20, item 8): every chart whose marks
lead to sentences lists its marks in a select box under it (`render.chart`), and choosing a mark
there shows the same sentences as a click on it (a click chooses the mark in that same box)."""

from __future__ import annotations

import pytest

from storyframes.analysis.evidence import mark_choices, sentences_for
from storyframes.app import render
from storyframes.core.data import load_package
from storyframes.views import principles
from storyframes.views.common import default_filters

from .conftest import open_page, text_of


@pytest.fixture(scope="module")
def matrix():
    data = load_package()
    view = principles.build(data, default_filters(data.vocab))
    return view.matrix, view.selection.index


def test_a_click_chooses_the_clicked_mark_in_the_charts_list(matrix, monkeypatch):
    chart, _ = matrix
    choices = mark_choices(chart.evidence, chart.headings)
    for label, key in choices.items():
        state = {chart.key: {"selection": {chart.selection: [dict(zip(chart.fields, key))]}}}
        monkeypatch.setattr(render.st, "session_state", state)
        render._mark_clicked(chart, choices)()  # what the chart's on_select runs after a click
        assert state[render.marks_key(chart)] == label
    state = {chart.key: {"selection": {chart.selection: []}}}  # a click beside the marks clears the choice, as before
    monkeypatch.setattr(render.st, "session_state", state)
    render._mark_clicked(chart, choices)()
    assert state[render.marks_key(chart)] is None


@pytest.mark.parametrize(("outlet", "principle"), [("cbs", "P1"), ("gawker", "P4")])
def test_choosing_a_mark_by_keyboard_shows_its_sentences(matrix, outlet, principle):
    chart, index = matrix
    at = open_page("pages/1_Principles.py")
    box = at.selectbox(key=render.marks_key(chart))
    label = next(label for label, key in mark_choices(chart.evidence, chart.headings).items() if key == (outlet, principle))
    assert label in box.options and box.value is None
    box.select(label).run()
    assert not at.exception
    shown = text_of(at)
    ids = chart.evidence[(outlet, principle)]
    if ids:  # every sentence behind the mark, with its place, under the heading a click shows
        rows = sentences_for(index, ids)
        assert f"**{render.literal(label)}** ({len(rows)} sentence" in shown
        for r in rows.itertuples():
            assert f"{render.literal(r.text)}  \n:gray[{render.literal(r.outlet)} · {render.literal(r.where)}]" in shown
    else:  # an omitted cell: no sentence, said in words
        assert f"{render.literal(label)}: no sentence in this selection stands behind this mark." in shown
