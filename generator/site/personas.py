"""``personas/index.md`` and ``personas/<id>.md``: who the buyers are, what they get, what they yield."""

from __future__ import annotations

from ..metrics.format import format_value
from ..metrics.scorecard import value_at, values
from ..model.entities import Asset, Persona
from ..rules.outcomes import GapState
from . import links
from .blocks import anchor_span, bullets, heading, page, table
from .bundle import GeneratedPage, Planned
from .content_map import asset_label, cell_assets
from .context import SiteContext
from .escape import text
from .health import findings_table
from .labels import by_urgency, tags_for
from .sparkline import sparkline
from .subjects import asset_home

INDEX_TITLE = "Personas"


def _has_persona_data(ctx: SiteContext) -> bool:
    return "persona" in ctx.project.snapshots.dimensions and bool(ctx.card.results) and ctx.newest_period is not None


def _gaps(persona: Persona, ctx: SiteContext) -> list[str]:
    """The stages where the rules found a gap for ``persona`` (a waived one says so; ``off``: none)."""
    stages = ctx.project.catalogs.stages
    return [
        stages[cell.stage].name + (" (waived)" if cell.gap is GapState.WAIVED else "")
        for cell in ctx.judgement.cells
        if cell.persona == persona.id and cell.gap in (GapState.FLAGGED, GapState.WAIVED)
    ]


def _empty_cell(gap: GapState | None) -> str:
    """What a cell without live content says: a gap, a waived gap, or (``coverage-gap`` off) just that."""
    if gap is GapState.FLAGGED:
        return "**gap**: no live content"
    return "gap (waived): no live content" if gap is GapState.WAIVED else "no live content"


def _listed(asset: Asset, ctx: SiteContext, path: str) -> str:
    """The asset's label, with its anchor when this page is its home (see subjects.asset_home)."""
    home, fragment = asset_home(ctx.project.catalogs, asset)
    return (anchor_span(fragment) if home == path else "") + asset_label(asset, ctx)


def _content(persona: Persona, ctx: SiteContext, path: str) -> str:
    stages = ctx.project.catalogs.stages.values()
    if not stages:
        return "No stages defined in stages.yaml."
    gaps = {cell.stage: cell.gap for cell in ctx.judgement.cells if cell.persona == persona.id}
    rows = []
    for stage in stages:
        assets = cell_assets(persona.id, stage.id, ctx)
        live = [_listed(a, ctx, path) for a in assets if a.status.is_live()]
        other = [_listed(a, ctx, path) for a in assets if not a.status.is_live()]
        rows.append([text(stage.name), "<br>".join(live) or _empty_cell(gaps.get(stage.id)), "<br>".join(other) or "—"])
    return table(["Stage", "Live content", "Draft or retired"], rows)


def _results(persona: Persona, ctx: SiteContext) -> str:
    series = ctx.cube.series({"persona": (persona.id,)})
    if series.empty:
        return text(f"No snapshot rows for {persona.name} yet.")
    period = ctx.newest_period
    rows = []
    for metric in ctx.card.results:
        points = ctx.on_axis(series.periods, values(metric, series))
        latest = value_at(metric, series, period)
        label = f"{metric.label} for {persona.name}, {ctx.axis[0]} to {ctx.axis[-1]}"
        rows.append(
            [
                text(metric.label),
                text(format_value(latest, metric.unit) if latest is not None else "—"),
                sparkline(points, label=label) or "—",
            ]
        )
    return page(
        text(f"Newest period {period}, from rows with persona {persona.id}."),
        table(["Measure", text(str(period)), "Trend"], rows, "lrl"),
    )


def persona_page(persona: Persona, ctx: SiteContext) -> GeneratedPage:
    path = links.persona_page(persona.id)
    catalogs = ctx.project.catalogs
    facts = []
    if persona.segment:
        facts.append(f"**Segment:** {text(persona.segment)}")
    facts.append(f"**Owner:** {ctx.owner_link(persona.owner, path)}")
    facts.append(f"**Source:** {ctx.source(persona.source.file, persona.source.line)}")
    parts = [f"# {text(persona.name)}", " · ".join(facts)]
    if persona.summary:
        parts.append(text(persona.summary))
    if persona.pains:
        parts += [heading(2, "Pains"), bullets([text(p) for p in persona.pains])]
    if persona.goals:
        parts += [heading(2, "Goals"), bullets([text(g) for g in persona.goals])]
    if persona.channels:
        shown = [
            links.text_link(catalogs.channels[c].name, path, links.CHANNELS, links.anchor("channel", c))
            if c in catalogs.channels
            else f"{text(c)} (not in channels.yaml)"
            for c in persona.channels
        ]
        parts += [heading(2, "Preferred channels"), ", ".join(shown)]
    parts += [heading(2, "Content by stage"), _content(persona, ctx, path)]
    if _has_persona_data(ctx):
        parts += [heading(2, "Results"), _results(persona, ctx)]
    pages = [p for p in ctx.project.pages if persona.id in p.personas]
    if pages:
        parts += [
            heading(2, "Manual pages for this persona"),
            bullets([ctx.subject_link(p.subject, path) for p in pages]),
        ]
    findings = by_urgency(ctx.findings.get(persona.subject, []))
    if findings:
        parts += [heading(2, "Findings"), findings_table(findings, ctx, path, with_owner=False)]
    return GeneratedPage(path, persona.name, page(*parts), tags_for(findings))


def index_page(ctx: SiteContext) -> GeneratedPage:
    path = links.PERSONAS
    personas = ctx.project.catalogs.personas.values()
    result = ctx.card.result
    with_data = _has_persona_data(ctx) and result is not None
    headers = ["Persona", "Segment", "Owner", "Live assets", "Gaps"]
    if with_data:
        headers.append(text(f"{result.label} {ctx.newest_period}"))  # type: ignore[union-attr]
    rows = []
    for persona in personas:
        live = {
            a.id for s in ctx.project.catalogs.stages for a in cell_assets(persona.id, s, ctx) if a.status.is_live()
        }
        row = [
            links.text_link(persona.name, path, links.persona_page(persona.id)),
            text(persona.segment or "—"),
            ctx.owner_link(persona.owner, path),
            str(len(live)),
            text(", ".join(_gaps(persona, ctx)) or "none"),
        ]
        if with_data:
            value = value_at(result, ctx.cube.series({"persona": (persona.id,)}), ctx.newest_period)  # type: ignore[arg-type]
            row.append(text(format_value(value, result.unit)) if value is not None else "—")  # type: ignore[union-attr]
        rows.append(row)
    parts = [
        "# Personas",
        "The buyers this engine serves, the content each gets per stage, and what they yield.",
        table(headers, rows, "lllrl" + ("r" if with_data else ""))
        if rows
        else "No personas yet: add them to personas.yaml.",
    ]
    return GeneratedPage(path, INDEX_TITLE, page(*parts))


def plan(ctx: SiteContext) -> list[Planned]:
    """The personas' index and a page per persona, each rendered when it is read."""

    def one(persona: Persona) -> Planned:
        return Planned(links.persona_page(persona.id), persona.name, lambda: persona_page(persona, ctx))

    return [Planned(links.PERSONAS, INDEX_TITLE, lambda: index_page(ctx)),
            *(one(persona) for persona in ctx.project.catalogs.personas.values())]
