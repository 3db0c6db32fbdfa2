"""Build a site: prepare with the core, run an engine into a temporary folder, swap it in.

A failed build leaves the previous site untouched; a build never writes into the docs or data
dirs. ``SOURCE_DATE_EPOCH`` is set from the as-of date so that the same sources and as-of date
give byte-identical output.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from ..metrics.format import plural
from ..pipeline import Prepared
from ..site.bundle import REPORT_FILE
from .errors import BuildError, SiteDirError
from .handover import Facts, Judged, Streamed, facts_of

ENGINES = ("mkdocs", "properdocs", "zensical")


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    warnings: tuple[str, ...] = ()


@contextlib.contextmanager
def source_date_epoch(day: date) -> Iterator[None]:
    """Pin build timestamps (sitemap, gzip headers) to the as-of date, then restore."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.combine(day, time(), UTC).timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _check_target(target: Path, facts: Facts) -> None:
    """Refuse a site dir that overlaps the sources, or an existing folder that is not a site.

    A build replaces the whole site dir, so only a folder that holds a site opsmanual built (its
    ``REPORT_FILE``, written into every site) or an empty one may be replaced: ``-d .git`` or
    ``-d docs`` must never wipe what is there.
    """
    root = facts.root.resolve()
    protected = [root / facts.docs_dir, root / facts.data_dir]
    resolved = target.resolve()
    if resolved == root or resolved in root.parents:
        raise SiteDirError(f"the site dir {target} holds the project itself; choose a folder such as 'site'")
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or folder in resolved.parents or resolved in folder.parents:
            raise SiteDirError(f"the site dir {target} overlaps {folder}; choose a separate folder such as 'site'")
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise SiteDirError(f"the site dir {target} is not a folder; choose a folder such as 'site'")
    if target.is_dir() and not (target / REPORT_FILE).is_file() and any(target.iterdir()):
        raise SiteDirError(
            f"{target} is not empty and holds no site built by opsmanual (no {REPORT_FILE}); "
            "a build replaces its site dir, so choose a new or empty folder, or remove this one first"
        )


@contextlib.contextmanager
def _target_lock(target: Path) -> Iterator[None]:
    """One build at a time per site dir (a lock on its parent folder), and clean the temporary
    folders that builds killed midway left beside it: under the lock, none is in use."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, no cleaning
        yield
        return
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        for kind in ("building", "old"):
            for stale in target.parent.glob(f".{glob_escape(target.name)}.{kind}-*"):
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        os.close(fd)  # releases the lock


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def swap_in(built: Path, target: Path) -> None:
    """Replace ``target`` with ``built`` using renames in the same parent folder."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        built.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(
    prepared: Prepared | Streamed,
    *,
    engine: str = "mkdocs",
    site_dir: Path | None = None,
    strict: bool = False,
    quiet: bool = True,
    version_selector: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build ``prepared`` with ``engine`` into ``site_dir`` (default: ``site`` beside mkdocs.yml).
    A manual still being prepared in a child process (``Streamed``) builds with MkDocs only."""
    if engine not in ENGINES:
        raise BuildError(f"unknown engine '{engine}'; use one of {', '.join(ENGINES)}")
    if isinstance(prepared, Streamed) and engine != "mkdocs":
        raise BuildError(f"a manual prepared beside the build is built with mkdocs, not {engine}")
    facts = facts_of(prepared)
    target = Path(site_dir) if site_dir is not None else facts.root / "site"
    _check_target(target, facts)
    if strict:  # refused before anything is built: a manual still being judged is waited for
        blocking = prepared.judged.blocking if isinstance(prepared, Streamed) else Judged.blocking_in(prepared.judgement)
        if blocking:
            raise BuildError(
                f"--strict: {plural(blocking, 'finding')} at warning or above; run 'opsmanual check' to list them"
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    with _target_lock(target):
        _check_target(target, facts)  # again: another build may have finished meanwhile
        return _build_into(prepared, facts, engine, target, quiet, version_selector, progress)


def _build_into(prepared: Prepared | Streamed, facts: Facts, engine: str, target: Path, quiet: bool, version_selector: bool,
                progress: Callable[[int, int], None] | None) -> BuildResult:
    warnings: list[str] = []
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        with source_date_epoch(facts.as_of):
            if engine == "mkdocs":
                from . import mkdocs_build

                built = work / "site"
                warnings = mkdocs_build.build(prepared, built, quiet=quiet, version_selector=version_selector,
                                              progress=progress)
            elif engine == "properdocs":
                from . import properdocs_build

                assert isinstance(prepared, Prepared)
                built = work / "site"
                warnings = properdocs_build.build(prepared, built, quiet=quiet)
            else:
                from . import zensical_tree

                assert isinstance(prepared, Prepared)
                built = zensical_tree.build(prepared, work, quiet=quiet)
        swap_in(built, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(target, tuple(warnings))
