"""The ``opsmanual`` command group."""

from __future__ import annotations

import click

from .. import __version__
from .check import check
from .editing import codeowners, new, review
from .publish import publish
from .report import report
from .site import build, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="opsmanual")
def cli() -> None:
    """opsmanual: an operating manual that tells the truth about itself.

    Joins Markdown pages, YAML catalogs and CSV metric snapshots, and flags what is stale or
    underperforming. Start with: opsmanual check DIR
    """


for command in (check, build, serve, publish, new, review, report, codeowners):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="opsmanual")
