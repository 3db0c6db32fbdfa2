"""The metric snapshots: where they are (files or a database table), and what was found there.

The rows themselves stay in their engine (DuckDB for the files of ``data/snapshots/``, the
database of ``metrics_source`` otherwise); the core asks it for grouped sums through
:class:`MetricEngine` and never holds the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

PERIOD = "period"


@dataclass(frozen=True)
class Grouped:
    """The rows of one grouping, sorted by the dimensions then the period: per row its dimension
    values (``keys[i]`` is the column of ``dims[i]``; None for a missing cell), its period and the
    sum of each measure (NaN when every summed cell was missing)."""

    keys: list[list[str | None]]
    periods: list[str]
    values: np.ndarray  # rows x measures


class MetricEngine(Protocol):
    """Answers grouped sums where the rows live."""

    def group(self, dims: tuple[str, ...], measures: tuple[str, ...], period: str | None = None) -> Grouped:
        """One row per distinct (``dims``, period), every measure summed, sorted by dims then period;
        with ``period``, that period's rows only."""
        ...


@dataclass(frozen=True)
class SnapshotFile:
    file: str
    periods: tuple[str, ...]
    rows: int


@dataclass(frozen=True)
class MetricSource:
    """Where the numbers came from, in words that are safe to print (never a password)."""

    kind: str  # "files" or "database"
    engine: str  # duckdb, postgres, pyspark ...
    name: str  # "data/snapshots" or the table (or "a query")
    rows: int = 0

    def describe(self) -> str:
        """``data/snapshots`` or ``marketing_snapshots on postgres``: never a URL."""
        if self.kind == "files":
            return self.name
        return f"{self.name} on {self.engine}"


@dataclass
class Snapshots:
    """What the metric rows hold: ``period``, dimension columns (text), measure columns (numbers)."""

    engine: MetricEngine | None
    dimensions: tuple[str, ...]
    measures: tuple[str, ...]
    periods: list[str] = field(default_factory=list)
    files: list[SnapshotFile] = field(default_factory=list)
    # (dimension, value) -> (file, line) of the first occurrence of an id that its catalog lacks
    unknown_ids: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    source: MetricSource | None = None
    rows: int = 0

    @classmethod
    def empty(cls, measures: tuple[str, ...] = ()) -> Snapshots:
        return cls(None, (), measures)

    def periods_with(self, dimension: str) -> list[str]:
        """The periods in which some row has a value for ``dimension``, oldest first (one grouped
        query by the dimension and the period; no measure is summed)."""
        if dimension not in self.dimensions or not self.rows or self.engine is None:
            return []
        grouped = self.engine.group((dimension,), ())
        keys = grouped.keys[0]
        if None not in keys:  # every row has a value: every period counts (one set of them, not a loop)
            return sorted(set(grouped.periods))
        return sorted({p for key, p in zip(keys, grouped.periods, strict=True) if key is not None})

    def close(self) -> None:
        """Close the engine's connection to a database, if it has one (once judged, nothing needs it)."""
        close = getattr(self.engine, "close", None)
        if close is not None:
            close()
