"""Finding words in the articles (storyframes.analysis.search, storyframes.views.search): every hit
recounted with plain pandas from the CSV files, the filters' split recounted, the tolerance for
letter case, quote marks and spaces, and a hostile sentence shown literally with its match marked."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes.analysis import search as S
from storyframes.analysis.evidence import place_label
from storyframes.core.data import DATA_DIR, load_package
from storyframes.core.filters import Filters
from storyframes.views import search as search_view
from storyframes.views.common import default_filters
from tests import markdown_model
from tests.byo_helpers import fake_coded
from tests.unit.test_evidence import OUR_DIRECTIVES, parse_markup

DATA = load_package()
EVERYTHING = default_filters(DATA.vocab)
PASSAGES = pd.read_csv(DATA_DIR / "passages.csv", dtype=str, keep_default_na=False)
COVERAGE = pd.read_csv(DATA_DIR / "coverage.csv", dtype=str, keep_default_na=False)
PRINCIPLES = pd.read_csv(DATA_DIR / "passage_principles.csv", dtype=str, keep_default_na=False)
STRAIGHT = {"’": "'", "‘": "'", "“": '"', "”": '"'}
QUERIES = ["Michael Jordan", "police", "cops", "mass incarceration", "Bratton", "statement of principles", "drug", "the"]


def plain_count(texts: pd.Series, query: str) -> pd.Series:
    """Recount: the texts lower-cased, curly quotes straightened, holding the query's words at a
    word's start with any spaces between them (written again here, without the module's helpers)."""
    folded = texts.str.lower()
    for curly, straight in STRAIGHT.items():
        folded = folded.str.replace(curly, straight, regex=False)
    words = query.lower().split()
    return folded.str.contains(r"(?<![0-9a-z_])" + r"\s+".join(re.escape(w) for w in words), regex=True)


@pytest.mark.parametrize("query", QUERIES)
def test_every_hit_is_recounted_from_the_files(query):
    view = search_view.build(DATA, EVERYTHING, query)
    assert view.hidden.empty  # every outlet and principle chosen: nothing is hidden
    sentences = view.hits[view.hits["kind"] == S.SENTENCE]
    assert sorted(sentences["passage_id"]) == sorted(PASSAGES.loc[plain_count(PASSAGES["text"], query), "passage_id"])
    # headlines: every coverage row, except one already among its article's sentences (CBS's headline line)
    said = set(zip(PASSAGES["article_id"], PASSAGES["text"].str.casefold()))
    heads = COVERAGE[[(a, h.casefold()) not in said for a, h in zip(COVERAGE["article_id"], COVERAGE["headline"])]]
    headlines = view.hits[view.hits["kind"] == S.HEADLINE]
    assert sorted(headlines["outlet_id"]) == sorted(heads.loc[plain_count(heads["headline"], query), "outlet_id"])
    assert (view.hits["n_matches"] >= 1).all()


def test_michael_jordan_leads_to_gawker_paragraph_5():
    view = search_view.build(DATA, EVERYTHING, "Michael Jordan")
    assert len(view.hits) == 1
    hit = view.hits.iloc[0]
    row = PASSAGES[PASSAGES["text"].str.contains("Michael Jordan")].iloc[0]
    gawker = PASSAGES[(PASSAGES["article_id"] == "gawker") & (PASSAGES["is_furniture"] == "False")].reset_index(drop=True)
    rank = int(gawker.index[gawker["passage_id"] == row["passage_id"]][0]) + 1
    assert (hit["outlet"], hit["passage_id"]) == ("Gawker", row["passage_id"])
    assert hit["where"] == place_label(int(row["paragraph"]), rank, len(gawker)) and hit["where"].startswith("¶5 ·")
    assert hit["text"][slice(*hit["spans"][0])] == "Michael Jordan"
    assert view.summary == "“Michael Jordan” is in 1 sentence, from 1 outlet."


@pytest.mark.parametrize("a, b", [("Michael Jordan", "  mICHAEL \t JORDAN "), ("McDonald's", "McDonald’s"), ("we're", "we’re"),
                                  ("“strengthening public safety”", '"strengthening public safety"')])
def test_letter_case_quote_marks_and_spaces_do_not_matter(a, b):
    first, second = (search_view.build(DATA, EVERYTHING, q).hits for q in (a, b))
    assert not first.empty
    assert first[["kind", "passage_id", "outlet_id", "spans"]].equals(second[["kind", "passage_id", "outlet_id", "spans"]])


def test_a_phrase_is_found_whole_from_the_start_of_a_word():
    table = S.searchable(pd.DataFrame({"passage_id": ["a-1", "a-2", "a-3"], "article_id": "a", "outlet_id": "a", "outlet": "A",
                                       "where": "¶1", "text": ["The scope of cops.", "Cops arrested", "arrest cops"]}),
                         pd.DataFrame(columns=["article_id", "outlet_id", "outlet", "headline"]))
    assert S.find(table, "cop")["passage_id"].tolist() == ["a-1", "a-2", "a-3"]
    assert S.find(table, "cop")["spans"].tolist() == [((13, 16),), ((0, 3),), ((7, 10),)]  # not "scope"
    assert S.find(table, "arrest cops")["passage_id"].tolist() == ["a-3"]  # the words together, in order
    assert S.find(table, "cops arrest")["passage_id"].tolist() == ["a-2"]


@pytest.mark.parametrize("query", ["(.*", "[a-z]+", "\\", ".*", "$x$", "^The"])
def test_the_query_is_text_never_a_pattern(query):
    texts = DATA.passages["text"].astype(str).tolist() + DATA.coverage["headline"].astype(str).tolist()
    expected = sum(query.lower() in t.lower() for t in texts)
    assert len(search_view.build(DATA, EVERYTHING, query).hits) == expected


def test_an_empty_query_finds_nothing_and_says_so_plainly():
    for query in ("", "   ", "\x00\x1b", "\n\t"):
        view = search_view.build(DATA, EVERYTHING, query)
        assert view.query == "" and view.hits.empty and view.hidden.empty
        assert view.summary.startswith("Type a word or a phrase")
    view = search_view.build(DATA, EVERYTHING, "athlete")
    assert view.hits.empty and view.summary.startswith("No sentence or headline has “athlete”.")


def test_the_query_is_cut_and_cleaned_as_the_other_text_parameters():
    assert S.clean_query("a\x00b\u200bc" + "x" * 300) == "abc" + "x" * (S.MAX_QUERY - 3)  # control and format characters dropped, then cut
    assert len(S.clean_query("y" * 500)) == S.MAX_QUERY
    assert S.clean_query("  Michael \n Jordan  ") == "Michael Jordan"
    assert search_view.build(DATA, EVERYTHING, "police " * 40).query == S.clean_query("police " * 40)


@pytest.mark.parametrize("filters", [Filters(("gawker", "nyt"), EVERYTHING.principles), Filters(EVERYTHING.outlets, ("P4",)),
                                     Filters(("dabs", "cbs", "npr"), ("P1", "none")), Filters((), ())],
                         ids=["two-outlets", "P4", "mixed", "nothing"])
def test_the_filters_keep_some_hits_and_hide_the_rest(filters):
    query = "police"
    everything = search_view.build(DATA, EVERYTHING, query).hits
    view = search_view.build(DATA, filters, query)
    assert len(view.hits) + len(view.hidden) == len(everything)
    # recount: a sentence is kept when its outlet is chosen and it refers to a chosen principle
    # (or to none, with "none" chosen); a headline when its outlet is chosen
    refs = PRINCIPLES.groupby("passage_id")["principle_id"].agg(set)
    outlet_of = dict(zip(PASSAGES["passage_id"], PASSAGES["article_id"]))  # the full texts' article id is their outlet id
    sentences = everything[everything["kind"] == S.SENTENCE]
    kept = [pid for pid in sentences["passage_id"]
            if outlet_of[pid] in filters.outlets and (refs.get(pid, {"none"}) & set(filters.principles))]
    headlines = everything[(everything["kind"] == S.HEADLINE) & everything["outlet_id"].isin(filters.outlets)]
    assert sorted(view.hits.loc[view.hits["kind"] == S.SENTENCE, "passage_id"]) == sorted(kept)
    assert sorted(view.hits.loc[view.hits["kind"] == S.HEADLINE, "outlet_id"]) == sorted(headlines["outlet_id"])
    if view.hidden.empty:
        assert view.hidden_note == ""
    else:
        assert view.hidden_note.startswith(f"{len(view.hidden)} more match")


def test_the_hidden_note_names_the_outlets_it_hides():
    view = search_view.build(DATA, Filters(("dabs",), EVERYTHING.principles), "Michael Jordan")
    assert view.hits.empty and len(view.hidden) == 1
    assert view.summary == "No sentence or headline the filters show has “Michael Jordan”."
    assert view.hidden_note.startswith("1 more match hidden by the filters (Gawker 1)")


HOSTILE = "Chief <script>alert(1)</script> said **bold**, [link](x) and $x$ at www.x.org: the :red[real] Michael Jordan_ of it."


@pytest.mark.parametrize("query", ["Michael Jordan", "<script>", "**bold**", "[link](x)", "$x$", "www.x", ":red[real]"])
def test_a_hostile_sentence_is_shown_literally_with_its_match_marked(query):
    table = S.searchable(pd.DataFrame({"passage_id": ["h-1"], "article_id": "h", "outlet_id": "h", "outlet": "H", "where": "¶1",
                                       "text": [HOSTILE]}), pd.DataFrame(columns=["article_id", "outlet_id", "outlet", "headline"]))
    assert OUR_DIRECTIVES[f":{search_view.HIGHLIGHT}-background["] == search_view.HIGHLIGHT  # parse_markup knows our mark
    view = search_view.SearchView(query, S.find(table, query), table.iloc[0:0], "", "")
    hit = next(view.hits.itertuples())
    markup = view.markup(hit)
    shown, spans = parse_markup(markup)  # fails on any markup character left unescaped
    assert shown == HOSTILE
    assert [shown[s:e] for s, e, _colour in spans] == [query]
    assert not markdown_model.problems(markup, ["<script>", "**bold**", "[link](x)", "$x$"])


def test_a_readers_added_article_is_searched_too():
    added = DATA.with_added((fake_coded(DATA, source="gawker", outlet="The Test Ledger"),))
    view = search_view.build(added, default_filters(added.vocab), "Michael Jordan")
    assert sorted(view.hits["outlet"]) == sorted(["Gawker", added.vocab.outlet("auto-0123456789")])
    assert set(view.hits["where"]) == {search_view.build(DATA, EVERYTHING, "Michael Jordan").hits["where"].iloc[0]}
