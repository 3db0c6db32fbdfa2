"""The marketing plan (``data/plan.yaml``): planned spend and results per channel and period.

A plan period is a month (``2026-10``), a quarter (``2026-Q4``) or a year (``2026``). Planned
amounts are spread evenly over the period's months, so "planned to date" after k of its n months
is ``planned * k / n``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .subject import Subject, SubjectKind

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def month_name(index: int) -> str:
    """A month count (``year * 12 + month - 1``) as ``YYYY-MM``."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class PlanPeriod:
    """A month, quarter or year, as written (``text``) and as its months, oldest first."""

    text: str
    months: tuple[str, ...]

    @classmethod
    def parse(cls, raw: object) -> PlanPeriod:
        text = str(raw).strip()
        if match := _MONTH.match(text):
            return cls(text, (text,))
        if match := _QUARTER.match(text):
            first = int(match.group(1)) * 12 + (int(match.group(2)) - 1) * 3
            return cls(text, tuple(month_name(first + i) for i in range(3)))
        if match := _YEAR.match(text):
            first = int(match.group(1)) * 12
            return cls(text, tuple(month_name(first + i) for i in range(12)))
        raise ValueError(f"'{raw}' is not a plan period; write a month (2026-10), a quarter (2026-Q4) or a year (2026)")

    @property
    def first(self) -> str:
        return self.months[0]

    @property
    def last(self) -> str:
        return self.months[-1]

    def __contains__(self, period: object) -> bool:
        return period in self.months

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class PlannedAmount:
    """One planned number: a measure id (``spend`` is the catalog's cost measure) and its line."""

    measure: str
    amount: float
    line: int
    is_spend: bool = False


@dataclass(frozen=True)
class PlanEntry:
    """What one channel plans to spend and produce in one period."""

    period: PlanPeriod
    channel: str
    amounts: tuple[PlannedAmount, ...]
    file: str
    line: int
    note: str | None = None

    @property
    def subject(self) -> Subject:
        return Subject(SubjectKind.CHANNEL, self.channel)


@dataclass(frozen=True)
class Plan:
    """Every plan entry in file order; empty when there is no plan.yaml."""

    entries: tuple[PlanEntry, ...] = ()
    file: str | None = None

    def for_channel(self, channel: str) -> list[PlanEntry]:
        return [e for e in self.entries if e.channel == channel]

    @property
    def channels(self) -> frozenset[str]:
        return frozenset(e.channel for e in self.entries)
