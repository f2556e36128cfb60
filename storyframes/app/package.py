"""The shared, read-only data: the package (loaded once per version of its files, a failure
remembered too), the whole package as a zip, and each page's View cached per (data version,
filters) and shared by every reader who asks for the same selection.

`st.cache_resource` returns the shared object itself: nothing may mutate what it returns
(`tests/pages/test_shared_data.py` checks every page against a fresh load).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st

from storyframes.core import filters as flt
from storyframes.core.data import DATA_DIR, DataPackageError, StoryData, load_package

log = logging.getLogger(__name__)

T = TypeVar("T")

# --- the shared package ---------------------------------------------------------------------------
# Which folder: $STORYFRAMES_DATA_DIR if set (read at every call, so tests and the benchmark can
# point the app at another package), else data/.
DATA_DIR_ENV = "STORYFRAMES_DATA_DIR"
# The folder's files are stat-ed at most once a second per folder (and per process), not on every
# page run: a fixed or changed package is picked up within a second, without a server restart.
FINGERPRINT_MAX_AGE = 1.0
_fingerprints: dict[str, tuple[float, str]] = {}
_fingerprint_lock = threading.Lock()


def data_dir() -> Path:
    """The package folder the app reads."""
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(value) if value else DATA_DIR


def scan_fingerprint(directory: Path) -> str:
    """A digest of (path, size, mtime_ns) of every file under `directory`: it changes when any
    file is added, removed, replaced or rewritten. Reads no file's content (3,000 files: ~20 ms here)."""
    entries: list[str] = []
    pending = [""]
    root = str(directory)
    while pending:
        rel = pending.pop()
        try:
            with os.scandir(os.path.join(root, rel) if rel else root) as listing:
                for entry in listing:
                    name = f"{rel}/{entry.name}" if rel else entry.name
                    try:
                        if entry.is_dir():
                            pending.append(name)
                        else:
                            info = entry.stat()
                            entries.append(f"{name}\0{info.st_size}\0{info.st_mtime_ns}")
                    except OSError:
                        entries.append(f"{name}\0unreadable")
        except OSError as exc:
            entries.append(f"{rel}/\0{exc.errno}")
    entries.sort()
    return hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()


def package_fingerprint(directory: Path) -> str:
    """`scan_fingerprint(directory)`, scanned at most once per FINGERPRINT_MAX_AGE seconds."""
    key, now = str(directory), time.monotonic()
    with _fingerprint_lock:
        seen = _fingerprints.get(key)
    if seen is not None and now - seen[0] < FINGERPRINT_MAX_AGE:
        return seen[1]
    fingerprint = scan_fingerprint(directory)
    with _fingerprint_lock:
        _fingerprints[key] = (now, fingerprint)
    return fingerprint


@st.cache_resource(show_spinner="Loading the data package…", max_entries=2)
def _package_outcome(directory: str, fingerprint: str) -> StoryData | DataPackageError:
    """The outcome of loading one version of the package: the package or its error. A failure is
    kept too (st.cache_resource would not keep a raised exception), so a broken package is read
    once per version of its files, not once per page run."""
    try:
        return load_package(directory)
    except DataPackageError as error:
        log.warning("data package %s: %s", directory, error)
        return error
    except Exception:  # a bug or a problem no check foresaw: readers get one sentence, the log the rest
        log.exception("loading the data package in %s failed unexpectedly", directory)
        return DataPackageError("the loader stopped on an unexpected problem; the server log has the details", file="")


def cached_package() -> StoryData:
    """The package of `data_dir()`, loaded once per version of its files and shared read-only by
    every reader; raises its DataPackageError (a fresh copy each time) when it is broken."""
    directory = data_dir()
    outcome = _package_outcome(str(directory), package_fingerprint(directory))
    if isinstance(outcome, DataPackageError):
        raise outcome.copy()
    return outcome


@st.cache_resource(show_spinner=False, max_entries=1)
def _data_package_zip(directory: str, fingerprint: str) -> bytes:
    from storyframes.present import export

    return export.data_package_zip(Path(directory))


def data_package_zip() -> bytes:
    """The whole package as a zip, built once per version of its files."""
    directory = data_dir()
    return _data_package_zip(str(directory), package_fingerprint(directory))


def _name(builder: Callable) -> str:
    """A builder's full name: two builders of one module must not share cached views."""
    return f"{builder.__module__}.{builder.__qualname__}"


@st.cache_resource(show_spinner=False, max_entries=512)
def _cached_view(builder: str, section: str, version: str, filters: flt.Filters, *, _build, _data):
    # Keyed by builder, section, data version and filters; the builder function and the data are
    # not hashed (the version stands for the data). Views are frozen and never mutated by a page.
    return _build(_data, filters)


@st.cache_resource(show_spinner=False, max_entries=128)
def _cached_search(builder: str, query: str, version: str, filters: flt.Filters, *, _build, _data):
    # Searches get their own bounded cache: keyed by what readers type, they would otherwise push
    # the pages' views out of `_cached_view`. An added article's rows are in `version` (see below).
    return _build(_data, filters, query)


def search(data: StoryData, filters: flt.Filters, query: str, builder: Callable[[StoryData, flt.Filters, str], T]) -> T:
    """What `builder` finds for `query` (already cleaned) under `filters`, built once per (data
    version, filters, query) rather than on every run of a page that shows the find box."""
    return _cached_search(_name(builder), query, data.version, filters, _build=builder, _data=data)


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_view_added(builder: str, section: str, version: str, filters: flt.Filters, *, _build, _data):
    # Views of a reader's data (the package plus the articles they added), kept apart from the
    # curated views so readers' additions never evict those, and bounded (64 views in all).
    # The key's version digests every added row (StoryData.with_added): one reader can be handed
    # another's cached view only if both added the very same article (same text, hence the same
    # id and rows, under the same outlet name and headline) with the same filters, and then the
    # view is the same either way. A view never holds anything else of a session.
    return _build(_data, filters)


def view(data: StoryData, filters: flt.Filters, builder: Callable[[StoryData, flt.Filters], T]) -> T:
    """The View `builder` makes for `filters`, built once per (data version, filters). With articles
    the reader added, the data is theirs and so is its version: see `_cached_view_added`."""
    cached = _cached_view_added if data.auto_coded else _cached_view
    return cached(_name(builder), "", data.version, filters, _build=builder, _data=data)


def section(data: StoryData, filters: flt.Filters, builder: Callable[[StoryData, flt.Filters, str], T], name: str, *,
            full_texts_only: bool = False) -> T:
    """One section of a sectioned page's View (only the open one is built). A section that reads
    only the full texts is keyed by the chosen full texts alone, so choosing or dropping a
    headline-only outlet does not rebuild it."""
    key = filters.keep_outlets(data.vocab.full_text_ids) if full_texts_only else filters
    cached = _cached_view_added if data.auto_coded else _cached_view
    return cached(_name(builder), name, data.version, key, _build=lambda d, f: builder(d, f, name), _data=data)
