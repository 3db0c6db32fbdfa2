"""The site's words: what each rule means in plain language, page tags, KPI states, severities.

Tags and status words are what search finds: a flagged page says "stale" or "underperforming"
in its status block and carries the same tag; a page without findings says "healthy".
"""

from __future__ import annotations

from collections.abc import Iterable

from ..metrics.evaluate import KpiResult, KpiState
from ..metrics.format import format_change, ordinal
from ..model.findings import Finding, Severity, count_phrase, plural
from ..model.rules import Rule, Tag, rule_title

__all__ = ["ADMONITION", "HEALTHY", "TAG_RULES", "WAIVED", "by_urgency", "count_phrase", "plural", "rule_title",
           "severity_header", "state_word", "tags_for", "worst"]

# Tag -> the rules that set it (each rule's ``tag``), in the order tags are listed.
TAG_RULES: tuple[tuple[str, frozenset[Rule]], ...] = tuple(
    (tag.value, frozenset(rule for rule in Rule if rule.tag is tag)) for tag in Tag
)
HEALTHY = "healthy"
WAIVED = "waived"  # every finding silenced by a waiver: not healthy, not flagged

# Severity -> Material admonition type, for status blocks.
ADMONITION = {Severity.ERROR: "danger", Severity.WARNING: "warning", Severity.INFO: "info"}


def tags_for(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The tags a subject carries for its findings; ``("healthy",)`` when it has none."""
    rules = {f.rule for f in findings}
    if not rules:
        return (HEALTHY,)
    return tuple(tag.value for tag in Tag if any(rule.tag is tag for rule in rules))


def worst(findings: Iterable[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def by_urgency(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; the stable report order within each."""
    return sorted(findings, key=lambda f: (-int(f.severity), *f.sort_key()))


def severity_header(severity: Severity) -> str:
    return "Info" if severity is Severity.INFO else f"{severity.label.capitalize()}s"


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
