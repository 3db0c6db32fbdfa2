"""Read the metric snapshots (``data/snapshots/*.csv``) into one Arrow table.

Each file is parsed once by Arrow's multithreaded CSV reader: dimension columns as strings,
measure columns as float64 (an empty cell is missing, never zero). Rows are not looked at in
Python; per-KPI answers come from grouped tables (see ``metrics.cube``).
"""

from __future__ import annotations

import csv
import io
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


def _read_one(
    path: Path, rel: str, measures: set[str], catalog_dims: set[str], problems: Problems
) -> tuple[pa.Table | None, list[tuple[str, str, int]]]:
    try:
        header = _header(path)
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(rel, 1, f"cannot read the snapshot: {exc}", "save it as UTF-8 CSV")
        return None, []
    if not header or header == [""]:
        problems.add(rel, 1, "the snapshot is empty", "add a header line and rows, or delete the file")
        return None, []
    seen: set[str] = set()
    for name in header:
        if not name:
            problems.add(rel, 1, "a column has no name", "give every column a header")
            return None, []
        if name in seen:
            problems.add(rel, 1, f"the column '{name}' appears twice", "keep one of them")
            return None, []
        seen.add(name)
    if PERIOD not in header and not is_period(path.stem):
        problems.add(rel, 1, "no 'period' column and the file name is not a period",
                     "name the file YYYY-MM.csv or add a period column")
        return None, []
    if not any(name in measures for name in header):
        problems.add(rel, 1, "no column of the snapshot is a measure of data/metrics.yaml",
                     f"columns are {', '.join(header)}; measures are {', '.join(sorted(measures)) or 'none'}")
        return None, []
    types = {name: (pa.float64() if name in measures else pa.string()) for name in header}
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
        if not reported:
            problems.add(rel, None, f"cannot parse the CSV: {exc}")
        return None, []
    if table.num_rows == 0:
        return table, []
    if PERIOD in header:
        periods = table[PERIOD]
        valid = pc.match_substring_regex(pc.fill_null(periods, ""), r"^\d{4}-(0[1-9]|1[0-2])$")
        if not pc.all(valid).as_py():
            index = pc.index(valid, False).as_py()
            value = periods[index].as_py()
            problems.add(rel, index + 2, f"period '{value or ''}' is not a month",
                         "write periods as YYYY-MM, e.g. 2026-10")
            return None, []
    else:
        table = table.append_column(PERIOD, pa.array([path.stem] * table.num_rows, pa.string()))
    first: list[tuple[str, str, int]] = []
    dims = [name for name in header if name in catalog_dims]
    if dims:
        rows = pa.array(range(table.num_rows), pa.int64())
        indexed = pa.table({**{name: table[name] for name in dims}, "__row": rows})
        for name in dims:
            grouped = indexed.group_by(name).aggregate([("__row", "min")])
            for value, row in zip(grouped[name].to_pylist(), grouped["__row_min"].to_pylist(), strict=True):
                if value is not None:
                    first.append((name, value, row + 2))
    return table, first


def load_snapshots(
    root: Path, data_dir: Path, measures: set[str], catalog_dims: set[str], problems: Problems
) -> Snapshots:
    folder = data_dir / "snapshots"
    if not folder.is_dir():
        return Snapshots.empty(tuple(sorted(measures)))
    tables: list[pa.Table] = []
    files: list[SnapshotFile] = []
    first_seen: dict[tuple[str, str], tuple[str, int]] = {}
    for path in sorted(folder.glob("*.csv")):
        rel = path.relative_to(root).as_posix()
        table, first = _read_one(path, rel, measures, catalog_dims, problems)
        if table is None:
            continue
        for dim, value, line in first:
            first_seen.setdefault((dim, value), (rel, line))
        periods = tuple(sorted(pc.unique(table[PERIOD]).to_pylist())) if table.num_rows else ()
        files.append(SnapshotFile(rel, periods, table.num_rows, tuple(table.column_names)))
        tables.append(table)
    if not tables:
        return Snapshots.empty(tuple(sorted(measures)))
    table = pa.concat_tables(tables, promote_options="default")
    dims = tuple(sorted(c for c in table.column_names if c != PERIOD and c not in measures))
    present = tuple(sorted(c for c in table.column_names if c in measures))
    return Snapshots(table, dims, present, files, first_seen)
