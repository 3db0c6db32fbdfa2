"""A matrix of counts (persona x stage): darker is more, an empty cell is marked as a gap."""

from __future__ import annotations

from collections.abc import Sequence

from ...metrics.format import of_total
from .svg import figure, label, n, svg

CELL_W, CELL_H, LABEL_W, HEAD_H = 96, 26, 150, 22


def _short(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    title: str,
    unit: str,
    extra: Sequence[Sequence[str]] | None = None,
) -> str:
    """The figure, or "" when there is no row or column. ``extra`` adds words to each cell's row."""
    if not rows or not columns:
        return ""
    top = max((c for line in counts for c in line), default=0) or 1
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
            if value <= 0:
                gaps += 1
                shapes.append(f'<rect class="opsmanual-heat-gap" x="{n(x + 1)}" y="{y + 1}" width="{CELL_W - 2}" '
                              f'height="{CELL_H - 2}"/>')
                shapes.append(label(x + CELL_W / 2, y + 17, "gap", "opsmanual-gap-label", "middle"))
                continue
            level = 0.25 + 0.75 * value / top
            shapes.append(f'<rect class="opsmanual-heat" x="{n(x + 1)}" y="{y + 1}" width="{CELL_W - 2}" '
                          f'height="{CELL_H - 2}" fill-opacity="{level:.2f}"/>')
            shapes.append(label(x + CELL_W / 2, y + 17, str(value), "opsmanual-heat-label", "middle"))
    cells = len(rows) * len(columns)
    summary = f"{title}: {of_total(gaps, cells, 'cell')} no {unit}"
    table_rows = []
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            more = list(extra[i * len(columns) + j]) if extra else []
            table_rows.append([row, column, str(counts[i][j]), *more])
    drawing = svg(width, height, summary, shapes, "opsmanual-heatmap")
    headers = ["Row", "Column", unit.capitalize(), *(["Results"] if extra else [])]
    return figure(drawing, summary + ".", headers, table_rows, "opsmanual-chart-heatmap")
