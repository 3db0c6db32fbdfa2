"""Severity per rule from the config (including ``off``), the registry's defaults, and the as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from generator.load.config import settings_from
from generator.load.project import load_project
from generator.load.schema import PluginConfigIn
from generator.model.config import resolve_as_of
from generator.model.findings import Severity
from generator.rules.engine import judge
from generator.rules.registry import RULES

from .builders import MKDOCS, page

# A project with one finding of several rules: missing-owner + missing-review (index.md),
# coverage-gap (new stage), unknown-reference (unknown persona on the page).
FILES = {
    "manual/index.md": page("personas: [cfo]"),
    "data/stages.yaml": "- id: awareness\n  name: Awareness\n- id: decision\n  name: Decision\n",
}


def with_rules(rules: str) -> dict[str, str]:
    return {**FILES, "mkdocs.yml": MKDOCS + "      rules:\n" + "".join(f"        {r}\n" for r in rules.split(";"))}


def test_default_severities(check):
    judgement = check(FILES)
    assert [(f.rule, f.severity) for f in judgement.findings] == [
        ("coverage-gap", Severity.WARNING),
        ("missing-owner", Severity.WARNING),
        ("missing-review", Severity.WARNING),
        ("unknown-reference", Severity.ERROR),
    ]
    assert judgement.counts() == {"error": 1, "warning": 3, "info": 0}


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (
            "coverage-gap: info",
            [
                ("coverage-gap", "info"),
                ("missing-owner", "warning"),
                ("missing-review", "warning"),
                ("unknown-reference", "error"),
            ],
        ),
        (
            "missing-owner: off;unknown-reference: warning",
            [("coverage-gap", "warning"), ("missing-review", "warning"), ("unknown-reference", "warning")],
        ),
        (
            "missing-review: error;coverage-gap: off;missing-owner: off;unknown-reference: off",
            [("missing-review", "error")],
        ),
    ],
)
def test_config_changes_severity_or_turns_off(check, rules, expected):
    judgement = check(with_rules(rules))
    assert [(f.rule, f.severity.label) for f in judgement.findings] == expected


def test_a_rule_turned_off_is_not_waived_either(check):
    text = page(
        "reviewed: 2025-01-01\nowner: ana\nwaive:\n  - rule: stale-review\n    until: 2026-12-31\n    reason: R"
    )
    judgement = check({"manual/index.md": text, "mkdocs.yml": MKDOCS + "      rules:\n        stale-review: off\n"})
    assert (judgement.findings, judgement.waived) == ((), ())


def test_registry_defaults_match_the_docs():
    assert {rule: info.severity.label for rule, info in RULES.items()} == {
        "review-due": "info",
        "stale-review": "warning",
        "missing-owner": "warning",
        "missing-review": "warning",
        "stale-data": "warning",
        "no-data": "warning",
        "kpi-below-target": "warning",
        "kpi-missed-repeatedly": "warning",
        "kpi-declining": "warning",
        "activity-only": "warning",
        "coverage-gap": "warning",
        "content-expired": "warning",
        "unknown-reference": "error",
        "waiver-expired": "warning",
        "off-plan": "warning",
        "experiment-undecided": "warning",
        "content-unused": "warning",
    }


@pytest.mark.parametrize(
    ("pinned", "configured", "expected"),
    [
        (date(2026, 1, 2), date(2025, 5, 6), date(2026, 1, 2)),
        (None, date(2025, 5, 6), date(2025, 5, 6)),
        (None, None, date(2030, 12, 31)),
    ],
)
def test_resolve_as_of(pinned, configured, expected):
    assert resolve_as_of(pinned, settings_from(PluginConfigIn(as_of=configured)), date(2030, 12, 31)) == expected


def test_config_as_of_is_read(make_project):
    root = make_project({"mkdocs.yml": MKDOCS + "      as_of: 2026-11-15\n"})
    assert load_project(root).config.settings.as_of == date(2026, 11, 15)


def test_as_of_pins_every_judgement(make_project):
    root = make_project({"manual/index.md": page("owner: ana\nreviewed: 2026-06-01")})  # due 2026-08-30
    project = load_project(root)
    by_day = {
        day: [f.rule for f in judge(project, date.fromisoformat(day)).findings]
        for day in ("2026-08-15", "2026-08-16", "2026-08-30", "2026-08-31")
    }
    assert by_day == {
        "2026-08-15": [],
        "2026-08-16": ["review-due"],
        "2026-08-30": ["review-due"],
        "2026-08-31": ["stale-review"],
    }


def test_judgement_is_deterministic(make_project):
    root = make_project({**FILES, "data/snapshots/2026-10.csv": "channel,sqls\nwebinr,1\nx,2\n"})
    first = judge(load_project(root), date(2026, 11, 20))
    second = judge(load_project(root), date(2026, 11, 20))
    assert [f.to_dict() for f in first.findings] == [f.to_dict() for f in second.findings]
    assert first.findings == tuple(sorted(first.findings, key=lambda f: f.sort_key()))
