"""Atomic writes: the old file or the new one, never half of either, and no clobbering when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.editing.atomic import TargetExists, write_atomic

from ..projects import new_file_mode
from .conftest import leftovers


def test_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"old")
    path.chmod(0o600)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o600
    assert leftovers(tmp_path) == []


def test_creates_folders_and_uses_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c.yaml"
    write_atomic(path, b"x", overwrite=False)
    assert path.read_bytes() == b"x"
    assert path.stat().st_mode & 0o777 == new_file_mode()


def test_no_clobber_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"mine")
    with pytest.raises(TargetExists):
        write_atomic(path, b"theirs", overwrite=False)
    assert path.read_bytes() == b"mine"
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
