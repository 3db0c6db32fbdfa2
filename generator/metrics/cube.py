"""Answer "the summed measures of this slice, per period" for thousands of KPIs at once.

For each distinct set of slice dimensions the engine that holds the rows (DuckDB, or the
database of ``metrics_source``) runs one grouped query, by those dimensions and the period,
summing every measure; only the grouped rows come back. The snapshot files' engine answers them
all from the grouped rows of its one pass, several sets per statement (``each_group``); in a
database, the sets whose groupings are small are grouped from one grouping by their union, kept
as a table. A KPI then picks its keys from an index of the grouped rows. No KPI ever filters the rows. Sums skip missing cells; a period whose cells
are all missing stays missing (NaN), never 0. A slice over several ids sums their groups the
same way: a sum of partial sums is the same sum, and a sum of all-missing partial sums is still
missing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model.snapshots import PERIOD, Grouped, Snapshots

# A set of dimensions is "small" when its grouping can have at most this share of the rows.
SMALL_SHARE = 0.25
# Below this many rows a grouped query costs less than the two a shared grouping takes.
SHARE_FROM_ROWS = 100_000


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

    def __init__(self, snapshots: Snapshots, share_from: int = SHARE_FROM_ROWS):
        self.snapshots = snapshots
        self.share_from = share_from
        self.measures = tuple(snapshots.measures)
        self._column = {m: i for i, m in enumerate(self.measures)}
        self._groups: dict[tuple[str, ...], _Index] = {}

    @property
    def prepares_in_any_thread(self) -> bool:
        """Whether :meth:`prepare` may run in another thread than the one that made the engine:
        the snapshot files' DuckDB engine may; a database's connection may be bound to its thread
        (SQLite's is)."""
        return hasattr(self.snapshots.engine, "each_group")

    def prepare(self, dimension_sets: Iterable[Iterable[str]],
                ready: Callable[[tuple[str, ...]], None] | None = None) -> None:
        """Run the grouped query of each set of dimensions a run will ask about, up front.

        Where the engine can keep a grouping (a database), the sets whose groupings are small are all
        summed from one grouping by their union: one pass over the rows instead of one each.
        ``ready`` is told each set (its dimensions sorted) as soon as its grouping is here, so that
        another thread may ask :meth:`series` of it while the others are being summed."""
        present = set(self.snapshots.dimensions)
        wanted = sorted({tuple(sorted(d)) for d in dimension_sets if set(d) <= present} - set(self._groups))
        engine = self.snapshots.engine
        if not wanted or not self.snapshots.rows or engine is None:
            return
        if hasattr(engine, "each_group"):  # the snapshot files' engine: a few statements for all of them
            for dims, grouped in engine.each_group(wanted, self.measures):
                self._groups[dims] = self._index(grouped)
                if ready is not None:
                    ready(dims)
            return
        if len(wanted) > 1 and hasattr(engine, "rollup") and self.snapshots.rows >= self.share_from:
            self._share(wanted, engine)
        for dims in wanted:
            self._group(dims)
            if ready is not None:
                ready(dims)

    def _share(self, wanted: list[tuple[str, ...]], engine: Any) -> None:
        counts = engine.distinct_counts(tuple(sorted({d for dims in wanted for d in dims} | {PERIOD})))

        def estimate(dims: Iterable[str]) -> float:  # an upper bound on the groups: the product of distinct counts
            return float(math.prod(counts[d] for d in (*dims, PERIOD)))

        limit = SMALL_SHARE * self.snapshots.rows
        union: set[str] = set()
        covered: list[tuple[str, ...]] = []
        for dims in sorted(wanted, key=lambda d: (estimate(d), d)):  # smallest first
            if estimate(union | set(dims)) <= limit:
                union |= set(dims)
                covered.append(dims)
        if len(covered) < 2:
            return  # one set is as cheap to group directly
        base = engine.rollup(tuple(sorted(union)), self.measures)
        for dims in covered:
            self._groups[dims] = self._index(base.group(dims, self.measures))

    def _group(self, dims: tuple[str, ...]) -> _Index:
        cached = self._groups.get(dims)
        if cached is not None:
            return cached
        assert self.snapshots.engine is not None
        index = self._index(self.snapshots.engine.group(dims, self.measures))
        self._groups[dims] = index
        return index

    @staticmethod
    def _index(grouped: Grouped) -> _Index:
        periods = sorted(set(grouped.periods))
        rank = {p: i for i, p in enumerate(periods)}
        period_index = np.array(list(map(rank.__getitem__, grouped.periods)), dtype=np.int64)
        count = len(grouped.periods)
        # The engine sorted the rows by key: each key is one run, which starts where a column changes.
        changed = np.zeros(max(count - 1, 0), dtype=bool)
        columns = [np.array(column, dtype=object) for column in grouped.keys]
        for column in columns:
            changed |= column[1:] != column[:-1]
        starts = [0, *(np.flatnonzero(changed) + 1).tolist()] if count else []
        ends = [*starts[1:], count]
        keys: Iterable[tuple[str | None, ...]] = (zip(*(column[starts].tolist() for column in columns), strict=True)
                                                  if columns else [()] * len(starts))
        spans = dict(zip(keys, zip(starts, ends, strict=True), strict=True))
        return _Index(periods, period_index, grouped.values, spans)

    def absolute_sums(self, dimension: str, measures: Iterable[str]) -> dict[str | None, tuple[list[str], list[float]]]:
        """Per value of ``dimension``: the periods that have its rows (oldest first) and, per period,
        the sum of the absolute values of ``measures`` (missing cells skipped). One pass over the
        grouping's rows for every value at once, where a :meth:`series` per value would take a
        NumPy call per value."""
        if dimension not in self.snapshots.dimensions or not self.snapshots.rows:
            return {}
        grouped = self._group((dimension,))
        columns = [self._column[m] for m in measures]
        sums = np.nansum(np.abs(grouped.matrix[:, columns]), axis=1).tolist() if columns \
            else [0.0] * len(grouped.period_index)
        names = [grouped.periods[i] for i in grouped.period_index.tolist()]
        return {key[0]: (names[start:end], sums[start:end]) for key, (start, end) in grouped.spans.items()}

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
