"""The marginal-return estimator on series whose answer is known, and the advice built on it."""

from __future__ import annotations

import math
import random

import pytest

from generator.metrics.marginal import Estimate, Verdict, estimate
from generator.metrics.reallocation import ChannelReturn, advise, nice_floor

SPEND = [10_000 + 2_000 * i for i in range(12)]  # 10,000 .. 32,000


def test_a_hand_computed_fit():
    # x = 1..5 thousand, y = 2, 4, 5, 4, 5. Means 3 and 4; Sxy = 6, Sxx = 10 (in thousands):
    # slope 0.6 per thousand; intercept 2.2; residuals -0.8, 0.6, 1.0, -0.6, -0.2: SSE 2.4,
    # s^2 = 2.4 / 3 = 0.8, se = sqrt(0.8 / 10) = 0.2828; t(3) = 2.353: half width 0.6655 per
    # thousand. The range reaches below zero: the data cannot tell.
    found = estimate([1000, 2000, 3000, 4000, 5000], [2, 4, 5, 4, 5])
    assert found.verdict is Verdict.WIDE
    assert round(found.slope * 1000, 6) == 0.6
    assert round(found.low * 1000, 4) == round(0.6 - 2.353 * math.sqrt(0.08), 4) == -0.0655
    assert round(found.high * 1000, 4) == 1.2655
    assert round(found.average * 1000, 4) == round(20 / 15, 4)  # 20 results for 15,000


def test_linear_returns_the_slope_exactly():
    found = estimate(SPEND, [3 + 0.002 * s for s in SPEND])
    assert found.verdict is Verdict.CONFIDENT
    assert found.slope == pytest.approx(0.002) and found.low == pytest.approx(0.002) and found.high == pytest.approx(0.002)
    # the average includes the fixed 3 results a month, so it is above the margin
    assert found.average == pytest.approx((36 + 0.002 * sum(SPEND)) / sum(SPEND))


def test_linear_with_small_noise_brackets_the_true_slope():
    rng = random.Random(7)
    found = estimate(SPEND, [0.002 * s + rng.uniform(-1, 1) for s in SPEND])
    assert found.verdict is Verdict.CONFIDENT
    assert found.low < 0.002 < found.high
    assert found.high - found.low < 0.0005


def test_diminishing_returns_put_the_margin_below_the_average():
    # results = 40 * sqrt(spend / 1000): the derivative at the mean spend (21,000) is
    # 20 / sqrt(21) / 1000 = 0.00436 per dollar; the average is about twice that.
    found = estimate(SPEND, [40 * math.sqrt(s / 1000) for s in SPEND])
    assert found.verdict is Verdict.CONFIDENT
    assert found.slope == pytest.approx(20 / math.sqrt(21) / 1000, rel=0.05)
    assert found.average > 1.8 * found.slope
    assert found.high < found.average  # the range says it: the next dollar buys less than the average one


def test_flat_spend_cannot_tell_and_gives_no_number():
    spend = [15_000 + d for d in (0, 120, -80, 40, -150, 90, 10, -60, 130, -20, 70, -110)]  # 1.9% spread
    found = estimate(spend, [10 + (i % 3) for i in range(12)])
    assert found.verdict is Verdict.FLAT_SPEND and found.slope is None and found.low is None
    assert (found.spend_min, found.spend_max) == (14_850, 15_130)


def test_noise_cannot_tell():
    rng = random.Random(3)
    found = estimate(SPEND, [rng.uniform(5, 25) for _ in SPEND])  # results unrelated to spend
    assert found.verdict is Verdict.WIDE
    assert found.low <= 0 <= found.high


@pytest.mark.parametrize("count", [0, 1, 4])
def test_too_few_periods(count):
    found = estimate(SPEND[:count], [1.0] * count)
    assert found.verdict is Verdict.TOO_FEW and found.slope is None


def test_missing_values_are_dropped_in_pairs():
    found = estimate([1000, math.nan, 3000, 4000, 5000, 2000], [2, 9, 5, 4, 5, 4])
    assert found.n == 5 and round(found.slope * 1000, 6) == 0.6


def _row(channel: str, slope: float, low: float, high: float, mean: float, verdict=Verdict.CONFIDENT) -> ChannelReturn:
    return ChannelReturn(channel, channel.title(), Estimate(verdict, 12, slope, slope, low, high, mean * 0.7,
                                                            mean * 1.3, mean))


def test_advice_moves_only_between_ranges_that_do_not_overlap():
    # donor (lowest high): events 0.0009 [0.00086, 0.00092], mean 18,400; receiver (highest low):
    # review 0.00175 [0.0014, 0.0021], mean 4,300. Amount min(1,840, 1,075) -> 1,000 (two figures
    # of 1,075 rounded down). Gain 1,000 * (0.00175 - 0.0009) = 0.85, range 1,000 * (0.0014 -
    # 0.00092) = 0.48 to 1,000 * (0.0021 - 0.00086) = 1.24.
    rows = [_row("events", 0.0009, 0.00086, 0.00092, 18_400), _row("review", 0.00175, 0.0014, 0.0021, 4_300),
            _row("search", 0.0015, 0.0012, 0.0018, 17_000),
            _row("social", 0.0006, -0.0004, 0.0016, 14_700, Verdict.WIDE)]
    advice = advise(rows)
    move = advice.move
    assert (move.donor.channel, move.receiver.channel, move.amount) == ("events", "review", 1000)
    assert (round(move.gain, 4), round(move.low, 4), round(move.high, 4)) == (0.85, 0.48, 1.24)
    assert [r.channel for r in advice.untold] == ["social"]
    assert advice.test_step(advice.untold[0]) == 2200  # 15% of 14,700 = 2,205


def test_overlapping_ranges_give_no_move():
    rows = [_row("a", 0.0010, 0.0008, 0.0015, 10_000), _row("b", 0.0012, 0.0009, 0.0016, 10_000)]
    advice = advise(rows)
    assert advice.move is None and {r.channel for r in advice.overlap} == {"a", "b"}


def test_one_confident_channel_gives_no_move():
    advice = advise([_row("a", 0.001, 0.0008, 0.0012, 10_000), _row("b", 0, 0, 0, 9_000, Verdict.FLAT_SPEND)])
    assert advice.move is None and advice.overlap is None and [r.channel for r in advice.untold] == ["b"]


@pytest.mark.parametrize(("amount", "nice"), [(1081, 1000), (2205, 2200), (987.5, 980), (18_421, 18_000), (0, 0)])
def test_nice_floor(amount, nice):
    assert nice_floor(amount) == nice
