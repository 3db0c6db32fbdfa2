"""The generated company: owners, channels, personas, stages, regions and content assets, each an
entry of the shape its catalog takes (the keys of ``generator.load.schema``), plus the hidden
economics (volumes, conversion rates, trends) from which the snapshots are drawn."""

from __future__ import annotations

import datetime as dt
import math
import random

import numpy as np

from generator.load.schema import slugify
from generator.model.dates import add_months, is_period

from .vocab import (
    CHANNELS,
    COMPANIES,
    CONTENT_TYPES,
    FAMILY_CPL,
    FAMILY_OWNER,
    FIRST_NAMES,
    LAST_NAMES,
    N_PEOPLE,
    PERSONAS,
    REGION_WEIGHT,
    REGIONS,
    STAGES,
    TEAMS,
    TITLE_PATTERNS,
    TOPICS,
)


def period_labels(end: str, n: int) -> list[str]:
    """The ``n`` monthly periods (``YYYY-MM``) ending with ``end``, oldest first."""
    if not is_period(end):
        raise ValueError(f"'{end}' is not a period; write YYYY-MM")
    first = add_months(month_start(end), 1 - n)
    return [add_months(first, i).strftime("%Y-%m") for i in range(n)]


def month_start(period: str) -> dt.date:
    return dt.date.fromisoformat(period + "-01")


class World:
    """Everything drawn so far; filled step by step (catalogs, content, slice pool)."""

    def __init__(self, end_period: str, periods: int) -> None:
        self.periods = period_labels(end_period, periods)
        # as_of: 5 days into the month after the newest period, so the newest snapshot is fresh.
        self.as_of = add_months(month_start(self.periods[-1]), 1) + dt.timedelta(days=4)


def build_catalogs(w: World, a) -> None:
    r = random.Random(f"opsmanual-bench/{a.seed}/catalogs")
    rng = np.random.default_rng([a.seed, 1])

    # People: teams + persons.
    pairs = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    r.shuffle(pairs)
    persons = []
    for f, last in pairs[: N_PEOPLE - len(TEAMS)]:
        persons.append({
            "id": f"{f}-{last}",
            "name": f"{f.capitalize()} {last.capitalize()}",
            "email": f"{f}.{last}@acme.example",
            "git": f"{f}{last[0]}-acme" if r.random() < 0.6 else None,
            "explicit_kind": r.random() < 0.3,
        })
    pool = [p["id"] for p in persons]
    teams = []
    for tid, name in TEAMS:
        members = sorted(r.sample(pool, r.randint(2, 5)))
        teams.append({"id": tid, "name": name, "email": f"{tid}@acme.example", "git": f"acme/{tid}", "members": members})
    w.teams, w.persons = teams, persons
    w.team_ids = [t["id"] for t in teams]
    w.person_ids = pool
    w.owner_ids = w.team_ids + w.person_ids

    # Channels: the vocabulary, numbered again past its end.
    chans = []
    for i in range(a.channels):
        cid, name, fam = CHANNELS[i % len(CHANNELS)]
        if i >= len(CHANNELS):
            k = i // len(CHANNELS) + 1
            cid, name = f"{cid}-{k}", f"{name} {k}"
        chans.append({"id": cid, "name": name, "family": fam})
    w.channels = chans
    w.channel_ids = [c["id"] for c in chans]
    C = len(chans)
    # Channel economics.
    w.ch_vol = np.exp(rng.normal(math.log(30), 0.5, C))
    w.ch_mql = rng.uniform(0.25, 0.55, C)
    w.ch_sql = rng.uniform(0.2, 0.45, C)
    w.ch_opp = rng.uniform(0.25, 0.5, C)
    w.ch_deal = np.exp(rng.normal(math.log(12000), 0.35, C))
    w.ch_cpl = np.array([FAMILY_CPL[c["family"]] for c in chans]) * np.exp(rng.normal(0, 0.3, C))
    w.ch_email = np.array([60.0 if c["family"] == "email" else 3.0 for c in chans]) * rng.uniform(0.5, 1.5, C)
    # Trends over the last 6 periods: a few channels get worse (these produce KPI findings).
    w.ch_trend = rng.choice(4, size=C, p=[0.72, 0.1, 0.1, 0.08])  # 0 none, 1 sql rate, 2 cost, 3 volume
    for c in chans:
        c["owner"] = FAMILY_OWNER[c["family"]] if r.random() < 0.75 else r.choice(w.person_ids)

    # Personas.
    pers = []
    for pid, name, seg in PERSONAS:
        pers.append({
            "id": pid,
            "name": name,
            "segment": seg,
            "owner": r.choice(["pmm", "pmm", r.choice(w.person_ids)]),
            "channels": sorted(r.sample(w.channel_ids, min(len(w.channel_ids), r.randint(3, 5))),
                               key=w.channel_ids.index),
        })
    w.personas = pers
    w.persona_ids = [p["id"] for p in pers]
    w.pe_vol = rng.uniform(0.6, 1.4, len(pers))
    w.pe_deal = np.array([{"Enterprise": 1.8, "Mid-market": 1.0, "SMB": 0.5}[p["segment"]] for p in pers])
    w.stage_ids = [s[0] for s in STAGES]
    w.st_vol = np.array([1.6, 1.0, 0.6, 0.4])
    w.st_mql = np.array([0.7, 1.0, 1.4, 1.2])
    w.regions = REGIONS
    w.rg_vol = np.array(REGION_WEIGHT)
    w.rg_deal = rng.uniform(0.7, 1.3, len(REGIONS))


def build_content(w: World, a) -> None:
    r = random.Random(f"opsmanual-bench/{a.seed}/content")
    rng = np.random.default_rng([a.seed, 2])
    NP = a.periods
    first = month_start(w.periods[0])
    tweights = [t[3] for t in CONTENT_TYPES]
    content_owners = ["content-team"] * 4 + ["pmm", "brand", "web-team", "demand-gen"] + w.person_ids[:20]
    # One persona x stage cell is left without live content: a realistic coverage gap.
    gap = (w.persona_ids[-1], w.stage_ids[-1]) if len(w.persona_ids) > 1 else None
    assets = []
    for i in range(a.assets):
        ti = r.choices(range(len(CONTENT_TYPES)), weights=tweights)[0]
        ttype, prefix, upath, _, sw = CONTENT_TYPES[ti]
        stage = r.choices(w.stage_ids, weights=sw)[0]
        topic = r.choice(TOPICS)
        title = r.choice(TITLE_PATTERNS).format(
            Topic=topic[0].upper() + topic[1:], topic=topic, company=r.choice(COMPANIES), persona=r.choice(PERSONAS)[1]
        )
        aid = f"{prefix}-{slugify(topic)}-{i:05d}"
        personas = r.sample(w.persona_ids, r.choices([1, 2, 3], weights=[5, 3, 2])[0])
        if gap and stage == gap[1] and gap[0] in personas:
            personas.remove(gap[0])
            if not personas:
                personas = [w.persona_ids[0]]
        personas.sort(key=w.persona_ids.index)
        chans = r.sample(w.channel_ids, r.choices([1, 2, 3], weights=[4, 4, 2])[0])
        chans.sort(key=w.channel_ids.index)
        u = r.random()
        status = "live" if u < 0.8 else ("retired" if u < 0.92 else "draft")
        # Active window in period indices.
        if status == "draft":
            start, end = NP, -1
        else:
            start = 0 if r.random() < 0.65 else r.randint(1, NP - 1)
            end = NP - 1 if status == "live" else r.randint(start, max(start, NP - 2))
        if status == "draft":
            published = None
        elif start == 0:
            published = first - dt.timedelta(days=r.randint(1, 730))
        else:
            published = month_start(w.periods[start]) + dt.timedelta(days=r.randint(0, 27))
        refresh_by = None
        if status == "live" and r.random() < 0.85:
            expired = w.as_of - dt.timedelta(days=r.randint(5, 200))
            if r.random() < 0.04 and expired > published + dt.timedelta(days=30):
                refresh_by = expired  # content-expired
            else:
                refresh_by = w.as_of + dt.timedelta(days=r.randint(20, 540))
        elif status == "retired" and r.random() < 0.5:
            refresh_by = published + dt.timedelta(days=r.randint(90, 540))
        assets.append({
            "id": aid,
            "title": title,
            "type": ttype if r.random() < 0.9 else None,
            "personas": personas,
            "stage": stage,
            "channels": chans,
            "owner": r.choice(content_owners),
            "status": status,
            "published": published,
            "refresh_by": refresh_by,
            "url": (f"https://acme.example/{upath}/{slugify(topic)}-{i}" if r.random() < 0.85
                    else f"/{upath}/{slugify(topic)}-{i}"),
            "start": start,
            "end": end,
        })
    w.assets = assets
    w.asset_ids = [x["id"] for x in assets]
    w.ct_quality = np.exp(rng.normal(0, 0.4, len(assets)))
