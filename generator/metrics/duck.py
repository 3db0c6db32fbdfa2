"""Grouped sums in DuckDB: the engine of the snapshot files (and of nothing else: databases go
through :mod:`generator.metrics.warehouse`).

DuckDB is imported only when a project has snapshot files, so a run without them never pays
for it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..model.snapshots import PERIOD, Grouped

SET = "_set"  # a grouped row's set of dimensions: its number
FILE = "_file"  # the file a grouped row was summed from (an id of the load that read it)
ROWS = "_rows"  # how many rows a grouped row sums
MAX_GROUPING = 64  # columns DuckDB's GROUPING() takes (the period is one of them)


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


class DuckDBGroups:
    """The snapshot files' rows, summed once by the loader per set of dimensions (see
    :mod:`generator.load.snapshots`): ``table`` holds, for each set, one row per file, period and
    the set's dimension values, every measure summed (``rows`` is how many rows each sum took). A
    grouping by some of a set's dimensions sums that set's rows again (a sum of partial sums is the
    same sum, and a sum of all-missing sums is still missing); one no set covers is summed from
    the files again (``scan``, a SELECT over every file's rows)."""

    def __init__(self, con: Any, table: str, sets: dict[tuple[str, ...], tuple[int, int]], scan: str):
        self.con = con
        self.table = table
        self.sets = sets  # dimensions -> (the set's number in SET, its rows in ``table``)
        self.scan = scan
        self.scans = 0  # groupings summed from the files again: none when the sets cover every slice
        self._asked: dict[tuple[str, ...], Grouped] = {}  # the groupings group_many made, by dimensions

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

    def group_many(self, wanted: list[tuple[str, ...]], measures: tuple[str, ...]) -> dict[tuple[str, ...], Grouped]:
        """The groupings by each of ``wanted``: those the same set covers in one statement over its
        rows (GROUPING SETS), each cut from the result by its GROUPING() mask."""
        by_source: dict[str, list[tuple[str, ...]]] = {}
        for dims in wanted:
            source, where = self._source(dims)
            by_source.setdefault(f"{source} WHERE {where}", []).append(dims)
        found: dict[tuple[str, ...], Grouped] = {}
        for source, members in by_source.items():
            if len(members) == 1 or len({d for dims in members for d in dims}) >= MAX_GROUPING:
                found.update((dims, self.group(dims, measures)) for dims in members)
                continue
            union = sorted({d for dims in members for d in dims})
            keys = [*map(quote, union), quote(PERIOD)]
            sets = ", ".join("(" + ", ".join([*map(quote, dims), quote(PERIOD)]) + ")" for dims in members)
            cells = ", ".join([f"GROUPING({', '.join(keys)}) AS _k", *keys,
                               *(f"coalesce(sum({quote(m)}), 'NaN'::DOUBLE) AS {quote(m)}" for m in measures)])
            rows = self.con.execute(f"SELECT {cells} FROM {source} GROUP BY GROUPING SETS ({sets}) "
                                    f"ORDER BY _k, {', '.join(keys)}").fetchnumpy()
            masks = np.asarray(rows["_k"])
            for dims in members:
                mask = sum(1 << (len(keys) - 1 - i) for i, d in enumerate(union) if d not in dims)
                start, end = np.searchsorted(masks, [mask, mask + 1])
                found[dims] = _grouped({c: rows[c][start:end] for c in (*dims, PERIOD, *measures)}, dims, measures)
        self._asked.update(found)
        return found

    def group(self, dims: tuple[str, ...], measures: tuple[str, ...], period: str | None = None) -> Grouped:
        asked = self._asked.get(dims)
        if asked is not None and not measures and period is None:  # which keys have which periods: known
            return Grouped(asked.keys, asked.periods, np.empty((len(asked.periods), 0)))
        keys = [*map(quote, dims), quote(PERIOD)]
        sums = [f"coalesce(sum({quote(m)}), 'NaN'::DOUBLE) AS {quote(m)}" for m in measures]
        source, where = self._source(dims)
        if period is not None:
            where += f" AND {quote(PERIOD)} = {literal(period)}"
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
