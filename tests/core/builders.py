"""Builders for the core's tests: a clean base project, files laid over it, and small helpers.

``BASE`` is a complete, clean project (no findings as of ``AS_OF``). Tests describe only what they
vary: dicts and lists are written as YAML; strings are written byte for byte (so tests that assert
line numbers spell the file out); ``None`` deletes a base file.
"""

from __future__ import annotations

import textwrap
from datetime import date

from generator.rules.engine import Judgement

from ..projects import FIXTURES, Files, write_files

__all__ = ["FIXTURES", "Files", "write_files"]

AS_OF = date(2026, 11, 20)

MKDOCS = """\
site_name: Test manual
docs_dir: manual
plugins:
  - search
  - opsmanual:
      review_every: 90d
      due_soon: 14d
"""

METRICS = """\
measures:
  leads: {label: Leads, kind: result}
  mqls: {label: MQLs, kind: result}
  sqls: {label: SQLs, kind: result}
  pipeline: {label: Pipeline, unit: USD, kind: result}
  cost: {label: Spend, unit: USD, kind: cost}
  emails_sent: {label: Emails sent, kind: activity}
  dials: {label: Dials, kind: activity}
metrics:
  sql_rate: {label: MQL to SQL rate, formula: sqls / mqls, unit: ratio, better: higher}
  cost_per_sql: {label: Cost per SQL, formula: cost / sqls, unit: USD, better: lower}
  roi: {label: Pipeline ROI, formula: (pipeline - cost) / cost, better: higher}
"""

# A clean project: every persona x stage cell covered, every page owned and freshly reviewed,
# every reference known, no KPI anywhere. Judged as of AS_OF it has no findings at all.
BASE: dict[str, str] = {
    "mkdocs.yml": MKDOCS,
    "data/people.yaml": """\
- id: revops
  name: Revenue Operations
  kind: team
- id: ana
  name: Ana Silva
""",
    "data/personas.yaml": """\
- id: it-director
  name: IT Director
  owner: ana
""",
    "data/stages.yaml": """\
- id: awareness
  name: Awareness
""",
    "data/channels.yaml": """\
- id: webinar
  name: Webinars
  owner: ana
- id: paid-social
  name: Paid social
  owner: revops
""",
    "data/content.yaml": """\
- id: wb-zero-trust
  title: Zero trust in 45 minutes
  personas: [it-director]
  stage: awareness
  channels: [webinar]
  owner: ana
  status: live
""",
    "data/metrics.yaml": METRICS,
    "manual/index.md": """\
---
owner: revops
reviewed: 2026-11-01
---
# Home
""",
}

def page(front: str | None = None, body: str = "# Page\n") -> str:
    """A Markdown page with the given front matter (dedented) and body."""
    if front is None:
        return body
    return f"---\n{textwrap.dedent(front).strip()}\n---\n{body}"


def kpi_page(metric: str, target: str | None = None, where: str | None = None) -> str:
    """A reviewed page owned by ana with one KPI (``where`` as inline YAML, e.g. ``{channel: seo}``)."""
    lines = ["owner: ana", "reviewed: 2026-11-01", "kpis:", f"  - metric: {metric}"]
    if where:
        lines.append(f"    where: {where}")
    if target is not None:
        lines.append(f'    target: "{target}"')
    return page("\n".join(lines))


def csv(text: str) -> str:
    """A CSV snapshot from an indented literal: dedented, blank lines dropped."""
    lines = [line.strip() for line in textwrap.dedent(text).strip().splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def pairs(judgement: Judgement) -> set[tuple[str, str]]:
    """The (rule, subject) of every finding kept."""
    return {(f.rule, f.subject) for f in judgement.findings}


def rules_of(judgement: Judgement, subject: str | None = None) -> list[str]:
    """The rules of the findings kept (optionally on one subject), in report order."""
    return [f.rule for f in judgement.findings if subject is None or f.subject == subject]
