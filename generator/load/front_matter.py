"""Front matter is shared: opsmanual validates its own keys and passes every other key through.

A page's front matter belongs to the page, the engine, the theme and every plugin (the blog's
``date`` and ``authors``, Material's ``hide`` and ``status``, a Hugo migration's ``aliases``).
opsmanual owns the keys of :class:`~generator.load.schema.FrontMatterIn`, and only those: adding a
field there is all it takes to own a key. Any other key is left alone, unless it is a near miss
of an owned key (``reviewd``, ``ownr``, ``review-every``, ``kpi``, ``waiver``), which is a typo
that would otherwise silently drop a review date or a KPI: that is an input error with "did you mean".
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .problems import Problems
from .schema import FrontMatterIn
from .validate import validate
from .yamlio import Positions


@cache
def owned_keys() -> tuple[str, ...]:
    """The front matter keys opsmanual owns, in the model's order (aliases included)."""
    keys: list[str] = []
    for name, field in FrontMatterIn.model_fields.items():
        keys.append(field.alias or name)
    return tuple(keys)


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance: edits, with a swap of neighbours counted once."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def near_miss(key: object, owned: tuple[str, ...] | None = None) -> str | None:
    """The owned key that ``key`` is a typo of, or None for a key that belongs to someone else.

    A near miss differs only in case and separators (``Review-Every``), or by one edit
    (``reviewd``, ``ownr``, ``kpi``, ``waiver``; two for keys of eight letters or more). The bar is
    kept that low on purpose: other tools' keys (``status``, ``state``, ``subtitle``, ``date``)
    must never be mistaken for ours.
    """
    owned = owned or owned_keys()
    text = str(key)
    if text in owned:
        return None
    normal = text.strip().lower().replace("-", "_").replace(" ", "_")
    if normal in owned:
        return normal
    best: tuple[int, str] | None = None
    for name in owned:
        allowed = 2 if min(len(normal), len(name)) >= 8 else 1 if min(len(normal), len(name)) >= 3 else 0
        distance = _distance(normal, name)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None


def owned_part(raw: dict[Any, Any], positions: Positions, file: str, problems: Problems, *,
               line_offset: int = 1) -> tuple[dict[Any, Any], Positions]:
    """The owned keys of ``raw`` and their positions; each near miss of an owned key becomes a problem."""
    owned = owned_keys()
    mine: dict[Any, Any] = {}
    for key, value in raw.items():
        if key in owned:
            mine[key] = value
            continue
        typo = near_miss(key, owned)
        if typo is not None:
            problems.add(file, positions.line((key,)) + line_offset, f"unknown key '{key}' in front matter",
                         f"did you mean '{typo}'?")
    duplicates = [(path, line) for path, line in positions.duplicates if path[0] in owned]
    return mine, positions.with_duplicates(duplicates)


def validate_front_matter(raw: Any, positions: Positions, file: str, problems: Problems) -> FrontMatterIn | None:
    """Validate the owned keys of one page's front matter (``raw`` as loaded; its lines 0-based
    from the first line after ``---``). Returns None when there were problems."""
    if not isinstance(raw, dict):
        return validate(FrontMatterIn, raw, positions, file=file, problems=problems, line_offset=1, default_line=2,
                        what="front matter")
    before = len(problems.items)
    mine, mine_positions = owned_part(raw, positions, file, problems)
    parsed = validate(FrontMatterIn, mine, mine_positions, file=file, problems=problems, line_offset=1,
                      default_line=2, what="front matter")
    return parsed if len(problems.items) == before else None
