"""How input problems reach a user: one line each, ``Error: file:line: message (hint)``, exit 2."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from ..load.problems import Problem


def fail(message: object, code: int = 2, then: str | None = None) -> NoReturn:
    """``Error: message`` on stderr (and ``then`` on a line of its own), and exit ``code``: 2 for
    input and usage problems, 1 for a failed build or git step."""
    click.echo(f"Error: {message}", err=True)
    if then:
        click.echo(then, err=True)
    sys.exit(code)


def exit_with_problems(problems: list[Problem], outcome: str = "nothing was checked") -> NoReturn:
    """Print every problem and exit 2; ``outcome`` says what did not happen (default: the check)."""
    for problem in problems:
        click.echo(f"Error: {problem}", err=True)
    count = len(problems)
    click.echo(f"{count} problem{'s' if count != 1 else ''} in the input; {outcome}.", err=True)
    sys.exit(2)
