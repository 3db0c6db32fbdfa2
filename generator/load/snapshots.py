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

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

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
    # Dimensions are dictionary-encoded: fewer bytes, and grouping on integer codes is fast.
    text = pa.dictionary(pa.int32(), pa.string())
    types = {name: (pa.float64() if name in measures else pa.string() if name == PERIOD else text) for name in header}
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
        periods = table[PERIOD]
        valid = pc.match_substring_regex(pc.fill_null(periods, ""), r"^\d{4}-(0[1-9]|1[0-2])$")
        if not pc.all(valid).as_py():
            index = pc.index(valid, False).as_py()
            value = periods[index].as_py()
            problems.add(rel, index + 2, f"period '{value or ''}' is not a month",
                         "write periods as YYYY-MM, e.g. 2026-10")
            return None
    else:
        table = table.append_column(PERIOD, pa.array([path.stem] * table.num_rows, pa.string()))
    return table


def _unknown_ids(table: pa.Table, known: dict[str, set[str]]) -> list[tuple[str, str, int]]:
    """(dimension, id, line) of the first row of each id its catalog lacks."""
    found: list[tuple[str, str, int]] = []
    for name in table.column_names:
        if name in known:
            for value in pc.unique(table[name]).to_pylist():
                if value is not None and value not in known[name]:
                    found.append((name, value, pc.index(table[name].cast(pa.string()), value).as_py() + 2))
    return found


@dataclass
class ReadSnapshots:
    """Parsed snapshot files, before they are checked against the catalogs."""

    measures: tuple[str, ...]
    tables: list[tuple[str, pa.Table]] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)


def read_snapshots(root: Path, data_dir: Path, measures: set[str]) -> ReadSnapshots:
    """Parse every ``data/snapshots/*.csv``. Thread-safe: problems go to the result's own list."""
    result = ReadSnapshots(tuple(sorted(measures)))
    folder = data_dir / "snapshots"
    if folder.is_dir():
        for path in sorted(folder.glob("*.csv")):
            rel = path.relative_to(root).as_posix()
            table = _read_one(path, rel, measures, result.problems)
            if table is not None:
                result.tables.append((rel, table))
    return result


def assemble_snapshots(read: ReadSnapshots, known: dict[str, set[str]], problems: Problems) -> Snapshots:
    """One table from the parsed files; ``known`` maps catalog dimensions to their ids."""
    problems.items.extend(read.problems.items)
    files: list[SnapshotFile] = []
    unknown_ids: dict[tuple[str, str], tuple[str, int]] = {}
    for rel, table in read.tables:
        for dim, value, line in _unknown_ids(table, known):
            unknown_ids.setdefault((dim, value), (rel, line))
        periods = tuple(sorted(pc.unique(table[PERIOD]).to_pylist())) if table.num_rows else ()
        files.append(SnapshotFile(rel, periods, table.num_rows, tuple(table.column_names)))
    if not read.tables:
        return Snapshots.empty(read.measures)
    table = pa.concat_tables([t for _, t in read.tables], promote_options="default")
    measures = set(read.measures)
    dims = tuple(sorted(c for c in table.column_names if c != PERIOD and c not in measures))
    present = tuple(sorted(c for c in table.column_names if c in measures))
    if any(pa.types.is_dictionary(f.type) for f in table.schema):
        table = table.unify_dictionaries()
    return Snapshots(table, dims, present, files, unknown_ids)
