from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ..projects import write_files


@pytest.fixture
def site(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """A factory: write a site's files into a fresh folder and return it."""
    counter = iter(range(1_000_000))

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / f"site{next(counter)}"
        root.mkdir()
        write_files(root, files)
        return root

    return make
