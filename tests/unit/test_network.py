"""This computer's network address for "Share this view" (storyframes.classroom.network): found
from the machine's own interfaces, used only when the server listens beyond loopback; with fakes."""

from __future__ import annotations

import pytest

from storyframes.classroom import network
from storyframes.classroom.lesson import Origin

LOCAL = Origin("http", "localhost", 8501)


@pytest.mark.parametrize("option, beyond", [
    (None, True), ("", True), ("0.0.0.0", True), ("::", True), ("[::]", True), ("192.168.1.20", True),
    ("classroom-pc.local", True), ("localhost", False), ("LOCALHOST", False), ("127.0.0.1", False),
    ("127.0.1.1", False), ("::1", False), ("[::1]", False),
])
def test_listens_beyond_loopback(option, beyond):
    assert network.listens_beyond_loopback(option) is beyond


@pytest.mark.parametrize("candidates, expected", [
    (["127.0.0.1", "192.168.1.20"], "192.168.1.20"),
    (["8.8.4.4", "10.0.0.5"], "10.0.0.5"),  # a private address before a public one
    (["10.0.0.5", "172.17.0.1"], "10.0.0.5"),  # in the order found (the system's own route first)
    (["169.254.3.4", "0.0.0.0", "224.0.0.1", "not an address", ""], None),  # link-local, unspecified, multicast
    (["127.0.0.1", "127.0.1.1"], None),
    ([], None),
    (["8.8.4.4"], "8.8.4.4"),  # a public address is still one the room can reach
])
def test_pick_lan_address(candidates, expected):
    assert network.pick_lan_address(candidates) == expected


def test_each_way_is_asked_and_a_failing_way_adds_nothing():
    def broken():
        raise OSError("no route")

    ways = (broken, lambda: ["127.0.0.1"], lambda: ["192.168.5.7", "127.0.0.1"])
    assert network.local_addresses(ways) == ["127.0.0.1", "192.168.5.7", "127.0.0.1"]
    assert network.find_lan_address(ways) == "192.168.5.7"
    assert network.find_lan_address((broken,)) is None


def test_the_real_ways_run_without_raising():
    found = network.local_addresses()  # whatever this machine has: a list of IPv4 texts, no exception
    assert all(isinstance(a, str) and a.count(".") == 3 for a in found)


def test_on_localhost_beyond_loopback_the_link_uses_the_network_address():
    origin, sentence = network.share_origin(LOCAL, None, lambda: "192.168.1.20")
    assert origin == Origin("http", "192.168.1.20", 8501) and sentence == ""
    origin, _ = network.share_origin(Origin("https", "127.0.0.1", 8443), "0.0.0.0", lambda: "10.1.2.3")
    assert origin == Origin("https", "10.1.2.3", 8443)


def test_an_address_the_server_was_told_is_used_as_it_is():
    asked = []
    origin, sentence = network.share_origin(LOCAL, "192.168.7.7", lambda: asked.append(1) or "10.0.0.1")
    assert origin == Origin("http", "192.168.7.7", 8501) and sentence == "" and not asked
    assert network.share_origin(LOCAL, "Classroom-PC.local", lambda: None)[0] == Origin("http", "classroom-pc.local", 8501)


def test_on_loopback_only_one_sentence_says_what_to_do():
    for option in ("localhost", "127.0.0.1", "::1"):
        origin, sentence = network.share_origin(LOCAL, option, lambda: pytest.fail("no search on loopback"))
        assert origin == LOCAL and sentence == network.LOOPBACK_ONLY
    assert "--server.address 0.0.0.0" in network.LOOPBACK_ONLY and network.LOOPBACK_ONLY.count(". ") == 0


def test_no_network_address_found_says_so():
    origin, sentence = network.share_origin(LOCAL, None, lambda: None)
    assert origin == LOCAL and sentence == network.NOT_FOUND


def test_a_network_address_the_browser_used_is_kept():
    reached = Origin("http", "192.168.1.20", 8501)
    assert network.share_origin(reached, "localhost", lambda: pytest.fail("not asked")) == (reached, "")
    assert network.share_origin(None, None, lambda: "10.0.0.1") == (None, "")
