"""Fixtures every suite may use: writable copies of the fixture projects."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium under Playwright, one for the whole session (every suite that
    loads pages shares it: Playwright's sync API allows one instance at a time)."""
    from .browser.conftest import CHROMIUM, FLAGS

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield instance
        instance.close()
