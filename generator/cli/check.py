"""``opsmanual check``. What only some runs need (git for ``--changed-since``, the atomic writer
for ``--output``) is imported when it is used."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..model.findings import Severity
from ..report import FORMATS
from .judged import load_and_judge
from .options import as_of_option, project_dir
from .problems import fail


@click.command()
@project_dir
@as_of_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="Report format: text for people, json/junit/github/markdown for CI.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="Exit 1 when a finding is at or above this severity.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--changed-since", "changed_since", metavar="REF", default=None,
              help="Report only on what changed since the git REF (e.g. origin/main): changed pages and data "
                   "files, and the KPIs whose numbers they move.")
def check(project: str, as_of: date | None, fmt: str, fail_on: str, output: str | None,
          changed_since: str | None) -> None:
    """Judge a manual project and report its findings.

    Reads mkdocs.yml, the pages of its docs_dir and the data dir (catalogs, metric catalog,
    snapshots), runs every rule as of the as-of date and prints the findings.

    With --changed-since REF (in a pull request), only findings about what the branch changed
    since it left REF are reported, plus uncommitted files: the pages and data files it touched,
    the entities of a changed catalog, and the KPIs whose numbers a changed snapshot or metric
    catalog moves. The whole manual is still loaded and judged.

    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the input cannot be
    read (every problem is listed with its file and line) or a usage error.

    \b
    Example:
        opsmanual check . --as-of 2026-11-20 --format github --fail-on warning
        opsmanual check . --changed-since origin/main --format markdown
    """
    changed = None
    if changed_since is not None and Path(project).is_dir():  # a missing folder is reported as input
        from .git import GitError, changed_files

        try:
            changed = changed_files(Path(project), changed_since)
        except GitError as exc:
            raise click.BadParameter(str(exc), param_hint="'--changed-since'") from None
    loaded, judgement = load_and_judge(project, as_of)
    if changed is not None:
        from ..rules.scope import limit_to_change

        judgement = limit_to_change(judgement, loaded, changed)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    color = fmt == "text" and output is None and sys.stdout.isatty()
    text = FORMATS[fmt](judgement, threshold, color)
    if output:
        from ..editing.atomic import write_atomic
        from ..editing.guard import input_problem

        root = loaded.root
        refused = input_problem(Path(output), root, root / loaded.config.file,
                                [root / loaded.config.docs_dir, root / loaded.config.settings.data_dir])
        if refused:
            fail(f"{refused}; nothing was written")
        write_atomic(Path(output), text.encode("utf-8"))  # a full disk leaves the previous report whole
    else:
        click.echo(text, nl=False)
    if threshold is not None and judgement.at_least(threshold):
        sys.exit(1)
