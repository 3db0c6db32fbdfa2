"""A Markdown page of the manual and what its front matter says about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dates import Duration
from .experiments import Experiment
from .kpis import Kpi, Waiver
from .subject import Subject, SubjectKind


@dataclass(frozen=True)
class Page:
    """One page. ``path`` is relative to the docs dir; ``file`` relative to the project root."""

    path: str
    file: str
    title: str
    body: str
    sha256: str  # of the file's bytes: what the site report compares across versions ("edited")
    has_front_matter: bool = False
    front_matter_line: int = 1
    owner: str | None = None
    owner_from: str | None = None  # "CODEOWNERS:3" when the owner comes from there, not from the page
    reviewed: date | None = None
    review_every: Duration | None = None
    personas: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    waive: tuple[Waiver, ...] = ()
    experiment: Experiment | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def subject(self) -> Subject:
        return Subject(SubjectKind.PAGE, self.path)

    def line_of(self, key: str) -> int:
        """The line of a front matter key, else the start of the front matter."""
        return self.lines.get(key, self.front_matter_line)
