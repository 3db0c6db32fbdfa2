"""Read ``data/plan.yaml`` (optional): planned spend and results per channel and period.

Checked here, with file and line: the shape (``load/schema.py``), the period, and each result
measure against the metric catalog (it must be a ``result`` measure). Channel ids are checked by
``unknown-reference`` like every other id, so that a plan naming a removed channel is a finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.metrics import Metric, MetricKind
from ..model.plan import Plan, PlanEntry, PlannedAmount, PlanPeriod
from .problems import Problems
from .schema import PlanIn
from .validate import suggest, validate
from .yamlfile import read_yaml
from .yamlio import LDict, line_of

PLAN_NAMES = ("plan.yaml", "plan.yml")


def load_plan(root: Path, data_dir: Path, metrics: dict[str, Metric], problems: Problems) -> Plan:
    path = next((data_dir / n for n in PLAN_NAMES if (data_dir / n).is_file()), None)
    if path is None:
        return Plan()
    rel = path.relative_to(root).as_posix()
    raw: Any = read_yaml(path, rel, problems, empty=LDict())
    if raw is None:
        return Plan(file=rel)
    if isinstance(raw, list):  # a bare list of entries, as the catalogs allow
        wrapped = LDict(plan=raw)
        wrapped.lines["plan"] = getattr(raw, "line", 1)
        raw = wrapped
    parsed = validate(PlanIn, raw, file=rel, problems=problems, what="the plan")
    if parsed is None:
        return Plan(file=rel)
    entries: list[PlanEntry] = []
    seen: dict[tuple[str, str], int] = {}
    spend_known = any(m.is_measure and m.kind is MetricKind.COST for m in metrics.values())
    results = [m.id for m in metrics.values() if m.is_measure and m.kind is MetricKind.RESULT]
    for index, item in enumerate(parsed.plan):
        line = line_of(raw, ("plan", index), 1)
        key = (str(item.period), item.channel)
        if key in seen:
            problems.add(rel, line, f"channel '{item.channel}' is planned twice for {item.period} (first on line "
                         f"{seen[key]})", "merge the two entries")
            continue
        seen[key] = line
        amounts: list[PlannedAmount] = []
        rejected = False
        if item.spend is not None:
            spend_line = line_of(raw, ("plan", index, "spend"), line)
            if not spend_known:
                problems.add(rel, spend_line, "the plan sets spend but metrics.yaml has no cost measure",
                             "add a measure with kind: cost (e.g. cost: {kind: cost, unit: USD})")
            amounts.append(PlannedAmount("spend", item.spend, spend_line, is_spend=True))
        for measure, amount in item.results.items():
            at = line_of(raw, ("plan", index, "results", measure), line)
            if measure not in results:
                kind = metrics[measure].kind.value if measure in metrics else None
                near = suggest(measure, results)
                problems.add(
                    rel, at,
                    f"'{measure}' is not a result measure of metrics.yaml" + (f" (its kind is {kind})" if kind else ""),
                    f"did you mean '{near}'?" if near else "plan result measures (kind: result), e.g. sqls",
                )
                rejected = True
                continue
            amounts.append(PlannedAmount(measure, amount, at))
        if not amounts:
            if not rejected:
                problems.add(rel, line, f"the plan of '{item.channel}' for {item.period} has neither spend nor "
                             "results", "add spend: and/or results: {sqls: ...}")
            continue
        entries.append(PlanEntry(PlanPeriod.parse(item.period), item.channel, tuple(amounts), rel, line, item.note))
    return Plan(tuple(entries), rel)

