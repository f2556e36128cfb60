"""Address parsing and writing for the shared filters (storyframes.core.filters)."""

import pytest

from storyframes.core.filters import Filters, ParsedAddress, parse_address, resolve, safe_preview, to_address

OUTLETS = ["dabs", "gawker", "cbs", "nyt"]
PRINCIPLES = ["P1", "P2", "P3", "P4", "none"]
DEFAULT = Filters(tuple(OUTLETS), tuple(PRINCIPLES))


def parse(**params):
    return parse_address({k: v if isinstance(v, list) else [v] for k, v in params.items()}, OUTLETS, PRINCIPLES)


def test_absent_parameters_name_nothing():
    assert parse() == ParsedAddress(None, None, ())


def test_known_values_case_insensitive_deduplicated_in_dashboard_order():
    got = parse(outlet=["CBS", "dabs", "dabs"], principle=["p4"])
    assert got.outlets == ("dabs", "cbs") and got.principles == ("P4",) and not got.notices


def test_empty_value_is_an_explicit_empty_choice():
    assert parse(outlet="").outlets == ()


def test_all_selects_everything():
    assert parse(principle="all").principles == tuple(PRINCIPLES)


def test_unknown_value_falls_back_with_a_notice_that_does_not_echo_markup():
    got = parse(outlet=["dabs", "nope"], principle="<script>alert(1)</script>")
    assert got.outlets is None and got.principles is None
    assert len(got.notices) == 2
    assert "showing all outlets" in got.notices[0]
    # the hostile value is shown only inside a code span, truncated, never as markup
    assert "`<script>alert(1)</script>`" in got.notices[1]


def test_backticks_cannot_break_out_of_the_code_span():
    got = parse(outlet="`**x**`")
    assert "`?**x**?`" in got.notices[0]


def test_huge_and_repeated_values_are_refused():
    assert parse(outlet=["dabs"] * 500).outlets is None
    long = parse(outlet="x" * 5000)
    assert long.outlets is None and len(long.notices[0]) < 300


def test_to_address_leaves_defaults_out_and_writes_empty_choice():
    assert to_address(DEFAULT, DEFAULT) == {}
    assert to_address(Filters(("gawker",), ()), DEFAULT) == {"outlet": ["gawker"], "principle": [""]}


def test_round_trip_address():
    chosen = Filters(("dabs", "cbs"), ("P1", "none"))
    params = to_address(chosen, DEFAULT)
    got = parse_address(params, OUTLETS, PRINCIPLES)
    assert (got.outlets, got.principles) == (chosen.outlets, chosen.principles)


def test_resolve_address_wins_then_session_then_default():
    session = Filters(("gawker",), ("P2",))
    assert resolve(session, ParsedAddress(("dabs",), None, ()), DEFAULT) == Filters(("dabs",), ("P2",))
    assert resolve(session, ParsedAddress(None, None, ()), DEFAULT) == session
    assert resolve(None, ParsedAddress(None, None, ()), DEFAULT) == DEFAULT


# Values an address can carry once the server has decoded it: a NUL, a right-to-left override
# that would reverse the notice around it, an emoji, a script URL, and what broken
# percent-encoding decodes to (U+FFFD for invalid UTF-8, the raw text for a bad escape).
ODD_VALUES = {
    "nul": "gawker\x00",
    "nul-alone": "\x00",
    "rtl-override": "\u202egawker",
    "rtl-isolate": "\u2067P4\u2069",
    "emoji": "\U0001F642",
    "javascript": "javascript:alert(1)",
    "bad-utf8": "\ufffd%A",
    "bad-escape": "%ZZ",
    "zero-width": "gaw\u200bker",
}


def _is_safe_notice(text: str) -> bool:
    """Every character printable (no NUL, no bidi or zero-width control) and no backtick but the
    code span's own two."""
    return all(ch.isprintable() for ch in text)


@pytest.mark.parametrize("value", list(ODD_VALUES.values()), ids=list(ODD_VALUES))
@pytest.mark.parametrize("param", ["outlet", "principle"])
def test_odd_address_values_fall_back_with_a_printable_notice(param, value):
    got = parse(**{param: value})
    assert getattr(got, f"{param}s") is None, "an odd value must not select anything"
    assert len(got.notices) == 1
    notice = got.notices[0]
    assert _is_safe_notice(notice), repr(notice)
    assert notice.count("`") == 2, "the value stays inside one code span"
    assert len(notice) < 200


@pytest.mark.parametrize("value", list(ODD_VALUES.values()), ids=list(ODD_VALUES))
def test_odd_value_beside_a_known_one_still_falls_back(value):
    got = parse(outlet=["gawker", value])
    assert got.outlets is None and _is_safe_notice(got.notices[0])


def test_safe_preview_keeps_readable_characters_and_replaces_controls():
    assert safe_preview("\U0001F642") == "`\U0001F642`"
    assert safe_preview("\u202egawker\x00") == "`?gawker?`"
    assert safe_preview("\ufffd%A") == "`\ufffd%A`"
