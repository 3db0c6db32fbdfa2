"""Load a project and judge it as of the chosen date, or exit 2 listing every input problem."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ..load.problems import InputError
from ..load.project import load_project
from ..model.config import resolve_as_of
from ..model.project import Project
from ..rules.engine import Judgement, judge
from .problems import exit_with_problems


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: loading and judging build hundreds of thousands of objects
    that live until the end of the command and form no garbage cycles worth finding, and the
    collector would walk them again and again (a third of a second of a large manual's check).
    Reference counting still frees what is dropped; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def kept_from_collection() -> Iterator[None]:
    """Every object alive now (a loaded manual: hundreds of thousands) skipped by the cycle
    collections that what runs inside causes (a site engine converting every page), then given
    back to the collector."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def load_and_judge(project: str | Path, as_of: date | None) -> tuple[Project, Judgement]:
    """The project and its judgement; the wall clock is read here only, as the default as-of date."""
    from . import main

    with without_cycle_collection():
        try:
            loaded = load_project(Path(project))
        except InputError as exc:
            exit_with_problems(exc.problems)
        judged = loaded, judge(loaded, resolve_as_of(as_of, loaded.config.settings, date.today()))
    if main.kept is not None:  # the console script: freed with the process, not object by object
        main.kept.append(judged)
    return judged
