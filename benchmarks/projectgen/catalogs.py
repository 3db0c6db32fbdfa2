"""The entries of the data/ catalogs (people, personas, stages, channels, content) and the metric
catalog, as the mappings ``generator.load.schema`` reads; channel and content KPIs have targets
set from the newest periods."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from .kpis import Recent, nice, pick_kpi
from .vocab import MEASURES, METRICS, STAGES, TOPICS
from .world import World

CHANNEL_METRICS = [("cost_per_sql", 30), ("sql_rate", 20), ("cost_per_lead", 15), ("roi", 10), ("sqls", 15),
                   ("pipeline", 10)]
CONTENT_METRICS = [("leads", 25), ("sqls", 20), ("mql_rate", 20), ("cost_per_lead", 15), ("pipeline", 10),
                   ("mqls", 10)]
CONTENT_WITH_KPIS = 0.08  # of live assets with rows in every recent period

Catalogs = dict[str, list[dict]]


def people(w: World) -> list[dict]:
    out = [{**t, "kind": "team"} for t in w.teams]
    for p in w.persons:
        entry = {"id": p["id"], "name": p["name"]}
        if p["explicit_kind"]:
            entry["kind"] = "person"
        entry.update(email=p["email"], git=p["git"])
        out.append(entry)
    return [{k: e[k] for k in ("id", "name", "kind", "email", "git", "members") if k in e} for e in out]


def personas(w: World, r: random.Random) -> list[dict]:
    out = []
    for pp in w.personas:
        entry = {k: pp[k] for k in ("id", "name", "segment", "owner")}
        entry["summary"] = f"Owns the {r.choice(TOPICS)} decision and answers for {r.choice(TOPICS)}."
        entry["pains"] = [f"{t.capitalize()} takes too long" for t in r.sample(TOPICS, 3)]
        entry["goals"] = [f"Predictable {t}" for t in r.sample(TOPICS, 2)]
        entry["channels"] = pp["channels"]
        out.append(entry)
    return out


def channels(w: World, r: random.Random, recent: Recent) -> list[dict]:
    """Each channel with 1-3 KPIs (implied slice: the channel) and most with a monthly budget."""
    last = recent.periods[-1]
    spend = np.bincount(last["channel"], weights=np.nan_to_num(last["cost"]), minlength=len(w.channel_ids))
    out = []
    for ci, c in enumerate(w.channels):
        entry: dict = {"id": c["id"], "name": c["name"], "owner": c["owner"]}
        if r.random() < 0.85:
            entry["budget"] = int(nice(spend[ci] * r.uniform(0.9, 1.3), up=True))
        kpis = []
        for _ in range(r.choice([1, 2, 2, 3])):
            k = pick_kpi(r, recent, lambda c=c: {"channel": c["id"]}, metric_pool=CHANNEL_METRICS)
            if k and all(k[0] != x[0] for x in kpis):
                kpis.append(k)
        if not kpis:  # every channel has a KPI
            kpis.append(("sqls", {}, None))
        entry["kpis"] = [{"metric": metric, "target": target} for metric, _, target in kpis]
        if r.random() < 0.08:
            until = w.as_of + dt.timedelta(days=r.randint(20, 90))
            entry["waive"] = [{"rule": "kpi-declining", "until": until, "reason": "Bid strategy changed; re-baselining"}]
        out.append(entry)
    return out


def content(w: World, r: random.Random, recent: Recent) -> list[dict]:
    """The content map; about 8 % of live assets with data carry a KPI."""
    with_kpis = set(r.sample(w.live_present, int(CONTENT_WITH_KPIS * len(w.live_present))))
    out = []
    for ai, x in enumerate(w.assets):
        entry = {k: x[k] for k in ("id", "title", "type", "personas", "stage", "channels", "owner", "status",
                                   "published", "refresh_by", "url")}
        if ai in with_kpis:
            k = pick_kpi(r, recent, lambda x=x: {"content": x["id"]}, metric_pool=CONTENT_METRICS)
            if k:
                entry["kpis"] = [{"metric": k[0], "target": k[2]}]
                if r.random() < 0.05:
                    until = w.as_of + dt.timedelta(days=r.randint(10, 60))
                    entry["waive"] = [{"rule": "kpi-below-target", "until": until, "reason": "Refresh scheduled",
                                       "metric": k[0]}]
        out.append(entry)
    return out


def metric_catalog() -> dict:
    return {
        "measures": {name: {"label": label, "unit": unit, "kind": kind} for name, label, unit, kind in MEASURES},
        "metrics": {name: {"label": label, "formula": formula, "unit": unit, "better": better}
                    for name, label, formula, unit, better in METRICS},
    }


def build_catalogs(w: World, a, recent: Recent) -> Catalogs:
    """Every catalog, drawn in the order the random stream expects (people and stages draw nothing)."""
    r = random.Random(f"opsmanual-bench/{a.seed}/yaml")
    return {
        "people": people(w),
        "personas": personas(w, r),
        "stages": [{"id": sid, "name": name, "description": desc} for sid, name, desc in STAGES],
        "channels": channels(w, r, recent),
        "content": content(w, r, recent),
    }
