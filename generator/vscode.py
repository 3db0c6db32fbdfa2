"""Merge ``yaml.schemas`` entries into a VS Code ``settings.json`` without losing the user's other settings.

Pure text in, text out. VS Code's settings files are JSON with comments and trailing commas
(JSONC): they are read as such, but rewriting one drops its comments, which the caller must
allow explicitly. Entries the user maps to other schemas are left alone: a glob already claimed by
another schema (Material's schema for ``mkdocs.yml``, say) is not claimed again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

SETTING = "yaml.schemas"


class SettingsError(ValueError):
    """The existing settings cannot be merged (not JSON, or ``yaml.schemas`` is not a mapping)."""


@dataclass(frozen=True)
class Merged:
    text: str
    changed: bool
    drops_comments: bool
    left_to_others: tuple[str, ...]  # our globs that another schema already maps


def strip_jsonc(text: str) -> tuple[str, bool]:
    """JSON text from JSONC: comments and trailing commas removed. Also whether there were comments."""
    out: list[str] = []
    had_comments = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            had_comments = True
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            had_comments = True
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c == ",":
            j = i + 1
            while j < n and text[j] in " \t\r\n":
                j += 1
            if j < n and text[j] in "}]":
                i += 1  # a trailing comma
                continue
            out.append(c)
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out), had_comments


def _claimed(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def merge_settings(existing: str | None, mapping: dict[str, list[str]]) -> Merged:
    """Add or replace our ``yaml.schemas`` entries in ``existing`` settings text (None: no file yet)."""
    had_comments = False
    settings: dict[str, Any] = {}
    if existing is not None and existing.strip():
        plain, had_comments = strip_jsonc(existing.lstrip("\ufeff"))
        try:
            settings = json.loads(plain)
        except ValueError as exc:
            raise SettingsError(f"it is not valid JSON ({exc})") from None
        if not isinstance(settings, dict):
            raise SettingsError("it is not a JSON object")
    before = json.loads(json.dumps(settings))
    current = settings.get(SETTING, {})
    if not isinstance(current, dict):
        raise SettingsError(f"'{SETTING}' is not a mapping of schema -> globs")
    others = {glob for key, value in current.items() if key not in mapping for glob in _claimed(value)}
    merged = dict(current)
    left: list[str] = []
    for key, globs in mapping.items():
        mine = [g for g in globs if g not in others]
        left += [g for g in globs if g in others]
        if mine:
            merged[key] = mine
        else:
            merged.pop(key, None)
    settings[SETTING] = merged
    changed = settings != before
    text = json.dumps(settings, indent=4, ensure_ascii=False) + "\n" if changed else (existing or "")
    return Merged(text, changed, had_comments and changed, tuple(left))
