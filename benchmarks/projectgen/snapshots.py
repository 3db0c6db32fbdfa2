"""The monthly snapshot rows: a fixed pool of slices (content x channel x persona x region) that
persist across periods, from which each period picks ``--rows`` and draws a funnel."""

from __future__ import annotations

import math

import numpy as np

from .vocab import MEASURE_NAMES, MISSING_RATE, REGIONS, SEASON
from .world import World


def build_pool(w: World, a) -> None:
    """Every slice (content x channel x persona x region) a snapshot row may describe."""
    rng = np.random.default_rng([a.seed, 3])
    ch_index = {c: i for i, c in enumerate(w.channel_ids)}
    pe_index = {p: i for i, p in enumerate(w.persona_ids)}
    st_index = {s: i for i, s in enumerate(w.stage_ids)}
    base = []  # (asset, channel, persona) for non-draft assets
    for ai, x in enumerate(w.assets):
        if x["status"] == "draft":
            continue
        for c in x["channels"]:
            for p in x["personas"]:
                base.append((ai, ch_index[c], pe_index[p]))
    base = np.array(base, dtype=np.int64).reshape(-1, 3)
    starts = np.array([x["start"] for x in w.assets])
    ends = np.array([x["end"] for x in w.assets])
    # How many regions each (asset, channel, persona) needs so that every period has enough
    # eligible slices to pick --rows from (with margin for churn).
    elig = np.array([((starts[base[:, 0]] <= p) & (ends[base[:, 0]] >= p)).sum() for p in range(a.periods)])
    kr = int(np.clip(math.ceil(1.4 * a.rows / max(1, elig.min())), 1, len(REGIONS)))
    rp = w.rg_vol / w.rg_vol.sum()
    regs = (
        np.stack([rng.choice(len(REGIONS), size=kr, replace=False, p=rp) for _ in range(len(base))])
        if len(base)
        else np.zeros((0, kr), dtype=np.int64)
    )
    n = len(base) * kr
    w.pool_asset = np.repeat(base[:, 0], kr)
    w.pool_channel = np.repeat(base[:, 1], kr)
    w.pool_persona = np.repeat(base[:, 2], kr)
    w.pool_region = regs.reshape(-1)
    w.pool_stage = (
        np.array([st_index[x["stage"]] for x in w.assets], dtype=np.int64)[w.pool_asset]
        if n
        else np.zeros(0, dtype=np.int64)
    )
    w.pool_start = starts[w.pool_asset]
    w.pool_end = ends[w.pool_asset]
    # Selection priority: log of a weight plus Gumbel noise (weighted sampling without replacement
    # by top-k), fixed per slice so that slices persist across periods.
    weight = w.rg_vol[w.pool_region] * w.ct_quality[w.pool_asset]
    w.pool_key = np.log(weight) + rng.gumbel(size=n)
    w.pool_quality = np.exp(rng.normal(0, 0.35, n))
    # Scale volumes so that a row has about 4 leads a month on average (an enterprise funnel of
    # a few hundred thousand leads a month at the default 80,000 rows).
    base_lam = (
        w.ch_vol[w.pool_channel]
        * w.pe_vol[w.pool_persona]
        * w.st_vol[w.pool_stage]
        * w.rg_vol[w.pool_region]
        * w.ct_quality[w.pool_asset]
        * w.pool_quality
    )
    w.lead_scale = 4.0 / float(base_lam.mean()) if n else 1.0
    # Sort keys: string order of ids, so that rows come out sorted like a real export.
    w.rank_channel = np.argsort(np.argsort(np.array(w.channel_ids)))
    w.rank_asset = np.argsort(np.argsort(np.array(w.asset_ids)))
    w.rank_persona = np.argsort(np.argsort(np.array(w.persona_ids)))
    w.rank_region = np.argsort(np.argsort(np.array(REGIONS)))


def trend_factors(w: World, p: int, NP: int):
    C = len(w.channel_ids)
    k = max(0, p - (NP - 7))  # 0 before the last 6 periods, then 1..6
    sql = np.ones(C)
    cost = np.ones(C)
    vol = np.ones(C)
    sql[w.ch_trend == 1] = 0.95**k
    cost[w.ch_trend == 2] = 1.06**k
    vol[w.ch_trend == 3] = 0.93**k
    return sql, cost, vol


def gen_period(w: World, a, p: int) -> dict:
    """Period ``p``'s rows: index arrays per dimension and a float array per measure (NaN = empty)."""
    rng = np.random.default_rng([a.seed, 1000 + p])
    label = w.periods[p]
    elig = (w.pool_start <= p) & (w.pool_end >= p)
    key = np.where(elig, w.pool_key + 0.15 * rng.standard_normal(len(w.pool_key)), -np.inf)
    n = int(min(a.rows, elig.sum()))
    idx = np.argpartition(-key, n - 1)[:n] if n < len(key) else np.arange(len(key))[elig]
    ch, ct, pe, rg, st = (
        w.pool_channel[idx],
        w.pool_asset[idx],
        w.pool_persona[idx],
        w.pool_region[idx],
        w.pool_stage[idx],
    )
    order = np.lexsort((w.rank_region[rg], w.rank_persona[pe], w.rank_asset[ct], w.rank_channel[ch]))
    idx, ch, ct, pe, rg, st = idx[order], ch[order], ct[order], pe[order], rg[order], st[order]
    t_sql, t_cost, t_vol = trend_factors(w, p, a.periods)
    season = SEASON[int(label[5:]) - 1]
    lam = (
        w.ch_vol[ch]
        * w.pe_vol[pe]
        * w.st_vol[st]
        * w.rg_vol[rg]
        * w.ct_quality[ct]
        * w.pool_quality[idx]
        * season
        * t_vol[ch]
        * w.lead_scale
    )
    leads = rng.poisson(lam)
    mqls = rng.binomial(leads, np.clip(w.ch_mql[ch] * w.st_mql[st], 0, 0.95))
    sqls = rng.binomial(mqls, np.clip(w.ch_sql[ch] * t_sql[ch], 0, 0.95))
    opps = rng.binomial(sqls, w.ch_opp[ch])
    pipeline = np.round(opps * w.ch_deal[ch] * w.pe_deal[pe] * w.rg_deal[rg] * np.exp(rng.normal(0, 0.3, n)), -2)
    cost = np.round((leads + 0.5) * w.ch_cpl[ch] * t_cost[ch] * np.exp(rng.normal(0, 0.25, n)), 2)
    emails = rng.poisson(leads * w.ch_email[ch] + 2)
    vals = {
        "leads": leads.astype(np.float64),
        "mqls": mqls.astype(np.float64),
        "sqls": sqls.astype(np.float64),
        "opportunities": opps.astype(np.float64),
        "pipeline": pipeline,
        "cost": cost,
        "emails_sent": emails.astype(np.float64),
    }
    for m in MEASURE_NAMES:
        miss = rng.random(n) < MISSING_RATE[m]
        vals[m][miss] = np.nan
    return {"label": label, "n": n, "channel": ch, "content": ct, "persona": pe, "region": rg, "stage": st, **vals}


def period_columns(w: World, d: dict) -> dict[str, np.ndarray]:
    """The period's dimension columns as ids (object arrays), in snapshot column order."""
    ids = {"channel": w.channel_ids, "content": w.asset_ids, "persona": w.persona_ids, "stage": w.stage_ids,
           "region": REGIONS}
    if not hasattr(w, "np_ids"):
        w.np_ids = {dim: np.array(values, dtype=object) for dim, values in ids.items()}
    return {dim: w.np_ids[dim][d[dim]] for dim in ids}
