"""Answer "the summed measures of this slice, per period" for thousands of KPIs at once.

For each distinct set of slice dimensions the engine that holds the rows (DuckDB, or the
database of ``metrics_source``) runs one grouped query, by those dimensions and the period,
summing every measure; only the grouped rows come back. A KPI then picks its keys from an index
of that small table. No KPI ever filters the rows. Sums skip missing cells; a period whose cells
are all missing stays missing (NaN), never 0. A slice over several ids sums their groups the
same way: a sum of partial sums is the same sum, and a sum of all-missing partial sums is still
missing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..model.snapshots import Snapshots


@dataclass(frozen=True)
class Series:
    """Summed measures of one slice: one entry per period that has rows, oldest first."""

    periods: tuple[str, ...]
    values: dict[str, np.ndarray] = field(default_factory=dict)
    missing_dimension: str | None = None

    def measure(self, name: str) -> np.ndarray:
        found = self.values.get(name)
        return found if found is not None else np.full(len(self.periods), np.nan)

    @property
    def empty(self) -> bool:
        return not self.periods


@dataclass
class _Index:
    periods: list[str]  # every period of the grouping, sorted
    period_index: np.ndarray  # per grouped row: index into periods
    matrix: np.ndarray  # grouped rows x measures
    spans: dict[tuple[str | None, ...], tuple[int, int]]  # key -> its rows (contiguous, by period)


class Cube:
    """Grouped views of the snapshots, one query per set of slice dimensions, cached."""

    def __init__(self, snapshots: Snapshots):
        self.snapshots = snapshots
        self.measures = tuple(snapshots.measures)
        self._column = {m: i for i, m in enumerate(self.measures)}
        self._groups: dict[tuple[str, ...], _Index] = {}

    def prepare(self, dimension_sets: Iterable[Iterable[str]]) -> None:
        """Run the grouped query of each set of dimensions a run will ask about, up front."""
        for dims in sorted({tuple(sorted(d)) for d in dimension_sets}):
            if set(dims) <= set(self.snapshots.dimensions) and self.snapshots.rows:
                self._group(dims)

    def _group(self, dims: tuple[str, ...]) -> _Index:
        cached = self._groups.get(dims)
        if cached is not None:
            return cached
        assert self.snapshots.engine is not None
        grouped = self.snapshots.engine.group(dims, self.measures)
        periods = sorted(set(grouped.periods))
        rank = {p: i for i, p in enumerate(periods)}
        period_index = np.fromiter((rank[p] for p in grouped.periods), dtype=np.int64, count=len(grouped.periods))
        keys = list(zip(*grouped.keys, strict=True)) if dims else [()] * len(grouped.periods)
        spans: dict[tuple[str | None, ...], tuple[int, int]] = {}
        start = 0
        for row in range(1, len(keys) + 1):  # the engine sorted the rows by key: each key is one run
            if row == len(keys) or keys[row] != keys[start]:
                spans[keys[start]] = (start, row)
                start = row
        index = _Index(periods, period_index, grouped.values, spans)
        self._groups[dims] = index
        return index

    def series(self, where: dict[str, tuple[str, ...]]) -> Series:
        """The summed measures of the rows matching ``where`` (dimension -> accepted ids)."""
        for dim in where:
            if dim not in self.snapshots.dimensions:
                return Series((), missing_dimension=dim)
        if not self.snapshots.rows:
            return Series(())
        dims = tuple(sorted(where))
        grouped = self._group(dims)
        found = [span for key in itertools.product(*(where[d] for d in dims)) if (span := grouped.spans.get(key))]
        if not found:
            return Series(())
        if len(found) == 1:  # one key: one row per period, already in period order
            start, end = found[0]
            present = grouped.period_index[start:end]
            sums = grouped.matrix[start:end]
        else:
            index = np.concatenate([np.arange(start, end) for start, end in found])
            period_index = grouped.period_index[index]
            matrix = grouped.matrix[index]
            present, inverse = np.unique(period_index, return_inverse=True)
            sums = np.zeros((len(present), matrix.shape[1]))
            counts = np.zeros((len(present), matrix.shape[1]))
            np.add.at(sums, inverse, np.nan_to_num(matrix, nan=0.0))
            np.add.at(counts, inverse, ~np.isnan(matrix))
            sums[counts == 0] = np.nan
        periods = tuple(grouped.periods[i] for i in present)
        return Series(periods, {m: sums[:, self._column[m]] for m in self.measures})
