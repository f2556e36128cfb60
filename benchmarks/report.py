"""Results as rows against the floor, and the Markdown file that reports them.

Every figure is a median next to the floor's median from the same run, so a slow or noisy
machine moves both. A target is either a ratio to the floor ("≤ 5×") or, where the reader
feels the absolute time (a filter click), a number of milliseconds ("≤ 500 ms").
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """A ratio to the floor (`ratio`), an absolute median in ms (`ms`), or both (both must hold)."""

    ratio: float | None = None
    ms: float | None = None

    def label(self) -> str:
        parts = ([f"≤ {self.ratio:g}×"] if self.ratio is not None else []) + ([f"≤ {self.ms:g} ms"] if self.ms is not None else [])
        return " and ".join(parts) or "—"

    def met(self, median_ms: float, ratio: float | None) -> bool | None:
        checks = []
        if self.ratio is not None:
            checks.append(None if ratio is None else ratio <= self.ratio)
        if self.ms is not None:
            checks.append(median_ms <= self.ms)
        if not checks:
            return None
        if False in checks:
            return False
        return None if None in checks else True


NO_TARGET = Target()


@dataclass
class Samples:
    """Timings of one thing (ms), or why it could not be timed."""

    times_ms: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times_ms) if self.times_ms and self.error is None else None


@dataclass(frozen=True)
class Row:
    what: str
    samples: Samples
    floor: Samples | None
    target: Target = NO_TARGET

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.samples.median is None or not self.floor.median:
            return None
        return self.samples.median / self.floor.median

    def cells(self) -> list[str]:
        median, ratio = self.samples.median, self.ratio
        floor_cell = "—" if self.floor is None else _ms(self.floor.median, self.floor.error)
        met = None if median is None else self.target.met(median, ratio)
        return [
            self.what,
            _ms(median, self.samples.error),
            floor_cell,
            "—" if ratio is None else f"{ratio:.2f}×",
            self.target.label(),
            {True: "yes", False: "**no**", None: "—"}[met],
        ]


@dataclass
class Section:
    title: str
    method: str  # one or two sentences: what was timed, from when to when
    rows: list[Row] = field(default_factory=list)


HEADER = ["what", "median ms", "floor median ms", "ratio", "target", "met?"]


def _ms(value: float | None, error: str | None = None) -> str:
    if error is not None:
        return "error"
    if value is None:
        return "—"
    if value < 10:
        return f"{value:.2f}"
    if value < 100:
        return f"{value:.1f}"
    return f"{value:.0f}"


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] + ["---:"] * 3 + ["---", "---"]) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def render(title: str, facts: Sequence[tuple[str, str]], sections: Sequence[Section], notes: Sequence[str]) -> str:
    """The whole results file: a head of facts, one table per section, then notes."""
    out = [f"# {title}", ""]
    out += [f"- **{name}:** {value}" for name, value in facts]
    for section in sections:
        out += ["", f"## {section.title}", "", section.method, "", markdown_table(section.rows)]
        errors = {f"“{row.what}”": row.samples.error for row in section.rows if row.samples.error}
        errors.update({"the floor": row.floor.error for row in section.rows if row.floor and row.floor.error})
        if errors:
            out += [""] + [f"- error in {what}: {' '.join(err.split())}" for what, err in errors.items()]
    if notes:
        out += ["", "## Notes", ""] + [f"- {note}" for note in notes]
    return "\n".join(out) + "\n"
