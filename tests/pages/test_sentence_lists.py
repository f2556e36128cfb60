"""A list of sentences stays readable, and quick, however large the corpus: the first
render.SENTENCES_SHOWN are shown as text, all of them in one table below."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _app(n: int) -> None:
    import pandas as pd

    from storyframes.app import render

    rows = pd.DataFrame({"passage_id": [f"a-{i:02d}" for i in range(n)], "outlet": "Outlet *A*",
                         "where": [f"sentence {i + 1} of {n}" for i in range(n)], "text": [f"Sentence **{i + 1}**." for i in range(n)]})
    render.sentences(rows, "Heading")


def _run(n: int) -> AppTest:
    at = AppTest.from_function(_app, args=(n,), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_a_short_list_is_shown_whole_without_a_table():
    at = _run(3)
    shown = [m.value for m in at.markdown if "Sentence" in m.value]
    assert len(shown) == 3 and not at.dataframe and not at.expander
    assert "(3 sentences)" in at.markdown[0].value


def test_a_long_list_shows_the_first_ones_and_all_of_them_in_a_table():
    from storyframes.app.render import SENTENCES_SHOWN

    n = SENTENCES_SHOWN + 1_205
    at = _run(n)
    shown = [m.value for m in at.markdown if "Sentence" in m.value]
    assert len(shown) == SENTENCES_SHOWN
    assert f"({n:,} sentences)" in at.markdown[0].value
    assert any(f"The first {SENTENCES_SHOWN} of {n:,} sentences" in c.value for c in at.caption)
    assert [e.label for e in at.expander] == [f"All {n:,} sentences as a table"]
    table = at.dataframe[0].value
    assert len(table) == n and table["text"].iloc[-1] == f"Sentence **{n}**."  # literal text, every sentence
