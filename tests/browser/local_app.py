"""What the browser tests and the benchmark both need to run the app locally: Debian's Chromium
and its flags, a free port, and the server's health check. Plain Python (no pytest), so the
benchmark can import it too."""

from __future__ import annotations

import shutil
import socket
import urllib.request
from pathlib import Path

# Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium (Playwright cannot download a browser here)."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def free_port() -> int:
    """A port free on every interface (Streamlit listens on all of them, IPv6 included)."""
    for family in (socket.AF_INET6, socket.AF_INET):
        try:
            with socket.socket(family) as sock:
                sock.bind(("", 0))
                return sock.getsockname()[1]
        except OSError:
            continue
    raise RuntimeError("no free local port")


def health(url: str) -> str:
    """The body of Streamlit's /_stcore/health ("ok" when up), or "" when it does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.read().decode("utf-8", "replace").strip()
    except OSError:
        return ""
