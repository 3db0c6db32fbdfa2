"""The channel ranking and the budget advice, decided once in the judgement; the site only words them.

- :class:`ChannelRow`: a channel's newest-period numbers (spend, results, cost per result, ROI),
  its cost-per-result target and KPI state, and its cost per result per period (the trend);
- :func:`ranked`: lowest cost per result first, then channels that spent without results, then the rest;
- :class:`AverageAdvice`: the newest period's averages in a verdict: the costliest channels per
  result (donors) and the cheapest on target (receivers), or why there is no case;
- :class:`Ranking`: the scorecard's columns, the rows, that advice, and the marginal returns with
  their advice (:mod:`generator.metrics.reallocation`).

Every number is for the newest snapshot period and recomputed from that period's summed measures.
No channel is named in code.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..metrics.cube import Cube
from ..metrics.evaluate import KpiResult, KpiState
from ..metrics.reallocation import Advice, ChannelReturn, advise, channel_returns
from ..metrics.scorecard import Scorecard, value_at, values
from ..model.entities import Channel
from ..model.kpis import Target
from ..model.project import Project
from ..model.subject import Subject


@dataclass(frozen=True)
class ChannelRow:
    """One channel in the newest period (``period``); None where the snapshots have no value."""

    channel: Channel
    spend: float | None
    results: tuple[float | None, ...]  # one per Scorecard.results
    result: float | None  # the result cost per result divides by
    per_result: float | None
    roi: float | None
    on_target: bool  # no KPI missed, none declining
    missed: bool
    target: Target | None = None  # the channel's cost-per-result target, when a KPI sets one
    periods: tuple[str, ...] = ()  # the periods with rows for the channel (empty: no trend)
    trend: tuple[float | None, ...] = ()  # cost per result in each of ``periods``

    @property
    def barren(self) -> bool:
        """Spent money and produced none of the result."""
        return bool(self.spend) and self.result == 0


def ranked(rows: Iterable[ChannelRow]) -> list[ChannelRow]:
    """Lowest cost per result first; then channels that spent without results; then the rest."""

    def key(row: ChannelRow) -> tuple[int, float, str]:
        if row.per_result is not None:
            return (0, row.per_result, row.channel.id)
        return (1 if row.barren else 2, 0.0, row.channel.id)

    return sorted(rows, key=key)


class Case(enum.Enum):
    NO_DATA = "no-data"  # the snapshots lack spend or results per channel
    TOO_FEW = "too-few"  # fewer than two channels have both spend and results
    NONE_PRICED = "none-priced"  # no channel with spend produced results
    NO_CASE = "no-case"  # no channel on target below the median while another costs more
    CASE = "case"  # donors and receivers


@dataclass(frozen=True)
class AverageAdvice:
    """The newest period's averages as a verdict. Context for the marginal numbers, never a move on
    its own (one month's average is not what the next dollar buys)."""

    case: Case
    median: float | None = None  # the median cost per result of the priced channels
    donors: tuple[ChannelRow, ...] = ()  # spent without results first, then the costliest (at most two)
    receivers: tuple[ChannelRow, ...] = ()  # cheapest on target, at or below the median (at most two)

    @property
    def worst(self) -> ChannelRow | None:
        """The costliest donor that has a cost per result."""
        return next((r for r in self.donors if not r.barren), None)


def average_advice(rows: list[ChannelRow], card: Scorecard, period: str | None) -> AverageAdvice:
    if card.per_result is None or card.result is None or period is None:
        return AverageAdvice(Case.NO_DATA)
    priced = [r for r in rows if r.spend and r.per_result is not None]
    barren = sorted((r for r in rows if r.barren), key=lambda r: (-(r.spend or 0), r.channel.id))
    if len(priced) + len(barren) < 2:
        return AverageAdvice(Case.TOO_FEW)
    if not priced:
        return AverageAdvice(Case.NONE_PRICED)
    median = statistics.median(r.per_result for r in priced)  # type: ignore[type-var]
    receivers = [r for r in ranked(priced) if r.on_target and r.per_result <= median][:2]  # type: ignore[operator]
    costly = [r for r in priced if r.per_result > median and r not in receivers]  # type: ignore[operator]
    costly.sort(key=lambda r: (r.on_target, -(r.per_result or 0), r.channel.id))
    donors = (barren + costly)[:2]
    if not receivers or not donors:
        return AverageAdvice(Case.NO_CASE, median)
    return AverageAdvice(Case.CASE, median, tuple(donors), tuple(receivers))


@dataclass(frozen=True)
class Ranking:
    """The channels page's numbers: ``rows`` in catalog order, ``ranked`` in rank order."""

    card: Scorecard
    period: str | None  # the newest snapshot period
    rows: tuple[ChannelRow, ...] = ()
    average: AverageAdvice = AverageAdvice(Case.NO_DATA)
    returns: tuple[ChannelReturn, ...] = ()  # each channel's marginal return (empty without spend or result)
    advice: Advice = Advice(None, None, ())

    @property
    def ranked(self) -> tuple[ChannelRow, ...]:
        return tuple(ranked(self.rows))


NO_RANKING = Ranking(Scorecard(None, (), None, None), None)


def _row(channel: Channel, card: Scorecard, cube: Cube, period: str | None, kpis: list[KpiResult]) -> ChannelRow:
    series = cube.series({"channel": (channel.id,)})
    spend = value_at(card.spend, series, period) if card.spend else None
    results = tuple(value_at(m, series, period) for m in card.results)
    result = value_at(card.result, series, period) if card.result else None
    per_result = value_at(card.per_result, series, period) if card.per_result else None
    roi = value_at(card.roi, series, period) if card.roi else None
    missed = any(r.state is KpiState.MISSED for r in kpis)
    declining = any(r.declining for r in kpis)
    target = None
    periods: tuple[str, ...] = ()
    trend: tuple[float | None, ...] = ()
    if card.per_result is not None:
        target = next((r.target for r in kpis if r.kpi.metric == card.per_result.id and r.target is not None), None)
        if not series.empty:
            periods, trend = tuple(series.periods), values(card.per_result, series)
    return ChannelRow(channel, spend, results, result, per_result, roi, not missed and not declining, missed,
                      target, periods, trend)


def rank_channels(project: Project, card: Scorecard, cube: Cube, results: Mapping[Subject, list[KpiResult]],
                  as_of: date) -> Ranking:
    """Every channel's row, the averages' verdict and the marginal advice, as of ``as_of``."""
    periods = project.snapshots.periods
    period = periods[-1] if periods else None
    channels = list(project.catalogs.channels.values())
    rows = tuple(_row(c, card, cube, period, results.get(c.subject, [])) for c in channels)
    returns: list[ChannelReturn] = []
    if card.spend is not None and card.result is not None:
        returns = channel_returns([(c.id, c.name) for c in channels], cube, card.spend, card.result, as_of)
    return Ranking(card, period, rows, average_advice(list(rows), card, period), tuple(returns), advise(returns))
