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
import pyarrow as pa
import pyarrow.compute as pc

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
    codes: list[dict[str, int]]  # per dimension: id -> code
    radix: list[int]  # per dimension: the multiplier of its code in a row's key
    order: np.ndarray  # grouped rows sorted by key
    spans: dict[int, tuple[int, int]]  # key -> (start, end) in ``order``

    def rows(self, key: tuple[str, ...]) -> np.ndarray | None:
        combined = 0
        for value, codes, radix in zip(key, self.codes, self.radix, strict=True):
            code = codes.get(value)
            if code is None:
                return None
            combined += code * radix
        span = self.spans.get(combined)
        return None if span is None else self.order[span[0] : span[1]]


def _dimension_codes(column: pa.ChunkedArray) -> tuple[np.ndarray, dict[str, int]]:
    """Integer codes per row (-1 for a missing cell) and the id -> code mapping."""
    array = column.combine_chunks()
    if not pa.types.is_dictionary(array.type):
        array = pc.dictionary_encode(array)
    indices = pc.fill_null(array.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return indices, {value: code for code, value in enumerate(array.dictionary.to_pylist())}


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
        periods = sorted(pc.unique(grouped[PERIOD]).to_pylist())
        period_index = pc.index_in(grouped[PERIOD], value_set=pa.array(periods, pa.string()))
        period_index = period_index.to_numpy(zero_copy_only=False).astype(np.int64)
        if self.measures:
            matrix = np.column_stack(
                [grouped[f"{m}_sum"].to_numpy(zero_copy_only=False).astype(float) for m in self.measures]
            )
        else:
            matrix = np.empty((grouped.num_rows, 0))
        key = np.zeros(grouped.num_rows, dtype=np.int64)
        codes: list[dict[str, int]] = []
        radix: list[int] = []
        multiplier = 1
        for dim in dims:
            indices, mapping = _dimension_codes(grouped[dim])
            codes.append(mapping)
            radix.append(multiplier)
            key += (indices + 1) * multiplier  # +1 keeps a missing cell (-1) distinct from code 0
            multiplier *= len(mapping) + 1
        for mapping in codes:  # the lookup adds the same +1
            for value in mapping:
                mapping[value] += 1
        order = np.argsort(key, kind="stable")
        unique, starts = np.unique(key[order], return_index=True)
        ends = np.append(starts[1:], len(order))
        spans = dict(zip(unique.tolist(), zip(starts.tolist(), ends.tolist(), strict=True), strict=True))
        result = _Grouped(periods, period_index, matrix, codes, radix, order, spans)
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
        index = found[0] if len(found) == 1 else np.concatenate(found)
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
