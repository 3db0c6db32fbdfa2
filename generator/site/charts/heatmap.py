"""A matrix of numbers (persona x stage): darker is more.

Two readings: coverage (live assets per cell, where nothing is a gap to fill) and results (SQLs
per cell, where zero is a result, drawn lightest, and a cell the snapshots say nothing about is
marked "no data", not a gap).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...metrics.format import of_total
from .svg import figure, label, n, svg

CELL_W, CELL_H, LABEL_W, HEAD_H = 96, 26, 150, 22


def _short(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[float | None]],
    *,
    title: str,
    unit: str,
    extra: Sequence[Sequence[str]] | None = None,
    fmt: Callable[[float], str] = lambda v: f"{v:,.0f}",
    results: bool = False,
) -> str:
    """The figure, or "" when there is no row or column. ``extra`` adds words to each cell's row.

    Coverage (the default): a cell of 0 is a gap. With ``results``, None is "no data" and 0 is a
    value like any other; the summary names the highest cell.
    """
    if not rows or not columns:
        return ""
    if results and all(c is None for line in counts for c in line):
        return ""
    top = max((c for line in counts for c in line if c is not None), default=0) or 1
    width = LABEL_W + CELL_W * len(columns) + 4
    height = HEAD_H + CELL_H * len(rows) + 4
    shapes = []
    for j, column in enumerate(columns):
        shapes.append(label(LABEL_W + CELL_W * j + CELL_W / 2, 15, _short(column, 14), "opsmanual-tick", "middle"))
    gaps = 0
    for i, row in enumerate(rows):
        y = HEAD_H + CELL_H * i
        shapes.append(label(LABEL_W - 6, y + 17, _short(row, 22), "opsmanual-tick", "end"))
        for j in range(len(columns)):
            value = counts[i][j]
            x = LABEL_W + CELL_W * j
            if results and value is None:
                gaps += 1
                shapes.append(f'<rect class="opsmanual-heat-none" x="{n(x + 1)}" y="{y + 1}" width="{CELL_W - 2}" '
                              f'height="{CELL_H - 2}"/>')
                shapes.append(label(x + CELL_W / 2, y + 17, "no data", "opsmanual-tick", "middle"))
                continue
            if value is None or (value <= 0 and not results):
                gaps += 1
                shapes.append(f'<rect class="opsmanual-heat-gap" x="{n(x + 1)}" y="{y + 1}" width="{CELL_W - 2}" '
                              f'height="{CELL_H - 2}"/>')
                shapes.append(label(x + CELL_W / 2, y + 17, "gap", "opsmanual-gap-label", "middle"))
                continue
            level = 0.25 + 0.75 * max(value, 0) / top if top > 0 else 0.25
            shapes.append(f'<rect class="opsmanual-heat" x="{n(x + 1)}" y="{y + 1}" width="{CELL_W - 2}" '
                          f'height="{CELL_H - 2}" fill-opacity="{level:.2f}"/>')
            shapes.append(label(x + CELL_W / 2, y + 17, fmt(value), "opsmanual-heat-label", "middle"))
    cells = len(rows) * len(columns)
    if results:
        best = max(((c, i, j) for i, line in enumerate(counts) for j, c in enumerate(line) if c is not None),
                   key=lambda t: (t[0], -t[1], -t[2]))
        summary = f"{title}: highest {rows[best[1]]} at {columns[best[2]]}, {fmt(best[0])} {unit}"
        summary += f"; {of_total(gaps, cells, 'cell')} no data" if gaps else ""
    else:
        summary = f"{title}: {of_total(gaps, cells, 'cell')} no {unit}"
    table_rows = []
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            more = list(extra[i * len(columns) + j]) if extra else []
            value = counts[i][j]
            table_rows.append([row, column, "no data" if value is None else fmt(value), *more])
    drawing = svg(width, height, summary, shapes, "opsmanual-heatmap")
    headers = ["Row", "Column", unit[:1].upper() + unit[1:], *(["Results"] if extra else [])]
    return figure(drawing, summary + ".", headers, table_rows, "opsmanual-chart-heatmap")
