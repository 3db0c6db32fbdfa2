"""Outputs never overwrite the project's inputs, whatever --force says."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli import assert_input_error, run


@pytest.mark.parametrize("target", ["mkdocs.yml", "data/people.yaml", "manual/index.md", "manual/new.md",
                                    "data/snapshots/2026-10.csv"])
@pytest.mark.parametrize("command", [("codeowners", "{root}", "--force", "-o", "{target}"),
                                     ("check", "{root}", "-o", "{target}")])
def test_an_output_over_a_project_input_is_refused(small: Path, target: str, command: tuple[str, ...]) -> None:
    path = small / target
    before = path.read_bytes() if path.exists() else None
    assert_input_error(run(*(a.format(root=small, target=path) for a in command)), target.split("/")[0])
    assert (path.read_bytes() if path.exists() else None) == before


def test_an_output_beside_the_sources_is_written(small: Path) -> None:
    result = run("check", small, "-o", small / "report.txt")
    assert result.returncode in (0, 1), result.stderr
    assert (small / "report.txt").read_text(encoding="utf-8").strip()
