"""Grouped sums in a database, through Ibis: DuckDB files, PostgreSQL, Spark, BigQuery, Snowflake ...

Every aggregation is an Ibis expression that the backend compiles to its own SQL and runs where
the rows are; only grouped rows come back, so memory does not grow with the table. Ibis is
imported only when a project has a ``metrics_source``.
"""

from __future__ import annotations

import contextlib
import math
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from ..model.snapshots import PERIOD, Grouped
from .duck import LARGEST, SUMMED

FILE_ENGINES = ("duckdb", "sqlite")  # their URL names a file, resolved against the project folder
DUCKDB_MEMORY = "256MB"  # DuckDB's buffer pool for a database file source
# Measures are summed as the snapshot files' are (``metrics.duck.EXACT``): each cell to 6 decimals,
# added exactly, so that the total does not depend on the order the database adds the rows in (a
# parallel plan's). Cells that cannot be summed so (inf, NaN, 1e22 or more) are summed as floats
# beside, under REST + the measure's name, and added to the exact total at the end.
REST = "_rest_"


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the warnings that backends raise about each other (Ibis calling a DuckDB name that
    DuckDB deprecates, PySpark a pandas keyword): a user can do nothing about them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        yield


def redact(url: str) -> str:
    """``url`` without its password: ``postgres://me:***@db:5432/x``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def scrub(message: str, url: str) -> str:
    """An error message of the backend with the URL's password (if any) taken out."""
    password = urlsplit(url).password
    text = message.replace(url, redact(url))
    return text.replace(password, "***") if password else text


def engine_name(url: str) -> str:
    scheme = urlsplit(url).scheme.lower()
    return {"postgresql": "postgres", "spark": "pyspark"}.get(scheme, scheme)


def local_path(url: str, root: Path) -> Path | None:
    """The database file of a duckdb:// or sqlite:// URL, relative paths taken from ``root``."""
    if engine_name(url) not in FILE_ENGINES:
        return None
    rest = url.split("://", 1)[1].split("?", 1)[0]
    if rest in ("", ":memory:"):
        return None
    path = Path(rest)
    return path if path.is_absolute() else root / path


def connect(url: str, root: Path) -> Any:
    """An Ibis backend for ``url``. Raises whatever the backend raises."""
    import ibis

    name = engine_name(url)
    path = local_path(url, root)
    if name == "duckdb" and path is not None:
        backend = ibis.duckdb.connect(str(path), read_only=True)
        backend.raw_sql("SET enable_progress_bar = false")  # DuckDB would draw it on standard output
        # DuckDB caches table pages up to 80% of the machine's memory; the grouped queries need
        # little, so keep its pool small (it spills to a temporary folder if it must).
        backend.raw_sql(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        return backend
    if name == "sqlite" and path is not None:
        return ibis.sqlite.connect(str(path))
    if name == "pyspark" and urlsplit(url).path in ("", "/"):
        from pyspark.sql import SparkSession

        return ibis.pyspark.connect(SparkSession.builder.getOrCreate())  # the running session, or a local one
    return ibis.connect(url)


def open_table(backend: Any, name: str) -> Any:
    """The table ``name``: ``table``, ``schema.table`` or ``catalog.schema.table``."""
    *where, table = name.split(".")
    if not where:
        return backend.table(table)
    return backend.table(table, database=where[0] if len(where) == 1 else tuple(where))


def open_query(backend: Any, query: str) -> Any:
    """The result of ``query`` as a table (a trailing semicolon is dropped: it is run as a subquery)."""
    return backend.sql(query.strip().rstrip(";").strip())


def lowercased(table: Any) -> Any:
    """The table with its column names in lower case (Snowflake and others answer ``PERIOD``),
    unless two columns would then have the same name."""
    names = list(table.schema().names)
    lower = [n.lower() for n in names]
    if lower == names or len(set(lower)) != len(lower):
        return table
    return table.rename({new: old for new, old in zip(lower, names, strict=True) if new != old})


def is_text(dtype: Any) -> bool:
    return bool(dtype.is_string())


def shaped(table: Any, dims: tuple[str, ...], measures: tuple[str, ...]) -> Any:
    """The table in snapshot shape: the period as ``YYYY-MM`` text (a date or timestamp column is
    formatted), dimensions as text, measures as float64; nothing else."""
    schema = table.schema()
    period = table[PERIOD]
    if schema[PERIOD].is_temporal():
        period = period.strftime("%Y-%m")
    elif not is_text(schema[PERIOD]):
        period = period.cast("string")
    cells = {PERIOD: period}
    for dim in dims:
        cells[dim] = table[dim] if is_text(schema[dim]) else table[dim].cast("string")
    for measure in measures:
        cells[measure] = table[measure].cast("float64")
    return table.select(**cells)


def _totals(exact: list[Any], rest: list[Any]) -> np.ndarray:
    """Each row's exact sum (a Decimal: float() rounds it once, to the nearest) plus the float sum of
    the cells beside it; NaN where every cell was missing."""
    return np.array([(math.nan if e is None else float(e)) if r is None else (0.0 if e is None else float(e)) + r
                     for e, r in zip(exact, rest, strict=True)], dtype=float)


class IbisTable:
    """A table expression in snapshot shape (see :func:`shaped`), grouped by its backend."""

    def __init__(self, backend: Any, table: Any, counts: dict[str, int] | None = None, summed: bool = False):
        self.backend = backend
        self.table = table
        self.counts = dict(counts or {})  # column -> distinct values (a missing cell counts as one)
        self.summed = summed  # a rollup's: each measure's exact sum and its REST column

    def distinct_counts(self, columns: tuple[str, ...]) -> dict[str, int]:
        """How many distinct values each column has: counted by :func:`distinct_values` at load
        time, else by the database."""
        missing = [c for c in columns if c not in self.counts]
        if missing:
            t = self.table
            with quiet():
                found = t.aggregate(**{c: t[c].nunique() for c in missing}).to_pyarrow().to_pylist()[0]
            self.counts.update({c: int(n) + 1 for c, n in found.items()})
        return {c: self.counts[c] for c in columns}

    def _sums(self, t: Any, measures: tuple[str, ...]) -> dict[str, Any]:
        """Per measure, its exact sum and the float sum of the cells that cannot be summed exactly
        (null when there are none); of a rollup's rows, the sums of both."""
        import ibis
        import ibis.expr.datatypes as dt

        sums: dict[str, Any] = {}
        for m in measures:
            if self.summed:
                sums[m], sums[REST + m] = t[m].sum(), t[REST + m].sum()
                continue
            exact = (t[m].abs() < LARGEST).ifelse(t[m], ibis.null())  # NaN compares larger than any number
            sums[m] = exact.cast(dt.Decimal(*SUMMED)).sum()
            sums[REST + m] = (t[m].abs() < LARGEST).ifelse(ibis.null(), t[m]).sum()
        return sums

    def rollup(self, dims: tuple[str, ...], measures: tuple[str, ...]) -> IbisTable:
        """The rows grouped by ``dims`` and the period, every measure summed, kept by the database
        (a temporary table, a cached Spark frame): a grouping by fewer of ``dims`` sums the same from it."""
        t = self.table
        grouped = t.group_by([*dims, PERIOD]).aggregate(**self._sums(t, measures))
        with quiet():
            return IbisTable(self.backend, grouped.cache(), summed=True)

    def group(self, dims: tuple[str, ...], measures: tuple[str, ...], period: str | None = None) -> Grouped:
        t = self.table if period is None else self.table.filter(self.table[PERIOD] == period)
        keys = [*dims, PERIOD]
        expr = t.group_by(keys).aggregate(**self._sums(t, measures)) if measures else t.select(*keys).distinct()
        with quiet():
            # Sorted here, not by the database: an ORDER BY on text pays for the server's collation.
            found = expr.to_pyarrow().sort_by([(k, "ascending") for k in keys])
        values = (np.column_stack([_totals(found[m].to_pylist(), found[REST + m].to_pylist()) for m in measures])
                  if measures else np.empty((found.num_rows, 0)))
        return Grouped([found[d].to_pylist() for d in dims], found[PERIOD].to_pylist(), values)

    def distinct_values(self, columns: tuple[str, ...]) -> dict[str, set[Any]]:
        """The distinct values of each of ``columns``, in one statement; their counts are kept."""
        import ibis

        if not columns:
            return {}
        t = self.table
        parts = [t.select(column=ibis.literal(c), value=t[c]).distinct() for c in columns]
        with quiet():
            found = (parts[0] if len(parts) == 1 else ibis.union(*parts)).to_pyarrow()
        values: dict[str, set[Any]] = {c: set() for c in columns}
        for column, value in zip(found["column"].to_pylist(), found["value"].to_pylist(), strict=True):
            values[column].add(value)
        self.counts.update({c: len(v) for c, v in values.items()})
        return values

    def close(self) -> None:
        """Close the connection (a Spark session is left running: it is shared by the process)."""
        if self.backend.name != "pyspark":
            self.backend.disconnect()

    def period_rows(self) -> list[tuple[Any, int]]:
        """(period, rows) for every period of the table."""
        t = self.table
        with quiet():
            found = t.group_by(PERIOD).aggregate(n=t.count()).to_pyarrow()
        self.counts[PERIOD] = found.num_rows
        return list(zip(found[PERIOD].to_pylist(), found["n"].to_pylist(), strict=True))
