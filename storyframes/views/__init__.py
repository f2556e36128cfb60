"""One view per page: `build(data, filters) -> View`, pure and tested without Streamlit.

A View is a frozen dataclass holding everything its page shows — tables, titles, summary
sentences, chart specs, alt text, and which sentences stand behind each chart element — so
every number is computed once, here, for the reader's filter. The page only lays it out, and a
handout, a tour step or a reader's added article are the same view built from other inputs.
The data is always an argument (never a global), so a view can be built from the curated
package, the package plus a reader's own articles, or a synthetic corpus.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

Evidence = Mapping[tuple[str, ...], tuple[str, ...]]
EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True)
class Chart:
    """A chart as data: its spec, its screen-reader text, its table alternative, and the sentences
    behind each mark (`selection` names the click selection; `fields` the values it reports)."""

    key: str
    spec: dict
    alt: str
    table: pd.DataFrame | None = None
    selection: str = ""
    fields: tuple[str, ...] = ()
    evidence: Evidence = field(default_factory=dict)
    headings: Mapping[tuple[str, ...], str] = field(default_factory=dict)  # what the sentences shown for a mark are

    @property
    def clickable(self) -> bool:
        return bool(self.selection)


@dataclass(frozen=True)
class Scope:
    """How a section uses the filters: one line said on the section when it does not use both."""

    outlets: bool = True
    principles: bool = True
    why: str = ""

    @property
    def note(self) -> str:
        if self.outlets and self.principles:
            return ""
        unused = [name for name, used in (("outlet", self.outlets), ("principle", self.principles)) if not used]
        return f"The {' and '.join(unused)} filter{'s do' if len(unused) > 1 else ' does'} not apply here. {self.why}"


@dataclass(frozen=True)
class Claim:
    """A sentence that states a finding, with the sentences that prove it."""

    text: str
    passage_ids: tuple[str, ...] = ()


class Lazy(Mapping):
    """A read-only mapping whose values are built on first access, once, and kept.

    For what a view offers but a reader looks at one of: a chart for every pair of outlets is
    n² charts (a thousand for 33 outlets, over a minute to build), of which the page shows one.
    The view stays one object, shared by every reader of the selection; the lock makes two
    readers asking for the same pair build it once."""

    def __init__(self, keys: Iterable[Hashable], build: Callable[[Hashable], object]):
        self._keys = tuple(keys)
        self._known = frozenset(self._keys)
        self._build = build
        self._built: dict = {}
        self._lock = threading.Lock()

    def __getitem__(self, key):
        if key not in self._known:
            raise KeyError(key)
        with self._lock:
            if key not in self._built:
                self._built[key] = self._build(key)
            return self._built[key]

    def __iter__(self) -> Iterator:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        # Every value, as a dict would show them: builds them all (tests compare views by repr).
        return f"Lazy({dict(self.items())!r})"


class Deferred:
    """One value built on first use, once, and kept: what a view offers on request (a chart with
    the coders' disputes marked) costs nothing for the readers who never ask. Thread-safe, as Lazy."""

    def __init__(self, build: Callable[[], object]):
        self._build = build
        self._lock = threading.Lock()
        self._value: object = _UNBUILT

    def get(self):
        with self._lock:
            if self._value is _UNBUILT:
                self._value = self._build()
            return self._value

    def __repr__(self) -> str:
        return f"Deferred({self.get()!r})"  # as Lazy: views are compared by repr in tests


_UNBUILT = object()


def frozen(mapping: Mapping | None = None, **kwargs) -> Mapping:
    return MappingProxyType({**(mapping or {}), **kwargs})


__all__ = ["EMPTY", "Chart", "Claim", "Deferred", "Evidence", "Lazy", "Scope", "field", "frozen"]
