"""HTML held back from an engine's Markdown conversion and put into the built page afterwards.

Status blocks, generated tables, charts and the footer reach the engine as placeholders: the
engine converts only the page's own Markdown, and the adapter fills each placeholder with its HTML
after the conversion (:meth:`Held.fill`), or after the search index read the page
(:meth:`Held.fill_late`) for what helps no search.
"""

from __future__ import annotations

import re

from ..site.prerender import Hold

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

    @staticmethod
    def mark(index: int) -> str:
        """The placeholder :meth:`hold` leaves for a page's block number ``index``: an HTML comment,
        which Python-Markdown passes through as it is, at almost no cost."""
        return f"<!--opsmanual-held:{index}-->"

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
            return self.mark(len(blocks) - 1)

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

    def fill_searchable(self, path: str, html_text: str, words: bool) -> str:
        """The page's HTML with each held block as a hidden element holding its
        :func:`searchable_words` (none unless ``words``), the block itself (its own late parts in
        place) held until :meth:`fill_late`: a search index then reads the blocks' words without
        parsing their markup (a persona page's listing of hundreds of assets, every status block)."""
        blocks, late = self.blocks.get(path), self.late.setdefault(path, [])
        if not blocks:
            return html_text

        def hidden(found: re.Match[str]) -> str:
            index = int(found.group(1))
            if index >= len(blocks):
                return found.group(0)
            whole = _fill(self._LATE, late, blocks[index])
            late.append(whole)
            return f'<div hidden data-opsmanual-late="{len(late) - 1}">{searchable_words(whole) if words else ""}</div>'

        return self._MARK.sub(hidden, html_text)

    def fill_late(self, path: str, html_text: str) -> str:
        """The page's HTML with each block held late in place of its placeholder."""
        return _fill(self._LATE, self.late.get(path), html_text)


def _fill(mark: re.Pattern[str], blocks: list[str] | None, html_text: str) -> str:
    if not blocks:
        return html_text
    return mark.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0), html_text)
