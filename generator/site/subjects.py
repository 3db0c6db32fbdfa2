"""Where a finding's subject lives on the site, and what people call it: one answer for the site's
own links and for the owners' digest (``opsmanual report``, which gets it as :class:`Place` values).

An asset has one home, the one place that lists it with its anchor (``#content-<id>``): the content
map's table of every asset, or past :data:`ASSET_TABLE_LIMIT` assets (when that table is left out)
the page of its first known persona; an asset outside the map keeps its home on the content map.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..model.entities import Asset, Catalogs, Channel, Person, Persona
from ..model.page import Page
from ..model.project import Project
from ..model.subject import Subject, SubjectKind
from ..report.places import Place
from . import links

NAMED_KINDS = frozenset({SubjectKind.CHANNEL, SubjectKind.CONTENT, SubjectKind.PERSONA, SubjectKind.PERSON})
# Up to this many assets the content map ends with a table of every asset, one row each. Past it the
# table is a summary per persona, and each asset is listed (with its anchor) on its persona's page: at
# about 450 bytes of Markdown a row, 500 rows are ~0.2 MB, a page a reader can still scan and search
# with the browser; the 5,000 of a large manual are 2.25 MB of Markdown and 2.8 MB of HTML.
ASSET_TABLE_LIMIT = 500


def every_asset_listed(catalogs: Catalogs) -> bool:
    """Whether the content map lists every asset in one table (it does up to ASSET_TABLE_LIMIT)."""
    return len(catalogs.content) <= ASSET_TABLE_LIMIT


def map_persona(catalogs: Catalogs, asset: Asset) -> str | None:
    """The asset's first persona in personas.yaml when its stage is in stages.yaml; None when the
    asset is outside the persona x stage map."""
    if asset.stage not in catalogs.stages:
        return None
    return next((p for p in asset.personas if p in catalogs.personas), None)


def asset_home(catalogs: Catalogs, asset: Asset) -> tuple[str, str]:
    """(docs path, fragment) of the one place that lists ``asset`` with its anchor: every link to an
    asset goes here (see the module's docstring)."""
    fragment = links.anchor("content", asset.id)
    persona = None if every_asset_listed(catalogs) else map_persona(catalogs, asset)
    return (links.persona_page(persona) if persona is not None else links.CONTENT_MAP), fragment


def as_subject(pages: Mapping[str, Page], subject: Subject | str) -> Subject:
    """``subject`` as a :class:`Subject`; text from a previous report is read back here."""
    return subject if isinstance(subject, Subject) else Subject.parse(subject, is_page=subject in pages)


def subject_title(project: Project, pages: Mapping[str, Page], subject: Subject | str) -> str:
    """A subject's human name (page title, channel or persona name, asset title); else the subject."""
    subject = as_subject(pages, subject)
    catalogs, kind, ident = project.catalogs, subject.kind, subject.id
    if kind is SubjectKind.PAGE and ident in pages:
        return pages[ident].title
    if kind is SubjectKind.CONTENT and ident in catalogs.content:
        return catalogs.content[ident].title
    found: Channel | Persona | Person | None = None
    if kind is SubjectKind.CHANNEL:
        found = catalogs.channels.get(ident)
    elif kind is SubjectKind.PERSONA:
        found = catalogs.personas.get(ident)
    elif kind is SubjectKind.PERSON:
        found = catalogs.people.get(ident)
    return found.name if found is not None else str(subject)


def subject_kind(pages: Mapping[str, Page], subject: Subject | str) -> str | None:
    """``channel``, ``content``, ``persona`` or ``person`` for a named catalog entry; None otherwise."""
    kind = as_subject(pages, subject).kind
    return kind.value if kind in NAMED_KINDS else None


def subject_target(project: Project, pages: Mapping[str, Page], subject: Subject | str) -> tuple[str, str | None] | None:
    """(docs path, fragment) where ``subject`` is shown on the site, or None."""
    subject = as_subject(pages, subject)
    catalogs, kind, ident = project.catalogs, subject.kind, subject.id
    if kind is SubjectKind.PAGE and ident in pages:
        return ident, None
    if kind is SubjectKind.CHANNEL and ident in catalogs.channels:
        return links.CHANNELS, links.anchor("channel", ident)
    if kind is SubjectKind.CONTENT and ident in catalogs.content:
        return asset_home(catalogs, catalogs.content[ident])
    if kind is SubjectKind.PERSONA and ident in catalogs.personas:
        return links.persona_page(ident), None
    if kind is SubjectKind.PERSON and ident in catalogs.people:
        return links.owner_page(ident), None
    return None


def places(project: Project, subjects: Iterable[Subject | str]) -> dict[str, Place]:
    """Each subject's title and published URL (``site_url`` in mkdocs.yml), for readers outside the site."""
    pages = {page.path: page for page in project.pages}
    found = {}
    for subject in subjects:
        target = subject_target(project, pages, subject)
        url = project.config.page_url(*target) if target else None
        found[str(subject)] = Place(subject_title(project, pages, subject), subject_kind(pages, subject), url)
    return found
