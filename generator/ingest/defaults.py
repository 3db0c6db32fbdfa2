"""The built-in mapping of each format: its platform's usual column labels.

Written in the same shape as a mapping file (see docs/FORMATS.md, "Ingest mappings"). A built-in
entry applies only when its column is in the export and its measure is in ``data/metrics.yaml``;
a built-in value map applies only when its target id exists in the catalog. A ``--map`` file is
laid over it (``defaults: false`` starts from nothing).
"""

from __future__ import annotations

from typing import Any

NO_VALUE = {"(No value)": None}  # HubSpot's text for an empty property

BUILTIN: dict[str, dict[str, Any]] = {
    "generic": {
        # Built per project (see mapping.generic_builtin): a column named like a measure (its id
        # or label) is that measure; one named like a catalog dimension (channel, content,
        # persona, stage, owner) or a dimension of the existing snapshots is that dimension.
        "date": {"column": ["period", "date"], "format": ["%Y-%m", "%Y-%m-%d"]},
    },
    "ga4": {
        "measures": {
            "sessions": ["Sessions"],
            "leads": ["Key events", "Conversions"],
        },
        "dimensions": {
            "channel": {
                "column": [
                    "Session primary channel group (Default Channel Group)",
                    "Session default channel group",
                    "First user primary channel group (Default Channel Group)",
                    "First user default channel group",
                    "Default channel group",
                ],
                "values": {"Organic Search": "seo"},
            },
        },
        "date": {"column": ["Date"], "format": "%Y%m%d"},
    },
    "google-ads": {
        "measures": {
            "cost": ["Cost"],
            "leads": ["Conversions"],
        },
        "constants": {"channel": "paid-search"},
        "date": {"column": ["Day"], "format": "%Y-%m-%d"},
    },
    "linkedin": {
        "measures": {
            "cost": ["Total Spent", "Amount Spent", "Total Spent (USD)"],
            "leads": ["Leads"],
        },
        "constants": {"channel": "paid-social"},
        "date": {"column": ["Start Date (in UTC)", "Start Date", "Date"], "format": "%m/%d/%Y"},
    },
    "hubspot": {
        "measures": {
            "leads": ["Number of Leads", "Leads"],
            "mqls": ["Number of MQLs", "Number of Marketing Qualified Leads", "Marketing Qualified Leads"],
            "sqls": ["Number of SQLs", "Number of Sales Qualified Leads", "Sales Qualified Leads"],
            "opportunities": ["Number of Opportunities", "Opportunities"],
            "emails_sent": ["Sent", "Emails sent"],
        },
        "dimensions": {
            "channel": {
                "column": ["Original Source", "Original Traffic Source", "Latest Source"],
                "values": {**NO_VALUE, "Organic Search": "seo"},
            },
            "persona": {"column": ["Persona"], "values": NO_VALUE},
            "stage": {"column": ["Buyer Journey Stage"], "values": NO_VALUE},
        },
    },
    "salesforce": {
        "measures": {
            "leads": ["Leads in Campaign", "Leads", "Total Leads"],
            "mqls": ["MQLs", "Marketing Qualified Leads"],
            "sqls": ["SQLs", "Sales Qualified Leads"],
            "opportunities": ["Opportunities in Campaign", "Opportunities"],
            "pipeline": ["Value Opportunities in Campaign", "Amount", "Pipeline"],
            "won_revenue": ["Value Won Opportunities in Campaign", "Won Amount"],
            "cost": ["Actual Cost in Campaign", "Actual Cost"],
        },
        "dimensions": {
            "channel": {"column": ["Campaign Type", "Lead Source"]},
            "content": {"column": ["Campaign Name", "Campaign", "Primary Campaign Source"]},
        },
    },
}
