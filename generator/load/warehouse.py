"""Load the snapshots from ``metrics_source``: a table or query in a database, through Ibis.

Nothing but the schema, DISTINCT values and counts per period is read here; the grouped sums
come later, one query per set of KPI slice dimensions (see ``metrics.cube``). Every problem (an
unset environment variable, a server that does not answer, a missing table or column, a column
of the wrong type, a period that is not a month) is an input problem at the line of
``mkdocs.yml`` to fix, and never shows the URL's password.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..metrics.warehouse import (
    IbisTable,
    connect,
    engine_name,
    local_path,
    lowercased,
    open_query,
    open_table,
    quiet,
    redact,
    scrub,
    shaped,
)
from ..model.config import SiteConfig, SourceSettings
from ..model.dates import is_period
from ..model.snapshots import PERIOD, MetricSource, Snapshots
from .problems import Problems

ENV = re.compile(r"^!+ENV\s+([A-Za-z_][A-Za-z0-9_]*)$")  # a !ENV tag the config reader left as text


def resolve_url(source: SourceSettings, file: str, problems: Problems,
                environ: Mapping[str, str] | None = None) -> str | None:
    """The connection URL, ``!ENV NAME`` taken from the environment."""
    environ = os.environ if environ is None else environ
    url = source.url.strip()
    match = ENV.match(url)
    if match:
        url = environ.get(match.group(1), "").strip()
        if not url:
            problems.add(file, source.line_of("url"), f"the environment variable {match.group(1)} is not set",
                         "set it to the connection URL of metrics_source, e.g. postgres://user:password@host/db")
            return None
    if "://" not in url:
        problems.add(file, source.line_of("url"), f"metrics_source url '{redact(url)}' is not a connection URL",
                     "write it as engine://..., e.g. duckdb://data/warehouse.duckdb or postgres://user@host/db")
        return None
    return url


def _first_line(exc: BaseException, url: str) -> str:
    text = str(exc).strip().splitlines()
    return scrub(text[0] if text else type(exc).__name__, url)


def load_source(root: Path, config: SiteConfig, measures: set[str], known: dict[str, set[str]],
          problems: Problems, environ: dict[str, str] | None = None) -> Snapshots:
    """The snapshots of ``metrics_source``; problems are collected (empty snapshots then)."""
    with quiet():
        return _load(root, config, measures, known, problems, environ)


def _load(root: Path, config: SiteConfig, measures: set[str], known: dict[str, set[str]],
          problems: Problems, environ: dict[str, str] | None = None) -> Snapshots:
    source = config.settings.metrics_source
    assert source is not None
    file = config.file
    empty = Snapshots.empty(tuple(sorted(measures)))
    url = resolve_url(source, file, problems, environ)
    if url is None:
        return empty
    engine = engine_name(url)
    path = local_path(url, root)
    if path is not None and not path.is_file():
        problems.add(file, source.line_of("url"), f"the {engine} database {path} does not exist",
                     "a relative path is taken from the folder of mkdocs.yml")
        return empty
    try:
        backend = connect(url, root)
    except ModuleNotFoundError as exc:
        problems.add(file, source.line_of("url"), f"no Ibis backend for '{engine}' is installed ({exc.name} is missing)",
                     f"pip install 'ibis-framework[{engine}]'")
        return empty
    except Exception as exc:  # noqa: BLE001 - every backend raises its own errors
        problems.add(file, source.line_of("url"), f"cannot connect to {redact(url)}: {_first_line(exc, url)}",
                     "check metrics_source url (server, port, database, user, password) and that the server is running")
        return empty
    snapshots = _read(backend, source, engine, url, measures, known, file, problems)
    if snapshots is None:
        IbisTable(backend, None).close()
        return empty
    return snapshots


def _read(backend: Any, source: SourceSettings, engine: str, url: str, measures: set[str],
          known: dict[str, set[str]], file: str, problems: Problems) -> Snapshots | None:
    where = f"table '{source.table}'" if source.table else "the query"
    key = "table" if source.table else "query"
    try:
        table = lowercased(open_table(backend, source.table) if source.table else open_query(backend, source.query or ""))
        schema = table.schema()
    except Exception as exc:  # noqa: BLE001
        hint = "check the table name (schema.table where needed)" if source.table else "check the SQL of metrics_source query"
        problems.add(file, source.line_of(key), f"cannot read {where} on {engine}: {_first_line(exc, url)}", hint)
        return None
    columns = list(schema.names)
    if PERIOD not in columns:
        problems.add(file, source.line_of(key), f"{where} has no 'period' column",
                     f"columns are {', '.join(columns)}; add period (YYYY-MM text, or a date)")
        return None
    present = tuple(sorted(c for c in columns if c in measures))
    if not present:
        problems.add(file, source.line_of(key), f"no column of {where} is a measure of data/metrics.yaml",
                     f"columns are {', '.join(columns)}; measures are {', '.join(sorted(measures)) or 'none'}")
        return None
    wrong = [c for c in present if not schema[c].is_numeric()]
    for name in wrong:
        problems.add(file, source.line_of(key), f"column '{name}' of {where} is {schema[name]}, not a number",
                     "measure columns must be numbers: cast it in a query, or fix the table")
    dims = tuple(sorted(c for c in columns if c != PERIOD and c not in measures))
    if wrong:
        return None
    try:
        engine_table = IbisTable(backend, shaped(table, dims, present))
        counted = engine_table.period_rows()
        if any(p is None for p, _ in counted):
            missing = sum(int(n) for p, n in counted if p is None)
            how_many = "1 row" if missing == 1 else f"{missing:,} rows"
            problems.add(file, source.line_of(key), f"{how_many} of {where} {'has' if missing == 1 else 'have'} no period",
                         "every row needs its month: YYYY-MM text, or a date")
            return None
        bad = sorted(str(p) for p, _ in counted if not is_period(p))
        if bad:
            problems.add(file, source.line_of(key), f"period '{bad[0]}' in {where} is not a month"
                         + (f" ({len(bad) - 1} more)" if len(bad) > 1 else ""),
                         "periods are YYYY-MM text, or a date column")
            return None
        unknown_ids: dict[tuple[str, str], tuple[str, int]] = {}
        values = engine_table.distinct_values(dims)  # every dimension: the counts plan the groupings
        for dim in dims:
            if dim in known:
                for value in sorted(v for v in values[dim] if v is not None and v not in known[dim]):
                    unknown_ids[(dim, value)] = (file, source.line_of(key))
    except Exception as exc:  # noqa: BLE001
        problems.add(file, source.line_of(key), f"cannot query {where} on {engine}: {_first_line(exc, url)}",
                     "check that the columns hold what metrics_source expects")
        return None
    rows = sum(int(n) for _, n in counted)
    name = source.table if source.table else "a query"
    return Snapshots(engine_table, dims, present, sorted(str(p) for p, _ in counted), [], unknown_ids,
                     MetricSource("database", engine, name, rows), rows)

