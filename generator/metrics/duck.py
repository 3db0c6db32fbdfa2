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

    return duckdb.connect(":memory:")


class DuckDBTable:
    """A table of an open DuckDB connection, grouped by SQL."""

    def __init__(self, con: Any, table: str):
        self.con = con
        self.table = table

    def group(self, dims: tuple[str, ...], measures: tuple[str, ...], period: str | None = None) -> Grouped:
        keys = [*map(quote, dims), quote(PERIOD)]
        sums = [f"coalesce(sum({quote(m)}), 'NaN'::DOUBLE) AS {quote(m)}" for m in measures]
        where = "" if period is None else f" WHERE {quote(PERIOD)} = {literal(period)}"
        sql = (f"SELECT {', '.join([*keys, *sums])} FROM {self.table}{where} "
               f"GROUP BY {', '.join(keys)} ORDER BY {', '.join(keys)}")
        found = self.con.execute(sql).fetchnumpy()
        return Grouped(
            [_texts(found[d]) for d in dims],
            _texts(found[PERIOD]),
            np.column_stack([np.asarray(found[m], dtype=float) for m in measures]) if measures
            else np.empty((len(found[PERIOD]), 0)),
        )


def _texts(column: Any) -> list[str | None]:
    """A fetched text column as a list; a masked (NULL) cell becomes None."""
    if isinstance(column, np.ma.MaskedArray):
        return [None if masked else value for value, masked in zip(column.data.tolist(),
                                                                     np.ma.getmaskarray(column).tolist(), strict=True)]
    return column.tolist()
