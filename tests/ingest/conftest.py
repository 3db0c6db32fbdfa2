"""Fixtures for ingest tests: throwaway copies of the small fixture and of the demo manual."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli

from ..projects import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = FIXTURES / "exports"


def _copy(source: Path, target: Path) -> Path:
    """A project copy with only mkdocs.yml, manual/ and data/ (never the site or caches)."""
    target.mkdir()
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(source / "manual", target / "manual")
    shutil.copytree(source / "data", target / "data")
    return target


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo manual (snapshots 2025-05 to 2026-10)."""
    return _copy(ROOT, tmp_path / "demo")


@pytest.fixture
def ingest() -> Callable[..., Result]:
    """Run ``opsmanual ingest`` with ``args``; the result has .exit_code, .stdout and .stderr."""

    def run(*args: str | Path) -> Result:
        return CliRunner().invoke(cli, ["ingest", *(str(a) for a in args)], catch_exceptions=False)

    return run
