"""Progress of a long command: a click bar on a terminal; in CI logs a plain line per milestone."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

import click


class Progress:
    """``start(total)``, ``advance(count)`` as work is done, ``finish()``.

    ``milestone(done, total)`` numbers the plain lines: one is printed, as ``line(done, total)``,
    whenever it grows past 0 and what was printed before. A bar replaces them on a terminal when
    ``total`` reaches ``bar_from``.
    """

    def __init__(self, label: str, line: Callable[[int, int], str], milestone: Callable[[int, int], int], *,
                 bar_from: int = 0, stream: TextIO | None = None) -> None:
        self.label = label
        self.line = line
        self.milestone = milestone
        self.bar_from = bar_from
        self.stream = stream or sys.stderr  # bound now: an engine may redirect stderr later
        self.bar: Any = None
        self.total: int | None = None
        self.done = 0
        self.shown = 0

    def start(self, total: int) -> None:
        self.total = total
        if self.stream.isatty() and total >= self.bar_from:
            self.bar = click_bar(total, self.label, self.stream)

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
            return
        reached = self.milestone(self.done, self.total or 0)
        if reached > self.shown:
            self.shown = reached
            print(self.line(self.done, self.total or 0), file=self.stream, flush=True)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def click_bar(total: int, label: str, stream: TextIO) -> Any:
    bar = click.progressbar(length=total, label=label, file=stream)
    bar.__enter__()
    return bar
