"""Shared pieces of the SVG charts: rounded coordinates, text, the figure with its numbers."""

from __future__ import annotations

from collections.abc import Sequence

from ..escape import attr, text


def n(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing ``.0`` (reproducible bytes)."""
    shown = f"{round(value, 1):.1f}"
    if shown.endswith(".0"):
        shown = shown[:-2]
    return "0" if shown == "-0" else shown


def label(x: float, y: float, value: str, css: str = "", anchor: str = "start") -> str:
    """A ``<text>`` element; ``value`` is escaped here."""
    cls = f' class="{attr(css)}"' if css else ""
    return f'<text x="{n(x)}" y="{n(y)}" text-anchor="{anchor}"{cls}>{text(value)}</text>'


def svg(width: int, height: int, summary: str, shapes: Sequence[str], css: str) -> str:
    return (
        f'<svg class="opsmanual-chart-svg {attr(css)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{attr(summary)}"><title>{text(summary)}</title>{"".join(shapes)}</svg>'
    )


def numbers_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The chart's numbers as an HTML table (cells are plain text, escaped here)."""
    head = "".join(f"<th>{text(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{text(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="opsmanual-chart-numbers"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def figure(drawing: str, caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], css: str = "") -> str:
    """The chart as one line of raw HTML: drawing, caption in words, numbers under a summary."""
    classes = "opsmanual-chart" + (f" {css}" if css else "")
    return (
        f'<figure class="{attr(classes)}">{drawing}<figcaption>{text(caption)}</figcaption>'
        f"<details><summary>Numbers</summary>{numbers_table(headers, rows)}</details></figure>"
    )
