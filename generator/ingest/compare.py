"""Set a new snapshot against the previous period's and against the file it would replace."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..model.dates import is_period
from ..model.snapshots import PERIOD
from .context import dimension_order
from .values import NotANumber, add, parse_number
from .writer import Snapshot

Values = dict[str, Decimal | None]


@dataclass(frozen=True)
class ReadBack:
    """An existing snapshot file's rows of one period: dimension values and measure values."""

    dimensions: tuple[str, ...]
    measures: tuple[str, ...]
    rows: tuple[tuple[dict[str, str], Values], ...]
    lines: tuple[int, ...] = ()  # the line each row starts on
    other_periods: tuple[str, ...] = ()  # periods of rows that were left out


def read_back(path: Path, period: str, measures: tuple[str, ...]) -> ReadBack | None:
    """The rows of ``period`` in the snapshot at ``path``; None when it cannot be read."""
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            reader.fieldnames = header
            present = tuple(m for m in measures if m in header)
            dims = dimension_order(tuple(h for h in header if h and h != PERIOD and h not in measures))
            rows: list[tuple[dict[str, str], Values]] = []
            lines: list[int] = []
            others: set[str] = set()
            start = reader.line_num + 1
            for row in reader:
                line, start = start, reader.line_num + 1
                if PERIOD in header and (row.get(PERIOD) or "").strip() != period:
                    others.add((row.get(PERIOD) or "").strip())
                    continue
                rows.append(({d: (row.get(d) or "").strip() for d in dims},
                             {m: _number(row.get(m) or "") for m in present}))
                lines.append(line)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return ReadBack(dims, present, tuple(rows), tuple(lines), tuple(sorted(others)))


def _number(cell: str) -> Decimal | None:
    try:
        return parse_number(cell)
    except NotANumber:
        return None


def previous_snapshot(folder: Path, period: str) -> tuple[str, Path] | None:
    """The newest ``YYYY-MM.csv`` of a period before ``period``."""
    if not folder.is_dir():
        return None
    earlier = sorted(p for p in folder.glob("*.csv") if is_period(p.stem) and p.stem < period)
    return (earlier[-1].stem, earlier[-1]) if earlier else None


@dataclass(frozen=True)
class Previous:
    """The previous period's totals over the same slice (the mapping's constant dimensions)."""

    period: str
    file: str
    totals: Values
    where: dict[str, str]


def previous_totals(folder: Path, period: str, measures: tuple[str, ...], where: dict[str, str],
                    relative: str) -> Previous | None:
    found = previous_snapshot(folder, period)
    if found is None:
        return None
    prev_period, path = found
    back = read_back(path, prev_period, measures)
    if back is None:
        return None
    totals: Values = dict.fromkeys(measures)
    for dims, values in back.rows:
        if all(dims.get(d, "") == v for d, v in where.items()):
            for m in measures:
                totals[m] = add(totals[m], values.get(m))
    return Previous(prev_period, f"{relative}/{path.name}", totals, where)


@dataclass
class Diff:
    """What writing the new snapshot changes in the existing file of the same period."""

    file: str
    added: list[dict[str, str]] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    changed: list[tuple[dict[str, str], list[tuple[str, Decimal | None, Decimal | None]]]] = field(default_factory=list)
    unchanged: int = 0
    totals: list[tuple[str, Decimal | None, Decimal | None]] = field(default_factory=list)
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed)


Key = tuple[str, ...]


def common_columns(old: ReadBack, new: Snapshot, measures: tuple[str, ...]) -> tuple[Key, tuple[str, ...]]:
    """The dimensions and measures (catalog order) of both files together."""
    dims = dimension_order(set(old.dimensions) | set(new.dimensions))
    return dims, tuple(m for m in measures if m in old.measures or m in new.measures)


def by_key(old: ReadBack, dims: Key, measures: tuple[str, ...]) -> tuple[dict[Key, Values], dict[Key, int]]:
    """The existing rows summed per slice of ``dims`` (a file may hold a slice on several rows),
    and the line each slice first stands on."""
    rows: dict[Key, Values] = {}
    lines: dict[Key, int] = {}
    for index, (values, numbers) in enumerate(old.rows):
        key = tuple(values.get(d, "") for d in dims)
        sums = rows.setdefault(key, dict.fromkeys(measures))
        for m in measures:
            sums[m] = add(sums[m], numbers.get(m))
        if index < len(old.lines):
            lines.setdefault(key, old.lines[index])
    return rows, lines


def diff_existing(old: ReadBack | None, file: str, new: Snapshot, measures: tuple[str, ...]) -> Diff:
    """How ``new`` differs from the existing snapshot ``old`` of ``file`` (None: it cannot be read)."""
    if old is None:
        return Diff(file)
    dims, all_measures = common_columns(old, new, measures)
    old_rows, _lines = by_key(old, dims, all_measures)
    new_rows: dict[Key, Values] = {}
    for k_new, sums in new.rows:
        values = dict(zip(new.dimensions, k_new, strict=True))
        numbers = dict(zip(new.measures, sums, strict=True))
        new_rows[tuple(values.get(d, "") for d in dims)] = {m: numbers.get(m) for m in all_measures}
    diff = Diff(file)
    diff.columns_added = tuple(c for c in (*new.dimensions, *new.measures) if c not in (*old.dimensions, *old.measures))
    diff.columns_removed = tuple(c for c in (*old.dimensions, *old.measures) if c not in (*new.dimensions, *new.measures))
    for k in sorted(set(old_rows) | set(new_rows)):
        labels = {d: v for d, v in zip(dims, k, strict=True) if v}
        if k not in old_rows:
            diff.added.append(labels)
        elif k not in new_rows:
            diff.removed.append(labels)
        else:
            changes = [(m, old_rows[k][m], new_rows[k][m]) for m in all_measures if old_rows[k][m] != new_rows[k][m]]
            if changes:
                diff.changed.append((labels, changes))
            else:
                diff.unchanged += 1
    for m in all_measures:
        before: Decimal | None = None
        after: Decimal | None = None
        for v in old_rows.values():
            before = add(before, v[m])
        for v in new_rows.values():
            after = add(after, v[m])
        diff.totals.append((m, before, after))
    return diff
