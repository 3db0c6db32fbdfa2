"""The cube's sums, answered directly or from one shared grouping, against sums done by hand.

Snapshots are written as CSV and read by the loader, so the Arrow types are the real ones:
dictionary-encoded dimensions and periods, missing cells, a file whose period comes from its
name and a file without one of the dimension columns.
"""

from __future__ import annotations

import itertools
import math
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from generator.load.problems import Problems
from generator.load.snapshots import assemble_snapshots, read_snapshots
from generator.metrics import cube as cube_module
from generator.metrics.cube import Cube

from .builders import FIXTURES

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


@pytest.mark.parametrize("prepared", [False, True], ids=["direct", "from-shared-grouping"])
def test_every_slice_sums_like_the_rows_do(snapshots, prepared: bool) -> None:
    loaded, rows = snapshots
    cube = Cube(loaded)
    if prepared:
        cube.prepare(where.keys() for where in slices())
    for where in slices():
        assert_matches(cube.series(where), by_hand(rows, where))


def test_prepare_reads_all_rows_once_for_small_groupings(snapshots, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded, _rows = snapshots
    full_passes: list[tuple[str, ...]] = []
    real = cube_module.sum_by

    def counting(table, keys, columns, **kwargs):
        if table.num_rows == loaded.table.num_rows:
            full_passes.append(tuple(keys))
        return real(table, keys, columns, **kwargs)

    monkeypatch.setattr(cube_module, "sum_by", counting)
    cube = Cube(loaded)
    cube.prepare([("channel",), ("persona",), ("channel", "persona"), ()])
    for where in ({"channel": ("web",)}, {"persona": ("cto",)}, {"channel": ("web",), "persona": ("cto",)}, {}):
        cube.series(where)
    assert full_passes == [("channel", "persona", "period")]


def test_prepare_leaves_groupings_as_large_as_the_rows_to_one_pass_each(snapshots) -> None:
    loaded, _rows = snapshots
    cube = Cube(loaded)
    cube.prepare([DIMENSIONS])  # one set: nothing to share
    assert cube._base is None


def test_check_never_imports_pandas_or_an_engine() -> None:
    script = (
        "import sys\n"
        "from generator.cli.main import main\n"
        f"sys.argv = ['opsmanual', 'check', {str(FIXTURES / 'small')!r}, '--format', 'json', '--fail-on', 'never']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'mkdocs', 'material', 'mike', 'zensical'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
