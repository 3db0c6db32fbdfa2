"""The generated project's fixed vocabulary: owners, personas, stages, channels, regions, content
types, words for titles and bodies, and the metric catalog. Order matters: the generator draws
from these lists with seeded random streams, so reordering one changes every byte after it."""

from __future__ import annotations

TEAMS = [
    ("revops", "Revenue Operations"), ("marketing-ops", "Marketing Operations"), ("content-team", "Content Team"),
    ("field-marketing", "Field Marketing"), ("demand-gen", "Demand Generation"), ("pmm", "Product Marketing"),
    ("brand", "Brand and Creative"), ("web-team", "Web Team"), ("partner-marketing", "Partner Marketing"),
    ("abm-team", "Account-Based Marketing"), ("sdr-team", "Sales Development"), ("analytics", "Marketing Analytics"),
    ("events-team", "Events"), ("growth", "Growth"),
]
N_PEOPLE = 60

FIRST_NAMES = ("dana alex sam jordan priya mateo lena omar yuki chloe ravi ines noah sofia kwame hannah li marco "
               "aisha tomas elena felix grace hugo ivy jonas kira luca maya nils").split()
LAST_NAMES = ("kim garcia novak okafor rossi schmidt tanaka silva dubois patel nguyen larsen moreau costa fischer "
              "haddad ivanova jensen keller lopez mendes nakamura oconnor park quinn reyes sato torres weber young").split()

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
    ("webinar", "Webinars", "events"), ("virtual-events", "Virtual events", "events"),
    ("trade-shows", "Trade shows", "events"), ("field-events", "Field events", "events"),
    ("roundtables", "Executive roundtables", "events"), ("user-conference", "User conference", "events"),
    ("paid-search", "Paid search", "paid"), ("linkedin-ads", "LinkedIn ads", "paid"), ("meta-ads", "Meta ads", "paid"),
    ("display", "Display advertising", "paid"), ("retargeting", "Retargeting", "paid"),
    ("youtube-ads", "YouTube ads", "paid"), ("podcast-ads", "Podcast sponsorships", "paid"),
    ("content-syndication", "Content syndication", "paid"), ("review-sites", "Review sites", "paid"),
    ("seo", "Organic search", "organic"), ("organic-social", "Organic social", "organic"), ("blog", "Blog", "organic"),
    ("community", "Community", "organic"), ("youtube-channel", "YouTube channel", "organic"),
    ("email-nurture", "Email nurture", "email"), ("newsletter", "Newsletter", "email"),
    ("email-promo", "Promotional email", "email"), ("in-product", "In-product messages", "email"),
    ("direct-mail", "Direct mail", "outbound"), ("sdr-outbound", "SDR outbound", "outbound"),
    ("abm-one-to-one", "ABM one-to-one", "abm"), ("abm-one-to-few", "ABM one-to-few", "abm"),
    ("intent-programs", "Intent data programs", "abm"), ("partner-referral", "Partner referrals", "partner"),
    ("reseller-mdf", "Reseller MDF", "partner"), ("marketplace", "Cloud marketplaces", "partner"),
    ("customer-referral", "Customer referrals", "partner"), ("analyst-relations", "Analyst relations", "organic"),
    ("public-relations", "Public relations", "organic"), ("free-trial", "Free trial", "product"),
    ("product-signups", "Product-led signups", "product"), ("web-chat", "Website chat", "product"),
    ("affiliates", "Affiliates", "partner"), ("sponsorships", "Sponsorships", "events"),
    ("hackathons", "Developer hackathons", "events"), ("meetups", "Meetups", "events"),
]
FAMILY_OWNER = {
    "events": "events-team", "paid": "demand-gen", "organic": "web-team", "email": "marketing-ops",
    "outbound": "sdr-team", "abm": "abm-team", "partner": "partner-marketing", "product": "growth",
}
# A lead's typical cost per channel family, USD.
FAMILY_CPL = {"events": 90, "paid": 45, "organic": 12, "email": 8, "outbound": 60, "abm": 130, "partner": 35, "product": 10}

REGIONS = "na-east na-west canada uki dach france nordics southern-europe apac anz japan latam".split()
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
    "zero trust", "cloud cost control", "kubernetes security", "data residency", "identity governance",
    "backup and recovery", "ransomware readiness", "soc2 audits", "observability", "api security",
    "developer productivity", "vendor consolidation", "network segmentation", "secrets management",
    "compliance automation", "incident response", "edge computing", "data pipelines", "ai governance",
    "platform engineering", "finops", "patch management", "endpoint visibility", "access reviews",
    "multi-cloud strategy", "supply chain security", "log retention", "service reliability", "database migration",
    "gdpr readiness", "budget planning", "procurement checklists", "total cost of ownership", "migration playbooks",
    "security awareness", "risk scoring",
]
TITLE_PATTERNS = [
    "{Topic}: a practical guide", "The {topic} playbook", "{Topic} in 45 minutes", "How {company} approached {topic}",
    "{Topic} for the {persona}", "Five myths about {topic}", "{Topic} benchmark report",
    "A buyer's checklist for {topic}", "{Topic} explained", "From pilot to production: {topic}",
    "The state of {topic}", "{Topic} ROI calculator", "What good looks like: {topic}", "{Topic} maturity model",
    "Getting started with {topic}",
]
COMPANIES = [
    "Northwind", "Globex", "Initech", "Umbrella Health", "Stark Logistics", "Wayne Retail", "Acme Bank",
    "Hooli Cloud", "Vandelay Imports", "Soylent Foods", "Tyrell Energy",
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
    "lead handoff", "MQL scoring", "SQL acceptance", "campaign intake", "UTM conventions", "budget reallocation",
    "webinar follow-up", "event ROI review", "content refresh", "persona research", "win-loss interviews",
    "nurture track design", "lead routing", "data hygiene", "attribution model", "channel scorecard",
    "quarterly planning", "creative review", "landing page QA", "A/B test governance", "partner onboarding",
    "SDR sequences", "account selection", "intent signal triage", "pipeline review", "dashboard maintenance",
    "CRM field governance", "consent management", "launch readiness", "analyst briefing", "customer references",
    "pricing page updates", "trial conversion", "newsletter production", "sponsorship evaluation",
    "territory alignment", "vendor review",
]
PAGE_KINDS = ("process playbook runbook checklist policy standard guide retrospective review SLA handbook "
              "plan").split()
TAGS = "process playbook policy runbook strategy reference how-to sla experiment governance onboarding quarterly".split()
REVIEW_CADENCES = ["30d", "60d", "90d", "6w", "12w", "3mo", "6mo", "180d", "365d"]

# Words for body text.
NOUNS = [
    "lead", "account", "campaign", "asset", "landing page", "nurture track", "segment", "list", "budget", "forecast",
    "dashboard", "handoff", "sequence", "score", "workflow", "brief", "calendar", "audience", "offer", "experiment",
    "report", "request", "field", "record", "opportunity", "territory", "routing rule", "template", "review",
    "retrospective",
]
VERBS = ("review update publish route score approve archive enrich qualify assign measure refresh escalate document "
         "reconcile prioritise retire test launch tag").split()
ADJS = ("qualified stale high-intent inbound outbound regional quarterly weekly new existing strategic priority "
        "incomplete duplicate approved draft").split()
TOOLS = [
    "the CRM", "the marketing automation platform", "the BI workspace", "the CDP", "the enrichment service",
    "the webinar platform", "the ad manager", "the CMS", "the shared drive", "the planning board",
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
    "Purpose", "Scope", "Roles and responsibilities", "Inputs", "Steps", "Outputs", "Service levels", "Exceptions",
    "Tools", "Measures of success", "Common mistakes", "Examples", "Escalation", "Review cadence", "Background",
    "Decisions and trade-offs", "Open questions", "Checklist", "Templates", "Glossary", "History",
]
WAIVER_REASONS = [
    "New nurture track launched", "Budget moved mid-quarter", "Tracking fix in progress", "Seasonal dip expected",
    "Channel being re-evaluated",
]

# The snapshot columns after ``period`` and the metric catalog (data/metrics.yaml).
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
MISSING_RATE = {
    "leads": 0.01, "mqls": 0.02, "sqls": 0.02, "opportunities": 0.03, "pipeline": 0.05, "cost": 0.02,
    "emails_sent": 0.06,
}
SEASON = [0.9, 1.0, 1.1, 1.05, 1.0, 0.9, 0.8, 0.85, 1.15, 1.2, 1.1, 0.75]  # Jan..Dec
