"""What the rules decided beyond the findings, as typed results the site formats but never recomputes.

- :class:`ReviewStatus`: a page's review, its due date and how that reads ("overdue by 3 days");
- :class:`CoverageCell`: one persona x stage cell of the content map, its live assets, and whether
  its gap is flagged, waived, or not judged because ``coverage-gap`` is off;
- :class:`Waived`: a finding silenced by a waiver, with that waiver.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from ..model.dates import Duration
from ..model.findings import Finding
from ..model.kpis import Waiver


class ReviewState(enum.Enum):
    NEVER = "never"  # no reviewed date: missing-review
    OVERDUE = "overdue"  # stale-review
    DUE_SOON = "due-soon"  # review-due
    CURRENT = "current"


@dataclass(frozen=True)
class ReviewStatus:
    """A page's review as of the as-of date (``due`` and ``days_left`` None when never reviewed)."""

    reviewed: date | None
    cadence: Duration
    due: date | None
    days_left: int | None
    state: ReviewState

    @property
    def when(self) -> str:
        """``overdue by 3 days``, ``due today``, ``in 12 days``; ``as soon as possible`` when never reviewed."""
        days = self.days_left
        if days is None:
            return "as soon as possible"
        if days < 0:
            return f"overdue by {-days} day{'s' if days != -1 else ''}"
        if days == 0:
            return "due today"
        return f"in {days} day{'s' if days != 1 else ''}"


class GapState(enum.Enum):
    FLAGGED = "flagged"  # a coverage-gap finding
    WAIVED = "waived"  # its coverage-gap finding is silenced by a waiver
    OFF = "off"  # coverage-gap is turned off: no live content, but nobody is told


@dataclass(frozen=True)
class CoverageCell:
    """One persona x stage cell: its live assets (ids, catalog order); ``gap`` None when covered."""

    persona: str
    stage: str
    live: tuple[str, ...]
    gap: GapState | None = None


@dataclass(frozen=True)
class Waived:
    """A finding an active waiver silences, with the waiver."""

    finding: Finding
    waiver: Waiver
