"""Every rule's stable id, default severity and one-line meaning. Imports nothing but the model."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.findings import Severity


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    summary: str


_W, _I, _E = Severity.WARNING, Severity.INFO, Severity.ERROR

RULES: dict[str, RuleInfo] = {
    info.id: info
    for info in (
        RuleInfo("review-due", _I, "the next review falls within the due-soon window"),
        RuleInfo("stale-review", _W, "the last review plus the review cadence is before the as-of date"),
        RuleInfo("missing-owner", _W, "a page, channel or asset has no owner"),
        RuleInfo("missing-review", _W, "a page has no reviewed date"),
        RuleInfo("stale-data", _W, "a KPI's newest period is older than the snapshot cadence allows"),
        RuleInfo("no-data", _W, "a KPI's slice has no value in any period"),
        RuleInfo("kpi-below-target", _W, "the newest period misses the target"),
        RuleInfo("kpi-missed-repeatedly", _W, "the target was missed several periods in a row"),
        RuleInfo("kpi-declining", _W, "the metric moved the wrong way beyond the threshold over the last periods"),
        RuleInfo("activity-only", _W, "every KPI of a section measures activity, none a result"),
        RuleInfo("coverage-gap", _W, "a persona x stage cell has no live content"),
        RuleInfo("content-expired", _W, "a live asset is past its refresh_by date"),
        RuleInfo("unknown-reference", _E, "an id does not exist in its catalog"),
        RuleInfo("waiver-expired", _W, "a waiver's until date has passed"),
        RuleInfo("off-plan", _W, "a channel's spend or results to date are outside its plan by more than the tolerance"),
        RuleInfo("experiment-undecided", _W, "an experiment's decide_by date has passed with no decision"),
        RuleInfo("content-unused", _W, "a live asset produced no result in any of the newest periods that carry content"),
    )
}
