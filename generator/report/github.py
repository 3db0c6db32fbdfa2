"""GitHub Actions workflow commands: one annotation per finding, on its file and line."""

from __future__ import annotations

from ..model.findings import Severity
from ..rules.engine import Judgement
from .plain import one_line
from .text import summary_line

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """Line breaks encoded as GitHub decodes them; other control characters shown escaped."""
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(judgement: Judgement, fail_on: Severity | None = None, color: bool = False) -> str:
    lines = [
        f"::{_LEVEL[f.severity]} file={_property(f.file)},line={f.line},"
        f"title={_property(f'{f.rule}: {f.subject}')}::{_data(f.message)}"
        for f in judgement.findings
    ]
    lines.append(summary_line(judgement))
    return "\n".join(lines) + "\n"
