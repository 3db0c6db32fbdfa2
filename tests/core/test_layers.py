"""What the layers promise beyond the import contracts (pyproject.toml, run by ``make test``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.load.config import settings_from
from generator.load.schema import PluginConfigIn
from generator.model.config import resolve_as_of
from generator.model.kpis import Comparison, Kpi

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
CLOCK = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.today|time\.time)\(")


def test_only_the_adapters_read_the_clock():
    readers = sorted(
        path.relative_to(GENERATOR).as_posix()
        for path in GENERATOR.rglob("*.py")
        if CLOCK.search(path.read_text(encoding="utf-8"))
    )
    assert readers and all(r.startswith(("cli/", "engines/")) for r in readers), readers


def test_without_a_date_nothing_guesses_one():
    with pytest.raises(ValueError, match="no as-of date"):
        resolve_as_of(None, settings_from(PluginConfigIn()), None)


def test_a_target_is_parsed_once_when_the_kpi_is_built():
    kpi = Kpi("cost_per_sql", (), "400", "a.md", 3)
    assert kpi.target is not None and kpi.target.bare
    assert kpi.target.directed(better_higher=False).comparison is Comparison.AT_MOST
    assert kpi.target.directed(better_higher=True).comparison is Comparison.AT_LEAST
    assert Kpi("sqls", (), "<= 5", "a.md", 3).target.directed(better_higher=True).comparison is Comparison.AT_MOST
    with pytest.raises(ValueError, match="is not a target"):
        Kpi("sqls", (), "lots", "a.md", 3)
