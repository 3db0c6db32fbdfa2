"""JSON Schemas (draft 2020-12) of every file an editor writes, from the input models of ``load/schema.py``.

Pure: the schemas depend on opsmanual's version only (never on a project's content), so that they
can be generated once and committed; the editor settings depend on the data dir alone. The
schemas use only keywords that mean the same in draft-07, because the YAML language server
behind VS Code validates with a draft-07 engine.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .load.schema import (
    CATALOG_SCHEMAS,
    PLAN_PERIOD_PATTERN,
    FrontMatterIn,
    MetricCatalogIn,
    PlanIn,
    PluginConfigIn,
)
from .model.findings import Severity
from .model.rules import Rule

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# The names shown when an editor hovers a nested object.
_TITLES = {
    "KpiIn": "KPI", "WaiverIn": "Waiver", "PluginConfigIn": "opsmanual settings", "MeasureIn": "Measure",
    "MetricIn": "Metric", "PersonIn": "Person or team", "PersonaIn": "Persona", "StageIn": "Stage",
    "ChannelIn": "Channel", "AssetIn": "Content asset", "FrontMatterIn": "Page front matter",
    "MetricCatalogIn": "Metric catalog", "ExperimentIn": "Experiment", "PlanIn": "Plan",
    "PlanEntryIn": "Plan entry",
}
# catalog -> its entries, in words
_ENTRIES = {
    "people": "owners (teams and people)",
    "personas": "buyer personas",
    "stages": "buyer-journey stages (in journey order)",
    "channels": "channels",
    "content": "content assets of the content map",
}


@dataclass(frozen=True)
class SchemaFile:
    """One schema to write: its file name, the schema, and the files (globs) it describes."""

    name: str
    schema: dict[str, Any]
    globs: tuple[str, ...] = ()

    def text(self) -> str:
        return render(self.schema)


def render(data: object) -> str:
    """Stable JSON text: sorted keys, two-space indent, a final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _auto_title(name: str) -> str:
    return name.replace("_", " ").title()


def _tidy(node: Any) -> None:
    """Drop pydantic's per-property titles ("Review Every"): the key itself says it better."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict) and prop.get("title") == _auto_title(name):
                del prop["title"]
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)


def _model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's schema with its own definition moved into ``$defs`` (so others can refer to it)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    defs[model.__name__] = schema
    for name, definition in defs.items():
        definition["title"] = _TITLES.get(name, definition.get("title", name))
    _tidy(defs)
    _rule_enums(defs)
    return defs


def _rule_enums(defs: dict[str, Any]) -> None:
    """Rule ids as enums: waiver ``rule:`` values and the keys of the settings' ``rules:``."""
    ids = sorted(rule.value for rule in Rule)
    waiver = defs.get("WaiverIn")
    if waiver:
        waiver["properties"]["rule"]["enum"] = ids
    settings = defs.get("PluginConfigIn")
    if settings:
        rules = settings["properties"]["rules"]
        severity = rules.pop("additionalProperties")
        rules["properties"] = {
            rule.value: {**severity, "description": f"Fires when {rule.summary} (default: {rule.severity.label})."}
            for rule in sorted(Rule)
        }
        rules["additionalProperties"] = False
        rules["examples"] = [{Rule.COVERAGE_GAP.value: Severity.INFO.label, Rule.REVIEW_DUE.value: "off"}]


def _document(title: str, description: str, body: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, "description": description, **body, "$defs": defs}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _globs(*paths: str) -> tuple[str, ...]:
    """``x.yaml`` and its ``.yml`` twin (every file opsmanual reads may use either)."""
    out: list[str] = []
    for path in paths:
        out += [path, re.sub(r"\.yaml$", ".yml", path)]
    return tuple(out)


def front_matter_schema() -> SchemaFile:
    defs = _model_schema(FrontMatterIn)
    return SchemaFile("front-matter.schema.json", _document(
        "opsmanual page front matter",
        "The YAML block between '---' lines at the top of a manual page. Editors cannot apply a schema inside "
        "Markdown through yaml.schemas; this one is for reference and for tools that validate front matter.",
        _ref("FrontMatterIn"), defs,
    ))


def catalog_schemas(data_dir: str) -> list[SchemaFile]:
    """Per catalog: the list-file form (``data/people.yaml``) and the one-entry-per-file form (``data/people/x.yaml``)."""
    files: list[SchemaFile] = []
    for catalog, model in CATALOG_SCHEMAS.items():
        defs = _model_schema(model)
        entry = model.__name__
        entries = {"type": "array", "items": _ref(entry)}
        files.append(SchemaFile(f"{catalog}.schema.json", _document(
            f"opsmanual {catalog} catalog ({catalog}.yaml)",
            f"{_ENTRIES[catalog].capitalize()}. A YAML list of entries, each with an id.",
            {"anyOf": [entries, {"type": "object", "properties": {catalog: entries}, "required": [catalog],
                                 "additionalProperties": False}]},
            defs,
        ), _globs(f"{data_dir}/{catalog}.yaml")))
        one = copy.deepcopy(defs)
        one[entry]["required"] = [name for name in one[entry].get("required", []) if name != "id"]
        files.append(SchemaFile(f"{catalog}-entry.schema.json", _document(
            f"opsmanual {catalog} catalog, one entry per file ({catalog}/<id>.yaml)",
            f"One of the {_ENTRIES[catalog]}; id defaults to the file name.",
            _ref(entry), one,
        ), _globs(f"{data_dir}/{catalog}/**/*.yaml")))
    return files


def metrics_schema(data_dir: str) -> SchemaFile:
    return SchemaFile("metrics.schema.json", _document(
        "opsmanual metric catalog (metrics.yaml)",
        "Measures (snapshot columns, summed over rows) and the metrics derived from them.",
        _ref("MetricCatalogIn"), _model_schema(MetricCatalogIn),
    ), _globs(f"{data_dir}/metrics.yaml"))


def plan_schema(data_dir: str) -> SchemaFile:
    """The list of entries (under ``plan:`` or bare), and the grouped forms the loader also reads:
    period -> channel -> amounts, and an entry with ``channels: {id: amounts}``."""
    defs = _model_schema(PlanIn)
    entry = defs["PlanEntryIn"]
    amounts = {
        "type": "object", "title": "Planned amounts",
        "description": "spend, results: {measure: amount}, or result measure ids beside spend (sqls: 90).",
        "properties": {key: entry["properties"][key] for key in ("spend", "results", "note")},
        "additionalProperties": {"type": "number"},
    }
    defs["PlanAmounts"] = amounts
    defs["PlanGroupIn"] = {
        "type": "object", "title": "Plan entry for several channels",
        "description": "One period, each channel's amounts under channels:.",
        "properties": {"period": entry["properties"]["period"], "note": entry["properties"]["note"],
                       "channels": {"type": "object", "additionalProperties": _ref("PlanAmounts")}},
        "required": ["period", "channels"], "additionalProperties": False,
    }
    items = {"type": "array", "items": {"anyOf": [_ref("PlanEntryIn"), _ref("PlanGroupIn")]}}
    defs["PlanIn"]["properties"]["plan"] = {**items, "description": "One entry per channel and period."}
    by_period = {"type": "object", "patternProperties": {PLAN_PERIOD_PATTERN: {
        "type": "object", "additionalProperties": _ref("PlanAmounts")}}, "additionalProperties": False}
    return SchemaFile("plan.schema.json", _document(
        "opsmanual plan (plan.yaml)",
        "Planned spend and results per channel for a month, a quarter or a year: entries under plan: or as a bare "
        "list, or a mapping of period -> channel -> amounts.",
        {"anyOf": [_ref("PlanIn"), items, by_period]}, defs,
    ), _globs(f"{data_dir}/plan.yaml"))


def settings_schemas() -> list[SchemaFile]:
    """The plugin settings alone, and mkdocs.yml with only the opsmanual entry checked."""
    defs = _model_schema(PluginConfigIn)
    plugin = _document("opsmanual settings", "opsmanual's settings under 'plugins: - opsmanual:' in mkdocs.yml.",
                       _ref("PluginConfigIn"), defs)
    entry = {"anyOf": [_ref("PluginConfigIn"), {"type": "null"}]}
    plugins = {"anyOf": [
        {"type": "array", "items": {"anyOf": [
            {"type": "string"},
            {"type": "object", "properties": {"opsmanual": entry}},
        ]}},
        {"type": "object", "properties": {"opsmanual": entry}},
    ]}
    mkdocs = _document(
        "mkdocs.yml (opsmanual's settings)",
        "Checks the opsmanual entry under plugins only; every other key is MkDocs' own and passes.",
        {"type": "object", "properties": {"plugins": plugins}}, copy.deepcopy(defs),
    )
    return [SchemaFile("opsmanual-settings.schema.json", plugin),
            SchemaFile("mkdocs.schema.json", mkdocs, ("mkdocs.yml", "mkdocs.yaml"))]


def build_schemas(data_dir: str = "data") -> list[SchemaFile]:
    """Every schema, in a stable order. ``data_dir`` (relative to mkdocs.yml) only shapes the globs."""
    data_dir = data_dir.strip("/") or "."
    return [front_matter_schema(), *catalog_schemas(data_dir), metrics_schema(data_dir), plan_schema(data_dir),
            *settings_schemas()]


def yaml_schemas(files: list[SchemaFile], schema_dir: str) -> dict[str, list[str]]:
    """The ``yaml.schemas`` setting: schema path (``schema_dir`` relative to the workspace) -> globs."""
    prefix = schema_dir.rstrip("/")
    return {f"{prefix}/{f.name}": list(f.globs) for f in files if f.globs}
