"""The input schemas: what each YAML file and front matter block may contain.

Pydantic models with ``extra="forbid"`` so a typo such as ``reviewd`` is an error, never silently
ignored. They describe input only; loaders turn them into the frozen model of ``generator.model``.
The same models give the JSON Schemas editors use for autocompletion.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ..model.dates import Duration, parse_percent

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]


def _severity(value: object) -> object:
    """YAML 1.1 reads a bare ``off`` (as in ``review-due: off``) as false: take it as written."""
    return "off" if value is False else value


Severity = Annotated[Literal["error", "warning", "info", "off"], BeforeValidator(_severity)]


def _duration(value: object) -> str:
    Duration.parse(str(value))
    return str(value).strip()


def _percent(value: object) -> float:
    return parse_percent(value)


def _str_list(value: object) -> object:
    """Accept a single id where a list is expected (``personas: it-director``)."""
    if isinstance(value, str):
        return [value]
    return value


def _date_only(value: object) -> object:
    """YAML gives dates for ``2026-09-14``; refuse datetimes and free text clearly."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD") from None
    return value


DurationText = Annotated[str, BeforeValidator(_duration)]
Percent = Annotated[float, BeforeValidator(_percent)]
IdList = Annotated[list[str], BeforeValidator(_str_list)]
Day = Annotated[date, BeforeValidator(_date_only)]
Scalar = str | int | float


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class KpiIn(Strict):
    metric: str
    where: dict[str, Scalar | list[Scalar]] = Field(default_factory=dict)
    target: str | float | int | None = None
    label: str | None = None


class WaiverIn(Strict):
    rule: str
    until: Day
    reason: str = Field(min_length=1)
    metric: str | None = None


class PluginConfigIn(Strict):
    """opsmanual's settings under ``plugins: - opsmanual:`` in mkdocs.yml."""

    data_dir: str = "data"
    as_of: Day | None = None
    review_every: DurationText = "180d"
    due_soon: DurationText = "14d"
    stale_after: int = Field(2, ge=0)
    missed_periods: int = Field(3, ge=1)
    decline_periods: int = Field(3, ge=2)
    decline_threshold: Percent = 0.10
    rules: dict[str, Severity] = Field(default_factory=dict)


class FrontMatterIn(Strict):
    title: str | None = None
    owner: str | None = None
    reviewed: Day | None = None
    review_every: DurationText | None = None
    personas: IdList = Field(default_factory=list)
    stages: IdList = Field(default_factory=list)
    channels: IdList = Field(default_factory=list)
    tags: IdList = Field(default_factory=list)
    kpis: list[KpiIn] = Field(default_factory=list)
    waive: list[WaiverIn] = Field(default_factory=list)
    # Common MkDocs / Material front matter keys, passed through to the engine.
    description: str | None = None
    template: str | None = None
    hide: IdList = Field(default_factory=list)
    icon: str | None = None
    status: str | None = None
    search: dict[str, object] | None = None


class PersonIn(Strict):
    id: Id
    name: str
    kind: Literal["person", "team"] = "person"
    email: str | None = None
    git: str | None = None
    members: IdList = Field(default_factory=list)


class PersonaIn(Strict):
    id: Id
    name: str
    segment: str | None = None
    owner: str | None = None
    summary: str | None = None
    pains: list[str] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    channels: IdList = Field(default_factory=list)


class StageIn(Strict):
    id: Id
    name: str
    description: str | None = None


class ChannelIn(Strict):
    id: Id
    name: str
    owner: str | None = None
    budget: float | None = Field(None, ge=0)
    description: str | None = None
    kpis: list[KpiIn] = Field(default_factory=list)
    waive: list[WaiverIn] = Field(default_factory=list)


class AssetIn(Strict):
    id: Id
    title: str
    type: str | None = None
    personas: IdList = Field(default_factory=list)
    stage: str | None = None
    channels: IdList = Field(default_factory=list)
    owner: str | None = None
    status: Literal["draft", "live", "retired"] = "live"
    published: Day | None = None
    refresh_by: Day | None = None
    url: str | None = None
    kpis: list[KpiIn] = Field(default_factory=list)
    waive: list[WaiverIn] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _safe_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        lowered = value.lower()
        if ":" in lowered.split("/")[0] and not lowered.startswith(("http:", "https:", "mailto:")):
            raise ValueError(f"'{value}' is not a safe link; use http(s)://, mailto: or a relative path")
        return value


class MeasureIn(Strict):
    label: str | None = None
    unit: str = "count"
    kind: Literal["result", "activity", "cost"] = "result"
    better: Literal["higher", "lower"] | None = None
    description: str | None = None


class MetricIn(Strict):
    formula: str
    label: str | None = None
    unit: str = "number"
    kind: Literal["result", "activity", "cost"] | None = None
    better: Literal["higher", "lower"] = "higher"
    description: str | None = None


class MetricCatalogIn(Strict):
    measures: dict[Id, MeasureIn] = Field(default_factory=dict)
    metrics: dict[Id, MetricIn] = Field(default_factory=dict)


CATALOG_SCHEMAS: dict[str, type[Strict]] = {
    "people": PersonIn,
    "personas": PersonaIn,
    "stages": StageIn,
    "channels": ChannelIn,
    "content": AssetIn,
}
