"""KPIs and waivers as written on pages, channels and assets, turned into the model."""

from __future__ import annotations

from typing import Any

from ..model.kpis import Kpi, Target, Waiver
from .problems import Problems
from .schema import KpiIn, WaiverIn
from .yamlio import line_of


def build_kpis(
    items: list[KpiIn], raw: Any, key: tuple[Any, ...], file: str, offset: int, default_line: int, problems: Problems
) -> tuple[Kpi, ...]:
    kpis = []
    for index, item in enumerate(items):
        line = line_of(raw, (*key, index), default_line - offset) + offset
        target_text = None if item.target is None else str(item.target).strip()
        if target_text is not None:
            try:
                Target.parse(target_text)
            except ValueError as exc:
                problems.add(file, line_of(raw, (*key, index, "target"), line - offset) + offset, str(exc))
                continue
        where = tuple(
            sorted(
                (str(dim), tuple(str(v) for v in (ids if isinstance(ids, list) else [ids])))
                for dim, ids in item.where.items()
            )
        )
        kpis.append(Kpi(item.metric, where, target_text, file, line, item.label))
    return tuple(kpis)


def build_waivers(
    items: list[WaiverIn], raw: Any, key: tuple[Any, ...], file: str, offset: int, default_line: int
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
            line=line_of(raw, (*key, index), default_line - offset) + offset,
        )
        for index, item in enumerate(items)
    )
