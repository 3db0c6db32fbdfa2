"""The preview's judged project, kept in memory between rebuilds (``opsmanual serve``).

Each rebuild re-loads only the files that changed (``load.project.LoadCache``), re-uses the
metric cube while the snapshots are the same, re-judges and re-renders, and says which pages of
the site must be rendered again: the edited pages, every page whose status block changed and
every generated page whose source changed. A change to ``mkdocs.yml``, a page added or removed,
a page's new title (every page's navigation names it), a new footer or a different set of
generated pages needs the whole site (``full``).

An edit to pages alone (no data, no ``mkdocs.yml``) takes a fast path: the edited pages are
rendered at once with the status blocks they had, and the judgement runs in a worker thread;
when it changes what the site shows, ``on_judged`` asks the server for another (small) rebuild.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..load.problems import InputError, Problem
from ..load.project import LoadCache, load_project
from ..metrics.cube import Cube
from ..model.page import Page
from ..model.project import Project
from ..pipeline import Prepared, prepare_loaded
from ..site.bundle import SiteBundle, SiteMeta
from ..vcs import source_commit
from .source import generated_source

FULL, DIRTY, ERROR = "full", "dirty", "error"
log = logging.getLogger("mkdocs.commands.serve")


@dataclass(frozen=True)
class Update:
    """What the next build must do: ``full``, ``dirty`` (render only ``rebuild``, docs-relative
    source paths) or ``error`` (the manual cannot be read: ``problems``)."""

    kind: str
    prepared: Prepared | None = None
    rebuild: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()


class LiveProject:
    def __init__(self, config_file: Path, *, as_of: datetime.date | None = None,
                 on_judged: Callable[[], None] | None = None) -> None:
        self.config_file = config_file
        self.root = config_file.parent
        self.as_of = as_of
        self.on_judged = on_judged
        self.cache = LoadCache()
        self.titles: dict[str, str] = {}  # page titles of the site as built (the nav of a dirty build needs them)
        self._shown: Prepared | None = None  # whose bundle the site shows
        self._shown_pages: dict[str, Page] = {}  # the pages as the site shows them
        self._config_text: bytes | None = None  # mkdocs.yml as the site was fully built from
        self._sources: tuple[int, dict[str, str]] | None = None  # the shown bundle's generated page sources
        self._cube: Cube | None = None
        self._latest: Project | None = None
        self._ready: Prepared | None = None  # the worker's judgement of _latest, not shown yet
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="opsmanual-judge")
        self._future: Future[None] | None = None
        self._judging: Project | None = None  # what the worker was given last
        self._pending: Project | None = None  # to judge once the build that shows the edit is done
        self._stats: tuple[tuple, tuple] | None = None  # LoadCache.stats of the data dir at the last look

    def reset(self) -> None:
        """The site no longer shows a judged bundle (an error page, a failed build): the next is full."""
        self._wait()
        with self._lock:
            self._shown, self._shown_pages, self._ready, self._latest = None, {}, None, None
            self._pending = None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def update(self) -> Update:
        """Load what changed and decide the next build. Never raises ``InputError``."""
        try:
            text = self.config_file.read_bytes()
        except OSError:
            text = b""
        if not self._only_pages_may_differ(text):
            self._wait()  # the worker must not judge while the data is re-read (one DuckDB connection)
            self._release_snapshots()
        try:
            project = load_project(self.root, self.config_file, self.cache)
        except InputError as exc:
            # The site keeps its pages aside meanwhile (serve.ErrorSite): what it shows stays known.
            with self._lock:
                self._latest = self._ready = None
            return Update(ERROR, problems=tuple(exc.problems))
        with self._lock:
            self._latest = project
            shown, ready = self._shown, self._ready
        pages = {page.path: page for page in project.pages}
        if shown is None or text != self._config_text or pages.keys() != self._shown_pages.keys():
            self._wait()
            return self._show(self._judge(project), pages, text, None)
        edited = {path for path, page in pages.items() if self._shown_pages[path] != page}
        if any(pages[path].title != self._shown_pages[path].title for path in edited):
            self._wait()  # a new title: every page's navigation names it
            return self._show(self._judge(project), pages, text, None)
        if not _same_data(project, shown.project):
            self._wait()
            return self._show(self._judge(project), pages, text, edited)
        if ready is not None and _same_input(ready.project, project):
            return self._show(ready, pages, text, edited)
        # The fast path: the edited pages now, with the status blocks they had; the judgement follows
        # once they are built (:meth:`judge_pending`): judging beside the build would take the
        # interpreter from it (one core at a time), and the edited page would show later.
        self._shown_pages.update((path, pages[path]) for path in edited)
        if not _same_input(shown.project, project):
            self._pending = project
        return Update(DIRTY, shown, frozenset(edited))

    def judge_pending(self) -> None:
        """Start judging the edit the last build showed with the status blocks it had, if any."""
        project, self._pending = self._pending, None
        if project is not None:
            self._submit(project)

    # -- judging ---------------------------------------------------------------------------

    def _judge(self, project: Project) -> Prepared:
        """``pipeline.prepare`` over a loaded project, re-using the cube while the snapshots are the same."""
        prepared = prepare_loaded(project, as_of=self.as_of, today=datetime.date.today(), cube=self._cube,
                                  meta=SiteMeta(commit=source_commit(self.root)))
        self._cube = prepared.cube
        return prepared

    def _submit(self, project: Project) -> None:
        future, judging = self._future, self._judging
        if future is not None and not future.done() and judging is not None and _same_input(judging, project):
            return  # already being judged
        self._judging = project
        self._future = self._pool.submit(self._judge_later, project)

    def _judge_later(self, project: Project) -> None:
        with self._lock:
            if self._latest is None or not _same_input(project, self._latest):
                return  # a newer load is queued behind this one
        prepared = self._judge(project)
        with self._lock:
            if self._latest is None or not _same_input(project, self._latest) or self._shown is None:
                return
            changes = self.changes(prepared.bundle)
            if changes is not None and not changes:  # the site already shows what this judgement would
                self._shown, self._ready = prepared, None
            else:
                self._ready = prepared
        if changes is None or changes:
            count = "every page" if changes is None else f"{len(changes)} page(s)"
            log.info(f"Judged the edit: {count} to render again")
            if self.on_judged is not None:
                self.on_judged()
        else:
            log.info("Judged the edit: no other page changes")

    def _wait(self) -> None:
        future = self._future
        if future is not None:
            try:
                future.result()
            except Exception:  # noqa: BLE001 - the next synchronous judgement says what is wrong
                pass

    def _only_pages_may_differ(self, text: bytes) -> bool:
        """Cheap: mkdocs.yml and every data file as they were at the last load."""
        latest = self._latest
        if latest is None or text != self._config_text:
            return False
        data_dir = self.root / latest.config.settings.data_dir
        catalogs, snapshots = self._stats = LoadCache.stats(data_dir)
        cache = self.cache
        return (cache.catalogs_key is not None and cache.catalogs_key[0] == latest.config.settings.data_dir
                and cache.current(data_dir, cache.catalogs_key[1], catalogs)
                and cache.snapshots_key is not None and cache.current(data_dir, cache.snapshots_key[0], snapshots))

    def _release_snapshots(self) -> None:
        """Before the snapshots are read again, let go of the shown ones and of the cube over them:
        the next read replaces their grouped rows (keeping those of the files that did not change)."""
        cache, stats, latest = self.cache, self._stats, self._latest
        if cache.read is None or cache.snapshots_key is None:
            return
        data_dir = self.root / (latest.config.settings.data_dir if latest is not None else cache.snapshots_key[2])
        if stats is not None and cache.current(data_dir, cache.snapshots_key[0], stats[1]):
            return
        cache.snapshots = cache.known = None  # nothing queries the shown project's snapshots any more
        self._cube = None

    # -- what the site shows ---------------------------------------------------------------

    def _show(self, prepared: Prepared, pages: dict[str, Page], text: bytes, edited: set[str] | None) -> Update:
        with self._lock:
            changes = None if edited is None else self.changes(prepared.bundle)
            self._shown, self._shown_pages, self._ready = prepared, pages, None
            if changes is None:
                self._config_text = text
                return Update(FULL, prepared)
            return Update(DIRTY, prepared, frozenset(changes | (edited or set())))

    def changes(self, bundle: SiteBundle) -> set[str] | None:
        """The pages ``bundle`` renders differently from the bundle shown; None: all of them."""
        shown = self._shown
        if shown is None:
            return None
        old = shown.bundle
        if bundle.footer != old.footer or bundle.stylesheet != old.stylesheet:
            return None
        before, after = self._generated(old), _sources(bundle)
        if before.keys() != after.keys():
            return None
        changed = {path for path, source in after.items() if before[path] != source}
        paths = old.decorations.keys() | bundle.decorations.keys()
        changed |= {path for path in paths if old.decorations.get(path) != bundle.decorations.get(path)}
        return changed

    def _generated(self, bundle: SiteBundle) -> dict[str, str]:
        if self._sources is None or self._sources[0] != id(bundle):
            self._sources = (id(bundle), _sources(bundle))
        return self._sources[1]


def _sources(bundle: SiteBundle) -> dict[str, str]:
    return {page.path: generated_source(page, bundle.footer) for page in bundle.pages}


def _same_data(new: Project, old: Project) -> bool:
    """The same catalogs, metric catalog, plan and snapshots (the cache hands back the same objects)."""
    same_snapshots = new.snapshots is old.snapshots or (new.snapshots.engine is None and new.snapshots == old.snapshots)
    return (new.catalogs is old.catalogs and new.metrics is old.metrics and new.plan is old.plan
            and same_snapshots and new.config == old.config)


def _same_input(new: Project, old: Project) -> bool:
    return new.pages == old.pages and _same_data(new, old)


def problem_lines(problems: Sequence[Problem]) -> str:
    return "\n".join(f"  {problem}" for problem in problems)
