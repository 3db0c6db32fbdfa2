"""``opsmanual pull``: a period of ``metrics_source``, grouped in the database, into ``data/snapshots/PERIOD.csv``."""

from __future__ import annotations

from pathlib import Path

import click

from ..load.problems import InputError
from .options import PeriodType, project_dir
from .problems import exit_with_problems, fail


@click.command()
@project_dir
@click.option("--period", required=True, type=PeriodType(), help="The month to pull (YYYY-MM).")
@click.option("--replace", is_flag=True, help="Overwrite an existing snapshot of the period.")
@click.option("--dry-run", is_flag=True, help="Show the rows, the totals against the previous period and the "
                                              "changes, and write nothing.")
def pull(project: str, period: str, replace: bool, dry_run: bool) -> None:
    """Write a period's rows from metrics_source into data/snapshots/PERIOD.csv.

    The database groups the period's rows by the dimensions the manual's KPIs slice by (and the
    catalog dimensions it has: channel, content, persona, stage, owner), summing every measure;
    only those grouped rows come back and are written, sorted, atomically. For teams that want the
    numbers in git: pull-request diffs, and the exact judgement as of any date. The totals are
    compared with the previous period's snapshot, as ingest does.

    Exit codes: 0 written (or dry run); 2 problems (the source, a period it lacks), or the snapshot
    exists and --replace was not given.

    \b
    Example:
        OPSMANUAL_WAREHOUSE=postgres://... opsmanual pull . --period 2026-11 --dry-run
        opsmanual pull . --period 2026-11
    """
    from ..ingest.pull import prepare_pull, pull_summary, write_pull
    from ..load.project import load_project

    try:
        loaded = load_project(Path(project))
        try:
            plan = prepare_pull(loaded, period, replace=replace, dry_run=dry_run)
        finally:
            loaded.snapshots.close()
        lines = pull_summary(plan, dry_run=dry_run)
        if not dry_run:
            write_pull(plan)
    except InputError as exc:
        exit_with_problems(exc.problems, "nothing was written")
    except OSError as exc:
        fail(f"{exc.filename or ''}: cannot write the snapshot: {exc.strerror}")
    click.echo("\n".join(lines))
