"""Address parsing and writing for the shared filters (storyframes.filters)."""

from storyframes.filters import Filters, ParsedAddress, parse_address, resolve, to_address

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
