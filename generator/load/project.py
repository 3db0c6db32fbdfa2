"""Load a whole manual project, collecting every input problem before deciding."""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.config import SiteConfig
from ..model.entities import CATALOG_OF
from ..model.project import Project
from ..model.snapshots import Snapshots
from .catalogs import load_catalogs
from .codeowners import with_codeowners
from .config import load_config
from .files import check_project_files
from .metric_catalog import load_metrics
from .pages import load_pages
from .plan import load_plan
from .problems import InputError, Problem, Problems
from .snapshot_checks import assemble_snapshots
from .snapshots import ReadSnapshots, read_snapshots
from .warehouse import load_source

FileStats = tuple[tuple[str, int, int], ...]  # (data-relative file, mtime, size) per file


@dataclass
class LoadCache:
    """What a long-running process (the preview) keeps between loads of the same project, so that
    a load reads again only the files that changed (by mtime and size, then by content for the data
    files, so that a file saved unchanged is not read again): the pages one by one; the
    catalogs, metric catalog and plan together when any file of the data dir outside ``snapshots/``
    changed; the snapshots when any of their files changed, parsing again only the files that
    changed (``read`` keeps the grouped rows of each file). What was read with problems is never
    kept (but the last read's grouped rows stay, for the next). Unchanged parts come back as the
    same objects (``is``), so a caller can tell them apart."""

    pages: dict[Path, tuple[tuple[int, int], Any]] = field(default_factory=dict)
    catalogs_key: tuple[str, FileStats] | None = None  # (data dir, its catalog files)
    catalogs: tuple[Any, ...] | None = None  # (metrics, catalogs, plan)
    snapshots_key: tuple[FileStats, tuple[str, ...], str] | None = None  # (files, measures, data dir) of ``read``
    read: ReadSnapshots | None = None  # the last read whose files were all parsed
    known: dict[str, set[str]] | None = None
    snapshots: Snapshots | None = None

    digests: dict[str, tuple[int, str]] = field(default_factory=dict)  # data-relative file: (mtime, digest)

    def current(self, data_dir: Path, kept: FileStats | None, now: FileStats) -> bool:
        """Whether the files of stats ``now`` hold what those of ``kept`` held: the same stats, or
        the same names and sizes with the same bytes where an mtime moved (saved unchanged)."""
        if kept is None or len(kept) != len(now):
            return False
        for (rel, mtime, size), (rel_now, mtime_now, size_now) in zip(kept, now, strict=True):
            if rel != rel_now or size != size_now:
                return False
            if mtime != mtime_now:
                known = self.digests.get(rel)
                if known is None or known[1] != _digest(data_dir / rel):
                    return False
        for rel, mtime, _ in now:
            known = self.digests.get(rel)
            if known is not None:
                self.digests[rel] = (mtime, known[1])
        return True

    def unchanged(self, data_dir: Path, kept: FileStats, now: FileStats) -> frozenset[str]:
        """The files of ``now`` that hold what they held in ``kept`` (data-relative names): the same
        size and mtime, or the same bytes where the mtime moved."""
        before = {rel: (mtime, size) for rel, mtime, size in kept}
        same: set[str] = set()
        for rel, mtime, size in now:
            old = before.get(rel)
            if old is None or old[1] != size:
                continue
            if old[0] != mtime:
                known = self.digests.get(rel)
                if known is None or known[1] != _digest(data_dir / rel):
                    continue
            same.add(rel)
        return frozenset(same)

    def remember(self, data_dir: Path, stats: FileStats) -> None:
        for rel, mtime, _ in stats:
            if self.digests.get(rel, (None,))[0] != mtime:
                self.digests[rel] = (mtime, _digest(data_dir / rel))

    @staticmethod
    def stats(data_dir: Path) -> tuple[FileStats, FileStats]:
        """The (catalogs, snapshots) keys of ``data_dir``: every file's path, mtime and size."""
        catalogs: list[tuple[str, int, int]] = []
        snapshots: list[tuple[str, int, int]] = []
        if data_dir.is_dir():
            for path in sorted(data_dir.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    rel = path.relative_to(data_dir)
                    into = snapshots if rel.parts[0] == "snapshots" else catalogs
                    into.append((rel.as_posix(), stat.st_mtime_ns, stat.st_size))
        return tuple(catalogs), tuple(snapshots)


def _digest(path: Path) -> str:
    digest = hashlib.blake2b()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def load_project(root: Path | str, config_file: Path | None = None, cache: LoadCache | None = None) -> Project:
    """Read the project at ``root``; raise :class:`InputError` listing every problem found.
    With ``cache``, re-use what it holds of files that did not change (see :class:`LoadCache`)."""
    return Loading(Path(root), config_file, cache).finish()


class Loading:
    """A project read in two steps. Constructing it reads the configuration, catalogs, metric
    catalog, plan and pages (the YAML and Markdown) while the snapshot files are parsed on another
    thread; :attr:`listed` is then the project without its snapshots (None when what was read so
    far has problems), for a caller that can start on the pages meanwhile. :meth:`finish` waits
    for the snapshots and gives the whole project, or raises :class:`InputError` listing every
    problem of both steps."""

    def __init__(self, root: Path, config_file: Path | None = None, cache: LoadCache | None = None) -> None:
        self.root, self.cache = root, cache
        self.problems = problems = Problems()
        self.config = config = load_site_config(root, problems, config_file)
        self.data_dir = data_dir = root / config.settings.data_dir
        unreadable = check_project_files(root, data_dir, root / config.docs_dir)
        if unreadable:  # read nothing from a tree that links out of the project or holds a FIFO
            raise InputError(unreadable)
        catalog_files, snapshots_key = LoadCache.stats(data_dir) if cache is not None else ((), ())
        catalogs_key = (config.settings.data_dir, catalog_files)
        reuse = (cache is not None and cache.catalogs is not None and cache.catalogs_key is not None
                 and cache.catalogs_key[0] == catalogs_key[0]
                 and cache.current(data_dir, cache.catalogs_key[1], catalogs_key[1]))
        if reuse and cache is not None:
            cache.catalogs_key = catalogs_key
        before = len(problems)
        # Nothing but pages is required: a missing data dir, like any missing catalog, is empty.
        metrics = cache.catalogs[0] if reuse and cache is not None and cache.catalogs else load_metrics(root, data_dir, problems)
        measures = {m.id for m in metrics.values() if m.is_measure}
        # The metric catalog is unreadable when it yields no measure but problems: which columns are
        # measures is then unknown, and judging the snapshots would only add false problems.
        self.skip_snapshots = not measures and bool(problems)
        self.from_database = config.settings.metrics_source is not None
        self.measures = measures
        self.key = key = (snapshots_key, tuple(sorted(measures)), config.settings.data_dir)
        self.cached = cached = (cache is not None and cache.read is not None and cache.snapshots_key is not None
                                and cache.snapshots_key[1:] == key[1:]
                                and cache.current(data_dir, cache.snapshots_key[0], key[0]))
        if cached and cache is not None:
            cache.snapshots_key = key
        # Parsing CSV is native and releases the GIL: do it while the YAML is parsed here.
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._reading: Future[ReadSnapshots] | None = None
        try:
            if not (self.skip_snapshots or self.from_database or cached):
                previous, unchanged = None, frozenset[str]()
                if cache is not None and cache.read is not None and cache.snapshots_key is not None:
                    previous = cache.read  # a snapshot edit: only the files that changed are parsed again
                    kept = cache.unchanged(data_dir, cache.snapshots_key[0], key[0])
                    unchanged = frozenset((data_dir / rel).relative_to(root).as_posix() for rel in kept)
                self._reading = self._pool.submit(read_snapshots, root, data_dir, measures, previous, unchanged)
            if reuse and cache is not None and cache.catalogs:
                _, catalogs, plan = cache.catalogs
            else:
                catalogs = load_catalogs(root, data_dir, problems)
                plan = load_plan(root, data_dir, metrics, problems)
                if cache is not None:
                    good = len(problems) == before
                    cache.catalogs_key, cache.catalogs = (catalogs_key, (metrics, catalogs, plan)) if good else (None, None)
                    if good:
                        cache.remember(data_dir, catalogs_key[1])
            pages = with_codeowners(root, load_pages(root, root / config.docs_dir, problems, config.not_pages,
                                                     cache.pages if cache is not None else None), catalogs.people)
        except BaseException:
            self._pool.shutdown(wait=True)
            raise
        self.catalogs, self.metrics, self.pages, self.plan = catalogs, metrics, tuple(pages), plan

    @property
    def listed(self) -> Project | None:
        """The project without its snapshots (still being read), or None when the pages, catalogs
        or configuration have problems (:meth:`finish` lists them)."""
        if self.problems:
            return None
        return Project(self.root, self.config, self.catalogs, self.metrics, self.pages, Snapshots.empty(), self.plan)

    def finish(self) -> Project:
        """The whole project, once its snapshots are read; raises :class:`InputError`."""
        try:
            read = self._reading.result() if self._reading is not None else None
        finally:
            self._pool.shutdown(wait=True)
        root, config, cache, problems, key = self.root, self.config, self.cache, self.problems, self.key
        if self.cached and cache is not None:
            read = cache.read
        catalogs = self.catalogs
        known = {dim: set(ids) for dim in CATALOG_OF if (ids := catalogs.ids(dim))}  # declared catalogs only
        if self.from_database and not self.skip_snapshots:
            snapshots = load_source(root, config, self.measures, known, problems)
        elif read is None:
            snapshots = Snapshots.empty()
        elif self.cached and cache is not None and cache.snapshots is not None and cache.known == known:
            snapshots = cache.snapshots
        else:
            assembled = Problems()
            snapshots = assemble_snapshots(read, known, assembled)
            problems.items.extend(assembled.items)
            if cache is not None:
                if read.engine is not None:  # its grouped rows seed the next read, good or not
                    cache.snapshots_key, cache.read = key, read
                cache.known, cache.snapshots = (known, snapshots) if not assembled else (None, None)
                if not assembled:
                    cache.remember(self.data_dir, key[0])
        if problems:
            raise InputError(problems.sorted())
        return Project(root, config, catalogs, self.metrics, self.pages, snapshots, self.plan)


def load_site_config(root: Path, problems: Problems, config_file: Path | None = None) -> SiteConfig:
    """Every loader's first step: the project folder and its ``mkdocs.yml`` (or ``config_file``).
    Raises :class:`InputError` when either is missing or unreadable; other problems are collected."""
    if not root.is_dir():
        raise InputError([Problem(str(root), None, None, "the project folder does not exist",
                                  "pass the folder that holds mkdocs.yml")])
    config = load_config(root, problems, config_file)
    if config is None:
        raise InputError(problems.sorted())
    return config
