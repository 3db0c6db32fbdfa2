"""Place a page's status block, tags and footer into its Markdown source. Engine-neutral, pure.

The body is never templated or re-flowed: the status block goes right after the first ``# H1``
(or at the top when the page has none), the footer at the end, and ``tags`` are merged into the
front matter so that every engine's tags index and search see them.
"""

from __future__ import annotations

import html
import re

import yaml

from ..load.pages import split_front_matter
from ..site.bundle import Decoration

# libyaml's C loader and dumper when present: every page's front matter passes through here.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_H1 = re.compile(r"^\s{0,3}#\s+\S")


def _insert_after_h1(body: str, block: str) -> str:
    lines = body.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if _H1.match(line):
            newline = "\r\n" if line.endswith("\r\n") else "\n"
            rest = "".join(lines[index + 1 :])
            head = "".join(lines[: index + 1])
            if not head.endswith(("\n", "\r")):
                head += newline
            return f"{head}{newline}{block}{newline}{rest}"
        break
    return f"{block}\n\n{body}"


# Markdown extensions the status blocks and generated pages are written for.
REQUIRED_EXTENSIONS = ("tables", "admonition", "attr_list", "md_in_html", "toc")


def merge_front_matter(front: str | None, tags: tuple[str, ...], escape_title: bool = False,
                       extra: dict[str, object] | None = None) -> str | None:
    """Front matter text with ``tags`` merged in (existing first, no duplicates) and ``extra`` keys.

    ``escape_title`` HTML-escapes a front matter ``title`` for engines that put it into the
    navigation unescaped (MkDocs' templates do not autoescape).
    """
    data = yaml.load(front, Loader=_Loader) if front else None  # noqa: S506 - a safe loader
    data = data if isinstance(data, dict) else {}
    changed = False
    if tags:
        existing = data.get("tags") or []
        if isinstance(existing, str):
            existing = [existing]
        data["tags"] = list(dict.fromkeys([*map(str, existing), *tags]))
        changed = True
    if escape_title and isinstance(data.get("title"), str):
        data["title"] = html.escape(data["title"], quote=False)
        changed = True
    for key, value in (extra or {}).items():
        data.setdefault(key, value)
        changed = True
    if not changed:
        return front
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)


def decorate(source: str, decoration: Decoration | None, footer: str = "", *, escape_title: bool = False,
             extra: dict[str, object] | None = None) -> str:
    """The page source an engine renders: status after the H1, tags in front matter, footer last."""
    front, body, _ = split_front_matter(source)
    if decoration is not None and decoration.status:
        body = _insert_after_h1(body, decoration.status)
    if footer:
        body = body.rstrip("\r\n") + "\n\n" + footer + "\n"
    front = merge_front_matter(front, decoration.tags if decoration else (), escape_title, extra)
    if front is None:
        return body
    return f"---\n{front.rstrip(chr(10))}\n---\n{body}"
