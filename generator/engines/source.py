"""Place a page's status block, tags and footer into its Markdown source. Engine-neutral, pure.

The body is never templated or re-flowed: the status block goes right after the first ``# H1``
(or at the top when the page has none), the footer at the end, and ``tags`` are merged into the
front matter so that every engine's tags index and search see them.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import quote, unquote

import yaml

from ..load.pages import first_heading, split_front_matter
from ..site.bundle import Decoration, GeneratedPage
from ..site.escape import title as title_text
from ..site.prerender import Hold, Href, prerender
from .held import Held

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
            return f"{head}{newline}{block}{newline}{newline}{rest.lstrip(chr(13) + chr(10))}"
        break
    return f"{block}\n\n{body}"


# Markdown extensions the status blocks and generated pages are written for: what an engine needs
# to convert them as Markdown.
REQUIRED_EXTENSIONS = ("tables", "admonition", "attr_list", "md_in_html", "toc")
# What an engine needs of those once :mod:`generator.site.prerender` handed all but the headings
# over as HTML (a test checks nothing else is left on every fixture, the demo and a hostile
# project): the ids written on headings (``## Label {#id}``) and the table of contents built from
# them. An extension the site did not ask for costs every page of its own (admonition and
# md_in_html: 0.3 s on 1,000 pages) and could change how those pages read.
HEADING_EXTENSIONS = ("attr_list", "toc")


def file_title(path: str) -> str:
    """The title both engines give a page without a ``title:`` or an H1: its file name, as words."""
    folder, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0]
    if stem == "index":
        stem = posixpath.basename(folder) or "Home"
    return stem.replace("-", " ").replace("_", " ").capitalize()


def merge_front_matter(front: str | None, tags: tuple[str, ...], fallback_title: str | None = None) -> str | None:
    """Front matter text after :func:`merge_meta` (``front`` itself when nothing changes)."""
    data = yaml.load(front, Loader=_Loader) if front else None  # noqa: S506 - a safe loader
    data = data if isinstance(data, dict) else {}
    if not merge_meta(data, tags, fallback_title):
        return front
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)


def merge_meta(data: MutableMapping[str, Any], tags: tuple[str, ...], fallback_title: str | None = None) -> bool:
    """Merge ``tags`` into a page's front matter ``data`` (existing first, no duplicates), and
    HTML-escape the ``title`` and every tag: both engines put them into the navigation,
    ``<title>`` and tag lists unescaped (MkDocs' templates do not autoescape; Zensical takes them
    as they are). ``fallback_title`` (escaped here) is set when there is no title. In place;
    whether anything changed."""
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
    return changed


def add_tags(data: MutableMapping[str, Any], tags: tuple[str, ...]) -> None:
    """Add ``tags`` to front matter ``data`` that :func:`merge_meta` merged without them (its
    tags already escaped), as it would have merged them: after the page's own, no duplicates."""
    if tags:
        data["tags"] = list(dict.fromkeys([*(data.get("tags") or []), *tags]))


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


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL an engine gives the docs page ``path``, relative to the site root, as MkDocs'
    ``File.url``: ``a/b.md`` -> ``a/b/`` (``a/b.html``), ``a/index.md`` -> ``a/``, ``index.md`` -> ``./``."""
    stem, dot, suffix = path.rpartition(".")
    if not dot or suffix != "md":
        return path
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return (prefix or "./") if directory_urls else f"{prefix}index.html"
    return f"{prefix}{name}/" if directory_urls else f"{prefix}{name}.html"


def _relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (both site-relative), as MkDocs' ``get_relative_url``."""
    if other != ".":
        head, tail = posixpath.split(other)
        other = head if "." in tail else other
    relative = posixpath.relpath("/" + url, "/" + other)
    return relative + "/" if url.endswith("/") else relative


def page_href(path: str, directory_urls: bool = True) -> Href:
    """How a relative link written on the page ``path`` (``../owners/ana.md#x``) reads in the built
    page (``../../owners/ana/#x``): what the engines do to Markdown links, for links handed to
    them in raw HTML, which they leave alone."""
    here = page_url(path, directory_urls)
    folder = posixpath.dirname(path)
    # A generated page links to the same few pages thousands of times (the content map names an
    # owner on each of its 5,000 rows): each address is worked out once per page.
    urls: dict[str, str] = {}

    def href(target: str) -> str:
        address, hash_, fragment = target.partition("#")
        if not address or "://" in address or address.startswith(("/", "mailto:")):
            return target
        url = urls.get(address)
        if url is None:
            source = posixpath.normpath(posixpath.join(folder, unquote(address)))
            url = urls[address] = quote(_relative_url(page_url(source, directory_urls), here), safe="/.-_~")
        return url + hash_ + fragment

    return href


def title_fallback(body: str, path: str | None) -> str | None:
    """The title a page's front matter must carry when it has none of its own: its file-name title
    when it has neither a title nor an H1 (the engines would otherwise show the file name as
    HTML), or the text of an H1 holding markup (Material's ``<title>`` decodes entities of an H1
    title, ``striptags``: ``# &lt;/title&gt;`` would close the element), escaped once."""
    heading = first_heading(body)
    if path is not None and heading is None:
        return file_title(path)
    if heading is not None and ("<" in heading or "&" in heading):
        return html.unescape(_TAG.sub("", heading)).strip() or None
    return None


def decorate(source: str, decoration: Decoration | None, footer: str = "", path: str | None = None,
             directory_urls: bool | None = None, hold: Hold | None = None, *,
             front_matter: bool = True) -> str:
    """The page source an engine renders: status after the H1, tags in front matter, footer last.

    A page at ``path`` gets the title :func:`title_fallback` gives in its front matter. Given
    ``directory_urls`` (the engine's ``use_directory_urls``), the status block and footer reach the
    engine as raw HTML (:mod:`generator.site.prerender`), which it passes through rather than
    parses; ``hold`` replaces each such block by a placeholder the engine adapter fills in after
    conversion; the blocks' links are the built page's URLs (:func:`page_href`).
    ``front_matter=False`` leaves the front matter as written, for an adapter that
    applies :func:`merge_meta` to the engine's own parse of it (the MkDocs plugin: no second YAML
    parse and dump per page)."""
    front, body, _ = split_front_matter(source)
    fallback = title_fallback(body, path) if front_matter else None
    if directory_urls is not None and path is not None:
        href = page_href(path, directory_urls)
        if decoration is not None and decoration.status:
            decoration = Decoration(prerender(decoration.status, href, hold).rstrip("\n"), decoration.tags)
        footer = prerender(footer, href, hold).rstrip("\n") if footer else footer
    if decoration is not None and decoration.status:
        body = _insert_after_h1(body, decoration.status)
    if footer:
        body = body.rstrip("\r\n") + "\n\n" + footer + "\n"
    if front_matter:
        front = merge_front_matter(front, decoration.tags if decoration else (), fallback)
    if front is None:
        return body
    return f"---\n{front.rstrip(chr(10))}\n---\n{body}"


def generated_source(page: GeneratedPage, footer: str = "", meta: dict[str, object] | None = None,
                     directory_urls: bool | None = None, hold: Hold | None = None) -> str:
    """A generated page as an engine reads it: front matter (its escaped title, the page's meta
    and tags, then an engine's own ``meta``), the Markdown, the footer. Given ``directory_urls``,
    everything but the headings reaches the engine as raw HTML (see :func:`decorate`)."""
    front: dict[str, object] = {"title": title_text(page.title), **page.meta, **(meta or {})}
    if page.tags:
        front["tags"] = [title_text(t) for t in page.tags]
    text = page.markdown.rstrip("\n") + ("\n\n" + footer if footer else "") + "\n"
    if directory_urls is not None:
        text = prerender(text, page_href(page.path, directory_urls), hold)
    return f"---\n{yaml.dump(front, Dumper=_Dumper, sort_keys=True, allow_unicode=True)}---\n{text}"


def held_text(source: str, path: str, manual: bool) -> str:
    """The docs page ``path`` as the engine converts it before its blocks are known: its source
    (front matter as written) with a placeholder for the status block after its first H1 when it
    is a ``manual`` page, and one for the footer at its end. :func:`held_blocks` gives what fills
    them: the text needs only the file, so the engine can convert it before the manual is judged."""
    status = Decoration(Held.mark(0)) if manual else None
    return decorate(source, status, Held.mark(1 if manual else 0), path, front_matter=False)


def held_blocks(decoration: Decoration | None, footer: str, path: str, directory_urls: bool) -> tuple[list[str], list[str]]:
    """What fills the placeholders of :func:`held_text`, as :meth:`Held.hold` keeps it: the status
    block of ``decoration`` (a manual page) and the ``footer``, each one HTML block, with the
    parts held until after search (``late``). A block :func:`~generator.site.prerender.prerender`
    cannot write whole (none of opsmanual's: a test checks every fixture) is converted here as
    the engine would, with the extensions it is written for."""
    held = Held()
    hold = held.hold(path)
    href = page_href(path, directory_urls)
    blocks, late = held.blocks[path], held.late[path]
    for region in ([decoration.status] if decoration is not None else []) + [footer]:
        count, held_late = len(blocks), len(late)
        if prerender(region, href, hold).strip() != Held.mark(count):
            del blocks[count:], late[held_late:]
            hold(_converted(region, href))
    return blocks, late


def _converted(markdown_text: str, href: Href) -> str:
    """``markdown_text`` as Python-Markdown converts it with :data:`REQUIRED_EXTENSIONS`, each
    relative link made the URL the engine would write (:func:`page_href`)."""
    import markdown

    converted = markdown.Markdown(extensions=list(REQUIRED_EXTENSIONS)).convert(markdown_text)
    return _HREF.sub(lambda found: f'href="{html.escape(href(html.unescape(found.group(1))))}"', converted)


_HREF = re.compile(r'href="([^"]*)"')


def replaced_by_generated(docs_dir: str, path: str, page: str | None = None) -> str:
    """Why a generated page is left out: the site's own page ``page`` (default: ``path``) has its URL."""
    return (f"{docs_dir}/{page or path} is the site's own page at the URL of opsmanual's generated {path}: "
            f"the site's page is kept and the generated one left out (move the page to get it back)")
