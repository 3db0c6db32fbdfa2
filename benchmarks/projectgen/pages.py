"""The manual's pages: paths in a few dozen folders, front matter (a ``FrontMatterIn`` mapping:
owner, review dates, personas, stages, channels, tags, KPIs with slices and targets, waivers) and
a body. A few pages are stale, lack an owner, a review date or front matter altogether."""

from __future__ import annotations

import datetime as dt
import math
import os
import random

import numpy as np

from generator.load.schema import slugify
from generator.model.dates import Duration

from .body import body_text
from .kpis import Recent, pick_kpi
from .vocab import FOLDERS, PAGE_KINDS, PAGE_SUBJECTS, PERSONAS, REGIONS, REVIEW_CADENCES, TAGS, WAIVER_REASONS
from .world import World

DAYS = {"d": 1, "w": 7, "mo": 30}
PAGE_KPI_RULES = ["kpi-below-target", "kpi-missed-repeatedly", "kpi-declining"]

Page = tuple[str, "dict | None", str]  # path under manual/, front matter (None: none at all), body


def page_paths(r: random.Random, w: World, count: int) -> list[tuple[str, str, object, str]]:
    """(path, folder, focus, title) of every page; the first is the manual's index."""
    specs = []
    used = set()
    for i in range(count):
        if i == 0:
            folder, focus, title = "", None, "Marketing operating manual"
            path = "index.md"
        else:
            folder, focus = FOLDERS[(i - 1) % len(FOLDERS)] if i <= len(FOLDERS) else r.choice(FOLDERS)
            subj = r.choice(PAGE_SUBJECTS)
            kind = r.choice(PAGE_KINDS)
            title = f"{subj[0].upper()}{subj[1:]} {kind}"
            if r.random() < 0.25:
                title += r.choice([
                    ": " + r.choice(REGIONS).upper(),
                    " for " + r.choice(PERSONAS)[1] + "s",
                    f" (FY{r.randint(25, 27)})",
                    ": " + r.choice(w.channels)["name"],
                ])
            base = slugify(f"{subj} {kind}")
            name = base
            n = 2
            while f"{folder}/{name}.md" in used:
                name = f"{base}-{n}"
                n += 1
            path = f"{folder}/{name}.md"
        used.add(path)
        specs.append((path, folder, focus, title))
    return specs


def slice_chooser(r: random.Random, w: World, focus, fam_channels: dict, live_present: list[int]):
    """A function drawing a KPI's ``where`` that fits the page's folder (its channels, regions, ...)."""
    f_channels = w.channel_ids
    f_regions = REGIONS
    f_dim = None
    if focus:
        if focus[0] == "family":
            f_channels = fam_channels.get(focus[1], w.channel_ids) if focus[1] else w.channel_ids
        elif focus[0] == "channels":
            f_channels = [c for c in focus[1] if c in w.channel_ids] or w.channel_ids
        elif focus[0] == "regions":
            f_regions = focus[1]
        else:
            f_dim = focus[1]

    def where_fn():
        u = r.random()
        if f_dim == "content" and u < 0.6 and live_present:
            return {"content": w.asset_ids[r.choice(live_present)]}
        if f_dim == "persona" and u < 0.6:
            where = {"persona": r.choice(w.persona_ids)}
            if r.random() < 0.3:
                where["region"] = r.choice(f_regions)
            return where
        if f_regions is not REGIONS and u < 0.6:
            where = {
                "region": r.choice(f_regions) if r.random() < 0.7 else sorted(r.sample(f_regions, min(2, len(f_regions))))
            }
            if r.random() < 0.4:
                where = {"channel": r.choice(f_channels), **where}
            return where
        u = r.random()
        if u < 0.38:
            return {"channel": r.choice(f_channels)}
        if u < 0.48:
            return {"channel": sorted(r.sample(f_channels, min(len(f_channels), 2)), key=w.channel_ids.index)}
        if u < 0.6:
            return {"channel": r.choice(f_channels), "region": r.choice(f_regions)}
        if u < 0.7:
            return {"persona": r.choice(w.persona_ids)}
        if u < 0.76:
            return {"persona": r.choice(w.persona_ids), "region": r.choice(f_regions)}
        if u < 0.86:
            return {"channel": r.choice(f_channels), "persona": r.choice(w.persona_ids)}
        if u < 0.93 and live_present:
            return {"content": w.asset_ids[r.choice(live_present)]}
        if u < 0.97:
            return {"region": r.choice(f_regions)}
        return {}

    return where_fn, f_channels


def front_matter(r: random.Random, w: World, recent: Recent, title: str, where_fn, f_channels: list[str]) -> dict:
    fm: dict = {}
    if r.random() < 0.7:
        fm["title"] = title
    if r.random() > 0.007:
        fm["owner"] = r.choice(w.owner_ids)
    cadence = None
    if r.random() < 0.35:
        cadence = r.choice(REVIEW_CADENCES)
    cad_days = None
    if cadence is not None:
        duration = Duration.parse(cadence)
        cad_days = duration.amount * DAYS[duration.unit]
    if r.random() > 0.005:
        if r.random() < 0.08:  # stale
            back = (cad_days or 365) + r.randint(10, 400)
        else:
            back = r.randint(0, int(0.85 * min(cad_days or 90, 90)))
        fm["reviewed"] = w.as_of - dt.timedelta(days=back)
    if cadence:
        fm["review_every"] = cadence
    if r.random() < 0.45:
        fm["personas"] = sorted(r.sample(w.persona_ids, r.randint(1, 3)), key=w.persona_ids.index)
    if r.random() < 0.4:
        fm["stages"] = sorted(r.sample(w.stage_ids, r.randint(1, 2)), key=w.stage_ids.index)
    if r.random() < 0.3:
        fm["channels"] = sorted(r.sample(f_channels, min(len(f_channels), r.randint(1, 2))), key=w.channel_ids.index)
    if r.random() < 0.5:
        fm["tags"] = sorted(r.sample(TAGS, r.randint(1, 3)))
    kpis = []
    activity_only = r.random() < 0.015
    for _ in range(r.choices([1, 2, 3], weights=[4, 4, 2])[0]):
        if activity_only:
            k = pick_kpi(r, recent, where_fn, metric_pool=[("emails_sent", 1)])
        else:
            k = pick_kpi(r, recent, where_fn)
        if k and all(k[:2] != x[:2] for x in kpis):
            kpis.append(k)
    if kpis:
        fm["kpis"] = []
        for metric, where, target in kpis:
            kpi: dict = {"metric": metric}
            if where:
                kpi["where"] = where
            if target is not None:
                kpi["target"] = target
            if r.random() < 0.1:
                kpi["label"] = (metric.replace("_", " ").capitalize()
                                + " (" + ", ".join(str(v) for v in where.values()) + ")")
            fm["kpis"].append(kpi)
    u = r.random()
    if kpis and u < 0.04:
        expired = r.random() < 0.15
        until = w.as_of + (dt.timedelta(days=-r.randint(5, 60)) if expired else dt.timedelta(days=r.randint(14, 120)))
        waiver = {"rule": r.choice(PAGE_KPI_RULES), "until": until}
        waiver["reason"] = r.choice(WAIVER_REASONS) + " " + (until - dt.timedelta(days=r.randint(30, 90))).isoformat()
        if r.random() < 0.5:
            waiver["metric"] = kpis[0][0]
        fm["waive"] = [waiver]
    elif u < 0.05:
        until = w.as_of + dt.timedelta(days=r.randint(7, 60))
        fm["waive"] = [{"rule": "stale-review", "until": until, "reason": "Owner on leave; review scheduled"}]
    return fm


def build_pages(w: World, a, recent: Recent) -> list[Page]:
    r = random.Random(f"opsmanual-bench/{a.seed}/pages")
    fam_channels: dict[str, list[str]] = {}
    for c in w.channels:
        fam_channels.setdefault(c["family"], []).append(c["id"])
    # Content with rows in every recent period: safe for content slices.
    present = None
    for d in recent.periods:
        s = set(np.unique(d["content"]).tolist())
        present = s if present is None else present & s
    live_present = sorted(i for i in present if w.assets[i]["status"] == "live")
    w.live_present = live_present

    specs = page_paths(r, w, a.pages)  # paths first: links need them
    pages = []
    for i, (path, _folder, focus, title) in enumerate(specs):
        where_fn, f_channels = slice_chooser(r, w, focus, fam_channels, live_present)
        no_front_matter = i > 0 and r.random() < 0.003
        fm = None if no_front_matter else front_matter(r, w, recent, title, where_fn, f_channels)
        size = int(math.exp(r.uniform(math.log(2048), math.log(18500)))) - 300
        links = []
        for j in r.sample(range(len(specs)), min(len(specs), r.randint(0, 4))):
            if j != i:
                rel = os.path.relpath(specs[j][0], os.path.dirname(path) or ".")
                links.append((specs[j][3], rel.replace(os.sep, "/")))
        pages.append((path, fm, body_text(r, w, title, size, links)))
    return pages
