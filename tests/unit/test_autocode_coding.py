"""Automatic coding (storyframes.autocode.coding) on small hand-made examples, and its refusals."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from storyframes.autocode import ArticleMeta, AutoCoded, InputError, code_article, read_text
from storyframes.autocode import rules
from storyframes.autocode.coding import (TABLES, article_id_for, find_names, known_people, person_variants, principle_refs,
                                         quote_spans)
from storyframes.core.data import load_package
from storyframes.core.text import passages_for

META = ArticleMeta(outlet="The Daily Example", headline="Chiefs want fewer arrests", published="2015-10-22",
                   url="https://daily.example.com/chiefs")

ARTICLE = """Chiefs want fewer arrests

More than 130 police chiefs, sheriffs and prosecutors met in Washington on Wednesday. Chicago Police Superintendent Gary McCarthy, a co-chair, spoke first.

The group wants "mental health and drug treatment instead of arrests and prosecution," it said in its statement. It also backs reclassifying some felonies as misdemeanors.

“Mandatory minimums have filled our prisons,” McCarty told the New York Times. “We can do better.”

Judges should have more flexibility in sentencing, the chiefs argue, and police should build trust with the communities they serve.

President Obama met the group on Thursday."""


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def coded(data):
    return code_article(read_text(ARTICLE).text, META, data)


def _rows(coded: AutoCoded, table: str) -> list[dict]:
    return coded.tables[table].to_dict("records")


# --- the tables' shape ------------------------------------------------------------------------------

def test_tables_have_the_loaders_columns_and_dtypes(coded, data):
    assert set(TABLES) <= set(coded.tables)
    for name in TABLES:
        mine, theirs = coded.tables[name], data.tables[name]
        assert list(mine.columns) == list(theirs.columns), name
        assert dict(mine.dtypes.astype(str)) == dict(theirs.dtypes.astype(str)), name
    assert "passage_codes" not in coded.tables  # frame, tone and stance are hand codes only


def test_article_id_is_the_hash_of_the_normalised_text(coded):
    text = read_text(ARTICLE).text
    assert coded.article_id == "auto-" + hashlib.sha256(" ".join(text.replace("“", '"').replace("”", '"').casefold().split()).encode()).hexdigest()[:10]
    assert article_id_for(text.upper().replace("\n\n", "\n \n")) == coded.article_id  # case and spacing do not make a new article


def test_passages_are_cut_as_the_curated_ones_and_verbatim(coded):
    text = coded.text
    passages = coded.tables["passages"]
    assert list(passages["passage_id"]) == [f"{coded.article_id}-{i:02d}" for i in range(1, len(passages) + 1)]
    assert pd.DataFrame(passages_for(coded.article_id, text, META.headline)).astype(str).equals(passages.astype(str))
    for p in passages.itertuples():
        assert text[p.char_start:p.char_end] == p.text
    assert passages["is_furniture"].iloc[0] and passages["furniture_kind"].iloc[0] == "headline"


def test_article_row(coded):
    (art,) = _rows(coded, "articles")
    assert art["outlet"] == "The Daily Example" and art["headline"] == META.headline and art["url"] == META.url
    assert art["published"] == "2015-10-22" and art["published_confidence"] == "unverified"
    assert art["raw_sha256"] == hashlib.sha256(coded.text.encode()).hexdigest()
    assert art["sentence_count"] == coded.found["sentences"] == int((~coded.tables["passages"]["is_furniture"]).sum())
    (outlet,) = _rows(coded, "outlets")
    assert outlet["outlet_id"] == art["outlet_id"] == "the-daily-example"


def test_a_known_outlet_keeps_its_id_and_name(data):
    coded = code_article(read_text(ARTICLE).text, ArticleMeta(outlet="npr"), data)
    assert coded.tables["articles"]["outlet_id"].iloc[0] == "npr" and coded.tables["articles"]["outlet"].iloc[0] == "NPR"
    assert coded.tables["outlets"].empty
    assert coded.tables["articles"]["url"].iloc[0] == "" and coded.tables["articles"]["published"].iloc[0] == "not given"


# --- principles --------------------------------------------------------------------------------------

def test_principles_found_with_quoted_or_paraphrased(coded):
    got = {(r["passage_id"][-2:], r["principle_id"], r["reference"]) for r in _rows(coded, "passage_principles")}
    assert got == {("04", "P1", "quoted"), ("05", "P2", "paraphrased"), ("06", "P3", "quoted"), ("08", "P3", "paraphrased"),
                   ("08", "P4", "paraphrased")}
    assert all(r["reason"].startswith("auto: rule P") for r in _rows(coded, "passage_principles"))


@pytest.mark.parametrize("sentence, expected", [
    ("They call for alternatives to arrest for people with addiction.", {"P1"}),
    ("Diversion programs send people to treatment for drug addiction.", {"P1"}),
    ("California's Proposition 47 turned some felonies into misdemeanors.", {"P2"}),
    ("The group wants to restore balance to criminal laws.", {"P2"}),
    ("Congress should eliminate petty or duplicative offenses.", {"P2"}),
    ("Lawmakers should cut maximum sentences.", {"P3"}),
    ("Officers will be trained in procedural justice.", {"P4"}),
    ("Police must rebuild trust with the community.", {"P4"}),
    # not principles: the words alone, without the idea
    ("The community wants safer streets.", set()),
    ("He was sentenced to ten years.", set()),
    ("The chiefs spoke out against unnecessarily harsh and counterproductive laws.", set()),
    ("The treatment of the press at the event was friendly.", set()),
])
def test_principle_rules_on_single_sentences(sentence, expected):
    assert {pid for pid, *_ in principle_refs(sentence, [])} == expected


def test_quoted_means_the_matched_words_are_inside_quotation_marks():
    s = 'They back reclassification and want "mandatory minimums" gone.'
    spans = quote_spans(s)
    refs = {pid: ref for pid, ref, *_ in principle_refs(s, spans)}
    assert refs == {"P2": "paraphrased", "P3": "quoted"}


def test_quote_spans_straight_curly_and_unclosed():
    assert quote_spans('a "b" c “d” e') == [(3, 4), (9, 10)]
    assert quote_spans("a ” stray “open to the end") == [(11, 26)]
    assert quote_spans("it’s the chiefs’ view") == []


def test_every_rule_has_an_id_a_known_principle_and_a_basis(data):
    ids = [r.rule_id for r in rules.PRINCIPLE_RULES]
    assert len(ids) == len(set(ids)) and len(ids) >= 4
    known = set(data.principles["principle_id"])
    assert all(r.principle_id in known and r.rule_id.startswith(r.principle_id + "-") and r.basis for r in rules.PRINCIPLE_RULES)
    assert {r.principle_id for r in rules.PRINCIPLE_RULES} == known  # every principle has rules


# --- people --------------------------------------------------------------------------------------------

def test_people_named_and_quoted(coded):
    rows = {(r["passage_id"][-2:], r["person"]): r for r in _rows(coded, "passage_people")}
    mc = rows[("03", "Garry F. McCarthy")]
    assert mc["name_in_source"] == "Gary McCarthy" and mc["member_id"] == "mccarthy-garry" and mc["mention"] == "named"
    quoted = rows[("06", "Garry F. McCarthy")]  # "McCarty" (misspelt), after the full name
    assert quoted["name_in_source"] == "McCarty" and quoted["mention"] == "quoted"
    assert quoted["quote_channel"] == "other_outlet" and quoted["channel_outlet"] == "The New York Times"
    assert quoted["quote_text"] == "Mandatory minimums have filled our prisons,"
    cont = rows[("07", "Garry F. McCarthy")]  # the quotation that goes on, without a name
    assert cont["name_in_source"] == "" and cont["mention"] == "quoted" and cont["quote_text"] == "We can do better."
    assert rows[("06", "The New York Times")]["mention"] == "named"
    assert rows[("09", "Barack Obama")]["mention"] == "named"  # "President Obama": a title before a known surname
    for r in rows.values():  # the loader's check: what is quoted from a passage is in it
        text = coded.tables["passages"].set_index("passage_id").loc[r["passage_id"], "text"]
        assert r["name_in_source"] in text and r["quote_text"] in text


def test_person_variants_cover_initials_nicknames_and_suffixes():
    forms, surname = person_variants("Charlie (Charles) Beck")
    assert {("charlie", "beck"), ("charles", "beck"), ("chuck", "beck")} <= set(forms) and surname == "beck"
    forms, surname = person_variants("Cyrus R. Vance Jr.")
    assert ("cyrus", "vance") in forms and ("cy", "vance") in forms and surname == "vance"
    forms, _ = person_variants("William J. Bratton")
    assert ("bill", "bratton") in forms


def test_a_lone_surname_needs_a_full_name_before_or_a_title(data):
    known = known_people(data)
    lone = find_names("Beck spoke first.", known, set())
    assert lone == []
    assert [h.known.person for h in find_names("Chief Beck spoke first.", known, set())] == ["Charlie Beck"]
    assert [h.known.person for h in find_names("Beck spoke first.", known, {"Charlie Beck"})] == ["Charlie Beck"]


def test_fuzzy_matching_does_not_take_common_words_for_names(data):
    known = known_people(data)
    everyone = {k.person for k in known}
    sentence = "Back in Washington, David said Scott and Brown were Earlier Jones at the Dart Board."
    assert find_names(sentence, known, everyone) == [] or all(h.full or h.known.surname in sentence.casefold() for h in find_names(sentence, known, everyone))
    assert find_names("The Beckham report came out.", known, everyone) == []


def test_the_longest_name_wins(data):
    hits = find_names("Police Chief David Brown of Dallas spoke.", known_people(data), set())
    assert [h.known.member_id for h in hits] == ["brown-david"]


# --- lexicon ------------------------------------------------------------------------------------------

def test_lexicon_terms_found_with_their_first_passage(coded):
    rows = {r["term"]: r for r in _rows(coded, "lexicon")}
    assert rows["police chiefs"]["first_passage_id"].endswith("-02") and rows["police chiefs"]["target"] == "police"
    assert rows["mental health and drug treatment"]["register"] == "formal"
    assert all(r["note"] == "auto: found in text" for r in rows.values())
    texts = coded.tables["passages"].set_index("passage_id")["text"]
    assert all(term in texts[r["first_passage_id"]] for term, r in rows.items())  # as written in the text


def test_found_counts(coded):
    assert dict(coded.found) == {"sentences": len(coded.tables["passages"]) - 1, "principle_refs": 5,
                                 "people": len(set(coded.tables["passage_people"]["person"])), "terms": len(coded.tables["lexicon"])}


# --- refusals --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("meta, message", [
    (ArticleMeta(outlet=""), "outlet"), (ArticleMeta(outlet="   "), "outlet"),
    (ArticleMeta(outlet="X", published="22/10/2015"), "YYYY-MM-DD"), (ArticleMeta(outlet="X", published="1999-01-01"), "not possible"),
    (ArticleMeta(outlet="X", url="javascript:alert(1)"), "address"), (ArticleMeta(outlet="X", url="https://a@b.org/"), "address"),
])
def test_bad_metadata_is_refused(data, meta, message):
    with pytest.raises(InputError, match=message):
        code_article(read_text(ARTICLE).text, meta, data)


def test_no_sentence_is_refused(data):
    for text in ("...", "— — —", "Watch CBSN Live"):
        with pytest.raises(InputError, match="No sentence"):
            code_article(text, META, data)


def test_an_article_about_something_else_is_refused(data):
    text = ("The city council met on Tuesday to discuss the new library. Residents asked for longer opening hours. "
            "The mayor said the budget would be decided next month.")
    with pytest.raises(InputError, match="no principle of the Statement, no member of the group and no term"):
        code_article(text, META, data)


def test_the_same_text_twice_is_refused(data, coded):
    extended = type(data)({**data.tables, "articles": pd.concat([data.articles, coded.tables["articles"]], ignore_index=True),
                           "passages": pd.concat([data.passages, coded.tables["passages"]], ignore_index=True)}, data.descriptor, data.geo)
    with pytest.raises(InputError, match="already shown"):
        code_article(read_text(ARTICLE).text, META, extended)


def test_a_curated_article_again_is_refused_even_lightly_edited(data):
    raw = (__import__("storyframes.core.data", fromlist=["DATA_DIR"]).DATA_DIR / data.articles["raw_file"].iloc[1]).read_text(encoding="utf-8")
    edited = raw.replace("Plenty of people", "Many people").replace("Bill Bratton", "William Bratton")
    with pytest.raises(InputError, match="nearly identical to the article from Gawker"):
        code_article(edited, META, data)
    with pytest.raises(InputError, match="nearly identical"):
        code_article(raw, META, data)


def test_code_article_leaves_the_data_untouched(data):
    before = {n: t.copy() for n, t in data.tables.items()}
    code_article(read_text(ARTICLE.replace("Wednesday", "Tuesday")).text, META, data)
    for name, table in before.items():
        pd.testing.assert_frame_equal(table, data.tables[name])


def test_text_rebuilt_from_the_curated_passages_keeps_their_offsets(data):
    """The accuracy report codes each curated article on its passages and the text they rebuild."""
    from storyframes.autocode.coding import text_from_passages
    from storyframes.core.data import DATA_DIR

    for art in data.articles.itertuples():
        rows = data.passages[data.passages["article_id"] == art.article_id].to_dict("records")
        text = text_from_passages(rows)
        assert all(text[r["char_start"]:r["char_end"]] == r["text"] for r in rows)
        raw = (DATA_DIR / art.raw_file).read_text(encoding="utf-8")
        assert "".join(text.split()) == "".join(raw.split())
        assert text.count("\n") == raw.strip().count("\n")  # one paragraph per line, as captured


def test_sentiment_and_readability_come_from_the_passages_as_for_the_curated_articles(data, coded):
    """No rows of their own: VADER and the readability figures are computed from passages.csv's
    columns by the same functions the pages call, so an added article gets them the same way."""
    from storyframes.analysis import measures as analysis

    passages = pd.concat([data.passages, coded.tables["passages"]], ignore_index=True)
    articles = pd.concat([data.articles, coded.tables["articles"]], ignore_index=True)
    people = pd.concat([data.passage_people, coded.tables["passage_people"]], ignore_index=True)
    vader = analysis.vader_scores(passages).set_index("passage_id")
    mine = coded.tables["passages"]
    assert vader.loc[mine["passage_id"], "vader_compound"].notna().all()
    assert set(vader.loc[mine["passage_id"], "vader_label"]) <= {"positive", "negative", "neutral"}
    read = analysis.readability(passages, articles, people).set_index("outlet_id")
    outlet_id = coded.tables["articles"]["outlet_id"].iloc[0]
    prose = mine[~mine["is_furniture"]]
    assert read.loc[outlet_id, "words"] == prose["word_count"].sum() and read.loc[outlet_id, "sentences"] == len(prose)
    wps, spw = prose["word_count"].sum() / len(prose), prose["syllables"].sum() / prose["word_count"].sum()
    assert read.loc[outlet_id, "flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * wps - 84.6 * spw)
    assert read.loc[outlet_id, "quotes_per_100_words"] > 0  # McCarthy's quotations count


def test_importing_the_package_loads_neither_trafilatura_nor_rapidfuzz():
    """Every page may import storyframes.autocode (Sources & method does): the extractor loads only
    when a web page is read, the fuzzy matcher only when an article is coded."""
    import subprocess
    import sys

    code = ("import sys; import storyframes.autocode, storyframes.autocode.accuracy, storyframes.views.sources; "
            "print(sorted(m for m in ('trafilatura', 'rapidfuzz', 'textstat') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=__import__("pathlib").Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


# --- quotation marks and attributions of any site (issue 21) ------------------------------------------

def test_two_single_marks_and_single_quotes_are_read_as_quotation_marks():
    assert [s for s in quote_spans("''We want it,'' Anderson said. ''Not for them.''")] == [(2, 13), (33, 46)]
    assert quote_spans("``Jail is for the dangerous,'' he said.") == [(2, 28)]
    assert quote_spans("‘We have learned,’ said McCarthy.") == [(1, 17)]
    assert quote_spans("He said 'no way' today") == [(9, 15)]
    assert quote_spans("the chiefs' view, the ’90s and it's") == []


def _people(data, text):
    from storyframes.autocode.coding import code_passages
    from storyframes.autocode.reading import read_text

    coded = code_passages("t", read_text(text).text, "", data)
    sentence = {p["passage_id"]: p["sentence"] for p in coded["passages"]}
    return {(sentence[r["passage_id"]], r["person"]): r for r in coded["passage_people"]}


def test_a_quote_closed_by_two_single_marks_ends_there(data):
    rows = _people(data, "Chief Steve Anderson spoke.\n''We want the jail for the dangerous,'' Anderson said. He left at noon.\n")
    assert rows[(2, "Steven Anderson")]["mention"] == "quoted"
    assert rows[(2, "Steven Anderson")]["quote_text"] == "We want the jail for the dangerous,"
    assert not any(k[0] == 3 for k in rows)  # the next sentence has no quotation and names nobody


@pytest.mark.parametrize("sentence, channel, outlet", [
    ('"It is obvious," McCarthy told the Times.', "other_outlet", "The Times"),
    ('"It is obvious," Garry McCarthy said, according to the Los Angeles Times.', "other_outlet", "Los Angeles Times"),
    ('"It is obvious," McCarthy told Channel 2.', "other_outlet", "Channel 2"),
    ('"We need to rethink who we put in jail," the group said, according to the Times.', "other_outlet", "The Times"),
    ('"It is obvious," McCarthy told reporters.', "own_words", ""),
    ('A statement from the group said "good policing means more than making arrests."', "statement", ""),
    ('"We need less incarceration," the group said in its statement.', "statement", ""),
    ('"It is obvious," said McCarthy.', "own_words", ""),
])
def test_where_quoted_words_came_from(data, sentence, channel, outlet):
    rows = _people(data, "Garry McCarthy spoke on Wednesday.\n" + sentence + "\n")
    quoted = [r for (n, _), r in rows.items() if n == 2 and r["mention"] == "quoted"]
    assert len(quoted) == 1
    assert (quoted[0]["quote_channel"], quoted[0]["channel_outlet"]) == (channel, outlet)


def test_a_transcript_label_names_the_speaker(data):
    rows = _people(data, 'Garry McCarthy spoke.\nMCCARTHY: "We arrest the same people over and over."\n')
    assert rows[(2, "Garry F. McCarthy")]["mention"] == "quoted"
