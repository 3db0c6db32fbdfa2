"""``channels/index.md``: a scorecard per channel, ranked by cost per result, and where budget
would produce more results.

The numbers, the order and both pieces of advice are the judgement's (``judgement.ranking``,
:mod:`generator.rules.ranking`); this page only formats them. No channel is named in code.
"""

from __future__ import annotations

from collections.abc import Callable

from ..metrics.format import budget_status, format_value
from ..metrics.pacing import Pacing
from ..metrics.reallocation import ChannelReturn
from ..rules.ranking import Case, ChannelRow, Ranking, ranked
from . import links
from .blocks import heading, page, table
from .bundle import NOT_IN_SEARCH, GeneratedPage
from .context import SiteContext
from .escape import code, text
from .health import findings_table
from .kpi_table import kpi_table
from .labels import by_urgency, tags_for
from .marginal import channel_line, marginal_section
from .overview import channel_charts
from .plan import channel_notes, pacing, plan_intro, plan_table
from .sparkline import sparkline
from .subjects import asset_home

PATH = links.CHANNELS
TITLE = "Channels"


def _money(value: float | None, ctx: SiteContext) -> str:
    unit = ctx.card.spend.unit if ctx.card.spend else "number"
    return format_value(value, unit) if value is not None else "—"


def recommend(ranking: Ranking, ctx: SiteContext) -> str:
    """The judgement's verdict on the newest period's averages, in words: the costliest channels per
    result and the cheapest on target. Context for the marginal numbers, never a move on its own."""
    card, period, advice = ranking.card, ranking.period, ranking.average
    if advice.case is Case.NO_DATA or card.per_result is None or card.result is None:
        return "The snapshots lack spend or results per channel, so there is nothing to compare yet."
    noun, per = card.result.label, card.per_result.label
    if advice.case is Case.TOO_FEW:
        return text(f"Fewer than two channels have both spend and {noun} in {period}: nothing to compare yet.")
    if advice.case is Case.NONE_PRICED:
        return text(
            f"No channel with spend produced {noun} in {period}, so there is no cheaper channel to move "
            "budget toward yet."
        )
    if advice.case is Case.NO_CASE:
        return text(
            f"In {period} no channel is both on target and below the median {per} ({_money(advice.median, ctx)}) "
            "while another costs more, so the numbers give no clear case for moving budget."
        )

    def why(row: ChannelRow) -> str:
        if row.barren:
            return f"{_money(row.spend, ctx)} spent, no {noun}"
        reason = "missing its target" if row.missed else ("getting worse" if not row.on_target else "above the median")
        return f"{per} {_money(row.per_result, ctx)}, {reason}"

    def names(chosen: tuple[ChannelRow, ...], describe: Callable[[ChannelRow], str]) -> str:
        return " and ".join(f"**{text(r.channel.name)}** ({text(describe(r))})" for r in chosen)

    best, worst = advice.receivers[0], advice.worst
    lines = [
        f"By {text(period or '')} averages, the costliest are {names(advice.donors, why)}, and the cheapest on target "
        f"{names(advice.receivers, lambda r: f'{per} {_money(r.per_result, ctx)}, on target')}.",
    ]
    if worst is not None and best.per_result and worst.per_result:
        step = 1000.0
        lines.append(
            text(
                f"At {period} rates, {_money(step, ctx)} buys about {step / best.per_result:.1f} {noun} in "
                f"{best.channel.name} against {step / worst.per_result:.1f} in {worst.channel.name}."
            )
        )
    lines.append("Average cost is not marginal cost: move budget on what the next dollar buys (above), in steps, "
                 "and check the next period before moving more.")
    return " ".join(lines)


def _trend(row: ChannelRow, ctx: SiteContext) -> str:
    """The cost per result over the trend axis as a sparkline, with the channel's target."""
    card = ctx.card
    if card.per_result is None or not row.periods or not ctx.axis:
        return ""
    label = f"{card.per_result.label} of {row.channel.name}, {ctx.axis[0]} to {ctx.axis[-1]}"
    target = row.target.value if row.target is not None else None
    return sparkline(ctx.on_axis(row.periods, row.trend), label=label, target=target)


def _number(value: float | None, unit: str) -> str:
    return text(format_value(value, unit)) if value is not None else "—"


def _scorecard(rows: tuple[ChannelRow, ...], ctx: SiteContext) -> str:
    """Ranked rows: the ranking metric and its trend first, then spend, results, ROI, budget, owner."""
    card = ctx.card
    with_budget = any(r.channel.budget is not None for r in rows)
    columns: list[tuple[str, str]] = [("#", "r"), ("Channel", "l")]
    if card.per_result:
        columns += [(text(card.per_result.label), "r"), ("Trend", "l")]
    columns += [(text(m.label), "r") for m in ([card.spend] if card.spend else []) + list(card.results)]
    if card.roi:
        columns.append((text(card.roi.label), "r"))
    columns += ([("Budget", "r")] if with_budget else []) + [("Owner", "l"), ("Status", "l")]
    out = []
    for rank, row in enumerate(ranked(rows), start=1):
        status = list(tags_for(ctx.findings.get(row.channel.subject, [])))
        if row.channel.budget is not None and row.spend is not None and card.spend is not None:
            status.append(budget_status(row.spend, row.channel.budget, card.spend.unit))
        cells = [
            str(rank) if row.per_result is not None else "—",
            links.text_link(row.channel.name, PATH, PATH, links.anchor("channel", row.channel.id)),
        ]
        if card.per_result:
            cells += [_number(row.per_result, card.per_result.unit), _trend(row, ctx) or "—"]
        if card.spend:
            cells.append(_number(row.spend, card.spend.unit))
        cells += [_number(v, m.unit) for m, v in zip(card.results, row.results, strict=True)]
        if card.roi:
            cells.append(_number(row.roi, card.roi.unit))
        if with_budget:
            cells.append(text(_money(row.channel.budget, ctx)))
        cells += [ctx.owner_link(row.channel.owner, PATH), text(", ".join(status))]
        out.append(cells)
    return table([h for h, _ in columns], out, "".join(a for _, a in columns))


def _details(row: ChannelRow, ctx: SiteContext, paced: list[Pacing], margin: ChannelReturn | None) -> str:
    channel, catalogs = row.channel, ctx.project.catalogs
    facts = [f"**Owner:** {ctx.owner_link(channel.owner, PATH)}"]
    if channel.budget is not None:
        spent = (f" ({ctx.newest_period}: {text(budget_status(row.spend, channel.budget, ctx.card.spend.unit))})"
                 if row.spend is not None and ctx.card.spend is not None and ctx.newest_period else "")
        facts.append(f"**Monthly budget:** {text(_money(channel.budget, ctx))}{spent}")
    personas = [
        links.text_link(p.name, PATH, links.persona_page(p.id))
        for p in catalogs.personas.values()
        if channel.id in p.channels
    ]
    if personas:
        facts.append("**Preferred by:** " + ", ".join(personas))
    facts.append(f"**Source:** {ctx.source(channel.source.file, channel.source.line)}")
    assets = [
        links.md_link(text(a.title), PATH, *asset_home(catalogs, a))
        for a in catalogs.content.values()
        if channel.id in a.channels
    ]
    parts = [heading(3, text(channel.name), links.anchor("channel", channel.id)), " · ".join(facts)]
    if channel.description:
        parts.append(text(channel.description))
    if assets:
        parts.append("**Content:** " + ", ".join(assets))
    mine = [p for p in paced if p.entry.channel == channel.id]
    if mine:
        parts.append("**Plan:** " + " ".join(channel_notes(channel.id, ctx)))
        parts.append(plan_table(mine, ctx, with_channel=False))
    line = channel_line(margin, ctx)
    if line:
        parts.append(line)
    kpis = ctx.results.get(channel.subject, [])
    if kpis:
        parts.append(kpi_table(kpis, ctx))
    findings = by_urgency(ctx.findings.get(channel.subject, []))
    if findings:
        parts.append(findings_table(findings, ctx, PATH, with_owner=False))
    return page(*parts)


def render(ctx: SiteContext) -> GeneratedPage:
    channels = list(ctx.project.catalogs.channels.values())
    card, period = ctx.card, ctx.newest_period
    if not channels:
        return GeneratedPage(PATH, TITLE, page("# Channels", "No channels yet: add them to channels.yaml."))
    ranking = ctx.judgement.ranking
    rows = ranking.rows
    rank_by = f", ranked by {card.per_result.label} (lowest first)" if card.per_result else ""
    intro = text(
        f"Every channel in {period or 'no period yet'}{rank_by}. Numbers are the newest period's sums; "
        "ratios are recomputed from them, never averaged."
    )
    parts = [
        "# Channels",
        intro,
        channel_charts(ctx, rows),
        heading(2, "Scorecard"),
        f'<div class="opsmanual-wide" markdown>\n\n{_scorecard(rows, ctx)}\n\n</div>',
    ]
    paced = pacing(ctx)
    if paced:
        parts += [heading(2, "Plan against actual"), plan_intro(ctx),
                  f'<div class="opsmanual-wide" markdown>\n\n{plan_table(paced, ctx)}\n\n</div>']
    parts += [heading(2, "Where budget would produce more results"), *marginal_section(ctx),
              recommend(ranking, ctx)]
    stray = sorted(value for dim, value in ctx.project.snapshots.unknown_ids if dim == "channel")  # found at load
    if stray:
        parts.append(
            "Snapshot rows also name channels that are not in channels.yaml: " + ", ".join(code(s) for s in stray) + "."
        )
    by_channel = {m.channel: m for m in ranking.returns}
    parts += [heading(2, "Channel details")] + [_details(r, ctx, paced, by_channel.get(r.channel.id))
                                                 for r in ranking.ranked]
    return GeneratedPage(PATH, TITLE, page(*parts), meta={"hide": ["toc"], **NOT_IN_SEARCH})
