"""The catalogs of a manual project: people, personas, stages, channels, content assets."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from .kpis import Kpi, Waiver
from .subject import Subject, SubjectKind


@dataclass(frozen=True)
class Source:
    """Where something was read: a path relative to the project root and a 1-based line."""

    file: str
    line: int


class PersonKind(enum.Enum):
    PERSON = "person"
    TEAM = "team"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    source: Source
    kind: PersonKind = PersonKind.PERSON
    email: str | None = None
    git: str | None = None
    members: tuple[str, ...] = ()

    @property
    def subject(self) -> Subject:
        return Subject(SubjectKind.PERSON, self.id)


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    source: Source
    segment: str | None = None
    owner: str | None = None
    summary: str | None = None
    pains: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()

    @property
    def subject(self) -> Subject:
        return Subject(SubjectKind.PERSONA, self.id)


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    source: Source
    description: str | None = None

    @property
    def subject(self) -> Subject:
        return Subject(SubjectKind.STAGE, self.id)


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    source: Source
    owner: str | None = None
    budget: float | None = None
    description: str | None = None
    kpis: tuple[Kpi, ...] = ()
    waive: tuple[Waiver, ...] = ()

    @property
    def subject(self) -> Subject:
        return Subject(SubjectKind.CHANNEL, self.id)

    @property
    def implied_slice(self) -> dict[str, tuple[str, ...]]:
        return {"channel": (self.id,)}


class AssetStatus(enum.Enum):
    DRAFT = "draft"
    LIVE = "live"
    RETIRED = "retired"

    def is_live(self) -> bool:
        return self is AssetStatus.LIVE


@dataclass(frozen=True)
class Asset:
    """A content asset of the content map."""

    id: str
    title: str
    source: Source
    status: AssetStatus = AssetStatus.LIVE
    type: str | None = None
    personas: tuple[str, ...] = ()
    stage: str | None = None
    channels: tuple[str, ...] = ()
    owner: str | None = None
    published: date | None = None
    refresh_by: date | None = None
    url: str | None = None
    kpis: tuple[Kpi, ...] = ()
    waive: tuple[Waiver, ...] = ()

    @property
    def subject(self) -> Subject:
        return Subject(SubjectKind.CONTENT, self.id)

    @property
    def implied_slice(self) -> dict[str, tuple[str, ...]]:
        return {"content": (self.id,)}


# A dimension (or reference kind) whose values are ids -> the catalog that holds them.
CATALOG_OF = {"owner": "people", "persona": "personas", "stage": "stages", "channel": "channels", "content": "content"}


@dataclass(frozen=True)
class Catalogs:
    """Every catalog, each keyed by id in file order (stages in journey order)."""

    people: dict[str, Person] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    stages: dict[str, Stage] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    content: dict[str, Asset] = field(default_factory=dict)

    def ids(self, dimension: str) -> dict[str, object] | None:
        """The catalog that holds ids for a snapshot dimension or reference kind, if any."""
        name = CATALOG_OF.get(dimension)
        return None if name is None else getattr(self, name)
