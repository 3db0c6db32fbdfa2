"""What every renderer needs, indexed once: findings and KPI results by subject, owners, periods.

Also answers "where does this subject live on the site?" so that every page links a finding to
its page, channel row, asset row or persona page the same way.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import quote, urljoin

from ..metrics.cube import Cube
from ..metrics.evaluate import KpiResult
from ..metrics.scorecard import Scorecard
from ..model.dates import period_index
from ..model.findings import Finding
from ..model.page import Page
from ..model.project import Project
from ..model.subject import Subject
from ..rules.engine import Judgement
from . import links, subjects
from .blocks import dash
from .bundle import SiteMeta
from .escape import link, text

TREND_PERIODS = 12


def month_axis(newest: str | None, count: int = TREND_PERIODS) -> tuple[str, ...]:
    """The ``count`` months ending at ``newest`` (``YYYY-MM``), oldest first."""
    if newest is None:
        return ()
    end = period_index(newest)
    return tuple(f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(end - count + 1, end + 1))


@dataclass
class SiteContext:
    project: Project
    judgement: Judgement
    cube: Cube
    meta: SiteMeta
    findings: dict[Subject, list[Finding]] = field(default_factory=dict)
    waived: dict[Subject, list[Finding]] = field(default_factory=dict)
    by_owner: dict[str | None, list[Finding]] = field(default_factory=dict)
    results: dict[Subject, list[KpiResult]] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    periods: tuple[str, ...] = ()

    @classmethod
    def build(cls, project: Project, judgement: Judgement, cube: Cube, meta: SiteMeta) -> SiteContext:
        ctx = cls(project, judgement, cube, meta)
        for finding in judgement.findings:
            ctx.findings.setdefault(finding.subject, []).append(finding)
            ctx.by_owner.setdefault(finding.owner, []).append(finding)
        for finding in judgement.waived:
            ctx.waived.setdefault(finding.subject, []).append(finding)
        for result in judgement.results:
            ctx.results.setdefault(result.section.subject, []).append(result)
        ctx.pages = {page.path: page for page in project.pages}
        ctx.periods = tuple(project.snapshots.periods)
        return ctx

    @property
    def card(self) -> Scorecard:
        """The scorecard columns (spend, results, cost per result, ROI), as the judgement chose them."""
        return self.judgement.ranking.card

    @property
    def as_of(self) -> date:
        return self.judgement.as_of

    @property
    def newest_period(self) -> str | None:
        return self.periods[-1] if self.periods else None

    @cached_property
    def axis(self) -> tuple[str, ...]:
        return month_axis(self.newest_period)

    def on_axis(self, periods: tuple[str, ...], values: tuple[float | None, ...]) -> list[float | None]:
        """``values`` placed on the trend axis (the last months of data), None where missing."""
        known = dict(zip(periods, values, strict=True))
        return [known.get(period) for period in self.axis]

    # --- owners -------------------------------------------------------------------------------

    def owner_link(self, owner: str | None, from_page: str) -> str:
        """The owner's name linked to their page; the bare id for an unknown owner; "no owner"."""
        if owner is None:
            return "no owner"
        person = self.project.catalogs.people.get(owner)
        if person is None and "@" in owner:  # a CODEOWNERS handle or e-mail, shown as written
            return text(owner)
        if person is None:
            return f"{text(owner)} (not in people.yaml)"
        return links.text_link(person.name, from_page, links.owner_page(person.id))

    # --- subjects -----------------------------------------------------------------------------

    def as_subject(self, subject: Subject | str) -> Subject:
        """``subject`` as a :class:`Subject`; text from a previous report is read back here."""
        return subjects.as_subject(self.pages, subject)

    def subject_title(self, subject: Subject | str) -> str:
        """A subject's human name (page title, channel or persona name, asset title)."""
        return subjects.subject_title(self.project, self.pages, subject)

    def subject_target(self, subject: Subject | str) -> tuple[str, str | None] | None:
        """(docs path, fragment) where ``subject`` is shown on the site, or None."""
        return subjects.subject_target(self.project, self.pages, subject)

    def subject_link(self, subject: Subject | str, from_page: str) -> str:
        """The subject's title, linked to where it is shown when it is shown anywhere."""
        target = self.subject_target(subject)
        label = text(self.subject_title(subject))
        kind = subjects.subject_kind(self.pages, subject)
        if kind is not None:
            label = f"{label} ({text(kind)})"
        if target is None or target == (from_page, None):
            return label
        return links.md_link(label, from_page, *target)

    def source(self, file: str, line: int | None = None) -> str:
        """``file:line``, linked to the file's edit page when the site knows where sources are edited."""
        shown = f"{file}:{line}" if line else file
        base = self.meta.edit_url
        if not base:
            return text(shown)
        relative = posixpath.relpath(file, self.project.config.docs_dir or ".")
        return link(shown, urljoin(base, quote(relative, safe="/.-_~")))

    def finding_where(self, finding: Finding) -> str:
        return self.source(finding.file, finding.line)

    def owner_name(self, owner: str | None) -> str:
        return dash(self.project.owner_name(owner))
