"""The metric catalog: measures summed from snapshots and metrics derived from them."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from .formula import Formula


class MetricKind(enum.Enum):
    RESULT = "result"
    ACTIVITY = "activity"
    COST = "cost"

    def is_activity(self) -> bool:
        return self is MetricKind.ACTIVITY


@dataclass(frozen=True)
class Metric:
    """A measure (``formula is None``: a snapshot column summed over rows) or a derived metric."""

    id: str
    label: str
    kind: MetricKind
    better_higher: bool
    unit: str
    file: str
    line: int
    formula: Formula | None = None
    description: str | None = None

    @property
    def is_measure(self) -> bool:
        return self.formula is None

    @property
    def better(self) -> str:
        return "higher" if self.better_higher else "lower"


def spend_measure(metrics: dict[str, Metric], present: Iterable[str]) -> Metric | None:
    """What "spend" means: the catalog's first ``cost`` measure that the snapshots carry."""
    carried = set(present)
    return next((m for m in metrics.values() if m.is_measure and m.kind is MetricKind.COST and m.id in carried), None)
