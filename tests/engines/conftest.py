from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A writable copy of the small fixture project."""
    target = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", target)
    return target


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
