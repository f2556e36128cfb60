"""The filter state has one writer: the pills. Under AppTest: many quick changes keep the pills,
the address and the page in step; an ordinary run never assigns the pills (an assigned value is
sent to the browser and overwrites clicks made meanwhile: tests/browser/test_rapid_clicks.py);
the address is read back only when it is the reader's wish (a new session, Back/Forward, a page
reached by a link that names values)."""

from __future__ import annotations

import random

import pytest

from storyframes.app import address as app_address
from storyframes.core.data import load_package
from storyframes.core.filters import Filters, to_address
from storyframes.views import framing
from storyframes.views.common import default_filters

from .conftest import assert_clean, open_page
from .test_pages import OUTLETS_KEY, PRINCIPLES_KEY, address_values

FRAMING = "pages/4_Framing_analysis.py"
KEYS = {"outlet": OUTLETS_KEY, "principle": PRINCIPLES_KEY}


@pytest.fixture(scope="module")
def data():
    return load_package()


def address(at) -> dict[str, list[str]]:
    return {p: address_values(at, p) for p in KEYS if p in at.query_params}


def assert_in_step(at, data, expected: dict[str, set[str]], where: str) -> None:
    """Pills, address and the page's 'Showing …' line all say `expected`."""
    vocab = data.vocab
    default = default_filters(vocab)
    chosen = Filters(tuple(o for o in vocab.outlet_ids if o in expected["outlet"]),
                     tuple(p for p in default.principles if p in expected["principle"]))
    assert_clean(at)
    for param, key in KEYS.items():
        assert set(at.pills(key=key).value) == expected[param], f"{where}: {param} pills"
    assert address(at) == to_address(chosen, default), f"{where}: address"
    line = framing.build_selection(data, chosen).describe()
    assert at.caption[0].value.replace("\\", "").startswith(line), f"{where}: the page says {at.caption[0].value!r}"


def test_thirty_quick_pill_changes_keep_pills_address_and_page_in_step(data):
    vocab = data.vocab
    options = {"outlet": list(vocab.outlet_ids), "principle": list(default_filters(vocab).principles)}
    expected = {p: set(v) for p, v in options.items()}
    at = open_page(FRAMING)
    rng = random.Random(8)
    for step in range(1, 31):
        if step == 24:
            next(b for b in at.button if b.label == "Full texts only").click().run()
            expected["outlet"] = set(vocab.full_text_ids)
        elif step == 27:
            next(b for b in at.button if b.label == "Reset filters").click().run()
            expected = {p: set(v) for p, v in options.items()}
        else:
            param = rng.choice(list(KEYS))
            expected[param] ^= {rng.choice(options[param])}
            at.pills(key=KEYS[param]).set_value([v for v in options[param] if v in expected[param]]).run()
            # The reader's own click is never echoed back as an assignment.
            assert not any(at.pills(key=k).proto.set_value for k in KEYS.values()), f"step {step}: a pill was assigned"
        assert_in_step(at, data, expected, f"step {step}")


def test_an_address_arriving_with_an_ordinary_rerun_does_not_overwrite_the_pills():
    """The browser sends the address it shows, which can be older than the pills while a run is
    still writing it: on an ordinary rerun the pills win and the address is rewritten."""
    at = open_page("pages/3_Compare_outlets.py")
    at.pills(key=OUTLETS_KEY).set_value(["gawker"]).run()
    at.query_params["outlet"] = ["cbs"]  # stale
    at.run()
    assert_clean(at)
    assert at.pills(key=OUTLETS_KEY).value == ["gawker"]
    assert address_values(at, "outlet") == ["gawker"]


def test_back_and_forward_restore_the_address_choice(monkeypatch):
    at = open_page("pages/3_Compare_outlets.py")
    at.pills(key=OUTLETS_KEY).set_value(["gawker"]).run()
    monkeypatch.setattr(app_address, "history_navigation", lambda: True)
    at.query_params["outlet"] = ["cbs"]
    at.run()
    assert_clean(at)
    assert at.pills(key=OUTLETS_KEY).value == ["cbs"]
    assert address_values(at, "outlet") == ["cbs"]


def test_a_link_to_another_page_that_names_values_wins():
    at = open_page("dashboard.py")
    at.pills(key=OUTLETS_KEY).set_value(["gawker"]).run()
    at.switch_page("pages/3_Compare_outlets.py")
    at.query_params["outlet"] = ["cbs"]
    at.query_params["principle"] = ["P2"]
    at.run()
    assert_clean(at)
    assert at.pills(key=OUTLETS_KEY).value == ["cbs"] and at.pills(key=PRINCIPLES_KEY).value == ["P2"]


def test_an_unknown_address_value_on_a_page_switch_keeps_the_choice_with_a_notice():
    at = open_page("dashboard.py")
    at.pills(key=OUTLETS_KEY).set_value(["gawker"]).run()
    at.switch_page("pages/1_Principles.py")
    at.query_params["outlet"] = ["nope"]
    at.run()
    assert_clean(at)
    assert at.warning and "unknown" in at.warning[0].value
    assert at.pills(key=OUTLETS_KEY).value == ["gawker"]
    assert address_values(at, "outlet") == ["gawker"]


def test_the_open_section_survives_filter_changes_and_is_in_the_address():
    at = open_page(FRAMING, section="Tone")
    assert address_values(at, "section") == ["Tone"]
    at.pills(key=OUTLETS_KEY).set_value(["dabs", "gawker"]).run()
    assert_clean(at)
    assert address_values(at, "section") == ["Tone"]
    assert "VADER" in "\n".join(c.value for c in at.caption)


def test_an_unknown_section_falls_back_to_the_first_with_a_notice():
    at = open_page(FRAMING, section="nope<b>")
    assert_clean(at)
    assert any("unknown section" in w.value for w in at.warning)
    assert "section" not in at.query_params
    at.pills(key=PRINCIPLES_KEY).set_value(["P1"]).run()  # the notice was for the link, not every run
    assert_clean(at)
    assert not at.warning


# --- one tap to narrow: the "Only" rows and the filter buttons (issue 20) ------------------------

def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_only_pills_narrow_a_filter_to_the_value_tapped_and_clear_themselves(data):
    from storyframes.app.sidebar import ONLY_FULL_TEXT, ONLY_HEADLINE, ONLY_PRINCIPLE

    vocab = data.vocab
    headline = next(o for o in vocab.outlet_ids if o not in vocab.full_text_ids)
    at = open_page(FRAMING)
    expected = {"outlet": set(vocab.outlet_ids), "principle": set(default_filters(vocab).principles)}
    at.pills(key=ONLY_PRINCIPLE).set_value("P4").run()
    expected["principle"] = {"P4"}
    assert_in_step(at, data, expected, "only P4")
    at.pills(key=ONLY_FULL_TEXT).set_value("gawker").run()
    expected["outlet"] = {"gawker"}
    assert_in_step(at, data, expected, "only Gawker")
    # the "Only" pills are actions: none stays pressed after its tap
    assert all(at.pills(key=k).value is None for k in (ONLY_PRINCIPLE, ONLY_FULL_TEXT, ONLY_HEADLINE))
    at.pills(key=OUTLETS_KEY).set_value(["gawker", "cbs"]).run()  # then a tap on a pill adds one
    expected["outlet"] = {"gawker", "cbs"}
    assert_in_step(at, data, expected, "Gawker and CBS")
    assert address(at) == {"outlet": ["gawker", "cbs"], "principle": ["P4"]}
    at.pills(key=ONLY_HEADLINE).set_value(headline).run()
    expected["outlet"] = {headline}
    assert_in_step(at, data, expected, f"only {headline}")


def test_the_only_rows_group_the_outlets_as_the_data_does(data):
    from storyframes.app.sidebar import ONLY_FULL_TEXT, ONLY_HEADLINE

    vocab = data.vocab
    at = open_page(FRAMING)
    shown = {k: tuple(o.replace("\\", "") for o in at.pills(key=k).options) for k in (ONLY_FULL_TEXT, ONLY_HEADLINE)}  # labels are escaped Markdown
    assert shown[ONLY_FULL_TEXT] == tuple(vocab.filter_label(o) for o in vocab.full_text_ids)
    assert shown[ONLY_HEADLINE] == tuple(vocab.filter_label(o) for o in vocab.outlet_ids if o not in vocab.full_text_ids)


@pytest.mark.parametrize("label, param, values", [
    ("No principles", "principle", lambda v: set()),
    ("All principles", "principle", lambda v: set(default_filters(v).principles)),
    ("No outlets", "outlet", lambda v: set()),
    ("All outlets", "outlet", lambda v: set(v.outlet_ids)),
    ("Full texts only", "outlet", lambda v: set(v.full_text_ids)),
    ("Headlines only", "outlet", lambda v: set(v.outlet_ids) - set(v.full_text_ids)),
])
def test_filter_buttons_set_one_filter_and_leave_the_other(data, label, param, values):
    vocab = data.vocab
    at = open_page(FRAMING)
    at.pills(key=OUTLETS_KEY).set_value(["dabs", "gawker"]).run()
    at.pills(key=PRINCIPLES_KEY).set_value(["P2", "P4"]).run()
    expected = {"outlet": {"dabs", "gawker"}, "principle": {"P2", "P4"}}
    if label.startswith("All"):  # start away from the value the button sets
        expected[param] = set()
        at.pills(key=KEYS[param]).set_value([]).run()
    _button(at, label).click().run()
    expected[param] = values(vocab)
    assert_in_step(at, data, expected, label)
