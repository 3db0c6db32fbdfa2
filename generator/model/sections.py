"""A section is anything that owns KPIs and can be flagged: a page, a channel or a content asset."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass

from .entities import Asset, Channel
from .kpis import Kpi, Waiver
from .page import Page
from .subject import Subject


class SectionKind(enum.Enum):
    PAGE = "page"
    CHANNEL = "channel"
    CONTENT = "content"


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    subject: Subject
    title: str
    file: str
    line: int
    owner: str | None
    kpis: tuple[Kpi, ...]
    waive: tuple[Waiver, ...]

    @classmethod
    def of_page(cls, page: Page) -> Section:
        return cls(SectionKind.PAGE, page.subject, page.title, page.file, page.front_matter_line,
                   page.owner, page.kpis, page.waive)

    @classmethod
    def of_channel(cls, channel: Channel) -> Section:
        return cls(SectionKind.CHANNEL, channel.subject, channel.name, channel.source.file, channel.source.line,
                   channel.owner, _with_slice(channel.kpis, channel.implied_slice), channel.waive)

    @classmethod
    def of_asset(cls, asset: Asset) -> Section:
        return cls(SectionKind.CONTENT, asset.subject, asset.title, asset.source.file, asset.source.line,
                   asset.owner, _with_slice(asset.kpis, asset.implied_slice), asset.waive)


def section_slice(kpi: Kpi, implied: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The slice of a channel's or asset's KPI: its own id is the implied slice, explicit
    ``where`` keys added (a page's KPIs imply nothing: ``implied`` is empty)."""
    return {**implied, **kpi.slice}


def _with_slice(kpis: tuple[Kpi, ...], implied: dict[str, tuple[str, ...]]) -> tuple[Kpi, ...]:
    return tuple(dataclasses.replace(kpi, where=tuple(sorted(section_slice(kpi, implied).items()))) for kpi in kpis)
