"""A finding's subject as a reader outside the site sees it: its title and, when known, its URL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """What a subject is called and, when the site's address is known, its URL there
    (computed by :func:`generator.site.subjects.places`)."""

    title: str
    kind: str | None = None  # channel, content, persona, person; None for a page
    url: str | None = None

    @property
    def label(self) -> str:
        """``Paid search`` for a page, ``Paid social (LinkedIn) (channel)`` for an entity."""
        return f"{self.title} ({self.kind})" if self.kind else self.title
