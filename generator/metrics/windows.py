"""Series helpers: a metric over a window of periods (recomputed from the measures summed over
the window), two metrics paired per period.

Built on the public :class:`~generator.metrics.cube.Series` and :func:`metric_values` only: the
window's measures are summed first (missing cells skipped, all-missing stays missing), then the
formula runs once on the sums, so a ratio over three months is never an average of three ratios.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from ..model.metrics import Metric
from .cube import Series
from .evaluate import metric_values


def window_series(series: Series, periods: Iterable[str]) -> Series:
    """One pseudo-period holding the sums of ``series`` over ``periods`` (those it has rows for)."""
    wanted = set(periods)
    index = [i for i, p in enumerate(series.periods) if p in wanted]
    if not index:
        return Series(())
    sums = {}
    for name, column in series.values.items():
        picked = column[index]
        sums[name] = np.array([np.nan if np.isnan(picked).all() else float(np.nansum(picked))])
    return Series(("window",), sums)


def window_value(metric: Metric, series: Series, periods: Iterable[str]) -> float | None:
    """``metric`` over the window (None: no rows, or no value, e.g. a division by zero)."""
    window = window_series(series, periods)
    if window.empty:
        return None
    value = float(metric_values(metric, window)[0])
    return None if math.isnan(value) else value


def periods_with_value(metric: Metric, series: Series) -> list[str]:
    """The periods of ``series`` where ``metric`` has a value, oldest first."""
    values = metric_values(metric, series).tolist()
    return [p for p, v in zip(series.periods, values, strict=True) if not math.isnan(v)]


def paired_values(series: Series, first: Metric, second: Metric) -> list[tuple[str, float, float]]:
    """(period, first, second) for every period of ``series`` where both have a value, oldest first."""
    a = metric_values(first, series).tolist()
    b = metric_values(second, series).tolist()
    return [(p, x, y) for p, x, y in zip(series.periods, a, b, strict=True) if not (math.isnan(x) or math.isnan(y))]
