"""Findings are data: a frozen record per flag, with a stable rule id and a severity."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()

    def at_least(self, other: Severity) -> bool:
        return self >= other


SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)  # the order every report lists them in


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    file: str
    line: int
    subject: str
    owner: str | None
    message: str
    kpi: str | None = None
    values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[str, int, str, str, str, str]:
        return (self.file, self.line, self.rule, self.subject, self.kpi or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
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
