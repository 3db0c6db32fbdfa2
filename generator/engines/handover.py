"""What an engine reads of a prepared manual: a header, the judgement, then each page as the engine gets it.

Two sources give the same things. :class:`InPlace` works them out from a :class:`Prepared` in this
process when the engine asks (the preview, ``mkdocs build`` with the plugin, publish). A
:class:`Streamed` source reads them from a child process that prepares the manual while the engine
runs (:mod:`generator.engines.preparer`, ``opsmanual build``): the header comes as soon as the
pages and catalogs are read, so that the engine lists its files and converts the pages (each read
from its file, its blocks as placeholders: :func:`page_text`) while the snapshots are read and the
manual judged, on the machine's other core; what fills each page comes after."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Protocol, TypeVar

from ..load.problems import InputError, Problem
from ..load.project import Loading
from ..model.config import resolve_as_of
from ..model.findings import Severity
from ..model.project import Project
from ..pipeline import Prepared, prepare_loaded
from ..report.text import summary_line
from ..rules.engine import Judgement
from ..site.bundle import Decoration, SiteMeta
from ..site.render import listed_pages
from ..site.style import STYLE
from .held import Held
from .source import generated_source, held_blocks, held_text

_T = TypeVar("_T")


@dataclass(frozen=True)
class Handed:
    """A generated page as the engine reads it: its source and the HTML held back from it (``Held``)."""

    text: str
    blocks: list[str]
    late: list[str]
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Filled:
    """What fills a docs page's placeholders (:func:`~generator.engines.source.held_text`): its
    status block and footer (``Held``), and the tags its findings give it."""

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
    """What a build needs to know of the manual before it is judged."""

    root: Path
    docs_dir: str
    data_dir: str
    config_file: str
    as_of: date
    pages: int  # manual pages
    directory_urls: bool

    @classmethod
    def of(cls, project: Project, as_of: date) -> Facts:
        return cls(root=project.root, docs_dir=project.config.docs_dir, data_dir=project.config.settings.data_dir,
                   config_file=project.config.file, as_of=as_of, pages=len(project.pages),
                   directory_urls=project.config.use_directory_urls)


@dataclass(frozen=True)
class Header:
    """What the engine needs before it reads a page: known once the pages and catalogs are read."""

    facts: Facts
    generated: tuple[Listed, ...]
    stylesheet: str
    manual: frozenset[str]  # the manual pages (docs-relative); MkDocs may read others (blog posts ...)

    @property
    def directory_urls(self) -> bool:
        return self.facts.directory_urls

    @classmethod
    def of(cls, prepared: Prepared) -> Header:
        return cls._of(prepared.project, prepared.judgement.as_of,
                       [(page.path, page.title) for page in prepared.bundle.planned])

    @classmethod
    def listed(cls, project: Project, as_of: date) -> Header:
        """The header of a project whose snapshots are still being read (``Loading.listed``)."""
        return cls._of(project, as_of, listed_pages(project, as_of))

    @classmethod
    def _of(cls, project: Project, as_of: date, generated: list[tuple[str, str]]) -> Header:
        return cls(Facts.of(project, as_of), tuple(Listed(*page) for page in generated), STYLE,
                   frozenset(page.path for page in project.pages))


@dataclass(frozen=True)
class Judged:
    """What the engine needs of the judgement, which may come after it started on the pages."""

    blocking: int  # findings at warning or above (``--strict``)
    summary: str  # the judgement's one-line summary
    report_json: str
    footer: str  # every page's last line (a docs page that is no manual page gets it too)

    @classmethod
    def of(cls, prepared: Prepared, report_json: str | None = None) -> Judged:
        """``report_json``: the bundle's report as JSON, when the caller kept it (the preview
        builds the same bundle again and again)."""
        judgement, bundle = prepared.judgement, prepared.bundle
        return cls(cls.blocking_in(judgement), summary_line(judgement),
                   bundle.report.to_json() if report_json is None else report_json, bundle.footer)

    @staticmethod
    def blocking_in(judgement: Judgement) -> int:
        """The findings that fail a ``--strict`` build: at warning or above."""
        return len(judgement.at_least(Severity.WARNING))


def facts_of(prepared: Prepared | Streamed) -> Facts:
    """The facts of a manual prepared here or being prepared beside (its header)."""
    if isinstance(prepared, Prepared):
        return Facts.of(prepared.project, prepared.judgement.as_of)
    return prepared.header.facts


class Sources(Protocol):
    """A prepared manual, page by page."""

    @property
    def header(self) -> Header:
        """What the engine needs first."""

    @property
    def judged(self) -> Judged:
        """What it needs of the judgement."""

    def filled(self, path: str) -> Filled:
        """What fills the placeholders of the docs page at ``path`` (docs-relative)."""

    def generated(self, path: str) -> Handed:
        """The generated page at ``path``."""


def page_text(header: Header, path: str) -> str:
    """The docs page at ``path`` as the engine converts it, its blocks still placeholders
    (:func:`~generator.engines.source.held_text`): read here, from the file."""
    facts = header.facts
    with open(facts.root / facts.docs_dir / path, encoding="utf-8-sig", errors="strict") as handle:
        source = handle.read()
    return held_text(source, path, path in header.manual)


def _filled(decoration: Decoration | None, footer: str, path: str, directory_urls: bool) -> Filled:
    blocks, late = held_blocks(decoration, footer, path, directory_urls)
    return Filled(blocks, late, decoration.tags if decoration else ())


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
        self.header = Header.of(prepared)
        self.judged = Judged.of(prepared, report_json)

    def filled(self, path: str) -> Filled:
        bundle = self.prepared.bundle
        return _filled(bundle.decoration(path), bundle.footer, path, self.directory_urls)

    def generated(self, path: str) -> Handed:
        return _generated(self.prepared, path, self.directory_urls)


# What a child process writes, in this order: a Header (or the problems that stop the build),
# a Judged (or the problems), then ("filled", path, Filled) for every manual page and
# ("generated", path, Handed) for every generated page, then END.
END = "end"


def walk_order(path: str) -> tuple[tuple[int, str, str], ...]:
    """The order in which MkDocs reads the pages of its docs dir (``get_files``: a folder's files,
    ``index``/``README`` first, before its sub-folders, each sorted by name)."""
    *folders, name = path.split("/")
    stem = name.rpartition(".")[0] or name
    return (*((1, folder, "") for folder in folders), (0, "" if stem in ("index", "README") else "~", name))


def stream(prepared: Prepared, header: Header | None = None) -> Iterator[object]:
    """Every message of a prepared manual, in the order a :class:`Streamed` source reads them:
    the header (unless it went out already: ``header``, which must list the same generated
    pages), the judgement, the manual pages in the engine's own order, then the generated pages.
    When the bundle was rendered without them (``decorated=False``), each status block and
    generated page is rendered just before it is sent."""
    if header is None:
        header = Header.of(prepared)
        yield header
    elif header != Header.of(prepared):
        raise RuntimeError("the manual's header changed between its listing and its judgement")
    judged = Judged.of(prepared)
    yield judged
    bundle = prepared.bundle
    for path in sorted(header.manual, key=walk_order):
        yield ("filled", path, _filled(bundle.decoration(path), judged.footer, path, header.directory_urls))
    for listed in header.generated:
        yield ("generated", listed.path, _generated(prepared, listed.path, header.directory_urls))
    yield END


def stream_manual(root: Path, *, as_of: date | None, today: date, meta: Callable[[], SiteMeta]) -> Iterator[object]:
    """:func:`stream` of the manual at ``root``, its header sent as soon as its pages and catalogs
    are read: the engine lists its files and converts the pages while the snapshots are read and
    the manual judged (``meta``, which may ask git, is made after the header). Raises
    ``InputError`` (after the header, when only the snapshots have problems)."""
    loading = Loading(root)
    listed = loading.listed
    header = None
    if listed is not None:
        header = Header.listed(listed, resolve_as_of(as_of, listed.config.settings, today))
        yield header
    prepared = prepare_loaded(loading.finish(), as_of=as_of, today=today, meta=meta(), decorated=False)
    yield from stream(prepared, header)


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
        self._waiting: dict[tuple[str, str], object] = {}
        self._header: Header | None = None
        self._judged: Judged | None = None

    @property
    def header(self) -> Header:
        """The header, read when first asked for (the caller starts the engine meanwhile). Raises
        ``InputError`` with the input's problems, or ``PreparingFailed``."""
        if self._header is None:
            self._header = self._expect(Header, "its header")
        return self._header

    @property
    def judged(self) -> Judged:
        """The judgement's part, read when first asked for. Raises as :attr:`header` does."""
        if self._judged is None:
            self.header  # noqa: B018 - the header comes first
            self._judged = self._expect(Judged, "its judgement")
        return self._judged

    def _expect(self, kind: type[_T], what: str) -> _T:
        message = self._next()
        if isinstance(message, list):  # the input's problems
            raise InputError([p for p in message if isinstance(p, Problem)])
        if not isinstance(message, kind):
            raise PreparingFailed(f"the manual could not be prepared: {what} is missing ({message!r})")
        return message

    def _next(self) -> object:
        try:
            message = pickle.load(self._reader)  # noqa: S301 - our own child process wrote it
        except EOFError:
            raise PreparingFailed("the process preparing the manual ended before it was done") from None
        if isinstance(message, Failed):
            message.error.add_note(f"In the process preparing the manual:\n{message.where}")
            raise message.error
        return message

    def _wait(self, kind: str, path: str) -> object:
        self.judged  # noqa: B018 - the header and the judgement come first
        key = (kind, path)
        while key not in self._waiting:
            message = self._next()
            if not isinstance(message, tuple):
                raise PreparingFailed(f"the prepared manual has no {'page' if kind == 'filled' else 'generated page'} {path}")
            got_kind, got_path, handed = message
            self._waiting[(got_kind, got_path)] = handed
        return self._waiting.pop(key)

    def filled(self, path: str) -> Filled:
        header = self.header
        if path not in header.manual:  # a docs page that is no manual page (a blog post): the footer only
            return _filled(None, self.judged.footer, path, header.directory_urls)
        found = self._wait("filled", path)
        assert isinstance(found, Filled)
        return found

    def generated(self, path: str) -> Handed:
        found = self._wait("generated", path)
        assert isinstance(found, Handed)
        return found
