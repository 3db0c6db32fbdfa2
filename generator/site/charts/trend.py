"""A KPI's trend: periods on the x axis, the target as a dashed line, missed periods marked,
the newest value labelled. Missing periods are gaps, never zero."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ...model.kpis import Target
from .svg import figure, label, n, svg

WIDTH, HEIGHT = 420, 150
LEFT, RIGHT, TOP, BOTTOM = 58, 74, 14, 24


def _known(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def trend_chart(
    periods: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    fmt: Callable[[float], str],
    target: Target | None = None,
    target_words: str = "",
    judged: bool = True,
) -> str:
    """The figure for one KPI (oldest period first), or "" when no period has a value.

    ``judged`` False (stale data, no target) draws the target line but marks no period missed."""
    points = [(i, float(v)) for i, v in enumerate(values) if _known(v)]  # type: ignore[arg-type]
    if not points or not periods:
        return ""
    goal = target.value if target is not None and math.isfinite(target.value) else None
    bounds = [v for _, v in points] + ([goal] if goal is not None else [])
    low, high = min(bounds), max(bounds)
    if high == low:
        spread = abs(high) * 0.1 or 1.0
        low, high = low - spread, high + spread
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(periods)

    def x(i: int) -> float:
        return LEFT + (inner_w * i / (count - 1) if count > 1 else inner_w / 2)

    def y(v: float) -> float:
        return TOP + (high - v) / (high - low) * inner_h

    shapes = [
        f'<line class="opsmanual-axis" x1="{LEFT}" y1="{TOP + inner_h}" x2="{LEFT + inner_w}" y2="{TOP + inner_h}"/>',
        f'<line class="opsmanual-axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + inner_h}"/>',
        label(LEFT - 4, TOP + 4, fmt(high), "opsmanual-tick", "end"),
        label(LEFT - 4, TOP + inner_h, fmt(low), "opsmanual-tick", "end"),
    ]
    ticks = sorted({0, count - 1, (count - 1) // 2}) if count > 2 else list(range(count))
    for i in ticks:
        anchor = "start" if i == 0 and count > 1 else "end" if i == count - 1 and count > 1 else "middle"
        shapes.append(label(x(i), HEIGHT - 6, periods[i], "opsmanual-tick", anchor))
    if goal is not None:
        ty = y(goal)
        shapes.append(
            f'<line class="opsmanual-target" x1="{LEFT}" y1="{n(ty)}" x2="{LEFT + inner_w}" y2="{n(ty)}"/>'
        )
        shapes.append(label(LEFT + inner_w + 4, ty + 4, f"target {fmt(goal)}", "opsmanual-target-label"))
    run: list[tuple[int, float]] = []
    runs = []
    for i, v in points:
        if run and run[-1][0] != i - 1:
            runs.append(run)
            run = []
        run.append((i, v))
    runs.append(run)
    for part in runs:
        if len(part) > 1:
            coords = " ".join(f"{n(x(i))},{n(y(v))}" for i, v in part)
            shapes.append(f'<polyline class="opsmanual-line" points="{coords}"/>')
    missed_rows = []
    for i, v in points:
        missed = judged and target is not None and not target.met_by(v)
        cx, cy = x(i), y(v)
        if missed:
            # A cross, not only a colour: readable without colour vision.
            d = 3.5
            shapes.append(
                f'<path class="opsmanual-missed" d="M{n(cx - d)},{n(cy - d)}L{n(cx + d)},{n(cy + d)}'
                f'M{n(cx - d)},{n(cy + d)}L{n(cx + d)},{n(cy - d)}"/>'
            )
        else:
            shapes.append(f'<circle class="opsmanual-point" cx="{n(cx)}" cy="{n(cy)}" r="2.6"/>')
        missed_rows.append(missed)
    last_i, last_v = points[-1]
    newest_y = y(last_v)
    if goal is not None and abs(newest_y - y(goal)) < 12:
        newest_y += 12 if newest_y >= y(goal) else -6
    shapes.append(label(x(last_i) + 6, newest_y + 4, fmt(last_v), "opsmanual-newest"))
    missed_count = sum(missed_rows)
    summary = f"{title}: {periods[points[0][0]]} to {periods[last_i]}, newest {fmt(last_v)} in {periods[last_i]}"
    if target is not None and not judged:
        summary += f", target {target_words}"
    if target is not None and judged:
        summary += f", target {target_words}; missed in {missed_count} of {len(points)} period"
        summary += "" if len(points) == 1 else "s"
    rows = []
    known = dict(points)
    for i, period in enumerate(periods[points[0][0]:], points[0][0]):
        value = known.get(i)
        if value is None:
            rows.append([period, "no value", ""])
            continue
        state = "" if target is None or not judged else ("missed" if not target.met_by(value) else "met")
        rows.append([period, fmt(value), state])
    drawing = svg(WIDTH, HEIGHT, summary, shapes, "opsmanual-trend")
    return figure(drawing, summary + ".", ["Period", "Value", "Against target"], rows, "opsmanual-chart-trend")
