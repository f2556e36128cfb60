"""From a chart selection back to verbatim sentences, and the safe display of article text
(storyframes.analysis.evidence): tiny hand-made tables, plus checks against the real package where the
real labels are the point."""

from __future__ import annotations

import pandas as pd
import pytest

from storyframes.analysis import evidence as E
from storyframes.core.data import DATA_DIR, load_package
from storyframes.core.text import TEXT_BREAK

# Characters Markdown or Streamlit would interpret (emphasis, code, links, HTML, maths, directives,
# headings, tables, quotes, strikethrough, lists).
SPECIAL = set("\\`*_{}[]()#+-.!|>~<$:")
OUR_DIRECTIVES = {":blue-background[": "blue", ":orange-background[": "orange", ":yellow-background[": "yellow", ":gray[": "gray"}

HOSTILE = ("Chief <script>alert(1)</script> said $x$ is *bold* and _it_, see [link](http://x) "
           ":red[x] `rm -rf` C:\\path\\ \\*not* ~~gone~~ # 1. + - | > !")


def parse_markup(markup: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Undo our markup: return the text it shows and the (start, end, colour) of our directives.

    Fails the test if any Markdown-special character is left unescaped outside our own
    directives (so article text could open or close markup), or if a directive is left open.
    The empty directive that cuts text against autolinking (text.TEXT_BREAK) shows nothing.
    """
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    open_at: tuple[int, str] | None = None
    i = 0
    while i < len(markup):
        ch = markup[i]
        if ch == "\\":
            assert i + 1 < len(markup), f"dangling backslash at the end of {markup!r}"
            out.append(markup[i + 1])
            i += 2
            continue
        if markup.startswith(TEXT_BREAK, i):
            i += len(TEXT_BREAK)
            continue
        directive = next((d for d in OUR_DIRECTIVES if markup.startswith(d, i)), None)
        if directive is not None:
            assert open_at is None, f"nested directive at {i} in {markup!r}"
            open_at = (len("".join(out)), OUR_DIRECTIVES[directive])
            i += len(directive)
            continue
        if ch == "]" and open_at is not None:
            spans.append((open_at[0], len("".join(out)), open_at[1]))
            open_at = None
            i += 1
            continue
        assert ch not in SPECIAL, f"unescaped {ch!r} at {i} in {markup!r}"
        out.append(ch)
        i += 1
    assert open_at is None, f"directive left open in {markup!r}"
    return "".join(out), spans


@pytest.mark.parametrize("bad", ["*a*", ":red[x]", "<b>", "a\\", ":blue-background[open", "x]"])
def test_the_markup_checker_itself_catches_unescaped_markup(bad):
    """The checker above must be able to fail, or the tests below prove nothing."""
    with pytest.raises(AssertionError):
        parse_markup(bad)


# --- safe ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    HOSTILE,
    "<script>alert(1)</script>",
    "$x$",
    "*bold*",
    "_it_",
    "[link](http://x)",
    ":red[x]",
    "``double`` and `single`",
    "\\\\ two backslashes \\",
    "plain words, “curly quotes” and an em dash — nothing special",
    "",
])
def test_safe_escapes_every_special_character_and_loses_nothing(text):
    shown, spans = parse_markup(E.safe(text))
    assert shown == text
    assert spans == []


def test_safe_escapes_each_special_character_with_one_backslash():
    for ch in sorted(SPECIAL):
        assert E.safe(ch) == "\\" + ch


def test_safe_leaves_ordinary_text_alone():
    assert E.safe("Police chiefs say so") == "Police chiefs say so"


# --- highlight ----------------------------------------------------------------------------------


def test_highlight_wraps_escaped_fragments_in_our_directive_only():
    text = "a *b* c"
    assert E.highlight(text, [(2, 5, "blue")]) == "a :blue-background[\\*b\\*] c"


def test_highlight_with_hostile_text_keeps_text_exact_and_markup_closed():
    start = HOSTILE.index("<script>")
    end = HOSTILE.index("</script>") + len("</script>")
    link = HOSTILE.index("[link]")
    spans = [(start, end, "blue"), (link, link + len("[link](http://x)"), "orange")]
    shown, got = parse_markup(E.highlight(HOSTILE, spans))
    assert shown == HOSTILE
    assert got == [(start, end, "blue"), (link, link + len("[link](http://x)"), "orange")]


def test_highlight_overlaps_keep_the_earliest_starting_span():
    text = "0123456789abcdef"
    markup = E.highlight(text, [(3, 8, "orange"), (0, 5, "blue"), (10, 12, "orange")])
    shown, spans = parse_markup(markup)
    assert shown == text
    # (3, 8) starts inside (0, 5), which starts first: it is dropped, not cut.
    assert spans == [(0, 5, "blue"), (10, 12, "orange")]


def test_highlight_ignores_empty_and_reversed_spans():
    assert E.highlight("abcdef", [(2, 2, "blue"), (4, 1, "orange")]) == "abcdef"


def test_highlight_without_spans_is_safe():
    assert E.highlight(HOSTILE, []) == E.safe(HOSTILE)


# --- reading_markup -----------------------------------------------------------------------------


def test_reading_markup_marks_quotes_blue_and_terms_orange():
    text = "The chief said “*fix* it” and called them [pigs](x)."
    quote, term = "“*fix* it”", "[pigs](x)"
    shown, spans = parse_markup(E.reading_markup(text, [quote], [term], show_quotes=True, show_terms=True))
    assert shown == text
    q, t = text.index(quote), text.index(term)
    assert spans == [(q, q + len(quote), "blue"), (t, t + len(term), "orange")]


def test_reading_markup_switches_each_kind_off():
    text = "cops said `cops`"
    only_terms = E.reading_markup(text, ["said"], ["cops"], show_quotes=False, show_terms=True)
    shown, spans = parse_markup(only_terms)
    assert shown == text
    assert spans == [(0, 4, "orange"), (11, 15, "orange")]  # every occurrence, case-sensitive
    none = E.reading_markup(text, ["said"], ["cops"], show_quotes=False, show_terms=False)
    assert none == E.safe(text)


def test_reading_markup_overlapping_quote_and_term_never_nest():
    text = "$x$ *bold* _it_ end"
    quote, term = "$x$ *bold*", "*bold* _it_"  # overlap on "*bold*"
    shown, spans = parse_markup(E.reading_markup(text, [quote], [term], show_quotes=True, show_terms=True))
    assert shown == text
    assert spans == [(0, len(quote), "blue")]


def test_reading_markup_hostile_text_with_hostile_fragments():
    quotes = ["<script>alert(1)</script>", "$x$"]
    terms = [":red[x]", "_it_", "`rm -rf`"]
    shown, spans = parse_markup(E.reading_markup(HOSTILE, quotes, terms, show_quotes=True, show_terms=True))
    assert shown == HOSTILE
    expected = sorted([(HOSTILE.index(f), HOSTILE.index(f) + len(f), "blue") for f in quotes]
                      + [(HOSTILE.index(f), HOSTILE.index(f) + len(f), "orange") for f in terms])
    assert spans == expected


def test_reading_markup_greys_furniture_without_highlights():
    text = "Image via AP. *not bold* [x](y)"
    markup = E.reading_markup(text, ["AP"], ["via"], show_quotes=True, show_terms=True, furniture=True)
    assert markup.startswith(":gray[") and markup.endswith("]")
    shown, spans = parse_markup(markup)
    assert shown == text
    assert spans == [(0, len(text), "gray")]


def test_reading_markup_ignores_fragments_not_in_the_text():
    assert E.reading_markup("abc", ["zzz"], ["", "q"], show_quotes=True, show_terms=True) == "abc"


# --- find_all -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, fragment, expected", [
    ("cops and cops", "cops", [(0, 4), (9, 13)]),
    ("Cops and cops", "cops", [(9, 13)]),  # case-sensitive
    ("aaaa", "aa", [(0, 2), (2, 4)]),  # non-overlapping
    ("aaa", "aa", [(0, 2)]),
    ("abc", "", []),  # an empty fragment finds nothing (and does not loop)
    ("abc", "abcd", []),
    ("", "a", []),
])
def test_find_all(text, fragment, expected):
    assert E.find_all(text, fragment) == expected


# --- picked -------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [None, {}, {"selection": {}}, {"selection": None}, {"selection": {"other": [{"a": 1}]}},
                                   {"selection": {"name": []}}, {"selection": {"name": None}}])
def test_picked_without_a_selection_is_empty(state):
    assert E.picked(state, "name") == []


def test_picked_returns_the_selected_rows():
    state = {"selection": {"name": [{"a": 1}]}}
    assert E.picked(state, "name") == [{"a": 1}]


def test_picked_keeps_only_mappings_and_copies_them():
    row = {"outlet_id": "gawker", "frame": "policy"}
    state = {"selection": {"frame_bar": [row, "junk", 3, None, {"outlet_id": "cbs"}]}}
    got = E.picked(state, "frame_bar")
    assert got == [{"outlet_id": "gawker", "frame": "policy"}, {"outlet_id": "cbs"}]
    got[0]["frame"] = "changed"
    assert row["frame"] == "policy"


# --- tiny tables --------------------------------------------------------------------------------
#
# Article a: three prose sentences, then a furniture line (a photo credit) in ¶3.
# Article b: a furniture line first ("Watch Live"), then two prose sentences.
# Prose counting ("sentence k of n") skips furniture, so a-03 is 3 of 3 and b-02 is 1 of 2.


@pytest.fixture
def passages():
    rows = [
        ("a-01", "a", 1, 1, "Mass incarceration is bad, cops say.", False),
        ("a-02", "a", 1, 2, "The copse was quiet.", False),
        ("a-03", "a", 2, 3, "Cops want MASS INCARCERATION cut.", False),
        ("a-04", "a", 3, 4, "Cops photo via AP.", True),
        ("b-01", "b", 1, 1, "Watch Live", True),
        ("b-02", "b", 2, 2, "Cops agree on mass incarceration.", False),
        ("b-03", "b", 2, 3, "“We must act,” the chief said.", False),
    ]
    frame = pd.DataFrame(rows, columns=["passage_id", "article_id", "paragraph", "sentence", "text", "is_furniture"])
    frame["is_furniture"] = frame["is_furniture"].astype(bool)
    return frame


@pytest.fixture
def articles():
    return pd.DataFrame({"article_id": ["a", "b"], "outlet_id": ["oa", "ob"], "outlet": ["Outlet A", "Outlet B"]})


WHERE = {
    "a-01": "¶1 · sentence 1 of 3", "a-02": "¶1 · sentence 2 of 3", "a-03": "¶2 · sentence 3 of 3",
    "a-04": "¶3 · page furniture (not counted)", "b-01": "¶1 · page furniture (not counted)",
    "b-02": "¶2 · sentence 1 of 2", "b-03": "¶2 · sentence 2 of 2",
}


# --- place_label --------------------------------------------------------------------------------


def test_place_label_counts_prose():
    assert E.place_label(3, 8, 16) == "¶3 · sentence 8 of 16"
    assert E.place_label(1, 1, 1) == "¶1 · sentence 1 of 1"
    assert E.place_label(3, 8, 16, is_furniture=False) == "¶3 · sentence 8 of 16"


def test_place_label_gives_furniture_no_number():
    assert E.place_label(17, 0, 19, True) == "¶17 · page furniture (not counted)"
    assert E.place_label(2, 5, 9, is_furniture=True) == "¶2 · page furniture (not counted)"


# --- sentence_index -----------------------------------------------------------------------------


def test_sentence_index_labels_every_passage(passages, articles):
    index = E.sentence_index(passages, articles)
    assert list(index.columns) == E.SENTENCE_COLUMNS
    assert dict(zip(index["passage_id"], index["where"])) == WHERE
    assert index["outlet"].tolist() == ["Outlet A"] * 4 + ["Outlet B"] * 3
    assert index["outlet_id"].tolist() == ["oa"] * 4 + ["ob"] * 3


def test_sentence_index_prose_ranks_skip_furniture(passages, articles):
    index = E.sentence_index(passages, articles)
    assert index["prose_rank"].tolist() == [1, 2, 3, 0, 0, 1, 2]
    # n_prose is the article's number of prose sentences, on every row (furniture too)
    assert index["n_prose"].tolist() == [3, 3, 3, 3, 2, 2, 2]
    assert index["is_furniture"].tolist() == [False, False, False, True, True, False, False]
    assert index["prose_rank"].dtype == "int64" and index["n_prose"].dtype == "int64"


def test_sentence_index_is_keyed_by_passage_id(passages, articles):
    index = E.sentence_index(passages, articles)
    assert list(index.index) == index["passage_id"].tolist()
    assert index.loc["b-02", "where"] == "¶2 · sentence 1 of 2"
    assert index.loc["b-03", "text"] == "“We must act,” the chief said."


def test_sentence_index_follows_the_articles_order_and_reading_order(passages, articles):
    shuffled = passages.sample(frac=1, random_state=3)
    index = E.sentence_index(shuffled, articles.iloc[::-1])  # the reader put outlet B first
    assert index["passage_id"].tolist() == ["b-01", "b-02", "b-03", "a-01", "a-02", "a-03", "a-04"]
    assert dict(zip(index["passage_id"], index["where"])) == WHERE  # the labels do not depend on the order


def test_sentence_index_keeps_only_the_given_articles(passages, articles):
    index = E.sentence_index(passages, articles[articles["article_id"] == "b"])
    assert index["passage_id"].tolist() == ["b-01", "b-02", "b-03"]
    assert index["where"].tolist() == [WHERE["b-01"], WHERE["b-02"], WHERE["b-03"]]


def test_sentence_index_of_an_article_of_furniture_only(passages, articles):
    only = passages[passages["passage_id"].isin(["a-04"])]
    index = E.sentence_index(only, articles)
    assert index["where"].tolist() == ["¶3 · page furniture (not counted)"]
    assert index["n_prose"].tolist() == [0]


def test_sentence_index_of_nothing_has_the_columns(passages, articles):
    index = E.sentence_index(passages.iloc[0:0], articles)
    assert index.empty and list(index.columns) == E.SENTENCE_COLUMNS


# --- sentences_for ------------------------------------------------------------------------------


@pytest.fixture
def index(passages, articles):
    return E.sentence_index(passages, articles)


def test_sentences_for_orders_by_outlet_then_reading_and_dedupes(index):
    got = E.sentences_for(index, ["b-02", "a-03", "a-01", "b-02", "zz-99"])
    assert list(got.columns) == E.SENTENCE_COLUMNS
    assert got["passage_id"].tolist() == ["a-01", "a-03", "b-02"]  # unknown id skipped, b-02 once
    assert got["text"].tolist() == ["Mass incarceration is bad, cops say.", "Cops want MASS INCARCERATION cut.",
                                    "Cops agree on mass incarceration."]
    assert list(got.index) == [0, 1, 2]


def test_sentences_for_counts_the_whole_article(index):
    """Asked for one sentence, the label still counts the article's prose ('of 3', not 'of 1')."""
    assert E.sentences_for(index, ["a-02"])["where"].tolist() == ["¶1 · sentence 2 of 3"]
    assert E.sentences_for(index, ["b-01", "b-03"])["where"].tolist() == [WHERE["b-01"], WHERE["b-03"]]


def test_sentences_for_takes_any_iterable(index):
    assert E.sentences_for(index, iter(("b-03", "a-04")))["passage_id"].tolist() == ["a-04", "b-03"]
    assert E.sentences_for(index, {"a-01"})["passage_id"].tolist() == ["a-01"]


def test_sentences_for_of_nothing_is_empty(index):
    got = E.sentences_for(index, [])
    assert got.empty and list(got.columns) == E.SENTENCE_COLUMNS
    assert E.sentences_for(index, ["nope"]).empty


# --- evidence_key and ids_by --------------------------------------------------------------------


def test_ids_by_splits_the_joined_ids():
    frame = pd.DataFrame({"outlet_id": ["a", "a", "b"], "frame": ["policy", "political", "policy"],
                          "passage_ids": ["a-01, a-03", "", "b-02"]})
    assert E.ids_by(frame, ["outlet_id", "frame"]) == {
        ("a", "policy"): ("a-01", "a-03"), ("a", "political"): (), ("b", "policy"): ("b-02",)}


def test_ids_by_with_another_id_column_and_one_field():
    frame = pd.DataFrame({"person": ["Jo", "Pat"], "passage_ids": ["x", "y"], "quoted_ids": ["a-05", "b-03, b-04"]})
    assert E.ids_by(frame, ["person"], "quoted_ids") == {("Jo",): ("a-05",), ("Pat",): ("b-03", "b-04")}


def test_ids_by_of_an_empty_table():
    assert E.ids_by(pd.DataFrame({"frame": [], "passage_ids": []}), ["frame"]) == {}


def test_evidence_key_reads_the_fields_in_order_as_text():
    row = {"principle_id": "P4", "outlet_id": "cbs", "extra": 1}
    assert E.evidence_key(row, ["outlet_id", "principle_id"]) == ("cbs", "P4")
    assert E.evidence_key(row, ("principle_id",)) == ("P4",)
    assert E.evidence_key({"n": 3}, ["n", "missing"]) == ("3", "")


def test_a_clicked_row_finds_its_evidence():
    """A chart reports the clicked row's field values (numbers as numbers): evidence_key must give
    the key ids_by built from the table behind the chart."""
    table = pd.DataFrame({"outlet_id": ["a", "b"], "paragraph": [3, 12], "passage_ids": ["a-01, a-02", "b-07"]})
    lookup = E.ids_by(table, ["outlet_id", "paragraph"])
    for clicked, expected in [({"outlet_id": "a", "paragraph": 3}, ("a-01", "a-02")), ({"paragraph": 12, "outlet_id": "b"}, ("b-07",))]:
        assert lookup[E.evidence_key(clicked, ["outlet_id", "paragraph"])] == expected
    assert E.evidence_key({"outlet_id": "a"}, ["outlet_id", "paragraph"]) not in lookup


# --- the real package ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def csv():
    def read(name):
        return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
    return {n: read(n) for n in ("passages", "articles")}


@pytest.fixture(scope="module")
def real_index(data):
    return E.sentence_index(data.passages, data.articles)


def expected_where(csv) -> dict[str, str]:
    """Place labels computed independently from the CSV text: prose sentences counted in reading order."""
    out = {}
    for article_id, rows in csv["passages"].groupby("article_id"):
        rows = rows.assign(s=rows["sentence"].astype(int)).sort_values("s")
        prose = rows[rows["is_furniture"] == "False"]
        rank = {pid: i + 1 for i, pid in enumerate(prose["passage_id"])}
        for pid, paragraph, furniture in zip(rows["passage_id"], rows["paragraph"], rows["is_furniture"]):
            out[pid] = (f"¶{int(paragraph)} · page furniture (not counted)" if furniture == "True"
                        else f"¶{int(paragraph)} · sentence {rank[pid]} of {len(prose)}")
    return out


def test_real_sentence_index_labels_every_passage(real_index, csv):
    assert len(real_index) == len(csv["passages"])
    assert dict(zip(real_index["passage_id"], real_index["where"])) == expected_where(csv)
    assert real_index.loc["cbs-22", "where"] == "¶16 · sentence 19 of 19"
    assert real_index.loc["cbs-01", "where"] == "¶1 · page furniture (not counted)"


def test_real_n_prose_is_the_articles_sentence_count(real_index, csv):
    """The place label counts what the outlet cards and articles.csv count."""
    counts = dict(zip(csv["articles"]["article_id"], csv["articles"]["sentence_count"].astype(int)))
    got = real_index.groupby("article_id")["n_prose"].agg(["min", "max"])
    for article_id, n in counts.items():
        assert got.loc[article_id, "min"] == got.loc[article_id, "max"] == n, article_id
        assert (~real_index.loc[real_index["article_id"] == article_id, "is_furniture"]).sum() == n


def test_real_sentence_index_follows_articles_order(real_index, csv):
    assert list(dict.fromkeys(real_index["outlet_id"])) == csv["articles"]["outlet_id"].tolist()
    for _, rows in real_index.groupby("article_id", sort=False):
        assert rows["sentence"].tolist() == sorted(rows["sentence"].tolist())


def test_real_sentences_for_is_verbatim_and_in_order(real_index, csv):
    wanted = ["gawker-03", "cbs-22", "dabs-02", "cbs-04", "gawker-03"]
    got = E.sentences_for(real_index, wanted)
    text = dict(zip(csv["passages"]["passage_id"], csv["passages"]["text"]))
    assert [t == text[p] for p, t in zip(got["passage_id"], got["text"])] == [True] * 4
    # one block per outlet in the articles' order (dabs, gawker, cbs), reading order inside it
    assert got["passage_id"].tolist() == ["dabs-02", "gawker-03", "cbs-04", "cbs-22"]
    assert got["where"].tolist() == [expected_where(csv)[p] for p in got["passage_id"]]


def test_mark_choices_lists_every_mark_once_in_the_charts_order_with_unique_labels():
    evidence = {("gawker", "P4"): (), ("cbs", "P4"): ("cbs-10",), ("cbs", "P1"): ("cbs-3",), ("dabs", "x"): ("dabs-1",)}
    headings = {("gawker", "P4"): "Gawker on P4", ("cbs", "P4"): "Same", ("cbs", "P1"): "Same"}
    choices = E.mark_choices(evidence, headings)
    assert list(choices) == ["Gawker on P4", "Same", "Same (2)", "dabs · x"]
    assert list(choices.values()) == list(evidence)
