"""The line at the end of every page: as-of date, newest data period and where it came from, version, source commit."""

from __future__ import annotations

from .context import SiteContext
from .escape import text


def footer(ctx: SiteContext) -> str:
    """``As of 2026-11-20 · newest data 2026-10 from data/snapshots · version 2026.11 · source a1b2c3d``
    (small print). The data's source is named by its folder, or its table and engine: never a URL."""
    parts = [f"As of {ctx.as_of.isoformat()}"]
    source = ctx.project.snapshots.source
    origin = f" from {source.describe()}" if source is not None else ""
    parts.append(f"newest data {ctx.newest_period}{origin}" if ctx.newest_period else "no metric data yet")
    parts.append(f"version {ctx.meta.version}" if ctx.meta.version else "unpublished build")
    parts.append(f"source {ctx.meta.commit}" if ctx.meta.commit else "source not under git")
    shown = " · ".join(text(p) for p in parts)
    return f'<small class="opsmanual-footer">{shown}</small>'
