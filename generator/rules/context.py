"""What every rule sees: the project, the as-of date, the settings and the evaluated KPIs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..metrics.cube import Cube
from ..metrics.evaluate import KpiResult
from ..model.config import Settings
from ..model.findings import Finding, Severity
from ..model.project import Project
from ..model.rules import Rule
from ..model.subject import Subject
from .outcomes import CoverageCell, ReviewStatus


@dataclass
class Context:
    project: Project
    as_of: date
    results: list[KpiResult] = field(default_factory=list)
    cube: Cube | None = None  # the grouped snapshots, for rules that read series beyond the KPIs
    reviews: dict[Subject, ReviewStatus] = field(default_factory=dict)  # every page's review
    cells: tuple[CoverageCell, ...] = ()  # the content map's persona x stage cells

    @property
    def settings(self) -> Settings:
        return self.project.config.settings

    def severity(self, rule: Rule) -> Severity | None:
        """The configured severity, or None when the rule is turned off."""
        configured = self.settings.rules.get(rule)
        if configured == "off":
            return None
        return Severity.parse(configured) if configured else rule.severity

    def finding(
        self,
        rule: Rule,
        file: str,
        line: int,
        subject: Subject,
        owner: str | None,
        message: str,
        kpi: str | None = None,
        **values: Any,
    ) -> Finding:
        severity = self.severity(rule) or rule.severity
        return Finding(rule, severity, file, line, subject, owner, message, kpi, values)
