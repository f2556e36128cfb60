"""From a chart selection back to verbatim sentences, and the safe display of article text
(storyframes.evidence): tiny hand-made tables, plus checks against the real package where the
real labels are the point."""

from __future__ import annotations

import pandas as pd
import pytest

from storyframes import evidence as E
from storyframes.data import DATA_DIR, load_package

# Characters Markdown or Streamlit would interpret (emphasis, code, links, HTML, maths, directives,
# headings, tables, quotes, strikethrough, lists).
SPECIAL = set("\\`*_{}[]()#+-.!|>~<$:")
OUR_DIRECTIVES = {":blue-background[": "blue", ":orange-background[": "orange", ":gray[": "gray"}

HOSTILE = ("Chief <script>alert(1)</script> said $x$ is *bold* and _it_, see [link](http://x) "
           ":red[x] `rm -rf` C:\\path\\ \\*not* ~~gone~~ # 1. + - | > !")


def parse_markup(markup: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Undo our markup: return the text it shows and the (start, end, colour) of our directives.

    Fails the test if any Markdown-special character is left unescaped outside our own
    directives (so article text could open or close markup), or if a directive is left open.
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


def test_where_label():
    assert E.where(3, 8, 16) == "¶3 · sentence 8 of 16"


def test_with_places_counts_every_sentence_of_the_article(passages, articles):
    frame = E.with_places(passages, articles)
    assert dict(zip(frame["passage_id"], frame["where"])) == {
        "a-01": "¶1 · sentence 1 of 4", "a-02": "¶1 · sentence 2 of 4", "a-03": "¶2 · sentence 3 of 4",
        "a-04": "¶3 · sentence 4 of 4", "b-01": "¶1 · sentence 1 of 3", "b-02": "¶2 · sentence 2 of 3",
        "b-03": "¶2 · sentence 3 of 3",
    }
    assert frame["outlet"].tolist() == ["Outlet A"] * 4 + ["Outlet B"] * 3


def test_sentences_by_id_dedupes_and_orders_by_outlet_then_sentence(passages, articles):
    got = E.sentences_by_id(passages, articles, ["b-02", "a-03", "a-01", "b-02", "zz-99"])
    assert list(got.columns) == ["outlet", "outlet_id", "passage_id", "where", "text"]
    assert got["passage_id"].tolist() == ["a-01", "a-03", "b-02"]
    assert got["text"].tolist() == ["Mass incarceration is bad, cops say.", "Cops want MASS INCARCERATION cut.",
                                    "Cops agree on mass incarceration."]


def test_sentences_by_id_of_nothing_is_empty(passages, articles):
    got = E.sentences_by_id(passages, articles, [])
    assert got.empty and list(got.columns) == ["outlet", "outlet_id", "passage_id", "where", "text"]


def test_sentences_by_id_counts_all_sentences_of_the_article(passages, articles):
    """Asked for one sentence, the label still counts the whole article ('of 4', not 'of 1')."""
    got = E.sentences_by_id(passages, articles, ["a-01", "b-02"])
    assert got["where"].tolist() == ["¶1 · sentence 1 of 4", "¶2 · sentence 2 of 3"]
    assert E.sentences_by_id(passages, articles, ["a-02"])["where"].tolist() == ["¶1 · sentence 2 of 4"]


def test_with_places_of_a_subset_counts_all_passages_when_given(passages, articles):
    subset = passages[passages["passage_id"].isin(["a-01", "b-02"])]
    assert E.with_places(subset, articles, passages)["where"].tolist() == ["¶1 · sentence 1 of 4", "¶2 · sentence 2 of 3"]


def test_passages_with_term_uses_the_word_tokens_of_one_outlets_prose(passages, articles):
    assert E.passages_with_term(passages, articles, "oa", "cops") == ["a-01", "a-03"]  # not "copse", not furniture
    assert E.passages_with_term(passages, articles, "oa", "mass incarceration") == ["a-01", "a-03"]  # multi-word, any case
    assert E.passages_with_term(passages, articles, "ob", "cops") == ["b-02"]
    assert E.passages_with_term(passages, articles, "oa", "incarceration") == []  # kept whole as "mass incarceration"
    assert E.passages_with_term(passages, articles, "nope", "cops") == []
    assert E.passages_with_term(passages, articles, None, None) == []


@pytest.fixture
def people():
    return pd.DataFrame({
        "passage_id": ["b-03", "b-02", "a-01", "b-03", "a-03"],
        "person": ["Chief X", "Chief X", "Chief X", "Chief X", "Mayor Y"],
        "mention": ["quoted", "named", "quoted", "quoted", "quoted"],
    })


def test_quoted_passages_of_one_outlet_and_person(passages, articles, people):
    assert E.quoted_passages(people, passages, articles, "ob", "Chief X") == ["b-03"]  # named-only b-02 left out, deduped
    assert E.quoted_passages(people, passages, articles, "oa", "Chief X") == ["a-01"]
    assert E.quoted_passages(people, passages, articles, "oa", "Mayor Y") == ["a-03"]
    assert E.quoted_passages(people, passages, articles, "ob", "Mayor Y") == []
    assert E.quoted_passages(people, passages, articles, None, None) == []


def test_principle_sentences_in_reading_order_with_reference(passages):
    refs = pd.DataFrame({"passage_id": ["a-03", "a-01", "b-02", "a-03"], "principle_id": ["P1", "P1", "P1", "P2"],
                         "reference": ["quoted", "paraphrased", "quoted", "paraphrased"]})
    got = E.principle_sentences(passages, refs, "a", "P1")
    assert list(got.columns) == ["passage_id", "paragraph", "sentence", "where", "reference", "text"]
    assert got["passage_id"].tolist() == ["a-01", "a-03"]
    assert got["where"].tolist() == ["¶1 · sentence 1 of 4", "¶2 · sentence 3 of 4"]
    assert got["reference"].tolist() == ["paraphrased", "quoted"]
    assert E.principle_sentences(passages, refs, "a", "P4").empty


def test_reading_groups_first_principle_or_none(passages):
    refs = pd.DataFrame({"passage_id": ["a-03", "a-03", "b-02"], "principle_id": ["P3", "P1", "P2"]})
    got = E.reading_groups(passages, refs)
    assert dict(zip(got["passage_id"], got["group"])) == {
        "a-01": "none", "a-02": "none", "a-03": "P1", "a-04": "none", "b-01": "none", "b-02": "P2", "b-03": "none"}
    assert dict(zip(got["passage_id"], got["principles"]))["a-03"] == "P1 P3"


# --- the real package ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def csv():
    def read(name):
        return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
    return {n: read(n) for n in ("passages", "articles", "passage_principles", "passage_people")}


def expected_where(csv, passage_id):
    p = csv["passages"]
    row = p[p["passage_id"] == passage_id].iloc[0]
    total = p[p["article_id"] == row["article_id"]]["sentence"].astype(int).max()
    return f"¶{int(row['paragraph'])} · sentence {int(row['sentence'])} of {total}"


def test_real_with_places_labels_every_passage(data, csv):
    frame = E.with_places(data.passages, data.articles)
    assert len(frame) == len(csv["passages"])
    for pid, where in zip(frame["passage_id"], frame["where"]):
        assert where == expected_where(csv, pid), pid
    assert dict(zip(frame["passage_id"], frame["where"]))["cbs-22"] == expected_where(csv, "cbs-22")


def test_real_sentences_by_id_is_verbatim_and_in_order(data, csv):
    wanted = ["gawker-03", "cbs-22", "dabs-02", "cbs-04", "gawker-03"]
    got = E.sentences_by_id(data.passages, data.articles, wanted)
    assert sorted(got["passage_id"]) == ["cbs-04", "cbs-22", "dabs-02", "gawker-03"]
    text = dict(zip(csv["passages"]["passage_id"], csv["passages"]["text"]))
    for pid, t in zip(got["passage_id"], got["text"]):
        assert t == text[pid]
    # one block per outlet, reading order inside it
    assert got["outlet_id"].tolist() == ["cbs", "cbs", "dabs", "gawker"]
    assert got["passage_id"].tolist()[:2] == ["cbs-04", "cbs-22"]


def test_real_sentences_by_id_where_counts_the_whole_article(data, csv):
    got = E.sentences_by_id(data.passages, data.articles, ["cbs-22"])
    assert got["where"].tolist() == [expected_where(csv, "cbs-22")]
    assert expected_where(csv, "cbs-22") == "¶16 · sentence 22 of 23"


def test_real_principle_sentences_cbs_p4(data, csv):
    pp, p = csv["passage_principles"], csv["passages"]
    ids = set(pp[pp["principle_id"] == "P4"]["passage_id"])
    exp = p[(p["article_id"] == "cbs") & p["passage_id"].isin(ids)].assign(s=lambda f: f["sentence"].astype(int)).sort_values("s")
    got = E.principle_sentences(data.passages, data.passage_principles, "cbs", "P4")
    assert got["passage_id"].tolist() == exp["passage_id"].tolist()
    assert got["text"].tolist() == exp["text"].tolist()
    assert got["where"].tolist() == [expected_where(csv, pid) for pid in exp["passage_id"]]
    refs = dict(zip(pp[pp["principle_id"] == "P4"]["passage_id"], pp[pp["principle_id"] == "P4"]["reference"]))
    assert got["reference"].tolist() == [refs[pid] for pid in exp["passage_id"]]
    assert E.principle_sentences(data.passages, data.passage_principles, "gawker", "P4").empty


def test_real_quoted_passages_gawker_mccarthy(data, csv):
    pe, p = csv["passage_people"], csv["passages"]
    gawker_ids = set(p[p["article_id"] == "gawker"]["passage_id"])
    rows = pe[(pe["person"] == "Garry F. McCarthy") & (pe["mention"] == "quoted") & pe["passage_id"].isin(gawker_ids)]
    expected = list(dict.fromkeys(rows["passage_id"]))
    got = E.quoted_passages(data.passage_people, data.passages, data.articles, "gawker", "Garry F. McCarthy")
    assert got == expected and got  # gawker-10..12 quote him through his statement


def test_real_passages_with_term_are_prose_of_the_outlet(data, csv):
    p = csv["passages"]

    def expected(article_id):
        rows = p[(p["article_id"] == article_id) & (p["is_furniture"] == "False")]
        return [pid for pid, t in zip(rows["passage_id"], rows["text"]) if "mass incarceration" in t.lower()]

    assert E.passages_with_term(data.passages, data.articles, "gawker", "mass incarceration") == expected("gawker") == [
        "gawker-03", "gawker-07"]
    # CBS has the words only in its repeated headline (furniture): no prose sentence
    assert expected("cbs") == []
    assert E.passages_with_term(data.passages, data.articles, "cbs", "mass incarceration") == []
