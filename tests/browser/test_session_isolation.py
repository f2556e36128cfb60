"""Two readers on one server never see each other's choices.

Everything a reader chooses lives in their own session (pills, open tab, address), while the
package and the views are shared by the whole process (st.cache_resource). A choice kept anywhere
shared would reach the other reader on their next run. So two browser contexts (two readers) open
the Framing page, one by clicking pills, one by a link that names its filters; each then acts and
re-runs in turn, and after every step both pages must show their own choice: pills, address, the
page's "Showing …" line and the open tab. (Later issues add quizzes, coding and added articles:
they belong here too.)
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import close_page, new_page, open_page, save_failure_screenshot, wait_ready, OPEN_SECTION, SECTION_BUTTONS
from tests.browser.test_rapid_clicks import SIDEBAR, address_params, framing_content, pill_state, wait_settled

FRAMING = "/Framing_analysis"


@pytest.fixture(scope="module")
def story():
    from storyframes.core.data import load_package
    from storyframes.views.common import default_filters

    data = load_package()
    return data, default_filters(data.vocab)


@pytest.fixture()
def two_readers(browser, app_server, request):
    """Two fresh browser contexts (no shared cookies or storage) on the one server."""
    readers = [new_page(browser, app_server.url, own_context=True), new_page(browser, app_server.url, own_context=True)]
    yield readers
    for pg in readers:
        save_failure_screenshot(pg, request)
        close_page(pg)


class Reader:
    """One reader's page and the choice they have made (outlet and principle ids, open tab)."""

    def __init__(self, name: str, page, story, outlets, principles, tab: str) -> None:
        self.name, self.page = name, page
        self.data, self.default = story
        self.expected = {"Outlets": set(outlets), "Principles": set(principles)}
        self.tab = tab
        self.log: list[str] = [f"reader {name}"]

    def click_pill(self, group: str, value: str) -> None:
        label = self.data.vocab.filter_label(value)
        box = self.page.locator(f"{SIDEBAR} [data-testid='stButtonGroup']").filter(
            has=self.page.locator("[data-testid='stWidgetLabel']", has_text=group))
        pill = box.locator("button[aria-pressed]").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
        assert pill.count() == 1, f"{pill.count()} {group} pills labelled {label!r}"
        pill.click()
        self.expected[group] ^= {value}
        self.log.append(f"clicked {group} pill {value}")
        wait_settled(self.page, self.log)

    def open_tab(self, name: str) -> None:
        tab = self.page.locator(SECTION_BUTTONS).filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*$"))
        assert tab.count() == 1, f"{tab.count()} tabs named {name!r}"
        tab.click()
        self.tab = name
        self.log.append(f"opened the tab {name}")
        wait_settled(self.page, self.log)

    def assert_own_choice(self, when: str) -> None:
        from storyframes.core.filters import Filters, to_address
        from storyframes.views import framing

        vocab = self.data.vocab
        chosen = Filters(tuple(o for o in vocab.outlet_ids if o in self.expected["Outlets"]),
                         tuple(p for p in self.default.principles if p in self.expected["Principles"]))
        story = f"reader {self.name} {when}; address {self.page.url}\n" + "\n".join(self.log)
        assert not self.page.locator("[data-testid='stException']").count(), f"an exception is shown\n{story}"
        groups = {"Outlets": list(vocab.outlet_ids), "Principles": list(self.default.principles)}
        problems = []
        shown = pill_state(self.page, groups, vocab.filter_label)
        for group, want in self.expected.items():
            if shown[group] != want:
                problems.append(f"{group} pills: extra {sorted(shown[group] - want)}, missing {sorted(want - shown[group])}")
        if address_params(self.page) != to_address(chosen, self.default):
            problems.append(f"address {address_params(self.page)} != {to_address(chosen, self.default)}")
        problems += framing_content(self.page, self.data, chosen)
        open_tabs = [t.strip() for t in self.page.locator(OPEN_SECTION).all_inner_texts()]
        if open_tabs != [self.tab]:
            problems.append(f"open tab {open_tabs}, expected [{self.tab!r}]")
        section = parse_qs(urlsplit(self.page.url).query).get("section")
        if section != (None if self.tab == framing.SECTIONS[0] else [self.tab]):
            problems.append(f"address section={section}, expected {self.tab!r}")
        assert not problems, f"reader {self.name} does not see their own choice {when}:\n- " + "\n- ".join(problems) + f"\n{story}"


def test_two_readers_on_one_server_keep_their_own_filters_and_tabs(two_readers, story):
    data, default = story
    everything = (list(data.vocab.outlet_ids), list(default.principles))
    page_a, page_b = two_readers

    open_page(page_a, FRAMING)
    a = Reader("A", page_a, story, *everything, tab="In short")
    open_page(page_b, f"{FRAMING}?outlet=cbs&principle=P2&section=Voices")  # a shared link
    b = Reader("B", page_b, story, ["cbs"], ["P2"], tab="Voices")
    a.assert_own_choice("after B opened a link naming other filters")
    b.assert_own_choice("on opening the link")

    # A clicks: CBS (B's only outlet) off, P3 and "No principle" off, then opens a tab.
    for group, value in (("Outlets", "cbs"), ("Principles", "P3"), ("Principles", "none")):
        a.click_pill(group, value)
    a.open_tab("Tone")
    a.assert_own_choice("after their clicks")

    # B re-runs (a tab, then a pill) after A acted: nothing of A's may reach them, nor the reverse.
    b.open_tab("Frames")
    b.assert_own_choice("re-running after A's clicks")
    b.click_pill("Outlets", "gawker")
    b.assert_own_choice("after their own click")
    a.open_tab("Words")  # A re-runs after B acted
    a.assert_own_choice("re-running after B's clicks")
    b.page.reload()  # a reload is a new session of B's: the address brings back B's own choice
    wait_ready(b.page)
    b.assert_own_choice("after a reload")
    a.assert_own_choice("after B's reload")
