"""The demo manual with its snapshots moved into a database: a DuckDB file, a PostgreSQL server,
a Spark session. Each engine starts once per test run."""

from __future__ import annotations

import gc
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.load.project import load_project

from .servers import postgres_server, spark_session

ROOT = Path(__file__).resolve().parents[2]
TABLE = "marketing_snapshots"


def source_block(url: str, table: str | None = TABLE, query: str | None = None) -> str:
    lines = ["      metrics_source:", f"        url: {url}"]
    lines += [f"        table: {table}"] if table else [f'        query: "{query}"']
    return "\n".join(lines) + "\n"


def demo_copy(target: Path, block: str | None) -> Path:
    """The repository's demo at ``target``; with ``block``, its snapshots come from metrics_source."""
    shutil.copytree(ROOT / "manual", target / "manual")
    shutil.copytree(ROOT / "data", target / "data", ignore=shutil.ignore_patterns("snapshots") if block else None)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if block:
        text = text.replace("  - opsmanual:\n", "  - opsmanual:\n" + block, 1)
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def demo_rows():  # type: ignore[no-untyped-def]
    """The demo's snapshot rows as an Arrow table, read by the loader's scan of the files (period,
    dimensions, measures)."""
    engine = load_project(ROOT).snapshots.engine
    return engine.con.sql(f"SELECT * EXCLUDE (_file) FROM ({engine.scan})").to_arrow_table()


@pytest.fixture(scope="session")
def demo_duckdb(tmp_path_factory: pytest.TempPathFactory, demo_rows) -> Path:  # type: ignore[no-untyped-def]
    """A DuckDB database file holding the demo's rows in ``marketing_snapshots``."""
    import duckdb

    path = tmp_path_factory.mktemp("duckdb") / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.register("rows", demo_rows)
    con.execute(f"CREATE TABLE {TABLE} AS SELECT * FROM rows")
    con.close()
    return path


@pytest.fixture(scope="session")
def postgres_url(demo_rows) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A running PostgreSQL server whose ``marketing_snapshots`` holds the demo's rows."""
    import ibis

    with postgres_server() as url:
        con = ibis.connect(url)
        con.create_table(TABLE, demo_rows)
        con.disconnect()
        yield url


def spark_collected() -> None:
    """Collect the sockets PySpark leaves to the garbage collector after an Arrow transfer, so that
    their ResourceWarning (PySpark's, not ours) is not raised in a later test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.fixture(scope="session")
def spark(demo_rows):  # type: ignore[no-untyped-def]
    """A local Spark session with the demo's rows as the temporary view ``marketing_snapshots``."""
    warehouse = Path(tempfile.mkdtemp(prefix="opsmanual-spark-"))
    session = spark_session(warehouse)
    session.createDataFrame(demo_rows).createOrReplaceTempView(TABLE)
    yield session
    session.stop()
    shutil.rmtree(warehouse, ignore_errors=True)


@pytest.fixture
def unused_port() -> int:
    """A local port nothing listens on."""
    from .servers import free_port

    return free_port()
