"""The cube's sums, answered from DuckDB's grouped queries, against sums done by hand.

Snapshots are written as CSV and read by the loader into DuckDB, so the types are the real ones:
text dimensions and periods, missing cells, a file whose period comes from its
name and a file without one of the dimension columns.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import random
from pathlib import Path

import numpy as np
import pytest

from generator.load.problems import Problems
from generator.load.snapshot_checks import assemble_snapshots
from generator.load.snapshots import read_snapshots
from generator.metrics.cube import Cube
from generator.metrics.duck import DuckDBGroups

from ..projects import check_in_child

DIMENSIONS = ("channel", "persona", "region")
VALUES = {"channel": ["web", "ads", "events"], "persona": ["cto", "ciso"], "region": ["emea", "amer"]}
MEASURES = ("leads", "cost")


def _cell(rng: random.Random, values: list[str]) -> str:
    return "" if rng.random() < 0.05 else rng.choice(values)


def _number(rng: random.Random) -> str:
    return "" if rng.random() < 0.3 else str(rng.randint(0, 50))


def write_snapshots(folder: Path, rows_per_file: int = 300) -> list[dict[str, str]]:
    """Three monthly files; returns every row as written (``period`` filled in)."""
    rng = random.Random(11)
    folder.mkdir(parents=True)
    written: list[dict[str, str]] = []
    files = [("2026-07", True, DIMENSIONS), ("2026-08", False, DIMENSIONS), ("2026-09", True, DIMENSIONS[:2])]
    for period, with_column, dims in files:
        header = (["period"] if with_column else []) + list(dims) + list(MEASURES)
        lines = [",".join(header)]
        for _ in range(rows_per_file):
            row = {d: _cell(rng, VALUES[d]) for d in dims} | {m: _number(rng) for m in MEASURES}
            if rng.random() < 0.02:  # a slice whose cells are all missing in some period
                row |= {"channel": "dark", "leads": "", "cost": ""}
            lines.append(",".join(([period] if with_column else []) + [row[c] for c in header if c != "period"]))
            written.append(row | {"period": period})
        (folder / f"{period}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def by_hand(rows: list[dict[str, str]], where: dict[str, tuple[str, ...]]) -> dict[str, dict[str, float]]:
    """period -> measure -> sum of the non-empty cells of matching rows (NaN when all are empty)."""
    out: dict[str, dict[str, float]] = {}
    for row in rows:
        if all(row.get(d, "") in accepted for d, accepted in where.items()):
            sums = out.setdefault(row["period"], {m: math.nan for m in MEASURES})
            for m in MEASURES:
                if row[m]:
                    sums[m] = (0.0 if math.isnan(sums[m]) else sums[m]) + float(row[m])
    return out


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("cube")
    rows = write_snapshots(root / "data" / "snapshots")
    read = read_snapshots(root, root / "data", set(MEASURES))
    problems = Problems()
    loaded = assemble_snapshots(read, {}, problems)
    assert not problems
    return loaded, rows


def slices() -> list[dict[str, tuple[str, ...]]]:
    found: list[dict[str, tuple[str, ...]]] = [{}]
    for size in (1, 2, 3):
        for dims in itertools.combinations(DIMENSIONS, size):
            for key in itertools.product(*([*VALUES[d], "dark"] if d == "channel" else VALUES[d] for d in dims)):
                found.append({d: (v,) for d, v in zip(dims, key, strict=True)})
    found.append({"channel": ("web", "ads"), "persona": ("cto",)})
    found.append({"channel": ("nowhere",)})
    return found


def assert_matches(series, expected: dict[str, dict[str, float]]) -> None:
    assert series.periods == tuple(sorted(expected))
    for m in MEASURES:
        np.testing.assert_array_equal(series.measure(m), np.array([expected[p][m] for p in series.periods]))


@pytest.mark.parametrize("prepared", [False, True], ids=["direct", "prepared"])
def test_every_slice_sums_like_the_rows_do(snapshots, prepared: bool) -> None:
    loaded, rows = snapshots
    cube = Cube(loaded, share_from=0)
    if prepared:
        cube.prepare(where.keys() for where in slices())
    for where in slices():
        assert_matches(cube.series(where), by_hand(rows, where))


class CountingEngine:
    """The loader's DuckDB engine, recording each grouped query it runs."""

    def __init__(self, engine):
        self.engine = engine
        self.queries: list[tuple[str, ...]] = []

    def group(self, dims, measures):
        self.queries.append(dims)
        return self.engine.group(dims, measures)


def test_one_grouped_query_per_set_of_slice_dimensions(snapshots) -> None:
    loaded, rows = snapshots
    engine = CountingEngine(loaded.engine)
    cube = Cube(dataclasses.replace(loaded, engine=engine))
    cube.prepare([("channel",), ("persona",), ("persona", "channel"), ("channel", "persona"), (), ("nowhere",)])
    assert engine.queries == [(), ("channel",), ("channel", "persona"), ("persona",)]
    for where in ({"channel": ("web", "ads")}, {"persona": ("cto",)}, {"persona": ("cto",), "channel": ("web",)}, {}):
        assert_matches(cube.series(where), by_hand(rows, where))
    assert len(engine.queries) == 4  # every answer came from the groupings prepared
    cube.series({"region": ("emea",)})
    assert engine.queries[4:] == [("region",)]


def test_every_grouping_comes_from_the_loaders_one_pass(snapshots) -> None:
    loaded, rows = snapshots
    engine = loaded.engine
    assert set(engine.sets) == {(), ("channel", "persona", "region")}  # few values: summed together
    cube = Cube(loaded)
    cube.prepare(where.keys() for where in slices())
    for where in slices():
        assert_matches(cube.series(where), by_hand(rows, where))
    assert engine.scans == 0  # no grouping read the files again


def test_a_grouping_no_set_covers_is_summed_from_the_files(snapshots) -> None:
    loaded, rows = snapshots
    narrow = DuckDBGroups(loaded.engine.con, loaded.engine.table, {(): loaded.engine.sets[()]}, loaded.engine.scan)
    cube = Cube(dataclasses.replace(loaded, engine=narrow))
    for where in slices():
        assert_matches(cube.series(where), by_hand(rows, where))
    assert narrow.scans == 7  # each set of dimensions but none, once


def test_check_never_imports_pandas_or_an_engine() -> None:
    loaded = "sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'pyarrow', 'ibis', 'pyspark', 'mkdocs', 'material', 'mike', 'zensical'})"
    assert check_in_child(loaded) == "[]"


def test_several_groupings_in_one_statement_are_the_same_as_one_each(snapshots) -> None:
    loaded, _ = snapshots
    engine = loaded.engine
    wanted = [(), ("channel",), ("persona",), ("channel", "persona"), ("channel", "region"), ("persona", "region")]
    many = dict(engine.each_group(wanted, MEASURES))
    assert list(many) == wanted
    for dims in wanted:
        one = engine.group(dims, MEASURES)
        assert (many[dims].keys, many[dims].periods) == (one.keys, one.periods)
        np.testing.assert_array_equal(many[dims].values, one.values)


def test_which_periods_a_dimension_has_comes_from_the_groupings_asked_for(snapshots) -> None:
    loaded, _ = snapshots
    engine = DuckDBGroups(loaded.engine.con, loaded.engine.table, loaded.engine.sets, loaded.engine.scan)
    fresh = engine.group(("persona",), ())
    dict(engine.each_group([("persona",), ("channel",)], MEASURES))
    engine.con = None  # no statement may run now
    known = engine.group(("persona",), ())
    assert (known.keys, known.periods, known.values.shape) == (fresh.keys, fresh.periods, (len(fresh.periods), 0))


def test_absolute_sums_of_every_value_of_a_dimension_sum_like_the_rows_do(snapshots) -> None:
    loaded, rows = snapshots
    cube = Cube(loaded)
    found = cube.absolute_sums("channel", MEASURES)
    assert set(found) == {*VALUES["channel"], "dark", None}  # None: the rows whose channel cell is empty
    for value in [*VALUES["channel"], "dark"]:
        expected = by_hand(rows, {"channel": (value,)})
        periods, sums = found[value]
        assert periods == sorted(expected)
        assert sums == [sum(abs(v) for v in expected[p].values() if not math.isnan(v)) for p in periods]
    assert [s for _, sums in cube.absolute_sums("channel", []).values() for s in sums] == [0.0] * sum(
        len(periods) for periods, _ in found.values())
    assert cube.absolute_sums("nowhere", MEASURES) == {}


def test_a_set_asked_by_its_own_dimensions_is_read_as_summed(snapshots) -> None:
    """Each file holds one period: the set's rows are the grouping by its dimensions already, and
    come back as the same grouping a GROUP BY of them makes."""
    loaded, rows = snapshots
    dims = ("channel", "persona", "region")
    assert loaded.engine._already_grouped(dims) and loaded.engine._already_grouped(())
    assert not loaded.engine._already_grouped(("channel",))
    regrouped = DuckDBGroups(loaded.engine.con, loaded.engine.table, loaded.engine.sets, loaded.engine.scan)
    regrouped._one_file_a_period = False  # as when two files share a period: a GROUP BY
    for wanted in ([dims], [dims, ("channel",), ()]):
        many, again = dict(loaded.engine.each_group(wanted, MEASURES)), dict(regrouped.each_group(wanted, MEASURES))
        for key in wanted:
            assert (many[key].keys, many[key].periods) == (again[key].keys, again[key].periods)
            np.testing.assert_array_equal(many[key].values, again[key].values)


def test_two_files_of_one_period_are_summed_together(tmp_path: Path) -> None:
    """An input error the load reports (the rows would be counted twice); the engine still sums as it should."""
    rows = write_snapshots(tmp_path / "data" / "snapshots")
    extra = [{"period": "2026-08", "channel": "web", "persona": "cto", "region": "emea", "leads": "4", "cost": ""},
             {"period": "2026-08", "channel": "ads", "persona": "ciso", "region": "amer", "leads": "", "cost": "2.5"}]
    (tmp_path / "data" / "snapshots" / "late-export.csv").write_text(
        "period,channel,persona,region,leads,cost\n" + "".join(",".join(r.values()) + "\n" for r in extra), encoding="utf-8")
    problems = Problems()
    loaded = assemble_snapshots(read_snapshots(tmp_path, tmp_path / "data", set(MEASURES)), {}, problems)
    assert [p.message for p in problems.items] == [
        "period 2026-08 is also in data/snapshots/2026-08.csv; its rows would be counted twice"]
    assert not loaded.engine._already_grouped(("channel", "persona", "region"))
    cube = Cube(loaded)
    cube.prepare([("channel", "persona", "region"), ()])
    for where in ({"channel": ("web",), "persona": ("cto",), "region": ("emea",)}, {}):
        assert_matches(cube.series(where), by_hand(rows + extra, where))
