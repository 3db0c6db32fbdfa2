"""The input schemas: what each YAML file and front matter block may contain.

Pydantic models with ``extra="forbid"`` so a typo such as ``reviewd`` is an error, never silently
ignored. They describe input only; loaders turn them into the frozen model of ``generator.model``.
The same models give the JSON Schemas editors use for autocompletion.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..model.dates import Duration, parse_percent
from ..model.plan import PlanPeriod

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
_NOT_IN_ID = re.compile(r"[^a-z0-9._]+")


def slugify(text: str) -> str:
    """The id ``text`` would have (``"Paid Social"`` -> ``paid-social``): lowercase, each run of
    characters an id cannot hold as one hyphen."""
    return _NOT_IN_ID.sub("-", text.casefold()).strip("-._")

# What editors are told about values that a validator converts (the JSON Schemas of ``opsmanual schema``).
DURATION_PATTERN = r"^\s*\d+\s*(d|w|mo)\s*$"
PLAN_PERIOD_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$"
PERCENT_PATTERN = r"^\s*[-+]?(\d+\.?\d*|\.\d+)\s*%?\s*$"
_ONE_OR_MORE_IDS = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


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
    """Accept a single id where a list is expected (``personas: it-director``); nothing is no ids."""
    if isinstance(value, str):
        return [value]
    return [] if value is None else value


def _text_list(value: object) -> object:
    """Free tags: like ids, and numbers as written (Hugo's ``tags: [2019, news]``)."""
    value = _str_list(value)
    return [_scalar_text(item) for item in value] if isinstance(value, list) else value


def _scalar_text(value: object) -> object:
    """A number or date where text is expected (``title: 404``, Hugo's ``tags: [2019]``) is that text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | date):
        return str(value)
    return value


def _lower(value: object) -> object:
    """``Keep`` is ``keep``."""
    return value.strip().lower() if isinstance(value, str) else value


def _date_only(value: object) -> object:
    """YAML gives dates for ``2026-09-14``; refuse datetimes and free text clearly."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD") from None
    return value


DurationText = Annotated[str, BeforeValidator(_duration),
                         WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN, "examples": ["90d", "6w", "3mo"]})]
Percent = Annotated[float, BeforeValidator(_percent),
                    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": PERCENT_PATTERN}]})]
IdList = Annotated[list[str], BeforeValidator(_str_list), WithJsonSchema(_ONE_OR_MORE_IDS)]
TextList = Annotated[list[str], BeforeValidator(_text_list), WithJsonSchema(_ONE_OR_MORE_IDS)]
Day = Annotated[date, BeforeValidator(_date_only)]
Scalar = str | int | float


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


_IDS = "Ids from the {} catalog: one id or a list."


class KpiIn(Strict):
    """A metric over a slice of the snapshots, with an optional target."""

    metric: str = Field(description="A measure or metric id from data/metrics.yaml.")
    where: dict[str, Scalar | list[Scalar]] = Field(
        default_factory=dict,
        description="The slice: snapshot column (channel, content, persona, stage, region ...) -> one id or a "
                    "list of ids. Omitted: every row. A channel's or asset's own id is implied.",
    )
    target: str | float | int | None = Field(
        None, description="A comparison and a number or percentage: \">= 0.25\", \"<= 400\", \">= 25%\". A bare "
                          "number means at least (at most for better: lower metrics). Omitted: never below target.",
        examples=[">= 0.25", "<= 400", ">= 25%"],
    )
    label: str | None = Field(None, description="The label shown instead of the metric's.")


class WaiverIn(Strict):
    """Silence one rule on this page, channel or asset until a date, with a reason."""

    rule: str = Field(description="The rule id to silence (see docs/RULES.md).")
    until: Day = Field(description="The last day the waiver holds (YYYY-MM-DD); waiver-expired fires after it.")
    reason: str = Field(min_length=1, description="Why the rule is silenced, shown on the site.")
    metric: str | None = Field(None, description="Only this KPI's findings (a metric id); omitted: every finding of the rule.")


class MetricsSourceIn(Strict):
    """A table or query of snapshot shape (period, dimension columns, measure columns) in a database."""

    url: str = Field(description="An Ibis connection URL: duckdb://data/warehouse.duckdb (relative to mkdocs.yml), "
                                 "postgres://user@host:5432/db, bigquery://project/dataset ... Keep passwords out of "
                                 "mkdocs.yml: url: !ENV OPSMANUAL_WAREHOUSE.",
                     examples=["duckdb://data/warehouse.duckdb", "!ENV OPSMANUAL_WAREHOUSE"])
    table: str | None = Field(None, description="The table (or view) that holds the snapshot rows.")
    query: str | None = Field(None, description="Instead of table: a SQL query whose result has the snapshot shape.")

    @model_validator(mode="after")
    def _one_of_table_or_query(self) -> MetricsSourceIn:
        if (self.table is None) == (self.query is None):
            raise ValueError("give either table or query, not both or neither")
        return self


class ExperimentIn(Strict):
    """A minimum viable campaign: launch small, measure one KPI, then keep, kill or extend it."""

    hypothesis: str = Field(min_length=1, description="What the experiment should show, in one sentence.")
    metric: str = Field(description="The KPI it moves: a measure or metric id from data/metrics.yaml.")
    where: dict[str, Scalar | list[Scalar]] = Field(
        default_factory=dict, description="The slice the KPI is measured on, as in kpis: (channel, content ...).")
    start: Day = Field(description="The first day of the experiment (YYYY-MM-DD).")
    decide_by: Day = Field(description="When to decide (YYYY-MM-DD); experiment-undecided fires after it.")
    success: str | float | int | None = Field(
        None, description="The success target for the KPI over the experiment window, e.g. \">= 0.30\".",
        examples=[">= 0.30", "<= 400"])
    decision: Annotated[Literal["keep", "kill", "extend"] | None, BeforeValidator(_lower)] = Field(
        None, description="Once decided: keep, kill or extend (extend with a later decide_by).")
    decided: Day | None = Field(None, description="When the decision was taken (YYYY-MM-DD).")

    @field_validator("decide_by")
    @classmethod
    def _after_start(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if isinstance(start, date) and value < start:
            raise ValueError(f"decide_by {value.isoformat()} is before start {start.isoformat()}")
        return value


class PlanEntryIn(Strict):
    """One channel's planned spend and results for a month, a quarter or a year (data/plan.yaml)."""

    period: Annotated[str | int, WithJsonSchema({"anyOf": [{"type": "string", "pattern": PLAN_PERIOD_PATTERN},
                                                          {"type": "integer", "minimum": 1000}]})] = Field(
                                description="A month (2026-10), a quarter (2026-Q4) or a year (2026).",
                              examples=["2026-10", "2026-Q4", "2026"])
    channel: str = Field(description="A channel id from channels.yaml.")
    spend: float | None = Field(None, ge=0, description="Planned spend for the whole period, in the unit of the "
                                                        "catalog's cost measure.")
    results: dict[str, float] = Field(default_factory=dict, description="Planned results for the whole period: "
                                      "result measure id -> amount, e.g. {sqls: 90}.")
    note: str | None = Field(None, description="Free text shown beside the plan on the channels page.")

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: object) -> str:
        return PlanPeriod.parse(value).text

    @field_validator("results")
    @classmethod
    def _non_negative(cls, value: dict[str, float]) -> dict[str, float]:
        for measure, amount in value.items():
            if amount < 0:
                raise ValueError(f"planned {measure} is negative ({amount:g})")
        return value


class PlanIn(Strict):
    """data/plan.yaml: planned spend and results per channel and period."""

    plan: list[PlanEntryIn] = Field(default_factory=list, description="One entry per channel and period.")


class PluginConfigIn(Strict):
    """opsmanual's settings under ``plugins: - opsmanual:`` in mkdocs.yml."""

    data_dir: str = Field("data", description="The folder of catalogs, metrics.yaml and snapshots/, relative to mkdocs.yml.")
    as_of: Day | None = Field(None, description="Pin the clock (YYYY-MM-DD). Omit in a real manual so that staleness "
                                                "moves with the clock; --as-of overrides it.")
    review_every: DurationText = Field("180d", description="Default review cadence of pages without review_every: "
                                                           "a whole number and d, w or mo.")
    due_soon: DurationText = Field("14d", description="review-due fires this long before a page's next review.")
    stale_after: int = Field(2, ge=0, description="stale-data: a KPI's newest period may be at most this many months "
                                                  "before the as-of month.")
    missed_periods: int = Field(3, ge=1, description="kpi-missed-repeatedly: the target missed this many periods in a row.")
    decline_periods: int = Field(3, ge=2, description="kpi-declining: the window of periods compared (first vs last).")
    decline_threshold: Percent = Field(0.10, description="kpi-declining: how far the metric may move the wrong way "
                                                         "over the window: 0.1 or 10%.")
    plan_tolerance: Percent = Field(0.15, description="off-plan: how far spend or results to date may be from the "
                                                      "plan to date: 0.15 or 15%.")
    unused_periods: int = Field(3, ge=1, description="content-unused: a live asset with no result in this many of the "
                                                     "newest periods whose snapshots carry content.")
    rules: dict[str, Severity] = Field(default_factory=dict, description="Severity per rule id: error, warning, info "
                                                                         "or off.")
    metrics_source: MetricsSourceIn | None = Field(None, description="Read metrics from a database table or query "
                                                                     "instead of data/snapshots/ (see docs/WAREHOUSE.md).")


class FrontMatterIn(Strict):
    """The keys opsmanual owns in the YAML block between ``---`` lines at the top of a page. Every
    key is optional. Other keys belong to the engine, the theme or other plugins and pass through
    (``load/front_matter.py``); adding a field here makes its key one opsmanual owns."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              json_schema_extra={"additionalProperties": True})

    title: Annotated[str, BeforeValidator(_scalar_text)] | None = Field(
        None, description="The page title; else the first '# ' heading, else the file name.")
    owner: str | None = Field(None, description="Who owns the page: an id from people.yaml.")
    reviewed: Day | None = Field(None, description="The last human review (YYYY-MM-DD); an edit is not a review.")
    review_every: DurationText | None = Field(None, description="Review cadence (90d, 6w, 3mo); else the config's default.")
    personas: IdList = Field(default_factory=list, description=_IDS.format("personas"))
    stages: IdList = Field(default_factory=list, description=_IDS.format("stages"))
    channels: IdList = Field(default_factory=list, description=_IDS.format("channels"))
    tags: TextList = Field(default_factory=list, description="Free tags, passed to the site.")
    kpis: list[KpiIn] = Field(default_factory=list, description="The results this page is meant to produce.")
    waive: list[WaiverIn] = Field(default_factory=list, description="Time-boxed silencing of rules on this page.")
    experiment: ExperimentIn | None = Field(None, description="This page is an experiment: hypothesis, KPI, window, "
                                                              "success target and, once decided, the decision.")


class PersonIn(Strict):
    """An owner: a team or a person (people.yaml)."""

    id: Id = Field(description="A lowercase slug; in a folder catalog, the file name when omitted.")
    name: str = Field(description="The name shown on the site.")
    kind: Literal["person", "team"] = Field("person", description="team or person.")
    email: str | None = Field(None, description="Where to reach them.")
    git: str | None = Field(None, description="A git handle or team, e.g. acme/revops (for CODEOWNERS).")
    members: IdList = Field(default_factory=list, description="Teams only: people ids.")


class PersonaIn(Strict):
    """A buyer persona (personas.yaml)."""

    id: Id = Field(description="A lowercase slug; in a folder catalog, the file name when omitted.")
    name: str = Field(description="The persona's name, e.g. IT Director.")
    segment: str | None = Field(None, description="The market segment, e.g. Mid-market.")
    owner: str | None = Field(None, description="Who owns the persona: an id from people.yaml.")
    summary: str | None = Field(None, description="One or two sentences.")
    pains: list[str] = Field(default_factory=list, description="What hurts.")
    goals: list[str] = Field(default_factory=list, description="What they want to achieve.")
    channels: IdList = Field(default_factory=list, description="Preferred channels: " + _IDS.format("channels"))


class StageIn(Strict):
    """A buyer-journey stage (stages.yaml lists them in journey order)."""

    id: Id = Field(description="A lowercase slug; in a folder catalog, the file name when omitted.")
    name: str = Field(description="The stage's name, e.g. Consideration.")
    description: str | None = Field(None, description="What happens at this stage.")


class ChannelIn(Strict):
    """A marketing channel (channels.yaml); its id is the implied slice of its KPIs."""

    id: Id = Field(description="A lowercase slug; in a folder catalog, the file name when omitted.")
    name: str = Field(description="The channel's name, e.g. Webinars.")
    owner: str | None = Field(None, description="Who owns the channel: an id from people.yaml.")
    budget: float | None = Field(None, ge=0, description="Monthly budget, USD.")
    description: str | None = Field(None, description="What the channel is for.")
    kpis: list[KpiIn] = Field(default_factory=list, description="The channel's KPIs (slice channel: <id> implied).")
    waive: list[WaiverIn] = Field(default_factory=list, description="Time-boxed silencing of rules on this channel.")


class AssetIn(Strict):
    """A content asset of the content map (content.yaml)."""

    id: Id = Field(description="A lowercase slug; in a folder catalog, the file name when omitted.")
    title: str = Field(description="The asset's title.")
    type: str | None = Field(None, description="Free text: ebook, webinar, case-study, blog ...")
    personas: IdList = Field(default_factory=list, description="Who it is for: " + _IDS.format("personas"))
    stage: str | None = Field(None, description="The journey stage it serves: an id from stages.yaml.")
    channels: IdList = Field(default_factory=list, description="Where it is distributed: " + _IDS.format("channels"))
    owner: str | None = Field(None, description="Who owns the asset: an id from people.yaml.")
    status: Literal["draft", "live", "retired"] = Field("live", description="Only live assets cover a persona x stage cell.")
    published: Day | None = Field(None, description="When it was published (YYYY-MM-DD).")
    refresh_by: Day | None = Field(None, description="content-expired fires when a live asset passes this date.")
    url: str | None = Field(None, description="A link: http(s), relative or mailto.")
    kpis: list[KpiIn] = Field(default_factory=list, description="The asset's KPIs (slice content: <id> implied).")
    waive: list[WaiverIn] = Field(default_factory=list, description="Time-boxed silencing of rules on this asset.")

    @field_validator("url")
    @classmethod
    def _safe_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        lowered = value.lower()
        if ":" in lowered.split("/")[0] and not lowered.startswith(("http:", "https:", "mailto:")):
            raise ValueError(f"'{value}' is not a safe link; use http(s)://, mailto: or a relative path")
        return value


_UNIT = ("count, number, ratio (shown as a percentage), multiple (shown as 82.4×) or a 3-letter currency code such as "
         "USD. A metric left at number whose formula divides money by money is a multiple; money by a count, "
         "that money.")
_KIND = "result, activity or cost."


class MeasureIn(Strict):
    """A snapshot column, summed over rows."""

    label: str | None = Field(None, description="The label shown on the site; default: the id.")
    unit: str = Field("count", description=_UNIT, examples=["count", "USD", "ratio", "number"])
    kind: Literal["result", "activity", "cost"] = Field("result", description=_KIND)
    better: Literal["higher", "lower"] | None = Field(None, description="Default: higher, lower for cost.")
    description: str | None = Field(None, description="What it counts.")


class MetricIn(Strict):
    """A metric derived per period and slice from summed measures."""

    formula: str = Field(description="Arithmetic (+ - * /, parentheses, numbers) over measure ids, e.g. sqls / mqls.")
    label: str | None = Field(None, description="The label shown on the site; default: the id.")
    unit: str = Field("number", description=_UNIT, examples=["ratio", "USD", "multiple", "number", "count"])
    kind: Literal["result", "activity", "cost"] | None = Field(
        None, description=_KIND + " Default: result if any measure is a result, else activity, else cost.")
    better: Literal["higher", "lower"] = Field("higher", description="Which direction is good.")
    description: str | None = Field(None, description="What it means.")


class MetricCatalogIn(Strict):
    """data/metrics.yaml: measures (snapshot columns) and the metrics derived from them."""

    measures: dict[Id, MeasureIn] = Field(default_factory=dict, description="Snapshot columns, summed over rows.")
    metrics: dict[Id, MetricIn] = Field(default_factory=dict, description="Derived per period and slice from the "
                                                                           "summed measures.")


CATALOG_SCHEMAS: dict[str, type[Strict]] = {
    "people": PersonIn,
    "personas": PersonaIn,
    "stages": StageIn,
    "channels": ChannelIn,
    "content": AssetIn,
}
