"""Waivers: silence one rule on one subject until a date; ``waiver-expired`` once it has passed."""

from __future__ import annotations

from collections.abc import Iterator

from ..metrics.format import plural
from ..model.findings import Finding
from ..model.kpis import Waiver
from ..model.rules import Rule
from ..model.subject import Subject
from .context import Context


def expired_waivers(ctx: Context) -> Iterator[Finding]:
    for section in ctx.project.sections():
        for waiver in section.waive:
            if not waiver.active_on(ctx.as_of):
                days = (ctx.as_of - waiver.until).days
                yield ctx.finding(
                    Rule.WAIVER_EXPIRED, waiver.file, waiver.line, section.subject, section.owner,
                    f"The waiver of {waiver.rule} ended on {waiver.until.isoformat()} ({plural(days, 'day')} ago; "
                    f"reason was: {waiver.reason}). Review the section, then remove the waiver or extend it.",
                    waived_rule=waiver.rule, until=waiver.until.isoformat(),
                )


def waiver_for(finding: Finding, waivers: dict[Subject, tuple[Waiver, ...]], ctx: Context) -> Waiver | None:
    """The active waiver that silences ``finding``, if any."""
    if finding.rule is Rule.WAIVER_EXPIRED:
        return None
    return next((w for w in waivers.get(finding.subject, ()) if w.silences(finding.rule, finding.kpi, ctx.as_of)), None)
