"""Read the metric snapshots (``data/snapshots/*.csv``) into one Arrow table.

Each file is parsed once by Arrow's multithreaded CSV reader: dimension columns as strings,
measure columns as float64 (an empty cell is missing, never zero). Rows are not looked at in
Python; per-KPI answers come from grouped tables (see ``metrics.cube``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..metrics.arrays import codes, repeated
from ..model.dates import is_period
from ..model.snapshots import PERIOD, SnapshotFile, Snapshots
from .problems import Problems

MAX_HEADER_CHARS = 1_000_000  # the header line of a snapshot
MAX_COLUMNS = 2_000  # columns of a snapshot: dimensions and measures


class _Refused(ValueError):
    """A snapshot that costs more than it may (see the limits above)."""


def _header(path: Path) -> list[str]:
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        line = handle.readline(MAX_HEADER_CHARS + 1)
    if len(line) > MAX_HEADER_CHARS:
        raise _Refused(f"the header line is longer than {MAX_HEADER_CHARS:,} characters")
    csv.field_size_limit(MAX_HEADER_CHARS)
    header = [h.strip() for h in next(csv.reader(io.StringIO(line)), [])]
    if len(header) > MAX_COLUMNS:
        raise _Refused(f"the snapshot has {len(header):,} columns, more than the {MAX_COLUMNS:,} it may have")
    return header


def _bad_cells(path: Path, column: str, limit: int = 5) -> list[tuple[int, str]]:
    """Lines (1-based) and values of cells in ``column`` that are not numbers."""
    bad: list[tuple[int, str]] = []
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        index = header.index(column)
        for row in reader:
            if index < len(row):
                cell = row[index].strip()
                if cell:
                    try:
                        float(cell)
                    except ValueError:
                        bad.append((reader.line_num, cell))
                        if len(bad) >= limit:
                            break
    return bad


def _ragged_row(path: Path, width: int) -> tuple[int, int] | None:
    """(line, cells) of the first row whose cell count differs from the header's, if any."""
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for row in reader:
            if row and len(row) != width:
                return reader.line_num, len(row)
    return None


def _read_one(path: Path, rel: str, measures: set[str], problems: Problems) -> pa.Table | None:
    try:
        header = _header(path)
    except _Refused as exc:
        problems.add(rel, 1, str(exc), "split the export, or keep only the columns opsmanual needs")
        return None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        problems.add(rel, 1, f"cannot read the snapshot: {exc}", "save it as UTF-8 CSV")
        return None
    if not header or header == [""]:
        problems.add(rel, 1, "the snapshot is empty", "add a header line and rows, or delete the file")
        return None
    seen: set[str] = set()
    for name in header:
        if not name:
            problems.add(rel, 1, "a column has no name", "give every column a header")
            return None
        if name in seen:
            problems.add(rel, 1, f"the column '{name}' appears twice", "keep one of them")
            return None
        seen.add(name)
    if PERIOD not in header and not is_period(path.stem):
        problems.add(rel, 1, "no 'period' column and the file name is not a period",
                     "name the file YYYY-MM.csv or add a period column")
        return None
    if not any(name in measures for name in header):
        problems.add(rel, 1, "no column of the snapshot is a measure of data/metrics.yaml",
                     f"columns are {', '.join(header)}; measures are {', '.join(sorted(measures)) or 'none'}")
        return None
    # Dimensions and the period are dictionary-encoded: fewer bytes, integer keys to group on,
    # and each distinct value is looked at once rather than once per row.
    text = pa.dictionary(pa.int32(), pa.string())
    types = {name: (pa.float64() if name in measures else text) for name in header}
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, encoding="utf8"),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            # Only an empty cell is missing: "NaN", "null" or "N/A" are not numbers (reported).
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=True,
                                                 quoted_strings_can_be_null=True, null_values=[""]),
        )
    except pa.ArrowInvalid as exc:
        try:
            _explain(path, rel, header, measures, exc, problems)
        except (csv.Error, OSError, UnicodeDecodeError) as detail:
            problems.add(rel, None, f"cannot parse the CSV: {detail}", "save it as UTF-8 CSV, one row per line")
        return None
    if table.num_rows == 0:
        return table
    bad_number = _not_finite(table, measures)
    if bad_number is not None:
        problems.add(rel, bad_number[0], f"'{bad_number[2]}' in column '{bad_number[1]}' is not a finite number",
                     "write plain numbers; leave a missing value empty")
        return None
    if PERIOD in header:
        bad = _bad_period(table[PERIOD])
        if bad is not None:
            problems.add(rel, bad[0], f"period '{bad[1]}' is not a month", "write periods as YYYY-MM, e.g. 2026-10")
            return None
    else:
        table = table.append_column(PERIOD, repeated(path.stem, table.num_rows))
    return table


def _not_finite(table: pa.Table, measures: set[str]) -> tuple[int, str, str] | None:
    """(line, column, value) of the first ``inf`` or ``NaN`` in a measure column, if any."""
    for name in table.column_names:
        if name not in measures:
            continue
        column = table[name]
        bad = pc.invert(pc.is_finite(column))
        if pc.any(bad).as_py():
            index = pc.index(bad, True).as_py()
            return index + 2, name, str(column[index].as_py())
    return None


def _explain(path: Path, rel: str, header: list[str], measures: set[str], exc: Exception,
             problems: Problems) -> None:
    """Say why Arrow could not read the snapshot: bad numbers, a ragged row, or its own words."""
    reported = False
    for name in header:
        if name in measures:
            for line, value in _bad_cells(path, name):
                problems.add(rel, line, f"'{value}' in column '{name}' is not a number",
                             "write plain numbers (no currency signs or thousands separators); leave missing cells empty")
                reported = True
    ragged = None if reported else _ragged_row(path, len(header))
    if ragged is not None:
        problems.add(rel, ragged[0], f"the row has {ragged[1]} cells but the header has {len(header)} columns",
                     "give every row one cell per column; quote cells that contain commas")
    elif not reported:
        problems.add(rel, None, f"cannot parse the CSV: {exc}")


def _bad_period(column: pa.ChunkedArray) -> tuple[int, str] | None:
    """(line, value) of the first cell that is not a YYYY-MM month, if any."""
    if column.null_count == 0 and all(is_period(p) for p in _distinct(column)):
        return None
    for index, value in enumerate(column.cast(pa.string()).to_pylist()):  # the rare bad file only
        if value is None or not is_period(value):
            return index + 2, value or ""
    return None  # pragma: no cover - the distinct values said otherwise


def _distinct(column: pa.ChunkedArray) -> set[str]:
    """The values of a dictionary-encoded column (each chunk's dictionary holds only values it uses)."""
    values: set[str] = set()
    for chunk in column.chunks:
        values.update(chunk.dictionary.to_pylist())
    return values


def _first_lines(read: ReadSnapshots, name: str, values: set[str]) -> dict[str, tuple[str, int]]:
    """The file and line of the first row whose ``name`` is each of ``values``: one pass over the
    joined column, whichever the number of values."""
    assert read.table is not None
    row_codes, dictionary = codes(read.table[name])
    present, first_rows = np.unique(row_codes, return_index=True)
    starts = np.cumsum([0] + [t.num_rows for _, t in read.tables])
    found: dict[str, tuple[str, int]] = {}
    for code, row in zip(present.tolist(), first_rows.tolist(), strict=True):
        if code >= 0 and dictionary[code] in values:
            file = int(np.searchsorted(starts, row, side="right")) - 1
            found[dictionary[code]] = (read.tables[file][0], row - int(starts[file]) + 2)
    return found


@dataclass
class ReadSnapshots:
    """Parsed snapshot files, before they are checked against the catalogs."""

    measures: tuple[str, ...]
    tables: list[tuple[str, pa.Table]] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    table: pa.Table | None = None  # all rows, dictionaries unified; None when no file was read


def read_snapshots(root: Path, data_dir: Path, measures: set[str]) -> ReadSnapshots:
    """Parse every ``data/snapshots/*.csv`` and join them. Thread-safe: problems go to the
    result's own list, and nothing here needs the catalogs."""
    result = ReadSnapshots(tuple(sorted(measures)))
    folder = data_dir / "snapshots"
    if folder.is_dir():
        for path in sorted(folder.glob("*.csv")):
            rel = path.relative_to(root).as_posix()
            table = _read_one(path, rel, measures, result.problems)
            if table is not None:
                result.tables.append((rel, table))
    _same_period_twice(result)
    if result.tables:
        table = pa.concat_tables([t for _, t in result.tables], promote_options="default")
        result.table = table.unify_dictionaries()
    return result


def _same_period_twice(result: ReadSnapshots) -> None:
    """A period in two files would be summed (a copied file doubles the month): refuse it."""
    first: dict[str, str] = {}
    clashes: dict[tuple[str, str], list[str]] = {}
    for rel, table in result.tables:
        if not table.num_rows:
            continue
        for period in sorted(_distinct(table[PERIOD]) if pa.types.is_dictionary(table[PERIOD].type)
                             else set(table[PERIOD].to_pylist())):
            if period in first:
                clashes.setdefault((first[period], rel), []).append(period)
            else:
                first[period] = rel
    for (earlier, later), periods in clashes.items():
        shown = ", ".join(periods[:5]) + (" ..." if len(periods) > 5 else "")
        result.problems.add(later, None, f"period {shown} is also in {earlier}; its rows would be counted twice",
                            "keep each period in one snapshot file")
    if clashes:
        result.tables = []


def assemble_snapshots(read: ReadSnapshots, known: dict[str, set[str]], problems: Problems) -> Snapshots:
    """The joined snapshots; ``known`` maps catalog dimensions to their ids."""
    problems.items.extend(read.problems.items)
    if read.table is None:
        return Snapshots.empty(read.measures)
    table = read.table
    files = [
        SnapshotFile(rel, tuple(sorted(_distinct(t[PERIOD]))) if t.num_rows else (), t.num_rows)
        for rel, t in read.tables
    ]
    unknown_ids: dict[tuple[str, str], tuple[str, int]] = {}
    for name in table.column_names:
        if name in known:
            column = table[name]  # one dictionary shared by every chunk, since they were unified
            ids = set(column.chunk(0).dictionary.to_pylist()) if column.num_chunks else set()
            unknown = ids - known[name]
            if unknown:
                lines = _first_lines(read, name, unknown)
                unknown_ids.update(((name, value), lines[value]) for value in sorted(unknown))
    measures = set(read.measures)
    dims = tuple(sorted(c for c in table.column_names if c != PERIOD and c not in measures))
    present = tuple(sorted(c for c in table.column_names if c in measures))
    return Snapshots(table, dims, present, files, unknown_ids)
