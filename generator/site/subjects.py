"""Where a finding's subject lives on the site, and what people call it: one answer for the site's
own links and for the owners' digest (``opsmanual report``).

A subject is a page's docs path (``playbooks/seo.md``) or ``kind/id`` for a catalog entity
(``channel/paid-social``, ``content/wb-zero-trust``, ``persona/cfo``, ``person/ana``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..model.page import Page
from ..model.project import Project
from . import links

ENTITY_KINDS = ("channel", "content", "persona", "person")


def subject_title(project: Project, pages: Mapping[str, Page], subject: str) -> str:
    """A subject's human name (page title, channel or persona name, asset title); else the subject."""
    if subject in pages:
        return pages[subject].title
    catalogs = project.catalogs
    kind, _, ident = subject.partition("/")
    found = {
        "channel": catalogs.channels.get(ident),
        "content": catalogs.content.get(ident),
        "persona": catalogs.personas.get(ident),
        "person": catalogs.people.get(ident),
    }.get(kind)
    if found is None:
        return subject
    return getattr(found, "title", None) or getattr(found, "name", subject)


def subject_kind(pages: Mapping[str, Page], subject: str) -> str | None:
    """``channel``, ``content``, ``persona`` or ``person`` for a catalog entity; None for a page."""
    kind = subject.partition("/")[0]
    return kind if subject not in pages and kind in ENTITY_KINDS else None


def subject_target(project: Project, pages: Mapping[str, Page], subject: str) -> tuple[str, str | None] | None:
    """(docs path, fragment) where ``subject`` is shown on the site, or None."""
    catalogs = project.catalogs
    if subject in pages:
        return subject, None
    kind, _, ident = subject.partition("/")
    if kind == "channel" and ident in catalogs.channels:
        return links.CHANNELS, links.anchor("channel", ident)
    if kind == "content" and ident in catalogs.content:
        return links.CONTENT_MAP, links.anchor("content", ident)
    if kind == "persona" and ident in catalogs.personas:
        return links.persona_page(ident), None
    if kind == "person" and ident in catalogs.people:
        return links.owner_page(ident), None
    return None


@dataclass(frozen=True)
class Place:
    """What a subject is called and, when the site's address is known, its URL there."""

    title: str
    kind: str | None = None  # channel, content, persona, person; None for a page
    url: str | None = None

    @property
    def label(self) -> str:
        """``Paid search`` for a page, ``Paid social (LinkedIn) (channel)`` for an entity."""
        return f"{self.title} ({self.kind})" if self.kind else self.title


def places(project: Project, subjects: Iterable[str]) -> dict[str, Place]:
    """Each subject's title and published URL (``site_url`` in mkdocs.yml), for readers outside the site."""
    pages = {page.path: page for page in project.pages}
    found = {}
    for subject in subjects:
        target = subject_target(project, pages, subject)
        url = project.config.page_url(*target) if target else None
        found[subject] = Place(subject_title(project, pages, subject), subject_kind(pages, subject), url)
    return found
