"""The KPI table shown in status blocks and on channel and asset rows: value, target, state, trend."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from ..metrics.evaluate import KpiResult
from ..metrics.format import format_target, format_value
from .blocks import table
from .charts import trend_chart
from .context import SiteContext
from .escape import text
from .labels import state_word
from .sparkline import sparkline


def unit_of(result: KpiResult) -> str:
    return result.metric.unit if result.metric else "number"


def slice_words(result: KpiResult) -> str:
    """``channel: webinar; persona: cfo, it-director`` or ``all rows``."""
    if not result.kpi.where:
        return "all rows"
    return "; ".join(f"{dim}: {', '.join(ids)}" for dim, ids in result.kpi.where)


def latest_words(result: KpiResult) -> str:
    if result.latest is None:
        return "—"
    return f"{format_value(result.latest, unit_of(result))} ({result.newest_period})"


def latest_cell(result: KpiResult) -> str:
    """The latest value with its period kept on one line (``(2026-10)`` never breaks at its hyphen)."""
    if result.latest is None:
        return "—"
    period = f'<span class="opsmanual-nobreak">({text(result.newest_period)})</span>'
    return f"{text(format_value(result.latest, unit_of(result)))} {period}"


def target_words(result: KpiResult) -> str:
    return format_target(result.target, unit_of(result), signs=True) if result.target else "no target"


def trend(result: KpiResult, ctx: SiteContext) -> str:
    """The KPI's last months as a sparkline, with a target line; "—" when there is nothing to draw."""
    axis = ctx.axis
    points = ctx.on_axis(result.periods, result.values)
    if not axis or all(p is None for p in points):
        return "—"
    label = f"Trend of {result.label} ({slice_words(result)}), {axis[0]} to {axis[-1]}: latest {latest_words(result)}"
    if result.target:
        label += f", target {target_words(result)}"
    return sparkline(points, label=label, target=result.target.value if result.target else None)


def kpi_table(results: Sequence[KpiResult], ctx: SiteContext) -> str:
    rows = [
        [
            text(result.label),
            text(slice_words(result)),
            latest_cell(result),
            text(target_words(result)),
            text(state_word(result)),
            trend(result, ctx),
        ]
        for result in results
    ]
    grid = table(["KPI", "Slice", "Latest", "Target", "Status", "Trend"], rows, "llrlll")
    return f'<div class="opsmanual-kpis" markdown>\n\n{grid}\n\n</div>'


def trend_charts(results: Sequence[KpiResult], ctx: SiteContext) -> str:
    """Each KPI's trend over the trend axis, drawn larger with its target (raw HTML, one line each)."""
    charts = []
    for result in results:
        unit = unit_of(result)
        chart = trend_chart(
            ctx.axis,
            ctx.on_axis(result.periods, result.values),
            title=f"{result.label} ({slice_words(result)})",
            fmt=partial(format_value, unit=unit),
            target=result.target,
            target_words=target_words(result),
            judged=result.state.is_judged(),
        )
        if chart:
            charts.append(chart)
    return f'<div class="opsmanual-charts">{"".join(charts)}</div>' if charts else ""
