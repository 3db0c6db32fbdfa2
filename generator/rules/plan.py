"""``off-plan``: a channel's spend or results to date are outside its plan by more than the tolerance."""

from __future__ import annotations

from collections.abc import Iterator

from ..metrics.cube import Cube
from ..metrics.format import format_change, format_value
from ..metrics.pacing import plan_pacing
from ..model.findings import Finding
from ..model.rules import Rule
from .context import Context


def off_plan_rules(ctx: Context) -> Iterator[Finding]:
    plan = ctx.project.plan
    if not plan.entries:
        return
    cube = ctx.cube or Cube(ctx.project.snapshots)
    tolerance = ctx.settings.plan_tolerance
    channels = ctx.project.catalogs.channels
    for p in plan_pacing(plan, ctx.project.metrics, cube, ctx.as_of, ctx.settings.stale_after):
        channel = channels.get(p.entry.channel)
        if channel is None or not p.outside(tolerance):
            continue  # an unknown channel is an unknown-reference
        assert p.actual is not None and p.planned_to_date is not None and p.deviation is not None
        unit, what = p.metric.unit, ("spend" if p.amount.is_spend else p.metric.label)
        forecast = p.forecast
        whole = p.months_done == p.months
        when = f"for {p.entry.period}" if whole else f"for {p.entry.period} to date ({p.to_date})"
        planned = "planned" if whole else "planned to date"
        message = (
            f"{channel.name} {what} {when}: {format_value(p.actual, unit)} vs {format_value(p.planned_to_date, unit)} "
            f"{planned}, {format_change(p.deviation)} {p.direction} plan (tolerance {format_change(tolerance)})."
        )
        if forecast is not None and not whole:
            message += (f" At this rate {format_value(forecast, unit)} for {p.entry.period} against "
                        f"{format_value(p.planned, unit)} planned.")
        yield ctx.finding(
            Rule.OFF_PLAN, p.entry.file, p.amount.line, channel.subject, channel.owner, message, p.metric.id,
            period=p.entry.period.text, through=p.through, measure=p.metric.id, actual=round(p.actual, 6),
            planned_to_date=round(p.planned_to_date, 6), planned=p.planned, deviation=round(p.deviation, 6),
            forecast=None if forecast is None else round(forecast, 6),
        )
