"""Installable where a manual lives, each tried from a scratch repository that is not this one:
a wheel from a git URL and tag, the composite GitHub Action (action.yml), the pre-commit hook."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import SOURCE, __version__

from ..projects import FIXTURES, git_env
from .conftest import ROOT, load_yaml12

ACTION = ROOT / "action.yml"
TAG = f"v{__version__}"


def git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def env(home: Path) -> dict[str, str]:
    return {**os.environ, **git_env(home), "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """This repository as a release: its committed HEAD cloned elsewhere and tagged v<version>."""
    clone = tmp_path_factory.mktemp("release") / "opsmanual"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], env=env, check=True,
                   capture_output=True)
    git(clone, "tag", TAG, env=env)
    return clone


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, released: Path, env: dict[str, str]) -> Path:
    """opsmanual pip-installed from ``git+file://...@<tag>`` into a folder of its own (no dependencies:
    this interpreter has them; the point is what the git URL and tag deliver)."""
    target = tmp_path_factory.mktemp("target")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
         "--target", str(target), f"opsmanual @ git+file://{released}@{TAG}"],
        env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return target


def scratch_manual(root: Path, env: dict[str, str]) -> Path:
    """A manual's own repository: the small fixture at its root, committed on main."""
    shutil.copytree(FIXTURES / "small", root)
    git(root, "init", "-q", "-b", "main", env=env)
    git(root, "add", "-A", env=env)
    git(root, "commit", "-q", "-m", "manual", env=env)
    return root


def run_installed(target: Path, args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    run_env = {**env, "PYTHONPATH": str(target), "PATH": f"{target / 'bin'}{os.pathsep}{env['PATH']}"}
    return subprocess.run(args, cwd=cwd, env=run_env, capture_output=True, text=True, timeout=300)


def test_a_wheel_installs_from_the_git_url_and_tag(installed: Path, released: Path, tmp_path: Path,
                                                  env: dict[str, str]) -> None:
    assert (installed / "bin" / "opsmanual").is_file()
    wheel_files = {p.relative_to(installed).as_posix() for p in (installed / "generator").rglob("*.py")}
    source_files = {p.relative_to(released).as_posix() for p in (released / "generator").rglob("*.py")}
    assert wheel_files == source_files  # every module of the package is in the wheel
    manual = scratch_manual(tmp_path / "manual", env)
    done = run_installed(installed, ["opsmanual", "--version"], manual, env)
    assert done.stdout.strip() == f"opsmanual, version {__version__}"
    done = run_installed(installed, [sys.executable, "-c", "import generator; print(generator.__file__)"], manual, env)
    assert done.stdout.strip().startswith(str(installed))  # the installed copy, not this checkout
    done = run_installed(installed, ["opsmanual", "check", ".", "--as-of", "2026-11-20"], manual, env)
    assert done.returncode == 1 and "2 errors, 12 warnings" in done.stdout, done.stderr


def test_the_action_is_a_valid_composite_action() -> None:
    from .test_pipelines import check_jsonschema

    done = check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr
    action = load_yaml12(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    text = ACTION.read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text))
    assert used == set(action["inputs"]), "every input is used, and only inputs that exist"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "expressions reach run: only through env (no injection)"
        else:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"])
    assert f"uses: {SOURCE}@{TAG}" in text


def _expand(value: str, context: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: context[m.group(1)], value)


def test_the_action_steps_run_in_a_pull_request_of_a_scratch_repository(tmp_path: Path, env: dict[str, str],
                                                                        released: Path) -> None:
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], env=env, check=True)
    manual = scratch_manual(tmp_path / "manual", env)
    git(manual, "remote", "add", "origin", str(origin), env=env)
    git(manual, "push", "-q", "origin", "main", env=env)
    git(manual, "checkout", "-q", "-b", "change", env=env)
    page = manual / "manual" / "processes" / "lead-handoff.md"
    page.write_text(page.read_text(encoding="utf-8").replace("\nreviewed:", "\nreviewd:", 1), encoding="utf-8")
    git(manual, "commit", "-qam", "typo", env=env)
    action = load_yaml12(ACTION.read_text(encoding="utf-8"))
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()} | {"as-of": "2026-11-20"}
    context = {f"inputs.{k}": str(v) for k, v in inputs.items()} | {
        "github.action_path": str(released), "github.event_name": "pull_request", "github.base_ref": "main"}
    runner_python = tmp_path / "runner"  # what actions/setup-python gives the job: a Python without opsmanual
    subprocess.run([sys.executable, "-m", "venv", str(runner_python)], check=True, env=env, timeout=300)
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs"
    runner = {**env, "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs),
              "PATH": f"{runner_python / 'bin'}{os.pathsep}{env['PATH']}"}
    runner.pop("PYTHONPATH", None)
    runner.pop("VIRTUAL_ENV", None)
    results = []
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue  # actions/setup-python: the runner's Python is this one
        step_env = {**runner, **{k: _expand(str(v), context) for k, v in step.get("env", {}).items()}}
        results.append(subprocess.run(["bash", "-e", "-c", step["run"]], cwd=manual, env=step_env,
                                      capture_output=True, text=True, timeout=600))
    install, check = results
    assert install.returncode == 0, install.stderr
    assert (runner_python / "bin" / "opsmanual").is_file()
    # The typo makes the input unreadable: exit 2, an error annotation at the page's line.
    assert check.returncode == 2, check.stdout + check.stderr
    assert "manual/processes/lead-handoff.md:4: unknown key 'reviewd'" in check.stderr
    assert outputs.read_text() == "exit-code=2\n"
    page.write_text(page.read_text(encoding="utf-8").replace("\nreviewd:", "\nreviewed:", 1).replace(
        "reviewed: 2026-", "reviewed: 2025-", 1), encoding="utf-8")
    git(manual, "commit", "-qam", "an old review", env=env)
    outputs.write_text("")
    step = action["runs"]["steps"][-1]
    step_env = {**runner, **{k: _expand(str(v), context) for k, v in step.get("env", {}).items()}}
    check = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=manual, env=step_env, capture_output=True,
                           text=True, timeout=600)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "::warning file=manual/processes/lead-handoff.md" in check.stdout
    assert "file=manual/processes/nurture.md" not in check.stdout  # only what the pull request changed
    assert "Limited to 1 changed file: manual/processes/lead-handoff.md." in summary.read_text()
    assert outputs.read_text() == "exit-code=0\n"


def test_the_pre_commit_hook_runs_from_the_tag_in_a_scratch_repository(tmp_path: Path, env: dict[str, str],
                                                                       released: Path) -> None:
    manual = scratch_manual(tmp_path / "manual", env)
    config = manual / ".pre-commit-config.yaml"
    hook_env = {**env, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    hook_env.pop("VIRTUAL_ENV", None)

    def run(args: str) -> subprocess.CompletedProcess[str]:
        config.write_text(f"repos:\n  - repo: file://{released}\n    rev: {TAG}\n    hooks:\n"
                          f"      - id: opsmanual-check\n        args: [--as-of, '2026-11-20'{args}]\n")
        return subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "run", "--all-files"], cwd=manual,
                              env=hook_env, capture_output=True, text=True, timeout=900)

    failed = run("")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "opsmanual check" in failed.stdout and "Failed" in failed.stdout
    assert "2 errors, 12 warnings" in failed.stdout  # the hook judged the manual with the tagged opsmanual
    passed = run(", --fail-on, never")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_the_workflows_init_writes_are_valid_and_use_the_tag(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli.main import cli

    from .test_pipelines import check_jsonschema

    result = CliRunner().invoke(cli, ["init", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    flows = sorted((tmp_path / "m" / ".github" / "workflows").glob("*.yml"))
    assert [f.name for f in flows] == ["manual-check.yml", "manual-publish.yml"]
    done = check_jsonschema("vendor.github-workflows", *flows)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"uses: {SOURCE}@{TAG}" in flows[0].read_text()
    assert f"git+https://github.com/{SOURCE}@{TAG}" in flows[1].read_text()
