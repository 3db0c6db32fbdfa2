"""Rules about the content map: ``coverage-gap`` and ``content-expired``."""

from __future__ import annotations

from collections.abc import Iterator

from ..metrics.format import plural
from ..model.findings import Finding
from ..model.rules import Rule
from .context import Context


def coverage_rules(ctx: Context) -> Iterator[Finding]:
    catalogs = ctx.project.catalogs
    covered = {
        (persona, asset.stage)
        for asset in catalogs.content.values()
        if asset.status.is_live()
        for persona in asset.personas
    }
    for persona in catalogs.personas.values():
        for stage in catalogs.stages.values():
            if (persona.id, stage.id) not in covered:
                yield ctx.finding(
                    Rule.COVERAGE_GAP, persona.source.file, persona.source.line, persona.subject, persona.owner,
                    f"No live content for {persona.name} at the {stage.name} stage.",
                    persona=persona.id, stage=stage.id,
                )


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
