"""Answer "the summed measures of this slice, per period" for thousands of KPIs at once.

For each distinct set of slice dimensions the snapshots are grouped once (Arrow ``group_by``
over dimensions and period, summing every measure); a KPI then picks its keys from an index of
that small grouped table. No KPI ever filters the full table. Sums skip missing cells; a period
whose cells are all missing stays missing (NaN), never 0.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from ..model.snapshots import PERIOD, Snapshots


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
class _Grouped:
    periods: list[str]
    period_index: np.ndarray  # per grouped row: index into periods
    matrix: np.ndarray  # grouped rows x measures
    rows_by_key: dict[tuple[str, ...], list[int]]


class Cube:
    """Grouped views of the snapshots, built lazily per set of slice dimensions and cached."""

    def __init__(self, snapshots: Snapshots):
        self.snapshots = snapshots
        self.measures = tuple(snapshots.measures)
        self._column = {m: i for i, m in enumerate(self.measures)}
        self._groups: dict[tuple[str, ...], _Grouped] = {}

    def _group(self, dims: tuple[str, ...]) -> _Grouped:
        cached = self._groups.get(dims)
        if cached is not None:
            return cached
        table = self.snapshots.table
        grouped = table.group_by([*dims, PERIOD], use_threads=True).aggregate(
            [(m, "sum") for m in self.measures]
        )
        period_values = grouped[PERIOD].to_pylist()
        periods = sorted(set(period_values))
        position = {p: i for i, p in enumerate(periods)}
        period_index = np.fromiter((position[p] for p in period_values), dtype=np.int64, count=len(period_values))
        if self.measures:
            matrix = np.column_stack(
                [grouped[f"{m}_sum"].to_numpy(zero_copy_only=False).astype(float) for m in self.measures]
            )
        else:
            matrix = np.empty((grouped.num_rows, 0))
        rows_by_key: dict[tuple[str, ...], list[int]] = {}
        if dims:
            keys = zip(*(grouped[d].to_pylist() for d in dims), strict=True)
            for row, key in enumerate(keys):
                rows_by_key.setdefault(key, []).append(row)
        else:
            rows_by_key[()] = list(range(grouped.num_rows))
        result = _Grouped(periods, period_index, matrix, rows_by_key)
        self._groups[dims] = result
        return result

    def series(self, where: dict[str, tuple[str, ...]]) -> Series:
        """The summed measures of the rows matching ``where`` (dimension -> accepted ids)."""
        for dim in where:
            if dim not in self.snapshots.dimensions:
                return Series((), missing_dimension=dim)
        if self.snapshots.table.num_rows == 0:
            return Series(())
        dims = tuple(sorted(where))
        grouped = self._group(dims)
        rows: list[int] = []
        for key in itertools.product(*(where[d] for d in dims)):
            rows.extend(grouped.rows_by_key.get(key, ()))
        if not rows:
            return Series(())
        index = np.asarray(rows, dtype=np.int64)
        period_index = grouped.period_index[index]
        matrix = grouped.matrix[index]
        present, inverse = np.unique(period_index, return_inverse=True)
        if len(present) == len(index):
            order = np.argsort(period_index, kind="stable")
            sums = matrix[order]
        else:
            sums = np.zeros((len(present), matrix.shape[1]))
            counts = np.zeros((len(present), matrix.shape[1]))
            np.add.at(sums, inverse, np.nan_to_num(matrix, nan=0.0))
            np.add.at(counts, inverse, ~np.isnan(matrix))
            sums[counts == 0] = np.nan
        periods = tuple(grouped.periods[i] for i in present)
        return Series(periods, {m: sums[:, self._column[m]] for m in self.measures})
