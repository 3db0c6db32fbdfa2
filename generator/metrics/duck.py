"""Grouped sums in DuckDB: the engine of the snapshot files (and of nothing else: databases go
through :mod:`generator.metrics.warehouse`).

DuckDB is imported only when a project has snapshot files, so a run without them never pays
for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from ..model.snapshots import PERIOD, Grouped

SET = "_set"  # a grouped row's set of dimensions: its number
FILE = "_file"  # the file a grouped row was summed from (an id of the load that read it)
ROWS = "_rows"  # how many rows a grouped row sums
MAX_GROUPING = 64  # columns DuckDB's GROUPING() takes (the period is one of them)
# A measure cell as the sums count it: a decimal of 6 places (the DOUBLE parsed from the file,
# rounded to the nearest millionth), summed exactly, as integers are. A floating-point sum in
# parallel depends on the order in which the threads' partial sums meet; this one does not, so the
# same rows give the same bits. EXACT holds a cell under 1e12 in magnitude in 64 bits (cheap to
# convert to); WIDE, with the same value for those, any cell under 1e22. Sums are DECIMAL(38, 6):
# ten billion cells of either.
PLACES = 6
EXACT = f"DECIMAL(18, {PLACES})"
WIDE = f"DECIMAL(28, {PLACES})"
SUMMED = (38, PLACES)  # the sums' precision and scale, here and in a database (metrics.warehouse)
LARGEST = 1e22  # a cell of this magnitude or more (or inf, NaN) does not convert: an input error


def quote(name: str) -> str:
    """``name`` as a SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def connect() -> Any:
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")  # DuckDB draws it on standard output: into a JSON report
    return con


def exact(column: str, wide: bool = False) -> str:
    """A measure column (DOUBLE) as the sums count it (see EXACT); the cast fails on a cell out of range."""
    return f"CAST({column} AS {WIDE if wide else EXACT})"


def total(summed: str) -> str:
    """An exact sum as the nearest DOUBLE, NaN when every summed cell was missing. DuckDB's cast
    is exact below 2^53 millionths; above, it can be one bit off, so the digits are parsed instead."""
    cast = f"CASE WHEN abs({summed}) < 9e9 THEN CAST({summed} AS DOUBLE) ELSE CAST(CAST({summed} AS VARCHAR) AS DOUBLE) END"
    return f"coalesce({cast}, 'NaN'::DOUBLE)"


class DuckDBGroups:
    """The snapshot files' rows, summed once by the loader per set of dimensions (see
    :mod:`generator.load.snapshots`): ``table`` holds, for each set, one row per file, period and
    the set's dimension values, every measure summed (``rows`` is how many rows each sum took). A
    grouping by some of a set's dimensions sums that set's rows again (a sum of partial sums is the
    same sum, and a sum of all-missing sums is still missing); one no set covers is summed from
    the files again (``scan``, a SELECT over every file's rows). Every sum is exact (see EXACT), and
    so are the sums of sums."""

    def __init__(self, con: Any, table: str, sets: dict[tuple[str, ...], tuple[int, int]], scan: str):
        self.con = con
        self.table = table
        self.sets = sets  # dimensions -> (the set's number in SET, its rows in ``table``)
        self.scan = scan
        self.scans = 0  # groupings summed from the files again: none when the sets cover every slice
        self._asked: dict[tuple[str, ...], Grouped] = {}  # the groupings each_group made, by dimensions
        self._one_file_a_period: bool | None = None  # whether no period has rows in two files (asked once)

    def close(self) -> None:
        """Close the connection: the grouped rows and their memory go with it (``Snapshots.close``)."""
        self.con.close()

    def _source(self, dims: tuple[str, ...]) -> tuple[str, str]:
        """The FROM and WHERE of a grouping by ``dims``: the smallest set that has them all."""
        covering = [(rows, number) for key, (number, rows) in self.sets.items() if set(dims) <= set(key)]
        if not covering:
            self.scans += 1
            return f"({self.scan})", "TRUE"
        return self.table, f"{SET} = {min(covering)[1]}"

    def _already_grouped(self, dims: tuple[str, ...]) -> bool:
        """Whether the grouping by ``dims`` is a set's rows as they are: the set is by ``dims``
        (with the file and the period) and no period has rows in two files, so that each key and
        period is one row already, its sums those of the grouping."""
        own = self.sets.get(tuple(sorted(dims)))
        if own is None or () not in self.sets or self._source(dims)[1] != f"{SET} = {own[0]}":
            return False
        if self._one_file_a_period is None:
            self._one_file_a_period = bool(self.con.execute(
                f"SELECT count(*) = count(DISTINCT {quote(PERIOD)}) FROM {self.table} WHERE {SET} = {self.sets[()][0]}"
            ).fetchone()[0])
        return self._one_file_a_period

    def _sum(self, source: str, measure: str) -> str:
        """The sum of ``measure`` over the rows of ``source`` (a FROM of :meth:`_source`), as a
        DOUBLE: of the grouped rows' exact sums, or of the files' cells."""
        cells = quote(measure) if source == self.table else exact(quote(measure), wide=True)
        return f"{total(f'sum({cells})')} AS {quote(measure)}"

    def each_group(self, wanted: list[tuple[str, ...]], measures: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Grouped]]:
        """The groupings by each of ``wanted``, each statement's as soon as it is back: those the
        same set covers in one statement over its rows (GROUPING SETS), each cut from the result
        by its GROUPING() mask."""
        by_source: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for dims in wanted:
            by_source.setdefault(self._source(dims), []).append(dims)
        for (source, where), members in by_source.items():
            alone = [dims for dims in members if self._already_grouped(dims)]
            members = [dims for dims in members if dims not in alone]
            if len(members) == 1 or len({d for dims in members for d in dims}) >= MAX_GROUPING:
                alone, members = alone + members, []
            for dims in alone:
                grouped = self.group(dims, measures)
                self._asked[dims] = grouped
                yield dims, grouped
            if not members:
                continue
            union = sorted({d for dims in members for d in dims})
            keys = [*map(quote, union), quote(PERIOD)]
            sets = ", ".join("(" + ", ".join([*map(quote, dims), quote(PERIOD)]) + ")" for dims in members)
            cells = ", ".join([f"GROUPING({', '.join(keys)}) AS _k", *keys,
                               *(self._sum(source, m) for m in measures)])
            rows = self.con.execute(f"SELECT {cells} FROM {source} WHERE {where} GROUP BY GROUPING SETS ({sets}) "
                                    f"ORDER BY _k, {', '.join(keys)}").fetchnumpy()
            masks = np.asarray(rows["_k"])
            for dims in members:
                mask = sum(1 << (len(keys) - 1 - i) for i, d in enumerate(union) if d not in dims)
                start, end = np.searchsorted(masks, [mask, mask + 1])
                grouped = _grouped({c: rows[c][start:end] for c in (*dims, PERIOD, *measures)}, dims, measures)
                self._asked[dims] = grouped
                yield dims, grouped

    def group(self, dims: tuple[str, ...], measures: tuple[str, ...], period: str | None = None) -> Grouped:
        asked = self._asked.get(dims)
        if asked is not None and not measures and period is None:  # which keys have which periods: known
            return Grouped(asked.keys, asked.periods, np.empty((len(asked.periods), 0)))
        keys = [*map(quote, dims), quote(PERIOD)]
        source, where = self._source(dims)
        sums = [self._sum(source, m) for m in measures]
        if period is not None:
            where += f" AND {quote(PERIOD)} = {literal(period)}"
        if self._already_grouped(dims):  # each sum is one row's: the row's value is it
            cells = [f"{total(quote(m))} AS {quote(m)}" for m in measures]
            sql = f"SELECT {', '.join([*keys, *cells])} FROM {source} WHERE {where} ORDER BY {', '.join(keys)}"
        else:
            sql = (f"SELECT {', '.join([*keys, *sums])} FROM {source} WHERE {where} "
                   f"GROUP BY {', '.join(keys)} ORDER BY {', '.join(keys)}")
        return _grouped(self.con.execute(sql).fetchnumpy(), dims, measures)


def _grouped(found: dict[str, Any], dims: tuple[str, ...], measures: tuple[str, ...]) -> Grouped:
    """Fetched columns as a :class:`Grouped`."""
    return Grouped(
        [_texts(found[d]) for d in dims],
        _periods(found[PERIOD]),
        np.column_stack([np.asarray(found[m], dtype=float) for m in measures]) if measures
        else np.empty((len(found[PERIOD]), 0)),
    )


def _texts(column: Any) -> list[str | None]:
    """A fetched text column as a list; a masked (NULL) cell becomes None."""
    if isinstance(column, np.ma.MaskedArray):
        return [None if masked else value for value, masked in zip(column.data.tolist(),
                                                                     np.ma.getmaskarray(column).tolist(), strict=True)]
    values: list[str | None] = column.tolist()
    return values


def _periods(column: Any) -> list[str]:
    """The period column: never NULL (a row without a period is an input error when the files are read)."""
    periods: list[str] = column.tolist()
    return periods
