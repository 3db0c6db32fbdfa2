"""Which measures and metrics the scorecards show, chosen from the catalog and the snapshots.

Nothing is hard-coded to the demo's names: results are the catalog's ``result`` measures that the
snapshots carry, spend is its first ``cost`` measure, "cost per result" is the catalog metric
``spend / result`` that channel KPIs use most (else one made from the deepest counted result), and
ROI is a catalog metric ``(x - spend) / spend`` when there is one. Missing pieces are simply not
shown.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model.formula import Formula, FormulaError
from ..model.metrics import Metric, MetricKind, spend_measure
from ..model.project import Project
from .cube import Series
from .evaluate import metric_values

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Scorecard:
    """The columns of a scorecard: spend, results, cost per result and ROI (each may be absent)."""

    spend: Metric | None
    results: tuple[Metric, ...]
    per_result: Metric | None
    roi: Metric | None

    @property
    def result(self) -> Metric | None:
        """The result that ``per_result`` divides by (SQLs in the demo)."""
        if self.per_result is None or self.per_result.formula is None:
            return None
        denominator = self.per_result.formula.measures[-1]
        return next((m for m in self.results if m.id == denominator), None)


def _formula(metric: Metric) -> str:
    return _SPACES.sub("", metric.formula.text) if metric.formula else ""


def _synthesize(
    project: Project, ident: str, label: str, formula: str, unit: str, better_higher: bool
) -> Metric | None:
    try:
        parsed = Formula.parse(formula, frozenset(project.metrics))
    except FormulaError:
        return None
    return Metric(ident, label, MetricKind.COST, better_higher, unit, "", 0, parsed)


def scorecard(project: Project) -> Scorecard:
    present = set(project.snapshots.measures)
    measures = [m for m in project.metrics.values() if m.is_measure and m.id in present]
    results = tuple(m for m in measures if m.kind is MetricKind.RESULT)
    spend = spend_measure(project.metrics, present)
    if spend is None:
        return Scorecard(None, results, None, None)
    counted = [m for m in results if m.unit == "count"]
    candidates = [
        m
        for m in project.metrics.values()
        if not m.is_measure and any(_formula(m) == f"{spend.id}/{r.id}" for r in counted)
    ]
    used = Counter(k.metric for c in project.catalogs.channels.values() for k in c.kpis)
    per_result = max(candidates, key=lambda m: used[m.id], default=None)  # first wins a tie
    if per_result is None and counted:
        deepest = counted[-1]
        per_result = _synthesize(
            project,
            f"{spend.id}_per_{deepest.id}",
            f"{spend.label} per {deepest.label}",
            f"{spend.id} / {deepest.id}",
            spend.unit,
            False,
        )
    money = [r for r in results if r.unit == spend.unit]
    roi = next(
        (
            m
            for m in project.metrics.values()
            if not m.is_measure and any(_formula(m) == f"({r.id}-{spend.id})/{spend.id}" for r in money)
        ),
        None,
    )
    return Scorecard(spend, results, per_result, roi)


def values(metric: Metric, series: Series) -> tuple[float | None, ...]:
    """The metric per period of ``series`` (None where it has no value)."""
    return tuple(None if v != v else float(v) for v in metric_values(metric, series).tolist())


def value_at(metric: Metric, series: Series, period: str | None) -> float | None:
    if period is None or period not in series.periods:
        return None
    return values(metric, series)[series.periods.index(period)]
