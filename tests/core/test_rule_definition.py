"""Each rule is defined once (``model/rules.py``): its id appears nowhere else in the code but in its rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.model.findings import Finding, Severity
from generator.model.rules import Family, Rule, Tag, rule_title
from generator.report.digest import RULE_URGENCY
from generator.rules import engine
from generator.rules.registry import FAMILIES
from generator.site.labels import tags_for

from .builders import MKDOCS, page

GENERATOR = Path(__file__).resolve().parents[2] / "generator"


def test_every_family_has_one_function_and_rules():
    assert set(engine.RULE_FUNCTIONS) == set(Family)
    assert all(FAMILIES[family] for family in Family)


def test_urgencies_are_a_ranking():
    assert sorted(rule.urgency for rule in Rule) == list(range(len(Rule)))
    assert RULE_URGENCY[0] is Rule.UNKNOWN_REFERENCE and RULE_URGENCY[-1] is Rule.REVIEW_DUE


def test_titles_tags_and_unknown_ids():
    assert rule_title("stale-review") == "Review overdue"
    assert rule_title("a-rule-from-an-older-report") == "a-rule-from-an-older-report"
    finding = Finding("kpi-declining", Severity.WARNING, "a.md", 1, "a.md", None, "m")
    assert finding.rule is Rule.KPI_DECLINING  # an id is taken and turned into the member
    assert tags_for([finding]) == (Tag.UNDERPERFORMING.value,) == ("underperforming",)
    with pytest.raises(ValueError):
        Finding("no-such-rule", Severity.WARNING, "a.md", 1, "a.md", None, "m")


def test_a_rule_id_is_written_only_in_its_definition():
    """The done-criterion of one definition per rule: code names ``Rule.X``, never the id string."""
    ids = "|".join(re.escape(rule.value) for rule in Rule)
    quoted = re.compile(rf"""["']({ids})["']""")
    found = {}
    for path in GENERATOR.rglob("*.py"):
        if path.relative_to(GENERATOR).as_posix() == "model/rules.py":
            continue
        source = path.read_text(encoding="utf-8")
        # KpiState.NO_DATA is a KPI's state word (in the site report), not the rule of the same name
        source = source.replace('NO_DATA = "no-data"', "")
        hits = quoted.findall(source)
        if hits:
            found[path.relative_to(GENERATOR).as_posix()] = hits
    assert found == {}


def test_a_family_whose_rules_are_all_off_is_not_run(check, monkeypatch):
    def refuse(ctx):
        raise AssertionError("the review rules ran although every one of them is off")

    monkeypatch.setitem(engine.RULE_FUNCTIONS, Family.REVIEWS, refuse)
    off = "      rules:\n" + "".join(f"        {rule.value}: off\n" for rule in FAMILIES[Family.REVIEWS])
    judgement = check({"manual/index.md": page("owner: ana"), "mkdocs.yml": MKDOCS + off})
    assert all(f.rule.family is not Family.REVIEWS for f in judgement.findings)
    with pytest.raises(AssertionError):  # one of them on: the function runs
        check({"manual/index.md": page("owner: ana"), "mkdocs.yml": MKDOCS + off.replace("review-due: off", "review-due: info")})
