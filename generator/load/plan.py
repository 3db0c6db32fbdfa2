"""Read ``data/plan.yaml`` (optional): planned spend and results per channel and period.

Checked here, with file and line: the shape (``load/schema.py``), the period, and each result
measure against the metric catalog (it must be a ``result`` measure). Channel ids are checked by
``unknown-reference`` like every other id, so that a plan naming a removed channel is a finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.metrics import Metric, MetricKind
from ..model.names import PLAN_NAMES, suggest
from ..model.plan import Plan, PlanEntry, PlannedAmount, PlanPeriod
from .problems import Problems
from .schema import PlanEntryIn, PlanIn
from .validate import validate
from .yamlfile import read_yaml
from .yamlio import LDict, LList, line_of


def _measures_as_keys(entry: Any, metrics: dict[str, Metric]) -> None:
    """``sqls: 90`` beside ``spend:`` means ``results: {sqls: 90}``; a cost measure's id
    (``cost: 18000``) means ``spend:``. Moved in place, lines kept, before validation."""
    if not isinstance(entry, LDict):
        return
    for key in list(entry):
        metric = metrics.get(str(key))
        if key in PlanEntryIn.model_fields or metric is None or not metric.is_measure:
            continue
        line = entry.lines.get(key, entry.line)
        if metric.kind is MetricKind.COST and "spend" not in entry:
            entry["spend"] = entry.pop(key)
            entry.lines["spend"] = line
        elif metric.kind is MetricKind.RESULT and (entry.get("results") is None or isinstance(entry["results"], LDict)):
            results = entry.get("results")
            if results is None:
                results = entry["results"] = LDict()
                results.line = line
                entry.lines["results"] = line
            if key not in results:
                results[key] = entry.pop(key)
                results.lines[key] = line


def _is_period(key: object) -> bool:
    try:
        PlanPeriod.parse(key)
    except ValueError:
        return False
    return True


def _entry(period: object, period_line: int, channel: object, line: int, amounts: Any, extra: Any = None) -> LDict:
    """One canonical entry (``period``, ``channel`` and its amounts) built from a grouped form, lines kept."""
    entry = LDict(period=period, channel=channel)
    entry.line = line
    entry.lines.update(period=period_line, channel=line)
    for source in (extra, amounts):
        if isinstance(source, LDict):
            for key, value in source.items():
                if key not in ("period", "channels"):
                    entry[key] = value
                    entry.lines[key] = source.lines.get(key, line)
    if amounts is not None and not isinstance(amounts, LDict):
        entry["amounts"] = amounts  # not a mapping: reported as an unknown key at its line
        entry.lines["amounts"] = line
    return entry


def _canonical(raw: Any) -> Any:
    """The plan as ``{plan: [entries]}``. Also read: a bare list of entries; a mapping of period ->
    channel -> amounts; an entry with ``channels: {id: amounts}`` instead of ``channel:``."""
    if isinstance(raw, LDict) and raw and "plan" not in raw and all(_is_period(k) for k in raw):
        flat = LList()
        flat.line = raw.line
        for period, channels in raw.items():
            at = raw.lines.get(period, raw.line)
            pairs = channels.items() if isinstance(channels, LDict) else [(None, channels)]
            for channel, amounts in pairs:
                line = channels.lines.get(channel, at) if isinstance(channels, LDict) else at
                flat.append(_entry(period, at, channel, line, amounts))
                flat.lines.append(line)
        raw = flat
    if isinstance(raw, list):
        wrapped = LDict(plan=raw)
        wrapped.line = wrapped.lines["plan"] = getattr(raw, "line", 1)
        raw = wrapped
    items = raw.get("plan") if isinstance(raw, LDict) else None
    if isinstance(items, LList) and any(isinstance(e, LDict) and isinstance(e.get("channels"), LDict) for e in items):
        flat = LList()
        flat.line = items.line
        for index, item in enumerate(items):
            at = items.lines[index] if index < len(items.lines) else items.line
            if isinstance(item, LDict) and isinstance(item.get("channels"), LDict) and "channel" not in item:
                channels = item["channels"]
                for channel, amounts in channels.items():
                    line = channels.lines.get(channel, at)
                    flat.append(_entry(item.get("period"), item.lines.get("period", at), channel, line, amounts, item))
                    flat.lines.append(line)
            else:
                flat.append(item)
                flat.lines.append(at)
        raw["plan"] = flat
    return raw


def load_plan(root: Path, data_dir: Path, metrics: dict[str, Metric], problems: Problems) -> Plan:
    path = next((data_dir / n for n in PLAN_NAMES if (data_dir / n).is_file()), None)
    if path is None:
        return Plan()
    rel = path.relative_to(root).as_posix()
    raw: Any = read_yaml(path, rel, problems, empty=LDict())
    if raw is None:
        return Plan(file=rel)
    raw = _canonical(raw)
    if isinstance(raw, dict) and isinstance(raw.get("plan"), list):
        for entry in raw["plan"]:
            _measures_as_keys(entry, metrics)
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

