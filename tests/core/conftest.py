"""Fixtures for the core's tests: build small manual projects in ``tmp_path``, load and judge them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.load.problems import InputError, Problem
from generator.load.project import load_project
from generator.model.project import Project
from generator.rules.engine import Judgement, judge

from .builders import AS_OF, BASE, Files, write_files


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A factory: ``make_project(files, base=True)`` -> the project root."""
    counter = iter(range(1_000_000))

    def make(files: Files | None = None, *, base: bool = True) -> Path:
        root = tmp_path / f"project{next(counter)}"
        root.mkdir()
        if base:
            write_files(root, BASE)
        write_files(root, files or {})
        return root

    return make


@pytest.fixture
def check(make_project: Callable[..., Path]) -> Callable[..., Judgement]:
    """Build a project from ``files`` over the base and judge it as of ``as_of`` (default AS_OF)."""

    def run(files: Files | None = None, *, as_of: date = AS_OF, base: bool = True) -> Judgement:
        return judge(load_project(make_project(files, base=base)), as_of)

    return run


@pytest.fixture
def load(make_project: Callable[..., Path]) -> Callable[..., Project]:
    def run(files: Files | None = None, *, base: bool = True) -> Project:
        return load_project(make_project(files, base=base))

    return run


@pytest.fixture
def problems(make_project: Callable[..., Path]) -> Callable[..., list[Problem]]:
    """Build a project that must fail to load; return every problem reported."""

    def run(files: Files | None = None, *, base: bool = True) -> list[Problem]:
        root = make_project(files, base=base)
        with pytest.raises(InputError) as info:
            load_project(root)
        return info.value.problems

    return run
