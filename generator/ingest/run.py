"""One ingest from start to end: read the export, map it, sum the period, compare, write."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from ..editing.atomic import TargetExists
from ..load.problems import InputError, Problem
from .aggregate import Aggregated, aggregate
from .compare import Diff, Previous, ReadBack, diff_existing, previous_totals, read_back
from .context import IngestContext, load_context
from .formats import FORMATS, ExportFormat, ExportTable, read_export
from .mapping import Plan, build_mapping, resolve
from .merge import conflict_problems, merge
from .writer import Snapshot, render_csv, write_snapshot_file


class Progress(Protocol):
    """Told how many rows there are, then how many more were done (a progress bar, plain lines)."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int) -> None: ...

    def finish(self) -> None: ...


@dataclass(frozen=True)
class IngestRequest:
    """What to ingest: ``export`` (shown as ``export_name``) into ``root``'s snapshot of ``period``."""

    root: Path
    export: Path
    format: str
    period: str
    map_file: Path | None = None
    export_name: str | None = None
    map_name: str | None = None
    replace: bool = False
    dry_run: bool = False
    merge: bool = False  # add to the period's existing snapshot instead of replacing it

    @property
    def source(self) -> str:
        return self.export_name or str(self.export)


@dataclass
class IngestPlan:
    """Everything an ingest found, before (or without) writing."""

    request: IngestRequest
    format: ExportFormat
    table: ExportTable
    plan: Plan
    aggregated: Aggregated
    snapshot: Snapshot
    target: Path
    target_rel: str
    text: str
    previous: Previous | None
    diff: Diff | None
    warnings: list[Problem] = field(default_factory=list)
    merged_rows: int | None = None  # the existing snapshot's rows the export was merged with

    @property
    def overwrites(self) -> bool:
        """Whether writing replaces the file (asked for, or a merge that read it)."""
        return self.request.replace or self.merged_rows is not None


def period_bounds(period: str) -> tuple[date, date]:
    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def snapshot_path(ctx: IngestContext, period: str) -> Path:
    return ctx.snapshots_dir / f"{period}.csv"


def prepare_ingest(request: IngestRequest, progress: Progress | None = None) -> IngestPlan:
    """Read, map and sum the export; raise :class:`InputError` with every problem (nothing is written)."""
    fmt = FORMATS[request.format]
    ctx = load_context(request.root)
    target = snapshot_path(ctx, request.period)
    target_rel = ctx.relative(target)
    if target.exists() and not (request.replace or request.merge or request.dry_run):
        raise InputError([Problem(target_rel, None, None, f"the snapshot of {request.period} already exists",
                                  "pass --merge to add this export to it, --replace to overwrite it; "
                                  "--dry-run shows what would change")])
    mapping = build_mapping(fmt, ctx, request.source, request.map_file, request.map_name)
    table = read_export(request.export, request.source, fmt, mapping.anchors())
    plan = resolve(mapping, table, ctx)
    _check_range(table, plan, request.period)
    if progress is not None:
        progress.start(len(table.rows))
    try:
        aggregated = aggregate(table, plan, request.period, progress.advance if progress else None)
    finally:
        if progress is not None:
            progress.finish()
    if not aggregated.rows:
        raise InputError([_nothing_in_period(table, aggregated, request)])
    snapshot = Snapshot.from_aggregated(aggregated)
    _refuse_formulas(snapshot, table)
    exists = target.is_file()
    existing = read_back(target, request.period, ctx.measures) if exists else None  # read once: merge and diff
    merged_rows = None
    if request.merge and exists:
        snapshot, merged_rows = _merged(snapshot, existing, target_rel, ctx, request)
    warnings: list[Problem] = []
    if aggregated.outside:
        days = sorted(day for _, day in aggregated.outside)
        lines = [line for line, _ in aggregated.outside]
        shown = ", ".join(str(n) for n in lines[:5]) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
        warnings.append(Problem(
            request.source, lines[0], None,
            f"{len(lines)} row{'s' if len(lines) != 1 else ''} dated outside {request.period} "
            f"({days[0].isoformat()} to {days[-1].isoformat()}) left out: line{'s' if len(lines) != 1 else ''} {shown}",
        ))
    snapshots_rel = ctx.relative(ctx.snapshots_dir)
    previous = previous_totals(ctx.snapshots_dir, request.period, snapshot.measures, plan.constants, snapshots_rel)
    diff = diff_existing(existing, target_rel, snapshot, ctx.measures) if exists else None
    return IngestPlan(request, fmt, table, plan, aggregated, snapshot, target, target_rel,
                      render_csv(snapshot), previous, diff, warnings, merged_rows)


def _merged(snapshot: Snapshot, existing: ReadBack | None, target_rel: str, ctx: IngestContext,
            request: IngestRequest) -> tuple[Snapshot, int]:
    """The export merged into the existing snapshot of its period, and that snapshot's row count."""
    if existing is None:
        raise InputError([Problem(target_rel, None, None, "the existing snapshot cannot be read to merge into",
                                  "fix it (opsmanual check names the problem), or pass --replace instead of --merge")])
    if existing.other_periods:
        raise InputError([Problem(target_rel, None, None,
                                  f"the snapshot also has rows of {', '.join(existing.other_periods)}; "
                                  "a merge rewrites the file with the period's rows only",
                                  "move those rows to their own snapshot files first")])
    merged, conflicts = merge(existing, snapshot, ctx.measures, export_wins=request.replace)
    if conflicts and not request.replace:
        raise InputError(conflict_problems(conflicts, target_rel, request.source))
    return merged, len(existing.rows)


# A cell a spreadsheet would run as a formula (CSV injection): =, +, -, @, tab or CR first.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _refuse_formulas(snapshot: Snapshot, table: ExportTable) -> None:
    """A dimension value that starts like a formula is refused: the snapshot is opened in
    spreadsheets, where ``=HYPERLINK(...)`` would run. Numbers are written by opsmanual."""
    bad = sorted({v for key, _ in snapshot.rows for v in key if v.startswith(_FORMULA_START)})
    if not bad:
        return
    problems = []
    for value in bad[:5]:
        line = next((n for n, cells in table.rows if any(c.strip() == value for c in cells)), None)
        first = {"\t": "a tab", "\r": "a carriage return"}.get(value[0], f"'{value[0]}'")
        problems.append(Problem(table.source, line, None,
                                f"'{value}' starts with {first}: a spreadsheet would run it as a formula",
                                "fix the value in the export, or map it to an id with a value map (--map)"))
    raise InputError(problems)


def _nothing_in_period(table: ExportTable, aggregated: Aggregated, request: IngestRequest) -> Problem:
    """The problem when no row is left to write: an empty snapshot would only hide the data."""
    if not table.rows or not aggregated.outside:
        return Problem(request.source, table.header_line, None, "the export has no data rows below its header",
                       "export the report with its rows, not only its totals")
    days = sorted(day for _, day in aggregated.outside)
    return Problem(request.source, aggregated.outside[0][0], None,
                   f"none of the {len(table.rows)} rows is in {request.period} (they are dated "
                   f"{days[0].isoformat()} to {days[-1].isoformat()})",
                   "pass the month the export covers as --period")


def _check_range(table: ExportTable, plan: Plan, period: str) -> None:
    """An export that says which dates it covers must cover the period (and only it, unless it has per-day rows)."""
    covered = table.date_range
    if covered is None:
        return
    first, last = period_bounds(period)
    span = f"{covered.start.isoformat()} to {covered.end.isoformat()}"
    if covered.end < first or covered.start > last:
        raise InputError([Problem(table.source, covered.line, None, f"the export covers {span}, not {period}",
                                  "pass the export's month as --period, or export the right dates")])
    if plan.date is None and (covered.start < first or covered.end > last):
        raise InputError([Problem(
            table.source, covered.line, None,
            f"the export covers {span}, more than {period}, and has no date column to take {period} out of it",
            "export one month, or segment the report by day and map its date column (date: in --map)",
        )])


def write_snapshot(plan: IngestPlan) -> None:
    """Write the snapshot atomically; refuse to overwrite without ``replace``."""
    try:
        write_snapshot_file(plan.target, plan.text, replace=plan.overwrites)
    except TargetExists:
        raise InputError([Problem(plan.target_rel, None, None, f"the snapshot of {plan.snapshot.period} already exists",
                                  "pass --merge to add this export to it, or --replace to overwrite it")]) from None
