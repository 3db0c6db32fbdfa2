"""The site report kept with every published version, and the comparison of two of them.

:class:`SiteReport` is the JSON report of ``opsmanual check --format json`` plus each KPI's state
and a hash of every manual page, so the next version can say what changed: findings new and
resolved, KPIs that crossed their target, pages added, edited or removed. This build's report is
made from the judgement (:func:`site_report`) and written as ``opsmanual-report.json``
(:meth:`SiteReport.to_json`); a previous version's file is the only one read back, defensively,
since an older opsmanual may have written it (:func:`read_report`). Everything here is pure and
deterministic (no clock, sorted keys).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..metrics.evaluate import KpiResult
from ..model.findings import Finding
from ..model.project import Project
from ..rules.engine import Judgement

# Values that identify a finding across versions (numbers, days and lines change; these do not).
STABLE_VALUES = ("metric", "slice", "persona", "stage", "kind", "id", "waived_rule")


@dataclass(frozen=True)
class ReportedFinding:
    """A finding as a site report keeps it: what identifies it across versions and what the
    changes page shows, beside its JSON entry as ``check --format json`` writes it."""

    rule: str
    severity: str
    subject: str
    message: str
    kpi: str | None = None
    stable: dict[str, Any] = field(default_factory=dict)  # the values of STABLE_VALUES it has
    entry: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The same for the same finding in two versions, whatever its message, line or numbers."""
        return json.dumps([self.rule, self.subject, self.kpi, self.stable], sort_keys=True, default=str)


@dataclass(frozen=True)
class KpiState:
    """One KPI of the manual, where it stood in this version."""

    subject: str
    metric: str
    label: str
    slice: dict[str, list[str]]
    state: str
    period: str | None
    latest: float | None
    target: str | None

    @property
    def key(self) -> str:
        return json.dumps([self.subject, self.metric, self.slice], sort_keys=True, default=str)

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "metric": self.metric, "label": self.label, "slice": self.slice,
                "state": self.state, "period": self.period, "latest": self.latest, "target": self.target}


@dataclass(frozen=True)
class SiteReport:
    as_of: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    findings: tuple[ReportedFinding, ...] = ()
    waived: tuple[ReportedFinding, ...] = ()
    changed_files: tuple[str, ...] | None = None
    kpis: tuple[KpiState, ...] = ()
    pages: dict[str, str] = field(default_factory=dict)  # manual page path -> sha256 of the file

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON values: the JSON report's keys, ``kpis`` and ``pages``."""
        data: dict[str, Any] = {
            "as_of": self.as_of,
            "findings": [f.entry for f in self.findings],
            "counts": self.counts,
            "waived": [f.entry for f in self.waived],
        }
        if self.changed_files is not None:
            data["changed_files"] = list(self.changed_files)
        data["kpis"] = [k.to_dict() for k in self.kpis]
        data["pages"] = self.pages
        return data

    def to_json(self) -> str:
        """The file both engines publish (``opsmanual-report.json``): keys sorted, two-space indent."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _reported(finding: Finding) -> ReportedFinding:
    entry = json.loads(json.dumps(finding.to_dict(), ensure_ascii=False))  # plain JSON types, as read back later
    values = entry.get("values", {})
    return ReportedFinding(finding.rule, finding.severity.label, entry["subject"], finding.message, finding.kpi,
                           {k: values[k] for k in STABLE_VALUES if k in values}, entry)


def _kpi_state(result: KpiResult) -> KpiState:
    return KpiState(
        subject=result.section.subject,
        metric=result.kpi.metric,
        label=result.label,
        slice={dim: list(ids) for dim, ids in result.kpi.where},
        state=result.state.value,
        period=result.newest_period,
        latest=None if result.latest is None else round(result.latest, 6),
        target=result.kpi.target_text,
    )


def site_report(project: Project, judgement: Judgement) -> SiteReport:
    """This build's report: the judgement's findings, each KPI's state and a hash of each page."""
    return SiteReport(
        as_of=judgement.as_of.isoformat(),
        counts=dict(judgement.counts()),
        findings=tuple(_reported(f) for f in judgement.findings),
        waived=tuple(_reported(f) for f in judgement.waived),
        changed_files=None if judgement.changed_files is None else tuple(judgement.changed_files),
        kpis=tuple(_kpi_state(r) for r in judgement.results),
        pages={p.path: p.sha256 for p in sorted(project.pages, key=lambda p: p.path)},
    )


# A previous version's file: whatever cannot be read counts as nothing.

def _text(value: object) -> str:
    return "" if value is None else str(value)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _slice(value: object) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        return {}
    return {str(k): [str(i) for i in v] if isinstance(v, list) else [str(v)] for k, v in value.items()}


def _dicts(items: object) -> list[dict[str, Any]]:
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _read_finding(entry: dict[str, Any]) -> ReportedFinding:
    values = entry.get("values") if isinstance(entry.get("values"), dict) else {}
    kpi = entry.get("kpi")
    return ReportedFinding(_text(entry.get("rule")), _text(entry.get("severity")), _text(entry.get("subject")),
                           _text(entry.get("message")), None if kpi is None else str(kpi),
                           {k: v for k, v in (values or {}).items() if k in STABLE_VALUES}, entry)


def _read_kpi(entry: dict[str, Any]) -> KpiState:
    target, period = entry.get("target"), entry.get("period")
    return KpiState(_text(entry.get("subject")), _text(entry.get("metric")),
                    _text(entry.get("label") or entry.get("metric")), _slice(entry.get("slice")),
                    _text(entry.get("state")), None if period is None else str(period), _number(entry.get("latest")),
                    None if target is None else str(target))


def read_report(data: object) -> SiteReport | None:
    """A previous version's report as parsed from its JSON file (None: it holds no report); what
    is missing or malformed (an older or damaged file) is read as nothing, never as an error."""
    if not isinstance(data, dict):
        return None
    counts, pages, files = data.get("counts"), data.get("pages"), data.get("changed_files")
    return SiteReport(
        as_of=data["as_of"] if isinstance(data.get("as_of"), str) else None,
        counts={str(k): v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)}
        if isinstance(counts, dict) else {},
        findings=tuple(_read_finding(f) for f in _dicts(data.get("findings"))),
        waived=tuple(_read_finding(f) for f in _dicts(data.get("waived"))),
        changed_files=tuple(str(f) for f in files) if isinstance(files, list) else None,
        kpis=tuple(_read_kpi(k) for k in _dicts(data.get("kpis"))),
        pages={str(k): str(v) for k, v in pages.items()} if isinstance(pages, dict) else {},
    )


@dataclass(frozen=True)
class Crossing:
    """A KPI whose state moved between met and missed."""

    subject: str
    metric: str
    label: str
    slice: dict[str, list[str]]
    before: str
    after: str
    latest: float | None
    target: str | None

    @property
    def improved(self) -> bool:
        return self.after == "met"


@dataclass(frozen=True)
class Changes:
    has_previous: bool
    previous_as_of: str | None = None
    counts_before: dict[str, int] = field(default_factory=dict)
    counts_after: dict[str, int] = field(default_factory=dict)
    new: tuple[ReportedFinding, ...] = ()
    resolved: tuple[ReportedFinding, ...] = ()
    crossed: tuple[Crossing, ...] = ()
    pages_added: tuple[str, ...] = ()
    pages_edited: tuple[str, ...] = ()
    pages_removed: tuple[str, ...] = ()

    @property
    def nothing_changed(self) -> bool:
        return not (
            self.new or self.resolved or self.crossed or self.pages_added or self.pages_edited or self.pages_removed
        )


def _only_in(first: Iterable[ReportedFinding], second: Iterable[ReportedFinding]) -> tuple[ReportedFinding, ...]:
    """Findings of ``first`` not matched by one of ``second`` (a multiset difference, order kept)."""
    remaining = Counter(f.key for f in second)
    out = []
    for finding in first:
        if remaining[finding.key]:
            remaining[finding.key] -= 1
        else:
            out.append(finding)
    return tuple(out)


def compare(previous: SiteReport | None, current: SiteReport) -> Changes:
    """What changed from the ``previous`` site report (None: there is none) to ``current``."""
    if previous is None:
        return Changes(False, counts_after=current.counts)
    old_kpis = {k.key: k for k in previous.kpis}
    crossed = []
    for kpi in current.kpis:
        old = old_kpis.get(kpi.key)
        if old is not None and (old.state, kpi.state) in (("met", "missed"), ("missed", "met")):
            crossed.append(Crossing(kpi.subject, kpi.metric, kpi.label or kpi.metric, kpi.slice, old.state, kpi.state, kpi.latest,
                                    kpi.target))
    old_pages, new_pages = previous.pages, current.pages
    return Changes(
        True,
        previous_as_of=previous.as_of,
        counts_before=previous.counts,
        counts_after=current.counts,
        new=_only_in(current.findings, previous.findings),
        resolved=_only_in(previous.findings, current.findings),
        crossed=tuple(crossed),
        pages_added=tuple(sorted(set(new_pages) - set(old_pages))),
        pages_edited=tuple(sorted(p for p in new_pages if p in old_pages and old_pages[p] != new_pages[p])),
        pages_removed=tuple(sorted(set(old_pages) - set(new_pages))),
    )
