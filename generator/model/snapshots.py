"""The metric snapshots as one Arrow table, and what was read to make it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

PERIOD = "period"


@dataclass(frozen=True)
class SnapshotFile:
    file: str
    periods: tuple[str, ...]
    rows: int


@dataclass
class Snapshots:
    """All snapshot rows: ``period`` and dimension columns (dictionary-encoded strings), measure columns (float64)."""

    table: pa.Table
    dimensions: tuple[str, ...]
    measures: tuple[str, ...]
    files: list[SnapshotFile] = field(default_factory=list)
    # (dimension, value) -> (file, line) of the first occurrence of an id that its catalog lacks
    unknown_ids: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)

    @property
    def periods(self) -> list[str]:
        if self.table.num_rows == 0:
            return []
        return sorted(pc.unique(self.table[PERIOD]).to_pylist())

    @classmethod
    def empty(cls, measures: tuple[str, ...] = ()) -> Snapshots:
        schema = pa.schema([(PERIOD, pa.string())] + [(m, pa.float64()) for m in measures])
        return cls(schema.empty_table(), (), measures)


