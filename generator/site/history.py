"""The site report kept with every published version, and the comparison of two of them.

``site_report`` is the JSON report of ``opsmanual check --format json`` plus each KPI's state and
a hash of every manual page, so the next version can say what changed: findings new and resolved,
KPIs that crossed their target, pages added, edited or removed. Both functions are pure and
deterministic (no clock, sorted keys); a previous report is read defensively, since it may come
from an older opsmanual.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..metrics.evaluate import KpiResult
from ..model.project import Project
from ..report.json_report import report_dict
from ..rules.engine import Judgement

# Values that identify a finding across versions (numbers, days and lines change; these do not).
STABLE_VALUES = ("metric", "slice", "persona", "stage", "kind", "id", "waived_rule")


def _kpi_entry(result: KpiResult) -> dict[str, Any]:
    return {
        "subject": result.section.subject,
        "metric": result.kpi.metric,
        "label": result.label,
        "slice": {dim: list(ids) for dim, ids in result.kpi.where},
        "state": result.state.value,
        "period": result.newest_period,
        "latest": None if result.latest is None else round(result.latest, 6),
        "target": result.kpi.target_text,
    }


def site_report(project: Project, judgement: Judgement) -> dict[str, Any]:
    """The JSON report plus ``kpis`` (state of each KPI) and ``pages`` (path -> sha256 of the file)."""
    report: dict[str, Any] = dict(report_dict(judgement))
    report["kpis"] = [_kpi_entry(r) for r in judgement.results]
    report["pages"] = {p.path: p.sha256 for p in sorted(project.pages, key=lambda p: p.path)}
    # Plain JSON types only, keys sorted: what is compared is what a later version reads back.
    return json.loads(json.dumps(report, sort_keys=True, ensure_ascii=False))


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
    new: tuple[dict[str, Any], ...] = ()
    resolved: tuple[dict[str, Any], ...] = ()
    crossed: tuple[Crossing, ...] = ()
    pages_added: tuple[str, ...] = ()
    pages_edited: tuple[str, ...] = ()
    pages_removed: tuple[str, ...] = ()

    @property
    def nothing_changed(self) -> bool:
        return not (
            self.new or self.resolved or self.crossed or self.pages_added or self.pages_edited or self.pages_removed
        )


def finding_key(finding: dict[str, Any]) -> str:
    values = finding.get("values") if isinstance(finding.get("values"), dict) else {}
    stable = {k: values[k] for k in STABLE_VALUES if k in values}  # type: ignore[index]
    key = [finding.get("rule"), finding.get("subject"), finding.get("kpi"), stable]
    return json.dumps(key, sort_keys=True, default=str)


def kpi_key(entry: dict[str, Any]) -> str:
    return json.dumps(
        [entry.get("subject"), entry.get("metric"), entry.get("slice") or {}], sort_keys=True, default=str
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _slice(value: object) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        return {}
    return {str(k): [str(i) for i in v] if isinstance(v, list) else [str(v)] for k, v in value.items()}


def _counts(counts: object) -> dict[str, int]:
    if not isinstance(counts, dict):
        return {}
    return {str(k): v for k, v in counts.items() if isinstance(v, int) and not isinstance(v, bool)}


def _dicts(items: object) -> list[dict[str, Any]]:
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _only_in(first: Iterable[dict[str, Any]], second: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """Findings of ``first`` not matched by one of ``second`` (a multiset difference, order kept)."""
    remaining = Counter(finding_key(f) for f in second)
    out = []
    for finding in first:
        key = finding_key(finding)
        if remaining[key]:
            remaining[key] -= 1
        else:
            out.append(finding)
    return tuple(out)


def compare(previous: dict[str, Any] | None, current: dict[str, Any]) -> Changes:
    """What changed from the ``previous`` site report (None: there is none) to ``current``."""
    counts_after = _counts(current.get("counts"))
    if not isinstance(previous, dict):
        return Changes(False, counts_after=counts_after)
    before, after = _dicts(previous.get("findings")), _dicts(current.get("findings"))
    old_kpis = {kpi_key(k): k for k in _dicts(previous.get("kpis"))}
    crossed = []
    for entry in _dicts(current.get("kpis")):
        old = old_kpis.get(kpi_key(entry))
        if old is None:
            continue
        states = (old.get("state"), entry.get("state"))
        if states in (("met", "missed"), ("missed", "met")):
            crossed.append(
                Crossing(
                    str(entry.get("subject")),
                    str(entry.get("metric")),
                    str(entry.get("label") or entry.get("metric")),
                    _slice(entry.get("slice")),
                    str(states[0]),
                    str(states[1]),
                    _number(entry.get("latest")),
                    str(entry["target"]) if entry.get("target") is not None else None,
                )
            )
    old_pages = previous.get("pages") if isinstance(previous.get("pages"), dict) else {}
    new_pages = current.get("pages") if isinstance(current.get("pages"), dict) else {}
    return Changes(
        True,
        previous_as_of=previous.get("as_of") if isinstance(previous.get("as_of"), str) else None,
        counts_before=_counts(previous.get("counts")),
        counts_after=counts_after,
        new=_only_in(after, before),
        resolved=_only_in(before, after),
        crossed=tuple(crossed),
        pages_added=tuple(sorted(set(new_pages) - set(old_pages))),  # type: ignore[arg-type]
        pages_edited=tuple(sorted(p for p in new_pages if p in old_pages and old_pages[p] != new_pages[p])),  # type: ignore[index,union-attr]
        pages_removed=tuple(sorted(set(old_pages) - set(new_pages))),  # type: ignore[arg-type]
    )
