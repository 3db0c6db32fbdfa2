"""``unknown-reference``: every id used anywhere must exist in its catalog (if the manual keeps that catalog)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model.entities import CATALOG_OF
from ..model.findings import Finding
from ..model.kpis import Kpi, Waiver
from ..model.names import suggest
from ..model.rules import Rule
from ..model.subject import Subject, SubjectKind
from .context import Context


def reference_rules(ctx: Context) -> Iterator[Finding]:
    project = ctx.project
    cat = project.catalogs
    data_dir = ctx.settings.data_dir
    known: dict[str, Iterable[str]] = {kind: cat.ids(kind) or {} for kind in CATALOG_OF}
    known |= {"metric": project.metrics, "rule": [rule.value for rule in Rule]}
    places = {kind: f"{data_dir}/{name}.yaml" for kind, name in CATALOG_OF.items()}
    places |= {"metric": f"{data_dir}/metrics.yaml", "rule": "docs/RULES.md"}

    def check(kind: str, ids: Iterable[str | None], file: str, line: int, subject: Subject, owner: str | None) -> Iterator[Finding]:
        pool = known[kind]
        if kind in CATALOG_OF and not pool:
            return  # only what a manual declares is checked: a catalog it does not keep is not a reference list
        for ref in ids:
            if ref is None or ref in pool:
                continue
            near = suggest(ref, list(pool))
            hint = f" (did you mean '{near}'?)" if near else ""
            yield ctx.finding(Rule.UNKNOWN_REFERENCE, file, line, subject, owner if owner in cat.people else None,
                              f"Unknown {kind} '{ref}'{hint}: it is not in {places[kind]}.", kind=kind, id=ref)

    def kpis_and_waivers(kpis: tuple[Kpi, ...], waive: tuple[Waiver, ...], subject: Subject, owner: str | None) -> Iterator[Finding]:
        for kpi in kpis:
            yield from check("metric", [kpi.metric], kpi.file, kpi.line, subject, owner)
            for dim, ids in kpi.where:
                if dim in CATALOG_OF:
                    yield from check(dim, ids, kpi.file, kpi.line, subject, owner)
        for waiver in waive:
            yield from check("rule", [waiver.rule], waiver.file, waiver.line, subject, owner)
            if waiver.metric:
                yield from check("metric", [waiver.metric], waiver.file, waiver.line, subject, owner)

    for page in project.pages:
        s, o = page.subject, page.owner
        if page.owner_from is None:  # a CODEOWNERS handle that people.yaml lacks is shown as written
            yield from check("owner", [page.owner], page.file, page.line_of("owner"), s, o)
        yield from check("persona", page.personas, page.file, page.line_of("personas"), s, o)
        yield from check("stage", page.stages, page.file, page.line_of("stages"), s, o)
        yield from check("channel", page.channels, page.file, page.line_of("channels"), s, o)
        yield from kpis_and_waivers(page.kpis, page.waive, s, o)
        if page.experiment is not None:
            yield from kpis_and_waivers((page.experiment.kpi,), (), s, o)
    for person in cat.people.values():
        yield from check("owner", person.members, person.source.file, person.source.line, person.subject, person.id)
    for persona in cat.personas.values():
        s, o, f, ln = persona.subject, persona.owner, persona.source.file, persona.source.line
        yield from check("owner", [persona.owner], f, ln, s, o)
        yield from check("channel", persona.channels, f, ln, s, o)
    for channel in cat.channels.values():
        s, o, f, ln = channel.subject, channel.owner, channel.source.file, channel.source.line
        yield from check("owner", [channel.owner], f, ln, s, o)
        yield from kpis_and_waivers(channel.kpis, channel.waive, s, o)
    for asset in cat.content.values():
        s, o, f, ln = asset.subject, asset.owner, asset.source.file, asset.source.line
        yield from check("owner", [asset.owner], f, ln, s, o)
        yield from check("persona", asset.personas, f, ln, s, o)
        yield from check("stage", [asset.stage], f, ln, s, o)
        yield from check("channel", asset.channels, f, ln, s, o)
        yield from kpis_and_waivers(asset.kpis, asset.waive, s, o)
    for entry in project.plan.entries:
        planned = cat.channels.get(entry.channel)
        yield from check("channel", [entry.channel], entry.file, entry.line, entry.subject,
                         planned.owner if planned else None)
    for (dim, value), (file, line) in sorted(project.snapshots.unknown_ids.items()):
        yield from check(dim, [value], file, line, Subject(SubjectKind.FILE, file), None)
