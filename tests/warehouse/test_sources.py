"""metrics_source against real engines: each way it can be wrong is an input error at the line of
mkdocs.yml (exit 2, no traceback, never a password); periods as dates; ids the catalogs lack
found by DISTINCT queries; Parquet snapshot files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.load.problems import Problems
from generator.load.project import load_project
from generator.load.warehouse import resolve_url
from generator.metrics.cube import Cube
from generator.model.config import SourceSettings
from generator.rules.engine import judge

from ..projects import copy_fixture
from .conftest import TABLE, source_block

ROWS = """
    SELECT * FROM (VALUES
      ('2026-09', 'webinar', 'it-director', 100.0, 30.0, 6000.0),
      ('2026-10', 'webinar', 'it-director', 110.0, 22.0, 6000.0),
      ('2026-10', 'webinar', 'cfo', 10.0, 1.0, NULL),
      ('2026-10', 'tiktok', 'it-director', 5.0, 1.0, 100.0)
    ) AS t(period, channel, persona, mqls, sqls, cost)
"""


def project(tmp_path: Path, block: str, create: str | None = f"CREATE TABLE {TABLE} AS {ROWS}") -> Path:
    """The small fixture with its snapshots replaced by ``block``; ``create`` fills data/w.duckdb."""
    root = copy_fixture("small", tmp_path / "p", {"data/snapshots": None})
    text = (root / "mkdocs.yml").read_text().replace("  - opsmanual:\n", "  - opsmanual:\n" + block, 1)
    (root / "mkdocs.yml").write_text(text)
    if create:
        con = duckdb.connect(str(root / "data" / "w.duckdb"))
        con.execute(create)
        con.close()
    return root


def check(root: Path, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["check", str(root), "--format", "json"], env=env)


def test_a_duckdb_table_is_judged_and_its_stray_ids_are_found_by_distinct(tmp_path: Path) -> None:
    root = project(tmp_path, source_block("duckdb://data/w.duckdb"))
    loaded = load_project(root)
    assert loaded.snapshots.periods == ["2026-09", "2026-10"]
    assert loaded.snapshots.dimensions == ("channel", "persona")
    assert loaded.snapshots.measures == ("cost", "mqls", "sqls")
    assert loaded.snapshots.unknown_ids == {("channel", "tiktok"): ("mkdocs.yml", 11)}
    assert loaded.snapshots.source.describe() == "marketing_snapshots on duckdb"
    findings = judge(loaded, loaded.config.settings.as_of).findings
    stray = [f for f in findings if f.rule == "unknown-reference" and f.file == "mkdocs.yml"]
    assert [(f.line, f.message) for f in stray] == [(11, "Unknown channel 'tiktok': it is not in data/channels.yaml.")]


def test_the_env_tag_supplies_the_url_and_a_date_period_is_its_month(tmp_path: Path) -> None:
    create = (f"CREATE TABLE {TABLE} AS SELECT strptime(period || '-15', '%Y-%m-%d')::DATE AS period, "
              f"channel, persona, mqls::INTEGER AS mqls, sqls, cost FROM ({ROWS})")
    root = project(tmp_path, source_block("!ENV OPSMANUAL_TEST_WAREHOUSE"), create)
    result = check(root, {"OPSMANUAL_TEST_WAREHOUSE": f"duckdb://{root / 'data' / 'w.duckdb'}"})
    assert result.exit_code == 1, result.output  # the stray channel is an error finding
    assert "Unknown channel 'tiktok': it is not in data/channels.yaml." in result.output
    assert '"2026-10"' in result.output or "2026-10" in result.output


def test_resolve_url_reads_the_environment_passed_in() -> None:
    source = SourceSettings("!ENV WAREHOUSE", "t", None, 9, {"url": 10})
    problems = Problems()
    assert resolve_url(source, "mkdocs.yml", problems, {"WAREHOUSE": " duckdb://w.duckdb "}) == "duckdb://w.duckdb"
    assert resolve_url(source, "mkdocs.yml", problems, {}) is None
    assert [str(p) for p in problems.items] == [
        "mkdocs.yml:10: the environment variable WAREHOUSE is not set (set it to the connection URL of "
        "metrics_source, e.g. postgres://user:password@host/db)"
    ]


ERRORS = {
    "env-unset": (
        source_block("!ENV OPSMANUAL_TEST_UNSET"), f"CREATE TABLE {TABLE} AS {ROWS}",
        "mkdocs.yml:10: the environment variable OPSMANUAL_TEST_UNSET is not set",
    ),
    "not-a-url": (source_block("data/w.duckdb"), None, "mkdocs.yml:10: metrics_source url 'data/w.duckdb' is not a connection URL"),
    "missing-file": (source_block("duckdb://data/nowhere.duckdb"), None, "mkdocs.yml:10: the duckdb database "),
    "missing-table": (source_block("duckdb://data/w.duckdb", "snapshots_v2"), f"CREATE TABLE {TABLE} AS {ROWS}",
                      "mkdocs.yml:11: cannot read table 'snapshots_v2' on duckdb: "),
    "bad-query": (source_block("duckdb://data/w.duckdb", None, "select nope from marketing_snapshots"),
                  f"CREATE TABLE {TABLE} AS {ROWS}", "mkdocs.yml:11: cannot read the query on duckdb: "),
    "no-period": (source_block("duckdb://data/w.duckdb"), f"CREATE TABLE {TABLE} AS SELECT channel, mqls FROM ({ROWS})",
                  "mkdocs.yml:11: table 'marketing_snapshots' has no 'period' column (columns are channel, mqls;"),
    "no-measure": (source_block("duckdb://data/w.duckdb"), f"CREATE TABLE {TABLE} AS SELECT period, channel FROM ({ROWS})",
                   "mkdocs.yml:11: no column of table 'marketing_snapshots' is a measure of data/metrics.yaml"),
    "text-measure": (source_block("duckdb://data/w.duckdb"),
                     f"CREATE TABLE {TABLE} AS SELECT period, channel, mqls::VARCHAR AS mqls FROM ({ROWS})",
                     "mkdocs.yml:11: column 'mqls' of table 'marketing_snapshots' is string, not a number"),
    "bad-period": (source_block("duckdb://data/w.duckdb"),
                   f"CREATE TABLE {TABLE} AS SELECT replace(period, '-09', '-13') AS period, mqls FROM ({ROWS})",
                   "mkdocs.yml:11: period '2026-13' in table 'marketing_snapshots' is not a month"),
    "null-period": (source_block("duckdb://data/w.duckdb"),
                    f"CREATE TABLE {TABLE} AS SELECT NULLIF(period, '2026-09') AS period, mqls FROM ({ROWS})",
                    "mkdocs.yml:11: 1 row of table 'marketing_snapshots' has no period"),
    "unknown-engine": (source_block("nosuchdb://host/db"), None, "mkdocs.yml:10: "),
    "table-and-query": (
        "      metrics_source:\n        url: duckdb://data/w.duckdb\n        table: t\n        query: select 1\n", None,
        "mkdocs.yml:9: ",
    ),
}


@pytest.mark.parametrize(("block", "create", "expected"), ERRORS.values(), ids=ERRORS.keys())
def test_source_problems_are_input_errors_at_the_config_line(tmp_path: Path, block: str, create: str | None,
                                                             expected: str) -> None:
    result = check(project(tmp_path, block, create))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"Error: {expected}" in result.output


def test_an_unreachable_server_names_the_line_and_never_the_password(tmp_path: Path, unused_port: int) -> None:
    url = f"postgres://analyst:s3cret-pw@127.0.0.1:{unused_port}/marketing"
    result = check(project(tmp_path, source_block("!ENV OPSMANUAL_TEST_WAREHOUSE"), None),
                   {"OPSMANUAL_TEST_WAREHOUSE": url})
    assert result.exit_code == 2, result.output
    assert f"Error: mkdocs.yml:10: cannot connect to postgres://analyst:***@127.0.0.1:{unused_port}/marketing: " in result.output
    assert "s3cret-pw" not in result.output
    assert "Traceback" not in result.output


def test_a_postgres_table_with_a_missing_column(tmp_path: Path, postgres_url: str) -> None:
    result = check(project(tmp_path, source_block(postgres_url, None, "select channel, mqls from marketing_snapshots"), None))
    assert result.exit_code == 2, result.output
    assert "Error: mkdocs.yml:11: the query has no 'period' column (columns are channel, mqls;" in result.output


def test_parquet_snapshots_are_read_like_csv(tmp_path: Path) -> None:
    csv_root = copy_fixture("small", tmp_path / "csv")
    parquet_root = copy_fixture("small", tmp_path / "parquet")
    for path in sorted((parquet_root / "data" / "snapshots").glob("*.csv")):
        con = duckdb.connect()
        target = path.with_suffix(".parquet")
        con.execute(f"COPY (SELECT * FROM read_csv('{path}', all_varchar = true)) TO '{target}' (FORMAT parquet)")
        path.unlink()
    as_of = load_project(csv_root).config.settings.as_of
    expected = judge(load_project(csv_root), as_of)
    found = judge(load_project(parquet_root), as_of)
    assert [(r.periods, r.values) for r in found.results] == [(r.periods, r.values) for r in expected.results]
    assert any(v is not None for r in found.results for v in r.values)


def test_a_parquet_text_cell_in_a_measure_column_is_an_input_error(tmp_path: Path) -> None:
    root = copy_fixture("small", tmp_path / "p", {"data/snapshots": None})
    (root / "data" / "snapshots").mkdir()
    duckdb.connect().execute(
        f"COPY (SELECT 'webinar' AS channel, '$5' AS cost) TO '{root / 'data' / 'snapshots' / '2026-10.parquet'}' (FORMAT parquet)")
    result = check(root)
    assert result.exit_code == 2, result.output
    assert "Error: data/snapshots/2026-10.parquet: cannot read the Parquet file: " in result.output


def test_a_sqlite_file_relative_to_the_project(tmp_path: Path) -> None:
    import sqlite3

    root = project(tmp_path, source_block("sqlite://data/m.sqlite"), None)
    con = sqlite3.connect(root / "data" / "m.sqlite")
    con.execute(f"CREATE TABLE {TABLE} (period TEXT, channel TEXT, mqls INTEGER, sqls REAL)")
    con.executemany(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?)",
                    [("2026-09", "webinar", 100, 30), ("2026-10", "webinar", 110, 22), ("2026-10", "webinar", 10, None)])
    con.commit()
    con.close()
    loaded = load_project(root)
    assert loaded.snapshots.periods == ["2026-09", "2026-10"]
    assert loaded.snapshots.source.describe() == "marketing_snapshots on sqlite"
    series = Cube(loaded.snapshots).series({"channel": ("webinar",)})
    assert series.periods == ("2026-09", "2026-10")
    assert series.measure("mqls").tolist() == [100.0, 120.0]
    assert series.measure("sqls").tolist() == [30.0, 22.0]
    # SQLite's connection serves only the thread that opened it: judging queries it from this one
    assert judge(loaded, date(2026, 11, 20)).results
    loaded.snapshots.close()


def test_a_schema_qualified_table_with_upper_case_columns(tmp_path: Path) -> None:
    """As warehouses often answer: analytics.marketing_snapshots, PERIOD and CHANNEL in capitals."""
    create = (f"CREATE SCHEMA analytics; CREATE TABLE analytics.{TABLE} AS SELECT period AS PERIOD, "
              f"channel AS CHANNEL, persona AS Persona, mqls AS MQLS, sqls, cost FROM ({ROWS})")
    root = project(tmp_path, source_block("duckdb://data/w.duckdb", f"analytics.{TABLE}"), create)
    loaded = load_project(root)
    assert loaded.snapshots.periods == ["2026-09", "2026-10"]
    assert (loaded.snapshots.dimensions, loaded.snapshots.measures) == (("channel", "persona"), ("cost", "mqls", "sqls"))
    assert Cube(loaded.snapshots).series({"channel": ("webinar",)}).measure("mqls").tolist() == [100.0, 120.0]
    loaded.snapshots.close()


def test_a_query_may_end_with_a_semicolon(tmp_path: Path) -> None:
    root = project(tmp_path, source_block("duckdb://data/w.duckdb", None, f"select * from {TABLE} where period = '2026-10';"))
    loaded = load_project(root)
    assert loaded.snapshots.periods == ["2026-10"]
    assert loaded.snapshots.source.describe() == "a query on duckdb"
    loaded.snapshots.close()


def test_an_empty_table_is_no_data_not_an_error(tmp_path: Path) -> None:
    root = project(tmp_path, source_block("duckdb://data/w.duckdb"), f"CREATE TABLE {TABLE} AS {ROWS} LIMIT 0")
    loaded = load_project(root)
    assert (loaded.snapshots.periods, loaded.snapshots.rows) == ([], 0)
    results = judge(loaded, loaded.config.settings.as_of).results
    assert results and all(r.state.value == "no-data" for r in results)
    loaded.snapshots.close()

