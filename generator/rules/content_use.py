"""``content-unused``: a live asset that produced no result in any of the newest periods whose
snapshots carry a ``content`` dimension.

Only periods at or after the asset's publication month count, and the asset is judged only once
it has had ``unused_periods`` of them and the newest is fresh (``stale_after``). A period without
rows for the asset counts as no result (exports leave out slices with nothing in them), but an
asset with no snapshot rows at all is "no data", not unused: nothing says it was ever tracked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..metrics.cube import Cube
from ..metrics.format import plural
from ..model.dates import months_before
from ..model.entities import Asset
from ..model.findings import Finding
from ..model.metrics import MetricKind
from ..model.project import Project
from ..model.rules import Rule
from .context import Context


@dataclass(frozen=True)
class Usage:
    """What an asset produced over its judged window."""

    asset: Asset
    window: tuple[str, ...]  # the periods judged, oldest first; () when not judged
    tracked: bool  # the asset has snapshot rows at all
    results: float  # the sum of every result measure over the window

    @property
    def unused(self) -> bool:
        return self.tracked and bool(self.window) and self.results == 0


def content_usage(project: Project, cube: Cube, as_of: date, periods: int, stale_after: int) -> dict[str, Usage]:
    """The usage of every live asset, by id."""
    carrying = [p for p in project.snapshots.periods_with("content") if months_before(p, as_of) >= 0]
    fresh = bool(carrying) and months_before(carrying[-1], as_of) <= stale_after
    results = [m.id for m in project.metrics.values()
               if m.is_measure and m.kind is MetricKind.RESULT and m.id in cube.measures]
    sums = cube.absolute_sums("content", results) if carrying else {}
    out: dict[str, Usage] = {}
    months: dict[date, str] = {}  # publication day -> its month (assets share days)
    for asset in project.catalogs.content.values():
        if not asset.status.is_live():
            continue
        found = sums.get(asset.id)
        tracked = found is not None
        published = asset.published
        since = "" if published is None else months.get(published) or months.setdefault(published, published.strftime("%Y-%m"))
        eligible = [p for p in carrying if p >= since][-periods:]
        window = tuple(eligible) if fresh and tracked and len(eligible) == periods else ()
        total = 0.0
        if window and found is not None:
            total = sum(value for period, value in zip(*found, strict=True) if period in window)
        out[asset.id] = Usage(asset, window, tracked, total)
    return out


def unused_rules(ctx: Context) -> Iterator[Finding]:
    settings = ctx.settings
    cube = ctx.cube or Cube(ctx.project.snapshots)
    usage = content_usage(ctx.project, cube, ctx.as_of, settings.unused_periods, settings.stale_after)
    for use in usage.values():
        if not use.unused:
            continue
        asset = use.asset
        yield ctx.finding(
            Rule.CONTENT_UNUSED, asset.source.file, asset.source.line, asset.subject, asset.owner,
            f"Live asset '{asset.title}' produced no result in the last {plural(len(use.window), 'period')} with "
            f"content data ({use.window[0]} to {use.window[-1]}): promote it, refresh it, or retire it.",
            periods=list(use.window),
        )
