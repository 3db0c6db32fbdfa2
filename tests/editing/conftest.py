"""Fixtures for the editing commands: copies of the fixture projects, a CLI runner, a loader check."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.load.project import load_project
from generator.model.project import Project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def copy_project(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of ``tests/fixtures/<name>`` in tmp_path (the fixtures themselves are never touched)."""

    def copy(name: str) -> Path:
        root = tmp_path / name
        shutil.copytree(FIXTURES / name, root)
        return root

    return copy


@pytest.fixture
def small(copy_project: Callable[[str], Path]) -> Path:
    return copy_project("small")


@pytest.fixture
def folders(copy_project: Callable[[str], Path]) -> Path:
    return copy_project("folders")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def loads(root: Path) -> Project:
    """The project loads with no input error (load_project raises InputError otherwise)."""
    return load_project(root)


def leftovers(folder: Path) -> list[Path]:
    """Temporary files an atomic write would leave behind if it went wrong."""
    return sorted(folder.rglob(".*.tmp"))
