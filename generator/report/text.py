"""Plain text, grouped by file; coloured on a terminal."""

from __future__ import annotations

from itertools import groupby

from ..model.findings import Severity
from ..rules.engine import Judgement
from .plain import one_line

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def summary_line(judgement: Judgement) -> str:
    counts = judgement.counts()
    parts = [f"{counts['error']} error{'s' if counts['error'] != 1 else ''}",
             f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}",
             f"{counts['info']} info"]
    waived = f", {len(judgement.waived)} waived" if judgement.waived else ""
    scope = f"; {scope_note(judgement)}" if judgement.changed_files is not None else ""
    return f"{', '.join(parts)}{waived} (as of {judgement.as_of.isoformat()}{scope})"


def scope_note(judgement: Judgement) -> str:
    """``limited to 3 changed files`` for a judgement limited to a change (``--changed-since``)."""
    count = len(judgement.changed_files or ())
    return f"limited to {count} changed file{'s' if count != 1 else ''}"


def render_text(judgement: Judgement, fail_on: Severity | None = None, color: bool = False) -> str:
    lines: list[str] = []
    for file, findings in groupby(judgement.findings, key=lambda f: f.file):
        lines.append(_paint(one_line(file), "1", color))
        for f in findings:
            severity = _paint(f"{f.severity.label:<7}", _COLOURS[f.severity], color)
            owner = f"  [{one_line(f.owner)}]" if f.owner else ""
            lines.append(f"  {f.line:>4}  {severity}  {f.rule:<21}  {one_line(f.message)}{owner}")
        lines.append("")
    lines.append(summary_line(judgement))
    return "\n".join(lines) + "\n"
