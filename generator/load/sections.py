"""KPIs and waivers as written on pages, channels and assets, turned into the model."""

from __future__ import annotations

from typing import Any

from ..model.experiments import Decision, Experiment
from ..model.kpis import Kpi, Waiver
from .problems import Problems
from .schema import ExperimentIn, KpiIn, WaiverIn
from .yamlio import Positions


def build_kpis(
    items: list[KpiIn], positions: Positions, key: tuple[Any, ...], file: str, offset: int, default_line: int, problems: Problems
) -> tuple[Kpi, ...]:
    kpis = []
    for index, item in enumerate(items):
        line = positions.line((*key, index), default_line - offset) + offset
        target_text = None if item.target is None else str(item.target).strip()
        try:
            kpis.append(Kpi(item.metric, _where(item.where), target_text, file, line, item.label))
        except ValueError as exc:  # the target is not one
            problems.add(file, positions.line((*key, index, "target"), line - offset) + offset, str(exc))
    return tuple(kpis)


def _where(where: dict[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        sorted((str(dim), tuple(str(v) for v in (ids if isinstance(ids, list) else [ids]))) for dim, ids in where.items())
    )


def build_experiment(item: ExperimentIn | None, positions: Positions, file: str, offset: int, default_line: int,
                     problems: Problems) -> Experiment | None:
    """The experiment of a page's front matter; its success target is checked like a KPI's."""
    if item is None:
        return None
    line = positions.line(("experiment",), default_line - offset) + offset
    success = None if item.success is None else str(item.success).strip()
    try:
        kpi = Kpi(item.metric, _where(item.where), success, file, line)
    except ValueError as exc:  # the success target is not one
        problems.add(file, positions.line(("experiment", "success"), line - offset) + offset, str(exc))
        return None
    decision = Decision(item.decision) if item.decision else None
    return Experiment(item.hypothesis, kpi, item.start, item.decide_by, decision, item.decided)


def build_waivers(
    items: list[WaiverIn], positions: Positions, key: tuple[Any, ...], file: str, offset: int, default_line: int
) -> tuple[Waiver, ...]:
    if not items:
        return ()
    return tuple(
        Waiver(
            rule=item.rule,
            until=item.until,
            reason=item.reason,
            metric=item.metric,
            file=file,
            line=positions.line((*key, index), default_line - offset) + offset,
        )
        for index, item in enumerate(items)
    )
