"""Write the period's snapshot: ``period,<dimensions...>,<measures...>``, sorted rows, plain numbers.

The file is written to a temporary file in ``data/snapshots/`` and moved into place, so a reader
(a running ``serve``, CI) never sees half a snapshot and a failure leaves the previous file as it was.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..editing.atomic import write_atomic
from ..model.snapshots import PERIOD
from .aggregate import Aggregated
from .values import format_number

Key = tuple[str, ...]


@dataclass(frozen=True)
class Snapshot:
    """The rows to write, sorted by their dimension values ("" is an empty cell)."""

    period: str
    dimensions: tuple[str, ...]
    measures: tuple[str, ...]
    rows: tuple[tuple[Key, tuple[Decimal | None, ...]], ...]

    @classmethod
    def from_aggregated(cls, agg: Aggregated) -> Snapshot:
        rows = tuple(sorted((key, tuple(sums)) for key, sums in agg.rows.items()))
        return cls(agg.period, agg.dimensions, agg.measures, rows)

    @property
    def columns(self) -> tuple[str, ...]:
        return (PERIOD, *self.dimensions, *self.measures)

    def lines(self) -> list[list[str]]:
        """Each row as the cells it is written with."""
        return [[self.period, *key, *(format_number(v) for v in sums)] for key, sums in self.rows]


def render_csv(snapshot: Snapshot) -> str:
    """The snapshot as CSV text (UTF-8, ``\\n`` line ends, cells quoted only when needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(snapshot.columns)
    writer.writerows(snapshot.lines())
    return out.getvalue()


def write_snapshot_file(path: Path, text: str, *, replace: bool) -> None:
    """Write ``text`` to ``path`` atomically; without ``replace``, never over an existing file.

    :func:`generator.editing.atomic.write_atomic` writes a temporary file beside ``path`` and
    renames it into place (or links it, failing with ``TargetExists`` if ``path`` appeared).
    """
    write_atomic(path, text.encode("utf-8"), overwrite=replace)
