"""The first screen of the home and health pages, and the charts of the generated pages.

What to act on this month comes first (the few most urgent findings, each with its owner and a
link), then the charts; the pages' full tables follow. Each renderer calls one function here.
"""

from __future__ import annotations

from collections import Counter

from ..metrics.format import budget_status, format_value
from ..metrics.scorecard import value_at
from ..model.findings import SEVERITIES, Finding, Severity
from ..report.digest import urgency
from ..rules.ranking import ChannelRow
from ..rules.registry import RULES
from . import links
from .blocks import chip
from .charts import Bar, bar_chart, heatmap
from .context import SiteContext
from .escape import text
from .labels import rule_title

ACTIONS = 5
MAX_BARS = 8  # bars drawn in a findings chart; its numbers table lists every row


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def actions(ctx: SiteContext, from_page: str, limit: int = ACTIONS) -> str:
    """The few findings most worth acting on, most urgent first, as raw HTML with Markdown links."""
    findings = sorted(ctx.judgement.findings, key=urgency)
    if not findings:
        return (
            '<div class="admonition success opsmanual-actions" markdown>\n'
            '<p class="admonition-title">Nothing to act on this month</p>\n\n'
            "Every section is owned, reviewed and on target.\n\n</div>"
        )
    items = [
        f"1. {chip(f.severity.label, f.severity.label)} **{text(rule_title(f.rule))}:** "
        f"{ctx.subject_link(f.subject, from_page)} · owner {ctx.owner_link(f.owner, from_page)} · {text(f.message)}"
        for f in findings[:limit]
    ]
    more = len(findings) - limit
    tail = ""
    if more > 0:
        listed = links.md_link(text(_count(more, "more finding")), from_page, links.HEALTH, links.ALL_FINDINGS)
        tail = f"\n\n{listed} " + ("below." if from_page == links.HEALTH else "on the health page.")
    title = f"What to act on this month: the {min(limit, len(findings))} most urgent of {_count(len(findings), 'finding')}"
    return (
        '<div class="admonition tip opsmanual-actions" markdown>\n'
        f'<p class="admonition-title">{text(title)}</p>\n\n' + "\n".join(items) + tail + "\n\n</div>"
    )


def _known_count(counts: object, key: str) -> int:
    """A count from a published report, 0 when the report holds something else there."""
    value = counts.get(key, 0) if isinstance(counts, dict) else 0
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _severity_bar(label: str, counts: Counter[Severity]) -> Bar:
    segments = tuple(
        (float(counts[s]), f"opsmanual-bar-{s.label}", f"{counts[s]}") for s in reversed(SEVERITIES)
    )
    return Bar(label, segments, shown=str(sum(counts.values())))


def _severity_headers(first: str) -> list[str]:
    return [first, *(s.label.capitalize() for s in reversed(SEVERITIES))]


def _most_severe(counts: Counter[Severity]) -> tuple[int, ...]:
    """A sort key: more errors first, then more warnings (ties in the total go to the most severe)."""
    return tuple(-counts[s] for s in SEVERITIES)


def health_charts(ctx: SiteContext) -> str:
    """Findings by rule, by owner and over the published versions, coloured by severity."""
    findings: list[Finding] = list(ctx.judgement.findings)
    charts = []
    if findings:
        per_rule: dict[str, Counter[Severity]] = {}
        per_owner: dict[str | None, Counter[Severity]] = {}
        for f in findings:
            per_rule.setdefault(f.rule, Counter())[f.severity] += 1
            per_owner.setdefault(f.owner, Counter())[f.severity] += 1
        order = sorted(per_rule, key=lambda r: (-sum(per_rule[r].values()), *_most_severe(per_rule[r]),
                                                list(RULES).index(r) if r in RULES else 99, r))
        charts.append(bar_chart(
            [_severity_bar(rule_title(r), per_rule[r]) for r in order], limit=MAX_BARS,
            title="Findings by rule", fmt=lambda v: f"{v:.0f}", headers=_severity_headers("Rule"),
            caption=f"Findings by rule, coloured by severity: {_count(len(findings), 'finding')} from {_count(len(order), 'rule')}.",
        ))
        owners = sorted(per_owner, key=lambda o: (-sum(per_owner[o].values()), *_most_severe(per_owner[o]), o is None,
                                                  o or ""))
        charts.append(bar_chart(
            [_severity_bar(ctx.owner_name(o) if o else "no owner", per_owner[o]) for o in owners], limit=MAX_BARS,
            title="Findings by owner", fmt=lambda v: f"{v:.0f}", headers=_severity_headers("Owner"),
            caption=f"Findings by owner, coloured by severity: {_count(len(owners), 'owner')} to act.",
        ))
    history = [*ctx.meta.history, (ctx.meta.version or "this build", ctx.judgement.counts())]
    if len(history) > 1:
        bars = []
        for version, counts in history:
            numbers = Counter({s: _known_count(counts, s.label) for s in SEVERITIES})
            bars.append(_severity_bar(str(version), numbers))
        charts.append(bar_chart(
            bars, title="Findings per published version", fmt=lambda v: f"{v:.0f}", headers=_severity_headers("Version"),
            caption=f"Findings per published version, oldest first: {history[0][0]} to {history[-1][0]}.",
        ))
    drawn = [c for c in charts if c]
    return f'<div class="opsmanual-charts">{"".join(drawn)}</div>' if drawn else ""


def channel_charts(ctx: SiteContext, rows: tuple[ChannelRow, ...]) -> str:
    """Cost per result against its target by channel; spend against the monthly budget."""
    card = ctx.card
    charts = []
    if card.per_result is not None:
        unit = card.per_result.unit
        bars = []
        for row in rows:
            if row.per_result is None:
                continue
            target = row.target
            over = target is not None and not target.met_by(row.per_result)
            css = "opsmanual-bar-over" if over else "opsmanual-bar"
            shown = format_value(row.per_result, unit)
            words = shown + ("" if target is None else (" (misses target)" if over else " (meets target)"))
            goal = "no target" if target is None else format_value(target.value, unit)
            bars.append(Bar(row.channel.name, ((row.per_result, css, words),),
                            target.value if target else None, shown, (goal,)))
        charts.append(bar_chart(
            bars, title=f"{card.per_result.label} by channel", fmt=lambda v: format_value(v, unit),
            headers=["Channel", card.per_result.label, "Target"], target_name="channel's target",
            caption=f"{card.per_result.label} by channel in {ctx.newest_period}, against each channel's target "
                    "where it has one; red bars miss it.",
        ))
    if card.spend is not None and any(r.channel.budget is not None and r.spend is not None for r in rows):
        unit = card.spend.unit
        bars = []
        for row in rows:
            if row.channel.budget is None or row.spend is None:
                continue
            words = budget_status(row.spend, row.channel.budget, unit)
            css = "opsmanual-bar-over" if row.spend > row.channel.budget else "opsmanual-bar"
            bars.append(Bar(row.channel.name, ((row.spend, css, format_value(row.spend, unit)),),
                            row.channel.budget, budget_status(row.spend, row.channel.budget, unit, short=True),
                            (format_value(row.channel.budget, unit), words)))
        charts.append(bar_chart(
            bars, title="Spend against budget", fmt=lambda v: format_value(v, unit),
            headers=["Channel", "Spend", "Budget", "Against budget"], target_name="monthly budget",
            caption=f"Spend against each channel's monthly budget in {ctx.newest_period}; red bars are over it.",
        ))
    drawn = [c for c in charts if c]
    return f'<div class="opsmanual-charts">{"".join(drawn)}</div>' if drawn else ""


def content_heatmap(ctx: SiteContext) -> str:
    """Persona x stage: live assets per cell, and the result of the newest period where snapshots have it."""
    catalogs = ctx.project.catalogs
    personas, stages = list(catalogs.personas), list(catalogs.stages)
    counts = [[0] * len(stages) for _ in personas]
    where = {(p, s): (i, j) for i, p in enumerate(personas) for j, s in enumerate(stages)}
    for asset in catalogs.content.values():
        if not asset.status.is_live() or asset.stage is None:
            continue
        for persona in asset.personas:
            if (persona, asset.stage) in where:
                i, j = where[(persona, asset.stage)]
                counts[i][j] += 1
    names = [catalogs.personas[p].name for p in personas], [catalogs.stages[s].name for s in stages]
    coverage = heatmap(*names, counts, title="Live assets per persona and stage", unit="live assets")
    return coverage + results_heatmap(ctx, personas, stages, *names)


def results_heatmap(ctx: SiteContext, personas: list[str], stages: list[str], rows: list[str], columns: list[str]) -> str:
    """The card's result (SQLs) per persona and stage in the newest period, where snapshots have both columns."""
    result, period = ctx.card.result, ctx.newest_period
    dims = ctx.project.snapshots.dimensions
    if result is None or period is None or "persona" not in dims or "stage" not in dims:
        return ""
    values = [
        [value_at(result, ctx.cube.series({"persona": (p,), "stage": (s,)}), period) for s in stages]
        for p in personas
    ]
    return heatmap(rows, columns, values, title=f"{result.label} per persona and stage in {period}", unit=result.label,
                   fmt=lambda v: format_value(v, result.unit), results=True)
