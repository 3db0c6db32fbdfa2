"""What an engine reads of a prepared manual: a header, then each page as the engine gets it.

Two sources give the same things. :class:`InPlace` works them out from a :class:`Prepared` in this
process when the engine asks (the preview, ``mkdocs build`` with the plugin, publish). A
:class:`Streamed` source reads them from a child process that prepares the manual while the engine
runs (:mod:`generator.engines.preparer`, ``opsmanual build``): the engine converts page after page
while the status blocks of the next ones are still being written, on the machine's other core.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Protocol

from ..load.problems import InputError, Problem
from ..model.findings import Severity
from ..pipeline import Prepared
from ..report.text import summary_line
from ..site.bundle import Decoration
from .source import Held, decorate, generated_source


@dataclass(frozen=True)
class Handed:
    """One page as the engine reads it: its source and the HTML held back from it (``Held``)."""

    text: str
    blocks: list[str]
    late: list[str]
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listed:
    """A generated page, as the engine's list of files needs it before any page is read."""

    path: str
    title: str


@dataclass(frozen=True)
class Facts:
    """What a build needs to know of the prepared manual besides its pages."""

    root: Path
    docs_dir: str
    data_dir: str
    config_file: str
    as_of: date
    pages: int  # manual pages
    blocking: int  # findings at warning or above (``--strict``)
    summary: str  # the judgement's one-line summary
    directory_urls: bool

    @classmethod
    def of(cls, prepared: Prepared) -> Facts:
        project = prepared.project
        return cls(
            root=project.root,
            docs_dir=project.config.docs_dir,
            data_dir=project.config.settings.data_dir,
            config_file=project.config.file,
            as_of=prepared.judgement.as_of,
            pages=len(project.pages),
            blocking=len(prepared.judgement.at_least(Severity.WARNING)),
            summary=summary_line(prepared.judgement),
            directory_urls=project.config.use_directory_urls,
        )


@dataclass(frozen=True)
class Header:
    """What the engine needs before it reads a page."""

    facts: Facts
    generated: tuple[Listed, ...]
    report_json: str
    stylesheet: str
    footer: str  # every page's last line (a docs page that is no manual page gets it too)
    manual: frozenset[str]  # the manual pages (docs-relative); MkDocs may read others (blog posts ...)

    @property
    def directory_urls(self) -> bool:
        return self.facts.directory_urls

    @classmethod
    def of(cls, prepared: Prepared, report_json: str | None = None) -> Header:
        """``report_json``: the bundle's report as JSON, when the caller kept it (the preview
        builds the same bundle again and again)."""
        bundle = prepared.bundle
        return cls(Facts.of(prepared), tuple(Listed(page.path, page.title) for page in bundle.planned),
                   bundle.report.to_json() if report_json is None else report_json, bundle.stylesheet,
                   bundle.footer, frozenset(page.path for page in prepared.project.pages))


class Sources(Protocol):
    """A prepared manual, page by page."""

    @property
    def header(self) -> Header:
        """What the engine needs first."""

    def page(self, path: str) -> Handed:
        """The manual page at ``path`` (docs-relative), decorated."""

    def generated(self, path: str) -> Handed:
        """The generated page at ``path``."""


def _page(prepared: Prepared, path: str, directory_urls: bool, decoration: Decoration | None) -> Handed:
    docs = prepared.project.root / prepared.project.config.docs_dir
    return _decorated(docs, path, directory_urls, decoration, prepared.bundle.footer)


def _decorated(docs: Path, path: str, directory_urls: bool, decoration: Decoration | None, footer: str) -> Handed:
    """The docs page at ``path`` with its status block (``decoration``) and the footer."""
    with open(docs / path, encoding="utf-8-sig", errors="strict") as handle:
        source = handle.read()
    held = Held()
    # The front matter stays as written: the engine parses it once, and the adapter merges the
    # tags and escapes the title in that parse.
    text = decorate(source, decoration, footer, path, directory_urls=directory_urls,
                    hold=held.hold(path), front_matter=False)
    return Handed(text, held.blocks[path], held.late[path], decoration.tags if decoration else ())


def _generated(prepared: Prepared, path: str, directory_urls: bool) -> Handed:
    bundle = prepared.bundle
    page = bundle.generated(path)
    held = Held()
    text = generated_source(page, bundle.footer, directory_urls=directory_urls, hold=held.hold(path))
    return Handed(text, held.blocks[path], held.late[path], page.tags)


class InPlace:
    """The pages of a :class:`Prepared`, each worked out when the engine asks for it (a dirty build
    of the preview asks for a few)."""

    def __init__(self, prepared: Prepared, directory_urls: bool, report_json: str | None = None) -> None:
        self.prepared = prepared
        self.directory_urls = directory_urls
        self.header = Header.of(prepared, report_json)

    def page(self, path: str) -> Handed:
        return _page(self.prepared, path, self.directory_urls, self.prepared.bundle.decoration(path))

    def generated(self, path: str) -> Handed:
        return _generated(self.prepared, path, self.directory_urls)


# What a child process writes, in this order: a Header (or the problems that stop the build),
# then ("page", path, Handed) for every manual page and ("generated", path, Handed) for every
# generated page, then END.
END = "end"


def walk_order(path: str) -> tuple[tuple[int, str, str], ...]:
    """The order in which MkDocs reads the pages of its docs dir (``get_files``: a folder's files,
    ``index``/``README`` first, before its sub-folders, each sorted by name)."""
    *folders, name = path.split("/")
    stem = name.rpartition(".")[0] or name
    return (*((1, folder, "") for folder in folders), (0, "" if stem in ("index", "README") else "~", name))


def stream(prepared: Prepared) -> Iterator[object]:
    """Every message of a prepared manual, in the order a :class:`Streamed` source reads them: the
    manual pages in the engine's own order, then the generated pages. When the bundle was
    rendered without them (``decorated=False``), each status block and generated page is rendered
    just before it is sent: the header goes out before any of them."""
    header = Header.of(prepared)
    yield header
    bundle = prepared.bundle
    for path in sorted((page.path for page in prepared.project.pages), key=walk_order):
        yield ("page", path, _page(prepared, path, header.directory_urls, bundle.decoration(path)))
    for listed in header.generated:
        yield ("generated", listed.path, _generated(prepared, listed.path, header.directory_urls))
    yield END


@dataclass(frozen=True)
class Failed:
    """The child could not go on: the exception it met (raised again in the engine's process, so
    the command reports it as it reports its own) and where, as the child's traceback."""

    error: BaseException
    where: str


class PreparingFailed(Exception):
    """The child process that prepares the manual failed or ended early."""


class Streamed:
    """Pages read in order from a pickled stream (a pipe from the child process), kept until the
    engine asks for them: the engine's order need not be the child's."""

    def __init__(self, reader: IO[bytes]) -> None:
        self._reader = reader
        self._waiting: dict[tuple[str, str], Handed] = {}
        self._header: Header | None = None

    @property
    def header(self) -> Header:
        """The header, read when first asked for (the caller starts the engine meanwhile). Raises
        ``InputError`` with the input's problems, or ``PreparingFailed``."""
        if self._header is None:
            first = self._next()
            if isinstance(first, list):  # the input's problems: no header
                raise InputError([p for p in first if isinstance(p, Problem)])
            if not isinstance(first, Header):
                raise PreparingFailed(f"the manual could not be prepared: {first!r}")
            self._header = first
        return self._header

    def _next(self) -> object:
        try:
            message = pickle.load(self._reader)  # noqa: S301 - our own child process wrote it
        except EOFError:
            raise PreparingFailed("the process preparing the manual ended before it was done") from None
        if isinstance(message, Failed):
            message.error.add_note(f"In the process preparing the manual:\n{message.where}")
            raise message.error
        return message

    def _wait(self, kind: str, path: str) -> Handed:
        self.header  # noqa: B018 - the header comes first
        key = (kind, path)
        while key not in self._waiting:
            message = self._next()
            if not isinstance(message, tuple):
                raise PreparingFailed(f"the prepared manual has no {'page' if kind == 'page' else 'generated page'} {path}")
            got_kind, got_path, handed = message
            self._waiting[(got_kind, got_path)] = handed
        return self._waiting.pop(key)

    def page(self, path: str) -> Handed:
        header = self.header
        if path not in header.manual:  # a docs page that is no manual page (a blog post): the footer only
            facts = header.facts
            return _decorated(facts.root / facts.docs_dir, path, facts.directory_urls, None, header.footer)
        return self._wait("page", path)

    def generated(self, path: str) -> Handed:
        return self._wait("generated", path)
