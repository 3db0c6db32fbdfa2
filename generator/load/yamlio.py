"""YAML that remembers where each key and item came from.

Mappings load as :class:`LDict` and sequences as :class:`LList`; both carry 1-based line numbers
so that every problem and finding can name its file and line. Duplicate keys are reported, not
silently overwritten.

Data files and front matter are read as YAML 1.2 (core schema), as the native fast path
(:mod:`generator.load.yamlfast`) reads them: ``no``, ``on`` and ``yes`` are text (a region ``no``
stays Norway), ``017`` is seventeen, ``12:30`` is text. Which parser reads a file (anchors send it
here) must never change what it means. ``mkdocs.yml`` is read as YAML 1.1, as MkDocs reads it.
"""

from __future__ import annotations

import os
import re
from typing import Any

import yaml

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LDict(dict):  # type: ignore[type-arg]
    """A dict with ``line`` (of the mapping) and ``lines`` (of each key)."""

    line: int = 0
    lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]
    no_duplicates_below: bool = False  # set by a loader that vouches for the whole subtree

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = {}
        self.duplicates = []


class LList(list):  # type: ignore[type-arg]
    """A list with ``line`` (of the sequence) and ``lines`` (of each item)."""

    line: int = 0
    lines: list[int]
    no_duplicates_below: bool = False  # set by a loader that vouches for the whole subtree

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines = []


class _LineTracking(_Base):  # type: ignore[misc]
    """A safe loader that records line numbers (YAML 1.1 scalars, as PyYAML reads them)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LDict:  # type: ignore[override]
        self.flatten_mapping(node)
        result = LDict()
        result.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in result:
                result.duplicates.append((key, line))
            result[key] = self.construct_object(value_node, deep=True)
            result.lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LList:  # type: ignore[override]
        result = LList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.lines = [child.start_mark.line + 1 for child in node.value]
        return result


def _mapping(loader: _LineTracking, node: yaml.MappingNode) -> LDict:
    return loader.construct_mapping(node, deep=True)


def _sequence(loader: _LineTracking, node: yaml.SequenceNode) -> LList:
    return loader.construct_sequence(node, deep=True)


def _timestamp(loader: _LineTracking, node: yaml.ScalarNode) -> object:
    """A date-looking scalar that is no calendar date (``2026-02-30``) stays text, for the schema to report."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_LineTracking.add_constructor("tag:yaml.org,2002:map", _mapping)
_LineTracking.add_constructor("tag:yaml.org,2002:seq", _sequence)
_LineTracking.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

_BOOL, _INT, _FLOAT = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_YAML11_ONLY = {_BOOL, _INT, _FLOAT, "tag:yaml.org,2002:value"}


class LineLoader(_LineTracking):
    """Data files and front matter: line numbers, and YAML 1.2 core-schema scalars."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _YAML11_ONLY]
        for first, resolvers in _LineTracking.yaml_implicit_resolvers.items()
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


class ConfigLoader(_LineTracking):
    """For ``mkdocs.yml``: YAML 1.1 as MkDocs reads it, and tolerant of the custom tags MkDocs
    configs use (``!ENV``, ``!!python/name:``)."""


def _unknown_tag(loader: ConfigLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return f"!{suffix} {node.value}".strip()
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


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


# What one YAML document may cost: nesting depth, and how far aliases may multiply its values
# (a ten-line "billion laughs" expands to 10^9 values whenever anything walks the data).
MAX_DEPTH = 100
MAX_ALIAS_GROWTH = 10  # the values with aliases expanded, per value written (plus a small allowance)
_ALIAS_ALLOWANCE = 10_000


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


def load_yaml(text: str, *, config: bool = False) -> Any:
    """Parse one YAML document; raise :class:`YamlSyntaxError` with a 1-based position.

    A NUL byte, nesting deeper than :data:`MAX_DEPTH` and aliases that multiply the document are
    refused (:func:`check_cost`) before any value is built."""
    refuse_nul(text)
    loader = (ConfigLoader if config else LineLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_cost(node)
        return loader.construct_document(node)
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


def line_of(data: Any, path: tuple[Any, ...], default: int) -> int:
    """The line of the value at ``path`` (keys and indexes), or the nearest enclosing one."""
    line = getattr(data, "line", default) or default
    node = data
    for step in path:
        if isinstance(node, LDict) and step in node:
            line = node.lines.get(step, line)
            node = node[step]
        elif isinstance(node, LList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.lines[step]
            node = node[step]
        else:
            break
    return line
