"""``health/index.md``: every finding, counted by severity, rule and owner, and over versions."""

from __future__ import annotations

from collections import Counter

from ..metrics.evaluate import KpiState
from ..model.findings import SEVERITIES, Finding, Severity
from ..model.rules import Rule
from . import links
from .blocks import chip, heading, page, table
from .bundle import NOT_IN_SEARCH, GeneratedPage
from .context import SiteContext
from .escape import code, text
from .labels import by_urgency, plural, rule_title, severity_header
from .overview import actions, health_charts
from .sparkline import sparkline

PATH = links.HEALTH
TITLE = "Health"
# Above this many findings the page lists the most urgent ones and links to each owner's page, where
# every finding is listed: a table of thousands of rows is megabytes the engine must convert and index.
LIST_LIMIT = 200


def findings_table(findings: list[Finding], ctx: SiteContext, from_page: str, *, with_owner: bool = True) -> str:
    """Severity, rule, subject (linked), owner, message and source line of each finding."""
    headers = ["Severity", "Rule", "Subject"] + (["Owner"] if with_owner else []) + ["Message", "Source"]
    rows = []
    for f in findings:
        row = [chip(f.severity.label, f.severity.label), f"{text(rule_title(f.rule))} ({code(f.rule)})", ctx.subject_link(f.subject, from_page)]
        if with_owner:
            row.append(ctx.owner_link(f.owner, from_page))
        row += [text(f.message), ctx.finding_where(f)]
        rows.append(row)
    return table(headers, rows)


def _severity_counts(ctx: SiteContext) -> str:
    counts = ctx.judgement.counts()
    rows = [[s.label, str(counts[s.label])] for s in SEVERITIES]
    rows.append(["waived", str(len(ctx.judgement.waived))])
    return table(["Severity", "Findings"], rows, "lr")


def _rule_counts(ctx: SiteContext) -> str:
    counts = Counter(f.rule for f in ctx.judgement.findings)
    if not counts:
        return "No rule fired."
    rows = [[f"{text(r.heading)} ({code(r.value)})", text(r.summary), str(counts[r])] for r in Rule if r in counts]
    return table(["Rule", "Fires when", "Findings"], rows, "llr")


def _owner_counts(ctx: SiteContext) -> str:
    per: dict[str | None, Counter[Severity]] = {}
    for f in ctx.judgement.findings:
        per.setdefault(f.owner, Counter())[f.severity] += 1
    if not per:
        return "Nobody has anything to act on."

    def urgency(owner: str | None) -> tuple:
        c = per[owner]
        return (owner is None, *(-c[s] for s in SEVERITIES), ctx.owner_name(owner), owner or "")

    rows = [
        [ctx.owner_link(owner, PATH), *(str(per[owner][s]) for s in SEVERITIES), str(sum(per[owner].values()))]
        for owner in sorted(per, key=urgency)
    ]
    return table(["Owner", *(severity_header(s) for s in SEVERITIES), "Total"], rows, "lrrrr")


def _kpi_counts(ctx: SiteContext) -> str:
    results = ctx.judgement.results
    if not results:
        return "No section has KPIs yet."
    counts = Counter(r.state for r in results)
    words = {
        KpiState.MET: "met",
        KpiState.MISSED: "missed",
        KpiState.NO_TARGET: "no target",
        KpiState.STALE: "stale",
        KpiState.NO_DATA: "no data",
    }
    rows = [[words[state], str(counts[state])] for state in words if counts[state]]
    declining = sum(1 for r in results if r.declining)
    if declining:
        rows.append(["declining", str(declining)])
    return table(["KPI state", "KPIs"], rows, "lr")


def _pages_summary(ctx: SiteContext) -> str:
    pages = ctx.project.pages
    healthy = [p for p in pages if not ctx.findings.get(p.subject)]
    return f"{len(healthy)} of {plural(len(pages), 'manual page')} {'is' if len(healthy) == 1 else 'are'} healthy (no findings)."


def _count(counts: object, key: str) -> int:
    value = counts.get(key, 0) if isinstance(counts, dict) else 0
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _history(ctx: SiteContext) -> str:
    history = list(ctx.meta.history)
    if not history:
        return "No earlier published version is known, so there is no trend yet."
    current = ctx.judgement.counts()
    rows_data = [*history, (ctx.meta.version or "this build", current)]
    rows = []
    totals = []
    for version, counts in rows_data:
        numbers = [_count(counts, s.label) for s in SEVERITIES]
        totals.append(float(sum(numbers)))
        rows.append([text(version), *(str(n) for n in numbers), str(sum(numbers))])
    chart = sparkline(totals, label=f"Findings per version, {rows_data[0][0]} to {rows_data[-1][0]}")
    head = ["Version", *(severity_header(s) for s in SEVERITIES), "Total"]
    return page(f"Findings per published version, oldest first: {chart}", table(head, rows, "lrrrr"))


def _source_words(ctx: SiteContext) -> str:
    """Where the numbers came from: the snapshot files, or the table and its engine (never a URL)."""
    snapshots = ctx.project.snapshots
    source = snapshots.source
    if source is None:
        return "Metrics: no snapshot rows yet."
    rows = f"{source.rows:,} row{'' if source.rows == 1 else 's'}"
    if source.kind == "files":
        return (f"Metrics: {rows} from {plural(len(snapshots.files), 'snapshot file')} in {source.name}, "
                "read and aggregated by DuckDB.")
    what = f"table {source.name}" if source.name != "a query" else "a query"
    return f"Metrics: {rows} from {what} on {source.engine}, aggregated there."


def _all_findings(findings: list[Finding], ctx: SiteContext) -> list[str]:
    """Every finding, or past LIST_LIMIT the most urgent ones and a link to where the rest are."""
    if not findings:
        return [heading(2, "All findings", links.ALL_FINDINGS), "No findings: every section is owned, reviewed and on target."]
    shown = findings[:LIST_LIMIT]
    parts = [heading(2, "All findings" if len(shown) == len(findings) else "Most urgent findings", links.ALL_FINDINGS)]
    if len(shown) < len(findings):
        owners = links.md_link("By owner", PATH, PATH, "by-owner")
        parts.append(
            f"The {LIST_LIMIT} most urgent of {len(findings):,} findings. Every finding is listed on its "
            f"owner's page ({owners} above links to each) and on the page it is about."
        )
    parts.append(f'<div class="opsmanual-wide" markdown>\n\n{findings_table(shown, ctx, PATH)}\n\n</div>')
    return parts


def render(ctx: SiteContext) -> GeneratedPage:
    judgement = ctx.judgement
    findings = by_urgency(judgement.findings)
    counts = judgement.counts()
    summary = ", ".join(plural(counts[s.label], s.label) for s in SEVERITIES)
    intro = (
        f"As of {judgement.as_of.isoformat()}: {summary}. A flag is a prompt to review and adjust, "
        "not a verdict; each links to the section it is about."
    )
    parts = [
        "# Health",
        text(intro),
        actions(ctx, PATH),
        health_charts(ctx),
        text(_source_words(ctx)),
        _pages_summary(ctx),
        heading(2, "By severity"),
        _severity_counts(ctx),
        heading(2, "By rule"),
        _rule_counts(ctx),
        heading(2, "By owner", "by-owner"),
        _owner_counts(ctx),
        heading(2, "KPIs"),
        _kpi_counts(ctx),
        heading(2, "Across versions"),
        _history(ctx),
        *_all_findings(findings, ctx),
    ]
    if judgement.waived:
        parts += [
            heading(2, "Waived"),
            "Silenced by a waiver until its date; they come back when it ends.",
            findings_table(list(judgement.waived), ctx, PATH),
        ]
    tags = ("healthy",) if not findings else ()
    return GeneratedPage(PATH, TITLE, page(*parts), tags, meta=dict(NOT_IN_SEARCH))
