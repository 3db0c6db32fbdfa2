"""``content-map/index.md``: the persona x stage matrix with gaps and performance, and every asset.

A cell lists the live assets for that persona at that stage (linked when their ``url`` is safe,
marked when past their refresh date) and, when the snapshots have ``persona`` and ``stage``
columns, the cell's result for the newest period. A cell without live content is a gap.

The page ends with a table of every asset, up to ``subjects.ASSET_TABLE_LIMIT`` assets; past it,
with how many assets each persona has (linked to the persona's page, which lists them by stage)
and a table of the assets outside the map only.
"""

from __future__ import annotations

from collections import Counter

from ..metrics.format import format_value, of_total
from ..metrics.scorecard import value_at
from ..model.entities import Asset
from ..model.rules import Rule
from ..rules.content_use import content_usage
from . import links
from .blocks import anchor_span, heading, page, table, wide
from .bundle import NOT_IN_SEARCH, GeneratedPage
from .context import SiteContext
from .escape import link, text
from .labels import plural, tags_for
from .overview import content_heatmap
from .subjects import ASSET_TABLE_LIMIT, asset_home, every_asset_listed, map_persona

PATH = links.CONTENT_MAP
TITLE = "Content map"
# A cell with more live assets than this shows their count, linked to the persona's page that lists
# them by stage: a matrix of thousands of names is megabytes no reader scans.
CELL_LIMIT = 12
# Past ASSET_TABLE_LIMIT assets (500, in subjects.py with the rule of where an asset is then listed)
# the table of every asset gives way to a count per persona, linked to the persona's page.


def expired(asset: Asset, ctx: SiteContext) -> bool:
    return asset.status.is_live() and asset.refresh_by is not None and asset.refresh_by < ctx.as_of


def asset_label(asset: Asset, ctx: SiteContext) -> str:
    """The asset's title, linked to its URL when safe, with a marker when past its refresh date."""
    label = link(asset.title, asset.url) if asset.url else text(asset.title)
    unused = next((f for f in ctx.findings.get(asset.subject, []) if f.rule is Rule.CONTENT_UNUSED), None)
    if unused is not None:
        label += f" ⚠ *no result since {text(unused.values['periods'][0])}*"
    if expired(asset, ctx):
        label += f" ⚠ *expired {asset.refresh_by.isoformat()}*"  # type: ignore[union-attr]
    elif not asset.status.is_live():
        label += f" *({asset.status.value})*"
    return label


def cell_assets(persona: str, stage: str, ctx: SiteContext) -> list[Asset]:
    return [a for a in ctx.project.catalogs.content.values() if a.stage == stage and persona in a.personas]


def _cell(persona: str, stage: str, ctx: SiteContext) -> str:
    assets = cell_assets(persona, stage, ctx)
    live = [a for a in assets if a.status.is_live()]
    head: list[str] = []
    result = ctx.card.result
    dims = ctx.project.snapshots.dimensions
    if result is not None and "persona" in dims and "stage" in dims and ctx.newest_period:
        series = ctx.cube.series({"persona": (persona,), "stage": (stage,)})
        value = value_at(result, series, ctx.newest_period)
        if value is not None:
            shown = text(f"{format_value(value, result.unit)} {result.label} ({ctx.newest_period})")
            head.append(f'<span class="opsmanual-cell-metric">{shown}</span>')
    if len(live) > CELL_LIMIT:
        label = text(plural(len(live), "live asset"))
        return "".join(head) + links.md_link(label, PATH, links.persona_page(persona))
    items = [f"• {asset_label(a, ctx)}" for a in live]
    if not live:
        head.append('<span class="opsmanual-gap">gap: no live content</span>')
        items += [f"• {asset_label(a, ctx)}" for a in assets if not a.status.is_live()]
    return "".join(head) + "<br>".join(items)


def _matrix(ctx: SiteContext) -> str:
    catalogs = ctx.project.catalogs
    if not catalogs.personas or not catalogs.stages:
        return "The map needs personas and stages: add them to personas.yaml and stages.yaml."
    headers = ["Persona", *(text(s.name) for s in catalogs.stages.values())]
    rows = [
        [
            links.text_link(p.name, PATH, links.persona_page(p.id)),
            *(_cell(p.id, s.id, ctx) for s in catalogs.stages.values()),
        ]
        for p in catalogs.personas.values()
    ]
    return table(headers, rows)


def _unused(asset: Asset, ctx: SiteContext) -> bool:
    return any(f.rule is Rule.CONTENT_UNUSED for f in ctx.findings.get(asset.subject, []))


def _assets_table(assets: list[Asset], ctx: SiteContext) -> str:
    catalogs = ctx.project.catalogs
    rows = []
    for asset in assets:
        personas = ", ".join(
            links.text_link(catalogs.personas[p].name, PATH, links.persona_page(p))
            if p in catalogs.personas
            else text(p)
            for p in asset.personas
        )
        stage = catalogs.stages[asset.stage].name if asset.stage in catalogs.stages else (asset.stage or "—")
        channels = ", ".join(
            links.text_link(catalogs.channels[c].name, PATH, links.CHANNELS, links.anchor("channel", c))
            if c in catalogs.channels
            else text(c)
            for c in asset.channels
        )
        rows.append(
            [
                anchor_span(asset_home(catalogs, asset)[1]) + asset_label(asset, ctx),
                text(asset.type or "—"),
                personas or "—",
                text(stage),
                channels or "—",
                ctx.owner_link(asset.owner, PATH),
                asset.status.value,
                asset.refresh_by.isoformat() if asset.refresh_by else "—",
                text(", ".join(tags_for(ctx.findings.get(asset.subject, [])))),
            ]
        )
    return table(["Asset", "Type", "Personas", "Stage", "Channels", "Owner", "Status", "Refresh by", "Flags"], rows)


def _stray(ctx: SiteContext) -> list[Asset]:
    """The assets outside the map: no persona in personas.yaml, or no stage in stages.yaml."""
    catalogs = ctx.project.catalogs
    return [a for a in catalogs.content.values() if map_persona(catalogs, a) is None]


def _outside(ctx: SiteContext) -> str:
    stray = _stray(ctx)
    if not stray:
        return ""
    catalogs = ctx.project.catalogs
    items = ", ".join(links.md_link(text(a.title), PATH, *asset_home(catalogs, a)) for a in stray)
    return f"Outside the map (no known persona or stage): {items}."


def _by_persona(ctx: SiteContext) -> list[str]:
    """Past ASSET_TABLE_LIMIT: each persona's assets counted, linked to the page that lists them by
    stage, and the assets outside the map in a table (their one home)."""
    catalogs = ctx.project.catalogs
    counts: dict[str, Counter[str]] = {p: Counter() for p in catalogs.personas}
    for asset in catalogs.content.values():
        if asset.stage not in catalogs.stages:
            continue
        kinds = [asset.status.value]
        if expired(asset, ctx):
            kinds.append("expired")
        if asset.status.is_live() and _unused(asset, ctx):
            kinds.append("unused")
        for persona in dict.fromkeys(asset.personas):  # listed once on a persona's page, as cell_assets does
            if persona in counts:
                counts[persona].update(["assets", *kinds])
    rows = [
        [
            links.text_link(persona.name, PATH, links.persona_page(persona.id)),
            *(f"{counts[persona.id][k]:,}" for k in ("assets", "live", "expired", "unused", "draft", "retired")),
        ]
        for persona in catalogs.personas.values()
    ]
    stray = _stray(ctx)
    parts = [
        text(
            f"{len(catalogs.content):,} assets: too many for one table (this page lists every asset up to "
            f"{ASSET_TABLE_LIMIT}). Each persona's page lists its assets by stage. An asset for several "
            "personas counts for each; expired and unused assets are live ones."
        ),
        table(["Persona", "Assets", "Live", "Expired", "Unused", "Draft", "Retired"], rows, "lrrrrrr"),
    ]
    if stray:
        parts += [
            text(f"Outside the map (no known persona or stage): {plural(len(stray), 'asset')}."),
            wide(_assets_table(stray, ctx)),
        ]
    return parts


def render(ctx: SiteContext) -> GeneratedPage:
    catalogs = ctx.project.catalogs
    gaps = sum(1 for cell in ctx.judgement.cells if not cell.live)  # the rules' cells, never recounted
    cells = len(ctx.judgement.cells)
    result = ctx.card.result
    perf = (
        f" Each cell shows {result.label} for {ctx.newest_period} where the snapshots say."
        if result is not None and ctx.newest_period
        else ""
    )
    settings = ctx.project.config.settings
    usage = content_usage(ctx.project, ctx.cube, ctx.as_of, settings.unused_periods, settings.stale_after)
    unused = sum(1 for fs in ctx.findings.values() for f in fs if f.rule is Rule.CONTENT_UNUSED)
    waived = sum(1 for fs in ctx.waived.values() for f in fs if f.rule is Rule.CONTENT_UNUSED)
    untracked = sum(1 for u in usage.values() if not u.tracked)
    use = (
        f" {unused} live asset{'s' if unused != 1 else ''} produced no result in the last "
        f"{plural(settings.unused_periods, 'period')} with content data (unused)"
        + (f", {waived} more waived" if waived else "")
        + f"; {untracked} ha{'ve' if untracked != 1 else 's'} no rows at all (no data, not judged)."
        if "content" in ctx.project.snapshots.dimensions
        else ""
    )
    intro = text(
        f"Who each live asset is for, and when in the journey. {of_total(gaps, cells, 'cell')} no "
        f"live content (gaps).{perf}{use}"
    )
    parts = [
        "# Content map",
        intro,
        heading(2, "Persona × stage"),
        content_heatmap(ctx),
        f'<div class="opsmanual-matrix" markdown>\n\n{_matrix(ctx)}\n\n</div>',
        _outside(ctx),
    ]
    if not every_asset_listed(catalogs):
        parts += [heading(2, "Assets by persona"), *_by_persona(ctx)]
    elif catalogs.content:
        assets = list(catalogs.content.values())
        parts += [heading(2, "Every asset"), wide(_assets_table(assets, ctx))]
    else:
        parts += [heading(2, "Every asset"), "No content assets yet: add them to content.yaml."]
    return GeneratedPage(PATH, TITLE, page(*parts), meta={"hide": ["toc"], **NOT_IN_SEARCH})
