"""Numbers as people read them: percentages for ratios, currency, counts. Pure functions."""

from __future__ import annotations

import math

from ..model.kpis import Target

_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_value(value: float | None, unit: str, *, whole: bool = False) -> str:
    """``29.2%``, ``$1,600``, ``82.4×``, ``1,204``; ``whole`` drops the cents of money (``$84``, not ``$84.00``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no value"
    if unit == "ratio":
        return f"{value * 100:.1f}%"
    if unit == "multiple":
        return f"{_trimmed(value, 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0)}×"
    if len(unit) == 3 and unit.isupper():
        symbol = _CURRENCY.get(unit)
        amount = f"{abs(value):,.0f}" if whole or abs(value) >= 100 else f"{abs(value):,.2f}"
        sign = "-" if value < 0 else ""
        return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {unit}"
    if unit == "count":
        return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.1f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}"


def _trimmed(value: float, places: int) -> str:
    """``82.4``, ``12`` (not ``12.0``), ``1.05``: no trailing zeros after the point."""
    shown = f"{value:,.{places}f}"
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


_SIGNS = {">=": "≥", "<=": "≤"}


def format_target(target: Target, unit: str, *, signs: bool = False) -> str:
    """``>= 25.0%``; with ``signs`` (the site) ``≥ 25.0%`` as people write it."""
    comparison = target.comparison.value
    return f"{_SIGNS.get(comparison, comparison) if signs else comparison} {format_value(target.value, unit)}"


def format_change(change: float) -> str:
    return f"{abs(change) * 100:.0f}%"


def budget_status(spend: float, budget: float, unit: str, *, short: bool = False) -> str:
    """``over budget by $1,200 (12%)``, ``under budget by $300 (5%)`` or ``on budget``;
    ``short`` (a chart's bar end) ``$1,200 over (12%)``."""
    gap = spend - budget
    if gap == 0:
        return "on budget"
    share = f" ({abs(gap) / budget * 100:.0f}%)" if budget else ""
    amount, side = format_value(abs(gap), unit, whole=abs(gap) >= 1), "over" if gap > 0 else "under"
    return f"{amount} {side}{share}" if short else f"{side} budget by {amount}{share}"


def plural(n: int, word: str) -> str:
    """``1 day``, ``2 days``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def of_total(n: int, total: int, noun: str) -> str:
    """``1 of 20 cells has``, ``2 of 20 cells have``, ``1 of 1 cell has``: the verb agrees with ``n``."""
    return f"{n} of {total} {noun}{'' if total == 1 else 's'} {'has' if n == 1 else 'have'}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
