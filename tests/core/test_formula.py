"""Safe formulas over measure names: parsed with ast, never evaluated as Python; x/0 is no value."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generator.load.metric_catalog import load_metrics
from generator.load.problems import Problems
from generator.model.formula import Formula, FormulaError, derived_unit

KNOWN = frozenset({"sqls", "mqls", "cost", "pipeline"})


def run(text: str, **values: list[float]) -> list[float | None]:
    formula = Formula.parse(text, KNOWN)
    result = formula.evaluate({name: np.asarray(values[name], dtype=float) for name in formula.measures})
    return [None if math.isnan(v) else v for v in np.atleast_1d(result).tolist()]


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("sqls / mqls", {"sqls": [1, 10, 0], "mqls": [4, 20, 5]}, [0.25, 0.5, 0.0]),
        ("sqls / mqls", {"sqls": [5, 0], "mqls": [0, 0]}, [None, None]),
        ("cost / sqls", {"cost": [500, float("nan")], "sqls": [0, 5]}, [None, None]),
        ("(pipeline - cost) / cost", {"pipeline": [300, 100], "cost": [100, 0]}, [2.0, None]),
        ("pipeline - cost", {"pipeline": [300], "cost": [400]}, [-100.0]),
        ("sqls * 100 / mqls", {"sqls": [1], "mqls": [8]}, [12.5]),
        ("-sqls + +mqls", {"sqls": [1], "mqls": [8]}, [7.0]),
        ("sqls / (mqls - mqls)", {"sqls": [1], "mqls": [8]}, [None]),
        ("sqls / 0", {"sqls": [1]}, [None]),
        ("sqls / 0.5", {"sqls": [1]}, [2.0]),
    ],
)
def test_evaluate(text, values, expected):
    assert run(text, **values) == expected


def test_measures_are_listed_once_in_order():
    formula = Formula.parse("  (pipeline - cost) / cost ", KNOWN)
    assert (formula.text, formula.measures) == ("(pipeline - cost) / cost", ("pipeline", "cost"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os')", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        (
            "__import__('os').system('true')",
            "only measure names, numbers, + - * / and parentheses are allowed in a formula",
        ),
        ("sqls ** mqls", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        ("sqls // mqls", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        ("sqls % mqls", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        ("sqls.real", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        ("sqls if mqls else cost", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        ("[sqls]", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        ("'sqls'", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        ("True / sqls", "only measure names, numbers, + - * / and parentheses are allowed in a formula"),
        ("leads / sqls", "'leads' is not a measure of the catalog"),
        ("sqls /", "'sqls /' is not a formula; use measure names, numbers, + - * / and parentheses"),
        ("import os", "'import os' is not a formula; use measure names, numbers, + - * / and parentheses"),
        (" 1 / 2 ", "'1 / 2' uses no measure; a formula is computed from measures"),
    ],
)
def test_refused(text, message):
    with pytest.raises(FormulaError) as info:
        Formula.parse(text, KNOWN)
    assert str(info.value) == message


UNITS = {"sqls": "count", "mqls": "count", "cost": "USD", "pipeline": "USD", "fees": "EUR"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(pipeline - cost) / cost", "multiple"),  # pipeline ROI: dollars per dollar
        ("pipeline / cost", "multiple"),
        ("cost / sqls", "USD"),  # cost per SQL
        ("(cost + pipeline) / 2", "USD"),
        ("cost * 1.2 / sqls", "USD"),
        ("-pipeline", "USD"),
        ("sqls / mqls", None),  # a rate or an average: not certain
        ("pipeline / fees", None),  # two currencies
        ("cost + sqls", None),
        ("cost * sqls", None),
        ("sqls / cost", None),
    ],
)
def test_the_unit_a_formula_makes_certain(text: str, expected: str | None) -> None:
    known = frozenset(UNITS) | {"fees"}
    assert derived_unit(Formula.parse(text, known), UNITS) == expected


def test_a_metric_left_at_number_takes_its_formulas_unit(tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "metrics.yaml").write_text(
        "measures:\n  sqls: {}\n  mqls: {}\n  cost: {unit: USD, kind: cost}\n  pipeline: {unit: USD}\n"
        "metrics:\n"
        "  roi: {formula: (pipeline - cost) / cost}\n"
        "  roi_declared: {formula: (pipeline - cost) / cost, unit: number}\n"
        "  roi_pct: {formula: (pipeline - cost) / cost, unit: ratio}\n"
        "  cpsql: {formula: cost / sqls}\n"
        "  rate: {formula: sqls / mqls}\n",
        encoding="utf-8",
    )
    problems = Problems()
    metrics = load_metrics(tmp_path, data, problems)
    assert not problems
    assert {m.id: m.unit for m in metrics.values() if not m.is_measure} == {
        "roi": "multiple", "roi_declared": "multiple", "roi_pct": "ratio", "cpsql": "USD", "rate": "number",
    }
