"""Every YAML of a project is read here: :func:`parse_yaml` gives the data (plain dicts, lists and
scalars) and its :class:`Positions` (the line of each key and item, the duplicate keys), so that
every problem can name its file and line; :func:`read_yaml` does it for a file.

Block YAML (catalogs of thousands of assets, a thousand front matter blocks) is parsed by the
native ``yaml_rs``, its lines scanned (``yamllines.scan_lines``) and checked against the data;
a line is laid on the data only when asked for (``positions.py``).
What that cannot vouch for (anchors, tags, merge keys, syntax errors, duplicate keys, lines that
do not match, deep nesting) is read by PyYAML, whose nodes carry exact positions. Both read data
files and front matter as YAML 1.2 (core schema): ``no`` stays Norway, ``017`` is seventeen,
``12:30`` is text. ``mkdocs.yml`` (``config=True``) is YAML 1.1 with MkDocs' tags, as MkDocs reads
it. A NUL byte, nesting deeper than :data:`MAX_DEPTH` and aliases that multiply the document are
refused before a value is built (:func:`check_cost`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from .files import MAX_TEXT_BYTES
from .positions import MAX_DEPTH, Mismatch, Positions, YamlPath, verify_scan
from .problems import Problems
from .yamllines import has_unsupported, scan_lines

native_loads: Callable[[str], Any] | None = yaml_rs.loads  # None: PyYAML reads every document
__all__ = ["MAX_DEPTH", "Positions", "YamlPath", "YamlSyntaxError", "parse_yaml", "read_yaml"]

# What one YAML document may cost: nesting depth (MAX_DEPTH, in positions.py), and how far aliases
# may multiply its values (a ten-line "billion laughs" expands to 10^9 values whenever anything walks the data).
MAX_ALIAS_GROWTH = 10  # the values with aliases expanded, per value written (plus a small allowance)
_ALIAS_ALLOWANCE = 10_000


_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Tracking(_Base):  # type: ignore[misc]
    """A safe loader that notes the lines of each mapping's keys and each list's items, and every
    duplicate key, beside the plain dicts and lists it builds (YAML 1.1 scalars, as PyYAML reads them)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        # by id() of each dict and list built (kept here too, so that no other value takes its id):
        # (the value, the line it starts on, the line of each key or item, its duplicate keys)
        self.found: dict[int, tuple[Any, int, Any, list[tuple[Any, int]]]] = {}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        result: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        duplicates: list[tuple[Any, int]] = []
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in result:
                duplicates.append((key, line))
            result[key] = self.construct_object(value_node, deep=True)
            lines[key] = line
        self.found[id(result)] = (result, node.start_mark.line + 1, lines, duplicates)
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> list[Any]:
        result = [self.construct_object(child, deep=True) for child in node.value]
        self.found[id(result)] = (result, node.start_mark.line + 1, [c.start_mark.line + 1 for c in node.value], [])
        return result


def _timestamp(loader: Tracking, node: yaml.ScalarNode) -> object:
    """A date-looking scalar that is no calendar date (``2026-02-30``) stays text, for the schema to report."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


Tracking.add_constructor("tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node, deep=True))
Tracking.add_constructor("tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node, deep=True))
Tracking.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

_BOOL, _INT, _FLOAT = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_YAML11_ONLY = {_BOOL, _INT, _FLOAT, "tag:yaml.org,2002:value"}


class LineLoader(Tracking):
    """Data files and front matter: YAML 1.2 core-schema scalars, as the native parser reads them."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _YAML11_ONLY]
        for first, resolvers in Tracking.yaml_implicit_resolvers.items()
    }

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node)).replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-").lower()
        for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
            if digits.startswith(prefix):
                return sign * int(digits[2:], base)
        return sign * int(digits)  # leading zeros are decimal in YAML 1.2


LineLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
LineLoader.add_implicit_resolver(
    _INT, re.compile(r"^[-+]?(?:[0-9_]*[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+)$"), list("-+_0123456789"))
LineLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^(?:[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"),
)
LineLoader.add_constructor(_INT, LineLoader.construct_yaml_int)


class ConfigLoader(Tracking):
    """For ``mkdocs.yml``: YAML 1.1 as MkDocs reads it, and tolerant of the custom tags MkDocs
    configs use (``!ENV``, ``!!python/name:``)."""


def _unknown_tag(loader: ConfigLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return f"!{suffix} {node.value}".strip()
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node, deep=True)


def _env_tag(loader: ConfigLoader, node: yaml.Node) -> object:
    """``!ENV VAR`` or ``!ENV [VAR, OTHER, default]`` as MkDocs resolves it (pyyaml_env_tag): the
    first variable that is set, typed as YAML would type it; else the default (else None)."""
    default: object = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
        if len(children) > 1:
            default = loader.construct_object(children[-1], deep=True)
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children if isinstance(child, yaml.ScalarNode)]
    else:
        return None
    for name in names:
        if str(name) in os.environ:
            value = os.environ[str(name)]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


ConfigLoader.add_constructor("!ENV", _env_tag)
ConfigLoader.add_multi_constructor("", _unknown_tag)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, column: int | None, message: str):
        self.line = line
        self.column = column
        self.message = message
        super().__init__(message)


def refuse_nul(text: str) -> None:
    """A NUL byte is no text: the native parser stops at it and would silently drop the rest."""
    at = text.find("\x00")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise YamlSyntaxError(line, column, "the file holds a NUL byte (a binary or damaged file); save it as text")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_cost(root: yaml.Node) -> None:
    """Refuse a document nested deeper than :data:`MAX_DEPTH`, with a recursive alias, or whose
    aliases expand it more than :data:`MAX_ALIAS_GROWTH`-fold. Iterative: no recursion limit."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        mark = node.start_mark
        if key in open_nodes:
            raise YamlSyntaxError(mark.line + 1, mark.column + 1, "YAML error: an alias refers to a value that holds it")
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(mark.line + 1, mark.column + 1,
                                  f"YAML error: the values are nested more than {MAX_DEPTH} deep")
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node) if id(child) not in sizes)
    if sizes[id(root)] > MAX_ALIAS_GROWTH * len(sizes) + _ALIAS_ALLOWANCE:
        raise YamlSyntaxError(None, None, f"YAML error: aliases expand {len(sizes):,} values to "
                              f"{sizes[id(root)]:,}; write the values out instead of nesting aliases")


def _tracked_positions(loader: Tracking, data: Any) -> Positions:
    """The positions PyYAML's nodes gave, laid on the data (each path an alias reaches included)."""
    positions = Positions()
    lines, starts, duplicates = positions.lines, positions.starts, positions.duplicates
    stack: list[tuple[YamlPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        found = loader.found.get(id(value)) if isinstance(value, dict | list) else None
        if found is None:
            continue
        _, starts[path], each, twice = found
        duplicates.extend(((*path, key), line) for key, line in twice)
        for step, line in each.items() if isinstance(each, dict) else enumerate(each):
            here = (*path, step)
            lines[here] = line
            if isinstance(value[step], dict | list):
                stack.append((here, value[step]))
    duplicates.sort(key=lambda entry: entry[1])
    return positions


def _parse_pyyaml(text: str, config: bool) -> tuple[Any, Positions]:
    loader = (ConfigLoader if config else LineLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Positions()
        check_cost(node)
        data = loader.construct_document(node)
        return data, _tracked_positions(loader, data)
    except RecursionError:
        raise YamlSyntaxError(None, None, f"YAML error: the values are nested more than {MAX_DEPTH} deep") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = " ".join(part for part in (exc.context, exc.problem) if part) or str(exc)
        raise YamlSyntaxError(line, column, f"YAML syntax error: {message}") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(None, None, f"YAML error: {exc}") from None
    finally:
        loader.dispose()


def parse_yaml(text: str, *, config: bool = False) -> tuple[Any, Positions]:
    """One YAML document: its data and :class:`Positions`; :class:`YamlSyntaxError` (with a
    1-based line and column) when it cannot be read or costs too much."""
    refuse_nul(text)
    if config or native_loads is None or has_unsupported(text):
        return _parse_pyyaml(text, config)
    try:
        data = native_loads(text)
    except Exception:  # noqa: BLE001 - any native complaint: let PyYAML report it precisely
        return _parse_pyyaml(text, config)
    scanned = scan_lines(text)
    try:
        verify_scan(data, scanned)
    except Mismatch:
        return _parse_pyyaml(text, config)
    return data, Positions.scanned(data, scanned)


def read_yaml(path: Path, rel: str, problems: Problems, *, config: bool = False,
              empty: Any = None) -> tuple[Any, Positions]:
    """:func:`parse_yaml` of one file (``empty`` for an empty document). On failure a problem
    names the file (and line) and the data is None."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            problems.add(rel, None, "not a regular file (a FIFO, socket or device)", "pass a YAML file")
        elif info.st_size > MAX_TEXT_BYTES:
            problems.add(rel, None, f"the file is {info.st_size:,} bytes, more than the {MAX_TEXT_BYTES:,} it may have")
        else:
            data, positions = parse_yaml(path.read_text(encoding="utf-8-sig"), config=config)
            return (empty if data is None else data), positions
    except YamlSyntaxError as exc:
        problems.add(rel, exc.line, exc.message, column=exc.column)
    except UnicodeDecodeError:
        problems.add(rel, None, "the file is not UTF-8 text", "save it as UTF-8")
    except OSError as exc:
        problems.add(rel, None, f"cannot read the file: {exc.strerror}")
    return None, Positions()
