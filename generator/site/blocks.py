"""Markdown building blocks: tables, headings with stable ids, the admonition-style HTML block.

Cells, headings and list items receive Markdown that is already escaped; these helpers only lay
it out. Output is plain strings joined with ``\\n`` so every page is byte-for-byte reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence

from .escape import attr, text


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A Markdown table; ``align`` holds one letter per column: ``l`` (default), ``r`` or ``c``."""
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    rule = [marks.get(align[i] if i < len(align) else "l", "---") for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    for row in rows:
        cells = [cell.replace("\n", " ") or " " for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def wide(markdown_table: str) -> str:
    """A table laid out to the page's width: prose wraps, ids and dates stay whole (site/style.py)."""
    return f'<div class="opsmanual-wide" markdown>\n\n{markdown_table}\n\n</div>'


def heading(level: int, label_markdown: str, anchor_id: str | None = None) -> str:
    """``## Label {#id}`` (attr_list gives the heading a stable id others can link to)."""
    suffix = f" {{#{anchor_id}}}" if anchor_id else ""
    return f"{'#' * level} {label_markdown}{suffix}"


def bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def admonition(kind: str, title: str, body: str, css: str = "") -> str:
    """A Material admonition written as HTML (``md_in_html``), so its body can hold Markdown."""
    classes = " ".join(c for c in ("admonition", kind, css) if c)
    return (
        f'<div class="{attr(classes)}" markdown>\n'
        f'<p class="admonition-title">{text(title)}</p>\n\n'
        f"{body.strip()}\n\n"
        "</div>"
    )


def anchor_span(anchor_id: str) -> str:
    """An empty element carrying an id, for rows that other pages link to."""
    return f'<span id="{attr(anchor_id)}"></span>'


def page(*parts: str) -> str:
    """Join non-empty blocks with a blank line; end with one newline."""
    return "\n\n".join(p.strip("\n") for p in parts if p and p.strip()) + "\n"


def dash(value: str | None) -> str:
    return value if value else "—"


def chip(word: str, severity: str) -> str:
    """A status chip: the word on its severity's colour (``error``, ``warning``, ``info``, ``ok``, ``waived``).

    The class names one of a fixed set; the word is escaped. Colour never stands alone: the word says it.
    """
    kind = severity if severity in CHIP_KINDS else "info"
    return f'<span class="opsmanual-chip opsmanual-sev-{kind}">{text(word)}</span>'


CHIP_KINDS = frozenset({"error", "warning", "info", "ok", "waived"})
