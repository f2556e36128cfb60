"""The lesson link: one short absolute address that opens a chosen page, with the sidebar filters
and the page's own parameters, for a class to open from a QR code on the projector.

Pure functions, tested without Streamlit (`tests/unit/test_lesson.py`); `pages/9_Lesson_link.py`
is the glue. The host is the one thing a teacher types that goes into the address, so it is
parsed strictly: a host name or an IPv4 address and an optional port, nothing else (no user
info, path, query, fragment, space or other scheme). Every query value is percent-encoded.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlencode, urlsplit

from storyframes.core import filters as flt

# How Streamlit names a page of the pages/ folder (streamlit.source_util.PAGE_FILENAME_REGEX):
# "pages/2_Members_and_cities.py" is served at /Members_and_cities; the entry file at /.
_PAGE_FILENAME = re.compile(r"([0-9]*)[_ -]*(.*)\.py")


def url_path(page_file: str) -> str:
    """The URL path Streamlit serves a page at: "/" for the entry file (the one script at the app's
    root; every other page is in pages/), else "/" + the file's name without its number prefix
    and ".py" (runs of spaces and underscores made one "_")."""
    if "/" not in page_file.strip("/"):
        return "/"
    match = _PAGE_FILENAME.search(PurePosixPath(page_file).name)
    if not match:
        raise ValueError(f"not a page file: {page_file!r}")
    return "/" + (re.sub(r"[_ ]+", "_", match.group(2)).strip() or match.group(1))


def page_file_for(path: str, page_files: Sequence[str]) -> str | None:
    """The page file served at URL path `path` (the inverse of `url_path`), or None."""
    wanted = "/" + path.strip("/")
    return next((f for f in page_files if url_path(f).casefold() == wanted.casefold()), None)


# --- the host ---------------------------------------------------------------------------------

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"(?P<host>{_LABEL}(?:\.{_LABEL})*)(?::(?P<port>[0-9]{{1,5}}))?", re.ASCII)
_IPV4_LIKE = re.compile(r"[0-9.]+", re.ASCII)
SCHEMES = ("http", "https")
MAX_HOST_LENGTH = 253


@dataclass(frozen=True)
class Origin:
    """Where the app is served: scheme, host (a name or an IPv4 address) and optional port."""

    scheme: str
    host: str
    port: int | None = None

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}" + (f":{self.port}" if self.port is not None else "")

    @property
    def is_local(self) -> bool:
        """True for an address only this computer can open (students' devices cannot)."""
        return self.host.casefold() == "localhost" or self.host.startswith("127.") or self.host == "0.0.0.0"


class HostError(ValueError):
    """What is wrong with a typed host, in words a teacher can act on."""


def _valid_ipv4(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and len(p) <= 3 and int(p) <= 255 and (p == "0" or not p.startswith("0"))
                                   for p in parts)


def parse_host(text: str, scheme: str = "http") -> Origin:
    """A typed host ("192.168.1.20:8501", "classroom-pc.local") as an Origin. Surrounding spaces
    are ignored, and so is a leading "http://" or "https://" (which then sets the scheme) and
    one trailing "/", as a pasted address has them; anything else raises HostError."""
    if scheme not in SCHEMES:
        raise HostError(f"the scheme must be http or https, not {flt.safe_preview(scheme)}")
    value = (text or "").strip()
    for known in SCHEMES:
        if value.casefold().startswith(known + "://"):
            scheme, value = known, value[len(known) + 3:]
            break
    if value.endswith("/"):
        value = value[:-1]
    if not value:
        raise HostError("type the computer's address, such as 192.168.1.20:8501")
    match = _HOST.fullmatch(value)
    if not match:
        raise HostError(f"{flt.safe_preview(value)} is not a host name or an IPv4 address with an optional port "
                        "(letters, digits, hyphens and dots, then an optional :port; nothing else)")
    host, port = match.group("host"), match.group("port")
    if len(host) > MAX_HOST_LENGTH:
        raise HostError("the host name is too long")
    if _IPV4_LIKE.fullmatch(host) and not _valid_ipv4(host):
        raise HostError(f"{flt.safe_preview(host)} is not an IPv4 address (four numbers from 0 to 255, such as 192.168.1.20)")
    number = None
    if port is not None:
        number = int(port)
        if not 1 <= number <= 65535 or (len(port) > 1 and port.startswith("0")):
            raise HostError(f"the port must be a number from 1 to 65535, not {flt.safe_preview(port)}")
    return Origin(scheme, host.lower(), number)


def served_origin(url: str | None, host_header: str | None) -> Origin | None:
    """Where the browser reached this app: `st.context.url`'s scheme and host, else the Host
    header (http). Both come from the request, so they are parsed as strictly as a typed host;
    None when neither is usable."""
    if url:
        try:
            parts = urlsplit(url)
            if parts.scheme in SCHEMES and parts.netloc:
                return parse_host(parts.netloc, parts.scheme)
        except ValueError:
            pass
    if host_header:
        try:
            return parse_host(host_header)
        except HostError:
            pass
    return None


_BASE_PATH = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*", re.ASCII)


def base_path(option: str | None) -> str:
    """The server's `server.baseUrlPath` as a path prefix ("" or "/classroom"); "" when unset or
    not a plain path."""
    value = (option or "").strip("/")
    return "/" + value if value and _BASE_PATH.fullmatch(value) else ""


# --- the page's own parameters ------------------------------------------------------------------

MAX_SEED_DIGITS = 9  # the longest seed field: no page's seed is longer


def check_params(fields: Sequence, values: Mapping[str, str], where: str = "the page") -> tuple[dict[str, str], tuple[str, ...]]:
    """The page's parameters from the teacher's fields: (kept, problems). `fields` are the page's
    parameters as the app's registry declares them (name, label, is_seed, low, high, choices).
    Empty fields are left out; a seed must be a whole number in the page's own range; a choice
    one of its choices (in any letter case). A parameter the page does not read is a problem."""
    known = {p.name: p for p in fields}
    kept: dict[str, str] = {}
    problems: list[str] = []
    for name, raw in values.items():
        value = (raw or "").strip()
        param = known.get(name)
        if param is None:
            problems.append(f"{where} reads no parameter {flt.safe_preview(name)}")
        elif not value:
            continue
        elif param.is_seed:
            if value.isascii() and value.isdigit() and len(value) <= MAX_SEED_DIGITS and param.low <= int(value) <= param.high:
                kept[name] = str(int(value))
            else:
                problems.append(f"{param.label}: {flt.safe_preview(value)} is not a whole number from {param.low} to {param.high:,}")
        else:
            by_fold = {c.casefold(): c for c in param.choices}
            if value.casefold() in by_fold:
                kept[name] = by_fold[value.casefold()]
            else:
                problems.append(f"{param.label}: {flt.safe_preview(value)} is not one of {', '.join(param.choices)}")
    return kept, tuple(problems)


# --- the address -------------------------------------------------------------------------------

def query(filters: flt.Filters, default: flt.Filters, page_params: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """The query's (name, value) pairs: the filters as the app writes them (`filters.to_address`:
    a filter at its default is left out, an empty choice is "name="), then the page's parameters."""
    pairs = [(name, value) for name, values in flt.to_address(filters, default).items() for value in values]
    return pairs + list((page_params or {}).items())


def view_params(own: Sequence[str], pairs: Iterable[tuple[str, str]],
                kept: Mapping[str, Sequence[str] | None] | None = None) -> dict[str, str]:
    """The page's own parameters that a link to exactly this view carries, in `own`'s order: the
    address's values (`pairs`, the first of each), with the page's kept choices over them (the
    session's tour step, quiz round, coding set: `kept`, None or empty for a parameter removed),
    so a quiz or coding link names the round or set the reader sees even where the address does
    not show it yet. Parameters not in `own` (the filters, another page's) are left out."""
    chosen: dict[str, str] = {}
    for name, value in pairs:
        if name in own:
            chosen.setdefault(name, value)
    for name, values in (kept or {}).items():
        if name in own:
            if values:
                chosen[name] = values[0]
            else:
                chosen.pop(name, None)
    return {name: chosen[name] for name in own if name in chosen}


def build(origin: Origin, page_file: str, filters: flt.Filters, default: flt.Filters,
          page_params: Mapping[str, str] | None = None, prefix: str = "") -> str:
    """The lesson link: origin + base path + the page's URL path + the query."""
    path = (prefix + url_path(page_file)) if prefix else url_path(page_file)
    pairs = query(filters, default, page_params)
    return f"{origin}{path}" + (f"?{urlencode(pairs)}" if pairs else "")


# --- the QR code -------------------------------------------------------------------------------

QR_PIXELS = 1000  # about this wide, the downloaded PNG: sharp when printed or put on a slide
QR_BORDER = 4  # modules of quiet zone, as the standard asks
# About this wide on the page, drawn at its own size (Streamlit resamples an image given a width, which
# blurs the modules): most of a 720-pixel-high projector, a 30 cm square read from the back of the
# room; a narrower screen shrinks it to fit.
QR_DISPLAY = 600


def qr_png(address: str, pixels: int = QR_PIXELS) -> bytes:
    """The address as a QR code PNG (black on white, error correction level M), made offline by
    segno, each module a whole number of pixels so the image stays sharp at about `pixels` wide."""
    import segno

    code = segno.make(address, error="m", micro=False, boost_error=False)
    width = code.symbol_size(scale=1, border=QR_BORDER)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(4, pixels // width), border=QR_BORDER)
    return buffer.getvalue()
