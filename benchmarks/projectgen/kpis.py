"""KPIs whose targets are set from the data, so that most are met and a few are not.

Metric values are computed with the product's own formulas (``generator.model.formula``) over
the newest periods; targets are written as ``data/metrics.yaml`` and ``docs/FORMATS.md`` take them
(checked by ``generator.model.kpis.Target`` when the writer validates every entry)."""

from __future__ import annotations

import math
import random

import numpy as np

from generator.model.formula import Formula

from .vocab import MEASURE_NAMES, MEASURES, METRICS, REGIONS
from .world import World

FORMULAS = {name: Formula.parse(formula, frozenset(MEASURE_NAMES)) for name, _, formula, _, _ in METRICS}
BETTER = {m[0]: ("lower" if m[3] == "cost" else "higher") for m in MEASURES}
BETTER.update({m[0]: m[4] for m in METRICS})
RATIO_METRICS = {m[0] for m in METRICS if m[3] == "ratio"}

# How often each metric is picked for a page KPI.
METRIC_WEIGHTS = [
    ("sql_rate", 18), ("mql_rate", 12), ("cost_per_sql", 15), ("cost_per_lead", 10), ("roi", 8), ("sqls", 10),
    ("leads", 8), ("pipeline", 8), ("opportunities", 6), ("mqls", 5), ("cost", 2),
]


def metric_values(name: str, sums: dict[str, np.ndarray]) -> np.ndarray:
    """A measure or metric per period from summed measures (NaN = no value)."""
    if name in sums:
        return sums[name]
    return FORMULAS[name].evaluate(sums)


def nice(x: float, up: bool) -> float:
    """Round to 2 significant digits, up or down."""
    if x == 0 or not math.isfinite(x):
        return 0.0
    step = 10.0 ** (math.floor(math.log10(abs(x))) - 1)
    v = (math.ceil(x / step) if up else math.floor(x / step)) * step
    return float(f"{v:.10g}")


def fmt_num(v: float) -> str:
    return f"{v:.10g}"


def bare(v: float) -> int | float:
    """A bare target number as YAML will write it: an int when whole."""
    v = float(fmt_num(v))
    return int(v) if v.is_integer() else v


class Recent:
    """The newest few periods, indexed for quick slice sums."""

    def __init__(self, w: World, periods: list[dict]):
        self.periods = periods  # oldest first
        self.codes = {
            "channel": {c: i for i, c in enumerate(w.channel_ids)},
            "content": {c: i for i, c in enumerate(w.asset_ids)},
            "persona": {c: i for i, c in enumerate(w.persona_ids)},
            "region": {c: i for i, c in enumerate(REGIONS)},
        }
        self.index = []
        for d in periods:
            ix = {}
            for dim, codes_of in self.codes.items():
                codes = d[dim]
                order = np.argsort(codes, kind="stable")
                bounds = np.searchsorted(codes[order], np.arange(len(codes_of) + 1))
                ix[dim] = (order, bounds)
            self.index.append(ix)

    def rows(self, k: int, where: dict) -> np.ndarray:
        d, ix = self.periods[k], self.index[k]
        sel = None
        for dim, v in where.items():
            vs = v if isinstance(v, list) else [v]
            codes = [self.codes[dim][x] for x in vs]
            if sel is None:
                order, b = ix[dim]
                sel = np.concatenate([order[b[c] : b[c + 1]] for c in codes])
            else:
                sel = sel[np.isin(d[dim][sel], codes)]
        return np.arange(d["n"]) if sel is None else sel

    def values(self, where: dict, metric: str) -> list[float]:
        sums = {m: np.full(len(self.periods), np.nan) for m in MEASURE_NAMES}
        for k, d in enumerate(self.periods):
            sel = self.rows(k, where)
            if len(sel) == 0:
                continue
            for m in MEASURE_NAMES:
                col = d[m][sel]
                if np.isfinite(col).any():
                    sums[m][k] = float(np.nansum(col))
        return [float(x) for x in metric_values(metric, sums)]


def declining(vals: list[float], better: str, window: int = 3, threshold: float = 0.10) -> bool:
    v = [x for x in vals if x == x][-window:]
    if len(v) < 2 or v[0] == 0:
        return False
    rel = (v[-1] - v[0]) / abs(v[0])
    return rel < -threshold if better == "higher" else rel > threshold


def make_target(r: random.Random, metric: str, vals: list[float], miss: bool):
    """A target (text, or a bare number) for ``metric`` given the recent values; met unless ``miss``.
    None when no meaningful target exists (the caller picks another KPI)."""
    last = vals[-1]
    recent = [x for x in vals[-3:] if x == x]
    if BETTER[metric] == "higher":
        v = nice(last * r.uniform(1.08, 1.25), up=True) if miss else nice(min(recent) * r.uniform(0.7, 0.9), up=False)
        if v <= 0 and not miss and metric != "roi":
            return None  # a target of 0 says nothing; pick another KPI
        if v == 0:
            v = 0.01 if metric in RATIO_METRICS else 1
        u = r.random()
        if metric in RATIO_METRICS and u < 0.15 and abs(v) < 100:
            pct = fmt_num(float(f"{v * 100:.10g}")) + "%"
            return pct if r.random() < 0.5 else ">= " + pct
        if u < 0.3:
            return bare(v)  # a bare number means "at least" for better: higher
        return (">= " if u < 0.95 else "> ") + fmt_num(v)
    v = nice(last * r.uniform(0.75, 0.92), up=False) if miss else nice(max(recent) * r.uniform(1.1, 1.35), up=True)
    u = r.random()
    if u < 0.25:
        return bare(v)  # a bare number means "at most" for better: lower
    return ("<= " if u < 0.95 else "< ") + fmt_num(v)


def fresh_miss_target(metric: str, vals: list[float]):
    """A round target between the newest value and the two before it, if one exists."""
    last, prev = vals[-1], vals[-3:-1]
    higher = BETTER[metric] == "higher"
    bound = min(prev) if higher else max(prev)
    if not (last < bound if higher else last > bound) or last == 0:
        return None
    for digits in (2, 3, 4):
        mid = (last + bound) / 2
        t = float(f"{mid:.{digits}g}")
        if (last < t <= bound) if higher else (bound <= t < last):
            return t
    return None


def pick_kpi(r: random.Random, recent: Recent, where_fn, metric_pool=None, allow_where=True):
    """Choose (metric, where, target) with data in the newest periods; most KPIs are met."""
    u = r.random()
    klass = "ok" if u < 0.84 else ("miss" if u < 0.93 else ("none" if u < 0.97 else "any"))
    metrics = metric_pool or METRIC_WEIGHTS
    for _ in range(8):
        metric = r.choices([m for m, _ in metrics], weights=[w for _, w in metrics])[0]
        where = where_fn() if allow_where else {}
        vals = recent.values(where, metric)
        if not all(x == x for x in vals[-3:]):
            continue
        if klass == "ok" and declining(vals, BETTER[metric]):
            continue
        if klass == "none":
            return metric, where, None
        if klass == "miss" and r.random() < 0.5:
            # A fresh miss: the newest period misses a target the two before it met.
            t = fresh_miss_target(metric, vals)
            if t is None:
                continue
            return metric, where, (">= " if BETTER[metric] == "higher" else "<= ") + fmt_num(t)
        target = make_target(r, metric, vals, miss=(klass == "miss"))
        if target is None:
            continue
        return metric, where, target
    return None
