"""Judge one KPI: its series per period, the newest value, the target, the streak and the trend.

Pure: takes the cube, the metric, the settings and the as-of date. A ratio is always computed
from summed measures per period, never averaged. Missing or stale data is never judged against
the target or for decline.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..model.config import Settings
from ..model.dates import months_before, period_index
from ..model.kpis import Kpi, Target
from ..model.metrics import Metric
from ..model.sections import Section
from .cube import Cube, Series


class KpiState(enum.Enum):
    NO_DATA = "no-data"
    STALE = "stale"
    NO_TARGET = "no-target"
    MET = "met"
    MISSED = "missed"

    def is_judged(self) -> bool:
        """Whether the newest value is fresh enough to be compared with anything."""
        return self in (KpiState.NO_TARGET, KpiState.MET, KpiState.MISSED)


@dataclass(frozen=True)
class KpiResult:
    section: Section
    kpi: Kpi
    metric: Metric | None
    periods: tuple[str, ...]
    values: tuple[float | None, ...]
    state: KpiState
    target: Target | None = None
    newest_period: str | None = None
    latest: float | None = None
    missed_streak: int = 0
    change: float | None = None
    declining: bool = False
    change_window: tuple[str, str] | None = None  # first and last period of the change, when computed
    note: str | None = None

    @property
    def label(self) -> str:
        if self.kpi.label:
            return self.kpi.label
        return self.metric.label if self.metric else self.kpi.metric


def metric_values(metric: Metric, series: Series) -> np.ndarray:
    if metric.formula is None:
        return series.measure(metric.id)
    return metric.formula.evaluate({name: series.measure(name) for name in metric.formula.measures})


def _as_list(values: np.ndarray) -> tuple[float | None, ...]:
    return tuple(None if math.isnan(v) else float(v) for v in values.tolist())


def _consecutive_tail(periods: tuple[str, ...], values: tuple[float | None, ...]) -> list[tuple[str, float]]:
    """The newest run of consecutive months that all have a value, oldest first."""
    run: list[tuple[str, float]] = []
    for period, value in zip(reversed(periods), reversed(values), strict=True):
        if value is None:
            if run:
                break
            continue
        if run and period_index(run[-1][0]) - period_index(period) != 1:
            break
        run.append((period, value))
    return list(reversed(run))


def evaluate_kpi(section: Section, kpi: Kpi, metric: Metric | None, cube: Cube, settings: Settings, as_of: date) -> KpiResult:
    if metric is None:
        return KpiResult(section, kpi, None, (), (), KpiState.NO_DATA, note="unknown metric")
    target = kpi.target.directed(metric.better_higher) if kpi.target else None
    series = cube.series(kpi.slice)
    if series.missing_dimension:
        return KpiResult(section, kpi, metric, (), (), KpiState.NO_DATA, target,
                         note=f"no snapshot has a '{series.missing_dimension}' column")
    values = _as_list(metric_values(metric, series))
    periods = series.periods
    known = [(p, v) for p, v in zip(periods, values, strict=True) if v is not None]
    if not known:
        note = "no rows match the slice" if not periods else "the slice has rows but no value for this metric"
        return KpiResult(section, kpi, metric, periods, values, KpiState.NO_DATA, target, note=note)
    newest_period, latest = known[-1]
    base = dict(section=section, kpi=kpi, metric=metric, periods=periods, values=values, target=target,
                newest_period=newest_period, latest=latest)
    if months_before(newest_period, as_of) > settings.stale_after:
        return KpiResult(state=KpiState.STALE, **base)  # type: ignore[arg-type]
    run = _consecutive_tail(periods, values)
    change, declining, change_window = None, False, None
    window = run[-settings.decline_periods:]
    if len(window) == settings.decline_periods and window[0][1] != 0:
        change = (window[-1][1] - window[0][1]) / abs(window[0][1])
        declining = change < -settings.decline_threshold if metric.better_higher else change > settings.decline_threshold
        change_window = (window[0][0], window[-1][0])
    trend = dict(change=change, declining=declining, change_window=change_window)
    if target is None:
        return KpiResult(state=KpiState.NO_TARGET, **trend, **base)  # type: ignore[arg-type]
    streak = 0
    for _period, value in reversed(run):
        if target.met_by(value):
            break
        streak += 1
    state = KpiState.MET if target.met_by(latest) else KpiState.MISSED
    return KpiResult(state=state, missed_streak=streak, **trend, **base)  # type: ignore[arg-type]


def evaluate_all(sections: list[Section], metrics: dict[str, Metric], cube: Cube, settings: Settings,
                 as_of: date, order: Iterable[tuple[str, ...]] = ()) -> list[KpiResult]:
    """Every KPI's result, in section order. The KPIs of each set of slice dimensions in ``order``
    (sorted dimensions: those whose groupings are ready, as a :meth:`Cube.prepare` in another
    thread announces them) are evaluated first, as each comes; then the cube is prepared for the
    rest. Each result depends on its KPI and its slice's sums only, so the order changes nothing."""
    kpis = [(section, kpi) for section in sections for kpi in section.kpis]
    by_dimensions: dict[tuple[str, ...], list[int]] = {}
    for index, (_, kpi) in enumerate(kpis):
        by_dimensions.setdefault(tuple(sorted(kpi.slice)), []).append(index)
    results: list[KpiResult | None] = [None] * len(kpis)

    def evaluate(dimensions: tuple[str, ...]) -> None:
        for index in by_dimensions.pop(dimensions, ()):
            section, kpi = kpis[index]
            results[index] = evaluate_kpi(section, kpi, metrics.get(kpi.metric), cube, settings, as_of)

    for dimensions in order:
        evaluate(dimensions)
    cube.prepare(by_dimensions)
    for dimensions in list(by_dimensions):
        evaluate(dimensions)
    return [result for result in results if result is not None]
