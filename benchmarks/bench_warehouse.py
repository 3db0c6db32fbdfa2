#!/usr/bin/env python3
"""Benchmark `opsmanual check` on a metrics_source table against the engine running a grouped query.

    python benchmarks/bench_warehouse.py duckdb   [--rows 100000000] [--repeat 3]
    python benchmarks/bench_warehouse.py postgres [--rows 10000000]  [--repeat 3]

The manual is the enterprise project (benchmarks/generate.py, in benchmarks/.cache/enterprise);
its snapshots are replaced by a table of --rows rows made inside the engine (ids drawn from the
project's own snapshot files, so every id exists), under metrics_source.

Measured alternately in the same run, each a fresh child process (wall time, peak RSS):

  check     `opsmanual check DIR --format json --fail-on never` (every aggregation in the engine)
  baseline  duckdb: a Python process running one GROUP BY channel, period over the table with
            DuckDB; postgres: `psql` running the same grouped query

Results go to benchmarks/results/warehouse-<engine>.json. Exit 1 if --max-rss-mb is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from bench_check import run_child, summarise  # noqa: E402

TABLE = "marketing_snapshots"
MEASURES = ("leads", "mqls", "sqls", "opportunities", "pipeline", "cost", "emails_sent")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def ids(project: Path) -> dict[str, list[str]]:
    """The ids of each dimension in the enterprise project's snapshots (every one is in a catalog)."""
    import duckdb

    files = str(project / "data" / "snapshots" / "2026-10.csv")
    con = duckdb.connect()
    found = {}
    for dim in ("channel", "content", "persona", "stage", "region"):
        found[dim] = sorted(r[0] for r in con.execute(f"SELECT DISTINCT {dim} FROM read_csv('{files}') "
                                                      f"WHERE {dim} IS NOT NULL").fetchall())
    found["period"] = sorted(p.stem for p in (project / "data" / "snapshots").glob("*.csv"))
    return found


def select_rows(rows: int, values: dict[str, list[str]], series: str, hash_fn: str, array: str) -> str:
    """SELECT of ``rows`` snapshot rows from a number series ``i``: ids picked by hashes of i."""
    def pick(dim: str, salt: int) -> str:
        listed = ", ".join("'" + v.replace("'", "''") + "'" for v in values[dim])
        return f"({array.format(listed)})[1 + CAST(({hash_fn.format(f'i * {salt}')}) % {len(values[dim])} AS INTEGER)]"

    cells = [f"{pick('period', 7)} AS period"] + [f"{pick(d, 11 + n)} AS {d}" for n, d in
                                                   enumerate(("channel", "content", "persona", "stage", "region"))]
    cells += [f"CAST(({hash_fn.format(f'i * {31 + n}')}) % 50 AS DOUBLE PRECISION) AS {m}" for n, m in enumerate(MEASURES)]
    return f"SELECT {', '.join(cells)} FROM {series.format(rows)}"


def make_duckdb(path: Path, rows: int, values: dict[str, list[str]]) -> None:
    import duckdb

    if path.exists():
        return
    log(f"bench: making {rows:,} rows in {path}")
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    con.execute("SET enable_progress_bar = false")
    sql = select_rows(rows, values, "range({}) t(i)", "hash({})", "[{}]")
    t0 = time.perf_counter()
    con.execute(f"CREATE TABLE {TABLE} AS {sql}")
    con.close()
    tmp.rename(path)
    log(f"bench: made in {time.perf_counter() - t0:.0f} s, {path.stat().st_size / 1e9:.1f} GB")


def project_with_source(enterprise: Path, target: Path, url: str) -> Path:
    """The enterprise project without its snapshot files, reading ``url`` instead."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(enterprise / "manual", target / "manual")
    shutil.copytree(enterprise / "data", target / "data", ignore=shutil.ignore_patterns("snapshots"))
    text = (enterprise / "mkdocs.yml").read_text()
    block = f"      metrics_source:\n        url: {url}\n        table: {TABLE}\n"
    (target / "mkdocs.yml").write_text(text.replace("  - opsmanual:\n", "  - opsmanual:\n" + block, 1))
    return target


GROUPED = f"SELECT channel, period, count(*) AS n, {', '.join(f'sum({m}) AS {m}' for m in MEASURES)} " \
          f"FROM {TABLE} GROUP BY channel, period"

DUCKDB_BASELINE = r"""
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SET enable_progress_bar = false")
print(len(con.execute(sys.argv[2]).fetchall()))
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("engine", choices=["duckdb", "postgres"])
    ap.add_argument("--rows", type=int, help="rows of the table (default 100M for duckdb, 10M for postgres)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-rss-mb", type=float, help="exit 1 if the check's peak RSS exceeds this")
    args = ap.parse_args(argv)
    rows = args.rows or (100_000_000 if args.engine == "duckdb" else 10_000_000)
    enterprise = CACHE / "enterprise"
    if not (enterprise / "mkdocs.yml").is_file():
        log("bench: run benchmarks/bench_check.py first (it generates benchmarks/.cache/enterprise)")
        return 2
    values = ids(enterprise)
    opsmanual = Path(sys.executable).parent / "opsmanual"
    server = None
    if args.engine == "duckdb":
        db = CACHE / f"warehouse-{rows}.duckdb"
        make_duckdb(db, rows, values)
        url = f"duckdb://{db}"
        baseline = [sys.executable, "-c", DUCKDB_BASELINE, str(db), GROUPED]
    else:
        from tests.warehouse.servers import postgres_bin, postgres_server

        server = postgres_server()
        url = server.__enter__()
        import psycopg

        log(f"bench: making {rows:,} rows in PostgreSQL")
        t0 = time.perf_counter()
        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as con:
            sql = select_rows(rows, values, "generate_series(1, {}) t(i)", "abs(hashint8({}))", "ARRAY[{}]")
            con.execute(f"CREATE TABLE {TABLE} AS {sql}")
            con.execute(f"VACUUM ANALYZE {TABLE}")
        log(f"bench: made in {time.perf_counter() - t0:.0f} s")
        psql = str(postgres_bin() / "psql") if (postgres_bin() / "psql").exists() else "psql"
        baseline = [psql, url.replace("postgres://", "postgresql://"), "-q", "-A", "-t", "-c", GROUPED, "-o", "/dev/null"]
    try:
        project = project_with_source(enterprise, CACHE / f"warehouse-{args.engine}", url)
        check = [str(opsmanual), "check", str(project), "--format", "json", "--fail-on", "never"]
        checks, bases = [], []
        for i in range(args.repeat + 1):  # the first round warms caches and is not counted
            order = [("check", check), ("baseline", baseline)]
            for name, cmd in order if i % 2 == 0 else order[::-1]:
                r = run_child(cmd)
                if r["rc"] != 0:
                    log(f"bench: {name} exited {r['rc']}: {r['stderr'].decode(errors='replace')[-2000:]}")
                    return 2
                log(f"bench: round {i} {name:8s} {r['wall']:7.2f} s {r['rss_mb']:7.1f} MB")
                if i:
                    (checks if name == "check" else bases).append(r)
        report = json.loads(checks[-1]["stdout"])
    finally:
        if server is not None:
            server.__exit__(None, None, None)
    c, b = summarise(checks), summarise(bases)
    ratio = c["median_s"] / b["median_s"]
    failed = args.max_rss_mb is not None and c["peak_rss_mb"] > args.max_rss_mb
    print(f"{args.engine}: {rows:,} rows; check {c['median_s']:.2f} s ({c['peak_rss_mb']:.0f} MB peak RSS), "
          f"baseline {b['median_s']:.2f} s ({b['peak_rss_mb']:.0f} MB), ratio {ratio:.2f}; "
          f"{len(report['findings'])} findings")
    out = HERE / "results" / f"warehouse-{args.engine}.json"
    out.write_text(json.dumps({
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "engine": args.engine, "rows": rows,
        "repeat": args.repeat, "check": c, "baseline": {**b, "command": "psql" if server else "duckdb"},
        "ratio": round(ratio, 3), "findings": len(report["findings"]), "counts": report["counts"],
    }, indent=2) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
