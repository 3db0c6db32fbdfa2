"""Rules about the content map: ``coverage-gap`` and ``content-expired``."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from ..metrics.format import plural
from ..model.entities import Catalogs
from ..model.findings import Finding
from ..model.rules import Rule
from .context import Context
from .outcomes import CoverageCell, GapState


def coverage_cells(catalogs: Catalogs) -> tuple[CoverageCell, ...]:
    """Every persona x stage cell with its live assets; ``gap`` is set once the findings are judged."""
    live: dict[tuple[str, str | None], list[str]] = {}
    for asset in catalogs.content.values():
        if asset.status.is_live():
            for persona in asset.personas:
                live.setdefault((persona, asset.stage), []).append(asset.id)
    return tuple(
        CoverageCell(persona.id, stage.id, tuple(live.get((persona.id, stage.id), ())))
        for persona in catalogs.personas.values()
        for stage in catalogs.stages.values()
    )


def coverage_rules(ctx: Context) -> Iterator[Finding]:
    catalogs = ctx.project.catalogs
    for cell in ctx.cells:
        if not cell.live:
            persona, stage = catalogs.personas[cell.persona], catalogs.stages[cell.stage]
            yield ctx.finding(
                Rule.COVERAGE_GAP, persona.source.file, persona.source.line, persona.subject, persona.owner,
                f"No live content for {persona.name} at the {stage.name} stage.",
                persona=persona.id, stage=stage.id,
            )


def judged_cells(cells: tuple[CoverageCell, ...], kept: list[Finding], waived: list[Finding]) -> tuple[CoverageCell, ...]:
    """``cells`` with the state of each gap: flagged, waived, or off (no finding at all)."""
    def keys(findings: list[Finding]) -> set[tuple[object, object]]:
        return {(f.values.get("persona"), f.values.get("stage")) for f in findings if f.rule is Rule.COVERAGE_GAP}

    flagged, silenced = keys(kept), keys(waived)

    def state(cell: CoverageCell) -> GapState | None:
        if cell.live:
            return None
        key = (cell.persona, cell.stage)
        return GapState.FLAGGED if key in flagged else GapState.WAIVED if key in silenced else GapState.OFF

    return tuple(dataclasses.replace(cell, gap=state(cell)) for cell in cells)


def expiry_rules(ctx: Context) -> Iterator[Finding]:
    for asset in ctx.project.catalogs.content.values():
        if asset.status.is_live() and asset.refresh_by is not None and asset.refresh_by < ctx.as_of:
            days = (ctx.as_of - asset.refresh_by).days
            yield ctx.finding(
                Rule.CONTENT_EXPIRED, asset.source.file, asset.source.line, asset.subject, asset.owner,
                f"Live asset '{asset.title}' was due for a refresh on {asset.refresh_by.isoformat()} ({plural(days, 'day')} ago): "
                "refresh it, or retire it if no one needs it.",
                refresh_by=asset.refresh_by.isoformat(),
            )
