"""`opsmanual publish`: versions in mike's layout on gh-pages, each with its findings report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ..projects import git_env


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **git_env(cwd)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def git_repo(project: Path) -> None:
    for args in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-qm", "manual"]):
        assert run(args, project).returncode == 0


def opsmanual(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).with_name("opsmanual"))
    return run([exe, "publish", ".", "--as-of", "2026-11-20", *args], project)


def show(project: Path, path: str) -> str:
    result = run(["git", "show", f"gh-pages:{path}"], project)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_publish_two_versions_with_alias_and_report(small: Path) -> None:
    git_repo(small)
    first = opsmanual(small, "--version", "2026.10", "--title", "October 2026")
    assert first.returncode == 0, first.stderr
    second = opsmanual(small, "--version", "2026.11", "--alias", "latest")
    assert second.returncode == 0, second.stderr
    versions = json.loads(show(small, "versions.json"))
    assert [v["version"] for v in versions] == ["2026.11", "2026.10"]
    assert versions[0]["aliases"] == ["latest"] and versions[1]["title"] == "October 2026"
    report = json.loads(show(small, "2026.11/opsmanual-report.json"))
    assert report["as_of"] == "2026-11-20" and report["counts"]["error"] == 2
    page = show(small, "2026.11/index.html")
    assert '"version": {"provider": "mike"}' in page  # Material's version selector is on
    changes = show(small, "2026.11/changes/index.html")
    assert "2026.10" in changes  # compared with the previous published version
    assert (small / "manual").is_dir() and run(["git", "status", "--porcelain"], small).stdout == ""


def test_publish_outside_git_is_a_usage_error(small: Path) -> None:
    result = opsmanual(small, "--version", "1.0")
    assert result.returncode == 2
    assert "not a git checkout" in result.stderr


def with_origin(project: Path, tmp_path: Path) -> Path:
    """Make ``project`` a git checkout whose main branch is on a bare origin; the origin's path."""
    origin = tmp_path / "origin.git"
    assert run(["git", "init", "-q", "--bare", str(origin)], tmp_path).returncode == 0
    git_repo(project)
    assert run(["git", "remote", "add", "origin", str(origin)], project).returncode == 0
    assert run(["git", "push", "-q", "origin", "main"], project).returncode == 0
    return origin


def clone(origin: Path, target: Path) -> Path:
    assert run(["git", "clone", "-q", "-b", "main", str(origin), str(target)], target.parent).returncode == 0
    return target


def test_publish_push_sends_the_branch_to_origin(small: Path, tmp_path: Path) -> None:
    origin = with_origin(small, tmp_path)
    result = opsmanual(small, "--version", "1.0", "--push")
    assert result.returncode == 0, result.stderr
    pushed = run(["git", "--git-dir", str(origin), "show", "gh-pages:versions.json"], tmp_path)
    assert pushed.returncode == 0, pushed.stderr
    assert '"1.0"' in pushed.stdout


def test_publish_push_keeps_versions_published_from_another_checkout(small: Path, tmp_path: Path) -> None:
    origin = with_origin(small, tmp_path)
    ci = clone(origin, tmp_path / "ci")  # e.g. the publish workflow: no local gh-pages
    first = opsmanual(ci, "--version", "1.0", "--push")
    assert first.returncode == 0, first.stderr
    second = opsmanual(small, "--version", "1.1", "--alias", "latest", "--push")
    assert second.returncode == 0, second.stderr
    versions = run(["git", "--git-dir", str(origin), "show", "gh-pages:versions.json"], tmp_path)
    assert sorted(v["version"] for v in json.loads(versions.stdout)) == ["1.0", "1.1"]
    # 1.1's changes page compares with 1.0, which only origin knew about
    report = run(["git", "--git-dir", str(origin), "show", "gh-pages:1.1/changes/index.html"], tmp_path)
    assert "Since version 1.0" in report.stdout


def test_publish_push_stops_when_the_local_branch_diverged(small: Path, tmp_path: Path) -> None:
    origin = with_origin(small, tmp_path)
    ci = clone(origin, tmp_path / "ci")
    assert opsmanual(ci, "--version", "1.0", "--push").returncode == 0
    assert opsmanual(small, "--version", "0.9").returncode == 0  # local only: its gh-pages now diverges
    result = opsmanual(small, "--version", "1.1", "--push")
    assert result.returncode == 1
    assert "has versions origin lacks" in result.stderr and "git branch -f gh-pages origin/gh-pages" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_report_of_an_earlier_version_is_read_as_none(small: Path) -> None:
    git_repo(small)
    assert opsmanual(small, "--version", "1.0").returncode == 0
    assert opsmanual(small, "--version", "1.1").returncode == 0
    assert run(["git", "switch", "-q", "gh-pages"], small).returncode == 0
    (small / "1.0" / "opsmanual-report.json").write_text('{"counts": [1], "findings": "x"}\n', encoding="utf-8")
    (small / "1.1" / "opsmanual-report.json").write_text('["not", "a", "report"]\n', encoding="utf-8")
    assert run(["git", "commit", "-qam", "older reports"], small).returncode == 0
    assert run(["git", "switch", "-q", "main"], small).returncode == 0
    result = opsmanual(small, "--version", "1.2")
    assert result.returncode == 0, result.stderr
    changes = show(small, "1.2/changes/index.html")
    assert "There is no previous published version to compare with" in changes  # 1.1's holds no report
