"""Line numbers for block-style YAML without a full parse.

The fast path parses YAML with a native parser that reports no positions; this scanner reads the
indentation of each line to find where every block mapping key and sequence item starts. It
understands block mappings, block sequences (``- `` items, including ``- key: value``), block
scalars (``|`` / ``>``) and comments; anything inside flow collections or multi-line plain
scalars maps to the line of the key that holds it. The caller verifies the result against the
parsed data and falls back to the line-tracking PyYAML loader when they disagree.
"""

from __future__ import annotations

import re
from typing import Any

Path = tuple[Any, ...]

_KEY = re.compile(r"""^(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+(?P<value>.*))?$""")


def _unquote(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


_PLAIN_START_EXCLUDED = frozenset("#'\"[]{},&*!|>%@`- \t")
_BLOCK_HEADER = re.compile(r"^[|>][0-9+-]*\s*(#.*)?$")


def _split_key(content: str) -> tuple[str, str] | None:
    """(key, value) of a ``key: value`` line, or None. Same result as ``_KEY``, faster on plain keys."""
    first = content[0]
    if first not in _PLAIN_START_EXCLUDED:
        colon = content.find(":", 1)
        while colon != -1:
            end = colon + 1
            if end == len(content) or content[end] in " \t":
                key = content[:colon]
                if "#" in key:
                    return None
                return key.rstrip(), content[end:].strip()
            colon = content.find(":", end)
        return None
    match = _KEY.match(content)
    if match is None:
        return None
    return _unquote(match.group("key").strip()), (match.group("value") or "").strip()


class _Frame:
    __slots__ = ("indent", "is_seq", "path", "count")

    def __init__(self, indent: int, is_seq: bool, path: Path):
        self.indent = indent
        self.is_seq = is_seq
        self.path = path
        self.count = 0


def scan_lines(text: str, first_line: int = 1) -> dict[Path, int]:
    """Map each key/item path (keys as strings, items as ints) to its 1-based line."""
    lines: dict[Path, int] = {(): first_line}
    stack: list[_Frame] = []
    pending: Path = ()  # the path whose value is the next nested block
    block_indent: int | None = None  # inside a block scalar: lines indented deeper are text
    number = first_line - 1
    for raw in text.splitlines():
        number += 1
        stripped = raw.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        indent = len(raw) - len(stripped)
        if block_indent is not None:
            if indent > block_indent:
                continue
            block_indent = None
        content = stripped.rstrip()
        column = indent
        if content[:1] == "-":
            if content == "---":
                continue
            while content == "-" or content.startswith("- "):
                while stack and (stack[-1].indent > column or (stack[-1].indent == column and not stack[-1].is_seq)):
                    top = stack[-1]
                    if top.indent == column and not top.is_seq and pending[: len(top.path)] == top.path and pending != top.path:
                        break  # a sequence at the same indent as its parent key (`key:` then `- item`)
                    stack.pop()
                if stack and stack[-1].is_seq and stack[-1].indent == column:
                    frame = stack[-1]
                else:
                    frame = _Frame(column, True, pending)
                    stack.append(frame)
                item = (*frame.path, frame.count)
                frame.count += 1
                lines[item] = number
                pending = item
                rest = content[1:].lstrip(" ")
                column += len(content) - len(rest)
                content = rest
                if not content:
                    break
            if not content or content == "-":
                continue
        elif not content or content == "...":
            continue
        # ``key: value``: the plain key inline (most lines), else the full pattern
        first = content[0]
        if first not in _PLAIN_START_EXCLUDED:
            split = None
            colon = content.find(":", 1)
            while colon != -1:
                end = colon + 1
                if end == len(content) or content[end] in " \t":
                    key = content[:colon]
                    if "#" not in key:
                        split = key.rstrip(), content[end:].strip()
                    break
                colon = content.find(":", end)
        else:
            split = _split_key(content)
        if split is None:
            if first in "|>":
                block_indent = indent
            continue  # a scalar item, a flow collection, or a continuation line
        key, value = split
        last = stack[-1] if stack else None
        if last is not None and last.indent == column and not last.is_seq:
            frame = last  # the next key of the same mapping: most lines
        else:
            while stack and (stack[-1].indent > column or (stack[-1].is_seq and stack[-1].indent == column)):
                stack.pop()
            if stack and not stack[-1].is_seq and stack[-1].indent == column:
                frame = stack[-1]
            else:
                frame = _Frame(column, False, pending)
                stack.append(frame)
        path = frame.path + (key,)
        lines[path] = number
        if not value or value[0] == "#":
            pending = path
        else:
            pending = frame.path
            if value[0] in "|>" and _BLOCK_HEADER.match(value):
                block_indent = column
    return lines


_INDICATOR = re.compile(r"[&*!]\S")  # an anchor, alias or tag, when it starts a token
_MERGE = re.compile(r"<<\s*:")
_DOCUMENT = re.compile(r"^(?:---|\.\.\.)\s*\S", re.MULTILINE)
_TOKEN_BOUNDARY = frozenset("[{,:-")


def has_unsupported(text: str) -> bool:
    """Anchors, aliases, merge keys, tags or document markers with content: leave these to PyYAML.

    Errs on the safe side: an ``&`` or ``*`` after a space inside a string also sends the text
    to the full parser, which is only slower.
    """
    if "&" in text or "*" in text or "!" in text:  # a substring test is cheaper than the pattern
        for match in _INDICATOR.finditer(text):
            start = match.start()
            before = text[start - 1] if start else "\n"
            if before.isspace() or before in _TOKEN_BOUNDARY:
                return True
    if "<<" in text and _MERGE.search(text):
        return True
    if text.startswith(("---", "...")) or "\n---" in text or "\n..." in text:
        return _DOCUMENT.search(text) is not None
    return False
