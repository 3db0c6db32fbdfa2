"""Load a whole manual project, collecting every input problem before deciding."""

from __future__ import annotations

from pathlib import Path

from ..model.project import Project
from .catalogs import load_catalogs
from .config import load_config
from .metric_catalog import load_metrics
from .pages import load_pages
from .problems import InputError, Problems
from .snapshots import load_snapshots

CATALOG_DIMENSIONS = {"owner", "persona", "stage", "channel", "content"}


def load_project(root: Path | str, config_file: Path | None = None) -> Project:
    """Read the project at ``root``; raise :class:`InputError` listing every problem found."""
    root = Path(root)
    problems = Problems()
    if not root.is_dir():
        raise InputError([_missing(root)])
    config = load_config(root, problems, config_file)
    if config is None:
        raise InputError(problems.sorted())
    data_dir = root / config.settings.data_dir
    if not data_dir.is_dir():
        problems.add(config.file, config.plugin_line, f"the data dir '{config.settings.data_dir}' does not exist",
                     "create it or set data_dir under the opsmanual plugin")
    catalogs = load_catalogs(root, data_dir, problems)
    metrics = load_metrics(root, data_dir, problems)
    measures = {m.id for m in metrics.values() if m.is_measure}
    snapshots = load_snapshots(root, data_dir, measures, CATALOG_DIMENSIONS, problems)
    pages = load_pages(root, root / config.docs_dir, problems)
    if problems:
        raise InputError(problems.sorted())
    return Project(root, config, catalogs, metrics, tuple(pages), snapshots)


def _missing(root: Path):  # type: ignore[no-untyped-def]
    from .problems import Problem

    return Problem(str(root), None, None, "the project folder does not exist", "pass the folder that holds mkdocs.yml")
