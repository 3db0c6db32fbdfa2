"""Grouped sums over an Arrow table, without importing pandas.

``Table.group_by`` runs Arrow's Acero engine through ``pyarrow.acero``, whose import pulls in
``pyarrow.dataset`` and with it pandas: about a quarter of a second of a ``check`` run spent on
a library the check never uses. The same aggregation is declared here against Acero's own
extension module; if a pyarrow release moves it, the public module is used instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

try:
    from pyarrow._acero import AggregateNodeOptions, Declaration, TableSourceNodeOptions
except ImportError:  # pragma: no cover - a pyarrow without the private module: same engine, slower import
    from pyarrow.acero import AggregateNodeOptions, Declaration, TableSourceNodeOptions


def sum_by(table: pa.Table, keys: Sequence[str], columns: Sequence[str]) -> pa.Table:
    """One row per distinct ``keys`` (nulls are a key of their own), the key columns then the sum
    of each of ``columns`` as ``<name>_sum``. A sum skips missing cells; a group whose cells are
    all missing sums to null, never 0."""
    func = "hash_sum" if keys else "sum"
    aggregates = [([name], func, None, f"{name}_sum") for name in columns]
    plan = Declaration.from_sequence([
        Declaration("table_source", TableSourceNodeOptions(table)),
        Declaration("aggregate", AggregateNodeOptions(aggregates, keys=list(keys))),
    ])
    return plan.to_table(use_threads=True)
