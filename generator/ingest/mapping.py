"""Mapping files: which export column feeds which measure and dimension (docs/FORMATS.md, "Ingest mappings").

A mapping is laid over the format's built-in mapping (``defaults.BUILTIN``). Every key of a
mapping file is checked (pydantic, ``extra="forbid"``) and every problem names the file and line:
a measure that ``data/metrics.yaml`` lacks, a value mapped to an id its catalog lacks, a column
the export does not have. Built-in entries are best effort: they apply where the export has their
column and the project has their measure or id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from ..load.problems import InputError, Problem, Problems
from ..load.schema import ID_PATTERN
from ..load.validate import validate
from ..load.yamlio import read_yaml
from ..model.names import suggest
from ..model.snapshots import PERIOD
from .context import Catalog, IngestContext, dimension_order
from .defaults import BUILTIN
from .formats import ExportFormat, ExportTable
from .values import fold

_FRIENDLY_DATE = re.compile(r"YYYY|YY|MM|M|DD|D")
_FRIENDLY_CODES = {"YYYY": "%Y", "YY": "%y", "MM": "%m", "M": "%m", "DD": "%d", "D": "%d"}


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


def _as_dimension(value: object) -> object:
    return {"column": value} if isinstance(value, str | list) else value


def _value_map(value: object) -> object:
    """Value map keys and targets as text: YAML reads ``2026`` as a number (fine) and ``Yes`` as true (not)."""
    if not isinstance(value, dict):
        return value
    result = {}
    for key, target in value.items():
        for item in (key, target):
            if isinstance(item, bool):
                raise ValueError(f"YAML read '{item}' as true/false; quote the value, e.g. \"Yes\": webinar")
        result[str(key) if isinstance(key, int | float) else key] = (
            str(target) if isinstance(target, int | float) else target
        )
    return result


def date_format(text: str) -> str:
    """A strptime format; friendly forms (``M/D/YYYY``, ``YYYYMMDD``) are translated."""
    translated = text if "%" in text else _FRIENDLY_DATE.sub(lambda m: _FRIENDLY_CODES[m.group(0)], text)
    if "%" not in translated:
        raise ValueError(f"'{text}' is not a date format; write e.g. M/D/YYYY, YYYY-MM-DD or %m/%d/%Y")
    if "%Y" not in translated and "%y" not in translated:
        raise ValueError(f"the date format '{text}' has no year; write e.g. M/D/YYYY or %m/%d/%Y")
    return translated


Label = Annotated[str, Field(min_length=1)]
Columns = Annotated[list[Label], BeforeValidator(_as_list), Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DimensionIn(_Strict):
    column: Columns | None = None
    values: Annotated[dict[str, str | None], BeforeValidator(_value_map)] = Field(default_factory=dict)


class DateIn(_Strict):
    column: Columns
    format: Columns = ["%Y-%m-%d"]

    @field_validator("format")
    @classmethod
    def _formats(cls, value: list[str]) -> list[str]:
        return [date_format(v) for v in value]


class MappingIn(_Strict):
    """A mapping file (and the shape of each built-in mapping)."""

    defaults: bool = True
    measures: dict[str, Columns | None] = Field(default_factory=dict)
    dimensions: dict[str, Annotated[DimensionIn | None, BeforeValidator(_as_dimension)]] = Field(default_factory=dict)
    constants: dict[str, str | None] = Field(default_factory=dict)
    date: DateIn | None = None


@dataclass(frozen=True)
class Origin:
    """Where an entry comes from: a line of a mapping file, or the format's built-in mapping (file None)."""

    file: str | None
    line: int | None

    @property
    def builtin(self) -> bool:
        return self.file is None


BUILTIN_ORIGIN = Origin(None, None)


@dataclass
class DimensionEntry:
    columns: tuple[str, ...]
    values: dict[str, tuple[str | None, Origin]]
    origin: Origin


@dataclass
class Mapping:
    """A format's built-in mapping with a mapping file laid over it, checked against the project."""

    format: ExportFormat
    measures: dict[str, tuple[tuple[str, ...], Origin]] = field(default_factory=dict)
    dimensions: dict[str, DimensionEntry] = field(default_factory=dict)
    constants: dict[str, tuple[str, Origin]] = field(default_factory=dict)
    date: tuple[tuple[str, ...], tuple[str, ...], Origin] | None = None
    # Built-in measure columns whose measure the project's catalog lacks: column -> measure.
    unused_builtin: dict[str, str] = field(default_factory=dict)

    def anchors(self) -> set[str]:
        """Every column label the mapping knows: the header line is the first that names one."""
        labels: set[str] = set(self.unused_builtin)
        for columns, _ in self.measures.values():
            labels.update(columns)
        for entry in self.dimensions.values():
            labels.update(entry.columns)
        if self.date:
            labels.update(self.date[0])
        return labels


def builtin_mapping(fmt: ExportFormat, ctx: IngestContext) -> dict[str, Any]:
    """The raw built-in mapping of ``fmt``; for ``generic`` it is made from the project's own names."""
    if fmt.name != "generic":
        return BUILTIN[fmt.name]
    measures = {m: [m, ctx.measure_labels.get(m) or m] for m in ctx.measures}
    dimensions = {d: [d] for d in (*ctx.catalogs, *ctx.snapshot_dimensions) if d not in ctx.measures}
    return {**BUILTIN["generic"], "measures": measures, "dimensions": dimensions}


def build_mapping(fmt: ExportFormat, ctx: IngestContext, source: str, map_path: Path | None = None,
                  map_name: str | None = None) -> Mapping:
    """The built-in mapping of ``fmt`` with the mapping file laid over it; raise :class:`InputError`.

    ``source`` names the export in problems that come from the built-in mapping.
    """
    problems = Problems()
    builtin = MappingIn.model_validate(builtin_mapping(fmt, ctx))
    mapping = Mapping(fmt)
    user: MappingIn | None = None
    raw: Any = None
    name = map_name or (str(map_path) if map_path else "")
    if map_path is not None:
        raw, positions = read_yaml(map_path, name, problems)
        if raw is None and not problems:
            problems.add(name, 1, "the mapping file is empty", "see docs/FORMATS.md, Ingest mappings")
        if problems:
            raise InputError(problems.sorted())
        user = validate(MappingIn, raw, positions, file=name, problems=problems, what="the ingest mapping")
        if user is None:
            raise InputError(problems.sorted())
    if user is None or user.defaults:
        _add(mapping, builtin, lambda path: BUILTIN_ORIGIN, ctx, problems, source)
    if user is not None:
        _add(mapping, user, lambda path: Origin(name, positions.line(path, 1)), ctx, problems, source)
    for dimension, (value, where) in mapping.constants.items():
        catalog = ctx.catalogs.get(dimension)
        if where.builtin and catalog is not None and value not in catalog.ids:  # not overridden by the file
            problems.add(source, None, f"the built-in {fmt.name} mapping puts every row in {dimension} "
                         f"'{value}', which is not a {dimension} id of this project",
                         f"set your own in a --map file: constants: {{{dimension}: <id>}}; {_known(catalog)}")
    if problems:
        raise InputError(problems.sorted())
    return mapping


def _add(mapping: Mapping, m: MappingIn, origin: Callable[[tuple[Any, ...]], Origin], ctx: IngestContext,
         problems: Problems, source: str) -> None:
    """Lay ``m`` over ``mapping``, checking ids against the project."""
    for measure, columns in m.measures.items():
        where = origin(("measures", measure))
        if columns is None:
            mapping.measures.pop(measure, None)
        elif measure in ctx.measures:
            mapping.measures[measure] = (tuple(columns), where)
        elif where.builtin:
            mapping.unused_builtin.update({c: measure for c in columns})
        else:
            near = suggest(measure, ctx.measures)
            problems.add(where.file or source, where.line, f"'{measure}' is not a measure of data/metrics.yaml",
                         f"did you mean '{near}'?" if near else f"measures are {', '.join(ctx.measures)}")
    for name, dim in m.dimensions.items():
        where = origin(("dimensions", name))
        if not _dimension_name_ok(name, where, ctx, problems, source):
            continue
        if dim is None:
            mapping.dimensions.pop(name, None)
            continue
        if name in m.constants and m.constants[name] is not None:
            problems.add(where.file or source, where.line, f"'{name}' is both a dimension read from a column and a constant",
                         "keep one of them")
            continue
        before = mapping.dimensions.get(name)
        read_from = tuple(dim.column) if dim.column else (before.columns if before else ())
        if not read_from:
            problems.add(where.file or source, where.line, f"the dimension '{name}' has no column",
                         "add column: <the export's column label>")
            continue
        values = dict(before.values) if before else {}
        catalog = ctx.catalogs.get(name)
        for key, target in dim.values.items():
            at = origin(("dimensions", name, "values", key))
            if catalog is not None and target is not None and target not in catalog.ids:
                if at.builtin:
                    continue  # a built-in guess for an id this project does not have
                problems.add(at.file or source, at.line, f"'{target}' (for '{key}') is not a {name} id",
                             _id_hint(catalog, target))
                continue
            values[str(key).strip()] = (target, at)
        mapping.dimensions[name] = DimensionEntry(read_from, values, where)
        mapping.constants.pop(name, None)
    for name, value in m.constants.items():
        where = origin(("constants", name))
        if not _dimension_name_ok(name, where, ctx, problems, source):
            continue
        if value is None:
            mapping.constants.pop(name, None)
            continue
        catalog = ctx.catalogs.get(name)
        if catalog is not None and value not in catalog.ids and not where.builtin:
            problems.add(where.file or source, where.line, f"'{value}' is not a {name} id", _id_hint(catalog, value))
            continue
        mapping.constants[name] = (value, where)
        if name not in m.dimensions:
            mapping.dimensions.pop(name, None)
    if "date" in m.model_fields_set or (m.date is not None):
        where = origin(("date",))
        mapping.date = None if m.date is None else (tuple(m.date.column), tuple(m.date.format), where)


def _dimension_name_ok(name: str, where: Origin, ctx: IngestContext, problems: Problems, source: str) -> bool:
    if name == PERIOD or name in ctx.measures:
        problems.add(where.file or source, where.line, f"'{name}' cannot be a dimension: it is "
                     f"{'the period column' if name == PERIOD else 'a measure'}",
                     "map measures under measures:, and the period with --period or date:")
        return False
    if not re.match(ID_PATTERN, name):
        problems.add(where.file or source, where.line, f"'{name}' is not a valid dimension name",
                     "use lowercase letters, digits and dashes, e.g. channel or region")
        return False
    return True


def _known(catalog: Catalog) -> str:
    shown = ", ".join(catalog.ids[:8]) + (" ..." if len(catalog.ids) > 8 else "")
    return f"{catalog.dimension} ids: {shown}" if catalog.ids else f"the {catalog.dimension} catalog is empty"


def _id_hint(catalog: Catalog, value: str) -> str:
    near = suggest(value, catalog.ids)
    return f"did you mean '{near}'?" if near else _known(catalog)


# -- against an export's header ---------------------------------------------------------------


@dataclass(frozen=True)
class DimensionPlan:
    """One dimension read from a column, with its value map."""

    name: str
    index: int
    label: str
    values: dict[str, str | None]
    folded: dict[str, str | None]
    catalog: Catalog | None


@dataclass(frozen=True)
class DatePlan:
    index: int
    label: str
    formats: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """A mapping resolved against one export's header: column indexes, output columns, ignored columns."""

    measures: tuple[tuple[str, int, str], ...]  # (measure, column index, column label), catalog order
    dimensions: tuple[DimensionPlan, ...]
    constants: dict[str, str]
    date: DatePlan | None
    ignored: tuple[tuple[str, str | None], ...]  # (column label, why)
    output_dimensions: tuple[str, ...]


def resolve(mapping: Mapping, table: ExportTable, ctx: IngestContext) -> Plan:
    """Find each mapped column in the export's header; raise :class:`InputError` listing what is missing."""
    problems: list[Problem] = []
    index: dict[str, int] = {}
    for position, label in enumerate(table.columns):
        index.setdefault(fold(label), position)
    shown = ", ".join(f"'{c}'" for c in table.columns[:15]) + (" ..." if len(table.columns) > 15 else "")
    used: set[int] = set()

    def find(columns: tuple[str, ...], where: Origin, what: str) -> int | None:
        for column in columns:
            if fold(column) in index:
                return index[fold(column)]
        if not where.builtin:
            names = " or ".join(f"'{c}'" for c in columns)
            problems.append(Problem(where.file or table.source, where.line, None, f"{what}: the export has no column {names}",
                                    f"the export's columns are {shown}"))
        return None

    measures: list[tuple[str, int, str]] = []
    for measure in ctx.measures:
        if measure in mapping.measures:
            columns, where = mapping.measures[measure]
            i = find(columns, where, f"measure '{measure}'")
            if i is not None:
                measures.append((measure, i, table.columns[i]))
                used.add(i)
    dimensions: list[DimensionPlan] = []
    for name, entry in mapping.dimensions.items():
        i = find(entry.columns, entry.origin, f"dimension '{name}'")
        if i is None:
            continue
        values = {key: target for key, (target, _) in entry.values.items()}
        folded = {fold(key): target for key, target in values.items()}
        dimensions.append(DimensionPlan(name, i, table.columns[i], values, folded, ctx.catalogs.get(name)))
        used.add(i)
    date: DatePlan | None = None
    if mapping.date is not None:
        columns, formats, where = mapping.date
        i = find(columns, where, "date")
        if i is not None:
            date = DatePlan(i, table.columns[i], formats)
            used.add(i)
    if not measures and not problems:
        problems.append(Problem(
            table.source, table.header_line, None,
            f"no column of the export maps to a measure of data/metrics.yaml (the {mapping.format.name} mapping "
            f"looks for {_expected(mapping)})",
            f"the export's columns are {shown}; map them under measures: in a --map file",
        ))
    if problems:
        raise InputError(problems)
    ignored = tuple(
        (label, f"measure '{mapping.unused_builtin[fold_key]}' is not in data/metrics.yaml"
         if (fold_key := _unused_key(mapping, label)) else None)
        for i, label in enumerate(table.columns) if i not in used and label
    )
    constants = {name: value for name, (value, _) in mapping.constants.items()}
    output = dimension_order({d.name for d in dimensions} | set(constants))
    return Plan(tuple(measures), tuple(dimensions), constants, date, ignored, output)


def _unused_key(mapping: Mapping, label: str) -> str | None:
    return next((c for c in mapping.unused_builtin if fold(c) == fold(label)), None)


def _expected(mapping: Mapping) -> str:
    labels = sorted({c for columns, _ in mapping.measures.values() for c in columns}, key=str.casefold)
    if not labels:
        return "no measure column"
    return ", ".join(f"'{c}'" for c in labels[:8]) + (" ..." if len(labels) > 8 else "")
