"""Horizontal bars, one per row, stacked by segment, with an optional target mark per row.

Used for findings by rule and by owner (segments are severities), cost per result against target
by channel and spend against budget (the target mark is the target or the budget).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .svg import figure, label, n, svg

WIDTH = 560
ROW, TOP, BOTTOM = 22, 8, 18
LABEL_W, VALUE_W = 170, 120


@dataclass(frozen=True)
class Bar:
    """One row: its label, stacked segments ``(value, css class, words)``, an optional target."""

    label: str
    segments: tuple[tuple[float, str, str], ...]
    target: float | None = None
    shown: str = ""  # the value in words at the bar's end; the sum when empty
    extra: tuple[str, ...] = field(default_factory=tuple)  # more cells for the numbers table

    @property
    def total(self) -> float:
        return sum(v for v, _, _ in self.segments if math.isfinite(v))


def _short(value: str, limit: int = 26) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    fmt: Callable[[float], str],
    headers: Sequence[str],
    target_name: str = "target",
    caption: str = "",
    limit: int | None = None,
) -> str:
    """The figure, or "" when there is no bar with a value.

    With ``limit``, only the first ``limit`` bars are drawn (a chart stays a glance); the numbers
    table under it still lists every bar, and the caption says how many are drawn.
    """
    listed = [b for b in bars if b.total > 0 or b.target]
    if not listed:
        return ""
    bars = listed[:limit] if limit else listed
    scale_max = max(max(b.total for b in bars), max((b.target or 0.0) for b in bars)) or 1.0
    inner = WIDTH - LABEL_W - VALUE_W
    height = TOP + ROW * len(bars) + BOTTOM
    shapes = [f'<line class="opsmanual-axis" x1="{LABEL_W}" y1="{TOP}" x2="{LABEL_W}" y2="{height - BOTTOM}"/>']
    for row, bar in enumerate(bars):
        top = TOP + row * ROW
        shapes.append(label(LABEL_W - 6, top + 15, _short(bar.label), "opsmanual-tick", "end"))
        x = float(LABEL_W)
        for value, css, _ in bar.segments:
            if not math.isfinite(value) or value <= 0:
                continue
            w = inner * value / scale_max
            shapes.append(f'<rect class="{css}" x="{n(x)}" y="{top + 4}" width="{n(w)}" height="{ROW - 8}"/>')
            x += w
        if bar.target is not None and math.isfinite(bar.target):
            tx = LABEL_W + inner * bar.target / scale_max
            shapes.append(f'<line class="opsmanual-target" x1="{n(tx)}" y1="{top + 1}" x2="{n(tx)}" y2="{top + ROW - 1}"/>')
        end = max(x, LABEL_W + (inner * bar.target / scale_max if bar.target else 0))
        shapes.append(label(end + 5, top + 15, bar.shown or fmt(bar.total), "opsmanual-value"))
    has_target = any(b.target is not None for b in bars)
    if has_target:
        shapes.append(label(LABEL_W, height - 4, f"| marks the {target_name}", "opsmanual-target-label"))
    summary = caption or title
    if len(bars) < len(listed):
        summary = f"{summary.rstrip('.')}; the first {len(bars)} of {len(listed)} are drawn, every one is under Numbers."
    rows = [[b.label, *(words for _, _, words in b.segments), *b.extra] for b in listed]
    drawing = svg(WIDTH, height, summary, shapes, "opsmanual-bars")
    return figure(drawing, summary, headers, rows, "opsmanual-chart-bars")
