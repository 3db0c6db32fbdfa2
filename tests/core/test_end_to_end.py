"""The fixture project tests/fixtures/small, judged as of 2026-11-20, every finding checked by hand.

Hand computations from the CSVs (2026-08, 2026-09, 2026-10):

- channel/webinar cost_per_sql: 6000/30 = 200, 6000/30 = 200, 8000/36 = 222.22. Meets "<= 300";
  rose (222.22 - 200) / 200 = 11.1% > 10% over 3 periods: kpi-declining.
- channel/paid-social cost_per_sql: 5000/20 = 250, 5500/15 = 366.67, 6000/10 = 600. Missed in 09 and
  10 only (streak 2 < 3): kpi-below-target; rose (600 - 250) / 250 = 140%: kpi-declining.
- lead-handoff sql_rate for webinar: 30/100, 30/110, 36/120 = 0.30, 0.27, 0.30: met, flat.
- lead-handoff sql_rate for paid-social: 20/50, 15/50, 10/40 = 0.40, 0.30, 0.25. Misses ">= 30%" in
  10 (streak 1): kpi-below-target, waived until 2026-12-31 for sql_rate; fell 37.5%: kpi-declining
  (not waived: the waiver names kpi-below-target only).
- lead-handoff reviewed 2026-09-14 + 90d = 2026-12-13: 23 days away, outside due_soon (14d).
- nurture reviewed 2025-01-10 + 90d (config) = 2025-04-10: 589 days before; its stale-review waiver
  ended 2026-01-31 (293 days before): stale-review and waiver-expired. Its only KPI is emails_sent
  (activity): activity-only; 12000, 11000, 9000 fell 25%: kpi-declining; channel 'email' is not in
  channels.yaml: unknown-reference (also in the snapshots, first at 2026-08.csv line 4).
- wb-zero-trust refresh_by 2026-10-01 is 50 days past: content-expired.
- Coverage: live assets cover (it-director, awareness), (it-director, decision), (cfo, decision);
  (cfo, awareness) is a gap.
- index.md has no front matter (the later '---' block is prose): missing-owner, missing-review.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.load.project import load_project
from generator.rules.engine import judge

from .builders import FIXTURES

EXPECTED = {
    ("kpi-declining", "channel/webinar"),
    ("kpi-below-target", "channel/paid-social"),
    ("kpi-declining", "channel/paid-social"),
    ("content-expired", "content/wb-zero-trust"),
    ("coverage-gap", "persona/cfo"),
    ("unknown-reference", "data/snapshots/2026-08.csv"),
    ("missing-owner", "index.md"),
    ("missing-review", "index.md"),
    ("kpi-declining", "processes/lead-handoff.md"),
    ("stale-review", "processes/nurture.md"),
    ("activity-only", "processes/nurture.md"),
    ("kpi-declining", "processes/nurture.md"),
    ("unknown-reference", "processes/nurture.md"),
    ("waiver-expired", "processes/nurture.md"),
}


@pytest.fixture(scope="module")
def judgement():
    return judge(load_project(FIXTURES / "small"), date(2026, 11, 20))


def test_exact_findings(judgement):
    found = [(f.rule, f.subject) for f in judgement.findings]
    assert len(found) == len(set(found)) == 14
    assert set(found) == EXPECTED
    assert judgement.counts() == {"error": 2, "warning": 12, "info": 0}


def test_exact_waived(judgement):
    assert [(f.rule, f.subject, f.kpi, f.values["value"], f.values["streak"]) for f in judgement.waived] == [
        ("kpi-below-target", "processes/lead-handoff.md", "sql_rate", 0.25, 1)
    ]


def test_numbers_match_the_hand_computation(judgement):
    numbers = {
        (f.rule, f.subject): {k: f.values[k] for k in ("value", "change", "streak") if k in f.values}
        for f in judgement.findings
        if f.kpi
    }
    assert numbers == {
        ("kpi-declining", "channel/webinar"): {"value": pytest.approx(222.222222), "change": pytest.approx(0.111111)},
        ("kpi-below-target", "channel/paid-social"): {"value": 600.0, "streak": 2},
        ("kpi-declining", "channel/paid-social"): {"value": 600.0, "change": 1.4},
        ("kpi-declining", "processes/lead-handoff.md"): {"value": 0.25, "change": -0.375},
        ("kpi-declining", "processes/nurture.md"): {"value": 9000.0, "change": -0.25},
    }
    rates = {(r.section.subject, r.kpi.slice_text()): r.values for r in judgement.results}
    assert rates[("processes/lead-handoff.md", "channel=webinar")] == pytest.approx((0.3, 30 / 110, 0.3))
    assert rates[("processes/lead-handoff.md", "channel=paid-social")] == pytest.approx((0.4, 0.3, 0.25))
    assert rates[("channel/paid-social", "channel=paid-social")] == pytest.approx((250, 5500 / 15, 600))


def test_locations_and_messages(judgement):
    assert [(f.file, f.line, f.rule, f.owner, f.message) for f in judgement.findings] == [
        (
            "data/channels.yaml",
            6,
            "kpi-declining",
            "ana",
            "Cost per SQL (channel=webinar) rose 11% over the last 3 periods (2026-08 to 2026-10).",
        ),
        (
            "data/channels.yaml",
            12,
            "kpi-below-target",
            "revops",
            "Cost per SQL (channel=paid-social) $600 in 2026-10 vs target <= $300.",
        ),
        (
            "data/channels.yaml",
            12,
            "kpi-declining",
            "revops",
            "Cost per SQL (channel=paid-social) rose 140% over the last 3 periods (2026-08 to 2026-10).",
        ),
        (
            "data/content.yaml",
            1,
            "content-expired",
            "ana",
            "Live asset 'Zero trust in 45 minutes' was due for a refresh on 2026-10-01 (50 days ago): refresh it, "
            "or retire it if no one needs it.",
        ),
        ("data/personas.yaml", 4, "coverage-gap", "ana", "No live content for CFO at the Awareness stage."),
        (
            "data/snapshots/2026-08.csv",
            4,
            "unknown-reference",
            None,
            "Unknown channel 'email': it is not in data/channels.yaml.",
        ),
        (
            "manual/index.md",
            1,
            "missing-owner",
            None,
            "No owner: add 'owner:' to the front matter with an id from people.yaml.",
        ),
        (
            "manual/index.md",
            1,
            "missing-review",
            None,
            "No review recorded: add 'reviewed: YYYY-MM-DD' once someone has reviewed this page.",
        ),
        (
            "manual/processes/lead-handoff.md",
            12,
            "kpi-declining",
            "revops",
            "MQL to SQL rate (channel=paid-social) fell 38% over the last 3 periods (2026-08 to 2026-10).",
        ),
        (
            "manual/processes/nurture.md",
            3,
            "stale-review",
            "ana",
            "Last reviewed 2025-01-10; the review was due 2025-04-10 (589 days ago, every 90d).",
        ),
        (
            "manual/processes/nurture.md",
            5,
            "activity-only",
            "ana",
            "Every KPI measures activity (Emails sent), none a result: add one such as SQLs or pipeline.",
        ),
        (
            "manual/processes/nurture.md",
            5,
            "kpi-declining",
            "ana",
            "Emails sent (channel=email) fell 25% over the last 3 periods (2026-08 to 2026-10).",
        ),
        (
            "manual/processes/nurture.md",
            5,
            "unknown-reference",
            "ana",
            "Unknown channel 'email': it is not in data/channels.yaml.",
        ),
        (
            "manual/processes/nurture.md",
            8,
            "waiver-expired",
            "ana",
            "The waiver of stale-review ended on 2026-01-31 (293 days ago; reason was: Rewrite planned). "
            "Review the section, then remove the waiver or extend it.",
        ),
    ]


def test_cli_json_matches(judgement):
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / "small"), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-11-20"  # pinned by the fixture's config
    assert {(f["rule"], f["subject"]) for f in data["findings"]} == EXPECTED
    assert data["counts"] == {"error": 2, "warning": 12, "info": 0}


def test_index_body_keeps_its_later_dashes():
    page = next(p for p in load_project(FIXTURES / "small").pages if p.path == "index.md")
    source = (FIXTURES / "small" / "manual" / "index.md").read_text(encoding="utf-8")
    assert (page.has_front_matter, page.title, page.body) == (False, "Small manual", source)
