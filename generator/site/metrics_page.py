"""``metrics/index.md``: the metric catalog, measures and derived metrics, and where each is used."""

from __future__ import annotations

from collections import Counter

from ..model.metrics import Metric
from . import links
from .blocks import heading, page, table, wide
from .bundle import GeneratedPage
from .context import SiteContext
from .escape import code, text

PATH = links.METRICS
TITLE = "Metrics"
UNITS = {"count": "count", "ratio": "ratio (shown as %)", "multiple": "multiple (shown as ×)", "number": "number"}


def _unit(metric: Metric) -> str:
    return UNITS.get(metric.unit, f"{metric.unit} (currency)" if len(metric.unit) == 3 else metric.unit)


def render(ctx: SiteContext) -> GeneratedPage:
    metrics = ctx.project.metrics
    present = set(ctx.project.snapshots.measures)
    used = Counter(k.metric for s in ctx.project.sections() for k in s.kpis)
    measures = [m for m in metrics.values() if m.is_measure]
    derived = [m for m in metrics.values() if not m.is_measure]
    measure_rows = [
        [
            code(m.id),
            text(m.label),
            m.kind.value,
            text(_unit(m)),
            m.better,
            "yes" if m.id in present else "no",
            str(used[m.id]),
            text(m.description or ""),
        ]
        for m in measures
    ]
    derived_rows = [
        [
            code(m.id),
            text(m.label),
            code(m.formula.text if m.formula else ""),
            m.kind.value,
            text(_unit(m)),
            m.better,
            str(used[m.id]),
            text(m.description or ""),
        ]
        for m in derived
    ]
    parts = [
        "# Metrics",
        "Measures are snapshot columns, summed over the rows of a slice. Metrics are recomputed per period "
        "and slice from those sums, never averaged; a division by zero is no value. Results (SQLs, pipeline) "
        "are what a section should be judged by; activities (emails sent) are not results.",
        heading(2, "Measures"),
        wide(table(
            ["Id", "Label", "Kind", "Unit", "Better", "In snapshots", "KPIs", "Description"], measure_rows, "llllllrl"
        ))
        if measure_rows
        else "No measures yet: add them to metrics.yaml.",
    ]
    if derived_rows:
        parts += [
            heading(2, "Derived metrics"),
            wide(table(
                ["Id", "Label", "Formula", "Kind", "Unit", "Better", "KPIs", "Description"], derived_rows, "llllllrl"
            )),
        ]
    unknown = sorted(m for m in used if m not in metrics)
    if unknown:
        parts.append("KPIs also name metrics that are not in the catalog: " + ", ".join(code(m) for m in unknown) + ".")
    return GeneratedPage(PATH, TITLE, page(*parts))
