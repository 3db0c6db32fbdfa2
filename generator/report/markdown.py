"""Markdown for a CI job summary or a pull-request comment. Every value is escaped."""

from __future__ import annotations

import html

from ..metrics.format import plural
from ..model.findings import SEVERITIES, Severity
from ..rules.engine import Judgement
from .text import scope_note

ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}


_SPECIAL = "\\|*_`[]#"
_LISTED = 10  # changed files named in the summary


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: HTML-escaped, pipes and emphasis neutralised."""
    escaped = html.escape(str(text), quote=False)
    return " ".join("".join("\\" + c if c in _SPECIAL else c for c in escaped).split())


def render_markdown(judgement: Judgement, fail_on: Severity | None = None, color: bool = False) -> str:
    counts = judgement.counts()
    lines = [
        f"## opsmanual check, as of {judgement.as_of.isoformat()}",
        "",
        "| severity | count |",
        "| --- | ---: |",
        *(f"| {ICON[s]} {s.label} | {counts[s.label]} |" for s in SEVERITIES),
        "",
    ]
    if judgement.changed_files is not None:
        shown = ", ".join(cell(f) for f in judgement.changed_files[:_LISTED])
        more = f" and {len(judgement.changed_files) - _LISTED} more" if len(judgement.changed_files) > _LISTED else ""
        lines += [f"{scope_note(judgement).capitalize()}{': ' + shown + more if shown else ''}.", ""]
    if judgement.waived:
        lines += [f"{plural(len(judgement.waived), 'finding')} silenced by active waivers (each until its `until` date).", ""]
    if not judgement.findings:
        lines.append("No findings in what this change touches." if judgement.changed_files is not None
                     else "No findings: every section is owned, reviewed and on target.")
        return "\n".join(lines) + "\n"
    lines += ["| | rule | where | subject | owner | message |", "| --- | --- | --- | --- | --- | --- |"]
    for f in judgement.findings:
        lines.append(
            f"| {ICON[f.severity]} | `{f.rule}` | {cell(f.file)}:{f.line} | {cell(f.subject)} | "
            f"{cell(f.owner or '—')} | {cell(f.message)} |"
        )
    return "\n".join(lines) + "\n"
