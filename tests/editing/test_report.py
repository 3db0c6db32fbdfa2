"""``opsmanual report``: each owner's digest, most urgent first; the pure renderer and the thin command."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.model.entities import Person, Source
from generator.model.findings import Finding, Severity
from generator.report.digest import DIGEST_FORMATS, RULE_URGENCY, build_digest, render_markdown, render_text
from generator.report.places import Place
from generator.rules.engine import Judgement
from generator.rules.registry import RULES

from ..projects import FIXTURES
from .conftest import run

SMALL = FIXTURES / "small"
DAY = date(2026, 11, 20)
PEOPLE = {
    "ana": Person("ana", "Ana Silva", Source("data/people.yaml", 1), email="ana@acme.example"),
    "revops": Person("revops", "Revenue Operations", Source("data/people.yaml", 4)),
}


def finding(rule: str, severity: Severity, owner: str | None, file: str = "manual/a.md", line: int = 1) -> Finding:
    return Finding(rule, severity, file, line, file.removeprefix("manual/"), owner, f"{rule} in {file}")


def judgement(*findings: Finding) -> Judgement:
    return Judgement(DAY, tuple(findings), (), ())


def test_every_rule_has_an_urgency() -> None:
    assert sorted(RULE_URGENCY) == sorted(RULES)


def test_severity_first_then_rule_urgency_then_file() -> None:
    digest = build_digest(
        judgement(
            finding("review-due", Severity.INFO, "ana"),
            finding("coverage-gap", Severity.WARNING, "ana", "data/personas.yaml", 3),
            finding("stale-review", Severity.WARNING, "ana", "manual/b.md"),
            finding("stale-review", Severity.WARNING, "ana", "manual/a.md", 9),
            finding("kpi-below-target", Severity.WARNING, "ana", "manual/z.md"),
            finding("unknown-reference", Severity.ERROR, "ana", "manual/z.md"),
            finding("coverage-gap", Severity.ERROR, "ana"),  # configured as an error: before every warning
        ),
        PEOPLE,
    )
    assert [(f.severity.label, f.rule, f.file) for f in digest.groups[0].findings] == [
        ("error", "unknown-reference", "manual/z.md"),
        ("error", "coverage-gap", "manual/a.md"),
        ("warning", "kpi-below-target", "manual/z.md"),
        ("warning", "stale-review", "manual/a.md"),
        ("warning", "stale-review", "manual/b.md"),
        ("warning", "coverage-gap", "data/personas.yaml"),
        ("info", "review-due", "manual/a.md"),
    ]


def test_owners_by_their_most_urgent_finding_and_unowned_last() -> None:
    digest = build_digest(
        judgement(
            finding("missing-owner", Severity.ERROR, None),
            finding("stale-review", Severity.WARNING, "ana"),
            finding("kpi-below-target", Severity.WARNING, "revops"),
            finding("review-due", Severity.INFO, "nobody"),  # an owner id missing from people.yaml
        ),
        PEOPLE,
    )
    assert [g.owner for g in digest.groups] == ["revops", "ana", "nobody", None]
    assert [g.name for g in digest.groups] == ["Revenue Operations", "Ana Silva", "nobody", "Without an owner"]


def test_ties_go_to_more_findings_then_people_order() -> None:
    digest = build_digest(
        judgement(
            finding("stale-review", Severity.WARNING, "revops"),
            finding("stale-review", Severity.WARNING, "ana"),
            finding("stale-review", Severity.WARNING, "revops", "manual/b.md"),
        ),
        PEOPLE,
    )
    assert [g.owner for g in digest.groups] == ["revops", "ana"]
    digest = build_digest(judgement(finding("stale-review", Severity.WARNING, "revops"),
                                    finding("stale-review", Severity.WARNING, "ana")), PEOPLE)
    assert [g.owner for g in digest.groups] == ["ana", "revops"]


def test_one_owner_only() -> None:
    digest = build_digest(judgement(finding("stale-review", Severity.WARNING, "ana"),
                                    finding("stale-review", Severity.WARNING, "revops")), PEOPLE, owner="revops")
    assert [(g.owner, len(g.findings)) for g in digest.groups] == [("revops", 1)]


def test_nothing_to_act_on() -> None:
    assert render_text(build_digest(judgement(), PEOPLE)) == (
        "What to act on, as of 2026-11-20: Nothing to act on: every section is owned, reviewed and on target.\n"
    )
    assert render_text(build_digest(judgement(), PEOPLE, owner="ana")) == (
        "What Ana Silva should act on, as of 2026-11-20: Nothing to act on: everything they own is healthy.\n"
    )


def test_markdown_links_to_the_source_and_escapes_values() -> None:
    bad = Finding("stale-review", Severity.WARNING, "manual/a b.md", 3, "a b.md", "ana",
                  "Review *now* | <b> &amp; target >= 5 & <= 9")
    digest = build_digest(judgement(bad), PEOPLE, edit_url="https://git.example/m/edit/main/manual/",
                          docs_dir="manual")
    assert render_markdown(digest) == (
        "## What to act on, as of 2026-11-20\n"
        "\n"
        "1 warning for 1 owner, most urgent first.\n"
        "\n"
        "### Ana Silva\n"
        "\n"
        "`ana` · ana@acme.example · 1 warning\n"
        "\n"
        "1. 🟠 **Review overdue** · a b.md · [`manual/a b.md:3`](https://git.example/m/edit/main/manual/a%20b.md)  \n"
        "   Review \\*now\\* \\| &lt;b> &amp;amp; target >= 5 & <= 9\n"
    )


def test_data_files_link_beside_the_docs_dir() -> None:
    digest = build_digest(judgement(finding("coverage-gap", Severity.WARNING, "ana", "data/personas.yaml", 4)),
                          PEOPLE, edit_url="https://git.example/m/edit/main/manual/", docs_dir="manual")
    assert digest.link(digest.groups[0].findings[0]) == "https://git.example/m/edit/main/data/personas.yaml"


# --- the command -------------------------------------------------------------------------------


def test_report_one_owner_as_text() -> None:
    result = run("report", SMALL, "--owner", "revops", "--format", "text")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == (
        "What Revenue Operations should act on, as of 2026-11-20: 3 warnings, most urgent first.\n"
        "\n"
        "Revenue Operations (revops) <revops@small.example>: 3 warnings\n"
        "  - [warning] Below target: Paid social (channel) · data/channels.yaml:12\n"
        "    Cost per SQL (channel=paid-social) $600 in 2026-10 vs target <= $300.\n"
        "  - [warning] Declining: Paid social (channel) · data/channels.yaml:12\n"
        "    Cost per SQL (channel=paid-social) rose 140% over the last 3 periods (2026-08 to 2026-10).\n"
        "  - [warning] Declining: Lead handoff to sales · manual/processes/lead-handoff.md:12\n"
        "    MQL to SQL rate (channel=paid-social) fell 38% over the last 3 periods (2026-08 to 2026-10).\n"
    )


def test_report_every_owner_most_urgent_first_as_json() -> None:
    result = run("report", SMALL, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-11-20"
    assert data["counts"] == {"error": 2, "warning": 12, "info": 0}
    assert [(g["owner"], g["counts"]["error"], len(g["findings"])) for g in data["owners"]] == [
        ("ana", 1, 8), ("revops", 0, 3), (None, 1, 3),
    ]
    ana = data["owners"][0]["findings"]
    assert [f["rule"] for f in ana] == [
        "unknown-reference", "waiver-expired", "kpi-declining", "kpi-declining", "stale-review", "content-expired",
        "activity-only", "coverage-gap",
    ]
    assert [f["rule"] for f in data["owners"][2]["findings"]] == ["unknown-reference", "missing-owner", "missing-review"]


def test_a_subject_is_named_by_its_title_and_linked_to_the_site() -> None:
    bad = Finding("kpi-below-target", Severity.WARNING, "manual/a b.md", 3, "a b.md", "ana", "SQLs 3 vs target >= 5.")
    places = {"a b.md": Place("Lead handoff <fast>", None, "https://handbook.example/a%20b/")}
    digest = build_digest(judgement(bad), PEOPLE, places=places)
    assert "  - [warning] Below target: Lead handoff <fast> · manual/a b.md:3\n" in render_text(digest)
    assert "    SQLs 3 vs target >= 5.\n    See: https://handbook.example/a%20b/\n" in render_text(digest)
    assert ("1. 🟠 **Below target** · [Lead handoff &lt;fast>](https://handbook.example/a%20b/) · `manual/a b.md:3`  \n"
            "   SQLs 3 vs target >= 5.\n") in render_markdown(digest)
    found = json.loads(DIGEST_FORMATS["json"](digest))["owners"][0]["findings"][0]
    assert (found["title"], found["kind"], found["url"]) == ("Lead handoff <fast>", None, "https://handbook.example/a%20b/")


def test_report_links_each_subject_to_the_site_when_site_url_is_set(small: Path) -> None:
    config = small / "mkdocs.yml"
    config.write_text("site_url: https://handbook.example/ops\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    text = run("report", small, "--owner", "revops", "--format", "text").stdout
    assert ("  - [warning] Below target: Paid social (channel) · data/channels.yaml:12\n"
            "    Cost per SQL (channel=paid-social) $600 in 2026-10 vs target <= $300.\n"
            "    See: https://handbook.example/ops/channels/#channel-paid-social\n") in text
    assert "    See: https://handbook.example/ops/processes/lead-handoff/\n" in text
    markdown = run("report", small, "--owner", "revops", "--format", "markdown").stdout
    assert "[Lead handoff to sales](https://handbook.example/ops/processes/lead-handoff/)" in markdown
    assert "vs target <= $300." in markdown and "&gt;" not in markdown and "&lt;=" not in markdown


def test_report_on_a_terminal_is_plain_text() -> None:
    """Without --format, a terminal gets text (``>=``, never ``&gt;=``); a pipe gets Markdown."""
    main, child = pty.openpty()
    try:
        done = subprocess.run([str(Path(sys.executable).parent / "opsmanual"), "report", str(SMALL), "--owner", "revops"],
                              stdout=child, stderr=subprocess.PIPE, timeout=120, check=False)
        os.close(child)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
    assert done.returncode == 0, done.stderr
    assert shown.decode().replace("\r\n", "\n").startswith(
        "What Revenue Operations should act on, as of 2026-11-20: 3 warnings, most urgent first.\n")
    assert b"vs target <= $300." in shown


def test_report_default_is_markdown_and_as_of_moves_the_clock() -> None:
    result = run("report", SMALL, "--as-of", "2026-12-20")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## What to act on, as of 2026-12-20\n\n")
    assert "### Without an owner\n" in result.stdout


def test_report_is_deterministic() -> None:
    for fmt in DIGEST_FORMATS:
        assert run("report", SMALL, "--format", fmt).stdout == run("report", SMALL, "--format", fmt).stdout


def test_report_with_edit_links(small: Path) -> None:
    config = small / "mkdocs.yml"
    config.write_text("repo_url: https://github.com/acme/manual\nedit_uri: edit/main/manual/\n"
                      + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("report", small, "--owner", "revops", "--format", "text")
    assert "    Edit: https://github.com/acme/manual/edit/main/data/channels.yaml\n" in result.stdout
    assert "    Edit: https://github.com/acme/manual/edit/main/manual/processes/lead-handoff.md\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--owner", "anna"], "Error: unknown owner 'anna': it is not in data/people.yaml (did you mean 'ana'?)\n"),
        (["--format", "html"], "Invalid value for '--format': 'html' is not one of"),
        (["--as-of", "soon"], "Invalid value for '--as-of': 'soon' is not a date"),
    ],
)
def test_report_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run("report", SMALL, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_report_on_an_unreadable_project_lists_the_problems(small: Path) -> None:
    (small / "data/people.yaml").write_text("- id: ana\n", encoding="utf-8")
    result = run("report", small)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: data/people.yaml:1: missing required key 'name' in a people entry (add it)\n"
        "1 problem in the input; nothing was checked.\n"
    )
