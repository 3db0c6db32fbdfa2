"""Rules about results: ``stale-data``, ``no-data``, ``kpi-below-target``, ``kpi-missed-repeatedly``,
``kpi-declining`` and ``activity-only``."""

from __future__ import annotations

from collections.abc import Iterator

from ..metrics.evaluate import KpiResult, KpiState
from ..metrics.format import format_change, format_target, format_value, ordinal, plural
from ..model.dates import months_before
from ..model.findings import Finding
from ..model.rules import Rule
from .context import Context


def _name(result: KpiResult) -> str:
    return f"{result.label} ({result.kpi.slice_text()})"


def _values(result: KpiResult) -> dict[str, object]:
    values: dict[str, object] = {"metric": result.kpi.metric, "slice": result.kpi.slice}
    if result.newest_period:
        values["period"] = result.newest_period
    if result.latest is not None:
        values["value"] = round(result.latest, 6)
    if result.target is not None:
        values["target"] = result.kpi.target_text
    return values


def kpi_rules(ctx: Context) -> Iterator[Finding]:
    settings = ctx.settings
    for result in ctx.results:
        if result.metric is None:
            continue  # unknown-reference reports it
        unit = result.metric.unit

        def emit(rule: Rule, message: str, result: KpiResult = result, **extra: object) -> Finding:
            kpi, section = result.kpi, result.section
            return ctx.finding(rule, kpi.file, kpi.line, section.subject, section.owner, message, kpi.metric,
                               **{**_values(result), **extra})
        if result.state is KpiState.NO_DATA:
            yield emit(Rule.NO_DATA, f"{_name(result)}: {result.note}; nothing to judge yet.")
            continue
        if result.state is KpiState.STALE:
            assert result.newest_period is not None
            age = months_before(result.newest_period, ctx.as_of)
            yield emit(Rule.STALE_DATA,
                       f"{_name(result)}: newest data is {result.newest_period}, {plural(age, 'month')} before "
                       f"{ctx.as_of.strftime('%Y-%m')} (at most {settings.stale_after} allowed); not judged until fresh data arrives.")
            continue
        if result.state is KpiState.MISSED and result.target is not None:
            shown = f"{_name(result)} {format_value(result.latest, unit)} in {result.newest_period} vs target {format_target(result.target, unit)}"
            if result.missed_streak >= settings.missed_periods:
                yield emit(Rule.KPI_MISSED_REPEATEDLY, f"{shown}, {ordinal(result.missed_streak)} period in a row.",
                           streak=result.missed_streak)
            else:
                yield emit(Rule.KPI_BELOW_TARGET, f"{shown}.", streak=result.missed_streak)
        if result.declining and result.change is not None and result.change_window is not None:
            window = result.change_window
            direction = "fell" if result.metric.better_higher else "rose"
            yield emit(Rule.KPI_DECLINING,
                       f"{_name(result)} {direction} {format_change(result.change)} over the last "
                       f"{settings.decline_periods} periods ({window[0]} to {window[-1]}).",
                       change=round(result.change, 6))


def activity_rules(ctx: Context) -> Iterator[Finding]:
    metrics = ctx.project.metrics
    for section in ctx.project.sections():
        known = [metrics[k.metric] for k in section.kpis if k.metric in metrics]
        if known and len(known) == len(section.kpis) and all(m.kind.is_activity() for m in known):
            labels = ", ".join(dict.fromkeys(m.label for m in known))
            yield ctx.finding(Rule.ACTIVITY_ONLY, section.file, section.kpis[0].line, section.subject, section.owner,
                              f"Every KPI measures activity ({labels}), none a result: add one such as SQLs or pipeline.")
