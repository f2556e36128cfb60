"""This computer's address on the classroom network, for "Share this view".

A teacher usually opens the app at http://localhost:8501, an address only their own computer can
open. When the server listens beyond loopback (Streamlit's `server.address` unset, 0.0.0.0 or a
network address), the share control puts this computer's network address in the link instead,
found from the machine's own interfaces with the standard library: no internet, no new package.
When it listens on loopback only, one sentence says how to start it for the class (the sentences
are the app's own Markdown, with the command as code).

The choice is pure (`pick_lan_address`, `listens_beyond_loopback`, `share_origin`) and tested with
fakes; `local_addresses` asks the operating system, each way guarded (any may fail on a machine).
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys
from collections.abc import Callable, Iterable

from storyframes.classroom.lesson import HostError, Origin, parse_host

LOOPBACK_ONLY = ("Only this computer can open this address: to let the class open it, stop the app and start it "
                 "again with `streamlit run dashboard.py --server.address 0.0.0.0`, then share again.")
NOT_FOUND = ("This computer's address on the room's network was not found (is it on the room's Wi-Fi?); "
             "Lesson link says how to find it and type it.")

_ANY = {"", "0.0.0.0", "::", "*"}
_SIOCGIFADDR = 0x8915  # Linux: an interface's IPv4 address
_PROBE = ("10.255.255.255", 9)  # a private address: "connecting" a UDP socket to it sends nothing


def _ipv4(text: str) -> ipaddress.IPv4Address | None:
    try:
        return ipaddress.IPv4Address(text.strip())
    except (ipaddress.AddressValueError, ValueError, AttributeError):
        return None


def listens_beyond_loopback(server_address: str | None) -> bool:
    """True when Streamlit's `server.address` lets other devices connect: unset or empty (every
    interface), 0.0.0.0 or ::, or an address that is not loopback. False for localhost, 127.x, ::1."""
    value = (server_address or "").strip().strip("[]").casefold()
    if value in _ANY:
        return True
    if value == "localhost" or value == "::1":
        return False
    ip = _ipv4(value)
    return not (ip is not None and ip.is_loopback)


def pick_lan_address(candidates: Iterable[str]) -> str | None:
    """The address students' devices can most likely open, among this computer's IPv4 addresses:
    a private one (192.168.x, 10.x, 172.16-31.x) before any other, else in the order found (the
    system's own route first, see `WAYS`); never loopback, link-local
    (169.254.x, a network without a router), 0.0.0.0 or multicast. None when there is none."""
    usable = []
    for text in candidates:
        ip = _ipv4(text)
        if ip is None or ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast or ip.is_reserved:
            continue
        if str(ip) not in usable:
            usable.append(str(ip))
    ranked = sorted(usable, key=lambda a: (not ipaddress.IPv4Address(a).is_private, usable.index(a)))
    return ranked[0] if ranked else None


def _by_host_name() -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]


def _by_route() -> list[str]:
    """The address the system would send from to a private network (a UDP "connect" sends no packet)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(_PROBE)
        return [probe.getsockname()[0]]


def _by_interface() -> list[str]:
    """Every interface's IPv4 address, on Linux (an ioctl per interface name)."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl

    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _index, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(sock.fileno(), _SIOCGIFADDR, struct.pack("256s", name[:15].encode()))
            except OSError:  # an interface without an IPv4 address
                continue
            found.append(socket.inet_ntoa(packed[20:24]))
    return found


WAYS: tuple[Callable[[], list[str]], ...] = (_by_route, _by_interface, _by_host_name)


def local_addresses(ways: Iterable[Callable[[], list[str]]] = WAYS) -> list[str]:
    """This computer's IPv4 addresses as each way finds them, in order; a way that fails adds none."""
    found: list[str] = []
    for way in ways:
        try:
            found.extend(way())
        except (OSError, ValueError, UnicodeError):
            continue
    return found


def find_lan_address(ways: Iterable[Callable[[], list[str]]] = WAYS) -> str | None:
    return pick_lan_address(local_addresses(ways))


def share_origin(served: Origin | None, server_address: str | None,
                 find: Callable[[], str | None] = find_lan_address) -> tuple[Origin | None, str]:
    """Where a shared link should point, and the one sentence to show with it ("" when none).

    The browser reached the app at a network address: that one. At localhost (or 127.x), and the
    server listens beyond loopback: the same scheme and port at this computer's network address
    (the one `server.address` names, else the one `find` gives), or, when none is found,
    localhost with `NOT_FOUND`. On loopback only: localhost with `LOOPBACK_ONLY`."""
    if served is None or not served.is_local:
        return served, ""
    if not listens_beyond_loopback(server_address):
        return served, LOOPBACK_ONLY
    named = (server_address or "").strip()
    if named.strip("[]") not in _ANY:
        try:
            return Origin(served.scheme, parse_host(named).host, served.port), ""
        except HostError:
            pass
    lan = find()
    if lan is None:
        return served, NOT_FOUND
    return Origin(served.scheme, lan, served.port), ""
