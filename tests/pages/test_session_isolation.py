"""Two sessions in one process keep their own state: filters, the address, the open section and
each page's own controls (the principle to read, the member search, the chosen place).

Two AppTest instances in one process share st.cache_resource (the package, the views) and every
module's globals, as two readers of one server do: a choice kept anywhere but the session would
reach the other one on its next run. The browser test (tests/browser/test_session_isolation.py)
checks the same through the real server; this one covers the pages' own controls cheaply.
"""

from __future__ import annotations

from storyframes.app.shell import SECTION_KEY
from storyframes.app.render import literal

from .conftest import assert_clean, open_page, plain_text
from .test_add_article import ADD, ARTICLE, COMPARE, SECOND, SUFFIX, paste
from .test_pages import OUTLETS_KEY, PRINCIPLES_KEY, address_values

FRAMING = "pages/4_Framing_analysis.py"


def assert_state(at, who: str, outlets: list[str] | None, principles: list[str] | None, **state) -> None:
    """`at` shows these filters (None: everything, an address without the parameter) and holds
    these session-state values."""
    assert_clean(at)
    for key, param, want in ((OUTLETS_KEY, "outlet", outlets), (PRINCIPLES_KEY, "principle", principles)):
        pills = at.pills(key=key).value
        if want is None:
            assert len(pills) == len(at.pills(key=key).options), f"{who}: {param} pills {pills}, expected all"
            assert param not in at.query_params, f"{who}: the address names {param}={address_values(at, param)}"
        else:
            assert pills == want, f"{who}: {param} pills {pills}, expected {want}"
            assert address_values(at, param) == want, f"{who}: address {param}={address_values(at, param)}, expected {want}"
    for key, want in state.items():
        assert at.session_state[key] == want, f"{who}: session state {key}={at.session_state[key]!r}, expected {want!r}"


def test_two_sessions_in_one_process_keep_their_own_state():
    a = open_page(FRAMING)
    b = open_page(FRAMING, outlet=["cbs"], principle=["P2"], section="Voices")
    assert_state(b, "B by its link", ["cbs"], ["P2"], **{SECTION_KEY: "Voices"})

    a.pills(key=OUTLETS_KEY).set_value(["dabs", "gawker"]).run()
    a.session_state[SECTION_KEY] = "Tone"
    a.run()
    assert_state(a, "A after its clicks", ["dabs", "gawker"], None, **{SECTION_KEY: "Tone"})
    assert address_values(a, "section") == ["Tone"]
    b.run()
    assert_state(b, "B re-run after A's clicks", ["cbs"], ["P2"], **{SECTION_KEY: "Voices"})
    assert address_values(b, "section") == ["Voices"]

    # Each on another page, using its controls; the other re-runs in between.
    a.switch_page("pages/1_Principles.py").run()
    a.radio(key="principle_to_read").set_value("P3").run()
    b.pills(key=PRINCIPLES_KEY).set_value(["P2", "P4"]).run()
    b.switch_page("pages/2_Members_and_cities.py").run()
    b.text_input[0].input("sheriff").run()
    place = b.selectbox[0].options[-1]
    b.selectbox[0].select(place).run()
    a.run()
    assert_state(a, "A on Principles", ["dabs", "gawker"], None, principle_to_read="P3")
    assert_state(b, "B on Members", ["cbs"], ["P2", "P4"])
    assert b.text_input[0].value == "sheriff" and b.selectbox[0].value == place
    b.run()
    assert b.text_input[0].value == "sheriff" and b.selectbox[0].value == place, "B's search or place was lost on a rerun"


def _your_articles(at) -> list[str]:
    """What the Add an article page lists under "Your added articles": the cards' first lines, or
    the "None yet" notice."""
    assert "Your added articles" in [h.value for h in at.header]
    cards = [m.value for m in at.markdown if m.value.startswith("**") and literal(SUFFIX) in m.value]
    nothing = [i.value for i in at.info if i.value.startswith("None yet")]
    return cards or nothing


def test_an_added_article_stays_in_the_session_that_added_it():
    """A reader's article lives in their session only: another session of the same process never
    lists it, never offers it in the outlet filter, never shows it on the comparison views; and the
    other reader's own article stays theirs in the same way."""
    a, b = open_page(ADD), open_page(ADD)
    paste(a, ARTICLE, outlet="Reader A's Paper")
    assert_clean(a)
    assert [literal(f"Reader A's Paper {SUFFIX}") in card for card in _your_articles(a)] == [True]
    b.run()
    assert_clean(b)
    assert _your_articles(b)[0].startswith("None yet"), _your_articles(b)
    assert not [o for o in b.pills(key=OUTLETS_KEY).options if "Reader A" in o]
    b.switch_page(COMPARE).run()
    assert SUFFIX not in plain_text(b) and "Reader A" not in plain_text(b)

    b.switch_page(ADD).run()
    paste(b, SECOND, outlet="Reader B's Paper")
    assert [literal(f"Reader B's Paper {SUFFIX}") in card for card in _your_articles(b)] == [True]
    a.run()
    assert [literal(f"Reader A's Paper {SUFFIX}") in card for card in _your_articles(a)] == [True], _your_articles(a)
    a.switch_page(COMPARE).run()
    assert "Reader A's Paper" in plain_text(a) and "Reader B" not in plain_text(a)
