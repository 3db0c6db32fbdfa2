"""Snapshot sums are exact, so the same rows give the same bits whatever DuckDB's thread count and
scheduling: a floating-point sum in parallel depends on the order in which partial sums meet.

The rows here are made so that order matters a lot: 1e16 and -1e16 cancel, and in floating point
every small value added next to 1e16 is lost (1e16 + 0.01 == 1e16)."""

from __future__ import annotations

import math
import random
import struct
from decimal import Decimal

import pytest

import generator.load.snapshots as snapshots_module
from generator.load.project import load_project
from generator.metrics.cube import Cube
from generator.metrics.duck import connect, total

# A small file and one large enough (over 8 MB) for DuckDB to parse it in parts on several threads.
REPEATS = {"2026-09": 5, "2026-10": 520}  # cycles per (channel, region) in each period's file
REGIONS = [f"r{i:02d}" for i in range(40)]
CHANNELS = ["webinar", "paid-social"]
# Each group gets every one of these, in a shuffled order, several times over: with cells of 1e16
# (summed in the wide type) or of 1e11 (in 64 bits).
CYCLES = {
    "wide": ["1e16", "0.01", "-1e16", "12345.67", "1e16", "0.07", "-1e16", "3", "-2.5", "1e16", "-1e16", "0.001"],
    "64-bit": ["1e11", "0.01", "-1e11", "12345.67", "1e11", "0.07", "-1e11", "3", "-2.5", "1e11", "-1e11", "0.001"],
}


def _files(cycle: list[str]) -> dict[str, str]:
    rng = random.Random(7)
    files = {}
    for period, repeats in REPEATS.items():
        rows = [f"{channel},{region},{value},{rng.randint(0, 9)}"
                for channel in CHANNELS for region in REGIONS for _ in range(repeats) for value in cycle]
        rng.shuffle(rows)
        files[f"data/snapshots/{period}.csv"] = "channel,region,cost,sqls\n" + "\n".join(rows) + "\n"
    return files


def _bits(value: float) -> str:
    return struct.pack("<d", value).hex()


def _expected(times: int) -> list[float]:
    """The exact sums (of the values as written), rounded once to a float, of ``times`` groups' rows
    in each period (the large values cancel)."""
    return [float(sum(Decimal(v) for v in CYCLES["wide"]) * repeats * times) for repeats in REPEATS.values()]


def _sums(root, monkeypatch, threads: int) -> dict[str, list[str]]:
    """Every grouping's cost sums, as the bits of each float, from a load whose DuckDB runs ``threads``
    threads."""

    def connect_with_threads():  # the real connection, with its thread count set
        con = connect()
        con.execute(f"SET threads = {threads}")
        return con

    monkeypatch.setattr(snapshots_module, "connect", connect_with_threads)
    project = load_project(root)
    try:
        engine = project.snapshots.engine
        assert engine.con.execute("SELECT current_setting('threads')").fetchone() == (threads,)
        found = {}
        for dims in [("channel", "region"), ("region",), ()]:
            grouped = engine.group(dims, ("cost",))
            found[",".join(dims)] = [_bits(v) for v in grouped.values[:, 0].tolist()]
        cube = Cube(project.snapshots)
        cube.prepare([("channel",), ("region",), ("channel", "region")])  # several sets in one statement
        series = cube.series({"channel": ("webinar",), "region": ("r03",)})
        found["series"] = [_bits(v) for v in series.measure("cost").tolist()]
        found["scan"] = [_bits(v) for v in engine.group(("channel", "region", "sqls"), ("cost",)).values[:, 0].tolist()]
        return found
    finally:
        project.snapshots.close()


@pytest.fixture(scope="module", params=CYCLES.keys())
def project_root(request, tmp_path_factory):
    from .builders import BASE, write_files

    root = tmp_path_factory.mktemp("exact")
    write_files(root, {**BASE, **_files(CYCLES[request.param])})
    return root


def test_sums_are_exact_and_the_same_bits_whatever_the_threads(project_root, monkeypatch) -> None:
    assert _expected(1) == [61731.255, 6420050.52]  # neither 0 nor 1e16: the small values count
    runs = {threads: [_sums(project_root, monkeypatch, threads) for _ in range(2)] for threads in (1, 2, 8)}
    first = runs[1][0]
    for threads, found in runs.items():
        for run in found:
            assert run == first, f"{threads} threads"
    keys = len(CHANNELS) * len(REGIONS)
    assert first["channel,region"] == [_bits(v) for _ in range(keys) for v in _expected(1)]  # by key, then period
    assert first["region"] == [_bits(v) for _ in REGIONS for v in _expected(len(CHANNELS))]
    assert first[""] == [_bits(v) for v in _expected(keys)]
    assert first["series"] == [_bits(v) for v in _expected(1)]
    assert len(first["scan"]) > 2 * keys  # summed from the files again (no set has the sqls column)


@pytest.mark.parametrize("digits", ["-47774575200661685.548143", "3033549767217902848.675719", "1234.56", "-0.000001"])
def test_an_exact_sum_becomes_the_nearest_float(digits: str) -> None:
    """DuckDB's own cast of these DECIMALs to DOUBLE is one bit off (the large ones)."""
    con = connect()
    found = con.execute(f"SELECT {total('x')} FROM (SELECT CAST('{digits}' AS DECIMAL(38, 6)) AS x)").fetchone()[0]
    assert _bits(found) == _bits(float(Decimal(digits)))
    assert math.isnan(con.execute(f"SELECT {total('x')} FROM (SELECT NULL::DECIMAL(38, 6) AS x)").fetchone()[0])
