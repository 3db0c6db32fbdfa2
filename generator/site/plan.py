"""The plan on the channels page: plan against actual to date (pacing) and the forecast.

Numbers come from :mod:`generator.metrics.pacing`, the same computation ``off-plan`` judges, so
the page and the finding never disagree.
"""

from __future__ import annotations

from ..metrics.format import format_change, format_value
from ..metrics.pacing import PaceState, Pacing, plan_pacing
from . import links
from .blocks import table
from .context import SiteContext
from .escape import text


def pacing(ctx: SiteContext) -> list[Pacing]:
    """Every planned amount paced (the computation ``off-plan`` judges)."""
    settings = ctx.project.config.settings
    return plan_pacing(ctx.project.plan, ctx.project.metrics, ctx.cube, ctx.as_of, settings.stale_after)


def _value(value: float | None, p: Pacing) -> str:
    return text(format_value(value, p.metric.unit)) if value is not None else "—"


def _off(p: Pacing, tolerance: float) -> str:
    deviation = p.deviation
    if deviation is None:
        return "—"
    sign = "+" if deviation > 0 else ("−" if deviation < 0 else "±")
    shown = f"{sign}{format_change(deviation)}"
    return f"**{text(shown)}**" if p.outside(tolerance) else text(shown)


def _state(p: Pacing, tolerance: float, ctx: SiteContext) -> str:
    if p.state is PaceState.CURRENT:
        return f"{p.direction} plan" if p.outside(tolerance) else "on plan"
    if p.state is PaceState.CLOSED:
        return "closed" if p.entry.period.last < ctx.as_of.strftime("%Y-%m") else "not judged: data stale"
    return p.state.value


def _what(p: Pacing) -> str:
    return "Spend" if p.amount.is_spend else text(p.metric.label)


def plan_table(rows: list[Pacing], ctx: SiteContext, with_channel: bool = True) -> str:
    """Plan against actual to date, one row per planned amount."""
    tolerance = ctx.project.config.settings.plan_tolerance
    headers = (["Channel"] if with_channel else []) + [
        "Period", "Planned", "To date", "Planned to date", "Actual", "Off by", "Remaining", "Forecast", "Status"]
    out = []
    channels = ctx.project.catalogs.channels
    for p in rows:
        channel = channels.get(p.entry.channel)
        cells = [
            text(p.entry.period),
            f"{_what(p)} {_value(p.planned, p)}",
            text(p.to_date or "—"),
            _value(p.planned_to_date, p),
            _value(p.actual, p),
            _off(p, tolerance),
            _value(p.remaining, p),
            _value(p.forecast, p) if p.months_done and p.months_done < p.months else "—",
            text(_state(p, tolerance, ctx)),
        ]
        if with_channel:
            name = channel.name if channel else p.entry.channel
            cells.insert(0, links.text_link(name, links.CHANNELS, links.CHANNELS, links.anchor("channel", p.entry.channel))
                         if channel else text(name))
        out.append(cells)
    return table(headers, out, ("l" if with_channel else "") + "lrlrrrrrl")


def plan_intro(ctx: SiteContext) -> str:
    tolerance = format_change(ctx.project.config.settings.plan_tolerance)
    return text(
        f"Each planned amount against the channel's actuals to date (the plan period's months through the newest "
        f"month with the channel's data; the plan is spread evenly over its months). Off by more than {tolerance} "
        "is flagged while the period is current. Forecast: the whole period at the run rate so far."
    )


def channel_notes(channel_id: str, ctx: SiteContext) -> list[str]:
    return [text(e.note) for e in ctx.project.plan.for_channel(channel_id) if e.note]

