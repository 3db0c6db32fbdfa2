"""How input problems reach a user: one line each, ``Error: file:line: message (hint)``, exit 2."""

from __future__ import annotations

import errno
import sys
from typing import NoReturn

import click

from ..load.problems import Problem
from ..report.plain import one_line


def os_error(exc: OSError) -> str:
    """An OS error in words, with the file it is about: ``manual/x.md: Permission denied``."""
    what = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        what += " (the disk is full; nothing was replaced)"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        what += " (check that you may write there)"
    if exc.filename is not None:
        return f"{exc.filename}: {what}"
    return what


def fail(message: object, code: int = 2, then: str | None = None) -> NoReturn:
    """``Error: message`` on stderr (and ``then`` on a line of its own), and exit ``code``: 2 for
    input and usage problems, 1 for a failed build or git step."""
    first, *rest = str(message).split("\n") or [""]
    click.echo(f"Error: {one_line(first)}", err=True)
    for line in rest:  # an engine's log: its own lines, indented so none can pose as a command
        click.echo(f"  {one_line(line)}", err=True)
    if then:
        click.echo(then, err=True)
    sys.exit(code)


def exit_with_problems(problems: list[Problem], outcome: str = "nothing was checked") -> NoReturn:
    """Print every problem and exit 2; ``outcome`` says what did not happen (default: the check)."""
    for problem in problems:
        click.echo(f"Error: {one_line(problem)}", err=True)
    count = len(problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} in the input; {outcome}.", err=True)
    sys.exit(2)
