"""Answer "the summed measures of this slice, per period" for thousands of KPIs at once.

For each distinct set of slice dimensions the snapshots are grouped once (by those dimensions
and the period, summing every measure); a KPI then picks its keys from an index of that small
grouped table. No KPI ever filters the full table. Sums skip missing cells; a period whose cells
are all missing stays missing (NaN), never 0.

When the sets a run needs are known up front (:meth:`Cube.prepare`), every set whose grouping
is small is answered from one grouping by their union instead of one pass over all rows each:
a sum of partial sums is the same sum, and a sum of all-missing partial sums is still missing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from ..model.snapshots import PERIOD, Snapshots
from .arrays import codes, floats
from .grouping import sum_by

# A set of dimensions is "small" when its grouping can have at most this share of the rows.
SMALL_SHARE = 0.25


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
    lookup: list[dict[str, int]]  # per dimension: id -> code
    radix: list[int]  # per dimension: the multiplier of its code in a row's key
    order: np.ndarray  # grouped rows sorted by key, then period
    spans: dict[int, tuple[int, int]]  # key -> (start, end) in ``order``

    def rows(self, key: tuple[str, ...]) -> np.ndarray | None:
        combined = 0
        for value, lookup, radix in zip(key, self.lookup, self.radix, strict=True):
            code = lookup.get(value)
            if code is None:
                return None
            combined += code * radix
        span = self.spans.get(combined)
        return None if span is None else self.order[span[0] : span[1]]


class Cube:
    """Grouped views of the snapshots, built lazily per set of slice dimensions and cached."""

    def __init__(self, snapshots: Snapshots):
        self.snapshots = snapshots
        self.measures = tuple(snapshots.measures)
        self._column = {m: i for i, m in enumerate(self.measures)}
        self._groups: dict[tuple[str, ...], _Grouped] = {}
        self._base: tuple[frozenset[str], pa.Table] | None = None  # a grouping small sets are summed from

    def prepare(self, dimension_sets: Iterable[Iterable[str]]) -> None:
        """Get ready to answer slices over these sets of dimensions (an optimisation only)."""
        table = self.snapshots.table
        if table.num_rows == 0:
            return
        wanted = {frozenset(dims) for dims in dimension_sets if set(dims) <= set(self.snapshots.dimensions)}
        wanted = {dims for dims in wanted if tuple(sorted(dims)) not in self._groups}
        limit = SMALL_SHARE * table.num_rows
        union: frozenset[str] = frozenset()
        covered = 0
        for dims in sorted(wanted, key=lambda d: (self._estimate(d), sorted(d))):  # smallest first
            if self._estimate(union | dims) <= limit:
                union |= dims
                covered += 1
        if covered < 2:
            return  # one set is as cheap to group directly
        keys = [*sorted(union), PERIOD]
        base = sum_by(table, keys, self.measures)
        self._base = (union, base.rename_columns([*keys, *self.measures]))

    def _estimate(self, dims: Iterable[str]) -> float:
        """An upper bound on the groups of ``dims`` and the period: the product of their distinct values."""
        table = self.snapshots.table
        bound = 1.0
        for name in (*dims, PERIOD):
            column = table[name]
            if column.num_chunks and pa.types.is_dictionary(column.type):  # unified by the loader: one dictionary
                bound *= len(column.chunk(0).dictionary) + (1 if column.null_count else 0)
            else:
                return math.inf
        return bound

    def _group(self, dims: tuple[str, ...]) -> _Grouped:
        cached = self._groups.get(dims)
        if cached is not None:
            return cached
        source = self.snapshots.table
        if self._base is not None and set(dims) <= self._base[0]:
            source = self._base[1]
        grouped = sum_by(source, [*dims, PERIOD], self.measures)
        period_codes, period_values = codes(grouped[PERIOD])
        periods = sorted(p for p in period_values if p is not None)
        rank = {p: i for i, p in enumerate(periods)}
        # The loader guarantees every row a period, so every code is valid.
        period_index = np.array([rank.get(p, -1) for p in period_values], dtype=np.int64)[period_codes]
        if self.measures:
            matrix = np.column_stack([floats(grouped[f"{m}_sum"]) for m in self.measures])
        else:
            matrix = np.empty((grouped.num_rows, 0))
        key = np.zeros(grouped.num_rows, dtype=np.int64)
        mappings: list[dict[str, int]] = []
        radix: list[int] = []
        multiplier = 1
        for dim in dims:
            indices, values = codes(grouped[dim])
            radix.append(multiplier)
            key += (indices + 1) * multiplier  # +1 keeps a missing cell (-1) distinct from code 0
            mappings.append({value: code + 1 for code, value in enumerate(values)})  # the lookup adds the same +1
            multiplier *= len(values) + 1
        order = np.lexsort((period_index, key))  # by key, then period: one key's rows are its series
        unique, starts = np.unique(key[order], return_index=True)
        ends = np.append(starts[1:], len(order))
        spans = dict(zip(unique.tolist(), zip(starts.tolist(), ends.tolist(), strict=True), strict=True))
        result = _Grouped(periods, period_index, matrix, mappings, radix, order, spans)
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
        found = [rows for key in itertools.product(*(where[d] for d in dims)) if (rows := grouped.rows(key)) is not None]
        if not found:
            return Series(())
        if len(found) == 1:  # one key: one row per period, already in period order
            index = found[0]
            present = grouped.period_index[index]
            sums = grouped.matrix[index]
        else:
            index = np.concatenate(found)
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
