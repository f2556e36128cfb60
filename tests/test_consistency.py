"""One number, one place: every count a page states equals a recount with plain pandas.

For every full-text outlet × every single principle, one headline-only outlet × every principle
and every headline-only outlet at once, plus the default, the empty and the "full texts only"
selections, the views the pages lay out (cards, matrix, summary, parallel reading,
voices, word choice, tone) are checked against counts made here straight from the CSV files,
with nothing from `storyframes` but the path to `data/`. The parallel reading must agree with the
principle matrix cell by cell. (Page tests check that the pages show these views' values.)
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from storyframes.core.data import DATA_DIR, load_package
from storyframes.core.filters import Filters
from storyframes.core.text import escape_markdown
from storyframes.present.handout import plain
from storyframes.views import compare, framing, home, principles

WORD = re.compile(r"[a-z0-9]+(?:['’\-][a-z0-9]+)*")  # a word as a reader counts it


def csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


T = {n: csv(n) for n in ["passages", "articles", "outlets", "principles", "passage_principles", "passage_codes", "passage_people", "lexicon"]}
PROSE = T["passages"][T["passages"]["is_furniture"] == "False"].merge(T["articles"][["article_id", "outlet_id", "outlet"]], on="article_id")
FULL = T["outlets"][T["outlets"]["has_full_text"] == "true"]["outlet_id"].tolist()
ALL_OUTLETS = FULL + [o for o in T["outlets"]["outlet_id"] if o not in FULL]
PIDS = T["principles"]["principle_id"].tolist()
ALL_PRINCIPLES = PIDS + ["none"]
CODED = T["passage_principles"].groupby("passage_id")["principle_id"].agg(set)

HEADLINE_ONLY = [o for o in ALL_OUTLETS if o not in FULL]
# Every full-text outlet with every principle. A headline-only outlet has no card, cell or sentence
# in these views: one of them is checked with every principle, and all of them at once (a number
# of any one of them would show there).
SELECTIONS = (
    [pytest.param((o,), (p,), id=f"{o}-{p}") for o in [*FULL, HEADLINE_ONLY[0]] for p in ALL_PRINCIPLES]
    + [pytest.param(tuple(HEADLINE_ONLY), tuple(ALL_PRINCIPLES), id="every-headline-only"),
       pytest.param(tuple(ALL_OUTLETS), tuple(ALL_PRINCIPLES), id="default"),
       pytest.param((), (), id="empty"),
       pytest.param(tuple(FULL), tuple(ALL_PRINCIPLES), id="full-texts-only"),
       pytest.param(("gawker", "cbs"), ("P3",), id="gawker-cbs-P3"),
       pytest.param(("gawker", "cbs"), ("P4",), id="gawker-cbs-P4")]  # the teacher's trial: Gawker has no P4 sentence
)


@pytest.fixture(scope="module")
def data():
    return load_package()


def recount_selected(outlets, chosen) -> pd.DataFrame:
    """Prose sentences of the chosen outlets about a chosen principle (or about none, if chosen)."""
    rows = PROSE[PROSE["outlet_id"].isin(outlets)]
    keep = [bool(CODED.get(pid, {"none"}) & set(chosen)) for pid in rows["passage_id"]]
    return rows[keep]


def test_every_full_text_card_counts_match(data):
    for o in FULL:
        view = compare.build(data, Filters((o,), tuple(ALL_PRINCIPLES)))
        card = view.cards[0]
        mine = PROSE[PROSE["outlet_id"] == o]
        assert card.sentences == len(mine), o
        assert card.words == mine["word_count"].astype(int).sum(), o
        art = T["articles"].set_index("outlet_id").loc[o]
        assert (card.sentences, card.words) == (int(art["sentence_count"]), int(art["word_count"])), o


@pytest.mark.parametrize(("outlets", "chosen"), SELECTIONS)
def test_views_agree_with_a_recount(data, outlets, chosen):
    f = Filters(outlets, chosen)
    selected = recount_selected(outlets, chosen)
    full_chosen = [o for o in outlets if o in FULL]
    pv, cv, fv, hv = principles.build(data, f), compare.build(data, f), framing.build(data, f), home.build(data, f)

    # cards: whole-article prose, and how many of its sentences the principle filter keeps
    assert [c.outlet_id for c in cv.cards] == full_chosen
    for card in cv.cards:
        assert card.selected == int((selected["outlet_id"] == card.outlet_id).sum())

    # matrix: sentences per outlet × chosen principle (a sentence counts for every principle it is coded with)
    cells = {(r.outlet_id, r.principle_id): r.n_sentences for r in pv.coverage.itertuples()}
    expected = {}
    for o in full_chosen:
        for p in [p for p in PIDS if p in chosen]:
            ids = set(T["passage_principles"].loc[T["passage_principles"]["principle_id"] == p, "passage_id"])
            expected[(o, p)] = int(PROSE[(PROSE["outlet_id"] == o) & PROSE["passage_id"].isin(ids)].shape[0])
    assert cells == expected
    # the home page's reach sentence counts the same cells
    for p in [p for p in PIDS if p in chosen and full_chosen]:
        n = sum(1 for o in full_chosen if expected[(o, p)])
        assert hv.reach[p].startswith(f"Reported by {n} of the {len(full_chosen)} full text"), hv.reach[p]

    # who leaves which chosen principle out: the one "Left out" sentence, recounted from the cells
    # above, said alike by the matrix's caption, Home, In short, the tour and the handouts
    name = dict(zip(T["outlets"]["outlet_id"], T["outlets"]["outlet"]))
    want_left = {name[o]: [p for p in PIDS if (o, p) in expected and not expected[(o, p)]] for o in full_chosen}
    left = pv.left_out
    if not expected:
        assert left == ""
    elif not any(want_left.values()):
        assert left.startswith("Left out — none:"), left
    else:
        said = dict(part.split(": no sentence on ") for part in left.removeprefix("Left out — ").removesuffix(".").split("; "))
        assert {o: re.split(r", | or ", ps) for o, ps in said.items()} == {o: ps for o, ps in want_left.items() if ps}, left
    assert hv.left_out == left
    assert principles.handout(pv).lead == ((left,) if left else ())
    assert home.handout(hv).lead[1:] == ((left,) if left else ())

    if fv.empty_reason:
        assert selected.empty
        return
    sections = fv.sections
    in_short = [c.text for c in sections["In short"]]
    assert (escape_markdown(left) in in_short) == bool(left), in_short
    assert framing.handout(fv, section="In short").lead == tuple(plain(t) for t in in_short)
    if left and "Left out — none" not in left:
        assert sections["Principles"].left_out == left and framing.handout(fv, section="Principles").lead == (left,)

    # parallel reading: every chosen group, every outlet, exactly the recounted sentences
    for group in sections["Parallel reading"]:
        for o in full_chosen:
            shown = [s.passage_id for s in group.by_outlet[o]]
            mine = selected[selected["outlet_id"] == o]
            if group.group == "none":
                want = [p for p in mine["passage_id"] if p not in CODED]
            else:
                want = [p for p in mine["passage_id"] if group.group in CODED.get(p, set())]
                assert len(shown) == cells[(o, group.group)] or set(want) <= set(shown)  # cell by cell
                assert len(shown) == expected[(o, group.group)]
            assert shown == want, (group.group, o)

    # summary: the mocking claim's numbers
    tone = T["passage_codes"].set_index("passage_id")["tone_police"]
    mocking = selected.assign(m=selected["passage_id"].map(tone) == "mocking").groupby("outlet")["m"].agg(["sum", "size"])
    claim = next(c.text for c in sections["In short"] if "mock" in c.text)
    if mocking["sum"].max() == 0:
        assert claim == "No selected sentence mocks law enforcement."
    else:
        share = mocking["sum"] / mocking["size"]
        top = share.idxmax()
        assert f"**{escape_markdown(top)}** is the most mocking: {int(mocking.loc[top, 'sum'])} of its {int(mocking.loc[top, 'size'])} selected sentences ({share.max():.0%})" in claim

    # summary: the slang claim names exactly the police slang or insults found in the selected sentences
    slang_claim = next(c.text for c in sections["In short"] if "slang or insults" in c.text)
    police_slang = T["lexicon"][(T["lexicon"]["target"] == "police") & T["lexicon"]["register"].isin(["slang", "pejorative"])]
    for r in police_slang.merge(T["articles"][["article_id", "outlet_id"]], on="article_id").itertuples():
        texts = selected.loc[selected["outlet_id"] == r.outlet_id, "text"].str.replace("’", "'").str.lower()
        found = texts.str.contains(r"(?<!\w)" + re.escape(r.term.replace("’", "'").lower()) + r"(?!\w)", regex=True).any()
        assert (f"“{escape_markdown(r.term)}”" in slang_claim) == found, (r.term, slang_claim)

    # summary: sentences quoting the group's Statement (a principle quoted, or the group's statement quoted)
    pp_all = T["passage_people"]
    statement = set(T["passage_principles"].loc[T["passage_principles"]["reference"] == "quoted", "passage_id"]) | set(
        pp_all.loc[(pp_all["mention"] == "quoted") & (pp_all["quote_channel"] == "statement") & (pp_all["person_kind"] == "organization"), "passage_id"])
    per_outlet = selected.assign(q=selected["passage_id"].isin(statement)).groupby("outlet")["q"].sum()
    quote_claim = next(c for c in sections["In short"] if "Statement" in c.text)
    if per_outlet.max() == 0:
        assert quote_claim.text == "No selected sentence quotes the group's Statement."
    else:
        n = int(per_outlet.max())
        assert f"the group's Statement most: in {n} sentence{'s' if n != 1 else ''}" in quote_claim.text
        assert set(quote_claim.passage_ids) == set(selected.loc[selected["passage_id"].isin(statement) & (selected["outlet"] == per_outlet.idxmax()), "passage_id"])

    # voices: quoted words per outlet and person, in the selected sentences
    pp = T["passage_people"].merge(selected[["passage_id", "outlet_id"]], on="passage_id")
    quoted = pp[pp["mention"] == "quoted"].assign(person=lambda f: f["person"].where(f["person"] != "", f["name_in_source"]),
                                                  words=lambda f: f["quote_text"].map(lambda t: len(WORD.findall(t.lower()))))
    want_words = quoted.groupby(["outlet_id", "person"])["words"].sum()
    voices = sections["Voices"].table
    got_words = {(o, p): w for o, p, w in zip(voices["Outlet"].map(dict(zip(T["outlets"]["outlet"], T["outlets"]["outlet_id"]))),
                                              voices["Person"], voices["Quoted words"]) if w}
    assert got_words == {k: v for k, v in want_words.items() if v}

    # word choice: register counts of the lexicon terms that occur in the selected sentences
    lex = T["lexicon"].merge(T["articles"][["article_id", "outlet_id"]], on="article_id")
    want_terms = {}
    for r in lex.itertuples():
        texts = selected.loc[selected["outlet_id"] == r.outlet_id, "text"].str.replace("’", "'").str.lower()
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in r.term.replace("’", "'").lower().split()) + r"(?!\w)"
        if texts.str.contains(pattern, regex=True).any():
            want_terms[(r.outlet_id, r.register)] = want_terms.get((r.outlet_id, r.register), 0) + 1
    spec_rows = sections["Words"].lexicon.chart.spec["datasets"]
    counts = next(iter(spec_rows.values()))
    assert {(c["outlet_id"], c["register"]): c["terms"] for c in counts} == want_terms

    # tone: hand-coded tone of each selected sentence (the Tone chart's points and the Compare chart's)
    toned = selected.assign(tone=selected["passage_id"].map(tone))
    want_tone = toned[toned["tone"].isin(["mocking", "critical", "neutral", "favourable"])].groupby(["outlet", "tone"]).size().to_dict()
    compare_points = next(iter(cv.tone.chart.spec["datasets"].values()))
    got_tone = pd.DataFrame(compare_points).groupby(["outlet", "tone_police"]).size().to_dict()
    assert got_tone == want_tone
    framing_points = pd.concat([pd.DataFrame(next(iter(c.spec["datasets"].values()))) for c in sections["Tone"].charts.values()])
    assert sorted(framing_points["passage_id"]) == sorted(selected["passage_id"])

    # frames: each bar is the recounted number of selected sentences with that frame
    frame = T["passage_codes"].set_index("passage_id")["frame"]
    want_frames = selected.assign(frame=selected["passage_id"].map(frame)).groupby(["outlet_id", "frame"]).size().to_dict()
    got_frames = {(r.outlet_id, r.frame): r.n for r in sections["Frames"].profile.itertuples()}
    assert got_frames == want_frames
    assert {(r.outlet_id, r.frame): r.n for r in cv.frames.profile.itertuples()} == want_frames


def test_full_text_sections_do_not_depend_on_headline_only_outlets(data):
    """The Framing page keys its full-text sections by the chosen full texts alone (a headline-only
    pill does not rebuild them); that is only right if adding such outlets changes nothing."""
    with_headlines = Filters(("gawker", "nyt", "cbs", "npr"), ("P1", "none"))
    only_full = with_headlines.keep_outlets(FULL)
    assert only_full == Filters(("gawker", "cbs"), ("P1", "none"))
    for section in framing.SECTIONS:
        if section in framing.READS_HEADLINES:
            continue
        a, b = framing.build_section(data, with_headlines, section), framing.build_section(data, only_full, section)
        assert repr(a) == repr(b), section
    assert repr(framing.build_section(data, with_headlines, "Headlines & readability")) != repr(
        framing.build_section(data, only_full, "Headlines & readability"))
