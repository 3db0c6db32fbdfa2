"""Where the values of one parsed YAML document are written: :class:`Positions`.

PyYAML's nodes give every line up front (``lines`` and ``starts`` filled when parsed). For a
document of the native parser, the scanner's lines (``yamllines.scan_lines``, keys as text) are
laid on the data only where a line is asked for: a catalog of thousands of entries asks for the
line of each entry and of its KPIs, and for the line of a key only when that key has a problem.
Every answer is the one the whole table would give (:meth:`Positions.lines` builds it, when a
caller wants the table itself).
"""

from __future__ import annotations

from typing import Any

YamlPath = tuple[Any, ...]
"""Where a value sits in a document: its keys and list indexes from the top, ``()`` the top."""

MAX_DEPTH = 100  # how deep the values of one document may nest
_NESTED = (dict, list)


class Mismatch(Exception):
    """The scanned lines do not fit the parsed data (or it nests too deep): PyYAML reads it."""


def verify_scan(data: Any, scanned: dict[YamlPath, int]) -> None:
    """Raise :class:`Mismatch` unless the scanner found every key of the top mapping, every item
    of the top list and every key of the mappings in it, and the data nests at most
    :data:`MAX_DEPTH` deep: what a line may then be taken from the scan for."""
    level: list[Any] = []  # the mappings and lists at ``depth``
    depth = 2
    if isinstance(data, dict):
        for key, value in data.items():
            if (str(key),) not in scanned:
                raise Mismatch((str(key),))
            if isinstance(value, _NESTED):
                level.append(value)
    elif isinstance(data, list):
        depth = 3
        for index, item in enumerate(data):
            if (index,) not in scanned:
                raise Mismatch((index,))
            if isinstance(item, dict):
                for key, value in item.items():
                    if (index, str(key)) not in scanned:
                        raise Mismatch((index, str(key)))
                    if isinstance(value, _NESTED):
                        level.append(value)
            elif isinstance(item, list):
                level.extend(value for value in item if isinstance(value, _NESTED))
    while level:
        if depth > MAX_DEPTH:
            raise Mismatch(depth)
        level = [value for held in level for value in (held.values() if isinstance(held, dict) else held)
                 if isinstance(value, _NESTED)]
        depth += 1


def scanned_table(data: Any, scanned: dict[YamlPath, int]) -> tuple[dict[YamlPath, int], dict[YamlPath, int]]:
    """The scanner's lines (paths of keys as text) laid on the parsed data (paths of its keys):
    the line of each key and item, and where each mapping and list starts (its first key or item,
    as PyYAML sees it). What the scanner missed (flow collections) takes the line where the
    collection that holds it starts. Call :func:`verify_scan` first."""
    lines: dict[YamlPath, int] = {}
    starts: dict[YamlPath, int] = {}
    # (value, path of its keys as written, path of its keys as text, its key's line)
    stack: list[tuple[Any, YamlPath, YamlPath, int]] = [(data, (), (), scanned.get((), 1))]
    while stack:
        value, path, text_path, line = stack.pop()
        if isinstance(value, dict):
            steps: Any = value.items()
            first = (*text_path, str(next(iter(value)))) if value else None
        elif isinstance(value, list):
            steps = enumerate(value)
            first = (*text_path, 0) if value else None
        else:
            continue
        if first is not None:
            line = scanned.get(first, line)
        starts[path] = line
        in_list = isinstance(value, list)
        for step, item in steps:
            step_text = (*text_path, step if in_list else str(step))
            found = scanned.get(step_text, line)
            here = (*path, step)
            lines[here] = found
            if isinstance(item, dict | list):
                stack.append((item, here, step_text, found))
    return lines, starts


class _Walk:
    """How far a path goes into the data: the line of each of its steps that is a path of the
    data, where the value at each of those paths starts (``starts[0]`` the top; -1 for a value
    that is no mapping or list), and the value at the last of them and its path as text."""

    __slots__ = ("lines", "starts", "value", "text")

    def __init__(self, lines: list[int], starts: list[int], value: Any, text: YamlPath) -> None:
        self.lines, self.starts, self.value, self.text = lines, starts, value, text


class _Scan:
    """A native parse not yet laid out: its data and the scanner's lines. Each answer is the one
    :func:`scanned_table` would give."""

    __slots__ = ("data", "scanned")

    def __init__(self, data: Any, scanned: dict[YamlPath, int]) -> None:
        self.data = data
        self.scanned = scanned

    def _start(self, value: Any, text: YamlPath, line: int) -> int:
        if isinstance(value, dict):
            return self.scanned.get((*text, str(next(iter(value)))), line) if value else line
        if isinstance(value, list):
            return self.scanned.get((*text, 0), line) if value else line
        return -1

    def walk(self, full: YamlPath) -> _Walk:
        scanned, value = self.scanned, self.data
        text: YamlPath = ()
        line = scanned.get((), 1)
        lines: list[int] = []
        starts = [self._start(value, text, line)]
        for step in full:
            start = starts[-1]
            if isinstance(value, dict):
                if step not in value:
                    break
                key = step if type(step) is str else next(k for k in value if k == step)
                text = (*text, str(key))
            elif isinstance(value, list):
                if not isinstance(step, int) or not 0 <= step < len(value):
                    break
                text = (*text, int(step))
            else:
                break
            value = value[step]
            line = scanned.get(text, start)
            lines.append(line)
            starts.append(self._start(value, text, line))
        return _Walk(lines, starts, value, text)


class _Table:
    """The lines and starts of one document, shared by every view of it. While ``scan`` is set,
    ``lines`` holds only what was :meth:`Positions.set`, laid over the scan's answers."""

    __slots__ = ("lines", "starts", "scan")

    def __init__(self, lines: dict[YamlPath, int], starts: dict[YamlPath, int], scan: _Scan | None = None) -> None:
        self.lines = lines
        self.starts = starts
        self.scan = scan

    def laid_out(self) -> _Table:
        if self.scan is not None:
            lines, self.starts = scanned_table(self.scan.data, self.scan.scanned)
            lines.update(self.lines)
            self.lines, self.scan = lines, None
        return self


class Positions:
    """Where the values of one parsed document are: ``lines`` maps the path of each key and list
    item to the 1-based line it is written on, ``starts`` the path of each mapping and list to the
    line it starts on (its first key or item; ``()`` the document), and ``duplicates`` holds the
    path and line of each key written twice in one mapping (the later value wins).

    A view :meth:`under` a path answers for the value there, as if it were the document. The
    positions of a native parse are laid on the data when asked: a caller that changes the data
    in place (other than adding a key whose line it then sets) calls :meth:`lay_out` first."""

    __slots__ = ("_table", "_duplicates", "prefix")

    def __init__(self, *, lines: dict[YamlPath, int] | None = None, starts: dict[YamlPath, int] | None = None,
                 duplicates: list[tuple[YamlPath, int]] | None = None, prefix: YamlPath = ()) -> None:
        self._table = _Table({} if lines is None else lines, {} if starts is None else starts)
        self._duplicates = [] if duplicates is None else duplicates
        self.prefix = prefix

    @classmethod
    def scanned(cls, data: Any, scanned: dict[YamlPath, int]) -> Positions:
        """The positions of a native parse, laid out where asked (after :func:`verify_scan`)."""
        positions = cls()
        positions._table.scan = _Scan(data, scanned)
        return positions

    def _view(self, prefix: YamlPath, duplicates: list[tuple[YamlPath, int]]) -> Positions:
        view = Positions.__new__(Positions)
        view._table, view._duplicates, view.prefix = self._table, duplicates, prefix
        return view

    def lay_out(self) -> Positions:
        """Lay every line on the data now (as PyYAML's positions are from the start), so that the
        data may then be changed in place; returns itself."""
        self._table.laid_out()
        return self

    @property
    def lines(self) -> dict[YamlPath, int]:
        return self._table.laid_out().lines

    @property
    def starts(self) -> dict[YamlPath, int]:
        return self._table.laid_out().starts

    @property
    def duplicates(self) -> list[tuple[YamlPath, int]]:
        return self._duplicates

    def with_duplicates(self, duplicates: list[tuple[YamlPath, int]]) -> Positions:
        """The same lines and starts (shared, not copied), with other duplicate keys."""
        return self._view(self.prefix, duplicates)

    def line(self, path: YamlPath = (), default: int = 1) -> int:
        """The line of the key or item at ``path``, else of the nearest one that holds it, else
        where this value starts, else ``default``."""
        full = (*self.prefix, *path)
        table, size = self._table, len(self.prefix)
        lines = table.lines
        if table.scan is None:
            for end in range(len(full), size, -1):
                found = lines.get(full[:end])
                if found is not None:
                    return found
            return table.starts.get(self.prefix, default)
        walk = table.scan.walk(full)
        for end in range(len(full), size, -1):
            found = lines.get(full[:end]) if lines else None
            if found is not None:
                return found
            if end <= len(walk.lines):
                return walk.lines[end - 1]
        start = walk.starts[size] if size < len(walk.starts) else -1
        return default if start == -1 else start

    def get(self, path: YamlPath) -> int | None:
        """The line of exactly the key or item at ``path``, or None."""
        full = (*self.prefix, *path)
        table = self._table
        found = table.lines.get(full)
        if found is not None or table.scan is None or not full:
            return found
        lines = table.scan.walk(full).lines
        return lines[-1] if len(lines) == len(full) else None

    def set(self, path: YamlPath, line: int) -> None:
        self._table.lines[(*self.prefix, *path)] = line

    def under(self, *path: Any) -> Positions:
        """The positions of the value at ``path`` (the same maps, paths relative to it)."""
        return self._view((*self.prefix, *path), self._duplicates)

    def children(self) -> dict[Any, int]:
        """The line of each key (or item) of this value, not of those nested in them."""
        size = len(self.prefix) + 1
        table = self._table
        out: dict[Any, int] = {}
        if table.scan is not None:
            walk = table.scan.walk(self.prefix)
            value, text, start = walk.value, walk.text, walk.starts[-1]
            if len(walk.lines) == len(self.prefix) and start != -1:
                scanned = table.scan.scanned
                if isinstance(value, dict):
                    out = {key: scanned.get((*text, str(key)), start) for key in value}
                else:
                    out = {index: scanned.get((*text, index), start) for index in range(len(value))}
        for path, line in table.lines.items():
            if len(path) == size and path[:-1] == self.prefix:
                out[path[-1]] = line
        return out

    def duplicates_below(self) -> list[tuple[Any, int]]:
        """(key, line) of each duplicate key in this value, nested ones included."""
        duplicates = self._duplicates
        if not duplicates:
            return []
        size = len(self.prefix)
        return [(path[-1], line) for path, line in duplicates
                if len(path) > size and path[:size] == self.prefix]
