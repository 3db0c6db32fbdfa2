"""A large manual on Material without navigation.prune is told so by build (every page would carry
the whole navigation); a small one, or one with prune on, is not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.cli.site import prune_hint
from generator.editing.init import LARGE
from generator.load.project import load_project


def _many_pages(root: Path, count: int) -> None:
    folder = root / "manual" / "many"
    folder.mkdir()
    for index in range(count):
        (folder / f"p{index}.md").write_text(f"# Page {index}\n\nText.\n", encoding="utf-8")


def _hint(root: Path) -> str | None:
    project = load_project(root)
    return prune_hint(len(project.pages), project.root, project.config.file)


def test_a_large_manual_without_prune_is_told(copy_fixture: Callable[..., Path]) -> None:
    root = copy_fixture("small")
    _many_pages(root, LARGE)
    hint = _hint(root)
    assert hint is not None and "navigation.prune is off" in hint and "mkdocs.yml" in hint


def test_prune_on_or_a_small_manual_says_nothing(copy_fixture: Callable[..., Path]) -> None:
    root = copy_fixture("small")
    assert _hint(root) is None
    _many_pages(root, LARGE)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false", "  features: [navigation.prune]\n  font: false"))
    assert _hint(root) is None
