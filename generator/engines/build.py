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

from ..model.findings import Severity
from ..pipeline import Prepared
from .errors import BuildError

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


def _check_target(target: Path, prepared: Prepared) -> None:
    root = prepared.project.root.resolve()
    protected = [root / prepared.project.config.docs_dir, root / prepared.project.config.settings.data_dir]
    resolved = target.resolve()
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or folder in resolved.parents or resolved in folder.parents:
            raise BuildError(f"the site dir {target} overlaps {folder}; choose a separate folder such as 'site'")


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
    prepared: Prepared,
    *,
    engine: str = "mkdocs",
    site_dir: Path | None = None,
    strict: bool = False,
    quiet: bool = True,
    version_selector: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build ``prepared`` with ``engine`` into ``site_dir`` (default: ``site`` beside mkdocs.yml)."""
    if engine not in ENGINES:
        raise BuildError(f"unknown engine '{engine}'; use one of {', '.join(ENGINES)}")
    root = prepared.project.root
    target = Path(site_dir) if site_dir is not None else root / "site"
    _check_target(target, prepared)
    if strict:
        blocking = prepared.judgement.at_least(Severity.WARNING)
        if blocking:
            raise BuildError(
                f"--strict: {len(blocking)} finding(s) at warning or above; run 'opsmanual check' to list them"
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    warnings: list[str] = []
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        with source_date_epoch(prepared.judgement.as_of):
            if engine == "mkdocs":
                from . import mkdocs_build

                built = work / "site"
                warnings = mkdocs_build.build(prepared, built, quiet=quiet, version_selector=version_selector,
                                              progress=progress)
            elif engine == "properdocs":
                from . import properdocs_build

                built = work / "site"
                warnings = properdocs_build.build(prepared, built, quiet=quiet)
            else:
                from . import zensical_tree

                built = zensical_tree.build(prepared, work, quiet=quiet)
        swap_in(built, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(target, tuple(warnings))
