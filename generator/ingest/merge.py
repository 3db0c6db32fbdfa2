"""Merge a new export into the snapshot its period already has (``opsmanual ingest --merge``).

A month's snapshot is often made of several exports: the ad platforms bring spend per channel and
campaign, the CRM brings leads and pipeline. Rows are matched on their dimension values over the
union of both files' dimension columns (an absent column is an empty cell); each row keeps every
measure either side has. A cell both sides fill with different numbers is a conflict: the same
slice reported twice. Conflicts stop the merge unless the export is meant to win (``--replace``).
Equal numbers are no conflict, so merging the same export twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..load.problems import Problem
from .compare import ReadBack, by_key, common_columns
from .values import format_number
from .writer import Snapshot


@dataclass(frozen=True)
class Conflict:
    """One cell both the snapshot and the export fill, with different numbers."""

    labels: dict[str, str]
    measure: str
    existing: Decimal
    export: Decimal
    line: int | None  # the snapshot's line of the row


def merge(existing: ReadBack, new: Snapshot, catalog_measures: tuple[str, ...], *,
          export_wins: bool) -> tuple[Snapshot, list[Conflict]]:
    """The merged snapshot and every conflicting cell (resolved for the export when ``export_wins``)."""
    dims, measures = common_columns(existing, new, catalog_measures)
    rows, first_line = by_key(existing, dims, measures)
    conflicts: list[Conflict] = []
    for key_new, values_new in new.rows:
        labels = dict(zip(new.dimensions, key_new, strict=True))
        key = tuple(labels.get(d, "") for d in dims)
        sums = rows.setdefault(key, dict.fromkeys(measures))
        for m, value in zip(new.measures, values_new, strict=True):
            if value is None:
                continue
            before = sums[m]
            if before is not None and before != value:
                shown = {d: v for d, v in zip(dims, key, strict=True) if v}
                conflicts.append(Conflict(shown, m, before, value, first_line.get(key)))
                if not export_wins:
                    continue
            sums[m] = value
    merged = Snapshot(new.period, dims, measures,
                      tuple(sorted((key, tuple(sums[m] for m in measures)) for key, sums in rows.items())))
    return merged, conflicts


def conflict_problems(conflicts: list[Conflict], file: str, export: str) -> list[Problem]:
    """One problem per conflicting cell, at the snapshot row's line."""
    problems = []
    for c in conflicts:
        where = ", ".join(f"{d}={v}" for d, v in c.labels.items()) or "(no dimensions)"
        problems.append(Problem(
            file, c.line, None,
            f"{where}: {c.measure} is {format_number(c.existing)} here and {format_number(c.export)} in {export}",
            "the same slice is reported twice; keep one source per measure and slice, or pass --replace "
            "to let the export's numbers win",
        ))
    return problems
