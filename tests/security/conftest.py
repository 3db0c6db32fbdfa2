"""The hostile manual, built once per engine for the whole security suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from .hostile import hostile_project

ENGINES = ("mkdocs", "zensical")


def build(project: Path, *args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from generator.cli.main import cli

    result = CliRunner().invoke(cli, ["build", str(project), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """{engine: built site} of the hostile manual."""
    project = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    sites = {}
    for engine in ENGINES:
        out = project.parent / f"site-{engine}"
        code, output = build(project, "--engine", engine, "-d", str(out))
        assert code == 0, output
        sites[engine] = out
    return sites
