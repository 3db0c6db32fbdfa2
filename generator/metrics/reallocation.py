"""Where the next dollar goes: each channel's marginal return from its own history, and a move of
budget only when the data supports it.

A move is advised from the channel whose range of marginal return lies lowest (the donor) to the
one whose range lies highest (the receiver), and only when the two ranges do not overlap: the
receiver's worst case beats the donor's best case. The amount is small on purpose: at most 10%
of the donor's mean spend and 25% of the receiver's (a step that stays near the spend levels the
estimates were learned from), rounded down to two significant figures. The expected gain per
period is ``amount * (receiver slope - donor slope)``, its range from the two ranges' ends.
Channels whose data cannot tell (too few periods, spend that barely varied, a range that is too
wide) get a test instead: vary spend by about 15% of its mean for a few periods.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from ..model.dates import months_before
from ..model.metrics import Metric
from .cube import Cube
from .marginal import Estimate, estimate
from .windows import paired_values

RECENT_PERIODS = 12
DONOR_SHARE = 0.10
RECEIVER_SHARE = 0.25
TEST_SHARE = 0.15


@dataclass(frozen=True)
class ChannelReturn:
    channel: str
    name: str
    estimate: Estimate
    periods: tuple[str, ...] = ()


@dataclass(frozen=True)
class Move:
    donor: ChannelReturn
    receiver: ChannelReturn
    amount: float
    gain: float  # results per period
    low: float
    high: float


@dataclass(frozen=True)
class Advice:
    move: Move | None
    overlap: tuple[ChannelReturn, ChannelReturn] | None  # best and worst confident channels whose ranges overlap
    untold: tuple[ChannelReturn, ...]  # channels with spend whose data cannot tell yet

    def test_step(self, row: ChannelReturn) -> float | None:
        """The spend change of the small test suggested for ``row`` (per period)."""
        mean = row.estimate.spend_mean
        return nice_floor(TEST_SHARE * mean) if mean else None


def nice_floor(amount: float) -> float:
    """``amount`` rounded down to two significant figures (1,103 -> 1,100; 987 -> 980)."""
    if amount <= 0:
        return 0.0
    step: float = 10 ** (math.floor(math.log10(amount)) - 1)
    return math.floor(amount / step) * step


def channel_returns(channels: list[tuple[str, str]], cube: Cube, spend: Metric, result: Metric, as_of: date,
                    periods: int = RECENT_PERIODS) -> list[ChannelReturn]:
    """Each channel's estimate over its newest ``periods`` periods (none after the as-of month)
    with both spend and the result."""
    out = []
    for channel_id, name in channels:
        series = cube.series({"channel": (channel_id,)})
        pairs = [(p, s, r) for p, s, r in paired_values(series, spend, result) if months_before(p, as_of) >= 0]
        pairs = pairs[-periods:]
        found = estimate([s for _, s, _ in pairs], [r for _, _, r in pairs])
        out.append(ChannelReturn(channel_id, name, found, tuple(p for p, _, _ in pairs)))
    return out


def advise(returns: list[ChannelReturn]) -> Advice:
    spent = [r for r in returns if r.estimate.n and r.estimate.average is not None]
    confident = [r for r in spent if r.estimate.confident]
    untold = tuple(r for r in spent if not r.estimate.confident)
    if len(confident) < 2:
        return Advice(None, None, untold)
    receiver = max(confident, key=lambda r: (r.estimate.low, r.channel))
    donor = min((r for r in confident if r is not receiver), key=lambda r: (r.estimate.high, r.channel))
    d, g = donor.estimate, receiver.estimate
    assert d.low is not None and d.high is not None and d.slope is not None and d.spend_mean is not None
    assert g.low is not None and g.high is not None and g.slope is not None and g.spend_mean is not None
    if g.low <= d.high:
        return Advice(None, (receiver, donor), untold)
    amount = nice_floor(min(DONOR_SHARE * d.spend_mean, RECEIVER_SHARE * g.spend_mean))
    move = Move(donor, receiver, amount, amount * (g.slope - d.slope), amount * (g.low - d.high),
                amount * (g.high - d.low))
    return Advice(move, None, untold)
