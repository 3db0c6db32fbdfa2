"""Each editor command's --help is its docstring, with an example."""

from __future__ import annotations

import pytest

from .conftest import run


@pytest.mark.parametrize("command", ["new", "review", "report", "codeowners"])
def test_help_shows_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"    opsmanual {command} " in result.stdout


def test_the_editing_loop_keeps_the_project_readable(small) -> None:
    """new page -> review -> codeowners -> report, and the project still loads and checks."""
    assert run("new", "page", "playbooks/webinars", small, "--owner", "ana").exit_code == 0
    assert run("review", small / "manual/playbooks/webinars.md", "--as-of", "2026-12-01").exit_code == 0
    assert run("codeowners", small).exit_code == 0
    assert "/manual/playbooks/webinars.md ana@small.example\n" in (small / ".github/CODEOWNERS").read_text("utf-8")
    assert run("report", small, "--owner", "ana").exit_code == 0
    assert run("check", small, "--fail-on", "never").exit_code == 0
