"""What the next dollar buys: a channel's marginal results per unit of spend, from its own history.

Method (docs/BUDGET.md says it in plain words): over the channel's recent periods that have both
spend and the result, fit results = a + b * spend by ordinary least squares. The slope b is the
marginal return (results per extra unit of spend); its 90% confidence range is b +/- t * se(b),
with Student's t for n - 2 degrees of freedom. The average (total results / total spend) is
shown beside it: average cost is not marginal cost.

The estimate is withheld ("the data cannot tell yet") rather than shown as a confident number:

- with fewer than ``MIN_PERIODS`` periods;
- when spend barely varied (max - min below ``MIN_SPREAD`` of the mean spend): with no variation
  in spend there is nothing to learn how results follow it;
- when the range is wide: it reaches zero or below (more spend may buy nothing), or its half
  width is more than ``MAX_RELATIVE_HALF_WIDTH`` of the slope.

Pure: numbers in, an :class:`Estimate` out.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_PERIODS = 5
MIN_SPREAD = 0.15
MAX_RELATIVE_HALF_WIDTH = 0.5
CONFIDENCE = 0.90
# Student's t, two-sided 90% (the 95th percentile), by degrees of freedom; 1.645 beyond 30.
_T90 = {1: 6.314, 2: 2.920, 3: 2.353, 4: 2.132, 5: 2.015, 6: 1.943, 7: 1.895, 8: 1.860, 9: 1.833, 10: 1.812,
        11: 1.796, 12: 1.782, 13: 1.771, 14: 1.761, 15: 1.753, 16: 1.746, 17: 1.740, 18: 1.734, 19: 1.729,
        20: 1.725, 21: 1.721, 22: 1.717, 23: 1.714, 24: 1.711, 25: 1.708, 26: 1.706, 27: 1.703, 28: 1.701,
        29: 1.699, 30: 1.697}


def t90(df: int) -> float:
    return _T90.get(df, 1.645) if df >= 1 else math.inf


class Verdict(enum.Enum):
    CONFIDENT = "confident"
    TOO_FEW = "too few periods"
    FLAT_SPEND = "spend barely varied"
    WIDE = "the range is too wide"

    def is_confident(self) -> bool:
        return self is Verdict.CONFIDENT


@dataclass(frozen=True)
class Estimate:
    """The marginal and average return of one channel over ``n`` periods."""

    verdict: Verdict
    n: int
    average: float | None  # total results / total spend
    slope: float | None = None  # results per unit of spend, at the margin (None: not estimable)
    low: float | None = None
    high: float | None = None
    spend_min: float | None = None
    spend_max: float | None = None
    spend_mean: float | None = None

    @property
    def confident(self) -> bool:
        return self.verdict.is_confident()


def estimate(spend: Sequence[float], results: Sequence[float]) -> Estimate:
    """The least-squares slope of ``results`` on ``spend`` (paired, one per period) and its range."""
    pairs = [(float(s), float(r)) for s, r in zip(spend, results, strict=True)
             if s is not None and r is not None and math.isfinite(s) and math.isfinite(r)]
    n = len(pairs)
    total_spend = sum(s for s, _ in pairs)
    average = sum(r for _, r in pairs) / total_spend if total_spend > 0 else None
    if not n:
        return Estimate(Verdict.TOO_FEW, n, average)
    xs = [s for s, _ in pairs]
    mean_x = total_spend / n
    mean_y = sum(r for _, r in pairs) / n
    lo_x, hi_x = min(xs), max(xs)
    facts = dict(spend_min=lo_x, spend_max=hi_x, spend_mean=mean_x)
    if n < MIN_PERIODS:
        return Estimate(Verdict.TOO_FEW, n, average, **facts)
    if mean_x <= 0 or (hi_x - lo_x) < MIN_SPREAD * mean_x:
        return Estimate(Verdict.FLAT_SPEND, n, average, **facts)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    slope = sxy / sxx
    intercept = mean_y - slope * mean_x
    sse = sum((y - intercept - slope * x) ** 2 for x, y in pairs)
    se = math.sqrt(sse / (n - 2) / sxx)
    half = t90(n - 2) * se
    low, high = slope - half, slope + half
    wide = low <= 0 or half > MAX_RELATIVE_HALF_WIDTH * abs(slope)
    return Estimate(Verdict.WIDE if wide else Verdict.CONFIDENT, n, average, slope, low, high, **facts)
