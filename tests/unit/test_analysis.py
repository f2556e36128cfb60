"""The analysis functions (storyframes.analysis.measures) on tiny made-up tables worked out by hand.

The shared fixture: two outlets, A (5 prose sentences + 1 furniture line at the end) and B
(1 furniture line first, then 3 prose sentences). Word counts (text.count_words):

    a-01 ¶1 s1  "Those dudes in blue hate arrests."         6 words   prose rank 1 of 5, pos 0.00 lede
    a-02 ¶1 s2  "The pigs want mandatory minimums cut."     6         rank 2, pos 0.25 body
    a-03 ¶2 s3  "“We can do better,” the group said."       7         rank 3, pos 0.50 body
    a-04 ¶2 s4  "Cops like it."                             3         rank 4, pos 0.75 body
    a-05 ¶3 s5  "It is encouraging."                        3         rank 5, pos 1.00 closing
    a-06 ¶4 s6  "Cops photo via AP."                        furniture (ignored everywhere)
    b-01 ¶1 s1  "Watch Live"                                furniture
    b-02 ¶2 s2  "The group urged community ties."           5         rank 1 of 3, pos 0.0 lede
    b-03 ¶2 s3  "Officers should “engage with community members.”"  6   rank 2, pos 0.5 body
    b-04 ¶3 s4  "Police chiefs met Obama."                  4         rank 3, pos 1.0 closing

    prose words: A = 6+6+7+3+3 = 25, B = 5+6+4 = 15
"""

import math

import pandas as pd
import pytest

from storyframes.analysis import measures as A
from storyframes.core.text import count_syllables, count_words, word_syllables


def passages_frame(rows):
    cols = ["passage_id", "article_id", "paragraph", "sentence", "text", "is_furniture"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["sentence_in_paragraph"] = frame.groupby(["article_id", "paragraph"]).cumcount() + 1
    frame["char_start"], frame["char_end"] = 0, frame["text"].str.len()
    frame["furniture_kind"] = ["credit" if f else "" for f in frame["is_furniture"]]
    frame["word_count"] = frame["text"].map(count_words)
    frame["syllables"] = frame["text"].map(count_syllables)
    frame["is_furniture"] = frame["is_furniture"].astype(bool)
    return frame


@pytest.fixture
def passages():
    return passages_frame([
        ("a-01", "a", 1, 1, "Those dudes in blue hate arrests.", False),
        ("a-02", "a", 1, 2, "The pigs want mandatory minimums cut.", False),
        ("a-03", "a", 2, 3, "“We can do better,” the group said.", False),
        ("a-04", "a", 2, 4, "Cops like it.", False),
        ("a-05", "a", 3, 5, "It is encouraging.", False),
        ("a-06", "a", 4, 6, "Cops photo via AP.", True),
        ("b-01", "b", 1, 1, "Watch Live", True),
        ("b-02", "b", 2, 2, "The group urged community ties.", False),
        ("b-03", "b", 2, 3, "Officers should “engage with community members.”", False),
        ("b-04", "b", 3, 4, "Police chiefs met Obama.", False),
    ])


@pytest.fixture
def articles():
    return pd.DataFrame({"article_id": ["a", "b"], "outlet_id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"],
                         "headline": ["Head A", "Head B"], "word_count": [25, 15], "sentence_count": [5, 3]})


@pytest.fixture
def codes():
    rows = [
        ("a-01", "crime_punishment", "mocking", "supportive"),
        ("a-02", "crime_punishment", "mocking", "supportive"),
        ("a-03", "policy", "neutral", "supportive"),
        ("a-04", "crime_punishment", "critical", "neutral"),
        ("a-05", "policy", "favourable", "supportive"),
        ("a-06", "other", "mocking", "not_applicable"),  # furniture: must not count
        ("b-02", "policy", "neutral", "supportive"),
        ("b-03", "policy", "neutral", "supportive"),
        ("b-04", "political", "not_applicable", "neutral"),
    ]
    frame = pd.DataFrame(rows, columns=["passage_id", "frame", "tone_police", "stance_reform"])
    return frame.assign(rationale="")


@pytest.fixture
def principles():
    return pd.DataFrame({"principle_id": ["P1", "P3", "P4"], "short_label": ["Alternatives", "Minimums", "Community"]})


@pytest.fixture
def passage_principles():
    rows = [
        ("a-02", "P3", "paraphrased"),
        ("a-05", "P3", "quoted"),
        ("a-06", "P1", "quoted"),  # furniture: must not count
        ("b-02", "P4", "paraphrased"),
        ("b-03", "P4", "quoted"),
        ("b-04", "P1", "paraphrased"),
    ]
    return pd.DataFrame(rows, columns=["passage_id", "principle_id", "reference"]).assign(reason="")


@pytest.fixture
def people():
    cols = ["passage_id", "name_in_source", "person", "person_kind", "member_id", "mention", "quote_channel", "channel_outlet", "quote_text"]
    rows = [
        ("a-01", "Chief Smith", "Jo Smith", "person", "m1", "named", "", "", ""),
        ("a-03", "the group", "The Group", "organization", "", "quoted", "statement", "", "We can do better,"),        # 4 words
        ("a-05", "Smith", "Jo Smith", "person", "m1", "quoted", "other_outlet", "New York Times", "It is encouraging."),  # 3
        ("a-06", "AP", "AP", "outlet", "", "named", "", "", ""),  # furniture: must not count
        ("b-02", "The group", "The Group", "organization", "", "named", "", "", ""),
        ("b-03", "", "The Group", "organization", "", "quoted", "statement", "", "engage with community members."),  # 4
        ("b-04", "Obama", "Barack Obama", "person", "", "named", "", "", ""),
        ("b-04", "Chief Lee", "Pat Lee", "person", "m2", "quoted", "statement", "", "met Obama"),  # 2; a person's statement
    ]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture
def lexicon():
    rows = [
        ("a", "dudes in blue", "police", "slang", "a-01"),
        ("a", "pigs", "police", "pejorative", "a-02"),
        ("a", "cops", "police", "slang", "a-04"),
        ("b", "police chiefs", "police", "formal", "b-04"),
        ("b", "community ties", "reform", "neutral", "b-02"),
    ]
    return pd.DataFrame(rows, columns=["article_id", "term", "target", "register", "first_passage_id"]).assign(note="")


# --- shared helpers ---------------------------------------------------------------------------

@pytest.mark.parametrize(("position", "label"), [(0.0, "lede"), (0.2, "lede"), (0.2000001, "body"), (0.75, "body"),
                                                 (0.8, "closing"), (1.0, "closing")])
def test_position_label(position, label):
    assert A.position_label(position) == label


def test_prose_ranks_positions_and_drops_furniture(passages, articles):
    p = A.prose(passages, articles)
    assert p["passage_id"].tolist() == ["a-01", "a-02", "a-03", "a-04", "a-05", "b-02", "b-03", "b-04"]
    # A: (rank-1)/(5-1) = 0, .25, .5, .75, 1;  B: (rank-1)/(3-1) = 0, .5, 1
    assert p["position"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0, 0.0, 0.5, 1.0]
    assert p["position_label"].tolist() == ["lede", "body", "body", "body", "closing", "lede", "body", "closing"]
    assert p["words"].tolist() == [6, 6, 7, 3, 3, 5, 6, 4]
    # a single prose sentence sits at position 0 (no division by zero)
    one = A.prose(passages[passages["passage_id"] == "a-01"], articles)
    assert one["position"].tolist() == [0.0] and one["position_label"].tolist() == ["lede"]


# --- 1. fightin' words ------------------------------------------------------------------------

@pytest.fixture
def two_group():
    # A: tokens cops, cops, reform (n_A = 3); the furniture line must not add three "police".
    # B: tokens reform, reform, police (n_B = 3).  Corpus: cops 2, reform 3, police 1; N = 6.
    p = passages_frame([
        ("a-1", "a", 1, 1, "Cops cops reform.", False),
        ("a-2", "a", 2, 2, "Police police police.", True),
        ("b-1", "b", 1, 1, "Reform reform police.", False),
    ])
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet_id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"]})
    return p, arts


def test_fightin_words_by_hand(two_group):
    p, arts = two_group
    out = A.fightin_words(p, arts, prior_scale=1.0, min_count=2)
    # prior_scale 1: a0 = N = 6, a_w = corpus count: a_cops = 2, a_reform = 3, a_police = 1.
    # A, "cops": y_i = 2, y_j = 0, a = 2
    #   delta = log((2+2)/(3+6-2-2)) - log((0+2)/(3+6-0-2)) = log(4/5) - log(2/7) = log(2.8) = 1.0296194
    #   var = 1/4 + 1/2 = 0.75;  z = 1.0296194 / 0.8660254 = 1.1889021
    # A, "reform": y_i = 1, y_j = 2, a = 3
    #   delta = log(4/(9-4)) - log(5/(9-5)) = log(4/5) - log(5/4) = log(0.64) = -0.4462871
    #   var = 1/4 + 1/5 = 0.45;  z = -0.4462871 / 0.6708204 = -0.6652855
    # A, "police": y_i = 0, y_j = 1, a = 1
    #   delta = log(1/(9-1)) - log(2/(9-2)) = log(1/8) - log(2/7) = log(7/16) = -0.8266786
    #   var = 1/1 + 1/2 = 1.5;  z = -0.8266786 / 1.2247449 = -0.6749802
    a = out[out["outlet_id"] == "a"]
    assert a["term"].tolist() == ["cops", "reform", "police"]  # z descending: 1.189 > -0.665 > -0.675
    assert a["count"].tolist() == [2, 1, 0] and a["count_others"].tolist() == [0, 2, 1]
    assert a["delta"].tolist() == pytest.approx([math.log(2.8), math.log(0.64), math.log(7 / 16)])
    assert a["variance"].tolist() == pytest.approx([0.75, 0.45, 1.5])
    assert a["z"].tolist() == pytest.approx([1.1889021, -0.6652855, -0.6749802], abs=1e-6)
    assert a["low_count"].tolist() == [False, True, True]  # min_count 2: 2 is enough, 1 and 0 are not
    # Two groups: B against A is the mirror image (delta and z change sign, variance is the same).
    b = out[out["outlet_id"] == "b"]
    assert b["term"].tolist() == ["police", "reform", "cops"]
    assert b["z"].tolist() == pytest.approx([0.6749802, 0.6652855, -1.1889021], abs=1e-6)
    assert list(out.columns) == ["outlet_id", "outlet", "term", "count", "count_others", "delta", "variance", "z", "low_count"]


def test_fightin_words_prior_scale_and_default_min_count(two_group):
    p, arts = two_group
    out = A.fightin_words(p, arts, prior_scale=0.5)
    # prior_scale 0.5: a0 = 3, a_cops = 1.  A, "cops":
    #   delta = log((2+1)/(3+3-2-1)) - log((0+1)/(3+3-0-1)) = log(3/3) - log(1/5) = log 5 = 1.6094379
    #   var = 1/3 + 1/1 = 4/3;  z = 1.6094379 / 1.1547005 = 1.3938141
    cops = out[(out["outlet_id"] == "a") & (out["term"] == "cops")].iloc[0]
    assert cops["delta"] == pytest.approx(math.log(5))
    assert cops["z"] == pytest.approx(1.3938141, abs=1e-6)
    assert out["low_count"].all()  # default min_count 3: every count here (0..2) is below it


def test_fightin_words_keeps_multiword_terms_and_edge_cases(two_group):
    p = passages_frame([("a-1", "a", 1, 1, "Mass incarceration grows.", False), ("b-1", "b", 1, 1, "Reform works.", False)])
    arts = two_group[1]
    assert "mass incarceration" in set(A.fightin_words(p, arts)["term"])
    one_outlet = A.fightin_words(p, arts[arts["outlet_id"] == "a"])
    assert one_outlet.empty and "z" in one_outlet.columns  # nothing to compare against
    with pytest.raises(ValueError):
        A.fightin_words(p, arts, prior_scale=0)


# --- 2. frames --------------------------------------------------------------------------------

def test_frame_profile(passages, articles, codes):
    out = A.frame_profile(passages, articles, codes)
    # A: crime_punishment a-01, a-02, a-04 = 3/5 = 0.6; policy a-03, a-05 = 2/5 = 0.4 ("other" is furniture)
    # B: policy b-02, b-03 = 2/3; political b-04 = 1/3
    assert out[["outlet_id", "frame", "n", "n_prose"]].values.tolist() == [
        ["a", "crime_punishment", 3, 5], ["a", "policy", 2, 5], ["b", "policy", 2, 3], ["b", "political", 1, 3]]
    assert out["share"].tolist() == pytest.approx([0.6, 0.4, 2 / 3, 1 / 3])


def test_frame_profile_ties_follow_frame_code_order(passages, articles, codes):
    # Make B 1 policy, 1 political, 1 economic: all n = 1, so code order: economic, policy, political.
    codes = codes.copy()
    codes.loc[codes["passage_id"] == "b-03", "frame"] = "economic"
    b = A.frame_profile(passages, articles, codes).query("outlet_id == 'b'")
    assert b["frame"].tolist() == ["economic", "policy", "political"]


def test_frame_difference(passages, articles, codes):
    prof = A.frame_profile(passages, articles, codes)
    out = A.frame_difference(prof, "a", "b")
    # crime_punishment 0.6 - 0 = 0.6; political 0 - 1/3 = -0.333; policy 0.4 - 2/3 = -0.267 -> by |diff|
    assert out["frame"].tolist() == ["crime_punishment", "political", "policy"]
    assert out["diff"].tolist() == pytest.approx([0.6, -1 / 3, 0.4 - 2 / 3])
    assert out["share_b"].tolist() == pytest.approx([0.0, 1 / 3, 2 / 3])
    assert out["n_a"].tolist() == [3, 0, 2]


# --- 3. principles ----------------------------------------------------------------------------

def test_principle_coverage(passages, articles, passage_principles, principles):
    out = A.principle_coverage(passages, articles, passage_principles, principles).set_index(["outlet_id", "principle_id"])
    assert len(out) == 6  # 2 outlets x 3 principles, omissions included
    # A, P3: a-02 paraphrased + a-05 quoted -> quoted; words 6 + 3 = 9; 9/25 = 0.36;
    #        first a-02 = sentence 2, prose rank 2 of 5 -> (2-1)/(5-1) = 0.25 -> body
    a3 = out.loc[("a", "P3")]
    assert (a3["status"], a3["n_sentences"], a3["n_quoted"], a3["words"]) == ("quoted", 2, 1, 9)
    assert a3["share_of_words"] == pytest.approx(0.36)
    assert (a3["first_sentence"], a3["first_position"], a3["first_passage_id"], a3["position_label"]) == (2, 0.25, "a-02", "body")
    assert a3["passage_ids"] == "a-02, a-05"
    # A, P1: only the furniture line a-06 refers to it -> omitted
    a1 = out.loc[("a", "P1")]
    assert (a1["status"], a1["n_sentences"], a1["share_of_words"], a1["first_passage_id"], a1["position_label"]) == ("omitted", 0, 0.0, "", "—")
    assert pd.isna(a1["first_sentence"]) and pd.isna(a1["first_position"])
    # B, P4: b-02 paraphrased + b-03 quoted -> quoted; words 5 + 6 = 11; 11/15;
    #        first b-02 is sentence 2 (b-01 is furniture) but prose rank 1 -> position 0 -> lede
    b4 = out.loc[("b", "P4")]
    assert (b4["status"], b4["n_sentences"], b4["first_sentence"], b4["first_position"], b4["position_label"]) == ("quoted", 2, 2, 0.0, "lede")
    assert b4["share_of_words"] == pytest.approx(11 / 15)
    # B, P1: b-04 paraphrased; 4/15; rank 3 of 3 -> position 1 -> closing
    b1 = out.loc[("b", "P1")]
    assert (b1["status"], b1["first_sentence"], b1["first_position"], b1["position_label"]) == ("paraphrased", 4, 1.0, "closing")
    assert b1["share_of_words"] == pytest.approx(4 / 15)
    assert out.loc[("b", "P3"), "status"] == "omitted" and out.loc[("a", "P4"), "status"] == "omitted"


def test_principle_coverage_pools_an_outlets_articles(passages, articles, passage_principles, principles):
    """A second article of outlet A ("a2": one prose sentence quoting P4) joins A's row, not a row of its own."""
    more = pd.concat([passages, passages_frame([("a2-01", "a2", 1, 1, "They “engage with community members.”", False)])],
                     ignore_index=True)
    arts = pd.concat([articles, pd.DataFrame({"article_id": ["a2"], "outlet_id": ["a"], "outlet": ["Outlet A"], "headline": ["A again"],
                                              "word_count": [5], "sentence_count": [1]})], ignore_index=True)
    refs = pd.concat([passage_principles, pd.DataFrame({"passage_id": ["a2-01"], "principle_id": ["P4"], "reference": ["quoted"],
                                                        "reason": [""]})], ignore_index=True)
    out = A.principle_coverage(more, arts, refs, principles).set_index(["outlet_id", "principle_id"])
    assert len(out) == 6 and not out.index.duplicated().any()  # still 2 outlets x 3 principles
    a4 = out.loc[("a", "P4")]
    # 25 + 5 prose words in A's two articles; the new sentence (5 words) is A's only P4 sentence
    assert (a4["status"], a4["n_sentences"], a4["words"], a4["first_passage_id"]) == ("quoted", 1, 5, "a2-01")
    assert a4["share_of_words"] == pytest.approx(5 / 30) and out.loc[("a", "P4"), "article_id"] == "a"
    assert out.loc[("a", "P3"), "share_of_words"] == pytest.approx(9 / 30)


def test_principle_coverage_order(passages, articles, passage_principles, principles):
    out = A.principle_coverage(passages, articles.iloc[::-1], passage_principles, principles)
    # outlet order follows `articles` (here B first), then the principles table
    assert list(zip(out["outlet_id"], out["principle_id"])) == [
        ("b", "P1"), ("b", "P3"), ("b", "P4"), ("a", "P1"), ("a", "P3"), ("a", "P4")]


# --- 4. voices --------------------------------------------------------------------------------

def test_voices(passages, articles, people):
    out = A.voices(passages, articles, people)
    # A: Jo Smith named a-01 + quoted a-05 -> n_named 2, n_quoted 1, 3 quote words, via the NYT;
    #    The Group quoted a-03 -> 1, 1, 4 words.  Tie on n_quoted (1) -> n_named decides.  AP is furniture.
    # B: The Group b-02 named + b-03 quoted -> 2, 1, 4;  Pat Lee 1, 1, 2;  Barack Obama 1, 0, 0.
    assert out[["outlet_id", "person", "n_named", "n_quoted", "quote_words"]].values.tolist() == [
        ["a", "Jo Smith", 2, 1, 3], ["a", "The Group", 1, 1, 4],
        ["b", "The Group", 2, 1, 4], ["b", "Pat Lee", 1, 1, 2], ["b", "Barack Obama", 1, 0, 0]]
    smith = out.iloc[0]
    assert (smith["member"], smith["member_ids"], smith["channels"], smith["channel_outlets"], smith["passage_ids"]) == (
        True, "m1", "other_outlet", "New York Times", "a-01, a-05")
    assert out["member"].tolist() == [True, False, False, True, False]
    assert out["person_kind"].tolist() == ["person", "organization", "organization", "person", "person"]


def test_quotes_per_100_words(passages, articles, people):
    out = A.quotes_per_100_words(passages, articles, people)
    # A: quoted rows with text a-03, a-05 = 2 in 25 words -> 8.0 per 100; quote words 4 + 3 = 7 -> 7/25
    # B: b-03, b-04 = 2 in 15 words -> 13.33 per 100; quote words 4 + 2 = 6 -> 6/15
    assert out["n_quotes"].tolist() == [2, 2] and out["words"].tolist() == [25, 15]
    assert out["quotes_per_100_words"].tolist() == pytest.approx([8.0, 200 / 15])
    assert out["quoted_word_share"].tolist() == pytest.approx([7 / 25, 6 / 15])


# --- 5. lexicon -------------------------------------------------------------------------------

def test_lexicon_table(lexicon, articles):
    out = A.lexicon_table(lexicon, articles)
    # target order police < reform; register order formal < slang < pejorative; then term
    assert out[["target", "register", "term", "outlet"]].values.tolist() == [
        ["police", "formal", "police chiefs", "Outlet B"],
        ["police", "slang", "cops", "Outlet A"],
        ["police", "slang", "dudes in blue", "Outlet A"],
        ["police", "pejorative", "pigs", "Outlet A"],
        ["reform", "neutral", "community ties", "Outlet B"],
    ]
    assert A.lexicon_table(lexicon, articles[articles["outlet_id"] == "b"])["term"].tolist() == ["police chiefs", "community ties"]


def test_term_counts(lexicon, passages):
    out = A.term_counts(lexicon, passages)
    # "Cops" in a-04 counts (case-insensitive); the furniture "Cops photo via AP." does not.
    assert out[["article_id", "term", "count", "passage_ids"]].values.tolist() == [
        ["a", "cops", 1, "a-04"], ["a", "dudes in blue", 1, "a-01"], ["a", "pigs", 1, "a-02"],
        ["b", "community ties", 1, "b-02"], ["b", "police chiefs", 1, "b-04"]]


@pytest.mark.parametrize(("term", "text", "n"), [
    ("cops", "Cops, COPS and cops'", 3),
    ("cops", "a copse of cop", 0),           # whole words only
    ("don't", "Don’t stop. DON'T.", 2),       # curly and straight apostrophes alike
    ("top brass", "the top  brass, Top Brass", 2),
    ("", "anything", 0),
])
def test_count_term(term, text, n):
    assert A.count_term(term, text) == n


# --- 6. tone ----------------------------------------------------------------------------------

def test_vader_scores_by_hand():
    p = passages_frame([
        ("x-1", "x", 1, 1, "It is encouraging.", False),
        ("x-2", "x", 1, 2, "This is bad and awful.", False),
        ("x-3", "x", 1, 3, "The group met.", False),
    ])
    out = A.vader_scores(p)
    # VADER: compound = s / sqrt(s^2 + 15), s = sum of lexicon valences
    #   "encouraging" 2.4: 2.4 / sqrt(5.76 + 15) = 0.5267
    #   "bad" -2.5 + "awful" -2.0 = -4.5: -4.5 / sqrt(20.25 + 15) = -0.7579
    #   no lexicon word: 0
    assert out["vader_compound"].tolist() == pytest.approx([0.5267, -0.7579, 0.0], abs=1e-4)
    assert out["vader_label"].tolist() == ["positive", "negative", "neutral"]


@pytest.mark.parametrize(("compound", "label"), [(0.05, "positive"), (0.0499, "neutral"), (-0.0499, "neutral"), (-0.05, "negative")])
def test_vader_label_thresholds(compound, label):
    assert A.vader_label(compound) == label


@pytest.fixture
def sentiment():
    rows = [("a-01", 0.4404), ("a-02", -0.2), ("a-03", 0.05), ("a-04", 0.3612), ("a-05", -0.05),
            ("b-02", 0.0), ("b-03", 0.0), ("b-04", 0.0)]
    frame = pd.DataFrame(rows, columns=["passage_id", "vader_compound"])
    return frame.assign(vader_label=frame["vader_compound"].map(A.vader_label))


def test_tone_along(passages, codes, sentiment, articles):
    out = A.tone_along(passages, codes, sentiment=sentiment)
    assert out["passage_id"].tolist() == ["a-01", "a-02", "a-03", "a-04", "a-05", "b-02", "b-03", "b-04"]
    # mocking -2, critical -1, neutral 0, favourable +1, not_applicable NA
    assert out["tone_score"].tolist()[:7] == [-2, -2, 0, -1, 1, 0, 0] and pd.isna(out["tone_score"].iloc[7])
    assert out["stance_score"].tolist() == [1, 1, 1, 0, 1, 1, 1, 0]
    assert out["position"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0, 0.0, 0.5, 1.0]
    # a-01 mocking + positive -> yes; a-02 mocking + negative -> no; a-03 neutral -> no;
    # a-04 critical + positive -> yes; a-05 favourable + negative (-0.05 is the cut-off) -> yes
    assert out["disagreement"].tolist() == [True, False, False, True, True, False, False, False]
    assert A.tone_disagreements(out)["passage_id"].tolist() == ["a-01", "a-04", "a-05"]
    assert "outlet" not in out.columns
    with_outlets = A.tone_along(passages, codes, sentiment=sentiment, articles=articles.iloc[::-1])
    assert with_outlets.columns[:2].tolist() == ["outlet_id", "outlet"] and with_outlets["outlet_id"].iloc[0] == "b"


def test_tone_along_uncoded_sentence_and_computed_vader(passages, codes):
    out = A.tone_along(passages, codes[codes["passage_id"] != "a-03"])  # VADER computed inside
    row = out.set_index("passage_id").loc["a-03"]
    assert row["tone_police"] == "" and pd.isna(row["tone_score"]) and not row["disagreement"]
    # "It is encouraging." (a-05) = +0.5267 positive, hand-coded favourable -> agree
    assert out.set_index("passage_id").loc["a-05", "vader_compound"] == pytest.approx(0.5267, abs=1e-4)



def test_vader_scores_are_read_from_the_passages_when_the_package_has_them(passages, codes):
    """The package's passages carry VADER's score (built with text.vader_compound); the app reads it
    and never scores the text again in a reader's request. Without the column it scores the text."""
    from storyframes.core.text import vader_compound

    computed = A.vader_scores(passages)
    assert computed["vader_compound"].tolist() == [vader_compound(t) for t in passages["text"]]
    stored = A.vader_scores(passages.assign(vader_compound=-0.9))  # a stored score wins over the text
    assert stored["vader_compound"].tolist() == [-0.9] * len(passages) and set(stored["vader_label"]) == {"negative"}
    along = A.tone_along(passages.assign(vader_compound=-0.9), codes)  # the stored score reaches the tone table
    assert along["vader_compound"].tolist() == [-0.9] * len(along) and set(along["vader_label"]) == {"negative"}


def test_the_package_stores_vader_scores_of_its_own_sentences():
    from storyframes.core.data import load_package
    from storyframes.core.text import vader_compound

    p = load_package().passages
    assert p["vader_compound"].tolist() == [vader_compound(t) for t in p["text"]]

# --- 7. headlines -----------------------------------------------------------------------------

def test_headline_vs_body(passages, articles, codes):
    prof = A.frame_profile(passages, articles, codes)
    coverage = pd.DataFrame({"coverage_id": ["c1", "c2", "c3", "c4"], "outlet_id": ["a", "b", "x", "y"],
                             "outlet": ["Outlet A", "Outlet B", "Outlet X", "Outlet Y"], "headline": ["h1", "h2", "h3", "h4"],
                             "article_id": ["a", "b", "", ""]})
    hcodes = pd.DataFrame({"coverage_id": ["c1", "c2", "c3"], "frame": ["crime_punishment", "crime_punishment", "policy"],
                           "key_terms": ["cops; arrests", "mass incarceration", "chiefs"], "headline_stance": ["supportive", "neutral", "neutral"],
                           "rationale": ""})
    out = A.headline_vs_body(coverage, hcodes, prof)
    # A body: crime_punishment 3/5 -> agrees; B body: policy 2/3 -> disagrees; X: headline only; Y: uncoded
    assert out["body_dominant_frame"].tolist() == ["crime_punishment", "policy", "", ""]
    assert out["body_share"].tolist()[:2] == pytest.approx([0.6, 2 / 3]) and out["body_share"].iloc[2:].isna().all()
    assert out["agrees"].tolist()[:2] == [True, False] and out["agrees"].iloc[2:].isna().all()
    assert out.loc[3, "frame"] == "" and out.loc[0, "key_terms"] == "cops; arrests"


def test_dominant_frame_ties_by_code_order():
    prof = pd.DataFrame({"outlet_id": ["z", "z", "z"], "frame": ["morality", "economic", "policy"], "n": [2, 2, 1],
                         "share": [0.4, 0.4, 0.2]})
    assert A.dominant_frames(prof)["frame"].tolist() == ["economic"]  # economic precedes morality in the MFC list


# --- 8. readability ---------------------------------------------------------------------------

def test_readability_by_hand():
    p = passages_frame([
        ("a-1", "a", 1, 1, "The cat sat on the mat.", False),
        ("a-2", "a", 1, 2, "The dog ran to the cat.", False),
        ("a-3", "a", 2, 3, "Image via AP.", True),
        ("b-1", "b", 1, 1, "We walked home.", False),
        ("b-2", "b", 1, 2, "Dogs barked loudly at night.", False),
    ])
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet_id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"]})
    ppl = pd.DataFrame([("a-1", "X", "X", "person", "", "quoted", "own_words", "", "The cat sat")],
                       columns=["passage_id", "name_in_source", "person", "person_kind", "member_id", "mention", "quote_channel",
                                "channel_outlet", "quote_text"])
    out = A.readability(p, arts, ppl)
    # A: 12 words, 2 sentences, 12 one-syllable words: wps 6, spw 1
    #    FK = 0.39*6 + 11.8*1 - 15.59 = -1.45;  FRE = 206.835 - 1.015*6 - 84.6*1 = 116.145
    #    quotes: 1 per 12 words -> 8.333 per 100
    # B: 3 + 5 = 8 words, 2 sentences; syllables 1+1+1 + 1+1+2("loud-ly")+1+1 = 9: wps 4, spw 1.125
    #    FK = 0.39*4 + 11.8*1.125 - 15.59 = -0.755;  FRE = 206.835 - 4.06 - 95.175 = 107.6
    assert out["words"].tolist() == [12, 8] and out["sentences"].tolist() == [2, 2]
    assert out["avg_sentence_length"].tolist() == pytest.approx([6.0, 4.0])
    assert out["syllables_per_word"].tolist() == pytest.approx([1.0, 1.125])
    assert out["flesch_kincaid_grade"].tolist() == pytest.approx([-1.45, -0.755])
    assert out["flesch_reading_ease"].tolist() == pytest.approx([116.145, 107.6])
    assert out["quotes_per_100_words"].tolist() == pytest.approx([100 / 12, 0.0])
    # the syllables are read from the passages (precomputed when the package is built), not
    # recounted: 2 per word -> A: FK = 0.39*6 + 11.8*2 - 15.59 = 10.35
    twice = p.assign(syllables=p["word_count"] * 2)
    assert A.readability(twice, arts, ppl)["flesch_kincaid_grade"].iloc[0] == pytest.approx(10.35)


def test_syllables_of_words_and_sentences():
    assert word_syllables("low-level") == word_syllables("low") + word_syllables("level") == 3
    # "Dogs barked loudly at night.": 1 + 1 + 2 + 1 + 1 (CMU dictionary)
    assert count_syllables("Dogs barked loudly at night.") == 6
    assert count_syllables("") == 0 and count_syllables("— 1,000") == 2  # "1", "000": each word at least one


# --- 9. evidence ------------------------------------------------------------------------------

# --- 10. summary ------------------------------------------------------------------------------

def test_summary_facts(passages, articles, codes, passage_principles, people, lexicon):
    facts = A.summary_facts(passages, articles, codes, passage_principles, people, lexicon, principle_id="P4")
    # Statement quotes: principle quoted a-05, b-03 (a-06 is furniture); the group's statement a-03, b-03;
    # Pat Lee's own statement (b-04) does not count.  A {a-03, a-05} = 2, B {b-03} = 1.
    sq = facts["statement_quotes"]
    assert (sq["outlet_ids"], sq["n_sentences"], sq["passage_ids"]) == (["a"], 2, ["a-03", "a-05"])
    assert sq["table"]["n_sentences"].tolist() == [2, 1]
    # Police slang/pejorative: only A (cops, dudes in blue = slang; pigs = pejorative); B's "police chiefs" is formal
    ps = facts["police_slang"]
    assert ps["outlet_ids"] == ["a"] and ps["terms"] == {"a": ["cops", "dudes in blue", "pigs"]}
    assert ps["passage_ids"] == ["a-04", "a-01", "a-02"]
    # P4: A omitted, B quoted (b-02, b-03)
    p4 = facts["principle_mentions"]
    assert (p4["outlet_ids"], p4["how"], p4["passage_ids"]) == (["b"], {"a": "omitted", "b": "quoted"}, ["b-02", "b-03"])
    # Mocking: A 2 of 5 prose sentences (a-06 is furniture) = 0.4; B 0 of 3
    mk = facts["mocking"]
    assert (mk["outlet_ids"], mk["share"], mk["n"], mk["passage_ids"]) == (["a"], 0.4, 2, ["a-01", "a-02"])
    assert mk["table"]["share_mocking"].tolist() == pytest.approx([0.4, 0.0])


# --- empty input ------------------------------------------------------------------------------

def test_empty_passages_give_empty_results_with_columns(passages, articles, codes, passage_principles, principles, people, lexicon):
    """Every analysis function that reads sentences, on none: an empty result with its documented
    columns (the evidence lookups moved to storyframes.analysis.evidence and are tested there)."""
    none = passages.iloc[0:0]
    prose_columns = [*passages.columns, "outlet_id", "outlet", "prose_rank", "n_prose", "position", "position_label", "words"]
    tone = A.tone_along(none, codes, articles=articles)
    results = {
        "prose": (A.prose(none, articles), prose_columns),
        "fightin_words": (A.fightin_words(none, articles), A.FIGHTIN_COLUMNS),
        "frame_profile": (A.frame_profile(none, articles, codes), A.FRAME_PROFILE_COLUMNS),
        "frame_difference": (A.frame_difference(A.frame_profile(none, articles, codes), "a", "b"), A.FRAME_DIFF_COLUMNS),
        "principle_coverage": (A.principle_coverage(none, articles, passage_principles, principles), A.PRINCIPLE_COLUMNS),
        "voices": (A.voices(none, articles, people), A.VOICES_COLUMNS),
        "quotes_per_100_words": (A.quotes_per_100_words(none, articles, people), A.QUOTE_RATE_COLUMNS),
        "lexicon_table": (A.lexicon_table(lexicon, articles.iloc[0:0]), A.LEXICON_COLUMNS),
        "term_counts": (A.term_counts(lexicon, none), A.TERM_COUNT_COLUMNS),
        "vader_scores": (A.vader_scores(none), A.VADER_COLUMNS),
        "tone_along": (A.tone_along(none, codes), A.TONE_COLUMNS),
        "tone_along with articles": (tone, {"outlet_id": "str", "outlet": "str"} | A.TONE_COLUMNS),
        "tone_disagreements": (A.tone_disagreements(tone), {"outlet_id": "str", "outlet": "str"} | A.TONE_COLUMNS),
        "dominant_frames": (A.dominant_frames(A.frame_profile(none, articles, codes)), ["outlet_id", "frame", "share"]),
        "readability": (A.readability(none, articles, people), A.READABILITY_COLUMNS),
    }
    for name, (frame, spec) in results.items():
        assert list(frame.columns) == list(spec), name
        if name != "term_counts":  # term_counts keeps one row per lexicon term, with count 0
            assert frame.empty, name
    assert A.term_counts(lexicon, none)["count"].eq(0).all()
    hvb = A.headline_vs_body(pd.DataFrame({"coverage_id": ["c1"], "outlet_id": ["a"], "outlet": ["A"], "headline": ["h"], "article_id": ["a"]}),
                             pd.DataFrame(columns=["coverage_id", "frame", "key_terms", "headline_stance"]),
                             A.frame_profile(none, articles, codes))
    assert list(hvb.columns) == list(A.HEADLINE_COLUMNS) and pd.isna(hvb["agrees"].iloc[0])
    facts = A.summary_facts(none, articles, codes, passage_principles, people, lexicon, principle_id="P4")
    assert set(facts) == {"statement_quotes", "police_slang", "principle_mentions", "mocking"}
    assert all(f["outlet_ids"] == [] and f["passage_ids"] == [] for f in facts.values())
    assert facts["statement_quotes"]["n_sentences"] == 0 and facts["mocking"]["share"] == 0.0
