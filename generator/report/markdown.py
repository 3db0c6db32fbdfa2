"""Markdown for a CI job summary or a pull-request comment. Every value is escaped."""

from __future__ import annotations

import re

from ..metrics.format import plural
from ..model.findings import SEVERITIES, Severity
from ..rules.engine import Judgement
from .text import scope_note

ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}


_SPECIAL = "\\|*_`[]#"
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=[A-Za-z#])")
_LISTED = 10  # changed files named in the summary


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no HTML, pipes and emphasis neutralised.

    Only what Markdown would read as HTML is escaped: ``<`` before a letter, ``/``, ``!`` or ``?``
    (a tag, comment or autolink) and ``&`` before a letter or ``#`` (an entity). ``target >= 5``,
    ``<= $1,100`` and ``Events & field`` stay as written, readable in the raw text too.
    """
    escaped = _ENTITY.sub("&amp;", str(text))
    escaped = _TAG.sub("&lt;", escaped)
    shown = " ".join("".join("\\" + c if c in _SPECIAL else c for c in escaped).split())
    return "\\" + shown if shown.startswith(">") else shown  # not a block quote at the start of a line


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
