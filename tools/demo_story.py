"""The story the demo's snapshots tell, as numbers: each channel's monthly plan (spend, cost per
SQL, volumes, funnel rates), seasonality, who the rows are for, and where rows stop or never
carry a result. Read by ``tools/demo_snapshots.py``; see docs/DEMO.md for the findings."""

from __future__ import annotations

import random

SEED = 20261120
FIRST = "2025-05"
COUNT = 18  # 2025-05 .. 2026-10

# The rows of each channel, in file order.
CHANNELS = ["seo", "paid-search", "paid-social", "webinar", "email-nurture", "events", "partner", "review-sites",
            "outbound"]

REGIONS = (("na", 0.64), ("emea", 0.36))
# Channels run by regional teams carry a region; web and email rows are not region-split.
REGIONAL = {"paid-search", "paid-social", "events", "partner", "outbound"}

# Where an asset's rows stop before the newest period (retired, or tracking lost); None: no row
# in the window at all. An asset's rows start with the month it was published (data/content.yaml).
ROWS_END: dict[str, str | None] = {
    "blog-legacy-av-comparisons": "2025-08",
    # tracking on the calculator was lost in the 2026-08 website migration: no rows after 2026-07
    "calc-patch-risk": "2026-07",
    "wb-ransomware-tabletop": "2026-05",
    "eb-zero-trust-roadmap-2025": "2026-01",
    "msp-pricing-guide-2024": "2026-06",
    "inf-phishing-stats": None,
}

# Assets whose rows carry sessions and never a result: (channel, persona, stage, first period, sessions).
# Written after every other row and without the seeded streams, so they change no other number.
UNUSED = {"pg-compliance-hub": ("seo", "it-director", "awareness", "2026-05", 640)}

# Rows not tied to an asset (brand search, badge scans, outbound sequences, partner-sourced deals).
UNTIED: dict[str, list[tuple[str, str, float]]] = {
    "seo": [("sysadmin", "awareness", 1.0), ("it-director", "consideration", 0.8)],
    "paid-search": [("it-director", "decision", 1.2), ("sysadmin", "decision", 0.8)],
    "events": [
        ("it-director", "awareness", 1.6),
        ("security-lead", "awareness", 1.0),
        ("sysadmin", "awareness", 0.8),
        ("it-director", "consideration", 1.2),
        ("msp-owner", "awareness", 0.5),
    ],
    "partner": [("msp-owner", "consideration", 1.4), ("msp-owner", "decision", 0.35)],
    "review-sites": [("it-director", "consideration", 0.8)],
    "outbound": [
        ("it-director", "consideration", 1.4),
        ("sysadmin", "consideration", 0.8),
        ("it-director", "decision", 1.0),
        ("security-lead", "decision", 0.7),
        ("finance-leader", "decision", 0.4),
    ],
}

STAGE_VOLUME = {"awareness": 1.4, "consideration": 1.0, "decision": 0.6, "expansion": 0.5}
STAGE_SQL_QUALITY = {"awareness": 0.7, "consideration": 1.0, "decision": 1.5, "expansion": 1.2}
PERSONA_VOLUME = {"it-director": 1.2, "security-lead": 0.9, "sysadmin": 1.1, "finance-leader": 0.5, "msp-owner": 0.7}

# --- seasonality ---------------------------------------------------------------------------------
SEASON = {1: 0.90, 2: 0.98, 3: 1.06, 4: 1.02, 5: 1.00, 6: 0.94, 7: 0.80, 8: 0.78, 9: 1.02, 10: 1.12, 11: 1.10, 12: 0.74}
SPEND = {1: 0.95, 2: 1.0, 3: 1.0, 4: 1.0, 5: 1.0, 6: 0.97, 7: 0.92, 8: 0.90, 9: 1.0, 10: 1.05, 11: 1.05, 12: 0.85}
EVENTS = {1: 0.30, 2: 0.80, 3: 1.30, 4: 1.40, 5: 1.20, 6: 0.90, 7: 0.35, 8: 0.40, 9: 1.10, 10: 1.60, 11: 1.30, 12: 0.40}
OUTBOUND = {1: 0.95, 2: 1.0, 3: 1.04, 4: 1.02, 5: 1.0, 6: 0.97, 7: 0.90, 8: 0.88, 9: 1.02, 10: 1.06, 11: 1.05, 12: 0.85}


def month_of(period: str) -> int:
    return int(period[5:])


def jitter(rng: random.Random, value: float, spread: float) -> float:
    return value * (1 + rng.uniform(-spread, spread))


def plan(channel: str, i: int, period: str, rng: random.Random) -> dict[str, float]:
    """The channel's monthly totals before they are split into rows."""
    m = month_of(period)
    growth = 1 + 0.012 * i
    p: dict[str, float] = {}
    if channel == "seo":
        p["leads"] = 420 * SEASON[m] * growth
        p["mql_rate"] = {"2026-08": 0.312, "2026-09": 0.284, "2026-10": 0.266}.get(period, jitter(rng, 0.305, 0.02))
        p["sql_rate"] = jitter(rng, 0.29, 0.03)
        p["opp_rate"], p["acv"], p["sessions_per_lead"] = 0.46, 25500, 84
    elif channel == "paid-search":
        p["cost"] = 18000 * SPEND[m]
        p["cps"] = {"2026-10": 675}.get(period, jitter(rng, 640, 0.03))
        p["sql_rate"] = {"2026-08": 0.316, "2026-09": 0.322, "2026-10": 0.293}.get(period, jitter(rng, 0.335, 0.025))
        p["mql_rate"] = jitter(rng, 0.36, 0.03)
        p["opp_rate"], p["acv"], p["sessions_per_lead"] = 0.5, 27000, 38
    elif channel == "paid-social":
        p["cost"] = 15000 * SPEND[m]
        p["cps"] = 790 + 810 * (i / (COUNT - 1)) ** 1.3  # the audience saturates: climbs every month
        p["sql_rate"] = 0.26 - 0.10 * i / (COUNT - 1)
        p["mql_rate"] = jitter(rng, 0.22, 0.03)
        p["opp_rate"], p["acv"], p["sessions_per_lead"] = 0.42, 24000, 46
    elif channel == "webinar":
        new_format = period >= "2026-06"
        p["leads"] = 240 * SEASON[m] * growth
        p["mql_rate"] = jitter(rng, 0.36, 0.03)
        p["sql_rate"] = jitter(rng, 0.30, 0.02) if new_format else jitter(rng, 0.175, 0.05)
        p["attendance"] = jitter(rng, 0.46, 0.02) if new_format else jitter(rng, 0.37, 0.03)
        p["cost"] = jitter(rng, 6000 * {7: 0.7, 8: 0.7, 12: 0.6}.get(m, 1.0), 0.03)
        p["opp_rate"], p["acv"] = 0.5, 26000
    elif channel == "email-nurture":
        p["leads"] = 150 * SEASON[m] * growth
        p["mql_rate"] = jitter(rng, 0.42, 0.03)
        p["sql_rate"] = jitter(rng, 0.26, 0.04)
        p["emails"] = 42000 * SEASON[m] ** 0.3 * (1 + 0.004 * i)
        p["opp_rate"], p["acv"] = 0.44, 22000
    elif channel == "events":
        p["cost"] = 20000 * EVENTS[m]
        p["cps"] = {"2026-08": 1180, "2026-10": 1090}.get(period, jitter(rng, 1150, 0.035))
        p["sql_rate"] = jitter(rng, 0.24, 0.04)
        p["mql_rate"] = jitter(rng, 0.21, 0.04)
        p["opp_rate"], p["acv"] = 0.5, 29000
    elif channel == "partner":
        p["cost"] = 8000 * SPEND[m] * (0.94 if m in (7, 8) else 1.0)
        p["cps"] = jitter(rng, 520, 0.04)
        p["sql_rate"] = jitter(rng, 0.30, 0.04)
        p["mql_rate"] = jitter(rng, 0.33, 0.04)
        p["opp_rate"], p["acv"] = 0.56, 31000
    elif channel == "review-sites":
        p["cost"] = 4500 * SPEND[m]
        p["cps"] = jitter(rng, 560, 0.04)
        p["sql_rate"] = jitter(rng, 0.34, 0.04)
        p["mql_rate"] = jitter(rng, 0.38, 0.04)
        p["opp_rate"], p["acv"], p["sessions_per_lead"] = 0.5, 25000, 21
    elif channel == "outbound":
        p["leads"] = 120 * OUTBOUND[m] * growth
        p["mql_rate"] = jitter(rng, 0.55, 0.03)
        p["sql_rate"] = jitter(rng, 0.42, 0.03)
        p["dials"] = 3800 * OUTBOUND[m]
        p["opp_rate"], p["acv"] = 0.48, 28000
    else:  # pragma: no cover - every channel above
        raise KeyError(channel)
    return p
