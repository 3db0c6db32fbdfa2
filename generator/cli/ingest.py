"""``opsmanual ingest``: a platform export in, ``data/snapshots/PERIOD.csv`` out."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from ..ingest.formats import FORMATS
from ..load.problems import InputError
from ..metrics.format import plural
from ..report.plain import one_line
from .options import PeriodType, project_dir
from .problems import exit_with_problems, fail
from .progress import Progress

BAR_FROM = 10_000  # rows from which a terminal shows a progress bar
PLAIN_EVERY = 50_000  # rows between two progress lines when standard error is not a terminal


@click.command()
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
@project_dir
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="generic", show_default=True,
              help="The platform that wrote the export; it decides how the table is found and the built-in mapping.")
@click.option("--period", required=True, type=PeriodType(),
              help="The month the snapshot is for (YYYY-MM); per-day rows of other months are left out and listed.")
@click.option("--map", "map_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A YAML mapping file laid over the built-in mapping (docs/FORMATS.md, Ingest mappings).")
@click.option("--merge", is_flag=True,
              help="Add the export to the period's existing snapshot (rows matched on their dimensions); "
                   "a cell both fill differently is a conflict.")
@click.option("--replace", is_flag=True,
              help="Overwrite an existing snapshot of the period; with --merge, the export wins conflicts.")
@click.option("--dry-run", is_flag=True,
              help="Show the rows, totals and changes, and write nothing.")
def ingest(export: str, project: str, fmt: str, period: str, map_file: str | None, merge: bool, replace: bool,
           dry_run: bool) -> None:
    """Turn a platform export into the snapshot data/snapshots/PERIOD.csv.

    Reads EXPORT as written by the platform (--format), finds its table (title lines, comments,
    totals rows and footers are left out, never summed), maps its columns to measures and
    dimension ids (the format's built-in mapping, with --map laid over it), sums the rows of
    --period by dimension, compares the totals with the previous period, and writes the
    snapshot atomically. A value that maps to no catalog id is an error: nothing is written.

    A month made of several exports (spend from the ad platforms, leads from the CRM) is built
    with --merge: each export adds its rows and measures to the period's snapshot. A cell that
    two exports fill with different numbers stops the merge (the same slice reported twice),
    unless --replace lets the export win; merging the same export again changes nothing.

    Exit codes: 0 written (or dry run); 2 problems (each as file:line), conflicts, or the
    snapshot exists and neither --merge nor --replace was given.

    \b
    Example:
        opsmanual ingest exports/linkedin-nov.csv . --format linkedin --period 2026-11 \\
            --map data/ingest/linkedin.yaml --dry-run
        opsmanual ingest exports/hubspot-nov.csv . --format hubspot --period 2026-11 --merge
    """
    from ..editing.errors import EditError
    from ..editing.guard import project_lock
    from ..ingest.run import IngestRequest, prepare_ingest, write_snapshot
    from ..ingest.summary import summary
    from ..load.config import find_config

    request = IngestRequest(
        root=Path(project), export=Path(export), format=fmt, period=period,
        map_file=Path(map_file) if map_file else None, export_name=export, map_name=map_file,
        replace=replace, dry_run=dry_run, merge=merge,
    )
    label = f"Ingesting {Path(export).name}"
    progress = Progress(label, lambda done, total: f"{label}: {done:,} of {total:,} rows",
                        lambda done, total: done // PLAIN_EVERY if total > PLAIN_EVERY else 0, bar_from=BAR_FROM)
    config = find_config(request.root) if request.root.is_dir() else None
    try:
        # Read the existing snapshot and write the merged one with no other writer between.
        with project_lock(config) if config is not None and not dry_run else contextlib.nullcontext():
            plan = prepare_ingest(request, progress)
            for warning in plan.warnings:
                click.echo(f"Warning: {one_line(warning)}", err=True)
            lines = summary(plan, dry_run=dry_run)
            if not dry_run:
                write_snapshot(plan)
                lines.append(f"Wrote {plan.target_rel} ({plural(len(plan.snapshot.rows), 'row')}).")
    except InputError as exc:
        exit_with_problems(exc.problems, "nothing was written")
    except EditError as exc:
        fail(exc)
    except OSError as exc:
        fail(f"{exc.filename or ''}: cannot write the snapshot: {exc.strerror}")
    click.echo("\n".join(lines))
