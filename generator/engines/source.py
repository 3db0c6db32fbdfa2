"""Place a page's status block, tags and footer into its Markdown source. Engine-neutral, pure.

The body is never templated or re-flowed: the status block goes right after the first ``# H1``
(or at the top when the page has none), the footer at the end, and ``tags`` are merged into the
front matter so that every engine's tags index and search see them.
"""

from __future__ import annotations

import html
import posixpath
import re

import yaml

from ..load.pages import first_heading, split_front_matter
from ..site.bundle import Decoration, GeneratedPage
from ..site.escape import title as title_text

# libyaml's C loader and dumper when present: every page's front matter passes through here.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_H1 = re.compile(r"^\s{0,3}#\s+\S")
_TAG = re.compile(r"<[^>]*>")


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


def file_title(path: str) -> str:
    """The title both engines give a page without a ``title:`` or an H1: its file name, as words."""
    folder, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0]
    if stem == "index":
        stem = posixpath.basename(folder) or "Home"
    return stem.replace("-", " ").replace("_", " ").capitalize()


def merge_front_matter(front: str | None, tags: tuple[str, ...], fallback_title: str | None = None) -> str | None:
    """Front matter text with ``tags`` merged in (existing first, no duplicates), and the ``title``
    and every tag HTML-escaped: both engines put them into the navigation, ``<title>`` and tag
    lists unescaped (MkDocs' templates do not autoescape; Zensical takes them as they are).
    ``fallback_title`` (escaped here) is set when the front matter has no title."""
    data = yaml.load(front, Loader=_Loader) if front else None  # noqa: S506 - a safe loader
    data = data if isinstance(data, dict) else {}
    changed = False
    existing = data.get("tags") or []
    if isinstance(existing, str | int | float):
        existing = [existing]
    if tags or existing:
        data["tags"] = list(dict.fromkeys([*(title_text(t) for t in existing), *tags]))
        changed = True
    if isinstance(data.get("title"), str):
        data["title"] = title_text(data["title"])
        changed = True
    elif fallback_title is not None and data.get("title") is None:
        data["title"] = title_text(fallback_title)
        changed = True
    for key, value in data.items():
        # Themes put front matter values into the page unescaped (Material's meta description,
        # status class): every other text value gets its HTML specials as entities too.
        if key not in ("title", "tags") and _has_specials(value):
            data[key] = _escaped(value)
            changed = True
    if not changed:
        return front
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)


_SPECIALS = frozenset("<>&\"'")


def _has_specials(value: object) -> bool:
    if isinstance(value, str):
        return any(c in _SPECIALS for c in value)
    if isinstance(value, dict):
        return any(_has_specials(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_specials(v) for v in value)
    return False


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return title_text(value) if any(c in _SPECIALS for c in value) else value
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def decorate(source: str, decoration: Decoration | None, footer: str = "", path: str | None = None) -> str:
    """The page source an engine renders: status after the H1, tags in front matter, footer last.

    A page at ``path`` with neither a title nor an H1 gets its file-name title, escaped, in the
    front matter: the engines would otherwise show the file name as HTML."""
    front, body, _ = split_front_matter(source)
    heading = first_heading(body)
    fallback = None
    if path is not None and heading is None:
        fallback = file_title(path)
    elif heading is not None and ("<" in heading or "&" in heading):
        # Material's <title> decodes entities of an H1 title (``striptags``): ``# &lt;/title&gt;``
        # would close the element. The heading's text, escaped once, goes in the front matter.
        fallback = html.unescape(_TAG.sub("", heading)).strip() or None
    if decoration is not None and decoration.status:
        body = _insert_after_h1(body, decoration.status)
    if footer:
        body = body.rstrip("\r\n") + "\n\n" + footer + "\n"
    front = merge_front_matter(front, decoration.tags if decoration else (), fallback)
    if front is None:
        return body
    return f"---\n{front.rstrip(chr(10))}\n---\n{body}"


def generated_source(page: GeneratedPage, footer: str = "", meta: dict[str, object] | None = None) -> str:
    """A generated page as an engine reads it: front matter (its escaped title, the page's meta
    and tags, then an engine's own ``meta``), the Markdown, the footer."""
    front: dict[str, object] = {"title": title_text(page.title), **page.meta, **(meta or {})}
    if page.tags:
        front["tags"] = [title_text(t) for t in page.tags]
    text = page.markdown.rstrip("\n") + ("\n\n" + footer if footer else "") + "\n"
    return f"---\n{yaml.dump(front, Dumper=_Dumper, sort_keys=True, allow_unicode=True)}---\n{text}"


def replaced_by_generated(docs_dir: str, path: str, page: str | None = None) -> str:
    """Why a generated page is left out: the site's own page ``page`` (default: ``path``) has its URL."""
    return (f"{docs_dir}/{page or path} is the site's own page at the URL of opsmanual's generated {path}: "
            f"the site's page is kept and the generated one left out (move the page to get it back)")
