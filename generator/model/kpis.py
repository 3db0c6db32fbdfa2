"""KPIs, their targets, and waivers: what a section promises and what it is excused from."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date

_TARGET = re.compile(r"^\s*(>=|<=|>|<)?\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(%)?\s*$")


class Comparison(enum.Enum):
    AT_LEAST = ">="
    MORE_THAN = ">"
    AT_MOST = "<="
    LESS_THAN = "<"

    def holds(self, value: float, bound: float) -> bool:
        if self is Comparison.AT_LEAST:
            return value >= bound
        if self is Comparison.MORE_THAN:
            return value > bound
        if self is Comparison.AT_MOST:
            return value <= bound
        return value < bound


@dataclass(frozen=True)
class Target:
    """``>= 0.25``: a comparison and a bound. ``percent`` remembers that it was written ``25%``;
    ``bare`` that it was written without a comparison (``400``), which :meth:`directed` settles."""

    comparison: Comparison
    value: float
    percent: bool = False
    bare: bool = field(default=False, compare=False)

    @classmethod
    def parse(cls, raw: object, *, better_higher: bool = True) -> Target:
        """Parse ``">= 0.25"``, ``"25%"``, ``400``; a bare bound follows the metric's direction."""
        if isinstance(raw, bool):
            raise ValueError("a target is a comparison and a number, e.g. \">= 0.25\" or \"<= 400\"")
        match = _TARGET.match(str(raw))
        if not match:
            raise ValueError(
                f"'{raw}' is not a target; write a comparison and a number, e.g. \">= 0.25\", \"<= 400\" or \">= 25%\""
            )
        op, number, percent = match.groups()
        value = float(number) / (100 if percent else 1)
        if op:
            comparison = Comparison(op)
        else:
            comparison = Comparison.AT_LEAST if better_higher else Comparison.AT_MOST
        return cls(comparison, value, bool(percent), bare=not op)

    def directed(self, better_higher: bool) -> Target:
        """This target for a metric of the given direction: a bare bound is a floor or a ceiling."""
        if not self.bare:
            return self
        comparison = Comparison.AT_LEAST if better_higher else Comparison.AT_MOST
        return Target(comparison, self.value, self.percent, bare=True)

    def met_by(self, value: float) -> bool:
        return self.comparison.holds(value, self.value)


@dataclass(frozen=True)
class Kpi:
    """A metric over a slice of the snapshots, with an optional target.

    ``where`` is a sorted tuple of (dimension, ids) pairs so that a KPI is hashable and two KPIs
    over the same slice compare equal.
    """

    metric: str
    where: tuple[tuple[str, tuple[str, ...]], ...]
    target_text: str | None
    file: str
    line: int
    label: str | None = None
    target: Target | None = field(init=False, compare=False, repr=False)  # ``target_text``, parsed once

    def __post_init__(self) -> None:
        """Parse the target here, once (a ValueError says why it is not one)."""
        object.__setattr__(self, "target", Target.parse(self.target_text) if self.target_text else None)

    @property
    def slice(self) -> dict[str, tuple[str, ...]]:
        return dict(self.where)

    def slice_text(self) -> str:
        if not self.where:
            return "all rows"
        return ", ".join(f"{dim}={'|'.join(ids)}" for dim, ids in self.where)


@dataclass(frozen=True)
class Waiver:
    """Silences ``rule`` on one subject (optionally one KPI's metric) until ``until``, inclusive."""

    rule: str
    until: date
    reason: str
    file: str
    line: int
    metric: str | None = None

    def active_on(self, as_of: date) -> bool:
        return as_of <= self.until

    def silences(self, rule: str, metric: str | None, as_of: date) -> bool:
        """Whether this waiver, on the subject of a finding of ``rule`` (about ``metric``), silences it."""
        return self.rule == rule and self.metric in (None, metric) and self.active_on(as_of)
