"""Map each export row to its dimension ids and sum the rows of the period by dimension.

Sums are exact (``Decimal``): ``1,179.92 + 8,947.47`` is written as ``10127.39``. A measure that
is missing in every row of a slice stays missing, never zero. Rows dated outside the period are
set aside and reported; a value that maps to no catalog id is a problem, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ..load.problems import InputError, Problem
from ..load.schema import slugify
from ..model.names import suggest
from .formats import ExportTable
from .mapping import DimensionPlan, Plan
from .values import NotANumber, add, fold, parse_number

CHUNK = 5000  # rows between two progress reports
MAX_CELL_PROBLEMS = 20
_UNMAPPED = object()


@dataclass
class Aggregated:
    """The period's rows summed by dimension: ``rows[key]`` holds one sum per measure."""

    period: str
    dimensions: tuple[str, ...]
    measures: tuple[str, ...]
    rows: dict[tuple[str, ...], list[Decimal | None]] = field(default_factory=dict)
    rows_read: int = 0
    rows_used: int = 0
    outside: list[tuple[int, date]] = field(default_factory=list)

    def totals(self) -> dict[str, Decimal | None]:
        """The sum of each measure over every row (missing when no row has a value)."""
        result: dict[str, Decimal | None] = dict.fromkeys(self.measures)
        for sums in self.rows.values():
            for measure, value in zip(self.measures, sums, strict=True):
                result[measure] = add(result[measure], value)
        return result


@dataclass
class _Unmapped:
    dimension: DimensionPlan
    value: str
    line: int
    count: int = 1


def aggregate(table: ExportTable, plan: Plan, period: str,
              progress: Callable[[int], None] | None = None) -> Aggregated:
    """Sum the export's rows of ``period`` by the plan's dimensions; raise :class:`InputError` on any problem."""
    result = Aggregated(period, plan.output_dimensions, tuple(m for m, _, _ in plan.measures))
    problems: list[Problem] = []
    unmapped: dict[tuple[str, str], _Unmapped] = {}
    cell_problems = 0
    caches: list[dict[str, object]] = [{} for _ in plan.dimensions]
    date_cache: dict[str, date | None] = {}
    positions = {name: i for i, name in enumerate(plan.output_dimensions)}
    constant_key = [""] * len(plan.output_dimensions)
    for name, value in plan.constants.items():
        constant_key[positions[name]] = value
    done = 0
    for line, cells in table.rows:
        result.rows_read += 1
        done += 1
        if progress is not None and done == CHUNK:
            progress(done)
            done = 0
        if plan.date is not None:
            raw_day = cells[plan.date.index]
            if raw_day not in date_cache:
                date_cache[raw_day] = _parse_day(raw_day, plan.date.formats)
            day = date_cache[raw_day]
            if day is None:
                cell_problems += 1
                if cell_problems <= MAX_CELL_PROBLEMS:
                    shown = " or ".join(plan.date.formats)
                    problems.append(Problem(table.source, line, None,
                                            f"'{raw_day}' in column '{plan.date.label}' is not a date ({shown})",
                                            "fix the cell, or set date: format: in the mapping"))
                continue
            if f"{day.year:04d}-{day.month:02d}" != period:
                result.outside.append((line, day))
                continue
        key = list(constant_key)
        ok = True
        for dim, cache in zip(plan.dimensions, caches, strict=True):
            raw = cells[dim.index]
            if raw in cache:
                target = cache[raw]
            else:
                target = cache[raw] = _map_value(dim, raw)
            if target is _UNMAPPED:
                seen = unmapped.get((dim.name, raw))
                if seen is None:
                    unmapped[(dim.name, raw)] = _Unmapped(dim, raw, line)
                else:
                    seen.count += 1
                ok = False
                continue
            key[positions[dim.name]] = str(target) if target else ""
        values: list[Decimal | None] = []
        for measure, index, label in plan.measures:
            try:
                values.append(parse_number(cells[index]))
            except NotANumber as exc:
                values.append(None)
                ok = False
                cell_problems += 1
                if cell_problems <= MAX_CELL_PROBLEMS:
                    problems.append(Problem(table.source, line, None,
                                            f"'{cells[index]}' in column '{label}' (measure '{measure}') {exc}",
                                            "measures take counts and amounts; map another column or fix the cell"))
        if not ok:
            continue
        result.rows_used += 1
        sums = result.rows.setdefault(tuple(key), [None] * len(values))
        for i, amount in enumerate(values):
            sums[i] = add(sums[i], amount)
    if progress is not None and done:
        progress(done)
    if cell_problems > MAX_CELL_PROBLEMS:
        problems.append(Problem(table.source, None, None,
                                f"{cell_problems - MAX_CELL_PROBLEMS} more cells are not numbers or dates"))
    problems.extend(_unmapped_problem(table, u) for u in unmapped.values())
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0))
    return result


def _parse_day(text: str, formats: tuple[str, ...]) -> date | None:
    text = text.strip()
    for pattern in formats:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _map_value(dim: DimensionPlan, raw: str) -> object:
    """The id (or free-text value, or None for an empty cell) that ``raw`` maps to, else ``_UNMAPPED``."""
    value = raw.strip()
    if value in dim.values:
        return dim.values[value]
    folded = fold(value)
    if folded in dim.folded:
        return dim.folded[folded]
    if value in ("", "--"):
        return None
    if dim.catalog is None:
        return value
    found = dim.catalog.resolve(value)
    return found if found is not None else _UNMAPPED


def _unmapped_problem(table: ExportTable, u: _Unmapped) -> Problem:
    dim = u.dimension
    rows = f" ({u.count} rows)" if u.count > 1 else ""
    near = None
    if dim.catalog is not None:
        near = suggest(slugify(u.value), dim.catalog.ids) or suggest(u.value, dim.catalog.ids)
    example = near or f"<{dim.name} id>"
    hint = (f'add a value map entry to the --map file: dimensions: {dim.name}: values: "{u.value}": {example}'
            f" (or ~ for an empty cell)")
    return Problem(table.source, u.line, None,
                   f"'{u.value}' in column '{dim.label}' maps to no {dim.name} id{rows}", hint)
