"""Read ``data/metrics.yaml``: measures and the metrics derived from them."""

from __future__ import annotations

from pathlib import Path

from ..metrics.formula import Formula, FormulaError
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
        metrics[mid] = Metric(mid, d.label or mid, kind, d.better == "higher", d.unit, rel, line, formula, d.description)
    return metrics


def _derived_kind(formula: Formula, measures: dict[str, Metric]) -> MetricKind:
    kinds = {measures[name].kind for name in formula.measures}
    if MetricKind.RESULT in kinds:
        return MetricKind.RESULT
    if MetricKind.ACTIVITY in kinds:
        return MetricKind.ACTIVITY
    return MetricKind.COST


