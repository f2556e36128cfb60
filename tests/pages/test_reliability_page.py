"""Reliability a reader can check: Sources & method shows the five agreement figures and every
disagreement (each opening onto its sentence in context), the limits say what was measured, and
the frame and tone charts mark the disputed sentences when a reader asks."""

from __future__ import annotations

import pytest

from storyframes.analysis import reliability as rel
from storyframes.core.data import load_package
from storyframes.views import compare, sources
from storyframes.views.common import coder_pairs
from tests.pages.conftest import assert_clean, open_page, plain_text

SOURCES = "pages/5_Sources_and_method.py"


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def at():
    return open_page(SOURCES)


def agreement_frame(at):
    return next(df.value for df in at.dataframe if "Cohen's kappa" in list(df.value.columns) or "kappa_text" in df.value.columns)


def test_the_five_figures_are_shown_as_computed(at, data):
    assert_clean(at)
    table = agreement_frame(at)
    figures = rel.figures(coder_pairs(data))
    assert len(table) == 5 == len(figures)
    assert table["label"].tolist() == [rel.LABELS[f] for f in rel.FIELDS]
    for shown, fig in zip(table.itertuples(), figures.itertuples()):
        assert shown.percent_text == f"{fig.percent:.1f}%"
        assert shown.kappa_text == f"{fig.kappa:.2f}"
        assert shown.compared.startswith(f"{fig.n} ")
        assert shown.meaning == fig.meaning
    # the real files: 50 sentences coded twice, every field at or above the usual 0.8 bar
    assert figures["n"].tolist()[:4] == [50, 50, 50, 200]
    assert (figures["kappa"] >= rel.RELIABLE).all()


def test_the_limits_say_what_was_measured_not_one_coder(at):
    text = plain_text(at)
    assert "One coder." not in text and "no agreement score" not in text
    assert "An independent second coding of the 50 prose sentences agrees with the curated codes on frame 86.0% (kappa 0.81)" in text


def test_every_disagreement_is_listed_with_both_codes_note_and_rule(at, data):
    pairs = coder_pairs(data)
    expected = rel.disagreements(pairs)
    table = next(df.value for df in at.dataframe if "second_label" in df.value.columns)
    assert len(table) == len(expected) == 11
    assert list(table.columns) == list(sources.DISAGREEMENT_COLUMNS)
    notes = dict(zip(data.second_coding["passage_id"], data.second_coding["note"]))
    view = sources.build(data, open_filters(data))
    for row, want in zip(view.disagreements.itertuples(), expected.itertuples()):
        assert (row.passage_id, row.field, row.first, row.second) == (want.passage_id, want.field, want.first, want.second)
        assert row.note == notes[row.passage_id]
        assert row.rule  # every disagreement has the codebook's rule that decides it
    assert "11 of the 11 disagreements" in plain_text(at)


def open_filters(data):
    from storyframes.views.common import default_filters

    return default_filters(data.vocab)


def test_each_disagreement_opens_onto_its_sentence_in_context(data):
    at = open_page(SOURCES)
    box = at.selectbox(key="disputed_sentence")
    assert len(box.options) == 11
    view = sources.build(data, open_filters(data))
    row = view.disagreements[view.disagreements["passage_id"] == "gawker-06"].iloc[0]
    box.set_value(row["key"]).run()
    assert_clean(at)
    shown = [m.value for m in at.markdown]
    sentence = data.passages.set_index("passage_id").loc["gawker-06", "text"]
    focus = [m for m in shown if m.startswith("**") and "Gawker" in m]
    assert len(focus) == 1 and plain(focus[0]).startswith(f"**{sentence}**")
    # the sentences around it are there too, in reading order
    context = view.contexts["gawker-06"]
    assert context["focus"].sum() == 1 and len(context) == 2 * sources.CONTEXT_SENTENCES + 1
    assert f"**Curated code (shown in the app):** {row['first_label']}" in shown
    assert f"**Second coder:** {row['second_label']}" in shown


def plain(markdown: str) -> str:
    import re

    return re.sub(r"\\(.)", r"\1", markdown)


def test_the_disagreements_follow_the_outlet_filter():
    at = open_page(SOURCES, outlet="gawker")
    assert_clean(at)
    table = next(df.value for df in at.dataframe if "second_label" in df.value.columns)
    assert len(table) == 2 and table["where_label"].str.startswith("Gawker").all()
    assert "2 of the 11 disagreements" in plain_text(at)
    assert len(agreement_frame(at)) == 5  # the figures describe the whole coding, whatever the filter


def test_no_disagreement_in_the_selection_says_so():
    at = open_page(SOURCES, outlet="gawker", principle="P1")
    assert_clean(at)
    assert not any("second_label" in df.value.columns for df in at.dataframe)
    assert any("No disagreement in the sentences the filters select" in i.value for i in at.info)


def chart_specs(at) -> list[dict]:
    import json

    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def rows_of(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_the_charts_mark_the_disputed_sentences_on_request(data):
    """Compare outlets: off by default; switched on, the frame chart veils the bars' disputed part
    (the 7 sentences framed differently) and the tone chart rings the 3 with another tone."""
    import json

    from storyframes.present import charts

    pairs = rel.disagreements(coder_pairs(data))
    n_frame = int((pairs["field"] == "frame").sum())
    toned = set(data.passage_codes.loc[data.passage_codes["tone_police"] != "not_applicable", "passage_id"])
    n_tone = len(set(pairs.loc[pairs["field"].isin(["tone_police", "stance_reform"]), "passage_id"]) & toned)
    at = open_page("pages/3_Compare_outlets.py")
    assert_clean(at)
    assert not any("disputed" in json.dumps(spec) for spec in chart_specs(at))
    at.toggle(key="show_disputes").set_value(True).run()
    assert_clean(at)
    specs = [json.dumps(spec) for spec in chart_specs(at)]
    assert any("datum.n_disputed > 0" in s for s in specs) and any("datum.disputed != ''" in s for s in specs)
    # what the marks stand on (Streamlit sends a chart's rows apart from its spec: read them from the view)
    view = compare.build(data, open_filters(data))
    assert sum(r["n_disputed"] for r in rows_of(view.frames.disputes.get().spec)) == n_frame == 7
    assert len({r["passage_id"] for r in rows_of(view.tone.disputes.get().spec) if r["disputed"]}) == n_tone == 3
    subtitles = [" ".join(spec.get("title", {}).get("subtitle", [])) for spec in chart_specs(at)]
    assert any(charts.DISPUTE_NOTE["frame"] in s for s in subtitles) and any(charts.DISPUTE_NOTE["tone"] in s for s in subtitles)
    # the switch is kept for the session: the Framing page's frame chart is marked too
    at.switch_page("pages/4_Framing_analysis.py")
    at.query_params["section"] = "Frames"
    at.run()
    assert_clean(at)
    assert at.toggle(key="show_disputes").value is True
    assert any("datum.n_disputed > 0" in json.dumps(s) for s in chart_specs(at))


def test_the_auto_coding_figures_are_shown_in_sample_and_out_of_sample(at, data):
    """Issue 21: the machine's figures on the curated articles and on texts never used to tune it,
    labelled, with the sentences behind each, as the package stores them."""
    from storyframes.autocode import accuracy

    assert_clean(at)
    figures = accuracy.stored(data)
    text = plain_text(at)
    assert accuracy.summary(figures) in text and "Out of sample" in text
    shown = next(df.value for df in at.dataframe if list(df.value.columns) == list(sources.SAMPLE_COLUMNS))
    assert shown.equals(accuracy.samples_table(figures))
    assert set(shown["sample"]) >= {accuracy.SAMPLE_LABELS["in-sample"], accuracy.SAMPLE_LABELS["untouched half"]}
