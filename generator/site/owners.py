"""``owners/index.md`` and ``owners/<id>.md``: what each person or team owns and must act on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from ..model.entities import Person, PersonKind
from ..model.findings import SEVERITIES, Severity
from ..model.subject import Subject
from . import links
from .blocks import heading, page, table
from .bundle import NOT_IN_SEARCH, GeneratedPage, Planned
from .context import SiteContext
from .escape import mailto, text
from .health import findings_table
from .labels import by_urgency, count_phrase, severity_header, tags_for

INDEX_TITLE = "Owners"


@dataclass
class Owned:
    pages: list[Subject] = field(default_factory=list)
    channels: list[Subject] = field(default_factory=list)
    content: list[Subject] = field(default_factory=list)
    personas: list[Subject] = field(default_factory=list)

    def total(self) -> int:
        return len(self.pages) + len(self.channels) + len(self.content) + len(self.personas)


def is_handle(owner: str) -> bool:
    """A CODEOWNERS owner kept as written (``@user``, ``@org/team``, an e-mail), not a people id."""
    return "@" in owner


def owned_by(ctx: SiteContext) -> dict[str | None, Owned]:
    """Subjects per owner id (None: sections without an owner), in catalog order."""
    owned: dict[str | None, Owned] = {}
    catalogs = ctx.project.catalogs
    for p in ctx.project.pages:
        owned.setdefault(p.owner, Owned()).pages.append(p.subject)
    for c in catalogs.channels.values():
        owned.setdefault(c.owner, Owned()).channels.append(c.subject)
    for a in catalogs.content.values():
        owned.setdefault(a.owner, Owned()).content.append(a.subject)
    for persona in catalogs.personas.values():
        if persona.owner is not None:
            owned.setdefault(persona.owner, Owned()).personas.append(persona.subject)
    return owned


def flags(subject: Subject, ctx: SiteContext) -> str:
    return ", ".join(tags_for(ctx.findings.get(subject, [])))


def _subjects_table(title: str, subjects: list[Subject], ctx: SiteContext, from_page: str) -> str:
    rows = [[ctx.subject_link(s, from_page), text(flags(s, ctx)), str(len(ctx.findings.get(s, [])))] for s in subjects]
    return table([title, "Status", "Findings"], rows, "llr")


def _pages_table(subjects: list[Subject], ctx: SiteContext, from_page: str) -> str:
    rows = []
    for subject in subjects:
        review = ctx.judgement.reviews[subject]
        rows.append(
            [
                ctx.subject_link(subject, from_page),
                review.reviewed.isoformat() if review.reviewed else "never",
                review.due.isoformat() if review.due else "now",
                text(flags(subject, ctx)),
                str(len(ctx.findings.get(subject, []))),
            ]
        )
    return table(["Page", "Reviewed", "Next review", "Status", "Findings"], rows, "llllr")


def _facts(person: Person, ctx: SiteContext, path: str) -> str:
    people = ctx.project.catalogs.people
    facts = [f"**Kind:** {person.kind.value}"]
    if person.email:
        facts.append(f"**E-mail:** {mailto(person.email)}")
    if person.git:
        facts.append(f"**Git:** {text(person.git)}")
    if person.kind is PersonKind.TEAM and person.members:
        facts.append("**Members:** " + ", ".join(ctx.owner_link(m, path) for m in person.members))
    teams = [t for t in people.values() if person.id in t.members]
    if teams:
        facts.append("**Member of:** " + ", ".join(ctx.owner_link(t.id, path) for t in teams))
    facts.append(f"**Source:** {ctx.source(person.source.file, person.source.line)}")
    return " · ".join(facts)


def owner_page(person: Person, owned: Owned, ctx: SiteContext) -> GeneratedPage:
    path = links.owner_page(person.id)
    mine = by_urgency(ctx.by_owner.get(person.id, []))
    waived = [f for f in ctx.judgement.waived if f.owner == person.id]
    parts = [f"# {text(person.name)}", _facts(person, ctx, path), heading(2, "To act on")]
    if mine:
        parts += [text(f"Most urgent first: {count_phrase(mine)}."), findings_table(mine, ctx, path, with_owner=False)]
    else:
        parts.append("Nothing to act on: everything this owner holds is healthy.")
    if owned.pages:
        parts += [heading(2, "Pages"), _pages_table(owned.pages, ctx, path)]
    if owned.channels:
        parts += [heading(2, "Channels"), _subjects_table("Channel", owned.channels, ctx, path)]
    if owned.content:
        parts += [heading(2, "Content assets"), _subjects_table("Asset", owned.content, ctx, path)]
    if owned.personas:
        parts += [heading(2, "Personas"), _subjects_table("Persona", owned.personas, ctx, path)]
    if not owned.total():
        parts.append("Owns no page, channel, asset or persona yet.")
    if waived:
        parts += [heading(2, "Waived"), findings_table(waived, ctx, path, with_owner=False)]
    return GeneratedPage(path, person.name, page(*parts), tags_for(mine), meta=dict(NOT_IN_SEARCH))


def index_page(ctx: SiteContext, owned: dict[str | None, Owned]) -> GeneratedPage:
    path = links.OWNERS
    per: dict[str | None, Counter[Severity]] = {}
    for f in ctx.judgement.findings:
        per.setdefault(f.owner, Counter())[f.severity] += 1
    rows = []
    for person in ctx.project.catalogs.people.values():
        counts = per.get(person.id, Counter())
        rows.append(
            [
                ctx.owner_link(person.id, path),
                person.kind.value,
                mailto(person.email) if person.email else "—",
                str(owned.get(person.id, Owned()).total()),
                *(str(counts[s]) for s in SEVERITIES),
            ]
        )
    parts = [
        "# Owners",
        "Every person and team in people.yaml, what they own and how many findings wait for them.",
        table(["Owner", "Kind", "E-mail", "Owns", *(severity_header(s) for s in SEVERITIES)], rows, "lllrrrr")
        if rows
        else "No owners yet: add people and teams to people.yaml.",
    ]
    orphans = owned.get(None)
    if orphans and orphans.total():
        subjects = orphans.pages + orphans.channels + orphans.content
        parts += [
            heading(2, "Without an owner"),
            "Each of these needs an `owner:` from people.yaml.",
            table(["Section", "Status"], [[ctx.subject_link(s, path), text(flags(s, ctx))] for s in subjects]),
        ]
    unknown = sorted(o for o in owned if o is not None and o not in ctx.project.catalogs.people)
    handles = [o for o in unknown if is_handle(o)]
    unknown = [o for o in unknown if not is_handle(o)]
    if handles:
        parts += [
            heading(2, "Owners from CODEOWNERS"),
            text("Git handles that own pages through CODEOWNERS: " + ", ".join(handles) + ". Add a person or "
                 "team with that git: handle to people.yaml to give them a name and an owner page."),
        ]
    if unknown:
        parts += [
            heading(2, "Unknown owners"),
            text("Owner ids used in the manual but missing from people.yaml: " + ", ".join(unknown) + "."),
        ]
    return GeneratedPage(path, INDEX_TITLE, page(*parts))


def plan(ctx: SiteContext) -> list[Planned]:
    """The owners' index and a page per person or team, each rendered when it is read."""

    @cache
    def owned() -> dict[str | None, Owned]:
        return owned_by(ctx)

    def one(person: Person) -> Planned:
        return Planned(links.owner_page(person.id), person.name,
                       lambda: owner_page(person, owned().get(person.id, Owned()), ctx))

    return [Planned(links.OWNERS, INDEX_TITLE, lambda: index_page(ctx, owned())),
            *(one(person) for person in ctx.project.catalogs.people.values())]
