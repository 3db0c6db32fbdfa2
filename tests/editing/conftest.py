"""Fixtures for the editing commands: copies of the fixture projects, a CLI runner, a loader check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.load.project import load_project
from generator.model.project import Project


@pytest.fixture
def folders(copy_fixture: Callable[..., Path]) -> Path:
    return copy_fixture("folders")



def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def loads(root: Path) -> Project:
    """The project loads with no input error (load_project raises InputError otherwise)."""
    return load_project(root)


def leftovers(folder: Path) -> list[Path]:
    """Temporary files an atomic write would leave behind if it went wrong."""
    return sorted(folder.rglob(".*.tmp"))
