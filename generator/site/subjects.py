"""Where a finding's subject lives on the site, and what people call it: one answer for the site's
own links and for the owners' digest (``opsmanual report``, which gets it as :class:`Place` values).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..model.entities import Channel, Person, Persona
from ..model.page import Page
from ..model.project import Project
from ..model.subject import Subject, SubjectKind
from ..report.places import Place
from . import links

NAMED_KINDS = frozenset({SubjectKind.CHANNEL, SubjectKind.CONTENT, SubjectKind.PERSONA, SubjectKind.PERSON})


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
        return links.CONTENT_MAP, links.anchor("content", ident)
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
