"""What a finding is about: a :class:`Subject`, a kind and an id.

Its text is what every report writes and what the site indexes findings by: a page's path
(``processes/lead-handoff.md``), a snapshot file's path, or ``<kind>/<id>`` for a catalog entry
(``channel/webinar``, ``content/roi-guide``, ``persona/cfo``, ``person/ana``, ``stage/decision``).
A Subject *is* that text (a ``str``), so it serialises, sorts and compares as it always did, and
carries ``kind`` and ``id`` so that nobody builds or splits the text by hand.
"""

from __future__ import annotations

import enum


class SubjectKind(enum.StrEnum):
    PAGE = "page"
    FILE = "file"  # a snapshot file (ids that no catalog holds)
    CHANNEL = "channel"
    CONTENT = "content"
    PERSONA = "persona"
    PERSON = "person"
    STAGE = "stage"

    def is_entry(self) -> bool:
        """A catalog entry, written ``<kind>/<id>``; pages and files are written as their path."""
        return self not in (SubjectKind.PAGE, SubjectKind.FILE)


class Subject(str):
    """A subject: ``Subject(SubjectKind.CHANNEL, "webinar")`` is the text ``channel/webinar``."""

    kind: SubjectKind
    id: str

    def __new__(cls, kind: SubjectKind, id: str) -> Subject:  # noqa: A002 - the entity's id
        subject = super().__new__(cls, f"{kind.value}/{id}" if kind.is_entry() else id)
        subject.kind, subject.id = kind, id
        return subject

    def __getnewargs__(self) -> tuple[SubjectKind, str]:  # type: ignore[override]
        return (self.kind, self.id)

    def __repr__(self) -> str:
        return f"Subject({self.kind.value}, {self.id!r})"

    @classmethod
    def parse(cls, text: str, *, is_page: bool) -> Subject:
        """The subject written as ``text`` (a previous report's); ``is_page`` when it names a page."""
        kind, slash, ident = text.partition("/")
        if not is_page and slash and kind in _ENTRY_KINDS:
            return cls(SubjectKind(kind), ident)
        return cls(SubjectKind.PAGE, text)


_ENTRY_KINDS = frozenset(kind.value for kind in SubjectKind if kind.is_entry())
