"""The same manual judged from CSV files, a DuckDB table, PostgreSQL and Spark: identical
findings, and every KPI the same series of values."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest

from generator.load.problems import InputError
from generator.load.project import load_project
from generator.metrics.cube import Cube
from generator.report.json_report import render_json
from generator.rules.engine import judge

from .conftest import ROOT, TABLE, demo_copy, source_block, spark_collected

AS_OF = date(2026, 11, 20)


def judged(root: Path, share_from: int | None = None) -> tuple[str, list[tuple[object, ...]], tuple[str, ...]]:
    """The JSON report, every KPI's series and the snapshots' shape; ``share_from=0``: small slice
    groupings summed from one rollup the database keeps, however few the rows."""
    try:
        project = load_project(root)
    except InputError as exc:
        pytest.fail("\n".join(map(str, exc.problems)))
    cube = Cube(project.snapshots) if share_from is None else Cube(project.snapshots, share_from=share_from)
    judgement = judge(project, AS_OF, cube)
    project.snapshots.close()
    series = [(r.section.subject, r.kpi.metric, r.periods, r.values, r.state) for r in judgement.results]
    return render_json(judgement), series, (project.snapshots.dimensions, project.snapshots.measures)


@pytest.fixture(scope="module")
def from_files():  # type: ignore[no-untyped-def]
    return judged(ROOT)


def assert_same(root: Path, expected, share_from: int | None = None) -> None:  # type: ignore[no-untyped-def]
    report, series, shape = judged(root, share_from)
    assert shape == expected[2]
    assert series == expected[1]
    assert report == expected[0]


def test_the_demo_has_findings_and_values_to_compare(from_files) -> None:  # type: ignore[no-untyped-def]
    report, series, _ = from_files
    assert report.count('"rule"') >= 14
    assert sum(1 for *_, values, _state in series if any(v is not None for v in values)) >= 40


@pytest.mark.parametrize("share_from", [None, 0], ids=["direct", "rollup"])
def test_duckdb_table(tmp_path: Path, demo_duckdb: Path, from_files, share_from: int | None) -> None:  # type: ignore[no-untyped-def]
    assert_same(demo_copy(tmp_path / "p", source_block(f"duckdb://{demo_duckdb}")), from_files, share_from)


def test_duckdb_relative_path_and_a_query(tmp_path: Path, demo_duckdb: Path, from_files) -> None:  # type: ignore[no-untyped-def]
    root = demo_copy(tmp_path / "p", source_block("duckdb://data/w.duckdb", None, f"select * from {TABLE}"))
    (root / "data" / "w.duckdb").write_bytes(demo_duckdb.read_bytes())
    assert_same(root, from_files)


@pytest.mark.parametrize("share_from", [None, 0], ids=["direct", "rollup"])
def test_postgres(tmp_path: Path, postgres_url: str, from_files, share_from: int | None) -> None:  # type: ignore[no-untyped-def]
    assert_same(demo_copy(tmp_path / "p", source_block(postgres_url)), from_files, share_from)


@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_spark(tmp_path: Path, spark, from_files) -> None:  # type: ignore[no-untyped-def]
    try:
        assert_same(demo_copy(tmp_path / "p", source_block("pyspark://")), from_files, share_from=0)
    finally:
        spark_collected()


def test_the_site_names_the_table_and_engine_never_the_url(tmp_path: Path, postgres_url: str) -> None:
    from generator.site.render import render_site

    project = load_project(demo_copy(tmp_path / "p", source_block(postgres_url)))
    bundle = render_site(project, judge(project, AS_OF))
    project.snapshots.close()
    health = html.unescape(next(p.markdown for p in bundle.pages if p.path == "health/index.md"))
    assert "Metrics: 3,904 rows from table marketing_snapshots on postgres, aggregated there." in health
    assert "newest data 2026-10 from marketing_snapshots on postgres" in html.unescape(bundle.footer)
    assert "127.0.0.1" not in health + bundle.footer and "postgres://" not in health + bundle.footer
