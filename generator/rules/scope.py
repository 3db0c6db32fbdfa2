"""Limit a judgement to what a change touches (``opsmanual check --changed-since``).

Pure: the changed paths come in (the CLI asks git), a narrower :class:`Judgement` goes out. A
finding stays when it is about something the change touched:

- it sits in a changed file (a page, a catalog, a snapshot);
- its subject is an entity defined in a changed catalog file (``channel/webinar``);
- it is a KPI finding of a KPI whose numbers the change moved: a changed snapshot moves every KPI
  whose slice has rows in that file's periods; a changed ``metrics.yaml`` moves every KPI (and
  ``activity-only``, which depends on metric kinds);
- it is an ``off-plan`` or ``content-unused`` finding whose months a changed snapshot covers, or
  any such finding when ``metrics.yaml`` changed;
- its subject is a channel that a changed ``plan.yaml`` names (the plan concerns those channels);
- it is an ``unknown-reference`` to the kind of id a changed catalog defines (an id removed or
  renamed breaks pages elsewhere), or a ``coverage-gap`` in a persona x stage cell of a changed
  asset or stage;
- anything at all when the site config (``mkdocs.yml``) changed: its settings move every finding.
"""

from __future__ import annotations

import dataclasses
import enum
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from ..metrics.evaluate import KpiResult
from ..model.entities import CATALOG_OF
from ..model.findings import Finding
from ..model.names import PLAN_NAMES
from ..model.plan import PlanPeriod
from ..model.project import Project
from ..model.rules import Family
from ..model.subject import Subject
from .engine import Judgement

PERIOD_FAMILIES = frozenset({Family.PLAN, Family.CONTENT_USE})  # findings about the numbers of some months
# catalog -> the kind of id it defines, as ``unknown-reference`` names it
CATALOG_KINDS = {name: kind for kind, name in CATALOG_OF.items()}  # catalog file stem -> reference kind
_YAML = (".yaml", ".yml")


class FileKind(enum.Enum):
    CONFIG = "config"
    PAGE = "page"
    CATALOG = "catalog"
    METRICS = "metrics"
    PLAN = "plan"
    SNAPSHOT = "snapshot"
    OTHER = "other"  # not read by opsmanual (code, README, CI files ...)

    def is_read(self) -> bool:
        return self is not FileKind.OTHER


def _under(folder: str, path: str) -> str | None:
    """``path`` relative to ``folder`` when it lies inside it (both relative to the project root)."""
    folder = posixpath.normpath(folder)
    if folder == ".":
        return path
    return path[len(folder) + 1 :] if path.startswith(folder + "/") else None


def classify(project: Project, path: str) -> tuple[FileKind, str | None]:
    """What a project-relative path is to opsmanual, and for a catalog file which catalog."""
    path = posixpath.normpath(path)
    if path == project.config.file:
        return FileKind.CONFIG, None
    if _under(project.config.docs_dir, path) is not None and path.endswith(".md"):
        return FileKind.PAGE, None
    inside = _under(project.config.settings.data_dir, path)
    if inside is None:
        return FileKind.OTHER, None
    head, _, rest = inside.partition("/")
    if head == "snapshots" and rest and "/" not in rest and rest.endswith(".csv"):
        return FileKind.SNAPSHOT, None
    if not rest and head in ("metrics.yaml", "metrics.yml"):
        return FileKind.METRICS, None
    if not rest and head in PLAN_NAMES:
        return FileKind.PLAN, None
    stem = posixpath.splitext(head)[0] if not rest else head
    if stem in CATALOG_KINDS and inside.endswith(_YAML):
        return FileKind.CATALOG, stem
    return FileKind.OTHER, None


@dataclass(frozen=True)
class ChangeScope:
    """What a change touches, as the keys that findings are matched against."""

    files: frozenset[str]
    subjects: frozenset[Subject] = frozenset()
    kpis: frozenset[tuple[Subject, str, int]] = frozenset()  # (subject, file, line) of KPIs whose numbers moved
    reference_kinds: frozenset[str] = frozenset()
    cells: frozenset[tuple[str | None, str | None]] = frozenset()  # (persona, stage); None: any
    periods: frozenset[str] = frozenset()  # the months of changed snapshots
    all_kpis: bool = False
    everything: bool = False

    def covers(self, finding: Finding) -> bool:
        if self.everything or finding.file in self.files or finding.subject in self.subjects:
            return True
        family = finding.rule.family
        if family is Family.KPIS:
            return self.all_kpis or (finding.subject, finding.file, finding.line) in self.kpis
        if family is Family.ACTIVITY:
            return self.all_kpis
        if family in PERIOD_FAMILIES:
            return self.all_kpis or bool(self.periods.intersection(_months(finding)))
        if family is Family.REFERENCES:
            return finding.values.get("kind") in self.reference_kinds
        if family is Family.COVERAGE:
            persona, stage = finding.values.get("persona"), finding.values.get("stage")
            return any(p in (None, persona) and s in (None, stage) for p, s in self.cells)
        return False


def _months(finding: Finding) -> list[str]:
    """The months an ``off-plan`` or ``content-unused`` finding is about."""
    if finding.rule.family is Family.PLAN:
        return list(PlanPeriod.parse(finding.values.get("period", "")).months) if finding.values.get("period") else []
    return list(finding.values.get("periods", []))


def _kpi_key(result: KpiResult) -> tuple[Subject, str, int]:
    return (result.section.subject, result.kpi.file, result.kpi.line)


def change_scope(project: Project, results: Iterable[KpiResult], changed: Iterable[str]) -> ChangeScope:
    """The scope of ``changed`` (paths relative to the project root) in ``project``."""
    kinds = {posixpath.normpath(p): classify(project, p) for p in changed}
    files = frozenset(p for p, (kind, _) in kinds.items() if kind.is_read())
    if any(kind is FileKind.CONFIG for kind, _ in kinds.values()):
        return ChangeScope(files, everything=True)
    subjects = {page.subject for page in project.pages if page.file in files}
    cat = project.catalogs
    subjects |= {p.subject for p in cat.people.values() if p.source.file in files}
    subjects |= {p.subject for p in cat.personas.values() if p.source.file in files}
    subjects |= {c.subject for c in cat.channels.values() if c.source.file in files}
    subjects |= {a.subject for a in cat.content.values() if a.source.file in files}
    cells: set[tuple[str | None, str | None]] = {
        (persona, asset.stage) for asset in cat.content.values() if asset.source.file in files
        for persona in asset.personas
    }
    cells |= {(None, stage.id) for stage in cat.stages.values() if stage.source.file in files}
    if any(kind is FileKind.PLAN for kind, _ in kinds.values()):
        subjects |= {entry.subject for entry in project.plan.entries}
    reference_kinds = {CATALOG_KINDS[name] for kind, name in kinds.values() if kind is FileKind.CATALOG and name}
    all_kpis = any(kind is FileKind.METRICS for kind, _ in kinds.values())
    if all_kpis:
        reference_kinds.add("metric")
    periods = {period for f in project.snapshots.files if f.file in files for period in f.periods}
    kpis = {_kpi_key(r) for r in results if periods.intersection(r.periods)} if periods else set()
    return ChangeScope(files, frozenset(subjects), frozenset(kpis), frozenset(reference_kinds), frozenset(cells),
                       frozenset(periods), all_kpis)


def limit_to_change(judgement: Judgement, project: Project, changed_files: Iterable[str]) -> Judgement:
    """``judgement`` with only the findings (and waived findings) about what the change touched."""
    scope = change_scope(project, judgement.results, changed_files)
    return dataclasses.replace(
        judgement,
        findings=tuple(f for f in judgement.findings if scope.covers(f)),
        waived=tuple(f for f in judgement.waived if scope.covers(f)),
        silenced=tuple(w for w in judgement.silenced if scope.covers(w.finding)),
        changed_files=tuple(sorted(scope.files)),
    )
