"""A small inline SVG trend chart: no JavaScript, deterministic, gaps where values are missing.

The chart is a polyline per run of consecutive known values (a lone value is a dot), a dashed
horizontal line at the target when there is one, and a dot on the newest value. Coordinates are
rounded to one decimal so the same values always give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .escape import attr, text

WIDTH = 120
HEIGHT = 28
PAD = 3


def _n(value: float) -> str:
    shown = f"{round(value, 1):.1f}"
    if shown.endswith(".0"):
        shown = shown[:-2]
    return "0" if shown == "-0" else shown


def _known(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


def sparkline(
    values: Sequence[float | None],
    *,
    label: str,
    target: float | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """An ``<svg>`` of ``values`` (oldest first; None for a missing period), or "" with no value at all."""
    points = [(i, float(v)) for i, v in enumerate(values) if _known(v)]  # type: ignore[arg-type]
    if not points:
        return ""
    bounds = [v for _, v in points] + ([target] if target is not None and math.isfinite(target) else [])
    low, high = min(bounds), max(bounds)
    if high == low:
        spread = abs(high) * 0.1 or 1.0
        low, high = low - spread, high + spread
    count = len(values)
    inner_w, inner_h = width - 2 * PAD, height - 2 * PAD

    def x(index: int) -> float:
        return PAD + (inner_w * index / (count - 1) if count > 1 else inner_w / 2)

    def y(value: float) -> float:
        return PAD + (high - value) / (high - low) * inner_h

    runs: list[list[tuple[int, float]]] = []
    for index, value in points:
        if runs and runs[-1][-1][0] == index - 1:
            runs[-1].append((index, value))
        else:
            runs.append([(index, value)])
    shapes = []
    if target is not None and math.isfinite(target):
        ty = _n(y(target))
        shapes.append(
            f'<line x1="{_n(PAD)}" y1="{ty}" x2="{_n(width - PAD)}" y2="{ty}" stroke="currentColor" '
            f'stroke-opacity="0.45" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    for run in runs:
        if len(run) == 1:
            i, v = run[0]
            shapes.append(f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="1.2" fill="currentColor"/>')
        else:
            coords = " ".join(f"{_n(x(i))},{_n(y(v))}" for i, v in run)
            shapes.append(
                f'<polyline points="{coords}" fill="none" stroke="currentColor" stroke-width="1.5" '
                'stroke-linejoin="round" stroke-linecap="round"/>'
            )
    last_i, last_v = points[-1]
    shapes.append(f'<circle cx="{_n(x(last_i))}" cy="{_n(y(last_v))}" r="2" fill="currentColor"/>')
    return (
        f'<svg class="opsmanual-spark" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{attr(label)}">'
        f"<title>{text(label)}</title>{''.join(shapes)}</svg>"
    )
