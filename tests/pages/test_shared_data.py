"""Shared, cached data is never mutated by a page.

The package (`package._package_outcome`, st.cache_resource), what is memoised on it
(`StoryData.memo`), the cached views (`package._cached_view`) and searches
(`package._cached_search`) are one object each, handed to every
reader of the process: a page that edits one in place (a sort with inplace=True, a column added, a
cell set) changes what every later reader sees. So every page is run under AppTest with several
filter choices (by address and by pill clicks, an empty one among them), every section of the
Framing page opened and each page's own controls used; then the objects the pages were handed are
compared, table by table, with the same things built from a fresh `load_package()`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pytest

from storyframes.app import package as shell
from storyframes.app.shell import SECTION_KEY
from storyframes.app.site import PAGES as SITE_PAGES
from storyframes.core.data import StoryData, load_package
from storyframes.views import _UNBUILT, Deferred, Lazy, framing

from .conftest import PAGES, assert_clean, open_page
from .test_pages import OUTLETS_KEY, PRINCIPLES_KEY

# (address, then pills clicked to): the default, narrow choices, a headline-only outlet (the
# full-text pages have nothing to show), and nothing chosen at all.
CHOICES = (
    ({}, {OUTLETS_KEY: ["gawker", "cbs"], PRINCIPLES_KEY: ["P1", "none"]}),
    ({"outlet": ["dabs", "nyt", "startribune"], "principle": ["P4"]}, {PRINCIPLES_KEY: ["P2", "P3", "none"]}),
    ({"outlet": ["startribune"]}, {OUTLETS_KEY: ["gawker"]}),
    ({"outlet": "", "principle": ""}, {PRINCIPLES_KEY: ["P1"]}),
)
FRAMING = "pages/4_Framing_analysis.py"


def use_controls(at, page: str) -> None:
    """What a reader does on a page besides the filters: another choice in every select box and
    radio, a search, every toggle flipped; on the Framing page every section opened."""
    if page == FRAMING and any(w.key == SECTION_KEY for w in at.button_group):  # none: the page shows its empty state
        for section in framing.SECTIONS:
            at.session_state[SECTION_KEY] = section
            at.run()
            assert_clean(at)
            use_page_widgets(at)
    else:
        use_page_widgets(at)


def use_page_widgets(at) -> None:
    # each widget taken from the page as it is now: a choice can replace the next one (a pair of
    # outlets chosen draws another chart, with another list of marks under it)
    for kind in ("selectbox", "radio"):
        for i in range(len(getattr(at, kind))):
            widgets = getattr(at, kind)
            if i < len(widgets) and len(widgets[i].options) > 1:
                widgets[i].set_value(raw_option(widgets[i], -1)).run()
                assert_clean(at)
    for i in range(len(at.text_input)):
        if i < len(at.text_input):
            at.text_input[i].input("sheriff").run()
            assert_clean(at)
    for i in range(len(at.toggle)):
        if i < len(at.toggle):
            toggle = at.toggle[i]
            toggle.set_value(not toggle.value).run()  # the highlights off, the coders' disputes on
            assert_clean(at)


def raw_option(widget, index: int):
    """The value behind a select box's or radio's option (AppTest lists the formatted labels)."""
    from storyframes.analysis import reliability
    from storyframes.views.common import coder_pairs

    package = shell.cached_package()
    vocab = package.vocab
    disputed = reliability.disagreements(coder_pairs(package))
    disputed_keys = (disputed["passage_id"] + "/" + disputed["field"] + "/" + disputed["item"]).tolist()  # Sources & method
    label = widget.options[index]
    pages = [p.file for p in SITE_PAGES]  # the Lesson link's page choice
    codes = [c for field in ("frame", "tone_police") for c in vocab.codes(field)]  # Code it yourself
    for value in (*widget.options, *vocab.outlet_ids, *vocab.principle_ids, "none", *disputed_keys, *pages, *codes):
        try:
            shown = str(widget.format_func(value))
        except (KeyError, IndexError, TypeError, ValueError):  # a label is not a value this box knows
            continue
        if shown == label:
            return value
    raise AssertionError(f"no value for the option {label!r} of {widget.label!r}: add its values to raw_option")


@pytest.fixture()
def observed(monkeypatch):
    """Run the pages with fresh caches, keeping what they were handed: every package loaded, every
    memo's build function, every cached view with the inputs it was built from."""
    shell._package_outcome.clear()
    shell._cached_view.clear()
    shell._cached_search.clear()
    loaded: list[StoryData] = []
    memo_builds: dict[str, object] = {}
    views: dict[int, tuple] = {}

    real_load, real_memo, real_view, real_search = shell.load_package, StoryData.memo, shell._cached_view, shell._cached_search

    def load(directory):
        data = real_load(directory)
        loaded.append(data)
        return data

    def memo(self, name, build):
        memo_builds.setdefault(name, build)
        return real_memo(self, name, build)

    def view(builder, section, version, filters, *, _build, _data):
        result = real_view(builder, section, version, filters, _build=_build, _data=_data)
        views.setdefault(id(result), (f"{builder}[{section}] for {filters}", filters, _build, result))
        return result

    def search(builder, query, version, filters, *, _build, _data):
        result = real_search(builder, query, version, filters, _build=_build, _data=_data)
        views.setdefault(id(result), (f"{builder}[{query!r}] for {filters}", filters, lambda d, f: _build(d, f, query), result))
        return result

    monkeypatch.setattr(shell, "load_package", load)
    monkeypatch.setattr(StoryData, "memo", memo)
    monkeypatch.setattr(shell, "_cached_view", view)
    monkeypatch.setattr(shell, "_cached_search", search)
    yield loaded, memo_builds, views
    shell._package_outcome.clear()  # nothing built under the wrappers outlives the test
    real_view.clear()
    real_search.clear()


def test_no_page_changes_the_shared_package_or_views(observed):
    loaded, memo_builds, views = observed
    for page in PAGES:
        for address, clicks in CHOICES:
            at = open_page(page, **address)
            assert_clean(at)
            for key, value in clicks.items():
                at.pills(key=key).set_value(value).run()
                assert_clean(at)
            use_controls(at, page)

    assert len(loaded) == 1, f"the pages loaded the package {len(loaded)} times: it should be loaded once and shared"
    cached = loaded[0]
    assert shell.cached_package() is cached, "the package in the cache is not the one the pages were handed"
    fresh = load_package(shell.data_dir())

    assert sorted(cached.tables) == sorted(fresh.tables), "tables added to or removed from the shared package"
    for name, table in cached.tables.items():
        assert_same(table, fresh.tables[name], f"table {name!r}")
    assert cached.geo == fresh.geo, "the shared map shapes (StoryData.geo) were changed"
    assert cached.descriptor == fresh.descriptor, "the shared descriptor (StoryData.descriptor) was changed"
    assert cached.version == fresh.version

    memos = sorted(k.removeprefix("_memo_") for k in vars(cached) if k.startswith("_memo_"))
    assert {"vocab", "sentence_index"} <= set(memos), f"the pages used only the memos {memos}: the wrappers missed them?"
    for name in memos:
        assert_same(vars(cached)[f"_memo_{name}"], memo_builds[name](fresh), f"memo {name!r}")

    assert len(views) >= 30, f"only {len(views)} cached views were built: the pages did not run as expected"
    built_sections = {what.split("[", 1)[1].split("]", 1)[0] for what, *_ in views.values() if "build_section[" in what}
    assert built_sections == set(framing.SECTIONS), f"Framing's sections built here: {sorted(built_sections)}; each must be opened"
    searched = {what.split("[", 1)[1].split("]", 1)[0] for what in (w for w, *_ in views.values()) if "search.build[" in what}
    assert "'sheriff'" in searched, f"the searches built here: {sorted(searched)}; the pages' find box was not used"
    for what, filters, build, view in views.values():
        assert_same(view, build(fresh, filters), f"cached view {what}")


def assert_same(a, b, where: str) -> None:
    """`a` equals `b` in every value, type and dtype; the message names where they differ.
    The package inside a view (Selection.data) is compared above, once."""
    if isinstance(a, StoryData):
        assert isinstance(b, StoryData), where
        return
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, pd.DataFrame):
        assert a.dtypes.to_dict() == b.dtypes.to_dict(), f"{where}: dtypes {a.dtypes.to_dict()} != {b.dtypes.to_dict()}"
        try:
            pd.testing.assert_frame_equal(a, b, check_exact=True, check_flags=True)
        except AssertionError as exc:
            raise AssertionError(f"{where} differs from a fresh build:\n{exc}") from None
    elif isinstance(a, pd.Series | pd.Index):
        try:
            (pd.testing.assert_series_equal if isinstance(a, pd.Series) else pd.testing.assert_index_equal)(a, b, check_exact=True)
        except AssertionError as exc:
            raise AssertionError(f"{where} differs from a fresh build:\n{exc}") from None
    elif isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b, err_msg=where, strict=True)
    elif isinstance(a, Lazy):
        assert list(a) == list(b), f"{where}: keys {list(a)} != {list(b)}"
        for key, value in a._built.items():  # only what was built: the rest was never handed out
            assert_same(value, b[key], f"{where}[{key!r}]")
    elif isinstance(a, Deferred):
        if a._value is not _UNBUILT:  # only if built: otherwise it was never handed out
            assert_same(a._value, b.get(), f"{where}.get()")
    elif dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, Mapping):
        assert list(a) == list(b), f"{where}: keys {list(a)} != {list(b)}"
        for key in a:
            assert_same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), f"{where}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), f"{where}: nan != {b!r}"
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"
