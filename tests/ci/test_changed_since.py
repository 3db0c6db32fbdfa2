"""``opsmanual check --changed-since REF``: only findings about what a branch touched, in a scratch
git repository made from a copy of ``tests/fixtures/small``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.load.project import load_project
from generator.report.markdown import render_markdown
from generator.report.text import render_text
from generator.rules.engine import judge
from generator.rules.scope import FileKind, classify, limit_to_change

from .conftest import AS_OF, edit, git_env

Pairs = set[tuple[str, str]]


def check(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(project), *args], env=git_env(project.parent),
                                catch_exceptions=False)
    return result.exit_code, result.output


def pairs(project: Path, ref: str = "main", key: str = "findings") -> Pairs:
    code, output = check(project, "--changed-since", ref, "--format", "json", "--fail-on", "never")
    assert code == 0, output
    return {(f["rule"], f["subject"]) for f in json.loads(output)[key]}


def commit(git: Callable[..., str], project: Path, message: str = "change") -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def test_without_a_change_nothing_is_reported(repo):
    project = repo()
    code, output = check(project, "--changed-since", "main")
    assert code == 0
    assert output == "0 errors, 0 warnings, 0 info (as of 2026-11-20; limited to 0 changed files)\n"


def test_a_changed_page_keeps_only_its_findings(repo, git):
    project = repo()
    edit(project / "manual" / "processes" / "nurture.md", "# Email nurture", "# Email nurture, revised")
    commit(git, project)
    assert pairs(project) == {
        ("stale-review", "processes/nurture.md"),
        ("activity-only", "processes/nurture.md"),
        ("kpi-declining", "processes/nurture.md"),
        ("unknown-reference", "processes/nurture.md"),
        ("waiver-expired", "processes/nurture.md"),
    }


def test_a_new_snapshot_keeps_the_kpis_with_rows_in_it(repo, git):
    project = repo()
    # November for webinars only: SQL rate 24 / 120 = 0.20 (target >= 0.25), cost per SQL 9000 / 24 = 375
    (project / "data" / "snapshots" / "2026-11.csv").write_text(
        "channel,content,persona,stage,leads,mqls,sqls,pipeline,cost,emails_sent\n"
        "webinar,wb-zero-trust,it-director,awareness,350,120,24,250000,9000,\n", encoding="utf-8")
    commit(git, project)
    code, output = check(project, "--changed-since", "main", "--format", "json")
    report = json.loads(output)
    assert {(f["rule"], f["subject"], f["line"]) for f in report["findings"]} == {
        ("kpi-below-target", "channel/webinar", 6),
        ("kpi-declining", "channel/webinar", 6),
        ("kpi-declining", "processes/lead-handoff.md", 9),  # the webinar KPI; the paid-social one (line 12) stays out
    }
    # lead-handoff's webinar KPI misses its target too, silenced by its waiver: still in scope, counted as waived
    assert {(f["rule"], f["subject"], f["line"]) for f in report["waived"]} == {
        ("kpi-below-target", "processes/lead-handoff.md", 9)}
    # paid-social's KPIs (no rows in November) and every non-KPI finding stay out
    code, output = check(project, "--changed-since", "main")
    assert output.endswith("0 errors, 3 warnings, 0 info, 1 waived (as of 2026-11-20; limited to 1 changed file)\n")


def test_a_changed_snapshot_keeps_every_kpi_with_rows_in_its_period(repo, git):
    project = repo()
    edit(project / "data" / "snapshots" / "2026-09.csv", "email,,cfo,decision,40,10,1,,,11000",
         "email,,cfo,decision,40,10,1,,,11500")
    commit(git, project)
    assert pairs(project) == {
        ("kpi-declining", "channel/webinar"),
        ("kpi-below-target", "channel/paid-social"),
        ("kpi-declining", "channel/paid-social"),
        ("kpi-declining", "processes/lead-handoff.md"),
        ("kpi-declining", "processes/nurture.md"),
    }


def test_a_changed_catalog_keeps_its_entities_and_references_to_its_kind(repo, git):
    project = repo()
    edit(project / "data" / "channels.yaml", "  budget: 8000", "  budget: 9000")
    commit(git, project)
    assert pairs(project) == {
        ("kpi-declining", "channel/webinar"),
        ("kpi-below-target", "channel/paid-social"),
        ("kpi-declining", "channel/paid-social"),
        # 'email' is used as a channel but channels.yaml does not define it: the change is the place to fix it
        ("unknown-reference", "processes/nurture.md"),
        ("unknown-reference", "data/snapshots/2026-08.csv"),
    }


def test_retiring_an_asset_shows_the_coverage_gaps_it_opens(repo, git):
    project = repo()
    edit(project / "data" / "content.yaml", "  channels: [paid-social]\n  owner: ana\n  status: live",
         "  channels: [paid-social]\n  owner: ana\n  status: retired")
    commit(git, project)
    code, output = check(project, "--changed-since", "main", "--format", "json")
    found = {(f["rule"], f["subject"], f.get("values", {}).get("stage")) for f in json.loads(output)["findings"]}
    assert found == {
        ("content-expired", "content/wb-zero-trust", None),
        ("coverage-gap", "persona/cfo", "decision"),
        ("coverage-gap", "persona/it-director", "decision"),
        # cfo x awareness was a gap before and is no cell of a changed asset: not this change's business
    }


def test_a_new_plan_concerns_the_channels_it_names(repo, git):
    project = repo()
    # webinar 2026-Q4: to date 2026-10 (1 of 3 months), planned 12,000 / 3 = 4,000, spent 8,000: +100%
    (project / "data" / "plan.yaml").write_text("- period: 2026-Q4\n  channel: webinar\n  spend: 12000\n",
                                                encoding="utf-8")
    commit(git, project)
    assert pairs(project) == {("off-plan", "channel/webinar"), ("kpi-declining", "channel/webinar")}


def test_uncommitted_and_untracked_changes_count(repo):
    project = repo()
    edit(project / "manual" / "index.md", "# Small manual", "# Small manual (draft)")
    (project / "manual" / "new-page.md").write_text("---\nowner: ana\n---\n# New\n", encoding="utf-8")
    assert pairs(project) == {
        ("missing-owner", "index.md"), ("missing-review", "index.md"), ("missing-review", "new-page.md"),
    }


def test_a_config_change_keeps_everything(repo, git):
    project = repo()
    edit(project / "mkdocs.yml", "due_soon: 14d", "due_soon: 21d")
    commit(git, project)
    code, output = check(project, "--format", "json", "--fail-on", "never")
    everything = {(f["rule"], f["subject"]) for f in json.loads(output)["findings"]}
    assert pairs(project) == everything
    assert len(everything) == 14


def test_a_project_in_a_subfolder_of_the_repository(repo, git):
    project = repo(subdir="handbook")
    edit(project.parent / "README.md", "A repository", "The repository")  # outside the project: ignored
    edit(project / "data" / "people.yaml", "- id: ana\n", "- id: ana-silva\n")  # renamed: every 'owner: ana' breaks
    commit(git, project.parent)
    code, output = check(project, "--changed-since", "main", "--format", "json")
    assert json.loads(output)["changed_files"] == ["data/people.yaml"]
    assert pairs(project) == {
        ("unknown-reference", "channel/webinar"), ("unknown-reference", "content/wb-zero-trust"),
        ("unknown-reference", "content/roi-calculator"), ("unknown-reference", "persona/it-director"),
        ("unknown-reference", "persona/cfo"), ("unknown-reference", "processes/nurture.md"),
    }


def test_markdown_says_the_report_is_limited(repo, git):
    project = repo()
    edit(project / "manual" / "index.md", "# Small manual", "# Small manual, again")
    commit(git, project)
    code, output = check(project, "--changed-since", "main", "--format", "markdown")
    assert "Limited to 1 changed file: manual/index.md." in output
    assert "| 🟠 warning | 2 |" in output


def test_only_files_opsmanual_reads_are_counted(repo, git):
    project = repo()
    (project / "notes.txt").write_text("not part of the manual\n", encoding="utf-8")
    (project / "data" / "README.md").write_text("about the data\n", encoding="utf-8")
    commit(git, project)
    code, output = check(project, "--changed-since", "main")
    assert output.endswith("(as of 2026-11-20; limited to 0 changed files)\n")


@pytest.mark.parametrize(("ref", "message"), [
    ("no-such-branch", "'no-such-branch' is not a commit, branch or tag in this repository"),
    ("--help", "'--help' is not a git ref"),
])
def test_a_bad_ref_is_a_usage_error(repo, ref, message):
    project = repo()
    code, output = check(project, "--changed-since", ref)
    assert code == 2
    assert f"Error: Invalid value for '--changed-since': {message}" in output
    assert "Traceback" not in output


def test_unrelated_history_is_a_usage_error(repo, git):
    project = repo()
    git(project, "switch", "-q", "--orphan", "other")
    (project / "x.txt").write_text("x\n", encoding="utf-8")
    commit(git, project, "unrelated")
    git(project, "switch", "-q", "change")
    code, output = check(project, "--changed-since", "other")
    assert code == 2
    assert "have no common history; fetch the full history" in output


def test_outside_a_git_repository_is_a_usage_error(tmp_path):
    project = tmp_path / "plain"
    project.mkdir()
    code, output = check(project, "--changed-since", "main")
    assert code == 2
    assert f"Error: Invalid value for '--changed-since': {project} is not in a git checkout" in output


# --- the pure core, without git ---------------------------------------------------------------


@pytest.fixture
def judged(small: Path):
    project = load_project(small)
    return project, judge(project, AS_OF)


def test_limit_to_a_changed_metric_catalog_keeps_every_kpi_and_activity_only(judged):
    project, judgement = judged
    limited = limit_to_change(judgement, project, ["data/metrics.yaml"])
    kept = {(f.rule, f.subject) for f in limited.findings}
    assert kept == {
        ("kpi-declining", "channel/webinar"), ("kpi-below-target", "channel/paid-social"),
        ("kpi-declining", "channel/paid-social"), ("kpi-declining", "processes/lead-handoff.md"),
        ("kpi-declining", "processes/nurture.md"), ("activity-only", "processes/nurture.md"),
    }
    assert limited.counts() == {"error": 0, "warning": 6, "info": 0}
    assert limited.changed_files == ("data/metrics.yaml",)
    assert judgement.changed_files is None  # the input is untouched
    assert render_text(limited).endswith("(as of 2026-11-20; limited to 1 changed file)\n")
    assert "Limited to 1 changed file: data/metrics.yaml." in render_markdown(limited)


def test_limit_to_nothing_keeps_nothing(judged):
    project, judgement = judged
    limited = limit_to_change(judgement, project, [])
    assert limited.findings == () and limited.waived == ()
    assert "No findings in what this change touches." in render_markdown(limited)


@pytest.mark.parametrize(("path", "kind"), [
    ("mkdocs.yml", (FileKind.CONFIG, None)),
    ("manual/processes/nurture.md", (FileKind.PAGE, None)),
    ("manual/img/logo.png", (FileKind.OTHER, None)),
    ("data/people.yaml", (FileKind.CATALOG, "people")),
    ("data/personas/it-director.yaml", (FileKind.CATALOG, "personas")),
    ("data/content/webinars/wb-zero-trust.yml", (FileKind.CATALOG, "content")),
    ("data/metrics.yaml", (FileKind.METRICS, None)),
    ("data/plan.yaml", (FileKind.PLAN, None)),
    ("data/plan/2026.yaml", (FileKind.OTHER, None)),
    ("data/snapshots/2026-10.csv", (FileKind.SNAPSHOT, None)),
    ("data/snapshots/old/2026-10.csv", (FileKind.OTHER, None)),
    ("data/notes.yaml", (FileKind.OTHER, None)),
    ("README.md", (FileKind.OTHER, None)),
])
def test_classify(judged, path, kind):
    project, _judgement = judged
    assert classify(project, path) == kind
