"""The repository's demo manual (Tidewater Security): it loads cleanly and tells its story.

docs/DEMO.md promises one finding per rule on a named subject and a mostly healthy manual; these
tests keep that promise as the manual, the rules or the data change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.load.project import load_project
from generator.rules.engine import judge
from generator.rules.registry import RULES

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = {
    ("review-due", "operating-manual/lead-scoring.md", None),
    ("stale-review", "operating-manual/sales-enablement.md", None),
    ("missing-owner", "playbooks/review-sites.md", None),
    ("missing-review", "playbooks/podcast.md", None),
    ("stale-data", "content/calc-patch-risk", "leads"),
    ("no-data", "channel/podcast", "cost_per_sql"),
    ("kpi-below-target", "playbooks/paid-search.md", "sql_rate"),
    ("kpi-missed-repeatedly", "channel/paid-social", "cost_per_sql"),
    ("kpi-declining", "playbooks/seo.md", "mql_rate"),
    ("activity-only", "operating-manual/email-nurture.md", None),
    ("coverage-gap", "persona/msp-owner", None),
    ("content-expired", "content/eb-ransomware-readiness", None),
    ("unknown-reference", "playbooks/partner-msp.md", None),
    ("waiver-expired", "operating-manual/webinar-production.md", None),
    ("off-plan", "channel/events", "cost"),
    ("experiment-undecided", "optimisation/experiments/gated-runbook-template.md", "mql_rate"),
    ("content-unused", "content/pg-compliance-hub", None),
}


def demo():  # type: ignore[no-untyped-def]
    project = load_project(ROOT)  # raises InputError if the demo has any input problem
    return project, judge(project, project.config.settings.as_of or date(2026, 11, 20))


def test_the_demo_pins_its_clock_and_loads_with_no_input_errors() -> None:
    project, _ = demo()
    assert project.config.settings.as_of == date(2026, 11, 20)
    assert len(project.pages) >= 25
    assert 4 <= len(project.catalogs.personas) <= 6
    assert len(project.catalogs.stages) == 4
    assert 8 <= len(project.catalogs.channels) <= 10
    assert 40 <= len(project.catalogs.content) <= 60
    assert len(project.plan.entries) == 9
    assert 8 <= len(project.catalogs.people) <= 12
    assert len(project.snapshots.periods) == 18


def test_every_rule_fires_once_on_its_expected_subject() -> None:
    _, judgement = demo()
    fired = [(f.rule, f.subject, f.kpi) for f in judgement.findings]
    assert sorted(fired) == sorted(EXPECTED)  # each once: a list, not a set
    assert {rule for rule, _, _ in EXPECTED} == set(RULES)


def test_the_story_is_mostly_healthy_and_has_an_active_waiver() -> None:
    project, judgement = demo()
    flagged_pages = {f.subject for f in judgement.findings if f.subject.endswith(".md")}
    assert len(flagged_pages) <= len(project.pages) // 3
    assert [(f.rule, f.subject) for f in judgement.waived] == [
        ("content-unused", "content/calc-patch-risk"), ("kpi-missed-repeatedly", "playbooks/paid-social.md")]


def test_demo_md_names_every_expected_subject() -> None:
    text = (ROOT / "docs" / "DEMO.md").read_text(encoding="utf-8")
    for rule, subject, _ in EXPECTED:
        assert f"`{rule}`" in text and f"`{subject}`" in text, (rule, subject)


def test_the_committed_snapshots_are_what_their_generator_writes() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(ROOT / "tools" / "demo_snapshots.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


NEW_RULES = ("off-plan", "experiment-undecided", "content-unused")


def test_every_report_format_carries_the_plan_experiment_and_content_rules() -> None:
    import json

    from click.testing import CliRunner

    from generator.cli.main import cli

    def run(fmt: str) -> str:
        return CliRunner().invoke(cli, ["check", str(ROOT), "--format", fmt, "--fail-on", "never"]).output

    found = {f["rule"]: (f["file"], f["line"]) for f in json.loads(run("json"))["findings"]}
    assert {rule: found[rule] for rule in NEW_RULES} == {
        "off-plan": ("data/plan.yaml", 27),
        "experiment-undecided": ("manual/optimisation/experiments/gated-runbook-template.md", 6),
        "content-unused": ("data/content.yaml", 166),
    }
    github, junit, text = run("github"), run("junit"), run("text")
    for rule in NEW_RULES:
        assert f"title={rule}%3A" in github
        assert f"warning {rule}: " in junit
        assert f"  warning  {rule} " in text
