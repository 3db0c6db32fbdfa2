"""The plugin settings have one declaration, ``PluginConfigIn``: MkDocs accepts each of its keys and
the core's ``Settings`` has a field for each, with the schema's defaults."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from generator.engines.mkdocs_plugin import OpsmanualConfig
from generator.load.config import settings_from
from generator.load.schema import PluginConfigIn
from generator.model.config import Settings, SourceSettings
from generator.model.dates import Duration

SETTINGS = set(PluginConfigIn.model_fields)


def test_mkdocs_accepts_every_plugin_setting_as_written() -> None:
    """MkDocs warns about (and --strict rejects) a plugin option its config class does not declare."""
    assert {name for name, _ in OpsmanualConfig._schema} == SETTINGS
    written = {name: f"{name} as written" for name in SETTINGS}  # opsmanual's loader judges the values
    config = OpsmanualConfig()
    config.load_dict(written)
    assert config.validate() == ([], [])
    assert dict(config) == written


def test_mkdocs_still_warns_about_a_key_that_is_no_setting() -> None:
    config = OpsmanualConfig()
    config.load_dict({"reviw_every": "90d"})
    errors, warnings = config.validate()
    assert errors == [] and [key for key, _ in warnings] == ["reviw_every"]


def test_every_plugin_setting_has_a_settings_field() -> None:
    assert {field.name for field in fields(Settings)} == SETTINGS


def test_settings_defaults_are_the_schemas() -> None:
    settings = settings_from(PluginConfigIn())
    for name, field in PluginConfigIn.model_fields.items():
        default = field.get_default(call_default_factory=True)
        value = getattr(settings, name)
        assert value == (Duration.parse(default) if isinstance(value, Duration) else default), name
    assert settings.review_every == Duration(180, "d") and settings.plan_tolerance == 0.15


def test_settings_from_validated_values() -> None:
    parsed = PluginConfigIn.model_validate({
        "as_of": "2026-10-01", "due_soon": "3w", "decline_threshold": "12%", "rules": {"stale-data": False},
        "metrics_source": {"url": "duckdb://data/w.duckdb", "table": "snapshots"}})
    settings = settings_from(parsed)
    assert settings.as_of == date(2026, 10, 1) and settings.due_soon == Duration(3, "w")
    assert settings.decline_threshold == 0.12 and settings.rules == {"stale-data": "off"}
    assert settings.metrics_source == SourceSettings("duckdb://data/w.duckdb", "snapshots", None)
