"""Findings are data: a frozen record per flag, with a stable rule id and a severity."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .rules import Rule
from .severity import SEVERITIES, Severity
from .subject import Subject

__all__ = ["SEVERITIES", "Finding", "Severity", "count_by_severity", "count_phrase", "plural"]


@dataclass(frozen=True)
class Finding:
    """One flag: built by a rule function with its :class:`Rule` member (an id string is taken too)."""

    rule: Rule
    severity: Severity
    file: str
    line: int
    subject: Subject
    owner: str | None
    message: str
    kpi: str | None = None
    values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.rule, Rule):
            object.__setattr__(self, "rule", Rule(self.rule))

    def sort_key(self) -> tuple[str, int, str, str, str, str]:
        return (self.file, self.line, self.rule, self.subject, self.kpi or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule.value,
            "severity": self.severity.label,
            "file": self.file,
            "line": self.line,
            "subject": self.subject,
            "owner": self.owner,
            "message": self.message,
        }
        if self.kpi is not None:
            data["kpi"] = self.kpi
        if self.values:
            data["values"] = self.values
        return data


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    """``{"error": n, "warning": n, "info": n}``, in that order (the JSON report's ``counts``)."""
    counts = {s.label: 0 for s in SEVERITIES}
    for finding in findings:
        counts[finding.severity.label] += 1
    return counts


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 warnings``, ``3 info``."""
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def count_phrase(findings: Iterable[Finding]) -> str:
    """``1 error, 2 warnings`` (severities that occur, most severe first)."""
    counts: dict[Severity, int] = {}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    parts = [plural(counts[s], s.label) for s in sorted(counts, reverse=True)]
    return ", ".join(parts) or "no findings"
