"""Add an article under AppTest, with the real pipeline (storyframes.autocode): added by paste and
by upload of a saved page, seen on Compare outlets and Framing analysis marked auto-coded, its
rows downloaded and validated with frictionless; every bad input of issue 11 shown as a clear
message with the page still working and the curated data untouched; one reader's article never
in another reader's views."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storyframes import autocode
from storyframes.core.data import load_package
from storyframes.app.added_articles import ADDED_KEY
from storyframes.app.package import cached_package
from storyframes.app.render import literal

from tests.markdown_model import problems

from .conftest import ROOT, assert_clean, open_page, plain_text
from .test_pages import OUTLETS_KEY

ADD = "pages/10_Add_an_article.py"
COMPARE = "pages/3_Compare_outlets.py"
FRAMING = "pages/4_Framing_analysis.py"
FIXTURE = ROOT / "tests" / "fixtures" / "saved_news_page.html"
SUFFIX = "(auto-coded)"

ARTICLE = """Police chiefs and prosecutors join forces to cut incarceration

More than 130 police chiefs, sheriffs and prosecutors launched a new group on Wednesday, Law Enforcement Leaders to Reduce Crime and Incarceration, saying the country locks up too many people for too long.

The group's co-chair, Chicago police superintendent Garry McCarthy, said that arresting and jailing low-level offenders does not make neighborhoods safer. "We cannot arrest our way out of this problem," McCarthy said.

The members call for more alternatives to arrest and prosecution, especially mental health and drug treatment.

They also want to reduce mandatory minimum sentences set by law, and to reclassify some nonviolent felonies as misdemeanors.

Los Angeles police chief Charlie Beck is among the members, who meet President Obama at the White House on Thursday.
"""


SECOND = """Sheriffs and district attorneys say prisons are overcrowded

A coalition of law enforcement leaders wants fewer people behind bars. Manhattan district attorney Cyrus Vance Jr. said prosecutors should divert people with addiction into drug treatment instead of prosecuting them.

Houston police chief Charles McClelland said mandatory minimum sentences had filled prisons with nonviolent offenders.

The leaders will brief the president on their plan this week, and say communities trust officers more when they are treated fairly.
"""



def curated_counts() -> dict[str, int]:
    data = cached_package()
    return {name: len(table) for name, table in data.tables.items()} | {"version": data.version, "auto": len(data.auto_coded)}


def paste(at: AppTest, text: str, outlet: str = "NPR", headline: str = "Police leaders call for fewer prisoners") -> AppTest:
    at.radio(key="added_how").set_value("Paste the text").run()
    at.text_area(key="added_text").set_value(text)
    at.text_input(key="added_outlet").set_value(outlet)
    at.text_input(key="added_headline").set_value(headline)
    return add(at)


def add(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Add to the comparison").click().run()
    return at


def upload(at: AppTest, name: str, raw: bytes, mime: str = "text/html") -> AppTest:
    at.radio(key="added_how").set_value("Upload a file").run()
    at.file_uploader(key="added_file").set_value((name, raw, mime)).run()
    return at


def added_ids(at: AppTest) -> list[str]:
    return [c.article_id for c in at.session_state[ADDED_KEY]] if ADDED_KEY in at.session_state else []


def test_add_by_paste_and_see_it_marked_on_the_comparison_pages(sent_media, tmp_path):
    before = curated_counts()
    at = open_page(ADD)
    assert_clean(at)
    paste(at, ARTICLE)
    assert_clean(at)
    assert len(added_ids(at)) == 1
    text = plain_text(at)
    assert f"Added **NPR {SUFFIX}**" in text and "Sentences:" in text and "Principle references:" in text and "People:" in text
    assert OUTLETS_KEY in at.session_state and added_ids(at)[0] in at.session_state[OUTLETS_KEY], "the new outlet is chosen in the filter"

    at.switch_page(COMPARE).run()
    assert_clean(at)
    text = plain_text(at)
    assert f"NPR {SUFFIX}" in text, "the card names it auto-coded"
    assert "not coded" in text, "frames and tone say 'not coded' for it"
    headlines = [df.value for df in at.dataframe]
    assert any(f"NPR {SUFFIX}" in " ".join(map(str, d.get("Outlet", []))) for d in headlines), "the headline list"

    for section, expected in (("Frames", "Frames not coded for NPR"), ("Tone", "Tone and stance not coded for NPR"),
                              ("Parallel reading", f"NPR {SUFFIX}"), ("Voices", ""), ("Words", ""), ("Principles", ""),
                              ("Headlines & readability", "")):
        at.query_params["section"] = section
        at.switch_page(FRAMING).run()
        assert_clean(at)
        text = plain_text(at)
        assert f"NPR {SUFFIX}" in text or SUFFIX in str([c.proto for c in at.get("arrow_vega_lite_chart")]), section
        assert expected in text, (section, expected)
        at.switch_page(ADD).run()
    assert curated_counts() == before, "the shared package is untouched"


def test_add_by_upload_of_a_saved_page_fills_the_fields_and_downloads_valid_rows(sent_media, tmp_path):
    at = open_page(ADD)
    upload(at, "police-chiefs.html", FIXTURE.read_bytes())
    assert_clean(at)
    expected = autocode.read_file("police-chiefs.html", FIXTURE.read_bytes()).meta
    assert at.text_input(key="added_outlet").value == (expected.outlet or "")
    assert at.text_input(key="added_headline").value == (expected.headline or "")
    if expected.published:
        assert str(at.date_input(key="added_date").value) == expected.published[:10]
    if not expected.outlet:
        at.text_input(key="added_outlet").set_value("The Riverside Courier")
    add(at)
    assert_clean(at)
    [aid] = added_ids(at)
    name = at.session_state[ADDED_KEY][0].tables["articles"]["outlet"].iloc[0]
    at.switch_page(COMPARE).run()
    assert_clean(at)
    text = plain_text(at)
    assert f"{name} {SUFFIX}" in text
    for leaked in ("this must never run", "reader42", "Subscribe today", "ADVERTISEMENT", "onerror"):
        assert leaked not in text, f"{leaked!r}: page furniture, comments or scripts reached the comparison"

    at.switch_page(ADD).run()
    assert_clean(at)
    [download] = [d for d in at.get("download_button") if aid in d.proto.url or True]
    data = sent_media[download.proto.url.rsplit("/", 1)[-1]]
    validate_rows(data, aid, tmp_path)


def validate_rows(data: bytes, aid: str, folder: Path) -> None:
    """The zip's rows, written beside a copy of the package, validate with frictionless."""
    import frictionless  # requirements-dev.txt
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names and all(n.startswith(f"{aid}/") for n in names), names
    assert any(n.endswith("passages.csv") for n in names) and any(n.endswith("articles.csv") for n in names), names
    archive.extractall(folder)
    descriptors = sorted((folder / aid).rglob("datapackage.json"))
    assert descriptors, f"the zip carries the descriptor to validate against: {names}"
    report = frictionless.validate(str(descriptors[0]))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    # and appended to a copy of data/, as a reviewer would commit them: the whole package still validates
    package = folder / "package"
    shutil.copytree(ROOT / "data", package)
    for path in sorted((folder / aid).rglob("*.csv")):
        rel = path.relative_to(folder / aid)
        target = package / rel
        rows = path.read_text(encoding="utf-8").splitlines(keepends=True)[1:]
        with target.open("a", encoding="utf-8", newline="") as out:
            existing = target.read_bytes()
            if existing and not existing.endswith(b"\n"):
                out.write("\r\n" if b"\r\n" in existing else "\n")
            out.writelines(rows)
    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


# --- bad input: a clear message, the page keeps working, the curated data untouched --------------------

def _expect(call) -> str:
    """The InputError message the pipeline gives for this input."""
    with pytest.raises(autocode.InputError) as caught:
        call()
    return str(caught.value)


def _shows(at: AppTest, message: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error] + [w.value for w in at.warning]
    assert literal(message) in shown, (message, shown)


def _unrelated() -> str:
    return ("The city council met on Tuesday to discuss the new library opening hours. Members agreed to keep the "
            "reading room open until nine in the evening.\n\nThe parks department will plant two hundred trees this spring.")


BAD_PASTES = {
    "empty": "",
    "only whitespace": "   \n\t  \n ",
    "too big": ("Police chiefs want fewer arrests. " * (autocode.MAX_BYTES // 34 + 1)),
    "no sentence": "§§§ ### --- *** ||| 12345 ::: ;;;",
    "about something else": _unrelated(),
}


@pytest.mark.parametrize("case", list(BAD_PASTES))
def test_a_bad_paste_is_explained_and_nothing_is_added(case):
    text = BAD_PASTES[case]
    before = curated_counts()
    data = load_package()

    def pipeline():
        extracted = autocode.read_text(text)
        autocode.code_article(extracted.text, autocode.ArticleMeta(outlet="NPR"), data)

    message = _expect(pipeline)
    at = open_page(ADD)
    paste(at, text)
    _shows(at, message)
    assert added_ids(at) == [] and curated_counts() == before
    paste(at, ARTICLE)  # the page keeps working
    assert len(added_ids(at)) == 1 and not at.exception


def _binary() -> bytes:
    return bytes(range(256)) * 40


def _scripts_only() -> bytes:
    return ("<html><head><title>x</title></head><body>" + "<script>alert('x');var a = 1;</script>" * 200 + "</body></html>").encode()


def _no_body() -> bytes:
    return (b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            b"<footer>(c) 2015 Example</footer></body></html>")


BAD_FILES = {
    "binary": ("photo.txt", _binary, "text/plain"),
    "scripts only": ("page.html", _scripts_only, "text/html"),
    "no article body": ("page.html", _no_body, "text/html"),
    "too big": ("big.txt", lambda: b"Police chiefs want fewer arrests. " * (autocode.MAX_BYTES // 34 + 1), "text/plain"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_explained_and_nothing_is_added(case):
    name, make, mime = BAD_FILES[case]
    raw = make()
    before = curated_counts()
    data = load_package()
    # refused when the file is read, or when its text is coded: the page shows the one message either way
    message = _expect(lambda: autocode.code_article(autocode.read_file(name, raw).text, autocode.ArticleMeta(outlet="NPR"), data))
    at = open_page(ADD)
    upload(at, name, raw, mime)
    assert not at.exception
    at.text_input(key="added_outlet").set_value("NPR")
    add(at)
    _shows(at, message)
    assert added_ids(at) == [] and curated_counts() == before
    at.radio(key="added_how").set_value("Paste the text").run()
    paste(at, ARTICLE)  # the page keeps working
    assert len(added_ids(at)) == 1 and not at.exception


def test_a_windows_1252_file_is_decoded_and_added():
    raw = ARTICLE.replace("'", "\u2019").encode("cp1252")
    at = open_page(ADD)
    upload(at, "article.txt", raw, "text/plain")
    at.text_input(key="added_outlet").set_value("NPR")
    add(at)
    assert_clean(at)
    assert len(added_ids(at)) == 1


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_a_utf16_or_bom_file_is_decoded_and_added(codec):
    """A file saved by Windows Notepad as "Unicode" (UTF-16) or "UTF-8 with BOM" is read, not refused as binary."""
    at = open_page(ADD)
    upload(at, "article.txt", ARTICLE.replace("'", "\u2019").encode(codec), "text/plain")
    assert not at.error, [e.value for e in at.error]
    at.text_input(key="added_outlet").set_value("NPR")
    add(at)
    assert_clean(at)
    assert len(added_ids(at)) == 1 and not at.error


def test_a_duplicate_is_refused_curated_or_already_added():
    data = load_package()
    gawker = (ROOT / "data" / data.articles.set_index("article_id").loc["gawker", "raw_file"]).read_text(encoding="utf-8")
    at = open_page(ADD)
    message = _expect(lambda: autocode.code_article(autocode.read_text(gawker).text, autocode.ArticleMeta(outlet="Gawker"), data))
    paste(at, gawker, outlet="Gawker")
    _shows(at, message)
    assert added_ids(at) == []
    paste(at, ARTICLE)
    assert len(added_ids(at)) == 1
    paste(at, ARTICLE, outlet="NPR again")
    assert not at.exception and len(added_ids(at)) == 1
    assert at.error, "the second copy of one's own article is refused with a message"


def test_a_missing_outlet_is_asked_for():
    at = open_page(ADD)
    paste(at, ARTICLE, outlet="   ")
    assert not at.exception and added_ids(at) == []
    assert any("outlet" in e.value.lower() for e in at.error)


def test_markup_in_the_fields_is_shown_literally():
    outlet, headline = "**Bold** <b>Tag</b> [link](javascript:alert(1))", "_Under_ `code` <i>x</i> [h](http://127.0.0.1:9/h)"
    at = open_page(ADD)
    paste(at, ARTICLE, outlet=outlet, headline=headline)
    assert_clean(at)
    bodies = [m.value for m in at.markdown] + [s.value for s in at.success]
    assert any(literal(outlet) in b for b in bodies), bodies
    assert not any("<b>Tag</b>" in b and literal("<b>") not in b for b in bodies)
    # the article's card under "Your added articles" shows the headline, escaped; no string has it as markup
    assert any(literal(headline) in b for b in bodies), bodies
    assert not [(b, found) for b in bodies if (found := problems(b, ["_Under_", "`code`", "<i>", "[h](http"]))]


def test_several_articles_and_remove():
    at = open_page(ADD)
    paste(at, ARTICLE, outlet="NPR")
    paste(at, SECOND, outlet="Local Paper")
    assert_clean(at)
    first, second = added_ids(at)
    at.switch_page(COMPARE).run()
    text = plain_text(at)
    assert f"NPR {SUFFIX}" in text and f"Local Paper {SUFFIX}" in text
    at.switch_page(ADD).run()
    next(b for b in at.button if b.key == f"added_remove_{first}").click().run()
    assert_clean(at)
    assert added_ids(at) == [second]
    at.switch_page(COMPARE).run()
    assert_clean(at)
    text = plain_text(at)
    assert f"NPR {SUFFIX}" not in text and f"Local Paper {SUFFIX}" in text


def test_one_readers_article_never_appears_in_anothers_views():
    alice = open_page(ADD)
    paste(alice, ARTICLE, outlet="Alice's Paper")
    [aid] = added_ids(alice)
    bob = open_page(COMPARE)
    assert_clean(bob)
    assert SUFFIX not in plain_text(bob) and "Alice" not in plain_text(bob)
    assert aid not in (bob.session_state[OUTLETS_KEY] or [])
    bob.switch_page(FRAMING).run()
    assert SUFFIX not in plain_text(bob)
    # Bob opens Alice's address (her filter names her article): a clear notice, the curated outlets instead
    linked = open_page(COMPARE, outlet=["gawker", aid])
    assert not linked.exception
    assert any("unknown outlet" in w.value for w in linked.warning), [w.value for w in linked.warning]
    assert SUFFIX not in plain_text(linked)
    # and Alice still sees hers
    alice.switch_page(COMPARE).run()
    assert "Alice's Paper " + SUFFIX in plain_text(alice)


def test_the_page_states_how_well_the_machine_codes_in_and_out_of_sample():
    """Issue 21: before a reader adds anything, the page says how far to trust the coding: in-sample
    and out-of-sample, with the sentences behind each, the numbers Sources & method shows."""
    from storyframes.autocode import accuracy
    from storyframes.views import add_article

    at = open_page(ADD)
    assert_clean(at)
    figures = accuracy.stored(load_package())
    text = plain_text(at)
    assert accuracy.summary(figures) in text
    shown = next(df.value for df in at.dataframe if list(df.value.columns) == list(add_article.SAMPLE_COLUMNS))
    assert shown.equals(accuracy.samples_table(figures))
    untouched = shown[shown["sample"] == accuracy.SAMPLE_LABELS["untouched half"]]
    assert len(untouched) == 3 and (untouched["sentences"] != "0").all()
