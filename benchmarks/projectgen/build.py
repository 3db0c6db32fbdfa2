"""Generate the project into a folder, step by step; the output is a pure function of the parameters."""

from __future__ import annotations

import time
from pathlib import Path

from . import catalogs, writer
from .kpis import Recent
from .pages import build_pages
from .snapshots import build_pool, gen_period, period_columns
from .vocab import MEASURE_NAMES
from .world import World, build_content
from .world import build_catalogs as build_world

SITE_NAME = "Acme demand-generation operating manual"
RECENT_PERIODS = 4  # the newest periods that KPI targets are set from


def generate(a) -> dict:
    """Write mkdocs.yml, manual/ and data/ under ``a.out_dir``; timings and sizes for the caller."""
    t0 = time.perf_counter()
    out = Path(a.out_dir)
    w = World(a.end_period, a.periods)
    build_world(w, a)
    build_content(w, a)
    build_pool(w, a)

    keep = min(RECENT_PERIODS, a.periods)
    recent_periods = []
    total_rows = 0
    snap_bytes = 0
    for p in range(a.periods):
        d = gen_period(w, a, p)
        csv = writer.snapshot_csv(d["label"], period_columns(w, d), {m: d[m] for m in MEASURE_NAMES})
        snap_bytes += writer.write(out, f"data/snapshots/{d['label']}.csv", csv)
        total_rows += d["n"]
        if p >= a.periods - keep:
            recent_periods.append(d)
    t_snap = time.perf_counter()
    recent = Recent(w, recent_periods)

    pages = build_pages(w, a, recent)
    page_bytes = 0
    for path, front, body in pages:
        page_bytes += writer.write(out, f"manual/{path}", writer.page_text(path, front, body))
    for name, entries in catalogs.build_catalogs(w, a, recent).items():
        writer.write(out, f"data/{name}.yaml", writer.catalog_text(name, entries))
    writer.write(out, "data/metrics.yaml", writer.metric_catalog_text(catalogs.metric_catalog()))
    writer.write(out, "mkdocs.yml", writer.mkdocs_text(SITE_NAME, w.as_of))
    t1 = time.perf_counter()
    return {
        "seconds": round(t1 - t0, 2),
        "snapshot_seconds": round(t_snap - t0, 2),
        "pages": len(pages),
        "page_bytes": page_bytes,
        "snapshot_files": a.periods,
        "snapshot_rows": total_rows,
        "snapshot_bytes": snap_bytes,
        "as_of": w.as_of.isoformat(),
        "periods": [w.periods[0], w.periods[-1]],
    }
