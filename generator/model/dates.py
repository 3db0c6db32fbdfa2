"""Durations (``90d``, ``6w``, ``3mo``), percentages and month arithmetic. Pure functions."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

_DURATION = re.compile(r"^\s*(\d+)\s*(d|w|mo)\s*$")
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


MAX_DURATION = {"d": 36_500, "w": 5_200, "mo": 1_200}  # 100 years: later dates are out of range


@dataclass(frozen=True)
class Duration:
    """A review cadence or window: a count of days, weeks or months."""

    amount: int
    unit: str  # "d" | "w" | "mo"

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _DURATION.match(str(text))
        if not match:
            raise ValueError(
                f"'{text}' is not a duration; write a whole number and d, w or mo, e.g. 90d, 6w, 3mo"
            )
        amount, unit = int(match.group(1)), match.group(2)
        if amount > MAX_DURATION[unit]:
            raise ValueError(f"'{text}' is more than 100 years; write at most {MAX_DURATION[unit]}{unit}")
        return cls(amount, unit)

    def after(self, start: date) -> date:
        if self.unit == "d":
            return start + timedelta(days=self.amount)
        if self.unit == "w":
            return start + timedelta(weeks=self.amount)
        return add_months(start, self.amount)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def is_period(text: str) -> bool:
    return bool(_PERIOD.match(text))


@functools.lru_cache(maxsize=4096)
def period_index(period: str) -> int:
    """A ``YYYY-MM`` period as a month count, so that consecutive months differ by one."""
    match = _PERIOD.match(period)
    if not match:
        raise ValueError(f"'{period}' is not a period; write YYYY-MM")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def months_before(period: str, as_of: date) -> int:
    """How many months ``period`` lies before the month of ``as_of`` (0 = same month)."""
    return month_index(as_of) - period_index(period)


def parse_percent(value: object) -> float:
    """``10%`` -> 0.1, ``0.1`` -> 0.1."""
    if isinstance(value, bool):
        raise ValueError("expected a number or a percentage such as 10%")
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    try:
        if text.endswith("%"):
            return float(text[:-1]) / 100
        return float(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a number or a percentage such as 10%") from None
