"""Every rule, defined once: its stable id and everything derived from it.

A :class:`Rule` member carries the id (its value, what reports and the config write), the default
severity, the family (the rule function that yields it, ``rules/<family>.py``), the page tag it
sets, its urgency in the owners' digest, its heading (the title shown on the site and in the digest) and its one-line meaning. The
registry, the site's words, the digest order and ``check --changed-since`` all read these.
"""

from __future__ import annotations

import enum

from .severity import Severity


class Family(enum.Enum):
    """The rule function that yields a rule's findings; a family whose rules are all off is not run."""

    REVIEWS = "reviews"
    OWNERS = "owners"
    KPIS = "kpis"
    ACTIVITY = "activity"
    COVERAGE = "coverage"
    EXPIRY = "expiry"
    REFERENCES = "references"
    WAIVERS = "waivers"
    PLAN = "plan"
    EXPERIMENTS = "experiments"
    CONTENT_USE = "content-use"


class Tag(enum.StrEnum):
    """The tag a flagged subject carries, in the order tags are listed."""

    STALE = "stale"
    UNDERPERFORMING = "underperforming"
    NEEDS_OWNER = "needs-owner"
    NEEDS_REVIEW = "needs-review"
    NO_DATA = "no-data"
    ACTIVITY_ONLY = "activity-only"
    CONTENT_GAP = "content-gap"
    NEEDS_REFRESH = "needs-refresh"
    BROKEN_REFERENCE = "broken-reference"
    WAIVER_EXPIRED = "waiver-expired"
    OFF_PLAN = "off-plan"
    DECISION_DUE = "decision-due"
    UNUSED = "unused"


_I, _W, _E = Severity.INFO, Severity.WARNING, Severity.ERROR
_F, _T = Family, Tag


class Rule(enum.StrEnum):
    """A rule. Its value is the stable id; the order of definition is the order rules are listed in.

    ``urgency``: within one severity, what the digest lists first (0 first): broken references
    before broken promises (expired waivers), results that miss before missing owners and reviews,
    data hygiene, then reminders.
    """

    severity: Severity
    family: Family
    tag: Tag
    urgency: int
    heading: str
    summary: str

    def __new__(cls, rule_id: str, severity: Severity, family: Family, tag: Tag, urgency: int, heading: str,
                summary: str) -> Rule:
        member = str.__new__(cls, rule_id)
        member._value_ = rule_id
        member.severity, member.family, member.tag, member.urgency = severity, family, tag, urgency
        member.heading, member.summary = heading, summary
        return member

    REVIEW_DUE = ("review-due", _I, _F.REVIEWS, _T.NEEDS_REVIEW, 16, "Review due soon",
                  "the next review falls within the due-soon window")
    STALE_REVIEW = ("stale-review", _W, _F.REVIEWS, _T.STALE, 8, "Review overdue",
                    "the last review plus the review cadence is before the as-of date")
    MISSING_OWNER = ("missing-owner", _W, _F.OWNERS, _T.NEEDS_OWNER, 7, "No owner",
                     "a page, channel or asset has no owner")
    MISSING_REVIEW = ("missing-review", _W, _F.REVIEWS, _T.NEEDS_REVIEW, 9, "Never reviewed",
                      "a page has no reviewed date")
    STALE_DATA = ("stale-data", _W, _F.KPIS, _T.STALE, 12, "Stale data",
                  "a KPI's newest period is older than the snapshot cadence allows")
    NO_DATA = ("no-data", _W, _F.KPIS, _T.NO_DATA, 13, "No data", "a KPI's slice has no value in any period")
    KPI_BELOW_TARGET = ("kpi-below-target", _W, _F.KPIS, _T.UNDERPERFORMING, 3, "Below target",
                        "the newest period misses the target")
    KPI_MISSED_REPEATEDLY = ("kpi-missed-repeatedly", _W, _F.KPIS, _T.UNDERPERFORMING, 2, "Target missed repeatedly",
                             "the target was missed several periods in a row")
    KPI_DECLINING = ("kpi-declining", _W, _F.KPIS, _T.UNDERPERFORMING, 4, "Declining",
                     "the metric moved the wrong way beyond the threshold over the last periods")
    ACTIVITY_ONLY = ("activity-only", _W, _F.ACTIVITY, _T.ACTIVITY_ONLY, 14, "Measures activity only",
                     "every KPI of a section measures activity, none a result")
    COVERAGE_GAP = ("coverage-gap", _W, _F.COVERAGE, _T.CONTENT_GAP, 15, "Content gap",
                    "a persona x stage cell has no live content")
    CONTENT_EXPIRED = ("content-expired", _W, _F.EXPIRY, _T.NEEDS_REFRESH, 10, "Past its refresh date",
                       "a live asset is past its refresh_by date")
    UNKNOWN_REFERENCE = ("unknown-reference", _E, _F.REFERENCES, _T.BROKEN_REFERENCE, 0, "Unknown reference",
                         "an id does not exist in its catalog")
    WAIVER_EXPIRED = ("waiver-expired", _W, _F.WAIVERS, _T.WAIVER_EXPIRED, 1, "Waiver expired",
                      "a waiver's until date has passed")
    OFF_PLAN = ("off-plan", _W, _F.PLAN, _T.OFF_PLAN, 5, "Off plan",
                "a channel's spend or results to date are outside its plan by more than the tolerance")
    EXPERIMENT_UNDECIDED = ("experiment-undecided", _W, _F.EXPERIMENTS, _T.DECISION_DUE, 6, "Decision overdue",
                            "an experiment's decide_by date has passed with no decision")
    CONTENT_UNUSED = ("content-unused", _W, _F.CONTENT_USE, _T.UNUSED, 11, "Unused content",
                      "a live asset produced no result in any of the newest periods that carry content")

    @classmethod
    def get(cls, rule_id: str) -> Rule | None:
        """The rule with this id, or None (an id from an older report, or a typo)."""
        return _BY_ID.get(rule_id)


_BY_ID: dict[str, Rule] = {rule.value: rule for rule in Rule}


def rule_title(rule_id: str) -> str:
    """The rule's heading; an unknown id (from an older report) as written."""
    rule = Rule.get(rule_id)
    return rule.heading if rule is not None else rule_id
