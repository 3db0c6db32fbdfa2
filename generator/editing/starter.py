"""The files of a new manual (``opsmanual init`` in an empty folder): texts, no logic.

The manual they make builds with MkDocs + Material and checks clean: one home page owned by the
first person of ``people.yaml`` and reviewed on the day of ``init``, the metric catalog of the
product brief, and the CI workflows that install opsmanual from its git tag.
"""

from __future__ import annotations

from .. import SOURCE, __version__

MARKDOWN_EXTENSIONS = """\
markdown_extensions:
  - tables
  - admonition
  - attr_list
  - md_in_html
  - def_list
  - footnotes
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist:        # - [ ] and - [x] render as check boxes
      custom_checkbox: true
"""


def mkdocs_yml(site_name: str, docs_dir: str, large: bool) -> str:
    prune = ("    - navigation.prune        # a large manual: only the open section's links are rendered\n"
             if large else
             "    # - navigation.prune      # turn on once the manual has hundreds of pages\n")
    return f"""\
site_name: {site_name}
docs_dir: {docs_dir}
theme:
  name: material
  features:
    - navigation.sections
    - navigation.indexes
    - navigation.top
    - search.highlight
    - content.action.edit
{prune}plugins:
  - search
  - tags
  - opsmanual:               # settings: docs/FORMATS.md of opsmanual
      review_every: 180d
{MARKDOWN_EXTENSIONS}"""


def home_page(owner: str, day: str, review_every: str = "180d") -> str:
    return f"""\
---
title: Home
owner: {owner}
reviewed: {day}
review_every: {review_every}
---
# Home

This is the operating manual: how the team plans, runs and measures its demand-generation
engine. Every page says who owns it, when it was last reviewed and whether its KPIs are met.

## Getting started

- [x] Run `opsmanual init`
- [ ] Add the team to `data/people.yaml` (`opsmanual new person ID --name "Full Name"`)
- [ ] Write the first process (`opsmanual new page processes/lead-handoff --owner {owner}`)
- [ ] Add buyer personas and journey stages (`opsmanual new persona ID`)
- [ ] Put the first monthly snapshot in `data/snapshots/YYYY-MM.csv` (`opsmanual ingest`)
"""


def people_yaml(person_id: str, name: str, email: str | None) -> str:
    lines = [f"- id: {person_id}", f"  name: {_quote(name)}"]
    if email:
        lines.append(f"  email: {_quote(email)}")
    return "# Owners of pages and catalog entries: teams and people.\n" + "\n".join(lines) + "\n"


METRICS_YAML = """\
# The metric catalog: snapshot columns (measures) and the metrics derived from them.
measures:
  leads:       {label: Leads, kind: result}
  mqls:        {label: MQLs, kind: result}
  sqls:        {label: SQLs, kind: result}
  pipeline:    {label: Pipeline, unit: USD, kind: result}
  cost:        {label: Spend, unit: USD, kind: cost}
  emails_sent: {label: Emails sent, kind: activity}
metrics:
  sql_rate:     {label: MQL to SQL rate, formula: sqls / mqls, unit: ratio, better: higher}
  cost_per_sql: {label: Cost per SQL, formula: cost / sqls, unit: USD, better: lower}
  roi:          {label: Pipeline ROI, formula: (pipeline - cost) / cost, better: higher}
"""

GITIGNORE = "site/\n.cache/\n"


def check_workflow() -> str:
    return f"""\
# Pull requests: opsmanual check on the change, with annotations and a job summary.
name: manual check

on:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          fetch-depth: 0 # --changed-since needs the history back to the merge base
          persist-credentials: false
      - uses: {SOURCE}@v{__version__}
"""


def publish_workflow() -> str:
    return f"""\
# Publish the manual on every push to main and nightly (staleness moves with the clock).
name: manual publish

on:
  push:
    branches: [main]
  schedule:
    - cron: "17 4 * * *"
  workflow_dispatch:

permissions:
  contents: write # the site is committed to the gh-pages branch

concurrency:
  group: manual-publish
  cancel-in-progress: false

jobs:
  publish:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          fetch-depth: 0
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0
        with:
          python-version: "3.12"
      - name: Install opsmanual
        run: python -m pip install "opsmanual @ git+https://github.com/{SOURCE}@v{__version__}"
      - name: Publish this month's version as latest
        run: |
          git config user.name "github-actions[bot]"
          git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
          opsmanual publish . --version "$(date -u +%Y-%m)" --alias latest --push
"""


def _quote(text: str) -> str:
    """A YAML scalar that reads back as ``text``."""
    safe = text and text.strip() == text and not any(c in text for c in ":#{}[],&*!|>'\"%@`") \
        and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "~")
    return text if safe else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
