"""Safe formulas over measure names: parsed with ast, never evaluated as Python; x/0 is no value."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generator.model.formula import Formula, FormulaError

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
