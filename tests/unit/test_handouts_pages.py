"""The printable handouts of Home, Members & cities, Framing analysis (one per tab) and Sources &
method: each built from its page's View for the reader's filters (never recomputed), its numbers
the view's numbers, the view's address and QR code in it, and every string from the data escaped
(on the hostile copy of the package, no tag of the file comes from the data)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from storyframes.present import handout
from storyframes.core.data import load_package
from storyframes.core.filters import Filters
from storyframes.views import framing, home, members, sources
from storyframes.views.common import default_filters
from tests import hostile_package as H

ALL_PRINCIPLES = ("P1", "P2", "P3", "P4", "none")
GAWKER_CBS = Filters(("gawker", "cbs"), ALL_PRINCIPLES)
ADDRESS = "http://10.0.0.2:8501/Framing_analysis?outlet=gawker&outlet=cbs&section=Tone"
ESCAPED_ADDRESS = "10.0.0.2:8501/Framing_analysis?outlet=gawker&amp;outlet=cbs&amp;section=Tone"


@pytest.fixture(scope="module")
def data():
    return load_package()


@pytest.fixture(scope="module")
def framing_views(data):
    return {"default": framing.build(data, default_filters(data.vocab)), "gawker_cbs": framing.build(data, GAWKER_CBS)}


def _ids_in_order(made: handout.Handout, sel) -> list[str]:
    """The passage ids of a handout's sentences (looked up by text and place in the selection's index)."""
    index = sel.index.reset_index(drop=True)
    keyed = {(o, w, t): p for o, w, t, p in zip(index["outlet"], index["where"], index["text"], index["passage_id"])}
    return [keyed[(r.outlet, r.where, r.text)] for r in made.sentences.itertuples()]


def _printed(out: str) -> int:
    return len(re.findall(r"<li>", out.split("<ol class='sentences'>", 1)[1].split("</ol>", 1)[0])) if "<ol class='sentences'>" in out else 0


# --- Home ----------------------------------------------------------------------------------------


def test_home_handout_is_the_view(data):
    view = home.build(data, GAWKER_CBS)
    made = home.handout(view, ADDRESS)
    assert made.numbers.to_dict("records") == [{"": c.label, "At a glance": c.headline, "Detail": c.detail} for c in view.glance]
    tables = dict(made.tables)
    assert tables["How many members? The press counted differently"]["Count"].tolist() == view.counts_table["value"].tolist()
    principles = tables["The four principles"]
    assert principles["Principle"].tolist() == [c.label for c in view.principles]
    assert principles["Reported"].tolist() == [view.reach[c.principle_id] for c in view.principles]
    assert all(text.startswith("Reported by ") and "of the 2 full texts chosen" in text for text in principles["Reported"])
    assert len(tables["Timeline"]) == len(view.timeline.table)
    assert made.sources["Outlet"].tolist() == ["Gawker", "CBS News (The Crime Report)"] == view.sources["outlet"].tolist()
    out = handout.to_html(made)
    # the event's facts are not filtered (the page says so); what is told about the press follows the filter
    reach = out.split("The four principles", 1)[1].split("<h2>Timeline", 1)[0]
    assert "Gawker" in reach and "Dabs Magazine" not in reach
    assert "Dabs Magazine" not in out.split("<h2>Sources</h2>", 1)[1]
    assert ESCAPED_ADDRESS in out and "<svg" in out
    assert "Sentences to discuss" not in out  # the page quotes no sentence; neither does its handout
    assert "**" not in made.lead[0] and "130" in made.lead[0]  # the counts sentence, without its Markdown


def test_home_handout_with_no_principle_has_no_principle_table(data):
    made = home.handout(home.build(data, Filters(("gawker",), ("none",))))
    assert "The four principles" not in dict(made.tables)
    assert "<svg" not in handout.to_html(made)  # no address, no QR code


# --- Members & cities ----------------------------------------------------------------------------


def test_members_handout_follows_the_outlet_filter(data):
    view = members.build(data, GAWKER_CBS)
    made = members.handout(view, ADDRESS)
    assert made.numbers.equals(view.map.table[members.PLACE_COLUMNS])
    assert dict(made.tables)["Which outlets named which members"].equals(view.naming)
    assert set(view.naming["Outlet"]) <= {"Gawker", "CBS News (The Crime Report)"}
    assert set(made.sentences["outlet"]) == {"Gawker", "CBS News (The Crime Report)"}
    assert set(_ids_in_order(made, view.selection)) == set(view.naming_passages)
    # every sentence it quotes is one the naming table names as "full text (…)"
    named = {p for cell in view.naming["Known from"] for p in re.findall(r"full text \(([^)]*)\)", cell) for p in p.split(", ")}
    assert set(view.naming_passages) == named
    out = handout.to_html(made)
    assert "Dabs Magazine" not in out and ESCAPED_ADDRESS in out and "<svg" in out
    assert made.lead == (handout.plain(view.summary),) and "40 people" in out
    assert _printed(out) == min(made.sentences_shown, len(made.sentences))
    # the tables are bounded: the rest is in the app
    assert out.count("<tr>") <= 1 + made.rows_shown + 1 + made.rows_shown + 1 + len(made.sources)


def test_members_handout_of_the_default_quotes_dabs(data):
    made = members.handout(members.build(data, default_filters(data.vocab)))
    assert "Dabs Magazine" in set(made.sentences["outlet"])
    assert "more rows in the app" in handout.to_html(made)  # 28 places, 10 printed


# --- Framing analysis: one handout per tab ------------------------------------------------------


@pytest.mark.parametrize("section", framing.SECTIONS)
def test_every_framing_tab_has_a_handout_that_follows_the_filters(framing_views, section):
    view = framing_views["gawker_cbs"]
    made = framing.handout(view, ADDRESS, section)
    assert made.title == f"{framing.HANDOUT_TITLE}: {section}"
    out = handout.to_html(made)
    assert "Dabs Magazine" not in out and "dabs-" not in out
    assert ESCAPED_ADDRESS in out and "<svg" in out
    assert set(made.sentences["outlet"]) <= {"Gawker", "CBS News (The Crime Report)"}
    assert set(_ids_in_order(made, view.selection)) <= view.selection.passage_ids
    assert _printed(out) == (min(made.sentences_shown, len(made.sentences)) if made.sentences_heading else 0)
    assert made.sources["Outlet"].tolist() == ["Gawker", "CBS News (The Crime Report)"]


def test_framing_handout_numbers_are_the_tabs_numbers(framing_views):
    view = framing_views["default"]
    part = view.sections
    frames = framing.handout(view, section="Frames")
    table = part["Frames"].chart.table
    assert frames.numbers.drop(columns="Share").equals(table.drop(columns="Share"))
    assert frames.numbers["Share"].tolist() == [f"{s:.0%}" for s in table["Share"]]
    principles_part = framing.handout(view, section="Principles")
    assert principles_part.numbers.equals(part["Principles"].chart.table)
    assert principles_part.lead == (part["Principles"].left_out,) and "Gawker: no sentence on P4" in principles_part.lead[0]
    voices_part = framing.handout(view, section="Voices")
    assert voices_part.numbers.equals(part["Voices"].table)
    assert voices_part.lead == framing.who_is_quoted(view.selection.data, view.selection.filters).lines
    assert any("quotes no one person" in line for line in voices_part.lead)  # the tab's words, "no one person" included
    tone = framing.handout(view, section="Tone")
    # the hand codes lead, the automatic score comes second and says it is VADER's
    assert tone.numbers.equals(part["Tone"].disagreements)
    assert tone.lead == (*(f"Hand-coded: {t}" for t in part["Tone"].hand_coded), f"Automatic score (VADER): {part['Tone'].title}")
    assert len(part["Tone"].hand_coded) == 2
    words = framing.handout(view, section="Words")
    assert words.numbers.equals(part["Words"].lexicon.side_by_side)
    distinctive = dict(words.tables)["Distinctive words"]
    for chart in part["Words"].charts.values():
        line = distinctive.set_index("Outlet").iloc[:, 0][chart.table["outlet"].iloc[0]]
        assert all(f"{w} ({a} vs {b})" in line for w, a, b in zip(chart.table["term"], chart.table["count"], chart.table["count_others"]))
    headlines = framing.handout(view, section="Headlines & readability")
    assert headlines.numbers.equals(part["Headlines & readability"].readability_table)
    checkable = dict(headlines.tables)["Headline versus body"]
    assert sorted(map(tuple, checkable.to_numpy().tolist())) == sorted(map(tuple, part["Headlines & readability"].headlines.to_numpy().tolist()))
    n_checkable = int((checkable["Agree?"] != "—").sum())
    assert n_checkable == 3 and (checkable["Agree?"].head(n_checkable) != "—").all()  # the full texts' headlines first
    reading = framing.handout(view, section="Parallel reading")
    for g, row in zip(part["Parallel reading"], reading.numbers.itertuples(index=False)):
        assert row[0] == g.label and list(row[1:]) == [len(g.by_outlet[o]) for o in view.selection.outlet_ids]


def test_framing_in_short_handout_is_the_claims_and_their_sentences(framing_views):
    view = framing_views["default"]
    claims = view.sections["In short"]
    made = framing.handout(view, section="In short")
    assert made.lead == tuple(handout.plain(c.text) for c in claims)
    assert all("**" not in line and "\\" not in line for line in made.lead)
    assert "CBS News (The Crime Report) quotes the group's Statement most" in made.lead[0]
    assert set(_ids_in_order(made, view.selection)) == {p for c in claims for p in c.passage_ids}
    # in turn from each outlet: the first three sentences are from the three outlets
    assert made.sentences["outlet"].head(3).nunique() == 3


def test_framing_handout_of_an_empty_selection_says_why(data):
    view = framing.build(data, Filters(("gawker",), ("P4",)))
    out = handout.to_html(framing.handout(view, section="Tone"))
    assert "Nothing to show: no full-text sentence matches the principle filter." in out
    assert "No sentence matches these filters." in out


@pytest.mark.parametrize(("page", "params"), [("dashboard.py", {}), ("pages/2_Members_and_cities.py", {}),
                                              ("pages/4_Framing_analysis.py", {"section": "Voices"}), ("pages/5_Sources_and_method.py", {})])
def test_the_pages_offer_their_handout(page, params):
    """In the "For discussion in class" expander (the file itself is made on click: the browser
    test downloads it, tests/browser/test_handouts.py)."""
    from tests.pages.conftest import assert_clean, open_page

    at = open_page(page, outlet=["gawker", "cbs"], **params)
    assert_clean(at)
    discuss = [e for e in at.expander if e.label == "For discussion in class"]
    assert len(discuss) == 1
    assert [b.proto.label for b in discuss[0].get("download_button")] == ["Handout of this view (HTML: prints on one or two pages)"]


# --- Sources & method ---------------------------------------------------------------------------


def test_sources_handout_is_the_agreement_the_disagreements_and_the_limits(data):
    view = sources.build(data, GAWKER_CBS)
    made = sources.handout(view, ADDRESS)
    assert made.numbers.equals(view.agreement[list(sources.AGREEMENT_COLUMNS)].rename(columns=sources.AGREEMENT_COLUMNS))
    assert made.numbers["Cohen's kappa"].tolist() == view.agreement["kappa_text"].tolist()
    assert len(made.sentences) == len(view.disagreements) and set(made.sentences["text"]) == set(view.disagreements["text"])
    assert set(made.sentences["outlet"]) <= {"Gawker", "CBS News (The Crime Report)"}
    assert view.disagreement_scope in made.sentences_heading
    first = view.disagreements.iloc[0]
    assert made.sentences["note"].iloc[0] == f"{first['what']}: curated “{first['first_label']}”, second coder “{first['second_label']}”"
    assert made.notes[0].startswith("Two coders, not a panel.") and view.reliability_summary in made.notes[0]
    assert len(made.notes) == len(sources.limits(view))
    out = handout.to_html(made)
    assert "Dabs Magazine" not in out and ESCAPED_ADDRESS in out and "<svg" in out
    assert "Limits of the coding" in out and sources.AGREEMENT_NOTE.replace("'", "&#x27;") in out


def test_sources_handout_with_no_disagreement_says_so(data):
    made = sources.handout(sources.build(data, Filters(("gawker",), ("P4",))))
    assert made.sentences.empty and "No sentence matches these filters." in handout.to_html(made)


# --- nothing from the data is markup ------------------------------------------------------------

OUR_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "thead", "tbody", "tr", "th", "td",
            "ol", "ul", "li", "br", "span", "div", "strong", "footer", "svg", "path", "rect", "g"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


def _handouts(data, filters, address):
    yield home.handout(home.build(data, filters), address)
    yield members.handout(members.build(data, filters), address)
    yield sources.handout(sources.build(data, filters), address)
    view = framing.build(data, filters)
    for section in framing.SECTIONS:
        yield framing.handout(view, address, section)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    package = H.build(tmp_path_factory.mktemp("hostile") / "data")
    return load_package(package.path)


def test_nothing_from_hostile_data_is_markup_in_any_handout(hostile):
    address = 'http://10.0.0.2:8501/?outlet=<script>alert(1)</script>&x="><img src=x>'
    checked = 0
    for made in _handouts(hostile, default_filters(hostile.vocab), address):
        out = handout.to_html(made)
        parser = _Tags()
        parser.feed(out)
        assert parser.tags <= OUR_TAGS, (made.title, parser.tags - OUR_TAGS)
        assert not {a for a in parser.attrs if a.startswith("on") or a in ("src", "href")}, parser.attrs  # no handler, nothing fetched or linked
        assert "<script" not in out and "<img" not in out and "&lt;img src=x onerror" in out
        assert H.BOLD in out  # the payloads are there, as text
        checked += 1
    assert checked == 3 + len(framing.SECTIONS)


def test_plain_keeps_the_datas_own_asterisks_and_brackets():
    from storyframes.core.text import escape_markdown

    text = "**B0LD** [x](javascript:1) \\* " + "a" * 80
    assert handout.plain(f"**{escape_markdown(text)}** said") == f"{text} said"


def test_a_long_handout_table_is_cut_with_a_note():
    made = handout.Handout("t", "f", pd.DataFrame({"n": range(30)}), pd.DataFrame(columns=["outlet", "where", "text"]),
                           pd.DataFrame(), "", rows_shown=5)
    out = handout.to_html(made)
    assert out.count("<tr>") == 1 + 5 and "and 25 more rows in the app" in out


def test_parallel_reading_handout_quotes_the_sentences_about_a_principle(framing_views):
    view = framing_views["default"]
    made = framing.handout(view, section="Parallel reading")
    about = {r.passage_id for g in view.sections["Parallel reading"] if g.group != "none" for rows in g.by_outlet.values() for r in rows}
    assert set(_ids_in_order(made, view.selection)) == about and made.sentences_heading == "Sentences about a principle, side by side"


def test_frames_handout_quotes_each_outlets_most_used_frame(framing_views):
    view = framing_views["default"]
    part = view.sections["Frames"]
    made = framing.handout(view, section="Frames")
    top = part.profile.loc[part.profile.groupby("outlet_id")["n"].idxmax()]
    wanted = {p for cell in top["passage_ids"] for p in cell.split(", ")}
    assert set(_ids_in_order(made, view.selection)) == wanted
    assert made.sentences["outlet"].head(3).nunique() == 3
