"""A database sums the measures as the snapshot files' engine does: exactly (each cell to 6
decimals), so the total does not depend on the order the database adds the rows in; cells that
cannot be summed so (inf, NaN, 1e22 or more) still count, as floats."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from generator.metrics.warehouse import IbisTable, open_table, shaped

CYCLE = ["1e16", "0.01", "-1e16", "12345.67", "1e16", "0.07", "-1e16", "3", "-2.5", "1e16", "-1e16", "0.001"]
REGIONS = [f"r{i}" for i in range(5)]
PERIODS = ["2026-09", "2026-10"]
REPEATS = 50
EXACT = float(sum(Decimal(v) for v in CYCLE) * REPEATS)  # one region's, in one period
NAME = "exact_rows"


def _rows():  # type: ignore[no-untyped-def]
    import pyarrow as pa

    rows = [(period, region, float(value)) for period in PERIODS for region in REGIONS
            for _ in range(REPEATS) for value in CYCLE]
    rows += [(period, "odd", value) for period in PERIODS for value in (1.5, 1e23, 2.0)]
    rows += [("2026-10", "nan", value) for value in (1.5, math.nan)]
    rows += [("2026-10", "empty", None)]
    random.Random(3).shuffle(rows)
    return pa.table({"period": [r[0] for r in rows], "region": [r[1] for r in rows], "cost": [r[2] for r in rows]})


def _check(backend) -> None:  # type: ignore[no-untyped-def]
    table = IbisTable(backend, shaped(open_table(backend, NAME), ("region",), ("cost",)))
    grouped = table.group(("region",), ("cost",))
    found = dict(zip(zip(grouped.keys[0], grouped.periods, strict=True), grouped.values[:, 0].tolist(), strict=True))
    assert {k: v for k, v in found.items() if k[0].startswith("r")} == {(r, p): EXACT for r in REGIONS for p in PERIODS}
    assert found[("odd", "2026-09")] == 1e23  # 1.5 + 2 exactly, then the float beside
    assert math.isnan(found[("nan", "2026-10")]) and math.isnan(found[("empty", "2026-10")])
    # A rollup kept by the database, summed again: still exact.
    rolled = table.rollup(("region",), ("cost",)).group((), ("cost",))
    assert rolled.periods == PERIODS
    exact = sum(Decimal(v) for v in CYCLE) * REPEATS * len(REGIONS) + Decimal("3.5")
    assert rolled.values[0, 0] == float(exact) + 1e23
    assert math.isnan(rolled.values[1, 0])  # 2026-10 has the NaN


def test_duckdb_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import duckdb
    import ibis

    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    con.register("rows", _rows())
    con.execute(f"CREATE TABLE {NAME} AS SELECT * FROM rows")
    con.close()
    backend = ibis.duckdb.connect(str(path), read_only=True)
    try:
        _check(backend)
    finally:
        backend.disconnect()


def test_postgres(postgres_url: str) -> None:
    import ibis

    backend = ibis.connect(postgres_url)
    try:
        backend.create_table(NAME, _rows(), overwrite=True)
        _check(backend)
    finally:
        backend.drop_table(NAME, force=True)
        backend.disconnect()
