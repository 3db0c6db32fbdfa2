"""``opsmanual check`` through click's CliRunner: exit codes, usage errors, input errors, --output, --as-of."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli.main import cli

from .builders import FIXTURES, page

SMALL = str(FIXTURES / "small")

PROJECTS = {
    "clean": {},
    "info-only": {"manual/index.md": page("owner: ana\nreviewed: 2026-08-25")},  # review due 2026-11-23
    "warning-only": {"manual/index.md": page("owner: ana")},
    "error": {"manual/index.md": page("owner: nobody\nreviewed: 2026-11-01")},
}


def invoke(*args: str):
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


@pytest.mark.parametrize(
    ("project", "fail_on", "code"),
    [
        ("clean", None, 0),
        ("clean", "info", 0),
        ("info-only", None, 0),
        ("info-only", "warning", 0),
        ("info-only", "info", 1),
        ("warning-only", None, 0),
        ("warning-only", "warning", 1),
        ("warning-only", "info", 1),
        ("error", None, 1),
        ("error", "error", 1),
        ("error", "warning", 1),
        ("error", "never", 0),
    ],
)
def test_exit_code_follows_fail_on(make_project, project, fail_on, code):
    root = make_project(PROJECTS[project])
    args = [str(root), "--as-of", "2026-11-20"] + (["--fail-on", fail_on] if fail_on else [])
    result = invoke(*args)
    assert result.exit_code == code, result.output
    assert result.stderr == ""


def test_small_fixture_exit_codes():
    assert invoke(SMALL).exit_code == 1  # it has errors (unknown-reference)
    assert invoke(SMALL, "--fail-on", "never").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--as-of", "tomorrow"],
            "Invalid value for '--as-of': 'tomorrow' is not a date; write YYYY-MM-DD, e.g. 2026-11-20",
        ),
        (
            ["--as-of", "2026-02-30"],
            "Invalid value for '--as-of': '2026-02-30' is not a date; write YYYY-MM-DD, e.g. 2026-11-20",
        ),
        (["--as-of"], "Option '--as-of' requires an argument."),
        (["--format", "xml"], "Invalid value for '--format': 'xml' is not one of"),
        (["--fail-on", "loud"], "Invalid value for '--fail-on': 'loud' is not one of"),
        (["--strict"], "No such option"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = invoke(SMALL, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_project_dir_that_is_a_file_is_a_usage_error():
    result = invoke(str(FIXTURES / "small" / "mkdocs.yml"))
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_input_errors_exit_2_listing_every_problem():
    result = invoke(str(FIXTURES / "broken"))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 11
    assert all(line.startswith("Error: ") for line in lines[:-1])
    assert lines[0] == (
        "Error: data/channels.yaml:5: 'at least 10' is not a target; write a comparison and a "
        'number, e.g. ">= 0.25", "<= 400" or ">= 25%"'
    )
    assert lines[7] == "Error: manual/index.md:3: unknown key 'reviewd' in front matter (did you mean 'reviewed'?)"
    assert lines[-1] == "10 problems in the input; nothing was checked."
    assert "Traceback" not in result.output


def test_one_input_error_is_singular(make_project):
    root = make_project({"manual/index.md": "---\nreviewd: 2026-11-01\n---\n"})
    result = invoke(str(root))
    assert (result.exit_code, result.stderr.splitlines()) == (
        2,
        [
            "Error: manual/index.md:2: unknown key 'reviewd' in front matter (did you mean 'reviewed'?)",
            "1 problem in the input; nothing was checked.",
        ],
    )


def test_missing_project_dir(tmp_path):
    result = invoke(str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / 'nowhere'}: the project folder does not exist (pass the folder that holds mkdocs.yml)",
        "1 problem in the input; nothing was checked.",
    ]


def test_output_writes_the_report_to_a_file(tmp_path):
    target = tmp_path / "report.json"
    result = invoke(SMALL, "--format", "json", "-o", str(target))
    assert (result.exit_code, result.stdout) == (1, "")
    assert json.loads(target.read_text(encoding="utf-8"))["as_of"] == "2026-11-20"
    again = tmp_path / "again.json"
    assert invoke(SMALL, "--format", "json", "--output", str(again)).exit_code == 1
    assert again.read_bytes() == target.read_bytes()


def test_as_of_option_overrides_the_config():
    # lead-handoff.md was reviewed 2026-09-14 every 90d: due 2026-12-13.
    def rules_on_lead_handoff(*args: str) -> list[str]:
        report = json.loads(invoke(SMALL, "--format", "json", *args).stdout)
        return [f["rule"] for f in report["findings"] if f["subject"] == "processes/lead-handoff.md"]

    assert rules_on_lead_handoff() == ["kpi-declining"]  # the config pins 2026-11-20
    assert rules_on_lead_handoff("--as-of", "2026-12-01") == ["review-due", "kpi-declining"]
    assert rules_on_lead_handoff("--as-of", "2026-12-14") == ["stale-review", "kpi-declining"]
    report = json.loads(invoke(SMALL, "--format", "json", "--as-of", "2026-12-14").stdout)
    assert report["as_of"] == "2026-12-14"


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "markdown"])
def test_output_is_deterministic(fmt):
    first = invoke(SMALL, "--format", fmt)
    second = invoke(SMALL, "--format", fmt)
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout
    assert first.stdout.endswith("\n")


def test_help_shows_an_example():
    result = CliRunner().invoke(cli, ["check", "--help"])
    assert result.exit_code == 0
    assert "opsmanual check . --as-of 2026-11-20 --format github --fail-on warning" in result.stdout


def test_check_imports_only_what_the_run_needs():
    """A plain ``check --format json`` loads neither git, the atomic writer nor the other report formats."""
    import subprocess
    import sys

    code = ("import sys\nfrom generator.cli.main import main\n"
            f"sys.argv = ['opsmanual', 'check', {SMALL!r}, '--format', 'json', '--fail-on', 'never']\n"
            "try:\n    main(end_process=False)\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('generator.'))), file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(run.stderr.split())
    assert "generator.report.json_report" in loaded and "generator.rules.engine" in loaded
    unneeded = {"generator.vcs", "generator.cli.git", "generator.editing.atomic", "generator.rules.scope",
                "generator.report.junit", "generator.report.markdown", "generator.report.github", "generator.report.text"}
    assert loaded.isdisjoint(unneeded), loaded & unneeded
    assert json.loads(run.stdout)["findings"] is not None


@pytest.mark.parametrize(("fmt", "fail_on", "code"), [("json", "never", 0), ("text", "warning", 1), ("markdown", "info", 1)])
def test_the_console_script_ends_at_once_with_the_same_output_and_code(fmt: str, fail_on: str, code: int) -> None:
    """The console script ends the process without freeing the judged manual (``os._exit``, once the
    output is flushed): what it writes and its exit code are those of the command run in this process."""
    import subprocess
    import sys

    args = ["check", SMALL, "--format", fmt, "--fail-on", fail_on]
    script = ("import atexit, sys\nfrom generator.cli.main import main\n"
              "atexit.register(lambda: print('exit handlers ran', file=sys.stderr))\n"
              f"sys.argv = ['opsmanual', *{args!r}]\nmain()\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    here = CliRunner().invoke(cli, args)
    assert (run.returncode, run.stdout) == (here.exit_code, here.stdout) == (code, here.stdout)
    assert run.stderr == ""  # ended before the exit handlers: nothing freed, nothing run
    failed = subprocess.run([sys.executable, "-c", script.replace(repr(SMALL), repr(SMALL + "-nowhere"))],
                            capture_output=True, text=True)
    assert failed.returncode == 2 and "exit handlers ran" in failed.stderr  # nothing kept: Python's own exit
