#!/usr/bin/env python3
"""Generate an enterprise-scale opsmanual project, for benchmarks.

    python benchmarks/generate.py OUT_DIR [--pages 1000 --assets 5000 --channels 40
                                           --periods 24 --rows 80000 --seed 1] [--force]
                                          [--verify]

Writes into OUT_DIR:

    mkdocs.yml                  docs_dir manual, Material theme, opsmanual plugin with a pinned as_of
    manual/**.md                ~--pages pages in a few dozen folders, with front matter
    data/people.yaml            60 owners (teams and people)
    data/personas.yaml          8 buyer personas
    data/stages.yaml            4 journey stages
    data/channels.yaml          --channels channels, each with KPIs
    data/content.yaml           --assets content assets, some with KPIs
    data/metrics.yaml           7 measures and 5 derived metrics
    data/snapshots/YYYY-MM.csv  --periods monthly files of --rows rows each

The output is a pure function of the parameters (same seed, same bytes). The data is valid per
docs/FORMATS.md (every id referenced exists, every key is known) but realistically imperfect, so
that `opsmanual check` has findings: some stale or missing reviews, KPIs below target or declining,
expired content and waivers, one persona x stage coverage gap, a few activity-only pages.

`--verify` re-reads the written project and checks every reference and key (an independent,
quick pass; it does not replace `opsmanual check`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

GENERATOR_VERSION = 1

DEFAULTS = {
    "pages": 1000,
    "assets": 5000,
    "channels": 40,
    "periods": 24,
    "rows": 80000,
    "seed": 1,
    "end_period": "2026-10",
}
GEN_PARAMS = ("pages", "assets", "channels", "periods", "rows", "seed")  # the size knobs, all ints

# --------------------------------------------------------------------------------------------
# Static vocabulary
# --------------------------------------------------------------------------------------------

TEAMS = [
    ("revops", "Revenue Operations"),
    ("marketing-ops", "Marketing Operations"),
    ("content-team", "Content Team"),
    ("field-marketing", "Field Marketing"),
    ("demand-gen", "Demand Generation"),
    ("pmm", "Product Marketing"),
    ("brand", "Brand and Creative"),
    ("web-team", "Web Team"),
    ("partner-marketing", "Partner Marketing"),
    ("abm-team", "Account-Based Marketing"),
    ("sdr-team", "Sales Development"),
    ("analytics", "Marketing Analytics"),
    ("events-team", "Events"),
    ("growth", "Growth"),
]
N_PEOPLE = 60

FIRST_NAMES = [
    "dana",
    "alex",
    "sam",
    "jordan",
    "priya",
    "mateo",
    "lena",
    "omar",
    "yuki",
    "chloe",
    "ravi",
    "ines",
    "noah",
    "sofia",
    "kwame",
    "hannah",
    "li",
    "marco",
    "aisha",
    "tomas",
    "elena",
    "felix",
    "grace",
    "hugo",
    "ivy",
    "jonas",
    "kira",
    "luca",
    "maya",
    "nils",
]
LAST_NAMES = [
    "kim",
    "garcia",
    "novak",
    "okafor",
    "rossi",
    "schmidt",
    "tanaka",
    "silva",
    "dubois",
    "patel",
    "nguyen",
    "larsen",
    "moreau",
    "costa",
    "fischer",
    "haddad",
    "ivanova",
    "jensen",
    "keller",
    "lopez",
    "mendes",
    "nakamura",
    "oconnor",
    "park",
    "quinn",
    "reyes",
    "sato",
    "torres",
    "weber",
    "young",
]

PERSONAS = [
    ("it-director", "IT Director", "Mid-market"),
    ("security-architect", "Security Architect", "Enterprise"),
    ("cfo", "Chief Financial Officer", "Enterprise"),
    ("devops-lead", "DevOps Lead", "Mid-market"),
    ("cio", "Chief Information Officer", "Enterprise"),
    ("data-engineer", "Data Engineer", "SMB"),
    ("procurement-manager", "Procurement Manager", "Enterprise"),
    ("compliance-officer", "Compliance Officer", "Mid-market"),
]

STAGES = [
    ("awareness", "Awareness", "The buyer recognises a problem worth solving and starts reading."),
    ("consideration", "Consideration", "The buyer compares approaches and builds a shortlist."),
    ("decision", "Decision", "The buying group validates, negotiates and commits."),
    ("expansion", "Expansion", "The customer adopts, renews and expands."),
]

# id, name, family
CHANNELS = [
    ("webinar", "Webinars", "events"),
    ("virtual-events", "Virtual events", "events"),
    ("trade-shows", "Trade shows", "events"),
    ("field-events", "Field events", "events"),
    ("roundtables", "Executive roundtables", "events"),
    ("user-conference", "User conference", "events"),
    ("paid-search", "Paid search", "paid"),
    ("linkedin-ads", "LinkedIn ads", "paid"),
    ("meta-ads", "Meta ads", "paid"),
    ("display", "Display advertising", "paid"),
    ("retargeting", "Retargeting", "paid"),
    ("youtube-ads", "YouTube ads", "paid"),
    ("podcast-ads", "Podcast sponsorships", "paid"),
    ("content-syndication", "Content syndication", "paid"),
    ("review-sites", "Review sites", "paid"),
    ("seo", "Organic search", "organic"),
    ("organic-social", "Organic social", "organic"),
    ("blog", "Blog", "organic"),
    ("community", "Community", "organic"),
    ("youtube-channel", "YouTube channel", "organic"),
    ("email-nurture", "Email nurture", "email"),
    ("newsletter", "Newsletter", "email"),
    ("email-promo", "Promotional email", "email"),
    ("in-product", "In-product messages", "email"),
    ("direct-mail", "Direct mail", "outbound"),
    ("sdr-outbound", "SDR outbound", "outbound"),
    ("abm-one-to-one", "ABM one-to-one", "abm"),
    ("abm-one-to-few", "ABM one-to-few", "abm"),
    ("intent-programs", "Intent data programs", "abm"),
    ("partner-referral", "Partner referrals", "partner"),
    ("reseller-mdf", "Reseller MDF", "partner"),
    ("marketplace", "Cloud marketplaces", "partner"),
    ("customer-referral", "Customer referrals", "partner"),
    ("analyst-relations", "Analyst relations", "organic"),
    ("public-relations", "Public relations", "organic"),
    ("free-trial", "Free trial", "product"),
    ("product-signups", "Product-led signups", "product"),
    ("web-chat", "Website chat", "product"),
    ("affiliates", "Affiliates", "partner"),
    ("sponsorships", "Sponsorships", "events"),
    ("hackathons", "Developer hackathons", "events"),
    ("meetups", "Meetups", "events"),
]
FAMILY_OWNER = {
    "events": "events-team",
    "paid": "demand-gen",
    "organic": "web-team",
    "email": "marketing-ops",
    "outbound": "sdr-team",
    "abm": "abm-team",
    "partner": "partner-marketing",
    "product": "growth",
}

REGIONS = [
    "na-east",
    "na-west",
    "canada",
    "uki",
    "dach",
    "france",
    "nordics",
    "southern-europe",
    "apac",
    "anz",
    "japan",
    "latam",
]
REGION_WEIGHT = [1.6, 1.4, 0.6, 1.0, 1.0, 0.7, 0.5, 0.6, 0.8, 0.5, 0.5, 0.6]

CONTENT_TYPES = [
    # type, id prefix, url path, weight, stage weights (awareness, consideration, decision, expansion)
    ("blog", "bl", "blog", 30, (6, 3, 1, 1)),
    ("ebook", "eb", "resources/ebooks", 10, (4, 4, 1, 1)),
    ("whitepaper", "wp", "resources/whitepapers", 7, (2, 5, 2, 1)),
    ("webinar", "wb", "webinars", 8, (2, 5, 2, 2)),
    ("case-study", "cs", "customers", 8, (1, 3, 5, 2)),
    ("video", "vd", "videos", 8, (4, 3, 2, 2)),
    ("datasheet", "ds", "resources/datasheets", 5, (1, 4, 4, 1)),
    ("checklist", "ck", "resources/checklists", 4, (2, 4, 3, 2)),
    ("calculator", "calc", "tools", 2, (1, 3, 5, 1)),
    ("demo", "demo", "demos", 4, (1, 3, 5, 1)),
    ("podcast", "pod", "podcast", 4, (5, 3, 1, 1)),
    ("infographic", "ig", "resources/infographics", 4, (6, 2, 1, 1)),
    ("guide", "gd", "guides", 6, (2, 4, 2, 3)),
]

TOPICS = [
    "zero trust",
    "cloud cost control",
    "kubernetes security",
    "data residency",
    "identity governance",
    "backup and recovery",
    "ransomware readiness",
    "soc2 audits",
    "observability",
    "api security",
    "developer productivity",
    "vendor consolidation",
    "network segmentation",
    "secrets management",
    "compliance automation",
    "incident response",
    "edge computing",
    "data pipelines",
    "ai governance",
    "platform engineering",
    "finops",
    "patch management",
    "endpoint visibility",
    "access reviews",
    "multi-cloud strategy",
    "supply chain security",
    "log retention",
    "service reliability",
    "database migration",
    "gdpr readiness",
    "budget planning",
    "procurement checklists",
    "total cost of ownership",
    "migration playbooks",
    "security awareness",
    "risk scoring",
]
TITLE_PATTERNS = [
    "{Topic}: a practical guide",
    "The {topic} playbook",
    "{Topic} in 45 minutes",
    "How {company} approached {topic}",
    "{Topic} for the {persona}",
    "Five myths about {topic}",
    "{Topic} benchmark report",
    "A buyer's checklist for {topic}",
    "{Topic} explained",
    "From pilot to production: {topic}",
    "The state of {topic}",
    "{Topic} ROI calculator",
    "What good looks like: {topic}",
    "{Topic} maturity model",
    "Getting started with {topic}",
]
COMPANIES = [
    "Northwind",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Wayne Retail",
    "Acme Bank",
    "Hooli Cloud",
    "Vandelay Imports",
    "Soylent Foods",
    "Tyrell Energy",
]

# folder, focus: ("family", fam) | ("channels", [...]) | ("dim", name) | ("regions", [...]) | None
FOLDERS = [
    ("strategy", None),
    ("strategy/positioning", ("dim", "persona")),
    ("strategy/planning", None),
    ("blueprint/personas", ("dim", "persona")),
    ("blueprint/journey", ("dim", "stage")),
    ("processes/lead-management", None),
    ("processes/campaign-operations", None),
    ("processes/content-operations", ("dim", "content")),
    ("processes/data-quality", None),
    ("processes/budgeting", None),
    ("processes/attribution", None),
    ("playbooks/webinars", ("channels", ["webinar", "virtual-events"])),
    ("playbooks/events", ("family", "events")),
    ("playbooks/paid-media", ("family", "paid")),
    ("playbooks/email", ("family", "email")),
    ("playbooks/seo-and-web", ("family", "organic")),
    ("playbooks/abm", ("family", "abm")),
    ("playbooks/partners", ("family", "partner")),
    ("playbooks/outbound", ("family", "outbound")),
    ("playbooks/product-led", ("family", "product")),
    ("channels", ("family", None)),
    ("content/editorial", ("dim", "content")),
    ("content/campaign-kits", ("dim", "content")),
    ("technology/marketing-automation", None),
    ("technology/crm", None),
    ("technology/analytics", None),
    ("people/onboarding", None),
    ("people/roles", None),
    ("reporting", None),
    ("reporting/dashboards", None),
    ("regions/north-america", ("regions", ["na-east", "na-west", "canada"])),
    ("regions/emea", ("regions", ["uki", "dach", "france", "nordics", "southern-europe"])),
    ("regions/apac", ("regions", ["apac", "anz", "japan"])),
    ("regions/latam", ("regions", ["latam"])),
    ("governance", None),
    ("experiments", None),
]
PAGE_SUBJECTS = [
    "lead handoff",
    "MQL scoring",
    "SQL acceptance",
    "campaign intake",
    "UTM conventions",
    "budget reallocation",
    "webinar follow-up",
    "event ROI review",
    "content refresh",
    "persona research",
    "win-loss interviews",
    "nurture track design",
    "lead routing",
    "data hygiene",
    "attribution model",
    "channel scorecard",
    "quarterly planning",
    "creative review",
    "landing page QA",
    "A/B test governance",
    "partner onboarding",
    "SDR sequences",
    "account selection",
    "intent signal triage",
    "pipeline review",
    "dashboard maintenance",
    "CRM field governance",
    "consent management",
    "launch readiness",
    "analyst briefing",
    "customer references",
    "pricing page updates",
    "trial conversion",
    "newsletter production",
    "sponsorship evaluation",
    "territory alignment",
    "vendor review",
]
PAGE_KINDS = [
    "process",
    "playbook",
    "runbook",
    "checklist",
    "policy",
    "standard",
    "guide",
    "retrospective",
    "review",
    "SLA",
    "handbook",
    "plan",
]
TAGS = [
    "process",
    "playbook",
    "policy",
    "runbook",
    "strategy",
    "reference",
    "how-to",
    "sla",
    "experiment",
    "governance",
    "onboarding",
    "quarterly",
]

# Words for body text.
NOUNS = [
    "lead",
    "account",
    "campaign",
    "asset",
    "landing page",
    "nurture track",
    "segment",
    "list",
    "budget",
    "forecast",
    "dashboard",
    "handoff",
    "sequence",
    "score",
    "workflow",
    "brief",
    "calendar",
    "audience",
    "offer",
    "experiment",
    "report",
    "request",
    "field",
    "record",
    "opportunity",
    "territory",
    "routing rule",
    "template",
    "review",
    "retrospective",
]
VERBS = [
    "review",
    "update",
    "publish",
    "route",
    "score",
    "approve",
    "archive",
    "enrich",
    "qualify",
    "assign",
    "measure",
    "refresh",
    "escalate",
    "document",
    "reconcile",
    "prioritise",
    "retire",
    "test",
    "launch",
    "tag",
]
ADJS = [
    "qualified",
    "stale",
    "high-intent",
    "inbound",
    "outbound",
    "regional",
    "quarterly",
    "weekly",
    "new",
    "existing",
    "strategic",
    "priority",
    "incomplete",
    "duplicate",
    "approved",
    "draft",
]
TOOLS = [
    "the CRM",
    "the marketing automation platform",
    "the BI workspace",
    "the CDP",
    "the enrichment service",
    "the webinar platform",
    "the ad manager",
    "the CMS",
    "the shared drive",
    "the planning board",
]
SENTENCES = [
    "Every {adj} {noun} is reviewed within {n} business days by the owning team.",
    "We {verb} each {noun} in {tool} before it reaches sales.",
    "If a {noun} has no owner after {n} days, the on-call marketer will {verb} it.",
    "The {team} team owns this step and reports on it in the monthly operating review.",
    "Use {tool} as the single source of truth; spreadsheets are for analysis only.",
    "A {noun} that misses its SLA is escalated to the {team} lead with a short note.",
    "Measure results, not activity: count {metric} rather than emails sent or calls made.",
    "When in doubt, {verb} the {noun} and record the decision in the change log.",
    "This step takes about {n} minutes per {noun} once the template is filled in.",
    "Agree the definition of a {adj} {noun} with sales before changing any scoring rule.",
    "Budget moves toward channels where cost per SQL is falling and away from those where it rises.",
    "For the {persona} at the {stage} stage, lead with proof rather than features.",
    "Recompute every ratio from summed counts; never average a column of percentages.",
    "Document the process just well enough to run it, then improve it after each cycle.",
    "The {team} team reviews exceptions every {weekday} and closes them within the week.",
    "Record the owner, the date and the reason whenever a {noun} is {verbed}.",
    "A {noun} that has not been {verbed} in {n} days is flagged on the health dashboard.",
    "Only {adj} records are synchronised to {tool}; the rest wait in a holding list.",
    "Check that the UTM parameters of every {noun} follow the naming convention.",
    "Targets are set per quarter and revisited when the mix of channels changes.",
    "Ask the {team} team before you {verb} anything that touches routing or scoring.",
    "Results are compared with the previous {n} periods, not with a single good month.",
    "The goal is a predictable flow of {metric} at a cost the business can sustain.",
    "Write down what happened, what we expected and what we will change next time.",
]
METRIC_WORDS = ["SQLs", "MQLs", "qualified opportunities", "pipeline", "accepted leads"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
SECTION_TITLES = [
    "Purpose",
    "Scope",
    "Roles and responsibilities",
    "Inputs",
    "Steps",
    "Outputs",
    "Service levels",
    "Exceptions",
    "Tools",
    "Measures of success",
    "Common mistakes",
    "Examples",
    "Escalation",
    "Review cadence",
    "Background",
    "Decisions and trade-offs",
    "Open questions",
    "Checklist",
    "Templates",
    "Glossary",
    "History",
]

PAGE_RULES = ["kpi-below-target", "kpi-missed-repeatedly", "kpi-declining", "stale-review", "review-due", "stale-data"]

SNAPSHOT_DIMS = ["channel", "content", "persona", "stage", "region"]
MEASURES = [
    # name, label, unit, kind
    ("leads", "Leads", None, "result"),
    ("mqls", "MQLs", None, "result"),
    ("sqls", "SQLs", None, "result"),
    ("opportunities", "Opportunities", None, "result"),
    ("pipeline", "Pipeline", "USD", "result"),
    ("cost", "Spend", "USD", "cost"),
    ("emails_sent", "Emails sent", None, "activity"),
]
MEASURE_NAMES = [m[0] for m in MEASURES]
# name, label, formula, unit, better
METRICS = [
    ("sql_rate", "MQL to SQL rate", "sqls / mqls", "ratio", "higher"),
    ("mql_rate", "Lead to MQL rate", "mqls / leads", "ratio", "higher"),
    ("cost_per_sql", "Cost per SQL", "cost / sqls", "USD", "lower"),
    ("cost_per_lead", "Cost per lead", "cost / leads", "USD", "lower"),
    ("roi", "Pipeline ROI", "(pipeline - cost) / cost", "ratio", "higher"),
]
BETTER = {m[0]: ("lower" if m[3] == "cost" else "higher") for m in MEASURES}
BETTER.update({m[0]: m[4] for m in METRICS})
RATIO_METRICS = {m[0] for m in METRICS if m[3] == "ratio"}
MISSING_RATE = {
    "leads": 0.01,
    "mqls": 0.02,
    "sqls": 0.02,
    "opportunities": 0.03,
    "pipeline": 0.05,
    "cost": 0.02,
    "emails_sent": 0.06,
}


def metric_value(name, s):
    """Value of a measure or metric from summed measures `s` (NaN = no value)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if name in s:
            return s[name]
        if name == "sql_rate":
            a, b = s["sqls"], s["mqls"]
        elif name == "mql_rate":
            a, b = s["mqls"], s["leads"]
        elif name == "cost_per_sql":
            a, b = s["cost"], s["sqls"]
        elif name == "cost_per_lead":
            a, b = s["cost"], s["leads"]
        elif name == "roi":
            a, b = s["pipeline"] - s["cost"], s["cost"]
        else:
            raise KeyError(name)
        if not (b == b) or b == 0 or not (a == a):
            return float("nan")
        return a / b


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def flow(ids) -> str:
    return "[" + ", ".join(ids) + "]"


def slugify(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def period_labels(end: str, n: int) -> list[str]:
    y, m = map(int, end.split("-"))
    idx = y * 12 + (m - 1)
    return [f"{(i // 12):04d}-{(i % 12) + 1:02d}" for i in range(idx - n + 1, idx + 1)]


def month_start(label: str) -> dt.date:
    y, m = map(int, label.split("-"))
    return dt.date(y, m, 1)


def next_month(d: dt.date) -> dt.date:
    return dt.date(d.year + (d.month // 12), d.month % 12 + 1, 1)


def nice(x: float, up: bool) -> float:
    """Round to 2 significant digits, up or down."""
    if x == 0 or not math.isfinite(x):
        return 0.0
    step = 10.0 ** (math.floor(math.log10(abs(x))) - 1)
    v = (math.ceil(x / step) if up else math.floor(x / step)) * step
    return float(f"{v:.10g}")


def fmt_num(v: float) -> str:
    return f"{v:.10g}"


# --------------------------------------------------------------------------------------------
# Catalogs
# --------------------------------------------------------------------------------------------


class Project:
    pass


def build_catalogs(P: Project, a) -> None:
    r = random.Random(f"opsmanual-bench/{a.seed}/catalogs")
    rng = np.random.default_rng([a.seed, 1])

    # People: teams + persons.
    pairs = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    r.shuffle(pairs)
    persons = []
    for f, last in pairs[: N_PEOPLE - len(TEAMS)]:
        persons.append(
            {
                "id": f"{f}-{last}",
                "name": f"{f.capitalize()} {last.capitalize()}",
                "email": f"{f}.{last}@acme.example",
                "git": f"{f}{last[0]}-acme" if r.random() < 0.6 else None,
                "explicit_kind": r.random() < 0.3,
            }
        )
    pool = [p["id"] for p in persons]
    teams = []
    for tid, name in TEAMS:
        members = sorted(r.sample(pool, r.randint(2, 5)))
        teams.append(
            {"id": tid, "name": name, "email": f"{tid}@acme.example", "git": f"acme/{tid}", "members": members}
        )
    P.teams, P.persons = teams, persons
    P.team_ids = [t["id"] for t in teams]
    P.person_ids = pool
    P.owner_ids = P.team_ids + P.person_ids

    # Channels.
    chans = []
    for i in range(a.channels):
        cid, name, fam = CHANNELS[i % len(CHANNELS)]
        if i >= len(CHANNELS):
            k = i // len(CHANNELS) + 1
            cid, name = f"{cid}-{k}", f"{name} {k}"
        chans.append({"id": cid, "name": name, "family": fam})
    P.channels = chans
    P.channel_ids = [c["id"] for c in chans]
    C = len(chans)
    # Channel economics.
    fam_cpl = {
        "events": 90,
        "paid": 45,
        "organic": 12,
        "email": 8,
        "outbound": 60,
        "abm": 130,
        "partner": 35,
        "product": 10,
    }
    P.ch_vol = np.exp(rng.normal(math.log(30), 0.5, C))
    P.ch_mql = rng.uniform(0.25, 0.55, C)
    P.ch_sql = rng.uniform(0.2, 0.45, C)
    P.ch_opp = rng.uniform(0.25, 0.5, C)
    P.ch_deal = np.exp(rng.normal(math.log(12000), 0.35, C))
    P.ch_cpl = np.array([fam_cpl[c["family"]] for c in chans]) * np.exp(rng.normal(0, 0.3, C))
    P.ch_email = np.array([60.0 if c["family"] == "email" else 3.0 for c in chans]) * rng.uniform(0.5, 1.5, C)
    # Trends over the last 6 periods: a few channels get worse (these produce KPI findings).
    kind = rng.choice(4, size=C, p=[0.72, 0.1, 0.1, 0.08])  # 0 none, 1 sql rate drops, 2 cost rises, 3 volume drops
    P.ch_trend = kind
    for c in chans:
        c["owner"] = FAMILY_OWNER[c["family"]] if r.random() < 0.75 else r.choice(P.person_ids)

    # Personas.
    pers = []
    for pid, name, seg in PERSONAS:
        pers.append(
            {
                "id": pid,
                "name": name,
                "segment": seg,
                "owner": r.choice(["pmm", "pmm", r.choice(P.person_ids)]),
                "channels": sorted(
                    r.sample(P.channel_ids, min(len(P.channel_ids), r.randint(3, 5))), key=P.channel_ids.index
                ),
            }
        )
    P.personas = pers
    P.persona_ids = [p["id"] for p in pers]
    P.pe_vol = rng.uniform(0.6, 1.4, len(pers))
    P.pe_deal = np.array([{"Enterprise": 1.8, "Mid-market": 1.0, "SMB": 0.5}[p["segment"]] for p in pers])
    P.stage_ids = [s[0] for s in STAGES]
    P.st_vol = np.array([1.6, 1.0, 0.6, 0.4])
    P.st_mql = np.array([0.7, 1.0, 1.4, 1.2])
    P.regions = REGIONS
    P.rg_vol = np.array(REGION_WEIGHT)
    P.rg_deal = rng.uniform(0.7, 1.3, len(REGIONS))


def build_content(P: Project, a) -> None:
    r = random.Random(f"opsmanual-bench/{a.seed}/content")
    rng = np.random.default_rng([a.seed, 2])
    NP = a.periods
    first = month_start(P.periods[0])
    tweights = [t[3] for t in CONTENT_TYPES]
    content_owners = ["content-team"] * 4 + ["pmm", "brand", "web-team", "demand-gen"] + P.person_ids[:20]
    # One persona x stage cell is left without live content: a realistic coverage gap.
    gap = (P.persona_ids[-1], P.stage_ids[-1]) if len(P.persona_ids) > 1 else None
    assets = []
    for i in range(a.assets):
        ti = r.choices(range(len(CONTENT_TYPES)), weights=tweights)[0]
        ttype, prefix, upath, _, sw = CONTENT_TYPES[ti]
        stage = r.choices(P.stage_ids, weights=sw)[0]
        topic = r.choice(TOPICS)
        title = r.choice(TITLE_PATTERNS).format(
            Topic=topic[0].upper() + topic[1:], topic=topic, company=r.choice(COMPANIES), persona=r.choice(PERSONAS)[1]
        )
        aid = f"{prefix}-{slugify(topic)}-{i:05d}"
        personas = r.sample(P.persona_ids, r.choices([1, 2, 3], weights=[5, 3, 2])[0])
        if gap and stage == gap[1] and gap[0] in personas:
            personas.remove(gap[0])
            if not personas:
                personas = [P.persona_ids[0]]
        personas.sort(key=P.persona_ids.index)
        chans = r.sample(P.channel_ids, r.choices([1, 2, 3], weights=[4, 4, 2])[0])
        chans.sort(key=P.channel_ids.index)
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
            ps = month_start(P.periods[start])
            published = ps + dt.timedelta(days=r.randint(0, 27))
        refresh_by = None
        if status == "live" and r.random() < 0.85:
            expired = P.as_of - dt.timedelta(days=r.randint(5, 200))
            if r.random() < 0.04 and expired > published + dt.timedelta(days=30):
                refresh_by = expired  # content-expired
            else:
                refresh_by = P.as_of + dt.timedelta(days=r.randint(20, 540))
        elif status == "retired" and r.random() < 0.5:
            refresh_by = published + dt.timedelta(days=r.randint(90, 540))
        assets.append(
            {
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
                "url": (
                    f"https://acme.example/{upath}/{slugify(topic)}-{i}"
                    if r.random() < 0.85
                    else f"/{upath}/{slugify(topic)}-{i}"
                ),
                "start": start,
                "end": end,
                "kpis": [],
                "waive": [],
            }
        )
    P.assets = assets
    P.asset_ids = [x["id"] for x in assets]
    P.ct_quality = np.exp(rng.normal(0, 0.4, len(assets)))


# --------------------------------------------------------------------------------------------
# Snapshots
# --------------------------------------------------------------------------------------------


def build_pool(P: Project, a) -> None:
    """Every slice (content x channel x persona x region) a snapshot row may describe."""
    rng = np.random.default_rng([a.seed, 3])
    ch_index = {c: i for i, c in enumerate(P.channel_ids)}
    pe_index = {p: i for i, p in enumerate(P.persona_ids)}
    st_index = {s: i for i, s in enumerate(P.stage_ids)}
    base = []  # (asset, channel, persona) for non-draft assets
    for ai, x in enumerate(P.assets):
        if x["status"] == "draft":
            continue
        for c in x["channels"]:
            for p in x["personas"]:
                base.append((ai, ch_index[c], pe_index[p]))
    base = np.array(base, dtype=np.int64).reshape(-1, 3)
    starts = np.array([x["start"] for x in P.assets])
    ends = np.array([x["end"] for x in P.assets])
    # How many regions each (asset, channel, persona) needs so that every period has enough
    # eligible slices to pick --rows from (with margin for churn).
    elig = np.array([((starts[base[:, 0]] <= p) & (ends[base[:, 0]] >= p)).sum() for p in range(a.periods)])
    kr = int(np.clip(math.ceil(1.4 * a.rows / max(1, elig.min())), 1, len(REGIONS)))
    rp = P.rg_vol / P.rg_vol.sum()
    regs = (
        np.stack([rng.choice(len(REGIONS), size=kr, replace=False, p=rp) for _ in range(len(base))])
        if len(base)
        else np.zeros((0, kr), dtype=np.int64)
    )
    n = len(base) * kr
    P.pool_asset = np.repeat(base[:, 0], kr)
    P.pool_channel = np.repeat(base[:, 1], kr)
    P.pool_persona = np.repeat(base[:, 2], kr)
    P.pool_region = regs.reshape(-1)
    P.pool_stage = (
        np.array([st_index[x["stage"]] for x in P.assets], dtype=np.int64)[P.pool_asset]
        if n
        else np.zeros(0, dtype=np.int64)
    )
    P.pool_start = starts[P.pool_asset]
    P.pool_end = ends[P.pool_asset]
    # Selection priority: log of a weight plus Gumbel noise (weighted sampling without replacement
    # by top-k), fixed per slice so that slices persist across periods.
    w = P.rg_vol[P.pool_region] * P.ct_quality[P.pool_asset]
    P.pool_key = np.log(w) + rng.gumbel(size=n)
    P.pool_quality = np.exp(rng.normal(0, 0.35, n))
    # Scale volumes so that a row has about 4 leads a month on average (an enterprise funnel of
    # a few hundred thousand leads a month at the default 80,000 rows).
    base_lam = (
        P.ch_vol[P.pool_channel]
        * P.pe_vol[P.pool_persona]
        * P.st_vol[P.pool_stage]
        * P.rg_vol[P.pool_region]
        * P.ct_quality[P.pool_asset]
        * P.pool_quality
    )
    P.lead_scale = 4.0 / float(base_lam.mean()) if n else 1.0
    # Sort keys: string order of ids, so that rows come out sorted like a real export.
    P.rank_channel = np.argsort(np.argsort(np.array(P.channel_ids)))
    P.rank_asset = np.argsort(np.argsort(np.array(P.asset_ids)))
    P.rank_persona = np.argsort(np.argsort(np.array(P.persona_ids)))
    P.rank_region = np.argsort(np.argsort(np.array(REGIONS)))


def trend_factors(P: Project, p: int, NP: int):
    C = len(P.channel_ids)
    k = max(0, p - (NP - 7))  # 0 before the last 6 periods, then 1..6
    sql = np.ones(C)
    cost = np.ones(C)
    vol = np.ones(C)
    sql[P.ch_trend == 1] = 0.95**k
    cost[P.ch_trend == 2] = 1.06**k
    vol[P.ch_trend == 3] = 0.93**k
    return sql, cost, vol


SEASON = [0.9, 1.0, 1.1, 1.05, 1.0, 0.9, 0.8, 0.85, 1.15, 1.2, 1.1, 0.75]  # Jan..Dec


def gen_period(P: Project, a, p: int) -> dict:
    rng = np.random.default_rng([a.seed, 1000 + p])
    label = P.periods[p]
    elig = (P.pool_start <= p) & (P.pool_end >= p)
    key = np.where(elig, P.pool_key + 0.15 * rng.standard_normal(len(P.pool_key)), -np.inf)
    n = int(min(a.rows, elig.sum()))
    idx = np.argpartition(-key, n - 1)[:n] if n < len(key) else np.arange(len(key))[elig]
    ch, ct, pe, rg, st = (
        P.pool_channel[idx],
        P.pool_asset[idx],
        P.pool_persona[idx],
        P.pool_region[idx],
        P.pool_stage[idx],
    )
    order = np.lexsort((P.rank_region[rg], P.rank_persona[pe], P.rank_asset[ct], P.rank_channel[ch]))
    idx, ch, ct, pe, rg, st = idx[order], ch[order], ct[order], pe[order], rg[order], st[order]
    t_sql, t_cost, t_vol = trend_factors(P, p, a.periods)
    season = SEASON[int(label[5:]) - 1]
    lam = (
        P.ch_vol[ch]
        * P.pe_vol[pe]
        * P.st_vol[st]
        * P.rg_vol[rg]
        * P.ct_quality[ct]
        * P.pool_quality[idx]
        * season
        * t_vol[ch]
        * P.lead_scale
    )
    leads = rng.poisson(lam)
    mqls = rng.binomial(leads, np.clip(P.ch_mql[ch] * P.st_mql[st], 0, 0.95))
    sqls = rng.binomial(mqls, np.clip(P.ch_sql[ch] * t_sql[ch], 0, 0.95))
    opps = rng.binomial(sqls, P.ch_opp[ch])
    pipeline = np.round(opps * P.ch_deal[ch] * P.pe_deal[pe] * P.rg_deal[rg] * np.exp(rng.normal(0, 0.3, n)), -2)
    cost = np.round((leads + 0.5) * P.ch_cpl[ch] * t_cost[ch] * np.exp(rng.normal(0, 0.25, n)), 2)
    emails = rng.poisson(leads * P.ch_email[ch] + 2)
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


def write_period(P: Project, d: dict, path: Path) -> int:
    n = d["n"]
    cols = [
        pa.array(np.full(n, d["label"], dtype=object)),
        pa.array(P.np_channel_ids[d["channel"]]),
        pa.array(P.np_asset_ids[d["content"]]),
        pa.array(P.np_persona_ids[d["persona"]]),
        pa.array(P.np_stage_ids[d["stage"]]),
        pa.array(P.np_regions[d["region"]]),
    ]
    for m in MEASURE_NAMES:
        v = d[m]
        mask = np.isnan(v)
        filled = np.where(mask, 0, v)
        cols.append(pa.array(filled if m == "cost" else filled.astype(np.int64), mask=mask))
    names = ["period"] + SNAPSHOT_DIMS + MEASURE_NAMES
    table = pa.Table.from_arrays(cols, names=names)
    with open(path, "wb") as f:
        f.write((",".join(names) + "\n").encode())
        pacsv.write_csv(table, f, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    return path.stat().st_size


# --------------------------------------------------------------------------------------------
# KPI selection: targets are set from the data so that most KPIs are met and a few are not.
# --------------------------------------------------------------------------------------------


class Recent:
    """The newest few periods, indexed for quick slice sums."""

    def __init__(self, P: Project, periods: list[dict]):
        self.P = P
        self.periods = periods  # oldest first
        self.index = []
        for d in periods:
            ix = {}
            for dim in ("channel", "content", "persona", "region"):
                codes = d[dim]
                order = np.argsort(codes, kind="stable")
                bounds = np.searchsorted(codes[order], np.arange(self.size(dim) + 1))
                ix[dim] = (order, bounds)
            self.index.append(ix)
        self.codes = {
            "channel": {c: i for i, c in enumerate(P.channel_ids)},
            "content": {c: i for i, c in enumerate(P.asset_ids)},
            "persona": {c: i for i, c in enumerate(P.persona_ids)},
            "region": {c: i for i, c in enumerate(REGIONS)},
        }

    def size(self, dim):
        return {
            "channel": len(self.P.channel_ids),
            "content": len(self.P.asset_ids),
            "persona": len(self.P.persona_ids),
            "region": len(REGIONS),
        }[dim]

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
        out = []
        for k, d in enumerate(self.periods):
            sel = self.rows(k, where)
            if len(sel) == 0:
                out.append(float("nan"))
                continue
            s = {}
            for m in MEASURE_NAMES:
                col = d[m][sel]
                s[m] = float(np.nansum(col)) if np.isfinite(col).any() else float("nan")
            out.append(float(metric_value(metric, s)))
        return out


def declining(vals: list[float], better: str, window: int = 3, threshold: float = 0.10) -> bool:
    v = [x for x in vals if x == x][-window:]
    if len(v) < 2 or v[0] == 0:
        return False
    rel = (v[-1] - v[0]) / abs(v[0])
    return rel < -threshold if better == "higher" else rel > threshold


def make_target(r: random.Random, metric: str, vals: list[float], miss: bool):
    """A target string (or number) for `metric` given the recent values; met unless `miss`.
    None when no meaningful target exists (the caller picks another KPI)."""
    better = BETTER[metric]
    last = vals[-1]
    recent = [x for x in vals[-3:] if x == x]
    if better == "higher":
        v = nice(last * r.uniform(1.08, 1.25), up=True) if miss else nice(min(recent) * r.uniform(0.7, 0.9), up=False)
        if v <= 0 and not miss and metric != "roi":
            return None  # a target of 0 says nothing; pick another KPI
        if v == 0:
            v = 0.01 if metric in RATIO_METRICS else 1
        u = r.random()
        if metric in RATIO_METRICS and u < 0.15 and abs(v) < 100:
            pct = fmt_num(float(f"{v * 100:.10g}")) + "%"
            return q(pct if r.random() < 0.5 else ">= " + pct)
        if u < 0.3:
            return fmt_num(v)  # bare number: "at least" for better: higher
        return q((">= " if u < 0.95 else "> ") + fmt_num(v))
    else:
        v = nice(last * r.uniform(0.75, 0.92), up=False) if miss else nice(max(recent) * r.uniform(1.1, 1.35), up=True)
        u = r.random()
        if u < 0.25:
            return fmt_num(v)  # bare number: "at most" for better: lower
        return q(("<= " if u < 0.95 else "< ") + fmt_num(v))


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


METRIC_WEIGHTS = [
    ("sql_rate", 18),
    ("mql_rate", 12),
    ("cost_per_sql", 15),
    ("cost_per_lead", 10),
    ("roi", 8),
    ("sqls", 10),
    ("leads", 8),
    ("pipeline", 8),
    ("opportunities", 6),
    ("mqls", 5),
    ("cost", 2),
]


def pick_kpi(r, recent: Recent, where_fn, metric_pool=None, allow_where=True):
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
            return metric, where, q((">= " if BETTER[metric] == "higher" else "<= ") + fmt_num(t))
        target = make_target(r, metric, vals, miss=(klass == "miss"))
        if target is None:
            continue
        return metric, where, target
    return None


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def past(verb: str) -> str:
    return {"tag": "tagged", "prioritise": "prioritised"}.get(verb, verb + ("d" if verb.endswith("e") else "ed"))


def body_text(r: random.Random, P: Project, title: str, size: int, links: list[tuple[str, str]]) -> str:
    def sentence():
        t = r.choice(SENTENCES)
        return t.format(
            adj=r.choice(ADJS),
            noun=r.choice(NOUNS),
            verb=r.choice(VERBS),
            n=r.randint(2, 30),
            tool=r.choice(TOOLS),
            team=r.choice(TEAMS)[1],
            metric=r.choice(METRIC_WORDS),
            persona=r.choice(PERSONAS)[1],
            stage=r.choice(STAGES)[0],
            weekday=r.choice(WEEKDAYS),
            verbed=past(r.choice(VERBS)),
        )

    def paragraph(k=None):
        return " ".join(sentence() for _ in range(k or r.randint(3, 7)))

    out = [f"# {title}", "", paragraph(), ""]
    sections = r.sample(SECTION_TITLES, len(SECTION_TITLES))
    si = 0
    while sum(len(x) + 1 for x in out) < size:
        head = sections[si % len(sections)] + ("" if si < len(sections) else f" ({si // len(sections) + 1})")
        si += 1
        out += [f"## {head}", ""]
        kind = r.random()
        if kind < 0.35:
            out += [paragraph(), "", paragraph(), ""]
        elif kind < 0.55:
            out += [paragraph(2), ""]
            out += [f"{i + 1}. {sentence()}" for i in range(r.randint(3, 9))] + [""]
        elif kind < 0.7:
            out += [paragraph(2), ""]
            out += [f"- {sentence()}" for _ in range(r.randint(3, 8))] + [""]
        elif kind < 0.85:
            out += table(r, P) + [""]
            out += [paragraph(3), ""]
        elif kind < 0.93:
            adm = r.choice(["note", "tip", "warning", "info"])
            out += [
                f'!!! {adm} "{r.choice(["Why this matters", "Before you start", "Heads up", "Rule of thumb"])}"',
                "",
                "    " + paragraph(2),
                "",
                paragraph(),
                "",
            ]
        else:
            out += [
                paragraph(2),
                "",
                "```text",
                f"utm_source={r.choice(P.channel_ids)}&utm_medium={r.choice(['cpc', 'email', 'social', 'event'])}"
                f"&utm_campaign={r.randint(2024, 2026)}-q{r.randint(1, 4)}-{slugify(r.choice(TOPICS))}",
                "```",
                "",
            ]
    if links:
        out += ["## Related", ""] + [f"- [{t}]({href})" for t, href in links] + [""]
    return "\n".join(out)


def table(r: random.Random, P: Project) -> list[str]:
    k = r.random()
    if k < 0.3:
        rows = ["| Activity | Responsible | Accountable | Consulted | Informed |", "| --- | --- | --- | --- | --- |"]
        for _ in range(r.randint(4, 10)):
            rows.append(
                f"| {r.choice(VERBS).capitalize()} {r.choice(NOUNS)} | {r.choice(TEAMS)[1]} | "
                f"{r.choice(TEAMS)[1]} | {r.choice(TEAMS)[1]} | {r.choice(TEAMS)[1]} |"
            )
    elif k < 0.55:
        rows = ["| Stage | Service level | Owner | Escalation |", "| --- | --- | --- | --- |"]
        for s in STAGES:
            rows.append(
                f"| {s[1]} | {r.randint(1, 10)} business days | {r.choice(TEAMS)[1]} | {r.choice(TEAMS)[1]} lead |"
            )
    elif k < 0.8:
        rows = ["| Channel | Budget share | Primary KPI | Target |", "| --- | ---: | --- | ---: |"]
        for c in r.sample(P.channels, min(len(P.channels), r.randint(4, 12))):
            rows.append(f"| {c['name']} | {r.randint(2, 25)}% | cost per SQL | <= {r.randint(2, 40) * 50} USD |")
    else:
        rows = ["| Check | Done when | Tool |", "| --- | --- | --- |"]
        for _ in range(r.randint(5, 12)):
            rows.append(
                f"| {r.choice(ADJS).capitalize()} {r.choice(NOUNS)} | {past(r.choice(VERBS))} and logged | "
                f"{r.choice(TOOLS)} |"
            )
    return rows


def build_pages(P: Project, a, recent: Recent) -> list[tuple[str, str]]:
    r = random.Random(f"opsmanual-bench/{a.seed}/pages")
    fam_channels = {}
    for c in P.channels:
        fam_channels.setdefault(c["family"], []).append(c["id"])
    # Content with rows in every recent period: safe for content slices.
    present = None
    for k in range(len(recent.periods)):
        s = set(np.unique(recent.periods[k]["content"]).tolist())
        present = s if present is None else present & s
    live_present = sorted(i for i in present if P.assets[i]["status"] == "live")
    P.live_present = live_present

    # Page paths first (links need them).
    specs = []
    used = set()
    for i in range(a.pages):
        if i == 0:
            folder, focus, title = "", None, "Marketing operating manual"
            path = "index.md"
        else:
            folder, focus = FOLDERS[(i - 1) % len(FOLDERS)] if i <= len(FOLDERS) else r.choice(FOLDERS)
            subj = r.choice(PAGE_SUBJECTS)
            kind = r.choice(PAGE_KINDS)
            title = f"{subj[0].upper()}{subj[1:]} {kind}"
            if r.random() < 0.25:
                title += r.choice(
                    [
                        ": " + r.choice(REGIONS).upper(),
                        " for " + r.choice(PERSONAS)[1] + "s",
                        f" (FY{r.randint(25, 27)})",
                        ": " + r.choice(P.channels)["name"],
                    ]
                )
            base = slugify(f"{subj} {kind}")
            name = base
            n = 2
            while f"{folder}/{name}.md" in used:
                name = f"{base}-{n}"
                n += 1
            path = f"{folder}/{name}.md"
        used.add(path)
        specs.append((path, folder, focus, title))

    pages = []
    for i, (path, _folder, focus, title) in enumerate(specs):
        # Focus for KPI slices.
        f_channels = P.channel_ids
        f_regions = REGIONS
        f_dim = None
        if focus:
            if focus[0] == "family":
                f_channels = fam_channels.get(focus[1], P.channel_ids) if focus[1] else P.channel_ids
            elif focus[0] == "channels":
                f_channels = [c for c in focus[1] if c in P.channel_ids] or P.channel_ids
            elif focus[0] == "regions":
                f_regions = focus[1]
            else:
                f_dim = focus[1]

        def where_fn(f_dim=f_dim, f_regions=f_regions, f_channels=f_channels):
            u = r.random()
            if f_dim == "content" and u < 0.6 and live_present:
                return {"content": P.asset_ids[r.choice(live_present)]}
            if f_dim == "persona" and u < 0.6:
                w = {"persona": r.choice(P.persona_ids)}
                if r.random() < 0.3:
                    w["region"] = r.choice(f_regions)
                return w
            if f_regions is not REGIONS and u < 0.6:
                w = {
                    "region": r.choice(f_regions)
                    if r.random() < 0.7
                    else sorted(r.sample(f_regions, min(2, len(f_regions))))
                }
                if r.random() < 0.4:
                    w = {"channel": r.choice(f_channels), **w}
                return w
            u = r.random()
            if u < 0.38:
                return {"channel": r.choice(f_channels)}
            if u < 0.48:
                return {"channel": sorted(r.sample(f_channels, min(len(f_channels), 2)), key=P.channel_ids.index)}
            if u < 0.6:
                return {"channel": r.choice(f_channels), "region": r.choice(f_regions)}
            if u < 0.7:
                return {"persona": r.choice(P.persona_ids)}
            if u < 0.76:
                return {"persona": r.choice(P.persona_ids), "region": r.choice(f_regions)}
            if u < 0.86:
                return {"channel": r.choice(f_channels), "persona": r.choice(P.persona_ids)}
            if u < 0.93 and live_present:
                return {"content": P.asset_ids[r.choice(live_present)]}
            if u < 0.97:
                return {"region": r.choice(f_regions)}
            return {}

        # Front matter.
        fm = []
        no_front_matter = i > 0 and r.random() < 0.003
        if not no_front_matter:
            if r.random() < 0.7:
                fm.append(f"title: {q(title)}")
            if r.random() > 0.007:
                fm.append(f"owner: {r.choice(P.owner_ids)}")
            cadence = None
            if r.random() < 0.35:
                cadence = r.choice(["30d", "60d", "90d", "6w", "12w", "3mo", "6mo", "180d", "365d"])
            cad_days = (
                None
                if cadence is None
                else int(cadence[: -2 if cadence.endswith("mo") else -1])
                * {"d": 1, "w": 7, "mo": 30}[re.sub(r"\d", "", cadence)]
            )
            if r.random() > 0.005:
                if r.random() < 0.08:  # stale
                    back = (cad_days or 365) + r.randint(10, 400)
                else:
                    back = r.randint(0, int(0.85 * min(cad_days or 90, 90)))
                fm.append(f"reviewed: {(P.as_of - dt.timedelta(days=back)).isoformat()}")
            if cadence:
                fm.append(f"review_every: {cadence}")
            if r.random() < 0.45:
                fm.append(
                    f"personas: {flow(sorted(r.sample(P.persona_ids, r.randint(1, 3)), key=P.persona_ids.index))}"
                )
            if r.random() < 0.4:
                fm.append(f"stages: {flow(sorted(r.sample(P.stage_ids, r.randint(1, 2)), key=P.stage_ids.index))}")
            if r.random() < 0.3:
                fm.append(
                    f"channels: {flow(sorted(r.sample(f_channels, min(len(f_channels), r.randint(1, 2))), key=P.channel_ids.index))}"
                )
            if r.random() < 0.5:
                fm.append(f"tags: {flow(sorted(r.sample(TAGS, r.randint(1, 3))))}")
            kpis = []
            activity_only = r.random() < 0.015
            nk = r.choices([1, 2, 3], weights=[4, 4, 2])[0]
            for _ in range(nk):
                if activity_only:
                    k = pick_kpi(r, recent, where_fn, metric_pool=[("emails_sent", 1)])
                else:
                    k = pick_kpi(r, recent, where_fn)
                if k and all(k[:2] != x[:2] for x in kpis):
                    kpis.append(k)
            if kpis:
                fm.append("kpis:")
                for metric, where, target in kpis:
                    fm.append(f"  - metric: {metric}")
                    if where:
                        parts = []
                        for dim, v in where.items():
                            parts.append(f"{dim}: {flow(v) if isinstance(v, list) else v}")
                        fm.append("    where: {" + ", ".join(parts) + "}")
                    if target is not None:
                        fm.append(f"    target: {target}")
                    if r.random() < 0.1:
                        fm.append(
                            f"    label: {q(metric.replace('_', ' ').capitalize() + ' (' + ', '.join(str(v) for v in where.values()) + ')')}"
                        )
            u = r.random()
            if kpis and u < 0.04:
                fm.append("waive:")
                expired = r.random() < 0.15
                until = P.as_of + (
                    dt.timedelta(days=-r.randint(5, 60)) if expired else dt.timedelta(days=r.randint(14, 120))
                )
                fm.append(f"  - rule: {r.choice(['kpi-below-target', 'kpi-missed-repeatedly', 'kpi-declining'])}")
                fm.append(f"    until: {until.isoformat()}")
                fm.append(
                    f"    reason: {q(r.choice(['New nurture track launched', 'Budget moved mid-quarter', 'Tracking fix in progress', 'Seasonal dip expected', 'Channel being re-evaluated']) + ' ' + (until - dt.timedelta(days=r.randint(30, 90))).isoformat())}"
                )
                if r.random() < 0.5:
                    fm.append(f"    metric: {kpis[0][0]}")
            elif u < 0.05:
                fm.append("waive:")
                fm.append("  - rule: stale-review")
                fm.append(f"    until: {(P.as_of + dt.timedelta(days=r.randint(7, 60))).isoformat()}")
                fm.append(f"    reason: {q('Owner on leave; review scheduled')}")

        # Body.
        size = int(math.exp(r.uniform(math.log(2048), math.log(18500)))) - 300
        links = []
        for j in r.sample(range(len(specs)), min(len(specs), r.randint(0, 4))):
            if j != i:
                rel = os.path.relpath(specs[j][0], os.path.dirname(path) or ".")
                links.append((specs[j][3], rel.replace(os.sep, "/")))
        text = body_text(r, P, title, size, links)
        if not no_front_matter:
            text = "---\n" + "\n".join(fm) + "\n---\n\n" + text
        pages.append((path, text))
    return pages


# --------------------------------------------------------------------------------------------
# Writing catalogs
# --------------------------------------------------------------------------------------------


def write_yaml_catalogs(P: Project, a, data: Path, recent: Recent) -> None:
    r = random.Random(f"opsmanual-bench/{a.seed}/yaml")
    L = ["# Owners: teams and people. Generated by benchmarks/generate.py.", ""]
    for t in P.teams:
        L += [
            f"- id: {t['id']}",
            f"  name: {q(t['name'])}",
            "  kind: team",
            f"  email: {t['email']}",
            f"  git: {t['git']}",
            f"  members: {flow(t['members'])}",
        ]
    for p in P.persons:
        L += [f"- id: {p['id']}", f"  name: {q(p['name'])}"]
        if p["explicit_kind"]:
            L.append("  kind: person")
        L.append(f"  email: {p['email']}")
        if p["git"]:
            L.append(f"  git: {p['git']}")
    (data / "people.yaml").write_text("\n".join(L) + "\n")

    L = ["# Buyer personas.", ""]
    for pp in P.personas:
        L += [
            f"- id: {pp['id']}",
            f"  name: {q(pp['name'])}",
            f"  segment: {q(pp['segment'])}",
            f"  owner: {pp['owner']}",
            f"  summary: {q(f'Owns the {r.choice(TOPICS)} decision and answers for {r.choice(TOPICS)}.')}",
            "  pains:",
        ]
        L += [f"    - {q(f'{t.capitalize()} takes too long')}" for t in r.sample(TOPICS, 3)]
        L += ["  goals:"]
        L += [f"    - {q(f'Predictable {t}')}" for t in r.sample(TOPICS, 2)]
        L += [f"  channels: {flow(pp['channels'])}"]
    (data / "personas.yaml").write_text("\n".join(L) + "\n")

    L = ["# Buyer-journey stages, in order.", ""]
    for sid, name, desc in STAGES:
        L += [f"- id: {sid}", f"  name: {q(name)}", f"  description: {q(desc)}"]
    (data / "stages.yaml").write_text("\n".join(L) + "\n")

    # Channels, each with KPIs (implied slice: the channel).
    L = ["# Channels. Budgets are monthly, USD.", ""]
    last = recent.periods[-1]
    spend = np.bincount(last["channel"], weights=np.nan_to_num(last["cost"]), minlength=len(P.channel_ids))
    chan_metrics = [
        ("cost_per_sql", 30),
        ("sql_rate", 20),
        ("cost_per_lead", 15),
        ("roi", 10),
        ("sqls", 15),
        ("pipeline", 10),
    ]
    for ci, c in enumerate(P.channels):
        L += [f"- id: {c['id']}", f"  name: {q(c['name'])}", f"  owner: {c['owner']}"]
        if r.random() < 0.85:
            L.append(f"  budget: {int(nice(spend[ci] * r.uniform(0.9, 1.3), up=True))}")
        kpis = []
        for _ in range(r.choice([1, 2, 2, 3])):
            k = pick_kpi(r, recent, lambda c=c: {"channel": c["id"]}, metric_pool=chan_metrics)
            if k and all(k[0] != x[0] for x in kpis):
                kpis.append(k)
        if not kpis:  # every channel has a KPI
            kpis.append(("sqls", {}, None))
        L.append("  kpis:")
        for metric, _, target in kpis:
            L.append(f"    - metric: {metric}")
            if target is not None:
                L.append(f"      target: {target}")
        if r.random() < 0.08:
            L += [
                "  waive:",
                "    - rule: kpi-declining",
                f"      until: {(P.as_of + dt.timedelta(days=r.randint(20, 90))).isoformat()}",
                f"      reason: {q('Bid strategy changed; re-baselining')}",
            ]
    (data / "channels.yaml").write_text("\n".join(L) + "\n")

    # Content map; ~8% of live assets with data carry KPIs.
    content_metrics = [
        ("leads", 25),
        ("sqls", 20),
        ("mql_rate", 20),
        ("cost_per_lead", 15),
        ("pipeline", 10),
        ("mqls", 10),
    ]
    with_kpis = set(r.sample(P.live_present, int(0.08 * len(P.live_present))))
    L = ["# The content map.", ""]
    for ai, x in enumerate(P.assets):
        L += [f"- id: {x['id']}", f"  title: {q(x['title'])}"]
        if x["type"]:
            L.append(f"  type: {x['type']}")
        L += [
            f"  personas: {flow(x['personas'])}",
            f"  stage: {x['stage']}",
            f"  channels: {flow(x['channels'])}",
            f"  owner: {x['owner']}",
            f"  status: {x['status']}",
        ]
        if x["published"]:
            L.append(f"  published: {x['published'].isoformat()}")
        if x["refresh_by"]:
            L.append(f"  refresh_by: {x['refresh_by'].isoformat()}")
        L.append(f"  url: {x['url']}")
        if ai in with_kpis:
            k = pick_kpi(r, recent, lambda x=x: {"content": x["id"]}, metric_pool=content_metrics)
            if k:
                L += ["  kpis:", f"    - metric: {k[0]}"]
                if k[2] is not None:
                    L.append(f"      target: {k[2]}")
                if r.random() < 0.05:
                    L += [
                        "  waive:",
                        "    - rule: kpi-below-target",
                        f"      until: {(P.as_of + dt.timedelta(days=r.randint(10, 60))).isoformat()}",
                        f"      reason: {q('Refresh scheduled')}",
                        f"      metric: {k[0]}",
                    ]
    (data / "content.yaml").write_text("\n".join(L) + "\n")

    L = ["# The metric catalog.", "measures:"]
    for name, label, unit, kind in MEASURES:
        parts = [f"label: {q(label)}"] + ([f"unit: {unit}"] if unit else []) + [f"kind: {kind}"]
        L.append(f"  {name}: {{{', '.join(parts)}}}")
    L.append("metrics:")
    for name, label, formula, unit, better in METRICS:
        L.append(f"  {name}: {{label: {q(label)}, formula: {formula}, unit: {unit}, better: {better}}}")
    (data / "metrics.yaml").write_text("\n".join(L) + "\n")


def write_mkdocs(P: Project, out: Path) -> None:
    (out / "mkdocs.yml").write_text(
        "site_name: Acme demand-generation operating manual\n"
        "docs_dir: manual\n"
        "theme:\n"
        "  name: material\n"
        "  features:\n"
        "    - navigation.prune\n"
        "plugins:\n"
        "  - search\n"
        "  - opsmanual:\n"
        f"      as_of: {P.as_of.isoformat()}\n"
    )


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def generate(a) -> dict:
    t0 = time.perf_counter()
    out = Path(a.out_dir)
    P = Project()
    P.periods = period_labels(a.end_period, a.periods)
    P.as_of = next_month(month_start(P.periods[-1])) + dt.timedelta(days=4)
    build_catalogs(P, a)
    build_content(P, a)
    build_pool(P, a)
    P.np_channel_ids = np.array(P.channel_ids, dtype=object)
    P.np_asset_ids = np.array(P.asset_ids, dtype=object)
    P.np_persona_ids = np.array(P.persona_ids, dtype=object)
    P.np_stage_ids = np.array(P.stage_ids, dtype=object)
    P.np_regions = np.array(REGIONS, dtype=object)

    data = out / "data"
    snaps = data / "snapshots"
    snaps.mkdir(parents=True, exist_ok=True)
    keep = min(4, a.periods)
    recent_periods = []
    total_rows = 0
    snap_bytes = 0
    for p in range(a.periods):
        d = gen_period(P, a, p)
        snap_bytes += write_period(P, d, snaps / f"{d['label']}.csv")
        total_rows += d["n"]
        if p >= a.periods - keep:
            recent_periods.append(d)
    t_snap = time.perf_counter()
    recent = Recent(P, recent_periods)

    pages = build_pages(P, a, recent)
    manual = out / "manual"
    page_bytes = 0
    for path, text in pages:
        f = manual / path
        f.parent.mkdir(parents=True, exist_ok=True)
        b = text.encode()
        f.write_bytes(b)
        page_bytes += len(b)
    write_yaml_catalogs(P, a, data, recent)
    write_mkdocs(P, out)
    t1 = time.perf_counter()
    return {
        "seconds": round(t1 - t0, 2),
        "snapshot_seconds": round(t_snap - t0, 2),
        "pages": len(pages),
        "page_bytes": page_bytes,
        "snapshot_files": a.periods,
        "snapshot_rows": total_rows,
        "snapshot_bytes": snap_bytes,
        "as_of": P.as_of.isoformat(),
        "periods": [P.periods[0], P.periods[-1]],
    }


# --------------------------------------------------------------------------------------------
# Independent verification
# --------------------------------------------------------------------------------------------

KEYS = {
    "people": {"id", "name", "kind", "email", "git", "members"},
    "personas": {"id", "name", "segment", "owner", "summary", "pains", "goals", "channels"},
    "stages": {"id", "name", "description"},
    "channels": {"id", "name", "owner", "budget", "kpis", "waive"},
    "content": {
        "id",
        "title",
        "type",
        "personas",
        "stage",
        "channels",
        "owner",
        "status",
        "published",
        "refresh_by",
        "url",
        "kpis",
        "waive",
    },
    "page": {"title", "owner", "reviewed", "review_every", "personas", "stages", "channels", "tags", "kpis", "waive"},
    "kpi": {"metric", "where", "target", "label"},
    "waive": {"rule", "until", "reason", "metric"},
}
RULE_IDS = {
    "review-due",
    "stale-review",
    "missing-owner",
    "missing-review",
    "stale-data",
    "no-data",
    "kpi-below-target",
    "kpi-missed-repeatedly",
    "kpi-declining",
    "activity-only",
    "coverage-gap",
    "content-expired",
    "unknown-reference",
    "waiver-expired",
}
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
TARGET = re.compile(r"^(>=|>|<=|<)?\s*-?\d+(\.\d+)?%?$")
DURATION = re.compile(r"^\d+(d|w|mo)$")


def verify(out: Path) -> list[str]:
    import pandas as pd
    import yaml

    Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    errs: list[str] = []

    def load(name):
        return yaml.load((out / "data" / f"{name}.yaml").read_text(), Loader=Loader)

    cats = {}
    for name in ("people", "personas", "stages", "channels", "content"):
        items = load(name)
        if not isinstance(items, list):
            errs.append(f"{name}.yaml: not a list")
            continue
        ids = []
        for e in items:
            extra = set(e) - KEYS[name]
            if extra:
                errs.append(f"{name}.yaml {e.get('id')}: unknown keys {sorted(extra)}")
            if not isinstance(e.get("id"), str) or not SLUG.match(e["id"]):
                errs.append(f"{name}.yaml: bad id {e.get('id')!r}")
            ids.append(e.get("id"))
        if len(set(ids)) != len(ids):
            errs.append(f"{name}.yaml: duplicate ids")
        cats[name] = items
    idset = {k: {e["id"] for e in v} for k, v in cats.items()}
    mcat = load("metrics")
    if set(mcat) - {"measures", "metrics"}:
        errs.append("metrics.yaml: unknown top-level keys")
    measures = set(mcat["measures"])
    metric_ids = measures | set(mcat["metrics"])
    for k, v in mcat["measures"].items():
        if set(v) - {"label", "unit", "kind"}:
            errs.append(f"metrics.yaml measure {k}: unknown keys")
    for k, v in mcat["metrics"].items():
        if set(v) - {"label", "formula", "unit", "better", "kind"}:
            errs.append(f"metrics.yaml metric {k}: unknown keys")
        for tok in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", v["formula"]):
            if tok not in measures:
                errs.append(f"metrics.yaml {k}: formula uses unknown measure {tok}")

    def ref(kind, v, where):
        vs = v if isinstance(v, list) else [v]
        for x in vs:
            if x not in idset[kind]:
                errs.append(f"{where}: unknown {kind} id {x!r}")

    for e in cats["people"]:
        if e.get("kind", "person") not in ("team", "person"):
            errs.append(f"people {e['id']}: bad kind")
        for m in e.get("members", []):
            ref("people", m, f"people {e['id']} members")
    for e in cats["personas"]:
        if "owner" in e:
            ref("people", e["owner"], f"personas {e['id']}")
        ref("channels", e.get("channels", []), f"personas {e['id']}")

    regions = set()
    snap_dir = out / "data" / "snapshots"
    files = sorted(snap_dir.glob("*.csv"))
    dims_seen = {"channel": set(), "content": set(), "persona": set(), "stage": set()}
    nrows = 0
    ncells = nmissing = 0
    for f in files:
        df = pd.read_csv(f, dtype={"period": str})
        nrows += len(df)
        if not re.match(r"^\d{4}-\d{2}$", f.stem):
            errs.append(f"{f.name}: bad file name")
        if set(df["period"].unique()) != {f.stem}:
            errs.append(f"{f.name}: period column does not match")
        for col in df.columns:
            if col in measures:
                if not pd.api.types.is_numeric_dtype(df[col]):
                    errs.append(f"{f.name}: measure {col} is not numeric")
                ncells += len(df)
                nmissing += int(df[col].isna().sum())
        for dim in dims_seen:
            if df[dim].isna().any():
                errs.append(f"{f.name}: empty {dim} cells")
            dims_seen[dim] |= set(df[dim].dropna().unique())
        regions |= set(df["region"].dropna().unique())
    cat_of = {"channel": "channels", "content": "content", "persona": "personas", "stage": "stages"}
    for dim, seen in dims_seen.items():
        bad = seen - idset[cat_of[dim]]
        if bad:
            errs.append(f"snapshots: unknown {dim} ids {sorted(bad)[:5]}")

    def check_kpis(kpis, where_allowed, label):
        for k in kpis or []:
            if set(k) - KEYS["kpi"]:
                errs.append(f"{label}: unknown kpi keys {sorted(set(k) - KEYS['kpi'])}")
            if k.get("metric") not in metric_ids:
                errs.append(f"{label}: unknown metric {k.get('metric')!r}")
            if "target" in k and not TARGET.match(str(k["target"]).strip()):
                errs.append(f"{label}: bad target {k['target']!r}")
            w = k.get("where") or {}
            if w and not where_allowed:
                errs.append(f"{label}: where on an entity KPI")
            for dim, v in w.items():
                if dim == "region":
                    for x in v if isinstance(v, list) else [v]:
                        if x not in regions:
                            errs.append(f"{label}: region {x!r} not in any snapshot")
                elif dim in cat_of:
                    ref(cat_of[dim], v, label)
                else:
                    errs.append(f"{label}: unexpected where dimension {dim}")

    def check_waive(ws, label):
        for w in ws or []:
            if set(w) - KEYS["waive"]:
                errs.append(f"{label}: unknown waive keys")
            if w.get("rule") not in RULE_IDS:
                errs.append(f"{label}: unknown rule {w.get('rule')!r}")
            if not isinstance(w.get("until"), dt.date) or not w.get("reason"):
                errs.append(f"{label}: waiver needs until (date) and reason")
            if "metric" in w and w["metric"] not in metric_ids:
                errs.append(f"{label}: waiver metric unknown")

    for e in cats["channels"]:
        ref("people", e["owner"], f"channels {e['id']}")
        if not e.get("kpis"):
            errs.append(f"channels {e['id']}: no kpis")
        check_kpis(e.get("kpis"), False, f"channels {e['id']}")
        check_waive(e.get("waive"), f"channels {e['id']}")
    for e in cats["content"]:
        ref("personas", e["personas"], f"content {e['id']}")
        ref("stages", e["stage"], f"content {e['id']}")
        ref("channels", e["channels"], f"content {e['id']}")
        ref("people", e["owner"], f"content {e['id']}")
        if e["status"] not in ("draft", "live", "retired"):
            errs.append(f"content {e['id']}: bad status")
        for dk in ("published", "refresh_by"):
            if dk in e and not isinstance(e[dk], dt.date):
                errs.append(f"content {e['id']}: {dk} is not a date")
        check_kpis(e.get("kpis"), False, f"content {e['id']}")
        check_waive(e.get("waive"), f"content {e['id']}")

    pages = sorted((out / "manual").rglob("*.md"))
    sizes = []
    for f in pages:
        text = f.read_text()
        sizes.append(len(text.encode()))
        label = str(f.relative_to(out))
        if not text.startswith("---\n"):
            continue
        end = text.index("\n---\n", 4)
        fm = yaml.load(text[4:end], Loader=Loader) or {}
        if set(fm) - KEYS["page"]:
            errs.append(f"{label}: unknown keys {sorted(set(fm) - KEYS['page'])}")
        if "owner" in fm:
            ref("people", fm["owner"], label)
        if "reviewed" in fm and not isinstance(fm["reviewed"], dt.date):
            errs.append(f"{label}: reviewed is not a date")
        if "review_every" in fm and not DURATION.match(str(fm["review_every"])):
            errs.append(f"{label}: bad review_every")
        ref("personas", fm.get("personas", []), label)
        ref("stages", fm.get("stages", []), label)
        ref("channels", fm.get("channels", []), label)
        check_kpis(fm.get("kpis"), True, label)
        check_waive(fm.get("waive"), label)
        for link in re.findall(r"\]\(([^)]+\.md)\)", text):
            if not (f.parent / link).resolve().exists():
                errs.append(f"{label}: broken link {link}")

    # Rough expectations (not the tool's semantics, just a sanity check of the mix).
    last = pd.read_csv(files[-1], dtype={"period": str}) if files else None
    n_kpis = n_missed = n_stale = n_pages_fm = 0
    mk = yaml.load((out / "mkdocs.yml").read_text(), Loader=Loader)
    as_of = mk["plugins"][1]["opsmanual"]["as_of"]
    units = {"d": 1, "w": 7, "mo": 30}
    for f in pages:
        text = f.read_text()
        if not text.startswith("---\n"):
            continue
        n_pages_fm += 1
        fm = yaml.load(text[4 : text.index("\n---\n", 4)], Loader=Loader) or {}
        if "reviewed" in fm:
            m = re.match(r"(\d+)(d|w|mo)$", fm.get("review_every", "180d"))
            if fm["reviewed"] + dt.timedelta(days=int(m[1]) * units[m[2]]) < as_of:
                n_stale += 1
        for k in fm.get("kpis") or []:
            n_kpis += 1
            if "target" not in k or last is None:
                continue
            sel = last
            for dim, v in (k.get("where") or {}).items():
                sel = sel[sel[dim].isin(v if isinstance(v, list) else [v])]
            s = {m: (sel[m].sum() if sel[m].notna().any() else float("nan")) for m in MEASURE_NAMES}
            val = metric_value(k["metric"], s)
            t = str(k["target"]).replace(" ", "")
            op = re.match(r"^(>=|>|<=|<)?", t)[1] or (">=" if BETTER[k["metric"]] == "higher" else "<=")
            num = float(t[len(op) if t.startswith(op) else 0 :].rstrip("%")) / (100 if t.endswith("%") else 1)
            ok = {">=": val >= num, ">": val > num, "<=": val <= num, "<": val < num}[op]
            n_missed += int(val == val and not ok)
    print(
        f"verify: expect roughly {n_stale} stale reviews of {n_pages_fm} pages with front matter "
        f"(assuming a 180d default), {n_missed} of {n_kpis} page KPIs missing target in the newest period",
        file=sys.stderr,
    )

    if mk.get("docs_dir") != "manual":
        errs.append("mkdocs.yml: docs_dir")
    print(
        f"verify: {len(pages)} pages ({min(sizes)}..{max(sizes)} bytes, total {sum(sizes) / 1e6:.1f} MB), "
        f"{len(files)} snapshot files, {nrows} rows, {nmissing / max(1, ncells):.2%} of measure cells empty, "
        f"{sum(len(v) for v in cats.values())} catalog entries, {len(regions)} regions",
        file=sys.stderr,
    )
    return errs


def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("out_dir", metavar="OUT_DIR")
    for name in GEN_PARAMS:
        ap.add_argument(f"--{name}", type=int, default=DEFAULTS[name],
                        help="rows per snapshot file" if name == "rows" else None)
    ap.add_argument("--end-period", default=DEFAULTS["end_period"], help="newest period, YYYY-MM")
    ap.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty OUT_DIR (replaces its mkdocs.yml, manual/ and data/)",
    )
    ap.add_argument("--verify", action="store_true", help="re-read the project and check references")
    ap.add_argument("--verify-only", action="store_true", help="only verify an existing OUT_DIR")
    a = ap.parse_args(argv)
    for k in ("pages", "assets", "channels", "periods", "rows"):
        if getattr(a, k) < 1:
            ap.error(f"--{k} must be at least 1")
    if a.periods < 4:
        ap.error("--periods must be at least 4")
    if not re.match(r"^\d{4}-(0[1-9]|1[0-2])$", a.end_period):
        ap.error("--end-period must be YYYY-MM")
    return a


def main(argv=None) -> int:
    a = parse_args(argv)
    out = Path(a.out_dir)
    if a.verify_only:
        return report_verify(out)
    if out.exists() and not out.is_dir():
        print(f"generate: {out} exists and is not a directory", file=sys.stderr)
        return 2
    if out.exists() and any(out.iterdir()):
        if not a.force:
            print(f"generate: {out} is not empty; use --force to overwrite", file=sys.stderr)
            return 2
        for name in ("manual", "data"):
            if (out / name).is_dir():
                shutil.rmtree(out / name)
        if (out / "mkdocs.yml").exists():
            (out / "mkdocs.yml").unlink()
    out.mkdir(parents=True, exist_ok=True)
    stats = generate(a)
    print(
        f"generated {out} in {stats['seconds']} s (snapshots {stats['snapshot_seconds']} s): "
        f"{stats['pages']} pages ({stats['page_bytes'] / 1e6:.1f} MB), {stats['snapshot_files']} snapshots, "
        f"{stats['snapshot_rows']} rows ({stats['snapshot_bytes'] / 1e6:.1f} MB), as_of {stats['as_of']}",
        file=sys.stderr,
    )
    print(json.dumps(stats))
    return report_verify(out) if a.verify else 0


def report_verify(out: Path) -> int:
    errs = verify(out)
    for e in errs[:50]:
        print(f"verify: {e}", file=sys.stderr)
    if errs:
        print(f"verify: {len(errs)} problems", file=sys.stderr)
        return 1
    print("verify: ok", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
