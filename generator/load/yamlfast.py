"""The fast YAML path: a native parser for the data, the line scanner for positions.

Large catalogs (thousands of content assets) and a thousand front matter blocks dominate load
time with PyYAML. This path parses with ``yaml_rs`` (Rust) and attaches lines from
:func:`~generator.load.yamllines.scan_lines`. Whenever it cannot vouch for the result (no native
parser, anchors or tags, a syntax error, duplicate keys, or lines that do not match the data) it
returns what the line-tracking PyYAML loader returns, so problems keep their exact positions.
"""

from __future__ import annotations

from typing import Any

from .yamlio import LDict, LList, load_yaml, refuse_nul
from .yamllines import has_unsupported, scan_lines

try:  # pragma: no cover - exercised when the optional native parser is missing
    import yaml_rs
except ImportError:  # pragma: no cover
    yaml_rs = None


class _Mismatch(Exception):
    pass


def _attach(value: Any, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int], parent_line: int, top: bool) -> Any:
    """``value`` with LDict/LList in place of dicts and lists, their lines taken from ``lines``.

    Scalars (most of the nodes) are kept as they are without a call of their own. The result has
    no duplicate keys: the native parser rejects them, and the caller then falls back to PyYAML.
    """
    line = lines.get(path, parent_line)
    if isinstance(value, dict):
        result = LDict()
        result.no_duplicates_below = True
        if value:  # like PyYAML: a mapping starts at its first key
            line = lines.get((*path, str(next(iter(value)))), line)
        result.line = line
        key_lines = result.lines
        for key, item in value.items():
            key_path = (*path, str(key))
            if top and key_path not in lines:
                raise _Mismatch(key_path)
            key_line = lines.get(key_path, line)
            key_lines[key] = key_line
            result[key] = _attach(item, key_path, lines, key_line, False) if isinstance(item, dict | list) else item
        return result
    if isinstance(value, list):
        result_list = LList()
        result_list.no_duplicates_below = True
        if value:
            line = lines.get((*path, 0), line)
        result_list.line = line
        item_lines = result_list.lines
        for index, item in enumerate(value):
            item_path = (*path, index)
            if top and item_path not in lines:
                raise _Mismatch(item_path)
            item_line = lines.get(item_path, line)
            item_lines.append(item_line)
            if isinstance(item, dict | list):
                item = _attach(item, item_path, lines, item_line, top and isinstance(item, dict))
            result_list.append(item)
        return result_list
    return value  # a scalar; PyYAML gives datetimes too, and the schema reports them where a date is expected


def load_yaml_fast(text: str) -> Any:
    """Parse like :func:`load_yaml` (same LDict/LList with lines), faster on large block YAML."""
    refuse_nul(text)
    if yaml_rs is None or has_unsupported(text):
        return load_yaml(text)
    try:
        data = yaml_rs.loads(text)
    except Exception:  # noqa: BLE001 - any native complaint: let PyYAML report it precisely
        return load_yaml(text)
    lines = scan_lines(text)
    try:
        return _attach(data, (), lines, 1, True)
    except (_Mismatch, RecursionError):  # nested too deep for the walk: PyYAML reports where
        return load_yaml(text)
