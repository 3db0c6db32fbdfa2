"""Place a page's status block, tags and footer into its Markdown source. Engine-neutral, pure.

The body is never templated or re-flowed: the status block goes right after the first ``# H1``
(or at the top when the page has none), the footer at the end, and ``tags`` are merged into the
front matter so that every engine's tags index and search see them.
"""

from __future__ import annotations

import html
import json
import re

import yaml

from ..load.pages import split_front_matter
from ..site.bundle import Decoration, GeneratedPage

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


def merge_front_matter(front: str | None, tags: tuple[str, ...]) -> str | None:
    """Front matter text with ``tags`` merged in (existing first, no duplicates) and a ``title``
    HTML-escaped: both engines put it into the navigation unescaped (MkDocs' templates do not
    autoescape; Zensical takes it as it is)."""
    data = yaml.load(front, Loader=_Loader) if front else None  # noqa: S506 - a safe loader
    data = data if isinstance(data, dict) else {}
    changed = False
    if tags:
        existing = data.get("tags") or []
        if isinstance(existing, str):
            existing = [existing]
        data["tags"] = list(dict.fromkeys([*map(str, existing), *tags]))
        changed = True
    if isinstance(data.get("title"), str):
        data["title"] = html.escape(data["title"], quote=False)
        changed = True
    if not changed:
        return front
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)


def decorate(source: str, decoration: Decoration | None, footer: str = "") -> str:
    """The page source an engine renders: status after the H1, tags in front matter, footer last."""
    front, body, _ = split_front_matter(source)
    if decoration is not None and decoration.status:
        body = _insert_after_h1(body, decoration.status)
    if footer:
        body = body.rstrip("\r\n") + "\n\n" + footer + "\n"
    front = merge_front_matter(front, decoration.tags if decoration else ())
    if front is None:
        return body
    return f"---\n{front.rstrip(chr(10))}\n---\n{body}"


def generated_source(page: GeneratedPage, footer: str = "", meta: dict[str, object] | None = None) -> str:
    """A generated page as an engine reads it: front matter (the page's meta and tags, then an
    engine's own ``meta``), the Markdown, the footer."""
    front: dict[str, object] = {**page.meta, **(meta or {})}
    if page.tags:
        front["tags"] = list(page.tags)
    text = page.markdown.rstrip("\n") + ("\n\n" + footer if footer else "") + "\n"
    if not front:
        return text
    return f"---\n{yaml.dump(front, Dumper=_Dumper, sort_keys=True, allow_unicode=True)}---\n{text}"


def report_json(report: dict) -> str:
    """The site report as the file both engines publish (``REPORT_FILE``)."""
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def replaced_by_generated(docs_dir: str, path: str, page: str | None = None) -> str:
    """Why a generated page is left out: the site's own page ``page`` (default: ``path``) has its URL."""
    return (f"{docs_dir}/{page or path} is the site's own page at the URL of opsmanual's generated {path}: "
            f"the site's page is kept and the generated one left out (move the page to get it back)")
