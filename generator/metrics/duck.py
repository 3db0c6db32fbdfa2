"""Grouped sums in DuckDB: the engine of the snapshot files (and of nothing else: databases go
through :mod:`generator.metrics.warehouse`).

DuckDB is imported only when a project has snapshot files, so a run without them never pays
for it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..model.snapshots import PERIOD, Grouped


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


class DuckDBTable:
    """A table of an open DuckDB connection, grouped by SQL."""

    def __init__(self, con: Any, table: str):
        self.con = con
        self.table = table
        self._rollups = 0

    def close(self) -> None:
        """Close the connection: the table and its memory go with it (``Snapshots.close``)."""
        self.con.close()

    def distinct_counts(self, columns: tuple[str, ...]) -> dict[str, int]:
        """About how many distinct values each column has (a missing cell counts as one)."""
        if not columns:
            return {}
        cells = ", ".join(f"approx_count_distinct({quote(c)}) + 1" for c in columns)
        return dict(zip(columns, self.con.execute(f"SELECT {cells} FROM {self.table}").fetchone(), strict=True))

    def rollup(self, dims: tuple[str, ...], measures: tuple[str, ...]) -> DuckDBTable:
        """The rows grouped by ``dims`` and the period, every measure summed (all missing stays
        missing), as a table of its own: any grouping by fewer of ``dims`` sums the same from it."""
        self._rollups += 1
        name = f"{self.table}_rollup_{self._rollups}"
        keys = ", ".join([*map(quote, dims), quote(PERIOD)])
        sums = "".join(f", sum({quote(m)}) AS {quote(m)}" for m in measures)
        self.con.execute(f"CREATE TEMP TABLE {name} AS SELECT {keys}{sums} FROM {self.table} GROUP BY {keys}")
        return DuckDBTable(self.con, name)

    def group(self, dims: tuple[str, ...], measures: tuple[str, ...], period: str | None = None) -> Grouped:
        keys = [*map(quote, dims), quote(PERIOD)]
        sums = [f"coalesce(sum({quote(m)}), 'NaN'::DOUBLE) AS {quote(m)}" for m in measures]
        where = "" if period is None else f" WHERE {quote(PERIOD)} = {literal(period)}"
        sql = (f"SELECT {', '.join([*keys, *sums])} FROM {self.table}{where} "
               f"GROUP BY {', '.join(keys)} ORDER BY {', '.join(keys)}")
        found = self.con.execute(sql).fetchnumpy()
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
