"""A whole manual project, loaded: config, catalogs, metric catalog, pages and snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import SiteConfig
from .entities import Catalogs
from .metrics import Metric
from .page import Page
from .plan import Plan
from .sections import Section, section_slice
from .snapshots import Snapshots


@dataclass(frozen=True)
class Project:
    root: Path
    config: SiteConfig
    catalogs: Catalogs
    metrics: dict[str, Metric]
    pages: tuple[Page, ...]
    snapshots: Snapshots
    plan: Plan = Plan()

    def sections(self) -> list[Section]:
        """Every page, channel and asset, in a stable order (computed once)."""
        cached: list[Section] | None = self.__dict__.get("_sections")
        if cached is not None:
            return cached
        sections = (
            [Section.of_page(p) for p in self.pages]
            + [Section.of_channel(c) for c in self.catalogs.channels.values()]
            + [Section.of_asset(a) for a in self.catalogs.content.values()]
        )
        object.__setattr__(self, "_sections", sections)  # a frozen dataclass may still memoise
        return sections

    def slice_dimensions(self) -> set[tuple[str, ...]]:
        """The dimensions of every KPI's slice, sorted: those of :meth:`sections`' KPIs, without
        building the sections."""
        found = {tuple(sorted(kpi.slice)) for page in self.pages for kpi in page.kpis}
        for entities in (self.catalogs.channels, self.catalogs.content):
            for entity in entities.values():
                found.update(tuple(sorted(section_slice(kpi, entity.implied_slice))) for kpi in entity.kpis)
        return found

    def owner_name(self, owner: str | None) -> str | None:
        if owner is None:
            return None
        person = self.catalogs.people.get(owner)
        return person.name if person else owner
