"""Read the metric snapshots (``data/snapshots/*.csv`` and ``*.parquet``) into DuckDB.

Each file's header is checked here (names, a period, at least one measure). Its rows are then
parsed by DuckDB's multithreaded reader (dimension columns as text, measure columns as DOUBLE; an
empty cell is missing, never zero) in one pass over every file that sums them by several sets of
dimensions at once (GROUPING SETS), each set with the file and the period: the file and period
alone (rows per file, the periods); every
dimension of few values together (channel, persona, region ...); and each dimension of many values
alone (content ...). Which dimensions have few values, a sample of the rows says. The sums are
exact (``metrics.duck.EXACT``: each cell to 6 decimals), so they do not depend on the order in
which DuckDB's threads meet the rows. A cell of 1e12 or more fails the pass, which then runs again
with the wider type; a cell that cannot be summed so either (inf, NaN, 1e22 or more) fails that
one too, and is then found with its line. Only the grouped
rows are kept, never the rows: per-KPI answers sum them again (see ``metrics.duck.DuckDBGroups``),
and the checks (periods, ids the catalogs lack) read them. Where a problem needs its line, or when
DuckDB refuses a file, that one file is read again to say which line and cell.

Grouped rows are kept per file, so that a later read (the preview's, after an edit) parses only the
files that changed and keeps the other files' grouped rows.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..metrics.duck import FILE, ROWS, SET, DuckDBGroups, connect, exact, literal, quote
from ..model.dates import is_period
from ..model.snapshots import PERIOD
from .problems import Problems

GROUPS = "snapshot_groups"  # the grouped rows; each read's table gets a number of its own
MAX_HEADER_CHARS = 1_000_000  # the header line of a snapshot
MAX_COLUMNS = 2_000  # columns of a snapshot: dimensions and measures
SAMPLE_ROWS = 100_000  # rows of one file that say which dimensions have few values
GROUPED_SHARE = 0.5  # dimensions are summed together while their groups are at most this share of a period's rows


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
    """Parsed snapshot files, before they are checked against the catalogs: their grouped rows
    in DuckDB (``engine``) and what the checks need of them."""

    measures: tuple[str, ...]
    files: list[tuple[str, int]] = field(default_factory=list)  # (file, rows), in file order
    problems: Problems = field(default_factory=Problems)
    con: Any = None  # the DuckDB connection holding the grouped rows; None when no file was read
    columns: tuple[str, ...] = ()
    folder: str = "data/snapshots"
    engine: DuckDBGroups | None = None
    parsed: tuple[str, ...] = ()  # the files this read parsed (the others' grouped rows were kept)
    dims: tuple[str, ...] = ()  # the dimension columns, in the order of GROUPING()
    sets: tuple[tuple[str, ...], ...] = ()  # the sets of dimensions the rows were summed by
    ids: dict[str, int] = field(default_factory=dict)  # file: its id in the FILE column
    headers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file: its header
    scans: list[_File] = field(default_factory=list)  # every file, in file order
    periods: list[tuple[int, str | None]] = field(default_factory=list)  # (file index, period)
    values: dict[str, set[str | None]] = field(default_factory=dict)  # dimension: its distinct values
    tables: int = 0  # tables of grouped rows the connection has had


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


def read_snapshots(root: Path, data_dir: Path, measures: set[str], previous: ReadSnapshots | None = None,
                   unchanged: frozenset[str] = frozenset()) -> ReadSnapshots:
    """Parse every snapshot file into grouped rows in DuckDB, in one pass. Thread-safe (DuckDB
    releases the GIL while it parses): problems go to the result's own list, and nothing here needs
    the catalogs.

    With ``previous`` (an earlier read of the same folder that nothing queries any more), the files
    named in ``unchanged`` keep their grouped rows and only the others are parsed; its table is
    dropped. When the pass fails, its files are read one by one to say which file, line and cell
    is wrong."""
    folder = data_dir / "snapshots"
    result = ReadSnapshots(tuple(sorted(measures)), folder=_relative(folder, root))
    if not folder.is_dir():
        return result
    files = _headers(root, folder, measures, result.problems)
    if not files:
        return result
    import duckdb

    columns = tuple(dict.fromkeys([PERIOD] + [name for f in files for name in f.header]))
    dims = tuple(sorted(c for c in columns if c != PERIOD and c not in measures))
    reuse = (previous is not None and previous.engine is not None and previous.measures == result.measures
             and previous.dims == dims and previous.columns == columns)
    if reuse and previous is not None:
        con, sets, result.tables = previous.con, previous.sets, previous.tables
        kept = {f.rel: previous.ids[f.rel] for f in files if f.rel in unchanged and f.rel in previous.ids
                and previous.headers.get(f.rel) == tuple(f.header)}
        next_id = max(previous.ids.values(), default=-1) + 1
    else:
        con = connect()
        sets = _sets(con, files, dims, measures)
        kept, next_id = {}, 0
    result.con, result.columns, result.dims, result.sets, result.scans = con, columns, dims, sets, files
    for file in files:
        if file.rel in kept:
            result.ids[file.rel] = kept[file.rel]
        else:
            result.ids[file.rel], next_id = next_id, next_id + 1
        result.headers[file.rel] = tuple(file.header)
    todo = [f for f in files if f.rel not in kept]
    result.parsed = tuple(f.rel for f in todo)
    result.tables += 1
    table = f"{GROUPS}_{result.tables}"
    present = tuple(c for c in columns if c in measures)
    try:
        if reuse and previous is not None and previous.engine is not None:
            listed = ", ".join(str(i) for i in kept.values()) or "NULL"
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM {previous.engine.table} WHERE {FILE} IN ({listed})")
            if todo:
                _summed(con, f"INSERT INTO {table}", lambda wide: _grouped(todo, result.ids, dims, sets, present,
                                                                          measures, wide))
            con.execute(f"DROP TABLE {previous.engine.table}")
        else:
            _summed(con, f"CREATE TABLE {table} AS",
                    lambda wide: _grouped(todo, result.ids, dims, sets, present, measures, wide))
    except duckdb.Error as exc:
        con.execute(f"DROP TABLE IF EXISTS {table}")  # the previous read's table stays, for the next
        before = len(result.problems.items)
        from .snapshot_errors import diagnose  # it reads the files as this module does

        for file in todo:
            diagnose(con, file, measures, result.problems)
        if len(result.problems.items) == before:  # no file alone is wrong: say what DuckDB said
            result.problems.add(todo[0].rel, None, f"cannot read the snapshots: {str(exc).splitlines()[0]}")
        return result
    if result.problems:
        return result  # the load fails: nothing more to read
    counts = dict(con.execute(f"SELECT {SET}, count(*) FROM {table} GROUP BY ALL").fetchall())
    result.engine = DuckDBGroups(con, table, {key: (number, counts.get(number, 0)) for number, key in enumerate(sets)},
                                 _source(files, result.ids, measures))
    _summarise(result, table, 0)
    return result


def _summed(con: Any, statement: str, grouped: Callable[[bool], str]) -> None:
    """Run the pass (``statement`` and the SELECT ``grouped`` makes) with the 64-bit exact type;
    a cell it cannot hold fails it, and it runs again with the wide one (the same sums, slower)."""
    import duckdb

    try:
        con.execute(f"{statement} {grouped(False)}")
    except duckdb.Error:
        con.execute(f"{statement} {grouped(True)}")


def _summarise(read: ReadSnapshots, table: str, base: int) -> None:
    """Rows per file, each file's periods, and the distinct values of each dimension, from the
    grouped rows."""
    con = read.con
    index = {read.ids[f.rel]: i for i, f in enumerate(read.scans)}
    rows = [0] * len(read.scans)
    for file, period, count in con.execute(
        f"SELECT {FILE}, {quote(PERIOD)}, {ROWS} FROM {table} WHERE {SET} = {base}"
    ).fetchall():
        rows[index[file]] += count
        read.periods.append((index[file], period))
    read.periods.sort(key=lambda p: (p[0], p[1] is None, p[1] or ""))
    read.files = [(f.rel, rows[i]) for i, f in enumerate(read.scans)]
    assert read.engine is not None
    smallest = {d: min((rows, number) for key, (number, rows) in read.engine.sets.items() if d in key)[1]
                for d in read.dims}
    read.values = {d: set() for d in read.dims}
    if read.dims:  # the distinct values of every dimension, in one statement
        union = " UNION ALL ".join(f"SELECT DISTINCT {literal(d)}, {quote(d)} FROM {table} WHERE {SET} = {smallest[d]}"
                                   for d in read.dims)
        for name, value in con.execute(union).fetchall():
            read.values[name].add(value)


def _sets(con: Any, files: list[_File], dims: tuple[str, ...], measures: set[str]) -> tuple[tuple[str, ...], ...]:
    """The sets of dimensions to sum by: none (the file and period alone); the dimensions of few
    values together, as long as their groups stay under GROUPED_SHARE of a period's rows (fewer
    than one sum per two rows), by a sample of the file with the most dimensions; each other alone."""
    if not dims:
        return ((),)
    sample = max(files, key=lambda f: sum(c in dims for c in f.header))
    there = [d for d in dims if d in sample.header]
    cells = ", ".join(["count(*)", f"count(DISTINCT {quote(PERIOD)})", *(f"count(DISTINCT {quote(d)})" for d in there)])
    import duckdb

    try:
        found = con.execute(f"SELECT {cells} FROM (SELECT * FROM ({scan([sample], [0], measures)}) "
                            f"LIMIT {SAMPLE_ROWS})").fetchone()
    except duckdb.Error:  # the pass fails too, and says where
        return ((), dims)
    per_period = found[0] / max(1, found[1])
    counts = {d: 1 for d in dims} | {d: max(1, n) for d, n in zip(there, found[2:], strict=True)}
    together = sorted(dims, key=lambda d: (counts[d], d))
    while together and math.prod(counts[d] for d in together) > GROUPED_SHARE * per_period:
        together.pop()  # the dimension of most values goes alone
    alone = [(d,) for d in dims if d not in together]
    return ((), *([tuple(sorted(together))] if together else []), *alone)


def _source(files: list[_File], ids: dict[str, int], measures: set[str]) -> str:
    """A SELECT of every row of ``files``: files with the same header in one multi-file scan."""
    groups: dict[tuple[bool, tuple[str, ...]], list[_File]] = {}
    for file in files:
        groups.setdefault((file.parquet, tuple(file.header)), []).append(file)
    scans = [scan(members, [ids[f.rel] for f in members], measures) for members in groups.values()]
    return scans[0] if len(scans) == 1 else " UNION ALL BY NAME ".join(f"({scan})" for scan in scans)


def _grouped(files: list[_File], ids: dict[str, int], dims: tuple[str, ...], sets: tuple[tuple[str, ...], ...],
             present: tuple[str, ...], measures: set[str], wide: bool) -> str:
    """One pass over ``files`` summing every measure by each set of ``sets`` with the file and period
    (each cell as :func:`~generator.metrics.duck.exact` has it)."""
    names = [FILE, quote(PERIOD), *map(quote, dims)]
    keys = ", ".join("(" + ", ".join([FILE, quote(PERIOD), *map(quote, key)]) + ")" for key in sets)
    sums = "".join(f", sum({exact(quote(m), wide)}) AS {quote(m)}" for m in present)
    # Each set's number (its index in ``sets``; 0 is the file and period alone): a dimension of the
    # set that no other set has is grouped (GROUPING() of it is 0) in its rows only.
    number = " ".join(f"WHEN GROUPING({quote(key[0])}) = 0 THEN {i}" for i, key in enumerate(sets) if key)
    number = f"CASE {number} ELSE 0 END" if number else "0"
    # Columns that only the other files have (a read of the files that changed): missing here.
    there = {c for f in files for c in f.header}
    absent = [f"NULL::{'DOUBLE' if c in measures else 'VARCHAR'} AS {quote(c)}"
              for c in (*dims, *present) if c not in there]
    rows = f"SELECT *, {', '.join(absent)} FROM ({_source(files, ids, measures)})" if absent else _source(files, ids, measures)
    return (f"SELECT {number} AS {SET}, {', '.join(names)}, count(*) AS {ROWS}{sums} "
            f"FROM ({rows}) GROUP BY GROUPING SETS ({keys})")


def _types(header: list[str], measures: set[str]) -> str:
    return ", ".join(f"{literal(c)}: {literal('DOUBLE' if c in measures else 'VARCHAR')}" for c in header)


def _csv(paths: str, header: list[str], measures: set[str]) -> str:
    return (f"read_csv({paths}, header = true, auto_detect = false, columns = {{{_types(header, measures)}}}, "
            "delim = ',', quote = '\"', escape = '\"', strict_mode = true, null_padding = false)")


def scan(files: list[_File], indexes: list[int], measures: set[str]) -> str:
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


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
