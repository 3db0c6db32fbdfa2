"""Fixtures every suite may use: writable copies of the fixture projects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .projects import Files
from .projects import copy_fixture as _copy


@pytest.fixture
def copy_fixture(tmp_path: Path) -> Callable[..., Path]:
    """``copy_fixture(name, files=None)``: a copy of ``tests/fixtures/<name>`` in tmp_path with
    ``files`` laid over it (the fixtures themselves are never touched)."""

    def copy(name: str, files: Files | None = None) -> Path:
        return _copy(name, tmp_path / name, files)

    return copy


@pytest.fixture
def small(copy_fixture: Callable[..., Path]) -> Path:
    """A writable copy of the small fixture project."""
    return copy_fixture("small")
