"""Top-level lists of a YAML config file, edited as text so that every other byte stays.

``mkdocs.yml`` holds comments and tags (``!ENV``, ``!!python/name:``) that a load and dump would
lose; ``opsmanual init`` (adding the plugin line) and the Zensical adapter (adding the Markdown
extensions the status blocks need) append to a list in place instead.
"""

from __future__ import annotations

import re

_KEY = r"^{key}\s*:\s*(?P<rest>.*?)\s*(?:#.*)?$"


def find_key(lines: list[str], key: str) -> int | None:
    """The index of the top-level ``key:`` line, if any."""
    pattern = re.compile(_KEY.format(key=re.escape(key)))
    return next((i for i, line in enumerate(lines) if pattern.match(line.rstrip("\r\n"))), None)


def block_items(lines: list[str], start: int) -> tuple[int | None, int | None, bool]:
    """For the block under ``lines[start]`` (a top-level key): the index of its last content line,
    the indent of its entries, and whether they are mapping keys rather than ``- `` items."""
    last, indent, mapping = None, None, False
    for index in range(start + 1, len(lines)):
        content = lines[index].rstrip("\r\n")
        if not content.strip() or content.lstrip().startswith("#"):
            continue
        stripped = content.lstrip(" ")
        item_indent = len(content) - len(stripped)
        is_item = stripped == "-" or stripped.startswith("- ")
        if indent is None:
            if item_indent == 0 and not is_item:
                break  # ``key:`` with nothing under it
            indent, mapping = item_indent, not is_item
        elif item_indent < indent or (item_indent == 0 and not is_item):
            break  # the next top-level key
        last = index
    return last, indent, mapping


def append_items(text: str, key: str, items: list[str], *, mapping_entry: str = "{}") -> str | None:
    """``text`` with ``items`` appended to the top-level list ``key`` (a block list, a flow list,
    or a mapping: ``item: {}``), every other line kept; None when ``key`` is absent or is neither."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    start = find_key(lines, key)
    if start is None:
        return None
    match = re.match(_KEY.format(key=re.escape(key)), lines[start].rstrip("\r\n"))
    rest = match.group("rest") if match else ""
    if rest.startswith("["):
        line = lines[start]
        close = line.rindex("]")
        inside = line[line.index("[") + 1 : close].strip()
        added = ", ".join(items)
        lines[start] = line[:close].rstrip() + (", " + added if inside else added) + line[close:]
        return "".join(lines)
    if rest:
        return None
    last, indent, mapping = block_items(lines, start)
    if last is None or indent is None:
        lines[start + 1 : start + 1] = [f"  - {item}{newline}" for item in items]
        return "".join(lines)
    entries = [" " * indent + (f"{item}: {mapping_entry}" if mapping else f"- {item}") + newline for item in items]
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    lines[last + 1 : last + 1] = entries
    return "".join(lines)


def block_text(text: str, key: str) -> str | None:
    """The top-level ``key:`` line and everything under it, as written."""
    lines = text.splitlines(keepends=True)
    start = find_key(lines, key)
    if start is None:
        return None
    last, _, _ = block_items(lines, start)
    block = "".join(lines[start : (last if last is not None else start) + 1])
    return block if block.endswith("\n") else block + "\n"
