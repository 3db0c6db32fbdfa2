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
import pyarrow.csv as pacsv

from ..metrics.arrays import codes, repeated
from ..model.dates import is_period
from ..model.snapshots import PERIOD, SnapshotFile, Snapshots
from .problems import Problems


def _header(path: Path) -> list[str]:
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        line = handle.readline()
    return [h.strip() for h in next(csv.reader(io.StringIO(line)), [])]


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
    except (OSError, UnicodeDecodeError) as exc:
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
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=True,
                                                 quoted_strings_can_be_null=True),
        )
    except pa.ArrowInvalid as exc:
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
        return None
    if table.num_rows == 0:
        return table
    if PERIOD in header:
        bad = _bad_period(table[PERIOD])
        if bad is not None:
            problems.add(rel, bad[0], f"period '{bad[1]}' is not a month", "write periods as YYYY-MM, e.g. 2026-10")
            return None
    else:
        table = table.append_column(PERIOD, repeated(path.stem, table.num_rows))
    return table


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
    if result.tables:
        table = pa.concat_tables([t for _, t in result.tables], promote_options="default")
        result.table = table.unify_dictionaries()
    return result


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
