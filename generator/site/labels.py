"""The site's words: what each rule means in plain language, page tags, KPI states, severities.

Tags and status words are what search finds: a flagged page says "stale" or "underperforming"
in its status block and carries the same tag; a page without findings says "healthy".
"""

from __future__ import annotations

from collections.abc import Iterable

from ..metrics.evaluate import KpiResult, KpiState
from ..metrics.format import format_change, ordinal
from ..model.findings import Finding, Severity

RULE_TITLES: dict[str, str] = {
    "review-due": "Review due soon",
    "stale-review": "Review overdue",
    "missing-owner": "No owner",
    "missing-review": "Never reviewed",
    "stale-data": "Stale data",
    "no-data": "No data",
    "kpi-below-target": "Below target",
    "kpi-missed-repeatedly": "Target missed repeatedly",
    "kpi-declining": "Declining",
    "activity-only": "Measures activity only",
    "coverage-gap": "Content gap",
    "content-expired": "Past its refresh date",
    "unknown-reference": "Unknown reference",
    "waiver-expired": "Waiver expired",
    "off-plan": "Off plan",
    "experiment-undecided": "Decision overdue",
    "content-unused": "Unused content",
}

# Tag -> the rules that set it. Order is the order tags appear in.
TAG_RULES: tuple[tuple[str, frozenset[str]], ...] = (
    ("stale", frozenset({"stale-review", "stale-data"})),
    ("underperforming", frozenset({"kpi-below-target", "kpi-missed-repeatedly", "kpi-declining"})),
    ("needs-owner", frozenset({"missing-owner"})),
    ("needs-review", frozenset({"missing-review", "review-due"})),
    ("no-data", frozenset({"no-data"})),
    ("activity-only", frozenset({"activity-only"})),
    ("content-gap", frozenset({"coverage-gap"})),
    ("needs-refresh", frozenset({"content-expired"})),
    ("broken-reference", frozenset({"unknown-reference"})),
    ("waiver-expired", frozenset({"waiver-expired"})),
    ("off-plan", frozenset({"off-plan"})),
    ("decision-due", frozenset({"experiment-undecided"})),
    ("unused", frozenset({"content-unused"})),
)
HEALTHY = "healthy"
WAIVED = "waived"  # every finding silenced by a waiver: not healthy, not flagged

# Severity -> Material admonition type, for status blocks.
ADMONITION = {Severity.ERROR: "danger", Severity.WARNING: "warning", Severity.INFO: "info"}


def rule_title(rule: str) -> str:
    return RULE_TITLES.get(rule, rule)


def tags_for(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The tags a subject carries for its findings; ``("healthy",)`` when it has none."""
    rules = {f.rule for f in findings}
    if not rules:
        return (HEALTHY,)
    tags = tuple(tag for tag, members in TAG_RULES if rules & members)
    return tags or ("needs-attention",)


def worst(findings: Iterable[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def by_urgency(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; the stable report order within each."""
    return sorted(findings, key=lambda f: (-int(f.severity), *f.sort_key()))


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 warnings``, ``3 info``."""
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def severity_header(severity: Severity) -> str:
    return "Info" if severity is Severity.INFO else f"{severity.label.capitalize()}s"


def count_phrase(findings: Iterable[Finding]) -> str:
    """``1 error, 2 warnings`` (severities that occur, most severe first)."""
    counts: dict[Severity, int] = {}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    parts = [plural(counts[s], s.label) for s in sorted(counts, reverse=True)]
    return ", ".join(parts) or "no findings"


def state_word(result: KpiResult) -> str:
    """A KPI's state in words: met / missed, 3rd period in a row / stale / no data / no target,
    plus "falling 12%" (or "rising" for a lower-is-better metric) when it moves the wrong way."""
    state = result.state
    if state is KpiState.MET:
        word = "met"
    elif state is KpiState.MISSED:
        word = "missed" if result.missed_streak < 2 else f"missed, {ordinal(result.missed_streak)} period in a row"
    elif state is KpiState.STALE:
        word = f"stale (newest {result.newest_period})"
    elif state is KpiState.NO_DATA:
        word = "no data"
    else:
        word = "no target"
    if result.declining and result.change is not None and state.is_judged():
        # "declining" means moving the wrong way: a cost per SQL that declines is good news.
        direction = "rising" if result.metric is not None and not result.metric.better_higher else "falling"
        word += f", {direction} {format_change(result.change)}"
    return word
