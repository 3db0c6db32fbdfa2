"""opsmanual's own Markdown, turned into HTML before an engine sees it.

Status blocks and generated pages are written in a small subset of Markdown (paragraphs, ``-`` and
``1.`` lists, pipe tables, ``**strong**``, ``*em*``, `` `code` ``, ``[label](page.md)`` links, raw HTML, and
``<div ... markdown>`` containers of these), with every value from the sources escaped by
:func:`generator.site.escape.text` (each character Markdown could act on is an entity). For that
subset the HTML is known without parsing: :func:`prerender` writes it directly, the way
Python-Markdown with ``tables``, ``md_in_html`` and ``admonition`` would, so that an engine gets a
raw HTML block to pass through instead of Markdown to parse (most of the engine's time on a large
manual). Headings stay Markdown (the engine builds the table of contents from them), and any block
outside the subset is handed over unchanged: the output is the same page either way.

Markdown link targets are relative ``.md`` paths the engine would resolve; in raw HTML it does
not, so ``href`` (given by the engine adapter) turns each into the URL the engine would write.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Href = Callable[[str], str]
Hold = Callable[[str], str]  # an HTML block -> what the engine reads in its place

_BLOCK_TAG = re.compile(r"^<(div|p|table|ul|ol|figure|details|span|svg|section|nav)[\s>]")
_OPEN = re.compile(r'^<div( class="[^"<>]*")? markdown>$')
_HEADING = re.compile(r"^#{1,6}\s")
_ORDERED = re.compile(r"^\d+\. ")
_ALIGN = {"---": "", "---:": "right", ":---:": "center", ":---": "left"}
# Inline: a code span (single backticks), a raw tag, a Markdown link, strong, em, or text. Text that
# holds anything else Markdown acts on (escapes, underscores, images, line breaks) is not in the subset.
_INLINE = re.compile(r"`([^`]+)`(?!`)|(<[^<>]*>)|\[([^\[\]<>]*)\]\(([^()\s<>\"]*)\)|\*\*([^*<>]+?)\*\*|\*([^*\s<>][^*<>]*?)\*")
_NOT_SUBSET = re.compile(r"[`\\_\[\]*]|!\[|  $|&(?!#?\w+;)|<(?![a-zA-Z/!])", re.MULTILINE)


class _Outside(Exception):
    """A block outside the subset: it is handed to the engine as Markdown."""


def prerender(markdown: str, href: Href, hold: Hold | None = None) -> str:
    """``markdown`` with every top-level block of the subset written as a raw HTML block.

    Consecutive HTML blocks are joined into one; headings and blocks outside the subset stay as
    they are, each separated by a blank line from its neighbours. ``hold`` replaces each HTML
    block by what it returns (an engine that can put HTML into the page after its Markdown
    conversion hands over a placeholder there)."""
    keep = hold or (lambda block: block)
    out: list[str] = []
    html_run: list[str] = []
    for block in _blocks(markdown.splitlines()):
        converted = None
        if not _HEADING.match(block[0]):
            try:
                converted = _block(block, href)
            except _Outside:
                converted = None
        if converted is not None:
            html_run.append(converted)
            continue
        if html_run:
            out.append(keep(_raw(html_run)))
            html_run = []
        out.append("\n".join(block))
    if html_run:
        out.append(keep(_raw(html_run)))
    return "\n\n".join(out) + "\n"


def to_html(markdown: str, href: Href) -> str | None:
    """The whole of ``markdown`` as HTML, or None when any block is outside the subset."""
    try:
        return "\n".join(_block(block, href) for block in _blocks(markdown.splitlines()))
    except _Outside:
        return None


def _raw(parts: list[str]) -> str:
    # One raw HTML block for the engine: no blank line inside it (Python-Markdown would end a raw
    # block there when its tags do not wrap the rest), one element per top-level part.
    return "\n".join(p for p in parts if p)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Top-level blocks: runs of lines between blank lines; a ``<div ... markdown>`` container is
    one block up to its matching ``</div>`` line."""
    blocks: list[list[str]] = []
    current: list[str] = []
    depth = 0
    for line in lines:
        if depth:
            current.append(line)
            if _OPEN.match(line):
                depth += 1
            elif line == "</div>":
                depth -= 1
                if not depth:
                    blocks.append(current)
                    current = []
            continue
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if _OPEN.match(line):
            if current:
                blocks.append(current)
            current, depth = [line], 1
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _block(lines: list[str], href: Href) -> str:
    first = lines[0]
    if _OPEN.match(first):
        if depth_closes(lines):
            inner = lines[1:-1]
            body = [_block(b, href) for b in _blocks(inner)] if inner else []
            if any(_HEADING.match(b[0]) for b in _blocks(inner)):
                raise _Outside
            opening = first[: -len(" markdown>")] + ">"
            return "\n".join([opening, *[b for b in body if b], "</div>"])
        raise _Outside
    if first.startswith("<"):
        return _raw_or_mixed(lines, href)
    if first.startswith("|"):
        return _table(lines, href)
    if first.startswith("- "):
        return _list(lines, "ul", 2, href)
    if _ORDERED.match(first):
        return _list(lines, "ol", 0, href)
    if _HEADING.match(first) or first.startswith((" ", "\t", ">", "=", "+", "~~~", "```")):
        raise _Outside
    return f"<p>{_inline(chr(10).join(lines), href)}</p>"


def depth_closes(lines: list[str]) -> bool:
    return len(lines) > 1 and lines[-1] == "</div>"


def _raw_or_mixed(lines: list[str], href: Href) -> str:
    """A block that starts with a tag: raw HTML when it is a block element (kept as written),
    else a paragraph that opens with inline HTML."""
    if _BLOCK_TAG.match(lines[0]) and not any(" markdown" in line for line in lines):
        if lines[0].startswith(("<span", "<svg")):  # inline elements: Python-Markdown wraps them in <p>
            return f"<p>{_inline(chr(10).join(lines), href)}</p>"
        return "\n".join(lines)
    if any(" markdown" in line for line in lines):
        raise _Outside
    return f"<p>{_inline(chr(10).join(lines), href)}</p>"


def _list(lines: list[str], tag: str, cut: int, href: Href) -> str:
    items: list[str] = []
    for line in lines:
        if tag == "ul" and line.startswith("- "):
            items.append(line[cut:])
        elif tag == "ol" and _ORDERED.match(line):
            items.append(_ORDERED.sub("", line, count=1))
        else:
            raise _Outside  # a continuation line or a nested list
    body = "\n".join(f"<li>{_inline(item, href)}</li>" for item in items)
    return f"<{tag}>\n{body}\n</{tag}>"


def _cells(line: str) -> list[str]:
    if not (line.startswith("| ") and line.endswith(" |")):
        raise _Outside
    return [c.strip() for c in line[2:-2].split(" | ")]


def _table(lines: list[str], href: Href) -> str:
    if len(lines) < 2:
        raise _Outside
    headers = _cells(lines[0])
    rule = _cells(lines[1])
    if len(rule) != len(headers) or any(r not in _ALIGN for r in rule):
        raise _Outside
    styles = [f' style="text-align: {_ALIGN[r]};"' if _ALIGN[r] else "" for r in rule]
    head = "\n".join(f"<th{styles[i]}>{_inline(h, href)}</th>" for i, h in enumerate(headers))
    rows = []
    for line in lines[2:]:
        cells = _cells(line)
        if len(cells) != len(headers):
            raise _Outside
        rows.append("<tr>\n" + "\n".join(f"<td{styles[i]}>{_inline(c, href)}</td>" for i, c in enumerate(cells))
                    + "\n</tr>")
    body = "\n<tbody>\n" + "\n".join(rows) + "\n</tbody>" if rows else ""
    return f"<table>\n<thead>\n<tr>\n{head}\n</tr>\n</thead>{body}\n</table>"


def _inline(source: str, href: Href) -> str:
    if not _NOT_SUBSET.search(source):  # no Markdown syntax at all (most table cells): as it is
        return source
    out: list[str] = []
    pos = 0
    for match in _INLINE.finditer(source):
        out.append(_plain(source[pos : match.start()]))
        code, tag, label, target, strong, em = match.groups()
        if code is not None:
            if source[match.start() - 1 : match.start()] == "`":
                raise _Outside  # a longer run of backticks
            out.append(f"<code>{_code_escape(code.strip())}</code>")
        elif tag is not None:
            out.append(tag)
        elif target is not None:
            if source[match.start() - 1 : match.start()] == "!":
                raise _Outside  # an image
            out.append(f'<a href="{href(target)}">{_inline(label, href)}</a>')
        elif strong is not None:
            out.append(f"<strong>{_inline(strong, href)}</strong>")
        else:
            out.append(f"<em>{_inline(em, href)}</em>")
        pos = match.end()
    out.append(_plain(source[pos:]))
    return "".join(out)


def _code_escape(code: str) -> str:
    """A code span's text as Python-Markdown writes it: ``&``, ``<`` and ``>`` as entities."""
    return code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(text: str) -> str:
    if _NOT_SUBSET.search(text):
        raise _Outside
    return text
