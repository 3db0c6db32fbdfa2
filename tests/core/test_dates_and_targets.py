"""Durations (d, w, mo, month-end clamping), periods, percentages and KPI targets: pure functions."""

from __future__ import annotations

from datetime import date

import pytest

from generator.model.dates import Duration, add_months, is_period, months_before, parse_percent, period_index
from generator.model.kpis import Comparison, Target


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [("90d", 90, "d"), ("6w", 6, "w"), ("3mo", 3, "mo"), (" 12 mo ", 12, "mo"), ("0d", 0, "d")],
)
def test_duration_parse(text, amount, unit):
    assert Duration.parse(text) == Duration(amount, unit)


@pytest.mark.parametrize("text", ["90", "d", "3m", "3 months", "1.5w", "-3d", "3y", "", "90D"])
def test_duration_parse_rejects(text):
    with pytest.raises(ValueError, match="is not a duration; write a whole number and d, w or mo, e.g. 90d, 6w, 3mo"):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        ("2026-01-01", "90d", "2026-04-01"),
        ("2026-11-20", "0d", "2026-11-20"),
        ("2026-11-20", "2w", "2026-12-04"),
        ("2026-01-31", "1mo", "2026-02-28"),
        ("2028-01-31", "1mo", "2028-02-29"),
        ("2026-03-31", "1mo", "2026-04-30"),
        ("2026-08-31", "3mo", "2026-11-30"),
        ("2026-11-30", "3mo", "2027-02-28"),
        ("2024-02-29", "12mo", "2025-02-28"),
        ("2026-12-15", "1mo", "2027-01-15"),
        ("2026-01-15", "24mo", "2028-01-15"),
    ],
)
def test_duration_after(start, duration, expected):
    assert Duration.parse(duration).after(date.fromisoformat(start)) == date.fromisoformat(expected)
    assert str(Duration.parse(duration)) == duration


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(date(2026, 1, 31), -2, date(2025, 11, 30)), (date(2026, 3, 31), -1, date(2026, 2, 28))],
)
def test_add_months_backwards(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2026-10", True),
        ("2026-01", True),
        ("2026-12", True),
        ("2026-13", False),
        ("2026-00", False),
        ("2026-1", False),
        ("26-10", False),
        ("2026-10-01", False),
        ("2026/10", False),
        ("", False),
    ],
)
def test_is_period(text, valid):
    assert is_period(text) is valid


def test_period_arithmetic():
    assert period_index("2027-01") - period_index("2026-12") == 1
    assert months_before("2026-09", date(2026, 11, 20)) == 2
    assert months_before("2026-11", date(2026, 11, 1)) == 0
    assert months_before("2025-11", date(2026, 11, 30)) == 12


@pytest.mark.parametrize(
    ("value", "expected"), [("10%", 0.1), ("12.5%", 0.125), ("0.1", 0.1), (0.25, 0.25), (1, 1.0), (" 5 % ", 0.05)]
)
def test_parse_percent(value, expected):
    assert parse_percent(value) == pytest.approx(expected)


@pytest.mark.parametrize("value", ["ten", "%", True, "10%%"])
def test_parse_percent_rejects(value):
    with pytest.raises(ValueError):
        parse_percent(value)


@pytest.mark.parametrize(
    ("raw", "better_higher", "comparison", "value", "percent"),
    [
        (">= 0.25", True, Comparison.AT_LEAST, 0.25, False),
        (">=0.25", True, Comparison.AT_LEAST, 0.25, False),
        ("> 3", True, Comparison.MORE_THAN, 3.0, False),
        ("<= 400", True, Comparison.AT_MOST, 400.0, False),
        ("< 1e3", False, Comparison.LESS_THAN, 1000.0, False),
        (">= 25%", True, Comparison.AT_LEAST, 0.25, True),
        ("25%", True, Comparison.AT_LEAST, 0.25, True),
        ("400", False, Comparison.AT_MOST, 400.0, False),  # bare bound follows the metric's direction
        (400, True, Comparison.AT_LEAST, 400.0, False),
        (".5", True, Comparison.AT_LEAST, 0.5, False),
        (">= -3", True, Comparison.AT_LEAST, -3.0, False),
    ],
)
def test_target_parse(raw, better_higher, comparison, value, percent):
    assert Target.parse(raw, better_higher=better_higher) == Target(comparison, value, percent)


@pytest.mark.parametrize("raw", ["=> 0.25", "== 3", "at least 3", ">= ", "", ">= 3 USD", "~3", True])
def test_target_parse_rejects(raw):
    with pytest.raises(ValueError, match="a comparison and a number"):
        Target.parse(raw)


@pytest.mark.parametrize(
    ("raw", "value", "met"),
    [
        (">= 0.25", 0.25, True),
        (">= 0.25", 0.2499, False),
        ("> 0.25", 0.25, False),
        ("<= 300", 300, True),
        ("<= 300", 300.01, False),
        ("< 300", 300, False),
        ("< 300", 299, True),
    ],
)
def test_target_met_by(raw, value, met):
    assert Target.parse(raw).met_by(value) is met
