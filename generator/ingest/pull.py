"""``opsmanual pull``: one period of ``metrics_source``, grouped in the database, as a snapshot file.

The rows are grouped by the dimensions the manual's KPIs slice by and the catalog dimensions
(channel, content, persona, stage, owner) the source has, every measure summed by the database;
what comes back is written as ``data/snapshots/PERIOD.csv`` like ``ingest`` writes it (sorted rows,
plain numbers, atomically, never over an existing file unless asked), so a team can keep its
numbers in git: pull-request diffs, and the exact judgement of any past date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..editing.atomic import TargetExists
from ..load.problems import InputError, Problem
from ..metrics.format import plural
from ..model.entities import CATALOG_OF
from ..model.project import Project
from .compare import Diff, Previous, diff_existing, previous_totals, read_back
from .context import dimension_order
from .summary import MAX_LISTED, diff_lines, total_line
from .values import add
from .writer import Snapshot, render_csv, write_snapshot_file


@dataclass(frozen=True)
class PullPlan:
    snapshot: Snapshot
    source: str  # where the rows came from, without credentials
    target: Path
    target_rel: str
    text: str
    previous: Previous | None
    diff: Diff | None
    replace: bool


def pulled_dimensions(project: Project) -> tuple[str, ...]:
    """The source's dimensions that a KPI slices by, and its catalog dimensions."""
    used = {dim for section in project.sections() for kpi in section.kpis for dim in kpi.slice}
    present = project.snapshots.dimensions
    return dimension_order(tuple(d for d in present if d in used or d in CATALOG_OF))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def prepare_pull(project: Project, period: str, *, replace: bool = False, dry_run: bool = False) -> PullPlan:
    """Group ``period``'s rows in the source; raise :class:`InputError` (nothing is written)."""
    config = project.config
    source = project.snapshots.source
    if config.settings.metrics_source is None or source is None or source.kind != "database":
        raise InputError([Problem(config.file, config.plugin_line, None,
                                  "pull reads metrics_source, and this project has none",
                                  "add metrics_source (url and table) under the opsmanual plugin; docs/WAREHOUSE.md")])
    folder = project.root / config.settings.data_dir / "snapshots"
    target = folder / f"{period}.csv"
    target_rel = _relative(target, project.root)
    if target.exists() and not (replace or dry_run):
        raise InputError([Problem(target_rel, None, None, f"the snapshot of {period} already exists",
                                  "pass --replace to overwrite it; --dry-run shows what would change")])
    if period not in project.snapshots.periods:
        known = project.snapshots.periods
        raise InputError([Problem(config.file, config.settings.metrics_source.line, None,
                                  f"{source.describe()} has no rows of {period}",
                                  f"its periods are {known[0]} to {known[-1]}" if known else "the source is empty")])
    measures = tuple(m for m in project.metrics if m in project.snapshots.measures)  # catalog order
    dims = pulled_dimensions(project)
    assert project.snapshots.engine is not None
    grouped = project.snapshots.engine.group(dims, measures, period)
    rows = []
    for index in range(len(grouped.periods)):
        key = tuple("" if column[index] is None else str(column[index]) for column in grouped.keys)
        sums = tuple(None if math.isnan(v) else Decimal(repr(float(v))) for v in grouped.values[index].tolist())
        rows.append((key, sums))
    snapshot = Snapshot(period, dims, measures, tuple(sorted(rows)))
    folder_rel = _relative(folder, project.root)
    previous = previous_totals(folder, period, measures, {}, folder_rel)
    existing = read_back(target, period, measures) if target.is_file() else None
    diff = diff_existing(existing, target_rel, snapshot, measures) if target.is_file() else None
    return PullPlan(snapshot, source.describe(), target, target_rel, render_csv(snapshot), previous, diff, replace)


def write_pull(plan: PullPlan) -> None:
    """Write the snapshot atomically; refuse to overwrite without ``replace``."""
    try:
        write_snapshot_file(plan.target, plan.text, replace=plan.replace)
    except TargetExists:
        raise InputError([Problem(plan.target_rel, None, None, f"the snapshot of {plan.snapshot.period} already exists",
                                  "pass --replace to overwrite it")]) from None


def totals(snapshot: Snapshot) -> dict[str, Decimal | None]:
    found: dict[str, Decimal | None] = dict.fromkeys(snapshot.measures)
    for _key, sums in snapshot.rows:
        for measure, value in zip(snapshot.measures, sums, strict=True):
            found[measure] = add(found[measure], value)
    return found


def pull_summary(plan: PullPlan, *, dry_run: bool) -> list[str]:
    """The lines printed after a pull (or a dry run): what was read, the totals against the
    previous period, what changes in an existing file."""
    snap = plan.snapshot
    dims = ", ".join(snap.dimensions) or "no dimensions"
    out = [f"Read {snap.period} from {plan.source}: {plural(len(snap.rows), 'row')} by {dims}, grouped in the database"]
    prev = plan.previous
    heading = f"Totals for {snap.period}" + (f", compared with {prev.file}" if prev else " (no earlier snapshot to compare with)")
    out.append(heading + ":")
    out.extend(total_line(measure, value, prev) for measure, value in totals(snap).items())
    if plan.diff is not None:
        out.extend(diff_lines(plan.diff))
    if dry_run:
        out.append("Rows:")
        rows = plan.text.splitlines()
        out.extend("  " + row for row in rows[: MAX_LISTED * 2 + 1])
        if len(rows) > MAX_LISTED * 2 + 1:
            out.append(f"  ... and {len(rows) - MAX_LISTED * 2 - 1} more rows")
        action = "would replace" if plan.diff is not None else "would create"
        out.append(f"Dry run: nothing was written ({action} {plan.target_rel}).")
    else:
        out.append(f"Wrote {plan.target_rel} ({plural(len(snap.rows), 'row')}).")
    return out
