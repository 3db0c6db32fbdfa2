"""Plan against actual to date (pacing) and the forecast at the current run rate.

One planned amount (a channel's spend or one result for a month, quarter or year) is compared
with the channel's summed measure over the plan period's months up to the newest month that has
the channel's data ("to date"). The plan is spread evenly: after k of n months, planned to date
is ``planned * k / n``. The forecast for the whole period is the actual run rate times n. A plan
period is judged only while it is current: its to-date month lies inside it and is fresh
(at most ``stale_after`` months before the as-of month).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from ..model.dates import months_before
from ..model.metrics import Metric, spend_measure
from ..model.plan import Plan, PlanEntry, PlannedAmount
from .cube import Cube, Series
from .windows import periods_with_value, window_value


class PaceState(enum.Enum):
    NOT_STARTED = "not started"  # no data yet inside the period
    CURRENT = "current"  # data inside the period, fresh: judged
    CLOSED = "closed"  # newer data lies after the period, or the period's data is stale
    NO_DATA = "no data"  # the channel has no value for the measure at all

    def is_judged(self) -> bool:
        return self is PaceState.CURRENT


@dataclass(frozen=True)
class Pacing:
    entry: PlanEntry
    amount: PlannedAmount
    metric: Metric
    state: PaceState
    through: str | None = None  # the newest month counted ("to date")
    months_done: int = 0
    actual: float | None = None
    planned_to_date: float | None = None

    @property
    def months(self) -> int:
        return len(self.entry.period.months)

    @property
    def planned(self) -> float:
        return self.amount.amount

    @property
    def deviation(self) -> float | None:
        """``actual / planned to date - 1`` (+0.40 is 40% over); None when nothing was planned to date."""
        if self.actual is None or not self.planned_to_date:
            return None
        return self.actual / self.planned_to_date - 1

    @property
    def forecast(self) -> float | None:
        """The whole period at the run rate so far."""
        if self.actual is None or not self.months_done:
            return None
        return self.actual / self.months_done * self.months

    @property
    def remaining(self) -> float | None:
        return None if self.actual is None else self.planned - self.actual

    @property
    def direction(self) -> str | None:
        """Where the amount stands against plan: over or under (spend), ahead of or behind (results)."""
        deviation = self.deviation
        if deviation is None or deviation == 0:
            return None
        if self.amount.is_spend:
            return "over" if deviation > 0 else "under"
        return "ahead of" if deviation > 0 else "behind"

    @property
    def to_date(self) -> str | None:
        """The months counted to date: ``2026-10`` or ``2026-10 to 2026-11``."""
        if self.through is None:
            return None
        first = self.entry.period.first
        return first if self.through == first else f"{first} to {self.through}"

    def outside(self, tolerance: float) -> bool:
        deviation = self.deviation
        return self.state.is_judged() and deviation is not None and abs(deviation) > tolerance + 1e-12


def pace(entry: PlanEntry, amount: PlannedAmount, metric: Metric, series: Series, as_of: date,
         stale_after: int) -> Pacing:
    """The pacing of one planned amount, from the channel's ``series`` (months after ``as_of`` ignored)."""
    known = [p for p in periods_with_value(metric, series) if months_before(p, as_of) >= 0]
    if not known:
        return Pacing(entry, amount, metric, PaceState.NO_DATA)
    inside = [p for p in known if p in entry.period]
    newest = known[-1]
    if not inside:
        state = PaceState.CLOSED if newest > entry.period.last else PaceState.NOT_STARTED
        return Pacing(entry, amount, metric, state)
    through = inside[-1]
    done = entry.period.months.index(through) + 1
    actual = window_value(metric, series, entry.period.months[:done])
    planned_to_date = amount.amount * done / len(entry.period.months)
    fresh = newest == through and months_before(through, as_of) <= stale_after
    state = PaceState.CURRENT if fresh else PaceState.CLOSED
    return Pacing(entry, amount, metric, state, through, done, actual, planned_to_date)


def plan_pacing(plan: Plan, metrics: dict[str, Metric], cube: Cube, as_of: date, stale_after: int) -> list[Pacing]:
    """Every planned amount of ``plan`` paced against the snapshots, in file order. Amounts whose
    measure the snapshots do not carry (or a plan without a cost measure) are left out."""
    spend = spend_measure(metrics, cube.measures)
    out: list[Pacing] = []
    for entry in plan.entries:
        series = cube.series({"channel": (entry.channel,)})
        for amount in entry.amounts:
            metric = spend if amount.is_spend else metrics.get(amount.measure)
            if metric is None or metric.id not in cube.measures:
                continue
            out.append(pace(entry, amount, metric, series, as_of, stale_after))
    return out
