"""Cells of an export: numbers as platforms print them, plain numbers as snapshots want them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# What platforms print for "no value": Google Ads' ``--``, dashes, n/a.
EMPTY_MARKERS = frozenset({"", "--", "-", "\u2013", "\u2014", "n/a", "na", "null", "none"})

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_CURRENCY_BEFORE = re.compile(r"^(?:[A-Z]{3} ?)?[$\u20ac\u00a3\u00a5]? ?")
_CURRENCY_AFTER = re.compile(r" ?[$\u20ac\u00a3\u00a5]?(?: ?[A-Z]{3})?$")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")


class NotANumber(ValueError):
    """A measure cell that is not a plain count or amount; the message says why."""


def add(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    """A running sum that skips missing values: missing only while every value so far is."""
    return value if total is None else total if value is None else total + value


def parse_number(cell: str) -> Decimal | None:
    """A measure cell as an exact number; None when empty (``--`` and friends).

    Accepts thousands separators (``1,234.50``), a currency sign or code (``$1,234``,
    ``USD 1,234``), quotes already removed by the CSV reader, and accounting negatives
    (``(1,234)``). Refuses percentages and decimal commas.
    """
    if _PLAIN.fullmatch(cell):  # the common case, fast
        return Decimal(cell)
    text = _SPACES.sub(" ", cell).strip()
    if text.casefold() in EMPTY_MARKERS:
        return None
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1].strip()
    if text.endswith("%"):
        raise NotANumber("is a percentage, not a count or an amount")
    sign = ""
    if text.startswith(("+", "-")):
        sign, text = text[0], text[1:].strip()
    text = _CURRENCY_AFTER.sub("", _CURRENCY_BEFORE.sub("", text, count=1), count=1)
    if text.startswith(("+", "-")) and not sign:
        sign, text = text[0], text[1:]
    if not text or not _NUMBER.match(text):
        raise NotANumber("is not a number")
    try:
        value = Decimal(sign + text.replace(",", ""))
    except InvalidOperation:
        raise NotANumber("is not a number") from None
    return -value if negative else value


def format_number(value: Decimal | None) -> str:
    """A plain number for a snapshot cell: no exponent, no thousands separator, no trailing zeros."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.normalize(), "f")
    return text


def fold(text: str) -> str:
    """A label compared loosely: case and runs of spaces do not matter."""
    return _SPACES.sub(" ", text).strip().casefold()
