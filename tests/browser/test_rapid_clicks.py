"""Rapid clicks on the sidebar filters end in the state the reader last chose.

A reader (or a class of them on a slow shared server) can click pills faster than the heaviest
page re-runs. The browser toggles a pill the moment it is clicked, so the expected end state is
known by toggling; after the clicks the app must settle there: the pills, the address and the
page's own text all agree with what the reader last chose. Each run clicks a random (seeded,
logged) mix of outlet and principle pills 60 ms apart.
"""

from __future__ import annotations

import itertools
import random
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import BROWSER_ARTIFACTS, open_page, run_count, OPEN_SECTION, SECTION_BUTTONS

CLICKS = 30
GAP_S = 0.060
SETTLE_QUIET_MS = 1_500  # the page must not change for this long to count as settled
SETTLE_TIMEOUT_S = 90
SIDEBAR = "[data-testid='stSidebar']"

# Records the time of the last DOM change, so "settled" can mean "nothing has changed for a while".
_CHANGE_WATCH_JS = """
() => {
  if (window.__sfChangeWatch) return;
  window.__sfChangeWatch = true;
  window.__sfLastChange = performance.now();
  window.__sfChanged = [];  // what changed last (for the message when the page never settles)
  new MutationObserver((ms) => {
    window.__sfLastChange = performance.now();
    const m = ms[ms.length - 1], t = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    window.__sfChanged = [m.type, m.attributeName, t && (t.getAttribute('data-testid') || t.tagName),
                          t && (t.className || '').toString().slice(0, 60)];
  })
    .observe(document.body, {attributes: true, childList: true, subtree: true, characterData: true});
}
"""

_SETTLED_JS = """
(quiet) => {
  const app = document.querySelector("[data-testid='stApp']");
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && performance.now() - window.__sfLastChange > quiet;
}
"""

# Why the page is not settled: the app's state attributes, the runs seen and the last change.
_UNSETTLED_JS = """
() => {
  const app = document.querySelector("[data-testid='stApp']");
  return {script: app && app.getAttribute('data-test-script-state'),
          connection: app && app.getAttribute('data-test-connection-state'),
          runs: window.__sfRuns, msSinceChange: Math.round(performance.now() - window.__sfLastChange),
          lastChange: window.__sfChanged, url: location.href};
}
"""

# The pills of one sidebar filter: label -> pressed, for the group whose label starts with `name`.
_PILLS_JS = """
([sidebar, name]) => {
  const groups = [...document.querySelector(sidebar).querySelectorAll("[data-testid='stButtonGroup']")];
  const group = groups.find(g => (g.querySelector("[data-testid='stWidgetLabel']") || {}).innerText.trim().startsWith(name));
  if (!group) return null;
  return [...group.querySelectorAll('button[aria-pressed]')].map(b => [b.innerText.trim(), b.getAttribute('aria-pressed') === 'true']);
}
"""

@pytest.fixture(scope="module")
def story():
    from storyframes.core.data import load_package
    from storyframes.views.common import default_filters

    data = load_package()
    return data, default_filters(data.vocab)


# Clicks pills from inside the page, each `gap` ms after the one before on the page's own clock:
# Playwright's mouse waits until each event is handled, which on a busy page stretches 60 ms to
# over 100 ms. A timer, like a reader's click, waits only while the page's main thread is busy.
# Each pill is found when its click is due (the sidebar is redrawn between clicks).
_CLICK_PLAN_JS = """
([sidebar, plan, gap]) => {
  window.__sfClicks = [];
  const click = (i) => {
    const start = performance.now(), [group, text] = plan[i];
    const g = [...document.querySelector(sidebar).querySelectorAll("[data-testid='stButtonGroup']")]
      .find(g => (g.querySelector("[data-testid='stWidgetLabel']") || {}).innerText.trim().startsWith(group));
    const b = g && [...g.querySelectorAll('button[aria-pressed]')].find(b => b.innerText.trim() === text);
    window.__sfClicks.push([start, !!b]);
    if (b) b.click();  // React redraws the pill before this returns: count that time in the gap
    if (i + 1 < plan.length) setTimeout(() => click(i + 1), Math.max(0, gap - (performance.now() - start)));
  };
  setTimeout(() => click(0), 0);
}
"""


class Clicker:
    """Clicks sidebar pills (and the filter buttons) at a fixed pace, and keeps the state the
    reader expects by toggling: the browser toggles a pill the moment it is clicked."""

    def __init__(self, page, story, log: list[str]) -> None:
        self.page = page
        self.data, self.default = story
        vocab = self.data.vocab
        self.groups = {"Outlets": list(vocab.outlet_ids), "Principles": [*vocab.principle_ids, "none"]}
        self.label = vocab.filter_label
        self.expected = {"Outlets": set(self.default.outlets), "Principles": set(self.default.principles)}
        self.log = log
        self.count = 0
        self.gaps: list[float] = []

    def pills(self, plan: list[tuple[str, str]]) -> None:
        """Click these (group, value) pills GAP_S apart; return once the last click is made."""
        if not plan:
            return
        self.page.evaluate(_CLICK_PLAN_JS, [SIDEBAR, [[g, self.label(v)] for g, v in plan], GAP_S * 1000])
        self.page.wait_for_function("(n) => window.__sfClicks.length === n", arg=len(plan), timeout=60_000, polling=50)
        clicks = self.page.evaluate("() => window.__sfClicks")
        assert all(found for _t, found in clicks), f"a pill to click was not found: {list(zip(plan, clicks))}"
        self.gaps += [b[0] - a[0] for a, b in itertools.pairwise(clicks)]
        for group, value in plan:
            chosen = self.expected[group]
            chosen.symmetric_difference_update({value})
            self.count += 1
            self.log.append(f"{self.count:2d}. {group[:-1].lower()} {value:<14} -> {'on' if value in chosen else 'off'}")

    def button(self, text: str) -> None:
        """Click a filter button like a reader, then wait until its result shows in the pills: it is
        made on the server, and a reader clicks on what they see (a pill clicked earlier acts on the
        pills as they were)."""
        if text == "Reset filters":
            self.expected = {"Outlets": set(self.default.outlets), "Principles": set(self.default.principles)}
        elif text == "Full texts only":
            self.expected["Outlets"] = set(self.data.vocab.full_text_ids)
        self._await(self.page.locator(f"{SIDEBAR} button", has_text=text), f"button {text}")

    def only(self, group: str, value: str) -> None:
        """Tap an "Only" pill (its filter narrowed to `value`, on the server, as a button's is)."""
        from storyframes.app.sidebar import ONLY_FULL_TEXT, ONLY_HEADLINE, ONLY_PRINCIPLE

        vocab = self.data.vocab
        key = ONLY_PRINCIPLE if group == "Principles" else ONLY_FULL_TEXT if value in vocab.full_text_ids else ONLY_HEADLINE
        text = value if group == "Principles" and value != "none" else self.label(value)
        self.expected[group] = {value}
        pill = self.page.locator(f"{SIDEBAR} .st-key-{key} button").filter(has=self.page.get_by_text(text, exact=True))
        self._await(pill, f"only {group[:-1].lower()} {value}")

    def _await(self, target, what: str) -> None:
        target.click()
        clicked = time.monotonic()
        self.count += 1
        self.log.append(f"{self.count:2d}. {what}")
        deadline = clicked + 30
        while time.monotonic() < deadline:
            if pill_state(self.page, self.groups, self.label) == self.expected:
                self.log.append(f"    (its result is shown after {time.monotonic() - clicked:.2f} s)")
                return
            time.sleep(0.02)
        self.log.append("    (its result was not shown within 30 s)")

    def random_plan(self, rng: random.Random, n: int) -> list[tuple[str, str]]:
        plan = []
        for _ in range(n):
            group = rng.choice(["Outlets", "Principles"])
            plan.append((group, rng.choice(self.groups[group])))
        return plan


class SocketLog:
    """What the browser and the server said over the app's websocket, decoded: each rerun request
    the browser sent (with the pills' values in it) and each run the server started or finished.
    It tells where a lost click was lost: never sent, or sent and not run."""

    def __init__(self, page) -> None:
        self.events: list[tuple[float, str, str]] = []
        self.start = time.monotonic()
        page.on("websocket", self._attach)

    def close(self, page) -> None:
        page.remove_listener("websocket", self._attach)

    def _attach(self, ws) -> None:
        ws.on("framesent", lambda payload: self._sent(payload))
        ws.on("framereceived", lambda payload: self._received(payload))

    def _sent(self, payload) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(payload, str):
            return
        msg = BackMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        detail = ""
        if kind == "rerun_script":
            from storyframes.core.filters import OUTLET_PARAM, PRINCIPLE_PARAM
            from storyframes.app.sidebar import _WIDGET_KEYS  # the pills' keys, which end their widget ids

            values = {}
            for state in msg.rerun_script.widget_states.widgets:
                for param in (OUTLET_PARAM, PRINCIPLE_PARAM):
                    if state.id.endswith(_WIDGET_KEYS[param]):
                        values[param] = sorted(state.string_array_value.data) if state.HasField("string_array_value") else str(state)[:80]
            detail = f"outlets {values.get(OUTLET_PARAM)}, principles {values.get(PRINCIPLE_PARAM)}"
        self.events.append((time.monotonic() - self.start, f"sent {kind}", detail))

    def _received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, str):
            return
        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.events.append((time.monotonic() - self.start, "run started", ""))
        elif kind == "script_finished":
            self.events.append((time.monotonic() - self.start, "run ended", ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)))

    def since(self, t0: float) -> list[str]:
        return [f"  {t - t0:6.2f} s  {what} {detail}".rstrip() for t, what, detail in self.events if t >= t0]


def pill_state(page, groups: dict[str, list[str]], label) -> dict[str, set[str]]:
    state = {}
    for name, values in groups.items():
        by_label = {label(v): v for v in values}
        pills = page.evaluate(_PILLS_JS, [SIDEBAR, name])
        assert pills is not None, f"no sidebar filter {name!r}"
        state[name] = {by_label[text] for text, pressed in pills if pressed}
    return state


def wait_settled(page, log: list[str]) -> float:
    """Wait until the app has settled: no script running, nothing on the page changed for
    SETTLE_QUIET_MS, and the address the same before and after such a quiet spell."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.evaluate(_CHANGE_WATCH_JS)
    start = time.monotonic()
    last_url = None
    while time.monotonic() - start < SETTLE_TIMEOUT_S:
        remaining_ms = max(1_000, int((SETTLE_TIMEOUT_S - (time.monotonic() - start)) * 1000))
        try:
            page.wait_for_function(_SETTLED_JS, arg=SETTLE_QUIET_MS, timeout=remaining_ms, polling=100)
        except PlaywrightTimeout:
            raise AssertionError(f"the app did not settle within {SETTLE_TIMEOUT_S} s: {page.evaluate(_UNSETTLED_JS)}\n"
                                 + "\n".join(log)) from None
        if page.url == last_url:
            took = time.monotonic() - start
            log.append(f"settled {took:.1f} s after the last click")
            return took
        last_url = page.url
        page.wait_for_timeout(300)
    raise AssertionError(f"the app did not settle within {SETTLE_TIMEOUT_S} s")


def address_params(page) -> dict[str, list[str]]:
    query = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    return {k: v for k, v in query.items() if k in ("outlet", "principle")}


def assert_consistent(page, clicker: Clicker, check_content, log: list[str]) -> None:
    from storyframes.core.filters import Filters, to_address

    data, default = clicker.data, clicker.default
    vocab = data.vocab
    exp = clicker.expected
    expected = Filters(tuple(o for o in vocab.outlet_ids if o in exp["Outlets"]),
                       tuple(p for p in default.principles if p in exp["Principles"]))
    story = "\n".join(log)
    shown = pill_state(page, clicker.groups, clicker.label)
    assert not page.locator("[data-testid='stException']").count(), f"an exception is shown\n{story}"
    problems = []
    for name in clicker.groups:
        if shown[name] != exp[name]:
            problems.append(f"{name} pills: missing {sorted(exp[name] - shown[name])}, extra {sorted(shown[name] - exp[name])}")
    wanted = to_address(expected, default)
    if address_params(page) != wanted:
        problems.append(f"address {address_params(page)} != expected {wanted}")
    problems += check_content(page, data, expected)
    assert not problems, "rapid clicks did not end in the state the reader last chose:\n- " + "\n- ".join(problems) + f"\n{story}"


def framing_content(page, data, expected) -> list[str]:
    """The Framing page's caption says which outlets and principles it shows."""
    from storyframes.views import framing

    line = framing.build_selection(data, expected).describe()
    caption = page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").first.inner_text()
    return [] if caption.startswith(line) else [f"the page says {caption!r}, expected {line!r}"]


def home_content(page, data, expected) -> list[str]:
    """Home: one 'Reported by n of the m full texts chosen: …' line per chosen principle."""
    from storyframes.views import home

    view = home.build(data, expected)
    wanted = [view.reach.get(card.principle_id, "") for card in view.principles]
    text = page.locator("[data-testid='stMain']").inner_text()
    found = re.findall(r"Reported by \d+ of the \d+ full texts? chosen: [^\n]*", text)
    return [] if found == wanted else [f"the principle cards say {found}, expected {wanted}"]


def _run(page, story, path: str, seed: int, check_content, *, buttons: dict[int, str] | None = None,
         only: dict[int, tuple[str, str]] | None = None, server=None) -> None:
    """Open `path`, make CLICKS clicks (pills chosen by `seed`; `buttons` and `only` pills, as
    (group, value), at the given click numbers), wait until the app settles, and check pills,
    address and page agree."""
    log = [f"{path}, seed {seed}: {CLICKS} clicks {GAP_S * 1000:.0f} ms apart"]
    BROWSER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_file = BROWSER_ARTIFACTS / f"rapid-clicks-{path.strip('/') or 'home'}-{seed}.log"
    sockets = SocketLog(page)
    try:
        open_page(page, path)
        clicks_start = time.monotonic() - sockets.start
        runs_before, address_before = run_count(page), page.url
        rng = random.Random(seed)
        clicker = Clicker(page, story, log)
        plan: list[tuple[str, str]] = []
        for i in range(1, CLICKS + 1):
            if buttons and i in buttons:
                clicker.pills(plan)
                plan = []
                clicker.button(buttons[i])
            elif only and i in only:
                clicker.pills(plan)
                plan = []
                clicker.only(*only[i])
            else:
                plan += clicker.random_plan(rng, 1)
        clicker.pills(plan)
        gaps = sorted(clicker.gaps)
        log.append(f"pill clicks {gaps[len(gaps) // 2]:.0f} ms apart (median; longest {gaps[-1]:.0f} ms)")
        wait_settled(page, log)
        log.append(f"expected outlets {sorted(clicker.expected['Outlets'])}, principles {sorted(clicker.expected['Principles'])}")
        log.append(f"address {page.url}")
        runs = run_count(page) - runs_before
        log.append(f"script runs started after the first click: {runs}")
        log.append("websocket since the first click:")
        log += sockets.since(clicks_start)
        try:
            assert_consistent(page, clicker, check_content, log)
        except AssertionError:
            # The browser toggled the pills, yet it started no script run at all: the clicks never
            # reached the script, which then had nothing to keep or to lose (the same Streamlit
            # behaviour as the tabs' below). Marked, with its log, and listed in the summary; a
            # wrong end state after runs did happen is a failure of ours.
            if runs == 0 and page.url == address_before:
                pytest.xfail(f"the browser toggled {CLICKS} pills but started no script run after them (seed {seed})")
            if server is not None:
                log.append("server threads:\n" + server.dump_threads())
            raise
    finally:
        sockets.close(page)
        log_file.write_text("\n".join(log) + "\n", encoding="utf-8")
        print("\n".join(log))


@pytest.mark.parametrize("seed", [11, 22, 33, 44, 55])
def test_rapid_pill_clicks_on_the_framing_page(page, story, seed, app_server):
    _run(page, story, "/Framing_analysis", seed, framing_content, server=app_server)


def test_rapid_pill_clicks_on_the_home_page(page, story, app_server):
    _run(page, story, "/", 66, home_content, server=app_server)


def test_rapid_clicks_with_the_filter_buttons(page, story, app_server):
    """Full texts only and Reset, mixed into the clicks near the end. A button's result is made
    on the server, so the next click waits until the pills show it (as a reader's would)."""
    _run(page, story, "/Framing_analysis", 77, framing_content,
         buttons={22: "Full texts only", 25: "Reset filters", 28: "Full texts only"}, server=app_server)


def test_rapid_clicks_with_the_only_pills(page, story, app_server):
    """The "Only" pills (issue 20) set a filter on the server, as the buttons do: mixed into rapid
    pill clicks, the pills clicked after them must still end in the state the reader chose."""
    _run(page, story, "/Framing_analysis", 88, framing_content,
         only={8: ("Principles", "P4"), 15: ("Outlets", "gawker"), 21: ("Outlets", "npr"), 26: ("Principles", "none")}, server=app_server)


# ---------------------------------------------------------------------------------------------
# The Framing page's sections are state too: the open section and `?section=`.

TAB_CLICKS = 12
_CLICK_TABS_JS = """
([plan, gap, selector]) => {
  window.__sfClicks = [];
  const click = (i) => {
    const start = performance.now();
    const tab = [...document.querySelectorAll(selector)].find(t => t.innerText.trim() === plan[i]);
    window.__sfClicks.push([start, !!tab]);
    if (tab) tab.click();
    if (i + 1 < plan.length) setTimeout(() => click(i + 1), Math.max(0, gap - (performance.now() - start)));
  };
  setTimeout(() => click(0), 0);
}
"""
# Text each section draws (the others draw charts only).
_SECTION_TEXT = {"In short": "Each claim counts", "Words": "Distinctive words", "Tone": "VADER",
                 "Headlines & readability": "Headline versus body", "Parallel reading": "Read the sentences about"}


@pytest.mark.parametrize("seed", [1, 2])
def test_rapid_tab_clicks_on_the_framing_page(page, seed):
    from storyframes.views import framing

    log = [f"/Framing_analysis tabs, seed {seed}: {TAB_CLICKS} clicks {GAP_S * 1000:.0f} ms apart"]
    open_page(page, "/Framing_analysis")
    rng = random.Random(seed)
    plan = [rng.choice(framing.SECTIONS) for _ in range(TAB_CLICKS)]
    log += [f"{i:2d}. tab {name}" for i, name in enumerate(plan, 1)]
    page.evaluate(_CLICK_TABS_JS, [plan, GAP_S * 1000, SECTION_BUTTONS])
    page.wait_for_function("(n) => window.__sfClicks.length === n", arg=len(plan), timeout=60_000, polling=50)
    assert all(found for _t, found in page.evaluate("() => window.__sfClicks")), f"a tab to click was not found\n{log}"
    wait_settled(page, log)
    story = "\n".join(log + [f"address {page.url}"])
    assert not page.locator("[data-testid='stException']").count(), f"an exception is shown\n{story}"
    # The open section is the one the reader clicked last, the page shows it, and the address
    # names it. With st.tabs, each run sent its open tab back to the browser, and a run that
    # started before the last clicks could reopen an older tab (this was an xfail); the section
    # buttons' state is the browser's, and the address is written by the run that drew it.
    selected = page.locator(OPEN_SECTION).all_inner_texts()
    assert len(selected) == 1, f"pressed section buttons {selected}\n{story}"
    open_tab = selected[0].strip()
    text = page.locator("[data-testid='stMain']").inner_text()
    problems = []
    if open_tab != plan[-1]:
        problems.append(f"the open section is {open_tab!r}, but the last click was on {plan[-1]!r}")
    if _SECTION_TEXT.get(open_tab, "") not in text:
        problems.append(f"the open section {open_tab!r} is not what the page shows: {text[:200]!r}")
    section = parse_qs(urlsplit(page.url).query).get("section")
    if section != (None if open_tab == framing.SECTIONS[0] else [open_tab]):
        problems.append(f"address section={section}, but the open section is {open_tab!r}")
    assert not problems, "after rapid section clicks the section, the address and the page disagree:\n- " + "\n- ".join(problems) + f"\n{story}"
