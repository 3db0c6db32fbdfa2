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
from .yamlio import Positions, YamlPath, read_yaml


def _measures_as_keys(entry: Any, positions: Positions, metrics: dict[str, Metric]) -> None:
    """``sqls: 90`` beside ``spend:`` means ``results: {sqls: 90}``; a cost measure's id
    (``cost: 18000``) means ``spend:``. Moved in place, lines kept, before validation."""
    if not isinstance(entry, dict):
        return
    for key in list(entry):
        metric = metrics.get(str(key))
        if key in PlanEntryIn.model_fields or metric is None or not metric.is_measure:
            continue
        line = positions.line((key,))
        if metric.kind is MetricKind.COST and "spend" not in entry:
            entry["spend"] = entry.pop(key)
            positions.set(("spend",), line)
        elif metric.kind is MetricKind.RESULT and (entry.get("results") is None or isinstance(entry["results"], dict)):
            results = entry.get("results")
            if results is None:
                results = entry["results"] = {}
                positions.set(("results",), line)
                positions.starts[(*positions.prefix, "results")] = line
            if key not in results:
                results[key] = entry.pop(key)
                positions.set(("results", key), line)


def _is_period(key: object) -> bool:
    try:
        PlanPeriod.parse(key)
    except ValueError:
        return False
    return True


def _entry(period: object, channel: object, amounts: Any, extra: Any = None) -> dict[Any, Any]:
    """One canonical entry (``period``, ``channel`` and its amounts) built from a grouped form."""
    entry = {"period": period, "channel": channel}
    for source in (extra, amounts):
        if isinstance(source, dict):
            entry.update((key, value) for key, value in source.items() if key not in ("period", "channels"))
    if amounts is not None and not isinstance(amounts, dict):
        entry["amounts"] = amounts  # not a mapping: reported as an unknown key at its line
    return entry


class _Moved:
    """The positions of the plan in its canonical form: the lines of each value kept, moved to
    where the value now is (a later move wins), and the lines of the entries built."""

    def __init__(self, old: Positions) -> None:
        self.old = old
        self.moves: list[tuple[YamlPath, YamlPath]] = []  # (old path, new path) of a value and all below it
        self.built: list[tuple[YamlPath, int, int, bool]] = []  # (new path, line, period's line, has amounts)

    def positions(self, plan_line: int, plan_start: int, root_start: int) -> Positions:
        by_old: dict[YamlPath, list[tuple[int, YamlPath]]] = {}
        for rank, (old_path, new_path) in enumerate(self.moves):
            by_old.setdefault(old_path, []).append((rank, new_path))
        sizes = sorted({len(path) for path in by_old})

        def moved(path: YamlPath) -> list[tuple[int, YamlPath]]:
            return [(rank, (*target, *path[size:])) for size in sizes if len(path) >= size
                    for rank, target in by_old.get(path[:size], ())]

        new = Positions()
        for table, into in ((self.old.lines, new.lines), (self.old.starts, new.starts)):
            found = [(rank, target, line) for path, line in table.items() for rank, target in moved(path)]
            into.update((target, line) for _, target, line in sorted(found, key=lambda item: item[0]))
        new.duplicates.extend((target, line) for path, line in self.old.duplicates for _, target in moved(path))
        new.starts[()], new.lines[("plan",)], new.starts[("plan",)] = root_start, plan_line, plan_start
        for at, line, period_line, amounts in self.built:
            new.lines[at] = new.starts[at] = new.lines[(*at, "channel")] = line
            new.lines[(*at, "period")] = period_line
            if amounts:
                new.lines[(*at, "amounts")] = line
        return new

    def build(self, flat: list[Any], entry: dict[Any, Any], line: int, period_line: int,
              amounts_at: YamlPath | None, extra_at: YamlPath | None = None) -> None:
        """Append an entry built from a grouped form: the keys of ``extra_at`` then ``amounts_at`` moved into it."""
        at = ("plan", len(flat))
        flat.append(entry)
        if extra_at is not None:
            self.moves.extend(((*extra_at, key), (*at, key)) for key in entry if key not in ("period", "channel"))
        if amounts_at is not None:
            self.moves.append((amounts_at, at))
        self.built.append((at, line, period_line, "amounts" in entry))


def _canonical(raw: Any, positions: Positions) -> tuple[Any, Positions]:
    """The plan as ``{plan: [entries]}``. Also read: a bare list of entries; a mapping of period ->
    channel -> amounts; an entry with ``channels: {id: amounts}`` instead of ``channel:``."""
    root_start = positions.line()
    if isinstance(raw, dict) and raw and "plan" not in raw and all(_is_period(k) for k in raw):
        moved = _Moved(positions)
        flat: list[Any] = []
        for period, channels in raw.items():
            at = positions.line((period,))
            if not isinstance(channels, dict):
                moved.build(flat, _entry(period, None, channels), at, at, None)
                continue
            for channel, amounts in channels.items():
                amounts_at = (period, channel) if isinstance(amounts, dict) else None
                moved.build(flat, _entry(period, channel, amounts), positions.line((period, channel)), at, amounts_at)
        return {"plan": flat}, moved.positions(root_start, root_start, root_start)
    if isinstance(raw, list):
        moved = _Moved(positions)
        moved.moves.append(((), ("plan",)))
        raw, positions = {"plan": raw}, moved.positions(root_start, root_start, root_start)
    items = raw.get("plan") if isinstance(raw, dict) else None
    if isinstance(items, list) and any(isinstance(e, dict) and isinstance(e.get("channels"), dict) for e in items):
        moved = _Moved(positions)
        flat = []
        moved.moves.extend(((key,), (key,)) for key in raw if key != "plan")
        for index, item in enumerate(items):
            at = positions.line(("plan", index))
            if isinstance(item, dict) and isinstance(item.get("channels"), dict) and "channel" not in item:
                period_line = positions.line(("plan", index, "period"))
                for channel, amounts in item["channels"].items():
                    where = ("plan", index, "channels", channel)
                    moved.build(flat, _entry(item.get("period"), channel, amounts, item), positions.line(where),
                                period_line, where if isinstance(amounts, dict) else None, ("plan", index))
            else:
                moved.moves.append((("plan", index), ("plan", len(flat))))
                flat.append(item)
        raw["plan"] = flat
        return raw, moved.positions(positions.line(("plan",)), positions.starts.get(("plan",), root_start), root_start)
    return raw, positions


def load_plan(root: Path, data_dir: Path, metrics: dict[str, Metric], problems: Problems) -> Plan:
    path = next((data_dir / n for n in PLAN_NAMES if (data_dir / n).is_file()), None)
    if path is None:
        return Plan()
    rel = path.relative_to(root).as_posix()
    raw, positions = read_yaml(path, rel, problems, empty={})
    positions.lay_out()  # the plan is reshaped in place below
    if raw is None:
        return Plan(file=rel)
    raw, positions = _canonical(raw, positions)
    if isinstance(raw, dict) and isinstance(raw.get("plan"), list):
        for index, entry in enumerate(raw["plan"]):
            _measures_as_keys(entry, positions.under("plan", index), metrics)
    parsed = validate(PlanIn, raw, positions, file=rel, problems=problems, what="the plan")
    if parsed is None:
        return Plan(file=rel)
    entries: list[PlanEntry] = []
    seen: dict[tuple[str, str], int] = {}
    spend_known = any(m.is_measure and m.kind is MetricKind.COST for m in metrics.values())
    results = [m.id for m in metrics.values() if m.is_measure and m.kind is MetricKind.RESULT]
    for index, item in enumerate(parsed.plan):
        line = positions.line(("plan", index), 1)
        key = (str(item.period), item.channel)
        if key in seen:
            problems.add(rel, line, f"channel '{item.channel}' is planned twice for {item.period} (first on line "
                         f"{seen[key]})", "merge the two entries")
            continue
        seen[key] = line
        amounts: list[PlannedAmount] = []
        rejected = False
        if item.spend is not None:
            spend_line = positions.line(("plan", index, "spend"), line)
            if not spend_known:
                problems.add(rel, spend_line, "the plan sets spend but metrics.yaml has no cost measure",
                             "add a measure with kind: cost (e.g. cost: {kind: cost, unit: USD})")
            amounts.append(PlannedAmount("spend", item.spend, spend_line, is_spend=True))
        for measure, amount in item.results.items():
            at = positions.line(("plan", index, "results", measure), line)
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

