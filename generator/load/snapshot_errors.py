"""Say which file, line and cell of the snapshots is wrong, when the one pass over them
(:mod:`generator.load.snapshots`) fails: each file is read again alone, and when DuckDB refuses it,
Python's CSV reader finds the line; a cell DuckDB parses but cannot sum exactly (inf, NaN, 1e22
or more) is found by DuckDB, by its row."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

from ..metrics.duck import LARGEST, WIDE, literal, quote
from .problems import Problems
from .snapshots import _csv, _File, scan

NOT_A_NUMBER = "write plain numbers (no currency signs or thousands separators); leave missing cells empty"


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


def diagnose(con: Any, file: _File, measures: set[str], problems: Problems) -> None:
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
        return
    _unsummable(con, file, measures, problems)


def _unsummable(con: Any, file: _File, measures: set[str], problems: Problems, limit: int = 5) -> None:
    """Cells that parse as numbers but cannot be summed exactly (inf, NaN, 1e22 or more; see
    ``metrics.duck.WIDE``), each a problem at its line (the file is read again, in order: its
    header is line 1)."""
    columns = [c for c in file.header if c in measures]
    flags = [f"({quote(m)} IS NOT NULL AND try_cast({quote(m)} AS {WIDE}) IS NULL)" for m in columns]
    cursor = con.cursor()
    try:
        cursor.execute(f"CREATE TEMP TABLE _lines AS SELECT {', '.join(map(quote, columns))} "
                       f"FROM ({scan([file], [0], measures)})")
        found = cursor.execute(f"SELECT rowid, {', '.join(map(quote, columns))}, {', '.join(flags)} FROM _lines "
                               f"WHERE {' OR '.join(flags)} ORDER BY rowid LIMIT {limit}").fetchall()
    finally:
        cursor.execute("DROP TABLE IF EXISTS _lines")
        cursor.close()
    for rowid, *cells in found:
        for measure, value, bad in zip(columns, cells[:len(columns)], cells[len(columns):], strict=True):
            if not bad:
                continue
            if not math.isfinite(value):
                problems.add(file.rel, rowid + 2, f"'{value}' in column '{measure}' is not a finite number",
                             "write plain numbers; leave a missing value empty")
            else:  # out of the range of WIDE
                shown = f"{value:g}".replace("e+", "e")
                problems.add(file.rel, rowid + 2, f"'{shown}' in column '{measure}' is too large to sum: "
                             f"snapshot values must be less than {LARGEST:.0e} in magnitude".replace("e+", "e"),
                             "check the column's unit (cents, micros ...)")


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
