"""AppTest helpers: run the real multipage app from dashboard.py, as Streamlit does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from storyframes.app.site import PAGES as SITE_PAGES
from storyframes.core.text import TEXT_BREAK

ROOT = Path(__file__).resolve().parents[2]
PAGES = [p.file for p in SITE_PAGES]  # the app's own page list


def open_page(page: str, **params) -> AppTest:
    """Open `page`'s own address with the given parameters (lists for repeated keys), as a
    first request to that page would: the app is loaded from dashboard.py, as Streamlit does."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if page != "dashboard.py":
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def text_of(at: AppTest) -> str:
    """All the text a reader sees in the main area (markdown, captions, alerts, headers)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts.extend(str(el.value) for el in getattr(at, kind))
    return "\n".join(parts)


def plain_text(at: AppTest) -> str:
    """What the reader reads: the page's text with Markdown escapes (\\( \\- …) and the empty
    directive that keeps addresses from becoming links (text.TEXT_BREAK) taken out."""
    return re.sub(r"\\(.)", r"\1", text_of(at).replace(TEXT_BREAK, ""))


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(params=PAGES, ids=lambda p: Path(p).stem)
def page(request) -> str:
    return request.param


@pytest.fixture
def sent_media(monkeypatch) -> dict[str, bytes]:
    """Every media file a run hands to the browser (downloads, images), by the file name in its URL:
    AppTest has no browser to download them, so the tests read what the server stored."""
    sent: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            sent[self.get_url(file_id).rsplit("/", 1)[-1]] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return sent
