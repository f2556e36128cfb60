"""Two sessions in one process keep their own state: filters, the address, the open section and
each page's own controls (the principle to read, the member search, the chosen place).

Two AppTest instances in one process share st.cache_resource (the package, the views) and every
module's globals, as two readers of one server do: a choice kept anywhere but the session would
reach the other one on its next run. The browser test (tests/browser/test_session_isolation.py)
checks the same through the real server; this one covers the pages' own controls cheaply.
"""

from __future__ import annotations

from storyframes.app.shell import SECTION_KEY

from .conftest import assert_clean, open_page
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
