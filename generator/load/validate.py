"""Run a schema over loaded YAML and turn every error into a :class:`Problem` with its line."""

from __future__ import annotations

from typing import Any, TypeVar, get_origin

from pydantic import BaseModel, ValidationError

from ..model.names import suggest
from .problems import Problems
from .yamlio import Positions

M = TypeVar("M", bound=BaseModel)
_KIND_NAMES = {"list": "a list", "str": "text", "int": "a number", "float": "a number",
               "bool": "true/false", "date": "a date"}


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the (nested) model that holds ``loc``'s last key."""
    current: Any = model
    key_of_mapping = False  # the next step is a key of a ``dict[str, Model]`` field, not a field
    for step in loc[:-1]:
        if isinstance(step, int) or current is None:
            continue
        if key_of_mapping:
            key_of_mapping = False
            continue
        field = getattr(current, "model_fields", {}).get(step)
        if field is None:
            return []
        current = _model_in(field.annotation)
        key_of_mapping = get_origin(field.annotation) is dict
    return list(getattr(current, "model_fields", {}).keys())


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _path(loc: tuple[Any, ...]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def validate(
    model: type[M],
    data: Any,
    positions: Positions,
    *,
    file: str,
    problems: Problems,
    line_offset: int = 0,
    default_line: int = 1,
    what: str = "",
) -> M | None:
    """Validate ``data`` (lines from ``positions``, plus ``line_offset``; ``default_line`` where
    none is known); on failure add one problem per error and return None."""
    if not isinstance(data, dict):
        kind = _KIND_NAMES.get(type(data).__name__, type(data).__name__) if data is not None else "nothing"
        problems.add(
            file,
            positions.line((), default_line - line_offset) + line_offset,
            f"expected a mapping of keys{' for ' + what if what else ''}, found {kind}",
        )
        return None
    for key, line in positions.duplicates_below():
        problems.add(file, line + line_offset, f"duplicate key '{key}'", "keep one of them")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            line = positions.line(loc, default_line - line_offset) + line_offset
            key = loc[-1] if loc else ""
            path = _path(loc)
            where = f" in {what}" if what else ""
            if error["type"] == "extra_forbidden":
                near = suggest(str(key), _fields_at(model, loc))
                hint = f"did you mean '{near}'?" if near else f"remove it; see docs/FORMATS.md for the keys{where}"
                problems.add(file, line, f"unknown key '{path}'{where}", hint)
            elif error["type"] == "missing":
                problems.add(file, line, f"missing required key '{path}'{where}", "add it")
            else:
                message = str(error["msg"]).removeprefix("Value error, ")
                problems.add(file, line, f"'{path}'{where}: {message}")
        return None
