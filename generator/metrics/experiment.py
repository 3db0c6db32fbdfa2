"""An experiment's KPI over its window against the window just before it.

The window runs from the month of ``start`` through the month of the experiment's end (the
decision date of a kept or killed experiment, else ``decide_by``, never after the as-of date nor
the slice's newest month of data).
The window before it has as many months and ends the month before ``start``. Each value is the
metric recomputed from the measures summed over the window's months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model.dates import month_index
from ..model.experiments import Experiment, ExperimentState
from ..model.kpis import Target
from ..model.metrics import Metric
from ..model.plan import month_name
from .cube import Cube
from .windows import window_value


@dataclass(frozen=True)
class ExperimentResult:
    experiment: Experiment
    metric: Metric | None
    state: ExperimentState
    window: tuple[str, ...]
    before: tuple[str, ...]
    during: float | None = None
    prior: float | None = None
    target: Target | None = None

    @property
    def change(self) -> float | None:
        """Relative change of the window against the window before it."""
        if self.during is None or not self.prior:
            return None
        return (self.during - self.prior) / abs(self.prior)

    @property
    def success(self) -> bool | None:
        """Whether the window's value meets ``success`` (None: no target or no value)."""
        if self.target is None or self.during is None:
            return None
        return self.target.met_by(self.during)


def months_between(first: date, last: date) -> tuple[str, ...]:
    return tuple(month_name(i) for i in range(month_index(first), month_index(last) + 1))


def evaluate_experiment(experiment: Experiment, metric: Metric | None, cube: Cube, as_of: date) -> ExperimentResult:
    state = experiment.state(as_of)
    end = experiment.window_end(as_of)
    window = months_between(experiment.start, end) if end >= experiment.start else ()
    series = cube.series(experiment.kpi.slice)
    if series.periods:  # no month past the slice's newest data: both windows as long
        window = tuple(m for m in window if m <= series.periods[-1])
    first = month_index(experiment.start)
    before = tuple(month_name(i) for i in range(first - len(window), first))
    if metric is None:
        return ExperimentResult(experiment, None, state, window, before)
    target = experiment.kpi.target.directed(metric.better_higher) if experiment.kpi.target else None
    if series.missing_dimension:
        return ExperimentResult(experiment, metric, state, window, before, target=target)
    return ExperimentResult(experiment, metric, state, window, before, window_value(metric, series, window),
                            window_value(metric, series, before), target)
