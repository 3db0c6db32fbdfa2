"""Read ``data/metrics.yaml``: measures and the metrics derived from them."""

from __future__ import annotations

from pathlib import Path

from ..model.formula import Formula, FormulaError, derived_unit, is_currency
from ..model.metrics import Metric, MetricKind
from .problems import Problems
from .schema import MetricCatalogIn
from .validate import validate
from .yamlio import read_yaml


def load_metrics(root: Path, data_dir: Path, problems: Problems) -> dict[str, Metric]:
    path = next((data_dir / n for n in ("metrics.yaml", "metrics.yml") if (data_dir / n).is_file()), None)
    if path is None:
        return {}
    rel = path.relative_to(root).as_posix()
    raw, positions = read_yaml(path, rel, problems)
    if raw is None:
        return {}
    parsed = validate(MetricCatalogIn, raw, positions, file=rel, problems=problems, what="the metric catalog")
    if parsed is None:
        return {}
    metrics: dict[str, Metric] = {}
    for mid, m in parsed.measures.items():
        kind = MetricKind(m.kind)
        better = m.better == "higher" if m.better else kind is not MetricKind.COST
        metrics[mid] = Metric(mid, m.label or mid, kind, better, m.unit, rel, positions.line(("measures", mid), 1),
                              None, m.description)
    measures = frozenset(metrics)
    for mid, d in parsed.metrics.items():
        line = positions.line(("metrics", mid), 1)
        if mid in measures:
            problems.add(rel, line, f"'{mid}' is both a measure and a metric", "rename one of them")
            continue
        try:
            formula = Formula.parse(d.formula, measures)
        except FormulaError as exc:
            problems.add(rel, positions.line(("metrics", mid, "formula"), line), f"metric '{mid}': {exc}",
                         "a formula uses the names under 'measures:'")
            continue
        kind = MetricKind(d.kind) if d.kind else _derived_kind(formula, metrics)
        unit = _unit(d.unit, formula, metrics)
        metrics[mid] = Metric(mid, d.label or mid, kind, d.better == "higher", unit, rel, line, formula, d.description)
    return metrics


def _unit(declared: str, formula: Formula, measures: dict[str, Metric]) -> str:
    """The declared unit; ``number`` (the default) takes the unit the formula makes certain.

    Pipeline ROI, ``(pipeline - cost) / cost`` with both in USD, is a multiple (``82.4×``) even when
    the catalog says ``number``: a bare ``82.42`` says nothing about what it counts.
    """
    if declared != "number":
        return declared
    derived = derived_unit(formula, {name: m.unit for name, m in measures.items()})
    return derived if derived is not None and (derived == "multiple" or is_currency(derived)) else declared


def _derived_kind(formula: Formula, measures: dict[str, Metric]) -> MetricKind:
    kinds = {measures[name].kind for name in formula.measures}
    if MetricKind.RESULT in kinds:
        return MetricKind.RESULT
    if MetricKind.ACTIVITY in kinds:
        return MetricKind.ACTIVITY
    return MetricKind.COST


