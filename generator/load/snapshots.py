"""Read the metric snapshots (``data/snapshots/*.csv`` and ``*.parquet``) into DuckDB.

Each file's header is checked here (names, a period, at least one measure); its rows are then
parsed by DuckDB's multithreaded reader into one in-memory table: dimension columns as text,
measure columns as DOUBLE (an empty cell is missing, never zero). Rows are never looked at in
Python: per-KPI answers come from grouped queries (see ``metrics.cube``), and the checks over
the rows (periods, ids the catalogs lack) are DISTINCT and grouped queries too. When DuckDB
refuses a file, the file is read again here to say which line and cell is wrong.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..metrics.duck import DuckDBTable, connect, literal, quote
from ..model.dates import is_period
from ..model.snapshots import PERIOD, MetricSource, SnapshotFile, Snapshots
from .problems import Problems

TABLE = "snapshots"
FILE = "_file"  # the index of the file a row came from; with rowid it gives the row's line
NOT_A_NUMBER = "write plain numbers (no currency signs or thousands separators); leave missing cells empty"
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


def _check_header(header: list[str], path: Path, rel: str, measures: set[str], problems: Problems) -> bool:
    if not header or header == [""]:
        problems.add(rel, 1, "the snapshot is empty", "add a header line and rows, or delete the file")
        return False
    seen: set[str] = set()
    for name in header:
        if not name:
            problems.add(rel, 1, "a column has no name", "give every column a header")
            return False
        if name in seen:
            problems.add(rel, 1, f"the column '{name}' appears twice", "keep one of them")
            return False
        seen.add(name)
    if PERIOD not in header and not is_period(path.stem):
        problems.add(rel, 1, "no 'period' column and the file name is not a period",
                     "name the file YYYY-MM.csv or add a period column")
        return False
    if not any(name in measures for name in header):
        problems.add(rel, 1, "no column of the snapshot is a measure of data/metrics.yaml",
                     f"columns are {', '.join(header)}; measures are {', '.join(sorted(measures)) or 'none'}")
        return False
    return True


@dataclass
class _File:
    path: Path
    rel: str
    header: list[str]
    parquet: bool


@dataclass
class ReadSnapshots:
    """Parsed snapshot files, before they are checked against the catalogs."""

    measures: tuple[str, ...]
    files: list[tuple[str, int]] = field(default_factory=list)  # (file, rows); a row's FILE indexes this
    problems: Problems = field(default_factory=Problems)
    con: Any = None  # the DuckDB connection holding the rows; None when no file was read
    columns: tuple[str, ...] = ()
    folder: str = "data/snapshots"


def _headers(root: Path, folder: Path, measures: set[str], problems: Problems) -> list[_File]:
    found: list[_File] = []
    paths = sorted([*folder.glob("*.csv"), *folder.glob("*.parquet")])
    for path in paths:
        rel = path.relative_to(root).as_posix()
        parquet = path.suffix == ".parquet"
        try:
            header = _parquet_columns(path) if parquet else _header(path)
        except _Refused as exc:
            problems.add(rel, 1, str(exc), "split the export, or keep only the columns opsmanual needs")
            continue
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            problems.add(rel, 1, f"cannot read the snapshot: {exc}", "save it as UTF-8 CSV")
            continue
        except Exception as exc:  # noqa: BLE001 - DuckDB's own errors: not a Parquet file
            problems.add(rel, None, f"cannot read the Parquet file: {str(exc).splitlines()[0]}")
            continue
        if _check_header(header, path, rel, measures, problems):
            found.append(_File(path, rel, header, parquet))
    return found


def _parquet_columns(path: Path) -> list[str]:
    import duckdb

    return [row[0] for row in duckdb.connect().execute(
        f"DESCRIBE SELECT * FROM read_parquet({literal(str(path))})").fetchall()]


def read_snapshots(root: Path, data_dir: Path, measures: set[str]) -> ReadSnapshots:
    """Parse every snapshot file into one DuckDB table. Thread-safe (DuckDB releases the GIL
    while it parses): problems go to the result's own list, and nothing here needs the catalogs.

    Files with the same header are read by one multi-file scan (DuckDB parses them in parallel);
    each row keeps the index of its file. When a scan fails, its files are read one by one to
    say which file, line and cell is wrong."""
    folder = data_dir / "snapshots"
    result = ReadSnapshots(tuple(sorted(measures)), folder=_relative(folder, root))
    if not folder.is_dir():
        return result
    files = _headers(root, folder, measures, result.problems)
    if not files:
        return result
    import duckdb

    con = connect()
    groups: dict[tuple[bool, tuple[str, ...]], list[int]] = {}
    for index, file in enumerate(files):
        groups.setdefault((file.parquet, tuple(file.header)), []).append(index)
    tables: list[str] = []
    for number, members in enumerate(groups.values()):
        name = f"{TABLE}_{number}"
        try:
            con.execute(f"CREATE TABLE {name} AS {_scan([files[i] for i in members], members, measures)}")
        except duckdb.Error as exc:
            before = len(result.problems.items)
            for index in members:
                _diagnose(con, files[index], measures, result.problems)
            if len(result.problems.items) == before:  # no file alone is wrong: say what DuckDB said
                result.problems.add(files[members[0]].rel, None, f"cannot read the snapshots: {str(exc).splitlines()[0]}")
            continue
        tables.append(name)
    if result.problems:
        return result  # the load fails: nothing more to read
    if len(tables) == 1:
        con.execute(f"ALTER TABLE {tables[0]} RENAME TO {TABLE}")
    else:
        con.execute(f"CREATE TABLE {TABLE} AS " + " UNION ALL BY NAME ".join(f"SELECT * FROM {t}" for t in tables))
        for name in tables:
            con.execute(f"DROP TABLE {name}")
    counts = dict(con.execute(f"SELECT {FILE}, count(*) FROM {TABLE} GROUP BY ALL").fetchall())
    result.files = [(file.rel, counts.get(index, 0)) for index, file in enumerate(files)]
    result.con = con
    result.columns = tuple(c for c in dict.fromkeys([PERIOD] + [name for f in files for name in f.header]))
    return result


def _types(header: list[str], measures: set[str]) -> str:
    return ", ".join(f"{literal(c)}: {literal('DOUBLE' if c in measures else 'VARCHAR')}" for c in header)


def _csv(paths: str, header: list[str], measures: set[str]) -> str:
    return (f"read_csv({paths}, header = true, auto_detect = false, columns = {{{_types(header, measures)}}}, "
            "delim = ',', quote = '\"', escape = '\"', strict_mode = true, null_padding = false)")


def _scan(files: list[_File], indexes: list[int], measures: set[str]) -> str:
    """One SELECT over ``files`` (same header, same kind): the columns typed, the period from the
    file name where there is no period column, and each row's file index."""
    header = files[0].header
    paths = "[" + ", ".join(literal(str(f.path)) for f in files) + "]"
    if files[0].parquet:
        cells = [f"CAST({quote(c)} AS {'DOUBLE' if c in measures else 'VARCHAR'}) AS {quote(c)}" for c in header]
        source = f"read_parquet({paths})"
    else:
        cells = [quote(c) for c in header]
        source = _csv(paths, header, measures)
    if PERIOD not in header:
        stems = "[" + ", ".join(literal(f.path.stem) for f in files) + "]"
        cells.append(f"{stems}[CAST(file_index AS BIGINT) + 1] AS {quote(PERIOD)}")
    first = indexes[0]
    if indexes == list(range(first, first + len(indexes))):
        cells.append(f"CAST(file_index + {first} AS INTEGER) AS {FILE}")
    else:
        cells.append(f"CAST([{', '.join(map(str, indexes))}][CAST(file_index AS BIGINT) + 1] AS INTEGER) AS {FILE}")
    return f"SELECT {', '.join(cells)} FROM {source}"


def _diagnose(con: Any, file: _File, measures: set[str], problems: Problems) -> None:
    """Read one file of a scan that failed; if DuckDB refuses it, say where."""
    import duckdb

    path = "[" + literal(str(file.path)) + "]"
    source = f"read_parquet({path})" if file.parquet else _csv(path, file.header, measures)
    # count(column) of every column: each cell is converted (count(*) would skip them).
    cells = ", ".join(f"count(CAST({quote(c)} AS {'DOUBLE' if c in measures else 'VARCHAR'}))" for c in file.header)
    try:
        con.execute(f"SELECT {cells} FROM {source}").fetchall()
    except duckdb.Error as exc:
        try:
            _explain(file, measures, str(exc), problems)
        except (csv.Error, OSError, UnicodeDecodeError) as detail:  # e.g. a cell longer than any snapshot has
            problems.add(file.rel, None, f"cannot parse the CSV: {detail}", "save it as UTF-8 CSV, one row per line")


def _explain(file: _File, measures: set[str], error: str, problems: Problems) -> None:
    """Say which line and cell of a file DuckDB refused."""
    if file.parquet:
        problems.add(file.rel, None, f"cannot read the Parquet file: {error.splitlines()[0]}",
                     "measure columns must hold numbers")
        return
    reported = False
    for name in file.header:
        if name in measures:
            for line, value in _bad_cells(file.path, name):
                problems.add(file.rel, line, f"'{value}' in column '{name}' is not a number", NOT_A_NUMBER)
                reported = True
    ragged = None if reported else _ragged_row(file.path, len(file.header))
    if ragged is not None:
        problems.add(file.rel, ragged[0], f"the row has {ragged[1]} cells but the header has {len(file.header)} columns",
                     "give every row one cell per column; quote cells that contain commas")
    elif not reported:
        problems.add(file.rel, None, f"cannot parse the CSV: {error.splitlines()[0]}")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _line(read: ReadSnapshots, file: int, rowid: int) -> tuple[str, int]:
    """The file and line of a row (its file's header is line 1): the rows of its file before it."""
    # Numbers written into the SQL: DuckDB's parameter binding imports pandas and pyarrow to check types.
    before = read.con.execute(f"SELECT count(*) FROM {TABLE} WHERE {FILE} = {int(file)} AND rowid < {int(rowid)}").fetchone()[0]
    return read.files[file][0], before + 2


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


def _check_numbers(read: ReadSnapshots, problems: Problems, limit: int = 5) -> None:
    """inf and NaN parse as numbers but are none: each is a problem at its file and line."""
    measures = [c for c in read.columns if c in read.measures]
    if not measures:
        return
    bad = " OR ".join(f"NOT isfinite({quote(m)})" for m in measures)
    cells = ", ".join(quote(m) for m in measures)
    for file, rowid, *values in read.con.execute(
        f"SELECT {FILE}, rowid, {cells} FROM {TABLE} WHERE {bad} ORDER BY {FILE}, rowid LIMIT {limit}"
    ).fetchall():
        rel, line = _line(read, file, rowid)
        for measure, value in zip(measures, values, strict=True):
            if value is not None and not math.isfinite(value):
                problems.add(rel, line, f"'{value}' in column '{measure}' is not a finite number",
                             "write plain numbers; leave a missing value empty")


def assemble_snapshots(read: ReadSnapshots, known: dict[str, set[str]], problems: Problems) -> Snapshots:
    """The snapshots in their DuckDB table; ``known`` maps catalog dimensions to their ids."""
    problems.items.extend(read.problems.items)
    if read.con is None:
        return Snapshots.empty(read.measures)
    con = read.con
    per_file: dict[int, list[str]] = {}
    periods: set[str] = set()
    for index, period, first in con.execute(
        f"SELECT {FILE}, {quote(PERIOD)}, min(rowid) FROM {TABLE} GROUP BY ALL ORDER BY ALL"
    ).fetchall():
        if period is None or not is_period(period):
            file, line = _line(read, index, first)
            problems.add(file, line, f"period '{period or ''}' is not a month", "write periods as YYYY-MM, e.g. 2026-10")
            continue
        per_file.setdefault(index, []).append(period)
        periods.add(period)
    _same_period_twice(read, per_file, problems)
    files = [SnapshotFile(rel, tuple(per_file.get(i, ())), rows) for i, (rel, rows) in enumerate(read.files)]
    _check_numbers(read, problems)
    unknown_ids: dict[tuple[str, str], tuple[str, int]] = {}
    checked = [name for name in read.columns if name in known]
    ids: dict[str, set[str]] = {name: set() for name in checked}
    if checked:  # the distinct ids of every catalog dimension, in one statement
        union = " UNION ALL ".join(f"SELECT DISTINCT {literal(n)}, {quote(n)} FROM {TABLE}" for n in checked)
        for name, value in con.execute(union).fetchall():
            ids[name].add(value)
    for name in checked:
        unknown = sorted(ids[name] - known[name] - {None})
        if unknown:
            listed = ", ".join(literal(v) for v in unknown)
            for value, file, first in con.execute(
                f"SELECT {quote(name)}, min({{'f': {FILE}, 'r': rowid}}).f, min({{'f': {FILE}, 'r': rowid}}).r "
                f"FROM {TABLE} WHERE {quote(name)} IN ({listed}) GROUP BY ALL"
            ).fetchall():
                unknown_ids[(name, value)] = _line(read, file, first)
    measures = set(read.measures)
    dims = tuple(sorted(c for c in read.columns if c != PERIOD and c not in measures))
    present = tuple(sorted(c for c in read.columns if c in measures))
    rows = sum(rows for _, rows in read.files)
    source = MetricSource("files", "duckdb", read.folder, rows)
    return Snapshots(DuckDBTable(con, TABLE), dims, present, sorted(periods), files,
                     dict(sorted(unknown_ids.items())), source, rows)
