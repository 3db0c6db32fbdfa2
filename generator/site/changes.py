"""``changes/index.md``: what changed since the previous published version."""

from __future__ import annotations

from ..metrics.format import format_value
from ..model.findings import SEVERITIES
from . import links
from .blocks import bullets, heading, page, table
from .bundle import NOT_IN_SEARCH, GeneratedPage
from .context import SiteContext
from .escape import code, text
from .history import Changes, Crossing, ReportedFinding
from .labels import rule_title

PATH = links.CHANGES
TITLE = "Changes"


def _findings(items: tuple[ReportedFinding, ...], ctx: SiteContext) -> str:
    rows = [
        [
            text(f.severity),
            f"{text(rule_title(f.rule))} ({code(f.rule)})",
            ctx.subject_link(f.subject, PATH),
            text(f.message),
        ]
        for f in items
    ]
    return table(["Severity", "Rule", "Subject", "Message"], rows)


def _latest(crossing: Crossing, ctx: SiteContext) -> str:
    if crossing.latest is None:
        return "—"
    metric = ctx.project.metrics.get(crossing.metric)
    return format_value(float(crossing.latest), metric.unit if metric else "number")


def _crossings(crossed: tuple[Crossing, ...], ctx: SiteContext) -> str:
    rows = []
    for c in sorted(crossed, key=lambda c: (not c.improved, c.subject, c.metric)):
        where = "; ".join(f"{d}: {', '.join(map(str, ids))}" for d, ids in sorted(c.slice.items())) or "all rows"
        rows.append(
            [
                text(c.label),
                ctx.subject_link(c.subject, PATH),
                text(where),
                "now met" if c.improved else "now missed",
                text(_latest(c, ctx)),
                text(c.target or "—"),
            ]
        )
    return table(["KPI", "Section", "Slice", "Change", "Latest", "Target"], rows)


def _counts_line(changes: Changes) -> str:
    before, after = changes.counts_before, changes.counts_after
    parts = [f"{before.get(s.label, 0)} → {after.get(s.label, 0)} {s.label}" for s in SEVERITIES]
    return "Findings: " + ", ".join(parts) + "."


def _pages(changes: Changes, ctx: SiteContext) -> str:
    items = [f"Added: {ctx.subject_link(p, PATH)}" for p in changes.pages_added]
    items += [f"Edited: {ctx.subject_link(p, PATH)}" for p in changes.pages_edited]
    items += [f"Removed: {text(p)}" for p in changes.pages_removed]
    return bullets(items)


def render(ctx: SiteContext, changes: Changes) -> GeneratedPage:
    if not changes.has_previous:
        body = page(
            "# Changes",
            "There is no previous published version to compare with: this is the first one, or its report "
            "could not be read. From the next published version on, this page lists new and resolved "
            "findings, KPIs that crossed their target, and pages added or edited.",
        )
        return GeneratedPage(PATH, TITLE, body, meta=dict(NOT_IN_SEARCH))
    since = f"version {ctx.meta.previous_version}" if ctx.meta.previous_version else "the previous version"
    judged = f" (judged as of {changes.previous_as_of})" if changes.previous_as_of else ""
    parts = [
        "# Changes",
        text(f"Since {since}{judged}, as of {ctx.as_of.isoformat()}."),
        text(_counts_line(changes)),
    ]
    if changes.nothing_changed:
        parts.append("Nothing changed: the same findings, the same KPI states and the same pages.")
    if changes.new:
        parts += [heading(2, f"New findings ({len(changes.new)})"), _findings(changes.new, ctx)]
    if changes.resolved:
        parts += [heading(2, f"Resolved findings ({len(changes.resolved)})"), _findings(changes.resolved, ctx)]
    if changes.crossed:
        parts += [heading(2, "KPIs that crossed their target"), _crossings(changes.crossed, ctx)]
    if changes.pages_added or changes.pages_edited or changes.pages_removed:
        parts += [heading(2, "Pages"), _pages(changes, ctx)]
    return GeneratedPage(PATH, TITLE, page(*parts), meta=dict(NOT_IN_SEARCH))
