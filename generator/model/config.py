"""opsmanual's settings, resolved: defaults applied, durations parsed, severities known."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dates import Duration


@dataclass(frozen=True)
class Settings:
    data_dir: str = "data"
    as_of: date | None = None
    review_every: Duration = Duration(180, "d")
    due_soon: Duration = Duration(14, "d")
    stale_after: int = 2
    missed_periods: int = 3
    decline_periods: int = 3
    decline_threshold: float = 0.10
    rules: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteConfig:
    """What opsmanual needs from ``mkdocs.yml``."""

    file: str
    docs_dir: str
    settings: Settings
    site_name: str = "Operating manual"
    repo_url: str | None = None
    edit_uri: str | None = None
    plugin_line: int = 1


def resolve_as_of(pinned: date | None, settings: Settings, today: date) -> date:
    """The as-of date: the command line's, else the config's, else ``today`` (passed in, never read here)."""
    return pinned or settings.as_of or today
