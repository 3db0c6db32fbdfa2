"""The fast YAML path: a native parser for the data, the line scanner for positions.

Large catalogs (thousands of content assets) and a thousand front matter blocks dominate load
time with PyYAML. This path parses with ``yaml_rs`` (Rust) and attaches lines from
:func:`~generator.load.yamllines.scan_lines`. Whenever it cannot vouch for the result (no native
parser, anchors or tags, a syntax error, duplicate keys, or lines that do not match the data) it
returns what the line-tracking PyYAML loader returns, so problems keep their exact positions.
"""

from __future__ import annotations

import datetime
from typing import Any

from .yamlio import LDict, LList, load_yaml
from .yamllines import has_unsupported, scan_lines

try:  # pragma: no cover - exercised when the optional native parser is missing
    import yaml_rs
except ImportError:  # pragma: no cover
    yaml_rs = None


class _Mismatch(Exception):
    pass


def _attach(value: Any, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int], parent_line: int, top: bool) -> Any:
    line = lines.get(path, parent_line)
    if isinstance(value, dict):
        result = LDict()
        if value:  # like PyYAML: a mapping starts at its first key
            line = lines.get((*path, str(next(iter(value)))), line)
        result.line = line
        result.lines = {}
        result.duplicates = []
        for key, item in value.items():
            key_path = (*path, str(key))
            if top and key_path not in lines:
                raise _Mismatch(key_path)
            key_line = lines.get(key_path, line)
            result.lines[key] = key_line
            result[key] = _attach(item, key_path, lines, key_line, False)
        return result
    if isinstance(value, list):
        result_list = LList()
        if value:
            line = lines.get((*path, 0), line)
        result_list.line = line
        result_list.lines = []
        for index, item in enumerate(value):
            item_path = (*path, index)
            if top and item_path not in lines:
                raise _Mismatch(item_path)
            item_line = lines.get(item_path, line)
            result_list.lines.append(item_line)
            result_list.append(_attach(item, item_path, lines, item_line, top and isinstance(item, dict)))
        return result_list
    if isinstance(value, datetime.datetime):
        return value  # PyYAML gives datetimes too; the schema reports them where a date is expected
    return value


def load_yaml_fast(text: str) -> Any:
    """Parse like :func:`load_yaml` (same LDict/LList with lines), faster on large block YAML."""
    if yaml_rs is None or has_unsupported(text):
        return load_yaml(text)
    try:
        data = yaml_rs.loads(text)
    except Exception:  # noqa: BLE001 - any native complaint: let PyYAML report it precisely
        return load_yaml(text)
    lines = scan_lines(text)
    try:
        return _attach(data, (), lines, 1, True)
    except _Mismatch:
        return load_yaml(text)
