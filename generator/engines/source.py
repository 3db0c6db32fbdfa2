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


CHARTS = '<div class="opsmanual-charts">'  # a line of drawn charts (site/kpi_table.py, site/overview.py)
SPARKLINE = re.compile(r'<svg class="opsmanual-spark" .*?</svg>', re.S)  # a KPI table's trend (site/sparkline.py)
KPI_TABLE = re.compile(r'<div class="opsmanual-kpis">\n<table>.*?</table>\n</div>', re.S)  # a status block's KPIs
FOOTER = re.compile(r'<p><small class="opsmanual-footer">[^<]*</small></p>')  # every page's last line (site/footer.py)


# What a search index keeps of a block's markup (Zensical and MkDocs' search alike): these elements,
# bare, for the layout of a result; of every other element only its text.
_SEARCH_KEEPS = frozenset({"p", "ul", "ol", "li", "small", "code", "pre"})
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_SPACE = re.compile(r"\s+")


def _search_tag(found: re.Match[str]) -> str:
    closing, name = found.group(1), found.group(2).lower()
    if name in _SEARCH_KEEPS:
        return f"<{closing}{name}>"
    # A line break or a cell boundary separates words (a table's cells, the assets in a cell).
    return " " if name == "br" or (closing and name in ("td", "th", "tr", "div")) else ""


def searchable_words(block: str) -> str:
    """What a search index reads of an HTML ``block``: its text (entities as written) and its
    paragraphs and lists, without the KPI tables, sparklines, drawn charts and footer, which no
    search reads (see :class:`Held`). One line, with no ``div``: :meth:`Held.fill_late` finds its end."""
    if "opsmanual-kpis" in block:
        block = KPI_TABLE.sub("", block)
    if "opsmanual-spark" in block:
        block = SPARKLINE.sub("", block)
    if CHARTS in block:
        block = "\n".join(line for line in block.split("\n") if not line.startswith(CHARTS))
    if "opsmanual-footer" in block:
        block = FOOTER.sub("", block)
    return _SPACE.sub(" ", _ANY_TAG.sub(_search_tag, block)).strip()


class Held:
    """HTML held back from the engine, by page, put into the built page by the adapter.

    ``hold(path)`` (the MkDocs plugin) replaces each HTML block of the page by a placeholder
    comment that :meth:`fill` replaces in the page's HTML after the Markdown conversion
    (Python-Markdown passes an HTML comment through as it is, at almost no cost). Each status
    block's KPI table (``KPI_TABLE``, with its sparklines), each line of drawn charts (``CHARTS``)
    and each other sparkline (``SPARKLINE``) is held further, until :meth:`fill_late`, after the
    search index has read the page: they are most of a status block's markup, and their cells,
    ticks and numbers help no search (a KPI that misses is named, in words, by the finding above
    the table). So is the footer (``FOOTER``): the same words on every page, which would make
    every page's last section a match for "data", "source" or "build". On the enterprise benchmark project, parsing the KPI tables was 0.35 s of the
    0.6 s MkDocs' search plugin spent on status blocks.

    ``hold_late(path, words)`` (an engine without hooks: Zensical) holds each block whole until
    :meth:`fill_late`, which the adapter applies to the built page; the engine reads a hidden
    element in its place, holding the block's :func:`searchable_words` when ``words``."""

    _MARK = re.compile(r"<!--opsmanual-held:(\d+)-->")
    # An element, not a comment: between the two events other plugins see the page, and a
    # minifier may drop comments there. It may hold a block's words (no div: its end is the first
    # closing div).
    _LATE = re.compile(r'<div hidden data-opsmanual-late="(\d+)">[^<]*(?:<(?!/div>)[^<]*)*</div>')

    def __init__(self) -> None:
        self.blocks: dict[str, list[str]] = {}
        self.late: dict[str, list[str]] = {}

    def hold(self, path: str) -> Hold:
        """A fresh ``hold`` for the page ``path`` (its earlier blocks are dropped)."""
        blocks = self.blocks[path] = []
        late = self.late[path] = []

        def later(found: re.Match[str]) -> str:
            late.append(found.group(0))
            return f'<div hidden data-opsmanual-late="{len(late) - 1}"></div>'

        def keep(block: str) -> str:
            if "opsmanual-kpis" in block:
                block = KPI_TABLE.sub(later, block)
            if "opsmanual-spark" in block:
                block = SPARKLINE.sub(later, block)
            if "opsmanual-footer" in block:
                block = FOOTER.sub(later, block)
            if CHARTS in block:
                lines = block.split("\n")
                for index, line in enumerate(lines):
                    if line.startswith(CHARTS):
                        late.append(line)
                        lines[index] = f'<div hidden data-opsmanual-late="{len(late) - 1}"></div>'
                block = "\n".join(lines)
            blocks.append(block)
            return f"<!--opsmanual-held:{len(blocks) - 1}-->"

        return keep

    def hold_late(self, path: str, words: bool) -> Hold:
        """A fresh ``hold`` for the page ``path`` that holds each HTML block whole until
        :meth:`fill_late`: the engine reads a hidden element in its place, holding the block's
        searchable words when ``words`` (a page in search), else none."""
        self.blocks[path] = []
        late = self.late[path] = []

        def keep(block: str) -> str:
            late.append(block)
            shown = searchable_words(block) if words else ""
            return f'<div hidden data-opsmanual-late="{len(late) - 1}">{shown}</div>'

        return keep

    def put(self, path: str, blocks: list[str], late: list[str]) -> None:
        """The page's blocks, held elsewhere (:mod:`generator.engines.handover`)."""
        self.blocks[path] = blocks
        self.late[path] = late

    def forget(self, path: str) -> None:
        """Let go of the page's blocks (a page that is read again is held again)."""
        self.blocks.pop(path, None)
        self.late.pop(path, None)

    def fill(self, path: str, html_text: str) -> str:
        """The page's HTML with each held block in place of its placeholder."""
        return _fill(self._MARK, self.blocks.get(path), html_text)

    def fill_late(self, path: str, html_text: str) -> str:
        """The page's HTML with each block held late in place of its placeholder."""
        return _fill(self._LATE, self.late.get(path), html_text)


def _fill(mark: re.Pattern[str], blocks: list[str] | None, html_text: str) -> str:
    if not blocks:
        return html_text
    return mark.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0), html_text)


def replaced_by_generated(docs_dir: str, path: str, page: str | None = None) -> str:
    """Why a generated page is left out: the site's own page ``page`` (default: ``path``) has its URL."""
    return (f"{docs_dir}/{page or path} is the site's own page at the URL of opsmanual's generated {path}: "
            f"the site's page is kept and the generated one left out (move the page to get it back)")
