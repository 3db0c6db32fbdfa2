"""Every report format, through the CLI: exact text, JSON shape, JUnit XML, GitHub annotations, Markdown."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from generator.cli.main import cli

from .builders import FIXTURES, page

# Five findings on two pages, with characters each format must escape: a comma in a file name,
# a pipe in a KPI's slice, and %, :, *, | in a waiver's reason.
FILES = {
    "manual/index.md": page("owner: nobody"),
    "manual/faq, part 1.md": page(
        "owner: ana\nreviewed: 2026-08-25\nkpis:\n  - metric: sqls\n    where: {channel: [webinar, paid-social]}\n"
        "    target: '>= 5'\nwaive:\n  - rule: stale-review\n    until: 2026-11-01\n"
        "    reason: '100% rewrite: see a|b, then *ship* it'"
    ),
    "data/snapshots/2026-10.csv": "channel,sqls\nwebinar,2\npaid-social,1\n",
}
WAIVER_MESSAGE = (
    "The waiver of stale-review ended on 2026-11-01 (19 days ago; reason was: 100% rewrite: see a|b, then "
    "*ship* it). Review the section, then remove the waiver or extend it."
)


@pytest.fixture
def report(make_project):
    root = make_project(FILES)

    def run(fmt: str, *args: str):
        result = CliRunner().invoke(
            cli, ["check", str(root), "--as-of", "2026-11-20", "--format", fmt, *args], catch_exceptions=False
        )
        assert result.stderr == ""
        return result

    return run


def test_text(report):
    result = report("text")
    assert result.exit_code == 1
    assert result.stdout == (
        "manual/faq, part 1.md\n"
        "     3  info     review-due             Review due 2026-11-23 (in 3 days).  [ana]\n"
        "     5  warning  kpi-below-target       SQLs (channel=webinar|paid-social) 3 in 2026-10 vs target >= 5.  [ana]\n"
        f"     9  warning  waiver-expired         {WAIVER_MESSAGE}  [ana]\n"
        "\n"
        "manual/index.md\n"
        "     1  warning  missing-review         No review recorded: add 'reviewed: YYYY-MM-DD' once someone has "
        "reviewed this page.  [nobody]\n"
        "     2  error    unknown-reference      Unknown owner 'nobody': it is not in data/people.yaml.\n"
        "\n"
        "1 error, 3 warnings, 1 info (as of 2026-11-20)\n"
    )


def test_text_without_findings(make_project):
    result = CliRunner().invoke(cli, ["check", str(make_project()), "--as-of", "2026-11-20"])
    assert (result.exit_code, result.stdout) == (0, "0 errors, 0 warnings, 0 info (as of 2026-11-20)\n")


def test_json_shape(report):
    data = json.loads(report("json").stdout)
    assert list(data) == ["as_of", "findings", "counts", "waived"]
    assert data["as_of"] == "2026-11-20"
    assert data["counts"] == {"error": 1, "warning": 3, "info": 1}
    assert data["waived"] == []
    for finding in data["findings"]:
        assert list(finding)[:7] == ["rule", "severity", "file", "line", "subject", "owner", "message"]
        assert set(finding) <= {"rule", "severity", "file", "line", "subject", "owner", "message", "kpi", "values"}
    assert [(f["rule"], f["severity"], f["file"], f["line"], f["subject"], f["owner"]) for f in data["findings"]] == [
        ("review-due", "info", "manual/faq, part 1.md", 3, "faq, part 1.md", "ana"),
        ("kpi-below-target", "warning", "manual/faq, part 1.md", 5, "faq, part 1.md", "ana"),
        ("waiver-expired", "warning", "manual/faq, part 1.md", 9, "faq, part 1.md", "ana"),
        ("missing-review", "warning", "manual/index.md", 1, "index.md", "nobody"),
        ("unknown-reference", "error", "manual/index.md", 2, "index.md", None),
    ]
    kpi = data["findings"][1]
    assert (kpi["kpi"], kpi["values"]) == (
        "sqls",
        {
            "metric": "sqls",
            "slice": {"channel": ["webinar", "paid-social"]},
            "period": "2026-10",
            "value": 3.0,
            "target": ">= 5",
            "streak": 1,
        },
    )
    assert "kpi" not in data["findings"][0]
    assert "values" not in data["findings"][3]


def test_json_lists_waived_findings(make_project):
    text = page(
        "owner: ana\nreviewed: 2025-01-01\nwaive:\n  - rule: stale-review\n    until: 2026-12-31\n    reason: R"
    )
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(make_project({"manual/index.md": text})),
            "--as-of",
            "2026-11-20",
            "--format",
            "json",
            "--fail-on",
            "warning",
        ],
    )
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert (data["findings"], data["counts"]) == ([], {"error": 0, "warning": 0, "info": 0})
    assert [(f["rule"], f["subject"]) for f in data["waived"]] == [("stale-review", "index.md")]


@pytest.mark.parametrize(
    ("fail_on", "failures", "out"),
    [
        ("error", [[], ["unknown-reference"]], [3, 1]),
        ("warning", [["kpi-below-target", "waiver-expired"], ["missing-review", "unknown-reference"]], [1, 0]),
        (
            "info",
            [["review-due", "kpi-below-target", "waiver-expired"], ["missing-review", "unknown-reference"]],
            [0, 0],
        ),
        ("never", [[], []], [3, 2]),
    ],
)
def test_junit(report, fail_on, failures, out):
    root = ET.fromstring(report("junit", "--fail-on", fail_on).stdout.encode())
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [(c.get("name"), c.get("classname"), c.get("file"), c.get("line")) for c in cases] == [
        ("faq, part 1.md", "manual/faq, part 1.md", "manual/faq, part 1.md", "3"),
        ("index.md", "manual/index.md", "manual/index.md", "1"),
    ]
    assert suite.get("tests") == root.get("tests") == "2"  # one testcase per subject
    assert suite.get("failures") == root.get("failures") == str(sum(len(f) for f in failures))
    assert [[f.get("type") for f in c.findall("failure")] for c in cases] == failures
    system_out = [c.findtext("system-out") for c in cases]
    assert [len(text.splitlines()) if text else 0 for text in system_out] == out
    if fail_on == "warning":
        failure = cases[0].find("failure")
        assert failure.get("message") == "SQLs (channel=webinar|paid-social) 3 in 2026-10 vs target >= 5."
        assert failure.text == (
            "manual/faq, part 1.md:5 warning kpi-below-target: "
            "SQLs (channel=webinar|paid-social) 3 in 2026-10 vs target >= 5."
        )


def test_junit_one_testcase_per_subject_on_the_small_fixture():
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / "small"), "--format", "junit"])
    root = ET.fromstring(result.stdout.encode())
    names = [c.get("name") for c in root.iter("testcase")]
    assert names == sorted(set(names), key=names.index)  # no subject twice
    assert sorted(names) == sorted(
        [
            "channel/paid-social",
            "channel/webinar",
            "content/wb-zero-trust",
            "persona/cfo",
            "data/snapshots/2026-08.csv",
            "index.md",
            "processes/lead-handoff.md",
            "processes/nurture.md",
        ]
    )


def test_github(report):
    assert report("github").stdout.splitlines() == [
        "::notice file=manual/faq%2C part 1.md,line=3,title=review-due%3A faq%2C part 1.md::"
        "Review due 2026-11-23 (in 3 days).",
        "::warning file=manual/faq%2C part 1.md,line=5,title=kpi-below-target%3A faq%2C part 1.md::"
        "SQLs (channel=webinar|paid-social) 3 in 2026-10 vs target >= 5.",
        "::warning file=manual/faq%2C part 1.md,line=9,title=waiver-expired%3A faq%2C part 1.md::"
        + WAIVER_MESSAGE.replace("100%", "100%25"),
        "::warning file=manual/index.md,line=1,title=missing-review%3A index.md::"
        "No review recorded: add 'reviewed: YYYY-MM-DD' once someone has reviewed this page.",
        "::error file=manual/index.md,line=2,title=unknown-reference%3A index.md::"
        "Unknown owner 'nobody': it is not in data/people.yaml.",
        "1 error, 3 warnings, 1 info (as of 2026-11-20)",
    ]


def test_github_escapes_newlines(make_project):
    text = page(
        "owner: ana\nreviewed: 2026-11-01\nwaive:\n  - rule: stale-review\n    until: 2026-11-01\n"
        "    reason: |\n      line one\n      line two"
    )
    result = CliRunner().invoke(
        cli, ["check", str(make_project({"manual/index.md": text})), "--as-of", "2026-11-20", "--format", "github"]
    )
    (annotation, summary) = result.stdout.splitlines()
    assert annotation.startswith("::warning file=manual/index.md,line=5,title=waiver-expired%3A index.md::")
    assert "reason was: line one%0Aline two). Review" in annotation


def test_markdown(report):
    lines = report("markdown").stdout.splitlines()
    assert lines[:8] == [
        "## opsmanual check, as of 2026-11-20",
        "",
        "| severity | count |",
        "| --- | ---: |",
        "| 🔴 error | 1 |",
        "| 🟠 warning | 3 |",
        "| 🔵 info | 1 |",
        "",
    ]
    table = lines[lines.index("| | rule | where | subject | owner | message |") :]
    assert table[2:] == [
        "| 🔵 | `review-due` | manual/faq, part 1.md:3 | faq, part 1.md | ana | Review due 2026-11-23 (in 3 days). |",
        "| 🟠 | `kpi-below-target` | manual/faq, part 1.md:5 | faq, part 1.md | ana | "
        "SQLs (channel=webinar\\|paid-social) 3 in 2026-10 vs target >= 5. |",
        "| 🟠 | `waiver-expired` | manual/faq, part 1.md:9 | faq, part 1.md | ana | "
        "The waiver of stale-review ended on 2026-11-01 (19 days ago; reason was: 100% rewrite: see a\\|b, then "
        "\\*ship\\* it). Review the section, then remove the waiver or extend it. |",
        "| 🟠 | `missing-review` | manual/index.md:1 | index.md | nobody | "
        "No review recorded: add 'reviewed: YYYY-MM-DD' once someone has reviewed this page. |",
        "| 🔴 | `unknown-reference` | manual/index.md:2 | index.md | — | "
        "Unknown owner 'nobody': it is not in data/people.yaml. |",
    ]
    # every row has the same number of unescaped cell separators
    for row in table:
        assert row.replace("\\|", "").count("|") == 7


def test_markdown_without_findings(make_project):
    result = CliRunner().invoke(cli, ["check", str(make_project()), "--as-of", "2026-11-20", "--format", "markdown"])
    assert result.stdout.splitlines()[-1] == "No findings: every section is owned, reviewed and on target."
