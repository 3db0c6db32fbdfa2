"""An experiment (a minimum viable campaign) declared in a page's front matter."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from .kpis import Kpi


class Decision(enum.Enum):
    KEEP = "keep"
    KILL = "kill"
    EXTEND = "extend"


class ExperimentState(enum.Enum):
    """Where an experiment stands on the as-of date."""

    RUNNING = "running"  # no decision yet, decide_by not passed (or extended to a later date)
    DUE = "due"  # decide_by passed with no decision: experiment-undecided
    DECIDED = "decided"  # kept or killed (or extended, and the new decide_by not reached)

    def needs_decision(self) -> bool:
        return self is ExperimentState.DUE


@dataclass(frozen=True)
class Experiment:
    """``kpi`` is the metric and slice it moves, its target the success criterion."""

    hypothesis: str
    kpi: Kpi
    start: date
    decide_by: date
    decision: Decision | None = None
    decided: date | None = None

    @property
    def file(self) -> str:
        return self.kpi.file

    @property
    def line(self) -> int:
        return self.kpi.line

    def state(self, as_of: date) -> ExperimentState:
        """Running until ``decide_by``, then due until a decision is recorded. ``extend`` keeps it
        running until its (moved) ``decide_by``; a recorded decision is never due."""
        if self.decision is Decision.EXTEND and as_of <= self.decide_by:
            return ExperimentState.RUNNING
        if self.decision is not None:
            return ExperimentState.DECIDED
        return ExperimentState.RUNNING if as_of <= self.decide_by else ExperimentState.DUE

    def window_end(self, as_of: date) -> date:
        """The last day the KPI is measured over: the decision date of a kept or killed
        experiment, else ``decide_by``; never after the as-of date."""
        end = self.decide_by
        if self.decision in (Decision.KEEP, Decision.KILL) and self.decided is not None:
            end = self.decided
        return min(end, as_of)
