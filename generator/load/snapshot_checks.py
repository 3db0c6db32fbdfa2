"""Check the snapshots as read (:mod:`generator.load.snapshots`) and make them the project's
:class:`~generator.model.snapshots.Snapshots`: periods that are months, one file per period,
and the ids the catalogs lack, each with its file and line.

Everything here reads the grouped rows of the one pass; a problem's line is found by reading its
one file again (only when there is a problem: an input error, or an id the catalogs lack).
"""

from __future__ import annotations

from ..metrics.duck import FILE, SET, literal, quote
from ..model.dates import is_period
from ..model.snapshots import PERIOD, MetricSource, SnapshotFile, Snapshots
from .problems import Problems
from .snapshots import ReadSnapshots, scan


def _same_period_twice(read: ReadSnapshots, per_file: dict[int, list[str]], problems: Problems) -> None:
    """A period in two files would be summed (a copied file doubles the month): refuse it."""
    first: dict[str, str] = {}
    clashes: dict[tuple[str, str], list[str]] = {}
    for index in sorted(per_file):
        rel = read.files[index][0]
        for period in per_file[index]:
            if period in first:
                clashes.setdefault((first[period], rel), []).append(period)
            else:
                first[period] = rel
    for (earlier, later), periods in clashes.items():
        shown = ", ".join(periods[:5]) + (" ..." if len(periods) > 5 else "")
        problems.add(later, None, f"period {shown} is also in {earlier}; its rows would be counted twice",
                     "keep each period in one snapshot file")


def _lines(read: ReadSnapshots, index: int, column: str, values: list[str | None]) -> dict[str | None, int]:
    """The line of the first row of file ``index`` whose ``column`` holds each of ``values`` (None:
    an empty cell). The one file is read again, in order (its header is line 1)."""
    file = read.scans[index]
    con = read.con.cursor()
    try:
        con.execute(f"CREATE TEMP TABLE _lines AS SELECT {quote(column)} AS v FROM ({scan([file], [0], set(read.measures))})")
        listed = ", ".join(literal(v) for v in values if v is not None) or "NULL"
        nulls = " OR v IS NULL" if None in values else ""
        found = dict(con.execute(f"SELECT v, min(rowid) FROM _lines WHERE v IN ({listed}){nulls} GROUP BY v").fetchall())
    finally:
        con.execute("DROP TABLE IF EXISTS _lines")
        con.close()
    return {value: rowid + 2 for value, rowid in found.items()}


def _unknown_ids(read: ReadSnapshots, known: dict[str, set[str]]) -> dict[tuple[str, str], tuple[str, int]]:
    """(dimension, id) -> (file, line) of the first row with an id its catalog lacks."""
    assert read.engine is not None
    index = {read.ids[f.rel]: i for i, f in enumerate(read.scans)}
    found: dict[tuple[str, str], tuple[str, int]] = {}
    for name in (d for d in read.dims if d in known):
        unknown = sorted(v for v in read.values[name] - known[name] if v is not None)
        if not unknown:
            continue
        number = min((rows, number) for key, (number, rows) in read.engine.sets.items() if name in key)[1]
        listed = ", ".join(literal(v) for v in unknown)
        first: dict[int, list[str]] = {}
        for value, ids in read.con.execute(
            f"SELECT {quote(name)}, list(DISTINCT {FILE}) FROM {read.engine.table} "
            f"WHERE {SET} = {number} AND {quote(name)} IN ({listed}) GROUP BY ALL"
        ).fetchall():
            first.setdefault(min(index[i] for i in ids), []).append(value)
        for file, values in first.items():
            for value, line in _lines(read, file, name, list(values)).items():
                found[(name, str(value))] = (read.scans[file].rel, line)
    return found


def assemble_snapshots(read: ReadSnapshots, known: dict[str, set[str]], problems: Problems) -> Snapshots:
    """The snapshots' grouped rows as an engine; ``known`` maps catalog dimensions to their ids."""
    problems.items.extend(read.problems.items)
    if read.engine is None:
        return Snapshots.empty(read.measures)
    per_file: dict[int, list[str]] = {}
    periods: set[str] = set()
    wrong: dict[int, list[str | None]] = {}
    for index, period in read.periods:
        if period is None or not is_period(period):
            wrong.setdefault(index, []).append(period)
            continue
        per_file.setdefault(index, []).append(period)
        periods.add(period)
    for index, values in wrong.items():
        lines = _lines(read, index, PERIOD, values)
        for period in values:
            problems.add(read.scans[index].rel, lines.get(period), f"period '{period or ''}' is not a month",
                         "write periods as YYYY-MM, e.g. 2026-10")
    _same_period_twice(read, per_file, problems)
    files = [SnapshotFile(rel, tuple(per_file.get(i, ())), rows) for i, (rel, rows) in enumerate(read.files)]
    unknown_ids = _unknown_ids(read, known)
    measures = set(read.measures)
    present = tuple(sorted(c for c in read.columns if c in measures))
    rows = sum(rows for _, rows in read.files)
    source = MetricSource("files", "duckdb", read.folder, rows)
    return Snapshots(read.engine, read.dims, present, sorted(periods), files,
                     dict(sorted(unknown_ids.items())), source, rows)
