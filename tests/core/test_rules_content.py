"""coverage-gap, content-expired and activity-only."""

from __future__ import annotations

import pytest

from .builders import page

PERSONAS = "- id: it-director\n  name: IT Director\n  owner: ana\n- id: cfo\n  name: CFO\n"
STAGES = "- id: awareness\n  name: Awareness\n- id: decision\n  name: Decision\n"


def asset(asset_id: str, personas: str, stage: str | None, status: str = "live", extra: str = "") -> str:
    text = (
        f"- id: {asset_id}\n  title: {asset_id.title()}\n  owner: ana\n  personas: [{personas}]\n  status: {status}\n"
    )
    if stage:
        text += f"  stage: {stage}\n"
    return text + extra


@pytest.mark.parametrize(
    ("content", "gaps"),
    [
        ("", [("it-director", "awareness"), ("it-director", "decision"), ("cfo", "awareness"), ("cfo", "decision")]),
        (asset("a", "it-director, cfo", "awareness") + asset("b", "it-director, cfo", "decision"), []),
        (asset("a", "it-director, cfo", "awareness"), [("it-director", "decision"), ("cfo", "decision")]),
        # draft and retired assets cover nothing
        (
            asset("a", "it-director, cfo", "awareness") + asset("b", "it-director, cfo", "decision", "draft"),
            [("it-director", "decision"), ("cfo", "decision")],
        ),
        (
            asset("a", "it-director, cfo", "awareness") + asset("b", "it-director, cfo", "decision", "retired"),
            [("it-director", "decision"), ("cfo", "decision")],
        ),
        # an asset without a stage covers no cell
        (
            asset("a", "it-director, cfo", "awareness") + asset("b", "it-director, cfo", None),
            [("it-director", "decision"), ("cfo", "decision")],
        ),
        (
            asset("a", "it-director", "awareness") + asset("b", "cfo", "decision"),
            [("it-director", "decision"), ("cfo", "awareness")],
        ),
    ],
    ids=["no-content", "covered", "one-stage", "draft", "retired", "no-stage", "diagonal"],
)
def test_coverage_gap_cells(check, content, gaps):
    judgement = check(
        {"data/personas.yaml": PERSONAS, "data/stages.yaml": STAGES, "data/content.yaml": content or "[]\n"}
    )
    found = [(f.values["persona"], f.values["stage"]) for f in judgement.findings if f.rule == "coverage-gap"]
    assert sorted(found) == sorted(gaps)
    assert [f.rule for f in judgement.findings] == ["coverage-gap"] * len(gaps)


def test_coverage_gap_finding(check):
    judgement = check(
        {
            "data/personas.yaml": PERSONAS,
            "data/stages.yaml": STAGES,
            "data/content.yaml": asset("a", "it-director, cfo", "awareness") + asset("b", "it-director", "decision"),
        }
    )
    (finding,) = judgement.findings
    assert (finding.rule, finding.file, finding.line, finding.subject, finding.owner, finding.message) == (
        "coverage-gap",
        "data/personas.yaml",
        4,
        "persona/cfo",
        None,
        "No live content for CFO at the Decision stage.",
    )


@pytest.mark.parametrize(
    ("status", "refresh_by", "expired"),
    [
        ("live", "2026-11-19", True),
        ("live", "2026-11-20", False),  # due today is not past
        ("live", "2026-12-01", False),
        ("draft", "2026-01-01", False),
        ("retired", "2026-01-01", False),
        ("live", None, False),
    ],
)
def test_content_expired(check, status, refresh_by, expired):
    extra = f"  refresh_by: {refresh_by}\n" if refresh_by else ""
    content = asset("wb-zero-trust", "it-director", "awareness", status, extra)
    if status != "live":  # keep the cell covered so only content-expired can fire
        content += asset("other", "it-director", "awareness")
    judgement = check({"data/content.yaml": content})
    assert [(f.rule, f.subject) for f in judgement.findings] == (
        [("content-expired", "content/wb-zero-trust")] if expired else []
    )


def test_content_expired_message(check):
    judgement = check(
        {"data/content.yaml": asset("guide", "it-director", "awareness", extra="  refresh_by: 2026-10-01\n")}
    )
    (finding,) = judgement.findings
    assert (finding.file, finding.line, finding.owner, finding.values) == (
        "data/content.yaml",
        1,
        "ana",
        {"refresh_by": "2026-10-01"},
    )
    assert finding.message == (
        "Live asset 'Guide' was due for a refresh on 2026-10-01 (50 days ago): "
        "refresh it, or retire it if no one needs it."
    )


def kpis(*metrics: str) -> str:
    items = "".join(f"\n  - metric: {m}" for m in metrics) or " []"
    return page(f"owner: ana\nreviewed: 2026-11-01\nkpis:{items}")


@pytest.mark.parametrize(
    ("metrics", "message"),
    [
        (
            ["emails_sent"],
            "Every KPI measures activity (Emails sent), none a result: add one such as SQLs or pipeline.",
        ),
        (
            ["emails_sent", "dials"],
            "Every KPI measures activity (Emails sent, Dials), none a result: add one such as SQLs or pipeline.",
        ),
        (
            ["emails_sent", "emails_sent"],
            "Every KPI measures activity (Emails sent), none a result: add one such as SQLs or pipeline.",
        ),
        (
            ["dials_per_email"],
            "Every KPI measures activity (Dials per email), none a result: add one such as SQLs or pipeline.",
        ),
        (["emails_sent", "sqls"], None),
        (["emails_sent", "cost"], None),  # cost is not activity
        (["emails_sent", "sql_rate"], None),  # a derived metric of results is a result
        (["emails_sent", "emails_per_sql"], None),  # result if any of its measures is a result
        (["sqls"], None),
        ([], None),
    ],
)
def test_activity_only(check, metrics, message):
    catalog = (
        "measures:\n  sqls: {kind: result, label: SQLs}\n  cost: {kind: cost}\n"
        "  emails_sent: {kind: activity, label: Emails sent}\n  dials: {kind: activity, label: Dials}\n"
        "metrics:\n  sql_rate: {formula: sqls / sqls}\n  dials_per_email: {formula: dials / emails_sent, label: Dials per email}\n"
        "  emails_per_sql: {formula: emails_sent / sqls}\n"
    )
    judgement = check(
        {
            "data/metrics.yaml": catalog,
            "manual/index.md": kpis(*metrics),
            "data/snapshots/2026-10.csv": "sqls,cost,emails_sent,dials\n1,1,1,1\n",
        }
    )
    found = [(f.rule, f.line, f.message) for f in judgement.findings]
    assert found == ([] if message is None else [("activity-only", 5, message)])


def test_activity_only_on_a_channel(check):
    channels = "- id: webinar\n  name: Webinars\n  owner: ana\n  kpis:\n    - metric: emails_sent\n"
    judgement = check(
        {"data/channels.yaml": channels, "data/snapshots/2026-10.csv": "channel,emails_sent\nwebinar,10\n"}
    )
    assert [(f.rule, f.subject, f.line) for f in judgement.findings] == [("activity-only", "channel/webinar", 5)]
