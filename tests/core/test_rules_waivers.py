"""Waivers silence one rule on one subject (optionally one KPI) until a date, inclusive."""

from __future__ import annotations

from datetime import date

import pytest

from .builders import page

STALE = "owner: ana\nreviewed: 2025-01-01"  # stale as of 2026-11-20


def waiver(rule: str, until: str, metric: str | None = None, reason: str = "Rewrite planned") -> str:
    text = f"waive:\n  - rule: {rule}\n    until: {until}\n    reason: {reason}"
    return text + (f"\n    metric: {metric}" if metric else "")


@pytest.mark.parametrize(
    ("until", "as_of", "expected"),
    [
        ("2026-12-31", "2026-11-20", []),
        ("2026-11-20", "2026-11-20", []),  # until is inclusive
        ("2026-11-19", "2026-11-20", ["stale-review", "waiver-expired"]),  # expired: the finding is back
        ("2026-11-20", "2026-11-21", ["stale-review", "waiver-expired"]),
    ],
)
def test_waiver_until_is_inclusive(check, until, as_of, expected):
    judgement = check(
        {"manual/index.md": page(f"{STALE}\n{waiver('stale-review', until)}")}, as_of=date.fromisoformat(as_of)
    )
    assert [f.rule for f in judgement.findings] == expected
    assert [f.rule for f in judgement.waived] == ([] if expected else ["stale-review"])


def test_expired_waiver_finding(check):
    judgement = check({"manual/index.md": page(f"{STALE}\n{waiver('stale-review', '2026-10-31')}")})
    expired = judgement.findings[-1]
    assert (expired.rule, expired.file, expired.line, expired.subject, expired.owner) == (
        "waiver-expired",
        "manual/index.md",
        5,
        "index.md",
        "ana",
    )
    assert expired.message == (
        "The waiver of stale-review ended on 2026-10-31 (20 days ago; reason was: Rewrite planned). "
        "Review the section, then remove the waiver or extend it."
    )
    assert expired.values == {"waived_rule": "stale-review", "until": "2026-10-31"}


def test_waiver_silences_only_its_rule(check):
    # No owner and stale: waiving stale-review leaves missing-owner.
    judgement = check({"manual/index.md": page(f"reviewed: 2025-01-01\n{waiver('stale-review', '2026-12-31')}")})
    assert [f.rule for f in judgement.findings] == ["missing-owner"]
    assert [f.rule for f in judgement.waived] == ["stale-review"]


def test_waiver_silences_only_its_subject(check):
    judgement = check(
        {
            "manual/index.md": page(f"{STALE}\n{waiver('stale-review', '2026-12-31')}"),
            "manual/other.md": page(STALE),
        }
    )
    assert [(f.rule, f.subject) for f in judgement.findings] == [("stale-review", "other.md")]
    assert [(f.rule, f.subject) for f in judgement.waived] == [("stale-review", "index.md")]


TWO_KPIS = """\
owner: ana
reviewed: 2026-11-01
kpis:
  - metric: sql_rate
    target: ">= 0.5"
  - metric: sqls
    target: ">= 100"
"""


@pytest.mark.parametrize(
    ("metric", "kept", "waived"),
    [
        (None, [], ["sql_rate", "sqls"]),
        ("sql_rate", ["sqls"], ["sql_rate"]),
        ("sqls", ["sql_rate"], ["sqls"]),
        ("cost_per_sql", ["sql_rate", "sqls"], []),
    ],
)
def test_waiver_metric_narrows_to_one_kpi(check, metric, kept, waived):
    judgement = check(
        {
            "manual/index.md": page(TWO_KPIS + waiver("kpi-below-target", "2026-12-31", metric)),
            "data/snapshots/2026-10.csv": "mqls,sqls\n100,10\n",
        }
    )
    assert [(f.rule, f.kpi) for f in judgement.findings] == [("kpi-below-target", m) for m in kept]
    assert [(f.rule, f.kpi) for f in judgement.waived] == [("kpi-below-target", m) for m in waived]


def test_waiver_with_metric_does_not_silence_page_rules(check):
    judgement = check({"manual/index.md": page(f"{STALE}\n{waiver('stale-review', '2026-12-31', 'sqls')}")})
    assert [f.rule for f in judgement.findings] == ["stale-review"]


def test_waiver_on_a_channel(check):
    channels = """\
- id: webinar
  name: Webinars
  owner: ana
  kpis:
    - metric: sqls
      target: ">= 10"
  waive:
    - rule: kpi-below-target
      until: 2026-11-01
      reason: Budget paused in October
- id: paid-social
  name: Paid social
  owner: revops
  kpis:
    - metric: sqls
      target: ">= 10"
  waive:
    - rule: kpi-below-target
      until: 2026-12-01
      reason: New agency
"""
    judgement = check(
        {"data/channels.yaml": channels, "data/snapshots/2026-10.csv": "channel,sqls\nwebinar,1\npaid-social,1\n"}
    )
    assert [(f.rule, f.subject, f.line) for f in judgement.findings] == [
        ("kpi-below-target", "channel/webinar", 5),
        ("waiver-expired", "channel/webinar", 8),
    ]
    assert [(f.rule, f.subject) for f in judgement.waived] == [("kpi-below-target", "channel/paid-social")]


def test_waiver_of_an_unknown_rule(check):
    judgement = check(
        {"manual/index.md": page(f"owner: ana\nreviewed: 2026-11-01\n{waiver('stale-reviw', '2026-12-31')}")}
    )
    (finding,) = judgement.findings
    assert (finding.rule, finding.line, finding.values) == (
        "unknown-reference",
        5,
        {"kind": "rule", "id": "stale-reviw"},
    )
    assert finding.message == "Unknown rule 'stale-reviw' (did you mean 'stale-review'?): it is not in docs/RULES.md."


def test_waiver_expired_cannot_be_waived(check):
    text = page(
        f"{STALE}\n{waiver('stale-review', '2026-01-01')}\n"
        "  - rule: waiver-expired\n    until: 2026-12-31\n    reason: Not now"
    )
    judgement = check({"manual/index.md": text})
    assert [f.rule for f in judgement.findings] == ["stale-review", "waiver-expired"]
