"""The status block at the top of every manual page: owner, review dates, flags, KPIs.

The block is a Material admonition written as HTML (``md_in_html``) so that its text is part of
the page and of search: its title names the flags ("stale", "underperforming") or says
"healthy", and the same words become the page's tags.
"""

from __future__ import annotations

from ..model.config import edit_link
from ..model.findings import Finding
from ..model.kpis import Waiver
from ..model.page import Page
from .blocks import admonition, bullets, chip
from .bundle import Decoration
from .context import SiteContext
from .escape import link, text
from .experiments import status_line as experiment_line
from .kpi_table import kpi_table, trend_charts
from .labels import ADMONITION, HEALTHY, WAIVED, count_phrase, rule_title, tags_for, worst


def finding_line(finding: Finding) -> str:
    """``**Warning · Review overdue:** Last reviewed ...`` (message escaped)."""
    return f"{chip(finding.severity.label, finding.severity.label)} **{text(rule_title(finding.rule))}:** {text(finding.message)}"


def waiver_of(finding: Finding, waivers: tuple[Waiver, ...], ctx: SiteContext) -> Waiver | None:
    return next((w for w in waivers if w.silences(finding.rule, finding.kpi, ctx.as_of)), None)


def waived_line(finding: Finding, waivers: tuple[Waiver, ...], ctx: SiteContext) -> str:
    waiver = waiver_of(finding, waivers, ctx)
    title = f"Waived until {waiver.until.isoformat()}" if waiver else "Waived"
    reason = f" Reason: {waiver.reason}" if waiver else ""
    return f"{chip(title, 'waived')} **{text(rule_title(finding.rule))}:** {text(finding.message + reason)}"


def review_line(page: Page, ctx: SiteContext) -> str:
    parts = [f"**Owner:** {owner_part(page, ctx)}"]
    cadence = page.review_every or ctx.project.config.settings.review_every
    due = page.next_review(cadence)
    if page.reviewed is None or due is None:
        parts.append("**Reviewed:** never")
        parts.append("**Next review:** as soon as possible")
        return " · ".join(parts + edit_part(page, ctx))
    days = (due - ctx.as_of).days
    if days < 0:
        when = f"overdue by {-days} day{'s' if days != -1 else ''}"
    elif days == 0:
        when = "due today"
    else:
        when = f"in {days} day{'s' if days != 1 else ''}"
    parts.append(f"**Reviewed:** {page.reviewed.isoformat()}")
    parts.append(f"**Next review:** {due.isoformat()} ({text(when)}, every {text(str(cadence))})")
    return " · ".join(parts + edit_part(page, ctx))


def owner_part(page: Page, ctx: SiteContext) -> str:
    """The owner, and where the owner comes from when the page does not name one itself."""
    if page.owner_from is None:
        return ctx.owner_link(page.owner, page.path)
    file, _, line = page.owner_from.rpartition(":")
    who = ctx.owner_link(page.owner, page.path) if page.owner in ctx.project.catalogs.people else text(page.owner or "")
    return f"{who} (from {text(file)}, line {text(line)})"


def edit_part(page: Page, ctx: SiteContext) -> list[str]:
    """A link to propose a change to the page's source, when the config says where sources live."""
    base = ctx.meta.edit_url
    if not base:
        return []
    return [link("Propose a change", edit_link(base, page.path))]


def status_title(findings: list[Finding], tags: tuple[str, ...], waived: int = 0) -> str:
    if not findings and waived:
        # Silenced is not healthy: the reader sees that something is waived, and until when below.
        return f"Status: waived ({waived} finding{'' if waived == 1 else 's'} waived, nothing else)"
    if not findings:
        return "Status: healthy, no findings"
    words = ", ".join(tag.replace("-", " ") for tag in tags)
    return f"Status: {words} ({count_phrase(findings)})"


def page_status(page: Page, ctx: SiteContext) -> Decoration:
    """The status block and tags for one manual page."""
    findings = ctx.findings.get(page.subject, [])
    waived = ctx.waived.get(page.subject, [])
    results = ctx.results.get(page.subject, [])
    tags = tags_for(findings) if findings or not waived else (WAIVED,)
    severity = worst(findings)
    kind = ADMONITION[severity] if severity else ("note" if waived else "success")
    parts = [review_line(page, ctx)]
    if findings:
        parts.append(bullets([finding_line(f) for f in sorted(findings, key=lambda f: -int(f.severity))]))
    if waived:
        parts.append("Waived, each until its date:")
        parts.append(bullets([waived_line(f, page.waive, ctx) for f in waived]))
    if page.experiment is not None:
        parts.append(experiment_line(page, ctx))
    if results:
        parts.append(kpi_table(results, ctx))
        parts.append(trend_charts(results, ctx))
    elif page.experiment is None:
        parts.append("No KPIs: this page does not yet say which results it is meant to produce.")
    css = "opsmanual-status" + ("" if tags == (HEALTHY,) else " opsmanual-flagged")
    if waived and not findings:
        css += " opsmanual-waived"
    block = admonition(kind, status_title(findings, tags, len(waived)), "\n\n".join(parts), css)
    return Decoration(status=block, tags=tags)
